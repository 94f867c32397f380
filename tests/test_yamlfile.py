"""Tests for microsite.yamlfile: strict YAML 1.2 core schema with locations."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from microsite.errors import ContentError, ContentErrors
from microsite.yamlfile import (
    FULLWIDTH_COLON_HINT,
    YamlList,
    YamlMap,
    describe,
    looks_like_fullwidth_key,
    parse_yaml,
    resolve_plain,
)

PATH = Path("content/data/x.yaml")


def parse(text: str, first_line: int = 1):
    return parse_yaml(text, PATH, first_line)


def errors_of(text: str, first_line: int = 1) -> list[ContentError]:
    with pytest.raises(ContentErrors) as caught:
        parse(text, first_line)
    return caught.value.errors


def only_error(text: str, first_line: int = 1) -> ContentError:
    errors = errors_of(text, first_line)
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def where(error: ContentError) -> tuple[int | None, int | None]:
    return error.location.line, error.location.column


# --- core schema: what is typed and what stays text ---------------------------------


@pytest.mark.parametrize("plain", ["no", "yes", "on", "off", "y", "n", "No", "YES"])
def test_yaml11_booleans_stay_text(plain):
    assert parse(f"a: {plain}") == {"a": plain}


def test_iso_date_stays_text():
    assert parse("date: 2023-10-11") == {"date": "2023-10-11"}


def test_exponent_without_dot_is_a_float_to_the_core_schema():
    value = resolve_plain("4.5e8")
    assert isinstance(value, float) and value == 450_000_000


def test_underscored_digits_stay_text():
    assert parse("a: 1_000") == {"a": "1_000"}


def test_sexagesimal_stays_text():
    assert parse("a: 1:30") == {"a": "1:30"}


@pytest.mark.parametrize("quoted", ["'true'", '"12"', "'null'", '"4.5e8"', "'~'", '""'])
def test_quoted_scalars_are_always_text(quoted):
    assert parse(f"a: {quoted}") == {"a": quoted[1:-1]}


def test_block_scalar_is_text():
    assert parse("a: |\n  true\n") == {"a": "true\n"}


@pytest.mark.parametrize("plain, value", [
    ("true", True), ("True", True), ("TRUE", True),
    ("false", False), ("False", False),
    ("null", None), ("~", None), ("", None), ("NULL", None),
])
def test_core_schema_booleans_and_null(plain, value):
    assert parse(f"a: {plain}")["a"] is value


@pytest.mark.parametrize("plain, value", [
    ("49", 49), ("-3", -3), ("+12", 12), ("0o17", 15), ("0x1F", 31),
    ("4.5", 4.5), (".5", 0.5), ("1e3", 1000.0), ("4.5E+8", 4.5e8),
])
def test_core_schema_numbers(plain, value):
    result = resolve_plain(plain)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("plain, value", [("49", 49), ("-3", -3), ("0", 0), ("-0", 0), ("4.5", 4.5), ("0.50", 0.5),
                                          ("450000000", 450000000)])
def test_a_number_in_decimal_digits_is_read(plain, value):
    result = parse(f"a: {plain}")["a"]
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("plain, message", [
    ("0x31", "the number '0x31' is written in hexadecimal: YAML reads it as 49"),
    ("0o61", "the number '0o61' is written in octal: YAML reads it as 49"),
    ("+49", "the number '+49' is written with a plus sign: YAML reads it as 49"),
    ("049", "the number '049' is written with a leading zero: YAML reads it as 49"),
    ("4.5e8", "the number '4.5e8' is written with an exponent: YAML reads it as 450000000"),
    ("-4.5E+8", "the number '-4.5E+8' is written with an exponent: YAML reads it as -450000000"),
    (".5", "the number '.5' is written without a digit on each side of its point: YAML reads it as 0.5"),
    ("5.", "the number '5.' is written without a digit on each side of its point: YAML reads it as 5"),
    (".inf", "'.inf' is YAML's infinity, which no quote says"),
    ("-.Inf", "'-.Inf' is YAML's infinity, which no quote says"),
    (".nan", "'.nan' is YAML's not-a-number, which no quote says"),
    ("1e400", "the number '1e400' is written with an exponent: YAML reads it as infinity"),
])
def test_a_number_written_otherwise_than_in_decimal_digits_is_refused_where_it_is(plain, message):
    """Readers see the value as the site formats it (0x31 as 49), and an editor checks a value against its
    quote's digits: each other form YAML 1.2 reads as a number is refused, at its place."""
    with pytest.raises(ContentErrors) as caught:
        parse(f"stat:\n  value: {plain}  # a comment\n")
    [error] = caught.value.errors
    decimal = message.rpartition(" as ")[2]
    example = f" ({decimal})" if decimal[-1].isdigit() else ""
    assert error.format() == (f"content/data/x.yaml:2:10: {message}\n  hint: write the number in decimal digits, as the quote has "
                              f"it{example}; a text (a code, a name) goes in quotes: \"{plain}\"")


