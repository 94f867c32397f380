"""Static files with their content's hash in their names, so hosts can cache them forever.

``static/style.css`` is published as ``static/style.3fa2b1c4d5.css``; pages
ask for it with ``asset('style.css')``. The addresses by which a static file
names others (a stylesheet's ``url(...)``, an SVG's ``href``, a manifest's
icons: see :func:`names_others`) are rewritten to their fingerprinted names
first, so its own fingerprint changes when an image it uses changes. Published
stylesheets are minified (comments and spaces dropped, strings untouched):
a quarter of their bytes, on every page; the live preview keeps them as written.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .addresses import HEADER_POLICY
from .errors import ErrorList, Location, not_utf8
from .patterns import compile_later
from .static_text import MARKUP, is_manifest, kind_of, manifest_addresses
from .stylesheets import SHOWN_ATTRIBUTES, read_stylesheet
from .template_text import read_shown

# A CSS string or comment, found left to right so that a quote inside a comment (or "/*" inside a string) is no token.
_CSS_TOKEN = compile_later(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|/\*.*?\*/""", re.DOTALL)
# Spaces that never matter: around braces, semicolons and commas, and after a colon. Not around + - > ~ (calc()
# needs its spaces), nor before a colon (".a :hover" is not ".a:hover").
_CSS_SPACE = compile_later(r" ?([{};,]) ?|: ")  # a space around a mark (on text whose spaces are one each already)


