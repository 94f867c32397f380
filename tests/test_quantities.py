"""Tests for microsite.quantities: what a number means where it stands."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microsite.quantities import (COUNT, DATE, DAY, DAY_OR_MONTH, FESTIVAL, HALF, MONTH, ORDINAL, PART_OF_MONTH,
                                  PART_OF_YEAR, QUARTER,
                                  RELATIVE_YEAR,
                                  HOUR, MINUTE, PART_OF_SEASON, SEASON, TIME_OF_DAY, WEEKDAY, YEAR, claimed,
                                  rate_in_words,
                                  stated, traced)
from microsite.quantities import amount_keys, how_said, same_amount
from tests.timing import superlinear

ARTICLE = date(2023, 10, 11)


def meanings(text: str, lang: str) -> list[tuple[str, float, frozenset[str]]]:
    return [(q.number.text, q.value, q.meanings) for q in claimed(text, lang)]


@pytest.mark.parametrize("text, expected", [
    ("护航49个所属商会", [("49个", 49, {COUNT})]),
    ("护航九十九家商会", [("九十九家", 99, {COUNT})]),
    ("捐款五千万元", [("五千万元", 50_000_000, {COUNT})]),
    ("三个纳入", [("三个", 3, {COUNT})]),
    ("第二季度", [("二季度", 2, {DATE})]),
    ("2023年7月", [("2023年", 2023, {DATE}), ("7月", 7, {DATE})]),
    ("十一届一次主席会议", [("十一届", 11, {ORDINAL}), ("一次", 1, {ORDINAL})]),  # the term's first meeting
    # the next, this, every term: 一 is "a" there, as in 下一次 (下一届 was read as the first term); 一届 alone is
    ("选出下一届领导班子，上一届，这一届，每一届，同一届，第一届，一届", [("一届", 1, {ORDINAL}), ("一届", 1, {ORDINAL})]),
    # a Party congress by its number: after 党的 or 中共 the 20th (first); from 十一 up, also alone, either reading
    # (二十大精神; but 十二大重点产业, twelve key industries); under 十一, alone, a count (三大任务, three tasks)
    ("党的二十大，中共一大会址", [("二十大", 20, {ORDINAL}), ("一大", 1, {ORDINAL})]),
    ("二十大精神，十二大重点产业", [("二十大", 20, {COUNT, ORDINAL}), ("十二大", 12, {COUNT, ORDINAL})]),
    ("三大任务", [("三大", 3, {COUNT})]),
    ("第三项", [("三项", 3, {ORDINAL})]),
    ("一致好评，之一，十四五，四好，一个平台", []),
    # a prize or a merit by its rank (一等奖 was read as nothing), not 等 after a count (三家等: and others)
    ("荣获一等奖，三等功，三家等企业", [("一等", 1, {ORDINAL}), ("三等", 3, {ORDINAL}), ("三家", 3, {COUNT})]),
    # the first end of a range, whose measure word is written once, after the last (三至五年 was read as 五年 alone)
    ("三至五年，两到三个月，三、五家，统一至五家", [("三", 3, {COUNT}), ("五年", 5, {COUNT}), ("两", 2, {COUNT}),
                                     ("三个", 3, {COUNT}), ("三", 3, {COUNT}), ("五家", 5, {COUNT}), ("五家", 5, {COUNT})]),
    # 期间 is a word (十一期间, during the National Day holiday, was eleven 期), and 千百年 a set phrase (was 1,100 years)
    ("十一期间，双十一期间，千百年来，第三期，三期工程", [("三期", 3, {ORDINAL}), ("三期", 3, {COUNT})]),
    # an amount of a bare magnitude (亿元以上项目 was read as nothing) and an amount in words in any currency (五亿美元
    # was read as nothing, 5亿美元 was not)
    ("亿元以上项目，万元户，五亿美元，三千万港元", [("亿元以上", 10**8, {COUNT}), ("万元", 10**4, {COUNT}),
                                    ("五亿美元", 5 * 10**8, {COUNT}), ("三千万港元", 3 * 10**7, {COUNT})]),
    # a magnitude of 亿 without a digit (千亿产业集群 was read as nothing; 万亿 not even with a measure word)
    ("打造千亿产业集群，万亿级，超千亿；亿万人民，千万不要，万一", [("千亿", 10**11, {COUNT}), ("万亿级", 10**12, {COUNT}),
                                              ("超千亿", 10**11, {COUNT})]),
    # a name's numeral in quotation marks (was read as nothing: “五好” passed for the article's “四好”)
    ("“四好”，‘十四五’，“一站式”", [("四", 4, {COUNT, ORDINAL}), ("十四", 14, {COUNT, ORDINAL}), ("五", 5, {COUNT, ORDINAL})]),
    ("数百家，几十个，上千人", [("数百家", 100, {COUNT}), ("几十个", 10, {COUNT}), ("上千人", 1000, {COUNT})]),  # vague, but claims
    ("护航٤٩个", [("٤٩个", 49, {COUNT})]),
    ("护航𝟒𝟗个", [("𝟒𝟗个", 49, {COUNT})]),
    # a quarter as news writes it, without 第: a part of a date (not 连续三季度, three quarters running)
    ("一季度，今年三季度，3季度", [("一季度", 1, {DATE}), ("三季度", 3, {DATE}), ("3季度", 3, {DATE}),
                            ("今年", 0, {DATE})]),  # (the relative years are read last)
    ("连续三季度，三个季度，前三季度", [("三季度", 3, {COUNT}), ("三个", 3, {COUNT}), ("三季度", 3, {COUNT})]),  # (quarters counted:
    # 连续三季度 was read as nothing, 前三季度 as the third quarter)
    # one or two, three or five, tens of thousands: counts (一两家 was taken for 一家, an article)
    ("一两家，三五家，数以万计", [("一两家", 1, {COUNT}), ("三五家", 3, {COUNT}), ("数以万计", 10_000, {COUNT})]),
])
def test_chinese_claims_are_counts_ordinals_or_dates(text, expected):
    assert meanings(text, "zh") == [(t, v, frozenset(m)) for t, v, m in expected]


@pytest.mark.parametrize("text, expected", [
    ("49 chambers", [("49", 49, {COUNT})]),
    ("forty-nine chambers", [("forty-nine", 49, {COUNT})]),
    ("the 2nd quarter", [("2", 2, {DATE})]),  # as 第二季度 is part of a date
    ("the 2nd meeting", [("2", 2, {ORDINAL})]),
    ("in Q2", [("2", 2, {DATE})]),
    ("in July 2023", [("July", 7, {DATE}), ("2023", 2023, {DATE})]),  # a month named is a number too
    ("on 5 July", [("5", 5, {DATE}), ("July", 7, {DATE})]),
    ("2023", [("2023", 2023, {DATE, COUNT})]),
    ("one of them", []),
    ("two hundred and five", [("two hundred and five", 205, {COUNT})]),
    ("٤٩ chambers", [("٤٩", 49, {COUNT})]),
])
def test_english_claims_are_counts_ordinals_or_dates(text, expected):
    assert meanings(text, "en") == [(t, v, frozenset(m)) for t, v, m in expected]


@pytest.mark.parametrize("claim, lang, traced_by, not_traced_by", [
    ("三千五家", "zh", "新增三千五百家。", "新增三千零五家。"),  # was 3,005
    ("5千万元", "zh", "新增5000万元。", "新增5000元。"),  # was 5,000 yuan
    ("4亿5千万元", "zh", "新增4.5亿元。", "新增4亿元。"),  # was 4亿 and 5千万 apart
    ("伍佰家", "zh", "新增500家。", "新增100家。"),  # was 佰家, a hundred
    ("2百家", "zh", "新增200家。", "新增2家。"),  # was 2 and 百家
    # thousands grouped by dots or apostrophes: was 1.2 and 0, traced by any quote with both
    ("1.200.000元", "zh", "120万元", "1.2倍，另有0元"), ("1.200.000 yuan", "en", "120万元", "1.2倍，另有0元"),
    ("1'200 members", "en", "会员1200名", "会员1名，另200名"),
    # the marks of other scripts, and per mille in English: 49‰ was a count, traced by 49个
    ("49‰", "en", "占比49‰", "护航49个商会"), ("٤٫٥ billion yuan", "en", "捐款45亿元", "4家，5亿元"),
    # a decimal comma: was 12 and 5, traced by any quote with both
    ("增长12,5%", "zh", "增长12.5%", "12家，增长5%"), ("12,5 per cent", "en", "增长12.5%", "12家，增长5%"),
])
def test_a_claim_written_in_magnitudes_or_groups_is_traced_by_its_value_alone(claim, lang, traced_by, not_traced_by):
    [number] = claimed(claim, lang)
    assert traced(number, stated(traced_by, ARTICLE))
    assert not traced(number, stated(not_traced_by, ARTICLE))


@pytest.mark.parametrize("text, lang, firsts", [
    ("异地商会首次受邀参加，全省首家，首届论坛，首批会员", "zh", ["首次", "首家", "首届", "首批"]),
    ("头一次受邀，头一回，头一遭，头一批会员", "zh", ["头一次", "头一回", "头一遭", "头一批"]),  # (read as nothing)
    ("初次受邀参加，最初次序", "zh", ["初次"]),  # (read as nothing; 最初 is "at first")
    ("Invited for the first time; the first-ever forum; the first time they met", "en",
     ["for the first time", "first-ever", "the first time"]),
    ("元首次日抵达，以商会为首，居榜首位", "zh", []),  # the 首 that ends a word: the head of state, led by, top
    ("At first, first of all, the first pillar", "en", []),  # "first" alone is left out
])
def test_a_first_said_without_a_numeral_is_a_rank(text, lang, firsts):
    """首次 and "for the first time" claim that something happened first: a rank of one, as 第一次 is, which a
    quote must say too."""
    found = [(q.number.text, q.value, q.meanings) for q in claimed(text, lang) if q.meanings == {ORDINAL}]
    assert found == [(first, 1, frozenset((ORDINAL,))) for first in firsts]


def test_a_first_is_traced_by_a_quote_that_says_it_and_by_no_other():
    claims = claimed("首次受邀，头一回，invited for the first time", "en")
    assert [claim.number.text for claim in claims] == ["首次", "头一回", "for the first time"]
    assert all(traced(claim, stated("34家注册地在晋江的异地商会首次受邀参加", ARTICLE)) for claim in claims)
    assert not any(traced(claim, stated("34家异地商会受邀参加", ARTICLE)) for claim in claims)


@pytest.mark.parametrize("claim, lang, quote, expected", [
    # the first time is no first batch, nor a first chamber (首批, 第一批 and 首家 passed for a quote's 首次受邀)
    ("首批受邀", "zh", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("第一批受邀", "zh", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("首家受邀", "zh", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("第一家受邀的商会", "zh", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("for the first time", "en", "首批商会受邀参加", False),
    # an occasion by another word, a thing by another measure word, and an ordinal that says not what it ranks
    ("第一次受邀", "zh", "34家注册地在晋江的异地商会首次受邀参加", True),
    ("头一回", "zh", "34家注册地在晋江的异地商会首度受邀参加", True),
    ("第一位受邀", "zh", "首家受邀参加的商会", True), ("首批受邀", "zh", "第一批受邀参加的商会", True),
    ("the first meeting", "en", "十一届一次主席（会长）会议", True),  # (an English ordinal is read with 个: any kind)
    ("the first time", "en", "第一次受邀参加", True), ("the first batch", "en", "首次受邀参加", True),
    ("十一届一次主席会议", "zh", "十一届一次主席（会长）会议", True),
    # "the first to" do a thing, or the first among them, ranks the one that did it: a thing, not the occasion
    # ("first" alone was read as nothing, and It was the [first](cite:…) to be invited passed for 首次受邀)
    ("It was the first to be invited", "en", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("the first among the chambers invited", "en", "34家注册地在晋江的异地商会首次受邀参加", False),
    ("It was the first to be invited", "en", "首家受邀参加的商会", True),
    # in Traditional characters (首屆 and 頭一回 were read as nothing)
    ("首屆", "zh", "34家注册地在晋江的异地商会首次受邀参加", False), ("頭一回受邀", "zh", "首次受邀参加", True),
])
def test_a_rank_is_traced_by_a_rank_of_the_same_kind(claim, lang, quote, expected):
    """What an ordinal ranks, by its measure word: occasions (首次, 第一次, 头一回, for the first time), things (首家,
    第一个) or a kind of its own (首批, 第一届); one of no measure word (first, 第一) may be any."""
    ranks = [item for item in claimed(claim, lang) if ORDINAL in item.meanings]
    assert ranks and all(traced(item, stated(quote, ARTICLE)) == expected for item in ranks)


def test_an_amount_said_by_a_qualifier_and_its_magnitude_is_a_count_and_traces_as_one():
    """会员过万, 企业数百, 两千多: no measure word, but an amount (they were read as nothing, or as a name's numeral
    in a quote, so "over 10,000 members" citing 会员过万 was refused); a bare numeral stays a name's (十四五)."""
    assert [(q.number.text, q.value) for q in claimed("会员过万，企业数百，两千多，千余，上百；十四五，三农", "zh")] == [
        ("过万", 10_000), ("数百", 100), ("两千多", 2000), ("千余", 1000), ("上百", 100)]
    [claim] = claimed("over 10,000 members", "en")
    assert traced(claim, stated("会员过万", ARTICLE)) and not traced(claim, stated("会员过千", ARTICLE))


@pytest.mark.parametrize("text, counts", [
    # how often, with the measure words of occasions other than 次 (read as nothing), not the words they begin
    ("走访了两回，读了三遍，两度获奖，第三回", ["两回", "三遍", "两度"]),
    ("五一回家，十一度假，两回事，遍布全国，一度停滞", []),
    ("每年召开一次，一年一次，每两个月一次", ["一次", "一次", "两个", "一次"]),
    ("开了一次会，这一次会议，每年一度", []),  # 一 with a measure word is "a", as often as not
])
def test_how_often_is_a_count(text, counts):
    """两回, 三遍 and 两度 say how often, as 两次 does; and so does 一次 after 每年 (once a year), as 每年两次 and
    "once a year" do, where 一次 alone is read as an article."""
    assert [q.number.text for q in claimed(text, "zh") if q.meanings == {COUNT}] == counts


@pytest.mark.parametrize("text, read", [
    ("刊于六版，第六版，十二版，印了三版", ["六版", "六版", "十二版", "三版"]),
    ("三版本，两版面，西双版纳，头版，出版，一版权", []),
])
def test_a_newspapers_page_in_numerals_is_a_number(text, read):
    """六版, a newspaper's page six (the source's header says so of its page), was read as nothing: a page that
    said 刊于五版 was traced by nothing and refused by nothing. Not the words 版 begins (版本, 版面, 版权)."""
    assert [q.number.text for q in claimed(text, "zh")] == read
    [claim] = claimed("刊于六版", "zh")
    assert traced(claim, stated("第06版 六版", ARTICLE)) and not traced(claim, stated("第05版 五版", ARTICLE))


@pytest.mark.parametrize("claim, lang", [("下降5个百分点", "zh"), ("下降五个百分点", "zh"), ("down 5 percentage points", "en"),
                                         ("down five percentage points", "en")])
def test_percentage_points_are_traced_by_percentage_points_alone(claim, lang):
    """5个百分点 is a difference of two percentages: not 5 %, nor a count of five (个 was taken for its measure
    word, and "5 percentage" for "5 percent")."""
    [number] = claimed(claim, lang)
    assert traced(number, stated("同比下降5个百分点", ARTICLE))
    assert not traced(number, stated("同比下降5%", ARTICLE)) and not traced(number, stated("新增5家", ARTICLE))


@pytest.mark.parametrize("claim, same, other", [
    ("US$5 million", "500万美元", "500万元"), ("$5 million", "500万美元", "500万港元"), ("USD 5 million", "500万美元", "500万欧元"),
    ("5 million US dollars", "500万美元", "500万元"), ("€3 million", "300万欧元", "300万美元"),
    ("3 million euros", "300万欧元", "300万元"), ("HK$5 million", "500万港元", "500万美元"),
    ("5 million Hong Kong dollars", "500万港元", "500万美元"), ("RMB 5 million", "500万元", "500万美元"),
])
def test_an_amount_of_money_is_traced_by_the_same_currency_however_it_is_written(claim, same, other):
    """US$5 million is 500万美元 (a faithful translation was refused: US$ and 美元 were two currencies), and no
    amount in another currency."""
    [number] = claimed(claim, "en")
    assert traced(number, stated(f"投资{same}", ARTICLE))
    assert not traced(number, stated(f"投资{other}", ARTICLE))


@pytest.mark.parametrize("claim, lang, quote", [
    ("90 per cent", "en", "九成企业"), ("nine in ten", "en", "九成企业"), ("nine tenths of", "en", "九成企业"),
    ("九成", "zh", "90%的企业"), ("30%", "en", "三成"), ("50%", "en", "一半"), ("nearly 90%", "en", "近九成"),
    ("a third of", "en", "三分之一"), ("千分之五", "zh", "0.5%"),
])
def test_a_share_of_a_whole_is_traced_however_it_is_written(claim, lang, quote):
    """九成 is nine tenths, 90 % and "nine in ten": a faithful translation of it was refused, since 90 % and 九成
    were two kinds of share (and 9 and 90 two values)."""
    [number] = claimed(claim, lang)
    assert traced(number, stated(quote, ARTICLE))


@pytest.mark.parametrize("claim, lang, quote", [
    ("9%", "en", "九成企业"), ("90 firms", "en", "九成企业"), ("90%", "en", "90个"), ("over 90%", "en", "近九成"),
    ("5 percentage points", "en", "5%"), ("doubled", "en", "两成"), ("0.9", "en", "九成"),
])
def test_a_share_is_not_traced_by_another_value_nor_by_a_count(claim, lang, quote):
    [number] = claimed(claim, lang)
    assert not traced(number, stated(quote, ARTICLE))


def test_a_count_is_not_traced_by_an_ordinal_in_a_date():
    quote = stated("34家注册地在晋江的异地商会首次受邀参加晋江市第二季度党政商恳谈会", ARTICLE)
    [two] = claimed("2 out-of-town chambers", "en")
    [thirty_four] = claimed("34 chambers", "en")
    [second_quarter] = claimed("in Q2", "en")
    assert not traced(two, quote)
    assert traced(thirty_four, quote)
    assert traced(second_quarter, quote)


def test_a_relative_date_states_its_year():
    [_, year] = claimed("in July 2023", "en")
    assert traced(year, stated("今年7月，工商联走访商会", ARTICLE))
    assert not traced(year, stated("今年7月，工商联走访商会", None))


@pytest.mark.parametrize("text, lang, relative", [
    ("年初以来，年底前完成，年末", "zh", [("年初", 0), ("年底", 0), ("年末", 0)]),
    # after a year or a word that names one, that year's start (2023年初, 今年年底: the 今年 is read); a word of its
    # own (大年初一, the lunar new year's day; 每年年末, every year's end; 青年初心, 青年底线: 青年 and another word)
    ("2023年初，今年年底，每年年末，大年初一，青年初心，青年底线", "zh", [("今年", 0)]),
    ("The year before last, the year after next, by the end of the year", "en",
     [("The year before last", -2), ("the year after next", 2), ("the end of the year", 0)]),
])
def test_years_said_from_the_day_they_are_read(text, lang, relative):
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == RELATIVE_YEAR] == relative


