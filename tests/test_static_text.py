"""Tests for microsite.static_text: what readers see in each kind of file of ``static/``, and the numbers there
refused."""

from __future__ import annotations

import pytest

from microsite.errors import ContentErrors
from microsite.pipeline import check
from microsite.static_text import kind_of, shown_in_static


def texts(name: str, content: bytes) -> list[str]:
    return [text.strip() for _, _, text in shown_in_static(name, content).runs]


@pytest.mark.parametrize("name, content, shown", [
    ("facts.xhtml", b'<html xmlns="http://www.w3.org/1999/xhtml"><p>94 chambers</p></html>', ["94 chambers"]),
    ("facts.xht", b"<p title='since 1952'>x</p>", ["since 1952", "x"]),
    ("facts.shtml", b"<p>49 chambers</p>", ["49 chambers"]),
    ("FACTS.HTM", b"<p>49 chambers</p>", ["49 chambers"]),  # (a host reads the ending in any case)
    ("chart.svg", b'<!DOCTYPE svg [<!ENTITY n "49">]><svg><text>&n; chambers</text></svg>', ["]>", "&n; chambers",
                                                                                               "49"]),
    ("chart.svg", b"<svg><text><![CDATA[94 chambers]]></text></svg>", ["94 chambers"]),
    ("facts.txt", b"Chambers\n94 affiliated chambers\n", ["Chambers", "94 affiliated chambers"]),
    ("facts.md", "\ufeff# 四十九家商会".encode(), ["# 四十九家商会"]),  # (a byte order mark is no character)
    ("data.csv", b"name,count\nchambers,94\n", ["name,count", "chambers,94"]),
    ("data.json", b'{"chambers": 94}', ['{"chambers": 94}']),
    # a web app manifest: the names and descriptions a reader is shown, not its code (sizes, colours, addresses)
    ("site.webmanifest", b'{"name": "49 chambers", "icons": [{"src": "a.png", "sizes": "192x192"}],\n "theme_color": '
                         b'"#123456", "shortcuts": [{"name": "Figures", "description": "94 of them", "url": "../"}]}',
     ["49 chambers", "Figures", "94 of them"]),
    ("manifest.json", b'{"short_name": "ICF", "icons": [{"src": "a.png", "sizes": "512x512"}]}', ["ICF"]),
    ("site.webmanifest", b'{"name": 49', ['{"name": 49']),  # not JSON: read as the text it is
    ("cal.ics", b"BEGIN:VEVENT\nSUMMARY:Forty-nine chambers meet\n", ["BEGIN:VEVENT", "SUMMARY:Forty-nine chambers meet"]),
    ("notes.unknown", b"94 chambers", ["94 chambers"]),  # a kind not known, but text: read as such
    ("report.pdf", b"%PDF-1.7 94 chambers", []),  # documents, pictures and scripts cannot be read: a limit
    ("photo.PNG", b"\x89PNG 1952", []),
    ("search.js", b'let label = "3 results";', []),
])
def test_each_kind_of_static_file_shows_what_a_reader_sees_of_it(name, content, shown):
    assert texts(name, content) == shown


def test_a_file_read_as_text_that_is_not_utf8_is_not_read():
    assert shown_in_static("facts.txt", "94 chambers".encode("utf-16")) is None
    assert shown_in_static("archive.zip", b"PK\x03\x04\xff\xfe") is None


@pytest.mark.parametrize("name, kind", [("a.TXT", "txt"), ("img/b.tar.gz", "gz"), (".htaccess", ""), ("LICENSE", ""),
                                        ("a.b/c", "")])
def test_a_files_kind_is_the_ending_a_host_serves_it_by(name, kind):
    assert kind_of(name) == kind


