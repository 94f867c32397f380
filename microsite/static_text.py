"""What readers see in the files of ``static/``, which the site serves as they are.

An HTML page or an SVG image shows its text, titles and labels, its styles and its lists' numbers, as a
template's (see ``template_text``); a stylesheet its strings and counters (see ``stylesheets``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .stylesheets import Shown, read_stylesheet
from .template_text import own_words_mistakes, read_shown


def shown_in_static(name: str, content: bytes) -> Shown:
    """What a reader sees in the file of ``static/`` named ``name``: runs of text (line, column, text) and the
    numbers its styles or lists make otherwise (see ``stylesheets``)."""
    suffix = name.rpartition(".")[2].lower()
    if suffix not in ("html", "htm", "svg", "css"):
        return Shown()
    text = content.decode("utf-8", errors="replace")  # a file that is not UTF-8 is reported where it is read
    return read_stylesheet(text) if suffix == "css" else read_shown(text, None)


def static_mistakes(name: str, content: bytes, path: Path) -> list[ContentError]:
    """Every number a reader sees in the file of ``static/`` named ``name`` (``content``, at ``path``): no quote
    traces one; and every invisible character there, as in content."""
    return own_words_mistakes(shown_in_static(name, content), path, "the static file's own text")
