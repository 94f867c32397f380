"""The store of values by key: appended to, read lazily, and a damaged, planted or vanished part is only a miss."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from microsite import store as store_module
from microsite.memo import digest_of
from microsite.store import INDEX, KEY_WIDTH, MAX_SEGMENTS, MAX_VALUE_BYTES, RECORD, SEGMENT, Store, head, text

CODE = "code-fingerprint"


def saved(folder: Path, values: dict[str, object], code: str = CODE) -> Store:
    """A store in ``folder`` that kept exactly ``values`` (after what it held before)."""
    store = Store(folder, code)
    store.save([(key, lambda value=value: value) for key, value in values.items()])
    return store


def read(folder: Path, key: str, decode=text, code: str = CODE) -> object:
    return Store(folder, code).get(key, decode)


def segments(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if SEGMENT.match(path.name))


def test_a_value_kept_is_read_back_by_a_fresh_store(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"a": "one", "b": "二"})
    assert read(folder, "a") == "one" and read(folder, "b") == "二"
    assert read(folder, "c") is None


def test_many_new_values_make_one_segment_and_nothing_new_writes_nothing(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {f"key{n}": f"value {n}" for n in range(1000)})
    assert len(segments(folder)) == 1
    index = (folder / INDEX).read_bytes()
    saved(folder, {f"key{n}": f"value {n}" for n in range(1000)})
    assert len(segments(folder)) == 1 and (folder / INDEX).read_bytes() == index


def test_only_the_values_asked_for_are_read(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    saved(folder, {f"key{n}": f"value {n}" for n in range(100)})
    reads = []
    real = store_module._read_at
    monkeypatch.setattr(store_module, "_read_at", lambda *args: reads.append(args) or real(*args))
    store = Store(folder, CODE)
    assert store.get("key7", text) == "value 7" and len(reads) == 1


def test_the_index_keeps_only_what_the_last_build_used(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"a": "one", "b": "two"})
    store = Store(folder, CODE)
    assert store.get("a", text) == "one"
    store.save([("a", lambda: "never asked: the store has it"), ("c", lambda: "three")])
    assert [read(folder, key) for key in "abc"] == ["one", None, "three"]
    assert len(segments(folder)) == 2  # appended: the first one is not rewritten


def test_values_mostly_unused_are_compacted_into_one_segment(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {f"key{n}": "x" * 100 for n in range(10)})
    (folder / "notes.txt").write_text("not the store's", encoding="utf-8")
    (folder / "values-mine.jsonl").write_text("not the store's either", encoding="utf-8")
    first = segments(folder)
    saved(folder, {"key1": "x" * 100, "new": "y"})  # 1 of 10 still used: less than half
    assert len(segments(folder)) == 1 and segments(folder) != first
    assert read(folder, "key1") == "x" * 100 and read(folder, "new") == "y" and read(folder, "key2") is None
    assert (folder / "notes.txt").exists() and (folder / "values-mine.jsonl").exists()


def test_many_segments_are_merged(tmp_path):
    folder = tmp_path / "store"
    values = {}
    for n in range(MAX_SEGMENTS + 3):
        values[f"key{n}"] = f"value {n}"
        saved(folder, values)
        assert len(segments(folder)) <= MAX_SEGMENTS
    assert all(read(folder, key) == value for key, value in values.items())


def test_many_segments_merge_the_small_ones_and_leave_the_large_ones(tmp_path):
    """A cold build leaves a large segment per process that compiled; the small ones of later builds are merged
    without copying those (at 10,000 long pages, that would be 130 MB copied every thirty builds)."""
    folder = tmp_path / "store"
    values = {f"large{n}": "x" * 10_000 + str(n) for n in range(3)}
    for key, value in values.items():  # three large segments
        saved(folder, {k: v for k, v in values.items() if k <= key})
    large = set(segments(folder))
    for n in range(MAX_SEGMENTS):
        values[f"key{n}"] = f"value {n}"
        saved(folder, values)
        assert len(segments(folder)) <= MAX_SEGMENTS
    assert large <= set(segments(folder))  # never copied
    assert all(read(folder, key) == value for key, value in values.items())


def test_a_store_of_other_code_is_empty_and_its_segments_go(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"a": "one"}, code="old code")
    (folder / "index.json").write_bytes(b"the index of an earlier version")
    assert read(folder, "a") is None
    saved(folder, {"b": "two"})
    assert len(segments(folder)) == 1 and read(folder, "b") == "two"
    assert sorted(path.name for path in folder.iterdir()) == [INDEX, *segments(folder)]


def damage(folder: Path, how: str) -> None:
    """Break the only segment (or the index) of ``folder`` as a crash, a disk or a hand might."""
    segment = folder / segments(folder)[0]
    data = segment.read_bytes()
    if how == "truncated":
        segment.write_bytes(data[:3])
    elif how == "flipped":
        segment.write_bytes(data.replace(b"one", b"onf"))
    elif how == "missing":
        segment.unlink()
    elif how == "emptied":
        segment.write_bytes(b"")
    elif how == "fifo":
        segment.unlink()
        os.mkfifo(segment)
    elif how == "link":
        segment.unlink()
        (folder / "elsewhere").write_bytes(data)
        segment.symlink_to(folder / "elsewhere")
    elif how == "index truncated":
        (folder / INDEX).write_bytes((folder / INDEX).read_bytes()[:-3])
    elif how == "index garbage":
        (folder / INDEX).write_bytes(b"\x80\x81 not json")
    elif how == "index pickle":
        import pickle
        (folder / INDEX).write_bytes(pickle.dumps({"entries": {"a": os.system}}))


@pytest.mark.parametrize("how", ["truncated", "flipped", "missing", "emptied", "fifo", "link", "index truncated",
                                 "index garbage", "index pickle"])
def test_a_damaged_store_only_misses(tmp_path, how):
    folder = tmp_path / "store"
    saved(folder, {"a": "one", "b": "two"})
    damage(folder, how)
    store = Store(folder, CODE)
    assert store.get("a", text) is None
    store.save([("a", lambda: "one again")])  # made again, and kept
    assert read(folder, "a") == "one again"


def planted_index(folder: Path, header: object, records: list[tuple], code: str = CODE) -> None:
    """An index with a correct first line (anyone who can write .cache/ can make one): ``header`` as its JSON line,
    then ``records`` (key, segment's number, offset, length, digest of the bytes) as the store packs them."""
    body = json.dumps(header).encode() + b"\n" + b"".join(
        RECORD.pack(key.encode(), number, offset, length, bytes.fromhex(digest))
        for key, number, offset, length, digest in records)
    (folder / INDEX).write_bytes(head(code, digest_of(body)) + b"\n" + body)


@pytest.mark.parametrize("header, record", [
    ({}, ("a", 0, 0, 5, "00" * 16)),  # another digest
    ({}, ("a", 0, 0, MAX_VALUE_BYTES + 1, None)),  # longer than any value kept
    ({}, ("a", 0, 1 << 40, 5, None)),  # beyond the segment's end
    ({}, ("a", 7, 0, 5, None)),  # no such segment
    ({"count": 2}, ("a", 0, 0, 5, None)), ({"count": "1"}, ("a", 0, 0, 5, None)), ({"count": -1}, ("a", 0, 0, 5, None)),
    ({"count": True}, ("a", 0, 0, 5, None)), ({"segments": None}, ("a", 0, 0, 5, None)),
    ({"segments": [1]}, ("a", 0, 0, 5, None)), ({"keys": ["a"], "count": None}, ("a", 0, 0, 5, None)),
])
def test_a_planted_index_only_misses(tmp_path, header, record):
    folder = tmp_path / "store"
    saved(folder, {"a": "one"})
    right = {"segments": segments(folder), "count": 1}
    digest = digest_of(b'"one"')
    planted_index(folder, right, [("a", 0, 0, 5, digest)])
    assert read(folder, "a") == "one"  # the planting works
    planted_index(folder, {**right, **header}, [(*record[:4], record[4] or digest)])
    assert read(folder, "a") is None
    store = Store(folder, CODE)
    assert dict(store.entries.items()) in ({}, {"a": store.entries.get("a")})  # read whole, no error either


def test_the_index_is_searched_as_it_lies_then_read_whole(tmp_path, monkeypatch):
    """A fresh process that asks for a few keys reads only their records; one that asks for many reads the
    index whole, once. Either way it finds what was kept, and nothing else."""
    folder = tmp_path / "store"
    values = {f"key{n:03d}": f"value {n}" for n in range(300)}
    saved(folder, values)
    monkeypatch.setattr(store_module, "SEARCHED", 6)  # read whole after 50 look-ups
    read_whole = []
    original = store_module._Table.read_all
    monkeypatch.setattr(store_module._Table, "read_all", lambda table: read_whole.append(1) or original(table))
    store = Store(folder, CODE)
    assert [store.get(f"key{n:03d}", text) for n in range(0, 300, 7)] == [f"value {n}" for n in range(0, 300, 7)]
    assert store.get("key", text) is None and store.get("key3000", text) is None and store.get("ключ", text) is None
    assert read_whole == []
    assert all(store.get(key, text) == value for key, value in values.items())
    assert read_whole == [1] and store.get("key", text) is None


def test_a_key_no_record_can_hold_is_not_kept(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"k" * KEY_WIDTH: "fits", "k" * (KEY_WIDTH + 1): "too long", "ключ": "not ASCII", "a\0b": "NUL"})
    assert read(folder, "k" * KEY_WIDTH) == "fits"
    assert all(read(folder, key) is None for key in ("k" * (KEY_WIDTH + 1), "ключ", "a\0b", "a"))


