"""Pelican (PyPI ``pelican`` with ``markdown``) building the same corpus.

The pages become Pelican *pages* (undated, like ours), one file per language
with Pelican's metadata header: ``Title``, ``Summary`` (our description),
``Lang``, a ``Slug`` shared by the two languages (so they are translations
of each other) and ``Save_as``/``URL`` giving the same URLs as ours (Chinese
at the root, English under /en/). Bodies and our link syntax are left as
they are. ``pelicanconf.py`` uses the default theme with our menu
(``MENUITEMS``) instead of a menu of every page; content caching is off.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from . import Peer, PeerUnavailable, fresh_folder, project_pages, split_front_matter

SETTINGS = '''\
AUTHOR = "benchmark"
SITENAME = {sitename!r}
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["articles"]  # none: the corpus is pages
STATIC_PATHS = ["static"]
TIMEZONE = "UTC"
DEFAULT_LANG = {default!r}
DEFAULT_DATE = (2023, 10, 11)
INDEX_SAVE_AS = "articles/index.html"  # our home page is index.html
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
MENUITEMS = {menu!r}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''


def ensure_installed(python: str) -> str:
    """Pelican's version; installs ``pelican`` and ``markdown`` with ``python -m pip`` when missing."""
    found = _version(python)
    if found is None:
        done = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "pelican", "markdown"], capture_output=True, text=True)
        if done.returncode != 0:
            raise PeerUnavailable("pip install pelican markdown failed: "
                                  + (done.stderr.strip().splitlines() or ["?"])[-1])
        found = _version(python)
    if found is None:
        raise PeerUnavailable("pelican or markdown cannot be imported after installing them")
    return found


def _version(python: str) -> str | None:
    done = subprocess.run([python, "-c", "import markdown, pelican; print(pelican.__version__)"],
                          capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def write_site(project: Path, site: Path) -> None:
    config = yaml.safe_load((project / "content" / "site.yaml").read_text(encoding="utf-8"))
    default = config["default_language"]
    fresh_folder(site)
    nav_titles: dict[str, str] = {}
    for key, lang, path in project_pages(project):
        front_text, body = split_front_matter(path.read_text(encoding="utf-8"))
        front = yaml.safe_load(front_text)
        if lang == default and key in config.get("nav", []):
            nav_titles[key] = front.get("nav_title") or front["title"]
        url = ("" if lang == default else f"{lang}/") + ("" if key == "index" else f"{key}/")
        header = [f"Title: {front['title']}", f"Summary: {front['description']}", f"Lang: {lang}",
                  f"Slug: {key.replace('/', '-')}", f"Save_as: {url}index.html", f"URL: {url}"]
        target = site / "content" / "pages" / f"{key}.{lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")
    fresh_folder(site / "content" / "static")
    for path in sorted((project / "static").iterdir()):
        (site / "content" / "static" / path.name).write_bytes(path.read_bytes())
    menu = [(nav_titles[key], "/" if key == "index" else f"/{key}/") for key in config.get("nav", [])
            if key in nav_titles]
    (site / "pelicanconf.py").write_text(
        SETTINGS.format(sitename=config["title"][default], default=default, menu=tuple(menu)), encoding="utf-8")


def prepare(project: Path, work: Path, python: str) -> Peer:
    """Write the Pelican site into ``work`` and say how to build it cold."""
    version = ensure_installed(python)
    site = work / "pelican"
    write_site(project, site)
    output = work / "pelican-output"
    command = [python, "-m", "pelican", str(site / "content"), "--settings", str(site / "pelicanconf.py"),
               "--output", str(output), "--quiet"]
    return Peer("Pelican", version, command, site, (output, site / "cache", site / "__pycache__"), output)
