"""Generate a synthetic bilingual project of any size, valid for our build, for benchmarks.

    .venv/bin/python scripts/synth.py --pages 10000 --out /tmp/synth [--seed 1]

Writes a complete project folder: ``templates/`` and ``static/`` copied from
this repository, and a ``content/`` in our format with

* exactly N Markdown pages, half ``.zh.md`` and half ``.en.md`` (N/2 page
  keys: the six pages the templates need, topic index pages ``topics/tNN``,
  and content pages ``topics/tNN/pNNN``, at most 100 keys per folder);
  each body 600-1,800 characters with headings (``{#overview}``,
  ``{#details}``), bold, a list, links to other pages, one ``[](stat:ID)``
  and one ``[claim](cite:SOURCE "quote")``;
* max(1, N/200) sources ``content/sources/<date>-<8hex>.md`` (Chinese text,
  correct ``counted_chars``) with their ``<id>.en.md``;
* for each source 5 statistics and 3 timeline events quoting it, a glossary
  of 20 terms, ``strings.yaml`` copied from the minimal test site, ``site.yaml``.

Every Arabic digit of the prose comes from a ``stat:`` link, every quote
occurs exactly once in its source, and English pages carry
``translated_from`` with their original's fingerprint, so
``python build.py --root DIR check`` passes without warnings.
Deterministic: the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import posixpath
import random
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.seal import header_sha256, sealed_characters, text_sha256  # noqa: E402  (the seals the build checks)
from microsite.translations import fingerprint  # noqa: E402  (the build's own fingerprint of a page)

PAGES_PER_FOLDER = 100
CONTENT_GLOB = "topics/*/*.en.md"  # the pages the benchmark may edit (not the topic index pages)
PAGES_PER_SOURCE = 200  # N / 200 sources
TERMS = 20
BODY_MIN, BODY_MAX = 600, 1800
SPECIAL_PAGES = ("index", "statistics", "timeline", "glossary", "sources", "404")
MIN_PAGES = 2 * (len(SPECIAL_PAGES) + 2)
TEMPLATES = {"index": "home", "statistics": "statistics", "timeline": "timeline", "glossary": "glossary",
             "sources": "sources", "404": "404"}

# Common characters without numerals (一 ... 亿), qualifiers (超 近 约 逾 余 多) or date words (年 月 日 前 久):
# filler text then holds no number or date of its own, and quotes say only what their template says.
_ZH_CHARS = (
    "的是在不了有和人这中大为上我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产种面而方后定行学法"
    "所民得经之进着等部家电力里如水化高自理起小物现实加量都体制机当使点从业本去把性好应开它合还因由其些然外天政"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气向道命此变条只没结解问意建公无系军很情"
    "者最立代想已通并提直题党程展果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
    "计别她手角期根论运农指几区强放决西被干做必战先回则任取据处队南给色光门即保治北造规热领海口东导器压志世金增"
    "争济阶油思术极交受联什认共权收证改清己美再采转更单风切打白教速花带安场身车例真务具每目至达走积示议声报斗完"
    "类离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿"
    "须际商非验连断深难矿周委素技备半办青省列习响支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
    "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)
# (nor 天, 周, 今, 现, 季 or 下: 今天, 上周, 如今, 现在, 本季度 and 眼下, in the site's own words, place a time from the
# day they are read, which the build refuses)
# (nor 每 and 均, which say a rate, nor the seasons' and the times of day's characters: 每家, 人均, 春季, 上午)
ZH_CHARS = "".join(ch for ch in _ZH_CHARS if ch not in "零〇一二两三四五六七八九十百千万亿超逾近约余多年月日前久第半天周今现季下"
                                                       "每均春夏秋冬晨午晚")
EN_WORDS = (  # no number words, nor "year" (this year, last year) or "first" (the first time): the build would ask for
    # their source; nor "last" or "now" (in the last ten years, for now: a time from the day it is read); nor "each"
    # (the members each gave [](stat:…): a rate per member); nor "may" (after a link, "[both in](term:…) May project"
    # is the month May)
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you "
    "were her all she there would their we him been has when who will more no if out so said what up its into than "
    "them can only other new some could time these then do any my such like our just man also made "
    "after did many before must through back years where much your way well down should because people state "
    "good very make world still own see men work long here get both between life being under never same another know "
    "while might great old area off come since against go came right used take free chamber members city "
    "federation council meeting support plan service local trade market order donation report article region "
    "commerce enterprise business growth policy visit study forum project network office staff group level"
).split()
EN_CAPITAL = [w for w in EN_WORDS if len(w) > 3]
ZH_CHAMBER = ("商会", "商协会", "行业协会", "同业公会")
ZH_PUBLISH = ("中华工商时报", "经济日报", "商业周报", "工商导报")
EN_PUBLISH = ("China Business Times", "Economic Daily", "Business Weekly", "Industry and Commerce Herald")
QUARTERS_ZH = "一二三四"


@dataclass
class Source:
    ident: str
    date: str
    citable: list[str]  # clauses that occur exactly once in the text: quotes for pages and terms
    text: str = ""
    statistics: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class PageSpec:
    key: str
    template: str = ""
    nav_title: bool = False  # give it a shorter menu label


# --- text ----------------------------------------------------------------------


def zh_phrase(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choices(ZH_CHARS, k=rng.randint(low, high)))


def zh_sentence(rng: random.Random) -> str:
    clauses = [zh_phrase(rng, 6, 16) for _ in range(rng.randint(1, 3))]
    return "，".join(clauses) + "。"


def en_phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(EN_WORDS, k=rng.randint(low, high)))


def en_sentence(rng: random.Random) -> str:
    words = en_phrase(rng, 6, 16)
    return words[0].upper() + words[1:] + "."


def en_title(rng: random.Random, low: int, high: int) -> str:
    return " ".join(word.capitalize() for word in rng.choices(EN_CAPITAL, k=rng.randint(low, high)))


def sentence(lang: str, rng: random.Random) -> str:
    return zh_sentence(rng) if lang == "zh" else en_sentence(rng)


def phrase(lang: str, rng: random.Random, low: int, high: int) -> str:
    return zh_phrase(rng, low, high) if lang == "zh" else en_phrase(rng, low, high)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML 1.2)."""
    return json.dumps(text, ensure_ascii=False)


