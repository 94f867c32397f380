"""What a build may reuse from earlier builds, kept in ``.cache/`` (ignored by git, safe to delete).

Six things, all keyed by content, never by time stamps:

* compiled Markdown, by the text's digest: compiling is a pure function of
  the text and of the code (see :func:`code_fingerprint`), so a hit is
  exactly what compiling again would give. Its HTML is kept apart
  (``html:KEY``), and a command-line build reads it only where a page is
  rendered (see ``kept``); so are its links and runs of digits
  (``survey:KEY``), read only where its links are resolved;
* each content file as read and parsed (its front matter's YAML with every
  location, or its mistakes), by the kind of reading, the path and the
  digest of its bytes: the same pure function of what it was made from. A
  document's body is kept apart too (``markdown:KEY``), read only where it
  is needed;
* each text's links resolved, by the digest of the memo's key (the text,
  where it stands, and a digest of everything a link may point at: see
  ``memo.Form``);
* what each output file was made from (a digest of its inputs) and the
  digest of what it was, so an unchanged page need not be rendered again;
* the fingerprint of the last successful build's inputs (every content,
  template and static file, the build options, microsite's code and the
  Python and libraries that run it: see :func:`code_fingerprint`) with
  the digest of what it wrote: when neither the inputs nor the output folder
  changed, there is nothing to do;
* what the last command-line build knew of each page (``pages.json``: see
  ``known``): when only page files changed, the next one makes those alone.

The first three are many and large (tens of megabytes at 10,000 pages): they
live in a :class:`~microsite.store.Store` (``.cache/store/``), read an entry
at a time when asked for and appended to, never rewritten whole. The next
two are small: ``state.json``, read at once; so is ``pages.json``, when a
build may use it.

The files are JSON, plain data read back field by field with its types
checked (``jsonforms``): reading the cache never runs code (no pickle, no
compiled templates). Each file's first line names microsite's code
fingerprint and the digest of the rest (each stored value has its own
digest in the store's index); a file that is damaged, truncated, of another
shape or written by other code is ignored, which only makes the build
slower. (A digest proves no authorship: whoever can write ``.cache/`` can
also edit ``content/``; what the cache cannot be made to do is run code.)
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .compiled import Compiled, Compiler, Html, Survey
from .kept import Kept, LostText
from .errors import ContentError, Location
from .inputs import Inputs
from .jsonforms import compiled_from_json, compiled_to_json, reading_from_json, reading_to_json
from .known import IndexReading, Known, PageIndex, index_lines, rest_digest
from .load import Body, Document, Reading, ReadingKey
from .memo import Memo, digest_of
from .model import BuildOptions
from .search import Pagefind
from .store import MISS_ERRORS, Entry, Store, as_json, number, read_checked, text, write_checked
from .write import Written, manifest_digest

_PACKAGE = Path(__file__).resolve().parent
STORE_FOLDER = "store"  # in .cache/: compiled Markdown and readings (see ``store``)
PAGES = "pages.json"  # in .cache/: what the last build knew of each page (see ``known``)


@contextlib.contextmanager
def build_lock(folder: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Held while a build of the project whose cache is ``folder`` runs: a second build waits for the first,
    after calling ``waiting``, once, to say so. Two builds at once into one folder each moved the other's spare
    folder away as it wrote, and one failed ("No such file ... .site.spare/.microsite-manifest").

    The lock is ``flock``'s, on the cache folder itself: nothing is written for it (a refused build leaves
    the project as it was), and the kernel lets it go with the process that held it, even one that was
    killed. Before the first build has made the folder, builds go on unlocked: none has a site's spare to
    share yet, and each exchanges a folder of its own for the output.
    """
    try:
        held = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(held, fcntl.LOCK_EX)
        yield
    finally:
        os.close(held)  # and with it the lock (the build's forked children have ended; Pagefind's exec closed it)


def code_fingerprint() -> str:
    """A digest of the code that makes the output: a cache made by other code is not reused.

    That is microsite's own source, and also the Python that runs it and the
    libraries beside it: Markdown is compiled by markdown-it-py, pages made by
    Jinja, front matter read by PyYAML, editions converted by OpenCC, digits
    found with this Python's Unicode tables. Upgrade any of them and what a
    build makes may change, so nothing made before is trusted.
    """
    own = [(path.name, path.read_bytes()) for path in sorted(_PACKAGE.glob("*.py"))]
    return digest_of([sys.version, installed_distributions(), own])


