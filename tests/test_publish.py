"""Ready to publish: subpath deploys, sitemap and feeds, structured data, fingerprints, byte-identical builds."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import threading
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from microsite import write
from microsite.cli import main
from microsite.feeds import feed_path
from microsite.model import BuildOptions, output_path, page_url
from microsite.pipeline import build
from microsite.sitecheck import check_built_site, said_in_sources
from microsite.write import MARKER, remove_leftovers
from tests.conftest import PROJECT, TEST_BASE_URL
from tests.html import other_language, parse_page, read_page

SUBPATH = "/icf-explained/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def subpath_server(tmp_path_factory):
    """The real site built for https://example.org/icf-explained/, served under /icf-explained/ only."""
    out = tmp_path_factory.mktemp("subpath") / "site"

    class UnderSubpath(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(SUBPATH):
                return str(out / "no-such-file")
            return super().translate_path("/" + path[len(SUBPATH):])

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(UnderSubpath, directory=str(out)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build(PROJECT, out, BuildOptions(base_url=origin + SUBPATH))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield origin, out
    server.shutdown()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.mark.content
def test_a_subpath_build_works_when_served_under_its_subpath(subpath_server) -> None:
    origin, out = subpath_server
    pages = {p.parent.relative_to(out).as_posix() for p in out.rglob("index.html")}
    # Every page is visited, not only those links lead to from the home page: a page nothing links to is valid
    # content (an editor may add one), and its links must work too.
    seen, broken = set(), []
    queue = [origin + SUBPATH] + [origin + SUBPATH + page + "/" for page in sorted(pages - {"."})]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        if not url.endswith("/") and not url.endswith(".html"):
            continue
        page = read_page_bytes(body)
        for href in page.links + page.resources + list(page.switcher.values()):
            if href.startswith(("mailto:", "#")) or href.startswith("https://") and "example.org" not in href:
                continue
            assert href.startswith(SUBPATH) or href.startswith(origin + SUBPATH), (url, href)
            queue.append(urllib.parse.urljoin(url, href.split("#")[0]))
    assert not broken, broken
    reached = {u.removeprefix(origin + SUBPATH).rstrip("/") or "." for u in seen if u.endswith("/")}
    assert reached == pages  # every address that looks like a page's is one


@pytest.mark.content
def test_a_subpath_build_writes_no_robots_txt_and_its_downloads_pass_check_site(
        subpath_server, capsys) -> None:
    """The real content under a subpath: no robots.txt (crawlers read only the host's root one), a sitemap, and
    check --site, which reads the downloads too, finds nothing (their quote_url links lead under the subpath)."""
    origin, out = subpath_server
    assert not (out / "robots.txt").exists() and (out / "sitemap.xml").is_file()
    assert fetch(origin + SUBPATH + "data/statistics.json")[0] == 200
    assert main(["--root", str(PROJECT), "check", "--base-url", origin + SUBPATH, "--site", str(out)]) == 0
    assert capsys.readouterr().out.endswith(", 0 problems\n")


def read_page_bytes(body: bytes):
    return parse_page(body.decode("utf-8"))


@pytest.mark.content
def test_canonical_and_alternates_are_absolute_under_the_subpath(subpath_server, real_model) -> None:
    origin, out = subpath_server
    config, lang = real_model.config, other_language(real_model)

    key = max(page.key for page in real_model.pages if page.template != "404")  # any page: an editor may delete any

    def address(code: str) -> str:
        return f"{origin}{SUBPATH}" + page_url(key, code, config.default_language).removeprefix("/")

    page = read_page(out / output_path(page_url(key, lang, config.default_language)))
    assert page.canonical == address(lang)
    default = next(language.tag for language in config.languages if language.code == config.default_language)
    assert page.alternates[default] == address(config.default_language)


@pytest.mark.content
def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    build(PROJECT, tmp_path / "one")
    build(PROJECT, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_source_date_epoch_pins_the_feeds_own_time(sample_root: Path, tmp_path: Path) -> None:
    build(sample_root, tmp_path / "site", BuildOptions.from_environment({"SOURCE_DATE_EPOCH": "1700000000"}))
    feed = ET.parse(tmp_path / "site" / "en" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated").text == "2023-11-14T22:13:20Z"


@pytest.mark.content
def test_sitemap_lists_every_page_with_its_alternates_and_only_real_pages(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    tags = {language.tag for language in real_model.config.languages}  # editions' included
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locations = [url.find(f"{SITEMAP}loc").text for url in root]
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert len(locations) == len(pages) == len(set(locations))
    for url in root:
        loc = url.find(f"{SITEMAP}loc").text
        assert (built_site / loc.removeprefix("https://example.org/") / "index.html").is_file()
        links = url.findall("{http://www.w3.org/1999/xhtml}link")
        assert {link.get("hreflang") for link in links} == tags | {"x-default"}
    # no address of a 404 page, looked for as an address (a page's or a source's name may have 404 in it)
    missing = {real_model.config.absolute(page.key, page.lang) for page in real_model.pages if page.template == "404"}
    addresses = {*locations, *(link.get("href") for url in root for link in url.findall("{http://www.w3.org/1999/xhtml}link"))}
    assert not addresses & missing, addresses & missing
    assert (built_site / "robots.txt").read_text(encoding="utf-8").endswith("Sitemap: https://example.org/sitemap.xml\n")
    site_under_test.needs(missing, "404 page")  # (none to leave out where an editor deleted it)


@pytest.mark.content
def test_atom_feeds_are_valid_and_their_entries_exist(site_under_test) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    for language in real_model.config.languages:  # editions' feeds too
        _check_feed(built_site, real_model, feed_path(real_model, language.code))


def _check_feed(built_site: Path, real_model, feed: str) -> None:
    root = ET.parse(built_site / feed).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    timeline = any(page.template == "timeline" for page in real_model.pages)  # an event's entry links to it
    assert len(entries) == len(real_model.sources) + (len(real_model.events) if timeline else 0)
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
        # dated by the article that reported it, at noon UTC (its date from UTC-11 to UTC+11), never a day the
        # article does not give (an event "before 2023-10-11" is no entry of 2023-10-10)
        updated = entry.find(f"{ATOM}updated").text
        assert updated.endswith("T12:00:00Z") and updated[:10] in {source.date.isoformat() for source in real_model.sources}
        href = entry.find(f"{ATOM}link").get("href").removeprefix("https://example.org/")
        path, _, fragment = href.partition("#")
        page = built_site / path / "index.html"
        assert page.is_file() and (not fragment or fragment in read_page(page).ids)


@pytest.mark.content
def test_every_page_head_has_social_and_structured_data(site_under_test) -> None:
    """An Organization is described where site.yaml names one (``organisation`` is optional), in the page's
    language, and only there."""
    built_site, real_model = site_under_test.out, site_under_test.model
    config = real_model.config
    code_of = {language.tag: language.code for language in config.languages}
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for needle in ('<meta property="og:title"', '<meta property="og:url"', '<meta name="twitter:card"',
                       '<link rel="alternate" type="application/atom+xml"'):
            assert needle in html, (path, needle)
        [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        graph = json.loads(data)["@graph"]
        types = {item["@type"] for item in graph}
        assert {"WebSite", "WebPage"} <= types, path
        names = config.organisation.get(code_of[read_page(path).lang])
        organisations = [item for item in graph if item["@type"] == "Organization"]
        assert [item["name"] for item in organisations] == ([names["name"]] if names else []), path


@pytest.mark.parametrize("tag, locale", [
    ("zh-Hans", "zh_CN"), ("zh-Hant", "zh_TW"), ("zh", "zh_CN"), ("en", "en_US"), ("en-GB", "en_GB"),
    ("zh-Hant-TW", "zh_TW"), ("zh-Hant-HK", "zh_HK"), ("zh-Hans-SG", "zh_SG"), ("zh-hant-tw", "zh_TW"),
    ("en-GB-oxendict", "en_GB"), ("en-US-x-twain", "en_US"), ("en-x-gb", "en_US"), ("fr", "fr"),
])
def test_a_tag_with_a_script_and_a_region_is_the_open_graph_locale_of_its_region(tag: str, locale: str) -> None:
    """An edition tagged zh-Hant-TW (a valid tag, and the one a Taiwan edition would take) was og:locale 'zh':
    the region after a script was not read, nor the territory a script implies without one."""
    from microsite.structured import og_locale

    assert og_locale(tag) == locale


def test_source_page_describes_the_news_article(sample_site: Path) -> None:
    html = (sample_site / "en/sources/2023-10-11-eb7c93e7/index.html").read_text(encoding="utf-8")
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    article = next(item for item in json.loads(data)["@graph"] if item["@type"] == "NewsArticle")
    assert article["headline"] == "晋江市工商联抓实商会建设提质增效"
    assert article["author"] == {"@type": "Person", "name": "徐志南", "alternateName": "Xu Zhinan"}
    assert article["publisher"]["name"] == "中华工商时报" and article["datePublished"] == "2023-10-11"
    assert '<meta property="og:type" content="article">' in html


def test_structured_data_cannot_break_out_of_its_script_element(minimal_project: Path, tmp_path: Path) -> None:
    index = minimal_project / "content/pages/index.en.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "title: Home en", 'title: "</script><script>alert(document.domain)</script><!--"'), encoding="utf-8")
    build(minimal_project, tmp_path / "site")
    html = (tmp_path / "site/en/index.html").read_text(encoding="utf-8")
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert "<" not in data and json.loads(data)["@graph"][1]["name"].startswith("</script>")


@pytest.mark.content
def test_static_files_carry_their_content_hash_and_pages_point_at_them(site_under_test) -> None:
    built_site = site_under_test.out
    [stylesheet] = (built_site / "static").glob("style.*.css")
    digest = stylesheet.name.split(".")[1]
    assert hashlib.sha256(stylesheet.read_bytes()).hexdigest().startswith(digest)
    assert f'href="/static/{stylesheet.name}"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert not (built_site / "static" / "style.css").exists()
    assert "immutable" in (built_site / "_headers").read_text(encoding="utf-8")


def test_a_changed_stylesheet_gets_a_new_name(minimal_project: Path, tmp_path: Path) -> None:
    build(minimal_project, tmp_path / "a")
    css = minimal_project / "static" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { margin: 1px; }\n", encoding="utf-8")
    build(minimal_project, tmp_path / "b")
    names = [{p.name for p in (tmp_path / x / "static").glob("style.*.css")} for x in ("a", "b")]
    assert names[0] != names[1]


@pytest.mark.content
def test_check_site_passes_the_real_build_and_finds_what_is_broken(site_under_test, tmp_path: Path) -> None:
    built_site, real_model = site_under_test.out, site_under_test.model
    site = real_model
    assert check_built_site(built_site, site) == []
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy)
    lang = other_language(site)  # any two pages: an editor may rename or delete any of them
    urls = sorted(page.url for page in site.pages if page.lang == lang and page.template != "404")
    site_under_test.needs(len(urls) > 1, f"second page in {lang}")  # (one to plant links into, one to delete)
    page = copy / output_path(urls[0])
    target = urls[0]  # (a place on it that is not there)
    said = said_in_sources(site)  # (a number no source says, whatever the sources come to say)
    unsaid = next(number for number in range(90001, 99999) if str(number) not in said)
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", f'<a href="/{lang}/nowhere/">x</a><a href="{target}#no-such">y</a>'
                   '<a href="https://tracker.example/">z</a><img src="https://cdn.example/x.png" alt="">'
                   f'<p id="twice"></p><span id="twice"></span><a title="a quote">w</a><p>{unsaid}</p>'
                   '<iframe srcdoc="<p>hi</p>"></iframe><img src="data:image/png;base64,AAAA" alt="">'
                   '<script>go()</script><p onmouseover="go()">v</p><script type="application/ld+json">{}</script>'
                   '</main>'),
        encoding="utf-8")
    stylesheet = next((copy / "static").glob("*.css"))
    with stylesheet.open("a", encoding="utf-8") as sheet:
        sheet.write("\n@font-face{src:url(https://fonts.example/x.woff2)}.m{background:url(missing.png)}")
    deleted = output_path(urls[-1])  # another page, deleted after the build
    (copy / deleted).unlink()
    messages = sorted(problem.message for problem in check_built_site(copy, site))
    assert f"link to '/{lang}/nowhere/', which is not in the build" in messages
    assert f"link to '{target}#no-such': no element with id 'no-such' there" in messages
    assert "links to another host: https://tracker.example/" in messages
    assert "loads 'https://cdn.example/x.png', from another host" in messages
    assert "the id 'twice' is given twice on this page: a link to it lands on the first" in messages
    assert "an iframe's srcdoc: a page written into an attribute, whose words the build does not read" in messages
    assert "loads 'https://fonts.example/x.woff2', from another host" in messages  # what a stylesheet loads too
    assert "loads 'missing.png', which is not in the build" in messages
    assert not any("data:" in message for message in messages)  # a picture written into its address
    assert "a link that leads nowhere (an <a> without href)" in messages
    assert any(message.startswith("an inline script: the site's Content-Security-Policy") for message in messages)
    assert any(message.startswith("an 'onmouseover' attribute: code") for message in messages)
    assert sum("Content-Security-Policy" in message for message in messages) == 2  # (not the JSON-LD: data)
    assert f"the number '{unsaid}' is on this page, but no source says it: '{unsaid}'" in messages
    tag = next(language.tag for language in site.config.languages if language.code == lang)
    address = "https://example.org/" + deleted.removesuffix("index.html")
    assert any(f"hreflang {tag.lower()} points at '{address}', not a page" in m.lower() for m in messages), messages


def test_check_site_finds_a_page_not_held_to_the_sites_policy(minimal_project: Path, tmp_path: Path) -> None:
    """A built page whose <meta> policy was taken out, or put after what it governs, is reported: on a host that
    sends no header (GitHub Pages) nothing else holds it. A page of static/ is published as written, and is not."""
    from microsite.addresses import POLICY_META
    from microsite.load import Project, load
    from microsite.validate import validate

    out = tmp_path / "out"
    build(minimal_project, out)
    site = validate(load(Project(minimal_project)))
    pages = sorted(path for path in out.rglob("*.html") if path.relative_to(out).parts[0] != "static")
    assert len(pages) >= 2 and check_built_site(out, site) == []
    taken_out, moved = pages[0], pages[1]
    taken_out.write_text(taken_out.read_text(encoding="utf-8").replace(POLICY_META, ""), encoding="utf-8")
    before = '<script src="x.js"></script>' + POLICY_META
    moved.write_text(moved.read_text(encoding="utf-8").replace(POLICY_META, before), encoding="utf-8")
    (out / "static" / "google0123.html").write_text("google-site-verification: google0123.html", encoding="utf-8")
    found = {(problem.location.path, problem.message) for problem in check_built_site(out, site)
             if "policy" in problem.message}
    assert found == {(taken_out, "this page is not held to the site's policy: it carries no Content-Security-Policy"),
                     (moved, "this page is not held to the site's policy: its Content-Security-Policy comes after a "
                             "<script>, which a browser loads or runs before it reads the policy")}


def test_check_site_reads_an_english_articles_numbers_as_english(minimal_project: Path, tmp_path: Path) -> None:
    """A second source in English (an RSS item, which ingest takes): its own page showed its text, and check --site
    said 'the number 'Thursday' is on this page, but no source says it': the sources were read as Chinese only."""
    from microsite.pipeline import check
    from tests.conftest import reseal

    english = "2023-11-02-0123abcd"
    path = minimal_project / "content" / "sources" / f"{english}.md"
    path.write_text(f"""---
outlet: Example Business Weekly
date: "2023-11-02"
title: Jinjiang chambers grow their membership
counted_chars: 0
text_sha256: x
header_sha256: x
raw_sha256: 0123abcd{"0" * 56}
raw_name: weekly.xml
---

The Federation said on Thursday that its chambers admitted 120 new member companies in October.
""", encoding="utf-8")
    reseal(path)
    (minimal_project / "content" / "sources" / f"{english}.zh.md").write_text(
        "---\noutlet: 示例商业周刊\ntitle: 晋江商会会员增加\n---\n一篇英文报道。\n", encoding="utf-8")
    build(minimal_project, tmp_path / "site", BuildOptions(base_url=TEST_BASE_URL))
    site = check(minimal_project, BuildOptions(base_url=TEST_BASE_URL), whole=True).site
    assert [problem.format() for problem in check_built_site(tmp_path / "site", site)] == []


def test_check_site_reads_an_english_articles_dates_on_pages_of_either_language(minimal_project: Path,
                                                                                 tmp_path: Path) -> None:
    """An English article's day (October 11, 2023) on a Chinese page, where the page's reading takes digits without
    日 for counts, and its 'last year' cited as 2022 on either page: the article says both, read by its own reader
    with its date (its 'last year' was read as no year, and the Chinese reading of its text gave no day)."""
    from microsite.pipeline import check
    from tests.test_tracing import ENGLISH, cite, with_an_english_source

    project = with_an_english_source(minimal_project)
    for lang, text in (("en", "in 2022"), ("zh", "2022年")):
        page = project / "content" / "pages" / f"index.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n"
                        + cite(text, "Last year, forty-nine chambers took part") + "\n", encoding="utf-8")
    build(project, tmp_path / "site", BuildOptions(base_url=TEST_BASE_URL))
    site = check(project, BuildOptions(base_url=TEST_BASE_URL), whole=True).site
    assert [problem.format() for problem in check_built_site(tmp_path / "site", site)] == []
    article = (tmp_path / "site" / "sources" / ENGLISH / "index.html").read_text(encoding="utf-8")
    assert "October 11, 2023" in article  # (the article's text, on the Chinese page of its source)


def test_check_site_reads_a_quotes_time_counted_from_its_article_on_pages_of_either_language(
        minimal_project: Path, tmp_path: Path) -> None:
    """A Chinese article's 上个月 and an English one's "yesterday", cited as the dates they give (September 2023, 10
    October 2023) on pages of either language: the articles' texts, read with their days, say them (the built
    pages' 9月 and October 10 were numbers no source said)."""
    from microsite.pipeline import check
    from tests.test_tracing import ENGLISH, SOURCE, cite, cite_zh, with_times_from_today

    project = with_times_from_today(minimal_project)
    cited = {"zh": [cite_zh("2023年9月", "上个月，商会举办会长座谈会"), cite("2023年10月10日", "Yesterday, the federation met")],
             "en": [cite_zh("in September 2023", "上个月，商会举办会长座谈会"),
                    cite("on 10 October 2023", "Yesterday, the federation met")]}
    for lang, texts in cited.items():
        page = project / "content" / "pages" / f"index.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    build(project, tmp_path / "site", BuildOptions(base_url=TEST_BASE_URL))
    site = check(project, BuildOptions(base_url=TEST_BASE_URL), whole=True).site
    assert [problem.format() for problem in check_built_site(tmp_path / "site", site)] == []
    assert "9月" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert all((tmp_path / "site" / "sources" / name / "index.html").exists() for name in (SOURCE, ENGLISH))


@pytest.mark.content
def test_check_site_command_exit_status(site_under_test, tmp_path: Path, capsys) -> None:
    built_site = site_under_test.out
    arguments = ["--root", str(site_under_test.root), "check", "--base-url", TEST_BASE_URL, "--site"]
    assert main([*arguments, str(built_site)]) == 0
    assert "0 problems" in capsys.readouterr().out
    assert main([*arguments, str(tmp_path / "missing")]) == 1


def test_check_site_of_a_build_for_another_address_says_so_once(minimal_project: Path, tmp_path: Path,
                                                                capsys) -> None:
    out = tmp_path / "site"
    build(minimal_project, out, BuildOptions(base_url="http://127.0.0.1:8000/"))  # as the preview builds it
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if not line.startswith(("warning:", "  hint:"))] == [
        f"{out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}/index.html: this site was built "
        "for http://127.0.0.1:8000/, not for https://example.org/ (the base URL being checked)"]
    assert f"python3 build.py check --base-url http://127.0.0.1:8000/ --site {out}" in captured.err
    assert captured.out.endswith("1 problem\n")
    assert main(["--root", str(minimal_project), "check", "--base-url", "http://127.0.0.1:8000/", "--site",
                 str(out)]) == 0


def test_check_site_finds_a_number_on_a_page_that_no_source_says(minimal_project: Path, tmp_path: Path,
                                                                   capsys) -> None:
    """A number that reached a page where the build does not trace it (a template's expression: ``{{ pages|length
    }}``) is on the page readers get: read in its text, a description, a title or a label a screen reader says, it
    must be one that a source says. Not in a script, nor in a web address shown as text; a source's own numbers
    (its text, its date, its page and lengths) and the same number said otherwise (4.5亿元 as "450 million") pass."""
    out = tmp_path / "site"
    build(minimal_project, out)
    page = out / "en" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", (
        '<p>12 chambers</p><img src="x" alt="Orders of 64 billion yuan"><span title="about 77 members">x</span>'
        '<script>var n = 91;</script><p>See https://example.org/2024/93 and www.a.cn/94.</p>'
        '<p>49 chambers, over 450 million yuan, in April 2023, page 6, 146 characters.</p><p>第06版</p>'
        # an article's words among the page's own: each number read as either reading traces it
        '<p>The China Business Times (中华工商时报) of 11 October 2023, page 6; 13 (十三) chambers</p></main>')),
        encoding="utf-8")
    feed = out / "en" / "feed.xml"  # what a feed reader shows: an entry's title and summary, its HTML content
    feed.write_text(feed.read_text(encoding="utf-8").replace("<summary>", "<summary>88 members; ", 1).replace(
        "</entry>", '<content type="html">&lt;p&gt;99 chambers&lt;/p&gt;</content></entry>', 1), encoding="utf-8")
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    err = capsys.readouterr().err
    found = re.findall(r"the number '([^']+)' is (?:on this page|in this feed), but no source says it", err)
    assert found == ["99", "88", "12", "64 billion yuan", "about 77", "13"], err
    assert re.search(r"en/feed\.xml:\d+:\d+: the number '88' is in this feed, but no source says it: '88 members; ",
                     err), err
    assert "hint: it reached the page where the build does not trace it (a template's expression" in err


