"""Regenerate the screenshots the README shows (docs/screenshots/): build the real site, open it in Chromium, save PNGs.

    python3 build.py test -k nothing   # once, so that .venv has Playwright
    .venv/bin/python scripts/screenshots.py

Writes docs/screenshots/<page>-<lang>-<mobile|desktop>.png (the search page with a query typed). Needs Debian's
chromium (/usr/bin/chromium); Playwright's own browser download is not used.
"""

from __future__ import annotations

import functools
import os
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microsite.model import BuildOptions  # noqa: E402
from microsite.pipeline import build  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORTS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"home": "", "organisation": "organisation/", "pillar": "pillars/contact/", "statistics": "statistics/",
         "timeline": "timeline/", "glossary": "glossary/", "sources": "sources/",
         "source": "sources/2023-10-11-eb7c93e7/", "404": "404.html",
         "search": "search/?q={query}"}  # one page of every template
LANGUAGES = {"zh": ("", "商会"), "en": ("en/", "chamber"), "zh-hant": ("zh-hant/", "商會")}  # URL prefix, a search


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    out = Path(tempfile.mkdtemp()) / "site"
    server = serve(out)
    port = server.server_address[1]
    build(ROOT, out, BuildOptions(base_url=f"http://127.0.0.1:{port}/"))
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            for name, path in PAGES.items():
                for lang, (prefix, query) in LANGUAGES.items():
                    page.goto(f"http://127.0.0.1:{port}/{prefix}{path.format(query=query)}")
                    if name == "search":
                        page.wait_for_selector("#search-results a")
                    file = target / f"{name}-{lang}-{device}.png"
                    page.screenshot(path=str(file), full_page=device == "mobile" and name == "home")
                    print(file.relative_to(ROOT))
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
