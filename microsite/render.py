"""Stage 3, render: lay the validated site out with Jinja templates, in memory.

Every page of every language, and one page per source per language, is
rendered to bytes; nothing is written here. Templates fail loudly
(``StrictUndefined``), autoescape is on, and rendered Markdown is marked
safe in exactly one place (:meth:`Renderer.markdown`). A template mistake is
reported as a located error, like a content mistake; one that runs away (past
the options' ``timeout``, recursing without end, out of memory) is stopped,
and stops the build at its line (see ``timelimit``).
"""

from __future__ import annotations

import html
import functools
import os
import re
import string
import traceback
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes
from markupsafe import Markup

from .addresses import CONTENT_SECURITY_POLICY, HINT_POLICY, policy_problem
from .assets import HEADERS_FILE, headers_file
from .feeds import atom, feed_path, robots, sitemap
from .patterns import compile_later
from .structured import json_ld, og_locale
from .conventions import (MAX_TEXT_BYTES, RECORD_KIND, RECORD_KINDS, TEMPLATE_ID_PREFIXES, TEMPLATE_IDS,
                          is_leftover, is_template_id)
from .cores import CHUNK, map_forked
from .charts import Bar, Part, Structure, bar_chart, structure_figure
from .downloads import DATASETS, FORMATS, download, download_path
from .errors import ContentError, ContentErrors, Location, not_utf8
from .dates import DAY, PartialDate
from .i18n import format_count, format_date
from .inputs import Inputs
from .kept import LostText
from .known import Known, KnownPage, NotReusable
from .jsonforms import MISTAKES
from .memo import Memo, digest_of, exact_key
from .model import Event, Evidence, Page, PageSummary, Rendered, Site, Source, Statistic, output_path, page_url, text_of
from .template_text import own_words_mistakes, read_shown
from .timelimit import TimeUp, time_limit

MAX_EXTENDS = 20  # how far a page's template's chain of {% extends %} is followed to find its <head>


@dataclass(frozen=True)
class Output:
    """One file of the built site: its path inside the output folder and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Job:
    """One file still to be made: its path, a digest of everything it is made from, and how to make it.

    Two jobs with the same ``key`` make the same bytes, so a build may reuse a
    file an earlier build made from the same key instead of making it again.
    Keys are made in one place, :meth:`Renderer.job`. An empty key means
    "always make it" (cheap files).
    """

    path: str
    key: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class Segment:
    """A run of a source's text; ``anchor`` is set when it is a quoted passage."""

    text: str
    anchor: str = ""


@dataclass(frozen=True)
class StatisticGroup:
    """Figures shown together on the statistics page: a chart, or figure cards when ``chart`` is None."""

    id: str
    title: str
    statistics: list[Statistic]
    chart: Markup | None


@dataclass(frozen=True)
class Section:
    """A section of a page, for its "On this page" map: the heading's anchor and its text.

    ``kicker`` is shown before the text (an event's date on the timeline's map).
    """

    id: str
    text: str
    kicker: str = ""


