"""Tests for microsite.render: pages to bytes in memory, template mistakes located."""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from microsite.addresses import HINT_POLICY
from microsite.errors import ContentError, ContentErrors
from microsite.load import Project, load
from microsite.model import BuildOptions, Source
from microsite.provenance import Passage, SourceBlock
from microsite.inputs import Inputs
from microsite.render import Output, Renderer, Segment, render_unmade, source_segments
from microsite.validate import validate
from tests.conftest import MINIMAL, make_project, resealed
from tests.timing import superlinear

SOURCE = "2023-10-11-abcdef12"
TITLE = "<script>alert(document.domain)</script> & co"

POLICY_WRITTEN = '<meta http-equiv="Content-Security-Policy" content="{{ content_security_policy }}">'


def source_with(blocks: list[SourceBlock], passages: list[Passage]) -> Source:
    return Source(id="s", path=Path("content/sources/s.md"), lang="zh", outlet="报", date=date(2023, 10, 11),
                  edition="", page="", kicker="", title="题", author="", declared_chars=None, counted_chars=0,
                  raw_sha256="", raw_name="", blocks=tuple(blocks), passages=tuple(passages))


def rendered(root: Path, options: BuildOptions = BuildOptions()) -> list[Output]:
    """Every file of the site at ``root``, rendered in memory; ContentErrors with each template mistake once."""
    outputs, errors = [], {}
    for job in Renderer(replace(validate(load(Project(root))), options=options)).jobs():
        try:
            outputs.append(Output(job.path, job.make()))
        except ContentError as error:
            errors.setdefault(error.format(), error)
    if errors:
        raise ContentErrors(list(errors.values()))
    return outputs


