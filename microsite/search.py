"""Full-text search: a Pagefind index of the written pages, made at build time into the output.

Pagefind's extended build reads each page's ``lang`` and keeps one index per
language, segmenting Chinese into words (a reader types 商会 without spaces).
Only what a page marks with ``data-pagefind-body`` (its ``<main>``) is
indexed, so menus and footers do not match every query; the search and 404
pages mark nothing. The index is a set of static files under ``pagefind/``
that the search page's script loads from the site itself: no other host.

It runs on the staging folder once every page is there (see ``write``), and
only when the site has a search page (a page with ``template: search``).
The live preview builds without it, and has the pages it serves indexed when
a browser first asks for the index after a rebuild (see ``serve``).

Pagefind runs as a service (``pagefind --service``: requests and replies on
its standard input and output), not once per build: loading its Chinese
segmentation takes 0.15 s, most of what indexing a small site costs, and a
build that keeps the service (the preview) pays it once. A build that starts
one has it load the segmentation on another core while pages render
(:meth:`Pagefind.warm`). The pages are sent to it one by one, in sorted order,
never as a folder to walk: the index's bytes do not depend on the order the
file system lists the pages in (see :func:`_pages`). Its bundle is the one its
command line makes of the same pages in a folder listed in that order (a test
compares them).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import read_config
from .cores import wait_readable
from .errors import ErrorList
from .known import KnownPage
from .load import RawContent
from .model import Site
from .patterns import compile_later
from .render import Output
from .write import OutputError

BUNDLE = "pagefind"  # the index's folder in the output, read by static/search.js
ENTRY = "pagefind-entry.json"  # the bundle's table of contents: its languages and their index files
# Pagefind's own search interfaces: the search page has its own (static/search.js), so they are not published.
_UNUSED = compile_later(r"pagefind-(?:component-ui|modular-ui|ui|highlight)\.")
TIMEOUT = 600  # seconds; 10,000 pages take well under a minute


class SearchIndexError(OutputError):
    """Pagefind is missing or failed: the build stops, and the live site is left as it was."""


TEMPLATE = "search"  # the template of a search page: a site with one gets an index


def wanted(site: Site, others: Iterable[KnownPage] = ()) -> bool:
    """Whether ``site`` has a search page, and so needs an index (``others``: pages it does not hold, see
    ``known``)."""
    return any(page.template == TEMPLATE for page in (*site.pages, *others))


def languages_wanted(raw: RawContent) -> list[str]:
    """The languages (``lang`` tags) of a site whose pages, as read, include a search page; none when they do not
    or its settings cannot be read. Asked before the site is checked, so that Pagefind loads its word lists
    (0.15 s for Chinese) meanwhile, on another core: :func:`wanted` decides, once the site is checked."""
    if not any(isinstance(page.front, dict) and page.front.get("template") == TEMPLATE for page in raw.pages):
        return []
    config = read_config(raw.site, ErrorList())  # its mistakes are reported where the site is checked
    return [language.tag for language in config.languages] if config is not None else []


class Pagefind:
    """Pagefind's indexer, started when first asked for and kept running until :meth:`close`.

    One build's process talks to it at a time. A reply that does not come,
    or a service that stopped, is a :class:`SearchIndexError`, and the next
    request starts a new one. If this process ends without closing it, the
    service sees its input close and ends too.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._sent = 0  # the last message's number
        self._replies: dict[int, dict] = {}  # replies read but not yet asked for, by message number
        self._unasked: set[int] = set()  # messages whose replies nobody waits for: dropped when read
        self._unread: list[bytes] = []  # the start of a reply not read whole yet
        self._warmed: set[str] = set()  # the languages this service has indexed a page of

    def warm(self, languages: Iterable[str]) -> None:
        """Have the service load what it needs for ``languages`` (``lang`` tags) now, while this process goes on.

        It indexes a page of a word in each language it has not seen, in an
        index then deleted; nothing waits for that to finish. A failure here is
        left for :meth:`index` to report.
        """
        running = self._process is not None and self._process.poll() is None
        new = sorted(set(languages) - self._warmed if running else set(languages))
        if not new:
            return
        try:
            scratch = _field(self._request({"type": "NewIndex", "config": None}), "index_id", int)
            for number, tag in enumerate(new):
                self._unasked.add(self._send({
                    "type": "AddFile", "index_id": scratch, "file_path": f"warm-{number}.html", "url": None,
                    "file_contents": f'<html lang="{tag}"><body><main data-pagefind-body>商会 chamber</main></body></html>'}))
            self._unasked.add(self._send({"type": "DeleteIndex", "index_id": scratch}))
        except SearchIndexError:
            self.close()
            return
        self._warmed.update(new)

    def index(self, folder: Path) -> list[Output]:
        """The Pagefind bundle of the HTML pages in ``folder``, as files to add under ``pagefind/``."""
        try:
            index_id = _field(self._request({"type": "NewIndex", "config": None}), "index_id", int)
            # Every page is sent before the first reply is read: the service reads its input on a thread of its
            # own and queues its replies, so neither side waits for the other.
            added = [self._send({"type": "AddFile", "index_id": index_id, "file_path": path, "url": None,
                                 "file_contents": content}) for path, content in _pages(folder)]
            for number in added:
                self._reply(number)
            files = _field(self._request({"type": "GetFiles", "index_id": index_id}), "files", list)
            self._unasked.add(self._send({"type": "DeleteIndex", "index_id": index_id}))
            bundle = sorted((_field(file, "path", str).replace(os.sep, "/"),
                             base64.b64decode(_field(file, "content", str), validate=True)) for file in files)
        except BaseException as exc:  # stopped part way (a failure, Ctrl-C): the next index starts from a new service
            self.close()
            if isinstance(exc, ValueError):  # not base64
                raise SearchIndexError(f"the search index could not be made: pagefind answered {exc}") from None
            raise
        return [Output(f"{BUNDLE}/{path}", _same_every_time(path, content))
                for path, content in bundle if not _UNUSED.match(path.rpartition("/")[2])]

    def close(self) -> None:
        """End the service (a later request starts another)."""
        process, self._process = self._process, None
        self._sent, self._replies, self._unasked, self._unread, self._warmed = 0, {}, set(), [], set()
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()  # the service ends when its input does
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    def _request(self, payload: dict) -> dict:
        """Send ``payload`` and wait for its reply."""
        return self._reply(self._send(payload))

    def _send(self, payload: dict) -> int:
        """Send ``payload`` (its reply is read later); its message number."""
        process = self._started()
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}, ensure_ascii=False)
        try:
            process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")  # each message ends at a comma
            process.stdin.flush()
        except OSError as exc:
            self.close()
            raise SearchIndexError(f"the search index could not be made: pagefind stopped ({exc})") from None
        return self._sent

    def _reply(self, number: int) -> dict:
        """The reply to message ``number`` (replies to others read meanwhile are kept); an error reply raises."""
        deadline = time.monotonic() + TIMEOUT
        while number not in self._replies:
            self._read_more(deadline)
        reply = self._replies.pop(number)
        if not isinstance(reply, dict) or reply.get("type") == "Error":
            message = reply.get("message") if isinstance(reply, dict) else reply
            raise SearchIndexError(f"the search index could not be made (pagefind failed): {message}")
        return reply

    def _read_more(self, deadline: float) -> None:
        """Read what the service has written; keep each whole reply by its message number."""
        process = self._process
        if process is None:
            raise SearchIndexError("the search index could not be made: pagefind stopped")
        descriptor = process.stdout.fileno()
        if os.name == "nt":  # no select() on pipes there: wait as long as it takes
            ready = [descriptor]
        else:
            ready = wait_readable([descriptor], max(0.0, deadline - time.monotonic()))
        chunk = os.read(descriptor, 1 << 20) if ready else b""
        if not chunk:
            self.close()
            raise SearchIndexError("the search index could not be made: pagefind " +
                                   ("stopped" if ready else f"did not answer within {TIMEOUT} s"))
        first, *rest = chunk.split(b",")  # a reply ends at a comma (base64 has none)
        self._unread.append(first)
        for start in rest:
            self._keep(b"".join(self._unread))
            self._unread = [start]

    def _keep(self, message: bytes) -> None:
        """Keep the reply ``message`` by its message number (or drop it if nobody asked)."""
        try:
            reply = json.loads(base64.b64decode(message, validate=True))
            number = int(reply["message_id"])
            payload = reply["payload"]
        except (ValueError, TypeError, KeyError) as exc:
            self.close()
            raise SearchIndexError(f"the search index could not be made: pagefind answered {message[:80]!r} "
                                   f"({exc})") from None
        if number in self._unasked:
            self._unasked.discard(number)
        else:
            self._replies[number] = payload

    def _started(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self.close()
            try:
                self._process = subprocess.Popen([str(_executable()), "--service"], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError as exc:
                raise SearchIndexError(f"the search index could not be made: {exc}") from None
        return self._process


def _field(reply: object, name: str, kind: type):
    """``reply[name]``, which must be a ``kind``: else Pagefind answered what this code does not know."""
    value = reply.get(name) if isinstance(reply, dict) else None
    if not isinstance(value, kind):
        raise SearchIndexError(f"the search index could not be made: pagefind answered without {name!r} "
                               f"({str(reply)[:80]})")
    return value


def _pages(folder: Path) -> Iterator[tuple[str, str]]:
    """The HTML pages in ``folder`` (what Pagefind's own walk indexes: every ``*.html``), each path relative to it
    and the page's text, in one order: each folder's names sorted, a folder's pages where its name falls.

    Pagefind numbers the pages in the order it is given them, and those numbers are in its index's files: given
    the folder (``AddDir``), it walks it in the order the file system lists it, which on some file systems (tmpfs)
    is the order the files were made in, so a site built by reusing an earlier one got another index than the
    same site built afresh. The order is that of a walk of folders listed in sorted order: the index is the one
    Pagefind's command line makes of such a folder.
    """
    found = []
    for directory, folders, files in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    for path in sorted(found, key=lambda path: path.split("/")):
        # Pagefind reads a page as UTF-8, a bad byte as U+FFFD, as this does
        yield path, (folder / path).read_bytes().decode("utf-8", errors="replace")


def _same_every_time(path: str, content: bytes) -> bytes:
    """A file of the bundle; the entry file's languages in one order (Pagefind writes them in any order),
    so that two builds of the same content are byte-identical."""
    if path != ENTRY:
        return content
    return json.dumps(json.loads(content), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _executable() -> Path:
    """The extended Pagefind binary (it segments Chinese) that pip installs with ``pagefind[extended]``."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError("the site has a search page, but Pagefind is not installed: "
                               "pip install 'pagefind[extended]' (build.py installs it into .venv)") from None
    return Path(get_executable())
