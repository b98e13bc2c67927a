"""What every command shares: JSON output, one-line failures with documented exit codes, the error decorator."""

from __future__ import annotations

import functools
import json
import os
import sys
from typing import Any, Callable

import click

from kb import KBError, from_os_error

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def emit_json(payload: Any) -> None:
    """Print pydantic models (or lists of them) as one line of JSON, Korean unescaped."""
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump(mode="json")
    elif isinstance(payload, list):
        payload = [p.model_dump(mode="json") if hasattr(p, "model_dump") else p for p in payload]
    click.echo(json.dumps(payload, ensure_ascii=False))


def error_payload(error: KBError) -> dict:
    return {"error": error.message, "exit_code": error.exit_code, "suggestions": error.suggestions}


def fail(error: KBError, as_json: bool = False) -> None:
    """Report a KBError without a traceback and exit with its documented code."""
    if as_json:
        emit_json(error_payload(error))
    else:
        click.echo(f"error: {error.message}", err=True)
        if error.suggestions:
            click.echo("did you mean: " + ", ".join(error.suggestions), err=True)
    sys.exit(error.exit_code)


def handles_errors(command: Callable) -> Callable:
    """Domain errors and OS errors (read-only home, full disk, permissions) become one line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        as_json = bool(kwargs.get("as_json"))
        try:
            return command(*args, **kwargs)
        except KBError as error:
            fail(error, as_json)
        except BrokenPipeError:  # `kb models | head`: the reader has what it wanted; end quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as error:
            fail(from_os_error(error), as_json)
        except Exception as error:  # sqlite's own errors carry no errno: a full disk must still be exit 74
            known = storage_error(error)
            if known is None:
                raise
            fail(known, as_json)

    return wrapper


def storage_error(error: Exception):
    """The KBError for a database error that is the disk's or the permissions' fault, else None (a bug: exit 70)."""
    if type(error).__module__ not in ("sqlite3", "_sqlite3", "sqlite3.dbapi2"):
        return None
    from kb import CannotWrite, NoSpace

    text = str(error).lower()
    if "disk is full" in text:
        return NoSpace(f"no space left (sqlite: {error}); free disk space and retry (the previous index is kept)")
    if "disk i/o error" in text:
        return NoSpace(f"I/O error (sqlite: {error}) (the previous index is kept)")
    if "readonly database" in text or "read-only" in text:
        return CannotWrite(f"cannot write (sqlite: {error}); make KB_HOME writable or point KB_HOME elsewhere")
    return None


def console(stderr: bool = False):
    """A rich console that never reads emoji codes (`user:x:1000` stays as written) nor markup."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich exits 1; `handles_errors` ends quietly with 0, as `kb models` does
            self.quiet = True
            raise BrokenPipeError(32, "Broken pipe")

    return _Console(stderr=stderr, emoji=False, markup=False, highlight=False, soft_wrap=True)
