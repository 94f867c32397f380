"""Property: after any sequence of edits, a build that reuses earlier work equals a clean build, byte for byte.

Hypothesis draws sequences of edits an editor (or the environment) makes:
page bodies (with links to records, citations and numbers, and the words around them that say a rate or a
date) and front matter, data records (the fields links show, ids that links name, a statistic's quote and words
saying a rate or not, a value not in decimal digits), a source's header, UI strings, site.yaml (a language tag),
templates that show other pages' fields, pages and static files added and
removed, folders that hold no file the build reads but are its mistakes, the build options (base URL, hashed names, ``SOURCE_DATE_EPOCH``),
and the cache's store damaged; and, on a site with a Traditional Chinese
edition, the editor's own conversions. After each step the project is built three
ways and compared: reusing the on-disk cache as a fresh process
would; with one cache kept in memory, as the preview does
(``serve.Preview.rebuild``); and from scratch, in a copy without cache or
output. A step that makes the content invalid must fail alike, with the same
messages. Before the reusing builds see a step, ``check`` reads the cache
the last step's builds left and must report what the clean build did
(mistakes or warnings), leaving the cache as it was. The ``slow`` variant also builds in real fresh processes, each
with its own hash seed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from microsite import cores
from microsite.cache import BuildCache
from microsite.errors import ContentErrors
from microsite.model import BuildOptions
from microsite.pipeline import CACHE_FOLDER, build, check
from tests.conftest import MINIMAL, REPO, make_project, resealed, with_edition

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "microsite-hypothesis")
SETTINGS = dict(database=None, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "Jinjiang", "chamber", "商会", "晋江"]),
                 min_size=1, max_size=4).map(" ".join)
HEX = st.text("0123456789abcdef", min_size=4, max_size=12)
SHOWN_FIELDS = ("title", "description", "nav_title", "weight", "translated_from", "url", "template", "path.name")


def replace_line(path: Path, starts: str, line: str) -> None:
    """Replace the first line of ``path`` that starts with ``starts`` by ``line`` (or add it after the first)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = next((n for n, text in enumerate(lines) if text.startswith(starts)), None)
    if found is None:
        lines.insert(1, line)
    else:
        lines[found] = line
    path.write_text("\n".join(lines), encoding="utf-8")


def page_body(page: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "content" / "pages" / page
        front, _, _ = path.read_text(encoding="utf-8").rpartition("---\n")
        path.write_text(f"{front}---\n{text}\n", encoding="utf-8")
    return apply


def front_matter(page: str, field: str, value: str) -> Callable[[Path], None]:
    return lambda root: replace_line(root / "content" / "pages" / page, f"{field}:", f"{field}: {value}")


def in_file(relative: str, starts: str, line: str) -> Callable[[Path], None]:
    return lambda root: replace_line(root / relative, starts, line)


def template_shows(page: str, field: str) -> Callable[[Path], None]:
    """The home template shows a field of another page (or of its own page, ``page`` == "self")."""
    shown = "page" if page == "self" else f"page_in('{page}', lang)"

    def apply(root: Path) -> None:
        path = root / "templates" / "home.html"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  {{ body }}\n", f"  {{{{ body }}}}\n<p>{{{{ {shown}.{field} }}}}</p>\n", 1),
                        encoding="utf-8")
    return apply


def template_links(page: str, heading: str) -> Callable[[Path], None]:
    """The home template links to a heading of another page (a mistake while that page, in a language, lacks it)."""
    def apply(root: Path) -> None:
        path = root / "templates" / "home.html"
        text = path.read_text(encoding="utf-8")
        link = f"<p><a href=\"{{{{ href('{page}', '{heading}') }}}}\">{heading}</a></p>"
        path.write_text(text.replace("  {{ body }}\n", f"  {{{{ body }}}}\n{link}\n", 1), encoding="utf-8")
    return apply