def render_mistakes(root: Path, options: BuildOptions = BuildOptions()) -> list[ContentError]:
    with pytest.raises(ContentErrors) as caught:
        rendered(root, options)
    return caught.value.errors


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The minimal site, its English home page titled with markup, rendered once."""
    root = make_project(tmp_path_factory.mktemp("render"), MINIMAL / "content")
    replace_in(root / "content" / "pages" / "index.en.md", "title: Home en", f'title: "{TITLE}"')
    return {output.path: output.content for output in rendered(root)}


# --- source_segments ---------------------------------------------------------------------


def test_passages_become_anchored_segments_with_the_text_between_kept():
    blocks = [SourceBlock("heading", "小标题", 10), SourceBlock("paragraph", "甲乙丙丁戊己庚辛", 12)]
    passages = [Passage("q-stat-b", 1, 5, 7), Passage("q-stat-a", 1, 1, 3)]
    assert source_segments(source_with(blocks, passages)) == [
        ("heading", [Segment("小标题")]),
        ("paragraph", [Segment("甲"), Segment("乙丙", "q-stat-a"), Segment("丁戊"), Segment("己庚", "q-stat-b"),
                       Segment("辛")]),
    ]


def test_passage_at_the_edges_of_a_block_leaves_no_empty_segment():
    blocks = [SourceBlock("paragraph", "甲乙丙", 1), SourceBlock("caption", "图为丁", 3)]
    passages = [Passage("q-a", 0, 0, 3), Passage("q-b", 1, 2, 3)]
    assert source_segments(source_with(blocks, passages)) == [
        ("paragraph", [Segment("甲乙丙", "q-a")]),
        ("caption", [Segment("图为"), Segment("丁", "q-b")]),
    ]


def test_the_segments_of_a_block_join_to_its_text():
    text = "今年4月，依托海内外晋江乡贤资源，达成订单额63亿元。"
    passages = [Passage("q-1", 0, 0, 5), Passage("q-2", 0, 17, 26)]
    [(kind, segments)] = source_segments(source_with([SourceBlock("paragraph", text, 1)], passages))
    assert "".join(segment.text for segment in segments) == text
    assert [segment.anchor for segment in segments] == ["q-1", "", "q-2", ""]


def test_the_segments_of_a_source_of_many_quoted_blocks_are_found_in_linear_time():
    """Each block of a source read every passage of the source: 10,000 quoted paragraphs took 13 s to check."""
    def source(count: int):  # noqa: ANN202
        return source_with([SourceBlock("paragraph", "甲乙丙", line) for line in range(count)],
                           [Passage(f"q-{number}", number, 0, 2) for number in range(count)])

    assert superlinear(source_segments, source, 1000) is None


# --- output ------------------------------------------------------------------------------


def test_every_page_and_source_is_rendered_at_its_output_path(outputs: dict[str, bytes]):
    expected = {"index.html", "en/index.html", "404.html", "en/404.html", "statistics/index.html",
                "en/statistics/index.html", f"sources/{SOURCE}/index.html", f"en/sources/{SOURCE}/index.html"}
    assert expected <= set(outputs)
    assert not any(path.startswith("/") for path in outputs)


def test_pages_are_utf8_bytes(outputs: dict[str, bytes]):
    assert all(isinstance(content, bytes) for content in outputs.values())
    home = outputs["index.html"]
    assert "测试站点".encode("utf-8") in home
    assert home.decode("utf-8").startswith("<!doctype html>")


def test_source_page_marks_the_quoted_passages(outputs: dict[str, bytes]):
    html = outputs[f"sources/{SOURCE}/index.html"].decode("utf-8")
    assert '<mark id="q-stat-chambers">护航49个所属商会成立、成长</mark>' in html
    assert '<mark id="q-event-april-event">' in html


def test_source_page_gives_page_and_kicker_in_the_readers_words_before_the_original(minimal_project: Path):
    english = minimal_project / "content" / "sources" / f"{SOURCE}.en.md"
    replace_in(english, "author: Xu Zhinan\n", 'author: Xu Zhinan\npage: "6"\nkicker: Competence\n')
    pages = {output.path: output.content.decode("utf-8") for output in rendered(minimal_project)}
    english_page, chinese_page = pages[f"en/sources/{SOURCE}/index.html"], pages[f"sources/{SOURCE}/index.html"]
    assert '<dd>6 (<span lang="zh-Hans">第06版 六版</span>)</dd>' in english_page
    assert '<dd>Competence (<span lang="zh-Hans">强素质 增信念 勤联络</span>)</dd>' in english_page
    assert '<dd><span lang="zh-Hans">第06版 六版</span></dd>' in chinese_page
    assert '<dd><span lang="zh-Hans">强素质 增信念 勤联络</span></dd>' in chinese_page


def test_titles_are_escaped_in_the_page(outputs: dict[str, bytes]):
    html = outputs["en/index.html"].decode("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(document.domain)&lt;/script&gt; &amp; co" in html


def test_rendered_markdown_is_not_escaped_twice(outputs: dict[str, bytes]):
    html = outputs["en/index.html"].decode("utf-8")
    assert '<a href="/en/statistics/#stat-chambers">49</a>' in html


# --- template mistakes ------------------------------------------------------------------------


@pytest.mark.parametrize("written, shown, hint", [
    ("  {% if %}", "templates/404.html:5: template syntax error: ", "fix the template"),
    ('  {% include "parts/note.html" %}', "templates/404.html:5: template 'parts/note.html' not found\n",
     "create templates/parts/note.html, or correct the name where it is used"),  # where it is included
])
def test_a_template_mistake_is_located_in_the_template(minimal_project: Path, written: str, shown: str, hint: str):
    replace_in(minimal_project / "templates" / "404.html", "  {{ body }}", written)
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project).startswith(shown)
    assert error.hint == hint


def test_syntax_error_in_the_base_template_is_reported_once(minimal_project: Path):
    base = minimal_project / "templates" / "base.html"
    replace_in(base, "<main", "{% endfor %}<main")
    line = next(number for number, text in enumerate(base.read_text(encoding="utf-8").splitlines(), 1)
                if "{% endfor %}<main" in text)
    [error] = render_mistakes(minimal_project)
    location = error.location
    assert (location.path.name, location.line) == ("base.html", line)
    assert "template syntax error" in error.message


def _line_of(path: Path, words: str) -> int:
    return next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if words in text)


@pytest.mark.parametrize("policy_made, found", [
    ("", "it carries no Content-Security-Policy"),
    ('<link rel="stylesheet" href="{{ asset(\'style.css\') }}">\n' + POLICY_WRITTEN,
     "its Content-Security-Policy comes after a <link>, which a browser loads or runs before it reads the policy"),
    (POLICY_WRITTEN.replace("{{ content_security_policy }}", "default-src *"),
     "its Content-Security-Policy is not the site's: 'default-src *'"),
])
def test_a_page_not_held_to_the_sites_policy_is_one_mistake_where_its_head_is_written(minimal_project: Path,
                                                                                     policy_made: str, found: str):
    """Every template extends base.html: the mistake is reported once, at base.html's <head>, not once for each."""
    base = minimal_project / "templates" / "base.html"
    replace_in(base, POLICY_WRITTEN, policy_made)
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project).splitlines()[0] == \
        f"templates/base.html:{_line_of(base, '<head')}: the pages whose <head> this template writes are not held " \
        f"to the site's policy: {found}"
    assert error.hint == HINT_POLICY


def test_a_page_template_that_writes_its_own_head_is_held_to_the_policy_too(minimal_project: Path):
    (minimal_project / "templates" / "404.html").write_text(
        '<!doctype html>\n<html lang="{{ language.tag }}">\n<head>\n<meta charset="utf-8">\n<title>{{ title }}</title>'
        "\n</head>\n<body><main>{{ body }}</main></body>\n</html>\n", encoding="utf-8")
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project).splitlines()[0] == "templates/404.html:3: the pages whose <head> this " \
        "template writes are not held to the site's policy: it carries no Content-Security-Policy"


