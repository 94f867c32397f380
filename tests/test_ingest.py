"""Tests for microsite.ingest and microsite.feeds_in: raw feed items -> source files.

Candidate facts (the drafts written beside the sources) are tested in
``test_candidates.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml

from microsite.feeds_in import canonical_sha256, html_blocks, looks_like_xml, parse_timestamp
from microsite.epaper import (
    Block,
    IngestError,
    SourceItem,
    clean_punctuation,
    is_caption,
    is_heading,
    parse_epaper,
    split_chunks,
)
from microsite.ingest import IngestResult, expand_paths, ingest_file, parse_items, render_source, yaml_scalar
from microsite.provenance import parse_source_body
from microsite.seal import HEADER_FIELDS, header_sha256, text_sha256
from tests.conftest import SAMPLE_SOURCE

_TO_ASCII = str.maketrans("，：；（）！？", ",:;()!?")


def to_ascii(text: str) -> str:
    """The inverse of ``clean_punctuation``'s mapping, applied everywhere: what to compare texts by when the
    punctuation's width may differ."""
    return text.translate(_TO_ASCII)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
REAL_NAME = "000_9911d2ada22d7c3e.txt"
REAL_PATH = FIXTURES / "real" / REAL_NAME
SHARED_REAL_PATH = ROOT.parent / "shared" / "feed" / REAL_NAME
REAL_SHA256 = "eb7c93e77a45e6044faf648557faaf5e0309fb074ef456c67d83400517753896"
REAL_TEXT_SHA256 = "00ded10e6cc63a45e95c12d1197127c578e31068c3a3857ecf6b44b5b148c814"  # of its text, as written
# Of its header: outlet, date, edition, page, kicker, title, author and declared_chars, as written.
REAL_HEADER_SHA256 = "b76a051a2be3111bad16d290547264e6bfe7ca44c8cb320a8c779c28392681f1"
COMMITTED_SOURCE = SAMPLE_SOURCE  # the sample site keeps the item as ingest wrote it
CJK = r"[\u4e00-\u9fff]"


@pytest.fixture(scope="module")
def real_raw() -> bytes:
    return REAL_PATH.read_bytes()


@pytest.fixture(scope="module")
def real(real_raw: bytes) -> SourceItem:
    return parse_epaper(real_raw, REAL_NAME)


@pytest.fixture(scope="module")
def real_body(real_raw: bytes) -> str:
    """The raw body line, read independently of the parser: the one long line."""
    lines = real_raw.decode("utf-8").split("\n")
    (body,) = [line for line in lines if len(line) > 200]
    return body


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --------------------------------------------------------------------------
# The real item


def test_real_fixture_is_the_feed_item(real_raw: bytes) -> None:
    assert hashlib.sha256(real_raw).hexdigest() == REAL_SHA256
    if SHARED_REAL_PATH.exists():
        assert SHARED_REAL_PATH.read_bytes() == real_raw


def test_real_item_metadata(real: SourceItem) -> None:
    assert real.outlet == "中华工商时报"
    assert real.date == "2023-10-11"
    assert real.edition == "第06版"
    assert real.page == "六版"
    assert real.kicker == "强素质 增信念 勤联络"
    assert real.title == "晋江市工商联抓实商会建设提质增效"
    assert real.author == "徐志南"
    assert real.declared_chars == 2383
    assert real.raw_sha256 == REAL_SHA256
    assert real.raw_name == REAL_NAME
    assert real.id == "2023-10-11-eb7c93e7"


def test_real_item_headings(real: SourceItem) -> None:
    headings = [(index, block.text) for index, block in enumerate(real.blocks) if block.kind == "heading"]
    assert headings == [(3, "搭载体提振积极性"), (9, "建机制提高效率性"), (16, "强服务提升功能性")]


def test_real_item_caption_is_last(real: SourceItem) -> None:
    captions = [block for block in real.blocks if block.kind == "caption"]
    assert captions == [real.blocks[-1]]
    assert real.blocks[-1].text.startswith("2023年7月")
    assert "陈贻得（中）" in real.blocks[-1].text


def test_real_item_block_counts(real: SourceItem, real_body: str) -> None:
    assert len(real_body.split(" ")) == 27  # read by hand: 23 paragraphs + 3 headings + 1 caption
    kinds = [block.kind for block in real.blocks]
    assert len(kinds) == 27
    assert kinds.count("paragraph") == 23
    assert kinds.count("heading") == 3
    assert kinds.count("caption") == 1
    assert kinds[0] == "paragraph"


def test_real_item_punctuation_cleaned(real: SourceItem) -> None:
    texts = [block.text for block in real.blocks] + [real.kicker, real.title]
    for text in texts:
        assert not re.search(f"{CJK},{CJK}", text), text
        assert not re.search(f"{CJK}[,:;()!?]|[,:;()!?]{CJK}", text), text
    everything = "".join(texts)
    assert "4.5亿元" in everything
    assert "工商联+公检法司" in everything
    assert "即：民营经济" in everything
    assert "镇（街道）党政" in everything


def test_real_item_text_otherwise_unchanged(real: SourceItem, real_body: str) -> None:
    rebuilt = " ".join(block.text for block in real.blocks)
    assert to_ascii(rebuilt) == to_ascii(real_body)
    assert len(rebuilt) == len(real_body)


def test_real_item_counted_chars(real: SourceItem, real_body: str) -> None:
    assert real.counted_chars == len(re.sub(r"\s", "", real_body)) == 2251


