"""The one Markdown parser of the site, configured for Chinese editors.

CommonMark (via markdown-it-py) with tables on and raw HTML never written,
plus three small rules for text written in Chinese:

* ``cjk_emphasis``: ``**强素质。**后文`` is bold. CommonMark's flanking rules
  leave those ``**`` literal because the closing mark follows punctuation
  and precedes a letter; like the "CJK-friendly" amendment to CommonMark,
  a CJK character beside a delimiter counts as a boundary here.
* ``cjk_softbreak``: a line wrapped between two Chinese characters joins
  without a space (CommonMark turns every soft break into a space), as
  CSS Text Level 3 does for segment breaks between wide characters.
* ``heading_ids``: every heading gets a stable, readable ``id``: an explicit
  ``{#anchor}`` at the end of the heading, or a slug of its text that keeps
  Chinese characters (``## 三个纳入`` -> ``id="三个纳入"``).

Its HTML is written by :class:`QuickRenderer`: markdown-it's own HTML, in
fewer steps.

Links are not dropped by markdown-it's own URL filter: the build checks every
link itself (see ``links``) so a bad one is an error with a location, not
silently plain text.

Raw HTML is recognized, never written: an HTML comment, ``<!-- a note -->``,
is an editor's note, which readers never see (as in every Markdown tool);
any other HTML is reported where it is (see ``compiled``), rather than shown
to readers as the characters typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import escapeHtml, isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import text as _TEXT_RULE
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

from .cjk import SHARED_PUNCTUATION, is_cjk
from .conventions import is_template_id
from .patterns import compile_later

_EXPLICIT_ID = compile_later(r"(?<!\s)\s*\{#([A-Za-z][\w-]*)\}\s*$")  # from a run of spaces' start alone
_SLUG_SEPARATORS = compile_later(r"[^\w]+")


def cjk_side(ch: str) -> bool:
    """A CJK character, or punctuation both scripts share (quotes, dashes): beside a delimiter, CJK."""
    return ch in SHARED_PUNCTUATION or is_cjk(ch)


_OPTIONS_READ_WITH_DEFAULT = ("strikethrough_single_tilde", "tasklists", "tasklists_editable", "store_labels",
                              "alerts", "inline_definitions")  # markdown-it-py 4's, all False unless set


class SiteMarkdown(MarkdownIt):
    """The site's parser: a text that holds a ``<`` is parsed by ``with_html``, its twin that also recognizes raw
    HTML; any other, without the two rules that could only say no (at every block, and at every mark of a
    text: 1-2 % of compiling). The tokens are the same either way for a text without a ``<``."""

    with_html: MarkdownIt | None = None

    def parse(self, src: str, env=None) -> list[Token]:
        if self.with_html is not None and "<" in src:
            return self.with_html.parse(src, env)
        return super().parse(src, env)


def new_parser(html: bool = False) -> SiteMarkdown:
    """A parser with the site's options and rules (``html``: the twin that recognizes raw HTML)."""
    md = SiteMarkdown("commonmark", {"html": html, "linkify": False, "typographer": False},
                      renderer_cls=QuickRenderer)
    md.enable(["table", "strikethrough"])
    if html:
        md.enable(["html_block", "html_inline"])
    else:
        md.disable(["html_block", "html_inline"])
        md.with_html = new_parser(html=True)
    # Options markdown-it reads with a default, each given that very default: one left out costs a KeyError
    # raised and caught at every read (each table cell, each list), 3 % of compiling pages of long tables.
    md.options.update({name: False for name in _OPTIONS_READ_WITH_DEFAULT})
    md.validateLink = lambda url: True  # every link is checked by the build instead
    md.normalizeLink = normalized_link
    md.inline.ruler.at("emphasis", cjk_emphasis)
    md.core.ruler.at("inline", plain_text_inline)
    md.core.ruler.after("inline", "cjk_softbreak", cjk_softbreak)
    md.core.ruler.after("cjk_softbreak", "heading_ids", heading_ids)
    return md


