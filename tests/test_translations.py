"""Translations stay in step with their originals: fingerprints, marking, and the warnings check gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.load import Project, load
from microsite.translations import KEY, fingerprint, mark_translated, original_of, with_front_matter_value
from microsite.validate import validate


def test_fingerprint_ignores_line_endings_but_not_words() -> None:
    assert fingerprint("a\r\nb\n") == fingerprint("a\nb\n")
    assert fingerprint("a\nb\n") != fingerprint("a\nc\n")
    assert len(fingerprint("x")) == 12


def test_original_is_the_default_language_page_of_the_same_name() -> None:
    assert original_of(Path("pages/x.en.md"), "zh", ("zh", "en")) == Path("pages/x.zh.md")
    assert original_of(Path("pages/x.zh.md"), "zh", ("zh", "en")) is None
    assert original_of(Path("pages/x.md"), "zh", ("zh", "en")) is None


def test_front_matter_value_is_added_then_replaced_and_the_body_kept() -> None:
    text = "---\ntitle: A\n---\nBody: with a colon\n"
    added = with_front_matter_value(text, KEY, "abc")
    assert added == '---\ntitle: A\ntranslated_from: "abc"\n---\nBody: with a colon\n'

    assert with_front_matter_value(added, KEY, "def") == added.replace("abc", "def")
    with pytest.raises(ValueError):
        with_front_matter_value("no front matter", KEY, "x")


def test_a_fingerprint_of_digits_stays_text(minimal_project: Path) -> None:
    from microsite.load import parse_document

    text = with_front_matter_value("---\ntitle: A\n---\n", KEY, "123456789012")
    assert parse_document(text, Path("x.en.md")).front[KEY] == "123456789012"
    text = with_front_matter_value(text, KEY, "12345e678901")
    assert parse_document(text, Path("x.en.md")).front[KEY] == "12345e678901"


def warnings_of(root: Path) -> list[str]:
    return [w.format(root) for w in validate(load(Project(root))).warnings]


def test_unmarked_then_marked_then_out_of_date(minimal_project: Path) -> None:
    pages = minimal_project / "content" / "pages"
    translation = pages / "timeline.en.md"
    assert any(w.startswith("content/pages/timeline.en.md: not marked as a translation of timeline.zh.md")
               for w in warnings_of(minimal_project))
    assert mark_translated(translation, "zh", ("zh", "en")).startswith("marked as translated from timeline.zh.md")
    assert not any("timeline.en.md" in w for w in warnings_of(minimal_project))
    assert mark_translated(translation, "zh", ("zh", "en")).startswith("up to date")
    original = pages / "timeline.zh.md"
    original.write_text(original.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    stale = [w for w in warnings_of(minimal_project) if "timeline.en.md" in w]
    assert stale == ["content/pages/timeline.en.md: out of date: timeline.zh.md has changed since this translation "
                     "was made\n  hint: bring it up to date, then run: python3 build.py translated "
                     "content/pages/timeline.en.md"]


def test_a_translation_identical_to_its_original_is_called_untranslated(minimal_project: Path) -> None:
    pages = minimal_project / "content" / "pages"
    (pages / "glossary.en.md").write_text((pages / "glossary.zh.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert any(w.startswith("content/pages/glossary.en.md: untranslated") for w in warnings_of(minimal_project))


def test_record_words_copied_from_the_original_are_called_untranslated(minimal_project: Path) -> None:
    glossary = minimal_project / "content" / "data" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "    term: Federation of Industry and Commerce\n    definition: The ICF.\n    avoid: [Chamber of Industry]\n",
        "    term: 工商联\n    definition: 工商业联合会的简称。\n"), encoding="utf-8")
    warnings = warnings_of(minimal_project)
    assert any("'icf': the en words are the same as the zh ones" in w for w in warnings)
    assert any("glossary term 'icf' has no source quote" in w for w in warnings)


def test_warnings_do_not_fail_the_build(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    assert main(["--root", str(minimal_project), "check"]) == 0
    assert "warning: content/pages/" in capsys.readouterr().err
