"""The command line: ``python build.py build|check|serve|ingest ...``.

This is the one place content errors are printed: every stage raises them,
and :func:`main` prints them all, once, as ``file:line:col: message`` with a
hint, and exits with status 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .conventions import RECORD_KIND
from .errors import ContentErrors
from .model import DEFAULT_TIMEOUT, BuildOptions
from .write import OutputError

DESCRIPTION = """\
Build a bilingual microsite from content/ (Markdown and YAML) with templates/
and static/, into site/. Every statistic, date and citation is checked against
a verbatim quote of its source article."""

EPILOG = """\
examples:
  python3 build.py                      build into site/ (same as 'build')
  python3 build.py check                validate everything, write nothing
  python3 build.py build --out /tmp/x   build somewhere else
  python3 build.py serve --open         preview with live reload
  python3 build.py ingest ../shared/feed/000_9911d2ada22d7c3e.txt
  python3 build.py new stat new-figure  start a statistic in content/data/statistics.yaml
  python3 build.py translated content/pages/index.en.md
  python3 build.py test -m "not browser and not slow"   the fast tests
"""


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=None, metavar="DIR",
                      help="the project folder holding content/, templates/ and static/ "
                           "(default: the folder build.py is in, wherever you run it from)")
    main.add_argument("--version", action="version", version=f"microsite {__version__}")
    _loudness_options(main, False)
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    loud = argparse.ArgumentParser(add_help=False)
    _loudness_options(loud, argparse.SUPPRESS)  # also after the command: build.py build -q

    build = commands.add_parser("build", parents=[loud], help="build the site (the default command)",
                                description="Build the site into --out, replacing it only if the build succeeds.")
    _output_options(build)
    _timeout_option(build)

    check = commands.add_parser("check", parents=[loud], help="validate everything without writing; exit 0 or 1",
                                description="Load, validate and render everything, write nothing. "
                                            "Exit status 0 when the content is valid, 1 when it is not. "
                                            "What the last build left in .cache/ is read, as a build reads it "
                                            "(only what changed since is checked again), never written.")
    check.add_argument("--base-url", metavar="URL", help="check with this base URL instead of site.yaml's")
    check.add_argument("--no-cache", action="store_true",
                       help="check everything from scratch, reading nothing from .cache/")
    check.add_argument("--site", nargs="?", const=DEFAULT_OUT, type=Path, metavar="DIR",
                       help="also check a built site (default: site/): links, anchors, files it loads, "
                            "hreflang pairs, links to other hosts")
    _timeout_option(check)

    serve = commands.add_parser("serve", parents=[loud], help="preview the site with live reload",
                                description="Build, serve the site locally and rebuild on every change.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    serve.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="where to build the preview (default: a temporary folder)")
    _timeout_option(serve)

    translated = commands.add_parser(
        "translated", parents=[loud], help="mark translations as up to date with their originals",
        description="Record what each translation was made from (the default language's page, record or "
                    "source), after you have brought the translation up to date, so the build can warn when "
                    "the original changes.")
    translated.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                            help="what you have brought up to date: translated pages (content/pages/index.en.md), "
                                 "data files (content/data/statistics.yaml: every record in it), sources "
                                 "(content/sources/<id>.en.md); without PATHs: list what is out of step")
    translated.add_argument("--all", action="store_true", help="mark every translation, of everything")

    new = commands.add_parser("new", parents=[loud], help="start a new page, statistic, event or glossary term",
                              description="Create a new item in every language with every required key, "
                                          "ready to fill in. The build reports what is still empty.")
    new.add_argument("kind", choices=("page", *RECORD_KIND), help="what to create")
    new.add_argument("id", metavar="ID", help="the page key (e.g. pillars/example) or the record id")
    new.add_argument("--template", default="page", help="the page's template (page only; default: page)")

    ingest = commands.add_parser(
        "ingest", parents=[loud], help="turn raw feed items into sources and drafts of candidate facts under content/sources/",
        description="Read raw feed items (e-paper text exports, RSS 2.0 and Atom feeds: one source per entry) "
                    "and write content/sources/<id>.md for each, with content/sources/<id>.candidates.yaml: "
                    "its numbers and dated events drafted as records to copy into content/data/. "
                    "Files already as ingest would write them are left alone, and so are files of the same raw "
                    "item you have edited; a file of another raw item under the same id stops ingest for that "
                    "item unless --force.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="raw item files, or folders (every file directly in them)")
    ingest.add_argument("--force", action="store_true",
                        help="overwrite sources and drafts that differ (your edits too)")
    ingest.add_argument("--encoding", help="the items' text encoding (default: detected; "
                                           "UTF-8 with or without BOM, else GB18030; a feed's XML declaration)")
    commands.add_parser("test", help="run the test suite (any pytest option after 'test')", add_help=False,
                        description="Run the tests with pytest: python3 build.py test [pytest options].")
    return main


DEFAULT_OUT = Path("site")  # relative to the project folder, not to where the command runs


def _port(text: str) -> int:
    """A TCP port number, 1 to 65535 (argparse reports anything else as a usage error)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: use a number from 1 to 65535 (default 8000)")
    return port


