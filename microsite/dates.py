"""Dates with the precision an article gives them.

A news article dates things loosely: ``今年3月`` (a month), ``第二季度`` (a
quarter), ``2023年7月``, ``上个月`` or ``昨天`` (the month or the day before the
article's own), or ``前不久`` (shortly before the article's own date).
:class:`PartialDate` keeps exactly that precision, and
:func:`find_dates_zh` reads such expressions out of Chinese text, resolving
relative ones against the article's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .numerals import ZH_PLAIN_DIGITS, Taken, fold_traditional, parse_chinese_numeral, plain_digits_value
from .patterns import compile_later
from .yamlfile import one_line

DAY, MONTH, QUARTER, YEAR, BEFORE = "day", "month", "quarter", "year", "before"

_ISO_FORMS = (
    (compile_later(r"(\d{4})-(\d{2})-(\d{2})\Z"), DAY),
    (compile_later(r"(\d{4})-(\d{2})\Z"), MONTH),
    (compile_later(r"(\d{4})-Q([1-4])\Z"), QUARTER),
    (compile_later(r"(\d{4})\Z"), YEAR),
    (compile_later(r"before (\d{4})-(\d{2})-(\d{2})\Z"), BEFORE),
)
DATE_FORMS_HINT = (
    "write one of \"2023\", \"2023-03\", \"2023-Q2\", \"2023-07-15\", "
    "or \"before 2023-10-11\" (shortly before that date), in quotes"
)


@dataclass(frozen=True)
class PartialDate:
    """A date known to a given precision.

    ``precision`` is ``day``, ``month``, ``quarter``, ``year`` or ``before``
    (shortly before the day given). Unused parts are 0.
    """

    year: int
    month: int = 0
    day: int = 0
    quarter: int = 0
    precision: str = YEAR

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the form editors write in YAML; raise ValueError if it is none of them."""
        for pattern, precision in _ISO_FORMS:
            match = pattern.match(text.strip())
            if match:
                return cls._from_parts(precision, [int(part) for part in match.groups()])
        raise ValueError(f"'{one_line(text)}' is not a date this site understands")

    @classmethod
    def _from_parts(cls, precision: str, parts: list[int]) -> PartialDate:
        if not date.min.year <= parts[0] <= date.max.year:  # 0000, or the year after 9999
            raise ValueError(f"year {parts[0]} is outside the calendar (years 1 to 9999)")
        if precision == QUARTER:
            return cls(parts[0], quarter=parts[1], precision=QUARTER)
        year, month, day = (parts + [0, 0])[:3]
        if precision != YEAR and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist")  # 2023-13, and 2023-00 too
        if precision in (DAY, BEFORE) and not 1 <= day <= _month_end(year, month).day:
            raise ValueError(f"day {day} does not exist in {year:04d}-{month:02d}, which has "
                             f"{_month_end(year, month).day} days")  # 2023-02-30, 2023-07-00
        if precision == BEFORE and date(year, month, day) == date.min:
            raise ValueError("no day is before 0001-01-01")
        return cls(year, month, day, precision=precision)

    def iso(self) -> str:
        """The form it is written in YAML (``2023-03``, ``2023-Q2``, ``before 2023-10-11``)."""
        if self.precision == QUARTER:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.precision == YEAR:
            return f"{self.year:04d}"
        if self.precision == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"before {day}" if self.precision == BEFORE else day

    def machine_readable(self) -> str:
        """A valid HTML ``<time datetime>`` value: the year for a quarter, the day for "before"."""
        if self.precision == QUARTER:
            return f"{self.year:04d}"
        return self.iso().removeprefix("before ")

    def sort_key(self) -> tuple[int, int]:
        """Order by the middle of the period, so "April" comes before "the second quarter"."""
        start, end = self.span()
        middle = (start.toordinal() + end.toordinal()) // 2
        return (middle, _PRECISION_RANK[self.precision])

    def span(self) -> tuple[date, date]:
        """First and last day the date may mean ("before" counts as its day minus one)."""
        if self.precision == YEAR:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.precision == QUARTER:
            first_month = 3 * self.quarter - 2
            return date(self.year, first_month, 1), _month_end(self.year, first_month + 2)
        if self.precision == MONTH:
            return date(self.year, self.month, 1), _month_end(self.year, self.month)
        day = date(self.year, self.month, self.day)
        if self.precision == BEFORE:
            day = date.fromordinal(day.toordinal() - 1)
        return day, day


