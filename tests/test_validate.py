"""Tests for microsite.validate and microsite.records on small content trees.

Each test copies ``tests/sites/minimal`` and changes one thing; whole invalid
trees with their expected messages live in ``tests/invalid/`` instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from microsite.dates import PartialDate
from microsite.errors import ContentErrors
from microsite.langtags import TAG_HINT
from microsite.load import Project, load
from microsite.model import Site
from microsite.validate import validate
from tests.conftest import MINIMAL, REPO, make_project, reseal

SOURCE = "2023-10-11-abcdef12"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_project(tmp_path, MINIMAL / "content")


def write(root: Path, name: str, text: str) -> None:
    path = root / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site_of(root: Path, base_url: str | None = None) -> Site:
    return validate(load(Project(root)), base_url=base_url)


def mistakes(root: Path, base_url: str | None = None) -> list[str]:
    """Every reported mistake, as the command line prints it (paths relative to ``root``)."""
    with pytest.raises(ContentErrors) as caught:
        site_of(root, base_url)
    return [error.format(root) for error in caught.value.errors]


def page(key: str, template: str = "page", title: str = "A page") -> str:
    return f"---\ntitle: {title}\ndescription: About it.\ntemplate: {template}\n---\nText.\n"


# --- YAML 1.2 and records --------------------------------------------------------------


def test_unquoted_year_month_in_the_timeline_is_the_month(root: Path):
    edit(root, "data/timeline.yaml", 'date: "2023-04"', "date: 2023-04")
    [event] = site_of(root).events
    assert event.date == PartialDate.parse("2023-04")


def test_no_as_a_label_stays_the_word_no(root: Path):
    edit(root, "data/statistics.yaml", "label: affiliated chambers", "label: no")
    chambers = site_of(root).statistics[0]
    assert chambers.text["en"].label == "no"


@pytest.mark.parametrize(("written", "how"), [
    ("0x31", "in hexadecimal"), ("0o61", "in octal"), ("+49", "with a plus sign"), ("049", "with a leading zero"),
    ("4.9e1", "with an exponent"),
])
def test_a_statistics_value_written_otherwise_than_in_decimal_digits_is_refused(root: Path, written: str, how: str):
    """YAML 1.2 reads 0x31 as 49, which readers would see though the editor wrote 0x31."""
    edit(root, "data/statistics.yaml", "value: 49\n", f"value: {written}\n")
    assert mistakes(root) == [f"content/data/statistics.yaml:2:10: the number '{written}' is written {how}: YAML reads "
                              "it as 49\n  hint: write the number in decimal digits, as the quote has it (49); a text "
                              f"(a code, a name) goes in quotes: \"{written}\""]


def test_a_declared_length_or_a_weight_in_hexadecimal_is_refused_too(root: Path):
    edit(root, "pages/index.zh.md", "title:", "weight: 0x10\ntitle:")
    edit(root, f"sources/{SOURCE}.md", "declared_chars: 2383\n", "declared_chars: 0x94f\n")  # (no seal is read)
    assert [text.split("\n")[0] for text in mistakes(root)] == [
        "content/pages/index.zh.md:2:9: the number '0x10' is written in hexadecimal: YAML reads it as 16",
        f"content/sources/{SOURCE}.md:9:17: the number '0x94f' is written in hexadecimal: YAML reads it as 2383"]


def test_statistics_are_formatted_for_each_language(root: Path):
    formatted = {statistic.id: statistic.formatted for statistic in site_of(root).statistics}
    assert formatted == {"chambers": {"zh": "49个", "en": "49"},
                         "donations": {"zh": "超4.5亿元", "en": "over CNY 450 million"}}


def test_statistic_with_an_empty_value_is_reported_not_dropped(root: Path):
    edit(root, "data/statistics.yaml", "value: 49", "value:")
    assert mistakes(root) == ["content/data/statistics.yaml:2:9: statistic 'chambers': 'value' is empty\n"
                              "  hint: write its value after 'value:'"]


def test_events_are_in_date_order_whatever_the_file_order(root: Path):
    earlier = ("- id: donations-drive\n  date: \"2023\"\n  source: 2023-10-11-abcdef12\n"
               "  quote: 今年以来，所属商协会及其会员捐款\n  zh: {title: 捐款}\n  en: {title: Donations}\n")
    later = ("- id: mayor-visit\n  date: before 2023-10-11\n  source: 2023-10-11-abcdef12\n"
             "  quote: 前不久，晋江市市长王明元调研\n  zh: {title: 调研}\n  en: {title: Visit}\n")
    timeline = root / "content" / "data" / "timeline.yaml"
    write(root, "data/timeline.yaml", later + timeline.read_text(encoding="utf-8") + earlier)
    events = site_of(root).events
    assert [event.id for event in events] == ["april-event", "donations-drive", "mayor-visit"]


def test_records_get_the_anchor_of_their_passage(root: Path):
    site = site_of(root)
    anchors = {statistic.id: statistic.evidence.anchor for statistic in site.statistics}
    assert anchors == {"chambers": "q-stat-chambers", "donations": "q-stat-donations"}
    assert site.events[0].evidence.anchor == "q-event-april-event"
    [source] = site.sources
    assert sorted(passage.anchor for passage in source.passages) == [
        "q-event-april-event", "q-stat-chambers", "q-stat-donations"]


def test_overlapping_quotes_share_one_passage(root: Path):
    edit(root, "data/glossary.yaml", "  pinyin: gōngshānglián\n",
         "  pinyin: gōngshānglián\n  source: 2023-10-11-abcdef12\n  quote: 49个所属商会成立\n")
    site = site_of(root)
    [term] = site.terms
    assert term.evidence.anchor == "q-stat-chambers"
    [source] = site.sources
    shared = [passage for passage in source.passages if passage.anchor == "q-stat-chambers"]
    assert len(shared) == 1
    assert source.blocks[shared[0].block].text[shared[0].start:shared[0].end] == "护航49个所属商会成立、成长"


def test_citation_in_a_page_shares_the_passage_of_a_record(root: Path):
    edit(root, "pages/statistics.en.md", "Intro.", f'[Donations](cite:{SOURCE} "捐款超4.5亿元") grew.')
    site = site_of(root)
    [statistics] = [p for p in site.pages if p.key == "statistics" and p.lang == "en"]
    assert re.findall(r'<a href="([^"]+)"', statistics.body.html) == [f"/en/sources/{SOURCE}/#q-stat-donations"]


# --- sources ---------------------------------------------------------------------------


def test_counted_chars_changed_alone_is_set_back_to_what_ingest_wrote(root: Path):
    edit(root, f"sources/{SOURCE}.md", "counted_chars: 146", "counted_chars: 140")
    assert mistakes(root) == [f"content/sources/{SOURCE}.md:10:16: counted_chars is 140, but the text, as ingest "
                              "wrote it (text_sha256 says so), has 146 characters: counted_chars alone was changed"
                              "\n  hint: write counted_chars: 146, as ingest wrote it"]


def source_edited(root: Path, old: str, new: str) -> list[str]:
    """The mistakes of the site once the source's text has ``old`` made ``new``, the records quoting it too."""
    for name in (f"sources/{SOURCE}.md", "data/statistics.yaml", "data/timeline.yaml"):
        path = root / "content" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return mistakes(root)


