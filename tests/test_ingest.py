"""Tests for microsite.ingest: raw e-paper items -> source files."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import pytest
import yaml

from microsite.ingest import (
    Block,
    IngestError,
    SourceItem,
    clean_punctuation,
    ingest_file,
    is_caption,
    is_heading,
    parse_epaper,
    render_source,
    split_chunks,
    to_ascii_punctuation,
    yaml_scalar,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
REAL_NAME = "000_9911d2ada22d7c3e.txt"
REAL_PATH = FIXTURES / "real" / REAL_NAME
SHARED_REAL_PATH = ROOT.parent / "shared" / "feed" / REAL_NAME
REAL_SHA256 = "eb7c93e77a45e6044faf648557faaf5e0309fb074ef456c67d83400517753896"
COMMITTED_SOURCE = ROOT / "content" / "sources" / "2023-10-11-eb7c93e7.md"
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
    assert to_ascii_punctuation(rebuilt) == to_ascii_punctuation(real_body)
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
    assert b"\r" not in fixture("basic.txt")


@pytest.mark.parametrize(
    "name", ["crlf.txt", "bom.txt", "gb18030.txt", "fullwidth_colons.txt", "extra_pipes.txt"]
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
    assert "author: \"\"\n" in render_source(item)


def test_author_from_author_line_when_no_byline() -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("作者:\n", "作者:王五\n").replace("■李明 ", "")
    assert parse_epaper(raw.encode("utf-8"), "x.txt").author == "王五"


def test_without_kicker_or_declared_chars() -> None:
    raw = fixture("basic.txt").decode("utf-8").replace("春耕 备耕 |\n", "").replace(" 字数:150", "")
    item = parse_epaper(raw.encode("utf-8"), "x.txt")
    assert (item.kicker, item.title, item.declared_chars) == ("", "示例县推进高标准农田建设", None)
    assert "kicker: \"\"\ntitle: 示例县推进高标准农田建设\n" in render_source(item)
    assert "declared_chars: null\n" in render_source(item)


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
    assert "encoding=" in error.value.hint


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
    assert to_ascii_punctuation(clean) == to_ascii_punctuation(raw)


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
# ingest_file


@pytest.fixture()
def raw_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed" / REAL_NAME
    path.parent.mkdir()
    path.write_bytes(REAL_PATH.read_bytes())
    return path


def test_ingest_creates_then_unchanged(raw_file: Path, tmp_path: Path, real: SourceItem) -> None:
    sources = tmp_path / "content" / "sources"
    first = ingest_file(raw_file, sources)
    target = sources / "2023-10-11-eb7c93e7.md"
    assert first == type(first)(target, "created")
    written = target.read_bytes()
    assert written == render_source(real).encode("utf-8")
    stat = target.stat()
    second = ingest_file(raw_file, sources)
    assert (second.path_written, second.status) == (None, "unchanged")
    assert target.read_bytes() == written
    assert target.stat().st_mtime_ns == stat.st_mtime_ns and target.stat().st_ino == stat.st_ino
    assert sorted(p.name for p in sources.iterdir()) == ["2023-10-11-eb7c93e7.md"]  # no temp files left


def test_ingest_refuses_to_overwrite_an_edited_file(raw_file: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / "2023-10-11-eb7c93e7.md"
    edited = target.read_text(encoding="utf-8").replace("author: 徐志南", "author: 徐志南（编辑改过）")
    target.write_text(edited, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        ingest_file(raw_file, sources)
    assert error.value.path == str(target)
    assert error.value.line == 8
    assert error.value.hint == "pass --force to overwrite"
    assert "-author: 徐志南（编辑改过）" in error.value.message
    assert "+author: 徐志南" in error.value.message
    assert str(error.value).startswith(f"{target}:8: 2023-10-11-eb7c93e7.md differs")
    assert target.read_text(encoding="utf-8") == edited


def test_ingest_force_overwrites(raw_file: Path, tmp_path: Path, real: SourceItem) -> None:
    sources = tmp_path / "sources"
    ingest_file(raw_file, sources)
    target = sources / "2023-10-11-eb7c93e7.md"
    target.write_text("hand-edited\n", encoding="utf-8")
    result = ingest_file(raw_file, sources, force=True)
    assert (result.path_written, result.status) == (target, "updated")
    assert target.read_bytes() == render_source(real).encode("utf-8")
    assert sorted(p.name for p in sources.iterdir()) == ["2023-10-11-eb7c93e7.md"]


def test_ingest_passes_encoding_and_names_the_raw_path(tmp_path: Path) -> None:
    raw = tmp_path / "item.txt"
    raw.write_bytes(fixture("gb18030.txt"))
    result = ingest_file(raw, tmp_path / "out", encoding="gb18030")
    assert result.status == "created" and result.path_written is not None
    assert result.path_written.parent == tmp_path / "out"
    assert "raw_name: item.txt\n" in result.path_written.read_text(encoding="utf-8")
    bad = tmp_path / "note.md"
    bad.write_bytes(fixture("not_epaper.md"))
    with pytest.raises(IngestError) as error:
        ingest_file(bad, tmp_path / "out")
    assert (error.value.path, error.value.line) == (str(bad), 1)
    with pytest.raises(IngestError, match="cannot read"):
        ingest_file(tmp_path / "missing.txt", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [result.path_written.name]
