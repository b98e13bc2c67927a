"""One ingest at a time: an exclusive lock on KB_HOME/ingest.lock that the kernel releases when its holder dies."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from kb.errors import CannotWrite, LockHeld, LockStuck


def open_plain_file(path: Path, what: str):
    """`path` opened for reading and writing (created if absent), never through a symbolic link nor anything
    but a regular file: a link planted there would have a root nightly empty whatever it names. CannotWrite (73)
    says so in one line; nothing is written."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CannotWrite(f"{path} is a symbolic link; refusing to follow it for the {what} (remove it)") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise CannotWrite(f"{path} is not a regular file; refusing to use it for the {what} (remove it)")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "r+", encoding="utf-8")


STUCK_AFTER_S = 6 * 3600  # a nightly takes minutes: a lock held this long names a process that is stuck


def format_age(seconds: float) -> str:
    """'42 s', '7 min', '3 h 05 min'."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class IngestLock:
    """`with IngestLock(home):` raises LockHeld (exit 75) at once if another process holds it,
    LockStuck (exit 1) if it has held it for over STUCK_AFTER_S."""

    def __init__(self, home: Path):
        self.path = Path(home) / "ingest.lock"
        self._handle = None

    def __enter__(self) -> "IngestLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open_plain_file(self.path, "lock")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read(32).strip() or "unknown"
            age = time.time() - os.fstat(handle.fileno()).st_mtime
            handle.close()
            message = f"another ingest is running (pid {holder}, holding the lock for {format_age(age)}, lock {self.path})"
            if age > STUCK_AFTER_S:
                raise LockStuck(f"{message}; over {STUCK_AFTER_S // 3600} h: it may be stuck (check pid {holder})") from None
            raise LockHeld(f"{message}; try again when it ends") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            self._handle.seek(0)
            self._handle.truncate()
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
