"""Hostile content: the payloads the hostile tests put into a site, and the check that a built page is inert.

A page is *inert* when nothing in it can run script: no ``<script>`` other
than the JSON-LD block (which must be JSON) and the site's own search script
(an empty ``<script type="module">`` whose ``src`` is a file of ``/static/``), no
``on*=`` event-handler attribute, no ``href``/``src`` whose scheme runs code or
renders inline documents (``javascript:``, ``vbscript:``, ``data:``) or that
leads to another host without a scheme (``//evil.example``), and no element that
loads or submits foreign documents (``iframe``, ``object``...; a ``form`` only
as the templates write it: ``method="get"`` to a page of the site).

The cases (:data:`CASES`) each change the minimal site in one way; :func:`build`
builds such a site for a test.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from microsite.addresses import CONTENT_SECURITY_POLICY

# Markup that would run if it reached the page unescaped. Digit-free (the build refuses untraced digits in
# Markdown, which would hide whether the markup itself is escaped), and each calls alert(), which the browser
# test replaces with a counter.
SCRIPT = "<script>alert(document.domain)</script>"
IMG = "<img src=x onerror=alert(document.domain)>"
SVG = "<svg onload=alert(document.domain)>"
BREAK_DOUBLE = '" onmouseover="alert(document.domain)" x="'
BREAK_SINGLE = "'><script>alert(document.domain)</script>"
CLOSE_SCRIPT = "</script><script>alert(document.domain)</script>"  # out of the JSON-LD block
PAYLOADS = (SCRIPT, IMG, SVG, BREAK_DOUBLE, BREAK_SINGLE, CLOSE_SCRIPT)

# Elements that load, frame or submit other documents; none belongs on this site.
_OWN_POLICY = [("http-equiv", "Content-Security-Policy"), ("content", CONTENT_SECURITY_POLICY)]  # every page's
_OWN_SCRIPT = re.compile(r"/(?:[\w.-]+/)*static/search(?:\.[0-9a-f]+)?\.js\Z")  # the search page's, fingerprinted
_OWN_PAGE = re.compile(r"/(?!/)[\w./-]*\Z")  # a path on this site: where the templates' search forms lead
_FOREIGN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject",
            "animate", "set", "handler", "listener", "portal"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset",
                   "ping", "cite", "codebase", "manifest"}
_DANGEROUS = re.compile(r"[\x00-\x20]*(?:javascript|vbscript|data|livescript|mocha):|[\x00-\x20]*//", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL (and C0 and spaces in front)


@dataclass
class _Finding:
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # the visible text, for "shown, not run"
    values: list[str] = field(default_factory=list)  # attribute values and JSON-LD strings, for "kept inside"


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _Finding()
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "script":
            self._script, self._script_text = {name: value or "" for name, value in attrs}, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script_text)
            if self._script == {"type": "module", "src": self._script.get("src", "")} and not body.strip() \
                    and _OWN_SCRIPT.match(self._script["src"]):
                pass  # the site's own search script
            elif self._script.get("type") != "application/ld+json" or set(self._script) != {"type"}:
                self.found.problems.append(f"<script {self._script}>{body[:80]}")
            else:
                try:
                    self.found.values.extend(_strings(json.loads(body)))
                except ValueError as exc:
                    self.found.problems.append(f"JSON-LD is not JSON ({exc}): {body[:120]}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.found.text.append(data)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FOREIGN:
            self.found.problems.append(f"<{tag}> element")
        form = {name: value or "" for name, value in attrs}
        if tag == "form" and not (form.get("method") == "get" and _OWN_PAGE.match(form.get("action", ""))):
            self.found.problems.append(f"<form> element that is not a search of this site: {form}")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs) and attrs != _OWN_POLICY:
            self.found.problems.append(f"<meta http-equiv> {attrs}")  # (but the site's own policy, exactly)
        for name, value in attrs:
            self.found.values.append(value or "")
            if name.startswith("on"):
                self.found.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in _URL_ATTRIBUTES and value is not None:
                if _DANGEROUS.match(_IGNORED_IN_URLS.sub("", value)):
                    self.found.problems.append(f"<{tag} {name}={value!r}>")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def scan(html: str) -> tuple[list[str], str, list[str]]:
    """What in ``html`` could run script (empty when the page is inert), its visible text, and every
    attribute value and JSON-LD string."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found.problems, "".join(scanner.found.text), scanner.found.values


