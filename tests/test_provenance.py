"""Tests for microsite.provenance: quotes found in sources, numbers and dates checked."""

from __future__ import annotations

import difflib
import random
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microsite.dates import PartialDate
from microsite.numerals import EXACT, MORE_THAN, OVER
from microsite.provenance import (
    MIN_QUOTE_CHARS,
    Passage,
    QuoteSpan,
    SearchableText,
    SourceBlock,
    _closest_hint,
    _hint,
    _trimmed,
    _windows,
    date_problem,
    find_quote,
    normalize,
    number_problem,
    parse_source_body,
    passages,
)
from tests.timing import superlinear

ARTICLE = date(2023, 10, 11)


def paragraphs(*texts: str) -> list[SourceBlock]:
    return [SourceBlock("paragraph", text, number + 1) for number, text in enumerate(texts)]


# --- parse_source_body -------------------------------------------------------------------


BODY = "## 小标题\n\n第一段第一行\n第一段第二行\n\n> 图为 说明\n> 第二行\n\nEnglish words\nwrapped\n"


def test_parse_source_body_kinds_and_text():
    assert [(b.kind, b.text) for b in parse_source_body(BODY)] == [
        ("heading", "小标题"),
        ("paragraph", "第一段第一行第一段第二行"),
        ("caption", "图为 说明第二行"),
        ("paragraph", "English words wrapped"),  # (as a page's wrapped line: 'wordswrapped' read as one word)
    ]


def test_an_english_article_s_paragraphs_joined_by_an_editor_keep_a_space_between_their_words():
    """Two paragraphs of an English article joined into one (a layout correction the seal allows) were run together,
    'year.In October 2023', so a quote of them, read with its spaces, said another thing than the page showed."""
    [block] = parse_source_body("since the start of the year.\nIn October 2023 the federation\n")
    assert block.text == "since the start of the year. In October 2023 the federation"
    assert [b.text for b in parse_source_body("护航49\n个所属商会，“三个三”\n工作载体\n")] == ["护航49个所属商会，“三个三”工作载体"]


def test_parse_source_body_line_numbers_count_from_first_line():
    assert [b.line for b in parse_source_body(BODY)] == [1, 3, 6, 9]
    assert [b.line for b in parse_source_body(BODY, first_line=8)] == [8, 10, 13, 16]


def test_parse_source_body_strips_indentation_and_extra_blank_lines():
    blocks = parse_source_body("\n\n  甲乙  \n   \n\n丙丁\n\n\n")
    assert [(b.text, b.line) for b in blocks] == [("甲乙", 3), ("丙丁", 6)]


def test_parse_source_body_empty():
    assert parse_source_body("") == []


# --- normalize -----------------------------------------------------------------------


def test_normalize_folds_width_quotes_and_drops_white_space():
    text, _ = normalize("Ａ，“引号” ‘x’\t全角１２")
    assert text == "A,\"引号\"'x'全角12"


def test_normalize_maps_each_character_back_to_the_original():
    original = "Ａ， “x”"
    text, origin = normalize(original)
    assert len(origin) == len(text)
    assert [original[i] for i in origin] == ["Ａ", "，", "“", "x", "”"]


def test_text_kept_as_it_is_is_told_apart_exactly_as_the_character_by_character_rule_tells_it():
    """The quick test for text that normalizing leaves as it is names the very characters the rule keeps."""
    from microsite.provenance import _AS_IT_IS

    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        kept = not ch.isspace() and (ch < "\u2000" or "\u4e00" <= ch <= "\u9fff")
        assert bool(_AS_IT_IS.fullmatch(ch)) == kept, hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from("晋江工商联 \t\u3000，。“”‘’「」…ＡＢ１２ﬁ㈱¨\u00a0\u2002\u2028"), st.characters()),
               max_size=30))
def test_normalize_gives_what_the_character_by_character_rule_gives(text):
    assert normalize(text) == _normalized_one_by_one(text)


def _normalized_one_by_one(text: str) -> tuple[str, list[int]]:
    """``normalize`` as written before the quick test: every character looked at."""
    import unicodedata

    from microsite.provenance import _QUOTE_MARKS

    chars, origin = [], []
    for index, ch in enumerate(text):
        if ch.isspace():
            continue
        if ch < "\u2000" or "\u4e00" <= ch <= "\u9fff":
            chars.append(ch)
            origin.append(index)
            continue
        for part in unicodedata.normalize("NFKC", ch).translate(_QUOTE_MARKS):
            if not part.isspace():
                chars.append(part)
                origin.append(index)
    return "".join(chars), origin


