"""Published static files: the stylesheet minified without changing what it means."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from microsite.assets import StaticFile, fingerprint_assets, minify_css
from microsite.errors import ContentErrors
from tests.conftest import MINIMAL, PROJECT, REPO, make_project


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


@pytest.mark.parametrize("content, line, column", [
    (b'.a{content:"\xe9"}', 1, 13),  # Latin-1
    (".a{}\n.b{content:'商会'}\n".encode("gbk"), 2, 13),
    (b"\xef\xbb\xbf.a{}\n/* \xff */", 2, 4),  # after a byte order mark
    (b"\xef\xbb\xbf\xff", 1, 1),
])
@pytest.mark.parametrize("enabled", [True, False])
def test_a_stylesheet_that_is_not_utf8_is_a_mistake_at_its_first_bad_byte(content: bytes, line: int, column: int,
                                                                         enabled: bool) -> None:
    files = (StaticFile("css/bad.css", content), StaticFile("good.css", b".b{}"))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files, enabled, Path("/project/static"))
    [error] = caught.value.errors
    assert error.format() == (f"/project/static/css/bad.css:{line}:{column}: the file is not UTF-8 text\n"
                              "  hint: save it as UTF-8 (editors call it 'UTF-8' or 'Unicode'); GBK and GB18030 are "
                              "not accepted")


def test_a_build_with_a_stylesheet_that_is_not_utf8_stops_with_that_one_mistake(tmp_path: Path) -> None:
    root = make_project(tmp_path, MINIMAL / "content")
    (root / "static" / "thing.css").write_bytes(b'.a{content:"\xe9"}')
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "build"], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "static/thing.css:1:13: the file is not UTF-8 text\n  hint: save it as UTF-8" in run.stderr
    assert "1 mistake found" in run.stderr


@pytest.mark.parametrize("names", [("a.css", "z.css"), ("z.css", "a.css")])
def test_a_stylesheet_names_another_by_its_published_name_whichever_sorts_first(names: tuple[str, str]) -> None:
    """``@import "z.css"`` and ``url(z.css)`` in a.css point at z.css's fingerprinted name: they were left as they
    were when z.css sorted after a.css (url) or always (@import), naming a file the site does not have."""
    importing, imported = names
    files = (StaticFile(importing, f'@import "{imported}";\n.a {{ background: url({imported}); }}\n'.encode()),
             StaticFile(imported, b".z { color: red; }\n"))
    assets = fingerprint_assets(files)
    published = assets[importing].content.decode()
    target = assets[imported].path.removeprefix("static/")
    assert f'@import "{target}"' in published and f"url({target})" in published
    assert f'"{imported}"' not in published and f"({imported})" not in published


def test_stylesheets_that_name_each_other_in_a_circle_are_a_mistake() -> None:
    files = (StaticFile("a.css", b'@import "b.css";'), StaticFile("b.css", b'@import "a.css";'))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files)
    assert "stylesheets name each other in a circle (a.css -> b.css -> a.css)" in str(caught.value.errors[0])


def test_a_stylesheets_address_that_names_no_file_of_static_is_a_mistake_where_it_stands() -> None:
    css = b'/* url(old.png) */\n.a { background: url( gone.png ); }\n.b { background: url("../up.png") }\n'
    files = (StaticFile("css/a.css", css), StaticFile("up.png", b"\x89PNG"))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files)
    assert [error.format() for error in caught.value.errors] == [
        "static/css/a.css:2:23: loads 'gone.png', which is not a file of static/\n"
        "  hint: an address in a stylesheet is relative to its folder (static/css/): correct the name, or add the file"]