_PRECISION_RANK = {DAY: 0, BEFORE: 1, MONTH: 2, QUARTER: 3, YEAR: 4}


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)  # (the first of the next month may be past the calendar's end)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


@dataclass(frozen=True)
class FoundDate:
    """A date expression found in text, resolved to a :class:`PartialDate`."""

    date: PartialDate
    start: int
    end: int
    text: str


_NUM = r"(\d{1,4}|[一二三四五六七八九十]{1,3})"
# The start or end of a year no word names: this one's (年初以来, since the start of the year; 年底前, by its end), not
# the year's a word before it names (2023年初, 今年年底, 每年年末), nor a word of its own (大年初一, the lunar new
# year's day; 青年初心, 青年底线: 青年 and another word; 年底薪, a year's base pay); 年中 only where the clause goes on no
# word (今年中国, 年中无休 are others). Its end in other words too (年末, 年尾, 年终 but 年终奖, a bonus; 岁末, 岁尾: 岁
# is the year, as 年 is, but after a numeral an age; 年关, the days before the lunar new year, an end of the year too,
# but not 年关于, 年关注, 年关心: 年 and another word; 临近年底, 接近年关: 近 is to near it, not 近年, recent years).
YEAR_CLOSE_NOT_AFTER = "于於注心爱愛键鍵系係联聯闭閉怀懷切乎停税稅卡门門机機口头頭照"
YEAR_BOUND_ZH = (r"岁(?<![\d〇零一二三四五六七八九十]岁)[末尾]|歲(?<![\d〇零一二三四五六七八九十]歲)[末尾]"
                 r"|年(?:(?<![\d〇零一二三四五六七八九十年大每青少老成童幼中晚早近往当同该次]年)|(?<=[临臨接逼靠将將]近年))"
                 r"(?:初(?![一二三四五六七八九十心创])|底(?![线气色蕴子牌薪])|末|尾|终(?!奖)|終(?!獎)"
                 rf"|[关關](?![{YEAR_CLOSE_NOT_AFTER}])"
                 r"|中(?=[，,。；;、：:！!？?）)\s]|$|前|后|以[前后来]|之[前后]|左右|时|期间))")
