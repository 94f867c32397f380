"""Compiled Markdown: parsed once, token-free, with placeholders where site-dependent links go."""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from microsite import compiled as compiled_module
from microsite.compiled import ATTRIBUTES, FILLER, Compiler, Survey, compile_markdown
from microsite.markdown import new_parser
from tests.timing import superlinear

MD = new_parser()


def test_links_become_placeholders_with_their_place_in_the_text() -> None:
    compiled = compile_markdown(MD, "Intro line.\n\nSee [the figures](statistics.md#x \"t\") now.")
    assert f'<a {ATTRIBUTES.format(0)}="">the figures</a>' in compiled.html
    [link] = compiled.links
    assert (link.href, link.title, link.text, link.is_image, link.line, link.column) == (
        "statistics.md#x", "t", "the figures", False, 2, 18)


def test_every_empty_link_of_a_paragraph_gets_its_own_filler() -> None:
    compiled = compile_markdown(MD, "[](stat:a)注册地，与[](stat:b)市直单位。")
    assert FILLER.format(0) in compiled.html and FILLER.format(1) in compiled.html


def test_images_keep_their_alt_text_after_the_placeholder() -> None:
    compiled = compile_markdown(MD, "![晋江](/static/a.png)")
    assert f'<img {ATTRIBUTES.format(0)}="" alt="晋江" />' in compiled.html
    assert compiled.links[0].is_image and compiled.links[0].text == "晋江"


def test_digit_runs_are_found_with_the_link_they_are_in_and_their_place() -> None:
    compiled = compile_markdown(MD, "About 12 chambers and [49 more](cite:s \"49个\").\n第2行")
    runs = [(run.text, run.link, run.places) for run in compiled.digits]
    assert runs == [("About 12 chambers and ", -1, ((6, 0, 6),)), ("49 more", 0, ((0, 0, 23),)),
                    ("第2行", -1, ((1, 1, 1),))]


def test_each_run_of_digits_keeps_the_words_a_reader_reads_around_it_across_links_and_marks() -> None:
    """每年 of 每年[超4.5亿元](cite:…) is read with the link's number; a line break of the paragraph between two
    Chinese characters is nothing (as CSS shows it), between words a space; a hard line break, an image and a
    statistic's figure end the words read together."""
    def around(text: str) -> dict[str, tuple[str, str]]:
        return {run.text: (run.before, run.after) for run in compile_markdown(MD, text).digits}

    found = around('所属商会每年[超4.5亿元](cite:s "超4.5亿元")/年，**共49个**。')
    assert found["超4.5亿元"] == ("所属商会每年", "/年，共49个。")
    assert found["共49个"] == ("所属商会每年超4.5亿元/年，", "。")
    found = around("每年\n[超4.5亿元](cite:s)\nin *12 months*")
    assert found["超4.5亿元"] == ("每年", " in 12 months") and found["12 months"] == ("每年超4.5亿元 in ", "")
    assert around("每年  \n[超4.5亿元](cite:s)")["超4.5亿元"] == ("", "")
    found = around("每年![x](/static/a.png)[超4.5亿元](cite:s)和[](stat:a)[7](cite:s)")
    assert found["超4.5亿元"] == ("", "和") and found["7"] == ("", "")
    assert around("A paragraph of 12 words alone.") == {"A paragraph of 12 words alone.": ("", "")}
    # a code span is code, not the sentence's words: read on neither side (`since` May is no month)
    assert around("`每年`[超4.5亿元](cite:s)`x`")["超4.5亿元"] == ("", "")
    assert around("Since `v2` May 12 people")[" May 12 people"] == ("", "")
    # a statistic's figure: a run of no text at its link, read in the words on either side
    [figure] = [run for run in compile_markdown(MD, "会员捐款[](stat:a)/年。").digits if not run.text]
    assert (figure.link, figure.places, figure.before, figure.after) == (0, ((0, 0, 7),), "会员捐款", "/年。")
    long = "很" * 100
    [run] = compile_markdown(MD, f"{long}[12](cite:s){long}").digits
    assert run.before == run.after == "很" * 64  # (no further than a rate's words are looked for)
    kept = Survey.of("k", (), compile_markdown(MD, "每年[超4.5亿元](cite:s)").digits).found()[1]
    assert [(run.text, run.before) for run in kept] == [("每年", ""), ("超4.5亿元", "每年")]


def test_the_times_counted_from_today_are_found_at_their_places_outside_citations_addresses_and_code() -> None:
    text = 'Intro.\n\nMet recently, [hall](https://x.com/today) `today`.\n\n[近日](cite:s "近日")，近日。'
    assert compile_markdown(new_parser(), text).from_today == ((2, 4, "recently"), (4, 18, "近日"))
    assert compile_markdown(new_parser(), "Met in [a hall](https://x.com/today).").from_today == ()


