"""Abuse: hostile or broken files in ``content/`` and ``static/`` get a clear answer in bounded time and memory.

Each case breaks a copy of the minimal site and runs the command line (``check``, or ``build`` where the
input is legitimately fine and the pages must be checked) in a child process whose address space is
limited to ``MEMORY_LIMIT`` and which is killed after ``KILL_AFTER`` seconds. The answer must be a
located message (``path:line:col: what is wrong``) and exit status 1, or status 0 and the right pages;
never a traceback. The bounds, measured per child with ``wait4`` (its resource usage, waited-for
workers included, as ``getrusage(RUSAGE_CHILDREN)`` would add it; Linux counts in the peak the memory
of the test process it was forked from, so the figure is an upper bound):

* an input that is refused: at most ``REFUSED_SECONDS`` of wall time and ``REFUSED_MB`` of peak memory
  (a 50 MB file is refused from its size, unread; an alias bomb from its first alias);
* an input that is accepted, up to the largest a content file may be (``MAX_TEXT_BYTES``, 1 MB):
  at most ``ACCEPTED_SECONDS`` and ``ACCEPTED_MB``.

Symbolic links leading out of the project are refused before anything is opened; the tests prove
that nothing outside was read by watching the outside folder with Linux's inotify (an open or a read
there would be recorded), and by a FIFO, which would block the build if it were opened.
Run with ``-rP`` to see each case's time and peak memory.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from microsite import yamlfile
from microsite.errors import ContentErrors
from microsite.load import MAX_TEXT_BYTES
from tests.conftest import MINIMAL, REPO, make_project

pytestmark = pytest.mark.slow

MEMORY_LIMIT = 1 << 30  # RLIMIT_AS of every child: 1 GiB of address space
KILL_AFTER = 60.0  # seconds; a child still running then has failed
REFUSED_SECONDS, REFUSED_MB = 5.0, 100
ACCEPTED_SECONDS, ACCEPTED_MB = 20.0, 400
FIFTY_MB = 50 * 1024 * 1024
CLI = "import sys; from microsite.cli import main; sys.exit(main())"
ABUSE = Path(__file__).parent / "abuse"
PAGE = "content/pages/index.en.md"
STATISTICS = "content/data/statistics.yaml"


# --- running the command line in a bounded child -------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """How a child ended: its exit status, what it printed, its wall time and peak resident memory."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def within(self, seconds: float, megabytes: float) -> None:
        print(f"{self.seconds:.2f} s, {self.peak_mb:.0f} MB peak")
        assert "Traceback" not in self.stderr, self.stderr
        assert self.seconds <= seconds, f"took {self.seconds:.1f} s (bound {seconds} s)"
        assert self.peak_mb <= megabytes, f"used {self.peak_mb:.0f} MB (bound {megabytes} MB)"

    def mistakes(self) -> list[str]:
        """The located messages (``path:line:col: message``), without warnings and hints."""
        return [line for line in self.stderr.splitlines() if re.match(r"(content|static|templates)/\S*: ", line)]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(root: Path, *arguments: str) -> Run:
    """``python -c 'microsite.cli.main()' --root ROOT ARGUMENTS...``, bounded in memory and time."""
    command = [sys.executable, "-c", CLI, "--root", str(root), *arguments]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_limit_memory)
    killer = threading.Timer(KILL_AFTER, process.kill)
    killer.start()
    try:
        with ThreadPoolExecutor(2) as pool:
            stdout, stderr = pool.map(lambda stream: stream.read(), (process.stdout, process.stderr))
        _, status, usage = os.wait4(process.pid, 0)  # this child's own usage (Popen would discard it)
    finally:
        killer.cancel()
        process.stdout.close()
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode != -9, f"killed after {KILL_AFTER} s"
    return Run(process.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"),
               time.monotonic() - started, usage.ru_maxrss / 1024)


def refused(root: Path) -> Run:
    """``check`` on ``root``: exit status 1 within the bounds of a refused input."""
    run = run_cli(root, "check")
    run.within(REFUSED_SECONDS, REFUSED_MB)
    assert run.status == 1, run.stdout + run.stderr
    assert re.search(r"^\d+ mistakes? found\.$", run.stderr, re.M)
    return run


