"""Tests for microsite.tracing: every number a reader sees, in every field, traced to the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.cli import main
from microsite.quantities import stated
from microsite import tracing
from microsite.tracing import Allowed, numbered_names, only_a_number, untraced
from tests.conftest import reseal

SOURCE = "2023-10-11-abcdef12"


def numbers(text: str, lang: str, quote: str | None = None, names=()) -> list[str]:
    allowed = Allowed(tuple(stated(quote)), "the quote") if quote is not None else None
    return [text[problem.start:problem.start + 3] for problem in untraced(text, lang, allowed, names)]


def test_a_number_in_its_quote_is_traced_and_another_is_not():
    assert numbers("49 chambers", "en", "护航49个所属商会") == []
    assert numbers("9 chambers", "en", "护航49个所属商会") == ["9 c"]


@pytest.mark.parametrize("text", ["٤٩ chambers", "𝟒𝟗 chambers", "४९ chambers", "forty-nine chambers"])
def test_digits_of_any_script_and_number_words_are_numbers(text):
    assert numbers(text, "en") != []
    assert numbers(text, "en", "护航49个所属商会") == []


@pytest.mark.parametrize("text", ["九十九家商会", "五千万元", "十一届", "第二季度", "三个纳入"])
def test_chinese_numerals_with_a_measure_word_are_numbers(text):
    assert numbers(text, "zh") != []


@pytest.mark.parametrize("symbol", ["㊾", "Ⅸ", "½", "²", "⑩"])
def test_a_number_written_as_a_symbol_is_refused_even_with_a_quote(symbol):
    [problem] = untraced(f"{symbol} chambers", "en", Allowed(tuple(stated("护航49个")), "the quote"))
    assert "written as a symbol" in problem.message


def test_a_count_is_not_taken_from_an_ordinal():
    [problem] = untraced("2 out-of-town chambers were invited", "en",
                         Allowed(tuple(stated("首次受邀参加晋江市第二季度党政商恳谈会")), "the quote it cites"))
    assert "'2' is a count here" in problem.message and "part of a date" in problem.message


@pytest.mark.parametrize("text, lang, ranked, quoted", [
    ("首批受邀", "zh", "batches (批)", "occasions (次"), ("第一家受邀的商会", "zh", "things (家", "occasions (次"),
    ("invited for the first time", "en", "occasions (次", "batches (批)"),
])
def test_a_rank_of_another_kind_than_its_quote_s_says_what_each_ranks(text, lang, ranked, quoted):
    quote = "首批商会受邀参加" if lang == "en" else "34家异地商会首次受邀参加"
    [problem] = untraced(text, lang, Allowed(tuple(stated(quote)), "the quote it cites"))
    assert f"ranks {ranked}" in problem.message and f"ranks {quoted}" in problem.message
    assert "rank what the quote ranks" in problem.hint


def test_a_date_whose_day_and_month_may_be_read_either_way_says_so():
    problems = untraced("on 11/10/2023", "en", Allowed(tuple(stated("2023年10月11日")), "the quote it cites"))
    assert [problem.start for problem in problems] == [3, 6]
    assert all("'11/10/2023' is 11 October 2023 to readers who write the day first and November 10, 2023 to those who"
               in problem.message and "the month as a word" in problem.hint for problem in problems)


@pytest.mark.parametrize("text, lang, quote, messages", [
    # a date said in one word whose claims the quote refuses together is one mistake, one message
    ("盛夏，49家商会召开会议", "zh", "49家商会召开会议", ["'盛夏' names a season and a part of it"]),
    ("盛夏時節，49家商會召開會議", "zh", "49家商会召开会议", ["'盛夏' names a season and a part of it"]),
    ("In late autumn, 49 chambers met", "en", "49家商会召开会议", ["'late autumn' names a season and a part of it"]),
    ("In midsummer, 49 chambers met", "en", "49家商会召开会议", ["'midsummer' names a season and a part of it"]),
    ("年末，49家商会召开会议", "zh", "49家商会召开会议",
     ["'年末' names a part of a year counted from the day it is read"]),
    ("At the end of the year, 49 chambers met", "en", "49家商会召开会议",
     ["'the end of the year' names a part of a year counted from the day it is read"]),
    ("49家商会于10月上下旬召开会议", "zh", "10月，49家商会召开会议", ["'上下旬' places a date in a part of its month"]),
    # where the quote says one of them, the other is the mistake, said as it was
    ("盛夏，49家商会召开会议", "zh", "夏季，49家商会召开会议", ["'盛夏' places a date in a part of its season"]),
    ("49家商会于10月上下旬召开会议", "zh", "10月上旬，49家商会召开会议", ["'上下旬' places a date in a part of its month"]),
])
def test_a_date_in_words_refused_is_one_message_at_its_word(text, lang, quote, messages):
    problems = untraced(text, lang, Allowed(tuple(stated(quote)), "the quote it cites"))
    assert len(problems) == len(messages)
    assert all(problem.message.startswith(message) for problem, message in zip(problems, messages))


@pytest.mark.parametrize("quote", ["12家商会，5家协会", None])
def test_a_number_with_a_decimal_comma_says_how_it_reads(quote):
    """12,5 is 12.5: an editor who meant 12 and 5 learns why a quote holding both does not trace it."""
    allowed = Allowed(tuple(stated(quote)), "the quote it cites") if quote is not None else None
    [problem] = untraced("12,5 chambers", "en", allowed)
    assert "'12,5' reads as 12.5: a comma before one or two digits is a decimal comma" in problem.message


def test_two_numbers_with_a_space_after_the_comma_are_traced_apart():
    assert numbers("12, 5 chambers", "en", "12家商会，5家协会") == []
    assert numbers("12, 5 chambers", "en") == ["12,", "5 c"]


def test_a_glossary_name_traces_its_numbers():
    names = numbered_names(['"Four Goods" chamber of commerce', "three inclusions"], "en")
    assert numbers("eight Four Goods chambers and the three inclusions", "en", names=names) == ["eig"]


@pytest.mark.parametrize("name, number", [
    ("Forty-Nine", "Forty-Nine"), ("forty nine", "forty nine"), ("49", "49"), ("四十九", "四十九"),
    ("“四十九”", "四十九"), ("第四十九", "四十九"), ("四十九家", "四十九家"), ("the Forty-Nine", "Forty-Nine"),
    ("A Hundred", "A Hundred"), ("49%", "49%"), ("Ninety-Nine Percent", "Ninety-Nine Percent"),
    ("三个三", ""), ("Three Threes", ""), ("十四五", ""), ("Fourteenth Five-Year Plan", ""), ("“四好”商会", ""),
    ('"Four Goods" chamber of commerce', ""), ("五湖四海", ""), ("First", ""),
])
def test_a_name_that_reads_as_nothing_but_a_number_is_only_a_number(name, number):
    """A glossary name traces its numbers wherever a text says them: one that is only a number would trace that
    number in any meaning; one with words beside its numbers, or of several numbers, is a name."""
    assert only_a_number(name) == number


def test_a_numeral_of_a_name_in_quotation_marks_is_a_number_a_reader_sees():
    """“五好” was read as nothing, so a page could rename the article's “四好” chambers unchecked: a numeral of a
    name in quotation marks is traced by a glossary name, or by a quote that has it in a name (not a count of 四)."""
    names = numbered_names(["四好", "十四五"], "zh")  # (bare names: written quoted, they hold numbers)
    assert names == ("四好", "十四五")
    assert numbers("“四好”商会与‘十四五’规划", "zh", names=names) == []
    assert numbers("晋江“五好”商会", "zh", names=names) == ["五好”"]
    assert numbers("晋江“四好”商会", "zh", "创建“四好”商会") == []
    assert numbers("晋江“四好”商会", "zh", "四好商会建设") == []  # (a quote's bare numeral is a name's)
    assert numbers("晋江“四好”商会", "zh", "四家商会") == ["四好”"]  # a count is no name
    assert numbers("“一站式”服务，一带一路，四好商会", "zh") == []  # (a lone 一; and unquoted, the numerals of words)
    assert numbers("“六稳六保”", "zh") == ["六稳六", "六保”"]  # (each numeral of a name)
    # not the article's words quoted at length, nor an idiom quoted: their numerals are those of words
    assert numbers("他说“这一个五好商会建设工程在各个镇街全面铺开”，“五湖四海”的晋江人，“三心二意”", "zh") == []
    [problem] = untraced("晋江“五好”商会", "zh", None)
    assert problem.message == "the number '五' of a name in quotation marks is not traced to a source"
    assert "glossary" in problem.hint
    [problem] = untraced("晋江“四好”商会", "zh", Allowed(tuple(stated("四家商会")), "the quote it cites"))
    assert problem.message == "the number '四' of a name in quotation marks is in no name in the quote it cites"


# --- every field, end to end ---------------------------------------------------------


def check(project: Path, capsys) -> str:
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_minimal_site_passes(minimal_project: Path):
    assert main(["--root", str(minimal_project), "check"]) == 0


def test_a_number_in_a_page_title_is_refused_at_its_column(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "title: Home en", "title: Home of 12,000 members")
    err = check(minimal_project, capsys)
    assert "content/pages/index.en.md:2:16: the page's title: the number '12,000' is not traced" in err
    assert "cannot carry a citation" in err


def test_a_number_in_a_quoted_description_is_refused_at_its_column(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "description: Home page (en).",
         "description: 'Up 250% since 2019'")
    err = check(minimal_project, capsys)
    assert "index.en.md:3:18: the page's description: the number '250%'" in err


def test_a_name_in_quotation_marks_in_a_page_is_refused_at_its_numeral(minimal_project: Path, capsys):
    """A Chinese page's “五好”商会, which no glossary entry or quote names, is reported where its numeral stands, in
    the page's Markdown and in its title alike (both were read as nothing)."""
    page = minimal_project / "content/pages/index.zh.md"
    edit(page, "See [the figures]", "晋江有“五好”商会。See [the figures]")
    edit(page, "title: Home zh", "title: “十五五”规划")
    err = check(minimal_project, capsys)
    assert "index.zh.md:2:9: the page's title: the number '十五' of a name in quotation marks is not traced" in err
    assert "index.zh.md:6:45: the number '五' of a name in quotation marks is not traced to a source" in err


