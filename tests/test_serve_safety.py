"""The live preview under attack or accident: foreign host names and origins, hostile paths, bad clients.

Most tests talk to a real ``build.py serve`` process (helpers in ``test_serve.py``)
over raw sockets, so that nothing on the client side tidies what is sent.
The race of a folder swapped for a symbolic link, and the review page's
rendering off the event loop, need a hand inside the server: they are tested
on :func:`~microsite.serve.read_inside` and on the application in this process.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from microsite.addresses import HEADER_POLICY
from microsite.serve import (BUILD_FILES, MOST_CONNECTIONS, NEVER_SERVED, REFUSALS, allowed_hosts,
                             connection_limits, host_allowed, read_inside, resolve_request)
from tests.conftest import MINIMAL, SAMPLE, make_project
from tests.test_serve import PreviewProcess, poll, preview_process


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewProcess]:
    """The preview of the sample site (frozen; these are the server's tests, not the content's)."""
    tmp = tmp_path_factory.mktemp("safety")
    with preview_process(make_project(tmp, SAMPLE), tmp / "site") as server:
        yield server


OPEN_FILES = 256  # the limit on open files of the server in ``limited`` (ulimit -n 256)


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreviewProcess]:
    """The preview of the minimal site, allowed ``OPEN_FILES`` open files: its connection limits are small."""
    tmp = tmp_path_factory.mktemp("limited")
    with preview_process(make_project(tmp, MINIMAL / "content"), tmp / "site", open_files=OPEN_FILES) as server:
        yield server


def raw_request(port: int, head: bytes, timeout: float = 5) -> bytes:
    """Send ``head`` as it is; everything the server answers until it closes (or stops sending)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(head)
        return receive_until_closed(connection, timeout)