def _timeout(text: str) -> float | None:
    """Seconds a page's rendering may take: a number above 0, or 0 for no limit (argparse reports anything else)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < math.inf:  # also refuses nan
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds: use a number such as 60, or 0 for "
                                         f"no limit (default {DEFAULT_TIMEOUT:g})")
    return seconds or None


def _timeout_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--timeout", type=_timeout, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help="stop a page whose rendering takes longer, as a mistake of its template "
                              f"(a loop that does not end, say); 0: no limit (default {DEFAULT_TIMEOUT:g})")


def _loudness_options(parser: argparse.ArgumentParser, default) -> None:
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=default,
                          help="print only mistakes (no summary line, no warnings); the exit status says the rest")
    loudness.add_argument("-v", "--verbose", action="store_true", default=default,
                          help="print each warning in full, with what changed in an original")


def _output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                         help="output folder (default: site/ in the project folder); "
                              "only a folder microsite made is replaced")
    command.add_argument("--base-url", metavar="URL",
                         help="the URL the site is published at, overriding site.yaml (e.g. for a preview deploy)")


ONE_SHOT = ("build", "check")  # commands whose process ends with them, when run from build.py


def main(argv: list[str] | None = None, home: Path | None = None, exits: bool = False) -> int:
    """Run a command; ``home`` is the project folder when ``--root`` is not given (build.py passes its own).

    ``exits``: the process ends when this returns (build.py's), so a one-shot
    command leaves what it made to the exit (see :func:`_left_to_the_exit`).
    """
    arguments, extra = parser().parse_known_args(argv)
    command = arguments.command or "build"
    if command == "test" or extra:
        if command != "test":
            parser().parse_args(argv)  # says which arguments it does not know, and exits
        print("run the tests with: python3 build.py test [pytest options]", file=sys.stderr)
        return 2
    if arguments.command is None:
        arguments.out, arguments.base_url = DEFAULT_OUT, None
    root = (arguments.root or home or Path(".")).resolve()
    try:
        with _left_to_the_exit(exits and command in ONE_SHOT):
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


@contextmanager
def _left_to_the_exit(exiting: bool):
    """When ``exiting``: no cycle collection while the command runs, nor as the interpreter exits after it.

    A build makes millions of objects that live until it ends (at 10,000
    pages), and pauses the collector while it runs (see ``pipeline``). Once
    the collector is on again, its first full collection walks them all, and
    the interpreter's exit walks them once more: 0.25 s of a 2.6 s rebuild,
    to free memory the process is about to give back anyway. So the collector
    stays off, and what exists is frozen (never walked again) as the command
    returns. Not for the preview, which builds again and again in its process.
    """
    if not exiting:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()


def _say_waiting() -> None:
    print("waiting for another build of this project to finish", file=sys.stderr, flush=True)


def _run(command: str, arguments: argparse.Namespace, root: Path) -> int:
    from . import pipeline

    if command == "check":
        result = pipeline.check(root, BuildOptions.from_environment(os.environ, arguments.base_url,
                                                                    timeout=arguments.timeout),
                                cached=not arguments.no_cache, whole=bool(arguments.site), waiting=_say_waiting)
        _report(result, root, arguments)
        return _check_site(arguments.site, result.site, root) if arguments.site else 0  # check always has a site
    if command == "build":
        options = BuildOptions.from_environment(os.environ, arguments.base_url, timeout=arguments.timeout)
        _report(pipeline.build(root, _output_folder(arguments.out, root), options, waiting=_say_waiting), root,
                arguments)
        return 0
    if command == "translated":
        return _translated(arguments, root)
    if command == "new":
        return _new(arguments, root)
    if command == "serve":
        from .serve import serve
        from .write import output_folder

        out = output_folder(arguments.out, root) if arguments.out is not None else None  # refused before serving
        return serve(root, host=arguments.host, port=arguments.port, open_browser=arguments.open, out=out,
                     timeout=arguments.timeout)
    if command == "ingest":
        return _ingest(arguments, root)
    raise AssertionError(command)


def _output_folder(out: Path, root: Path) -> Path:
    """``--out`` as given (relative to where the command runs), or the default site/ in the project folder."""
    if out is DEFAULT_OUT:
        return root / out
    return out if out.is_absolute() else Path.cwd() / out


def _report(result, root: Path, arguments: argparse.Namespace) -> None:
    """The summary line, then any warnings (which do not fail the build); nothing with ``-q``."""
    if arguments.quiet:
        return
    print(result.summary())
    for warning in result.warnings:
        print("warning: " + warning.format(root), file=sys.stderr)
        if arguments.verbose and warning.detail:
            print("\n".join("    " + line for line in warning.detail.splitlines()), file=sys.stderr)


def _check_site(folder: Path, site, root: Path) -> int:
    from .sitecheck import check_built_site

    folder = _output_folder(folder, root)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder; build the site first (python3 build.py build)", file=sys.stderr)
        return 1
    problems = check_built_site(folder, site)
    for problem in sorted(problems, key=lambda p: p.sort_key()):
        print(problem.format(Path.cwd()), file=sys.stderr)
    pages = sum(1 for _ in folder.rglob("*.html"))
    noun = "problem" if len(problems) == 1 else "problems"
    print(f"checked the built site in {folder}: {pages} pages, {len(problems)} {noun}")
    return 1 if problems else 0


def _translated(arguments: argparse.Namespace, root: Path) -> int:
    from .translations import everything_translatable, mark
    from .config import read_config_file

    config = read_config_file(root)
    if not arguments.paths and not arguments.all:
        return _untranslated(root)
    paths = arguments.paths or everything_translatable(root, config.original_language)
    try:
        lines = mark(root, config.original_language, config.codes, paths)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not arguments.quiet:
        for marked, line in lines:
            if marked or arguments.paths:
                print(line)
        print(f"{sum(marked for marked, _ in lines)} marked as translated, "
              f"{sum(not marked for marked, _ in lines)} already up to date")
    return 0


def _untranslated(root: Path) -> int:
    """``translated`` alone: say what is out of date, and mark nothing (marking is a claim the editor makes)."""
    from . import pipeline

    warnings = pipeline.check(root).warnings  # a mistake is shown as check shows it: what is stale is unknown then
    stale = [w for w in warnings if "translat" in w.message or "translat" in w.hint]
    for warning in stale:
        print("out of step: " + warning.format(root), file=sys.stderr)
    print(f"{len(stale)} translations out of step. Name what you have brought up to date (a page, "
          "content/data/statistics.yaml, content/sources/<id>.en.md ...), or pass --all to mark everything.",
          file=sys.stderr)
    return 1


def _new(arguments: argparse.Namespace, root: Path) -> int:
    from .scaffold import ScaffoldError, new_item
    from .config import read_config_file

    try:
        for line in new_item(root, read_config_file(root), arguments.kind, arguments.id, arguments.template):
            if not arguments.quiet:
                print(line)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _ingest(arguments: argparse.Namespace, root: Path) -> int:
    from .epaper import IngestError
    from .ingest import expand_paths, ingest_file

    sources = root / "content" / "sources"
    if not Path(os.path.realpath(sources)).is_relative_to(root.resolve()):  # as the build refuses to read it
        print(f"content/sources: the folder is outside the project (it leads to {os.path.realpath(sources)}); "
              "nothing was written\n  hint: copy the folder into the project instead of linking to it", file=sys.stderr)
        return 1
    failed = 0
    for path in expand_paths(arguments.paths):
        if isinstance(path, IngestError):
            print(path, file=sys.stderr)
            failed += 1
            continue
        try:
            results = ingest_file(path, root / "content" / "sources", force=arguments.force,
                                  encoding=arguments.encoding)
        except IngestError as exc:
            print(f"{exc}\n  nothing was written for {path}", file=sys.stderr)
            failed += 1
            continue
        for result in results if not arguments.quiet else ():
            shown = result.path.relative_to(root) if result.path.is_relative_to(root) else result.path
            print(f"{result.status}: {shown}" + (f"\n  {result.note}" if result.note else ""))
    return 1 if failed else 0
