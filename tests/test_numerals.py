"""Tests for microsite.numerals: numbers in Chinese and English text."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from microsite.numerals import (
    ZH_IDIOMS,
    ABOUT,
    AT_LEAST,
    AT_MOST,
    EXACT,
    MORE_THAN,
    NEARLY,
    OVER,
    SEVERAL,
    UNDER,
    digit_runs,
    may_hold_numbers,
    find_numbers_en,
    find_numbers_zh,
    mixed_numeral_value,
    parse_chinese_numeral,
    same_value,
    split_chinese_numerals,
)
from tests.timing import superlinear


def values(numbers) -> list[tuple[float, str]]:
    return [(n.value, n.qualifier) for n in numbers]


def one(numbers):
    assert len(numbers) == 1, numbers
    return numbers[0]


# --- Chinese ---------------------------------------------------------------------------


def test_zh_count_with_measure_word():
    number = one(find_numbers_zh("护航49个所属商会"))
    assert (number.value, number.qualifier, number.text, number.unit) == (49, EXACT, "49个", "个")
    assert (number.start, number.end) == (2, 5)


def test_zh_over_yi_yuan_is_in_base_units():
    number = one(find_numbers_zh("捐款超4.5亿元"))
    assert number.value == 450_000_000 and number.qualifier == OVER
    assert number.text == "超4.5亿元" and number.unit == "亿元"


def test_zh_yu_after_the_number_means_more_than():
    number = one(find_numbers_zh("10余家商协会"))
    assert (number.value, number.qualifier, number.unit) == (10, MORE_THAN, "家")


def test_zh_yu_between_number_and_magnitude_means_more_than():
    number = one(find_numbers_zh("投资10余亿元"))
    assert (number.value, number.qualifier) == (1_000_000_000, MORE_THAN)


def test_zh_exact_yi_yuan():
    number = one(find_numbers_zh("总额63亿元"))
    assert (number.value, number.qualifier, number.unit) == (6_300_000_000, EXACT, "亿元")


def test_zh_wan_yuan_unit_keeps_the_magnitude():
    assert one(find_numbers_zh("约3万元")).unit == "万元"
    assert values(find_numbers_zh("约3万元")) == [(30_000, ABOUT)]


@pytest.mark.parametrize("prefix, qualifier", [
    ("超过", OVER), ("超出", OVER), ("逾", OVER), ("近", NEARLY), ("将近", NEARLY), ("约", ABOUT), ("大约", ABOUT),
    # a comparison denied says its other side (未超过 was read as 超过, over; 不满 and the others as exactly)
    ("未超过", AT_MOST), ("没有超过", AT_MOST), ("不多于", AT_MOST), ("不高于", AT_MOST), ("不满", UNDER), ("未满", UNDER),
    ("不及", UNDER), ("未达到", UNDER), ("超过了", OVER), ("高于", OVER), ("多于", MORE_THAN),
])
def test_zh_prefix_qualifiers(prefix, qualifier):
    assert values(find_numbers_zh(f"{prefix}5000人")) == [(5000, qualifier)]


def test_zh_shisiwu_reads_as_fourteen_and_five():
    numbers = find_numbers_zh("“十四五”规划")
    assert [(n.value, n.text) for n in numbers] == [(14, "十四"), (5, "五")]


def test_zh_numeral_with_measure_word():
    number = one(find_numbers_zh("第十一届"))
    assert (number.value, number.text, number.unit) == (11, "十一届", "届")


def test_zh_second_quarter_is_two_with_quarter_unit():
    number = one(find_numbers_zh("第二季度"))
    assert (number.value, number.unit) == (2, "季度")


def test_zh_liang_wan():
    assert values(find_numbers_zh("两万人")) == [(20_000, EXACT)]


def test_zh_numeral_with_ling():
    assert values(find_numbers_zh("一百零五")) == [(105, EXACT)]


def test_zh_numeral_with_duo_is_more_than():
    assert values(find_numbers_zh("三十多年")) == [(30, MORE_THAN)]


def test_zh_fullwidth_digits_keep_their_spans():
    text = "共１２０个"
    number = one(find_numbers_zh(text))
    assert number.value == 120 and number.unit == "个"
    assert (number.start, number.end) == (1, 5)
    assert text[number.start:number.end] == "１２０个"


def test_zh_thousands_separator():
    assert values(find_numbers_zh("1,200名")) == [(1200, EXACT)]


@pytest.mark.parametrize("text, zh, en", [
    # a comma and three digits are a thousands group only where no digit follows: 5,2023 is 5 and 2023 (a comma of a
    # sentence, 会员5，2023年), not 5,202 and 3
    ("会员5，2023年新增", [5, 2023], [5, 2023]), ("收入5,2023年", [5, 2023], [5, 2023]),
    ("5,2023 members", [5, 2023], [5, 2023]), ("1,2345", [1, 2345], [1, 2345]),
    ("1,234,567 yuan and 1,200名", [1_234_567, 1200], [1_234_567, 1200]),
])
def test_a_thousands_group_has_three_digits_and_no_more(text, zh, en):
    assert [value for value, _ in values(find_numbers_zh(text))] == zh
    assert [value for value, _ in values(find_numbers_en(text))] == en


@pytest.mark.parametrize("text, zh, en", [
    # thousands grouped by dots (two groups or more) or apostrophes: one number, as every reader reads it, not 1.2 and
    # 0 (a quote holding 1.2 traced 1.200.000)
    ("1.200.000 yuan", [1_200_000], [1_200_000]), ("资金１．２００．０００元", [1_200_000], [1_200_000]),
    ("1'200'000 and 3’500", [1_200_000, 3500], [1_200_000, 3500]),
    # and no more than that: 1.200 is one point two, a version or a number that runs on is as it was
    ("1.200 members", [1.2], [1.2]), ("version 2.1.3", [2.1, 3], [2.1, 3]), ("1.200.000.5", [1.2, 0.5], [1.2, 0.5]),
    ("the 1990's", [1990], [90]),  # (in English a decade, by its tens: see the decades below)
])
def test_thousands_grouped_by_dots_or_apostrophes_are_one_number(text, zh, en):
    assert [value for value, _ in values(find_numbers_zh(text))] == zh
    assert [value for value, _ in values(find_numbers_en(text))] == en


@pytest.mark.parametrize("text, zh, en", [
    # a comma before one or two digits is a decimal comma (12,5 was 12 and 5, which a quote holding both traced; 3,5万
    # was 3 and 50,000), in digits of any script
    ("增长12,5%", [12.5], [12.5]), ("3,5万元", [35_000], [3.5]), ("0,5 and 12,50", [0.5, 12.5], [0.5, 12.5]),
    ("１２,５%", [12.5], [12.5]),
    # not a list (1,2,3), a thousands group (12,500), a year and a count (2023,5), a number that runs on (10,000,5),
    # nor a full-width comma, which ends a clause (12，5家)
    ("1,2,3", [1, 2, 3], [1, 2, 3]), ("12,500", [12_500], [12_500]), ("In 2023,5 firms", [2023, 5], [2023, 5]),
    ("10,000,5", [10_000, 5], [10_000, 5]), ("分别为12，5家", [12, 5], [12, 5]),
])
def test_a_comma_before_one_or_two_digits_is_a_decimal_comma(text, zh, en):
    assert [value for value, _ in values(find_numbers_zh(text))] == zh
    assert [value for value, _ in values(find_numbers_en(text))] == en


@pytest.mark.parametrize("text, found", [
    # the marks of numbers in other scripts, as their digits are (٤٫٥ was 4 and 5, ١٬٢٠٠ 1 and 200; ٤٩٪ and 49﹪ a
    # count of 49, and 49‰ in English too, which a quote's 49个 traced)
    ("٤٫٥ billion", [(4.5e9, "")]), ("١٬٢٠٠ members", [(1200, "个")]), ("٤٩٪ of chambers, 49﹪", [(49, "%"), (49, "%")]),
    ("49‰, 12؉, 3 per mille, three per mil", [(49, "‰"), (12, "‰"), (3, "‰"), (3, "‰")]),
    ("3 per million", [(3, "")]),
])
def test_the_marks_of_numbers_in_other_scripts_are_read_as_ascii_s(text, found):
    from microsite.quantities import claimed

    assert [(item.value, item.number.unit) for item in claimed(text, "en")] == found


def test_grouped_thousands_keep_their_spans_and_text():
    text = "It holds 1.200.000 yuan"
    number = one(find_numbers_en(text))
    assert (number.start, number.end, number.text) == (9, 23, "1.200.000 yuan")


def test_zh_percent():
    number = one(find_numbers_zh("增长12.5%"))
    assert (number.value, number.unit) == (12.5, "%")


def test_zh_numbers_are_in_text_order():
    numbers = find_numbers_zh("三项工作，49个商会，超4.5亿元")
    assert [n.value for n in numbers] == [3, 49, 450_000_000]


@pytest.mark.parametrize("text", ["万人空巷", "亿万", "没有数字"])
def test_zh_bare_magnitude_words_are_not_numbers(text):
    assert find_numbers_zh(text) == []


# --- parse_chinese_numeral / split_chinese_numerals -----------------------------------


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十一", 11), ("二十", 20), ("三百零五", 305), ("一百零五", 105), ("两万", 20_000),
    ("四十五万", 450_000), ("一万零五百", 10_500), ("两千零二十三", 2023), ("五千万", 50_000_000),
    ("一亿二千万", 120_000_000), ("一万亿", 10**12), ("零", 0),
    # a last digit right after 百, 千, 万 or 亿 is tenths of it, as speech and some reports write them; after 零, units
    ("三千五", 3_500), ("两百五", 250), ("一万二", 12_000), ("三亿五", 350_000_000), ("二十万五", 205_000),
    ("一百一", 110), ("三千零五", 3_005), ("十五", 15), ("一万二千", 12_000),
])
def test_parse_chinese_numeral(text, value):
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["", "万", "亿", "十四五", "二零二三", "一二", "十a"])
def test_parse_chinese_numeral_refuses_what_is_not_one_number(text):
    assert parse_chinese_numeral(text) is None


def _written_in_chinese(number: int) -> str:
    """``number`` (1 to under 10**12) as Chinese numerals are written: 一万零五百, 四亿五千万, 一千二百万."""
    groups, written, gap = [(number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, "")], "", False
    for group, magnitude in groups:
        if not group:
            gap = bool(written)
            continue
        part, zero = "", gap or (bool(written) and group < 1000)
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            digit = group // size % 10
            if digit:
                part += ("零" if zero and (part or written) else "") + "零一二三四五六七八九"[digit] + unit
                zero = False
            elif part or written:
                zero = True
        written, gap = written + part + magnitude, False
    return written


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_numbers_written_in_chinese_numerals_or_digits_with_magnitudes_read_alike(number: int) -> None:
    """Each number as Chinese writes it in numerals (四亿五千万) and in digits with the same magnitudes (4亿5千万)
    has its value: the two readers agree."""
    written = _written_in_chinese(number)
    assert parse_chinese_numeral(written) == number, written
    mixed = "".join(str("零一二三四五六七八九".index(char)) if char in "一二三四五六七八九" else char for char in written)
    assert mixed_numeral_value(mixed) == number, mixed


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _written_in_english(number: int, hyphen: bool = True) -> str:
    """``number`` (1 to under 10**12) in English words: 2,300,005 is two million three hundred thousand and five."""
    def below_thousand(value: int) -> list[str]:
        words = [_UNITS[value // 100], "hundred"] if value >= 100 else []
        rest = value % 100
        if rest and words:
            words.append("and")
        if rest >= 20:
            words += [_TENS[rest // 10 - 2] + ("-" + _UNITS[rest % 10] if hyphen else " " + _UNITS[rest % 10])
                      if rest % 10 else _TENS[rest // 10 - 2]]
        elif rest:
            words.append(_UNITS[rest])
        return words

    words: list[str] = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        if number // scale % 1000:
            words += below_thousand(number // scale % 1000) + ([name] if name else [])
    return " ".join(words)


@given(st.integers(min_value=2, max_value=10**12 - 1), st.booleans())
def test_any_number_in_english_words_is_read_as_one_number(number: int, hyphen: bool) -> None:
    """Every number as English says it is one number of its value (number words side by side that it does not
    say as one are several: see the table above)."""
    written = _written_in_english(number, hyphen)
    assert [(found.text, found.value) for found in find_numbers_en(f"It has {written} members.")] == [(written, number)]


@pytest.mark.parametrize("run, pieces", [
    ("十四五", [(0, "十四"), (2, "五")]),
    ("一二三", [(0, "一"), (1, "二"), (2, "三")]),
    ("一百零五", [(0, "一百零五")]),
    ("十一", [(0, "十一")]),
])
def test_split_chinese_numerals(run, pieces):
    assert split_chinese_numerals(run) == pieces


# --- English ---------------------------------------------------------------------------


def test_en_over_cny_million():
    number = one(find_numbers_en("donations of over CNY 450 million"))
    assert (number.value, number.qualifier, number.text) == (450_000_000, OVER, "over CNY 450 million")


def test_en_more_than():
    number = one(find_numbers_en("more than 10 chambers"))
    assert (number.value, number.qualifier, number.text) == (10, MORE_THAN, "more than 10")


def test_en_cny_billion_is_exact():
    assert values(find_numbers_en("CNY 6.3 billion")) == [(6_300_000_000, EXACT)]


def test_en_thousands_separator():
    assert values(find_numbers_en("1,200 people")) == [(1200, EXACT)]


@pytest.mark.parametrize("text, value, unit", [
    ("CNY 6.3bn", 6_300_000_000, "元"), ("6.3 bln", 6_300_000_000, ""), ("450 mln", 450_000_000, ""),
    ("CNY 450m", 450_000_000, "元"), ("450m yuan", 450_000_000, "元"), ("US$2.5m", 2_500_000, "US$"),
    ("10k", 10_000, ""), ("4.5 hundred million yuan", 450_000_000, "元"),  # 亿, word for word
    ("6.3-billion-yuan", 6_300_000_000, "元"), ("2 hundred", 200, ""),
    ("a 450m bridge", 450, ""), ("5m high", 5, ""),  # metres: m is a million only with a currency
])
def test_en_magnitudes_written_short_or_word_for_word(text, value, unit):
    """Each was read as its digits alone (6.3bn as 6.3), so a faithful figure was refused and a wrong one passed."""
    number = find_numbers_en(text)[0]
    assert (number.value, number.unit) == (value, unit)


@pytest.mark.parametrize("text, value", [("six point three billion", 6_300_000_000), ("one point five million", 1_500_000),
                                         ("four point five", 4.5), ("zero point five", 0.5)])
def test_en_decimals_in_words(text, value):
    """Read as six and three billion before: two numbers, neither of them the one written."""
    assert values(find_numbers_en(text)) == [(value, EXACT)]


@pytest.mark.parametrize("text", ["45%", "45 %", "45 per cent", "45 percent", "forty-five per cent", "forty-five %",
                                  "45-percent", "45-per-cent", "45pc", "45percent"])  # (45pc, as British papers write it)
def test_en_percent(text):
    number = one(find_numbers_en(text))
    assert (number.value, number.unit) == (45, "%")


@pytest.mark.parametrize("text, qualifier", [
    ("nearly 5", NEARLY), ("almost 5", NEARLY), ("about 5", ABOUT), ("around 5", ABOUT),
    ("upwards of 5", OVER), ("Over 5", OVER), ("MORE THAN 5", MORE_THAN), ("upward of 5", OVER),
])
def test_en_qualifiers(text, qualifier):
    assert values(find_numbers_en(text)) == [(5, qualifier)]


@pytest.mark.parametrize("text, qualifier", [
    ("twenty-some", MORE_THAN), ("twenty-something", MORE_THAN), ("20-some", MORE_THAN),  # (they were exact)
    ("some twenty", ABOUT),
])
def test_en_some_after_a_number_says_more_than_it(text, qualifier):
    assert values(find_numbers_en(text)) == [(20, qualifier)]


def test_en_qualifier_must_be_a_whole_word():
    assert values(find_numbers_en("a turnover 5% higher")) == [(5, EXACT)]


def test_en_several_numbers():
    assert values(find_numbers_en("In 2023, 49 chambers")) == [(2023, EXACT), (49, EXACT)]


# --- same_value / digit_runs ------------------------------------------------------------


def test_same_value_ignores_float_noise():
    assert same_value(4.5 * 1e8, 450_000_000)
    assert same_value(0.1 + 0.2, 0.3)


def test_same_value_tells_different_numbers_apart():
    assert not same_value(450_000_000, 450_000_001)
    assert not same_value(49, 46)


def test_digit_runs_find_half_and_full_width_digits():
    assert [m.group(0) for m in digit_runs("49个，１２０人，1,200名，4.5亿")] == ["49", "１２０", "1,200", "4.5", "亿"]


def test_digit_runs_find_every_place_a_number_may_stand():
    text = "٤٩ 𝟒𝟗 三个 forty-nine ㊾ Ⅸ often"
    assert [m.group(0) for m in digit_runs(text)] == ["٤٩", "𝟒𝟗", "三", "forty", "nine", "㊾", "Ⅸ"]


_NUMBERISH = st.sampled_from(["4", "٤", "４", "𝟒", "二", "〇", "²", "Ⅸ", "㊾", "one", "ONE", "ſix", "Forty", "hundred",
                              "dozen", "_", "-", " ", "é", "someone", "商会", "a", "K", "\u212a", "伍", "陸", "队"])


@given(st.lists(st.one_of(_NUMBERISH, st.text(max_size=4)), max_size=8).map("".join))
def test_may_hold_numbers_is_true_wherever_a_number_may_stand(text: str) -> None:
    """The quick test that lets most texts skip the number readers never misses a place they would read."""
    from microsite.numerals import _NUMBER_START, may_hold_numbers

    if _NUMBER_START.search(text):
        assert may_hold_numbers(text)


_TIMELY = st.sampled_from(["more than", "nearly", "over", "a", "an", "month", "day", "Year", "weeks", "half", "12", "two",
                           "and a half", "多", "个", "半", "月", "三", "年", "上", "12,5", "1,2", " ", " ", ",", "，", "-",
                           "May", "first time", "ſix", "ı", "first", "second", "meeting", "sessions", "the", "’s", "ever",
                           "1980s", "'80s", "eighties", "0s", "年代", "double", "-digit", " digits", "个位数", "位数",
                           "halved", "by half", "减半", "once", " a ", "or twice", "doubling", "tripled", " over",
                           " as", "翻", "番", "头一", "次"])


@given(st.lists(st.one_of(_TIMELY, st.text(max_size=3)), max_size=10).map("".join))
@example("more than a month")  # (and what hunts found:)
@example("年終")  # (a part of the year: its claim stands after 年, where the survey kept 年 alone)
@example("今年年底")
@example("多half month")
@example("多May 4")
@example("多first time")
@example("Year伍陆成")  # (five or six tenths, in the numerals of cheques: neither was in the survey's classes, and
# a text with no other possible number was not read at all)
def test_every_number_a_reader_reads_stands_where_a_run_of_digits_is_kept(text: str) -> None:
    """The survey keeps a text for the traceability check, and places what is untraced in it, by its runs of digits
    (``digit_runs``): each number the readers find overlaps one, or it would be checked nowhere, or reported at the
    place of another (more than a month and half a day hold no digit)."""
    from microsite.quantities import claimed

    runs = digit_runs(text)
    for lang in ("en", "zh"):
        for item in claimed(text, lang):
            assert any(run.start() < item.number.end and item.number.start < run.end() for run in runs), item


_WORDY = ["a", "an", "one", "two", "half", "halves", "third", "thirds", "quarter", "tenths", "of", "in", "out of",
          "more than", "first", "twenty", "eleventh", "bn", "m", "k", "CNY", "$", "yuan", "hundred", "million", "2023",
          "10", "4.5", ".", "/", "-", "%", "per cent", "members", "point", "No.", "一", "半", "成", "个", "亿", "万",
          "过", "近", "数", "统", "年", "月", "余", "多", "第", "Ⅸ", "ſix", "ſeptember", "fİrst", "ı", "\u212a"]


@pytest.mark.parametrize("text, found", [
    # the letters a case-blind search takes for ASCII ones (ſ, ı, İ, K) are read as those (ſix raised a KeyError:
    # found as six, it was looked up as ſix)
    ("ſix chambers", [("six", 6)]), ("sıx firms, ſixty-ſix", [("six", 6), ("sixty-six", 66)]),
    ("more than a monthſ, nearly a yeaR", [("nearly a yeaR", 1)]),
    ("Straße: more than a month", [("more than a month", 1)]),  # (casefold makes ß two letters: the places moved)
])
def test_letters_a_case_blind_search_takes_for_ascii_ones_are_read_as_those(text, found):
    from microsite.quantities import claimed

    assert [(item.number.text, item.value) for item in claimed(text, "en")] == found
    assert [(number.start, number.end) for number in find_numbers_en(text)] == [
        (item.number.start, item.number.end) for item in claimed(text, "en")]  # (one character for one)


def test_the_readers_read_any_pair_of_number_words_without_failing() -> None:
    """Every reading is a function of any text: none raises on any two of these words side by side, written
    apart, together or with a hyphen (two halves once raised a KeyError). Every pair: a sample missed it."""
    from microsite.quantities import claimed, stated

    for first in _WORDY:
        for second in _WORDY:
            for joiner in ("", " ", "-"):
                text = f"{first}{joiner}{second}"
                claimed(text, "en"), claimed(text, "zh"), stated(text)


@given(st.lists(st.lists(st.one_of(_NUMBERISH, st.text(max_size=4)), max_size=4).map("".join), max_size=6))
@example(["I", "CC"])  # (the quick test looked for a Roman numeral only in a text with an I, V or X: CC alone, or
# "Article CC", was taken for a text without numbers, and with an I in another text joined to it, not)
@example(["ranked ", "first", " in the province"])  # (a rank word at a text's edge: see numerals._RANK_OPENS)
def test_one_question_of_many_texts_is_the_question_of_each(texts: list[str]) -> None:
    """Joining texts neither makes nor breaks a place where a number may stand: asked of them all, the quick
    test says what it says of any one of them (a page's runs of text are asked so, see ``compiled``)."""
    from microsite.numerals import any_may_hold_numbers, may_hold_numbers

    assert any_may_hold_numbers(texts) == any(may_hold_numbers(text) for text in texts)


def _every_character() -> str:
    return "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)


def test_may_hold_numbers_is_true_for_every_character_a_number_reader_would_read() -> None:
    """Every code point, alone and in Chinese text: the quick test's classes are a superset of the exact ones."""
    from microsite.numerals import _NUMBER_START, may_hold_numbers

    read = [match.group() for match in _NUMBER_START.finditer(" ".join(_every_character()))]
    assert len(read) > 1500  # digits of every script, Chinese numerals, numeric symbols
    missed = [char for char in read if not (may_hold_numbers(char) and may_hold_numbers(f"商会{char}建设"))]
    assert missed == []


def test_the_number_search_finds_what_one_class_of_every_symbol_would() -> None:
    """The symbols are searched in two classes (see ``numerals``): on every code point, alone and in a run of
    them all, the search finds what the plain form of it, one class, finds."""
    import re

    from microsite.numerals import _EN_WORD, _FORMAL_BESIDE, _NUMBER_START, _SYMBOL_RANGES, _SYMBOLS, ZH_NUMERALS

    assert all(high <= 0xFFFF or low > 0xFFFF for low, high in _SYMBOL_RANGES)  # each range in one class
    plain = re.compile(rf"\d+(?:[.,．，]\d+)*|[{ZH_NUMERALS}]+|\b{_EN_WORD}\b|年|倍|半|首|{_FORMAL_BESIDE}|[{_SYMBOLS}]",
                       re.IGNORECASE)
    for text in (_every_character(), " ".join(_every_character())):
        assert [(m.start(), m.group()) for m in _NUMBER_START.finditer(text)] == \
            [(m.start(), m.group()) for m in plain.finditer(text)]


def test_numeric_symbols_finds_every_symbol() -> None:
    from microsite.numerals import _SYMBOL, numeric_symbols

    symbols = _SYMBOL.findall(_every_character())
    assert len(symbols) > 800
    assert [char for char in symbols if numeric_symbols(f"商会{char}") != [(2, char)]] == []


def test_a_unit_squared_or_cubed_is_no_number_written_as_a_symbol() -> None:
    """12 km² was refused for its ², which no reader takes for a two: a power of a unit; not one of anything else."""
    from microsite.numerals import numeric_symbols

    assert numeric_symbols("12 km², 5 m³, 3 ft², 100米²") == []
    assert numeric_symbols("x², 2², within² a ² b") == [(1, "²"), (5, "²"), (14, "²"), (18, "²")]


def test_may_hold_numbers_is_false_for_text_without_numbers() -> None:
    from microsite.numerals import may_hold_numbers

    assert not may_hold_numbers("The Federation keeps in touch with chambers of commerce")
    assert not may_hold_numbers("晋江市工商联推动商会建设")
    assert may_hold_numbers("第二") and may_hold_numbers("Seven days") and may_hold_numbers("ſix")


@pytest.mark.parametrize("text, found", [
    ("三十余万人参加", [("三十余万人", 300_000, MORE_THAN, "人")]),  # a qualifier between number and magnitude
    ("会员占百分之五十", [("百分之五十", 50, EXACT, "%")]),
    ("约百分之3.5", [("约百分之3.5", 3.5, ABOUT, "%")]),
    ("二〇二四年，商会成立", [("二〇二四年", 2024, EXACT, "年")]),  # a year written digit by digit
    ("二○二三年，二◯二四年", [("二○二三年", 2023, EXACT, "年"), ("二◯二四年", 2024, EXACT, "年")]),  # a circle typed for 〇
    ("廿家商会，第卅届", [("廿家", 20, EXACT, "家"), ("卅届", 30, EXACT, "届")]),
    ("壹佰家商会，叁拾家", [("壹佰家", 100, EXACT, "家"), ("叁拾家", 30, EXACT, "家")]),
    ("兩萬家", [("兩萬家", 20_000, EXACT, "家")]),
    # rough numbers: two numerals side by side, 几 and 来 after one
    ("四五十个商会", [("四五十个", 40, ABOUT, "个")]),
    ("七八家，十二三家，两三个", [("七八家", 7, ABOUT, "家"), ("十二三家", 12, ABOUT, "家"), ("两三个", 2, ABOUT, "个")]),
    ("二十几家，三十来家，10来家", [("二十几家", 20, MORE_THAN, "家"), ("三十来家", 30, ABOUT, "家"),
                                 ("10来家", 10, ABOUT, "家")]),
    ("数十家", [("数十家", 10, SEVERAL, "家")]),  # several tens, not ten-odd (10余)
    ("上千家", [("上千家", 1000, AT_LEAST, "家")]),
    ("数以百计的企业，数以萬計", [("数以百计", 100, SEVERAL, ""), ("数以萬計", 10_000, SEVERAL, "")]),
    ("千把家，百把人，十把椅子", [("千把家", 1000, ABOUT, "家"), ("百把人", 100, ABOUT, "人"), ("十", 10, EXACT, "")]),
    # qualifiers before and after
    ("差不多49个，几乎49个", [("差不多49个", 49, ABOUT, "个"), ("几乎49个", 49, NEARLY, "个")]),
    ("不下49个，起码49个，顶多49个", [("不下49个", 49, AT_LEAST, "个"), ("起码49个", 49, AT_LEAST, "个"),
                                   ("顶多49个", 49, AT_MOST, "个")]),
    ("49个上下，49个开外，49个不止", [("49个上下", 49, ABOUT, "个"), ("49个开外", 49, OVER, "个"),
                                   ("49个不止", 49, OVER, "个")]),
    ("七例案件，三艘，五款", [("七例", 7, EXACT, "例"), ("三艘", 3, EXACT, "艘"), ("五款", 5, EXACT, "款")]),
    # fractions and doublings: one number each
    ("三分之一的商会", [("三分之一", 1 / 3, EXACT, "分之")]),
    ("四分之三以上，三分之一左右", [("四分之三以上", 0.75, AT_LEAST, "分之"), ("三分之一左右", 1 / 3, ABOUT, "分之")]),
    ("百分之五十以上", [("百分之五十以上", 50, AT_LEAST, "%")]),
    # a fraction with a slash, as 三分之一 is (1/3 was two counts, 1 and 3)
    ("占1/3，超过2/3，近1/4以上，1／100", [("1/3", 1 / 3, EXACT, "分之"), ("超过2/3", 2 / 3, OVER, "分之"),
                                    ("近1/4以上", 0.25, AT_LEAST, "分之"), ("1／100", 0.01, EXACT, "分之")]),
    # not one: a date (10/11, see quantities), round the clock, more than a whole, a chain of slashes, a year's date
    ("10/11；24/7；3/2；1/3/5；2023/1/3", [("10", 10, EXACT, ""), ("11", 11, EXACT, ""), ("24", 24, EXACT, ""),
                                       ("7", 7, EXACT, ""), ("3", 3, EXACT, ""), ("2", 2, EXACT, ""),
                                       ("1", 1, EXACT, ""), ("3", 3, EXACT, ""), ("5", 5, EXACT, ""),
                                       ("2023", 2023, EXACT, ""), ("1", 1, EXACT, ""), ("3", 3, EXACT, "")]),
    ("翻了两番，翻一番，翻倍", [("翻了两番", 4, EXACT, "倍"), ("翻一番", 2, EXACT, "倍"), ("翻倍", 2, EXACT, "倍")]),
    ("实现翻番，翻了番，番茄", [("翻番", 2, EXACT, "倍"), ("翻了番", 2, EXACT, "倍")]),  # doubled (read as nothing)
    # 双倍 and 倍增 double too (read as nothing); not the 倍增 of 成倍增长 (many times over) nor of 三倍增长
    ("双倍增长，会员倍增，成倍增长，三倍增长", [("双倍", 2, EXACT, "倍"), ("倍增", 2, EXACT, "倍"), ("三倍", 3, EXACT, "倍")]),
    # 过 and 破 before a magnitude, over it (read as nothing), and a bare 万 or 亿 with 余 or 多 after it; not 过 before
    # a number of anything else (过两天, in two days)
    ("会员过万，销量破亿，过百家，惠及群众万余；过两天，过十年", [
        ("过万", 10_000, OVER, ""), ("破亿", 10**8, OVER, ""), ("过百家", 100, OVER, "家"), ("万余", 10_000, MORE_THAN, ""),
        ("两天", 2, EXACT, "天"), ("十年", 10, EXACT, "年")]),
    # 过 before any number after the noun of an amount, over it too (read as exactly 500人); not after a verb
    ("会员过500人，人数过三百，利润过5千万元；捐过2万元", [
        ("过500人", 500, OVER, "人"), ("过三百", 300, OVER, ""), ("过5千万元", 50_000_000, OVER, "万元"),
        ("2万元", 20_000, EXACT, "万元")]),
    # 十数家, more than ten, as 十几家 (read as nothing); not 数据 after a numeral
    ("十数家商协会，十数万人；二十数据", [("十数家", 10, MORE_THAN, "家"), ("十数万人", 100_000, MORE_THAN, "人"),
                                  ("二十", 20, EXACT, "")]),
    # 逾半, over half, as 过半 (read as nothing)
    ("逾半商会，逾半数", [("逾半", 0.5, OVER, "分之"), ("逾半数", 0.5, OVER, "分之")]),
    ("订单额增长了一倍，产值提高1倍", [("增长了一倍", 2, EXACT, "倍"), ("提高1倍", 2, EXACT, "倍")]),  # doubled
    # digits with a magnitude of more than one character, or several magnitudes: one number (5千万 was 5,000)
    ("捐款5千万元，3百万元，2百家", [("5千万元", 50_000_000, EXACT, "万元"), ("3百万元", 3_000_000, EXACT, "万元"),
                                 ("2百家", 200, EXACT, "家")]),
    ("3千家，5千元", [("3千家", 3_000, EXACT, "家"), ("5千元", 5_000, EXACT, "元")]),  # no 千家 of its own
    ("4亿5千万元，4亿5000万元，超4亿5千万元", [("4亿5千万元", 450_000_000, EXACT, "亿元"),
                                         ("4亿5000万元", 450_000_000, EXACT, "亿元"),
                                         ("超4亿5千万元", 450_000_000, OVER, "亿元")]),
    ("1千2百万元，1万2千家，1万2", [("1千2百万元", 12_000_000, EXACT, "万元"), ("1万2千家", 12_000, EXACT, "家"),
                                ("1万2", 12_000, EXACT, "")]),
    ("5千余万元，4亿5千余万元", [("5千余万元", 50_000_000, MORE_THAN, "万元"),
                            ("4亿5千余万元", 450_000_000, MORE_THAN, "亿元")]),
    ("1.5万亿元", [("1.5万亿元", 1.5 * 10**12, EXACT, "亿元")]),
    # not one number: magnitudes that do not fall, or digits after one that are not less than it
    ("1万2万", [("1万", 10_000, EXACT, ""), ("2万", 20_000, EXACT, "")]),
    ("1万20000，1万5%", [("1万", 10_000, EXACT, ""), ("20000", 20_000, EXACT, ""), ("1万", 10_000, EXACT, ""),
                        ("5%", 5, EXACT, "%")]),
    # a last numeral right after a magnitude is tenths of it (三千五 was 3,005)
    ("三千五家，两百五家，一万二家，三千零五家", [("三千五家", 3_500, EXACT, "家"), ("两百五家", 250, EXACT, "家"),
                                          ("一万二家", 12_000, EXACT, "家"), ("三千零五家", 3_005, EXACT, "家")]),
    # decimals in words (三点五亿元 was 五亿元, 500,000,000; 百分之八十五点五 was 85 %), not a time (三点五十分, 3:50)
    ("三点五亿元，约三点五万余人，一点五倍，百分之八十五点五，三點五億元，下午三点五十分",
     [("三点五亿元", 350_000_000, EXACT, "元"), ("约三点五万余人", 35_000, MORE_THAN, "人"), ("一点五倍", 1.5, EXACT, "倍"),
      ("百分之八十五点五", 85.5, EXACT, "%"), ("三點五億元", 350_000_000, EXACT, "元"), ("三", 3, EXACT, ""),
      ("五十", 50, EXACT, "")]),  # (bare numerals, which only a quote's reading keeps: 3 and 50, no 3.5)
    # a tenth's tenths and halves (八成五 was 八成, 80 %; 一倍半 was 一倍), not before a count (八成五家)
    ("八成五，三成半，一倍半，超过八成五以上", [("八成五", 8.5, EXACT, "成"), ("三成半", 3.5, EXACT, "成"),
                                        ("一倍半", 1.5, EXACT, "倍"), ("超过八成五以上", 8.5, AT_LEAST, "成")]),
    ("八成五家", [("八成", 8, EXACT, "成"), ("五家", 5, EXACT, "家")]),
    # a year and a half (一年半 was 一年), not a word that begins with 半 after a year (2023年半导体, semiconductors)
    ("一年半，两年半以来，三天半。", [("一年半", 1.5, EXACT, "年"), ("两年半", 2.5, EXACT, "年"), ("三天半", 3.5, EXACT, "天")]),
    ("2023年半导体，一年半载", [("2023年", 2023, EXACT, "年"), ("一年", 1, EXACT, "年")]),  # (一年, which a quote reads)
    # half a year, as a year and a half is read (半年 was not read at all); 大半年, the better part of a year: over
    # half; not the halves of a year (上半年, 下半年: parts of a date, see quantities), nor a 多 that is 多次's
    ("近半年来，半年多，大半年，每半年，过半年", [("近半年", 0.5, NEARLY, "年"), ("半年多", 0.5, MORE_THAN, "年"),
                                    ("大半年", 0.5, OVER, "年"), ("半年", 0.5, EXACT, "年"), ("半年", 0.5, EXACT, "年")]),
    ("半年以上，超过半年，半年左右", [("半年以上", 0.5, AT_LEAST, "年"), ("超过半年", 0.5, OVER, "年"),
                              ("半年左右", 0.5, ABOUT, "年")]),
    ("上半年，下半年，2023年上半年，半年多次召开", [("2023年", 2023, EXACT, "年"), ("半年", 0.5, EXACT, "年")]),
    # and halves of the other spans of time, in the spans they name, counted as a number of them is (三天: 天; 两个月:
    # 个月, 两个世纪: 个世纪; 半个月, 半天, 半小时 were not read at all)
    ("半个月，近半天，半个多月，半小时左右，大半天，半个世纪", [
        ("半个月", 0.5, EXACT, "个月"), ("近半天", 0.5, NEARLY, "天"), ("半个多月", 0.5, MORE_THAN, "个月"),
        ("半小时左右", 0.5, ABOUT, "小时"), ("大半天", 0.5, OVER, "天"), ("半个世纪", 0.5, EXACT, "个世纪")]),
    ("半日，半周，半个钟头，半分钟", [("半日", 0.5, EXACT, "天"), ("半周", 0.5, EXACT, "周"), ("半个钟头", 0.5, EXACT, "小时"),
                            ("半分钟", 0.5, EXACT, "分钟")]),
    # two months and a half (两个半月 was read as 两个, two), an hour and a half (一个半小时 was read as nothing)
    ("两个半月，一个半小时，2个半小时以上", [("两个半月", 2.5, EXACT, "个月"), ("一个半小时", 1.5, EXACT, "小时"),
                                ("2个半小时以上", 2.5, AT_LEAST, "小时")]),
    # more than a time counted (两个多月 and 三年多 were read as exactly two and three, which a quote's 两个月 and
    # 三年 traced; 一个多月 as nothing); not 三年多次 nor 两天多云 (many times, cloudy), a 多 of another word
    ("两个多月，一个多月，三年多来，两周多，2个多小时以来", [
        ("两个多月", 2, MORE_THAN, "个月"), ("一个多月", 1, MORE_THAN, "个月"), ("三年多", 3, MORE_THAN, "年"),
        ("两周多", 2, MORE_THAN, "周"), ("2个多小时", 2, MORE_THAN, "小时")]),
    ("三年多次，两天多云，三成多元化", [("三年", 3, EXACT, "年"), ("两天", 2, EXACT, "天"), ("三成", 3, EXACT, "成")]),
    # a century by its rank, a decade by its tens, each its own measure (九十年代 was ninety years, 20世纪 a count)
    ("20世纪90年代，二十一世纪，九十年代", [("20世纪", 20, EXACT, "世纪"), ("90年代", 90, EXACT, "年代"),
                                ("二十一世纪", 21, EXACT, "世纪"), ("九十年代", 90, EXACT, "年代")]),
    # not a half of a month or a day (上半月, 下半天: parts of a date), a while (好半天, 老半天), a half-moon, a
    # fortnightly (半月形, 半月刊), nor two half-days (两个半天: two of them)
    ("上半月，下半天，前半天，好半天，老半天，半月形，半月刊，两个半天", [("两个", 2, EXACT, "个")]),
    ("三小时，五分钟，十秒钟", [("三小时", 3, EXACT, "小时"), ("五分钟", 5, EXACT, "分钟"), ("十秒钟", 10, EXACT, "秒钟")]),
    # units of measure (五公里 was read as nothing, 5公里 as five of nothing; 5千米 as 5,000); not 米, 克, 升 alone
    ("五公里，5千米，300平方米，2平方千米，20万千瓦，5千瓦时，3公顷，20公斤", [
        ("五公里", 5, EXACT, "公里"), ("5千米", 5, EXACT, "千米"), ("300平方米", 300, EXACT, "平方米"),
        ("2平方千米", 2, EXACT, "平方千米"), ("20万千瓦", 200_000, EXACT, "千瓦"), ("5千瓦时", 5, EXACT, "千瓦时"),
        ("3公顷", 3, EXACT, "公顷"), ("20公斤", 20, EXACT, "公斤")]),
    ("5千人，大米", [("5千人", 5000, EXACT, "人")]),  # (5千 a magnitude: only 千米, 千克, 千瓦 are units)
    # a bare 万 or 亿 after a qualifier, before a measure word (近万人 was not read), top tens (百强)
    ("近万人，超亿元，逾万家，百强企业", [("近万人", 10_000, NEARLY, "人"), ("超亿元", 10**8, OVER, "元"),
                                  ("逾万家", 10_000, OVER, "家"), ("百强", 100, EXACT, "强")]),
    ("零成本，万人空巷", [("零", 0, EXACT, "")]),  # zero cost is no share (零成 was 0 %): a bare 零, as quotes read it
    ("翻了近两番", [("翻了近两番", 4, NEARLY, "倍")]),  # (was not read)
    # a number so many digits long, of its own measure (两位数 was two people, 两位; 个位数 nothing); not 五位数学家
    # (five mathematicians), 两位数字化专家, 这个位数 (this count of digits)
    ("两位数增长，个位数，三位数，五位数学家，两位数字化专家，这个位数，個位數",
     [("两位数", 2, EXACT, "位数"), ("个位数", 1, EXACT, "位数"), ("三位数", 3, EXACT, "位数"), ("五位", 5, EXACT, "位"),
      ("两位", 2, EXACT, "位"), ("個位數", 1, EXACT, "位数")]),
    # 伍, 陆 and 參 beside another numeral of cheques (伍佰 was 佰, a hundred)
    ("伍佰家，肆亿伍仟万元，贰拾伍家，壹佰零陆家，參拾家，陸仟家",
     [("伍佰家", 500, EXACT, "家"), ("肆亿伍仟万元", 450_000_000, EXACT, "元"), ("贰拾伍家", 25, EXACT, "家"),
      ("壹佰零陆家", 106, EXACT, "家"), ("參拾家", 30, EXACT, "家"), ("陸仟家", 6_000, EXACT, "家")]),
    # and after a decimal point after one (肆点伍亿元 was 肆 and 亿元 apart; 肆点伍 a numeral's 4 and a word)
    ("超肆点伍亿元，陆点伍亿元，壹点伍万人", [("超肆点伍亿元", 450_000_000, OVER, "元"), ("陆点伍亿元", 650_000_000, EXACT, "元"),
                              ("壹点伍万人", 15_000, EXACT, "人")]),
])
def test_zh_numbers_in_every_form_a_reader_reads(text, found):
    assert [(n.text, n.value, n.qualifier, n.unit) for n in find_numbers_zh(text)] == found


def test_a_text_whose_only_numerals_are_those_of_cheques_is_read():
    """伍 and 陆 are in no quick test's class (alone they are words: 队伍, 大陆), so a text with no other numeral was
    taken for one without numbers, and neither read nor kept for the check."""
    from microsite.quantities import claimed

    assert [q.number.text for q in claimed("会员伍陆家", "zh")] == ["伍陆家"]
    assert [run.group() for run in digit_runs("会员伍陆家")] == ["伍", "陆"]
    assert claimed("人才队伍，大陆", "zh") == [] and digit_runs("人才队伍，大陆") == []


def test_a_text_of_many_fractions_is_read_in_linear_time():
    """Each number was asked of every fraction, percentage and doubling read whole: quadratic in a text of many."""
    assert superlinear(find_numbers_zh, "三分之一，七家；".__mul__, 1000) is None


@pytest.mark.parametrize("traditional, simplified", [
    ("超4.5億元", "超4.5亿元"), ("10餘家", "10余家"), ("49個以上", "49个以上"), ("約49個", "约49个"),
    ("超過3項", "超过3项"), ("將近兩成", "将近两成"), ("數十家", "数十家"), ("幾百個", "几百个"), ("兩萬個", "两万个"),
    ("63億美元", "63亿美元"), ("49個以內", "49个以内"), ("不少於5屆", "不少于5届"), ("約佔87.5%", "约占87.5%"),
])
def test_zh_traditional_forms_read_as_the_simplified_ones(traditional, simplified):
    """An edition's text reads as its original: 4.5億 is 450,000,000, 10餘家 more than ten; the text is as written."""
    read = [(n.value, n.qualifier, n.unit, n.start, n.end) for n in find_numbers_zh(traditional)]
    assert read == [(n.value, n.qualifier, n.unit, n.start, n.end) for n in find_numbers_zh(simplified)] != []
    assert [n.text for n in find_numbers_zh(traditional)] == [traditional]


def test_the_traditional_forms_are_opencc_s_of_every_character_read() -> None:
    """Each form folded is one OpenCC's t2s makes the character read; each Traditional character whose Simplified
    form is one the readers read is folded (made again from OpenCC's own table, over every unified ideograph)."""
    import opencc

    from microsite import dates, numerals, patterns, quantities, readings
    assert any(isinstance(pattern, patterns.Pattern) for pattern in vars(numerals).values())  # (it saw none of them)
    read = set("".join([numerals.ZH_NUMERALS, *numerals.QUALIFIER_WORDS, *numerals.MEASURE_WORDS, *numerals.CURRENCIES,
                        "百分之第亿元万元季度月日几来翻番倍", *readings._WORDS]))
    read |= {char for pattern in (quantities._RELATIVE_YEARS, quantities._RATE_ZH_BEFORE, quantities._RATE_ZH_AFTER)
             for char in pattern.pattern if ord(char) > 0x3000}  # (the rates are read from the folded text: 每個商會)
    read |= {char for pattern, _ in dates._ZH_PATTERNS + dates._LOOSE_PATTERNS + dates._ZH_RANGES for char in pattern.pattern
             if ord(char) > 0x3000}
    read |= {char for pattern in vars(numerals).values()  # every word they look for (compiled when first used)
             if isinstance(pattern, (re.Pattern, patterns.Pattern)) for char in pattern.pattern if ord(char) > 0x3000}
    ideographs = [chr(code) for code in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]]
    simplified = opencc.OpenCC("t2s.json").convert("\n".join(ideographs)).split("\n")
    made = {char: to for char, to in zip(ideographs, simplified, strict=True) if to != char and to in read}
    assert made.items() <= numerals.TRADITIONAL_FORMS.items()
    assert all(simplified[ideographs.index(char)] == to for char, to in numerals.TRADITIONAL_FORMS.items())


