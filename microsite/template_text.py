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
What an expression writes as it is written there is the template's own
words too, where the expression stands in text or in such an attribute: a
string or a number it writes (``{{ "since 1952" }}``, ``{{ "87" if en }}``,
``{{ "%d chambers" % 87 }}``, or a name the template set to one:
``{% set label = "since 1952" %}``). What it computes from what it is given (a
page's title, a UI string by its key, ``loop.index + 1``) is checked where
that comes from, and a string it compares, looks up or passes to a macro or
a function (``t("note")``, ``lang == "en"``, ``card(heading="h2")``) is
code where it is passed: a macro of the template's own shows it where the
macro writes that parameter in text (``{{ heading }}``), as a name set is
(see ``template_values.names_given``). A ``<style>`` element's or a ``style`` attribute's CSS is read as a
stylesheet is (see ``stylesheets``: its strings, its counters), and a list
numbered from another number than 1 (``<ol start="49">``, ``<li value="49">``)
is refused as a counter moved from its default is. The files of ``static/``
the site serves as they are read the same way (see ``static_text``).
"""

from __future__ import annotations

import dataclasses
import functools
import html
from collections.abc import Iterator, Mapping
import re
import sys
from pathlib import Path

import jinja2
from jinja2 import nodes

from . import template_values
from .addresses import (HINT_HANDLER, HINT_INLINE_SCRIPT, HINT_SRCDOC, INLINE_SCRIPT, address_problem, addresses_of,
                        addresses_of_instruction, handler_message, handlers_of, runs_its_text)
from .errors import ContentError, Location
from .markup import BrowserParser
from .patterns import compile_later
from .stylesheets import SHOWN_ATTRIBUTES, Counted, Shown, placed_in_markup, read_stylesheet
from .tracing import TEMPLATE_HINT, untraced_in_own_words

_META_SHOWN = ("description", "og:", "twitter:")  # a meta's content shown where the page is linked or listed
_HIDDEN = frozenset({"script", "template"})  # (a style element is read as CSS)


def shown_runs(source: str, environment: jinja2.Environment | None) -> list[tuple[int, int, str]]:
    """Each run of text a reader sees that ``source`` (a template; with no ``environment``, plain HTML or SVG)
    writes itself: (line, column, text), both 1-based; an attribute's at its tag, an expression's constant where
    it is written. Raises ``jinja2.TemplateSyntaxError`` where the template does not lex."""
    return read_shown(source, environment).runs


def read_shown(source: str, environment: jinja2.Environment | None) -> Shown:
    """What a reader sees that ``source`` writes itself: its runs of text (see :func:`shown_runs`) and the numbers
    its lists and styles make otherwise (a list numbered from 49, a counter started at 93)."""
    parser = _Shown()
    expressions: list[tuple[int, int]] = []
    parser.feed(_named(source, _blanked(source, environment, expressions)) if environment is not None else source)
    parser.close()
    if environment is None:
        return Shown(parser.runs, parser.counted, parser.addresses)
    reading = _Reading(source, expressions, environment)  # (one parse of the template for its names, for both)
    addresses = _addresses_written(parser.addresses, reading, parser.attributes_written)
    if not expressions:
        return Shown(parser.runs, parser.counted, addresses)
    # Each expression's place in the blanked text holds its mark (see _blanked): those the HTML put in text a
    # reader sees, or in an attribute read, are read for the constants they write.
    runs, shown, last = [], set(), chr(_MARK + len(expressions) - 1)
    for line, column, text in parser.runs:
        marked = [index for index, char in enumerate(text) if chr(_MARK) <= char <= last]
        if marked:
            shown.update(ord(text[index]) - _MARK for index in marked)
            text = "".join(" " if chr(_MARK) <= char <= last else char for char in text)
        if text.strip():
            runs.append((line, column, text))
    given = reading.given if shown else {}
    for index in sorted(shown):
        runs.extend(_constants_shown(source, *expressions[index], environment, given))
    return Shown(runs, parser.counted, addresses)


def _addresses_written(found: list[tuple[int, int, str, bool]], reading: _Reading,
                       attributes: list[tuple[int, int, str, str]] = ()) -> list[tuple[int, int, str, bool]]:
    """The addresses of ``found`` (as the blanked template has them: see :func:`_blanked`) as the template writes
    them, each text they may begin with (see ``template_values``: ``{{ cdn ~ "/x.js" }}``, where ``{% set cdn =
    "https://..." %}``; ``{{ "java" }}script:``), where the constant it begins with is written (else at its tag);
    those of the attributes an expression writes (``<a {{ 'href=...' }}>``, in ``attributes``: line, column, tag
    and the name the parser gave its mark), at its tag; and those of markup an expression writes unescaped
    (``{{ "<script src=...>"|safe }}``), as ``reading`` reads the template's expressions."""
    source, expressions = reading.source, reading.expressions
    addresses = []
    for line, column, value, loaded in found:
        value = "".join(char for char in reading.closed_up(value) if char not in "\t\n\r")  # (as a browser reads)
        for word in value.split():  # each may begin it: a statement's branches are blanked to spaces between them
            # (and each piece of what an expression writes: "a.png 1x, https://cdn.example/b.png 2x" in a srcset)
            addresses.extend((*(place or (line, column)), piece.rstrip(","), loaded)
                             for text, place in reading.texts(word) for piece in text.split() if piece.rstrip(","))
    for line, column, tag, marks in attributes:  # each text the expression writes, read as the tag's attributes
        for mark in (char for char in marks if _MARK <= ord(char) < _MARK + len(expressions)):
            addresses.extend((line, column, address, loaded) for text in reading.written(ord(mark) - _MARK)
                             for _, _, address, loaded in read_shown(f"<{tag} {text.text}>", None).addresses)
    unescaped = "autoescape" in source  # (in {% autoescape false %}, what any expression writes is markup)
    for index, (start, end) in enumerate(expressions):
        if unescaped or "safe" in source[start:end]:
            addresses.extend(reading.markup(index, every=unescaped))
    return addresses


class _Reading:
    """A template's expressions read for what they write (see ``template_values``), each parsed once."""

    def __init__(self, source: str, expressions: list[tuple[int, int]], environment: jinja2.Environment) -> None:
        self.source, self.expressions, self.environment = source, expressions, environment
        self.context = nodes.EvalContext(environment)
        self.lines = source.split("\n")

    @functools.cached_property
    def given(self) -> _Given:
        return _Given(self.source, self.environment)

    def closed_up(self, value: str) -> str:
        """``value`` without the blanks of its expressions (each its mark alone), so that the spaces left are those
        between statements, or written."""
        kept, skipped = [], 0
        for char in value:
            if skipped:
                skipped -= 1
                continue
            kept.append(char)
            if _MARK <= ord(char) < _MARK + len(self.expressions):
                start, end = self.expressions[ord(char) - _MARK]
                skipped = end - start - 1
        return "".join(kept)

    @functools.lru_cache(maxsize=None)  # noqa: B019 (one reading per template: it goes with the reading)
    def written(self, index: int) -> list[template_values.Written]:
        """The texts expression ``index`` may write."""
        start, end = self.expressions[index]
        found = template_values.parse_expression(self.source[start:end], self.environment)
        if found is None:
            return [template_values.UNKNOWN]
        texts = template_values.joined([template_values.written(node, self.given, self.context) for node in found])
        # What it writes is read as the browser reads the attribute: its character references too (one written
        # through safe, &#106;avascript:, is javascript: to a browser; one escaped is read so all the same).
        return [dataclasses.replace(text, text=html.unescape(text.text)) for text in texts]

    def texts(self, word: str) -> list[tuple[str, tuple[int, int] | None]]:
        """Each text ``word`` (a piece of a blanked attribute, marks and all) may be written as, with where the
        constant it begins with is written (None: at its tag, where the word begins with the tag's own text)."""
        pieces, literal = [], []
        for char in word:
            if _MARK <= ord(char) < _MARK + len(self.expressions):
                pieces += [[template_values.Written("".join(literal))], self.written(ord(char) - _MARK)]
                literal = []
            else:
                literal.append(char)
        pieces.append([template_values.Written("".join(literal))])
        begins_with_code = _MARK <= ord(word[0]) < _MARK + len(self.expressions)
        return [(text.text, self.place(text, word) if begins_with_code else None)
                for text in template_values.joined(pieces)]

    def place(self, text: template_values.Written, word: str) -> tuple[int, int] | None:
        """Where the constant ``text`` begins with is written: on the line it was set on, or in the expression."""
        if text.first is None:
            return None
        if text.line:
            at = _written(text.first, self.lines[text.line - 1], 0)[0] if text.line <= len(self.lines) else -1
            return text.line, max(at, 0) + 1
        start, end = self.expressions[ord(word[0]) - _MARK]
        at = _written(text.first, self.source[start:end], 0)[0]
        place = start + max(at, 0)
        return self.source.count("\n", 0, place) + 1, place - self.source.rfind("\n", 0, place)

    def markup(self, index: int, every: bool = False) -> list[tuple[int, int, str, bool]]:
        """The addresses of the markup expression ``index`` writes unescaped (through ``safe``; ``every`` text it
        writes, where the template turns escaping off), at its start."""
        start, end = self.expressions[index]
        found = template_values.parse_expression(self.source[start:end], self.environment) or []
        line, column = self.source.count("\n", 0, start) + 1, start - self.source.rfind("\n", 0, start)
        addresses = []
        for node in found:
            for inner in [node] if every else _through_safe(node):
                for text in template_values.written(inner, self.given, self.context):
                    if "<" in text.text:
                        addresses.extend((line, column, address, loaded) for _, _, address, loaded
                                         in read_shown(text.text, None).addresses)
        return addresses


def _through_safe(node: nodes.Node) -> list[nodes.Node]:
    """What expression ``node`` marks safe (``x|safe``, ``markup(x)``): written unescaped, as markup."""
    return [item.expr if isinstance(item, nodes.MarkSafe) else item.node
            for item in (node, *node.find_all((nodes.MarkSafe, nodes.Filter)))
            if isinstance(item, nodes.MarkSafe) or isinstance(item, nodes.Filter) and item.name == "safe"
            and item.node is not None]


def own_words_mistakes(shown: Shown, path: Path, what: str = "the template's own text",
                       hint: str = TEMPLATE_HINT) -> list[ContentError]:
    """The mistakes of what a template (or a file of ``static/``) shows itself: every number among its words, and
    every invisible character (see ``tracing.untraced_in_own_words``); every number its lists or styles make."""
    return untraced_in_own_words(shown.runs, path, what, hint) + [
        ContentError(Location(path, item.line, item.column), f"{what}: {item.message}", item.hint)
        for item in shown.counted] + address_mistakes(shown, path)


def address_mistakes(shown: Shown, path: Path) -> list[ContentError]:
    """Each address the file at ``path`` writes itself that the site may not hold (see ``addresses``): one it
    loads from another host, a link by a scheme other than http, https and mailto, a data: address of what is no
    picture or font."""
    mistakes = []
    for line, column, address, loaded in shown.addresses:
        problem = address_problem(address, loaded)
        if problem is not None:
            mistakes.append(ContentError(Location(path, line, column), *problem))
    return mistakes


class _Given(Mapping):
    """What the template gives each name (see :func:`_names_given`), parsed for only when a name asked for may be
    one. Every name a template gives stands in one of its statements (``{% set %}``, ``{% for %}``, a macro's
    parameters, ``{% with %}``), so a name no statement holds is given nothing; and most expressions in an
    address ask only for such names (``asset``, ``href``, ``page``): parsing each template whole for its names
    cost every fresh build 40 ms."""

    def __init__(self, source: str, environment: jinja2.Environment) -> None:
        self._source, self._environment = source, environment
        self._in_statements = _statement_names(source)

    @functools.cached_property
    def _given(self) -> template_values.Given:
        return _names_given(self._source, self._environment)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.split(".")[0] in self._in_statements and name in self._given

    def __getitem__(self, name: str) -> list[tuple[nodes.Node, int]]:
        return self._given[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._given)

    def __len__(self) -> int:
        return len(self._given)


def _statement_names(source: str) -> frozenset[str]:
    """Every name written in a statement of ``source`` (``{% ... %}``; one left open, to the end)."""
    names: set[str] = set()
    at = source.find("{%")
    while at >= 0:
        end = source.find("%}", at + 2)
        end = len(source) if end < 0 else end
        names.update(_NAME.findall(source, at + 2, end))
        at = source.find("{%", end)
    return frozenset(names)


_NAME = compile_later(r"\w+")  # (a superset of the names Jinja reads, which may be in any script)


def _names_given(source: str, environment: jinja2.Environment) -> template_values.Given:
    """What the template gives each name it sets (see ``template_values.names_given``: ``{% set label = "since
    1952" %}``, ``{% for label in ["3 pillars", "9 chambers"] %}``); none where it does not parse (its mistake is
    reported where it is compiled)."""
    try:
        return template_values.names_given(environment.parse(source))
    except jinja2.TemplateSyntaxError:
        return {}


def _blanked(source: str, environment: jinja2.Environment, expressions: list[tuple[int, int]] | None = None) -> str:
    """``source`` with every Jinja expression, statement and comment made spaces (its line breaks kept); with
    ``expressions``, each expression's (``{{ ... }}``) first character its mark instead (``chr(_MARK + n)``, the
    n-th of ``expressions``, where its start and end are added).

    Jinja's lexer gives each token as written, in order, but for the white
    space its options strip from the data before a tag (``lstrip_blocks``,
    ``{%-``), which no token holds: a token not found where the last one
    ended is found past that white space, and the white space is kept as
    data. (Looking for each piece of data from where the last ended found a
    piece in the code before it: ``{{ '1' }}1``.)
    """
    parts, cursor = [], 0
    found: list[tuple[int, int]] = []  # where each expression starts and ends
    opened = None
    for _, kind, value in environment.lexer.tokeniter(source, None):
        if not source.startswith(value, cursor):
            skipped = cursor
            while skipped < len(source) and source[skipped].isspace():
                skipped += 1
            if not source.startswith(value, skipped):
                return _tags_blanked(source)  # (not seen: a last resort)
            parts.append(source[cursor:skipped])
            cursor = skipped
        if kind == "variable_begin":
            opened = cursor
        elif kind == "variable_end" and opened is not None:
            if not source.endswith(("<", "</"), 0, opened):  # (<{{ heading }}>: a tag's name, which HTML reads as text)
                found.append((opened, cursor + len(value)))
            opened = None
        parts.append(value if kind == "data" else _spaces(value))
        cursor += len(value)
    parts.append(_spaces(source[cursor:]))
    blanked = "".join(parts)
    if expressions is None or not found or max(source) >= chr(_MARK) or _MARK + len(found) > sys.maxunicode + 1:
        return blanked  # (a template that holds a mark's character already, or more expressions than there are
        # marks: its expressions are not read)
    marked = list(blanked)
    for index, (start, _) in enumerate(found):
        marked[start] = chr(_MARK + index)
    expressions.extend(found)
    return "".join(marked)


def _named(source: str, blanked: str) -> str:
    """``blanked`` with a tag whose name an expression writes (``<{{ heading }}>``, blanked to ``<`` and spaces,
    which HTML reads as text) named ``x``, an element the table does not know: its attributes are read as any
    element's are (a ``src`` loads), not as text."""
    named, at = list(blanked), source.find("{{")
    while at >= 0:
        if blanked[at] == " " and blanked.endswith(("<", "</"), 0, at):
            named[at] = "x"
        at = source.find("{{", at + 2)
    return "".join(named)


_MARK = 0xF0000  # a private-use plane: an expression's mark in the blanked text (see _blanked)
# A conversion of a format string (%d, %.1f, %(name)s): code, where the number it formats is written
_FORMAT_SPEC = compile_later(r"%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
# Filters that write the text they are given, changed only in its case, spaces or escaping
_TEXT_FILTERS = frozenset({"capitalize", "center", "e", "escape", "forceescape", "indent", "lower", "safe", "string",
                           "striptags", "title", "trim", "upper", "wordwrap"})


def _constants_shown(source: str, start: int, end: int, environment: jinja2.Environment,
                     given: dict[str, list[tuple[nodes.Node, int]]]) -> list[tuple[int, int, str]]:
    """The runs of text the expression ``source[start:end]`` writes as they are written in the template: (line,
    column, text), each where its literal is, in the expression or where a name it writes was set (see
    :func:`_shown_constants`)."""
    code = source[start:end]
    try:
        tree = environment.parse(code)
    except jinja2.TemplateSyntaxError:
        return []  # reported where the template is compiled
    found: list[tuple[str, object, int]] = []
    for output in tree.find_all(nodes.Output):
        for node in output.nodes:
            _shown_constants(node, found, given)
    runs, after, lines = [], 0, source.split("\n")
    for text, value, line in found:
        if not text.strip():
            continue  # (a format string of conversions only: "%.1f")
        if line:  # set on a line of its own: found there
            at = _written(value, lines[line - 1], 0)[0] if line <= len(lines) else -1
            runs.append((line, max(at, 0) + 1, text))
            continue
        at, length = _written(value, code, after)
        after = at + length if at >= 0 else after
        place = start + max(at, 0)
        runs.append((source.count("\n", 0, place) + 1, place - source.rfind("\n", 0, place), text))
    return runs


def _written(value: object, code: str, after: int) -> tuple[int, int]:
    """Where in ``code``, from ``after`` on, constant ``value`` is written: the start of its text (past the
    quotation mark) and its length; -1 where it is not found as it is (a string with escapes, 1e3)."""
    if type(value) is str:
        places = [at + 1 for quote in "'\"" if (at := code.find(quote + value + quote, after)) >= 0]
        return (min(places), len(value)) if places else (-1, 0)
    found = re.compile(r"(?<![\w.])" + re.escape(str(value)) + r"(?![\w.])").search(code, after)
    return (found.start(), len(found.group())) if found else (-1, 0)


def _shown_constants(node: nodes.Node, found: list[tuple[str, object, int]],
                     given: dict[str, list[tuple[nodes.Node, int]]], formatted: bool = False, line: int = 0,
                     named: frozenset[str] = frozenset()) -> None:
    """Add to ``found`` what expression ``node`` writes as written, each (text, the constant, the line it was set on
    or 0): a string or a
    number, alone or joined (``~``, ``+``), either side of an ``if``, through a filter that keeps text, or formatted
    (``%``, ``format``: the conversions blanked, the numbers given them written), or a name the template set so
    (``given``; each found with ``line``, where it was set). Not what it gives a macro or a function
    (``card("h2")``, ``t("note")``): an argument is as often a tag, a class or a key as words."""
    more = functools.partial(_shown_constants, found=found, given=given, line=line, named=named)
    if isinstance(node, nodes.Const):
        if type(node.value) is str:
            text = _FORMAT_SPEC.sub(lambda match: " " * len(match.group()), node.value) if formatted else node.value
            found.append((text, node.value, line))
        elif type(node.value) in (int, float):
            found.append((str(node.value), node.value, line))
    elif isinstance(node, nodes.Name) and node.name in given and node.name not in named:
        for value, where in given[node.name]:
            _shown_constants(value, found, given, formatted, where, named | {node.name})
    elif isinstance(node, nodes.Concat):
        for part in node.nodes:
            more(part)
    elif isinstance(node, nodes.CondExpr):
        more(node.expr1)
        if node.expr2 is not None:
            more(node.expr2)
    elif isinstance(node, (nodes.MarkSafe, nodes.MarkSafeIfAutoescape)):
        more(node.expr)
    elif isinstance(node, nodes.Add):  # "since " + year: its strings (a number added is arithmetic: loop.index + 1)
        for side in (node.left, node.right):
            if isinstance(side, nodes.Const) and type(side.value) is str or isinstance(side, (nodes.Add, nodes.Concat)):
                more(side)
    elif isinstance(node, nodes.Mod):  # "%d chambers" % 87
        more(node.left, formatted=True)
        for value in node.right.items if isinstance(node.right, nodes.Tuple) else [node.right]:
            more(value)
    elif isinstance(node, nodes.Filter) and node.node is not None and (node.name in _TEXT_FILTERS
                                                                        or node.name == "format"):
        more(node.node, formatted=node.name == "format")
        for value in node.args if node.name == "format" else ():
            more(value)


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


LIST_HINT = ("number a list from 1, counting its items (leave out start and value); a number readers should see "
             "belongs in the content, where it is traced")


class _Shown(BrowserParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[int, int, str]] = []
        self.counted: list[Counted] = []
        self.addresses: list[tuple[int, int, str, bool]] = []
        self.attributes_written: list[tuple[int, int, str, str]] = []  # (line, column, tag, its marks: see below)
        self._hidden = 0  # inside a script or a template element
        self._style: list[str] | None = None  # inside a style element: its text so far
        self._style_at = (1, 0)  # where its text begins
        self._script_at: tuple[int, int] | None = None  # where a script that runs its own text begins

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        line, offset = self.getpos()
        if tag == "style" and not self._hidden:
            self._style = []
        shown_meta = tag == "meta" and _meta_shown(dict(attrs))
        self.addresses.extend((line, offset + 1, address, loaded) for address, loaded in addresses_of(tag, attrs))
        # <a {{ 'href=...' }}>: an expression that writes attributes (its mark stands as an attribute's name)
        self.attributes_written.extend((line, offset + 1, tag, name) for name, _ in attrs if name >= chr(_MARK))
        if tag == "script":
            self._script_at = (line, offset + 1) if runs_its_text(attrs) else None
        self.counted.extend(Counted(line, offset + 1, handler_message(name), HINT_HANDLER)
                            for name in handlers_of(attrs))
        if tag == "iframe" and any(name == "srcdoc" for name, _ in attrs):
            self.counted.append(Counted(line, offset + 1, "an iframe's srcdoc: a page written into an attribute, "
                                        "whose words the build does not read", HINT_SRCDOC))
        for name, value in attrs:
            if value and value.strip() and (name in SHOWN_ATTRIBUTES or (shown_meta and name == "content")):
                self.runs.append((line, offset + 1, value))
            elif value and name == "style" and not self._hidden:
                self._read_style(read_stylesheet(value), line, offset, at_tag=True)
        numbered = {"ol": "start", "li": "value"}.get(tag)
        for name, value in attrs if numbered else ():
            from_one = tag == "ol" and value is not None and value.strip() == "1"
            if name == numbered and value and any(char.isdigit() for char in value) and not from_one:
                self.counted.append(Counted(line, offset + 1, f"'<{tag} {name}=\"{value}\">' numbers "
                                            f"{'the list from' if tag == 'ol' else 'the item'} {value.strip()}: "
                                            "readers see numbers no text holds", LIST_HINT))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_at = None
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == "style" and self._style is not None:
            text, self._style = "".join(self._style), None
            self._read_style(read_stylesheet(text), *self._style_at)

    def close(self) -> None:
        super().close()
        self.handle_endtag("style")  # (one left open is read to the end)

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            if not self._style:
                self._style_at = self.getpos()
            self._style.append(data)
        elif self._script_at and data.strip():  # (an empty one runs nothing, and a browser does not refuse it)
            self.counted.append(Counted(*self._script_at, INLINE_SCRIPT, HINT_INLINE_SCRIPT))
            self._script_at = None
        elif not self._hidden and data.strip():
            self._text(data, *self.getpos())

    def handle_pi(self, data: str) -> None:
        line, offset = self.getpos()
        self.addresses.extend((line, offset + 1, address, loaded) for address, loaded in addresses_of_instruction(data))

    def unknown_decl(self, data: str) -> None:
        # <![CDATA[49 chambers]]>: in an SVG image or an XHTML page, text a reader sees
        if data.startswith("CDATA[") and not self._hidden:
            line, offset = self.getpos()
            self._text(data[len("CDATA["):], line, offset + len("<![CDATA["))

    def _text(self, data: str, line: int, offset: int) -> None:
        for number, text in enumerate(data.split("\n")):
            if text.strip():
                self.runs.append((line + number, (offset if number == 0 else 0) + 1, text))

    def _read_style(self, shown: Shown, line: int, offset: int, at_tag: bool = False) -> None:
        """Add what a style element's CSS shows (it begins at ``line`` and 0-based ``offset``), each where it is,
        or, for a style attribute's (``at_tag``), at its tag, as an attribute is."""
        def placed(at_line: int, column: int) -> tuple[int, int]:
            return placed_in_markup(line, offset, at_line, column, at_tag)

        self.runs.extend((*placed(at_line, column), text) for at_line, column, text in shown.runs)
        self.addresses.extend((*placed(at_line, column), address, loaded)
                              for at_line, column, address, loaded in shown.addresses)
        self.counted.extend(Counted(*placed(item.line, item.column), item.message, item.hint)
                            for item in shown.counted)


def _meta_shown(attributes: dict[str, str | None]) -> bool:
    named = (attributes.get("name") or attributes.get("property") or "").lower()
    return named.startswith(_META_SHOWN)