def test_each_number_not_in_decimal_digits_is_refused_and_in_quotes_is_text():
    with pytest.raises(ContentErrors) as caught:
        parse("a: 0x1F\nb: [+1, 2, 1e3]\nc: '0x1F'\n0o7: x\n")
    assert [str(error.location) for error in caught.value.errors] == ["content/data/x.yaml:1:4", "content/data/x.yaml:2:5", "content/data/x.yaml:2:12",
                                                                      "content/data/x.yaml:4:1"]
    assert parse("c: '0x1F'\nd: \"+49\"\n") == {"c": "0x1F", "d": "+49"}


def test_integers_are_int_not_float():
    assert type(parse("a: 450000000")["a"]) is int


def test_infinity_and_nan():
    assert resolve_plain("-.inf") == -math.inf
    assert resolve_plain(".INF") == math.inf
    assert math.isnan(resolve_plain(".nan"))


@pytest.mark.parametrize("plain", ["0b101", "1,200", "12元", "0x", "1.2.3", "e5"])
def test_number_lookalikes_stay_text(plain):
    assert resolve_plain(plain) == plain


def test_empty_document_is_none():
    assert parse("") is None
    assert parse("# only a comment\n") is None


# --- locations -----------------------------------------------------------------------


DOC = "title: 标题\nitems:\n  - one\n  - two\nnested:\n  k: v\n"


def test_returns_located_map_and_list():
    data = parse(DOC)
    assert isinstance(data, YamlMap) and isinstance(data["items"], YamlList)
    assert data == {"title": "标题", "items": ["one", "two"], "nested": {"k": "v"}}


def test_key_and_value_locations_are_one_based():
    data = parse(DOC)
    assert (data.key_loc("title").line, data.key_loc("title").column) == (1, 1)
    assert (data.value_loc("title").line, data.value_loc("title").column) == (1, 8)
    assert data.key_loc("title").path == PATH


def test_item_locations_point_at_each_item():
    items = parse(DOC)["items"]
    assert (items.item_loc(0).line, items.item_loc(0).column) == (3, 5)
    assert (items.item_loc(1).line, items.item_loc(1).column) == (4, 5)


def test_nested_key_location():
    nested = parse(DOC)["nested"]
    assert (nested.key_loc("k").line, nested.key_loc("k").column) == (6, 3)


def test_first_line_offsets_every_location():
    data = parse(DOC, first_line=2)
    assert data.key_loc("title").line == 2
    assert data["items"].item_loc(1).line == 5
    assert data["nested"].key_loc("k").line == 7


def test_missing_key_falls_back_to_the_mapping():
    data = parse(DOC)
    assert data["nested"].key_loc("absent") == data["nested"].loc
    assert data.value_loc("absent") == data.loc


def test_item_beyond_the_list_falls_back_to_the_list():
    items = parse(DOC)["items"]
    assert items.item_loc(5) == items.loc


# --- refused constructs --------------------------------------------------------------


def test_duplicate_key_names_both_lines():
    error = only_error("a: 1\nb: 2\na: 3\n")
    assert where(error) == (3, 1)
    assert "duplicate key 'a'" in error.message and "first at line 1" in error.message


def test_duplicate_key_lines_include_the_front_matter_offset():
    error = only_error("a: 1\na: 2\n", first_line=2)
    assert error.location.line == 3 and "first at line 2" in error.message


def test_every_duplicate_is_reported():
    assert len(errors_of("a: 1\na: 2\nb: 1\nb: 2\n")) == 2


def test_alias_is_refused():
    errors = errors_of("a: &x 1\nb: *x\n")
    assert errors and all("anchors and aliases" in e.message for e in errors)


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    errors = errors_of("\n".join(lines))
    assert time.perf_counter() - started < 0.5
    assert all("aliases" in e.message for e in errors)


def test_python_object_tag_is_refused():
    error = only_error("a: !!python/object:os.system echo\n")
    assert "not supported" in error.message and "python/object" in error.message
    assert where(error) == (1, 4)


def test_local_tag_is_refused():
    assert "tag '!custom'" in only_error("a: !custom x\n").message


def test_merge_key_is_refused():
    assert "merge keys" in only_error("base: {a: 1}\n<<: {a: 2}\n").message


@pytest.mark.parametrize("key, named", [
    ("1", "a number (1)"), ("true", "true/false (true)"), ("null", "nothing (null)"),
])
def test_non_text_key_is_refused_with_its_type(key, named):
    error = only_error(f"{key}: value\n")
    assert error.message == f"a key must be text, not {named}"
    assert error.hint == "put the key in quotes"


