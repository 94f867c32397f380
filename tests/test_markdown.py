"""Tests for microsite.markdown: the site's one Markdown parser."""

from __future__ import annotations

import pytest

from microsite.markdown import (
    inline_text,
    mistyped_links,
    new_parser,
    outline,
    slugify,
)
from tests.timing import superlinear

MD = new_parser()


def html(text: str) -> str:
    return MD.render(text)


def paragraph(text: str) -> str:
    """The inside of the single paragraph ``text`` renders to."""
    rendered = html(text)
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    return rendered[3:-5]


# --- raw HTML --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a <b>bold</b> c", "<?php x ?>", "<![CDATA[x]]>"])
def test_raw_html_is_escaped_never_passed_through(text):
    rendered = html(text)
    assert "<script" not in rendered and "<b>" not in rendered and "<?" not in rendered and "<!" not in rendered
    assert "&lt;" in rendered


def test_html_block_is_escaped():
    rendered = html("<div>\nx\n</div>")
    assert "<div>" not in rendered and "&lt;div&gt;" in rendered


@pytest.mark.parametrize("text, shown", [
    ("<!-- a note -->", ""),
    ("<!-- a note\n\nover a blank line, with 42 -->\n\nText.", "<p>Text.</p>\n"),
    ("Text <!-- a note --> more.", "<p>Text  more.</p>\n"),
    ("<!-- one --> <!-- two -->\n", ""),
    ("## A heading <!-- a note -->", '<h2 id="a-heading">A heading </h2>\n'),
    ("`<!-- code -->`", "<p><code>&lt;!-- code --&gt;</code></p>\n"),
    ("![A map <!-- the 2019 one -->](m.png)", '<p><img src="m.png" alt="A map " /></p>\n'),  # read out, else
])
def test_an_html_comment_is_an_editors_note_left_out_of_the_page(text, shown):
    assert MD.render(text) == shown


