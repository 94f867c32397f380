"""Stage 2, validate: turn raw documents into a checked, cross-referenced site.

In order: site settings, UI strings, sources, data records, pages (paired
by language, one URL each); then provenance (every quote found once in its
source, every number and date in its quote), then every link resolved and
every number in prose traced, then glossary consistency. All mistakes of
the stage are collected and raised together.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from . import links, provenance, tracing, translations
from .assets import Asset, fingerprint_assets
from .editions import derive, read_editions, read_overrides
from .errors import ContentError, ContentErrors, ErrorList, Location
from .i18n import LOCALES, locale_of
from .links import Prose, Targets
from .load import DataFile, Document, RawContent
from .compiled import Compiled, Compiler
from .memo import Memo, digest_of
from .model import Config, Event, Evidence, Language, Page, Rendered, Site, Source, Term, output_path, page_url
from .numerals import find_numbers_zh, same_value
from .records import Records, read_records, read_sources, read_strings
from .schema import Fields, expect_mapping
from .tracing import PlainField

TEMPLATES = ("home", "page", "organisation", "pillar", "statistics", "timeline", "glossary", "sources", "404",
             "search")
SINGLE_TEMPLATES = ("home", "organisation", "statistics", "timeline", "glossary", "sources", "404", "search")
RESERVED_FOLDERS = ("static", "sources", "data", "pagefind")  # static files, source pages, data downloads, search index
_KEY_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_NAME_BYTES = 255  # a file or folder name, on every common file system
MAX_OUTPUT_PATH_BYTES = 1024  # a page's path in the site: leaves 3,000 bytes of the usual 4,096 for the output folder
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}\Z")


def validate(raw: RawContent, base_url: str | None = None, fingerprint: bool = True,
             compiler: Compiler | None = None, memo: Memo | None = None) -> Site:
    """Check everything; raise :class:`ContentErrors` with every mistake found.

    ``base_url`` overrides the one in site.yaml (preview deploys, the local server);
    ``fingerprint`` puts content hashes in static file names (off for the live preview);
    ``compiler`` compiles Markdown (one that remembers earlier results makes rebuilds fast);
    ``memo`` remembers the per-text checks of earlier builds in this process (see ``memo``).
    """
    memo = memo or Memo()
    errors = ErrorList()
    errors.extend(list(raw.errors))
    md = compiler or Compiler()
    plain: list[PlainField] = []  # every field a reader sees that is not Markdown, for the traceability check
    config = read_config(raw.site, errors, base_url, plain)
    if config is None:
        errors.raise_if_any()
    strings = read_strings(raw.data.get("strings"), config, errors, plain)
    failed = frozenset(path.stem for path in raw.unreadable if path.parent.name == "data")
    failed |= frozenset(f"sources:{path.name[:-3]}" for path in raw.unreadable if path.parent.name == "sources")
    sources, source_prose = read_sources(raw.sources, config, md, errors,
                                         frozenset(name[len("sources:"):] for name in failed if name.startswith("sources:")),
                                         plain)
    records = read_records(raw.data, config, sources, md, errors, failed)
    pages, page_prose = read_pages(raw.pages, config, md, errors, raw.unreadable, memo, plain)
    check_urls(pages, sources, config, errors)
    prose = page_prose + records.prose + source_prose
    sources, records, anchors = trace_evidence(sources, records, prose, errors, memo)
    assets = fingerprint_assets(raw.static_files, fingerprint)
    names = {code: tracing.numbered_names([term.text[code].term for term in records.terms if code in term.text], code)
             for code in config.codes}
    plain = [*plain, *records.plain]  # every field a reader sees that is not Markdown, records' included
    errors.extend(tracing.check_plain(plain, names,
                                      lambda ident: sources[ident].date if ident in sources else None))
    targets = _targets(config, pages, records, sources, anchors, raw, assets, names)
    rendered: dict[tuple, Rendered] = {}
    everything = digest_of(targets)  # a link's meaning may depend on any of them
    for item in prose:
        rendered[item.slot], mistakes = memo.get(("resolve", everything, *_prose_key(item)),
                                                 lambda item=item: links.resolve(item, targets))
        errors.extend(mistakes)
    pages, records, sources = fill_rendered(pages, records, sources, rendered)
    check_glossary_use(records.terms, prose, plain, errors, memo)
    check_record_pages(records, pages, errors)
    check_groups(records, strings, config, errors)
    editions = read_overrides(raw.data.get("conversions"), config.editions, errors)
    errors.raise_if_any()
    ledger = translations.read_ledger(raw.data.get(translations.LEDGER))
    warnings = (translation_warnings(pages, config, ledger) + record_warnings(records, config)
                + source_warnings(sources, config) + original_warnings(raw, records, config, ledger))
    site = Site(raw.project.root, config, tuple(pages), tuple(records.statistics), _in_date_order(records.events),
                tuple(records.terms), tuple(sources.values()), strings, assets, tuple(warnings),
                frozenset(link.href for item in prose for link in item.compiled.links
                          if link.href.startswith(("http://", "https://"))))
    return derive(site, editions, memo)


def _prose_key(item: Prose) -> tuple:
    """Everything ``links.resolve`` reads of ``item`` (its compiled form is a function of its text)."""
    return (item.text, item.lang, item.path, item.first_line, item.first_column, item.page_key, item.quote,
            item.source, item.slot)


# --- site.yaml -------------------------------------------------------------------


def read_config_file(root: Path) -> Config:
    """Just ``content/site.yaml`` (for commands that need the languages, not the whole site)."""
    from .load import Project, load_data_file

    errors = ErrorList()
    data = load_data_file(Project(root).content / "site.yaml", errors)
    config = read_config(data, errors) if not errors else None
    errors.raise_if_any()
    if config is None:
        raise ContentErrors([ContentError(Location(Project(root).content / "site.yaml"), "cannot read site.yaml")])
    return config


def read_config(data: DataFile | None, errors: ErrorList, base_url: str | None = None,
                plain: list[PlainField] | None = None) -> Config | None:
    if data is None:
        return None
    mapping = expect_mapping(data.value, Location(data.path, 1, 1), "site.yaml", errors)
    if mapping is None:
        return None
    fields = Fields(mapping, "site.yaml", errors,
                    ("title", "description", "languages", "default_language", "base_url"), ("nav", "organisation", "editions"))
    languages = _languages(fields, errors, plain)
    if not languages:
        return None
    codes = tuple(language.code for language in languages)
    default = fields.choice("default_language", codes, codes[0])
    title = _per_language(fields, "title", codes, errors, plain)
    description = _per_language(fields, "description", codes, errors, plain)
    url = _base_url(fields.text("base_url", "/"), fields.loc("base_url"), errors) if base_url is None \
        else _base_url(base_url, Location(Path("--base-url")), errors)
    nav = fields.text_list("nav")
    nav_list = mapping.get("nav")
    locations = tuple(nav_list.item_loc(i) for i in range(len(nav))) if hasattr(nav_list, "item_loc") else ()
    editions = read_editions(mapping.get("editions"), fields.loc("editions"), codes, errors, plain)
    return Config(data.path, title, description, languages, default or codes[0], url, nav, locations,
                  _organisation(fields, codes, errors, plain), editions)


def _languages(fields: Fields, errors: ErrorList, plain: list[PlainField] | None = None) -> tuple[Language, ...]:
    mapping = fields.mapping("languages")
    if mapping is None:
        return ()
    languages = []
    for code, value in mapping.items():
        loc = mapping.key_loc(code)
        if not _LANGUAGE_CODE.match(code):
            errors.add(loc, f"language code '{code}' must be 2-3 lower-case letters", "e.g. zh, en")
            continue
        if locale_of(code) not in LOCALES:
            errors.add(loc, f"no number and date formats for language '{code}'",
                       f"languages with formats: {', '.join(LOCALES)} (add one in microsite/i18n.py)")
            continue
        words = expect_mapping(value, mapping.value_loc(code), f"language '{code}'", errors)
        if words is not None:
            item = Fields(words, f"language '{code}'", errors, ("name",), ("tag",))
            languages.append(Language(code, item.text("name"), item.text("tag", code)))
            if plain is not None and (found := item.plain("name", code, "the language's name")):
                plain.append(found)
    if not languages:
        errors.add(fields.loc("languages"), "site.yaml: no usable language", "list at least one, e.g. zh: {name: 中文}")
    return tuple(languages)


def _organisation(fields: Fields, codes: tuple[str, ...], errors: ErrorList,
                  plain: list[PlainField] | None = None) -> dict[str, dict[str, str]]:
    """What the site is about, for search engines' structured data: its name in each language."""
    mapping = fields.mapping("organisation")
    if mapping is None:
        return {}
    result = {}
    for code in codes:
        words = expect_mapping(mapping.get(code), mapping.value_loc(code), f"site.yaml: organisation: {code}", errors)
        if words is not None:
            item = Fields(words, f"site.yaml: organisation ({code})", errors, ("name",), ("alternate_name",))
            result[code] = {"name": item.text("name"), "alternate_name": item.text("alternate_name")}
            if plain is not None:
                plain.extend(found for key in ("name", "alternate_name")
                             if (found := item.plain(key, code, f"the organisation's {key}")))
    return result