@pytest.mark.parametrize("written, message", [
    ("{% block main %}{% endblok %}", "Encountered unknown tag 'endblok'"),
    ("<h1>{{ page.title | no_such_filter }}</h1>", "No filter named 'no_such_filter'"),
    ("{{ page is no_such_test }}", "No test named 'no_such_test'"),  # inside an if, Jinja defers it to the render
])
def test_a_template_no_page_uses_must_compile_too(minimal_project: Path, written: str, message: str):
    """The first page to use it would fail: the editor learns of the mistake where the template was changed."""
    (minimal_project / "templates" / "unused.html").write_text(f"{{# not used yet #}}\n{written}\n", encoding="utf-8")
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project).startswith("templates/unused.html:2: template syntax error: ")
    assert message in error.message and error.hint == "fix the template"


def test_every_template_that_does_not_compile_is_reported_each_once(minimal_project: Path):
    replace_in(minimal_project / "templates" / "404.html", "  {{ body }}", "  {% if %}")
    (minimal_project / "templates" / "unused.html").write_text("{{ x | no_such_filter }}\n", encoding="utf-8")
    errors = render_mistakes(minimal_project)
    assert sorted(error.format(minimal_project).split(":")[0] for error in errors) == [
        "templates/404.html", "templates/unused.html"]


@pytest.mark.parametrize("name", ["404.html", "macros.html", "unused.html"])  # a page's, one it imports, one no
def test_a_template_that_is_not_utf8_is_one_mistake_at_its_first_bad_byte(minimal_project: Path, name: str):
    template = minimal_project / "templates" / name
    before = template.read_bytes() if template.exists() else b""
    template.write_bytes(before + b"{# caf\xe9 #}\n")
    line = before.count(b"\n") + 1
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project) == (
        f"templates/{name}:{line}:7: the file is not UTF-8 text\n"
        "  hint: save it as UTF-8 (editors call it 'UTF-8' or 'Unicode'); GBK and GB18030 are not accepted")


def test_undefined_ui_string_is_located_at_the_template_line(minimal_project: Path):
    replace_in(minimal_project / "templates" / "404.html", "t('not_found_home_link')", "t('no_such_string')")
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project) == (
        "templates/404.html:6: UI string 'no_such_string' is not defined\n"
        "  hint: add 'no_such_string:' with every language to content/data/strings.yaml")


PAGE_KEY = "give the page's key: its file's name under content/pages/ without the language (pillars/contact for " \
           "pillars/contact.en.md)"
TEMPLATE_NAME = ("name a template as pages do, by its file in templates/ without .html (pillar for "
                 "templates/pillar.html)")


def _unknown(written: str, message: str, hint: str) -> object:  # a case named by what the template writes
    return pytest.param(written, message, hint, id=written)


@pytest.mark.parametrize(("written", "message", "hint"), [
    *(_unknown(f"href({key})", f"a page the site does not have in any language: href({shown})",
               PAGE_KEY + ", or sources/<id> for a source's page")
      for key, shown in [("'indx'", "'indx'"), ("'sources/2023-10-11-nowhere'", "'sources/2023-10-11-nowhere'"),
                         ("'/en/'", "'/en/'"), ("'index/'", "'index/'"),
                         ("page_of('pillar')", "None")]),  # a template no page of the site uses
    *(_unknown(f"{function}('indx'{more})", f"a page the site does not have in any language: {function}('indx')",
               PAGE_KEY)
      for function, more in [("related_statistics", ""), ("related_events", ""), ("page_in", ", 'en'")]),
    *(_unknown(call, f"pages of a template that does not exist: templates/{name}.html", TEMPLATE_NAME)
      for call, name in [("pages_with('pilar')", "pilar"), ("page_of('timelines')", "timelines"),
                         ("page_of('404.html')", "404.html")]),
])
def test_a_name_the_site_does_not_have_is_a_mistake_at_the_template_line(minimal_project: Path, written: str,
                                                                          message: str, hint: str):
    """A page's key or a template's name that nothing has: not an empty list, or a link to the 404 page."""
    replace_in(minimal_project / "templates" / "404.html", "{{ body }}", f"{{{{ body }}}}{{{{ {written} }}}}")
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project) == f"templates/404.html:5: {message}\n  hint: {hint}"


@pytest.mark.parametrize("term", ["'three-threes'", "'three-systems'"])  # a group of parts, and one of its parts
def test_a_glossary_term_the_structure_figure_names_and_the_site_lacks_is_a_mistake(sample_project: Path, term: str):
    for lang in ("zh", "en"):  # the sample's organisation page, as ours is, made with the structure figure
        replace_in(sample_project / "content" / "pages" / f"organisation.{lang}.md", "template: page",
                   "template: organisation")
    macros = sample_project / "templates" / "macros.html"
    line = 1 + macros.read_text(encoding="utf-8").split("structure_figure(")[0].count("\n")
    rendered(sample_project)  # the figure's terms are the sample's
    replace_in(macros, term, "'no-such-term'")
    errors = render_mistakes(sample_project)
    assert [error.format(sample_project) for error in errors] == [
        f"templates/macros.html:{line}: a glossary term the site does not have: 'no-such-term'\n"
        "  hint: name a term by its id in content/data/glossary.yaml, or add the term there"]