def static_file(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: (root / "static" / name).write_text(f"/* {text} */\n", encoding="utf-8")


def page_pair(key: str, present: bool) -> Callable[[Path], None]:
    """A page added in every language (a plain page, not in the menu), or removed."""
    def apply(root: Path) -> None:
        for lang in ("zh", "en"):
            path = root / "content" / "pages" / f"{key}.{lang}.md"
            if present:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"---\ntitle: {key} {lang}\ndescription: A page.\n---\nWords.\n", encoding="utf-8")
            else:
                path.unlink(missing_ok=True)
    return apply


def source_text(old: str, new: str) -> Callable[[Path], None]:
    """The Chinese source's text with ``old`` made ``new`` (its count and seal kept right): its passages move,
    or a quote of it is no longer found."""
    def apply(root: Path) -> None:
        path = root / "content" / "sources" / "2023-10-11-abcdef12.md"
        front, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        path.write_text(resealed(f"{front}\n---\n{body.replace(old, new, 1)}"), encoding="utf-8")
    return apply


def source_header(field: str, value: str) -> Callable[[Path], None]:
    """The Chinese source's header ``field`` written as ``value``, its seal made anew (as ingest would write it)."""
    def apply(root: Path) -> None:
        path = root / "content" / "sources" / "2023-10-11-abcdef12.md"
        replace_line(path, f"{field}:", f"{field}: {value}")
        path.write_text(resealed(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


RATE_SENTENCE = "商会会员每年捐款超4.5亿元。"  # (the source's sentence that says the donations as a rate)


def with_rate_sentence(root: Path) -> None:
    """The fixture's source with a sentence that says the donations a year, so that a statistic's quote may say a
    rate or not, every quote still found."""
    source_text("有效助力公益慈善事业。", "有效助力公益慈善事业。" + RATE_SENTENCE)(root)


def donations(key: str, line: str) -> Callable[[Path], None]:
    """The ``donations`` statistic's ``key`` (``quote``, or a language's ``zh.label``, ``en.short`` ...) written as
    ``line`` (or left out, if empty): a quote that says a rate or not, words that say one or not."""
    def apply(root: Path) -> None:
        path = root / "content" / "data" / "statistics.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next((n for n, text in enumerate(lines) if text == "- id: donations"), None)
        if start is None:
            return
        end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("- ")), len(lines))
        lang, _, field = key.rpartition(".")
        if lang:
            start = next((n for n in range(start, end) if lines[n] == f"  {lang}:"), None)
            if start is None:
                return
            end = next((n for n in range(start + 1, end) if not lines[n].startswith("    ")), end)
        indent = "    " if lang else "  "
        found = next((n for n in range(start + 1, end) if lines[n].startswith(f"{indent}{field}:")), None)
        if found is not None:
            del lines[found]
        if line:
            lines.insert(start + 1, f"{indent}{field}: {line}")
        path.write_text("\n".join(lines), encoding="utf-8")
    return apply


def static_removed(name: str) -> Callable[[Path], None]:
    return lambda root: (root / "static" / name).unlink(missing_ok=True)


def refused_folder(relative: str, present: bool) -> Callable[[Path], None]:
    """What holds no file the build reads and yet is its mistake: an empty folder named as a page or source file,
    a link to a folder among the static files; made, or removed."""
    def apply(root: Path) -> None:
        path = root / relative
        if not present:
            if path.is_symlink():
                path.unlink()
            elif path.is_dir():
                path.rmdir()
        elif not os.path.lexists(path):
            if relative.startswith("static/"):
                path.symlink_to("../templates")
            else:
                path.mkdir()
    return apply


