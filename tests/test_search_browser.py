"""Search in a real browser: the real content, then the complete sample (``tests/conftest.py``: its search pages
are there whatever the editors do), built for a subpath and served under it, offline.

Each language's search page is typed into as a reader does, with the first of its glossary's terms the
index finds; then every word every valid content has on its pages, the glossary's terms, is looked up in the same page's Pagefind index through its own API (as the page's script does, without
the wait for the reader to stop typing: a glossary of 50 terms typed in took 80 s). The results must be
in the page's language and lead to pages that exist.
"""

from __future__ import annotations


import pytest

from microsite.model import BuildOptions, output_path
from tests.browser import PageLog, axe_violations, describe_violations, serve

pytestmark = [pytest.mark.browser, pytest.mark.content]

SUBPATH = "/icf-explained/"
# Words Pagefind (1.5) does not find in the Simplified index although the pages have them: it segments
# 政商恳谈会 at index time otherwise than the query. Listed so that the test says when this is fixed (while
# the content still has the word to look up: an editor may drop the term, or the search pages).
KNOWN_MISSES = {("zh-Hans", "政商恳谈")}


@pytest.fixture(scope="module", params=["content", "complete sample"])
def search_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(origin, the folder built, its site, and the :class:`BuiltSite` that says whether it is the real content)."""
    from microsite.pipeline import build
    from tests.conftest import PROJECT, BuiltSite

    project = PROJECT if request.param == "content" else request.getfixturevalue("complete_root")
    root = tmp_path_factory.mktemp("search")
    out = root / SUBPATH.strip("/")
    with serve(root) as origin:
        site = build(project, out, BuildOptions(base_url=origin + SUBPATH)).site
        yield origin, out, site, BuiltSite(project, out, site, real=request.param == "content")


def search_pages(search_site) -> list:
    """The site's search pages, one per language: the real content may have none (valid content: the guide says how
    to remove them), and the test is then skipped there; the complete sample has them."""
    *_, site, case = search_site
    pages = [page for page in site.pages if page.template == "search"]
    case.needs(pages, "page with template: search")
    return pages


def glossary_terms(site, lang: str) -> list[str]:
    """The glossary's terms in ``lang``, each once: words every valid content has on its pages."""
    return list(dict.fromkeys(term.text[lang].term for term in site.terms if lang in term.text))


def typed_queries(site, lang: str) -> list[str]:
    """What a reader types into ``lang``'s search page: the first glossary term in ``lang`` that Pagefind finds
    (none without a glossary), taken from the content, so that an editor may rename or drop any term."""
    tag = site.config.language(lang).tag
    return [term for term in glossary_terms(site, lang) if (tag, term) not in KNOWN_MISSES][:1]


def type_query(tab, query: str, key_by_key: bool = True) -> list[str]:
    """Type ``query`` into the search field (or paste it); the hrefs of the results once the status line
    reports them."""
    tab.fill("#search-query", "")
    if key_by_key:
        tab.locator("#search-query").press_sequentially(query, delay=20)
        tab.wait_for_timeout(300)  # the search of the last key is debounced
    else:
        tab.fill("#search-query", query)
    tab.wait_for_function("() => document.getElementById('search-status').textContent.trim() !== '' && "
                          "!document.getElementById('search-status').textContent.includes('…')")
    return tab.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")


# The first 20 results' URLs for each query, from the Pagefind index the search page's own script loads.
INDEX_SEARCH = """async (queries) => {
  const form = document.getElementById("search").dataset;
  const pagefind = await import(form.bundle + "pagefind.js");
  await pagefind.options({ baseUrl: form.base });
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    found[query] = await Promise.all(search.results.slice(0, 20).map(async (result) => (await result.data()).url));
  }
  return found;
}"""


