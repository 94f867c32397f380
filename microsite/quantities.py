"""What a number means where it stands, and whether a claim's number is the quote's.

:mod:`numerals` reads the forms numbers are written in; here each number
found gets its meanings in its context: a **count** or amount (``49个``,
``4.5亿元``, ``forty-nine``), an **ordinal** (``第二``, ``十一届``,
``2nd``) or a **date** part (``2023年7月``, ``第二季度``, ``July 2023``,
``Q2``). A number a claim shows is traced by a number of its quote with
the same value and a meaning in common: ``2 chambers`` is not traced by
``第二季度``, whose 2 is an ordinal in a date.

Two readings, deliberately different:

- :func:`claimed` is what a *reader* takes for a number in the site's own
  words. Digits of any script always are. A Chinese numeral is one with a
  measure word or unit after it (``三个``, ``九十九家``, ``五千万元``) or
  ``第`` before it, the way Chinese counts; without one it is part of a
  word or a name (``一致``, ``十四五``, ``“四好”``); ``一`` with a measure
  word is an article (``一个平台``) and never a claim. ingest drafts its
  candidate statistics with the same rule (:func:`is_count_zh`).
- :func:`stated` is every number a *quote* may be taken to say, read from
  the quote's normalized text (the form in which it was found in the
  source, so a space or a width form cannot make it say something else):
  every numeral counts there, with or without a measure word.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .dates import (BEFORE, DATES_JOINED, DAY, MONTH, QUARTER, RANGE_UNIT, YEAR, YEAR_BOUND_ZH, YEAR_CLOSE_NOT_AFTER,
                    FoundDate, PartialDate, days_alone_zh, find_dates_zh)
from .numerals import (ABOUT, AT_LEAST, AT_MOST, CURRENCIES, EXACT, MEASURE_WORDS, MORE_THAN, NEARLY, OVER, SEVERAL, UNDER,
                       UNITS, EN_MONTHS, EN_ORDINAL, ZH_COUNTING_DIGITS, ZH_NUMERALS, ZH_PLAIN_DIGITS,
                       NOT_AFTER_DIGITS, NOT_BEFORE_DIGITS, Number, Taken, find_numbers_en, find_numbers_zh, fold_digits,
                       FESTIVAL_NAME, PART_OF_SEASON, SEASON, TIME_OF_DAY, WEEKDAY, date_words, festival_number,
                       fold_letters,
                       fold_traditional, is_slash_fraction, may_hold_numbers, may_name_a_festival, same_value)
from .patterns import compile_later

COUNT, ORDINAL, DATE = "count", "ordinal", "date"
NAMED = "named"  # a bare numeral of a name (the 四 of 四好, the 五 of 十四五) in a quote, or quoted: it counts nothing
RELATIVE_YEAR = "relative year"  # 今年, 去年, last year: a year counted from the day one reads it (0, -1)
# The first or second half of a year (上半年, H1), a part of a date as a quarter is (1 or 2). Not a precision of
# :class:`dates.PartialDate`: a record is dated in ISO 8601's forms, which have no halves (a half's year is its date).
HALF = "half"
DAY_OR_MONTH = "day or month"  # a day or a month of a date in digits that readers read in either order (11/10/2023)
FESTIVAL = "festival"  # a day of the year by its name (国庆, National Day): its number in numerals.FESTIVALS
PART_OF_MONTH = "part of a month"  # 上旬, early March: 1 its start, 2 its middle, 3 its end
PART_OF_YEAR = "part of a year"  # 年初, 年中, 年底, early 2023, mid-year: 1 its start, 2 its middle, 3 its end
# The hour and the minute of a time of day in digits (9:30, 9时30分, 上午9点, 9 a.m.): the hour as a 12-hour clock
# shows it (21时 is 9 p.m.: a time of day word, 晚上 or p.m., says which half where one is written)
HOUR, MINUTE = "hour", "minute"
# A day of the week (周三, Wednesday: 1 to 7; 周末, the weekend: 8), a season (春季, in the spring: 1 to 4) and its
# part (盛夏, late autumn: 1 to 3), and a time of day (上午, in the morning: 1 the small hours to 5 the evening): dates
# without a numeral, numbered by numerals.date_words
_WORD_PARTS = (WEEKDAY, SEASON, PART_OF_SEASON, TIME_OF_DAY, HOUR, MINUTE)
# (every currency: 五亿美元 and 三千万港元 were read as nothing, 5亿美元 as an amount)
AMOUNT_UNITS = frozenset((*CURRENCIES, "万元", "亿元", "%", "‰", "分之", "百分点", "个百分点", "折", "刀", "欧"))
_SAME_MEASURE = {"周年": "年", "周岁": "岁", "星期": "周", "千米": "公里", "千克": "公斤", "平方千米": "平方公里",
                 "平米": "平方米", "公分": "厘米", "载": "年", "春秋": "年", "寒暑": "年", "虚岁": "岁", "℃": "摄氏度"}  # 30周年 is thirty years, not weeks; 两星期, two weeks
_COUNTING = MEASURE_WORDS | UNITS | _SAME_MEASURE.keys() | {"世纪", "年代", "位数", "季度", "个月", "个世纪"}  # (二十一世纪, 九十年代, 两位数,
# 前三季度 and 连续三季度: quarters counted, where they are no date)
_ANY_DAY = date(2000, 1, 1)  # the spans of date expressions do not depend on the day they are read against
_EN_ORDINAL_SUFFIX = compile_later(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_EN_QUARTER = compile_later(r"(?:st|nd|rd|th)[\s-]+quarter\b", re.IGNORECASE)
_EN_MONTHS = EN_MONTHS
_EN_MONTH_BEFORE = compile_later(rf"\b(?:{_EN_MONTHS})\.?\s+\Z", re.IGNORECASE)
_EN_MONTH_REACH = len("september.")  # characters back from the white space: the longest name and its dot fit
_EN_MONTH_AFTER = compile_later(rf"\s+(?:{_EN_MONTHS})\b", re.IGNORECASE)
_ROMAN = compile_later("[IVXLC]+")  # (as numerals read them: Phase II, a rank)
_ROMAN_RANKED = compile_later(r"\b[A-Z][a-z]+\.?\s+\Z")  # (after a capitalized word; else a count: XLIX chambers)
_EN_NUMBERED = compile_later(r"(?:\bNo\.?\s?|#)\Z")  # No. 1, #1: a rank or a place in a list, as 第一 is
_EN_DAY_OF_MONTH = compile_later(rf"(?:st|nd|rd|th)(?:\s+of)?\s+(?:{_EN_MONTHS})\b", re.IGNORECASE)  # 11th (of) October


@dataclass(frozen=True)
class Quantity:
    """A number with what it can mean where it stands (``meanings``: some of COUNT, ORDINAL, DATE), and, as
    part of a date, which part where that is known (``part``: YEAR, MONTH, DAY, QUARTER or RELATIVE_YEAR):
    the 2 of 第二季度 is no February."""

    number: Number
    meanings: frozenset[str]
    part: str = ""
    per: str = ""  # what a rate is said per: a span (年, 2年), a thing (人, 商会), 均 (an average); see _with_rates
    whole: bool = False  # said to be all there are (全部49个, all 49); see _with_wholes

    @property
    def value(self) -> float:
        return self.number.value


def is_count_zh(number: Number, text: str) -> bool:
    """A number in Chinese numerals that reads as a count: a measure word or unit after it (not 一, an article,
    but 一倍, once as much, and 一成, a tenth; not the tail of a run of numerals such as the 五 of 十四五), or a magnitude that
    ends it (五亿, 三千万: not 千万, "by all means"). ``数百家`` is one: hundreds."""
    if text.endswith(tuple(ZH_NUMERALS), 0, number.start) and number.text[0] in ZH_NUMERALS:
        return False  # (成百上千家: the 上千家 led in by 上 is a number of its own)
    if number.text in ("俩", "仨"):  # 他们俩, 这仨商会: two, three, their measure word (个) in the numeral (they were read
        return not text.endswith("伎", 0, number.start)  # as bare numerals, nothing); not 伎俩, a trick
    if number.unit in _COUNTING or number.unit in AMOUNT_UNITS:
        # 一倍, once; 一成, a tenth; 一两家, one or two: never an article; nor 一次 after 每年 (once a year, as "twice
        # a year" and 每年两次 are read: it passed unread)
        return (number.value != 1 or number.unit in ("倍", "成", "位数", "折") or number.qualifier != EXACT  # (个位数)
                # 一打, a dozen, and 一对, a pair (一打开, once opened, 一对一, one-on-one: verbs and words)
                or (number.unit == "打" and not text.startswith(_NOT_A_DOZEN, number.end))
                or (number.unit == "对" and not text.startswith(_NOT_A_PAIR, number.end))
                or (number.unit == "次" and _PER_SPAN.search(text, max(0, number.start - _PER_SPAN_REACH),
                                                          number.start) is not None))
    return (_COUNTED_IN_MAGNITUDES.search(number.text) is not None or _COUNTLESS.match(number.text) is not None
            or _BILLIONS.search(number.text) is not None
            or _qualified_magnitude(number))


# 达四十九, 达到四十九, 高达四十九, 共计四十九, 累计四十九, 增至四十九: a bare numeral after a verb that says what an
# amount reached or came to is a count, as 达49 is: it was read as a name's numeral (十四五), nothing, and passed
# untraced. Not the 达 that ends another word (到达, 抵达, 表达, 传达, 发达, 直达 ...), nor a numeral a word goes on
# from (达三亚, 达四星级: a place, a rank), nor a lone 一 (达一流水平, first-rate).
# So is one after a rank reached (排名前三, 位列全国前五, 跻身前十, 进入前二十: the top three, read as nothing, so 排名前五 passed
# for a quote's 排名前三, and the quote's 前三 traced no 前三名), which "top three" is in English.
_REACHED = compile_later(r"(?:(?<![到抵表传下转送直通发雷豁畅练腾])达(?:到|至)?|共计|合计|总计|累计|(?<=[增升涨])(?:至|到)"
                         r"|(?:排名|位列|位居|名列|跻身|进入|挤进|稳居|保持)(?:全国|全省|全市|全区|全县|全球|世界|行业)?前)\Z")
_REACHED_REACH = 5  # (位列全国前三)
_WORD_GOES_ON = compile_later(r"[\u3400-\u9fff](?<!之)|之(?!多)")


def reached_zh(number: Number, text: str) -> bool:
    """Whether ``number``, a numeral without a measure word, is a count by the verb before it (see ``_REACHED``)."""
    if number.unit or number.text == "一" or text.endswith(tuple(ZH_NUMERALS), 0, number.start):
        return False
    before = fold_traditional(text[max(0, number.start - _REACHED_REACH):number.start])  # (達到, 躋身: as 达到 is)
    return _REACHED.search(before) is not None and _WORD_GOES_ON.match(text, number.end) is None


# After 一打 and 一对 the words that make them a verb's or another word's (一打开, 一打听, 打造; 一对一, 一对多, 一对比,
# 一对接): there 一 is "once" or a word's, not a dozen (一打, read as a dozen of its own: see numerals.UNITS) or a pair.
_NOT_A_DOZEN = tuple("开听量造算扫击败破印工卡包车电球架折断响通理拼捞探动入进出下好成过了着到上起掉赢赏烊针仗扮招交压假黑拐非牌字分扰"
                     "发滚转磨样底就死伤坏翻倒赌")
_NOT_A_PAIR = tuple("一二两三四五六七八九十多比照接付应待号症口决抗标话于")


# 数百, 上万, 会员过万, 两千多, 千余: an amount said by a qualifier and its magnitude, without a measure word (read as
# nothing); a bare numeral is exact, as the names are (十四五, 三农) that a measure word does not follow.
_QUALIFIED_MAGNITUDE = compile_later("[十百千万亿萬億](?:余|多|来)?$")


def _qualified_magnitude(number: Number) -> bool:
    """Whether ``number`` is an amount said by a qualifier and a magnitude, without a measure word (过万, 数百)."""
    return number.qualifier != EXACT and _QUALIFIED_MAGNITUDE.search(number.text) is not None


# How often, before a 一次 in the same clause: 每年 (召开) 一次, 每两个月一次, 一年一次, 每季度至少一次.
_PER_SPAN = compile_later(r"(?:每|一)[两二三四五六七八九十0-9]*个?(?:年|月|周|星期|季度|季|天|日)[^，。；：,.;:!?！？\s]{0,6}$")
_PER_SPAN_REACH = 16


# 千亿产业集群, a cluster of a hundred billion; 万亿级: a magnitude of 亿 without a digit before it is a number (as 五亿
# is), where 千万 ("by all means") and 万一 ("in case") are words.
_BILLIONS = compile_later(f"(?<![{ZH_NUMERALS}])[十百千万萬][万萬]?[亿億]$")  # (超千亿 too)


_COUNTLESS = compile_later("数以.+计$")  # 数以万计: tens of thousands, a count without a measure word


_COUNTED_IN_MAGNITUDES = compile_later(f"[{''.join(ZH_COUNTING_DIGITS)}][十百千]?個?个?[余多]?[万亿萬億]+$")


def claimed(text: str, lang: str) -> list[Quantity]:
    """The numbers a reader sees in ``text`` (language ``lang``), each with its meanings; and those written in
    the other script's words (三十家 in an English text, forty in a Chinese one), which readers read as well."""
    if not may_hold_numbers(text):
        return []
    text = fold_letters(text)  # (one character for one: ſix is six, the words found looked up in lower case)
    if lang.startswith("zh"):
        found = _claimed_zh(text)
        if not text.isascii() and _LATIN_LETTER.search(text) is None:
            return found + parts_of_day_said(found, text)
        # words: forty, 49 million, CNY 49 (digits alone are read the Chinese way)
        other = [claim for claim in _claimed_en(text) if _LATIN_LETTER.search(claim.number.text)]
    else:
        found = _claimed_en(text)
        if text.isascii() or _CHINESE.search(text) is None:
            return found + parts_of_day_said(found, text)
        # Chinese numerals, magnitudes and units: 三十家, 63亿元, 49万 (digits alone are read the English way)
        other = [claim for claim in _claimed_zh(text) if _CHINESE.search(claim.number.text)]
    if lang.startswith("zh"):
        other = _not_cut_short(other, found)
    else:
        found = _not_cut_short(found, other)
    # Where the two readings overlap, the longer is what a reader reads: 63亿元 is not 63, 49 million not 49.
    kept: list[Quantity] = []
    taken = Taken(len(text))
    for claim in sorted(found + other, key=lambda claim: claim.number.start - claim.number.end):
        if not taken.overlaps(claim.number.start, claim.number.end):
            kept.append(claim)
            taken.add(claim.number.start, claim.number.end)
    return sorted(kept + parts_of_day_said(kept, text), key=lambda claim: claim.number.start)


def _not_cut_short(english: list[Quantity], chinese: list[Quantity]) -> list[Quantity]:
    """The English readings but those that stop inside a number a Chinese reading reads on (RMB 63亿, US$5000万:
    "RMB 63" and "US$5000", longer than 63亿 and 5000万, were read as 63 yuan and 5,000 dollars; the Chinese
    reading has the currency before the number, see numerals._CURRENCY_BEFORE)."""
    if not english or not chinese:
        return english
    inside = Taken(max(claim.number.end for claim in english + chinese) + 1)  # (each asked of all was quadratic)
    for other in chinese:
        inside.add(other.number.start + 1, other.number.end)
    return [claim for claim in english if not inside.overlaps(claim.number.end, claim.number.end + 1)]


_LATIN_LETTER = compile_later("[A-Za-z]")
_CHINESE = compile_later(r"[\u3400-\u9fff]")


# Words in quotation marks: a name (“四好”, ‘十四五’) or the article's words, quoted (see tracing). Not between
# apostrophes, as a name's quoted part may be (tracing's _QUOTED_PART): in a sentence, an apostrophe of the article's
# and one of the site's would enclose what lies between them.
QUOTATION = compile_later(r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|\"[^\"]*\"")
_QUOTATION_MARKS = frozenset("“‘「『\"")


