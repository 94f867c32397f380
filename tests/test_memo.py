"""The memo of per-text checks: a hit is what computing again would give, and only what is used is kept."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

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


def test_a_partial_build_keeps_what_the_last_whole_build_asked_for_and_forgets_its_own_earlier_results():
    """A build that read some pages only (see ``known``) asks for their results alone; the others' serve the next
    whole build. An edited page's earlier versions, asked for by partial builds only, go."""
    memo = Memo()
    memo.get("page a", lambda: "a")
    memo.get("page b", lambda: "b")
    memo.get("records", lambda: "r")
    memo.prune()  # a whole build
    for version in ("b1", "b2", "b3"):  # page b saved three times, each build partial
        memo.get("records", lambda: "r")
        memo.get(f"page {version}", lambda version=version: version)
        memo.prune(partial=True)
    assert set(memo.known) == {"page a", "page b", "page b3", "records"}
    memo.get("page a", lambda: "a again")
    memo.prune()  # a whole build: what it did not ask for goes
    assert set(memo.known) == {"page a"} and memo.get("page a", lambda: "a again") == "a"


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


# --- same_encoding and Memo.digest --------------------------------------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402
from datetime import date, datetime, timedelta, timezone  # noqa: E402
from functools import cached_property  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from markupsafe import Markup  # noqa: E402

from microsite.memo import digest_of_fields, exact_key, same_encoding  # noqa: E402


@dataclass(frozen=True)
class Pair:
    left: object
    right: object = None


