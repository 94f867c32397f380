"""The inputs fingerprint and the cache's files: keyed by content, and harmless when damaged or planted."""

from __future__ import annotations

import json
import os
import pickle
import platform
from pathlib import Path

import pytest

from microsite import cache as cache_module
from microsite.cache import BuildCache, LastBuild
from microsite.compiled import text_key
from microsite.kept import LostText
from microsite.errors import ContentError, Location
from microsite.inputs import Inputs
from microsite.memo import digest_of
from microsite.store import CACHE_FORMAT, INDEX, Entry, head, write_index


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "pages" / "a.en.md").write_text("one", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "base.html").write_text("<html>", encoding="utf-8")
    return root


def fingerprint(root: Path, options: str = "options") -> str:
    return Inputs(root).fingerprint(options)


def test_the_fingerprint_follows_contents_names_and_options(tmp_path):
    root = project(tmp_path)
    first = fingerprint(root)
    assert fingerprint(root) == first
    page = root / "content" / "pages" / "a.en.md"
    page.write_text("two", encoding="utf-8")
    edited = fingerprint(root)
    assert edited != first
    os.utime(page, (0, 0))  # a time stamp alone is no change
    assert fingerprint(root) == edited
    page.rename(page.with_name("b.en.md"))
    assert fingerprint(root) != edited
    assert fingerprint(root, "other options") != fingerprint(root)


def test_a_file_moved_between_folders_changes_the_fingerprint(tmp_path):
    root = project(tmp_path)
    (root / "content" / "pages" / "x").mkdir()
    (root / "content" / "pages" / "x" / "y.md").write_text("same", encoding="utf-8")
    before = fingerprint(root)
    (root / "content" / "pages" / "x" / "y.md").rename(root / "content" / "pages" / "x.y.md")
    assert fingerprint(root) != before


def test_a_link_out_of_the_project_counts_by_where_it_points_not_what_it_holds(tmp_path):
    root = project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (root / "content" / "pages" / "link.md").symlink_to(secret)
    before = fingerprint(root)
    secret.write_text("changed, and never read", encoding="utf-8")
    assert fingerprint(root) == before
    (root / "templates" / "folder-link").symlink_to(tmp_path, target_is_directory=True)  # counts by where it points
    linked = fingerprint(root)
    assert linked != before  # (the build refuses a link to a folder where it reads files: see ``inputs``)
    (tmp_path / "elsewhere.txt").write_text("never read", encoding="utf-8")  # what it holds: not followed
    assert fingerprint(root) == linked


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    warning = ContentError(Location(Path("content/x.md"), 3, 1), "a warning", "a hint")
    cache.save(LastBuild("inputs", "output", {"en": 1}, (warning,)), {"job": ("digest", 1)})
    kept = BuildCache(folder)
    assert kept.last.inputs == "inputs" and kept.outputs == {"job": ("digest", 1)}
    assert [(w.location, w.message, w.hint) for w in kept.last.warnings] == [(warning.location, "a warning", "a hint")]
    stored = (folder / "state.json").read_bytes()
    head, _, body = stored.partition(b"\n")
    for damaged in (b"not json", stored[:-1], head + b"\n" + body.replace(b"inputs", b"inputz"),
                    head.replace(b"cache %d " % CACHE_FORMAT, b"cache %d " % (CACHE_FORMAT - 1)) + b"\n" + body):
        (folder / "state.json").write_bytes(damaged)
        assert BuildCache(folder).last.inputs == ""


def planted(cache: BuildCache, name: str, content: object) -> None:
    """A cache file with a correct first line (anyone who can write .cache/ can make one) and ``content``."""
    body = json.dumps(content).encode()
    (cache.folder / name).write_bytes(head(cache.code, digest_of(body)) + b"\n" + body)


@pytest.mark.parametrize("content", [
    [], {"inputs": 1}, {"inputs": "x", "output": "y", "pages": {"en": "many"}, "warnings": [], "outputs": {}},
    {"inputs": "x", "output": "y", "pages": {}, "warnings": [[1, 2]], "outputs": {}},
    {"inputs": "x", "output": "y", "pages": {}, "warnings": [], "outputs": {"k": ["d", "not a size"]}},
])
def test_a_planted_state_of_the_wrong_shape_is_ignored(tmp_path, content):
    folder = tmp_path / "cache"
    folder.mkdir()
    planted(BuildCache(folder), "state.json", content)
    cache = BuildCache(folder)
    assert cache.last == LastBuild() and cache.outputs == {}


def planted_values(cache: BuildCache, values: dict[str, object]) -> None:
    """Values in the store with a correct index (digests and first line: anyone who can write .cache/ can)."""
    folder = cache.folder / "store"
    folder.mkdir(parents=True, exist_ok=True)
    segment = "values-" + "0" * 32 + ".jsonl"
    entries, offset, lines = {}, 0, []
    for key, value in values.items():
        data = json.dumps(value).encode()
        entries[key] = Entry(segment, offset, len(data), digest_of(data))
        lines.append(data + b"\n")
        offset += len(data) + 1
    (folder / segment).write_bytes(b"".join(lines))
    write_index(folder / INDEX, cache.code, entries)


SURVEY = "[[],[]]"  # "# a" has no links and no digits
COMPILED = [3, len(SURVEY), 0, [], [], [], [], [], -1, []]  # "# a" compiled, all but its HTML and its survey


@pytest.mark.parametrize("save", [True, False], ids=["command line", "preview"])
@pytest.mark.parametrize("entry, html, survey", [
    (["<p>", *COMPILED[1:]], "<p>", SURVEY), ([*COMPILED, "extra"], "<p>", SURVEY), ([-3, *COMPILED[1:]], "<p>", SURVEY),
    ([*COMPILED[:2], "0", *COMPILED[3:]], "<p>", SURVEY),
    ([*COMPILED[:5], [[0, 0, [0], [0, 1], "m", "h"]], [], [], -1, []], "<p>", SURVEY),
    ([*COMPILED[:6], [1], [], -1, []], "<p>", SURVEY),
        ([*COMPILED[:7], [["h", "t", "x", "yes", 0, 0, False]], -1, []], "<p>", SURVEY),
    ([*COMPILED[:8], "0", []], "<p>", SURVEY), (COMPILED[:8], "<p>", SURVEY),
        ([*COMPILED[:9], [["0", 0, "近日"]]], "<p>", SURVEY), ([*COMPILED[:9], "近日"], "<p>", SURVEY),
    ("text", "<p>", SURVEY), ({"html": "<p>"}, "<p>", SURVEY),
    (COMPILED, None, SURVEY), (COMPILED, ["<p>"], SURVEY), (COMPILED, "<p>", None), (COMPILED, "<p>", ["[[],[]]"]),
    (COMPILED, "<p>", "[[1],[]]")])
def test_planted_compiled_markdown_of_the_wrong_shape_is_ignored(tmp_path, entry, html, survey, save):
    folder = tmp_path / "cache"
    folder.mkdir()
    key = text_key("# a")
    html_key, survey_key = cache_module._html_key(key), cache_module._survey_key(key)
    planted_values(BuildCache(folder), {key: COMPILED, html_key: "<p>", survey_key: SURVEY})
    found = BuildCache(folder, save=save).compiler.found(key)
    assert found.html == "<p>" and found.survey.found() == ((), ())  # the planting works
    planted = {key: entry, html_key: html, survey_key: survey}
    planted_values(BuildCache(folder), {name: value for name, value in planted.items() if value is not None})
    found = BuildCache(folder, save=save).compiler.found(key)
    if found is not None:  # a command-line build reads the HTML only where it renders a page, the survey only
        assert entry == COMPILED  # where it resolves the text's links
        with pytest.raises(LostText):
            found.html, found.survey.found()


@pytest.mark.parametrize("save", [True, False], ids=["command line", "preview"])
@pytest.mark.parametrize("kept", ["html", "survey"])
def test_planted_html_of_another_length_is_not_taken_for_the_compiled_one(tmp_path, save, kept):
    folder = tmp_path / "cache"
    folder.mkdir()
    key = text_key("# a")
    html = "<p></p>" if kept == "html" else "<p>"
    survey = "[[], []]" if kept == "survey" else SURVEY
    planted_values(BuildCache(folder), {key: COMPILED, cache_module._html_key(key): html,
                                        cache_module._survey_key(key): survey})
    found = BuildCache(folder, save=save).compiler.found(key)
    if save:  # read only where it is needed: there it is refused (and the build starts again without it)
        with pytest.raises(LostText):
            found.html if kept == "html" else found.survey.found()
    else:
        assert found is None


def test_the_cache_never_runs_code(tmp_path, minimal_project):
    """A pickle (of the old format) or compiled template planted in .cache/ is never loaded."""
    from microsite.pipeline import CACHE_FOLDER, build

    class Trap:
        def __reduce__(self):
            return (os.mkdir, (str(tmp_path / "ran"),))

    cache = minimal_project / CACHE_FOLDER
    (cache / "jinja").mkdir(parents=True)
    (cache / "store").mkdir()
    for name in ("state.pickle", "compiled.pickle", "build.pickle", "state.json", "compiled.json", "store/index.json", "store/index.bin",
                 "store/values-" + "0" * 32 + ".jsonl"):
        (cache / name).write_bytes(pickle.dumps({"format": 1, "last": Trap()}))
    (cache / "jinja" / "__jinja2_x.cache").write_bytes(b"j2" + pickle.dumps(Trap()))
    assert build(minimal_project, tmp_path / "site").site is not None
    assert not (tmp_path / "ran").exists()


def test_only_the_texts_of_the_last_build_are_kept(tmp_path):
    from microsite.compiled import precompile

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    precompile(cache.compiler, ["# one", "# two"])
    cache.store_used()
    precompile(cache.compiler, ["# two", "# three"])
    cache.store_used()
    kept = BuildCache(folder)
    assert len(kept.store.entries) == 6  # each text's compiled form, and apart from it its HTML and its survey
    assert kept.compiler.found(text_key("# one")) is None and kept.compiler.found(text_key("# three")) is not None
    assert kept.compiler.found(text_key("# three")).html == '<h1 id="three">three</h1>\n'
    assert cache_module._html_key(text_key("# three")) in kept.store.entries