def in_quotation_marks(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands inside a pair of quotation marks: words quoted, not said."""
    return any(match.start() < start and end < match.end() for match in QUOTATION.finditer(text))


# A numeral of a name in quotation marks (“四好”, ‘十四五’, “一会一特色”): a number a reader sees, which fixes no
# meaning, as a quote's is read (see stated); traced by the name's glossary entry, or by a quote that says it (“五好”
# was read as nothing). A name is short: longer words in quotation marks are the article's, whose numerals are those
# of words as often (“这一个…”, “三心二意”). Nor a numeral that begins with 一 (“一站式”, “一个”: "one", "a").
_NAME_LENGTH = 8


def _quoted_names(text: str) -> list[tuple[int, int]]:
    """The places of the short runs of words in quotation marks in ``text`` (see _NAME_LENGTH)."""
    return [match.span() for match in QUOTATION.finditer(text) if match.end() - match.start() - 2 <= _NAME_LENGTH]


def _claimed_zh(text: str) -> list[Quantity]:
    dates = _spans(find_dates_zh(text, _ANY_DAY), len(text), days_alone_zh(text))
    found, numbers = _numeric_dates_first(text, find_numbers_zh(text), chinese=True)
    halves, numbers = _halves_first(text, numbers)
    clock, numbers = _zh_clock_times_first(text, numbers)
    names = _quoted_names(text) if not _QUOTATION_MARKS.isdisjoint(text) else []
    read: list[Quantity] = []
    after: Quantity | None = None  # what the number after this one was read as (see _opens_a_range)
    for number in reversed(numbers):  # (from the last: a range's first end is read as its last is)
        in_date = _in_a_date(number, dates)
        ordinal = _ordinal_zh(number, text)
        if ordinal and _a_place_in_the_text(number, text):
            after = None
            continue
        written_in_digits = any(char.isdecimal() for char in number.text)
        if written_in_digits or in_date or ordinal or is_count_zh(number, text) or reached_zh(number, text):
            quantity = Quantity(number, _zh_meanings(in_date, ordinal, _either_congress(number)),
                                _date_part(number, in_date, text))
        elif after is not None and _opens_a_range(number, after.number, text):
            quantity = Quantity(number, after.meanings, after.part)  # 三至五年, 一、二季度, 十一、十二届
        elif names and not number.text.startswith("一") and any(
                start < number.start and number.end < end for start, end in names):
            quantity = Quantity(number, frozenset((COUNT, ORDINAL)), NAMED)
        else:
            quantity = None
        if quantity is not None:
            read.append(quantity)
        after = quantity
    return _said(text, _with_clock_times(_with_wholes(_with_rates(_with_festivals(
        found + read[::-1] + halves + clock + _relative_years(text) + _firsts(text) + _parts_of_months(text)
        + _parts_of_years(text) + _dated_by_words(text), text), text, chinese=True), text, chinese=True), text))


# Between the ends of a range or of two numbers named together (三至五年, 两到三个月, 三、五家, 三或五家), whose measure
# word is written once, after the last: what joins two dates so (see dates), or 或.
_RANGE_JOIN = compile_later(rf"\s*(?:{DATES_JOINED}|或)\s*\Z")


def _opens_a_range(number: Number, after: Number, text: str) -> bool:
    """Whether ``number``, a numeral without a measure word, is the first end of a range whose last is ``after``,
    a number read: then it is read as that one is (the 三 of 三至五年 counts years, as the 3 of 3至5年 does; the 一
    of 一、二季度 is the first quarter). It was read as nothing, so 四至五年 passed for the article's 三至五年."""
    return not number.unit and _RANGE_JOIN.match(text[number.end:after.start]) is not None


# 首次, 首届, 首家 (the first time, session, company): a rank, as 第一次 is; not the 首 that ends a word (元首, 为首,
# 之首, 榜首: 元首次日, the head of state the next day); 头一次, 头一回, 头一遭 (the first time, said plainly) and 头一批,
# 头一家 (they passed unread: 一 with a measure word is an article), 初次 (the first time, as 首次; not 最初, at
# first); and in English the phrases that can mean nothing else ("first" alone is left out: "at first", "first of
# all").
_FIRSTS = compile_later(r"(?<![元党榜为居之魁祸自匕昂回俯垂叩斩部岁篇卷句段])首(?P<measure>次|度|届|家|个|批|位|座|款|场|期|轮|笔|单)"
                     r"|头一(?P<plain>次|回|遭|届|家|个|批|位|场|期|轮)|(?<![最起当])初(?P<initial>次)"
                     r"|\b(?:for the first time|the first time|first[\s-]ever)\b", re.IGNORECASE)
_TIMES = {"回": "次", "遭": "次"}  # (头一回 is 首次: the first time, counted in 次)


# A rate: an amount said of each span of time, of each thing or person, or on average (每年超4.5亿元, 超4.5亿元/年,
# 年均增长5%, 每年召开一次, 每两年, 每个商会捐款49万元, 人均1万元, 户均, 平均每家, 平均捐款; 450 million yuan a year,
# annually, every two years, biennially, annual donations of 450 million yuan, 1 million yuan per chamber, per capita,
# each chamber gave, on average). It says another thing than the amount alone, which a quote of the amount alone
# (超4.5亿元, a total said once) traced: a rate is traced only by a quote that says the same rate, in any of its forms
# and in either language. ``Quantity.per`` names what it is per: a span (年, 月, 周, 天, 季度), a span of several
# ("2年", every two years; "半年", every half year), a thing (see _THINGS), a measure word alone (个, 场: 每个项目, each
# one counted so, not said which), an English noun after "per" that names none of the things ("project"), or "均", an
# average of what is not said (平均捐款, on average).
#
# The rule: a word that says "each" or "on average" of a span or a thing, in the number's clause before it (每年
# (捐款) 超4.5亿元; not across a comma or a number: 每年3月召开, 捐款超4.5亿元), the nearest of them (每家每户发放49个
# is per household, 每年人均 per person), or one right after the number (/年, 每人, "a year", "per capita", "every two
# years"); and "the 49 chambers each gave", "per capita income of", "annual donations of". In English, a span said by
# every, each or per, or an adverb of frequency, further on in the number's clause (see _RATE_EN_LATER), and an adverb
# of frequency before it (meets quarterly with 20 departments); in Chinese, a word of frequency (按季度, 逐年, 年年: see
# _ZH_FREQUENCY) where 每年 would be read. A total of what each thing has is none (see _pooled).
#
# Not read: 一年来 and 一年多 (over the past year), "in a year", "a year ago", "each of the 49 chambers" and "every
# one of" (49 is a count of them), "per se", "as per" and "per cent" (a percentage), 平均分配 (shared equally), 每逢
# and 每当 (whenever), 49元/人次 (per visit: no thing of its own), nor "annual" that describes no flow of money or goods
# (the annual meeting approved 49 members: 49 are a meeting's, not a year's; an annual flow is read only as "annual
# donations of N", "an annual N", "N in annual donations"). Nor 各 (三家商会各捐款49万元, each) and "49 yuan each" or
# "apiece" after the number: 各 begins the names of groups as often (各商会, the chambers, whose sum may follow), and
# "each" after an amount names no thing a quote could be found to say. 每个人都 and 每一个 (every single one) with a
# number in their clause say it of each one, as 每人 does, and are read so: where the sentence means a total shared
# by all, the build refuses, and the editor quotes the passage.
#
# Each is looked at from its number, and only in a text that holds one of the rate's words (每, 均, 一年, /年, 按, 逐,
# 年年, 月月, 天天, 日日; year,
# month, week, day, daily, annu, quarter, per, each, every, averag): a search that began with a look back at every
# character would make the reading of every text slower. The look back from a number takes the nearest word (the
# greedy ``.*`` before it) in a window of a clause's length, and the nearest is what the number is said per.
_ZH_SPAN = "年|月|周|星期|天|日|季度"
# A span said by a word of frequency (按季度汇报, 按月, 按年度考核, 逐年增加, 年年, 月月, 天天): not 按年龄, 按日期,
# 按月份 (by age, by date, by month's name), nor a span's word said twice by two words (2023年年底, 去年年底, 今天天气,
# 本月月底, 青年年龄, 每年年底: the first ends a word, the second begins one).
_ZH_FREQUENCY = (r"(?:按|逐)(?P<by>季度|年|月|周|天|日)(?![龄份限代级薪期初底末中终纪程本历])"
                 r"|(?<![0-9〇零一二三四五六七八九十百千万两几数多每今去明昨前后同当近上下本该这那哪次全半整历往常长青少老"
                 r"中成新晚早学财闰周拜过元逐白春夏秋冬晴雨阴蓝聊露满翌隔某第个生节假工岁蜜腊正日])"
                 r"(?P<again>年|月|天|日)(?P=again)(?![底末初中终内度会龄金报级份代限薪轻纪头气空然津堂涯地下文使"
                 r"鹅桥才坛性窗花线台平际色真府命国子生赋职主理意井王神宫庭籁光亮饼本记志])"
                 # once a year and year after year (一年一度举办, 年复一年, 日复一日): not 一年一度的大会, the yearly
                 # meeting, a meeting's kind as 年度会议 and 季度性会议 are (no rate: 年度 names the year a thing is of,
                 # 2023年度, 年度报告, 年度捐款, and 季度性 or 月度 a kind, as "a quarterly meeting" does)
                 r"|一(?P<once>年)一度(?!的)|(?P<over>年|月|天|日)复一(?P=over)"
                 # but 季度性 before a verb or 地 says how often it is done (季度性召开, 季度性地召开: quarterly)
                 r"|(?P<regular>季度|年度|月度)性(?=地|召开|举行|举办|开展|组织|走访|发布|评选)")
# 年度, 季度 or 月度 (or 季度性) right before a flow is the flow's rate (年度捐款超4.5亿元: annual donations of), as "annual
# donations" is in English; not where a year names which (2023年度, 上年度, 本年度: that year's), nor before another
# noun (年度报告, 季度会议: a kind). Before the flow's number only: 49家商会年度捐款超4.5亿元 is no 49 a year.
_ZH_ANNUAL_FLOW = (r"(?<![0-9〇零一二三四五六七八九十本上下今去明前该同当全每])(?P<flow>年度|季度|月度)性?"
                   r"(?=(?:捐款|捐赠|收入|营收|销售额|产值|营业额|利润|支出|预算|订单|纳税|税收)"
                   r"[^的，。；：,.;:!?！？、\s0-9０-９]{0,8}\Z)")  # (年度捐款的49家商会: no amount of the flow)
_ZH_SPAN_COUNT = "[两二三四五六七八九十半]|[0-9]+"  # 每两年, 每三个月, 每半年, 每2年
# What a rate may be said per in Chinese, the longer words first: 企业家 are people, 会员企业 firms.
_ZH_THING_NOUNS = "个人|企业家|会员企业|会员|商协会|商会|协会|企业|公司|家庭|人|户"
_ZH_THING_MEASURES = "个|家|位|名|户|所|间|次|场|期|批"
# Every span, or every few (每年, 每两年, 每个月, 每一年; 每逢周末, 每逢年底: whenever it comes)
_ZH_EVERY = r"每(?:逢|一?(?:(?P<count>" + _ZH_SPAN_COUNT + r")个?|个?))"
_RATE_ZH_BEFORE = compile_later(
    r"(?s:.*)(?:" + _ZH_EVERY + r"(?P<every>" + _ZH_SPAN + r")(?!度(?:报|会))度?"
    r"|(?P<average>年|月|周|日)均(?!衡|匀|等|值得)"
    r"|平均每个?(?P<mean>" + _ZH_SPAN.replace("|季度", "") + r")"
    r"|(?<![0-9〇零一二三四五六七八九十百千两几数多近超约逾第上下前这那同])一(?P<one>年)(?![来多半以内中后前底初末度级轻代里的]|一度)"
    r"|每一?(?:(?P<measure>" + _ZH_THING_MEASURES + r")(?P<noun>" + _ZH_THING_NOUNS + r")?|(?P<bare>人|户|企))"
    r"|(?<![0-9〇零一二三四五六七八九十百千两几数多众诸等个大])(?P<each>人|户|家)均(?!衡|匀|等)"
    r"|平均(?!每|分配|分摊|主义|化)(?P<unnamed>)"
    r"|" + _ZH_FREQUENCY + r"|" + _ZH_ANNUAL_FLOW +
    # (每年为公益慈善事业捐款超4.5亿元: twelve characters between); the rate's words alone before a comma are the
    # next clause's (每年，所属商协会捐款超4.5亿元; 一年一度，年复一年，每逢周末，每年年底，), as "Every year," is
    r")(?:(?:[年月周]?[末底初])?\s*[，,]\s*)?[^，。；：,.;:!?！？、\s0-9０-９]{0,12}\Z")
_RATE_ZH_REACH = 24
_RATE_ZH_AFTER = compile_later(
    r"\s*(?:[/／]|每一?个?)(?:(?P<span>" + _ZH_SPAN + r")(?![0-9度])|(?P<thing>人|户|家)(?![次民员们口]))")
_RATE_SPANS = {"年": "年", "月": "月", "周": "周", "星期": "周", "天": "天", "日": "天", "季度": "季度",
               "year": "年", "yr": "年", "annually": "年", "yearly": "年", "annual": "年", "per annum": "年",
               "month": "月", "mo": "月", "monthly": "月", "week": "周", "wk": "周", "weekly": "周", "day": "天",
               "daily": "天", "quarter": "季度", "quarterly": "季度", "weekend": "周", "weekends": "周",
               "biennially": "2年", "biennial": "2年", "biannually": "半年", "semiannually": "半年",
               "semi-annually": "半年", "fortnightly": "2周", "年度": "年", "月度": "月"}
# The things a rate is said per, by every word that names one, in either language; two words are one thing only where
# they surely mean it (人均, 每人, 每位, per capita, per person, per head). Where they may not, they are two, and the
# build refuses: 每家 alone (a firm, a chamber, a family), a member (a person or a member firm), a chamber and an
# association, a household and a family.
_THINGS = {"人": "人", "个人": "人", "位": "人", "名": "人", "企业家": "人", "person": "人", "people": "人", "capita": "人",
           "head": "人", "会员": "会员", "member": "会员", "商会": "商会", "chamber": "商会", "协会": "协会",
           "association": "协会", "商协会": "商协会", "企业": "企业", "企": "企业", "会员企业": "企业", "公司": "企业",
           "firm": "企业", "company": "企业", "enterprise": "企业", "business": "企业", "户": "户", "household": "户",
           "家庭": "家庭", "family": "家庭"}
_SPAN_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "twelve": 12, "other": 2}
UNNAMED_AVERAGE = "均"
# Numbers in words, which a span after them is said of (49 chambers meet twice a year: twice, not 49, is a year's)
_EN_NUMBER_WORDS = "once|twice|thrice|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
_NOT_BETWEEN_RATE = ("in|within|for|over|after|before|than|of|about|under|from|since|by|at|to|on|last|this|next|that"
                     "|the|every|each|a|an|per|during|ago|and|or|but|half|" + _EN_NUMBER_WORDS)
_EN_THINGS = "persons?|people|capita|heads?|members?|chambers?|associations?|firms?|compan(?:y|ies)|enterprises?|" \
             "business(?:es)?|households?|famil(?:y|ies)"
_EN_COUNT = "two|three|four|five|six|seven|eight|nine|ten|twelve|other|[0-9]+"
_EN_SPANS = "years?|months?|weeks?|days?|quarters?"
# An annual flow: "annual donations of", "in annual donations" (not the annual meeting, report, fair or award).
_EN_FLOWS = (r"(?:donations?|contributions?|revenues?|sales|income|disposable\s+income|gdp|output|turnover"
             r"|investments?|spending|expenditures?|budgets?|profits?|exports?|imports?|growth|fees?|dues|subsid(?:y|ies)|funding|payments?|production"
             r"|trade|volume|earnings|giving|aid|orders?)")
_EN_ADJECTIVES = "annual|yearly|monthly|weekly|daily|quarterly|biennial"
# The words that follow an adverb of frequency and no noun (meets quarterly with 20 departments): after quarterly,
# monthly, weekly, daily, yearly or fortnightly any other word may be the noun it qualifies (quarterly meetings, a
# monthly meeting: a meeting's kind, as 季度会议 and 月度会议 are, no rate)
_NO_NOUN_AFTER = ("with|to|by|at|in|on|for|from|about|and|or|the|a|an|its|their|our|some|more|over|nearly|almost|up|as"
                  "|into|across|among|than")
_EN_FREQUENCY_ADVERB = (r"(?:annually|biennially|biannually|semi-?annually|per\s+annum"
                        r"|(?:yearly|monthly|weekly|daily|quarterly|fortnightly)(?=\s*(?:[^\w\s-]|\Z)|\s+(?:"
                        + _NO_NOUN_AFTER + r")\b))\b")
_RATE_EN_AFTER = compile_later(
    rf"(?:[\s-]+(?!(?:{_NOT_BETWEEN_RATE})\b)[a-z'’]+){{0,2}}?"
    r"(?:\s+(?:a|an|per|each|every)\s+(?:single\s+)?(?P<span>year|month|week|day|quarter)(?![\w-])"
    r"(?!\s+(?:ago|earlier|later|before|after|old|or\s+two)\b)"
    r"|\s*/\s*(?P<short>year|yr|month|mo|week|wk|day|quarter)\b"
    rf"|\s+every\s+(?P<count>{_EN_COUNT})\s+(?P<spans>{_EN_SPANS})\b"
    rf"|\s+per\s+(?P<thing>{_EN_THINGS})(?![\w-])|\s+an?\s+(?P<head>head|person)\b(?![\w-])"
    r"|\s+on\s+(?P<average>average)\b"
    r"|\s+per\s+(?!(?:se|cent|cents|centum|mille|annum|the|a|an|this|that|its|their|our|his|her|each|every|cent)\b)"
    r"(?P<other>(?-i:[a-z])[a-z]*)\b(?![\w-])"  # (not per Chen Yide, per Xinhua: a name, whom it is said by)
    rf"|\s+in\s+(?:(?P<flow>{_EN_ADJECTIVES})|per[\s-]+(?P<capita>capita|head))\s+{_EN_FLOWS}\b"
    r"|\s+(?P<adverb>" + _EN_FREQUENCY_ADVERB + "))", re.IGNORECASE)
# Further on in the number's clause (8 chambers are named model chambers every year; 20 departments report to the
# council monthly): a span said by every, each or per, or an adverb of frequency, said of what the clause's number
# does. The clause ends at a stop or a comma, at another number (which the words are nearer: 49 chambers sent 2
# delegates each year) and at a word that opens another clause (who, which, that, when, because, and the ...): 49
# members who meet every year are 49 once. Not "a year" (in a year, a year ago: a time as often), nor each or every
# thing (49 yuan each names no thing a quote could be found to say).
_ON_A_BASIS = rf"\bon\s+an?\s+(?P<basis>{_EN_ADJECTIVES}|fortnightly)\s+basis\b"  # (on a monthly basis: monthly)
# A span said twice (year after year, month by month, year in, year out, from year to year: each year, as 年复一年 and
# 年年 say), and the weekends (on weekends, at weekends: each week's, as 每逢周末 says)
_EN_AGAIN = (r"\b(?P<twice>year|month|week|day|quarter)\s+(?:after|by)\s+(?P=twice)\b(?![\w-])"
             r"|\b(?P<inout>year|month|week|day)\s+in,?\s+(?P=inout)\s+out\b"
             r"|\bfrom\s+(?P<fromto>year|month|week|day|quarter)\s+to\s+(?P=fromto)\b(?![\w-])"
             r"|\b(?:on|at|over|during)\s+(?P<weekends>weekends)\b")
_EN_AGAIN_WORDS = (*(f"{span} {joined} {span}" for span in ("year", "month", "week", "day", "quarter")
                     for joined in ("after", "by", "to")), "year in", "month in", "week in", "day in", "weekends")
_RATE_EN_LATER = compile_later(
    r"\b(?:every|each(?:\s+and\s+every)?|per)\s+(?:(?P<count>" + _EN_COUNT + r")\s+(?P<spans>" + _EN_SPANS + r")"
    r"|(?:single\s+)?(?P<span>year|month|week|day|quarter|weekend))\b(?![\w-])"
    r"(?!\s+(?:of|ago|earlier|later|before|after|old)\b)"
    r"|\b(?P<adverb>" + _EN_FREQUENCY_ADVERB + r")(?![\w-])|" + _ON_A_BASIS + "|" + _EN_AGAIN, re.IGNORECASE)
_CLAUSE_ENDS_EN = compile_later(
    r"[.;:!?,()\[\]0-9\u3000-\u303f\uff01-\uff1f]|\b(?:" + _EN_NUMBER_WORDS + r"|who|whom|whose|which|that|where|when|whenever|while|because"
    r"|although|though|if|unless|since|until|whereas|and\s+(?:then\s+)?(?:the|a|an|it|its|they|their|he|she|we|this"
    r"|these|those))\b", re.IGNORECASE)
