"""Tests for microsite.links: links written by meaning, checked and rewritten; numbers traced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from microsite.errors import ContentError
from microsite.links import Prose, Targets, citations, header_quantities, resolve
from microsite.compiled import Compiler
from microsite.model import Config, Language, Source
from microsite.provenance import normalize

SOURCE = "2023-10-11-eb7c93e7"
PAGE = Path("content/pages/pillars/competence.en.md")
FIRST_LINE = 6  # the body of PAGE starts on file line 6
COMPILE = Compiler()

CONFIG = Config(
    path=Path("content/site.yaml"),
    title={"zh": "站", "en": "Site"},
    description={"zh": "站", "en": "Site"},
    languages=(Language("zh", "中文", "zh-Hans"), Language("en", "English", "en")),
    default_language="zh",
    base_url="https://example.org/icf/",
    nav=(),
)


def anchor(quote: str) -> tuple[str, str]:
    return (SOURCE, normalize(quote)[0])


def targets(**changes) -> Targets:
    fields = dict(
        config=CONFIG,
        pages={
            ("index", "zh"): frozenset(), ("index", "en"): frozenset({"welcome"}),
            ("statistics", "en"): frozenset({"figures"}),
            ("pillars/competence", "en"): frozenset({"three-inclusions"}),
            ("pillars/competence", "zh"): frozenset({"三个纳入"}),
            ("pillars/contact", "en"): frozenset(),
        },
        special={"statistics": "statistics", "timeline": "timeline", "glossary": "glossary"},
        statistics={"donations": {"zh": "超4.5亿元", "en": "over CNY 450 million"},
                    "chambers": {"zh": "49个", "en": "49"}},
        events=frozenset({"april-trade-fair"}),
        terms=frozenset({"icf"}),
        sources={SOURCE: date(2023, 10, 11)},
        anchors={anchor("十四五规划"): "q-cite-6-1-0", anchor("达成订单额63亿元"): "q-stat-trade-orders",
                 anchor("今年4月，依托海内外晋江乡贤资源"): "q-event-april-trade-fair"},
        static_files=frozenset({"photo.jpg", "图/晋江.png"}),
    )
    fields.update(changes)
    return Targets(**fields)


def prose(text: str, lang: str = "en", key: str = "pillars/competence", **extra) -> Prose:
    return Prose(COMPILE(text), lang, PAGE, FIRST_LINE, page_key=key, text=text, **extra)


def check(text: str, lang: str = "en", key: str = "pillars/competence", target: Targets | None = None,
          **extra) -> tuple[str, list[ContentError]]:
    """The HTML of ``text`` after resolving, and the mistakes found."""
    item = prose(text, lang, key, **extra)
    rendered, errors = resolve(item, target or targets())
    return rendered.html, errors


def ok(text: str, lang: str = "en", key: str = "pillars/competence", **extra) -> str:
    html, errors = check(text, lang, key, **extra)
    assert errors == [], [e.format() for e in errors]
    return html


def one_error(text: str, lang: str = "en", key: str = "pillars/competence", target: Targets | None = None,
              **extra) -> ContentError:
    _, errors = check(text, lang, key, target, **extra)
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


# --- page links ----------------------------------------------------------------------


def test_page_link_is_relative_to_the_current_pages_folder():
    assert 'href="/icf/en/pillars/contact/"' in ok("[contact](contact.md)")


def test_page_link_can_climb_to_the_pages_root():
    assert 'href="/icf/en/statistics/#figures"' in ok("[figures](../statistics.md#figures)")


def test_page_link_from_a_root_page_names_the_folder():
    assert 'href="/icf/en/pillars/competence/"' in ok("[competence](pillars/competence.md)", key="index")


def test_page_link_in_the_default_language_has_no_language_prefix():
    assert 'href="/icf/pillars/competence/#三个纳入"' in ok("[纳入](competence.md#三个纳入)", lang="zh")


def test_page_link_may_name_another_language_explicitly():
    assert 'href="/icf/en/pillars/competence/"' in ok("[English](competence.en.md)", lang="zh")


def test_index_page_link_is_the_language_root():
    assert 'href="/icf/en/#welcome"' in ok("[home](../index.md#welcome)")


def test_link_to_a_missing_page_names_the_file_it_looked_for():
    error = one_error("See [the figures](statistics.md).")
    assert error.message == ("link to a page that does not exist: 'statistics.md' "
                             "(looked for pages/pillars/statistics.en.md)")
    assert "relative to the current page's folder" in error.hint
    assert (error.location.line, error.location.column) == (FIRST_LINE, 19)


def test_link_to_a_page_missing_in_this_language_is_refused():
    assert "looked for pages/pillars/contact.zh.md" in one_error("[联络](contact.md)", lang="zh").message


def test_anchor_must_be_a_heading_of_the_target_page():
    error = one_error("[x](../statistics.md#figure)")
    assert error.message == "link to '#figure', which is not a heading on statistics.en.md"
    assert error.hint == ("anchors there: figures; #stat-ID for each statistic it lists (or link to one as "
                          "[text](stat:ID))")
    assert one_error("[x](index.md#figure)", key="index").hint == "anchors there: welcome"


@pytest.mark.parametrize("fragment", ["structure", "main", "chart-members"])
def test_an_anchor_a_template_places_is_refused_with_why(fragment: str):
    """A template's place may not be on every page of it (a related section, say): only a heading is certain."""
    error = one_error(f"[x](../statistics.md#{fragment})")
    assert error.hint == (f"'#{fragment}' is where a template places something (not a heading), and the build "
                          "cannot check that the page has it: link to the page itself, or to one of its headings; "
                          "anchors there: figures; #stat-ID for each statistic it lists (or link to one as "
                          "[text](stat:ID))")


