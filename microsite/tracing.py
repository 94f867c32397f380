"""Every number a reader sees, traced to the source: one rule for every field.

A number in the site's own words (any field a reader sees: prose, a page's
title and description, a statistic's label, an event's title, a glossary
term, a source's English title, the interface's strings, the site's name)
is accepted only when it is traced:

- inside a ``cite:`` link, by a number of the quote it cites;
- in a ``[](stat:ID)`` link, by the statistic's value;
- in a data record's own words, by a number of the record's quote;
- as part of a glossary term's name (``三个三``, "Three Threes",
  ``十四五``), which is traced by the term's own quote.

Traced means the same value with a meaning in common (see
:mod:`quantities`: a count is not traced by an ordinal or a date). A number
written as one symbol (``㊾``, ``Ⅸ``, ``½``) is refused outright: write it
in digits. What is exempt: numbers the build writes itself from checked
data (a statistic's formatted value, dates and lengths on a source page),
and the article's own words on its source page, which are the evidence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import quantities
from .characters import find_problems, name_of
from .dates import (DAY_BEFORE_YESTERDAY_ZH, LAST_OR_NEXT_NOT_AFTER, MONTH_NOT_BEFORE, THIS_NOT_AFTER, TOMORROW_ZH,
                    WEEK_NOT_BEFORE)
from .errors import ContentError, Location
from .memo import Memo, digest_of
from .numerals import DECIMAL_COMMA, digit_runs, may_hold_numbers, numeric_symbols
from .patterns import compile_later
from .quantities import Quantity

UNTRACED_HINT = ("show a statistic with [](stat:ID), or put the claim in a citation: "
                 '[text](cite:SOURCE "quote with the number"); an article\'s own day or page in a link to it: '
                 "[text](source:SOURCE)")
PLAIN_HINT = ("this field cannot carry a citation: say it without the number, and give the number in the text "
              "with [](stat:ID) or a cite: link")


@dataclass(frozen=True)
class Allowed:
    """The numbers a text may show, and where they come from (for messages): "the quote it cites"."""

    quantities: tuple[Quantity, ...]
    why: str


@dataclass(frozen=True)
class Untraced:
    """A number of a text that is not traced: ``start`` is the offset of its first numeral."""

    start: int
    message: str
    hint: str


def quote_quantities(read_quote: str, reference: date | None, lang: str = "zh") -> tuple[Quantity, ...]:
    """What a quote (as read: ``provenance.as_read``) of a source in ``lang`` states, relative dates read against
    ``reference``."""
    return quantities.stated_once(read_quote, reference, lang)


def untraced(text: str, lang: str, allowed: Allowed | None, names: tuple[str, ...] = (),
             hint: str = UNTRACED_HINT, own_voice: bool = False, times: bool = True,
             around: tuple[str, str] = ("", "")) -> list[Untraced]:
    """The numbers a reader sees in ``text`` that ``allowed`` does not trace (None: nothing does).

    ``names`` are the glossary's term names in ``lang``: a number inside one of them is traced by its entry.
    ``own_voice``: ``text`` is the site speaking for itself, never reporting what an article wrote (a label, a
    title): there a year counted from the day it is read (今年, this year) is refused even where its quote says
    it so, since the quote's 今年 is the article's year and the reader's is the day they read it; and so is a
    time counted from that day (上个月, last month: :func:`said_from_today`), unless ``times`` is False (the
    caller looks for those in the whole text, of which ``text`` is a run around digits).
    ``around``: the words a reader reads before and after ``text`` (a link's text is read in its sentence), in
    which its numbers are read (:func:`claimed_in`); the places found are still in ``text``.
    """
    from_today = said_from_today(text) if own_voice and times else []
    if not may_hold_numbers(text):
        return from_today
    found = [Untraced(index, f"'{char}' ({name_of(char)}) is a number written as a symbol",
                      "write it in digits, traced like any number") for index, char in numeric_symbols(text)]
    found += from_today
    before, after = around
    shift, text = len(before), before + text + after  # (read whole; each place found is then the run's)
    named = _name_spans(text, names)
    parts: list[tuple[Quantity, Untraced]] = []  # (the refused parts of a date said in words: one message a word)
    for claim, first in claimed_in(text, lang, shift, len(text) - len(after)):
        number = claim.number
        if any(start <= number.start and number.end <= end for start, end in named):
            continue
        relative = claim.part == quantities.RELATIVE_YEAR
        if relative and quantities.in_quotation_marks(text, number.start, number.end):
            continue  # (文章所说的“今年以来”: the article's words, quoted as its, as a time from today may be; it was
            # refused in a page's own words, where “前不久” passed)
        if allowed is not None and quantities.traced(claim, allowed.quantities):
            if not (relative and own_voice):
                continue
            found.append(Untraced(max(number.start, shift) - shift, *_why_not_here(claim)))
            continue
        at = max(number.start, shift) if relative else first if first >= 0 else _first_numeral(
            text, number.start, number.end)
        either = quantities.either_way(text, number.start) if claim.part == quantities.DAY_OR_MONTH else None
        refused = Untraced(at - shift, *(_why_either_way(either, allowed) if either else _why(claim, allowed, hint)))
        (parts if claim.part in _ONE_WORD_PARTS else found).append((claim, refused) if claim.part in _ONE_WORD_PARTS
                                                                  else refused)
    found += _one_message_a_word(parts, text, allowed)
    return sorted(found, key=lambda item: item.start)


# The claims a date said in one word makes (盛夏: a season and its middle; 年末: this year and its end; late autumn;
# 上下旬: two parts of a month): refused together, they are one mistake, and one message names them all
_ONE_WORD_PARTS = frozenset((quantities.SEASON, quantities.PART_OF_SEASON, quantities.PART_OF_YEAR,
                             quantities.RELATIVE_YEAR, quantities.PART_OF_MONTH))
# What the claims of one word say together, and the hint (by the kinds refused; others are named one by one)
_TOGETHER = {
    frozenset((quantities.SEASON, quantities.PART_OF_SEASON)): (
        "a season and a part of it (its start, middle or end)",
        "write the season alone where the quote names it alone (夏季, in the summer), or cite a quote that says which "
        "part (盛夏, 深秋, early spring, midsummer), or leave the date out"),
    frozenset((quantities.RELATIVE_YEAR, quantities.PART_OF_YEAR)): (
        "a part of a year counted from the day it is read",
        "write the year itself (2023), which the quote's date gives, and its part only where the quote says it "
        "(2023年底, the end of 2023), or leave the date out"),
}
_PART_NAMES = {quantities.SEASON: "a season", quantities.PART_OF_SEASON: "a part of its season",
               quantities.RELATIVE_YEAR: "a year counted from the day it is read",
               quantities.PART_OF_YEAR: "a part of its year", quantities.PART_OF_MONTH: "a part of its month"}


def _one_message_a_word(parts: list[tuple[Quantity, Untraced]], text: str,
                        allowed: Allowed | None) -> list[Untraced]:
    """One message for each word the refused ``parts`` of dates in words stand in (see _ONE_WORD_PARTS): a word's
    claims touch, or only spaces and hyphens stand between them (late autumn, the end of the year)."""
    words: list[list[tuple[Quantity, Untraced]]] = []
    for claim, refused in sorted(parts, key=lambda pair: pair[0].number.start):
        if words and text[words[-1][-1][0].number.end:claim.number.start].strip(" -") == "" \
                and claim.number.start >= words[-1][0][0].number.start:
            words[-1].append((claim, refused))
        else:
            words.append([(claim, refused)])
    return [word[0][1] if len(word) == 1 or len({refused.message for _, refused in word}) == 1
            else _refused_together(word, text, allowed) for word in words]


def _refused_together(word: list[tuple[Quantity, Untraced]], text: str, allowed: Allowed | None) -> Untraced:
    """One message for the claims of one word (see _ONE_WORD_PARTS), none of which ``allowed`` traces."""
    start = min(claim.number.start for claim, _ in word)
    end = max(claim.number.end for claim, _ in word)
    shown = text[start:end].strip() if not all(claim.number.text == word[0][0].number.text for claim, _ in word) \
        else word[0][0].number.text.strip()
    kinds = frozenset(claim.part for claim, _ in word)
    what, hint = _TOGETHER.get(kinds) or (" and ".join(_PART_NAMES[claim.part] for claim, _ in word),
                                          word[-1][1].hint)
    where = f"{allowed.why} says neither" if allowed is not None else "no source traces it"
    return Untraced(min(refused.start for _, refused in word), f"'{shown}' names {what}, and {where}", hint)


def claimed_in(text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[Quantity, int]]:
    """The numbers of ``text[start:end]`` as a reader reads them in the whole of ``text``, the words around it,
    each with the place of its first numeral (-1 where ``text`` is all of it). 每年 of ``每年[超4.5亿元](cite:…)``
    says the link's amount is a rate, and "a year" of ``[450 million yuan](cite:…) a year``;
    ``[4.5亿元](cite:…)以上`` is "at least" 4.5亿元. A number read on across an edge is the one whose first numeral
    is inside (the qualifier before it may not be: 超过[49](cite:…)); one whose first numeral is outside is
    another run's, and read there."""
    end = len(text) if end is None else end
    if start == 0 and end == len(text):  # (most runs: nothing around them; the place is found where it is needed)
        return [(claim, -1) for claim in quantities.claimed(text, lang)]
    found = []
    for claim in quantities.claimed(text, lang):
        first = _first_numeral(text, claim.number.start, claim.number.end)
        if start <= first < end:
            found.append((claim, first))
    return found


# A day, week, month or quarter counted from the day it is read (the year's are read as dates: see quantities), the
# days "shortly before" it, the time it is read (目前, currently), the years before it (近三年, in recent years) and
# after it (今后, going forward), and so long before it (三年前, two years ago): in a quote, the article's; in the
# site's own voice, the reader's. Each Chinese word begins with itself, the words it is not part of looked back at
# from there (not 节日前, 出现在, 截至今年, 接近年底, 应当下功夫): a search that begins with a look back tries it at
# every character, ten times as slow over a page. 前不久 and 最近 are "recently" where a clause begins with them,
# or after 在, 于 or an adverb (在前不久的会议上, 已于前不久); after a word they are "shortly before" what that word
# names (文章发表前不久, shortly before the article was published: no time from today) or "nearest" (离晋江最近), but
# 最近一次 and 最近几年 are the last before today after any word, and 最近 before a verb (商会最近召开) is "recently"
# (see _recently_after_a_word). 一段时间以来 is "for some time now". So long before (三年前, 两个月之前) is the same:
# after a word it is before what the word names (成立三年前, three years before the founding); see times_from_today.
# (Not 2023年前 nor 十一月前, 11日前: before a year, a month, a day of the calendar.)
_AFTER_AN_ADVERB = "在于就已曾也又还都"
# Each word is looked at on both sides, for the words that end before it or begin after it and make another
# reading (项目前期 is 项目 and 前期, not 目前; 资本周转, 成本月度, 线上月度, 10月11日前往, 应当前往, 接近期末, 光明日报,
# 提前天数: each was refused as a time from today).
# (The words before and after 上, 下, 本, 月, 周, 明日 and 前天 that make another word of them are those a quote's
# dates are read by: see dates.LAST_OR_NEXT_NOT_AFTER.)
_ZH_WEEK = f"周(?![{WEEK_NOT_BEFORE}])"  # (not 周转, 周期, 周边 ...)
_ZH_MONTH = f"月(?![{MONTH_NOT_BEFORE}])"  # (not 月度, 月报 ...)
# 上周, 下个月, 上季度 (not 线上月度, 天下周刊): 上 and 下 each begin a word of their own, as a class would make the
# whole search five times as slow.
_LAST_AND_NEXT = "".join(rf"|{side}(?<![{LAST_OR_NEXT_NOT_AFTER}]{side})"
                         rf"(?:{_ZH_WEEK}|个?{_ZH_MONTH}|季度)" for side in "上下")
_FROM_TODAY_ZH = compile_later(
    rf"今天|今日|昨天|昨日|明天|{TOMORROW_ZH}|{DAY_BEFORE_YESTERDAY_ZH}"
    rf"|本(?<![{THIS_NOT_AFTER}]本)(?:{_ZH_WEEK}|{_ZH_MONTH}|季度)"
    + _LAST_AND_NEXT + rf"|这(?:{_ZH_WEEK}|个月)"
    r"|日前(?<![节假期周生作念止幕当次同每该今昨明\d〇零一二三四五六七八九十廿卅]日前)(?![往进来行])"
    rf"|前不久(?:(?<![\u3400-\u9fff]前不久)|(?<=[{_AFTER_AN_ADVERB}]前不久))|不久前(?![往进行])"
    rf"|最近(?:(?<![\u3400-\u9fff]最近)|(?<=[{_AFTER_AN_ADVERB}]最近)|(?=一次|一段|几|[两三四五六七八九十]+[年天个周]|以来))"
    r"|目前(?<![项节题科栏条纲书账盲注侧醒悦刺满触夺炫耀瞩]目前)"
    r"|当前(?<![担相应适充每正理恰妥]当前)(?![往进来移锋卫])|当下(?<![应担相充适]当下)(?![游层级属面降岗载])"
    r"|眼下|现阶段|如今|今后|现在(?<![出实表体发展呈显重]现在)|至今(?<!截至今)|迄今"
    r"|近(?<![接靠临将附贴邻亲]近)(?:日|期|来|年来|几年|些年|年(?![度底末初终])|些日子|一?段(?:时间|日子)|一个?时期)"
    # 近三年, 近两个月, 近十天: the years, months, weeks or days before today; not after a word of how long something
    # took or how far apart two times are (历时近三年, 长达近两个月, 为期近十天, 用了近一年, 经过近半年, 相隔近两周,
    # 提前近一个月, 推迟近十天, 相差近一年: nearly so long)
    r"|近(?<![接靠临将附贴邻亲时达期续了花费经用隔前迟差短长]近)(?<!经过近)(?:[一二两三四五六七八九十几半0-9]+个?(?:年|月|周|星期|礼拜|天|日)"
    r"|[几些]个?(?:月|周|星期|礼拜|天))"
    r"|一段时间以来"
    r"|这(?:几|些|两)年|过去(?:的)?(?:[一二两三四五六七八九十几0-9]+)?年"
    r"|过去(?:的)?(?:[一二两三四五六七八九十几半0-9]+)(?:个月|周|个?星期|天)"
    # this spring or autumn, last winter, next spring; last night, this morning, tonight (not 今晚报, a newspaper, nor
    # 说明春节); the last few days, these days (前几天 after a word is before what it names, as 前不久 is: 会议前几天)
    r"|今[春夏秋冬]|明春(?<!说明春)|去冬(?<!过去冬)|昨晚|昨夜|今晨|今早|今晚(?!报)"
    rf"|前[几些两]天(?:(?<![\u3400-\u9fff]前[几些两]天)|(?<=[{_AFTER_AN_ADVERB}]前[几些两]天))|这(?:几|些|两)天")
# So long before (三年前): looked for from its span (年前, 个月前, 天前), then back over its numerals, as the others
# begin with a word of their own (a search that began at every numeral made the whole search eight times as slow).
_AGO_ZH = compile_later(r"(?:年|个月|天|周|个?星期|个?礼拜)(?:之|以)?前(?![后夕])")
_AGO_ZH_WHOLE = compile_later(r"(?:[一二两三四五六七八九十几数半]+|(?<![0-9])[0-9]{1,2})" + _AGO_ZH.pattern)
_AGO_NUMERALS = frozenset("一二两三四五六七八九十几数半0123456789")
_EN_SPAN = r"(?:days?|weeks?|fortnights?|months?|quarters?|years?|decades?)"
_FROM_TODAY_EN = compile_later(
    r"\b(?:today|yesterday|tomorrow|(?:this|last|next) (?:week|month|quarter|decade)(?!\s+of\b)"
    rf"|the other day|(?:[\w-]{{1,20}}\s)?{_EN_SPAN}(?:\s+and\s+a\s+half)?\s+ago"
    r"|recently|lately|latterly|currently|at present|nowadays|these days|so far|to date"
    r"|(?:^|(?<=^[-*+>] )|(?<=[.!?;:]\s)|(?<=\n)|(?<=\n[-*+>] ))of late|of late(?=\s*(?:[^\w\s]|\Z))"
    r"|(?:until|up to|as of|right|for) now|from now on|going forward|upcoming|in the near future"
    # a part of the month no word names (the end of the month, mid-month, month-end: the reader's, as this month is)
    r"|the (?:start|beginning|middle|end) of the month(?!['’]s)|mid-?month|month[\s-]?end"
    rf"|in the coming {_EN_SPAN}|(?:in|over|during|for) (?:the )?(?:most )?recent {_EN_SPAN}"
    rf"|(?:(?:in|over|during|for) the (?:past|last)|the past|this past) (?:(?:couple of|[\w-]{{1,20}})\s)?{_EN_SPAN}"
    r"(?!\s+of\b)"
    r")\b", re.IGNORECASE)
# (Not "now" alone: by now, now called, in too many senses; nor "the last year", the final one, without "in" or
# "over": the last year the chamber met. The last year of the plan is no time from today, nor the payment of late
# fees: "of late" begins a sentence or ends a clause. The word before a span, two years ago, is of 20 letters at
# most: a run of "a-a-a-" was searched to its end from each of its places.)
# What every match of _FROM_TODAY_EN holds, in lower case: a text that holds none is not searched (a search for
# words in any case is slow, most English texts hold none of these, and a page's texts are all looked at).
_FROM_TODAY_EN_WORDS = ("today", "yesterday", "tomorrow", " week", " month", " quarter", " decade", "other day",
                        " ago", "recently", "lately", "latterly", "currently", "at present", "nowadays", "these days",
                        "of late", "so far", "to date", "until now", "up to now", "as of now", "right now", "for now",
                        "from now on", "going forward", "upcoming", "near future", "the coming ", "recent ",
                        "the past ", "the last ", "this past ", "of the month", "midmonth", "mid-month", "month end",
                        "month-end", "monthend")


def times_from_today(text: str) -> list[re.Match]:
    """The words of ``text`` that place a time from the day they are read (上个月, last month), outside quotation
    marks (the article's words, quoted), in the order they stand."""
    found = ([*_FROM_TODAY_ZH.finditer(text), *_so_long_before_today(text), *_recently_after_a_word(text),
              *quantities.parts_of_an_unnamed_month(text)] if not text.isascii() else [])
    found.sort(key=lambda match: match.start())
    lowered = text.lower()
    if any(word in lowered for word in _FROM_TODAY_EN_WORDS):
        found += _FROM_TODAY_EN.finditer(text)
        found.sort(key=lambda match: match.start())
    return [match for match in found if not quantities.in_quotation_marks(text, match.start(), match.end())]


def _so_long_before_today(text: str) -> list[re.Match]:
    """三年前, 两个月之前, 几天前 where a clause begins with them or after an adverb (see ``_FROM_TODAY_ZH``)."""
    if "前" not in text:
        return []
    found = []
    for span in _AGO_ZH.finditer(text):
        start = span.start()
        while start > 0 and text[start - 1] in _AGO_NUMERALS:
            start -= 1
        match = _AGO_ZH_WHOLE.match(text, start) if start < span.start() else None
        while match is None and start < span.start():  # (the numerals of 2023年前, three digits and more, are a year)
            start += 1
            match = _AGO_ZH_WHOLE.match(text, start)
        if match is not None and match.end() == span.end() and _clause_begins(text, match.start()):
            found.append(match)
    return found


# 最近 after a word, before a verb (商会最近召开, the chamber recently held), where the clause before it does not
# measure a distance (离晋江最近, 距离最近: nearest); not before 的 (最近的会议, the latest meeting, and 最近的商会, the
# nearest chamber, are said alike) nor at a clause's end (两家关系最近, closest). Other places of 最近 are
# _FROM_TODAY_ZH's.
_RECENTLY_AFTER_A_WORD = compile_later(rf"(?<=[\u3400-\u9fff])(?<![{_AFTER_AN_ADVERB}])最近(?=[\u3400-\u9fff])"
                                       r"(?!的|邻|一次|一段|几|以来|[两三四五六七八九十]+[年天个周])")
_A_DISTANCE = ("离", "距")


def _recently_after_a_word(text: str) -> list[re.Match]:
    """最近 read as "recently" after a word (see ``_RECENTLY_AFTER_A_WORD``)."""
    if "最近" not in text:
        return []
    found = []
    for match in _RECENTLY_AFTER_A_WORD.finditer(text):
        clause = match.start()
        while clause and text[clause - 1] not in quantities.CLAUSE_BEGINS:
            clause -= 1
        if not any(word in text[clause:match.start()] for word in _A_DISTANCE):
            found.append(match)
    return found


def _clause_begins(text: str, at: int) -> bool:
    """Whether a clause begins at ``at`` in Chinese ``text``, or an adverb or 在 stands before it (see
    ``_FROM_TODAY_ZH``): 三年前 there is three years before today, after another word before what it names."""
    before = text[at - 1] if at else " "
    return not ("\u3400" <= before <= "\u9fff" or before.isalnum()) or before in _AFTER_AN_ADVERB


def from_today_problem(words: str) -> tuple[str, str]:
    """What is wrong with ``words``, a time counted from the day it is read, in the site's own voice; and the hint."""
    return (f"'{words}' is a time counted from the day it is read: here the site speaks for itself, and a later "
            "reader reads it as theirs, not the article's",
            "write the date itself, which the quote's date gives (2023年9月, September 2023), or quote the article's "
            "words in quotation marks")


def said_from_today(text: str) -> list[Untraced]:
    """The words of ``text`` that place a time from the day they are read (see :func:`times_from_today`): in the
    site's own voice they would mean the reader's month (see :func:`untraced`)."""
    return [Untraced(match.start(), *from_today_problem(match.group())) for match in times_from_today(text)]


def _why_not_here(claim: Quantity) -> tuple[str, str]:
    """Why a year counted from the day it is read, which its quote says too, may not stand in the site's voice."""
    return (f"'{claim.number.text.strip()}' is a year counted from the day it is read: in the quote it is the "
            "article's year, but here the site speaks for itself, and a reader in a later year reads it as theirs",
            "write the year itself, which the quote's date gives (2023年以来, since the start of 2023)")


def _why_either_way(either: tuple[str, str, str], allowed: Allowed | None) -> tuple[str, str]:
    """Why a date in digits that readers read in either order (11/10/2023) is not traced (see
    ``quantities._YEAR_LAST_DATE``)."""
    written, day_first, month_first = either
    where = f"{allowed.why} does not give both" if allowed is not None else "no source traces it"
    return (f"'{written}' is {day_first} to readers who write the day first and {month_first} to those who write the "
            f"month first, and {where}",
            "write the month as a word (11 October 2023, 2023年10月11日) or the date year first (2023-10-11)")


# What a day of the week, a season or a time of day is, and the hint: the quote must say it too, in either language
_SAID_IN_WORDS = {
    quantities.WEEKDAY: ("a day of the week", "cite a quote that names the day (周三, 星期三, Wednesday; 周末, the "
                                              "weekend), or leave the day out"),
    quantities.SEASON: ("a season", "cite a quote that names the season (春季, 今年秋天, in the spring), or leave it out: "
                                    "a quarter (一季度) or a month is no season"),
    quantities.TIME_OF_DAY: ("a time of day", "cite a quote that says it (上午, 晚上, in the morning), or leave it out"),
    quantities.HOUR: ("the hour of a time of day", "cite a quote that gives the time (9时30分, 上午9点, 9:30 a.m.), or "
                                                   "leave it out: a count or a percentage is no time"),
    quantities.MINUTE: ("the minute of a time of day", "cite a quote that gives the time (9时30分, 9:30 a.m.), or leave "
                                                       "it out: a count or a percentage is no time"),
}


def _why(claim: Quantity, allowed: Allowed | None, hint: str) -> tuple[str, str]:
    shown = claim.number.text.strip()
    if claim.part == quantities.RELATIVE_YEAR:  # not a number a reader would call one: say what it is
        where = f"{allowed.why} does not say it so" if allowed is not None else "no source traces it"
        return (f"'{shown}' is a year counted from the day it is read, and {where}",
                "write the year itself (2023), which the quote's date gives, in a citation: [In 2023](cite:SOURCE "
                "\"…今年…\"); or quote a passage that says it so")
    if claim.part == quantities.FESTIVAL:  # (a day of the year by its name: no number a reader would call one)
        where = f"{allowed.why} does not name it" if allowed is not None else "no source traces it"
        return (f"'{shown}' is a day of the year, a festival or a solar term, and {where}",
                "cite a quote that names the day (国庆期间, 中秋节, 冬至), or leave the day out")
    unsaid = f"{allowed.why} does not say it" if allowed is not None else "no source traces it"
    if claim.part == quantities.PART_OF_MONTH:  # (下旬, late March: a date more precise than the month)
        return (f"'{shown}' places a date in a part of its month, and {unsaid}",
                "write the month alone, as the quote dates it, or cite a quote that says which part (上旬, 月底)")
    if claim.part == quantities.PART_OF_YEAR:  # (年底, late 2023: a date more precise than the year)
        return (f"'{shown}' places a date in a part of its year, and {unsaid}",
                "write the year alone, as the quote dates it, or cite a quote that says which part (年初, 年中, 年底, "
                "early 2023, the end of the year)")
    if claim.part == quantities.PART_OF_SEASON:  # (盛夏, late autumn: a date more precise than the season)
        return (f"'{shown}' places a date in a part of its season, and {unsaid}",
                "write the season alone, as the quote dates it, or cite a quote that says which part (盛夏, 深秋, early "
                "spring, midsummer)")
    if claim.part in _SAID_IN_WORDS:  # (周三, 春季, 上午, 9:30: a date more precise than the quote's)
        what, hint = _SAID_IN_WORDS[claim.part]
        return f"'{shown}' is {what}, and {unsaid}", hint
    if claim.part == quantities.NAMED:  # (“五好”: a numeral of a name, which a glossary entry may trace)
        where = f"is in no name in {allowed.why}" if allowed is not None else "is not traced to a source"
        return (f"the number '{shown}' of a name in quotation marks {where}",
                "correct the name, or add it to the glossary (content/data/glossary.yaml) with a quote that has it, "
                "or put it in a citation whose quote names it")
    if allowed is None:
        return f"the number '{shown}' is not traced to a source{_read_as(shown)}", hint
    named = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                  and item.part == quantities.NAMED and quantities.counts_things(claim)), None)
    if named is not None:
        return (f"'{shown}' counts things here, but in {allowed.why} '{named.number.text}' is a numeral of a name "
                "(四好, 十四五), which counts nothing",
                "quote a passage that gives the count, or write the name as the quote does")
    rate = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                 and item.meanings & claim.meanings and quantities.said_alike(claim.number, item.number)
                 and not quantities.same_rate(claim, item)), None)
    if rate is not None:  # (每年超4.5亿元 cites 超4.5亿元: an amount said once, no rate; 每人 cites 每位会员)
        theirs = f"says it {quantities.rate_name(rate.per)}" if rate.per else "says no rate: an amount said once"
        return (f"'{shown}' is said {quantities.rate_name(claim.per)} here, but in {allowed.why} "
                f"'{rate.number.text}' {theirs}",
                f"say the amount as the quote does, or quote the passage that says the rate "
                f"({quantities.rate_forms(claim.per)})")
    whole = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                  and item.meanings & claim.meanings and quantities.said_alike(claim.number, item.number)
                  and not quantities.same_whole(claim, item)), None)
    if whole is not None:  # (全部49个 cites 护航49个所属商会: the quote does not say these are all there are)
        return (f"'{shown}' is said to be all there are (全部, 所有, all) here, but in {allowed.why} "
                f"'{whole.number.text}' is not: it counts these, and does not say there are no others",
                "leave out the word that says all (全部, 所有, 全体, all, the entire), or quote a passage that says it")
    rank = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                 and item.meanings & claim.meanings and not quantities.same_rank(claim, item)), None)
    if rank is not None:  # (首批 cites 首次: a batch ranked, where the quote ranks occasions)
        return (f"'{shown}' ranks {_ranked(claim.number)} here, but in {allowed.why} '{rank.number.text}' ranks "
                f"{_ranked(rank.number)}",
                "rank what the quote ranks (首次 and \"for the first time\" are occasions, not a first batch, 首批, "
                "nor a first chamber, 首家): correct it, or quote the passage that has it")
    part = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                 and item.meanings & claim.meanings and quantities.said_alike(claim.number, item.number)
                 and not quantities.same_part(claim, item) and _PARTS.get(claim.part) and _PARTS.get(item.part)), None)
    if part is not None:  # (下半年 citing 第二季度, "the second half" citing "the second quarter": a 2 of another part
        # of a date, reported as said otherwise: ''下半年' says 'exact' here, but ... '二季度' says 'exact'')
        return (f"'{shown}' is {_PARTS[claim.part]} here, but in {allowed.why} '{part.number.text}' is "
                f"{_PARTS[part.part]}",
                "a date's part must be the quote's (a half of a year is no quarter, a month no day): correct it, or "
                "quote the passage that has it")
    alike = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)
                  and item.meanings & claim.meanings), None)
    if alike is not None:  # the same number, said otherwise
        return (f"'{shown}' {quantities.how_said(claim.number, alike.number)} here, but in {allowed.why} "
                f"'{alike.number.text}' {quantities.how_said(alike.number, claim.number)}",
                "say the number as the quote does (超 = over, 余 = more than, 近 = nearly, 约 = about; a percentage "
                "with %): correct it, or quote the passage that has it")
    other = next((item for item in allowed.quantities if quantities.same_amount(claim.number, item.number)), None)
    if other is not None:
        return (f"'{shown}' is {_meaning(claim)} here, but in {allowed.why} '{other.number.text}' is {_meaning(other)}",
                "a number must mean the same as in the quote (a count is not an ordinal or part of a date): "
                "correct it, or quote the passage that has it")
    return (f"the number '{shown}' is not in {allowed.why}{_read_as(shown)}",
            "correct the number, or quote the passage that has it")


