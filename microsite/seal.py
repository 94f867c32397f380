"""The seal of an ingested source: what ties its text, header, id and date to the raw item ingest wrote it from.

Every quote is checked against a source's text, so that text is the site's evidence, and it is a file anyone
can edit: a number changed in it, with the records that quote it, once passed every check. Ingest therefore
writes two digests into a source's front matter: ``raw_sha256``, of the raw item (its first 8 hex digits are
the source's id, after the date), and ``text_sha256``, of the text it wrote (:func:`text_sha256`). The build
(:func:`check_seal`) hashes the text again and refuses a source whose text, id or date is not what ingest
wrote. An edit of the evidence is then a mistake ``check`` reports and ``git diff`` shows. The seal is no
signature: a digest written anew by hand forges it, and shows as a changed ``text_sha256`` line in that diff,
where an edit of the text had better never be.

The header a reader sees beside the text (outlet, date, edition, page, kicker, title, author, the declared
length) is the raw item's too, and a translation's page number or title is checked against it: ingest seals it
as ``header_sha256`` (:func:`header_sha256`), each field's value with white space left out, as the text's.

What is sealed is the text's characters in order, white space left out: what ``counted_chars`` counts, and
what a quote is compared with (``provenance.normalize`` leaves white space out too). Not sealed: white space,
line endings, a byte order mark, where lines are wrapped, and where blocks break and of which kind they are
(paragraph, ``## `` subheading, ``> `` caption). An e-paper export runs an article's paragraphs together on
one line; where ingest breaks them is its reading of the layout, which an editor may correct (the editor's
guide says how). Every character is the article's: changing one (a digit, a word, a punctuation mark, its
width) breaks the seal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from .patterns import compile_later

if TYPE_CHECKING:
    from .errors import ErrorList
    from .schema import Fields

# The id ingest gives a source: its date, then the first 8 hex digits of the raw item's SHA-256.
INGESTED_ID = compile_later(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-([0-9a-f]{8})\Z")
SHA256 = compile_later(r"[0-9a-f]{64}\Z")
_UNDO = "undo the edit (git diff shows it), or ingest the raw item{name} again: python3 build.py ingest PATH --force"


# The front matter's fields ingest reads from the raw item, in the order the header seal covers them. Not
# raw_name (where the item was read from, not what it says) nor the counts and digests (sealed already).
HEADER_FIELDS = ("outlet", "date", "edition", "page", "kicker", "title", "author", "declared_chars")


def sealed_characters(texts: Iterable[str]) -> str:
    """The characters the seal covers: those of the blocks' texts, in order, white space left out."""
    return "".join("".join(text.split()) for text in texts)


def text_sha256(texts: Iterable[str]) -> str:
    """The seal of a text given as its blocks' texts: the SHA-256, in hex, of its sealed characters in UTF-8."""
    return hashlib.sha256(sealed_characters(texts).encode("utf-8")).hexdigest()


