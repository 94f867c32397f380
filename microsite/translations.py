"""Keeping translations in step with their originals.

A translated page records, in its front matter, the fingerprint of the
original it was made from (``translated_from: 3fa2b1c4d5e6``). When the
original changes, its fingerprint no longer matches and ``check`` and the
preview's review page say the translation is out of date. After updating
a translation, ``python3 build.py translated PATH`` records the original's
current fingerprint.

Records (a statistic's label, an event's text, a glossary definition) and
sources have no front matter of their own: ``content/data/translated.yaml``
(the ledger, written only by ``translated``) records, for each original, its
words when its translations were last brought up to date. The same ledger
keeps each page original's text, so a warning can show what changed since.
A fingerprint ignores white space: re-wrapping a paragraph changes no words.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from .conventions import RECORD_KINDS, content_file, key_and_language
from .errors import ContentError, ContentErrors, ErrorList, Location, not_utf8
from .patterns import compile_later
from .yamlfile import YamlMap, describe, resolve_plain
from .markdown import blank_comments

KEY = "translated_from"
LEDGER = "translated"  # content/data/translated.yaml
LEDGER_HEADER = """\
# What each translation was made from: the original's words when its translations were last brought up to
# date. Written by `python3 build.py translated`; the build compares the originals with it. Do not edit.
"""
_FRONT_MATTER = compile_later(r"\A---[ \t]*\n(.*?\n)?(---|\.\.\.)[ \t]*(\n|\Z)", re.DOTALL)


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a file's text (line endings normalized)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


def words_fingerprint(text: str) -> str:
    """A fingerprint of the words of ``text``: white space (re-wrapping, indentation) does not change it, nor do
    HTML comments, an editor's notes that no reader sees (see ``markdown``)."""
    return hashlib.sha256("".join(blank_comments(text).split()).encode("utf-8")).hexdigest()[:12]


def in_step(recorded: str, text: str) -> bool:
    """Whether a recorded fingerprint is of ``text``: of its words, or (recorded earlier) of its exact text."""
    return recorded in (words_fingerprint(text), fingerprint(text))


def original_of(path: Path, default_language: str, languages: tuple[str, ...]) -> Path | None:
    """``pages/x.en.md`` -> ``pages/x.zh.md``; None for a page in the default language."""
    stem, lang = key_and_language(path.name)
    if not stem or lang not in languages or lang == default_language:
        return None
    return path.with_name(content_file(stem, default_language))


def with_front_matter_value(text: str, key: str, value: str) -> str:
    """``text`` with ``key: value`` set in its front matter (replaced, or added at its end)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("the file does not start with front matter")
    front = match.group(1) or ""
    line = f"{key}: \"{value}\"\n"  # quoted: YAML would read 123456789012 as a number, 12e3 as a float
    pattern = re.compile(rf"^{re.escape(key)}:.*\n?", re.MULTILINE)
    front = pattern.sub(line, front, count=1) if pattern.search(front) else front + line
    return f"---\n{front}{match.group(2)}{match.group(3)}{text[match.end():]}"


def _read_page(path: Path) -> str:
    """The text of the page file ``path``; anything but a regular file (a FIFO would wait forever) is refused, and
    a file that is not UTF-8 is a mistake at its first bad byte."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # (a folder, too: os.fdopen would refuse it unnamed)
        os.close(descriptor)
        raise ValueError(f"{path}: not a regular file (a FIFO, socket, device or folder); give a page file")
    with os.fdopen(descriptor, "rb") as file:
        data = file.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentErrors([not_utf8(path, data)]) from None


@dataclass(frozen=True)
class _PageMark:
    """What marking the translated page ``path`` writes: its text with the original's fingerprint (``updated``, None
    when it has it already), and the original's text, for the ledger."""

    path: Path
    original: Path
    original_text: str
    value: str
    updated: str | None