def test_zh_set_phrases_hold_no_number() -> None:
    """千方百计 ("by every means") holds no thousand 方, nor 三天两头 ("often") three days; beside one, a number is
    read."""
    assert all(find_numbers_zh(f"他们{idiom}。") == [] for idiom in ZH_IDIOMS)
    assert [(n.text, n.value) for n in find_numbers_zh("千方百计，3千家，千家万户的三家")] == [("3千家", 3000),
                                                                                       ("三家", 3)]
    # 第一时间 (at once), 三番两次 (again and again): the 一 and 两次 were read
    assert [n.text for n in find_numbers_zh("商会第一时间响应，三番两次协调，第一家商会")] == ["一家"]


def test_digit_runs_keep_a_festival_as_written() -> None:
    """A festival is a date (see quantities): its place is kept, in the characters it is written in."""
    assert [m.group() for m in digit_runs("國慶期間，春節前召開; on National Day")] == ["國慶", "春節", "National Day"]


def test_digit_runs_keep_a_date_said_without_a_numeral() -> None:
    """A day of the week, a season, a time of day are dates (see quantities): texts that hold one alone are kept
    for the check (they were never looked at), in the characters they are written in."""
    assert [m.group() for m in digit_runs("禮拜天下午召開")] == ["禮拜天", "下午"]
    assert [m.group() for m in digit_runs("It met on Wednesday, in the spring")] == ["Wednesday", "spring"]
    assert may_hold_numbers("週日上午") and may_hold_numbers("that evening")
    assert not may_hold_numbers("下午茶") and not may_hold_numbers("a hot spring")


