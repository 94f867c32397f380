"""The narrative pages: named by their files, read, paired across languages, one URL each.

A page's key and language come from its file name (``pages/<key>.<lang>.md``);
every page exists in every language with the same template, and the menu names
pages that exist. A key may not begin with what the site's own files or other
languages use (``key_problem``), so no two pages (or a page and a source's, a
download, the search index) share an output file.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from . import translations
from .compiled import Compiler
from .conventions import content_file, device_reserved, windows_device, is_template_id, key_and_language
from .errors import ContentError, ErrorList, Location
from .links import Prose, cited
from .load import Document
from .memo import Memo
from .model import Config, Page, Rendered, output_path, page_url
from .patterns import compile_later
from .records import Records
from .schema import Fields, expect_mapping
from .tracing import PlainField

TEMPLATES = ("home", "page", "organisation", "pillar", "statistics", "timeline", "glossary", "sources", "404",
             "search")
SINGLE_TEMPLATES = ("home", "organisation", "statistics", "timeline", "glossary", "sources", "404", "search")
RESERVED_FOLDERS = ("static", "sources", "data", "pagefind")  # static files, source pages, data downloads, search index
RESERVED_NAMES = ("static", "data", "pagefind")  # nor may a page be the folder itself ("sources" is the sources page)
_KEY_SEGMENT = compile_later(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_NAME_BYTES = 255  # a file or folder name, on every common file system
MAX_OUTPUT_PATH_BYTES = 1024  # a page's path in the site: leaves 3,000 bytes of the usual 4,096 for the output folder


def read_pages(documents: tuple[Document, ...], config: Config, md: Compiler, errors: ErrorList,
               unreadable: frozenset[Path] = frozenset(), memo: Memo | None = None,
               plain: list[PlainField] | None = None, others: Sequence[PageLike] = (),
               ) -> tuple[list[Page], list[Prose], frozenset[Path]]:
    """Pages paired by key across languages, with parsed bodies, and the files that could not be read as pages
    (their mistakes reported: a missing pair, or a link to them, is not one more); ``plain`` collects their
    titles. ``others``: the site's pages not read (see ``known``), which the pairs and the menu are checked with."""
    memo = memo or Memo()
    pages, prose, failed = [], [], set()
    by_key: dict[str, dict[str, Page]] = defaultdict(dict)
    root = str(config.path.parent / "pages") + os.sep  # pages live in content/pages/, beside site.yaml
    for document in documents:
        # A page's reading depends on its file, where it is under pages/, and the site's languages only: their
        # codes, and the names of theirs and the editions' (a key may not begin with one, and the mistake names it).
        mistakes, reading = memo.get(("page", document.path, document.fingerprint, root, config.codes,
                                      tuple(config.language_names.items()), config.default_language),
                                     lambda: _read_document(document, config, md, root))
        errors.extend(mistakes)
        if reading is None:
            failed.add(document.path)
            continue
        page, item, fields = reading
        if plain is not None:
            plain.extend(fields)
        pages.append(page)
        by_key[page.key][page.lang] = page
        prose.append(item)
    for other in others:
        by_key[other.key][other.lang] = other
    _check_pairs(by_key, config, errors, unreadable | failed)
    _check_nav(config, by_key, errors)
    return pages, prose, frozenset(failed)


def _page_name(document: Document, config: Config, errors: ErrorList, root: str) -> tuple[str, str] | None:
    """The page key and language a file's name gives; ``root`` is the pages folder, ending in a separator."""
    text = str(document.path)
    relative = (text[len(root):] if text.startswith(root) else document.path.name).replace(os.sep, "/")
    stem, lang = key_and_language(relative)
    if not stem:
        errors.add(Location(document.path), "a page file name must end in .<language>.md",
                   f"rename it, e.g. {content_file(relative[:-3], config.default_language)}")
        return None
    if lang not in config.codes:
        errors.add(Location(document.path), f"unknown language '{lang}' in the file name",
                   f"languages of site.yaml: {', '.join(config.codes)}")
        return None
    problem = key_problem(stem, config)
    if problem is not None:
        errors.add(Location(document.path), *problem)
        return None
    return stem, lang