@pytest.mark.parametrize("what, problem", [
    ("not-utf8", "x.html:1:6: the page is not UTF-8 text"),
    ("folder", "x.html: a folder, FIFO, socket or device named as a page"),
    ("fifo", "x.html: a folder, FIFO, socket or device named as a page"),
    ("loop", "x.html: a symbolic link (a build makes none); it was not followed"),
    ("link-outside", "x.html: a symbolic link (a build makes none); it was not followed"),
])
def test_check_site_reports_what_a_build_never_makes_without_opening_it(minimal_project: Path, tmp_path: Path,
                                                                        capsys, what: str, problem: str) -> None:
    """A page not UTF-8, a folder or a link loop named as one were tracebacks, a FIFO a wait for ever, and a link to
    a file outside the site was read as one of its pages."""
    out = tmp_path / "site"
    build(minimal_project, out)
    page = out / "x.html"
    if what == "not-utf8":
        page.write_bytes(b"<html\xff>")
    elif what == "folder":
        page.mkdir()
    elif what == "fifo":
        os.mkfifo(page)
    else:
        page.symlink_to(page if what == "loop" else minimal_project / "templates" / "base.html")
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and problem in captured.err, captured.err
    assert captured.out.endswith(" 1 problem\n")


def test_leftovers_of_a_killed_build_are_removed_but_not_a_running_ones(tmp_path: Path) -> None:
    out = tmp_path / "site"
    old, fresh, foreign = tmp_path / ".site.new-abc", tmp_path / ".site.new-def", tmp_path / ".site.new-xyz"
    for folder in (old, fresh, foreign):
        folder.mkdir()
    (old / MARKER).write_text("x")
    (fresh / MARKER).write_text("x")
    (foreign / "notes.txt").write_text("not ours")
    unmarked_empty = tmp_path / ".site.new-ghi"  # killed between making the folder and marking it
    unmarked_empty.mkdir()
    import os

    for folder in (old, foreign, unmarked_empty):
        os.utime(folder, (0, 0))
    remove_leftovers(out)
    assert not old.exists() and fresh.exists() and foreign.exists() and not unmarked_empty.exists()


