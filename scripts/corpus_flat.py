"""Generate a flat, documentation-shaped bilingual project of any size, valid for our build, for benchmarks.

    .venv/bin/python scripts/corpus_flat.py --pages 10000 --out /tmp/flat [--seed 1]

A corpus not shaped like our site (``scripts/synth.py`` writes one that is):
N Markdown pages in all, of which all but the six pages the templates need
(home, figures, timeline, glossary, sources, 404, written as ``synth.py``
writes them) are page pairs ``docs/pNNNNN.zh.md`` / ``docs/pNNNNN.en.md`` in
one folder. Each of those has

* headings at three levels (two with anchors, ``{#overview}`` and ``{#details}``);
* one long table of 20-60 rows and 4-6 columns: cells of words in the page's
  language, the last column in the other one, some first cells links;
* an unordered and an ordered list, each with nested lists;
* 10-30 links to other pages of the folder (``p00042.md``, some to
  ``p00042.md#overview``), in prose, lists and table cells, the rest in a
  "see also" list;
* emphasis, strong emphasis, code spans and a block quote.

No page of the folder cites a source or shows a statistic: the text has no
digits and no number words, so the build's number tracing has nothing to
trace; one source with its records serves the six special pages. English
pages carry ``translated_from``, so ``python build.py --root DIR check``
passes without warnings. Deterministic: the same N and seed give
byte-identical files.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace

import synth
from synth import PageContext, PageSpec, en_phrase, en_title, sentence, zh_phrase

FOLDER = "docs"
CONTENT_GLOB = f"{FOLDER}/*.en.md"  # the pages the benchmark may edit
LINKS_MIN, LINKS_MAX = 10, 30
ROWS_MIN, ROWS_MAX = 20, 60
COLUMNS_MIN, COLUMNS_MAX = 4, 6


class Links:
    """The page's links to other pages of the folder, handed out one at a time where the text has room."""

    def __init__(self, lang: str, key: str, keys: list[str], rng: random.Random) -> None:
        others = [other for other in keys if other != key] or [key]
        targets = [rng.choice(others) for _ in range(rng.randint(LINKS_MIN, LINKS_MAX))]
        self.links = [f"[{words(lang, rng, 1, 4)}]({synth.relative_link(key, target)}"
                      f"{'#overview' if rng.random() < 0.2 else ''})" for target in targets]

    def take(self) -> str:
        return self.links.pop() if self.links else ""

    def rest(self) -> list[str]:
        rest, self.links = self.links, []
        return rest


def words(lang: str, rng: random.Random, low: int, high: int) -> str:
    """``low`` to ``high`` words: English ones, or twice as many Chinese characters (a word is about two)."""
    return en_phrase(rng, low, high) if lang == "en" else zh_phrase(rng, 2 * low, 2 * high)


def heading(lang: str, level: int, rng: random.Random, anchor: str = "") -> str:
    text = zh_phrase(rng, 3, 8) if lang == "zh" else en_title(rng, 2, 5)
    return "#" * level + " " + text + (f" {{#{anchor}}}" if anchor else "")


def join(lang: str, *parts: str) -> str:
    """Parts of a sentence or paragraph, with the spaces English needs and Chinese does not."""
    return ("" if lang == "zh" else " ").join(part for part in parts if part)


def code_span(rng: random.Random) -> str:
    return "`" + "_".join(rng.choices(synth.EN_CAPITAL, k=rng.randint(1, 3))).lower() + "`"


def paragraph(lang: str, links: Links, rng: random.Random) -> str:
    """Two to four sentences with emphasis, strong emphasis, a code span and a link."""
    marked, strong, link = words(lang, rng, 2, 4), words(lang, rng, 1, 3), links.take()
    if lang == "zh":
        middle = f"{zh_phrase(rng, 2, 6)}*{marked}*{zh_phrase(rng, 2, 6)}**{strong}**{'，见' + link if link else ''}。"
    else:
        middle = f"{en_phrase(rng, 2, 6).capitalize()} *{marked}* and **{strong}**{', see ' + link if link else ''}."
    sentences = [sentence(lang, rng) for _ in range(rng.randint(1, 3))]
    sentences.insert(rng.randint(0, len(sentences)), middle)
    sentences.insert(rng.randint(0, len(sentences)), join(lang, code_span(rng), sentence(lang, rng)))
    return join(lang, *sentences)