def test_render_real_item(real: SourceItem) -> None:
    text = render_source(real)
    head = "\n".join(
        [
            "---",
            "outlet: 中华工商时报",
            'date: "2023-10-11"',
            "edition: 第06版",
            "page: 六版",
            "kicker: 强素质 增信念 勤联络",
            "title: 晋江市工商联抓实商会建设提质增效",
            "author: 徐志南",
            "declared_chars: 2383",
            "counted_chars: 2251",
            f"text_sha256: {REAL_TEXT_SHA256}",
            f"header_sha256: {REAL_HEADER_SHA256}",
            f"raw_sha256: {REAL_SHA256}",
            f"raw_name: {REAL_NAME}",
            "---",
            "",
            real.blocks[0].text,
            "",
            real.blocks[1].text,
            "",
        ]
    )
    assert text.startswith(head)
    assert "\n\n## 搭载体提振积极性\n\n" in text
    assert text.endswith("\n\n> " + real.blocks[-1].text + "\n")
    assert "\r" not in text and "\n\n\n" not in text and not text.endswith("\n\n")


def test_render_front_matter_reads_back(real: SourceItem) -> None:
    front = render_source(real).split("---\n")[1]
    data = yaml.safe_load(front)
    assert data["date"] == "2023-10-11"  # a string, not a datetime.date
    assert data["declared_chars"] == 2383
    assert data["kicker"] == real.kicker
    assert data["raw_name"] == REAL_NAME


def test_render_is_deterministic(real_raw: bytes) -> None:
    assert render_source(parse_epaper(real_raw, REAL_NAME)) == render_source(parse_epaper(real_raw, REAL_NAME))


def test_committed_source_matches_render(real_raw: bytes) -> None:
    expected = render_source(parse_epaper(real_raw, REAL_NAME)).encode("utf-8")
    assert COMMITTED_SOURCE.read_bytes() == expected


# --------------------------------------------------------------------------
# Variations of a small made-up item

BASIC_BLOCKS = (
    Block("paragraph", "今年以来，示例县新建高标准农田4.5万亩，总投资1.2亿元。"),
    Block("paragraph", "县农业农村局（县乡村振兴局）牵头，推行“农业+金融”模式；农户反映良好。"),
    Block("heading", "建设标准再提高"),
    Block("paragraph", "“田成方、渠相通，今年收成有指望。”村民王大伯说。"),
    Block("caption", "2024年3月，示例县副县长张三（中）在田间查看墒情。"),
)


def without_raw_identity(item: SourceItem) -> SourceItem:
    return dataclasses.replace(item, raw_sha256="", raw_name="")


@pytest.fixture(scope="module")
def basic() -> SourceItem:
    return parse_epaper(fixture("basic.txt"), "basic.txt")


def test_basic_item(basic: SourceItem) -> None:
    assert (basic.outlet, basic.date, basic.edition, basic.page) == ("示例日报", "2024-03-05", "第03版", "要闻")
    assert (basic.kicker, basic.title, basic.author) == ("春耕 备耕", "示例县推进高标准农田建设", "李明")
    assert basic.declared_chars == 150
    assert basic.blocks == BASIC_BLOCKS
    assert basic.counted_chars == sum(len(block.text) for block in BASIC_BLOCKS)


def test_fixture_bytes_are_what_their_names_say() -> None:
    assert b"\r\n" in fixture("crlf.txt") and b"\n" not in fixture("crlf.txt").replace(b"\r\n", b"")
    assert fixture("bom.txt").startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        fixture("gb18030.txt").decode("utf-8")
    assert fixture("gbk.txt").decode("gbk") == fixture("basic.txt").decode("utf-8")
    assert b"\r" not in fixture("basic.txt")


@pytest.mark.parametrize(
    "name", ["crlf.txt", "bom.txt", "gb18030.txt", "gbk.txt", "fullwidth_colons.txt", "extra_pipes.txt"]
)
def test_variation_parses_like_basic(name: str, basic: SourceItem) -> None:
    item = parse_epaper(fixture(name), name)
    assert without_raw_identity(item) == without_raw_identity(basic)
    assert item.raw_name == name
    assert item.raw_sha256 == hashlib.sha256(fixture(name)).hexdigest()


def test_no_author_line(basic: SourceItem) -> None:
    item = parse_epaper(fixture("no_author.txt"), "no_author.txt")
    assert item.author == ""
    assert without_raw_identity(item) == dataclasses.replace(without_raw_identity(basic), author="")
    assert "author:" not in render_source(item)  # left out: the build refuses an empty value


def test_author_from_author_line_when_no_byline() -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("作者:\n", "作者:王五\n").replace("■李明 ", "")
    assert parse_epaper(raw.encode("utf-8"), "x.txt").author == "王五"


def test_without_kicker_or_declared_chars() -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("春耕 备耕 |\n", "").replace(" 字数:150", "")
    item = parse_epaper(raw.encode("utf-8"), "x.txt")
    assert (item.kicker, item.title, item.declared_chars) == ("", "示例县推进高标准农田建设", None)
    assert "page: 要闻\ntitle: 示例县推进高标准农田建设\n" in render_source(item)  # no kicker line
    assert "declared_chars" not in render_source(item)


def test_explicit_encoding_overrides(basic: SourceItem) -> None:
    item = parse_epaper(fixture("gb18030.txt"), "gb18030.txt", encoding="gb18030")
    assert item.blocks == basic.blocks
    with pytest.raises(IngestError) as error:
        parse_epaper(fixture("basic.txt"), "basic.txt", encoding="ascii")
    assert error.value.path == "basic.txt" and error.value.line == 3
    with pytest.raises(IngestError, match="unknown encoding"):
        parse_epaper(fixture("basic.txt"), "basic.txt", encoding="no-such-codec")


def test_undecodable_file() -> None:
    with pytest.raises(IngestError) as error:
        parse_epaper("2024-03-05 第03版:要闻\n".encode("utf-8") + b"\x80\x80\n", "bad.txt")
    assert error.value.line == 2
    assert "--encoding" in error.value.hint


