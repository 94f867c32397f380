"""Stage 2, validate: turn raw documents into a checked, cross-referenced site.

In order: site settings (:mod:`config`), UI strings, sources, data records
(:mod:`records`), pages (paired by language, one URL each: :mod:`pages`);
then provenance (every quote found once in its source, every number and date
in its quote: :mod:`evidence`), then every link resolved (:mod:`links`) and
every number a reader sees traced (:mod:`tracing`), then glossary
consistency (:mod:`glossary`). All mistakes of the stage are collected and
raised together; what is only worth a warning is gathered last
(:mod:`editor_warnings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import links, tracing, translations
from .assets import Asset, fingerprint_assets
from .compiled import Compiler
from .config import read_config
from .editions import derive, read_overrides
from .editor_warnings import (chinese_passages, comments_after_text, markdown_in_plain, original_warnings,
                              record_warnings, source_warnings, translation_warnings, unread_warnings)
from .errors import ContentError, ErrorList
from .evidence import trace_evidence
from .glossary import check_glossary_use
from .jsonforms import MISTAKES, RESOLVED
from .known import Known, KnownPage
from .links import Prose, Targets
from .load import RawContent
from .memo import Memo, digest_of
from .model import Config, Event, Page, Rendered, Site, Source
from .pages import SINGLE_TEMPLATES, check_record_pages, read_pages
from .records import Records, check_groups, rate_of, read_records, read_sources, read_strings
from .static_text import static_mistakes
from .tracing import PlainField


def validate(raw: RawContent, base_url: str | None = None, fingerprint: bool = True,
             compiler: Compiler | None = None, memo: Memo | None = None, known: Known | None = None) -> Site:
    """Check everything; raise :class:`ContentErrors` with every mistake found.

    ``base_url`` overrides the one in site.yaml (preview deploys, the local server);
    ``fingerprint`` puts content hashes in static file names (off for the live preview);
    ``compiler`` compiles Markdown (one that remembers earlier results makes rebuilds fast);
    ``memo`` remembers the per-text checks of earlier builds in this process (see ``memo``);
    ``known``: ``raw`` holds only the pages of ``known.keys``, and what the last build knew of the others stands
    for them in every check across pages (see ``known``). The site then has only those pages; it raises
    :class:`~microsite.known.NotReusable` when the link targets come out other than the last build's, but for
    the headings of those pages that no other page's links looked at.
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
    records = read_records(raw.data, config, sources, md, errors, failed, memo)
    pages, page_prose, unread_pages = read_pages(raw.pages, config, md, errors, raw.unreadable, memo, plain,
                                   known.others if known is not None else ())
    every = known.in_order(pages) if known is not None else pages  # the site's pages, in order, as known or read
    sources, records, anchors = trace_evidence(sources, records, records.prose + source_prose, errors, memo, every)
    prose = page_prose + records.prose + source_prose
    assets = fingerprint_assets(raw.static_files, fingerprint, raw.project.static, errors)
    for file in raw.static_files:  # an SVG's or a page's own words, a stylesheet's strings and counters, a text
        path = raw.project.static / file.name  # file's: kept by its bytes for the next process (a megabyte of
        key = ("static text", str(path), digest_of(file.content))  # text is read in a second)
        errors.extend(memo.get_kept(key, lambda file, path=path: static_mistakes(file.name, file.content, path), file,
                                    MISTAKES))
    names = {code: tracing.numbered_names([term.text[code].term for term in records.terms if code in term.text], code)
             for code in config.codes}
    # A name in any language is traced by its term's quote: the Chinese term in brackets in an English text too.
    every_name = tuple(dict.fromkeys(name for code in config.codes for name in names[code]))
    names = {code: every_name for code in config.codes}

    def dated(ident: str) -> date | None:
        return sources[ident].date if ident in sources else None

    errors.extend(tracing.check_plain(plain, names, dated, memo))  # site.yaml's, the strings', the pages' fields
    errors.extend(_untraced_in_records(records.plain, names, dated, memo))
    plain = [*plain, *records.plain]  # every field a reader sees that is not Markdown, records' included
    targets = _targets(config, every, records, sources, anchors, raw, assets, names, unread_pages)
    rendered: dict[tuple, Rendered] = {}
    # A link's meaning may depend on any of them. The pages' headings apart, which the pages' own files decide,
    # so that a build that reads some pages only can tell a change of theirs from any other (see ``known``).
    beside_pages = memo.digest("link targets beside pages", replace(targets, pages={}))
    if known is not None and beside_pages == known.index.beside_pages and known.same_headings(pages):
        everything = known.index.targets  # each part the last build's: its digest, not encoded again (10,000 pages)
    else:
        everything = digest_of((beside_pages, memo.digest("link targets' pages", targets.pages)))
        if known is not None and everything != known.index.targets:
            known.confirm_targets(beside_pages, pages)
    _carry_over_resolved(prose, targets, everything, memo)
    resolved = memo.get_all([("resolve", everything, *_prose_key(item)) for item in prose],
                            lambda item: links.resolve_noting(item, targets), prose, RESOLVED)
    nowhere: list[tuple[Prose, list[int]]] = []  # links without an address: each must be explained by a mistake
    reads: dict[Path, set[str]] = {}  # by file, the pages whose headings its links looked at (see ``known``)
    for item, (fills, mistakes, read) in zip(prose, resolved):
        if read.pages:
            reads.setdefault(item.path, set()).update(key for key, _ in read.pages)
        rendered[item.slot] = memo.of("body", (item.compiled, fills), lambda item=item, fills=fills:
                                      Rendered(item.compiled.body, fills))  # one object while neither changes
        errors.extend(mistakes)
        if unaddressed := links.unaddressed(fills):
            nowhere.append((item, unaddressed))
    pages, records, sources = fill_rendered(pages, records, sources, rendered, memo)
    check_glossary_use(records.terms, prose, plain, errors, memo)
    check_record_pages(records, every, errors)
    check_groups(records, strings, config, errors)
    editions = read_overrides(raw.data.get("conversions"), config.editions, errors, memo)
    ledger = translations.read_ledger(raw.data.get(translations.LEDGER), errors)
    errors.raise_if_any()
    _no_link_to_nowhere(nowhere)
    about_texts = markdown_in_plain(plain, md.md) + comments_after_text(plain) + chinese_passages(prose, config)
    read = {page.path for page in pages}
    warnings = (_in_page_order(translation_warnings(pages, config, ledger)
                               + [warning for warning in about_texts if warning.location.path in read], every)
                + record_warnings(records, config) + source_warnings(sources, config)
                + original_warnings(raw, records, config, ledger) + unread_warnings(raw)
                + [warning for warning in about_texts if warning.location.path not in read])
    external = frozenset(href for item in prose for href in item.compiled.external)
    if known is not None:
        external |= frozenset(href for page in known.others for href in page.external)
    site = Site(raw.project.root, config, tuple(pages), tuple(records.statistics), _in_date_order(records.events),
                tuple(records.terms), tuple(sources.values()), strings, assets, tuple(warnings), external,
                link_targets=everything, targets_beside_pages=beside_pages,
                reads={path: tuple(sorted(keys)) for path, keys in reads.items()})
    if known is None:
        return derive(site, editions, memo)
    # Whether each of an edition's own conversions still matches some text asks of every page's: the others' said.
    return derive(site, editions, memo, frozenset(page.key for page in known.others), known.conversions())