def test_normalize_expands_compatibility_characters_and_keeps_the_map():
    text, origin = normalize("a…b")
    assert text == "a...b" and origin == [0, 1, 1, 1, 2]


# --- find_quote ------------------------------------------------------------------------


SOURCE = paragraphs(
    "今年以来，所属商协会及其会员捐款超4.5亿元，助力“强素质”。",
    "护航49个所属商会成立、成长。捐款超4.5亿元是总数。",
)


def test_quote_found_with_its_span_in_the_original_text():
    spans, reason = find_quote(SOURCE, "护航49个所属商会")
    assert reason == "" and spans == [QuoteSpan(1, 0, 9)]
    assert SOURCE[1].text[0:9] == "护航49个所属商会"


def test_quote_found_despite_width_quote_and_space_differences():
    spans, reason = find_quote(SOURCE, '捐款超４.５亿元, 助力"强素质"')
    assert reason == ""
    [span] = spans
    assert SOURCE[span.block].text[span.start:span.end] == "捐款超4.5亿元，助力“强素质”"


def test_every_occurrence_is_found():
    spans, _ = find_quote(SOURCE, "捐款超4.5亿元")
    assert [(s.block, SOURCE[s.block].text[s.start:s.end]) for s in spans] == [
        (0, "捐款超4.5亿元"), (1, "捐款超4.5亿元")]


def test_two_occurrences_in_one_block_are_both_found():
    spans, _ = find_quote(paragraphs("甲乙丙丁，甲乙丙丁"), "甲乙丙丁")
    assert [(s.start, s.end) for s in spans] == [(0, 4), (5, 9)]


def test_a_quote_is_found_in_the_blocks_joined_as_it_is_in_each_block_alone():
    """The blocks are searched as one text (each after a NUL): every occurrence, in order, within one block, as
    searching each block would give; never one that runs across two."""
    letters = st.sampled_from(["甲", "乙", "丙", "，", " ", "“", "\u3000", "A", "ａ", "1", "１", "\x00"])
    text = st.lists(letters, max_size=12).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(text, min_size=1, max_size=4), st.lists(letters, min_size=1, max_size=8).map("".join))
    def check(texts, quote):
        blocks = paragraphs(*texts)
        spans, _ = find_quote(blocks, quote)
        needle, _ = normalize(quote)
        expected = []
        for number, block in enumerate(blocks):
            haystack, origin = normalize(block.text)
            position = haystack.find(needle) if len(needle) >= MIN_QUOTE_CHARS else -1
            while position >= 0:
                expected.append(QuoteSpan(number, origin[position], origin[position + len(needle) - 1] + 1))
                position = haystack.find(needle, position + 1)
        assert spans == expected

    check()


def test_a_quote_occurs_once_where_find_quote_finds_it_at_one_place():
    """occurs_once searches from either end where find_quote walks through every place: the same answer for any
    quote, in particular for a stretch of a block (as a draft's quotes are), NULs and width or space aside."""
    letters = st.sampled_from(["甲", "乙", "，", " ", "“", "\"", "A", "ａ", "\x00"])
    text = st.lists(letters, max_size=14).map("".join)

    @settings(max_examples=500, deadline=None)
    @given(st.lists(text, min_size=1, max_size=4), text, st.integers(0, 3), st.integers(0, 14), st.integers(0, 14))
    def check(texts, written, block, start, length):
        blocks = paragraphs(*texts)
        source = SearchableText.of(blocks)
        stretch = blocks[block % len(blocks)].text[start:start + length]
        for quote in (written, stretch):
            assert source.occurs_once(quote) == (len(find_quote(source, quote)[0]) == 1), (texts, quote)

    check()
    assert not SearchableText.of(paragraphs("甲乙丙", "丁戊")).occurs_once("乙丙\x00丁")  # found only across blocks


def test_too_short_quote_is_refused():
    spans, reason = find_quote(SOURCE, "捐 款超")
    assert spans == [] and f"under {MIN_QUOTE_CHARS} characters" in reason


def test_quote_across_two_paragraphs_says_so():
    spans, reason = find_quote(SOURCE, "助力“强素质”。护航49个")
    assert spans == []
    assert reason == "the quote runs across two paragraphs; quote from one paragraph only"


def test_typo_hint_names_the_nearest_passage_and_the_character_that_differs():
    spans, reason = find_quote(SOURCE, "所属商协会及其会员捐钱超4.5亿元")
    assert spans == []
    assert reason == ("nearest passage: source line 1, '所属商协会及其会员捐款超4.5亿元'; "
                      "the quote has '捐钱' where the source has '捐款'")