def test_an_edited_number_in_a_source_and_its_quotes_is_refused_by_the_seal(root: Path):
    """The red team's edit: 护航49个 made 护航94个 in the source and the record quoting it. Every quote is still
    found, the count of characters is the same: only the seal tells, and its hint asks for no new digest."""
    edit(root, "data/statistics.yaml", "value: 49", "value: 94")
    assert source_edited(root, "护航49个", "护航94个") == [
        f"content/sources/{SOURCE}.md:11:14: the article's text is not as ingest wrote it from the raw item: its "
        "characters are not those text_sha256 seals\n  hint: undo the edit (git diff shows it), or ingest the raw "
        "item (test.txt) again: python3 build.py ingest PATH --force. Where paragraphs break, and what is ## or >, "
        "may be corrected; never a character: quotes are of the article as published"]


@pytest.mark.parametrize(("old", "new", "what"), [
    ("护航49个", "护航４９个", "a digit's width"),
    ("成立、成长。", "成立、成长", "a punctuation mark"),
    ("超4.5亿元", "超4.5亿多元", "a character added"),
])
def test_any_character_changed_in_a_source_breaks_its_seal(root: Path, old: str, new: str, what: str):
    [message] = [text for text in source_edited(root, old, new) if f"{SOURCE}.md:" in text]
    assert message.startswith(f"content/sources/{SOURCE}.md:11:14: the article's text is not as ingest wrote it"), what
    if len(new) != len(old):
        assert f"(it has {146 + len(new) - len(old)} characters; ingest wrote 146)" in message


def test_what_an_editors_tool_changes_or_a_layout_correction_keeps_the_seal(root: Path):
    """Line endings, a byte order mark, trailing spaces, lines wrapped, paragraphs broken otherwise and a
    subheading made a paragraph: the article's characters, all the seal covers, are the same."""
    path = root / "content" / "sources" / f"{SOURCE}.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("## 搭载体提振积极性", "搭载体提振积极性").replace("商会会务发展。", "商会会务发展。\n\n")
    text = text.replace("今年以来，", "今年以来，  \n").replace("\n", "\r\n")
    path.write_bytes("\ufeff".encode("utf-8") + text.encode("utf-8"))
    site_of(root)


def test_a_source_with_raw_sha256_but_no_seal_is_refused_with_the_way_to_seal_it(root: Path):
    edit(root, f"sources/{SOURCE}.md", "text_sha256: 86386d94420a50cd9d5c87b5972f093a4f77184262e6b9dd35eb3c115eccc990\n",
         "")
    assert mistakes(root) == [
        f"content/sources/{SOURCE}.md:12:1: the source has raw_sha256 but no text_sha256: nothing says its text is the "
        "one ingest wrote from the raw item\n  hint: ingest the raw item again: python3 build.py ingest PATH --force "
        "(a source ingested before text_sha256 existed gets it so; see 'The seal of a source' in docs/reference.md)"]


HEADER_REFUSED = (f"content/sources/{SOURCE}.md:12:16: the source's header is not as ingest read it from the raw "
                  "item: its outlet, date, edition, page, kicker, title, author, declared_chars are not those "
                  "header_sha256 seals\n  hint: undo the edit (git diff shows it), or ingest the raw item (test.txt) "
                  "again: python3 build.py ingest PATH --force. A field of the header is the article's as published, "
                  "as its text is: a translation (<id>.<lang>.md) is where the site words it otherwise")


@pytest.mark.parametrize(("old", "new"), [
    ("edition: 第06版\n", "edition: 第09版\n"),
    ("page: 六版\n", "page: 九版\n"),
    ("declared_chars: 2383\n", "declared_chars: 2384\n"),
    ("outlet: 中华工商时报\n", "outlet: 中华工商日报\n"),
    ("title: 晋江市工商联抓实商会建设提质增效\n", "title: 晋江市工商联抓实商会建设提质增效显著\n"),
    ("kicker: 强素质 增信念 勤联络\n", ""),
    ("author: 徐志南\n", "author: 徐志南 陈贻得\n"),
])
def test_any_field_of_a_sources_header_changed_breaks_its_seal(root: Path, old: str, new: str):
    """The page and edition a reader sees (and a translation's page number is traced by), the title, the byline,
    the declared length: each is the raw item's, as the text is, and changed or removed, the seal tells."""
    edit(root, f"sources/{SOURCE}.md", old, new)
    lines = 1 if new else 0  # a field removed moves header_sha256 up a line
    assert mistakes(root) == [HEADER_REFUSED.replace(":12:16:", f":{11 + lines}:16:")]


def test_white_space_in_a_sources_header_keeps_its_seal(root: Path):
    """As in the text, white space is not sealed: the kicker's spaces may be full-width or none."""
    edit(root, f"sources/{SOURCE}.md", "kicker: 强素质 增信念 勤联络\n", "kicker: 强素质\u3000增信念  勤联络\n")
    site_of(root)


@pytest.mark.parametrize(("written", "found"), [
    ("-1", "a number (-1)"), ("-2383", "a number (-2383)"), ("23.83", "a number (23.83)"), ("2383.0", "a number (2383.0)"),
    ("true", "true/false (true)"), ('"2383"', "text ('2383')"), ("2383字", "text ('2383字')"),
])
def test_a_declared_length_that_is_no_count_of_characters_is_refused_even_sealed(root: Path, written: str,
                                                                                 found: str):
    """declared_chars is the e-paper's 字数:, which ingest writes in digits; sealed anew with the header, a length
    of -1 or of words is no more one."""
    edit(root, f"sources/{SOURCE}.md", "declared_chars: 2383\n", f"declared_chars: {written}\n")
    reseal(root / "content" / "sources" / f"{SOURCE}.md")
    assert mistakes(root) == [
        f"content/sources/{SOURCE}.md:9:17: source: 'declared_chars' must be a whole number, 0 or more, found "
        f"{found}\n  hint: write the length the e-paper's 字数: declares, in digits, as ingest wrote it; or leave "
        "declared_chars out"]


def test_a_declared_length_of_0_or_none_is_taken(root: Path):
    """Ingest writes what the e-paper's 字数: says, 0 too, and nothing when it says nothing: the build takes what
    ingest writes (the source's page shows no length for either)."""
    path = root / "content" / "sources" / f"{SOURCE}.md"
    edit(root, f"sources/{SOURCE}.md", "declared_chars: 2383\n", "declared_chars: 0\n")
    reseal(path)
    assert [source.declared_chars for source in site_of(root).sources] == [0]
    edit(root, f"sources/{SOURCE}.md", "declared_chars: 0\n", "")
    reseal(path)
    assert [source.declared_chars for source in site_of(root).sources] == [None]


