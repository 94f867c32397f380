"""What the cache keeps comes back exactly: equal, of the same types, with every location, and the same digest."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from microsite.compiled import Html, Survey, compile_markdown
from microsite.errors import ContentError, ContentErrors, Location
from microsite.jsonforms import (AVOIDED, CONVERTED, FIGURES, LOOKED_UP, MISTAKES, RESOLVED, compiled_from_json,
                                 compiled_to_json, reading_from_json, reading_to_json, yaml_from_json)
from microsite.kept import LostText
from microsite.links import Prose
from microsite.load import Body, DataFile, Document, Project, Reading, _fresh_reading, load, parse_document
from microsite.markdown import new_parser
from microsite.memo import Memo, digest_of
from microsite.provenance import QuoteSpan
from microsite.validate import validate
from microsite.store import as_json
from microsite.yamlfile import YamlList, YamlMap, parse_yaml

SETTINGS = settings(database=None, deadline=None, max_examples=200, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PATH = Path("/project/content/pages/topic/a.en.md")


def assert_same(left: object, right: object) -> None:
    """``left`` and ``right`` are the same value: equal types all the way down, every attribute equal."""
    assert type(left) is type(right), (left, right)
    if isinstance(left, float):
        assert repr(left) == repr(right)  # nan, -0.0
    elif isinstance(left, YamlMap):
        assert list(left) == list(right)
        for key in left:
            assert_same(left[key], right[key])
        for name in ("loc", "key_locs", "value_locs", "value_styles"):
            assert_same(getattr(left, name), getattr(right, name))
    elif isinstance(left, YamlList):
        assert len(left) == len(right)
        for a, b in zip(left, right):
            assert_same(a, b)
        assert_same(left.loc, right.loc)
        assert_same(left.item_locs, right.item_locs)
    elif isinstance(left, (list, tuple)):
        assert len(left) == len(right)
        for a, b in zip(left, right):
            assert_same(a, b)
    elif isinstance(left, dict):
        assert list(left) == list(right)
        for key in left:
            assert_same(left[key], right[key])
    elif isinstance(left, ContentError):
        assert_same(vars(left), vars(right))
        assert left.args == right.args
    elif isinstance(left, (Reading, Document, DataFile, Location)):
        assert_same(_fields(left), _fields(right))
    else:
        assert left == right


def _fields(value: object) -> dict:
    """A dataclass's fields by name (``vars`` does not see a slotted one's)."""
    return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}


def round_trip(reading: Reading, path: Path) -> Reading:
    """``reading`` as the store writes it and reads it back (through JSON text, as on disk), a document's body by
    its key from where it is kept apart (as the cache does)."""
    kept = {reading.value.markdown.key: reading.value.body} if isinstance(reading.value, Document) else {}
    form = json.loads(as_json(reading_to_json(reading, path)).encode())
    if kept:  # the body is named, not held
        assert form[0][2] == [reading.value.markdown.key, len(reading.value.body)]
    return reading_from_json(form, path, reading.digest, body=lambda key, length: Body(key, length, read=kept.get))


def assert_round_trips(reading: Reading, path: Path) -> None:
    back = round_trip(reading, path)
    assert_same(back, reading)
    assert digest_of(back) == digest_of(reading)
    if isinstance(reading.value, Document):
        assert back.value.body == reading.value.body and not back.value.markdown.held


# --- readings made the way the build makes them: files read and parsed -------------------------------------------

YAML_TOKENS = (":", ": ", "-", "- ", "[", "]", "{", "}", ",", "#", "&a", "*a", "!!str", "!x", "|", ">", "'", '"',
               "\n", "  ", "\t", " ", "title", "zh", "a", "1", "0x1f", "0o7", ".5", "1e9", "-0.0", ".inf", ".nan",
               "~", "null", "true", "no", "2023-10-11", "\\x01", "：", "强素质", "<<", "---", "\r", "\u200b")
scalars = (st.none() | st.booleans() | st.integers(min_value=-10**400, max_value=10**400)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20))
keys = st.text(min_size=1, max_size=8) | st.sampled_from(("title", "description", "zh", "en", "value"))
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                          max_leaves=12)


def dump(value: object, style: str | None) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_style=style, sort_keys=False)


front_matters = (st.builds(dump, structures, st.sampled_from([None, "'", '"', "|"]))
                 | st.lists(st.sampled_from(YAML_TOKENS), max_size=30).map("".join))
page_texts = st.builds(lambda front, body: f"---\n{front}---\n{body}", front_matters, st.text(max_size=40))
files = (st.one_of(page_texts, front_matters, front_matters.map(lambda front: f"---\n{front}---\nBody.\n"))
         .map(lambda text: text.encode("utf-8", "surrogatepass"))
         | st.binary(max_size=60) | st.just(b"---\ntitle: A\n---\n\xff\xfe"))


@pytest.fixture(scope="module")
def scratch() -> Path:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@SETTINGS
@given(files, st.booleans())
@example(b"---\ntitle: [\n---\nBroken.\n", False)
@example(b"---\nvalue: .nan\nother: -0.0\nbig: 0x" + b"f" * 40 + b"\n---\n", True)
def test_a_file_read_and_parsed_comes_back_exactly(scratch, data: bytes, as_data: bool) -> None:
    real = scratch / "a.en.md"
    real.write_bytes(data)
    path = str(PATH)
    if as_data:
        reading = _fresh_reading(path, str(real), lambda _, text: DataFile(PATH, parse_yaml(text, PATH)))
    else:
        reading = _fresh_reading(path, str(real), lambda _, text: parse_document(text, PATH))
    assert_round_trips(reading, PATH)


# --- readings of any shape the types allow --------------------------------------------------------------------

other_paths = st.sampled_from([PATH, Path("/project/content/site.yaml"), Path("relative/x.md")])
locations = st.builds(Location, other_paths, st.none() | st.integers(1, 10**6), st.none() | st.integers(1, 500))
styles = st.sampled_from(["", "'", '"', "|", ">"])


def located_map(members: list[tuple[str, object, Location, Location, str]], where: Location) -> YamlMap:
    result = YamlMap()
    result.loc, result.key_locs, result.value_locs, result.value_styles = where, {}, {}, {}
    for key, value, key_loc, value_loc, style in members:
        result[key], result.key_locs[key], result.value_locs[key], result.value_styles[key] = (value, key_loc,
                                                                                               value_loc, style)
    return result


def located_list(items: list[tuple[object, Location]], where: Location) -> YamlList:
    result = YamlList(item for item, _ in items)
    result.loc, result.item_locs = where, [item_loc for _, item_loc in items]
    return result


yaml_values = st.recursive(
    scalars,
    lambda inner: st.builds(located_map, st.lists(st.tuples(keys, inner, locations, locations, styles), max_size=4,
                                                  unique_by=lambda member: member[0]), locations)
    | st.builds(located_list, st.lists(st.tuples(inner, locations), max_size=4), locations),
    max_leaves=12)
mistakes = st.lists(st.builds(ContentError, locations, st.text(max_size=20), st.text(max_size=20),
                              st.text(max_size=20)), max_size=3).map(tuple)
values = (st.none()
          | st.builds(Document, st.just(PATH), yaml_values, st.text(max_size=30), st.integers(1, 1000),
                      st.text("0123456789abcdef", max_size=32), st.text("0123456789abcdef", max_size=32))
          | st.builds(DataFile, st.just(PATH), yaml_values))
readings = st.builds(Reading, values, mistakes, st.text("0123456789abcdef", min_size=32, max_size=32))


@SETTINGS
@given(readings)
def test_any_reading_comes_back_exactly(reading: Reading) -> None:
    assert_round_trips(reading, PATH)


def test_a_value_yaml_never_gives_is_not_written() -> None:
    for value in (Document(PATH, {"plain": "dict"}, "", 1), DataFile(PATH, [1]), DataFile(PATH, (1,)),
                  Document(Path("/elsewhere.md"), None, "", 1)):
        with pytest.raises(TypeError):
            reading_to_json(Reading(value, (), "d"), PATH)


@pytest.mark.parametrize("form", [
    {"m": []}, ["x", [1, 1], []], ["m", [1, 1], [["k", 1, [1, 1], [1, 1]]]], ["m", [1, 1], [[1, 1, [1, 1], [1, 1], ""]]],
    ["m", [1, 1], [["k", 1, [1, 1], [1, 1], ""], ["k", 2, [1, 1], [1, 1], ""]]], ["l", [1, "one"], []],
    ["l", [1, 1], [[1]]], [], ["m"],
])
def test_a_yaml_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError, IndexError)):
        yaml_from_json(form, PATH)


@pytest.mark.parametrize("form", [
    [["document", None, "", "1", "", ""], []], [["page", None], []], [None, [[[1, 1], "m", "h"]]],
    [None, [[[1, 1], "m", "h", 3]]], [None], {"value": None},
])
def test_a_reading_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError, IndexError, KeyError)):
        reading_from_json(form, PATH, "d", body=lambda key, length: Body(key, length, "x" * length))


# --- compiled Markdown ---------------------------------------------------------------------------------------

MARKDOWN_TOKENS = ("*", "**", "[", "]", "(", ")", "![", "`", "#", "## ", "{#a}", "\n", "\n\n", " ", "强素质", "。",
                   "a", "1", "2023年", "|", "- ", "stat:", "cite:", "x.md", '"', "（", "）", "【", "】", "\x00", "近日",
                   "recently")


@SETTINGS
@given(st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=40).map("".join))
@example("[链接]（x.md）and 1 [two](a.md \"t\") ![3](i.png)\n\n## A\n\n## A\n")
@example("近日 and\n\nrecently")  # (its times counted from today)
def test_compiled_markdown_comes_back_exactly(text: str) -> None:
    compiled = compile_markdown(new_parser(), text)
    data = json.loads(as_json(compiled_to_json(compiled)))
    assert "<" not in as_json(data) or "<" in text  # all but the HTML, which is kept apart
    kept = {"html": compiled.html, "survey": compiled.survey.text}
    back = compiled_from_json(data, compiled.body.key, html=lambda key, length: Html(key, length, kept["html"]),
                              survey=lambda key, length: Survey(key, length, kept["survey"]))
    assert back == compiled and digest_of(back) == digest_of(compiled) and back.html == compiled.html
    assert (back.links, back.digits, back.cited, back.external) == \
        (compiled.links, compiled.digits, compiled.cited, compiled.external)
    read = compiled_from_json(data, compiled.body.key, html=lambda key, length: Html(key, length, read=lambda _: kept["html"]),
                              survey=lambda key, length: Survey(key, length, read=lambda _: kept["survey"]))
    assert read == compiled and read.html == compiled.html and not read.body.held and not read.survey.held
    assert (read.links, read.digits) == (compiled.links, compiled.digits)


GOOD_LINK = ["x.md", "", "x", False, 0, 1, False]
BAD_LINKS = [
    None, {}, [None], [GOOD_LINK[:6]], [GOOD_LINK + [False]], [GOOD_LINK, "x.md"],
    *[[GOOD_LINK, [*GOOD_LINK[:field], wrong, *GOOD_LINK[field + 1:]]]  # each field of another type, in the 2nd link
      for field, wrong in enumerate([1, None, 1, 0, True, 1.0, 1])],
]


@pytest.mark.parametrize("links", BAD_LINKS)
def test_a_compiled_form_with_links_of_another_shape_is_refused(links) -> None:
    """Its ``cite:`` links, in the form; all its links, in its survey (read only where its links are resolved:
    there, a survey of another shape is a text the store lost, and the build starts again without the store)."""
    html = lambda key, length: Html(key, length, "")  # noqa: E731
    good_survey = as_json([[GOOD_LINK], []])
    survey = lambda key, length: Survey(key, length, good_survey)  # noqa: E731
    good = [0, len(good_survey), 1, [], [], [], ["https://example.org/"], [GOOD_LINK], -1, []]
    compiled = compiled_from_json(good, "k", html=html, survey=survey)
    assert compiled.cited[0].href == compiled.links[0].href == "x.md" and compiled.external == ("https://example.org/",)
    with pytest.raises((TypeError, ValueError)):
        compiled_from_json([*good[:7], links, -1, []], "k", html=html, survey=survey)
    with pytest.raises(LostText):
        Survey("k", 1, as_json([links, []])).found()
    with pytest.raises((TypeError, ValueError)):
        compiled_from_json([*good[:6], [1], *good[7:]], "k", html=html, survey=survey)
    with pytest.raises((TypeError, ValueError)):
        compiled_from_json([*good[:8], "1"], "k", html=html, survey=survey)  # the line of a passage in Chinese


@pytest.mark.parametrize("runs", [None, [None], [["12", -1]], [[12, -1, [], "", ""]], [["12", "-1", [], "", ""]],
                                  [["12", -1, [[0, 0]], "", ""]], [["12", -1, [[0, 0, "1"]], "", ""]],
                                  [["12", -1, [[0, 0, 1]]]], [["12", -1, [[0, 0, 1]], 1, ""]],
                                  [["12", -1, [[0, 0, 1]], "", None]]])
def test_a_survey_with_runs_of_digits_of_another_shape_is_lost(runs) -> None:
    [run] = Survey("k", 1, as_json([[], [["12", -1, [[0, 0, 1]], "每年", "。"]]])).found()[1]
    assert (run.text, run.before, run.after) == ("12", "每年", "。")
    with pytest.raises(LostText):
        Survey("k", 1, as_json([[], runs])).found()


# --- texts resolved for their pages: every text of the sample site and of every broken fixture site ---------------


class _Recording(Memo):
    """A memo that notes every result asked for with a form: the form, what it was made from, the result."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list = []

    def get_all(self, keys, make, items, form=None):
        results = super().get_all(keys, make, items, form)
        if form is not None:
            self.results.extend((form, item, result) for item, result in zip(items, results))
        return results


