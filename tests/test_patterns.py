"""Every regular expression of the package reads any text in time in proportion to its length.

Python's engine backtracks: ``\\S*(?:\\*\\*)\\S*`` searched through a long word without ``**`` starts again at
each of its characters and reads the rest of the word each time, so 3,000 characters cost 4.5 million steps. A
page, a record or a feed's field may hold such a run (a pasted table of digits, a line of ``@``), and the check
of a valid page would take minutes. So each pattern is run, as the package runs it, on long runs of one piece of
text (a character, two, a character after a start that some pattern looks for), and must not take more than a
linear reading would: the few that ever did took seconds where the others take a millisecond.

How the package runs a pattern is read from its source: one only ever ``match``-ed or ``fullmatch``-ed is tried
at the text's start; any other (searched, split, substituted, or handed on) is searched through the whole text.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import microsite
from microsite import patterns
from tests.timing import best_seconds

PACKAGE = Path(microsite.__file__).parent
SCANNING = frozenset({"search", "finditer", "findall", "sub", "subn", "split"})
ANCHORED = frozenset({"match", "fullmatch"})
LENGTH = 3_000  # characters: a quadratic reading takes a twentieth of a second or more, a linear one a millisecond
SLOW = 0.02  # seconds at LENGTH; and then more than 8 times the time at a quarter of it (linear: 4, quadratic: 16)

# The pieces a run is made of: every kind of character the patterns look for, and pairs that alternate.
PIECES = [*"aA1一[]()*~ /.:-_#!\\`<>'\"年%，\n\t十亿@&=?|+,;{}$^分之万元«»“”（）。、",
          "a ", "[(", "**", "a.", "1,", "1.", "a:", "[]", "*a", "a-", "ab", "一年", "[a](", "1 ", "一 ", "a1",
          "1一", "\n\n", " \n", "<a", "&a", "1%", "ID", "0x"]
# What some patterns look for before a run: a number, a mark, a link, an address, a tag.
STARTS = ["", "1", "一", "**", "[", "<", "@", "a@", "http://", "#", "{#", "<?xml "]


def _patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern at the top level of a module of the package, by ``module.NAME``, and those in a
    table there (a tuple, list or dict, or a tuple in one), by ``module.NAME[index]``."""
    found: dict[re.Pattern, str] = {}
    for module in pkgutil.iter_modules(microsite.__path__):
        if module.name == "patterns":
            continue  # its list of every pattern made, each found under its own name elsewhere
        namespace = vars(importlib.import_module(f"microsite.{module.name}"))
        for name, value in namespace.items():
            for index, item in _members(value):
                if isinstance(item, patterns.Pattern):  # compiled when first used: now
                    item = item.compiled()
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.setdefault(item, f"{module.name}.{name}{index}")
    return {name: pattern for pattern, name in found.items()}


def _members(value: object) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, (tuple, list)):
        return [("", value)]
    return [(f"[{index}]{inner}", item) for index, member in enumerate(value[:200])
            for inner, item in (_members(member) if isinstance(member, (tuple, list)) else [("", member)])]


SOURCES = [path.read_text(encoding="utf-8") for path in sorted(PACKAGE.glob("*.py"))]
PATTERNS = _patterns()