def test_a_statistic_label_may_only_show_its_quote_s_numbers(minimal_project: Path, capsys):
    edit(minimal_project / "content/data/statistics.yaml", "label: affiliated chambers", "label: 99% of chambers")
    err = check(minimal_project, capsys)
    assert "statistics.yaml:11:12: label: the number '99%' is not in the record's quote" in err


@pytest.mark.parametrize("lang, label, shown", [("zh", "label: 捐款", "今年"), ("en", "label: donated", "this year"),
                                               ("en", "label: donated", "the start of the year")])
def test_a_label_may_not_say_this_year_though_its_quote_does(minimal_project: Path, capsys, lang, label, shown):
    """A label speaks in the site's voice: the quote's 今年 is the article's year, a reader's is the year they read
    in. The same words stay allowed where prose cites them as the article's."""
    data = minimal_project / "content/data/statistics.yaml"
    edit(data, "quote: 所属商协会及其会员捐款超4.5亿元", "quote: 今年以来，所属商协会及其会员捐款超4.5亿元")
    relative, year = (f"（{shown}以来）", "（2023年以来）") if lang == "zh" else (f" since {shown}", " since the start of 2023")
    edit(data, label, label + relative)
    err = check(minimal_project, capsys)
    assert f"label: '{shown}' is a year counted from the day it is read" in err and "hint: write the year itself" in err
    edit(data, label + relative, label + year)
    edit(minimal_project / "content/pages/index.zh.md", "chambers.",
         'chambers. 文章说，[今年以来](cite:2023-10-11-abcdef12 "今年以来，所属商协会")有捐款。')
    assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("lang, label, said", [("zh", "label: 捐款", "上个月"), ("zh", "label: 捐款", "近日"),
                                              ("en", "label: donated", "last month"), ("en", "label: donated", "today")])
def test_a_label_may_not_place_a_time_from_the_day_it_is_read(minimal_project: Path, capsys, lang, label, said):
    """上个月 or "last month" in a label is the reader's last month, not the article's, as 今年 is the reader's
    year: refused though no number is there to trace; in quotation marks, the article's words, it may stand."""
    data = minimal_project / "content/data/statistics.yaml"
    edit(data, label, f"{label}（{said}）")
    err = check(minimal_project, capsys)
    assert f"label: '{said}' is a time counted from the day it is read" in err and "hint: write the date itself" in err
    edit(data, f"{label}（{said}）", f"{label}（“{said}”）")
    assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("text, said", [
    ("目前拥有商会", ["目前"]), ("至今已有", ["至今"]), ("currently 49 chambers", ["currently"]),
    ("so far this year", ["so far"]), ("上周与本月", ["上周", "本月"]), ("the other day", ["the other day"]),
    ("近三年新建", ["近三年"]), ("近年来", ["近年来"]), ("过去一年", ["过去一年"]), ("in recent years", ["in recent years"]),
    ("over the past three years", ["over the past three years"]), ("接近年底，年度报告，近年度", []),
    # words that hold one of them and say no time from today
    ("出现在标题中，体现在", []), ("节日前夕", []), ("截至今年", []), ("担当前行", []), ("now known as", []),
    ("“上个月”", []),  # the article's words, quoted
    # a season, a night or a morning, a few days from today (each passed): not 今晚报, a newspaper, nor 说明春节, nor
    # 会议前几天, a few days before the meeting
    ("今秋出台，今冬明春", ["今秋", "今冬", "明春"]), ("昨晚与今晨", ["昨晚", "今晨"]), ("前几天，这几天", ["前几天", "这几天"]),
    ("今晚报，过去冬天，会议前几天", []), ("this past year", ["this past year"]),
    # 前不久 where a clause begins with it or after 在, 于 or an adverb is "recently"; after another word, "shortly
    # before" what that word names (文章发表前不久: the article's date, not the reader's)
    ("前不久，市长调研；已于前不久召开，在前不久的会议上", ["前不久", "前不久", "前不久"]),
    ("文章发表前不久，标为发表日期前不久", []),
    ("Recently, today; the last pillar, the past", ["Recently", "today"]),
    # times before today, after it and so long before it (each passed): in English ...
    ("two years ago, a year and a half ago, months ago", ["two years ago", "a year and a half ago", "months ago"]),
    ("These days; of late. Of late it grew; until now, for now, from now on, latterly", [
        "These days", "of late", "Of late", "until now", "for now", "from now on", "latterly"]),
    ("going forward, an upcoming visit, in the near future, in the coming months", [
        "going forward", "upcoming", "in the near future", "in the coming months"]),
    ("over the past decade, in the last two weeks, the past few months, this decade", [
        "over the past decade", "in the last two weeks", "the past few months", "this decade"]),
    # ... and not a time of a year or a plan named, the final one, the payment of late fees, now alone
    ("in the last quarter of 2023, in the last year of the plan, the last year the chamber met, of late payment, "
     "now known as, by now", []),
    # and in Chinese; so long before today only where a clause begins with it or after an adverb, as 前不久
    ("眼下，当下，现阶段，今后，近来，这几年，这些年", ["眼下", "当下", "现阶段", "今后", "近来", "这几年", "这些年"]),
    ("三年前，商会成立；已于两个月前召开；几天前", ["三年前", "两个月前", "几天前"]),
    ("成立三年前，2023年前完成，十一月前，三年前后", []),  # before a founding, a year, a month of the calendar
    ("最近，商会召开；商会最近一次会议；最近几年", ["最近", "最近", "最近"]),
    # 最近 after a word before a verb is "recently" (it passed); "nearest" where the clause measures a distance, and
    # "closest" at a clause's end; before 的 it may be either (最近的会议, 离晋江最近的商会), and is not read
    ("商会最近召开会议；商会已最近召开；商会最近两年", ["最近", "最近", "最近"]),
    ("离晋江最近的商会，距离最近处，两家关系最近。商会最近的会议，采用最近邻算法", []),
    ("距晋江、石狮最近处设点", []),  # (、 lists words within a clause: the distance is still measured)
    # the months, weeks and days before today, as the years (each was read as a number of nothing: '近两个'), and
    # for some time now; not nearly so long after a word of how long something took or how far apart two times are
    ("近两个月，近十天，近三周，近半年，近几个月，近些日子，近一段时间，近一个时期，一段时间以来",
     ["近两个月", "近十天", "近三周", "近半年", "近几个月", "近些日子", "近一段时间", "近一个时期", "一段时间以来"]),
    ("过去一个月，过去三个月里，过去的一周，过去十天", ["过去一个月", "过去三个月", "过去的一周", "过去十天"]),
    ("历时近三年，长达近两个月，为期近十天，用了近一年，经过近半年，相隔近两周，提前近一个月，推迟近十天，相差近一年，"
     "将近两个月，接近三年", []),
    ("in recent months, over recent weeks, during the most recent quarters",
     ["in recent months", "over recent weeks", "during the most recent quarters"]),
    ("It grew.\n\nOf late it grew more.\n\n- Of late it grew", ["Of late", "Of late"]),  # a paragraph's first words
    # words that end before one of them or begin after it, and make another reading (each was refused)
    ("项目前期工作，节目前，应当前往，适当前移，接近日落，接近期末，提前天数，光明日报", []),
    ("资本周转，成本周期，日本周边，成本月度核算，线上月度会议，晚上周末，这周边，天下周刊，马上月底，线下季度会", []),
    ("10月11日前往北京，次日前往，当日前来，周日前完成，截止日前提交，工作日前，不久前往", []),
    ("应当下大力气，当下降时，附近来了商会，明日之星", []),
])
def test_the_times_counted_from_the_day_a_text_is_read(text, said):
    assert [text[problem.start:problem.start + len(word)] for problem, word in
            zip(tracing.said_from_today(text), said)] == said
    assert len(tracing.said_from_today(text)) == len(said)


