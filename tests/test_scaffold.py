"""`new`: items start with every required key, and the build points at what is still empty."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from microsite.cli import main
from microsite.scaffold import ScaffoldError, new_item
from microsite.config import read_config_file


def check_output(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    status = main(["--root", str(root), "check"])
    return status, capsys.readouterr().err


def test_new_statistic_is_appended_and_its_empty_values_are_reported(minimal_project: Path,
                                                                    capsys: pytest.CaptureFixture) -> None:
    before = (minimal_project / "content/data/statistics.yaml").read_text(encoding="utf-8")
    lines = new_item(minimal_project, read_config_file(minimal_project), "stat", "new-figure")
    assert lines == ["added stat 'new-figure' to content/data/statistics.yaml: fill in the empty values"]
    after = (minimal_project / "content/data/statistics.yaml").read_text(encoding="utf-8")
    assert after.startswith(before) and "- id: new-figure" in after and "source: 2023-10-11-abcdef12" in after
    status, err = check_output(minimal_project, capsys)
    assert status == 1
    for key in ("'value' is empty", "'quote' is empty", "statistic 'new-figure' (zh): 'label' is empty",
                "statistic 'new-figure' (en): 'label' is empty"):
        assert key in err


@pytest.mark.parametrize(("kind", "required"), [("event", ("date", "quote", "title")), ("term", ("term",))])
def test_new_records_of_each_kind_have_every_required_key_and_only_those_empty(
        minimal_project: Path, kind: str, required: tuple[str, ...], capsys: pytest.CaptureFixture) -> None:
    new_item(minimal_project, read_config_file(minimal_project), kind, "fresh")
    status, err = check_output(minimal_project, capsys)
    assert status == 1 and "missing key" not in err and "'fresh'" in err
    empty = sorted(set(re.findall(r"'(\w+)' is empty", err)))
    assert empty == sorted(required)  # optional keys are written as comments, not as empty values


def test_new_page_refuses_a_template_that_does_not_exist(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(minimal_project), "new", "page", "about", "--template", "nosuch"]) == 1
    assert "error: no page template 'nosuch': use one of home, page, " in capsys.readouterr().err
    assert not (minimal_project / "content/pages/about.en.md").exists()


def test_new_page_exists_in_every_language(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(minimal_project), "new", "page", "about/team"]) == 0
    for lang in ("zh", "en"):
        assert (minimal_project / f"content/pages/about/team.{lang}.md").is_file()
    status, err = check_output(minimal_project, capsys)
    assert status == 1 and "content/pages/about/team.en.md:2:8: front matter: 'title' is empty" in err
    assert "has no" not in err  # both languages were created


def test_nothing_is_overwritten_and_bad_ids_are_refused(minimal_project: Path) -> None:
    config = read_config_file(minimal_project)
    with pytest.raises(ScaffoldError, match="already has a record with id 'chambers'"):
        new_item(minimal_project, config, "stat", "chambers")
    with pytest.raises(ScaffoldError, match="not a valid id"):
        new_item(minimal_project, config, "event", "Bad Id")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_item(minimal_project, config, "page", "statistics")


@pytest.mark.parametrize("key, refused", [
    ("Bad Key", "'Bad Key' cannot be a page name"),
    ("../outside", "'../outside' cannot be a page name"),
    ("con", "'con' cannot be a file or folder name: Windows reserves 'CON' for a device"),
    ("aux/x", "'aux' cannot be a file or folder name: Windows reserves 'AUX' for a device"),
    ("static", "'static' is reserved for the site's own files"),
    ("sources/x", "'sources' is reserved for the site's own files"),
    ("en", "'en' is reserved: the pages in English are at /en/"),
    ("en/about", "'en' is reserved: the pages in English are at /en/"),
])
def test_new_page_refuses_a_key_the_build_would_refuse(minimal_project: Path, key: str, refused: str) -> None:
    """``new`` asks the build's own rule (``pages.key_problem``), and writes nothing it would refuse."""
    before = sorted((minimal_project / "content").rglob("*"))
    with pytest.raises(ScaffoldError, match=re.escape(refused)):
        new_item(minimal_project, read_config_file(minimal_project), "page", key)
    assert sorted((minimal_project / "content").rglob("*")) == before


