"""Shared fixtures: the project under test, a frozen sample site, and throwaway project trees.

Two kinds of site are built here, and a test picks the one that fits what it asserts:

- ``PROJECT``: the real content (the repository, or the copy ``MICROSITE_PROJECT`` names). Tests of it are
  marked ``content`` and assert only what holds for any valid content (every page builds, every link
  resolves ...), never today's counts, ids or wording, so that ordinary editing never breaks them.
  ``tests/test_editing.py`` edits a copy of the project as an editor would and runs them on it.
- ``SAMPLE``: a frozen copy of the content (taken in December 2026), for tests of the generator that need
  a full site and name its pages, figures and sources. Editors never change it.

A test of the real content that looks at a kind of thing (a statistic, the timeline's page, a search page, an
edition) would pass on nothing once an editor removed every one of them, which is valid content. Such a test takes
``site_under_test``, which gives it the real content and the *complete sample* (the sample site with a search page
in each language and a Traditional Chinese edition: every kind of page and record the templates show), and asks
for its case with :meth:`BuiltSite.needs`: skipped, saying so, on the real content without one; a failure on the
complete sample, which must have one.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT = Path(os.environ.get("MICROSITE_PROJECT") or REPO).resolve()
MINIMAL = REPO / "tests" / "sites" / "minimal"
SAMPLE = REPO / "tests" / "sites" / "sample" / "content"
SAMPLE_SOURCE = SAMPLE / "sources" / "2023-10-11-eb7c93e7.md"
TEST_BASE_URL = "https://example.org/"


def make_project(tmp_path: Path, content: Path) -> Path:
    """A project folder in ``tmp_path``: the repository's templates and static files, and ``content``.

    The sample site's UI strings are added when ``content`` has none, so small
    fixture sites need not repeat them.
    """
    root = tmp_path / "project"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "static", root / "static")
    shutil.copytree(content, root / "content")
    strings = root / "content" / "data" / "strings.yaml"
    if not strings.exists():
        strings.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLE / "data" / "strings.yaml", strings)
    return root


EDITION = "editions:\n  zh-hant: {from: zh, name: 繁體中文, tag: zh-Hant, conversion: s2tw}\n"
EDITION_STRINGS = ("source_converted_heading: {zh: 繁体字转换文本, en: Converted text}\n"
                   "source_converted_note: {zh: 以下是转换的文本。, en: The text below is converted.}\n")


def with_edition(project: Path, conversions: str = "", page: str = "") -> Path:
    """``project`` with a Traditional Chinese edition, ``conversions`` of its own (as conversions.yaml has them)
    and ``page`` added to its Chinese home page."""
    content = project / "content"
    with open(content / "site.yaml", "a", encoding="utf-8") as site:
        site.write(EDITION)
    with open(content / "data" / "strings.yaml", "a", encoding="utf-8") as strings:
        strings.write(EDITION_STRINGS)  # what a source's page shows in an edition
    if conversions:
        (content / "data" / "conversions.yaml").write_text(conversions, encoding="utf-8")
    if page:
        index = content / "pages" / "index.zh.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n" + page + "\n", encoding="utf-8")
    return project


def resealed(source: str) -> str:
    """A source file's text with the counted_chars, text_sha256 and header_sha256 of its article's text and header
    as they are now: what ingest would write from a raw item that says so. For a test of what follows from a changed
    text or header (a translation out of date, a quote no longer found, a hostile kicker), which the build would
    otherwise refuse as an edit of the evidence (``seal``). A header the build cannot read (``declared_chars:
    0x95f``, a YAML mistake) keeps its seal: no header is read to seal, and the build reports that mistake."""
    from microsite.errors import ContentErrors
    from microsite.provenance import parse_source_body
    from microsite.seal import HEADER_FIELDS, header_sha256, sealed_characters, text_sha256
    from microsite.yamlfile import parse_yaml

    front, fence, body = source.partition("\n---\n")
    texts = [block.text for block in parse_source_body(body)]
    front = re.sub(r"(?m)^counted_chars: .*$", f"counted_chars: {len(sealed_characters(texts))}", front)
    front = re.sub(r"(?m)^text_sha256: .*$", f"text_sha256: {text_sha256(texts)}", front)
    try:
        header = parse_yaml(front.removeprefix("\ufeff").removeprefix("---\n"), Path("source.md")) or {}  # as the build
    except ContentErrors:
        return front + fence + body
    seal = header_sha256({name: header.get(name) for name in HEADER_FIELDS})
    front = re.sub(r"(?m)^header_sha256: .*$", f"header_sha256: {seal}", front)
    return front + fence + body


def reseal(source: Path) -> None:
    """The source file at ``source`` :func:`resealed`."""
    source.write_text(resealed(source.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A copy of the smallest valid site, to break in a test."""
    return make_project(tmp_path, MINIMAL / "content")


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of the sample site, to edit in a test."""
    return make_project(tmp_path, SAMPLE)


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site as a project, shared by the session: read it, never change it."""
    return make_project(tmp_path_factory.mktemp("sample"), SAMPLE)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample_root: Path) -> Path:
    """The sample site, built once per test session into a temporary folder."""
    from microsite.pipeline import build

    out = tmp_path_factory.mktemp("sample-site") / "site"
    build(sample_root, out)
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test session for ``TEST_BASE_URL`` (whatever site.yaml says)."""
    from microsite.model import BuildOptions
    from microsite.pipeline import build

    out = tmp_path_factory.mktemp("real") / "site"
    build(PROJECT, out, BuildOptions(base_url=TEST_BASE_URL))
    return out


SEARCH_STRINGS = """\
search_label: {zh: 搜索本站, en: Search this site}
search_button: {zh: 搜索, en: Search}
search_searching: {zh: 正在搜索……, en: Searching…}
search_none: {zh: 没有找到相关内容。, en: Nothing found.}
search_found: {zh: "找到{count}个页面。", en: "Pages found: {count}."}
search_unavailable: {zh: 搜索暂时无法使用，请从导航栏浏览各页。, en: Search is not available here; the menu leads to every page.}
"""
COMPLETE_CONVERSIONS = "zh-hant:\n  晋江: 晉江\n  工商联: 工商聯\n"


def with_search(project: Path) -> Path:
    """``project`` with a search page in each language and the strings it shows."""
    content = project / "content"
    with open(content / "data" / "strings.yaml", "a", encoding="utf-8") as strings:
        strings.write(SEARCH_STRINGS)
    for lang, title, text in (("zh", "搜索", "输入一个词，在本站各页中查找。"), ("en", "Search", "Type a word to find it.")):
        (content / "pages" / f"search.{lang}.md").write_text(
            f"---\ntitle: {title}\ndescription: {title}\ntemplate: search\n---\n{text}\n", encoding="utf-8")
    return project


@dataclass(frozen=True)
class BuiltSite:
    """A project built for ``TEST_BASE_URL``: the project, the folder built and the validated model, and whether it is
    the real content (which an editor may have left without any thing of a kind) or the complete sample (which has
    every kind)."""

    root: Path
    out: Path
    model: Any  # microsite.model.Site
    real: bool

    def needs(self, present: object, what: str) -> None:
        """Skip the test on the real content where ``present`` is false (an editor may remove every ``what``: valid
        content, and the complete sample still tries the case); fail on the complete sample, which must have it."""
        if self.real and not present:
            pytest.skip(f"the content has no {what} (valid content); the complete sample site's case is tried")
        assert present, f"the complete sample site (tests/conftest.py) has no {what}, and the test tries nothing"


@pytest.fixture(scope="session")
def complete_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete sample as a project, shared by the session: the sample site with a search page in each
    language and a Traditional Chinese edition, with conversions of its own. Read it, never change it."""
    project = make_project(tmp_path_factory.mktemp("complete"), SAMPLE)
    return with_edition(with_search(project), COMPLETE_CONVERSIONS)