def _untraced_in_records(fields: tuple[PlainField, ...], names: dict[str, tuple[str, ...]],
                         dated: Callable[[str], date | None], memo: Memo) -> list[ContentError]:
    """:func:`tracing.check_plain` of the records' fields, remembered whole by all it reads (the fields, the
    glossary's names, the dates of the sources their quotes are from), and kept for the next process: a build
    after a page edit finds the records as they were, and reads back their check rather than every number of
    every label and quote again (0.06 s of such a build at 10,000 pages)."""
    key = ("untraced in records", digest_of((fields, names, [dated(field.source) for field in fields if field.quote])))
    return memo.get_kept(key, lambda _: tracing.check_plain(fields, names, dated, memo), None, MISTAKES)


def _no_link_to_nowhere(nowhere: list[tuple[Prose, list[int]]]) -> None:
    """Refuse a site with no mistake but a link that leads nowhere (``nowhere``: each text, with the places of
    such links among its links).

    A link is left without an address only when its mistake is reported,
    there or where what it names is (a quote not found, a record or a
    source that could not be read). One left so in a site with no mistake
    is microsite's own mistake (two passages named alike once did it to a
    citation), and is reported rather than published as a link that does
    nothing, whose numbers nothing traced.
    """
    found = ErrorList()
    for item, places in nowhere:
        found_links, _ = item.compiled.survey.found()
        for place in places:
            link = found_links[place]
            found.add(item.location(link.line, link.column),
                      f"the link to '{link.href}' leads nowhere, though nothing in the content explains why: "
                      "this is microsite's mistake, not the content's",
                      "report it with this page; meanwhile, write the link's text without the link")
    found.raise_if_any()