@pytest.mark.parametrize("text, lang, festivals", [
    ("国庆期间，中秋节，春节前，五一假期，三八妇女节，重阳节", "zh", ["国庆", "中秋节", "春节", "五一", "三八妇女节", "重阳节"]),
    ("國慶期間，春節前", "zh", ["國慶", "春節"]),  # (in Traditional characters too)
    ("on National Day, at the Mid-Autumn Festival, the Double Ninth Festival, Chinese New Year's Eve", "en",
     ["National Day", "Mid-Autumn Festival", "Double Ninth Festival", "Chinese New Year's Eve"]),
    ("五一路，节约用电，a national day of mourning, a festival", "zh", []),  # a street, a word, no festival named
    # solar terms, and 清明 as the day alone (it was read only as 清明节); not clean government, rain, light snow
    ("冬至，立春，春分前后，清明假期，驚蟄", "zh", ["冬至", "立春", "春分", "清明", "驚蟄"]),
    ("on the winter solstice, the Spring Equinox, the Beginning of Autumn", "en",
     ["winter solstice", "Spring Equinox", "Beginning of Autumn"]),
    ("政治清明，雨水，小雪", "zh", []),
])
def test_a_festival_is_a_day_of_the_year(text, lang, festivals):
    """A festival named is a date (it was read as nothing: a page could date a meeting to National Day), and its
    name's numerals none (the Ninth of the Double Ninth)."""
    found = claimed(text, lang)
    assert [q.number.text for q in found if q.part == FESTIVAL] == festivals
    assert all(q.part == FESTIVAL for q in found)


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    ("during the National Day holiday", "en", "国庆期间，商会召开", True),
    ("during the National Day holiday", "en", "中秋期间，商会召开", False),
    ("at the Mid-Autumn Festival", "en", "中秋节，商会召开", True), ("国庆节召开", "zh", "国庆期间召开", True),
    ("at the Double Ninth Festival", "en", "第九届商会", False), ("on National Day", "en", "10月1日", False),
    ("on the winter solstice", "en", "冬至当天，商会召开", True), ("冬至召开", "zh", "立冬当天，商会召开", False),
    ("清明期间", "zh", "清明节，商会召开", True),
])
def test_a_festival_is_traced_by_a_quote_that_names_it(claim, lang, quote, is_traced):
    assert _traced_by(claim, lang, quote) == [is_traced]


@pytest.mark.parametrize("text, lang, read", [
    ("周三召开，星期三，礼拜三，周日，星期天，上周五，每周一例会，周一至周五", "zh",
     [("周三", 3), ("星期三", 3), ("礼拜三", 3), ("周日", 7), ("星期天", 7), ("周五", 5), ("周一", 1), ("周一", 1),
      ("周五", 5)]),
    ("on Wednesday, on a Tuesday, Wednesday's meeting, Sunday", "en",
     [("Wednesday", 3), ("Tuesday", 2), ("Wednesday", 3), ("Sunday", 7)]),
    # three times a week, daily work this week, a fortnight and three days, a cycle: no day of the week
    ("一周三次，本周日常工作，两周三天，每周一次，周天，周年，周边", "zh", []),
    ("the Sun, a sunday school teacher, Mondays", "en", []),
])
def test_a_day_of_the_week_is_a_date(text, lang, read):
    """A day of the week is a date a quote must say too (周三 and Wednesday were read as nothing: a page could date
    a meeting to a Wednesday its article never named)."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == WEEKDAY] == read


@pytest.mark.parametrize("text, lang, read", [
    ("2023年春季，今年秋天，去年冬天，夏季，秋季学期，春夏季", "zh",
     [("春季", 1), ("秋天", 3), ("冬天", 4), ("夏季", 2), ("秋季", 3), ("夏季", 2)]),
    ("in the spring of 2023, in autumn, last winter, this summer, in the fall, Spring 2023, mid-summer", "en",
     [("spring", 1), ("autumn", 3), ("winter", 4), ("summer", 2), ("fall", 3), ("Spring", 1), ("summer", 2)]),
    # a metaphor, a simile, the Winter Olympics, Summer Davos, a quarter: no season
    ("迎来发展的春天，春天般的温暖，冬季奥运会，夏季达沃斯，一季度，四季", "zh", []),
    ("a hot spring, spring water, a springboard, numbers fall, the fall in exports, prices may fall in May", "en", []),
    ("in the fall of epidemic restrictions, in the fall of the Berlin Wall, since the fall of prices", "en", []),
    ("in the fall of that year, in the fall of the same year, in the fall of '23", "en",
     [("fall", 3), ("fall", 3), ("fall", 3)]),
    ("the Spring Festival, the Mid-Autumn Festival, the Winter Olympics", "en", []),
])
def test_a_season_is_a_date(text, lang, read):
    """A season is a date a quote must say too (2023年春季 was read as 2023 alone, "in the spring of 2023" too)."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == SEASON] == read


@pytest.mark.parametrize("text, lang, read", [
    ("上午召开，下午，晚上，凌晨，中午，早上，傍晚，当晚", "zh",
     [("上午", 2), ("下午", 4), ("晚上", 5), ("凌晨", 1), ("中午", 3), ("早上", 2), ("傍晚", 5), ("当晚", 5)]),
    ("in the morning, that evening, at noon, Wednesday afternoon, at night", "en",
     [("morning", 2), ("evening", 5), ("noon", 3), ("afternoon", 4), ("night", 5)]),
    # tea, a greeting, listed earlier, the morning paper: no time of day
    ("下午茶，晚上好，较早上市，较晚上线", "zh", []),
    ("morning tea, Good morning, the morning paper, a night owl, tomorrow's evening news", "en", []),
])
def test_a_time_of_day_is_a_date(text, lang, read):
    """A time of day is a date a quote must say too (上午, in the morning were read as nothing)."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == TIME_OF_DAY] == read


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    ("周三召开", "zh", "今年4月，商会召开", False), ("周三召开", "zh", "4月12日（周三），商会召开", True),
    ("on Wednesday", "en", "4月12日（星期三），商会召开", True), ("on Wednesday", "en", "周四召开", False),
    ("in the spring of 2023", "en", "2023年一季度，商会召开", [False, True]),  # (spring, then 2023)
    ("in the spring of 2023", "en", "2023年春季，商会召开", [True, True]),
    ("今年秋天", "zh", "今年秋季，商会召开", [True, True]), ("2023年春季", "zh", "2023年3月", [True, False]),
    ("上午召开", "zh", "4月12日，商会召开", False), ("in the morning", "en", "4月12日上午，商会召开", True),
    ("晚上召开", "zh", "4月12日下午，商会召开", False),
])
def test_a_day_a_season_a_time_of_day_is_traced_by_a_quote_that_says_it(claim, lang, quote, is_traced):
    expected = is_traced if isinstance(is_traced, list) else [is_traced]
    assert _traced_by(claim, lang, quote) == expected


@pytest.mark.parametrize("text, lang, read", [
    ("9:30召开，9时30分，上午9点，下午3点半，10点钟", "zh",
     [(HOUR, 9), (MINUTE, 30), (HOUR, 9), (MINUTE, 30), (HOUR, 9), (HOUR, 3), (HOUR, 10)]),
    ("at 9 a.m., at 9:30 pm, at 21:30, at 10 o'clock", "en",
     [(HOUR, 9), (HOUR, 9), (MINUTE, 30), (HOUR, 9), (MINUTE, 30), (HOUR, 10)]),
    # nine proposals, a score, seconds, nine amendments: no time of day
    ("提出9点建议，比分3:1，10:30:45", "zh", []), ("9 amendments, 3:1", "en", []),
])
def test_a_time_in_digits_is_an_hour_and_a_minute(text, lang, read):
    """Its numbers were counts: 9:30 was traced by a quote's 9个 and 30%."""
    assert [(q.part, q.value) for q in claimed(text, lang) if q.part in (HOUR, MINUTE)] == read


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("9:30召开", "zh", "9个商会，30%的会员", [False, False]), ("9:30召开", "zh", "上午9时30分召开", [True, True]),
    # (the a.m. and the p.m. a part of the day: the morning, the evening, which 上午 and 21时 say)
    ("at 9:30 a.m.", "en", "上午9点30分召开", [True, True, True]), ("at 9 p.m.", "en", "21时召开", [True, True]),
    ("at 9 p.m.", "en", "上午9时召开", [True, False]), ("21时召开", "zh", "9时召开", [True, False]),
    ("9个商会", "zh", "上午9时召开", [False]),
])
def test_a_time_is_traced_by_a_quote_that_gives_it(claim, lang, quote, expected):
    assert _traced_by(claim, lang, quote) == expected


def test_a_quote_states_numerals_without_a_measure_word():
    [four] = claimed("Four Goods", "en")
    assert traced(four, stated("创建“四好”商会"))


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    ("超4.5亿元", "zh", "捐款超4.5亿元", True),
    ("over CNY 450 million", "en", "捐款超4.5亿元", True),
    ("近4.5亿元", "zh", "捐款超4.5亿元", False),  # nearly is not over
    ("4.5亿元", "zh", "捐款超4.5亿元", False),  # nor is exactly
    ("more than 10", "en", "10余家商协会", True),  # 余 and over say the same
    ("over 10", "en", "10余家商协会", True),
    ("about 10", "en", "10余家商协会", False),
    ("49%", "zh", "护航49个所属商会", False),  # a percentage is not a count
    ("49 per cent", "en", "护航49个所属商会", False),
    ("49个", "zh", "占49%", False),
    ("49元", "zh", "护航49个所属商会", False),  # an amount of money is not a count
    ("CNY 49", "en", "护航49个所属商会", False),
    ("$63", "en", "达成订单额63亿元", False),
    ("6.3 billion", "en", "达成订单额63亿元", True),  # a claim may leave out the quote's currency
    ("不到49个", "zh", "护航49个所属商会", False),  # under is not exactly
    ("49个以上", "zh", "护航49个所属商会", False),
    ("fewer than 49", "en", "护航49个所属商会", False),
    ("up to 49", "en", "护航49个所属商会", False),
    ("10-plus", "en", "10余家商协会", True),
    ("at least 10", "en", "10余家商协会", True),
    ("四亿五千余万元", "zh", "捐款超4.5亿元", True),
    ("8成", "zh", "8家商会获评", False),  # tenths, a share, not a count
    ("8 times as many", "en", "8家商会获评", False),  # a multiple is not a count
    ("met 3 times", "en", "会见3次", True),  # occasions, as "met three times" (was a multiple in digits)
    ("8 dollars", "en", "8家商会获评", False),
    ("63亿元", "en", "达成订单额63亿元", True),  # Chinese in an English text, read the Chinese way
    ("超4.5亿名", "zh", "捐款超4.5亿元", False),  # a measure word says it counts people, not yuan
    ("超4.5亿", "zh", "捐款超4.5亿元", True),
    ("数十家", "zh", "10余家商协会", False),  # several tens is not ten-odd
    ("十几家", "zh", "10余家商协会", True),
    ("dozens", "en", "数十家", True),  # several tens, as English says 数十
    ("hundreds", "en", "数百家", True),
    ("四五十个", "zh", "护航49个所属商会", False),
    ("close to 49", "en", "护航49个所属商会", False),
    ("差不多49个", "zh", "护航49个所属商会", False),
    ("doubled", "en", "2家商会", False),  # a multiple is not a count
    ("增长了一倍", "zh", "增长1倍", True),  # 一 before 倍 is a number, not an article
    ("49年", "zh", "护航49个所属商会", False),  # years are not chambers
    ("49对", "zh", "护航49个所属商会", False),  # nor pairs
    ("49家", "zh", "护航49个所属商会", True),  # 家 and 个 count alike
    ("49 years", "en", "护航49个所属商会", False),  # English nouns measure as Chinese measure words do
    ("49 pairs", "en", "护航49个所属商会", False),
    ("49 chambers", "en", "护航49个所属商会", True),
    ("49 chambers", "en", "商会成立49年", False),  # chambers are not years
    ("over 450 million members", "en", "捐款超4.5亿元", False),  # people and bodies are counted, not money
    ("over 450 million donated", "en", "捐款超4.5亿元", True),  # (other words say nothing of it)
    ("over 450 million goes to charity", "en", "捐款超4.5亿元", True),
    ("over 450 million yuan from members", "en", "捐款超4.5亿元", True),
    ("20 departments", "en", "20个市直单位", True),
    ("In 2023 chambers gave", "en", "2023年，商会捐款", True),  # a year as much as a count
    ("五年", "zh", "‘十四五’发展规划", True),  # a bare numeral of a name fixes nothing
    ("the 14th plan", "en", "‘十四五’发展规划", True),
    ("“Four Goods” chambers", "en", "创建“四好”商会", True),  # the name written out
    ("4 chambers", "en", "创建“四好”商会", False),  # but it counts nothing
    ("四家商会", "zh", "创建“四好”商会", False),
    ("in April", "en", "创建“四好”商会", False),  # nor is it part of a date
    ("one and a half million members", "en", "会员150万名", True),  # not nothing
    ("a million and a half members", "en", "会员100万名", False),  # not a million
    ("several thousand chambers", "en", "全市数千家商会", True),  # as 数千, several thousand
    ("a few hundred chambers", "en", "几百家商会", True),
    ("several thousand chambers", "en", "1000余家商会", False),  # a thousand-odd is not several thousand
    ("three times as many chambers", "en", "三家商会", False),  # a multiple is not a count
    ("three times as many chambers", "en", "增长三倍", True),
    ("threefold", "en", "增长三倍", True), ("threefold", "en", "三家商会", False),
    ("It grew 3x.", "en", "增长了3倍", True), ("It grew 3x.", "en", "3家商会", False),
])
def test_a_number_is_traced_only_by_one_said_the_same_way(claim: str, lang: str, quote: str, is_traced: bool):
    [number] = claimed(claim, lang)
    assert traced(number, stated(quote)) is is_traced


def test_numbers_in_the_other_script_s_words_are_claims_too():
    """Readers read 三十家 in an English text, and forty in a Chinese one."""
    assert [(q.number.text, q.value) for q in claimed("Some 三十家 chambers joined, not 十四五.", "en")] == [("三十家", 30)]
    assert [(q.number.text, q.value) for q in claimed("共 forty 家企业，49个商会", "zh")] == [("forty", 40), ("49个", 49)]


@pytest.mark.parametrize("text, found", [
    ("捐款4.5个亿", [("4.5个亿", 450_000_000)]), ("三个多亿", [("三个多亿", 300_000_000)]),  # 个 before 亿: said as 4.5亿
    ("万余人参加", [("万余人", 10_000)]), ("万多名会员", [("万多名", 10_000)]),  # over ten thousand
    ("万人大会，万家灯火", []),  # a bare 万 before a measure word is a word
    ("会员捐款超过五亿。", [("超过五亿", 500_000_000)]),  # a magnitude makes a count of a numeral without a measure word
    ("三千万元", [("三千万元", 30_000_000)]),
    ("成百上千家", [("上千家", 1000)]),  # 上千 leads a number of its own, though a numeral stands before it
    ("千万不要，十万火急，百万富翁，一个平台", []),  # words, an article
])
def test_chinese_counts_a_reader_sees(text, found):
    assert [(q.number.text, q.value) for q in claimed(text, "zh")] == found


def _traced_by(claim: str, lang: str, quote: str) -> list[bool]:
    said = stated(quote, date(2023, 10, 11))
    return [traced(item, said) for item in claimed(claim, lang)]


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("去年4月", "zh", "今年4月，依托海内外晋江乡贤资源", [True, False]),  # April, but of another year
    ("2023年4月", "zh", "今年4月，依托海内外晋江乡贤资源", [True, True]),
    ("In April last year", "en", "今年4月，依托海内外晋江乡贤资源", [True, False]),
    ("In May", "en", "今年4月，依托海内外晋江乡贤资源", [False]),  # a month named is a number too
    ("2023年2月", "zh", "晋江市第二季度党政商恳谈会", [True, False]),  # the 2 of a quarter is no February
    ("the second quarter of 2023", "en", "晋江市第二季度党政商恳谈会", [True, True]),
    # a month named without a year is the article's year's, as a quarter and a day are (March 2023 citing 3月的季度会长
    # 办公会 was refused, where Q2 2023 citing 第二季度 passed); not another year's
    ("in March 2023", "en", "以3月的季度会长办公会为契机", [True, True]),
    ("2023年3月", "zh", "以3月的季度会长办公会为契机", [True, True]),
    ("二〇二三年三月", "zh", "以三月的季度会长办公会为契机", [True, True]),
    ("2022年3月", "zh", "以3月的季度会长办公会为契机", [False, True]),
    ("in March 2022", "en", "以3月的季度会长办公会为契机", [True, False]),
    # a year in digits of any script is a year (in March ٢٠٢٣ was read as a count, and refused)
    ("in March ٢٠٢٣", "en", "今年3月，依托海内外晋江乡贤资源", [True, True]),
    ("in ２０２３", "en", "今年3月，依托海内外晋江乡贤资源", [True]), ("in ۲۰۲۲", "en", "今年3月，依托海内外晋江乡贤资源", [False]),
    ("2023年10月11日", "zh", "前不久，晋江市市长王明元调研", [False, False, False]),  # not the article's day
    ("Since the start of the year", "en", "今年以来，所属商协会", [True]),  # the year read in: this one
    ("since the beginning of the year", "en", "2023年，所属商协会", [False]),
    # the start or end of a year no word names is this one's (年初以来 was read as nothing, and "since the start of
    # 2023" citing it was refused); the year before last and after next (read as nothing)
    ("Since the start of 2023", "en", "年初以来，所属商协会", [True]), ("2023年底前", "zh", "年底前完成", [True, True]),
    ("the year before last", "en", "前年，所属商协会", [True]), ("the year before last", "en", "去年", [False]),
    ("the end of the year", "en", "今年年底", [True, True]), ("the year after next", "en", "明年", [False]),
    ("Since the start of 2023", "en", "今年以来，所属商协会", [True]),
    ("on 2023-10-11", "en", "2023年10月11日，晋江", [True, True, True]),  # a date in digits, year first
    ("2023.10.11", "zh", "2023年10月11日，晋江", [True, True, True]), ("2023/10", "en", "2023年10月", [True, False]),
    ("2023-10", "en", "2023年10月", [True, True]), ("2023年10月11日", "zh", "2023.10.11，晋江", [True, True, True]),
    # day or month first: traced only where the quote gives the date either way reads it (its 11 a day and a month)
    ("on 11/10/2023", "en", "2023年10月11日，晋江", [False, False, True]),
    ("on 11/10/2023", "en", "2023年10月11日至11月10日", [True, True, True]),
    ("on 11/10/2023", "en", "11家商会和10个协会，2023年", [False, False, True]),  # (counts traced it)
    ("11/10/2023", "en", "11/10/2023", [True, True, True]), ("11 October 2023", "en", "11/10/2023", [False, False, True]),
    ("on 13/10/2023", "en", "2023年10月13日，晋江", [True, True, True]),
    ("10/11", "zh", "10月11日，晋江", [True, True]), ("10/11", "zh", "10家商会和11个协会", [False, False]),
    ("10月11日", "zh", "10/11，晋江", [True, True]),
    ("October 11th", "en", "2023年10月11日，晋江", [True, True]), ("the 11th of October", "en", "2023年10月11日", [True, True]),
    # a range of days states both days, each in its month and year
    ("held on 11-12 October 2023", "en", "2023年10月11日至12日在晋江举行", [True, True, True, True]),
    ("10月11日至12日", "zh", "10月11日至12日，晋江", [True, True, True]),
    ("12 October 2023", "en", "10月11日至12日，晋江", [True, True, True]),  # (the year of the article's October)
    ("12 chambers", "en", "10月11日至12日，晋江", [False]),  # a day is no count
    ("October 11 to 12", "en", "10月11日，晋江", [True, True, False]),
    ("11 and 12 October", "en", "商会于10月11日和12日举行", [True, True, True]),  # two days named, as a range names them
])
def test_a_date_is_traced_part_by_part_and_year_by_year(claim, lang, quote, expected):
    assert _traced_by(claim, lang, quote) == expected