def test_digits_after_a_link_are_found_after_its_title_which_may_hold_them_too() -> None:
    """A citation's title is its quote, which most often holds the number beside the link."""
    compiled = compile_markdown(MD, '[4](cite:s "护航49个") 9 chambers, ![a](/static/a.png "7") 7 more')
    assert [run.places for run in compiled.digits] == [((0, 0, 1),), ((1, 0, 20),), ((1, 0, 56),)]
    # A reference link's title is written elsewhere: the same words after the link are the text's.
    compiled = compile_markdown(MD, '[4][r] 9 49个 9\n\n[r]: cite:s "49个"\n')
    assert [run.places for run in compiled.digits] == [((0, 0, 1),), ((1, 0, 7), (3, 0, 9), (7, 0, 13))]


def test_digit_runs_in_code_blocks_are_found_at_their_places() -> None:
    """A reader sees a number shown as code as much as one in a paragraph: it is traced like any other (text
    indented into code is a mistake of its own, which covers its numbers)."""
    compiled = compile_markdown(MD, "Intro.\n\n```text 3\nThe 49 chambers\n```\n\n    indented: 77\n\n~~~\n\n x 1\n~~~\n")
    runs = [(run.text, run.link, run.places) for run in compiled.digits]
    assert runs == [("The 49 chambers\n", -1, ((4, 3, 4),)),  # a fence's info string is not shown
                    ("\n x 1\n", -1, ((4, 10, 3),))]
    assert [(m.line, m.start, m.end) for m in compiled.mistakes] == [(6, (6, 0), (7, 0))]


def test_raw_html_and_editor_nul_characters_cannot_forge_a_placeholder() -> None:
    compiled = compile_markdown(MD, "<b>x</b> \x00a0\x00 \x00t0\x00")
    assert "<b>" not in compiled.html and "\x00" not in compiled.html


def test_raw_html_is_a_mistake_at_its_place_and_a_comment_is_left_out() -> None:
    text = ("Intro with <!-- a note of 42 --> no number.\n\n"
            "A <br> here, and <b>12</b>\n\n"
            "<div class=\"x\">\nhi\n</div>\n\n"
            "<!-- a note\n\nover a blank line -->\n\n"
            "| a |\n|---|\n| ![<i>x</i>](/static/a.png) |\n")
    compiled = compile_markdown(MD, text)
    assert [(m.line, m.column, m.message.split("'")[1]) for m in compiled.mistakes] == [
        (2, 2, "<br>"), (2, 17, "<b>"), (2, 22, "</b>"), (4, 0, '<div class="x"> hi </div>'), (14, 4, "<i>"),
        (14, 8, "</i>")]
    assert all(m.message.endswith("would be shown to readers as written") for m in compiled.mistakes)
    assert "note" not in compiled.html and "42" not in compiled.html
    assert [run.text for run in compiled.digits] == ["12"]  # the note's number is no reader's


def test_a_level_1_heading_is_a_mistake_at_its_place() -> None:
    """The template gives every page its one level-1 heading, the title."""
    compiled = compile_markdown(MD, "# Title\n\nText #not-one.\n\n   # Indented\n\nSetext\n===\n\n## A section\n")
    assert [(m.line, m.column, m.message) for m in compiled.mistakes] == [
        (0, 0, "a level-1 heading: the page's title is its only one"), (4, 3, "a level-1 heading: the page's title "
                                                                             "is its only one"),
        (6, 0, "a level-1 heading: the page's title is its only one")]
    assert compiled.mistakes[0].hint == "begin a section with ## (a part of one with ###)"
    assert compile_markdown(MD, "## A\n\n### B\n\nx = y, #3\n").mistakes == ()


def test_a_heading_a_level_too_deep_or_without_words_and_an_empty_header_cell_are_mistakes() -> None:
    """What a screen reader's outline of the page, or its reading of a table, would trip on (axe's heading-order,
    empty-heading and empty-table-header rules, which the browser tests run on the real site)."""
    text = "### Too deep\n\n## A\n\n#### Too deep\n\n### B\n\n#### C\n\n## \n\n## {#x}\n\n| | b |\n|---|---|\n| 1 | 2 |\n"
    assert [(m.line, m.column, m.message, m.hint) for m in compile_markdown(MD, text).mistakes] == [
        (0, 0, "a level-3 heading after a level-1 one: a level is left out", "write it as ## (a heading is at most "
         "one level below the one before it; the page's title is the one level-1 heading)"),
        (4, 0, "a level-4 heading after a level-2 one: a level is left out", "write it as ### (a heading is at "
         "most one level below the one before it; the page's title is the one level-1 heading)"),
        (10, 0, "a heading without words", "write its words after the #, or remove it"),
        (12, 0, "a heading without words", "write its words after the #, or remove it"),
        (14, 0, "a table's header cell without words", "name the column in the table's first row")]
    assert compile_markdown(MD, "## A\n### B\n#### C\n## D\n\n| a | b |\n|---|---|\n|  | 2 |\n").mistakes == ()


