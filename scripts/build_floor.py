"""The floor under any build of a project made with our libraries: what they alone take to do a build's work.

    .venv/bin/python scripts/build_floor.py DIR [--repeat R] [--scratch FOLDER]

For the project in DIR it times, in this one process, the best of R passes
of the work no build of the project can leave out, each part done by the
library (or the system) that our build uses for it, and nothing of ours
around it:

* every input file read and its bytes digested (BLAKE2b, as the build does);
* every page's front matter, every source's and every data file parsed
  (PyYAML's composer with its C loader, as ``yamlfile`` uses it);
* every page's Markdown compiled (markdown-it-py configured as the site
  needs it: CommonMark, tables and strikethrough, raw HTML off; run as fast
  as our build runs it, with its quicker renderer and link normalizer, which
  give the same HTML; but none of our rules: no heading ids, no CJK
  emphasis or line breaks);
* the project's templates compiled (Jinja2, in a new environment: a
  build never keeps compiled templates on disk, as they are code);
* every page rendered with the project's templates (Jinja2). The context
  each page gets is made before the clock starts; the helpers the
  templates call (``href``, ``t``, the menu) are ours and run inside it;
* those pages' HTML written into an empty folder (in ``--scratch``: give
  one on the file system the site is built on).

Python's cycle collector is paused while each part is timed, as it is for
a build (see ``pipeline``): otherwise it would walk the project this process
loaded first. It prints each part's CPU time (user and system: of this process), their sum,
and the wall time of starting Python and importing the libraries (median of
5). The floor is that start plus the sum shared among the cores: how long a
build that did nothing else, and kept every core busy, would take. Set it
against our build and a peer's (``scripts/benchmark.py``) to see how much of
a gap is the libraries' and how much ours. Not part of ``build.py test``;
``tests/test_benchmark_smoke.py`` checks that it runs.

The project is loaded and validated by our build first (untimed), to have
the pages and their contexts; it must be one that builds. Left out: the
pages of sources and the site's other files (feeds, downloads, the
sitemap), the conversion of editions (OpenCC) and the search index
(Pagefind): the floor is lower than any build's.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
import yaml  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from microsite.cores import available_cores  # noqa: E402
from microsite.errors import ContentErrors  # noqa: E402
from microsite.inputs import FOLDERS  # noqa: E402
from microsite.markdown import _OPTIONS_READ_WITH_DEFAULT, QuickRenderer, normalized_link  # noqa: E402
from microsite.model import output_path  # noqa: E402
from microsite.pipeline import check  # noqa: E402
from microsite.render import Renderer  # noqa: E402

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
IMPORTS = "import jinja2, markdown_it, yaml"


def best_cpu_seconds(work: Callable[[], object], repeat: int) -> float:
    """The least CPU time (user and system, this process's) of ``repeat`` runs of ``work()``."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        try:
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def library_parser() -> MarkdownIt:
    """markdown-it-py with the options and rules the site's Markdown needs, run as our build runs it (see
    ``markdown.new_parser``), without our own rules."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}, renderer_cls=QuickRenderer)
    md.enable(["table", "strikethrough"])
    md.disable(["html_block", "html_inline"])  # with raw HTML off, they only ever say no
    md.options.update({name: False for name in _OPTIONS_READ_WITH_DEFAULT})  # its defaults, given
    md.validateLink = lambda url: True
    md.normalizeLink = normalized_link
    return md


def input_files(project: Path) -> list[Path]:
    """Every plain file of the folders a build reads, in name order."""
    return sorted(path for folder in FOLDERS for path in (project / folder).rglob("*") if path.is_file())


def read_and_digest(paths: Sequence[Path]) -> None:
    for path in paths:
        hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()


def split_front_matter(text: str) -> tuple[str, str]:
    """A Markdown file's front matter and body (enough for timing: the build's own split checks far more)."""
    if not text.startswith("---"):
        return "", text
    front, _, body = text[3:].partition("\n---\n")
    return front, body


def compose_all(texts: Sequence[str]) -> None:
    for text in texts:
        yaml.compose(text, Loader=_LOADER)


def compile_all(md: MarkdownIt, texts: Sequence[str]) -> None:
    for text in texts:
        md.render(text)


def compile_templates(folder: Path) -> None:
    """Every template of ``folder`` compiled, in a new environment set up as the build's (see ``render``)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)


