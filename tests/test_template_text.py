"""Tests for microsite.template_text: the words a template writes itself, and the numbers among them refused."""

from __future__ import annotations

import sys

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from microsite.errors import ContentErrors
from microsite.pipeline import check
from microsite.static_text import shown_in_static
from microsite.template_text import read_shown, shown_runs

ENVIRONMENT = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def texts(source: str) -> list[tuple[int, int, str]]:
    return [(line, column, text.strip()) for line, column, text in shown_runs(source, ENVIRONMENT)]


def test_the_text_a_template_writes_is_found_where_it_stands():
    source = ('<html>\n<body>\n  <p>{{ t("note") }} Since 1952.</p>\n{% if n > 3 %}\n  <p>Forty\nchambers</p>\n'
              '{% endif %}\n</body>\n</html>\n')
    assert texts(source) == [(3, 6, "Since 1952."), (5, 6, "Forty"), (6, 1, "chambers")]  # where each run starts
    line, column, text = shown_runs(source, ENVIRONMENT)[0]
    assert source.splitlines()[line - 1][column - 1 + text.index("1952"):].startswith("1952")


def test_what_a_statement_or_a_comment_holds_is_code_not_text():
    source = '{# 87 chambers #}<p>{% set x = 5 %}{% for i in range(3) %}{{ i }}{% endfor %}{{ loop.index + 1 }}</p>'
    assert texts(source) == []


@pytest.mark.parametrize("source, shown", [
    ('<p>{{ "since 1952" }} and {{ 87 }}</p>', [(1, 4, "and"), (1, 8, "since 1952"), (1, 30, "87")]),
    ('<p>{{ page.title ~ " since 1988" }}</p>', [(1, 21, "since 1988")]),
    ('<p>{{ "Founded 1952" if lang == "en" else "1952年成立" }}</p>', [(1, 8, "Founded 1952"), (1, 44, "1952年成立")]),
    ('<p>{{ "%d chambers" % 17 }}</p>', [(1, 8, "chambers"), (1, 23, "17")]),  # (the conversion is code)
    ('<p>{{ "%.1f%%"|format(x) }} {{ "since 1952"|upper }}</p>', [(1, 33, "since 1952")]),
    ('<p title="{{ \'4 tiers\' }}">b</p>', [(1, 28, "b"), (1, 15, "4 tiers")]),  # an attribute read
    ('<p>\n  {{\n "x 12" }}</p>', [(3, 3, "x 12")]),
    # a name the template sets so, found where it is set
    ('{% set label = "since 1952" %}\n<p>{{ label }}</p>', [(1, 17, "since 1952")]),
    ('{% set n = 3 %}<p>{{ n }} chambers</p>', [(1, 19, "chambers"), (1, 12, "3")]),
    ('{% for label in ["3 pillars", "9 chambers"] %}<li>{{ label }}</li>{% endfor %}', [(1, 19, "3 pillars"),
                                                                                         (1, 32, "9 chambers")]),
    ('{% set x = "4 tiers" %}<p title="{{ x }}">b</p>', [(1, 43, "b"), (1, 13, "4 tiers")]),
])
def test_the_strings_and_numbers_an_expression_writes_as_written_are_its_own_words(source, shown):
    assert texts(source) == shown


@pytest.mark.parametrize("source", [
    '<div class="{{ \'col-3\' }}" id="{{ "s2" }}"></div>',  # attributes no reader sees
    '<script>let n = {{ "3" }};</script>',
    '<p>{{ t("note2") }} {{ lang == "en2" }} {{ items[:3]|join(", ") }} {{ x|round(1) }} {{ range(3)|list }}</p>',
    '<p>{{ loop.index + 1 }} {{ "%.1f"|format(x) }} {{ page.title|truncate(30) }}</p>',
    '{% from "m.html" import card %}<p>{{ card("h2", cols=3) }} {{ m.item(heading="h3") }}</p>',  # (a macro's)
    '{% set offset = 1 %}{% set cls = "col-3" %}<div class="{{ cls }}">{{ loop.index + offset }}</div>',
    '{% set a = b %}{% set b = a %}<p>{{ a }}</p>',  # (each name followed once)
])
def test_what_an_expression_computes_looks_up_or_hides_is_code(source):
    assert texts(source) == []


def test_an_expression_that_names_a_tag_writes_no_words():
    assert all("h2" not in text for _, _, text in texts('{% set heading = "h2" %}<{{ heading }}>t</{{ heading }}>'))