@pytest.mark.parametrize("name", ["../../secret.jsonl", "/etc/passwd", "index.bin", "values-../x.jsonl"])
def test_a_planted_index_cannot_name_another_file(tmp_path, name):
    folder = tmp_path / "store"
    secret = tmp_path / "secret.jsonl"
    secret.write_bytes(b'"secret"\n')
    folder.mkdir()
    planted_index(folder, {"segments": [name], "count": 1}, [("a", 0, 0, 8, digest_of(b'"secret"'))])
    assert read(folder, "a") is None


def test_a_planted_value_of_another_shape_is_a_miss(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"a": ["a", "list"], "b": {"deep": [[[[]]]]}})
    assert read(folder, "a") is None and read(folder, "b") is None  # ``text`` raises on them: a miss


def test_a_value_that_cannot_be_json_is_left_out(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {"a": 16 ** 5000, "b": {1, 2}, "c": "fine"})
    assert read(folder, "a", decode=lambda value: value) is None and read(folder, "c") == "fine"


def test_a_store_that_cannot_be_written_is_not_kept(tmp_path):
    (tmp_path / "file").write_text("a file where the folder would be", encoding="utf-8")
    saved(tmp_path / "file" / "store", {"a": "one"})  # no error
    assert read(tmp_path / "file" / "store", "a") is None
    folder = tmp_path / "store"
    Store(folder, CODE, persist=False).save([("a", lambda: "one")])
    assert not folder.exists()