def key_problem(key: str, config: Config) -> tuple[str, str] | None:
    """What keeps ``key`` from being a page's (its files are ``pages/<key>.<language>.md``): a mistake and how to
    fix it, or None. Asked of a file found and of one ``new`` would write."""
    segments = key.split("/")
    first = segments[0]
    if first in RESERVED_FOLDERS and (first in RESERVED_NAMES or len(segments) > 1):
        return (f"'{first}' is reserved for the site's own files",
                f"move the page out of pages/{first}/" if len(segments) > 1 else "give the page another name")
    if first in config.language_names:  # the default language's page would be where that language's pages are
        return (f"'{first}' is reserved: the pages in {config.language_names[first]} are at /{first}/",
                "give the page (or its folder) another name")
    if not all(_KEY_SEGMENT.match(segment) for segment in segments):
        return (f"'{key}' cannot be a page name",
                "use lower-case ASCII letters, digits and hyphens in file and folder names")
    device = next(filter(None, map(windows_device, segments)), None)
    if device is not None:
        return device_reserved(device), "give the page (or its folder) another name"
    too_long = _too_long(key, config)
    if too_long:
        return (f"the page name is too long: {too_long}",
                "shorten its file or folder names (they become the page's address)")
    return None


def _too_long(key: str, config: Config) -> str:
    """What makes the files of page ``key`` impossible to write on common file systems ("" when nothing)."""
    longest_name = max(key.split("/"), key=len)
    if len(longest_name.encode()) > MAX_NAME_BYTES:
        return f"'{longest_name[:20]}...' has {len(longest_name.encode())} bytes, more than {MAX_NAME_BYTES}"
    path = max((output_path(page_url(key, code, config.default_language)) for code in config.codes), key=len)
    if len(path.encode()) > MAX_OUTPUT_PATH_BYTES:
        return f"its file in the site, {path[:30]}..., would have {len(path.encode())} bytes, " \
               f"more than {MAX_OUTPUT_PATH_BYTES}"
    return ""


def _pages_root(path: Path) -> Path:
    for parent in path.parents:
        if parent.name == "pages" and parent.parent.name == "content":
            return parent
    return path.parent


def _read_document(document: Document, config: Config, md: Compiler,
                   root: str) -> tuple[list[ContentError], tuple[Page, Prose, tuple[PlainField, ...]] | None]:
    """One page file read on its own: its mistakes, and (unless they keep it out) the page, its body as prose
    to resolve, and the front matter's fields a reader sees. Its own list of mistakes, so that the whole result
    can be remembered."""
    mistakes = ErrorList()
    named = _page_name(document, config, mistakes, root)
    if named is None:
        return list(mistakes.errors), None
    key, lang = named
    page, item, fields = _read_page(document, key, lang, config, md, mistakes)
    if page is None:
        return list(mistakes.errors), None
    return list(mistakes.errors), (page, item, fields)


def _read_page(document: Document, key: str, lang: str, config: Config, md: Compiler,
               errors: ErrorList) -> tuple[Page | None, Prose | None, tuple[PlainField, ...]]:
    front = expect_mapping(document.front, Location(document.path, 2, 1), "front matter", errors)
    if front is None:
        return None, None, ()
    fields = Fields(front, "front matter", errors, ("title", "description"),
                    ("template", "weight", "nav_title", translations.KEY))
    title, description = fields.text("title"), fields.text("description")
    template = fields.choice("template", TEMPLATES, "page")
    compiled = md(document.markdown)
    for line, ident in compiled.duplicate_ids:
        if is_template_id(ident):
            errors.add(Location(document.path, document.body_line + line),
                       f"the anchor {{#{ident}}} is one the templates give an element of the page",
                       "choose another anchor; links to it would reach that element")
        else:
            errors.add(Location(document.path, document.body_line + line),
                       f"two headings have the anchor {{#{ident}}}",
                       "give each heading its own anchor; links to it would reach the first one")
    url = page_url(key, lang, config.default_language)
    item = Prose(compiled, lang, document.path, document.body_line, page_key=key, slot=("page", key, lang),
                 text=document.markdown)
    page = Page(key, lang, document.path, title, description, template or "page", fields.integer("weight", 0) or 0,
                fields.text("nav_title", title), url, Rendered(), compiled.heading_ids,
                document.fingerprint, fields.text(translations.KEY), document.words, cited(item), compiled.external)
    shown = tuple(found for name in ("title", "description", "nav_title")
                  if (found := fields.plain(name, lang, f"the page's {name}")) is not None)
    return page, item, shown


