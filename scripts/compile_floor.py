"""How much of compiling a project's Markdown is markdown-it-py's own work, and how much is ours.

    .venv/bin/python scripts/compile_floor.py DIR [--limit N] [--repeat R]

For every page of the project in DIR (``content/pages/**/*.md``, front
matter left out) it times, in this one process, the best of R passes:

* markdown-it-py alone: parse and render with its CommonMark rules and tables;
* our parser (``markdown.new_parser``): the same, with our rules added;
* our whole compile (``compiled.compile_markdown``): that, plus the survey of
  links and numbers that provenance needs.

and prints milliseconds per page and what each would take for all pages on
all cores. The first line is a floor that no change of ours can go below
while markdown-it-py compiles our Markdown: set it against a peer's whole
build (``scripts/benchmark.py``) to see how much of a gap is the library's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from microsite.compiled import compile_markdown  # noqa: E402
from microsite.cores import available_cores  # noqa: E402
from microsite.markdown import new_parser  # noqa: E402
from build_floor import split_front_matter  # noqa: E402  (beside this script)


def bodies(project: Path, limit: int | None) -> list[str]:
    """The Markdown of the project's pages, front matter left out, in a fixed order."""
    return [split_front_matter(path.read_text(encoding="utf-8"))[1]
            for path in sorted((project / "content" / "pages").rglob("*.md"))[:limit]]


def best_seconds(work: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("project", type=Path, help="a project folder (with content/pages/)")
    options.add_argument("--limit", type=int, default=None, help="time only the first N pages")
    options.add_argument("--repeat", type=int, default=2, help="passes; the best is kept (default 2)")
    arguments = options.parse_args(argv)
    texts = bodies(arguments.project, arguments.limit)
    if not texts:
        print(f"no pages under {arguments.project / 'content' / 'pages'}", file=sys.stderr)
        return 1
    library, ours = MarkdownIt("commonmark").enable("table"), new_parser()
    rows = [("markdown-it-py alone (CommonMark, tables)", library.render),
            ("our parser (our rules added)", ours.render),
            ("our compile (and the survey)", lambda text: compile_markdown(ours, text))]
    cores = available_cores()
    print(f"{len(texts)} pages of {arguments.project}; best of {arguments.repeat}; {cores} cores")
    for label, work in rows:
        seconds = best_seconds(work, texts, arguments.repeat)
        print(f"{label:44} {seconds / len(texts) * 1000:7.3f} ms/page  "
              f"{seconds:7.2f} s in all, {seconds / cores:7.2f} s on {cores} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
