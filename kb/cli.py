"""The `kb` command: a thin click layer over the core API.

Subcommands live in their own modules and are imported only when invoked, so `kb query` does not pay for
torch/timm start-up it does not need.
"""

from __future__ import annotations

import importlib
import json
import sys
from typing import Any

import click

from kb.errors import EXIT_CODES, KBError

# command name -> "module:attribute" of a click.Command
COMMANDS = {
    "models": "kb.cli_registry:models",
    "explain": "kb.cli_explain:explain",
    "repair": "kb.cli_repair:repair",
    "ingest": "kb.cli_ingest:ingest",
    "check": "kb.cli_ingest:check",
    "nightly": "kb.cli_ingest:nightly",
    "rollback": "kb.cli_ingest:rollback",
    "query": "kb.cli_query:query",
    "eval": "kb.cli_query:eval_command",
    "app": "kb.cli_app:app",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


EPILOG = "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timm-kb")
def cli() -> None:
    """timm-kb: find timm weights and the notes that explain them (Korean and English)."""


def emit_json(payload: Any) -> None:
    """Print pydantic models (or lists of them) as JSON, Korean unescaped."""
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump(mode="json")
    elif isinstance(payload, list):
        payload = [p.model_dump(mode="json") if hasattr(p, "model_dump") else p for p in payload]
    click.echo(json.dumps(payload, ensure_ascii=False))


def fail(error: KBError, as_json: bool = False) -> None:
    """Report a KBError without a traceback and exit with its documented code."""
    if as_json:
        emit_json({"error": error.message, "exit_code": error.exit_code, "suggestions": error.suggestions})
    else:
        click.echo(f"error: {error.message}", err=True)
        if error.suggestions:
            click.echo("did you mean: " + ", ".join(error.suggestions), err=True)
    sys.exit(error.exit_code)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KBError as error:  # a command that did not handle its own error still exits cleanly
        fail(error)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