# --- sources, statistics, events -------------------------------------------------


def make_source(index: int, rng: random.Random) -> Source:
    """A Chinese article whose sentences carry 5 statistics and 3 dated events."""
    year, month, day = rng.choice((2022, 2023, 2024)), rng.randint(7, 12), rng.randint(1, 28)
    date = f"{year}-{month:02d}-{day:02d}"
    org = zh_phrase(rng, 2, 3) + rng.choice(ZH_CHAMBER)
    stats, events = _statistics(index, org, rng), _events(index, org, year, month, date, rng)
    records = [record["quote"] for record in [*stats, *events]]
    special = list(records)
    paragraphs: list[str] = []
    for number in range(rng.randint(12, 16)):
        if number in (3, 8):
            paragraphs.append("## " + zh_phrase(rng, 4, 9))
        sentences = [zh_sentence(rng) for _ in range(rng.randint(2, 5))]
        if special:
            sentences.insert(rng.randint(0, len(sentences)), special.pop(0) + "。")
        paragraphs.append("".join(sentences))
    paragraphs[-1] += "".join(item + "。" for item in special)
    text = "\n\n".join(paragraphs)
    clauses = {clause for paragraph in paragraphs if not paragraph.startswith("## ")
               for clause in paragraph.replace("。", "，").split("，") if len(clause) >= 8}
    citable = sorted(clause for clause in clauses
                     if text.count(clause) == 1 and not any(clause in record for record in records))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(f"{date}-{digest[:8]}", date, citable, text, stats, events)
    for record in [*stats, *events]:
        assert text.count(record["quote"]) == 1, record
        record["source"] = source.ident
    return source


def _statistics(index: int, org: str, rng: random.Random) -> list[dict]:
    chamber, word = rng.choice(ZH_CHAMBER), zh_phrase(rng, 2, 4)
    n1, n3, n4, n5 = rng.randint(12, 98), rng.randint(1, 9) * 10, rng.randint(2, 99), rng.randint(2, 9)
    tenths = rng.randint(1, 9) * 10 + rng.randint(1, 9)  # 4.5 = 45 tenths, never a whole number
    return [
        _stat(f"affiliated-s{index}", n1, "count", "exact", "个", f"{org}护航{n1}个所属{chamber}成立、成长",
              (f"{org}所属{chamber}", f"chambers affiliated to source {_en_name(index)}")),
        _stat(f"donations-s{index}", tenths * 10**7, "yuan", "over", "",
              f"今年以来，{org}及其会员捐款超{tenths // 10}.{tenths % 10}亿元",
              (f"{org}及其会员的捐款", f"donated by the members of {_en_name(index)}")),
        _stat(f"renewed-s{index}", n3, "count", "more-than", "家",
              f"包括{org}等在列的{n3}余家{chamber}或成立、或换届",
              (f"成立或换届的{chamber}", f"chambers founded or renewed near {_en_name(index)}")),
        _stat(f"orders-s{index}", n4 * 10**8, "yuan", "exact", "", f"{word}活动达成订单额{n4}亿元",
              (f"{word}活动的订单额", f"in orders at the {_en_name(index)} trade event")),
        _stat(f"awards-s{index}", n5, "count", "exact", "家", f"{n5}家{chamber}获评{word}称号",
              (f"获评{word}称号的{chamber}", f"chambers given an award by {_en_name(index)}")),
    ]


