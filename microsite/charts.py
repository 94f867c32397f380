"""Charts drawn at build time as inline SVG: no JavaScript, no images to fetch.

A horizontal bar chart: each figure gets its label, a bar from zero and its
value written out in words, so nothing is told by colour alone. The SVG is
an image to assistive technology (``role="img"``) named by its ``<title>``
and described by its ``<desc>``, which lists every figure; the page also
carries the same data in a real table. Drawn for a narrow screen (320 units
wide) and scaled up, so it never causes horizontal scrolling.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 320
FONT_SIZE = 13
LINE_HEIGHT = 17
BAR_HEIGHT = 20
ROW_GAP = 14
_NO_BREAK_BEFORE = set("，。、；：！？）」』”’…%")  # Chinese punctuation never starts a line
_LATIN_WIDTH = 0.6  # average advance of a Latin character, in ems (generous, so text never overflows)


@dataclass(frozen=True)
class Bar:
    """One figure of a chart: its label, its value (for the bar's length) and the value as written."""

    label: str
    value: float
    display: str


def bar_chart(bars: list[Bar], title: str, ident: str) -> Markup:
    """An accessible SVG bar chart of ``bars``; ``ident`` makes its element ids unique on the page."""
    largest = max((bar.value for bar in bars), default=0) or 1
    parts, y = [], 0
    for bar in bars:
        for line in wrap(bar.label, WIDTH):
            y += LINE_HEIGHT
            parts.append(f'<text class="chart-label" x="0" y="{y - 4}">{escape(line)}</text>')
        parts.append(_bar(bar, largest, y + 2))
        y += BAR_HEIGHT + 2 + ROW_GAP
    height = max(y - ROW_GAP, 1)
    description = _describe(bars)
    return Markup(
        f'<svg class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-size="{FONT_SIZE}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        + "".join(parts) + "</svg>"
    )


def _describe(bars: list[Bar]) -> str:
    """Every figure in words, punctuated for the labels' script."""
    chinese = any(text_em(ch) == 1.0 for bar in bars for ch in bar.label)
    colon, separator = ("：", "；") if chinese else (": ", "; ")
    return separator.join(f"{bar.label}{colon}{bar.display}" for bar in bars)


def _bar(bar: Bar, largest: float, top: int) -> str:
    length = max(2.0, (WIDTH - 1) * bar.value / largest)
    text_width = text_em(bar.display) * FONT_SIZE
    baseline = top + BAR_HEIGHT / 2 + FONT_SIZE * 0.35
    if length + 6 + text_width <= WIDTH:
        value = f'<text class="chart-value" x="{length + 6:.1f}" y="{baseline:.1f}">{escape(bar.display)}</text>'
    else:  # no room after the bar: write the value inside it, right-aligned
        value = (f'<text class="chart-value chart-value-inside" x="{length - 6:.1f}" y="{baseline:.1f}" '
                 f'text-anchor="end">{escape(bar.display)}</text>')
    return f'<rect class="chart-bar" x="0" y="{top}" width="{length:.1f}" height="{BAR_HEIGHT}"/>{value}'


def text_em(text: str) -> float:
    """Estimated width of ``text`` in ems: wide (CJK) characters are 1, others about 0.6."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else _LATIN_WIDTH for ch in text)


def wrap(text: str, width: float) -> list[str]:
    """Break ``text`` into lines that fit ``width`` units: at spaces for English, anywhere for Chinese."""
    limit = width / FONT_SIZE
    lines, current = [], ""
    for token in _tokens(text):
        candidate = current + token
        if current and text_em(candidate.rstrip()) > limit and token not in _NO_BREAK_BEFORE:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words with their trailing space; every wide character on its own."""
    tokens, word = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
            if ch == " ":
                tokens.append(word)
                word = ""
    if word:
        tokens.append(word)
    return tokens


# --- the structure figure ---------------------------------------------------------------------------------------

STRUCTURE_WIDTH = 280  # narrower than the charts: at 13 units a line, text stays 13 px on a 320 px phone
BOX_PAD = 8
BOX_GAP = 8
INDENT = 16


@dataclass(frozen=True)
class Part:
    """A box of the structure figure: its name, and the names of the parts drawn inside it (may be none)."""

    name: str
    parts: tuple[str, ...] = ()
    parts_name: str = ""  # the name of the inner group ("Three Threes"), drawn above its parts


@dataclass(frozen=True)
class Structure:
    """What the structure figure shows: two groups of boxes, and a note on how the groups relate."""

    title: str
    pillars_label: str
    pillars: tuple[str, ...]
    note: str
    approaches_label: str
    approaches: tuple[Part, ...]


def structure_figure(structure: Structure, ident: str, detail: bool = True) -> Markup:
    """The pillars side by side, the note, then each approach; its named parts inside it when ``detail``
    (without, a small version: the name of the group of parts only).

    Drawn for a 320 px phone's text column (280 units); every word of it is also in its ``<desc>``.
    """
    parts, y = [], 0
    y = _label(structure.pillars_label, y, parts)
    y = _row(structure.pillars, 0, STRUCTURE_WIDTH, y, parts, "pillar")
    y = _label(structure.note, y + 4, parts, "caveat")
    parts.append(f'<line class="rule" x1="0" x2="{STRUCTURE_WIDTH}" y1="{y + 6}" y2="{y + 6}"/>')
    y = _label(structure.approaches_label, y + 12, parts)
    for approach in structure.approaches:
        y = _approach(approach, y, parts, detail) + BOX_GAP
    height = y - BOX_GAP
    return Markup(
        f'<svg class="structure" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {STRUCTURE_WIDTH} {height}" width="{STRUCTURE_WIDTH}" height="{height}" font-size="{FONT_SIZE}">'
        f'<title id="{ident}-title">{escape(structure.title)}</title>'
        f'<desc id="{ident}-desc">{escape(describe_structure(structure))}</desc>'
        + "".join(parts) + "</svg>"
    )


def describe_structure(structure: Structure) -> str:
    """The figure in words: each group with its names, the note, and each approach with its parts."""
    chinese = any(text_em(ch) == 1.0 for ch in structure.title)
    colon, separator, stop, open_, close = ("：", "、", "。", "（", "）") if chinese else (": ", "; ", ". ", " (", ")")
    approaches = []
    for approach in structure.approaches:
        inner = f"{open_}{approach.parts_name}{colon}{separator.join(approach.parts)}{close}" if approach.parts else ""
        approaches.append(approach.name + inner)
    text = (f"{structure.pillars_label}{colon}{separator.join(structure.pillars)}{stop}"
            f"{structure.note.rstrip('。.')}{stop}"
            f"{structure.approaches_label}{colon}{('；' if chinese else separator).join(approaches)}")
    return text.rstrip() + ("。" if chinese else ".")


def _label(text: str, y: int, parts: list[str], css: str = "label") -> int:
    for line in wrap(text, STRUCTURE_WIDTH):
        y += LINE_HEIGHT
        parts.append(f'<text class="{css}" x="0" y="{y - 4}">{escape(line)}</text>')
    return y + 4


def _row(names: tuple[str, ...], x: float, width: float, y: int, parts: list[str], css: str) -> int:
    """Boxes side by side across ``width``, as tall as the one with the most lines; one under another
    when a word of a name would not fit in its box."""
    each = (width - BOX_GAP * (len(names) - 1)) / max(len(names), 1)
    if any(text_em(word) * FONT_SIZE > each - 2 * BOX_PAD for name in names for word in _tokens(name)):
        for name in names:
            y = _row((name,), x, width, y, parts, css) + BOX_GAP
        return y - BOX_GAP
    lines = [wrap(name, each - 2 * BOX_PAD) for name in names]
    height = max((len(item) for item in lines), default=1) * LINE_HEIGHT + 2 * BOX_PAD - 4
    for index, item in enumerate(lines):
        left = x + index * (each + BOX_GAP)
        parts.append(_rect(left, y, each, height, css))
        parts += _lines(item, left + BOX_PAD, y + BOX_PAD)
    return y + height


def _approach(approach: Part, y: int, parts: list[str], detail: bool) -> int:
    """One approach: a full-width box with its name, and its named parts inside it."""
    lines = wrap(approach.name, STRUCTURE_WIDTH - 2 * BOX_PAD)
    inner: list[str] = []
    bottom = y + BOX_PAD + len(lines) * LINE_HEIGHT
    if approach.parts_name:
        inner_lines = wrap(approach.parts_name, STRUCTURE_WIDTH - 2 * BOX_PAD - INDENT)
        inner += _lines(inner_lines, BOX_PAD + INDENT, bottom + 4, "group")
        bottom += 4 + len(inner_lines) * LINE_HEIGHT
        if detail and approach.parts:
            bottom = _row(approach.parts, BOX_PAD + INDENT, STRUCTURE_WIDTH - 2 * BOX_PAD - INDENT, bottom + 4, inner,
                          "part")
        inner.insert(0, f'<path class="link" d="M{_number(BOX_PAD + INDENT / 2)} {y + BOX_PAD + len(lines) * LINE_HEIGHT}'
                        f' V{bottom - 4}"/>')
    height = bottom + BOX_PAD - 4 - y
    parts.append(_rect(0, y, STRUCTURE_WIDTH, height, "approach"))
    parts += _lines(lines, BOX_PAD, y + BOX_PAD, "name") + inner
    return y + height


def _rect(x: float, y: float, width: float, height: float, css: str) -> str:
    return (f'<rect class="{css}" x="{_number(x + 0.5)}" y="{_number(y + 0.5)}" width="{_number(width - 1)}" '
            f'height="{_number(height - 1)}" rx="4"/>')


def _lines(lines: list[str], x: float, top: float, css: str = "") -> list[str]:
    attribute = f' class="{css}"' if css else ""
    return [f'<text{attribute} x="{_number(x)}" y="{_number(top + (index + 1) * LINE_HEIGHT - 5)}">{escape(line)}</text>'
            for index, line in enumerate(lines)]


def _number(value: float) -> str:
    """A coordinate as short as it can be written: 8 rather than 8.0 (every byte is on the page)."""
    return f"{value:.1f}".removesuffix(".0")