def _page_mark(path: Path, default_language: str, languages: tuple[str, ...], root: Path | None = None) -> _PageMark:
    original = original_of(path, default_language, languages)
    if original is None:
        raise ValueError(f"{path}: not a translation (name it <page>.<language>.md, "
                         f"in a language other than {default_language})")
    if not original.is_file():
        raise ValueError(f"{path}: its original {original.name} does not exist")
    if root is not None:
        _inside(original, root)
    original_text = _read_page(original)
    value = words_fingerprint(original_text)
    text = _read_page(path)
    if _FRONT_MATTER.match(text) is None:
        raise ContentErrors([ContentError(Location(path, 1, 1), "the page does not start with front matter, where "
                                          f"'{KEY}' is recorded", "start the page with a line '---', its front "
                                          "matter (title: ...), and another '---' line, as its original does")])
    updated = with_front_matter_value(text, KEY, value)
    return _PageMark(path, original, original_text, value, None if updated == text else updated)


def _inside(path: Path, root: Path) -> None:
    """Refuse (as the build does, unread) a file that is a symbolic link leading outside the project ``root``: what
    it leads to would be copied into the ledger."""
    real = os.path.realpath(path)
    if not Path(real).is_relative_to(root.resolve()):
        raise ContentErrors([ContentError(Location(path), f"the symbolic link leads outside the project (to {real}); "
                                          "only files inside the project are read",
                                          "copy what it links to into the project instead of linking to it")])


def _write_page_mark(mark: _PageMark) -> str:
    if mark.updated is None:
        return f"up to date: {mark.path}"
    mark.path.write_text(mark.updated, encoding="utf-8")
    return f"marked as translated from {mark.original.name} ({mark.value}): {mark.path}"


def mark_translated(path: Path, default_language: str, languages: tuple[str, ...]) -> str:
    """Record in ``path`` the fingerprint of its original; return what was done, for the terminal."""
    return _write_page_mark(_page_mark(path, default_language, languages))


# --- the ledger: records, sources, and the page originals' text -------------------------------------------------


@dataclass(frozen=True)
class Original:
    """Words that are translated: a record's or source's in the default language, or an original page."""

    key: str  # "stat:donations", "source:2023-10-11-eb7c93e7", "page:pillars/competence"
    path: Path  # the file it is in
    text: str  # its words, as one text (a record's fields one per line)
    what: str  # for messages: "statistic 'donations'"


def record_originals(data: dict, default: str) -> list[Original]:
    """Each record's words in the default language (``data``: parsed statistics, timeline and glossary files)."""
    originals = []
    for kind in RECORD_KINDS:
        loaded = data.get(kind.file)
        for record in (loaded.value if loaded is not None and isinstance(loaded.value, list) else []):
            if isinstance(record, dict) and isinstance(record.get("id"), str) and isinstance(record.get(default), dict):
                words = "\n".join(f"{key}: {value}" for key, value in record[default].items() if isinstance(value, str))
                originals.append(Original(f"{kind.prefix}:{record['id']}", loaded.path, words,
                                          f"{kind.name} '{record['id']}'"))
    return originals


def source_original(ident: str, path: Path, front: dict, body: str) -> Original:
    """A source's translatable words: title, kicker and author, and the text its summary tells."""
    heads = "\n".join(f"{key}: {front[key]}" for key in ("title", "kicker", "author") if isinstance(front.get(key), str))
    return Original(f"source:{ident}", path, f"{heads}\n\n{body}", f"source '{ident}'")


_LEDGER_HINT = (f"this file is written by 'python3 build.py translated' alone: restore it from version control "
                f"(git checkout content/data/{LEDGER}.yaml)")