def test_the_twin_that_recognizes_raw_html_is_asked_only_where_it_could_differ():
    """A text without a '<' is parsed without markdown-it's raw HTML rules (they could only say no), a text with
    one by the parser's twin that has them: for any text, the tokens are those of the twin."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["<div>", "</div>", "<b>", "<!-- x -->", "<?php ?>", "<![CDATA[x]]>", "<https://a.cn>",
                              "<a@b.cn>", "<script>", "&amp;", "&#49;", "a", " ", "\n", "\n\n", "- ", "> ", "    ",
                              "`", "*", "[x](p.md)", "<", ">", "商会", "-->", "<!--"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=16).map("".join))
    def check(text):
        assert [token.as_dict() for token in MD.parse(text)] == \
            [token.as_dict() for token in MD.with_html.parse(text)], text
        rendered = MD.render(text)
        assert not any(raw in rendered for raw in ("<div", "<b>", "<!--", "<?", "<![", "<script")), text

    check()


# --- CJK emphasis ----------------------------------------------------------------------


def test_bold_ending_in_chinese_punctuation_before_a_character():
    assert paragraph("**强素质。**后文") == "<strong>强素质。</strong>后文"


def test_bold_in_curly_quotes_between_characters():
    assert paragraph("前文**“强素质”**后文") == "前文<strong>“强素质”</strong>后文"


def test_bold_between_chinese_characters():
    assert paragraph("中文**粗体**中文") == "中文<strong>粗体</strong>中文"


def test_italic_ending_in_chinese_punctuation():
    assert paragraph("中文*斜体。*后文") == "中文<em>斜体。</em>后文"


def test_ordinary_english_emphasis_unchanged():
    assert paragraph("a **b** c") == "a <strong>b</strong> c"
    assert paragraph("an *em* word") == "an <em>em</em> word"


def test_underscores_inside_a_word_are_not_emphasis():
    assert paragraph("snake_case_word") == "snake_case_word"


def test_english_punctuation_rule_still_applies():
    # CommonMark: a closing ** after punctuation and before a letter is literal.
    assert paragraph("**bold.**after") == "**bold.**after"


def test_unmatched_markers_stay_literal():
    assert paragraph("a ** b") == "a ** b"


# --- soft breaks ---------------------------------------------------------------------


def test_soft_break_between_chinese_characters_is_removed():
    assert paragraph("第一行\n第二行") == "第一行第二行"


def test_soft_break_after_chinese_emphasis_is_removed():
    assert paragraph("中文**强**\n后文") == "中文<strong>强</strong>后文"


def test_soft_break_between_chinese_and_english_is_kept():
    assert paragraph("中文\nEnglish") == "中文\nEnglish"
    assert paragraph("English\n中文") == "English\n中文"


def test_soft_break_between_english_words_is_kept():
    assert paragraph("one\ntwo") == "one\ntwo"


def test_soft_break_after_a_closing_quote_before_chinese_is_removed():
    assert paragraph("他说“强素质”\n后文") == "他说“强素质”后文"


def test_soft_break_after_a_korean_word_is_kept():
    assert paragraph("한국어\n한국어") == "한국어\n한국어"


# --- heading ids -----------------------------------------------------------------------


def test_explicit_id_is_used_and_removed_from_the_heading():
    assert html("## Hello, World! {#greeting}") == '<h2 id="greeting">Hello, World!</h2>\n'


def test_explicit_id_without_a_space():
    assert html("## 标题{#a1}") == '<h2 id="a1">标题</h2>\n'


def test_malformed_explicit_id_stays_text():
    rendered = html("## x {#bad id}")
    assert "{#bad id}" in rendered and 'id="bad' not in rendered


def test_chinese_slug_is_kept():
    assert html("## 三个纳入") == '<h2 id="三个纳入">三个纳入</h2>\n'


def test_punctuation_becomes_hyphens():
    assert 'id="c-rust-2023"' in html("## C++ & Rust: 2023")


def test_slug_uses_the_visible_text_of_markup():
    assert 'id="粗体"' in html("## **粗体**")
    assert 'id="code-标题"' in html("## `code` 标题")


def test_duplicate_headings_are_suffixed():
    rendered = html("## A\n## A\n## A")
    assert [f'id="{i}"' in rendered for i in ("a", "a-2", "a-3")] == [True, True, True]


def test_suffixed_id_never_collides_with_a_real_heading():
    ids = outline(MD.parse("## A\n## A\n## A-2")).ids
    assert len(ids) == 3 and {"a", "a-2"} <= ids


@pytest.mark.parametrize("heading, ident", [
    ("Main", "section-main"), ("Related", "section-related"), ("Term: ICF", "section-term-icf"),
    ("Q & A", "section-q-a"), ("Stat-ups", "section-stat-ups"), ("Statistics", "statistics"), ("Mainly", "mainly"),
])
def test_a_heading_never_gets_an_id_the_templates_give(heading, ident):
    """The templates give ``main``, ``related``..., and ids that begin ``term-``, ``q-``...: a heading whose text
    would give one of those is told apart by ``section-`` before it, twice over if need be."""
    assert html(f"## {heading}\n## {heading}") == f'<h2 id="{ident}">{heading.replace("&", "&amp;")}</h2>\n' \
        f'<h2 id="{ident}-2">{heading.replace("&", "&amp;")}</h2>\n'


def test_an_explicit_anchor_the_templates_give_is_a_mistake():
    tokens = MD.parse("## A {#main}\n\n## B {#chart-x}\n\n## C {#mine}\n")
    assert outline(tokens).duplicates == ((0, "main"), (2, "chart-x"))


def test_empty_heading_gets_a_fallback_id():
    assert html("## ") == '<h2 id="section"></h2>\n'


@pytest.mark.parametrize("text, slug", [
    ("Hello, World!", "hello-world"), ("ＡＢＣ", "abc"), ("__x__", "x"), ("a_b", "a_b"), ("三个 纳入", "三个-纳入"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_headings_give_every_id_and_where_the_level_1_headings_are():
    found = outline(MD.parse("# A\n## 三个纳入\n## x {#y}\n## A\ntext\n\nB\n=\n"))
    assert found.ids == {"a", "三个纳入", "y", "a-2", "b"} and found.first_level == (0, 6)


def test_the_ordered_lists_not_numbered_from_1_are_found_with_their_first_number():
    """A list's first number is an attribute of the list (``<ol start="49">``), not text: readers see it all the
    same. markdown-it writes it for a list not numbered from 1 alone; the marker's last character is kept to
    say how the line would be written as no list."""
    found = outline(MD.parse("1. a\n2. b\n\nText.\n\n49. c\n\n> - 2024) d\n>   0. e\n\nText\n7. f\n"))
    assert found.numbered_from == ((5, 49, "."), (7, 2024, ")"), (8, 0, "."))  # (7. inside a paragraph is text)
    # A list from 1, and one whose later marker only goes on with it (it shows 3.), are not.
    assert outline(MD.parse("- a\n\n1) b\n1) c\n\n3) d\n")).numbered_from == ()


def test_inline_text_is_what_a_reader_sees():
    tokens = MD.parse("**粗体** and `code`")
    assert inline_text(tokens[1]) == "粗体 and code"


# --- links and text ------------------------------------------------------------------


SOURCE = 'Para [link *text*](a.md "T") and ![alt](i.png).\n\n第二段\n[链接](b.md#x)\nmore'


def links_of(text: str):
    from microsite.compiled import compile_markdown

    return compile_markdown(MD, text).links


def test_links_and_images_are_found_in_order():
    assert [(link.href, link.title, link.text, link.is_image) for link in links_of(SOURCE)] == [
        ("a.md", "T", "link text", False),
        ("i.png", "", "alt", True),
        ("b.md#x", "", "链接", False),
    ]


def test_a_link_is_found_at_its_place_in_the_lines_of_its_block():
    assert [(link.line, link.column) for link in links_of(SOURCE)] == [(0, 19), (0, 40), (3, 5)]


def test_links_are_not_dropped_by_markdown_it_url_filter():
    assert [link.href for link in links_of("[a](javascript:alert(1))")] == ["javascript:alert(1)"]


# --- the rest of the configuration ------------------------------------------------------


def test_tables_are_on():
    assert "<table>" in html("| a | b |\n|---|---|\n| 1 | 2 |")


def test_strikethrough_is_on():
    assert paragraph("~~gone~~") == "<s>gone</s>"


def test_typographer_and_linkify_are_off():
    assert paragraph('"quotes" -- www.example.com') == "&quot;quotes&quot; -- www.example.com"


def test_the_parser_gives_every_option_markdown_it_reads_with_a_default_that_very_default():
    """Set, an option is read without a KeyError raised and caught each time; set to the library's own
    default, it changes nothing. A new version of markdown-it-py that reads another one fails here."""
    import ast
    from pathlib import Path

    import markdown_it

    md = new_parser()
    read = {}
    for source in Path(markdown_it.__file__).parent.rglob("*.py"):
        if source.name == "ruler.py":  # its ``options`` are a rule's own, not the parser's
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                    and (getattr(node.func.value, "attr", None) == "options"
                         or getattr(node.func.value, "id", None) == "options")
                    and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)):
                read[node.args[0].value] = ast.literal_eval(node.args[1])
    assert {"strikethrough_single_tilde", "tasklists_editable"} <= read.keys()  # the scan finds what it looks for
    for name, default in read.items():
        assert name in md.options, name
        assert md.options[name] == default or (name == "html" and md.options[name] is False), name


# --- the renderer ----------------------------------------------------------------------

# Pieces of Markdown that make every kind of token our parser makes, and the places where markdown-it's renderer
# decides on a line break: tight and loose lists, a list item that is empty or holds a block, a hidden paragraph
# before a quote, tables with aligned columns, fences with an info string, links and images with titles.
_BLOCKS = [
    "# Title {#top}", "## 三个纳入", "Setext\n===", "para *em* **strong** ~~gone~~ `code` a&amp;b <i>x</i> \"q\"",
    "- a\n- b", "- a\n\n- b", "1. one\n2. two", "3) three", "- \n- c", "- a\n  > quoted", "- a\n  ```\n  code\n  ```",
    "* a\n  * nested\n    1. deep", "> quote\n> more", ">", "    indented code <&>", "```py title\nx < 1\n```", "~~~\n~~~",
    "---", "| a | b |\n|:--|--:|\n| 1 | [x](y.md) |", "| a |\n|:-:|\n| ![i](p.png \"t\") |", "| a |\n|---|",
    "[l](https://e.org \"ti&tle\") ![alt *em*](i.png) <https://auto.org> [ref]\n\n[ref]: /r \"R\"", "line  \nbreak\\\nmore",
    "中文**强素质。**后文", "text\nnext line", "<div>raw</div>", "&copy; &#x202; &bogus;", "- [ ] task",
]


def _render_both(text: str) -> tuple[str, str]:
    """What our renderer and markdown-it's own write, the latter given our two rules for raw HTML (which it would
    write as it is)."""
    from markdown_it.renderer import RendererHTML

    from microsite.markdown import QuickRenderer

    class Stock(RendererHTML):
        html_block = QuickRenderer.html_block
        html_inline = QuickRenderer.html_inline

    quick = MD.renderer.render(MD.parse(text), MD.options, {})
    stock = Stock().render(MD.parse(text), MD.options, {})
    return quick, stock


@pytest.mark.parametrize("text", _BLOCKS)
def test_the_quick_renderer_writes_what_markdown_its_own_writes(text):
    quick, stock = _render_both(text)
    assert quick == stock


def test_the_quick_renderer_writes_what_markdown_its_own_writes_for_any_mix_of_blocks():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(_BLOCKS + ["", "  ", "\n", "text"])
    indents = st.sampled_from(["", "  ", "   ", "    ", "> ", "- ", "1. "])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(indents, pieces, st.sampled_from(["\n", "\n\n"])), max_size=8))
    def check(parts):
        text = "".join(indent + piece.replace("\n", "\n" + indent) + end for indent, piece, end in parts)
        quick, stock = _render_both(text)
        assert quick == stock, text

    check()


def _stock_inline_parser():
    """The site's parser with markdown-it's own core rule ``inline`` in place of ``plain_text_inline``."""
    from markdown_it.rules_core import inline

    md = new_parser()
    md.core.ruler.at("inline", inline)
    md.with_html.core.ruler.at("inline", inline)
    return md


_INLINE_PIECES = ["a", "商会", " ", "  ", "\t", "\n", "\n\n", ".", ",", "。", "*", "_", "**", "`", "[", "]", "(", ")",
                  "!", "<", ">", "&", "&amp;", "\\", "~", "~~", "#", "-", "+", "=", ":", "@", "$", "%", "^", "{", "}",
                  "{#x}", "|", "| a |\n|---|\n| ", "- ", "1. ", "> ", "# ", "[x](p.md)", "<!-- n -->", "\u3000", "é"]


@pytest.mark.parametrize("text", _BLOCKS + ["| plain | 纯文本 |\n|---|---|\n| words only | 中文 |", "plain words", "",
                                            "| a |\n|---|\n|  |", "trailing  ", "tab\tin"])
def test_a_plain_text_becomes_the_token_markdown_its_own_inline_rule_makes(text):
    assert [token.as_dict() for token in MD.parse(text)] == \
        [token.as_dict() for token in _stock_inline_parser().parse(text)]


def test_any_text_becomes_the_tokens_markdown_its_own_inline_rule_makes():
    """``plain_text_inline`` makes a text with no inline mark its one text token without the parser: for any
    text, the tokens are those markdown-it's own rule makes."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    stock = _stock_inline_parser()

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(_INLINE_PIECES) | st.text(max_size=3), max_size=14).map("".join))
    def check(text):
        assert [token.as_dict() for token in MD.parse(text)] == [token.as_dict() for token in stock.parse(text)], text

    check()


