"""Issue 28 (risky designs): a rollback or swap killed between its two pointer writes never leaves `current` and
`previous` naming one build, and the next locked operation finishes or voids it."""

import pytest

import kb.store.layout as layout
from kb.store.layout import PENDING, read_pointer, rollback, settle_pointers, swap_current

A, B, C = "20260101T000000-aaaaaa", "20260102T000000-bbbbbb", "20260103T000000-cccccc"


class Killed(BaseException):
    pass


def home_with(tmp_path, current, previous):
    for build in (A, B, C):
        (tmp_path / "indexes" / build).mkdir(parents=True)
        (tmp_path / "indexes" / build / "manifest.json").write_text("{}")
    layout.write_pointer(tmp_path, "current", current)
    layout.write_pointer(tmp_path, "previous", previous)
    return tmp_path


def killed_after(monkeypatch, writes: int):
    """write_pointer dies (as a kill would) once `writes` writes have gone through."""
    real, done = layout.write_pointer, []

    def write(home, name, value):
        if len(done) == writes:
            raise Killed(name)
        real(home, name, value)
        done.append(name)

    monkeypatch.setattr(layout, "write_pointer", write)


def pair(home):
    return read_pointer(home, "current"), read_pointer(home, "previous")


@pytest.mark.parametrize("writes", [0, 1, 2, 3])
def test_a_rollback_killed_at_any_write_leaves_a_valid_pair(tmp_path, monkeypatch, writes):
    home = home_with(tmp_path, current=A, previous=B)
    monkeypatch.setattr(layout, "verify_build", lambda directory: None)
    killed_after(monkeypatch, writes)
    try:
        rollback(home)
        finished = True
    except Killed:
        finished = False
    seen = pair(home)
    assert seen in {(A, B), (B, A)} and seen[0] != seen[1]  # the old pair or the new one, never (B, B)
    monkeypatch.undo()
    settle_pointers(home)
    assert pair(home) == seen and not (home / PENDING).exists()
    assert finished == (writes == 3)
    layout.prune_builds(home, keep=1)  # the build the pair names survives a prune after the kill
    assert all((home / "indexes" / b).is_dir() for b in seen)


@pytest.mark.parametrize("writes", [0, 1, 2])
def test_a_swap_killed_at_any_write_leaves_a_valid_pair(tmp_path, monkeypatch, writes):
    home = home_with(tmp_path, current=B, previous=A)
    killed_after(monkeypatch, writes)
    try:
        swap_current(home, C)
    except Killed:
        pass
    monkeypatch.undo()
    assert pair(home) in {(B, A), (C, B)}
    settle_pointers(home)
    assert pair(home) in {(B, A), (C, B)} and not (home / PENDING).exists()