@pytest.mark.parametrize("text, read", [
    # the text's own enumeration, as "First," and "Second," (and 三是) are: read as an ordinal no quote could trace
    ("First, it met. Second, it grew. Third, it built platforms.", []), ("Fourth: it trained members.", []),
    ("It came; third, it grew.", []),
    # an ordinal within a sentence, or where a link may have cut one (in lower case at a text's start)
    ("It ranked third, behind two.", ["third", "two"]), ("The third, and last, point.", ["third"]),
    (" third, behind the others", ["third"]), ("Third-largest, it grew.", ["Third"]),
])
def test_an_ordinal_that_begins_a_sentence_before_a_comma_enumerates(text, read) -> None:
    assert [n.text for n in find_numbers_en(text)] == read


def test_the_2_of_b2b_is_to_and_no_number() -> None:
    """B2B, O2O, P2P: business to business (their 2 was read as a number); 2B alone and A2 are numbers still."""
    assert [n.text for n in find_numbers_en("B2B trade, O2O and P2P; 2B yuan, A2 paper")] == ["2", "2"]
    assert [n.text for n in find_numbers_zh("开展B2B贸易，2家商会")] == ["2家"]


@pytest.mark.parametrize("idiom", ["a two-way bridge", "a two way street", "one-way", "a nine-to-five job",
                                   "a sixth sense", "in two minds", "put two and two together",
                                   "two birds with one stone", "a third-rate service", "at sixes and sevens"])
