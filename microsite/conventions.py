"""How the content folder is laid out: each naming convention written down once.

- A page in one language is ``pages/<key>.<lang>.md``; a source is
  ``sources/<id>.md`` and its translation ``sources/<id>.<lang>.md``
  (:func:`content_file`, :func:`key_and_language`).
- The data records come in three kinds, each with a file, a link prefix and
  a page that lists them (:data:`RECORD_KINDS`).

A page's URL is derived from its key and language in one place too:
:func:`microsite.model.page_url` (with ``Config.href`` and ``Config.absolute``).
"""

from __future__ import annotations

from dataclasses import dataclass


def content_file(key: str, lang: str) -> str:
    """The file name of page or source ``key`` in ``lang``: ``<key>.<lang>.md``."""
    return f"{key}.{lang}.md"


def key_and_language(name: str) -> tuple[str, str]:
    """``<key>.<lang>.md`` (or the name without ``.md``) -> ``(key, lang)``.

    The language is what follows the last dot; the key is "" when the name has no dot
    (``<id>.md``, a source's original, gives ``("", "<id>")``).
    """
    key, _, lang = name.removesuffix(".md").rpartition(".")
    return key, lang


@dataclass(frozen=True)
class RecordKind:
    """One kind of data record and every name it goes by."""

    prefix: str  # in links, anchors and ledger keys: [](stat:ID), #stat-ID, stat:ID
    file: str  # content/data/<file>.yaml
    name: str  # in messages: "statistic 'donations'"
    template: str  # the template of the page that lists them
    field: str  # the attribute of the site (and of the records read) that holds them

    def anchor(self, ident: str) -> str:
        """The id of record ``ident`` on the page that lists it (written so in that page's template too)."""
        return f"{self.prefix}-{ident}"


RECORD_KINDS = (
    RecordKind("stat", "statistics", "statistic", "statistics", "statistics"),
    RecordKind("event", "timeline", "event", "timeline", "events"),
    RecordKind("term", "glossary", "glossary term", "glossary", "terms"),
)
RECORD_KIND = {kind.prefix: kind for kind in RECORD_KINDS}  # by prefix
