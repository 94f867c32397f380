"""What the build tells the editor without refusing the site.

Translations missing, unmarked, untranslated or out of date, glossary
terms without a source quote, files in ``content/`` that nothing reads,
Markdown written in a field that is shown as plain text, and a passage in
Chinese left in a text in another language.

Warnings are printed by ``build`` and ``check`` and listed on the preview's review page; a
build with warnings still publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markdown_it import MarkdownIt

from . import translations
from .conventions import RECORD_KINDS, content_file
from .errors import ContentError, Location
from .links import Prose
from .load import DATA_FILES, RawContent
from .model import Config, Page, Source
from .patterns import compile_later
from .records import Records
from .tracing import PlainField


def translation_warnings(pages: list[Page], config: Config, ledger: dict | None = None) -> list[ContentError]:
    """Translations that were never marked as such, or whose original changed since (with what changed)."""
    originals = {page.key: page for page in pages if page.lang == config.original_language}
    warnings = []
    for page in pages:
        original = originals.get(page.key)
        if original is None or page.lang == config.original_language:
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
    located = {f"{kind.prefix}:{record.id}": record.location
               for kind in RECORD_KINDS for record in getattr(records, kind.field)}
    others = ", ".join(code for code in config.codes if code != config.original_language)
    warnings = []
    for original in _originals(raw, config):
        changed, summary, diff = translations.changed_since(original, ledger)
        if changed:
            warnings.append(ContentError(
                located.get(original.key, Location(original.path)),
                f"{original.what}: its {config.original_language} words changed since its {others} translation was "
                "brought up to date" + (f": {summary}" if summary else ""),
                f"update the {others} words, then run: python3 build.py translated {_shown(original.path)}", diff))
    return warnings


def _originals(raw: RawContent, config: Config) -> list[translations.Original]:
    """The records' and sources' words in the default language (what the other languages translate)."""
    originals = translations.record_originals(raw.data, config.original_language)
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
    default = config.original_language
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
                name = content_file(source.id, lang)
                warnings.append(ContentError(Location(source.path), f"no {name}: the {lang} page of this source shows "
                                             f"its {source.lang} title and author, and no summary",
                                             f"add {_shown(source.path.with_name(name))} with outlet, title, author "
                                             "and a summary (as the other sources' have)"))
    return warnings


def _shown(path: Path) -> str:
    """``path`` from the project's ``content/`` on (the folder that holds pages/, data/ or sources/: a project may
    itself be in a folder named content)."""
    parts = path.parts
    for index in range(len(parts) - 2, -1, -1):
        if parts[index] == "content" and parts[index + 1] in ("pages", "data", "sources"):
            return "/".join(parts[index:])
    return str(path)


def unread_warnings(raw: RawContent) -> list[ContentError]:
    """A warning for each file in ``content/`` that the build reads nowhere (see ``load.unread_files``): a name
    mistyped (``events.yaml``, ``about.en.markdown``) would otherwise leave its content out of the site unsaid."""
    content = raw.project.content
    places = {
        "pages": "a page is pages/<key>.<language>.md: rename it; an image or other file goes in static/",
        "sources": "a source is sources/<id>.md, its translation sources/<id>.<language>.md: rename it, or move it "
                   "out of content/",
        "data": "the data files are " + ", ".join(f"data/{name}.yaml" for name in DATA_FILES)
                + ": rename it, or move it out of content/",
    }
    warnings = []
    for path in raw.unread:
        parts = path.relative_to(content).parts
        hint = places.get(parts[0] if len(parts) > 1 else "", "content/ holds site.yaml and the folders data/, "
                          "pages/ and sources/: move it into one of them, or out of content/")
        warnings.append(ContentError(Location(path), "no part of the build reads this file", hint))
    return warnings


# What Markdown would make of a text and a plain field shows as typed, with the marks that do it.
_FORMATTING = {"em_open": "{0}…{0}", "strong_open": "{0}…{0}", "s_open": "{0}…{0}", "code_inline": "{0}…{0}",
               "link_open": "[…](…)", "image": "![…](…)"}
_MARK = compile_later(r"[*_`~\[<]")  # a text without one of these has none of them


def markdown_in_plain(fields: Sequence[PlainField], md: MarkdownIt) -> list[ContentError]:
    """A warning for each field shown as plain text (a title, a label) that holds what Markdown would format:
    ``title: The **three** pillars`` shows readers its asterisks. Asked of the site's own parser (``md``), so a
    lone ``*`` or a ``snake_case`` name, which Markdown leaves as it is, is not one."""
    warnings = []
    for field in fields:
        if not _MARK.search(field.text):
            continue
        marks = dict.fromkeys("<…>" if token.markup == "autolink" else _FORMATTING[token.type].format(token.markup)
                              for token in md.parseInline(field.text)[0].children or () if token.type in _FORMATTING)
        if marks:
            warnings.append(ContentError(
                field.place(0), f"{field.field}: Markdown ({', '.join(marks)}) is shown as typed in this field",
                "write it as plain text, without the marks (Markdown formats a page's text, not its fields)"))
    return warnings


def comments_after_text(fields: Sequence[PlainField]) -> list[ContentError]:
    """A warning for each field shown to readers whose line goes on after its value with a YAML comment:
    ``nav_title: Keeping in # touch`` shows "Keeping in", the rest of the line read as a comment, silently."""
    return [ContentError(field.location, f"{field.field}: readers see only '{field.text}': the rest of the line, "
                         f"'{field.comment}', is read as a YAML comment",
                         "to show the #, put the whole value in quotes: \"... # ...\"; a comment goes on a line of "
                         "its own") for field in fields if field.comment]


def chinese_passages(prose: Sequence[Prose], config: Config) -> list[ContentError]:
    """A warning for each text in a language other than Chinese that shows readers a passage in Chinese (see
    ``compiled._chinese_passage``): a paragraph left untranslated when a page was translated from the Chinese."""
    names = {language.code: language.name for language in config.languages}
    return [ContentError(item.location(item.compiled.chinese_passage, 0),
                         f"a passage in Chinese in the {names.get(item.lang, item.lang)} text: is it left "
                         "untranslated?", "translate it; the article's own words are quoted in a cite: link, "
                         "between its quotation marks, which readers see on the source's page")
            for item in prose if item.compiled.chinese_passage >= 0 and not item.lang.startswith("zh")]