def receive_until_closed(connection: socket.socket, timeout: float) -> bytes:
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = connection.recv(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def request(port: int, path: str, host: str | None = None, extra: str = "") -> bytes:
    host = host if host is not None else f"127.0.0.1:{port}"
    return raw_request(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}\r\n".encode())


def no_traceback(server: PreviewProcess) -> None:
    assert "Traceback" not in server.output, server.output


# --- Host and Origin --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1", "LOCALHOST"])
def test_the_preview_answers_its_own_names(running: PreviewProcess, name: str) -> None:
    answer = request(running.port, "/en/", f"{name}:{running.port}")
    assert status_of(answer) == 200 and b"<html" in answer


@pytest.mark.parametrize("host", ["attacker.example:{port}", "attacker.example", "localhost", "127.0.0.1:1",
                                  "localhost.attacker.example:{port}", "", "127.0.0.1:{port}@attacker.example",
                                  "0.0.0.0:{port}", "[::]:{port}"])  # (a page may fetch http://0.0.0.0:port/)
@pytest.mark.parametrize("path", ["/en/", "/_review/", "/livereload.js"])
def test_the_preview_refuses_any_other_host_name(running: PreviewProcess, host: str, path: str) -> None:
    """DNS rebinding: a page of attacker.example, its name now pointing at 127.0.0.1, must read nothing."""
    answer = request(running.port, path, host.format(port=running.port))
    assert status_of(answer) in (400, 421), answer[:200]
    assert b"<html" not in answer and b"LiveReload" not in answer


@pytest.mark.parametrize("first, second", [("127.0.0.1:{port}", "attacker.example"),
                                           ("attacker.example", "127.0.0.1:{port}"),
                                           ("127.0.0.1:{port}", "127.0.0.1:{port}")])
def test_a_request_with_two_host_headers_is_refused(running: PreviewProcess, first: str, second: str) -> None:
    """Which of two Host headers a proxy or a browser heeds is anyone's guess: answer neither."""
    head = (f"GET /en/ HTTP/1.1\r\nHost: {first}\r\nHost: {second}\r\nConnection: close\r\n\r\n"
            .format(port=running.port).encode())
    answer = raw_request(running.port, head)
    assert status_of(answer) in (400, 421), answer[:200]
    assert b"<html" not in answer
    no_traceback(running)


@pytest.mark.parametrize("path, extra, status", [
    ("/en/" + "a" * 70_000, "", 414), ("/en/" + "a" * 20_000, "", 414),
    ("/en/", "X-Long: " + "b" * 70_000 + "\r\n", 431), ("/en/", "Cookie: " + "c" * 70_000 + "\r\n", 431),
    ("/livereload", "X-Long: " + "b" * 70_000 + "\r\n", 431)])
def test_a_very_long_address_or_header_is_answered_and_the_preview_goes_on(running: PreviewProcess, path: str,
                                                                             extra: str, status: int) -> None:
    """Past the bounds on an address (16 KB) and a request's head (64 KB), it is told which; a name that fits
    but is too long for the file system is not found."""
    answer = request(running.port, path, extra=extra)
    assert status_of(answer) == status and b"<html" not in answer, answer[:200]
    assert status_of(request(running.port, "/en/" + "a" * 10_000)) == 404
    assert status_of(request(running.port, "/en/")) == 200
    no_traceback(running)


def test_a_head_past_what_tornado_reads_is_closed_unanswered(running: PreviewProcess) -> None:
    """Tornado closes the connection before any handler sees the request; the preview goes on."""
    try:
        answer = request(running.port, "/en/" + "a" * 200_000)
    except ConnectionResetError:  # closed with the rest of the request unread
        answer = b""
    assert answer == b"", answer[:200]
    assert status_of(request(running.port, "/en/")) == 200


def test_allowed_hosts_are_this_computers_names_and_the_one_asked_for() -> None:
    allowed = allowed_hosts("192.168.1.5", 8000)
    assert {"localhost:8000", "127.0.0.1:8000", "[::1]:8000", "192.168.1.5:8000"} == allowed
    assert host_allowed("[::1]:8000", allowed, "192.168.1.5")
    assert not host_allowed("10.0.0.7:8000", allowed, "192.168.1.5")
    assert "[fe80::1]:80" in allowed_hosts("fe80::1", 80) and "localhost" in allowed_hosts("::1", 80)


def test_listening_on_every_address_accepts_any_address_but_no_other_name() -> None:
    allowed = allowed_hosts("0.0.0.0", 8000)
    assert host_allowed("192.168.1.5:8000", allowed, "0.0.0.0")
    assert host_allowed("[fe80::1]:8000", allowed, "0.0.0.0")
    assert not host_allowed("192.168.1.5:8001", allowed, "0.0.0.0")
    assert not host_allowed("attacker.example:8000", allowed, "0.0.0.0")


def upgrade(port: int, origin: str | None) -> tuple[socket.socket, bytes]:
    """A websocket handshake on /livereload from a page of ``origin``; the socket and the answer's head."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=5)
    key = base64.b64encode(os.urandom(16)).decode()
    origin_line = f"Origin: {origin}\r\n" if origin else ""
    connection.sendall((f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                        f"{origin_line}\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = connection.recv(4096)
        if not chunk:
            break
        head += chunk
    return connection, head


@pytest.mark.parametrize("origin", ["http://attacker.example", "http://attacker.example:{port}", "null",
                                    "http://localhost.attacker.example:{port}"])
def test_the_reload_socket_refuses_pages_of_another_origin(running: PreviewProcess, origin: str) -> None:
    connection, head = upgrade(running.port, origin.format(port=running.port))
    connection.close()
    assert status_of(head) == 403, head


def test_the_reload_socket_accepts_the_previews_own_pages(running: PreviewProcess) -> None:
    connection, head = upgrade(running.port, f"http://127.0.0.1:{running.port}")
    connection.close()
    assert status_of(head) == 101, head


def frame(payload: bytes, opcode: int = 1) -> bytes:
    """One masked client frame (RFC 6455) carrying ``payload``."""
    mask = os.urandom(4)
    size = len(payload)
    length = struct.pack("!B", 0x80 | size) if size < 126 else struct.pack("!BH", 0x80 | 126, size)
    return bytes([0x80 | opcode]) + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


GARBAGE = [b"not json", b"[1, 2]", b"42", b'"hello"', b'{"command": ["hello"]}', b"\xff\xfe",
           b'{"command": "info", "url": "http://["}', b'{"command": "info", "url": 7}', b"{" * 5000]


def test_garbage_on_the_reload_socket_is_ignored(running: PreviewProcess) -> None:
    connection, head = upgrade(running.port, f"http://127.0.0.1:{running.port}")
    try:
        assert status_of(head) == 101
        for payload in GARBAGE:
            connection.sendall(frame(payload, opcode=2 if payload.startswith(b"\xff") else 1))
        connection.sendall(frame(json.dumps({"command": "hello", "protocols": []}).encode()))
        answer = connection.recv(4096)
    finally:
        connection.close()
    assert b'"serverName": "microsite"' in answer  # still talking, after all that
    no_traceback(running)


# --- headers ----------------------------------------------------------------------------------------------------


def has_the_previews_headers(answer: bytes) -> bool:
    """Whether an answer carries the site's own headers (as its host sends them: its Content-Security-Policy
    too) and refuses framing elsewhere."""
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    policy = b"content-security-policy: " + HEADER_POLICY.lower().encode()
    return all(line in head.split(b"\r\n") for line in (b"x-content-type-options: nosniff",
                                                        b"referrer-policy: strict-origin-when-cross-origin",
                                                        b"x-frame-options: sameorigin", policy))


@pytest.mark.parametrize("path, host, status", [
    ("/en/", None, 200), ("/static/style.css", None, 200), ("/livereload.js", None, 200), ("/nope/", None, 404),
    ("/en", None, 302), ("/_headers", None, 404), ("/en/", "attacker.example", 421)])
def test_every_answer_has_the_sites_headers_and_refuses_framing(running: PreviewProcess, path: str,
                                                                 host: str | None, status: int) -> None:
    answer = request(running.port, path, host)
    assert status_of(answer) == status and has_the_previews_headers(answer), answer[:600]


def test_a_refused_reload_socket_and_the_error_page_have_the_headers_too(running: PreviewProcess,
                                                                         tmp_path: Path) -> None:
    connection, head = upgrade(running.port, "http://attacker.example")
    connection.close()
    assert status_of(head) == 403 and has_the_previews_headers(head)
    preview = served_folder(tmp_path)
    preview.error = "content/pages/index.en.md:1:1: a mistake"
    with served_here(preview) as port:
        answer = request(port, "/")
    assert status_of(answer) == 500 and has_the_previews_headers(answer)


def test_the_hosts_headers_file_is_built_but_not_served(running: PreviewProcess) -> None:
    assert (running.out / "_headers").is_file()
    answer = request(running.port, "/_headers")
    assert status_of(answer) == 404 and b"Cache-Control: public" not in answer


# --- paths ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/" + "a" * 256, "/en/" + "b" * 300 + "/", "/" + "%41" * 400,
                                  "/" + "/".join(["c" * 200] * 30), "/" + "d" * 5000 + ".html"])
def test_a_name_too_long_for_the_file_system_is_not_found(running: PreviewProcess, path: str) -> None:
    """An ``<img>`` on any page can ask for it: a 404, not a 500 and a traceback."""
    answer = request(running.port, path)
    assert status_of(answer) == 404
    no_traceback(running)


@pytest.mark.parametrize("name", sorted(NEVER_SERVED))
@pytest.mark.parametrize("form", ["/{}", "/%2E{}", "/./{}", "/en/../{}"])
def test_the_builds_marker_files_are_never_served(running: PreviewProcess, name: str, form: str) -> None:
    assert (running.out / name).is_file()
    answer = request(running.port, form.format(name if form != "/%2E{}" else name[1:]))
    assert status_of(answer) == 404 and (running.out / name).read_bytes() not in answer


@pytest.mark.parametrize("path", ["/en%2Fstatistics/", "/en%2fstatistics%2findex.html", "/en%2F", "/static%2Fstyle.css"])
def test_an_encoded_slash_is_part_of_a_name_not_a_separator(running: PreviewProcess, path: str) -> None:
    assert status_of(request(running.port, path)) == 404


def test_resolve_request_keeps_an_encoded_slash_in_its_segment(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text("en", encoding="utf-8")
    assert resolve_request(tmp_path, "/en/index.html")[0] == "file"
    assert resolve_request(tmp_path, "/en%2Findex.html") == ("missing", None)


def test_a_folder_swapped_for_a_link_after_the_check_leads_nowhere(tmp_path: Path) -> None:
    """The request is resolved, then (before the open) a folder of the site becomes a link to outside."""
    out = tmp_path / "site"
    (out / "en").mkdir(parents=True)
    (out / "en" / "page.html").write_text("inside", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "page.html").write_text("secret", encoding="utf-8")
    kind, file = resolve_request(out, "/en/page.html")
    assert kind == "file" and read_inside(out, file) == b"inside"
    (out / "en").rename(tmp_path / "old")
    (out / "en").symlink_to(tmp_path / "secret", target_is_directory=True)
    assert read_inside(out, file) is None


def test_a_file_swapped_for_a_link_or_a_fifo_after_the_check_leads_nowhere(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "page.html").write_text("inside", encoding="utf-8")
    (tmp_path / "secret.html").write_text("secret", encoding="utf-8")
    kind, file = resolve_request(out, "/page.html")
    (out / "page.html").unlink()
    (out / "page.html").symlink_to(tmp_path / "secret.html")
    assert read_inside(out, file) is None
    (out / "page.html").unlink()
    os.mkfifo(out / "page.html")
    assert read_inside(out, file) is None  # and it did not wait for a writer


# --- slow and stalling clients ----------------------------------------------------------------------------------


def answers(server: PreviewProcess) -> bool:
    try:
        return server.get("/en/").status == 200
    except OSError:  # still closing the connections it was holding
        return False


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def test_the_connection_limits_leave_the_builds_their_files() -> None:
    assert connection_limits(1024).connections == 1024 - BUILD_FILES - REFUSALS
    assert connection_limits(1024).reload_sockets == (1024 - BUILD_FILES - REFUSALS) // 2
    assert connection_limits(1_000_000).connections == MOST_CONNECTIONS
    assert connection_limits(100).connections == 16  # a few, however few files it may open


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_clients_holding_requests_open_cannot_exhaust_the_servers_files(limited: PreviewProcess) -> None:
    """Slowloris: 2 x the limit of half-sent requests; the server keeps its files; a whole request past the limit
    is told the preview is busy; no traceback."""
    limits = connection_limits(OPEN_FILES)
    before = open_files(limited.process.pid)
    held = []
    try:
        for _ in range(limits.connections):
            held.append(socket.create_connection(("127.0.0.1", limited.port), timeout=5))
            held[-1].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        answer = request(limited.port, "/en/")
        assert status_of(answer) == 503 and b"Retry-After: 1" in answer, answer[:300]
        assert has_the_previews_headers(answer)
        for _ in range(limits.connections):
            held.append(socket.create_connection(("127.0.0.1", limited.port), timeout=5))
            held[-1].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        time.sleep(0.5)
        assert open_files(limited.process.pid) <= before + limits.connections + REFUSALS + 8
    finally:
        for connection in held:
            connection.close()
    poll(lambda: answers(limited), 5, what="the preview to answer again")
    no_traceback(limited)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files in /proc")
def test_idle_reload_sockets_cannot_take_the_files_the_builds_need(limited: PreviewProcess) -> None:
    """More reload sockets than the server may open files, held open and idle: those past the limit are told the
    preview is busy, pages are still served, a save is built and shown, and the terminal reports no failure."""
    limits = connection_limits(OPEN_FILES)
    held, statuses = [], []
    try:
        for _ in range(OPEN_FILES + 50):
            connection, head = upgrade(limited.port, f"http://127.0.0.1:{limited.port}")
            held.append(connection)
            statuses.append(status_of(head) if head else 0)
        assert set(statuses) <= {101, 503} and statuses.count(101) == limits.reload_sockets, sorted(set(statuses))
        assert open_files(limited.process.pid) < OPEN_FILES - BUILD_FILES // 2
        assert limited.get("/en/").status == 200
        page = limited.root / "content" / "pages" / "index.en.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence saved among idle sockets.\n",
                        encoding="utf-8")
        poll(lambda: b"saved among idle sockets" in limited.get("/en/").body, 10,
             what=lambda: f"the save built and served:\n{limited.output}")
    finally:
        for connection in held:
            connection.close()
    assert limited.get("/en/").status == 200
    assert "Too many open files" not in limited.output and "build failed" not in limited.output, limited.output
    no_traceback(limited)


@pytest.mark.slow
def test_a_request_whose_headers_never_end_is_closed(running: PreviewProcess) -> None:
    from microsite.serve import HEADER_SECONDS

    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", running.port), timeout=HEADER_SECONDS + 5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        assert receive_until_closed(connection, HEADER_SECONDS + 5) == b""
    assert time.monotonic() - started < HEADER_SECONDS + 3


@contextmanager
def served_here(preview, limits=None) -> Iterator[int]:  # noqa: ANN001 (a Preview, ConnectionLimits)
    """The preview's server (application and bounded server) running in a thread of this process; its port."""
    import microsite.serve as serve_module
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    loop_ready, loops = threading.Event(), []

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        app, _ = serve_module.make_app(preview, port, limits=limits)
        server = serve_module.bounded_server(HTTPServer, app, limits)
        server.listen(port, address="127.0.0.1")
        loops.append(IOLoop.current())
        loop_ready.set()
        IOLoop.current().start()
        server.stop()
        IOLoop.current().close(all_fds=True)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    loop_ready.wait(5)
    try:
        yield port
    finally:
        loops[0].add_callback(loops[0].stop)
        thread.join(5)