def render_all(jobs: Sequence[tuple[Callable[[dict], str], dict]]) -> list[str]:
    return [render(context) for render, context in jobs]


def write_all(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    for path, content in files:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def best_write_seconds(files: Sequence[tuple[str, bytes]], scratch: Path | None, repeat: int) -> float:
    """The least CPU time of writing ``files`` into a new, empty folder in ``scratch`` (deleting it is not timed)."""
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="floor-", dir=scratch) as folder:
            best = min(best, best_cpu_seconds(lambda: write_all(Path(folder), files), 1))
    return best


def start_seconds() -> float:
    """Median wall time of starting this Python and importing the libraries a build uses."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", IMPORTS], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def page_jobs(renderer: Renderer) -> list[tuple[str, Callable[[dict], str], dict]]:
    """Each page's output path, its template's render function, and the context the build gives it."""
    jobs = []
    for page in renderer.pages:
        context = renderer.context(page.key, page.lang, page.title, page.description)
        context.update(page=page, body=renderer.markdown(page.body))
        template = renderer.env.get_template(f"{page.template}.html")
        jobs.append((output_path(page.url), template.render, context))
    return jobs


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("project", type=Path, help="a project folder that builds")
    options.add_argument("--repeat", type=int, default=2, help="passes; the least CPU time is kept (default 2)")
    options.add_argument("--scratch", type=Path, default=None,
                         help="where to write the pages (in a new folder, deleted after); default: the system's "
                              "temporary folder")
    arguments = options.parse_args(argv)
    project = arguments.project
    if not (project / "content").is_dir():
        print(f"no project at {project} (it has no content/ folder)", file=sys.stderr)
        return 1
    try:
        site = check(project, whole=True).site  # untimed: the pages, their bodies and the templates' context
    except ContentErrors as exc:
        print(f"the project does not build:\n{exc}", file=sys.stderr)
        return 1
    renderer = Renderer(site)
    renderer.compile_templates()
    jobs = page_jobs(renderer)
    files = input_files(project)
    texts = [path.read_text(encoding="utf-8-sig") for path in files if path.suffix == ".md"]
    fronts = [split_front_matter(text)[0] for text in texts]
    yamls = fronts + [path.read_text(encoding="utf-8-sig") for path in files if path.suffix == ".yaml"]
    bodies = [split_front_matter(path.read_text(encoding="utf-8-sig"))[1]
              for path in files if path.suffix == ".md" and "pages" in path.relative_to(project).parts]
    md = library_parser()
    rendered = [(path, html.encode("utf-8")) for (path, _, _), html in
                zip(jobs, render_all([(render, context) for _, render, context in jobs]))]
    repeat = arguments.repeat
    rows = [
        (f"{len(files)} input files read, their bytes digested", best_cpu_seconds(lambda: read_and_digest(files), repeat)),
        (f"{len(yamls)} front matters and YAML files parsed (PyYAML)", best_cpu_seconds(lambda: compose_all(yamls), repeat)),
        (f"{len(bodies)} pages' Markdown compiled (markdown-it-py)", best_cpu_seconds(lambda: compile_all(md, bodies), repeat)),
        ("templates compiled (Jinja2)", best_cpu_seconds(lambda: compile_templates(project / "templates"), repeat)),
        (f"{len(jobs)} pages rendered with the templates (Jinja2)",
         best_cpu_seconds(lambda: render_all([(render, context) for _, render, context in jobs]), repeat)),
        (f"{len(rendered)} HTML files written into an empty folder", best_write_seconds(rendered, arguments.scratch,
                                                                                         repeat)),
    ]
    cores = available_cores()
    total = sum(seconds for _, seconds in rows)
    start = start_seconds()
    print(f"{len(bodies)} pages of {project}; CPU time, the least of {repeat} passes; {cores} cores")
    for label, seconds in rows:
        print(f"{label:58} {seconds:8.2f} s")
    print(f"{'all of them':58} {total:8.2f} s")
    print(f"{'Python started, the libraries imported (wall, median of 5)':58} {start:8.2f} s")
    print(f"{f'the floor on {cores} cores: the start, and all of them shared':58} {start + total / cores:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