PAGE_MAP_MIN = 4  # a page with fewer sections is short enough to see at a glance
_H2 = compile_later(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
_HEADING_ID = compile_later(r'<h[1-6] id="([^"]+)"')


def sections(rendered: Rendered) -> list[Section]:
    """The ``h2`` sections of rendered Markdown (whose headings all carry an ``id``), in order."""
    return [Section(html.unescape(anchor), text_of(inner).strip())
            for anchor, inner in _H2.findall(rendered.html)]


def page_map(found: list[Section]) -> list[Section]:
    """The sections to list in a page's map: all of them on a long page, none on a short one."""
    return found if len(found) >= PAGE_MAP_MIN else []


class MissingString(Exception):
    """A template asked for a UI string that ``strings.yaml`` does not have."""


class TemplateOutside(Exception):
    """A template that is a symbolic link leading out of the project (``args[0]``: its path)."""


class TemplateNotText(Exception):
    """A template that is not UTF-8 text (``args``: its path and its bytes)."""


class TemplateTooLarge(Exception):
    """A template larger than a file written by hand may be, refused unread (``args``: its path and its size)."""


class ProjectTemplates(jinja2.FileSystemLoader):
    """Templates from ``templates/`` as the build's :class:`Inputs` read them (so as fingerprinted).

    One that a symbolic link takes out of the project is refused, before the
    file is opened, so a link to a secret or a FIFO elsewhere is never read.
    """

    def __init__(self, folder: Path, root: Path, inputs: Inputs) -> None:
        super().__init__(folder)
        self.folder, self.inside, self.inputs = folder, os.path.realpath(root) + os.sep, inputs

    def get_source(self, environment: jinja2.Environment, template: str):
        parts = jinja2.loaders.split_template_path(template)
        if any(is_leftover(part) for part in parts):  # an editor's backup (page.html~) is no template: as the
            raise jinja2.TemplateNotFound(template)  # build reads none, the preview watches none
        path = os.path.join(self.folder, *parts)
        if os.path.lexists(path) and not os.path.realpath(path).startswith(self.inside):
            raise TemplateOutside(path)
        data = self.inputs.template(path)
        if path in self.inputs.too_large:
            raise TemplateTooLarge(path, self.inputs.too_large[path])
        if data is None:  # not there when the inputs were read: whatever is found now was not fingerprinted
            self.inputs.stale = True
            try:
                source, filename, _ = super().get_source(environment, template)
                # (in a linked folder, say) Nor does its time stamp say it is unchanged when asked for again (touch
                # -d and cp -p set it back): an environment kept by the preview reads it again every time.
                return source, filename, lambda: False
            except UnicodeDecodeError:
                with open(path, "rb") as handle:
                    data = handle.read()
        try:
            return data.decode("utf-8"), path, lambda: True
        except UnicodeDecodeError:
            raise TemplateNotText(path, data) from None


class MissingAsset(Exception):
    """A template asked for a file that ``static/`` does not have."""


class UnknownTemplate(Exception):
    """A template asked for the pages of a template ``templates/`` does not have (``pages_with('pilar')``)."""


class MissingTerm(Exception):
    """A template named a glossary term ``content/data/glossary.yaml`` does not have (``args[0]``: its id)."""


class MissingAnchor(Exception):
    """A template linked to an anchor the page it names does not have (``args``: the key, the language and the
    fragment): ``href(organisation.key, 'structur')`` would send readers to the top of the page."""


class MissingPage(Exception):
    """A template named a page the site does not have in that language (``args``: the function it called, the
    key and the language): ``href('glosary')``, ``related_statistics('pillars/contacts')``."""


def render_unmade(jobs: Sequence[Job], made: Collection[str]) -> int:
    """Make every job not ``made`` before (by its key: the last build made its file from exactly what it is
    given, without a mistake) and keep nothing, on all cores: what ``check`` renders. Raise
    :class:`ContentErrors` for template mistakes, each once (one mistake fails many pages); return how many
    jobs were made."""
    unmade = [job for job in jobs if not job.key or job.key not in made]
    errors: dict[str, ContentError] = {}
    for outcome in map_forked(_mistake_of, unmade, chunk=CHUNK):
        if outcome is not None:
            errors.setdefault(outcome.format(), outcome)
    if errors:
        raise ContentErrors(list(errors.values()))
    return len(unmade)


def _mistake_of(job: Job) -> ContentError | None:
    """The template mistake that making ``job`` meets, if any (what it makes is let go)."""
    try:
        job.make()
    except ContentError as error:
        return error
    return None


class Renderer:
    """The Jinja environment and the per-page context of one site.

    Templates see the site only through :func:`template_view`: a page's own
    fields and body, other pages' summaries. The key of every job covers
    all of that view (see :meth:`job`), so no template can show something
    a reused file was not made from. Compiled templates are never stored in
    ``.cache/`` (they are code); a long-running caller keeps them in memory
    (``environments``), by the templates' bytes, and a ``memo`` that finds the
    site's view unchanged without digesting it again (see :meth:`shared_key`).
    """

    def __init__(self, site: Site, inputs: Inputs | None = None, version: str = "",
                 environments: dict[tuple[str, str], jinja2.Environment] | None = None,
                 memo: Memo | None = None, known: Known | None = None) -> None:
        self.pages = site.pages
        self.known = known  # the site has only the pages it makes again; the last build knew the others
        # Every page of the site in its order: one to make, or (with ``known``) one the last build made.
        self.every: list[Page | KnownPage] = known.in_order(site.pages, editions=True) if known else list(site.pages)
        self.site = template_view(site, self.every)
        self.link_targets = site.link_targets  # (see headings_read)
        self.shared = ""  # the digest of what every job may read besides what it is given (see jobs)
        self.inputs = inputs or Inputs(site.root, folders=("templates",))
        self.version = version  # of microsite's code: part of every job's key
        self.memo = memo or Memo()
        self.templates_dir = site.root / "templates"
        self.env = self._environment({} if environments is None else environments)
        self._template_mistakes: list[ContentError] | None = None  # once every template is compiled
        # Indexes built once: looking pages up by scanning them all for each page is quadratic.
        self.by_key: dict[str, dict[str, PageSummary]] = {code: {} for code in site.config.codes}
        self.by_template: dict[tuple[str, str], list[PageSummary]] = {}
        for page in self.site.pages:
            self.by_key[page.lang][page.key] = page
            self.by_template.setdefault((page.template, page.lang), []).append(page)
        for pages in self.by_template.values():
            pages.sort(key=lambda page: (page.weight, page.key))
        self.sources_by_id = {source.id: source for source in site.sources}
        self.source_keys = {source.key for source in site.sources}  # each source has a page in every language

    def _environment(self, kept: dict[tuple[str, str], jinja2.Environment]) -> jinja2.Environment:
        """The Jinja environment for these templates: the one in ``kept`` (a long-running caller's) when it was
        made for the very same template files, byte for byte, else a new one, kept in their place.

        An environment holds nothing but its templates, compiled from those
        bytes (the site reaches them only through each render's context), so
        one kept from an earlier build is exactly what compiling again would give.
        """
        key = (str(self.templates_dir), self.inputs.folder_digest("templates"))
        env = kept.get(key)
        if env is None:
            kept.clear()
            env = kept[key] = jinja2.Environment(
                loader=ProjectTemplates(self.templates_dir, self.site.root, self.inputs),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
            )
        env.loader.inputs = self.inputs  # a template not compiled yet is read from this build's inputs
        return env

    def jobs(self) -> list[Job]:
        """One job per output file, so one failing page does not hide the others. A job compiles the templates it
        uses when it first runs; before many jobs run in children, :meth:`compile_templates`.

        Raises :class:`ContentErrors` first if a template does not compile, whether a page uses it or not (see
        :meth:`check_templates`)."""
        if self.known is None:  # else the templates and the code are the last build's, which checked them
            self.check_templates()
        site, shared = self.site, self.shared_key()
        if self.known is not None and shared != self.known.index.shared:
            raise NotReusable("the templates' view of the site is not what it was: every page is made again")
        self.shared = shared
        jobs = [Job(output_path(page.url), page.job, _made_before) if isinstance(page, KnownPage)
                else self.job(shared, output_path(page.url), self.page, page, *self.headings_read(page.template))
                for page in self.every]
        for source in site.sources:
            for code in site.config.codes:
                url = page_url(source.key, code, site.config.default_language)
                jobs.append(self.job(shared, output_path(url), self.source, source, code,
                                     *self.headings_read("source")))
        for code in site.config.codes:
            jobs.extend(self.job(shared, download_path(site, code, dataset, fmt), self.download, code, dataset, fmt)
                        for dataset in DATASETS for fmt in FORMATS)
            jobs.append(self.job(shared, feed_path(site, code), self.feed, code))
        jobs.extend(Job(asset.path, "", lambda asset=asset: asset.content) for asset in site.assets.values())
        jobs.append(Job(HEADERS_FILE, "", lambda: headers_file(site.config.base_path)))
        jobs.append(self.job(shared, "sitemap.xml", self.sitemap))
        if (robots_txt := robots(site)) is not None:  # (none under a subpath: see feeds.robots_advice)
            jobs.append(Job("robots.txt", "", lambda: robots_txt))
        return jobs

    def compile_templates(self) -> list[ContentError]:
        """Compile every template (once), and return the mistakes of those that do not compile, located.

        Done before many jobs run in forked copies of this process (see
        ``cores``), which then share the compiled templates instead of each
        compiling (and reading) them again. (A build that makes a page or two
        compiles only the templates they use: a third of them, for a page.)
        """
        if self._template_mistakes is not None:
            return self._template_mistakes
        mistakes = self._template_mistakes = []
        for name, path in self.template_files.items():
            try:
                self.env.get_template(name)
            except LostText:
                raise
            except Exception as exc:  # noqa: BLE001 (each reported, located, as the content's mistake)
                mistakes.append(self._mistake(exc, name))
                continue
            source = self.inputs.template(path)
            if source is not None:  # remembered by the template's bytes, for the preview's next build and (kept)
                # the next process's: reading a template's words and addresses costs a few milliseconds each
                mistakes.extend(self.memo.get_kept(("own words", path, digest_of(source)), lambda _, source=source,
                                                   path=path: _own_words_untraced(source, path, self.env), None,
                                                   MISTAKES))
        return mistakes

    @functools.cached_property
    def template_files(self) -> dict[str, str]:
        """Every template file, by the name Jinja knows it by (``partials/card.html``), in the order of their paths."""
        return _template_files(self.inputs, self.templates_dir)

    def check_templates(self) -> None:
        """Raise :class:`ContentErrors` with every template that does not compile (a Jinja syntax error, a filter
        or test that does not exist, a link outside the project), whether or not a page uses it yet: the first
        page to use it would fail, and an editor should learn of it where the template was changed."""
        mistakes = self.compile_templates()
        if mistakes:
            raise ContentErrors(mistakes)

    def job(self, shared: str, path: str, make: Callable[..., bytes], *given: object) -> Job:
        """The job of making ``path`` with ``make(*given)``, keyed by exactly that (the one place keys are made).

        ``make`` is a function of microsite's code (in ``shared``) that reads
        nothing but ``given`` and the template view of the site (also in ``shared``).
        """
        def key() -> str:
            return digest_of((shared, make.__qualname__, given))

        stand_ins = tuple(map(exact_key, given))
        if None not in stand_ins:  # remembered: an unchanged page's key is looked up, not encoded again
            return Job(path, self.memo.get(("job", shared, make.__qualname__, stand_ins), key), lambda: make(*given))
        return Job(path, key(), lambda: make(*given))

    def headings_read(self, template: str) -> tuple[str, ...]:
        """What a page of ``template`` is given beyond its own (so its job's key covers it) when its links may
        name a heading of any page (``href(key, 'a-heading')``, see :meth:`has_anchor`), so that a heading
        removed fails it again: the digest of the link targets, which has every page's headings (an edition's
        page has its original's), made by validation anyway (digesting the headings alone took 0.2-0.4 s at
        10,000 pages). Not in the view every job reads: one heading changed would make every page again."""
        return (self.link_targets,) if f"{template}.html" in self.reading_headings else ()

    @functools.cached_property
    def reading_headings(self) -> frozenset[str]:
        return reading_headings(self.inputs, self.templates_dir, self.memo)

    def shared_key(self) -> str:
        """A digest of everything any job may read besides what it is given: code, templates, the site's view."""
        # The view is made anew each build, but in the preview mostly of the last build's very objects: the
        # memo finds it the same by comparing them (see ``memo.same_encoding``) instead of encoding 10,000 pages.
        return digest_of((self.version, self.inputs.folder_digest("templates"), self.memo.digest("view", self.site)))

    # --- files ---------------------------------------------------------------

    def feed(self, lang: str) -> bytes:
        return atom(self.site, lang)

    def sitemap(self) -> bytes:
        return sitemap(self.site)

    def download(self, lang: str, dataset: str, fmt: str) -> bytes:
        return download(self.site, lang, dataset, fmt)

    def page(self, page: Page, headings: str = "") -> bytes:
        """``page`` made; ``headings``: see :meth:`headings_read`."""
        context = self.context(page.key, page.lang, page.title, page.description)
        context.update(page=page, body=self.markdown(page.body))
        return self.run(f"{page.template}.html", context)

    def source(self, source: Source, lang: str, headings: str = "") -> bytes:
        """The page presenting one source article, in ``lang`` (``headings``: see :meth:`headings_read`)."""
        words = source.translations.get(lang)
        title = words.title if words else source.title
        description = self.filled_string(lang, "source_description", outlet=words.outlet if words else source.outlet,
                                         date=source.date.isoformat())
        context = self.context(source.key, lang, title, description, article=source)
        context.update(source=source, words=words, summary=self.markdown(words.summary) if words else Markup(""),
                       blocks=source_segments(source))
        return self.run("source.html", context)

    def run(self, template_name: str, context: dict[str, Any]) -> bytes:
        try:
            with time_limit(self.site.options.timeout):
                html = self.env.get_template(template_name).render(context)
        except LostText:  # no template's mistake: the build starts again without its cache (see ``pipeline``)
            raise
        except (TimeUp, RecursionError, MemoryError) as exc:
            # A runaway template: the build stops at the first page it stops (the next would take as long, and
            # every page may use it), so as ContentErrors, which no job's caller collects.
            raise ContentErrors([self._runaway(exc, template_name, context)]) from None
        except Exception as exc:  # noqa: BLE001 (every template mistake is reported, located)
            raise self._mistake(exc, template_name) from None
        unsafe = policy_problem(html)
        if unsafe:  # (no page named: the template's mistake, said once)
            raise ContentError(self._head_location(template_name), "the pages whose <head> this template writes are "
                               f"not held to the site's policy: {unsafe}", HINT_POLICY)
        return html.encode("utf-8")

    def _head_location(self, template_name: str) -> Location:
        """Where the ``<head>`` of a page of ``template_name`` is written: in the template it extends, or the one
        that one extends (base.html), at the line of ``<head>``; one mistake there is then reported once, not once
        for each template that extends it. (Only asked when a page is found wrong.)"""
        name = template_name
        for _ in range(MAX_EXTENDS):
            try:
                source = self.env.loader.get_source(self.env, name)[0]
                extends = next(iter(self.env.parse(source).find_all(jinja2.nodes.Extends)), None)
            except Exception:  # noqa: BLE001 (a template that cannot be read says where the head is no better)
                break
            if extends is None or not isinstance(extends.template, jinja2.nodes.Const):
                lines = source.lower().splitlines()
                line = next((number for number, text in enumerate(lines, 1) if "<head" in text), None)
                return Location(self.templates_dir / name, line)
            name = extends.template.value
        return Location(self.templates_dir / template_name)

    def _mistake(self, exc: Exception, template_name: str) -> ContentError:
        """What went wrong in ``template_name`` (or a template it uses), located, and how to fix it.

        No page URL in the message: one template mistake is then reported once, not once per page.
        """
        if isinstance(exc, jinja2.TemplateSyntaxError):  # an unknown filter or test too (TemplateAssertionError)
            return ContentError(Location(Path(exc.filename or self.templates_dir / template_name), exc.lineno),
                                f"template syntax error: {exc.message}", "fix the template")
        if isinstance(exc, jinja2.TemplateNotFound) and exc.name == template_name:  # a page's 'template:'
            return ContentError(Location(self.templates_dir / template_name), f"template '{exc.name}' not found",
                                "create it in templates/, or use another 'template:' in the page")
        if isinstance(exc, jinja2.TemplateNotFound):  # one a template extends, includes or imports
            return ContentError(self._template_location(exc, template_name), f"template '{exc.name}' not found",
                                f"create templates/{exc.name}, or correct the name where it is used")
        if isinstance(exc, TemplateNotText):
            return not_utf8(Path(exc.args[0]), exc.args[1])
        if isinstance(exc, TemplateTooLarge):
            return ContentError(Location(Path(exc.args[0])), f"the file is too large ({exc.args[1]:,} bytes; the limit "
                                f"is {MAX_TEXT_BYTES:,})", "a template is markup written by hand: is this the file you "
                                "meant? If it is, split it into templates that include one another")
        if isinstance(exc, TemplateOutside):
            return ContentError(Location(Path(exc.args[0])), "the template leads outside the project (a symbolic "
                                "link); only files inside the project are read",
                                "copy the template into templates/ instead of linking to it")
        where = self._template_location(exc, template_name)
        if isinstance(exc, MissingAsset):
            return ContentError(where, f"static file '{exc}' does not exist",
                                f"add static/{exc}, or correct the name in the template")
        if isinstance(exc, MissingTerm):
            return ContentError(where, f"a glossary term the site does not have: '{exc}'",
                                "name a term by its id in content/data/glossary.yaml, or add the term there")
        if isinstance(exc, UnknownTemplate):
            return ContentError(where, f"pages of a template that does not exist: templates/{exc}.html",
                                "name a template as pages do, by its file in templates/ without .html (pillar for "
                                "templates/pillar.html)")
        if isinstance(exc, MissingPage):
            function, key, lang = exc.args
            elsewhere = any(key in pages for pages in self.by_key.values() if isinstance(key, str))
            missing = f"in {lang}" if elsewhere else "in any language"
            sources = ", or sources/<id> for a source's page" if function == "href" else ""
            return ContentError(where, f"a page the site does not have {missing}: {function}({key!r})",
                                "give the page's key: its file's name under content/pages/ without the language "
                                f"(pillars/contact for pillars/contact.en.md){sources}")
        if isinstance(exc, MissingAnchor):
            return self._missing_anchor(where, *exc.args)
        if isinstance(exc, MissingString):
            return ContentError(where, f"UI string '{exc}' is not defined",
                                f"add '{exc}:' with every language to content/data/strings.yaml")
        if isinstance(exc, jinja2.UndefinedError):
            return ContentError(where, f"template error: {type(exc).__name__}: {exc}", _undefined_hint(str(exc)))
        return ContentError(where, f"template error: {type(exc).__name__}: {exc}", "fix the template")

    def _missing_anchor(self, where: Location, key: str, lang: str, fragment: str) -> ContentError:
        """The mistake of a link to ``#fragment`` of page ``key``, which it does not have in ``lang``: the same
        whichever language's page met it (so reported once), naming the languages only when some have it."""
        codes = [code for code in self.site.config.codes if key in self.by_key[code] or key in self.source_keys]
        lacking = [code for code in codes if not self.has_anchor(key, code, fragment)]
        languages = "" if lacking == codes else f" in {', '.join(lacking)}"
        return ContentError(where, f"a link to an anchor the page does not have{languages}: "
                            f"href({key!r}, {fragment!r})",
                            f"anchors there: {self._anchors_there(key, lacking, languages)}; or link to the page "
                            f"itself, href({key!r})")

    def _anchors_there(self, key: str, lacking: list[str], languages: str) -> str:
        """What a link may name on page ``key`` in the languages ``lacking`` (named in ``languages``), for a
        message: all of its headings (as a Markdown link's mistake lists them), the records it lists, or a
        source's passages (the first dozen)."""
        by_language = {code: _listed(sorted(self.heading_ids(key, code)), most=None) for code in lacking}
        headings = (f"its headings{languages}, {by_language[lacking[0]]}" if len(set(by_language.values())) == 1
                    else "; ".join(f"its headings in {code}, {listed}" for code, listed in by_language.items()))
        found = [headings]
        if key not in self.by_key[lacking[0]]:  # a source's page (every language has it)
            passages = self.sources_by_id[key.removeprefix("sources/")].passages
            found.append(f"its quoted passages, {_listed(sorted(passage.anchor for passage in passages))}")
        else:
            template = self.by_key[lacking[0]][key].template
            found.extend(f"#{kind.anchor('ID')} for each {kind.name} it lists" for kind in RECORD_KINDS
                         if kind.template == template)
        trusted = ", ".join(f"#{ident}" for ident in sorted(TEMPLATE_IDS))
        prefixes = ", ".join(f"#{prefix}..." for prefix in TEMPLATE_ID_PREFIXES
                             if prefix != "q-" and not any(prefix == f"{kind.prefix}-" for kind in RECORD_KINDS))
        return "; ".join(found) + (f"; the ids the templates place ({trusted}, {prefixes}) are taken on trust, "
                                   "not checked page by page")

    def _runaway(self, exc: BaseException, template_name: str, context: dict[str, Any]) -> ContentError:
        """The mistake of a template stopped while rendering a page (``context``'s): at the line it had reached,
        naming the page, since it may run away on some pages only (the largest, or one whose data loops)."""
        where = self._stopped_at(exc, template_name)
        page = self.href(context["key"], context["lang"])
        if isinstance(exc, TimeUp):
            limit = self.site.options.timeout
            return ContentError(where, f"rendering the page {page} took longer than {limit:g} s, and was stopped "
                                "here", "a loop that does not end, or over a very large range (range(10**9)), or "
                                "a loop over every page inside one over every page? If the page truly needs longer, "
                                f"build with --timeout SECONDS (now {limit:g})")
        if isinstance(exc, RecursionError):
            return ContentError(where, f"rendering the page {page} went too deep (a macro or template that calls "
                                "itself without end?), and was stopped here", "a macro that calls itself needs a "
                                "case where it does not ({% if %} around the call); a template must not include "
                                "or extend itself")
        return ContentError(where, f"rendering the page {page} ran out of memory, and was stopped here",
                            "a very large text or list? A string repeated many times ('x' * 10**10), a "
                            "range of billions of items made into a list")

    def _stopped_at(self, exc: BaseException, template_name: str) -> Location:
        """The template line where ``exc`` stopped the rendering: its innermost frame of a template's code.

        Jinja rewrites the traceback of an Exception so that template frames
        carry the template's file and line (see :meth:`_template_location`),
        but not of a BaseException (:class:`TimeUp`): there, a frame of a
        template's compiled code holds the template, which maps its lines.
        """
        where = None
        trace = exc.__traceback__
        while trace is not None:
            template = trace.tb_frame.f_globals.get("__jinja_template__")
            if isinstance(template, jinja2.Template) and template.filename:
                where = Location(Path(template.filename), template.get_corresponding_lineno(trace.tb_lineno))
            elif trace.tb_frame.f_code.co_filename.endswith(".html"):  # a frame Jinja rewrote
                where = Location(Path(trace.tb_frame.f_code.co_filename), trace.tb_lineno)
            trace = trace.tb_next
        return where or Location(self.templates_dir / template_name)

    def _template_location(self, exc: BaseException, template_name: str) -> Location:
        """Jinja rewrites tracebacks so template frames carry the template's file and line."""
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".html") and Path(frame.filename).is_file():
                return Location(Path(frame.filename), frame.lineno)
        return Location(self.templates_dir / template_name)

    # --- context -------------------------------------------------------------

    def context(self, key: str, lang: str, title: str, description: str,
                article: Source | None = None) -> dict[str, Any]:
        site, config = self.site, self.site.config
        canonical = config.absolute(key, lang)
        return {
            "site": site,
            "config": config,
            "lang": lang,
            "language": config.language(lang),
            "key": key,
            "title": title,
            "description": description,
            "canonical": canonical,
            "feed_href": config.base_path + feed_path(site, lang),
            "content_security_policy": Markup(CONTENT_SECURITY_POLICY),  # (a constant: its quotes read as written)
            "og_locale": og_locale(config.language(lang).tag),
            "og_locale_alternates": [og_locale(l.tag) for l in config.languages if l.code != lang],
            "json_ld": json_ld(site, lang, canonical, title, description, article),
            "alternates": self.alternates(key),
            "nav": self.nav(key, lang),
            "t": lambda name: self.string(lang, name),
            "href": lambda target, fragment="": self.page_href(target, lang, fragment),
            "asset": lambda name: config.base_path + self.asset_path(name),
            "md": self.markdown,
            "evidence_href": lambda evidence: self.evidence_href(evidence, lang),
            "event_date": lambda event: format_date(event.date, lang),
            "day": lambda when: format_date(PartialDate(when.year, when.month, when.day, precision=DAY), lang),
            "count": lambda value: format_count(value, lang),
            "pages_with": lambda template: self.pages_with(template, lang),
            "page_of": lambda template: self.page_of(template, lang),
            "page_in": lambda key, code: self.page_in(key, code),
            "related_statistics": lambda key: self.related(site.statistics, key, lang, "related_statistics"),
            "related_events": lambda key: self.related(site.events, key, lang, "related_events"),
            "statistic_groups": lambda: self.statistic_groups(lang),
            "event_sections": lambda: [(RECORD_KIND["event"].anchor(event.id), event.text[lang].title, format_date(event.date, lang))
                                       for event in site.events],
            "downloads": lambda: self.download_links(lang),
            "structure_figure": lambda ident, approaches, detail=True: self.structure(lang, ident, approaches, detail),
            "source_by_id": self.sources_by_id,
            "page_map": lambda rendered, more=(): page_map(sections(rendered) + [Section(*item) for item in more]),
        }

    def filled_string(self, lang: str, name: str, **values: str) -> str:
        """A UI string with ``{placeholders}`` filled in; a mistake in it is located in strings.yaml."""
        strings_file = self.site.root / "content" / "data" / "strings.yaml"
        try:
            template = self.string(lang, name)
        except MissingString:
            raise ContentError(Location(strings_file), f"UI string '{name}' is not defined",
                               f"add '{name}:' with every language") from None
        try:
            fields = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
            unknown = sorted(fields - set(values))
            if unknown:  # also refuses {outlet.__class__}: only the plain placeholders are filled in
                raise KeyError(unknown[0])
            return template.format(**values)
        except (KeyError, ValueError, IndexError) as exc:
            shown = ", ".join("{" + value + "}" for value in values)
            raise ContentError(Location(strings_file), f"UI string '{name}' ({lang}) cannot be filled in: {exc}",
                               f"its placeholders are {shown}; write a brace itself as {{{{ or }}}}") from None

    def string(self, lang: str, name: str) -> str:
        try:
            return self.site.strings[name][lang]
        except KeyError:
            raise MissingString(name) from None

    def href(self, key: str, lang: str, fragment: str = "") -> str:
        return self.site.config.href(key, lang, fragment)

    def page_href(self, key: str, lang: str, fragment: str = "") -> str:
        """``href`` as templates call it: the link to a page the site has in ``lang`` (one of its pages, or a
        source's, ``sources/<id>``), else :class:`MissingPage`, as a static file that is not there is a mistake
        (a typo in a key would otherwise reach readers as a link to the 404 page); with ``fragment``, an anchor
        that page has (see :meth:`has_anchor`), else :class:`MissingAnchor` (a typo would send readers to the
        top of the page)."""
        key = self.known_key(key, lang, "href", sources=True)
        if fragment and not self.has_anchor(key, lang, str(fragment)):
            raise MissingAnchor(key, lang, str(fragment))
        return self.href(key, lang, fragment)

    def has_anchor(self, key: str, lang: str, fragment: str) -> bool:
        """Whether the page (or source's page) ``key`` in ``lang`` has an element of id ``fragment``, as a
        Markdown link's anchor is checked (``links._page_link``): one of its headings; a record it lists
        (``stat-ID`` on the page of the statistics template, when the site has that statistic); on a source's
        page, a quoted passage (``q-...``).

        The other ids the templates place (``TEMPLATE_IDS``, ``chart-...``) are taken on trust: whether a
        page's template writes one depends on its ``{% if %}``s and on the macros it calls, which the build
        cannot know without rendering that page (``check --site`` checks them in the built site). Only a
        fragment that is none of those ids reads the page's headings (see :func:`templates_reading_headings`,
        which keys the jobs that may read them)."""
        if not is_template_id(fragment):
            return fragment in self.heading_ids(key, lang)
        if fragment.startswith("q-"):
            source = self.sources_by_id.get(key.removeprefix("sources/"))
            return (key not in self.by_key[lang] and source is not None
                    and any(passage.anchor == fragment for passage in source.passages))
        for kind in RECORD_KINDS:
            ident = fragment.removeprefix(f"{kind.prefix}-")
            if ident != fragment:
                page = self.by_key[lang].get(key)
                return page is not None and page.template == kind.template and ident in self.record_ids[kind.prefix]
        return True

    def heading_ids(self, key: str, lang: str) -> frozenset[str]:
        """The ids of the headings of page ``key`` in ``lang``; of a source's page, those of its summary."""
        if key in self.by_key[lang]:
            return self.headings[key, lang]
        source = self.sources_by_id[key.removeprefix("sources/")]
        words = source.translations.get(lang)
        return frozenset(html.unescape(ident) for ident in _HEADING_ID.findall(words.summary.html)) if words \
            else frozenset()

    @functools.cached_property
    def headings(self) -> dict[tuple[str, str], frozenset[str]]:
        """The heading ids of every page, by key and language."""
        return {(page.key, page.lang): page.heading_ids for page in self.every}

    @functools.cached_property
    def record_ids(self) -> dict[str, frozenset[str]]:
        """The ids of the records of each kind, by its prefix (``stat``)."""
        return {kind.prefix: frozenset(record.id for record in getattr(self.site, kind.field)) for kind in RECORD_KINDS}

    def related(self, records: Sequence[Statistic | Event], key: str, lang: str, function: str) -> list:
        """The records that name the page ``key`` among their ``pages``, in their order."""
        key = self.known_key(key, lang, function)
        return [record for record in records if key in record.pages]

    def known_key(self, key: str, lang: str, function: str, sources: bool = False) -> str:
        """``key``, a page the site has in ``lang`` (or, with ``sources``, a source's page), else
        :class:`MissingPage`: a typo in a key would otherwise link to the 404 page, or show nothing."""
        if key not in self.by_key[lang] and not (sources and key in self.source_keys):
            raise MissingPage(function, key, lang)
        return key

    def alternates(self, key: str) -> list[dict[str, str]]:
        config = self.site.config
        return [{"code": language.code, "tag": language.tag, "name": language.name,
                 "href": self.href(key, language.code),
                 "absolute": config.absolute(key, language.code)}
                for language in config.languages]

    def nav(self, current: str, lang: str) -> list[dict[str, Any]]:
        pages = self.by_key[lang]
        return [{"title": pages[key].nav_title, "href": self.href(key, lang),
                 "current": key == current or current.startswith(key + "/") and key != "index"}
                for key in self.site.config.nav if key in pages]

    def pages_with(self, template: str, lang: str) -> list[Page]:
        """The pages of ``template`` in ``lang``, in their order: none when no page uses it yet, but a name no
        template has is a mistake (:class:`UnknownTemplate`), not an empty list: a typo would show nothing."""
        if template not in self.template_names:
            raise UnknownTemplate(template)
        return self.by_template.get((template, lang), [])

    @functools.cached_property
    def template_names(self) -> frozenset[str]:
        """The name of every template file as pages name theirs (``pillar`` for ``templates/pillar.html``)."""
        return frozenset(name.removesuffix(".html") for name in self.template_files)

    def page_of(self, template: str, lang: str) -> Page | None:
        pages = self.pages_with(template, lang)
        return pages[0] if pages else None

    def asset_path(self, name: str) -> str:
        if name not in self.site.assets:
            raise MissingAsset(name)
        return self.site.assets[name].path

    def page_in(self, key: str, lang: str) -> Page:
        return self.by_key[lang][self.known_key(key, lang, "page_in")]

    def statistic_groups(self, lang: str) -> list[StatisticGroup]:
        """Figures in file order, those of one ``group`` together: a chart when there are several."""
        groups: dict[str, list[Statistic]] = {}
        for stat in self.site.statistics:
            groups.setdefault(stat.group or f"single-{stat.id}", []).append(stat)
        result = []
        for ident, stats in groups.items():
            if len(stats) > 1:
                title = self.string(lang, f"group_{ident}")
                bars = [Bar(stat.text[lang].short, stat.value, stat.formatted[lang]) for stat in stats]
                result.append(StatisticGroup(ident, title, stats, bar_chart(bars, title, f"chart-{ident}-svg")))
            elif result and result[-1].chart is None:
                result[-1].statistics.extend(stats)  # single figures side by side
            else:
                result.append(StatisticGroup(ident, "", stats, None))
        return result

    def structure(self, lang: str, ident: str, approaches: list[tuple], detail: bool) -> Markup:
        """The structure figure: the pillar pages' names, then ``approaches``, each a glossary term's id
        with, optionally, the id of a term for its parts and those parts' ids (all named as the glossary has them)."""
        names = {term.id: term.text[lang].term for term in self.site.terms}

        def name(ident: str) -> str:
            if ident not in names:
                raise MissingTerm(ident)
            return names[ident]

        parts = [Part(name(first), tuple(map(name, rest[1])) if len(rest) > 1 else (),
                      name(rest[0]) if rest else "") for first, *rest in approaches]
        pillars = tuple(page.nav_title for page in self.by_template.get(("pillar", lang), []))
        figure = Structure(self.string(lang, "structure_title"), self.string(lang, "structure_pillars"), pillars,
                           self.string(lang, "structure_note"), self.string(lang, "structure_approaches"),
                           tuple(parts))
        return structure_figure(figure, ident, detail)

    def download_links(self, lang: str) -> list[dict[str, str]]:
        links = []
        for dataset in DATASETS:
            for fmt in FORMATS:
                path = download_path(self.site, lang, dataset, fmt)
                links.append({"href": self.site.config.base_path + path,
                              "label": f"{self.string(lang, f'data_{dataset}')} ({fmt.upper()})"})
        return links

    def evidence_href(self, evidence: Evidence, lang: str) -> str:
        return self.href(f"sources/{evidence.source}", lang, evidence.anchor)

    def markdown(self, rendered: Rendered) -> Markup:
        """The one place rendered Markdown is trusted: raw HTML is off and links were checked."""
        return Markup(rendered.html)