def test_the_inline_marks_are_markdown_its_own():
    """The marks looked for where markdown-it-py 3 gives none of its own are the characters its ``text`` rule
    stops at (markdown-it-py 4 names them; 3 has the same)."""
    from markdown_it import MarkdownIt

    from microsite.markdown import _INLINE_MARKS

    theirs = getattr(MarkdownIt().inline, "terminator_re", None)
    if theirs is None:
        from markdown_it.rules_inline.text import isTerminatorChar

        stops = {chr(code) for code in range(0x110000) if isTerminatorChar(code)}
    else:
        stops = {chr(code) for code in range(0x110000) if theirs.fullmatch(chr(code))}
    assert stops == {chr(code) for code in range(0x110000) if _INLINE_MARKS.fullmatch(chr(code))}


def test_a_plain_text_is_parsed_where_a_plugins_inline_rule_comes_first():
    """A rule put before markdown-it's ``text`` may start at any character, so no text is taken as plain."""
    md = new_parser()

    def shout(state, silent):
        if state.src[state.pos] != "o":
            return False
        if not silent:
            state.push("text", "", 0).content = "O"
        state.pos += 1
        return True

    md.inline.ruler.before("text", "shout", shout)
    assert md.render("| oops |\n|---|\n| too |") == \
        "<table>\n<thead>\n<tr>\n<th>OOps</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>too</td>\n</tr>\n</tbody>\n</table>\n"


