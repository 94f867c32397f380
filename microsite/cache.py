"""What a build may reuse from earlier builds, kept in ``.cache/`` (ignored by git, safe to delete).

Two things, both keyed by content, never by time stamps:

* compiled Markdown, by the text's digest: compiling is a pure function of
  the text and of microsite's own code, so a hit is exactly what compiling
  again would give;
* what each output file was made from (a digest of its inputs) and the
  digest of what it was, so an unchanged page need not be rendered again;
* the fingerprint of the last successful build's inputs (every content,
  template and static file, the options and microsite's code) with the
  digest of what it wrote: when neither the inputs nor the output folder
  changed, there is nothing to do.

Everything is stamped with microsite's code fingerprint; a cache written by
other code is ignored. A cache that cannot be read is ignored too.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .compiled import Compiler
from .memo import Memo

CACHE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """A digest of microsite's own source: a cache made by other code is not reused."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def files_fingerprint(root: Path, folders: list[str], extra: str = "") -> str:
    """A digest of the names and contents of every file in ``root``'s ``folders`` (and ``extra``).

    Folders are walked without following links; a linked file counts by its
    content only when it lies inside ``root`` (the build refuses the others).
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(extra.encode())
    top = str(root)
    inside = str(root.resolve()) + os.sep
    for name in folders:
        for entry in _walk(os.path.join(top, name)):
            digest.update(entry.path[len(top) + 1:].encode() + b"\0")  # the path relative to root
            if entry.is_symlink() and not os.path.realpath(entry.path).startswith(inside):
                digest.update(b"link:" + os.readlink(entry.path).encode())
                continue
            try:
                if not entry.is_file():  # a FIFO would block, a device never end: the build refuses them unopened
                    digest.update(b"not a regular file\0")
                    continue
                with open(entry.path, "rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):  # a huge file is refused later, not held
                        digest.update(chunk)
            except OSError as exc:  # unreadable: the build will say so; count the reason
                digest.update(str(exc).encode())
            digest.update(b"\0")
    return digest.hexdigest()


def _walk(folder: str) -> list[os.DirEntry]:
    """Every file (or link that is not to a folder) under ``folder``, in name order; links to folders not followed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found.extend(_walk(entry.path))
        elif not (entry.is_symlink() and os.path.isdir(entry.path)):
            found.append(entry)
    return found


@dataclass
class LastBuild:
    """The previous successful build: its inputs' fingerprint, its output's manifest digest, what it reported."""

    inputs: str = ""
    output: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    warnings: tuple = ()


class BuildCache:
    """What earlier builds left in ``folder`` (or only in memory, with ``save=False``).

    The small part (the last build, and what each output was made from) is
    read at once; compiled Markdown, the large part, only when a build needs it.
    """

    def __init__(self, folder: Path | None, save: bool = True) -> None:
        self.folder = folder
        self.persist = save and folder is not None
        self.code = code_fingerprint()
        state = self._read("state.pickle")
        self.last: LastBuild = state.get("last", LastBuild())
        self.outputs: dict[str, tuple[str, int]] = state.get("outputs", {})  # job key -> digest, size
        self._compiler: Compiler | None = None
        self.documents: dict = {}  # Markdown files parsed, by path and text; kept in memory only
        self.memo = Memo()  # per-text checks (links resolved, glossary); kept in memory only

    @property
    def compiler(self) -> Compiler:
        if self._compiler is None:
            self._compiler = Compiler(self._read("compiled.pickle").get("compiled", {}))
        return self._compiler

    def _read(self, name: str) -> dict:
        if self.folder is None or not (self.folder / name).is_file():
            return {}
        try:
            with open(self.folder / name, "rb") as handle:
                stored = pickle.load(handle)
        except Exception:  # a damaged or foreign cache is only a slower build
            return {}
        if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT or stored.get("code") != self.code:
            return {}
        return stored

    def store_compiled(self) -> None:
        """Keep the texts compiled for this build (so the cache does not grow forever).

        Saved as soon as Markdown is compiled; a command-line build then lets go
        of it, which keeps its peak memory down. The preview keeps it in memory.
        """
        compiler = self.compiler
        compiler.known = {key: value for key, value in compiler.known.items() if key in compiler.used}
        compiler.used = set()
        if self.persist:
            self._write("compiled.pickle", {"compiled": compiler.known})
            self._compiler = None

    def save(self, last: LastBuild, outputs: dict[str, tuple[str, int]]) -> None:
        """Remember the last successful build and what each of its outputs was made from."""
        self.last, self.outputs = last, outputs
        if self.persist:
            self._write("state.pickle", {"last": last, "outputs": outputs})

    def _write(self, name: str, content: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{name}.{os.getpid()}"
            with open(temporary, "wb") as handle:
                pickle.dump({"format": CACHE_FORMAT, "code": self.code, **content}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / name)
        except OSError:
            pass  # a read-only project builds fine, only without a cache