def parts(text: str, lang: str) -> list[tuple[str, float, frozenset[str], str]]:
    return [(q.number.text, q.value, q.meanings, q.part) for q in claimed(text, lang)]


_OCT_11_12 = [("11", 11, {DATE}, DAY), ("12", 12, {DATE}, DAY)]


@pytest.mark.parametrize("text, lang, expected", [
    # a range of days is two days (12日 was a count of twelve days; 11-12 October "about 11", its 12 lost)
    ("10月11日至12日举行", "zh", [("10月", 10, {DATE}, MONTH), ("11日", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11日—12日", "zh", [("10月", 10, {DATE}, MONTH), ("11日", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11日～12日", "zh", [("10月", 10, {DATE}, MONTH), ("11日", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11至12日", "zh", [("10月", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11-12日", "zh", [("10月", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11日、12日", "zh", [("10月", 10, {DATE}, MONTH), ("11日", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("10月11、12日", "zh", [("10月", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),
    ("商会于11日至12日举行", "zh", [("11日", 11, {DATE}, DAY), ("12日", 12, {DATE}, DAY)]),  # the month named before
    ("10月11日至11月2日", "zh", [("10月", 10, {DATE}, MONTH), ("11日", 11, {DATE}, DAY), ("11月", 11, {DATE}, MONTH),
                             ("2日", 2, {DATE}, DAY)]),
    ("held on 11-12 October 2023", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH), ("2023", 2023, {DATE}, YEAR)]),
    ("11–12 October", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH)]),
    ("11 or 12 October", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH)]),  # (the 11 was a count)
    ("from 11 to 12 October", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH)]),
    ("11th to 12th October", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH)]),  # (11th was an ordinal)
    ("on 11 and 12 October", "en", [*_OCT_11_12, ("October", 10, {DATE}, MONTH)]),  # (11 was a count)
    ("October 11-12", "en", [("October", 10, {DATE}, MONTH), *_OCT_11_12]),
    ("October 11 to 12", "en", [("October", 10, {DATE}, MONTH), *_OCT_11_12]),
    ("Oct. 11–12, 2023", "en", [("Oct.", 10, {DATE}, MONTH), *_OCT_11_12, ("2023", 2023, {DATE, COUNT}, YEAR)]),
    ("11 October to 2 November", "en", [("11", 11, {DATE}, DAY), ("October", 10, {DATE}, MONTH), ("2", 2, {DATE}, DAY),
                                        ("November", 11, {DATE}, MONTH)]),
    ("2023年10至11月", "zh", [("2023年", 2023, {DATE}, YEAR), ("10", 10, {DATE}, MONTH), ("11月", 11, {DATE}, MONTH)]),
    ("2022—2023年", "zh", [("2022", 2022, {DATE}, YEAR), ("2023年", 2023, {DATE}, YEAR)]),
    # ranges of counts keep their reading: two counts, or about the first of two neighbours
    ("3至5年", "zh", [("3", 3, {COUNT}, ""), ("5年", 5, {COUNT}, "")]),
    ("3-5家", "zh", [("3", 3, {COUNT}, ""), ("5家", 5, {COUNT}, "")]),
    ("3至5日内", "zh", [("3", 3, {COUNT}, ""), ("5日", 5, {COUNT}, "")]),  # within three to five days: no month
    ("3 to 5 chambers", "en", [("3", 3, {COUNT}, ""), ("5", 5, {COUNT}, "")]),
    ("3-5 chambers", "en", [("3", 3, {COUNT}, ""), ("5", 5, {COUNT}, "")]),
    ("11 to 12 members in October", "en", [("11", 11, {COUNT}, ""), ("12", 12, {COUNT}, ""),
                                           ("October", 10, {DATE}, MONTH)]),  # (a range of counts: its two ends)
    ("October saw 11-12 members", "en", [("October", 10, {DATE}, MONTH), ("11", 11, {COUNT}, ""), ("12", 12, {COUNT}, "")]),
    ("11 or 12 members in October", "en", [("11 or 12", 11, {COUNT}, ""), ("October", 10, {DATE}, MONTH)]),
])
def test_a_range_of_days_reads_as_two_days(text, lang, expected):
    assert parts(text, lang) == [(t, v, frozenset(m), p) for t, v, m, p in expected]


@pytest.mark.parametrize("text, expected", [
    ("一、二季度", [(1, {DATE}, QUARTER), (2, {DATE}, QUARTER)]), ("一至三季度", [(1, {DATE}, QUARTER), (3, {DATE}, QUARTER)]),
    ("十一、十二届", [(11, {ORDINAL}, ""), (12, {ORDINAL}, "")]), ("一、二等奖", [(1, {ORDINAL}, ""), (2, {ORDINAL}, "")]),
    ("一、二、三季度", [(1, {DATE}, QUARTER), (2, {DATE}, QUARTER), (3, {DATE}, QUARTER)]),
])
def test_the_first_end_of_a_range_is_read_as_its_last(text, expected):
    """The 一 of 一、二季度 is the first quarter, as 二季度 is the second (it was a count, or nothing), in a page and in a
    quote alike: "Q1 and Q2" is traced by 一、二季度, "Q3" is not."""
    assert [(v, set(m), p) for _, v, m, p in parts(text, "zh")] == expected
    assert _traced_by("Q1 and Q2", "en", "一、二季度") == [True, True]
    assert _traced_by("Q3", "en", "一、二季度") == [False]
    assert _traced_by("the 11th and 12th terms", "en", "十一、十二届") == [True, True]


@pytest.mark.parametrize("text, lang", [("the 2023-24 season", "en"), ("2023/24 fiscal year", "en"), ("2023–24", "en"),
                                        ("2023-24年", "zh"), ("2023/24年度", "zh")])
def test_two_years_the_second_written_short_are_two_years(text, lang):
    """The 24 of 2023-24 is the year 2024 (it was a count of 24, and 24年 twenty-four years): traced by 2023至2024年."""
    assert [(v, p) for _, v, _, p in parts(text, lang)] == [(2023, YEAR), (2024, YEAR)]
    assert all(_traced_by(text, lang, "2023至2024年"))


def test_a_year_and_a_month_are_no_span_of_years():
    assert [(v, p) for _, v, _, p in parts("2023-12 and 2023-11", "en")] == [(2023, YEAR), (12, MONTH), (2023, YEAR),
                                                                            (11, MONTH)]


_EITHER = DAY_OR_MONTH


@pytest.mark.parametrize("text, lang, expected", [
    # a date in digits with its year last: day and month in the order the values allow (13/10/2023 is 13 October,
    # 10/13/2023 October 13); where both allow either (11/10/2023: 11 October or November 10), each may be either
    # (they were counts: 11, 10, and 2023 a count or a year)
    ("on 11/10/2023", "en", [("11", 11, {DATE}, _EITHER), ("10", 10, {DATE}, _EITHER), ("2023", 2023, {DATE}, YEAR)]),
    ("11.10.2023", "en", [("11", 11, {DATE}, _EITHER), ("10", 10, {DATE}, _EITHER), ("2023", 2023, {DATE}, YEAR)]),
    ("11-10-2023", "en", [("11", 11, {DATE}, _EITHER), ("10", 10, {DATE}, _EITHER), ("2023", 2023, {DATE}, YEAR)]),
    ("13/10/2023", "en", [("13", 13, {DATE}, DAY), ("10", 10, {DATE}, MONTH), ("2023", 2023, {DATE}, YEAR)]),
    ("10/13/2023", "en", [("10", 10, {DATE}, MONTH), ("13", 13, {DATE}, DAY), ("2023", 2023, {DATE}, YEAR)]),
    ("10/10/2023", "en", [("10", 10, {DATE}, DAY), ("10", 10, {DATE}, MONTH), ("2023", 2023, {DATE}, YEAR)]),
    ("11/10/2023", "zh", [("11", 11, {DATE}, _EITHER), ("10", 10, {DATE}, _EITHER), ("2023", 2023, {DATE}, YEAR)]),
    # year first: as ISO 8601 and Chinese order it, in any digits and with a full-width slash too
    ("2023/10/11", "zh", [("2023", 2023, {DATE}, YEAR), ("10", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY)]),
    ("2023.10.11", "en", [("2023", 2023, {DATE}, YEAR), ("10", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY)]),
    ("会议，2023.10.11，5家", "zh", [("2023", 2023, {DATE}, YEAR), ("10", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY),
                               ("5家", 5, {COUNT}, "")]),  # (a Chinese comma, folded to ",", is no thousands separator)
    ("会议，10/11，5家", "zh", [("10", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY), ("5家", 5, {COUNT}, "")]),
    ("1,000/10/11", "zh", [("1,000", 1000, {COUNT}, ""), ("10", 10, {COUNT}, ""), ("11", 11, {COUNT}, "")]),
    ("２０２３／１０／１１", "zh", [("２０２３", 2023, {DATE}, YEAR), ("１０", 10, {DATE}, MONTH), ("１１", 11, {DATE}, DAY)]),
    # no year: Chinese writes the month first (10/11 is 10月11日); English either, as the values allow
    ("10/11举行", "zh", [("10", 10, {DATE}, MONTH), ("11", 11, {DATE}, DAY)]),
    ("on 10/11", "en", [("10", 10, {DATE}, _EITHER), ("11", 11, {DATE}, _EITHER)]),
    ("on 25/12", "en", [("25", 25, {DATE}, DAY), ("12", 12, {DATE}, MONTH)]),
    # no date: a day or a month that does not exist, round the clock, a score, a pair with a unit after it
    ("31/04/2023", "en", [("31", 31, {COUNT}, ""), ("04", 4, {COUNT}, ""), ("2023", 2023, {DATE, COUNT}, YEAR)]),
    ("2/30", "zh", [("2", 2, {COUNT}, ""), ("30", 30, {COUNT}, "")]), ("13/5", "zh", [("13", 13, {COUNT}, ""), ("5", 5, {COUNT}, "")]),
    ("7/24小时服务", "zh", [("7", 7, {COUNT}, ""), ("24小时", 24, {COUNT}, "")]),
    ("24/7 service", "en", [("24", 24, {COUNT}, ""), ("7", 7, {COUNT}, "")]),
    ("以3:1获胜", "zh", [("3", 3, {COUNT}, ""), ("1", 1, {COUNT}, "")]), ("won 3-1", "en", [("3", 3, {COUNT}, ""), ("1", 1, {COUNT}, "")]),
    ("10/11%", "zh", [("10", 10, {COUNT}, ""), ("11%", 11, {COUNT}, "")]),
])
def test_a_date_in_digits_reads_as_its_parts(text, lang, expected):
    assert parts(text, lang) == [(t, v, frozenset(m), p) for t, v, m, p in expected]


@pytest.mark.parametrize("text, lang, expected", [
    # a half of a year is a part of a date, as a quarter is (上半年 was not read; H1 was a count of one)
    ("今年上半年", "zh", [("上半年", 1, {DATE}, HALF), ("今年", 0, {DATE}, RELATIVE_YEAR)]),
    ("2023年下半年", "zh", [("2023年", 2023, {DATE}, YEAR), ("下半年", 2, {DATE}, HALF)]),
    ("in the first half of 2023", "en", [("first half", 1, {DATE}, HALF), ("2023", 2023, {DATE, COUNT}, YEAR)]),
    ("the second half of the year", "en", [("second half", 2, {DATE}, HALF)]),
    ("the latter half of last year", "en", [("latter half", 2, {DATE}, HALF), ("last year", -1, {DATE}, RELATIVE_YEAR)]),
    ("first half-year results", "en", [("first half", 1, {DATE}, HALF)]),
    ("H1 2023", "en", [("H1", 1, {DATE}, HALF), ("2023", 2023, {DATE, COUNT}, YEAR)]),
    ("2023 H2", "en", [("2023", 2023, {DATE, COUNT}, YEAR), ("H2", 2, {DATE}, HALF)]),
    # half a year is a time counted (半年 and half a year were not read at all)
    ("近半年来", "zh", [("近半年", 0.5, {COUNT}, "")]), ("half a year", "en", [("half a year", 0.5, {COUNT}, "")]),
    # not a half of a year: a match's, a meeting's, a month's; a heading (h1)
    ("上半场，上半月", "zh", []), ("the first half of the meeting", "en", []), ("an h1 2023 heading", "en", [("1", 1, {COUNT}, ""),
                                                                                  ("2023", 2023, {DATE, COUNT}, YEAR)]),
])
def test_a_half_of_a_year_is_a_part_of_a_date_and_half_a_year_a_time(text, lang, expected):
    assert parts(text, lang) == [(t, v, frozenset(m), p) for t, v, m, p in expected]


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    ("上半年", "zh", "今年上半年，商会新增会员", [True]), ("in the first half of the year", "en", "今年上半年", [True]),
    ("H1 2023", "en", "2023年上半年", [True, True]), ("the second half of the year", "en", "今年下半年", [True]),
    ("上半年", "zh", "今年下半年", [False]), ("上半年", "zh", "一季度", [False]), ("上半年", "zh", "1月", [False]),
    ("上半年", "zh", "1家商会", [False]), ("the first half of the year", "en", "半年", [False]),
    ("近半年来", "zh", "近半年来，商会", [True]), ("nearly half a year", "en", "近半年来", [True]),
    ("half a year", "en", "半年来，商会", [True]), ("half a year", "en", "近半年来", [False]),  # nearly is not exactly
    ("half a year", "en", "一半商会", [False]), ("half a year", "en", "今年上半年", [False]),  # a share, a date's part
    ("a year and a half", "en", "一年半以来", [True]), ("over half a year", "en", "大半年", [True]),
])
def test_halves_of_years_are_traced_by_the_same_half(claim, lang, quote, is_traced):
    assert _traced_by(claim, lang, quote) == is_traced


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    # half a month, a day and a half, two months and a half: traced by the same time in either language (read as
    # nothing, they were traced by nothing; 两个半月 was read as 两个, and traced by any quote that said two)
    ("half a month", "en", "历时半个月", [True]), ("半个月", "zh", "历时半个月", [True]), ("a half-day meeting", "en", "半天会议", [True]),
    ("an hour and a half", "en", "一个半小时", [True]), ("两个半月", "zh", "两个半月后", [True]),
    ("a day and a half", "en", "一天半", [True]), ("nearly half a month", "en", "近半个月", [True]),
    ("两个半月", "zh", "两个月后", [False]), ("两个半月", "zh", "两家商会", [False]), ("半个月", "zh", "一半商会", [False]),
    ("half a month", "en", "近半个月", [False]), ("a half-day meeting", "en", "两天会议", [False]),
    ("half a day", "en", "半年", [False]),  # (a day, a year: each is its own measure)
    ("two years and a half", "en", "两年半以来", [True]), ("two years and a half", "en", "两年以来", [False]),
    # the nineties and the 21st century (九十年代 was ninety years, traced by 九十年; 21世纪 a count, by 21个)
    ("九十年代", "zh", "上世纪九十年代以来", [True]), ("九十年代", "zh", "九十年来", [False]),
    ("21世纪", "zh", "进入21世纪", [True]), ("21世纪", "zh", "21个商会", [False]),
    ("the 21st century", "en", "进入21世纪", [True]),
    # a decade of a century by its tens, in either language ("the 1980s" was the year 1980: traced by 1980年, and
    # not by the 80年代 it renders; 1980年代 was the year 1980 too)
    ("in the 1980s", "en", "上世纪80年代", [True]), ("the early eighties", "en", "八十年代初", [True]),
    ("the '90s", "en", "1990年代", [True]), ("the 1990’s", "en", "九十年代以来", [True]),
    ("in the 1980s", "en", "1980年", [False]), ("in the 1980s", "en", "上世纪90年代", [False]),
    ("in the 1980s", "en", "80家商会", [False]), ("in 1980", "en", "1980年代", [False]),
    ("1980年代", "zh", "80年代", [True]), ("1980年代", "zh", "1980年", [False]),
    # a number so many digits long (double-digit was read as nothing; 两位数 as two people, traced by 两位嘉宾)
    ("double-digit growth", "en", "实现两位数增长", [True]), ("single-digit growth", "en", "个位数增长", [True]),
    ("两位数增长", "zh", "实现两位数增长", [True]), ("double-digit growth", "en", "两位嘉宾", [False]),
    ("两位数增长", "zh", "两位嘉宾出席", [False]), ("double-digit growth", "en", "增长两倍", [False]),
    # spans of time counted in months, hours, minutes and centuries, in their own measures (3 months, 3 hours and two
    # centuries were counts of nothing, traced by 3年 and 三个商会; 三个月 and 两个多小时 counts of 个, traced by
    # 三个商会; "nearly a month" was traced by 近一年)
    ("3 months", "en", "用时三个月", [True]), ("3 months", "en", "用时3年", [False]), ("3 months", "en", "三个商会", [False]),
    ("nearly a month", "en", "近一个月来", [True]), ("nearly a month", "en", "近一年来", [False]),
    ("over two months", "en", "两个多月", [True]), ("two and a half months", "en", "两个半月", [True]),
    ("three hours", "en", "三个小时", [True]), ("three hours", "en", "三小时", [True]), ("three hours", "en", "三年", [False]),
    ("30 minutes", "en", "三十分钟", [True]), ("30 minutes", "en", "30个商会", [False]),
    ("two centuries", "en", "两个世纪", [True]), ("two centuries", "en", "两年", [False]),
    ("half a century", "en", "半个世纪", [True]), ("half a century", "en", "半年", [False]),
    ("三个月", "zh", "用时三个月", [True]), ("三个月", "zh", "三个商会", [False]), ("三个商会", "zh", "三个月", [False]),
    ("两个多小时", "zh", "两个多小时", [True]), ("两个多小时", "zh", "两个多月", [False]),
    ("两个星期", "zh", "两周", [True]), ("两个世纪", "zh", "21世纪", [False]),
    # units of measure, each its own (5公里 and "5 km" were five of nothing, traced by 5年 and 5家; "300 hectares" by
    # 300年); those written two ways are one (千米 and 公里, 千克 and 公斤); 5千米 is no 5,000 of anything
    ("全长5公里", "zh", "全长5公里", [True]), ("全长5公里", "zh", "全长5千米", [True]), ("全长5公里", "zh", "历时5年", [False]),
    ("5 km long", "en", "全长5公里", [True]), ("5 km long", "en", "历时5年", [False]), ("5 kilometres", "en", "五公里", [True]),
    ("300 square metres", "en", "占地300平方米", [True]), ("300 square metres", "en", "300家企业", [False]),
    ("300 hectares", "en", "300公顷", [True]), ("300 hectares", "en", "300年", [False]), ("300公顷", "zh", "300亩", [False]),
    ("20 kg", "en", "20公斤", [True]), ("20公斤", "zh", "20千克", [True]), ("20 kg", "en", "20年", [False]),
    ("200,000 kilowatts", "en", "装机20万千瓦", [True]), ("200 MW", "en", "200兆瓦", [True]),
    ("200 MW", "en", "200千瓦", [False]), ("5千米", "zh", "5000家", [False]), ("5千家", "zh", "5000家", [True]),
    # a plural noun after a number counts things, whatever it is (3 platforms, 6 proposals were numbers of nothing:
    # traced by 三年 and 6吨); not a verb (450 million goes to charity: an amount), nor a name in capitals
    ("built 3 platforms", "en", "搭建三个平台", [True]), ("built 3 platforms", "en", "三年来", [False]),
    ("6 proposals were adopted", "en", "6条建议被采纳", [True]), ("6 proposals were adopted", "en", "6吨", [False]),
    ("met three times", "en", "开会三次", [True]), ("met three times", "en", "三年来", [False]),
    ("450 million goes to charity", "en", "捐款4.5亿元", [True]), ("450 million donations", "en", "捐款4.5亿元", [False]),
    ("the Four Goods chambers", "en", "创建“四好”商会", [True]), ("in 2023 hospitals", "en", "2023年", [True]),
    # a name's numeral in English quotation marks, each word of the name capitalized, as “四好” is in Chinese ("Five
    # Goods" was a count, traced by 5家); not words quoted ("Three chambers joined")
    ('"Four Goods" chambers', "en", "创建“四好”商会", [True]), ('"Five Goods" chambers', "en", "5家商会", [False]),
    ('“Five Goods” chambers', "en", "创建“四好”商会", [False]), ("the ‘Three Threes’", "en", "“三个三”工作载体", [True]),
    ('he said "Three chambers joined"', "en", "三家商会加入", [True]), ('"Four Goods" chambers', "en", "4家商会", [False]),
    # the first three quarters of a year, a count of them (was three quarters, 0.75; 前三季度 the third quarter)
    ("in the first three quarters", "en", "今年前三季度", [True]), ("in the first three quarters", "en", "前三个季度", [True]),
    ("in the first three quarters", "en", "今年第三季度", [False]), ("Q3", "en", "今年前三季度", [False]),
    ("three quarters of members", "en", "今年前三季度", [False]), ("连续三季度", "zh", "连续三个季度", [True]),
    # halved, a half of what was (减半 and "halved" were read as nothing: "halved" passed for 翻一番)
    ("halved", "en", "减半征收", [True]), ("cut by half", "en", "减少一半", [True]), ("halved", "en", "下降50%", [True]),
    ("减半征收", "zh", "减少一半", [True]), ("halved", "en", "翻一番", [False]), ("doubled", "en", "减半征收", [False]),
    # an amount of a bare magnitude, and one in Chinese numerals in another currency (both were read as nothing)
    ("projects worth over 100 million yuan", "en", "投资亿元以上项目", [True]),
    ("projects worth over 1 billion yuan", "en", "投资亿元以上项目", [False]), ("$500 million", "en", "五亿美元", [True]),
    # a comparison denied says its other side (not more than 49 was more than 49, 未超过 over)
    ("not more than 49 chambers", "en", "不超过49个商会", [True]), ("not more than 49 chambers", "en", "超过49个商会", [False]),
    ("not less than 49 chambers", "en", "不少于49个商会", [True]), ("over 49 chambers", "en", "未超过49个商会", [False]),
    ("not more than 49 chambers", "en", "未超过49个商会", [True]), ("under 18", "en", "不满18岁", [True]),
    # the first end of a range in Chinese numerals (read as nothing: 四至五年 passed for 三至五年)
    ("四至五年", "zh", "三至五年", [False, True]), ("三至五年", "zh", "三至五年", [True, True]),
    # half a percentage point (read as nothing)
    ("down half a percentage point", "en", "同比下降0.5个百分点", [True]),
    ("half a percentage point", "en", "增长0.5%", [False]),  # (points are not per cent)
    # a magnitude of 亿 without a digit (千亿 was read as nothing, 万亿 was no number)
    ("千亿产业集群", "zh", "打造千亿产业集群", [True]), ("百亿产业集群", "zh", "打造千亿产业集群", [False]),
    ("a trillion-yuan industry", "en", "万亿级产业", [True]), ("a trillion-yuan industry", "en", "千亿级产业", [False]),
    # decades: two decades is twenty years (was 2 and several tens: traced by a 两 and a 数十年)
    ("two decades", "en", "二十年来", [True]), ("two decades", "en", "两家商会数十年来", [False]),
    ("nearly a decade", "en", "近十年来", [True]), ("nearly a decade", "en", "十年来", [False]),
    # more than a time counted: traced by the same "more" (两个多月 was read as exactly two months, and so traced)
    ("两个多月", "zh", "历时两个多月", [True]), ("两个多月", "zh", "历时两个月", [False]),
    ("more than a month", "en", "历时一个多月", [True]), ("more than a month", "en", "历时一个月", [False]),
    ("nearly a year", "en", "近一年来", [True]), ("over three years", "en", "三年多来", [True]),
    ("over a year", "en", "一年多来", [True]), ("over a year", "en", "三年多来", [False]),
    ("about a week later", "en", "一周左右后", [True]), ("about a week later", "en", "一年左右后", [False]),
    ("under a month", "en", "不到一个月", [True]), ("under a month", "en", "不到一年", [False]),
    ("three years", "en", "三年多来", [False]),
])
def test_times_said_in_words_are_traced_by_the_same_time(claim, lang, quote, is_traced):
    assert _traced_by(claim, lang, quote) == is_traced