def test_en_set_phrases_hold_no_number(idiom) -> None:
    """A two-way bridge (双向) counts no ways, as 一石二鸟 counts no birds; beside one, a number is read."""
    assert find_numbers_en(f"They are {idiom}.") == []
    assert [n.text for n in find_numbers_en(f"{idiom} and two ways, the third round")] == ["two", "third"]


def test_zh_words_that_hold_a_cheque_numeral_are_no_numbers():
    """伍, 陆 and 參 alone are not read as numerals: 队伍 (a team), 陆地 (land) and 參加 (take part) are words, and
    so they stay beside a plain numeral (中国大陆十四亿人: the 陆 is no six)."""
    assert find_numbers_zh("队伍年轻化，陆地面积，參加，伍家") == []
    assert [(n.text, n.value) for n in find_numbers_zh("大陆十四亿人，队伍十万人")] == [("十四亿人", 1.4e9),
                                                                                  ("十万人", 100_000)]


@pytest.mark.parametrize("text, found", [
    ("a hundred firms", [("a hundred", 100)]),
    ("over a thousand chambers", [("over a thousand", 1000)]),
    ("a dozen", [("a dozen", 12)]),
    ("twice as many", [("twice", 2)]),
    ("a sevenfold rise", [("sevenfold", 7)]),
    ("an hour, once, someone", []),
    ("hundreds of firms", [("hundreds", 100)]),  # more than a hundred, as the Chinese 数百 is
    ("tens of thousands", [("tens of thousands", 10_000)]),
    ("half a dozen firms", [("half a dozen", 6)]),  # not a dozen
    ("tens of chambers, scores of firms", [("tens of", 10), ("scores of", 10)]),  # several tens, as 数十
    ("a pair of chambers, a couple of firms", [("a pair of", 2)]),  # a couple of: a few
    ("orders doubled, then tripled", [("doubled", 2), ("tripled", 3)]),
    ("a decade of work, a fortnight", [("a decade", 10), ("a fortnight", 2)]),  # ten years, two weeks
    ("zero chambers", [("zero", 0)]),
    # number words side by side that English does not say as one number are several (they were added up)
    ("fifty-fifty", [("fifty", 50), ("fifty", 50)]),
    ("five six seven", [("five", 5), ("six", 6), ("seven", 7)]),  # was 18
    ("nine ninety-nine, twenty twenty", [("nine", 9), ("ninety-nine", 99), ("twenty", 20), ("twenty", 20)]),
    ("one hundred two hundred", [("one hundred", 100), ("two hundred", 200)]),  # was 10,200
    ("nineteen ninety", [("nineteen", 19), ("ninety", 90)]),  # was 109 (a year said in words is no number here)
    ("two-three chambers", [("two-three", 2)]),  # about two, as two or three is (it was five)
    # and those it does
    ("a hundred thousand million", [("a hundred thousand million", 10**11)]),  # was 1,100,000
    ("the second-largest chamber, the second most active, a second look, second-hand", [("second", 2), ("second", 2)]),
    ("the first and second meetings, a second term, at first", [("first", 1), ("second", 2), ("second", 2)]),
    # a number so many digits long, as 两位数 is (double-digit was read as nothing, a six-figure sum as six)
    ("double-digit growth, in single digits, a six-figure sum, triple digits, figures of 2023",
     [("double-digit", 2), ("single digits", 1), ("six-figure", 6), ("triple digits", 3), ("2023", 2023)]),
    ("a 4-digit code, a 10-digit number, hundred-digit", [("4-digit", 4), ("10-digit", 10)]),  # (they crashed)
    # a multiple of a hundred or more (a hundredfold was read as nothing)
    ("a hundredfold, a thousandfold", [("hundredfold", 100), ("thousandfold", 1000)]),
    # a part of a million (a quarter of a million was a quarter and a million)
    ("a quarter of a million, three quarters of a billion", [("a quarter of a million", 250_000),
                                                            ("three quarters of a billion", 750_000_000)]),
    # halved (was read as nothing); not in half an hour, by half past ten
    ("fees halved, cut by half, cut in half, halving it, in half an hour, by half past ten",
     [("halved", 0.5), ("by half", 0.5), ("in half", 0.5), ("halving", 0.5), ("half an hour", 0.5), ("ten", 10)]),
    # a decade by its tens, as 80年代 is (the 1980s was the year 1980); not an age (in their 80s), the 1900s or 2000s
    ("the 1980s, the early '90s, since the mid-1970s, the 1960’s, the Seventies, the late 50s, the 80s and 90s",
     [("1980s", 80), ("'90s", 90), ("1970s", 70), ("1960’s", 60), ("Seventies", 70), ("50s", 50), ("80s", 80),
      ("90", 90)]),
    ("in their 80s, in their eighties, the 2000s, the 1900s, 1980", [("80", 80), ("2000", 2000), ("1900", 1900),
                                                                     ("1980", 1980)]),
    # Roman numerals of two letters or more after a capitalized word: a rank (they were not read)
    ("Phase II, World War II, Article XLII, Grade IV.", [("II", 2), ("II", 2), ("XLII", 42), ("IV", 4)]),
    ("I met him in the CIVIL court, Plan C, Phase IIII, the XIV", []),
    ("Article CC, Phase CL", [("CC", 200), ("CL", 150)]),  # (a Roman numeral without I, V or X was not read)  # a word, a letter, no numeral, no name before
    ("met 3 times, 3 times as many, 3 times the size", [("3", 3), ("3 times", 3), ("3 times", 3)]),  # occasions, then
    # multiples (met 3 times was a multiple, where "met three times" was a count)
    ("two million three hundred thousand and five, fifteen hundred, twenty hundred, two dozen",
     [("two million three hundred thousand and five", 2_300_005), ("fifteen hundred", 1_500),
      ("twenty hundred", 2_000), ("two dozen", 24)]),
])
def test_en_number_words_with_a_and_times(text, found):
    assert [(n.text, n.value) for n in find_numbers_en(text)] == found
    assert not found or digit_runs(text)  # the survey looks at them