def test_a_source_with_a_seal_of_its_text_but_none_of_its_header_is_refused(root: Path):
    """A source ingested before header_sha256 existed, or whose header seal was removed with an edit of the
    header: ingest --force writes it."""
    edit(root, f"sources/{SOURCE}.md", "page: 六版\n", "page: 九版\n")
    path = root / "content" / "sources" / f"{SOURCE}.md"
    path.write_text(re.sub(r"(?m)^header_sha256: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert mistakes(root) == [
        f"content/sources/{SOURCE}.md:11:1: the source has text_sha256 but no header_sha256: nothing says its "
        "outlet, date, edition, page, kicker, title, author and declared_chars are the ones ingest read from the raw "
        "item\n  hint: ingest the raw item again: python3 build.py ingest PATH --force (a source ingested before "
        "header_sha256 existed gets it so; see 'The seal of a source' in docs/reference.md)"]


def test_a_header_seal_that_is_not_a_digest_is_refused(root: Path):
    path = root / "content" / "sources" / f"{SOURCE}.md"
    path.write_text(re.sub(r"(?m)^header_sha256: .*$", "header_sha256: seal", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert mistakes(root) == [f"content/sources/{SOURCE}.md:12:16: header_sha256 must be 64 lower-case hex digits"
                              "\n  hint: ingest writes it: undo the edit (git diff shows it)"]


def test_an_ingested_id_must_name_the_raw_item_and_the_date(root: Path):
    edit(root, f"sources/{SOURCE}.md", "raw_sha256: abcdef12", "raw_sha256: abcdef13")
    edit(root, f"sources/{SOURCE}.md", 'date: "2023-10-11"', 'date: "2023-10-12"')
    found = [text.split("\n")[0] for text in mistakes(root) if f"{SOURCE}.md:" in text]
    assert found == [
        f"content/sources/{SOURCE}.md:3:7: the source's date is 2023-10-12, but its id, {SOURCE}, says 2023-10-11: "
        "ingest writes both from the raw item",
        HEADER_REFUSED.split("\n")[0],  # the date is the header's too
        f"content/sources/{SOURCE}.md:13:13: raw_sha256 begins abcdef13, but the source's id, {SOURCE}, says the raw "
        "item's SHA-256 begins abcdef12: ingest writes both from the raw item"]


def test_an_ingested_source_whose_digests_were_removed_is_refused(root: Path):
    """Without raw_sha256 and text_sha256 it would pass for a source written by hand: its id says it is not."""
    path = root / "content" / "sources" / f"{SOURCE}.md"
    text = re.sub(r"(?m)^(text|raw)_sha256: .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("护航49个", "护航49个多"), encoding="utf-8")
    assert [text for text in mistakes(root) if f"{SOURCE}.md:" in text] == [
        f"content/sources/{SOURCE}.md:2:1: source '{SOURCE}' has an id of the form ingest gives (its date, then the "
        "first 8 hex digits of the raw item's SHA-256), but no raw_sha256\n  hint: undo the edit (git diff shows it), "
        "or ingest the raw item again: python3 build.py ingest PATH --force; a source not ingested needs an id of "
        "words, e.g. 2023-10-11-jinjiang-report",
        f"content/sources/{SOURCE}.md:10:16: counted_chars is 146, but the text has 147 characters: the text changed "
        "since it was counted\n  hint: undo the edit (git diff shows it), or ingest the raw item (test.txt) again: "
        "python3 build.py ingest PATH --force"]


def test_a_source_written_by_hand_is_held_to_its_count(root: Path):
    """A source not ingested (an id of words, no digests): its count is all that tells a changed text."""
    write(root, "sources/jinjiang-report.md", '---\noutlet: 报\ndate: "2023-10-11"\ntitle: 题\ncounted_chars: 5\n'
          "---\n\n晋江工商联。\n")
    assert mistakes(root) == [
        "content/sources/jinjiang-report.md:5:16: counted_chars is 5, but the text has 6 characters: the text "
        "changed since it was counted\n  hint: undo the edit (git diff shows it); only if the text was wrong, and is "
        "now the article's as published, write counted_chars: 6"]


def test_source_translation_without_its_source_is_reported(root: Path):
    write(root, "sources/2023-01-01-deadbeef.en.md", "---\noutlet: X\ntitle: Y\n---\nSummary.\n")
    assert mistakes(root) == ["content/sources/2023-01-01-deadbeef.en.md: translation of a source that does not "
                              "exist: '2023-01-01-deadbeef.md'\n  hint: name it after the source file, "
                              "e.g. <id>.en.md beside <id>.md"]


def test_source_translation_in_an_unknown_language_is_reported(root: Path):
    write(root, f"sources/{SOURCE}.fr.md", "---\noutlet: X\ntitle: Y\n---\nRésumé.\n")
    assert mistakes(root)[0].startswith(f"content/sources/{SOURCE}.fr.md: '{SOURCE}.fr.md': unknown language 'fr'")


def test_a_source_that_names_no_language_is_in_the_language_of_its_text_not_the_sites_default(root: Path):
    """A Chinese article on a site whose pages are English first is Chinese (it was taken to be in the default
    language: marked for an English voice, and left unconverted by a Traditional edition)."""
    edit(root, "site.yaml", "default_language: zh", "default_language: en")
    assert [source.lang for source in site_of(root).sources] == ["zh"]
    english = "2023-10-12-0123abcd"
    write(root, f"sources/{english}.md", f"""---
outlet: The Daily
date: "2023-10-12"
title: Chambers of commerce in Jinjiang
counted_chars: 0
text_sha256: x
header_sha256: x
raw_sha256: 0123abcd{"0" * 56}
raw_name: daily.txt
---

The Jinjiang Federation of Industry and Commerce (晋江市工商联) works with its chambers.
""")
    reseal(root / "content" / "sources" / f"{english}.md")
    edit(root, "site.yaml", "default_language: en", "default_language: zh")
    assert {source.id: source.lang for source in site_of(root).sources} == {SOURCE: "zh", english: "en"}
    edit(root, f"sources/{english}.md", "raw_name: daily.txt", "raw_name: daily.txt\nlanguage: zh")
    assert {source.id: source.lang for source in site_of(root).sources}[english] == "zh"  # as it says


# --- pages and site.yaml -------------------------------------------------------------------


def test_a_home_page_renamed_is_reported_at_its_file_not_in_a_template(root: Path):
    """The page published at the site's root is 'index': one renamed (start) was reported at templates/base.html
    ("a page the site does not have in any language: href('index')"), which an editor does not edit."""
    pages = root / "content" / "pages"
    for code in ("zh", "en"):
        (pages / f"index.{code}.md").rename(pages / f"start.{code}.md")
    edit(root, "site.yaml", "nav: [index,", "nav: [start,")
    assert mistakes(root) == ["content/pages/start.en.md: the home page is 'start', but the page published at the "
                              "site's root (/), which every page's title links to, is the page 'index'\n  hint: "
                              "rename pages/start.<lang>.md to pages/index.<lang>.md, and the links and the nav "
                              "entry to it"]
    for code in ("zh", "en"):
        edit(root, f"pages/start.{code}.md", "template: home", "template: page")
    assert mistakes(root) == ["content/pages: no page 'index': it is the page published at the site's root (/), "
                              "which every page's title links to\n  hint: create pages/index.<lang>.md, e.g. with "
                              "'template: home'"]


def test_two_pages_with_one_single_use_template_are_reported(root: Path):
    write(root, "pages/figures.zh.md", page("figures", "statistics"))
    write(root, "pages/figures.en.md", page("figures", "statistics"))
    assert mistakes(root) == ["content/pages/statistics.en.md: two pages use 'template: statistics': "
                              "'figures' and 'statistics'\n  hint: only one page of the site can show that"]


def test_many_pages_may_share_the_page_template(root: Path):
    for key in ("about", "contact"):
        for lang in ("zh", "en"):
            write(root, f"pages/{key}.{lang}.md", page(key))
    assert {p.key for p in site_of(root).pages} >= {"about", "contact"}


def test_nav_naming_a_missing_page_is_reported(root: Path):
    edit(root, "site.yaml", "nav: [index,", "nav: [index, about,")
    assert mistakes(root) == ["content/site.yaml:12:14: nav lists 'about', which is not a page\n"
                              "  hint: create pages/about.<lang>.md or remove it from nav"]


def test_a_page_needs_the_same_template_in_every_language(root: Path):
    edit(root, "pages/sources.en.md", "template: sources", "template: page")
    assert mistakes(root) == ["content/pages/sources.en.md: page 'sources' uses different templates in different "
                              "languages: page, sources\n  hint: use the same 'template:' in every language"]


def test_unknown_language_in_a_page_file_name_is_reported(root: Path):
    write(root, "pages/about.fr.md", page("about"))
    assert mistakes(root) == ["content/pages/about.fr.md: unknown language 'fr' in the file name\n"
                              "  hint: languages of site.yaml: zh, en"]


def test_page_file_name_without_a_language_is_reported(root: Path):
    write(root, "pages/about.md", page("about"))
    assert mistakes(root) == ["content/pages/about.md: a page file name must end in .<language>.md\n"
                              "  hint: rename it, e.g. about.zh.md"]


def test_page_with_an_empty_title_is_reported(root: Path):
    edit(root, "pages/timeline.en.md", "title: timeline en", "title:")
    assert mistakes(root) == ["content/pages/timeline.en.md:2:7: front matter: 'title' is empty\n"
                              "  hint: write its value after 'title:'"]


def test_base_url_from_the_command_line_overrides_site_yaml(root: Path):
    site = site_of(root, base_url="https://preview.example.net/pr-7")
    assert site.config.base_url == "https://preview.example.net/pr-7/"
    assert site.config.base_path == "/pr-7/"
    [home] = [p for p in site.pages if p.key == "index" and p.lang == "en"]
    assert re.findall(r'<a href="([^"]+)"', home.body.html) == ["/pr-7/en/statistics/#stat-chambers",
                                                                "/pr-7/en/statistics/"]


@pytest.mark.parametrize("url", ["ftp://x", "example.org", "https://example.org/?x=1", "/icf/"])
def test_base_url_override_must_be_an_absolute_web_address(root: Path, url: str):
    assert mistakes(root, base_url=url) == [f"--base-url: base_url '{url}' must be an absolute http(s) URL\n"
                                            "  hint: e.g. https://example.org/ or https://example.org/icf-explained/"]


def test_base_url_in_site_yaml_is_checked_at_its_line(root: Path):
    edit(root, "site.yaml", "base_url: https://example.org/", "base_url: ftp://x")
    assert mistakes(root)[0].startswith("content/site.yaml:11:11: base_url 'ftp://x' must be an absolute http(s) URL")


@pytest.mark.parametrize("url, problem", [
    ("https://example.org/\nDisallow: /", "holds a line break (U+000A)"),
    ("https://example.org/\r\nX-Evil: 1", "holds a line break (U+000D)"),
    ("https://example.org/ x", "holds a space (U+0020)"),
    ("https://example.org/\tx", "holds a space (U+0009)"),
    ("https://example.org/\u2028", "holds a line break (U+2028)"),
    ("https://example.org/\u202ex", "holds an invisible control character (U+202E)"),
    ("https://example.org/\x00", "holds an invisible control character (U+0000)"),
    ("https://user:secret@example.org/", "holds a user name or password"),
    ("https://user@example.org/", "holds a user name or password"),
    ("https://example.org:port/", "is not a valid URL"),
    ("https://[example.org/", "is not a valid URL"),
])
def test_base_url_is_one_plain_address_without_line_breaks_or_credentials(root: Path, url: str, problem: str):
    """It is written into robots.txt and _headers: a line break there would add lines of its own."""
    [message] = mistakes(root, base_url=url)
    assert message.startswith(f"--base-url: base_url {url!r} {problem}") and "\n  hint: e.g. https://" in message
    assert message.count("\n") == 1  # the address's own line break is shown escaped, not printed


def test_base_url_with_a_line_break_in_site_yaml_is_located(root: Path):
    edit(root, "site.yaml", "base_url: https://example.org/", 'base_url: "https://example.org/\\nDisallow: /"')
    assert mistakes(root)[0].startswith("content/site.yaml:11:11: base_url 'https://example.org/\\nDisallow: /' holds a line break (U+000A)")


@pytest.mark.parametrize(("tag", "hint"), [
    ("zh_CN", "write zh-CN: a tag joins its parts with hyphens"),
    ("zh Hans", TAG_HINT), ("中文", TAG_HINT), ("Chinese (Simplified)", TAG_HINT), ("zh-", TAG_HINT),
    ("-zh", TAG_HINT), ("z", TAG_HINT), ("zh--Hans", TAG_HINT), ("zh-Hans-CN-x", TAG_HINT), ("zh-abcdefghi", TAG_HINT),
    ("zhongwenzi", TAG_HINT),
    ("zh-\u212aK", TAG_HINT),  # a Kelvin sign, which [a-z] matches when it ignores case
])
def test_a_language_tag_that_is_not_a_bcp_47_tag_is_refused_at_its_place(root: Path, tag: str, hint: str):
    """The tag goes into <html lang>, hreflang and the feeds, where a browser or a search engine ignores one
    that is not a tag."""
    edit(root, "site.yaml", "tag: zh-Hans}", f'tag: "{tag}"}}')
    assert mistakes(root) == [f"content/site.yaml:8:23: language 'zh': tag '{tag}' is not a language tag (BCP 47)"
                              f"\n  hint: {hint}"]


@pytest.mark.parametrize("tag", ["zh", "ZH-hans", "zh-Hans-CN", "zh-cmn-Hans-CN", "yue-HK", "es-419", "sl-rozaj-biske",
                                 "de-CH-1901", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "zh-u-nu-hanidec"])
def test_a_well_formed_language_tag_is_taken_as_written(root: Path, tag: str):
    edit(root, "site.yaml", "tag: zh-Hans}", f"tag: {tag}}}")
    assert site_of(root).config.language("zh").tag == tag


def test_two_languages_with_one_tag_whatever_its_case_are_refused(root: Path):
    edit(root, "site.yaml", "tag: en}", "tag: ZH-hans}")
    assert mistakes(root) == ["content/site.yaml:9:28: language 'en': tag 'ZH-hans' is the tag of language 'zh' too "
                              "(a tag's case does not matter)\n  hint: give each language a tag of its own: "
                              "browsers and search engines tell the site's languages apart by it"]


def test_an_editions_tag_is_checked_as_a_languages_is(root: Path):
    write(root, "site.yaml", (root / "content" / "site.yaml").read_text(encoding="utf-8") +
          "editions:\n  zh-hant: {from: zh, name: 繁體中文, tag: zh_Hant, conversion: s2tw}\n"
          "  zh-hk: {from: zh, name: 香港繁體, tag: EN, conversion: s2hk}\n")
    assert [text.split("\n")[0] for text in mistakes(root)] == [
        "content/site.yaml:14:40: edition 'zh-hant': tag 'zh_Hant' is not a language tag (BCP 47)",
        "content/site.yaml:15:38: edition 'zh-hk': tag 'EN' is the tag of language 'en' too (a tag's case does not "
        "matter)"]


def test_a_comment_after_a_field_readers_see_is_a_warning(root: Path):
    """YAML reads the rest of a plain value's line after ' #' as a comment: the words after it vanish silently.
    A quoted value keeps its #, and a # inside a word is text."""
    edit(root, "pages/index.en.md", "title: Home en", "title: Home # of the site")
    edit(root, "data/statistics.yaml", "label: affiliated chambers", "label: 'affiliated # chambers'")
    edit(root, "pages/index.zh.md", "title: ", "title: C# ")
    shown = [warning.format(root) for warning in site_of(root).warnings if "YAML comment" in warning.message]
    assert shown == ["content/pages/index.en.md:2:8: the page's title: readers see only 'Home': the rest of the "
                     "line, '# of the site', is read as a YAML comment\n  hint: to show the #, put the whole value "
                     "in quotes: \"... # ...\"; a comment goes on a line of its own"]


@pytest.mark.parametrize("name", ["statistics", "timeline", "glossary"])
def test_a_data_file_not_of_a_list_of_records_is_one_mistake(root: Path, name: str):
    """Not that, and a mistake for every link to one of its records besides (41 of them on this site's pages)."""
    write(root, f"data/{name}.yaml", "a: 1\n")
    assert mistakes(root) == [f"content/data/{name}.yaml:1:1: {name}.yaml must be a list of '- ' items, found a "
                              "mapping (key: value lines)\n  hint: begin each item with '- ' (a dash and a space), "
                              "its lines indented under it: see the other files of content/data/"]


def test_a_page_whose_front_matter_cannot_be_read_is_one_mistake(root: Path):
    """Not that, and its pair's 'no English version', and a mistake for every link to it besides."""
    write(root, "pages/statistics.en.md", "---\n- a\n- b\n---\nText.\n")
    assert [message.split("\n")[0] for message in mistakes(root)] == [
        "content/pages/statistics.en.md:2:1: front matter must be a mapping of 'key: value' lines, found a list "
        "(- item lines)"]


def test_markdown_in_a_field_shown_as_plain_text_is_a_warning_where_it_is_written(root: Path):
    """A title or a label is shown as typed: ``**three**`` would show readers its asterisks. Only what the site's
    Markdown would format counts: a lone ``*``, ``snake_case`` or ``[sic]`` is left as it is there too."""
    edit(root, "pages/index.en.md", "title: Home en", "title: The **main** pillars, `code` and <https://a.cn>")
    edit(root, "data/statistics.yaml", "label: affiliated chambers", "label: '_affiliated_ [chambers](x.md)'")
    edit(root, "pages/index.zh.md", "title: ", "title: a * b, snake_case_name, C++, [sic] ~ ")

    shown = [warning.format(root) for warning in site_of(root).warnings if "Markdown" in warning.message]
    hint = "\n  hint: write it as plain text, without the marks (Markdown formats a page's text, not its fields)"
    assert shown == [
        "content/pages/index.en.md:2:8: the page's title: Markdown (**…**, `…`, <…>) is shown as typed in this field"
        + hint,
        "content/data/statistics.yaml:11:13: label: Markdown (_…_, […](…)) is shown as typed in this field" + hint]


def test_a_passage_in_chinese_left_in_an_english_text_is_a_warning_at_its_line(root: Path):
    passage = "所属商协会及其会员积极参与光彩事业和公益慈善，这一段还没有翻译成英文。"
    edit(root, "pages/index.en.md", "See [the figures]", f"{passage}\n\nSee [the figures]")
    edit(root, "pages/index.zh.md", "See [the figures]", f"{passage}\n\nSee [the figures]")  # its own language
    shown = [warning.format(root) for warning in site_of(root).warnings if "passage" in warning.message]
    assert shown == ["content/pages/index.en.md:6:1: a passage in Chinese in the English text: is it left "
                     "untranslated?\n  hint: translate it; the article's own words are quoted in a cite: link, "
                     "between its quotation marks, which readers see on the source's page"]


# --- UI strings ----------------------------------------------------------------------------


def test_a_translated_ui_string_has_the_placeholders_of_its_original(root: Path):
    """The site fills them in (the search page's script fills {count}): one mistyped would be shown as typed."""
    write(root, "data/strings.yaml", 'found:\n  zh: 找到{count}个页面。\n  en: "Pages found: {cuont}."\n'
                                     'about:\n  zh: "{outlet}的报道"\n  en: "The article of {date}, in {outlet}"\n'
                                     'braces:\n  zh: "{{count}}是写法"\n  en: "{{count}} is how it is written"\n')
    assert mistakes(root) == [
        "content/data/strings.yaml:3:7: string 'found' (en): its placeholders are not those of the zh words\n"
        "  hint: write the same ones, each as it is: {count}",
        "content/data/strings.yaml:6:7: string 'about' (en): its placeholders are not those of the zh words\n"
        "  hint: write the same ones, each as it is: {outlet}"]


def test_a_ui_string_the_site_fills_in_holds_only_the_placeholders_it_fills(root: Path):
    write(root, "data/strings.yaml", 'search_found:\n  zh: 找到{cuont}个页面。\n  en: "Pages found: {cuont}."\n'
                                     'source_description:\n  zh: "{outlet}，{date}"\n  en: "{date}"\n')
    assert mistakes(root) == [
        "content/data/strings.yaml:2:7: string 'search_found' (zh): {cuont} is not one of its placeholders\n"
        "  hint: its placeholders are {count}",
        "content/data/strings.yaml:6:7: string 'source_description' (en): its placeholders are not those of the zh "
        "words\n  hint: write the same ones, each as it is: {date}, {outlet}"]


def test_a_number_put_in_a_ui_string_may_not_run_on_into_the_words_beside_it(root: Path):
    """找到{count}万个页面 would show 3万 for 3 pages: the same rule as a number cut by a link's edge."""
    write(root, "data/strings.yaml", 'search_found:\n  zh: 找到超过{count}万个页面。\n  en: "Pages found: {count}%."\n')
    assert [message.split("\n")[0] for message in mistakes(root)] == [
        "content/data/strings.yaml:2:7: string 'search_found' (zh): '超过{count}万' runs the number put in {count} on "
        "into the words beside it: readers would read another number",
        "content/data/strings.yaml:3:7: string 'search_found' (en): '{count}%' runs the number put in {count} on "
        "into the words beside it: readers would read another number"]


def test_the_placeholders_the_search_page_fills_are_those_its_script_fills():
    """``conventions.FILLED_STRINGS`` names what static/search.js fills in: the two must change together."""
    from microsite.conventions import FILLED_STRINGS

    script = (REPO / "static" / "search.js").read_text(encoding="utf-8")
    assert [f'.replace("{{{name}}}"' in script for name in FILLED_STRINGS["search_found"]] == [True]
    assert "words.found.replace(" in script


# --- glossary ------------------------------------------------------------------------------


def test_a_mistake_in_a_records_text_written_in_quotes_is_at_its_column(root: Path):
    """A text that begins with a link is written in quotes (YAML would read [ as a list's): its text begins a
    column after the quotation mark."""
    edit(root, "data/statistics.yaml", "    label: affiliated chambers",
         "    label: affiliated chambers\n    note: '[4](cite:2023-10-11-abcdef12 \"护航49个所属商会成立、成长\")9 chambers, 7 more'")
    assert [message.split(" in ")[0] for message in mistakes(root)] == [
        "content/data/statistics.yaml:12:13: a number is cut",  # the 4: a column after the quotation mark
        "content/data/statistics.yaml:12:70: the number '7' is not"]  # the 7, after the link's title


def add_term(root: Path, zh: str, en: str, quote: str) -> tuple[int, int]:
    """A glossary term named ``zh`` and ``en``, traced by ``quote``, added to the glossary; the lines of its names."""
    glossary = root / "content" / "data" / "glossary.yaml"
    before = glossary.read_text(encoding="utf-8")
    glossary.write_text(before + f"\n- id: named\n  source: {SOURCE}\n  quote: {quote}\n  zh:\n    term: {zh}\n"
                        f"    definition: 文章的说法。\n  en:\n    term: {en}\n    definition: The article's words.\n",
                        encoding="utf-8")
    return before.count("\n") + 6, before.count("\n") + 9


def test_a_term_whose_name_is_only_a_number_is_refused(root: Path):
    """A term named "Forty-Nine", with a quote holding 49, traced every "forty-nine" of the site as its name, in any
    meaning ("it took forty-nine years" passed)."""
    zh, en = add_term(root, "四十九", "Forty-Nine", "护航49个所属商会成立")
    edit(root, "pages/index.en.md", "See [the figures]", "It took forty-nine years. See [the figures]")
    found = mistakes(root)
    assert [message.split("\n")[0] for message in found] == [
        f"content/data/glossary.yaml:{zh}:11: glossary term 'named' (zh): the term '四十九' is only a number ('四十九'): a "
        "term's name traces its numbers wherever a text says them, and this one would trace every '四十九' of the site, "
        "in any meaning (years, days, chambers)",
        f"content/data/glossary.yaml:{en}:11: glossary term 'named' (en): the term 'Forty-Nine' is only a number "
        "('Forty-Nine'): a term's name traces its numbers wherever a text says them, and this one would trace every "
        "'Forty-Nine' of the site, in any meaning (years, days, chambers)"]
    assert "hint: name the term by its words" in found[0]


@pytest.mark.parametrize("zh, en", [("'49'", "'49'"), ("四十九家", "the Forty-Nine"), ("第四十九", "A Hundred"),
                                    ("“四十九”", "Forty Nine")])
def test_a_name_of_a_number_is_only_a_number_in_either_language(root: Path, zh: str, en: str):
    lines = add_term(root, zh, en, "护航49个所属商会成立")
    assert [int(message.split(":")[1]) for message in mistakes(root) if "is only a number" in message] == [*lines]


def test_a_name_with_a_number_among_its_words_traces_it(root: Path):
    add_term(root, "三个三", "Three Threes", "建立起“三个三”工作载体")
    edit(root, "pages/index.en.md", "See [the figures]", "The Three Threes are its frameworks. See [the figures]")
    site_of(root)


def test_avoided_rendering_in_a_page_title_is_reported(root: Path):
    edit(root, "pages/timeline.en.md", "title: timeline en", "title: The Chamber of Industry timeline")
    assert mistakes(root) == ["content/pages/timeline.en.md:2:12: 'Chamber of Industry' is a rendering the glossary "
                              "says to avoid\n  hint: write 'Federation of Industry and Commerce' "
                              "(see content/data/glossary.yaml)"]


@pytest.mark.parametrize("written", ["Chamber of Induſtry", "Chamber of İndustry", "Chamber of ındustry",
                                     "CHAMBER OF INDUSTRY"])
def test_an_avoided_rendering_is_found_as_a_case_blind_search_finds_it(root: Path, written: str):
    """ſ, İ (and ı, K) are letters a case-blind search takes for s and i: the rendering found so is reported with
    the glossary's advice (looked up in lower case, 'induſtry' was a key nobody wrote, and the build failed)."""
    edit(root, "pages/timeline.en.md", "title: timeline en", f"title: The {written} timeline")
    assert mistakes(root) == [f"content/pages/timeline.en.md:2:12: '{written}' is a rendering the glossary "
                              "says to avoid\n  hint: write 'Federation of Industry and Commerce' "
                              "(see content/data/glossary.yaml)"]


def test_avoided_rendering_in_a_data_label_is_reported(root: Path):
    edit(root, "data/statistics.yaml", "label: donated", "label: donated via the chamber of industry")
    [message] = mistakes(root)
    assert message.startswith("content/data/statistics.yaml:21:28: 'chamber of industry' is a rendering")


def test_avoided_rendering_in_a_chart_label_a_menu_name_a_source_title_or_a_ui_string_is_reported(root: Path):
    edit(root, "data/statistics.yaml", "label: affiliated chambers", "label: affiliated chambers\n    short: Chamber of Industry")
    edit(root, "pages/timeline.en.md", "title: timeline en", "title: timeline en\nnav_title: Chamber of Industry")
    edit(root, f"sources/{SOURCE}.en.md", "title: Jinjiang ICF builds chambers", "title: The Chamber of Industry")
    write(root, "data/strings.yaml", "footer:\n  zh: 页脚\n  en: A Chamber of Industry site\n")
    found = mistakes(root)
    assert len(found) == 4, found
    for where in ("content/data/statistics.yaml:12:12:", "content/pages/timeline.en.md:3:12:",
                  f"content/sources/{SOURCE}.en.md:3:12:", "content/data/strings.yaml:3:9:"):
        assert any(message.startswith(where) and "'Chamber of Industry' is a rendering" in message
                   for message in found), where


def test_avoided_rendering_is_allowed_in_the_other_language_and_in_the_glossary(root: Path):
    edit(root, "pages/timeline.zh.md", "title: timeline zh", "title: Chamber of Industry")
    edit(root, "data/glossary.yaml", "definition: The ICF.", "definition: Not a Chamber of Industry.")
    site_of(root)


def test_avoided_rendering_in_an_editors_note_is_not_reported_and_after_it_is_at_its_place(root: Path):
    """An HTML comment is a note no reader sees (see ``markdown``): a rendering it names is no rendering used."""
    page = root / "content/pages/timeline.en.md"
    body = page.read_text(encoding="utf-8")
    page.write_text(body + "\n<!-- not 'Chamber of Industry':\nsee the glossary -->\n", encoding="utf-8")
    site_of(root)
    page.write_text(body + "\nText <!-- a note --> by the Chamber of Industry.\n", encoding="utf-8")
    line = body.count("\n") + 2
    [message] = mistakes(root)
    assert message.startswith(f"content/pages/timeline.en.md:{line}:29: 'Chamber of Industry' is a rendering")


def test_avoided_rendering_must_be_a_whole_phrase(root: Path):
    edit(root, "pages/timeline.en.md", "title: timeline en", "title: Chamber of Industrywide")
    site_of(root)


def test_a_quote_that_occurs_several_times_says_how_often_and_where(minimal_project: Path) -> None:
    index = minimal_project / "content" / "pages" / "index.en.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n[The ICF](cite:2023-10-11-abcdef12 "今年")\n',
                     encoding="utf-8")
    [message] = mistakes(minimal_project)
    assert message.endswith("citation: the quote is too short to name a passage of source '2023-10-11-abcdef12'\n"
                            "  hint: it has under 4 characters and occurs 2 times in the source; make it longer")
    index.write_text(index.read_text(encoding="utf-8").replace('"今年"', '"王明元"'), encoding="utf-8")
    [short] = mistakes(minimal_project)
    assert short.endswith("hint: it has under 4 characters; make it longer")


def test_a_quote_that_occurs_several_times_says_how_often_where_and_what_to_do(sample_project: Path) -> None:
    index = sample_project / "content" / "pages" / "index.en.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n[The Federation](cite:2023-10-11-eb7c93e7 "晋江市工商联")\n',
                     encoding="utf-8")
    [message] = mistakes(sample_project)
    assert "citation: the quote occurs 11 times in source '2023-10-11-eb7c93e7' (source lines 19, 21," in message
    assert message.endswith("hint: make it longer: quote more of the passage around it, until it occurs only once")


# --- page names and file-system limits ---------------------------------------------------------


def test_a_page_whose_file_would_be_too_long_a_path_is_reported_at_the_page(root: Path):
    """Check must fail where build would: its file ``en/<key>/index.html`` has over 1,024 bytes."""
    key = "/".join(["a" * 200] * 5) + "/" + "b" * 20
    write(root, f"pages/{key}.en.md", page(key))
    write(root, f"pages/{key}.zh.md", page(key))
    found = [m for m in mistakes(root) if "too long" in m]
    assert len(found) == 2 and found[0].startswith(f"content/pages/{key}.en.md: the page name is too long: its file")
    assert "more than 1024" in found[0] and "hint: shorten its file or folder names" in found[0]


def test_a_page_name_longer_than_a_file_name_can_be_is_reported(root: Path):
    from microsite.pages import _too_long

    config = site_of(root).config
    assert _too_long("a" * 256, config).endswith("has 256 bytes, more than 255")
    assert _too_long("a" * 255, config) == ""


def test_a_qualifier_mismatch_says_which_qualifier_to_write(minimal_project: Path) -> None:
    edit(minimal_project, "data/statistics.yaml", "  qualifier: over\n", "")
    [message] = mistakes(minimal_project)
    assert "the quote says '超4.5亿元' (over), but the record's qualifier is exact" in message
    assert message.endswith("hint: write qualifier: over ('超4.5亿元'; 超 = over, 余 = more-than, 近 = nearly, "
                            "约 = about, none = exact)")


def test_a_page_key_written_as_a_file_name_gets_the_key_as_hint(minimal_project: Path) -> None:
    edit(minimal_project, "site.yaml", "nav: [", "nav: [index.md, quanzhou.en.md, ")
    assert [m.split("\n  hint: ")[1] for m in mistakes(minimal_project)] == [
        "write the page key without '.md': 'index' (that page exists)",
        "write the page key without '.md': 'quanzhou', and create pages/quanzhou.<lang>.md"]


def test_a_chinese_count_needs_its_measure_word(minimal_project: Path) -> None:
    edit(minimal_project, "data/statistics.yaml", "    measure: 个\n", "")
    [message] = mistakes(minimal_project)
    assert "statistic 'chambers': a count needs its measure word in 'zh', or it reads '49所属商会'" in message
    assert message.endswith("hint: add measure: 个 (49个 in the quote)")


# --- what a rebuild resolves again -----------------------------------------------------------------------


def test_a_heading_changed_resolves_again_only_the_texts_that_looked_at_its_page(root: Path, monkeypatch):
    """The preview validates again after each save; links that did not look at the changed page are kept."""
    from microsite import links
    from microsite.memo import Memo

    edit(root, "pages/index.en.md", "See [the figures](statistics.md).", "See [the figures](statistics.md#alpha).")
    write(root, "pages/statistics.en.md", "---\ntitle: Figures\ndescription: All.\ntemplate: statistics\n---\n"
          "## alpha\n\nText.\n")
    resolved: list[str] = []
    noting = links.resolve_noting
    monkeypatch.setattr(links, "resolve_noting", lambda item, targets: resolved.append(item.path.name)
                        or noting(item, targets))
    memo = Memo()

    def rebuild() -> list[str]:
        resolved.clear()
        try:
            validate(load(Project(root)), memo=memo)
        except ContentErrors as exc:
            return [error.format(root) for error in exc.errors]
        memo.prune()  # as a build does once the site is valid
        return []

    assert rebuild() == [] and len(resolved) > 3  # the first build resolves every text
    write(root, "pages/timeline.en.md", (root / "content/pages/timeline.en.md").read_text() + "\n## New\n")
    assert rebuild() == [] and resolved == ["timeline.en.md"]  # a heading no text looked at: only its own text
    edit(root, "pages/statistics.en.md", "## alpha", "## beta")  # the heading the home page links to
    [broken] = rebuild()
    assert broken.startswith("content/pages/index.en.md:") and "'#alpha', which is not a heading" in broken
    assert sorted(resolved) == ["index.en.md", "statistics.en.md"]
    edit(root, "pages/statistics.en.md", "## beta", "## alpha")  # back as before the failed build
    assert rebuild() == [] and set(resolved) <= {"index.en.md", "statistics.en.md"}  # (or kept since)


def test_a_body_holds_its_texts_compiled_html_itself_and_workers_send_back_no_html(root: Path):
    """A site of long pages held every body twice while it was validated (compiled, and resolved), and the
    worker that resolved half of them sent those back whole: a body is its compiled HTML, the very object the
    compiler holds, with what fills its links' placeholders, and resolving a text gives only those fills."""
    from microsite.compiled import Compiler
    from microsite.memo import Memo

    compiler, memo = Compiler(), Memo()
    raw = load(Project(root))
    site = validate(raw, compiler=compiler, memo=memo)
    texts = {document.path: document.body for document in raw.pages}
    assert any(page.body.fills for page in site.pages)
    assert all(page.body.compiled is compiler(texts[page.path]).body for page in site.pages)
    resolutions = [cell[0] for key, cell in memo.known.items() if key[0] == "resolve"]  # what a worker computes
    assert resolutions and all(type(fills) is tuple and all(type(fill) is str and "<p>" not in fill for fill in fills)
                               for fills, _, _ in resolutions)


def test_an_anchor_the_templates_give_is_reported_where_the_heading_is(root: Path):
    edit(root, "pages/statistics.en.md", "Intro.", "Intro.\n\n## Where to start {#main}\n")
    found = mistakes(root)
    assert found == ["content/pages/statistics.en.md:8: the anchor {#main} is one the templates give an element of "
                     "the page\n  hint: choose another anchor; links to it would reach that element"], found


def test_a_link_left_without_an_address_with_no_mistake_to_explain_it_is_reported(root: Path, monkeypatch):
    """A link is left without an address only when a mistake explains it; one so left in a site with no mistake
    (as two passages named alike once left a citation) is reported, located, rather than published."""
    from microsite import validate as validate_module

    edit(root, "pages/statistics.en.md", "Intro.", f'Intro. [Orders came]({f"cite:{SOURCE}"} "达成订单额63亿元").')
    assert site_of(root)  # the citation finds its passage
    real = validate_module.trace_evidence

    def losing_the_anchor(*arguments, **keywords):
        sources, records, anchors = real(*arguments, **keywords)
        return sources, records, {key: anchor for key, anchor in anchors.items() if "63" not in key[1]}

    monkeypatch.setattr(validate_module, "trace_evidence", losing_the_anchor)
    found = mistakes(root)
    assert len(found) == 1 and found[0].startswith(
        "content/pages/statistics.en.md:6:22: the link to 'cite:2023-10-11-abcdef12' leads nowhere, though nothing "
        "in the content explains why: this is microsite's mistake"), found


@pytest.mark.parametrize("quote, written, cut", [
    ("9个所属商会成立、成长", "9 chambers", "begins inside '49' of the source, cutting it into '4' and '9'"),
    ("5亿元，有效助力公益慈善事业", "CNY 500 million", "begins inside '4.5亿' of the source, cutting it into '4.' and '5亿'"),
    ("4.5亿元，有效助力公益慈善事业", "CNY 450 million", "begins inside '超4.5亿' of the source, cutting it into '超' and '4.5亿'"),
    ("所属商协会及其会员捐款超4", "over 4", "ends inside '4.5亿' of the source, cutting it into '4' and '.5亿'"),
])
def test_a_quote_that_begins_or_ends_inside_a_number_of_its_source_is_refused(root: Path, quote, written, cut):
    """A part of a number reads as another (9 of 49, 5亿 of 4.5亿) or as meant otherwise (4.5亿 without its 超)."""
    edit(root, "pages/statistics.en.md", "Intro.", f'Intro. [{written}](cite:{SOURCE} "{quote}").')
    found = [line for line in mistakes(root) if "inside" in line]
    assert found == [f"content/pages/statistics.en.md:6:{len('Intro. [') + len(written) + 3}: citation: the quote {cut}\n"
                     "  hint: quote the whole number, with what says how it is meant (超, 余, a magnitude such as 亿): "
                     "a part of it reads as another number"], mistakes(root)


def test_a_quote_that_ends_before_a_measure_word_or_begins_after_a_sentence_cuts_no_number(root: Path):
    edit(root, "pages/statistics.en.md", "Intro.", f'Intro. [49](cite:{SOURCE} "建立起“三个三”工作载体，护航49").')
    assert site_of(root)


@pytest.mark.parametrize("lang, key, words, rate", [
    ("zh", "label", "所属商协会及其会员每年的捐款", "a year (每年, 年均, per year, annually)"),
    ("zh", "short", "月均捐款", "a month (每月, 月均, per month, monthly)"),
    ("en", "label", "annual donations", "a year (每年, 年均, per year, annually)"),
    ("en", "label", "donated each week", "a week (每周, per week, weekly)"),
    ("zh", "label", "人均捐款", "per person (每人, 人均, 每位, per person, per capita)"),
    ("en", "short", "Donations per chamber", "per chamber (每个商会, per chamber)"),
    ("en", "label", "donated every other year", "every two years (每两年, biennially)"),
])
def test_a_statistic_s_words_that_say_a_rate_its_quote_does_not_say_are_refused(root: Path, lang: str, key: str,
                                                                                words: str, rate: str):
    """Readers read a figure with its label: 年均捐款 says 超4.5亿元 is given each year, which the quote's amount
    said once (捐款超4.5亿元) does not say."""
    label = "label: 捐款" if lang == "zh" else "label: donated"
    edit(root, "data/statistics.yaml", label, f"{label}\n    short: x" if key == "short" else label)
    edit(root, "data/statistics.yaml", f"{key}: {'x' if key == 'short' else label.split(': ')[1]}", f"{key}: {words}")
    [found] = mistakes(root)
    assert f"statistic 'donations': its {key} in '{lang}' ('{words}') says the figure is said {rate}, which " in found
    assert "but the quote's '超4.5亿元' says no rate: an amount said once" in found
    assert "hint: say in the words what the quote says, or quote the passage that says the rate" in found


@pytest.mark.parametrize("lang, words", [
    ("zh", "每个商会都由工作载体护航"), ("zh", "每家商会都在工作载体的护航下成立"), ("en", "each chamber is escorted by the framework"),
])
def test_a_statistic_s_words_that_say_a_thing_of_each_are_no_rate(root: Path, lang: str, words: str):
    """每个商会都由…护航 says each chamber is escorted, not that the figure (49 of them) is each chamber's: it was
    refused as a count said per chamber. 每个商会捐款 beside the donations' total is still refused."""
    edit(root, "data/statistics.yaml", "label: 所属商会" if lang == "zh" else "label: affiliated chambers",
         f"label: {words}")
    assert site_of(root)
    edit(root, "data/statistics.yaml", "label: 捐款", "label: 每个商会捐款")
    [found] = mistakes(root)
    assert "its label in 'zh' ('每个商会捐款') says the figure is said per chamber" in found


def test_a_statistic_s_rate_its_quote_says_is_traced(root: Path):
    from tests.conftest import reseal
    source = root / "content/sources/2023-10-11-abcdef12.md"
    source.write_text(source.read_text(encoding="utf-8").replace("所属商协会及其会员捐款超4.5亿元", "所属商协会及其会员年均捐款超4.5亿元"),
                      encoding="utf-8")
    reseal(source)
    edit(root, "data/statistics.yaml", "quote: 所属商协会及其会员捐款超4.5亿元", "quote: 所属商协会及其会员年均捐款超4.5亿元")
    edit(root, "data/statistics.yaml", "label: 捐款", "label: 每年的捐款")
    edit(root, "data/statistics.yaml", "label: donated", "label: donated every year")
    edit(root, "pages/statistics.en.md", "Intro.", "Intro. Members give [](stat:donations) a year.")
    assert site_of(root)  # 每年, "every year" and "a year" say what the quote's 年均 says
    edit(root, "data/statistics.yaml", "label: donated every year", "label: donated every month")
    assert [line.split(": ", 1)[1].split("\n")[0] for line in mistakes(root) if "statistic 'donations'" in line] == [
        "statistic 'donations': its label in 'en' ('donated every month') says the figure is said a month (每月, 月均, "
        "per month, monthly), which readers read with it, but the quote's '超4.5亿元' says it a year (每年, 年均, per "
        "year, annually)"]


@pytest.mark.parametrize("measure", ["年", "对", "个半"])
def test_a_statistic_s_measure_word_is_its_quote_s(root: Path, measure: str):
    """49个 of 护航49个 is not 49年 (years), 49对 (pairs) or 49个半 (49.5)."""
    edit(root, "data/statistics.yaml", "measure: 个", f"measure: {measure}")
    assert mistakes(root) == [
        f"content/data/statistics.yaml:8:5: statistic 'chambers': the measure word in 'zh' is '{measure}', but the "
        f"quote counts with '个' ('49个'): readers would see '49{measure}'\n"
        "  hint: write measure: 个, the quote's (a measure word can change what is counted: 年 years, 对 pairs)"]
