"""Errors the user can act on. Each carries the documented exit code the CLI returns for it."""

from __future__ import annotations

import os
import re

_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/@'\"<>]+@")
_SECRET_PARAMS = re.compile(r"(?i)\b((?:api[_-]?key|apikey|token|access[_-]?token|password|passwd|secret)=)[^\s&'\"<>]+")
SECRET_VARIABLES = ("KB_QDRANT_API_KEY",)


def redact(text: str) -> str:
    """`text` with credentials replaced by `***`: a URL's user:password@ (http://***@host:6333), key=, token=,
    password= parameters, and the value of KB_QDRANT_API_KEY wherever it appears. Every message kb shows or saves
    passes through it: KBError messages, the internal-error line, the nightly report, the manifest's backend."""
    text = _URL_CREDENTIALS.sub(r"\1***@", str(text))
    text = _SECRET_PARAMS.sub(r"\1***", text)
    for variable in SECRET_VARIABLES:
        value = os.environ.get(variable, "")
        if len(value) >= 4:
            text = text.replace(value, "***")
    return text



class KBError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, suggestions: list[str] | None = None):
        message = redact(message)
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []


class BadInput(KBError):
    """The question, name or file given cannot be used as it is."""

    exit_code = 2


class UnknownName(BadInput):
    """A model name that is neither a live timm name nor a decodable MMPretrain name."""


class NoIndex(KBError):
    """No index has been built in KB_HOME yet."""

    exit_code = 3


class StaleIndex(KBError):
    """The index was built with another schema, embedding model or timm: it needs a re-ingest."""

    exit_code = 4


class CorruptIndex(KBError):
    """An index file does not match the checksum in its manifest."""

    exit_code = 5


class LockHeld(KBError):
    """Another ingest holds the lock (EX_TEMPFAIL)."""

    exit_code = 75


class LockStuck(LockHeld):
    """The lock has been held far longer than any ingest takes: its holder is likely stuck. A failure (exit 1), so
    a scheduler that treats 75 as 'try tomorrow' notices it."""

    exit_code = 1


class CannotWrite(KBError):
    """KB_HOME (or a file in it) is read-only or not ours to write (EX_CANTCREAT)."""

    exit_code = 73


class NoSpace(KBError):
    """The disk under KB_HOME is full, or another I/O error stopped a write (EX_IOERR)."""

    exit_code = 74


class BackendUnavailable(KBError):
    """The configured search backend cannot be used: unknown KB_BACKEND, or the Qdrant server does not answer
    (EX_UNAVAILABLE)."""

    exit_code = 69


class InternalError(KBError):
    """A bug in timm-kb, not in the input: one line instead of a traceback (KB_DEBUG=1 shows the traceback)."""

    exit_code = 70


def from_os_error(error: OSError) -> KBError:
    """One clear line for an OS error, classed by what the user can do about it."""
    import errno

    where = f" ({error.filename})" if getattr(error, "filename", None) else ""
    reason = error.strerror or error.__class__.__name__
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return CannotWrite(f"cannot write{where}: {reason}; make KB_HOME writable or point KB_HOME elsewhere")
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return NoSpace(f"no space left{where}: {reason}; free disk space and retry (the previous index is kept)")
    return NoSpace(f"I/O error{where}: {reason} (the previous index is kept)")


EXIT_CODES = {
    0: "success",
    1: "failure (for ingest/nightly: the previous index is kept and keeps answering)",
    2: "bad input: empty or unusable question, unknown model name, unreadable file",
    3: "no index yet: run `kb ingest`",
    4: "index built with another schema, embedding model or timm: run `kb ingest`",
    5: "index files corrupted (checksum mismatch): run `kb ingest` or `kb rollback`",
    69: "the search backend is unavailable: unknown KB_BACKEND, or the Qdrant server at KB_QDRANT_URL does not answer",
    70: "internal error: a bug in timm-kb (KB_DEBUG=1 shows the traceback); please report it with the input",
    73: "cannot write: KB_HOME is read-only or permission is denied (the previous index is kept)",
    74: "no space left on the device, or another I/O error (the previous index is kept)",
    75: "another ingest holds the lock; try again later (held for over 6 h: exit 1, its holder may be stuck)",
}