def test_typo_hint_shows_the_source_as_written():
    _, reason = find_quote(paragraphs("甲乙，丙丁戊己……庚辛"), "乙,丙丁戌己……庚")
    assert reason == "nearest passage: source line 1, '乙，丙丁戊己……庚'; the quote has '丁戌' where the source has '丁戊'"


def test_typo_hint_says_which_characters_are_missing_or_extra():
    source = paragraphs("引言。", "市工商联牵头制定实施方案。")
    assert find_quote(source, "市工商联制定实施方案")[1].endswith(
        "the quote has '联' where the source has '联牵头': it leaves out '牵头'")
    assert find_quote(source, "市工商联牵头来制定实施方案")[1].endswith(
        "the quote has '头来' where the source has '头': '来' is extra")
    assert "source line 2" in find_quote(source, "市工商联牵头制订实施方案")[1]


def test_typo_hint_recognises_traditional_characters_where_the_source_has_simplified_ones():
    _, reason = find_quote(paragraphs("会员捐款超4.5亿元，资金到位。"), "会员捐款超4.5億元")
    assert reason.endswith("the quote has '5億' where the source has '5亿' "
                           "(a traditional character where the source has the simplified one)")
    _, reason = find_quote(paragraphs("会员捐款超4.5亿元，资金到位。"), "亿元，资全到位")
    assert reason.endswith("the quote has '资全' where the source has '资金'")


def test_typo_at_the_end_of_a_paragraph_says_what_is_extra():
    _, reason = find_quote(paragraphs("甲乙丙丁戊己"), "乙丙丁戊己庚辛")
    assert reason == "nearest passage: source line 1, '乙丙丁戊己'; the quote has '己庚辛' where the source has '己': '庚辛' is extra"


def test_unrelated_quote_gets_the_copy_exactly_hint():
    spans, reason = find_quote(SOURCE, "完全不同的话语")
    assert spans == [] and "copy the words exactly" in reason


def test_of_two_passages_as_near_the_first_is_named_though_a_later_block_has_more_of_the_quotes_characters():
    """The second block has every character of the quote and is compared first; the first matches as much."""
    _, reason = find_quote(paragraphs("甲乙丙丁", "丑戊寅甲乙丙丁"), "甲乙丙丁戊丑")
    assert reason == "nearest passage: source line 1, '甲乙丙丁'; the quote has '丁戊丑' where the source has '丁': '戊丑' is extra"


def test_a_block_without_the_quotes_rarest_character_may_still_be_the_first_of_the_nearest():
    """The quote's rarest character, 戊, is in the second block alone, compared first; the first block, without
    it, matches as much."""
    _, reason = find_quote(paragraphs("甲乙丙丁", "甲乙丙戊", "丁丁"), "甲乙丙丁戊")
    assert reason == "nearest passage: source line 1, '甲乙丙丁'; the quote has '丁戊' where the source has '丁': '戊' is extra"


@pytest.mark.parametrize("letters", ["甲乙丙丁戊，,。…\u3000", "abcde ,.ａ"])
def test_the_nearest_passage_is_the_one_that_comparing_every_block_finds(letters: str) -> None:
    """Only the blocks that may hold the nearest passage are compared with a quote not found: the hint is the
    one that comparing every block, in order, gave, on sources of a few letters (near passages and ties
    common), for quotes copied from them with typos and for any text."""
    text = st.lists(st.sampled_from(letters), max_size=40).map("".join)

    @settings(max_examples=250, deadline=None)  # of 8 quotes each
    @given(st.lists(text, min_size=1, max_size=8), st.data())
    def check(texts, data):
        blocks = paragraphs(*texts)
        searchable = SearchableText.of(blocks)
        assert searchable.whole == normalize("".join(texts))[0]
        for _ in range(8):
            needle, _ = normalize(data.draw(st.one_of(_typed(texts, letters), _typed(texts, letters), text)))
            assert _closest_hint(searchable, needle) == _hint_comparing_every_block(blocks, needle)

    check()


@st.composite
def _typed(draw: st.DrawFn, texts: list[str], letters: str) -> str:
    """A stretch of one of ``texts`` copied with up to three letters replaced, left out or added."""
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, max(0, len(text) - MIN_QUOTE_CHARS)))
    copied = list(text[start:draw(st.integers(min(start + MIN_QUOTE_CHARS, len(text)), len(text)))])
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(copied)))
        copied[at:at + draw(st.integers(0, 1))] = draw(st.lists(st.sampled_from(letters), max_size=1))
    return "".join(copied)


