"""Issue 28 #3: a held ingest lock is reported with its holder's pid and how long it has been held."""

import os
import time

import pytest

from kb.errors import LockHeld, LockStuck
from kb.lock import IngestLock


def test_a_held_lock_names_its_holder_and_its_age(tmp_path):
    with IngestLock(tmp_path):
        with pytest.raises(LockHeld) as fresh:
            IngestLock(tmp_path).__enter__()  # another open file description: flock refuses it at once
        assert f"pid {os.getpid()}" in fresh.value.message and "holding the lock for" in fresh.value.message
        assert "stuck" not in fresh.value.message and fresh.value.exit_code == 75
        old = time.time() - 7 * 3600 - 300
        os.utime(tmp_path / "ingest.lock", (old, old))
        with pytest.raises(LockStuck) as stale:
            IngestLock(tmp_path).__enter__()
        assert "holding the lock for 7 h 05 min" in stale.value.message and "may be stuck" in stale.value.message
        assert stale.value.exit_code == 1  # a failure the nightly unit sees; 75 is its "try tomorrow"
    with IngestLock(tmp_path):  # released: taken again at once
        pass
