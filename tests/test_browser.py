"""The built site in a real browser: Debian's Chromium, driven by Playwright, on a local HTTP server.

The site is built once per session with the server's URL as base URL, and every
HTML page the build wrote (both languages, and the 404 pages) is visited. Each
test collects every problem on every page before it fails, so one run lists all
there is to fix.

Also here, though it needs no browser: the Nu HTML Checker over the whole build
(slow, needs Java). Deselect all of these with ``-m "not browser"``.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser import (Aim, PageLog, SitePage, aim, axe_violations,
                           click_for_download_or_display, describe_nu, describe_violations, nu_errors, same_document,
                           require, serve, site_pages)
from tests.conftest import PROJECT

pytestmark = [pytest.mark.browser, pytest.mark.content]

NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class LiveSite:
    """The real content built for, and served by, a local server."""

    origin: str  # "http://127.0.0.1:PORT"
    out: Path
    pages: list[SitePage]
    tags: dict[str, str]  # language code -> lang tag ("zh" -> "zh-Hans")

    def url(self, path: str) -> str:
        return self.origin + path

    def path(self, url: str) -> str:
        return url.removeprefix(self.origin)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory):
    from microsite.model import BuildOptions
    from microsite.pipeline import build

    out = tmp_path_factory.mktemp("browser") / "site"
    with serve(out) as origin:
        config = build(PROJECT, out, BuildOptions(base_url=origin + "/")).site.config
        pages = site_pages(out, config.codes, config.default_language)
        yield LiveSite(origin, out, pages, {language.code: language.tag for language in config.languages})


@pytest.fixture
def new_context(browser):
    """Opens a fresh browser context (its own cookies, cache, viewport); all are closed after the test."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


def report(failures: list[str], what: str) -> str:
    return f"{what}:\n" + "\n".join(failures)


def test_the_build_has_the_same_pages_in_every_language(live_site: LiveSite) -> None:
    by_language = {code: {page.counterpart[code] for page in live_site.pages if page.lang == code}
                   for code in live_site.tags}
    assert all(by_language.values()), by_language
    for code, paths in by_language.items():
        assert paths == {page.counterpart[code] for page in live_site.pages}, code


def test_every_page_loads_without_errors_or_requests_elsewhere(live_site: LiveSite, new_context) -> None:
    """Each page in its own tab, loaded, scrolled to the end (lazy images) and left until the network is idle.
    The 404 pages are also reached as a reader reaches them, at a missing address, with status 404."""
    context = new_context(viewport=DESKTOP)
    visits = [(p.path, 200) for p in live_site.pages]
    visits += [(p.path.replace("404.html", "no-such-page/"), 404) for p in live_site.pages if p.is_404]
    failures = []
    for batch in (visits[start:start + 8] for start in range(0, len(visits), 8)):
        tabs = [_open_and_log(context, live_site, path, status) for path, status in batch]
        for (path, _), (tab, log, problem) in zip(batch, tabs):
            tab.wait_for_load_state("networkidle")  # the tabs idled in parallel: most are idle by now
            failures += [f"{path}: {problem}" for problem in [problem, *log.problems] if problem]
            if not log.requests:
                failures.append(f"{path}: no request was recorded")
            tab.close()
    assert not failures, report(failures, "pages that did not load cleanly")


