"""The translation review page: every page and record in every language, side by side.

Served by the preview at ``/_review/`` and never written to the published
site. It lists the build's warnings (translations out of date or not marked,
untranslated words, glossary terms without a quote) at the top, then each
page's languages in columns, then the records' words.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from .model import Site

REVIEW_PATH = "/_review/"

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Translation review · microsite preview</title>
<style>
body { font: 15px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 110rem; padding: 1rem; }
h1 { margin: 0 0 .25rem; } .note { color: #555; margin-top: 0; }
.warnings { background: #fff6e0; border-left: 4px solid #c98a00; padding: .5rem 1rem; }
.warnings pre { white-space: pre-wrap; margin: .25rem 0; font: 13px/1.5 ui-monospace, monospace; }
.pair { display: grid; grid-template-columns: repeat({{ languages | length }}, minmax(0, 1fr)); gap: 1.5rem;
        border-top: 2px solid #ddd; padding: .75rem 0; }
.pair > div { min-width: 0; } .stale { color: #9b2226; font-weight: 700; } .fresh { color: #2d6a2d; }
table { border-collapse: collapse; width: 100%; } td, th { border-top: 1px solid #ddd; padding: .35rem .5rem;
        vertical-align: top; text-align: left; } th { white-space: nowrap; }
nav ul { columns: 14rem; padding-left: 1rem; }
</style>
</head>
<body>
<h1>Translation review</h1>
<p class="note">Preview only: this page is not part of the published site. Each page and record in every language,
side by side.</p>
<section class="warnings" aria-labelledby="warnings">
<h2 id="warnings">{{ warnings | length }} warning{{ '' if warnings | length == 1 else 's' }}</h2>
{% for warning in warnings %}<pre>{{ warning }}</pre>{% else %}<p>None: every translation is marked and up to date.</p>{% endfor %}
</section>
<nav aria-label="Pages"><ul>{% for key, pages in page_pairs %}<li><a href="#page-{{ key }}">{{ key }}</a></li>{% endfor %}
<li><a href="#statistics">statistics</a></li><li><a href="#timeline">timeline</a></li><li><a href="#glossary">glossary</a></li></ul></nav>
{% for key, pages in page_pairs %}
<section id="page-{{ key }}" class="pair">
{% for page in pages %}
  <div lang="{{ tags[page.lang] }}">
    <p><a href="{{ page.url }}">{{ page.path.name }}</a> · {{ status(page) | safe }}</p>
    <h2>{{ page.title }}</h2>
    <p><em>{{ page.description }}</em></p>
    {{ md(page.body) }}
  </div>
{% endfor %}
</section>
{% endfor %}
<h2 id="statistics">Statistics</h2>
<table><tr><th>id</th>{% for code in languages %}<th>{{ code }}</th>{% endfor %}</tr>
{% for stat in site.statistics %}<tr><th>{{ stat.id }}</th>{% for code in languages %}<td lang="{{ tags[code] }}">
<strong>{{ stat.formatted[code] }}</strong> {{ stat.text[code].label }}{{ md(stat.text[code].note) }}</td>{% endfor %}</tr>{% endfor %}
</table>
<h2 id="timeline">Timeline</h2>
<table><tr><th>id</th>{% for code in languages %}<th>{{ code }}</th>{% endfor %}</tr>
{% for event in site.events %}<tr><th>{{ event.id }}<br>{{ event.date.iso() }}</th>{% for code in languages %}<td lang="{{ tags[code] }}">
<strong>{{ event.text[code].title }}</strong>{{ md(event.text[code].text) }}</td>{% endfor %}</tr>{% endfor %}
</table>
<h2 id="glossary">Glossary</h2>
<table><tr><th>id</th>{% for code in languages %}<th>{{ code }}</th>{% endfor %}</tr>
{% for term in site.terms %}<tr><th>{{ term.id }}</th>{% for code in languages %}<td lang="{{ tags[code] }}">
<strong>{{ term.text[code].term }}</strong>{{ md(term.text[code].definition) }}</td>{% endfor %}</tr>{% endfor %}
</table>
</body>
</html>
"""


def render_review(site: Site) -> bytes:
    """The review page for ``site`` (links point into the preview)."""
    config = site.config
    keys = sorted({page.key for page in site.pages})
    by_key = {(page.key, page.lang): page for page in site.pages}
    pairs = [(key, [by_key[(key, code)] for code in config.codes if (key, code) in by_key]) for key in keys]
    stale = {Path(w.location.path) for w in site.warnings}

    def status(page) -> str:
        if page.lang == config.original_language:
            return "original"
        if page.path in stale:
            return '<span class="stale">needs attention (see warnings)</span>'
        return '<span class="fresh">translation up to date</span>'

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    html = environment.from_string(_TEMPLATE).render(
        site=site, languages=config.codes, tags={language.code: language.tag for language in config.languages},
        page_pairs=pairs, warnings=[warning.format(site.root) for warning in site.warnings], status=status,
        md=lambda rendered: Markup(rendered.html),
    )
    return html.encode("utf-8")
