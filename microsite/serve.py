"""The live preview: build, serve like a static host, rebuild on every save, reload the browser.

* A watcher thread polls ``content/``, ``templates/`` and ``static/`` and,
  once a burst of saves has settled, calls the same :func:`~microsite.pipeline.build`
  as the command line. The server itself knows nothing of the build.
* Pages are served as a static host would (``dir/`` -> ``dir/index.html``,
  UTF-8 content types, the site's 404 page with status 404, nothing outside
  the site folder). HTML responses get the LiveReload client (the one
  bundled with the ``livereload`` package) injected on the way out; the
  files in the output folder never contain it.
* After a rebuild every open page is told to reload: a stylesheet-only
  change swaps the CSS in place, and a content edit takes the browser to
  the page the edited file produces. A failed build is shown in the browser
  in place of the page, with the located messages, until a good save.
* Clients cannot take what the builds need: the connections open at once are
  bounded by the process's limit on open files, reload sockets included, and
  a connection that sends nothing, reads nothing or answers no ping is closed.
"""

from __future__ import annotations

import errno
import gc
import json
import logging
import mimetypes
import os
import stat
import posixpath
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from ipaddress import ip_address
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from . import search
from .assets import EVERY_ANSWER, HEADERS_FILE
from .conventions import is_leftover, key_and_language
from .errors import ContentErrors
from .fsevents import LONGEST_BURST, FileEvents
from .memo import digest_of
from .model import DEFAULT_TIMEOUT, BuildOptions
from .cache import BuildCache
from .pipeline import CACHE_FOLDER, BuildResult, build, completed
from .review import REVIEW_PATH, render_review
from .write import MANIFEST, MARKER, OutputError, check_output_folder, prepare_spare

WATCHED = ("content", "templates", "static")
POLL_SECONDS = 0.05  # how often the watcher looks at the files
QUIET_SECONDS = 0.06  # how long a burst of saves must be over before a rebuild
SCAN_SHARE = 3.0  # the pause between two scans, at least, in multiples of the time a scan takes
RACY_SECONDS = 3.0  # a file saved this lately may be saved again with the same time stamp: compare contents
MAX_TOLD = 64  # files and folders told of (see ``fsevents``) looked at one by one; for more, a whole scan is quicker
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript", "image/svg+xml",
              "application/atom+xml")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # listening on every address: any address literal may be asked for
NEVER_SERVED = frozenset({MARKER, MANIFEST, HEADERS_FILE})  # the build's bookkeeping and the host's settings
# Sent with every answer: the site's own (what its host sends, see ``assets.headers_file``), and no framing by
# another site's page, which could lead a reader to click in the preview unawares.
PREVIEW_HEADERS = EVERY_ANSWER + (("X-Frame-Options", "SAMEORIGIN"),)
# Bounds against clients that hold connections open (slowloris, or a thousand idle reload sockets): a request's
# headers must arrive within HEADER_SECONDS, and its answer be taken within WRITE_SECONDS; the connections open at
# once, pages' and reload sockets' alike, are bounded by the process's limit on open files (see
# ``connection_limits``), so that the builds always have files left; and a reload socket whose browser no longer
# answers pings is closed.
HEADER_SECONDS = 10.0
WRITE_SECONDS = 30.0  # an answer not taken by then (its client sends requests, reads none) ends the connection
BUILD_FILES = 128  # open files left to the builds and the watcher (the store's, a pipe to each worker, inotify)
REFUSALS = 32  # connections past the bound answered "503 busy" at once; past these too, closed unanswered
REFUSAL_SECONDS = 2.0  # how long a refused connection may take to send its request
MOST_CONNECTIONS = 1024  # however many files the process may open: a preview has a few readers
PING_SECONDS = 20.0  # a reload socket is pinged this often, and closed when no answer comes within as long again
MAX_MESSAGE_BYTES = 64 * 1024  # a LiveReload client's messages are a few hundred bytes
# A request's address and head past these are answered 414 and 431. Tornado closes a connection whose head is
# longer than it reads (HEAD_BYTES_READ) unanswered, before any handler sees it: it reads some more than the
# bounds, so that the usual mistakes (an address pasted twice, a cookie grown large) are told what is wrong.
MAX_URL_BYTES = 16 * 1024
MAX_HEADER_BYTES = 64 * 1024
HEAD_BYTES_READ = 2 * MAX_HEADER_BYTES
# The plugin that takes the browser to the page an edit produces; served in front of the LiveReload client, in
# its file, since the site's Content-Security-Policy (which the preview keeps) runs no script written into a page.
RELOAD_PLUGIN = """window.LiveReloadPluginNavigate = (function () {
  function Navigate(window) { this.window = window; }
  Navigate.identifier = "navigate";
  Navigate.version = "1.0";
  Navigate.prototype.reload = function (path) {
    var here = this.window.location.pathname;
    if (path && path.charAt(0) === "/" && /(\\/|\\.html)$/.test(path) && path !== here) {
      this.window.location.href = path;
      return true;
    }
    return false;
  };
  return Navigate;
})();
"""
RELOAD_CLIENT = '<script src="/livereload.js?port=%d"></script>\n'


# --- state -----------------------------------------------------------------


