"""The glossary's word: renderings it says to avoid must not appear in that language's text."""

from __future__ import annotations

import re
from collections import defaultdict

from .errors import ErrorList, Location
from .jsonforms import AVOIDED
from .kept import text_of
from .links import Prose
from .markdown import blank_comments
from .memo import Memo
from .model import Term
from .numerals import caseless
from .tracing import PlainField


def check_glossary_use(terms: list[Term], prose: list[Prose], plain: list[PlainField], errors: ErrorList,
                       memo: Memo | None = None) -> None:
    """Renderings a glossary entry says to avoid must not appear in that language's text.

    That is all the Markdown (``prose``) and every other field a reader sees (``plain``: titles, menu
    names, labels, source titles, UI strings), except the glossary's own, which may say why a rendering
    is avoided.
    """
    memo = memo or Memo()
    texts: list[tuple[str, str, Prose | PlainField]] = [
        (item.lang, item.text, item) for item in prose if item.path.name != "glossary.yaml"]
    texts.extend((field.lang, field.text, field) for field in plain if field.location.path.name != "glossary.yaml")
    preferred: dict[str, dict[str, str]] = defaultdict(dict)  # lang -> phrase (lower case) -> the term to use
    for term in terms:
        for lang, words in term.text.items():
            for phrase in words.avoid:
                preferred[lang][caseless(phrase)] = words.term
    for lang, phrases in preferred.items():
        # One pattern for all of a language's phrases, so each text is scanned once.
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")\b",
                             re.IGNORECASE | re.MULTILINE)
        _report_phrases(pattern, [t for t in texts if t[0] == lang], phrases, errors, memo)


def _report_phrases(pattern: re.Pattern, texts: list, preferred: dict[str, str], errors: ErrorList,
                    memo: Memo) -> None:
    found = memo.get_all([("avoid", pattern.pattern, pattern.flags, text) for _, text, _ in texts],
                         lambda text: _phrases_in(pattern, text_of(text)), [text for _, text, _ in texts], AVOIDED)
    for (_, _, owner), phrases in zip(texts, found):
        for line, column, phrase in phrases:
            errors.add(_place(owner, line, column), f"'{phrase}' is a rendering the glossary says to avoid",
                       f"write '{preferred[caseless(phrase)]}' (see content/data/glossary.yaml)")


def _place(owner: Prose | PlainField, line: int, column: int) -> Location:
    """Where a 0-based ``line`` and ``column`` of a text are in its file (found only for a phrase found)."""
    if isinstance(owner, Prose):
        return owner.location(line, column)
    return owner.place(_index(owner.text, line, column))


def _index(text: str, line: int, column: int) -> int:
    """The character index in ``text`` of a 0-based ``line`` and ``column``."""
    return sum(len(before) + 1 for before in text.split("\n")[:line]) + column


def _phrases_in(pattern: re.Pattern, text: str) -> tuple[tuple[int, int, str], ...]:
    """Each match of ``pattern`` in ``text``: its 0-based line, column in that line, and the words. What is in
    an HTML comment, an editor's note no reader sees (see ``markdown``), is not looked in."""
    text = blank_comments(text)
    found = []
    for match in pattern.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        found.append((text.count("\n", 0, start), start - line_start, match.group(0)))
    return tuple(found)