def _in_page_order(found: list[ContentError], every: list[Page | KnownPage]) -> list[ContentError]:
    """The warnings about pages (``found``, of the pages read), each page's in the site's order; a page not read
    has those the last build gave it."""
    by_page: dict[Path, list[ContentError]] = {}
    for warning in found:
        by_page.setdefault(warning.location.path, []).append(warning)
    return [warning for page in every
            for warning in (page.warnings if isinstance(page, KnownPage) else by_page.get(page.path, ()))]


def _carry_over_resolved(prose: list[Prose], targets: Targets, everything: str, memo: Memo) -> None:
    """Remember under this build's key each text resolved against the last build's link targets that read
    nothing of what changed in them since (see ``links.Read``).

    Every text's key names all the targets (``everything``), so a heading
    added to one page would resolve the links of all 10,000 again (a second
    in the preview). A resolution read only some of them: the pages it
    looked up, the fields it used. Where none of those changed, it is
    exactly what resolving again would give.
    """
    last = memo.last("link targets", (targets, everything))
    if last is None or last[1] == everything:
        return
    changed = links.changed_between(last[0], targets)
    for item in prose:
        key = _prose_key(item)
        before = memo.peek(("resolve", last[1], *key))
        if before is not None and not before[2].meets(changed):
            memo.get(("resolve", everything, *key), lambda before=before: before)


def _prose_key(item: Prose) -> tuple:
    """Everything ``links.resolve`` reads of ``item``: its text, by the key it was compiled under (its compiled
    form is a function of it), not whole: the key is digested again in a fresh process, for each text."""
    return (item.compiled.body.key, item.lang, item.path, item.first_line, item.first_column, item.page_key, item.quote,
            item.source, item.slot)


def _targets(config: Config, pages: list[Page | KnownPage], records: Records, sources: dict[str, Source],
             anchors: dict, raw: RawContent, assets: dict[str, Asset], names: dict[str, tuple[str, ...]],
             unread_pages: frozenset[Path] = frozenset()) -> Targets:
    special = {page.template: page.key for page in pages if page.template in SINGLE_TEMPLATES}
    return Targets(
        config=config,
        pages={(page.key, page.lang): page.heading_ids for page in pages},
        special=special,
        statistics={s.id: s.formatted for s in records.statistics},
        rates={s.id: rate for s in records.statistics if (rate := rate_of(s))},
        events=frozenset(e.id for e in records.events),
        event_dates={e.id: e.date for e in records.events},
        terms=frozenset(t.id for t in records.terms),
        sources={ident: source.date for ident, source in sources.items()},
        languages={ident: source.lang for ident, source in sources.items()},
        headers={ident: links.header_quantities(source) for ident, source in sources.items()},
        anchors=anchors,
        static_files=frozenset(assets),
        asset_paths={name: asset.path for name, asset in assets.items()},
        broken=records.broken,
        unreadable=frozenset(path.relative_to(raw.project.content).as_posix() for path in (*raw.unreadable,
                                                                                           *unread_pages)
                             if path.is_relative_to(raw.project.content)) | records.shapeless,
        names=names,
    )


def fill_rendered(pages: list[Page], records: Records, sources: dict[str, Source],
                  rendered: dict[tuple, Rendered], memo: Memo) -> tuple[list[Page], Records, dict[str, Source]]:
    """Put each resolved Markdown text back in the page or record it belongs to (its ``slot``).

    A page so filled is remembered (``memo``): the preview then keeps the very
    same page object while neither its reading nor its body changes, and with it
    what was computed from it once (its digest, its summary: see ``model.Page``).
    """
    def words(record, kind: str, field: str):
        return {lang: replace(text, **{field: rendered.get((kind, record.id, lang, field), getattr(text, field))})
                for lang, text in record.text.items()}

    def filled(page: Page) -> Page:
        body = rendered.get(("page", page.key, page.lang), page.body)
        return memo.of("filled", (page, body), lambda: replace(page, body=body))

    pages = [filled(page) for page in pages]
    records = replace(records, statistics=[replace(s, text=words(s, "stat", "note")) for s in records.statistics],
                      events=[replace(e, text=words(e, "event", "text")) for e in records.events],
                      terms=[replace(t, text=words(t, "term", "definition")) for t in records.terms])
    sources = {ident: replace(source, translations={
        lang: replace(text, summary=rendered.get(("source", ident, lang, "summary"), text.summary))
        for lang, text in source.translations.items()}) for ident, source in sources.items()}
    return pages, records, sources


def _in_date_order(events: list[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda event: event.date.sort_key()))
