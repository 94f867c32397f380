"""Strict YAML: plain values that remember where they were written.

Editors write YAML by hand, often with a Chinese input method. PyYAML's
defaults (YAML 1.1) turn ``no`` into ``False`` and ``2023-10-11`` into a
``date``, keep the last of two equal keys, and report a mistyped full-width
colon as an unrelated error two lines further down. This module reads YAML
with the YAML 1.2 core schema instead (``no`` and ``2023-10-11`` stay text;
only ``true``/``false``, numbers and ``null`` are typed), rejects duplicate
keys, anchors, aliases, tags and numbers written otherwise than in decimal
digits (``0x31``, ``+49``, ``4.5e8``: see :func:`number_form_error`), and
returns dicts and lists that carry the location of every key and item so
validation can point at the exact line.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from .characters import find_problems

from .errors import ContentError, ContentErrors, Location
from .patterns import compile_later

# libyaml's parser is several times faster; its marks are just as precise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = compile_later(r"[-+]?[0-9]+\Z")
_OCT = compile_later(r"0o[0-7]+\Z")
_HEX = compile_later(r"0x[0-9a-fA-F]+\Z")
_FLOAT = compile_later(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = compile_later(r"[-+]?\.(inf|Inf|INF)\Z")
# A number as a reader and a quote write it: digits, a minus sign, a point between digits. The core schema reads
# other forms too (0x31, 0o61, +49, 049, 4.5e8, .5, .inf), each as a number the page shows otherwise (49,
# 450000000, 0.5): see number_form_error.
_DECIMAL = compile_later(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
_NAN = compile_later(r"\.(nan|NaN|NAN)\Z")
_MAX_DIGITS = 4000  # below Python's limit for reading an int from text (4300 digits)
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# The characters YAML does not allow in a file (outside its "printable" set): C0 controls but tab and line
# breaks, DEL, C1 controls but NEL, surrogates, U+FFFE and U+FFFF. No page or feed can carry them either.
UNPRINTABLE = compile_later("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

# Line breaks to YAML 1.1 (libyaml) but not to editors: a value holding one is cut in two there.
_HIDDEN_BREAKS = compile_later("[\x85\u2028\u2029]")

# Deeper than any content needs (a statistic is four levels deep), shallow enough that neither the nodes
# nor the values built from them come near Python's recursion limit.
MAX_DEPTH = 32

# A key typed with the full-width colon of a Chinese input method: ``title：…``.
# (The key runs to the first colon or #, and spaces before the colon are in it: one reading of the line.)
_FULLWIDTH_KEY = compile_later(r"^(\s*(?:-\s+)?)([^\s:：#'\"\[\]{},][^:：#]*)：")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:value",
    "tag:yaml.org,2002:merge",
}


class YamlMap(dict):
    """A mapping from YAML, remembering where it and each key and value are."""

    loc: Location
    key_locs: dict[str, Location]
    value_locs: dict[str, Location]
    value_styles: dict[str, str]  # "" plain, "'" or '"' quoted, "|" or ">" a block
    value_comments: dict[str, str]  # the comment written after a plain value, on its line ("# ..."), if any

    def key_loc(self, key: str) -> Location:
        return self.key_locs.get(key, self.loc)

    def value_loc(self, key: str) -> Location:
        return self.value_locs.get(key, self.loc)


class YamlList(list):
    """A sequence from YAML, remembering where it and each item are."""

    loc: Location
    item_locs: list[Location]

    def item_loc(self, index: int) -> Location:
        return self.item_locs[index] if index < len(self.item_locs) else self.loc


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse one YAML document; raise :class:`ContentErrors` for every mistake found.

    ``first_line`` is the file line on which ``text`` starts (front matter
    starts on line 2 of a page), so locations point into the real file.
    """
    offset = first_line - 1
    hidden = _HIDDEN_BREAKS.search(text)
    if hidden:
        raise ContentErrors([ContentError(
            place_in(text, hidden.start(), path, offset), f"the file has the character {_codepoint(hidden.group())} "
            "(a line or paragraph separator), which YAML reads as a line break", "remove it, or write a real line "
            "break; most editors do not show it, and every line after it would be misnumbered")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ContentErrors([_syntax_error(exc, text, path, offset)]) from None
    except yaml.reader.ReaderError:  # a character YAML does not allow
        raise ContentErrors([unprintable_error(text, path, offset)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without marks are rare
        raise ContentErrors([ContentError(Location(path), f"YAML error: {exc}")]) from None
    except RecursionError:  # PyYAML's pure-Python composer recurses per level (libyaml stops at 1000 levels)
        raise ContentErrors([_too_deep(Location(path, first_line, 1))]) from None
    if node is None:
        return None
    errors: list[ContentError] = []
    builder = _Builder(path, offset, errors, text)
    value = builder.build(node)
    if builder.aliases:
        errors.append(_alias_error(text, path, offset))
    if errors:
        raise ContentErrors(errors)
    return value


FULLWIDTH_COLON_HINT = "a Chinese input method typed '：'; YAML needs the ASCII colon ':' followed by a space"


def looks_like_fullwidth_key(text: str) -> bool:
    """True when ``text`` reads like ``key：value``, a key typed with a full-width colon."""
    return bool(_FULLWIDTH_KEY.match(text))


_COMMENT_AFTER = compile_later(r"[ \t]+#[^\r\n]*")  # a comment on a plain value's line, after it


class _Builder:
    """Turns composed YAML nodes into located plain values."""

    def __init__(self, path: Path, offset: int, errors: list[ContentError], text: str = "") -> None:
        self.path = path
        self.text = text  # as written, to tell what the parser's decoding added
        self.offset = offset
        self.errors = errors
        self.seen: set[int] = set()
        self.aliases = 0  # nodes reached a second time: reported once, at the first alias (see _alias_error)

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1 + self.offset, mark.column + 1)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        # A node reached twice is an alias (*name); expanding aliases is how
        # "billion laughs" documents exhaust memory, and editors never need them.
        if id(node) in self.seen:
            self.aliases += 1
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.errors.append(_too_deep(self.loc(node)))
            return None
        if node.tag not in _STANDARD_TAGS:
            self.errors.append(
                ContentError(self.loc(node), f"YAML tag {node.tag!r} is not supported", "remove the tag")
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth + 1)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, depth + 1)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> YamlMap:
        result = YamlMap()
        result.loc, result.key_locs, result.value_locs, result.value_styles = self.loc(node), {}, {}, {}
        result.value_comments = {}
        for key_node, value_node in node.value:
            reported = len(self.errors)
            key = self.build(key_node, depth)
            key_loc = self.loc(key_node)
            if key == "<<" and key_node.tag.endswith(":merge"):
                self.errors.append(ContentError(key_loc, "YAML merge keys (<<) are not supported", "write the keys out"))
                continue
            if not isinstance(key, str):
                if len(self.errors) > reported:
                    continue  # (0x1F, written as no number may be: that mistake's hint says to quote it)
                self.errors.append(
                    ContentError(key_loc, f"a key must be text, not {describe(key)}", "put the key in quotes")
                )
                continue
            if key in result:
                first = result.key_locs[key]
                self.errors.append(
                    ContentError(
                        key_loc,
                        f"duplicate key '{one_line(key)}' (first at line {first.line})",
                        "keep one of them; YAML would silently use the last",
                    )
                )
                continue
            result[key] = self.build(value_node, depth)
            result.key_locs[key] = key_loc
            result.value_locs[key] = self.loc(value_node)
            result.value_styles[key] = getattr(value_node, "style", None) or ""
            if isinstance(value_node, yaml.ScalarNode) and not value_node.style and self.text:
                comment = _COMMENT_AFTER.match(self.text, value_node.end_mark.index)
                if comment:  # (PyYAML drops comments: a # the editor meant as text ends the value there)
                    result.value_comments[key] = comment.group().strip()
        return result

    def sequence(self, node: yaml.SequenceNode, depth: int) -> YamlList:
        result = YamlList(self.build(item, depth) for item in node.value)
        result.loc = self.loc(node)
        result.item_locs = [self.loc(item) for item in node.value]
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        self.hidden_problems(node)
        if node.style:  # libyaml says "" for plain scalars, PyYAML says None
            bad = UNPRINTABLE.search(node.value)  # an escape such as "\x01" in double quotes
            if bad:
                self.errors.append(ContentError(self.loc(node), f"the text has the control character "
                                                f"{_codepoint(bad.group())}, written as an escape",
                                                "remove the escape; no page can show that character"))
            return node.value  # quoted or block scalars are always text
        value = resolve_plain(node.value)
        if type(value) in (int, float) and not _DECIMAL.match(node.value):
            self.errors.append(number_form_error(node.value, value, self.loc(node)))
        return value

    def hidden_problems(self, node: yaml.ScalarNode) -> None:
        """Invisible characters written as escapes (``"\\u202e"``) and spaces inside numbers made by folding
        lines: what YAML turns the written text into, where the text itself shows nothing wrong (the
        loader has already checked the text as written, at exact places)."""
        value = node.value
        if value.isascii() and "\n" not in self.text[node.start_mark.index:node.end_mark.index]:
            return  # no escape made it, no folding joined it: nothing the written text did not show
        written = find_problems(self.text[node.start_mark.index:node.end_mark.index])
        for problem in find_problems(value)[len(written):][:1]:
            how = "made by joining the value's lines" if problem.number else "written as an escape"
            self.errors.append(ContentError(self.loc(node), problem.message(how), problem.hint))


def _too_deep(location: Location) -> ContentError:
    return ContentError(location, f"the YAML is nested more than {MAX_DEPTH} levels deep",
                        "content needs a few levels (a list of records with a mapping per language); "
                        "check the indentation and the brackets")


def _alias_error(text: str, path: Path, offset: int) -> ContentError:
    """One error for every alias of ``text``, at the first (only read when the build found one)."""
    aliases = [event for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent)]
    mark = aliases[0].start_mark
    count = f" ({len(aliases)} aliases in this file; this is the first)" if len(aliases) > 1 else ""
    return ContentError(Location(path, mark.line + 1 + offset, mark.column + 1),
                        f"YAML anchors and aliases (&name, *name) are not supported{count}",
                        "write the value out in full")


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text) if len(text) <= _MAX_DIGITS else float(text)  # Python refuses longer ones (infinite anyway)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def number_form_error(written: str, value: int | float, location: Location) -> ContentError:
    """The mistake of a number ``written`` otherwise than in decimal digits (``value``, as YAML reads it).

    Readers see a figure as the site formats its value, and an editor checks it against the quote's digits: 0x31
    is shown as 49, 049 as 49 (and read as 39 by a YAML 1.1 tool), +49 as 49. An exponent is refused too: 4.5e8
    reads as 450000000, one keystroke from 4.5e9, and past 2**53 its float is not its digits (1e23 is
    99999999999999991611392); the statistics file writes a value's digits in full, as a quote's reading has them.
    """
    decimal = _as_decimal(value)
    if _INF.match(written) or _NAN.match(written):
        message = f"'{written}' is YAML's {'infinity' if math.isinf(value) else 'not-a-number'}, which no quote says"
    else:
        shown = decimal or ("infinity" if math.isinf(value) else repr(value))
        message = f"the number '{written}' is written {_number_form(written)}: YAML reads it as {shown}"
    example = f" ({decimal})" if decimal else ""
    return ContentError(location, message, f"write the number in decimal digits, as the quote has it{example}; a "
                        f"text (a code, a name) goes in quotes: \"{written}\"")


