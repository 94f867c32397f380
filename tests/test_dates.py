"""Tests for microsite.dates: partial dates and Chinese date expressions."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microsite.dates import BEFORE, DAY, MONTH, QUARTER, YEAR, PartialDate, find_dates_zh
from tests.timing import superlinear

ARTICLE = date(2023, 10, 11)
# The forms HTML allows in <time datetime>: year, month, day (the ones we emit).
HTML_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


# --- PartialDate.parse ---------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2023", PartialDate(2023, precision=YEAR)),
    ("2023-03", PartialDate(2023, 3, precision=MONTH)),
    ("2023-Q2", PartialDate(2023, quarter=2, precision=QUARTER)),
    ("2023-07-15", PartialDate(2023, 7, 15, precision=DAY)),
    ("before 2023-10-11", PartialDate(2023, 10, 11, precision=BEFORE)),
    (" 2023-03 ", PartialDate(2023, 3, precision=MONTH)),
    ("2024-02-29", PartialDate(2024, 2, 29, precision=DAY)),
])
def test_parse_every_form(text, expected):
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize("text", [
    "2023-13", "2023-00", "2023-02-30", "2023-07-00", "2023-00-00", "before 2023-02-30",
    "2023-Q5", "2023-Q0", "2023-3", "23", "x", "", "2023/03", "2023年3月", "before 2023",
])
def test_parse_refuses(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_parse_refusal_names_the_text():
    with pytest.raises(ValueError, match="'x' is not a date"):
        PartialDate.parse("x")


def test_parse_refusal_names_the_month():
    with pytest.raises(ValueError, match="month 13 does not exist"):
        PartialDate.parse("2023-13")


@pytest.mark.parametrize("text, message", [("2023-02-30", "day 30 does not exist in 2023-02, which has 28 days"),
                                           ("before 2024-02-30", "day 30 does not exist in 2024-02, which has 29 days"),
                                           ("2023-07-00", "day 0 does not exist in 2023-07, which has 31 days")])
def test_parse_refusal_names_the_day_and_its_month(text: str, message: str):
    """Not Python's 'day is out of range for month', which names neither."""
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


# --- iso / machine_readable ------------------------------------------------------------


@pytest.mark.parametrize("text", ["2023", "2023-03", "2023-Q2", "2023-07-15", "before 2023-10-11"])
def test_iso_round_trips(text):
    assert PartialDate.parse(text).iso() == text


@pytest.mark.parametrize("text, machine", [
    ("2023", "2023"), ("2023-03", "2023-03"), ("2023-Q2", "2023"),
    ("2023-07-15", "2023-07-15"), ("before 2023-10-11", "2023-10-11"),
])
def test_machine_readable_is_a_valid_html_datetime(text, machine):
    value = PartialDate.parse(text).machine_readable()
    assert value == machine and HTML_DATETIME.match(value)


# --- span / sort_key -------------------------------------------------------------------


@pytest.mark.parametrize("text, first, last", [
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
    ("2023-Q2", date(2023, 4, 1), date(2023, 6, 30)),
    ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
    ("2023-07-15", date(2023, 7, 15), date(2023, 7, 15)),
    ("before 2023-10-11", date(2023, 10, 10), date(2023, 10, 10)),
    ("before 2023-01-01", date(2022, 12, 31), date(2022, 12, 31)),
])
def test_span(text, first, last):
    assert PartialDate.parse(text).span() == (first, last)


def test_sort_key_orders_by_the_middle_of_each_period():
    ordered = ["2023-03", "2023-04", "2023-Q2", "2023-07", "before 2023-10-11", "2023-10-11"]
    shuffled = [ordered[i] for i in (5, 2, 0, 4, 1, 3)]
    result = sorted(shuffled, key=lambda text: PartialDate.parse(text).sort_key())
    assert result == ordered


def test_sort_key_puts_the_precise_date_first_on_a_tie():
    day, month = PartialDate.parse("2023-06-15"), PartialDate.parse("2023-06")
    assert day.sort_key()[0] == month.sort_key()[0]
    assert day.sort_key() < month.sort_key()


# --- find_dates_zh ---------------------------------------------------------------------


def found(text: str) -> list[tuple[str, str]]:
    return [(item.text, item.date.iso()) for item in find_dates_zh(text, ARTICLE)]


@pytest.mark.parametrize("text, iso", [
    ("今年3月", "2023-03"),
    ("今年4月", "2023-04"),
    ("今年十月", "2023-10"),
    ("2023年7月", "2023-07"),
    ("2023年十一月", "2023-11"),
    ("去年12月", "2022-12"),
    ("明年1月", "2024-01"),
    ("第二季度", "2023-Q2"),
    ("今年第二季度", "2023-Q2"),
    ("今年二季度", "2023-Q2"),
    ("2023年10月11日", "2023-10-11"),
    ("今年3月15日", "2023-03-15"),
    ("7月15日", "2023-07-15"),
    ("十月一日", "2023-10-01"),
    ("十二月三十一日", "2023-12-31"),
    ("去年", "2022"),
    ("2023年", "2023"),
    ("前不久", "before 2023-10-11"),
    ("日前", "before 2023-10-11"),
    ("近日", "before 2023-10-11"),
])
def test_find_dates_zh_reads_the_whole_expression(text, iso):
    assert found(text) == [(text, iso)]