def read_ledger(loaded, errors: ErrorList) -> dict[str, dict[str, str]]:
    """The ledger's entries by key. It is only ever written by ``translated``: one not of the shape it writes
    is a mistake, at its place (read as empty, it would silence every translation's check)."""
    value = loaded.value if loaded is not None else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add(Location(loaded.path, 1, 1), f"{LEDGER}.yaml must map each original to what its translations "
                   f"were made from, found {describe(value)}", _LEDGER_HINT)
        return {}
    ledger = {}
    for key, entry in value.items():
        if (isinstance(key, str) and isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str)
                and isinstance(entry.get("original", ""), str)):
            ledger[key] = entry
        else:
            errors.add(value.key_loc(key) if isinstance(value, YamlMap) else Location(loaded.path, 1, 1),
                       f"{LEDGER}.yaml: the entry '{key}' is not as 'translated' writes it (a fingerprint and "
                       "the original's words)", _LEDGER_HINT)
    return ledger


def changed_since(original: Original, ledger: dict[str, dict[str, str]]) -> tuple[bool, str, str]:
    """Whether ``original`` changed since the ledger's record of it; a one-line summary and the diff, if known.

    An original the ledger does not know has not been marked yet: it counts as in step.
    """
    entry = ledger.get(original.key)
    if entry is None or in_step(entry["fingerprint"], original.text):
        return False, "", ""
    return (True, *describe_change(entry.get("original", ""), original.text))


def describe_change(before: str, after: str) -> tuple[str, str]:
    """The first changed line (``'a' -> 'b'``) and a unified diff; both empty when ``before`` is unknown."""
    if not before:
        return "", ""
    old, new = before.splitlines(), after.splitlines()
    diff = list(difflib.unified_diff(old, new, "as translated", "now", n=1, lineterm=""))
    # The first line changed that has words: a paragraph added after a blank line was summed up as "added ''"
    removed = next((line[1:] for line in diff[2:] if line.startswith("-") and line[1:].strip()), "")
    added = next((line[1:] for line in diff[2:] if line.startswith("+") and line[1:].strip()), "")
    if not removed and not added:  # the ledger's copy is the text now (it was edited too): what changed is unknown
        return "", ""
    # A line changed far into it is shown from a little before the change (a link's new target at the end of a long
    # paragraph was summed up by the two beginnings, alike: '…联络…' became '…联络…')
    alike = len(os.path.commonprefix([removed.strip(), added.strip()])) if removed and added else 0
    start = alike - 20 if alike > 40 else 0
    summary = f"'{_short(removed, start)}' became '{_short(added, start)}'" if removed and added else (
        f"removed '{_short(removed)}'" if removed else f"added '{_short(added)}'")
    return summary, "\n".join(diff)


def _short(line: str, start: int = 0, most: int = 60) -> str:
    line = line.strip()
    line = "…" + line[start:] if start else line
    return line if len(line) <= most else line[:most - 1] + "…"


def write_ledger(path: Path, entries: dict[str, dict[str, str]]) -> None:
    """Write the ledger, keys sorted, multi-line texts as literal blocks."""
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):
        style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.splitlines()) else None
        if style is None and resolve_plain(value) != value:  # a fingerprint 012345678912 or 8e3120459123 is text,
            style = '"'  # which PyYAML's YAML 1.1 writes plain, and the build's YAML 1.2 reads as a number
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(dict(sorted(entries.items())), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LEDGER_HEADER + body, encoding="utf-8")


def ledger_entry(original: Original) -> dict[str, str]:
    return {"fingerprint": words_fingerprint(original.text), "original": original.text}


# --- marking: `python3 build.py translated` -----------------------------------------------------------------------