def test_a_store_that_is_a_link_is_not_used(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "store").symlink_to(tmp_path / "elsewhere")
    saved(tmp_path / "store", {"a": "one"})
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_two_processes_the_last_index_written_wins_and_a_vanished_segment_is_a_miss(tmp_path):
    folder = tmp_path / "store"
    saved(folder, {f"key{n}": "x" * 100 for n in range(10)})
    preview, command_line = Store(folder, CODE), Store(folder, CODE)
    assert preview.get("key3", text) == "x" * 100  # the preview holds the segment open
    command_line.save([("key1", lambda: "x" * 100), ("other", lambda: "y")])  # compacts: the first segment goes
    assert preview.get("key2", text) == "x" * 100  # still readable through the open file
    fresh = Store(folder, CODE)
    assert fresh.get("key2", text) is None and fresh.get("other", text) == "y"
    late = Store(folder, CODE)
    late.entries["key2"] = preview.entries["key2"]  # an index written before the compaction
    assert late.get("key2", text) is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
        st.characters(blacklist_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_a_stored_value_is_read_back_as_json_reads_it(value):
    data = store_module.as_json(value).encode("utf-8")
    assert store_module._json_value(data) == json.loads(data)


@pytest.mark.parametrize("data", [b"", b" 1", b"1 ", b"1\n", b"[1][2]", b'"a"x', b'"\xff"', b"[1", b"\xef\xbb\xbf1"])
def test_stored_bytes_that_are_not_one_value_alone_are_a_miss(tmp_path, data):
    """What the store writes is one JSON value and nothing around it; anything else is a ValueError: a miss."""
    with pytest.raises(ValueError):
        store_module._json_value(data)
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "values-0123456789abcdef0123456789abcdef.jsonl").write_bytes(data + b"\n")
    planted_index(folder, {"segments": ["values-0123456789abcdef0123456789abcdef.jsonl"], "count": 1},
                  [("a", 0, 0, len(data), digest_of(data))])
    assert read(folder, "a", decode=lambda value: value) is None