def installed_distributions() -> list[str]:
    """Every library installed where this Python imports from, by the name of its metadata folder, which
    carries its version (``markdown_it_py-3.0.0.dist-info``).

    All of them, not a list of those that matter: such a list would be kept
    by hand and fall behind; a library upgraded that did not matter costs
    only one build made anew. (Listing the folders takes well under a
    millisecond; reading each library's metadata would take far longer.)
    """
    names: set[str] = set()
    for folder in sys.path:
        if folder and os.path.isdir(folder):
            with contextlib.suppress(OSError):
                names.update(name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info")))
    return sorted(names)


@dataclass
class LastBuild:
    """The previous successful build: its inputs' fingerprint, its output's manifest digest, what it reported, and
    the digest of its inputs but the page files (``rest``: when it wrote an index of its pages, see ``known``)."""

    inputs: str = ""
    output: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    warnings: tuple[ContentError, ...] = ()
    rest: str = ""


class BuildCache:
    """What earlier builds left in ``folder`` (only read, with ``save=False``: the preview, ``check``; with
    ``stored=False``, all but the store, which this cache replaces; with ``one_build``, for a single build).

    The small part (the last build, and what each output was made from) is
    read at once; the store of compiled Markdown and readings only when a
    build needs it, and then an entry at a time.
    """

    def __init__(self, folder: Path | None, save: bool = True, stored: bool = True, one_build: bool = False) -> None:
        self.folder = folder
        self.persist = save and folder is not None
        self.stored = stored
        self.code = code_fingerprint()
        self.last, self.outputs = _decoded(partial(_state_from_json, project=_project_of(folder)),
                                           self._read("state.json"), (LastBuild(), {}))
        self._store: Store | None = None
        self._compiler: Compiler | None = None
        self.documents: dict[ReadingKey, Reading] = {}  # content files read, by kind, path and bytes
        self._reading_keys: dict[ReadingKey, str] = {}  # their keys in the store, made once each
        self._set_aside: tuple | None = None  # what validation held, until released (see ``release``)
        self.one_build = one_build  # it serves one build only (see ``memo.Memo``)
        self.memo = Memo(self._recall, one_build)  # per-text checks (links resolved, glossary); some kept on disk
        self.environments: dict = {}  # compiled templates, by the templates' bytes (see Renderer); in memory only
        self.signatures: dict = {}  # input files' digests by their signatures (see ``inputs``); in memory only
        self.pagefind = Pagefind()  # the search indexer, kept running while this cache is (see ``search``)
        self.kept_index: PageIndex | None = None  # what the last build in this process knew of each page

    def close(self) -> None:
        """Close what this cache holds open for the builds that use it: the store's files and the search indexer.

        A command-line build closes its cache when it ends, failed or not (its
        store is open from the first value it reads); the preview, when it stops.
        """
        if self._store is not None:
            self._store.close()
        self.pagefind.close()

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.folder / STORE_FOLDER if self.folder else None, self.code, self.persist,
                                read=self.stored)
        return self._store

    @property
    def compiler(self) -> Compiler:
        if self._compiler is None:
            self._compiler = Compiler(recall=self._stored_compiled, keep=_KeptInStore(self) if self.persist else None)
        return self._compiler

    def _stored_compiled(self, key: str) -> Compiled | None:
        """The text of ``key`` (its digest: all that compiling it depends on) as an earlier build compiled it."""
        return self.store.get(key, partial(compiled_from_json, key=key,
                                           html=self._kept(Html, _html_key, self._stored_html),
                                           survey=self._kept(Survey, _survey_key, self._stored_survey)))

    def stored_reading(self, kind: str, path: str, digest: str) -> Reading | None:
        """The reading of the file ``path`` whose bytes had ``digest`` that an earlier build kept (see ``load``)."""
        body = self._kept(Body, _markdown_key, self._stored_markdown)
        return self.store.get(self._reading_key(kind, path, digest),
                              partial(reading_from_json, path=Path(path), digest=digest, body=body))

    def _kept(self, kind: type[Kept], store_key: Callable[[str], str],
              read: Callable[[str], str]) -> Callable[[str, int], Kept]:
        """How a text kept apart in the store (a compiled text's HTML or survey, a document's body) comes back, by
        its key and length: read by ``read`` when it is needed, in a command-line build; now, in the preview, which
        keeps everything in memory and shares the store with builds that may replace it. KeyError when it is
        not there (or, in the preview, not of that length): then the value it belongs to is not there either."""
        def kept(key: str, length: int) -> Kept:
            if self.persist:
                if store_key(key) not in self.store.entries:
                    raise KeyError(key)
                return kind(key, length, read=read)
            found = self.store.get(store_key(key), text)
            if found is None or len(found) != length:
                raise KeyError(key)
            return kind(key, length, found)
        return kept

    def _stored_html(self, key: str) -> str:
        """The HTML of the text of ``key`` as kept in the store (LostText when it is gone or damaged)."""
        return self._stored_text(_html_key(key))

    def _stored_survey(self, key: str) -> str:
        """The survey of the text of ``key`` (its links and runs of digits) as kept in the store (LostText when it
        is gone or damaged)."""
        return self._stored_text(_survey_key(key))

    def _stored_markdown(self, key: str) -> str:
        """The Markdown text of ``key`` as kept in the store (LostText when it is gone or damaged)."""
        return self._stored_text(_markdown_key(key))

    def _stored_text(self, key: str) -> str:
        found = self.store.get(key, text)
        if found is None:
            raise LostText(f"{key} is no longer in the cache")
        return found

    def _reading_key(self, kind: str, path: str, digest: str) -> str:
        """The key in the store of a reading (see :func:`_reading_key`), made once for each: a build asks for it
        where it reads the file back, and again where it keeps what it used."""
        key = self._reading_keys.get((kind, path, digest))
        if key is None:
            key = self._reading_keys[(kind, path, digest)] = _reading_key(kind, path, digest)
        return key

    def _recall(self, key: str, decode):
        """A result of validation that an earlier build kept (see ``memo.Memo``), or None."""
        return self.store.get(key, decode)

    def _read(self, name: str, as_json: bool = True) -> object:
        """The content stored in ``name`` (without ``as_json``, its bytes), or None when it is missing, damaged or
        not this code's."""
        return read_checked(self.folder / name, self.code, as_json) if self.folder is not None else None

    def same_inputs(self, fingerprint: str) -> bool:
        """Whether the last build's inputs had ``fingerprint`` (then it may be up to date: see :meth:`up_to_date`)."""
        return self.last.inputs == fingerprint

    def up_to_date(self, fingerprint: str, live: dict[str, tuple[str, int]] | None) -> LastBuild | None:
        """The last build, if its inputs had ``fingerprint`` and the output folder still holds ``live``, what it
        wrote: then there is nothing to do."""
        if self.last.inputs == fingerprint and self.last.output == manifest_digest(live):
            return self.last
        return None

    def page_index(self) -> IndexReading | None:
        """What the last build knew of every page (see ``known``), if it left an index: read, its pages still to be
        made (``made``)."""
        return IndexReading.of(self._read(PAGES, as_json=False)) if self.last.rest else None

    def known_pages(self, inputs: Inputs, options: BuildOptions, index: IndexReading | PageIndex | None,
                    ) -> Known | None:
        """What ``index``, the last build's, knows of every page, if nothing but page files changed since."""
        rest = rest_digest(inputs, options, self.code)
        if index is None or not self.last.inputs or self.last.rest != rest:  # more than pages changed
            return None
        made = index.made()
        keys = made.changed_keys(inputs, rest) if made is not None else None
        return Known(made, keys) if keys is not None else None

    def validated(self) -> None:
        """The site is validated: keep what this build used, and no more (so the cache does not grow forever)."""
        self.memo.prune()
        self._reading_keys = {key: kept for key, kept in self._reading_keys.items() if key in self.documents}
        self.store_used()

    def partly_validated(self) -> None:
        """The pages read again are validated, the others known (see ``known``): in the preview, keep what this
        build used and what the last whole build did (it serves the pages not read again), and forget what the
        builds since made that this one did not use (an edited page's earlier versions: 0.5 MB a save at 10,000
        pages, of records checked again). A command-line build leaves the store as it is: it holds what every page
        not read needs, and what the few pages read now needed is made again by the next build that reads them
        (rewriting its index took a tenth of such a build)."""
        if not self.persist:
            self.memo.prune(partial=True)
            self.compiler.forget_unused(partial=True)
            self._reading_keys = {key: kept for key, kept in self._reading_keys.items() if key in self.documents}

    def store_used(self) -> None:
        """Keep the texts compiled and the files read for this build, and only those.

        Stored as soon as the site is validated (only what the store does not
        hold yet is written). A command-line build then lets go of them and of
        the memo (see :meth:`release`), which keeps its peak memory down while
        pages are rendered, and reads each page's HTML back from the store as
        it renders it. The preview keeps them all in memory.
        """
        self.compiler.forget_unused()
        if self.persist:
            self.store.save(self._used())
            self._read_kept_from_store()
            self._compiler = None
            # In memory, they serve only a long-running process: set aside until released.
            self._set_aside = (self.memo, self.documents)
            self.memo, self.documents, self._reading_keys = Memo(self._recall, self.one_build), {}, {}
            with contextlib.suppress(OSError):
                (self.folder / "compiled.json").unlink(missing_ok=True)  # where older versions kept it, whole

    def release(self) -> None:
        """Let go of what validation held (the memo's results, the files as read), and hand the memory freed
        back to the system: before many pages are rendered, when a cold build's memory peaks.

        A command-line build that makes few pages again ends soon after, and
        its process lets go of everything at once: it does not call this
        (freeing the results one by one took 45 ms of a one-page rebuild at
        10,000 pages).
        """
        self._set_aside = None
        _release_freed_memory()

    def _read_kept_from_store(self) -> None:
        """Let go of the compiled HTML the store now holds: it is read back where each page is rendered; and of the
        surveys, read back where a text's links are resolved.

        Every segment is opened now, so that the processes that render pages
        read files that another build can no longer take away (it may delete
        segments it does not use, but an open file stays readable).
        """
        entries = self.store.entries
        for key, compiled in self.compiler.known.items():
            if compiled.body.held and _html_key(key) in entries:
                compiled.body.let_go(self._stored_html)
            if compiled.survey.held and _survey_key(key) in entries:
                compiled.survey.let_go(self._stored_survey)
        self.store.open_all()

    def _used(self) -> Iterator[tuple[str, partial]]:
        """Every value this build used, by its key in the store, with how to make its JSON form."""
        for key, compiled in self.compiler.known.items():
            yield key, partial(compiled_to_json, compiled)
            yield _html_key(key), partial(getattr, compiled.body, "text")  # LostText: not kept (a ValueError)
            yield _survey_key(key), partial(getattr, compiled.survey, "text")
        for (kind, path, digest), reading in self.documents.items():
            yield self._reading_key(kind, path, digest), partial(_reading_json, reading, path)
            if isinstance(reading.value, Document):  # its body apart (see ``jsonforms.reading_to_json``)
                body = reading.value.markdown
                yield _markdown_key(body.key), partial(getattr, body, "text")
        yield from self.memo.kept()

    def finished(self, fingerprint: str, written: Written, pages: dict[str, int],
                 warnings: tuple[ContentError, ...], stale: bool, index: PageIndex | None = None) -> None:
        """Remember a build that wrote ``written`` (and what it knew of its pages: ``index``); one whose inputs
        changed while it read them (``stale``) is remembered as no build at all, so that the next one sees the
        change even if it was undone."""
        self.kept_index = None if stale else index  # the preview's next build may use it (not read from disk)
        if stale:
            self.save(LastBuild(), {})
        else:
            self.save(LastBuild(fingerprint, written.digest, pages, warnings, index.rest if index else ""),
                      written.made)
        if self.persist:
            with contextlib.suppress(OSError):
                if index is None or stale:
                    (self.folder / PAGES).unlink(missing_ok=True)
                else:
                    write_checked(self.folder / PAGES, self.code, index_lines(index))

    def save(self, last: LastBuild, outputs: dict[str, tuple[str, int]]) -> None:
        """Remember the last successful build and what each of its outputs was made from."""
        self.last, self.outputs = last, outputs
        if self.persist:
            with contextlib.suppress(OSError):  # a read-only project builds fine, only without a cache
                self.folder.mkdir(parents=True, exist_ok=True)
                state = _state_to_json(last, outputs, _project_of(self.folder))
                write_checked(self.folder / "state.json", self.code, [as_json(state)])


