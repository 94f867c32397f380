"""microsite: a static site generator for bilingual explanatory microsites.

The build is one pipeline, one module per stage::

    load -> validate -> render -> write

Smaller modules each do one job for those stages: ``yamlfile`` (strict YAML
with locations), ``config`` (site.yaml), ``records`` and ``pages`` (the
content, read and paired), ``markdown`` and ``compiled`` (the Markdown
parser and its cacheable output), ``numerals`` and ``dates`` (reading
Chinese and English numbers and dates), ``provenance`` and ``evidence``
(finding quotes in sources), ``links``, ``tracing``, ``i18n`` and
``ingest``; ``conventions`` names the content's files, ``cjk`` says which
characters are Chinese text. docs/contributing.md lists them all.
"""

__version__ = "0.1.0"