@pytest.mark.parametrize(("href", "landing"), [("../statistics.md#stat-chambers", "statistics/#stat-chambers"),
                                               ("../timeline.md#event-april-trade-fair",
                                                "timeline/#event-april-trade-fair"),
                                               ("/glossary.md#term-icf", "glossary/#term-icf")])
def test_an_anchor_of_a_record_the_page_lists_is_a_place_on_it(href: str, landing: str):
    """As a reader copies it from the address bar: the page's template writes it where [](stat:ID) leads."""
    pages = {**targets().pages, ("timeline", "en"): frozenset(), ("glossary", "en"): frozenset()}
    html, errors = check(f"[x]({href})", target=targets(pages=pages))
    assert errors == [] and f'href="/icf/en/{landing}"' in html


@pytest.mark.parametrize("href", ["../statistics.md#stat-nope", "../statistics.md#term-icf",
                                  "../index.md#stat-chambers", "../statistics.md#stat-"])
def test_an_anchor_of_a_record_the_page_does_not_list_is_refused(href: str):
    assert "which is not a heading on" in one_error(f"[x]({href})").message


def test_bare_anchor_is_checked_against_the_current_page():
    assert 'href="/icf/en/pillars/competence/#three-inclusions"' in ok("[below](#three-inclusions)")
    assert one_error("[below](#three-exclusions)").message == (
        "link to '#three-exclusions', which is not a heading on pillars/competence.en.md")


def test_bare_anchor_in_data_text_needs_a_page():
    assert one_error("[below](#three-inclusions)", key="").message == "a '#anchor' link needs a page"


@pytest.mark.parametrize("href", ["../../index.md", "/../index.md", "../../../etc/passwd.md"])
def test_links_leaving_the_pages_folder_are_refused(href: str):
    assert one_error(f"[x]({href})").message == f"link to '{href}' leaves the pages folder"


@pytest.mark.parametrize("href", ["statistics", "/en/statistics/", "statistics.html", "//example.org/x"])
def test_page_links_must_name_a_markdown_file(href: str):
    error = one_error(f"[x]({href})", key="index")
    assert error.message == f"link to '{href}': link to a page by its Markdown file"


def test_link_into_an_unreadable_page_is_left_to_that_pages_own_error():
    target = targets(unreadable=frozenset({"pages/pillars/contact.zh.md"}))
    _, errors = check("[x](contact.md)", lang="zh", target=target)
    assert errors == []


# --- stat:, event:, term: ----------------------------------------------------------


def test_empty_stat_link_shows_the_value_in_the_pages_language():
    assert ok("Donations: [](stat:donations).") == (
        '<p>Donations: <a href="/icf/en/statistics/#stat-donations">over CNY 450 million</a>.</p>\n')
    assert '<a href="/icf/statistics/#stat-donations">超4.5亿元</a>' in ok("捐款[](stat:donations)。", lang="zh")


def test_stat_link_with_text_keeps_the_text():
    assert '<a href="/icf/en/statistics/#stat-chambers">49 chambers</a>' in ok("[49 chambers](stat:chambers)")


def test_stat_link_text_must_not_contradict_the_statistic():
    error = one_error("[50 chambers](stat:chambers)")
    assert error.message == "the number '50' is not in the statistic it links to"
    assert (error.location.line, error.location.column) == (FIRST_LINE, 2)


def test_event_and_term_links_go_to_their_record_on_the_special_page():
    html = ok("[the fair](event:april-trade-fair) of the [ICF](term:icf)")
    assert 'href="/icf/en/timeline/#event-april-trade-fair"' in html
    assert 'href="/icf/en/glossary/#term-icf"' in html


@pytest.mark.parametrize("kind, page, file", [("stat", "statistics", "statistics"), ("event", "timeline", "timeline"),
                                              ("term", "glossary", "glossary")])
def test_unknown_record_id_is_refused_with_its_file(kind: str, page: str, file: str):
    error = one_error(f"[x]({kind}:nothing)")
    assert error.message == f"no {page} record with id 'nothing'"
    assert error.hint == f"check the id in content/data/{file}.yaml"


def test_record_link_needs_a_page_that_shows_the_records():
    error = one_error("[x](event:april-trade-fair)", target=targets(special={}))
    assert error.message == "no page shows the timeline"
    assert error.hint == "add a page with 'template: timeline'"


