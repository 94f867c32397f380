"""A mistake is printed as ``path:line:col: message`` on one line, whatever the path or the message holds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from microsite.cli import main
from microsite.errors import ContentError, ContentErrors, Location


@pytest.mark.parametrize("name, shown", [
    ("a\nb.zh.md", "a\\nb.zh.md"),
    ("a\rb.zh.md", "a\\rb.zh.md"),
    ("a\u2028b.zh.md", "a\\u2028b.zh.md"),
    ("a\x1b[31mb.zh.md", "a\\x1b[31mb.zh.md"),
    ("a\u202eb.zh.md", "a\\u202eb.zh.md"),
    ("中文 页\u3000.zh.md", "中文 页\u3000.zh.md"),  # seen characters, spaces included, as they are
])
def test_a_path_is_shown_on_one_line_with_unseen_characters_escaped(name: str, shown: str) -> None:
    error = ContentError(Location(Path("content/pages") / name, 3, 1), "what is wrong", "how to fix it")
    assert error.format() == f"content/pages/{shown}:3:1: what is wrong\n  hint: how to fix it"


def test_a_folder_named_with_a_line_break_is_one_located_mistake(minimal_project: Path,
                                                                 capsys: pytest.CaptureFixture) -> None:
    (minimal_project / "content" / "pages" / "a\nb.zh.md").mkdir()
    assert main(["--root", str(minimal_project), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/pages/a\\nb.zh.md: this is a folder, named as a file the build reads"), err


def test_the_mistakes_of_a_stage_cross_from_a_worker_process_whole():  # a runaway template's, which stops the build
    errors = ContentErrors([ContentError(Location(Path("templates/page.html"), 7), "stopped", "shorten the loop")])
    again = pickle.loads(pickle.dumps(errors))
    assert isinstance(again, ContentErrors) and again.format() == errors.format()