def built(root: Path, out: Path, seconds: float = REFUSED_SECONDS, megabytes: float = REFUSED_MB) -> Run:
    """``build --out OUT`` on ``root``: exit status 0 within the bounds."""
    run = run_cli(root, "build", "--out", str(out))
    run.within(seconds, megabytes)
    assert run.status == 0, run.stderr
    return run


# --- watching a folder for reads ---------------------------------------------------------------------------------


IN_ACCESS, IN_OPEN = 0x1, 0x20


@contextmanager
def reads_in(folder: Path) -> Iterator[list[str]]:
    """The names in ``folder`` opened or read while the block runs ("." for the folder itself), by inotify."""
    libc = ctypes.CDLL(None, use_errno=True)
    descriptor = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC) if sys.platform == "linux" else -1
    if descriptor < 0:
        pytest.skip("needs Linux inotify")
    found: list[str] = []
    try:
        assert libc.inotify_add_watch(descriptor, os.fsencode(folder), IN_ACCESS | IN_OPEN) >= 0
        yield found
        found += _events(descriptor)
    finally:
        os.close(descriptor)


def _events(descriptor: int) -> list[str]:
    names = []
    while True:
        try:
            data = os.read(descriptor, 65536)
        except BlockingIOError:
            return names
        offset = 0
        while offset < len(data):
            _, _, _, length = struct.unpack_from("iIII", data, offset)
            names.append(data[offset + 16: offset + 16 + length].rstrip(b"\0").decode() or ".")
            offset += 16 + length