def test_links_to_broken_records_or_unreadable_data_files_are_not_reported_twice():
    target = targets(broken=frozenset({"stat:trade-orders"}), unreadable=frozenset({"data/glossary.yaml"}))
    _, errors = check("[](stat:trade-orders) [x](term:pillars)", target=target)
    assert errors == []


# --- cite: ---------------------------------------------------------------------------------


def test_citation_links_to_its_passage_with_class_cite():
    html = ok(f'[orders]({"cite:" + SOURCE} "达成订单额63亿元")')
    assert f'href="/icf/en/sources/{SOURCE}/#q-stat-trade-orders"' in html
    assert 'class="cite"' in html


def test_citation_quote_is_matched_ignoring_width_and_spaces():
    assert "#q-event-april-trade-fair" in ok(f'[x](cite:{SOURCE} "今年4月, 依托 海内外晋江乡贤资源")')


def test_citation_of_an_unknown_source_lists_the_known_ones():
    error = one_error('[x](cite:2023-01-01-nothing "达成订单额63亿元")')
    assert error.message == "citation of an unknown source '2023-01-01-nothing'"
    assert error.hint == f"sources: {SOURCE}"


def test_citation_without_a_title_asks_for_the_quote():
    error = one_error(f"[x](cite:{SOURCE})")
    assert error.message == "a citation needs the quote as the link title"


def test_citation_of_an_unreadable_source_is_left_to_that_files_error():
    target = targets(unreadable=frozenset({"sources/2023-01-01-broken.md"}))
    _, errors = check('[x](cite:2023-01-01-broken "引文引文")', target=target)
    assert errors == []


# --- source: -------------------------------------------------------------------------


def source(**header) -> Source:
    fields = dict(id=SOURCE, path=Path(f"content/sources/{SOURCE}.md"), lang="zh", outlet="中华工商时报",
                  date=date(2023, 10, 11), edition="第06版", page="六版", kicker="强素质 增信念 勤联络",
                  title="晋江市工商联抓实商会建设提质增效", author="徐志南", declared_chars=2383, counted_chars=2251,
                  raw_sha256="", raw_name="", blocks=())
    return Source(**{**fields, **header})


def with_header(**header) -> Targets:
    return targets(headers={SOURCE: header_quantities(source(**header))})


@pytest.mark.parametrize(("text", "lang"), [
    ("[the China Business Times of 11 October 2023, page 6](source:{})", "en"),
    ("[the article of 2023-10-11, on its sixth page, of 2,383 characters](source:{})", "en"),
    ("[2023年10月11日《中华工商时报》第6版](source:{})", "zh"),
    ("[刊于六版的这篇文章](source:{})", "zh"),
    ("[the article](source:{})", "en"),
])
def test_a_source_link_leads_to_its_page_and_may_say_what_its_header_says(text: str, lang: str):
    html = ok(text.format(SOURCE), lang, target=with_header())
    assert f'href="/icf/{"en/" if lang == "en" else ""}sources/{SOURCE}/"' in html


@pytest.mark.parametrize(("text", "lang", "number"), [
    ("[the article of 12 October 2023](source:{})", "en", "12"),
    ("[the article, on page 7](source:{})", "en", "7"),
    ("[the article on the 49 chambers](source:{})", "en", "49"),
    ("[2023年10月11日《中华工商时报》第7版](source:{})", "zh", "7版"),
    ("[刊于五版的这篇文章](source:{})", "zh", "五版"),
])
def test_a_source_link_says_no_number_its_header_does_not(text: str, lang: str, number: str):
    error = one_error(text.format(SOURCE), lang, target=with_header())
    assert error.message == f"the number '{number}' is not in the header of the article it links to"


def test_a_source_link_says_what_that_sources_header_says_not_the_defaults():
    error = one_error(f"[page 6](source:{SOURCE})", target=with_header(edition="第08版", page="八版"))
    assert error.message == "the number '6' is not in the header of the article it links to"


def test_the_articles_own_day_outside_a_source_link_is_untraced_and_the_hint_names_the_link():
    _, errors = check("The article appeared on 11 October 2023.", target=with_header())
    assert [error.message for error in errors] == [f"the number '{number}' is not traced to a source"
                                                   for number in ("11", "October", "2023")]
    assert all("[text](source:SOURCE)" in error.hint for error in errors)


def test_a_link_to_an_unknown_source_lists_the_known_ones():
    error = one_error("[x](source:2023-01-01-nothing)", target=with_header())
    assert error.message == "link to an unknown source '2023-01-01-nothing'"
    assert error.hint == f"sources: {SOURCE}"


def test_a_link_to_an_unreadable_source_is_left_to_that_files_error():
    target = targets(unreadable=frozenset({"sources/2023-01-01-broken.md"}))
    assert check("[x of 2023](source:2023-01-01-broken)", target=target)[1] == []


