"""What a stylesheet shows readers: the text it generates, and the numbers its counters count.

A stylesheet is code, but some of it reaches readers as text: a string
(``content: "Since 1952"``, a list's marker ``list-style-type: "49 "``, the
marks ``quotes`` gives ``<q>``, a custom property's string that ``content:
var(--label)`` shows), a counter style's symbols (``@counter-style``,
``symbols()``) and a counter's value (``content: counter(fig)``, an ordered
list's markers). :func:`read_stylesheet` finds them, in a file of ``static/``
or in a page's ``<style>`` and ``style`` attributes (see ``template_text``):

- every string is read as the site's own words (see ``tracing``), but where
  it names something: a font (``font-family``, ``font-feature-settings:
  "ss01"``), a grid area, an animation, a file (``url()``, ``src``,
  ``@import``) or an attribute's value in a selector. So a property that shows
  its string is read even where this module does not know it (``quotes``,
  ``text-overflow``, ``hyphenate-character``, ``text-emphasis-style``);
- a counter style's symbols, prefix, suffix, pad and sign, strings or
  identifiers (``symbols: "4" "9"`` is a numeral system of those digits);
- a counter is shown as it counts from its defaults only (reset and set to 0,
  each step 1): then it counts elements, as a numbered list counts its items
  from 1. One started or stepped elsewhere (``counter-reset: fig 93``,
  ``counter-set: list-item 48``, ``counter-increment: fig 2`` or ``fig fig``),
  or by a value the build cannot read (``calc()``, ``var()``), would show
  readers numbers no text holds, and is refused; so is ``attr()`` of an
  attribute the build does not read as shown (``content: attr(data-count)``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .patterns import compile_later

# A comment, a string (one that a line break cuts short ends there, as CSS reads it) or an address written
# without quotes (url(data:...;...): its semicolons and braces are no delimiters); found left to right, so that
# "/*" in a string or a quotation mark in a comment is no token. The name url may be written with escapes, as any
# name may (u\72l, \u\r\l): CSS reads it as url all the same.
_TOKEN = compile_later(r"""/\*[\s\S]*?(?:\*/|\Z)|"((?:[^"\\\n]|\\[\s\S])*)"?|'((?:[^'\\\n]|\\[\s\S])*)'?"""
                       r"""|(?<![-\w\\])(?:[Uu]|\\[Uu]|\\0{0,4}[57]5[ \t\n]?)(?:[Rr]|\\[Rr]|\\0{0,4}[57]2[ \t\n]?)"""
                       r"""(?:[Ll]|\\[Ll]|\\0{0,4}[46][Cc][ \t\n]?)\(\s*[^\s"')][^)]*\)?""")
_DELIMITER = compile_later(r"[{};]")
_PARENTHESIS = compile_later(r"[()]")
# A CSS escape: a backslash and up to six hexadecimal digits, and one white space that ends it ("\201C" is a quotation
# mark, "\f101" an icon), or a backslash and any other character (that character).
_ESCAPE = compile_later(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|(.))", re.DOTALL)
# An identifier (a counter style's symbol may be one: \34\39 is "49"), its characters each one of three kinds.
_IDENTIFIER = compile_later(r"(?:[-0-9A-Za-z_]|\\[0-9a-fA-F]{1,6}[ \t\n]?|\\[^\n0-9a-fA-F]|[^\x00-\x7f])+")
_INTEGER_ONLY = compile_later(r"[-+]?[0-9]+")  # a weight of additive-symbols, the length of pad: code
_NUMERIC = compile_later(r"[-+]?\.?[0-9]")  # how a number (49, -1, .5, 49px) begins, not a name
_NUMBER = compile_later(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_VENDOR = compile_later(r"\A-(?:webkit|moz|ms|o)-")  # -webkit-locale is locale
_COUNTER_PART = compile_later(r"[^\s()]+\(?|[()]")  # a counter's name, a number, a function's name and "("
_COUNTER_KEYWORDS = frozenset({"none", "!important", "!", "important"})
_ATTR = compile_later(r"(?<![-\w])[Aa][Tt][Tt][Rr]\(\s*([^\s,)]*)")  # attr(data-count): what it shows

# Declarations whose strings name something, never shown: a font, a feature, a grid area, an animation, a file.
_NAMING_PROPERTIES = frozenset({"font", "font-family", "font-feature-settings", "font-variation-settings",
                                "font-language-override", "grid", "grid-template", "grid-template-areas", "src",
                                "syntax", "animation", "animation-name", "voice-family", "locale"})
_NAMING_FUNCTIONS = frozenset({"url", "src", "format", "local", "tech", "image-set", "image"})
_LOADING_FUNCTIONS = frozenset({"url", "src", "image-set", "image"})  # a string they hold is a file to load
# A counter style's descriptors a reader sees in each marker.
_SYMBOL_DESCRIPTORS = frozenset({"symbols", "additive-symbols", "prefix", "suffix", "pad", "negative"})
_COUNTER_DEFAULTS = {"counter-reset": 0, "counter-set": 0, "counter-increment": 1}
# Attributes whose values the build reads as shown (``template_text``): attr() may show those.
SHOWN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description", "aria-roledescription",
                              "aria-placeholder", "aria-valuetext", "placeholder", "label", "abbr"})

