"""Property-based tests: whatever text, bytes or structure an editor (or a broken disk) gives the build,
the result is a built page or a located content error, never an unhandled exception.

Two layers. The pure readers (YAML, front matter, Markdown, numbers, dates, quotes) are fed arbitrary
text and text made of their own syntax, and must return or raise :class:`ContentErrors` whose locations
point into the text. Then the whole command line (``build.py check`` and ``build``) runs on the minimal
site with one file replaced by generated text, bytes or YAML structures, and must exit 0 or 1, print
every mistake as ``path:line:col: message``, and, when it succeeds, have written the page.

Run with ``--hypothesis-show-statistics`` to see how many examples each property tried.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from microsite.cli import main
from microsite.compiled import compile_markdown
from microsite.dates import PartialDate, find_dates_zh
from microsite.errors import ContentErrors, ErrorList
from microsite.load import parse_document
from microsite.markdown import new_parser
from microsite.numerals import SAID_QUALIFIERS, find_numbers_en, find_numbers_zh
from microsite.provenance import SourceBlock, find_quote, normalize, parse_source_body
from microsite.schema import Fields, expect_list
from microsite.yamlfile import YamlList, YamlMap, parse_yaml

from tests.conftest import MINIMAL, SAMPLE, make_project
from tests.hostile import PAYLOADS, problems

MD = new_parser()
PATH = Path("content/data/example.yaml")

# Hypothesis keeps caches (constants it found in the code) in .hypothesis/ of the working folder, which
# is the repository: keep them in the temporary folder instead.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "microsite-hypothesis")

# No example database (it would be written into the repository), no per-example deadline (the first
# parse of a run warms caches), and a fixture shared by the examples of one test is intended. In CI the
# examples are the same on every run (a red build is then the change's doing); PROPERTY_SCALE=10 tries
# ten times as many, for a longer hunt.
SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
FAST = settings(database=None, deadline=None, max_examples=150 * SCALE, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much])
END_TO_END = settings(FAST, max_examples=30 * SCALE)


# --- strategies --------------------------------------------------------------------------------------------------


def made_of(*tokens: str, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text built from ``tokens`` (a language's own syntax finds more than random characters do)."""
    return st.lists(st.sampled_from(tokens), max_size=max_size).map("".join)


YAML_TOKENS = (":", ": ", "-", "- ", "?", "[", "]", "{", "}", ",", "#", "&a", "*a", "!!str", "!x", "|", ">",
               "'", '"', "%", "@", "`", "\n", "  ", "\t", " ", "title", "zh", "en", "a", "1", "0x1f", "0o7", ".5",
               "1e9", ".inf", ".nan", "~", "null", "true", "no", "2023-10-11", "\\", "\\x01", "\\u2028", "：",
               "，", "强素质", "<<", "---", "...", "\r", "\ufeff", "<script>", "\"\\0\"")
MARKDOWN_TOKENS = ("*", "**", "_", "__", "[", "]", "(", ")", "![", "<", ">", "`", "```", "#", "## ", "{#a}", "{#",
                   "}", "\n", "\n\n", " ", "  ", "    ", "\t", "强素质", "。", "a", "1", "2023年", "|", "---", "- ",
                   "1. ", "> ", "&#106;", "&amp;", "&#0;", "javascript:", "stat:", "cite:", "term:", "event:",
                   "https://", "x.md", "#x", '"', "\\", "~~", "\x00", "\u3000", "\u00a0", "<script>", " onerror=",
                   "[x]: ", "\r")
DATE_TOKENS = ("年", "月", "日", "季度", "第", "今", "去", "明", "前不久", "日前", "以来", "2023", "9999", "0000",
               "0001", "12", "1", "13", "0", "31", "二", "十", "十二", "三十一", "四", "五", "一", "，", " ", "٢٠٢٣")
NUMBER_TOKENS = ("超", "近", "约", "余", "多", "亿", "万", "千", "元", "%", "个", "十", "百", "零", "〇", "两", "一",
                 "五", "4.5", "1,000", ",", ".", "0", "9" * 30, "１２", "．", "more than ", "over ", " billion",
                 " million", "CNY ", "$", " per cent", "十四五", "二〇二三", "٣")

texts = st.text(max_size=200)
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-10**400, max_value=10**400)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.sampled_from(PAYLOADS) | made_of(*YAML_TOKENS, max_size=8))
keys = st.text(min_size=1, max_size=12) | st.sampled_from(("id", "title", "zh", "en", "value", "unit", "label"))
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(keys, inner, max_size=4), max_leaves=12)


