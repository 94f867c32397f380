#!/usr/bin/env python3
"""microsite's entry point: ``python3 build.py [build|check|serve|ingest|test] ...``.

Works on a fresh machine with only Python: when the libraries the command
needs are not importable, it creates ``.venv/`` beside this file, installs
the dependencies listed in ``pyproject.toml`` into it (once; again only when
that list changes) and runs itself again with the virtual environment's
Python. ``python3 build.py test [pytest options]`` runs the test suite.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "microsite-requirements.txt"
RUNTIME_MODULES = ("jinja2", "markdown_it", "yaml", "livereload")
TEST_MODULES = ("pytest", "playwright")


def requirements(with_tests: bool) -> list[str]:
    """Dependencies from pyproject.toml: the runtime ones, plus the ``test`` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    if with_tests:
        wanted += project["optional-dependencies"]["test"]
    return wanted


def have_modules(names: tuple[str, ...]) -> bool:
    return all(importlib.util.find_spec(name) is not None for name in names)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(with_tests: bool) -> Path:
    """Create .venv and install what is missing; return its Python."""
    wanted = requirements(with_tests)
    if not venv_python().exists():
        print(f"setting up {VENV} (first run only) ...", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    installed = STAMP.read_text(encoding="utf-8").splitlines() if STAMP.exists() else []
    if not set(wanted) <= set(installed):
        print("installing: " + " ".join(wanted), file=sys.stderr, flush=True)
        subprocess.run([str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted],
                       check=True)
        STAMP.write_text("\n".join(sorted(set(wanted) | set(installed))) + "\n", encoding="utf-8")
    return venv_python()


def main() -> int:
    arguments = sys.argv[1:]
    testing = arguments[:1] == ["test"]
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    needed = RUNTIME_MODULES + (TEST_MODULES if testing else ())
    if not have_modules(needed) or (in_venv and not _stamp_current(testing)):
        python = ensure_venv(testing)
        if not in_venv:
            return _run_again_with(python, arguments)
        importlib.invalidate_caches()
    if testing:
        return subprocess.call([sys.executable, "-m", "pytest", *arguments[1:]], cwd=ROOT)
    sys.path.insert(0, str(ROOT))
    from microsite.cli import main as cli_main

    return cli_main(arguments)


def _stamp_current(with_tests: bool) -> bool:
    installed = STAMP.read_text(encoding="utf-8").splitlines() if STAMP.exists() else []
    return set(requirements(with_tests)) <= set(installed)


def _run_again_with(python: Path, arguments: list[str]) -> int:
    command = [str(python), str(Path(__file__).resolve()), *arguments]
    if os.name == "posix":
        os.execv(command[0], command)  # replaces this process: Ctrl-C and exit status go straight through
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