def problems(html: str) -> list[str]:
    return scan(html)[0]


# --- the cases ------------------------------------------------------------------------------------------------------
#
# Each case changes the minimal site (tests/sites/minimal) in one way. An *inert* case must build, and every
# page of the build must pass :func:`problems`; ``shown`` is text that must still be visible on some page
# (escaped, not dropped). A *refused* case must fail with the located message ``refused`` gives.

Edit = Callable[[Path], None]  # changes the content folder of a project


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    refused: tuple[str, str] | None = None  # (location prefix, message fragment) the build must print
    shown: str = ""  # visible text some built page must contain (the payload, escaped)
    kind: str = ""  # the kind of attack, for the tally in the README
    kept: str = ""  # an attribute value or JSON-LD string some page must hold whole (quotes did not break out)
    hidden: str = ""  # text no page may hold, in any form (an editor's note)

    @property
    def inert(self) -> bool:
        return self.refused is None


def body(page: str, text: str) -> Edit:
    """Append ``text`` as a new paragraph to a page's Markdown."""
    def edit(content: Path) -> None:
        path = content / page
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return edit


def body_line(page: str) -> int:
    """The file line on which :func:`body` puts its text."""
    return (Path(__file__).parent.parent / "sites" / "minimal" / "content" / page).read_text(
        encoding="utf-8").count("\n") + 2


def front(page: str, key: str, value: str, raw: bool = False) -> Edit:
    """Set a front matter key: ``value`` written as a YAML double-quoted string (or as it is, ``raw``)."""
    def edit(content: Path) -> None:
        path = content / page
        lines = path.read_text(encoding="utf-8").split("\n")
        line = f"{key}: {value if raw else json.dumps(value, ensure_ascii=False)}"
        end = lines.index("---", 1)
        index = next((i for i in range(1, end) if lines[i].startswith(f"{key}:")), None)
        if index is None:
            lines.insert(end, line)
        else:
            lines[index] = line
        path.write_text("\n".join(lines), encoding="utf-8")
        if path.parent.name == "sources" and path.name.count(".") == 1:  # a source's header: as ingest would seal it
            from tests.conftest import reseal
            reseal(path)
    return edit


def data(file: str, path: tuple, value: object) -> Edit:
    """Set the value at ``path`` (keys and indices) of a YAML file (a new key is added)."""
    def edit(content: Path) -> None:
        target = content / file
        document = yaml.safe_load(target.read_text(encoding="utf-8"))
        here = document
        for step in path[:-1]:
            here = here[step]
        here[path[-1]] = value
        target.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return edit


def write(file: str, text: str) -> Edit:
    def edit(content: Path) -> None:
        (content / file).parent.mkdir(parents=True, exist_ok=True)
        (content / file).write_text(text, encoding="utf-8")
    return edit


def page_pair(key: str) -> tuple[Edit, Edit]:
    """A page ``key`` in both languages."""
    return tuple(write(f"pages/{key}.{lang}.md", f"---\ntitle: {lang}\ndescription: d\n---\nText.\n")
                 for lang in ("zh", "en"))


def symlink(file: str, target: str) -> Edit:
    """``file`` a symbolic link to ``target`` (relative to the project's parent folder)."""
    def edit(content: Path) -> None:
        outside = content.parent.parent / target
        outside.write_text("secret\n", encoding="utf-8")
        (content / file).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(outside, content / file)
    return edit


HOME = "pages/index.en.md"
LINE = body_line(HOME)  # where body() writes on the home page


def _markdown(name: str, text: str, shown: str = "", kind: str = "markup in Markdown", kept: str = "") -> Case:
    return Case(name, (body(HOME, text),), shown=shown, kind=kind, kept=kept)


def _target(name: str, markdown: str, message: str, kind: str = "dangerous link target") -> Case:
    return Case(name, (body(HOME, markdown),), refused=(f"content/{HOME}:{LINE}:", message), kind=kind)


