"""Hostile pages in a real browser: no script runs, whatever a reader hovers, focuses or clicks.

Every inert hostile case of ``tests/hostile`` at once makes one site (script, event handlers and
attribute-breaking quotes in every kind of text), built and served as a static host would. Chromium
opens every page with ``alert`` (what every payload calls) replaced by a counter before any page script
could run, dialogs recorded, then fires mouse, focus and pointer events at every element, moves the real
mouse over and clicks every visible one (a link to a web page is not followed: each page is opened on its
own), and tabs through the page.
The counter must stay at zero and no dialog may open, on every page.

Playwright's sync API allows one instance per thread, and ``test_browser.py`` keeps its own for the whole
session, so this one runs in a thread of its own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import hostile
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve, site_pages

pytestmark = pytest.mark.browser

SENTINEL = """
window.__xss = 0;
window.alert = () => { window.__xss++; };
window.confirm = () => { window.__xss++; return false; };
window.prompt = () => { window.__xss++; return null; };
// Clicks stay on the page: a link to a web page or address is not followed (each page is opened on its own),
// while a link to any other scheme (javascript:, data: ...) would be, and its script counted.
addEventListener('click', (event) => {
  const link = event.target.closest ? event.target.closest('a[href]') : null;
  if (link && ['http:', 'https:', 'mailto:'].includes(new URL(link.href, location.href).protocol)) {
    event.preventDefault();
  }
}, true);
"""

# Synthetic events at every element run any inline handler (onmouseover=...) the page might hold.
FIRE_EVENTS = """() => {
  const types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover', 'pointerenter',
                 'pointerdown', 'pointerup', 'focus', 'focusin', 'blur', 'focusout', 'keydown', 'input', 'change',
                 'animationstart', 'animationend', 'transitionend', 'load', 'error', 'toggle'];
  const all = [...document.querySelectorAll('*')];
  for (const element of all) {
    for (const type of types) element.dispatchEvent(new Event(type, {bubbles: true}));
    if (typeof element.focus === 'function') element.focus();
  }
  return all.length;
}"""

# The middle of every visible element (in page coordinates).
SPOTS = """() => {
  const spots = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    spots.push({x: box.left + box.width / 2 + window.scrollX, y: box.top + box.height / 2 + window.scrollY});
  }
  return spots;
}"""

# Scrolls a spot into the window; returns where it is there.
AIM = """([x, y]) => {
  window.scrollTo(x - innerWidth / 2, y - innerHeight / 2);
  return [x - window.scrollX, y - window.scrollY];
}"""


@dataclass
class Visit:
    """What happened on one page."""

    path: str
    alerts: int = 0
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    elements: int = 0  # elements that got synthetic events
    hovered: int = 0  # spots the real mouse moved over
    clicked: int = 0


def visit(browser, origin: str, path: str) -> Visit:  # noqa: ANN001 (playwright Browser)
    result = Visit(path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SENTINEL)
    page = context.new_page()
    page.on("dialog", lambda dialog: (result.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    page.on("console", lambda message: result.console.append(f"{message.type}: {message.text}"))
    try:
        page.goto(origin + path, wait_until="load")
        result.elements = page.evaluate(FIRE_EVENTS)
        spots = page.evaluate(SPOTS)
        for spot in spots:
            x, y = page.evaluate(AIM, [spot["x"], spot["y"]])
            page.mouse.move(x, y)
            result.hovered += 1
            page.mouse.click(x, y)
            result.clicked += 1
        for _ in range(40):
            page.keyboard.press("Tab")
        page.wait_for_timeout(50)  # an image's onerror fires once its request fails
        if page.url.split("#")[0] != origin + path:
            result.errors.append(f"the page navigated to {page.url}")
        result.alerts = page.evaluate("window.__xss")
    finally:
        context.close()
    return result


def visit_all(origin: str, paths: list[str]) -> list[Visit]:
    """Open every page in a fresh Chromium (in the calling thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return [visit(browser, origin, path) for path in paths]
        finally:
            browser.close()


def in_a_thread(function, *arguments):  # noqa: ANN001, ANN201
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = function(*arguments)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="hostile-browser")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture(scope="module")
def visits(tmp_path_factory: pytest.TempPathFactory) -> list[Visit]:
    if not Path(CHROMIUM).exists():
        import os

        if os.environ.get("CI_REQUIRE_ALL"):
            pytest.fail(f"{CHROMIUM} is missing and CI_REQUIRE_ALL is set (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("hostile-browser")
    root = hostile.prepare(tmp, hostile.all_inert_edits())
    out = tmp / "site"
    with serve(out) as origin:
        status, _, err = hostile.run(root, out, base_url=origin + "/")
        assert status == 0, err
        paths = [page.path for page in site_pages(out, ("zh", "en"), "zh")]
        visited = in_a_thread(visit_all, origin, paths)
    assert [result.path for result in visited] == paths  # every page of the build
    return visited


def test_every_hostile_page_was_opened_and_worked_through(visits: list[Visit]) -> None:
    assert {"/", "/en/", "/en/statistics/", "/timeline/", "/en/glossary/", "/sources/2023-10-11-abcdef12/",
            "/en/404.html"} <= {result.path for result in visits}
    for result in visits:
        assert result.elements > 50 and result.hovered > 10 and result.clicked > 5, result


def test_no_script_runs_on_any_hostile_page(visits: list[Visit]) -> None:
    ran = [f"{v.path}: {v.alerts} alert(s), dialogs {v.dialogs}" for v in visits if v.alerts or v.dialogs]
    assert not ran, "\n".join(ran)


def test_no_hostile_page_has_a_script_error_or_leaves(visits: list[Visit]) -> None:
    failed = [f"{v.path}: {v.errors}" for v in visits if v.errors]
    assert not failed, "\n".join(failed)


def test_the_sentinel_catches_a_script_that_runs(tmp_path: Path) -> None:
    """The same visit on a page that does run script counts it: a zero above means something."""
    (tmp_path / "index.html").write_text('<!doctype html><title>t</title><p onmouseover="alert(document.domain)">x'
                                         '<img src=missing onerror=alert(document.domain)>'
                                         '<script>alert(document.domain)</script>'
                                         '<p><a href="javascript:alert(document.domain)">a link</a>'
                                         '<p><a href="/elsewhere/">not followed</a>', encoding="utf-8")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with serve(tmp_path) as origin:
        [result] = in_a_thread(visit_all, origin, ["/"])
    assert result.alerts >= 4 and not result.errors, result  # the handler, onerror, the script, the link
