"""The words a template writes itself: what readers see of its own text, where it stands.

A template shows what it is given (a page's title, a statistic, a UI
string), which the build checks where it comes from; and it may also hold
words of its own, written into the HTML. Those reach every page it makes, so
a number among them ("87 chambers", "since 1952") is a claim no quote
traces (see ``tracing``). :func:`shown_runs` finds them: the template's data
(what is not Jinja: expressions, statements and comments are blanked, so
that what remains keeps its lines and columns), parsed as HTML; its text,
but for scripts and styles, and the attributes a reader is shown or read
aloud (``alt``, ``title``, ``aria-label`` ..., a ``meta`` description).
What an expression writes (``{{ "87" }}``) is the template's code, not its
text, and is not looked at. The files of ``static/`` the site serves as they
are (an HTML page, an SVG image, a stylesheet's generated content) have words
of their own too (:func:`shown_in_static`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import jinja2

from .patterns import compile_later

# Attributes whose values a reader sees or hears (a tooltip, an image's text, a screen reader's label).
_SHOWN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description", "aria-roledescription",
                               "aria-placeholder", "aria-valuetext", "placeholder", "label", "abbr"})
_META_SHOWN = ("description", "og:", "twitter:")  # a meta's content shown where the page is linked or listed
_HIDDEN = frozenset({"script", "style", "template"})


def shown_runs(source: str, environment: jinja2.Environment | None) -> list[tuple[int, int, str]]:
    """Each run of text a reader sees that ``source`` (a template; with no ``environment``, plain HTML or SVG)
    writes itself: (line, column, text), both 1-based; an attribute's at its tag. Raises
    ``jinja2.TemplateSyntaxError`` where the template does not lex."""
    parser = _Shown()
    parser.feed(_blanked(source, environment) if environment is not None else source)
    parser.close()
    return parser.runs


# A stylesheet's generated content, which readers see as text: content: "Since 1952"; (a string, escapes and all).
_CSS_CONTENT = compile_later(r"""\bcontent\s*:\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')""")


def shown_in_static(name: str, content: bytes) -> list[tuple[int, int, str]]:
    """The runs of text a reader sees in a file of ``static/`` the site serves as it is: an HTML page or an SVG
    image (its text, titles and labels, as a template's), a stylesheet's generated content (``content: "..."``)."""
    suffix = name.rpartition(".")[2].lower()
    if suffix not in ("html", "htm", "svg", "css"):
        return []
    text = content.decode("utf-8", errors="replace")  # a file that is not UTF-8 is reported where it is read
    if suffix != "css":
        return shown_runs(text, None)
    runs = []
    for match in _CSS_CONTENT.finditer(text):
        start = match.start(1) if match.group(1) is not None else match.start(2)
        line = text.count("\n", 0, start) + 1
        runs.append((line, start - text.rfind("\n", 0, start), _css_unescaped(match.group(1) or match.group(2) or "")))
    return runs


# A CSS escape: a backslash and up to six hexadecimal digits, and one white space that ends it ("\201C" is a quotation
# mark, "\f101" an icon), or a backslash and any other character (that character).
_CSS_ESCAPE = compile_later(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|(.))", re.DOTALL)


def _css_unescaped(value: str) -> str:
    """A CSS string's text as shown: its escapes are characters, not digits (where one stood, the numbers found in
    the string are located a little further on than they are written)."""
    return _CSS_ESCAPE.sub(lambda match: _code_point(match[1]) if match[1] else match[2], value)


def _code_point(digits: str) -> str:
    number = int(digits, 16)
    return chr(number) if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else "\ufffd"


def _blanked(source: str, environment: jinja2.Environment) -> str:
    """``source`` with every Jinja expression, statement and comment made spaces (its line breaks kept).

    Jinja's lexer gives each token as written, in order, but for the white
    space its options strip from the data before a tag (``lstrip_blocks``,
    ``{%-``), which no token holds: a token not found where the last one
    ended is found past that white space, and the white space is kept as
    data. (Looking for each piece of data from where the last ended found a
    piece in the code before it: ``{{ '1' }}1``.)
    """
    parts, cursor = [], 0
    for _, kind, value in environment.lexer.tokeniter(source, None):
        if not source.startswith(value, cursor):
            skipped = cursor
            while skipped < len(source) and source[skipped].isspace():
                skipped += 1
            if not source.startswith(value, skipped):
                return _tags_blanked(source)  # (not seen: a last resort)
            parts.append(source[cursor:skipped])
            cursor = skipped
        parts.append(value if kind == "data" else _spaces(value))
        cursor += len(value)
    parts.append(_spaces(source[cursor:]))
    return "".join(parts)


def _tags_blanked(source: str) -> str:
    """``source`` with each Jinja tag made spaces, up to the first end of its kind (a string in a tag that holds one
    ends it early, and what is left is read as text): for when the lexer's tokens cannot be placed (see _blanked).
    Each kind of tag is looked for only onwards from where the last was found: one pass over ``source``."""
    parts, cursor = [], 0
    ahead = {opening: source.find(opening) for opening in _ENDS}
    while found := [(start, opening) for opening, start in ahead.items() if start >= 0]:
        start, opening = min(found)
        end = source.find(_ENDS[opening], start + 2)
        end = len(source) if end < 0 else end + 2
        parts += [source[cursor:start], _spaces(source[start:end])]
        cursor = end
        ahead = {opening: (source.find(opening, cursor) if 0 <= at < cursor else at) for opening, at in ahead.items()}
    parts.append(source[cursor:])
    return "".join(parts)


_ENDS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _spaces(code: str) -> str:
    return "".join(char if char == "\n" else " " for char in code)


class _Shown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[int, int, str]] = []
        self._hidden = 0  # inside a script, a style or a template element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        line, offset = self.getpos()
        shown_meta = tag == "meta" and _meta_shown(dict(attrs))
        for name, value in attrs:
            if value and value.strip() and (name in _SHOWN_ATTRIBUTES or (shown_meta and name == "content")):
                self.runs.append((line, offset + 1, value))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._hidden or not data.strip():
            return
        line, offset = self.getpos()
        for number, text in enumerate(data.split("\n")):
            if text.strip():
                self.runs.append((line + number, (offset if number == 0 else 0) + 1, text))


def _meta_shown(attributes: dict[str, str | None]) -> bool:
    named = (attributes.get("name") or attributes.get("property") or "").lower()
    return named.startswith(_META_SHOWN)