@pytest.mark.parametrize("text, found", [
    # X and a half: read as nothing, as the number before it (two) or as its magnitude alone (a million)
    ("one and a half million members", [("one and a half million", 1_500_000, EXACT, "个")]),
    ("a million and a half", [("a million and a half", 1_500_000, EXACT, "")]),
    ("a billion and a half", [("a billion and a half", 1_500_000_000, EXACT, "")]),
    ("two and a half thousand", [("two and a half thousand", 2500, EXACT, "")]),
    ("three and a half billion", [("three and a half billion", 3_500_000_000, EXACT, "")]),
    ("nearly one and a half million", [("nearly one and a half million", 1_500_000, NEARLY, "")]),
    ("one and a half", [("one and a half", 1.5, EXACT, "")]),
    ("twenty-two and a half", [("twenty-two and a half", 22.5, EXACT, "")]),
    ("1 and a half million", [("1 and a half million", 1_500_000, EXACT, "")]),
    ("two and a half years", [("two and a half", 2.5, EXACT, "年")]),
    ("a two-and-a-half-year term", [("two-and-a-half", 2.5, EXACT, "年")]),
    ("two and a half times", [("two and a half times", 2.5, EXACT, "倍")]),  # no one does a thing 2.5 times over
    # the span of time before the half (two years and a half was read as two, which a quote's 两年 traced)
    ("two years and a half, three days and a half, one month and a half, 3 weeks and a half", [
        ("two years and a half", 2.5, EXACT, "年"), ("three days and a half", 3.5, EXACT, "天"),
        ("one month and a half", 1.5, EXACT, "个月"), ("3 weeks and a half", 3.5, EXACT, "周")]),
    ("two million years and a half, two years and a halfpenny", [("two million", 2_000_000, EXACT, "年"),
                                                                 ("two", 2, EXACT, "年")]),
    # (an hour and a half is a time counted, as 一个半小时: read below; a hundred and a half, 150 or 100.5?)
    ("an hour and a half, a hundred and a half", [("an hour and a half", 1.5, EXACT, "小时"), ("a hundred", 100, EXACT, "")]),
    # a percentage (five and a half per cent was a count of 5.5, which a quote's 5.5个 traced)
    ("five and a half per cent, 2 and a half percentage points", [("five and a half per cent", 5.5, EXACT, "%"),
                                                                  ("2 and a half percentage points", 2.5, EXACT, "百分点")]),
    ("in 2023 and a half", [("2023", 2023, EXACT, "")]),
    # several, a few before a scale: a vague amount of it, as 数千 and 几百 are (read as nothing)
    ("several thousand", [("several thousand", 1000, SEVERAL, "")]),
    ("a few thousand members", [("a few thousand", 1000, SEVERAL, "个")]),
    ("a few hundred, several hundred", [("a few hundred", 100, SEVERAL, ""), ("several hundred", 100, SEVERAL, "")]),
    ("several million, a few billion", [("several million", 10**6, SEVERAL, ""), ("a few billion", 10**9, SEVERAL, "")]),
    ("several hundred thousand", [("several hundred thousand", 100_000, SEVERAL, "")]),  # 数十万
    ("a few dozen", [("a few dozen", 10, SEVERAL, "")]),  # several tens, as dozens
    ("several thousand in 2023", [("several thousand", 1000, SEVERAL, ""), ("2023", 2023, EXACT, "")]),
    ("a few, several, a few hundredths", []),  # no scale: no number
    # times before as, more, larger, the: a multiple (倍), as threefold is (read as a count of three); alone, as
    # often occasions (三次): left as read
    ("three times as many chambers", [("three times", 3, EXACT, "倍")]),
    ("three times more, three times as much", [("three times", 3, EXACT, "倍"), ("three times", 3, EXACT, "倍")]),
    ("three times larger, ten times higher", [("three times", 3, EXACT, "倍"), ("ten times", 10, EXACT, "倍")]),
    ("three times the size", [("three times", 3, EXACT, "倍")]),
    ("met three times, three times the following year", [("three", 3, EXACT, "个"), ("three", 3, EXACT, "个")]),  # (occasions counted)
    ("3x as many, 3× more", [("3x", 3, EXACT, "倍"), ("3×", 3, EXACT, "倍")]),
    ("grew 3x, a 10x increase, 2.5× in 2023", [("3x", 3, EXACT, "倍"), ("10x", 10, EXACT, "倍"), ("2.5×", 2.5, EXACT, "倍"),
                                                ("2023", 2023, EXACT, "")]),
    ("a 3x4 grid, 2XL", [("3", 3, EXACT, ""), ("4", 4, EXACT, ""), ("2", 2, EXACT, "")]),  # (a size: no multiple)
    ("threefold, three-fold, 3-fold", [("threefold", 3, EXACT, "倍"), ("three-fold", 3, EXACT, "倍"),
                                       ("3-fold", 3, EXACT, "倍")]),
    ("twice as many, thrice the size", [("twice", 2, EXACT, "倍"), ("thrice", 3, EXACT, "倍")]),
    ("twice a year", [("twice", 2, EXACT, "")]),  # two occasions
    # and once, as often as something happens (每年一次; it was read as nothing): not once alone, "formerly" or "as
    # soon as"
    ("once a year, once every two years, once or twice a month", [("once", 1, EXACT, ""), ("two", 2, EXACT, "年"),
                                                                  ("once or twice", 1, ABOUT, "")]),
    ("once the largest, once it opens, at once, once more, once a member", []),
    # each form of the verbs that multiply ("doubling" and "triples" were read as nothing), and the idioms of
    # "double" only: tripled over the period and doubled in size were taken for "doubled over" and "zero in"
    ("tripled over the period, doubled in size, doubling, triples, trebling, quadruples, quintupled", [
        ("tripled", 3, EXACT, "倍"), ("doubled", 2, EXACT, "倍"), ("doubling", 2, EXACT, "倍"), ("triples", 3, EXACT, "倍"),
        ("trebling", 3, EXACT, "倍"), ("quadruples", 4, EXACT, "倍"), ("quintupled", 5, EXACT, "倍")]),
    ("it doubles as a hall, they doubled down, doubled up, doubling back, doubled over in pain, zero in on", []),
    # an order of magnitude is ten times (十倍), and -ish says about (fortyish was read as nothing, 40ish as exactly
    # 40)
    ("grew by an order of magnitude", [("an order of magnitude", 10, EXACT, "倍")]),
    ("fortyish, 40ish, forty-ish", [("fortyish", 40, ABOUT, ""), ("40ish", 40, ABOUT, ""),
                                    ("forty-ish", 40, ABOUT, "")]),
    ("a Danish firm, the Irish, an order was placed", []),
    # X in Y: a share, as one in five was (read as two counts, as a count of Y, or cut)
    ("nine in ten, two in three", [("nine in ten", 0.9, EXACT, "分之"), ("two in three", 2 / 3, EXACT, "分之")]),
    # half a year and a year and a half: durations, as 半年 and 一年半 (half a year was not read; over half a year was
    # "over half", a fraction); not a half of a year that is a part of a date (the first half-year: see quantities)
    ("half a year, nearly half a year, a half-year review, over half a year", [
        ("half a year", 0.5, EXACT, "年"), ("nearly half a year", 0.5, NEARLY, "年"), ("a half-year", 0.5, EXACT, "年"),
        ("over half a year", 0.5, OVER, "年")]),
    # and so are halves of the other spans of time, in the spans they name (half a month, a half-day and an hour and a
    # half were read as nothing, about a half hour too): each as the measure the Chinese counts it with, a day, a
    # week and a year as 天, 周 and 年, a month, an hour and a century as 个月, 小时 and 个世纪 (半个月, 一个半小时)
    ("half a month, a half-day meeting, about a half hour, nearly half an hour, half a century", [
        ("half a month", 0.5, EXACT, "个月"), ("a half-day", 0.5, EXACT, "天"), ("about a half hour", 0.5, ABOUT, "小时"),
        ("nearly half an hour", 0.5, NEARLY, "小时"), ("half a century", 0.5, EXACT, "个世纪")]),
    ("a day and a half, a week and a half or more, a month and a half", [
        ("a day and a half", 1.5, EXACT, "天"), ("a week and a half or more", 1.5, AT_LEAST, "周"),
        ("a month and a half", 1.5, EXACT, "个月")]),
    # decades counted are tens of years, as 二十年 (two decades was two and "decades", several tens of years, which
    # any quote with a 两 and a 数十年 traced); a phrase takes the qualifier before it, as digits do (nearly a decade
    # was exactly ten years)
    ("two decades, 3 decades or more, nearly two decades, for decades", [
        ("two decades", 20, EXACT, "年"), ("3 decades or more", 30, AT_LEAST, "年"),
        ("nearly two decades", 20, NEARLY, "年"), ("decades", 10, SEVERAL, "年")]),
    ("nearly a decade, over a decade, almost doubled", [("nearly a decade", 10, NEARLY, "年"),
                                                        ("over a decade", 10, OVER, "年"),
                                                        ("almost doubled", 2, NEARLY, "倍")]),
    # one span of time after a qualifier, as 一个多月 and 近一年 are (read as nothing); after a word that is as often
    # a preposition, only where no noun follows (as over a decade and over 3 years are read); not alone (a year
    # later; the once of once a year is read, above)
    ("more than a month, nearly a year, at least a day, no more than an hour, up to a week", [
        ("more than a month", 1, MORE_THAN, "个月"), ("nearly a year", 1, NEARLY, "年"),
        ("at least a day", 1, AT_LEAST, "天"), ("no more than an hour", 1, AT_MOST, "小时"), ("up to a week", 1, AT_MOST, "周")]),
    ("a year later, more than a monthly event", []),
    ("over a year, about a week later, under a month ago, around an hour of talks, over a year's work", [
        ("over a year", 1, OVER, "年"), ("about a week", 1, ABOUT, "周"), ("under a month", 1, UNDER, "个月"),
        ("around an hour", 1, ABOUT, "小时"), ("over a year", 1, OVER, "年")]),
    ("not over a month.", [("not over a month", 1, AT_MOST, "个月")]),
    ("a row over a year-end bonus, talks about a day trip, over a day-long visit, a book about a week", [
        ("about a week", 1, ABOUT, "周")]),  # (a noun after the span: no time; but at the end, a time)
    ("not more than a month, not less than a year", [("not more than a month", 1, AT_MOST, "个月"),
                                                     ("not less than a year", 1, AT_LEAST, "年")]),
    # not every half hour, nor a half-day-old, nor the second half of a day (a part of one, as the first half-year)
    ("half-hourly, a half-day-old, the second half day", []),
    # half a percentage point, half a per cent (read as nothing): 0.5 of them, as 0.5个百分点 and 0.5% are
    ("down half a percentage point, nearly half a per cent", [("half a percentage point", 0.5, EXACT, "百分点"),
                                                              ("nearly half a per cent", 0.5, NEARLY, "%")]),
    ("a year and a half, one and a half years", [("a year and a half", 1.5, EXACT, "年"),
                                                  ("one and a half", 1.5, EXACT, "年")]),
    ("the first half-year, half-yearly, half the members", [("half", 0.5, EXACT, "分之")]),
    # a fraction with a slash, as a third is (1/3 was two numbers, 1 and 3); not a date (10/11), 24/7, nor 3/2
    ("1/3 of members, nearly 2/3, 3/4 or more", [("1/3", 1 / 3, EXACT, "分之"), ("nearly 2/3", 2 / 3, NEARLY, "分之"),
                                                  ("3/4 or more", 0.75, AT_LEAST, "分之")]),
    ("10/11, 24/7, 3/2", [("10", 10, EXACT, ""), ("11", 11, EXACT, ""), ("24", 24, EXACT, ""), ("7", 7, EXACT, ""),
                          ("3", 3, EXACT, ""), ("2", 2, EXACT, "")]),
    ("seventeen out of twenty", [("seventeen out of twenty", 0.85, EXACT, "分之")]),
    ("one in ten thousand", [("one in ten thousand", 0.0001, EXACT, "分之")]),
    ("1 in 1,000, one out of every five", [("1 in 1,000", 0.001, EXACT, "分之"), ("one out of every five", 0.2, EXACT, "分之")]),
    ("twenty-one in ten", [("twenty-one", 21, EXACT, ""), ("ten", 10, EXACT, "")]),  # (not one in ten)
    ("nine in ten years", [("nine", 9, EXACT, ""), ("ten", 10, EXACT, "年")]),  # nine, within ten years
    ("3 in 10 years", [("3", 3, EXACT, ""), ("10", 10, EXACT, "年")]),
    ("invested in ten firms, spent 5 in 2023", [("ten", 10, EXACT, "个"), ("5", 5, EXACT, ""), ("2023", 2023, EXACT, "")]),
])
def test_en_numbers_in_every_form_a_reader_reads(text, found):
    assert [(n.text, n.value, n.qualifier, n.unit) for n in find_numbers_en(text)] == found


