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