@dataclass
class Preview:
    """What the server shows: the output folder and the outcome of the last build.

    Written by the watcher thread, read by request handlers; ``lock`` guards
    the outcome, ``idle`` is set whenever no build is running. ``writing`` is
    held by a build and while the search index is made from the output folder.

    The search index is not made by each rebuild: Pagefind indexes every page
    again (2.9 s at 2,000 pages), and most saves are not followed by a search.
    It is made when a browser first asks for one of its files after a
    rebuild, from the pages then served, and kept until the next rebuild
    (:meth:`search_bundle`).
    """

    root: Path
    out: Path
    base_url: str
    error: str = ""
    result: BuildResult | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    idle: threading.Event = field(default_factory=threading.Event)
    cache: BuildCache | None = None  # kept in memory between rebuilds: only what changed is compiled again
    options: BuildOptions | None = None  # read once, when the preview starts (static files keep their names)
    warned: tuple[str, ...] = ()  # the warnings last printed in the terminal: printed again only when they change
    writing: threading.Lock = field(default_factory=threading.Lock)
    bundle: tuple[object, dict[str, bytes]] | None = None  # the search index and the site it was made for

    def search_bundle(self) -> dict[str, bytes] | None:
        """The search index's files by path (``pagefind/...``), made from the pages being served if they were
        not yet; None when the site has no search page (or no build has succeeded yet)."""
        with self.writing:
            with self.lock:
                site = self.result.site if self.result is not None else None
            if site is None or self.cache is None or not search.wanted(site):
                return None
            if self.bundle is None or self.bundle[0] is not site:
                self.bundle = (site, {output.path: output.content for output in self.cache.pagefind.index(self.out)})
            return self.bundle[1]

    def rebuild(self, trusted: Callable[[], bool] | None = None) -> bool | None:
        """Build into ``out``; remember the outcome. True when the build succeeded, False when it failed.

        Every failure is shown in the browser: the content's mistakes, an output
        folder that cannot be written (a disk full), and microsite's own
        mistakes (whose traceback is printed in the terminal too). A failure
        is shown only if ``trusted()`` says the inputs are still what the build
        read (see :meth:`Watcher.unchanged_since_build`); if not, what is shown
        stays as it was and the result is None: build again.
        """
        self.idle.clear()
        if self.cache is None:
            self.cache = BuildCache(self.root / CACHE_FOLDER, save=False)
        try:
            with self.writing:
                result = build(self.root, self.out, self.options or preview_options(self.base_url), cache=self.cache)
            if result.site is None and self.result is not None:  # nothing changed: the site is the one shown
                result = replace(result, site=self.result.site)
            elif result.partial and self.result is not None and self.result.site is not None:
                result = replace(result, site=completed(result.site, self.result.site), partial=False)
        except Exception as exc:  # noqa: BLE001 (every failure is shown where the editor looks: the browser)
            if trusted is not None and not trusted():
                return None
            if isinstance(exc, ContentErrors):
                error = exc.format(self.root)
            elif isinstance(exc, OutputError):
                error = f"error: {exc}"
            else:  # microsite's own mistake: its traceback in the terminal, for a report
                traceback.print_exc()
                error = (f"error: the build failed unexpectedly ({type(exc).__name__}: {exc}); this is a mistake "
                         "of microsite's, not of the content: the terminal shows where, for a bug report")
            with self.lock:
                self.error = error
            return False
        finally:
            self.idle.set()
        with self.lock:
            self.error, self.result = "", result
        return True


def preview_options(base_url: str, environ: Mapping[str, str] | None = None,
                    timeout: float | None = DEFAULT_TIMEOUT) -> BuildOptions:
    """How the preview builds: for its own address; static files under their own names, so a save changes no
    other file's links; the search index made when a browser asks for it (see :meth:`Preview.search_bundle`)."""
    return BuildOptions.from_environment(environ or {}, base_url, fingerprint=False, search_index=False,
                                         timeout=timeout)


def target_url(changed: list[Path], preview: Preview, here: str = "/") -> str:
    """The page a change produces, for a browser showing ``here``, so it can go there ("*" = reload in place).

    A page's Markdown leads to that page, a data file to the page showing it
    (in the language of ``here``: a data file feeds every language), a source
    to its page; a stylesheet alone is swapped in place. Only a file that is
    there leads anywhere: a folder made (``pages/x.md/``, which the build
    refuses) or removed, or a file removed, reloads the page in place.
    """
    changed = [path for path in changed if path.is_file()]
    static = preview.root / "static"
    if changed and all(path.suffix == ".css" and path.is_relative_to(static) for path in changed):
        return "/static/" + changed[0].relative_to(static).as_posix()
    result = preview.result
    if result is None or len(changed) != 1:
        return "*"
    path, config = changed[0], result.site.config
    content = preview.root / "content"
    if not path.is_relative_to(content):
        return "*"
    relative = path.relative_to(content).as_posix()
    key, lang = _key_and_language(relative, config.codes, config.default_language)
    if key is None:
        return "*"
    if lang is None:  # a data file: stay in the language being read
        first = here.removeprefix(config.base_path).split("/", 1)[0]
        lang = first if first in config.codes else config.default_language
    return config.href(key, lang)


_DATA_PAGES = {"data/statistics.yaml": "statistics", "data/timeline.yaml": "timeline", "data/glossary.yaml": "glossary"}


def _key_and_language(relative: str, codes: tuple[str, ...], default: str) -> tuple[str | None, str | None]:
    """The page key and language a content file produces; the language is None for a data file (every one)."""
    if relative in _DATA_PAGES:
        return _DATA_PAGES[relative], None
    if relative.startswith(("pages/", "sources/")) and relative.endswith(".md"):
        stem = relative[:-3]
        name, lang = key_and_language(stem)
        if name and lang in codes:
            stem = name
        elif stem.startswith("sources/"):
            lang = None  # the original article is shown on its page in every language
        else:
            lang = default
        return (stem[len("pages/"):] if stem.startswith("pages/") else stem), lang
    return None, default


# --- watching ----------------------------------------------------------------