@pytest.mark.parametrize("tag, shown", [
    ('<img src="a.png" alt="3 pillars">', ["3 pillars"]),
    ('<a href="/" title="{{ x }} 5 links" aria-label="6 items">x</a>', ["5 links", "6 items", "x"]),
    ('<meta name="description" content="9 chambers">', ["9 chambers"]),
    ('<meta property="og:title" content="9 chambers">', ["9 chambers"]),
    ('<meta name="viewport" content="width=device-width, initial-scale=1">', []),  # for the browser
    ('<input placeholder="2023 search">', ["2023 search"]),
    ('<div class="col-2" data-n="4" id="s3"></div>', []),  # attributes no reader sees
    ('<script>var n = 42;</script><style>p { width: 3em }</style>', []),
])
def test_attributes_a_reader_sees_or_hears_are_text_and_scripts_are_not(tag, shown):
    assert [text for _, _, text in texts(tag)] == shown


def test_a_number_in_a_templates_own_words_is_refused_where_it_stands(minimal_project):
    base = minimal_project / "templates" / "base.html"
    source = base.read_text(encoding="utf-8")
    check(minimal_project)  # the repository's templates write no number of their own
    base.write_text(source.replace("</body>", '<p title="Forty-nine members">The ICF, since 1952.</p>\n</body>', 1),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    line = next(number for number, text in enumerate(base.read_text(encoding="utf-8").splitlines(), 1)
                if "since 1952" in text)
    messages = raised.value.format(minimal_project)
    assert f"templates/base.html:{line}:" in messages and "'1952'" in messages and "Forty-nine" in messages
    assert "the template's own text" in messages


def test_a_number_an_expression_writes_as_written_is_refused_where_it_stands(minimal_project):
    base = minimal_project / "templates" / "base.html"
    source = base.read_text(encoding="utf-8")
    base.write_text(source.replace("</body>", '<p>{{ "Founded in 1952" if page.lang == "en" else "成立于1952年" }}'
                                   '</p>\n</body>', 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    lines = base.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "Founded in 1952" in text)
    messages = raised.value.format(minimal_project)
    english, chinese = lines[line - 1].index("1952") + 1, lines[line - 1].index("1952年") + 1
    assert f"templates/base.html:{line}:{english}: the template's own text: the number '1952'" in messages
    assert f"templates/base.html:{line}:{chinese}: the template's own text: the number '1952年'" in messages


@pytest.mark.parametrize("name, content, shown", [
    ("chart.svg", b'<svg><title>Chart of 87</title><text x="10" y="20">Since 1952</text><style>a{x:1}</style></svg>',
     ["Chart of 87", "Since 1952"]),
    ("page.html", b'<p lang="en">Founded in 1952</p><script>let n = 3;</script>', ["Founded in 1952"]),
    ("style.css", b'q::before { content: "\\201C"; } .new::after { content: \'3 new\' } p { width: 3em }',
     ["\u201c", "3 new"]),  # an escape is a character, not the digits it is written with
    ("icons.css", b'.i::before { content: "\\f101" } .j::before { content: "\\"" }', ["\uf101", '"']),
    ("search.js", b'let label = "3 results";', []),  # a script's strings are code
    ("photo.png", b"\x89PNG 1952", []),
])
def test_the_files_of_static_the_site_serves_as_they_are_have_words_of_their_own(name, content, shown):
    assert [text.strip() for _, _, text in shown_in_static(name, content).runs] == shown


def test_a_number_in_a_static_svg_or_a_stylesheets_content_is_refused_where_it_stands(minimal_project):
    static = minimal_project / "static"
    (static / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<text>49 chambers</text></svg>\n',
                                      encoding="utf-8")
    with (static / "style.css").open("a", encoding="utf-8") as sheet:
        sheet.write('\n.lead::before { content: "\\201C"; }\n.tail::after {\n  content: "since 1952";\n}\n')
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    lines = (static / "style.css").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "since 1952" in text)
    messages = raised.value.format(minimal_project)
    assert "static/chart.svg:2:7: the static file's own text: the number '49'" in messages
    assert f"static/style.css:{line}:19: the static file's own text: the number '1952'" in messages
    assert len(raised.value.errors) == 2  # not the digits of the escape \201C


_DATA = st.text(alphabet="ab 12<>p/\n=\"'", min_size=0, max_size=12)


@st.composite
def templates(draw) -> tuple[str, list[bool]]:
    """A template of data and Jinja, some of whose code repeats the data beside it (so that a piece of data found
    in the wrong place shows), and which of its characters are data."""
    source, is_data = "", []
    for _ in range(draw(st.integers(1, 6))):
        data = draw(_DATA)
        echo = draw(_DATA)  # text the code holds, perhaps the data's own
        code = draw(st.sampled_from(["{{ '%s' }}", "{# %s #}", "{%% if '%s' %%}", "{%% endif %%}", "{%- if x -%}"]))
        code = code.replace("%s", (echo + data).replace("'", "").replace("}", "").replace("%", "").replace("#", ""))
        source += data + code
        is_data += [True] * len(data) + [False] * len(code)
    return source, is_data


@settings(max_examples=300, deadline=None)
@given(templates())
def test_blanking_keeps_every_character_of_data_where_it_stands_and_blanks_all_code(template):
    from microsite.template_text import _blanked

    source, is_data = template
    try:
        blanked = _blanked(source, ENVIRONMENT)
    except jinja2.TemplateSyntaxError:
        return  # an if without its endif: the template does not compile, and is reported so
    assert len(blanked) == len(source) and blanked.count("\n") == source.count("\n")
    for char, original, data in zip(blanked, source, is_data):
        if data and not original.isspace():
            assert char == original  # what the lexer keeps of data, in place (it strips only white space)
        elif not data:
            assert char == original == "\n" or char == " "


def test_the_last_resort_blanks_each_tag_to_the_first_end_of_its_kind():
    from microsite.template_text import _tags_blanked

    assert _tags_blanked("a{{ x }}b{% if y %}c{# 1 #}d{{ z") == "a       b          c       d    "
    assert _tags_blanked("87}} and %} stay text") == "87}} and %} stay text"


def test_an_invisible_character_in_a_templates_own_words_is_refused_as_in_content(minimal_project):
    base = minimal_project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</body>", "<p>\u202eLeft to right\u202c, and&#x200B;here</p>\n</body>", 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    messages = raised.value.format(minimal_project)
    for name in ("U+202E RIGHT-TO-LEFT OVERRIDE", "U+202C POP DIRECTIONAL FORMATTING", "U+200B ZERO WIDTH SPACE"):
        assert f"the template's own text: {name}" in messages


def test_an_element_closed_in_its_own_tag_hides_nothing_after_it():
    assert [text for _, _, text in texts('<script src="a.js"/><p>After 3 steps</p><style/><p>and 4</p>')] == [
        "After 3 steps", "and 4"]


@settings(max_examples=300, deadline=None)
@given(templates())
def test_every_run_found_stands_in_the_template_where_it_says(template):
    source, _ = template
    try:
        runs = shown_runs(source, ENVIRONMENT)
    except jinja2.TemplateSyntaxError:
        return  # reported where the template is compiled
    lines = source.split("\n")
    for line, column, text in runs:
        assert text.strip() and 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
        assert not any(0xF0000 <= ord(char) for char in text)  # no expression's mark is read as text


def test_a_template_of_more_expressions_than_there_are_marks_is_read_without_them(monkeypatch):
    from microsite import template_text

    monkeypatch.setattr(template_text, "_MARK", sys.maxunicode - 3)  # four marks, as if 131,072 had been made
    source = "<p>" + "{{ x }}" * 5 + " 3 items {{ '4 tiers' }}</p>"
    assert [text.strip() for _, _, text in shown_runs(source, ENVIRONMENT)] == ["3 items"]  # (no mark to spare)
    assert [text.strip() for _, _, text in shown_runs("<p>{{ '4 tiers' }}</p>", ENVIRONMENT)] == ["4 tiers"]


def test_what_a_macro_of_the_template_writes_in_text_is_read_where_it_is_given():
    source = ('{% macro badge(label="since 1952", kind="h2") %}<span class="{{ kind }}">{{ label }}</span>'
              '{% endmacro %}\n{{ badge() }} {{ badge("49 chambers", kind="h3") }}')
    assert sorted(text for _, _, text in shown_runs(source, ENVIRONMENT)) == ["49 chambers", "since 1952"]


def addresses(source: str) -> list[tuple[int, int, str, bool]]:
    return read_shown(source, ENVIRONMENT).addresses


def test_the_addresses_a_template_writes_itself_are_found_where_they_stand():
    source = ('{% set cdn = "https://cdn.example" %}\n'
              '<script src="{{ cdn }}/x.js"></script>\n'
              '<a href="{% if x %}javascript:go(){% else %}/a{% endif %}">x</a>\n'
              '<img src="{{ \'//img.example/a.png\' if x else asset(\'a.png\') }}" alt="">\n'
              '<link rel="stylesheet" href="{{ asset(\'style.css\') }}">\n'
              '<a href="/{{ lang }}/page/">y</a>\n'
              '<div style="background: url(\'https://img.example/bg.png\')"></div>\n'
              '<style>\n.x { background: url(//img.example/y.png) }</style>\n'
              '<img srcset="{{ small }} 1x, https://img.example/big.png 2x" alt="">\n')
    assert addresses(source) == [
        (1, 15, "https://cdn.example/x.js", True),  # where the template sets what the expression begins with
        (3, 1, "javascript:go()", False),  # a statement's branches: each
        (3, 1, "/a", False),
        (4, 15, "//img.example/a.png", True),  # an expression's constant, where it stands
        (6, 1, "/", False),  # up to where code stands in it
        (7, 1, "https://img.example/bg.png", True),  # a style attribute's, at its tag
        (9, 22, "//img.example/y.png", True),  # a style element's, where it stands
        (10, 1, "https://img.example/big.png", True),
    ]  # (asset('style.css') and the like: what code gives is checked where it comes from)


@pytest.mark.parametrize("source, found", [
    ('<a href="{{ "javascript" ~ ":go()" }}">x</a>', "javascript:go()"),  # pieces joined as written
    ('<a href="{{ "java" }}script:go()">x</a>', "javascript:go()"),
    ('<a href="{{ "javascript" + ":go()" }}">x</a>', "javascript:go()"),
    ('<script src="{{ "hxxps://cdn.example/x.js"|replace("xx", "tt") }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ "%s://cdn.example/x.js"|format("https") }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ "%s://cdn.example/x.js" % "https" }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ "{}://cdn.example/x.js".format("https") }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ {"a": "https://cdn.example/x.js"}["a"] }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ ["https://cdn.example/x.js"][0] }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ nothing or "https://cdn.example/x.js" }}"></script>', "https://cdn.example/x.js"),
    ('<script src="{{ nothing|default("https://cdn.example/x.js") }}"></script>', "https://cdn.example/x.js"),
    ('{% set cdn %}https://cdn.example{% endset %}<script src="{{ cdn }}/x.js"></script>', "https://cdn.example/x.js"),
    ('{% macro s(u="https://cdn.example/x.js") %}<script src="{{ u }}"></script>{% endmacro %}{{ s() }}',
     "https://cdn.example/x.js"),  # a macro's default
    ('{% macro s(u) %}<script src="{{ u }}"></script>{% endmacro %}{{ s("https://cdn.example/x.js") }}',
     "https://cdn.example/x.js"),  # and what a call passes it
    ('{% for k, u in [("a", "https://cdn.example/x.js")] %}<script src="{{ u }}"></script>{% endfor %}',
     "https://cdn.example/x.js"),
    ('{% with u = "https://cdn.example/x.js" %}<script src="{{ u }}"></script>{% endwith %}',
     "https://cdn.example/x.js"),
    ('<script src="{% if lang %}x.js{% else %}https://cdn.example/x.js{% endif %}"></script>',
     "https://cdn.example/x.js"),  # the second branch too
    ('{{ "<script src=https://cdn.example/x.js></script>"|safe }}', "https://cdn.example/x.js"),  # markup unescaped
    ('{% set s = "<img src=https://cdn.example/x.png>" %}{{ s|safe }}', "https://cdn.example/x.png"),
    ('<a href="{{ \'&#106;avascript:go()\'|safe }}">x</a>', "javascript:go()"),  # as the browser reads it
    ('<img srcset="{{ \'a.png 1x, https://cdn.example/b.png 2x\' }}" alt="">', "https://cdn.example/b.png"),
    ('{% set d = {"u": "https://cdn.example/x.js"} %}<script src="{{ d.u }}"></script>', "https://cdn.example/x.js"),
    ('{% set d = {"u": "https://cdn.example/x.js"} %}<script src="{{ d["u"] }}"></script>', "https://cdn.example/x.js"),
    ('{% set n = namespace(u="https://cdn.example/x.js") %}<script src="{{ n.u }}"></script>',
     "https://cdn.example/x.js"),
    ('{% set n = namespace() %}{% set n.u = "https://cdn.example/x.js" %}<script src="{{ n.u }}"></script>',
     "https://cdn.example/x.js"),
    ('{% autoescape false %}{{ "<script src=https://cdn.example/x.js></script>" }}{% endautoescape %}',
     "https://cdn.example/x.js"),  # escaping off: what it writes is markup
    ('<a {{ "href=javascript:go()" }}>x</a>', "javascript:go()"),  # attributes an expression writes
    ('<{{ tag }} src="https://cdn.example/x.js"></{{ tag }}>', "https://cdn.example/x.js"),  # a tag it names
])
def test_an_address_is_read_as_each_text_the_template_may_write_it(source, found):
    assert found in [address for _, _, address, _ in addresses(source)]


@pytest.mark.parametrize("source", [
    '<a href="{{ href(\'index\') }}#main">x</a><img src="{{ asset(\'icon.svg\') }}" alt="">',
    '{% macro card(kind="note") %}<div class="{{ kind }}"></div>{% endmacro %}{{ card("h2") }}',
    '{{ "<b>bold</b>"|safe }}<a href="{{ page.url|default(\'#top\') }}">x</a>',
])
def test_what_code_gives_an_address_is_not_read_as_the_templates_own(source):
    assert [address for _, _, address, _ in addresses(source) if ":" in address or address.startswith("/")] == []


@settings(max_examples=300, deadline=None)
@given(templates())
def test_no_address_found_holds_an_expressions_mark(template):
    source, _ = template
    try:
        found = read_shown(f'<a href="{source}">x</a><img src="{source}" alt="">', ENVIRONMENT).addresses
    except jinja2.TemplateSyntaxError:
        return
    for _, _, address, _ in found:
        assert address and not any(0xF0000 <= ord(char) for char in address)


def test_a_template_that_loads_from_another_host_or_links_by_javascript_is_refused_where_it_stands(minimal_project):
    base = minimal_project / "templates" / "base.html"
    source = base.read_text(encoding="utf-8")
    check(minimal_project)  # the repository's templates load nothing from other hosts
    base.write_text(source.replace("</head>", '<script src="https://cdn.example/x.js"></script>\n</head>', 1)
                    .replace("</body>", '<a href="javascript:void(0)">menu</a>\n<iframe srcdoc="<p>hi</p>">'
                             '</iframe>\n</body>', 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    lines = base.read_text(encoding="utf-8").splitlines()
    at = {key: next(number for number, text in enumerate(lines, 1) if key in text)
          for key in ("cdn.example", "javascript:", "srcdoc")}
    messages = raised.value.format(minimal_project)
    assert (f"templates/base.html:{at['cdn.example']}:1: loads 'https://cdn.example/x.js', an address on another "
            "host") in messages
    assert (f"templates/base.html:{at['javascript:']}:1: links to 'javascript:void(0)', and a link may not lead by "
            "'javascript:'") in messages
    assert f"templates/base.html:{at['srcdoc']}:" in messages and "an iframe's srcdoc" in messages
    assert len(raised.value.errors) == 3


def test_code_written_into_a_template_is_refused_where_it_stands(minimal_project):
    """The site's Content-Security-Policy runs only scripts loaded from its own files: an inline script or an
    on... attribute would be refused by every browser, so the build refuses it first, with the way out. A script
    that holds data (JSON-LD), one that loads a file and an empty one are no code of the page's."""
    base = minimal_project / "templates" / "base.html"
    source = base.read_text(encoding="utf-8")
    base.write_text(source.replace("</body>", '<script>\n  track("{{ lang }}");\n</script>\n'
                                   '<script type="application/json">{"a": 1}</script><script></script>\n'
                                   '<script type="module" src="{{ asset(\'style.css\') }}"></script>\n'
                                   '<button onclick="go()">go</button>\n</body>', 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    lines = base.read_text(encoding="utf-8").splitlines()
    at = {key: next(number for number, text in enumerate(lines, 1) if key in text) for key in ("<script>", "onclick")}
    messages = raised.value.format(minimal_project)
    assert (f"templates/base.html:{at['<script>']}:1: the template's own text: an inline script: the site's "
            "Content-Security-Policy lets a browser run only scripts loaded from the site's own files") in messages
    assert "asset('name.js')" in messages
    assert f"templates/base.html:{at['onclick']}:1: the template's own text: an 'onclick' attribute: code" in messages
    assert len(raised.value.errors) == 2


def test_a_static_svg_with_a_script_of_its_own_is_refused():
    shown = shown_in_static("icon.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                                        b'<rect onload="x()" width="1" height="1"/></svg>')
    assert sorted(item.message.split(":")[0] for item in shown.counted) == ["an 'onload' attribute",
                                                                            "an inline script"]