def served_folder(tmp_path: Path):  # noqa: ANN201 (a Preview)
    """A preview showing a folder of a few files, as if built."""
    import microsite.serve as serve_module

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>home</p>", encoding="utf-8")
    preview = serve_module.Preview(tmp_path, out, "http://127.0.0.1/")
    preview.result = type("Result", (), {"site": None})()
    preview.idle.set()
    return preview


def test_the_review_page_is_rendered_while_other_requests_are_answered(tmp_path: Path, monkeypatch) -> None:
    """A slow ``/_review/`` (here: made to take a second) must not hold up the pages."""
    import microsite.serve as serve_module

    def slow_review(site) -> bytes:
        time.sleep(1.0)
        return b"<p>review</p>"

    monkeypatch.setattr(serve_module, "render_review", slow_review)
    with served_here(served_folder(tmp_path)) as port:
        review = threading.Thread(target=request, args=(port, "/_review/"))
        review.start()
        time.sleep(0.2)  # the review is being rendered
        started = time.monotonic()
        assert b"home" in request(port, "/")
        assert time.monotonic() - started < 0.5
        review.join(5)


def test_a_reload_socket_whose_browser_does_not_answer_pings_is_closed(tmp_path: Path, monkeypatch) -> None:
    """A browser answers the server's pings by itself; a client holding the socket open and idle does not."""
    import microsite.serve as serve_module

    monkeypatch.setattr(serve_module, "PING_SECONDS", 0.2)
    with served_here(served_folder(tmp_path)) as port:
        connection, head = upgrade(port, None)
        with connection:
            assert status_of(head) == 101
            connection.settimeout(10)
            started = time.monotonic()
            while connection.recv(4096):  # the pings, a closing frame, then (tornado waits 5 s for its answer) the end
                pass
            assert time.monotonic() - started < 0.2 + 0.2 + 5 + 2


def test_a_client_that_sends_requests_and_reads_no_answer_loses_its_connection(tmp_path: Path, monkeypatch) -> None:
    """A hundred requests for a large page sent at once, and nothing read: once an answer has waited
    ``WRITE_SECONDS`` (here 0.5 s) for the client to take it, the connection is closed."""
    import microsite.serve as serve_module

    monkeypatch.setattr(serve_module, "WRITE_SECONDS", 0.5, raising=False)  # (the old code had none)
    preview = served_folder(tmp_path)
    page = b"<p>" + b"x" * 200_000 + b"</p>"
    (preview.out / "large.html").write_bytes(page)
    with served_here(preview) as port, socket.socket() as connection:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # the answers fill the buffers at once
        connection.connect(("127.0.0.1", port))
        connection.sendall(f"GET /large.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode() * 100)
        time.sleep(1.5)
        connection.settimeout(5)
        received, ended = 0, False
        try:
            while chunk := connection.recv(1 << 20):
                received += len(chunk)
            ended = True
        except ConnectionResetError:
            ended = True
        except TimeoutError:  # all answered: the server still waits for another request
            pass
    assert ended and received < 100 * len(page), received
