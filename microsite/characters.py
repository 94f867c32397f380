"""Characters that change what a reader sees without being seen.

Two classes of them are refused in every content file, wherever they stand
(a page, a data file, a source), because they let a text say one thing to
the build and another to a reader:

- **invisible characters**: Unicode's format characters (category Cf: the
  bidi controls U+202A-202E and U+2066-2069 that show ``49`` as ``94``,
  zero-width spaces and joiners, word joiners, the soft hyphen ...) and the
  other default-ignorable code points (variation selectors, Hangul fillers,
  the combining grapheme joiner), written as themselves or as an HTML
  character reference (``&#x202E;``, ``&zwnj;``) that Markdown would decode;
- **a character that is another's double**: a Kangxi radical or a CJK
  compatibility ideograph (``⼗`` U+2F17, ``六`` U+F9D1) shows the same
  character as a common one (十, 六) that the checks read, and is not it;
- **white space inside a number** (``4 9``, with any space character,
  written or as a reference): a quote is matched with white space ignored,
  so ``护航4 9个`` would match a source that says 49 while a reader of the
  page sees two numbers, 4 and 9.

:func:`find_problems` finds both, each with its offset, so that everything
that reads content (load, the YAML parser, ingest) refuses or removes them
alike. A byte order mark at the very start of a file is no text; the loader
drops it before this runs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .numerals import ASTRAL, MEASURE_WORDS, ZH_NUMERALS, bmp_members, class_members
from .patterns import compile_later

# Category Cf (Unicode 15) and the other default-ignorable code points of DerivedCoreProperties.txt: the
# combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors,
# variation selectors, and the ranges reserved for more of them. A test checks this against unicodedata.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
_INVISIBLE_CLASS = class_members(_INVISIBLE_RANGES)
INVISIBLE = compile_later(f"[{_INVISIBLE_CLASS}]")
# The quick search for one (with the look-alikes below: _MAY_BE_ODD), three times as fast over a page (see
# ``numerals.ASTRAL``); the exact one decides.
# A character reference as Markdown decodes it (named, decimal or hexadecimal).
_REFERENCE = compile_later(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NUMERAL = rf"[\d{ZH_NUMERALS}]"
# A gap in a number: white space on one line, invisible characters, or references that may stand for either.
_GAP = compile_later(rf"(?<={_NUMERAL})(?:[^\S\r\n]|[{_INVISIBLE_CLASS}]|{_REFERENCE.pattern})+(?={_NUMERAL})")
# A number that a letter begins (Q2, H1, No5): the space after it parts it from the next, for readers too.
_LABELLED = compile_later(r"(?<![A-Za-z])[A-Za-z]\d+\Z")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Problem:
    """A place in a text that changes what a reader sees.

    ``start`` is its offset; ``written`` what is there (the character, or a
    reference such as ``&#x202E;``); ``char`` the character it stands for;
    ``number`` the number a space stands in (``4 9``), or "" for an invisible character.
    """

    start: int
    written: str
    char: str
    number: str = ""
    digit: str = ""  # the digit a letter looks like, among digits (2О23: a Cyrillic O)
    double: str = ""  # the common character a radical or a compatibility ideograph shows (⼗: 十)

    def message(self, how: str = "") -> str:
        how = how or (f"written as {self.written}" if self.written != self.char else "")
        shown = f"{name_of(self.char)} ({how})" if how else name_of(self.char)
        if self.double:
            return (f"{shown} looks like {self.double} ({name_of(self.double)}) but is another character: "
                    f"readers read {self.double} there, and the checks do not")
        if self.digit:
            return (f"{shown} in '{self.number}' looks like the digit {self.digit}: readers would read a number "
                    "there, and the check, which reads letters, would not see it")
        if self.number:
            return (f"{shown} inside the number '{self.number}': quotes are matched with white space ignored, "
                    "so this reads as one number there and as two on the page")
        if self.char in _BIDI_CONTROLS:
            return f"{shown} is a bidi control: it can reorder what a reader sees (49 shown as 94)"
        return f"{shown} is an invisible character: the build and a reader would read the text differently"

    @property
    def hint(self) -> str:
        if self.double:
            return f"type {self.double} itself (an input method or a PDF's text may have put the other in)"
        if self.digit:
            return "type the digits themselves: a letter of another alphabet has no place among them"
        if self.number:
            return "remove the space if it is one number; if it is two, put a word or a punctuation mark between them"
        return ("delete it; no text on the site needs it (most editors do not show it: if yours does not, "
                "retype the words around this column)")


def is_invisible(char: str) -> bool:
    """True for a format character (Cf) or another default-ignorable code point."""
    return INVISIBLE.match(char) is not None


def name_of(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character nobody can see."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def find_problems(text: str) -> list[Problem]:
    """Every invisible character, double of another (⼗ for 十), and white space inside a number, in ``text``, in text
    order."""
    odd = _MAY_BE_ODD.search(text)  # most texts have no character of either kind: one quick search spares both
    problems = [Problem(match.start(), match.group(), match.group()) for match in INVISIBLE.finditer(text)] \
        if odd else []
    if "&" in text:
        for match in _REFERENCE.finditer(text):
            decoded = html.unescape(match.group())
            if len(decoded) == 1 and is_invisible(decoded):
                problems.append(Problem(match.start(), match.group(), decoded))
            elif len(decoded) == 1 and (double := double_of(decoded)):
                problems.append(Problem(match.start(), match.group(), decoded, double=double))
    for gap in _GAP.finditer(text):
        if not _LABELLED.search(text, max(0, gap.start() - 12), gap.start()):  # Q2 2023 is two numbers, as read
            problems.extend(_spaces_in(gap, text))
    if odd and _MAY_BE_LOOKALIKE.search(text, odd.start()):
        problems.extend(_lookalikes(text))
    if odd and _MAY_BE_DOUBLE.search(text, odd.start()):
        problems.extend(Problem(match.start(), match.group(), match.group(), double=double)
                        for match in _DOUBLES.finditer(text) if (double := double_of(match.group())))
    return sorted(problems, key=lambda problem: problem.start)


# Letters of other alphabets that look like digits (Cyrillic О and З, Greek Ο, Latin Ƽ, full-width Ｏ ...): among
# digits, or before a measure word, readers read a number the check, which reads letters, cannot see (ƼООО家 is
# 5000家 to a reader). ASCII letters are left out: CO2 and Q1 are words.
_LOOKALIKE_DIGITS = {"О": "0", "о": "0", "Ο": "0", "ο": "0", "Օ": "0", "Ｏ": "0", "ｏ": "0",
                     "З": "3", "з": "3", "Ʒ": "3", "Ƽ": "5", "ƽ": "5", "б": "6", "Ч": "4",
                     "І": "1", "і": "1", "Ι": "1", "ӏ": "1", "Ӏ": "1", "ǀ": "1", "Ｉ": "1", "ｌ": "1"}
_LOOKALIKES = "".join(char for char, digit in _LOOKALIKE_DIGITS.items() if digit)
_MAY_BE_LOOKALIKE = compile_later(f"[{_LOOKALIKES}]")
# Characters that show another, common character (⼗ is 十): the CJK radicals (of the supplement and Kangxi's) and the
# CJK compatibility ideographs (六 is 六). Unicode maps each to the character it shows (NFKC), where it has one.
# The numbers ``⼗⼋个`` and ``第⼗⼀届`` were read as nothing; a reader of the page sees 十八个 and 第十一届.
_DOUBLE_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_DOUBLES = compile_later(f"[{class_members(_DOUBLE_RANGES)}]")
_MAY_BE_DOUBLE = compile_later(f"[{bmp_members(_DOUBLE_RANGES)}{ASTRAL}]")
_MAY_BE_ODD = compile_later(f"[{bmp_members(_INVISIBLE_RANGES)}{_LOOKALIKES}{bmp_members(_DOUBLE_RANGES)}{ASTRAL}]")


def double_of(char: str) -> str:
    """The common character that ``char``, a radical or a compatibility ideograph, shows (⼗: 十); "" for another."""
    if not _DOUBLES.match(char):
        return ""
    shown = unicodedata.normalize("NFKC", char)
    return shown if shown != char else ""
# A run is tried from its start alone: a long run of digits is read once, not once from each digit.
_LOOKALIKE_RUN = compile_later(rf"(?<![\d{_LOOKALIKES}])[\d{_LOOKALIKES}]*?[{_LOOKALIKES}][\d{_LOOKALIKES}]*")


def _lookalikes(text: str) -> list[Problem]:
    """A letter that looks like a digit in a run of digits, or in a run of such letters that a number's measure
    word, unit or magnitude follows: one problem a run, at its first such letter."""
    found = []
    for run in _LOOKALIKE_RUN.finditer(text):
        shown = run.group()
        after = text[run.end():run.end() + 1]
        if any(char.isdecimal() for char in shown) or (after and (
                after in MEASURE_WORDS or after in ZH_NUMERALS or after in "%％元")):
            first = next(index for index, char in enumerate(shown) if char in _LOOKALIKE_DIGITS)
            char = shown[first]
            found.append(Problem(run.start() + first, char, char, shown, _LOOKALIKE_DIGITS[char]))
    return found


def _spaces_in(gap: re.Match, text: str) -> list[Problem]:
    """The white space of a gap between two numerals (its invisible characters are reported on their own)."""
    for offset, written, char in _pieces(gap):
        if char.isspace():
            return [Problem(offset, written, char, _number_around(text, gap.start(), gap.end()))]  # one a gap
    return []


def _pieces(gap: re.Match) -> list[tuple[int, str, str]]:
    """The gap's characters as (offset, as written, what it stands for)."""
    pieces, position, text = [], 0, gap.group()
    for match in _REFERENCE.finditer(text):
        pieces += [(gap.start() + i, text[i], text[i]) for i in range(position, match.start())]
        pieces.append((gap.start() + match.start(), match.group(), html.unescape(match.group())))
        position = match.end()
    pieces += [(gap.start() + i, text[i], text[i]) for i in range(position, len(text))]
    return pieces


def _number_around(text: str, start: int, end: int) -> str:
    """The numerals before ``start`` and after ``end``, as a reader would see them with the gap (``4 9``)."""
    left = re.search(rf"{_NUMERAL}(?:[.,]?{_NUMERAL})*\Z", text[max(0, start - 20):start])
    right = re.match(rf"{_NUMERAL}(?:[.,]?{_NUMERAL})*", text[end:end + 20])
    return f"{left.group() if left else ''} {right.group() if right else ''}".strip()


def without_invisible(text: str) -> str:
    """``text`` with every invisible character removed, and each radical or compatibility ideograph written as the
    common character it shows (what ingest does to a feed item: ⼗ is 十 to its readers)."""
    return _DOUBLES.sub(lambda match: double_of(match.group()) or match.group(), INVISIBLE.sub("", text))