# Every refusal of the page's Content-Security-Policy, recorded before any script of the page could run.
RECORD_REFUSALS = """
window.__refused = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__refused.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
# What a hand-edited or tampered page might hold: none of it may run or be fetched.
PLANTED = ('<script>window.__ran = 1</script>'
           '<img src="https://example.org/pixel.png" alt="">'
           '<link rel="stylesheet" href="https://fonts.example.org/css">'
           '<div id="planted" onclick="window.__ran = 2">x</div>')


def test_the_pages_policy_stops_what_a_tampered_page_would_run_or_fetch(live_site: LiveSite, new_context) -> None:
    """The policy every page carries (and ``_headers`` sends) is enforced by the browser: markup planted into a
    served page runs no script and fetches nothing from another host, while the page itself is refused nothing."""
    context = new_context(viewport=DESKTOP)
    context.add_init_script(RECORD_REFUSALS)
    home = live_site.url(next(page.path for page in live_site.pages if page.path.endswith("/") and
                              page.path.count("/") == 1))
    clean = context.new_page()
    clean.goto(home, wait_until="load")
    assert clean.evaluate("window.__refused") == []

    def plant(route) -> None:  # noqa: ANN001 (playwright Route)
        answer = route.fetch()
        route.fulfill(response=answer, body=answer.text().replace("</main>", PLANTED + "</main>", 1))

    tampered = context.new_page()
    tampered.route(home, plant)
    tampered.goto(home, wait_until="load")
    tampered.click("#planted")
    refused = tampered.evaluate("window.__refused")
    assert tampered.evaluate("window.__ran ?? 0") == 0
    assert any(item.startswith("script-src-elem inline") for item in refused), refused
    assert any(item.startswith("script-src-attr inline") for item in refused), refused
    assert "img-src https://example.org/pixel.png" in refused, refused
    assert "style-src-elem https://fonts.example.org/css" in refused, refused


def test_only_the_site_itself_may_show_its_pages_in_a_frame(live_site: LiveSite, new_context) -> None:
    """``_headers`` sends ``frame-ancestors 'self'``: a page of another site that frames one of ours shows
    nothing of it (so a reader cannot be led to click on it under that site's own buttons), while a page of the
    site itself may frame it."""
    home = live_site.url(next(page.path for page in live_site.pages if page.path.endswith("/") and
                              page.path.count("/") == 1))
    framing = f'<!doctype html><html lang="en"><title>framing</title><iframe src="{home}"></iframe></html>'.encode()

    class Framing(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(framing)

        def log_message(self, *args) -> None:
            pass

    # Another site on this machine, served for real: Chromium keeps a page of no known address (one a test's
    # route makes up) from framing a local one, whatever the policy says.
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Framing)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    elsewhere = f"http://127.0.0.1:{other.server_address[1]}/framing.html"
    shown = {}
    try:
        for framer in (live_site.origin + "/framing-test.html", elsewhere):
            context = new_context(viewport=DESKTOP)
            if framer.startswith(live_site.origin + "/"):  # (a page the site does not have, made up in its place)
                context.route(framer, lambda route: route.fulfill(body=framing, content_type="text/html"))
            tab = context.new_page()
            tab.goto(framer, wait_until="load")
            frame = tab.frames[1]
            shown[framer] = frame.url == home and bool(frame.evaluate("document.querySelector('main') !== null"))
            context.close()
    finally:
        other.shutdown()
    assert shown == {live_site.origin + "/framing-test.html": True, elsewhere: False}


SCROLL_TO_END = "window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})"  # lazy images


def _open_and_log(context, live_site: LiveSite, path: str, status: int):
    tab = context.new_page()
    url = live_site.url(path)
    log = PageLog(live_site.origin, expected_status={url: status} if status != 200 else {})
    log.attach(tab)
    response = tab.goto(url, wait_until="load")
    tab.evaluate(SCROLL_TO_END)
    problem = None
    if response is None or response.status != status:
        problem = f"HTTP {response and response.status}, expected {status}"
    return tab, log, problem


NARROWEST_OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 0.5);
  const leaves = wide.filter(e => !wide.some(other => other !== e && e.contains(other)));
  return leaves.slice(0, 6).map(e => {
    const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      [...e.classList].map(c => '.' + c).join('');
    const text = (e.textContent || '').trim().slice(0, 50);
    return `${name} reaches ${Math.round(e.getBoundingClientRect().right)}px: "${text}"`;
  });
}"""


def test_no_page_scrolls_sideways_at_320_px(live_site: LiveSite, new_context) -> None:
    page = new_context(viewport=NARROW).new_page()
    failures = []
    for site_page in live_site.pages:
        page.goto(live_site.url(site_page.path))
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll_width > inner_width:
            failures.append(f"{site_page.path}: scrollWidth {scroll_width} > innerWidth {inner_width}")
            failures += [f"    {culprit}" for culprit in page.evaluate(NARROWEST_OVERFLOW)]
    assert not failures, report(failures, "pages wider than a 320 px screen")


def test_language_switcher_leads_to_the_same_page_in_every_other_language(live_site: LiveSite, new_context) -> None:
    """From every page, the link to each other language is clicked once and lands on the same page in that
    language. The clicks form a walk: each is made from the page the previous one landed on while that page has
    a language left to try, so the way back is tried as that page's own switch, not loaded again."""
    page = new_context(viewport=DESKTOP, reduced_motion="reduce").new_page()
    by_path = {site_page.path: site_page for site_page in live_site.pages}
    remaining = {(site_page.path, other) for site_page in live_site.pages for other in live_site.tags
                 if other != site_page.lang}
    failures, here = [], None
    while remaining:
        left = sorted(other for path, other in remaining if path == here)
        if not left:
            here = min(path for path, _ in remaining)
            page.goto(live_site.url(here))
            continue
        other = left[0]
        remaining.discard((here, other))
        problems = _switch(page, live_site, to=other, expected=by_path[here].counterpart[other])
        failures += [f"{here} -> {other}: {problem}" for problem in problems]
        here = None if problems else live_site.path(page.url)
    assert not failures, report(failures, "language switches that went wrong")


def _switch(page, live_site: LiveSite, to: str, expected: str) -> list[str]:
    """Click the link to language ``to`` (the one ``a[hreflang]`` in a ``<nav>``) and check where it lands."""
    tag = live_site.tags[to]
    selector = f'nav a[hreflang="{tag}"]'
    count = page.evaluate("selector => document.querySelectorAll(selector).length", selector)
    if count != 1:
        return [f"expected one link to {tag} in a <nav> ({selector}), found {count}"]
    spot = aim(page, selector)
    if spot.problem:
        return [f"the link to {tag} {spot.problem}"]
    with page.expect_navigation(timeout=10_000) as navigation:
        page.mouse.click(spot.x, spot.y)
    response = navigation.value
    problems = []
    if response is None or response.status != 200:
        problems.append(f"clicking {tag} gave HTTP {response and response.status}")
    if live_site.path(page.url) != expected:
        problems.append(f"clicking {tag} landed on {live_site.path(page.url)}, expected {expected}")
    lang = page.evaluate("document.documentElement.lang")
    if lang != tag:
        problems.append(f'clicking {tag} landed on a page with <html lang="{lang}">')
    return problems


LINKS = "links => links.map(a => a.href)"
IDS = "() => Array.from(document.querySelectorAll('[id]'), element => element.id)"


def test_every_internal_link_works_when_clicked(live_site: LiveSite, new_context) -> None:
    """Every distinct same-origin link target (absolute URL, fragment included) is tried from a page that has
    it: its link can be clicked (in view, not covered) and points where its href says, and its fragment names an
    element of its destination. Every link to a place on its own page is clicked, and so is one link to each
    other document (a page or a file), checking the status and where it lands. A link to a place on another
    document already reached by a click is checked against that document's ids as it was loaded, not clicked:
    the click would load the same document again (400 loads of 0.1-0.3 s each, on this site).

    The clicks form a walk: each is made from the page the previous one landed on when that page still has
    targets left, so few pages are loaded twice."""
    page = new_context(viewport=DESKTOP, reduced_motion="reduce").new_page()
    links: dict[str, list[str]] = {}  # document URL -> the href of each a[href], in document order
    ids: dict[str, set[str]] = {}  # document URL -> the ids of its elements
    for site_page in live_site.pages:
        page.goto(live_site.url(site_page.path))
        links[page.url] = page.eval_on_selector_all("a[href]", LINKS)
        ids[page.url] = set(page.evaluate(IDS))
    remaining = {url for hrefs in links.values() for url in hrefs if url.startswith(live_site.origin + "/")}
    total, failures, reached = len(remaining), [], set()  # reached: the documents a click has landed on
    for _ in range(3 * total + len(links)):  # every round tries a link or loads a page that has one to try
        if not remaining:
            break
        here = urldefrag(page.url)[0]
        choices = [(index, url) for index, url in enumerate(links.get(here, [])) if url in remaining]
        if not choices:
            page.goto(next(document for document, hrefs in links.items() if remaining.intersection(hrefs)))
            continue
        index, url = _next_click(choices, here, links, remaining, lambda url: _stays(url, here, reached, ids))
        remaining.discard(url)
        try:
            if _stays(url, here, reached, ids):
                problem = _aim_and_look_up(page, index, url, ids)
            else:
                problem = _click_and_check(page, live_site, index, url)
                reached.update(() if problem else [urldefrag(url)[0]])
        except PlaywrightError as error:
            problem = f"{type(error).__name__}: {error.message.splitlines()[0]}"
        if problem:
            failures.append(f"{live_site.path(here)}: link to {live_site.path(url)}: {problem}")
            page.goto(here)
    assert not remaining, f"walk ended with {len(remaining)} of {total} targets untried"
    assert not failures, report(failures, f"internal links that failed when clicked (of {total} distinct targets)")


def _stays(url: str, here: str, reached: set[str], ids: dict[str, set[str]]) -> bool:
    """Whether ``url`` is tried without leaving ``here``: a place on another document that a click has reached
    and whose ids are known (a place on this page is clicked, it only scrolls)."""
    document, fragment = urldefrag(url)
    return bool(fragment) and document != here and document in reached and document in ids


def _next_click(choices: list[tuple[int, str]], here: str, links: dict[str, list[str]],
                remaining: set[str], stays: Callable[[str], bool]) -> tuple[int, str]:
    """What needs no page load first (a place on this page, or one tried in place); then a page that has more
    to try; then any."""
    def rank(choice: tuple[int, str]) -> int:
        url = choice[1]
        if same_document(url, here) or stays(url):
            return 0
        return 1 if remaining.intersection(links.get(urldefrag(url)[0], [])) else 2

    return min(choices, key=rank)


def _aimed(page, index: int, url: str) -> tuple[Aim, str | None]:  # noqa: ANN001 (playwright Page)
    """The ``index``-th link, and why it cannot be clicked to ``url`` (None: it can)."""
    spot = aim(page, "a[href]", index)
    if spot.problem:
        return spot, f"cannot be clicked: it {spot.problem}"
    if spot.href != url:
        return spot, f"the page changed since it was first loaded: link {index} now goes to {spot.href}"
    return spot, None


def _aim_and_look_up(page, index: int, url: str, ids: dict[str, set[str]]) -> str | None:  # noqa: ANN001
    problem = _aimed(page, index, url)[1]
    document, fragment = urldefrag(url)
    if not problem and unquote(fragment) not in ids[document]:
        return f'no element with id="{unquote(fragment)}" on the destination'
    return problem


def _click_and_check(page, live_site: LiveSite, index: int, url: str) -> str | None:  # noqa: ANN001
    spot, problem = _aimed(page, index, url)
    if problem:
        return problem
    if same_document(url, page.url):
        page.mouse.click(spot.x, spot.y)
        page.wait_for_url(url, timeout=5_000)
    elif not _is_html(urldefrag(url)[0]):
        status = page.request.head(url).status
        outcome = click_for_download_or_display(page, spot)
        if status != 200 or outcome not in ("download", "display"):
            return f"HTTP {status}, {outcome}"
        return None
    else:
        with page.expect_navigation(timeout=10_000) as navigation:
            page.mouse.click(spot.x, spot.y)
        response = navigation.value
        if response is None or response.status != 200:
            status = response and response.status
            return f"HTTP {status}" + (" (the 404 page)" if status == 404 else "")
    if page.url != url:
        return f"landed on {live_site.path(page.url)}"
    fragment = unquote(urldefrag(url)[1])
    if fragment and not page.evaluate("id => document.getElementById(id) !== null", fragment):
        return f'no element with id="{fragment}" on the destination'
    return None


def _is_html(url: str) -> bool:
    return url.endswith(("/", ".html"))


def test_axe_finds_no_violations_at_aaa_in_light_or_dark_mode(live_site: LiveSite, new_context) -> None:
    """WCAG A, AA, AAA and best practice on every page, in both schemes; on a page with quoted passages,
    also with one of them targeted (``mark:target`` has its own colours)."""
    page = new_context(viewport=DESKTOP).new_page()
    failures = []
    for site_page in live_site.pages:
        page.emulate_media(color_scheme="light")
        page.goto(live_site.url(site_page.path))
        target = page.evaluate("document.querySelector('mark[id]')?.id ?? ''")
        for state, fragment in (("", ""), (" #target", target)):
            if state and not fragment:
                continue
            if fragment:
                page.goto(live_site.url(f"{site_page.path}#{fragment}"))
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                failures += describe_violations(f"{site_page.path}{state} [{scheme}]", axe_violations(page))
    assert not failures, report(failures, "axe-core violations (rule (impact): help, then each failing element)")


def test_nu_html_checker_finds_no_errors(live_site: LiveSite) -> None:
    require("java", shutil.which("java") is not None,
            "the Nu HTML Checker runs on Java: apt-get install default-jre-headless")
    errors = nu_errors(live_site.out)
    failures = [describe_nu(message, live_site.out) for message in errors]
    assert not failures, report(failures, f"Nu HTML Checker errors ({len(failures)})")
