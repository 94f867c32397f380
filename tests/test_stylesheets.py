"""Tests for microsite.stylesheets: the text a stylesheet shows readers, and counters moved from their defaults."""

from __future__ import annotations

import pytest

from microsite.errors import ContentErrors
from microsite.pipeline import check
from microsite.stylesheets import read_stylesheet


def shown(css: str) -> list[str]:
    return [text for _, _, text in read_stylesheet(css).runs]


def counted(css: str) -> list[str]:
    return [item.message for item in read_stylesheet(css).counted]


@pytest.mark.parametrize("css, texts", [
    ('q::before { content: "\\201C"; } .new::after { content: \'3 new\' }', ["\u201c", "3 new"]),
    ('li { list-style-type: "49 " } q { quotes: "94" "x" }', ["49 ", "94", "x"]),  # a marker, <q>'s marks
    ('.a { --label: "49 chambers" } .a::after { content: var(--label) }', ["49 chambers"]),
    ('p { text-overflow: "49"; hyphenate-character: "9" }', ["49", "9"]),  # properties not named here: read
    ('ol { list-style: symbols(cyclic "49") }', ["49"]),
    ('@counter-style x { system: fixed; symbols: "49 chambers:" }', ["49 chambers:"]),
    ('@counter-style y { system: numeric; symbols: \\34 \\39; pad: 3 "0"; prefix: "No. " }', ["49", "0", "No. "]),
    ('@counter-style z { system: additive; additive-symbols: 40 X, 9 IX }', ["X", "IX"]),  # (weights are code)
    ('.a { color: red; .b { content: "4/9" } }', ["4/9"]),  # a nested rule
    ('.a::after { content: "open 49\n}', ["open 49"]),  # a string a line break ends
    ('C\\4f NTENT: "x"', ["x"]),  # a style attribute's declarations, a property's name escaped
])
def test_the_strings_a_stylesheet_shows_and_its_counter_styles_symbols_are_read(css, texts):
    assert shown(css) == texts


@pytest.mark.parametrize("css", [
    '@import "x49.css"; @charset "utf-8";',
    'a[data-x="49"] { color: red }',  # a selector's attribute value
    '@font-face { font-family: "Font 5"; src: local("Font 5"), url("f5.woff2") format("woff2") }',
    'p { font-feature-settings: "ss01"; font: 12px "Font 5"; grid-template-areas: "a1 b2"; animation: "x2" 1s }',
    'p { -webkit-locale: "zh-2"; background: url(data:image/png;base64,AAA49{};) }',  # (no delimiter in an address)
    '/* content: "49" */ p { color: red }',
])
def test_a_string_that_names_something_is_code(css):
    assert shown(css) == []


def test_a_strings_place_is_where_its_text_begins():
    css = 'p {\n  color: red;\n  content: "since 1952";\n}\n'
    [(line, column, text)] = read_stylesheet(css).runs
    assert (line, column, text) == (3, 13, "since 1952")


@pytest.mark.parametrize("css, message", [
    ("body { counter-reset: fig 94 }", "'counter-reset: fig 94' sets counter 'fig' to 94, not 0"),
    ("ol { counter-set: list-item 49 }", "'counter-set: list-item 49' sets counter 'list-item' to 49, not 0"),
    ("li { counter-increment: x 7 }", "'counter-increment: x 7' steps counter 'x' by 7, not 1"),
    ("li { counter-increment: x -1 }", "'counter-increment: x -1' steps counter 'x' by -1, not 1"),
    ("li { counter-increment: x x }", "'counter-increment: x x' steps counter 'x' twice for each element"),
    ("ol { counter-reset: reversed(list-item) 50 }", "'counter-reset: list-item 50' sets counter 'list-item' to 50"),
    ("ol { counter-reset: fig calc(93 + 1) }", "'counter-reset: fig calc(…' sets a counter by a value the build"),
    ("ol { counter-reset: fig var(--start) }", "'counter-reset: fig var(…' sets a counter by a value the build"),
    ("ol { COUNTER-R\\45SET: fig 3 }", "'counter-reset: fig 3' sets counter 'fig' to 3, not 0"),
    (".a::after { content: attr(data-count) }", "'attr(data-count)' shows readers the value of an attribute"),
])
def test_a_counter_moved_from_its_defaults_is_refused(css, message):
    [found] = counted(css)
    assert found.startswith(message)


@pytest.mark.parametrize("css", [
    "body { counter-reset: fig } figure { counter-increment: fig } figcaption::before { content: counter(fig) }",
    "ol { counter-reset: list-item 0 fig } li { counter-increment: list-item 1 !important }",
    "ol { counter-reset: reversed(list-item) } h2 { counter-increment: none } h2::before { content: counters(s, '.') }",
    ".a::after { content: attr(title) }",  # an attribute read as shown already
])
def test_a_counter_that_counts_from_its_defaults_counts_elements_as_a_list_does(css):
    assert counted(css) == []


