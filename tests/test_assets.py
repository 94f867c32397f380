"""Published static files: the stylesheet minified without changing what it means."""

from __future__ import annotations

import json
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
    assert "static files name each other in a circle (a.css -> b.css -> a.css)" in str(caught.value.errors[0])


def test_a_stylesheets_address_that_names_no_file_of_static_is_a_mistake_where_it_stands() -> None:
    css = b'/* url(old.png) */\n.a { background: url( gone.png ); }\n.b { background: url("../up.png") }\n'
    files = (StaticFile("css/a.css", css), StaticFile("up.png", b"\x89PNG"))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files)
    assert [error.format() for error in caught.value.errors] == [
        "static/css/a.css:2:23: loads 'gone.png', which is not a file of static/\n"
        "  hint: an address in a file of static/ is relative to its folder (static/css/): correct the name, or add "
        "the file"]


def test_a_manifest_an_svg_and_a_static_page_name_the_published_names_of_the_files_they_name() -> None:
    """A web app manifest's icons (.webmanifest, or manifest.json), an SVG's <image>, <use> and stylesheet, a
    static page's picture and links: each names the fingerprinted file, its fragment kept, as a stylesheet's url()
    does; an installed app's icon 404ed once the unhashed name was gone."""
    manifest = (b'{\n  "name": "ICF",\n  "start_url": "../",\n  "icons": [\n    {"src": "icons/app.png", "sizes": '
                b'"192x192"},\n    {"src": "logo.svg", "type": "image/svg+xml"}\n  ]\n}\n')
    svg = (b'<?xml-stylesheet href="logo.css" type="text/css"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
           b'xmlns:xlink="http://www.w3.org/1999/xlink">\n<image href="icons/app.png"/><use xlink:href="sprite.svg#a"/>'
           b'\n<a href="https://example.org/">x</a><use href="#local"/></svg>\n')
    page = b'<p><img src="icons/app.png" srcset="icons/app.png 1x, icons/big.png 2x"><a href="logo.svg?v=1&amp;x">'
    files = (StaticFile("site.webmanifest", manifest), StaticFile("manifest.json", manifest),
             StaticFile("logo.svg", svg), StaticFile("sprite.svg", b'<svg><symbol id="a"/></svg>'),
             StaticFile("logo.css", b"svg { fill: red }"), StaticFile("icons/app.png", b"\x89PNG1"),
             StaticFile("icons/big.png", b"\x89PNG2"), StaticFile("about.html", page))
    assets = fingerprint_assets(files)
    name = {key: asset.path.removeprefix("static/") for key, asset in assets.items()}
    for key in ("site.webmanifest", "manifest.json"):
        published = json.loads(assets[key].content)
        assert [icon["src"] for icon in published["icons"]] == [name["icons/app.png"], name["logo.svg"]]
        assert published["start_url"] == "../"  # a page of the site, not a file of static/
    drawn = assets["logo.svg"].content.decode()
    assert f'href="{name["logo.css"]}"' in drawn and f'href="{name["icons/app.png"]}"' in drawn
    assert f'xlink:href="{name["sprite.svg"]}#a"' in drawn and 'href="#local"' in drawn
    assert 'href="https://example.org/"' in drawn
    shown = assets["about.html"].content.decode()
    assert (f'src="{name["icons/app.png"]}" srcset="{name["icons/app.png"]} 1x, {name["icons/big.png"]} 2x"'
            in shown)
    assert f'href="{name["logo.svg"]}?v=1&amp;x"' in shown
    assert name["manifest.json"].startswith("manifest.") and name["manifest.json"].endswith(".json")


def test_a_relative_address_in_a_manifest_or_markup_that_names_no_file_of_static_is_a_mistake_where_it_stands(
        ) -> None:
    manifest = b'{\n  "start_url": "../",\n  "icons": [{"src": "icons/gone.png"}],\n  "scope": "./"\n}\n'
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">\n  <image href="photo.jpg"/> <a href="other.svg">x</a>\n</svg>'
    files = (StaticFile("site.webmanifest", manifest), StaticFile("pic/logo.svg", svg))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files, folder=Path("static"))
    hint = ("  hint: an address in a file of static/ is relative to its folder (static/{}): correct the name, or add "
            "the file")
    assert [error.format() for error in caught.value.errors] == [
        "static/pic/logo.svg:2:16: loads 'photo.jpg', which is not a file of static/\n" + hint.format("pic/"),
        "static/pic/logo.svg:2:38: links to 'other.svg', which is not a file of static/\n" + hint.format("pic/"),
        "static/site.webmanifest:3:22: loads 'icons/gone.png', which is not a file of static/\n" + hint.format("")]


def test_static_files_that_name_each_other_in_a_circle_through_a_manifest_are_a_mistake() -> None:
    files = (StaticFile("a.svg", b'<svg><image href="b.svg"/></svg>'),
             StaticFile("b.svg", b'<svg><image href="a.svg"/></svg>'))
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets(files)
    assert "static files name each other in a circle (a.svg -> b.svg -> a.svg)" in str(caught.value.errors[0])


def test_a_stylesheets_image_set_names_the_published_names_and_a_missing_one_is_a_mistake() -> None:
    """image-set("a.png" 1x, "b.png" 2x) loads its strings as url() does: they were left as written (the reader's
    browser asked for a.png, which a build with hashed names does not publish), and one naming no file passed."""
    css = b'.a { background-image: image-set("a.png" 1x, "b.png" 2x); }\n'
    files = (StaticFile("s.css", css), StaticFile("a.png", b"1"), StaticFile("b.png", b"2"))
    assets = fingerprint_assets(files)
    a, b = (assets[name].path.removeprefix("static/") for name in ("a.png", "b.png"))
    assert f'image-set("{a}" 1x,"{b}" 2x)' in assets["s.css"].content.decode()
    with pytest.raises(ContentErrors) as caught:
        fingerprint_assets((StaticFile("s.css", css.replace(b"b.png", b"gone.png")), files[1]))
    assert [error.format().splitlines()[0] for error in caught.value.errors] == [
        "static/s.css:1:47: loads 'gone.png', which is not a file of static/"]


def test_an_address_is_rewritten_in_its_attribute_not_in_a_shown_one_written_before_it() -> None:
    """<image alt="logo.png" href="logo.png">: the alt (words a reader is shown) was rewritten, the href left naming
    a file a build with hashed names does not publish."""
    svg = b'<svg><image alt="logo.png" title=\'logo.png\' href="logo.png"/></svg>'
    assets = fingerprint_assets((StaticFile("a.svg", svg), StaticFile("logo.png", b"1")))
    published = assets["logo.png"].path.removeprefix("static/")
    assert assets["a.svg"].content.decode() == (f'<svg><image alt="logo.png" title=\'logo.png\' href="{published}"/>'
                                                "</svg>")