# --------------------------------------------------------------------------
# Not e-paper items


def test_not_epaper_names_file_and_line() -> None:
    with pytest.raises(IngestError) as error:
        parse_epaper(fixture("not_epaper.md"), "tests/fixtures/ingest/not_epaper.md")
    assert (error.value.path, error.value.line) == ("tests/fixtures/ingest/not_epaper.md", 1)
    assert str(error.value).startswith("tests/fixtures/ingest/not_epaper.md:1: not an e-paper item")
    assert "\n  hint: " in str(error.value)


def test_no_body_names_metadata_line() -> None:
    with pytest.raises(IngestError) as error:
        parse_epaper(fixture("no_body.txt"), "no_body.txt")
    assert error.value.line == 10
    assert "no body" in error.value.message


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        ("", 1, "no text"),
        ("|\n|\n", 1, "no text"),
        ("|\n2023-13-01 第06版:六版\n", 2, "invalid date"),
        ("2023-10-11 第06版:六版\n标题\n正文没有来源行。\n", 1, "来源"),
        ("2023-10-11 第06版:六版\n标题\n一。\n二。\n三。\n四。\n资金来源:财政。\n", 1, "来源"),
        ("2023-10-11 第06版:六版\n■某人 来源:某报\n正文。\n", 1, "no title"),
        ("2023-10-11 第06版:六版\n引题\n主题\n副题\n来源:某报\n正文。\n", 4, "3 headline lines"),
        ("2023-10-11 第06版:六版\n标题\n来源: 字数:12\n正文。\n", 3, "outlet"),
        ("2023-10-11 第06版:六版\n标题\n来源:某报 字数:十二\n正文。\n", 3, "字数"),
    ],
)
def test_malformed_items(raw: str, line: int, words: str) -> None:
    with pytest.raises(IngestError) as error:
        parse_epaper(raw.encode("utf-8"), "item.txt")
    assert error.value.line == line
    assert words in error.value.message


def test_ingest_error_format() -> None:
    error = IngestError(Path("a/b.txt"), 7, "something is wrong", "fix it")
    assert str(error) == "a/b.txt:7: something is wrong\n  hint: fix it"
    assert (error.path, error.line, error.message, error.hint) == ("a/b.txt", 7, "something is wrong", "fix it")
    assert isinstance(error, Exception)


# --------------------------------------------------------------------------
# Heuristics, one at a time


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("晋江,晋江", "晋江，晋江"),
        ("即:民营", "即：民营"),
        ("镇(街道)党政", "镇（街道）党政"),
        ("产品(ABC)", "产品（ABC）"),  # a pair converts together
        ("‘晋江经验’,晋江", "‘晋江经验’，晋江"),
        ("“强素质”,“增信念”", "“强素质”，“增信念”"),  # looks through quotes
        ("好!真的?", "好！真的？"),
        ("4.5亿元", "4.5亿元"),
        ("工商联+公检法司", "工商联+公检法司"),
        ("10,000 and 12:30 (ok)", "10,000 and 12:30 (ok)"),
        ("“hi”, then", "“hi”, then"),
    ],
)
def test_clean_punctuation(raw: str, clean: str) -> None:
    assert clean_punctuation(raw) == clean
    assert to_ascii(clean) == to_ascii(raw)


def test_split_chunks() -> None:
    assert split_chunks("第一段。 小标题\u3000第二段。\n第三段。  ") == ["第一段。", "小标题", "第二段。", "第三段。"]
    assert split_chunks("发布iPhone 15 Pro新品。 下一段。") == ["发布iPhone 15 Pro新品。", "下一段。"]


@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        ("搭载体提振积极性", True),
        ("一、强化党建引领", True),
        ("“晋江经验”再出发", True),
        ("十六个字的小标题刚好十六个字长度够", False),  # 17 characters
        ("好，很好", False),
        ("他说。", False),
        ("“爱拼才会赢”", False),  # ends a quotation
        ("纾困解难……", False),
        ("（完）", False),  # fewer than two ideographs
        ("2023", False),
    ],
)
def test_is_heading(chunk: str, expected: bool) -> None:
    assert is_heading(chunk) is expected


@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        ("2023年7月,陈贻得(中)带领调研组走访英林商会。", True),
        ("2023年7月5日，嘉宾（左一）参观展厅。", True),
        ("２０２３年７月，代表（前排右三）合影。", True),
        ("2024年3月，图为村民在田间劳作。", True),
        ("2024年3月，村民在田间劳作。李明 摄", True),
        ("2023年7月，晋江市工商联召开会议，部署下半年工作。", False),  # a date but no photo cue
        ("陈贻得(中)带领调研组走访英林商会。", False),  # a cue but no date first
        ("2023年7月，" + "很长的段落" * 40 + "（中）", False),  # too long for a caption
    ],
)
def test_is_caption(chunk: str, expected: bool) -> None:
    assert is_caption(chunk) is expected


def test_last_chunk_is_never_a_heading_and_caption_needs_a_body() -> None:
    base = "2024-03-05 第03版:要闻\n标题\n来源:某报\n"
    short_end = parse_epaper((base + "第一段。 结束语\n").encode("utf-8"), "x.txt")
    assert [block.kind for block in short_end.blocks] == ["paragraph", "paragraph"]
    only_caption = parse_epaper((base + "2024年3月,张三(中)调研。\n").encode("utf-8"), "x.txt")
    assert [block.kind for block in only_caption.blocks] == ["paragraph"]
    mid_caption = parse_epaper((base + "2024年3月,张三(中)调研。 第二段。\n").encode("utf-8"), "x.txt")
    assert [block.kind for block in mid_caption.blocks] == ["paragraph", "paragraph"]


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        ("中华工商时报", "中华工商时报"),
        ("强素质 增信念 勤联络", "强素质 增信念 勤联络"),
        ("000_9911d2ada22d7c3e.txt", "000_9911d2ada22d7c3e.txt"),
        ("", '""'),
        ("2023-10-11", '"2023-10-11"'),
        ("123", '"123"'),
        ("1e3", '"1e3"'),
        ("yes", '"yes"'),
        ("null", '"null"'),
        ("a: b", '"a: b"'),
        ("#话题", '"#话题"'),
        ("■徐志南", "■徐志南"),
        ('他说"好"', '他说"好"'),
        ('- "x"', '"- \\"x\\""'),
        ("a\tb", '"a\\u0009b"'),
    ],
)
def test_yaml_scalar(value: str, rendered: str) -> None:
    assert yaml_scalar(value) == rendered
    assert yaml.safe_load(f"v: {rendered}") == {"v": value}


