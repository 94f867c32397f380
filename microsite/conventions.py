"""How the content folder is laid out: each naming convention written down once.

- A page in one language is ``pages/<key>.<lang>.md``; a source is
  ``sources/<id>.md`` and its translation ``sources/<id>.<lang>.md``
  (:func:`content_file`, :func:`key_and_language`).
- The data records come in three kinds, each with a file, a link prefix and
  a page that lists them (:data:`RECORD_KINDS`).
- ``content/`` holds ``site.yaml`` and the folders ``data/``, ``pages/`` and
  ``sources/``; ingest also writes each source's candidate facts beside it
  (:data:`CANDIDATES_SUFFIX`). A file the build reads nowhere is reported (see
  ``load``), unless its name marks it as an editor's or a system's own
  (:func:`is_private_file`).
- What an editor, the system or version control leaves beside the project's
  files (``x.md~``, ``#x.md#``, ``.x.md.swp``, ``.DS_Store``, ``.git``) is no
  input: the build reads none, in any folder, and the preview watches none
  (:func:`is_leftover`). Every other file is read and watched, hidden ones too.
- The templates give some elements ids of their own (:data:`TEMPLATE_IDS`,
  and ids that begin with :data:`TEMPLATE_ID_PREFIXES`): a heading of a page's
  text never gets one of those, so that no page gives one id twice.

A page's URL is derived from its key and language in one place too:
:func:`microsite.model.page_url` (with ``Config.href`` and ``Config.absolute``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .patterns import compile_later


MAX_TEXT_BYTES = 1 << 20  # a content file is text written by hand: the largest now is 22 kB. One larger is refused
# from its size, unread, by every part of the build that meets it (``load``, and ``inputs``, which digests the rest)

# The UI strings the site fills in, with the placeholders each may hold: a source page's description (by the
# build, see ``render``) and the number of pages a search found (by the search page's script, static/search.js).
FILLED_STRINGS = {"source_description": ("outlet", "date"), "search_found": ("count",)}
NUMBER_PLACEHOLDERS = frozenset({"count"})  # filled with a number: nothing beside one may run on into it

# Names Windows keeps for devices, with any extension (con.zh.md, aux/x.md): no file or folder may have one.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                              *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789¹²³")})


def windows_device(name: str) -> str:
    """The device a file or folder ``name`` is to Windows (``con`` of ``CON.zh.md``), or ""."""
    device = name.split(".")[0].rstrip(" ").lower()
    return device if device in _WINDOWS_DEVICES else ""


def device_reserved(name: str) -> str:
    """The mistake of a file or folder ``name`` that Windows keeps for a device (see :func:`windows_device`)."""
    return f"'{name}' cannot be a file or folder name: Windows reserves '{windows_device(name).upper()}' for a device"
CANDIDATES_SUFFIX = ".candidates.yaml"  # sources/<id>.candidates.yaml: what ingest found, for an editor to copy


_LEFTOVER_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", ".git", ".hg", ".svn"})


def is_leftover(name: str) -> bool:
    """Whether a file or folder named ``name`` is what an editor, the system or version control leaves beside the
    project's files, which no one means as an input: a backup (``x.md~``), an autosave (``#x.md#``), a lock
    (``.#x.md``), a swap file (``.x.md.swp``), a folder's own (``.DS_Store``, ``Thumbs.db``), a repository
    (``.git``). The build reads none (in ``content/``, ``templates/`` or ``static/``: none is published), the
    preview watches none; every other file is read and watched, hidden ones too (``static/.well-known/``)."""
    # (asked of every file of a project at every build: decided by the first and last characters where it can be)
    first, last = name[:1], name[-1:]
    if last == "~":
        return True
    if first == "#":
        return last == "#" and len(name) > 1
    if first == ".":
        return name.startswith(".#") or _SWAP.search(name) is not None or name.lower() in _LEFTOVER_NAMES
    return first in "TtDd" and name.lower() in _LEFTOVER_NAMES


_SWAP = compile_later(r"\.sw[a-p]\Z")  # Vim's swap files: .x.md.swp, then .swo, .swn ... when one is in use


def is_private_file(name: str) -> bool:
    """Whether a file named ``name`` of ``content/`` that the build does not read is meant to be there (not
    reported): hidden (``.gitkeep``), or an editor's or a system's leftover (:func:`is_leftover`)."""
    return name.startswith(".") or is_leftover(name)


def content_file(key: str, lang: str) -> str:
    """The file name of page or source ``key`` in ``lang``: ``<key>.<lang>.md``."""
    return f"{key}.{lang}.md"


def key_and_language(name: str) -> tuple[str, str]:
    """``<key>.<lang>.md`` (or the name without ``.md``) -> ``(key, lang)``.

    The language is what follows the last dot; the key is "" when the name has no dot
    (``<id>.md``, a source's original, gives ``("", "<id>")``).
    """
    key, _, lang = name.removesuffix(".md").rpartition(".")
    return key, lang


@dataclass(frozen=True)
class RecordKind:
    """One kind of data record and every name it goes by."""

    prefix: str  # in links, anchors and ledger keys: [](stat:ID), #stat-ID, stat:ID
    file: str  # content/data/<file>.yaml
    name: str  # in messages: "statistic 'donations'"
    template: str  # the template of the page that lists them
    field: str  # the attribute of the site (and of the records read) that holds them

    def anchor(self, ident: str) -> str:
        """The id of record ``ident`` on the page that lists it (written so in that page's template too)."""
        return f"{self.prefix}-{ident}"


RECORD_KINDS = (
    RecordKind("stat", "statistics", "statistic", "statistics", "statistics"),
    RecordKind("event", "timeline", "event", "timeline", "events"),
    RecordKind("term", "glossary", "glossary term", "glossary", "terms"),
)
RECORD_KIND = {kind.prefix: kind for kind in RECORD_KINDS}  # by prefix


# The ids the templates give (templates/*.html; ``tests/test_render.py`` checks that this lists them all), and the
# beginnings of those they make from a record's or a passage's name: a heading whose text would give one of these
# gets ``section-`` before it (see ``markdown.heading_ids``).
TEMPLATE_IDS = frozenset({"main", "site-search-query", "get-the-data", "pillars", "headline-figures",
                          "timeline-preview", "page-map-label", "structure", "related", "other-pillars", "search",
                          "search-query", "search-status", "search-results", "full-text", "converted-text"})
RECORD_ANCHOR_PREFIXES = tuple(f"{kind.prefix}-" for kind in RECORD_KINDS)  # as RecordKind.anchor writes them
TEMPLATE_ID_PREFIXES = ("chart-", "q-", *RECORD_ANCHOR_PREFIXES)


def is_template_id(ident: str) -> bool:
    """Whether a template may give an element the id ``ident`` (see :data:`TEMPLATE_IDS`)."""
    return ident in TEMPLATE_IDS or ident.startswith(TEMPLATE_ID_PREFIXES)