# A link target markdown-it's ``normalizeLink`` gives back as it is: a path, a ``cite:`` record or a URL
# with an ASCII host, of letters, digits and ``._~/-``, and a fragment of the same.
_PLAIN_LINK = compile_later(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9._~/-]*(?:#[A-Za-z0-9._~/-]*)?")


def normalized_link(url: str) -> str:
    """markdown-it's ``normalizeLink`` (percent-encoding, host names to punycode), not called for a plain
    target (``p1.md#top``, ``cite:src-1``), which it would give back unchanged: at pages full of links, it
    took a twentieth of compiling. ``tests/test_markdown.py`` checks that the two agree."""
    if _PLAIN_LINK.fullmatch(url):
        return url
    return normalizeLink(url)


class QuickRenderer(RendererHTML):
    """markdown-it's HTML renderer: the same HTML, written in fewer steps.

    markdown-it writes a tag (``renderToken``) by adding to a string a piece
    at a time, and its attributes through two more calls, for every token;
    on pages of long tables that was an eighth of compiling. Here a tag is
    written in one expression, and text (the most common token) without a
    call through the rules table. Every other token goes to markdown-it's
    rules, as it would. ``tests/test_markdown.py`` compares the two
    renderers' HTML on generated Markdown.
    """

    def render(self, tokens: list[Token], options, env) -> str:
        out: list[str] = []
        rules, xhtml, plain_text = self.rules, options["xhtmlOut"], self._plain_text()
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                children = token.children
                if not children:
                    continue
                if plain_text and len(children) == 1 and children[0].type == "text":
                    out.append(escapeHtml(children[0].content))  # a table cell, a short paragraph
                else:
                    out.append(self._inline(children, options, env, xhtml, plain_text))
            elif kind in rules:
                out.append(rules[kind](tokens, index, options, env))
            else:
                out.append(_tag(tokens, index, xhtml))
        return "".join(out)

    def renderInline(self, tokens: list[Token], options, env) -> str:
        return self._inline(tokens, options, env, options["xhtmlOut"], self._plain_text())

    def _inline(self, tokens: list[Token], options, env, xhtml: bool, plain_text: bool) -> str:
        out: list[str] = []
        rules = self.rules
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "text" and plain_text:
                out.append(escapeHtml(token.content))
            elif kind in rules:
                out.append(rules[kind](tokens, index, options, env))
            else:
                out.append(_tag(tokens, index, xhtml))
        return "".join(out)

    def _plain_text(self) -> bool:
        """Text is written as markdown-it writes it (its rule not replaced, by a plugin say)."""
        return getattr(self.rules.get("text"), "__func__", None) is RendererHTML.text

    def html_block(self, tokens: list[Token], index: int, options, env) -> str:
        """Raw HTML is never written: a comment is left out; anything else (reported, see ``compiled``) is
        written as the text it is."""
        content = tokens[index].content
        return "" if only_comments(content) else f"<p>{escapeHtml(content.strip())}</p>\n"

    def html_inline(self, tokens: list[Token], index: int, options, env) -> str:
        content = tokens[index].content
        return "" if only_comments(content) else escapeHtml(content)

    def renderInlineAsText(self, tokens, options, env) -> str:
        """markdown-it's (an image's description, as its ``alt``), without the HTML comments in it: an editor's
        notes, which a reader's screen reader would otherwise read out."""
        return super().renderInlineAsText([token for token in tokens or () if not _is_comment(token)], options, env)


_COMMENT = compile_later(r"<!--.*?-->", re.DOTALL)


def only_comments(html: str) -> bool:
    """Whether raw ``html`` is nothing but HTML comments (an editor's notes) and white space."""
    return not _COMMENT.sub("", html).strip()


def _is_comment(token: Token) -> bool:
    return token.type in ("html_inline", "html_block") and only_comments(token.content)


def without_words(text: str) -> bool:
    """Whether a reader sees nothing of ``text`` (Markdown): it is white space and HTML comments."""
    return not blank_comments(text).strip()


def blank_comments(text: str) -> str:
    """``text`` with each HTML comment in it blanked out, every character but line breaks a space (so what is
    left keeps its line and column): for the checks of what readers see. (A comment shown in a code span is
    blanked too.)"""
    if "<!--" not in text:
        return text
    return _COMMENT.sub(lambda match: _NOT_A_LINE_BREAK.sub(" ", match.group(0)), text)


_NOT_A_LINE_BREAK = compile_later(r"[^\n]")


def _tag(tokens: list[Token], index: int, xhtml: bool) -> str:
    """What ``RendererHTML.renderToken`` writes for ``tokens[index]``, the same characters."""
    token = tokens[index]
    if token.hidden:
        return ""
    nesting = token.nesting
    tag = ("</" if nesting == -1 else "<") + token.tag
    if token.attrs:
        tag += "".join([f' {escapeHtml(name)}="{escapeHtml(str(value))}"' for name, value in token.attrs.items()])
    if nesting == 0 and xhtml:
        tag += " /"
    if not token.block:
        return tag + ">"
    if nesting == -1:
        return tag + ">\n"
    if index and tokens[index - 1].hidden:
        tag = "\n" + tag  # a hidden paragraph (a tight list's) ends before the next block opens
    if nesting == 1 and index + 1 < len(tokens):
        following = tokens[index + 1]
        if following.type == "inline" or following.hidden or (following.nesting == -1 and following.tag == token.tag):
            return tag + ">"  # its content follows on the same line, or it is empty
    return tag + ">\n"


# --- rules -----------------------------------------------------------------


# The characters at which markdown-it's inline rules other than ``text`` may start (markdown-it-py 3's set; 4's
# parser holds its own, ``terminator_re``, which a plugin may add to).
_INLINE_MARKS = compile_later("[" + re.escape("\n!#$%&*+-:<=>@[\\]^_`{}~") + "]")


def plain_text_inline(state: StateCore) -> None:
    """markdown-it's core rule ``inline``, which parses each block's text into its inline tokens, except that a
    text in which no inline rule but ``text`` can start (no mark of ``*_[`!<&\\``, no line break ...) becomes
    its one text token without the parser: the token markdown-it would make, which ``text`` takes whole and no
    later rule touches. A table cell is most often such a text, and parsing each took about two fifths of
    compiling pages of long tables. ``tests/test_markdown.py`` compares the tokens with markdown-it's own."""
    md = state.md
    inline = md.inline
    marks = getattr(inline, "terminator_re", None) or _INLINE_MARKS
    rules = inline.ruler.getRules("")
    quick = bool(rules) and rules[0] is _TEXT_RULE  # else a plugin's rule comes first, and may start anywhere
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if quick and not marks.search(content):
                if content:
                    text = Token("text", "", 0)
                    text.content = content
                    token.children.append(text)
            else:
                inline.parse(content, md, state.env, token.children)


def cjk_emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis tokenizer with CJK-aware flanking (see module doc)."""
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    length, can_open, can_close = _scan_delimiters(state, state.pos, marker == "*")
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(marker=ord(marker), length=length, token=len(state.tokens) - 1,
                      end=-1, open=can_open, close=can_close)
        )
    state.pos += length
    return True


def _scan_delimiters(state: StateInline, start: int, can_split_word: bool) -> tuple[int, bool, bool]:
    marker, pos = state.src[start], start
    while pos < state.posMax and state.src[pos] == marker:
        pos += 1
    last = state.src[start - 1] if start > 0 else " "
    after = state.src[pos] if pos < state.posMax else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(after))
    # The CommonMark rule, except that a CJK character on the outer side of
    # the run counts like a space or punctuation would.
    left = not next_space and (not next_punct or last_space or last_punct or cjk_side(last))
    right = not last_space and (not last_punct or next_space or next_punct or cjk_side(after))
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return pos - start, can_open, can_close


def cjk_softbreak(state: StateCore) -> None:
    """Drop soft line breaks between two CJK characters (no stray spaces in Chinese)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or "\n" not in block.content:
            continue  # a soft break is a line end of the block's text: most blocks (a table cell) have none
        children = block.children
        keep = []
        for index, token in enumerate(children):
            if token.type == "softbreak" and _between_cjk(children, index):
                continue
            keep.append(token)
        block.children = keep


def _between_cjk(children: list[Token], index: int) -> bool:
    # Walk by index: slicing the list at every line break made long pages quadratic.
    before = _neighbour_text(children[position] for position in range(index - 1, -1, -1))
    after = _neighbour_text(children[position] for position in range(index + 1, len(children)))
    return bool(before) and bool(after) and cjk_side(before[-1]) and cjk_side(after[0])


def _neighbour_text(tokens) -> str:
    for token in tokens:
        if token.type in ("text", "code_inline") and token.content:
            return token.content
        if token.type in ("softbreak", "hardbreak", "image"):
            return ""
    return ""


def heading_ids(state: StateCore) -> None:
    """Give each heading an ``id``: its ``{#explicit}`` anchor or a slug of its text, never one the templates give
    (``conventions.is_template_id``: "Main" gets ``section-main``)."""
    used: set[str] = set()
    tried: dict[str, int] = {}  # the last count a slug was tried with: its earlier ones are all used already
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        explicit = _take_explicit_id(inline)
        slug = explicit or slugify(inline_text(inline)) or "section"
        if explicit and (explicit in used or is_template_id(explicit)):
            token.meta["duplicate_id"] = explicit  # validation reports it: links would reach the wrong element
        elif is_template_id(slug):
            slug = f"section-{slug}"
        count = tried.get(slug, 1)  # (counting from 1 again for each heading made 10,000 "## A" quadratic)
        unique = slug if count == 1 else f"{slug}-{count}"
        while unique in used:  # "A", "A", "A-2" -> a, a-2, a-2-2
            count += 1
            unique = f"{slug}-{count}"
        tried[slug] = count
        used.add(unique)
        token.attrSet("id", unique)


def _take_explicit_id(inline: Token) -> str:
    if not inline.children or inline.children[-1].type != "text":
        return ""
    last = inline.children[-1]
    match = _EXPLICIT_ID.search(last.content)
    if not match:
        return ""
    last.content = last.content[: match.start()]
    inline.content = _EXPLICIT_ID.sub("", inline.content)
    return match.group(1)


def slugify(text: str) -> str:
    """A readable anchor: lower case, punctuation to hyphens, Chinese kept."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SLUG_SEPARATORS.sub("-", text).strip("-_")


# --- helpers for the rest of the build ---------------------------------------


def inline_text(inline: Token) -> str:
    """The plain text of an inline token (what a reader sees, without markup)."""
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


@dataclass(frozen=True)
class LinkRef:
    """A link or image found in parsed Markdown.

    ``token`` is the ``link_open`` (or ``image``) token, to be rewritten once
    the target is resolved; ``children`` is the inline token list holding it;
    ``lines`` is the 0-based ``[start, end)`` range of the block it is in.
    """

    token: Token
    children: list[Token]
    index: int
    lines: tuple[int, int]

    @property
    def href(self) -> str:
        return str(self.token.attrGet("src" if self.is_image else "href") or "")

    @property
    def title(self) -> str:
        return str(self.token.attrGet("title") or "")

    @property
    def is_image(self) -> bool:
        return self.token.type == "image"

    def _after(self) -> Iterator[Token]:
        """The tokens after the link's own, by index (a slice copied the rest of the paragraph's for each link)."""
        children = self.children
        return (children[position] for position in range(self.index + 1, len(children)))

    def holds_image(self) -> bool:
        """Whether the link's text holds an image (``[![a map](/static/map.png)](page.md)``)."""
        depth = 0
        for token in self._after():
            if token.type == "link_close" and depth == 0:
                return False
            depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type == "image":
                return True
        return False

    def text(self) -> str:
        """The link's visible text (an image's alt text)."""
        if self.is_image:
            return _COMMENT.sub("", self.token.content)  # a comment in it is the editor's, not the reader's
        depth, parts = 0, []
        for token in self._after():
            if token.type == "link_close" and depth == 0:
                break
            depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type in ("text", "code_inline"):
                parts.append(token.content)
        return "".join(parts)


