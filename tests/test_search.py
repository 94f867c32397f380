"""Search: Pagefind's index made at build time, the search pages and the header's search box."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from microsite import search
from microsite.cache import BuildCache
from microsite.model import BuildOptions
from microsite.pipeline import CACHE_FOLDER, build, check
from scripts.synth import add_search
from tests.html import read_page

def with_search(project: Path) -> Path:
    """``project`` with a search page in each language and its strings, as the benchmark's corpora get them."""
    add_search(project)
    return project


def test_a_site_without_a_search_page_has_no_index_and_no_search_box(minimal_project: Path, tmp_path: Path) -> None:
    assert not search.wanted(check(minimal_project, whole=True).site)
    build(minimal_project, tmp_path / "site")
    assert not (tmp_path / "site" / search.BUNDLE).exists()
    assert 'role="search"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_index_has_one_language_per_lang_tag_and_only_what_the_search_page_loads(minimal_project: Path,
                                                                                   tmp_path: Path) -> None:
    result = build(with_search(minimal_project), tmp_path / "site")
    bundle = tmp_path / "site" / search.BUNDLE
    entry = json.loads((bundle / search.ENTRY).read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {language.tag.lower() for language in result.site.config.languages}
    searched = result.pages["zh"] - 2  # neither the search page nor the 404 page is a result
    assert all(language["page_count"] == searched for language in entry["languages"].values())
    assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-*ui*"))


def test_the_header_box_leads_to_the_search_page_of_its_language(minimal_project: Path, tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    home = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/en/search/" method="get">' in home
    assert 'for="site-search-query"' in home and not re.search(r"<script(?![^>]*application/ld\+json)", home)
    page = (tmp_path / "site" / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'class="site-search"' not in page and "data-pagefind-body" not in page
    assert read_page(tmp_path / "site" / "en" / "search" / "index.html").lang == "en"


def test_the_search_page_finds_the_bundle_under_a_subpath(minimal_project: Path, tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site", BuildOptions(base_url="https://example.org/sub/"))
    page = (tmp_path / "site" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/sub/pagefind/" data-base="/sub/"' in page


def test_a_missing_pagefind_stops_the_build_and_leaves_the_site(minimal_project: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = with_search(minimal_project)
    build(project, tmp_path / "site")
    before = (tmp_path / "site" / "index.html").read_bytes()
    (project / "content" / "pages" / "index.zh.md").write_text("---\ntitle: 改\ndescription: 改。\ntemplate: home\n---\n改\n",
                                                               encoding="utf-8")
    monkeypatch.setattr(search, "_executable", lambda: (_ for _ in ()).throw(search.SearchIndexError("no pagefind")))
    with pytest.raises(search.SearchIndexError):
        build(project, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_bytes() == before


# --- the indexer kept running (pagefind --service) ---------------------------------------------------------------


def cli_bundle(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """What Pagefind's own command line makes of the pages in ``site``, as the build publishes it."""
    bundle = tmp_path / "cli-bundle"
    subprocess.run([str(search._executable()), "--site", str(site), "--output-path", str(bundle), "--quiet"],
                   check=True, capture_output=True)
    return {f"{search.BUNDLE}/{path.relative_to(bundle).as_posix()}":
            search._same_every_time(path.relative_to(bundle).as_posix(), path.read_bytes())
            for path in bundle.rglob("*") if path.is_file() and not search._UNUSED.match(path.name)}


def published_bundle(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in (site / search.BUNDLE).rglob("*") if path.is_file()}


@pytest.fixture
def tmpfs() -> Iterator[Path]:
    """A new folder on a file system that lists a folder's names in the order they were made (or the reverse):
    ``/dev/shm``'s tmpfs; the test is skipped where there is none."""
    if not Path("/dev/shm").is_dir():
        pytest.skip("no /dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="microsite-test-", dir="/dev/shm"))
    try:
        probe = folder / "probe"
        probe.mkdir()
        for name in ("b", "c", "a"):
            (probe / name).touch()
        if os.listdir(probe) not in (["b", "c", "a"], ["a", "c", "b"]):
            pytest.skip("/dev/shm lists names in an order of its own")
        yield folder
    finally:
        shutil.rmtree(folder)


def copy_made_in_order(site: Path, copy: Path, newest_first: bool) -> Path:
    """``site`` copied into ``copy``, each folder's names made in sorted order, or in the reverse."""
    copy.mkdir()
    for child in sorted(site.iterdir(), key=lambda child: child.name, reverse=newest_first):
        if child.is_dir():
            copy_made_in_order(child, copy / child.name, newest_first)
        else:
            shutil.copyfile(child, copy / child.name)
    return copy


def copy_listed_sorted(site: Path, copy: Path) -> Path:
    """``site`` copied into ``copy`` (on a tmpfs) so that every folder lists its names in sorted order."""
    probe = copy.parent / "probe"
    newest_first = os.listdir(probe) == ["a", "c", "b"]
    copy_made_in_order(site, copy, newest_first)
    listed = [os.listdir(folder) for folder, _, _ in os.walk(copy)]
    assert all(names == sorted(names) for names in listed)
    return copy


def test_the_bundle_is_the_one_pagefinds_command_line_makes_of_the_same_pages(minimal_project: Path, tmp_path: Path,
                                                                              tmpfs: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    listed_sorted = copy_listed_sorted(tmp_path / "site", tmpfs / "site")  # Pagefind's walk finds them in order
    assert published_bundle(tmp_path / "site") == cli_bundle(listed_sorted, tmp_path)


def test_the_index_does_not_depend_on_the_order_the_pages_were_made_in(minimal_project: Path, tmp_path: Path,
                                                                       tmpfs: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    first = copy_made_in_order(tmp_path / "site", tmpfs / "first", newest_first=False)
    second = copy_made_in_order(tmp_path / "site", tmpfs / "second", newest_first=True)
    assert os.listdir(first / "en") != os.listdir(second / "en")  # listed in two orders
    pagefind = search.Pagefind()
    try:
        bundles = [{output.path: output.content for output in pagefind.index(folder)} for folder in (first, second)]
    finally:
        pagefind.close()
    assert bundles[0] == bundles[1] == published_bundle(tmp_path / "site")


def test_a_site_built_from_an_earlier_one_on_a_tmpfs_has_the_index_of_a_clean_build(minimal_project: Path,
                                                                                    tmpfs: Path) -> None:
    # A page edited and built: the other pages are linked from the site before, the edited one written after them
    project = with_search(minimal_project)
    page = project / "content" / "pages" / "index.en.md"
    before = page.read_text(encoding="utf-8")
    build(project, tmpfs / "reused" / "site")
    page.write_text(before + "\nOne more sentence.\n", encoding="utf-8")
    build(project, tmpfs / "reused" / "site")
    shutil.rmtree(project / CACHE_FOLDER)
    build(project, tmpfs / "clean" / "site")
    assert published_bundle(tmpfs / "reused" / "site") == published_bundle(tmpfs / "clean" / "site")


def test_an_indexer_kept_running_makes_the_same_bundle_each_time_and_none_of_its_warm_up(minimal_project: Path,
                                                                                       tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    pagefind = search.Pagefind()
    try:
        pagefind.warm(["zh", "en", "zh-Hant", "ja"])
        first = {output.path: output.content for output in pagefind.index(tmp_path / "site")}
        pagefind.warm(["zh", "en"])  # already warm: nothing sent
        again = {output.path: output.content for output in pagefind.index(tmp_path / "site")}
    finally:
        pagefind.close()
    assert first == again == published_bundle(tmp_path / "site")
    entry = json.loads(first[f"{search.BUNDLE}/{search.ENTRY}"])
    assert "ja" not in entry["languages"]  # the warm-up's pages are in no index that is kept


def test_an_indexer_whose_pagefind_ended_starts_another(minimal_project: Path, tmp_path: Path) -> None:
    build(with_search(minimal_project), tmp_path / "site")
    pagefind = search.Pagefind()
    try:
        first = pagefind.index(tmp_path / "site")
        pagefind._process.kill()
        pagefind._process.wait()
        assert pagefind.index(tmp_path / "site") == first
    finally:
        pagefind.close()


def fake_pagefind(folder: Path, behaviour: str) -> Path:
    """A program that stands in for Pagefind: ``behaviour`` is Python run with ``reply(payload)`` at hand (which
    answers message 1 as the service would), after which it reads its input to the end."""
    fake = folder / "pagefind"
    fake.write_text(f"#!{sys.executable}\nimport base64, json, sys\n"
                    "def reply(payload):\n"
                    "    message = json.dumps({'message_id': 1, 'payload': payload}).encode()\n"
                    "    sys.stdout.buffer.write(base64.b64encode(message) + b','); sys.stdout.flush()\n"
                    f"{behaviour}\nsys.stdin.buffer.read()\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


@pytest.mark.parametrize("behaviour, message", [
    ("sys.exit(3)", "pagefind stopped"),
    ("pass", "did not answer"),
    ("sys.stdout.write('not base64!,'); sys.stdout.flush()", "pagefind answered"),
    ("reply({'type': 'Error', 'message': 'bad'})", "pagefind failed): bad"),
    ("reply({'type': 'NewIndex', 'index': 1})", "answered without 'index_id'"),
])
def test_a_pagefind_that_fails_is_a_clear_error_and_never_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 behaviour: str, message: str) -> None:
    monkeypatch.setattr(search, "_executable", lambda: fake_pagefind(tmp_path, behaviour))
    monkeypatch.setattr(search, "TIMEOUT", 1)
    pagefind = search.Pagefind()
    pagefind.warm(["zh"])  # a failure to warm up is left for the index to report
    with pytest.raises(search.SearchIndexError, match=re.escape(message)):
        pagefind.index(tmp_path)
    pagefind.close()


def test_a_build_ends_the_pagefind_it_started_and_the_preview_keeps_one(minimal_project: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def recorded(*args, **kwargs):
        started.append(popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(search.subprocess, "Popen", recorded)
    project = with_search(minimal_project)
    build(project, tmp_path / "site")
    assert len(started) == 1 and started[0].poll() is not None  # the command line's build ended it
    preview = BuildCache(project / CACHE_FOLDER, save=False)
    for text in ("一", "二"):
        (project / "content" / "pages" / "index.zh.md").write_text(
            f"---\ntitle: 改\ndescription: 改。\ntemplate: home\n---\n{text}\n", encoding="utf-8")
        build(project, tmp_path / "preview", cache=preview)
    assert len(started) == 2 and started[1].poll() is None  # one for every rebuild of the preview
    preview.close()
    assert started[1].wait(timeout=5) == 0


def test_the_index_is_made_when_descriptors_are_numbered_past_1024(minimal_project: Path, tmp_path: Path,
                                                                   descriptors_past_1024) -> None:
    build(with_search(minimal_project), tmp_path / "site")  # forks, pipes and Pagefind's pipes all past 1024
    assert (tmp_path / "site" / search.BUNDLE / search.ENTRY).is_file()


def test_the_preview_indexes_when_asked_and_again_only_after_the_pages_changed(minimal_project: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from microsite.serve import Preview

    indexed: list[Path] = []
    index = search.Pagefind.index

    def counted(self, folder: Path):
        indexed.append(folder)
        return index(self, folder)

    monkeypatch.setattr(search.Pagefind, "index", counted)
    project = with_search(minimal_project)
    preview = Preview(project, tmp_path / "site", "http://127.0.0.1:1/")
    try:
        assert preview.rebuild() and indexed == [] and not (tmp_path / "site" / search.BUNDLE).exists()
        bundle = preview.search_bundle()
        assert preview.search_bundle() is bundle and len(indexed) == 1
        entry = json.loads(bundle[f"{search.BUNDLE}/{search.ENTRY}"])
        assert set(entry["languages"]) == {language.tag.lower() for language in preview.result.site.config.languages}
        fresh = search.Pagefind()
        try:  # what the pages being served give, made by a Pagefind of its own
            assert bundle == {output.path: output.content for output in index(fresh, tmp_path / "site")}
        finally:
            fresh.close()
        (project / "content" / "pages" / "index.en.md").write_text(
            "---\ntitle: Changed\ndescription: Changed.\ntemplate: home\n---\nChanged words.\n", encoding="utf-8")
        assert preview.rebuild() and len(indexed) == 1
        assert preview.search_bundle() != bundle and len(indexed) == 2
    finally:
        preview.cache.close()


def test_the_languages_to_warm_are_known_from_the_pages_as_read(minimal_project: Path, monkeypatch) -> None:
    """Pagefind loads its word lists while the site is checked when the pages as read have a search page and the
    settings can be read (the bundle tests above build with it)."""
    from microsite.load import Project, load

    assert search.languages_wanted(load(Project(minimal_project))) == []
    project = with_search(minimal_project)
    assert search.languages_wanted(load(Project(project))) == ["zh-Hans", "en"]
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text("languages: [", encoding="utf-8")
    assert search.languages_wanted(load(Project(project))) == []
