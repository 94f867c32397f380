"""Print a per-page quality table of the real site: axe violations (light, dark), Nu checker errors, bytes.

    python3 build.py test -k nothing   # once, so that .venv has Playwright, axe and the checker
    .venv/bin/python scripts/page_report.py [--details]

Builds the site into a temporary folder, serves it on 127.0.0.1 and opens every
page in Debian's Chromium (/usr/bin/chromium). The checks are the browser tests'
and the page-weight test's (tests/browser.py, tests/test_page_weight.py); this
only reports. ``--details`` adds each axe violation and checker error below the
table. Exit status 0 when every page is clean, 1 otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.model import BuildOptions  # noqa: E402
from microsite.pipeline import build  # noqa: E402
from tests.browser import (CHROMIUM, CHROMIUM_ARGS, axe_violations, describe_nu, describe_violations,  # noqa: E402
                           nu_errors, nu_file, serve, site_pages)
from tests.test_page_weight import LIMIT, page_weights  # noqa: E402

SCHEMES = ("light", "dark")


def axe_by_page(origin: str, pages: list, details: list[str]) -> dict[str, dict[str, int]]:
    """page path -> colour scheme -> number of axe violations (rules broken, each with its failing elements)."""
    from playwright.sync_api import sync_playwright

    counts: dict[str, dict[str, int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for site_page in pages:
            page.emulate_media(color_scheme="light")
            page.goto(origin + site_page.path)
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                violations = axe_violations(page)
                counts.setdefault(site_page.path, {})[scheme] = len(violations)
                details += describe_violations(f"{site_page.path} [{scheme}]", violations)
        browser.close()
    return counts


def nu_by_file(out: Path, details: list[str]) -> dict[str, int] | None:
    """build-relative file -> Nu HTML Checker errors; None when Java is missing."""
    if shutil.which("java") is None:
        return None
    counts: dict[str, int] = {}
    for message in nu_errors(out):
        counts[nu_file(message, out)] = counts.get(nu_file(message, out), 0) + 1
        details.append(describe_nu(message, out))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list every violation and error below the table")
    options = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="microsite-report-")) / "site"
    axe_details: list[str] = []
    nu_details: list[str] = []
    with serve(out) as origin:
        config = build(ROOT, out, BuildOptions(base_url=origin + "/")).site.config
        pages = site_pages(out, config.codes, config.default_language)
        axe = axe_by_page(origin, pages, axe_details)
    nu = nu_by_file(out, nu_details)
    weights = {weight.page: weight for weight in page_weights(out)}
    width = max(len(page.path) for page in pages)
    print(f"{'page':<{width}}  {'axe light':>9}  {'axe dark':>8}  {'validator':>9}  {'bytes':>7}")
    clean = True
    for page in pages:
        file = page.file.relative_to(out).as_posix()
        errors = "n/a" if nu is None else nu.get(file, 0)
        weight = weights[file].total
        row = (axe[page.path]["light"], axe[page.path]["dark"], errors)
        clean = clean and not any(row[:2]) and errors in (0, "n/a") and weight <= LIMIT
        over = " > limit" if weight > LIMIT else ""
        print(f"{page.path:<{width}}  {row[0]:>9}  {row[1]:>8}  {errors:>9}  {weight:>7}{over}")
    print(f"\naxe: rules violated per page; validator: Nu HTML Checker errors{' (java missing)' if nu is None else ''};"
          f" bytes: HTML + CSS + images, uncompressed (limit {LIMIT})")
    if options.details and (axe_details or nu_details):
        print("\n" + "\n".join(axe_details + nu_details))
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
