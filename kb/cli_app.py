"""`kb app`: start the Streamlit chat app, headless, on localhost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

APP = Path(__file__).resolve().parent.parent / "app" / "streamlit_app.py"


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True)
def app(port: int, address: str) -> None:
    """Start the chat app (Korean and English) at http://ADDRESS:PORT."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    click.echo(f"timm-kb app on http://{address}:{port}", err=True)
    try:
        sys.exit(subprocess.call(command))
    except KeyboardInterrupt:
        sys.exit(130)
