"""The build reuses earlier work, and a build that reused anything equals a clean build, byte for byte."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from microsite.errors import ContentErrors
from microsite.pipeline import CACHE_FOLDER, build
from tests.conftest import MINIMAL, REPO, SAMPLE, make_project


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(root: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The same project built with no cache and no earlier output."""
    copy = tmp_path / f"clean-{name}"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(CACHE_FOLDER))
    build(copy, tmp_path / f"clean-{name}-site")
    return tree(tmp_path / f"clean-{name}-site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = [
    ("a page's text", "content/pages/pillars/competence.en.md", "## What the article reports",
     "## What the article says it did"),
    ("a page's title", "content/pages/glossary.en.md", "title: ", "title: The "),
    ("a statistic", "content/data/statistics.yaml", "label: affiliated chambers of commerce whose",
     "label: the affiliated chambers of commerce whose"),
    ("an event", "content/data/timeline.yaml", "title: Presidents' meeting", "title: Presidents' office meeting"),
    ("a UI string", "content/data/strings.yaml", "en: Skip to content", "en: Skip to the content"),
    ("the site settings", "content/site.yaml", "base_url: https://example.org/", "base_url: https://example.net/"),
    ("a template", "templates/base.html", '<main id="main"', '<main data-edited="yes" id="main"'),
    ("the stylesheet", "static/style.css", ":root {", ":root {\n  --edited: 1;"),
    ("a source summary", "content/sources/2023-10-11-eb7c93e7.en.md", "The article", "This article"),
]


def test_builds_that_reuse_earlier_work_equal_clean_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    for name, file, old, new in CHANGES:
        edit(root / file, old, new)
        result = build(root, out)
        assert result.site is not None, name  # the change was seen
        assert tree(out) == clean_build(root, tmp_path, name.replace(" ", "-").replace("'", "")), name


def test_a_build_with_nothing_changed_does_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    first = build(root, out)
    before = tree(out)
    again = build(root, out)
    assert again.site is None and again.files == 0 and tree(out) == before
    assert again.pages == first.pages and again.warnings == first.warnings
    assert again.summary().startswith("up to date: 22 pages (11 zh, 11 en)")


def test_a_page_put_back_as_it_was_is_said_to_change_though_no_file_is_written(tmp_path: Path) -> None:
    """An edit undone brings the page back from the spare folder (the site before last), linked, not written: the
    summary says that files changed, where "0 files written" read as nothing done."""
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    page = root / "content/pages/index.en.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(before + "\nA sentence added, then taken out again.\n", encoding="utf-8")
    edited = build(root, out)
    files = f"file{'s' * (edited.files != 1)}"
    assert edited.files == edited.changed > 0 and edited.summary().endswith(f"({edited.files} {files} written)")
    page.write_text(before, encoding="utf-8")
    undone = build(root, out)
    assert undone.files == 0 and undone.changed == edited.changed
    assert undone.summary().endswith(f"({undone.changed} {files} changed, 0 written)")


def test_a_build_with_nothing_changed_gives_the_warnings_whole(sample_project: Path, tmp_path: Path) -> None:
    """A warning's detail (what ``-v`` prints: the change to an original) too, as a build that made the pages gave
    it; the state kept in .cache/ once left it out."""
    from microsite.translations import words_fingerprint

    original = sample_project / "content" / "pages" / "timeline.zh.md"
    text = original.read_text(encoding="utf-8")
    with open(sample_project / "content" / "data" / "translated.yaml", "a", encoding="utf-8") as ledger:
        ledger.write(yaml.safe_dump({"page:timeline": {"fingerprint": words_fingerprint(text), "original": text}},
                                    allow_unicode=True))  # as `translated` leaves it: the change is then shown
    original.write_text(text + "\n新的一段话。\n", encoding="utf-8")
    first = build(sample_project, tmp_path / "site")
    again = build(sample_project, tmp_path / "site")
    assert again.site is None
    details = [warning.detail for warning in first.warnings]
    assert any(details) and [warning.detail for warning in again.warnings] == details