# The parts of a date by name, for a message that one is not another (see quantities.same_part)
_PARTS = {quantities.YEAR: "a year", quantities.MONTH: "a month", quantities.DAY: "a day of a month",
          quantities.QUARTER: "a quarter of a year", quantities.HALF: "a half of a year"}


def _ranked(number: quantities.Number) -> str:
    """What an ordinal ranks, in words for a message (see :func:`quantities.ranks`)."""
    ranked = quantities.ranks(number)
    return _RANKED.get(ranked, f"what {ranked} counts ({ranked})")


_RANKED = {"次": "occasions (次, the first time)", "家": "things (家, 位: the first one)", "批": "batches (批)",
           "届": "sessions or terms (届)", "期": "issues or phases (期)", "轮": "rounds (轮)"}


def _read_as(shown: str) -> str:
    """How a number written with a decimal comma (12,5) is read, for a message: an editor who meant two numbers
    learns why the quote's do not trace it."""
    match = DECIMAL_COMMA.search(shown)
    if match is None:
        return ""
    return (f" ('{match.group()}' reads as {match.group().replace(',', '.')}: a comma before one or two digits is a "
            "decimal comma; for two numbers, write a space after it)")


def _meaning(quantity: Quantity) -> str:
    names = {quantities.COUNT: "a count", quantities.ORDINAL: "an ordinal", quantities.DATE: "part of a date"}
    return " or ".join(names[meaning] for meaning in sorted(quantity.meanings))