def dump(value: object) -> str:
    """YAML as a YAML library writes it (never with anchors: each value is written out)."""
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    return yaml.dump(value, Dumper=NoAliases, allow_unicode=True, sort_keys=False)


# --- pure readers -------------------------------------------------------------------------------------------------


def assert_located(errors: ContentErrors, path: Path, text: str, first_line: int = 1) -> None:
    """Every error points into ``text`` (at ``path``), with a one-line message."""
    assert errors.errors
    last_line = first_line + len(re.findall(r"\r\n|[\r\n]", text)) + 1  # YAML breaks lines at CR too
    for error in errors.errors:
        assert error.location.path == path
        assert error.location.line is None or first_line <= error.location.line <= last_line, error.format()
        assert error.location.column is None or error.location.column >= 1, error.format()
        assert "\n" not in error.message, error.format()


def walk(value: object) -> None:
    """Every mapping and list from YAML knows where it and its parts were written."""
    if isinstance(value, YamlMap):
        assert value.loc.line is not None
        for key, item in value.items():
            assert isinstance(key, str) and value.key_loc(key).line is not None
            walk(item)
    elif isinstance(value, YamlList):
        assert len(value.item_locs) == len(value)
        for item in value:
            walk(item)
    else:
        assert value is None or isinstance(value, (str, int, float, bool))


@FAST
@given(st.one_of(texts, made_of(*YAML_TOKENS)), st.integers(min_value=1, max_value=50))
@example("a: b\x08", 1)  # bugs these properties found (fixed), kept as examples
@example("a: x\u2028y\nb: [", 1)
@example("a: " + "9" * 5000, 1)
@example('"a\nb": 1\n"a\nb": 2', 1)
def test_yaml_is_a_located_value_or_located_errors(text: str, first_line: int) -> None:
    try:
        walk(parse_yaml(text, PATH, first_line))
    except ContentErrors as errors:
        assert_located(errors, PATH, text, first_line)


@FAST
@given(structures)
def test_yaml_written_by_a_yaml_library_is_read_or_refused_with_a_location(value: object) -> None:
    text = dump(value)
    try:
        walk(parse_yaml(text, PATH))
    except ContentErrors as errors:  # keys that are not text, for one
        assert_located(errors, PATH, text)


plain_words = st.text(st.characters(whitelist_categories=("L", "Zs"), blacklist_characters="\u3000\u00a0"),
                      max_size=20).map(str.strip)
documents = st.recursive(st.none() | st.booleans() | st.integers(min_value=-10**15, max_value=10**15) | plain_words,
                         lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text("abcdefghij_", min_size=1, max_size=8), inner, max_size=4),
                         max_leaves=12)


@FAST
@given(documents)
def test_yaml_of_text_keys_numbers_and_words_reads_back_as_written(value: object) -> None:
    assert parse_yaml(dump(value), PATH) == value


@FAST
@given(st.one_of(texts, texts.map(lambda t: "---\n" + t),
                 st.tuples(made_of(*YAML_TOKENS), made_of(*MARKDOWN_TOKENS))
                 .map(lambda parts: f"---\n{parts[0]}\n---\n{parts[1]}")))
def test_front_matter_splits_or_is_refused_with_a_location(text: str) -> None:
    page = Path("content/pages/x.en.md")
    try:
        document = parse_document(text, page)
    except ContentErrors as errors:
        assert_located(errors, page, text)
        return
    walk(document.front)
    assert text.endswith(document.body)
    if document.body:
        assert "\n".join(text.split("\n")[document.body_line - 1:]) == document.body


record_keys = st.sampled_from(("title", "id", "value", "unit", "flag", "items", "nested")) | keys


@FAST
@given(st.dictionaries(record_keys, structures, max_size=8))
@example({"unit": "a\nb", "id": "p\u2028q", "value": 10**400, "x\ry": 1, "nested": "n\ro"})
def test_schema_mistakes_name_any_value_on_one_line_at_its_place(record: dict) -> None:
    try:
        data = parse_yaml(dump(record), PATH)
    except ContentErrors:
        return  # (a control character, written as an escape: see the YAML properties)
    errors = ErrorList()
    fields = Fields(data, "record", errors, ("title", "id"), ("value", "unit", "flag", "items", "nested"))
    fields.text("title"), fields.ident("id"), fields.number("value"), fields.integer("value")
    fields.boolean("flag"), fields.choice("unit", ("count", "yuan")), fields.text_list("items")
    nested = fields.mapping("nested")
    if nested is not None:
        expect_list(nested.get("items"), nested.loc, "nested items", errors)
    for error in errors.errors:
        assert error.location.path == PATH and error.location.line is not None, error.format()
        assert len(error.message.splitlines()) == 1 and len(error.hint.splitlines()) <= 1, error.format()