def test_a_line_of_dashes_right_under_text_is_a_mistake_it_makes_a_heading_of_the_text() -> None:
    """CommonMark's other way of writing a heading (text underlined with ---) is how a line across the page
    written without a blank line before it turns a paragraph into a heading."""
    text = "## A\n\nSome text\nand more\n---\n\nText\n\n---\n\n- item\n  -\n"
    assert [(m.line, m.column, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (4, 0, "the line '---' makes the text above it a heading"),
        (11, 2, "the line '-' makes the text above it a heading")]
    assert compile_markdown(MD, "Text\n\n---\n\nMore\n***\n").mistakes == ()  # lines across the page


def test_text_indented_by_four_spaces_is_a_mistake_it_is_shown_as_code() -> None:
    """A Chinese paragraph's first line indented as on paper (four spaces, or a tab) becomes a block of code."""
    text = "Intro.\n\n    今年以来，晋江市工商联通过三项抓手。\n\nMiddle.\n\n\tTabbed.\n\n- item\n\n      over-indented\n"
    assert [(m.line, m.column) for m in compile_markdown(MD, text).mistakes] == [(2, 0), (6, 0), (10, 0)]
    assert compile_markdown(MD, text).mistakes[0].message == (
        "this text is indented by four spaces (or a tab), which shows it as code: readers would see it in a box, "
        "as typed")
    # Code between lines of ```, and the full-width spaces of a Chinese indent (no Markdown indent), are not.
    assert compile_markdown(MD, "```\ncode\n```\n\n\u3000\u3000今年以来。\n- a\n\n  b\n").mistakes == ()


def test_a_list_item_without_words_is_a_mistake_and_a_note_in_a_comment_is_no_words() -> None:
    """An editor's note (an HTML comment) is left out of the page: a heading, a header cell, a list item, a link's
    text or an image's description that holds nothing else is empty for a reader."""
    text = ("- a\n- <!-- to do -->\n-\n\n1. \n\n## <!-- a note -->\n\n| <!-- x --> | b |\n|---|---|\n| 1 | 2 |\n\n"
            "[<!-- x -->](a.md) ![<!-- x -->](/static/i.png)\n")
    assert [(m.line, m.column, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (1, 0, "a list item without words: readers would see an empty bullet"),
        (2, 0, "a list item without words: readers would see an empty bullet"),
        (4, 0, "a list item without words: readers would see an empty bullet"),
        (6, 0, "a heading without words"),
        (8, 0, "a table's header cell without words"),
        (12, 13, "the link to 'a.md' has no text: readers would find nothing to read or click"),
        (12, 33, "the image '/static/i.png' has no description for readers who cannot see it")]
    assert compile_markdown(MD, text).mistakes[0].hint == \
        "write the item's words after its marker (- or 1.), or remove the line"
    # Items with words, a quotation, code, a nested list, or words beside a note, are not empty.
    assert compile_markdown(MD, "- a <!-- n -->\n- > q\n- ```\n  x\n  ```\n-\n  - c\n").mistakes == ()


def test_an_ordered_list_not_numbered_from_1_is_a_mistake_at_its_first_number() -> None:
    """Its first number is the list's, not its text's (``<ol start="49">``): no survey of the text would read it,
    and readers see it before the first item. A list from 1 counts its items; a line begun with a number written
    as no list (``49\\.``) is text, and its number is read as any other."""
    text = "Intro.\n\n49. chambers were founded\n\n> - 1. a\n>   2024) 年，商会继续发展\n\n0. zero\n"
    assert [(m.line, m.column, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (2, 0, "a list numbered from 49: readers see '49.' before its first item, a number no quote traces"),
        (5, 4, "a list numbered from 2024: readers see '2024.' before its first item, a number no quote traces"),
        (7, 0, "a list numbered from 0: readers see '0.' before its first item, a number no quote traces")]
    assert compile_markdown(MD, text).mistakes[1].hint.endswith("a line begun with one as 2024\\) begins no list")
    # From 1 (whatever the later markers say), continued after an indented paragraph, and written as text: fine.
    fine = "1. a\n5. b\n\n   More about b.\n9. c\n\n- 1) d\n\n49\\. chambers were founded\n"
    assert compile_markdown(MD, fine).mistakes == ()
    assert [run.text for run in compile_markdown(MD, fine).digits] == ["49. chambers were founded"]


@pytest.mark.parametrize("text, shown", [
    ("See [the figures](statistics.md.", "[the figures](statistics.md."),  # no ) to close it
    ("See [the figures](statistics .md).", "[the figures](statistics .md)"),  # a space in the target
    ("See [the figures] (statistics.md).", "[the figures] (statistics.md)"),
    ("See [the figures][figs].", "[the figures][figs]"),  # no [figs]: defined
    ("See [the figures][].", "[the figures][]"),
    ("See (statistics.md)[the figures].", "(statistics.md)[the figures]"),
])
def test_a_link_the_parser_could_not_make_is_a_mistake_that_covers_it(text: str, shown: str) -> None:
    compiled = compile_markdown(MD, text + " And [49 more](cite:s \"49个\"\n")
    assert [(m.line, m.column, m.message) for m in compiled.mistakes] == [
        (0, text.index(shown), f"'{shown}' is not a link: readers would see its brackets as typed"),
        (0, len(text) + 5, "'[49 more](cite:s \"49个\"' is not a link: readers would see its brackets as typed")]
    assert compiled.digits == ()  # the number in the broken link is its mistake, not another
    assert [m.message for m in compile_markdown(MD, "| a | b |\n|---|---|\n| [a](b.md | x |\n").mistakes] == [
        "'[a](b.md' is not a link: readers would see its brackets as typed"]


def test_bold_or_strikethrough_marks_that_open_or_close_nothing_are_a_mistake() -> None:
    text = "**Bold without its end.\n\nAnd ** spaced** marks, **bold** ** after it.\n\nA ~~struck out\n"
    assert [(m.line, m.column, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (0, 0, "'**Bold' is shown as typed: its marks open or close nothing"),
        (2, 4, "'**' is shown as typed: its marks open or close nothing"),
        (2, 7, "'spaced**' is shown as typed: its marks open or close nothing"),
        (2, 32, "'**' is shown as typed: its marks open or close nothing"),  # not the pair before it
        (4, 2, "'~~struck' is shown as typed: its marks open or close nothing")]
    # Marks that do their work, in Chinese text too, and marks escaped to be shown, are not.
    fine = "**强素质。**后文，“**三个三**”工作，**bold** and ~~struck~~, \\*\\*shown\\*\\*, `**code**`\n"
    assert compile_markdown(MD, fine).mistakes == ()


Q = '(cite:s "q")'


@pytest.mark.parametrize("text, shown", [
    (f"另有[49]{Q}万个商会。", "49万"),
    (f"另有[49]{Q}[49]{Q}个商会。", "4949"),
    (f"另有[**49**49]{Q}个商会。", "4949"),
    (f"另有**4**[9]{Q}个商会。", "49"),
    (f"[49]{Q}%的商会", "49%"),
    (f"[10]{Q}余家商会", "10余"),
    (f"超过[49个]{Q}商会", "超过49"),
    (f"第[2]{Q}次", "第2"),
    (f"[4.5]{Q}亿元", "4.5亿"),
    (f"[49]{Q},000 chambers", "49,000"),
    (f"[CNY 450]{Q} million", "450 million"),
    (f"nearly [49]{Q} chambers", "nearly 49"),
    (f"护航约[49个]{Q}所属商会", "约49"),
    (f"[49个]{Q}以上的商会", "49个以上"),
    (f"[10]{Q}-plus chambers", "10-plus"),
    (f"[8]{Q}成商会", "8成"),
    (f"[49]{Q}\n万个商会", "49万"),  # a line break of the paragraph shows as a space
    (f"[49]{Q} % of chambers", "49 %"),  # a qualifier of one character, after another: 签约[3家] takes 签约 in

    (f"[forty]{Q}-nine chambers", "forty-nine"),
    # a link that begins between the words of a number in words (its "nine" read alone, traced by a quote's nine)
    (f"forty-[nine chambers]{Q} took part", "forty-nine"), (f"four hundred and [fifty]{Q} firms", "four hundred and fifty"),
])
def test_a_number_cut_in_two_by_a_link_s_edge_or_by_marks_is_a_mistake(text: str, shown: str) -> None:
    """Each piece of such a number is traced alone, as if it stood alone: [49](cite:…)万 would show 49万,
    traced by a quote of 49个."""
    [mistake] = compile_markdown(MD, text).mistakes
    assert f"readers see '{shown}' as one number" in mistake.message


def test_a_statistic_s_figure_run_on_by_a_digit_or_a_percent_sign_is_a_mistake() -> None:
    for text, column, shown in (("共有[](stat:a)0家", 5, "the statistic's figure, then '0'"),
                                ("[](stat:a)% of them", 3, "the statistic's figure, then '%'"),
                                ("1[](stat:a) chambers", 0, "'1', then the statistic's figure")):
        [mistake] = compile_markdown(MD, text).mistakes
        assert f"readers see {shown} as one number" in mistake.message and (mistake.line, mistake.column) == (0, column)
    # A text of a lone 0 is no statistic's figure (a text "0" is the very string "0" in CPython).
    for text, shown in ((f"[0]{Q}万个", "'0万'"), (f"**1**[0]{Q}个", "'10'")):
        [mistake] = compile_markdown(MD, text).mistakes
        assert f"readers see {shown} as one number" in mistake.message


@pytest.mark.parametrize("text", [
    f"另有[49]{Q}个商会，[8家]{Q}，[9家]{Q}。", f"[2023]{Q}年7月", f"[4.5亿]{Q}元", f"[49]{Q} chambers, 50 more",
    "**49** chambers and *50* more", f"talks about [49]{Q} chambers", "watch over [](stat:a) chambers",
    f"Under [one chamber]{Q}", "共有[](stat:a)家，[](stat:b)个",
    f"[49 chambers]{Q}, and [50]{Q}", f"Moreover [49]{Q} chambers",
])
def test_a_number_beside_a_link_or_marks_that_does_not_run_on_is_no_mistake(text: str) -> None:
    assert compile_markdown(MD, text).mistakes == ()


I = "(/static/icon.svg)"


@pytest.mark.parametrize("text, column, message", [
    (f"获评的有[8]{Q}![和]{I}[9家商会]{Q}", 5, "an image: readers see '8', the image, then '9' as one number"),
    (f"8![alt]{I}9", 0, "an image: readers see '8', the image, then '9' as one number"),
    (f"**8**![alt]{I}*9*家", 2, "an image: readers see '8', the image, then '9' as one number"),
    (f"8![a]{I}![b]{I}9", 0, "an image: readers see '8', the image, then '9' as one number"),  # images in a row
    (f"[8]{Q}![和]{I}**万**家", 1, "an image: readers see '8', the image, then '万' as one number"),
    (f"超![i]{I}[49家]{Q}", 24, "an image: readers see '超', the image, then '49' as one number"),
    (f"共有[](stat:a)![i]{I}0家", 5, "an image: readers see the statistic's figure, the image, then '0' as one "
                                   "number"),
    (f"共有[](stat:a)![i]{I}[](stat:b)", 5, "an image: readers see the statistic's figure, the image, then the "
                                           "statistic's figure as one number"),
    # Read as its description where it is not shown (the feeds, a screen reader): a number runs on into it too.
    (f"共[4]{Q}![9家]{I}", 2, "an image's description: where the image is not shown (a screen reader, the feeds and "
                           "downloads), '4', then the image's description '9' read as one number"),
    (f"共![超]{I}[49家]{Q}", 24, "an image's description: where the image is not shown (a screen reader, the feeds "
                              "and downloads), the image's description '超', then '49' read as one number"),
])
def test_a_number_cut_in_two_by_an_image_is_a_mistake(text: str, column: int, message: str) -> None:
    """Readers see 8, the image, 9: each piece traced alone, as beside a link's edge; the feeds and downloads
    (``Rendered.plain``) and a screen reader read the image's description where it stands."""
    [mistake] = compile_markdown(MD, text).mistakes
    assert (mistake.line, mistake.column) == (0, column)
    assert mistake.message == f"a number is cut in two by {message}, but each piece is checked alone"
    assert mistake.hint == compiled_module.IMAGE_CUT_HINT


def test_an_image_without_a_description_cuts_a_number_too_and_one_described_by_a_digit_twice() -> None:
    for cut in (f"8![]{I}9", f"[8]{Q}![]{I}9"):
        assert sorted(m.message.split(":")[0] for m in compile_markdown(MD, cut).mistakes) == [
            "a number is cut in two by an image", "the image '/static/icon.svg' has no description for readers who "
                                                  "cannot see it"]
    assert [m.column for m in compile_markdown(MD, f"8![9]{I}9").mistakes] == [0, 3]


@pytest.mark.parametrize("text", [
    f"见![图1]{I}所示，共[49家]{Q}", f"[49]{Q}![icon]{I}个商会", f"8 ![a]{I} 9 chambers", f"![map]{I}\n\n9",
    f"8![a]{I}\\\n9", f"[![a map]{I}](a.md) 2023", f"[49家]{Q}![和]{I}[9家商会]{Q}", "共有[](stat:a)![i](x)家",
])
def test_an_image_beside_a_number_that_does_not_run_on_is_no_mistake(text: str) -> None:
    assert compile_markdown(MD, text).mistakes == ()


def test_a_web_address_written_as_text_is_a_mistake_and_an_address_is_no_claim() -> None:
    """Without linkify, an address in the text is no link; its digits are no numbers a quote could trace."""
    text = "See https://epaper.cbt.com.cn/2023/1011/6.html, or 见www.cbt.com.cn/2023。\n"
    assert [(m.line, m.column, m.end, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (0, 4, (0, 46), "'https://epaper.cbt.com.cn/2023/1011/6.html' is a web address written as text: readers "
                        "cannot follow it"),
        (0, 52, (0, 71), "'www.cbt.com.cn/2023' is a web address written as text: readers cannot follow it")]
    assert compile_markdown(MD, text).digits == ()  # its digits are that one mistake
    # An address shown as a link (<...>, or as a link's text) is followed; its digits are no claim.
    linked = compile_markdown(MD, "<https://a.cn/2023/6.html> and [https://b.cn/7](https://b.cn/7), `https://c.cn/8`")
    assert linked.mistakes == () and [run.text for run in linked.digits] == ["https://c.cn/8"]
    # Only its own address: a link's text that begins like an address but says more is read for numbers.
    claims = compile_markdown(MD, "[www.a.gov.cn上说超过5000家](https://www.a.gov.cn/) and [b.cn/7](https://b.cn/8)")
    assert [run.text for run in claims.digits] == ["www.a.gov.cn上说超过5000家", "b.cn/7"]
    assert compile_markdown(MD, "[www.a.cn/2023](http://www.a.cn/2023/) and <https://a.cn/x%20y/2>").digits == ()
    # An address that reads as Chinese words says what they say.
    assert [run.text for run in compile_markdown(MD, "<https://a.cn/晋江共有5000家企业>").digits] == [
        "https://a.cn/晋江共有5000家企业"]


def test_a_passage_in_chinese_that_readers_see_is_found_at_its_line() -> None:
    """What a text in another language would show untranslated: so many Chinese characters in a row, not a name
    or a term, and not the article's words quoted in a cite: link, which readers do not see as text."""
    passage = "晋江市工商联通过强素质、增信念、勤联络三项抓手，不断增强凝聚力。"
    assert compile_markdown(MD, f"The Federation (晋江市工商联（总商会）).\n\nMore.\n{passage}\n").chinese_passage == 3
    assert compile_markdown(MD, f"Its [levers](cite:s \"{passage}\").\n").chinese_passage == -1
    assert compile_markdown(MD, "Words only.\n").chinese_passage == -1
    wrapped = compile_markdown(MD, f"A.\n\n{passage[:12]}\n{passage[12:]}\n")  # one line for readers
    assert wrapped.chinese_passage == 2


def test_brackets_that_are_no_link_syntax_are_not_a_mistake() -> None:
    text = "A [sic] (as written), [1], `[a](b` in code, [a](<b c.md>), [x]\n\n[x]: y.md\n"
    assert compile_markdown(MD, text).mistakes == ()


def test_a_row_with_more_cells_than_the_table_has_columns_is_a_mistake() -> None:
    """markdown-it keeps as many cells of a row as the header has, and drops the rest without a word."""
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 |\n| 1 \\| 2 | 3 |\n\n> x | y\n> --|--\n> 1 | 2 | 3 | 4\n"
    assert [(m.line, m.column, m.message) for m in compile_markdown(MD, text).mistakes] == [
        (3, 0, "this row of the table has 3 cells, but the table has 2 columns: the 3rd cell would be left out of "
               "the page"),
        (8, 0, "this row of the table has 4 cells, but the table has 2 columns: the 3rd cell and those after it "
               "would be left out of the page")]
    assert compile_markdown(MD, "| a | b |\n|---|---|\n| 1 |\n|  | 2 |\n| 1 \\| 2 | 3 |\n").mistakes == ()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "1", " ", "`", "\\", "\\|", "商"]), min_size=1, max_size=4).map("".join)
                .map(lambda cell: cell.strip(" ")).filter(bool), min_size=1, max_size=6),
       st.booleans(), st.booleans(), st.booleans(), st.sampled_from(["", "  "]))