@pytest.mark.parametrize("text, qualifier", [
    ("close to 49", NEARLY), ("just shy of 49", NEARLY), ("approx. 49", ABOUT), ("circa 49", ABOUT), ("c. 49", ABOUT),
    ("an estimated 49", ABOUT), ("~49", ABOUT), ("≈ 49", ABOUT), ("≤49", AT_MOST), ("49 or fewer", AT_MOST),
    ("49 or less", AT_MOST), ("49 at most", AT_MOST), ("a maximum of 49", AT_MOST), ("in excess of 49", OVER),
    ("north of 49", OVER), ("a minimum of 49", AT_LEAST), ("49 or above", AT_LEAST), ("etc. 49", EXACT),
    # a comparison denied says the other side of it (not more than 49 was more than 49), and more or less is about
    ("not more than 49", AT_MOST), ("not over 49", AT_MOST), ("not exceeding 49", AT_MOST), ("not above 49", AT_MOST),
    ("not less than 49", AT_LEAST), ("not fewer than 49", AT_LEAST), ("not under 49", AT_LEAST),
    ("not below 49", AT_LEAST), ("more or less 49", ABOUT),
])
def test_en_qualifiers_before_and_after_a_number(text, qualifier):
    [number] = find_numbers_en(text)
    assert number.qualifier == qualifier and number.value == 49