def test_may_and_march_are_months_only_where_a_date_stands():
    assert [item.number.text for item in claimed("It may help, and they march on; since March, in May 2023", "en")
            if item.part == "month"] == ["March", "May"]


@pytest.mark.parametrize("text, lang", [
    ("如今年轻一代企业家走上前台", "zh"), ("说明年度重点工作", "zh"), ("商会在这次年会上换届", "zh"), ("网上年报", "zh"),
    ("上年纪的居民", "zh"), ("汽车零部件企业", "zh"), ("商会建设三部曲", "zh"), ("政府和市场两只手", "zh"),
    ("是两回事", "zh"), ("好评四起", "zh"), ("约法三章", "zh"),
    ("统一成立商会", "zh"), ("唯一成功的", "zh"), ("同一成本", "zh"), ("之一成为", "zh"), ("商会一成立就", "zh"),
    ("一成不变", "zh"),
    ("The meeting doubled as a forum", "en"), ("a zero-tolerance rule", "en"), ("Learning to March in Step", "en"),
    ("A comment by May Chen", "en"), ("Over the past year", "en"), ("Nor does it give the previous year's figure", "en"),
])
def test_words_that_hold_no_number_are_not_read_as_one(text, lang):
    """Faithful writing the readers once took for numbers (a year inside 如今年轻, a count inside 零部件)."""
    assert claimed(text, lang) == []
    assert lang != "zh" or [item.value for item in stated(text) if item.number.unit == "成"] == []  # nor a quote


@pytest.mark.parametrize("text, lang, shown, value", [
    ("一半以上的企业", "zh", "一半以上", 0.5), ("半数商会", "zh", "半数", 0.5), ("过半", "zh", "过半", 0.5),
    ("近一半", "zh", "近一半", 0.5),
    ("more than half of the chambers", "en", "more than half", 0.5), ("half the members", "en", "half", 0.5),
    ("a third of members", "en", "a third", 1 / 3), ("two-thirds", "en", "two-thirds", 2 / 3),
    ("one in five chambers", "en", "one in five", 0.2), ("3 out of 10", "en", "3 out of 10", 0.3),
    ("over half a million members", "en", "over half a million", 500_000),  # not a million
    # after a qualifier "a third" is a fraction, as "a third of" is (read as an ordinal, or as nothing)
    ("nearly a third", "en", "nearly a third", 1 / 3), ("almost a quarter", "en", "almost a quarter", 0.25),
    ("grew by about a fifth.", "en", "about a fifth", 0.2), ("more than a third are members", "en", "more than a third", 1 / 3),
    ("roughly a tenth", "en", "roughly a tenth", 0.1), ("almost a half", "en", "almost a half", 0.5),
    # after what changed by it: a share of what changed ("rose by a third" was the ordinal third, "by a quarter"
    # nothing)
    ("Membership rose by a third.", "en", "a third", 1 / 3),
    ("grew by a quarter in the period", "en", "a quarter", 0.25),
    ("sales were down a fifth from before", "en", "a fifth", 0.2), ("up a tenth", "en", "a tenth", 0.1),
])
def test_halves_and_fractions_in_words_are_numbers_a_reader_sees(text, lang, shown, value):
    assert [(q.number.text, round(q.value, 6)) for q in claimed(text, lang)] == [(shown, round(value, 6))]


@pytest.mark.parametrize("text, lang, shown", [
    ("过半年再说", "zh", ["半年"]), ("上半年", "zh", ["上半年"]), ("a third term", "en", ["third"]),  # (half a year; a half
    ("a half-day meeting", "en", ["a half-day"]), ("on behalf of members", "en", []),  # of the year: see the test below)
    ("In the first half of 2023", "en", ["first half", "2023"]), ("half a dozen", "en", ["half a dozen"]),
    ("spent 5 in 2023", "en", ["5", "2023"]), ("the second quarter", "en", ["second"]),  # (Q2, no half)
    ("nearly a third party", "en", []), ("nearly a quarter century", "en", []),
    ("re-elected by a third term", "en", ["third"]), ("chosen by a third party", "en", []),
    ("about a half hour", "en", ["about a half hour"]),
])
def test_words_of_halves_that_are_no_fraction(text, lang, shown):
    """An ordinal (a third term), a time (上半年, the first half of 2023, 过半年 "after half a year", a half-day: a
    time counted, half of a day and not of a whole), a compound."""
    assert [q.number.text for q in claimed(text, lang)] == shown
    assert [q.number.text for q in claimed(text, lang) if q.number.unit == "分之"] == []


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    ("a third of the members", "en", "三分之一的会员", True), ("half of the chambers", "en", "一半商会", True),
    ("more than half of the chambers", "en", "过半商会", True), ("half the chambers", "en", "过半商会", False),
    ("half a million members", "en", "50万名会员", True), ("half a million members", "en", "100万名会员", False),
    ("一半商会", "zh", "二分之一的商会", True), ("one in five", "en", "五分之一", True), ("half of them", "en", "50%", True),  # (a share of a whole either way)
    ("nearly a third", "en", "近三分之一的会员", True), ("nearly a third", "en", "第三", False),
    ("nine in ten", "en", "十分之九的商会", True), ("nine in ten", "en", "9家", False),
    ("rose by a third", "en", "会员增长三分之一", True), ("rose by a third", "en", "第三届", False),
])
def test_a_fraction_in_words_is_traced_by_the_same_fraction(claim, lang, quote, is_traced):
    assert _traced_by(claim, lang, quote) == [is_traced]


@pytest.mark.parametrize("claim, lang, quote, is_traced", [
    # a fraction with a slash is the share it says, as 三分之一 and a third are (1/3 was two counts: 1 and 3)
    ("占1/3", "zh", "三分之一的会员", True), ("1/3 of members", "en", "三分之一的会员", True), ("2/3", "en", "三分之二", True),
    ("1/2 of them", "en", "一半商会", True), ("1/4", "en", "25%的企业", True), ("1/10", "zh", "一成", True),
    ("nearly 1/3", "en", "近三分之一的会员", True), ("a third of members", "en", "占1/3", True),
    ("1/3 of members", "en", "1名会长和3名副会长", False), ("占1/3", "zh", "3家商会", False),  # (counts traced it)
    ("nearly 1/3", "en", "三分之一的会员", False), ("1/3", "en", "四分之一", False),
])
def test_a_fraction_with_a_slash_is_traced_by_the_same_fraction(claim, lang, quote, is_traced):
    assert _traced_by(claim, lang, quote) == [is_traced]


@pytest.mark.parametrize("text, shown, value, meaning", [
    ("the third pillar", "third", 3, ORDINAL), ("in its eleventh term", "eleventh", 11, ORDINAL),
    ("the twenty-first century", "twenty-first", 21, ORDINAL),  # not twenty
    ("the third-quarter meeting", "third", 3, DATE), ("a third term", "third", 3, ORDINAL),
    ("the second-quarter meeting", "second", 2, DATE), ("the first quarter", "first", 1, DATE),  # Q2, Q1
    ("the No. 1 chamber", "1", 1, ORDINAL), ("#2 in sales", "2", 2, ORDINAL),  # a rank, as 第一 is
    ("talks about a third term", "third", 3, ORDINAL), ("a row over a third runway", "third", 3, ORDINAL),  # no fraction
    ("at first, a second later, a third party, third-party help", None, None, None),
    # "first" and "second" before one of a series of occurrences (第一次会议, 首届, 第二批): a rank, as "third" is
    ("hold the first meeting of the chairs", "first", 1, ORDINAL), ("a second term", "second", 2, ORDINAL),
    ("its first plenary session", "first", 1, ORDINAL), ("the first presidents’ meeting", "first", 1, ORDINAL),
    ("the second batch of members", "second", 2, ORDINAL), ("First Meeting of the Chairs", "First", 1, ORDINAL),
    ("the first-round talks", "first", 1, ORDINAL),
    # and a rank won: ranked first, came second, first prize, second place (排名第一, 一等奖: "first" was read as nothing)
    ("ranked first in the province", "first", 1, ORDINAL), ("it came second", "second", 2, ORDINAL),
    ("won first prize", "first", 1, ORDINAL), ("took second place", "second", 2, ORDINAL),
    ("in the first place, the talks; came first to the hall", None, None, None),
    ("in the first meeting", "first", 1, ORDINAL),  # (only "in the first place" is "to begin with")
    # but not a text's own order, nor a count after "first", nor "first" as an adverb
    ("the first pillar, the first group with the first lever, the first of the meetings", None, None, None),
    ("the first few meetings, at first the meeting, first of all, a second, meeting them", None, None, None),
    ("the first two meetings", "two", 2, COUNT),
    ("It was the first to be invited", "first", 1, ORDINAL), ("the first among them", "first", 1, ORDINAL),
    ("first to arrive, the first toast", None, None, None),
])
def test_ordinals_in_words_are_numbers_a_reader_sees(text, shown, value, meaning):
    """As 第三 and 11th are; not "first" and "second" alone (at first, a second) but before "quarter", nor a third
    party (anyone else)."""
    expected = [(shown, value, {meaning})] if shown else []
    assert [(q.number.text, q.value, set(q.meanings)) for q in claimed(text, "en")] == expected


@pytest.mark.parametrize("claim, quote, is_traced", [
    ("in its eleventh term", "总商会十一届一次主席会议", [True]), ("in its twelfth term", "总商会十一届一次主席会议", [False]),
    ("the third quarter of 2023", "2023年第三季度", [True, True]), ("the third pillar", "三项抓手", [False]),
    ("the second-quarter dialogue meeting", "晋江市第二季度党政商恳谈会", [True]),
    ("the first-quarter dialogue meeting", "晋江市第二季度党政商恳谈会", [False]),
    ("hold the first meeting of the chairs", "总商会十一届一次主席会议", [True]), ("the first session", "首届论坛", [True]),
    ("hold the second meeting of the chairs", "总商会十一届一次主席会议", [False]), ("the first meeting", "召开一次会议", [False]),
    ("the first and second meetings", "第一次和第二次会议", [True, True]), ("the second round", "首轮", [False]),
    ("won first prize", "荣获一等奖", [True]), ("won second prize", "荣获一等奖", [False]), ("first prize", "一家企业", [False]),
    ("ranked first in the province", "位居全省第一", [True]), ("came second", "位居全省第一", [False]),
    # the 20th National Congress, as the article abbreviates it (党的二十大), and as news does (二十大报告)
    ("the 20th National Congress", "学习贯彻党的二十大精神", [True]), ("the 20th report", "二十大报告提出", [True]),
    ("the 19th National Congress", "学习贯彻党的二十大精神", [False]), ("the 3rd task", "三大任务", [False]),
])
def test_an_ordinal_in_words_is_traced_by_the_same_ordinal(claim, quote, is_traced):
    assert _traced_by(claim, "en", quote) == is_traced


@pytest.mark.parametrize("text, shown, qualifier", [("三成多", "三成多", "more-than"), ("30%多", "30%多", "more-than"),
                                                    ("两倍多", "两倍多", "more-than"), ("三成多元化", "三成", "exact")])
def test_more_after_a_share_or_a_multiple_says_more_than(text, shown, qualifier):
    """三成多 is over thirty per cent, as 三十多 is over thirty (多元化 is a word: diversified)."""
    assert [(q.number.text, q.number.qualifier) for q in claimed(text, "zh")] == [(shown, qualifier)]


@pytest.mark.parametrize("text, shown, qualifier", [("提高一成", "一成", "exact"), ("不到一成", "不到一成", "under"),
                                                    ("一成左右", "一成左右", "about"), ("统一千家", "一千家", "exact")])
def test_one_tenth_is_a_number_a_reader_sees(text, shown, qualifier):
    """一成, a tenth, is a share as 九成 is (一 is no article before 成); a 一 that ends a word followed by a
    numeral still starts the number (统一千家: a thousand)."""
    assert [(q.number.text, q.number.qualifier) for q in claimed(text, "zh")] == [(shown, qualifier)]


@pytest.mark.parametrize("claim, lang, quote", [
    ("最近3家商会成立", "zh", "3家商会成立"),  # 最近 is recently, not nearly
    ("商会成立30周年", "zh", "商会成立30年"),  # 周年: years, not weeks
    ("4月“晋品出海”活动", "zh", "今年4月，依托海内外晋江乡贤资源"),  # a month without its year
    ("七月，陈贻得带队走访", "zh", "2023年7月，晋江市委统战部副部长"),  # in numerals too, read as quotes read it
    ("dozens of chambers", "en", "全市数十家商会参与活动"),
    ("forty or fifty chambers", "en", "四五十家商会"),
    ("seven or eight chambers", "en", "七八家商会"),
    # a range by its two ends, in either language, and two neighbours joined by "or" (或) as one rough number, with
    # any measure word (49 to 50 chambers was about 49, not traced by 49至50个; two or three days two numbers)
    ("49 to 50 chambers", "en", "49至50个商会"), ("2-3 chambers", "en", "2-3个商会"), ("two to three days", "en", "2至3天"),
    ("two or three days", "en", "两三天"), ("2 or 3 chambers", "en", "2或3个商会"), ("2或3个商会", "zh", "两三个商会"),
    ("a decade", "en", "十年来"),
    ("a fortnight", "en", "两周"),
    ("30 years", "en", "商会成立30周年"),
    ("a 30-year-old chamber", "en", "商会成立30年"),  # an age says nothing of 年 or 岁
    ("two weeks", "en", "两周"),
])
def test_faithful_writing_is_traced(claim, lang, quote):
    assert _traced_by(claim, lang, quote) and all(_traced_by(claim, lang, quote))


@pytest.mark.parametrize("sentence, lang", [("we saw seventeen cats. ", "en"), ("we saw 17 cats. ", "en"),
                                            ("on May 5 and ", "en"), ("三十家 and forty ", "en"),
                                            ("今年4月，三十家", "zh"), ("2023年7月，", "zh"),
                                            # rates, each looked at from its number (see quantities._with_rates)
                                            ("每年捐款超4.5亿元", "zh"), ("年均49次/年", "zh"), ("每年达四十九", "zh"),
                                            ("every year 49 times a year ", "en"), ("49 bucks a day ", "en"),
                                            # dates in words in one clause, each looked at for a denial before it
                                            ("上午还是下午", "zh"), ("周末盛夏年底", "zh"),
                                            ("in the morning or the afternoon ", "en")])