def test_the_cells_of_a_row_are_counted_as_markdown_it_reads_them(cells, lead, trail, quoted, space) -> None:
    """Cells with words, so that the last with words in a table of 20 columns is the row's last cell."""
    row = space + "| " * lead + " | ".join(cells) + " |" * trail
    header = "|" + " h |" * 20 + "\n|" + "---|" * 20 + "\n"
    table = header + row + "\n"
    if quoted:
        table, row = "".join(f"> {line}\n" for line in table.splitlines()), "> " + row
    tokens = MD.parse(table)
    kinds = [token.type for token in tokens]
    assume("tbody_open" in kinds)  # a line that begins another block (a fence: ```) is no row
    body = tokens[kinds.index("tbody_open"):]
    contents = [body[index + 1].content for index, token in enumerate(body) if token.type == "td_open"]
    read = len(contents) - len(list(itertools.takewhile(lambda content: content == "", reversed(contents))))
    assert compiled_module.cells_in(row) == read, (row, contents)


def test_a_link_without_text_and_an_image_without_a_description_are_mistakes_at_their_targets() -> None:
    compiled = compile_markdown(MD, "See [](statistics.md), [ ](t.md) and [](cite:s \"q\").\n\n![](/static/i.svg)\n")
    assert [(m.line, m.column, m.message) for m in compiled.mistakes] == [
        (0, 7, "the link to 'statistics.md' has no text: readers would find nothing to read or click"),
        (0, 27, "the link to 't.md' has no text: readers would find nothing to read or click"),
        (0, 40, "the link to 'cite:s' has no text: readers would find nothing to read or click"),
        (2, 4, "the image '/static/i.svg' has no description for readers who cannot see it")]
    # A statistic's link shows its value; a link may be an image with its description.
    assert compile_markdown(MD, "[](stat:x) [![a map](/static/m.png)](a.md) [`code`](b.md)").mistakes == ()


