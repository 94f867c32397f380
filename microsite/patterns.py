"""Regular expressions compiled the first time they are used.

The package's modules hold some 290 patterns. Compiling them all, as
``re.compile`` at a module's top level does, took 0.15 s of every process's
start: half of what importing the package costs, and a seventh of a fresh
process's rebuild after one page is edited, which uses under half of them
(the readers of numbers and dates hold two fifths, most for forms that page
never has).
A pattern written with :func:`compile_later` is compiled when a method of it
is first called, and from then on its methods are the compiled pattern's own,
with no Python call between.

Work done in forked children (:mod:`cores`) would make each child compile
again what it uses; :func:`compile_every` compiles every pattern once, in the
process that forks them.
"""

from __future__ import annotations

import re

# What a compiled pattern offers and the package reads, each bound on first use.
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
          "groups", "groupindex")

# Every pattern made by compile_later, in the order the modules made them (for compile_every). Only ever
# added to, by a module's import; compiling one changes what it is made of, never what it matches.
_EVERY: list[Pattern] = []


class Pattern:
    """A regular expression that ``re`` compiles when one of its methods is first asked for.

    ``pattern`` and ``flags`` are what it was written with, readable without
    compiling it (other patterns are written from them).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> object:
        # Only asked for what the instance does not hold: each name of _BOUND is held once compiled.
        if name.startswith("_"):
            raise AttributeError(name)  # copy, pickle and the like ask for their hooks: none are here
        return getattr(self.compiled(), name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, if it was not yet)."""
        held = vars(self).get("_compiled")
        if held is None:
            held = self._compiled = re.compile(self.pattern, self.flags)
            for name in _BOUND:
                setattr(self, name, getattr(held, name))
        return held

    def __repr__(self) -> str:
        return f"compile_later({self.pattern!r}, {self.flags!r})"


def compile_later(pattern: str, flags: int = 0) -> Pattern:
    """The pattern ``re.compile(pattern, flags)`` would give, compiled when first used."""
    made = Pattern(pattern, flags)
    _EVERY.append(made)
    return made


def compile_every() -> None:
    """Compile every pattern not compiled yet (``re`` keeps those it compiled, so this is quick once done)."""
    for made in _EVERY:
        made.compiled()
