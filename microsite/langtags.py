"""Language tags (BCP 47): what a language's ``tag`` in site.yaml must be.

A tag goes into every page's ``<html lang>``, each ``hreflang`` and the feeds, where browsers (fonts, hyphenation,
speech), screen readers and search engines read it. ``zh_CN`` or ``Chinese`` there is silently ignored by them,
so the build refuses a tag that is not well formed by RFC 5646's syntax, and two languages with one tag, which
no reader could tell apart. Well formed, not registered: the syntax is checked, not the IANA registry, which
would be a dependency for a list that changes.
"""

from __future__ import annotations

from .errors import ErrorList
from .patterns import compile_later
from .schema import Fields

# RFC 5646, section 2.1 (letters and digits are ASCII: no IGNORECASE, under which [a-z] takes U+212A KELVIN SIGN).
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language, with up to three extlangs
    "(?:-[A-Za-z]{4})?"  # script
    "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions: a singleton other than x, then its subtags
    f"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = f"[Xx](?:-{_ALNUM}{{1,8}})+"
LANGUAGE_TAG = compile_later(f"(?:{_LANGTAG}|{_PRIVATE_USE})\\Z")
# The irregular grandfathered tags, which RFC 5646 keeps well formed though their syntax is older.
_GRANDFATHERED = frozenset(("en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
                            "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl",
                            "sgn-ch-de"))

TAG_HINT = "write a BCP 47 language tag: letters (and digits) in parts joined by hyphens, e.g. zh-Hans or en"


def is_language_tag(tag: str) -> bool:
    """True when ``tag`` is a well-formed BCP 47 tag (case is not checked: tags are case-insensitive)."""
    return bool(LANGUAGE_TAG.match(tag)) or tag.lower() in _GRANDFATHERED


def read_tag(item: Fields, what: str, default: str, taken: dict[str, str], errors: ErrorList) -> str:
    """The ``tag`` of ``item`` (a language's or an edition's mapping in site.yaml, ``what`` naming it), or
    ``default`` (its code, which is a tag) when it has none. Refused at its place when it is not a language tag,
    or when ``taken`` (lower-case tag to whose it is, of the languages read before) has it; else added to it."""
    tag = item.text("tag", default)
    if not is_language_tag(tag):
        underscore = "_" in tag and is_language_tag(tag.replace("_", "-"))
        hint = f"write {tag.replace('_', '-')}: a tag joins its parts with hyphens" if underscore else TAG_HINT
        errors.add(item.loc("tag"), f"{what}: tag '{tag}' is not a language tag (BCP 47)", hint)
        return default
    if tag.lower() in taken:
        errors.add(item.loc("tag"), f"{what}: tag '{tag}' is the tag of {taken[tag.lower()]} too (a tag's case "
                   "does not matter)", "give each language a tag of its own: browsers and search engines tell "
                   "the site's languages apart by it")
        return tag
    taken[tag.lower()] = what
    return tag