def test_headings_ids_and_duplicates_are_kept() -> None:
    compiled = compile_markdown(MD, "## A {#a}\n\n## B {#a}\n")
    assert compiled.heading_ids == {"a", "a-2"} and compiled.duplicate_ids == ((2, "a"),)


def test_compiled_text_survives_pickling_for_caches_and_worker_processes() -> None:
    compiled = compile_markdown(MD, "## 标题\n\n[x](y.md) 2023年")
    assert pickle.loads(pickle.dumps(compiled)) == compiled


def test_compiler_remembers_each_text_once() -> None:
    compiler = Compiler()
    first = compiler("same text")
    assert compiler("same text") is first and len(compiler.known) == 1


def test_rendered_markdown_gives_its_plain_text_per_block() -> None:
    from microsite.model import Rendered

    rendered = Rendered('<p>a &amp; <a href="x">b</a>\nc</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n')
    assert rendered.plain == "a & b c\n\none\n\ntwo"
    assert Rendered().plain == "" and not Rendered()


def test_a_resolved_text_is_its_compiled_html_with_the_placeholders_filled() -> None:
    from microsite.compiled import fill_placeholders
    from microsite.model import Rendered

    compiled = compile_markdown(new_parser(), "See [a](x.md), [](stat:y) and ![p](/static/p.jpg).").html
    fills = (' href="/x/"', "", ' class="stat" href="/s/#y"', "5 &lt; 6", ' src="/static/p.jpg"', "")
    expected = ('<p>See <a href="/x/">a</a>, <a class="stat" href="/s/#y">5 &lt; 6</a> and '
                '<img src="/static/p.jpg" alt="p" />.</p>\n')
    assert fill_placeholders(compiled, fills) == expected == Rendered(compiled, fills).html
    assert fill_placeholders(compiled, ()) is compiled  # nothing to fill: the very string, no copy
    plain = "<p>No links.</p>\n"
    assert Rendered(plain).html is plain and Rendered(plain) and Rendered(compiled, fills).plain == "See a, 5 < 6 and p."
    assert Rendered(compiled, fills).content_digest == Rendered(compiled, fills).content_digest
    assert Rendered(compiled, fills).content_digest != Rendered(compiled, fills[:3] + ("6",) + fills[4:]).content_digest