def test_citations_are_collected_with_their_locations():
    item = prose(f'Intro.\n\nA [claim](cite:{SOURCE} "十四五规划") and\n[more](cite:{SOURCE} "达成订单额63亿元").')
    found = citations(item)
    assert [(c.source, c.quote) for c in found] == [(SOURCE, "十四五规划"), (SOURCE, "达成订单额63亿元")]
    assert [(c.location.line, c.location.column) for c in found] == [(FIRST_LINE + 2, 11), (FIRST_LINE + 3, 8)]


# --- external links and images ----------------------------------------------------------------


@pytest.mark.parametrize("href", ["https://example.org/a?b=1", "http://example.org", "mailto:editor@example.org",
                                  "HTTPS://EXAMPLE.ORG/"])
def test_http_https_and_mailto_links_are_kept(href: str):
    assert f'href="{href}"' in ok(f"[x]({href})")


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,PHA+",
                                  "vbscript:msgbox", "file:///etc/passwd", "ftp://example.org/"])
def test_other_schemes_are_refused(href: str):
    scheme = href.split(":")[0].lower()
    error = one_error(f"[x]({href})")
    assert error.message == f"links with '{scheme}:' are not allowed"


def test_entity_encoded_colon_does_not_hide_a_scheme():
    assert one_error("[x](javascript&#58;alert(1))").message == "links with 'javascript:' are not allowed"


def test_web_link_without_a_host_is_incomplete():
    assert one_error("[x](https:example.org)").message == "incomplete link 'https:example.org'"


def test_image_from_static_gets_the_base_path():
    assert 'src="/icf/static/photo.jpg"' in ok("![A photo](/static/photo.jpg)")
    assert "/icf/static/" in ok("![晋江](/static/%E5%9B%BE/%E6%99%8B%E6%B1%9F.png)")


def test_image_must_exist_in_static():
    assert one_error("![A photo](/static/photo.png)").message == "image '/static/photo.png' does not exist in static/"


def test_a_link_to_a_file_of_static_leads_to_where_the_site_publishes_it():
    """A file to open or download (a report as PDF), like an image: it must exist, and gets the base path."""
    assert '<a href="/icf/static/photo.jpg">the photo</a>' in ok("[the photo](/static/photo.jpg)")
    error = one_error("[the report](/static/report.pdf)")
    assert (error.message, error.hint) == ("the file '/static/report.pdf' does not exist in static/",
                                           "check its name, or add the file to static/")
    assert one_error("[x](/static/../content/site.yaml)").message.endswith("does not exist in static/")
    assert one_error("[x](static/photo.jpg)").hint.endswith("a file of static/ is /static/<file>")


@pytest.mark.parametrize("src", ["https://example.org/a.jpg", "photo.jpg", "/static/../content/site.yaml"])
def test_images_from_elsewhere_are_refused(src: str):
    assert one_error(f"![x]({src})").message.startswith(f"image '{src}'")


# --- numbers in prose ---------------------------------------------------------------------


def test_digits_outside_citations_are_refused_with_file_line_and_column():
    error = one_error("Intro.\n\nIt has grown since 2012 a lot.")
    assert error.message == "the number '2012' is not traced to a source"
    assert (error.location.path, error.location.line, error.location.column) == (PAGE, FIRST_LINE + 2, 20)
    assert "[](stat:ID)" in error.hint and "cite:SOURCE" in error.hint


def test_numbers_are_located_where_they_are_not_inside_an_earlier_href():
    text = (f'Intro.\n\nA [claim](cite:{SOURCE} "十四五规划") made\n'
            f'in 2023 and [x](cite:{SOURCE} "达成订单额63亿元") 11 times.')
    _, errors = check(text)
    line = text.split("\n")[3]
    assert [(e.message, e.location.line, e.location.column) for e in errors] == [
        ("the number '2023' is not traced to a source", FIRST_LINE + 3, line.index("2023") + 1),
        ("the number '11' is not traced to a source", FIRST_LINE + 3, line.index(" 11 ") + 2),
    ]


def test_the_same_number_twice_is_reported_at_each_place():
    _, errors = check("In 2012 and again in 2012.")
    assert [e.location.column for e in errors] == [4, 22]


def test_two_equal_bad_links_in_a_paragraph_are_each_located():
    _, errors = check("[a](nowhere.md) and\n[b](nowhere.md)")
    assert [(e.location.line, e.location.column) for e in errors] == [(FIRST_LINE, 5), (FIRST_LINE + 1, 5)]


def test_column_of_a_number_in_data_text_counts_from_where_the_value_starts():
    item = Prose(COMPILE("Grew 7 times."), "en", Path("content/data/timeline.yaml"), first_line=8, first_column=11,
                 text="Grew 7 times.")
    _, [error] = resolve(item, targets())
    assert (error.location.line, error.location.column) == (8, 16)


def test_numbers_written_in_words_need_a_source_but_one_is_no_count():
    ok("One of the pillars, and one more.")
    assert one_error("Forty-nine chambers.").message == "the number 'Forty-nine' is not traced to a source"