def bullet_list(lang: str, links: Links, rng: random.Random, marker: str) -> str:
    """Four to eight items (``-`` or ``1.``), some with a nested list of two or three."""
    lines = []
    for _ in range(rng.randint(4, 8)):
        item = join(lang, words(lang, rng, 2, 6), links.take() if rng.random() < 0.4 else "")
        lines.append(f"{'1.' if marker == '1.' else '-'} {item}")
        if rng.random() < 0.3:
            indent = " " * (3 if marker == "1." else 2)
            lines += [f"{indent}- {words(lang, rng, 2, 5)}" for _ in range(rng.randint(2, 3))]
    return "\n".join(lines)


def table(lang: str, links: Links, rng: random.Random) -> str:
    """A GFM table: 20-60 rows of 4-6 columns, the last in the other language, some first cells links."""
    other = "en" if lang == "zh" else "zh"
    columns = rng.randint(COLUMNS_MIN, COLUMNS_MAX)
    header = [words(lang, rng, 1, 2) for _ in range(columns - 1)] + [words(other, rng, 1, 2)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * columns]
    for _ in range(rng.randint(ROWS_MIN, ROWS_MAX)):
        first = links.take() if rng.random() < 0.1 else words(lang, rng, 1, 3)
        cells = [first or words(lang, rng, 1, 3)] + [words(lang, rng, 1, 3) for _ in range(columns - 2)]
        if rng.random() < 0.2:
            cells[1] = code_span(rng)
        lines.append("| " + " | ".join([*cells, words(other, rng, 1, 2)]) + " |")
    return "\n".join(lines)


def block_quote(lang: str, rng: random.Random) -> str:
    return "\n>\n".join("> " + join(lang, *(sentence(lang, rng) for _ in range(rng.randint(1, 3))))
                        for _ in range(rng.randint(1, 2)))


def see_also(lang: str, links: Links, rng: random.Random) -> list[str]:
    """The links no other block took, as a closing list under its own heading."""
    rest = links.rest()
    return [heading(lang, 3, rng), "\n".join(f"- {link}" for link in rest)] if rest else []


def flat_body(lang: str, key: str, context: PageContext, rng: random.Random) -> str:
    """A documentation page: headings, paragraphs, a long table, nested lists, a quote and many links."""
    links = Links(lang, key, context.keys, rng)
    blocks = [
        paragraph(lang, links, rng),
        heading(lang, 2, rng, "overview"), paragraph(lang, links, rng), bullet_list(lang, links, rng, "-"),
        heading(lang, 3, rng), paragraph(lang, links, rng), table(lang, links, rng),
        block_quote(lang, rng),
        heading(lang, 2, rng, "details"), paragraph(lang, links, rng),
        heading(lang, 3, rng), bullet_list(lang, links, rng, "1."),
        heading(lang, 4, rng), paragraph(lang, links, rng),
        *see_also(lang, links, rng),
    ]
    return "\n\n".join(blocks) + "\n"


def page_specs(pages: int) -> list[PageSpec]:
    """The special pages, then N/2 - 6 pages in one folder."""
    specs = synth.special_specs()
    return specs + [PageSpec(f"{FOLDER}/p{number:05d}") for number in range(pages // 2 - len(specs))]


def generate(pages: int, seed: int = 1) -> dict[str, str]:
    """Every content file, path (relative to the project) -> text."""
    synth.check_size(pages)
    rng = random.Random(seed)
    files, context = synth.record_files([synth.make_source(0, rng)], rng)
    specs = page_specs(pages)
    folder = replace(context, keys=[spec.key for spec in specs if spec.key.startswith(FOLDER + "/")])
    special, pairs = specs[:len(synth.SPECIAL_PAGES)], specs[len(synth.SPECIAL_PAGES):]
    files["content/site.yaml"] = synth.site_yaml(synth.nav_keys(specs))
    synth.add_pages(files, special, replace(folder, keys=[spec.key for spec in specs]), rng)
    synth.add_pages(files, pairs, folder, rng, flat_body)
    return files


def write_project(out, pages: int, seed: int = 1, force: bool = False) -> int:
    """Write the project at ``out`` (see ``synth.write_project``); returns the number of page files written."""
    return synth.write_project(out, pages, seed, force, generate)


if __name__ == "__main__":
    sys.exit(synth.main(doc=__doc__, generator=generate))
