"""The plain JSON forms of what the cache keeps, and their checked way back.

Everything kept in ``.cache/`` is written as plain data and read back field
by field, each type checked: a value of another shape raises (TypeError,
ValueError ...), which the cache takes for a miss. Reading it back never
runs code. A value comes back *exactly*: equal, of the same types (a
:class:`~microsite.yamlfile.YamlMap` with every location, not a dict), with
the same :func:`~microsite.memo.digest_of`, so that a build that reuses it is
the build that would have made it again (``tests/test_jsonforms.py``).

What a value was made from is its key, not part of the form: a reading's
path and digest, say, are given back to the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .compiled import Compiled, Html, Survey, WritingMistake, links_from_json
from .errors import ContentError, Location
from .links import Prose, Read
from .load import Body, DataFile, Document, Reading
from .memo import Form
from .model import SaidNumber
from .provenance import QuoteSpan
from .store import all_of, count, text
from .yamlfile import YamlList, YamlMap

# --- compiled Markdown -------------------------------------------------------------------------------------------


def compiled_to_json(compiled: Compiled) -> list:
    """All of ``compiled`` but its HTML and its survey, which are kept apart (see ``compiled.Html`` and
    ``compiled.Survey``), and their lengths."""
    return [compiled.body.length, compiled.survey.length, compiled.link_count,
            sorted(compiled.heading_ids),
            [list(pair) for pair in compiled.duplicate_ids],
            [[m.line, m.column, list(m.start), list(m.end), m.message, m.hint] for m in compiled.mistakes],
            list(compiled.external), [list(link) for link in compiled.cited], compiled.chinese_passage,
            [list(place) for place in compiled.from_today]]


def compiled_from_json(data: Any, key: str, html: Callable[[str, int], Html],
                       survey: Callable[[str, int], Survey]) -> Compiled:
    """The text of ``key`` as compiled; ``html(key, length)`` gives its HTML and ``survey(key, length)`` its
    survey (KeyError when there is none: then there is no compiled form)."""
    (html_length, survey_length, link_count, heading_ids, duplicate_ids, mistakes, external, cited, passage,
     from_today) = data
    if type(external) is not list or not all_of(str, external):
        raise TypeError("not addresses")
    return Compiled(
        html(key, count(html_length)),
        survey(key, count(survey_length)),
        count(link_count),
        frozenset(text(ident) for ident in heading_ids),
        tuple((_int(line), text(ident)) for line, ident in duplicate_ids),
        tuple(WritingMistake(_int(line), _int(column), _pair(start), _pair(end), text(message), text(hint))
              for line, column, start, end, message, hint in mistakes),
        tuple(external),
        links_from_json(cited),
        _int(passage),
        tuple((_int(line), _int(column), text(words)) for line, column, words in from_today))


def _pair(value: Any) -> tuple[int, int]:
    first, second = value
    return _int(first), _int(second)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not a whole number")
    return value


# --- content files as read: a Reading, its Document or DataFile, the YAML in it ---------------------------------


def reading_to_json(reading: Reading, path: Path) -> list:
    """``reading`` of the file ``path`` (its digest is its key's); TypeError if it holds what no form is made for.

    A document's body is named by its key and length: its text is kept apart (see ``cache``), so that reading
    the file back does not read it."""
    value = reading.value
    if value is not None and value.path != path:
        raise TypeError("a reading of another path")
    if isinstance(value, Document):
        form: list | None = ["document", yaml_to_json(value.front, path), [value.markdown.key, value.markdown.length],
                             value.body_line, value.fingerprint, value.words]
    elif isinstance(value, DataFile):
        form = ["data", yaml_to_json(value.value, path)]
    elif value is None:
        form = None
    else:
        raise TypeError(f"a reading of a {type(value).__name__}")
    return [form, [[_location_to_json(m.location, path), m.message, m.hint, m.detail] for m in _errors(reading)]]


def _errors(reading: Reading) -> tuple[ContentError, ...]:
    if any(type(mistake) is not ContentError for mistake in reading.mistakes):
        raise TypeError("a mistake of another kind")
    return reading.mistakes


def reading_from_json(data: Any, path: Path, digest: str, body: Callable[[str, int], Body]) -> Reading:
    """The reading of the file ``path`` whose bytes had ``digest``, from its form (see :func:`reading_to_json`);
    ``body(key, length)`` gives a document's body (KeyError when there is none: then there is no reading)."""
    form, mistakes = data
    return Reading(_reading_value(form, path, body),
                   tuple(ContentError(_location(where, path), text(message), text(hint), text(detail))
                         for where, message, hint, detail in mistakes), digest)


def _reading_value(form: Any, path: Path, body: Callable[[str, int], Body]) -> Document | DataFile | None:
    if form is None:
        return None
    if form[0] == "document":
        _, front, (key, length), body_line, fingerprint, words = form
        return Document(path, yaml_from_json(front, path), body(text(key), count(length)), _int(body_line),
                        text(fingerprint), text(words))
    _, value = form
    if form[0] != "data":
        raise ValueError("not a reading's form")
    return DataFile(path, yaml_from_json(value, path))


_SCALARS = (str, int, float, bool, type(None))  # what YAML's core schema gives (yamlfile.resolve_plain): no dates


def yaml_to_json(value: Any, path: Path) -> Any:
    """A value of :func:`~microsite.yamlfile.parse_yaml` as JSON: scalars as they are, a mapping as
    ``["m", location, [[key, value, key location, value location, style], ...]]``, a list as
    ``["l", location, [[item, location], ...]]``; a location in the file ``path`` as ``[line, column]``."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is YamlMap:
        keys = list(value)
        if not (keys == list(value.key_locs) == list(value.value_locs) == list(value.value_styles)):
            raise TypeError("a mapping whose locations are not its keys'")
        return ["m", _location_to_json(value.loc, path),
                [[key, yaml_to_json(item, path), _location_to_json(value.key_locs[key], path),
                  _location_to_json(value.value_locs[key], path), value.value_styles[key]]
                 for key, item in value.items()]]
    if kind is YamlList:
        if len(value.item_locs) != len(value):
            raise TypeError("a list whose locations are not its items'")
        return ["l", _location_to_json(value.loc, path),
                [[yaml_to_json(item, path), _location_to_json(where, path)] for item, where in zip(value,
                                                                                                    value.item_locs)]]
    raise TypeError(f"not a value YAML gives: {kind.__name__}")


def yaml_from_json(data: Any, path: Path) -> Any:
    """The value :func:`yaml_to_json` wrote, of the same types (a JSON object is no form of it)."""
    kind = type(data)
    if kind is list:
        if data[0] == "m":
            return _mapping(data, path)
        if data[0] == "l":
            return _sequence(data, path)
        raise ValueError("not a YAML value's form")
    if kind in _SCALARS:
        return data
    raise TypeError("not a YAML value's form")


def _mapping(data: list, path: Path) -> YamlMap:
    _, where, members = data
    result = YamlMap()
    result.loc, result.key_locs, result.value_locs, result.value_styles = _location(where, path), {}, {}, {}
    for key, item, key_where, value_where, style in members:
        if text(key) in result:
            raise ValueError("a key twice")
        result[key] = yaml_from_json(item, path)
        result.key_locs[key] = _location(key_where, path)
        result.value_locs[key] = _location(value_where, path)
        result.value_styles[key] = text(style)
    return result


def _sequence(data: list, path: Path) -> YamlList:
    _, where, members = data
    result = YamlList()
    result.loc, result.item_locs = _location(where, path), []
    for item, item_where in members:
        result.append(yaml_from_json(item, path))
        result.item_locs.append(_location(item_where, path))
    return result


def _location_to_json(location: Location, path: Path) -> list:
    """``[line, column]`` in the file ``path`` (most are), else ``[path, line, column]``."""
    if type(location) is not Location:
        raise TypeError("not a location")
    if location.path == path and type(location.path) is type(path):
        return [location.line, location.column]
    if not isinstance(location.path, Path):
        raise TypeError("a location without a path")
    return [str(location.path), location.line, location.column]


def _location(data: Any, path: Path) -> Location:
    if len(data) == 2:
        line, column = data
    else:
        other, line, column = data
        path = Path(text(other))
    if not ((line is None or type(line) is int) and (column is None or type(column) is int)):
        raise TypeError("not a line and column")
    return Location(path, line, column)


# --- a text resolved for its page (``links.resolve``) -------------------------------------------------------------


def resolved_to_json(resolved: tuple[tuple[str, ...], list[ContentError], Read], item: Prose) -> list:
    """What resolving ``item`` gave: what fills its placeholders (its HTML is its compiled text's, filled), its
    mistakes (located in the file ``item`` is from) and what it read of the link targets (each field's name;
    each page whose headings it looked at, and each it only looked up, as key and language)."""
    fills, mistakes, read = resolved
    if type(fills) is not tuple or type(mistakes) is not list or type(read) is not Read:
        raise TypeError("not a resolved text")
    return [list(fills), _mistakes_to_json(mistakes, item.path),
            list(read.fields), [part for page in read.pages for part in page],  # key, language, key, ...
            [part for page in read.found for part in page]]


def resolved_from_json(data: Any, item: Prose) -> tuple[tuple[str, ...], list[ContentError], Read]:
    fills, mistakes, fields, pages, found = data
    # two for each link, no fewer
    if type(fills) is not list or len(fills) != 2 * item.compiled.link_count or not all_of(str, fills):
        raise ValueError("not what fills this text's links")
    mistakes = _mistakes_from_json(mistakes, item.path)
    if (type(fields) is not list or type(pages) is not list or type(found) is not list
            or not all_of(str, fields + pages + found) or len(pages) % 2 or len(found) % 2):
        raise TypeError("not what a text read of the link targets")
    # The pages in the order written, sorted (a text looks up 20 pages: sorting them again, as pairs, was three
    # quarters of the time it took to read back what 10,000 texts read).
    return tuple(fills), mistakes, Read(tuple(sorted(set(fields))), tuple(zip(pages[::2], pages[1::2])),
                                        tuple(zip(found[::2], found[1::2])))


def _only_content_errors(mistakes: list) -> list[ContentError]:
    if any(type(mistake) is not ContentError for mistake in mistakes):
        raise TypeError("a mistake of another kind")
    return mistakes


def _mistakes_to_json(mistakes: list[ContentError], path: Path | None) -> list:
    """Each mistake: where (see _location_to_json: in ``path``, or in a file of its own), message, hint, detail."""
    return [[_location_to_json(m.location, path), m.message, m.hint, m.detail] for m in _only_content_errors(mistakes)]


def _mistakes_from_json(data: Any, path: Path | None) -> list[ContentError]:
    if type(data) is not list:
        raise TypeError("not mistakes")
    return [ContentError(_location(where, path), text(message), text(hint), text(detail))
            for where, message, hint, detail in data]


RESOLVED = Form(resolved_to_json, resolved_from_json)


# --- where a text has words the glossary says to avoid (``glossary``) ----------------------------------------------


def avoided_to_json(found: tuple[tuple[int, int, str], ...], _text: str) -> list:
    """Each place found: its 0-based line, its column in that line, and the words as written."""
    if type(found) is not tuple or any(type(place) is not tuple or len(place) != 3 for place in found):
        raise TypeError("not places in a text")
    return [list(place) for place in found]


def avoided_from_json(data: Any, _text: str) -> tuple[tuple[int, int, str], ...]:
    if type(data) is not list:
        raise TypeError("not places in a text")
    return tuple((count(line), count(column), text(words)) for line, column, words in data)


AVOIDED = Form(avoided_to_json, avoided_from_json)


# --- the mistakes a check found (``validate``: the numbers of the records' fields not traced) -----------------------


def mistakes_to_json(mistakes: list[ContentError], _item: object) -> list:
    """Each mistake, its file named (one without a file is not kept)."""
    if type(mistakes) is not list or any(not isinstance(m.location.path, Path) for m in _only_content_errors(mistakes)):
        raise TypeError("not mistakes, each in a file")
    return _mistakes_to_json(mistakes, None)


def mistakes_from_json(data: Any, _item: object) -> list[ContentError]:
    if type(data) is not list or any(type(mistake) is not list or type(mistake[0]) is not list or len(mistake[0]) != 3
                                     for mistake in data):
        raise TypeError("not mistakes, each in a file")
    return _mistakes_from_json(data, None)


MISTAKES = Form(mistakes_to_json, mistakes_from_json)


# --- texts converted to an edition's script (``editions``) ---------------------------------------------------------


def converted_to_json(converted: tuple[tuple[str, ...], tuple[str, ...]], texts: tuple[str, ...]) -> list:
    """The conversion of each of ``texts``, in order, and the phrases of the edition's own conversions they used."""
    shown, used = converted
    if (type(shown) is not tuple or len(shown) != len(texts) or not all_of(str, shown) or type(used) is not tuple
            or not all_of(str, used)):
        raise TypeError("not texts converted")
    return [list(shown), list(used)]


def converted_from_json(data: Any, texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if type(data) is not list or len(data) != 2:
        raise TypeError("not texts converted")
    shown, used = data
    if type(shown) is not list or len(shown) != len(texts) or not all_of(str, shown) or type(used) is not list:
        raise TypeError("not texts converted")
    return tuple(shown), tuple(text(phrase) for phrase in used)


CONVERTED = Form(converted_to_json, converted_from_json)


# --- texts folded to Simplified characters (``editions``: what a conversion's replacement says) --------------------


def folded_to_json(folded: tuple[str, ...], texts: tuple[str, ...]) -> list:
    """Each of ``texts`` in Simplified characters, in order."""
    if type(folded) is not tuple or len(folded) != len(texts) or not all_of(str, folded):
        raise TypeError("not texts folded")
    return list(folded)


def folded_from_json(data: Any, texts: tuple[str, ...]) -> tuple[str, ...]:
    if type(data) is not list or len(data) != len(texts) or not all_of(str, data):
        raise TypeError("not texts folded")
    return tuple(data)


FOLDED = Form(folded_to_json, folded_from_json)


# --- quotes looked up in their sources (``evidence``) ------------------------------------------------------------


def looked_up_to_json(looked_up: list, pairs: tuple[tuple[str, str], ...]) -> list:
    """For each (source, quote) of ``pairs``: the places found (block, start, end), why none was, the quote
    normalized, and how it cuts a number of the source."""
    if type(looked_up) is not list or len(looked_up) != len(pairs):
        raise TypeError("not a look-up of each quote")
    kept = []
    for found, reason, normal, cut in looked_up:
        if type(found) is not list or not all_of(QuoteSpan, found) or not all_of(str, [reason, normal, cut]):
            raise TypeError("not a quote looked up")
        kept.append([[[span.block, span.start, span.end] for span in found], reason, normal, cut])
    return kept


def looked_up_from_json(data: Any, pairs: tuple[tuple[str, str], ...]) -> list:
    if type(data) is not list or len(data) != len(pairs):
        raise TypeError("not a look-up of each quote")
    return [(_spans_from_json(found), text(reason), text(normal), text(cut)) for found, reason, normal, cut in data]


def _spans_from_json(found: Any) -> list[QuoteSpan]:
    if type(found) is not list or not all_of(list, found):
        raise TypeError("not places in a source")
    return [QuoteSpan(count(block), count(start), count(end)) for block, start, end in found]


LOOKED_UP = Form(looked_up_to_json, looked_up_from_json)


# --- what the statistics' quotes say of their values (``records``) ------------------------------------------------


def figures_to_json(said: list, asked: tuple[tuple[float, str, str, str], ...]) -> list:
    """For each statistic asked about: what ``number_problem`` said, and the numbers of its quote of its value
    (measure word, as written, start, end)."""
    if type(said) is not list or len(said) != len(asked):
        raise TypeError("not what each quote says")
    kept = []
    for problem, numbers in said:
        if type(problem) is not str or type(numbers) is not tuple or not all_of(SaidNumber, numbers):
            raise TypeError("not what a quote says")
        kept.append([problem, [list(number) for number in numbers]])
    return kept


def figures_from_json(data: Any, asked: tuple[tuple[float, str, str, str], ...]) -> list:
    if type(data) is not list or len(data) != len(asked):
        raise TypeError("not what each quote says")
    return [(text(problem), _said_from_json(numbers)) for problem, numbers in data]


def _said_from_json(numbers: Any) -> tuple[SaidNumber, ...]:
    if type(numbers) is not list or not all_of(list, numbers):
        raise TypeError("not numbers of a quote")
    return tuple(SaidNumber(text(unit), text(written), count(start), count(end))
                 for unit, written, start, end in numbers)


FIGURES = Form(figures_to_json, figures_from_json)