def test_the_19_of_covid_19_is_a_name_s():
    assert find_numbers_en("After the COVID-19 pandemic entered a new stage, and Covid19 too") == []


def test_a_discount_a_hundred_per_cent_and_grand_are_read_whole():
    """八折 is eight tenths of a price (七五折 7.5: not 七 and 五折), 百分百 a hundred per cent, 49 grand 49,000; they were
    read as a bare 八 (and 七 and 五), nothing, and 49. Not the words 折 begins, a set phrase, a grand plan."""
    zh = ("打八折", "七五折", "8.5折", "一折", "百分百", "三折页", "折旧", "一波三折", "七折八扣")
    assert {text: [(n.text, n.value, n.unit) for n in find_numbers_zh(text)] for text in zh} == {
        "打八折": [("八折", 8, "折")], "七五折": [("七五折", 7.5, "折")], "8.5折": [("8.5折", 8.5, "折")],
        "一折": [("一折", 1, "折")], "百分百": [("百分百", 100, "%")], "三折页": [("三", 3, "")], "折旧": [],
        "一波三折": [], "七折八扣": []}
    en = ("49 grand", "49 grand a year", "over 49 grand.", "3 grand prizes", "a grand plan")
    assert {text: [(n.text, n.value) for n in find_numbers_en(text)] for text in en} == {
        "49 grand": [("49 grand", 49_000)], "49 grand a year": [("49 grand", 49_000)],
        "over 49 grand.": [("over 49 grand", 49_000)], "3 grand prizes": [("3", 3)], "a grand plan": []}