def test_the_pages_of_a_template_no_page_uses_are_none(minimal_project: Path, tmp_path: Path):
    from microsite.pipeline import build

    (minimal_project / "templates" / "unused.html").write_text("{{ body }}\n", encoding="utf-8")
    replace_in(minimal_project / "templates" / "404.html", "{{ body }}",
               "{{ body }}<p>[{{ pages_with('unused') | length }} {{ page_of('unused') }}]</p>")
    build(minimal_project, tmp_path / "site")
    assert "<p>[0 None]</p>" in (tmp_path / "site" / "en" / "404.html").read_text(encoding="utf-8")


def test_a_link_to_a_page_or_a_source_the_site_has_renders(minimal_project: Path, tmp_path: Path):
    from microsite.pipeline import build

    replace_in(minimal_project / "templates" / "404.html", "href('index')",
               "href('sources/2023-10-11-abcdef12', 'q-stat-chambers') }}{{ href('index')")
    build(minimal_project, tmp_path / "site")
    html = (tmp_path / "site" / "en" / "404.html").read_text(encoding="utf-8")
    assert 'href="/en/sources/2023-10-11-abcdef12/#q-stat-chambers/en/"' in html


TRUSTED = ("the ids the templates place (#converted-text, #full-text, #get-the-data, #headline-figures, #main, "
           "#other-pillars, #page-map-label, #pillars, #related, #search, #search-query, #search-results, "
           "#search-status, #site-search-query, #structure, #timeline-preview, #chart-...) are taken on trust, not "
           "checked page by page")


def _linking(project: Path, *calls: str) -> None:
    """The 404 page's template, linking with each of ``calls`` on its line 5."""
    links = "".join(f"<a href=\"{{{{ {call} }}}}\">x</a>" for call in calls)
    replace_in(project / "templates" / "404.html", "{{ body }}", "{{ body }}" + links)


@pytest.mark.parametrize(("call", "message", "hint"), [
    ("href('index', 'alpah')", "href('index', 'alpah')", "its headings, #alpha"),
    ("href(page_of('statistics').key, 'stat-chambres')", "href('statistics', 'stat-chambres')",
     "its headings, none; #stat-ID for each statistic it lists"),
    ("href('index', 'stat-chambers')", "href('index', 'stat-chambers')", "its headings, #alpha"),  # not listed there
    ("href('statistics', 'event-april-event')", "href('statistics', 'event-april-event')",
     "its headings, none; #stat-ID for each statistic it lists"),
    ("href('sources/2023-10-11-abcdef12', 'q-stat-chambres')", "href('sources/2023-10-11-abcdef12', 'q-stat-chambres')",
     "its headings, none; its quoted passages, #q-event-april-event, #q-stat-chambers, #q-stat-donations"),
    ("href('index', 'q-stat-chambers')", "href('index', 'q-stat-chambers')", "its headings, #alpha"),  # a source's
])
def test_a_link_to_an_anchor_the_page_does_not_have_is_a_mistake_at_the_template_line(
        minimal_project: Path, call: str, message: str, hint: str):
    """``href(key, 'anchor')`` is checked as a Markdown link's anchor is: a heading of the page, a record it lists,
    a source's quoted passage; a typo would send readers to the top of the page. One mistake for every language."""
    for lang in ("en", "zh"):
        replace_in(minimal_project / "content" / "pages" / f"index.{lang}.md", "The ICF", "## Alpha\n\nThe ICF")
    _linking(minimal_project, call)
    [error] = render_mistakes(minimal_project)
    assert error.format(minimal_project) == (
        f"templates/404.html:5: a link to an anchor the page does not have: {message}\n"
        f"  hint: anchors there: {hint}; {TRUSTED}; or link to the page itself, href({message.split(',')[0][5:]})")


def test_a_link_to_a_heading_one_language_of_the_page_lacks_names_that_language(minimal_project: Path):
    replace_in(minimal_project / "content" / "pages" / "index.en.md", "The ICF", "## Alpha\n\nThe ICF")
    _linking(minimal_project, "href('index', 'alpha')")
    [error] = render_mistakes(minimal_project)
    assert error.message == "a link to an anchor the page does not have in zh: href('index', 'alpha')"
    assert error.hint.startswith("anchors there: its headings in zh, none; the ids the templates place (")


