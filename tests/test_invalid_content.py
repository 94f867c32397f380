"""Each folder of tests/invalid/ breaks the minimal site in one way (or several).

A case folder holds files to lay over the minimal site (``content/...``),
optionally ``append/...`` (text added to the end of a file), ``remove.txt``
(paths to delete) and ``expected.txt``: lines that must all appear in what
``build.py check`` prints. Every case must exit with status 1, print no
traceback, and report every listed mistake in the same run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from microsite.cli import main

from tests.conftest import MINIMAL, make_project

CASES = sorted(path for path in (Path(__file__).parent / "invalid").iterdir() if path.is_dir())


def broken_project(tmp_path: Path, case: Path) -> Path:
    root = make_project(tmp_path, MINIMAL / "content")
    overlay = case / "content"
    if overlay.is_dir():
        shutil.copytree(overlay, root / "content", dirs_exist_ok=True)
    for extra in (case / "append").rglob("*") if (case / "append").is_dir() else ():
        if extra.is_file():
            target = root / extra.relative_to(case / "append")
            with target.open("ab") as handle:
                handle.write(extra.read_bytes())
    remove = case / "remove.txt"
    for line in remove.read_text(encoding="utf-8").splitlines() if remove.exists() else ():
        (root / line.strip()).unlink()
    return root


def test_the_minimal_site_itself_is_valid(minimal_project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--root", str(minimal_project), "check"]) == 0
    assert "checked" in capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_invalid_content_fails_with_located_messages(case: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    root = broken_project(tmp_path, case)
    status = main(["--root", str(root), "check"])
    printed = capsys.readouterr()
    assert status == 1, printed.out
    assert "Traceback" not in printed.err
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            assert line.strip() in printed.err, f"missing: {line}\n--- got:\n{printed.err}"