@dataclass(frozen=True)
class Digested:
    text: str
    extra: list = field(default_factory=list, compare=False)

    @cached_property
    def content_digest(self) -> str:
        return digest_of_fields(self)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=True), st.sampled_from(
    ["", "a", "b", "1", "True"]), st.binary(max_size=2), st.dates(date(2020, 1, 1), date(2020, 1, 3)),
    st.sampled_from([Markup("a"), Markup("<b>"), Path("a"), Path("a/b"),
                     datetime(2020, 1, 1, 12, tzinfo=timezone.utc),
                     datetime(2020, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(st.one_of(st.sampled_from(["a", "b"]), st.integers(0, 2), st.booleans()), inner, max_size=3),
    st.frozensets(st.one_of(st.sampled_from(["a", "b"]), st.integers(0, 1), st.booleans()), max_size=3),
    st.builds(Pair, inner, inner), st.builds(Digested, st.sampled_from(["x", "y"]))), max_leaves=8)


def lookalike(value, draw):
    """A value equal to ``value`` (==) that may encode otherwise: 1 as True or 1.0, a dict in another order,
    a tuple as a list, text as Markup, an instant in another time zone; parts of it kept as the very objects."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return value
    if type(value) is int and value in (0, 1):
        return [bool(value), float(value), value][choice - 1]
    if type(value) is bool:
        return [int(value), float(value), value][choice - 1]
    if type(value) is float and value == 0:
        return [-value, int(value), value][choice - 1]  # 0.0 and -0.0: equal, but encoded as written
    if type(value) is str:
        return Markup(value) if choice == 1 else value
    if type(value) is datetime:
        return value.astimezone(timezone(timedelta(hours=choice)))
    if type(value) in (list, tuple):
        parts = [lookalike(item, draw) for item in value]
        return type(value)(parts) if choice != 1 else (list(parts) if type(value) is tuple else tuple(parts))
    if type(value) is dict:
        items = [(lookalike(key, draw) if choice == 2 else key, lookalike(item, draw)) for key, item in value.items()]
        return dict(reversed(items) if choice == 1 else items)
    if type(value) is frozenset:
        return frozenset(lookalike(item, draw) for item in value)
    if type(value) is Pair:
        return Pair(lookalike(value.left, draw), lookalike(value.right, draw))
    return value


@settings(max_examples=400, deadline=None)
@given(VALUES, VALUES, st.data())
def test_values_said_to_encode_alike_have_one_digest(a, other, data):
    """Never a wrong True, whatever the types: 1 and True and 1.0, equal sets of mixed types, dicts in another
    order, equal instants in two time zones all compare equal (==) but digest apart."""
    for b in (other, lookalike(a, data.draw)):
        if same_encoding(a, b):
            assert digest_of(a) == digest_of(b)


@settings(max_examples=400, deadline=None)
@given(VALUES, VALUES, st.data())
def test_values_of_one_exact_key_have_one_digest(a, other, data):
    """The key a memo may file a value under (``exact_key``) never joins values that digest apart."""
    for b in (other, lookalike(a, data.draw)):
        if exact_key(a) is not None and exact_key(a) == exact_key(b):
            assert digest_of(a) == digest_of(b)
    assert exact_key("1") != exact_key(Markup("1")) and exact_key(1) is None
    assert exact_key(Digested("x")) == exact_key(Digested("x")) != exact_key(Digested("y"))


@given(VALUES)
def test_a_value_encodes_as_itself_and_as_a_copy_of_it(value):
    import copy

    assert same_encoding(value, value)
    twin = copy.deepcopy(value)
    if digest_of(twin) == digest_of(value) and not _has_datetime_or_set_of_non_text(value):
        assert same_encoding(value, twin)  # what the shortcut is for: the parts found alike without encoding


def _has_datetime_or_set_of_non_text(value) -> bool:
    if isinstance(value, datetime):
        return True
    if isinstance(value, (frozenset, set)):
        return any(type(item) is not str for item in value)
    if isinstance(value, (list, tuple)):
        return any(map(_has_datetime_or_set_of_non_text, value))
    if isinstance(value, dict):
        return any(map(_has_datetime_or_set_of_non_text, [*value.keys(), *value.values()]))
    if isinstance(value, Pair):
        return _has_datetime_or_set_of_non_text(value.left) or _has_datetime_or_set_of_non_text(value.right)
    return False


def test_alike_values_that_digest_apart_are_told_apart():
    for a, b in [(1, True), (1, 1.0), (0.0, -0.0), (PureWindowsPath("A"), PureWindowsPath("a")),
                 ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
                 (frozenset({1}), frozenset({True})), (Pair(1), Pair(True)), ("a", Markup("a")),
                 (datetime(2020, 1, 1, 12, tzinfo=timezone.utc),
                  datetime(2020, 1, 1, 13, tzinfo=timezone(timedelta(hours=1))))]:
        assert a == b and not same_encoding(a, b) and digest_of(a) != digest_of(b), (a, b)


def test_memo_digest_is_digest_of_and_encodes_again_only_what_changed(monkeypatch):
    import microsite.memo as memo_module

    encoded = []
    real = memo_module.digest_of
    monkeypatch.setattr(memo_module, "digest_of", lambda value: encoded.append(value) or real(value))
    memo = Memo()
    kept = ("heading", "ids")
    first = {("page", "en"): kept, ("other", "en"): ("x",)}
    assert memo.digest("targets", first) == real(first)
    again = {("page", "en"): kept, ("other", "en"): ("x",)}  # made anew, of the same parts
    assert memo.digest("targets", again) == real(first) and len(encoded) == 1
    changed = {("page", "en"): kept, ("other", "en"): ("y",)}
    assert memo.digest("targets", changed) == real(changed) != real(first) and len(encoded) == 2
    memo.prune()
    memo.prune()  # not asked for by the last build: forgotten
    assert ("digest", "targets") not in memo.known


def test_memo_of_remembers_by_the_very_objects_never_by_equal_ones():
    memo, made = Memo(), []
    page, twin = ("a", ["body"]), ("a", ["body"])  # equal, not the same
    make = lambda: made.append(1) or len(made)  # noqa: E731
    assert memo.of("x", (page,), make) == 1
    assert memo.of("x", (page,), make) == 1  # the same object: remembered
    assert memo.of("x", (twin,), make) == 2  # an equal one: made again
    assert memo.of("y", (twin,), make) == 3  # another name: made again
    memo.prune()
    memo.prune()  # not asked for in the last build: forgotten, and the objects let go
    assert memo.of("x", (twin,), make) == 4
    assert not any(held is page for cell in memo.known.values() for held in cell[0][0])


def test_a_memo_of_one_build_keeps_nothing_by_identity_but_still_remembers_by_key():
    memo, made = Memo(one_build=True), []
    page = ("a", ["body"])
    make = lambda: made.append(1) or len(made)  # noqa: E731
    assert memo.of("x", (page,), make) == 1 and memo.of("x", (page,), make) == 2 and memo.known == {}
    assert memo.get(("k",), make) == 3 and memo.get(("k",), make) == 3  # one build may ask for a key twice


def test_the_last_value_given_under_a_name_is_given_back_once_replaced():
    memo = Memo()
    assert memo.last("targets", "first") is None
    memo.get(("made from", "first"), lambda: 1)
    memo.prune()
    assert memo.last("targets", "second") == "first"
    assert memo.peek(("made from", "first")) == 1 and memo.peek(("made from", "nothing")) is None
    memo.prune()  # peeking is not asking: the result made from "first" is let go, the last value kept
    assert memo.peek(("made from", "first")) is None
    assert memo.last("targets", "third") == "second"