def test_a_link_to_an_anchor_the_page_has_renders(minimal_project: Path):
    """A heading of the page, a record the page lists, a source's passage, an id a template places (on trust)."""
    for lang in ("en", "zh"):
        replace_in(minimal_project / "content" / "pages" / f"index.{lang}.md", "The ICF", "## Alpha\n\nThe ICF")
    _linking(minimal_project, "href('index', 'alpha')", "href('statistics', 'stat-chambers')",
             "href('timeline', 'event-april-event')", "href('glossary', 'term-' ~ site.terms[0].id)",
             "href('sources/2023-10-11-abcdef12', 'q-event-april-event')", "href('index', 'main')",
             "href('statistics', 'chart-anything')", "href('index', '')")
    pages = {output.path: output.content.decode("utf-8") for output in rendered(minimal_project)}
    for address in ("/en/#alpha", "/en/statistics/#stat-chambers", "/en/timeline/#event-april-event",
                    "/en/sources/2023-10-11-abcdef12/#q-event-april-event", "/en/#main",
                    "/en/statistics/#chart-anything"):
        assert f'href="{address}"' in pages["en/404.html"], address


@pytest.mark.parametrize(("template", "reads"), [
    ("{{ href('index') }}{{ href(page.key, '') }}", False),  # no anchor
    ("{{ href(organisation.key, 'structure') }}{{ href(key, 'stat-x') }}{{ href(key, fragment='q-1-2') }}", False),
    ("{{ href(organisation.key, 'looking-ahead') }}", True),  # a heading's id, written as text
    ("{{ href(key, fragment='looking-ahead') }}", True),
    ("{{ href(key, anchor) }}", True),  # computed
    ("{{ href(key, 'stat-' ~ stat.id) }}", True),
    ("{% set link = href %}{{ link(key, 'structure') }}", True),  # called under another name
    ("{{ href(*pair) }}", True),
    ("<a href=\"{{ item.href }}\" hreflang=\"en\">{{ href(key, fragment='', target=x) }}</a>", False),
    ("{{ href(pages_with('pillar')[0].key, 'related') }}{{ href(f(a, ')'), \"main\") }}", False),
    ("{{ href(key, 'main' ~ x) }}", True), ("{{ href(key, 'main' 'x') }}", True),
    ("{{ href(key, 'st\\x72ucture') }}", True), ("{{ href(key, target) == x }}", True),
    ("{{ href == x }}", True), ("{{ m(href) }}", True), ("{{ href(key, 'structure'", True),  # never closed
    ("{# href(key, anchor) #}", True),  # erring towards "may"
])
def test_the_templates_whose_links_may_name_a_heading_are_read_from_their_code(template: str, reads: bool):
    from microsite.render import templates_reading_headings

    assert templates_reading_headings({"t.html": template}) == ({"t.html"} if reads else set())


def test_the_pages_whose_templates_use_one_that_may_name_a_heading_read_the_headings():
    """A template id named as text reads no heading (``href(organisation.key, 'structure')`` is the figure's id); a
    heading named in the macros reaches the templates that import them, those that extend one of those, and no
    other. (A set of templates of this shape, not this repository's, which its maintainer may change.)"""
    from microsite.render import templates_reading_headings

    sources = {
        "base.html": "<main>{% block main %}{% endblock %}</main>",
        "macros.html": "{% macro card(stat) %}<a href=\"{{ href(stat.evidence) }}\">x</a>{% endmacro %}",
        "home.html": '{% extends "base.html" %}{% import "macros.html" as m %}'
                     "{% block main %}<a href=\"{{ href(organisation.key, 'structure') }}\">s</a>{% endblock %}",
        "page.html": '{% extends "base.html" %}{% from "macros.html" import card %}',
        "pillar.html": '{% extends "page.html" %}',
        "sources.html": "{% extends 'base.html' %}{% block main %}{{ href(source.key) }}{% endblock %}",
    }
    assert templates_reading_headings(sources) == set()
    sources["macros.html"] += "{% macro more(key) %}{{ href(key, 'looking-ahead') }}{% endmacro %}"
    assert templates_reading_headings(sources) == {"macros.html", "home.html", "page.html", "pillar.html"}


def test_a_template_reads_the_headings_that_one_it_uses_reads():
    from microsite.render import templates_reading_headings

    sources = {"a.html": "{% extends 'b.html' %}", "b.html": "{% include 'c.html' -%}",
               "c.html": "{% from 'd.html' import m %}", "d.html": "{{ href(key, 'alpha') }}",
               "e.html": "{% include name %}", "f.html": "{{ href(key, 'main') }}",
               "g.html": "{%- include 'f.html' if x else 'd.html' -%}", "h.html": "{% include ['f.html'] %}",
               "i.html": "{% include 'f.html' ignore missing %}{% import 'f.html' as f with context %}"}
    assert templates_reading_headings(sources) == {"a.html", "b.html", "c.html", "d.html", "e.html", "g.html",
                                                   "h.html"}
    assert templates_reading_headings({**sources, "d.html": ""}) == set()


