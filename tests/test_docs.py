"""The documentation's links: every Markdown link from README.md or docs/*.md to a local file resolves,
and a link to a heading of a Markdown file names a heading it has (GitHub's anchors). The error catalogue's
examples, made again on the sample site (a frozen copy of the content, which editors never change) with the
repository's static files, say what the build says of them, where."""

import re
from pathlib import Path

import pytest

from microsite.cli import main
from tests.conftest import SAMPLE, make_project

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|<img src=\"([^\"]+)\"")


def local_links(text: str) -> list[str]:
    """The targets of the links in ``text`` that point into the repository (code is not read)."""
    text = _CODE.sub("", _FENCE.sub("", text))
    targets = [a or b for a, b in _LINK.findall(text)]
    return [t for t in targets if not re.match(r"[a-z]+:", t)]


def anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+\s+(.*)$", _FENCE.sub("", text), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_finds_links_and_anchors():
    text = "# A heading, with: punctuation\n[x](a.md#b) `[y](c.md)` [z](https://e.org/)\n"
    assert local_links(text) == ["a.md#b"]
    assert anchors(text) == {"a-heading-with-punctuation"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_local_links_resolve(doc: Path):
    broken = []
    for target in local_links(doc.read_text(encoding="utf-8")):
        path, _, fragment = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading with that anchor")
    assert not broken, f"{doc.name}: " + "; ".join(broken)


def test_readme_links_every_doc():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in local_links(readme)}
    assert set(DOCS[1:]) <= linked, "every file in docs/ is linked from the README"


# The examples of the catalogue whose comment says what was done to which file in a form the test can do again, with
# the block of what the check printed: one line appended to a file of static/; a line's words made (or typed) others
# (a quoted pair is the words between the quotation marks; "…" elides what the line holds there, or a cite: link's
# source); words added at a line's end.
_PRINTED = r" -->\n```\n(.*?)```"
_CHECKED = r"^<!-- python3 build\.py check (?:--no-cache )?\(exit 1\); ((?:content|static|templates)/\S+), line (\d+)"
_APPENDED = re.compile(r"^<!-- (static/[^:\s]+): ([^\n]+) appended; python3 build\.py check \(exit 1\)" + _PRINTED,
                       re.M | re.S)
_MADE = re.compile(_CHECKED + r"(?::|'s) ([^\n]+?) (?:made|typed) ([^\n]+?)" + _PRINTED, re.M | re.S)
_ADDED = re.compile(_CHECKED + r", ([^\n]+?)(?: \(U\+[^)\n]*\))? added at its end" + _PRINTED, re.M | re.S)
_CATALOGUE = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
EXAMPLES = ([(name, 0, "appended", line, printed) for name, line, printed in _APPENDED.findall(_CATALOGUE)]
            + [(name, int(line), "made", (old, new), printed) for name, line, old, new, printed in
               _MADE.findall(_CATALOGUE)]
            + [(name, int(line), "added", words, printed) for name, line, words, printed in _ADDED.findall(_CATALOGUE)])


def test_the_catalogue_has_examples_the_test_makes_again():
    assert {how for _, _, how, _, _ in EXAMPLES} == {"appended", "made", "added"} and len(EXAMPLES) >= 14


def edited(text: str, line: int, how: str, change) -> str:
    """``text`` changed as an example of the catalogue says (see :data:`EXAMPLES`)."""
    if how == "appended":
        return text + change + "\n"
    lines = text.split("\n")
    if how == "added":
        lines[line - 1] += change
        return "\n".join(lines)
    old, new = (part[1:-1] if part[:1] == part[-1:] == '"' else part for part in change)
    made = _made(lines[line - 1], old, new)
    assert made is not None, (f"line {line} of the sample's file does not hold {old!r}: give the example the line "
                              "that holds its words there, or words that line holds")
    lines[line - 1] = made
    return "\n".join(lines)


def _made(text: str, old: str, new: str) -> str | None:
    """``text`` with ``old`` made ``new`` (``…`` in ``old`` elides what ``text`` holds there; ``cite:…`` in ``new``
    is a cite: link's source in ``text``), or None where ``text`` does not hold ``old``."""
    if "…" in old:
        before, _, after = old.partition("…")
        elided = re.search(re.escape(before) + "(.*?)" + re.escape(after), text)
        if elided is None:
            return None
        old, new = elided.group(0), new.replace("…", elided.group(1))
    elif "cite:…" in new:
        cited = re.search(r"\(cite:([^\s)]+)", text)
        if cited is None:
            return None
        new = new.replace("cite:…", "cite:" + cited.group(1))
    return text.replace(old, new, 1) if old in text else None


@pytest.mark.parametrize("name, line, how, change, printed", EXAMPLES,
                         ids=[f"{name}:{line} {how}" for name, line, how, _, _ in EXAMPLES])
def test_an_example_of_the_catalogue_is_what_the_check_says(name: str, line: int, how: str, change, printed: str,
                                                              tmp_path: Path, capsys):
    """Each message is the check's, word for word, with its hint, at the line and column the block says (the
    example of error 90 said style.css:203:42, for a stylesheet that had since lost a line). The examples in the
    content are made on the sample site, which editors never change: on the real content an editor's work moved
    their lines and columns, renamed the records their messages name and rewrote the words they change (inserting
    a paragraph above organisation.zh.md's line 83 failed six of them)."""
    root = make_project(tmp_path, SAMPLE)
    path = root / name
    path.write_text(edited(path.read_text(encoding="utf-8") if path.exists() else "", line, how, change),
                    encoding="utf-8")
    assert main(["--root", str(root), "check", "--no-cache"]) == 1
    said = [text for text in capsys.readouterr().err.splitlines() if not text.startswith(("warning:", "    "))]
    expected = printed.rstrip("\n").splitlines()
    assert said == expected, (
        f"docs/errors.md's example for {name}:{line} is not what the check says of the sample site: make its block "
        "what the check prints, or its comment what makes that mistake now")
