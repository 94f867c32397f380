"""The preview's review page shows each page's languages side by side, with the warnings first."""

from __future__ import annotations

from pathlib import Path

from microsite.load import Project, load
from microsite.review import render_review
from microsite.validate import validate


def test_review_lists_warnings_and_every_page_in_both_languages(minimal_project: Path) -> None:
    site = validate(load(Project(minimal_project)))
    html = render_review(site).decode("utf-8")
    assert f"{len(site.warnings)} warning" in html
    assert "content/pages/timeline.en.md: not marked as a translation" in html
    for page in site.pages:
        assert page.path.name in html
    assert html.count('class="pair"') == len({page.key for page in site.pages})
    assert "<script" not in html


def test_review_escapes_what_editors_wrote(minimal_project: Path) -> None:
    index = minimal_project / "content/pages/index.en.md"
    index.write_text(index.read_text(encoding="utf-8").replace("title: Home en", 'title: "<b onclick=x>Home</b>"'),
                     encoding="utf-8")
    html = render_review(validate(load(Project(minimal_project)))).decode("utf-8")
    assert "<b onclick" not in html and "&lt;b onclick=x&gt;Home&lt;/b&gt;" in html