# --- fixtures and helpers ------------------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the minimal site (``tmp_path/project``)."""
    return make_project(tmp_path, MINIMAL / "content")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding what would show if it were read: a page pair and a stylesheet."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for lang in ("en", "zh"):
        (folder / f"leak.{lang}.md").write_text("---\ntitle: SECRET-CANARY\ndescription: SECRET-CANARY\n---\n"
                                                "SECRET-CANARY\n", encoding="utf-8")
    (folder / "secret.css").write_text("body::after { content: 'SECRET-CANARY' }\n", encoding="utf-8")
    (folder / "statistics.yaml").write_text((REPO / "tests/sites/minimal/content/data/statistics.yaml")
                                            .read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every file of the minimal site as built from its own (LF, no BOM) content."""
    tmp = tmp_path_factory.mktemp("baseline")
    built(make_project(tmp, MINIMAL / "content"), tmp / "site")
    return tree(tmp / "site")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def front_matter_page(yaml_text: str) -> str:
    return f"---\ntitle: Home en\ndescription: Home page (en).\ntemplate: home\n{yaml_text}---\nText.\n"


def location_of(text: str, needle: str, first_line: int = 1) -> str:
    """``line:col`` of the first ``needle`` in ``text`` (``first_line`` being the line ``text`` starts on)."""
    before = text[:text.index(needle)]
    return f"{before.count(chr(10)) + first_line}:{len(before) - before.rfind(chr(10))}"


def rewrite_content(root: Path, change: Callable[[bytes], bytes]) -> int:
    """Apply ``change`` to every Markdown and YAML file of ``root/content``; returns how many."""
    files = [p for p in (root / "content").rglob("*") if p.suffix in (".md", ".yaml")]
    for path in files:
        path.write_bytes(change(path.read_bytes()))
    return len(files)


# --- YAML: aliases, depth -------------------------------------------------------------------------------------------


def test_billion_laughs_in_a_data_file_is_refused_at_its_first_alias(root: Path) -> None:
    bomb = (ABUSE / "billion-laughs.yaml").read_text(encoding="utf-8")
    (root / STATISTICS).write_text(bomb, encoding="utf-8")
    run = refused(root)
    assert run.mistakes() == [f"{STATISTICS}:{location_of(bomb, '*lol0')}: YAML anchors and aliases (&name, *name) "
                              "are not supported (90 aliases in this file; this is the first)"]
    assert "hint: write the value out in full" in run.stderr


def test_billion_laughs_in_front_matter_is_refused_at_its_file_line(root: Path) -> None:
    bomb = (ABUSE / "billion-laughs.yaml").read_text(encoding="utf-8")
    page = front_matter_page(bomb)
    (root / PAGE).write_text(page, encoding="utf-8")
    run = refused(root)
    assert run.mistakes() == [f"{PAGE}:{location_of(page, '*lol0')}: YAML anchors and aliases (&name, *name) "
                              "are not supported (90 aliases in this file; this is the first)"]


@pytest.mark.parametrize("shape, text", [
    ("flow", "- " + "[" * 10_000 + "]" * 10_000 + "\n"),
    ("block", "- " * 10_000 + "x\n"),
    ("mapping", "a: " + "{b: " * 10_000 + "1" + "}" * 10_000 + "\n"),
])
def test_yaml_nested_ten_thousand_levels_deep_is_a_located_error(root: Path, shape: str, text: str) -> None:
    (root / STATISTICS).write_text(text, encoding="utf-8")
    run = refused(root)
    [mistake] = run.mistakes()
    assert re.fullmatch(rf"{STATISTICS}:1:\d+: YAML syntax error: exceeded maximum nesting depth .*", mistake)
    assert "hint: content needs a few levels" in run.stderr


def test_yaml_nested_deeper_than_content_needs_is_refused_where_it_gets_too_deep(root: Path) -> None:
    """libyaml reads 1000 levels; the build stops at 32, far below Python's recursion limit."""
    page = front_matter_page("extra: " + "[" * 500 + "]" * 500 + "\n")
    (root / PAGE).write_text(page, encoding="utf-8")
    run = refused(root)
    column = len("extra: ") + yamlfile.MAX_DEPTH + 1  # the mapping is level 0, the n-th bracket level n
    assert run.mistakes() == [f"{PAGE}:5:{column}: the YAML is nested more than 32 levels deep"]


def test_deep_yaml_without_libyaml_is_an_error_not_a_recursion_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's pure-Python composer recurses per level; past Python's limit that is a located error too."""
    monkeypatch.setattr(yamlfile, "_Loader", yaml.SafeLoader)
    for text in ("- " + "[" * 10_000 + "]" * 10_000, "- " * 10_000 + "x", "x: " + "[" * 100 + "]" * 100):
        with pytest.raises(ContentErrors) as caught:
            yamlfile.parse_yaml(text, Path("deep.yaml"), first_line=3)
        [error] = caught.value.errors
        assert error.message == "the YAML is nested more than 32 levels deep"
        assert error.location.path == Path("deep.yaml") and error.location.line == 3


# --- size --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, header", [
    (PAGE, "---\ntitle: Big\ndescription: Big.\n---\n"),
    (STATISTICS, "- id: big\n"),
    ("content/sources/2023-10-11-abcdef12.md", "---\ntitle: Big\n---\n"),
], ids=["page", "data", "source"])
def test_a_fifty_megabyte_file_is_refused_unread(root: Path, name: str, header: str) -> None:
    path = root / name
    line = "lorem ipsum dolor sit amet # 晋江市工商联 强素质 增信念 勤联络\n".encode("utf-8")
    with path.open("wb") as file:
        file.write(header.encode("utf-8"))
        file.write(line * (FIFTY_MB // len(line) + 1))
    size = path.stat().st_size
    with reads_in(path.parent) as reads:
        run = refused(root)
    # (a source refused also makes its statistics' "unknown source" errors: validate.py's to spare)
    assert f"{name}: the file is too large ({size:,} bytes; the limit is {MAX_TEXT_BYTES:,})" in run.mistakes()
    assert "is this the file you meant?" in run.stderr
    assert path.name not in reads  # refused by its size: never opened
    with reads_in(path.parent) as reads:  # by a build too, whose fingerprint of the inputs reads every other file
        run = run_cli(root, "build", "--out", str(root.parent / "site"))
    assert run.status == 1 and f"{name}: the file is too large" in run.stderr
    assert path.name not in reads


@pytest.mark.parametrize("name", ["templates/base.html", "templates/unused.html"], ids=["used", "unused"])
def test_a_fifty_megabyte_template_is_refused_unread(root: Path, name: str) -> None:
    path = root / name
    with path.open("ab") as file:
        file.write(b"<p>{{ page.title }}</p>\n" * (FIFTY_MB // 24 + 1))
    size = path.stat().st_size
    for command in (("check",), ("build", "--out", str(root.parent / "site"))):
        with reads_in(path.parent) as reads:
            run = run_cli(root, *command)
        assert run.status == 1
        assert f"{name}: the file is too large ({size:,} bytes; the limit is {MAX_TEXT_BYTES:,})" in run.stderr
        assert run.stderr.count("the file is too large") == 1 and "Traceback" not in run.stderr
        assert path.name not in reads  # refused by its size: never opened


def test_a_page_just_under_the_size_limit_is_checked_within_the_accepted_bounds(root: Path, tmp_path: Path) -> None:
    page = root / PAGE
    text = page.read_text(encoding="utf-8")
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit; 晋江市工商联强素质、增信念、勤联络。\n" * 8 + "\n"
    count = (MAX_TEXT_BYTES - len(text.encode())) // len(paragraph.encode())
    page.write_text(text + paragraph * count, encoding="utf-8")
    assert MAX_TEXT_BYTES - 2048 < page.stat().st_size <= MAX_TEXT_BYTES
    built(root, tmp_path / "site", ACCEPTED_SECONDS, ACCEPTED_MB)
    html = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert html.count("consectetur adipiscing elit") == 8 * count


def test_a_data_file_just_under_the_size_limit_is_checked_within_the_accepted_bounds(root: Path) -> None:
    """Ten thousand glossary terms: parsing located YAML is the work, linear in the file."""
    terms, size, number = [], 0, 0
    while True:
        name = "".join("abcdefghij"[int(digit)] for digit in str(number))  # a name a reader sees has no number
        term = (f"- id: term-{number}\n  pinyin: shùyǔ\n  zh: {{term: 术语{name}, definition: 一个定义。}}\n"
                f"  en: {{term: term {name}, definition: A definition.}}\n")
        if size + len(term.encode()) > MAX_TEXT_BYTES:
            break
        terms.append(term)
        size, number = size + len(term.encode()), number + 1
    (root / "content/data/glossary.yaml").write_text("".join(terms), encoding="utf-8")
    run = run_cli(root, "check")
    run.within(ACCEPTED_SECONDS, ACCEPTED_MB)
    assert run.status == 0, run.stderr


def test_a_paragraph_of_many_short_lines_is_checked_in_linear_time(root: Path) -> None:
    """100 kB of one-letter lines, a paragraph of 50,000 soft breaks: 10 s on a fast machine when each break was
    read from the paragraph's start; 1.2-1.9 s now on a slow one (2 cores, alone), interpreter start included.
    The limit leaves room for the other worker of the suite beside it."""
    page = root / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "a\n" * 50_000, encoding="utf-8")
    command = [sys.executable, "-c", CLI, "--root", str(root), "check"]
    try:
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=6,
                                preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail("not checked within 6 s")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("body", [
    ">" * 10_000 + " deep quote\n",
    "- " * 10_000 + "deep list\n",
    "[" * 10_000 + "brackets" + "]" * 10_000 + "\n",
    "*" * 10_000 + "stars" + "*" * 10_000 + "\n",
    "**a " * 20_000 + "\n",
], ids=["quotes", "lists", "brackets", "emphasis", "unclosed-emphasis"])
def test_markdown_nested_ten_thousand_levels_deep_is_checked_quickly(root: Path, body: str) -> None:
    """Accepted, or refused at its places (20,000 marks that close nothing; list items emptied where the parser
    stops nesting), in bounded time and memory."""
    page = root / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    run = run_cli(root, "check")
    run.within(REFUSED_SECONDS, REFUSED_MB)
    assert run.status in (0, 1) and "Traceback" not in run.stderr, run.stderr
    if run.status:
        assert run.mistakes() and all(mistake.startswith(f"{PAGE}:") for mistake in run.mistakes())


# --- bytes that are not UTF-8 text -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, data, message", [
    (PAGE, b"---\ntitle: T\ndescription: D\n---\nA\x00B\n", "5: the file contains a NUL byte"),
    (STATISTICS, b"- id: a\n- id: b\x00\n", "2: the file contains a NUL byte"),
    (PAGE, b"\x00" * 4096, "1: the file contains a NUL byte"),
    (PAGE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "1:1: the file is not UTF-8 text"),
], ids=["page", "yaml", "only-nuls", "png-named-md"])
def test_a_file_with_nul_bytes_is_refused_at_the_line(root: Path, name: str, data: bytes, message: str) -> None:
    (root / name).write_bytes(data)
    run = refused(root)
    assert run.mistakes() == [f"{name}:{message}"]


@pytest.mark.parametrize("name, text, encoding", [
    ("content/pages/index.zh.md", "---\ntitle: 首页\ndescription: 晋江市工商联\n---\n正文。\n", "gbk"),
    ("content/pages/index.zh.md", "---\ntitle: 首页\ndescription: 晋江市工商联\n---\n正文。\n", "gb18030"),
    (PAGE, "---\ntitle: Home\ndescription: Café society.\n---\nText.\n", "latin-1"),
    (STATISTICS, "- id: chambers\n  zh:\n    label: 所属商会\n", "gbk"),
], ids=["gbk-page", "gb18030-page", "latin1-page", "gbk-yaml"])
def test_a_file_in_another_encoding_is_refused_at_the_line_of_its_first_bad_byte(
        root: Path, name: str, text: str, encoding: str) -> None:
    (root / name).write_bytes(text.encode(encoding))
    line, content = next((number, content) for number, content in enumerate(text.splitlines(), 1)
                         if not content.isascii())
    column = next(index for index, character in enumerate(content, 1) if not character.isascii())
    run = refused(root)
    assert run.mistakes() == [f"{name}:{line}:{column}: the file is not UTF-8 text"]
    assert "save it as UTF-8" in run.stderr


# --- byte order mark, line endings: fine -----------------------------------------------------------------------


@pytest.mark.parametrize("change", [
    lambda data: b"\xef\xbb\xbf" + data,
    lambda data: data.replace(b"\n", b"\r\n"),
    lambda data: data.replace(b"\n", b"\r"),
    lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
], ids=["bom", "crlf", "lone-cr", "bom-and-crlf"])
def test_byte_order_mark_and_line_endings_build_the_same_site(root: Path, tmp_path: Path,
                                                               baseline: dict[str, bytes], change) -> None:
    assert rewrite_content(root, change) >= 15  # every page, source and data file
    built(root, tmp_path / "site")
    site = tree(tmp_path / "site")
    assert site.keys() == baseline.keys()
    assert [name for name in site if site[name] != baseline[name]] == []
    assert "has [49](" not in site["en/index.html"].decode()
    assert re.search(r"The ICF has <a [^>]*>49</a> chambers\.", site["en/index.html"].decode())


# --- symbolic links ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("links, expected", [
    ({"content/pages/a": "."},
     ["content/pages/a: the symbolic link leads to a folder; links to folders are not followed"]),
    ({"content/pages/a": "b", "content/pages/b": "a"},
     ["content/pages/a: the symbolic link leads nowhere (to a missing file, or round in a circle)",
      "content/pages/b: the symbolic link leads nowhere (to a missing file, or round in a circle)"]),
    ({"content/pages/loop.en.md": "loop.en.md"},
     ["content/pages/loop.en.md: the symbolic link leads nowhere (to a missing file, or round in a circle)"]),
    ({"content/pages/deeper/up": ".."},
     ["content/pages/deeper/up: the symbolic link leads to a folder; links to folders are not followed"]),
    ({"content/sources/again": "../sources"},
     ["content/sources/again: the symbolic link leads to a folder; links to folders are not followed"]),
    ({"static/here": "."},
     ["static/here: the symbolic link leads to a folder; links to folders are not followed"]),
], ids=["dot", "pair", "self", "parent", "sibling", "static"])
def test_a_symbolic_link_loop_is_refused_where_it_is(root: Path, links: dict[str, str],
                                                     expected: list[str]) -> None:
    for name, target in links.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    run = refused(root)
    assert run.mistakes() == expected
    assert "hint: " in run.stderr


@pytest.mark.parametrize("folder, expected", [
    ("content/site.yaml", "content/site.yaml: this is a folder, where the build reads a file"),
    ("content/pages/about.en.md", "content/pages/about.en.md: this is a folder, named as a file the build reads "
                                  "('.md')"),
])
def test_a_folder_named_as_a_file_the_build_reads_is_called_a_folder(root: Path, folder: str, expected: str) -> None:
    """Not 'the symbolic link leads to a folder', nor, for a page, only its pair's 'no English version'."""
    if (root / folder).exists():
        (root / folder).rename(root / (folder + ".moved"))
    (root / folder).mkdir()
    assert expected in refused(root).mistakes()


@pytest.mark.parametrize("links", [
    {"content/pages/leak.en.md": "leak.en.md", "content/pages/leak.zh.md": "leak.zh.md"},
    {"content/pages/outside": "."},
    {"content/sources/outside": "."},
    {"content/data/statistics.yaml": "statistics.yaml"},
    {"static/secret.css": "secret.css"},
    {"static/outside": "."},
], ids=["page-files", "pages-folder", "sources-folder", "data-file", "static-file", "static-folder"])
def test_a_symbolic_link_leading_outside_the_project_is_refused_and_nothing_there_is_read(
        root: Path, outside: Path, links: dict[str, str]) -> None:
    for name, target in links.items():
        (root / name).unlink(missing_ok=True)
        (root / name).symlink_to(outside / target)
    with reads_in(outside) as reads:
        run = refused(root)
    assert reads == []
    assert run.mistakes() == [f"{name}: the symbolic link leads outside the project (to {outside / target}); "
                              "only files inside the project are read" for name, target in sorted(links.items())]
    assert "SECRET-CANARY" not in run.stdout + run.stderr


def test_the_content_folder_linked_from_outside_reads_nothing_there(root: Path, outside: Path) -> None:
    """``content/pages`` itself a link to a folder outside: refused before it is listed."""
    shutil.rmtree(root / "content" / "pages")
    (root / "content" / "pages").symlink_to(outside)
    with reads_in(outside) as reads:
        run = refused(root)
    assert reads == []
    assert f"content/pages: the folder is outside the project (it is a symbolic link to {outside})" in run.mistakes()


def test_a_link_to_a_fifo_outside_the_project_does_not_block(root: Path, outside: Path) -> None:
    """A FIFO blocks whoever opens it until a writer comes: the build must not even try."""
    os.mkfifo(outside / "pipe.en.md")
    (root / "content/pages/pipe.en.md").symlink_to(outside / "pipe.en.md")
    run = refused(root)
    assert run.mistakes()[0] == (f"content/pages/pipe.en.md: the symbolic link leads outside the project "
                                 f"(to {outside / 'pipe.en.md'}); only files inside the project are read")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_fifo_inside_the_project_is_refused_unopened(root: Path, tmp_path: Path, command: str) -> None:
    """``build`` also fingerprints its inputs first: that must not open a FIFO either (it used to hang)."""
    os.mkfifo(root / "content/pages/pipe.en.md")
    os.mkfifo(root / "static/pipe.css")
    os.mkfifo(root / "templates/pipe.html")
    arguments = ("check",) if command == "check" else ("build", "--out", str(tmp_path / "site"))
    run = run_cli(root, *arguments)
    run.within(REFUSED_SECONDS, REFUSED_MB)
    assert run.status == 1
    assert run.mistakes() == ["content/pages/pipe.en.md: not a regular file (a FIFO, socket or device)",
                              "static/pipe.css: not a regular file (a FIFO, socket or device)"]


def test_links_to_files_inside_the_project_and_editor_lock_files_are_fine(root: Path, tmp_path: Path) -> None:
    (root / "static/logo.svg").symlink_to("icon.svg")
    (root / "content/pages/.#index.en.md").symlink_to("editor@host.4242:1700000000")  # Emacs's lock file
    built(root, tmp_path / "site")
    [logo] = (tmp_path / "site" / "static").glob("logo.*.svg")
    assert logo.read_bytes() == (root / "static/icon.svg").read_bytes()


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_a_template_linked_from_outside_the_project_is_refused_unread(root: Path, outside: Path, tmp_path: Path,
                                                                       command: str, kind: str) -> None:
    """Templates are code, but a link in templates/ must not read a secret (or block on a FIFO) elsewhere."""
    target = outside / "base.html"  # every page's template extends it
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_text("<p>SECRET-CANARY</p>", encoding="utf-8")
    (root / "templates" / "base.html").unlink()
    (root / "templates" / "base.html").symlink_to(target)
    arguments = ("check",) if command == "check" else ("build", "--out", str(tmp_path / "site"))
    with reads_in(outside) as reads:
        run = run_cli(root, *arguments)
    run.within(REFUSED_SECONDS, REFUSED_MB)
    assert run.status == 1 and reads == []
    assert "templates/base.html: the template leads outside the project (a symbolic link); only files inside " \
           "the project are read" in run.mistakes()
    assert "SECRET-CANARY" not in run.stdout + run.stderr
    assert not (tmp_path / "site").exists()