def test_undefined_variable_is_an_error_not_an_empty_string(minimal_project: Path):
    replace_in(minimal_project / "templates" / "404.html", "{{ page.title }}", "{{ page.subtitle }}")
    errors = render_mistakes(minimal_project)
    assert {(error.location.path.name, error.location.line) for error in errors} == {("404.html", 4)}
    assert [error.message.split(":")[0] for error in errors] == ["template error"]  # once, not once per page
    assert all("UndefinedError" in error.message and "subtitle" in error.message for error in errors)


SHORT = BuildOptions(timeout=0.5)  # a page's rendering stopped after half a second: the tests stay fast
RUNAWAY = [  # what a template writes that runs away, the start of its message, and of its hint
    ("{% for i in range(10**12) %}x{% endfor %}", "took longer than 0.5 s, and was stopped here", "a loop that "),
    ("{% for i in range(10**12) %}{% endfor %}", "took longer than 0.5 s", "a loop that does not end"),  # writes nothing
    ("{% for p in site.pages %}{% for i in range(10**9) %}{{ p.key }}{% endfor %}{% endfor %}",
     "took longer than 0.5 s", "a loop that does not end"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "went too deep (a macro or template that calls itself",
     "a macro that calls itself needs a case"),
    ('{{ "x" * 10**12 }}', "ran out of memory, and was stopped here", "a very large text or list?"),
]


@pytest.mark.parametrize("written, message, hint", RUNAWAY)
def test_a_runaway_template_is_stopped_and_located_at_its_line_naming_the_page(minimal_project: Path, written: str,
                                                                               message: str, hint: str):
    replace_in(minimal_project / "templates" / "404.html", "  {{ body }}", "  " + written)
    started = time.perf_counter()
    [error] = render_mistakes(minimal_project, SHORT)  # the first page stopped stops the rest: no 0.5 s a page
    assert time.perf_counter() - started < 5
    assert re.match(r"templates/404\.html:5: rendering the page /(en|zh)/404\.html " + re.escape(message),
                        error.format(minimal_project).split("\n")[0])
    assert error.hint.startswith(hint)


def test_a_template_stopped_inside_a_macro_of_another_is_located_in_that_one(minimal_project: Path):
    macros = minimal_project / "templates" / "macros.html"
    line = macros.read_text(encoding="utf-8").split("\n").index('<li class="figure-card">') + 1
    replace_in(macros, '<li class="figure-card">\n', '<li class="figure-card">\n{% for i in range(10**12) %}{% endfor %}\n')
    [error] = render_mistakes(minimal_project, SHORT)
    assert (error.location.path.name, error.location.line) == ("macros.html", line + 1)
    assert re.fullmatch(r"rendering the page /(en|zh)/\S* took longer than 0.5 s, and was stopped here", error.message)


def test_a_runaway_template_is_stopped_in_a_thread_other_than_the_main_one(minimal_project: Path):
    """The preview rebuilds in its watcher thread, where no timer signal arrives."""
    replace_in(minimal_project / "templates" / "404.html", "  {{ body }}", "  {% for i in range(10**12) %}{% endfor %}")
    found: list = []
    thread = threading.Thread(target=lambda: found.append(render_mistakes(minimal_project, SHORT)))
    thread.start()
    thread.join(10)
    [[error]] = found
    assert "took longer than 0.5 s" in error.message and error.location.line == 5


def test_a_runaway_template_in_pages_rendered_on_other_cores_stops_them_all_at_once(minimal_project: Path,
                                                                                      monkeypatch: pytest.MonkeyPatch):
    """As ``check`` renders a large site: in forked children, whose mistake crosses back whole."""
    import microsite.cores

    monkeypatch.setattr(microsite.cores, "MIN_ITEMS", 1)  # children even for the few pages of the minimal site
    replace_in(minimal_project / "templates" / "base.html", "<main", "{% for i in range(10**12) %}{% endfor %}<main")
    site = replace(validate(load(Project(minimal_project))), options=SHORT)
    started = time.perf_counter()
    with pytest.raises(ContentErrors) as caught:
        render_unmade(Renderer(site).jobs(), set())
    assert time.perf_counter() - started < 10  # not half a second for each of the pages
    [error] = caught.value.errors
    assert error.location.path.name == "base.html" and "took longer than 0.5 s" in error.message


def test_a_page_within_the_limit_is_rendered_and_nothing_stops_later(minimal_project: Path):
    replace_in(minimal_project / "templates" / "404.html", "  {{ body }}", "  {{ body }}{% for i in range(3000) %}{% endfor %}")
    assert rendered(minimal_project, SHORT)
    time.sleep(0.7)  # no alarm left behind, to go off in whatever runs next


