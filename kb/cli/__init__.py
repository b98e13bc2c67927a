"""The `kb` command: a thin click layer over kb's public API (and ingest's, for the commands that build).

Subcommands live in one module per group and are imported only when invoked, so `kb query` does not pay for
torch/timm start-up it does not need. Errors are turned into one line (or one JSON object with `--json`) and a
documented exit code in one place: `kb.cli.common.handles_errors` for domain and OS errors, `main` for usage.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from kb import EXIT_CODES

# command name -> "module:attribute" of a click.Command
COMMANDS = {
    "query": "kb.cli.query:query",
    "chat": "kb.cli.query:chat",
    "eval": "kb.cli.query:eval_command",
    "compare": "kb.cli.query:compare",
    "models": "kb.cli.registry:models",
    "licenses": "kb.cli.registry:licenses",
    "fields": "kb.cli.registry:fields",
    "explain": "kb.cli.explain:explain",
    "ingest": "kb.cli.ingest:ingest",
    "check": "kb.cli.ingest:check",
    "nightly": "kb.cli.ingest:nightly",
    "rollback": "kb.cli.ingest:rollback",
    "repair": "kb.cli.repair:repair",
    "app": "kb.cli.app:app",
}
READ_ONLY_COMMANDS = {"query", "chat", "compare", "models", "licenses", "explain", "fields"}


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


def main() -> None:
    from kb import BadInput, InternalError, KBError
    from kb.cli.common import emit_json, fail

    as_json = "--json" in sys.argv[1:]
    try:
        code = cli.main(standalone_mode=False)
    except click.ClickException as error:  # usage errors answer in JSON too when --json was asked for
        if as_json:
            emit_json({"error": error.format_message(), "exit_code": error.exit_code, "suggestions": []})
            sys.exit(error.exit_code)
        error.show()
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KBError as error:  # raised outside a command (e.g. while loading one)
        fail(error, as_json)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except UnicodeError as error:  # an argument the terminal could not decode
        fail(BadInput(f"the input is not valid text ({error.__class__.__name__})"), as_json)
    except Exception as error:  # a bug of ours: one line and exit 70, not a traceback (KB_DEBUG=1 prints it)
        if os.environ.get("KB_DEBUG"):  # redacted too: a traceback quotes the URLs and keys it was handed
            import traceback

            from kb import redact
            click.echo(redact("".join(traceback.format_exception(error))), err=True, nl=False)
        fail(InternalError(f"internal error ({error.__class__.__name__}: {error}); please report it with the input"), as_json)
    code = code if isinstance(code, int) else 0
    if sys.argv[1:2] and sys.argv[1] in READ_ONLY_COMMANDS:
        # nothing to save: skip tearing down the interpreter's objects (tens of ms of a cold query)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # `kb models | head`: the reader left; nothing more to say
            pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    main()