def _en_name(index: int) -> str:
    return en_title(random.Random(index), 2, 2)


def _stat(ident: str, value: int, unit: str, qualifier: str, measure: str, quote: str,
          labels: tuple[str, str]) -> dict:
    return {"id": ident, "value": value, "unit": unit, "qualifier": qualifier, "measure": measure,
            "quote": quote, "zh": labels[0], "en": labels[1], "headline": False, "group": ""}


def _events(index: int, org: str, year: int, month: int, date: str, rng: random.Random) -> list[dict]:
    m, quarter = rng.randint(1, month - 1), rng.randint(1, (month - 1) // 3)
    forms = [
        (f"{year}-{m:02d}", f"今年{m}月，{org}举办{zh_phrase(rng, 8, 14)}"),
        (f"{year}-Q{quarter}", f"今年第{QUARTERS_ZH[quarter - 1]}季度，{org}{zh_phrase(rng, 8, 14)}"),
        (f"before {date}", f"前不久，{org}{zh_phrase(rng, 8, 14)}"),
    ]
    return [{"id": f"{name}-s{index}", "date": when, "quote": quote,
             "zh": (zh_phrase(rng, 6, 12), zh_sentence(rng)), "en": (en_title(rng, 3, 6), en_sentence(rng))}
            for name, (when, quote) in zip(("month-event", "quarter-event", "recent-event"), forms)]


def source_file(source: Source, rng: random.Random) -> tuple[str, str]:
    """The source (front matter with the real keys, Chinese text) and its English summary."""
    texts = [block.removeprefix("## ") for block in source.text.split("\n\n")]  # each block's, as the build reads it
    counted = len(sealed_characters(texts))
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    outlet = rng.randrange(len(ZH_PUBLISH))
    header = {
        "outlet": ZH_PUBLISH[outlet], "date": source.date, "edition": f"第{rng.randint(1, 16):02d}版",
        "page": f"{zh_phrase(rng, 2, 2)}版", "kicker": zh_phrase(rng, 6, 12), "title": zh_phrase(rng, 10, 18),
        "author": zh_phrase(rng, 2, 3), "declared_chars": counted + rng.randint(0, 200),
    }
    front = [
        *(f"{name}: {q(value) if name == 'date' else value}" for name, value in header.items()),
        f"counted_chars: {counted}",
        f"text_sha256: {text_sha256(texts)}",
        f"header_sha256: {header_sha256(header)}",
        f"raw_sha256: {digest}",
        f"raw_name: {digest[:3]}_{digest[8:24]}.txt",
    ]
    translation = "\n".join([
        "---", f"outlet: {q(EN_PUBLISH[outlet])}", f"title: {q(en_title(rng, 5, 10))}",
        f"author: {q(en_title(rng, 2, 2))}", "---",
        f"{en_sentence(rng)} The article reports that the chambers "
        f"[{en_phrase(rng, 3, 8)}](cite:{source.ident} {q(rng.choice(source.citable))}). {en_sentence(rng)}", "",
    ])
    return "---\n" + "\n".join(front) + "\n---\n\n" + source.text + "\n", translation


# --- data files ---------------------------------------------------------------------


def statistics_yaml(sources: list[Source]) -> str:
    lines = ["# Synthetic figures: each quote is a sentence of its source.", ""]
    for source in sources:
        for stat in source.statistics:
            lines += [f"- id: {stat['id']}", f"  value: {stat['value']}", f"  unit: {stat['unit']}",
                      f"  qualifier: {stat['qualifier']}"]
            lines += [f"  group: {stat['group']}"] if stat["group"] else []
            lines += ["  headline: true"] if stat["headline"] else []
            lines += [f"  source: {source.ident}", f"  quote: {q(stat['quote'])}",
                      "  zh:", f"    label: {q(stat['zh'])}"]
            lines += [f"    measure: {stat['measure']}"] if stat["measure"] else []
            lines += ["  en:", f"    label: {q(stat['en'])}", ""]
    return "\n".join(lines)


def timeline_yaml(sources: list[Source]) -> str:
    lines = ["# Synthetic events: each quote gives the event's date.", ""]
    for source in sources:
        for number, event in enumerate(source.events):
            lines += [f"- id: {event['id']}", f"  date: {q(event['date'])}", f"  source: {source.ident}",
                      f"  quote: {q(event['quote'])}"]
            lines += [f"  stats: [{source.statistics[number].get('id')}]"] if number == 0 else []
            lines += ["  zh:", f"    title: {q(event['zh'][0])}", f"    text: {q(event['zh'][1])}",
                      "  en:", f"    title: {q(event['en'][0])}", f"    text: {q(event['en'][1])}", ""]
    return "\n".join(lines)


def glossary_yaml(sources: list[Source], rng: random.Random) -> tuple[str, list[str]]:
    lines, ids = ["# Synthetic glossary: each term is quoted from a source.", ""], []
    for number in range(TERMS):
        source = sources[number % len(sources)]
        ident = f"term-{number:02d}"
        ids.append(ident)
        lines += [f"- id: {ident}", f"  pinyin: {q(en_phrase(rng, 2, 3))}", f"  source: {source.ident}",
                  f"  quote: {q(rng.choice(source.citable))}",
                  "  zh:", f"    term: {q(zh_phrase(rng, 2, 4))}", f"    definition: {q(zh_sentence(rng))}",
                  "  en:", f"    term: {q(en_title(rng, 2, 3))}", f"    definition: {q(en_sentence(rng))}"]
        if number % 4 == 0:  # words no generated text uses: the build looks for them everywhere in English
            lines.append(f"    avoid: [{q(en_title(rng, 1, 1) + ' Guild')}]")
        lines.append("")
    return "\n".join(lines), ids


def site_yaml(nav: list[str]) -> str:
    return "\n".join([
        "title:", "  zh: 合成测试站点", "  en: Synthetic Benchmark Site",
        "description:", "  zh: 由脚本生成的双语测试内容，用于衡量构建速度。",
        "  en: Bilingual content generated by a script, to measure how fast the site builds.",
        "languages:", "  zh: {name: 中文, tag: zh-Hans}", "  en: {name: English, tag: en}",
        "default_language: zh", "base_url: https://example.org/",
        f"nav: [{', '.join(nav)}]",
        "organisation:", "  zh: {name: 合成商会联合会}", "  en: {name: Synthetic Federation of Chambers}", "",
    ])


# --- pages ------------------------------------------------------------------------


def page_specs(pages: int) -> list[PageSpec]:
    """N/2 keys: the special pages, then topics of one index page and up to 100 content pages each."""
    keys = pages // 2
    specs = special_specs()
    remaining = keys - len(specs)
    topics = max(1, -(-remaining // (PAGES_PER_FOLDER + 1))) if remaining > 0 else 0
    content = remaining - topics
    for topic in range(topics):
        specs.append(PageSpec(f"topics/t{topic:02d}", nav_title=True))
        share = content // topics + (1 if topic < content % topics else 0)
        specs += [PageSpec(f"topics/t{topic:02d}/p{number:03d}") for number in range(share)]
    return specs


def special_specs() -> list[PageSpec]:
    """The pages the templates need, every one but the 404 page in the menu."""
    return [PageSpec(key, TEMPLATES[key], nav_title=key != "404") for key in SPECIAL_PAGES]


def nav_keys(specs: list[PageSpec]) -> list[str]:
    topics = [spec.key for spec in specs if spec.key.count("/") == 1][:4]
    return ["index", *topics, "statistics", "timeline", "glossary", "sources"]


def relative_link(source_key: str, target_key: str) -> str:
    """``target_key``'s file as a link from the page ``source_key`` (``../t01.md``, ``p002.md``)."""
    start = posixpath.dirname(source_key) or "."
    folder = posixpath.relpath(posixpath.dirname(target_key) or ".", start)
    name = posixpath.basename(target_key) + ".md"
    return name if folder == "." else f"{folder}/{name}"


@dataclass(frozen=True)
class PageContext:
    """What a page body may link to."""

    keys: list[str]
    statistics: list[str]
    sources: list[Source]
    terms: list[str]


def page_body(lang: str, key: str, context: PageContext, rng: random.Random) -> str:
    """600-1,800 characters: paragraphs, two headings with anchors, bold, a list and every kind of link."""
    others = [k for k in rng.sample(context.keys, 3) if k != key][:2]
    links = [f"[{phrase(lang, rng, 2, 4)}]({relative_link(key, other)})" for other in others]
    links[-1] = links[-1][:-1] + "#overview)"
    stat = rng.choice(context.statistics)
    source = rng.choice(context.sources)
    cite = f"[{phrase(lang, rng, 3, 6)}](cite:{source.ident} {q(rng.choice(source.citable))})"
    term = f"[{phrase(lang, rng, 1, 3)}](term:{rng.choice(context.terms)})"
    if lang == "zh":
        opening = (f"{zh_sentence(rng)}**{zh_phrase(rng, 3, 6)}。**{zh_phrase(rng, 4, 10)}，"
                   f"共有[](stat:{stat}){zh_phrase(rng, 2, 6)}，见{links[0]}。{zh_sentence(rng)}")
        cited = f"{zh_sentence(rng)}文章说{cite}。{zh_sentence(rng)}"
    else:
        opening = (f"{en_sentence(rng)} **{en_phrase(rng, 2, 4)}** {en_phrase(rng, 3, 8)}, "
                   f"with [](stat:{stat}) in all; see {links[0]}. {en_sentence(rng)}")
        cited = f"{en_sentence(rng)} The article says {cite}. {en_sentence(rng)}"
    items = [f"- {sentence(lang, rng)}", f"- {phrase(lang, rng, 2, 5)} {links[-1]}", f"- {term} {sentence(lang, rng)}"]
    heading = "## " + (zh_phrase(rng, 3, 8) if lang == "zh" else en_title(rng, 2, 5))
    blocks = [opening, heading + " {#overview}", cited, "\n".join(items)]
    target = rng.randint(BODY_MIN, BODY_MAX - 150)
    if len("\n\n".join(blocks)) < target:
        blocks.append("## " + (zh_phrase(rng, 3, 8) if lang == "zh" else en_title(rng, 2, 5)) + " {#details}")
    while len("\n\n".join(blocks)) < target:
        paragraph = sentence(lang, rng)
        while len(paragraph) < 120 and len("\n\n".join(blocks)) + len(paragraph) < target:
            paragraph += ("" if lang == "zh" else " ") + sentence(lang, rng)
        blocks.append(paragraph)
    body = "\n\n".join(blocks) + "\n"
    assert BODY_MIN <= len(body) <= BODY_MAX, (key, lang, len(body))
    return body


def page_files(spec: PageSpec, context: PageContext, rng: random.Random, body=page_body) -> tuple[str, str]:
    """The page's Chinese and English files; ``body(lang, key, context, rng)`` writes each one's text."""
    texts = {}
    for lang in ("zh", "en"):
        title = zh_phrase(rng, 5, 12) if lang == "zh" else en_title(rng, 3, 7)
        front = [f"title: {q(title)}", f"description: {q(sentence(lang, rng))}"]
        if spec.template:
            front.append(f"template: {q(spec.template)}")
        if spec.nav_title:
            front.append(f"nav_title: {q(zh_phrase(rng, 2, 4) if lang == 'zh' else en_title(rng, 1, 2))}")
        if lang == "en":
            front.append(f"translated_from: {q(fingerprint(texts['zh']))}")
        texts[lang] = "---\n" + "\n".join(front) + "\n---\n" + body(lang, spec.key, context, rng)
    return texts["zh"], texts["en"]


# --- the project ----------------------------------------------------------------------


def check_size(pages: int) -> None:
    """Refuse a page count the generators cannot fill: odd, or too small for the special pages."""
    if pages < MIN_PAGES or pages % 2:
        raise ValueError(f"--pages must be an even number of at least {MIN_PAGES}")


def record_files(sources: list[Source], rng: random.Random) -> tuple[dict[str, str], PageContext]:
    """The sources, their translations and the data files; and what pages may link to (no page keys yet)."""
    for source in sources[:1]:
        for stat in source.statistics:
            stat["headline"] = stat["id"].split("-")[0] in ("affiliated", "donations", "orders")
            stat["group"] = "amounts" if stat["unit"] == "yuan" else ""
    files: dict[str, str] = {}
    for source in sources:
        original, translation = source_file(source, rng)
        files[f"content/sources/{source.ident}.md"] = original
        files[f"content/sources/{source.ident}.en.md"] = translation
    glossary, term_ids = glossary_yaml(sources, rng)
    files["content/data/statistics.yaml"] = statistics_yaml(sources)
    files["content/data/timeline.yaml"] = timeline_yaml(sources)
    files["content/data/glossary.yaml"] = glossary
    # The minimal test site's interface strings: the real ones belong to the editors and may name what
    # only the real content traces (a glossary term's "Four Goods", say).
    files["content/data/strings.yaml"] = (ROOT / "tests" / "sites" / "minimal" / "content" / "data" / "strings.yaml").read_text(encoding="utf-8")
    statistics = [stat["id"] for source in sources for stat in source.statistics]
    return files, PageContext([], statistics, sources, term_ids)


def add_pages(files: dict[str, str], specs: list[PageSpec], context: PageContext, rng: random.Random,
              body=page_body) -> None:
    """Both files of every page."""
    for spec in specs:
        zh, en = page_files(spec, context, rng, body)
        files[f"content/pages/{spec.key}.zh.md"] = zh
        files[f"content/pages/{spec.key}.en.md"] = en


def generate(pages: int, seed: int = 1) -> dict[str, str]:
    """Every content file, path (relative to the project) -> text."""
    check_size(pages)
    rng = random.Random(seed)
    sources = [make_source(index, rng) for index in range(max(1, pages // PAGES_PER_SOURCE))]
    files, context = record_files(sources, rng)
    specs = page_specs(pages)
    files["content/site.yaml"] = site_yaml(nav_keys(specs))
    add_pages(files, specs, replace(context, keys=[spec.key for spec in specs]), rng)
    return files


def write_project(out: Path, pages: int, seed: int = 1, force: bool = False, generator=generate) -> int:
    """Write the project ``generator(pages, seed)`` makes at ``out``; returns the number of page files written."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"error: {out} is not empty (use --force to replace its content/, templates/ and static/)")
        for name in ("content", "templates", "static"):
            shutil.rmtree(out / name, ignore_errors=True)
    files = generator(pages, seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "static"):
        shutil.copytree(ROOT / name, out / name)
    for relative, text in sorted(files.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return sum(1 for relative in files if relative.startswith("content/pages/"))


SEARCH_TITLES = {"zh": "搜索", "en": "Search"}
SEARCH_STRINGS = ("search_label", "search_button", "search_searching", "search_none", "search_found",
                  "search_unavailable")


def add_search(out: Path) -> None:
    """Give the project at ``out`` a search page in each language (the English one marked as the Chinese one's
    translation, as every page of the corpus is), and the interface strings it shows."""
    original = ""
    for lang, title in SEARCH_TITLES.items():
        translated = f"translated_from: {q(fingerprint(original))}\n" if original else ""
        text = f"---\ntitle: {title}\ndescription: {title}.\ntemplate: search\n{translated}---\n{title}\n"
        (out / "content" / "pages" / f"search.{lang}.md").write_text(text, encoding="utf-8")
        original = original or text
    with open(out / "content" / "data" / "strings.yaml", "a", encoding="utf-8") as strings:
        strings.writelines(f"{name}: {{zh: 搜索, en: Search}}\n" for name in SEARCH_STRINGS)


def main(argv: list[str] | None = None, doc: str = __doc__, generator=generate) -> int:
    """The command line of a corpus generator (this one's, or another's that passes its own)."""
    options = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    options.add_argument("--pages", type=int, required=True, metavar="N",
                         help=f"Markdown pages in all (even, >= {MIN_PAGES})")
    options.add_argument("--out", type=Path, required=True, metavar="DIR", help="the project folder to write")
    options.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    options.add_argument("--force", action="store_true", help="replace content/, templates/, static/ in DIR")
    options.add_argument("--search", action="store_true",
                         help="add a search page in each language (every build then has Pagefind index every page)")
    arguments = options.parse_args(argv)
    try:
        written = write_project(arguments.out, arguments.pages, arguments.seed, arguments.force, generator)
    except ValueError as exc:
        options.error(str(exc))
    if arguments.search:
        add_search(arguments.out)
    sources = len(list((arguments.out / "content" / "sources").glob("*.en.md")))
    print(f"wrote {written} pages, {sources} sources into {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
