"""Errors the user can act on. Each carries the documented exit code the CLI returns for it."""

from __future__ import annotations


class KBError(Exception):
    exit_code = 1

    def __init__(self, message: str, *, suggestions: list[str] | None = None):
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


EXIT_CODES = {
    0: "success",
    1: "failure (for ingest/nightly: the previous index is kept and keeps answering)",
    2: "bad input: empty or unusable question, unknown model name, unreadable file",
    3: "no index yet: run `kb ingest`",
    4: "index built with another schema, embedding model or timm: run `kb ingest`",
    5: "index files corrupted (checksum mismatch): run `kb ingest` or `kb rollback`",
    75: "another ingest holds the lock; try again later",
}
