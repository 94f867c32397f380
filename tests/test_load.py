"""Tests for microsite.load: front matter split from the body, files read as UTF-8 text."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.errors import ContentError, ContentErrors
from microsite.load import Project, load, parse_document

PAGE = Path("content/pages/index.en.md")


def parse_error(text: str) -> ContentError:
    with pytest.raises(ContentErrors) as caught:
        parse_document(text, PAGE)
    assert len(caught.value.errors) == 1, caught.value.format()
    return caught.value.errors[0]


# --- parse_document ------------------------------------------------------------------


def test_front_matter_and_body_are_split_at_the_closing_line():
    document = parse_document("---\ntitle: Home\ndescription: The home page.\n---\nFirst line.\n\nSecond.\n", PAGE)
    assert document.front == {"title": "Home", "description": "The home page."}
    assert document.body == "First line.\n\nSecond.\n"
    assert document.path == PAGE


def test_body_line_is_the_file_line_of_the_first_body_line():
    document = parse_document("---\ntitle: Home\ndescription: d\n---\nbody\n", PAGE)
    assert document.body_line == 5
    assert document.body.split("\n")[0] == "body"


def test_front_matter_values_keep_their_file_lines():
    document = parse_document("---\ntitle: Home\ndescription: d\n---\n", PAGE)
    assert document.front.value_loc("title").line == 2
    assert document.front.value_loc("description").line == 3


def test_three_dots_also_close_the_front_matter():
    document = parse_document("---\ntitle: Home\n...\nbody\n", PAGE)
    assert document.front == {"title": "Home"}
    assert document.body == "body\n"


def test_a_dashed_line_in_the_body_is_body_text():
    document = parse_document("---\ntitle: Home\n---\nabove\n---\nbelow\n", PAGE)
    assert document.body == "above\n---\nbelow\n"


def test_empty_front_matter_is_none_for_validation_to_refuse():
    document = parse_document("---\n---\nbody\n", PAGE)
    assert document.front is None
    assert document.body == "body\n"


def test_file_without_front_matter_is_refused_at_its_first_line():
    error = parse_error("# A heading\n\nText.\n")
    assert (error.location.line, error.location.column) == (1, 1)
    assert error.message == "the file does not start with front matter"
    assert "title:" in error.hint and "description:" in error.hint


def test_unclosed_front_matter_says_to_add_the_closing_line():
    error = parse_error("---\ntitle: Home\ndescription: d\n\nbody text\n")
    assert error.message == "the front matter is not closed"
    assert "did you forget it?" in error.hint


@pytest.mark.parametrize("first_line", ["----", "--- title: Home", "---title: Home"])
def test_first_line_must_be_exactly_three_dashes(first_line: str):
    error = parse_error(f"{first_line}\ndescription: d\n---\nbody\n")
    assert error.message == "the first line must be exactly '---'"
    assert (error.location.line, error.location.column) == (1, 1)


def test_a_lone_dashes_line_is_not_a_document():
    assert parse_error("---").message == "the first line must be exactly '---'"


def test_yaml_error_in_front_matter_points_at_the_file_line():
    error = parse_error("---\ntitle: Home\n  nested: wrong\n---\nbody\n")
    assert (error.location.path, error.location.line, error.location.column) == (PAGE, 3, 9)
    assert "YAML syntax error" in error.message


def test_duplicate_key_in_front_matter_names_both_file_lines():
    error = parse_error("---\ntitle: a\ndescription: d\ntitle: b\n---\n")
    assert error.location.line == 4
    assert error.message == "duplicate key 'title' (first at line 2)"


# --- load ------------------------------------------------------------------------


VALID_PAGE = "---\ntitle: T\ndescription: D\n---\nText.\n"


def project(tmp_path: Path, files: dict[str, bytes | str]) -> Project:
    """A content tree with ``site.yaml`` and the given files (paths relative to content/)."""
    files = {"site.yaml": "title: x\n", **files}
    for name, data in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Project(tmp_path)


def messages(raw) -> list[str]:
    return [error.format(raw.project.root) for error in raw.errors]


def test_load_reads_pages_sources_data_and_static_files(tmp_path: Path):
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "a.png").write_bytes(b"\x89PNG")
    raw = load(project(tmp_path, {"pages/pillars/a.en.md": VALID_PAGE, "sources/s.md": VALID_PAGE,
                                  "data/statistics.yaml": "- id: x\n"}))
    assert raw.errors == () and raw.unreadable == frozenset()
    assert [d.path.relative_to(tmp_path / "content").as_posix() for d in raw.pages] == ["pages/pillars/a.en.md"]
    assert [d.path.name for d in raw.sources] == ["s.md"]
    assert raw.data["statistics"].value == [{"id": "x"}]
    assert "timeline" not in raw.data  # optional data files may be absent
    assert [(f.name, f.content) for f in raw.static_files] == [("img/a.png", (tmp_path / "static/img/a.png").read_bytes())]


def test_the_files_no_part_of_the_build_reads_are_listed_and_an_editors_own_are_not(tmp_path: Path):
    stray = ["README.md", "data/events.yaml", "data/old/statistics.yaml", "page/x.en.md", "pages/about.en.markdown",
             "pages/pillars/photo.jpg", "sources/notes.txt", "sources/s.candidates.yaml.bak"]
    meant = ["pages/a.en.md", "sources/s.md", "sources/s.en.md", "sources/s.candidates.yaml", "data/timeline.yaml",
             "data/translated.yaml", "pages/.DS_Store", "pages/a.en.md~", "pages/.a.en.md.swp", "pages/#a.en.md#",
             "data/Thumbs.db", ".gitkeep"]
    raw = load(project(tmp_path, {name: VALID_PAGE if name.endswith(".md") else "[]\n" for name in stray + meant}))
    assert [path.relative_to(tmp_path / "content").as_posix() for path in raw.unread] == sorted(stray)


LEFTOVERS = ["style.css~", "#style.css#", ".style.css.swp", ".style.css.swo", ".DS_Store", "Thumbs.db",
             ".git/config", "img/.DS_Store"]


def test_an_editors_or_the_systems_leftovers_are_not_read_and_hidden_files_are(tmp_path: Path):
    static = tmp_path / "static"
    for name in ["style.css", ".well-known/security.txt", ".htaccess", "img/a.png", *LEFTOVERS]:
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_bytes(b"x")
    (static / ".#style.css").symlink_to("editor@host.1234:1700000000")  # Emacs's lock: a link to nowhere
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / ".#a.en.md").symlink_to("editor@host.1234:1700000000")
    (pages / "#a.en.md#").write_text(VALID_PAGE, encoding="utf-8")
    raw = load(project(tmp_path, {"pages/a.en.md": VALID_PAGE}))
    assert messages(raw) == []
    assert sorted(f.name for f in raw.static_files) == [".htaccess", ".well-known/security.txt", "img/a.png",
                                                         "style.css"]
    assert [d.path.name for d in raw.pages] == ["a.en.md"]


def test_a_page_build_still_lists_every_file_it_does_not_read(tmp_path: Path):
    """A build that reads only the pages that changed (see ``known``) still walks the whole folder."""
    raw = load(project(tmp_path, {"pages/a.en.md": VALID_PAGE, "pages/b.en.md": VALID_PAGE, "pages/c.txt": "x"}),
               pages=frozenset({str(tmp_path / "content/pages/a.en.md")}))
    assert [d.path.name for d in raw.pages] == ["a.en.md"]
    assert [path.name for path in raw.unread] == ["c.txt"]


def test_missing_site_yaml_is_reported(tmp_path: Path):
    (tmp_path / "content").mkdir()
    raw = load(Project(tmp_path))
    assert raw.site is None
    assert messages(raw) == ["content/site.yaml: file is missing\n"
                             "  hint: create site.yaml; see docs/reference.md"]


def test_no_content_folder_is_an_error_at_once(tmp_path: Path):
    with pytest.raises(ContentErrors) as caught:
        load(Project(tmp_path))
    assert caught.value.errors[0].message == "no content folder here"


def test_non_utf8_file_is_reported_at_the_line_of_the_first_bad_byte(tmp_path: Path):
    gbk = "---\ntitle: T\ndescription: 工商联\n---\n".encode("gbk")
    raw = load(project(tmp_path, {"pages/index.zh.md": gbk}))
    assert messages(raw)[0].startswith("content/pages/index.zh.md:3:14: the file is not UTF-8 text")
    assert "GBK" in raw.errors[0].hint
    assert raw.pages == ()


def test_nul_byte_is_reported_at_its_line(tmp_path: Path):
    raw = load(project(tmp_path, {"data/glossary.yaml": "- id: a\n- id: b\x00\n"}))
    assert messages(raw)[0].startswith("content/data/glossary.yaml:2: the file contains a NUL byte")
    assert "glossary" not in raw.data


def test_byte_order_mark_is_accepted(tmp_path: Path):
    raw = load(project(tmp_path, {"pages/index.en.md": b"\xef\xbb\xbf" + VALID_PAGE.encode()}))
    assert raw.errors == ()
    assert raw.pages[0].front == {"title": "T", "description": "D"}


def test_windows_line_endings_are_normalised(tmp_path: Path):
    raw = load(project(tmp_path, {"pages/index.en.md": VALID_PAGE.replace("\n", "\r\n") + "More.\r\n"}))
    assert raw.errors == ()
    document = raw.pages[0]
    assert document.body == "Text.\nMore.\n"
    assert document.body_line == 5


def test_one_unreadable_file_does_not_stop_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    content = project(tmp_path, {"pages/a.en.md": VALID_PAGE, "pages/b.en.md": VALID_PAGE,
                                 "pages/c.en.md": b"\xff\xfe", "pages/d.en.md": "no front matter\n"})
    locked = tmp_path / "content" / "pages" / "a.en.md"
    import microsite.load as load_module

    def locked_open(path, *args, **kwargs):  # tests run as root, for whom no file is unreadable
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(load_module, "open", locked_open, raising=False)
    raw = load(content)
    assert [d.path.name for d in raw.pages] == ["b.en.md"]
    assert "content/pages/a.en.md: cannot read the file: Permission denied" in messages(raw)
    pages = tmp_path / "content" / "pages"
    assert raw.unreadable == {pages / "a.en.md", pages / "c.en.md", pages / "d.en.md"}


def test_a_long_running_caller_opens_only_the_files_whose_bytes_changed(tmp_path: Path, monkeypatch) -> None:
    """Reading is a pure function of a file's path and bytes: a file fingerprinted with bytes read before is not
    opened again, and its reading (mistakes included) is the one remembered."""
    from microsite import load as load_module
    from microsite.inputs import Inputs

    proj = project(tmp_path, {"pages/a.en.md": "---\ntitle: A\n---\nText.\n",
                              "pages/b.en.md": "---\ntitle: [\n---\nBroken.\n"})
    opened = []
    original = load_module._read_bytes
    monkeypatch.setattr(load_module, "_read_bytes", lambda path, *rest: opened.append(Path(path).name) or
                        original(path, *rest))
    parsed: dict = {}
    first = load(proj, parsed, Inputs(proj.root))
    assert sorted(opened) == ["a.en.md", "b.en.md", "site.yaml"]
    opened.clear()
    again = load(proj, parsed, Inputs(proj.root))
    assert opened == [] and again.pages == first.pages and messages(again) == messages(first) != []
    (proj.content / "pages" / "a.en.md").write_text("---\ntitle: A2\n---\nText.\n", encoding="utf-8")
    changed = load(proj, parsed, Inputs(proj.root))
    assert opened == ["a.en.md"] and changed.pages[0].front["title"] == "A2"
