"""The live preview (``microsite/serve.py``): its pure parts, then a real server process on a copy of the real content.

The integration tests start ``build.py serve`` as the maintainer does, on a
temporary copy of the project (so the repository's own ``content/`` is never
touched), and talk to it over HTTP with raw paths (``http.client`` normalises
nothing). They poll rather than sleep, so each takes about as long as the
preview does. The browser side (reloads, CSS swaps) is in ``test_serve_browser.py``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from microsite.serve import (FOLDER_STATE, Preview, Watcher, changed_files, content_type, free_port, inject_reload,
                             preview_options, preview_url, rescanned, resolve_request, snapshot, target_url)
from tests.conftest import MINIMAL, REPO, SAMPLE, make_project

SOURCE = "2023-10-11-eb7c93e7"
RELOAD_SCRIPT = b'<script src="/livereload.js?port='


# --- helpers -------------------------------------------------------------------------------------------------


def port_pair() -> int:
    """A port P such that P and P + 1 are both free now (the server falls back to P + 1 when P is busy)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535 and all(can_bind(p) for p in (port, port + 1)):
            return port
    raise RuntimeError("no two adjacent free ports")


def can_bind(port: int) -> bool:
    """Whether a server could listen on ``port`` now (with SO_REUSEADDR, as every server, ours too, binds)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def poll(condition: Callable[[], object], timeout: float, every: float = 0.02,
         what: str | Callable[[], str] = "condition") -> object:
    """Call ``condition`` until it returns something true; fail after ``timeout`` seconds, saying ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what() if callable(what) else what}")
        time.sleep(every)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def get(port: int, raw_path: str, method: str = "GET", address: str = "127.0.0.1") -> Response:
    """One request with ``raw_path`` sent exactly as given."""
    connection = http.client.HTTPConnection(address, port, timeout=5)
    try:
        connection.request(method, raw_path)
        response = connection.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


@dataclass
class PreviewProcess:
    """``build.py serve`` running in a subprocess; its terminal output (stdout and stderr) is collected as it comes."""

    process: subprocess.Popen
    root: Path
    out: Path
    port: int
    lines: list[str] = field(default_factory=list)
    address: str = "127.0.0.1"  # where it is asked

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def get(self, raw_path: str) -> Response:
        return get(self.port, raw_path, address=self.address)

    def wait_for_output(self, pattern: str, timeout: float = 30) -> re.Match:
        return poll(lambda: self._alive() and re.search(pattern, self.output), timeout,
                    what=lambda: f"{pattern!r} in the server's output:\n{self.output}")

    def wait_until_answering(self, timeout: float = 30) -> None:
        poll(lambda: self._alive() and self._answers(), timeout, what=lambda: f"the server to answer:\n{self.output}")

    def _answers(self) -> bool:
        try:
            return self.get("/").status in (200, 500)
        except OSError:
            return False

    def _alive(self) -> bool:
        if self.process.poll() is not None:
            time.sleep(0.1)  # let the reader thread catch the last lines
            raise AssertionError(f"the server exited with status {self.process.returncode}:\n{self.output}")
        return True

    def stop(self) -> int:
        """Ctrl-C, then wait; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@contextmanager
def preview_process(root: Path, out: Path, port: int | None = None, wait: bool = True,
                    open_files: int | None = None, host: str | None = None,
                    address: str = "127.0.0.1") -> Iterator[PreviewProcess]:
    """Start ``build.py --root ROOT serve --port PORT --out OUT`` from the repository; stop it (Ctrl-C) on exit.

    ``open_files``: the most files the server may open (its soft ``RLIMIT_NOFILE``), as ``ulimit -n`` sets it;
    ``host``: its ``--host``; ``address``: where the tests ask it.
    """
    port = port or port_pair()
    command = [sys.executable, "build.py", "--root", str(root), "serve", "--port", str(port), "--out", str(out)]
    command += ["--host", host] if host is not None else []
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               preexec_fn=(lambda: _limit_open_files(open_files)) if open_files else None)
    server = PreviewProcess(process, root, out, port, address=address)
    reader = threading.Thread(target=collect_lines, args=(process.stdout, server.lines), daemon=True)
    reader.start()
    try:
        if wait:
            server.wait_until_answering()
        yield server
    finally:
        server.stop()
        reader.join(timeout=5)
        process.stdout.close()


def _limit_open_files(most: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (most, hard))


def collect_lines(stream, lines: list[str]) -> None:  # noqa: ANN001 (a text stream)
    """Append each line of ``stream`` to ``lines`` as it arrives (in a thread of its own)."""
    for line in stream:
        lines.append(line)


def edit(path: Path, old: str, new: str) -> str:
    """Replace the first ``old`` in ``path`` with ``new``; returns the original text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


# --- resolve_request ---------------------------------------------------------------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A small built site, with a secret file and folder beside it (outside) and symbolic links to them inside."""
    site = tmp_path / "site"
    for name in ("index.html", "en/index.html", "en/statistics/index.html", "static/style.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "index.html").write_text("secret", encoding="utf-8")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "leak").symlink_to(tmp_path / "private", target_is_directory=True)
    return site


@pytest.mark.parametrize("url, file", [
    ("/static/style.css", "static/style.css"),
    ("/", "index.html"),
    ("/en/", "en/index.html"),
    ("/en/statistics/", "en/statistics/index.html"),
    ("/en/statistics/index.html", "en/statistics/index.html"),
    ("/en/./statistics/", "en/statistics/index.html"),
    ("/%65n/", "en/index.html"),
])
def test_resolve_request_serves_files_and_folder_index_pages(out: Path, url: str, file: str) -> None:
    assert resolve_request(out, url) == ("file", (out / file).resolve())


@pytest.mark.parametrize("url", ["/en", "/en/statistics"])
def test_resolve_request_redirects_a_folder_without_its_slash(out: Path, url: str) -> None:
    assert resolve_request(out, url) == ("redirect", None)


@pytest.mark.parametrize("url", [
    "/nope", "/nope/", "/en/nope.html", "/static/",
    "/../secret.txt", "/en/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
    "/..%2fsecret.txt", "/en%2f..%2f..%2fsecret.txt", "/en\\..\\..\\secret.txt", "/%5c..%5csecret.txt",
    "/index.html%00", "/index.html\x00.png", "//etc/passwd", "/etc/passwd",
])
def test_resolve_request_finds_nothing_for_missing_or_escaping_paths(out: Path, url: str) -> None:
    assert resolve_request(out, url) == ("missing", None)


def test_resolve_request_never_serves_an_absolute_path(out: Path) -> None:
    secret = out.parent / "secret.txt"
    assert resolve_request(out, "/" + secret.as_posix()) == ("missing", None)
    assert resolve_request(out, secret.as_posix()) == ("missing", None)


@pytest.mark.parametrize("url", ["/leak.txt", "/leak/", "/leak/index.html", "/leak"])
def test_resolve_request_refuses_a_symbolic_link_pointing_outside_the_site(out: Path, url: str) -> None:
    assert resolve_request(out, url) == ("missing", None)


# --- content_type, inject_reload --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("index.html", "text/html; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("statistics.json", "application/json; charset=utf-8"),
    ("icon.svg", "image/svg+xml; charset=utf-8"),
    ("statistics.csv", "text/csv; charset=utf-8"),
    ("app.js", "application/javascript; charset=utf-8"),
    ("photo.png", "image/png"),
])
def test_content_type_declares_utf8_for_text_formats_only(name: str, expected: str) -> None:
    assert content_type(Path(name)) == expected


