"""The addresses a page's markup loads and links to, and which of them the site's own files may hold.

A browser fetches what an element *loads* as the page opens (a stylesheet,
a script, a picture, a font a stylesheet names, a frame), unasked; it goes
where a *link* leads only when the reader follows it. So the site loads
nothing from another host (no CDN, no remote font: a reader's visit is no
one else's business, and a slow or blocked host would stall the page), and
a link leads by a scheme a reader can trust: ``http``, ``https`` or
``mailto``, never ``javascript:`` (code run by a click) or ``data:`` (a page
made up in the address).

:func:`addresses_of` reads one element's addresses, by the table of which
attribute of which element loads and which links (:data:`LOADED_BY`,
:data:`LINKED_BY`, the ``rel`` of a ``<link>``, ``srcset``, a ``meta``
refresh); ``template_text`` and ``stylesheets`` find those a template or a
file of ``static/`` writes itself, which :func:`address_problem` judges at
build time; ``sitecheck`` reads the built pages' with the same table.

A ``data:`` address is a file written into the address: one of a picture or
a font is published as such a file of ``static/`` would be (words drawn in a
picture are not read: a limit the reference states); one of any other kind
(an SVG image, a page, text) shows readers words the build does not read,
and belongs in ``static/`` as a file, where they are read. So does an
``iframe``'s ``srcdoc``, a page written into an attribute.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote_to_bytes

from .markup import BrowserParser
from .patterns import compile_later

LINK_SCHEMES = ("http", "https", "mailto")  # the schemes a link may lead by (content's links and templates' alike)

# Which attribute of which element loads what it names as the page opens (an <a>'s ping is a request too, made
# as the reader follows it: to whatever host it names, unasked).
LOADED_BY = frozenset({
    ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("script", "src"),
    ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
    ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src"), ("html", "manifest"),
    ("body", "background"), ("table", "background"), ("td", "background"), ("th", "background"),
    ("link", "imagesrcset"), ("a", "ping"), ("area", "ping"),
    ("base", "href"),  # where every relative address of the page is then loaded from
    # SVG, inline or a file of static/ (HTMLParser gives names in lower case)
    ("image", "href"), ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("feimage", "href"),
    ("feimage", "xlink:href"), ("script", "href"), ("script", "xlink:href"),
})
# Which attribute of which element a reader follows (or that sends the reader's answers there).
LINKED_BY = frozenset({("a", "href"), ("area", "href"), ("a", "xlink:href"), ("form", "action"),
                       ("button", "formaction"), ("input", "formaction"), ("img", "longdesc"),
                       ("frame", "longdesc"), ("iframe", "longdesc")})
# What the table does not name is read by the attribute alone: an address in a src, a srcset, a poster or a
# background is loaded (a custom element's, <model-viewer src>, is fetched by its script; an old element's by the
# browser), and in an href of any other element (SVG's <pattern>, <textPath>, <filter>, <mpath>, a gradient)
# loaded too: it names a part of a file, which is fetched (MathML's <mi href>, a link, is read so as well).
LOADED_ANYWHERE = frozenset({"src", "srcset", "poster", "background", "lowsrc", "dynsrc", "href", "xlink:href"})
LINKED_ANYWHERE = frozenset({"action", "formaction"})
# The relations of a <link> that only name the address (a reader, a search engine or a feed reader may follow
# it; the browser fetches nothing): any other (stylesheet, icon, preload, preconnect, one the table does not
# know, apple-touch-startup-image, compression-dictionary) is read as loading it.
LINKING_RELATIONS = frozenset({"alternate", "canonical", "author", "bookmark", "external", "help", "license",
                               "next", "prev", "previous", "search", "tag", "me", "nofollow", "noopener",
                               "noreferrer", "opener", "pingback", "webmention", "privacy-policy",
                               "terms-of-service", "home", "index", "up", "first", "last", "edit", "archives",
                               "sitemap", "shortlink", "related", "via", "self", "enclosure", "cite-as",
                               "hub", "payment", "publisher", "profile", "code-repository", "content-repository",
                               "source", "type", "describedby", "copyright", "contents", "glossary",
                               "appendix", "chapter", "section", "subsection", "start"})
# SVG's animation elements set the attribute they name to their values: an href so set is an address.
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
_ANIMATED_VALUES = ("to", "from", "by", "values")
# The attributes whose value is a list of addresses, not one.
_LISTS = frozenset({"srcset", "imagesrcset", "ping", "values"})

# What a data: address may hold: a file of a kind whose words the build does not read, published as such a file
# of static/ would be (see static_text.UNREAD).
_PICTURE_OR_FONT = ("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/avif", "image/apng",
                    "image/bmp", "image/x-icon", "image/vnd.microsoft.icon", "image/jxl", "image/heic", "font/",
                    "application/font-", "application/x-font-", "application/vnd.ms-fontobject")

# The same rule, told to the browser, which holds it for what no build can read: what a script fetches. Every
# page carries it in a <meta http-equiv> (any host), and _headers and the preview send it as a header too.
# - default-src 'self': nothing from another host (scripts, stylesheets, frames, fetches, sockets, workers);
# - img-src and font-src also data:, the pictures and fonts a data: address may hold (see _PICTURE_OR_FONT);
# - script-src also 'wasm-unsafe-eval': the search (Pagefind) runs WebAssembly, which is no script's text;
# - style-src also 'unsafe-inline': a style attribute loads nothing itself, and what its url() names stays
#   under img-src and font-src;
# - no inline script (a template's <script> with text, an on... attribute): the build refuses one, so that
#   a page never has code a browser then refuses to run (see inline_script_problem);
# - object-src 'none' (no plugins), base-uri 'self', form-action 'self'.
# frame-ancestors is not here: browsers ignore it in a <meta>, and one policy is sent both ways.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
                           "script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
# Sent as a header (``_headers``, the preview), the policy also says who may show a page in a frame: the site
# itself, no other (a page framed by another site under its own buttons is how a reader is tricked into clicks).
HEADER_POLICY = CONTENT_SECURITY_POLICY + "; frame-ancestors 'self'"
POLICY_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
HINT_POLICY = (f"keep {POLICY_META.replace(CONTENT_SECURITY_POLICY, '{{ content_security_policy }}')} as the "
               "first element of the page's <head> after <meta charset> (templates/base.html has it: a page "
               "template that extends base.html has it too)")

# The elements a <head> may hold before the policy: they load and run nothing.
_BEFORE_THE_POLICY = frozenset(("html", "head", "meta", "title"))
# How much of a page is read for its policy: a <head> is a few kB, and html.parser takes more than linear time
# over some markup ('<a b=' many times over: 0.23 s for 320 kB, and more the longer it is).
HEAD_READ = 64 * 1024
_PLAIN_START = compile_later(r"\s*(?:<!doctype[^<>]*>\s*)?(?:<html\b[^<>]*>\s*)?(?:<head>\s*)?"
                            r"(?:<meta charset=[^<>]*>\s*)?", re.IGNORECASE)


def policy_problem(html: str) -> str | None:
    """What is wrong with how the page ``html`` carries the site's Content-Security-Policy, or ``None``.

    The policy must be in a ``<meta http-equiv>`` of the page's ``<head>``, exactly
    :data:`CONTENT_SECURITY_POLICY`, before any element that loads or runs anything: a browser holds a page to
    its policy only from where it reads it, and on a host that sends no header (GitHub Pages reads no
    ``_headers``) the page's own is the only one.
    """
    at = html.find(POLICY_META)
    if at >= 0 and _PLAIN_START.fullmatch(html, 0, at):  # as base.html writes it: only tags that load nothing
        return None
    reader = _HeadReader()
    try:
        reader.feed(html[:HEAD_READ])
    except _HeadRead:
        pass
    if reader.policy is None:
        return "it carries no Content-Security-Policy" + (f" in its first {HEAD_READ // 1024} KiB"
                                                          if len(html) > HEAD_READ else "")
    if reader.first_other:
        return (f"its Content-Security-Policy comes after a <{reader.first_other}>, which a browser loads or runs "
                "before it reads the policy")
    if reader.policy.strip() != CONTENT_SECURITY_POLICY:
        return f"its Content-Security-Policy is not the site's: '{_shortened(reader.policy)}'"
    return None


class _HeadRead(Exception):
    """The reading of a page's head is over: its policy found, or its body begun."""


