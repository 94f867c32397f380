"""Tests for microsite.template_text: the words a template writes itself, and the numbers among them refused."""

from __future__ import annotations

import jinja2
import pytest

from microsite.errors import ContentErrors
from microsite.pipeline import check
from microsite.template_text import shown_runs

ENVIRONMENT = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def texts(source: str) -> list[tuple[int, int, str]]:
    return [(line, column, text.strip()) for line, column, text in shown_runs(source, ENVIRONMENT)]


def test_the_text_a_template_writes_is_found_where_it_stands():
    source = ('<html>\n<body>\n  <p>{{ t("note") }} Since 1952.</p>\n{% if n > 3 %}\n  <p>Forty\nchambers</p>\n'
              '{% endif %}\n</body>\n</html>\n')
    assert texts(source) == [(3, 6, "Since 1952."), (5, 6, "Forty"), (6, 1, "chambers")]  # where each run starts
    line, column, text = shown_runs(source, ENVIRONMENT)[0]
    assert source.splitlines()[line - 1][column - 1 + text.index("1952"):].startswith("1952")


def test_what_an_expression_or_a_statement_holds_is_code_not_text():
    source = '{# 87 chambers #}<p>{{ 87 }} {{ "3 items" }}{% set x = 5 %}{% for i in range(3) %}{{ i }}{% endfor %}</p>'
    assert texts(source) == []


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