class PageLike(Protocol):
    """What the checks across pages read of a page (a :class:`Page`, or what the last build knew of one: see
    ``known``)."""

    key: str
    lang: str
    path: Path
    url: str
    template: str


def _check_pairs(by_key: dict[str, dict[str, PageLike]], config: Config, errors: ErrorList,
                 unreadable: frozenset[Path]) -> None:
    templates: dict[str, str] = {}
    for key, versions in sorted(by_key.items()):
        for code in config.codes:
            some = next(iter(versions.values()))
            if code not in versions and _sibling(some.path, key, code) not in unreadable:
                errors.add(Location(some.path), f"page '{key}' has no {config.language(code).name} ({code}) version",
                           f"create pages/{content_file(key, code)}: every page exists in every language")
        kinds = {page.template for page in versions.values()}
        if len(kinds) > 1:
            page = next(iter(versions.values()))
            errors.add(Location(page.path), f"page '{key}' uses different templates in different languages: "
                       f"{', '.join(sorted(kinds))}", "use the same 'template:' in every language")
        for template in kinds & set(SINGLE_TEMPLATES):
            if template in templates:
                page = next(iter(versions.values()))
                errors.add(Location(page.path), f"two pages use 'template: {template}': '{templates[template]}' and '{key}'",
                           "only one page of the site can show that")
            templates[template] = key
    _check_home(by_key, templates.get("home"), unreadable, errors)


def _check_home(by_key: dict[str, dict[str, PageLike]], home: str | None, unreadable: frozenset[Path],
                errors: ErrorList) -> None:
    """The page ``index`` is the one published at the site's root, which every page's title links to: a home page
    renamed was reported in a template (base.html's href('index')), where an editor could do nothing about it."""
    if not by_key or "index" in by_key or any(path.name.startswith("index.") for path in unreadable):
        return
    if home is not None:
        page = next(iter(by_key[home].values()))
        errors.add(Location(page.path), f"the home page is '{home}', but the page published at the site's root "
                   "(/), which every page's title links to, is the page 'index'",
                   f"rename pages/{home}.<lang>.md to pages/index.<lang>.md, and the links and the nav entry to it")
        return
    page = next(iter(next(iter(by_key.values())).values()))
    errors.add(Location(_pages_root(page.path)), "no page 'index': it is the page published at the site's root (/), "
               "which every page's title links to", "create pages/index.<lang>.md, e.g. with 'template: home'")


def _sibling(path: Path, key: str, lang: str) -> Path:
    """The file of page ``key`` in ``lang``, beside ``path`` (another language of it)."""
    return _pages_root(path) / content_file(key, lang)


def _check_nav(config: Config, by_key: dict, errors: ErrorList) -> None:
    for index, key in enumerate(config.nav):
        if key not in by_key:
            location = config.nav_locations[index] if index < len(config.nav_locations) else Location(config.path)
            errors.add(location, f"nav lists '{key}', which is not a page", _page_key_hint(key, by_key, "nav"))


def _page_key_hint(key: str, known, where: str) -> str:
    """How to name the page: its key is the file name without ``.<lang>.md`` (``quanzhou.md`` -> ``quanzhou``)."""
    stem = re.sub(r"(\.[a-z]{2,3})?\.md$", "", key)
    if stem != key:
        exists = " (that page exists)" if stem in known else f", and create pages/{stem}.<lang>.md"
        return f"write the page key without '.md': '{stem}'{exists}"
    return f"create pages/{key}.<lang>.md or remove it from {where}"


def check_record_pages(records: Records, pages: Sequence[PageLike], errors: ErrorList) -> None:
    """A record's ``pages`` must name pages that exist."""
    keys = {page.key for page in pages}
    for record in [*records.statistics, *records.events]:
        for key in record.pages:
            if key not in keys:
                errors.add(record.location, f"'{record.id}': pages lists '{key}', which is not a page",
                           _page_key_hint(key, keys, "pages"))
