"""Editions: a language the build derives from another by converting its script, never typed twice.

The Traditional Chinese edition (``zh-hant``) is the Simplified site run
through OpenCC at build time: pages, data records, UI strings and the
site's name. An editor fixes a conversion with phrase overrides in
``content/data/conversions.yaml``; an override that no longer matches
any text is a mistake (it would hide a fix that stopped applying).

What is not converted: a source's original text (the evidence, shown as
printed, with the conversion beside it and labelled as one), ``id`` and
``href`` values (anchors stay the same in every edition), and numbers and
dates, which OpenCC does not change and an override may not change either
(every number a reader sees is traced on the original): a replacement that
reads a number, its qualifier, unit or currency, or a date otherwise than its
phrase does is refused (see ``readings``). In an edition that keeps the
original's words (``s2tw``), a replacement folded back to Simplified
characters must be its phrase: it changes the characters, never the words.

Each text is converted once and remembered under the profile, the
overrides and the text itself (see ``memo``); the texts of each page, record
and source are also kept together in the cache's store, so that a build in a
new process converts only what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.resources import files
from typing import Any

from .errors import ContentError, ErrorList, Location
from .jsonforms import CONVERTED, FOLDED
from .langtags import read_tag
from .load import DataFile
from .memo import Memo
from .model import Language, Page, Rendered, Site, Source, SourceText, page_url
from .patterns import compile_later
from .readings import change
from .schema import Fields, expect_mapping
from .tracing import PlainField

_EDITION_CODE = compile_later(r"[a-z]{2,3}-[a-z]{2,8}\Z")
PROFILES = ("s2t", "s2tw", "s2twp", "s2hk")  # OpenCC's Simplified-to-Traditional profiles
# The profiles that keep the original's words and change only its characters (s2twp also puts Taiwan's words in:
# 数据 as 資料): in their editions an override may only write the phrase's own words in other characters.
_SCRIPT_ONLY = ("s2t", "s2tw", "s2hk")
_TAG_OR_TEXT = compile_later(r"(<[^<>]*>)")  # (the renderer escapes < in text and values)
_SHOWN_ATTRIBUTE = compile_later(r'(\s(?:title|alt|aria-label)=")([^"]*)(")')  # words a reader sees in a tag
_HREF = compile_later(r'(\shref=")([^"#]*)')
_FIRST_PLACEHOLDER = 0xF0000  # a private-use plane that no content uses (and OpenCC passes through)


@dataclass(frozen=True)
class Override:
    """A phrase OpenCC converts wrongly, and what it must become: ``晋江`` -> ``晉江``."""

    phrase: str
    replacement: str
    location: Location


@dataclass(frozen=True)
class Edition:
    """A language converted from another: ``code`` in URLs, ``source`` the language it is made from."""

    code: str
    source: str
    name: str
    tag: str
    profile: str  # the OpenCC conversion, e.g. s2tw
    overrides: tuple[Override, ...] = ()

    @property
    def language(self) -> Language:
        return Language(self.code, self.name, self.tag)


def read_editions(mapping: Any, loc: Location, codes: tuple[str, ...], tags: dict[str, str], errors: ErrorList,
                  plain: list[PlainField] | None = None) -> tuple[Edition, ...]:
    """``editions:`` of site.yaml: ``zh-hant: {from: zh, name: 繁體中文, tag: zh-Hant, conversion: s2tw}``;
    ``tags``: the languages' tags (see :func:`~microsite.langtags.read_tag`), which an edition's may not repeat;
    ``plain`` collects each edition's name (a field a reader sees, for the traceability check)."""
    if mapping is None:
        return ()
    mapping = expect_mapping(mapping, loc, "site.yaml: editions", errors)
    editions = []
    for code, value in (mapping or {}).items():
        if not _EDITION_CODE.match(str(code)) or code in codes:
            errors.add(mapping.key_loc(code), f"edition code '{code}' must be a language code, a hyphen and a "
                       "script or region, and not one of the languages", "e.g. zh-hant")
            continue
        words = expect_mapping(value, mapping.value_loc(code), f"edition '{code}'", errors)
        if words is not None:
            item = Fields(words, f"edition '{code}'", errors, ("from", "name", "tag", "conversion"))
            source = item.choice("from", codes)
            tag = read_tag(item, f"edition '{code}'", code, tags, errors)
            editions.append(Edition(code, source, item.text("name"), tag,
                                    item.choice("conversion", PROFILES)))
            if plain is not None and (found := item.plain("name", source, "the edition's name")):
                plain.append(found)
    return tuple(editions)