@dataclass(frozen=True)
class Outline:
    """What the build needs of a text's headings, tables, lists and blocks of code, found in one pass over its
    tokens (:func:`outline`)."""

    ids: frozenset[str]  # every heading's id, for checking ``page.md#anchor`` links
    duplicates: tuple[tuple[int, str], ...]  # (0-based line, id): explicit ``{#id}`` anchors already used
    first_level: tuple[int, ...]  # the 0-based line of each level-1 heading (the page's title is its one)
    skipping: tuple[tuple[int, int, int], ...]  # (line, level, the level before): a level left out
    empty: tuple[int, ...]  # the line of each heading without words
    empty_header_cells: tuple[int, ...]  # the line of each table's header cell without words
    empty_items: tuple[int, ...]  # the line of each list item without words (an empty bullet)
    numbered_from: tuple[tuple[int, int, str], ...]  # (line, start, "." or ")") of each ordered list not from 1
    table_bodies: tuple[tuple[int, int, int], ...]  # (first line, end line, the table's columns) of each table's body
    underlined: tuple[int, ...]  # the line of each --- that makes the text above it a heading
    code_blocks: tuple[Token, ...]  # each block of code (fenced or indented), in order


# The tokens the one pass of ``outline`` looks at: any other is passed over with one look-up (a page of long
# tables has thousands of tokens).
_OUTLINE = frozenset({"heading_open", "table_open", "th_open", "tbody_open", "list_item_open", "code_block", "fence",
                      "ordered_list_open"})