def test_digits_in_a_citation_must_be_in_its_quote():
    ok(f'The [14th Five-Year Plan](cite:{SOURCE} "十四五规划")')
    error = one_error(f'Orders worth [7 billion yuan](cite:{SOURCE} "达成订单额63亿元").')
    assert error.message == "the number '7 billion yuan' is not in the quote it cites"
    assert (error.location.line, error.location.column) == (FIRST_LINE, 15)


def test_citation_allows_the_equal_value_written_the_english_way():
    ok(f'Orders worth [CNY 6.3 billion](cite:{SOURCE} "达成订单额63亿元").')


def test_citation_allows_the_date_its_quote_gives():
    ok(f'[In April 2023](cite:{SOURCE} "今年4月，依托海内外晋江乡贤资源") a fair was held.')


APRIL = "今年4月，依托海内外晋江乡贤资源"
WEDNESDAY = "今年4月12日（周三），依托海内外晋江乡贤资源"


def test_a_day_of_the_week_is_dated_only_by_a_quote_that_names_it():
    """周三 (Wednesday) was read as nothing: a page dated a fair to a Wednesday its article never named."""
    error = one_error(f'商会[周三召开](cite:{SOURCE} "{APRIL}")推介会。', lang="zh")
    assert error.message == "'周三' is a day of the week, and the quote it cites does not say it"
    assert "周三" in error.hint and "Wednesday" in error.hint
    assert error.location.column == len("商会[") + 1
    named = targets(anchors={**targets().anchors, anchor(WEDNESDAY): "q-wednesday"})
    assert check(f'商会[周三召开](cite:{SOURCE} "{WEDNESDAY}")推介会。', "zh", target=named)[1] == []
    assert check(f'The chamber met [on Wednesday](cite:{SOURCE} "{WEDNESDAY}").', target=named)[1] == []


def test_a_time_of_day_in_digits_is_traced_by_a_quote_that_gives_it():
    """9:30's numbers were counts: a quote's 9个 and 30% traced a meeting's time."""
    counts = "护航9个所属商会，30%的会员"
    at_half_past = "今年4月12日上午9时30分，依托海内外晋江乡贤资源"
    cited = targets(anchors={**targets().anchors, anchor(counts): "q-counts", anchor(at_half_past): "q-time"})
    _, errors = check(f'The fair opened [at 9:30](cite:{SOURCE} "{counts}").', target=cited)
    assert [e.message for e in errors] == ["'9' is the hour of a time of day, and the quote it cites does not say it",
                                           "'30' is the minute of a time of day, and the quote it cites does not say it"]
    assert check(f'The fair opened [at 9:30 a.m.](cite:{SOURCE} "{at_half_past}").', target=cited)[1] == []


def test_a_part_of_a_year_is_dated_only_by_a_quote_that_says_it():
    """年底 was read as this year alone: the quote's 今年 traced a page's 年底."""
    error = one_error(f'商会[年底召开](cite:{SOURCE} "{APRIL}")推介会。', lang="zh")
    assert error.message == "'年底' places a date in a part of its year, and the quote it cites does not say it"
    assert "年底" in error.hint and "early 2023" in error.hint
    at_the_end = "今年年底，依托海内外晋江乡贤资源"
    named = targets(anchors={**targets().anchors, anchor(at_the_end): "q-end"})
    assert check(f'商会[年底召开](cite:{SOURCE} "{at_the_end}")推介会。', "zh", target=named)[1] == []
    assert check(f'The fair is held [by the end of 2023](cite:{SOURCE} "{at_the_end}").', target=named)[1] == []


@pytest.mark.parametrize("text, lang, said", [
    ("商会上午召开推介会。", "zh", "'上午' is a time of day, and no source traces it"),
    ("It met in the spring, as every year.", "en", "'spring' is a season, and no source traces it"),
    ("It met on Wednesday.", "en", "'Wednesday' is a day of the week, and no source traces it"),
])
def test_a_date_said_in_words_outside_a_citation_is_refused(text, lang, said):
    """A text that holds no numeral but a day, a season or a time of day was never looked at."""
    assert one_error(text, lang).message == said


def test_digits_after_a_citation_are_outside_it():
    assert one_error(f'[Orders](cite:{SOURCE} "达成订单额63亿元") in 2022.').message == (
        "the number '2022' is not traced to a source")


def test_digits_in_a_citation_whose_quote_was_not_found_are_not_reported_again():
    _, errors = check(f'The [14th plan](cite:{SOURCE} "不在原文里的话")')
    assert errors == []  # provenance reports the quote itself


def test_a_data_records_own_quote_allows_its_numbers():
    extra = dict(quote="护航49个所属商会成立、成长", source=SOURCE)
    ok("The ICF guided 49 chambers.", key="", **extra)
    error = one_error("The ICF guided 50 chambers.", key="", **extra)
    assert error.message == "the number '50' is not in the record's quote"