def test_a_paragraph_of_many_numbers_is_read_in_linear_time(sentence: str, lang: str) -> None:
    """Each number searched all the text before it for a month's name, and was compared with every number found
    before it: a paragraph of 2,000 numbers took 14 s to check, 8,000 over three minutes. A Chinese number was
    compared with every date of its text: 4,000 dates in a paragraph took 5 s."""
    assert superlinear(lambda text: claimed(text, lang), sentence.__mul__, 500) is None


CHAMBERS = "护航49个所属商会成立、成长"
DONATIONS = "今年以来，所属商协会及其会员捐款超4.5亿元"


@pytest.mark.parametrize("claim, lang, quote", [
    # a currency by another name, or another currency (each was read as an amount whose currency is left out)
    ("捐款超4.5亿美金", "zh", DONATIONS), ("捐款超4.5亿港币", "zh", DONATIONS), ("捐款超4.5亿韩元", "zh", DONATIONS),
    ("捐款超4.5亿卢布", "zh", DONATIONS), ("捐款超4.5亿新台币", "zh", DONATIONS),
    # a multiplier after digits (read as 49 alone)
    ("49 dozen chambers", "en", CHAMBERS), ("49 lakh rupees", "en", CHAMBERS), ("49 crore", "en", CHAMBERS),
    # a measure where the quote counts (read as nothing said of what the number measures)
    ("49 years old", "en", CHAMBERS), ("a 49-year-old", "en", CHAMBERS), ("49 storeys", "en", CHAMBERS),
    ("49 basis points", "en", CHAMBERS), ("49 pp", "en", CHAMBERS), ("49 metres", "en", CHAMBERS),
    ("49 degrees Celsius", "en", CHAMBERS),
    ("49米", "zh", CHAMBERS), ("49平米", "zh", CHAMBERS), ("49斤", "zh", CHAMBERS), ("49载", "zh", CHAMBERS),
    ("49春秋", "zh", CHAMBERS), ("49虚岁", "zh", CHAMBERS), ("49℃", "zh", CHAMBERS), ("49打商会", "zh", CHAMBERS),
])
def test_a_count_s_quote_does_not_trace_another_measure_currency_or_multiple(claim, lang, quote):
    assert False in _traced_by(claim, lang, quote)


@pytest.mark.parametrize("claim, lang, quote", [
    ("捐款超4.5亿人民币", "zh", DONATIONS),  # yuan by its other name
    ("a 49-year-old chamber", "en", "成立49年"), ("49 years old", "en", "成立49年"), ("49岁", "zh", "成立49年"),
    ("49载", "zh", "成立49年"), ("49平米", "zh", "49平方米"), ("49 pp", "en", "提高49个百分点"),
])
def test_a_measure_is_traced_by_the_same_measure_said_otherwise(claim, lang, quote):
    assert _traced_by(claim, lang, quote) == [True]


@pytest.mark.parametrize("text", ["千斤顶", "四两拨千斤", "一打开网页", "三年五载", "一米阳光"])
def test_set_phrases_and_articles_with_the_new_measures_are_no_numbers(text):
    assert meanings(text, "zh") == []


@pytest.mark.parametrize("text", [
    "文章第一段列举了多项活动。", "文章的第二段说明了这些抓手。", "本页第二部分介绍工作机制。", "本页的第一节介绍工作载体。",
    "## 第一部分：工作载体", "文章的第一个小标题是“搭载体提振积极性”。", "第一步，阅读摘要；第二步，查看引文。",
    "第一，强素质；第二，增信念；第三，勤联络。",  # the text's own enumeration, as 一是…二是… is
    "文章没有提到驻村第一书记。", "调研组深入第一线了解困难问题。", "工商联把服务企业放在第一位。", "商会的会长一届一届地换届。",
])
def test_a_place_in_a_text_its_own_enumeration_and_set_phrases_are_no_claims(text):
    assert meanings(text, "zh") == []


@pytest.mark.parametrize("text, number", [("第三项抓手", "三项"), ("排名第一，", "一"), ("他排第二，紧随其后", "二"),
                                          ("第十一届", "十一届")])
def test_an_ordinal_that_is_no_place_in_a_text_is_still_read(text, number):
    assert [said for said, _, _ in meanings(text, "zh")] == [number]


@pytest.mark.parametrize("claim, lang", [
    ("Donations topped 450 million yuan", "en"), ("Donations exceeded 450 million yuan", "en"),
    ("Donations surpassed CNY 450 million", "en"), ("Donations went beyond 450 million yuan", "en"),
    ("捐款突破4.5亿元", "zh"),
])
def test_a_verb_that_says_over_is_traced_by_an_over_quote(claim, lang):
    assert _traced_by(claim, lang, DONATIONS) == [True]
    assert _traced_by(claim, lang, "所属商协会及其会员捐款4.5亿元") == [False]  # (exactly: no more)


@pytest.mark.parametrize("claim, traced_by_over", [
    ("捐款破4.5亿元", True), ("订单破60亿", True), ("破三十万人", True),  # (read as exactly so)
    ("打破1万米纪录", False), ("跌破3万点", False),  # (broke a record, fell below: no "over")
])
def test_po_before_a_number_with_a_magnitude_says_over(claim, traced_by_over):
    assert [item.number.qualifier == "over" for item in claimed(claim, "zh")] == [traced_by_over]


@pytest.mark.parametrize("claim, lang", [
    ("Donations passed 450 million yuan", "en"), ("Donations crossed RMB 450 million", "en"),
    ("Donations broke 450 million yuan", "en"), ("donations broke through the 450 million yuan mark", "en"),
    ("Donations have passed the 4.5 hundred million yuan mark", "en"),
    ("捐款过4.5亿元", "zh"), ("捐款過4.5億元", "zh"), ("捐款额过四亿五千万元", "zh"),
    # the verb in its plain form, as a plural subject or "will" has it (donations exceed it was read as exact)
    ("The chambers' donations exceed 450 million yuan", "en"), ("Donations surpass 450 million yuan", "en"),
    ("Donations will pass 450 million yuan", "en"), ("Donations cross RMB 450 million", "en"),
    ("Donations break through the 450 million yuan mark", "en"), ("Donations go beyond 450 million yuan", "en"),
])
def test_a_verb_of_passing_an_amount_says_over(claim, lang):
    """passed, crossed, broke (through) an amount; 过 before one after the noun of an amount (捐款过, 销售额过, 会员过,
    人数过): over it, as topped and 破 are (each was read as exactly 450 million yuan, and the quote's 超4.5亿元
    refused it)."""
    assert _traced_by(claim, lang, DONATIONS) == [True]
    assert _traced_by(claim, lang, "所属商协会及其会员捐款4.5亿元") == [False]


@pytest.mark.parametrize("claim, lang", [
    ("The congress passed 49 resolutions", "en"), ("They broke 3 records", "en"), ("crossed 2 rivers", "en"),
    ("他捐过2万元", "zh"), ("卖过1万件", "zh"), ("过两天", "zh"),
    ("They break 3 records", "en"), ("Members cross 2 rivers", "en"),
    ("the top 10 chambers", "en"),  # (top before a number ranks: no "over")
])
def test_a_verb_of_passing_a_count_or_a_verb_s_guo_says_no_over(claim, lang):
    """What was passed, broken or crossed, counted; 过 after a verb (it was done) or before a time (in two days)."""
    assert [item.number.qualifier for item in claimed(claim, lang)] == ["exact"]


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("排名前三", "zh", "排名全省前三", [True]), ("排名前五", "zh", "排名全省前三", [False]),
    ("位列前三名", "zh", "排名前三", [True]), ("in the top three", "en", "位列前三", [True]),
    ("躋身前十", "zh", "跻身全国前十", [True]), ("进入前二十", "zh", "跻身全国前十", [False]),
    ("位列全國前三", "zh", "排名前三", [True]), ("位列全省前五", "zh", "位列全国前三", [False]),
    ("会员達到四十九", "zh", "会员达到49", [True]),  # (達到 in Traditional: read as nothing)
])
def test_a_rank_reached_is_its_number(claim, lang, quote, expected):
    """前三 after 排名, 位列, 跻身 ... is the top three (read as nothing: 排名前五 passed for a quote's 排名前三)."""
    assert _traced_by(claim, lang, quote) == expected


TRADE_ORDERS = "达成订单额63亿元"


@pytest.mark.parametrize("claim, quote", [
    ("捐款超过人民币4.5亿元", DONATIONS), ("捐款逾人民币4.5亿元", DONATIONS), ("捐款超过人民币四亿五千万元", DONATIONS),
    ("捐款超￥4.5亿", DONATIONS), ("捐款超¥4.5亿元", DONATIONS), ("捐款超过RMB 4.5亿元", DONATIONS),
    ("捐款超過人民幣4.5億元", DONATIONS), ("捐款超过人民币4亿5千万元", DONATIONS),
    ("订单额RMB 63亿", TRADE_ORDERS), ("订单额￥63亿", TRADE_ORDERS), ("订单额人民币 63亿元", TRADE_ORDERS),
])
def test_a_currency_before_the_number_keeps_the_qualifier_before_it(claim, quote):
    """超过人民币4.5亿元 was read as exactly 4.5亿元 (超过 stood before the currency, not the digits), and refused by
    its quote's 超4.5亿元; RMB 63亿 as 63 yuan (the English reading, longer than 63亿, won)."""
    assert _traced_by(claim, "zh", quote) == [True]


@pytest.mark.parametrize("claim, quote", [
    ("订单额逾人民币63亿元", TRADE_ORDERS), ("订单额超过人民币63亿元", TRADE_ORDERS),  # (over, where the quote is exact)
    ("订单额US$63亿", TRADE_ORDERS), ("订单额$63亿", TRADE_ORDERS), ("订单额港币63亿", TRADE_ORDERS),  # (another currency)
    ("捐款超过US$4.5亿", DONATIONS), ("融资US$5000万", "融资5000美元"),
])
def test_a_currency_before_the_number_is_its_currency(claim, quote):
    """Each passed: the qualifier and the currency before the number were not read (US$5000万 as 5,000 dollars)."""
    assert _traced_by(claim, "zh", quote) == [False]


def test_a_currency_before_the_number_is_its_unit_and_the_number_stays_where_its_digits_are():
    """人民币[63亿](cite:…) shows the currency outside the link, as 元 after it may be: no number cut in two."""
    (item,) = claimed("订单额人民币63亿", "zh")
    assert (item.number.text, item.number.unit) == ("63亿", "元")


def test_the_message_names_the_difference_that_refused_a_claim_without_its_quote_s_currency():
    """A claim may leave out its quote's currency: 4.5亿 against 超4.5亿元 was told "is not an amount of money"."""
    said = stated(DONATIONS)
    assert how_said(claimed("捐款4.5亿", "zh")[0].number, said[0].number) == "says 'exact'"
    assert how_said(claimed("捐款4.5亿个", "zh")[0].number, said[0].number) == "is not an amount of money"


@pytest.mark.parametrize("claim, times, twin", [("Orders were double the donations.", 2, "a double win"),
                                                ("triple the orders", 3, "a triple jump"),
                                                ("It could quadruple its size.", 4, "a double standard"),
                                                ("Orders were double those of 2022.", 2, "to double down on it")])
def test_double_or_triple_before_what_it_multiplies_is_a_multiple(claim, times, twin):
    """They were read as nothing: "orders were double the donations" passed untraced, and a quote's 两地 (two
    places) traced it in a link. Before no word of what is multiplied they are none (the twin)."""
    assert [(item.number.value, item.number.unit) for item in claimed(claim, "en")][:1] == [(times, "倍")]
    assert _traced_by(claim, "en", "联动南平、宁德两地工商联")[0] is False
    assert claimed(twin, "en") == []


MARCH = "以今年3月的季度会长办公会为契机"


@pytest.mark.parametrize("claim, lang", [
    ("2023年3月下旬", "zh"), ("2023年3月初", "zh"), ("2023年3月底", "zh"), ("三月中旬", "zh"),
    ("late March 2023", "en"), ("in mid-March 2023", "en"), ("early March", "en"), ("at the end of March 2023", "en"),
])
def test_a_part_of_a_month_is_a_date_its_quote_must_say(claim, lang):
    """They were read as nothing: a page placed in late March what its quote dates to March alone."""
    assert False in _traced_by(claim, lang, MARCH)
    assert False not in _traced_by(claim, lang, "2023年3月上旬、3月中旬和3月下旬各召开一次")


@pytest.mark.parametrize("text", ["3月初步完成", "每月初召开", "late in the day", "the end of the meeting"])
def test_words_of_a_part_that_follow_no_month_are_no_date(text):
    assert all(item.part != "part of a month" for item in claimed(text, "en" if text.isascii() else "zh"))


@pytest.mark.parametrize("text, said", [("后年召开", "后年"), ("上年度捐款", "上年度"), ("今年度报告", "今年度"),
                                        ("本年度", "本年度"), ("上一年4月", "上一年")])
def test_more_years_counted_from_today_are_read(text, said):
    """Each was read as nothing, so a page could say 后年, the year after next, in its own voice."""
    assert [item.number.text for item in claimed(text, "zh") if item.part == "relative year"] == [said]


@pytest.mark.parametrize("text", ["最后年份", "前后年份", "而后年轻人", "上一年级"])
def test_words_that_hold_those_years_letters_are_no_year(text):
    assert [item for item in claimed(text, "zh") if item.part == "relative year"] == []


@pytest.mark.parametrize("claim, lang, value", [
    ("这仨商会", "zh", 3), ("他们俩", "zh", 2), ("fourscore chambers", "en", 80),
    ("a brace of chambers", "en", 2), ("a quartet of chambers", "en", 4), ("a baker's dozen chambers", "en", 13),
    ("a gross of pens", "en", 144), ("fourty chambers", "en", 40), ("ninteen chambers", "en", 19),
])
def test_numbers_said_in_rarer_words_are_read(claim, lang, value):
    """Each passed unread: a reader reads a number there, and no quote traced it."""
    assert [item.value for item in claimed(claim, lang)] == [value]


def test_a_trick_is_no_pair():
    assert claimed("伎俩", "zh") == []


@pytest.mark.parametrize("text, lang, per", [
    ("每年超4.5亿元", "zh", ["年"]), ("超4.5亿元/年", "zh", ["年"]), ("年均超4.5亿元", "zh", ["年"]),
    ("所属商协会每年捐款超4.5亿元", "zh", ["年"]), ("每年为公益慈善事业捐款超4.5亿元", "zh", ["年"]), ("超4.5亿元每年", "zh", ["年"]), ("平均每月举办49场", "zh", ["月"]),
    ("一年捐款超4.5亿元", "zh", ["年"]), ("日均接待49人", "zh", ["天"]), ("每年召开一次", "zh", ["年"]),
    ("450 million yuan a year", "en", ["年"]), ("450 million yuan per year", "en", ["年"]),
    ("450 million yuan annually", "en", ["年"]), ("49 times a year", "en", ["年"]), ("49 meetings/year", "en", ["年"]),
    ("Every year, the chambers donate 450 million yuan", "en", ["年"]), ("49 visitors daily", "en", ["天"]),
    ("8家商会每年获评全国“四好”商会", "zh", ["年"]), ("文章说“每年捐款超4.5亿元”", "zh", ["年"]),
    ("每年为“晋品出海”活动捐款超4.5亿元", "zh", ["年"]), ("49个所属商会每年都在护航下成立", "zh", ["年"]),
    ("49个所属商会每个都在护航下成立", "zh", [""]), ("8家商会每家都获评", "zh", [""]),
    # a span's word anywhere in the number's clause after it, in English (not only two words on), and one said by
    # an adverb of frequency before it or a Chinese word of frequency (按月, 逐年, 年年) on either side
    ("8 chambers are named model chambers every year", "en", ["年"]),
    ("49 members of the chamber have joined each year since", "en", ["年"]),
    ("20 departments report to the council monthly", "en", ["月"]), ("20 departments meet the mayor weekly", "en", ["周"]),
    ("20 departments send their figures in quarterly", "en", ["季度"]),
    ("20 departments report to the council every two years", "en", ["2年", ""]),
    ("The council meets quarterly with 20 departments", "en", ["季度"]),
    ("It reports monthly to 20 departments", "en", ["月"]), ("Annually, 20 departments report", "en", ["年"]),
    ("the chambers meet annually with 20 departments", "en", ["年"]),
    ("the council meets semi-annually with 20 departments", "en", ["半年"]),
    ("the council meets fortnightly with 20 departments", "en", ["2周"]),
    ("20 departments report to it on a monthly basis", "en", ["月"]), ("On an annual basis, 20 departments report", "en", ["年"]),
    ("按季度与20个部门会商", "zh", ["季度"]), ("20个部门按季度汇报", "zh", ["季度"]), ("20个部门按月汇报", "zh", ["月"]),
    ("逐年增加20个", "zh", ["年"]), ("天天有20个部门汇报", "zh", ["天"]), ("月月有20个部门汇报", "zh", ["月"]),
    ("年年有20个部门汇报", "zh", ["年"]), ("20个部门年年获评", "zh", ["年"]), ("按年度考核20个部门", "zh", ["年"]),
    # no rate: an amount said once, a time counted, a clause apart, a number of its own between
    ("超4.5亿元", "zh", [""]), ("一年来捐款超4.5亿元", "zh", [""]), ("一年多捐款超4.5亿元", "zh", [""]),
    ("每年都有，捐款超4.5亿元", "zh", [""]), ("一年一度的大会49家", "zh", [""]), ("统一年度捐款超4.5亿元", "zh", [""]),
    ("49 chambers in a year", "en", [""]), ("49 chambers a year ago", "en", [""]), ("49 chambers a year-end bonus", "en", [""]),
    ("450 million yuan to charity", "en", [""]), ("Each day of the 49-day drive", "en", [""]),
    # a span of another clause or another number's: a relative clause, a comma, a number nearer it
    ("49 members, who meet every year, attended", "en", [""]),
    ("49 members, who meet every year, gave 10 million yuan", "en", ["", ""]), ("49 members who meet every year attended", "en", [""]),
    ("49 chambers were named and the council meets every year", "en", [""]),
    ("49 chambers sent 2 delegates each year", "en", ["", "年"]), ("49 members joined in a year", "en", [""]),
    ("49 chambers meet twice a year", "en", ["", "年"]), ("49 chambers meet the mayor twice every year", "en", ["", "年"]),
    ("49 chambers are named every single year", "en", ["年"]), ("Every single year, 49 chambers are named", "en", ["年"]),
    ("49 chambers are named each single year", "en", ["年"]),
    ("the monthly meeting approved 49 members", "en", [""]), ("the quarterly report lists 20 departments", "en", [""]),
    ("a daily paper named 20 departments", "en", [""]), ("weekly meetings of 20 departments", "en", [""]),
    # not a frequency: a year's name, the end of a year or a month, today's weather, by age, by date, year after year
    # of a word before it
    ("2023年年底有20个部门", "zh", [""]), ("去年年底有20个部门", "zh", [""]), ("今天天气好，20个部门", "zh", [""]),
    ("今天天气晴朗20个部门汇报", "zh", [""]), ("按年龄分为20个组", "zh", [""]), ("按日期排列20个部门", "zh", [""]),
    ("本月月底有20个部门", "zh", [""]), ("青年年龄段20个部门", "zh", [""]), ("每年年底召开的大会49家", "zh", ["年"]),
])
def test_an_amount_said_of_each_span_of_time_is_a_rate(text, lang, per):
    """每年超4.5亿元 and "450 million yuan a year" say a rate, not the amount alone (they were read as it)."""
    assert [item.per for item in claimed(text, lang) if COUNT in item.meanings and not item.part] == per


