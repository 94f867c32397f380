"""What readers see in the files of ``static/``, which the site serves as they are, by the kind of each.

A host serves a file by the ending of its name (the site's ``_headers`` tell
browsers not to guess otherwise, ``X-Content-Type-Options: nosniff``), and a
reader may open any file the site publishes: so the ending decides what a
reader sees, and what the build reads for numbers (see ``tracing``):

- markup (``.html``, ``.htm``, ``.xhtml``, ``.xht``, ``.shtml``, ``.svg``,
  ``.xml``, a feed): its text, its ``CDATA`` sections and the values of the entities
  it declares, the attributes a reader sees or hears, its styles and its
  lists' numbers, as a template's (see ``template_text``);
- a stylesheet: its strings and counters (see ``stylesheets``);
- plain text a browser shows (``.txt``, ``.md``, ``.csv``, ``.json``, ``.ics``
  ...): all of it, the site's own voice, where no citation can stand; of a
  web app manifest (``.webmanifest``, ``manifest.json``), the names and
  descriptions a reader is shown (its sizes and colours are code), and its
  addresses, as a page's are read: an icon the browser fetches, the
  ``start_url`` it opens;
- the kinds whose words the build cannot read (:data:`UNREAD`): pictures,
  fonts, sound and video, scripts (code: what they write is not read) and
  documents such as ``.pdf`` and ``.docx``; published as they are, a limit
  the reference states;
- any other kind: read as plain text where it is UTF-8 (a reader who opens it
  reads it as such), and refused where it is not, since the build cannot tell
  what a reader would see in it.

A file read as text must be UTF-8: one in another encoding shows a browser
what the build would misread (``9\\x004`` of UTF-16 is 94 to a browser).
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ContentError, Location, not_utf8
from .patterns import compile_later
from .stylesheets import Shown, read_stylesheet
from .template_text import own_words_mistakes, read_shown
from .tracing import STATIC_HINT

MARKUP = frozenset({"html", "htm", "xhtml", "xht", "shtml", "svg", "xml", "rss", "atom"})
XML = frozenset({"xhtml", "xht", "svg", "xml", "rss", "atom"})  # served as XML: the entities they declare are expanded
PLAIN_TEXT = frozenset({"txt", "text", "md", "markdown", "csv", "tsv", "json", "jsonld", "geojson", "webmanifest",
                        "ics", "vcf", "vtt", "srt", "yaml", "yml", "log"})
UNREAD = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "avif", "apng", "ico", "bmp", "tif", "tiff", "jxl", "heic",  # pictures
    "woff", "woff2", "ttf", "otf", "eot",  # fonts
    "mp3", "m4a", "aac", "oga", "ogg", "opus", "wav", "flac", "weba", "mp4", "m4v", "webm", "ogv", "mov",
    "js", "mjs", "cjs", "wasm", "map",  # code
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "epub", "rtf",  # documents
})
# An entity an XML file declares, <!ENTITY n "49">: where it is used (&n;), its value is text a reader sees.
_MANIFEST_JSON = compile_later(r"manifest(?:\.[0-9a-f]{10})?\.json")  # (as published, with its content's hash)
_ENTITY = compile_later(r"""<!ENTITY\s+(?:%\s+)?[^\s"'>]+\s+(?:"([^"]*)"|'([^']*)')""")


def kind_of(name: str) -> str:
    """The ending of file ``name`` that a host serves it by, in lower case ("" for none)."""
    base = name.rpartition("/")[2]
    return base.rpartition(".")[2].lower() if "." in base.lstrip(".") else ""


def is_manifest(name: str) -> bool:
    """Whether the file ``name`` is a web app manifest: one ending ``.webmanifest``, or named ``manifest.json``, the
    name browsers' own examples long gave it (published as ``manifest.3fa2b1c4d5.json``)."""
    return kind_of(name) == "webmanifest" or _MANIFEST_JSON.fullmatch(name.rpartition("/")[2].lower()) is not None


def shown_in_static(name: str, content: bytes) -> Shown | None:
    """What a reader sees in the file of ``static/`` named ``name``: runs of text (line, column, text) and the
    numbers its styles or lists make otherwise (see ``stylesheets``). Nothing for a kind whose words the build
    cannot read; None where a file read as text is not UTF-8 text."""
    kind = kind_of(name)
    if kind in UNREAD:
        return Shown()
    try:
        text = content.decode("utf-8-sig")  # (a byte order mark is no character a reader sees)
    except UnicodeDecodeError:
        return None
    if kind == "css":
        return read_stylesheet(text)
    if kind in MARKUP:
        shown = read_shown(text, None)
        if kind in XML:
            shown.runs.extend(_entities(text))
        return shown
    if is_manifest(name) and (members := _manifest_members(text)) is not None:
        return Shown([(line, column, value) for line, column, key, value in members if key in _MANIFEST_SHOWN],
                     addresses=manifest_addresses(text))
    return Shown([(line, 1, words) for line, words in enumerate(text.split("\n"), 1) if words.strip()])


def static_mistakes(name: str, content: bytes, path: Path) -> list[ContentError]:
    """Every number a reader sees in the file of ``static/`` named ``name`` (``content``, at ``path``): no quote
    traces one; and every invisible character there, as in content. A file read as text that is not UTF-8 is a
    mistake too (a stylesheet's is reported where it is published: see ``assets``)."""
    shown = shown_in_static(name, content)
    if shown is None:
        if kind_of(name) == "css":
            return []
        if kind_of(name) in MARKUP | PLAIN_TEXT:
            return [not_utf8(path, content)]
        kind = f"'.{kind_of(name)}'" if kind_of(name) else "its name has no ending"
        return [ContentError(Location(path), f"a file of a kind the build does not know ({kind}), and not UTF-8 "
                             "text: the build cannot tell what a reader would see in it", UNKNOWN_KIND_HINT)]
    return own_words_mistakes(shown, path, "the static file's own text", STATIC_HINT)


UNKNOWN_KIND_HINT = ("publish words as a page of content/pages, where their numbers are traced; a picture, a font, a "
                     "script or a document under the ending of its kind (.png, .woff2, .js, .pdf ...)")


def _entities(text: str) -> list[tuple[int, int, str]]:
    runs = []
    for match in _ENTITY.finditer(text):
        start = match.start(1) if match.group(1) is not None else match.start(2)
        runs.append((text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start), match.group(1) or
                     match.group(2) or ""))
    return runs