def test_jinnian_yilai_is_this_year():
    assert found("今年以来，捐款超4.5亿元") == [("今年", "2023")]


def test_found_dates_carry_their_span():
    item = find_dates_zh("会议于今年4月召开", ARTICLE)[0]
    assert (item.start, item.end, item.text) == (3, 7, "今年4月")


def test_found_dates_are_in_text_order():
    text = "前不久，第二季度恳谈会在今年4月举行，2023年7月再次举行"
    assert [iso for _, iso in found(text)] == ["before 2023-10-11", "2023-Q2", "2023-04", "2023-07"]


def test_matches_never_overlap():
    text = "2023年10月11日，今年第二季度，7月15日，去年12月，2022年和2023年"
    items = find_dates_zh(text, ARTICLE)
    spans = sorted((item.start, item.end) for item in items)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))
    assert [item.text for item in items] == ["2023年10月11日", "今年第二季度", "7月15日", "去年12月", "2022年", "2023年"]


@pytest.mark.parametrize("text", ["13月1日", "2月30日", "2023年0月", "没有日期",
                                  "1980年代", "二〇二〇年代", "1980至1990年代",  # (a decade: see numerals)
                                  "前三季度", "后两季度", "连续三季度"])  # (quarters counted)
def test_impossible_or_absent_dates_are_not_found(text):
    assert found(text) == []


def test_relative_dates_follow_the_reference():
    assert [item.date.iso() for item in find_dates_zh("今年3月，前不久", date(2021, 5, 1))] == [
        "2021-03", "before 2021-05-01"]


@pytest.mark.parametrize("text, iso", [
    ("二月", "2023-02"), ("3月份", "2023-03"), ("十二月", "2023-12"), ("前年", "2021"), ("后年", "2025"),
    ("後年", "2025"), ("本年", "2023"), ("去年以來", "2022"),
])
def test_read_loosely_a_month_alone_and_the_years_two_away_are_dates(text, iso):
    """A conversion's phrase has no article to date it: 二月 is February, 前年 the year before last."""
    [item] = find_dates_zh(text, ARTICLE, loosely=True)
    assert item.date.iso() == iso and item.text == text.removesuffix("份").removesuffix("以來")
    assert found(text) == ([("去年", "2022")] if text == "去年以來" else [])  # a quote's 3月 may be three months


@pytest.mark.parametrize("text", ["3个月", "每月", "岁月"])
def test_read_loosely_months_counted_are_no_dates(text):
    assert [item.text for item in find_dates_zh(text, ARTICLE, loosely=True)] == []


# --- a month, a week or a day counted from the article's day ---------------------------------------------------------


@pytest.mark.parametrize("text, iso", [
    ("上个月", "2023-09"), ("上月", "2023-09"), ("上個月", "2023-09"), ("本月", "2023-10"), ("这个月", "2023-10"),
    ("這個月", "2023-10"), ("下个月", "2023-11"), ("下月", "2023-11"), ("上月15日", "2023-09-15"),
    ("本月8日", "2023-10-08"), ("上个月三十日", "2023-09-30"),
    ("今天", "2023-10-11"), ("今日", "2023-10-11"), ("今晚", "2023-10-11"), ("今晨", "2023-10-11"),
    ("昨天", "2023-10-10"), ("昨日", "2023-10-10"), ("昨晚", "2023-10-10"), ("前天", "2023-10-09"),
    ("明天", "2023-10-12"), ("明日", "2023-10-12"), ("后天", "2023-10-13"),
    ("上周", "before 2023-10-11"), ("上个星期", "before 2023-10-11"), ("上週", "before 2023-10-11"),
])
def test_a_month_or_a_day_counted_from_the_article_is_the_one_it_names(text, iso):
    """上个月 of an article of 2023-10-11 is September 2023, 昨天 the 10th: they were read as nothing, and a page
    that wrote the date they give, as the hint of a time from today tells it to, was refused. 上周 is a week, no month
    (its days may be of two): shortly before the article's day, as 前不久 is."""
    assert found(text) == [(text, iso)]
    assert [item.date.iso() for item in find_dates_zh(text, ARTICLE, loosely=True)] == [iso]


@pytest.mark.parametrize("text, reference, iso", [
    ("上个月", date(2024, 1, 5), "2023-12"), ("下个月", date(2023, 12, 31), "2024-01"),
    ("昨天", date(2024, 3, 1), "2024-02-29"), ("昨天", date(2023, 3, 1), "2023-02-28"),
    ("明天", date(2023, 12, 31), "2024-01-01"), ("前天", date(2024, 1, 1), "2023-12-30"),
    ("上月29日", date(2024, 3, 10), "2024-02-29"),
])
def test_a_time_counted_from_the_article_crosses_months_and_years_to_a_real_day(text, reference, iso):
    assert [item.date.iso() for item in find_dates_zh(text, reference)] == [iso]


