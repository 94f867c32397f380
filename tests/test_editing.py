"""Editors never break the tests: ordinary editorial work on a copy of the project, then the content tests on it.

The work follows the README: ingest a new feed item, publish one of its figures as a statistic and one of
its dates as an event, add the source's English page, add a page that uses them, put it in the menu. The
copy must then check clean and pass every test marked ``content`` (run in a fresh pytest with
``MICROSITE_PROJECT`` pointing at the copy), as the real content does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from microsite.cli import main
from microsite.model import output_path, page_url
from tests.conftest import PROJECT, REPO

pytestmark = pytest.mark.slow

# The English written here names nothing the glossary fixes a rendering for (no "ICF"), so it stays valid
# whatever renderings the editors choose or forbid.

FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>示例晚报</title><link>https://news.example.org/</link>
<description>一份虚构的报纸，供测试用。</description>
<item>
  <title>晋江市工商联会员大会召开</title>
  <link>https://news.example.org/2024/05/20/members.html</link>
  <guid isPermaLink="false">example-evening-2024-0520-members</guid>
  <pubDate>Mon, 20 May 2024 08:00:00 +0800</pubDate>
  <description>&lt;p&gt;今年4月，晋江市工商联召开会员大会，新增会员企业120家。&lt;/p&gt;
  &lt;p&gt;与会企业家表示，将继续支持商会建设。&lt;/p&gt;</description>
</item>
</channel></rss>
"""


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("content", "templates", "static"):
        shutil.copytree(PROJECT / folder, root / folder)
    return root


def ingest(root: Path, tmp_path: Path) -> tuple[str, dict]:
    """Ingest the made-up item; return its source id and its draft of candidates."""
    feed = tmp_path / "evening.xml"
    feed.write_text(FEED, encoding="utf-8")
    assert main(["--root", str(root), "ingest", str(feed)]) == 0
    [draft] = [p for p in (root / "content" / "sources").glob("2024-05-20-*.candidates.yaml")]
    return draft.name.removesuffix(".candidates.yaml"), yaml.safe_load(draft.read_text(encoding="utf-8"))


def append_record(root: Path, name: str, record: dict) -> None:
    path = root / "content" / "data" / f"{name}.yaml"
    text = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def unused_id(root: Path, name: str, wanted: str) -> str:
    """``wanted``, or ``wanted-2`` ...: the first id no record of ``content/data/<name>.yaml`` has yet (an
    editor's record of that id being valid content)."""
    taken = {record.get("id") for record in yaml.safe_load((root / "content" / "data" / f"{name}.yaml")
                                                           .read_text(encoding="utf-8")) or []}
    return next(ident for ident in (wanted, *(f"{wanted}-{n}" for n in range(2, 1000))) if ident not in taken)


def publish_figure_and_event(root: Path, draft: dict) -> tuple[str, str]:
    """The made-up item's figure and event, under ids no record has yet: those ids."""
    figure_id = unused_id(root, "statistics", "new-member-companies")
    event_id = unused_id(root, "timeline", "members-meeting-2024")
    [figure] = [record for record in draft["statistics"] if record["value"] == 120]
    figure.update(id=figure_id, zh={"label": "会员大会新增的会员企业", "measure": "家"},
                  en={"label": "companies that joined at the members' meeting"})
    append_record(root, "statistics", figure)
    [meeting] = [record for record in draft["events"] if record["date"] == "2024-04"]
    meeting.update(id=event_id, stats=[figure_id],
                   zh={"title": "会员大会", "text": "工商联召开会员大会。"},
                   en={"title": "Members' meeting", "text": "A meeting of members was held."})
    append_record(root, "timeline", meeting)
    return figure_id, event_id


def add_source_translation(root: Path, source: str) -> None:
    (root / "content" / "sources" / f"{source}.en.md").write_text(
        "---\noutlet: Example Evening News\ntitle: A members' meeting in Jinjiang\n---\n"
        "The article reports a meeting of members.\n", encoding="utf-8")


def unused_page_key(root: Path, wanted: str = "members") -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ...: the first key no page (and no folder of pages) has yet, an
    editor's page of that name being valid content."""
    pages = root / "content" / "pages"
    return next(key for key in (wanted, *(f"{wanted}-{n}" for n in range(2, 1000)))
                if not any(pages.glob(f"{key}.*.md")) and not (pages / key).exists())


