"""Tests for microsite.model: what the build's values say of themselves (their digests)."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from microsite.compiled import Html
from microsite.model import Page, PageSummary, Rendered

PAGE = Page(key="about", lang="en", path=Path("content/pages/about.en.md"), title="About", description="What it is",
            template="page", weight=1, nav_title="About us", url="/en/about/",
            body=Rendered(Html("k", 8, "<p>x</p>"), ("a", "b")), heading_ids=frozenset({"one"}), fingerprint="f",
            translated_from="t", words="w", citations=(("src", "a quote", 3, 4),), external=("https://example.org/",),
            conversions=("后来",))
OTHER = {tuple: lambda value: value + value[:1], str: lambda value: value + "x", int: lambda value: value + 1, type(Path()): lambda value: value / "x",
         Rendered: lambda value: Rendered(value.compiled, value.fills + ("c",)),
         frozenset: lambda value: value | {"two"}}


def test_a_pages_digest_changes_with_each_of_its_fields() -> None:
    """Every field is in a page's digest (which every reuse key of the build covers), those its summary has
    and those it has not: a field added to either is covered without a word of this test changing."""
    assert {field.name for field in fields(PageSummary)} < {field.name for field in fields(Page)}
    digests = {PAGE.content_digest}
    for field in fields(Page):
        changed = replace(PAGE, **{field.name: OTHER[type(getattr(PAGE, field.name))](getattr(PAGE, field.name))})
        digests.add(changed.content_digest)
    assert len(digests) == len(fields(Page)) + 1
    assert replace(PAGE).content_digest == PAGE.content_digest


def test_the_plain_text_reads_an_image_as_its_description() -> None:
    """What the feeds and the downloads show: 8, an image of 和, then 9家 read 89家 when the image was dropped."""
    html = ('<p>获评的有<a href="/s/#q-1">8</a><img src="/static/icon.svg" title="an alt=" alt="和 &amp; &quot;" />'
            '<a href="/s/#q-2">9家商会</a>。</p>\n<ul>\n<li>a<img src="x.png" alt="" /></li>\n</ul>\n')
    assert Rendered(html).plain == '获评的有8和 & "9家商会。\n\na'
    assert Rendered("<p>No image: 1 &lt;img 2</p>").plain == "No image: 1 <img 2"
