"""Issue 28 #8 and #9 at the command line: an over-long name is one line and exit 2 at once; a password in
KB_QDRANT_URL is never printed nor saved."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from kb.config import PROJECT_ROOT
from kb.errors import redact

URL = "http://user:s3cr3t-pass@127.0.0.1:{port}"


def run(args, home, **env):
    return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True,
                          env=dict(os.environ, KB_HOME=str(home), **env), cwd=PROJECT_ROOT, timeout=300)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("as_json", [False, True])
def test_a_60_kb_name_is_refused_at_once(tmp_path, as_json):
    started = time.perf_counter()
    result = run(["explain", "convnext_" * 6700] + (["--json"] if as_json else []), tmp_path)
    assert result.returncode == 2 and time.perf_counter() - started < 15
    if as_json:
        assert json.loads(result.stdout)["error"].startswith("the name is 60,300 characters; the limit is 200")
    else:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: the name is 60,300 characters; the limit is 200")


def test_redact_hides_url_credentials_keys_and_the_api_key(monkeypatch):
    monkeypatch.setenv("KB_QDRANT_API_KEY", "k-123456")
    text = ("at http://user:secret@host:6333/x and https://tok@h.example?api_key=abc&x=1 "
            "(header k-123456) file:///tmp/a resnet50.a1_in1k")
    assert redact(text) == ("at http://***@host:6333/x and https://***@h.example?api_key=***&x=1 "
                            "(header ***) file:///tmp/a resnet50.a1_in1k")


@pytest.mark.slow
def test_nightly_and_query_never_show_or_save_the_qdrant_password(built_kb_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(built_kb_home, home, ignore=shutil.ignore_patterns("ingest.lock"))
    env = dict(KB_BACKEND="qdrant", KB_QDRANT_URL=URL.format(port=free_port()))
    nightly = run(["nightly"], home, **env)
    assert nightly.returncode == 1 and "does not answer" in nightly.stdout
    query = run(["query", "resnet50 weights"], home, **env)
    assert query.returncode == 69 and "Traceback" not in query.stderr
    saved = [p.read_text(encoding="utf-8") for p in (home / "reports").glob("nightly-*")]
    assert len(saved) == 2 and any("http://***@127.0.0.1" in text for text in saved)
    for text in saved + [nightly.stdout, nightly.stderr, query.stdout, query.stderr]:
        assert "s3cr3t" not in text
