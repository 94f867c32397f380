"""The documentation's links: every Markdown link from README.md or docs/*.md to a local file resolves,
and a link to a heading of a Markdown file names a heading it has (GitHub's anchors)."""

import re
from pathlib import Path

import pytest

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