_YEAR = rf"(\d{{4}}|[{ZH_PLAIN_DIGITS}]{{4}}|今|去|明)"  # 2023, 二〇二三
_ZH_PATTERNS = (
    (compile_later(rf"{_YEAR}年{_NUM}月{_NUM}日"), DAY),
    (compile_later(rf"{_YEAR}年第?([一二三四1-4])季度"), QUARTER),
    (compile_later(rf"{_YEAR}年{_NUM}月"), MONTH),
    (compile_later(rf"(?<![年\d]){_NUM}月{_NUM}日"), DAY),
    # 第二季度, and 二季度 or 3季度 as news writes them (not 连续三季度, three quarters running, 前三季度, the first
    # three, nor 十二季度)
    (compile_later(r"(?<!年)(?:第|(?<![第连续近个前后\d〇零一二两三四五六七八九十百]))([一二三四1-4])季度"), QUARTER),
    (compile_later(rf"{_YEAR}年(?!代)(?![\d一二三四五六七八九十第]{{1,3}}(?:月|季度))"), YEAR),  # (1980年代: a decade)
    (compile_later(r"前不久|不久前|日前|近日|近期|最近"), BEFORE),
    (compile_later(YEAR_BOUND_ZH), YEAR),  # (this year's)
)
# What stands between the ends of a range of dates whose unit is written once, at its end (10月11日至12日, 10月11-12日,
# 10至11月, 2022—2023年), or between two named together (10月11日和12日, 10月11、12日): each end is a date, the first
# of the month or year named before it (10月30日至11月2日: or its own), not a count (12日 is no twelve days).
DATES_JOINED = "(?:至|到|和|及|与|、|-|－|—|–|～|~|〜)"
# The ranges, each end's span named (start, end), a year before the first the range's. Days need their month (3至5日
# 内 is within three to five days); months and years need no more (3至5月 is March to May: three to five months are
# 3至5个月); years are of four digits (3至5年 is three to five years). Not an end that is the start of a longer date
# (2022至2023年6月: June 2023, which the patterns after read whole).
_ZH_RANGES = (
    (compile_later(rf"(?:(?P<year>{_YEAR})年|(?<![年\d]))(?P<month>{_NUM})月(?P<start>(?P<first>{_NUM})日?)"
                rf"{DATES_JOINED}(?P<end>(?:(?P<month2>{_NUM})月)?(?P<second>{_NUM})日)"), DAY),
    (compile_later(rf"(?:(?P<year>{_YEAR})年|(?<![年\d〇零一二三四五六七八九十]))(?P<start>(?P<first>{_NUM})月?)"
                rf"{DATES_JOINED}(?P<end>(?P<second>{_NUM})月)(?![\d一二三四五六七八九十]{{1,3}}日)"), MONTH),
    (compile_later(rf"(?<![\d{ZH_PLAIN_DIGITS}])(?P<start>(?P<first>\d{{4}}|[{ZH_PLAIN_DIGITS}]{{4}})年?){DATES_JOINED}"
                rf"(?P<end>(?P<second>\d{{4}}|[{ZH_PLAIN_DIGITS}]{{4}})年)(?!代)(?![\d一二三四五六七八九十第]{{1,3}}(?:月|季度))"), YEAR),
)
# What a range's first end without its unit is a part of (the 11 of 10月11至12日, a day): the unit of its last end.
RANGE_UNIT = compile_later(rf"{DATES_JOINED}(?:{_NUM}月)?{_NUM}(?P<unit>[年月日])")
# Two days with no month (11日至12日, the month named earlier in the text): days still, though of no month known
# here.
_ZH_DAYS_ALONE = compile_later(rf"(?<![月\d〇零一二三四五六七八九十])(?P<first>{_NUM})日{DATES_JOINED}(?P<second>{_NUM})日")
# Read loosely (a conversion's phrase, with no article to date it): a month with no year or day (二月, 3月份) and the
# years two away (前年, 后年) and this one (本年) too. Not in a quote: its 3月 may be three months as often.
_LOOSE_PATTERNS = (
    (compile_later(rf"(?<![年\d〇零一二三四五六七八九十]){_NUM}月(?![\d一二三四五六七八九十]{{1,3}}日)"), MONTH),
    (compile_later(r"(前|后|本)年(?![\d一二三四五六七八九十第]{1,3}(?:月|季度))"), YEAR),
)
# Words that count a month, a week or a day from the day they are said (上个月, 上周, 昨天), each beginning with itself
# and looking back from there at the words it is no part of (线上月度, 天下周刊, 说明日程, 提前天数: another word's
# 上, 下, 明 or 前): a search that began with a look back tried it at every character. One rule for what a quote's
# word dates (find_dates_zh) and what the site's own voice may not say (tracing.times_from_today).
LAST_OR_NEXT_NOT_AFTER = "线网晚早马以之向身世路会市手加赶天地乡私底眼当留南北一"  # (before 上 or 下)
THIS_NOT_AFTER = "资成日基根版样文剧课书账脚范读原标蓝副底稿话"  # (before 本: 成本月度, 日本周边)
MONTH_NOT_BEFORE = "度报刊亮薪饼光球"  # (after 月: 月度, 月报, 上月球)
WEEK_NOT_BEFORE = "转期边围年刊到密全知"  # (after 周: 周转, 周期, 上周年)
TOMORROW_ZH = "明日(?<![光说文表证透清声申阐查标注指聪鲜]明日)(?![报期常益之])"  # (not 说明日程, 光明日报, 明日之星)
DAY_BEFORE_YESTERDAY_ZH = "前天(?<![提以之此事目当眼面空向超跟从]前天)(?![气数下然地])"  # (not 提前天数, 当前天气)
# The words that say which month, day or week exactly, from the article's day: 上个月 (上月, 上個月), 本月, 这个月 and
# 下个月, with a day of it or none (上月15日); 今天, 昨天, 前天, 明天, 后天 and their 日 (今日), 昨晚, 今晚; and 上周,
# last week, which is shortly before the article's day (a week is no month: its days may be of two). Not 当月, 次日,
# 该月 or 同月, counted from a day the text names, nor 本周 or 下周, whose days may come after the article's; nor 如今
# before 日益 or 天下 (如今日益, 如今天下: nowadays), 后天 the acquired (先天与后天, 后天的努力), 明天 the future
# (共创美好明天, 更好的明天).
_FROM_TODAY_ZH = compile_later(
    rf"(?P<month>[上下](?<![{LAST_OR_NEXT_NOT_AFTER}][上下])[个個]?|本(?<![{THIS_NOT_AFTER}]本)|[这這][个個])"
    rf"月(?![{MONTH_NOT_BEFORE}])(?:(?P<day>{_NUM})日)?"
    rf"|(?P<week>上(?<![{LAST_OR_NEXT_NOT_AFTER}]上)[个個]?(?:[周週](?![{WEEK_NOT_BEFORE}])|星期|礼拜|禮拜))"
    rf"|(?P<days>今[天日](?<!如今[天日])(?![益趋渐臻])|今[晚晨早](?!报)|昨[天日晚夜]"
    rf"|明天(?<![光说文表证透清声申阐查标注指聪鲜的好]明天)|{TOMORROW_ZH}|{DAY_BEFORE_YESTERDAY_ZH}"
    r"|[后後]天(?<![先和与與及靠]后天)(?<![先和与與及靠]後天)(?![的性因形培养養努习習获獲]))")
