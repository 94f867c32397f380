"""Markdown compiled once into a small, token-free form that can be cached and sent between processes.

Parsing Markdown is most of a build's work, and its result does not depend
on the rest of the site, only on the text. :func:`compile_markdown` parses
a text and keeps what the build needs of it: the HTML (with a placeholder
where each link's attributes go, because where a link leads depends on the
rest of the site), every link with its position in the text, every run of
text that contains digits (for the traceability check), the headings' ids.
``links.resolve`` fills the placeholders in later. The HTML and the links
and digits (:class:`Survey`) are each kept apart as one text, read only
where they are needed: a page's HTML where it is rendered, its survey where
its links are resolved (see ``kept``).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import accumulate, repeat
from typing import Any, NamedTuple
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token

from . import cores
from .cores import map_forked
from .kept import Kept, LostText, text_key, text_of
from .markdown import LinkRef, Outline, may_hold_record_links, mistyped_links, new_parser, only_comments, outline
from .numerals import any_may_hold_numbers, digit_runs, number_cut
from .patterns import compile_later
from .store import all_of, as_json
from .tracing import times_from_today

# NUL never reaches the HTML from the text (markdown-it replaces it), so it
# cannot be confused with anything an editor wrote.
ATTRIBUTES = "\x00a{}\x00"  # where link number {} puts its href/src (and class, title)
FILLER = "\x00t{}\x00"  # where an empty link's text goes (a statistic's value)
_PLACEHOLDER = compile_later(r' \x00a(\d+)\x00=""|\x00t(\d+)\x00')  # as the renderer writes ATTRIBUTES and FILLER
_SPACES = compile_later(r"\s*")  # what str.lstrip() strips, matched from a column instead of copying the rest


def fill_placeholders(html: str, fills: tuple[str, ...]) -> str:
    """``html`` with link number n's placeholders replaced: its attributes by ``fills[2n]``, its text by
    ``fills[2n + 1]`` (both HTML already: see ``links.resolve``)."""
    if not fills or "\x00" not in html:
        return html
    return _PLACEHOLDER.sub(lambda match: fills[2 * int(match.group(1)) if match.group(1) is not None
                                                 else 2 * int(match.group(2)) + 1], html)


class LinkSpec(NamedTuple):
    """A link or image as written: ``line``/``column`` (0-based) point at its target in the text.

    A tuple, not a dataclass: a site of long pages has hundreds of thousands of links, each made again
    whenever its compiled text is read back or sent from a worker process, and a tuple is made at C speed.
    """

    href: str
    title: str
    text: str
    is_image: bool
    line: int
    column: int
    mistyped: bool = False  # inside a would-be link an input method's punctuation broke (reported as that)


@dataclass(frozen=True, slots=True)
class WritingMistake:
    """A mistake in how a text is written, found as it compiles: a would-be link broken by an input method's
    punctuation or left unmade by the parser, raw HTML, a heading, a header cell or a list item a reader would
    trip on, a table's row with cells left out, a link without text or an image without a description.
    ``line``/``column`` (0-based) of the cause.

    ``start`` and ``end`` (line, column) delimit it: digits and links in there are part of this one mistake.
    """

    line: int
    column: int
    start: tuple[int, int]
    end: tuple[int, int]
    message: str
    hint: str

    def covers(self, line: int, column: int) -> bool:
        return self.start <= (line, column) < self.end


class _Covered:
    """Whether a (line, column) is inside one of ``mistakes`` (``WritingMistake.covers``), by bisection: asking
    each mistake for each link and number made a page of thousands of mistyped links quadratic."""

    def __init__(self, mistakes: Iterable[WritingMistake]) -> None:
        spans = sorted((mistake.start, mistake.end) for mistake in mistakes)
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # the furthest end of those up to each

    def __call__(self, line: int, column: int) -> bool:
        before = bisect_right(self.starts, (line, column))  # the mistakes that start at or before the place
        return before > 0 and (line, column) < self.reach[before - 1]


def _offset(place: tuple[int, int, int]) -> int:
    return place[0]


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of text with digits in it; ``link`` is the index of the link it is in, or -1.

    ``places`` gives, for each run of digits in ``text``, its offset in ``text``
    and its (0-based) line and column in the Markdown. ``before`` and ``after`` are what a reader reads on
    either side of it, across a link's edge or marks (see :class:`_Around`): a number is read in their words.
    """

    text: str
    link: int
    places: tuple[tuple[int, int, int], ...]
    before: str = ""
    after: str = ""

    def place_of(self, offset: int) -> tuple[int, int]:
        """Line and column of the digits at or just before ``offset`` of ``text`` (``places`` are in the text's
        order: bisected, not read through for each of a paragraph's thousands of untraced numbers)."""
        before = bisect_right(self.places, offset, key=_offset)
        best = self.places[before - 1] if before else self.places[0]
        return best[1], best[2]


@dataclass(frozen=True, slots=True)
class Compiled:
    """What the build needs of one Markdown text (see the module docstring): its HTML is ``body``; its links and
    runs of digits are its ``survey``, which only resolving its links reads. ``external`` and ``cited`` are the
    addresses of its links to other websites and its ``cite:`` links, which every build reads of every text."""

    body: Html
    survey: Survey
    link_count: int
    heading_ids: frozenset[str]
    duplicate_ids: tuple[tuple[int, str], ...]
    mistakes: tuple[WritingMistake, ...] = ()  # how it is written (reported as the content's)
    external: tuple[str, ...] = ()
    cited: tuple[LinkSpec, ...] = ()
    chinese_passage: int = -1  # the line of its first passage in Chinese readers see (see ``_chinese_passage``)
    from_today: tuple[tuple[int, int, str], ...] = ()  # its times counted from today (see ``_times_from_today``)

    @property
    def html(self) -> str:
        return self.body.text

    @property
    def links(self) -> tuple[LinkSpec, ...]:
        """Read from the survey each time it is asked for (and decoded): where both are needed, as in
        ``links.resolve``, ask ``survey.found()`` once."""
        return self.survey.found()[0]

    @property
    def digits(self) -> tuple[TextRun, ...]:
        """Read from the survey each time, as :attr:`links` is."""
        return self.survey.found()[1]