@pytest.mark.parametrize("text, reference", [
    ("上月30日", date(2024, 3, 10)),  # (no 30 February)
    ("上月31日", date(2023, 10, 11)),  # (no 31 September)
    ("昨天", date(1, 1, 1)), ("上周", date(1, 1, 1)), ("上个月", date(1, 1, 31)), ("明天", date(9999, 12, 31)),
    ("下个月", date(9999, 12, 1)),  # (past the calendar's ends)
])
def test_a_time_counted_to_no_day_of_the_calendar_dates_nothing(text, reference):
    assert find_dates_zh(text, reference) == []


@pytest.mark.parametrize("text", [
    "当月", "次日", "该月", "同月", "本周", "下周", "这周",  # (counted from a day the text names, or days to come)
    "线上月度", "晚上月亮", "成本月度", "以上个月", "说明日程", "光明日报", "明日之星", "提前天数", "当前天气",
    "如今日益", "如今天下", "今晚报", "先天与后天", "后天的努力", "上周年", "共创美好明天", "更好的明天",  # (other words)
])
def test_words_of_no_time_counted_from_the_article_date_nothing(text):
    assert found(text) == []


def test_a_day_counted_from_the_article_is_no_day_before_it():
    """今日前往 is today's going: 日前 (the other day) there was read too."""
    assert found("今日前往晋江") == [("今日", "2023-10-11")]


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_last_month_is_the_month_before_the_article_s_and_no_other(reference):
    """上个月 (and 上月) of any day is the month before its own, of its year or the year before."""
    before = date.fromordinal(reference.replace(day=1).toordinal() - 1)
    for text in ("上个月", "上月"):
        [item] = find_dates_zh(text, reference)
        assert (item.date.precision, item.date.year, item.date.month) == (MONTH, before.year, before.month)


def test_a_paragraph_of_many_dates_is_read_in_linear_time():
    """Each date expression found was compared with every one found before it: a paragraph of 4,000 took 5 s to
    check."""
    assert superlinear(lambda text: find_dates_zh(text, date(2023, 10, 11)), "2023年7月，".__mul__, 1000) is None


@pytest.mark.parametrize("text, expected", [
    # a range of days: both ends are dates (the second was read as a count of days, 12日 as twelve of them)
    ("10月11日至12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日—12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日-12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日–12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日～12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日~12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11日到12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11至12日", [("10月11", "2023-10-11"), ("12日", "2023-10-12")]),  # the first day without its 日
    ("10月11日和12日", [("10月11日", "2023-10-11"), ("12日", "2023-10-12")]),  # two days named
    ("10月11、12日", [("10月11", "2023-10-11"), ("12日", "2023-10-12")]),
    ("10月11-12日", [("10月11", "2023-10-11"), ("12日", "2023-10-12")]),
    ("2023年10月11日至12日", [("2023年10月11日", "2023-10-11"), ("12日", "2023-10-12")]),
    ("去年10月11日至12日", [("去年10月11日", "2022-10-11"), ("12日", "2022-10-12")]),
    ("十月十一日至十二日", [("十月十一日", "2023-10-11"), ("十二日", "2023-10-12")]),
    ("10月30日至11月2日", [("10月30日", "2023-10-30"), ("11月2日", "2023-11-02")]),
    ("12月30日至1月2日", [("12月30日", "2023-12-30"), ("1月2日", "2024-01-02")]),  # into the next year (was 2023-01-02)
    ("2023年12月30日至2024年1月2日", [("2023年12月30日", "2023-12-30"), ("2024年1月2日", "2024-01-02")]),
    # months and years whose unit is written once, at the end (10 was a count, 2022 too)
    ("2023年10至11月", [("2023年10", "2023-10"), ("11月", "2023-11")]), ("1-3月份", [("1", "2023-01"), ("3月", "2023-03")]),
    ("12月至1月", [("12月", "2023-12"), ("1月", "2024-01")]), ("2022—2023年", [("2022", "2022"), ("2023年", "2023")]),
    ("2022年至2023年6月", [("2022年", "2022"), ("2023年6月", "2023-06")]),  # (June 2023 whole)
    ("3至5年", []), ("3至5个月", []),  # three to five years, months: durations
    # not a range of days: an end before its start, a day that does not exist, no month (3至5日内: within three to
    # five days), a range of counts
    ("10月12日至11日", [("10月12日", "2023-10-12")]), ("2月27日至30日", [("2月27日", "2023-02-27")]),
    ("3至5日内", []), ("3-5家", []),
])
def test_a_range_of_days_is_two_dates(text, expected):
    assert found(text) == expected