def test_slang_currencies_and_plain_degrees_are_their_units():
    """49刀, 500欧, 49 bucks and 49 quid are dollars, euros and pounds (they were a bare 49, or a count of things), and
    49 degrees a measure of its own; not 一把刀, 欧洲, 49欧姆 (ohms), nor degrees in law."""
    zh = ("49刀", "5千刀", "五百刀", "500欧", "一把刀", "砍了两刀", "欧洲", "49欧姆", "500欧元")
    assert {text: [(n.value, n.unit) for n in find_numbers_zh(text)] for text in zh} == {
        "49刀": [(49, "刀")], "5千刀": [(5000, "刀")], "五百刀": [(500, "刀")], "500欧": [(500, "欧")], "一把刀": [(1, "")],
        "砍了两刀": [(2, "")], "欧洲": [], "49欧姆": [(49, "")], "500欧元": [(500, "欧元")]}
    en = ("49 bucks", "49 quid", "49 degrees", "a 49-degree angle", "49 degrees Fahrenheit", "two degrees in law")
    assert {text: [(n.value, n.unit) for n in find_numbers_en(text)] for text in en} == {
        "49 bucks": [(49, "$")], "49 quid": [(49, "英镑")], "49 degrees": [(49, "°")], "a 49-degree angle": [(49, "°")],
        "49 degrees Fahrenheit": [(49, "华氏度")], "two degrees in law": [(2, "个")]}