MARKUP_IN_MARKDOWN = [
    _markdown("attribute-break-in-a-heading-anchor", '## x {#a" onmouseover="alert(document.domain)}',
              'onmouseover="alert(document.domain)}'),
    _markdown("attribute-break-in-a-link-title", '[a](statistics.md "\\" onmouseover=\\"alert(document.domain)")',
              kept='" onmouseover="alert(document.domain)'),
    _markdown("quotes-in-an-external-url", '[a](https://example.org/"onmouseover="alert(document.domain))'),
    _markdown("quotes-in-an-autolink", '<https://example.org/"onmouseover="alert(document.domain)>'),
    _markdown("quotes-in-a-mailto-link", '[a](mailto:x@example.org"onmouseover="alert(document.domain))'),
    _markdown("script-in-a-code-span", f"`{SCRIPT}`", SCRIPT),
    _markdown("script-in-a-code-block", f"```\n{SCRIPT}\n```", SCRIPT),
    Case("script-in-an-html-comment", (body(HOME, f"<!-- an editor's note: {SCRIPT} -->"),), kind="markup in Markdown",
         hidden="an editor's note"),  # left out of the page
    _markdown("entity-encoded-script", "&lt;script&gt;alert(document.domain)&lt;/script&gt;", SCRIPT),
]

# Raw HTML is never written into a page: each piece of it is refused where it is written (a comment, an editor's
# note, is left out of the page instead: see above).
RAW_HTML = "raw HTML is not allowed in the text"


def _raw(name: str, markdown: str, line: int = LINE) -> Case:
    return Case(name, (body(HOME, markdown),), refused=(f"content/{HOME}:{line}:", RAW_HTML), kind="markup in Markdown")


RAW_HTML_IN_MARKDOWN = [
    _raw("script-in-a-paragraph", SCRIPT),
    _raw("img-onerror-in-a-paragraph", IMG),
    _raw("svg-onload-in-a-paragraph", SVG),
    _raw("script-in-a-heading", f"## {SCRIPT}"),
    _raw("img-onerror-in-link-text", f"[{IMG}](statistics.md)"),
    _raw("script-in-an-image-alt", f"![{SCRIPT}](/static/icon.svg)"),
    _raw("img-onerror-in-a-table-cell", f"| a |\n|---|\n| {IMG} |", LINE + 2),
    _raw("cdata-after-a-comment", "<!-- x --><![CDATA[ <script>alert(document.domain)</script> ]]>"),
    _raw("script-in-a-comment-never-closed", f"<!-- {SCRIPT}"),
    _raw("script-after-a-comment-in-its-block", f"<!-- x --> {SCRIPT}"),
    _raw("literal-alert-1", "<script>alert(1)</script>"),
]

