"""Writing numbers and dates the way each language's readers expect.

One stored value, two renderings: 450000000 yuan with the qualifier "over"
is ``超4.5亿元`` in Chinese and ``over CNY 450 million`` in English; the
month 2023-03 is ``2023年3月`` and ``March 2023``. These are locale rules,
so they live in code; the site's UI words live in ``content/data/strings.yaml``.
"""

from __future__ import annotations

from .dates import BEFORE, DAY, MONTH, QUARTER, PartialDate
from .numerals import ABOUT, MORE_THAN, NEARLY, OVER

LOCALES = ("zh", "en")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December")
_ZH_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}
_ZH_BEFORE = {OVER: "超", NEARLY: "近", ABOUT: "约"}
_EN_BEFORE = {OVER: "over", MORE_THAN: "more than", NEARLY: "nearly", ABOUT: "about"}


def locale_of(lang: str) -> str:
    """The locale rules a language code uses (``zh-Hant`` -> ``zh``)."""
    return lang.split("-")[0].lower()


def format_quantity(value: float, unit: str, qualifier: str, lang: str, measure: str = "") -> str:
    """A statistic as a reader of ``lang`` writes it, qualifier included."""
    if locale_of(lang) == "zh":
        return _quantity_zh(value, unit, qualifier, measure)
    return _quantity_en(value, unit, qualifier)


def _quantity_zh(value: float, unit: str, qualifier: str, measure: str) -> str:
    more = "余" if qualifier == MORE_THAN else ""
    prefix = _ZH_BEFORE.get(qualifier, "")
    if unit == "yuan":
        number, word = _scaled(value, ((10**8, "亿"), (10**4, "万")))
        return f"{prefix}{number}{more}{word}元"
    if unit == "percent":
        return f"{prefix}{_decimal(value)}{more}%"
    return f"{prefix}{_decimal(value)}{more}{measure}"


def _quantity_en(value: float, unit: str, qualifier: str) -> str:
    prefix = _EN_BEFORE.get(qualifier, "")
    number = _decimal(value, grouping=True)
    if unit == "yuan":
        scaled, word = _scaled(value, ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")))
        number = f"CNY {scaled} {word}" if word else f"CNY {number}"
    elif unit == "percent":
        number += "%"
    return f"{prefix} {number}".strip()


def _scaled(value: float, sizes: tuple[tuple[int, str], ...]) -> tuple[str, str]:
    """The largest unit that shows ``value`` exactly: 4.5亿, but 12,345 stays 12345 (not 1.23万)."""
    for size, word in sizes:
        if value >= size and _exact(value / size):
            return _decimal(value / size), word
    return _decimal(value, grouping=len(sizes) > 2), ""


def _exact(value: float) -> bool:
    return abs(round(value, 2) - value) < 1e-9 * max(1.0, abs(value))


def _decimal(value: float, grouping: bool = False) -> str:
    """At most two decimals, no trailing zeros, never scientific notation."""
    text = f"{value:,.2f}" if grouping else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_date(when: PartialDate, lang: str) -> str:
    """A date at its own precision: ``2023年第二季度`` / ``Q2 2023``."""
    if locale_of(lang) == "zh":
        return _date_zh(when)
    return _date_en(when)


def _date_zh(when: PartialDate) -> str:
    if when.precision == QUARTER:
        return f"{when.year}年第{_ZH_QUARTERS[when.quarter]}季度"
    if when.precision == MONTH:
        return f"{when.year}年{when.month}月"
    if when.precision in (DAY, BEFORE):
        day = f"{when.year}年{when.month}月{when.day}日"
        return f"{day}前不久" if when.precision == BEFORE else day
    return f"{when.year}年"


def _date_en(when: PartialDate) -> str:
    if when.precision == QUARTER:
        return f"Q{when.quarter} {when.year}"
    if when.precision == MONTH:
        return f"{_MONTHS_EN[when.month - 1]} {when.year}"
    if when.precision in (DAY, BEFORE):
        day = f"{when.day} {_MONTHS_EN[when.month - 1]} {when.year}"
        return f"shortly before {day}" if when.precision == BEFORE else day
    return str(when.year)


def format_count(value: int, lang: str) -> str:
    """A plain count (characters in an article): ``2,383`` in English, ``2383`` in Chinese."""
    return str(value) if locale_of(lang) == "zh" else f"{value:,}"
