"""Whether two Chinese texts read alike: the same numbers, said the same way, and the same dates.

An edition's conversion (:mod:`editions`) may change a text's script, never
what a reader takes from it. :func:`change` reads a phrase and its
replacement with the project's own readers, each Traditional form read as
its Simplified one (:func:`numerals.fold_traditional`: 億 as 亿, 個 as 个,
餘 as 余), and says how they differ:

- every number (:func:`numerals.find_numbers_zh`; the English reader's too
  where there are Latin letters): its value (4.5亿 is not 45亿), its
  qualifier (超, 余, 近, 约, 以上, 不到 ...) and its unit or currency (63亿元
  is not 63亿美元, 49个 not 49家);
- the numerals themselves, character by character (a name's 十四五 is no
  count, but readers read it);
- every date (:func:`dates.find_dates_zh`, loosely: 二月 and 前年 too);
- the words that say how a number or a time reads, wherever they stand,
  beside a number or not: the qualifiers of more than one character (不到,
  以上), currencies (美元), the ordinal 第 and words of time (今年, 以来,
  上半年: :data:`dates.TIME_WORDS`);
- what each makes of a number beside it, where the phrase stands in a
  text: a qualifier at its end (订单额近 before 49亿元), 余 or a currency at
  its start (49 before 余家 or 美元), a year's 今 or 去 before 年.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from .dates import BEFORE, MONTH, QUARTER, YEAR, FoundDate, TIME_WORDS, find_dates_zh
from .numerals import (ABOUT, AT_LEAST, AT_MOST, CURRENCIES, CURRENCY_NAMES, EXACT, MORE_THAN, NEARLY, OVER, QUALIFIER_WORDS, SEVERAL,
                       UNDER, ZH_PLAIN_DIGITS, Number, find_numbers_en, find_numbers_zh, fold_traditional, same_value)
from .patterns import compile_later

_REFERENCE = date(2000, 7, 1)  # relative dates are read against one day: only whether they differ matters
_SAYS = {EXACT: "", OVER: "over ", MORE_THAN: "more than ", NEARLY: "nearly ", ABOUT: "about ", UNDER: "under ",
         AT_LEAST: "at least ", AT_MOST: "at most ", SEVERAL: "several times "}
# The words looked for wherever they stand: a qualifier of one character is one only beside a number (超市, 附近, 签约,
# 其余, 多元), where the readers see it.
_WORDS = {**{word: f"says '{_SAYS[qualifier].strip()}' of a number" for word, qualifier in QUALIFIER_WORDS.items()
             if len(word) > 1},
          **{word: f"a currency: {name}" for word, name in CURRENCY_NAMES.items()},
          "第": "makes the number after it an ordinal",
          **{word: f"a word of time: {gloss}" for word, gloss in TIME_WORDS.items()}}
_WORD = compile_later("|".join(sorted(_WORDS, key=len, reverse=True)))  # the longest word where two overlap
_QUALIFIER_WORD = compile_later("|".join(sorted(QUALIFIER_WORDS, key=len, reverse=True)))
_LATIN = compile_later("[A-Za-z]")
# Beside the phrase in a text: a number after it (digits, or a numeral, which 数 and 几 lead into) or before it.
_NUMBER, _NUMERAL, _YEAR = "49", "十", "年"
# The units a number beside the phrase is compared by (another measure word there is the next word's: 地址, 位址).
_SHARES_AND_TIMES = frozenset(("%", "‰", "成", "倍", "年", "月", "日", "天", "周", "季度", "岁"))
_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class Change:
    """How a text reads otherwise than another: ``what`` changes (a number, a date), and ``detail``, in words."""

    what: str
    detail: str


def change(before: str, after: str) -> Change | None:
    """How ``after`` reads a number or a date otherwise than ``before`` does; None when they read alike."""
    return (_dates_changed(before, after) or _numbers_changed(before, after) or _numerals_changed(before, after)
            or _words_changed(before, after) or _beside_changed(before, after))


def _numbers(text: str) -> list[Number]:
    folded = fold_traditional(text)
    numbers = [_with_neighbours(number, text, folded) for number in find_numbers_zh(text)]
    if _LATIN.search(text):  # forty, 49 million (digits alone are read the Chinese way)
        numbers += [number for number in find_numbers_en(text) if _LATIN.search(number.text)]
    return numbers


def _with_neighbours(number: Number, text: str, folded: str) -> Number:
    """``number`` with a qualifier of one character that stands right beside it, outside what the reader took (the
    近 of 近超三, the 多 of 3个多月)."""
    start = number.start - (number.start > 0 and folded[number.start - 1] in _BEFORE_A_NUMBER)
    end = number.end + (number.end < len(folded) and folded[number.end] in _AFTER_A_NUMBER)
    if (start, end) == (number.start, number.end):
        return number
    return replace(number, start=start, end=end, text=text[start:end])


_BEFORE_A_NUMBER, _AFTER_A_NUMBER = frozenset("超逾近约"), frozenset("余多")


def _numbers_changed(before: str, after: str) -> Change | None:
    first, second = _numbers(before), _numbers(after)
    if len(first) != len(second):
        return Change("a number", f"'{before}' reads {_listed(first)}, '{after}' {_listed(second)}")
    for one, other in zip(first, second):
        if not _alike(one, other, _unit):
            return Change("a number", f"'{one.text}' is {_reads(one)}, '{other.text}' {_reads(other)}")
    return None


def _numerals_changed(before: str, after: str) -> Change | None:
    first, second = _numerals(before), _numerals(after)
    if [value for _, value in first] != [value for _, value in second]:
        return Change("a number", f"'{before}' writes {_written(first)}, '{after}' {_written(second)}")
    return None


def _numerals(text: str) -> list[tuple[str, float | str]]:
    """What writes a number in ``text``, in order, with its value: each digit (of any script), each Chinese numeral
    in any form (十, 萬, 廿, 貳) and each percent sign. Not only the numbers a reader would take for a count (a
    name's 十四五 made 二十五, a 萬 put before 項)."""
    return [(char, read if read in _PERCENT else 2.0 if read in _TWO else value)
            for char, read in zip(text, fold_traditional(text))  # (鞦韆 is 秋千: 韆 has no numeric value of its own)
            if (value := unicodedata.numeric(read, None)) is not None or read in _TWO or read in _PERCENT]


_TWO = frozenset("两兩俩倆")  # (Unicode gives no numeric value to these)
_PERCENT = frozenset("%％‰")


def _dates_changed(before: str, after: str, beside: str = "") -> Change | None:
    first, second = _dates(before), _dates(after)
    for one, other in zip(first, second):
        if one.date != other.date:
            return Change("a date", f"{beside}'{one.text}' is {_when(one)}, '{other.text}' {_when(other)}")
    if len(first) != len(second):
        return Change("a date", f"{beside}'{before}' says {_listed_dates(first)}, '{after}' {_listed_dates(second)}")
    return None


def _dates(text: str) -> list[FoundDate]:
    return find_dates_zh(text, _REFERENCE, loosely=True)


def _words_changed(before: str, after: str) -> Change | None:
    first, second = _words(before), _words(after)
    if Counter(_WORDS[word] for word in first) == Counter(_WORDS[word] for word in second):
        return None  # (约占 and 约为 both say 'about')
    gone, new = list((first - second).elements()), list((second - first).elements())
    gone = [word for word in gone if _WORDS[word] not in {_WORDS[other] for other in new}] or gone
    new = [word for word in new if _WORDS[word] not in {_WORDS[other] for other in gone}] or new
    what = "a date" if all(word in TIME_WORDS for word in gone + new) else "a number"
    if gone and new:
        return Change(what, f"'{_as_written(gone[0], before)}' ({_WORDS[gone[0]]}) becomes "
                            f"'{_as_written(new[0], after)}' ({_WORDS[new[0]]})")
    word, text = (gone[0], before) if gone else (new[0], after)
    return Change(what, f"it {'removes' if gone else 'adds'} '{_as_written(word, text)}' ({_WORDS[word]})")


def _words(text: str) -> Counter[str]:
    """The words of :data:`_WORDS` in ``text``; two are alike when they say the same (约占, 约为: about)."""
    return Counter(_WORD.findall(fold_traditional(text)))


def _as_written(word: str, text: str) -> str:
    """``word`` (in its Simplified form) as ``text`` writes it: 以後 for 以后."""
    return next(text[found.start():found.end()] for found in _WORD.finditer(fold_traditional(text))
                if found.group() == word)


def _beside_changed(before: str, after: str) -> Change | None:
    """How a number or a year beside the phrase would read otherwise in a text."""
    for where, first_text, second_text in (("after", before + _NUMBER, after + _NUMBER),
                                           ("after", before + _NUMERAL, after + _NUMERAL),
                                           ("before", _NUMBER + before, _NUMBER + after)):
        first, second = _numbers(first_text), _numbers(second_text)
        for one, other in zip(first, second):
            if not _alike(one, other, _unit_beside):
                return Change("a number", f"a number {where} it would read otherwise: '{one.text}' is {_reads(one)}, "
                                          f"'{other.text}' {_reads(other)}")
        if len(first) != len(second):
            return Change("a number", f"a number {where} it would read otherwise: "
                                      f"{_listed(first)} against {_listed(second)}")
    return _dates_changed(before + _YEAR, after + _YEAR, "a year after it would read otherwise: ")


def _alike(one: Number, other: Number, unit) -> bool:
    return same_value(one.value, other.value) and _said(one) == _said(other) and unit(one) == unit(other)


def _said(number: Number) -> tuple[str, ...]:
    """Each qualifier ``number`` is said with (近三以上: nearly, at least), or its one qualifier."""
    words = _QUALIFIER_WORD.findall(fold_traditional(number.text)) if not _LATIN.search(number.text) else ()
    return tuple(QUALIFIER_WORDS[word] for word in words) or (number.qualifier,)


def _unit(number: Number) -> str:
    """``number``'s unit as read (in its Simplified form: 個 is 个), its magnitude left to its value (亿元 is 元)."""
    return number.unit[1:] if number.unit in ("亿元", "万元") else number.unit


def _unit_beside(number: Number) -> str:
    unit = _unit(number)
    return unit if unit in CURRENCIES or unit in _SHARES_AND_TIMES else ""


def _reads(number: Number) -> str:
    """``number`` as a reader takes it: ``over 450,000,000 元``."""
    unit = f" {_unit(number)}" if _unit(number) else ""
    return f"{''.join(_SAYS[qualifier] for qualifier in _said(number))}{_figure(number.value)}{unit}"


def _figure(value: float) -> str:
    return f"{value:,.15g}"


def _listed(numbers: list[Number]) -> str:
    if not numbers:
        return "no number"
    said = ", ".join("'" + number.text + "'" for number in numbers)
    return f"{len(numbers)} number{'s' * (len(numbers) > 1)} ({said})"


def _written(numerals: list[tuple[str, float | str]]) -> str:
    return " ".join(char for char, _ in numerals) if numerals else "no numeral"


def _listed_dates(found: list[FoundDate]) -> str:
    return ", ".join(f"'{item.text}' ({_when(item)})" for item in found) if found else "no date"


def _when(found: FoundDate) -> str:
    """What a date says, in words: ``the 2nd quarter``, ``February of last year``, ``shortly before``."""
    when = found.date
    if when.precision == BEFORE:
        return "shortly before the day it is said"
    if said := _from_today(found):
        return said
    year = _year(found)
    if when.precision == YEAR:
        return year
    of_year = f" of {year}" if "年" in fold_traditional(found.text) else ""
    if when.precision == QUARTER:
        return f"the {_ORDINALS[when.quarter]} quarter{of_year}"
    month = _MONTHS[when.month - 1]
    return f"{month}{of_year}" if when.precision == MONTH else f"{month} {when.day}{of_year}"


def _from_today(found: FoundDate) -> str:
    """A date counted from the day it is said, in words (``last month``, ``yesterday``, ``day 15 of this month``),
    or "" for another: each is read against one day here, which would name a month no text names."""
    folded = fold_traditional(found.text)
    if folded in TIME_WORDS:
        return TIME_WORDS[folded]
    month, _, day = folded.partition("月")
    return f"day {found.date.day} of {TIME_WORDS[month + '月']}" if day and month + "月" in TIME_WORDS else ""


_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}
_RELATIVE_YEARS = {0: "this year", -1: "last year", 1: "next year", -2: "the year before last",
                   2: "the year after next"}


def _year(found: FoundDate) -> str:
    """The year of ``found`` in words: ``2023``, or ``last year`` where it is said against the day it is said."""
    first = found.text[0]
    if first.isdecimal() or first in ZH_PLAIN_DIGITS:
        return str(found.date.year)
    return _RELATIVE_YEARS.get(found.date.year - _REFERENCE.year, str(found.date.year))