def mark(root: Path, default: str, languages: tuple[str, ...], paths: list[Path]) -> list[tuple[bool, str]]:
    """Mark what ``paths`` name as translated: pages, data files (every record in them), sources.

    Returns a line per thing looked at, and whether it was marked now (False: it was up to date already).
    Raises ``ValueError`` for a path that names nothing translatable, and ``ContentErrors`` (nothing marked, nothing
    written) for a data file or the ledger the build would refuse, read as the build reads them.
    """
    content = root / "content"
    ledger_path = content / "data" / f"{LEDGER}.yaml"
    errors = ErrorList()  # every file is read before any is written: a mistake in one marks nothing
    ledger = _read_ledger_file(ledger_path, root, errors)
    before = dict(ledger)
    marks: list[_PageMark | list[Original]] = []
    for path in paths:
        path = path.resolve()
        try:
            if path.suffix == ".md" and path.is_relative_to(content / "pages"):
                marks.append(_page_mark(path, default, languages, root))
            elif path.parent == content / "data" and path.stem in (kind.file for kind in RECORD_KINDS):
                marks.append(_originals_in_data(path, root, default, errors))
            elif path.suffix == ".md" and path.parent == content / "sources":
                marks.append([_source_in(path, root)])
            else:
                raise ValueError(f"{path}: not a page, a data file of records (statistics, timeline, glossary) or a "
                                 "source")
        except ContentErrors as exc:
            errors.extend(exc.errors)
    errors.raise_if_any()
    lines = []
    for marking in marks:
        if isinstance(marking, _PageMark):
            lines.append(_mark_page(marking, default, ledger))
        else:
            lines += [_mark_original(original, ledger) for original in marking]
    if ledger != before:
        write_ledger(ledger_path, ledger)
    return lines


def everything_translatable(root: Path, default: str) -> list[Path]:
    """Every translated page, the data files of records and every source: what ``translated --all`` marks."""
    content = root / "content"
    pages = [p for p in sorted((content / "pages").rglob("*.md")) if not p.name.endswith(content_file("", default))]
    data = [path for kind in RECORD_KINDS if (path := content / "data" / f"{kind.file}.yaml").is_file()]
    sources = [p for p in sorted((content / "sources").glob("*.md")) if "." not in p.name[:-3]]
    return pages + data + sources


def _mark_page(mark: _PageMark, default: str, ledger: dict) -> tuple[bool, str]:
    line = _write_page_mark(mark)
    text = mark.original_text.replace("\r\n", "\n").replace("\r", "\n")  # as a text file is read
    ledger["page:" + _page_key(mark.original, default)] = {"fingerprint": words_fingerprint(text), "original": text}
    return mark.updated is not None, line


def _page_key(original: Path, default: str) -> str:
    parts = original.parts
    relative = "/".join(parts[len(parts) - parts[::-1].index("pages"):])
    return key_and_language(relative)[0]


def _mark_original(original: Original, ledger: dict) -> tuple[bool, str]:
    entry = ledger_entry(original)
    if ledger.get(original.key, {}).get("fingerprint") == entry["fingerprint"]:
        ledger[original.key] = entry
        return False, f"up to date: {original.what}"
    ledger[original.key] = entry
    return True, f"marked as translated: {original.what} ({original.path.name})"


def _originals_in_data(path: Path, root: Path, default: str, errors: ErrorList) -> list[Original]:
    """The records' originals in the data file ``path``, read as the build reads it (YAML 1.2, located mistakes)."""
    from .load import load_data_file

    loaded = load_data_file(path, errors, root)
    return record_originals({path.stem: loaded}, default) if loaded is not None else []


def _source_in(path: Path, root: Path) -> Original:
    """The source a source file names: ``<id>.md`` itself, or ``<id>.<lang>.md`` (a translation of it)."""
    from .load import parse_document

    ident = path.name[:-3].split(".")[0]
    original = path.with_name(f"{ident}.md")
    _inside(original, root)
    document = parse_document(_read_page(original), original)
    front = document.front if isinstance(document.front, dict) else {}
    return source_original(ident, original, front, document.body)


def _read_ledger_file(path: Path, root: Path, errors: ErrorList) -> dict:
    """The ledger's entries, to be added to, as the build reads them; a ledger the build refuses goes to ``errors``
    (written back from what could be read of it, every other entry would be lost)."""
    from .load import load_data_file

    if not os.path.lexists(path):
        return {}
    ledger = read_ledger(load_data_file(path, errors, root), errors)
    return {key: {name: entry[name] for name in ("fingerprint", "original") if name in entry}
            for key, entry in ledger.items()}