STATIC_FOLDER = "static"  # where the files of static/ are published, under the names the site gives them


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
    in place by its name) files keep their names. A file that names others by
    address (:func:`names_others`: a stylesheet, an SVG image, a static page,
    a web app manifest) names their published names, and a relative address of
    one that names no file of ``static/`` is a mistake. A stylesheet that is not
    UTF-8 is a mistake at its first byte that is not (another kind's is
    reported where its text is read: see ``static_text``), in ``errors`` or
    raised (``folder`` is ``static/``).
    """
    assets = {f.name: _asset(f.name, f.content, enabled) for f in files if not names_others(f.name)}
    mistakes = ErrorList() if errors is None else errors
    read = {f.name: _read(f) for f in files if names_others(f.name)}  # (read once: for the order, and rewritten)
    for f in _referring_in_order(files, read, folder, mistakes):
        if read[f.name] is None:
            if kind_of(f.name) == "css":  # (another kind's is reported where its words are read)
                mistakes.extend([not_utf8(folder / f.name, f.content)])
            assets[f.name] = _asset(f.name, f.content, enabled)  # still there, for what names it: its one
            continue  # mistake is this
        text, addresses = read[f.name]
        bom = b"\xef\xbb\xbf" if f.content.startswith(b"\xef\xbb\xbf") else b""  # (kept: published as written)
        content = bom + _rewrite_addresses(f.name, text, addresses, assets, folder, mistakes).encode("utf-8")
        assets[f.name] = _asset(f.name, minify_css(content) if enabled and kind_of(f.name) == "css" else content,
                                enabled)
    if errors is None:
        mistakes.raise_if_any()
    return dict(sorted(assets.items()))


def names_others(name: str) -> bool:
    """Whether the file of ``static/`` named ``name`` names other files by address, which a browser then fetches
    or follows from it: a stylesheet (``url()``, ``@import``), markup (an SVG's ``<image href>``, ``<use href>``,
    ``<?xml-stylesheet?>``, a static page's links and pictures) or a web app manifest (its icons, screenshots).
    Scripts name files too, but as code: what they fetch is not read (see the reference)."""
    kind = kind_of(name)
    return kind == "css" or kind in MARKUP or is_manifest(name)


def _referring_in_order(files: tuple[StaticFile, ...], read: dict[str, Read | None], folder: Path,
                        mistakes: ErrorList) -> list[StaticFile]:
    """The files of ``files`` that name others (``read``: see :func:`_read`), each after the others of them it names
    (an SVG's stylesheet, a manifest's SVG icon): its addresses are rewritten to their fingerprinted names, which
    exist only once they are made. Files that name each other in a circle cannot each name the other's
    fingerprint: a mistake."""
    referring = {f.name: f for f in files if names_others(f.name)}
    ordered: list[StaticFile] = []
    state: dict[str, str] = {}  # name -> "visiting" or "done"

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            circle = " -> ".join((*trail[trail.index(name):], name))
            mistakes.add(Location(folder / name), f"static files name each other in a circle ({circle}): none of "
                         "them can name the others' published names", "let one file name the others, not back")
            return
        state[name] = "visiting"
        for other in _named(name, read[name], referring):
            visit(other, (*trail, name))
        state[name] = "done"
        ordered.append(referring[name])

    for name in sorted(referring):
        visit(name, ())
    return ordered


Read = tuple[str, list[tuple[int, int, str, bool]]]  # a file's text, and each address it names: see _read_addresses


def _read(file: StaticFile) -> Read | None:
    """The text of ``file`` (without a byte order mark) and the addresses it names; None for one that is not UTF-8
    (reported where read)."""
    try:
        text = file.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text, _read_addresses(file.name, text)


def _named(name: str, read: Read | None, referring: dict[str, StaticFile]) -> list[str]:
    """The other files of ``referring`` that the file ``name`` (``read``) names by a relative address."""
    folder = posixpath.dirname(name)
    named = (_static_target(folder, address) for _, _, address, _ in (read[1] if read else ()))
    return sorted({target for target in named if target in referring and target != name})


def _read_addresses(name: str, text: str) -> list[tuple[int, int, str, bool]]:
    """(line, column, address, whether it is loaded) of each address the file ``name`` of ``static/`` names, where
    it is read from: its own place in a stylesheet (``url()``, ``@import``, ``image-set()``, not in a comment), the
    place of its element in markup (see ``template_text``), of its value in a manifest."""
    if kind_of(name) == "css":
        return read_stylesheet(text).addresses
    return manifest_addresses(text) if is_manifest(name) else read_shown(text, None).addresses


def _static_target(folder: str, url: str) -> str | None:
    """The static file a relative ``url`` in a file of ``static/`` in ``folder`` names; None for an address
    elsewhere."""
    if ":" in url or url.startswith(("/", "#")):
        return None
    return posixpath.normpath(posixpath.join(folder, _path_of(url)))


def _path_of(url: str) -> str:
    """``url`` without its query and fragment."""
    return url.split("?")[0].split("#")[0]


def _published(name: str, url: str, at: tuple[str, int], assets: dict[str, Asset], static: Path,
               mistakes: ErrorList, loaded: bool) -> str | None:
    """The address, relative to the file of ``static/`` ``name``, of the published file its relative ``url``
    names (its query and fragment kept); None for an address elsewhere, or one that names no file of ``static/``,
    which is a mistake (a reader's browser would ask for a file the site does not have) in ``mistakes``, at ``at``
    (the text and the offset of the address). A link (not ``loaded``) may lead out of ``static/``, or to a
    folder: to a page (a manifest's ``"start_url": "../"``)."""
    folder = posixpath.dirname(name)
    target = _static_target(folder, url)
    if target is None:
        return None
    if target in assets:
        return posixpath.relpath(assets[target].path, posixpath.dirname(f"static/{name}")) + url[len(_path_of(url)):]
    to_a_page = target == ".." or target.startswith("../") or _path_of(url).endswith(("/", ".")) or not _path_of(url)
    if loaded or not to_a_page:
        text, offset = at
        line = text.count("\n", 0, offset) + 1
        verb = "loads" if loaded else "links to"
        mistakes.add(Location(static / name, line, offset - text.rfind("\n", 0, offset)),
                     f"{verb} '{url}', which is not a file of static/",
                     "an address in a file of static/ is relative to its folder "
                     f"(static/{folder + '/' if folder else ''}): correct the name, or add the file")
    return None


# The characters that may stand before and after an address where a file writes it: a quotation mark, an equals
# sign, a parenthesis, a comma or a space (a srcset's), a tag's end.
_BEFORE_ADDRESS = "\"'=(, \t\n"
_AFTER_ADDRESS = "\"') ,\t\n>"
_LINE_BREAK = compile_later("\n")
# An attribute's name, just before its value's start.
_ATTRIBUTE_BEFORE = compile_later(r"""(?<![-\w:])([-\w:]+)\s*=\s*["']?\Z""")


def _rewrite_addresses(name: str, text: str, addresses: list[tuple[int, int, str, bool]], assets: dict[str, Asset],
                       static: Path, mistakes: ErrorList) -> str:
    """A stylesheet, markup or a manifest (``text``, naming ``addresses``) naming the published names of the files of
    ``static/`` its relative addresses name. Each address is read where it (or its element) is, and replaced where
    it is next written from there, as written (in markup, ``&`` may be written ``&amp;``; in JSON, ``/`` as
    ``\\/``)."""
    replaced: dict[int, tuple[int, str]] = {}  # offset -> (end, published address)
    lines = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]  # where each line starts
    for line, column, url, loaded in addresses:
        start = lines[line - 1] + column - 1
        written, at = _written_at(text, url, start, replaced)
        published = _published(name, url, (text, at if at >= 0 else start), assets, static, mistakes, loaded)
        if published is not None and at >= 0:
            escaped = published.replace("&", "&amp;") if written == url.replace("&", "&amp;") != url else published
            replaced[at] = (at + len(written), escaped)
    parts, end = [], 0
    for at in sorted(replaced):
        if at >= end:
            parts += [text[end:at], replaced[at][1]]
            end = replaced[at][0]
    return "".join(parts) + text[end:]


def _written_at(text: str, url: str, start: int, taken: dict[int, tuple[int, str]]) -> tuple[str, int]:
    """How ``url`` is written in ``text`` from ``start`` on (as it is, with ``&amp;``, or in JSON ``\\/``), and
    where (-1: not), past the places ``taken`` by the addresses before it (a srcset may name one file twice)."""
    for written in dict.fromkeys((url, url.replace("&", "&amp;"), url.replace("/", "\\/"))):
        at = text.find(written, start)
        while at >= 0:
            end = at + len(written)
            if at not in taken and text[at - 1:at] in _BEFORE_ADDRESS and (end == len(text) or
                                                                           text[end] in _AFTER_ADDRESS) \
                    and not _in_shown_attribute(text, at):
                return written, at
            at = text.find(written, at + 1)
    return url, -1


def _in_shown_attribute(text: str, at: int) -> bool:
    """Whether ``text[at]`` begins the value of an attribute whose words a reader is shown, which names no file
    (``<image alt="logo.png" href="logo.png">``: the address is the href's, written after it)."""
    attribute = _ATTRIBUTE_BEFORE.search(text, max(0, at - 80), at)
    return attribute is not None and attribute.group(1).lower() in SHOWN_ATTRIBUTES


def _asset(name: str, content: bytes, enabled: bool = True) -> Asset:
    if not enabled:
        return Asset(name, f"{STATIC_FOLDER}/{name}", content)
    digest = hashlib.sha256(content).hexdigest()[:10]
    stem, dot, suffix = name.rpartition(".")
    hashed = f"{stem}.{digest}.{suffix}" if dot and stem and "/" not in suffix else f"{name}.{digest}"
    return Asset(name, f"{STATIC_FOLDER}/{hashed}", content)


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
                ("Content-Security-Policy", HEADER_POLICY))


def headers_file(base_path: str) -> bytes:
    """A ``_headers`` file (Netlify, Cloudflare Pages): fingerprinted files may be cached for a year; every answer
    has the headers of ``EVERY_ANSWER`` (which the preview sends too)."""
    every = "".join(f"  {name}: {value}\n" for name, value in EVERY_ANSWER)
    return (f"{base_path}{STATIC_FOLDER}/*\n  Cache-Control: public, max-age=31536000, immutable\n"
            f"{base_path}*\n{every}").encode("utf-8")
