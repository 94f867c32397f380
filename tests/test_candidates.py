"""Tests for microsite.candidates: the draft of candidate facts written beside each source."""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from microsite import candidates
from microsite.candidates import (
    Candidates,
    _Widening,
    find_candidates,
    quote_around,
    render_candidates,
)
from microsite.dates import PartialDate
from microsite.errors import ContentErrors
from microsite.epaper import parse_epaper
from microsite.ingest import ingest_file, item_outputs
from microsite.pipeline import check
from microsite.provenance import (SearchableText, SourceBlock, date_problem, find_quote, number_problem,
                                  parse_source_body)
from microsite.schema import ID_PATTERN
from tests.conftest import REPO, SAMPLE, make_project
from tests.timing import superlinear

FIXTURES = REPO / "tests" / "fixtures" / "ingest"
REAL_PATH = FIXTURES / "real" / "000_9911d2ada22d7c3e.txt"
REAL_ID = "2023-10-11-eb7c93e7"
REAL_DATE = date(2023, 10, 11)
COMMITTED_SOURCE = SAMPLE / "sources" / f"{REAL_ID}.md"  # the sample site keeps the item as ingest wrote it
COMMITTED_DRAFT = SAMPLE / "sources" / f"{REAL_ID}.candidates.yaml"

# Every number in the article, in text order, read off it by hand:
# (as written, the words right after it, value, unit, qualifier, measure word).
REAL_STATISTICS = [
    ("三项", "三项抓手", 3, "count", "exact", "项"),  # “强素质”“增信念”“勤联络”三项抓手
    ("三个", "三个纳入", 3, "count", "exact", "个"),  # “做到三个纳入、建立三项制度及搭建三个平台”
    ("三项", "三项制度", 3, "count", "exact", "项"),
    ("三个", "三个平台", 3, "count", "exact", "个"),
    ("三个", "三个三", 3, "count", "exact", "个"),  # the “三个三” framework: three groups of three
    ("49个", "49个所属", 49, "count", "exact", "个"),
    ("三个", "三个纳入", 3, "count", "exact", "个"),  # “‘三个纳入’即：……”
    ("三项", "三项制度", 3, "count", "exact", "项"),  # ……会员企业“三项制度”
    ("34家", "34家注册", 34, "count", "exact", "家"),
    ("20家", "20家市直", 20, "count", "exact", "家"),
    ("三个", "三个平台", 3, "count", "exact", "个"),  # ……及执委会三个平台
    ("两地", "两地工商", 2, "count", "exact", "地"),  # 联动南平、宁德两地工商联 (十一届 after it is an ordinal)
    ("两地", "两地", 2, "count", "exact", "地"),  # ……深入两地
    ("10余家", "10余家商协", 10, "count", "more-than", "家"),
    ("超4.5亿元", "超4.5亿元", 450_000_000, "yuan", "over", ""),
    ("8家", "8家商会", 8, "count", "exact", "家"),
    ("9家", "9家商会", 9, "count", "exact", "家"),
    ("63亿元", "63亿元", 6_300_000_000, "yuan", "exact", ""),
    ("6条", "6条建议", 6, "count", "exact", "条"),
]
# Every dated event, in text order: (as written, the date in the site's form).
REAL_EVENTS = [
    ("今年以来", "2023"),  # 今年以来，福建省晋江市工商联通过……三项抓手
    ("前不久", "before 2023-10-11"),
    ("今年以来", "2023"),  # 今年以来，34家注册地在晋江的异地商会……
    ("第二季度", "2023-Q2"),
    ("今年3月", "2023-03"),
    ("今年以来", "2023"),  # 今年以来，所属商协会及其会员捐款超4.5亿元
    ("今年4月", "2023-04"),
    ("日前", "before 2023-10-11"),
    ("2023年7月", "2023-07"),  # the photo caption
]
# Numbers in the article that are not facts, and why (the rule in microsite/candidates.py).
REAL_NOT_STATISTICS = ["一代", "之一", "“三个三”的第二个三", "十四五", "二季度", "3月", "两地", "一次", "一致",
                       "一会一特色", "一会一品牌", "四好", "又一", "4月", "2023年", "7月"]