def test_a_source_without_kicker_author_or_translation_shows_no_empty_rows_and_is_warned_about(
        minimal_project: Path, tmp_path: Path) -> None:
    from microsite.pipeline import build

    sources = minimal_project / "content" / "sources"
    original = sources / "2023-10-11-abcdef12.md"
    text = original.read_text(encoding="utf-8")
    original.write_text(resealed(text.replace("kicker: 强素质 增信念 勤联络\n", "").replace("author: 徐志南\n", "")),
                        encoding="utf-8")  # (as ingest writes an article without them)
    (sources / "2023-10-11-abcdef12.en.md").unlink()
    result = build(minimal_project, tmp_path / "site")
    html = (tmp_path / "site" / "en" / "sources" / "2023-10-11-abcdef12" / "index.html").read_text(encoding="utf-8")
    strings = result.site.strings
    assert strings["source_kicker"]["en"] not in html and strings["source_author"]["en"] not in html
    assert [w.format(minimal_project) for w in result.warnings if "sources/" in str(w.location.path)] == [
        "content/sources/2023-10-11-abcdef12.md: no 2023-10-11-abcdef12.en.md: the en page of this source shows its "
        "zh title and author, and no summary\n  hint: add content/sources/2023-10-11-abcdef12.en.md with outlet, "
        "title, author and a summary (as the other sources' have)"]


def test_sections_are_the_h2_headings_with_their_anchors_and_plain_text() -> None:
    from microsite.model import Rendered
    from microsite.render import Section, sections

    html = ('<h2 id="a">One <a href="x">link</a> &amp; more</h2><p>text</p><h3 id="b">Sub</h3>'
            '<h2 id="c-2">“三个三”</h2>')
    assert sections(Rendered(html)) == [Section("a", "One link & more"), Section("c-2", "“三个三”")]
    # An image in a heading is its description in the page's map, as in the feeds.
    assert sections(Rendered('<h2 id="d"><img src="f.svg" alt="旗帜" /> 商会</h2>')) == [Section("d", "旗帜 商会")]


def test_only_a_page_of_four_or_more_sections_gets_a_map() -> None:
    from microsite.render import PAGE_MAP_MIN, Section, page_map

    found = [Section(f"s{index}", "text") for index in range(PAGE_MAP_MIN)]
    assert page_map(found) == found
    assert page_map(found[:-1]) == []


# --- environments kept by a long-running caller ------------------------------------------------------------


def _render_with(root: Path, kept: dict) -> tuple[dict[str, bytes], object]:
    renderer = Renderer(validate(load(Project(root))), Inputs(root), environments=kept)
    return {job.path: job.make() for job in renderer.jobs()}, renderer.env


def test_a_kept_environment_serves_only_the_very_same_template_files(minimal_project: Path):
    kept: dict = {}
    first, env = _render_with(minimal_project, kept)
    again, same = _render_with(minimal_project, kept)
    assert same is env and again == first  # nothing compiled twice, nothing different

    base = minimal_project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-edited", 1), encoding="utf-8")
    edited, other = _render_with(minimal_project, kept)
    assert other is not env and list(kept.values()) == [other]  # one kept: the one for today's templates
    pages = [path for path in edited if path.endswith(".html")]
    assert pages and all(b"data-edited" in edited[path] for path in pages)
    assert edited.keys() == first.keys()


def test_a_template_first_asked_for_after_an_edit_is_read_from_that_build(minimal_project: Path):
    """A kept environment reads a template it has not compiled yet from the new build's inputs, as fingerprinted."""
    kept: dict = {}
    _render_with(minimal_project, kept)
    env = next(iter(kept.values()))
    inputs = Inputs(minimal_project)
    Renderer(validate(load(Project(minimal_project))), inputs, environments=kept)
    assert env.loader.inputs is inputs


def test_citations_written_at_the_same_place_of_two_files_each_lead_to_their_own_passage(minimal_project: Path):
    """A passage quoted only by citations is named by where it is in the source, never by where the citing link
    is in its file: two pages citing from the same line and column (of one source) each lead to their own
    passage, and no id is given twice on the source's page."""
    pages = minimal_project / "content" / "pages"
    quotes = {"index.en.md": "晋江市市长王明元调研在晋异地商会会务发展", "statistics.en.md": "达成订单额63亿元"}
    for name, quote in quotes.items():
        with (pages / name).open("a", encoding="utf-8") as page:
            page.write(f'\n\nOrders [came](cite:2023-10-11-abcdef12 "{quote}").\n')
    outputs = {output.path: output.content.decode() for output in rendered(minimal_project)}
    source = outputs["en/sources/2023-10-11-abcdef12/index.html"]
    ids = re.findall(r'id="(q-[^"]+)"', source)
    assert len(ids) == len(set(ids))
    links = [re.search(r'Orders <a href="/en/sources/2023-10-11-abcdef12/#(q-[^"]+)" class="cite">', outputs[path])
             for path in ("en/index.html", "en/statistics/index.html")]
    assert all(links) and links[0][1] != links[1][1] and {link[1] for link in links} <= set(ids)
    for link, quote in zip(links, quotes.values()):  # each anchor marks the passage of its own quote
        assert re.search(f'id="{link[1]}"[^>]*>[^<]*{quote[:6]}', source), quote