# What every word of _FROM_TODAY_ZH begins with: its first character, then 月, 周, 星, 礼, 天, 日, 晚, 晨, 早 or 夜 (after
# 个 or none). Looked for before the words are: it begins with one class of characters, which re looks for
# character by character, where _FROM_TODAY_ZH was tried at every character (140 ms over 2,365 Chinese paragraphs
# of the real site and a synth, none of which holds one, against 2 ms; find_dates_zh took 14 % longer).
_MAY_COUNT_FROM_TODAY_ZH = compile_later("[上下本这這今昨明前后後](?:[个個]?[月周週星礼禮]|[天日晚晨早夜])")
_MONTHS_FROM_TODAY = {"上": -1, "本": 0, "这": 0, "這": 0, "下": 1}
_DAYS_FROM_TODAY = {"今": 0, "昨": -1, "前": -2, "明": 1, "后": 2, "後": 2}
# Words that place a time, most of them against the day they are said, with what each says.
TIME_WORDS = {
    "今年": "this year", "去年": "last year", "明年": "next year", "前年": "the year before last",
    "后年": "the year after next", "本年": "this year", "上年": "the year before", "次年": "the year after",
    "同年": "the same year", "当年": "that year", "全年": "the whole year", "年初": "the start of the year",
    "年中": "the middle of the year", "年底": "the end of the year", "年末": "the end of the year",
    "年内": "within the year", "年度": "the year's", "上半年": "the first half of the year",
    "下半年": "the second half of the year", "今天": "today", "今日": "today", "昨天": "yesterday",
    "昨日": "yesterday", "明天": "tomorrow", "明日": "tomorrow", "前天": "the day before yesterday",
    "后天": "the day after tomorrow", "本月": "this month", "上月": "last month", "下月": "next month",
    "当月": "that month", "次月": "the month after", "月初": "the start of the month",
    "月中": "the middle of the month", "月底": "the end of the month", "月末": "the end of the month",
    "上个月": "last month", "下个月": "next month", "这个月": "this month", "昨晚": "last night", "昨夜": "last night",
    "今晚": "tonight", "今晨": "this morning", "今早": "this morning",
    "本周": "this week", "上周": "last week", "下周": "next week", "本季度": "this quarter",
    "上季度": "last quarter", "下季度": "next quarter", "季度": "a quarter", "年": "a year", "月": "a month",
    "日": "a day", "前不久": "shortly before", "不久前": "shortly before", "日前": "the other day",
    "近日": "in the last few days", "近期": "recently", "最近": "recently", "目前": "at present",
    "当前": "at present", "如今": "nowadays", "此前": "before then", "此后": "after that", "以来": "since",
    "以前": "before", "之前": "before", "以后": "after", "之后": "after", "至今": "until now", "迄今": "to date",
}