def header_sha256(values: Mapping[str, object]) -> str:
    """The seal of a source's header: the SHA-256, in hex, of one line ``name:value`` per field of
    :data:`HEADER_FIELDS`, in that order, each value (a text, or a number written in decimal) with its white
    space left out, and an empty value for a field it lacks."""
    lines = []
    for name in HEADER_FIELDS:
        value = values.get(name)
        lines.append(f"{name}:{''.join(str(value).split()) if value is not None else ''}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def check_seal(ident: str, fields: Fields, texts: list[str], published: date | None, errors: ErrorList) -> str:
    """Refuse a source whose text, header, id or date is not what ingest wrote from its raw item; return its
    ``raw_sha256`` ("" if none, or not a digest).

    ``fields``: its front matter; ``texts``: its blocks' texts; ``published``: its date, if it is one.
    """
    name = fields.data.get("raw_name")
    undo = _UNDO.format(name=f" ({name})" if isinstance(name, str) and name.strip() else "")
    raw, seal = _digest(fields, "raw_sha256", errors), _digest(fields, "text_sha256", errors)
    header = _digest(fields, "header_sha256", errors)
    ingested = INGESTED_ID.match(ident)
    if ingested:
        _check_id(ident, ingested[1], ingested[2], published, fields, raw, undo, errors)
    if fields.has("raw_sha256") and not fields.has("text_sha256"):
        errors.add(fields.data.key_loc("raw_sha256"), "the source has raw_sha256 but no text_sha256: nothing "
                   "says its text is the one ingest wrote from the raw item",
                   "ingest the raw item again: python3 build.py ingest PATH --force (a source ingested before "
                   "text_sha256 existed gets it so; see 'The seal of a source' in docs/reference.md)")
    if fields.has("text_sha256") and not fields.has("header_sha256"):
        errors.add(fields.data.key_loc("text_sha256"), "the source has text_sha256 but no header_sha256: nothing "
                   "says its outlet, date, edition, page, kicker, title, author and declared_chars are the ones "
                   "ingest read from the raw item",
                   "ingest the raw item again: python3 build.py ingest PATH --force (a source ingested before "
                   "header_sha256 existed gets it so; see 'The seal of a source' in docs/reference.md)")
    if header:
        _check_header(fields, header, undo, errors)
    if seal:
        _check_text(fields, seal, texts, undo, errors)
    elif not fields.has("text_sha256"):
        _check_count(fields, texts, undo if fields.has("raw_sha256") or ingested else "", errors)
    return raw


def _digest(fields: Fields, key: str, errors: ErrorList) -> str:
    """The digest written as ``key``, or "" (none, or not one: that is reported)."""
    digest = fields.text(key)
    if digest and not SHA256.match(digest):
        errors.add(fields.loc(key), f"{key} must be 64 lower-case hex digits",
                   "ingest writes it: undo the edit (git diff shows it)")
        return ""
    return digest


def _check_id(ident: str, day: str, prefix: str, published: date | None, fields: Fields, raw: str, undo: str,
              errors: ErrorList) -> None:
    """An id of ingest's form names the raw item and the date: the front matter must say the same."""
    if not fields.has("raw_sha256"):
        errors.add(fields.data.loc, f"source '{ident}' has an id of the form ingest gives (its date, then the "
                   "first 8 hex digits of the raw item's SHA-256), but no raw_sha256",
                   f"undo the edit (git diff shows it), or ingest the raw item again: python3 build.py ingest PATH "
                   f"--force; a source not ingested needs an id of words, e.g. {day}-jinjiang-report")
    elif raw and not raw.startswith(prefix):
        errors.add(fields.loc("raw_sha256"), f"raw_sha256 begins {raw[:8]}, but the source's id, {ident}, "
                   f"says the raw item's SHA-256 begins {prefix}: ingest writes both from the raw item", undo)
    if published is not None and published.isoformat() != day:
        errors.add(fields.loc("date"), f"the source's date is {published.isoformat()}, but its id, {ident}, "
                   f"says {day}: ingest writes both from the raw item", undo)


def _check_header(fields: Fields, seal: str, undo: str, errors: ErrorList) -> None:
    """The header's fields must be the ones sealed (a field of the wrong type is reported where it is read)."""
    if header_sha256({name: fields.data.get(name) for name in HEADER_FIELDS}) != seal:
        errors.add(fields.loc("header_sha256"), "the source's header is not as ingest read it from the raw item: "
                   f"its {', '.join(HEADER_FIELDS)} are not those header_sha256 seals",
                   f"{undo}. A field of the header is the article's as published, as its text is: a translation "
                   f"(<id>.<lang>.md) is where the site words it otherwise")


def _check_text(fields: Fields, seal: str, texts: list[str], undo: str, errors: ErrorList) -> None:
    """The text must be the one sealed; ``counted_chars`` then can only have been changed alone."""
    counted, actual = fields.integer("counted_chars"), len(sealed_characters(texts))
    if text_sha256(texts) != seal:
        changed = f" (it has {actual} characters; ingest wrote {counted})" if counted not in (None, actual) else ""
        errors.add(fields.loc("text_sha256"), "the article's text is not as ingest wrote it from the raw item: "
                   f"its characters are not those text_sha256 seals{changed}",
                   f"{undo}. Where paragraphs break, and what is ## or >, may be corrected; never a character: "
                   "quotes are of the article as published")
    elif counted is not None and counted != actual:
        errors.add(fields.loc("counted_chars"), f"counted_chars is {counted}, but the text, as ingest wrote it "
                   f"(text_sha256 says so), has {actual} characters: counted_chars alone was changed",
                   f"write counted_chars: {actual}, as ingest wrote it")


def _check_count(fields: Fields, texts: list[str], undo: str, errors: ErrorList) -> None:
    """Without a seal, ``counted_chars`` is what tells a changed text: ``undo`` is the hint of an ingested source."""
    counted, actual = fields.integer("counted_chars"), len(sealed_characters(texts))
    if counted is None or counted == actual:
        return
    hint = undo or (f"undo the edit (git diff shows it); only if the text was wrong, and is now the article's as "
                    f"published, write counted_chars: {actual}")
    errors.add(fields.loc("counted_chars"), f"counted_chars is {counted}, but the text has {actual} characters: "
               "the text changed since it was counted", hint)