@pytest.fixture(scope="module")
def kept_results(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    """Every result with a form of validating the sample site, it with an edition, and every broken fixture site."""
    from tests.test_invalid_content import CASES, broken_project

    from tests.conftest import SAMPLE, make_project, with_edition

    memo = _Recording()
    edition = with_edition(make_project(tmp_path_factory.mktemp("edition"), SAMPLE), "zh-hant:\n  晋江: 晉江\n")
    for root in [sample_root, edition] + [broken_project(tmp_path_factory.mktemp(case.name), case) for case in CASES]:
        try:
            validate(load(Project(root)), memo=memo)
        except ContentErrors:
            pass  # the texts were checked before the mistakes were raised
    return memo.results


def test_every_text_resolved_comes_back_exactly(kept_results: list) -> None:
    resolved = [(item, result) for form, item, result in kept_results if form is RESOLVED]
    assert resolved and any(mistakes for _, (_, mistakes, _) in resolved)  # some with mistakes, located
    assert any(read.pages for _, (_, _, read) in resolved) and any(read.fields for _, (_, _, read) in resolved)
    for item, result in resolved:
        back = RESOLVED.from_json(json.loads(as_json(RESOLVED.to_json(result, item))), item)
        assert_same(back[1], result[1])
        assert type(back[0]) is tuple and back[0] == result[0] and all(type(fill) is str for fill in back[0])
        assert back[2] == result[2]  # what it read of the link targets
        assert digest_of(back) == digest_of(result)


def test_every_text_scanned_for_words_to_avoid_comes_back_exactly(kept_results: list) -> None:
    scanned = [(item, result) for form, item, result in kept_results if form is AVOIDED]
    assert scanned and any(scanned_result for _, scanned_result in scanned)  # some words found
    for item, result in scanned:
        back = AVOIDED.from_json(json.loads(as_json(AVOIDED.to_json(result, item))), item)
        assert_same(back, result)
        assert digest_of(back) == digest_of(result)


def test_every_records_check_of_its_numbers_comes_back_exactly(kept_results: list) -> None:
    checked = [(item, result) for form, item, result in kept_results if form is MISTAKES]
    assert checked and any(checked_result for _, checked_result in checked)  # some numbers not traced, located
    for item, result in checked:
        back = MISTAKES.from_json(json.loads(as_json(MISTAKES.to_json(result, item))), item)
        assert_same(back, result)
        assert digest_of(back) == digest_of(result)


def test_a_mistake_in_no_file_is_not_kept() -> None:
    with pytest.raises(TypeError):
        MISTAKES.to_json([ContentError(Location(None, 1, 2), "m")], None)


@pytest.mark.parametrize("form", [None, {}, [None], [[["a.yaml", 1, 2], "m", "h"]], [[["a.yaml", "1", 2], "m", "h", ""]],
                                  [[[1, 2], "m", "h", ""]], [[["a.yaml", 1, 2], "m", 3, ""]], [[[], "m", "h", ""]],
                                  [["a.yaml", 1, 2, "m", "h", ""]]])
def test_a_mistakes_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError)):
        MISTAKES.from_json(form, None)