RATES = targets(anchors={**targets().anchors, anchor("捐款超4.5亿元"): "q-cite-1-1-0",
                         anchor("年均捐款超4.5亿元"): "q-cite-2-1-0", anchor("每个商会捐款超4.5亿元"): "q-cite-3-1-0"})
A_YEAR, PER_CHAMBER = "a year (每年, 年均, per year, annually)", "per chamber (每个商会, per chamber)"


@pytest.mark.parametrize("text, lang, rated, said", [
    ('所属商协会每年[捐款超4.5亿元](cite:{} "{}")。', "zh", "年均捐款超4.5亿元", A_YEAR),
    ('每年**捐款[超4.5亿元](cite:{} "{}")**。', "zh", "年均捐款超4.5亿元", A_YEAR),
    ('所属商协会捐款[超4.5亿元](cite:{} "{}")/年。', "zh", "年均捐款超4.5亿元", A_YEAR),
    ('所属商协会每年捐款\n[超4.5亿元](cite:{} "{}")。', "zh", "年均捐款超4.5亿元", A_YEAR),
    ('Members give [over 450 million yuan](cite:{} "{}") a year.', "en", "年均捐款超4.5亿元", A_YEAR),
    ('Every year, members give [over 450 million yuan](cite:{} "{}").', "en", "年均捐款超4.5亿元", A_YEAR),
    ('Members give *[over 450 million yuan](cite:{} "{}")* annually.', "en", "年均捐款超4.5亿元", A_YEAR),
    ('Members give [over 450 million yuan](cite:{} "{}") to the chambers\' funds every year.', "en", "年均捐款超4.5亿元",
     A_YEAR),
    ('Annually, members give [over 450 million yuan](cite:{} "{}").', "en", "年均捐款超4.5亿元", A_YEAR),
    ('所属商协会年年[捐款超4.5亿元](cite:{} "{}")。', "zh", "年均捐款超4.5亿元", A_YEAR),
    ('每个商会[捐款超4.5亿元](cite:{} "{}")。', "zh", "每个商会捐款超4.5亿元", PER_CHAMBER),
    ('Each chamber gave [over 450 million yuan](cite:{} "{}").', "en", "每个商会捐款超4.5亿元", PER_CHAMBER),
    ('Members gave [over 450 million yuan](cite:{} "{}") per chamber.', "en", "每个商会捐款超4.5亿元", PER_CHAMBER),
])
def test_a_rate_said_around_a_citation_is_read_with_its_number(text: str, lang: str, rated: str, said: str):
    """The words on either side of a link's text are read with its number: 每年 before [超4.5亿元](cite:…) says a
    rate, which the quote 捐款超4.5亿元 (an amount said once) does not trace, and 年均捐款超4.5亿元 does; so does
    每个商会 (each chamber's), in either language."""
    error = one_error(text.format(SOURCE, "捐款超4.5亿元"), lang, target=RATES)
    assert f"is said {said} here, but in the quote it cites" in error.message
    assert "says no rate: an amount said once" in error.message
    line = text.format(SOURCE, "捐款超4.5亿元").split("\n")[-1]
    at = line.index("4.5") if lang == "zh" else line.index("450")
    assert (error.location.line, error.location.column) == (FIRST_LINE + text.count("\n"), 1 + at)
    _, errors = check(text.format(SOURCE, rated), lang, target=RATES)
    assert errors == [], [e.format() for e in errors]


@pytest.mark.parametrize("text, lang", [
    ("所属商协会每年捐款[](stat:donations)。", "zh"), ("所属商协会捐款[](stat:donations)/年。", "zh"),
    ("Members give [](stat:donations) a year.", "en"), ("Every year, members give [](stat:donations).", "en"),
])
def test_a_rate_said_around_a_statistic_s_figure_is_read_with_it(text: str, lang: str):
    """每年 before [](stat:donations) says its figure is given each year: only a statistic whose quote says the
    same rate (its ``rates``) traces that."""
    error = one_error(text, lang)
    assert "is said a year (每年, 年均, per year, annually) here, but in the statistic it links to" in error.message
    assert (error.location.line, error.location.column) == (FIRST_LINE, 1 + text.index("stat:donations"))
    _, errors = check(text, lang, target=targets(rates={"donations": "年"}))
    assert errors == [], [e.format() for e in errors]
    assert "is said a year" in one_error(text, lang, target=targets(rates={"donations": "月"})).message


def test_a_rate_said_around_a_records_own_words_is_read_with_its_number():
    extra = dict(quote="捐款超4.5亿元", source=SOURCE, key="")
    ok("所属商协会捐款**超4.5亿元**。", "zh", **extra)
    error = one_error("所属商协会每年捐款**超4.5亿元**。", "zh", **extra)
    assert "is said a year" in error.message and "in the record's quote" in error.message


QUARTER, FIRST_TIME = "晋江市第二季度党政商恳谈会", "异地商会首次受邀参加"
RANKS = targets(anchors={**targets().anchors, anchor(QUARTER): "q-quarter", anchor(FIRST_TIME): "q-first"})


