"""For search engines and feed readers: ``sitemap.xml``, ``robots.txt`` and an Atom feed per language.

Everything here is derived from the content alone, so two builds of the
same content are byte-identical: feed times are the content's own dates
(or the build options' ``SOURCE_DATE_EPOCH``, when set), never the time of the build. Entry ids
are the entries' absolute URLs, which do not change between builds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from .conventions import RECORD_KIND
from .model import Config, Site, page_url

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def feed_path(site: Site, lang: str) -> str:
    """``feed.xml`` for the default language, ``en/feed.xml`` for English."""
    return page_url("feed", lang, site.config.default_language).strip("/") + ".xml"


def absolute(site: Site, key: str, lang: str, fragment: str = "") -> str:
    return site.config.absolute(key, lang, fragment)


def sitemap(site: Site) -> bytes:
    """Every page (not the 404 pages), each with its language alternates."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    keys = sorted({page.key for page in site.pages if page.template != "404"} | {s.key for s in site.sources})
    for key in keys:
        for language in site.config.languages:
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = absolute(site, key, language.code)
            for other in site.config.languages:
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=other.tag,
                              href=absolute(site, key, other.code))
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default",
                          href=absolute(site, key, site.config.default_language))
    return _serialize(root)


def robots(site: Site) -> bytes | None:
    """``robots.txt``, for a site published at its host's root; None under a subpath (see :func:`robots_advice`)."""
    if site.config.base_path != "/":
        return None
    return f"User-agent: *\nAllow: /\n\n{_sitemap_line(site.config)}\n".encode("utf-8")


def robots_advice(config: Config) -> str:
    """What the maintainer of a site published under a subpath adds to the host's own ``robots.txt`` ("" at the
    root, where the build writes it).

    Crawlers read ``robots.txt`` at the root of a host only (RFC 9309: ``https://example.org/robots.txt``): one
    written under the subpath (``/icf/robots.txt``) is read by none, and its ``Sitemap:`` line, the one way a
    crawler finds the sitemap unasked, with it. Hugo and Zola write theirs into the output folder wherever it is
    published; the build cannot write outside it either, so it says which line the root's file needs.
    """
    if config.base_path == "/":
        return ""
    root = config.base_url[:len(config.base_url) - len(config.base_path)] + "/"
    return (f"robots.txt: not written, as the site is published under {config.base_path} and crawlers read only "
            f"{root}robots.txt; add this line to that file (or submit the sitemap to the search engines): "
            f"{_sitemap_line(config)}")


def _sitemap_line(config: Config) -> str:
    return f"Sitemap: {config.base_url}sitemap.xml"


def atom(site: Site, lang: str) -> bytes:
    """The sources and the timeline events, newest first, in language ``lang``."""
    ET.register_namespace("", ATOM)
    config = site.config
    entries = _source_entries(site, lang) + _event_entries(site, lang)
    entries.sort(key=lambda entry: (entry["updated"], entry["id"]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": config.language(lang).tag})
    _text(feed, "title", config.title[lang])
    _text(feed, "subtitle", config.description[lang])
    _text(feed, "id", absolute(site, "index", lang))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=config.base_url + feed_path(site, lang))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute(site, "index", lang))
    latest = max((entry["updated"] for entry in entries), default="1970-01-01")
    _text(feed, "updated", _timestamp(latest, site.options.source_date_epoch))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", config.title[lang])
    for entry in entries:
        element = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(element, "id", entry["id"])
        _text(element, "title", entry["title"])
        ET.SubElement(element, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry["id"])
        _text(element, "updated", _timestamp(entry["updated"]))
        _text(element, "published", _timestamp(entry["updated"]))
        if entry.get("author"):
            _text(ET.SubElement(element, f"{{{ATOM}}}author"), "name", entry["author"])
        if entry["summary"]:
            _text(element, "summary", entry["summary"])
    return _serialize(feed)


def _source_entries(site: Site, lang: str) -> list[dict[str, str]]:
    entries = []
    for source in site.sources:
        words = source.translations.get(lang)
        entries.append({
            "id": absolute(site, source.key, lang),
            "title": words.title if words else source.title,
            "updated": source.date.isoformat(),
            "author": words.author if words else source.author,
            "summary": words.summary.plain if words and words.summary else source.kicker,
        })
    return entries


def _event_entries(site: Site, lang: str) -> list[dict[str, str]]:
    from .i18n import format_date

    events = RECORD_KIND["event"]
    timeline = next((page.key for page in site.pages if page.template == events.template), None)
    if timeline is None:
        return []
    # An entry is dated by the article that reported its event: the event's own date, which its title gives at
    # the precision the article does, may be a month, a quarter or "before" a day, and a day chosen in it would
    # tell feed readers more than the article does.
    published = {source.id: source.date.isoformat() for source in site.sources}
    return [{
        "id": absolute(site, timeline, lang, events.anchor(event.id)),
        "title": f"{format_date(event.date, lang)}: {event.text[lang].title}",
        "updated": published[event.evidence.source],
        "summary": event.text[lang].text.plain,
    } for event in site.events]


def _timestamp(day: str, epoch: int | None = None) -> str:
    """An RFC 3339 time for a content date, or for ``epoch`` (the feed's own time, pinned by the build options)."""
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    # A date has no time, and RFC 3339 wants one: noon UTC is that same date from UTC-11 to UTC+11 (midnight
    # UTC showed an article of 11 October as of the 10th to readers in the Americas).
    return f"{day}T12:00:00Z"


LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second an RFC 3339 time can name


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
