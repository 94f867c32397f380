"""Tests for microsite.addresses: what an element loads or links to, and which addresses the site's own files may
hold."""

from __future__ import annotations

import pytest

from microsite.addresses import (CONTENT_SECURITY_POLICY, POLICY_META, address_problem, addresses_of, handlers_of,
                                 policy_problem, runs_its_text, scheme_of)


@pytest.mark.parametrize("tag, attributes, found", [
    ("img", [("src", "a.png"), ("alt", "")], [("a.png", True)]),
    ("a", [("href", "/en/"), ("ping", "https://t.example/p /q")],
     [("/en/", False), ("https://t.example/p", True), ("/q", True)]),
    ("link", [("rel", "Stylesheet"), ("href", "s.css")], [("s.css", True)]),
    ("link", [("rel", "preconnect"), ("href", "https://fonts.example")], [("https://fonts.example", True)]),
    ("link", [("rel", "alternate"), ("href", "https://example.org/feed.xml")],  # a link, not fetched
     [("https://example.org/feed.xml", False)]),
    ("link", [("rel", "alternate"), ("href", "javascript:x()")], [("javascript:x()", False)]),
    ("link", [("rel", "apple-touch-startup-image"), ("href", "s.png")], [("s.png", True)]),  # a relation not known
    ("link", [("rel", "alternate stylesheet"), ("href", "s.css")], [("s.css", True)]),
    ("pattern", [("id", "p"), ("href", "https://x.example/p.svg#p")], [("https://x.example/p.svg#p", True)]),
    ("textpath", [("xlink:href", "#p")], [("#p", True)]),
    ("mi", [("href", "javascript:x()")], [("javascript:x()", True)]),  # MathML: read by the attribute alone
    ("model-viewer", [("src", "https://x.example/m.glb")], [("https://x.example/m.glb", True)]),
    ("img", [("src", "a.png"), ("longdesc", "javascript:x()")], [("a.png", True), ("javascript:x()", False)]),
    ("set", [("attributename", "href"), ("to", "javascript:x()")], [("javascript:x()", True)]),
    ("animate", [("attributename", "xlink:href"), ("values", "a.svg; https://x.example/b.svg")],
     [("a.svg", True), ("https://x.example/b.svg", True)]),
    ("animate", [("attributename", "x"), ("values", "0; 10")], []),
    ("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("xmlns:xlink", "http://www.w3.org/1999/xlink")], []),
    ("div", [("itemtype", "https://schema.org/Thing"), ("cite", "https://x.example/")], []),
    ("link", [("href", "https://example.org/x.css"), ("rel", "shortcut icon")], [("https://example.org/x.css", True)]),
    ("form", [("action", "javascript:go()")], [("javascript:go()", False)]),
    ("video", [("poster", "p.jpg"), ("src", "v.mp4")], [("p.jpg", True), ("v.mp4", True)]),
    ("object", [("data", "chart.svg")], [("chart.svg", True)]),
    ("use", [("xlink:href", "https://x.example/s.svg#i")], [("https://x.example/s.svg#i", True)]),
    ("meta", [("http-equiv", "Refresh"), ("content", "0; URL='https://x.example/'")],
     [("https://x.example/", False)]),
    ("meta", [("http-equiv", "refresh"), ("content", "30")], []),  # reloads itself: no address
    ("meta", [("http-equiv", "refresh"), ("content", "0 javascript:x()")], [("javascript:x()", False)]),
    ("meta", [("http-equiv", "refresh"), ("content", "0,/elsewhere/")], [("/elsewhere/", False)]),
    ("meta", [("http-equiv", "refresh"), ("content", "0;url = \"/a/\"")], [("/a/", False)]),
    ("meta", [("http-equiv", "refresh"), ("content", "soon; url=/a/")], []),  # no delay: the browser ignores it
    ("meta", [("name", "description"), ("content", "https://x.example/")], []),
    ("p", [("title", "https://x.example/")], []),
    ("base", [("href", "https://cdn.example/")], [("https://cdn.example/", True)]),  # every relative address's host
])
def test_an_element_loads_or_links_by_the_table_of_its_attributes(tag, attributes, found):
    assert addresses_of(tag, attributes) == found


@pytest.mark.parametrize("srcset, found", [
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("a.png, https://cdn.example/b.png 480w", ["a.png", "https://cdn.example/b.png"]),
    ("data:image/png;base64,AAA=,AA 1x, https://cdn.example/c.png 2x",  # a data: address holds commas
     ["data:image/png;base64,AAA=,AA", "https://cdn.example/c.png"]),
    ("a.png image-set(1x, 2x), b.png", ["a.png", "b.png"]),  # a comma inside parentheses ends no candidate
])
def test_each_candidate_of_a_srcset_is_loaded(srcset, found):
    assert [address for address, _ in addresses_of("img", [("srcset", srcset)])] == found


@pytest.mark.parametrize("address, scheme", [
    ("https://x.example/", "https"),
    ("  JavaScript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),  # a browser drops tabs and line breaks in an address
    ("\x01javascript:alert(1)", "javascript"),  # and controls before it
    ("java\nscript:alert(1)", "javascript"),
    ("/en/a:b", ""),
    ("a.png?x=1:2", ""),
    ("1x:y", ""),  # a scheme begins with a letter
    ("#top", ""),
])
def test_a_scheme_is_read_as_a_browser_reads_it(address, scheme):
    assert scheme_of(address) == scheme


@pytest.mark.parametrize("address, loaded, wrong", [
    ("https://cdn.example/x.js", True, "an address on another host"),
    ("//fonts.example/f.css", True, "an address on another host"),
    ("/\\cdn.example/x.js", True, "an address on another host"),  # read as //cdn.example by a browser
    ("/\t/cdn.example/x.js", True, "an address on another host"),  # so is /<tab>/cdn.example
    ("/static/x.png", True, "from the host's root"),
    ("/en/", False, "from the host's root"),
    ("javascript:alert(1)", False, "a link may not lead by 'javascript:'"),
    ("vbscript:x", False, "'vbscript:'"),
    ("tel:+861234", False, "'tel:'"),
    ("javascript:x", True, "the site loads nothing by 'javascript:'"),
    ("data:text/html,<p>49</p>", False, "a 'data:' address of 'text/html'"),
    ("data:image/png;base64,AAAA", False, "a 'data:' address of 'image/png'"),  # a link to one: a page made up
    ("data:image/svg+xml,<svg><text>49</text></svg>", True, "'image/svg+xml'"),  # words the build does not read
    ("data:,49 chambers", True, "a 'data:' address of text"),
])
def test_an_address_the_site_may_not_hold_is_said_with_what_is_wrong(address, loaded, wrong):
    problem = address_problem(address, loaded)
    assert problem is not None and wrong in problem[0], problem
    assert problem[1]  # and how to mend it


@pytest.mark.parametrize("address, loaded", [
    ("style.css", True), ("../icon.svg", True), ("#top", False), ("?page=2", False),
    ("https://www.example.org/", False),  # whether the site may link there is the content's to say
    ("mailto:a@example.org", False), ("http://example.org/", False),
    ("data:image/png;base64,AAAA", True), ("data:font/woff2;base64,AAAA", True), ("data:,", True),
    ("about:blank", True),  # a frame of nothing fetches nothing
])
def test_an_address_the_site_may_hold_is_no_problem(address, loaded):
    assert address_problem(address, loaded) is None


@pytest.mark.parametrize("attributes, runs", [
    ([], True), ([("type", "module")], True), ([("type", " Text/JavaScript ")], True), ([("type", "")], True),
    ([("type", "importmap")], True), ([("language", "javascript")], True), ([("type", "application/ecmascript")], True),
    ([("type", "application/ld+json")], False), ([("type", "application/json")], False),
    ([("type", "text/plain")], False), ([("src", "x.js")], False), ([("src", None)], False),
    ([("type", "module"), ("src", "x.js")], False),
])
def test_a_script_runs_its_own_text_by_its_type_unless_it_loads_a_file(attributes, runs):
    """A browser runs the text of a script of no type or a JavaScript type (and acts on an import map's); one of
    any other type holds data (JSON-LD), which nothing runs."""
    assert runs_its_text(attributes) is runs


def test_event_handlers_are_the_attributes_named_on_and_a_word():
    attributes = [("onclick", "x()"), ("onload", ""), ("oncut", None), ("on", "1"), ("one", None), ("only", "a"),
                  ("on-tap", "y"), ("data-onclick", "b"), ("class", "c")]
    assert handlers_of(attributes) == ["onclick", "onload", "oncut"]


_HEAD = '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
_META = POLICY_META


@pytest.mark.parametrize("html", [
    _HEAD + _META + '\n<link rel="stylesheet" href="s.css"><script src="a.js"></script></head><body>',
    '<!DOCTYPE html><HTML><HEAD><META CHARSET=utf-8>' + _META,  # capitals
    _HEAD.replace('<meta charset="utf-8">\n', "") + _META,  # no charset
    _HEAD + '<title>a &lt; b > c</title><meta name="description" content="a > b">' + _META,  # '>' in words
    _HEAD + f"<meta content=\"{CONTENT_SECURITY_POLICY}\" http-equiv='content-security-policy'>",  # other order
    _HEAD + _META.replace('"Content-Security-Policy"', "Content-Security-Policy"),  # unquoted
    _HEAD + '<!-- <script src="a.js"></script> -->' + _META,  # a comment
    '<html lang="x<script>"><head>' + _META,  # '<' in a value
])
def test_a_page_held_to_the_sites_policy(html):
    assert policy_problem(html) is None


@pytest.mark.parametrize("html, problem", [
    (_HEAD + "<title>t</title></head><body>", "it carries no Content-Security-Policy"),
    (_HEAD + "</head><body>" + _META, "it carries no Content-Security-Policy"),  # in the body: ignored by browsers
    (_HEAD + "<!-- " + _META + " -->", "it carries no Content-Security-Policy"),
    (_HEAD + '<script src="a.js"></script>' + _META, "comes after a <script>"),
    (_HEAD + '<link rel="stylesheet" href="s.css">' + _META, "comes after a <link>"),
    (_HEAD + '<base href="https://example.org/">' + _META, "comes after a <base>"),
    (_HEAD + "<style>p{}</style>" + _META, "comes after a <style>"),
    (_HEAD + '<meta http-equiv="Content-Security-Policy" content="default-src *">',
     "is not the site's: 'default-src *'"),
    (_HEAD + _META.replace("form-action 'self'", "form-action *"), "is not the site's"),
    (_HEAD + _META.replace('content="', 'data-x="'), "is not the site's: ''"),
    ("", "it carries no Content-Security-Policy"),
    (_HEAD + "<title>" + "t" * 70_000 + "</title>" + _META,
     "it carries no Content-Security-Policy in its first 64 KiB"),
])
def test_a_page_not_held_to_the_sites_policy(html, problem):
    assert problem in (policy_problem(html) or "")


@pytest.mark.parametrize("piece", ["<a b=", "<a ", "<", "<!--", "<title>", '<a "', "<meta "])
def test_a_head_of_any_markup_is_read_for_its_policy_in_bounded_time(piece):
    """A page's head is read as far as HEAD_READ (html.parser takes more than linear time over some markup)."""
    import time

    from microsite.addresses import HEAD_READ

    started = time.perf_counter()
    assert policy_problem(piece * (4 * HEAD_READ // len(piece))) is not None
    assert time.perf_counter() - started < 2.0, piece


def test_the_quick_way_to_find_the_policy_agrees_with_the_whole_reading():
    """A page that begins as base.html writes it is found held to the policy without its head read tag by tag;
    any other is read whole. Both give the same answer for any page made of these pieces."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["<!doctype html>", "<html>", '<html lang="en">', "<head>", "<HEAD>",
                              '<meta charset="utf-8">', _META, "<title>t</title>", '<script src="a.js"></script>',
                              "<!--", "-->", "\n", " ", "</head>", "<body>", '<meta name="x" content="y">',
                              "<base href=/>", "x"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=9).map("".join))
    def check(html):
        assert policy_problem(html) == _read_whole(html), html

    check()


def _read_whole(html):
    """``policy_problem`` without its quick way (the policy written otherwise than base.html writes it)."""
    return policy_problem(html.replace(_META, _META.replace("<meta ", "<meta  ")))


def test_the_policy_can_stand_in_an_attribute_as_written():
    """Pages write it unescaped (``render``: its quotes as they are), so it holds no character markup reads."""
    assert not set(CONTENT_SECURITY_POLICY) & set('"<>&')
    assert all(part.strip() and " " in part.strip() for part in CONTENT_SECURITY_POLICY.split(";"))