# --------------------------------------------------------------------------
# ingest_file: writing, idempotence, never overwriting an edit

REAL_ID = "2023-10-11-eb7c93e7"


@pytest.fixture()
def raw_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed" / REAL_NAME
    path.parent.mkdir()
    path.write_bytes(REAL_PATH.read_bytes())
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_ingest_creates_source_and_draft_then_unchanged(raw_file: Path, tmp_path: Path, real: SourceItem) -> None:
    sources = tmp_path / "content" / "sources"
    source, draft = sources / f"{REAL_ID}.md", sources / f"{REAL_ID}.candidates.yaml"
    assert ingest_file(raw_file, sources) == [IngestResult(source, "created"), IngestResult(draft, "created")]
    assert source.read_bytes() == render_source(real).encode("utf-8")
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) for path in (source, draft)}
    assert ingest_file(raw_file, sources) == [IngestResult(source, "unchanged"), IngestResult(draft, "unchanged")]
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) for path in before} == before
    assert names(sources) == [f"{REAL_ID}.candidates.yaml", f"{REAL_ID}.md"]  # no temporary files left


def test_ingest_keeps_a_hand_corrected_source_of_the_same_raw_item(raw_file: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / f"{REAL_ID}.md"
    edited = target.read_text(encoding="utf-8").replace("author: 徐志南", "author: 徐志南（编辑改过）")
    target.write_text(edited, encoding="utf-8")
    [source, draft] = ingest_file(raw_file, sources)
    assert (source.path, source.status, draft.status) == (target, "kept", "unchanged")
    assert "your edited version stays" in source.note and "from line 8 on" in source.note
    assert target.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize("name", ["basic.txt", "crlf.txt", "bom.txt", "gb18030.txt", "rss.xml", "atom.xml",
                                  "real/" + REAL_NAME])
def test_the_seal_ingest_writes_is_of_the_text_the_build_reads(name: str) -> None:
    """text_sha256 in the front matter is the seal of the blocks the build reads back from the body (and only
    of their characters: the same article wrapped otherwise has the same seal)."""
    for item in parse_items(fixture(name), name):
        _, front, body = render_source(item).split("---\n", 2)
        texts = [block.text for block in parse_source_body(body)]
        assert yaml.safe_load(front)["text_sha256"] == text_sha256(texts) == item.text_sha256
        assert text_sha256(texts) == text_sha256(["".join(texts)]) != text_sha256(texts[1:])


def test_the_header_seal_is_the_sha256_of_one_line_per_field_without_white_space(real: SourceItem) -> None:
    """The formula docs/reference.md gives, written out: ``name:value`` lines in a fixed order, white space left
    out of each value (the kicker's spaces), a number in decimal."""
    lines = ["outlet:中华工商时报", "date:2023-10-11", "edition:第06版", "page:六版", "kicker:强素质增信念勤联络",
             "title:晋江市工商联抓实商会建设提质增效", "author:徐志南", "declared_chars:2383"]
    assert hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest() == real.header_sha256 == REAL_HEADER_SHA256


@pytest.mark.parametrize("name", ["basic.txt", "rss.xml", "atom.xml", "real/" + REAL_NAME])
def test_the_header_seal_ingest_writes_is_of_the_fields_the_build_reads(name: str) -> None:
    """header_sha256 is the seal of the header fields as the build reads them back from the front matter (a
    feed entry's lack edition, page, kicker and declared_chars: they are sealed as empty), and of nothing else."""
    for item in parse_items(fixture(name), name):
        front = yaml.safe_load(render_source(item).split("---\n", 2)[1])
        assert front["header_sha256"] == header_sha256({key: front.get(key) for key in HEADER_FIELDS})
        assert front["header_sha256"] == item.header_sha256
        assert header_sha256({**front, "title": front["title"] + "（续）"}) != front["header_sha256"]
        assert header_sha256({**front, "raw_name": "another.txt", "counted_chars": 1}) == front["header_sha256"]


def test_a_source_ingested_before_the_seal_gets_it_from_ingest_force(raw_file: Path, tmp_path: Path) -> None:
    """What the build's hint says to do for a source without text_sha256: ingest the raw item again, --force."""
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / f"{REAL_ID}.md"
    sealed = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r"(?m)^text_sha256: .*\n", "", sealed), encoding="utf-8")
    assert ingest_file(raw_file, sources)[0].status == "kept"
    assert ingest_file(raw_file, sources, force=True)[0].status == "updated"
    assert target.read_text(encoding="utf-8") == sealed and f"text_sha256: {REAL_TEXT_SHA256}\n" in sealed