@pytest.fixture(scope="session")
def complete_site(tmp_path_factory: pytest.TempPathFactory, complete_root: Path) -> BuiltSite:
    """The complete sample, checked and built once per session for ``TEST_BASE_URL``."""
    from microsite.model import BuildOptions
    from microsite.pipeline import build, check

    out = tmp_path_factory.mktemp("complete-site") / "site"
    build(complete_root, out, BuildOptions(base_url=TEST_BASE_URL))
    return BuiltSite(complete_root, out, check(complete_root, BuildOptions(base_url=TEST_BASE_URL), whole=True).site, real=False)


@pytest.fixture(scope="session", params=["content", "complete sample"])
def site_under_test(request: pytest.FixtureRequest) -> BuiltSite:
    """The real content, then the complete sample: for a test of what every valid content has, which must not pass
    on nothing (see :meth:`BuiltSite.needs`)."""
    if request.param == "content":
        return BuiltSite(PROJECT, request.getfixturevalue("built_site"), request.getfixturevalue("real_model"),
                         real=True)
    return request.getfixturevalue("complete_site")


@pytest.fixture(scope="session")
def real_model():
    """The real content's validated model."""
    from microsite.model import BuildOptions
    from microsite.pipeline import check

    return check(PROJECT, BuildOptions(base_url=TEST_BASE_URL), whole=True).site


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: Playwright's sync API allows one instance per thread."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require

    require(CHROMIUM, Path(CHROMIUM).exists(), "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def descriptors_past_1024():
    """This process holds over a thousand files open, so that the next ones opened are numbered past 1024 (which
    ``select.select`` refuses); skipped where the limit on open files does not allow it."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1300
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"this system allows {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    held = []
    try:
        while not held or held[-1] < 1100:
            held.append(os.open(os.devnull, os.O_RDONLY))
        yield
    finally:
        for descriptor in held:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
