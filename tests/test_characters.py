"""Tests for microsite.characters: invisible characters and spaces inside numbers, found and located."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from microsite.characters import find_problems, is_invisible, without_invisible
from microsite.cli import main


def test_every_format_character_of_this_python_is_invisible():
    missing = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) == "Cf" and not is_invisible(chr(cp))]
    assert missing == []


def test_every_invisible_character_is_found_in_a_text():
    """Every code point the exact class holds, in Chinese text: the quick search before it misses none."""
    from microsite.characters import INVISIBLE

    everything = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    invisible = INVISIBLE.findall(everything)
    assert len(invisible) > 4000
    assert [char for char in invisible if [p.start for p in find_problems(f"商会{char}建设")] != [2]] == []


@pytest.mark.parametrize("char", ["\u034f", "\u115f", "\u3164", "\ufe0f", "\U000e0100", "\u180b"])
def test_default_ignorable_characters_that_are_not_cf_are_invisible(char):
    assert is_invisible(char)


@pytest.mark.parametrize("char", ["a", "中", " ", "\u3000", "４", "\u00a0", "\n"])
def test_visible_characters_and_spaces_are_not_invisible(char):
    assert not is_invisible(char)


@pytest.mark.parametrize("text, offset, written", [
    ("[\u202e49\u202c chambers]", 1, "\u202e"),
    ("a&#x202E;b", 1, "&#x202E;"),
    ("a&#8203;b", 1, "&#8203;"),
    ("zero&zwnj;width", 4, "&zwnj;"),
    ("soft\u00adhyphen", 4, "\u00ad"),
])
def test_invisible_characters_are_found_written_or_as_references(text, offset, written):
    problem = find_problems(text)[0]
    assert (problem.start, problem.written) == (offset, written)
    assert unicodedata.name(problem.char) in problem.message()


@pytest.mark.parametrize("text, offset, number", [
    ("护航4\u200a9个", 3, "4 9"),
    ("护航4 9个", 3, "4 9"),
    ("护航4\u30009个", 3, "4 9"),
    ("4&#8202;9", 1, "4 9"),
    ("4&nbsp;9", 1, "4 9"),
    ("四 十九家", 1, "四 十九"),
    ("١ ٢", 1, "١ ٢"),
])
def test_white_space_inside_a_number_is_found_with_the_number(text, offset, number):
    problems = find_problems(text)
    assert [(p.start, p.number) for p in problems] == [(offset, number)]
    assert "inside the number" in problems[0].message()


@pytest.mark.parametrize("text", ["2023年 7月", "iPhone 15", "4\n9", "a &amp; b 4 & 9", "49 chambers, 20 departments",
                                  "第06版 六版", "In Q2 2023, and H1 2024"])
def test_ordinary_text_has_no_problems(text):
    assert find_problems(text) == []


@pytest.mark.parametrize("text, offset, run, digit", [
    ("共ƼООО家企业", 1, "ƼООО", "5"),  # no digit at all: letters before a measure word
    ("共ЗОО家", 1, "ЗОО", "3"),
    ("2О23年", 1, "2О23", "0"),  # a Cyrillic O among digits
    ("２Ｏ２３", 1, "２Ｏ２３", "0"),  # a full-width Latin O among full-width digits
    ("第1І届", 2, "1І", "1"),
    ("共З家", 1, "З", "3"),
])
def test_a_letter_that_looks_like_a_digit_among_digits_is_found(text, offset, run, digit):
    """Readers read ƼООО家 as 5000家; the check reads letters and traces nothing."""
    [problem] = find_problems(text)
    assert (problem.start, problem.number, problem.digit) == (offset, run, digit)
    assert f"looks like the digit {digit}" in problem.message() and "type the digits" in problem.hint


@pytest.mark.parametrize("text", ["CO2 and Q1", "Москва, ООО company", "Ιnformation"])
def test_letters_of_other_alphabets_away_from_numbers_are_no_problem(text):
    assert find_problems(text) == []


def test_without_invisible_removes_only_invisible_characters():
    assert without_invisible("15\u200b.6%\u202e 中") == "15.6% 中"


@pytest.mark.parametrize("text, offset, double", [
    ("护航\u2f17\u2f0b个所属商会", 2, "十"),  # KANGXI RADICAL TEN, then EIGHT: 十八个 to a reader
    ("第\u2f17\u2f00届", 1, "十"),
    ("\uf9d1家", 0, "六"),  # a compatibility ideograph
    ("\uf978家", 0, "兩"),
    ("\U0002f800字", 0, "丽"),  # beyond U+FFFF
    ("&#x2F17;家", 0, "十"),  # as a reference, which Markdown decodes
])
def test_a_radical_or_compatibility_ideograph_that_shows_a_common_character_is_found(text, offset, double):
    """⼗⼋个 is 十八个 to a reader; the checks, which read 十 and 八, read nothing there."""
    problem = find_problems(text)[0]
    assert (problem.start, problem.double) == (offset, double)
    assert f"looks like {double}" in problem.message() and problem.hint.startswith(f"type {double} itself")


@pytest.mark.parametrize("text", ["十八个所属商会", "六家", "\u2e8f", "\u2ff0"])  # ⺏ and ⿰ show no other character
def test_common_characters_and_radicals_that_show_no_other_are_no_problem(text):
    assert find_problems(text) == []


def test_ingest_writes_the_common_character_a_radical_shows():
    assert without_invisible("\u2f17\u2f0b个，\uf9d1家") == "十八个，六家"


@pytest.mark.parametrize("inserted, message", [("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
                                               ("\u2f17\u2f0b", "U+2F17 KANGXI RADICAL TEN looks like 十")])
def test_check_refuses_a_bidi_control_or_a_radical_in_a_page_at_its_column(minimal_project: Path, capsys, inserted,
                                                                            message):
    page = minimal_project / "content/pages/index.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("The ICF has", f"The ICF has {inserted}"),
                    encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"content/pages/index.en.md:6:13: {message}" in err
    assert "Traceback" not in err


def test_check_refuses_a_hair_space_inside_a_number_in_a_quote(minimal_project: Path, capsys):
    data = minimal_project / "content/data/statistics.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("quote: 护航49个", "quote: 护航4\u200a9个"), encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/data/statistics.yaml:6:13: U+200A HAIR SPACE inside the number '4 9'" in err


def test_check_refuses_an_escaped_invisible_character_in_yaml(minimal_project: Path, capsys):
    data = minimal_project / "content/data/statistics.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("label: 所属商会", 'label: "所属\\u200b商会"'),
                    encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    err = capsys.readouterr().err
    assert "content/data/statistics.yaml:8:12: U+200B ZERO WIDTH SPACE (written as an escape)" in err


def test_check_refuses_a_number_split_by_folding_yaml_lines(minimal_project: Path, capsys):
    data = minimal_project / "content/data/statistics.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("quote: 护航49个", "quote: 护航4\n    9个"), encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    assert "inside the number '4 9'" in capsys.readouterr().err


def test_check_refuses_a_space_inside_a_number_of_a_source(minimal_project: Path, capsys):
    source = minimal_project / "content/sources/2023-10-11-abcdef12.md"
    source.write_text(source.read_text(encoding="utf-8").replace("护航49个", "护航4 9个"), encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    assert "2023-10-11-abcdef12.md:19:42: U+0020 SPACE inside the number" in capsys.readouterr().err


def test_a_refused_source_is_the_one_mistake_reported(sample_project: Path, capsys):
    """The records and glossary entries quoting it are not reported again, number by number."""
    source = sample_project / "content/sources/2023-10-11-eb7c93e7.md"
    source.write_text(source.read_text(encoding="utf-8").replace("护航49个", "护航4 9个"), encoding="utf-8")
    assert main(["--root", str(sample_project), "check"]) == 1
    err = capsys.readouterr().err
    assert "inside the number '4 9'" in err and err.rstrip().endswith("1 mistake found.")