@pytest.mark.parametrize("text, said, twin", [
    (f'It was the [second](cite:{SOURCE} "{QUARTER}") batch.',
     "'second' is an ordinal here, but in the quote it cites '二季度' is part of a date",
     f'They were invited for the [first](cite:{SOURCE} "{FIRST_TIME}") time.'),
    ("It was the **second** batch of chambers.", "the number 'second' is not traced to a source",
     "*Second*, the Federation's work."),
    ("The Federation ranked *first* in the province.", "the number 'first' is not traced to a source",
     "**First**, the Federation sought support."),
])
def test_first_or_second_at_a_links_or_marks_edge_is_read_with_the_words_after_it(text, said, twin):
    """"first" and "second" are ranks only beside the words that make them one (the second batch, ranked first):
    a link or emphasis that held the word alone was never read, so the second batch passed, cited by 第二季度 or
    by nothing. Its twin, no rank (First, ...) or a rank its quote says (首次), still passes."""
    assert one_error(text, target=RANKS).message == said
    _, errors = check(twin, target=RANKS)
    assert errors == [], [e.format() for e in errors]


def test_double_at_a_links_edge_is_read_with_the_words_after_it():
    """[double](cite:…) the orders was no number (the word alone says none), and passed, cited by 两地, two places."""
    two_places = "联动南平、宁德两地工商联"
    cited = targets(anchors={**targets().anchors, anchor(two_places): "q-two"})
    error = one_error(f'Orders were [double](cite:{SOURCE} "{two_places}") the donations.', target=cited)
    assert error.message == "'double' is a multiple (倍, times) here, but in the quote it cites '两地' is not a multiple (倍, times)"


def test_a_number_cut_by_a_links_edge_is_read_whole_once():
    """A number read on across the link's edge (4.5亿元) is the mistake of a number cut in two, and is read whole
    where its first numeral is: once, as readers see it, not as '4.5' and then '亿元'."""
    _, errors = check(f'捐款[4.5](cite:{SOURCE} "捐款超4.5亿元")亿元。', "zh", target=RATES)
    assert [error.message for error in errors][1:] == [
        "'4.5亿元' says 'exact' here, but in the quote it cites '超4.5亿元' says 'over'"]
    assert "a number is cut in two by a link's edge" in errors[0].message


@pytest.mark.parametrize("text, lang", [
    ('捐款[4.5亿元](cite:{} "捐款超4.5亿元"){}。', "zh"),
    ('Members gave [450 million yuan](cite:{} "捐款超4.5亿元"){}.', "en"),
])
def test_a_qualifier_after_a_citation_is_read_with_its_number(text: str, lang: str):
    """以上 or "or more" after the link is read with its number, as readers read it: "at least" is what the
    quote's 超 (over) says too (the number was read as exact, which the quote does not say); 左右 or "or so"
    (about) is not."""
    at_least, about = ("以上", "左右") if lang == "zh" else (" or more", " or so")
    _, errors = check(text.format(SOURCE, at_least), lang, target=RATES)
    assert errors == [], [e.format() for e in errors]
    error = one_error(text.format(SOURCE, about), lang, target=RATES)
    assert f"{about.strip()}' says 'about' here, but in the quote it cites '超4.5亿元' says 'over'" in error.message


def test_image_alt_text_digits_are_checked_too():
    assert one_error("![The 2019 fair](/static/photo.jpg)").message == "the number '2019' is not traced to a source"


# --- links typed with an input method's punctuation --------------------------------------------------------------


@pytest.mark.parametrize(("text", "cause"), [
    (f"Help [for SMEs](cite:{SOURCE} “帮扶中小企业纾困解难”).", "“"),
    (f"Help [for SMEs](cite:{SOURCE}（“帮扶中小企业纾困解难”）).", "（"),
    (f"Help [for SMEs]（cite:{SOURCE} \"帮扶中小企业纾困解难\"）.", "（"),
    (f"Help [for SMEs](cite：{SOURCE} \"帮扶中小企业纾困解难\").", "："),
    (f"Help ［for SMEs］(cite:{SOURCE} \"帮扶中小企业纾困解难\").", "［"),
    (f"Help [for SMEs](cite:{SOURCE} \"帮扶中小企业纾困解难”).", "”"),
    (f"Help [for SMEs](cite:{SOURCE} \"帮扶中小企业纾困解难\"）.", "）"),
    (f"Help [for SMEs](cite:{SOURCE} 「帮扶中小企业纾困解难」).", "「"),
    ("Donations of 【】(stat:donations).", "【"),
])
def test_a_link_typed_with_ime_punctuation_is_one_mistake_at_that_character(text: str, cause: str) -> None:
    error = one_error(text)  # not one per digit of the source id, nor an unknown source
    assert error.location.line == FIRST_LINE and error.location.column == 1 + text.index(cause)
    assert f"link is not a link: it has '{cause}'" in error.message
    assert "type the ASCII" in error.hint and ("cite:2023-10-11-eb7c93e7 " in error.hint or "stat:donations" in error.hint)


