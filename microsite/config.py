"""``content/site.yaml``: the site's settings (title, languages, base URL, menu, organisation), read and checked."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from .editions import read_editions
from .errors import ContentError, ContentErrors, ErrorList, Location
from .i18n import LOCALES, locale_of
from .langtags import read_tag
from .load import DataFile
from .model import Config, Language
from .patterns import compile_later
from .schema import Fields, expect_mapping
from .tracing import PlainField

_LANGUAGE_CODE = compile_later(r"[a-z]{2,3}\Z")


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
                    ("title", "description", "languages", "default_language", "base_url"), ("nav", "organisation", "editions", "original_language"))
    tags: dict[str, str] = {}  # each tag read, in lower case, and whose it is: no two languages share one
    languages = _languages(fields, tags, errors, plain)
    if not languages:
        return None
    codes = tuple(language.code for language in languages)
    default = fields.choice("default_language", codes, codes[0]) or codes[0]
    original = fields.choice("original_language", codes, default) or default  # what the others are translated from
    title = _per_language(fields, "title", codes, errors, plain)
    description = _per_language(fields, "description", codes, errors, plain)
    url = _base_url(fields.text("base_url", "/"), fields.loc("base_url"), errors) if base_url is None \
        else _base_url(base_url, Location(Path("--base-url")), errors)
    nav = fields.text_list("nav")
    nav_list = mapping.get("nav")
    first: dict[str, Location] = {}  # each kept item's place (an item dropped before it, twice or empty, is no place)
    for index, item in enumerate(nav_list if hasattr(nav_list, "item_loc") else ()):
        if isinstance(item, str) and item.strip():
            first.setdefault(item.strip(), nav_list.item_loc(index))
    locations = tuple(first[key] for key in nav) if first else ()
    editions = read_editions(mapping.get("editions"), fields.loc("editions"), codes, tags, errors, plain)
    return Config(data.path, title, description, languages, default, url, nav, locations,
                  _organisation(fields, codes, errors, plain), editions, original)


def _languages(fields: Fields, tags: dict[str, str], errors: ErrorList,
               plain: list[PlainField] | None = None) -> tuple[Language, ...]:
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
            tag = read_tag(item, f"language '{code}'", code, tags, errors)
            languages.append(Language(code, item.text("name"), tag))
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