def store_damaged(how: str) -> Callable[[Path], None]:
    """The cache's store broken as a crash or a disk might: its largest segment cut short or gone, a byte of each
    value changed (the build then makes the values again)."""
    def apply(root: Path) -> None:
        segments = sorted((root / CACHE_FOLDER / "store").glob("values-*.jsonl"), key=lambda path: path.stat().st_size)
        if not segments:
            return
        data = segments[-1].read_bytes()
        if how == "truncated":
            segments[-1].write_bytes(data[: len(data) // 2])
        elif how == "missing":
            segments[-1].unlink()
        else:
            segments[-1].write_bytes(data.replace(b"e", b"f"))
    return apply


PAGES = st.sampled_from(["index.en.md", "index.zh.md", "statistics.en.md", "glossary.zh.md", "timeline.en.md"])
HEADINGS = st.sampled_from(["alpha", "beta"])
RECORD_LINKS = st.sampled_from([  # what a page's text shows of records, sources and numbers (some broken)
    "[](stat:chambers)", "[](stat:donations)", "[](stat:missing)", "[the event](event:april-event)",
    "[](event:april-event)", "[ICF](term:icf)", '[a quote](cite:2023-10-11-abcdef12 "护航49个所属商会成立、成长")',
    "49 chambers", "[home](index.md)",
    # A number read in the words around it: a rate (per year, per person), a date in words, a statistic's figure
    # whose quote may say the rate or not, a quote of the amount said once or said a year.
    "每年[](stat:donations)", "[](stat:donations)/年", "[](stat:donations) a year", "人均[](stat:donations)",
    '每年[超4.5亿元](cite:2023-10-11-abcdef12 "所属商协会及其会员捐款超4.5亿元")',
    f'[超4.5亿元](cite:2023-10-11-abcdef12 "{RATE_SENTENCE[:-1]}")',
    '[超4.5亿元](cite:2023-10-11-abcdef12 "所属商协会及其会员捐款超4.5亿元")',
    # The article as a whole: its link's words may say what its header says (its page, as edited below)
    "[the article on page 6](source:2023-10-11-abcdef12)", "[刊于五版](source:2023-10-11-abcdef12)",
])
AROUND = st.sampled_from(["每年", "a year", "/年", "人均", "周三", "on Wednesday", "上午", "in the spring"])
BODIES = st.one_of(  # words; a heading (another page's link to it may break or mend); a link to another's heading
    WORDS,
    st.builds("## {}\n\n{}".format, HEADINGS, WORDS),
    st.builds("{} [see]({}#{}).".format, WORDS, st.sampled_from(["statistics.md", "timeline.md", "index.md"]),
              HEADINGS),
    st.lists(st.one_of(WORDS, RECORD_LINKS), min_size=1, max_size=4).map(" ".join),
    st.lists(st.one_of(AROUND, RECORD_LINKS), min_size=1, max_size=4).map("".join),  # words right at a link
)
EDITS = st.one_of(
    st.builds(page_body, PAGES, BODIES),
    st.builds(front_matter, PAGES, st.sampled_from(["title", "description", "nav_title"]), WORDS),
    st.builds(front_matter, PAGES, st.just("translated_from"), HEX),
    st.builds(front_matter, PAGES, st.just("weight"), st.integers(-3, 3).map(str)),
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("    label: affiliated chambers"),
              WORDS.map(lambda words: f"    label: {words}")),
    st.builds(in_file, st.just("content/data/timeline.yaml"), st.just("    title: Trade event"),
              WORDS.map(lambda words: f"    title: {words}")),
    # Records that pages link to and show: what a link's text and meaning are made of, and ids that break links.
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("  qualifier:"),
              st.sampled_from(["  qualifier: over", "  qualifier: exact", "  qualifier: about"])),
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("  unit:"),
              st.sampled_from(["  unit: count", "  unit: yuan", "  unit: percent"])),
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("- id: chambers"),
              st.sampled_from(["- id: chambers", "- id: chambers2"])),
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("    measure:"),
              st.sampled_from(["    measure: 个", "    measure: 家"])),
    st.builds(in_file, st.just("content/data/glossary.yaml"), st.just("    term: Federation"),
              st.sampled_from(["    term: Federation of Industry and Commerce", "    term: Federation of Commerce"])),
    st.builds(in_file, st.just("content/data/glossary.yaml"), st.just("    definition: The ICF"),
              WORDS.map(lambda words: f"    definition: The ICF, {words}.")),
    st.builds(in_file, st.just("content/data/timeline.yaml"), st.just("  date:"),
              st.sampled_from(['  date: "2023-04"', '  date: "2023-04-02"', '  date: "2023"'])),
    st.builds(in_file, st.just("content/data/timeline.yaml"), st.just("- id: april-event"),
              st.sampled_from(["- id: april-event", "- id: april-fair"])),
    st.builds(in_file, st.just("content/sources/2023-10-11-abcdef12.en.md"), st.just("title:"),
              WORDS.map(lambda words: f"title: {words}")),
    st.builds(front_matter, PAGES, st.just("template"), st.sampled_from(["home", "page", "statistics"])),
    st.builds(in_file, st.just("content/data/strings.yaml"), st.just("  en: Skip to content"),
              WORDS.map(lambda words: f"  en: {words}")),
    st.builds(in_file, st.just("content/site.yaml"), st.just("  en: Test site"),
              WORDS.map(lambda words: f"  en: {words}")),
    st.builds(template_shows, st.sampled_from(["self", "statistics", "timeline", "index"]),
              st.sampled_from(SHOWN_FIELDS)),
    st.builds(template_links, st.sampled_from(["statistics", "index"]), HEADINGS),
    st.builds(static_file, st.sampled_from(["style.css", "extra.css", "notes.txt"]), WORDS),
    st.builds(static_removed, st.sampled_from(["extra.css", "notes.txt"])),
    st.builds(page_pair, st.sampled_from(["extra", "more/deep"]), st.booleans()),
    st.builds(store_damaged, st.sampled_from(["truncated", "missing", "flipped"])),
    st.builds(refused_folder, st.sampled_from(["content/pages/x.md", "content/sources/x.md", "static/shared"]),
              st.booleans()),
    st.builds(source_text, st.sampled_from(["## 搭载体提振积极性", "超4.5亿元", "前言一段。"]),
              st.sampled_from(["前言一段。\n\n## 搭载体提振积极性", "超5亿元", ""])),
)
# What today's readings make matter: a statistic's quote saying a rate or not, its words saying one or not, a
# value in other digits than decimal, a language tag valid or not, an empty folder among the pages.
EDITS = st.one_of(
    EDITS,
    st.builds(donations, st.just("quote"), st.sampled_from([RATE_SENTENCE[:-1], "所属商协会及其会员捐款超4.5亿元"])),
    st.builds(donations, st.sampled_from(["zh.label", "zh.short", "en.label", "en.short"]),
              st.sampled_from(["", "捐款", "年均捐款", "人均捐款", "donated", "annual donations", "donated per capita"])),
    st.builds(in_file, st.just("content/data/statistics.yaml"), st.just("  value: "),
              st.sampled_from(["  value: 49", "  value: 0x31", "  value: 049", '  value: "49"'])),
    st.builds(in_file, st.just("content/site.yaml"), st.just("  en: {name: English"),
              st.sampled_from(["en", "en-GB", "en_US", "EN", "zh-hans"]).map(
                  lambda tag: f"  en: {{name: English, tag: {tag}}}")),
    st.builds(refused_folder, st.just("content/pages/empty"), st.booleans()),
    st.builds(source_header, st.just("declared_chars"), st.sampled_from(["2383", "0", "-1", "2.5", "0x95f"])),
    st.builds(source_header, st.just("page"), st.sampled_from(["六版", "五版"])),
    st.builds(source_text, st.sampled_from([RATE_SENTENCE, "商会会员捐款超4.5亿元。"]),
              st.sampled_from(["商会会员捐款超4.5亿元。", RATE_SENTENCE])),
)
OPTIONS = st.builds(BuildOptions, st.sampled_from([None, "https://example.net/sub/"]), st.booleans(),
                    st.sampled_from([None, 1000000000, 1100000000]))