def _per_language(fields: Fields, key: str, codes: tuple[str, ...], errors: ErrorList,
                  plain: list[PlainField] | None = None) -> dict[str, str]:
    mapping = fields.mapping(key)
    if mapping is None:
        return {code: "" for code in codes}
    words = Fields(mapping, f"site.yaml: {key}", errors, codes)
    if plain is not None:
        plain.extend(found for code in codes if (found := words.plain(code, code, f"the site's {key}")))
    return {code: words.text(code) for code in codes}


def _base_url(url: str, loc: Location, errors: ErrorList) -> str:
    """The site's address, ending in "/"; it goes into robots.txt, _headers and every feed, so it must be one plain URL."""
    problem = _base_url_problem(url)
    if problem:
        errors.add(loc, f"base_url {url!r} {problem}", "e.g. https://example.org/ or https://example.org/icf-explained/")
        return "http://localhost/"
    return url if url.endswith("/") else url + "/"


def _base_url_problem(url: str) -> str:
    """What is wrong with ``url`` as the site's address ("" when nothing is)."""
    odd = next((char for char in url if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")), "")
    if odd:  # a line break would add lines to robots.txt and _headers
        what = "a line break" if odd in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029" else \
            "a space" if odd.isspace() else "an invisible control character"
        return f"holds {what} (U+{ord(odd):04X}); write the address alone, on one line"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return "must be an absolute http(s) URL"
    if "@" in parts.netloc:
        return "holds a user name or password; a published address must not"
    return ""


# --- pages ---------------------------------------------------------------------


def read_pages(documents: tuple[Document, ...], config: Config, md: Compiler, errors: ErrorList,
               unreadable: frozenset[Path] = frozenset(), memo: Memo | None = None,
               plain: list[PlainField] | None = None) -> tuple[list[Page], list[Prose]]:
    """Pages paired by key across languages, with parsed bodies; ``plain`` collects their titles."""
    memo = memo or Memo()
    pages, prose = [], []
    by_key: dict[str, dict[str, Page]] = defaultdict(dict)
    root = str(config.path.parent / "pages") + os.sep  # pages live in content/pages/, beside site.yaml
    for document in documents:
        named = _page_name(document, config, errors, root)
        if named is None:
            continue
        key, lang = named
        # A page's own reading depends on its file, its name and the default language only.
        page, compiled, mistakes, fields = memo.get(("page", document.path, document.fingerprint, key, lang,
                                             config.default_language),
                                            lambda: _read_page_alone(document, key, lang, config, md))
        errors.extend(mistakes)
        if page is None:
            continue
        if plain is not None:
            plain.extend(fields)
        pages.append(page)
        by_key[key][lang] = page
        prose.append(Prose(compiled, lang, document.path, document.body_line, page_key=key, slot=("page", key, lang),
                           text=document.body))
    _check_pairs(by_key, config, errors, unreadable)
    _check_nav(config, by_key, errors)
    return pages, prose


def _page_name(document: Document, config: Config, errors: ErrorList, root: str) -> tuple[str, str] | None:
    """The page key and language a file's name gives; ``root`` is the pages folder, ending in a separator."""
    text = str(document.path)
    relative = (text[len(root):] if text.startswith(root) else document.path.name).replace(os.sep, "/")
    stem, _, lang = relative[:-3].rpartition(".")
    if not stem:
        errors.add(Location(document.path), "a page file name must end in .<language>.md",
                   f"rename it, e.g. {relative[:-3]}.{config.default_language}.md")
        return None
    if lang not in config.codes:
        errors.add(Location(document.path), f"unknown language '{lang}' in the file name",
                   f"languages of site.yaml: {', '.join(config.codes)}")
        return None
    if "/" in stem and stem.split("/")[0] in RESERVED_FOLDERS:
        errors.add(Location(document.path), f"'{stem.split('/')[0]}' is reserved for the site's own files",
                   f"move the page out of pages/{stem.split('/')[0]}/")
        return None
    if not all(_KEY_SEGMENT.match(segment) for segment in stem.split("/")):
        errors.add(Location(document.path), f"'{stem}' cannot be a page name",
                   "use lower-case ASCII letters, digits and hyphens in file and folder names")
        return None
    too_long = _too_long(stem, config)
    if too_long:
        errors.add(Location(document.path), f"the page name is too long: {too_long}",
                   "shorten its file or folder names (they become the page's address)")
        return None
    return stem, lang


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


def _read_page_alone(document: Document, key: str, lang: str, config: Config,
                     md: Compiler) -> tuple[Page | None, Compiled | None, list[ContentError], tuple[PlainField, ...]]:
    """``_read_page`` with its own list of mistakes (so that the whole result can be remembered), and the
    front matter's fields a reader sees."""
    mistakes = ErrorList()
    page, compiled, fields = _read_page(document, key, lang, config, md, mistakes)
    return page, compiled, list(mistakes.errors), fields


def _read_page(document: Document, key: str, lang: str, config: Config, md: Compiler,
               errors: ErrorList) -> tuple[Page | None, Compiled | None, tuple[PlainField, ...]]:
    front = expect_mapping(document.front, Location(document.path, 2, 1), "front matter", errors)
    if front is None:
        return None, None, ()
    fields = Fields(front, "front matter", errors, ("title", "description"),
                    ("template", "weight", "nav_title", translations.KEY))
    title, description = fields.text("title"), fields.text("description")
    template = fields.choice("template", TEMPLATES, "page")
    compiled = md(document.body)
    for line, ident in compiled.duplicate_ids:
        errors.add(Location(document.path, document.body_line + line), f"two headings have the anchor {{#{ident}}}",
                   "give each heading its own anchor; links to it would reach the first one")
    url = page_url(key, lang, config.default_language)
    page = Page(key, lang, document.path, title, description, template or "page", fields.integer("weight", 0) or 0,
                fields.text("nav_title", title), url, Rendered(), compiled.heading_ids,
                document.fingerprint, fields.text(translations.KEY), document.words)
    shown = tuple(found for name in ("title", "description", "nav_title")
                  if (found := fields.plain(name, lang, f"the page's {name}")) is not None)
    return page, compiled, shown


def _check_pairs(by_key: dict[str, dict[str, Page]], config: Config, errors: ErrorList,
                 unreadable: frozenset[Path]) -> None:
    templates: dict[str, str] = {}
    for key, versions in sorted(by_key.items()):
        for code in config.codes:
            some = next(iter(versions.values()))
            if code not in versions and _sibling(some.path, key, code) not in unreadable:
                errors.add(Location(some.path), f"page '{key}' has no {config.language(code).name} ({code}) version",
                           f"create pages/{key}.{code}.md: every page exists in every language")
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


def _sibling(path: Path, key: str, lang: str) -> Path:
    """The file of page ``key`` in ``lang``, beside ``path`` (another language of it)."""
    return _pages_root(path) / f"{key}.{lang}.md"


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


def check_urls(pages: list[Page], sources: dict[str, Source], config: Config, errors: ErrorList) -> None:
    """Two things written to one file would silently overwrite each other."""
    owners: dict[str, Path] = {}
    outputs = [(page.url, page.path) for page in pages]
    outputs += [(page_url(source.key, code, config.default_language), source.path)
                for source in sources.values() for code in config.codes]
    root = config.path.parent.parent
    for url, path in outputs:
        target = output_path(url)
        if target in owners and owners[target] != path:
            other = owners[target].relative_to(root) if owners[target].is_relative_to(root) else owners[target]
            errors.add(Location(path), f"two pages have the URL {url}: this file and {other}",
                       "rename one of them")
        owners.setdefault(target, path)


# --- provenance ------------------------------------------------------------------


@dataclass(frozen=True)
class _Quoted:
    name: str  # anchor name candidate, e.g. stat-donations
    source: str
    quote: str
    location: Location
    what: str


def trace_evidence(sources: dict[str, Source], records: Records, prose: list[Prose], errors: ErrorList,
                   memo: Memo | None = None) -> tuple[dict[str, Source], Records, dict[tuple[str, str], str]]:
    """Find every quote in its source; check numbers and dates; anchor the passages."""
    memo = memo or Memo()
    quoted = _record_quotes(records) + _prose_quotes(prose)
    spans: dict[str, list[tuple[str, provenance.QuoteSpan]]] = defaultdict(list)
    by_name: dict[str, tuple[str, str]] = {}
    texts = {ident: digest_of(source.blocks) for ident, source in sources.items()}
    searchable = {ident: memo.get(("searchable", texts[ident]), lambda s=source: provenance.SearchableText.of(s.blocks))
                  for ident, source in sources.items()}
    looked_up: dict[tuple[str, str], tuple[list, str]] = {}  # the same quote is often cited many times
    normalized: dict[str, str] = {}

    def normal(quote: str) -> str:
        if quote not in normalized:
            normalized[quote] = provenance.normalize(quote)[0]
        return normalized[quote]

    for item in quoted:
        if item.source not in searchable:
            continue  # already reported where the source is named
        if (item.source, item.quote) not in looked_up:
            looked_up[(item.source, item.quote)] = memo.get(
                ("quote", texts[item.source], item.quote),
                lambda item=item: provenance.find_quote(searchable[item.source], item.quote))
        found, reason = looked_up[(item.source, item.quote)]
        if not found:
            short = reason.startswith(provenance.TOO_SHORT)
            what = "the quote is too short to name a passage of" if short else "quote not found in"
            errors.add(item.location, f"{item.what}: {what} source '{item.source}'", reason)
            continue
        if len(found) > 1:
            lines = ", ".join(str(line) for line in sorted({sources[item.source].blocks[s.block].line for s in found}))
            errors.add(item.location, f"{item.what}: the quote occurs {len(found)} times in source '{item.source}' "
                                      f"(source lines {lines}), so it names no one passage",
                       "make it longer: quote more of the passage around it, until it occurs only once")
        spans[item.source].append((item.name, found[0]))
        by_name[item.name] = (item.source, normal(item.quote))
    anchors: dict[tuple[str, str], str] = {}
    for ident, source in list(sources.items()):
        found_passages, names = provenance.passages(spans.get(ident, []))
        sources[ident] = replace(source, passages=tuple(found_passages))
        for name, anchor in names.items():
            anchors[by_name[name]] = anchor
    for source, quote in looked_up:  # also by the quote as written, which saves normalizing it again
        if (source, normal(quote)) in anchors:
            anchors[(source, quote)] = anchors[(source, normal(quote))]
    _check_facts(records, sources, errors)
    return sources, _anchor_records(records, anchors), anchors


def _record_quotes(records: Records) -> list[_Quoted]:
    quoted = []
    for kind, items in (("stat", records.statistics), ("event", records.events), ("term", records.terms)):
        for record in items:
            if record.evidence is not None:
                quoted.append(_Quoted(f"{kind}-{record.id}", record.evidence.source, record.evidence.quote,
                                      record.evidence.location or record.location, f"{_KIND_NAMES[kind]} '{record.id}'"))
    return quoted


_KIND_NAMES = {"stat": "statistic", "event": "event", "term": "glossary term"}


def _prose_quotes(prose: list[Prose]) -> list[_Quoted]:
    quoted = []
    for item in prose:
        for number, citation in enumerate(links.citations(item)):
            if citation.quote:
                name = f"cite-{citation.location.line}-{citation.location.column}-{number}"
                quoted.append(_Quoted(name, citation.source, citation.quote, citation.location, "citation"))
    return quoted


def _check_facts(records: Records, sources: dict[str, Source], errors: ErrorList) -> None:
    for statistic in records.statistics:
        problem = provenance.number_problem(statistic.value, statistic.qualifier, statistic.evidence.quote)
        if problem:
            errors.add(statistic.evidence.location or statistic.location, f"statistic '{statistic.id}': {problem}",
                       _number_hint(statistic))
    for event in records.events:
        source = sources[event.evidence.source]
        problem = provenance.date_problem(event.date, event.evidence.quote, source.date)
        if problem:
            errors.add(event.evidence.location or event.location, f"event '{event.id}': {problem}",
                       f"relative dates are read against the article's date, {source.date.isoformat()}")


def _number_hint(statistic) -> str:
    """The qualifier to write when the quote has the number with another one; else how values are written."""
    said = [number for number in find_numbers_zh(statistic.evidence.quote) if same_value(number.value, statistic.value)]
    if said:
        return (f"write qualifier: {said[0].qualifier} ('{said[0].text}'; 超 = over, 余 = more-than, 近 = nearly, "
                "约 = about, none = exact)")
    return "the value must be the number the quote gives, in base units (4.5亿 = 450000000)"


def _anchor_records(records: Records, anchors: dict[tuple[str, str], str]) -> Records:
    def anchored(record):
        evidence: Evidence | None = record.evidence
        if evidence is None:
            return record
        anchor = anchors.get((evidence.source, provenance.normalize(evidence.quote)[0]), "")
        return replace(record, evidence=replace(evidence, anchor=anchor))

    return replace(records, statistics=[anchored(r) for r in records.statistics],
                   events=[anchored(r) for r in records.events], terms=[anchored(r) for r in records.terms])


# --- links and glossary ------------------------------------------------------------


def _targets(config: Config, pages: list[Page], records: Records, sources: dict[str, Source],
             anchors: dict, raw: RawContent, assets: dict[str, Asset], names: dict[str, tuple[str, ...]]) -> Targets:
    special = {page.template: page.key for page in pages if page.template in SINGLE_TEMPLATES}
    return Targets(
        config=config,
        pages={(page.key, page.lang): page.heading_ids for page in pages},
        special=special,
        statistics={s.id: s.formatted for s in records.statistics},
        events=frozenset(e.id for e in records.events),
        event_dates={e.id: e.date for e in records.events},
        terms=frozenset(t.id for t in records.terms),
        sources={ident: source.date for ident, source in sources.items()},
        anchors=anchors,
        static_files=frozenset(assets),
        asset_paths={name: asset.path for name, asset in assets.items()},
        broken=records.broken,
        unreadable=frozenset(path.relative_to(raw.project.content).as_posix() for path in raw.unreadable
                             if path.is_relative_to(raw.project.content)),
        names=names,
    )


def check_glossary_use(terms: list[Term], prose: list[Prose], plain: list[PlainField], errors: ErrorList,
                       memo: Memo | None = None) -> None:
    """Renderings a glossary entry says to avoid must not appear in that language's text.

    That is all the Markdown (``prose``) and every other field a reader sees (``plain``: titles, menu
    names, labels, source titles, UI strings), except the glossary's own, which may say why a rendering
    is avoided.
    """
    memo = memo or Memo()
    texts = [(item.lang, item.text, item.location) for item in prose if item.path.name != "glossary.yaml"]
    texts.extend((field.lang, field.text, lambda line, column, f=field: f.place(_index(f.text, line, column)))
                 for field in plain if field.location.path.name != "glossary.yaml")
    preferred: dict[str, dict[str, str]] = defaultdict(dict)  # lang -> phrase (lower case) -> the term to use
    for term in terms:
        for lang, words in term.text.items():
            for phrase in words.avoid:
                preferred[lang][phrase.lower()] = words.term
    for lang, phrases in preferred.items():
        # One pattern for all of a language's phrases, so each text is scanned once.
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")\b",
                             re.IGNORECASE | re.MULTILINE)
        _report_phrases(pattern, [t for t in texts if t[0] == lang], phrases, errors, memo)


def _report_phrases(pattern: re.Pattern, texts: list, preferred: dict[str, str], errors: ErrorList,
                    memo: Memo) -> None:
    for _, text, locate in texts:
        for line, column, phrase in memo.get(("avoid", pattern.pattern, text), lambda: _phrases_in(pattern, text)):
            errors.add(locate(line, column), f"'{phrase}' is a rendering the glossary says to avoid",
                       f"write '{preferred[phrase.lower()]}' (see content/data/glossary.yaml)")


def _index(text: str, line: int, column: int) -> int:
    """The character index in ``text`` of a 0-based ``line`` and ``column``."""
    return sum(len(before) + 1 for before in text.split("\n")[:line]) + column


def _phrases_in(pattern: re.Pattern, text: str) -> tuple[tuple[int, int, str], ...]:
    """Each match of ``pattern`` in ``text``: its 0-based line, column in that line, and the words."""
    found = []
    for match in pattern.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        found.append((text.count("\n", 0, start), start - line_start, match.group(0)))
    return tuple(found)


def fill_rendered(pages: list[Page], records: Records, sources: dict[str, Source],
                  rendered: dict[tuple, Rendered]) -> tuple[list[Page], Records, dict[str, Source]]:
    """Put each resolved Markdown text back in the page or record it belongs to (its ``slot``)."""
    def words(record, kind: str, field: str):
        return {lang: replace(text, **{field: rendered.get((kind, record.id, lang, field), getattr(text, field))})
                for lang, text in record.text.items()}

    pages = [replace(page, body=rendered.get(("page", page.key, page.lang), page.body)) for page in pages]
    records = replace(records, statistics=[replace(s, text=words(s, "stat", "note")) for s in records.statistics],
                      events=[replace(e, text=words(e, "event", "text")) for e in records.events],
                      terms=[replace(t, text=words(t, "term", "definition")) for t in records.terms])
    sources = {ident: replace(source, translations={
        lang: replace(text, summary=rendered.get(("source", ident, lang, "summary"), text.summary))
        for lang, text in source.translations.items()}) for ident, source in sources.items()}
    return pages, records, sources


def translation_warnings(pages: list[Page], config: Config, ledger: dict | None = None) -> list[ContentError]:
    """Translations that were never marked as such, or whose original changed since (with what changed)."""
    originals = {page.key: page for page in pages if page.lang == config.default_language}
    warnings = []
    for page in pages:
        original = originals.get(page.key)
        if original is None or page.lang == config.default_language:
            continue
        hint = f"bring it up to date, then run: python3 build.py translated {_shown(page.path)}"
        if page.body == original.body and page.title == original.title:
            warnings.append(ContentError(Location(page.path), "untranslated: the same text as the original", hint))
        elif not page.translated_from:
            warnings.append(ContentError(Location(page.path), f"not marked as a translation of {original.path.name}",
                                         hint))
        elif page.translated_from not in (original.fingerprint, original.words):
            summary, diff = _page_change(original, ledger or {})
            warnings.append(ContentError(Location(page.path), f"out of date: {original.path.name} has changed "
                                         "since this translation was made" + (f": {summary}" if summary else ""),
                                         hint, diff))
    return warnings


def _page_change(original: Page, ledger: dict) -> tuple[str, str]:
    """What changed in an original page since the ledger recorded it (unknown if it did not)."""
    before = ledger.get(f"page:{original.key}", {}).get("original", "")
    try:
        return translations.describe_change(before, original.path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return "", ""


def original_warnings(raw: RawContent, records: Records, config: Config, ledger: dict) -> list[ContentError]:
    """Records and sources whose original words changed since their translations were brought up to date."""
    located = {f"{kind}:{record.id}": record.location for kind, items in
               (("stat", records.statistics), ("event", records.events), ("term", records.terms)) for record in items}
    others = ", ".join(code for code in config.codes if code != config.default_language)
    warnings = []
    for original in _originals(raw, config):
        changed, summary, diff = translations.changed_since(original, ledger)
        if changed:
            warnings.append(ContentError(
                located.get(original.key, Location(original.path)),
                f"{original.what}: its {config.default_language} words changed since its {others} translation was "
                "brought up to date" + (f": {summary}" if summary else ""),
                f"update the {others} words, then run: python3 build.py translated {_shown(original.path)}", diff))
    return warnings


def _originals(raw: RawContent, config: Config) -> list[translations.Original]:
    """The records' and sources' words in the default language (what the other languages translate)."""
    originals = translations.record_originals(raw.data, config.default_language)
    for document in raw.sources:
        ident = document.path.name[:-3]
        if "." not in ident and isinstance(document.front, dict):
            originals.append(translations.source_original(ident, document.path, document.front, document.body))
    return originals


def record_warnings(records: Records, config: Config) -> list[ContentError]:
    """Glossary terms with no quote, and record words identical to the original's (untranslated)."""
    warnings = []
    for term in records.terms:
        if term.evidence is None:
            warnings.append(ContentError(term.location, f"glossary term '{term.id}' has no source quote",
                                         "add source: and quote: where the article uses the term"))
    default = config.default_language
    for record in [*records.statistics, *records.events, *records.terms]:
        for lang, words in record.text.items():
            if lang != default and words == record.text[default]:
                warnings.append(ContentError(record.location, f"'{record.id}': the {lang} words are the same as "
                                             f"the {default} ones (untranslated?)", f"translate its {lang}: words"))
    return warnings


def source_warnings(sources: dict[str, Source], config: Config) -> list[ContentError]:
    """Sources without their words in a language: that language's source page would show the original's."""
    warnings = []
    for source in sources.values():
        for lang in config.codes:
            if lang != source.lang and lang not in source.translations:
                name = f"{source.id}.{lang}.md"
                warnings.append(ContentError(Location(source.path), f"no {name}: the {lang} page of this source shows "
                                             f"its {source.lang} title and author, and no summary",
                                             f"add {_shown(source.path.with_name(name))} with outlet, title, author "
                                             "and a summary (as the other sources' have)"))
    return warnings


def _shown(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("content"):]) if "content" in parts else str(path)


def check_record_pages(records: Records, pages: list[Page], errors: ErrorList) -> None:
    """A record's ``pages`` must name pages that exist."""
    keys = {page.key for page in pages}
    for record in [*records.statistics, *records.events]:
        for key in record.pages:
            if key not in keys:
                errors.add(record.location, f"'{record.id}': pages lists '{key}', which is not a page",
                           _page_key_hint(key, keys, "pages"))


def check_groups(records: Records, strings: dict[str, dict[str, str]], config: Config, errors: ErrorList) -> None:
    """Figures charted together share a unit, and each group has a title in strings.yaml."""
    units: dict[str, tuple[str, str]] = {}
    for statistic in records.statistics:
        if not statistic.group:
            continue
        first = units.setdefault(statistic.group, (statistic.unit, statistic.id))
        if first[0] != statistic.unit:
            errors.add(statistic.location, f"statistic '{statistic.id}' is in group '{statistic.group}' with "
                       f"'{first[1]}', but their units differ ({statistic.unit}, {first[0]})",
                       "a chart compares figures of one unit; use another group")
        key = f"group_{statistic.group}"
        if key not in strings and first[1] == statistic.id:
            errors.add(statistic.location, f"group '{statistic.group}' has no title",
                       f"add '{key}:' with a chart title in every language to content/data/strings.yaml")


def _in_date_order(events: list[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda event: event.date.sort_key()))