def _hint_comparing_every_block(blocks: list[SourceBlock], needle: str) -> str:
    """``_closest_hint`` as it was before it compared only the blocks that may hold the nearest passage."""
    best, best_matched = None, max(MIN_QUOTE_CHARS, len(needle) // 2) - 1
    for block in blocks:
        haystack, origin = normalize(block.text)
        for offset in _windows(haystack, needle):
            window = haystack[offset:offset + len(needle) + len(needle) // 3 + 2]
            matcher = difflib.SequenceMatcher(None, window, needle, autojunk=False)
            operations = _trimmed(matcher.get_opcodes())
            matched = sum(i2 - i1 for tag, i1, i2, _, _ in operations if tag == "equal")
            if matched > best_matched:
                start = operations[0][1]
                shifted = [(tag, i1 - start, i2 - start, j1, j2) for tag, i1, i2, j1, j2 in operations]
                def written(i1: int, i2: int, base=offset + start, text=block.text, origin=origin) -> str:
                    return text[origin[base + i1]:origin[base + i2 - 1] + 1] if i2 > i1 else ""

                best, best_matched = (block, written, shifted), matched
    return _hint(best, needle)  # (the message, as the build words it: the search is what is compared)


def test_the_nearest_passages_of_many_typos_in_a_long_source_are_found_in_linear_time() -> None:
    """Each quote not found was compared with every block of its source: 400 paragraphs, each quoted with a
    typo, took 5 s to check, 1,600 two minutes."""
    def typos(count: int) -> tuple[SearchableText, list[str]]:
        rng = random.Random(count)
        letters = [chr(0x4E00 + rank) for rank in range(2000)] + list("，。、；：")
        weights = [1 / (rank + 1) for rank in range(len(letters))]  # a few common, many rare (as words are)
        texts = ["".join(rng.choices(letters, weights, k=rng.randint(60, 120))) for _ in range(count)]
        quotes = []
        for text in texts:
            at = rng.randrange(len(text))
            quotes.append(text[:at] + rng.choice(letters) + text[at + 1:])
        return SearchableText.of(paragraphs(*texts)), quotes

    def hints(typos: tuple[SearchableText, list[str]]) -> list[str]:
        text, quotes = typos
        return [find_quote(text, quote)[1] for quote in quotes]

    assert superlinear(hints, typos, 100) is None


# --- number_problem --------------------------------------------------------------------


def test_number_in_quote_with_same_qualifier_is_ok():
    assert number_problem(450_000_000, OVER, "捐款超4.5亿元") == ""
    assert number_problem(10, MORE_THAN, "10余家商协会") == ""
    assert number_problem(49, EXACT, "护航49个所属商会") == ""


def test_wrong_number_lists_the_numbers_in_the_quote():
    problem = number_problem(46, EXACT, "护航49个所属商会，超4.5亿元")
    assert problem == "the quote does not contain the number 46 (numbers in the quote: 49个, 超4.5亿元)"


def test_quote_without_numbers_says_none():
    assert number_problem(5, EXACT, "没有数字").endswith("(numbers in the quote: none)")


def test_wrong_qualifier_names_both():
    problem = number_problem(450_000_000, EXACT, "捐款超4.5亿元")
    assert problem == "the quote says '超4.5亿元' (over), but the record's qualifier is exact"


def test_fractional_value_shown_as_written():
    assert "number 4.5 " in number_problem(4.5, EXACT, "共49个")


# --- date_problem ----------------------------------------------------------------------


def test_relative_dates_resolve_against_the_article_date():
    assert date_problem(PartialDate.parse("2023-04"), "今年4月，恳谈会召开", ARTICLE) == ""
    assert date_problem(PartialDate.parse("before 2023-10-11"), "前不久，商会成立", ARTICLE) == ""
    assert date_problem(PartialDate.parse("2023-Q2"), "第二季度恳谈会", ARTICLE) == ""


def test_a_month_named_alone_is_the_article_s_year_s():
    """As a quarter and a day named alone are (2023-03 was refused: "the quote contains no date")."""
    assert date_problem(PartialDate.parse("2023-03"), "以3月的季度会长办公会为契机", ARTICLE) == ""
    assert date_problem(PartialDate.parse("2022-03"), "以3月的季度会长办公会为契机", ARTICLE) != ""
    assert date_problem(PartialDate.parse("2023-03"), "历时3个月", ARTICLE).startswith("the quote contains no date")


def test_wrong_month_says_what_the_quote_says():
    problem = date_problem(PartialDate.parse("2023-05"), "今年4月，恳谈会召开", ARTICLE)
    assert problem == "the quote dates it '今年4月' = 2023-04, but the record says 2023-05"


def test_quote_without_a_date():
    problem = date_problem(PartialDate.parse("2023-05"), "商会成立", ARTICLE)
    assert problem.startswith("the quote contains no date")


# --- passages --------------------------------------------------------------------------


def test_overlapping_quotes_merge_into_one_passage_named_by_priority():
    found, anchors = passages([("second", QuoteSpan(0, 5, 10)), ("first", QuoteSpan(0, 0, 6))])
    assert found == [Passage("q-second", 0, 0, 10)]
    assert anchors == ["q-second", "q-second"]


def test_a_quote_inside_another_joins_it():
    found, anchors = passages([("x", QuoteSpan(0, 0, 10)), ("y", QuoteSpan(0, 2, 4)), ("z", QuoteSpan(0, 8, 12))])
    assert found == [Passage("q-x", 0, 0, 12)]
    assert set(anchors) == {"q-x"}


def test_separate_quotes_stay_separate_in_text_order():
    found, anchors = passages([
        ("c", QuoteSpan(1, 0, 3)), ("a", QuoteSpan(0, 0, 5)), ("b", QuoteSpan(0, 5, 8)),
    ])
    assert found == [Passage("q-a", 0, 0, 5), Passage("q-b", 0, 5, 8), Passage("q-c", 1, 0, 3)]
    assert anchors == ["q-c", "q-a", "q-b"]


def test_same_range_in_different_blocks_is_not_merged():
    found, _ = passages([("a", QuoteSpan(0, 0, 5)), ("b", QuoteSpan(1, 0, 5))])
    assert len(found) == 2


def test_a_passage_quoted_by_citations_alone_is_named_by_where_it_starts():
    """Citations name no passage: two pages citing from the same place of their files get one anchor each, and
    a passage keeps its anchor wherever the citing page puts the link."""
    found, anchors = passages([("", QuoteSpan(2, 7, 12)), ("", QuoteSpan(0, 3, 6)), ("", QuoteSpan(2, 10, 15)),
                               ("stat-x", QuoteSpan(1, 0, 4)), ("", QuoteSpan(1, 2, 9))])
    assert found == [Passage("q-0-3", 0, 3, 6), Passage("q-stat-x", 1, 0, 9), Passage("q-2-7", 2, 7, 15)]
    assert anchors == ["q-2-7", "q-0-3", "q-2-7", "q-stat-x", "q-stat-x"]
    assert len({passage.anchor for passage in found}) == len(found)


def test_no_quotes_no_passages():
    assert passages([]) == ([], [])


# --- a quote of an article in English ----------------------------------------------------------------------------

def test_an_english_quote_is_read_with_one_space_where_it_has_any_and_a_chinese_one_with_none():
    from microsite.provenance import as_read
    assert as_read(" on 11\u00a0October\n 2023 ", "en") == "on 11 October 2023"
    assert as_read("护航 49 个", "zh") == as_read("护航 49 个", "zh-hant") == "护航49个"


@pytest.mark.parametrize("quote, source, shown", [
    ("its 49chambers of", "its 49 chambers of", "the quote has 'its 49chambers of' where the source has 'its 49 chambers"),
    ("4 9 chambers", "49 chambers", "the quote has '4 9 chambers' where the source has '49 chambers'"),
    ("the year. In October", "the year.In October", "the quote has 'the year. In October' where the source has "
                                                    "'the year.In October'"),
])
def test_an_english_quote_spaced_otherwise_than_its_article_says_where(quote, source, shown):
    from microsite.provenance import spaced_unlike
    assert spaced_unlike(quote, source, "en").startswith(shown)
    assert spaced_unlike(source, source.replace(" ", "  "), "en") == ""


def test_an_english_quote_gives_its_numbers_and_dates_to_its_records():
    quote, day = "had donated more than 450 million yuan since the start of the year", date(2023, 10, 11)
    assert number_problem(450000000, MORE_THAN, quote, "en") == ""
    assert "qualifier is over" in number_problem(450000000, OVER, "its 49 chambers had donated 450 million", "en")
    assert date_problem(PartialDate(2023), quote, day, "en") == ""
    assert date_problem(PartialDate(2022), "Last year, forty-nine chambers", day, "en") == ""
    assert date_problem(PartialDate(2023, 10, 11, precision="day"), "said on Wednesday, October 11, 2023,", day,
                        "en") == ""
    assert date_problem(PartialDate(2023, 11, precision="month"), "In October 2023 the federation held", day,
                        "en") == "the quote dates it 'October 2023' = 2023-10, but the record says 2023-11"
    assert "such as 11 October 2023" in date_problem(PartialDate(2023), "forty-nine chambers took part", day, "en")