def find_dates_zh(text: str, reference: date, loosely: bool = False) -> list[FoundDate]:
    """Date expressions in Chinese ``text`` (in either script), relative ones resolved against ``reference``.

    ``今年4月`` -> 2023-04, ``第二季度`` -> 2023-Q2, ``上个月`` -> 2023-09, ``昨天`` -> 2023-10-10,
    ``前不久`` -> before 2023-10-11 (for a reference of 2023-10-11). Spans never overlap: the longest form wins.
    ``loosely``: also a month alone (``二月``, this year's) and ``前年``, ``后年``, ``本年``.
    """
    found: list[FoundDate] = []
    folded = fold_traditional(text) if loosely else text  # (后年 written 後年: the other forms read are the same)
    taken = Taken(len(folded))  # (asking each date found, for each match, was quadratic)
    if _ANY_RANGE.search(folded) is not None:  # ranges first: each end is a date, the last of the first's month
        for pattern, precision in _ZH_RANGES:
            for match in pattern.finditer(folded):
                ends = None if taken.overlaps(match.start(), match.end()) else _range(match, precision, reference)
                for (start, end), when in zip(((match.start(), match.end("start")), match.span("end")), ends or ()):
                    taken.add(start, end)
                    found.append(FoundDate(when, start, end, text[start:end]))
    first = _MAY_COUNT_FROM_TODAY_ZH.search(folded)  # (most texts have none)
    for match in _FROM_TODAY_ZH.finditer(folded, first.start()) if first is not None else ():  # (before 日前 and
        resolved = _from_today(match, reference)  # 7月15日: 今日前往, 上月15日)
        if resolved is not None:
            taken.add(match.start(), match.end())
            found.append(FoundDate(resolved, match.start(), match.end(), text[match.start():match.end()]))
    for pattern, precision in _ZH_PATTERNS + _LOOSE_PATTERNS if loosely else _ZH_PATTERNS:
        for match in pattern.finditer(folded):
            if taken.overlaps(match.start(), match.end()):
                continue
            resolved = _resolve(match, precision, reference)
            if resolved is not None:
                taken.add(match.start(), match.end())
                found.append(FoundDate(resolved, match.start(), match.end(), text[match.start():match.end()]))
    return sorted(found, key=lambda item: item.start)


_ANY_RANGE = compile_later(rf"{DATES_JOINED}[\d{ZH_PLAIN_DIGITS}一二三四五六七八九十]")  # (most texts have none)