LINK_TARGETS = [
    _target("javascript-link", "[a](javascript:alert(document.domain))", "links with 'javascript:' are not allowed"),
    _target("mixed-case-javascript-link", "[a](JaVaScRiPt:alert(document.domain))",
            "links with 'javascript:' are not allowed"),
    _target("javascript-link-after-spaces", "[a](   javascript:alert(document.domain))",
            "links with 'javascript:' are not allowed"),
    _target("javascript-autolink", "<javascript:alert(document.domain)>", "links with 'javascript:' are not allowed"),
    _target("tab-before-javascript", "[a](<\tjavascript:alert(document.domain)>)", "are not allowed"),
    _target("tab-entity-inside-javascript", "[a](java&#x09;script:alert(document.domain))", "are not allowed"),
    _target("decimal-entity-javascript", "[a](&#106;avascript:alert(document.domain))",
            "links with 'javascript:' are not allowed"),
    _target("hex-entities-javascript", "[a](&#x6A;avascript&#58;alert(document.domain))",
            "links with 'javascript:' are not allowed"),
    _target("named-entity-colon-javascript", "[a](javascript&colon;alert(document.domain))",
            "links with 'javascript:' are not allowed"),
    _target("javascript-reference-link", "[a][x]\n\n[x]: javascript:alert(document.domain)",
            "links with 'javascript:' are not allowed"),
    _target("vbscript-link", "[a](vbscript:msgbox(document.domain))", "links with 'vbscript:' are not allowed"),
    _target("data-html-link", "[a](data:text/html,<script>alert(document.domain)</script>)",
            "links with 'data:' are not allowed"),
    _target("data-base64-link", "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "links with 'data:' are not allowed"),
    _target("protocol-relative-link", "[a](//evil.example/x)", "link to a page by its Markdown file"),
    _target("protocol-relative-page-link", "[a](//evil.example/x.md)", "link to a page that does not exist"),
    _target("scheme-without-host", "[a](https:evil.example)", "incomplete link 'https:evil.example'"),
    _target("javascript-image", "![a](javascript:alert(document.domain))", "images must be files in static/",
            kind="dangerous image source"),
    _target("data-svg-image", "![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "images must be files in static/", kind="dangerous image source"),
    _target("protocol-relative-image", "![a](//evil.example/x.png)", "images must be files in static/",
            kind="dangerous image source"),
    _target("other-host-image", "![a](https://evil.example/x.png)", "images must be files in static/",
            kind="dangerous image source"),
    _target("image-outside-static", "![a](/static/../../../etc/passwd)", "does not exist in static/",
            kind="path escape"),
    _target("nul-placeholder-forgery", "\x00a0\x00 \x00t0\x00", "the file contains a NUL byte",
            kind="placeholder forgery"),
]


def _words(name: str, edit: Edit, shown: str = "", kind: str = "markup in YAML text", kept: str = "") -> Case:
    return Case(name, (edit,), shown=shown, kind=kind, kept=kept)


STATS, EVENTS, TERMS = "data/statistics.yaml", "data/timeline.yaml", "data/glossary.yaml"
SOURCE, SOURCE_EN = "sources/2023-10-11-abcdef12.md", "sources/2023-10-11-abcdef12.en.md"

# Each changes a different field, so that together they make one hostile site (for the browser test).
MARKUP_IN_YAML = [
    _words("script-in-a-page-title", front(HOME, "title", SCRIPT), SCRIPT),
    _words("attribute-break-in-a-page-description", front(HOME, "description", BREAK_DOUBLE),
           kind="attribute-breaking quotes", kept=BREAK_DOUBLE),
    _words("script-closing-in-a-page-title", front("pages/statistics.en.md", "title", CLOSE_SCRIPT), CLOSE_SCRIPT),
    _words("single-quote-break-in-a-nav-title", front("pages/timeline.en.md", "nav_title", BREAK_SINGLE),
           BREAK_SINGLE, kind="attribute-breaking quotes"),
    _words("double-quote-break-in-a-page-title", front("pages/glossary.en.md", "title", BREAK_DOUBLE),
           BREAK_DOUBLE, kind="attribute-breaking quotes"),
    _words("img-onerror-in-a-chinese-page-title", front("pages/index.zh.md", "title", IMG), IMG),
    _words("script-in-a-statistic-label", data(STATS, (0, "en", "label"), SCRIPT), SCRIPT),
    _words("img-onerror-in-a-statistic-label", data(STATS, (0, "zh", "label"), IMG), IMG),
    _words("script-in-an-event-title", data(EVENTS, (0, "en", "title"), SCRIPT), SCRIPT),
    _words("script-closing-in-a-chinese-event-title", data(EVENTS, (0, "zh", "title"), CLOSE_SCRIPT), CLOSE_SCRIPT),
    _words("script-in-a-glossary-term", data(TERMS, (0, "en", "term"), SCRIPT), SCRIPT),
    _words("svg-onload-in-a-chinese-glossary-term", data(TERMS, (0, "zh", "term"), SVG), SVG),
    _words("attribute-break-in-pinyin", data(TERMS, (0, "pinyin"), BREAK_DOUBLE), BREAK_DOUBLE,
           kind="attribute-breaking quotes"),
    _words("script-in-an-interface-string", data("data/strings.yaml", ("skip_to_content", "en"), SCRIPT), SCRIPT),
    _words("attribute-break-in-an-aria-label", data("data/strings.yaml", ("nav_label", "en"), BREAK_DOUBLE),
           kind="attribute-breaking quotes", kept=BREAK_DOUBLE),
    _words("img-onerror-in-the-footer", data("data/strings.yaml", ("footer_note", "en"), IMG), IMG),
    _words("script-closing-in-the-site-title", data("site.yaml", ("title", "en"), CLOSE_SCRIPT), CLOSE_SCRIPT),
    _words("attribute-break-in-the-site-description", data("site.yaml", ("description", "en"), BREAK_DOUBLE),
           kind="attribute-breaking quotes", kept=BREAK_DOUBLE),
    _words("script-in-a-language-name", data("site.yaml", ("languages", "en", "name"), SCRIPT), SCRIPT),
    _words("script-closing-in-the-organisation-name",
           data("site.yaml", ("organisation",), {"zh": {"name": CLOSE_SCRIPT}, "en": {"name": CLOSE_SCRIPT,
                                                                                     "alternate_name": SCRIPT}}),
           kept=CLOSE_SCRIPT),
    _words("script-closing-in-a-source-title", front(SOURCE_EN, "title", CLOSE_SCRIPT), CLOSE_SCRIPT),
    _words("attribute-break-in-a-source-author", front(SOURCE_EN, "author", BREAK_DOUBLE), BREAK_DOUBLE,
           kind="attribute-breaking quotes"),
    _words("script-in-a-source-outlet", front(SOURCE_EN, "outlet", SCRIPT), SCRIPT),
    _words("script-in-an-original-source-kicker", front(SOURCE, "kicker", SCRIPT), SCRIPT),
]

REFUSED_IN_YAML = [
    Case("javascript-link-in-a-statistic-note",
         (data(STATS, (1, "en", "note"), "[a](javascript:alert(document.domain))"),),
         refused=(f"content/{STATS}:", "links with 'javascript:' are not allowed"), kind="dangerous link target"),
    Case("data-image-in-a-glossary-definition",
         (data(TERMS, (0, "en", "definition"), "![a](data:image/svg+xml;base64,PHN2Zz4=)"),),
         refused=(f"content/{TERMS}:", "images must be files in static/"), kind="dangerous image source"),
    Case("unquoted-attribute-break-in-front-matter", (front(HOME, "title", '" onmouseover="alert(1)', raw=True),),
         refused=(f"content/{HOME}:2:", "YAML syntax error"), kind="attribute-breaking quotes"),
    Case("unquoted-single-quote-break-in-front-matter", (front(HOME, "description", "'><script>alert(1)</script>",
                                                               raw=True),),
         refused=(f"content/{HOME}:3:", "YAML syntax error"), kind="attribute-breaking quotes"),
    Case("javascript-base-url", (data("site.yaml", ("base_url",), "javascript:alert(document.domain)//"),),
         refused=("content/site.yaml:", "must be an absolute http(s) URL"), kind="dangerous link target"),
    Case("control-character-escape-in-a-title", (front(HOME, "title", "a\x0bb"),),
         refused=(f"content/{HOME}:2:", "control character U+000B"), kind="control characters"),
    Case("nul-escape-in-a-label", (data(STATS, (0, "en", "label"), "a\x00b"),),
         refused=(f"content/{STATS}:", "control character U+0000"), kind="control characters"),
    # (a statistic's measure word is its quote's, so no other text, however it is written, is shown there)
    Case("attribute-break-in-a-measure-word", (data(STATS, (0, "zh", "measure"), BREAK_DOUBLE),),
         refused=(f"content/{STATS}:", "the measure word in 'zh' is '\" onmouseover="), kind="attribute-breaking quotes"),
    Case("attribute-break-in-a-language-tag", (data("site.yaml", ("languages", "en", "tag"), BREAK_DOUBLE),),
         refused=("content/site.yaml:", "is not a language tag (BCP 47)"), kind="attribute-breaking quotes"),
]


# The same in the Markdown of records and sources.
RAW_HTML_IN_YAML = [
    Case("script-in-a-statistic-note", (data(STATS, (1, "en", "note"), SCRIPT),), refused=(f"content/{STATS}:", RAW_HTML),
         kind="markup in YAML text"),
    Case("img-onerror-in-an-event-text", (data(EVENTS, (0, "en", "text"), IMG),), refused=(f"content/{EVENTS}:", RAW_HTML),
         kind="markup in YAML text"),
    Case("img-onerror-in-a-glossary-definition", (data(TERMS, (0, "en", "definition"), IMG),),
         refused=(f"content/{TERMS}:", RAW_HTML), kind="markup in YAML text"),
    Case("img-onerror-in-a-source-summary", (body(SOURCE_EN, IMG),), refused=(f"content/{SOURCE_EN}:", RAW_HTML),
         kind="markup in YAML text"),
]


def _path(name: str, edits: tuple[Edit, ...], where: str, message: str) -> Case:
    return Case(name, edits, refused=(where, message), kind="path escape")


PATHS = [
    _path("windows-device-page", page_pair("con"), "content/pages/con.", "Windows reserves 'CON' for a device"),
    _path("windows-device-upper-case", page_pair("AUX"), "content/pages/AUX.", "Windows reserves 'AUX' for a device"),
    _path("windows-device-folder", page_pair("nul/x"), "content/pages/nul/x.", "Windows reserves 'NUL' for a device"),
    _path("windows-device-port", page_pair("com1"), "content/pages/com1.", "Windows reserves 'COM1' for a device"),
    _path("windows-device-printer", page_pair("lpt9"), "content/pages/lpt9.", "Windows reserves 'LPT9' for a device"),
    _path("windows-device-source", (write("sources/prn.md", "---\ntitle: x\n---\nx\n"),), "content/sources/prn.md",
          "Windows reserves 'PRN' for a device"),
    _path("windows-device-static-file", (write("../static/con.css", "a {}"),), "static/con.css",
          "Windows reserves 'CON' for a device"),
    _path("backslash-in-a-page-name", page_pair("a\\..\\..\\x"), "content/pages/a\\..\\..\\x.",
          "cannot be a file or folder name on Windows"),
    _path("backslash-in-a-static-file", (write("../static/a\\..\\x.css", "a {}"),), "static/a\\..\\x.css",
          "cannot be a file or folder name on Windows"),
    _path("colon-in-a-page-name", page_pair("c:x"), "content/pages/c:x.", "cannot be a file or folder name on Windows"),
    _path("dots-as-a-page-name", (write("pages/..zh.md", "---\ntitle: x\ndescription: d\n---\nx\n"),),
          "content/pages/..zh.md", "cannot be a page name"),
    _path("dotted-page-name", page_pair("a..b"), "content/pages/a..b.", "cannot be a page name"),
    _path("nav-climbs-out", (data("site.yaml", ("nav",), ["../../x"]),), "content/site.yaml:",
          "nav lists '../../x', which is not a page"),
    _path("nav-absolute", (data("site.yaml", ("nav",), ["/etc/passwd"]),), "content/site.yaml:",
          "nav lists '/etc/passwd', which is not a page"),
    _path("nav-backslash", (data("site.yaml", ("nav",), ["..\\..\\x"]),), "content/site.yaml:",
          "which is not a page"),
    _path("language-code-climbs-out", (data("site.yaml", ("languages", "../x"), {"name": "x"}),), "content/site.yaml:",
          "language code '../x' must be 2-3 lower-case letters"),
    _path("template-climbs-out", (front(HOME, "template", "../../etc/passwd"),), f"content/{HOME}:",
          "'template' is '../../etc/passwd', which is not allowed"),
    _path("statistic-id-climbs-out", (data(STATS, (0, "id"), "../x"),), f"content/{STATS}:",
          "'../x' is not a valid id"),
    _path("statistic-id-absolute", (data(STATS, (0, "id"), "/etc/passwd"),), f"content/{STATS}:",
          "'/etc/passwd' is not a valid id"),
    _path("statistic-id-backslash", (data(STATS, (0, "id"), "a\\b"),), f"content/{STATS}:", "'a\\b' is not a valid id"),
    _path("event-id-climbs-out", (data(EVENTS, (0, "id"), "../x"),), f"content/{EVENTS}:", "'../x' is not a valid id"),
    _path("glossary-id-absolute", (data(TERMS, (0, "id"), "/etc/passwd"),), f"content/{TERMS}:",
          "'/etc/passwd' is not a valid id"),
    _path("group-climbs-out", (data(STATS, (0, "group"), "../x"),), f"content/{STATS}:",
          "'../x' is not a valid group id"),
    _path("statistic-source-climbs-out", (data(STATS, (0, "source"), "../../etc/passwd"),), f"content/{STATS}:",
          "unknown source '../../etc/passwd'"),
    _path("event-pages-climb-out", (data(EVENTS, (0, "pages"), ["../../x"]),), f"content/{EVENTS}:",
          "pages lists '../../x', which is not a page"),
    _path("event-stats-absolute", (data(EVENTS, (0, "stats"), ["/etc/passwd"]),), f"content/{EVENTS}:",
          "unknown statistic '/etc/passwd'"),
    _path("source-file-climbs-out", (write("sources/..md", "---\ntitle: x\n---\nx\n"),), "content/sources/..md",
          "unknown language"),
    _path("page-link-climbs-out", (body(HOME, "[a](../../../etc/passwd.md)"),), f"content/{HOME}:{LINE}:",
          "leaves the pages folder"),
    _path("page-link-absolute", (body(HOME, "[a](/etc/passwd.md)"),), f"content/{HOME}:{LINE}:",
          "link to a page that does not exist"),
    _path("page-link-backslashes", (body(HOME, "[a](..\\..\\etc\\passwd.md)"),), f"content/{HOME}:{LINE}:",
          "leaves the pages folder"),
    _path("page-link-escaped-backslashes", (body(HOME, "[a](..\\\\..\\\\x.md)"),), f"content/{HOME}:{LINE}:",
          "leaves the pages folder"),
    _path("page-link-backslashes-inside", (body(HOME, "[a](a%5C..%5C..%5Cx.md)"),), f"content/{HOME}:{LINE}:",
          "link to a page that does not exist"),
    _path("citation-source-climbs-out", (body(HOME, '[a](cite:../../etc/passwd "quote")'),), f"content/{HOME}:{LINE}:",
          "citation of an unknown source '../../etc/passwd'"),
    _path("symbolic-link-to-a-secret", (symlink("../static/leak.txt", "secret.txt"),), "static/leak.txt",
          "the symbolic link leads outside the project"),
]

INERT = MARKUP_IN_MARKDOWN + MARKUP_IN_YAML
REFUSED = RAW_HTML_IN_MARKDOWN + LINK_TARGETS + RAW_HTML_IN_YAML + REFUSED_IN_YAML + PATHS
CASES = INERT + REFUSED


def apply(case_edits: tuple[Edit, ...], content: Path) -> None:
    for edit in case_edits:
        edit(content)


def all_inert_edits() -> tuple[Edit, ...]:
    """Every inert case at once: one site holding every payload that builds."""
    return tuple(edit for case in INERT for edit in case.edits)



def prepare(tmp_path: Path, edits: tuple[Edit, ...]) -> Path:
    """The minimal site, changed by ``edits``, as a project in ``tmp_path``; returns its root."""
    from tests.conftest import MINIMAL, make_project

    root = make_project(tmp_path, MINIMAL / "content")
    apply(edits, root / "content")
    return root


def run(root: Path, out: Path, base_url: str | None = None) -> tuple[int, str, str]:
    """``build.py build --out out`` on the project at ``root``: (status, stdout, stderr)."""
    import contextlib
    import io

    from microsite.cli import main

    printed, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
        options = ["--base-url", base_url] if base_url else []
        status = main(["--root", str(root), "build", "--out", str(out), *options])
    return status, printed.getvalue(), errors.getvalue()


def build(tmp_path: Path, edits: tuple[Edit, ...]) -> tuple[int, str, str, Path]:
    """Build the minimal site changed by ``edits`` into ``tmp_path/out``: (status, stdout, stderr, out)."""
    out = tmp_path / "out"
    return (*run(prepare(tmp_path, edits), out), out)
