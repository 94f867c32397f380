"""The benchmark's scripts run: a valid, deterministic synthetic corpus, and a table with our rows.

No timing is asserted here: the benchmark's results stay out of the test suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300)


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_synthetic_corpus_is_valid_for_the_build_and_byte_identical_when_generated_again(tmp_path):
    for name in ("first", "second"):
        generated = run("scripts/synth.py", "--pages", "20", "--out", str(tmp_path / name))
        assert generated.returncode == 0, generated.stderr

    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    pages = sorted((tmp_path / "first" / "content" / "pages").rglob("*.md"))
    assert len(pages) == 20
    assert sum(path.name.endswith(".zh.md") for path in pages) == 10
    checked = run("build.py", "--root", str(tmp_path / "first"), "check")
    assert checked.returncode == 0, checked.stderr
    assert "warning" not in checked.stderr


def test_benchmark_prints_a_table_with_the_microsite_rows(tmp_path):
    done = run("scripts/benchmark.py", "--sizes", "20", "--repeat", "1", "--no-peers", "--keep", str(tmp_path))

    assert done.returncode == 0, done.stderr
    assert "| build | wall s | peak MB |" in done.stdout
    for name in ("microsite cold", "microsite nothing changed", "microsite one page edited",
                 "microsite preview, first save after start", "microsite preview save-to-served"):
        row = next((line for line in done.stdout.splitlines() if line.startswith(f"| {name} |")), None)
        assert row is not None, done.stdout
        assert "FAILED" not in row, done.stdout