STEPS = st.lists(st.one_of(EDITS, OPTIONS), min_size=1, max_size=5)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outcome(root: Path, out: Path, options: BuildOptions, cache: BuildCache | None = None) -> object:
    """What a build leaves: the output folder's files and the warnings it gave, or the messages of the mistakes
    it found."""
    try:
        result = build(root, out, options, cache=cache)
    except ContentErrors as exc:
        return exc.format(root)
    return tree(out), [warning.format(root) for warning in result.warnings]


def checked(root: Path, options: BuildOptions) -> object:
    """What ``check`` reports, reading the cache the builds left: the warnings it gave, or the messages of the
    mistakes it found (to be those of a clean build); the cache, read only, is left as it was."""
    before = tree(root / CACHE_FOLDER) if (root / CACHE_FOLDER).exists() else None
    try:
        reported = [warning.format(root) for warning in check(root, options).warnings]
    except ContentErrors as exc:
        reported = exc.format(root)
    assert (tree(root / CACHE_FOLDER) if (root / CACHE_FOLDER).exists() else None) == before
    return reported


def clean(root: Path, scratch: Path, options: BuildOptions, step: int) -> object:
    copy = scratch / f"clean-{step}"
    shutil.copytree(root, copy / "project", ignore=shutil.ignore_patterns(CACHE_FOLDER), symlinks=True)  # as they are
    result = outcome(copy / "project", copy / "site", options)
    return result.replace(str(copy / "project"), str(root)) if isinstance(result, str) else result