def test_what_a_build_holds_per_link_digit_run_and_location_has_no_dictionary():
    """A site of long pages holds hundreds of thousands of these at once: each instance's ``__dict__`` would cost
    about 100 bytes more (35 MB at 10,000 pages of many links), so they keep their fields in slots."""
    from microsite.errors import Location
    from microsite.links import Prose
    from microsite.tracing import PlainField

    compiled = compile_markdown(new_parser(), "# Title\n\n[a](https://example.org/) 2023 年 ![b](x.png)\n")
    here = Location(Path("x.md"), 1, 1)
    made = [compiled, *compiled.links, *compiled.digits, here, PlainField("t", "en", "title", here),
            Prose(compiled, "en", Path("x.md"), 1)]
    assert compiled.links and compiled.digits
    assert [type(value).__name__ for value in made if hasattr(value, "__dict__")] == []
    assert pickle.loads(pickle.dumps(made)) == made  # they still cross to and from worker processes


_WORDS = st.sampled_from(["About", "12", "１２", "4.5", "二十", "forty-nine", "ſix", "商会", "建设", "&#49;", "&amp;",
                          "*2023*", "`49`", "x", " ", "&frac12;", "Ⅸ"])
_PHRASE = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)
_INLINE = st.one_of(
    _PHRASE,
    st.builds("[{}]({})".format, _PHRASE, st.sampled_from(["p1.md", "cite:s", "stat:a", "p1.md#x", "12.md"])),
    st.builds("![{}](/static/{}.png)".format, _PHRASE, st.sampled_from(["a", "12"])),
    st.builds("[{}]{}".format, _PHRASE, st.sampled_from(["(p1.md", " (p1.md)", "[ref]", "(cite:s \"12\"", "(p 1.md)"])),
    st.builds("{}{}".format, st.sampled_from(["**", "~~", "** "]), _PHRASE),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=4).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    st.builds("## {}".format, _LINE),
    st.builds("```\n{}\n```".format, _LINE),
    st.builds("    {}".format, _LINE),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(st.tuples(_LINE, _LINE), min_size=1, max_size=3).map(
        lambda rows: "| a | b |\n|---|---|\n" + "\n".join(f"| {left} | {right} |" for left, right in rows)),
)