def test_a_number_in_a_static_text_file_of_any_kind_is_refused(minimal_project):
    """facts.txt and facts.xhtml, with "94 affiliated chambers", were published and linked: only .html, .htm,
    .svg and .css files were read."""
    static = minimal_project / "static"
    (static / "facts.txt").write_text("About the Federation\n94 affiliated chambers\n", encoding="utf-8")
    (static / "facts.xhtml").write_text('<html xmlns="http://www.w3.org/1999/xhtml">\n<p>94 affiliated chambers</p>'
                                        "\n</html>\n", encoding="utf-8")
    (static / "data.json").write_text('{"chambers": "forty-nine"}', encoding="utf-8")
    (static / "notes").write_text("3 pillars", encoding="utf-8")  # no ending: served as a download, read as text
    (static / "utf16.txt").write_bytes("94 chambers".encode("utf-16"))
    (static / "blob.bin").write_bytes(b"\x00\xff94 chambers")
    (static / "report.pdf").write_bytes(b"%PDF-1.7 94 chambers")  # cannot be read: published as it is
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    messages = raised.value.format(minimal_project)
    assert "static/facts.txt:2:1: the static file's own text: the number '94' is not traced to a source" in messages
    assert "static/facts.xhtml:2:4: the static file's own text: the number '94'" in messages
    assert "static/data.json:1:15: the static file's own text: the number 'forty-nine'" in messages
    assert "static/notes:1:1: the static file's own text: the number '3'" in messages
    assert "static/utf16.txt:1:1: the file is not UTF-8 text" in messages
    assert ("static/blob.bin: a file of a kind the build does not know ('.bin'), and not UTF-8 text: the build cannot "
            "tell what a reader would see in it") in messages
    assert "report.pdf" not in messages
    assert len(raised.value.errors) == 6


def test_a_static_page_or_picture_that_loads_from_another_host_or_the_roots_is_refused(minimal_project):
    static = minimal_project / "static"
    (static / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n'
                                      '<image href="https://img.example/bg.png"/></svg>\n', encoding="utf-8")
    (static / "about.html").write_text('<p>About</p>\n<a href="/en/">home</a> <a href="../index.html">up</a>\n',
                                       encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    messages = raised.value.format(minimal_project)
    assert "static/chart.svg:2:1: loads 'https://img.example/bg.png', an address on another host" in messages
    assert "static/about.html:2:1: links to '/en/', an address from the host's root" in messages
    assert len(raised.value.errors) == 2  # (a relative address is the file's own to make)


@pytest.mark.parametrize("name, content, loaded", [
    ("chart.svg", b'<?xml-stylesheet href="https://cdn.example/c.css" type="text/css"?>\n<svg></svg>',
     [(1, 1, "https://cdn.example/c.css")]),  # a stylesheet an SVG opened as a page fetches
    ("feed.xml", b"<?xml version='1.0'?>\n<?xml-stylesheet type='text/xsl' href='s.xsl'?>\n<feed/>",
     [(2, 1, "s.xsl")]),
    ("page.html", b'<!--><img src="https://cdn.example/a.png">-->', [(1, 6, "https://cdn.example/a.png")]),
    ("page.html", b'<script>x</script foo><img src="https://cdn.example/b.png">',
     [(1, 23, "https://cdn.example/b.png")]),  # what a browser reads as markup is read so
    ("page.html", b'<!-- <img src="https://cdn.example/c.png"> --><script>"</script>"</script>', []),
    ("site.webmanifest", b'{"name": "Site", "start_url": "../",\n "icons": [{"src": "https://cdn.example/i.png"}]}',
     [(1, 32, "../"), (2, 21, "https://cdn.example/i.png")]),  # what a browser installing the site fetches
    ("site.webmanifest", b'{"icons": [', []),  # not JSON: a browser reads nothing of it either
])
def test_what_a_static_file_loads_is_found_where_a_browser_reads_it(name, content, loaded):
    assert [(line, column, address) for line, column, address, _ in shown_in_static(name, content).addresses] == loaded


def test_a_manifest_that_loads_an_icon_from_another_host_is_refused(minimal_project):
    (minimal_project / "static" / "site.webmanifest").write_text(
        '{"name": "Site", "icons": [{"src": "https://cdn.example/i.png", "sizes": "any"}]}\n', encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(minimal_project)
    assert ("static/site.webmanifest:1:37: loads 'https://cdn.example/i.png', an address on another host"
            in raised.value.format(minimal_project))
