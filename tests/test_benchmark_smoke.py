"""The benchmark's scripts run: a valid, deterministic synthetic corpus, and a table with our rows.

No timing is asserted here: the benchmark's results stay out of the test suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300)


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.mark.parametrize("generator", ["scripts/synth.py", "scripts/corpus_flat.py"])
def test_corpus_is_valid_for_the_build_and_byte_identical_when_generated_again(tmp_path, generator):
    for name in ("first", "second"):
        generated = run(generator, "--pages", "20", "--out", str(tmp_path / name))
        assert generated.returncode == 0, generated.stderr

    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    pages = sorted((tmp_path / "first" / "content" / "pages").rglob("*.md"))
    assert len(pages) == 20
    assert sum(path.name.endswith(".zh.md") for path in pages) == 10
    checked = run("build.py", "--root", str(tmp_path / "first"), "check")
    assert checked.returncode == 0, checked.stderr
    assert "warning" not in checked.stderr


@pytest.mark.parametrize("generator", ["scripts/synth.py", "scripts/corpus_flat.py"])
def test_a_corpus_with_search_has_a_search_page_in_each_language_and_builds_its_index(tmp_path, generator):
    generated = run(generator, "--pages", "20", "--search", "--out", str(tmp_path / "corpus"))
    assert generated.returncode == 0, generated.stderr
    built = run("build.py", "--root", str(tmp_path / "corpus"), "build", "--out", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    assert "warning" not in built.stderr
    entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert len(entry["languages"]) == 2


def test_flat_corpus_pages_share_one_folder_with_tables_lists_and_many_links(tmp_path):
    generated = run("scripts/corpus_flat.py", "--pages", "40", "--out", str(tmp_path))
    assert generated.returncode == 0, generated.stderr

    folders = {path.parent for path in (tmp_path / "content" / "pages").rglob("p*.md")}
    assert folders == {tmp_path / "content" / "pages" / "docs"}
    for path in sorted(next(iter(folders)).glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        rows = [line for line in body.splitlines() if line.startswith("| ")]
        assert len(rows) >= 21, path  # the header and at least 20 rows
        assert re.search(r"^ +- ", body, re.MULTILINE) or re.search(r"^1\. ", body, re.MULTILINE), path
        assert 10 <= len(re.findall(r"\]\(p\d{5}\.md(?:#overview)?\)", body)) <= 30, path
        visible = re.sub(r"\(p\d{5}\.md|^ *1\. ", "", body, flags=re.MULTILINE)
        assert not re.search(r"\d", visible), path  # digits only in link targets and list markers


def test_benchmark_prints_a_table_with_the_microsite_rows(tmp_path):
    done = run("scripts/benchmark.py", "--sizes", "20", "--repeat", "1", "--no-peers", "--keep", str(tmp_path))

    assert done.returncode == 0, done.stderr
    assert "| build | wall s | CPU s | CPU/wall | peak MB |" in done.stdout
    for name in ("microsite cold", "microsite nothing changed", "microsite one page edited",
                 "microsite check, one page edited", "microsite check, nothing changed",
                 "microsite preview, first save after start", "microsite preview save-to-served",
                 "microsite preview, heading added"):
        row = next((line for line in done.stdout.splitlines() if line.startswith(f"| {name} |")), None)
        assert row is not None, done.stdout
        assert "FAILED" not in row, done.stdout


def test_benchmark_builds_the_flat_corpus_and_reports_cpu_time(tmp_path):
    done = run("scripts/benchmark.py", "--corpus", "flat", "--sizes", "20", "--repeat", "1", "--peers",
               "--no-preview", "--real-repeat", "0", "--keep", str(tmp_path))

    assert done.returncode == 0, done.stderr
    assert "N = 20 pages, flat corpus" in done.stdout
    assert (tmp_path / "flat-n20" / "project" / "content" / "pages" / "docs").is_dir()
    cold = next(line for line in done.stdout.splitlines() if line.startswith("| microsite cold |"))
    wall, cpu, ratio = (float(cell) for cell in cold.split("|")[2:5])
    assert cpu > 0 and ratio == pytest.approx(cpu / wall, rel=0.05), cold  # of the rounded figures


def test_the_compile_floor_probe_times_the_library_our_parser_and_our_compile(tmp_path):
    generated = run("scripts/synth.py", "--pages", "20", "--out", str(tmp_path / "corpus"))
    assert generated.returncode == 0, generated.stderr
    probed = run("scripts/compile_floor.py", str(tmp_path / "corpus"), "--repeat", "1")
    assert probed.returncode == 0, probed.stderr
    assert probed.stdout.startswith("20 pages of ")
    rows = [line for line in probed.stdout.splitlines() if "ms/page" in line]
    assert [row.split("  ")[0] for row in rows] == ["markdown-it-py alone (CommonMark, tables)",
                                                     "our parser (our rules added)", "our compile (and the survey)"]
    assert run("scripts/compile_floor.py", str(tmp_path)).returncode == 1  # no pages there: said, not a traceback


def test_the_build_floor_probe_times_each_library_and_adds_them_up(tmp_path):
    generated = run("scripts/synth.py", "--pages", "20", "--out", str(tmp_path / "corpus"))
    assert generated.returncode == 0, generated.stderr
    (tmp_path / "scratch").mkdir()
    probed = run("scripts/build_floor.py", str(tmp_path / "corpus"), "--repeat", "1", "--scratch",
                 str(tmp_path / "scratch"))
    assert probed.returncode == 0, probed.stderr
    lines = probed.stdout.splitlines()
    assert lines[0].startswith("20 pages of ")
    rows = [re.fullmatch(r"(.+?) +(\d+\.\d\d) s", line) for line in lines[1:]]
    assert all(rows), probed.stdout
    labels = [re.sub(r"^\d+ ", "", row[1]) for row in rows]
    cores = lines[0].rsplit("; ", 1)[1].split()[0]  # "...; 2 cores"
    assert labels == ["input files read, their bytes digested", "front matters and YAML files parsed (PyYAML)",
                      "pages' Markdown compiled (markdown-it-py)", "templates compiled (Jinja2)",
                      "pages rendered with the templates (Jinja2)",
                      "HTML files written into an empty folder", "all of them",
                      "Python started, the libraries imported (wall, median of 5)",
                      f"the floor on {cores} cores: the start, and all of them shared"]
    seconds = [float(row[2]) for row in rows]
    assert abs(sum(seconds[:6]) - seconds[6]) < 0.04  # the sum of the rounded parts, within rounding
    assert seconds[8] >= seconds[7] > 0  # the floor is at least the start
    assert list((tmp_path / "scratch").iterdir()) == []  # what it wrote is gone
    assert run("scripts/build_floor.py", str(tmp_path)).returncode == 1  # no project there: said, not a traceback


def test_the_stage_profiler_names_every_stage_of_a_cold_and_an_edited_build(tmp_path):
    generated = run("scripts/synth.py", "--pages", "20", "--out", str(tmp_path / "corpus"))
    assert generated.returncode == 0, generated.stderr
    for step in ("cold", "edit"):
        profiled = run("scripts/profile_build.py", str(tmp_path / "corpus"), "--step", step)
        assert profiled.returncode == 0, profiled.stderr
        assert re.match(r"built \d+ pages \(\d+ zh, \d+ en\) into ", profiled.stdout), profiled.stdout
        stages = [line.split(" | ")[0].lstrip("| ") for line in profiled.stdout.splitlines()[4:]]
        assert [stage.split(":")[0] for stage in stages] == [
            "cache", "inputs", "index of pages", "inputs", "output", "output", "load", "compile", "validate",
            *(["store"] if step == "cold" else []),  # a build that reads the edited page alone leaves the store be
            "render", "render keys", "render and write", "state", "the rest (between the stages)",
            "whole build (in this process, interpreter start left out)"], profiled.stdout
        whole = profiled.stdout.splitlines()[-1].strip("| ").split(" | ")
        seconds, user, system = float(whole[1]), float(whole[3]), float(whole[4])
        assert 0 < user + system < 4 * seconds + 1, profiled.stdout  # the build's CPU time, its workers' with it
    edited = (tmp_path / "corpus" / "content" / "pages").glob("topics/*/p*.en.md")
    assert any(path.read_text(encoding="utf-8").endswith("to measure a rebuild after one edit.\n") for path in edited)
    assert run("scripts/profile_build.py", str(tmp_path)).returncode == 1  # no project there: said, not a traceback
    kept = tmp_path / "kept"
    (kept / "notes.txt").parent.mkdir()
    (kept / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("scripts/profile_build.py", str(tmp_path / "corpus"), "--step", "cold", "--out", str(kept))
    assert refused.returncode == 1 and "not made by microsite" in refused.stderr, refused.stderr
    assert (kept / "notes.txt").read_text(encoding="utf-8") == "mine"  # a folder not ours is never deleted