_RATE_EN_LATER_REACH = 64
# The words between an annual flow and its amount: the flow's verb in any tense (annual donations reach, total, came
# to, have been), or none where the amount's own words begin with one of passing it (exceeded, topped 450 million yuan)
_EN_LINKS = (r"(?:of|worth|total(?:s|l?ing|l?ed)?|reach(?:es|ed|ing)?|exceed(?:ed|ing)|topp(?:ed|ing)|hits?"
             r"|(?:comes?|came|amounts?|amounted|rises?|rose|grows?|grew)\s+to|stands?\s+at|stood\s+at"
             r"|were|was|are|is|will\s+be|ha(?:ve|s|d)\s+been)")
# A number that a share is of, or that the things are among, is the whole: not what each thing is said to have (what
# each member gave of the 450 million yuan, each chamber among the 10, a part in the 6.3 billion yuan).
_A_WHOLE_BEFORE = r"(?<!\spart\sof\s)(?<!\sshare\sof\s)(?<!\sof\sthe\s)(?<!\sin\sthe\s)(?<!\samong\sthe\s)(?<!\sfrom\sthe\s)(?<!\stoward\sthe\s)(?<!\stowards\sthe\s)"
# (Every branch begins with one of _RATE_EN_FIRST_LETTERS: a place where another letter or a mark stands is passed
# over at once, where the branches were each tried there: the match from the far end of a window looks at each.)
_RATE_EN_FIRST_LETTERS = "abcdefhmopqswy"
_RATE_EN_BEFORE = compile_later(
    r"(?s:.*)\b(?=[" + _RATE_EN_FIRST_LETTERS + r"])(?:(?:every|each(?:\s+and\s+every)?)\s+(?:(?P<count>" + _EN_COUNT + r")\s+(?P<spans>" + _EN_SPANS + r")"
    r"|(?:single\s+)?(?P<span>year|month|week|day|quarter|weekend)|(?:single\s+)?(?P<thing>" + _EN_THINGS + r"))\b(?!\s+of\b)"
    r"[^.;:!?0-9]{0,40}" + _A_WHOLE_BEFORE +
    rf"|\b(?P<subject>{_EN_THINGS})\s+each\b[^.;:!?0-9]{{0,40}}" + _A_WHOLE_BEFORE +  # (the 49 chambers each gave 1 million yuan)
    r"|(?<!above\s)(?<!below\s)(?<!above-)(?<!below-)(?<!\bno\s)(?<!\bnot\san\s)(?<!\bthan\san\s)"  # (no average: none)
    r"(?P<average>on\s+average|an?\s+average\s+of|averag(?:e|ed|es|ing))\b"
    r"[^.;:!?0-9]{0,40}"
    rf"|(?P<adjective>{_EN_ADJECTIVES})\s+{_EN_FLOWS}\s+(?:{_EN_LINKS}\s+)?|(?P<bare>{_EN_ADJECTIVES})\s+"
    # an adverb of frequency (meets quarterly with 20 departments; annually, 20 departments report): one that is only
    # an adverb anywhere, one that is an adjective as often (the monthly meeting, weekly meetings of) where it
    # follows no article and a comma or a word no noun is follows it
    r"|" + _ON_A_BASIS + r"[^.;:!?0-9]{0,40}"
    r"|(?<![\w-])(?P<frequency>(?:annually|biannually|semi-?annually|biennially|per\s+annum)\b"
    r"|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bour\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bthis\s)"
    r"(?:quarterly|monthly|weekly|daily|yearly|fortnightly)(?=\s*,|\s+(?:with|to|by|at|in|on|for|from|about|and|or|the"
    r"|a|an|its|their|our|some|more|over|nearly|almost|up|as|into|across|among|than)\b))[^.;:!?0-9]{0,40}"
    rf"|\bper[\s-]+(?P<capita>capita|head)\s+{_EN_FLOWS}\s+{_EN_LINKS}\s+"
    r"|(?:" + _EN_AGAIN + r")[^.;:!?0-9]{0,40})\Z", re.IGNORECASE)
_RATE_EN_REACH = 60
_RATE_EN_WORDS = ("year", "month", "week", "day", "dail", "annu", "quarter", "/yr", "/mo", "/wk", "per", "each",
                  "every", "averag", "bienni", "fortnight", "a head")
_RATE_EN_BEFORE_WORDS = ("every", "each", "averag", "annual", "yearly", "monthly", "weekly", "daily", "quarterly",
                         "biennial", "fortnight", "capita", "per head", *_EN_AGAIN_WORDS)
_RATE_ZH_SLASH = compile_later("[/／](?:年|月|周|星期|天|日|季度|人|户|家)")


def _with_rates(found: list[Quantity], text: str, chinese: bool) -> list[Quantity]:
    """``found`` with each count or amount of ``text`` that says a rate given what it is per (see "A rate" above):
    ``chinese``, said in Chinese words (the numbers of the Chinese reader), else in English ones."""
    if chinese:
        before = _frequent(text) or "均" in text or "一年" in text
        if not before and not (("/" in text or "／" in text) and _RATE_ZH_SLASH.search(text) is not None):
            return found
        rate = functools.partial(_rate_zh, text=fold_traditional(text), before=before)  # (每個商會, 每週: one for one)
    else:
        lowered = text.lower()
        if not any(word in lowered for word in _RATE_EN_WORDS):
            return found
        rate = functools.partial(_rate_en, text=text,
                                 before=any(word in lowered for word in _RATE_EN_BEFORE_WORDS))
    rated = []
    for item in found:
        if COUNT in item.meanings and not item.part and (per := rate(item.number)):
            item = replace(item, per=per)
        rated.append(item)
    return rated


# "All" before a count (全部49个, 所有49家, 全体49名, all 49, all of the 49, every one of the 49, the entire 49), or
# 全部, 全都 or 悉数 after its noun in its clause (49个所属商会全部成立): the count is all there are of what it counts,
# which a quote of the count alone does not say (护航49个所属商会: the article does not say whether these are all of
# the Federation's chambers); they passed. Not all said of another thing (所有商会中，49个; each of the 49; in all, a
# total; above all), nor past a 的 that makes the things another's (49家商会的会员全部到会: the members). A quote's
# count in a name in quotation marks is all there are of what it names (“三项制度”: the three systems, which "all three"
# may say).
_WHOLE_ZH_BEFORE = compile_later(r"(?:全部|所有|全体|全都)的?\s*\Z")  # (所有的49个)
_WHOLE_ZH_AFTER = compile_later(r"(?:(?!的)[\u3400-\u9fff]){0,8}?(?:全部|全都|悉数)")
_WHOLE_EN_BEFORE = compile_later(r"(?<![\w-])(?:all(?:\s+of)?(?:\s+the)?|(?:each\s+and\s+)?every\s+one\s+of\s+the"
                                 r"|the\s+(?:entire|whole))\s+\Z", re.IGNORECASE)
# (all after the counted noun, as 全部 after it: the 49 chambers all joined; not in all, of all kinds, all told; from
# the first of a run of spaces only, which a search along the run tried at each)
_WHOLE_EN_AFTER = compile_later(r"(?<!\s)(?:\s+(?!(?:in|at|of|for|above|after|by|with|and|or|to|from|on|over|among)\b)"
                                r"[a-z'’-]+){1,3}?\s+all\s+(?!(?:of|the|over|along|but|told|round|around|together|in|at"
                                r"|kinds|sorts|that|this|these|those|year|day|week|month|along)\b)[a-z]", re.IGNORECASE)
_WHOLE_REACH = 32
_WHOLE_ZH_WORDS = ("全部", "所有", "全体", "全體", "全都", "悉数", "悉數")
_WHOLE_EN_WORD = compile_later(r"(?<![a-z])(?:all|every one|entire|whole)(?![a-z])")  # (not small, usually, allow)


def _with_wholes(found: list[Quantity], text: str, chinese: bool, quote: bool = False) -> list[Quantity]:
    """``found`` with each count of ``text`` said to be all there are marked so (see "All" above); ``chinese``: said
    in Chinese words, else in English ones; ``quote``: a quote's, whose names' counts are whole."""
    if not found:
        return found
    names = _quoted_names(text) if quote and not _QUOTATION_MARKS.isdisjoint(text) else []
    if chinese:
        if not names and not any(word in text for word in _WHOLE_ZH_WORDS):
            return found
        text = fold_traditional(text)  # (全體: one character for one)
    elif not (("all" in (lowered := text.lower()) or "every one" in lowered or "entire" in lowered
               or "whole" in lowered) and _WHOLE_EN_WORD.search(lowered) is not None):
        return found
    named = Taken(len(text))  # (made only here: most texts say no whole, and return above)
    for start, end in names:
        named.add(start, end)
    before, after = (_WHOLE_ZH_BEFORE, _WHOLE_ZH_AFTER) if chinese else (_WHOLE_EN_BEFORE, _WHOLE_EN_AFTER)
    return [replace(item, whole=True) if COUNT in item.meanings and not item.part and (
                named.overlaps(item.number.start, item.number.end)
                or before.search(text, max(0, item.number.start - _WHOLE_REACH), item.number.start) is not None
                or after.match(text, item.number.end) is not None) else item
            for item in found]


def same_whole(claim: Quantity, said: Quantity) -> bool:
    """Whether ``said`` says all there are where ``claim`` does (全部49个 is traced by 全部49个 and 49个全部, not by 49个
    alone); a claim of the count alone may leave out its quote's "all"."""
    return not claim.whole or said.whole


# After a number, what says it is the whole that a share is of (每家商会在超4.5亿元捐款中占多少, 每位会员在4.5亿元里占的份额),
# or a figure named as one (每个人都能找到49个这个数字), not what each thing has: read only where a rate's word stood before it
_A_WHOLE_AFTER_ZH = compile_later(r"[\u3400-\u9fff]{0,4}?[中里](?:占|的份额)|元?这[个一]数字")


# A span after the noun a count counts (8家商会每年获评, 49个所属商会每年都, 49家商会在市工商联的指导下每年都获评): the
# count is said of each span, as 每年 right after it is (only a span: 8家商会每家都 is each of the eight). The clause
# reaches to its mark (，；。) or to another number, whose the span is (49家商会与20家单位每年座谈), within the
# reach a rate's word before a number has (_RATE_ZH_REACH, for the cost of a search from each number); and not past
# a 的 that makes the counted thing another's (49家商会的会员每年捐款: the members give) or names one of its own
# (49家商会所在的城市每年增长), where no frame closes after it (在市工商联的指导下: how the chambers do it).
_RATE_ZH_AFTER_NOUN = compile_later(
    r"[\u3400-\u9fff]{1,24}?(?P<said>" + _ZH_EVERY + r"(?P<span>" + _ZH_SPAN + r")(?![0-9])(?!度(?:报|会))"
    r"|" + _ZH_FREQUENCY + ")")
_ANOTHER_NUMBER_ZH = compile_later("(?<![一二三四五六七八九十两百千万])[一二三四五六七八九十两百千万]+[个家位名项次场批条件届]")
_A_FRAME_CLOSES = ("下", "中", "里", "上", "时", "后", "前", "以来", "期间", "之际", "方面")


def _rate_zh(number: Number, text: str, before: bool = True) -> str:
    """What ``number`` of Chinese ``text`` is said per (年 of 每年超4.5亿元 and 超4.5亿元/年, 商会 of 每个商会捐款49万元),
    or ""; ``before``: the text may say it before the number."""
    after = _RATE_ZH_AFTER.match(text, number.end)
    if after is not None:
        return _RATE_SPANS[after["span"]] if after["span"] else after["thing"]
    if (_frequent(text[number.end:number.end + _RATE_ZH_REACH + 4])
            and (after := _span_of_the_count(text, number.end)) is not None):
        return _spans_of(after["count"], _RATE_SPANS[next(
            after[name] for name in ("span", "by", "again", "once", "over", "regular") if after[name])])
    said = _RATE_ZH_BEFORE.match(text, max(0, number.start - _RATE_ZH_REACH), number.start) if before else None
    if said is None or _A_WHOLE_AFTER_ZH.match(text, number.end) is not None:
        return ""
    if _quoted_after(text, max(said.start(name) for name, value in said.groupdict().items() if value is not None),
                     number.start):
        return ""  # (每一个都在“三个三”…: a name's numeral in quotation marks the rate's word stands outside of)
    if span := (said["every"] or said["average"] or said["mean"] or said["one"] or said["by"] or said["again"]
                or said["once"] or said["over"] or said["regular"] or said["flow"]):
        return _spans_of(said["count"], _RATE_SPANS[span])
    thing = said["noun"] or said["bare"] or said["measure"]
    if thing and _pooled(text, max(said.end(name) for name in ("noun", "bare", "measure") if said[name]), number,
                         english=False):
        return ""  # (每个会员和商会一共捐款超4.5亿元, 每个商会的捐款加起来: a total)
    if said["noun"] or said["bare"]:
        return _THINGS[said["noun"] or said["bare"]]
    if said["measure"]:
        return _THINGS.get(said["measure"], said["measure"])  # (每位, 每名, 每户: a person, a household)
    return said["each"] or UNNAMED_AVERAGE


# A clause after a comma that begins with the span has the count's clause's subject, where it has none of its own (49个
# 所属商会，每年都获评: the 49 are honoured each year, as with no comma): not where the span's clause names one
# (每年都有新商会加入, 每年的会议由…) or holds a number of its own, which the span is said of (每年捐款超4.5亿元).
_RATE_ZH_NEXT_CLAUSE = compile_later(
    r"[\u3400-\u9fff]{0,24}?(?P<comma>[，,])\s*(?P<said>" + _ZH_EVERY + r"(?P<span>" + _ZH_SPAN + r")(?![0-9])(?!度(?:报|会))"
    r"|" + _ZH_FREQUENCY + r")(?![都也均还]?有|的)")
_A_NUMBER_ZH = compile_later(r"[0-9０-９]|" + _ANOTHER_NUMBER_ZH.pattern)


def _span_of_the_count(text: str, end: int) -> re.Match[str] | None:
    """The span said after a Chinese count ending at ``end`` of ``text`` in its own clause or a next one that has its
    subject (see "A span after the noun" and "A clause after a comma" above), or None."""
    after = _RATE_ZH_AFTER_NOUN.match(text, end)
    if after is not None and _said_of_the_count(text[end:after.start("said")]):
        return after
    after = _RATE_ZH_NEXT_CLAUSE.match(text, end)
    if after is None or not _said_of_the_count(text[end:after.start("comma")]):
        return None
    stop = _CLAUSE_STOP.search(text, after.end())
    clause = text[after.end():stop.start() if stop is not None else len(text)]
    return after if _A_NUMBER_ZH.search(clause) is None else None


def _said_of_the_count(words: str) -> bool:
    """Whether a span after ``words`` (from a Chinese count to the span) is said of the count's clause: no mark of a
    clause nor another number between, nor a 的 no frame closes after (see "A span after the noun" above)."""
    if _CLAUSE_STOP.search(words) is not None or _ANOTHER_NUMBER_ZH.search(words) is not None:
        return False
    return "的" not in words or words.endswith(_A_FRAME_CLOSES)


def _frequent(text: str) -> bool:
    """Whether ``text`` may say a span's rate in Chinese (每年, 按月, 逐年, 年年: see _ZH_FREQUENCY); a look for its
    characters, before any pattern is asked."""
    return ("每" in text or "按" in text or "逐" in text or "年年" in text or "月月" in text or "天天" in text
            or "日日" in text or "年一度" in text or "复一" in text or "復一" in text
            or "年度" in text or "季度" in text or "月度" in text)  # (季度性召开, 年度捐款)


def _quoted_after(text: str, start: int, end: int) -> bool:
    """Whether a quotation mark opens in ``text[start:end]`` and none closes after it: what follows is quoted."""
    words = text[start:end]
    return max(map(words.rfind, "“‘「『")) > max(map(words.rfind, "”’」』"))


def _spans_of(count: str | None, span: str) -> str:
    """The key of a rate said of every ``count`` spans (每两年: "2年"; 每半年: "半年"; every year: "年")."""
    if not count or count in ("一", "1"):
        return span
    if count == "半":
        return "半" + span
    number = _SPAN_COUNTS.get(count.lower()) or int(count)
    return span if number == 1 else f"{number}{span}"


# A count set apart by a comma and said "in all" counts the things that each or every named before it (every chamber
# that was invited, 34 in all): the whole, not what each has (each chamber gave 1 million yuan in all is still a rate)
_SET_APART = compile_later(r",\s*(?:(?:more|fewer|less)\s+than\s+|over\s+|nearly\s+|about\s+|some\s+|almost\s+)?\Z",
                           re.IGNORECASE)
_IN_ALL = compile_later(r"\s+(?:in\s+all|in\s+total|all\s+told|altogether)\b", re.IGNORECASE)


def _rate_en(number: Number, text: str, before: bool = True) -> str:
    """What ``number`` of English ``text`` is said per (年 of 450 million yuan a year, 人 of per capita), or "";
    ``before``: the text may say it before the number (every year, each chamber, on average, annual donations of)."""
    after = _RATE_EN_AFTER.match(text, number.end)
    if after is not None:
        return "" if _participle_between(text, number.end, after.end()) else _rate_en_said(after)
    if (later := _rate_en_later(number, text)) is not None:
        return _rate_en_said(later)
    said = _RATE_EN_BEFORE.match(text, max(0, number.start - _RATE_EN_REACH), number.start) if before else None
    if said is None or (said["bare"] and not _money(number)):  # (an annual 450 million yuan; not the annual 49-member
        return ""                                                 # delegation, whose 49 a year does not qualify)
    if ((said["thing"] or said["subject"]) and _IN_ALL.match(text, number.end) is not None
            and _SET_APART.search(text, max(0, number.start - 16), number.start) is not None):
        return ""
    if said["thing"] and _pooled(text, said.end("thing"), number, english=True):
        return ""
    span = "span" if said["span"] else "spans" if said["spans"] else ""
    if span and "," in text[said.end(span):number.start] and _RELATIVE_OPENED.search(
            text, max(0, said.start(span) - 40), said.start(span)) is not None:
        return ""  # (49 members, who meet every year, gave 10 million yuan: the span is the meetings')
    return _rate_en_said(said)


