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

CACHE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def code_fingerprint() -> str:
    """A digest of microsite's own source: a cache made by other code is not reused."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def files_fingerprint(folders: list[Path], extra: str = "") -> str:
    """A digest of the names and contents of every file under ``folders`` (and ``extra``)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(extra.encode())
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else ():
            digest.update(str(path.relative_to(folder.parent)).encode() + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class LastBuild:
    """The previous successful build: its inputs' fingerprint, its output's manifest digest, what it reported."""

    inputs: str = ""
    output: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    warnings: tuple = ()


class BuildCache:
    """Compiled Markdown and the last build, loaded from and saved to ``folder`` (or kept in memory only)."""

    def __init__(self, folder: Path | None, save: bool = True) -> None:
        self.folder = folder
        self.code = code_fingerprint()
        stored = self._read()
        self.persist = save
        self.compiler = Compiler(stored.get("compiled", {}))
        self.last: LastBuild = stored.get("last", LastBuild())
        self.outputs: dict[str, tuple[str, int]] = stored.get("outputs", {})  # job key -> digest, size

    def _read(self) -> dict:
        if self.folder is None or not (self.folder / "build.pickle").is_file():
            return {}
        try:
            with open(self.folder / "build.pickle", "rb") as handle:
                stored = pickle.load(handle)
        except Exception:  # a damaged or foreign cache is only a slower build
            return {}
        if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT or stored.get("code") != self.code:
            return {}
        return stored

    def save(self, last: LastBuild, outputs: dict[str, tuple[str, int]]) -> None:
        """Keep what this build used (so the cache does not grow forever): compiled texts, made files, ``last``."""
        self.last = last
        self.outputs = outputs
        used = self.compiler.used
        self.compiler.known = {key: value for key, value in self.compiler.known.items() if key in used}
        self.compiler.used = set()
        if self.folder is None or not self.persist:
            return
        stored = {"format": CACHE_FORMAT, "code": self.code, "compiled": self.compiler.known, "last": last,
                  "outputs": outputs}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"build.pickle.{os.getpid()}"
            with open(temporary, "wb") as handle:
                pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / "build.pickle")
        except OSError:
            pass  # a read-only project builds fine, only without a cache

