"""Tests for microsite.schema: one mapping read against its keys, every mistake located."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from microsite.errors import ErrorList
from microsite.schema import Fields, expect_list, expect_mapping
from microsite.yamlfile import parse_yaml

FILE = Path("content/data/statistics.yaml")


def fields(text: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> tuple[Fields, ErrorList]:
    errors = ErrorList()
    return Fields(parse_yaml(text, FILE), "statistic 'x'", errors, required, optional), errors


def reported(errors: ErrorList) -> list[str]:
    return [error.format() for error in errors.errors]


# --- keys ------------------------------------------------------------------------


def test_unknown_key_is_located_and_suggests_the_close_one():
    _, errors = fields("id: x\nsorce: s\n", ("id",), ("source", "quote"))
    assert reported(errors) == [f"{FILE}:2:1: statistic 'x': unknown key 'sorce'\n  hint: did you mean 'source'?"]


def test_unknown_key_without_a_close_one_lists_the_allowed_keys():
    _, errors = fields("id: x\nzzz: 1\n", ("id",), ("source", "quote"))
    assert errors.errors[0].hint == "allowed keys: id, quote, source"


def test_key_typed_with_a_fullwidth_colon_gets_the_input_method_hint():
    _, errors = fields('"label：x": 1\n', (), ("label",))
    assert errors.errors[0].message == "statistic 'x': full-width colon '：' in key 'label：x'"
    assert "Chinese input method" in errors.errors[0].hint


def test_missing_required_key_is_reported_at_the_mapping():
    _, errors = fields("\nid: x\n", ("id", "unit"))
    assert reported(errors) == [f"{FILE}:2:1: statistic 'x': missing key 'unit'\n  hint: add a line 'unit: ...'"]


@pytest.mark.parametrize("text", ["unit:\n", "unit: null\n", "unit: ~\n"])
def test_required_key_written_without_a_value_is_reported_not_skipped(text: str):
    data, errors = fields(text, ("unit",))
    assert data.text("unit") == ""
    assert [(e.location.line, e.message, e.hint) for e in errors.errors] == [
        (1, "statistic 'x': 'unit' is empty", "write its value after 'unit:'")]


def test_optional_key_without_a_value_takes_the_default_silently():
    data, errors = fields("group:\nweight:\n", (), ("group", "weight"))
    assert data.text("group", "none") == "none"
    assert data.integer("weight", 3) == 3
    assert not errors


# --- text, ident -----------------------------------------------------------------


def test_text_is_stripped():
    data, errors = fields("label: '  affiliated chambers '\n", (), ("label",))
    assert data.text("label") == "affiliated chambers"
    assert not errors


@pytest.mark.parametrize("raw, shown", [("1949", "1949"), ("2023-10", None), ("true", "true"), ("False", "false")])
def test_text_refuses_what_yaml_typed_and_says_to_quote_it(raw: str, shown: str | None):
    data, errors = fields(f"label: {raw}\n", (), ("label",))
    value = data.text("label", "fallback")
    if shown is None:  # YAML 1.2: a date-like value stays text
        assert value == raw and not errors
        return
    assert value == "fallback"
    error = errors.errors[0]
    assert (error.location.line, error.location.column) == (1, 8)
    assert error.message.startswith("statistic 'x': 'label' must be text, found ")
    assert error.hint == f'put the value in quotes: label: "{shown}"'


def test_text_hint_does_not_rewrite_a_decimal_the_editor_wrote():
    data, errors = fields("label: 2023.10\n", (), ("label",))
    data.text("label")
    assert "2023.1\"" not in errors.errors[0].hint
    assert errors.errors[0].hint.startswith("put the value in quotes")


@pytest.mark.parametrize("raw", ['""', "'   '"])
def test_text_refuses_an_empty_string(raw: str):
    data, errors = fields(f"label: {raw}\n", (), ("label",))
    assert data.text("label", "fallback") == "fallback"
    assert reported(errors) == [f"{FILE}:1:8: statistic 'x': 'label' is empty\n"
                                "  hint: write the text, or remove the key"]


def test_ident_accepts_lower_case_words_with_hyphens():
    data, errors = fields("id: donations-2023\n", ("id",))
    assert data.ident("id") == "donations-2023"
    assert not errors


@pytest.mark.parametrize("raw", ["Donations", "trade_orders", "a--b", "-a", "捐款"])
def test_ident_refuses_anything_else_with_the_id_hint(raw: str):
    data, errors = fields(f"id: {raw}\n", ("id",))
    data.ident("id")
    assert errors.errors[0].message == f"statistic 'x': '{raw}' is not a valid id"
    assert "lower-case ASCII letters" in errors.errors[0].hint


# --- numbers and booleans ------------------------------------------------------------------


def test_integer_accepts_whole_numbers_only():
    data, errors = fields("a: 12\nb: 1.5\nc: true\nd: '12'\n", (), tuple("abcd"))
    assert [data.integer(key, -1) for key in "abcd"] == [12, -1, -1, -1]
    assert [e.message for e in errors.errors] == [
        "statistic 'x': 'b' must be a whole number, found a number (1.5)",
        "statistic 'x': 'c' must be a whole number, found true/false (true)",
        "statistic 'x': 'd' must be a whole number, found text ('12')",
    ]


def test_number_accepts_integers_and_decimals_as_float():
    data, errors = fields("a: 450000000\nb: 4.5\n", (), ("a", "b"))
    assert (data.number("a"), data.number("b")) == (450000000.0, 4.5)
    assert isinstance(data.number("a"), float)
    assert not errors


@pytest.mark.parametrize("raw, found", [("true", "true/false (true)"), ("'49'", "text ('49')"),
                                        ("4_9", "text ('4_9')"), ("4.5亿", "text ('4.5亿')")])
def test_number_refuses_booleans_and_text(raw: str, found: str):
    data, errors = fields(f"value: {raw}\n", (), ("value",))
    assert data.number("value") is None
    assert errors.errors[0].message == f"statistic 'x': 'value' must be a number, found {found}"
    assert "write digits only" in errors.errors[0].hint


@pytest.mark.parametrize("raw", [math.inf, -math.inf, math.nan])
def test_number_refuses_infinity_and_not_a_number(raw: float):
    """The YAML reader refuses .inf and .nan where they are written (test_yamlfile); a mapping from elsewhere (a
    reading kept in the cache) is held to it too."""
    data, errors = fields("value: 1\n", (), ("value",))
    data.data["value"] = raw
    assert data.number("value") is None
    message = errors.errors[0].message
    assert message.startswith("statistic 'x': 'value' must be a finite number, found")


@pytest.mark.parametrize("raw", ["49000000000000000000000000000000000000", "9007199254740993",
                                 "-49000000000000000000000000000000000000"])
def test_number_refuses_one_too_large_to_be_held_exactly(raw: str):
    """As a float its digits would change (49 followed by 36 zeros came out as 4900...3997072614992673505280)."""
    data, errors = fields(f"value: {raw}\n", (), ("value",))
    assert data.number("value") is None
    assert errors.errors[0].message == ("statistic 'x': 'value' is too large to be held exactly (more than "
                                        "9,007,199,254,740,992)")


def test_number_accepts_the_largest_held_exactly():
    data, errors = fields("value: 9007199254740992\n", (), ("value",))
    assert data.number("value") == 2**53 and not errors


def test_boolean_accepts_true_and_false():
    data, errors = fields("a: true\nb: false\n", (), ("a", "b"))
    assert (data.boolean("a"), data.boolean("b", True)) == (True, False)
    assert not errors


@pytest.mark.parametrize("raw", ["yes", "no", "on", "1"])
def test_boolean_refuses_yaml_11_words_and_numbers(raw: str):
    data, errors = fields(f"headline: {raw}\n", (), ("headline",))
    assert data.boolean("headline", False) is False
    error = errors.errors[0]
    assert error.message.startswith("statistic 'x': 'headline' must be true or false, found")
    assert error.hint == "YAML 1.2: only 'true' and 'false' (not yes/no/on/off)"


# --- choice, lists, mappings ------------------------------------------------------------


def test_choice_returns_an_allowed_value():
    data, errors = fields("unit: yuan\n", ("unit",))
    assert data.choice("unit", ("count", "yuan")) == "yuan"
    assert not errors


def test_choice_refuses_another_value_and_lists_the_options():
    data, errors = fields("unit: rmb\n", ("unit",))
    assert data.choice("unit", ("count", "yuan", "percent"), "count") == "count"
    assert reported(errors) == [f"{FILE}:1:7: statistic 'x': 'unit' is 'rmb', which is not allowed\n"
                                "  hint: use one of: count, yuan, percent"]


def test_text_list_returns_stripped_items():
    data, errors = fields("avoid: [' Chamber of Commerce ', ICC]\n", (), ("avoid",))
    assert data.text_list("avoid") == ("Chamber of Commerce", "ICC")
    assert not errors


def test_text_list_reports_each_bad_item_at_its_place():
    data, errors = fields("stats:\n  - a\n  - 12\n  - ''\n", (), ("stats",))
    assert data.text_list("stats") == ("a",)
    assert [(e.location.line, e.location.column, e.message) for e in errors.errors] == [
        (3, 5, "statistic 'x': 'stats' items must be text, found a number (12)"),
        (4, 5, "statistic 'x': 'stats' has an empty item"),
    ]


def test_text_list_reports_an_item_given_twice_at_its_second_place():
    """Every list of the content names distinct things: a menu entry given twice was shown twice."""
    data, errors = fields("stats: [a, b, ' a', b, c]\n", (), ("stats",))
    assert data.text_list("stats") == ("a", "b", "c")
    assert [(e.location.line, e.location.column, e.message, e.hint) for e in errors.errors] == [
        (1, 15, "statistic 'x': 'stats' lists 'a' twice", "remove one of them"),
        (1, 21, "statistic 'x': 'stats' lists 'b' twice", "remove one of them"),
    ]


def test_text_list_refuses_a_single_value():
    data, errors = fields("stats: trade-orders\n", (), ("stats",))
    assert data.text_list("stats") == ()
    assert errors.errors[0].message == ("statistic 'x': 'stats' must be a list of '- ' items, "
                                        "found text ('trade-orders')")


def test_expect_list_returns_an_empty_located_list_for_the_wrong_type():
    errors = ErrorList()
    data = parse_yaml("id: x\n", FILE)
    items = expect_list(data, data.loc, "statistics.yaml", errors)
    assert items == [] and items.item_loc(0) == data.loc
    assert errors.errors[0].message == "statistics.yaml must be a list of '- ' items, found a mapping (key: value lines)"


def test_mapping_of_a_mapping_is_returned():
    data, errors = fields("zh:\n  label: 捐款\n", (), ("zh",))
    assert data.mapping("zh") == {"label": "捐款"}
    assert data.mapping("en") is None
    assert not errors


def test_fullwidth_colon_makes_text_instead_of_a_mapping_and_is_pointed_at():
    text = "zh:\n    title：商贸对接活动\n"
    data, errors = fields(text, (), ("zh",))
    assert data.mapping("zh") is None
    error = errors.errors[0]
    assert error.message == "statistic 'x': 'zh': full-width colon '：' after 'title'"
    assert "ASCII colon" in error.hint
    assert (error.location.line, error.location.column) == (2, 10)
    assert text.split("\n")[1][error.location.column - 1] == "："


def test_expect_mapping_names_what_it_found():
    errors = ErrorList()
    data = parse_yaml("- a\n- b\n", FILE)
    assert expect_mapping(data, data.loc, "site.yaml", errors) is None
    assert errors.errors[0].message == "site.yaml must be a mapping of 'key: value' lines, found a list (- item lines)"