# A total of what each or every thing has (see _pooled): words that pool the things, wherever they stand between the
# thing and its number or right after it (every member and chamber together came to, each chamber's donations
# combined, 加起来, 总和); words of a sum (in all, in total, 合计, 一共) only where the thing's is a part (each chamber's
# donations, 每个商会的捐款) or the things are two joined (every member and chamber, 每个会员和商会), since each chamber
# gave 1 million yuan in all and 每个商会一共捐款49万元 are still what each gave.
_POOLING_EN = compile_later(r"\b(?:together(?!\s+with\b)|combined|collectively|jointly|between\s+them|among\s+them"
                            r"|added\s+up|summed\s+up|in\s+the\s+aggregate)\b", re.IGNORECASE)
_SUMMED_EN = compile_later(r"\b(?:in\s+all|in\s+total|altogether|all\s+told|a\s+total\s+of|the\s+total\s+of"
                           r"|totall?(?:ing|ed))\b", re.IGNORECASE)
# (Its spaces are read from the first of a run: a search along a long run tried every start, which was quadratic.)
_PART_OR_JOINED_EN = compile_later(r"['’]s?\b|(?<!\s)\s+(?:and|or|as\s+well\s+as|&)\s+(?:(?:each|every|all|its|their)\s+)?"
                                   r"(?:" + _EN_THINGS + r")\b", re.IGNORECASE)
_POOLING_ZH = compile_later(r"加起来|合起来|加在一起|合在一起|总和")
_SUMMED_ZH = compile_later(r"合计|共计|总计|一共|总共|累计|共(?![同享建产识])")
_PART_OR_JOINED_ZH = compile_later(r"的|和|与|及|、|以及|同")
_POOLED_AFTER_REACH = 24
_CLAUSE_STOP = compile_later(r"[,.;:!?，。；：！？、]")


def _pooled(text: str, thing_end: int, number: Number | None, english: bool) -> bool:
    """Whether the words from a thing each or every names (its end, ``thing_end``) to ``number`` of ``text`` and
    right after it say a total of what the things have, not what each has (see _POOLING_EN); ``number`` None: to the
    end of ``text`` (a statistic's words, its figure outside them)."""
    end = len(text) if number is None else min(len(text), number.end + _POOLED_AFTER_REACH)
    if number is not None and (stop := _CLAUSE_STOP.search(text, number.end, end)) is not None:
        end = stop.start()  # (每个商会捐款49万元，加起来超4.5亿元: the sum is another clause's, of another number)
    words = text[thing_end:end]
    pooling, summed, joined = ((_POOLING_EN, _SUMMED_EN, _PART_OR_JOINED_EN) if english
                               else (_POOLING_ZH, _SUMMED_ZH, _PART_OR_JOINED_ZH))
    return pooling.search(words) is not None or (summed.search(words) is not None
                                                 and joined.match(words) is not None)


_RELATIVE_OPENED = compile_later(r",\s*(?:who|whom|whose|which|where)\b[^,]*\Z", re.IGNORECASE)


def _rate_en_later(number: Number, text: str) -> re.Match[str] | None:
    """A span's word further on in ``number``'s clause of English ``text`` (see _RATE_EN_LATER), or None."""
    reach = number.end + _RATE_EN_LATER_REACH
    later = _RATE_EN_LATER.search(text, number.end, min(len(text), reach))
    if later is None:  # (the rate's words are seldom there: the clause's end is looked for only when they are)
        stop = _CLAUSE_ENDS_EN.search(text, number.end, min(len(text), reach))
        phrase = _SET_OFF_PHRASE.match(text, stop.start()) if stop is not None else None
        if phrase is None:
            return None
        # the reach goes on by the phrase set off (49 chambers (which the Federation supports) hold meetings every year)
        later = _RATE_EN_LATER.search(text, phrase.end(), min(len(text), reach + phrase.end() - stop.start()))
        if later is None:
            return None
    end = _set_off(text, later.start(), later.end())
    at = number.end
    while (stop := _CLAUSE_ENDS_EN.search(text, at, end)) is not None:
        phrase = _SET_OFF_PHRASE.match(text, stop.start())
        if phrase is None or phrase.end() > end:
            return None
        at = phrase.end()  # (49 chambers, which the Federation supports, meet annually: the clause goes on)
    return None if _participle_between(text, at, end) else later


# A relative clause or a participle's phrase set off by a pair of commas or brackets after the number (49 chambers,
# which the Federation supports, meet annually; 49 chambers (following the plan) meet every year): the number's
# clause goes on after it. Not a span inside it (49 members, who meet every year, gave: the meetings').
_SET_OFF_PHRASE = compile_later(r",\s*(?:(?:who|whom|whose|which|where)\b|[a-z]{2,}ing\b)[^,.;:!?()\[\]]*,"
                                r"|\((?:(?:who|whom|whose|which|where)\b|[a-z]{2,}ing\b)[^()\[\]]*\)", re.IGNORECASE)


# A span set off in the clause by a pair of marks (49 chambers, every year, are named; 49 chambers (each year) are
# named; 49 chambers — every year — are named): the clause's, whose commas do not end it
_SET_OFF_PAIRS = {",": ",", "(": ")", "—": "—", "–": "–"}


def _set_off(text: str, start: int, end: int) -> int:
    """Where the words before a span at ``text[start:end]`` end: before the mark that opens it where a pair of marks
    sets it off (see _SET_OFF_PAIRS), else at ``start``."""
    opened = start
    while opened and text[opened - 1].isspace():
        opened -= 1
    closed = end
    while closed < len(text) and text[closed].isspace():
        closed += 1
    mark = text[opened - 1:opened]
    if mark in _SET_OFF_PAIRS and text[closed:closed + 1] == _SET_OFF_PAIRS[mark]:
        return opened - 1
    return start


# A participle that opens a phrase of its own between a number and a span (the 49 chambers of a city growing every
# year: the city grows; 49 chambers meeting every year gave: each meets): the span is the participle's, as a relative
# clause's is (49 members who meet every year), not what the number counts. Not a word ending in -ing after a form of
# be or keep (are meeting every year: the clause's verb), an article or a preposition (a meeting, by meeting targets),
# nor one that is a noun or a preposition as often (training, funding, during); and the clause's verb may follow the
# phrase (49 chambers meeting in Jinjiang are named every year: the span is the clause's again).
_ING = compile_later(r"\b[a-z]{2,}ing\b", re.IGNORECASE)
_WORD_BEFORE = compile_later(r"(?<![a-z'’])([a-z'’]+)\s+\Z", re.IGNORECASE)
_NO_PARTICIPLE_AFTER = frozenset(
    "is are was were be been being am 's ’s keep keeps kept keeping a an the this that these those its their our his "
    "her my your some any no each every of for by in on at from with without after before about into through to "
    "upon while when".split())
_NOT_PARTICIPLES = frozenset(
    "during including according regarding concerning thing something nothing anything everything morning evening "
    "spring string king ring wing ceiling training funding financing spending housing marketing planning "
    "fundraising networking advertising shipping banking manufacturing engineering processing printing clothing "
    "catering consulting".split())
# The clause's verb after a participle's phrase: a form of be, have or a modal, or a verb a sentence about chambers
# and their members says, in a form that is seldom a noun (the 49 chambers following the plan meet every year).
_CLAUSE_VERB = compile_later(r"\b(?:meet|meets|met|gather(?:s|ed)?|convene[sd]?|donate[sd]?|contribute[sd]?|give[sn]?"
                             r"|gave|pay|pays|paid|receive[sd]?|win|wins|won|join(?:s|ed)?|attend(?:s|ed)?|sends?|sent"
                             r"|elect(?:s|ed)?|recruit(?:s|ed)?|holds?|held|grows?|grew|earn(?:s|ed)?|spends?|spent"
                             r"|invest(?:s|ed)?|submit(?:s|ted)?|publish(?:es|ed)?|organi[sz]e[sd]?|raise[sd]?"
                             r"|become|becomes|became|gain(?:s|ed)?|add(?:s|ed)?)\b"
                             r"|\b(?:is|are|was|were|will|would|can|could|has|have|had|may|might|must|shall|should"
                             r"|do|does|did)\b", re.IGNORECASE)


def _participle_between(text: str, start: int, end: int) -> bool:
    """Whether a participle's phrase (see _ING) opens in ``text[start:end]`` and goes on to its end."""
    for participle in _ING.finditer(text, start, end):
        if participle.group().lower() in _NOT_PARTICIPLES:
            continue
        before = _WORD_BEFORE.search(text, max(start, participle.start() - 16), participle.start())
        if before is not None and before.group(1).lower() in _NO_PARTICIPLE_AFTER:
            continue
        if _CLAUSE_VERB.search(text, participle.end(), end) is None:
            return True
    return False


def _rate_en_said(said: re.Match[str]) -> str:
    """The key of the rate an English match says, after its number or before it (see ``Quantity.per``)."""
    groups = {name: value.lower() for name, value in said.groupdict().items() if value}
    if "spans" in groups:
        return _spans_of(groups["count"], _RATE_SPANS[_singular(groups["spans"])])
    if thing := groups.get("thing") or groups.get("head") or groups.get("subject") or groups.get("capita"):
        return _THINGS[_singular(thing)]
    if "other" in groups:
        return groups["other"]  # per project: none of the things, said so
    if "average" in groups:
        return UNNAMED_AVERAGE
    span = (groups.get("span") or groups.get("short") or groups.get("flow") or groups.get("adjective")
            or groups.get("bare") or groups.get("basis") or groups.get("twice") or groups.get("inout")
            or groups.get("fromto") or groups.get("weekends"))
    if span:
        return _RATE_SPANS[span]
    adverb = groups.get("adverb") or _FREQUENCY.match(groups["frequency"]).group()  # (its words to the number cut)
    return _RATE_SPANS[re.sub(r"\s+", " ", adverb)]  # (per  annum: per annum)


_FREQUENCY = compile_later(r"[a-z-]+(?:\s+annum)?")


def _singular(noun: str) -> str:
    """An English noun of the things or the spans in the singular (companies: company; years: year)."""
    for plural, singular in (("ies", "y"), ("sses", "ss"), ("shes", "sh"), ("s", "")):
        if noun.endswith(plural) and noun not in ("business", "people"):
            return noun[: -len(plural)] + singular
    return noun


def per_span(per: str) -> bool:
    """Whether a rate ``per`` (see ``Quantity.per``) is said of a span of time, or of several (年, 2年, 半年), not of a
    thing."""
    return per.endswith(("年", "月", "周", "天", "季度"))


def rate_forms(per: str) -> str:
    """The forms of a rate like ``per`` a quote may say it in, for a hint: a span's or a thing's."""
    if not per_span(per):
        return "每人, 人均, 每家企业, per person, per firm"
    return _SPAN_FORMS[next(span for span in _SPAN_FORMS if per.endswith(span))]  # (2年: a year's; 3月: a month's)


# The forms a span's rate may be said in, for a hint (a quarter's were named as a year's: 每年, 年均, /年)
_SPAN_FORMS = {"季度": "每季度, 按季度, per quarter, quarterly", "年": "每年, 年均, /年", "月": "每月, 月均, 按月, /月",
               "周": "每周, /周, weekly", "天": "每天, 日均, /天, daily"}


def rate_name(per: str) -> str:
    """What a rate ``per`` (see ``Quantity.per``) says, in words a Chinese- and an English-speaking editor both read."""
    if per in RATE_NAMES:
        return RATE_NAMES[per]
    several = re.fullmatch(r"([0-9]+|半)(年|月|周|天|季度)", per)
    if several is not None:
        count, span = several.groups()
        english = _SPAN_WORDS[span]
        if count == "半":
            return f"every half {english} (每半{span})"
        return f"every {count} {english}s (每{_ZH_COUNT_WORDS.get(count, count)}{'个' if span == '月' else ''}{span})"
    if per.isascii():
        return f"per {per}"  # (per project)
    return f"per one counted in {per} (每{per}: which thing is not said)"


_SPAN_WORDS = {"年": "year", "月": "month", "周": "week", "天": "day", "季度": "quarter"}
_ZH_COUNT_WORDS = {"2": "两", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九", "10": "十"}


def _festivals(text: str) -> list[Quantity]:
    """The festivals ``text`` names (春节, 国庆期间, the Mid-Autumn Festival): a day of the year each, which a
    quote must name too, in either language (they were read as nothing, so a page could date a meeting to National
    Day that the article never named)."""
    if not may_name_a_festival(text):
        return []
    folded = fold_traditional(text)
    return [Quantity(Number(float(festival_number(folded, match)), EXACT, match.start(), match.end(),
                            text[match.start():match.end()]), frozenset((DATE,)), FESTIVAL)
            for match in FESTIVAL_NAME.finditer(folded)]


# 3月上旬, 三月下旬, 3月初, 3月底, 3月中, early March, mid-March, late in March, the end of March: a part of a month,
# which a quote must say too. They were read as nothing, so a page could place in late March what its quote dates to
# March alone (the month itself is read apart). Not 3月初步 (a first step), nor 每月初 (every month's start, a habit).
# 中 alone (3月中, 年中) only where the clause goes on no word (3月中国, 今年中小企业): before a stop or 前, 后, 以来.
_MID_ENDS_A_WORD = r"中(?=[，,。；;、：:！!？?）)\s]|$|前|后|以[前后来]|之[前后]|左右|时|期间)"
# A span of two parts (3月中下旬, 上中旬, 中、下旬; mid-to-late March, early to mid-March) is read as the span, between
# their values (2.5: the middle to the end): it was read as its first part, so a quote's 3月中旬 traced 3月中下旬.
# 上下旬 (上、下旬) is the first and the last third, no span: two parts, each a quote must say (it was read as 3月上下,
# "about March", and its parts as none).
_SPAN_OF_PARTS_ZH = r"(?P<earlymid>上、?中旬)|(?P<midlate>中、?下旬)|(?P<earlylate>上、?下旬)|"
_PART_OF_MONTH_ZH = compile_later(  # (from 月, a character of its own: a search that began with a look back at a
    # numeral tried it at every character)
    r"(?<=[0-9０-９一二三四五六七八九十])月(?:" + _SPAN_OF_PARTS_ZH
    + r"(?P<early>上旬|初(?![步心衷期级始创次]))|(?P<mid>中旬|" + _MID_ENDS_A_WORD
    + r")|(?P<late>下旬|底(?![薪线])|末))")
# The same after no month's numeral (本月底, 上个月初, 月底前): a part of the month the text is about, unnamed. Read as a
# part alone, which a quote must say in its words (月底, or 3月底: the part is the same), never as the article's month:
# 月底前完成 of an article of 31 March may be April's end, and a page's 月底 speaks of the reader's month. Only after a
# word that names the month (本, 上, 下, 当, 次, 该, 同, 这个) or where no word stands before 月 (岁月, 蜜月, 每月 are others).
_BARE_PART_OF_MONTH_ZH = compile_later(
    r"月(?:" + _SPAN_OF_PARTS_ZH + r"(?P<early>上旬|初(?![步心衷期级始创次一二三四五六七八九十]))|(?P<mid>中旬|"
    + _MID_ENDS_A_WORD + r")|(?P<late>下旬|底(?![薪线])|末))")
_MONTH_NAMED_BY = frozenset("本上下当次该同")
_PART_OF_MONTH_EN = compile_later(
    rf"\b(?:(?P<earlymid>early[\s-]+to[\s-]+mid)|(?P<midlate>mid[\s-]*(?:to|-)[\s-]*late)"
    rf"|(?P<early>early|the (?:start|beginning) of)|(?P<mid>mid|the middle of)|(?P<late>late|the end of))"
    rf"[\s-]+(?:in\s+)?(?={_EN_MONTHS}\b|(?:the|this|last|next|that) month\b(?!['’]s))"
    rf"|\b(?P<mid_month>mid[\s-]?month)\b|\b(?P<late_month>month[\s-]?end)\b", re.IGNORECASE)
_PART_VALUES = {"early": 1, "mid": 2, "late": 3, "earlymid": 1.5, "midlate": 2.5}
_PART_WORDS_ZH = ("旬", "月初", "月底", "月末", "月中")
_PART_WORDS_EN = ("early", "mid", "late", "start of", "beginning of", "middle of", "end of", "month end", "month-end",
                  "monthend")


def _parts_of_months(text: str) -> list[Quantity]:
    """The parts of a month ``text`` names after a month (上旬, late March) or after no month's numeral (本月底, the
    end of the month): each a date, 1, 2 or 3 (start, middle, end), which a quote must name too."""
    found = []
    if "月" in text and any(word in text for word in _PART_WORDS_ZH):
        found += [(match.start() + 1, match.end(), match.lastgroup) for match in _PART_OF_MONTH_ZH.finditer(text)]
        found += [(match.start(), match.end(), match.lastgroup) for match in _BARE_PART_OF_MONTH_ZH.finditer(text)
                  if _no_month_named_before(text, match.start())]
    lowered = text.lower()
    if any(word in lowered for word in _PART_WORDS_EN):
        found += [(match.start(), match.end(), match.lastgroup) for match in _PART_OF_MONTH_EN.finditer(text)]
    return [Quantity(Number(float(_PART_VALUES[part.split("_")[0]]), EXACT, start, end, text[start:end].strip()),
                     frozenset((DATE,)), PART_OF_MONTH) for start, end, either in found
            for part in (("early", "late") if either == "earlylate" else (either,))]


def parts_of_an_unnamed_month(text: str) -> list[re.Match]:
    """The parts of a month ``text`` names with no word that names the month (月底前, 在月底, 商会月底换届): the month
    the text is read in, where the site speaks for itself, as 本月 is (see tracing.times_from_today); not 当月底 or
    该月初, the month the text is about, nor 本月底 or 上个月初, which are found as 本月 and 上个月 are."""
    if "月" not in text:
        return []
    return [match for match in _BARE_PART_OF_MONTH_ZH.finditer(text)
            if _no_month_named_before(text, match.start())
            and text[match.start() - 1:match.start()] not in _MONTH_NAMED_BY and not text.endswith("个", 0, match.start())]


# The characters before 月 that make another word of it (岁月, 蜜月, 满月, 经年累月, 逐月, 数月: no month's part), or
# name a month of their own (正月, 腊月, 元月, 十月: a month of the calendar, not the reader's; 十月上旬 was read twice,
# as a named month's part and an unnamed one's)
_NOT_A_MONTH_BEFORE = frozenset("岁蜜每满正腊冬元闰日年明风赏望新残弯圆累经逐按包整隔跨数几多半足月花秋春今前近历"
                                "一二三四五六七八九十")


def _no_month_named_before(text: str, at: int) -> bool:
    """Whether the 月 at ``at`` in ``text`` follows no numeral but a word that says which month (本月, 上个月), or no
    word that makes another of it (月底前, 在月底, 商会月底换届); not 岁月, 蜜月 or 每月 (every month: a habit, no
    date: see ``_NOT_A_MONTH_BEFORE``)."""
    before = text[at - 1] if at else ""
    if before == "个":
        return text[at - 2:at - 1] in ("这", "上", "下")
    return before in _MONTH_NAMED_BY or not (before in _NOT_A_MONTH_BEFORE or before.isdecimal())


# 年初, 年中, 年底, 年末, 岁末, 2023年初, 今年年底, 去年底, early 2023, mid-2023, the end of last year, year-end: a part
# of a year, which a quote must say too. 年底 was read only as this year (so a quote's 今年 traced it) and 2023年底
# only as 2023: the part was never checked. The year is read apart (2023年, 今年, and 年 of a 年底 no word names: this
# year's, see _relative_years), the part from the character after 年, so both are claims. Not after a word that makes
# another of 年 (青年初心, 大年初一, 每年年末: every year's end, a habit; 一年中, 三年底: a count of years), nor 年底薪
# (a year's base pay), 今年中国, the early 1990s, the end of the year's plan, a year-end bonus (a kind of pay); nor
# 年初以来, 2023年初至今, since the start of 2023: a time since the year began, as 今年以来 says (no part of it). Its
# end in other words is the same part (年尾, 年终, 岁尾; not 年终奖, a bonus), and no year before it is this year, as
# 年底's is (see dates.YEAR_BOUND_ZH): year-end and mid-year too (see _parts_of_years).
_PART_OF_YEAR_ZH = compile_later(
    r"年(?:(?P<early>初(?![一二三四五六七八九十心创步次级衷始期至到]|以来))|(?P<mid>" + _MID_ENDS_A_WORD
    + r")|(?P<late>底(?![线气色蕴子牌薪])|末|尾|终(?!奖)|关(?![" + YEAR_CLOSE_NOT_AFTER + r"])))|岁(?P<late_>末|尾)")
_NO_YEAR_BEFORE = frozenset("大每青少老成童幼中晚早近往多历全几数半逐" + ZH_NUMERALS)
_PART_OF_YEAR_EN = compile_later(
    r"\b(?:(?P<early>early|(?<!since )the (?:start|beginning) of)|(?P<mid>mid|the middle of)|(?P<late>late|the end of))"
    r"[\s-]+(?=(?:19|20)[0-9]{2}\b(?![s'’])|(?:the|this|last|next|that) year\b(?!['’]s))"
    r"|\b(?:(?P<mid_>mid[\s-]?year)|(?P<late_>year[\s-]?end|end[\s-]of[\s-](?:the[\s-])?year))\b(?!['’]s)"
    r"(?![\s-]+(?:bonus(?:es)?|sales?|exams?|examinations?)\b)", re.IGNORECASE)
_YEAR_PART_WORDS_EN = ("early", "mid", "late", "start of", "beginning of", "middle of", "end of", "year end",
                       "year-end", "yearend")


def _parts_of_years(text: str) -> list[Quantity]:
    """The parts of a year ``text`` names (年底, late 2023, mid-year): each a date, 1, 2 or 3 (start, middle, end),
    which a quote must name too (see ``_PART_OF_YEAR_ZH``)."""
    found = []
    if ("年" in text or "岁" in text or "歲" in text) and ("初" in text or "中" in text or "底" in text or "末" in text
                                                       or "尾" in text or "终" in text or "終" in text
                                                       or "关" in text or "關" in text):
        folded = fold_traditional(text)
        found += [(match.start() + 1, match.end(), match.lastgroup,
                   text[match.start():match.end()])
                  for match in _PART_OF_YEAR_ZH.finditer(folded) if _a_year_before(folded, match.start())]
    lowered = text.lower()
    this_year = []
    if any(word in lowered for word in _YEAR_PART_WORDS_EN):
        for match in _PART_OF_YEAR_EN.finditer(text):
            start, end, shown = match.start(), match.end(), match.group().rstrip(" -\n\t")
            if match.lastgroup.endswith("_"):  # year-end, mid-year: no year named, so this one's, as the end of the
                # year is (see _relative_years); its word "year" the year's claim, the rest the part's
                year = lowered.index("year", start)
                this_year.append(Quantity(Number(0.0, EXACT, year, year + 4, shown), frozenset((DATE,)),
                                          RELATIVE_YEAR))
                start, end = (start, year) if year > start else (year + 4, end)
                start, end = _stripped(text, start, end)
            found.append((start, end, match.lastgroup, shown))
    # (a part's place is after 年, which the year's claim takes; it shows as the word, 年底)
    return [Quantity(Number(float(_PART_VALUES[part.split("_")[0]]), EXACT, start, end, shown), frozenset((DATE,)),
                     PART_OF_YEAR) for start, end, part, shown in found] + this_year


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved inward over spaces and hyphens (the part of "year-end" is its "end")."""
    while start < end and text[start] in " -\n\t":
        start += 1
    while end > start and text[end - 1] in " -\n\t":
        end -= 1
    return start, end


def _a_year_before(text: str, at: int) -> bool:
    """Whether the 年 (or 岁) at ``at`` in ``text`` is a year's: after a year (2023年, 二〇二三年, 今年, 去年, 当年;
    either doubled, 今年年底), or after no word that makes it another's (年底前, 预计年底)."""
    if text[at] == "岁":
        return not (at and (text[at - 1] in ZH_NUMERALS or text[at - 1].isdecimal()))
    if at and text[at - 1] == "年":  # (今年年底, 2023年年初)
        at -= 1
    before = text[at - 4:at] if at >= 4 else ""
    if len(before) == 4 and (before.isdecimal() or all(char in ZH_PLAIN_DIGITS for char in before)):
        return True
    if text.endswith(_NEARING, 0, at):
        return True  # (临近年底, 接近年关: nearing the year's end; 近年 alone is recent years)
    return not at or not (text[at - 1] in _NO_YEAR_BEFORE or text[at - 1].isdecimal())