def test_a_text_rule_set_by_hand_is_still_followed():
    md = new_parser()
    md.add_render_rule("text", lambda self, tokens, index, options, env: tokens[index].content.upper())
    assert md.render("one *two*\n\n| a |\n|---|\n| b |") == \
        "<p>ONE <em>TWO</em></p>\n<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>B</td>\n" \
        "</tr>\n</tbody>\n</table>\n"


# --- link targets ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["p1.md", "topics/a/p1.md#top", "cite:src-2023#q1", "Cite:Foo/Bar", "stat:x~y",
                                 "../up.md", "/abs/x.md", ".", "#", "cite:", "a#b#c", "x:y:z", "//host/x",
                                 "http://Example.com", "https://例子.cn/a b", "cite:（全角）", "a%20b", "mailto:A@B.cn",
                                 "HTTP:x", "http:", "javascript:alert(1)", "p 1.md", "a\\b"])
def test_a_link_target_is_normalized_as_markdown_it_would(url):
    from markdown_it.common.normalize_url import normalizeLink

    from microsite.markdown import normalized_link

    assert normalized_link(url) == normalizeLink(url)


def test_any_link_target_is_normalized_as_markdown_it_would():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from markdown_it.common.normalize_url import normalizeLink

    from microsite.markdown import normalized_link

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet="aZ09._~/-:#+@?%& 中", max_size=14))
    def check(url):
        assert normalized_link(url) == normalizeLink(url)

    check()