def test_a_build_with_nothing_to_do_still_removes_a_killed_builds_leftovers(minimal_project: Path,
                                                                           tmp_path: Path) -> None:
    import os

    out = tmp_path / "site"
    build(minimal_project, out)
    leftover = tmp_path / ".site.new-abc"
    leftover.mkdir()
    (leftover / MARKER).write_text("x")
    os.utime(leftover, (0, 0))
    assert build(minimal_project, out).site is None  # nothing changed
    assert not leftover.exists()


def test_rebuilding_never_follows_a_symlink_out_of_the_old_site(minimal_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    build(minimal_project, out)
    (out / "link").symlink_to(outside, target_is_directory=True)
    build(minimal_project, out)
    assert (outside / "keep.txt").read_text() == "keep" and not (out / "link").exists()


def test_a_failure_while_writing_leaves_the_previous_site(minimal_project: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "site"
    build(minimal_project, out)
    before = tree(out)
    written = {"count": 0}
    original = write._write_new

    def failing(target, data):
        written["count"] += 1
        if written["count"] > 5:
            raise OSError(28, "No space left on device")
        return original(target, data)

    monkeypatch.setattr(write, "_write_new", failing)
    css = minimal_project / "static" / "style.css"  # a new stylesheet name changes every page
    css.write_text(css.read_text(encoding="utf-8") + "\nb { color: red; }\n", encoding="utf-8")
    with pytest.raises(write.OutputError, match="the disk is full"):  # said as the output's problem, no traceback
        build(minimal_project, out)
    monkeypatch.setattr(write, "_write_new", original)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".spare")) == ["project", "site"]


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800", "-1", "1.5", "soon", "１７００", " 1700000000"])
def test_a_source_date_epoch_that_is_no_time_stops_the_build_with_a_message(tmp_path: Path, monkeypatch, capsys,
                                                                            sample_root: Path, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    for command in (["build", "--out", str(tmp_path / "site")], ["check"]):
        assert main(["--root", str(sample_root), *command]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"SOURCE_DATE_EPOCH: the environment variable is {epoch!r}, not a time in seconds")
        assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_the_largest_source_date_epoch_is_accepted(sample_root: Path, tmp_path: Path) -> None:
    build(sample_root, tmp_path / "site", BuildOptions.from_environment({"SOURCE_DATE_EPOCH": "253402300799"}))
    feed = ET.parse(tmp_path / "site" / "en" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated").text == "9999-12-31T23:59:59Z"


def test_an_id_given_twice_is_found_once_and_an_anchor_naming_itself_twice_is_not() -> None:
    from microsite.sitecheck import read_html

    reading = read_html('<p id="a"></p><a id="b" name="b">x</a><span id="a"></span><a name="a">y</a><a>z</a>')
    assert [name for name, _, _ in reading.repeated] == ["a", "a"] and len(reading.dead) == 1


def test_check_site_reads_what_a_page_loads_by_its_styles_and_instructions_and_what_a_comment_does_not_hide() -> None:
    from microsite.sitecheck import read_html

    reading = read_html('<style>\n@import url(https://fonts.example/a.css);\n</style>\n'
                        '<p style="background: url(\'https://cdn.example/b.png\')">x</p>\n'
                        '<?xml-stylesheet href="https://cdn.example/c.css"?>\n'
                        '<!--><img src="https://cdn.example/d.png">-->\n'
                        '<script>x</script foo><img src="https://cdn.example/e.png">\n'
                        '<svg><style>.f { fill: url(#g) }</style><pattern href="https://cdn.example/h.svg#p"/></svg>')
    assert reading.resources == [("https://fonts.example/a.css", 2, 13), ("https://cdn.example/b.png", 4, 1),
                                 ("https://cdn.example/c.css", 5, 1), ("https://cdn.example/d.png", 6, 6),
                                 ("https://cdn.example/e.png", 7, 23), ("#g", 8, 28),
                                 ("https://cdn.example/h.svg#p", 8, 41)]


def test_check_site_reads_the_svg_xhtml_and_manifest_files_of_the_build_and_lets_a_frame_of_nothing_be(
        minimal_project: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "site"
    build(minimal_project, out, BuildOptions())
    (out / "static" / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                          '<image href="https://cdn.example/x.png"/></svg>', encoding="utf-8")
    (out / "static" / "z.webmanifest").write_text('{"icons": [{"src": "https://cdn.example/i.png"}]}',
                                                  encoding="utf-8")
    (out / "static" / "y.xhtml").write_text('<html xmlns="http://www.w3.org/1999/xhtml"><head><script '
                                            'src="//cdn.example/y.js"></script></head></html>', encoding="utf-8")
    page = out / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<iframe src="about:blank" title="x"></iframe><iframe src="javascript:go()"></iframe></main>'),
        encoding="utf-8")
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    err = capsys.readouterr().err
    assert "x.svg:1:41: loads 'https://cdn.example/x.png', from another host" in err
    assert "y.xhtml:1:50: loads '//cdn.example/y.js', from another host" in err
    assert "z.webmanifest:1:21: loads 'https://cdn.example/i.png', from another host" in err
    assert "loads 'javascript:go()', and the site loads nothing by 'javascript:'" in err
    assert "about:blank" not in err


def test_a_site_under_a_subpath_writes_no_robots_txt_and_says_what_the_hosts_root_file_needs(
        minimal_project: Path, tmp_path: Path, capsys) -> None:
    """Crawlers read robots.txt at the host's root only: one under /icf/ is read by none, and the build writes
    nothing outside its folder; so it names the line the root's robots.txt needs, once, after its summary."""
    out = tmp_path / "site"
    assert main(["--root", str(minimal_project), "build", "--out", str(out), "--base-url",
                 "https://example.org/icf/"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert not (out / "robots.txt").exists()
    assert (out / "sitemap.xml").is_file()
    assert printed[0].startswith("built ")
    assert printed[1:] == ["robots.txt: not written, as the site is published under /icf/ and crawlers read only "
                           "https://example.org/robots.txt; add this line to that file (or submit the sitemap to "
                           "the search engines): Sitemap: https://example.org/icf/sitemap.xml"]
    assert main(["--root", str(minimal_project), "build", "--out", str(tmp_path / "root")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # at the root it is written, and nothing is to be said
    assert (tmp_path / "root" / "robots.txt").read_text(encoding="utf-8").endswith(
        "Sitemap: https://example.org/sitemap.xml\n")


def test_check_site_reads_the_downloads_as_readers_get_them(minimal_project: Path, tmp_path: Path, capsys) -> None:
    """A download edited by hand or left from another build is caught as a page would be: a number no source says
    in a field a reader reads, a value that is not the amount its record says as written, a link to another host or
    to no element of the site, a file that is not well-formed CSV or JSON. Identifiers and ISO dates are code."""
    out = tmp_path / "site"
    build(minimal_project, out)
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 0  # as the build wrote them
    capsys.readouterr()
    stats = out / "en" / "data" / "statistics.json"
    document = json.loads(stats.read_text(encoding="utf-8"))
    record = document["records"][0]
    record["value"] = record["value"] + 1
    record["note"] = "See https://elsewhere.example/x and its 77 members."
    record["quote_url"] = record["quote_url"].partition("#")[0] + "#q-gone"
    stats.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    table = out / "data" / "timeline.csv"
    header, first, *rest = table.read_bytes().decode("utf-8").split("\r\n")
    table.write_bytes("\r\n".join([header, first + ',"x"', *rest]).encode("utf-8"))
    (out / "data" / "statistics.json").write_text('{"records": [,]}', encoding="utf-8")
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith(("  hint:", "warning:"))]
    where = out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out
    assert [line.removeprefix(f"{where}/") for line in err] == [
        "data/statistics.json:1:14: not well-formed JSON: Expecting value",
        "data/timeline.csv:2:1: a row of 14 fields, under a first row of 13: not well-formed CSV",
        f"en/data/statistics.json:11:16: the value {record['value']} is not the amount its record says, as written: "
        f"'{record['as_written']}'",
        "en/data/statistics.json:16:16: the number '77' is in this file, but no source says it: "
        "'…//elsewhere.example/x and its 77 members.'",
        "en/data/statistics.json:16:20: links to another host: https://elsewhere.example/x",
        f"en/data/statistics.json:22:21: link to '{record['quote_url']}': no element with id 'q-gone' there"]


def test_a_downloads_value_is_the_amount_its_as_written_says_in_any_form() -> None:
    """9.8亿 is 980000000.0000001 in floating point: the value 980000000 was reported as not its amount."""
    from microsite.sitecheck import read_data
    records = [{"value": 980000000, "as_written": "超9.8亿元"}, {"value": 49, "as_written": "49个"},
               {"value": 48, "as_written": "49个"}, {"value": 6300000000, "as_written": "63亿元"}]
    problems: list = []
    read_data(Path("data.json"), json.dumps({"records": records}, ensure_ascii=False, indent=1), "zh-Hans", problems)
    assert [problem.format() for problem in problems] == [
        "data.json:12:13: the value 48 is not the amount its record says, as written: '49个'\n  hint: "
        + problems[0].hint]


def test_check_site_follows_the_sitemaps_pages_and_robots_txts_sitemap_as_a_crawler_does(minimal_project: Path,
                                                                                          tmp_path: Path,
                                                                                          capsys) -> None:
    """A sitemap's <loc> and robots.txt's Sitemap: line are addresses given as text, which a crawler follows: one
    that leads to no file of the build was not read (only the sitemap's xhtml:link alternates, attributes, were)."""
    out = tmp_path / "site"
    build(minimal_project, out)
    sitemap, robots = out / "sitemap.xml", out / "robots.txt"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace("<loc>https://example.org/en/</loc>",
                                                                   "<loc>https://example.org/english/</loc>", 1),
                       encoding="utf-8")
    robots.write_text(robots.read_text(encoding="utf-8").replace("sitemap.xml", "site-map.xml"), encoding="utf-8")
    assert main(["--root", str(minimal_project), "check", "--site", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith(("  hint:", "warning:"))]
    where = out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out
    assert [re.sub(r":\d+:\d+:", ":", line.removeprefix(f"{where}/")) for line in err] == [
        "robots.txt: link to 'https://example.org/site-map.xml', which is not in the build",
        "sitemap.xml: link to 'https://example.org/english/', which is not in the build"]
