"""Tests for microsite.known: after page edits, a build makes those pages alone, and equals a clean build.

Each test edits a fixture site as an editor would, builds it as a fresh
command-line build does (from ``.cache/``), and compares the output folder
and the warnings, byte for byte, with a build of a copy that has no cache.
It also records which way the build went: the changed pages alone, or every
page (when what changed reaches other pages, or the index cannot serve).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from microsite import pipeline
from microsite.cache import PAGES, BuildCache
from microsite.errors import ContentErrors
from microsite.inputs import Inputs
from microsite.known import FIELDS, IndexReading, Known, KnownPage, NotReusable, PageIndex, index_lines, rest_digest
from microsite.model import BuildOptions, PageSummary
from microsite.pipeline import CACHE_FOLDER, build
from microsite.store import write_checked
from tests.conftest import with_edition

CHANGED_ONLY, EVERY_PAGE, GAVE_UP = "changed pages only", "every page", "changed pages: gave up"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outcome(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    """What a build from ``.cache/`` leaves (the files and warnings, or the mistakes), and each way it tried."""
    ways: list[str] = []
    make = pipeline._make

    def spied(*arguments):
        ways.append(CHANGED_ONLY if arguments[-1] is not None else EVERY_PAGE)
        try:
            return make(*arguments)
        except NotReusable:  # (a mistake it finds, it reports: the way it went is the way that found it)
            ways[-1] = GAVE_UP
            raise

    monkeypatch.setattr(pipeline, "_make", spied)
    try:
        result = build(root, out)
    except ContentErrors as exc:
        return exc.format(root), ways
    finally:
        monkeypatch.setattr(pipeline, "_make", make)
    return (tree(out), [warning.format(root) for warning in result.warnings]), ways


def clean(root: Path, scratch: Path) -> object:
    """What a build of a copy of ``root`` without its cache leaves."""
    copy = scratch / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy / "project", ignore=shutil.ignore_patterns(CACHE_FOLDER))
    try:
        result = build(copy / "project", copy / "site")
    except ContentErrors as exc:
        return exc.format(copy / "project")
    return tree(copy / "site"), [warning.format(copy / "project") for warning in result.warnings]


def append(root: Path, page: str, text: str) -> None:
    path = root / "content" / "pages" / page
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace_in(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def test_an_edited_page_is_made_alone_and_the_site_equals_a_clean_build(minimal_project, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(minimal_project, out)
    assert (minimal_project / CACHE_FOLDER / PAGES).is_file()
    for step in range(3):  # each build starts from what the one before left
        append(minimal_project, "index.en.md", f"\nA sentence more, the {'red green blue'.split()[step]} one.\n")
        before = tree(out)
        got, ways = outcome(minimal_project, out, monkeypatch)
        assert ways == [CHANGED_ONLY]
        assert got == clean(minimal_project, tmp_path)
        changed = {path for path, content in tree(out).items() if before.get(path) != content}
        assert changed == {"en/index.html", ".microsite-manifest"}, changed


@pytest.mark.parametrize("edit", [
    # a title, which other pages' menus and lists show: the templates' view changes
    lambda root: replace_in(root, "content/pages/statistics.en.md", "title: statistics en", "title: Figures"),
    # a quote of a source, which becomes an anchor of the source's page
    lambda root: append(root, "index.en.md", '\nAs [the article](cite:2023-10-11-abcdef12 "调研在晋异地商会会务发展")'
                                            " says.\n"),
    # a page file added, and one removed
    lambda root: shutil.copyfile(root / "content/pages/statistics.en.md", root / "content/pages/more.en.md")
    or shutil.copyfile(root / "content/pages/statistics.zh.md", root / "content/pages/more.zh.md"),
    lambda root: (root / "content/pages/glossary.en.md").unlink() or (root / "content/pages/glossary.zh.md").unlink()
    or replace_in(root, "content/site.yaml", ", glossary", ""),
    # a template, a record, the site's settings
    lambda root: replace_in(root, "templates/base.html", "<body", "<body data-edited"),
    lambda root: replace_in(root, "content/data/timeline.yaml", "title: Trade event", "title: Trade fair"),
    lambda root: replace_in(root, "content/site.yaml", "en: Test site", "en: A site"),
    # a heading, and with it a quote, which becomes an anchor of the source's page: more than headings changed
    lambda root: append(root, "statistics.en.md", '\n## A new section\n\n[Words](cite:2023-10-11-abcdef12 '
                                                 '"调研在晋异地商会会务发展").\n'),
], ids=["title", "quote", "page added", "page removed", "template", "record", "settings", "heading and quote"])
def test_what_reaches_other_pages_makes_every_page_as_a_clean_build_does(minimal_project, tmp_path, monkeypatch,
                                                                          edit):
    out = tmp_path / "site"
    build(minimal_project, out)
    edit(minimal_project)
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert got == clean(minimal_project, tmp_path)
    assert ways in ([GAVE_UP, EVERY_PAGE], [EVERY_PAGE])


@pytest.mark.parametrize("page", ["timeline", "statistics"])
def test_a_heading_no_link_looks_at_leaves_the_page_made_alone(minimal_project, tmp_path, monkeypatch, page):
    """No page links to the timeline; the home page links to the statistics page, but names no anchor there:
    whether that page exists is all its link read."""
    out = tmp_path / "site"
    build(minimal_project, out)
    append(minimal_project, f"{page}.en.md", "\n## A new section\n\nWords.\n")
    before, keys = tree(out), reached(monkeypatch)
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert (keys, ways) == ([], [CHANGED_ONLY])
    assert got == clean(minimal_project, tmp_path)
    assert {path for path, content in tree(out).items() if before.get(path) != content} == {
        f"en/{page}/index.html", ".microsite-manifest"}


def reached(monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    """The keys of the pages each build reads again because their links looked up headings that changed."""
    found: list[frozenset[str]] = []
    reaching = Known.reaching
    monkeypatch.setattr(Known, "reaching", lambda known, keys: found.append(keys) or reaching(known, keys))
    return found


@pytest.mark.parametrize("heading", ["## A new section", "## Intro {#figures}"], ids=["added", "named twice"])
def test_a_heading_another_pages_link_looks_up_makes_that_page_again_too(minimal_project, tmp_path, monkeypatch,
                                                                        heading):
    """The home page links to the statistics page: a heading there may decide whether its link's anchor
    exists. The home page is read and checked again with it (every other page as the index has it),
    whether or not its link names the new heading."""
    out = tmp_path / "site"
    replace_in(minimal_project, "content/pages/index.en.md", "(statistics.md)", "(statistics.md#figures)")
    replace_in(minimal_project, "content/pages/statistics.en.md", "Intro.", "## Intro {#figures}\n\nIntro.")
    build(minimal_project, out)
    append(minimal_project, "statistics.en.md", f"\n{heading}\n\nWords.\n")
    before, keys = tree(out), reached(monkeypatch)
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert got == clean(minimal_project, tmp_path)
    assert keys == [{"index"}]
    if heading == "## A new section":
        assert ways == [CHANGED_ONLY]
        changed = {path for path, content in tree(out).items() if before.get(path) != content}
        assert changed == {"en/statistics/index.html", ".microsite-manifest"}, changed  # the home page as it was
    else:  # the anchor named twice: a mistake, reported as a build of every page reports it
        assert ways == [CHANGED_ONLY]
        assert "figures" in got


def test_a_heading_removed_that_a_link_names_is_reported_as_a_build_of_every_page_reports_it(
        minimal_project, tmp_path, monkeypatch):
    out = tmp_path / "site"
    replace_in(minimal_project, "content/pages/index.en.md", "(statistics.md)", "(statistics.md#figures)")
    replace_in(minimal_project, "content/pages/statistics.en.md", "Intro.", "## Figures {#figures}\n\nIntro.")
    build(minimal_project, out)
    replace_in(minimal_project, "content/pages/statistics.en.md", "{#figures}", "{#numbers}")
    keys = reached(monkeypatch)
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert got == clean(minimal_project, tmp_path)
    assert isinstance(got, str) and "#figures" in got
    assert (keys, ways) == ([{"index"}], [CHANGED_ONLY])
    replace_in(minimal_project, "content/pages/index.en.md", "#figures", "#numbers")
    got, ways = outcome(minimal_project, out, monkeypatch)  # mended: both pages read, against the last index
    assert got == clean(minimal_project, tmp_path)
    assert (keys, ways) == ([{"index"}], [CHANGED_ONLY])


def test_a_page_whose_links_and_quotes_stay_is_made_alone_even_where_its_words_change(minimal_project, tmp_path,
                                                                                         monkeypatch):
    """A link to another site, numbers traced to a record, words rewritten: nothing other pages read."""
    out = tmp_path / "site"
    build(minimal_project, out)
    replace_in(minimal_project, "content/pages/index.en.md", "See [the figures](statistics.md).",
               "See [the figures](statistics.md), and [another site](https://example.net/).")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert got == clean(minimal_project, tmp_path)


def test_a_page_whose_citations_move_within_it_is_made_alone(minimal_project, tmp_path, monkeypatch):
    """A passage quoted by citations is named by where it is in the source, not where the link is in its page:
    lines written above a citation leave every other page as it was."""
    out = tmp_path / "site"
    append(minimal_project, "index.en.md", '\nAs [the article](cite:2023-10-11-abcdef12 "调研在晋异地商会会务发展")'
                                           " says.\n")
    build(minimal_project, out)
    replace_in(minimal_project, "content/pages/index.en.md", "The ICF has", "New words first.\n\nThe ICF has")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert got == clean(minimal_project, tmp_path)


def test_a_translation_made_out_of_date_is_warned_of_in_the_order_a_clean_build_gives(minimal_project, tmp_path,
                                                                                         monkeypatch):
    from microsite.cli import main

    assert main(["--root", str(minimal_project), "-q", "translated", "--all"]) == 0
    out = tmp_path / "site"
    build(minimal_project, out)
    for page in ("statistics.zh.md", "index.zh.md"):  # originals changed, one after the other
        append(minimal_project, page, "\n又一句话。\n")
        got, ways = outcome(minimal_project, out, monkeypatch)
        assert ways == [CHANGED_ONLY]
        expected = clean(minimal_project, tmp_path)
        assert got == expected
        assert any("out of date" in warning for warning in expected[1])


def test_a_mistake_in_an_edited_page_is_reported_as_a_build_of_every_page_reports_it(minimal_project, tmp_path,
                                                                                        monkeypatch):
    out = tmp_path / "site"
    build(minimal_project, out)
    before = tree(out)
    append(minimal_project, "index.en.md", "\nSee [](stat:missing) and [that](nowhere.md).\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert isinstance(got, str) and got == clean(minimal_project, tmp_path).replace(
        str(tmp_path / "clean" / "project"), str(minimal_project))
    assert tree(out) == before  # the last good site is left as it was


@pytest.mark.parametrize("damage", ["truncated", "not an index", "a wrong type", "a digest of another page"])
def test_a_damaged_index_only_makes_every_page(minimal_project, tmp_path, monkeypatch, damage):
    out = tmp_path / "site"
    build(minimal_project, out)
    path = minimal_project / CACHE_FOLDER / PAGES
    code = BuildCache(minimal_project / CACHE_FOLDER).code
    head, rows = split_index(path.read_bytes().partition(b"\n")[2])
    at = {name: FIELDS.index(name) for name in ("weight", "key", "digest")}
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:-20])
    elif damage == "not an index":
        write_checked(path, code, [json.dumps({"pages": "none"})])
    elif damage == "a wrong type":
        rows[0][at["weight"]] = "heavy"  # a weight that is not a number
        write_checked(path, code, [join_index(head, rows)])
    else:
        first = [row[at["key"]] for row in rows].index("statistics")  # taken for changed: it is read again
        rows[first][at["digest"]] = rows[first + 1][at["digest"]]
        write_checked(path, code, [join_index(head, rows)])
    append(minimal_project, "index.en.md", "\nOne more sentence.\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert got == clean(minimal_project, tmp_path)
    assert ways == ([CHANGED_ONLY] if damage == "a digest of another page" else [EVERY_PAGE])


def test_a_page_file_gone_from_the_output_folder_makes_every_page(minimal_project, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(minimal_project, out)
    (out / "en" / "statistics" / "index.html").unlink()
    (tmp_path / ".site.spare").exists() and shutil.rmtree(tmp_path / ".site.spare")
    append(minimal_project, "index.en.md", "\nOne more sentence.\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert got == clean(minimal_project, tmp_path)
    assert ways in ([GAVE_UP, EVERY_PAGE], [EVERY_PAGE], [CHANGED_ONLY])


def test_an_editions_page_is_made_again_with_its_original(minimal_project, tmp_path, monkeypatch):
    with_edition(minimal_project)
    out = tmp_path / "site"
    build(minimal_project, out)
    append(minimal_project, "index.zh.md", "\n晋江市工商联的又一句话，见[统计](statistics.md)。\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert got == clean(minimal_project, tmp_path)
    assert "又一句話" in (out / "zh-hant" / "index.html").read_text(encoding="utf-8")


def test_only_what_changed_in_page_files_lets_a_build_make_pages_alone(minimal_project):
    build(minimal_project, minimal_project.parent / "site")
    cache = BuildCache(minimal_project / CACHE_FOLDER)

    def changed(options: BuildOptions = BuildOptions()):
        known = cache.known_pages(Inputs(minimal_project), options, cache.page_index())
        return None if known is None else known.keys

    assert changed() == frozenset()
    append(minimal_project, "timeline.en.md", "\nMore.\n")
    assert changed() == {"timeline"}
    assert changed(BuildOptions(base_url="https://example.net/")) is None  # the options are not the last build's
    (minimal_project / "content" / "pages" / "notes.en.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert changed() is None  # a page file added
    (minimal_project / "content" / "pages" / "notes.en.md").unlink()
    (minimal_project / "static" / "style.css").write_text("body{}", encoding="utf-8")
    assert changed() is None  # any other input


def test_the_index_reads_back_what_it_wrote_and_nothing_else(tmp_path):
    summary = PageSummary("about", "en", tmp_path / "about.en.md", "About", "What", "page", 2, "About us", "/en/about/",
                          "abcd")
    from microsite.errors import ContentError, Location

    warning = ContentError(Location(summary.path), "out of date", "bring it up to date", "- old\n+ new")
    page = KnownPage(summary, False, "d1", frozenset({"one", "two"}), (("src", "a quote", 3, 4),),
                     ("https://example.org/",), (warning,), "k1", (), ("home", "statistics"))
    index = PageIndex("rest", "targets", "beside", "shared",
                      (page, KnownPage(summary, True, "", frozenset(), (), (), (), "k2")))
    written = b"".join(index_lines(index))
    back = index_from_lines(written)
    assert (back.rest, back.targets, back.beside_pages, back.shared) == ("rest", "targets", "beside", "shared")
    assert [(p.summary, p.edition, p.digest, p.heading_ids, p.citations, p.external, p.job, p.reads)
            for p in back.pages] == [
        (p.summary, p.edition, p.digest, p.heading_ids, p.citations, p.external, p.job, p.reads) for p in index.pages]
    shown = back.pages[0].warnings[0]
    assert (shown.location, shown.message, shown.hint, shown.detail) == (warning.location, warning.message,
                                                                         warning.hint, warning.detail)
    assert back.pages[0].summary.content_digest == summary.content_digest
    assert b"".join(index_lines(back)) == written  # its pages written back as the lines read
    head, rows = split_index(written)
    for broken in ({**head, "rest": 1}, {**head, "beside_pages": None}, {**head, "fields": list(FIELDS)[:-1]},
                   {**head, "fields": FIELDS[::-1]}):
        assert index_from_lines(join_index(broken, rows)) is None, broken
    for field, value in (("job", 1), ("edition", "yes"), ("heading_ids", [1]), ("citations", [["src", "q", "3", 4]]),
                         ("warnings", [["p", 1, 2, "m", "h"]]), ("weight", 2.5), ("external", "x"),
                         ("reads", "home"), ("reads", [["home", "en"]])):
        broken_rows = [dict(zip(FIELDS, row)) for row in rows]
        broken_rows[-1][field] = value
        assert index_from_lines(join_index(head, [list(row.values()) for row in broken_rows])) is None, field
    for content in (written[:-2], written + b"\n", b"[]", b"index", join_index(head, [rows[0][:-1], rows[1]])):
        assert index_from_lines(content) is None, content


def index_from_lines(content: bytes) -> PageIndex | None:
    """The whole index ``content`` holds, every type checked; None for anything else."""
    reading = IndexReading.of(content)
    return reading.made() if reading is not None else None


def split_index(content: bytes) -> tuple[dict, list[list]]:
    """The first line of an index file's content, and its rows (see ``known.index_lines``)."""
    head, *lines = content.split(b"\n")
    return json.loads(head), [json.loads(line) for line in lines]


