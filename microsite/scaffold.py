"""``python build.py new page|stat|event|term ID``: start an item with every required key.

The new item has empty values where the editor must write something, so
the next build points at exactly those lines ("'quote' is empty") until
they are filled in. Nothing existing is overwritten.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .conventions import RECORD_KIND, content_file, key_and_language
from .errors import ContentErrors, ErrorList, Location
from .i18n import locale_of
from .model import Config
from .load import load_data_file, parse_document
from .pages import SINGLE_TEMPLATES, TEMPLATES, key_problem
from .schema import ID_HINT, ID_PATTERN, expect_list


class ScaffoldError(Exception):
    """The item cannot be created (bad id, already there, unreadable file)."""


def new_item(root: Path, config: Config, kind: str, ident: str, template: str = "page") -> list[str]:
    """Create the item; return one line per file written, for the terminal."""
    content = root / "content"
    if kind == "page":
        return _new_page(content / "pages", config, ident, template)
    if not ID_PATTERN.match(ident):
        raise ScaffoldError(f"'{ident}' is not a valid id: {ID_HINT}")
    path = content / "data" / f"{RECORD_KIND[kind].file}.yaml"
    if ident in _existing_ids(path):
        raise ScaffoldError(f"{path.name} already has a record with id '{ident}'")
    record = _RECORDS[kind](ident, config, _newest_source(content / "sources"))
    _append(path, record)
    return [f"added {kind} '{ident}' to {path.relative_to(root)}: fill in the empty values"]


def _new_page(pages: Path, config: Config, key: str, template: str) -> list[str]:
    if template not in TEMPLATES:
        raise ScaffoldError(f"no page template '{template}': use one of {', '.join(TEMPLATES)}")
    problem = key_problem(key, config)  # what the build would refuse of the files written
    if problem is not None:
        raise ScaffoldError(f"{problem[0]}; {problem[1]}")
    if template in SINGLE_TEMPLATES and (other := _page_with_template(pages, template, config)):
        raise ScaffoldError(f"only one page of the site can use 'template: {template}', and '{other}' does; "
                            "give the new page another template (--template page)")
    paths = [pages / content_file(key, code) for code in config.codes]
    for path in paths:
        if os.path.lexists(path):  # a symbolic link too, even one to nothing: the page would be written where it leads
            raise ScaffoldError(f"{path} already exists; nothing was written")
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "---\n"
            'title: ""  # required: the title, shown as the heading and in the browser tab\n'
            'description: ""  # required: one sentence for search results\n'
            f"template: {template}\n"
            "---\n\n", encoding="utf-8")
    lines = [f"created {path}" for path in paths]
    return lines + [f"add '{key}' to nav in content/site.yaml to put it in the menu"]


def _stat(ident: str, config: Config, source: str) -> str:
    words = "".join(
        f"  {code}:\n    label: \"\"  # required: what the number counts, read after it\n"
        + ("    measure: \"\"  # the measure word of the quote: 个, 家, 条 ...\n" if locale_of(code) == "zh" else "")
        for code in config.codes)
    return (f"- id: {ident}\n"
            "  value:  # required: the number, once, in base units (yuan, or a count)\n"
            "  unit: count  # count | yuan | percent\n"
            "  qualifier: exact  # exact | over (超) | more-than (余) | nearly (近) | about (约)\n"
            f"  source: {source}  # the article it comes from (a file in content/sources/)\n"
            '  quote: ""  # required: the words of the source that give the number, copied exactly\n'
            + words)


def _event(ident: str, config: Config, source: str) -> str:
    words = "".join(f"  {code}:\n    title: \"\"  # required\n    # text: one to three sentences (optional)\n"
                     for code in config.codes)
    return (f"- id: {ident}\n"
            '  date: ""  # required: "2023", "2023-04", "2023-Q2", "2023-04-15" or "before 2023-10-11"\n'
            f"  source: {source}\n"
            '  quote: ""  # required: the words of the source that give the date, copied exactly\n'
            + words)


def _term(ident: str, config: Config, source: str) -> str:
    """Optional keys are written as comments: an empty value would be a mistake, a missing one is not."""
    words = "".join(f"  {code}:\n    term: \"\"  # required\n    # definition: one or two sentences (optional)\n"
                    for code in config.codes)
    return (f"- id: {ident}\n"
            "  # pinyin: gōngshānglián  (optional)\n"
            f"  # source: {source}  (optional, with quote: where the article uses the term)\n"
            "  # quote: the words of the source, copied exactly\n"
            + words)


_RECORDS = {"stat": _stat, "event": _event, "term": _term}


def _page_with_template(pages: Path, template: str, config: Config) -> str | None:
    """The key of a page that uses ``template`` (its file in the default language says so), if one does; a page
    that cannot be read is left to the build to report."""
    for path in sorted(pages.rglob(f"*.{config.default_language}.md")):
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would wait for ever (the build refuses it)
                continue
            front = parse_document(path.read_text(encoding="utf-8-sig"), path).front
        except (ContentErrors, OSError, UnicodeDecodeError):
            continue
        if isinstance(front, dict) and front.get("template") == template:
            return key_and_language(path.relative_to(pages).as_posix())[0]
    return None


def _existing_ids(path: Path) -> set[str]:
    """The ids of the records in the data file ``path``, read as the build reads it. A file the build refuses, or
    one that is not a list of records, is refused with the build's located mistakes: a record appended to it
    would not be read (or would make it worse)."""
    if not os.path.lexists(path):  # (a link to nothing is the build's mistake: the record would be written there)
        return set()
    errors = ErrorList()
    loaded = load_data_file(path, errors)
    records = loaded.value if loaded is not None else None
    if loaded is not None and records is not None:
        records = expect_list(records, Location(path, 1, 1), path.name, errors)
    errors.raise_if_any()
    return {record["id"] for record in records or () if isinstance(record, dict) and isinstance(record.get("id"), str)}


def _newest_source(sources: Path) -> str:
    """The id of the most recent source (ids start with the article's date), or a placeholder."""
    ids = sorted(p.name[:-3] for p in sources.glob("*.md") if "." not in p.name[:-3]) if sources.is_dir() else []
    return ids[-1] if ids else '""'


def _append(path: Path, record: str) -> None:
    existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    separator = "" if not existing else ("\n" if existing.endswith("\n") else "\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(existing + separator + record, encoding="utf-8")