def read_overrides(data: DataFile | None, editions: tuple[Edition, ...], errors: ErrorList,
                   memo: Memo | None = None) -> tuple[Edition, ...]:
    """``conversions.yaml``: per edition, phrases of the original and what each must become (``memo`` remembers
    what each replacement says in Simplified characters, for the next process too)."""
    if data is None or data.value is None:
        return editions
    mapping = expect_mapping(data.value, Location(data.path, 1, 1), "conversions.yaml", errors)
    if mapping is None:
        return editions
    known = {edition.code: edition for edition in editions}
    for code in mapping:
        if code not in known:
            errors.add(mapping.key_loc(code), f"conversions for '{code}', which is not an edition of site.yaml",
                       f"editions: {', '.join(known) or 'none'}")
    return tuple(replace(edition, overrides=_words_kept(edition, _overrides(mapping, edition.code, errors), errors,
                                                        memo or Memo()))
                 if edition.code in mapping else edition for edition in editions)


def _overrides(mapping: Any, code: str, errors: ErrorList) -> tuple[Override, ...]:
    phrases = expect_mapping(mapping[code], mapping.value_loc(code), f"conversions: {code}", errors) or {}
    result = []
    for phrase, replacement in phrases.items():
        where = phrases.key_loc(phrase)
        if not isinstance(replacement, str) or not str(phrase).strip() or not replacement.strip():
            errors.add(where, f"conversion of '{phrase}' must be a phrase and its replacement", "e.g. 晋江: 晉江")
        elif (changed := change(str(phrase), replacement)) is not None:
            errors.add(where, f"the conversion '{phrase}' -> '{replacement}' changes {changed.what}: {changed.detail}",
                       _KEEP_NUMBERS)
        else:
            result.append(Override(str(phrase), replacement, where))
    return tuple(result)


def _words_kept(edition: Edition, overrides: tuple[Override, ...], errors: ErrorList,
                memo: Memo) -> tuple[Override, ...]:
    """The overrides that, in an edition that keeps the original's words, write the phrase's own words: folded back
    to Simplified characters, the replacement is the phrase. ``家商会: 打商會`` (a dozen chambers), ``出台: 今秋出臺``
    (this autumn) and ``2023年7月: 2023年7月上旬`` (early July) passed, though they change what the article says."""
    if edition.profile not in _SCRIPT_ONLY or not overrides:
        return overrides
    texts = tuple(text for override in overrides for text in (override.phrase, override.replacement))
    folded = memo.get_kept(("folded to Simplified", texts), _simplified, texts, FOLDED)
    kept = []
    for index, override in enumerate(overrides):
        phrase, replacement = folded[2 * index], folded[2 * index + 1]
        if phrase == replacement:
            kept.append(override)
        else:
            errors.add(override.location,
                       f"the conversion '{override.phrase}' -> '{override.replacement}' changes the words, not only "
                       f"the characters: '{override.replacement}' is '{replacement}' in Simplified characters",
                       f"the {edition.code} edition ({edition.profile}) keeps the original's words: a conversion writes "
                       "the phrase's own words in its characters (晋江: 晉江, 回归: 回歸); to say something else, "
                       "change the original text, or remove the conversion")
    return tuple(kept)