@pytest.mark.parametrize("phrase", [
    "today", "Yesterday", "tomorrow", "this week", "last month", "next quarter", "this decade", "the other day",
    "two years ago", "Recently", "lately", "latterly", "currently", "at present", "nowadays", "these days",
    "Of late", "so far", "to date", "until now", "up to now", "as of now", "right now", "for now", "from now on",
    "going forward", "upcoming", "in the near future", "in the coming weeks", "in the coming days", "in recent years",
    "in recent months", "over recent weeks",
    "over the past year", "in the last few years", "the past decade"])
def test_each_time_from_today_in_english_is_found_alone(phrase):
    """Each phrase alone, as a text: the English words are searched only in a text that holds one of
    ``_FROM_TODAY_EN_WORDS``, so a phrase that holds none would never be found."""
    assert [match.group() for match in tracing.times_from_today(phrase)] == [phrase]


@pytest.mark.parametrize("note, refused", [
    ("上个月捐款。", True),  # no digit in it: its words are looked at all the same
    ("捐款。\n\n近日又有捐款。", True),  # on a later line
    ("文章所说的“上个月”，照录原文。", False),  # the article's words, quoted as its
    ('文章说，[上个月](cite:2023-10-11-abcdef12 "今年以来，所属商协会")有捐款。', False),  # a citation reports
])
def test_a_record_s_text_may_not_place_a_time_from_the_day_it_is_read(minimal_project: Path, capsys, note, refused):
    data = minimal_project / "content/data/statistics.yaml"
    edit(data, "quote: 所属商协会及其会员捐款超4.5亿元", "quote: 今年以来，所属商协会及其会员捐款超4.5亿元")
    written = note.replace("\n", "\n      ")
    edit(data, "    label: 捐款\n", f"    label: 捐款\n    note: |-\n      {written}\n")
    if refused:
        assert "is a time counted from the day it is read" in check(minimal_project, capsys)
    else:
        assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("page, said, refused", [
    ("index.zh.md", "近日商会召开会议。", True),  # (pages were not looked at: a record's text was)
    ("index.en.md", "The chambers met recently, in [a hall](https://example.com/today/).", True),
    ("index.en.md", "[The chambers met](https://example.com/today/) in `today`.", False),  # an address, code
    ("index.zh.md", '文章说，[近日](cite:2023-10-11-abcdef12 "今年以来，所属商协会")有捐款。', False),  # a citation reports
    ("index.zh.md", "文章所说的“近日”，照录原文。", False),  # the article's words, quoted as its
    ("index.zh.md", "文章发表前不久，市长调研。", False),  # shortly before the article's date
    ("index.zh.md", "项目前期工作中，资本周转加快。", False),  # 项目 前期, 资本 周转 (refused as 目前, 本周)
    ("index.zh.md", "三年前，商会成立。", True), ("index.en.md", "The chambers met a year ago.", True),
    ("../sources/2023-10-11-abcdef12.en.md", "The mayor recently visited.", False),  # the article's words, translated
])
def test_a_page_s_text_may_not_place_a_time_from_the_day_it_is_read(minimal_project: Path, capsys, page, said,
                                                                    refused):
    path = minimal_project / "content/pages" / page
    written = path.read_text(encoding="utf-8") + f"\n{said}\n"
    path.write_text(written, encoding="utf-8")
    if refused:
        err = check(minimal_project, capsys)
        line = written.splitlines().index(said) + 1
        assert f"content/pages/{page}:{line}:" in err and "is a time counted from the day it is read" in err
        assert err.count("is a time counted from the day it is read") == 1
    else:
        assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("path, old, new, refused", [
    # the fields no citation can stand in speak for the site: a page's title and description, the site's (they
    # were looked at only where a record's own quote traced them)
    ("pages/index.en.md", "description: Home page (en).", "description: What the chambers did last month.", True),
    ("pages/index.zh.md", "title: Home zh", "title: 近日动态", True),
    ("site.yaml", "en: The smallest site the tests build.", "en: The smallest site, updated recently.", True),
    ("site.yaml", "en: The smallest site the tests build.", 'en: The site of "recently", a word.', False),
    # a source's title translated is the article's: its "this year" is the article's year, said as the article does
    ("sources/2023-10-11-abcdef12.en.md", "title: Jinjiang ICF builds chambers",
     "title: Since the start of this year, Jinjiang ICF builds chambers", False),
])
def test_a_field_in_the_site_s_voice_may_not_place_a_time_from_the_day_it_is_read(minimal_project: Path, capsys, path,
                                                                                  old, new, refused):
    if path.startswith("sources/"):
        edit(minimal_project / "content/sources/2023-10-11-abcdef12.md", "title: 晋江市工商联", "title: 今年以来晋江市工商联")
        reseal(minimal_project / "content/sources/2023-10-11-abcdef12.md")  # (as ingest writes an article so titled)
    edit(minimal_project / "content" / path, old, new)
    if refused:
        assert "counted from the day it is read" in check(minimal_project, capsys)
    else:
        assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("note, refused", [
    ("今年以来捐款超4.5亿元。", True),  # traced by the record's own quote: the site's voice
    ("文章所说的“今年以来”指2023年初至文章发表时。", False),  # the article's words, quoted as its
    ('文章说，[今年以来](cite:2023-10-11-abcdef12 "今年以来，所属商协会")有捐款。', False),  # a citation reports
])
def test_a_record_s_text_may_not_say_this_year_in_the_site_s_voice(minimal_project: Path, capsys, note, refused):
    data = minimal_project / "content/data/statistics.yaml"
    edit(data, "quote: 所属商协会及其会员捐款超4.5亿元", "quote: 今年以来，所属商协会及其会员捐款超4.5亿元")
    edit(data, "    label: 捐款\n", f"    label: 捐款\n    note: '{note}'\n")
    if refused:
        assert "'今年' is a year counted from the day it is read" in check(minimal_project, capsys)
    else:
        assert main(["--root", str(minimal_project), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("text, lang, refused", [
    ("文章所说的“今年以来”，是从文章发表的那一年算起的。", "zh", False),  # the article's words, quoted as its (it was
    ('The article opens with the words "since the start of this year".', "en", False),  # refused, where “前不久” passed)
    ("今年以来，商会发展很快。", "zh", True), ("This year the chambers grew.", "en", True),
])
def test_a_year_from_today_in_quotation_marks_in_a_page_is_the_article_s_words(text, lang, refused):
    assert bool(numbers(text, lang)) == refused


def test_an_event_title_in_chinese_numerals_is_a_number(minimal_project: Path, capsys):
    edit(minimal_project / "content/data/timeline.yaml", "title: 商贸对接活动", "title: 九十九家商会参加商贸对接活动")
    assert "the number '九十九家' is not in the record's quote" in check(minimal_project, capsys)


def test_a_source_title_translation_may_not_add_a_number(minimal_project: Path, capsys):
    edit(minimal_project / f"content/sources/{SOURCE}.en.md", "title: Jinjiang ICF builds chambers",
         "title: Jinjiang ICF builds 49 chambers")
    assert f"sources/{SOURCE}.en.md:3:28: title: the number '49' is not in the source's title (晋江市工商联抓实商会建设提质增效)" in check(minimal_project, capsys)


def test_an_interface_string_with_a_number_is_refused(minimal_project: Path, capsys):
    strings = minimal_project / "content/data/strings.yaml"
    edit(strings, "  en: Key figures", "  en: 12 key figures")
    assert "string 'headline_figures_heading': the number '12'" in check(minimal_project, capsys)


def test_a_link_title_with_a_number_is_refused(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "[the figures](statistics.md)",
         '[the figures](statistics.md "all 99 of them")')
    assert "the link's title: the number '99'" in check(minimal_project, capsys)


def test_a_count_is_not_taken_from_a_date(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "See [the figures]",
         f'[4 chambers took part](cite:{SOURCE} "今年4月，依托海内外晋江乡贤资源"). See [the figures]')
    assert "index.en.md:6:42: '4' is a count here, but in the quote it cites '4月' is part of a date" in check(minimal_project, capsys)


GLOSSARY_TERMS = """
- id: affiliated
  pinyin: shāngHuì
  source: {source}
  quote: {quote}
  zh: {{term: {zh}, definition: 商会。}}
  en: {{term: {en}, definition: Chambers.}}
"""


def test_a_glossary_name_s_numbers_are_traced_by_its_own_quote(minimal_project: Path, capsys):
    glossary = minimal_project / "content/data/glossary.yaml"
    page = minimal_project / "content/pages/index.en.md"
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original + GLOSSARY_TERMS.format(source=SOURCE, quote="护航49个所属商会成立、成长",
                                                         zh="49个所属商会", en="49 affiliated chambers"), encoding="utf-8")
    edit(page, "See [the figures]", "The 49 affiliated chambers. See [the figures]")
    assert main(["--root", str(minimal_project), "check"]) == 0  # its quote has the number: the name traces it
    capsys.readouterr()
    glossary.write_text(original + GLOSSARY_TERMS.format(source=SOURCE, quote="所属商协会及其会员捐款",
                                                         zh="50个所属商会", en="50 affiliated chambers"), encoding="utf-8")
    edit(page, "The 49 affiliated", "The 50 affiliated")
    err = check(minimal_project, capsys)
    assert "glossary.yaml:15:14: term: the number '50个' is not in the record's quote" in err
    assert "glossary.yaml:16:14: term: the number '50' is not in the record's quote" in err
    assert "index.en.md" not in err  # the page uses the name; the name is where the number is untraced
    glossary.write_text(original + GLOSSARY_TERMS.replace("  source: {source}\n  quote: {quote}\n", "").format(
        zh="50个所属商会", en="50 affiliated chambers"), encoding="utf-8")
    err = check(minimal_project, capsys)
    assert "glossary.yaml:13:14: term: the number '50个' is not traced to a source" in err


def test_a_statistic_s_figure_is_traced_as_readers_see_it(minimal_project: Path, capsys):
    """Its value, unit and measure are each checked alone; what readers see is all of them together."""
    statistics = minimal_project / "content/data/statistics.yaml"
    edit(statistics, "    measure: 个", "    measure: 万个")
    edit(statistics, "  value: 450000000\n  unit: yuan", "  value: 450000000\n  unit: percent")
    err = check(minimal_project, capsys)
    assert ("statistics.yaml:8:5: statistic 'chambers': the measure word in 'zh' is '万个', but the quote counts with "
            "'个' ('49个'): readers would see '49万个'") in err
    assert "'49万个' is not in" not in err  # one mistake, told once
    assert ("statistics.yaml:13:10: the figure as readers see it in 'en' (of its value, unit and measure): "
            "'over 450,000,000%' is a percentage here, but in the record's quote '超4.5亿元' is not a percentage") in err


def test_a_citation_must_say_its_number_as_the_quote_does(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.zh.md", "See [the figures]",
         f'[近4.5亿元](cite:{SOURCE} "所属商协会及其会员捐款超4.5亿元")，[49%的商会](cite:{SOURCE} "护航49个所属商会成立、成长")。'
         "See [the figures]")
    err = check(minimal_project, capsys)
    assert "'近4.5亿元' says 'nearly' here, but in the quote it cites '超4.5亿元' says 'over'" in err
    assert "'49%' is a percentage here, but in the quote it cites '49个' is not a percentage" in err


def test_a_number_in_a_block_of_code_must_be_traced(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "See [the figures]",
         "\n\n```\nThe ICF has 12 chambers.\n```\n\n~~~\nAnd 13 more.\n~~~\n\nSee [the figures]")
    err = check(minimal_project, capsys)
    assert "content/pages/index.en.md:9:13: the number '12' is not traced to a source" in err
    assert "content/pages/index.en.md:13:5: the number '13' is not traced to a source" in err


def test_a_time_said_without_a_numeral_is_found_at_its_place(minimal_project: Path, capsys):
    """"more than a month" and "half a day" hold no digit and no number word a run of text was kept for: each is
    still checked, and reported where it stands, not at the number before it in the paragraph."""
    edit(minimal_project / "content/pages/index.en.md", "See [the figures]",
         "Talks ran 12 days, more than a month.\n\nThey met for half a day. See [the figures]")
    err = check(minimal_project, capsys)
    assert "content/pages/index.en.md:6:51: the number '12' is not traced to a source" in err
    assert "content/pages/index.en.md:6:60: the number 'more than a month' is not traced to a source" in err
    assert "content/pages/index.en.md:8:14: the number 'half a day' is not traced to a source" in err


def test_a_date_part_is_traced_by_an_event_link(minimal_project: Path):
    edit(minimal_project / "content/pages/index.en.md", "See [the figures]", "[In April 2023](event:april-event). See [the figures]")
    assert main(["--root", str(minimal_project), "check"]) == 0


def test_arabic_indic_digits_in_prose_must_be_traced(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.zh.md", "See [the figures]", "护航٤٦个商会。See [the figures]")
    assert "the number '٤٦个' is not traced to a source" in check(minimal_project, capsys)


def test_a_bidi_control_in_a_cite_link_is_refused_before_anything_else(minimal_project: Path, capsys):
    edit(minimal_project / "content/pages/index.en.md", "See [the figures]",
         f'[\u202e49\u202c chambers](cite:{SOURCE} "护航49个所属商会成立"). See [the figures]')
    err = check(minimal_project, capsys)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in err and "2 mistakes found" in err


def test_pinyin_tone_numbers_and_the_site_s_names_are_numbers_a_reader_sees(minimal_project: Path, capsys):
    edit(minimal_project / "content/data/glossary.yaml", "pinyin: gōngshānglián", "pinyin: gong1shang1lian2")
    edit(minimal_project / "content/site.yaml", "name: English,", "name: English 2,")
    err = check(minimal_project, capsys)
    assert "glossary.yaml:2:15: pinyin: the number '1' is not traced" in err
    assert "the language's name: the number '2'" in err


@pytest.mark.parametrize("text, lang, quote, says", [
    ("每年超4.5亿元", "zh", "所属商协会及其会员捐款超4.5亿元", "says no rate: an amount said once"),
    ("450 million yuan annually", "en", "每月捐款4.5亿元", "says it a month"),
])
def test_a_rate_its_quote_does_not_say_says_so(text, lang, quote, says):
    [problem] = untraced(text, lang, Allowed(tuple(stated(quote)), "the quote it cites"))
    assert "is said a year (每年, 年均, per year, annually) here, but in the quote it cites" in problem.message
    assert says in problem.message and "每年" in problem.hint


@pytest.mark.parametrize("text, lang, hint", [
    ("The council meets quarterly with 34 chambers", "en", "每季度, 按季度, per quarter, quarterly"),
    ("34家商会按月汇报", "zh", "每月, 月均, 按月, /月"), ("34 chambers report to it every week", "en", "每周, /周, weekly"),
])
def test_a_rate_of_another_span_than_a_year_is_hinted_in_its_own_forms(text, lang, hint):
    """A quarter's rate was hinted in a year's forms (每年, 年均, /年), which would not have traced it."""
    [problem] = untraced(text, lang, Allowed(tuple(stated("34家注册地在晋江的异地商会")), "the quote it cites"))
    assert problem.hint.endswith(f"({hint})")


@pytest.mark.parametrize("text, lang, quote, said, says", [
    ("每个商会捐款超4.5亿元", "zh", "所属商协会及其会员捐款超4.5亿元", "per chamber (每个商会, per chamber)",
     "says no rate: an amount said once"),
    ("10,000 yuan per capita", "en", "每位会员捐款1万元", "per person (每人, 人均, 每位, per person, per capita)",
     "says it per member (每位会员, per member)"),
    ("平均每家捐款49万元", "zh", "每家企业捐款49万元", "per one counted in 家 (每家, 家均: a firm, a chamber or a family, "
     "not said which)", "says it per firm (每家企业, per firm, per company)"),
])
def test_a_rate_per_thing_its_quote_does_not_say_says_what_each_is_per(text, lang, quote, said, says):
    """Said in the words of both languages, so that either editor reads what the page says the amount is per."""
    [problem] = untraced(text, lang, Allowed(tuple(stated(quote)), "the quote it cites"))
    assert f"is said {said} here, but in the quote it cites" in problem.message and says in problem.message
    assert "人均" in problem.hint and "per person" in problem.hint


@pytest.mark.parametrize("text, said", [
    # a part of a month no word names: the reader's month in the site's voice, as 本月 is (在月底 was read as nothing)
    ("商会将在月底举行会议。月底前完成，截至月底，商会月底换届", ["月底", "月底", "月底", "月底"]),
    ("The chambers meet at the end of the month, or at month-end, or mid-month",
     ["the end of the month", "month-end", "mid-month"]),
    # the month a word names (the text's: 当月, 该月), a month's numeral, the years' depth, the month's plan
    ("当月底，该月初，3月底，岁月底蕴，每月底，马上月底", []), ("the end of the month's plan, the end of March", []),
])
def test_a_part_of_a_month_no_word_names_is_counted_from_the_day_it_is_read(text, said):
    assert [match.group() for match in tracing.times_from_today(text)] == said


@pytest.mark.parametrize("text, lang, quote", [
    ("岁末，商会召开会议", "zh", "今年岁末，商会召开会议"), ("年终，商会召开会议", "zh", "今年年终，商会召开会议"),
    ("At year-end the chambers met", "en", "今年年底，商会召开会议"),
])
def test_the_end_of_a_year_no_year_names_may_not_stand_in_the_site_s_voice(text, lang, quote):
    """岁末, 年终 and year-end in a label are the reader's year's end, as 年底 and 今年 are: they passed where the
    quote said them (the article's year's end)."""
    allowed = Allowed(tuple(stated(quote)), "the record's quote")
    assert untraced(text, lang, allowed) == []  # (a citation reports the article's)
    assert any("a year counted from the day it is read" in problem.message
               for problem in untraced(text, lang, allowed, own_voice=True))


@pytest.mark.parametrize("text, lang", [("全部49个所属商会", "zh"), ("All 49 affiliated chambers", "en")])
def test_all_that_its_quote_does_not_say_says_so(text, lang):
    """全部49个 and "all 49" say the count is all there are; the quote's 49个 does not (they passed)."""
    [problem] = untraced(text, lang, Allowed(tuple(stated("护航49个所属商会成立、成长")), "the quote it cites"))
    assert "is said to be all there are (全部, 所有, all) here, but in the quote it cites '49个' is not" in problem.message
    assert "全部" in problem.hint and "all" in problem.hint


# --- an article in English, a source as the Chinese one is ---------------------------------------------------------

ENGLISH = "2023-10-11-0123abcd"
ENGLISH_ARTICLE = """---
outlet: Fujian Business Daily
date: "2023-10-11"
title: Jinjiang chambers donate more than 450 million yuan
counted_chars: 0
text_sha256: x
header_sha256: x
raw_sha256: 0123abcd{zeros}
raw_name: daily.xml
---

The Jinjiang Federation of Industry and Commerce said on Wednesday, October 11, 2023, that its 49 chambers of commerce had donated more than 450 million yuan since the start of the year.

In October 2023 the federation held a dialogue with chamber presidents for the first time, a meeting it now plans to hold every year. Last year, forty-nine chambers took part, and a third of them were founded by people from elsewhere.

The federation ranked 2nd among county-level federations in the province.
""".replace("{zeros}", "0" * 56)


def with_an_english_source(project: Path) -> Path:
    """``project`` with a second source, an article in English (as ingest writes an RSS item), sealed."""
    path = project / "content/sources" / f"{ENGLISH}.md"
    path.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    reseal(path)
    (project / "content/sources" / f"{ENGLISH}.zh.md").write_text(
        "---\noutlet: 福建商报\ntitle: 晋江商会捐款超4.5亿元\n---\n一篇英文报道。\n", encoding="utf-8")
    return project


def cite(text: str, quote: str) -> str:
    return f'[{text}](cite:{ENGLISH} "{quote}")'


SAID = "said on Wednesday, October 11, 2023, that its 49 chambers"
DONATED = "had donated more than 450 million yuan since the start of the year"
HELD = "In October 2023 the federation held a dialogue with chamber presidents for the first time"
LAST_YEAR = "Last year, forty-nine chambers took part"
EVERY_YEAR = "a meeting it now plans to hold every year"
THIRD = "and a third of them were founded by people from elsewhere"
RANKED = "The federation ranked 2nd among county-level federations"

# What a page in each language may say citing the English article: its dates (a weekday too, last year as the year
# it is), amounts, counts in digits and in words, shares, ranks and firsts, each as the article says it
FAITHFUL = [
    ("en", cite("on 11 October 2023", SAID)), ("en", cite("on Wednesday", SAID)), ("en", cite("in October 2023", HELD)),
    ("en", cite("in October", HELD)), ("en", cite("last year", LAST_YEAR)), ("en", cite("in 2022", LAST_YEAR)),
    ("en", cite("in 2023", DONATED)), ("en", cite("over 450 million yuan", DONATED)),
    ("en", cite("more than CNY 450 million", DONATED)), ("en", cite("49 chambers", SAID)),
    ("en", cite("forty-nine chambers", SAID)), ("en", cite("a third of them", THIRD)), ("en", cite("ranked second", RANKED)),
    ("en", cite("for the first time", HELD)), ("en", cite("every year", EVERY_YEAR)),
    ("zh", cite("2023年10月11日", SAID)), ("zh", cite("周三", SAID)), ("zh", cite("2023年10月", HELD)),
    ("zh", cite("去年", LAST_YEAR)), ("zh", cite("2022年", LAST_YEAR)), ("zh", cite("今年以来", DONATED)),
    ("zh", cite("超4.5亿元", DONATED)), ("zh", cite("49家", SAID)), ("zh", cite("四十九家", LAST_YEAR)),
    ("zh", cite("三分之一", THIRD)), ("zh", cite("排名第二", RANKED)), ("zh", cite("首次", HELD)),
    ("zh", cite("每年", EVERY_YEAR)),
]


def _all_passed(project: Path, cases: list, capsys) -> None:
    """Each ``(language, text)`` of ``cases`` written as a paragraph of its own at the end of that language's home
    page of ``project``: the check must pass them all."""
    for lang in ("en", "zh"):
        page = project / f"content/pages/index.{lang}.md"
        said = "\n\n".join(text for page_lang, text in cases if page_lang == lang)
        page.write_text(page.read_text(encoding="utf-8") + "\n" + said + "\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err


def test_an_english_article_traces_what_pages_in_either_language_say_as_it_says_it(minimal_project: Path, capsys):
    """An English article's quote is read by the English reader, as the site's English is: its dates were read as
    Chinese, with the spaces taken out (on11October2023), and 'on 11 October 2023' citing it was refused ('11' is
    part of a date here, but in the quote it cites '11' is a count), so was 2023年10月11日, and 超4.5亿元 citing
    'more than 450 million yuan' ('not in the quote it cites')."""
    _all_passed(with_an_english_source(minimal_project), FAITHFUL, capsys)


# What overreaches an English quote, with what is refused: a day, month or year not its, a qualifier, currency or
# rate not its, a count for its ordinal, another day of the week, a share not its
OVERREACHING = [
    ("en", cite("on 12 October 2023", SAID), "the number '12' is not in the quote it cites"),
    ("en", cite("in November 2023", HELD), "the number 'November' is not in the quote it cites"),
    ("en", cite("in 2021", LAST_YEAR), "the number '2021' is not in the quote it cites"),
    ("en", cite("last year", HELD), "'last year' is a year counted from the day it is read"),
    ("en", cite("nearly 450 million yuan", DONATED), "says 'nearly' here"),
    ("en", cite("450 million dollars", DONATED), "is an amount in 美元 here"),
    ("en", cite("over 450 million yuan a year", DONATED), "says no rate: an amount said once"),
    ("en", cite("on Thursday", SAID), "'Thursday' is a day of the week, and the quote it cites does not say it"),
    ("en", cite("the 49th", SAID), "'49' is an ordinal here, but in the quote it cites '49' is a count"),
    ("en", cite("a quarter of them", THIRD), "the number 'a quarter' is not in the quote it cites"),
    ("zh", cite("2023年10月12日", SAID), "the number '12日' is not in the quote it cites"),
    ("zh", cite("2022年10月", HELD), "the number '2022年' is not in the quote it cites"),
    ("zh", cite("近4.5亿元", DONATED), "'近4.5亿元' says 'nearly' here"),
    ("zh", cite("超4.5亿美元", DONATED), "is an amount in 美元 here"),
    ("zh", cite("每年超4.5亿元", DONATED), "says no rate: an amount said once"),
    ("zh", cite("49年", SAID), "'49年' is counted in 年 here"),
    ("zh", cite("49%", SAID), "'49%' is a percentage here"),
    ("zh", cite("周四", SAID), "'周四' is a day of the week"),
    ("zh", cite("前年", LAST_YEAR), "'前年' is a year counted from the day it is read"),
    # a quote that begins between the words of the article's number (its forty-nine quoted as nine)
    ("en", cite("nine chambers", "nine chambers took part"), "citation: the quote begins inside 'forty-nine' of the "
                                                             "source, cutting it into 'forty-' and 'nine'"),
]


def _refused_at_their_places(project: Path, cases: list, end: str, capsys) -> tuple[list, str]:
    """Each ``(language, text, message)`` of ``cases`` written as a paragraph of its own (``See TEXT`` and ``end``)
    at the end of that language's home page of ``project``; the check must print each message at its paragraph's
    line. Returns the places with their messages, and what the check printed."""
    expected = []
    for lang in ("en", "zh"):
        page = project / f"content/pages/index.{lang}.md"
        lines = page.read_text(encoding="utf-8").split("\n")
        for page_lang, text, message in cases:
            if page_lang == lang:
                lines += ["", f"See {text}{end}"]
                expected.append((f"index.{lang}.md:{len(lines)}:", message))
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = check(project, capsys)
    for place, message in expected:
        assert any(line.startswith(f"content/pages/{place}") and message in line for line in err.split("\n")), (
            place, message, err)
    return expected, err


def test_an_english_article_refuses_what_overreaches_it_in_either_language_at_its_place(minimal_project: Path,
                                                                                         capsys):
    _refused_at_their_places(with_an_english_source(minimal_project), OVERREACHING, ".", capsys)


def test_records_quoting_an_english_article_are_checked_by_its_reading(minimal_project: Path, capsys):
    """A statistic's value and an event's date from an English quote: faithful ones pass (its 'last year' is 2022,
    its 'more than' the qualifier more-than), and a date or a qualifier not the quote's is refused at the record;
    and so is a quote spaced otherwise than the article, which a reading with spaces would read otherwise."""
    project = with_an_english_source(minimal_project)
    statistics, timeline = project / "content/data/statistics.yaml", project / "content/data/timeline.yaml"
    records = {
        statistics: [("en-donations", "value: 450000000\n  unit: yuan\n  qualifier: more-than", DONATED,
                      "donated since the start of 2023", "2023年以来的捐款"),
                     ("en-chambers", "value: 49\n  unit: count\n  qualifier: exact", LAST_YEAR,
                      "chambers took part in 2022", "2022年参与的商会\n    measure: 家"),
                     ("en-wrong", "value: 49\n  unit: count\n  qualifier: over", SAID, "chambers", "商会\n    measure: 家"),
                     ("en-spaced", "value: 49\n  unit: count\n  qualifier: exact", "its 49chambers of commerce had",
                      "chambers", "商会\n    measure: 家")],
        timeline: [("en-dialogue", 'date: "2023-10"', HELD, "A dialogue with presidents", "与会长对话"),
                   ("en-said", 'date: "2023-10-11"', SAID, "The federation speaks", "工商联发布"),
                   ("en-last-year", 'date: "2022"', LAST_YEAR, "Chambers took part", "商会参与"),
                   ("en-wrong-date", 'date: "2023-11"', HELD, "Wrong", "错")],
    }
    for path, items in records.items():
        label = "label" if path == statistics else "title"
        text = "".join(f"\n- id: {ident}\n  {fields}\n  source: {ENGLISH}\n  quote: {quote}\n  zh:\n    {label}: {zh}"
                       f"\n  en:\n    {label}: {en}\n" for ident, fields, quote, en, zh in items)
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    err = check(project, capsys)
    assert "statistic 'en-wrong': the quote says '49' (exact), but the record's qualifier is over" in err
    assert "write qualifier: exact ('49'; over = over, more than = more-than" in err
    assert "event 'en-wrong-date': the quote dates it 'October 2023' = 2023-10, but the record says 2023-11" in err
    assert ("statistic 'en-spaced': the quote has 'its 49chambers of' where the source has 'its 49 chambers of', and "
            "an article in English is read with its spaces") in err
    assert "3 mistakes found." in err, err  # (the faithful records pass)


# --- a month, a week or a day counted from the article's day, in a quote of either language ----------------------

CHINESE_TIMES = ("上个月，商会举办会长座谈会，会员捐款超300万元。昨天，工商联召开会议。本月，商会成立。前天，会长到访。"
                 "今天，工商联发布报告。上月底，商会召开年会。上周，商会走访企业。")
ENGLISH_TIMES = ("Last month, the chamber held a forum with its presidents, and members donated over 3 million yuan. "
                 "Yesterday, the federation met. This month, a chamber was founded. Today, the federation published a "
                 "report. Late last month, the chamber held its annual meeting. Last week, the chambers visited firms.")


def with_times_from_today(project: Path) -> Path:
    """``project`` with the English article too, each source given a paragraph of times counted from its day
    (2023-10-11), sealed."""
    with_an_english_source(project)
    for name, paragraph in ((SOURCE, CHINESE_TIMES), (ENGLISH, ENGLISH_TIMES)):
        path = project / "content/sources" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + paragraph + "\n", encoding="utf-8")
        reseal(path)
    return project


def cite_zh(text: str, quote: str) -> str:
    return f'[{text}](cite:{SOURCE} "{quote}")'


# What a page in either language may write citing a quote's time counted from its article's day: the date it gives
COUNTED_FROM_THE_ARTICLE = [
    ("zh", cite_zh("2023年9月", "上个月，商会举办会长座谈会")), ("en", cite_zh("in September 2023", "上个月，商会举办会长座谈会")),
    ("zh", cite_zh("9月", "上个月，商会举办会长座谈会")), ("en", cite_zh("in 2023", "上个月，商会举办会长座谈会")),
    ("zh", cite_zh("2023年10月10日", "昨天，工商联召开会议")), ("en", cite_zh("on 10 October 2023", "昨天，工商联召开会议")),
    ("zh", cite_zh("2023年10月", "本月，商会成立")), ("zh", cite_zh("2023年10月9日", "前天，会长到访")),
    ("en", cite_zh("on 11 October 2023", "今天，工商联发布报告")), ("zh", cite_zh("2023年9月底", "上月底，商会召开年会")),
    ("en", cite_zh("in late September 2023", "上月底，商会召开年会")),
    ("en", cite("in September 2023", "Last month, the chamber held a forum")),
    ("zh", cite("2023年9月", "Last month, the chamber held a forum")),
    ("en", cite("on 10 October 2023", "Yesterday, the federation met")),
    ("zh", cite("2023年10月10日", "Yesterday, the federation met")),
    ("en", cite("in October 2023", "This month, a chamber was founded")),
    ("zh", cite("2023年10月11日", "Today, the federation published a report")),
    ("en", cite("in late September 2023", "Late last month, the chamber held its annual meeting")),
    ("zh", cite("2023年9月底", "Late last month, the chamber held its annual meeting")),
]


def test_a_page_may_write_the_date_a_quotes_time_counted_from_its_article_gives(minimal_project: Path, capsys):
    """A quote's 上个月 of an article of 2023-10-11 is September 2023, its "yesterday" the 10th, in either language:
    a page that wrote the date, as the hint of a time from today tells an editor to, was refused ('the number
    '9月' is not in the quote it cites')."""
    _all_passed(with_times_from_today(minimal_project), COUNTED_FROM_THE_ARTICLE, capsys)


# What overreaches it: another month, a day of a quote's month, a month of a quote's day, a week's day; and the page's
# own words still may not count from today (error 64)
OVERREACHING_THE_ARTICLE = [
    ("zh", cite_zh("2023年8月", "上个月，商会举办会长座谈会"), "the number '8月' is not in the quote it cites"),
    ("en", cite_zh("in October 2023", "上个月，商会举办会长座谈会"), "the number 'October' is not in the quote it cites"),
    ("zh", cite_zh("2023年9月15日", "上个月，商会举办会长座谈会"), "the number '15日' is not in the quote it cites"),
    ("zh", cite_zh("2023年10月11日", "昨天，工商联召开会议"), "the number '11日' is not in the quote it cites"),
    ("zh", cite_zh("2023年10月上旬", "本月，商会成立"), "'上旬' places a date in a part of its month"),
    ("zh", cite_zh("2023年10月", "上周，商会走访企业"), "the number '10月' is not in the quote it cites"),
    ("en", cite("in August 2023", "Last month, the chamber held a forum"), "the number 'August' is not in the quote"),
    ("en", cite("in October 2023", "Last month, the chamber held a forum"), "the number 'October' is not in the quote"),
    ("zh", cite("2023年10月11日", "Yesterday, the federation met"), "the number '11日' is not in the quote it cites"),
    ("en", cite("in early September 2023", "Late last month, the chamber held its annual meeting"),
     "'early' places a date in a part of its month"),
    ("en", cite("in October 2023", "Last week, the chambers visited firms"), "the number 'October' is not in the quote"),
    ("zh", "上个月，商会举办会长座谈会。", "'上个月' is a time counted from the day it is read"),
    ("en", "Last month, the chamber held a forum.", "'Last month' is a time counted from the day it is read"),
]


def test_a_page_may_not_write_another_date_than_a_quotes_time_counted_from_its_article(minimal_project: Path,
                                                                                       capsys):
    expected, err = _refused_at_their_places(with_times_from_today(minimal_project), OVERREACHING_THE_ARTICLE, "",
                                             capsys)
    # (and no other: a week's 2023年10月 and October 2023 are two mistakes each, its year and its month)
    assert f"{len(expected) + 2} mistakes found." in err, err


def test_records_quoting_a_time_counted_from_the_article_are_dated_by_it(minimal_project: Path, capsys):
    """An event dated 2023-09 quoting 上个月 or "Last month" of an article of 2023-10-11, one of 2023-10-10 quoting
    昨天 or "Yesterday", one shortly before the article's day quoting 上周 or "Last week", and a statistic whose label
    says September 2023 of a quote's 上个月 pass (they were refused: "the quote contains no date", and '9月' not in
    the quote); another month is refused at the record, with the date the quote gives."""
    project = with_times_from_today(minimal_project)
    statistics, timeline = project / "content/data/statistics.yaml", project / "content/data/timeline.yaml"
    events = [("zh-last-month", "2023-09", SOURCE, "上个月，商会举办会长座谈会"),
              ("zh-end-of-last-month", "2023-09", SOURCE, "上月底，商会召开年会"),
              ("zh-yesterday", "2023-10-10", SOURCE, "昨天，工商联召开会议"),
              ("zh-last-week", "before 2023-10-11", SOURCE, "上周，商会走访企业"),
              ("en-last-month", "2023-09", ENGLISH, "Last month, the chamber held a forum"),
              ("en-yesterday", "2023-10-10", ENGLISH, "Yesterday, the federation met"),
              ("en-last-week", "before 2023-10-11", ENGLISH, "Last week, the chambers visited firms"),
              ("zh-wrong", "2023-08", SOURCE, "上个月，商会举办会长座谈会"),
              ("en-wrong", "2023-10", ENGLISH, "Last month, the chamber held a forum"),
              ("en-wrong-day", "2023-09-15", ENGLISH, "Last month, the chamber held a forum")]
    timeline.write_text(timeline.read_text(encoding="utf-8") + "".join(
        f'\n- id: {ident}\n  date: "{when}"\n  source: {source}\n  quote: {quote}\n  zh:\n    title: 活动\n'
        f"  en:\n    title: An event\n" for ident, when, source, quote in events), encoding="utf-8")
    donated = [("zh-september", SOURCE, "上个月，商会举办会长座谈会，会员捐款超300万元", "2023年9月的捐款",
                "donated in September 2023"),
               ("en-september", ENGLISH, "members donated over 3 million yuan", "2023年9月的捐款",
                "donated in September 2023")]
    statistics.write_text(statistics.read_text(encoding="utf-8") + "".join(
        f"\n- id: {ident}\n  value: 3000000\n  unit: yuan\n  qualifier: over\n  source: {source}\n  quote: {quote}\n"
        f"  zh:\n    label: {zh}\n  en:\n    label: {en}\n" for ident, source, quote, zh, en in donated), encoding="utf-8")
    err = check(project, capsys)
    assert "event 'zh-wrong': the quote dates it '上个月' = 2023-09, but the record says 2023-08" in err
    assert "event 'en-wrong': the quote dates it 'Last month' = 2023-09, but the record says 2023-10" in err
    assert "event 'en-wrong-day': the quote dates it 'Last month' = 2023-09, but the record says 2023-09-15" in err
    # the English statistic's quote names no month: its labels' year and month are not in it, in either language
    dated = statistics.read_text(encoding="utf-8").split("\n").index("- id: en-september") + 1
    assert [line.split(": label: ")[1] for line in err.split("\n") if line.startswith("content/data/statistics")] == [
        "the number '2023年' is not in the record's quote", "the number '9月' is not in the record's quote",
        "the number 'September' is not in the record's quote", "the number '2023' is not in the record's quote"]
    assert f"statistics.yaml:{dated + 7}:12: label:" in err and f"statistics.yaml:{dated + 9}:" in err, err
    assert "7 mistakes found." in err, err


@pytest.mark.parametrize("text, lang, quote, quote_lang, refused", [
    ("上午9时30分", "zh", "the federation met at 9:30 a.m. twice", "en", ""),
    ("in the morning", "en", "the federation met at 9:30 a.m. twice", "en", ""),
    ("下午3点", "zh", "the talks began at 3 p.m. on Monday", "en", ""),
    ("晚上9时", "zh", "座谈会于21时举行", "zh", ""),
    ("in the evening", "en", "座谈会于21时举行", "zh", ""),
    ("下午9时30分", "zh", "the federation met at 9:30 a.m. twice", "en", "'下午' is a time of day"),
    ("凌晨3点", "zh", "the talks began at 3 p.m. on Monday", "en", "'凌晨' is a time of day"),
    ("上午9时", "zh", "座谈会于21时举行", "zh", "'上午' is a time of day"),
    ("傍晚5时", "zh", "the talks began at 5 p.m. on Monday", "en", "'傍晚' is a time of day"),  # (下午 or 傍晚)
    # a claim's a.m. or p.m., or its hour on a 24-hour clock, says its part of the day too (each passed: the hour is
    # read on a 12-hour clock)
    ("at 9:30 p.m.", "en", "the federation met at 9:30 a.m. twice", "en", "'p.m.' is a time of day"),
    ("at 9 p.m.", "en", "座谈会于上午9时举行", "zh", "'p.m.' is a time of day"),
    ("21时", "zh", "座谈会于9时举行", "zh", "'21时' is a time of day"),
    ("at 9 p.m.", "en", "座谈会于21时举行", "zh", ""),
])
def test_a_quotes_time_in_digits_says_the_part_of_the_day_its_hour_is_in(text, lang, quote, quote_lang, refused):
    """上午9时30分 citing "9:30 a.m." was refused ('上午' is a time of day, and the quote it cites does not say it), and
    晚上9时 citing 21时: the quote's hour and half of the day say it, as a claim's do. An hour at the edge of two parts
    says neither."""
    from datetime import date
    allowed = Allowed(tuple(stated(quote, date(2023, 10, 11), quote_lang)), "the quote it cites")
    messages = [problem.message for problem in untraced(text, lang, allowed)]
    assert (refused and any(refused in message for message in messages)) or (not refused and messages == [])


@pytest.mark.parametrize("text, lang, quote, quote_lang, shown", [
    ("下半年", "zh", "上半年和第二季度", "zh", "'下半年' is a half of a year here, but in the quote it cites '二季度' is a quarter"),
    ("下半年", "zh", "In the first half of the year, and in the second quarter", "en",
     "'下半年' is a half of a year here, but in the quote it cites 'second' is a quarter"),
    ("the second half of the year", "en", "上半年和第二季度", "zh", "'second half' is a half of a year here"),
])
def test_a_date_part_of_another_kind_than_its_quotes_says_what_each_is(text, lang, quote, quote_lang, shown):
    """It said ''下半年' says 'exact' here, but in the quote it cites '二季度' says 'exact'': the same number said alike,
    read as said otherwise."""
    from datetime import date
    [problem] = untraced(text, lang, Allowed(tuple(stated(quote, date(2023, 10, 11), quote_lang)), "the quote it cites"))
    assert problem.message.startswith(shown) and "a half of a year is no quarter" in problem.hint


@pytest.mark.parametrize("text, lang, quote, quote_lang, refused", [
    ("首次与会长对话", "zh", "In October 2023 the federation held its first dialogue with chamber presidents", "en", ""),
    ("its first dialogue", "en", "首次与商会会长对话", "zh", ""),
    ("its second visit", "en", "the mayor's first visit to the chambers", "en", "the number 'second' is not in"),
    ("its first visit", "en", "30 chambers took part", "en", "the number 'first' is not traced"),
])
def test_the_first_of_a_dialogue_or_a_visit_is_a_rank_as_of_a_meeting(text, lang, quote, quote_lang, refused):
    """An English article's "its first dialogue with chamber presidents" said nothing: a page's 首次对话 citing it was
    refused, and a page's "first dialogue" was no claim."""
    from datetime import date
    allowed = Allowed(tuple(stated(quote, date(2023, 10, 11), quote_lang)), "the quote it cites")
    messages = [problem.message for problem in untraced(text, lang, allowed if "30" not in quote else None)]
    assert (refused and any(refused in message for message in messages)) or (not refused and messages == [])