_NEARING = ("临近", "接近", "逼近", "靠近", "将近")


# A date left open, in words: two joined by 还是 or "or" (上午还是下午, whether in the morning or the afternoon: which
# of them is not said), or in a clause that says a text does not say it (文章没有说恳谈会在上午举行, 未说明是周三还是
# 周四, the article does not say whether it met on Wednesday). No claim: each was refused as a date its quote does not
# say. A clause after a comma says its own (文章没有说，恳谈会在上午举行 dates the meeting), and an event denied is
# still dated (会议未能在年底召开, the meeting was not held in the morning): only what a text says or asks is left
# open.
_LEFT_OPEN_PARTS = frozenset((RELATIVE_YEAR, PART_OF_MONTH, PART_OF_YEAR, FESTIVAL, *_WORD_PARTS))
# (Only where no white space is before it, and its comma looked for once: a search along a long run of spaces
# tried every start, and every split of the run between its two spaces, which was quadratic.)
_EITHER = compile_later(r"(?<!\s)(?:\s*(?:还是|或者|或是|或|抑或)\s*(?:在|是)?\s*"
                        r"|(?:\s*,)?\s+(?:or|and/or)\s+(?:(?:in|on|at|during)\s+)?(?:the\s+)?)", re.IGNORECASE)
_NOT_SAID = compile_later(
    r"(?:没有?|未|并未|并没有?|不|尚未)(?:说|提(?![倡升高供前出交名醒议拔])|写|讲|交代|透露|注明|载明|标明|明确|表明|给出"
    r"|指出)|不清楚|不详|不知道|不得而知|未知|无从得知"
    r"|\b(?:does|did|do|will|would|can)\s*(?:not|n['’]t)\s+(?:say|state|mention|give|specify|tell|report|show|indicate"
    r"|name)\b|\bnot\s+(?:said|stated|mentioned|given|specified|known|clear|named)\b|\bunclear\b|\bunknown\b"
    r"|\bno\s+(?:mention|word)\b|\bwhether\b|\bsilent\s+(?:on|about)\b", re.IGNORECASE)