def test_the_code_fingerprint_covers_the_python_and_the_libraries_that_run_it(tmp_path, monkeypatch):
    """Compiled Markdown is markdown-it-py's, pages Jinja's, readings PyYAML's: an upgrade of any of them, or of
    Python (its Unicode tables find the digits), may change what a build makes, so it is another code."""
    from microsite.cache import code_fingerprint

    libraries = tmp_path / "site-packages"
    (libraries / "markdown_it_py-3.0.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(libraries))
    before = code_fingerprint()
    assert code_fingerprint() == before  # the same code, the same fingerprint
    (libraries / "markdown_it_py-3.0.0.dist-info").rename(libraries / "markdown_it_py-3.0.1.dist-info")
    upgraded = code_fingerprint()
    assert upgraded != before
    (libraries / "opencc-1.1.9.egg-info").mkdir()
    assert code_fingerprint() not in (before, upgraded)
    monkeypatch.setattr("sys.version", "3.11.99 (another build)")
    assert code_fingerprint() not in (before, upgraded)


def test_a_library_upgraded_since_the_last_build_makes_the_next_one_anew(tmp_path, minimal_project, monkeypatch):
    from microsite.pipeline import build

    libraries = tmp_path / "site-packages"
    (libraries / "jinja2-3.1.3.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(libraries))
    out = tmp_path / "site"
    assert build(minimal_project, out).site is not None
    assert build(minimal_project, out).site is None  # up to date
    (libraries / "jinja2-3.1.3.dist-info").rename(libraries / "jinja2-3.1.4.dist-info")
    again = BuildCache(minimal_project / ".cache")
    assert len(again.store.entries) == 0 and again.last == LastBuild()  # what the other code made is not read
    assert build(minimal_project, out).site is not None


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_memory_freed_after_validation_goes_back_to_the_system(tmp_path, monkeypatch):
    texts = [("<p>a compiled page</p>" * 600) + str(number) for number in range(6000)]  # 13 KB each, as pages
    survivors = texts[::40]  # a live object on most of their pages keeps C's allocator from giving any back
    del texts
    before = _resident_bytes()
    cache_module._release_freed_memory()
    assert before - _resident_bytes() > 40_000_000 and len(survivors) == 150

    released = []
    monkeypatch.setattr(cache_module, "_release_freed_memory", lambda: released.append(True))
    cache = BuildCache(tmp_path / ".cache")
    cache.store_used()  # a command-line build's, after validation: what it held is set aside
    assert released == [] and cache._set_aside is not None
    cache.release()  # many pages to render
    assert released == [True] and cache._set_aside is None
    BuildCache(tmp_path / "preview", save=False).store_used()  # the preview keeps what it freed: nothing to give
    assert released == [True]


def many_texts(count: int = 250) -> list[str]:
    """Enough texts for ``precompile`` to compile them on all cores (see ``cores.MIN_ITEMS``)."""
    return [f"# Text {n}\n\nSee [the figures](stat:x{n}) and {n} more.\n" for n in range(count)]


def test_html_compiled_in_bulk_is_written_where_it_is_compiled_and_read_back(tmp_path):
    """A command-line build does not hold the HTML of the texts it compiles on all cores: each process that
    compiles writes it to the store (a segment of its own, renamed into place by this one), and it is read back
    when asked for."""
    from microsite.compiled import compile_markdown, precompile
    from microsite.markdown import new_parser

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    texts = many_texts()
    assert precompile(cache.compiler, texts, workers=2) == len(texts)
    found = [cache.compiler.found(text_key(text)) for text in texts]
    assert not any(compiled.body.held for compiled in found)  # none of it in this process
    md = new_parser()
    assert [compiled.html for compiled in found] == [compile_markdown(md, text).html for text in texts]
    assert all(compiled == compile_markdown(md, text) for compiled, text in zip(found, texts))
    cache.store_used()
    cache.close()
    store = folder / "store"
    assert not list(store.glob("*.tmp"))
    again = BuildCache(folder)
    entries = again.store.entries
    html = {entries[cache_module._html_key(text_key(text))].segment for text in texts}
    assert html and html.isdisjoint(entries[text_key(text)].segment for text in texts)  # written apart, as compiled
    assert [again.compiler.found(text_key(text)).html for text in texts] == [c.html for c in found]


def test_markdown_compiled_in_bulk_is_let_go_and_read_back(tmp_path):
    """The compiling processes write a document's Markdown too, and this process lets go of it: once compiled, a
    page's Markdown is needed only for a mistake in it or a check not made before."""
    from microsite.compiled import precompile
    from microsite.load import Body

    cache = BuildCache(tmp_path / "cache")
    texts = many_texts()
    bodies = [Body(text_key(text), len(text), text) for text in texts]
    precompile(cache.compiler, bodies, workers=2)
    assert not any(body.held for body in bodies)
    assert [body.text for body in bodies] == texts


def test_texts_compiled_in_bulk_leave_a_bounded_number_of_segments(tmp_path, monkeypatch):
    """Each process that compiles writes a segment; a very large site must not leave so many that every later
    build merges them (see ``store.MAX_SEGMENTS``)."""
    from microsite import compiled, cores
    from microsite.compiled import precompile

    monkeypatch.setattr(cores, "CHUNK", 5)  # 250 texts would be 50 children of 5
    cache = BuildCache(tmp_path / "cache")
    precompile(cache.compiler, many_texts(), workers=2)
    written = list((tmp_path / "cache" / "store").glob("values-*.jsonl"))
    assert 2 <= len(written) <= compiled.KEPT_SEGMENTS


def test_html_written_by_a_build_that_stopped_before_storing_is_deleted(tmp_path):
    """A build that stops at a content mistake stores nothing: the HTML its processes wrote does not stay."""
    from microsite.compiled import precompile

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    precompile(cache.compiler, many_texts(), workers=2)
    assert list((folder / "store").glob("values-*.jsonl"))
    cache.close()
    assert list((folder / "store").iterdir()) == []


def test_html_that_cannot_be_written_is_held(tmp_path):
    """A store that cannot be written (a read-only project, a full disk) leaves the HTML with the text."""
    from microsite.compiled import precompile

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "store").write_text("not a folder")
    cache = BuildCache(folder)
    texts = many_texts()
    precompile(cache.compiler, texts, workers=2)
    assert all(cache.compiler.found(text_key(text)).body.held for text in texts)