def join_index(head: dict, rows: list[list]) -> bytes:
    return b"\n".join(json.dumps(part, ensure_ascii=False).encode() for part in (head, *rows))


def test_the_rest_of_the_inputs_is_digested_without_the_page_files(minimal_project):
    first = rest_digest(Inputs(minimal_project), BuildOptions())
    append(minimal_project, "index.en.md", "\nMore.\n")
    assert rest_digest(Inputs(minimal_project), BuildOptions()) == first
    (minimal_project / "content" / "pages" / "notes.txt").write_text("not a page", encoding="utf-8")
    assert rest_digest(Inputs(minimal_project), BuildOptions()) != first


def test_a_site_with_a_search_page_gets_the_index_a_clean_build_makes(minimal_project, tmp_path, monkeypatch):
    """Pagefind indexes every page's file, those linked from the last build's too."""
    strings = minimal_project / "content" / "data" / "strings.yaml"
    strings.write_text(strings.read_text(encoding="utf-8") + "".join(
        f"{name}:\n  zh: 搜索\n  en: Search\n" for name in ("search_label", "search_button", "search_searching",
                                                          "search_none", "search_unavailable"))
        + 'search_found:\n  zh: 找到{count}个页面。\n  en: "Pages found: {count}."\n', encoding="utf-8")
    for lang, title in (("zh", "搜索"), ("en", "Search")):
        (minimal_project / "content" / "pages" / f"search.{lang}.md").write_text(
            f"---\ntitle: {title}\ndescription: {title}.\ntemplate: search\n---\n", encoding="utf-8")
    out = tmp_path / "site"
    build(minimal_project, out)
    assert (out / "pagefind").is_dir()
    append(minimal_project, "statistics.en.md", "\nWords a reader may search for: chrysanthemum.\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert got == clean(minimal_project, tmp_path)


def test_the_index_is_read_while_the_files_are_digested_and_only_when_the_last_build_left_one(
        minimal_project, tmp_path, monkeypatch):
    """Whether only page files changed is known once every file is digested; the index is read meanwhile, on this
    core, while a child digests them: after any edit, but not when the last build left no index."""
    from microsite import cache as cache_module
    from microsite import inputs as inputs_module

    out = tmp_path / "site"
    build(minimal_project, out)
    events = []
    real_index, real_started = cache_module.IndexReading.of.__func__, inputs_module.Inputs.started.__func__

    class Spied:  # the inputs being digested, their wait noted
        def __init__(self, digesting):
            self.ready, self.digesting = digesting.ready, digesting

        def __call__(self):
            events.append("digested")
            return self.digesting()

    def started(cls, root):
        digesting = real_started(cls, root)
        events.append("digesting")
        return Spied(digesting)

    monkeypatch.setattr(cache_module.IndexReading, "of",
                        classmethod(lambda cls, data: events.append("index read") or real_index(cls, data)))
    monkeypatch.setattr(inputs_module.Inputs, "started", classmethod(started))
    replace_in(minimal_project, "content/site.yaml", "en: Test site", "en: A site")
    build(minimal_project, out)
    assert events == ["digesting", "index read", "digested"]
    (minimal_project / CACHE_FOLDER / "state.json").unlink()
    append(minimal_project, "index.en.md", "\nMore.\n")
    events.clear()
    build(minimal_project, out)
    assert events == ["digesting", "digested"]


@pytest.mark.parametrize("edited", [True, False], ids=["a page edited", "nothing changed"])
def test_the_index_pages_are_made_only_as_far_as_needed(minimal_project, tmp_path, monkeypatch, edited):
    """The index's pages are made until the files' digests are in; the rest only when they say pages changed (a
    build that finds nothing changed need not make 10,000 pages it will not use)."""
    from microsite import inputs as inputs_module
    from microsite import known as known_module

    out = tmp_path / "site"
    build(minimal_project, out)
    made = []
    real = known_module._known_page
    monkeypatch.setattr(known_module, "_CHUNK", 2)
    monkeypatch.setattr(known_module, "_known_page", lambda *fields: made.append(fields[0]) or real(*fields))
    monkeypatch.setattr(inputs_module.Digesting, "ready", lambda self: len(made) >= 4)  # in after two chunks
    if edited:
        append(minimal_project, "index.en.md", "\nMore.\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    pages = (minimal_project / CACHE_FOLDER / PAGES).read_bytes().count(b"\n") - 1  # a line each, after two
    assert pages > 4 and len(made) == (pages if edited else 4)
    assert ways == ([CHANGED_ONLY] if edited else [])
    assert got == clean(minimal_project, tmp_path)


def test_an_editions_own_conversions_are_checked_against_every_pages_text(minimal_project, tmp_path, monkeypatch):
    """A conversion of the edition's own must match some text of the site: the pages not read say which they use."""
    with_edition(minimal_project, "zh-hant:\n  后来: 後來\n")
    append(minimal_project, "statistics.zh.md", "\n后来又有了新的商会。\n")  # the one text that uses it
    out = tmp_path / "site"
    build(minimal_project, out)
    append(minimal_project, "index.zh.md", "\n又一句话。\n")  # another page edited: the conversion is still used
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert got == clean(minimal_project, tmp_path)
    assert "後來又有了" in (out / "zh-hant" / "statistics" / "index.html").read_text(encoding="utf-8")
    replace_in(minimal_project, "content/pages/statistics.zh.md", "后来又有了", "又有了")  # no text uses it now
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert isinstance(got, str) and "'后来'" in got and "matches no text" in got
    assert got == clean(minimal_project, tmp_path).replace(str(tmp_path / "clean" / "project"), str(minimal_project))


@pytest.mark.parametrize("added, encoded", [("\nMore words.\n", False), ("\n## A new section\n\nWords.\n", True)],
                         ids=["words", "a heading"])
def test_the_link_targets_of_unchanged_headings_are_the_last_builds_not_encoded_again(
        minimal_project, tmp_path, monkeypatch, added, encoded):
    """Where the pages read again keep their headings, the link targets are the last build's, and their digest
    is the index's (encoding every page's headings took 0.07 s at 10,000 pages); a heading added encodes them."""
    from microsite.memo import Memo
    out = tmp_path / "site"
    build(minimal_project, out)
    append(minimal_project, "statistics.en.md", added)
    digested: list[str] = []
    digest = Memo.digest
    monkeypatch.setattr(Memo, "digest", lambda memo, name, value: digested.append(name) or digest(memo, name, value))
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert ways == [CHANGED_ONLY]
    assert ("link targets' pages" in digested) is encoded
    assert got == clean(minimal_project, tmp_path)


def test_the_records_check_of_their_numbers_is_read_back_after_a_page_edit(minimal_project, tmp_path, monkeypatch):
    """A build after a page edit finds the records' fields as they were, and reads back what the last build's
    check of their numbers found; a label changed is checked again, and its untraced number reported."""
    from microsite import tracing
    out = tmp_path / "site"
    build(minimal_project, out)
    checked: list[str] = []
    check = tracing.check_plain
    monkeypatch.setattr(tracing, "check_plain", lambda fields, *rest: checked.extend(
        field.location.path.name for field in fields) or check(fields, *rest))
    append(minimal_project, "statistics.en.md", "\nMore words.\n")
    got, ways = outcome(minimal_project, out, monkeypatch)
    assert "statistics.yaml" not in checked and "statistics.en.md" in checked  # (the page's title: checked)
    assert ways == [CHANGED_ONLY] and got == clean(minimal_project, tmp_path)
    replace_in(minimal_project, "content/data/statistics.yaml", "label: affiliated chambers",
               "label: affiliated chambers, of 60")
    got, _ = outcome(minimal_project, out, monkeypatch)
    assert "label: the number '60' is not in the record's quote" in got and "statistics.yaml" in checked