def _first_numeral(text: str, start: int, end: int) -> int:
    """Where the number itself starts, after a qualifier such as 超 or "more than"."""
    first = next(iter(digit_runs(text[start:end])), None)
    return start + first.start() if first else start


def _name_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    if not names:
        return []
    return [(match.start(), match.end()) for match in _names_pattern(names).finditer(text)]


@functools.lru_cache(maxsize=16)  # one pattern for all of a language's names, so each text is scanned once
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))), re.IGNORECASE)


# (No opening mark inside: each is tried once, so a run of opening marks is read once, not once from each.)
_QUOTED_PART = compile_later(r"[“\"‘'「『]([^“”\"‘’'「」『』]+)[”\"’'」』]")


def numbered_names(names: Sequence[str], lang: str) -> tuple[str, ...]:
    """The names among ``names`` that have a number in them (the only ones that can trace one), and the
    parts of them in quotation marks, which are the name proper (``"Four Goods"`` of ``"Four Goods" chamber
    of commerce``). A name is read as it is written in a text, where it may be in quotation marks: ``十四五`` holds
    numbers, as ``“十四五”`` does (a bare numeral is read in quotation marks only)."""
    parts = [part for name in names for part in (name, *_QUOTED_PART.findall(name))]
    return tuple(dict.fromkeys(part for part in parts if quantities.claimed(part, lang) or numeric_symbols(part)
                               or quantities.claimed(f"“{part}”", lang)))