@pytest.fixture(scope="module")
def real_blocks() -> list[SourceBlock]:
    text = COMMITTED_SOURCE.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + len("\n---\n")
    return parse_source_body(text[front_end:], text[:front_end].count("\n") + 1)


@pytest.fixture(scope="module")
def real(real_blocks: list[SourceBlock]) -> Candidates:
    return find_candidates(REAL_ID, REAL_DATE, real_blocks)


# --------------------------------------------------------------------------
# The real article: every number and every dated event


def test_real_statistics_are_every_number_in_the_article(real: Candidates) -> None:
    found = [(c.text, c.context, c.value, c.unit, c.qualifier, c.measure) for c in real.statistics]
    assert found == REAL_STATISTICS


def test_real_events_are_every_date_in_the_article(real: Candidates) -> None:
    assert [(c.text, c.date) for c in real.events] == REAL_EVENTS


def test_real_candidates_cover_every_digit_and_counted_numeral(real: Candidates, real_blocks: list[SourceBlock]) -> None:
    """Cross-check, line by line, against the article text read with plain regular expressions."""
    counted = re.compile(r"[二两三四五六七八九十百千]+[个项家条届次场]|[0-9]+(?:\.[0-9]+)?")
    texts = [(c.line, c.text) for c in (*real.statistics, *real.events)]
    for block in real_blocks:
        in_text = Counter(match.group(0) for match in counted.finditer(block.text))
        in_candidates = Counter(m.group(0) for line, text in texts if line == block.line for m in counted.finditer(text))
        assert in_candidates == in_text, block.text


def test_real_candidates_cover_every_date_expression(real: Candidates, real_blocks: list[SourceBlock]) -> None:
    date_words = re.compile(r"(?:[0-9]{4}|今|去|明)年|[0-9]{1,2}月|第.季度|前不久|不久前|日前|近日|近期")
    for block in real_blocks:
        spans = [(m.start(), m.end()) for c in real.events if c.line == block.line
                 for m in re.finditer(re.escape(c.text), block.text)]
        for match in date_words.finditer(block.text):
            assert any(start <= match.start() and match.end() <= end for start, end in spans), match.group(0)


def test_real_quotes_are_verbatim_unique_and_hold_their_fact(real: Candidates, real_blocks: list[SourceBlock]) -> None:
    by_line = {block.line: block.text for block in real_blocks}
    for candidate in (*real.statistics, *real.events):
        quote = candidate.quote
        assert quote in by_line[candidate.line] and candidate.text.replace("以来", "") in quote
        assert len(quote) >= 6 and quote[0] not in "，。；：" and quote[-1] not in "，。；："
        spans, reason = find_quote(real_blocks, quote)
        assert len(spans) == 1, (quote, reason)
    for stat in real.statistics:
        assert number_problem(stat.value, stat.qualifier, stat.quote) == ""
    for event in real.events:
        assert date_problem(PartialDate.parse(event.date), event.quote, REAL_DATE) == ""


