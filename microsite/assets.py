"""Static files with their content's hash in their names, so hosts can cache them forever.

``static/style.css`` is published as ``static/style.3fa2b1c4d5.css``; pages
ask for it with ``asset('style.css')``. A stylesheet's ``url(...)`` references
to other static files are rewritten to their fingerprinted names first, so
its own fingerprint changes when an image it uses changes. Published
stylesheets are minified (comments and spaces dropped, strings untouched):
a quarter of their bytes, on every page; the live preview keeps them as written.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .addresses import CONTENT_SECURITY_POLICY
from .errors import ErrorList, Location, not_utf8
from .patterns import compile_later
from .stylesheets import read_stylesheet

_CSS_URL = compile_later(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""")
_CSS_IMPORT = compile_later(r"""(@import\s+)(['"])([^'"\s]+)\2""")  # @import "other.css" (url() forms are above)
# A CSS string or comment, found left to right so that a quote inside a comment (or "/*" inside a string) is no token.
_CSS_TOKEN = compile_later(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/""", re.DOTALL)
# Spaces that never matter: around braces, semicolons and commas, and after a colon. Not around + - > ~ (calc()
# needs its spaces), nor before a colon (".a :hover" is not ".a:hover").
_CSS_SPACE = compile_later(r" ?([{};,]) ?|: ")  # a space around a mark (on text whose spaces are one each already)


@dataclass(frozen=True)
class StaticFile:
    """A file of ``static/``: its path relative to that folder and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Asset:
    """A static file as published: where it goes (``static/style.3fa2b1c4d5.css``) and its bytes."""

    name: str
    path: str
    content: bytes


def fingerprint_assets(files: tuple[StaticFile, ...], enabled: bool = True, folder: Path = Path("static"),
                       errors: ErrorList | None = None) -> dict[str, Asset]:
    """Every static file under its fingerprinted path, keyed by its original name.

    With ``enabled`` false (the live preview, which swaps a changed stylesheet
    in place by its name) files keep their names. A stylesheet, which is read
    as text, that is not UTF-8 is a mistake at its first byte that is not
    (``folder`` is ``static/``; in ``errors``, else raised).
    """
    assets = {f.name: _asset(f.name, f.content, enabled) for f in files if not f.name.endswith(".css")}
    mistakes = ErrorList() if errors is None else errors
    for f in _stylesheets_in_order(files, folder, mistakes):
        try:
            css = _rewrite_css(f.name, f.content, assets, folder, mistakes)
        except UnicodeDecodeError:
            mistakes.extend([not_utf8(folder / f.name, f.content)])
            assets[f.name] = _asset(f.name, f.content, enabled)  # still there, for what names it: its one
            continue  # mistake is this
        assets[f.name] = _asset(f.name, minify_css(css) if enabled else css, enabled)
    if errors is None:
        mistakes.raise_if_any()
    return dict(sorted(assets.items()))


def _stylesheets_in_order(files: tuple[StaticFile, ...], folder: Path, mistakes: ErrorList) -> list[StaticFile]:
    """The stylesheets of ``files``, each after those it names (``@import "z.css"``, ``url(z.css)``): its
    references are rewritten to their fingerprinted names, which exist only once they are made. Stylesheets that
    name each other in a circle cannot each name the other's fingerprint: a mistake."""
    sheets = {f.name: f for f in files if f.name.endswith(".css")}
    ordered: list[StaticFile] = []
    state: dict[str, str] = {}  # name -> "visiting" or "done"

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            circle = " -> ".join((*trail[trail.index(name):], name))
            mistakes.add(Location(folder / name), f"stylesheets name each other in a circle ({circle}): none of them "
                         "can name the others' published names", "let one stylesheet name the others, not back")
            return
        state[name] = "visiting"
        for other in _named_stylesheets(sheets[name], sheets):
            visit(other, (*trail, name))
        state[name] = "done"
        ordered.append(sheets[name])

    for name in sorted(sheets):
        visit(name, ())
    return ordered


def _named_stylesheets(sheet: StaticFile, sheets: dict[str, StaticFile]) -> list[str]:
    """The other stylesheets ``sheet`` names by a relative address (none if it is not UTF-8: reported where read)."""
    try:
        text = sheet.content.decode("utf-8")
    except UnicodeDecodeError:
        return []
    folder = posixpath.dirname(sheet.name)
    urls = [match.group(2) for match in _CSS_URL.finditer(text)] + [match.group(3) for match in _CSS_IMPORT.finditer(text)]
    named = (_static_target(folder, url) for url in urls)
    return sorted({name for name in named if name in sheets and name != sheet.name})


def _static_target(folder: str, url: str) -> str | None:
    """The static file a relative ``url`` in a stylesheet in ``folder`` names; None for an address elsewhere."""
    if ":" in url or url.startswith(("/", "#")):
        return None
    return posixpath.normpath(posixpath.join(folder, url.split("?")[0].split("#")[0]))


def _asset(name: str, content: bytes, enabled: bool = True) -> Asset:
    if not enabled:
        return Asset(name, f"static/{name}", content)
    digest = hashlib.sha256(content).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot and stem and "/" not in suffix else f"{name}.{digest}"
    return Asset(name, f"static/{hashed}", content)


def _rewrite_css(name: str, content: bytes, assets: dict[str, Asset], static: Path = Path("static"),
                 mistakes: ErrorList | None = None) -> bytes:
    """Point ``url(...)`` and ``@import "..."`` at fingerprinted files (relative URLs that name a static file
    only). One that names no file of ``static/`` is a mistake, in ``mistakes`` (a reader's browser would ask for
    a file the site does not have)."""
    text = content.decode("utf-8")
    folder = posixpath.dirname(name)
    loaded = {address for _, _, address, _ in read_stylesheet(text).addresses} if mistakes is not None else set()

    def published(url: str, at: int) -> str | None:
        target = _static_target(folder, url)
        if target is None or target not in assets:
            if target is not None and url in loaded:  # (not one in a comment)
                line = text.count("\n", 0, at) + 1
                mistakes.add(Location(static / name, line, at - text.rfind("\n", 0, at)),
                             f"loads '{url}', which is not a file of static/",
                             "an address in a stylesheet is relative to its folder "
                             f"(static/{folder + '/' if folder else ''}): correct the name, or add the file")
            return None
        return posixpath.relpath(assets[target].path, posixpath.dirname(f"static/{name}"))

    def replace(match: re.Match) -> str:
        relative = published(match.group(2), match.start(2))
        return match.group(0) if relative is None else f"url({match.group(1)}{relative}{match.group(1)})"

    def replace_import(match: re.Match) -> str:
        relative = published(match.group(3), match.start(3))
        return match.group(0) if relative is None else f"{match.group(1)}{match.group(2)}{relative}{match.group(2)}"

    return _CSS_IMPORT.sub(replace_import, _CSS_URL.sub(replace, text)).encode("utf-8")


def minify_css(content: bytes) -> bytes:
    """The stylesheet without comments or spaces that mean nothing; strings are kept as they are."""
    text = _CSS_TOKEN.sub(lambda m: m.group(1) or " ", content.decode("utf-8"))  # a comment still separates
    parts, start = [], 0
    for match in _CSS_TOKEN.finditer(text):  # only strings are left
        parts += [_squeeze(text[start:match.start()]), match.group(0)]
        start = match.end()
    return ("".join(parts) + _squeeze(text[start:])).strip().encode("utf-8")


def _squeeze(css: str) -> str:
    return _CSS_SPACE.sub(lambda m: m.group(1) or ":", re.sub(r"\s+", " ", css)).replace(";}", "}")


HEADERS_FILE = "_headers"  # read by the host (Netlify, Cloudflare Pages), not a page of the site
EVERY_ANSWER = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"),
                ("Content-Security-Policy", CONTENT_SECURITY_POLICY))


def headers_file(base_path: str) -> bytes:
    """A ``_headers`` file (Netlify, Cloudflare Pages): fingerprinted files may be cached for a year; every answer
    has the headers of ``EVERY_ANSWER`` (which the preview sends too)."""
    every = "".join(f"  {name}: {value}\n" for name, value in EVERY_ANSWER)
    return (f"{base_path}static/*\n  Cache-Control: public, max-age=31536000, immutable\n"
            f"{base_path}*\n{every}").encode("utf-8")
