#!/usr/bin/env python3
"""microsite's entry point: ``python3 build.py [build|check|serve|ingest|test] ...``.

Works on a fresh machine with only Python: when the libraries the command
needs are not importable, it creates ``.venv/`` beside this file, installs
the dependencies listed in ``pyproject.toml`` into it (once; again only when
that list changes) and runs itself again with the virtual environment's
Python. ``python3 build.py test [pytest options]`` runs the test suite.
"""

from __future__ import annotations

import sys

if sys.version_info < (3, 11):  # before anything else: tomllib and the code need 3.11
    sys.exit("microsite needs Python 3.11 or newer; this is Python %d.%d (%s). Install a newer Python and run "
             "this command with it, e.g. python3.11 build.py" % (sys.version_info[0], sys.version_info[1],
                                                                 sys.executable))

import importlib.util  # noqa: E402 (after the version check)
import os  # noqa: E402
import subprocess  # noqa: E402
import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "microsite-requirements.txt"
RUNTIME_MODULES = ("jinja2", "markdown_it", "yaml", "livereload")
TEST_MODULES = ("pytest", "xdist", "playwright")


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
        import venv  # here, not above: every command imports this file, and only a first run needs venv (10 ms)

        print(f"setting up {VENV} (first run only) ...", file=sys.stderr, flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise SetupError(f"could not create {VENV} ({exc}). On Debian or Ubuntu, install the venv module "
                             "first: sudo apt-get install python3-venv; then delete .venv/ and run this again") from None
    installed = STAMP.read_text(encoding="utf-8").splitlines() if STAMP.exists() else []
    if not set(wanted) <= set(installed):
        print("installing: " + " ".join(wanted), file=sys.stderr, flush=True)
        done = subprocess.run([str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               *wanted])
        if done.returncode != 0:
            raise SetupError("could not install the packages microsite needs (pip's messages are above); this "
                             "first run needs the internet, or a package index pip can reach. Connect and run "
                             "the command again; it picks up where it stopped")
        STAMP.write_text("\n".join(sorted(set(wanted) | set(installed))) + "\n", encoding="utf-8")
    return venv_python()


class SetupError(Exception):
    """The virtual environment could not be set up; the message says why and what to do."""


TEST_HELP = """\
usage: python3 build.py test [pytest options]

Run the test suite with pytest (installed into .venv/ on the first run). Useful options:
  -m "not browser and not slow"   the fast tests, for the edit-test loop
  -m content                      only the tests of the real content (MICROSITE_PROJECT=DIR: another project)
  -k WORDS                        only the tests whose names match
  -x, -q                          stop at the first failure; less output
Any other pytest option works too (.venv/bin/python -m pytest --help lists them).
"""


def main() -> int:
    arguments = sys.argv[1:]
    testing = arguments[:1] == ["test"]
    if testing and arguments[1:] in (["-h"], ["--help"]):
        print(TEST_HELP, end="")  # before installing anything: help must not need the network
        return 0
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    needed = RUNTIME_MODULES + (TEST_MODULES if testing else ())
    if not have_modules(needed) or (in_venv and not _stamp_current(testing)):
        try:
            python = ensure_venv(testing)
        except SetupError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if not in_venv:
            return _run_again_with(python, arguments)
        importlib.invalidate_caches()
    if testing:
        return subprocess.call([sys.executable, "-m", "pytest", *arguments[1:]], cwd=ROOT)
    sys.path.insert(0, str(ROOT))
    from microsite.cli import main as cli_main

    # the project is where build.py is, wherever it is run from; the process ends when the command returns
    return cli_main(arguments, home=ROOT, exits=True)


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
