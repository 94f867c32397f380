"""The command line: ``python build.py build|check|serve|ingest ...``.

This is the one place content errors are printed: every stage raises them,
and :func:`main` prints them all, once, as ``file:line:col: message`` with a
hint, and exits with status 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ContentErrors
from .model import BuildOptions
from .write import OutputError

DESCRIPTION = """\
Build a bilingual microsite from content/ (Markdown and YAML) with templates/
and static/, into site/. Every statistic, date and citation is checked against
a verbatim quote of its source article."""

EPILOG = """\
examples:
  python build.py                      build into site/ (same as 'build')
  python build.py check                validate everything, write nothing
  python build.py build --out /tmp/x   build somewhere else
  python build.py serve --open         preview with live reload
  python build.py ingest ../shared/feed/000_9911d2ada22d7c3e.txt
  python build.py new stat new-figure  start a statistic in content/data/statistics.yaml
  python build.py translated content/pages/index.en.md
"""


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                      help="the project folder holding content/, templates/ and static/ (default: .)")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site (the default command)",
                                description="Build the site into --out, replacing it only if the build succeeds.")
    _output_options(build)

    check = commands.add_parser("check", help="validate everything without writing; exit 0 or 1",
                                description="Load, validate and render everything, write nothing. "
                                            "Exit status 0 when the content is valid, 1 when it is not.")
    check.add_argument("--base-url", metavar="URL", help="check with this base URL instead of site.yaml's")
    check.add_argument("--site", nargs="?", const=Path("site"), type=Path, metavar="DIR",
                       help="also check a built site (default: site/): links, anchors, files it loads, "
                            "hreflang pairs, links to other hosts")

    serve = commands.add_parser("serve", help="preview the site with live reload",
                                description="Build, serve the site locally and rebuild on every change.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="where to build the preview (default: a temporary folder)")

    translated = commands.add_parser(
        "translated", help="mark translations as up to date with their originals",
        description="Record in each translated page the fingerprint of its original (the default-language "
                    "page), after you have brought the translation up to date. Without PATHs: every translation.")
    translated.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="translated page files, e.g. "
                            "content/pages/pillars/competence.en.md")

    new = commands.add_parser("new", help="start a new page, statistic, event or glossary term",
                              description="Create a new item in every language with every required key, "
                                          "ready to fill in. The build reports what is still empty.")
    new.add_argument("kind", choices=("page", "stat", "event", "term"), help="what to create")
    new.add_argument("id", metavar="ID", help="the page key (e.g. pillars/example) or the record id")
    new.add_argument("--template", default="page", help="the page's template (page only; default: page)")

    ingest = commands.add_parser(
        "ingest", help="turn raw feed items into sources and drafts of candidate facts under content/sources/",
        description="Read raw feed items (e-paper text exports, RSS 2.0 and Atom feeds: one source per entry) "
                    "and write content/sources/<id>.md for each, with content/sources/<id>.candidates.yaml: "
                    "its numbers and dated events drafted as records to copy into content/data/. "
                    "Files already as ingest would write them are left alone; a file that differs "
                    "(edited by hand) stops ingest for that item unless --force.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="raw item files, or folders (every file directly in them)")
    ingest.add_argument("--force", action="store_true",
                        help="overwrite sources and drafts that differ (edited ones too)")
    ingest.add_argument("--encoding", help="the items' text encoding (default: detected; "
                                           "UTF-8 with or without BOM, else GB18030; a feed's XML declaration)")
    return main


def _output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                         help="output folder (default: site/); only a folder microsite made is replaced")
    command.add_argument("--base-url", metavar="URL",
                         help="the URL the site is published at, overriding site.yaml (e.g. for a preview deploy)")


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    command = arguments.command or "build"
    if arguments.command is None:
        arguments.out, arguments.base_url = Path("site"), None
    root = arguments.root.resolve()
    try:
        return _run(command, arguments, root)
    except ContentErrors as exc:
        print(exc.format(root), file=sys.stderr)
        noun = "mistake" if len(exc.errors) == 1 else "mistakes"
        where = f"; {arguments.out} was left unchanged" if command == "build" else ""
        print(f"\n{len(exc.errors)} {noun} found{where}.", file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run(command: str, arguments: argparse.Namespace, root: Path) -> int:
    from . import pipeline

    if command == "check":
        result = pipeline.check(root, BuildOptions.from_environment(os.environ, arguments.base_url))
        _report(result, root)
        return _check_site(arguments.site, result.site, root) if arguments.site else 0  # check always has a site
    if command == "build":
        out = arguments.out if arguments.out.is_absolute() else Path.cwd() / arguments.out
        _report(pipeline.build(root, out, BuildOptions.from_environment(os.environ, arguments.base_url)), root)
        return 0
    if command == "translated":
        return _translated(arguments, root)
    if command == "new":
        return _new(arguments, root)
    if command == "serve":
        from .serve import serve

        return serve(root, host=arguments.host, port=arguments.port, open_browser=arguments.open, out=arguments.out)
    if command == "ingest":
        return _ingest(arguments, root)
    raise AssertionError(command)


def _report(result, root: Path) -> None:
    """The summary line, then any warnings (which do not fail the build)."""
    print(result.summary())
    for warning in result.warnings:
        print("warning: " + warning.format(root), file=sys.stderr)


def _check_site(folder: Path, site, root: Path) -> int:
    from .sitecheck import check_built_site

    folder = folder if folder.is_absolute() else Path.cwd() / folder
    if not folder.is_dir():
        print(f"error: {folder} is not a folder; build the site first (python build.py build)", file=sys.stderr)
        return 1
    problems = check_built_site(folder, site)
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        print(problem.format(Path.cwd()), file=sys.stderr)
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(f"checked the built site in {folder}: {pages} pages, {len(problems)} problems")
    return 1 if problems else 0


def _translated(arguments: argparse.Namespace, root: Path) -> int:
    from .translations import mark_translated
    from .validate import read_config_file

    config = read_config_file(root)
    pages = root / "content" / "pages"
    paths = arguments.paths or [p for p in sorted(pages.rglob("*.md"))
                                if not p.name.endswith(f".{config.default_language}.md")]
    failed = 0
    for path in paths:
        try:
            print(mark_translated(path.resolve(), config.default_language, config.codes))
        except (ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _new(arguments: argparse.Namespace, root: Path) -> int:
    from .scaffold import ScaffoldError, new_item
    from .validate import read_config_file

    try:
        for line in new_item(root, read_config_file(root), arguments.kind, arguments.id, arguments.template):
            print(line)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _ingest(arguments: argparse.Namespace, root: Path) -> int:
    from .epaper import IngestError
    from .ingest import expand_paths, ingest_file

    failed = 0
    for path in expand_paths(arguments.paths):
        try:
            results = ingest_file(path, root / "content" / "sources", force=arguments.force,
                                  encoding=arguments.encoding)
        except IngestError as exc:
            print(f"{exc}\n  nothing was written for {path}", file=sys.stderr)
            failed += 1
            continue
        for result in results:
            shown = result.path.relative_to(root) if result.path.is_relative_to(root) else result.path
            print(f"{result.status}: {shown}")
    return 1 if failed else 0