def _uses() -> dict[str, frozenset[str]]:
    """How the package uses each name: the methods called on it, and "other" for any use that is not a method
    call (passed to a function, kept in a table), which may search. A name's own assignment is no use."""
    found: dict[str, set[str]] = {}
    for source in SOURCES:
        for match in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)(?!\w|\s*=[^=])(?:\.(\w+)\()?", source):
            found.setdefault(match.group(1), set()).add(match.group(2) or "other")
    return {name: frozenset(how) for name, how in found.items()}


USES = _uses()


def uses(name: str) -> frozenset[str]:
    """How the package uses the pattern bound to ``name`` (see ``_uses``)."""
    return USES.get(name, frozenset())


def _slow_text(pattern: re.Pattern, anchored: bool) -> str | None:
    run = (lambda text: (pattern.match(text), pattern.fullmatch(text))) if anchored else \
        (lambda text: sum(1 for _ in pattern.finditer(text)))
    for start in STARTS:
        for piece in PIECES:
            repeat = LENGTH // len(piece)
            text = start + piece * repeat
            if best_seconds(run, text, 1) <= SLOW:
                continue
            # Slow once: timed again, both lengths at their best, twice, so that a pause of the machine is no
            # failure (one in CI took 0.02 s for a run that takes 0.0013 s, three times over).
            for _ in range(2):
                seconds = best_seconds(run, text)
                if seconds <= SLOW or seconds <= 8 * best_seconds(run, start + piece * (repeat // 4)):
                    break
            else:
                return f"{start!r} + {piece!r} × {repeat:,}: {seconds:.2f} s"  # one is enough, and each costs
    return None


def _name(found: str) -> str:
    """The name in the source of a pattern found as ``module.NAME`` or ``module.NAME[index]``."""
    return found.split(".", 1)[1].split("[")[0]


def test_every_pattern_is_found_with_its_uses() -> None:
    """The search for patterns finds them (this file would pass on none), those in tables too, and each one's
    uses in the source."""
    assert len(PATTERNS) >= 50
    assert any("[" in name for name in PATTERNS)
    unused = [name for name in PATTERNS if not uses(_name(name))]
    assert not unused, f"patterns the source never uses: {unused}"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_pattern_reads_a_long_run_in_linear_time(name: str) -> None:
    how = uses(_name(name))
    anchored = bool(how) and how <= ANCHORED
    slow = _slow_text(PATTERNS[name], anchored)
    assert slow is None, f"{name} ({'match' if anchored else 'search'}) is slow on a long run: {slow}"


def test_the_check_itself_finds_a_quadratic_pattern() -> None:
    """The measure fails a pattern that backtracks over each start of a run, and passes its linear rewrite."""
    assert _slow_text(re.compile(r"\S*(?:\*\*|~~)\S*"), anchored=False)
    assert _slow_text(re.compile(r"(?<!\S)\S*?(?:\*\*|~~)\S*"), anchored=False) is None


# compile_later (microsite.patterns): a pattern compiled when first used.

def test_a_pattern_compiled_later_finds_what_re_compile_finds() -> None:
    source, flags = r"(?P<n>\d+)\s*(?P<unit>家|个)|first", re.IGNORECASE
    later, now = patterns.compile_later(source, flags), re.compile(source, flags)
    text = "晋江 49 家, 12个; FIRST"
    assert [m.span() for m in later.finditer(text)] == [m.span() for m in now.finditer(text)]
    assert later.search(text).group("unit") == "家"
    assert later.match(text) is None and later.match("7家").group("n") == "7"
    assert later.fullmatch("first") and not later.fullmatch("first!")
    assert later.sub("#", text) == now.sub("#", text) and later.subn("#", text) == now.subn("#", text)
    assert later.split(text) == now.split(text) and later.findall(text) == now.findall(text)
    assert later.groupindex == now.groupindex and later.groups == 2


def test_a_pattern_is_compiled_only_when_a_method_is_first_asked_for() -> None:
    later = patterns.compile_later(r"a(b)")
    assert later.pattern == "a(b)" and later.flags == 0  # what other patterns are written from
    assert "search" not in vars(later)
    assert later.search("xab").group(1) == "b"
    assert vars(later)["search"] == later.compiled().search  # from now on the compiled pattern's own method


def test_a_mistaken_pattern_is_refused_when_first_used() -> None:
    later = patterns.Pattern(r"a(b")  # not one compile_every should compile: made as compile_later does, unlisted
    with pytest.raises(re.error):
        later.search("ab")


def test_compile_every_compiles_each_pattern_not_used_yet() -> None:
    later = patterns.compile_later(r"never(used)")
    patterns.compile_every()
    assert "search" in vars(later)


def _compiled_as_imported(also: str = "") -> list[str]:
    """The patterns the package's modules compile as they are imported, in a fresh process, where nothing was
    imported yet (and ``also``, code run as if it were a module of the package's)."""
    script = (
        "import re, sys, pkgutil, importlib\n"
        "compiled = []\n"
        "def compile(pattern, flags=0, real=re.compile):\n"
        "    caller = sys._getframe(1).f_globals.get('__name__', '')\n"
        "    if caller.startswith('microsite'):\n"
        "        compiled.append(f'{caller}: {pattern!r:.60}')\n"
        "    return real(pattern, flags)\n"
        "re.compile = compile\n"
        "import microsite\n"
        "for module in pkgutil.iter_modules(microsite.__path__):\n"
        "    importlib.import_module(f'microsite.{module.name}')\n"
        f"exec({also!r}, {{'__name__': 'microsite.planted'}})\n"
        "assert len(sys.modules) > 50\n"
        "print(*compiled, sep='\\n')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    return [line for line in done.stdout.splitlines() if line]


def test_no_module_compiles_a_pattern_as_it_is_imported() -> None:
    """Each of the package's patterns is written with compile_later; the test finds one that is not."""
    compiled = _compiled_as_imported()
    assert not compiled, "compiled as imported (write them with patterns.compile_later):\n" + "\n".join(compiled)
    assert _compiled_as_imported("import re\nWORD = re.compile(r'\\w+')") == [r"microsite.planted: '\\w+'"]