@pytest.mark.parametrize("text, per", [
    # a span set off by a pair of commas, brackets or dashes is the clause's (it was read as nothing)
    ("49 chambers, every year, are named model chambers", ["年"]), ("49 chambers, each year, are named", ["年"]),
    ("49 chambers (every year) are named", ["年"]), ("49 chambers — every year — are named", ["年"]),
    ("49 chambers are named, every year, model chambers", ["年"]),
    ("49 chambers were named, and every year, more join", [""]),
    # a span said twice or by an idiom, after the number or before it
    ("49 chambers are named each and every year", ["年"]), ("Each and every year, 49 chambers are named", ["年"]),
    ("49 chambers are named year after year", ["年"]), ("Year after year, 49 chambers are named", ["年"]),
    ("49 chambers, year after year, are named", ["年"]), ("49 chambers are named year in, year out", ["年"]),
    ("49 chambers are named year in year out", ["年"]), ("49 chambers grow from year to year", ["年"]),
    ("49 chambers met month after month", ["月"]), ("49 chambers grow year by year", ["年"]),
    ("the growth was 5 per cent year on year", [""]), ("a year-after-year rise of 5 per cent", [""]),
    # the weekends are each week's
    ("49 chambers meet on weekends", ["周"]), ("On weekends, 49 chambers meet", ["周"]),
    ("49 chambers meet every weekend", ["周"]),
    # a participle's phrase between the number and the span: the span is the participle's (the city grows)
    ("the 49 chambers of a city growing every year", [""]), ("49 chambers of a town holding fairs every year", [""]),
    ("49 chambers meeting every year gave", [""]), ("49 chambers are meeting every year", ["年"]),
    ("49 chambers meeting in Jinjiang are named every year", ["年"]), ("49 chambers hold training every year", ["年"]),
    ("49 chambers hold a meeting every year", ["年"]),
    # unless the clause's verb follows the phrase, be it any verb (the plan meet: the chambers meet every year)
    ("The 49 chambers following the plan meet every year", ["年"]),
    ("49 chambers following the plan gathered every month", ["月"]),
    ("49 chambers joining the plan donate annually", ["年"]),
    ("49 chambers of a town holding fairs every year", [""]),
    # a relative clause or a participle's phrase set off by a pair of commas or brackets leaves the clause whole
    ("49 chambers, which the Federation supports, meet annually", ["年"]),
    ("49 chambers (which the Federation supports) meet every year", ["年"]),
    ("The 49 chambers (which the Federation supports) hold meetings every year", ["年"]),
    ("49 chambers, following the plan, meet every year", ["年"]),
    ("49 members, who meet every year, gave 10 million yuan", ["", ""]),
    ("49 chambers, and the mayor, who meets them every year, agree", [""]),
    # quarterly, monthly, weekly or daily before a noun are the noun's kind (a quarterly meeting), not how often
    ("49 chambers hold quarterly meetings", [""]), ("49 chambers hold a monthly meeting", [""]),
    ("49 chambers meet quarterly", ["季度"]), ("49 chambers meet quarterly with the mayor", ["季度"]),
    ("20 departments report to the council monthly.", ["月"]), ("49 visitors daily", ["天"]),
    ("49 visitors daily tours", [""]),
])
def test_an_english_span_is_read_where_the_clause_says_it_of_the_number(text, per):
    assert [item.per for item in claimed(text, "en") if COUNT in item.meanings and not item.part] == per


@pytest.mark.parametrize("text, per", [
    # a span after the counted noun, to the clause's mark or another number (it was read six characters on at most)
    ("49家商会在市工商联的指导下每年都获评", ["年"]), ("49家商會在市工商聯的指導下每年都獲評", ["年"]),
    ("49家商会与20家单位每年座谈", ["", "年"]),
    ("49家商会与二十家单位每年座谈", ["", "年"]),
    # past a 的 that makes the counted thing another's, the span is the other's
    ("49家商会的会员每年捐款", [""]), ("49家商会所在的城市每年增长", [""]),
    # once a year, year after year, every year (每年度), whenever the weekend comes
    ("49家商会一年一度获评", ["年"]), ("一年一度，49家商会获评", ["年"]), ("一年一度的大会49家", [""]),
    ("49家商会年复一年获评", ["年"]), ("49家商會年復一年獲評", ["年"]), ("年复一年，49家商会获评", ["年"]),
    ("49家商会月复一月地汇报", ["月"]), ("49家商会每年度获评", ["年"]), ("49家商会每年度报告", [""]),
    ("49家商会每逢周末召开会议", ["周"]), ("每逢周末，49家商会召开会议", ["周"]),
    # a span alone before a comma is the next clause's, as "Every year," is; not a clause of its own
    ("每年，所属商协会捐款超4.5亿元", ["年"]), ("每年年底，49家商会获评", ["年"]), ("每年都有，捐款超4.5亿元", [""]),
    ("每年，商会成立，49家商会获评", [""]),
    # a year's or a quarter's kind is no rate (年度报告, the report of a year; 季度性会议, a quarterly meeting)
    ("49家商会召开季度性会议", [""]), ("49家商会发布年度报告", [""]), ("2023年度捐款超4.5亿元", [""]),
    ("49家商会召开月度会议", [""]), ("上年度捐款超4.5亿元", [""]),
    # but 季度性, 年度性 or 月度性 before a verb (季度性召开, 季度性地召开) or 地 is how often it is done, and 年度 or 月度
    # right before a flow is a rate, as "annual donations of" is (年度捐款超4.5亿元 passed for a quote's amount said once)
    ("49家商会季度性召开会议", ["季度"]), ("49家商会季度性地召开会议", ["季度"]), ("49家商会年度性举办活动", ["年"]),
    ("年度捐款超4.5亿元", ["年"]), ("所属商协会的年度捐款超4.5亿元", ["年"]), ("月度收入超4.5亿元", ["月"]),
    ("年度捐款的49家商会", [""]),
    # a clause that begins with the span after a comma, with no subject of its own, is the count's (49个所属商会，每年都
    # 获评 was read as 49 said once); not one with a subject (每年都有新商会加入) or a number of its own (每年捐款超4.5亿元)
    ("49个所属商会，每年都获评表彰", ["年"]), ("49家商会在市工商联的指导下，每年都获评", ["年"]),
    ("49家商會，每年都獲評", ["年"]), ("49家商会，年年获评", ["年"]), ("49家商会，每逢周末召开会议", ["周"]),
    ("49家商会成立，每年都有新商会加入", [""]), ("49家商会，每年捐款超4.5亿元", ["", "年"]),
    ("49家商会，每年的会议由20家单位主办", ["", "年"]), ("49家商会。每年都获评", [""]),
])
def test_a_chinese_span_is_read_where_the_clause_says_it_of_the_number(text, per):
    assert [item.per for item in claimed(text, "zh") if COUNT in item.meanings and not item.part] == per


@pytest.mark.parametrize("text, parts", [
    # 上下旬 is the first and the last third of a month, two parts: not 10月上下, about October
    ("10月上下旬召开", [1.0, 3.0]), ("十月上、下旬召开", [1.0, 3.0]), ("10月上旬召开", [1.0]), ("十月上旬召开", [1.0]),
    ("本月上下旬召开", [1.0, 3.0]), ("每月上下旬召开", []),
])
def test_the_first_and_last_thirds_of_a_month_are_two_parts(text, parts):
    found = claimed(text, "zh")
    assert sorted(item.value for item in found if item.part == "part of a month") == parts
    assert all(item.number.qualifier == "exact" for item in found if item.part == MONTH)


@pytest.mark.parametrize("text, lang, said", [
    # 年关, the days before the lunar new year, is the year's end, as 年底 is; 临近 and 接近 are to near it
    ("年关将至，商会召开会议", "zh", [3.0]), ("年關將至，商會召開會議", "zh", [3.0]), ("临近年关，商会召开", "zh", [3.0]),
    ("临近年底，商会召开", "zh", [3.0]), ("2023年年关，商会召开", "zh", [3.0]),
    ("2023年关于商会的通知", "zh", []), ("今年关注商会", "zh", []), ("青年关心商会", "zh", []), ("近年来，商会召开", "zh", []),
    # 寒冬 and 严冬 are hard times as often as winter: no date
    ("寒冬中，商会召开会议", "zh", []),
])
def test_the_year_s_end_in_other_words(text, lang, said):
    assert [item.value for item in claimed(text, lang) if item.part == PART_OF_YEAR] == said


@pytest.mark.parametrize("text, weekend, per", [
    # the weekend said as a time or a span of one is a date; on weekends (每逢周末) is each week's too
    ("49 chambers met on weekends", True, ["周"]), ("49 chambers met at weekends", True, ["周"]),
    ("49 chambers met over a weekend", True, [""]), ("After a weekend of work, 49 chambers met", True, [""]),
    ("49 chambers held a weekend-long fair", True, [""]), ("49 chambers met during one weekend", True, [""]),
    ("49 chambers met every weekend", True, ["周"]), ("49 chambers found a weekend job", False, [""]),
])
def test_the_weekends_are_a_date_and_on_weekends_a_rate(text, weekend, per):
    found = claimed(text, "en")
    assert any(item.part == WEEKDAY for item in found) == weekend
    assert [item.per for item in found if COUNT in item.meanings and not item.part] == per


@pytest.mark.parametrize("claim, lang, refused_by, traced_by", [
    # a rate is traced only by a quote that says the same rate, in any of its forms (每年, 年均, 一年, /年)
    ("每年超4.5亿元", "zh", "所属商协会及其会员捐款超4.5亿元", "所属商协会每年捐款超4.5亿元"),
    ("超4.5亿元/年", "zh", "捐款超4.5亿元", "年均捐款超4.5亿元"), ("年均超4.5亿元", "zh", "每月捐款超4.5亿元", "一年捐款超4.5亿元"),
    ("over 450 million yuan a year", "en", "捐款超4.5亿元", "每年捐款超4.5亿元"),
    ("450 million yuan annually", "en", "4.5亿元", "4.5亿元/年"), ("450 million yuan per year", "en", "每天4.5亿元", "年均4.5亿元"),
    ("met 49 times a year", "en", "召开会议49次", "每年召开会议49次"), ("twice a year", "en", "召开两次", "每年召开两次"),
    ("once a year", "en", "每月一次", "一年一次"),
])
def test_a_rate_is_traced_only_by_a_quote_that_says_it(claim, lang, refused_by, traced_by):
    assert (_traced_by(claim, lang, refused_by), _traced_by(claim, lang, traced_by)) == ([False], [True])


def test_an_amount_without_its_quotes_rate_is_traced_but_a_rate_without_the_quotes_is_not():
    """A claim may leave out its quote's rate, as it may the currency; it may not add one."""
    assert (_traced_by("捐款超4.5亿元", "zh", "每年捐款超4.5亿元"), _traced_by("每年捐款超4.5亿元", "zh", "捐款超4.5亿元")) == (
        [True], [False])


# A rate said per thing or person, or over more than one span, or by "annual" (see quantities._with_rates): each was
# read as the amount alone, and a quote of the total (捐款超4.5亿元) traced it.
@pytest.mark.parametrize("text, lang, per", [
    ("每个商会捐款超4.5亿元", "zh", "商会"), ("每家商会捐款49万元", "zh", "商会"), ("每家企业捐款49万元", "zh", "企业"),
    ("每个企业捐款49万元", "zh", "企业"), ("每人捐款1万元", "zh", "人"), ("人均捐款1万元", "zh", "人"),
    ("每位会员捐款1万元", "zh", "会员"), ("每名会员捐款1万元", "zh", "会员"), ("户均增收1万元", "zh", "户"),
    ("每户增收1万元", "zh", "户"), ("家均捐款49万元", "zh", "家"), ("平均每家捐款49万元", "zh", "家"),
    ("平均每个商会捐款49万元", "zh", "商会"), ("每位捐款1万元", "zh", "人"), ("每个项目投资49万元", "zh", "个"),
    ("捐款1万元/人", "zh", "人"), ("捐款1万元每人", "zh", "人"), ("每個商會捐款49萬元", "zh", "商会"), ("每家企業捐款49萬元", "zh", "企业"),
    ("人均寿命49岁", "zh", "人"), ("每个人都捐款1万元", "zh", "人"), ("每家每户发放口罩49个", "zh", "户"),
    ("每一个商会都有49名会员", "zh", "商会"), ("每年人均捐款1万元", "zh", "人"), ("平均捐款49万元", "zh", "均"),
    ("每两年召开一次", "zh", "2年"), ("每三个月举办49场", "zh", "3月"), ("每2年评选49家", "zh", "2年"),
    ("每半年举办49场", "zh", "半年"), ("每家企业在10个项目中各投资49万元", "zh", "企业"),
    ("1 million yuan per chamber", "en", "商会"), ("10,000 yuan per person", "en", "人"),
    ("10,000 yuan per capita", "en", "人"), ("10,000 yuan per member", "en", "会员"),
    ("Each chamber gave 1 million yuan", "en", "商会"), ("an average of 1 million yuan per firm", "en", "企业"),
    ("1 million yuan per company", "en", "企业"), ("1 million yuan per household", "en", "户"),
    ("10,000 yuan a head", "en", "人"), ("every member gave 10,000 yuan", "en", "会员"),
    ("on average 49 visitors came", "en", "均"), ("an average of 49 visitors", "en", "均"),
    ("1 million yuan per project", "en", "project"), ("Each chamber gave 1 million yuan in all", "en", "商会"),
    ("Each chamber gave 1 million yuan in total", "en", "商会"), ("每个商会一共捐款49万元", "zh", "商会"),
    ("each chamber together with its members gave 1 million yuan", "en", "商会"), ("每个商会共捐款49万元", "zh", "商会"),
    ("Each chamber gave 1 million yuan, and together they gave more", "en", "商会"),
    ("每个商会捐款49万元，加起来超过一千万元", "zh", "商会"),
    ("met 49 times every two years", "en", "2年"), ("every other year, 49 chambers are named", "en", "2年"),
    ("49 chambers meet biennially", "en", "2年"), ("every three months, 49 events", "en", "3月"),
    ("annual donations of 450 million yuan", "en", "年"), ("annual donations of over 450 million yuan", "en", "年"),
    ("an annual 450 million yuan", "en", "年"), ("450 million yuan in annual donations", "en", "年"),
    ("monthly sales of 49 million yuan", "en", "月"), ("The 49 chambers each gave 1 million yuan", "en", "商会"),
    ("per capita income of 49,000 yuan", "en", "人"), ("49,000 yuan in per capita income", "en", "人"),
    ("人均可支配收入4.9万元", "zh", "人"), ("49 visitors a day on average", "en", "天"), ("49 visitors on average", "en", "均"),
    # the flow's verb in any tense, or one of passing the amount (annual donations exceed, reach, total, come to 450
    # million yuan were read as said once)
    ("Annual donations exceed 450 million yuan", "en", "年"), ("Annual donations exceeded 450 million yuan", "en", "年"),
    ("The chambers' annual donations reach 450 million yuan", "en", "年"),
    ("Annual donations total 450 million yuan", "en", "年"), ("annual donations come to 450 million yuan", "en", "年"),
    ("annual donations amount to over 450 million yuan", "en", "年"), ("annual donations topped 450 million yuan", "en", "年"),
    ("annual donations have been 450 million yuan", "en", "年"), ("年度捐款超4.5亿元", "zh", "年"),
])
def test_an_amount_said_per_thing_or_person_or_over_spans_is_a_rate(text, lang, per):
    """每个商会捐款超4.5亿元, 人均, "per capita", "every two years", "annual donations of": each says what the amount
    is per, which a quote of the total does not say (they were read as the amount alone). (The count of a span's
    words, the 两 of 每两年, is no rate.)"""
    assert {item.per for item in claimed(text, lang) if COUNT in item.meanings and not item.part} - {""} == {per}


@pytest.mark.parametrize("text, lang", [
    ("所属商协会及其会员捐款超4.5亿元", "zh"), ("每个人都很努力，49家商会", "zh"), ("每家每户都知道。49家商会", "zh"),
    ("平均分配49万元", "zh"), ("每逢佳节，49家商会", "zh"), ("每当49家商会", "zh"),
    ("49 percent", "en"), ("49 per cent", "en"), ("49 per se", "en"), ("as per the plan, 49 chambers", "en"),
    ("each of the 49 chambers", "en"), ("every one of the 49 chambers", "en"),
    ("the annual meeting approved 49 members", "en"), ("49 members attended the annual meeting", "en"),
    ("the annual meeting of 49 chambers", "en"), ("Each chamber has a name; 49 chambers", "en"),
    ("49 chambers, each with a name", "en"), ("the per-capita measure covered 49 chambers", "en"),
    ("49 persons", "en"), ("49 experts", "en"), ("at 49 per", "en"), ("Every effort brought 49 firms", "en"),
    ("above-average growth of 49%", "en"), ("大家均捐款49万元", "zh"), ("49元/人次", "zh"),
    ("the annual 49-member delegation", "en"), ("平均分攤49萬元", "zh"), ("每家每戶都知道。49家商會", "zh"),
    ("文章没有说每家商会在超4.5亿元捐款中占多少", "zh"), ("每位会员在4.5亿元里占的份额", "zh"),
    ("每个人都能在原文中找到49个这个数字", "zh"), ("每个人读到这里都会注意到超4.5亿元这一数字", "zh"),
    ("Every chamber from elsewhere that was invited, 34 in all, is registered in Jinjiang", "en"),
    ("Each chamber that was founded or held elections, more than 10 in all, did so after", "en"),
    ("所属商会每一个都在“三个三”工作载体的护航下成立", "zh"),
    ("49 chambers per Chen Yide", "en"), ("6.3 billion yuan per China Business Times", "en"),
    ("the framework supports 49 chambers per Chen Yide's account", "en"),
    ("the article does not say what each member gave toward the over 450 million yuan donated", "en"),
    ("the share of each member in the over 450 million yuan", "en"),
    ("it does not name each chamber among the more than 10 that were founded", "en"),
    ("how much each member gave of the 450 million yuan", "en"), ("the chambers each had a part in the 6.3 billion yuan", "en"),
    ("the article gives no average donation, only the total of 450 million yuan", "en"),
    ("Rather than an average, the article gives a total of 450 million yuan", "en"),
    ("a total, not an average, of 450 million yuan", "en"), ("No average is given, only 450 million yuan in all", "en"),
    # a total of what each or every thing gave: the things pooled (together, combined, added up, 加起来, 合计), or
    # the number the whole that each thing's is part of
    ("each chamber's donations only as part of over CNY 450 million in all", "en"),
    ("every member and chamber together came to over 450 million yuan", "en"),
    ("every chamber's donations combined came to 450 million yuan", "en"),
    ("each member's gifts, added up, came to 450 million yuan", "en"),
    ("what every chamber gave, taken together, was 450 million yuan", "en"),
    ("each member's and each chamber's donations came to 450 million yuan in total", "en"),
    ("every member or chamber gave 450 million yuan altogether", "en"),
    ("each chamber collectively gave 450 million yuan", "en"),
    ("每个商会的捐款合计超4.5亿元", "zh"), ("每个商会的捐款加起来超4.5亿元", "zh"), ("每个会员和商会一共捐款超4.5亿元", "zh"),
    ("每个会员和商会共捐款超4.5亿元", "zh"), ("每家企业的捐款总计超4.5亿元", "zh"), ("每个商会的捐款加在一起超4.5亿元", "zh"),
    ("每位会员与每个商会捐款总和超4.5亿元", "zh"),
])
def test_words_of_a_rate_that_say_none_of_the_number(text, lang):
    assert [item.per for item in claimed(text, lang) if COUNT in item.meanings and not item.part] == [""]