# Words a name of a number may have beside it, and still be only that number: an article, the ordinal's mark.
_BESIDE_A_NUMBER = compile_later(r"\b(?:the|an?)\b|第", re.IGNORECASE)
ONLY_A_NUMBER_HINT = ("name the term by its words, the number among them as the article names it (Three Threes, "
                      "十四五, the Fourteenth Five-Year Plan); give a number itself in the text, with a cite: link or "
                      "[](stat:ID)")


def only_a_number(name: str) -> str:
    """The number ``name`` reads as where it reads as nothing else (``Forty-Nine``, ``四十九``, ``49``, ``the
    Forty-Nine Days``), read as Chinese and as English, as it is and in quotation marks; else "". A glossary term
    so named would trace that number wherever a text says it, in any meaning (forty-nine years as much as the
    forty-nine the term names). A name with words beside its numbers (``Three Threes``) is a name, and so is one
    of several numbers (``十四五``, ``三个三``)."""
    if not may_hold_numbers(name):  # (most names: ten thousand terms are read in a hundredth of a second)
        return ""
    for lang in ("zh", "en"):
        for text, shift in ((name, 0), (f"“{name}”", 1)):
            for claim in quantities.claimed(text, lang):
                start, end = claim.number.start - shift, claim.number.end - shift
                rest = _BESIDE_A_NUMBER.sub(" ", f"{name[:max(start, 0)]} {name[end:]}")
                if not any(char.isalnum() for char in rest):
                    return claim.number.text
    return ""