class _HeadReader(BrowserParser):
    """The first Content-Security-Policy of a page's ``<head>`` (``policy``), and the first element before it
    that may load or run something (``first_other``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policy: str | None = None
        self.first_other = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            raise _HeadRead
        found = {name: value or "" for name, value in attrs}
        if tag == "meta" and found.get("http-equiv", "").strip().lower() == "content-security-policy":
            self.policy = found.get("content", "")
            raise _HeadRead
        if tag not in _BEFORE_THE_POLICY and not self.first_other:
            self.first_other = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            raise _HeadRead

HINT_LOAD = ("put the file in static/ and load it from there (asset('name') in a template, a relative address in a "
             "stylesheet)")
HINT_ANOTHER_HOST = (HINT_LOAD + ": the site must load nothing from other hosts, and an absolute address breaks the "
                     "preview and a deployment under a subpath")
HINT_SCHEME = "link by http://, https:// or mailto:, or to a page of the site"
HINT_DATA = ("put the file in static/ and load it from there, where its words are read; a data: address may hold "
             "a picture or a font only")
HINT_ROOT = ("in a template, make it with href('key') or asset('name'), which know the base URL; in a stylesheet or "
             "a file of static/, write it relative to the file (../icon.svg)")
HINT_SRCDOC = "make it a page of content/pages, or a file of static/, and frame that (src)"
INLINE_SCRIPT = ("an inline script: the site's Content-Security-Policy lets a browser run only scripts loaded from "
                 "the site's own files, so it would not run this one")
HINT_INLINE_SCRIPT = ("put the code in a file of static/ and load it with <script src=\"{{ asset('name.js') }}\">; a "
                      "script that only holds data says so by its type (application/json, application/ld+json)")
HINT_HANDLER = ("attach it from a script file of static/ (element.addEventListener(...)); a link's action belongs in "
                "its href")

# The types of <script> whose text a browser runs or acts on (the HTML standard's JavaScript MIME types, a module,
# an import map and speculation rules), all held by the policy; a script of any other type is a data block
# (JSON-LD), which no browser runs. The type is compared in lower case, without the spaces around it.
_RUN_TYPES = frozenset({
    "", "module", "importmap", "speculationrules", "application/ecmascript", "application/javascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
})


def addresses_of(tag: str, attributes: list[tuple[str, str | None]]) -> list[tuple[str, bool]]:
    """The addresses element ``tag`` with ``attributes`` (as ``HTMLParser`` gives them) names: (address, whether
    it is loaded; else it is linked), in the order written."""
    found: list[tuple[str, bool]] = []
    animated = tag in _ANIMATIONS and any(name == "attributename" and (value or "").strip().lower() in
                                          ("href", "xlink:href") for name, value in attributes)
    for name, value in attributes:
        if value is None or not value.strip():
            continue
        loaded = _loads(tag, name, attributes) if not animated or name not in _ANIMATED_VALUES else True
        if loaded is not None:
            found.extend((address, loaded) for address in (_listed(value, name) if name in _LISTS else
                                                            [value.strip()]) if address)
        elif tag == "meta" and name == "content" and _refreshes(attributes):
            target = _refresh_target(value)
            if target:
                found.append((target, False))
    return found


def _loads(tag: str, name: str, attributes: list[tuple[str, str | None]]) -> bool | None:
    """Whether attribute ``name`` of element ``tag`` loads the address it holds (True), links to it (False) or
    holds none (None), by the table, then by the attribute alone."""
    if tag == "link" and name == "href":
        relations = {relation for key, value in attributes if key == "rel" and value
                     for relation in value.lower().split()}
        return bool(relations - LINKING_RELATIONS)
    if (tag, name) in LOADED_BY:
        return True
    if (tag, name) in LINKED_BY:
        return False
    if name in LOADED_ANYWHERE:
        return True
    return False if name in LINKED_ANYWHERE else None


def runs_its_text(attributes: list[tuple[str, str | None]]) -> bool:
    """Whether a ``<script>`` with ``attributes`` runs the text written inside it: it has no ``src`` and is of a
    type a browser runs (an old ``language="..."`` stands for ``text/...`` when there is no type)."""
    given = dict(attributes)
    if "src" in given:
        return False
    kind = given.get("type")
    if kind is None and given.get("language"):
        kind = "text/" + (given["language"] or "")
    return (kind or "").strip().lower() in _RUN_TYPES


def handlers_of(attributes: list[tuple[str, str | None]]) -> list[str]:
    """The names of the event handlers among ``attributes`` (``onclick``, ``onload``): code written into the
    markup, which the policy does not run: ``on`` and a word of letters, three at least, as the shortest handler's
    (``oncut``); ``one``, ``only`` or ``on-tap`` is none. (Names come in lower case from the parser.)"""
    return [name for name, _ in attributes if len(name) >= 5 and name.startswith("on") and name[2:].isalpha()]


def handler_message(name: str) -> str:
    return (f"an '{name}' attribute: code written into the markup, which the site's Content-Security-Policy "
            "does not let a browser run")


def addresses_of_instruction(data: str) -> list[tuple[str, bool]]:
    """The address a processing instruction ``<?xml-stylesheet href="s.css" type="text/css"?>`` (``data``, as
    ``HTMLParser`` gives it: what is between "<?" and ">") loads: the stylesheet of an XML file, or of an SVG
    image opened as a page, fetched as it opens."""
    target, *rest = data.split(None, 1) or [""]
    if target.lower() != "xml-stylesheet":
        return []
    return [(unescape(value).strip(), True) for match in _PSEUDO_ATTRIBUTE.finditer("".join(rest).rstrip("?"))
            if match.group(1).lower() == "href" and (value := match.group(2) or match.group(3) or "").strip()]


# A pseudo-attribute of a processing instruction: a name (from its start, not from each of its letters), "=", a
# value in quotation marks.
_PSEUDO_ATTRIBUTE = compile_later(r"""(?<![\w:.-])([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def address_problem(address: str, loaded: bool) -> tuple[str, str] | None:
    """What is wrong with ``address``, which a file of the site's own (a template, a file of ``static/``) loads
    (``loaded``) or links to, as (message, hint); None if nothing. A link to another host is not judged here:
    whether the site may link there is the content's to say (``check --site`` reads that)."""
    address = as_read(address)
    scheme = scheme_of(address)
    verb = "loads" if loaded else "links to"
    if scheme == "data":
        if loaded and _picture_or_font(address):
            return None
        return (f"{verb} a 'data:' address of {_data_kind(address)}: {_shortened(address)}", HINT_DATA)
    if scheme in ("http", "https") or (not scheme and address.startswith(("//", "\\\\", "/\\", "\\/"))):
        if loaded:
            return f"loads '{_shortened(address)}', an address on another host", HINT_ANOTHER_HOST
        return None
    if not scheme and address.startswith("/"):
        return (f"{verb} '{_shortened(address)}', an address from the host's root: on a site published under a "
                "subpath (https://host/sub/) it leads out of the site", HINT_ROOT)
    if scheme and not (loaded and scheme == "about") and (loaded or scheme not in LINK_SCHEMES):
        if loaded:
            return f"loads '{_shortened(address)}', and the site loads nothing by '{scheme}:'", HINT_LOAD
        return f"links to '{_shortened(address)}', and a link may not lead by '{scheme}:'", HINT_SCHEME
    return None


def scheme_of(address: str) -> str:
    """The scheme of ``address``, in lower case, as a browser reads it ("" for none): the characters a browser
    ignores there (spaces and controls around it, tabs and line breaks within) do not hide one
    (``java\\tscript:``)."""
    head, colon, _ = as_read(address).partition(":")
    if not colon or not head or not head[0].isascii() or not head[0].isalpha():
        return ""
    if not all(char.isascii() and (char.isalnum() or char in "+-.") for char in head):
        return ""
    return head.lower()


def as_read(address: str) -> str:
    """``address`` as a browser reads it: without the spaces and controls around it, and the tabs and line breaks
    within (``/\t/cdn.example`` is ``//cdn.example``, another host)."""
    return "".join(char for char in address.strip(_C0_OR_SPACE) if char not in "\t\n\r")


_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def _listed(value: str, name: str) -> list[str]:
    """The addresses of a list attribute: ``srcset``'s candidates (an address, then its size: "a.png 2x, b.png
    480w"; an address may hold commas, as a data: address does), ``ping``'s, separated by spaces, or an
    animation's ``values``, by semicolons."""
    if name == "ping":
        return value.split()
    if name == "values":  # an animation's, one after another
        return [address.strip() for address in value.split(";") if address.strip()]
    found, at = [], 0
    while at < len(value):
        while at < len(value) and (value[at].isspace() or value[at] == ","):
            at += 1
        start = at
        while at < len(value) and not value[at].isspace():
            at += 1
        address = value[start:at]
        if address.endswith(","):  # "a.png, b.png 2x": no descriptor after it
            address = address.rstrip(",")
        else:  # its descriptor, up to the comma that ends the candidate (one inside parentheses does not)
            depth = 0
            while at < len(value) and (value[at] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[at], 0)
                at += 1
        if address:
            found.append(address)
    return found


def _refreshes(attributes: list[tuple[str, str | None]]) -> bool:
    return any(name == "http-equiv" and (value or "").strip().lower() == "refresh" for name, value in attributes)


def _refresh_target(content: str) -> str:
    """Where ``<meta http-equiv="refresh" content="5; url=...">`` sends the reader ("" if it only reloads), read as
    a browser reads it: after the delay, a semicolon, a comma or only spaces (``0 /elsewhere/``), then the
    address, after ``url=`` or not, in quotation marks or not."""
    rest = content.lstrip(_HTML_SPACE)
    at = 0
    while at < len(rest) and (rest[at].isascii() and rest[at].isdigit() or rest[at] == "."):
        at += 1
    if not at or at < len(rest) and rest[at] not in ";," + _HTML_SPACE:
        return ""  # no delay, or one the browser does not read: no refresh at all
    rest = rest[at:].lstrip(_HTML_SPACE)
    rest = rest[1:].lstrip(_HTML_SPACE) if rest[:1] in (";", ",") else rest
    if rest[:3].lower() == "url" and rest[3:].lstrip(_HTML_SPACE).startswith("="):
        rest = rest[3:].lstrip(_HTML_SPACE)[1:].lstrip(_HTML_SPACE)
    if rest[:1] in ("'", '"'):
        rest = rest[1:].partition(rest[0])[0]
    return rest.strip(_HTML_SPACE)


_HTML_SPACE = " \t\n\x0c\r"


def _media_type(address: str) -> str:
    header = address.partition(",")[0][len("data:"):].strip()
    return header.split(";", 1)[0].strip().lower()


def _picture_or_font(address: str) -> bool:
    if "," in address and not address.partition(",")[2].strip() and not _media_type(address):
        return True  # data:, nothing at all (a page's way to ask for no icon)
    return _media_type(address).startswith(_PICTURE_OR_FONT)


def _data_kind(address: str) -> str:
    kind = _media_type(address)
    if not kind:
        length = len(unquote_to_bytes(address.partition(",")[2]))
        return f"text ({length} bytes)" if length else "text"
    return f"'{kind}'"


def _shortened(address: str, reach: int = 60) -> str:
    address = address.strip()
    return address if len(address) <= reach else address[: reach - 1] + "…"