def outline(tokens: list[Token]) -> Outline:
    """The ids of a parsed text's headings, the explicit ``{#id}`` anchors an earlier heading or the templates
    already use, and where its level-1 headings are; what a reader would trip on in its headings, tables and
    lists (and its ordered lists not numbered from 1, whose first number readers see); and its blocks of code,
    whose text readers see too."""
    ids, duplicates, first_level, skipping, empty, empty_cells, empty_items = set(), [], [], [], [], [], []
    numbered_from = []
    bodies, underlined, codes = [], [], []
    before = 1  # the page's title: the text's first heading is a section of it
    header = columns = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind not in _OUTLINE:
            continue
        if kind == "th_open":
            columns += 1
            if without_words(tokens[index + 1].content):
                empty_cells.append(header)  # a cell carries no line of its own: its table's first is its row
        elif kind == "table_open":
            header, columns = (token.map or (header,))[0], 0
        elif kind == "tbody_open":
            if token.map:
                bodies.append((token.map[0], token.map[1], columns))  # its rows, one a line
        elif kind == "code_block" or kind == "fence":
            codes.append(token)
        elif kind == "ordered_list_open":
            start = token.attrGet("start")  # (markdown-it writes it for a list not numbered from 1 alone)
            if start is not None and start != 1:
                numbered_from.append(((token.map or (0,))[0], int(start), token.markup))
        elif kind == "list_item_open":
            words = tokens[index + 2].content if tokens[index + 1].type == "paragraph_open" else ""
            if (not words.strip() or "<!--" in words) and _empty_item(tokens, index):  # (most begin with words)
                empty_items.append((token.map or (0,))[0])
        else:
            line = (token.map or (0,))[0]
            ident = token.attrGet("id")
            if ident:
                ids.add(str(ident))
            if "duplicate_id" in token.meta:
                duplicates.append((line, token.meta["duplicate_id"]))
            level = int(token.tag[1])
            if token.markup == "-" and token.map:
                underlined.append(token.map[1] - 1)  # text with a line of --- under it (markdown-it's "lheading")
            if level == 1:
                first_level.append(line)
            elif level > before + 1:
                skipping.append((line, level, before))
            if without_words(tokens[index + 1].content):
                empty.append(line)
            before = level
    return Outline(frozenset(ids), tuple(duplicates), tuple(first_level), tuple(skipping), tuple(empty),
                   tuple(empty_cells), tuple(empty_items), tuple(numbered_from), tuple(bodies), tuple(underlined),
                   tuple(codes))


