"""Translations stay in step with their originals: fingerprints, marking, and the warnings check gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microsite.load import Project, load
from microsite.translations import KEY, fingerprint, mark_translated, original_of, with_front_matter_value
from microsite.validate import validate
from tests.conftest import reseal


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


def test_an_editors_note_in_the_original_leaves_its_translation_in_step(minimal_project: Path) -> None:
    """An HTML comment is a note no reader sees: there is nothing to translate (see ``markdown``)."""
    pages = minimal_project / "content" / "pages"
    mark_translated(pages / "timeline.en.md", "zh", ("zh", "en"))
    original = pages / "timeline.zh.md"
    text = original.read_text(encoding="utf-8")
    original.write_text(text + "\n<!-- 编辑：下一段待补。\n两行的注。 -->\n", encoding="utf-8")
    assert not any("timeline.en.md" in w for w in warnings_of(minimal_project))
    original.write_text(text + "\n<!-- 编辑：下一段待补。 -->\n新的一段。\n", encoding="utf-8")
    assert any(w.startswith("content/pages/timeline.en.md: out of date") for w in warnings_of(minimal_project))


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


def test_translated_refuses_a_fifo_instead_of_waiting_for_it(minimal_project: Path, capsys) -> None:
    """``translated`` on a FIFO named like a page (or among the pages) says so and fails; it never hangs."""
    from microsite.cli import main

    fifo = minimal_project / "content" / "pages" / "pipe.en.md"
    (minimal_project / "content" / "pages" / "pipe.zh.md").write_text("---\ntitle: 管道\n---\n正文\n", encoding="utf-8")
    os.mkfifo(fifo)
    assert main(["--root", str(minimal_project), "translated", str(fifo)]) == 1
    assert f"{fifo}: not a regular file (a FIFO" in capsys.readouterr().err
    assert main(["--root", str(minimal_project), "translated", "--all"]) == 1  # every translation: the FIFO among them
    err = capsys.readouterr().err
    assert "pipe.en.md: not a regular file" in err and "Traceback" not in err


# --- records and sources, what changed, white space, the command --------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def marked(root: Path, *paths: str, capsys: pytest.CaptureFixture) -> str:
    from microsite.cli import main

    assert main(["--root", str(root), "translated", *[str(root / path) for path in paths]]) == 0
    return capsys.readouterr().out


def out_of_step(root: Path) -> list[str]:
    return [w for w in warnings_of(root) if "changed since" in w or "out of date" in w]


def test_a_changed_original_record_or_source_warns_with_what_changed(minimal_project: Path,
                                                                     capsys: pytest.CaptureFixture) -> None:
    out = marked(minimal_project, "content/data/statistics.yaml", "content/data/glossary.yaml",
                 "content/sources/2023-10-11-abcdef12.en.md", capsys=capsys)
    assert "marked as translated: statistic 'chambers' (statistics.yaml)" in out
    assert out_of_step(minimal_project) == []
    data = minimal_project / "content" / "data"
    edit(data / "statistics.yaml", "    label: 所属商会", "    label: 所属的商会")
    edit(data / "glossary.yaml", "definition: 工商业联合会", "definition: 工商业联合会（总商会）")
    edit(minimal_project / "content/sources/2023-10-11-abcdef12.md", "有效助力", "有力助推")
    reseal(minimal_project / "content/sources/2023-10-11-abcdef12.md")  # (the build refuses an edit of the sealed text)
    [statistic, term, source] = out_of_step(minimal_project)
    assert statistic.startswith("content/data/statistics.yaml:1:3: statistic 'chambers': its zh words changed "
                                "since its en translation was brought up to date: 'label: 所属商会' became "
                                "'label: 所属的商会'\n  hint: update the en words, then run: python3 build.py "
                                "translated content/data/statistics.yaml")
    assert term.startswith("content/data/glossary.yaml:") and "'definition: 工商业联合会" in term
    assert source.startswith("content/sources/2023-10-11-abcdef12.md: source '2023-10-11-abcdef12': its zh words")
    marked(minimal_project, "content/data/statistics.yaml", "content/data/glossary.yaml",
           "content/sources/2023-10-11-abcdef12.md", capsys=capsys)
    assert out_of_step(minimal_project) == []


@pytest.mark.parametrize("ledger, where, message", [
    ("- a\n", "1:1", "translated.yaml must map each original to what its translations were made from, found a list"),
    ("stat:chambers:\n  fingerprint: 12\n", "1:1", "translated.yaml: the entry 'stat:chambers' is not as 'translated' "
                                                 "writes it"),
])
def test_a_ledger_not_as_translated_writes_it_is_a_mistake(minimal_project: Path, capsys: pytest.CaptureFixture,
                                                           ledger: str, where: str, message: str) -> None:
    """Read as empty, it would silence every translation's check: a changed original would warn of nothing."""
    from microsite.cli import main

    marked(minimal_project, "content/data/statistics.yaml", capsys=capsys)
    (minimal_project / "content/data/translated.yaml").write_text(ledger, encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"content/data/translated.yaml:{where}: {message}" in err and "git checkout" in err


@pytest.mark.parametrize("name, data, where", [
    ("statistics.yaml", b"- id: chambers\n  zh: [\n", "content/data/statistics.yaml:3:1: YAML syntax error"),
    ("glossary.yaml", b"- id: icf\n  zh: {term: \xff}\n", "content/data/glossary.yaml:2:14: the file is not UTF-8"),
    ("translated.yaml", b"<<<<<<< HEAD\nstat:chambers: {fingerprint: abc, original: x}\n",
     "content/data/translated.yaml:2:14: YAML syntax error"),
    ("translated.yaml", b"- a\n", "content/data/translated.yaml:1:1: translated.yaml must map"),
], ids=["data-file-syntax", "data-file-not-utf8", "ledger-syntax", "ledger-shape"])
def test_translated_refuses_a_file_it_cannot_read_with_its_location_and_writes_nothing(
        minimal_project: Path, capsys: pytest.CaptureFixture, name: str, data: bytes, where: str) -> None:
    """``translated`` reads the data files and the ledger as the build does: a mistake in one is a located message
    (no traceback), and nothing is marked; a ledger it cannot read is not written over (every other entry lost)."""
    marked(minimal_project, "content/data/statistics.yaml", "content/data/glossary.yaml", capsys=capsys)
    content = minimal_project / "content"
    (content / "data" / name).write_bytes(data)
    assert_translated_refuses(minimal_project, capsys, where, "pages/timeline.en.md", "data/statistics.yaml",
                              "data/glossary.yaml")  # (the page is not marked either)


def assert_translated_refuses(project: Path, capsys: pytest.CaptureFixture, where: str, *paths: str) -> None:
    """``translated`` given ``paths`` (under content/) fails with the mistake located at ``where``, no traceback,
    and changes no data file or page."""
    from microsite.cli import main

    content = project / "content"
    files = [*(content / "data").iterdir(), *(content / "pages").iterdir()]
    before = {path: path.read_bytes() for path in files}
    status = main(["--root", str(project), "translated", *(str(content / path) for path in paths)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert where in err, err
    assert {path: path.read_bytes() for path in files} == before


@pytest.mark.parametrize("name, data, where", [
    ("pages/timeline.en.md", b"---\ntitle: T\n---\nIntro \xff\n", "content/pages/timeline.en.md:4:7: the file is not UTF-8"),
    ("pages/timeline.zh.md", b"---\ntitle: T\n---\n\xe4\xb8\n", "content/pages/timeline.zh.md:4:1: the file is not UTF-8"),
    ("pages/timeline.en.md", b"Intro.\n", "content/pages/timeline.en.md:1:1: the page does not start with front matter"),
    ("sources/2023-10-11-abcdef12.md", b"---\ntitle: \xff\n", "content/sources/2023-10-11-abcdef12.md:2:8: the file "
                                                               "is not UTF-8"),
], ids=["translation-not-utf8", "original-not-utf8", "no-front-matter", "source-not-utf8"])
def test_translated_names_the_file_and_line_of_a_page_it_cannot_mark(minimal_project: Path,
                                                                     capsys: pytest.CaptureFixture, name: str,
                                                                     data: bytes, where: str) -> None:
    """Not "error: 'utf-8' codec can't decode byte 0xff in position 90" (which file?), and nothing is marked, the
    other paths given included."""
    content = minimal_project / "content"
    (content / name).write_bytes(data)
    assert_translated_refuses(minimal_project, capsys, where, "pages/statistics.en.md", "pages/timeline.en.md",
                              "sources/2023-10-11-abcdef12.en.md")


@pytest.mark.parametrize("name", ["pages/timeline.zh.md", "sources/2023-10-11-abcdef12.md"])
def test_translated_copies_nothing_from_outside_the_project_into_the_ledger(minimal_project: Path, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture,
                                                                            name: str) -> None:
    """An original that is a link out of the project (the build refuses it unread) was read, and its text
    written into translated.yaml."""
    from microsite.cli import main

    content = minimal_project / "content"
    secret = tmp_path / "secret.md"
    secret.write_bytes((content / name).read_bytes().replace(b"---\n", b"---\nsecret: outside\n", 1))
    (content / name).unlink()
    (content / name).symlink_to(secret)
    translation = "pages/timeline.en.md" if name.startswith("pages") else "sources/2023-10-11-abcdef12.en.md"
    assert main(["--root", str(minimal_project), "translated", str(content / translation)]) == 1
    err = capsys.readouterr().err
    assert f"content/{name}: the symbolic link leads outside the project" in err, err
    assert not (content / "data/translated.yaml").exists()


def test_translated_reads_yaml_as_the_build_does(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    """A word YAML 1.1 reads as something else (``yes``, ``off``) is text to the build, and so to ``translated``:
    the words it records are the build's (it left ``yes`` out, and the change from it was never shown)."""
    data = minimal_project / "content" / "data"
    edit(data / "glossary.yaml", "definition: 工商业联合会的简称。", "definition: yes")
    marked(minimal_project, "content/data/glossary.yaml", capsys=capsys)
    assert out_of_step(minimal_project) == []
    edit(data / "glossary.yaml", "definition: yes", "definition: off")
    [stale] = out_of_step(minimal_project)
    assert "'definition: yes' became 'definition: off'" in stale, stale


@pytest.mark.parametrize(("before", "after", "summary"), [
    ("一。\n", "一。\n\n二。\n", "added '二。'"),
    ("一。\n\n二。\n", "一。\n", "removed '二。'"),
    ("一。\n\n二。\n", "一。\n\n三。\n\n", "'二。' became '三。'"),
    pytest.param("见" * 70 + "[甲](a.md)。\n", "见" * 70 + "[甲](b.md)。\n",
                 "'…" + "见" * 16 + "[甲](a.md)。' became '…" + "见" * 16 + "[甲](b.md)。'", id="past-the-60th"),
])
def test_a_change_is_summed_up_by_its_first_line_with_words(before: str, after: str, summary: str) -> None:
    """A paragraph added after a blank line was summed up as "added ''": the blank line was the first added; a line
    changed past its 60th character was summed up by two beginnings alike ('…联络…' became '…联络…')."""
    from microsite.translations import describe_change

    assert describe_change(before, after)[0] == summary


def test_a_change_the_ledger_cannot_show_is_summed_up_by_nothing() -> None:
    """A ledger whose copy of the original is the original now (a search and replace over content/ renaming a page,
    translated.yaml included) knows no change: it was summed up as "added ''"."""
    from microsite.translations import describe_change

    assert describe_change("见[甲](b.md)。\n", "见[甲](b.md)。\n") == ("", "")
    assert describe_change("见[甲](b.md)。\n", "见[甲](b.md)。\n\n") == ("", "")


def test_white_space_is_no_change(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    pages = minimal_project / "content" / "pages"
    marked(minimal_project, "content/pages/timeline.en.md", "content/data/statistics.yaml", capsys=capsys)
    original = pages / "timeline.zh.md"
    original.write_text(original.read_text(encoding="utf-8").replace("Intro.", "\n Intro. \n") + "\n\n",
                        encoding="utf-8")  # re-wrapped, spaced: the same words
    edit(minimal_project / "content/data/statistics.yaml", "    label: 所属商会", "    label:   所属商会  ")
    assert out_of_step(minimal_project) == []


def test_a_stale_page_shows_what_changed_and_verbose_shows_the_diff(minimal_project: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    marked(minimal_project, "content/pages/timeline.en.md", capsys=capsys)
    original = minimal_project / "content" / "pages" / "timeline.zh.md"
    text = original.read_text(encoding="utf-8")
    original.write_text(text + "新的一段。\n", encoding="utf-8")
    [stale] = out_of_step(minimal_project)
    assert "has changed since this translation was made: added '新的一段。'" in stale
    assert main(["--root", str(minimal_project), "-v", "check"]) == 0
    assert "\n    +新的一段。\n" in capsys.readouterr().err


def test_translated_alone_lists_what_is_out_of_step_and_marks_nothing(minimal_project: Path,
                                                                      capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    translation = minimal_project / "content" / "pages" / "timeline.en.md"
    before = translation.read_text(encoding="utf-8")
    assert main(["--root", str(minimal_project), "translated"]) == 1
    err = capsys.readouterr().err
    assert "out of step: content/pages/timeline.en.md: not marked as a translation of timeline.zh.md" in err
    assert "or pass --all to mark everything" in err and translation.read_text(encoding="utf-8") == before
    assert main(["--root", str(minimal_project), "translated", "--all"]) == 0
    out = capsys.readouterr().out
    assert "timeline.en.md" in out and "statistic 'chambers'" in out and out.splitlines()[-1].endswith(
        "already up to date")
    assert [w for w in warnings_of(minimal_project) if "translation" in w] == []


def test_translated_alone_on_content_with_a_mistake_shows_the_mistake(minimal_project: Path,
                                                                     capsys: pytest.CaptureFixture) -> None:
    """Not "0 translations out of step" (and status 1): what is out of step is unknown until the mistake is fixed."""
    from microsite.cli import main

    (minimal_project / "content/data/statistics.yaml").write_text("- id: chambers\n  zh: [\n", encoding="utf-8")
    assert main(["--root", str(minimal_project), "translated"]) == 1
    err = capsys.readouterr().err
    assert "content/data/statistics.yaml:3:1: YAML syntax error" in err and "1 mistake found." in err
    assert "translations out of step" not in err


def test_the_hint_names_the_file_from_the_project_s_content_folder_wherever_the_project_is(tmp_path: Path) -> None:
    """A project kept in a folder named content (content/site/content/pages/...) is named from its own content/:
    the hint once began at the first folder named content."""
    from tests.conftest import MINIMAL, make_project

    root = make_project(tmp_path / "content" / "site", MINIMAL / "content")
    pages = root / "content" / "pages"
    mark_translated(pages / "timeline.en.md", "zh", ("zh", "en"))
    original = pages / "timeline.zh.md"
    original.write_text(original.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    stale = [w for w in warnings_of(root) if "out of date" in w]
    assert stale and stale[0].endswith("then run: python3 build.py translated content/pages/timeline.en.md")


@pytest.mark.parametrize("fingerprint_written", ["012345678912", "8e3120459123", "123456789012"])
def test_a_ledgers_fingerprint_of_digits_is_read_back_as_the_text_it_is(tmp_path: Path, fingerprint_written: str):
    """PyYAML writes YAML 1.1, where 012345678912 (not octal) and 8e3120459123 (no point) are text and need no
    quotes; the build reads YAML 1.2, where they are numbers (the second one infinite, and refused as written)."""
    from microsite.translations import write_ledger
    from microsite.yamlfile import parse_yaml

    path = tmp_path / "translated.yaml"
    write_ledger(path, {"stat:x": {"fingerprint": fingerprint_written, "original": "49"}})
    assert parse_yaml(path.read_text(encoding="utf-8"), path)["stat:x"] == {"fingerprint": fingerprint_written,
                                                                            "original": "49"}


def test_the_originals_keep_their_language_when_another_is_published_at_the_root(minimal_project: Path,
                                                                                capsys: pytest.CaptureFixture) -> None:
    """Publishing English at the root (default_language: en) made every Chinese original a translation of English:
    'its en words changed since its zh translation' for every record, each zh page 'not marked as a translation',
    and `translated --all` marked the Chinese pages."""
    everything = ("content/pages/timeline.en.md", "content/data/statistics.yaml", "content/data/glossary.yaml",
                  "content/sources/2023-10-11-abcdef12.en.md")
    marked(minimal_project, *everything, capsys=capsys)
    settings = minimal_project / "content" / "site.yaml"
    edit(settings, "default_language: zh", "default_language: en\noriginal_language: zh")
    assert out_of_step(minimal_project) == []
    assert not any(".zh.md: not marked" in warning for warning in warnings_of(minimal_project))
    edit(minimal_project / "content/data/statistics.yaml", "    label: 所属商会", "    label: 所属的商会")
    [statistic] = out_of_step(minimal_project)
    assert "its zh words changed since its en translation was brought up to date" in statistic
    from microsite.cli import main

    assert main(["--root", str(minimal_project), "translated", "--all"]) == 0
    out = capsys.readouterr().out
    assert "translated from index.zh.md" in out  # the translations are marked, not the originals
    assert not any(line.endswith(".zh.md") for line in out.splitlines()), out
    assert out_of_step(minimal_project) == []
    edit(settings, "original_language: zh", "original_language: fr")
    assert main(["--root", str(minimal_project), "check"]) == 1
    assert "original_language" in capsys.readouterr().err
