"""Page weight, read from the built files: each page with what it makes a browser download stays small.

A page's weight is its HTML plus every stylesheet and image it references,
uncompressed, each file counted once per page:

* ``<link rel="stylesheet">`` (and the stylesheets those ``@import``),
* ``<img src>`` and the page's icon (``<link rel="icon">``),
* every ``url(...)`` in those stylesheets, in ``<style>`` elements and ``style=""`` attributes
  (images, and fonts if a design ever adds one).

``page_weights(site)`` returns the figures; ``scripts/page_report.py`` prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from microsite.model import output_path

LIMIT = 40_960  # 40 KB: the page, its stylesheets and its images, uncompressed

_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class PageWeight:
    """The bytes one page makes a browser fetch from the build (before compression)."""

    page: str  # the HTML file, relative to the build folder: "en/statistics/index.html"
    html: int
    css: int  # stylesheets, each counted once
    images: int  # images, the icon and anything else stylesheets point at with url(...)
    files: tuple[str, ...]  # the referenced files counted, relative to the build folder
    unresolved: tuple[str, ...]  # references with no file in the build (missing, or on another site)
    scripts: int  # how many executable <script> elements the HTML contains (JSON-LD data is not code)

    @property
    def total(self) -> int:
        return self.html + self.css + self.images


def page_weights(site: Path) -> list[PageWeight]:
    """The weight of every HTML page in the build folder ``site``, in file order."""
    return [_weigh(site, file) for file in sorted(site.rglob("*.html"))]


def format_table(weights: list[PageWeight], limit: int = LIMIT) -> str:
    """A plain-text table of the figures; pages over ``limit`` are marked with ``!``."""
    width = max([len(w.page) for w in weights] + [4])
    lines = [f"  {'page':<{width}} {'html':>7} {'css':>7} {'images':>7} {'total':>7}"]
    for w in weights:
        mark = "!" if w.total > limit else " "
        lines.append(f"{mark} {w.page:<{width}} {w.html:>7} {w.css:>7} {w.images:>7} {w.total:>7}")
    return "\n".join(lines)


# --- reading one page --------------------------------------------------------------------------------------------


class _References(HTMLParser):
    """The stylesheets, images and inline CSS of one page, and its canonical URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.images: list[str] = []
        self.inline_css: list[str] = []
        self.canonical = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.stylesheets.append(a["href"])
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.images.append(a["href"])
        elif tag == "link" and "canonical" in rel:
            self.canonical = a.get("href", "")
        elif tag == "img" and a.get("src"):
            self.images.append(a["src"])
        elif tag == "style":
            self._in_style = True
        if a.get("style"):
            self.inline_css.append(a["style"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_css.append(data)


def _weigh(site: Path, file: Path) -> PageWeight:
    html = file.read_bytes()
    refs = _References()
    refs.feed(html.decode("utf-8", errors="replace"))
    refs.close()
    rel = file.relative_to(site).as_posix()
    page_url, base_path = _site_url(refs.canonical, rel)
    css_files: dict[Path, str] = {}  # file -> the URL it was found at (for nested url() and @import)
    image_files: set[Path] = set()
    unresolved: list[str] = []

    def add(href: str, base: str, stylesheet: bool) -> None:
        if href.startswith("data:"):
            return
        url = urljoin(base, href)
        target = _file_for(site, page_url, base_path, url)
        if target is None:
            unresolved.append(href)
        elif stylesheet or target.suffix == ".css":
            if target not in css_files:
                css_files[target] = url
                _scan_css(target.read_text(encoding="utf-8", errors="replace"), url, add)
        else:
            image_files.add(target)

    for href in refs.stylesheets:
        add(href, page_url, stylesheet=True)
    for href in refs.images:
        add(href, page_url, stylesheet=False)
    for css in refs.inline_css:
        _scan_css(css, page_url, add)
    counted = sorted(css_files) + sorted(image_files - set(css_files))
    return PageWeight(
        page=rel,
        html=len(html),
        css=sum(path.stat().st_size for path in css_files),
        images=sum(path.stat().st_size for path in image_files - set(css_files)),
        files=tuple(path.relative_to(site).as_posix() for path in counted),
        unresolved=tuple(dict.fromkeys(unresolved)),
        scripts=len(re.findall(rb"<script(?![^>]*type=\"application/ld\+json\")", html, flags=re.IGNORECASE)),
    )


def _scan_css(css: str, base: str, add) -> None:  # noqa: ANN001 (the callback of _weigh)
    css = _COMMENT.sub("", css)
    for match in _IMPORT.finditer(css):
        add(match.group(1) or match.group(2), base, True)
    for match in _URL.finditer(css):
        href = next(group for group in match.groups() if group is not None)
        if href:
            add(href, base, False)


def _site_url(canonical: str, rel: str) -> tuple[str, str]:
    """The page's own URL and the site's base path (``/`` or ``/base/``), from the page's canonical link;
    ``http://site.invalid/<path>`` when it has none."""
    own_path = rel.removesuffix("index.html")
    if canonical and urlsplit(canonical).scheme in ("http", "https"):
        path = urlsplit(canonical).path
        return canonical, path[:len(path) - len(own_path)] if path.endswith("/" + own_path) else "/"
    return "http://site.invalid/" + own_path, "/"


def _file_for(site: Path, page_url: str, base_path: str, url: str) -> Path | None:
    """The built file ``url`` is served from, when it is one of this site's files."""
    page, target = urlsplit(page_url), urlsplit(url)
    path = unquote(target.path)
    if (target.scheme, target.netloc) != (page.scheme, page.netloc) or not path.startswith(base_path):
        return None
    inside = path[len(base_path):]
    file = site / (inside + "index.html" if inside == "" or inside.endswith("/") else inside)
    return file if file.is_file() and file.resolve().is_relative_to(site.resolve()) else None


# --- the tests ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weighed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (a frozen copy of a real one) with a search page in each language, built.

    The budget is the templates' and the stylesheet's, tried on real-like pages: the real content's own pages
    grow as editors write (its glossary page is within 2 KB of the limit), and a long page is valid content.
    ``scripts/page_report.py`` gives the real site's figures.
    """
    from microsite.pipeline import build
    from tests.conftest import SAMPLE, make_project, with_search

    root = with_search(make_project(tmp_path_factory.mktemp("weighed"), SAMPLE))
    out = root.parent / "site"
    build(root, out)
    return out


def test_every_page_with_its_stylesheets_and_images_weighs_at_most_40_kb(weighed_site: Path) -> None:
    weights = page_weights(weighed_site)
    assert len(weights) > 20, "the build has too few HTML pages"
    heavy = [w.page for w in weights if w.total > LIMIT]
    assert not heavy, (f"{len(heavy)} page(s) over {LIMIT} bytes (HTML + CSS + images, uncompressed):\n"
                       + format_table(weights))


@pytest.mark.content
def test_every_stylesheet_and_image_a_page_references_is_in_the_build(site_under_test) -> None:
    built_site = site_under_test.out
    unresolved = [f"{w.page}: {href}" for w in page_weights(built_site) for href in w.unresolved]
    assert not unresolved, "references that cannot be weighed (missing, or on another site):\n" + "\n".join(unresolved)


@pytest.mark.content
def test_no_page_but_the_search_pages_contains_a_script(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    search = {output_path(page.url) for page in real_model.pages if page.template == "search"}
    scripted = [f"{w.page}: {w.scripts} executable <script" for w in page_weights(built_site)
                if w.scripts and w.page not in search]
    assert not scripted, "nothing on the site but search needs JavaScript, yet:\n" + "\n".join(scripted)
    site_under_test.needs(search, "search page")
    assert all(w.scripts == 1 for w in page_weights(built_site) if w.page in search)  # its own, one module


def test_weights_count_each_referenced_file_once(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "a.css").write_text('@import "b.css"; body { background: url(../img/x.png) }')
    (tmp_path / "static" / "b.css").write_text("h1 { background: url('/img/x.png') } /* url(gone.png) */")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "x.png").write_bytes(b"x" * 100)
    (tmp_path / "img" / "y.png").write_bytes(b"y" * 10)
    html = ('<link rel="canonical" href="https://example.org/p/"><link rel="stylesheet" href="/static/a.css">'
            '<img src="../img/y.png"><img src="/img/y.png"><img src="https://cdn.example/z.png">'
            '<img src="data:image/png;base64,AA==">')
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(html)
    [weight] = page_weights(tmp_path)
    css = len((tmp_path / "static" / "a.css").read_bytes()) + len((tmp_path / "static" / "b.css").read_bytes())
    assert (weight.page, weight.html, weight.css, weight.images) == ("p/index.html", len(html.encode()), css, 110)
    assert weight.unresolved == ("https://cdn.example/z.png",)
    assert weight.total == len(html.encode()) + css + 110


def test_each_search_page_with_its_script_weighs_at_most_40_kb(weighed_site: Path) -> None:
    """Its own script counts too (Pagefind's index is fetched only once the reader types)."""
    search = ["search/index.html", "en/search/index.html"]
    weights = {weight.page: weight for weight in page_weights(weighed_site)}
    for page in search:
        html = (weighed_site / page).read_text(encoding="utf-8")
        [src] = re.findall(r'<script type="module" src="/([^"]+)"', html)
        assert weights[page].total + (weighed_site / src).stat().st_size <= LIMIT, page