class _KeptInStore:
    """Where a command-line build keeps the HTML and the survey of the texts it compiles in bulk, and their
    Markdown: in the store, written by the process that compiled each text (see ``compiled.Compiler``), so that
    this process holds none of them. At 10,000 long pages, the HTML and the Markdown were 130 and 82 MB held while
    the site was validated, and the surveys 200,000 links."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.writer = cache.store.writer()

    def put(self, key: str, compiled: Compiled, markdown: str | None) -> tuple[Entry, Entry, Entry | None] | None:
        if self.writer is None:
            return None
        html = self.writer.put(as_json(compiled.html).encode("utf-8"))
        survey = self.writer.put(as_json(compiled.survey.text).encode("utf-8")) if html is not None else None
        if survey is None:
            return None
        return html, survey, self.writer.put(as_json(markdown).encode("utf-8")) if markdown is not None else None

    def adopt(self, kept: dict[str, tuple[Entry, Entry, Entry | None]],
              texts: list) -> tuple[set[str], Callable, Callable]:
        if self.writer is not None:
            self.writer.close()
        entries = {_html_key(key): html for key, (html, _, _) in kept.items()}
        entries.update((_survey_key(key), survey) for key, (_, survey, _) in kept.items())
        entries.update((_markdown_key(key), markdown) for key, (_, _, markdown) in kept.items() if markdown is not None)
        taken = self.cache.store.adopt(entries)
        let_go = [text for text in texts if isinstance(text, Body) and text.held and _markdown_key(text.key) in taken]
        for body in let_go:
            body.let_go(self.cache._stored_markdown)
        if let_go:
            _release_freed_memory()
        return ({key for key in kept if _html_key(key) in taken and _survey_key(key) in taken},
                self.cache._stored_html, self.cache._stored_survey)


def _release_freed_memory() -> None:
    """Hand the memory this process has freed back to the system.

    C's allocator (glibc's) keeps what Python frees for later wherever a
    live object shares its pages. A cold build of 10,000 long pages that had
    let go of their Markdown and compiled texts still held about 200 MB of
    them while its pages rendered (615 MB of all processes then, 400 MB
    with this). Where there is no ``malloc_trim`` (macOS, musl, Windows),
    nothing is done.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    trim(0)  # well under a millisecond


