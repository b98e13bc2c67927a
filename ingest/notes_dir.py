"""Which files of a notes directory are notes: the policy, in one place.

A note is a regular file with a notes extension (.md, .markdown, .txt, .text) directly in the notes directory.
Hidden files and subdirectories are passed over. Everything else that looks like it was meant as a note is
reported as skipped with the reason: a symlink that leads out of the directory (its target is never read), a
file name that is not valid UTF-8 (it could not be cited), a file with another or no extension, a device or pipe.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kb.build import FileReport, printable

NOTE_SUFFIXES = {".md", ".markdown", ".txt", ".text"}


def _skip(name: str, why: str) -> FileReport:
    return FileReport(source=printable(name), status="skipped", message=why)


def note_files(notes_dir: Path) -> tuple[list[Path], list[FileReport]]:
    """(the note files in name order, reports for the files passed over with a reason)."""
    root = notes_dir.resolve()
    files: list[Path] = []
    skipped: list[FileReport] = []
    for path in sorted(notes_dir.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith("."):
            continue
        if printable(name) != name:
            skipped.append(_skip(name, "the file name is not valid UTF-8: rename the file to cite it"))
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                skipped.append(_skip(name, f"a symlink out of the notes directory (to {target}): not read"))
                continue
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            skipped.append(_skip(name, f"cannot read ({error.strerror})"))
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            skipped.append(_skip(name, "not a regular file (device, pipe or socket)"))
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            skipped.append(_skip(name, f"not a notes file: notes end in {', '.join(sorted(NOTE_SUFFIXES))}"))
        else:
            files.append(path)
    return files, skipped