def _empty_item(tokens: list[Token], index: int) -> bool:
    """Whether the list item opened at ``tokens[index]`` holds nothing a reader sees (``-`` alone, or a note
    in a comment): it ends before any token with words, a nested list or a block of any other kind."""
    for token in itertools.islice(tokens, index + 1, None):
        kind = token.type
        if kind == "list_item_close":
            return True
        if kind in ("paragraph_open", "paragraph_close") or _is_comment(token) or (
                kind == "inline" and without_words(token.content)):
            continue
        return False
    return True


# --- links typed with an input method's punctuation ------------------------------------------------------------------

# The start of a record link, in any mix of ASCII and full-width punctuation: [text](cite:
_RECORD_LINK_START = compile_later(
    r"(?P<open>[\[［【])(?:[^\[\]［］【】\n]|\n(?!\n))*(?P<close>[\]］】])(?P<gap>[ \t]*)(?P<paren>[(（])[ \t]*"
    r"(?P<scheme>cite|stat|event|term|source)(?P<colon>[ \t]*[:：][ \t]*)")
_IDENT_END = compile_later(r"[^\s\"'“”‘’「」『』＂＇（）()]*")
_IME = {"［": ("[", "a full-width bracket"), "【": ("[", "a Chinese bracket"), "］": ("]", "a full-width bracket"),
        "】": ("]", "a Chinese bracket"), "（": ("(", "a full-width parenthesis"),
        "）": (")", "a full-width parenthesis"), "：": (":", "a full-width colon"),
        "“": ('"', "a curly quotation mark"), "”": ('"', "a curly quotation mark"),
        "‘": ('"', "a curly quotation mark"), "’": ('"', "a curly quotation mark"),
        "「": ('"', "a corner bracket"), "」": ('"', "a corner bracket"), "『": ('"', "a corner bracket"),
        "』": ('"', "a corner bracket"), "＂": ('"', "a full-width quotation mark"),
        "＇": ('"', "a full-width quotation mark")}
