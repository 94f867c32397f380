"""The documentation's links: every Markdown link from README.md or docs/*.md to a local file resolves,
and a link to a heading of a Markdown file names a heading it has (GitHub's anchors). The error catalogue's
examples made by appending a line to a file of static/ say what the build says of it, where."""

import re
from pathlib import Path

import pytest

from microsite.cli import main
from tests.conftest import PROJECT, make_project

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


# An example of the catalogue made by appending one line to a file of static/, which the test can make again: the
# file, the line, and the block of what the check printed.
_APPENDED = re.compile(r"^<!-- (static/[^:\s]+): ([^\n]+) appended; python3 build\.py check \(exit 1\) -->\n```\n(.*?)```",
                       re.M | re.S)
APPENDED = _APPENDED.findall((ROOT / "docs" / "errors.md").read_text(encoding="utf-8"))


def test_the_catalogue_has_examples_made_by_appending_to_a_static_file():
    assert len(APPENDED) >= 3


@pytest.mark.content
@pytest.mark.parametrize("name, line, printed", APPENDED, ids=[f"{name}: {line[:30]}" for name, line, _ in APPENDED])
def test_an_example_made_by_appending_to_a_static_file_is_what_the_check_says(name: str, line: str, printed: str,
                                                                               tmp_path: Path, capsys):
    """The line and column of each message are the check's of the real content as it is now (the example of error
    90 said style.css:203:42, for a stylesheet that had since lost a line)."""
    root = make_project(tmp_path, PROJECT / "content")
    with (root / name).open("a", encoding="utf-8") as file:
        file.write(line + "\n")
    assert main(["--root", str(root), "check", "--no-cache"]) == 1
    said = [text for text in capsys.readouterr().err.splitlines() if not text.startswith(("warning:", "    "))]
    assert said == printed.rstrip("\n").splitlines()