@pytest.mark.parametrize("text", ["49 percent", "49 per cent", "49 per-cent"])
def test_a_percentage_stays_a_percentage(text):
    assert [(item.number.unit, item.per) for item in claimed(text, "en")] == [("%", "")]


@pytest.mark.parametrize("claim, lang, refused_by, traced_by", [
    ("每个商会捐款超4.5亿元", "zh", "所属商协会及其会员捐款超4.5亿元", "每个商会捐款超4.5亿元"),
    ("每人捐款1万元", "zh", "捐款1万元", "人均捐款1万元"), ("人均捐款1万元", "zh", "每户捐款1万元", "每位捐款1万元"),
    ("每家企业捐款49万元", "zh", "每个商会捐款49万元", "每家企业捐款49万元"),
    ("1 million yuan per chamber", "en", "捐款100万元", "每家商会捐款100万元"),
    ("10,000 yuan per capita", "en", "每位会员捐款1万元", "人均捐款1万元"),
    ("10,000 yuan per member", "en", "人均捐款1万元", "每位会员捐款1万元"),
    ("1 million yuan per firm", "en", "每家捐款100万元", "每家企业捐款100万元"),
    ("49 meetings biennially", "en", "每年召开49次", "每两年召开49次"),
    ("annual donations of 450 million yuan", "en", "捐款4.5亿元", "每年捐款4.5亿元"),
    ("on average 49 visitors", "en", "接待49人", "平均接待49人"),
])
def test_a_rate_per_thing_is_traced_only_by_a_quote_that_says_it(claim, lang, refused_by, traced_by):
    """The same thing named in either language traces it (per capita, 人均, 每人); another thing, or none, does not."""
    assert (_traced_by(claim, lang, refused_by), _traced_by(claim, lang, traced_by)) == ([False], [True])


def test_a_bare_numeral_after_a_verb_of_amount_is_a_count():
    """达四十九 was read as a name's numeral, nothing: a page could say any number there untraced."""
    texts = ("商会数量达四十九。", "达到四十九", "高达四十九", "共计四十九", "累计四十九，", "增至四十九", "达四十九之多",
             # not the 达 of another word, nor a numeral a word goes on from, nor a lone 一
             "抵达三亚", "到达四十九", "表达四十九", "传达十九", "直达四十九", "达四星级", "达一流水平", "十四五")
    assert {text: [item.number.text for item in claimed(text, "zh")] for text in texts} == {
        **{text: ["四十九"] for text in texts[:7]}, **{text: [] for text in texts[7:]}}
    assert (_traced_by("商会数量达四十九", "zh", "护航48个所属商会"), _traced_by("商会数量达四十九", "zh", "护航49个所属商会")
            ) == ([False], [True])
    # in a quote it counts too, where a name's numeral does not (四十九家 is traced by 达四十九, not by “四十九好”)
    assert (_traced_by("四十九家", "zh", "商会数量达四十九"), _traced_by("四十九家", "zh", "“四十九好”")) == ([True], [False])


def test_a_dozen_a_pair_a_discount_and_a_hundred_per_cent_are_read_and_the_words_they_begin_are_not():
    """一打 and 一对 were read as an article's 一, 八折 as a bare 八, 百分百 as nothing: each passed untraced."""
    texts = ("买了一打鸡蛋", "一对夫妇", "打八折优惠", "八五折", "百分百满意", "paid 49 grand",
             "一打开", "一打听就知道", "打造平台", "一对一帮扶", "一对多", "三折页", "一波三折", "折算成", "a grand plan",
             "3 grand prizes")
    assert {text: [(item.number.text, item.value) for item in claimed(text, "en" if text.isascii() else "zh")]
            for text in texts} == {
        "买了一打鸡蛋": [("一打", 1)], "一对夫妇": [("一对", 1)], "打八折优惠": [("八折", 8)], "八五折": [("八五折", 8.5)],
        "百分百满意": [("百分百", 100)], "paid 49 grand": [("49 grand", 49_000)],
        **{text: [] for text in texts[6:-1]}, "3 grand prizes": [("3", 3)]}


@pytest.mark.parametrize("claim, lang, refused_by, traced_by", [
    ("一打鸡蛋", "zh", "一个鸡蛋", "一打鸡蛋"), ("一对夫妇", "zh", "一个家庭", "一对夫妇"),
    ("打八折", "zh", "八个商会", "价格为原价的80%"), ("打八折", "zh", "打七折", "八成"), ("八五折", "zh", "八折", "85%"),
    ("百分百满意", "zh", "100个", "百分之百满意"), ("paid 49 grand", "en", "49个", "4.9万元"),
])
def test_a_dozen_a_pair_a_discount_and_grand_are_traced_only_by_what_says_them(claim, lang, refused_by, traced_by):
    assert (_traced_by(claim, lang, refused_by), _traced_by(claim, lang, traced_by)) == ([False], [True])


@pytest.mark.parametrize("claim, lang, refused_by, traced_by", [
    # dollars, euros and pounds as speech says them: each an amount in its currency (49 bucks was a count of things,
    # 49刀, 49欧 and 49 quid a bare 49, which any 49 traced)
    ("49刀", "zh", "49元", "49美元"), ("花了5千刀", "zh", "5千个", "5000美元"), ("49欧", "zh", "49元", "49欧元"),
    ("49 bucks", "en", "49个", "49美元"), ("49 quid", "en", "49美元", "49英镑"),
    # degrees of no scale said: a measure of their own, traced by degrees of any scale (they were a count of things)
    ("49 degrees", "en", "49个", "气温达49度"), ("49 degrees", "en", "49年", "49摄氏度"), ("a 49-degree angle", "en", "49家", "49度角"),
])
def test_slang_currencies_and_degrees_are_traced_only_by_what_says_them(claim, lang, refused_by, traced_by):
    assert (_traced_by(claim, lang, refused_by), _traced_by(claim, lang, traced_by)) == ([False], [True])
    # degrees of a scale are not traced by another's (49 degrees Fahrenheit was a count, traced by 49个)
    assert (_traced_by("49 degrees Fahrenheit", "en", "49摄氏度"), _traced_by("49 degrees Fahrenheit", "en", "49个")) == (
        [False], [False])


def test_the_words_slang_currencies_and_degrees_are_part_of_are_no_amount():
    """一把刀 is a knife, 两刀 two cuts, 欧洲 Europe, 49欧姆 49 ohms, quid pro quo a favour, two degrees in law a count."""
    texts = ("49刀", "49欧", "49 bucks", "49 quid", "49 degrees",
             "一把刀", "砍了两刀", "3刀具", "3欧洲国家", "49欧姆", "quid pro quo", "to some degree", "two degrees in law")
    assert {text: [(item.number.text, item.number.unit) for item in claimed(text, "en" if text.isascii() else "zh")]
            for text in texts} == {
        "49刀": [("49刀", "刀")], "49欧": [("49欧", "欧")], "49 bucks": [("49 bucks", "$")], "49 quid": [("49 quid", "英镑")],
        "49 degrees": [("49", "°")], "一把刀": [], "砍了两刀": [], "3刀具": [("3", "")], "3欧洲国家": [("3", "")],
        "49欧姆": [("49", "")], "quid pro quo": [], "to some degree": [], "two degrees in law": [("two", "个")]}


@pytest.mark.parametrize("words, span", [
    ("年均捐款", "年"), ("所属商协会及其会员每年的捐款", "年"), ("平均每月", "月"), ("每季度订单额", "季度"), ("日均", "天"),
    ("Annual donations", "年"), ("donated each year", "年"), ("donations per week", "周"), ("donated a year", "年"),
    ("Yearly orders", "年"), ("orders, quarterly", "季度"), ("every day", "天"),
    # per a thing or a person, over several spans, on average, in Traditional characters
    ("人均捐款", "人"), ("每个商会的捐款", "商会"), ("每家企业", "企业"), ("户均", "户"), ("donated per capita", "人"),
    ("donations per member", "会员"), ("each chamber's donation", "商会"), ("每两年", "2年"),
    ("given every two years", "2年"), ("biennially", "2年"), ("semi-annually", "半年"), ("平均捐款", "均"),
    ("Average donation", "均"), ("每週捐款", "周"), ("每個商會", "商会"),
    # no rate: a time, or words that only look like one
    ("2023年以来捐款", ""), ("一年来的捐款", ""), ("donations in a year", ""), ("given within a year", ""),
    ("each year of the plan", ""), ("Donations since the start of 2023", ""), ("均衡发展", ""), ("所属商会", ""),
    ("each of the chambers", ""), ("平均分配", ""), ("per cent of donations", ""),
    ("捐款总额（非平均数）", ""), ("捐款总额，不是平均数", ""), ("Donations in all, not an average", ""),
    ("Total donations (no average given)", ""),
    # words of frequency (按季度, 逐年, 年年, quarterly: see the rate's words before a number)
    ("按季度汇报的部门", "季度"), ("逐年增加的商会", "年"), ("年年获评的商会", "年"), ("departments reporting quarterly", "季度"),
    # and those a sentence reads after a number (年复一年, 一年一度, 每逢周末, year after year, on weekends)
    ("年复一年捐款", "年"), ("一年一度捐款", "年"), ("每逢周末捐款", "周"), ("donations year after year", "年"),
    ("donations from year to year", "年"), ("donations on weekends", "周"), ("年度捐款", "年"), ("季度性捐款", "季度"),
    ("年度报告中的商会", ""), ("2023年度捐款", ""), ("季度性召开会议的商会", "季度"),
    # as "annual" or "quarterly" before a flow, and not before another noun, a kind, as 年度报告 and 季度性会议 are (a
    # figure of the annual report's was read as a year's, where 年度报告 was none)
    ("annual donations", "年"), ("quarterly donations", "季度"), ("chambers listed in the annual report", ""),
    ("chambers holding quarterly meetings", ""), ("the annual meeting's delegates", ""), ("季度性会议的商会", ""),
    ("departments reporting monthly", "月"), ("donated annually", "年"),
    # a thing each is said of, not what each has: each chamber is escorted by the framework (the figure, a count of
    # chambers, is no chamber's); what each has or gives is still a rate
    ("每个商会都由“三个三”护航", ""), ("每一个商会都在“三个三”的护航下成立", ""), ("每家企业都已登记", ""),
    ("Each chamber is escorted by the framework", ""), ("every chamber was founded under the framework", ""),
    ("每个商会都有的会员", "商会"), ("每个商会都捐款", "商会"), ("每个商会捐款", "商会"), ("每家企业都投资", "企业"),
    ("Each chamber is given", "商会"), ("each chamber gave", "商会"),
    # a total of what each has, as in a sentence (see test_words_of_a_rate_that_say_none_of_the_number)
    ("每个商会的捐款合计", ""), ("每个会员和商会的捐款加起来", ""), ("donations of every member and chamber together", ""),
    ("each chamber's donations in all", ""), ("每个商会一共捐款", "商会"),
])
def test_the_rate_a_figure_s_words_say_is_read_wherever_it_stands(words: str, span: str):
    """A figure's label is read with it: any of a rate's words says the figure is per that span."""
    assert rate_in_words(words) == span



@pytest.mark.parametrize("text, lang, read", [
    # the part read from the character after 年, the year apart (2023年, 今年, and 年 of a 年底 no word names)
    ("年底前完成，年末，2023年初，今年年底，去年底，年中前，岁末", "zh",
     [("年底", 3), ("年末", 3), ("年初", 1), ("年底", 3), ("年底", 3), ("年中", 2), ("岁末", 3)]),
    ("歲末，2023年末", "zh", [("歲末", 3), ("年末", 3)]),  # (in Traditional characters too)
    ("in early 2023, by late 2023, mid-2023, at the start of 2023, by the end of the year, the middle of last year, "
     "at year-end, a mid-year review", "en",
     [("early", 1), ("late", 3), ("mid", 2), ("the start of", 1), ("the end of", 3), ("the middle of", 2),
      ("year-end", 3), ("mid-year", 2)]),
    # since the start of the year (as 今年以来 says: no part), every year's end, the lunar new year's day, young people's words, a count of years, a year's base pay, China
    ("年初以来，每年年末，大年初一，青年初心，青年底线，一年中，三年底，年底薪，今年中国，年中无休", "zh", []),
    ("since the start of 2023, the early 1990s, the end of the year's plan, a year-end bonus, late in the day", "en", []),
])
def test_a_part_of_a_year_is_a_date(text, lang, read):
    """年底 was read as this year alone (a quote's 今年 traced it), 2023年底 as 2023, late 2023 as 2023: the part was
    never checked, and 年中, year-end and mid-year were read as nothing."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == PART_OF_YEAR] == read


def test_a_part_of_a_year_and_its_year_are_both_claims():
    assert [(q.part, q.value) for q in claimed("年底召开", "zh")] == [(RELATIVE_YEAR, 0), (PART_OF_YEAR, 3)]
    assert [(q.part, q.value) for q in claimed("2023年底召开 in ABC", "zh")] == [(YEAR, 2023), (PART_OF_YEAR, 3)]
    assert [(q.part, q.value) for q in claimed("by the end of last year", "en")] == [(PART_OF_YEAR, 3),
                                                                                     (RELATIVE_YEAR, -1)]


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("2023年底", "zh", "今年4月，商会召开", [True, False]), ("2023年底", "zh", "年底前完成", [True, True]),
    ("年底召开", "zh", "今年4月，商会召开", [True, False]), ("年底召开", "zh", "今年年底召开", [True, True]),
    ("by the end of 2023", "en", "今年年底召开", [True, True]), ("in early 2023", "en", "2023年3月初", [False, True]),
    ("年中召开", "zh", "上半年召开", []), ("年中，召开", "zh", "上半年召开", [False, False]),
    ("mid-2023", "en", "2023年年中，召开", [True, True]), ("年初", "zh", "3月初召开", [False, False]),
])
def test_a_part_of_a_year_is_traced_by_a_quote_that_says_it(claim, lang, quote, expected):
    assert _traced_by(claim, lang, quote) == expected


@pytest.mark.parametrize("text, lang, read", [
    ("月底前完成，本月初，上个月底，当月中旬，3月中，", "zh",
     [("中", 2), ("月底", 3), ("月初", 1), ("月底", 3), ("月中旬", 2)]),
    ("by the end of the month, mid-month, at month-end", "en", [("the end of", 3), ("mid-month", 2), ("month-end", 3)]),
    # every month's start (a habit), the years' depth, a month's base pay, March's China, the month's plan
    ("每月初召开，岁月底蕴，三个月底薪，3月中国，蜜月初期", "zh", []), ("the end of the month's plan", "en", []),
    # after a noun, a preposition: the month's part all the same (商会月底换届, 在月底 were read as nothing); a month
    # of the lunar calendar, January, several months: no part of an unnamed month
    ("商会月底换届，在月底，截至月中旬", "zh", [("月底", 3), ("月底", 3), ("月中旬", 2)]), ("正月初，元月初，数月中，", "zh", []),
])
def test_a_part_of_a_month_no_numeral_names_is_a_date(text, lang, read):
    """月底 with no month was read as nothing: a page could date a meeting to a month's end its quote never named.
    Read as a part alone, never as the article's month (see quantities._BARE_PART_OF_MONTH_ZH)."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == "part of a month"] == read


@pytest.mark.parametrize("claim, quote, expected", [
    ("月底前完成", "今年4月，商会召开", [False]), ("月底前完成", "4月底前完成", [True]),
    ("4月底", "月底前完成", [False, True]),  # (the part said, but no April)
])
def test_a_part_of_a_month_no_numeral_names_is_traced_by_the_same_part(claim, quote, expected):
    assert _traced_by(claim, "zh", quote) == expected


@pytest.mark.parametrize("text, read", [
    ("上午九时召开，十时三十分，九点半，下午三点，晚上八点十五分，九点钟，十时许", [
        (HOUR, 9), (HOUR, 10), (MINUTE, 30), (HOUR, 9), (MINUTE, 30), (HOUR, 3), (HOUR, 8), (MINUTE, 15), (HOUR, 9),
        (HOUR, 10)]),
    ("上午九時，九點半", [(HOUR, 9), (HOUR, 9), (MINUTE, 30)]),  # (in Traditional characters too)
    # nine proposals, a line through three points, a little, two points, for a while, three periods
    ("提出九点建议，三点一线，一点点，两点，一时间，一时兴起，三时期", []),
])
def test_a_time_in_chinese_numerals_is_an_hour_and_a_minute(text, read):
    """Its numerals were read as nothing: a page's 上午九时 was traced by any quote."""
    assert [(q.part, q.value) for q in claimed(text, "zh") if q.part in (HOUR, MINUTE)] == read


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("上午九时召开", "zh", "上午9时召开", [True, True]), ("上午九时召开", "zh", "上午10时召开", [False, True]),
    ("at 9:30 a.m.", "en", "上午九时三十分召开", [True, True, True]), ("九点半", "zh", "9点30分召开", [True, True]),
    ("九个商会", "zh", "上午九时召开", [False]),
])
def test_a_time_in_chinese_numerals_is_traced_by_a_quote_that_gives_it(claim, lang, quote, expected):
    assert _traced_by(claim, lang, quote) == expected


@pytest.mark.parametrize("claim, said, lang", [
    ("90%", "九成", "zh"), ("九成", "90%", "zh"), ("4.5亿元", "450000000元", "zh"), ("nine in ten", "90%", "en"),
    ("49个", "49家", "zh"), ("450 million yuan", "4.5亿元", "en"),
])
def test_numbers_of_one_amount_share_a_key_to_be_looked_up_by(claim: str, said: str, lang: str):
    """check --site looks a page's number up among every source's by its amount's keys, then asks in full: a
    number the full question would trace must be found under a key it shares."""
    [mine], [theirs] = claimed(claim, lang), claimed(said, "zh")
    assert same_amount(mine.number, theirs.number)
    assert set(amount_keys(mine.number)) & set(amount_keys(theirs.number))


# --- dates in words: the classes a page could still claim unsaid ------------------------------------------------