def _survey_key(key: str) -> str:
    """The key in the store of the survey of the text of ``key`` (its links and runs of digits, kept apart)."""
    return "survey:" + key


def _html_key(key: str) -> str:
    """The key in the store of the HTML of the text of ``key`` (kept apart from the rest of its compiled form).

    Other keys are digests, 32 hexadecimal digits: a name with a colon is no other value's."""
    return "html:" + key


def _markdown_key(key: str) -> str:
    """The key in the store of the Markdown text of ``key`` (a document's body: see ``jsonforms``)."""
    return "markdown:" + key


def _reading_json(reading: Reading, path: str) -> list:
    """``reading_to_json`` of the file ``path``, named as text until it is asked for (only a new reading is)."""
    return reading_to_json(reading, Path(path))


def _reading_key(kind: str, path: str, digest: str) -> str:
    """A reading's key in the store (a compiled text's is its text's digest, never a tuple's)."""
    return digest_of(("reading", kind, path, digest))


def _decoded(decode, content: object, default):
    """``decode(content)``, or ``default`` when there is none or it is not what this code writes."""
    if content is None:
        return default
    try:
        return decode(content)
    except MISS_ERRORS:  # what the store takes for a miss, for the same reasons
        return default


# --- to and from plain data ------------------------------------------------------------------------------