@dataclass(frozen=True, slots=True)
class PlainField:
    """A field a reader sees that is not Markdown (a title, a label): its text and where it is.

    ``location`` is where its value starts; ``offset`` how many characters
    of the file line come before the text there (1 for a quoted YAML value),
    or -1 when the value spans lines and columns inside it cannot be given.
    """

    text: str
    lang: str
    field: str  # "title", "label" ... as an editor calls it
    location: Location
    offset: int = 0
    quote: str = ""  # the record's own quote, as read (provenance.as_read), that may trace its numbers
    source: str = ""
    quote_lang: str = "zh"  # the language of the quote's source, whose reader reads it
    is_name: bool = False  # a glossary term's name: it traces its numbers elsewhere, and its quote traces them here
    comment: str = ""  # a YAML comment written after it on its line (# ...), which readers do not see
    reported: bool = False  # the article's words, translated (a source's title): not the site's own voice
    traced_by: str = "the record's quote"  # what ``quote`` is, for messages

    def place(self, index: int) -> Location:
        if self.offset < 0 or self.location.column is None:
            return self.location
        return Location(self.location.path, self.location.line, self.location.column + self.offset + index)


TEMPLATE_HINT = ("a template's own words cannot cite a source: show the number from the content, where it is traced "
                 "(a statistic the template is given, a page's text), or write the words without it")