def _number_form(written: str) -> str:
    """How ``written`` (a number YAML reads, not in decimal digits) is written, as an editor would say it."""
    bare = written.lstrip("+-")
    if bare.startswith("0x"):
        return "in hexadecimal"
    if bare.startswith("0o"):
        return "in octal"
    if "e" in bare.lower():
        return "with an exponent"
    if written.startswith("+"):
        return "with a plus sign"
    if bare.startswith(".") or bare.endswith("."):
        return "without a digit on each side of its point"
    return "with a leading zero"


def _as_decimal(value: int | float) -> str:
    """``value`` in decimal digits, or "" when it has none a reader could check (infinite, or past 2**53)."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value) or abs(value) > 2**53:
        return ""
    return str(int(value)) if value.is_integer() else repr(value) if "e" not in repr(value) else ""


def unprintable_error(text: str, path: Path, offset: int = 0) -> ContentError:
    """The first character of ``text`` that YAML does not allow, located."""
    match = UNPRINTABLE.search(text)
    shown = _codepoint(match.group()) if match else "a character"
    return ContentError(place_in(text, match.start() if match else 0, path, offset),
                        f"the file contains the control character {shown}",
                        "remove it (most editors do not show it); no page can show it, and YAML does not allow it")


def place_in(text: str, index: int, path: Path, offset: int = 0) -> Location:
    """Where character ``index`` of ``text`` is, as an editor counts lines and columns."""
    line = text.count("\n", 0, index) + 1
    return Location(path, line + offset, index - (text.rfind("\n", 0, index) + 1) + 1)


def _codepoint(character: str) -> str:
    return f"U+{ord(character):04X}"


def describe(value: Any) -> str:
    """How an editor would name a value's type in an error message."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        shown = str(value) if isinstance(value, float) or abs(value) < 10**40 else f"{str(value)[:37]}..."
        return f"a number ({shown})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{one_line(shown)}')"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list (- item lines)"
    return type(value).__name__


