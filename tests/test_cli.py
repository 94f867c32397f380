"""The command line as the maintainer uses it: exit statuses, messages, and what is left on disk."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from microsite.cli import main, parser
from tests.conftest import PROJECT, REPO, SAMPLE_SOURCE


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["serve"], ["ingest"]])
def test_help_documents_every_option(command: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args([*command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    expected = {(): ["build", "check", "serve", "ingest", "test", "--root", "--version", "--quiet", "--verbose"],
                ("build",): ["--out", "--base-url", "--timeout"],
                ("check",): ["--base-url", "--no-cache", "--site", "--timeout"],
                ("serve",): ["--host", "--port", "--open", "--timeout"],
                ("ingest",): ["--force", "--encoding", "PATH"]}[tuple(command)]
    for option in expected:
        assert option in text


def test_build_prints_one_summary_line_with_pages_per_language(minimal_project: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["--root", str(minimal_project), "build", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("built 14 pages (7 zh, 7 en) into") and re.search(r" in \d+\.\d\d s \(\d+ files written\)$", lines[0])
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve"]])
def test_a_command_whose_process_exits_after_it_leaves_its_objects_to_the_exit(
        minimal_project: Path, tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """build.py's process ends with a build or a check: the cycle collector is not run (on exit either) over what
    the command made. In a process that goes on (a test's, the preview's), the collector is left as it was."""
    import gc

    from microsite import serve

    monkeypatch.setattr(serve, "serve", lambda root, **options: 0)  # the preview's own set-up, not its loop
    argv = ["--root", str(minimal_project), *command, *(["--out", str(tmp_path / "out")] if command == ["build"] else [])]
    assert gc.isenabled()
    assert main(argv) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    try:
        assert main(argv, exits=True) == 0
        one_shot = command != ["serve"]
        assert gc.isenabled() is not one_shot
        assert (gc.get_freeze_count() > 0) is one_shot
    finally:
        gc.unfreeze()
        gc.enable()


def test_failed_build_leaves_the_previous_site_untouched(minimal_project: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["--root", str(minimal_project), "build", "--out", str(out)]) == 0
    before = snapshot(out)
    statistics = minimal_project / "content" / "data" / "statistics.yaml"
    statistics.write_text(statistics.read_text(encoding="utf-8").replace("value: 49", "value: 48"), encoding="utf-8")
    assert main(["--root", str(minimal_project), "build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the quote does not contain the number 48" in err and "was left unchanged" in err
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_template_that_runs_away_stops_the_command_with_its_line_and_leaves_the_site(
        minimal_project: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    assert main(["--root", str(minimal_project), "-q", "build", "--out", str(out)]) == 0
    before = snapshot(out)
    template = minimal_project / "templates" / "404.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "  {{ body }}", "  {% for i in range(10**12) %}{{ i }}{% endfor %}"), encoding="utf-8")
    given = ["--out", str(out)] if command == "build" else ["--no-cache"]
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(minimal_project), command,
                             *given, "--timeout", "0.5"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert re.match(r"templates/404\.html:5: rendering the page /(en|zh)/404\.html took longer than 0\.5 s, and "
                    r"was stopped here\n  hint: a loop that does not end, .* build with --timeout SECONDS \(now 0\.5\)\n",
                    result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize("given", ["-1", "nan", "inf", "soon", ""])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(given: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(["build", "--timeout", given])
    assert exit_info.value.code == 2
    assert f"'{given}' is not a number of seconds: use a number such as 60, or 0 for no limit" in capsys.readouterr().err


def test_a_timeout_of_zero_is_no_limit() -> None:
    assert parser().parse_args(["check", "--timeout", "0"]).timeout is None
    assert parser().parse_args(["check"]).timeout == 30


def test_build_refuses_a_folder_it_did_not_make(minimal_project: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", encoding="utf-8")
    assert main(["--root", str(minimal_project), "build", "--out", str(precious)]) == 1
    assert "not made by microsite" in capsys.readouterr().err
    assert snapshot(precious) == {"thesis.txt": hashlib.sha256(b"years of work").hexdigest()}


def test_check_writes_nothing(minimal_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    before = snapshot(minimal_project)
    assert main(["--root", str(minimal_project), "check"]) == 0
    assert snapshot(minimal_project) == before
    assert main(["--root", str(minimal_project), "build", "--out", str(tmp_path / "site")]) == 0  # a cache to read
    page = minimal_project / "content" / "pages" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    before = snapshot(minimal_project)
    for extra in ([], ["--no-cache"]):  # the cache read, or not: neither writes it
        assert main(["--root", str(minimal_project), "check", *extra]) == 0
        assert snapshot(minimal_project) == before
    assert main(["--root", str(minimal_project), "check"]) == 0
    assert "nothing changed" not in capsys.readouterr().out  # the page changed since the cache was written


@pytest.mark.content
def test_real_command_line_checks_the_real_content() -> None:
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(PROJECT), "check"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    from microsite.config import read_config_file

    codes = read_config_file(PROJECT).codes  # (whichever languages the content has)
    assert result.stdout.startswith("checked ") and all(f" {code}" in result.stdout for code in codes)


def test_real_command_line_reports_content_mistakes_without_traceback(minimal_project: Path) -> None:
    (minimal_project / "content" / "site.yaml").write_text("title：测试\nlanguages: [zh]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(minimal_project), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("content/site.yaml:1:6: full-width colon '：' after 'title'")
    assert "Traceback" not in result.stderr


def test_ingest_writes_a_source_and_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    raw = REPO / "tests" / "fixtures" / "ingest" / "real" / "000_9911d2ada22d7c3e.txt"
    assert main(["--root", str(tmp_path), "ingest", str(raw)]) == 0
    written = tmp_path / "content" / "sources" / "2023-10-11-eb7c93e7.md"
    assert written.read_bytes() == SAMPLE_SOURCE.read_bytes()
    assert main(["--root", str(tmp_path), "ingest", str(raw)]) == 0
    assert "unchanged" in capsys.readouterr().out.splitlines()[-1]


@pytest.mark.parametrize("linked", ["content/sources", "content"])
def test_ingest_writes_nothing_into_a_folder_linked_from_outside_the_project(tmp_path: Path, linked: str,
                                                                             capsys: pytest.CaptureFixture) -> None:
    """The build refuses to read such a folder; ingest wrote the source there, outside the project."""
    raw = REPO / "tests" / "fixtures" / "ingest" / "real" / "000_9911d2ada22d7c3e.txt"
    root, outside = tmp_path / "project", tmp_path / "outside"
    outside.mkdir()
    (root / linked).parent.mkdir(parents=True, exist_ok=True)
    (root / linked).symlink_to(outside, target_is_directory=True)
    assert main(["--root", str(root), "ingest", str(raw)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/sources: the folder is outside the project") and "Traceback" not in err
    assert list(outside.rglob("*")) == []


@pytest.mark.parametrize("out, message", [
    ("no-such-folder/../content", "inside the project's content/ folder"),
    ("content/pages/site", "inside the project's content/ folder"),
    ("static/out", "inside the project's static/ folder"),
    ("templates", "inside the project's templates/ folder"),
    ("site/..", "holds the project itself"),
    (".", "holds the project itself"),
    ("..", "holds the project itself"),
])
@pytest.mark.parametrize("command", ["build", "serve"])
def test_an_output_folder_among_the_inputs_or_holding_the_project_is_refused(
        minimal_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
        out: str, message: str, command: str) -> None:
    """Resolved first: ``no-such-folder/../content`` is ``content``, which the build must never swap out."""
    monkeypatch.chdir(minimal_project)
    before = snapshot(minimal_project)
    assert main(["--root", ".", command, "--out", out]) == 1
    err = capsys.readouterr().err
    assert message in err and "--out" in err and "Traceback" not in err
    assert snapshot(minimal_project) == before
    assert not (minimal_project / "no-such-folder").exists()


def test_an_output_folder_beside_the_inputs_is_fine(minimal_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(minimal_project)
    assert main(["--root", ".", "build", "--out", "content/../site"]) == 0
    assert (minimal_project / "site" / "index.html").is_file()


def test_an_output_path_too_long_for_the_system_is_refused(minimal_project: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    deep = tmp_path.joinpath(*["d" * 200] * 22)  # over 4,096 bytes: no system can open it
    assert main(["--root", str(minimal_project), "build", "--out", str(deep)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot use --out") and "File name too long" in err and "Traceback" not in err


def test_an_output_folder_that_cannot_be_made_is_refused_without_a_traceback(minimal_project: Path, tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert main(["--root", str(minimal_project), "build", "--out", str(tmp_path / "a-file" / "site")]) == 1
    err = capsys.readouterr().err
    assert err == (f"error: cannot write the site into {tmp_path / 'a-file' / 'site'}: {tmp_path / 'a-file'} is a "
                   "file, where a folder should be; choose another --out\n")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder"


def test_a_site_too_deep_for_its_output_folder_is_refused_before_writing(minimal_project: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture) -> None:
    """Each page passes check (its path in the site is under 1,024 bytes), but not under a 3,350-byte --out."""
    key = "/".join(["k" * 200] * 4)
    for lang in ("zh", "en"):
        page = minimal_project / "content" / "pages" / f"{key}.{lang}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("---\ntitle: Deep\ndescription: Deep.\n---\nText.\n", encoding="utf-8")
    assert main(["--root", str(minimal_project), "check"]) == 0
    parent = tmp_path.joinpath(*["o" * 250] * 13)
    parent.mkdir(parents=True)
    assert main(["--root", str(minimal_project), "build", "--out", str(parent / "site")]) == 1
    err = capsys.readouterr().err
    assert "the output folder's path is too long for the site" in err and "Traceback" not in err
    assert list(parent.iterdir()) == []


def test_version_is_printed(capsys: pytest.CaptureFixture) -> None:
    from microsite import __version__

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out == f"microsite {__version__}\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_only_mistakes_and_verbose_is_accepted(minimal_project: Path, tmp_path: Path, where: str,
                                                            capsys: pytest.CaptureFixture) -> None:
    command = ["--root", str(minimal_project), "build", "--out", str(tmp_path / "out")]
    assert main(["-q", *command] if where == "before" else [*command, "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["-v", *command] if where == "before" else [*command, "--verbose"]) == 0
    assert capsys.readouterr().out.startswith("up to date: ")
    (minimal_project / "content" / "site.yaml").write_text("title：测试\n", encoding="utf-8")
    assert main([*command, "-q"]) == 1
    assert "full-width colon" in capsys.readouterr().err


def test_the_project_is_where_build_py_is_not_where_it_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert "content/site.yaml" not in result.stderr  # found the repository's content, not an empty tmp_path
    assert result.stdout.startswith("checked ") or result.returncode == 1


def test_test_command_help_needs_no_installation(tmp_path: Path) -> None:
    for name in ("build.py", "pyproject.toml"):
        (tmp_path / name).write_bytes((REPO / name).read_bytes())
    result = subprocess.run([sys.executable, "-I", "-S", str(tmp_path / "build.py"), "test", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("usage: python3 build.py test [pytest options]")
    assert not (tmp_path / ".venv").exists()


def test_an_old_python_gets_a_sentence_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import runpy

    monkeypatch.setattr(sys, "version_info", (3, 10, 4, "final", 0))
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(REPO / "build.py"), run_name="__main__")
    assert str(exit_info.value.code).startswith("microsite needs Python 3.11 or newer; this is Python 3.10")


@pytest.mark.slow
def test_an_offline_first_run_gets_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    import os

    for name in ("build.py", "pyproject.toml"):
        (tmp_path / name).write_bytes((REPO / name).read_bytes())
    environment = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}
    result = subprocess.run([sys.executable, "-I", "-S", str(tmp_path / "build.py"), "check"], cwd=tmp_path,
                            env=environment,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: could not install the packages microsite needs" in result.stderr
    assert "needs the internet" in result.stderr