def test_new_page_refuses_a_template_only_one_page_may_have_and_another_has(minimal_project: Path) -> None:
    """The build refuses two pages of one such template (the figures page, the timeline...): ``new`` does too."""
    config = read_config_file(minimal_project)
    with pytest.raises(ScaffoldError, match="only one page of the site can use 'template: statistics', and "
                                            "'statistics' does"):
        new_item(minimal_project, config, "page", "figures", "statistics")
    assert not (minimal_project / "content/pages/figures.en.md").exists()
    assert new_item(minimal_project, config, "page", "more", "pillar")  # a template many pages may have


@pytest.mark.parametrize("text, where", [
    ("5\n", "content/data/statistics.yaml:1:1: statistics.yaml must be a list of '- ' items, found a number (5)"),
    ("true\n", "content/data/statistics.yaml:1:1: statistics.yaml must be a list of '- ' items, found true/false (true)"),
    ("a: b\n", "content/data/statistics.yaml:1:1: statistics.yaml must be a list of '- ' items, found a mapping"),
    ("- id: x\n  zh: [\n", "content/data/statistics.yaml:3:1: YAML syntax error"),
    ("- id: \xff\n", "content/data/statistics.yaml:1:7: the file is not UTF-8 text"),
], ids=["number", "boolean", "mapping", "syntax", "not-utf8"])
def test_new_record_in_a_data_file_the_build_refuses_is_its_located_mistakes_and_writes_nothing(
        minimal_project: Path, capsys: pytest.CaptureFixture, text: str, where: str) -> None:
    """Not a TypeError ('int' object is not iterable, unhashable type: 'YamlList'), nor a record appended under
    'a: b', where the build reads none."""
    path = minimal_project / "content/data/statistics.yaml"
    data = text.encode("utf-8").replace("\xff".encode("utf-8"), b"\xff")
    path.write_bytes(data)
    assert main(["--root", str(minimal_project), "new", "stat", "fresh-one"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and where in err, err
    assert path.read_bytes() == data


@pytest.mark.parametrize("text", ["- id: [x]\n", "- {id: {a: b}}\n"])
def test_new_record_beside_a_record_whose_id_is_no_text_is_added(minimal_project: Path, text: str) -> None:
    """(was TypeError: unhashable type) The build reports that record's id as before; the new one is added."""
    path = minimal_project / "content/data/statistics.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["--root", str(minimal_project), "new", "stat", "fresh-one"]) == 0
    assert path.read_text(encoding="utf-8").startswith(text + "\n- id: fresh-one\n")


def test_new_page_writes_nothing_through_a_symbolic_link_to_nothing(minimal_project: Path, tmp_path: Path) -> None:
    """A link where a new page goes, even one leading nowhere (yet), is a file that exists: the page was written
    where it led, outside the project."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (minimal_project / "content/pages/fresh.en.md").symlink_to(outside / "fresh.en.md")
    with pytest.raises(ScaffoldError, match="fresh.en.md already exists; nothing was written"):
        new_item(minimal_project, read_config_file(minimal_project), "page", "fresh")
    assert list(outside.iterdir()) == [] and not (minimal_project / "content/pages/fresh.zh.md").exists()


def test_new_record_writes_nothing_through_a_symbolic_link_to_nothing(minimal_project: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    glossary = minimal_project / "content/data/glossary.yaml"
    glossary.unlink()
    glossary.symlink_to(outside / "glossary.yaml")
    assert main(["--root", str(minimal_project), "new", "term", "fresh"]) == 1
    assert "content/data/glossary.yaml: the symbolic link leads nowhere" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_new_page_of_a_single_template_is_not_stopped_by_a_fifo_among_the_pages(minimal_project: Path) -> None:
    """Looking for the page that has the template, ``new`` opened every page: a FIFO named as one made it wait for
    ever (the build refuses it unopened)."""
    os.mkfifo(minimal_project / "content/pages/pipe.zh.md")
    new_item(minimal_project, read_config_file(minimal_project), "page", "find", "search")
    assert (minimal_project / "content/pages/find.zh.md").is_file()