def template_view(site: Site, every: Sequence[Page | KnownPage] | None = None) -> Site:
    """What templates see of ``site``: other pages as :class:`PageSummary`, and nothing that is not for show.
    (``every``: the site's pages, when ``site`` has only some of them: see ``known``.)

    Every job's key covers all of it, so it holds nothing that changes with
    every edit (warnings, the list of external links, pages' bodies).
    """
    return replace(site, pages=tuple(page.summary for page in (site.pages if every is None else every)), warnings=(),
                   external_links=frozenset(), link_targets="", targets_beside_pages="",
                   reads={})


def _own_words_untraced(source: bytes, path: str, environment: jinja2.Environment) -> list[ContentError]:
    """The numbers (and invisible characters) among the words the template ``source`` writes itself, and those
    its lists and styles make otherwise (a list numbered from 49, a counter started at 93)."""
    return own_words_mistakes(read_shown(source.decode("utf-8"), environment), Path(path))


def reading_headings(inputs: Inputs, folder: Path, memo: Memo) -> frozenset[str]:
    """:func:`templates_reading_headings` of the templates in ``folder`` as ``inputs`` read them (found once
    per set of template files: a build that makes a page or two asks it before reading them)."""
    names = _template_files(inputs, folder)

    def found() -> frozenset[str]:
        sources = {}
        for name, path in names.items():
            data = inputs.template(path)
            try:
                sources[name] = data.decode("utf-8") if data is not None else "{%"
            except UnicodeDecodeError:
                sources[name] = "{%"  # (reported as such; read as though it might name a heading)
        return templates_reading_headings(sources)
    return memo.get(("reading headings", inputs.folder_digest("templates")), found)