def _simplified(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Each of ``texts`` in Simplified characters (OpenCC's t2s, loaded only here: 60 ms)."""
    import opencc

    fold = opencc.OpenCC(str(files(opencc) / "clib" / "share" / "opencc" / "t2s.json"))  # (by its path: see opencc)
    return tuple(fold.convert(text) for text in texts)


_KEEP_NUMBERS = ("a conversion changes the script only (亿 as 億, 个 as 個): numbers and dates are traced on the "
                 "original; keep each number with its qualifier (超, 余, 近, 约, 以上, 不到), unit and currency, and each "
                 "date (今年, 第二季度), as the phrase says them, or remove the conversion")


class Converter:
    """One edition's conversion: OpenCC with the editor's overrides, each text converted once (``memo``)."""

    def __init__(self, edition: Edition, memo: Memo) -> None:
        self.edition, self.memo = edition, memo
        self.used: set[str] = set()  # override phrases that matched some text
        overrides = sorted(edition.overrides, key=lambda override: -len(override.phrase))  # longest first
        self.pattern = re.compile("|".join(re.escape(o.phrase) for o in overrides)) if overrides else None
        self.key = (edition.profile, tuple((o.phrase, o.replacement) for o in edition.overrides))

    @cached_property
    def opencc(self) -> Any:
        import opencc  # imported on first use: a site without editions does not need it

        # By its full path in the package: OpenCC takes a bare name from the working folder first, where a file
        # of that name (outside the project, in no fingerprint) would change the edition, or run its dictionaries.
        return opencc.OpenCC(str(files(opencc) / "clib" / "share" / "opencc" / f"{self.edition.profile}.json"))

    def text(self, text: str) -> str:
        """``text`` in the edition's script (plain text), remembered in this process."""
        if not text:
            return text
        converted, used = self.memo.get(("convert", self.key, text), lambda: self._convert(text))
        self.used.update(used)
        return converted

    def texts(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        """Each of ``texts`` in the edition's script, converted as one, and kept so for the next process too (see
        ``memo``): a build after an edit that changed no text of the edition then finds every conversion it
        needs without loading OpenCC's dictionaries (0.1 s, a sixth of such a build of the real site)."""
        if not any(texts):
            return texts
        converted, used = self.memo.get_kept(("converted together", self.key, texts), self._each, texts, CONVERTED)
        self.used.update(used)
        return converted

    def _each(self, texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Each of ``texts`` converted (each remembered in this process), and the override phrases they used."""
        before, self.used = self.used, set()
        try:
            return tuple(map(self.text, texts)), tuple(sorted(self.used))
        finally:
            self.used = before | self.used

    def _convert(self, text: str) -> tuple[str, tuple[str, ...]]:
        """OpenCC's conversion, each override's phrase held out of it and put back as its replacement."""
        if self.pattern is None:
            return self.opencc.convert(text), ()
        held: list[str] = []

        def hold(match: re.Match) -> str:
            held.append(match.group(0))
            return chr(_FIRST_PLACEHOLDER + len(held) - 1)

        converted = self.opencc.convert(self.pattern.sub(hold, text))
        replacements = {o.phrase: o.replacement for o in self.edition.overrides}
        for index, phrase in enumerate(held):
            converted = converted.replace(chr(_FIRST_PLACEHOLDER + index), replacements[phrase], 1)
        return converted, tuple(set(held))

    def html(self, rendered: Rendered, hrefs: dict[str, str]) -> Rendered:
        """Rendered Markdown in the edition: text and the words of ``title``/``alt`` converted, links to pages
        of the original language pointed at the edition's (``hrefs``), ids left alone."""
        return _filled(rendered, iter(self.texts(_shown(rendered))), hrefs)

    def unused(self) -> list[ContentError]:
        return [ContentError(o.location, f"the conversion of '{o.phrase}' matches no text of the site",
                             "remove it, or correct the phrase (it is written in the original script)")
                for o in self.edition.overrides if o.phrase not in self.used]


def _shown(rendered: Rendered) -> tuple[str, ...]:
    """The texts of ``rendered`` a reader sees, in order: each run of text, and the words of each tag's
    ``title``, ``alt`` and ``aria-label``."""
    if not rendered:
        return ()
    shown: list[str] = []
    for index, part in enumerate(_TAG_OR_TEXT.split(rendered.html)):
        if index % 2:
            shown.extend(match.group(2) for match in _SHOWN_ATTRIBUTE.finditer(part))
        else:
            shown.append(part)
    return tuple(shown)


def _filled(rendered: Rendered, converted: Iterator[str], hrefs: dict[str, str]) -> Rendered:
    """``rendered`` with the texts :func:`_shown` gives replaced, in order, by ``converted``, and its links to
    pages of the original language pointed at the edition's (``hrefs``)."""
    if not rendered:
        return rendered
    parts = _TAG_OR_TEXT.split(rendered.html)
    for index, part in enumerate(parts):
        if index % 2:
            part = _SHOWN_ATTRIBUTE.sub(lambda m: m.group(1) + next(converted) + m.group(3), part)
            parts[index] = _HREF.sub(lambda m: m.group(1) + hrefs.get(m.group(2), m.group(2)), part)
        else:
            parts[index] = next(converted)
    return Rendered("".join(parts))


def derive(site: Site, editions: tuple[Edition, ...], memo: Memo, others: frozenset[str] = frozenset(),
           used: dict[str, frozenset[str]] | None = None) -> Site:
    """``site`` with each edition added: its language, pages, records, strings and source words. ``others``: the
    keys of the site's pages that ``site`` does not hold (see ``known``), which links may point at too; ``used``:
    by edition, the phrases of its conversions that those pages' texts use."""
    errors = ErrorList()
    site = replace(site, config=replace(site.config, editions=editions))  # with their overrides
    for edition in editions:
        converter = Converter(edition, memo)
        converter.used.update((used or {}).get(edition.code, ()))
        site = _with_edition(site, edition, converter, others)
        errors.extend(converter.unused())
    errors.raise_if_any()
    return site


def _with_edition(site: Site, edition: Edition, convert: Converter, others: frozenset[str]) -> Site:
    config, source, code = site.config, edition.source, edition.code
    hrefs = _edition_hrefs(site, source, code, others)
    # The site's own words, converted as one: its name, the UI strings, each statistic's value as shown, and the
    # organisation's details.
    own = [config.title, config.description, *site.strings.values(), *(stat.formatted for stat in site.statistics)]
    details = config.organisation.get(source, {})
    converted = convert.texts((*(words[source] for words in own), *details.values()))
    title, description, *added = [{**words, code: text} for words, text in zip(own, converted)]
    strings, formatted = added[:len(site.strings)], added[len(site.strings):]
    organisation = {**config.organisation, **({code: dict(zip(details, converted[len(own):]))}
                                              if source in config.organisation else {})}
    config = replace(config, languages=(*config.languages, edition.language), title=title, description=description,
                     organisation=organisation)
    pages = tuple(_page(page, edition, config, convert, hrefs) for page in site.pages if page.lang == source)
    return replace(
        site, config=config, pages=site.pages + pages, strings=dict(zip(site.strings, strings)),
        statistics=tuple(replace(stat, text=_text(stat.text, edition, convert, hrefs), formatted=shown)
                         for stat, shown in zip(site.statistics, formatted)),
        events=tuple(replace(event, text=_text(event.text, edition, convert, hrefs)) for event in site.events),
        terms=tuple(replace(term, text=_text(term.text, edition, convert, hrefs)) for term in site.terms),
        sources=tuple(_source(item, edition, convert, hrefs) for item in site.sources))


def _edition_hrefs(site: Site, source: str, code: str, others: frozenset[str]) -> dict[str, str]:
    """Each page of the original language's path, and the same page's in the edition."""
    config = site.config
    keys = {page.key for page in site.pages} | others | {item.key for item in site.sources}
    return {config.href(key, source): config.href(key, code) for key in keys}


def _page(page: Page, edition: Edition, config: Any, convert: Converter, hrefs: dict[str, str]) -> Page:
    """The edition's page of ``page``, with the phrases of the edition's own conversions its texts used."""
    before, convert.used = convert.used, set()
    try:
        title, description, nav_title, *shown = convert.texts((page.title, page.description, page.nav_title,
                                                               *_shown(page.body)))
        return replace(page, lang=edition.code, url=page_url(page.key, edition.code, config.default_language),
                       title=title, description=description, nav_title=nav_title,
                       body=_filled(page.body, iter(shown), hrefs), translated_from="",
                       conversions=tuple(sorted(convert.used)))
    finally:
        convert.used = before | convert.used


def _text(words: dict[str, Any], edition: Edition, convert: Converter, hrefs: dict[str, str]) -> dict[str, Any]:
    """A record's words with the edition's added: strings and tuples of strings converted, Markdown as HTML (all
    converted as one)."""
    original = words.get(edition.source)
    if original is None:
        return words
    fields = [(name, value) for name, value in vars(original).items() if isinstance(value, (Rendered, str, tuple))]
    converted = iter(convert.texts(tuple(text for _, value in fields for text in _texts_of(value))))
    changes = {}
    for name, value in fields:
        if isinstance(value, Rendered):
            changes[name] = _filled(value, converted, hrefs)
        elif isinstance(value, str):
            changes[name] = next(converted)
        else:
            changes[name] = tuple(next(converted) for _ in value)
    return {**words, edition.code: replace(original, **changes)}


def _texts_of(value: Rendered | str | tuple[str, ...]) -> tuple[str, ...]:
    """The texts a reader sees of a record's field (see :func:`_text`), in order."""
    if isinstance(value, Rendered):
        return _shown(value)
    return (value,) if isinstance(value, str) else value


def _source(item: Source, edition: Edition, convert: Converter, hrefs: dict[str, str]) -> Source:
    """A source with the edition's words: its metadata and text converted, the original kept as it is."""
    if item.lang != edition.source:
        return item
    words = item.translations.get(edition.source) or SourceText(item.outlet, item.title, item.kicker, item.author)
    converted = _text({edition.source: words}, edition, convert, hrefs)[edition.code]
    texts = convert.texts(tuple(block.text for block in item.blocks))
    blocks = tuple(replace(block, text=text) for block, text in zip(item.blocks, texts))
    return replace(item, translations={**item.translations, edition.code: converted},
                   conversions={**item.conversions, edition.code: blocks})