def test_a_moved_project_with_nothing_changed_names_its_files_where_they_are(sample_project: Path) -> None:
    """Moved (or copied with its .cache/), a project is up to date where it now is, and its warnings name the files
    there, as a build that made the pages would; they named the folder it was built in."""
    original = sample_project / "content" / "pages" / "timeline.zh.md"
    original.write_text(original.read_text(encoding="utf-8") + "\n新的一段话。\n", encoding="utf-8")
    first = build(sample_project, sample_project / "site")
    moved = sample_project.parent / "moved"
    sample_project.rename(moved)
    again = build(moved, moved / "site")
    assert again.site is None and first.warnings
    assert [warning.format(moved) for warning in again.warnings] == [w.format(sample_project) for w in first.warnings]


def test_a_damaged_output_folder_is_rebuilt(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    before = tree(out)
    (out / "en" / "index.html").unlink()
    assert build(root, out).site is not None
    assert tree(out) == before


def test_only_the_edited_page_is_written_again(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    build(root, out)
    edit(root / "content/pages/pillars/competence.en.md", "## What the article reports", "## What it reports")
    assert build(root, out).files == 1


def test_only_a_build_that_makes_many_pages_compiles_every_template_and_lets_go_first(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    """A cold build compiles every template (each must compile) before its pages render in children, which share
    them, and lets go of what validation held, as its memory then peaks; a build that makes a page or two, with
    the templates the last build checked, compiles only those it uses and leaves the rest to the process's end
    (see ``cache.BuildCache.release``)."""
    from microsite import cache as cache_module, pipeline, render

    released, compiled = [], []
    monkeypatch.setattr(cache_module.BuildCache, "release", lambda self: released.append(True))
    real_compile = render.Renderer.compile_templates
    monkeypatch.setattr(render.Renderer, "compile_templates", lambda self: compiled.append(True) or real_compile(self))
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 10)  # the sample site has 36 pages
    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    assert released == [True] and compiled
    compiled.clear()
    edit(root / "content/pages/pillars/competence.en.md", "## What the article reports", "## What it reports")
    assert build(root, out).files == 1 and released == [True] and compiled == []
    assert tree(out) == clean_build(root, tmp_path, "edited")


def test_a_deleted_or_foreign_cache_only_makes_the_build_slower(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    build(root, tmp_path / "site")
    (root / CACHE_FOLDER / "build.pickle").write_bytes(b"not a pickle")
    build(root, tmp_path / "site")
    shutil.rmtree(root / CACHE_FOLDER)
    result = build(root, tmp_path / "site")
    assert result.files == 0 and result.site is not None  # rebuilt, and found the output already right


@pytest.mark.parametrize("workers", [2, 3])
def test_compiling_and_rendering_on_several_cores_gives_the_same_site(tmp_path: Path, monkeypatch,
                                                                        workers: int) -> None:
    """Every text compiled and every page rendered in forked workers, then again with one edit: as on one core."""
    from microsite import cores

    root = make_project(tmp_path, SAMPLE)
    with monkeypatch.context() as patched:
        patched.setattr(cores, "MIN_ITEMS", 1)
        patched.setattr(cores, "available_cores", lambda: workers)
        build(root, tmp_path / "site")
    assert tree(tmp_path / "site") == clean_build(root, tmp_path, f"w{workers}")  # (one core: the default's)
    name, file, old, new = CHANGES[0]
    edit(root / file, old, new)
    with monkeypatch.context() as patched:
        patched.setattr(cores, "MIN_ITEMS", 1)
        patched.setattr(cores, "available_cores", lambda: workers)
        build(root, tmp_path / "site")
    assert tree(tmp_path / "site") == clean_build(root, tmp_path, f"w{workers}-edited"), name


def test_a_template_mistake_found_in_a_worker_is_reported_once(tmp_path: Path, monkeypatch) -> None:
    from microsite import cores
    from microsite.errors import ContentErrors

    monkeypatch.setattr(cores, "MIN_ITEMS", 1)
    monkeypatch.setattr(cores, "available_cores", lambda: 2)
    root = make_project(tmp_path, SAMPLE)
    build(root, tmp_path / "site")
    before = tree(tmp_path / "site")
    edit(root / "templates" / "page.html", "{% block main %}", "{% block main %}{{ no_such_name.x }}")
    with pytest.raises(ContentErrors) as raised:
        build(root, tmp_path / "site")
    assert len(raised.value.errors) == 1 and "no_such_name" in raised.value.errors[0].message
    assert tree(tmp_path / "site") == before


def test_a_long_running_callers_rebuilds_equal_clean_builds(tmp_path: Path) -> None:
    """As the preview builds: one in-memory cache (compiled Markdown, parsed files, per-text checks) for all."""
    from microsite.cache import BuildCache

    root = make_project(tmp_path, SAMPLE)
    out, cache = tmp_path / "site", BuildCache(root / CACHE_FOLDER, save=False)
    build(root, out, cache=cache)
    for name, file, old, new in CHANGES:
        edit(root / file, old, new)
        assert build(root, out, cache=cache).site is not None, name
        assert tree(out) == clean_build(root, tmp_path, "memo-" + name.replace(" ", "-").replace("'", "")), name


def test_a_long_running_caller_sees_a_link_broken_by_a_change_elsewhere(tmp_path: Path) -> None:
    """A page's text unchanged, but the heading it links to renamed: its remembered check must not be reused."""
    from microsite.cache import BuildCache
    from microsite.errors import ContentErrors

    root = make_project(tmp_path, SAMPLE)
    out, cache = tmp_path / "site", BuildCache(root / CACHE_FOLDER, save=False)
    build(root, out, cache=cache)
    page = root / "content/pages/organisation.en.md"
    text = page.read_text(encoding="utf-8")
    assert "{#three-systems}" in text
    page.write_text(text.replace("{#three-systems}", "{#the-three-systems}"), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build(root, out, cache=cache)
    message = caught.value.format(root)
    assert "contact.en.md" in message and "three-systems" in message
    contact = root / "content/pages/pillars/contact.en.md"
    edit(contact, "[three systems](../organisation.md#three-systems)",
         "[three systems](../organisation.md#the-three-systems), the Industrial and Commercial Federation's")
    with pytest.raises(ContentErrors) as caught:
        build(root, out, cache=cache)
    assert "avoid" in caught.value.format(root)  # the glossary check ran on the new text


# --- what a template can reach is what the keys cover (issue 13) ----------------------------------------------


def minimal_site(tmp_path: Path) -> tuple[Path, Path]:
    from tests.conftest import MINIMAL

    return make_project(tmp_path, MINIMAL / "content"), tmp_path / "site"


def show_in_home(root: Path, snippet: str) -> None:
    edit(root / "templates/home.html", "  {{ body }}\n", "  {{ body }}\n" + snippet + "\n")


def test_a_template_cannot_show_another_pages_body(tmp_path: Path) -> None:
    """Other pages reach templates only as summaries, whose every field is in every page's key."""
    from microsite.errors import ContentErrors

    root, out = minimal_site(tmp_path)
    show_in_home(root, "{{ md(page_in('statistics', lang).body) }}")
    with pytest.raises(ContentErrors) as caught:
        build(root, out)
    message = caught.value.format(root)
    assert "home.html" in message and "body" in message and "summary" in message
    assert len(caught.value.errors) >= 1


def test_another_pages_fields_shown_by_a_template_stay_fresh(tmp_path: Path) -> None:
    root, out = minimal_site(tmp_path)
    show_in_home(root, "<p>{{ page_in('statistics', lang).description }} {{ page_in('statistics', lang).path.name }}"
                       " {{ page_in('statistics', lang).translated_from }}</p>")
    build(root, out)
    edit(root / "content/pages/statistics.en.md", "template: statistics", "template: statistics\ntranslated_from: 0a1b")
    build(root, out)
    assert b"0a1b" in (out / "en" / "index.html").read_bytes()
    assert tree(out) == clean_build(root, tmp_path, "summary")


def test_a_front_matter_field_shown_by_its_own_page_stays_fresh(tmp_path: Path) -> None:
    root, out = minimal_site(tmp_path)
    show_in_home(root, "<p class=t>{{ page.translated_from }}</p>")
    build(root, out)
    edit(root / "content/pages/index.en.md", "template: home", "template: home\ntranslated_from: 0123456789ab")
    result = build(root, out)
    assert result.files >= 1 and b"0123456789ab" in (out / "en" / "index.html").read_bytes()
    assert tree(out) == clean_build(root, tmp_path, "front")


def test_source_date_epoch_is_a_build_option_read_once_at_the_edge(tmp_path: Path, monkeypatch) -> None:
    from microsite.cli import main

    root, out = minimal_site(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert main(["--root", str(root), "build", "--out", str(out)]) == 0
    assert b"2001-09-09T01:46:40Z" in (out / "feed.xml").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1100000000")
    assert main(["--root", str(root), "build", "--out", str(out)]) == 0
    assert b"2004-11-09T11:33:20Z" in (out / "feed.xml").read_bytes()
    reference = tmp_path / "reference"
    assert main(["--root", str(root), "build", "--out", str(reference)]) == 0
    assert tree(out) == tree(reference)


def _save_before_each_load(monkeypatch, page: Path, text: str) -> None:
    """Make each build save ``text`` to ``page`` after it fingerprinted the inputs, just before it reads them."""
    from microsite import pipeline

    real_load = pipeline.load

    def load_after_a_save(*args, **kwargs):
        page.write_text(text, encoding="utf-8")
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline, "load", load_after_a_save)


def test_a_save_during_the_build_is_not_lost(tmp_path: Path, monkeypatch) -> None:
    """Saved after the inputs were fingerprinted but before they were read, then undone: the next build redoes it."""
    root, out = minimal_site(tmp_path)
    build(root, out)
    page = root / "content/pages/index.en.md"
    original = page.read_text(encoding="utf-8")
    edit(page, "See [the figures]", "See [our figures]")  # bytes no build has read: the build reads the file
    _save_before_each_load(monkeypatch, page, original.replace("See [the figures]", "See [zebra figures]"))
    build(root, out)
    assert b"zebra" in (out / "en" / "index.html").read_bytes()
    monkeypatch.undo()
    page.write_text(original.replace("See [the figures]", "See [our figures]"), encoding="utf-8")
    build(root, out)
    assert tree(out) == clean_build(root, tmp_path, "race")


def test_a_save_during_the_build_to_a_file_read_before_is_built_next_time(tmp_path: Path, monkeypatch) -> None:
    """The build takes the reading it kept of the bytes it fingerprinted (it does not open the file again): it
    builds what it fingerprinted, and the next build sees the save."""
    root, out = minimal_site(tmp_path)
    build(root, out)
    page = root / "content/pages/index.en.md"
    original = page.read_text(encoding="utf-8")
    edit(root / "content/pages/statistics.en.md", "Intro.", "Introduction.")  # so that the build reads its inputs
    _save_before_each_load(monkeypatch, page, original.replace("See [the figures]", "See [zebra figures]"))
    build(root, out)
    assert b"zebra" not in (out / "en" / "index.html").read_bytes()
    monkeypatch.undo()
    build(root, out)
    assert b"zebra" in (out / "en" / "index.html").read_bytes()
    assert tree(out) == clean_build(root, tmp_path, "race")


def test_a_template_mistake_is_reported_once_by_build_and_check(tmp_path: Path) -> None:
    from microsite.errors import ContentErrors
    from microsite.pipeline import check

    root, out = minimal_site(tmp_path)
    edit(root / "templates/base.html", '<main id="main"', '<main data-x="{{ no_such_thing }}" id="main"')
    reports = []
    for run in (lambda: build(root, out), lambda: check(root)):
        with pytest.raises(ContentErrors) as caught:
            run()
        reports.append(caught.value.format(root))
    assert reports[0] == reports[1] and reports[0].count("no_such_thing") == 1


def test_a_template_no_page_uses_is_checked_by_build_and_check_and_the_site_kept(tmp_path: Path) -> None:
    from microsite.errors import ContentErrors
    from microsite.pipeline import check

    root, out = minimal_site(tmp_path)
    build(root, out)
    before = tree(out)
    (root / "templates" / "draft.html").write_text("{% extends 'base.html' %}\n{% block main %}{% endblok %}\n",
                                                   encoding="utf-8")
    reports = []
    for run in (lambda: build(root, out), lambda: check(root)):
        with pytest.raises(ContentErrors) as caught:
            run()
        reports.append(caught.value.format(root))
    assert reports[0] == reports[1] and reports[0].startswith("templates/draft.html:2: template syntax error")
    assert tree(out) == before
    (root / "templates" / "draft.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    assert build(root, out).files == 0 and tree(out) == before


def reported(run) -> object:
    """What a check or build reports: its warnings' messages, or its mistakes' (as printed)."""
    try:
        return [warning.format() for warning in run().warnings]
    except ContentErrors as exc:
        return exc.format()


def test_check_reads_what_the_last_build_left_and_reports_what_a_check_from_scratch_does(tmp_path: Path) -> None:
    from microsite.pipeline import check

    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    built = build(root, out)
    cache, site = tree(root / CACHE_FOLDER), tree(out)
    unchanged = check(root)  # what the last build checked: nothing to do again
    assert unchanged.site is None and unchanged.warnings == built.warnings
    assert "nothing changed since the last build" in unchanged.summary()
    whole = check(root, whole=True)  # asked for the site itself: validated again, all of it
    assert whole.site is not None and not whole.partial and whole.warnings == built.warnings
    page = root / "content/pages/pillars/competence.en.md"
    edit(page, "## What the article reports", "## What the article says it did")
    one_page = check(root)
    assert one_page.partial and {p.path for p in one_page.site.pages} == {page, page.with_name("competence.zh.md")}
    assert reported(lambda: one_page) == reported(lambda: check(root, cached=False))
    for name, file, old, new, mistaken in [
        ("an untraced number in a page", "content/pages/pillars/competence.en.md", "## What the article says it did",
         "## What the article says it did for 87 chambers", True),
        ("that number taken out again", "content/pages/pillars/competence.en.md", " for 87 chambers", "", False),
        ("a mistake in the template of that page", "templates/page.html", "{% block main %}",
         "{% block main %}{{ page.no_such_field }}", True),
        ("that mistake taken out again", "templates/page.html", "{{ page.no_such_field }}", "", False),
        ("a statistic's label", "content/data/statistics.yaml", "label: affiliated chambers of commerce whose",
         "label: the affiliated chambers of commerce whose", False),
    ]:
        edit(root / file, old, new)
        found = reported(lambda: check(root))
        assert found == reported(lambda: check(root, cached=False)) and isinstance(found, str) == mistaken, name
    assert tree(root / CACHE_FOLDER) == cache and tree(out) == site  # read, never written


def test_a_file_no_part_of_the_build_reads_is_a_warning_in_every_kind_of_build(tmp_path: Path) -> None:
    """A mistyped name (the timeline as events.yaml) would leave its content out of the site unsaid."""
    root, out = minimal_site(tmp_path)
    (root / "content/data/events.yaml").write_text("[]\n", encoding="utf-8")
    (root / "content/pages/.DS_Store").write_bytes(b"\0")  # the system's own: not reported

    def unread(result) -> list[str]:
        return [warning.format(root) for warning in result.warnings if "no part of the build" in warning.message]

    first = unread(build(root, out))
    assert first == ["content/data/events.yaml: no part of the build reads this file\n  hint: the data files are "
                     "data/statistics.yaml, data/timeline.yaml, data/glossary.yaml, data/strings.yaml, "
                     "data/conversions.yaml, data/translated.yaml: rename it, or move it out of content/"]
    assert unread(build(root, out)) == first  # nothing changed
    page = next((root / "content/pages").glob("*.en.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert unread(build(root, out)) == first  # only a page made again
    (root / "content/data/events.yaml").unlink()
    assert unread(build(root, out)) == []


def test_markdown_in_a_pages_title_is_a_warning_in_every_kind_of_build(tmp_path: Path) -> None:
    """The warning is the page's: a build that makes only another page gives it as the last build found it."""
    root, out = minimal_site(tmp_path)
    home = root / "content/pages/index.en.md"
    edit(home, "title: Home en", "title: Home **en**")

    def formatted(result) -> list[str]:
        return [warning.format(root) for warning in result.warnings if "Markdown" in warning.message]

    first = formatted(build(root, out))
    assert [line.split("\n")[0] for line in first] == [
        "content/pages/index.en.md:2:8: the page's title: Markdown (**…**) is shown as typed in this field"]
    assert formatted(build(root, out)) == first  # nothing changed
    page = root / "content/pages/statistics.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert formatted(build(root, out)) == first  # only another page made again
    edit(home, "title: Home **en**", "title: Home en")
    assert formatted(build(root, out)) == []


def test_only_the_edges_read_the_environment() -> None:
    """Build options come from the command line and the preview, once: no stage reads the environment itself."""
    readers = sorted(path.name for path in (REPO / "microsite").glob("*.py")
                     if "os.environ" in path.read_text(encoding="utf-8") or "getenv" in path.read_text(encoding="utf-8"))
    assert readers == ["cli.py", "serve.py"]


def test_a_fresh_process_reads_compiles_and_resolves_again_only_what_changed(tmp_path: Path, monkeypatch) -> None:
    """A new process (a fresh ``.cache/`` reader) takes every content file's reading, every compiled text, every
    text's links resolved and words to avoid looked for from ``.cache/store/``: with every file touched and the
    output gone it parses, compiles, resolves and scans nothing, and after a one-page edit only that page. The
    compiled HTML is read back only where a page is rendered: after the edit, none (the edited page's was compiled
    in the process); a page's Markdown, once compiled, not at all (a source's is: its quotes are looked for in it)."""
    import os

    from microsite import cache as cache_module, compiled, glossary, links, load
    from microsite.kept import text_of

    root, out = minimal_site(tmp_path)
    build(root, out)
    parsed, compiled_texts, resolved = [], [], []
    real_reading, real_compile, real_resolve = load._fresh_reading, compiled.compile_markdown, links.resolve
    monkeypatch.setattr(load, "_fresh_reading", lambda path, *rest: parsed.append(Path(path).name) or
                        real_reading(path, *rest))
    monkeypatch.setattr(compiled, "compile_markdown", lambda md, text, key=None: compiled_texts.append(text) or
                        real_compile(md, text, key))
    monkeypatch.setattr(links, "resolve", lambda item, targets: resolved.append(text_of(item.text)) or
                        real_resolve(item, targets))
    markdown_read, real_markdown = [], cache_module.BuildCache._stored_markdown
    monkeypatch.setattr(cache_module.BuildCache, "_stored_markdown", lambda self, key: markdown_read.append(key) or
                        real_markdown(self, key))
    html_read, real_html = [], cache_module.BuildCache._stored_html
    monkeypatch.setattr(cache_module.BuildCache, "_stored_html", lambda self, key: html_read.append(key) or
                        real_html(self, key))
    survey_read, real_survey = [], cache_module.BuildCache._stored_survey
    monkeypatch.setattr(cache_module.BuildCache, "_stored_survey", lambda self, key: survey_read.append(key) or
                        real_survey(self, key))
    scanned, real_scan = [], glossary._phrases_in
    monkeypatch.setattr(glossary, "_phrases_in", lambda pattern, text: scanned.append(text) or
                        real_scan(pattern, text))
    for path in root.rglob("*"):
        os.utime(path)
    shutil.rmtree(out)
    build(root, out)
    assert parsed == [] and compiled_texts == [] and resolved == [] and scanned == []
    sources = {document.markdown.key for document in load.load(load.Project(root)).sources}
    assert markdown_read and set(markdown_read) <= sources  # a page's Markdown is not read back: it is compiled
    assert tree(out) == clean_build(root, tmp_path, "touched")
    edit(root / "content/pages/statistics.en.md", "Intro.", "Introduction.")
    parsed.clear(), compiled_texts.clear(), resolved.clear(), scanned.clear()  # (the clean build's)
    html_read.clear(), markdown_read.clear()
    build(root, out)
    assert parsed == ["statistics.en.md"] and compiled_texts == ["Introduction.\n"]
    # No page's HTML is read back: the edited page's was compiled here (a build that reads some pages only keeps
    # what it makes in memory: see ``known``), and no other page is rendered again.
    assert html_read == []
    assert set(markdown_read) <= sources
    assert survey_read == []  # every resolution but the edited text's (compiled here) is read back whole
    assert resolved == ["Introduction.\n"] and scanned == ["Introduction.\n"]
    assert tree(out) == clean_build(root, tmp_path, "edited")


@pytest.mark.parametrize("kept", ["html", "survey"])
@pytest.mark.parametrize("damage", ["bytes", "segment"])
def test_texts_the_store_lost_only_make_the_build_slower(tmp_path: Path, damage: str, kept: str) -> None:
    """A command-line build reads a page's HTML from the store only where it renders the page, and a text's
    survey (its links and digits) only where it resolves its links: every text's, once a link target changed.
    Either damaged there, or gone with its segment (another build may delete segments it does not use), makes
    the build start again without the store, never a mistake or a wrong page."""
    from microsite import cache as cache_module
    from microsite.compiled import text_key
    from microsite.load import Project, load
    from microsite.store import INDEX, Store, write_index

    root, out = minimal_site(tmp_path)
    build(root, out)
    folder = root / CACHE_FOLDER / "store"
    store = Store(folder, cache_module.code_fingerprint())
    texts = [document.body for document in load(Project(root)).pages]
    kept_key = cache_module._html_key if kept == "html" else cache_module._survey_key
    html = [store.entries[kept_key(text_key(body))] for body in texts]
    if damage == "bytes":  # the same length, other bytes: refused by their digest
        for entry in html:
            segment = folder / entry.segment
            data = bytearray(segment.read_bytes())
            data[entry.offset + 1] = ord("X") if data[entry.offset + 1] != ord("X") else ord("Y")
            segment.write_bytes(bytes(data))
    else:  # the HTML alone moved to a segment that is then deleted, the rest of each text kept
        moved = folder / ("values-" + "f" * 32 + ".jsonl")
        moved.write_bytes(b"")
        entries = {key: entry._replace(segment=moved.name) if entry in html else entry
                   for key, entry in store.entries.items()}
        write_index(folder / INDEX, store.code, entries)
    shutil.rmtree(out)
    if kept == "survey":  # a heading added: a link may now lead to it, so every text's links are resolved again
        edit(root / "content/pages/statistics.en.md", "Intro.", "Intro.\n\n## Added")
    result = build(root, out)
    assert result.site is not None and tree(out) == clean_build(root, tmp_path, "clean")
    assert build(root, out).site is None  # and the store made again serves the next build


def files_open_under(folder: Path) -> list[str]:
    """The files under ``folder`` that this process holds open (read from /proc, Linux's)."""
    held = []
    for descriptor in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(descriptor)
            if target.startswith(str(folder)):
                held.append(target)
    return held


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads this process's open files in /proc")
def test_builds_that_fail_or_succeed_leave_no_file_open(tmp_path: Path) -> None:
    """A process that builds many times (a test run, a tool that embeds microsite) does not run out of files."""
    root = make_project(tmp_path, MINIMAL / "content")
    build(root, tmp_path / "site")  # the store now holds values to read
    page = root / "content" / "pages" / "index.en.md"
    text = page.read_text(encoding="utf-8")
    for number in range(4):
        page.write_text(f"{text}\n[](stat:missing{number})\n", encoding="utf-8")
        with pytest.raises(ContentErrors):
            build(root, tmp_path / "site")
        page.write_text(f"{text}\nwords{'s' * number}\n", encoding="utf-8")
        build(root, tmp_path / "site")
    assert files_open_under(tmp_path) == []


@pytest.mark.slow
def test_builds_at_the_same_time_share_the_store_and_each_makes_the_right_site(tmp_path: Path) -> None:
    """Two command-line builds of one project at once (an editor's and a script's) share ``.cache/``: one may
    delete the store's segments the other wrote and has not indexed yet, or is reading pages' HTML and Markdown
    from. Each must still make the site a clean build makes, and so must the builds after them. Enough pages
    that texts are compiled in bulk, by children that write what they compile to the store."""
    import subprocess
    import sys

    root = tmp_path / "project"
    subprocess.run([sys.executable, "scripts/synth.py", "--pages", "240", "--out", str(root)], cwd=REPO, check=True,
                   capture_output=True)
    pages = sorted((root / "content" / "pages").rglob("*.md"))

    def both(step: str) -> None:
        runs = [subprocess.Popen([sys.executable, "build.py", "--root", str(root), "build", "--out",
                                  str(tmp_path / f"site-{n}")], cwd=REPO, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE) for n in (1, 2)]
        errors = [run.communicate()[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        expected = clean_build(root, tmp_path, step)
        assert tree(tmp_path / "site-1") == expected and tree(tmp_path / "site-2") == expected

    both("cold")
    for page in pages:  # every text changed: compiled in bulk again, by both builds
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    both("every page")
    edit(pages[0], "One more sentence.", "One sentence more.")
    both("one page")
    shutil.rmtree(tmp_path / "site-1")
    build(root, tmp_path / "site-1")  # after them, in this process, from what they left in the store
    assert tree(tmp_path / "site-1") == clean_build(root, tmp_path, "after")


def test_a_build_of_a_project_another_is_building_waits_for_it_and_says_so(tmp_path: Path) -> None:
    """Two builds into one folder at once (an editor's and a script's): the second waits while the first holds
    the project, says that it waits, then makes the site a clean build makes. Before the lock, one of them
    failed as the other moved its spare folder away ("No such file ... .site.spare/.microsite-manifest")."""
    import subprocess
    import sys
    import time

    from microsite.cache import build_lock

    root = make_project(tmp_path, SAMPLE)
    out = tmp_path / "site"
    build(root, out)
    page = root / "content" / "pages" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    with build_lock(root / CACHE_FOLDER):  # as a build holds it
        second = subprocess.Popen([sys.executable, "build.py", "--root", str(root), "build", "--out", str(out)],
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and second.poll() is None and not _waits():
            time.sleep(0.05)
        time.sleep(0.5)
        assert second.poll() is None, second.communicate()  # it waits while the folder is held
    stdout, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr
    assert "waiting for another build of this project to finish" in stderr
    assert "built" in stdout and tree(out) == clean_build(root, tmp_path, "after")


def _waits() -> bool:
    """Whether a process waits for a lock (``/proc/locks`` lists waiters with ->)."""
    try:
        return "->" in Path("/proc/locks").read_text(encoding="utf-8")
    except OSError:
        return False


@pytest.mark.parametrize("made", ["content/pages/x.md", "content/sources/x.md", "static/shared"])
def test_a_folder_the_build_refuses_is_refused_after_a_build_that_succeeded(tmp_path: Path, made: str) -> None:
    """An empty folder named as a page or source file, and a link to a folder, hold no file: the build that
    follows one that succeeded must still see them, and refuse them as a build from scratch does, in the
    preview's way of building too."""
    from microsite.cache import BuildCache

    root, out = minimal_site(tmp_path)
    preview = BuildCache(root / CACHE_FOLDER, save=False)
    build(root, out)
    build(root, tmp_path / "preview", cache=preview)
    if made.startswith("static/"):
        (root / made).symlink_to("../templates")
    else:
        (root / made).mkdir()
    for cache, folder in ((None, out), (preview, tmp_path / "preview")):
        with pytest.raises(ContentErrors) as found:
            build(root, folder, cache=cache)
        assert [error.location.path for error in found.value.errors] == [root / made]
    preview.close()


def test_a_long_running_caller_sees_a_page_folder_taken_by_an_edition_added_or_renamed(tmp_path: Path) -> None:
    """A page's key may not begin with a language's code, an edition's included, and the mistake names the
    language: a page read again with its file unchanged must be checked against the languages as they are now."""
    from microsite.cache import BuildCache
    from tests.conftest import with_edition

    root, out = minimal_site(tmp_path)
    for lang in ("zh", "en"):
        page = root / "content" / "pages" / "zh-hant" / f"notes.{lang}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"---\ntitle: Notes {lang}\ndescription: A page.\n---\nWords.\n", encoding="utf-8")
    cache = BuildCache(root / CACHE_FOLDER, save=False)
    build(root, out, cache=cache)  # no edition: the folder is a page's
    with_edition(root)
    for renamed in (False, True):
        if renamed:
            edit(root / "content" / "site.yaml", "name: 繁體中文", "name: 正體中文")
        with pytest.raises(ContentErrors) as found:
            build(root, out, cache=cache)
        name = "正體中文" if renamed else "繁體中文"
        assert {error.message for error in found.value.errors} == {
            f"'zh-hant' is reserved: the pages in {name} are at /zh-hant/"}
    cache.close()