class Survey(Kept):
    """A text's links and runs of digits (:func:`_survey`), as the JSON text they are kept as, named by the text's
    key (they are a pure function of it). Only resolving the text's links reads them: after a one-page edit, a
    build reads back the survey of that page alone, as it reads its HTML (see ``kept``). At 10,000 pages of
    long tables, the surveys were two thirds of the compiled forms a build read back, and 200,000 links."""

    def found(self) -> tuple[tuple[LinkSpec, ...], tuple[TextRun, ...]]:
        """The links and runs of digits, read (and checked: :class:`LostText` if they are not of their shape)."""
        text = self.text  # LostText when it cannot be read back
        try:
            links, digits = json.loads(text)
            return links_from_json(links), digits_from_json(digits)
        except (ValueError, TypeError, RecursionError):
            raise LostText(f"the survey kept for {self.key} is not of its shape") from None

    @classmethod
    def of(cls, key: str, links: tuple[LinkSpec, ...], digits: tuple[TextRun, ...]) -> Survey:
        text = as_json([[list(link) for link in links],
                        [[run.text, run.link, [list(place) for place in run.places], run.before, run.after]
                         for run in digits]])
        return cls(key, len(text), text)


def links_from_json(links: Any) -> tuple[LinkSpec, ...]:
    """Links read back, checked field by field for all of them at once: a page may have hundreds, and checking
    them one at a time cost more than reading them."""
    if type(links) is not list:
        raise TypeError("not links")
    if not links:
        return ()
    if not all_of(list, links) or set(map(len, links)) != {len(LinkSpec._fields)}:
        raise TypeError("not links")
    hrefs, titles, link_texts, images, lines, columns, mistyped = zip(*links)
    if not (all_of(str, hrefs + titles + link_texts) and all_of(bool, images + mistyped)
            and all_of(int, lines + columns)):
        raise TypeError("not links")
    return tuple(map(tuple.__new__, repeat(LinkSpec), links))


def digits_from_json(runs: Any) -> tuple[TextRun, ...]:
    """Runs of digits read back, each field checked."""
    if type(runs) is not list:
        raise TypeError("not runs of digits")
    return tuple(TextRun(_checked(str, run_text), _checked(int, link),
                         tuple((_checked(int, offset), _checked(int, line), _checked(int, column))
                               for offset, line, column in places), _checked(str, before), _checked(str, after))
                 for run_text, link, places, before, after in runs)