_CLOSING = {'"': '"', "'": "'", "(": ")"}
_NEXT_LINK = compile_later(r"[\]］】][(（]")  # a quote never runs into the next link: ](, ]（, 】( ...
_BLANKS = compile_later(r"[ \t]*")


@dataclass(frozen=True)
class MistypedLink:
    """A record link (``[text](cite:...)``) that is no link because of one character an input method typed.

    ``start`` and ``end`` delimit the would-be link in the text; ``cause`` is the offset of that character.
    """

    start: int
    end: int
    cause: int
    message: str
    hint: str


# What every record link, mistyped or not, holds: its scheme and the colon after it.
_RECORD_SCHEME = compile_later(r"(?:cite|stat|event|term|source)[ \t]*[:：]")


def may_hold_record_links(text: str) -> bool:
    """False when no part of ``text`` can be a record link, mistyped or not (a page of documentation): then
    :func:`mistyped_links` would find nothing in any of its paragraphs, and need not look."""
    return _RECORD_SCHEME.search(text) is not None


def mistyped_links(text: str) -> list[MistypedLink]:
    """Every would-be ``cite:``, ``stat:``, ``event:`` or ``term:`` link in ``text`` that IME punctuation broke."""
    found = []
    for match in _RECORD_LINK_START.finditer(text):
        cause, end = _first_mistyped(text, match)
        if cause is not None:
            found.append(_describe(text, match, cause, end))
    return found


def _first_mistyped(text: str, match: re.Match) -> tuple[int | None, int]:
    """The offset of the first character that keeps ``match`` from being a link (or None), and where it ends."""
    for group, ascii_form in (("open", "["), ("close", "]"), ("paren", "(")):
        if match.group(group) != ascii_form:
            return match.start(group), _link_end(text, match.end())
    if match.group("gap"):
        return match.start("gap"), _link_end(text, match.end())
    colon = match.group("colon")
    if colon.strip() != ":" or colon != colon.rstrip():
        offset = colon.find("：")
        return match.start("colon") + (offset if offset >= 0 else colon.find(":") + 1), _link_end(text, match.end())
    after = _IDENT_END.match(text, match.end()).end()
    position = _BLANKS.match(text, after).end()  # (not text[after:]: a copy of the rest for each link)
    opener = text[position:position + 1]
    if match.group("scheme") != "cite" or opener in ("", ")"):
        return (position if opener in _IME else None), _link_end(text, position)
    if opener in _IME:
        return position, _link_end(text, position)
    if opener not in _CLOSING:
        return None, position
    following = _NEXT_LINK.search(text, position)  # (a search per pair read to the text's end for each link)
    bound = following.start() if following else len(text)
    closing = text.find(_CLOSING[opener], position + 1, bound)
    if closing < 0:  # "words” : the quote closed with a curly mark
        end = min(_link_end(text, position), bound)
        curly = max(text.rfind(mark, position, end) for mark in "”’")
        return (curly if curly >= 0 else None), end
    rest = _BLANKS.match(text, closing + 1).end()
    return (rest if text[rest:rest + 1] == "）" else None), rest + 1


def _link_end(text: str, start: int) -> int:
    """Where a would-be link that starts before ``start`` ends: after its closing parenthesis, or at the line's end."""
    nearest = len(text)
    for mark in ("\n", ")", "）"):  # each looked for before the nearest found yet, not to the text's end
        found = text.find(mark, start, nearest)
        if found >= 0:
            nearest = found
    return nearest + 1 if nearest < len(text) else len(text)


def _describe(text: str, match: re.Match, cause: int, end: int) -> MistypedLink:
    scheme, char = match.group("scheme"), text[cause]
    ident = _IDENT_END.match(text, match.end()).group() or "ID"
    example = f'[text]({scheme}:{ident} "the exact words")' if scheme == "cite" else f"[text]({scheme}:{ident})"
    if char in _IME:
        ascii_form, name = _IME[char]
        message = f"this {scheme}: link is not a link: it has '{char}', {name} (a Chinese input method's punctuation)"
        hint = f"type the ASCII '{ascii_form}' instead: {example}"
        if char in "“”‘’「」『』":
            hint += "; curly quotes may stay inside the quote"
    else:
        where = "between ']' and '('" if cause < match.start("paren") else f"after '{scheme}:'"
        message = f"this {scheme}: link is not a link: a space {where}"
        hint = f"remove the space: {example}"
    return MistypedLink(match.start(), end, cause, message, hint)