def _project_of(folder: Path | None) -> Path | None:
    """The project whose cache is ``folder`` (``.cache/`` is in the project folder)."""
    return folder.parent if folder is not None else None


def _state_to_json(last: LastBuild, outputs: dict[str, tuple[str, int]], project: Path | None = None) -> dict:
    """The state as plain data; a warning's file named relative to ``project`` when it is in it: the fingerprint
    names the inputs so too, and a project moved, or copied with its .cache/, is up to date where it is now, so
    its warnings must name the files there (they named the folder the project was built in)."""
    warnings = [[*_path_to_json(w.location.path, project), w.location.line, w.location.column, w.message, w.hint,
                 w.detail]  # the detail too: ``-v`` prints it for a build with nothing to do
                for w in last.warnings]
    return {"inputs": last.inputs, "output": last.output, "pages": last.pages, "warnings": warnings,
            "outputs": outputs, "rest": last.rest}


def _path_to_json(path: Path, project: Path | None) -> tuple[str, bool]:
    """``path`` as text, and whether it is relative to ``project`` (see :func:`_state_to_json`)."""
    if project is not None and path.is_absolute() and path.is_relative_to(project):
        return str(path.relative_to(project)), True
    return str(path), False


def _state_from_json(data: dict, project: Path | None = None) -> tuple[LastBuild, dict[str, tuple[str, int]]]:
    warnings = tuple(ContentError(Location(_path_from_json(text(path), inside, project), number(line),
                                           number(column)), text(message), text(hint), text(detail))
                     for path, inside, line, column, message, hint, detail in data["warnings"])
    pages = {text(code): number(count) for code, count in data["pages"].items()}
    outputs = {text(key): (text(digest), number(size)) for key, (digest, size) in data["outputs"].items()}
    return LastBuild(text(data["inputs"]), text(data["output"]), pages, warnings, text(data["rest"])), outputs


def _path_from_json(path: str, inside: object, project: Path | None) -> Path:
    if type(inside) is not bool or (inside and project is None):
        raise TypeError("not a state this code writes")
    return project / path if inside else Path(path)
