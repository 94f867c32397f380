"""Reading YAML mappings against a schema, with located errors.

:class:`Fields` wraps one mapping an editor wrote. It rejects unknown keys
at once (with a "did you mean" for typos), and each accessor checks one
key's type, records a located error if it is wrong, and returns a usable
default so validation can go on and report every other mistake too.
"""

from __future__ import annotations

import difflib
import math
from typing import Any

from .errors import ErrorList, Location
from .patterns import compile_later
from .tracing import PlainField
from .yamlfile import FULLWIDTH_COLON_HINT, YamlList, YamlMap, describe, looks_like_fullwidth_key, one_line

ID_PATTERN = compile_later(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_HINT = "use lower-case ASCII letters, digits and single hyphens, e.g. 'donations-2023'"


def expect_mapping(value: Any, loc: Location, what: str, errors: ErrorList) -> YamlMap | None:
    """``value`` if it is a mapping, else a located error (with the full-width colon hint)."""
    if isinstance(value, YamlMap):
        return value
    if isinstance(value, str) and looks_like_fullwidth_key(value):
        key = value.split("：", 1)[0].strip().lstrip("- ")
        column = (loc.column or 1) + value.index("：") if loc.line is not None else None
        errors.add(Location(loc.path, loc.line, column), f"{what}: full-width colon '：' after '{one_line(key)}'",
                   FULLWIDTH_COLON_HINT)
    else:
        errors.add(loc, f"{what} must be a mapping of 'key: value' lines, found {describe(value)}",
                   "write one 'key: value' per line (a colon and a space after each key), with no '- ' before them")
    return None


def expect_list(value: Any, loc: Location, what: str, errors: ErrorList) -> YamlList:
    """``value`` if it is a list, else a located error and an empty list."""
    if isinstance(value, YamlList):
        return value
    errors.add(loc, f"{what} must be a list of '- ' items, found {describe(value)}",
               "begin each item with '- ' (a dash and a space), its lines indented under it: see the other files "
               "of content/data/")
    empty = YamlList()
    empty.loc, empty.item_locs = loc, []
    return empty


_EXACT_UP_TO = 2**53  # the largest whole number a float holds with every digit


class Fields:
    """One mapping read against the keys it may and must have."""

    def __init__(self, data: YamlMap, what: str, errors: ErrorList,
                 required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> None:
        self.data, self.what, self.errors = data, what, errors
        self.required = frozenset(required)
        allowed = set(required) | set(optional)
        for key in data:
            if key not in allowed:
                self._unknown(key, sorted(allowed))
        self._reported: set[str] = set()
        for key in required:
            if key not in data:
                errors.add(data.loc, f"{what}: missing key '{key}'", f"add a line '{key}: ...'")
            elif data[key] is None or isinstance(data[key], str) and not data[key].strip():
                self._empty(key)  # at once, so every empty value of a record is reported together

    def _empty(self, key: str) -> None:
        if key in self._reported:
            return
        self._reported.add(key)
        hint = f"write its value after '{key}:'" if key in self.required else "write the text, or remove the key"
        self.errors.add(self.loc(key), f"{self.what}: '{key}' is empty", hint)

    def _unknown(self, key: str, allowed: list[str]) -> None:
        loc = self.data.key_loc(key)
        if "：" in key:
            self.errors.add(loc, f"{self.what}: full-width colon '：' in key '{one_line(key)}'", FULLWIDTH_COLON_HINT)
            return
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        self.errors.add(loc, f"{self.what}: unknown key '{one_line(key)}'", hint)

    def loc(self, key: str) -> Location:
        return self.data.value_loc(key)

    def plain(self, key: str, lang: str, field: str, quote: str = "", source: str = "") -> PlainField | None:
        """The text of ``key`` as a field a reader sees, located, for the traceability check (None if empty)."""
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        style = getattr(self.data, "value_styles", {}).get(key, "")
        lead = len(value) - len(value.lstrip())
        offset = -1 if style in ("|", ">") or "\n" in value.strip() else lead + (1 if style in ("'", '"') else 0)
        comment = getattr(self.data, "value_comments", {}).get(key, "")
        return PlainField(value.strip(), lang, field, self.loc(key), offset, quote, source, comment=comment)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def _value(self, key: str) -> Any:
        """The value of ``key`` or None; a required key written without a value (``title:``) is a mistake."""
        value = self.data.get(key)
        if value is None and key in self.data and key in self.required:
            self._empty(key)
        return value

    def _wrong(self, key: str, expected: str, hint: str = "") -> None:
        found = describe(self.data[key])
        self.errors.add(self.loc(key), f"{self.what}: '{key}' must be {expected}, found {found}", hint)

    def text(self, key: str, default: str = "") -> str:
        """A non-empty string. Numbers and true/false are refused: YAML typed them, not the editor."""
        value = self._value(key)
        if value is None:
            return default
        if not isinstance(value, str):
            self._wrong(key, "text", _quote_hint(key, value))
            return default
        if not value.strip():
            self._empty(key)
            return default
        return value.strip()

    def ident(self, key: str) -> str:
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self.errors.add(self.loc(key), f"{self.what}: '{one_line(value)}' is not a valid id", ID_HINT)
        return value

    def integer(self, key: str, default: int | None = None, least: int | None = None, hint: str = "") -> int | None:
        """A whole number (``least`` or more, if given); ``hint`` says how to write one where it is wrong."""
        value = self._value(key)
        if value is None:
            return default
        expected = "a whole number" if least is None else f"a whole number, {least} or more"
        if isinstance(value, bool) or not isinstance(value, int) or least is not None and value < least:
            self.errors.add(self.loc(key), f"{self.what}: '{key}' must be {expected}, found {describe(value)}", hint)
            return default
        return value

    def number(self, key: str) -> float | None:
        value = self._value(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            hint = "write digits only, e.g. 450000000 (no quotes, units, commas or underscores)"
            self._wrong(key, "a finite number" if isinstance(value, float) else "a number", hint)
            return None
        if abs(value) > _EXACT_UP_TO:  # a float holds it only roughly: its digits would change on the page
            self.errors.add(self.loc(key), f"{self.what}: '{key}' is too large to be held exactly (more than "
                            f"{_EXACT_UP_TO:,})", "no figure of an article is that large: check the digits")
            return None
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._value(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self._wrong(key, "true or false", "YAML 1.2: only 'true' and 'false' (not yes/no/on/off)")
            return default
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str = "") -> str:
        value = self.text(key, default)
        if value and value not in options:
            self.errors.add(self.loc(key), f"{self.what}: '{key}' is '{one_line(value)}', which is not allowed",
                            f"use one of: {', '.join(options)}")
            return default
        return value

    def mapping(self, key: str) -> YamlMap | None:
        if key not in self.data:
            return None
        return expect_mapping(self.data[key], self.loc(key), f"{self.what}: '{key}'", self.errors)

    def text_list(self, key: str) -> tuple[str, ...]:
        """A list of texts, each given once: every list the content writes names distinct things (the menu's
        pages, a record's pages and statistics, the renderings to avoid), and one named twice (a menu entry
        shown twice) is a slip."""
        value = self._value(key)
        if value is None:
            return ()
        items = expect_list(value, self.loc(key), f"{self.what}: '{key}'", self.errors)
        result = []
        for index, item in enumerate(items):
            if isinstance(item, str) and not item.strip():
                self.errors.add(items.item_loc(index), f"{self.what}: '{key}' has an empty item",
                                "write the item, or remove it")
            elif not isinstance(item, str):
                self.errors.add(items.item_loc(index), f"{self.what}: '{key}' items must be text, found {describe(item)}")
            elif item.strip() in result:
                self.errors.add(items.item_loc(index), f"{self.what}: '{key}' lists '{item.strip()}' twice",
                                "remove one of them")
            else:
                result.append(item.strip())
        return tuple(result)


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # a whole number too large for a float
        return False


def _quote_hint(key: str, value: Any) -> str:
    if isinstance(value, float):  # 2023.10 was read as 2023.1: the digits as written are lost
        return f"put the value in quotes, exactly as you wrote it: {key}: \"...\""
    return f"put the value in quotes: {key}: \"{_plain(value)}\""


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
