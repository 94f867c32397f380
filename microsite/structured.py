"""Structured data for search engines and link previews: JSON-LD and Open Graph locales.

Every page describes the website and the organisation it is about
(``organisation`` in site.yaml); a source page also describes the news
article: its headline, author, outlet and date. Only what the content
says is stated.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from .model import Site, Source

_OG_LOCALES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW", "zh": "zh_CN", "en": "en_US"}


def og_locale(tag: str) -> str:
    """Open Graph's ``language_TERRITORY`` for a BCP 47 tag (``zh-Hans`` -> ``zh_CN``, ``zh-Hant-TW`` -> ``zh_TW``):
    the tag's region, after its script if it has one (``zh-Hant-TW`` was read as ``zh``); without one, the territory
    its language and script imply, if the table knows it. Variants and extensions (``-x-...``) say no region."""
    subtags = tag.lower().split("-")
    language, rest = subtags[0], subtags[1:]
    script = rest.pop(0) if rest and len(rest[0]) == 4 and rest[0].isalpha() else ""
    if rest and len(rest[0]) == 2 and rest[0].isalpha():
        return f"{language}_{rest[0].upper()}"
    implied = f"{language}-{script}" if script else language
    return _OG_LOCALES.get(implied, _OG_LOCALES.get(language, language))


def json_ld(site: Site, lang: str, url: str, title: str, description: str, article: Source | None) -> Markup:
    """A ``<script type="application/ld+json">`` body, safe to place inside the element."""
    config = site.config
    home = config.absolute("index", lang)
    tag = config.language(lang).tag
    graph: list[dict] = [{
        "@type": "WebSite", "@id": f"{config.base_url}#website", "url": home,
        "name": config.title[lang], "description": config.description[lang], "inLanguage": tag,
    }, {
        "@type": "WebPage", "@id": url, "url": url, "name": title, "description": description,
        "inLanguage": tag, "isPartOf": {"@id": f"{config.base_url}#website"},
    }]
    names = config.organisation.get(lang)
    if names:
        organisation = {"@type": "Organization", "@id": f"{config.base_url}#organisation", "name": names["name"]}
        if names.get("alternate_name"):
            organisation["alternateName"] = names["alternate_name"]
        graph.append(organisation)
        graph[0]["about"] = {"@id": organisation["@id"]}
    if article is not None:
        graph.append(_news_article(site, article, lang, url))
    document = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # Inside <script> an editor's "</script>" or "<!--" would change how HTML parses the element;
    # JSON may write <, > and & as escapes, so none of them appears (as Django's json_script does).
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _news_article(site: Site, source: Source, lang: str, url: str) -> dict:
    words = source.translations.get(lang)
    article = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": source.title,
        "inLanguage": site.config.language(source.lang).tag,
        "datePublished": source.date.isoformat(),
        "publisher": {"@type": "NewsMediaOrganization", "name": source.outlet},
        "mainEntityOfPage": {"@id": url},
    }
    if source.author:
        article["author"] = {"@type": "Person", "name": source.author}
        if words and words.author:
            article["author"]["alternateName"] = words.author
    if words and words.title:
        article["alternativeHeadline"] = words.title
    if words and words.outlet:
        article["publisher"]["alternateName"] = words.outlet
    if site.config.organisation:
        article["about"] = {"@id": f"{site.config.base_url}#organisation"}
    return article
