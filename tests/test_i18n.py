"""Tests for microsite.i18n: numbers and dates as each language's readers write them."""

from __future__ import annotations

import pytest

from microsite.dates import PartialDate
from microsite.i18n import format_count, format_date, format_quantity, locale_of
from microsite.numerals import ABOUT, EXACT, MORE_THAN, NEARLY, OVER, find_numbers_en, find_numbers_zh, same_value


@pytest.mark.parametrize("value, unit, qualifier, measure, expected", [
    (450_000_000, "yuan", OVER, "", "超4.5亿元"),
    (6_300_000_000, "yuan", EXACT, "", "63亿元"),
    (120_000, "yuan", EXACT, "", "12万元"),
    (5000, "yuan", EXACT, "", "5000元"),
    (10, "count", MORE_THAN, "家", "10余家"),
    (49, "count", EXACT, "个", "49个"),
    (1200, "count", EXACT, "人", "1200人"),
    (5000, "count", NEARLY, "人", "近5000人"),
    (30_000, "yuan", ABOUT, "", "约3万元"),
    (12.5, "count", EXACT, "", "12.5"),
])
def test_format_quantity_zh(value, unit, qualifier, measure, expected):
    assert format_quantity(value, unit, qualifier, "zh", measure) == expected


@pytest.mark.parametrize("value, unit, qualifier, expected", [
    (450_000_000, "yuan", OVER, "over CNY 450 million"),
    (6_300_000_000, "yuan", EXACT, "CNY 6.3 billion"),
    (10**12, "yuan", EXACT, "CNY 1 trillion"),
    (120_000, "yuan", EXACT, "CNY 120,000"),
    (10, "count", MORE_THAN, "more than 10"),
    (49, "count", EXACT, "49"),
    (1200, "count", EXACT, "1,200"),
    (5000, "count", NEARLY, "nearly 5,000"),
    (12.5, "count", ABOUT, "about 12.5"),
])
def test_format_quantity_en(value, unit, qualifier, expected):
    assert format_quantity(value, unit, qualifier, "en", "people") == expected


def test_english_ignores_the_chinese_measure_word():
    assert format_quantity(49, "count", EXACT, "en", "个") == "49"


def test_regional_language_codes_use_their_locale():
    assert format_quantity(450_000_000, "yuan", OVER, "zh-Hant") == "超4.5亿元"
    assert format_quantity(1200, "count", EXACT, "en-GB") == "1,200"
    assert locale_of("zh-Hant") == "zh" and locale_of("EN-gb") == "en"


@pytest.mark.parametrize("value, unit, qualifier", [
    (450_000_000, "yuan", OVER), (6_300_000_000, "yuan", EXACT), (10, "count", MORE_THAN),
    (49, "count", EXACT), (1200, "count", EXACT), (30_000, "yuan", ABOUT),
])
def test_formatted_quantity_reads_back_as_the_same_number(value, unit, qualifier):
    [zh] = find_numbers_zh(format_quantity(value, unit, qualifier, "zh", "个"))
    [en] = find_numbers_en(format_quantity(value, unit, qualifier, "en"))
    assert same_value(zh.value, value) and same_value(en.value, value)
    assert zh.qualifier == en.qualifier == qualifier


@pytest.mark.parametrize("text, zh, en", [
    ("2023", "2023年", "2023"),
    ("2023-03", "2023年3月", "March 2023"),
    ("2023-12", "2023年12月", "December 2023"),
    ("2023-Q2", "2023年第二季度", "Q2 2023"),
    ("2023-07-15", "2023年7月15日", "15 July 2023"),
    ("before 2023-10-11", "2023年10月11日前不久", "shortly before 11 October 2023"),
])
def test_format_date_at_every_precision(text, zh, en):
    when = PartialDate.parse(text)
    assert (format_date(when, "zh"), format_date(when, "en")) == (zh, en)


def test_format_count_groups_digits_in_english_only():
    assert format_count(2383, "zh") == "2383"
    assert format_count(2383, "en") == "2,383"
    assert format_count(999, "en") == "999"