def _said(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` but the dates in words that ``text`` leaves open (see ``_EITHER``)."""
    words = sorted((item for item in found if item.part in _LEFT_OPEN_PARTS), key=lambda item: item.number.start)
    if not words:
        return found
    units: list[list[Quantity]] = []  # (盛夏, 年底: a season and its part, a year and its part, one date)
    ends: list[int] = []  # (where each unit ends: asked of the unit each time, a long one was quadratic)
    for item in words:
        if units and item.number.start <= ends[-1]:
            units[-1].append(item)
            ends[-1] = max(ends[-1], item.number.end)
        else:
            units.append([item])
            ends.append(item.number.end)
    open_ = set()
    for index, (first, second) in enumerate(zip(units, units[1:])):
        if _EITHER.fullmatch(text, ends[index], second[0].number.start) is not None:
            open_.update(map(id, first + second))
    denials = [match.start() for match in _NOT_SAID.finditer(text)]  # (once: a unit's clause may be all the text)
    clause = scanned = 0
    for unit in units:
        start = unit[0].number.start
        for at in range(scanned, start):  # (where the unit's clause begins: after the last stop before it; not the
            # stops of a.m., p.m. or U.S.)
            if text[at] in CLAUSE_BEGINS and not (text[at] == "." and (text[at - 2:at - 1] == "."
                                                                      or not text[at + 1:at + 2].isspace())):
                clause = at + 1
        scanned = max(scanned, start)
        denied = bisect.bisect_left(denials, clause)
        if denied < len(denials) and denials[denied] < start:
            open_.update(map(id, unit))
    return [item for item in found if id(item) not in open_] if open_ else found


def _dated_by_words(text: str) -> list[Quantity]:
    """The days of the week, seasons and times of day ``text`` names (周三, 今年秋天, 上午, on Wednesday, in the
    spring of 2023, that evening): each a date a quote must say too, in either language (see numerals.WEEKDAY)."""
    return [Quantity(Number(float(word.value), EXACT, word.start, word.end, word.text), frozenset((DATE,)), word.kind)
            for word in date_words(text)]


# A time of day in digits: 9:30 (not 3:1, a score or a ratio, nor 10:30:45's seconds), 9时, 9时30分, 9点 where a
# clock says it (上午9点, 9点钟, 9点半, 9点30分: 提出9点建议 is nine proposals), 9 a.m., 9:30 pm, 9 o'clock. Its
# numbers were counts, so 9:30 was traced by a quote's 9个 and 30%. Looked for after each number of an hour's size
# read (a search that began with the hour's digits tried it at every character).
_CLOCK_AFTER_HOUR = compile_later(
    r"[:：](?P<minute>[0-5][0-9])(?![0-9:：])|时(?:(?P<zh_minute>[0-5]?[0-9])分)?"
    r"|点(?=钟|半|整|[0-5]?[0-9]分)(?:(?P<dot_minute>[0-5]?[0-9])分)?|(?=\s?(?:[ap]\.?m\.?(?![a-z])|o['’]clock))",
    re.IGNORECASE)
_TIMES_BEFORE_AN_HOUR = frozenset(("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚", "当晚"))  # (上午9点)


# A time in digits, a quote's or a claim's, says the part of the day it falls in where its hour and its half of the
# day do: 9:30 a.m. is in the morning (上午), 3 p.m. in the afternoon (下午), 21时 (a 24-hour clock, as Chinese writes
# 时) in the evening (晚上). A page's 上午9时30分 citing "9:30 a.m." was refused ('上午' is a time of day, and the quote
# it cites does not say it), as 晚上9时 citing 21时 was; and "9 p.m." citing 上午9时 passed. Hours at the edge of two parts say neither (5 and 6 a.m.: 凌晨 or 早上; 5 and
# 6 p.m.: 下午 or 傍晚; midnight), nor does an hour whose half is not said (9点, 9 o'clock). Numbered as
# numerals._TIME_NUMBERS numbers the words: 1 the small hours, 2 the morning, 3 noon, 4 the afternoon, 5 the evening.
_PART_OF_DAY_BY_HOUR = {**dict.fromkeys(range(1, 5), 1), **dict.fromkeys(range(7, 12), 2), 12: 3,
                        **dict.fromkeys(range(13, 17), 4), **dict.fromkeys(range(19, 24), 5)}
_HALF_OF_DAY_AFTER = compile_later(r"(?:[:：][0-5][0-9])?\s?(?P<half>[ap])\.?m\.?(?![a-z])", re.IGNORECASE)
_TWENTY_FOUR_HOURS_AFTER = compile_later("[时時]")  # (9时 is 9 in the morning; 9点 may be either)


def parts_of_day_said(found: Sequence[Quantity], text: str) -> list[Quantity]:
    """The parts of the day that the times in digits among ``found`` (read from ``text``) fall in, where the text
    says no part of the day in words (see ``_PART_OF_DAY_BY_HOUR``): what a quote says, and what a claim does, which
    a quote must say too (9 p.m. citing 上午9时, and 21时 citing 9时, passed: an hour is read on a 12-hour clock).
    Each at the words that say it: the a.m. or p.m., or the hour and its 时."""
    hours = [item for item in found if item.part == HOUR]
    if not hours or any(item.part == TIME_OF_DAY for item in found):
        return []
    said = []
    for item in hours:
        digits = fold_digits(item.number.text)
        if not (digits.isascii() and digits.isdigit()):
            continue  # (an hour in numerals, 二十一时: left to the words, as before)
        hour = int(digits)
        half = _HALF_OF_DAY_AFTER.match(text, item.number.end)
        clock = _TWENTY_FOUR_HOURS_AFTER.match(text, item.number.end)
        if half is not None and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half["half"].lower() == "p" else 0)
            start, end = half.span("half")[0], half.end()
        elif clock is not None or hour >= 13:
            start, end = item.number.start, clock.end() if clock is not None else item.number.end
        else:
            continue
        part = _PART_OF_DAY_BY_HOUR.get(hour)
        if part is not None:
            said.append(Quantity(Number(float(part), EXACT, start, end, text[start:end]), frozenset((DATE,)),
                                 TIME_OF_DAY))
    return said


def _with_clock_times(found: list[Quantity], text: str) -> list[Quantity]:
    """``found`` with the numbers of each time of day in digits read as its hour and minute (see
    ``_CLOCK_AFTER_HOUR``)."""
    parts: dict[tuple[int, int], tuple[str, float]] = {}
    for item in found:
        number = item.number
        if (not number.text.isdecimal() or number.value >= 24 or not number.text.isascii()
                or text[number.start - 1:number.start] in (":", "：")):  # (a minute's or a second's digits)
            continue
        match = _CLOCK_AFTER_HOUR.match(text, number.end)
        if match is None and not (text.startswith("点", number.end)
                                  and text[max(0, number.start - 2):number.start] in _TIMES_BEFORE_AN_HOUR):
            continue
        parts[number.start, number.end] = (HOUR, float(int(number.value) % 12))
        name = next((name for name in ("minute", "zh_minute", "dot_minute") if match is not None and match[name]), "")
        if name:
            parts[match.span(name)] = (MINUTE, float(int(match[name])))
    if not parts:
        return found
    return [replace(item, number=replace(item.number, value=parts[span][1]), meanings=frozenset((DATE,)),
                    part=parts[span][0]) if (span := (item.number.start, item.number.end)) in parts else item
            for item in found]


# A time of day in Chinese numerals: 九时, 十时三十分, 九点半, 九点钟, 上午九时, 下午三点, 晚上八点十五分 (the digits'
# are read by _with_clock_times). A numeral alone, it was read as nothing, so a page's 上午九时 was traced by any quote.
# Conservative, for 点 and 时 end many words: 点 only before 半, 钟, 整 or the minutes (九点半), or after a time of day
# (下午三点): not 九点建议 (nine proposals), 三点一线, 一点点, 两点 (two points); 时 not where it begins a word (一时间,
# 三时期) nor after 一 alone (一时: for a while), unless a time of day stands before it or the minutes after.
_ZH_HOUR_AFTER = compile_later(
    r"(?P<mark>[时点])(?:过?(?P<minute>[〇零一二三四五六七八九十]{1,3})分|(?P<half>半)|(?P<clock>[钟整]))?")
# 九点零五分, 十点零八分: a minute under ten after 点 is written as a decimal's digits are, and was read as one (9.05,
# nothing claimed). Before 分 it is a time (not after the words of a score: 评分九点零五分 is 9.05 points); 零点 alone
# is midnight (not 零点五, 零点几: decimals).
_DECIMAL_CLOCK = compile_later(r"(?P<hour>[〇零一二两三四五六七八九十]{1,3})点(?P<minute>零[一二三四五六七八九])(?=分)")
_A_SCORE_BEFORE = ("分", "评", "绩")
_MIDNIGHT = compile_later(r"[零〇]点(?![〇零一二两三四五六七八九十几半])")
_NOT_AN_HOUR_AFTER = frozenset("期代间候刻常效髦装尚机势局事段速空光令节差针辰态序值区兴")
_ZH_HOUR_NUMERALS = frozenset("〇零一二两三四五六七八九十")


def _zh_clock_times_first(text: str, numbers: list[Number]) -> tuple[list[Quantity], list[Number]]:
    """The hours and minutes of the times of day ``text`` says in Chinese numerals (see ``_ZH_HOUR_AFTER``), and
    the ``numbers`` read from it that are none of them."""
    if not ("时" in text or "点" in text or "時" in text or "點" in text):
        return [], numbers
    folded = fold_traditional(text)
    starts = {number.start: number for number in numbers}
    found: list[Quantity] = []
    for number in numbers:
        if "点" in number.text:  # (九点零五: read as a decimal)
            found += _decimal_clock(folded, number)
            continue
        if (number.unit or not _ZH_HOUR_NUMERALS.issuperset(number.text) or number.value >= 25
                or number.value != int(number.value)):
            continue
        match = _ZH_HOUR_AFTER.match(folded, number.end)
        if match is None or not _an_hour(folded, number, match):
            continue
        found.append(Quantity(replace(number, value=float(int(number.value) % 12)), frozenset((DATE,)), HOUR))
        minute = starts.get(match.start("minute")) if match["minute"] else None
        if minute is not None and minute.end == match.end("minute") and minute.value < 60:
            found.append(Quantity(minute, frozenset((DATE,)), MINUTE))
        elif match["half"]:
            found.append(Quantity(Number(30.0, EXACT, *match.span("half"), match["half"]), frozenset((DATE,)), MINUTE))
    return found, _outside(found, numbers, len(text))


def _decimal_clock(text: str, number: Number) -> list[Quantity]:
    """The hour and minute of ``number``, a decimal in Chinese numerals, where it is a time (see
    ``_DECIMAL_CLOCK``), or none."""
    match = _DECIMAL_CLOCK.match(text, number.start)
    if match is None or match.end() != number.end or any(
            word in text[max(0, number.start - 3):number.start] for word in _A_SCORE_BEFORE):
        return []
    hour = int(number.value)
    return [Quantity(Number(float(hour % 12), EXACT, *match.span("hour"), match["hour"]), frozenset((DATE,)), HOUR),
            Quantity(Number(float(round((number.value - hour) * 100)), EXACT, *match.span("minute"), match["minute"]),
                     frozenset((DATE,)), MINUTE)]


def _an_hour(text: str, number: Number, match: re.Match[str]) -> bool:
    """Whether ``number``, a numeral before 时 or 点 (``match``), is the hour of a time of day (see
    ``_ZH_HOUR_AFTER``)."""
    if match["minute"] or match["half"] or match["clock"]:
        return True
    if text[max(0, number.start - 2):number.start] in _TIMES_BEFORE_AN_HOUR:
        return True
    if number.text in "零〇" and _MIDNIGHT.match(text, number.start) is not None:
        return True  # (零点: midnight)
    return (match["mark"] == "时" and number.text not in ("一", "两")
            and text[match.end():match.end() + 1] not in _NOT_AN_HOUR_AFTER)


def _with_festivals(found: list[Quantity], text: str) -> list[Quantity]:
    """``found`` with the festivals ``text`` names, each in place of the numbers of its name (the Ninth of the Double
    Ninth Festival, 重阳节, is no ordinal)."""
    festivals = _festivals(text)
    if not festivals:
        return found
    return [item for item in found if not any(festival.number.start < item.number.end
                                              and item.number.start < festival.number.end
                                              for festival in festivals)] + festivals


def _firsts(text: str) -> list[Quantity]:
    """The ranks of one said without a numeral (首次, for the first time): what a text says first happened is a claim
    a quote must make too."""
    if ("首" not in text and "头一" not in text and "頭一" not in text and "初次" not in text and "irst" not in text
            and "IRST" not in text):
        return []
    return [Quantity(Number(1.0, EXACT, match.start(), match.end(), text[match.start():match.end()],
                            match["measure"] or match["initial"] or _TIMES.get(match["plain"], match["plain"] or "")
                            or ("次" if match.group().lower().endswith("time") else "")),  # (for the first time: 首次)
                     frozenset((ORDINAL,))) for match in _FIRSTS.finditer(fold_traditional(text))]  # (首屆, 頭一回)


# A half of a year (see HALF): 上半年 and 下半年 (前半年, 后半年 as some write them); the first or second (or latter)
# half of the year, of this, last or next year or of 2023, or half-year; H1 or H2 beside a year (H1 2023, 2023 H2:
# H1 alone is a heading as often). Not a half of anything else (上半场, the first half of the meeting).
_HALVES = compile_later(r"(?P<zh>[上下前后])半年"
                     r"|\b(?P<which>first|second|latter)[\s-]+half(?=[\s-]+year\b|\s+of\s+(?:(?:the|this|last|next|that)"
                     r"\s+year|[12][0-9]{3})\b)"
                     r"|(?-i:\bH(?P<h>[12]))(?=[\s-]?[12][0-9]{3}\b)|(?<=[12][0-9]{3}[\s-])(?-i:H(?P<h2>[12]))\b",
                     re.IGNORECASE)
_HALF_NUMBERS = {"上": 1, "前": 1, "first": 1, "1": 1, "下": 2, "后": 2, "second": 2, "latter": 2, "2": 2}


def _halves_first(text: str, numbers: list[Number]) -> tuple[list[Quantity], list[Number]]:
    """The halves of a year ``text`` names (see ``_HALVES``), and the ``numbers`` read from it that are none of
    them (the 1 of H1)."""
    if "半" not in text and "alf" not in text.lower() and "H" not in text:
        return [], numbers
    halves = [Quantity(Number(float(_HALF_NUMBERS[(match["zh"] or match["which"] or match["h"] or match["h2"]).lower()]),
                              EXACT, match.start(), match.end(), match.group()), frozenset((DATE,)), HALF)
              for match in _HALVES.finditer(text)]
    return halves, _outside(halves, numbers, len(text))


def _outside(found: list[Quantity], numbers: list[Number], length: int) -> list[Number]:
    """The ``numbers`` (read from a text of ``length``) that overlap none of the quantities ``found`` in it."""
    if not found:
        return numbers
    taken = Taken(length)
    for item in found:
        taken.add(item.number.start, item.number.end)
    return [number for number in numbers if not taken.overlaps(number.start, number.end)]


_ZH_DATE_PARTS = {"年": YEAR, "月": MONTH, "日": DAY, "号": DAY, "季度": QUARTER}


def _spans(dates: list, length: int, days: Sequence[tuple[int, int]] = ()) -> Taken:
    """The characters of a text of ``length`` that the date expressions ``dates`` found in it take, and the
    ``days`` of a month it does not name there (see :func:`dates.days_alone_zh`)."""
    taken = Taken(length)
    for found in dates:
        taken.add(found.start, found.end)
    for start, end in days:
        taken.add(start, end)
    return taken


def _in_a_date(number: Number, dates: Taken) -> bool:
    """Whether ``number`` is part of one of the date expressions taking ``dates``, or a month said alone (4月, 七月:
    with a year or without one, a month; a count of months is 4个月), read alike in a claim and in a quote (asking
    each date for each number of a paragraph of thousands was quadratic)."""
    return (dates.overlaps(number.start, number.end)
            or (number.unit == "月" and 1 <= number.value <= 12 and number.value == int(number.value)))


def _date_part(number: Number, in_date: bool, text: str) -> str:
    """Which part of a date a Chinese number is, by its unit (年, 月, 日, 季度), where it is in one; the first end
    of a range that leaves its unit to the last is of the last's (the 11 of 10月11至12日 is a day)."""
    if not in_date:
        return ""
    if not number.unit and (last := RANGE_UNIT.match(text, number.end)) is not None:
        return _ZH_DATE_PARTS[last["unit"]]
    return _ZH_DATE_PARTS.get(number.unit, "")


# (Not where 年 begins a word of its own, 如今年轻, 说明年度, 网上年报, 这次年会, 上年纪: the 今, 明, 上 end another.)
# The start or end of a year no word names is this one's, as "the start of the year" is (see dates.YEAR_BOUND_ZH).
# (今年度, 本年度, 上年度: this year's, last year's, as 年度 says them; 后年, the year after next, not 最后年份 or 前后年;
# 上一年, last year. Each was read as nothing.)
_RELATIVE_YEARS = compile_later(r"(?P<zh>今年度|本年度|上年度|上一年(?![级度])|后年(?<![最前之而然随落背午先稍往日此以]后年)"
                                r"|(?:今年|本年|去年|上年|前年|明年|次年|来年)(?![轻度会报纪龄代鉴华货薪终级限画]))"
                             rf"|(?P<bound>{YEAR_BOUND_ZH})"
                             r"|\b(?P<en>(?:this|last|next|the coming) year|the year (?:before last|after next)"
                             r"|the (?:start|beginning|middle|end) of (?P<theyear>the year)|year to date)\b",
                             re.IGNORECASE)  # (since the start of the year: this one's start)
_YEAR_OFFSETS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "次年": 1, "来年": 1,
                 "今年度": 0, "本年度": 0, "上年度": -1, "上一年": -1, "后年": 2,
                 "年初": 0, "年底": 0, "年末": 0, "年中": 0, "年尾": 0, "年终": 0, "年終": 0, "岁末": 0, "岁尾": 0,
                 "歲末": 0, "歲尾": 0, "年关": 0, "年關": 0,
                 "this year": 0, "last year": -1, "next year": 1, "the coming year": 1, "the year before last": -2,
                 "the year after next": 2, "the start of the year": 0, "the beginning of the year": 0,
                 "the middle of the year": 0, "the end of the year": 0, "year to date": 0}


def _relative_years(text: str) -> list[Quantity]:
    """Years said from the day one reads them (今年, 去年, last year): ``今年4月`` in a quote is the article's
    April, ``去年4月`` in the site's words another; each is traced only by a quote that counts the same."""
    if "年" not in text and "岁" not in text and "歲" not in text and "year" not in text.lower():
        return []
    return [Quantity(Number(float(_YEAR_OFFSETS[match.group().lower()]), EXACT, *_year_of(match), match.group()),
                     frozenset((DATE,)), RELATIVE_YEAR) for match in _RELATIVE_YEARS.finditer(text)]


def _year_of(match: re.Match[str]) -> tuple[int, int]:
    """Where the year of a relative year ``match`` stands: all of it, but the 年 of 年底 and "the year" of "the end
    of the year", whose part of the year is read apart (see ``_PART_OF_YEAR_ZH``): the two claims do not overlap."""
    if match["bound"]:
        return match.start(), match.start() + 1
    if match["theyear"]:
        return match.span("theyear")
    return match.span()


# 第一段, 第二部分, 第一个小标题, 第三节, 第一步: a place in a text (the page's own, or the article's), which counts
# nothing and which no quote gives; and 第一，… 第二，… beginning a clause, the text's own enumeration, as 一是 and
# "First," are. Each was read as an ordinal that no quote could trace (第三项抓手, the third lever, still is one).
_PART_OF_A_TEXT = compile_later(r"个?(?:自然段|段落?|句话?|节|章|部分|小标题|标题|页|行|步|点)")
_ENUMERATED = compile_later(r"[，,、：:]")
# What a clause begins after: a stop, a comma, a colon, a line break, a quotation mark or a bracket (not 、, which
# lists words within one).
CLAUSE_BEGINS = frozenset("。！？；：，,.!?;:\n“”\"（(")


def _a_place_in_the_text(number: Number, text: str) -> bool:
    """Whether the ordinal ``number`` (after 第) names a part of a text or enumerates the text's own points."""
    if not text.endswith("第", 0, number.start):
        return False
    numerals_end = number.end - len(number.unit)
    if _PART_OF_A_TEXT.match(text, numerals_end):
        return True
    before = text[:number.start - 1].rstrip()
    return (not number.unit and _ENUMERATED.match(text, number.end) is not None
            and (not before or before[-1] in CLAUSE_BEGINS))


# 下一届, 上一届, 这一届, 每一届, 同一届: the next, the last, this, every, the same term. There 一 is "a", as in 下一次
# and 这一次 (read as nothing), not the first term (下一届领导班子 was refused as 一届, "the first term").
_A_TERM_AFTER = tuple("下上这那每前后同另哪某")


def _ordinal_zh(number: Number, text: str) -> bool:
    """第二, 十一届; and the 一次 of 十一届一次 (会议): a term's first meeting, not one meeting; 21世纪, the 21st
    century; 党的二十大, 中共一大: the Party's 20th (first) National Congress, not twenty (one) of something great."""
    if number.unit == "届" and number.text.startswith("一") and text.endswith(_A_TERM_AFTER, 0, number.start):
        return False  # (下一届: "the next term", see _A_TERM_AFTER)
    return (text.endswith("第", 0, number.start) or number.unit in ("届", "世纪", "等")  # (一等奖: the first prize)
            or (number.unit == "次" and text.endswith("届", 0, number.start))
            or (number.unit == "大" and text.endswith(_PARTY, 0, number.start)))


_PARTY = ("党的", "中共", "共产党", "党")  # before a congress's number: 党的二十大, 中共一大


def _either_congress(number: Number) -> bool:
    """Whether ``number`` (not after 党的, 中共) may be a Party congress by its number, or a count of great
    things: 二十大 (精神, 报告) is the 20th National Congress, 十大 and 十二大 (重点产业) may be the ten or twelve
    great ...; from 十一 up, the congresses since 1977 (under 十一, 三大任务 is three tasks)."""
    return number.unit == "大" and number.value >= 11


def _zh_meanings(in_date: bool, ordinal: bool, either: bool = False) -> frozenset[str]:
    if in_date:
        return frozenset((DATE,))
    if either and not ordinal:
        return frozenset((COUNT, ORDINAL))
    return frozenset((ORDINAL,)) if ordinal else frozenset((COUNT,))


# A name in quotation marks in English, each of its words capitalized ("Four Goods", "Three Threes", "Fourteenth
# Five-Year Plan"): its numerals in words are a name's, as those of “四好” are (see _quoted_names), and "Five Goods"
# is traced by the name's glossary entry or a quote that has it, not by 五家. At most 40 characters.
_EN_NAME = compile_later(r"[A-Z][\w'’-]*(?:\s+(?:of|and|the|in|for|to|[A-Z][\w'’-]*))*")
_EN_NAME_LENGTH = 40


def _quoted_names_en(text: str) -> list[tuple[int, int]]:
    """The places of the names in quotation marks of English ``text`` (see _EN_NAME)."""
    return [match.span() for match in QUOTATION.finditer(text)
            if match.end() - match.start() - 2 <= _EN_NAME_LENGTH
            and _EN_NAME.fullmatch(text, match.start() + 1, match.end() - 1) is not None]


def _claimed_en(text: str) -> list[Quantity]:
    found, numbers = _numeric_dates_first(text, find_numbers_en(text), chinese=False)
    halves, numbers = _halves_first(text, numbers)
    found += halves
    days = _en_day_ranges(text)
    names = _quoted_names_en(text) if not _QUOTATION_MARKS.isdisjoint(text) else []
    for number in numbers:
        if (number.start, number.end) in days and not number.unit:  # (not 11 to 12 members in October)
            found.append(Quantity(number, frozenset((DATE,)), DAY))
            continue
        if names and number.text[:1].isupper() and any(start < number.start and number.end < end
                                                       for start, end in names):
            found.append(Quantity(number, frozenset((COUNT, ORDINAL)), NAMED))  # ("Four Goods")
            continue
        meanings = _en_meanings(number, text)
        found.append(Quantity(number, meanings, _en_date_part(number, text) if DATE in meanings else ""))
    taken = Taken(len(text))
    for item in found:
        taken.add(item.number.start, item.number.end)
    months = []
    for match in _EN_MONTH_NAME.finditer(text):
        name = next(group for group in ("month", "may", "dated") if match[group])
        start, end = match.span(name)
        if not taken.overlaps(start, end):
            months.append(Quantity(Number(float(_MONTH_NUMBERS[match[name].lower()[:3]]), EXACT, start, end, match[name]),
                                   frozenset((DATE,)), MONTH))
    return sorted(_said(text, _with_clock_times(_with_wholes(_with_rates(_with_festivals(
        found + months + _relative_years(text) + _firsts(text) + _parts_of_months(text) + _parts_of_years(text)
        + _dated_by_words(text), text),
        text, chinese=False), text, chinese=False), text)),
                  key=lambda item: item.number.start)


# Two days of one month: a range (11-12 October, October 11 to 12, from 11th to 12th October) or two named together
# (11 and 12 October). The month is named after the last day or before the first; the first day is a day of it too,
# not a count (11 and 12 October) nor a rough number (11-12, "about 11": see numerals._rough_en).
_EN_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_EN_DAYS_JOINED = r"\s*(?:-|–|—|to|until|till|through|and|or|&)\s*"
_EN_DAY_RANGE = compile_later(
    rf"(?<![\w.,])(?P<first>{_EN_DAY}){_EN_DAYS_JOINED}(?P<second>{_EN_DAY})(?:\s+of)?\s+(?:{_EN_MONTHS})\b"
    rf"|\b(?:{_EN_MONTHS})\.?\s+(?P<first2>{_EN_DAY}){_EN_DAYS_JOINED}(?P<second2>{_EN_DAY})(?![\w]|[.,]\d)",
    re.IGNORECASE)
_DAY_DIGITS = compile_later("[0-9]+")


def _en_day_ranges(text: str) -> frozenset[tuple[int, int]]:
    """The spans of the digits of each day of a range of days in English ``text`` (see ``_EN_DAY_RANGE``), the
    last after the first."""
    if not _ASCII_DIGIT.search(text):
        return frozenset()
    spans = set()
    for match in _EN_DAY_RANGE.finditer(text):
        first, second = ("first", "second") if match["first"] else ("first2", "second2")
        days = [_DAY_DIGITS.match(text, match.start(group)) for group in (first, second)]
        if int(days[0].group()) < int(days[1].group()):
            spans |= {day.span() for day in days}
    return frozenset(spans)


_ASCII_DIGIT = compile_later("[0-9]")


# Dates written in digits. Year first (2023-10-11, 2023/10/11, 2023.10.11, 2023-10), as ISO 8601 and Chinese order
# them: one reading.
_NUMERIC_DATE = compile_later(rf"{NOT_AFTER_DIGITS}(?P<year>[12][0-9]{{3}})(?P<sep>[-/.／])(?P<month>0?[1-9]|1[0-2])"
                           rf"(?:(?P=sep)(?P<day>0?[1-9]|[12][0-9]|3[01]))?{NOT_BEFORE_DIGITS}")
# Year last (11/10/2023, 11.10.2023, 11-10-2023): the 11th of October to readers who write the day first, November
# the 10th to those who write the month first (as the United States does). Read in the order the values allow
# (13/10/2023 is 13 October, 10/13/2023 October 13). Where both orders give a date, each of the two numbers is
# DAY_OR_MONTH, which is traced only where the quote gives it both as a day and as a month (see :func:`traced`):
# whichever date a reader takes it for, the quote must say that date, so a quote's 2023年10月11日 does not trace a
# page's 11/10/2023 that half its readers take for November; and the editor is told to write the month as a word.
_YEAR_LAST_DATE = compile_later(rf"{NOT_AFTER_DIGITS}(?<![-/／])(?P<first>[0-3]?[0-9])(?P<sep>[-/.／])(?P<second>[0-3]?[0-9])"
                             rf"(?P=sep)(?P<year>[12][0-9]{{3}}){NOT_BEFORE_DIGITS}(?![-/／][0-9])")
# No year (10/11): Chinese writes the month first (10/11 is 10月11日, as 2023/10/11 is October); English either, so
# it is read as the year-last form is. Only with a slash (10.11 is a decimal, 10-11 a range); and not a fraction
# (1/3: see numerals.is_slash_fraction), round the clock (24/7, 7/24小时: see _ROUND_THE_CLOCK), nor two numbers with
# a unit or a count after them (10/11%, 7/24小时).
_SLASH_DATE = compile_later(rf"{NOT_AFTER_DIGITS}(?<![/／])(?P<first>[0-3]?[0-9])[/／](?P<second>[0-3]?[0-9])"
                         rf"{NOT_BEFORE_DIGITS}(?![/／][0-9])"
                         r"(?!\s*(?:[%‰个家名人项次天]|小时|(?i:hours?|days?|per\s*cent|percent)\b))")
# Two years, the second written short (2023-24, 2023/24年度, the 2023–24 season): the second is the year 2024, not a
# count of 24 (as 2023—2024年 reads). Only a later year of the same century: 2023-12 is December (see _NUMERIC_DATE).
_YEAR_SPAN = compile_later(rf"{NOT_AFTER_DIGITS}(?P<year>(?:19|20)[0-9]{{2}})\s?[-–—/／]\s?(?P<end>[0-9]{{2}})"
                        rf"{NOT_BEFORE_DIGITS}(?!\s*[%％‰])")
_ROUND_THE_CLOCK = {7, 24}  # 24/7, 7/24: hours a day and days a week
_ANY_YEAR = 2000  # a day and month without a year exist if they do in some year: a leap one (2/29)
_MONTH_NAMES = "January February March April May June July August September October November December".split()


def _numeric_dates_first(text: str, numbers: list[Number], chinese: bool) -> tuple[list[Quantity], list[Number]]:
    """The parts of the dates ``text`` writes in digits (see :func:`_numeric_dates`), and the ``numbers`` read
    from it that are none of them (2023.10 of 2023.10.11 is no decimal)."""
    dates = _numeric_dates(text, chinese)
    return dates, _outside(dates, numbers, len(text))


def _numeric_dates(text: str, chinese: bool) -> list[Quantity]:
    """The year, month and day of each date written in digits (see ``_NUMERIC_DATE``, ``_YEAR_LAST_DATE`` and
    ``_SLASH_DATE``); ``chinese``: a date without a year is the month first."""
    if ("-" not in text and "/" not in text and "." not in text and "／" not in text and "–" not in text
            and "—" not in text):
        return []
    folded = fold_digits(text)  # (one character for one: spans stay valid)
    found = [(match.span(name), part) for match in _NUMERIC_DATE.finditer(folded)
             if match["day"] or match["sep"] == "-"  # (2023.5 may be a decimal; 2023-05 not)
             for name, part in (("year", YEAR), ("month", MONTH), ("day", DAY)) if match[name]]
    taken = Taken(len(folded))
    for (start, end), _ in found:
        taken.add(start, end)
    for match in _YEAR_LAST_DATE.finditer(folded):
        parts = _day_and_month(int(match["first"]), int(match["second"]), int(match["year"]), month_first=False)
        if parts is not None and not taken.overlaps(match.start(), match.end()):
            found += [(match.span("first"), parts[0]), (match.span("second"), parts[1]), (match.span("year"), YEAR)]
    if "/" in folded or "／" in folded:
        for match in _SLASH_DATE.finditer(folded):
            first, second = int(match["first"]), int(match["second"])
            if is_slash_fraction(first, second) or {first, second} == _ROUND_THE_CLOCK:
                continue
            parts = _day_and_month(first, second, _ANY_YEAR, month_first=chinese)
            if parts is not None and not taken.overlaps(match.start(), match.end()):
                found += [(match.span("first"), parts[0]), (match.span("second"), parts[1])]
    years = []
    for match in _YEAR_SPAN.finditer(folded):
        first, last = int(match["year"]), int(match["end"])
        if first % 100 < last and not taken.overlaps(match.start(), match.end()):
            found.append((match.span("year"), YEAR))
            start, end = match.span("end")
            years.append(Quantity(Number(float(first - first % 100 + last), EXACT, start, end, text[start:end]),
                                  frozenset((DATE,)), YEAR))
    return sorted([Quantity(Number(float(folded[start:end]), EXACT, start, end, text[start:end]), frozenset((DATE,)),
                            part) for (start, end), part in found] + years, key=lambda item: item.number.start)


def _day_and_month(first: int, second: int, year: int, month_first: bool) -> tuple[str, str] | None:
    """Which part of a date each of ``first`` and ``second`` is (DAY, MONTH, or DAY_OR_MONTH where either order
    gives a date of ``year``); None where no order does."""
    orders = [(MONTH, DAY)] if month_first else [(DAY, MONTH), (MONTH, DAY)]
    dates = [order for order in orders if _is_a_day(year, *((second, first) if order[0] == DAY else (first, second)))]
    if len(dates) == 2 and first != second:
        return DAY_OR_MONTH, DAY_OR_MONTH
    return dates[0] if dates else None


def _is_a_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def either_way(text: str, start: int) -> tuple[str, str, str] | None:
    """The date in digits of ``text`` whose day or month starts at ``start``, where it is read either way (see
    ``_YEAR_LAST_DATE``), and its two readings: ("11/10/2023", "11 October 2023", "November 10, 2023")."""
    folded = fold_digits(text)
    for pattern in (_YEAR_LAST_DATE, _SLASH_DATE):
        for match in pattern.finditer(folded, max(0, start - 6), start + 16):
            day, month = int(match["first"]), int(match["second"])
            if match.start() <= start < match.end() and 1 <= day <= 12 and 1 <= month <= 12:
                year = f" {match['year']}" if "year" in match.re.groupindex else ""
                return (text[match.start():match.end()], f"{day} {_MONTH_NAMES[month - 1]}{year}",
                        f"{_MONTH_NAMES[day - 1]} {month}{',' if year else ''}{year}")
    return None


def _in_a_quarter(number: Number, text: str) -> bool:
    """Whether ``number`` is an ordinal in words before "quarter": the third quarter (第三季度)."""
    return _ordinal_word(number.text) and _EN_WORD_QUARTER.match(text, number.end) is not None


def _ordinal_word(text: str) -> bool:
    """Whether ``text`` is an ordinal in words (the third; "first" and "second", which EN_ORDINAL reads before some
    words)."""
    return EN_ORDINAL.fullmatch(text) is not None or text.lower() in ("first", "second")


_EN_WORD_QUARTER = compile_later(r"[\s-]+quarter\b", re.IGNORECASE)


def _en_date_part(number: Number, text: str) -> str:
    """Which part of a date an English number is: the 2023 of July 2023, the 11 of 11 October, the 2 of Q2."""
    if _EN_QUARTER.match(text, number.end) or _in_a_quarter(number, text) or text.endswith(("Q", "q"), 0, number.start):
        return QUARTER
    if _written_as_a_year(number):
        return YEAR
    return DAY if (_month_before(text, number.start) or _EN_MONTH_AFTER.match(text, number.end)
                   or _EN_DAY_OF_MONTH.match(text, number.end)) else ""


def _month_before(text: str, start: int) -> bool:
    """Whether a month's name and white space stand right before ``start`` (``_EN_MONTH_BEFORE``), looked for
    back from there alone: a search of all the text before each number made a paragraph of numbers quadratic."""
    blank = start
    while blank > 0 and text[blank - 1].isspace():  # (what \s matches)
        blank -= 1
    return _EN_MONTH_BEFORE.search(text, max(0, blank - _EN_MONTH_REACH), start) is not None


# A month named, capitalized as a month is: "in May", "May 2023", "11 October". May and March are words too ("may
# help", "march on"), so they count only with a date's words around them.
_EN_MONTH_NAME = compile_later(
    r"(?<![A-Za-z])(?:(?P<month>January|February|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?=\s*\d))"
    r"|(?:(?i:in|of|since|until|from|early|late|during) |mid-)(?P<may>May|March)|(?P<dated>May|March)(?=\s+\d))"
    r"(?![A-Za-z])")
_MONTH_NUMBERS = {name: index + 1 for index, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}


def _en_meanings(number: Number, text: str) -> frozenset[str]:
    if _EN_QUARTER.match(text, number.end) or _in_a_quarter(number, text):  # the 2nd quarter, the third-quarter
        return frozenset((DATE,))                                          # meeting: part of a date
    if _EN_DAY_OF_MONTH.match(text, number.end) or (_EN_ORDINAL_SUFFIX.match(text, number.end)
                                                     and _month_before(text, number.start)):
        return frozenset((DATE,))  # the 11th of October, October 11th: a day
    if (_EN_ORDINAL_SUFFIX.match(text, number.end) or _ordinal_word(number.text)
            or _EN_NUMBERED.search(text, max(0, number.start - 4), number.start)
            or (_ROMAN.fullmatch(number.text) and _ROMAN_RANKED.search(text, max(0, number.start - 24), number.start))):
        return frozenset((ORDINAL,))  # the 11th, the eleventh, No. 11, #11, Phase II (not supports XLIX chambers)
    if (text.endswith(("Q", "q"), 0, number.start) or _month_before(text, number.start)
            or _EN_MONTH_AFTER.match(text, number.end)):
        return frozenset((DATE,))
    if _written_as_a_year(number) and number.qualifier == "exact":
        return frozenset((DATE, COUNT))  # a year, or a count written without a thousands separator
    return frozenset((COUNT,))


_A_YEAR = compile_later("[12][0-9]{3}")


def _written_as_a_year(number: Number) -> bool:
    """Whether ``number`` is written as a year is, four digits of any script (2023, ٢٠٢٣, ２０２３: "in March ٢٠٢٣" was
    read as a count, and refused by its quote's 今年3月)."""
    return _A_YEAR.fullmatch(fold_digits(number.text)) is not None


def stated(normalized_quote: str, reference: date | None = None, lang: str = "zh") -> list[Quantity]:
    """Every number a quote says, with its meanings; ``reference`` (the article's date) resolves its relative
    dates (``今年4月`` states the year 2023 too, ``上个月`` of 2023-10-11 the year 2023 and the month 9). Read
    from the normalized quote (see the module docstring), by the reader of its source's language ``lang``: an
    English article's quote as English (:func:`_stated_en`)."""
    if not lang.startswith("zh"):
        return _stated_en(normalized_quote, reference)
    dates = find_dates_zh(normalized_quote, reference or _ANY_DAY)
    spans = _spans(dates, len(normalized_quote), days_alone_zh(normalized_quote))
    found, numbers = _numeric_dates_first(normalized_quote, find_numbers_zh(normalized_quote), chinese=True)
    halves, numbers = _halves_first(normalized_quote, numbers)
    clock, numbers = _zh_clock_times_first(normalized_quote, numbers)
    found += halves + clock
    read: list[Quantity] = []
    after: Quantity | None = None  # what the number after this one was read as (see _opens_a_range)
    for number in reversed(numbers):
        in_date = _in_a_date(number, spans)
        ordinal = _ordinal_zh(number, normalized_quote)
        meanings = _zh_meanings(in_date, ordinal, _either_congress(number))
        if (meanings == {COUNT} and not number.unit and not any(char.isdecimal() for char in number.text)
                and not _qualified_magnitude(number) and not reached_zh(number, normalized_quote)):
            # a bare numeral in a name (十四五, 四好) fixes no meaning, and traces a name's numbers only; and the first
            # end of a range is also read as its last (the 一 of 一、二季度, the first quarter)
            read.append(Quantity(number, frozenset((COUNT, ORDINAL)), NAMED))
            if after is not None and after.part != NAMED and _opens_a_range(number, after.number, normalized_quote):
                after = Quantity(number, after.meanings, after.part)  # (一、二、三季度: each of them)
                read.append(after)
            else:
                after = read[-1]
            continue
        after = Quantity(number, meanings, _date_part(number, in_date, normalized_quote))
        read.append(after)
    found += read[::-1]
    found += _firsts(normalized_quote) + _parts_of_months(normalized_quote) + _parts_of_years(normalized_quote)
    found += _with_festivals(_dated_by_words(normalized_quote), normalized_quote)  # (the Spring Festival's Spring is
    # no season)
    found = _with_clock_times(_with_wholes(_with_rates(found, normalized_quote, chinese=True), normalized_quote,
                                           chinese=True, quote=True), normalized_quote)
    if reference is not None:
        for item in dates:
            when = item.date
            found += [replace(part, number=replace(part.number, start=item.start, end=item.end, text=item.text))
                      for part in date_parts(when)]
        found += _years_of_months_alone(found, spans, reference)
    return found + _relative_years(normalized_quote) + parts_of_day_said(found, normalized_quote)


def _years_of_months_alone(found: list[Quantity], spans: Taken, reference: date) -> list[Quantity]:
    """The article's year, for each month ``found`` in no date with a year (``spans``): a month named alone (以3月的
    季度会长办公会) is the article's year's, as a quarter (第二季度) and a day (7月15日) named alone are (March 2023
    citing it was refused, where Q2 2023 citing 第二季度 passed). dates.find_dates_zh leaves a quote's month alone
    undated (it may count months), so it is dated here, where it was read as a month."""
    return [Quantity(replace(item.number, value=float(reference.year), qualifier=EXACT), frozenset((DATE,)), YEAR)
            for item in found
            if item.part == MONTH and item.number.text.endswith("月")  # (not the 10 of 2022.10, which has its year)
            and not spans.overlaps(item.number.start, item.number.end)]


@functools.lru_cache(maxsize=4096)  # pure; the same quote is often cited many times, and a statistic's twice
def stated_once(normalized_quote: str, reference: date | None = None, lang: str = "zh") -> tuple[Quantity, ...]:
    """:func:`stated`, remembered."""
    return tuple(stated(normalized_quote, reference, lang))


def _stated_en(quote: str, reference: date | None) -> list[Quantity]:
    """What a quote of an article in English says: what a reader of English reads in it (:func:`claimed`: its
    numbers in words, forty-nine and a third, its dates, on Wednesday, October 11, 2023, and its rates, every
    year), as the site's English is read; and, with the article's date, the dates its words give that number no
    year (:func:`dates_said_en`: last year is 2022, October alone is the article's, last month September 2023)
    and the part of a month counted from it (late last month: the end of September 2023). Read as Chinese, with
    its spaces taken out (on11October2023), an English quote said counts of its days and years and nothing of its
    months, and every English date citing it was refused."""
    found = claimed(quote, "en")  # (with the parts of the day its times say: see parts_of_day_said)
    if reference is None:
        return found
    said = dates_said_en(quote, reference, found)
    return found + _parts_of_months_from_today(quote, found, said) + [
        replace(part, number=replace(part.number, start=item.start, end=item.end, text=item.text))
        for item in said for part in date_parts(item.date)]


def _parts_of_months_from_today(quote: str, found: list[Quantity], said: list[FoundDate]) -> list[Quantity]:
    """The parts of the months counted from the article's day that English ``quote`` names (late last month, the
    start of this month), which its reading (``found``) did not read: a text of no number (Late last month, the
    chamber met) is not read for them (see numerals.may_hold_numbers)."""
    if not any(item.text.lower().endswith("month") for item in said):
        return []
    read = {(item.number.start, item.number.end) for item in found if item.part == PART_OF_MONTH}
    return [part for part in _parts_of_months(quote) if (part.number.start, part.number.end) not in read]


_EN_DATE_PARTS = frozenset((DAY, MONTH, YEAR, QUARTER, RELATIVE_YEAR))
# What stands between two parts of one date in English: 11 October, October 11, 2023, 11th of October, the second
# quarter of 2023, October last year. Anything else (a word, a stop) ends the date.
_EN_DATE_JOINED = compile_later(r"(?:st|nd|rd|th)?[\s,]*(?:quarter\b)?[\s,]*(?:of\b)?\s*(?:the\b)?\s*",
                                re.IGNORECASE)


def dates_said_en(text: str, reference: date, found: Sequence[Quantity] | None = None) -> list[FoundDate]:
    """The dates English ``text`` gives, each from the parts of one date its reading finds side by side (``found``:
    :func:`claimed` of it, if read already): a day and its month, a month, a quarter, a year, or a year counted from
    the article's ``reference`` (last year). A month, a quarter or a day and month without a year are the article's
    year's, as the Chinese reading dates them (:func:`dates.find_dates_zh`)."""
    parts = sorted((item for item in (claimed(text, "en") if found is None else found)
                    if item.part in _EN_DATE_PARTS and DATE in item.meanings), key=lambda item: item.number.start)
    groups: list[list[Quantity]] = []
    for item in parts:
        last = groups[-1] if groups else None
        if (last and item.part not in {other.part for other in last}
                and _EN_DATE_JOINED.fullmatch(text, last[-1].number.end, item.number.start) is not None):
            last.append(item)
        else:
            groups.append([item])
    return sorted([found_date for group in groups if (found_date := _date_of_parts(group, text, reference)) is not None]
                  + _from_today_en(text, reference), key=lambda item: item.start)


# The words that say which month, day or week exactly, counted from the article's day, as dates.find_dates_zh reads
# 上个月, 昨天 and 上周: last, this and next month, with a day of it or none (the 15th of last month); today,
# tonight, this morning, yesterday, last night, tomorrow, the day before yesterday and the day after tomorrow; and
# last week, shortly before the article's day (a week is no month: its days may be of two). Not "the last month"
# nor "the last week" (the final one, or the 30 or 7 days before: over the last month), nor "the last month of the
# year"; not this week or next week, whose days may come after the article's; not "that month" or "the next day",
# counted from a day the text names.
_FROM_TODAY_EN = compile_later(
    r"\b(?:(?P<days>today|tonight|yesterday|tomorrow|the day (?:before yesterday|after tomorrow)|last night"
    r"|this (?:morning|afternoon|evening))"
    r"|(?:the (?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)? of )?(?<!the )(?P<month>last|this|next) month"
    r"(?!\s+of\b)|(?<!the )(?P<week>last week)(?!\s+of\b))\b", re.IGNORECASE)
_FROM_TODAY_EN_WORDS = ("today", "tonight", "yesterday", "tomorrow", "last night", "this morning",
                        "this afternoon", "this evening", " month", "last week")
_EN_MONTHS_FROM_TODAY = {"last": -1, "this": 0, "next": 1}
_EN_DAYS_FROM_TODAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                       "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                       "the day after tomorrow": 2}


def _from_today_en(text: str, reference: date) -> list[FoundDate]:
    """The dates English ``text`` counts from ``reference`` (see ``_FROM_TODAY_EN``): last month of 2024-01-05 is
    2023-12, yesterday of 2024-03-01 2024-02-29; none where the calendar has no such day."""
    lowered = text.lower()
    if not any(word in lowered for word in _FROM_TODAY_EN_WORDS):  # (most texts: a search in any case is slow)
        return []
    found = []
    for match in _FROM_TODAY_EN.finditer(text):
        try:
            if match["week"]:
                when = PartialDate._from_parts(BEFORE, [reference.year, reference.month, reference.day])
            elif match["month"]:
                months = reference.year * 12 + reference.month - 1 + _EN_MONTHS_FROM_TODAY[match["month"].lower()]
                day = [int(match["day"])] if match["day"] else []
                when = PartialDate._from_parts(DAY if day else MONTH, [months // 12, months % 12 + 1, *day])
            else:
                counted = _EN_DAYS_FROM_TODAY[" ".join(match["days"].lower().split())]
                day = date.fromordinal(reference.toordinal() + counted)
                when = PartialDate(day.year, day.month, day.day, precision=DAY)
        except (ValueError, OverflowError):  # (the 31st of a month of 30 days, a day past the calendar's ends)
            continue
        found.append(FoundDate(when, match.start(), match.end(), match.group()))
    return found


def _date_of_parts(group: list[Quantity], text: str, reference: date) -> FoundDate | None:
    """The date the parts of one date in English give (see :func:`dates_said_en`), or None (a day alone)."""
    parts = {item.part: int(item.value) for item in group}
    year = parts.get(YEAR, reference.year + parts.get(RELATIVE_YEAR, 0))
    try:
        if MONTH in parts:
            when = (PartialDate(year, parts[MONTH], date(year, parts[MONTH], parts[DAY]).day, precision=DAY)
                    if DAY in parts else PartialDate(year, parts[MONTH], precision=MONTH))
        elif QUARTER in parts:
            when = PartialDate(year, quarter=parts[QUARTER], precision=QUARTER)
        elif DAY in parts:
            return None
        else:
            when = PartialDate(year, precision=YEAR)
    except ValueError:  # (February 30, or a year past the calendar's)
        return None
    start, end = group[0].number.start, group[-1].number.end
    return FoundDate(when, start, end, text[start:end])


def date_parts(when: PartialDate) -> tuple[Quantity, ...]:
    """The numbers of a date, as date parts: what a link to a dated event may show. A date "shortly before" a
    day (前不久, 日前) has none: that day is the article's, not the event's, nor is its month or year for sure."""
    if when.precision == BEFORE:
        return ()
    parts = ((when.year, YEAR), (when.month, MONTH), (when.day, DAY), (when.quarter, QUARTER))
    return tuple(Quantity(Number(float(value), "exact", 0, 0, str(value)), frozenset((DATE,)), part)
                 for value, part in parts if value)


def traced(claim: Quantity, evidence: Sequence[Quantity]) -> bool:
    """True when ``evidence`` has the claim's value with a meaning in common, said the same way (see
    :func:`said_alike`); a day or a month read either way (11/10/2023) when it has it as both, or as one read
    either way too (the quote's 11/10/2023)."""
    if claim.part == DAY_OR_MONTH and all(_traced(replace(claim, part=part), evidence) for part in (DAY, MONTH)):
        return True
    return _traced(claim, evidence)


def _traced(claim: Quantity, evidence: Sequence[Quantity]) -> bool:
    return any(same_amount(claim.number, item.number) and claim.meanings & item.meanings
               and same_part(claim, item) and said_alike(claim.number, item.number) and same_rate(claim, item)
               and same_rank(claim, item) and same_whole(claim, item)
               and not (item.part == NAMED and counts_things(claim)) for item in evidence)


# What an ordinal ranks, by its measure word: occasions (首次, 第一次, 头一回, 首度, for the first time), things of no
# kind named (首家, 首位, 第一家), or a kind of its own (首批, a batch; 首届, 第一届, a session; 第一期, an issue). The first
# time chambers were invited is not the first batch invited, nor the first chamber: 首批, 第一批 and 首家 passed for a
# quote's 首次受邀. An ordinal without a measure word (第一, 11th) may rank either, and so may one of 个, the measure
# word of no kind that an English ordinal is read with (the first meeting, of a quote's 一次会议).
_RANK_OCCASIONS = frozenset("次回遭度趟")
_RANK_THINGS = frozenset("家位名座所")
_RANK_ANY = ("", "个")


def same_rank(claim: Quantity, said: Quantity) -> bool:
    """Whether two ordinals rank the same kind of thing (see ``_RANK_OCCASIONS``), where both say which; any other
    numbers do."""
    if (ORDINAL not in claim.meanings or ORDINAL not in said.meanings or claim.number.unit in _RANK_ANY
            or said.number.unit in _RANK_ANY):
        return True
    return ranks(claim.number) == ranks(said.number)


def ranks(number: Number) -> str:
    """What an ordinal ``number`` ranks: 次 for occasions, 家 for things of no kind named, else its measure word."""
    return "次" if number.unit in _RANK_OCCASIONS else "家" if number.unit in _RANK_THINGS else number.unit


def same_rate(claim: Quantity, said: Quantity) -> bool:
    """Whether ``said`` says the rate ``claim`` says (每年超4.5亿元 is traced by 年均超4.5亿元, not by 超4.5亿元, an
    amount said once, nor by 每月超4.5亿元; "per capita" by 人均 and 每人, not by 每位会员); a claim without one may
    leave out its quote's, as it may the currency."""
    return not claim.per or claim.per == said.per


RATE_NAMES = {"年": "a year (每年, 年均, per year, annually)", "月": "a month (每月, 月均, per month, monthly)",
              "周": "a week (每周, per week, weekly)", "天": "a day (每天, 日均, per day, daily)",
              "季度": "a quarter (每季度, per quarter, quarterly)", "2年": "every two years (每两年, biennially)",
              "人": "per person (每人, 人均, 每位, per person, per capita)", "会员": "per member (每位会员, per member)",
              "商会": "per chamber (每个商会, per chamber)", "协会": "per association (每个协会, per association)",
              "商协会": "per chamber or association (每个商协会)", "企业": "per firm (每家企业, per firm, per company)",
              "户": "per household (每户, 户均, per household)", "家庭": "per family (每个家庭, per family)",
              "家": "per one counted in 家 (每家, 家均: a firm, a chamber or a family, not said which)",
              UNNAMED_AVERAGE: "on average (平均, on average: an average of what, not said)"}


def rate_in_words(words: str) -> str:
    """What ``words`` say a figure beside them is per (年 of a statistic's label 年均捐款 or "annual donations", 人 of
    人均捐款 or "donated per capita"; see ``Quantity.per``), or "": a figure's label is read with it, as a rate's
    word before or after it in a sentence is. Any of the rate's words counts, wherever it stands in so few words
    (not 一年来 nor "in a year", a time; nor "each of the chambers"); an average of what is not said only where no
    span or thing is said (平均捐款, "average donation")."""
    lowered = words.lower()
    if not _frequent(words) and "均" not in words and not any(word in lowered for word in _RATE_EN_WORDS):
        return ""
    folded = fold_letters(fold_traditional(words))
    said = _RATE_IN_WORDS.search(folded)
    if said is None:
        return UNNAMED_AVERAGE if _AVERAGE_IN_WORDS.search(folded) else ""
    groups = {name: value.lower() for name, value in said.groupdict().items() if value}
    if span := next((groups[name] for name in ("span", "zhspan", "mean", "enspan", "end") if name in groups), ""):
        return _spans_of(groups.get("count") or groups.get("encount"), _RATE_SPANS[_singular(span)])
    if adverb := groups.get("adverb") or groups.get("enflow"):
        return _RATE_SPANS[re.sub(r"\s+", " ", adverb)]  # (per  annum: per annum)
    if frequency := next((groups[name] for name in ("by", "again", "once", "over", "regular", "flow", "twice",
                                                    "inout", "fromto", "weekends") if name in groups), ""):
        return _RATE_SPANS[frequency]  # (按月, 年年, 一年一度; year after year, on weekends)
    if "each" in groups:
        return groups["each"]  # (人均, 户均, 家均)
    thing = "thing" if "thing" in groups else "enthing"
    if (_EACH_DESCRIBED.match(folded, said.end(thing)) is not None
            or _pooled(folded, said.end(thing), None, english=thing == "enthing")):
        return ""  # (每个商会都由…护航: said of each; 每个商会的捐款合计: a total)
    return _THINGS[_singular(groups[thing])]


_RATE_IN_WORDS = compile_later(
    _ZH_EVERY + r"(?P<span>" + _ZH_SPAN + r")(?!度(?:报|会))"
    r"|(?P<zhspan>年|月|周|日)均(?!衡|匀|等|值得)|平均每个?(?P<mean>" + _ZH_SPAN + r")"
    r"|每一?(?:个|家|位|名)?(?P<thing>会员企业|企业家|个人|会员|商协会|商会|协会|企业|公司|家庭|人|户)"
    r"|(?<![0-9〇零一二三四五六七八九十百千两几数多众诸等个大])(?P<each>人|户|家)均(?!衡|匀|等)"
    r"|\b(?:per|each|every)\s+(?:(?P<encount>" + _EN_COUNT + r")\s+)?(?P<enspan>" + _EN_SPANS + r")\b(?!\s+of\b)"
    r"|\b(?:per|each|every)\s+(?:single\s+)?(?P<enthing>" + _EN_THINGS + r")\b(?!\s+of\b)"
    # an adverb of frequency, or an adjective of one before a flow (annual donations), as a sentence reads them: not
    # before another noun (the annual report, quarterly meetings: a kind, as 年度报告 and 季度性会议 are)
    r"|\b(?P<adverb>" + _EN_FREQUENCY_ADVERB + r")"
    rf"|\b(?P<enflow>{_EN_ADJECTIVES})\s+{_EN_FLOWS}\b"
    r"|(?<!in )(?<!within )(?<!for )(?<!over )(?<!after )\ba\s+(?P<end>year|month|week|day)\s*$"
    r"|" + _ZH_FREQUENCY + "|" + _ZH_ANNUAL_FLOW + "|" + _EN_AGAIN, re.IGNORECASE)
# A thing each is said of in a statistic's words, not what each has (每个商会都由“三个三”护航, 每家企业都已登记, each
# chamber is escorted by the framework): the words say a thing of each, whole without the figure, which is then no
# chamber's (a count of them, often). Where the words go on to what each has or gives (每个商会都有的会员, 都捐款,
# each chamber is given), the figure is that, and a rate.
_EACH_DESCRIBED = compile_later(
    r"(?:的)?[都均皆](?![^，。；、,;]*?(?:有|捐|投|收|获|得|发放|交|缴|花|支|赚|产|纳|增|筹|募|销|贡献|资助|达|超))"
    r"|['’]?\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?!(?:given|paid|worth|awarded|allotted"
    r"|allocated|granted|owed|charged|due|entitled|asked|expected|required)\b)", re.IGNORECASE)
_AVERAGE_IN_WORDS = compile_later(r"(?<![非无])(?<!不是)平均(?!分配|分摊|主义|化)"  # (非平均数, not an average: a total)
                                   r"|(?<!\bno\s)(?<!\bnot\s)(?<!\bnot\san\s)\baverag(?:e|ed|es|ing)\b", re.IGNORECASE)


def counts_things(claim: Quantity) -> bool:
    """Whether ``claim`` is a count of things its measure word or noun names (四家, four chambers), which a name's
    numeral (the 四 of 四好) does not trace."""
    return claim.meanings == {COUNT} and _measured(claim.number) == "counted"


def same_part(claim: Quantity, said: Quantity) -> bool:
    """Whether two date numbers are the same part of a date, where both say which (a relative year always); a
    name's numeral is no part of one (the 四 of 四好 is no April), and traces any number that is none; a name's
    numeral claimed (“四好”) is traced by a name's numeral alone (not by 四家)."""
    if {RELATIVE_YEAR, DAY_OR_MONTH, HALF, FESTIVAL, PART_OF_MONTH, PART_OF_YEAR, *_WORD_PARTS} & {claim.part, said.part}:  # (上半年 is no January, nor a 1 of no
        # part; 国庆 no 9 of anything)
        return claim.part == said.part
    if NAMED in (claim.part, said.part):
        return said.part == NAMED and claim.part in ("", NAMED)
    return not claim.part or not said.part or claim.part == said.part


# Qualifiers that say the same: 超 (over), 余 (more than) and 至少 (at least) put the number above what is said; 不到
# (under) and 最多 (at most) below it.
_QUALIFIER_SENSE = {EXACT: EXACT, OVER: OVER, MORE_THAN: OVER, AT_LEAST: OVER, NEARLY: NEARLY, ABOUT: ABOUT,
                    UNDER: UNDER, AT_MOST: UNDER, SEVERAL: SEVERAL}


def same_amount(claim: Number, said: Number) -> bool:
    """Whether two numbers have one value; shares of a whole by the part they are (九成, 90 % and "nine in ten"
    are nine tenths: 9 in tenths, 90 in hundredths, 0.9)."""
    if _share(claim) in _OF_A_WHOLE and _share(said) in _OF_A_WHOLE:
        return same_value(claim.value / _OF_A_WHOLE[_share(claim)], said.value / _OF_A_WHOLE[_share(said)])
    return same_value(claim.value, said.value)


_OF_A_WHOLE = {"%": 100, "‰": 1000, "成": 10, "折": 10, "分之": 1}  # a share's unit, and how many of it make the whole


def amount_keys(number: Number) -> tuple[str, ...]:
    """Keys under which any number of the same amount (:func:`same_amount`) has a key in common: its value, and a
    share's part of its whole (90 % and 九成 are 0.9), each to twelve significant digits (floating-point noise, as
    4.5 * 1e8, is far below). For looking a number up among many, each candidate then asked in full."""
    keys = (f"{number.value:.12g}",)
    whole = _OF_A_WHOLE.get(_share(number))
    return keys + (f"{number.value / whole:.12g}",) if whole else keys


def said_alike(claim: Number, said: Number) -> bool:
    """Whether ``claim`` says its number as ``said`` does: both a percentage or neither (49% is not 49个), and
    with qualifiers of one sense (近4.5亿元, nearly, is not 超4.5亿元, over; nor is 4.5亿元, exactly)."""
    return (_share_kind(claim) == _share_kind(said) and _money(claim) in (_counted(claim), _money(said))
            and (not _measured(claim) or not _measured(said) or _one_measure(_measured(claim), _measured(said))
                 or _in_degrees(claim, said))
            and _QUALIFIER_SENSE.get(claim.qualifier) == _QUALIFIER_SENSE.get(said.qualifier))


_SHARES = {"%": "a percentage", "‰": "per mille", "成": "in tenths (成)", "折": "a price's share (折: 八折 is 80 %)", "倍": "a multiple (倍, times)",
           "分之": "a fraction (分之)", "百分点": "in percentage points (百分点)"}


def _share_kind(number: Number) -> str:
    """:func:`_share`, with the shares of a whole as one (a percentage, tenths and a fraction say one thing)."""
    share = _share(number)
    return "of a whole" if share in _OF_A_WHOLE else share


def _share(number: Number) -> str:
    """What kind of share or ratio ``number`` is (a unit of ``_SHARES``: %, ‰, 成, 倍), or ""."""
    unit = "百分点" if number.unit == "个百分点" else number.unit  # 5个百分点, five percentage points
    return unit if unit in _SHARES else ""


def _money(number: Number) -> str:
    """The currency ``number`` is in, or "" (a claim may leave out the quote's currency, not add one)."""
    return _CURRENCIES.get(number.unit, "")


# Each currency by its Chinese name, however a text writes it: 4.5亿元 and "RMB 450 million" are yuan, US$5 million
# and 500万美元 dollars ($ alone too, as English reports on China write it), €3 million and 300万欧元 euros.
_CURRENCIES = {**{name: name for name in CURRENCIES}, "万元": "元", "亿元": "元", "块": "元", "人民币": "元", "$": "美元",
               "US$": "美元", "美金": "美元", "€": "欧元", "HK$": "港元", "港币": "港元", "日币": "日元", "韩币": "韩元",
               "台币": "新台币", "刀": "美元", "欧": "欧元"}  # (49刀, 500欧: dollars and euros as speech says them)


def _counted(number: Number) -> str:
    """"" when ``number`` may be a sum of money whose currency is left out, as 超4.5亿 may; "counted" when a
    measure word says what it counts (4.5亿名: people, not yuan)."""
    return "counted" if number.unit in _COUNTING and not _money(number) else ""


# Measure words that say what a number measures, not only what it counts: 49年 is years, 49对 pairs, 49吨 tons.
_OWN_MEASURES = frozenset("年 岁 天 周 对 双 吨 亩 层 年代 位数 个月 小时 分钟 个世纪 ° 华氏度".split()) | UNITS  # (90年代, the nineties: no ninety years; 两位数)


def _measured(number: Number) -> str:
    """The measure word of ``number`` if it is one of ``_OWN_MEASURES``; "counted" for another (个, 家, 名), ""
    for none: 49个 is traced by 49家, but not by 49年; 49年 by 49年, not by 49个. (A number without one, 49 or
    the 五 of 十四五, fixes nothing either way.)"""
    unit = _SAME_MEASURE.get(number.unit, number.unit)
    if unit in _OWN_MEASURES:
        return unit
    return "counted" if number.unit in _COUNTING and not _money(number) else ""


# Degrees of no scale said (49 degrees: °) are traced by degrees of any (49度, 49摄氏度, 49℃, 49 degrees Fahrenheit),
# as a claim may leave out a quote's currency; degrees of a scale, not by those of another or of none.
_DEGREES = frozenset(("°", "度", "摄氏度", "℃", "华氏度"))


def _in_degrees(claim: Number, said: Number) -> bool:
    """Whether ``claim``, in degrees of no scale said, is traced by ``said``'s degrees (see ``_DEGREES``)."""
    return claim.unit == "°" and said.unit in _DEGREES


def _one_measure(measure: str, other: str) -> bool:
    """Whether two measure words measure alike: the same, or an age and the years it is (a 30-year-old firm, 30岁, is
    成立30年)."""
    return measure == other or {measure, other} == {"岁", "年"}


def how_said(claim: Number, said: Number) -> str:
    """How ``claim`` says its number otherwise than ``said`` does, in words for a message."""
    if _share_kind(claim) != _share_kind(said):
        return f"is {_SHARES[_share(claim)]}" if _share(claim) else f"is not {_SHARES[_share(said)]}"
    if _money(claim) not in (_counted(claim), _money(said)):  # (as said_alike asks: a claim may leave out the
        # quote's currency, so 超4.5亿, refused for another reason, is not "no amount of money")
        return f"is an amount in {_money(claim)}" if _money(claim) else "is not an amount of money"
    if _measured(claim) and _measured(said) and not _one_measure(_measured(claim), _measured(said)):
        return f"is counted in {claim.unit}"
    return f"says '{_QUALIFIER_SENSE.get(claim.qualifier, claim.qualifier)}'"


def counts(quantities: Sequence[Quantity]) -> list[Number]:
    """The numbers among ``quantities`` that are counts or amounts (what a statistic's value may be)."""
    return [item.number for item in quantities if COUNT in item.meanings]