def add_to_menu(root: Path, key: str) -> None:
    """Append ``key`` to ``nav`` in site.yaml, written as a flow list (``nav: [a, b]``) or a block list (``- a``
    lines), its other lines and comments kept; a site.yaml without a menu gets one."""
    site = root / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    nav = next((value for name, value in document.value if name.value == "nav"), None)
    if nav is None:
        text = text.rstrip("\n") + f"\nnav: [{key}]\n"
    elif isinstance(nav, yaml.ScalarNode):  # "nav:" and nothing: no menu yet
        text = text[:nav.start_mark.index] + f" [{key}]" + text[nav.end_mark.index:]
    elif nav.flow_style:
        close = text.rindex("]", 0, nav.end_mark.index)
        comma = "" if not nav.value or text[:close].rstrip().endswith(",") else ","
        text = text[:close] + (f"{comma} {key}" if nav.value else key) + text[close:]
    else:
        last = nav.value[-1]
        line_start = text.rindex("\n", 0, last.start_mark.index) + 1
        dash = text[line_start:last.start_mark.index]  # "  - " (or "- ")
        assert dash.strip() == "-", dash
        line_end = text.find("\n", last.end_mark.index)
        line_end = len(text) if line_end < 0 else line_end
        text = text[:line_end] + "\n" + dash + key + text[line_end:]
    site.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["nav"][-1] == key


def shown_templates(root: Path) -> set[str]:
    """The templates the project's pages name (``statistics``, ``timeline`` ...): a link to a figure or an event
    needs the page that shows it, which an editor may have deleted (with the links to it)."""
    return {match.group(1) for path in (root / "content" / "pages").rglob("*.md")
            for match in re.finditer(r"(?m)^template: *[\"']?([^\"'\s]+)", path.read_text(encoding="utf-8").partition("\n---")[0])}


def add_page(root: Path, source: str, figure_id: str, event_id: str) -> str:
    """A page that cites the new source and links the new figure and event (each where a page shows it, or cites
    its quote), in the menu; its key."""
    key = unused_page_key(root)
    shown = shown_templates(root)
    assert main(["--root", str(root), "new", "page", key]) == 0
    meeting = {"zh": f"[会员大会](event:{event_id})" if "timeline" in shown else "会员大会",
               "en": f"[members' meeting](event:{event_id})" if "timeline" in shown else "members' meeting"}
    figure = ({"zh": f"[](stat:{figure_id})", "en": f"[](stat:{figure_id})"} if "statistics" in shown else
              {"zh": f"[120家](cite:{source} \"新增会员企业120家\")", "en": f"[120](cite:{source} \"新增会员企业120家\")"})
    bodies = {
        "zh": ("会员", "工商联新增会员企业。", f"{meeting['zh']}上新增会员企业{figure['zh']}，"
               f"[企业家表示支持](cite:{source} \"与会企业家表示，将继续支持商会建设\")。"),
        "en": ("Members", "New member companies.", f"At the {meeting['en']}, "
               f"{figure['en']} companies joined, and [entrepreneurs pledged support](cite:{source} \"将继续支持商会建设\")."),
    }
    for lang, (title, description, body) in bodies.items():
        (root / "content" / "pages" / f"{key}.{lang}.md").write_text(
            f"---\ntitle: {title}\ndescription: {description}\n---\n{body}\n", encoding="utf-8")
    add_to_menu(root, key)
    return key


def test_the_content_tests_pass_after_ordinary_editorial_work(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path)
    source, draft = ingest(root, tmp_path)
    figure_id, event_id = publish_figure_and_event(root, draft)
    add_source_translation(root, source)
    key = add_page(root, source, figure_id, event_id)
    assert main(["--root", str(root), "translated", "--all"]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0, capsys.readouterr().err
    assert main(["--root", str(root), "build", "--out", str(tmp_path / "site")]) == 0
    default_language = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))["default_language"]
    assert (tmp_path / "site" / output_path(page_url(key, "en", default_language))).is_file()  # (wherever en is)

    environment = {**os.environ, "MICROSITE_PROJECT": str(root)}
    # one process: the suite around it already uses every core
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", "-m",
                          "content and not browser", "tests"], cwd=REPO, env=environment,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout
