"""The on-disk layout of KB_HOME's indexes, whatever the backend writes into a build.

    indexes/<build_id>/...files..., manifest.json
    current   - the live build id (replaced atomically with os.replace)
    previous  - the build before it, for `kb rollback`
    pointers.pending - while a swap or rollback changes both: "<new current> <new previous>" (see set_pointers)

A build is written into `indexes/.partial-<build_id>/`, checked, renamed into place and only then named in
`current`. A crash at any point leaves `current` naming the last complete build. Readers load everything they
need into memory when they open, so swapping or pruning builds never breaks a running reader.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from kb.errors import CorruptIndex, NoIndex
from kb.schema import Manifest

MANIFEST = "manifest.json"
KEEP_BUILDS = 3

def new_build_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_BUILD_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")


def write_pointer(home: Path, name: str, build_id: str) -> None:
    tmp = home / f".{name}.{os.getpid()}.tmp"
    target = home / name
    tmp.unlink(missing_ok=True)  # a stale file or a planted link: never written through
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(build_id + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if target.is_dir() and not target.is_symlink():  # a damaged pointer: a directory where the file belongs
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(home)


PENDING = "pointers.pending"


def _pending_pair(home: Path) -> Optional[tuple[str, str]]:
    """(new current, new previous) a swap or rollback was setting, or None."""
    value = _read_id_file(Path(home) / PENDING)
    parts = (value or "").split()
    return (parts[0], parts[1]) if len(parts) == 2 and all(_BUILD_ID.match(p) for p in parts) else None


def set_pointers(home: Path, current: str, previous: Optional[str]) -> None:
    """`current` and `previous` changed as one step. Two files cannot be replaced at once, so the pair is written
    to `pointers.pending` first; writing `current` is the commit point. Killed before it: the old pair stands and
    the pending file is void. Killed after it: `previous` is read from the pending file (read_pointer) until
    `settle_pointers` writes it. No reader ever sees `current` and `previous` naming one build."""
    home = Path(home)
    if previous and previous != current:
        write_pointer(home, PENDING, f"{current} {previous}")
    write_pointer(home, "current", current)
    if previous and previous != current:
        write_pointer(home, "previous", previous)
    (home / PENDING).unlink(missing_ok=True)
    fsync_dir(home)


def settle_pointers(home: Path) -> None:
    """Finish or void a swap or rollback that was killed halfway (see set_pointers). Run under the ingest lock."""
    home = Path(home)
    if not os.path.lexists(home / PENDING):
        return
    pair = _pending_pair(home)
    if pair and read_pointer(home, "current") == pair[0]:
        write_pointer(home, "previous", pair[1])
    (home / PENDING).unlink(missing_ok=True)
    fsync_dir(home)


def _read_id_file(path: Path) -> Optional[str]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        return os.read(fd, 256).decode("ascii").strip() if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)


def read_pointer(home: Path, name: str, strict: bool = False) -> Optional[str]:
    """The build id a pointer file names; None when absent. A damaged pointer (not a build id, a directory,
    unreadable bytes, a symbolic link: never followed) is None, or CorruptIndex with `strict`; an ingest
    replaces it (os.replace replaces a link, never what it names). `previous` is read from a pending swap or
    rollback whose `current` is written (set_pointers)."""
    if name == "previous" and os.path.lexists(Path(home) / PENDING):
        pair = _pending_pair(home)
        if pair and read_pointer(home, "current") == pair[0]:
            return pair[1]
    path = Path(home) / name
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP and strict:
            raise CorruptIndex(f"{path} is a symbolic link; refusing to follow it: remove it, then run `kb ingest` "
                               "or `kb rollback`") from None
        fd = None
    value = None
    if fd is not None:
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                value = os.read(fd, 256).decode("ascii").strip()
        except (OSError, UnicodeDecodeError):
            value = None
        finally:
            os.close(fd)
    if value and _BUILD_ID.match(value):
        return value
    if value == "":
        return None
    if strict:
        raise CorruptIndex(f"{path} is damaged (it does not name a build): run `kb ingest` to repair it or `kb rollback`")
    return None


def build_dir(home: Path, build_id: str) -> Path:
    return Path(home) / "indexes" / build_id


def swap_current(home: Path, build_id: str) -> None:
    settle_pointers(home)
    old = read_pointer(home, "current")
    set_pointers(home, build_id, old if old and old != build_id else None)


def rollback(home: Path) -> str:
    """Make the previous build current again (and the current one previous). Returns the build now live.
    The caller holds the ingest lock, so no ingest can swap or prune in between."""
    home = Path(home)
    settle_pointers(home)
    for name in ("current", "previous"):
        if (home / name).is_symlink():
            raise CorruptIndex(f"{home / name} is a symbolic link; refusing to follow it: remove it, then run `kb ingest`")
    previous = read_pointer(home, "previous")
    if not previous or not (build_dir(home, previous) / MANIFEST).is_file():
        raise NoIndex("there is no previous index to roll back to")
    verify_build(build_dir(home, previous))
    set_pointers(home, previous, read_pointer(home, "current"))
    return previous


def prune_builds(home: Path, keep: int = KEEP_BUILDS, keep_partial: Optional[str] = None) -> None:
    """Remove old builds and abandoned ones; never the current or previous build. Run under the ingest lock.

    The newest build that was ever live is always current or previous (a swap makes the new build current, a
    rollback trades the two), so a complete build newer than both never went live: a nightly killed during its
    canaries left it. It is removed, and does not count among the `keep` kept for rollbacks."""
    root = Path(home) / "indexes"
    settle_pointers(home)
    protected = {read_pointer(home, "current"), read_pointer(home, "previous")} - {None}
    complete = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    newest_live = max(protected, default="")
    never_live = [p for p in complete if p.name not in protected and p.name > newest_live]
    kept = [p for p in complete if p not in never_live]
    for path in never_live + kept[:-keep]:
        if path.name not in protected:
            shutil.rmtree(path, ignore_errors=True)
    # only the writer holding the ingest lock prunes, so any other partial build was abandoned by a crash
    for path in root.glob(".partial-*"):
        if path.name != keep_partial:
            shutil.rmtree(path, ignore_errors=True)


def read_manifest(directory: Path) -> Manifest:
    try:
        return Manifest.model_validate_json((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoIndex(f"no manifest in {directory}: run `kb ingest`") from None
    except ValueError as error:
        raise CorruptIndex(f"the manifest in {directory} is unreadable ({error.__class__.__name__}): run `kb ingest`") from None


def verify_build(directory: Path, manifest: Optional[Manifest] = None) -> Manifest:
    """Raise CorruptIndex unless every file the manifest lists matches its size and sha256."""
    manifest = manifest or read_manifest(directory)
    if not manifest.file_checksums:
        raise CorruptIndex(f"the manifest in {directory} lists no index files: run `kb ingest`")
    for name in manifest.file_checksums:
        path = directory / name
        if not path.is_file():
            raise CorruptIndex(f"index file {name} is missing in {directory}: run `kb ingest` or `kb rollback`")
        if path.stat().st_size != manifest.file_sizes.get(name) or sha256_file(path) != manifest.file_checksums.get(name):
            raise CorruptIndex(
                f"index file {name} does not match its manifest checksum (truncated or corrupted): "
                "run `kb ingest` to rebuild or `kb rollback`"
            )
    return manifest