def _range(match: re.Match, precision: str, reference: date) -> tuple[PartialDate, PartialDate] | None:
    """The first and last ends of a match of ``_ZH_RANGES``, or None where they are no range: a date that does not
    exist, or a last end not after the first. A last month before the first is of the next year (12月30日至1月2日)."""
    if precision == YEAR:
        first, last = [_year(match["first"], reference)], [_year(match["second"], reference)]
    else:
        year = _year(match["year"] or "今", reference)
        month = _number(match["month"] if precision == DAY else match["first"])
        month2 = _number(match["month2"]) if precision == DAY and match["month2"] else 0
        if precision == MONTH:
            month2 = _number(match["second"])
        year2 = year + 1 if month2 and month2 < month else year
        first, last = [year, month], [year2, month2 or month]
        if precision == DAY:
            first, last = first + [_number(match["first"])], last + [_number(match["second"])]
    try:
        ends = PartialDate._from_parts(precision, first), PartialDate._from_parts(precision, last)
    except ValueError:
        return None
    return ends if ends[1].span()[0] > ends[0].span()[1] else None


def days_alone_zh(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names two days of a month it does not name there (11日至12日 after 10月, earlier): each day's
    span. They are parts of a date, though no date is known to resolve them to."""
    if "日" not in text:
        return []
    spans = []
    for match in _ZH_DAYS_ALONE.finditer(text):
        first, second = _number(match["first"]), _number(match["second"])
        if 1 <= first < second <= 31:
            spans += [(match.start(), match.start() + len(match["first"]) + 1), (match.end() - len(match["second"]) - 1,
                                                                                match.end())]
    return spans


def _from_today(match: re.Match, reference: date) -> PartialDate | None:
    """The date a word of ``_FROM_TODAY_ZH`` gives, counted from ``reference``: 上个月 of 2024-01-05 is 2023-12,
    昨天 of 2024-03-01 2024-02-29, 上周 shortly before the day; None where the calendar has no such day (上月31日
    of a month after one of 30 days, 昨天 of 0001-01-01)."""
    if match["week"]:
        return None if reference == date.min else PartialDate(reference.year, reference.month, reference.day,
                                                              precision=BEFORE)
    try:
        if match["month"]:
            months = reference.year * 12 + reference.month - 1 + _MONTHS_FROM_TODAY[match["month"][0]]
            day = [_number(match["day"])] if match["day"] else []
            return PartialDate._from_parts(DAY if day else MONTH, [months // 12, months % 12 + 1, *day])
        when = date.fromordinal(reference.toordinal() + _DAYS_FROM_TODAY[match["days"][0]])
    except (ValueError, OverflowError):
        return None
    return PartialDate(when.year, when.month, when.day, precision=DAY)


def _resolve(match: re.Match, precision: str, reference: date) -> PartialDate | None:
    groups = match.groups()
    if precision == BEFORE:
        parts = [reference.year, reference.month, reference.day]
        return None if reference == date.min else PartialDate._from_parts(BEFORE, parts)
    if precision == DAY and len(groups) == 2:  # 7月15日, no year
        groups = ("今", *groups)
    if precision == QUARTER and len(groups) == 1:  # 第二季度, no year
        groups = ("今", *groups)
    if precision == MONTH and len(groups) == 1:  # 二月, no year (read loosely)
        groups = ("今", *groups)
    if precision == YEAR and not groups:  # 年初, 年底: this year's
        groups = ("今",)
    year = _year(groups[0], reference)
    numbers = [_number(part) for part in groups[1:]]
    try:
        return PartialDate._from_parts(precision, [year, *numbers])
    except ValueError:
        return None


def _year(text: str, reference: date) -> int:
    relative = {"今": 0, "本": 0, "去": -1, "明": 1, "前": -2, "后": 2}
    if text in relative:
        return reference.year + relative[text]
    return int(text) if text.isdigit() else plain_digits_value(text)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_numeral(text) or 0