def test_ingest_refuses_to_overwrite_a_source_of_another_raw_item(raw_file: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / f"{REAL_ID}.md"
    other = target.read_text(encoding="utf-8").replace("raw_sha256: eb7c93e7", "raw_sha256: eb7c93e8")
    target.write_text(other.replace("author: 徐志南", "author: 徐志南（另一篇）"), encoding="utf-8")
    with pytest.raises(IngestError) as error:
        ingest_file(raw_file, sources)
    assert error.value.path == str(target)
    assert "raw_sha256 differs" in error.value.hint and "--force" in error.value.hint
    assert str(error.value).startswith(f"{target}:") and f"{REAL_ID}.md differs" in str(error.value)


def test_ingest_keeps_an_edited_draft_until_forced(raw_file: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    draft = sources / f"{REAL_ID}.candidates.yaml"
    lines = draft.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("- id: count-49-ge"))
    lines[number - 1] = "- id: affiliated-chambers\n"
    draft.write_text("".join(lines), encoding="utf-8")
    results = ingest_file(raw_file, sources)
    assert [result.status for result in results] == ["unchanged", "kept"]
    assert f"from line {number} on" in results[1].note
    assert draft.read_text(encoding="utf-8") == "".join(lines)
    results = ingest_file(raw_file, sources, force=True)
    assert [result.status for result in results] == ["unchanged", "updated"]
    assert "- id: count-49-ge\n" in draft.read_text(encoding="utf-8")


def test_ingest_force_overwrites(raw_file: Path, tmp_path: Path, real: SourceItem) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / f"{REAL_ID}.md"
    target.write_text("hand-edited\n", encoding="utf-8")
    results = ingest_file(raw_file, sources, force=True)
    assert results[0] == IngestResult(target, "updated")
    assert target.read_bytes() == render_source(real).encode("utf-8")
    assert names(sources) == [f"{REAL_ID}.candidates.yaml", f"{REAL_ID}.md"]


def test_a_conflict_writes_nothing_for_the_file(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    first, second = ingest_file(FIXTURES / "rss.xml", sources)[::2]
    first.path.unlink()
    second.path.write_text(second.path.read_text(encoding="utf-8").replace("raw_sha256: ", "raw_sha256: 0"),
                           encoding="utf-8")  # another raw item's source under this id
    with pytest.raises(IngestError) as error:
        ingest_file(FIXTURES / "rss.xml", sources)
    assert error.value.path == str(second.path)
    assert not first.path.exists()  # the first item was not written either


def test_ingest_passes_encoding_and_names_the_raw_path(tmp_path: Path) -> None:
    raw = tmp_path / "item.txt"
    raw.write_bytes(fixture("gb18030.txt"))
    source = ingest_file(raw, tmp_path / "out", encoding="gb18030")[0]
    assert source.status == "created" and source.path.parent == tmp_path / "out"
    assert "raw_name: item.txt\n" in source.path.read_text(encoding="utf-8")
    bad = tmp_path / "note.md"
    bad.write_bytes(fixture("not_epaper.md"))
    with pytest.raises(IngestError) as error:
        ingest_file(bad, tmp_path / "out")
    assert (error.value.path, error.value.line) == (str(bad), 1)
    with pytest.raises(IngestError, match="cannot read"):
        ingest_file(tmp_path / "missing.txt", tmp_path / "out")
    assert names(tmp_path / "out") == [source.path.name.replace(".md", ".candidates.yaml"), source.path.name]


def test_expand_paths_takes_every_file_in_a_folder(tmp_path: Path) -> None:
    for name in ("b.xml", "a.txt", ".DS_Store"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_bytes(b"x")
    single = tmp_path / "sub" / "c.txt"
    assert expand_paths([tmp_path, single]) == [tmp_path / "a.txt", tmp_path / "b.xml", single]


def test_a_folder_with_no_raw_item_is_a_mistake_not_silence(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / ".hidden").write_bytes(b"x")
    assert main(["--root", str(tmp_path), "ingest", str(tmp_path / "feed")]) == 1
    assert capsys.readouterr().err == (f"{tmp_path / 'feed'}:1: the folder holds no raw item: no file directly in "
                                       "it\n  hint: give the raw items' files, or the folder they are in\n")


def test_a_block_that_would_not_read_back_is_refused(tmp_path: Path) -> None:
    feed = RSS_ONE_ITEM.format(body="&lt;p&gt;&amp;gt; 这一段以大于号开头。&lt;/p&gt;")
    path = tmp_path / "quote.xml"
    path.write_text(feed, encoding="utf-8")
    with pytest.raises(IngestError, match="would not read back as written"):
        ingest_file(path, tmp_path / "out")
    assert not (tmp_path / "out").exists() or names(tmp_path / "out") == []


# --------------------------------------------------------------------------
# RSS 2.0 and Atom feeds

RSS_ONE_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>示例日报</title>
    <item>
      <title>标题</title>
      <pubDate>Tue, 05 Mar 2024 18:00:00 GMT</pubDate>
      <description>{body}</description>
    </item>
  </channel>
</rss>
"""


@pytest.fixture(scope="module")
def rss() -> list[SourceItem]:
    return parse_items(fixture("rss.xml"), "rss.xml")


@pytest.fixture(scope="module")
def atom() -> list[SourceItem]:
    return parse_items(fixture("atom.xml"), "atom.xml")


def test_rss_items_metadata(rss: list[SourceItem]) -> None:
    farmland, coops = rss
    assert (farmland.outlet, farmland.title, farmland.author) == ("示例日报", "示例县推进高标准农田建设 & 春耕", "李明")
    assert farmland.date == "2024-03-06"  # 07:30 +0800: the feed's own day (in UTC it is still the 5th)
    assert farmland.raw_name == "example-daily-2024-0306-farmland"  # the guid
    assert (farmland.edition, farmland.page, farmland.kicker, farmland.declared_chars) == ("", "", "", None)
    assert (coops.author, coops.date, coops.raw_name) == ("王五", "2024-03-05", "https://news.example.org/2024/03/05/coops.html")
    for item in rss:
        assert item.id == f"{item.date}-{item.raw_sha256[:8]}"
        assert item.counted_chars == sum(len(re.sub(r"\s", "", block.text)) for block in item.blocks)


def test_rss_body_is_html_cleaned_to_blocks(rss: list[SourceItem]) -> None:
    assert rss[0].blocks == BASIC_BLOCKS  # the same article as the e-paper fixture, as HTML
    text = render_source(rss[0])
    assert "广告" not in text and "document.write" not in text and "color: red" not in text  # script, style dropped
    assert "<" not in text and "&" not in text.split("---\n")[2]  # tags gone, entities decoded


def test_rss_description_is_the_body_when_there_is_no_content(rss: list[SourceItem]) -> None:
    assert rss[1].blocks == (
        Block("paragraph", "前不久，示例镇新成立三家农民专业合作社，带动近3000户农户增收。"),
        Block("paragraph", "去年第四季度，合作社销售额同比增长12.5%。"),  # <br> ends a paragraph
        Block("paragraph", "全镇合作社已超过20家。"),
    )


def test_atom_entries(atom: list[SourceItem]) -> None:
    fair, guide = atom
    assert (fair.outlet, fair.title, fair.author) == ("示例周刊", "示例市举办“春风行动”招聘会", "赵六")  # html title
    assert fair.date == "2024-03-08"  # published, not updated; +08:00 is the feed's own day
    assert fair.raw_name == "urn:uuid:3f8c2a10-0000-4000-8000-000000000002"
    assert fair.blocks == (
        Block("paragraph", "3月7日，示例市“春风行动”招聘会举行，共有120家企业参会，提供岗位5000余个。"),
        Block("heading", "供需对接更精准"),
        Block("paragraph", "今年第一季度，全市已举办招聘会十五场。"),  # the script inside the <p> is gone
        Block("caption", "2024年3月7日，求职者在招聘会现场咨询。张三 摄"),
    )
    assert (guide.author, guide.date) == ("示例周刊编辑部", "2024-03-07")  # the feed's author; updated, in Z
    assert [block.kind for block in guide.blocks] == ["paragraph", "heading", "paragraph"]  # xhtml content
    assert guide.blocks[2].text == "其中 28项可在网上办理，约占87.5%。"  # &#160; is a space


def test_atom_summary_as_plain_text() -> None:
    feed = """<feed xmlns="http://www.w3.org/2005/Atom"><title>周刊</title>
      <entry><title>标题</title><id>tag:x,2024:1</id><updated>2024-03-07T16:00:00-05:00</updated>
        <author><name>甲</name></author>
        <summary>第一段，有 &lt;b&gt; 字样。
          第二段。</summary></entry></feed>"""
    (item,) = parse_items(feed.encode("utf-8"), "feed.xml")
    assert item.date == "2024-03-07"
    assert item.blocks == (Block("paragraph", "第一段，有 <b> 字样。"), Block("paragraph", "第二段。"))


@pytest.mark.parametrize("name", ["rss_gb18030.xml", "rss_bom_crlf.xml", "rss_snapshot.xml"])
def test_feed_variations_give_the_same_sources(name: str, rss: list[SourceItem]) -> None:
    """GB18030 (declared), a BOM with CRLF lines, another snapshot with other namespace prefixes."""
    items = parse_items(fixture(name), name)
    assert [render_source(item) for item in items] == [render_source(item) for item in rss]


def test_feed_variation_fixtures_are_what_their_names_say() -> None:
    with pytest.raises(UnicodeDecodeError):
        fixture("rss_gb18030.xml").decode("utf-8")
    assert fixture("rss_gb18030.xml").startswith(b'<?xml version="1.0" encoding="GB18030"?>')
    assert fixture("rss_bom_crlf.xml").startswith(b"\xef\xbb\xbf<?xml") and b"\r\n" in fixture("rss_bom_crlf.xml")
    assert b"dcterms:creator" in fixture("rss_snapshot.xml")


def test_utf16_feed(rss: list[SourceItem]) -> None:
    text = fixture("rss.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert [render_source(item) for item in parse_items(text.encode("utf-16"), "x.xml")] == [
        render_source(item) for item in rss]


def test_feed_encoding_option(rss: list[SourceItem]) -> None:
    items = parse_items(fixture("rss_gb18030.xml"), "x.xml", encoding="gb18030")
    assert [item.id for item in items] == [item.id for item in rss]
    with pytest.raises(IngestError) as error:
        parse_items(fixture("rss_gb18030.xml"), "x.xml", encoding="utf-8")
    assert error.value.line == 6 and "--encoding" in error.value.hint  # the channel title is the first Chinese


def test_entry_id_is_the_hash_of_the_entry_alone() -> None:
    """Another snapshot of the feed, with an item added before and other indentation: same id."""
    body = "&lt;p&gt;正文。&lt;/p&gt;"
    (item,) = parse_items(RSS_ONE_ITEM.format(body=body).encode("utf-8"), "a.xml")
    grown = RSS_ONE_ITEM.format(body=body).replace("    <item>", "<item><title>新</title><pubDate>Wed, 06 Mar 2024 "
                                                  "08:00:00 +0800</pubDate><description>新。</description></item>\n<item>")
    items = parse_items(grown.encode("utf-8"), "b.xml")
    assert items[1].id == item.id and items[0].id != item.id
    changed = parse_items(RSS_ONE_ITEM.format(body=body + "。").encode("utf-8"), "c.xml")
    assert changed[0].id != item.id
    assert item.raw_sha256 == canonical_sha256(ET.fromstring(RSS_ONE_ITEM.format(body=body).encode("utf-8"))[0][1])


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>

<!DOCTYPE rss SYSTEM "file:///etc/passwd">
<rss version="2.0"><channel><title>x</title></channel></rss>
"""


@pytest.mark.parametrize(("feed", "line"), [(BILLION_LAUGHS, 2), (EXTERNAL_ENTITY, 3)])
def test_a_feed_with_a_doctype_is_refused(feed: str, line: int, tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(feed, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        ingest_file(path, tmp_path / "out")
    assert (error.value.path, error.value.line) == (str(path), line)
    assert "document type declaration (<!DOCTYPE>)" in error.value.message and "refuses" in error.value.message
    assert not (tmp_path / "out").exists()


def test_doctype_words_inside_cdata_are_just_text() -> None:
    body = "<![CDATA[<!DOCTYPE html><p>正文里提到 &lt;!ENTITY&gt; 一词。</p>]]>"
    (item,) = parse_items(RSS_ONE_ITEM.format(body=body).encode("utf-8"), "a.xml")
    assert item.blocks == (Block("paragraph", "正文里提到 <!ENTITY> 一词。"),)


@pytest.mark.parametrize(
    ("feed", "line", "words"),
    [
        ("<rss>\n<channel>\n<title>x</titel>\n</channel></rss>", 3, "not well-formed XML: mismatched tag"),
        (RSS_ONE_ITEM.format(body="&nbsp;正文"), 8, "undefined entity"),
        ("<html><body>网页</body></html>", 1, "not an RSS 2.0 or Atom feed: the root element is <html>"),
        ("<rss version='2.0'>\n</rss>", 1, "no <channel>"),
        ("<rss version='2.0'><channel><title>x</title></channel></rss>", 1, "the feed has no <item>"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', 1, "the feed has no <entry>"),
        (RSS_ONE_ITEM.format(body="正文").replace("<title>示例日报</title>", ""), 3, "no <title> (the outlet)"),
        (RSS_ONE_ITEM.format(body="正文").replace("<title>标题</title>", ""), 5, "the item has no <title>"),
        (RSS_ONE_ITEM.format(body="正文").replace("<pubDate>Tue, 05 Mar 2024 18:00:00 GMT</pubDate>", ""),
         5, "the item has no date"),
        (RSS_ONE_ITEM.format(body="正文").replace("Tue, 05 Mar 2024", "昨天"), 7, "cannot read the date '昨天 18:00:00 GMT'"),
        (RSS_ONE_ITEM.format(body="&lt;script&gt;x()&lt;/script&gt;"), 5, "the item has no text"),
    ],
)
def test_malformed_feeds_name_the_line(feed: str, line: int, words: str) -> None:
    with pytest.raises(IngestError) as error:
        parse_items(feed.encode("utf-8"), "feed.xml")
    assert (error.value.path, error.value.line) == ("feed.xml", line)
    assert words in error.value.message


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        ("<div><p>甲。</p><div>乙。<p>丙。</p>丁。</div></div>", ["甲。", "乙。", "丙。", "丁。"]),
        ("一行<br>二行<br/>三行", ["一行", "二行", "三行"]),
        ("<ul><li>一项</li><li>二项</li></ul>", ["一项", "二项"]),
        ("<h2>小标题</h2><h4>更小</h4><p>正文</p>", ["heading:小标题", "heading:更小", "正文"]),
        ("<figure><img src='x.jpg'><figcaption><p>图说</p></figcaption></figure>", ["caption:图说"]),
        ("<p>前<script>var a = '<p>不要</p>';</script>后</p><style>p{}</style><noscript>无</noscript>", ["前后"]),
        ("<p>&amp;&lt;&gt;&quot;&#x4e2d;&#25991;&ldquo;&rdquo;&hellip;</p>", ['&<>"中文“”…']),
        ("<p>换行\n  接着写，English\n words</p>", ["换行接着写，English words"]),
        ("<table><tr><td>名称</td><td>数量</td></tr><tr><td>商会</td><td>49</td></tr></table>", ["名称 数量", "商会 49"]),
        ("<p>  </p><p>&nbsp;</p>", []),
    ],
)
def test_html_blocks(html: str, blocks: list[str]) -> None:
    shown = [text if kind == "paragraph" else f"{kind}:{text}" for kind, text in html_blocks(html)]
    assert shown == blocks


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("Wed, 11 Oct 2023 07:30:00 +0800", date(2023, 10, 11)),
        ("Tue, 10 Oct 2023 23:30:00 -0000", date(2023, 10, 10)),
        ("11 Oct 2023 07:30 GMT", date(2023, 10, 11)),
        ("2023-10-11T00:30:00+08:00", date(2023, 10, 11)),
        ("2023-10-10T18:00:00Z", date(2023, 10, 10)),
        ("2023-10-11", date(2023, 10, 11)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_timestamp_keeps_the_feeds_own_day(stamp: str, day: date | None) -> None:
    assert parse_timestamp(stamp) == day


def test_looks_like_xml() -> None:
    assert looks_like_xml(b"  \n<?xml version='1.0'?><rss/>")
    assert looks_like_xml(b"\xef\xbb\xbf<rss/>")
    assert looks_like_xml("<rss/>".encode("utf-16"))
    assert not looks_like_xml(fixture("basic.txt")) and not looks_like_xml(fixture("bom.txt"))
    assert not looks_like_xml(REAL_PATH.read_bytes())


# --------------------------------------------------------------------------
# The command line: python build.py ingest PATH...


def test_cli_ingests_a_folder_and_reports_what_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    feed = tmp_path / "feed"
    feed.mkdir()
    for name in ("basic.txt", "crlf.txt", "rss.xml", "atom.xml", "not_epaper.md", "no_body.txt"):
        (feed / name).write_bytes(fixture(name))
    (feed / REAL_NAME).write_bytes(REAL_PATH.read_bytes())
    (feed / ".DS_Store").write_bytes(b"\x00\x01")
    root = tmp_path / "site"
    assert main(["--root", str(root), "ingest", str(feed)]) == 1
    out, err = capsys.readouterr()
    assert f"{feed / 'not_epaper.md'}:1: not an e-paper item" in err
    assert f"{feed / 'no_body.txt'}:10: no body text" in err
    assert f"nothing was written for {feed / 'not_epaper.md'}" in err
    sources = root / "content" / "sources"
    ids = sorted(p.name[: -len(".md")] for p in sources.glob("*.md"))
    assert len(ids) == 1 + 1 + 2 + 2 + 1  # basic, crlf (its own bytes, its own id), 2 RSS, 2 Atom, the real item
    assert names(sources) == sorted([f"{i}.md" for i in ids] + [f"{i}.candidates.yaml" for i in ids])
    assert out.count("created: content/sources/") == 14 and REAL_ID in out
    assert main(["--root", str(root), "ingest", str(feed / REAL_NAME), str(feed / "rss.xml")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"unchanged: content/sources/{REAL_ID}.md", f"unchanged: content/sources/{REAL_ID}.candidates.yaml",
        *[f"unchanged: content/sources/{item.id}{suffix}" for item in parse_items(fixture("rss.xml"), "rss.xml")
          for suffix in (".md", ".candidates.yaml")],
    ]


def test_cli_keeps_an_edited_file_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    arguments = ["--root", str(tmp_path), "ingest", str(REAL_PATH)]
    assert main(arguments) == 0
    draft = tmp_path / "content" / "sources" / f"{REAL_ID}.candidates.yaml"
    draft.write_text("statistics: []\nevents: []\n", encoding="utf-8")
    capsys.readouterr()
    assert main(arguments) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"unchanged: content/sources/{REAL_ID}.md",
        f"kept: content/sources/{REAL_ID}.candidates.yaml",
        "  your edited version stays: it is of the same raw item, and differs from what ingest writes from line 1 on; "
        "--force would replace it"]
    assert draft.read_text(encoding="utf-8") == "statistics: []\nevents: []\n"
    assert main([*arguments, "--force"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"unchanged: content/sources/{REAL_ID}.md",
                                                    f"updated: content/sources/{REAL_ID}.candidates.yaml"]


def test_cli_encoding_option(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    raw = tmp_path / "item.txt"
    raw.write_bytes(fixture("gb18030.txt"))
    assert main(["--root", str(tmp_path), "ingest", "--encoding", "utf-8", str(raw)]) == 1
    assert f"{raw}:3: cannot decode the file as utf-8" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "ingest", "--encoding", "gb18030", str(raw)]) == 0


# --------------------------------------------------------------------------
# What a reader cannot see never reaches a source


def test_ingest_removes_invisible_and_control_characters_before_drafting(tmp_path: Path) -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("4.5万亩", "4\u200b.5万亩").replace("1.2亿元", "1.\u202e2亿元\x08")
    path = tmp_path / "item.txt"
    path.write_text(raw, encoding="utf-8")
    ingest_file(path, tmp_path / "sources")
    source = next((tmp_path / "sources").glob("*[0-9a-f].md")).read_text(encoding="utf-8")
    assert "4.5万亩" in source and "1.2亿元" in source
    assert not re.search("[\u200b\u202e\x08]", source)
    draft = next((tmp_path / "sources").glob("*.candidates.yaml")).read_text(encoding="utf-8")
    assert "value: 45000" in draft and "value: 120000000" in draft


def test_ingest_refuses_a_space_inside_a_number_and_writes_nothing(tmp_path: Path) -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("1.2亿元", "1.2 3亿元")
    path = tmp_path / "item.txt"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        ingest_file(path, tmp_path / "sources")
    assert "inside the number '1.2 3亿'" in caught.value.message and "1.2 3亿元" in caught.value.message
    assert not (tmp_path / "sources").exists() or not any((tmp_path / "sources").iterdir())


def test_ingested_source_with_zero_width_space_passes_the_build(minimal_project: Path, tmp_path: Path) -> None:
    from microsite.cli import main

    raw = fixture("basic.txt").decode("utf-8").replace("4.5万亩", "4\u200b.5万亩")
    path = tmp_path / "item.txt"
    path.write_text(raw, encoding="utf-8")
    ingest_file(path, minimal_project / "content" / "sources")
    for draft in (minimal_project / "content" / "sources").glob("*.candidates.yaml"):
        draft.unlink()  # the build does not read drafts; only the source has to pass
    assert main(["--root", str(minimal_project), "check"]) == 0


@pytest.mark.parametrize("what", ["folder", "fifo", "link-outside", "link-inside"])
@pytest.mark.parametrize("which", [".md", ".candidates.yaml"])
def test_ingest_refuses_unopened_what_is_not_a_file_where_it_writes_one(raw_file: Path, tmp_path: Path, what: str,
                                                                     which: str) -> None:
    """A folder was an IsADirectoryError traceback, a FIFO a wait for ever, and a link to a file outside the project
    was read and shown in the diff of the mistake; with --force too, nothing is written, and nothing opened."""
    sources = tmp_path / "sources"
    sources.mkdir()
    target = sources / f"{REAL_ID}{which}"
    secret = tmp_path / "secret.txt"
    secret.write_text("a secret outside the project\n", encoding="utf-8")
    if what == "folder":
        target.mkdir()
    elif what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(secret if what == "link-outside" else sources / "other.md")
        (sources / "other.md").write_text("x\n", encoding="utf-8")
    before = names(sources)
    for force in (False, True):
        with pytest.raises(IngestError) as error:
            ingest_file(raw_file, sources, force=force)
        assert error.value.path == str(target) and "where ingest writes this file" in error.value.message
        assert "a secret outside" not in str(error.value)
        assert names(sources) == before and (what != "folder" or target.is_dir())