class _EveryBlockScanner(compiled_module._Scanner):
    """The survey's scanner as it was: a link's snapshot copies where it is in every block, not one."""

    def at(self, span):
        twin = _EveryBlockScanner(self.lines)
        twin.after = dict(self.after)
        return twin


@settings(max_examples=300, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=6).map("\n\n".join))
def test_the_survey_finds_what_asking_every_run_of_text_would(markdown: str) -> None:
    """The survey's shortcuts (one question of a page's texts for numbers; a link's snapshot of its own block
    only) find exactly the links and digit runs, at exactly the places, that asking each run of text and
    copying every block's place finds."""
    quick = compile_markdown(MD, markdown)
    asked, scanner = compiled_module.any_may_hold_numbers, compiled_module._Scanner
    compiled_module.any_may_hold_numbers, compiled_module._Scanner = (lambda texts: True), _EveryBlockScanner
    try:
        slow = compile_markdown(MD, markdown)
    finally:
        compiled_module.any_may_hold_numbers, compiled_module._Scanner = asked, scanner
    assert (quick.links, quick.digits, quick.html) == (slow.links, slow.digits, slow.html)


@pytest.mark.parametrize("separator", [" ", "\n"])
def test_a_paragraph_of_many_mistyped_links_is_compiled_in_linear_time(separator: str) -> None:
    """Each link and number asked every mistake whether it covers it, and each mistake's place was counted from
    the paragraph's start: 8,000 citations with a full-width parenthesis in one paragraph took 72 s to check."""
    link = '[x]（cite:s "护航49个") ' + separator
    assert superlinear(lambda text: compile_markdown(MD, text), lambda count: link * count, 1000) is None
    assert len(compile_markdown(MD, link * 3).mistakes) == 3