def test_quoted_number_key_is_text():
    assert parse("'1': value\n") == {"1": "value"}


def test_all_mistakes_of_a_file_are_reported_together():
    errors = errors_of("a: 1\na: 2\n3: x\nb: !x y\n")
    assert [e.location.line for e in errors] == [2, 3, 4]


# --- syntax errors ---------------------------------------------------------------------


def test_tab_indentation_is_located_with_a_hint():
    error = only_error("a:\n\tb: 1\n")
    assert where(error) == (2, 1)
    assert error.message.startswith("YAML syntax error")
    assert "indent with spaces" in error.hint


def test_unclosed_quote_points_at_the_opening_quote():
    error = only_error('a: 1\nb: "unclosed\nc: 2\nd: 3\n')
    assert where(error) == (2, 4)
    assert "quoted value is not closed" in error.hint


def test_syntax_error_line_includes_the_front_matter_offset():
    assert only_error("a:\n\tb: 1\n", first_line=2).location.line == 3


def test_value_with_colon_space_gets_the_quote_hint():
    error = only_error("a: b: c\n")
    assert where(error) == (1, 5)
    assert "must be put in quotes" in error.hint


def test_second_document_is_a_syntax_error():
    assert "more than one YAML document" in only_error("a: 1\n---\nb: 2\n").hint


# --- the full-width colon of a Chinese input method ------------------------------------


def test_fullwidth_colon_reported_at_its_line():
    error = only_error("title：捐款\nb: 2\n")
    assert where(error) == (1, 6)  # the column of '：'
    assert error.message == "full-width colon '：' after 'title'"
    assert error.hint == FULLWIDTH_COLON_HINT


def test_fullwidth_colon_in_nested_mapping_reported_at_the_colon_not_the_next_key():
    error = only_error("zh:\n  label：捐款\n  measure: 个\n", first_line=2)
    assert where(error) == (3, 8)
    assert "after 'label'" in error.message


def test_fullwidth_colon_at_end_of_file():
    error = only_error("a: 1\ntitle：捐款\n")
    assert where(error) == (2, 6)


def test_fullwidth_colon_reported_even_when_another_error_follows_on_the_next_line():
    error = only_error('zh:\n  label：捐款\n  text: "unclosed\n')
    assert where(error) == (2, 8) and "full-width colon" in error.message


def test_fullwidth_colon_inside_block_text_does_not_hide_a_later_error():
    error = only_error('summary: |\n  注意：这个\nb: "unclosed\n')
    assert where(error) == (3, 4)
    assert "quoted value is not closed" in error.hint


def test_fullwidth_colon_in_a_list_item_does_not_hide_a_tab():
    error = only_error("items:\n  - 时间：2023年\nb:\n\tc: 1\n")
    assert where(error) == (4, 1)
    assert "indent with spaces" in error.hint


def test_fullwidth_colon_text_inside_values_is_valid():
    assert parse("note: 注意：这个\n") == {"note": "注意：这个"}


@pytest.mark.parametrize("text, expected", [
    ("title：捐款", True), ("  label：捐款", True), ("- name：x", True),
    ("title: 第一：总结", False), ("# 注释：x", False), ("'quoted'：x", False),
])
def test_looks_like_fullwidth_key(text, expected):
    assert looks_like_fullwidth_key(text) is expected


# --- describe ----------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    (None, "nothing (null)"), (False, "true/false (false)"), (3, "a number (3)"),
    ("hi", "text ('hi')"), ({}, "a mapping (key: value lines)"), ([], "a list (- item lines)"),
])
def test_describe_names_types_as_an_editor_would(value, expected):
    assert describe(value) == expected


def test_describe_shortens_long_text():
    assert describe("x" * 50) == "text ('" + "x" * 37 + "...')"


@pytest.mark.parametrize("text, char", [
    ("a: 1\nlabel: **所属**商会\n", "*"), ("label: `code` and more\n", "`"), ("label: @handle\n", "@"),
    ("label: '%'\nnote: %done\n", "%"), ("items:\n  - **bold** item\n", "*"),
])
def test_a_value_that_begins_with_a_character_yaml_keeps_says_so(text: str, char: str):
    """Not 'did not find expected alphabetic or numeric character (while scanning an alias)': what to do."""
    error = only_error(text)
    line = next(number for number, row in enumerate(text.splitlines(), 1) if f" {char}" in row and "'" not in row)
    assert error.message.startswith(f"a value that begins with '{char}' is not read as text")
    assert where(error) == (line, text.splitlines()[line - 1].index(char) + 1) and "quotes" in error.hint