def _template_files(inputs: Inputs, folder: Path) -> dict[str, str]:
    """Every template file among ``inputs`` in ``folder``, by the name Jinja knows it by (``partials/card.html``),
    in the order of their paths."""
    start = str(folder) + os.sep
    return {path[len(start):].replace(os.sep, "/"): path
            for path in sorted(inputs.kept.keys() | inputs.too_large.keys())
            if path.startswith(start) and path.endswith(".html")}


def templates_reading_headings(sources: Mapping[str, str]) -> frozenset[str]:
    """Of the templates ``sources`` (each by its Jinja name), those whose pages may call ``href`` with a fragment
    that is a heading's id (see :meth:`Renderer.has_anchor`), themselves or through one they extend, include or
    import: the job of such a page reads every page's headings, which its key covers (see :meth:`Renderer.jobs`).

    Read from the templates' text, never from their rendering, and erring towards "may": a fragment written as
    text that is an id the templates place (``href(organisation.key, 'structure')``) reads no heading; any other,
    or one computed, or ``href`` given to something else to call, may. (Scanned, not parsed: Jinja took 40-90 ms
    to parse the 15 templates, on every build that makes a page or two.)"""
    direct = {name: _may_name_a_heading(text) for name, text in sources.items()}
    uses = {name: {_template_named(match[1]) for match in _TEMPLATE_USED.finditer(text)}
            for name, text in sources.items()}
    reading = {name for name, found in direct.items() if found}
    grown = True
    while grown:  # until no template uses one that reads them (a name computed may be any of them)
        grown = False
        for name, used in uses.items():
            if name not in reading and (not used.isdisjoint(reading) or (None in used and reading)):
                reading.add(name)
                grown = True
    return frozenset(reading)


