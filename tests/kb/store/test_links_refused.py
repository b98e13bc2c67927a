"""Issue 28 #2: the lock and the `current` / `previous` pointers are never opened through a symbolic link (a root
nightly would empty whatever it names), nor a FIFO; each refusal is one line and nothing is written."""

import os

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.errors import CannotWrite, CorruptIndex
from kb.lock import IngestLock
from kb.store import read_pointer, rollback, write_pointer

BUILD = "20260101T000000-abcdef"


@pytest.fixture
def victim(tmp_path):
    path = tmp_path / "victim.txt"
    path.write_text("precious\n", encoding="utf-8")
    return path


def test_a_symlinked_lock_is_refused_and_its_target_untouched(tmp_path, victim, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "ingest.lock").symlink_to(victim)
    with pytest.raises(CannotWrite, match="symbolic link"):
        with IngestLock(home):
            pass
    assert victim.read_text(encoding="utf-8") == "precious\n"
    monkeypatch.setenv("KB_HOME", str(home))
    result = CliRunner().invoke(cli, ["rollback"])
    assert result.exit_code == 73
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_fifo_lock_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "ingest.lock")
    with pytest.raises(CannotWrite, match="not a regular file"):
        with IngestLock(tmp_path):
            pass


def test_the_lock_still_works_on_a_plain_file(tmp_path):
    with IngestLock(tmp_path):
        assert (tmp_path / "ingest.lock").read_text(encoding="utf-8") == str(os.getpid())
    assert (tmp_path / "ingest.lock").read_text(encoding="utf-8") == ""


def test_a_symlinked_pointer_is_refused_by_readers_and_replaced_not_followed(tmp_path, victim):
    victim.write_text(BUILD + "\n", encoding="utf-8")
    (tmp_path / "current").symlink_to(victim)
    with pytest.raises(CorruptIndex, match="symbolic link"):
        read_pointer(tmp_path, "current", strict=True)
    assert read_pointer(tmp_path, "current") is None
    with pytest.raises(CorruptIndex, match="symbolic link"):
        rollback(tmp_path)
    write_pointer(tmp_path, "current", "20260202T000000-abcdef")  # an ingest's swap: the link is replaced
    assert not (tmp_path / "current").is_symlink()
    assert victim.read_text(encoding="utf-8") == BUILD + "\n"


def test_a_planted_temporary_pointer_link_is_never_written_through(tmp_path, victim):
    (tmp_path / f".current.{os.getpid()}.tmp").symlink_to(victim)
    write_pointer(tmp_path, "current", BUILD)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert read_pointer(tmp_path, "current", strict=True) == BUILD