def test_counters_and_counter_styles_that_show_untraced_numbers_are_refused_where_they_stand(minimal_project):
    """The first figure of a page showed "94", an ordered list began at 49, a marker read "49 chambers": each
    passed the check, which read only ``content: "..."``."""
    sheet = minimal_project / "static" / "style.css"
    added = ["body { counter-reset: fig 93 }", "figure { counter-increment: fig }",
             "figcaption::before { content: counter(fig) }", "ol { counter-set: list-item 48 }",
             '@counter-style chambers { system: fixed; symbols: "49 chambers:" }',
             'ul { list-style: symbols(cyclic "49") }']
    before = sheet.read_text(encoding="utf-8")
    sheet.write_text(before + "\n" + "\n".join(added) + "\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    first = before.count("\n") + 2  # the line of added[0]
    messages = raised.value.format(minimal_project)

    def at(index: int, number: str) -> str:
        return f"static/style.css:{first + index}:{added[index].index(number) + 1}: the static file's own text: "

    assert f"{at(0, '93')}'counter-reset: fig 93' sets counter 'fig' to 93, not 0" in messages
    assert f"{at(3, '48')}'counter-set: list-item 48' sets counter 'list-item' to 48, not 0" in messages
    assert f"{at(4, '49')}the number '49' is not traced to a source" in messages
    assert f"{at(5, '49')}the number '49' is not traced to a source" in messages
    assert len(raised.value.errors) == 4
    assert "hint: let a counter count from its defaults" in messages


def test_a_style_element_and_a_style_attribute_are_read_as_a_stylesheet_is(minimal_project):
    (minimal_project / "static" / "page.html").write_text(
        '<p style="counter-reset: fig 93">x</p>\n<style>\nli::before { content: "49 chambers" }\n</style>\n'
        '<ol start="49"><li>x</li></ol>\n<svg><text><![CDATA[94 chambers]]></text></svg>\n', encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    messages = raised.value.format(minimal_project)
    assert "static/page.html:1:1: the static file's own text: 'counter-reset: fig 93'" in messages
    assert "static/page.html:3:24: the static file's own text: the number '49'" in messages
    assert "static/page.html:5:1: the static file's own text: '<ol start=\"49\">' numbers the list from 49" in messages
    assert "static/page.html:6:21: the static file's own text: the number '94'" in messages
    assert len(raised.value.errors) == 4


def loaded(css: str) -> list[tuple[int, int, str]]:
    return [(line, column, address) for line, column, address, _ in read_stylesheet(css).addresses]


@pytest.mark.parametrize("css, found", [
    ('@import "a.css";\n@IMPORT url(b.css) screen;', [(1, 10, "a.css"), (2, 13, "b.css")]),
    ('@font-face { src: url("https://f.example/x.woff2") format("woff2"), local("X") }',
     [(1, 24, "https://f.example/x.woff2")]),  # format() and local() name no file
    ('.a { background: image-set("a.png" 1x, url(b.png) 2x) }', [(1, 29, "a.png"), (1, 44, "b.png")]),
    ('.a { background: -webkit-image-set("a.png" 1x) }', [(1, 37, "a.png")]),
    ('/* url(old.png) @import "old.css"; */ .a { content: "url(x.png)" }', []),  # a comment's, a string's text
    ('.a { background: u\\72l(x.png) }', [(1, 24, "x.png")]),  # a name's escapes: url() all the same
    ('.a { background: \\75\\52\\l("x.png") }', [(1, 28, "x.png")]),
    ('@\\69mport "a.css";', [(1, 12, "a.css")]),
    ('.a { mask: url( "m.svg#i" ) }', [(1, 18, "m.svg#i")]),
    ('@namespace svg url(http://www.w3.org/2000/svg);\n@NameSpace "http://www.w3.org/1999/xhtml";\n'
     '@import url(a.css);', [(3, 13, "a.css")]),  # a namespace is a name, fetched by no one
])
def test_what_a_stylesheet_loads_is_found_where_it_is_written(css, found):
    assert loaded(css) == found


def test_a_stylesheet_of_static_that_loads_from_another_host_is_refused_where_it_does(minimal_project):
    with (minimal_project / "static" / "style.css").open("a", encoding="utf-8") as sheet:
        sheet.write('\n@import url("https://fonts.example/css?family=Noto");\n'
                    '@font-face { font-family: N; src: url(//fonts.example/n.woff2) }\n')
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    lines = (minimal_project / "static" / "style.css").read_text(encoding="utf-8").splitlines()
    messages = raised.value.format(minimal_project)
    assert (f"static/style.css:{len(lines) - 1}:14: loads 'https://fonts.example/css?family=Noto', an address on "
            "another host") in messages
    assert f"static/style.css:{len(lines)}:39: loads '//fonts.example/n.woff2', an address on another host" in messages
