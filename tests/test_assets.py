"""Published static files: the stylesheet minified without changing what it means."""

from __future__ import annotations

import re

from microsite.assets import StaticFile, fingerprint_assets, minify_css
from tests.conftest import PROJECT


def test_minifying_drops_comments_and_spaces_that_mean_nothing() -> None:
    css = b"/* a note */\n.a :hover , b > c {\n  color : red ;\n  width: calc(1px + 2px);\n}\n"
    assert minify_css(css) == b".a :hover,b > c{color :red;width:calc(1px + 2px)}"


def test_minifying_leaves_strings_as_they_are_even_with_comment_marks_or_quotes_in_comments() -> None:
    css = b'/* "On this page": it\'s */ p::after { content: " /* ; } , "; } q { quotes: "\\"" \'x  y\'; }'
    assert minify_css(css) == b'p::after{content:" /* ; } , "}q{quotes:"\\"" \'x  y\'}'


def test_the_real_stylesheet_keeps_every_string_and_rule_when_published() -> None:
    source = (PROJECT / "static" / "style.css").read_bytes()
    published = fingerprint_assets((StaticFile("style.css", source),))["style.css"].content
    strings = re.compile(rb'"[^"\n]*"')
    # comments out (a brace or a quote in one is no rule or string), strings kept whole (a comment mark in one is text)
    string_or_comment = re.compile(rb'("(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|/\*.*?\*/', re.DOTALL)
    without_comments = string_or_comment.sub(lambda match: match.group(1) or b"", source)
    assert strings.findall(published) == strings.findall(without_comments)
    for brace in (b"{", b"}"):
        assert published.count(brace) == without_comments.count(brace), brace
    assert len(published) < len(source)


def test_the_live_preview_keeps_the_stylesheet_as_written() -> None:
    source = b"/* kept */\nbody { margin: 0; }\n"
    assert fingerprint_assets((StaticFile("style.css", source),), enabled=False)["style.css"].content == source