@pytest.mark.parametrize("text, lang, read", [
    # a weekend is a time of the week (8: Saturday and Sunday), as a day of it is; not two weekends, a newspaper
    ("一个周末，周末召开，上周末，双休日", "zh", [("周末", 8), ("周末", 8), ("周末", 8), ("双休日", 8)]),
    ("两个周末，南方周末报道，每周三次", "zh", []),
    ("one weekend, at the weekend, over the weekend, a weekend forum", "en",
     [("weekend", 8), ("weekend", 8), ("weekend", 8), ("weekend", 8)]),
    ("weekends, a weekender", "en", []),
])
def test_a_weekend_is_a_time_of_the_week(text, lang, read):
    """周末 and "at the weekend" were read as nothing: a page could date a visit to a weekend its article never
    named."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == WEEKDAY] == read


@pytest.mark.parametrize("text, lang, seasons, parts", [
    ("盛夏时节，隆冬，初春，早春，深秋，晚秋，仲夏，暮春，初夏，金秋", "zh",
     [2, 4, 1, 1, 3, 3, 2, 1, 2, 3], [2, 2, 1, 1, 3, 3, 2, 3, 1]),
    ("in midsummer, in late autumn, in early spring, in high summer, midwinter", "en",
     [2, 3, 1, 2, 4], [2, 3, 1, 2, 2]),
    # a metaphor (an industry's hard winter), a charity's name, spring tea
    ("行业寒冬，金秋助学，早春茶", "zh", [], []),
])
def test_a_part_of_a_season_is_a_date(text, lang, seasons, parts):
    """盛夏 (midsummer), 隆冬, 深秋, "late autumn" were read as nothing, or as the season alone: a page could place
    in midsummer what its quote dates to the summer. The season and its part are two claims, as 年底's are."""
    found = claimed(text, lang)
    assert [q.value for q in found if q.part == SEASON] == seasons
    assert [q.value for q in found if q.part == PART_OF_SEASON] == parts


@pytest.mark.parametrize("claim, lang, quote, expected", [
    ("盛夏召开", "zh", "今年夏季，商会召开", [False, True]), ("盛夏召开", "zh", "盛夏时节，商会召开", [True, True]),
    ("夏季召开", "zh", "盛夏时节，商会召开", [True]), ("in late autumn", "en", "深秋时节，商会召开", [True, True]),
    ("in late autumn", "en", "初秋时节，商会召开", [False, True]),
])
def test_a_part_of_a_season_is_traced_by_a_quote_that_says_it(claim, lang, quote, expected):
    assert _traced_by(claim, lang, quote) == expected


@pytest.mark.parametrize("text, lang, read", [
    ("年终，年尾，岁尾，年終，年终岁尾", "zh", [("年终", 3), ("年尾", 3), ("岁尾", 3), ("年終", 3), ("年终", 3), ("岁尾", 3)]),
    ("年终奖，发放年终奖金", "zh", []),  # a bonus, a kind of pay
])
def test_the_end_of_a_year_in_its_other_words_is_a_part_of_it(text, lang, read):
    """年终 (year-end) was read as nothing, as 年尾 and 岁尾 were: 年底 was a part of the year, and they are too."""
    assert [(q.number.text, q.value) for q in claimed(text, lang) if q.part == PART_OF_YEAR] == read


@pytest.mark.parametrize("text, lang", [
    ("年终召开", "zh"), ("岁末召开", "zh"), ("岁尾召开", "zh"), ("at year-end", "en"), ("a mid-year review", "en"),
])
def test_the_end_of_a_year_no_year_names_is_this_year_s(text, lang):
    """岁末 and year-end with no year before them are this year's end, as 年底 and "the end of the year" are: in
    the site's own voice a reader reads them as the year they read them in."""
    assert [q.value for q in claimed(text, lang) if q.part == RELATIVE_YEAR] == [0]


@pytest.mark.parametrize("text, lang, read", [
    ("3月中下旬，4月上中旬，5月中、下旬，本月中下旬", "zh", [("中下旬", 2.5), ("上中旬", 1.5), ("中、下旬", 2.5),
                                                           ("月中下旬", 2.5)]),
    ("in mid-to-late March, early to mid-April", "en", [("mid-to-late", 2.5), ("early to mid-", 1.5)]),
])
def test_a_span_of_parts_of_a_month_is_read_as_the_span(text, lang, read):
    """3月中下旬 was read as 中 alone: a quote's 3月中旬 traced it."""
    assert [(q.number.text.strip(), q.value) for q in claimed(text, lang) if q.part == "part of a month"] == read


@pytest.mark.parametrize("claim, quote, expected", [
    ("3月中下旬召开", "3月中旬，商会召开", [True, False]), ("3月中下旬召开", "3月中下旬，商会召开", [True, True]),
    ("3月中旬召开", "3月中下旬，商会召开", [True, False]),
])
def test_a_span_of_parts_of_a_month_is_traced_by_the_same_span(claim, quote, expected):
    assert _traced_by(claim, "zh", quote) == expected


@pytest.mark.parametrize("text, read", [
    ("九点零五分召开", [(HOUR, 9), (MINUTE, 5)]), ("上午十点零八分", [(HOUR, 10), (MINUTE, 8)]),
    ("九点过五分", [(HOUR, 9), (MINUTE, 5)]), ("零点开始", [(HOUR, 0)]), ("九时零五分", [(HOUR, 9), (MINUTE, 5)]),
    # a score of 9.05, a decimal, zero point something
    ("评分九点零五分", []), ("增长三点五个百分点", []), ("零点五", []), ("零点几", []),
])
def test_a_time_with_its_minutes_after_zero_is_a_time_not_a_decimal(text, read):
    """九点零五分 was read as 9.05, a decimal, and claimed nothing: a page's 九点零五分 passed any quote."""
    assert [(q.part, q.value) for q in claimed(text, "zh") if q.part in (HOUR, MINUTE)] == read
    assert all(q.part in (HOUR, MINUTE, TIME_OF_DAY) for q in claimed(text, "zh")) or not read


@pytest.mark.parametrize("claim, quote, expected", [
    ("九点零五分召开", "9:05召开", [True, True]), ("九点零五分召开", "9时召开", [True, False]),
    ("at 9:05", "九点零五分召开", [True, True]),
])
def test_a_time_with_its_minutes_after_zero_is_traced_by_the_same_time(claim, quote, expected):
    assert _traced_by(claim, "zh" if not claim.isascii() else "en", quote) == expected


@pytest.mark.parametrize("text, read", [
    ("at a morning meeting", [("morning", 2)]), ("an evening session", [("evening", 5)]),
    ("the afternoon forum", [("afternoon", 4)]), ("a summer seminar", [("summer", 2)]),
    # a greeting, a drink, a night out, the morning paper, a dish, tea: no time of an event
    ("Good morning, morning tea, an evening out, the morning paper, the evening meal, a spring roll", []),
])
def test_a_time_before_the_event_it_dates_is_a_date(text, read):
    """"a morning meeting" was read as nothing: only "in the morning" dated."""
    assert [(q.number.text, q.value) for q in claimed(text, "en") if q.part in (TIME_OF_DAY, SEASON)] == read


@pytest.mark.parametrize("text, lang", [
    ("文章没有说恳谈会在上午还是下午举行", "zh"), ("文章未说明会议是周三还是周四", "zh"), ("会议是上午还是下午举行，文章没有写明", "zh"),
    ("文章没有提到会议在年底召开", "zh"), ("不清楚是春季还是秋季", "zh"),
    ("The article does not say whether the meeting was in the morning or the afternoon", "en"),
    ("It does not say whether it met on Wednesday", "en"), ("The article doesn't say if it was in the spring", "en"),
    # the hours, a festival
    ("文章没有说会议在上午九点召开", "zh"), ("文章没有说是否在国庆期间召开", "zh"),
    ("The article does not say whether it met at 9 a.m. or on National Day", "en"),
])
def test_a_time_denied_or_left_open_is_no_claim(text, lang):
    """文章没有说恳谈会在上午还是下午举行 was refused as naming a time: a clause that says a text does not say it, or
    asks which of two it was, dates nothing."""
    assert [q for q in claimed(text, lang)
            if q.part in (TIME_OF_DAY, WEEKDAY, SEASON, PART_OF_YEAR, HOUR, MINUTE, FESTIVAL)] == []


@pytest.mark.parametrize("text, lang, parts", [
    ("文章没有说，恳谈会在上午举行", "zh", [TIME_OF_DAY]),  # (the clause after the comma says it)
    ("恳谈会在上午举行，还是那些人参加", "zh", [TIME_OF_DAY]), ("会议未能在年底召开", "zh", [RELATIVE_YEAR, PART_OF_YEAR]),
    ("The meeting was not held in the morning", "en", [TIME_OF_DAY]),  # (a negated event is still dated)
])
def test_a_time_said_beside_a_negation_is_still_read(text, lang, parts):
    assert [q.part for q in claimed(text, lang)] == parts


@pytest.mark.parametrize("text, lang", [
    ("一周三次，下午茶，迎来发展的春天，九点建议，年终奖", "zh"), ("morning tea, numbers fall, Good morning", "en"),
])
def test_faithful_words_that_look_like_dates_stay_unread(text, lang):
    assert [q for q in claimed(text, lang)
            if q.part in (WEEKDAY, SEASON, PART_OF_SEASON, TIME_OF_DAY, PART_OF_YEAR, HOUR, MINUTE)] == []


@pytest.mark.parametrize("claim, lang, expected", [
    # all before a count says it is the whole of what it counts, which the quote's 护航49个所属商会 does not say (the
    # site's note: the article does not say whether these are all of the Federation's chambers); they passed
    ("全部49个所属商会", "zh", [False]), ("所有49个所属商会", "zh", [False]), ("全體49個所屬商會", "zh", [False]),
    ("所有的49个所属商会", "zh", [False]),
    ("49个所属商会全部成立", "zh", [False]), ("All 49 affiliated chambers", "en", [False]),
    ("all of the 49 chambers", "en", [False]), ("every one of the 49 chambers", "en", [False]),
    ("the entire 49 chambers", "en", [False]),
    # not all said of another thing, nor a count of all of them that the quote gives
    ("49个所属商会", "zh", [True]), ("49 affiliated chambers", "en", [True]), ("each of the 49 chambers", "en", [True]),
    ("所有商会中，49个", "zh", [True]), ("In all, 49 chambers", "en", [True]), ("Above all, 49 chambers", "en", [True]),
    ("49家商会的会员全部到会", "zh", [True]), ("全市49个商会", "zh", [True]),
    # and all after the counted noun, as 全部 after it (The 49 chambers all joined, as 49个所属商会全部成立)
    ("The 49 chambers all joined the plan", "en", [False]), ("49 affiliated chambers all grew", "en", [False]),
    ("49 chambers in all", "en", [True]), ("49 chambers of all kinds", "en", [True]),
    ("49 chambers, all founded recently", "en", [True]), ("49 chambers, above all the new ones", "en", [True]),
    ("49 chambers all told", "en", [True]),
])
def test_all_before_a_count_says_it_is_the_whole(claim, lang, expected):
    assert _traced_by(claim, lang, CHAMBERS) == expected


@pytest.mark.parametrize("claim, lang", [
    ("全部49个所属商会", "zh"), ("all 49 affiliated chambers", "en"), ("49个所属商会", "zh"), ("49 chambers", "en"),
])
def test_a_quote_that_says_all_traces_all_and_the_count_alone(claim, lang):
    assert _traced_by(claim, lang, "护航全部49个所属商会成立、成长") == [True]
    assert _traced_by(claim, lang, "49个所属商会全部成立") == [True]


def test_a_count_in_a_name_a_quote_gives_is_all_there_are():
    """“三项制度”, the Three Systems: "all three" of them was refused by its quote (the glossary's "runs all three
    together in one sentence"); the name's count is the whole of what it names. Not a claim's (“三项制度”全部…)."""
    assert _traced_by("The article runs all three together", "en", "会员企业“三项制度”，构建大统战工作格局") == [True]
    assert _traced_by("all three systems", "en", "建立三项制度") == [False]


@pytest.mark.parametrize("claim, lang, expected", [
    # a Roman numeral before a plural noun or a measure word, after no capitalized word, is a count: a number is a
    # number in any script (It supports XLVIII chambers passed untraced)
    ("It supports XLIX chambers", "en", [True]), ("It supports XLVIII chambers", "en", [False]),
    ("护航XLIX个所属商会", "zh", [True]), ("护航XLVIII个所属商会", "zh", [False]),
])
def test_a_roman_numeral_before_what_it_counts_is_a_count(claim, lang, expected):
    assert _traced_by(claim, lang, CHAMBERS) == expected


@pytest.mark.parametrize("text, read", [
    ("Phase II talks", [("II", ORDINAL)]), ("Article XI says", [("XI", ORDINAL)]),  # (ranks, after a capitalized word)
    ("XL sizes, a CV, IV drips, CC emails", []), ("WWII veterans", []),
])
def test_roman_letters_that_count_nothing_are_read_as_before(text, read):
    assert [(q.number.text, *q.meanings) for q in claimed(text, "en")] == read


# --- a quote of an article in English ----------------------------------------------------------------------------

def _said_en(quote: str) -> set[tuple[float, str]]:
    from microsite.quantities import stated
    return {(item.value, item.part) for item in stated(quote, date(2023, 10, 11), "en") if DATE in item.meanings}


@pytest.mark.parametrize("quote, said", [
    ("said on Wednesday, October 11, 2023, that", {(2023, YEAR), (10, MONTH), (11, DAY)}),
    ("held on 11th of October its dialogue", {(2023, YEAR), (10, MONTH), (11, DAY)}),  # (the article's year)
    ("In October the federation held", {(2023, YEAR), (10, MONTH)}),
    ("Last year, forty-nine chambers", {(2022, YEAR)}),
    ("in October last year", {(2022, YEAR), (10, MONTH)}),
    ("in the second quarter of 2022", {(2022, YEAR), (2, QUARTER)}),
])
def test_an_english_quote_states_the_dates_its_words_give_with_the_articles_date(quote, said):
    """Read as English with its spaces, by the article's date: read as Chinese, without them, 'October 11, 2023' was
    no date (its 11 and 2023 counts), and 'last year' no year."""
    assert said <= _said_en(quote)


def test_an_english_quote_gives_no_year_to_a_month_that_has_one_nor_a_day_without_a_month():
    from microsite.quantities import dates_said_en
    found = dates_said_en("in October 2022 and on the 11th, in 2021", date(2023, 10, 11))
    assert [(item.text, item.date.iso()) for item in found] == [("October 2022", "2022-10"), ("2021", "2021")]
    assert dates_said_en("on February 30, 2023", date(2023, 10, 11)) == []  # (no such day)


@pytest.mark.parametrize("quote, found", [
    ("Last month, the chamber held a forum", [("Last month", "2023-09")]),
    ("earlier this month", [("this month", "2023-10")]), ("next month", [("next month", "2023-11")]),
    ("on the 15th of last month", [("the 15th of last month", "2023-09-15")]),
    ("Yesterday, the federation met", [("Yesterday", "2023-10-10")]), ("last night", [("last night", "2023-10-10")]),
    ("the day before yesterday", [("the day before yesterday", "2023-10-09")]),
    ("Today, the federation published", [("Today", "2023-10-11")]), ("this morning", [("this morning", "2023-10-11")]),
    ("tomorrow", [("tomorrow", "2023-10-12")]), ("the day after tomorrow", [("the day after tomorrow", "2023-10-13")]),
    ("Last week, chambers visited firms", [("Last week", "before 2023-10-11")]),  # (a week is no month)
    # the final month or week, or the days before the article: no month or week of the calendar
    ("over the last month", []), ("in the last week", []), ("the last month of the year", []),
    ("this week", []), ("next week", []), ("that month", []), ("the next day", []), ("recently", []),
    ("the other day", []), ("on the 31st of last month", []),  # (no 31 September)
])
def test_an_english_quote_dates_the_months_and_days_it_counts_from_the_articles_day(quote, found):
    """Last month of an article of 2023-10-11 is September 2023, yesterday the 10th, as the Chinese quote's 上个月
    and 昨天 are: they were read as nothing."""
    from microsite.quantities import dates_said_en
    assert [(item.text, item.date.iso()) for item in dates_said_en(quote, date(2023, 10, 11))] == found


def _said(quote: str, lang: str, reference: date = date(2023, 10, 11)) -> set[tuple[float, str]]:
    from microsite.quantities import stated
    return {(item.value, item.part) for item in stated(quote, reference, lang) if DATE in item.meanings
            and item.part != RELATIVE_YEAR}


@pytest.mark.parametrize("chinese, english, said", [
    ("上个月，商会举办座谈会", "Last month, the chamber held a forum", {(2023, YEAR), (9, MONTH)}),
    ("上月底，商会召开年会", "Late last month, the chamber met", {(2023, YEAR), (9, MONTH), (3, PART_OF_MONTH)}),
    ("上个月初，商会召开年会", "At the start of last month, the chamber met",
     {(2023, YEAR), (9, MONTH), (1, PART_OF_MONTH)}),
    ("本月中旬，商会召开年会", "In the middle of this month, the chamber met",
     {(2023, YEAR), (10, MONTH), (2, PART_OF_MONTH)}),
    ("本月，商会成立", "This month, a chamber was founded", {(2023, YEAR), (10, MONTH)}),
    ("上月15日，商会成立", "On the 15th of last month, a chamber was founded", {(2023, YEAR), (9, MONTH), (15, DAY)}),
    ("昨天，工商联召开会议", "Yesterday, the federation met", {(2023, YEAR), (10, MONTH), (10, DAY)}),
    ("前天，会长到访", "The day before yesterday, the president came", {(2023, YEAR), (10, MONTH), (9, DAY)}),
    ("今天，工商联发布报告", "Today, the federation published a report", {(2023, YEAR), (10, MONTH), (11, DAY)}),
    ("明天，商会将召开大会", "Tomorrow, the chamber will meet", {(2023, YEAR), (10, MONTH), (12, DAY)}),
    ("上周，商会走访企业", "Last week, the chambers visited firms", set()),  # (shortly before: no part)
    ("近日，商会走访企业", "Recently, the chambers visited firms", set()),
])
def test_a_chinese_and_an_english_quote_of_one_time_counted_from_the_article_say_the_same_date(chinese, english, said):
    """What a Chinese quote's 上个月 traces, an English quote's "last month" traces: both read against the article's
    day, with the part of the month each names (a text of no number, Late last month, was not read for its part)."""
    assert _said(chinese, "zh") == _said(english, "en") == said


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_last_month_in_a_quote_traces_the_month_before_the_articles_and_no_other(reference):
    """For any article's day, 上个月 and "last month" in its quote state the previous month's year and month, and no
    other date: not the article's month, nor a day."""
    before = date.fromordinal(reference.replace(day=1).toordinal() - 1)
    expected = {(before.year, YEAR), (before.month, MONTH)}
    assert _said("上个月，商会举办座谈会", "zh", reference) == expected
    assert _said("Last month, the chamber held a forum", "en", reference) == expected


def test_an_english_quote_of_many_times_counted_from_its_day_is_read_in_linear_time() -> None:
    from microsite.quantities import stated
    assert superlinear(lambda text: stated(text, date(2023, 10, 11), "en"), "late last month, yesterday, ".__mul__,
                       300) is None


def test_a_chinese_quote_is_read_as_it_was():
    from microsite.quantities import stated
    quote = "今年以来，所属商协会及其会员捐款超4.5亿元"
    assert stated(quote, date(2023, 10, 11), "zh") == stated(quote, date(2023, 10, 11))


@pytest.mark.parametrize("sentence", ["on Wednesday, October 11, 2023, ", "last year and in the second quarter of 2022, ",
                                      "at 9:30 a.m. and 3 p.m., "])
def test_an_english_quote_of_many_dates_is_read_in_linear_time(sentence: str) -> None:
    """A quote of an English article is read with its dates grouped from their parts, and its times' parts of the
    day: each once, not each part against every other."""
    from microsite.quantities import stated
    assert superlinear(lambda text: stated(text, date(2023, 10, 11), "en"), sentence.__mul__, 300) is None
