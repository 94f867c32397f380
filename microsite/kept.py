"""Texts named by their digest: held in memory, or read back when first asked for from where a build kept them.

A command-line build of 10,000 long pages held every page's Markdown and its
compiled HTML (82 and 130 MB) while it validated the site, and a build after
a one-page edit read back and digested all of them, though it needed them
only for the page it made again. A :class:`Kept` text stands for its text by
a key (the text's digest: :func:`text_key`, or the key of the text it was
made from) and its length; it holds the text, or reads it when first asked
for (``cache`` gives the reader: the store, where the build kept it). Its
digest (see ``memo.digest_of``) is made from its key, so it is never read to
be hashed either.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from .memo import digest_of


def text_key(text: str) -> str:
    """A short, stable key for a text (its digest), for caches."""
    return digest_of(text)


class LostText(ValueError):
    """A kept text could not be read back from where the build kept it (gone, or damaged): the build starts again
    without what it kept (see ``pipeline``)."""


class Kept:
    """A text of ``length`` characters named by ``key``: held (``text``), or read by ``read(key)`` when first
    asked for, and not kept once read.

    Equal to a kept text of the same kind and key; sent to another process
    whole (a reader does not cross processes).
    """

    def __init__(self, key: str, length: int, text: str | None = None,
                 read: Callable[[str], str] | None = None) -> None:
        if text is None and read is None:
            raise ValueError("a text neither held nor readable")
        self.key, self.length, self._text, self._read = key, length, text, read

    @property
    def text(self) -> str:
        if self._text is not None:
            return self._text
        text = self._read(self.key)
        if len(text) != self.length:
            raise LostText(f"the text kept for {self.key} is not the one it stands for")
        return text

    @cached_property
    def content_digest(self) -> str:
        """It stands for itself by its key (see ``memo.digest_of``): its digest needs no reading."""
        return digest_of(self.key)

    @property
    def held(self) -> bool:
        return self._text is not None

    def let_go(self, read: Callable[[str], str]) -> None:
        """Stop holding the text, which ``read`` gives back when asked for (once it was kept where it reads)."""
        self._text, self._read = None, read

    def __bool__(self) -> bool:
        return self.length > 0

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {self.length})"

    def __reduce__(self) -> tuple:
        return type(self), (self.key, self.length, self.text)


def text_of(text: str | Kept) -> str:
    """The text itself, read if it is kept elsewhere."""
    return text if type(text) is str else text.text