# --- where a record link may be ------------------------------------------------------------------------------


def test_a_text_without_a_record_scheme_holds_no_record_link():
    from microsite.markdown import may_hold_record_links

    assert not may_hold_record_links("| a | [b](p1.md) |\n\nSee [the page](docs/x.md#cite) and https://e.org/stat")
    assert may_hold_record_links("[x](cite:src)") and may_hold_record_links("【】（stat：donations）")
    assert may_hold_record_links("[x](term :t)")


def test_every_mistyped_record_link_is_in_a_text_that_may_hold_one():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from microsite.markdown import may_hold_record_links, mistyped_links

    def one_of(*choices):
        return st.sampled_from(choices)

    # A record link as an editor might type it, each of its parts well typed or not, among other text.
    links = st.tuples(one_of("[", "［", "【", "x"), one_of("", "text", "a\nb", "]"), one_of("]", "］", "】", ""),
                      one_of("", " ", "\t"), one_of("(", "（", "[", ""), one_of("", " ", "\t "),
                      one_of("cite", "stat", "event", "term", "Cite", "site"), one_of(":", "：", " :", " ：", "\t:", ";", ""),
                      one_of("", " ", "src", " src “q”", "src\"q\"）", "（"), one_of(")", "）", "", "\n\n")).map("".join)

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.one_of(links, one_of("plain ", "\n", "[a](p.md) ")), max_size=4).map("".join))
    def check(text):
        if mistyped_links(text):
            assert may_hold_record_links(text), text

    check()


# --- time linear in the text ---------------------------------------------------------------------------------------


def test_many_headings_of_one_text_get_their_ids_in_linear_time():
    """Each "## A" after the first tried a, a-2, a-3 ... from the start: 10,000 took 6 s."""
    assert html("## A\n## A\n## A-2\n## A\n") == \
        '<h2 id="a">A</h2>\n<h2 id="a-2">A</h2>\n<h2 id="a-2-2">A-2</h2>\n<h2 id="a-3">A</h2>\n'
    assert superlinear(MD.parse, lambda count: "## A\n" * count, 1500) is None


@pytest.mark.parametrize("link", ['[x](cite:s "护航49个所属商会成立、成长") ', '[x](cite:s "护航49个") ( '])
def test_many_record_links_of_one_paragraph_are_read_for_mistypes_in_linear_time(link):
    """Each citation of a paragraph looked for each of six ways of starting the next link to the text's end, and
    copied the text's rest: 8,000 citations on one line took 13 s to check."""
    assert superlinear(mistyped_links, lambda count: link * count, 1000) is None