@pytest.mark.parametrize("form", [None, {}, [[0, 1]], [[0, -1, "x"]], [[0, 1, 2]], [[True, 1, "x"]]])
def test_an_avoided_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError)):
        AVOIDED.from_json(form, "text")


@pytest.mark.parametrize("form", [None, [], [[]], [[], [[[1, 2], "m", "h"]]], [1, []],
                                  [[], [[[1, "2"], "m", "h", ""]]], [[], []],
                                  [[], [], [1], [], []], [[], [], [], [["a"]], []],
                                  [[], [], [], [["a", 2]], []], [[], [], "pages", [], []],
                                  [[], [], [], ["ab"], []], [[], [], [], [["a", "b", "c"]], []],
                                  [[], [], ["x", 1], [], []], [[], [], [], [["a", "b"], ("a", "b")], []],
                                  [[], [], [], [], ["a"]], [[], [], [], [], "ab"], [[], [], [], [], [1, "en"]],
                                  [[], [], [], []],  # as earlier versions kept it, without the pages only looked up
                                  ["<p>x</p>", [], [], [], []],  # the HTML whole, as earlier versions kept it
                                  [[" href=\"/\"", ""], [], [], [], []],  # fills for a link the text does not have
                                  [("a", "b"), [], [], [], []]])
