"""Hostile content comes out inert: escaped on the page, or refused with a located error.

The cases (``tests/hostile``) put script, event handlers and attribute-breaking quotes into every kind of
text an editor writes (Markdown bodies, headings, links; titles, labels, notes, glossary terms, interface
strings, site settings, sources), dangerous link and image targets into Markdown, and names and ids that
try to leave the output folder, or that Windows cannot hold, into files and records. An inert case must
build, and every page must have no script but the JSON-LD block, no event handler attribute and no
dangerous URL, while the payload is still visible as text; a refused case must fail with its located
message and write nothing, anywhere. ``test_hostile_browser.py`` opens the inert pages in Chromium.
"""

from __future__ import annotations

import hashlib
import html as html_module
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests import hostile
from tests.hostile import INERT, REFUSED, Case, data, problems, scan


def pages(out: Path) -> dict[str, str]:
    return {file.relative_to(out).as_posix(): file.read_text(encoding="utf-8") for file in sorted(out.rglob("*.html"))}


def tree(folder: Path) -> dict[str, str]:
    """Every file, folder and link under ``folder``, with a digest of what it holds."""
    found = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
            else:
                found[key] = "folder"
    return found


def assert_inert(out: Path, shown: str = "", kept: str = "") -> dict[str, str]:
    built = pages(out)
    assert built
    found = {name: problems(html) for name, html in built.items()}
    assert not any(found.values()), {name: found for name, found in found.items() if found}
    if shown:
        assert any(shown in scan(html)[1] for html in built.values()), f"{shown!r} is shown on no page"
    if kept:
        assert any(kept in value for html in built.values() for value in scan(html)[2]), f"{kept!r} is kept nowhere"
    for feed in out.rglob("*.xml"):
        ET.parse(feed)  # the feeds and the sitemap stay well-formed
    return built


# --- the checker itself --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>", '<script type="application/ld+json">{"a": 1}</script><script>x()</script>',
    '<script type="application/ld+json">{"a": </script>', "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">', '<a href=" JaVa\tScRiPt:alert(1)">', '<a href="&#106;avascript:alert(1)">',
    '<a href="vbscript:x">', '<img src="data:image/svg+xml,x">', '<a href="//evil.example/">', "<iframe src=/x>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<form action=/x>",
])
def test_the_checker_sees_what_would_run(html: str) -> None:
    assert problems(html)


@pytest.mark.content
def test_the_real_site_passes_the_checker(site_under_test) -> None:
    built_site = site_under_test.out
    assert_inert(built_site)


# --- inert -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", INERT, ids=[case.name for case in INERT])
def test_hostile_text_is_shown_not_run(case: Case, tmp_path: Path) -> None:
    status, _, err, out = hostile.build(tmp_path, case.edits)
    assert status == 0, err
    built = assert_inert(out, case.shown, case.kept)
    if case.hidden:
        assert not any(case.hidden in html or html_module.escape(case.hidden) in html for html in built.values())


def test_every_hostile_text_at_once_builds_an_inert_site(tmp_path: Path) -> None:
    """The site the browser test opens."""
    status, _, err, out = hostile.build(tmp_path, hostile.all_inert_edits())
    assert status == 0, err
    built = assert_inert(out)
    text = "".join(scan(html)[1] for html in built.values())
    for case in INERT:
        assert case.shown in text, case.name


# --- refused ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_hostile_input_is_refused_with_its_location_and_nothing_is_written(case: Case, tmp_path: Path) -> None:
    where, message = case.refused
    root = hostile.prepare(tmp_path, case.edits)
    before = tree(tmp_path)
    status, _, err = hostile.run(root, tmp_path / "out")
    assert status == 1, err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith(where) and message in line], \
        f"no line starts with {where!r} and has {message!r}:\n{err}"
    assert tree(tmp_path) == before  # no output folder, nothing beside it, nothing in the project


@pytest.mark.parametrize("case", [case for case in REFUSED if case.kind == "path escape"][::4],
                         ids=lambda case: case.name)
def test_a_refused_build_leaves_the_previous_site_as_it_was(case: Case, tmp_path: Path) -> None:
    root = hostile.prepare(tmp_path, ())
    assert hostile.run(root, tmp_path / "out")[0] == 0
    hostile.apply(case.edits, root / "content")
    before = tree(tmp_path)
    assert hostile.run(root, tmp_path / "out")[0] == 1
    assert tree(tmp_path) == before


def test_a_record_id_that_windows_reserves_is_only_an_anchor(tmp_path: Path) -> None:
    """Record ids name anchors (#stat-con), never files, so 'con' is a fine id."""
    edits = (data("data/statistics.yaml", (1, "id"), "con"), hostile.body(hostile.HOME, "[](stat:con)"))
    status, _, err, out = hostile.build(tmp_path, edits)
    assert status == 0, err
    assert not [path for path in out.rglob("*") if path.name.split(".")[0].lower() == "con"]
    assert 'id="stat-con"' in (out / "en" / "statistics" / "index.html").read_text(encoding="utf-8")


# --- known bugs elsewhere (reported; these turn green when they are fixed) --------------------------------------------


@pytest.mark.parametrize("text", ["{x}", "{"])
def test_braces_in_the_source_description_are_refused_or_shown(text: str, tmp_path: Path) -> None:
    edits = (data("data/strings.yaml", ("source_description", "en"), text),)
    try:
        status, _, err, out = hostile.build(tmp_path, edits)
    except Exception as exc:  # noqa: BLE001 - the bug: an exception instead of an exit status
        pytest.fail(f"unhandled {type(exc).__name__}: {exc}")
    assert status == 1 and "content/data/strings.yaml:" in err


def test_a_missing_source_description_is_a_located_error(tmp_path: Path) -> None:
    def remove(content: Path) -> None:
        import yaml

        path = content / "data" / "strings.yaml"
        strings = yaml.safe_load(path.read_text(encoding="utf-8"))
        del strings["source_description"]
        path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")

    try:
        status, _, err, _ = hostile.build(tmp_path, (remove,))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"unhandled {type(exc).__name__}: {exc}")
    assert status == 1 and "source_description" in err


def test_the_checker_allows_only_the_sites_own_search_form_and_script() -> None:
    assert not problems('<form class="site-search" role="search" action="/en/search/" method="get"></form>')
    assert not problems('<script type="module" src="/sub/static/search.0123abcd.js"></script>')
    for foreign in ('<form action="https://evil.example/" method="get">', '<form action="//evil.example/x" method="get">',
                    '<form action="/en/search/" method="post">', '<script type="module" src="/static/evil.js"></script>',
                    '<script type="module" src="/static/search.js">alert(document.domain)</script>',
                    '<script src="/static/search.js"></script>'):
        assert problems(foreign), foreign
