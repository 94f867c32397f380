"""Which characters are Chinese (CJK) text: the one definition every module asks.

Chinese text runs without spaces, so several rules ask whether a character
beside something belongs to it: Markdown's emphasis and wrapped lines
(:mod:`markdown`), a feed's wrapped lines (:mod:`feeds_in`), the e-paper's
punctuation (:mod:`epaper`). :func:`is_cjk` answers by Unicode block:

- ideographs: CJK Unified Ideographs and Extension A, the compatibility
  ideographs, and the supplementary planes' Extensions B-H and compatibility
  supplement (U+20000-3FFFF); the radicals (U+2E80-2FDF);
- CJK symbols and punctuation (``、。「」`` and the ideographic space), the
  full-width forms (``，：！（）`` and full-width letters and digits) and the
  vertical and small forms of Chinese punctuation;
- kana and bopomofo (phonetic scripts written with ideographs).

Not Hangul: Korean separates words with spaces. Not emoji, although they
are as wide. Quotation marks, the ellipsis, the dash and the middle dot
are shared with Western text (:data:`SHARED_PUNCTUATION`): they take the
script of the text around them, which each caller decides how to read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

SHARED_PUNCTUATION = frozenset("‘’“”…—·")  # Chinese and Western text write these alike

_IDEOGRAPHS = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # Extensions B-H, compatibility ideographs supplement
)
_RANGES = _IDEOGRAPHS + (
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31FF),  # bopomofo extended, CJK strokes, katakana extension
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small form variants
    (0xFF01, 0xFF60),  # full-width ASCII forms and brackets
    (0xFFE0, 0xFFE6),  # full-width signs (￥, ￡)
)


def is_cjk(char: str) -> bool:
    """True when ``char`` (one character, or "") is Chinese text: see the module's list."""
    return bool(char) and _within(ord(char), _RANGES)


def is_ideograph(char: str) -> bool:
    """True for an assigned CJK ideograph: a letter of Chinese text, not punctuation, a radical or a kana."""
    return bool(char) and _within(ord(char), _IDEOGRAPHS) and unicodedata.category(char) == "Lo"


def count_ideographs(text: str) -> int:
    """How many CJK ideographs ``text`` holds."""
    return sum(1 for char in text if is_ideograph(char))


def written_in_chinese(texts: Sequence[str]) -> bool:
    """Whether most of the letters of ``texts`` (an article's) are Chinese characters: the script an article without
    a language named is read by (the build's reader of its numbers and dates, and ingest's of its candidates)."""
    letters = sum(char.isalpha() for text in texts for char in text)
    return 2 * sum(is_ideograph(char) for text in texts for char in text) > letters


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)
