"""Tests for microsite.markup: HTML read where a browser draws its lines."""

from __future__ import annotations

import time

import pytest

from microsite.markup import BrowserParser


class _Recorder(BrowserParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.seen.append(("start", tag))

    def handle_data(self, data) -> None:
        if self.seen and self.seen[-1][0] == "text":  # (the parser may hand one text over in pieces)
            self.seen[-1] = ("text", self.seen[-1][1] + data)
        else:
            self.seen.append(("text", data))

    def handle_comment(self, data) -> None:
        self.seen.append(("comment", data))


def _read(html: str) -> list[tuple[str, str]]:
    recorder = _Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.seen


@pytest.mark.parametrize("html, seen", [
    ("<p>ok</p><a href=x", [("start", "p"), ("text", "ok")]),  # a tag the document ends inside: dropped
    ('<p>ok</p><a title="<img src=x>', [("start", "p"), ("text", "ok")]),  # with what it holds
    ("<p>ok</p><!-- a note <script>", [("start", "p"), ("text", "ok")]),  # a comment never closed: to the end
    ("<p>ok</p>a < b", [("start", "p"), ("text", "oka < b")]),  # a "<" that opens no tag: text
    ("<p>ok</p><!-- n -->", [("start", "p"), ("text", "ok"), ("comment", " n ")]),
])
def test_markup_the_document_ends_inside_is_what_a_browser_makes_of_it(html, seen):
    assert _read(html) == seen


@pytest.mark.parametrize("piece", ["<a b=", "<a ", '<a "', '<a b="x" ', "<!--", "</a ", "<", "<!", "<?"])
def test_unfinished_markup_of_any_length_is_read_in_linear_time(piece):
    """html.parser read an unfinished start tag again from each "<" in it: 4,000 times "<a b=" took 11 s."""
    timings = []
    for count in (4_000, 16_000):
        started = time.perf_counter()
        _read("<p>x</p>" + piece * count)
        timings.append(time.perf_counter() - started)
    assert timings[1] < 1.0, (piece, timings)
