"""microsite: a static site generator for bilingual explanatory microsites.

The build is one pipeline, one module per stage::

    load -> validate -> render -> write

Smaller modules each do one job for those stages: ``yamlfile`` (strict YAML
with locations), ``markdown`` (the configured Markdown parser), ``numerals``
and ``dates`` (reading Chinese and English numbers and dates), ``provenance``
(finding quotes in sources), ``links``, ``i18n`` and ``ingest``.
"""

__version__ = "0.1.0"