def test_a_resolved_form_of_another_shape_is_refused(form) -> None:
    item = Prose(compile_markdown(new_parser(), "x"), "en", PATH, 1)
    with pytest.raises((TypeError, ValueError)):
        RESOLVED.from_json(form, item)


@pytest.mark.parametrize("fills", [[], [" href=\"/\""], [" href=\"/\"", "", ""], [1, ""], [" href=\"/\"", None]])
def test_fills_that_do_not_fit_the_texts_links_are_refused(fills) -> None:
    item = Prose(compile_markdown(new_parser(), "see [a](b.md)"), "en", PATH, 1)  # one link: two fills
    assert RESOLVED.from_json([[" href=\"/\"", ""], [], [], [], []], item)[0] == (" href=\"/\"", "")
    with pytest.raises((TypeError, ValueError)):
        RESOLVED.from_json([fills, [], [], [], []], item)


def test_what_a_text_read_is_kept_as_key_and_language_pairs_in_one_list() -> None:
    from microsite.links import Read

    item = Prose(compile_markdown(new_parser(), "x"), "en", PATH, 1)
    read = Read(("config", "pages"), (("a", "en"), ("a", "zh"), ("b/c", "en")), (("d", "en"),))
    form = RESOLVED.to_json(((), [], read), item)
    assert (form[3], form[4]) == (["a", "en", "a", "zh", "b/c", "en"], ["d", "en"])
    assert RESOLVED.from_json(json.loads(as_json(form)), item)[2] == read