def fresh_process(root: Path, out: Path, options: BuildOptions, seed: int) -> object:
    """``build.py build`` in a new interpreter with its own hash seed, the options given as a user would."""
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    if options.source_date_epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(options.source_date_epoch)
    extra = ["--base-url", options.base_url] if options.base_url else []
    code = ("import sys; from microsite.cli import main; sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", code, "--root", str(root), "build", "--out", str(out), *extra],
                         cwd=REPO, env=environment, capture_output=True, text=True)
    if run.returncode != 0:
        return run.stderr.rpartition("\n\n")[0]  # less "1 mistake found; ..."
    return tree(out), [part for part in re.split(r"(?m)^(?=warning: )", run.stderr) if part]  # each as printed


@contextlib.contextmanager
def on_every_core():
    """Every stage that can run in parallel forks, even for a few items (as at 10,000 pages on two cores)."""
    with mock.patch.object(cores, "MIN_ITEMS", 1), mock.patch.object(cores, "available_cores", lambda: 2):
        yield


def check_steps(steps: list, processes: bool = False, reusing_builds=contextlib.nullcontext,
                edition: bool = False) -> None:
    """After each step, the reusing builds (made within ``reusing_builds()``) equal a clean one on one core, and a
    check that reads their cache reports what the clean build did. With ``edition``, the site has a Traditional
    Chinese edition, converted from its Chinese pages, records and words."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        root = make_project(scratch, MINIMAL / "content")
        with_rate_sentence(root)
        if edition:
            with_edition(root, "zh-hant:\n  晋江: 晉江\n")
        options = BuildOptions()
        preview = BuildCache(root / CACHE_FOLDER, save=False)
        for step, change in enumerate(steps):
            if isinstance(change, BuildOptions):
                options = change
            else:
                change(root)
            expected = clean(root, scratch, options, step)
            with reusing_builds():
                # Before the builds see the step: a check reads what the last step's builds left.
                assert checked(root, options) == (expected if isinstance(expected, str) else expected[1]), (step, steps)
                assert outcome(root, scratch / "site", options) == expected, (step, steps)
                assert outcome(root, scratch / "preview", options, preview) == expected, (step, steps)
            if processes and options.fingerprint:  # the command line always fingerprints
                printed = expected if isinstance(expected, str) else (
                    expected[0], [f"warning: {warning}\n" for warning in expected[1]])
                assert fresh_process(root, scratch / "cli", options, step) == printed, (step, steps)


EVERY_KIND = [  # one edit of every kind, tried first on every run
    template_shows("statistics", "translated_from"), template_shows("self", "translated_from"),
    page_body("statistics.en.md", "gamma"), page_body("index.en.md", "delta"),
    front_matter("statistics.en.md", "translated_from", "abcd"), front_matter("index.en.md", "title", "beta"),
    front_matter("timeline.en.md", "weight", "2"), in_file("content/data/statistics.yaml", "    label: affil",
                                                          "    label: chambers"),
    in_file("content/data/timeline.yaml", "    title: Trade event", "    title: Trade fair"),
    in_file("content/data/strings.yaml", "  en: Skip to content", "  en: Skip"),
    in_file("content/site.yaml", "  en: Test site", "  en: Site"), static_file("style.css", "alpha"),
    static_file("extra.css", "beta"), static_removed("extra.css"), page_pair("extra", True),
    page_pair("extra", False), store_damaged("flipped"), page_body("index.en.md", "alpha"),
    store_damaged("truncated"),
    # A link to another page's heading, resolved once and then kept while other pages' headings change:
    page_body("statistics.en.md", "## alpha\n\nwords"), page_body("index.en.md", "see [it](statistics.md#alpha)."),
    page_body("timeline.en.md", "## beta\n\nwords"), page_body("statistics.en.md", "## beta\n\nwords"),
    page_body("statistics.en.md", "## alpha\n\nmore words"),
    # The home template links to a heading no page's text links to: refused while a language of the page lacks
    # it, as the heading comes and goes, though the home page's file does not change (with a build of the changed
    # page alone, and of every page: a title changed, then back, as the last successful build had it)
    page_body("timeline.zh.md", "## beta\n\nwords"), template_links("timeline", "beta"),
    front_matter("timeline.en.md", "title", "gamma"), page_body("timeline.zh.md", "## gamma\n\nwords"),
    front_matter("timeline.en.md", "title", "timeline en"), page_body("timeline.zh.md", "## beta\n\nmore words"),
    # The source's text changed under the quotes: its passages move, then one is no longer found
    source_text("## 搭载体提振积极性", "前言一段。\n\n## 搭载体提振积极性"), source_text("超4.5亿元", "超5亿元"),
    source_text("超5亿元", "超4.5亿元"),
    BuildOptions(source_date_epoch=1000000000),
    BuildOptions(source_date_epoch=1100000000), BuildOptions("https://example.net/sub/", False),
]


QUOTE_SAYS_A_RATE, QUOTE_SAYS_NONE = donations("quote", RATE_SENTENCE[:-1]), donations("quote", "所属商协会及其会员捐款超4.5亿元")
READ_AROUND = [  # each of today's readings made to pass and to fail, the reusing builds following
    # A page's figure said a year, its statistic's quote saying the rate, then not, the page untouched:
    page_body("index.zh.md", "商会每年[](stat:donations)。"), QUOTE_SAYS_A_RATE, QUOTE_SAYS_NONE, QUOTE_SAYS_A_RATE,
    page_body("index.en.md", "[](stat:donations) a year"), page_body("index.zh.md", "人均[](stat:donations)"),
    page_body("index.zh.md", "[](stat:donations)"), QUOTE_SAYS_NONE, page_body("index.en.md", "[](stat:donations)"),
    # A citation read in its words: the quote says the amount once, or a year.
    page_body("index.zh.md", '每年[超4.5亿元](cite:2023-10-11-abcdef12 "所属商协会及其会员捐款超4.5亿元")'),
    page_body("index.zh.md", f'每年[超4.5亿元](cite:2023-10-11-abcdef12 "{RATE_SENTENCE[:-1]}")'),
    source_text(RATE_SENTENCE, "商会会员捐款超4.5亿元。"), source_text("商会会员捐款超4.5亿元。", RATE_SENTENCE),
    # A statistic's words saying a rate its quote says or not; a date in words; a value, a tag, an empty folder.
    donations("zh.label", "年均捐款"), QUOTE_SAYS_A_RATE, donations("en.short", "donated per capita"),
    donations("en.short", ""), QUOTE_SAYS_NONE, donations("zh.label", "捐款"), page_body("index.zh.md", "周三"),
    page_body("index.zh.md", "alpha"), in_file("content/data/statistics.yaml", "  value: ", "  value: 0x31"),
    in_file("content/data/statistics.yaml", "  value: ", "  value: 49"),
    in_file("content/site.yaml", "  en: {name: English", "  en: {name: English, tag: en_US}"),
    in_file("content/site.yaml", "  en: {name: English", "  en: {name: English, tag: en-GB}"),
    refused_folder("content/pages/empty", True), page_body("index.zh.md", "beta"),
    refused_folder("content/pages/empty", False), source_header("declared_chars", "-1"),
    source_header("declared_chars", "0x95f"),
    source_header("declared_chars", "2383"),
    # a link to the article says its page: its header's page edited under it, then back
    page_body("index.en.md", "[the article on page 6](source:2023-10-11-abcdef12)"), source_header("page", "五版"),
    page_body("index.zh.md", "[刊于五版](source:2023-10-11-abcdef12)"), source_header("page", "六版"),
]


@settings(max_examples=4, **SETTINGS)
@example(READ_AROUND)
@example(EVERY_KIND)
@given(STEPS)
def test_reusing_builds_equal_clean_builds_after_any_edits(steps: list) -> None:
    check_steps(steps)


def conversions(text: str) -> Callable[[Path], None]:
    return lambda root: (root / "content" / "data" / "conversions.yaml").write_text(text, encoding="utf-8")


CONVERSIONS = st.builds(conversions, st.sampled_from(["zh-hant:\n  晋江: 晉江\n", "zh-hant:\n  商会: 商會\n",
                                                     "zh-hant:\n  晋江: 晉江\n  商会: 商會\n", ""]))
EDITION_KINDS = [  # what an edition converts: Chinese pages, records and words, with the editor's own conversions
    page_body("index.zh.md", "晋江 商会"), page_body("glossary.zh.md", "商会 alpha"), conversions(""),
    conversions("zh-hant:\n  商会: 商會\n"), front_matter("index.zh.md", "title", "晋江 商会"),
    in_file("content/data/statistics.yaml", "    label: affil", "    label: chambers"),
    page_body("index.en.md", "delta"), conversions("zh-hant:\n  晋江: 晉江\n  商会: 商會\n"), *EVERY_KIND[:6],
]


@settings(max_examples=1, **SETTINGS)
@example(EDITION_KINDS)
@given(st.lists(st.one_of(EDITS, OPTIONS, CONVERSIONS), min_size=1, max_size=5))
def test_reusing_builds_of_a_site_with_an_edition_equal_clean_builds(steps: list) -> None:
    check_steps(steps, edition=True)


# Page texts alone, some with a mistake (a record that does not exist, a number no quote traces, a heading that
# another page's link names going away): what a build that reads the edited pages alone reports of them.
PAGE_EDITS = st.lists(st.builds(page_body, PAGES, BODIES), min_size=1, max_size=5)


@settings(max_examples=4, **SETTINGS)
@given(PAGE_EDITS)
def test_builds_of_the_edited_pages_alone_find_the_mistakes_a_clean_build_does(steps: list) -> None:
    check_steps(steps)


@settings(max_examples=1, **SETTINGS)
@example(EVERY_KIND)
@given(STEPS)
def test_reusing_builds_on_several_cores_equal_clean_builds_on_one(steps: list) -> None:
    check_steps(steps, reusing_builds=on_every_core)


@pytest.mark.slow
@settings(max_examples=8, **SETTINGS)
@example(EVERY_KIND)
@given(STEPS)
def test_reusing_builds_equal_clean_builds_in_fresh_processes_too(steps: list) -> None:
    check_steps(steps, processes=True)


def test_folders_that_hold_no_file_but_are_mistakes_are_seen_by_reusing_builds() -> None:
    """An empty folder named as a page or source file, a link to a folder: made after a build that succeeded, each
    is the mistake a clean build reports, and removed, the site is built again."""
    check_steps([refused_folder("content/pages/x.md", True), refused_folder("content/pages/x.md", False),
                 refused_folder("content/sources/x.md", True), refused_folder("static/shared", True),
                 refused_folder("content/sources/x.md", False), refused_folder("static/shared", False)])