def test_every_id_the_templates_give_is_one_no_heading_gets():
    """``conventions.TEMPLATE_IDS`` and ``TEMPLATE_ID_PREFIXES`` list every id the templates give (a heading of a
    page's text is then never given one of them: see ``markdown.heading_ids``)."""
    from microsite.conventions import TEMPLATE_ID_PREFIXES, TEMPLATE_IDS, is_template_id
    from tests.conftest import REPO

    literal, made = set(), set()
    for template in (REPO / "templates").glob("*.html"):
        for ident in re.findall(r'\bid="([^"]*)"', template.read_text(encoding="utf-8")):
            if "{" in ident:
                made.add(ident.split("{", 1)[0])  # what an id made from a name begins with ("" for a passage's)
            else:
                literal.add(ident)
    assert literal and literal <= TEMPLATE_IDS and all(map(is_template_id, literal))
    assert made - {""} <= set(TEMPLATE_ID_PREFIXES) and "q-" in TEMPLATE_ID_PREFIXES  # passages: "q-..."


def test_a_template_in_a_linked_folder_is_read_again_when_saved_with_its_old_time_stamp(minimal_project: Path,
                                                                                       tmp_path: Path):
    """A template reached through a link to a folder (``templates/parts -> ../shared``) is not among the inputs
    (links to folders are not followed), so nothing fingerprinted says it is unchanged: the preview's kept
    templates must not be trusted for it by its time stamp, which ``touch -d`` or ``cp -p`` set back."""
    from microsite.cache import BuildCache
    from microsite.pipeline import CACHE_FOLDER, build

    shared = minimal_project / "shared"
    shared.mkdir()
    (shared / "note.html").write_text("<p>before</p>\n", encoding="utf-8")
    (minimal_project / "templates" / "parts").symlink_to("../shared")
    home = minimal_project / "templates" / "home.html"
    home.write_text(home.read_text(encoding="utf-8").replace(
        "  {{ body }}\n", '  {{ body }}\n{% include "parts/note.html" %}\n', 1), encoding="utf-8")
    cache, out = BuildCache(minimal_project / CACHE_FOLDER, save=False), tmp_path / "preview"
    build(minimal_project, out, cache=cache)
    assert "<p>before</p>" in (out / "index.html").read_text(encoding="utf-8")
    note = shared / "note.html"
    stamp = note.stat()
    note.write_text("<p>after!</p>\n", encoding="utf-8")  # the same size
    os.utime(note, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    build(minimal_project, out, cache=cache)
    assert "<p>after!</p>" in (out / "index.html").read_text(encoding="utf-8")
    cache.close()


def test_the_glossary_and_the_pillars_show_the_articles_words_wherever_the_root_language(sample_project: Path):
    """With English published at the root of a site written in Chinese, the glossary gave each term in English
    alone ('Federation of Industry and Commerce', its Chinese gone) and in Chinese as 'Federation ... · 工商联', and
    the pillar cards alike: they showed the default language's words as the article's."""
    replace_in(sample_project / "content" / "site.yaml", "default_language: zh",
               "default_language: en\noriginal_language: zh")
    pages = {output.path: output.content.decode("utf-8") for output in rendered(sample_project)}
    english, chinese = pages["glossary/index.html"], pages["zh/glossary/index.html"]
    assert '<dt><span lang="zh-Hans">工商联</span> · Federation of Industry and Commerce' in english
    assert '<dt><span lang="zh-Hans">工商联</span> <span class="pinyin"' in chinese
    assert re.search(r'<span class="term" lang="zh-Hans">强素质</span>\s*Competence', pages["index.html"])
    assert re.search(r'<span class="term" lang="zh-Hans">强素质</span>\s*</a>', pages["zh/index.html"])


def test_a_quote_is_marked_with_the_tag_of_its_sources_language(minimal_project: Path):
    """The figures' and the events' quotes were marked lang="zh-Hans" whatever the site calls Chinese (a site whose
    zh is tagged zh-CN, or zh alone), as a source page marks the article's words by their language's tag."""
    replace_in(minimal_project / "content" / "site.yaml", "zh: {name: 中文, tag: zh-Hans}", "zh: {name: 中文, tag: zh-CN}")
    pages = {output.path: output.content.decode("utf-8") for output in rendered(minimal_project)}
    for path in ("statistics/index.html", "en/statistics/index.html", "timeline/index.html", "en/timeline/index.html"):
        assert 'lang="zh-Hans"' not in pages[path], path
    assert re.search(r'<a href="[^"]*" lang="zh-CN">[^<]*护航', pages["en/statistics/index.html"])
    assert re.search(r'<q lang="zh-CN">', pages["en/timeline/index.html"])