COUNTER_HINT = ("let a counter count from its defaults (counter-reset: fig; counter-increment: fig), as a numbered "
                "list counts its items from 1; a number readers should see belongs in the content, where it is traced")
ATTR_HINT = ("show the words in the page's text, where they are read, or in an attribute the build reads as shown "
             f"({', '.join(sorted(SHOWN_ATTRIBUTES))})")


@dataclass(frozen=True)
class Counted:
    """A mistake in what a stylesheet or markup writes itself: a number it makes readers see that no text holds (a
    counter started at 93), a page written into an attribute, code the site's policy would not run; where it is
    written (line and column, 1-based), what is wrong and the hint."""

    line: int
    column: int
    message: str
    hint: str = COUNTER_HINT


@dataclass
class Shown:
    """What a reader sees of a stylesheet or a page: runs of text (line, column, text: see ``template_text``), and
    the numbers it makes otherwise (:class:`Counted`)."""

    runs: list[tuple[int, int, str]] = field(default_factory=list)
    counted: list[Counted] = field(default_factory=list)
    # (line, column, address, whether it is loaded; else linked) of each address it names (see ``addresses``)
    addresses: list[tuple[int, int, str, bool]] = field(default_factory=list)


def placed_in_markup(line: int, offset: int, at_line: int, column: int, at_tag: bool = False) -> tuple[int, int]:
    """Where in a page a place of a stylesheet is (``at_line`` and ``column``, 1-based, of CSS that begins at the
    page's ``line`` and 0-based ``offset``: a ``<style>`` element's text); for a ``style`` attribute's
    (``at_tag``), at its tag, as an attribute's place is."""
    if at_tag:
        return line, offset + 1
    return (line, offset + column) if at_line == 1 else (line + at_line - 1, column)


def read_stylesheet(css: str) -> Shown:
    """What a reader sees of stylesheet ``css`` (a file's, a ``<style>`` element's or a ``style`` attribute's: a
    list of declarations is read as a rule's), each where it is written."""
    code, strings, bare = _blanked(css)
    shown, places = Shown(), _Places(css)
    shown.addresses.extend(_loaded(css, code, strings, bare, places))
    in_counter_style: list[bool] = []  # for each block open, whether it is a @counter-style's
    start, first = 0, 0  # where the piece of code being read starts; its first string in ``strings``
    for delimiter in [*_DELIMITER.finditer(code), None]:
        end = delimiter.start() if delimiter else len(code)
        last = bisect.bisect_left(strings, (end, end), first)
        ends = delimiter.group() if delimiter else "}"  # (a block left open is closed where the file ends)
        if ends == "{":
            in_counter_style.append(_unescaped(code[start:end]).strip().lower().startswith("@counter-style"))
        elif not code[start:end].lstrip().startswith("@"):  # (an at-rule's statement names: @import "x.css")
            _read_declaration(css, code, start, end, strings[first:last],
                              bool(in_counter_style and in_counter_style[-1]), shown, places)
        if ends == "}" and in_counter_style:
            in_counter_style.pop()
        start, first = (delimiter.end() if delimiter else end), last
    return shown