def test_real_quotes_match_the_editors_records(real: Candidates) -> None:
    """Where the editor's statistics.yaml and timeline.yaml quote the same clause, the draft proposes it too."""
    quotes = {c.quote for c in (*real.statistics, *real.events)}
    for name in ("statistics", "timeline"):
        records = yaml.safe_load((SAMPLE / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
        proposed = [record["quote"] for record in records if record["quote"] in quotes]
        assert len(proposed) >= len(records) // 2, name


def test_committed_draft_is_what_ingest_writes() -> None:
    item = parse_epaper(REAL_PATH.read_bytes(), REAL_PATH.name)
    source, draft = item_outputs(item, COMMITTED_SOURCE.parent)
    assert source.path == COMMITTED_SOURCE and source.data == COMMITTED_SOURCE.read_bytes()
    assert draft.path == COMMITTED_DRAFT and draft.data == COMMITTED_DRAFT.read_bytes()


# --------------------------------------------------------------------------
# The rule: which numbers and dates are candidates


def candidates_in(text: str, published: date = REAL_DATE) -> tuple[list[str], list[str]]:
    found = find_candidates("2023-10-11-00000000", published, [SourceBlock("paragraph", text, 1)])
    return [c.text for c in found.statistics], [f"{c.text}={c.date}" for c in found.events]


@pytest.mark.parametrize(
    ("text", "statistics"),
    [
        ("收获一致好评。", []),  # 一 in a word
        ("按照“一会一特色”“一会一品牌”的思路。", []),  # a slogan
        ("这只是举措之一，又一亮点。", []),
        ("建立一个平台，召开一次会议。", []),  # 一 + measure word: "a", "once"
        ("建立两个平台，建立三项制度。", ["两个", "三项"]),
        ("举办十一届一次主席会议。", []),  # 十一届: the eleventh term, an ordinal
        ("第二季度，第三批。", []),  # ordinals
        ("纳入‘十四五’发展规划，创建“四好”商会。", []),  # names
        ("联动南平、宁德两地工商联。", ["两地"]),  # 地 counts places
        ("护航九十九家商会，捐款五千万元。", ["九十九家", "五千万元"]),
        ("数百家企业、几十个项目参加。", []),  # vague
        ("二〇二三年，十四五规划。", []),  # runs of numerals that are no one number
        ("2023年7月，走访商会。", []),  # a date, not a statistic
        ("3月7日，招聘会举行；30日闭幕。", []),
        ("发布《2024年就业服务指南》，列出服务事项32项。", ["32项"]),  # a title is a name
        ("建成5G基站200个，iPhone 15 手机发布。", ["200个"]),  # Latin names (in an article of more Chinese than Latin
        # letters: one of as many is read as English, as the build reads it)
        ("带动近3000户农户，销售额增长12.5%，全镇超过20家，捐款超4.5亿元，订单5000余个，约占87.5%。",
         ["近3000户", "12.5%", "超过20家", "超4.5亿元", "5000余个", "约占87.5%"]),
        ("10多家商协会，1家商会，3年来。", ["10多家", "1家", "3年"]),  # digits are always numbers
    ],
)
def test_which_numbers_are_statistics(text: str, statistics: list[str]) -> None:
    assert candidates_in(text)[0] == statistics


def test_statistic_values_units_and_qualifiers() -> None:
    text = "带动近3000户农户，增长12.5%，超过20家，捐款超1.1亿元，投资1.2万元，约占87.5%，两个平台。"
    found = find_candidates("2023-10-11-00000000", REAL_DATE, [SourceBlock("paragraph", text, 9)]).statistics
    assert [(c.value, c.unit, c.qualifier, c.measure, c.line) for c in found] == [
        (3000, "count", "nearly", "户", 9), (12.5, "percent", "exact", "", 9), (20, "count", "over", "家", 9),
        (110_000_000, "yuan", "over", "", 9), (12_000, "yuan", "exact", "", 9), (87.5, "percent", "about", "", 9),
        (2, "count", "exact", "个", 9),
    ]
    assert type(found[3].value) is int  # 1.1 * 10**8 is 110000000.00000001 in floating point
    assert [c.id for c in found] == ["count-nearly-3000-hu", "percent-12-5", "count-over-20-jia", "yuan-over-1-1-yi",
                                     "yuan-1-2-wan", "percent-about-87-5", "count-2-ge"]


@pytest.mark.parametrize(
    ("text", "published", "events"),
    [
        ("今年4月，依托乡贤资源。", REAL_DATE, ["今年4月=2023-04"]),
        ("晋江市第二季度党政商恳谈会。", REAL_DATE, ["第二季度=2023-Q2"]),
        ("前不久，市长调研。日前，意见出台。", REAL_DATE, ["前不久=before 2023-10-11", "日前=before 2023-10-11"]),
        ("今年以来，捐款超4.5亿元。", REAL_DATE, ["今年以来=2023"]),
        ("去年第四季度，销售额增长。", date(2024, 3, 5), ["去年第四季度=2023-Q4"]),
        ("2023年7月，走访商会。", REAL_DATE, ["2023年7月=2023-07"]),
        ("发布《2024年就业服务指南》。", REAL_DATE, []),  # a date in a title is part of the name
        ("以季度会长办公会为契机。", REAL_DATE, []),  # 季度 alone is "quarterly"
        # a month, a week or a day counted from the article's day (they were drafted as nothing)
        ("上个月，商会举办座谈会。昨天，工商联召开会议。", REAL_DATE, ["上个月=2023-09", "昨天=2023-10-10"]),
        ("上月15日，商会成立。上周，会长到访。", REAL_DATE, ["上月15日=2023-09-15", "上周=before 2023-10-11"]),
        ("上个月，商会举办座谈会。", date(2024, 1, 5), ["上个月=2023-12"]),
        ("当月，商会举办座谈会；本周，会长到访。", REAL_DATE, []),  # (that month; this week, whose days may come after)
    ],
)
def test_which_dates_are_events(text: str, published: date, events: list[str]) -> None:
    assert candidates_in(text, published)[1] == events


def always(_: str) -> bool:
    return True


@pytest.mark.parametrize(
    ("text", "fact", "quote"),
    [
        ("今年4月，依托乡贤资源，达成订单额63亿元。", "63亿元", "达成订单额63亿元"),  # the clause
        ("今年4月，依托乡贤资源，达成订单额63亿元。", "今年4月", "今年4月，依托乡贤资源"),  # a bare date: the next clause too
        ("日前，《意见》出台。", "日前", "日前，《意见》出台"),
        ("示例县新建农田4.5万亩，总投资1.2亿元。", "1.2亿元", "示例县新建农田4.5万亩，总投资1.2亿元"),  # too short: widened
        ("共8家。", "8家", "共8家"),  # the whole block is all there is
    ],
)
def test_quote_around(text: str, fact: str, quote: str) -> None:
    start = text.index(fact)
    assert quote_around(text, start, start + len(fact), always) == quote


def test_quote_is_widened_until_unique() -> None:
    text = "今年以来，新建商会5家，总数达到49个；去年以来，新建商会5家，总数达到44个。"
    start = text.rindex("5家")
    assert quote_around(text, start, start + 2, lambda quote: text.count(quote) == 1) == "新建商会5家，总数达到44个"



def _quote_around_before(text: str, start: int, end: int, unique: Callable[[str], bool]) -> str:
    """quote_around as it was (3f7a4ba), a search of the source for every step of every widening: what the
    quotes must still be."""
    marks = tuple(index for index, char in enumerate(text) if char in "，。；：！？,;:!?")
    before, after = bisect_left(marks, start), bisect_left(marks, end)
    left = marks[before - 1] + 1 if before else 0
    right = marks[after] if after < len(marks) else len(text)
    while True:
        quote = text[left:right].strip().rstrip("，。；：！？,;:!?")
        if len(quote) - (end - start) >= 4 and unique(quote):
            return quote
        if right < len(text):
            after = bisect_right(marks, right)
            right = marks[after] if after < len(marks) else len(text)
        elif left > 0:
            before = bisect_left(marks, left - 1)
            left = marks[before - 1] + 1 if before else 0
        else:
            return quote


# Clauses to repeat (one written with a full-width digit, one after a space), and the marks between them.
CLAUSES = ["新建商会5家", "新建商会５家", "总数达到49个", "今年4月", "共8家", "甲", "甲乙", "", " 共8家", "捐款超4.5亿元"]
MARKS = ["，", "。", "；", "：", ",", " ，", "！"]


def repeating(rng: random.Random, most: int = 14) -> str:
    """A paragraph of a few clauses, each repeated at random."""
    clauses = rng.sample(CLAUSES, rng.randint(1, 4))
    return "".join(rng.choice(clauses) + rng.choice(MARKS) for _ in range(rng.randint(1, most)))[:rng.randint(1, 99)]


def test_quotes_are_widened_as_before_in_paragraphs_of_repeated_clauses() -> None:
    """Each quote is the one the widening a step at a time gave, searching the source at each step, for any span
    asked in any order of one block (the searches are shared), whatever the other blocks repeat."""
    rng = random.Random(20231011)
    for _ in range(2000):
        blocks = [SourceBlock("paragraph", repeating(rng), line) for line in range(rng.randint(1, 3))]
        source = SearchableText.of(blocks)
        block = rng.choice(blocks).text
        widening = _Widening(block, source.occurs_once)
        for _ in range(rng.randint(1, 6)):
            start = rng.randrange(len(block))
            end = min(len(block), start + rng.randint(0, 4))
            before = _quote_around_before(block, start, end, lambda quote: len(find_quote(source, quote)[0]) == 1)
            assert widening.quote(start, end) == before, (blocks, block, start, end)


@pytest.mark.parametrize("limit", [200, 40])
def test_drafts_are_as_before_for_paragraphs_of_repeated_clauses(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    """The whole draft of numbers and dates: as it was when each was quoted on its own, a step at a time, and searched
    for however long (the draft leaves out a quote of more than MAX_DRAFT_QUOTE_CHARS either way; at 40, many of
    these paragraphs' windows are longer, and are not searched for)."""
    monkeypatch.setattr(candidates, "MAX_DRAFT_QUOTE_CHARS", limit)
    rng = random.Random(20231012)
    for _ in range(300):
        blocks = [SourceBlock("paragraph", repeating(rng, 30), line) for line in range(rng.randint(1, 3))]
        draft = render_candidates(find_candidates("2023-10-11-00000000", REAL_DATE, blocks))
        with monkeypatch.context() as before:
            source = SearchableText.of(blocks)
            before.setattr(candidates, "_Widening", lambda text, *_: SimpleNamespace(
                quote=lambda start, end: _quote_around_before(
                    text, start, end, lambda quote: len(find_quote(source, quote)[0]) == 1)))
            assert draft == render_candidates(find_candidates("2023-10-11-00000000", REAL_DATE, blocks)), blocks


# --------------------------------------------------------------------------
# The draft: ready to paste into the data files


def test_draft_records_have_the_data_files_keys(real: Candidates) -> None:
    draft = yaml.safe_load(render_candidates(real))
    assert list(draft) == ["statistics", "events"]
    for record, candidate in zip(draft["statistics"], real.statistics, strict=True):
        assert record == {"id": candidate.id, "value": candidate.value, "unit": candidate.unit,
                          "qualifier": candidate.qualifier, "source": REAL_ID, "quote": candidate.quote,
                          "zh": {"label": "", **({"measure": candidate.measure} if candidate.measure else {})},
                          "en": {"label": ""}}
    for record, candidate in zip(draft["events"], real.events, strict=True):
        assert record == {"id": candidate.id, "date": candidate.date, "source": REAL_ID, "quote": candidate.quote,
                          "zh": {"title": "", "text": ""}, "en": {"title": "", "text": ""}}
    ids = [record["id"] for record in draft["statistics"] + draft["events"]]
    assert len(set(ids)) == len(ids) and all(ID_PATTERN.match(ident) for ident in ids)


def test_draft_shows_each_fact_as_written_above_its_record(real: Candidates) -> None:
    text = render_candidates(real)
    assert text.startswith(f"# Candidate facts of content/sources/{REAL_ID}.md")
    assert "# 超4.5亿元: yuan, over; source line 53\n- id: yuan-over-4-5-yi\n" in text
    assert "# 三个 (三个平台…): count, exact, measure 个; source line 27\n" in text
    assert "# 今年4月: 2023-04; source line 63\n- id: event-2023-04\n" in text
    assert text.endswith('    text: ""\n') and "\n\n\n" not in text


def test_an_empty_draft_is_still_a_document() -> None:
    text = render_candidates(Candidates("2023-10-11-00000000", (), ()))
    assert yaml.safe_load(text) == {"statistics": [], "events": []}


def paste(root: Path, draft: str, words: str | None) -> None:
    """Append every record of ``draft`` to the project's data files, writing ``words`` into the empty labels."""
    if words is not None:
        draft = re.sub(r'(label|title|text): ""', rf"\1: {words}", draft)
    statistics, events = draft.split("\nstatistics:\n")[1].split("\nevents:\n")
    for name, records in (("statistics", statistics), ("timeline", events)):
        path = root / "content" / "data" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + records, encoding="utf-8")


def test_accepting_every_candidate_passes_the_build(tmp_path: Path) -> None:
    """The real item, an RSS and an Atom feed: every candidate, pasted with its words written, checks clean."""
    root = make_project(tmp_path, SAMPLE)
    sources = root / "content" / "sources"
    pasted = Counter()
    for raw in (REAL_PATH, FIXTURES / "rss.xml", FIXTURES / "atom.xml"):
        for result in ingest_file(raw, sources):
            if result.path.name.endswith(".candidates.yaml"):
                draft = result.path.read_text(encoding="utf-8")
                paste(root, draft, "placeholder")
                pasted.update({key: len(records) for key, records in yaml.safe_load(draft).items()})
    result = check(root)  # raises ContentErrors if any candidate is not a valid, traceable record
    assert len(result.site.sources) == 5  # the real item, 2 RSS items, 2 Atom entries
    assert pasted["statistics"] == len(REAL_STATISTICS) + 6 + 6 and pasted["events"] == len(REAL_EVENTS) + 5 + 4
    assert len(result.site.statistics) == 9 + pasted["statistics"]
    assert len(result.site.events) == 6 + pasted["events"]


def test_a_pasted_draft_asks_only_for_the_words(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    paste(root, COMMITTED_DRAFT.read_text(encoding="utf-8"), None)
    with pytest.raises(ContentErrors) as errors:
        check(root)
    messages = [error.message for error in errors.value.errors]
    assert messages and all(re.search(r"'(label|title|text)' is empty$", message) for message in messages)
    assert len(messages) == 2 * len(REAL_STATISTICS) + 4 * len(REAL_EVENTS)


@pytest.mark.parametrize("sentence", ["示例{}县新建农田{}万亩,投资3亿元。", "《规划{}》第{}项49个；"])
def test_a_long_paragraph_of_many_numbers_is_drafted_in_linear_time(sentence: str) -> None:
    """For each number, the clause marks of its whole paragraph were found again, the text before it searched and
    its 《》 counted, and its id tried from -2 on: a paragraph of 4,000 numbers took 31 s to ingest."""
    def blocks(count: int) -> list[SourceBlock]:
        text = "".join(sentence.format("".join("甲乙丙丁戊己庚辛壬癸"[int(digit)] for digit in str(number)), number + 1)
                       for number in range(count))
        return [SourceBlock("paragraph", text, 1)]

    assert superlinear(lambda found: find_candidates("2023-10-11-00000000", date(2023, 10, 11), found), blocks, 400,
                       times=2) is None


@pytest.mark.parametrize("sentence, then", [("新建商会5家，总数达到49个；", ""), ("共8家。", ""),
                                            ("今年新建商会5家。", "另有3家商会成立。")])
def test_a_paragraph_of_one_sentence_repeated_is_drafted_in_linear_time(sentence: str, then: str) -> None:
    """No clause of it is unique: each number's quote was widened a clause at a time to nearly the whole
    paragraph, each step searching the source again (400 '今年新建商会5家。' took 355 s to ingest). Followed by
    one other sentence, each number's first unique window ran to it, and each was normalized to be searched for
    (1,600 repeats: 39 s, then 1.8 s): a window longer than a draft's quote is no longer searched for."""
    def blocks(count: int) -> list[SourceBlock]:
        return [SourceBlock("paragraph", sentence * count + then, 1)]

    def draft(found: list[SourceBlock]) -> str:
        return render_candidates(find_candidates("2023-10-11-00000000", date(2023, 10, 11), found))

    assert superlinear(draft, blocks, 200, times=2) is None


def test_a_candidate_without_a_short_passage_of_its_own_is_drafted_without_a_quote() -> None:
    """In one sentence repeated, each number's quote was most of the paragraph (a draft of numbers x paragraph:
    800 repeats, 32 MB); a quote that occurs twice, or is too short, `check` would refuse. Such candidates are
    drafted without a quote, and say why; the draft grows as the paragraph does."""
    def draft(count: int) -> str:
        blocks = [SourceBlock("paragraph", "新建商会5家，总数达到49个；" * count + "共8家。", 1)]
        return render_candidates(find_candidates("2023-10-11-00000000", date(2023, 10, 11), blocks))

    small, large = draft(50), draft(200)
    assert "quote: \"\"" in large and "occurs once in the source: quote one by hand" in large
    assert len(large) < 5 * len(small)  # four times the paragraph (quadratic: sixteen times)
    assert all(len(line) < 300 for line in large.splitlines())
    unique = render_candidates(find_candidates("2023-10-11-00000000", date(2023, 10, 11),
                                               [SourceBlock("paragraph", "今年以来，新建商会5家，总数达到49个。", 1)]))
    assert "quote one by hand" not in unique  # a passage that occurs once keeps its quote


def test_a_paragraph_of_many_dates_and_numbers_is_drafted_in_linear_time() -> None:
    """Each number (the years and months of the dates too) asked every date of its paragraph whether it is part
    of it: quadratic (1,200 sentences of three dates and a number took 11 times as long as 300)."""
    def blocks(count: int) -> list[SourceBlock]:
        text = "".join(f"示例{''.join('甲乙丙丁戊己庚辛壬癸'[int(digit)] for digit in str(number))}县"
                       f"今年4月、去年5月和2022年6月新建{number}家。" for number in range(count))
        return [SourceBlock("paragraph", text, 1)]

    assert superlinear(lambda found: find_candidates("2023-10-11-00000000", date(2023, 10, 11), found), blocks, 300,
                       times=2) is None


def test_the_draft_of_a_paragraph_of_one_sentence_repeated_is_written_in_linear_time() -> None:
    """Its numbers share one quote of nearly the whole paragraph, which the draft repeats for each (so it grows as
    their number times the paragraph's length), but it is made YAML of once: it was for each, in Python."""
    def drafted(count: int) -> Candidates:
        return find_candidates("2023-10-11-00000000", date(2023, 10, 11),
                               [SourceBlock("paragraph", "今年新建商会5家。" * count, 1)])

    def render(found: Candidates) -> str:
        candidates._quote_scalar.cache_clear()  # (each run as the first)
        return render_candidates(found)

    assert superlinear(render, drafted, 150) is None


@pytest.mark.parametrize(("value", "written"), [(0.00005, "0.00005"), (1.5e16, "15000000000000000"), (4.5, "4.5"),
                                                (450000000, "450000000")])
def test_a_drafted_value_is_written_in_decimal_digits_as_the_build_reads_a_number(value, written):
    """Python writes 0.00005 as 5e-05, which the build refuses in statistics.yaml (an exponent)."""
    from microsite.candidates import StatisticCandidate

    draft = render_candidates(Candidates("2023-10-11-00000000", (StatisticCandidate(
        "percent-x", value, "percent", "exact", "", "x", "x", 1),), ()))
    assert f"\n  value: {written}\n" in draft


def test_an_article_in_english_is_drafted_by_the_english_reading_as_the_build_reads_it():
    """An English RSS item's candidates were read as Chinese: its one draft was a count of 2023 (the year of
    'October 11, 2023'), and none of its numbers in words, its amounts or its dates was drafted. Each draft now
    passes the build's check of its value or date against its quote."""
    published = date(2023, 10, 11)
    blocks = [SourceBlock("paragraph", text, line) for line, text in (
        (2, "The federation said on Wednesday, October 11, 2023, that its 49 chambers had donated more than "
            "450 million yuan since the start of the year."),
        (4, "Last year, forty-nine chambers took part, and the federation ranked 2nd in the province."))]
    found = find_candidates("x", published, blocks)
    assert [(item.value, item.unit, item.qualifier, item.text) for item in found.statistics] == [
        (49, "count", "exact", "49"), (450000000, "yuan", "more-than", "more than 450 million yuan"),
        (49, "count", "exact", "forty-nine")]
    assert [(item.date, item.text) for item in found.events] == [
        ("2023-10-11", "October 11, 2023"), ("2023", "the year"), ("2022", "Last year")]
    for item in found.statistics:
        assert number_problem(item.value, item.qualifier, item.quote, "en") == "", item
    for item in found.events:
        assert date_problem(PartialDate.parse(item.date), item.quote, published, "en") == "", item


@pytest.mark.parametrize("text, lang", [
    ("Last month, the chamber held a forum. Yesterday, the federation met. Last week, the chambers visited firms.",
     "en"),
    ("上个月，商会举办座谈会。昨天，工商联召开会议。上周，商会走访企业。", "zh"),
])
def test_a_time_counted_from_the_articles_day_is_drafted_as_the_date_the_build_reads_in_its_quote(text, lang):
    """上个月 and "Last month" of an article of 2023-10-11 are drafted as 2023-09, 昨天 and "Yesterday" as
    2023-10-10, 上周 and "Last week" as shortly before the day: each draft's date is the one the build reads in its
    quote."""
    published = date(2023, 10, 11)
    found = find_candidates("x", published, [SourceBlock("paragraph", text, 1)])
    assert [item.date for item in found.events] == ["2023-09", "2023-10-10", "before 2023-10-11"]
    for item in found.events:
        assert date_problem(PartialDate.parse(item.date), item.quote, published, lang) == "", item