def test_a_space_that_breaks_a_link_is_named() -> None:
    assert "a space after 'cite:'" in one_error(f'[x](cite: {SOURCE} "帮扶中小企业纾困解难")').message
    assert "a space between ']' and '('" in one_error(f'[x] (cite:{SOURCE} "帮扶中小企业纾困解难")').message


def test_curly_quotes_and_full_width_brackets_inside_a_quote_are_fine() -> None:
    ok(f'[x](cite:{SOURCE} "达成订单额63亿元") and “quoted” words （in brackets）: 【notes】')


def test_digits_outside_a_mistyped_link_are_still_checked() -> None:
    _, errors = check(f"[x](cite:{SOURCE} “帮扶中小企业纾困解难”) and 77 more")
    assert [e.message for e in errors][1:] == ["the number '77' is not traced to a source"]


# --- what a text reads of the targets (for reuse when only others change) --------------------------------


def noted(text: str, lang: str = "en", key: str = "pillars/competence", target: Targets | None = None):
    from microsite.links import resolve_noting

    return resolve_noting(prose(text, lang, key), target or targets())


def test_resolving_notes_each_page_it_looks_up_and_each_field_it_reads():
    text = ("See [contact](contact.md) and [figures](../statistics.md#figures), [](stat:donations), "
            "![p](/static/photo.jpg), [far](https://example.org/).")
    fills, errors, read = noted(text)
    rendered, resolving_errors = resolve(prose(text), targets())
    assert errors == resolving_errors == [] and fills == rendered.fills  # as resolving gives
    # the headings of the page whose anchor the link names; of the other, only that it exists
    assert (read.pages, read.found) == ((("statistics", "en"),), (("pillars/contact", "en"),))
    assert {"config", "statistics", "special", "static_files"} <= set(read.fields)
    _, _, plain = noted("Words and [far](https://example.org/) only.")
    assert plain.pages == plain.found == () and "statistics" not in plain.fields and "static_files" not in plain.fields
    _, [error], missing = noted("[gone](nowhere.md)")  # a page looked for and not found is read too
    assert "does not exist" in error.message and (missing.pages, missing.found) == ((), (("pillars/nowhere", "en"),))
    _, [error], anchored = noted("[gone](contact.md#nowhere)")  # its headings listed in the mistake: looked at
    assert "anchors there" in error.hint and anchored.pages == (("pillars/contact", "en"),) and not anchored.found


def test_a_change_meets_a_text_only_where_it_read():
    from microsite.links import Changes, changed_between

    _, _, read = noted("[figures](../statistics.md#figures), [contact](contact.md) and [](stat:donations)")
    before = targets()
    elsewhere = targets(pages={**before.pages, ("glossary", "en"): frozenset({"new"})})
    here = targets(pages={**before.pages, ("statistics", "en"): frozenset({"figures", "more"})})
    # the headings of a page only looked up: whether it exists is all that was read
    headings = targets(pages={**before.pages, ("pillars/contact", "en"): frozenset({"new"})})
    gone = targets(pages={key: ids for key, ids in before.pages.items() if key != ("pillars/contact", "en")})
    added = targets(pages={**before.pages, ("fresh", "en"): frozenset()})
    stat = targets(statistics={**before.statistics, "chambers": {"zh": "50个", "en": "50"}})
    rate = targets(rates={"donations": "年"})  # its quote now says the donations a year: its figure's verdict may turn
    assert changed_between(before, targets()) == Changes()  # equal targets: nothing changed
    for unread in (elsewhere, headings, added):
        assert not read.meets(changed_between(before, unread))
    for met in (here, gone, stat, rate):
        assert read.meets(changed_between(before, met))
    assert changed_between(before, added).pages == changed_between(before, added).present == {("fresh", "en")}
    _, _, unrated = noted("每年 [contact](contact.md), no figure")  # a rate read only of a statistic's figure
    assert not unrated.meets(changed_between(before, rate))



def test_a_change_of_a_sources_header_meets_the_texts_that_link_to_that_source():
    from microsite.links import changed_between

    _, _, linking = noted(f"[the article of 11 October 2023](source:{SOURCE})")
    _, _, citing = noted(f'[orders]({"cite:" + SOURCE} "达成订单额63亿元")')
    before = with_header()
    later = with_header(date=date(2023, 10, 12))  # its day corrected: the link's 11 October turns untraced
    assert linking.meets(changed_between(before, later)) and not citing.meets(changed_between(before, later))


def test_what_resolves_links_can_reach_of_the_targets_is_only_what_it_notes():
    from microsite.links import _Noting

    noting = _Noting(targets())
    with pytest.raises(AttributeError):
        noting.href  # a method would read fields unnoted: there is none
    with pytest.raises(AttributeError):
        noting.not_a_field
    with pytest.raises(TypeError):
        ("index", "en") in noting.pages  # only looked up one by one (each noted)
    with pytest.raises(TypeError):
        list(noting.pages)
    assert noting.read() == type(noting.read())()