# A folder's state in a snapshot: it is there, whatever it holds or when that changed. The build counts a folder by
# its name (``inputs.FOLDER``) and refuses an empty one named as a file it reads (``pages/x.md/``): making or
# removing one is a change, which a file saved in it (its time stamp changed) is not.
FOLDER_STATE = (0, -2, "")


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int, str]]:
    """Time stamp, size and (if changed lately) content digest of every file under ``folders``, by path; each
    folder under them (not they themselves) as :data:`FOLDER_STATE`.

    The time stamp is the later of the file's modification and change times:
    a copy that keeps an older modification time (``cp -p``, ``tar x``,
    ``rsync -t``, ``touch -d``) still changes the other, which no program can
    set. A time stamp is coarse (a whole second or two on some file systems),
    so two saves of one size in quick succession may leave the same one: a
    file changed within ``RACY_SECONDS`` is also told by its content. A
    symbolic link is looked at as the build reads it: as the file it leads to,
    and as itself (made, removed or led elsewhere).

    A file or folder removed while it is looked at is left out. Any other
    failure to read one (no open files left, say) raises OSError: leaving it
    out would take it for deleted, and the preview would build without it.
    """
    state: dict[str, tuple[int, int, str]] = {}
    now = time.time_ns()
    for folder in folders:
        stack = [str(folder)]
        while stack:
            try:
                entries = list(_scan(stack.pop()))
            except OSError as error:
                _raise_unless_gone(error)
                continue
            for entry in entries:
                if _ignored(entry.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    state[entry.path] = FOLDER_STATE
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    _note_file(state, entry, now)
                elif entry.is_symlink():
                    state[entry.path] = _link_state(entry.path, now)
    return state


def _note_file(state: dict[str, tuple[int, int, str]], entry: os.DirEntry, now: int) -> None:
    """Put a scanned file's state in ``state``, unless it was removed since its folder was read."""
    try:
        state[entry.path] = _file_state(entry.path, entry.stat(follow_symlinks=False), now)
    except OSError as error:
        _raise_unless_gone(error)


def _raise_unless_gone(error: OSError) -> None:
    """Raise ``error`` unless it says the file or folder is no longer there (removed, or its folder replaced by a
    file): one that cannot be read for another reason is not to be taken for deleted."""
    if error.errno not in (errno.ENOENT, errno.ENOTDIR):
        raise error


def _file_state(path: str, info: os.stat_result, now: int, since: int = 0) -> tuple[int, int, str]:
    stamp = max(info.st_mtime_ns, info.st_ctime_ns, since)
    racy = now - stamp < RACY_SECONDS * 1e9
    return stamp, info.st_size, _content_digest(path) if racy else ""


def _link_state(path: str, now: int) -> tuple[int, int, str]:
    """A symbolic link's state: its file's, stamped no earlier than the link itself; a link to a folder, or to
    nothing, by itself alone (the build refuses both, once the watcher tells of them)."""
    try:
        link = os.lstat(path)
    except OSError as error:
        _raise_unless_gone(error)
        return 0, -1, ""  # gone as it was looked at
    made = max(link.st_mtime_ns, link.st_ctime_ns)
    try:
        target = os.stat(path)
    except OSError:
        return made, -1, ""  # it leads nowhere
    if not stat.S_ISREG(target.st_mode):
        return made, -1, ""
    return _file_state(path, target, now, since=made)


def rescanned(state: dict[str, tuple[int, int, str]], paths: list[str],
              watched: list[Path]) -> dict[str, tuple[int, int, str]]:
    """``state`` with ``paths`` (files, or folders with all under them) looked at again, the rest as it was:
    what :func:`snapshot` of ``watched`` would find, had nothing else changed.

    For a save the system told of (see ``fsevents``): at 10,000 files, looking
    at the page saved takes a tenth of a millisecond, scanning all 70 ms.
    What a whole snapshot leaves out (an editor's or the system's leftover: see :func:`_ignored`) is left out.
    """
    tops = [str(top) for top in watched]
    wanted = {path for path in paths if _in_snapshot(path, tops)}
    wanted = {path for path in wanted if not any(path.startswith(other + os.sep) for other in wanted)}
    under = tuple(path + os.sep for path in wanted)
    kept = {path: info for path, info in state.items() if path not in wanted and not path.startswith(under)}
    folders, now = [], time.time_ns()
    for path in sorted(wanted):
        try:
            info = os.lstat(path)
        except OSError as error:
            _raise_unless_gone(error)
            continue  # gone, and with it all that was under it
        kept.update(_folders_above(path, tops))
        if stat.S_ISDIR(info.st_mode):
            folders.append(Path(path))
            if path not in tops:  # (a snapshot holds the folders under the watched ones)
                kept[path] = FOLDER_STATE
        elif stat.S_ISREG(info.st_mode):
            kept[path] = _file_state(path, info, now)
        elif stat.S_ISLNK(info.st_mode):
            kept[path] = _link_state(path, now)
    kept.update(snapshot(folders))
    return kept


def _folders_above(path: str, tops: list[str]) -> dict[str, tuple[int, int, str]]:
    """The folders ``path`` is in, below the watched folder it is under: there, since it is."""
    top = next(top for top in tops if path == top or path.startswith(top + os.sep))
    parts = path[len(top) + 1:].split(os.sep)[:-1] if path != top else []
    return {os.path.join(top, *parts[:count]): FOLDER_STATE for count in range(1, len(parts) + 1)}


def _in_snapshot(path: str, tops: list[str]) -> bool:
    """Whether :func:`snapshot` of ``tops`` looks at ``path`` (one of them, or under one through no ignored name)."""
    for top in tops:
        if path == top:
            return True
        if path.startswith(top + os.sep):
            return not any(_ignored(name) for name in path[len(top) + 1:].split(os.sep))
    return False


def _ignored(name: str) -> bool:
    """Whether a file or folder is left out of snapshots: exactly those the build does not read, an editor's or the
    system's leftovers (``conventions.is_leftover``: swap and backup files, ``.DS_Store``, ``.git``). A hidden file
    the build reads (``static/.well-known/security.txt``, ``templates/.partial.html``) is watched."""
    return is_leftover(name)


def _scan(folder: str):
    with os.scandir(folder) as entries:
        yield from entries


def _content_digest(path: str) -> str:
    """The digest of a file's bytes; "" if it was removed meanwhile (any other failure to read it raises)."""
    try:
        with open(path, "rb") as handle:
            return digest_of(handle.read())
    except OSError as error:
        _raise_unless_gone(error)
        return ""


def changed_files(before: dict[str, tuple[int, int, str]], after: dict[str, tuple[int, int, str]]) -> list[Path]:
    """The files that changed between two snapshots, and the folders made or removed."""
    return [Path(path) for path in sorted(before.keys() | after.keys()) if _differs(path, before.get(path),
                                                                                     after.get(path))]


def _differs(path: str, old: tuple[int, int, str] | None, new: tuple[int, int, str] | None) -> bool:
    """Whether a file changed between two snapshots: by its content whenever a digest is at hand."""
    if old is None or new is None or old[1] != new[1]:
        return old != new
    if old[2] and new[2]:
        return old[2] != new[2]  # a time stamp changed alone (touched, or saved unchanged) is no change
    if old[0] != new[0]:
        return True
    return bool(old[2]) and old[2] != _content_digest(path)  # just out of the racy window: confirm once


def _touched(old: tuple[int, int, str] | None, new: tuple[int, int, str] | None) -> bool:
    """Whether a file was written between two snapshots, even with what it held before (unlike ``_differs``)."""
    if old is None or new is None:
        return old != new
    return old[:2] != new[:2] or bool(old[2] and new[2] and old[2] != new[2])


class Watcher(threading.Thread):
    """Polls the project's inputs; after a burst of changes has settled, calls ``on_change``.

    ``initial`` is the snapshot to compare the first poll with: taken before
    the first build, so that a save made while it runs is not missed. A
    large project takes long to scan (70 ms at 10,000 files here), so the
    pause between scans is at least ``SCAN_SHARE`` times the last scan's
    duration: the watcher never takes more than a quarter of a core. Where
    the system tells of changes (see ``fsevents``), a save ends the pause at
    once, and a burst of saves is over when none was told for ``quiet`` seconds.
    ``on_change`` may ask :meth:`unchanged_since_build` whether to trust a
    failed build; if not, the watcher builds again at once.

    Files that cannot be looked at (no open files left, say) are no change:
    the watcher says so once in the terminal, keeps watching, and looks at
    everything again after the pause.
    """

    def __init__(self, folders: list[Path], on_change, poll: float = POLL_SECONDS, quiet: float = QUIET_SECONDS,
                 initial: dict[str, tuple[int, int, str]] | None = None):
        super().__init__(name="microsite-watcher", daemon=True)
        self.folders, self.on_change, self.poll, self.quiet = folders, on_change, poll, quiet
        self.initial = initial
        self.stopping = threading.Event()
        self._read: dict[str, tuple[int, int, str]] = {}  # the snapshot the running build started from
        self._again: list[Path] = []  # files that changed while the last build read them: build again
        self._failing = ""  # why the files could not be looked at lately, said once; while set, every scan is whole

    def run(self) -> None:
        with FileEvents(self.folders) as events:
            self._watch(events)

    def _watch(self, events: FileEvents) -> None:
        state, pause = self.initial, self.poll
        while not self.stopping.is_set():
            try:
                state, pause = self._look(events, state, pause)
            except OSError as error:  # nothing is known to have changed: look again after the pause
                self._say_failing(error)
                self.stopping.wait(pause)
            else:
                self._failing = ""

    def _look(self, events: FileEvents, state: dict[str, tuple[int, int, str]] | None,
              pause: float) -> tuple[dict[str, tuple[int, int, str]], float]:
        """One round: wait for a change or the pause, look at the files, call ``on_change`` with those that changed.

        Returns the files' state and the next pause. Raises OSError when the
        files cannot be looked at, with nothing changed (``state`` is as it
        was, the builds still to make again are still to make).
        """
        if state is None:
            state = snapshot(self.folders)
        again = self._again
        told = None  # what the system told of changes to (see ``fsevents``); None: scan everything
        if again:
            pass  # the last build read files while they changed: no waiting
        elif not events.active:
            self.stopping.wait(pause)
        elif events.wait(pause):  # told at once that something changed (see ``fsevents``)
            events.settle(self.quiet)  # a burst of saves is one rebuild
            told = events.told()  # what: only that is looked at, unless it is not known
        if self.stopping.is_set():
            return state, pause
        if told is not None and len(told) <= MAX_TOLD and not again and not self._failing:
            current = rescanned(state, told, self.folders)
        else:
            started = time.perf_counter()
            current = snapshot(self.folders)
            pause = max(self.poll, SCAN_SHARE * (time.perf_counter() - started))
        changed = changed_files(state, current)
        if not changed and not again:
            return state, pause
        if not events.active:
            current = self._settled(current)
        changed = changed_files(state, current)  # a temporary file that came and went is no change
        changed = sorted(set(changed) | set(again))  # again: even saved back as it was, build once more
        self._again = []
        state = self._read = current
        if changed:
            self._call(changed)
        return state, pause

    def _call(self, changed: list[Path]) -> None:
        try:
            self.on_change(changed)
        except Exception:  # noqa: BLE001 (a bug, or a file gone mid-build, must not end the watching)
            traceback.print_exc()

    def _say_failing(self, error: OSError) -> None:
        """Say in the terminal why the files cannot be looked at, once for as long as that lasts."""
        if not self._failing:
            where = f" ({error.filename})" if error.filename else ""
            self._failing = f"{error.strerror or error}{where}"
            print(f"warning: the preview cannot look at the files it watches: {self._failing}; it keeps watching, "
                  "and looks again", file=sys.stderr, flush=True)

    def _settled(self, current: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
        """The files once a burst of saves is over: no change for ``quiet`` seconds, or ``LONGEST_BURST`` in all
        (by the clock, as ``FileEvents.settle`` waits where the system tells of changes)."""
        deadline = time.monotonic() + LONGEST_BURST
        while time.monotonic() < deadline and not self.stopping.wait(self.quiet):
            later = snapshot(self.folders)
            if later == current:
                break
            current = later
        return current

    def unchanged_since_build(self) -> bool:
        """Whether the watched files are, ``quiet`` seconds on, as the running build found them.

        For a build that failed: an editor that saves a file in place empties
        it before it writes it, and a build that read it in between failed for
        a mistake that is gone (on a busy machine the gap can last a tenth of a
        second). When a file changed, its failure is not to be shown: the
        watcher builds again at once, even if the file was saved back as it was.
        """
        self.stopping.wait(self.quiet)
        try:
            later = snapshot(self.folders)
        except OSError as error:  # not known: the failure is shown as it is, as before the watcher looked
            self._say_failing(error)
            return True
        self._again = [Path(path) for path in sorted(later.keys() | self._read.keys())
                       if _touched(self._read.get(path), later.get(path))]
        return not self._again

    def stop(self) -> None:
        self.stopping.set()


# --- serving -------------------------------------------------------------------


def resolve_request(out: Path, url_path: str) -> tuple[str, Path | None]:
    """What a static host serves for ``url_path``: ("file", path), ("redirect", None) or ("missing", None).

    Each segment of the raw path is decoded on its own, so an encoded slash
    (``%2F``) never becomes a separator. Encoded or plain ``..``, slashes or
    backslashes inside a segment, NUL, absolute paths, names too long for the
    file system and the build's marker files never leave ``out``.
    """
    parts = _segments(url_path)
    if parts is None:
        return "missing", None
    try:
        return _resolve(out, parts, url_path.endswith("/"))
    except (OSError, ValueError):  # a name too long for the file system, say: no such page
        return "missing", None


def _segments(url_path: str) -> list[str] | None:
    """The decoded segments of a raw URL path, or None when one could name something outside the site."""
    parts = [unquote(part) for part in url_path.split("/")]
    for part in parts:
        if part == ".." or part in NEVER_SERVED or any(char in part for char in "/\\\x00"):
            return None
    return [part for part in parts if part not in ("", ".")]


def _resolve(out: Path, parts: list[str], slash: bool) -> tuple[str, Path | None]:
    real = (out.joinpath(*parts) if parts else out).resolve()
    if not real.is_relative_to(out.resolve()):
        return "missing", None
    if real.is_dir():
        if not slash:
            return "redirect", None
        real = real / "index.html"
    return ("file", real) if real.is_file() else ("missing", None)


def read_inside(out: Path, file: Path) -> bytes | None:
    """The bytes of ``file`` (a resolved path inside ``out``), or None if it is no longer a regular file there.

    ``file`` was checked when the request was resolved; a folder swapped for a
    symbolic link since must not lead outside. Each component is opened
    relative to the one before without following links (``O_NOFOLLOW``), so a
    link met on the way fails the open instead of being followed.
    """
    try:
        parts = file.relative_to(out.resolve()).parts
    except ValueError:
        return None
    if not parts or os.open not in os.supports_dir_fd or not hasattr(os, "O_NOFOLLOW"):
        return _read_regular(os.open(file, os.O_RDONLY)) if parts else None
    try:
        folder = os.open(out.resolve(), os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a regular file)
        return _read_regular(os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder))
    except OSError:
        return None
    finally:
        os.close(folder)


def _read_regular(fd: int) -> bytes | None:
    """All of the open file ``fd`` if it is a regular file, else None; closes ``fd`` either way."""
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()


def allowed_hosts(host: str, port: int, own: str = "") -> frozenset[str]:
    """The ``Host`` headers the preview answers: this computer's names, ``host`` and the address its pages are
    built for (``own``, when ``host`` is a name: the address it stands for), with the port.

    A page on another site can point one of its own names at 127.0.0.1 (DNS
    rebinding) and then read the preview as if it were its own; its requests
    carry its name in ``Host``, so answering only the names the preview is
    served under shuts it out.
    """
    names = {"localhost", "127.0.0.1", "[::1]"} | {f"[{name}]" if ":" in name else name for name in (host, own)
                                                   if name}
    with_port = {f"{name}:{port}" for name in names}
    return frozenset(with_port | (names if port == 80 else set()))


def host_allowed(header: str, allowed: frozenset[str], host: str) -> bool:
    """Whether a request with this ``Host`` header is for the preview (see :func:`allowed_hosts`).

    Listening on every address (``--host 0.0.0.0``), any address literal is
    also accepted: a DNS rebinding request always carries a name, never an address.
    """
    header = header.lower()
    if header in allowed:
        return True
    if host not in WILDCARD_HOSTS:
        return False
    try:
        parts = urlsplit("//" + header)
        ip_address(parts.hostname or "")
        return f"localhost:{parts.port or 80}" in allowed
    except ValueError:
        return False


def content_type(path: Path) -> str:
    """The Content-Type header, with UTF-8 declared for every text format."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        kind = "application/javascript"
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


def inject_reload(html: bytes, port: int) -> bytes:
    """Add the live-reload client just before ``</body>`` (only in what is sent, never on disk)."""
    script = (RELOAD_CLIENT % port).encode("utf-8")
    marker = html.rfind(b"</body>")
    return html[:marker] + script + html[marker:] if marker >= 0 else html + script


def error_page(message: str) -> bytes:
    """The page shown in place of every page while the build is broken."""
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Build failed · microsite preview</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}"
        "pre{white-space:pre-wrap;background:#fff4f2;border-left:4px solid #9b2226;padding:1rem;"
        "font:14px/1.5 ui-monospace,monospace}h1{color:#9b2226}</style></head><body>"
        "<h1>The build failed</h1><p>Fix the mistakes below and save: this page will reload by itself. "
        "The site is not updated until the build succeeds.</p>"
        f"<pre id=\"build-errors\">{escape(message)}</pre></body></html>"
    ).encode("utf-8")


class PreviewAnswers:
    """What every answer of the preview does, mixed into its tornado request handlers (before ``RequestHandler``):
    it has ``PREVIEW_HEADERS``, it is given ``WRITE_SECONDS`` to be taken, and (for the handlers that call
    :meth:`refuse_oversized`) a request too large is told so.
    """

    def set_default_headers(self) -> None:
        """``PREVIEW_HEADERS``, on every answer (tornado calls this again when it answers with an error)."""
        for name, value in PREVIEW_HEADERS:
            self.set_header(name, value)

    def refuse_oversized(self) -> bool:
        """Answer 414 to an address longer than ``MAX_URL_BYTES``, 431 to headers longer than ``MAX_HEADER_BYTES``
        (tornado has read them: see ``HEAD_BYTES_READ``); True if the request was either."""
        headers = sum(len(name) + len(value) + 4 for name, value in self.request.headers.get_all())
        if len(self.request.uri) > MAX_URL_BYTES:
            status, why = 414, f"URI Too Long: this preview reads addresses of up to {MAX_URL_BYTES} bytes"
        elif headers > MAX_HEADER_BYTES:
            status, why = 431, f"Request Header Fields Too Large: this preview reads up to {MAX_HEADER_BYTES} bytes"
        else:
            return False
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status} {why}\n".encode())
        return True

    def finish(self, chunk: bytes | None = None):  # noqa: ANN201 (tornado's Future)
        """Send the answer; close the connection if the client has not taken it within ``WRITE_SECONDS``.

        Tornado bounds the time a client may take to send a request, not the
        time it may take to read the answer: a client that sent requests and
        never read held its connection for good.
        """
        import asyncio

        sent = super().finish(chunk)
        asyncio.get_running_loop().call_later(WRITE_SECONDS, _close_unless_sent, self.request.connection, sent)
        return sent


def _close_unless_sent(connection, sent) -> None:  # noqa: ANN001 (tornado's HTTP1Connection and Future)
    if not sent.done():
        connection.close()


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections the preview keeps open at once: in all, and of them reload sockets (the rest is
    left to pages, so a crowd of idle reload sockets cannot keep them from being served)."""

    connections: int
    reload_sockets: int


def connection_limits(open_files: int | None = None) -> ConnectionLimits:
    """The preview's connection limits for a process that may open ``open_files`` files (by default, what the
    system allows this one: ``RLIMIT_NOFILE``, usually 1,024).

    Each connection is an open file, and so is each file a build reads or
    writes: connections that took them all left the builds failing ("Too many
    open files") and the server unable to accept anyone.
    """
    if open_files is None:
        open_files = _open_files_allowed()
    connections = max(16, min(MOST_CONNECTIONS, open_files - BUILD_FILES - REFUSALS))
    return ConnectionLimits(connections, reload_sockets=connections // 2)


def _open_files_allowed() -> int:
    try:
        import resource
    except ImportError:  # not on a Unix: the usual limit
        return 1024
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return MOST_CONNECTIONS + BUILD_FILES + REFUSALS if soft == resource.RLIM_INFINITY else soft


def make_app(preview: Preview, port: int, host: str = "127.0.0.1", limits: ConnectionLimits | None = None):
    """The tornado application: the site, the LiveReload socket and its client script.

    Every request must name the preview in its ``Host`` header (see
    :func:`allowed_hosts`); the reload socket takes only pages of the same
    origin (tornado's own ``check_origin``), so another site cannot follow the
    edits. Reload sockets past ``limits.reload_sockets`` are refused ("503 busy"),
    and so are addresses and headers too long (414, 431).
    """
    from tornado import web, websocket

    client_js = (RELOAD_PLUGIN.encode("utf-8")
                 + (Path(__import__("livereload").__file__).parent / "vendors" / "livereload.js").read_bytes())
    limits = limits or connection_limits()
    sockets: set = set()  # those that said hello: told to reload
    connected: set = set()  # every open reload socket
    allowed = allowed_hosts(host, port, urlsplit(preview.base_url).hostname or "")

    class OnlyOurHosts(PreviewAnswers, web.RequestHandler):
        def prepare(self) -> None:
            self.refused()

        def refused(self) -> bool:
            """Answer a request too large (414, 431) or for another name (421); True if it was one."""
            return self.refuse_oversized() or self.refuse_other_hosts()

        def refuse_other_hosts(self) -> bool:
            """Answer 421 to a request for another name; True if it was one."""
            if host_allowed(self.request.host, allowed, host):
                return False
            self.set_status(421)  # Misdirected Request: this server does not serve that name
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"421 Misdirected Request: this preview answers only its own address, "
                        f"e.g. {preview.base_url}\n".encode())
            return True

    class ReloadSocket(websocket.WebSocketHandler, OnlyOurHosts):
        page = "/"  # the path of the page this socket's browser shows (its client says so after the hello)

        async def prepare(self) -> None:
            if not self.refused() and len(connected) >= limits.reload_sockets:
                await _refuse(self, b"503 Service Unavailable: the preview has as many reload sockets open as it "
                                    b"allows; reload the page in a moment\n")

        def open(self) -> None:
            connected.add(self)

        def on_message(self, message) -> None:
            data = _message(message)
            command = data.get("command")
            if command == "hello":
                self.write_message({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"],
                                    "serverName": "microsite"})
                sockets.add(self)
            elif command == "info":
                self.page = _url_path(data.get("url"))

        def on_close(self) -> None:
            sockets.discard(self)
            connected.discard(self)

    class ClientScript(OnlyOurHosts):
        def get(self) -> None:
            self.set_header("Content-Type", "application/javascript; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(client_js)

    class SiteFiles(OnlyOurHosts):
        def compute_etag(self) -> None:
            """None: the preview's answers are never to be kept (no-store), and tornado would give a HEAD the
            tag of its empty body, which no GET of the same page has."""
            return None

        async def get(self, path: str) -> None:
            await self._serve(path, body=True)

        async def head(self, path: str) -> None:
            await self._serve(path, body=False)

        async def _serve(self, path: str, body: bool) -> None:
            self.set_header("Cache-Control", "no-store")
            with preview.lock:
                error = preview.error
            if error:
                return self._send(500, "text/html; charset=utf-8", inject_reload(error_page(error), port), body)
            if self.request.path == REVIEW_PATH and preview.result is not None:
                page = await _in_thread(render_review, preview.result.site)  # slow: other requests go on
                return self._send(200, "text/html; charset=utf-8", inject_reload(page, port), body)
            if self.request.path.startswith(f"/{search.BUNDLE}/"):
                return await self._serve_search_index(body)
            kind, file = resolve_request(preview.out, self.request.path)
            if kind == "missing" and not preview.idle.is_set():  # the site is being swapped: wait for it
                await _wait(preview.idle)
                kind, file = resolve_request(preview.out, self.request.path)
            if kind == "redirect":  # one leading slash: "//en/" would be the host "en"
                return self.redirect("/" + self.request.path.lstrip("/") + "/", permanent=False)
            data = read_inside(preview.out, file) if kind == "file" else None
            if data is None:
                return self._not_found(body)
            kind = content_type(file)
            if kind.startswith("text/html"):
                data = inject_reload(data, port)
            self._send(200, kind, data, body)

        async def _serve_search_index(self, body: bool) -> None:
            """A file of the search index, made now if the pages changed since it was last made (see
            :meth:`Preview.search_bundle`); slow at thousands of pages, so other requests go on meanwhile."""
            try:
                bundle = await _in_thread(preview.search_bundle)
            except search.SearchIndexError as exc:
                return self._send(503, "text/plain; charset=utf-8", f"error: {exc}\n".encode(), body)
            data = (bundle or {}).get(self.request.path.lstrip("/"))
            if data is None:
                return self._not_found(body)
            self._send(200, content_type(Path(self.request.path)), data, body)

        def _not_found(self, body: bool) -> None:
            """The 404 page of the language the URL is in (``/en/...``), else the default one."""
            first = self.request.path.strip("/").split("/", 1)[0]
            own = first.isalpha() and len(first) < 20 and read_inside(preview.out, preview.out.resolve() / first / "404.html")
            page = own or read_inside(preview.out, preview.out.resolve() / "404.html")
            if page is not None:
                return self._send(404, "text/html; charset=utf-8", inject_reload(page, port), body)
            self._send(404, "text/plain; charset=utf-8", b"404 Not Found", body)

        def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
            self.set_status(status)
            self.set_header("Content-Type", kind)
            self.set_header("Content-Length", str(len(data)))
            if body:
                self.write(data)

    def broadcast(changed: list[Path], ok: bool) -> None:
        """Tell every open page to reload: towards the page the change produces in its language, or in place."""
        for socket_ in list(sockets):
            path = target_url(changed, preview, socket_.page) if ok else "*"
            message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
            try:
                socket_.write_message(message)
            except websocket.WebSocketClosedError:
                sockets.discard(socket_)

    app = web.Application([
        (r"/livereload", ReloadSocket),
        (r"/livereload\.js", ClientScript),
        (r"/(.*)", SiteFiles),
    ], log_function=lambda handler: None,  # the terminal is for build results, not a request log
        websocket_ping_interval=PING_SECONDS, websocket_ping_timeout=PING_SECONDS,
        websocket_max_message_size=MAX_MESSAGE_BYTES)
    return app, broadcast


async def _refuse(handler, message: bytes) -> None:  # noqa: ANN001 (a tornado RequestHandler)
    """Answer "503 busy" and close the connection, so that the refused client holds nothing open."""
    handler.set_status(503)
    handler.set_header("Content-Type", "text/plain; charset=utf-8")
    handler.set_header("Retry-After", "1")
    handler.set_header("Connection", "close")
    from tornado.iostream import StreamClosedError

    try:
        await handler.finish(message)
    except StreamClosedError:  # the client left first
        pass
    handler.request.connection.close()


def _url_path(url: object) -> str:
    """The path of the page a client says it shows ("/" when it says nothing usable)."""
    try:
        return urlsplit(str(url or "")).path or "/"
    except ValueError:
        return "/"


def _message(message: str | bytes) -> dict:
    """A LiveReload client's message as a dictionary; anything else (not JSON, not an object) is empty."""
    try:
        data = json.loads(message)
    except (ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


async def _wait(event: threading.Event, timeout: float = 10.0) -> None:
    await _in_thread(event.wait, timeout)


async def _in_thread(function, *arguments):
    """Run ``function`` in a worker thread, so the event loop goes on answering other requests."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(None, function, *arguments)


def free_port(host: str, wanted: int, tries: int = 20) -> int:
    """``wanted`` if it can be bound, else the next free port above it.

    Only a port in use moves on to the next one; an address this computer does not have is said at once.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.getaddrinfo(host, None, family, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot listen on '{host}': no such address ({exc.strerror}); use --host 127.0.0.1 "
                      "(this computer only) or --host 0.0.0.0 (every network it is on)") from None
    last = min(wanted + tries, 65536)
    for port in range(wanted, last):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    continue
                raise OSError(f"cannot listen on {host} port {port}: {exc.strerror}; choose another --host "
                              "or --port (ports below 1024 need administrator rights)") from None
            return port
    raise OSError(f"ports {wanted}-{last - 1} on {host} are all in use; choose one with --port")


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          out: Path | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> int:
    """Run the preview until Ctrl-C. Returns the exit status."""
    try:
        if out is not None:
            check_output_folder(out)  # a folder the build would refuse: say so and stop, rather than serve an error
        chosen = free_port(host, port)
        listening = _listen(host, chosen)
    except (OSError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if chosen != port:
        print(f"port {port} is in use; serving on port {chosen} instead", flush=True)
    own_folder = out is None
    out = out or Path(tempfile.mkdtemp(prefix="microsite-preview-")) / "site"
    try:
        return _serve(root, host, listening, open_browser, out, timeout)
    except KeyboardInterrupt:  # Ctrl-C before the server was up (during the first build)
        print("stopped", flush=True)
        return 0
    finally:
        if own_folder:
            shutil.rmtree(out.parent, ignore_errors=True)


def _listen(host: str, port: int) -> list[socket.socket]:
    """The sockets listening on ``port`` at every address ``host`` names (``localhost``: 127.0.0.1 and ::1).

    Bound before the first build, so that the pages are built for the
    address actually listened on, and a browser that asks meanwhile waits
    for them rather than finds nothing there.
    """
    from tornado.netutil import bind_sockets

    try:
        listening = bind_sockets(port, address=host or None)
    except OSError as exc:
        raise OSError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    if not listening:  # tornado passes over ::1 where IPv6 is half there (a container), so localhost may be none
        raise OSError(f"cannot listen on {host} port {port}: none of its addresses can be listened on")
    return listening


def _serve(root: Path, host: str, listening: list[socket.socket], open_browser: bool, out: Path,
           timeout: float | None) -> int:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    chosen = listening[0].getsockname()[1]
    bound = [sock.getsockname()[0] for sock in listening]
    url = preview_url(bound, chosen)
    preview = Preview(root, out, url, options=preview_options(url, os.environ, timeout))
    watched = [root / name for name in WATCHED]
    before_first_build = snapshot(watched)  # a save during the first build is then a change
    first_built = preview.rebuild()
    _report(preview, first_built, [], time.perf_counter())
    if first_built:
        prepare_spare(out)  # so that the first save updates only what it changed (see ``write``)
    collect_at_rest()

    loop = IOLoop.current()
    limits = connection_limits()
    app, broadcast = make_app(preview, chosen, host, limits)
    server = bounded_server(HTTPServer, app, limits)
    server.add_sockets(listening)
    _quiet_server_logs()

    def on_change(changed: list[Path]) -> None:
        started = time.perf_counter()
        ok = preview.rebuild(trusted=watcher.unchanged_since_build)
        if ok is None:
            print(f"build abandoned{_after(preview, changed)}: a file changed while it was read; building again",
                  flush=True)
            return
        _report(preview, ok, changed, started)
        loop.add_callback(broadcast, changed, ok)
        collect_at_rest()

    watcher = Watcher(watched, on_change, initial=before_first_build)
    watcher.start()
    _say_where(url, bound, chosen)
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, or a polite kill: stop cleanly either way
        signal.signal(signum, lambda *_: loop.add_callback_from_signal(loop.stop))
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.stop()
        loop.close(all_fds=True)
        if preview.cache is not None:
            preview.cache.close()
        print("stopped", flush=True)
    return 0


def preview_url(bound: list[str], port: int) -> str:
    """The address this computer reaches the preview at, which its pages are built for, from the addresses it
    listens on (``bound``): a loopback one if any (IPv4 first); for every address (0.0.0.0, ::), the loopback
    address of its kind; else the one bound.

    Pages link to one another by their paths, which work at any address; only
    the canonical links, the sitemap, robots.txt and the feeds name the address.
    """
    addresses = [_reachable(address) for address in bound]
    address = min(addresses, key=lambda a: (not ip_address(a).is_loopback, ip_address(a).version))
    return f"http://{_in_url(address)}:{port}/"


def _reachable(address: str) -> str:
    """``address``, or for a wildcard address (listening on every one) this computer's loopback address."""
    ip = ip_address(address)
    if ip.is_unspecified:
        return "::1" if ip.version == 6 else "127.0.0.1"
    return address


def _in_url(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def network_urls(bound: list[str], port: int) -> list[str]:
    """Where other computers reach a preview listening on every address (0.0.0.0, ::): this computer's address
    on the network its traffic leaves by, for each kind; none where there is no such network."""
    urls = []
    for address in bound:
        ip = ip_address(address)
        if not ip.is_unspecified:
            continue
        family, somewhere = (socket.AF_INET6, "2001:db8::1") if ip.version == 6 else (socket.AF_INET, "192.0.2.1")
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((somewhere, 9))  # a documentation address: connecting sends nothing, only routes
                own = probe.getsockname()[0]
            except OSError:
                continue
        if not ip_address(own).is_loopback:
            urls.append(f"http://{_in_url(own)}:{port}/")
    return urls


def _say_where(url: str, bound: list[str], port: int) -> None:
    """Print the preview's address, and where it listens beyond this computer, the addresses others may use."""
    print(f"serving {url} (Ctrl-C to stop); translations side by side: {url}{REVIEW_PATH.lstrip('/')}", flush=True)
    beyond = [address for address in bound if not ip_address(address).is_loopback]
    if beyond:
        others = network_urls(bound, port) or [f"http://{_in_url(address)}:{port}/" for address in beyond
                                               if not ip_address(address).is_unspecified]
        where = f", e.g. at {' or '.join(others)}" if others else ""
        print(f"warning: listening on {', '.join(map(_in_url, beyond))}: other computers that can reach this "
              f"computer can see the preview{where} (its pages name {url} as their address)", flush=True)


def bounded_server(server_class, app, limits: ConnectionLimits | None = None):
    """An HTTP server that clients holding connections open cannot exhaust (see :func:`connection_limits`).

    It counts every connection it accepted until it is closed, whatever it
    has become: tornado's own count leaves out a connection once it is a
    WebSocket, so a thousand idle reload sockets were never counted. Past
    ``limits.connections``, a new connection is answered "503 busy" by a
    server of its own (``REFUSALS`` at a time), past that closed at once.
    """
    limits = limits or connection_limits()
    served: set = set()  # the streams of the connections accepted, until they close
    refused: set = set()
    refuser = server_class(_refusals(limits), no_keep_alive=True, idle_connection_timeout=REFUSAL_SECONDS,
                           body_timeout=REFUSAL_SECONDS, max_header_size=MAX_HEADER_BYTES,
                           max_body_size=MAX_HEADER_BYTES)

    class BoundedServer(server_class):
        def handle_stream(self, stream, address) -> None:  # noqa: ANN001 (tornado's)
            _forget_closed(served)
            _forget_closed(refused)
            if len(served) < limits.connections:
                served.add(stream)
                super().handle_stream(stream, address)
            elif len(refused) < REFUSALS:
                refused.add(stream)
                refuser.handle_stream(stream, address)
            else:
                stream.close()

    return BoundedServer(app, idle_connection_timeout=HEADER_SECONDS, body_timeout=HEADER_SECONDS,
                         max_header_size=HEAD_BYTES_READ, max_body_size=MAX_HEADER_BYTES)


def _forget_closed(streams: set) -> None:
    streams.difference_update([stream for stream in streams if stream.closed()])


def _refusals(limits: ConnectionLimits):
    """The application that answers every request "503 busy" (for connections past the limit)."""
    from tornado import web

    message = (f"503 Service Unavailable: the preview has as many connections open as it allows "
               f"({limits.connections}); try again in a moment\n").encode()

    class Busy(PreviewAnswers, web.RequestHandler):
        async def prepare(self) -> None:
            await _refuse(self, message)

    return web.Application([(r".*", Busy)], log_function=lambda handler: None)


class _OneLineLog(logging.Handler):
    """Prints a server log record as one line, each distinct line at most once a minute (no traceback floods)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.last: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage().splitlines()[0] if record.getMessage() else record.name
        if record.exc_info and record.exc_info[1] is not None:
            text += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        now = time.monotonic()
        if now - self.last.get(text, -60.0) >= 60.0:
            self.last[text] = now
            print(f"preview server: {text}", file=sys.stderr, flush=True)


def _quiet_server_logs() -> None:
    """Send tornado's and asyncio's complaints about misbehaving clients to :class:`_OneLineLog`."""
    handler = _OneLineLog()
    for name in ("tornado.access", "tornado.application", "tornado.general", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False


def collect_at_rest() -> None:
    """Collect the last build's cyclic garbage now, the site served, then leave what survives out of later collections.

    The preview keeps millions of objects between builds (see ``memo``).
    Python's cycle collector walks them all whenever it decides to, 0.5 s at
    10,000 pages, and that moment was often the watcher's scan of the next
    save, or a request. Frozen (``gc.freeze``), they are walked no more; they
    are still freed when nothing refers to them. Builds make few reference
    cycles, and each build's are collected here, before the freeze.
    """
    gc.collect()
    gc.freeze()


def _after(preview: Preview, changed: list[Path]) -> str:
    """" after changes to a, b, c ...": what a build was for."""
    names = ", ".join(posixpath.relpath(str(p), str(preview.root)) for p in changed[:3])
    return f" after changes to {names}" + (" ..." if len(changed) > 3 else "") if changed else ""


def _report(preview: Preview, ok: bool, changed: list[Path], started: float) -> None:
    what = _after(preview, changed)
    if ok and preview.result is not None:
        print(f"{preview.result.summary()}{what}", flush=True)
        warned = tuple(warning.format(preview.root) for warning in preview.result.warnings)
        if warned != preview.warned:  # each save would repeat them: only when they change
            preview.warned = warned
            for warning in warned:
                print(f"warning: {warning}", file=sys.stderr, flush=True)
    else:
        print(f"build failed{what} ({time.perf_counter() - started:.2f} s):\n{preview.error}", file=sys.stderr,
              flush=True)