def _checked(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise TypeError(f"not a {kind.__name__}")
    return value


class Html(Kept):
    """The HTML a text compiled to, named by the text's key (:func:`text_key`): the HTML is a pure function of
    the text, so texts of one key have one HTML. A page's HTML is needed only where the page is rendered, and a
    page that need not be rendered again need not be read (see ``kept``)."""


def compile_markdown(md: MarkdownIt, text: str, key: str | None = None) -> Compiled:
    """Parse ``text`` once; a pure function of the text (and the parser's rules). ``key``: the text's, if known."""
    tokens = md.parse(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as markdown-it counts lines
    mistakes = _mistyped(tokens, lines) if may_hold_record_links(text) else ()
    if "<" in text:
        mistakes += _raw_html(tokens, lines)
    found_outline = outline(tokens)
    mistakes += _outline_mistakes(found_outline, lines)
    if found_outline.table_bodies:
        mistakes += _cells_left_out(found_outline.table_bodies, lines)
    found: list[LinkRef] = []
    split: list[WritingMistake] = []
    links, digits = _survey(tokens, _Scanner(lines), mistakes, found, found_outline.code_blocks, split)
    mistakes += _without_text(found, links) + tuple(split)
    # Last first: inserting a link's filler text shifts the positions of the links after it.
    for number in range(len(found) - 1, -1, -1):
        _placeholders(found[number], number)
    html = md.renderer.render(tokens, md.options, {})
    if _may_show_syntax(html):  # asked of the HTML: each link made, and each pair of marks used, left none
        shown = _syntax_shown(tokens, lines, mistakes)
        if shown:  # (only in a text with a mistake: its numbers are that mistake's, not others)
            mistakes += shown
            digits = _uncovered(digits, shown)
    # Each Chinese character is 2 more bytes in UTF-8 than an ASCII one: a text with fewer than a passage's worth
    # (most English texts) need not be searched for one.
    passage = _chinese_passage(html, text) if len(html.encode()) - len(html) >= 2 * PASSAGE_LENGTH else -1
    key = key or text_key(text)
    return Compiled(
        body=Html(key, len(html), html),
        survey=Survey.of(key, links, digits),
        link_count=len(links),
        heading_ids=found_outline.ids,
        duplicate_ids=found_outline.duplicates,
        mistakes=mistakes,
        external=tuple(link.href for link in links if link.href.startswith(("http://", "https://"))),
        cited=tuple(link for link in links if link.href.startswith("cite:") and not link.mistyped),
        chinese_passage=passage,
        from_today=_times_from_today(text),
    )


# What the words of a text are not: a citation (its words report the article's, and so may say 上个月 as it does), a
# link's address and code.
_NOT_WORDS = compile_later(r"\[[^\[\]\n]*\]\(cite:[^()\n]*\)|\]\([^()\n]*\)|`[^`\n]*`")


def _times_from_today(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where ``text`` places a time from the day it is read (近日, last month: see ``tracing.times_from_today``),
    outside its citations, links' addresses and code: its line (0-based), column and words, each. Reported where
    the text is the site's own voice, which a later reader reads as theirs (see ``links``)."""
    if not times_from_today(text):  # (most texts: searched once, as written)
        return ()
    words = _NOT_WORDS.sub(lambda match: " " * len(match.group()), text)  # (the same length: the same places)
    return tuple((words.count("\n", 0, match.start()), match.start() - (words.rfind("\n", 0, match.start()) + 1),
                  match.group()) for match in times_from_today(words))


# A passage in Chinese: so many Chinese characters and punctuation marks in a row in what readers see. A name or
# a term in another language's text is a few (晋江市工商联（总商会）, eleven); a sentence left untranslated is more.
# (An article's words quoted in a cite: link are its title, which readers do not see as text.)
PASSAGE_LENGTH = 24
_CHINESE_PASSAGE = compile_later(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]{%d,}"
                              % PASSAGE_LENGTH)


def _chinese_passage(html: str, text: str) -> int:
    """The 0-based line of ``text`` where the first passage in Chinese of its ``html`` begins, or -1: asked of a
    text in any language, and reported for a text in one that is not Chinese (see ``validate``)."""
    found = _CHINESE_PASSAGE.search(html)
    if found is None:
        return -1
    at = text.find(found.group()[:8])  # (the passage may run across a line break of the Markdown)
    return text.count("\n", 0, at) if at >= 0 else 0


def _mistyped(tokens: list[Token], lines: list[str]) -> tuple[WritingMistake, ...]:
    """The would-be links of every paragraph (and heading, cell ...) that IME punctuation broke."""
    found: dict[tuple[int, int], WritingMistake] = {}  # by cause
    spans: set[tuple[int, int]] = set()
    for block in tokens:
        if block.type != "inline" or not block.map or tuple(block.map) in spans:
            continue  # the cells of a table row share their line's map: the line is read once
        spans.add(tuple(block.map))
        first = block.map[0]
        text = "\n".join(lines[first:block.map[1]])
        places = None
        for link in mistyped_links(text):
            places = places or _Places(text, first)
            cause = places(link.cause)
            found[cause] = WritingMistake(*cause, places(link.start), places(link.end), link.message, link.hint)
    return tuple(found.values())


# What is left of a link's syntax in the text a reader sees, when the parser could not make it a link:
# "[text](target" (no closing parenthesis, or a space in the target), "[text][name]" (no such name defined),
# "[text] (page.md)" (a space before the parenthesis) and "(page.md)[text]" (the wrong way round).
_NOT_A_LINK = compile_later(r"\[[^\[\]\n]*\](?:\(|\[|[ \t]+\((?=[^()\s]*(?:\.md|:|/)))"
                         r"|\([^()\s]*(?:\.md|:|/)[^()\s]*\)\[[^\[\]\n]*\]")


def _with_target(text: str, match: re.Match) -> str:
    """The would-be link ``match`` found in ``text`` with its target as a link's would run: to the ``)`` or ``]``
    that closes it on its line, before another link; where none does, its first word, and a title in quotation
    marks after it."""
    found = match.group()
    if not found.endswith(("(", "[")):
        return found
    closing = ")" if found.endswith("(") else "]"
    line_end = text.find("\n", match.end()) % (len(text) + 1)  # (where there is none: the end of the text)
    shut = text.find(closing, match.end(), line_end)
    if shut >= 0 and "[" not in text[match.end():shut]:  # a space in the target: [text](page .md)
        return text[match.start():shut + 1]
    position = match.end()
    while position < len(text) and text[position] not in (closing, "\n") and not text[position].isspace():
        position += 1  # the target
    after = len(text[position:]) - len(text[position:].lstrip(" \t"))
    if position + after < len(text) and text[position + after] in "\"'" and closing == ")":
        quote = text[position + after]  # a title
        shut = text.find(quote, position + after + 1)
        position = len(text) if shut < 0 else shut + 1
    if position < len(text) and text[position] == closing:
        position += 1
    return text[match.start():position].rstrip()


NOT_A_LINK = ("'{}' is not a link: readers would see its brackets as typed",
              "a link is [text](target): nothing between ] and (, no space in the target, and a ) to close it; "
              "[text][name] needs a line '[name]: target' of its own")


def _syntax_shown(tokens: list[Token], lines: list[str],
                  mistakes: tuple[WritingMistake, ...]) -> tuple[WritingMistake, ...]:
    """What is left of Markdown's syntax in the text a reader sees, where the parser could not use it: a link it
    could not make, its brackets and parentheses (``_NOT_A_LINK``), ``**`` or ``~~`` that open or close
    nothing, and a web address written as text (no link). Each is a mistake that covers it (a number in a
    broken link's text or an address is this one mistake); one an input method's punctuation broke is reported
    as that (``_mistyped``). Marks written escaped (``\\*\\*``) are shown on purpose, and are not found as
    typed."""
    found = []
    for block in tokens:
        if block.type != "inline" or not block.children or not block.map:
            continue
        if not _may_show_syntax(block.content):
            continue
        first = block.map[0]
        source, offset = "\n".join(lines[first:block.map[1]]), 0
        places = None  # made at the first mistake: most blocks have none
        in_link = 0  # a link's text (an autolink's is its address)
        for child in block.children:
            kind = child.type
            if kind != "text":
                in_link += (kind == "link_open") - (kind == "link_close")
                continue
            if not _may_show_syntax(child.content):
                continue
            shown = [(match.start(), _with_target(child.content, match), NOT_A_LINK)
                     for match in _NOT_A_LINK.finditer(child.content)]
            shown += [(match.start(), match.group(), MARKS_SHOWN) for match in _MARKS.finditer(child.content)]
            shown += [(match.start(), match.group().rstrip(".,;:!?"), ADDRESS_SHOWN)
                      for match in ADDRESS.finditer(child.content) if not in_link]
            for position, written, (message, hint) in sorted(shown, key=lambda item: item[0]):
                # Found by what follows it too: "**" alone could be found where the parser used a pair.
                context = child.content[position:position + max(len(written), 24)].split("\n")[0]
                at = source.find(context, offset)
                if at < 0:
                    continue  # written other than shown (an entity, an escape): not the syntax as typed
                offset = at + len(written)
                places = places or _Places(source, first)
                start, end = places(at), places(offset)
                if any(mistake.covers(*start) for mistake in mistakes):
                    continue
                quoted = written if len(written) <= 60 else written[:57] + "..."
                found.append(WritingMistake(*start, start, end, message.format(quoted), hint))
    return tuple(found)


def _may_show_syntax(html: str) -> bool:
    """Whether a text's HTML may show what is left of a link, marks or an address (its links' addresses are
    placeholders there: ``_placeholders``)."""
    return "]" in html or "**" in html or "~~" in html or "://" in html or "www." in html


def _uncovered(digits: tuple[TextRun, ...], mistakes: tuple[WritingMistake, ...]) -> tuple[TextRun, ...]:
    """``digits`` without the runs of digits that ``mistakes`` cover (as the survey leaves them out)."""
    runs, covered = [], _Covered(mistakes)
    for run in digits:
        kept = tuple(place for place in run.places if not covered(*place[1:]))
        if kept:
            runs.append(replace(run, text=_masked(run.text, digit_runs(run.text), run.places, kept), places=kept))
    return tuple(runs)


# Bold's or strikethrough's marks, with the word they hold to: a word is tried from its start alone, so that a
# long word without marks is read once, not once from each of its characters.
_MARKS = compile_later(r"(?<!\S)\S*?(?:\*\*|~~)\S*")
# A web address written as text (linkify is off: it is no link), to the first space or punctuation around it.
ADDRESS = compile_later(r"(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'()（）【】「」『』《》，。；：！？、]+",
                        re.IGNORECASE)
_SCHEME = compile_later(r"^(?:[a-z][a-z0-9+.-]*://|mailto:)")  # what an address may be written without


def _is_address_of(text: str, href: str) -> bool:
    """Whether a link's ``text`` is its own address ``href`` (with or without its scheme, as typed or decoded:
    [epaper.cbt.com.cn/2023](https://epaper.cbt.com.cn/2023), [a@b163.cn](mailto:a@b163.cn)): no claim, but only
    then: [www.jinjiang.gov.cn上说全市民营企业超过5000家](https://www.jinjiang.gov.cn/) says something, and its
    numbers are traced."""
    def shown(address: str) -> str:
        return _SCHEME.sub("", unquote(address.strip()).lower()).rstrip("/")
    # (An address in Chinese reads as words: <https://a.cn/晋江共有5000家企业> says what it says.)
    return text.isascii() and shown(text) == shown(href)


ADDRESS_SHOWN = ("'{}' is a web address written as text: readers cannot follow it",
                 "write it between < and > to show it as a link, or give it words: [the e-paper](https://...)")
MARKS_SHOWN = ("'{}' is shown as typed: its marks open or close nothing",
               "bold is **text**, with no space just inside the marks and both on one paragraph; to show the "
               "marks, write \\*\\*")


RAW_HTML_HINT = ("write it in Markdown (a line break: a backslash at the end of the line; bold: **text**); a note "
                 "for editors can be an HTML comment, <!-- like this -->, which readers never see")


def _raw_html(tokens: list[Token], lines: list[str]) -> tuple[WritingMistake, ...]:
    """Each piece of raw HTML but comments (which are left out of the HTML: see ``markdown``), as a mistake: it
    would be shown to readers as the characters typed."""
    found = []
    for token in tokens:
        if token.type == "html_block" and not only_comments(token.content) and token.map:
            line = token.map[0]
            place = (line, max(lines[line].find("<"), 0))
            found.append(_html_mistake(token.content, place))
        elif token.type == "inline" and token.children and token.map:
            first, offset = token.map[0], 0
            text = "\n".join(lines[first:token.map[1]])
            places = None
            for child in _with_alt_texts(token.children):
                if child.type == "html_inline" and not only_comments(child.content):
                    offset = max(text.find(child.content, offset), 0)
                    places = places or _Places(text, first)
                    found.append(_html_mistake(child.content, places(offset)))
                    offset += len(child.content)
    return tuple(found)


def _with_alt_texts(children: list[Token]) -> Iterator[Token]:
    """``children``, each image followed by the tokens of its alt text (where markdown-it leaves raw HTML out)."""
    for child in children:
        yield child
        if child.type == "image" and child.children:
            yield from _with_alt_texts(child.children)


def _outline_mistakes(found: Outline, lines: list[str]) -> tuple[WritingMistake, ...]:
    """A level-1 heading (the page's title is its one), a heading a level too deep (``##`` then ``####``), one
    without words, a table's header cell without words and a list item without words: each misleads a reader
    who moves through the page by its headings, through a table by its columns' names (a screen reader's), or
    down a list. And what Markdown makes of text that was not meant as markup: a heading of a paragraph with a
    line of ``---`` under it, code of a paragraph indented by four spaces (as a Chinese paragraph's first line
    may be)."""
    def at(line: int) -> tuple[int, int]:
        return line, len(lines[line]) - len(lines[line].lstrip(" "))

    mistakes = [(at(line), "a level-1 heading: the page's title is its only one",
                 "begin a section with ## (a part of one with ###)") for line in found.first_level]
    mistakes += [(at(line), f"a level-{level} heading after a level-{before} one: a level is left out",
                  f"write it as {'#' * (before + 1)} (a heading is at most one level below the one before it; "
                  "the page's title is the one level-1 heading)") for line, level, before in found.skipping]
    mistakes += [(at(line), "a heading without words", "write its words after the #, or remove it")
                 for line in found.empty]
    mistakes += [(at(line), "a table's header cell without words", "name the column in the table's first row")
                 for line in found.empty_header_cells]
    mistakes += [(at(line), f"the line '{lines[line].strip()[:20]}' makes the text above it a heading",
                  "for a line across the page, leave a blank line before it; for a heading, write ## before the "
                  "text and remove this line") for line in found.underlined]
    mistakes += [(at(line), "a list item without words: readers would see an empty bullet",
                  "write the item's words after its marker (- or 1.), or remove the line")
                 for line in found.empty_items]
    mistakes += [((line, _marker_column(lines[line], start, markup)),
                  f"a list numbered from {start}: readers see '{start}.' before its first item, a number no quote "
                  "traces", "number the list from 1: its numbers then count its items and claim nothing (a list that goes on "
                  "after a paragraph stays one when the paragraph is indented under the item above it); a number "
                  "that is a claim is written in the text with its citation: a line begun with one as "
                  f"{start}\\{markup} begins no list")
                 for line, start, markup in found.numbered_from]
    # Text shown as code is one mistake, its numbers and links with it (they are not what was meant either).
    shown_as_code = [WritingMistake(block.map[0], 0, (block.map[0], 0), (block.map[1], 0),
                                    "this text is indented by four spaces (or a tab), which shows it as code: "
                                    "readers would see it in a box, as typed", "remove the spaces before it (a "
                                    "paragraph needs no indent); to show code, put it between two lines of ```")
                     for block in found.code_blocks if block.type == "code_block" and block.map]
    return tuple(sorted([*map(lambda mistake: _mistake_at(*mistake), mistakes), *shown_as_code],
                        key=lambda mistake: (mistake.line, mistake.column)))


def _marker_column(line: str, start: int, markup: str) -> int:
    """The column of an ordered list's first marker (``49.``, ``049)``) in the line its list begins on, after
    a quotation's ``>`` and the markers of the lists it is in (``1. 49. item``)."""
    for marker in re.finditer(r"\d{1,9}" + re.escape(markup), line):
        if int(marker.group()[:-1]) == start:
            return marker.start()
    return len(line) - len(line.lstrip(" "))


def _cells_left_out(bodies: tuple[tuple[int, int, int], ...], lines: list[str]) -> tuple[WritingMistake, ...]:
    """Each row of a table with more cells than the table has columns (its header's): the parser leaves the cells
    beyond them out of the page, and with them any number or citation in them, without a word."""
    mistakes = []
    for line, columns in ((line, columns) for first, end, columns in bodies for line in range(first, end)):
        count = cells_in(lines[line])
        if count > columns:
            which = f"the {_ordinal(columns + 1)} cell" + (" and those after it" if count > columns + 1 else "")
            written = lines[line]
            mistakes.append(_mistake_at(
                (line, len(written) - len(written.lstrip())),
                f"this row of the table has {count} cells, but the table has {columns} columns: {which} would be "
                "left out of the page", "add the column to the table's first row and its --- row, or remove the "
                "cells; a | inside a cell is written \\|"))
    return tuple(mistakes)


def cells_in(written: str) -> int:
    """How many cells markdown-it reads in a line of a table's body (inside a quotation too: after its ``>``),
    before it takes as many as the table has columns."""
    text = mdTrim(written)
    if text.startswith(">"):
        text = mdTrim(text.lstrip(">" + MD_TRIM_CHARS))
    if "\\" in text:  # an escaped \| is no boundary: split as the parser does
        cells = escapedSplit(text)
        return len(cells) - (cells[0] == "") - (len(cells) > 1 and cells[-1] == "")
    return text.count("|") + 1 - text.startswith("|") - text.endswith("|") if text else 0


def _ordinal(number: int) -> str:
    return f"{number}{'th' if 10 <= number % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def _without_text(found: list[LinkRef], links: tuple[LinkSpec, ...]) -> tuple[WritingMistake, ...]:
    """Each link with no text to read or click (but a statistic's, which shows its value), and each image with no
    description for a reader who cannot see it, as a mistake at its target."""
    mistakes = []
    for ref, link in zip(found, links):
        if link.mistyped or link.text.strip() or link.href.startswith("stat:"):
            continue
        place = (link.line, link.column)
        if link.is_image:
            mistakes.append(_mistake_at(place, f"the image '{link.href}' has no description for readers who cannot "
                                        "see it", "describe what it shows in the brackets: ![what it shows](...); "
                                        "an image only for decoration belongs in a template"))
        elif not ref.holds_image():
            mistakes.append(_mistake_at(place, f"the link to '{link.href}' has no text: readers would find nothing "
                                        "to read or click", "write its text in the brackets: [its text](...)"))
    return tuple(mistakes)


def _html_mistake(html: str, place: tuple[int, int]) -> WritingMistake:
    shown = " ".join(html.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return _mistake_at(place, f"raw HTML is not allowed in the text: '{shown}' would be shown to readers as written",
                       RAW_HTML_HINT)


def _mistake_at(place: tuple[int, int], message: str, hint: str) -> WritingMistake:
    """A mistake at one place (line, column) that covers none of the text's digits and links."""
    return WritingMistake(*place, place, place, message, hint)


class _Places:
    """The (line, column) of offsets in one text whose first line is ``first_line``, by bisection of its lines'
    starts (counting the line breaks from the text's start for each of a paragraph's thousands of mistakes was
    quadratic)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line, self.starts, at = first_line, [0], text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return self.first_line + line, offset - self.starts[line]


def _placeholders(link, number: int) -> None:
    """Strip the link's attributes (written at resolution) and mark where they go.

    The renderer writes the marker as an empty attribute, `` \x00a3\x00=""``, which
    resolution replaces whole; an image's ``alt`` is still written after it.
    """
    link.token.attrs = {ATTRIBUTES.format(number): ""}
    if not link.is_image and not link.text():
        link.children.insert(link.index + 1, Token("text", "", 0, content=FILLER.format(number)))


_SEEN_TEXT = ("text", "code_inline", "image")  # the tokens whose text a reader sees (an image's as its alt text)


def _survey(tokens: list[Token], scanner: _Scanner, mistakes: tuple[WritingMistake, ...],
            found: list[LinkRef], code_blocks: tuple[Token, ...] = (), split: list[WritingMistake] | None = None,
            ) -> tuple[tuple[LinkSpec, ...], tuple[TextRun, ...]]:
    """Links and digit runs with their places, found in document order by one scanner; each link's token is
    added to ``found`` too, in that order (where their placeholders go). ``code_blocks``: the text's blocks of
    code (see ``markdown.outline``), whose text a reader sees as much as a paragraph's. ``split`` is given each
    number that a link's edge, bold or italic marks or an image cut in pieces (see :func:`_runs_on`).

    Digits inside a mistyped link (or any mistake that covers them) are left out: the one mistake is
    reported instead.
    """
    links: list[LinkSpec] = []
    runs: list[TextRun] = []
    covered = _Covered(mistakes)
    split = [] if split is None else split
    if code_blocks:  # (the uncommon case: asking every token of a page of long tables costs)
        blocks = [_code_as_text(block) if block.type in ("code_block", "fence") else
                  (tuple(block.map) if block.map else (0, 1), block.children) for block in tokens
                  if (block.type == "inline" and block.children) or block.type in ("code_block", "fence")]
    else:
        blocks = [(tuple(block.map) if block.map else (0, 1), block.children)
                  for block in tokens if block.type == "inline" and block.children]
    # Most pages hold no number in any of their runs of text (a page of long tables has hundreds): one question
    # of them all then spares asking each (see ``numerals.any_may_hold_numbers``).
    numbers = any_may_hold_numbers([token.content for _, children in blocks for token in children
                                    if token.type in _SEEN_TEXT])
    for span, children in blocks:
        current, text_scanner = -1, scanner  # the link the text is in, and where to look for its text
        edge: tuple | None = None  # the text before, if only marks or images stand between (see _runs_on)
        around = _Around(runs)
        for index, token in enumerate(children):
            if token.type in ("link_open", "image"):
                link = LinkRef(token, children, index, span)
                found.append(link)
                before = scanner.at(span)  # a link's text comes before its target: [text](target)
                place = scanner.find(span, _as_written(link.href, scanner.lines, span))
                links.append(LinkSpec(link.href, link.title, link.text(), link.is_image, *place,
                                      mistyped=covered(*place)))
                if links[-1].title:  # what follows the link is after its title, which may hold its digits too
                    scanner.past_title(span, links[-1].title)
                if token.type == "link_open":
                    current, text_scanner = len(links) - 1, before
                    if children[index + 1].type == "link_close" and links[-1].href.startswith("stat:"):
                        edge = _runs_on(edge, _FIGURE, place, split)  # it shows its figure: a number, each end
                        if not links[-1].mistyped:  # its figure, read in the words around it (see _Around)
                            runs.append(TextRun("", current, ((0, *place),)))
                            around.figure(len(runs) - 1)
                else:
                    around.end()
                text = token.content if token.type == "image" else ""
            elif token.type == "link_close":
                current, text_scanner, text = -1, scanner, ""
            elif not numbers:  # no numeral in the text: only what a statistic's link shows may be cut
                if edge is not None:
                    if token.type in _TEXT_TOKENS:
                        if token.content:  # (the parser leaves empty ones beside marks)
                            edge = _runs_on(edge, token.content, None, split)
                    elif token.type not in _MARK_TOKENS:
                        edge = None
                if token.type == "code_inline":
                    around.end()  # (code, not the sentence's words: see _Around)
                elif token.type in _TEXT_TOKENS:
                    around.add(token.content)
                elif token.type == "softbreak":
                    around.add(None)
                elif token.type not in _MARK_TOKENS:
                    around.end()
                continue
            else:
                text = token.content if token.type in _TEXT_TOKENS else ""
                if current >= 0 and text.isascii() and _is_address_of(text, links[current].href):
                    text, edge = "", None  # a link's text that is its web address (<https://...>'s is): no claim
                    around.end()
                elif token.type not in _TEXT_TOKENS and token.type not in _MARK_TOKENS:
                    edge = None  # a line break: what follows is no longer the same run of text
                    around.end()
                elif token.type == "softbreak":
                    around.add(None)
            matches = digit_runs(text) if text else None  # a link's or emphasis's mark: a sixth to a third of them
            places, added = (), False
            if matches:  # text merged across a removed line break is not on one line: place each run itself
                finder = before if token.type == "image" else text_scanner
                places = tuple((m.start(), *finder.find(span, m.group())) for m in matches)
                kept = tuple(place for place in places if not covered(*place[1:]))
                if kept:
                    runs.append(TextRun(_masked(text, matches, places, kept), current if token.type != "image" else -1,
                                        kept))
                    if token.type not in ("image", "code_inline"):
                        around.add(text, len(runs) - 1)
                        added = True
            if token.type == "code_inline":
                around.end()  # (code, not the sentence's words: see _Around)
            elif text and not added and token.type != "image":
                around.add(text)
            if token.type == "image":
                edge = _past_image(edge, links[-1].text, places, place, split)
            elif text:
                last = (places[-1][1], places[-1][2]) if places else None
                edge = (text, last) if edge is None else _runs_on(edge, text, places and (places[0][1], places[0][2]),
                                                                 split, last)
        around.end()
    return tuple(links), tuple(runs)


class _Around:
    """The words a reader reads on either side of each run of digits of one block, across links' edges and marks,
    given to the run as its ``before`` and ``after`` (up to ``_AROUND_REACH`` characters each): each of
    ``每年[超4.5亿元](cite:…)``'s pieces was read alone, so its quote ``超4.5亿元`` traced a rate it does not say
    (each year), and ``[450 million yuan](cite:…) a year`` the same; a statistic's figure (``每年[](stat:…)``) is
    a run of no text, read in the words on either side of it. A hard line break, an image and a link's text that is
    its address end the words read together, and so do a code span (code, not the sentence's words: `since` May
    is no month) and a statistic's figure for the runs beside it (its words are not known here); a line break of the paragraph is a space, but none between two Chinese characters (as
    CSS removes it)."""

    def __init__(self, runs: list[TextRun]) -> None:
        self.runs = runs
        self.pieces: list[str | None] = []  # the texts in a row, None for a line break of the paragraph
        self.held: list[tuple[int, int]] = []  # (the run's index in ``runs``, its piece's index in ``pieces``)
        self.figures: list[tuple[int, str]] = []  # (a figure's run, the words before it), its words after to come

    def add(self, text: str | None, run: int = -1) -> None:
        if run >= 0:
            self.held.append((run, len(self.pieces)))
        self.pieces.append(text)

    def figure(self, run: int) -> None:
        """A statistic's figure at this place, given the words before and (at the next end) after it."""
        before = self._joined()[0]
        self.end()
        self.figures.append((run, before[-_AROUND_REACH:]))

    def end(self) -> None:
        """Give each run held, and each figure before these words, its words around, and begin again."""
        if (self.held and len(self.pieces) > 1) or self.figures:
            joined, starts = self._joined()
            for run, piece in self.held:
                start = starts[piece]
                end = start + len(self.runs[run].text)
                self.runs[run] = replace(self.runs[run], before=joined[max(0, start - _AROUND_REACH):start],
                                         after=joined[end:end + _AROUND_REACH])
            for run, before in self.figures:
                self.runs[run] = replace(self.runs[run], before=before, after=joined[:_AROUND_REACH])
        self.pieces, self.held, self.figures = [], [], []

    def _joined(self) -> tuple[str, list[int]]:
        """The pieces as one text, and where each begins in it: a line break is decided by the texts on either
        side of it, read once (a paragraph of 50,000 short lines was read from each break to its end)."""
        parts: list[str] = []
        starts: list[int] = []
        length, broken, last = 0, False, ""
        for piece in self.pieces:
            if piece is None:
                broken = True
                starts.append(length)
                continue
            if broken and piece:
                gap = "" if _WIDE.match(last) and _WIDE.match(piece[0]) else " "
                parts.append(gap)
                length, broken = length + len(gap), False
            starts.append(length)
            parts.append(piece)
            length += len(piece)
            last = piece[-1:] or last
        if broken:
            parts.append(" ")
        return "".join(parts), starts


_AROUND_REACH = 64  # (the rate's words looked for: up to 20 characters before a Chinese number, 60 an English one)
_WIDE = compile_later(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


# A number is cut in pieces where one piece ends a run of text and the next begins with what carries on the number,
# with only a link's edge, bold, italic or strikethrough marks or a line break of the paragraph between them:
# [49](cite:…)万 shows "49万", and [49](cite:…)[49](cite:…) "4949", each piece traced alone. An image stands between
# two pieces (8![和](icon.svg)9 shows 8, the image, 9) and is read as its description where it is not shown (the
# feeds and downloads, a screen reader: 8和9): a number runs on across it or into its description. A hard line
# break ends the run.
_MARK_TOKENS = frozenset(("link_open", "link_close", "em_open", "em_close", "strong_open", "strong_close", "s_open",
                          "s_close", "softbreak"))  # (a line break in a paragraph shows as a space: 49 万 reads 49万)
_TEXT_TOKENS = ("text", "code_inline")


class _Figure(str):
    """What a statistic's link stands for at its edges: its figure, a number (its words are not known yet). A
    class of its own, told apart by identity: a text of "0" is the very object "0" (CPython keeps one string of
    each single Latin-1 character), and ``[0](cite:…)万`` was told of as a statistic's figure."""


_FIGURE = _Figure("0")


def _runs_on(edge: tuple | None, text: str, first: tuple[int, int] | None, split: list[WritingMistake],
             last: tuple[int, int] | None = None, description: bool = False) -> tuple[str, tuple[int, int] | None]:
    """Add to ``split`` the number that the text before (``edge``: its words, and the place of its last
    digits) and ``text`` (the place of its first and last digits) cut in two; return ``text`` as the next edge.

    After an image, ``edge`` is its description and the text before the image (see :func:`_past_image`): a
    number that runs on from the description is cut, and so is one that runs on from the text before the image,
    which readers who see it see beside ``text``. ``description``: ``text`` is an image's description."""
    if edge is not None:
        before, place = edge[0], edge[1]
        cut, by = _cut(before, text), "into" if description else "from" if len(edge) > 2 else ""
        if cut is None and len(edge) > 2 and edge[2] is not None and not description:
            (before, place), by = edge[2], "across"
            cut = _cut(before, text)
        at = (place or first) if cut and cut.ends else (first or place)
        if cut and at is not None:
            split.append(_cut_mistake(at, cut, before, text, by))
    return text, last or first


def _past_image(edge: tuple | None, description: str, places: tuple, place: tuple[int, int],
                split: list[WritingMistake]) -> tuple:
    """The edge after an image (``place``: its target's) described by ``description`` (the places of its digits
    in ``places``): its description, after which the feeds, the downloads and a screen reader read on, and the
    text before the image (before the first of images in a row), beside which readers who see it see the text
    after it. A number that runs on from the text before into the description is added to ``split``."""
    first = (places[0][1], places[0][2]) if places else place
    last = (places[-1][1], places[-1][2]) if places else place
    if description and edge is not None:
        _runs_on(edge, description, first, split, last, description=True)
    return description, last, (edge[2] if edge is not None and len(edge) > 2 else edge)


def _cut(before: str, text: str):
    """The number ``before`` and ``text`` show as one (``numerals.number_cut``), or None."""
    cut = number_cut(before, text)
    if cut and before is _FIGURE and cut.after[:1] in "成倍":
        return None  # (a figure in Chinese ends in its measure word: 49个成… is no 49成)
    return cut


def _cut_mistake(at: tuple[int, int], cut, before: str, text: str, by: str) -> WritingMistake:
    """The mistake of a number cut in two at ``at``: by a link's edge, marks or a line break (``by`` empty), by an
    image between its pieces (``across``), or at an image's description (``into`` it, or ``from`` it)."""
    def side(piece: str, written: str) -> str:
        return "the statistic's figure" if piece is _FIGURE else f"'{written}'"

    if not by:
        shown = (f"the statistic's figure, then '{cut.after}'" if before is _FIGURE else
                 f"'{cut.before}', then the statistic's figure" if text is _FIGURE else f"'{cut.shown}'")
        return _mistake_at(at, "a number is cut in two by a link's edge, bold or italic marks or a line break: "
                               f"readers see {shown} as one number, which should stand whole: in one link, out "
                               "of the marks, on one line",
                           "put the whole number, with its qualifier (超, over), its magnitude (万, million) and %, "
                           "inside one link and out of the marks: [超4.5亿元](cite:…), not 超[4.5](cite:…)亿元")
    if by == "across":
        message = (f"a number is cut in two by an image: readers see {side(before, cut.before)}, the image, then "
                   f"{side(text, cut.after)} as one number, but each piece is checked alone")
    else:
        shown = (f"{side(before, cut.before)}, then the image's description '{cut.after}'" if by == "into" else
                 f"the image's description '{cut.before}', then {side(text, cut.after)}")
        message = ("a number is cut in two by an image's description: where the image is not shown (a screen "
                   f"reader, the feeds and downloads), {shown} read as one number, but each piece is checked alone")
    return _mistake_at(at, message, IMAGE_CUT_HINT)


IMAGE_CUT_HINT = ("keep an image apart from a number, with words between them: [8](cite:…)和[9家](cite:…), not "
                  "[8](cite:…)![和](…)[9家](cite:…); a number is written whole, with its qualifier (超, over) and "
                  "its magnitude (万, million), in one piece of text with its citation")


def _code_as_text(block: Token) -> tuple[tuple[int, int], list[Token]]:
    """A block of code as a block of text to survey: a reader sees its numbers as much as a paragraph's (its
    lines, after a fence's opening line)."""
    first, end = block.map or (0, 1)
    return (first + (block.type == "fence"), end), [Token("text", "", 0, content=block.content)]


def _as_written(href: str, lines: list[str], span: tuple[int, int]) -> str:
    """``href`` as the Markdown has it: markdown-it percent-encodes what an editor typed (``（`` becomes %EF%BC%88)."""
    return href if "%" not in href or any(href in line for line in lines[span[0]:span[1]]) else unquote(href)


def _masked(text: str, matches: list, places: tuple, kept: tuple) -> str:
    """``text`` with the digits that are not ``kept`` blanked out (same length, so offsets stay)."""
    if len(kept) == len(places):
        return text
    for match, place in zip(matches, places):
        if place not in kept:
            text = text[:match.start()] + "_" * len(match.group()) + text[match.end():]
    return text


class _Scanner:
    """Finds pieces of each block in its lines in document order, each after the previous one.

    Inline tokens carry no columns. Searching on from the previous piece puts a
    repeated href (every citation of one source has the same) or number at its
    own place rather than at the first occurrence in the paragraph.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.after: dict[tuple[int, int], tuple[int, int]] = {}

    def at(self, span: tuple[int, int]) -> _Scanner:
        """A copy that goes on from where this one is in ``span``, for finding pieces of that block only (a copy
        of where it is in every block would cost as much as the page has blocks, for each link)."""
        twin = _Scanner(self.lines)
        if span in self.after:
            twin.after[span] = self.after[span]
        return twin

    def past_title(self, span: tuple[int, int], title: str) -> None:
        """Go on past a link's ``title``, where it is written right after the target just found: ``"title"``
        (a reference link's is elsewhere, and its words may stand in the text after it)."""
        line, column = self.after.get(span, (span[0], 0))
        text = self.lines[line] if line < len(self.lines) else ""
        at = _SPACES.match(text, column).end() if column < len(text) else len(text)  # (not a copy of the line's rest
        if text[at:at + 1] in ("\"", "'", "(") and text.startswith(title, at + 1):  # for each link of a long one)
            self.after[span] = (line, at + 1 + len(title))

    def find(self, span: tuple[int, int], needle: str) -> tuple[int, int]:
        line, column = self.after.get(span, (span[0], 0))
        for number in range(line, min(span[1], len(self.lines))) if needle else ():
            found = self.lines[number].find(needle, column if number == line else 0)
            if found >= 0:
                self.after[span] = (number, found + len(needle))
                return number, found
        for number in range(span[0], min(span[1], len(self.lines))) if needle else ():  # out of order: any match
            found = self.lines[number].find(needle)
            if found >= 0:
                return number, found
        return span[0], 0


class Compiler:
    """Compiles Markdown texts, remembering each result by the text's key.

    ``known`` holds what this process compiled or found; ``recall`` finds
    what an earlier one kept (the cache's store, read an entry at a time).
    ``known`` may also be filled by compiling many texts in parallel (see
    :func:`precompile`), and then ``keep`` (when given) keeps their HTML
    where they are compiled, not in this process (see :class:`Html`), when
    they are many:

    * ``keep.put(key, compiled, markdown)``, in whichever process compiled
      the text, keeps its HTML and its survey (and its Markdown, if given: that
      of a kept text, which this process may then let go of) and gives a token
      for them (None when they could not be kept: they are then sent back);
    * ``keep.adopt(tokens, texts)``, in this process, takes in those tokens by
      key, lets go of the Markdown of those of ``texts`` it took in, and gives
      the keys taken and how to read a text's HTML and its survey back by key.
    """

    def __init__(self, recall: Callable[[str], Compiled | None] | None = None, keep=None) -> None:
        self.md = new_parser()
        self.known: dict[str, Compiled] = {}
        self.recall = recall
        self.keep = keep
        self.used: set[str] = set()  # keys asked for since the last save: what a cache should keep
        self.whole: set[str] = set()  # those of the last whole build (see forget_unused)
        self.keys: dict[str, str] = {}  # text -> its key, so that a text kept between builds is digested once

    def key(self, text: str | Kept) -> str:
        """``text_key(text)``, remembered: the preview's texts are mostly the very objects of the last build, and
        finding one in a dictionary costs far less than digesting it (its hash is kept on the object). A kept
        text (see ``kept``) is named by its key already."""
        if type(text) is not str:
            return text.key
        key = self.keys.get(text)
        if key is None:
            key = self.keys[text] = text_key(text)
        return key

    def forget_unused(self, partial: bool = False) -> None:
        """Keep only what was asked for since the last call (so memory does not grow with every edit); after a
        ``partial`` build (some pages read, see ``known``), also what the last whole build asked for."""
        kept = self.used | self.whole if partial else self.used
        self.known = {key: value for key, value in self.known.items() if key in kept}
        self.keys = {text: key for text, key in self.keys.items() if key in kept}
        if not partial:
            self.whole = self.used
        self.used = set()

    def __call__(self, text: str | Kept) -> Compiled:
        key = self.key(text)
        self.used.add(key)
        compiled = self.found(key)
        if compiled is None:
            compiled = self.known[key] = compile_markdown(self.md, text_of(text), key)
        return compiled

    def found(self, key: str) -> Compiled | None:
        """The text of ``key`` as compiled before, by this process or (``recall``) an earlier one."""
        compiled = self.known.get(key)
        if compiled is None and self.recall is not None:
            compiled = self.recall(key)
            if compiled is not None:
                self.known[key] = compiled
        return compiled


KEPT_SEGMENTS = 16  # at most so many processes compile a build's texts in bulk (see ``store.MAX_SEGMENTS``)


def precompile(compiler: Compiler, texts: list[str | Kept], workers: int | None = None) -> int:
    """Compile every text ``compiler`` has not found compiled, on all cores when there are many.

    Returns how many were compiled. Compiling is a pure function of the text,
    so which process does it cannot change the result.
    """
    keyed = {compiler.key(text): text for text in texts}
    compiler.used.update(keyed)  # this build's texts: what a cache should keep, even if asked for no more
    missing = [(key, text) for key, text in keyed.items() if compiler.found(key) is None]
    md = compiler.md
    keep = compiler.keep if len(missing) >= cores.MIN_ITEMS else None  # a few: kept with the rest (see ``cache``)
    if keep is None:
        results = map_forked(lambda item: (compile_markdown(md, text_of(item[1]), item[0]), None), missing, workers)
    else:
        # In children of CHUNK texts, this process waiting: it then holds none of what compiling leaves behind,
        # and each child lets go of its share when it ends (flat, 10,000 pages: 350 MB to 255 MB). Each child
        # writes a segment of the store: no more than KEPT_SEGMENTS of them, however many texts.
        chunk = max(cores.CHUNK, -(-len(missing) // KEPT_SEGMENTS))
        results = map_forked(lambda item: _compiled_and_kept(md, *item, keep), missing, workers, chunk=chunk)
    taken, read_html, read_survey = keep.adopt({key: kept[2] for (key, _), (_, kept) in zip(missing, results) if kept},
                                               texts) if keep else (set(), None, None)
    for (key, text), (compiled, kept) in zip(missing, results):
        if kept:
            compiled = replace(compiled, body=Html(key, kept[0], read=read_html),
                               survey=Survey(key, kept[1], read=read_survey)) if key in taken \
                else compile_markdown(md, text_of(text), key)  # what was kept could not be taken in
        compiler.known[key] = compiled
    return len(missing)


def _compiled_and_kept(md: MarkdownIt, key: str, text: str | Kept,
                       keep) -> tuple[Compiled, tuple[int, int, object] | None]:
    """``text`` compiled, with its HTML and its survey (and the Markdown of a kept text) kept by ``keep`` in this
    process, and left out (their lengths and the token in their place), or the whole of it when they could not
    be kept."""
    markdown = text_of(text)
    compiled = compile_markdown(md, markdown, key)
    token = keep.put(key, compiled, markdown if isinstance(text, Kept) else None)
    if token is None:
        return compiled, None
    return replace(compiled, body=None, survey=None), (compiled.body.length, compiled.survey.length, token)