# ``{% extends "base.html" %}``, ``{%- include 'x.html' ignore missing %}``, ``{% from "macros.html" import m %}``:
# what follows the word (group 1), a name written as text (_NAMED, its group 2) or computed. (_NAMED begins only
# where no white space is before it: a search along a long run of spaces tried every start, which was quadratic.)
_TEMPLATE_USED = compile_later(r"{%[-+]?\s*(?:extends|include|import|from)\b(.*?)[-+]?%}", re.DOTALL)
_NAMED = compile_later(r"""(?<!\s)\s*(["'])([^"'\\]*)\1(?:\s+(?:ignore|with|without|as|import)\b.*)?\s*""", re.DOTALL)
# ``href`` as a name: not an attribute (``item.href``), a part of a longer name (``nav-href``) or an HTML
# attribute or keyword (``href="..."``, ``href=x``; but ``href == x`` is the name).
_HREF = compile_later(r"(?<![\w.-])href\b(?!\s*=(?!=))")
_LITERAL = compile_later(r"""(?:fragment\s*=\s*)?(["'])([^"'\\]*)\1""")
_OPENING, _CLOSING = "([{", ")]}"


def _template_named(used: str) -> str | None:
    """The template that ``{% include <used> %}`` (or extends, imports) names, or None when its name is computed
    (``'a.html' if x else 'b.html'``, a list, a variable): it may be any template."""
    named = _NAMED.fullmatch(used)
    return named[2] if named else None