def test_every_text_converted_to_an_edition_comes_back_exactly(kept_results: list) -> None:
    converted = [(item, result) for form, item, result in kept_results if form is CONVERTED]
    assert converted and any(used for _, (_, used) in converted)  # some used an editor's own conversion
    assert any(shown != item for item, (shown, _) in converted)  # and some were converted
    for item, result in converted:
        back = CONVERTED.from_json(json.loads(as_json(CONVERTED.to_json(result, item))), item)
        assert_same(back, result)
        assert digest_of(back) == digest_of(result)


@pytest.mark.parametrize("form", [None, {}, [], [["a"], []], [["a", "b"], [1]], [["a", 2], []], [("a", "b"), []],
                                  [["a", "b"], "x"], [["a", "b"], [], []]])
def test_a_converted_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError)):
        CONVERTED.from_json(form, ("a", "b"))


def test_texts_converted_are_kept_only_one_for_each_text() -> None:
    with pytest.raises(TypeError):
        CONVERTED.to_json((("a",), ()), ("a", "b"))


def test_every_look_up_of_the_quotes_comes_back_exactly(kept_results: list) -> None:
    looked_up = [(item, result) for form, item, result in kept_results if form is LOOKED_UP]
    everything = [looked for _, result in looked_up for looked in result]
    assert any(found for found, _, _, _ in everything) and any(not found and reason for found, reason, _, _ in everything)
    pairs = (("a", "quote found twice"), ("a", "9个"))  # and the shapes no fixture site has
    looked_up.append((pairs, [([QuoteSpan(0, 1, 2), QuoteSpan(3, 0, 17)], "", "quote found twice", ""),
                              ([QuoteSpan(2, 5, 7)], "", "9个", "begins inside '49个' of the source, cutting it")]))
    for item, result in looked_up:
        back = LOOKED_UP.from_json(json.loads(as_json(LOOKED_UP.to_json(result, item))), item)
        assert_same(back, result)
        assert digest_of(back) == digest_of(result)