def one_line(text: str) -> str:
    """``text`` for an error message, which is one line: line breaks and control characters escaped."""
    return _LINE_BREAKING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_LINE_BREAKING = compile_later("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: Path, offset: int) -> ContentError:
    mark = _error_mark(exc)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    lines = text.splitlines()
    fullwidth = _find_fullwidth_key(lines, exc)
    if fullwidth is not None:
        number, col, key = fullwidth
        return ContentError(
            Location(path, number + offset, col),
            f"full-width colon '：' after '{key}'",
            FULLWIDTH_COLON_HINT,
        )
    problem = (exc.problem or "").strip()
    where = Location(path, (line or 1) + offset, column)
    starts, at = _start_not_text(lines, line, column) if any(
        word in (exc.context or "") + problem for word in ("alias", "anchor", "cannot start")) else ("", 0)
    if starts:  # *text, &text, `text`, @text, %text: a value YAML reads as something other than text
        return ContentError(Location(where.path, where.line, at + 1), f"a value that begins with '{starts}' is not "
                                   f"read as text: YAML keeps "
                                   f"{_STARTS[starts]}", "put the whole value in quotes: \"...\" (and a field shown "
                                   "as plain text needs no Markdown marks)")
    message = f"YAML syntax error: {problem}" if problem else "YAML syntax error"
    if exc.context:
        message += f" ({exc.context.strip()})"
    return ContentError(where, message, _syntax_hint(lines, line, problem))


def _start_not_text(lines: list[str], line: int | None, column: int | None) -> tuple[str, int]:
    """The character YAML keeps for itself where a value begins, at or just before the error's place, and its
    index in its line; or ("", 0)."""
    source = lines[line - 1] if line and line <= len(lines) else ""
    for index in ((column or 0) - 2, (column or 0) - 1):
        if 0 <= index < len(source) and source[index] in _STARTS and source[:index].rstrip().endswith((":", "-")):
            return source[index], index
    return "", 0


_STARTS = {"*": "'*' for an alias (a reference to another value)", "&": "'&' for an anchor (a name for a value)",
           "`": "'`' for itself", "@": "'@' for itself", "%": "'%' for a directive"}


def _error_mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the mistake is: an unclosed quote where it opens, not at the end of the file."""
    if exc.context_mark and "quoted scalar" in (exc.context or "") and "end of stream" in (exc.problem or ""):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def _find_fullwidth_key(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """The last line, at or before the error, whose full-width colon causes the error.

    Text such as ``注意：…`` in a block scalar or list item is valid YAML, so a
    line counts only if typing ``:`` for its ``：`` changes the error.
    """
    mark = _error_mark(exc)
    upto = mark.line + 1 if mark else len(lines)
    for number in range(min(upto, len(lines)), 0, -1):
        match = _FULLWIDTH_KEY.match(lines[number - 1])
        if match and _colon_fixes(lines, number, match.end(), exc):
            return number, match.end(), match.group(2).strip()
    return None


def _colon_fixes(lines: list[str], number: int, column: int, exc: yaml.MarkedYAMLError) -> bool:
    """True if ':' typed for the '：' at ``number``:``column`` removes ``exc`` or moves it further down."""
    fixed = list(lines)
    line = fixed[number - 1]
    fixed[number - 1] = line[: column - 1] + ": " + line[column:]
    try:
        yaml.compose("\n".join(fixed), Loader=_Loader)
    except yaml.MarkedYAMLError as new:
        old_mark, new_mark = _error_mark(exc), _error_mark(new)
        if new.problem != exc.problem or not old_mark or not new_mark:
            return True
        return new_mark.line > old_mark.line
    return True


def _syntax_hint(lines: list[str], line: int | None, problem: str) -> str:
    source_line = lines[line - 1] if line and line <= len(lines) else ""
    if "\t" in source_line or "tab" in problem:
        return "indent with spaces; YAML does not allow tab characters for indentation"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be put in quotes, or a key is indented wrongly"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value' (an ASCII colon and a space)"
    if "found unexpected end of stream" in problem or "quoted scalar" in problem:
        return "a quoted value is not closed; check that every opening quote has its closing quote"
    if "maximum nesting depth" in problem:  # libyaml's limit, 1000 levels
        return _too_deep(Location(Path())).hint
    if "found another document" in problem:  # libyaml's context: "expected a single document"
        return "the file holds more than one YAML document ('---'); keep one"
    return "check the indentation and punctuation of this line and the one before it"
