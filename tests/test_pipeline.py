"""The build reuses earlier work, and a build that reused anything equals a clean build, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from microsite.pipeline import CACHE_FOLDER, build
from tests.conftest import SAMPLE, make_project


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


def test_a_deleted_or_foreign_cache_only_makes_the_build_slower(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    build(root, tmp_path / "site")
    (root / CACHE_FOLDER / "build.pickle").write_bytes(b"not a pickle")
    build(root, tmp_path / "site")
    shutil.rmtree(root / CACHE_FOLDER)
    result = build(root, tmp_path / "site")
    assert result.files == 0 and result.site is not None  # rebuilt, and found the output already right


@pytest.mark.parametrize("workers", [1, 2])
def test_compiling_on_several_cores_gives_the_same_site(tmp_path: Path, monkeypatch, workers: int) -> None:
    from microsite import compiled

    monkeypatch.setattr(compiled, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(compiled, "available_cores", lambda: workers)
    root = make_project(tmp_path, SAMPLE)
    build(root, tmp_path / "site")
    assert tree(tmp_path / "site") == clean_build(root, tmp_path, f"w{workers}")


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