def _may_name_a_heading(text: str) -> bool:
    """Whether the template ``text`` may call ``href`` with a fragment that is not written as a template's id."""
    for match in _HREF.finditer(text):
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
        if not text.startswith("(", start):
            return True  # ``href`` passed on, set to another name, compared: what is done with it is not known
        arguments = _arguments(text, start)
        if arguments is None:
            return True
        for number, argument in enumerate(arguments):
            if argument.startswith("*"):
                return True
            if (number == 0 and "=" not in argument.split("(")[0]) or re.match(r"target\s*=(?!=)", argument):
                continue  # the page's key
            literal = _LITERAL.fullmatch(argument)
            if literal is None or (literal[2] and not is_template_id(literal[2])):
                return True
    return False


def _arguments(text: str, opening: int) -> list[str] | None:
    """The arguments of the call whose ``(`` is at ``opening`` of ``text``, each stripped; None when it does not
    close."""
    depth, quote, start, found = 0, "", opening + 1, []
    index = opening
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth -= 1
            if depth == 0:
                found.append(text[start:index].strip())
                return [argument for argument in found if argument] if found != [""] else []
        elif char == "," and depth == 1:
            found.append(text[start:index].strip())
            start = index + 1
        index += 1
    return None


def _listed(anchors: list[str], most: int | None = 12) -> str:
    """``anchors`` as a message lists them: ``#a, #b`` (the first ``most``, and how many more), or "none"."""
    shown = ", ".join(f"#{anchor}" for anchor in anchors[:most])
    more = f" and {len(anchors) - most} more" if most is not None and len(anchors) > most else ""
    return shown + more if anchors else "none"