def _blanked(css: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """``css`` with its comments and strings made spaces (line breaks kept), and an address written without
    quotes made spaces inside ``url( )``: what is left is code, whose delimiters are all real; where each
    string's text is, between its quotation marks; and where each address written without quotes is."""
    parts, strings, bare, cursor = [], [], [], 0
    for token in _TOKEN.finditer(css):
        text = token.group()
        parts.append(css[cursor:token.start()])
        if text[0] in "\"'":
            strings.append(token.span(1 if token.group(1) is not None else 2))
        if text[0] not in "\"'/":  # url(...): its address
            closed, opened = text.endswith(")"), text.index("(") + 1
            parts.append(text[:opened] + _spaces(text[opened:len(text) - closed]) + ")" * closed)
            bare.append((token.start() + opened, token.end() - closed))
        else:
            parts.append(_spaces(text))
        cursor = token.end()
    parts.append(css[cursor:])
    return "".join(parts), strings, bare


def _loaded(css: str, code: str, strings: list[tuple[int, int]], bare: list[tuple[int, int]],
            places: _Places) -> list[tuple[int, int, str, bool]]:
    """What the stylesheet loads, each where it is written: an address in ``url()`` (with quotes or without), a
    string ``image-set()``, ``image()`` or ``src()`` holds, and the one ``@import`` names; not an ``@namespace``'s
    (``@namespace svg url(http://www.w3.org/2000/svg)``: a name for a kind of markup, which nothing fetches)."""
    found = [(start, _unescaped(css[start:end]).strip()) for start, end in bare]
    functions = _functions_around(code, 0, [first for first, _ in strings])
    for (first, last), function in zip(strings, functions):
        before = _unescaped(code[max(first - 60, 0):first - 1]).rstrip().lower()
        imported = not function and before.endswith("@import")
        if function in _LOADING_FUNCTIONS or imported:
            found.append((first, _unescaped(css[first:last]).strip()))
    starts = [delimiter.end() for delimiter in _DELIMITER.finditer(code)]
    namespaces = {start for start in [0, *starts] if _unescaped(code[start:start + 80]).lstrip().lower()
                  .startswith("@namespace")}
    return [(*places.at(start), address, True) for start, address in sorted(found)
            if address and _statement_at(start, starts) not in namespaces]


def _statement_at(at: int, starts: list[int]) -> int:
    """Where the statement that holds ``at`` begins, of the places ``starts`` where one may (past a delimiter)."""
    index = bisect.bisect_right(starts, at)
    return starts[index - 1] if index else 0


def _read_declaration(css: str, code: str, start: int, end: int, strings: list[tuple[int, int]],
                      counter_style: bool, shown: Shown, places: _Places) -> None:
    """Add to ``shown`` what the declaration ``css[start:end]`` shows: its strings but where they name
    something, a counter style's symbols, a counter moved from its defaults, an attribute shown by attr()."""
    colon = code.find(":", start, end)
    name = _VENDOR.sub("", _unescaped(code[start:colon]).strip().lower(), count=1) if colon >= 0 else ""
    value = colon + 1 if colon >= 0 else start
    if name in _COUNTER_DEFAULTS:
        shown.counted.extend(_counter_mistakes(name, code, value, end, places))
    if name not in _NAMING_PROPERTIES:
        functions = _functions_around(code, value, [first for first, _ in strings])
        for (first, last), function in zip(strings, functions):
            if function not in _NAMING_FUNCTIONS:
                shown.runs.append((*places.at(first), _unescaped(css[first:last])))
        shown.counted.extend(_attributes_shown(code, value, end, places))
    if counter_style and name in _SYMBOL_DESCRIPTORS:
        for symbol in _IDENTIFIER.finditer(code, value, end):
            if not _INTEGER_ONLY.fullmatch(symbol.group()):
                shown.runs.append((*places.at(symbol.start()), _unescaped(symbol.group())))


def _functions_around(code: str, start: int, places: list[int]) -> list[str]:
    """For each of ``places`` (in order) in the value that begins at ``code[start]``, the name of the function
    whose parentheses hold it (``url`` of ``url("a.png")``), in lower case, or "" outside any: one reading of
    the value, however many strings it holds."""
    if not places:
        return []
    names: list[str] = []
    found: list[str] = []
    marks = _PARENTHESIS.finditer(code, start, places[-1])  # (only they open or close one)
    mark = next(marks, None)
    for place in places:
        while mark is not None and mark.start() < place:
            if mark.group() == "(":
                names.append(_VENDOR.sub("", _unescaped(_name_before(code, mark.start())).lower(), count=1))
            elif names:
                names.pop()
            mark = next(marks, None)
        found.append(names[-1] if names else "")
    return found


def _name_before(code: str, at: int) -> str:
    begin = at
    while begin > 0 and (code[begin - 1].isalnum() or code[begin - 1] in "-_\\"):  # (a name's escapes: u\72l)
        begin -= 1
    return code[begin:at]


def _counter_mistakes(name: str, code: str, start: int, end: int, places: _Places) -> list[Counted]:
    """The parts of counter declaration ``name`` (``counter-reset``, ``counter-set``, ``counter-increment``)
    at ``code[start:end]`` other than a counter's name and the default: each makes numbers no text holds."""
    default, mistakes, counters = _COUNTER_DEFAULTS[name], [], []
    counted_down: set[str] = set()  # the counters of reversed(), and whether the next name is one
    reversed_next = False
    unread = 0  # how deep inside functions refused where they open: what they hold is not read again
    for token in _COUNTER_PART.finditer(code, start, end):
        part, at = token.group(), places.at(token.start())
        counter = counters[-1] if counters else ""
        if part == ")":
            unread = max(unread - 1, 0)
        if unread and not part.endswith("("):
            continue
        if part.lower() == "reversed(" and name == "counter-reset":
            reversed_next = True  # (counts down from the number of elements: any number given is no default)
            continue
        if part.lower() in _COUNTER_KEYWORDS or part == ")":
            continue
        if part.endswith("("):
            unread += 1
            if unread > 1:
                continue
            mistakes.append(Counted(*at, f"'{name}: {counter} {part}…' sets a counter by a value the build cannot "
                                         "read: what the counter numbers would show readers numbers no text holds"))
        elif _NUMBER.fullmatch(part) and float(part) == default and counter not in counted_down:
            continue
        elif _NUMERIC.match(part):
            mistakes.append(Counted(*at, _moved(name, counter, part)))
        elif name == "counter-increment" and part in counters:
            mistakes.append(Counted(*at, f"'{name}: {part} {part}' steps counter '{part}' twice for each element: "
                                         "what it numbers would show readers numbers no text holds"))
        else:
            counters.append(part)
            if reversed_next:
                counted_down.add(part)
            reversed_next = False
    return mistakes


def _moved(name: str, counter: str, number: str) -> str:
    if name == "counter-increment":
        return (f"'{name}: {counter} {number}' steps counter '{counter}' by {number}, not 1: what it numbers would "
                "show readers numbers no text holds")
    return (f"'{name}: {counter} {number}' sets counter '{counter}' to {number}, not 0: what it numbers would show "
            "readers numbers no text holds")


def _attributes_shown(code: str, start: int, end: int, places: _Places) -> list[Counted]:
    """``attr()`` in ``code[start:end]`` of an attribute the build does not read as shown: its value, which
    a page may hold anywhere, would reach readers unread."""
    found = []
    for call in _ATTR.finditer(code, start, end):
        attribute = _unescaped(call.group(1)).lower()
        if attribute not in SHOWN_ATTRIBUTES:
            found.append(Counted(*places.at(call.start()), f"'attr({attribute})' shows readers the value of an "
                                 "attribute the build does not read for numbers", ATTR_HINT))
    return found


def _unescaped(text: str) -> str:
    """A CSS string's or name's text as shown: its escapes are characters, not digits (where one stood, the numbers
    found in the string are located a little further on than they are written)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda match: _code_point(match[1]) if match[1] else match[2], text)


def _code_point(digits: str) -> str:
    number = int(digits, 16)
    return chr(number) if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else "\ufffd"


def _spaces(code: str) -> str:
    return "".join(char if char == "\n" else " " for char in code)


class _Places:
    """Line and column (1-based) of each offset of a text, found by its lines' starts."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
