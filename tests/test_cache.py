"""The cache's inputs fingerprint and its files: keyed by content, and harmless when damaged."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from microsite.cache import BuildCache, LastBuild, files_fingerprint


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "pages" / "a.en.md").write_text("one", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "base.html").write_text("<html>", encoding="utf-8")
    return root


def fingerprint(root: Path) -> str:
    return files_fingerprint(root, ["content", "templates", "static"], "options")


def test_the_fingerprint_follows_contents_names_and_options(tmp_path):
    root = project(tmp_path)
    first = fingerprint(root)
    assert fingerprint(root) == first
    page = root / "content" / "pages" / "a.en.md"
    page.write_text("two", encoding="utf-8")
    edited = fingerprint(root)
    assert edited != first
    os.utime(page, (0, 0))  # a time stamp alone is no change
    assert fingerprint(root) == edited
    page.rename(page.with_name("b.en.md"))
    assert fingerprint(root) != edited
    assert files_fingerprint(root, ["content", "templates", "static"], "other options") != fingerprint(root)


def test_a_file_moved_between_folders_changes_the_fingerprint(tmp_path):
    root = project(tmp_path)
    (root / "content" / "pages" / "x").mkdir()
    (root / "content" / "pages" / "x" / "y.md").write_text("same", encoding="utf-8")
    before = fingerprint(root)
    (root / "content" / "pages" / "x" / "y.md").rename(root / "content" / "pages" / "x.y.md")
    assert fingerprint(root) != before


def test_a_link_out_of_the_project_counts_by_where_it_points_not_what_it_holds(tmp_path):
    root = project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (root / "content" / "pages" / "link.md").symlink_to(secret)
    before = fingerprint(root)
    secret.write_text("changed, and never read", encoding="utf-8")
    assert fingerprint(root) == before
    (root / "templates" / "folder-link").symlink_to(tmp_path, target_is_directory=True)  # not followed
    assert fingerprint(root) == before


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    cache.save(LastBuild("inputs", "output", {"en": 1}), {"job": ("digest", 1)})
    assert BuildCache(folder).last.inputs == "inputs"
    (folder / "state.pickle").write_bytes(b"not a pickle")
    assert BuildCache(folder).last.inputs == ""
    (folder / "state.pickle").write_bytes(pickle.dumps({"format": 1, "code": "other code", "last": LastBuild("x")}))
    assert BuildCache(folder).last.inputs == ""


def test_only_the_texts_of_the_last_build_are_kept(tmp_path):
    from microsite.compiled import precompile

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    precompile(cache.compiler, ["# one", "# two"])
    cache.store_compiled()
    precompile(cache.compiler, ["# two", "# three"])
    cache.store_compiled()
    assert len(BuildCache(folder).compiler.known) == 2