def test_the_place_of_each_untraced_number_of_a_long_run_is_found_in_linear_time() -> None:
    """Each untraced number's line and column was found by reading every number of its run of text before it."""
    run = compile_markdown(MD, "7月，" * 1500).digits[0]
    offsets = [place[0] for place in run.places]
    assert len(offsets) == 1500 and offsets == sorted(offsets)
    assert run.place_of(-1) == run.places[0][1:] and run.place_of(offsets[-1] + 5) == run.places[-1][1:]
    assert run.place_of(offsets[7] + 1) == run.places[7][1:] and run.place_of(offsets[7]) == run.places[7][1:]

    def every(run) -> None:  # noqa: ANN001
        for place in run.places:
            run.place_of(place[0])

    assert superlinear(every, lambda count: compile_markdown(MD, "7月，" * count).digits[0], 1500) is None


def test_a_partial_build_keeps_the_texts_of_the_last_whole_build_and_forgets_its_own_earlier_ones():
    compiler = Compiler()
    for text in ("page a", "page b"):
        compiler(text)
    compiler.forget_unused()  # a whole build
    for version in ("page b1", "page b2"):  # page b saved twice, each build partial
        compiler(version)
        compiler.forget_unused(partial=True)
    assert {compiler.key(text) for text in ("page a", "page b", "page b2")} == set(compiler.known)
    compiler("page a")
    compiler.forget_unused()  # a whole build
    assert set(compiler.known) == {compiler.key("page a")}