STATIC_HINT = ("a file of static/ cannot cite a source: write the words in a page, where a citation traces the "
               "number, or write them without it")


def untraced_in_own_words(runs: Sequence[tuple[int, int, str]], path: Path, what: str = "the template's own text",
                          hint: str = TEMPLATE_HINT) -> list[ContentError]:
    """Every number among the words a template (or a file of ``static/``) writes itself (``runs``: line, column
    and text, see ``template_text``): every page it makes shows them, in the site's own voice, and no quote traces
    them; and every invisible character there, as in content (see ``characters``). Read as Chinese and as
    English, as a template serves every language."""
    errors = []
    for line, column, text in runs:
        found = {problem.start: problem for lang in ("zh", "en")
                 for problem in untraced(text, lang, None, hint=hint, own_voice=True)}
        for start, problem in sorted(found.items()):
            errors.append(ContentError(Location(path, line, column + start), f"{what}: {problem.message}",
                                       problem.hint or hint))
        # What a reader cannot see changes what they read as in content (a bidi override turns words around).
        errors.extend(ContentError(Location(path, line, column + odd.start), f"{what}: {odd.message()}", odd.hint)
                      for odd in find_problems(text) if not odd.number)  # (a number there is refused above)
    return errors


def check_plain(fields: Sequence[PlainField], names: dict[str, tuple[str, ...]],
                reference: Callable[[str], date | None], memo: Memo | None = None) -> list[ContentError]:
    """Every untraced number of ``fields``; ``reference`` gives a source's date (for relative dates).

    What a field without a quote of its own holds untraced depends on its text, language and the glossary's
    names only: ``memo`` remembers it by those (the preview's 20,000 titles are mostly the last build's).
    """
    memo = memo or Memo()
    named = {lang: digest_of(terms) for lang, terms in names.items()}
    errors = []
    for item in fields:
        allowed = None
        known = names.get(item.lang, ())
        if item.is_name:  # not by itself: a name whose quote lacks its number would vouch for it everywhere
            own = numbered_names([item.text], item.lang)
            known = tuple(name for name in known if name not in own)
        # A field is the site speaking for itself (a title, a label: no citation can report the article there),
        # unless it translates the article's own (a source's title): there "this year" and "recently" are its.
        own_voice = not item.reported
        if item.quote:
            allowed = Allowed(quote_quantities(item.quote, reference(item.source), item.quote_lang), item.traced_by)
            problems = untraced(item.text, item.lang, allowed, known, "", own_voice=own_voice)
        else:
            problems = memo.get(("untraced", item.text, item.lang, named.get(item.lang), item.is_name, own_voice),
                                lambda item=item, known=known, own=own_voice: untraced(item.text, item.lang, None,
                                                                                       known, PLAIN_HINT, own_voice=own))
        hint = PLAIN_HINT if allowed is None else ""
        for problem in problems:
            message = f"{item.field}: {problem.message}"
            errors.append(ContentError(item.place(problem.start), message, problem.hint or hint))
    return errors