# A web app manifest's members that name an address: a picture the browser fetches (an icon's, a screenshot's
# src, wherever it stands), or a page it opens (start_url, scope, a shortcut's url, a share target's action).
_MANIFEST_LOADS = frozenset({"src"})
_MANIFEST_LINKS = frozenset({"start_url", "scope", "url", "action"})
# Its members a reader is shown (the app's name under its icon, in the install prompt, a shortcut's, a screenshot's
# label); the others are code a browser reads (sizes "192x192", a colour, a display mode), which no reader sees.
_MANIFEST_SHOWN = frozenset({"name", "short_name", "description", "label"})


def manifest_addresses(text: str) -> list[tuple[int, int, str, bool]]:
    """The addresses a web app manifest (``.webmanifest``, JSON) names, each where it is written (at its first
    place in the text, or the start where it is written with escapes); none in one that is not JSON, which a
    browser does not read either."""
    return [(line, column, value, key in _MANIFEST_LOADS) for line, column, key, value in _manifest_members(text) or ()
            if key in _MANIFEST_LOADS | _MANIFEST_LINKS]


def _manifest_members(text: str) -> list[tuple[int, int, str, str]] | None:
    """(line, column, key, value) of each member of a web app manifest whose value is text, in the order written,
    each where its value is next written after the one before (or where the one before is, where it is written
    with escapes); None for one that is not JSON."""
    try:
        manifest = json.loads(text)
    except ValueError:
        return None
    found: list[tuple[str, str]] = []
    members: list[tuple[str, object]] = [("", manifest)]  # (its key, its value), the next written last
    while members:
        key, member = members.pop()
        if isinstance(member, str):
            found.append((key, member))
        elif isinstance(member, dict):
            members.extend(reversed(member.items()))
        elif isinstance(member, list):
            members.extend((key, item) for item in reversed(member))
    places, cursor = [], 0
    for key, value in found:
        at = text.find(json.dumps(value, ensure_ascii=False), cursor)
        at = at + 1 if at >= 0 else cursor
        cursor = at
        places.append((text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), key, value))
    return places
