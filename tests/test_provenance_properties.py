"""Property: whatever invisible, space or digit characters land in a quote, a source, prose, a title or a
label, a site that builds never shows a reader a number its quoted passage does not have.

Each example inserts a few characters (Unicode spaces, format and bidi characters, digits of several
scripts, Chinese numerals and measure words) at one place of the minimal site, builds it, and either the
build refuses it (a located mistake, exit 1) or the built pages keep the promise:

- no page has an invisible character;
- the numbers a reader sees in every citation's text are numbers of the passage it links to, as the
  source page shows that passage;
- no page's title or heading shows a number the unchanged site's did not.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microsite.characters import INVISIBLE
from microsite.numerals import find_numbers_en, find_numbers_zh, same_value
from tests.conftest import resealed
from tests.test_properties import END_TO_END, Site

SOURCE = "sources/2023-10-11-abcdef12.md"
CITATION = '[supports 49 chambers](cite:2023-10-11-abcdef12 "护航49个所属商会成立、成长")'
# Where characters are inserted: (file, the text in it whose inside receives them).
PLACES = [
    ("data/statistics.yaml", "护航49个所属商会成立、成长"),  # a record's quote
    (SOURCE, "护航49个所属商会成立、成长"),  # the source's own text
    ("pages/index.en.md", "supports 49 chambers"),  # a citation's text
    ("pages/index.en.md", "护航49个所属商会成立"),  # a citation's quote
    ("pages/index.en.md", "title: Home en"),  # a page title
    ("data/statistics.yaml", "label: affiliated chambers"),  # a statistic's label
    ("data/timeline.yaml", "title: 商贸对接活动"),  # an event's title
]
INSERTED = st.sampled_from([" ", "\u00a0", "\u2009", "\u200a", "\u3000", "\u200b", "\u200d", "\u2060", "\u00ad",
                            "\u202e", "\u2066", "\u2069", "\ufeff", "&#8202;", "&#x202E;", "1", "4", "9", "٤",
                            "４", "𝟗", "九", "十", "家", "个", "第"])


class _Reader(HTMLParser):
    """The text a reader sees: of each citation link (with its target), each passage, titles and h1."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.citations: list[tuple[str, str]] = []
        self.passages: dict[str, str] = {}
        self.headings: list[str] = []
        self.text: list[str] = []
        self._open: list[tuple[str, str, str]] = []  # (tag, what, key) of elements whose text is collected

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "a" and "cite" in (attributes.get("class") or "").split():
            self._open.append((tag, "cite", attributes.get("href", "").rpartition("#")[2]))
        elif tag == "mark" and (attributes.get("id") or "").startswith("q-"):
            self._open.append((tag, "passage", attributes["id"]))
        elif tag in ("title", "h1"):
            self._open.append((tag, "heading", ""))
        self.text.extend(value for name, value in attrs if name in ("title", "alt", "aria-label") and value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for index, (tag, what, key) in enumerate(self._open):
            self._open[index] = (tag, what, key + "\x00" + data if "\x00" in key else key + "\x00" + data)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                _, what, key = self._open.pop(index)
                name, _, text = key.partition("\x00")
                text = text.replace("\x00", "")
                if what == "cite":
                    self.citations.append((name, text))
                elif what == "passage":
                    self.passages[name] = self.passages.get(name, "") + text
                else:
                    self.headings.append(text)
                return


def read_site(out: Path) -> Iterator[tuple[Path, _Reader]]:
    for page in sorted(out.rglob("*.html")):
        reader = _Reader()
        reader.feed(page.read_text(encoding="utf-8"))
        yield page, reader


def values(text: str, lang: str) -> list[float]:
    find = find_numbers_zh if lang.startswith("zh") else find_numbers_en
    return [number.value for number in find(text)]


def heading_numbers(out: Path) -> dict[str, list[float]]:
    found = {}
    for page, reader in read_site(out):
        if "sources" not in page.parts:
            lang = "en" if "en" in page.relative_to(out).parts[:1] else "zh"
            found[str(page.relative_to(out))] = sorted(v for h in reader.headings for v in values(h, lang))
    return found


@pytest.fixture(scope="module")
def cited(site: Site) -> Site:
    """The minimal site with one citation in English prose, and its headings' numbers as built unchanged."""
    page = site.root / "content/pages/index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{CITATION}\n", encoding="utf-8")
    status, _, err = site.run("build", {})
    assert status == 0, err
    site.unchanged_headings = heading_numbers(site.out)
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    shared = Site(tmp_path_factory.mktemp("provenance-properties"))
    yield shared
    print(f"\nbuilds by exit status: {dict(sorted(shared.outcomes.items()))}")  # shown with pytest -s


@END_TO_END
@given(st.sampled_from(PLACES), st.lists(INSERTED, min_size=1, max_size=3), st.floats(0, 1))
def test_a_built_site_never_shows_a_number_its_passage_does_not_have(cited: Site, place, inserted, where) -> None:
    name, target = place
    path = cited.root / "content" / name
    text = path.read_text(encoding="utf-8")
    at = 1 + int(where * (len(target) - 2))  # strictly inside the target
    mutated = text.replace(target, target[:at] + "".join(inserted) + target[at:], 1)
    if name == SOURCE:
        mutated = resealed(mutated)  # what follows from a changed article, not the seal that refuses an edit of it
    status, _, err = cited.run("build", {name: mutated})
    assert status in (0, 1) and "Traceback" not in err
    if status == 1:
        return
    pages = dict(read_site(cited.out))
    passages = {anchor: passage for reader in pages.values() for anchor, passage in reader.passages.items()}
    for page, reader in pages.items():
        assert not INVISIBLE.search("".join(reader.text)), page
        lang = "en" if cited.out / "en" in page.parents else "zh"
        for anchor, text in reader.citations:
            shown, passage = values(text, lang), values(passages[anchor], "zh")
            assert all(any(same_value(v, p) for p in passage) for v in shown), (page, text, passages[anchor])
    assert heading_numbers(cited.out) == cited.unchanged_headings
