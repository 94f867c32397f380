"""Finding numbers in Chinese and English text.

Provenance checks whether a record's number occurs in its quote, and whether
a number an editor typed in prose occurs in the quote it cites. Chinese
writes numbers in several forms (``49个``, ``4.5亿元``, ``10余家``,
``超4.5亿``, ``三项``, ``十一届``); English in others (``6.3 billion``,
``more than 10``, ``1,200``). Both are read here into a :class:`Number`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

EXACT, OVER, MORE_THAN, NEARLY, ABOUT = "exact", "over", "more-than", "nearly", "about"
QUALIFIERS = (EXACT, OVER, MORE_THAN, NEARLY, ABOUT)


@dataclass(frozen=True)
class Number:
    """A number found in text.

    ``value`` is in base units (``4.5亿`` is 450,000,000); ``qualifier`` is
    one of :data:`QUALIFIERS`; ``start``/``end`` delimit the matched text;
    ``unit`` is the measure word or unit right after it (``个``, ``亿元``,
    ``%``), or ``""``.
    """

    value: float
    qualifier: str
    start: int
    end: int
    text: str
    unit: str = ""


def same_value(a: float, b: float) -> bool:
    """Equal up to floating-point noise (4.5 * 1e8 == 450000000)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


# --- Chinese -------------------------------------------------------------

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_ZH_MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

_ZH_PREFIX = r"(?P<pre>超过|超出|超|逾|将近|接近|近|约占|约为|约有|约|大约)?"
_ZH_POSTFIX = r"(?P<post>余|多)?"
_ZH_MAG = r"(?P<mag>万亿|亿|万|千)?"
_ZH_UNIT = r"(?P<unit>亿元|万元|元|%|个|家|条|项|人|名|次|届|年|月|日|位|场|件|批|户|所|座|类|种|季度)?"
_ZH_ARABIC = re.compile(
    _ZH_PREFIX + r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)" + _ZH_POSTFIX + _ZH_MAG + r"(?P<post2>余|多)?" + _ZH_UNIT
)
_ZH_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_ZH_WORDS = re.compile(_ZH_PREFIX + rf"(?P<num>[{_ZH_NUMERAL_CHARS}]+)" + _ZH_POSTFIX + _ZH_UNIT)

_PREFIX_QUALIFIER = {
    "超过": OVER, "超出": OVER, "超": OVER, "逾": OVER,
    "将近": NEARLY, "接近": NEARLY, "近": NEARLY,
    "约": ABOUT, "大约": ABOUT, "约占": ABOUT, "约为": ABOUT, "约有": ABOUT,  # 约占87.5%: "about 87.5%"
}


def find_numbers_zh(text: str) -> list[Number]:
    """Every number in Chinese ``text``: Arabic digits and Chinese numerals."""
    text = text.translate(_FULLWIDTH_DIGITS)  # same length, so spans stay valid
    numbers = [_arabic_match(m) for m in _ZH_ARABIC.finditer(text)]
    for match in _ZH_WORDS.finditer(text):
        numbers.extend(_numeral_run(match))
    return sorted(numbers, key=lambda n: n.start)


def _arabic_match(match: re.Match) -> Number:
    value = float(match["num"].replace(",", ""))
    if match["mag"]:
        value *= _ZH_MAGNITUDES[match["mag"]]
    unit = match["unit"] or ""
    if match["mag"] and unit == "元":
        unit = match["mag"] + "元"
    qualifier = _qualifier(match["pre"], match["post"] or match["post2"])
    return Number(value, qualifier, match.start(), match.end(), match.group(0), unit)


def _numeral_run(match: re.Match) -> list[Number]:
    """A run such as ``十四五`` reads as two numbers (14 and 5), so split it."""
    run, run_start = match["num"], match.start("num")
    pieces = split_chinese_numerals(run)
    numbers = []
    for index, (offset, piece) in enumerate(pieces):
        first, last = index == 0, index == len(pieces) - 1
        value = parse_chinese_numeral(piece)
        if value is None:
            continue
        qualifier = _qualifier(match["pre"] if first else None, match["post"] if last else None)
        start = match.start() if first else run_start + offset
        end = match.end() if last else run_start + offset + len(piece)
        numbers.append(Number(float(value), qualifier, start, end, match.string[start:end], (match["unit"] or "") if last else ""))
    return numbers


def split_chinese_numerals(run: str) -> list[tuple[int, str]]:
    """Split a run of numeral characters where one number must end: ``十四五`` -> ``十四``, ``五``."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for index in range(1, len(run)):
        previous, current = run[index - 1], run[index]
        if current in _ZH_DIGITS and previous in _ZH_DIGITS and previous not in "零〇":
            pieces.append((start, run[start:index]))
            start = index
    pieces.append((start, run[start:]))
    return pieces


def parse_chinese_numeral(text: str) -> int | None:
    """``十一`` -> 11, ``三百零五`` -> 305, ``两万`` -> 20000; None if it is not one number."""
    if not text or any(ch not in _ZH_NUMERAL_CHARS for ch in text):
        return None
    if len(split_chinese_numerals(text)) > 1:
        return None  # 十四五 is two numbers, 二零二三 is four digits
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_SMALL_UNITS:
            section += (1 if digit is None else digit) * _ZH_SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                return None  # a bare 万 or 亿 is a word, not a number
            if ch == "亿":
                total = (total + section) * _ZH_BIG_UNITS[ch]
            else:  # 万 scales only what follows the last 亿: 一亿二千万 is 120000000
                total += section * _ZH_BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _qualifier(prefix: str | None, postfix: str | None) -> str:
    if postfix:
        return MORE_THAN
    if prefix:
        return _PREFIX_QUALIFIER[prefix]
    return EXACT


# --- English -------------------------------------------------------------

_EN_MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_QUALIFIERS = {
    "more than": MORE_THAN, "over": OVER, "upwards of": OVER, "above": OVER,
    "nearly": NEARLY, "almost": NEARLY, "about": ABOUT, "around": ABOUT, "some": ABOUT,
}
_EN_NUMBER = re.compile(
    r"(?:\b(?P<pre>more than|upwards of|over|above|nearly|almost|about|around|some)\s+)?"
    r"(?:(?:CNY|RMB|US\$|\$|¥)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mag>thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%| per ?cent)?",
    re.IGNORECASE,
)


def find_numbers_en(text: str) -> list[Number]:
    """Every number written with digits in English ``text``."""
    numbers = []
    for match in _EN_NUMBER.finditer(text):
        value = float(match["num"].replace(",", ""))
        if match["mag"]:
            value *= _EN_MAGNITUDES[match["mag"].lower()]
        prefix = (match["pre"] or "").lower()
        qualifier = _EN_QUALIFIERS.get(prefix, EXACT)
        unit = "%" if match["pct"] else ""
        numbers.append(Number(value, qualifier, match.start(), match.end(), match.group(0), unit))
    return numbers


def find_numbers(text: str, lang: str) -> list[Number]:
    """Numbers in ``text`` written in language ``lang`` (Chinese reading for ``zh*``)."""
    return find_numbers_zh(text) if lang.startswith("zh") else find_numbers_en(text)


_DIGIT_RUN = re.compile(r"[0-9０-９]+(?:[.,][0-9]+)*")


def digit_runs(text: str) -> list[re.Match]:
    """Arabic-digit runs in ``text`` (what prose must not contain untraced)."""
    return list(_DIGIT_RUN.finditer(text))