def test_typing_finds_pages_in_the_readers_language_that_exist(search_site, browser) -> None:
    origin, out, site, case = search_site
    config = site.config
    failures, misses, asked = [], set(), set()
    pages = search_pages(search_site)
    context = browser.new_context()
    for page in pages:
        tab = context.new_page()
        log = PageLog(origin)
        log.attach(tab)
        tab.goto(origin + config.base_path + page.url.lstrip("/"))
        prefix = config.base_path + (page.url.lstrip("/").removesuffix("search/"))
        tag = config.language(page.lang).tag
        found = {query: type_query(tab, query) for query in typed_queries(site, page.lang)}
        found |= tab.evaluate(INDEX_SEARCH, glossary_terms(site, page.lang))
        asked |= {(tag, query) for query in found}
        for query, hrefs in found.items():
            if not hrefs:
                misses.add((tag, query))
                if (tag, query) not in KNOWN_MISSES:
                    failures.append(f"{page.url}: nothing found for {query!r}")
            for href in hrefs:
                path = href.split("#")[0]
                in_language = path.startswith(prefix) and (
                    page.lang != config.default_language
                    or not any(path.startswith(config.base_path + code + "/") for code in config.codes))
                if not in_language or not (out / output_path(path.removeprefix(SUBPATH[:-1]))).is_file():
                    failures.append(f"{page.url}: {query!r} led to {href}")
        failures += [f"{page.url}: {problem}" for problem in log.problems]
        tab.close()
    context.close()
    assert not failures, "\n".join(failures)
    case.needs(asked, "glossary term to look up")
    known = KNOWN_MISSES & asked  # those the content still looks up
    assert known <= misses, f"found now, remove from KNOWN_MISSES: {known - misses}"


def test_the_header_box_and_the_results_work_from_the_keyboard(search_site, browser) -> None:
    """From the home page (in English, if the site has it), a glossary term the index finds typed into the
    header's box."""
    origin, _, site, case = search_site
    search_pages(search_site)  # the header has a search box when the site has search pages
    config = site.config
    lang = "en" if "en" in config.codes else config.default_language
    home = next(page for page in site.pages if page.template == "home" and page.lang == lang)
    tag = config.language(lang).tag
    query = next((term for term in glossary_terms(site, lang) if (tag, term) not in KNOWN_MISSES), None)
    case.needs(query, f"glossary term in {lang} to look up")
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(origin + config.base_path + home.url.lstrip("/"))
    for _ in range(10):  # skip link, site title, then the search field
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "site-search-query":
            break
    assert tab.evaluate("document.activeElement.id") == "site-search-query"
    tab.keyboard.type(query)
    tab.keyboard.press("Enter")
    tab.wait_for_selector("#search-results a")
    assert tab.input_value("#search-query") == query
    assert tab.get_attribute("#search-status", "role") == "status"
    assert tab.text_content("#search-status").strip()
    assert tab.evaluate("document.querySelector('#search-results mark') !== null")  # matched words are marked
    tab.focus("#search-query")
    tab.keyboard.press("Tab")  # the button
    tab.keyboard.press("Tab")  # the first result
    assert tab.evaluate("document.activeElement.closest('#search-results') !== null")
    context.close()


def test_axe_finds_no_violations_on_the_search_pages_with_results(search_site, browser) -> None:
    origin, _, site, case = search_site
    context = browser.new_context()
    tab = context.new_page()
    failures = []
    for page in search_pages(search_site):
        tab.goto(origin + site.config.base_path + page.url.lstrip("/"))
        queries = typed_queries(site, page.lang)
        if queries:  # without a glossary term, the page is checked with no results
            type_query(tab, queries[0])
        elif not case.real:
            failures.append(f"{page.url}: the complete sample site has no glossary term to type")
        for scheme in ("light", "dark"):
            tab.emulate_media(color_scheme=scheme)
            failures += describe_violations(f"{page.url} [{scheme}]", axe_violations(tab))
    context.close()
    assert not failures, "\n".join(failures)