@pytest.mark.parametrize("form", [None, {}, [], [[[], "", "q", ""], [[], "", "q", ""]], [[[[0, 1]], "", "q", ""]],
                                  [[[[0, 1, -2]], "", "q", ""]], [[[[0, 1, 2]], 3, "q", ""]], [[[], "", "q"]],
                                  [[{}, "", "q", ""]], [[[[0, 1, True]], "", "q", ""]]])
def test_a_looked_up_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError)):
        LOOKED_UP.from_json(form, (("source", "quote"),))


def test_what_every_statistics_quote_says_comes_back_exactly(kept_results: list) -> None:
    said = [(item, result) for form, item, result in kept_results if form is FIGURES]
    everything = [figure for _, result in said for figure in result]
    assert any(problem for problem, _ in everything) and any(numbers for _, numbers in everything)
    assert any(number.unit for _, numbers in everything for number in numbers)
    for item, result in said:
        back = FIGURES.from_json(json.loads(as_json(FIGURES.to_json(result, item))), item)
        assert_same(back, result)
        assert digest_of(back) == digest_of(result)


@pytest.mark.parametrize("form", [None, {}, [], [["", []], ["", []]], [[1, []]], [["", {}]], [["", [["个", "3个", 0]]]],
                                  [["", [["个", "3个", 0, -2]]]], [["", [[None, "3个", 0, 2]]]], [["", [("个", "3个", 0, 2)]]],
                                  [["", []], 3]])
def test_a_figures_form_of_another_shape_is_refused(form) -> None:
    with pytest.raises((TypeError, ValueError)):
        FIGURES.from_json(form, ((3.0, "count", "", "三个"),))
