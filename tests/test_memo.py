"""The memo of per-text checks: a hit is what computing again would give, and only what is used is kept."""

from __future__ import annotations

from pathlib import Path

from microsite.memo import Memo, digest_of


def test_a_result_is_computed_once_per_key():
    memo, calls = Memo(), []
    make = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert memo.get("a", make) == 1 and memo.get("a", make) == 1
    assert memo.get("b", make) == 2 and len(calls) == 2


def test_prune_keeps_only_what_the_last_build_used():
    memo = Memo()
    memo.get("old", lambda: 1)
    memo.prune()
    memo.get("new", lambda: 2)
    memo.prune()
    assert set(memo.known) == {"new"}
    assert memo.get("old", lambda: 3) == 3  # forgotten, computed again


def test_what_a_build_asks_for_again_is_kept_whether_it_hit_or_not():
    memo = Memo()
    memo.get("hit", lambda: 1)
    memo.get_all(["all"], lambda item: item, [5])
    memo.get("gone", lambda: 0)
    memo.prune()
    assert memo.get("hit", lambda: 2) == 1  # remembered
    assert memo.get_all(["all", "fresh"], lambda item: item * 2, [5, 6]) == [5, 12]
    memo.prune()
    assert set(memo.known) == {"hit", "all", "fresh"}


def test_digest_of_tells_values_apart():
    assert digest_of({"a": (1, Path("x"))}) == digest_of({"a": (1, Path("x"))})
    assert digest_of({"a": (1, Path("x"))}) != digest_of({"a": (1, Path("y"))})
    assert digest_of(frozenset({"p", "q"})) != digest_of(frozenset({"p"}))


def test_a_file_read_in_pieces_has_the_digest_of_its_bytes(tmp_path):
    from microsite.inputs import _digest_of_file
    from microsite.memo import digest_of_chunks

    data = bytes(range(256)) * 5000  # more than one piece
    (tmp_path / "f").write_bytes(data)
    assert _digest_of_file(str(tmp_path / "f")) == digest_of(data) != digest_of(data[:-1])
    assert digest_of_chunks([data[:7], data[7:]]) == digest_of(data)
