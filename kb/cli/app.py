"""`kb app`: start the Streamlit chat app, headless, on localhost."""

from __future__ import annotations

import os
import sys

import click

from kb import PROJECT_ROOT

APP = PROJECT_ROOT / "app" / "streamlit_app.py"


def streamlit_command(port: int, address: str) -> list[str]:
    """The streamlit of this same venv, headless, no usage stats, no file watcher (the app is not edited live)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer",
    ]


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True, help="Interface to listen on.")
def app(port: int, address: str) -> None:
    """Start the chat app (Korean and English) at http://ADDRESS:PORT. Answers from the index in KB_HOME."""
    from kb import kb_home

    env = dict(os.environ, KB_HOME=str(kb_home()))  # absolute, so streamlit's working directory does not matter
    env.setdefault("HF_HUB_OFFLINE", "1")  # the app never downloads: the embedder comes with the index
    click.echo(f"timm-kb app on http://{address}:{port} (KB_HOME={env['KB_HOME']})", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # exec, not a child: `kill <pid of kb app>` stops the server itself and frees the port
    command = streamlit_command(port, address)
    os.execve(command[0], command, env)