markdown_texts = st.one_of(texts, made_of(*MARKDOWN_TOKENS, max_size=60))
MARKDOWN_TAGS = {"p", "em", "strong", "a", "img", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                 "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "s"}
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "id", "start", "style", "class"}


@FAST
@given(markdown_texts)
def test_markdown_makes_only_markdown_elements_whatever_the_text(text: str) -> None:
    from html.parser import HTMLParser

    seen: list[tuple[str, list]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            seen.append((tag, attrs))

    Tags().feed(MD.render(text))
    for tag, attrs in seen:
        assert tag in MARKDOWN_TAGS, (tag, text)
        assert {name for name, _ in attrs} <= MARKDOWN_ATTRIBUTES, (tag, attrs, text)


@FAST
@given(markdown_texts.map(lambda text: text.replace("\r", "")))
def test_compiled_markdown_places_every_link_and_number_inside_the_text(text: str) -> None:
    # Without CR: the loader turns CR and CRLF into LF, and compiled.py's places count LF only (reported:
    # markdown-it breaks lines at a lone CR, which a YAML "\r" escape can still bring in).
    compiled = compile_markdown(MD, text)
    lines = text.split("\n")
    for link in compiled.links:
        assert 0 <= link.line < len(lines) and 0 <= link.column <= len(lines[link.line]), link
    for run in compiled.digits:
        for offset, line, column in run.places:
            assert 0 <= offset < len(run.text) and 0 <= line < len(lines) and column >= 0
    unplaced = re.sub(r' \x00a\d+\x00=""|\x00t\d+\x00', "", compiled.html)
    assert "\x00" not in unplaced  # no placeholder can be forged from the text
    assert compiled.html.count("\x00a") == len(compiled.links)


@FAST
@given(st.one_of(texts, made_of(*NUMBER_TOKENS)))
@example("SCORES OF")  # (a vague amount: "several", which a statistic's qualifier cannot be, but a text's can)
@example("不到数十家")
def test_numbers_found_are_numbers_of_the_text(text: str) -> None:
    for number in find_numbers_zh(text) + find_numbers_en(text):
        assert 0 <= number.start < number.end <= len(text), number
        assert len(number.text) == number.end - number.start
        assert not math.isnan(number.value) and number.value >= 0 and number.qualifier in SAID_QUALIFIERS


@FAST
@given(st.one_of(texts, made_of(*DATE_TOKENS)), st.dates())
@example("明年", date(9999, 1, 1))
@example("去年", date(1, 1, 1))
@example("前不久", date(1, 1, 1))
@example("9999年12月", date(2023, 10, 11))
@example("9999年第四季度", date(2023, 10, 11))
def test_dates_found_are_dates_with_a_span_and_a_written_form(text: str, reference: date) -> None:
    found = find_dates_zh(text, reference)
    for item in found:
        assert text[item.start:item.end] == item.text
        first, last = item.date.span()  # every date found can be placed on the timeline ...
        assert first <= last and item.date.sort_key()
        assert PartialDate.parse(item.date.iso()) == item.date  # ... and written in YAML
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start


@FAST
@given(st.one_of(texts, made_of(*DATE_TOKENS, "-", "Q", "before ", max_size=12)))
@example("0000")
@example("9999-12")
@example("9999-Q4")
@example("before 0001-01-01")
def test_a_date_written_in_yaml_is_read_with_a_span_or_refused(text: str) -> None:
    try:
        when = PartialDate.parse(text)
    except ValueError:
        return
    first, last = when.span()
    assert first <= last and PartialDate.parse(when.iso()) == when


@FAST
@given(texts)
def test_normalized_text_maps_back_to_the_original(text: str) -> None:
    normal, origin = normalize(text)
    assert len(normal) == len(origin)
    assert origin == sorted(origin) and all(0 <= index < len(text) for index in origin)


blocks = st.lists(st.text(min_size=4, max_size=60), min_size=1, max_size=4)


@FAST
@given(blocks, st.data())
def test_a_quote_copied_from_a_source_is_found_where_it_was_copied(paragraphs: list[str], data) -> None:  # noqa: ANN001
    source = [SourceBlock("paragraph", text, number) for number, text in enumerate(paragraphs, start=1)]
    block = data.draw(st.integers(0, len(source) - 1))
    text = source[block].text
    normal, origin = normalize(text)
    assume(len(normal) >= 4)
    start = data.draw(st.integers(0, len(normal) - 4))
    end = data.draw(st.integers(start + 4, len(normal)))
    quote = text[origin[start]:origin[end - 1] + 1]  # at least 4 characters as the build compares them
    spans, reason = find_quote(source, quote)
    assert spans, reason
    assert any(span.block == block and span.start <= origin[start] for span in spans)
    for span in spans:
        assert 0 <= span.start < span.end <= len(source[span.block].text)


@FAST
@given(blocks, texts)
def test_any_quote_is_found_in_bounds_or_refused_with_a_reason(paragraphs: list[str], quote: str) -> None:
    source = [SourceBlock("paragraph", text, number) for number, text in enumerate(paragraphs, start=1)]
    spans, reason = find_quote(source, quote)
    assert bool(spans) != bool(reason)
    for span in spans:
        assert 0 <= span.start < span.end <= len(source[span.block].text)


@FAST
@given(texts, st.integers(min_value=1, max_value=100))
@example(">", 1)
def test_source_blocks_keep_their_file_lines(body: str, first_line: int) -> None:
    last = first_line + body.count("\n")
    for block in parse_source_body(body, first_line):
        assert first_line <= block.line <= last and block.text == block.text.strip() and block.text


# --- the whole build ----------------------------------------------------------------------------------------------

# One located mistake: ``content/pages/x.en.md:3:7: message`` (a whole-file mistake has no line).
LOCATED = re.compile(r"(?:content|templates|static)/[^\s:][^:\n]*(?::\d+(?::\d+)?)?: \S")


class Site:
    """The minimal site, built again and again with one file replaced each time."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.root = make_project(tmp, MINIMAL / "content")
        self.out = tmp / "out"
        self.outcomes: Counter[str] = Counter()  # "check 0", "build 1"...: shown with pytest -s

    def run(self, command: str, replaced: dict[str, str | bytes | None]) -> tuple[int, str, str]:
        """Run ``build.py command`` with ``replaced`` files (None: removed); every file is restored after."""
        saved = {}
        for name, content in replaced.items():
            path = self.root / "content" / name
            saved[path] = path.read_bytes() if path.exists() else None
            path.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        out, err = io.StringIO(), io.StringIO()
        arguments = ["--root", str(self.root), command] + (["--out", str(self.out)] if command == "build" else [])
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(arguments)
        finally:
            for path, content in saved.items():
                if content is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(content)
        self.outcomes[f"{command} {status}"] += 1
        return status, out.getvalue(), err.getvalue()

    def expect_page_or_located_errors(self, command: str, replaced: dict[str, str | bytes | None],
                                      page: str = "") -> int:
        """Run, and check the outcome is a built page or every mistake located; returns the status."""
        status, out, err = self.run(command, replaced)
        assert status in (0, 1), err
        assert "Traceback" not in err
        if status == 1:
            lines = [line for line in err.splitlines()
                     if line.strip() and not line.startswith(("  hint: ", "warning: "))]
            assert lines and re.fullmatch(r"\d+ mistakes? found.*", lines[-1]), err
            unlocated = [line for line in lines[:-1] if not LOCATED.match(line)]
            assert not unlocated, err
        elif command == "build":
            assert page and (self.out / page).is_file(), out
            assert not problems((self.out / page).read_text(encoding="utf-8"))
        else:
            assert out.startswith("checked ")
        return status


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    shared = Site(tmp_path_factory.mktemp("properties"))
    yield shared
    print(f"\nwhole-build examples by command and exit status: {dict(sorted(shared.outcomes.items()))}")


PAGE = "pages/statistics.en.md"
PAGE_OUT = "en/statistics/index.html"
FRONT = "---\ntitle: statistics en\ndescription: The statistics page (en).\ntemplate: statistics\n---\n"


@END_TO_END
@given(markdown_texts)
def test_any_page_body_builds_or_is_refused_with_locations(site: Site, body: str) -> None:
    site.expect_page_or_located_errors("build", {PAGE: FRONT + body}, PAGE_OUT)


@END_TO_END
@given(st.one_of(texts, made_of(*YAML_TOKENS, *MARKDOWN_TOKENS, max_size=60), st.binary(max_size=200),
                 st.binary(max_size=200).map(lambda b: b"---\n" + b)))
def test_any_page_file_is_checked_or_refused_with_locations(site: Site, content: str | bytes) -> None:
    site.expect_page_or_located_errors("check", {PAGE: content})


front_matter = st.fixed_dictionaries(
    {"title": scalars, "description": scalars},
    optional={"template": st.sampled_from(("statistics", "page", "home", "404", "../x")) | scalars,
              "weight": scalars, "nav_title": scalars, "translated_from": scalars, "extra": structures})


@END_TO_END
@given(front_matter, st.booleans())
@example({"title": "t", "description": "d", "template": "0\r0"}, False)
@example({"title": "t\x01", "description": "d", "weight": 10**400}, True)
def test_any_front_matter_values_build_or_are_refused_with_locations(site: Site, front: dict, build: bool) -> None:
    site.expect_page_or_located_errors("build" if build else "check", {PAGE: f"---\n{dump(front)}---\nIntro.\n"},
                                       PAGE_OUT)


def original(name: str) -> str:
    """A file of the minimal site as make_project lays it out (the sample site's strings.yaml)."""
    path = MINIMAL / "content" / name
    return (path if path.exists() else SAMPLE / name).read_text(encoding="utf-8")


DATA_FILES = ("data/statistics.yaml", "data/timeline.yaml", "data/glossary.yaml", "data/strings.yaml", "site.yaml")


@END_TO_END
@given(st.sampled_from(DATA_FILES), st.one_of(texts, made_of(*YAML_TOKENS, max_size=60), st.binary(max_size=120)))
def test_any_data_file_text_is_checked_or_refused_with_locations(site: Site, name: str, content: str | bytes) -> None:
    site.expect_page_or_located_errors("check", {name: content})


@END_TO_END
@given(st.sampled_from(DATA_FILES), structures)
@example("data/strings.yaml", {})  # render.py bugs these found (fixed there): no source_description, ...
@example("data/strings.yaml", {**yaml.safe_load(original("data/strings.yaml")),
                               "source_description": {"zh": "{x}", "en": "{"}})  # ... and a brace in it
def test_any_yaml_structure_in_a_data_file_is_checked_or_refused_with_locations(site: Site, name: str,
                                                                                value: object) -> None:
    site.expect_page_or_located_errors("check", {name: dump(value)})


def _set_in(document: object, path: list, value: object) -> object:
    """``document`` with the value at ``path`` (indices and keys, the last one possibly new) replaced."""
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


@st.composite
def mutated_data_file(draw) -> tuple[str, str]:  # noqa: ANN001
    """A data file of the minimal site with one value, anywhere in it, replaced by another of any type."""
    name = draw(st.sampled_from(DATA_FILES))
    document = yaml.safe_load(original(name))
    path, here = [], document
    while True:
        choices = list(range(len(here))) if isinstance(here, list) else list(here)
        step = draw(st.sampled_from(choices + ["new-key"] if isinstance(here, dict) else choices))
        path.append(step)
        here = here.get(step) if isinstance(here, dict) else here[step]
        if not isinstance(here, (dict, list)) or not here or draw(st.booleans()):
            break
    return name, dump(_set_in(document, path, draw(structures)))


@settings(END_TO_END, max_examples=60 * SCALE)
@given(mutated_data_file(), st.booleans())
@example(("data/timeline.yaml", '- "\\r": null\n'), False)
@example(("data/statistics.yaml", original("data/statistics.yaml").replace("value: 49", "value: 1" + "0" * 400)), False)
@example(("data/timeline.yaml", original("data/timeline.yaml").replace('"2023-04"', '"0000"')), False)
@example(("data/timeline.yaml", original("data/timeline.yaml").replace("Trade event", '"\\x0b"')), True)
def test_any_value_anywhere_in_the_data_builds_or_is_refused_with_locations(site: Site, mutated: tuple[str, str],
                                                                          build: bool) -> None:
    name, text = mutated
    site.expect_page_or_located_errors("build" if build else "check", {name: text}, PAGE_OUT)


@pytest.mark.parametrize("name, old, new", [
    ("data/statistics.yaml", "source: 2023-10-11-abcdef12\n  quote: 护航", 'source: "a\\nb"\n  quote: 护航'),
    ("data/timeline.yaml", "  source:", '  stats: ["p\\nq"]\n  source:'),
    ("site.yaml", "nav: [index,", 'nav: ["x\\ny", index,'),
], ids=["unknown-source", "unknown-statistic", "nav"])
def test_a_value_with_a_line_break_is_named_on_one_line(site: Site, name: str, old: str, new: str) -> None:
    assert old in original(name)
    site.expect_page_or_located_errors("check", {name: original(name).replace(old, new, 1)})


def test_the_properties_ran_on_a_valid_site(site: Site) -> None:
    """The shared site is restored after every example: it still builds."""
    assert site.expect_page_or_located_errors("build", {}, PAGE_OUT) == 0
    shutil.rmtree(site.out)