def _made_before() -> bytes:
    """The job of a page the last build made, and this one does not make again (see ``known``): its file is
    linked from the last build's output, and when it cannot be, every page is made again."""
    raise NotReusable("a page's file that the last build made is not in the output folder any more")


def _undefined_hint(message: str) -> str:
    if PageSummary.__name__ in message:
        fields = ", ".join(PageSummary.__dataclass_fields__)
        return (f"templates see pages other than their own only as a summary ({fields}); a page's body is "
                "shown on its own page only: link to it instead")
    return "fix the template"


def source_segments(source: Source) -> list[tuple[str, list[Segment]]]:
    """Each block of a source as (kind, segments), quoted passages as anchored segments."""
    blocks, passages = [], {}
    for passage in source.passages:  # by block, once (each block read every passage of the source: quadratic)
        passages.setdefault(passage.block, []).append(passage)
    for number, block in enumerate(source.blocks):
        segments, position = [], 0
        for passage in sorted(passages.get(number, ()), key=lambda p: p.start):
            if passage.start > position:
                segments.append(Segment(block.text[position:passage.start]))
            segments.append(Segment(block.text[passage.start:passage.end], passage.anchor))
            position = passage.end
        if position < len(block.text):
            segments.append(Segment(block.text[position:]))
        blocks.append((block.kind, segments))
    return blocks

