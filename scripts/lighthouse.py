"""Print Lighthouse's four category scores for every page of the real site (a report, not a test).

    npm i -g lighthouse          # once; Lighthouse is not a Python package
    .venv/bin/python scripts/lighthouse.py [--details] [--chrome /usr/bin/chromium]

Builds the site into a temporary folder, serves it on 127.0.0.1 and runs the
``lighthouse`` command line on each page with Debian's Chromium (headless). The
performance score depends on how busy the machine is: on a shared machine, run it
alone. ``--details`` lists every audit that scored below 1 under its page.
Exit status 0 when every page scores 100 in all four categories, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.model import BuildOptions  # noqa: E402
from microsite.pipeline import build  # noqa: E402
from tests.browser import serve  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def audit(url: str, chrome: str) -> dict:
    """Lighthouse's JSON report of one page."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(["lighthouse", url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={CHROME_FLAGS}"],
                       env={**os.environ, "CHROME_PATH": chrome}, check=True, timeout=300)
        return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def failing_audits(report: dict) -> list[str]:
    """The scored audits below 1, as ``category: audit id (value)``."""
    found = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref.get("weight") and result.get("score") is not None and result["score"] < 1:
                found.append(f"{name}: {ref['id']} ({result.get('displayValue', result['score'])})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list the audits below 1 under each page")
    parser.add_argument("--chrome", default="/usr/bin/chromium", help="the Chromium to run (CHROME_PATH)")
    args = parser.parse_args()
    if shutil.which("lighthouse") is None:
        print("lighthouse is not installed: npm i -g lighthouse", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp())
    try:
        with serve(folder / "site") as origin:
            build(ROOT, folder / "site", BuildOptions(base_url=origin + "/"))
            pages = sorted(p.relative_to(folder / "site").as_posix() for p in (folder / "site").rglob("*.html"))
            return report(origin, pages, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(origin: str, pages: list[str], args: argparse.Namespace) -> int:
    width = max(len(page) for page in pages)
    print(f"{'page':<{width}} " + " ".join(f"{name[:4]:>5}" for name in CATEGORIES))
    perfect = True
    for page in pages:
        url = f"{origin}/{page.removesuffix('index.html')}"
        result = audit(url, args.chrome)
        row = scores(result)
        perfect &= all(value == 100 for value in row.values())
        print(f"{page:<{width}} " + " ".join(f"{row[name]:>5}" for name in CATEGORIES), flush=True)
        if args.details:
            for line in failing_audits(result):
                print(f"    {line}")
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
