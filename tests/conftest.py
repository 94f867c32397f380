"""Shared fixtures: the repository, the real content built once, and throwaway project trees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "sites" / "minimal"


def make_project(tmp_path: Path, content: Path) -> Path:
    """A project folder in ``tmp_path``: the repository's templates and static files, and ``content``.

    The repository's UI strings are added when ``content`` has none, so small
    fixture sites need not repeat them.
    """
    root = tmp_path / "project"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "static", root / "static")
    shutil.copytree(content, root / "content")
    strings = root / "content" / "data" / "strings.yaml"
    if not strings.exists():
        strings.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "content" / "data" / "strings.yaml", strings)
    return root


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A copy of the smallest valid site, to break in a test."""
    return make_project(tmp_path, MINIMAL / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test session into a temporary folder."""
    from microsite.pipeline import build

    out = tmp_path_factory.mktemp("real") / "site"
    build(REPO, out)
    return out


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
