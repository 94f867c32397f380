"""The live preview in a real browser: every save shows up in Chromium by itself.

Each test starts ``build.py serve`` on its own temporary copy of the real
project (``tests/test_serve.py`` has the helpers and the HTTP-level tests),
opens a page in Debian's Chromium, edits a file the way an editor does and
waits, without reloading anything itself, until the browser shows the
change. The LiveReload client must be connected before the edit (a change
broadcast to nobody is lost), so every page records the client's
``LiveReloadConnect`` event and the tests wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.conftest import SAMPLE, make_project
from tests.test_serve import PreviewProcess, can_bind, edit, preview_process

pytestmark = pytest.mark.browser

TIMEOUT_MS = 5000  # how long any change may take to reach the browser
RECORD_CONNECTION = """
window.__reloadConnected = false;
document.addEventListener("LiveReloadConnect", () => { window.__reloadConnected = true; });
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewProcess]:
    with preview_process(make_project(tmp_path, SAMPLE), tmp_path / "site") as running:
        yield running


class Tab:
    """A browser page on the preview, which knows whether the LiveReload client is connected."""

    def __init__(self, browser, server: PreviewProcess) -> None:  # noqa: ANN001 (playwright Browser)
        self.server = server
        self.page = browser.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.add_init_script(RECORD_CONNECTION)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str) -> None:
        self.page.goto(f"http://127.0.0.1:{self.server.port}{path}")
        self.wait_until_connected()

    def wait_until_connected(self) -> None:
        """Until the page shown now has its reload client connected (after each reload or navigation too)."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            try:
                if self.page.evaluate("window.__reloadConnected === true"):
                    return
            except PlaywrightError:  # the page is being replaced: ask the next one
                pass
            self.page.wait_for_timeout(20)
        raise AssertionError(f"the LiveReload client did not connect on {self.page.url}")

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(f"http://127.0.0.1:{self.server.port}")

    def close(self) -> None:
        self.page.close()
        assert self.errors == [], "uncaught errors in the page"


@pytest.fixture
def tab(browser, server: PreviewProcess) -> Iterator[Tab]:  # noqa: ANN001
    opened = Tab(browser, server)
    yield opened
    opened.close()


def content(server: PreviewProcess, name: str) -> Path:
    return server.root / "content" / name


def test_an_edited_page_shows_its_new_text_by_itself(tab: Tab) -> None:
    tab.open("/en/pillars/competence/")
    with content(tab.server, "pages/pillars/competence.en.md").open("a", encoding="utf-8") as page:
        page.write("\nThis sentence was added while the page was open.\n")
    expect(tab.page.locator("main")).to_contain_text("This sentence was added while the page was open.")
    assert tab.path == "/en/pillars/competence/"


def test_an_edited_statistic_label_shows_on_the_statistics_page_by_itself(tab: Tab) -> None:
    tab.open("/en/statistics/")
    edit(content(tab.server, "data/statistics.yaml"), "label: affiliated chambers of commerce whose",
         "label: the affiliated chambers of commerce whose")
    expect(tab.page.locator("main")).to_contain_text("the affiliated chambers of commerce whose")
    assert tab.path == "/en/statistics/"  # the page in the language being read, not the Chinese one


def test_a_broken_yaml_file_shows_its_error_and_the_fix_brings_the_page_back(tab: Tab) -> None:
    tab.open("/en/statistics/")
    statistics = content(tab.server, "data/statistics.yaml")
    original = edit(statistics, "  unit: count", "  unit： count")
    errors = tab.page.locator("#build-errors")
    expect(errors).to_contain_text("content/data/statistics.yaml:")
    expect(errors).to_contain_text("full-width colon '：' after 'unit'")
    tab.wait_until_connected()  # the error page reloads by itself too

    statistics.write_text(original, encoding="utf-8")
    expect(tab.page.locator("main")).to_contain_text("affiliated chambers of commerce whose founding and growth")
    expect(errors).to_have_count(0)
    assert tab.path == "/en/statistics/"


def test_a_stylesheet_change_is_swapped_in_without_reloading_the_page(tab: Tab) -> None:
    tab.open("/en/")
    tab.page.evaluate("window.__marker = 1")
    background = "getComputedStyle(document.body).backgroundColor"
    assert tab.page.evaluate(background) != "rgb(1, 2, 3)"
    edit(tab.server.root / "static" / "style.css", "body { margin: 0;", "body { margin: 0; background: rgb(1, 2, 3);")
    tab.page.wait_for_function(f"() => {background} === 'rgb(1, 2, 3)'")
    assert tab.page.evaluate("window.__marker") == 1  # the same document: only the stylesheet was replaced


def test_editing_another_page_takes_the_browser_there(tab: Tab) -> None:
    tab.open("/timeline/")
    with content(tab.server, "pages/pillars/competence.en.md").open("a", encoding="utf-8") as page:
        page.write("\nWhere the browser should go.\n")
    tab.page.wait_for_url("**/en/pillars/competence/")
    expect(tab.page.locator("main")).to_contain_text("Where the browser should go.")


def test_stopping_the_server_frees_its_port(tab: Tab) -> None:
    tab.open("/en/")
    assert not can_bind(tab.server.port)
    assert tab.server.stop() == 0
    assert "stopped" in tab.server.output
    assert can_bind(tab.server.port)