def test_content_type_declares_utf8_for_xml() -> None:
    kind, _, charset = content_type(Path("sitemap.xml")).partition("; ")
    assert kind in ("application/xml", "text/xml") and charset == "charset=utf-8"


def test_inject_reload_puts_the_client_just_before_the_closing_body_tag(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    original = "<!doctype html><html><body><p>晋江</p><pre>&lt;/body&gt;</pre></body></html>\n".encode("utf-8")
    page.write_bytes(original)
    served = inject_reload(page.read_bytes(), 8123)
    before, script, after = served.partition(RELOAD_SCRIPT)
    assert script and before.startswith(original[:original.rindex(b"</body>")])
    assert after.startswith(b'8123"></script>') and after.endswith(b"</script>\n</body></html>\n")
    assert served.count(b"</body>") == 1
    assert page.read_bytes() == original  # what is on disk stays as the build wrote it


def test_inject_reload_writes_no_script_into_the_page() -> None:
    """The site's Content-Security-Policy (which the preview sends too) runs no script written into a page: the
    client and the plugin that follows edits to their page come in one file of the preview's own."""
    served = inject_reload(b"<body></body>", 8000)
    assert served.count(b"<script") == 1 and b"<script src=" in served and b"></script>" in served


def test_inject_reload_appends_the_client_to_a_page_without_body_tag() -> None:
    served = inject_reload(b"<p>fragment</p>", 8000)
    assert served.startswith(b"<p>fragment</p>") and RELOAD_SCRIPT + b'8000"' in served


# --- target_url ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_preview(tmp_path_factory: pytest.TempPathFactory) -> Preview:
    """A :class:`Preview` after one good build of a copy of the real content."""
    tmp = tmp_path_factory.mktemp("target")
    root = make_project(tmp, SAMPLE)
    preview = Preview(root, tmp / "site", "http://127.0.0.1:8000/")
    assert preview.rebuild(), preview.error
    return preview


@pytest.mark.parametrize("changed, url", [
    (["content/pages/pillars/competence.en.md"], "/en/pillars/competence/"),
    (["content/pages/pillars/competence.zh.md"], "/pillars/competence/"),
    (["content/pages/index.en.md"], "/en/"),
    (["content/pages/index.zh.md"], "/"),
    (["content/data/statistics.yaml"], "/statistics/"),
    (["content/data/timeline.yaml"], "/timeline/"),
    (["content/data/glossary.yaml"], "/glossary/"),
    ([f"content/sources/{SOURCE}.md"], f"/sources/{SOURCE}/"),
    ([f"content/sources/{SOURCE}.en.md"], f"/en/sources/{SOURCE}/"),
    (["static/style.css"], "/static/style.css"),
    (["templates/base.html"], "*"),
    (["content/site.yaml"], "*"),
    (["content/data/strings.yaml"], "*"),
    (["content/pages/index.en.md", "content/pages/index.zh.md"], "*"),
    (["static/style.css", "content/pages/index.en.md"], "*"),
])
def test_target_url_is_the_page_the_changed_file_produces(built_preview: Preview, changed: list[str],
                                                           url: str) -> None:
    assert target_url([built_preview.root / name for name in changed], built_preview) == url


@pytest.mark.parametrize("changed, here, url", [
    ("content/data/statistics.yaml", "/en/statistics/", "/en/statistics/"),
    ("content/data/statistics.yaml", "/en/timeline/", "/en/statistics/"),
    ("content/data/statistics.yaml", "/timeline/", "/statistics/"),
    ("content/data/timeline.yaml", "/en/", "/en/timeline/"),
    ("content/data/glossary.yaml", "/english-is-not-a-language/", "/glossary/"),
    ("content/pages/pillars/competence.en.md", "/timeline/", "/en/pillars/competence/"),
    ("content/pages/pillars/competence.zh.md", "/en/timeline/", "/pillars/competence/"),
])
def test_target_url_of_a_data_file_stays_in_the_language_being_read(built_preview: Preview, changed: str, here: str,
                                                                    url: str) -> None:
    """A data file feeds every language: whoever reads English stays in English; a page has one language."""
    assert target_url([built_preview.root / changed], built_preview, here) == url


def test_target_url_reloads_for_a_stylesheet_outside_static(built_preview: Preview) -> None:
    assert target_url([built_preview.root / "templates" / "print.css"], built_preview) == "*"


def test_target_url_leads_from_no_folder_made_or_removed(built_preview: Preview) -> None:
    """The watcher tells of folders made and removed (the build refuses an empty one named as a page file), but a
    folder is no page to go to: a folder ``index.en.md`` led to /en/ as the page would."""
    pages = built_preview.root / "content" / "pages"
    folder, new = pages / "extra.en.md", pages / "extra"
    folder.mkdir()
    try:
        assert target_url([folder], built_preview) == "*"
        new.mkdir()
        (new / "x.en.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
        assert target_url([new, new / "x.en.md"], built_preview) == "/en/extra/x/"  # a page in a new folder
    finally:
        folder.rmdir()
        (new / "x.en.md").unlink()
        new.rmdir()
    assert target_url([folder], built_preview) == "*"  # removed: neither file nor folder is there


def test_target_url_reloads_in_place_before_the_first_good_build(tmp_path: Path) -> None:
    preview = Preview(tmp_path, tmp_path / "site", "http://127.0.0.1:8000/")
    assert target_url([tmp_path / "content" / "pages" / "index.en.md"], preview) == "*"


# --- snapshot, changed_files, free_port ----------------------------------------------------------------------------


def test_snapshot_ignores_editor_swap_and_backup_files(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "index.en.md"
    page.parent.mkdir()
    page.write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    assert list(before) == [str(page.parent), str(page)]
    for name in (".index.en.md.swp", "index.en.md~", "#index.en.md#", ".#index.en.md", ".DS_Store"):
        (page.parent / name).write_text("editor's", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("git's", encoding="utf-8")
    assert changed_files(before, snapshot([tmp_path])) == []


@pytest.mark.parametrize("name", ["static/.well-known/security.txt", "templates/.partial.html", "static/.htaccess",
                                  "content/pages/.draft.en.md"])
def test_a_hidden_file_the_build_reads_is_watched(tmp_path: Path, name: str) -> None:
    watched = [tmp_path / folder for folder in ("content", "templates", "static")]
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text("one", encoding="utf-8")
    before = snapshot(watched)
    (tmp_path / name).write_text("two, longer", encoding="utf-8")
    assert changed_files(before, snapshot(watched)) == [tmp_path / name]
    assert changed_files(before, rescanned(before, [str(tmp_path / name)], watched)) == [tmp_path / name]


def test_the_watcher_watches_exactly_the_files_the_build_reads(tmp_path: Path) -> None:
    from microsite.inputs import FOLDER, Inputs

    names = ["content/site.yaml", "content/pages/a.en.md", "content/pages/.draft.en.md", "templates/page.html",
             "templates/.partial.html", "static/style.css", "static/.well-known/security.txt", "static/.htaccess",
             "static/.hidden/x.txt"]
    leftovers = ["static/style.css~", "static/#style.css#", "static/.style.css.swp", "static/.DS_Store",
                 "static/Thumbs.db", "static/.git/config", "templates/page.html~", "templates/.page.html.swp",
                 "content/pages/a.en.md~", "content/pages/#a.en.md#", "content/pages/.a.en.md.swp"]
    for name in names + leftovers:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "content" / "pages" / ".#a.en.md").symlink_to("editor@host.1234:1700000000")
    watched = snapshot([tmp_path / folder for folder in ("content", "templates", "static")])
    inputs = Inputs(tmp_path).digests
    files = [path for path, digest in inputs.items() if digest != FOLDER]
    assert sorted(path for path, state in watched.items() if state != FOLDER_STATE) == sorted(files) == sorted(
        str(tmp_path / name) for name in names)
    assert sorted(watched) == sorted(inputs)  # the folders too, which the build counts by their names


def test_changed_files_lists_edited_added_and_removed_files(tmp_path: Path) -> None:
    kept, edited, removed = (tmp_path / name for name in ("kept.md", "edited.md", "removed.md"))
    for path in (kept, edited, removed):
        path.write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    edited.write_text("two, longer", encoding="utf-8")
    removed.unlink()
    added = tmp_path / "sub" / "added.md"
    added.parent.mkdir()
    added.write_text("new", encoding="utf-8")
    assert changed_files(before, snapshot([tmp_path])) == sorted([edited, removed, added.parent, added])


def test_a_folder_made_or_removed_is_a_change_and_a_file_saved_in_it_is_not_the_folders(tmp_path: Path) -> None:
    """The build refuses an empty folder named as a file it reads (pages/x.md/): the preview must build when one
    is made, and again when it is removed."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.en.md").write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    folder = pages / "x.md"
    folder.mkdir()
    made = snapshot([tmp_path])
    assert changed_files(before, made) == [folder]
    assert changed_files(before, rescanned(before, [str(folder)], [tmp_path])) == [folder]  # as the system tells
    (pages / "a.en.md").write_text("two, longer", encoding="utf-8")
    assert changed_files(made, snapshot([tmp_path])) == [pages / "a.en.md"]  # pages/ itself is as it was
    folder.rmdir()
    assert changed_files(made, rescanned(made, [str(folder)], [tmp_path])) == [folder]
    assert changed_files(made, snapshot([tmp_path])) == [pages / "a.en.md", folder]


def test_a_save_made_before_the_watcher_starts_is_seen(tmp_path: Path) -> None:
    """The server takes the snapshot before its first build: a save during that build must still count."""
    page = tmp_path / "page.md"
    page.write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    page.write_text("one, edited during the first build", encoding="utf-8")
    calls: list[list[Path]] = []
    watcher = Watcher([tmp_path], calls.append, poll=0.01, quiet=0.02, initial=before)
    watcher.start()
    try:
        poll(lambda: calls, 3, what="on_change")
    finally:
        watcher.stop()
        watcher.join(timeout=2)
    assert calls == [[page]]


def test_the_watcher_pauses_longer_when_a_scan_is_slow(tmp_path: Path, monkeypatch) -> None:
    """A project that takes 50 ms to scan is scanned at most every 200 ms (3 x 50 ms pause + the scan)."""
    import microsite.serve as serve_module

    scans: list[float] = []

    def slow_snapshot(folders):
        scans.append(time.perf_counter())
        time.sleep(0.05)
        return {}

    monkeypatch.setattr(serve_module, "snapshot", slow_snapshot)
    watcher = Watcher([tmp_path], lambda changed: None, poll=0.01, quiet=0.02)
    watcher.start()
    time.sleep(1.0)
    watcher.stop()
    watcher.join(timeout=2)
    gaps = [later - earlier for earlier, later in zip(scans[1:], scans[2:])]
    assert gaps and min(gaps) >= 0.19  # with the 10 ms poll alone they would be 60 ms apart


def saved_twice_in_one_tick(folder: Path) -> tuple[Path, dict]:
    """A file saved, snapshot, saved again with the same size and time stamp: (the file, the first snapshot)."""
    page = folder / "page.md"
    page.write_text("one", encoding="utf-8")
    stamp = page.stat().st_mtime_ns
    before = snapshot([folder])
    page.write_text("two", encoding="utf-8")
    os.utime(page, ns=(stamp, stamp))
    return page, before


def test_a_second_save_with_the_same_time_stamp_and_size_is_seen(tmp_path: Path) -> None:
    """Time stamps are coarse on some file systems: a file saved lately is also compared by its content."""
    page, before = saved_twice_in_one_tick(tmp_path)
    assert changed_files(before, snapshot([tmp_path])) == [page]


def test_a_save_that_changes_only_the_time_stamp_is_no_change(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    page.write_text("one", encoding="utf-8")
    os.utime(page, ns=(before[str(page)][0] + 10**6,) * 2)
    assert changed_files(before, snapshot([tmp_path])) == []


def test_a_change_just_before_a_file_leaves_the_racy_window_is_seen(tmp_path: Path, monkeypatch) -> None:
    from microsite import serve as serve_module

    page, before = saved_twice_in_one_tick(tmp_path)
    monkeypatch.setattr(serve_module, "RACY_SECONDS", 0)  # the next scan comes after the window
    after = snapshot([tmp_path])
    assert after[str(page)][2] == "" and changed_files(before, after) == [page]


def test_a_same_size_save_whose_modification_time_was_set_back_is_seen(tmp_path: Path, monkeypatch) -> None:
    """cp -p, tar x, rsync -t or touch -d give a file an older modification time; its change time no program can
    set, so the save is still told (here long after the racy window, where no content is compared)."""
    from microsite import serve as serve_module

    monkeypatch.setattr(serve_module, "RACY_SECONDS", 0)
    page = tmp_path / "page.md"
    page.write_text("one", encoding="utf-8")
    old = 1_600_000_000 * 10**9
    os.utime(page, ns=(old, old))
    before = snapshot([tmp_path])
    time.sleep(0.01)
    page.write_text("two", encoding="utf-8")
    os.utime(page, ns=(old, old))
    assert changed_files(before, snapshot([tmp_path])) == [page]


def test_a_symbolic_link_is_watched_as_the_file_it_leads_to_and_as_itself(tmp_path: Path) -> None:
    """The build reads a link's file: made, removed, led elsewhere, or its file edited (outside the watched
    folders, too), the watcher tells of it."""
    watched, elsewhere = tmp_path / "static", tmp_path / "extra"
    watched.mkdir(), elsewhere.mkdir()
    first, second = elsewhere / "a.css", elsewhere / "b.css"
    first.write_text("/* v1 */", encoding="utf-8"), second.write_text("/* v2 */", encoding="utf-8")
    link = watched / "x.css"
    steps = [lambda: link.symlink_to(first), lambda: first.write_text("/* v1, longer */", encoding="utf-8"),
             lambda: (link.unlink(), link.symlink_to(second)), lambda: link.unlink(),
             lambda: link.symlink_to(elsewhere)]  # a folder: the build refuses it, once told
    state = snapshot([watched])
    for step in steps:
        time.sleep(0.01)
        step()
        later = snapshot([watched])
        assert changed_files(state, later) == [link]
        assert rescanned(state, [str(link)], [watched]) == later
        state = later


def test_snapshot_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert snapshot([tmp_path / "nowhere"]) == {}


@pytest.mark.parametrize("bound, url", [
    (["127.0.0.1"], "http://127.0.0.1:8000/"),
    (["::1"], "http://[::1]:8000/"),
    (["::1", "127.0.0.1"], "http://127.0.0.1:8000/"),  # localhost
    (["0.0.0.0"], "http://127.0.0.1:8000/"),
    (["::"], "http://[::1]:8000/"),  # tornado listens on IPv6 alone there
    (["0.0.0.0", "::"], "http://127.0.0.1:8000/"),
    (["192.168.1.5"], "http://192.168.1.5:8000/"),
    (["fe80::1"], "http://[fe80::1]:8000/"),
])
def test_the_preview_is_built_for_an_address_it_listens_on(bound: list[str], url: str) -> None:
    assert preview_url(bound, 8000) == url


def test_free_port_skips_a_busy_port() -> None:
    port = port_pair()
    assert free_port("127.0.0.1", port) == port
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", port))
        busy.listen()
        assert free_port("127.0.0.1", port) == port + 1
        with pytest.raises(OSError, match="choose one with --port"):
            free_port("127.0.0.1", port, tries=1)


# --- Watcher ------------------------------------------------------------------------------------------------------


@contextmanager
def watching(folder: Path, poll_seconds: float = 0.01, quiet: float = 0.2) -> Iterator[list[list[Path]]]:
    """A running :class:`Watcher` on ``folder``; yields the list of its on_change calls."""
    calls: list[list[Path]] = []
    watcher = Watcher([folder], calls.append, poll=poll_seconds, quiet=quiet)
    watcher.start()
    time.sleep(0.05)  # its first snapshot is taken
    try:
        yield calls
    finally:
        watcher.stop()
        watcher.join(timeout=2)
    assert not watcher.is_alive()


def test_watcher_turns_a_burst_of_saves_into_one_call_with_every_file(tmp_path: Path) -> None:
    files = [tmp_path / f"page{i}.md" for i in range(5)]
    # The saves are 10 ms apart, the quiet period 50 times that: a loaded machine (both cores busy) that
    # stretched one pause past 0.2 s once split the burst in two.
    with watching(tmp_path, quiet=0.5) as calls:
        for file in files:
            file.write_text("saved", encoding="utf-8")
            time.sleep(0.01)
        poll(lambda: calls, 5, what="on_change")
        time.sleep(0.6)  # longer than the quiet period: a second call would have come by now
    assert calls == [sorted(files)]


def test_watcher_calls_for_an_empty_folder_made_where_a_page_would_be(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    with watching(tmp_path, quiet=0.05) as calls:
        (pages / "x.md").mkdir()
        poll(lambda: calls, 3, what="on_change")
        (pages / "x.md").rmdir()
        poll(lambda: len(calls) == 2, 3, what="the second call")
    assert calls == [[pages / "x.md"], [pages / "x.md"]]


def test_watcher_calls_again_for_a_later_save(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    with watching(tmp_path, quiet=0.05) as calls:
        page.write_text("one", encoding="utf-8")
        poll(lambda: len(calls) == 1, 3, what="the first call")
        page.write_text("two, longer", encoding="utf-8")
        poll(lambda: len(calls) == 2, 3, what="the second call")
    assert calls == [[page], [page]]


def test_a_template_that_runs_away_is_shown_stopped_the_last_good_site_served_and_its_fix_built(
        minimal_project: Path, tmp_path: Path) -> None:
    """The preview rebuilds in its watcher thread, where no timer signal arrives: rebuilt so here."""
    preview = Preview(minimal_project, tmp_path / "site", "http://127.0.0.1:1/",
                      options=preview_options("http://127.0.0.1:1/", timeout=0.5))
    assert preview.rebuild()
    good, served = preview.result, (tmp_path / "site" / "en" / "404.html").read_bytes()
    template = minimal_project / "templates" / "404.html"
    written = template.read_text(encoding="utf-8")
    outcome: list = []

    def rebuilt() -> None:
        thread = threading.Thread(target=lambda: outcome.append(preview.rebuild(trusted=lambda: True)))
        thread.start()
        thread.join(30)

    template.write_text(written.replace("  {{ body }}", "  {% for i in range(10**12) %}{% endfor %}"), encoding="utf-8")
    rebuilt()
    assert outcome == [False]
    assert re.match(r"templates/404\.html:5: rendering the page /(en|zh)/404\.html took longer than 0\.5 s, and was "
                    "stopped here\n  hint: a loop that does not end", preview.error), preview.error
    assert preview.result is good and (tmp_path / "site" / "en" / "404.html").read_bytes() == served
    template.write_text(written.replace("  {{ body }}", "  {{ body }}<p>fixed</p>"), encoding="utf-8")
    rebuilt()
    assert outcome == [False, True] and preview.error == ""
    assert b"<p>fixed</p>" in (tmp_path / "site" / "en" / "404.html").read_bytes()


def test_a_failed_build_that_read_a_file_mid_save_is_not_trusted_and_is_made_again(tmp_path: Path) -> None:
    """A save in place empties the file first: a build that read it then failed for nothing; build once more.

    The second save writes back exactly what the first held, so only the file's stamp tells of it.
    """
    page = tmp_path / "page.md"
    page.write_text("one", encoding="utf-8")
    calls: list[list[Path]] = []
    trusted: list[bool] = []

    def on_change(changed: list[Path]) -> None:
        calls.append(changed)
        if len(calls) == 1:  # the build reads the page while the editor saves it once more
            page.write_text("", encoding="utf-8")
            page.write_text("two", encoding="utf-8")
            os.utime(page, ns=(time.time_ns(), time.time_ns() + 10**9))
        trusted.append(watcher.unchanged_since_build())

    watcher = Watcher([tmp_path], on_change, poll=0.01, quiet=0.02)
    watcher.start()
    time.sleep(0.05)
    try:
        page.write_text("two", encoding="utf-8")
        poll(lambda: len(calls) == 2, 3, what="the build made again")
        time.sleep(0.2)  # a third call would have come by now
    finally:
        watcher.stop()
        watcher.join(timeout=2)
    assert calls == [[page], [page]] and trusted == [False, True]


def test_a_preview_shows_a_failed_build_only_when_it_is_trusted(tmp_path: Path) -> None:
    root = make_project(tmp_path, SAMPLE)
    preview = Preview(root, tmp_path / "site", "http://127.0.0.1:1/")
    assert preview.rebuild()
    shown = preview.result
    (root / "content" / "pages" / "pillars" / "competence.en.md").write_text("", encoding="utf-8")
    assert preview.rebuild(trusted=lambda: False) is None
    assert (preview.error, preview.result) == ("", shown) and preview.idle.is_set()
    assert preview.rebuild(trusted=lambda: True) is False
    assert "does not start with front matter" in preview.error


def test_a_preview_shows_an_output_folder_it_cannot_write_and_builds_again_once_it_can(
        minimal_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import microsite.write

    preview = Preview(minimal_project, tmp_path / "site", "http://127.0.0.1:1/")
    assert preview.rebuild()
    page = minimal_project / "content" / "pages" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")

    def full(target: str, content: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)

    monkeypatch.setattr(microsite.write, "_write_new", full)
    assert preview.rebuild(trusted=lambda: True) is False
    assert preview.error == (f"error: cannot write the site into {tmp_path / 'site'}: the disk is full (writing "
                             f"en/index.html); {tmp_path / 'site'} was left as it was. Free some space on it, or "
                             "choose a --out on another disk, then build again")
    monkeypatch.undo()
    assert preview.rebuild() and preview.error == ""
    assert "One more sentence." in (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_preview_follows_a_static_file_replaced_by_a_folder_of_its_name_and_back(minimal_project: Path,
                                                                                   tmp_path: Path) -> None:
    import shutil

    preview = Preview(minimal_project, tmp_path / "site", "http://127.0.0.1:1/")
    thing = minimal_project / "static" / "thing"
    for shape in ("file", "folder", "folder", "file", "folder", "file"):  # the spare holds each shape in turn
        if thing.is_dir():
            shutil.rmtree(thing)
        else:
            thing.unlink(missing_ok=True)
        if shape == "file":
            thing.write_text(".x{}", encoding="utf-8")
        else:
            thing.mkdir()
            (thing / "inner.css").write_text(".a{}", encoding="utf-8")
        assert preview.rebuild(trusted=lambda: True), preview.error
        published = tmp_path / "site" / "static" / "thing"
        assert published.is_file() if shape == "file" else (published / "inner.css").is_file()


def test_a_preview_shows_a_build_that_failed_for_microsites_own_mistake(minimal_project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture) -> None:
    import microsite.pipeline

    preview = Preview(minimal_project, tmp_path / "site", "http://127.0.0.1:1/")
    monkeypatch.setattr(microsite.pipeline, "write_site", lambda *_, **__: [][0])
    assert preview.rebuild(trusted=lambda: True) is False
    assert preview.error == ("error: the build failed unexpectedly (IndexError: list index out of range); this is "
                             "a mistake of microsite's, not of the content: the terminal shows where, for a bug "
                             "report")
    assert "Traceback" in capsys.readouterr().err


def test_watcher_does_not_report_a_temporary_file_gone_before_the_burst_ended(tmp_path: Path) -> None:
    """Safe-write editors save to a temporary name, then rename or delete it: only the page has changed."""
    page, temporary = tmp_path / "page.md", tmp_path / "page.md___jb_tmp___"
    page.write_text("one", encoding="utf-8")
    with watching(tmp_path, quiet=0.25) as calls:
        temporary.write_text("two, longer", encoding="utf-8")
        time.sleep(0.08)  # the watcher has seen the temporary file: the burst has begun
        page.write_text("two, longer", encoding="utf-8")
        temporary.unlink()
        poll(lambda: calls, 3, what="on_change")
    assert calls == [[page]]


def test_watcher_keeps_watching_after_on_change_fails(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    calls: list[list[Path]] = []

    def on_change(changed: list[Path]) -> None:
        calls.append(changed)
        if len(calls) == 1:
            raise FileNotFoundError("a file vanished during the build")

    watcher = Watcher([tmp_path], on_change, poll=0.01, quiet=0.05)
    watcher.start()
    time.sleep(0.05)
    try:
        (tmp_path / "one.md").write_text("one", encoding="utf-8")
        poll(lambda: calls, 3, what="the first call")
        (tmp_path / "two.md").write_text("two", encoding="utf-8")
        poll(lambda: len(calls) == 2, 3, what="a call after the failed one")
    finally:
        watcher.stop()
        watcher.join(timeout=2)
    assert "a file vanished during the build" in capsys.readouterr().err


def _no_files_left(*_: object) -> None:
    import errno

    raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))


@contextmanager
def no_open_files_left() -> Iterator[None]:
    """This process may open no more files (it holds as many as it may), as with a thousand idle clients."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, soft), hard))
    held = []
    try:
        while True:
            try:
                held.append(os.open(os.devnull, os.O_RDONLY))
            except OSError:
                break
        yield
    finally:
        for descriptor in held:
            os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_files_that_cannot_be_read_are_not_taken_for_deleted(tmp_path: Path) -> None:
    """Out of open files, a folder cannot be listed nor a page just saved read: the scan fails, rather than find
    them gone (or changed)."""
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "page.md"
    page.write_text("one", encoding="utf-8")  # just saved: its content is read to tell a later save
    state = snapshot([tmp_path])
    with no_open_files_left():
        with pytest.raises(OSError, match="Too many open files"):
            snapshot([tmp_path])
        with pytest.raises(OSError, match="Too many open files"):
            rescanned(state, [str(page)], [tmp_path])
    assert snapshot([tmp_path / "gone"]) == {}  # a folder that is not there is still no files


def test_the_watcher_takes_files_it_cannot_look_at_for_no_change(tmp_path: Path, monkeypatch,
                                                                 capsys: pytest.CaptureFixture) -> None:
    """While its folders cannot be listed, nothing is deleted and nothing is built, and it says so once; then a
    save is seen as usual."""
    import microsite.serve as serve_module

    (tmp_path / "page.md").write_text("one", encoding="utf-8")
    real_scan = serve_module._scan
    with watching(tmp_path, quiet=0.05) as calls:
        monkeypatch.setattr(serve_module, "_scan", _no_files_left)
        time.sleep(0.5)  # many whole scans
        assert calls == []
        monkeypatch.setattr(serve_module, "_scan", real_scan)
        (tmp_path / "new.md").write_text("new", encoding="utf-8")
        poll(lambda: calls, 3, what="the save seen once the files can be read")
    assert calls == [[tmp_path / "new.md"]]
    err = capsys.readouterr().err
    assert err.count("cannot look at the files it watches: Too many open files") == 1, err


def test_the_watcher_survives_failing_to_wait_for_the_systems_events(tmp_path: Path, monkeypatch,
                                                                      capsys: pytest.CaptureFixture) -> None:
    """Out of open files, its wait for the system's events (a new selector each time) fails with OSError for a
    while: it goes on watching."""
    import microsite.fsevents

    page = tmp_path / "page.md"
    with watching(tmp_path, quiet=0.05) as calls:
        monkeypatch.setattr(microsite.fsevents, "wait_readable", _no_files_left)
        time.sleep(0.3)
        monkeypatch.undo()
        page.write_text("one", encoding="utf-8")
        poll(lambda: calls, 3, what="a save seen after the failures")
    assert calls == [[page]]
    assert "Traceback" not in capsys.readouterr().err


# --- a real server ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewProcess]:
    """One preview of a copy of the real content, for the tests that only read (module-wide)."""
    tmp = tmp_path_factory.mktemp("serve")
    with preview_process(make_project(tmp, SAMPLE), tmp / "site") as server:
        yield server


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[PreviewProcess]:
    """A preview of its own, for a test that edits the content."""
    with preview_process(make_project(tmp_path, SAMPLE), tmp_path / "site") as server:
        yield server


def test_server_reports_the_build_and_its_address(running: PreviewProcess) -> None:
    assert re.search(r"^built \d+ pages \(\d+ zh, \d+ en\) into .* in \d+\.\d\d s "
                     r"\((?:\d+ files? changed, )?\d+ files? written\)$", running.output, re.M)
    assert f"serving http://127.0.0.1:{running.port}/ (Ctrl-C to stop)" in running.output


def test_the_first_build_leaves_a_spare_so_the_first_save_writes_only_what_it_changed(fresh: PreviewProcess) -> None:
    from microsite.write import read_manifest

    spare = fresh.out.parent / f".{fresh.out.name}.spare"
    assert read_manifest(spare) is not None and read_manifest(spare) == read_manifest(fresh.out)


@pytest.mark.parametrize("path, lang", [("/", "zh-Hans"), ("/en/", "en"), ("/en/statistics/", "en"),
                                        ("/statistics/", "zh-Hans"), (f"/en/sources/{SOURCE}/", "en")])
def test_server_sends_pages_as_utf8_html_with_the_reload_client(running: PreviewProcess, path: str,
                                                                 lang: str) -> None:
    response = running.get(path)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"' in response.text
    assert RELOAD_SCRIPT + f'{running.port}"></script>\n</body>'.encode() in response.body


def test_server_answers_head_with_the_headers_of_get(running: PreviewProcess) -> None:
    full, head = running.get("/en/?from=head-test"), get(running.port, "/en/?from=head-test", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-type"] == full.headers["content-type"]
    assert int(head.headers["content-length"]) == len(full.body)
    assert "etag" not in head.headers and "etag" not in full.headers  # never kept (no-store): no tag to disagree


def test_server_output_folder_never_holds_the_reload_client(running: PreviewProcess) -> None:
    pages = sorted(running.out.rglob("*.html"))
    assert len(pages) > 20
    assert [page for page in pages if b"livereload" in page.read_bytes()] == []


def test_server_sends_the_stylesheet_and_its_own_client_script(running: PreviewProcess) -> None:
    css = running.get("/static/style.css")
    assert css.status == 200 and css.headers["content-type"] == "text/css; charset=utf-8"
    assert css.body == (running.root / "static" / "style.css").read_bytes()
    client = running.get("/livereload.js?port=1")
    assert client.status == 200 and client.headers["content-type"] == "application/javascript; charset=utf-8"
    assert b"LiveReload" in client.body
    # the plugin first: LiveReload takes the plugins it finds on window as it starts
    assert -1 < client.body.find(b"window.LiveReloadPluginNavigate") < client.body.find(b"LiveReload.prototype")


def test_server_redirects_a_folder_to_its_slash(running: PreviewProcess) -> None:
    response = running.get("/en/statistics")
    assert response.status in (301, 302) and response.headers["location"] == "/en/statistics/"


def test_server_redirect_never_leads_to_another_host(running: PreviewProcess) -> None:
    """``//en`` is the folder ``en``; a ``Location: //en/`` would send the browser to the host "en"."""
    response = running.get("//en")
    assert response.status == 404 or response.headers["location"] == "/en/"


@pytest.mark.parametrize("path, lang, title", [("/nope", "zh-Hans", "找不到页面"), ("/nope/deeper/", "zh-Hans", "找不到页面"),
                                               ("/en/nope", "en", "Page not found")])
def test_server_answers_a_missing_page_with_the_sites_404_page(running: PreviewProcess, path: str, lang: str,
                                                               title: str) -> None:
    response = running.get(path)
    assert response.status == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"' in response.text and title in response.text
    assert RELOAD_SCRIPT in response.body


@pytest.mark.parametrize("raw_path", ["/../", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                      "/..%2f..%2fetc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                      "/..%5c..%5cetc%5cpasswd", "//etc/passwd", "/index.html%00"])
def test_server_never_serves_a_file_outside_the_site(running: PreviewProcess, raw_path: str) -> None:
    response = running.get(raw_path)
    assert response.status == 404, raw_path
    assert b"root:" not in response.body


def test_server_shows_an_edited_page_within_two_seconds(fresh: PreviewProcess) -> None:
    page = fresh.root / "content" / "pages" / "pillars" / "competence.en.md"
    started = time.monotonic()
    with page.open("a", encoding="utf-8") as file:
        file.write("\nA sentence added while previewing.\n")
    poll(lambda: "A sentence added while previewing." in fresh.get("/en/pillars/competence/").text, 2,
         what="the edited text on the page")
    assert time.monotonic() - started < 2
    fresh.wait_for_output(r"built .* after changes to content/pages/pillars/competence\.en\.md")


def test_server_shows_a_broken_yaml_file_with_its_location_until_it_is_fixed(fresh: PreviewProcess) -> None:
    statistics = fresh.root / "content" / "data" / "statistics.yaml"
    original = edit(statistics, "  unit: count", "  unit： count")
    lines = statistics.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "：" in text and text.startswith("  unit"))
    message = f"content/data/statistics.yaml:{line}:{lines[line - 1].index('：') + 1}: full-width colon"

    broken = poll(lambda: (r := fresh.get("/en/statistics/")).status == 500 and r, 2, what="the error page")
    assert broken.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<pre id="build-errors">{message}' in broken.text
    assert RELOAD_SCRIPT in broken.body  # so that it reloads by itself once fixed
    assert fresh.get("/").status == 500  # every page says so, not just the one the file feeds
    fresh.wait_for_output(re.escape(message))
    assert (fresh.out / "en" / "statistics" / "index.html").is_file()  # the last good site is kept

    statistics.write_text(original, encoding="utf-8")
    fixed = poll(lambda: (r := fresh.get("/en/statistics/")).status == 200 and r, 2, what="the page back")
    assert "build-errors" not in fixed.text and "affiliated chambers of commerce whose founding and growth" in fixed.text


def test_server_uses_the_next_port_when_its_port_is_busy(tmp_path: Path) -> None:
    port = port_pair()
    root = make_project(tmp_path, SAMPLE)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", port))
        busy.listen()
        with preview_process(root, tmp_path / "site", port=port, wait=False) as server:
            server.wait_for_output(rf"serving http://127\.0\.0\.1:{port + 1}/")
            assert f"port {port} is in use; serving on port {port + 1} instead" in server.output
            assert get(port + 1, "/en/").status == 200


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="this computer has no IPv6 loopback address")
def test_a_preview_on_the_ipv6_loopback_address_says_and_builds_for_that_address(tmp_path: Path) -> None:
    """``--host ::1`` listens there alone: it was announced, and its pages built, for 127.0.0.1."""
    root = make_project(tmp_path, MINIMAL / "content")
    with preview_process(root, tmp_path / "site", host="::1", address="::1") as server:
        url = f"http://[::1]:{server.port}/"
        assert f"serving {url} (Ctrl-C to stop)" in server.output
        page = server.get("/en/")
        assert page.status == 200 and f'<link rel="canonical" href="{url}en/">' in page.text
        assert "warning: listening" not in server.output  # this computer only


def test_a_preview_on_every_address_builds_its_pages_for_this_computers_own(tmp_path: Path) -> None:
    """``--host 0.0.0.0``: pages, sitemap and robots.txt named http://0.0.0.0:PORT/, which no browser can use."""
    root = make_project(tmp_path, MINIMAL / "content")
    with preview_process(root, tmp_path / "site", host="0.0.0.0") as server:
        url = f"http://127.0.0.1:{server.port}/"
        assert f"serving {url} (Ctrl-C to stop)" in server.output
        assert re.search(r"^warning: listening on 0\.0\.0\.0: other computers .* can see the preview", server.output,
                         re.M), server.output
        assert f"Sitemap: {url}sitemap.xml" in server.get("/robots.txt").text
        assert "0.0.0.0" not in server.get("/sitemap.xml").text + server.get("/en/").text


def test_server_stops_cleanly_on_ctrl_c_and_frees_its_port(fresh: PreviewProcess) -> None:
    assert fresh.get("/en/").status == 200
    assert not can_bind(fresh.port)
    started = time.monotonic()
    fresh.process.send_signal(signal.SIGINT)
    assert fresh.process.wait(timeout=5) == 0
    assert time.monotonic() - started < 5
    poll(lambda: "stopped" in fresh.output, 2, what="'stopped'")
    assert "Traceback" not in fresh.output
    assert can_bind(fresh.port)


# --- the command line's mistakes: said once, and the preview does not start ---------------------------------------


def test_an_unknown_host_is_named_not_taken_for_busy_ports(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.serve import serve

    assert serve(tmp_path, host="nosuch.invalid", port=8000) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot listen on 'nosuch.invalid': no such address") and "in use" not in err


def test_a_port_out_of_range_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    from microsite.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", "99999"])
    assert exit_info.value.code == 2
    assert "argument --port: '99999' is not a port: use a number from 1 to 65535" in capsys.readouterr().err


def test_a_foreign_out_folder_stops_the_preview_before_it_starts(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from microsite.serve import serve

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep", encoding="utf-8")
    assert serve(tmp_path, port=free_port("127.0.0.1", 20000), out=foreign) == 1
    assert "was not made by microsite" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_the_preview_terminal_shows_warnings_when_they_change(minimal_project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture) -> None:
    from microsite.serve import _report

    preview = Preview(minimal_project, tmp_path / "site", "http://127.0.0.1:1/")
    assert preview.rebuild()
    _report(preview, True, [], time.perf_counter())
    first = capsys.readouterr().err
    assert "warning: content/pages/" in first
    _report(preview, True, [], time.perf_counter())
    assert capsys.readouterr().err == ""  # the same warnings are not printed on every save


def test_collect_at_rest_frees_the_last_builds_cycles_and_leaves_the_rest_out_of_later_collections() -> None:
    import gc
    import weakref

    from microsite.serve import collect_at_rest

    class Node:
        pass

    kept, garbage = Node(), Node()
    garbage.self = garbage  # a reference cycle no one refers to: only the cycle collector frees it
    gone = weakref.ref(garbage)
    del garbage
    try:
        collect_at_rest()
        assert gone() is None
        assert gc.get_freeze_count() > 0 and kept is not None
    finally:
        gc.unfreeze()


def test_a_rescan_of_the_folders_told_of_is_what_a_whole_snapshot_finds(tmp_path: Path) -> None:
    (tmp_path / "pages" / "deep").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for name in ("pages/a.md", "pages/deep/b.md", "other/c.md"):
        (tmp_path / name).write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    (tmp_path / "pages" / "deep" / "b.md").write_text("two, longer", encoding="utf-8")
    (tmp_path / "pages" / "a.md").unlink()
    (tmp_path / "pages" / "deep" / "new").mkdir()
    (tmp_path / "pages" / "deep" / "new" / "d.md").write_text("new", encoding="utf-8")
    (tmp_path / "pages" / ".hidden").mkdir()
    (tmp_path / "pages" / ".hidden" / "e.md").write_text("not a page", encoding="utf-8")
    told = [str(tmp_path / "pages"), str(tmp_path / "pages" / "deep"), str(tmp_path / "pages" / ".hidden")]
    assert rescanned(before, told, [tmp_path]) == snapshot([tmp_path])
    told = [str(tmp_path / name) for name in ("pages/a.md", "pages/deep/b.md", "pages/deep/new", "pages/.hidden/e.md")]
    assert rescanned(before, told, [tmp_path]) == snapshot([tmp_path])  # the files and folder themselves


def test_a_rescan_leaves_what_it_was_not_told_of_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "c.md").write_text("one", encoding="utf-8")
    before = snapshot([tmp_path])
    (tmp_path / "other" / "c.md").write_text("two, longer", encoding="utf-8")
    assert rescanned(before, [str(tmp_path / "pages")], [tmp_path]) == before
    assert rescanned(before, [str(tmp_path.parent)], [tmp_path]) == before  # not watched: not scanned


def _scans_after(folder: Path, monkeypatch, save, quiet: float = 0.02) -> tuple[list, list]:
    """What the watcher of ``folder`` (with events, its next whole scan 30 s away) calls back with, and which
    folders it scans, after ``save()``."""
    import sys

    import microsite.serve as serve_module

    if not sys.platform.startswith("linux"):
        pytest.skip("inotify is Linux's")
    scanned: list[list[Path]] = []
    real = serve_module.snapshot
    monkeypatch.setattr(serve_module, "snapshot", lambda folders: scanned.append(list(folders)) or real(folders))
    calls: list[list[Path]] = []
    watcher = Watcher([folder], calls.append, poll=30.0, quiet=quiet)
    watcher.start()
    try:
        time.sleep(0.3)  # its first whole scan is taken
        scanned.clear()
        save()
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        watcher.stop()
    return calls, scanned


def test_the_watcher_looks_only_at_what_it_was_told_of_between_its_whole_scans(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "page.md"
    page.write_text("one", encoding="utf-8")
    calls, scanned = _scans_after(tmp_path, monkeypatch, lambda: page.write_text("one, edited", encoding="utf-8"))
    assert calls == [[page]]
    assert scanned == [[]]  # the file saved was looked at alone: no folder scanned


def test_the_watcher_scans_everything_when_told_of_more_files_than_it_looks_at_one_by_one(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    import microsite.serve as serve_module

    monkeypatch.setattr(serve_module, "MAX_TOLD", 3)
    pages = [tmp_path / f"{n}.md" for n in range(5)]  # a burst: a checkout, a search and replace

    def save() -> None:
        for page in pages:
            page.write_text("new", encoding="utf-8")

    calls, scanned = _scans_after(tmp_path, monkeypatch, save, quiet=0.05)
    assert calls == [pages]
    assert scanned == [[tmp_path]]


def test_the_search_index_is_made_when_a_browser_first_asks_for_it(minimal_project: Path, tmp_path: Path) -> None:
    from tests.test_search import with_search

    with preview_process(with_search(minimal_project), tmp_path / "site") as server:
        assert not (server.out / "pagefind").exists()  # a rebuild does not index every page again
        entry = server.get("/pagefind/pagefind-entry.json")
        assert entry.status == 200 and entry.headers["content-type"].startswith("application/json")
        assert len(json.loads(entry.body)["languages"]) == 2
        assert server.get("/pagefind/pagefind.js").status == 200
        assert server.get("/pagefind/no-such-file.js").status == 404


@pytest.mark.parametrize("edit", [
    "\nA sentence more, in the page's own words.\n",
    "\n## A section more\n\nWords.\n",  # headings other pages' links look up: those pages are made again too
], ids=["sentence", "heading"])
def test_a_preview_rebuild_after_a_page_edit_makes_the_pages_it_reaches_and_shows_the_whole_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    """The preview keeps what its last build knew of each page (``known``), as a command-line build keeps it in
    ``.cache/``; the site it then shows (the review page, the search index) is the whole site, as a clean build's."""
    from microsite import pipeline
    from microsite.review import render_review

    root = make_project(tmp_path / "a", SAMPLE)
    preview = Preview(root, tmp_path / "a" / "site", "http://127.0.0.1:1/")
    assert preview.rebuild()
    ways: list[bool] = []
    make = pipeline._make
    monkeypatch.setattr(pipeline, "_make", lambda *arguments: ways.append(arguments[-1] is not None)
                        or make(*arguments))
    for step in range(2):
        page = root / "content" / "pages" / "organisation.en.md"
        page.write_text(page.read_text(encoding="utf-8") + edit.replace("more", "more" * (step + 1)),
                        encoding="utf-8")
        assert preview.rebuild(), preview.error
        assert ways[-1] is True and not preview.result.partial
        copy = make_project(tmp_path / f"clean{step}", root / "content")
        clean = Preview(copy, tmp_path / f"clean{step}" / "site", "http://127.0.0.1:1/")
        assert clean.rebuild()
        assert render_review(preview.result.site) == render_review(clean.result.site)
        assert tree(preview.out) == tree(clean.out)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
