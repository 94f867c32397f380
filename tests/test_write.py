"""Tests for microsite.write: the site is put on disk all or nothing, only where it belongs."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from microsite.render import Job, Output
from microsite.write import (MANIFEST, MARKER, OutputError, SpareAside, check_output_folder, check_path_lengths,
                             prepare_spare, read_manifest, safe_path, write_site)


@pytest.fixture
def static(tmp_path: Path) -> Path:
    folder = tmp_path / "static-src"
    (folder / "css").mkdir(parents=True)
    (folder / "css" / "site.css").write_text("body{}", encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def test_writes_outputs_and_the_marker(tmp_path, static):
    out = tmp_path / "site"
    pages = [Output("index.html", b"zh"), Output("en/index.html", b"en"), Output("static/css/site.1a.css", b"body{}")]
    count = write_site(pages, out).files
    assert count == 3
    written = files(out)
    assert written["index.html"] == b"zh" and written["en/index.html"] == b"en"
    assert written["static/css/site.1a.css"] == b"body{}"
    assert MARKER in written and MANIFEST in written and len(written) == 5


def test_output_folder_is_readable_by_others(tmp_path, static):
    out = tmp_path / "site"
    write_site([Output("index.html", b"x")], out)
    assert out.stat().st_mode & (stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH) == 0o055


def test_creates_missing_parent_folders(tmp_path, static):
    out = tmp_path / "a" / "b" / "site"
    write_site([Output("index.html", b"x")], out)
    assert (out / "index.html").read_bytes() == b"x"


def test_replaces_a_previous_microsite_output_folder(tmp_path, static):
    out = tmp_path / "site"
    write_site([Output("index.html", b"v1"), Output("old.html", b"gone")], out)
    write_site([Output("index.html", b"v2")], out)
    assert files(out) == {MARKER: (out / MARKER).read_bytes(), MANIFEST: (out / MANIFEST).read_bytes(),
                          "index.html": b"v2"}
    assert siblings(out) == [".site.spare", "site", "static-src"]  # the previous site is kept as the spare


def test_an_empty_existing_folder_is_used(tmp_path, static):
    out = tmp_path / "site"
    out.mkdir()
    write_site([Output("index.html", b"x")], out)
    assert (out / MARKER).is_file()


def test_refuses_a_non_empty_foreign_folder_and_leaves_it_untouched(tmp_path, static):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError, match="not made by microsite"):
        write_site([Output("index.html", b"x")], out)
    assert files(out) == {"thesis.txt": b"precious"}
    assert siblings(out) == ["documents", "static-src"]


def test_refuses_a_symlink_as_output(tmp_path, static):
    real = tmp_path / "real"
    write_site([Output("index.html", b"v1")], real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(OutputError, match="symbolic link"):
        write_site([Output("index.html", b"v2")], link)
    assert link.is_symlink() and (real / "index.html").read_bytes() == b"v1"


def test_refuses_a_file_as_output(tmp_path):
    out = tmp_path / "site"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        check_output_folder(out)


def test_check_output_folder_accepts_new_empty_and_own_folders(tmp_path):
    check_output_folder(tmp_path / "new")
    check_output_folder(tmp_path)  # empty
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text("", encoding="utf-8")
    check_output_folder(tmp_path)


@pytest.mark.parametrize("relative", ["../x", "a/../../x", "a/../b", "/abs", "a\\b", ""])
def test_safe_path_refuses_paths_that_could_leave_the_folder(relative):
    with pytest.raises(OutputError, match="outside the output folder"):
        safe_path(relative)


def test_safe_path_normalizes_ordinary_paths():
    assert safe_path("./en//index.html") == "en/index.html"


def test_failure_while_filling_leaves_the_previous_site_intact(tmp_path, static):
    out = tmp_path / "site"
    write_site([Output("index.html", b"v1")], out)
    before = files(out)
    with pytest.raises(OutputError, match="'../evil'"):
        write_site([Output("index.html", b"v2"), Output("../evil", b"x")], out)
    assert files(out) == before
    assert siblings(out) == ["site", "static-src"]
    assert not (tmp_path / "evil").exists()


def test_a_failure_before_anything_is_written_leaves_no_staging_folder(tmp_path, static):
    out = tmp_path / "site"
    with pytest.raises(OutputError):
        write_site([Output("/etc/passwd", b"x")], out)
    assert siblings(out) == ["static-src"]


def test_two_pages_writing_one_file_is_an_error(tmp_path, static):
    with pytest.raises(OutputError, match="two pages write the same file"):
        write_site([Output("a.html", b"1"), Output("a.html", b"2")], tmp_path / "site")


def test_two_spellings_of_one_file_are_caught(tmp_path, static):
    with pytest.raises(OutputError, match="two pages write the same file: ./a.html"):
        write_site([Output("a.html", b"1"), Output("./a.html", b"2")], tmp_path / "site")


def test_only_changed_files_are_written_and_nothing_when_nothing_changed(tmp_path):
    out = tmp_path / "site"
    pages = [Output(f"p{n}.html", f"page {n}".encode()) for n in range(20)]
    assert write_site(pages, out).files == 20
    assert write_site(pages, out).files == 0  # identical: the site is left as it is
    changed = pages[:]
    changed[3] = Output("p3.html", b"page 3, edited")
    assert write_site(changed, out).files == 1  # the others are linked from the live site
    assert write_site(changed + [Output("new.html", b"n")], out).files == 1  # p3 is linked from the live site
    assert files(out)["p3.html"] == b"page 3, edited" and files(out)["new.html"] == b"n"
    assert write_site(changed, out).files <= 1
    assert "new.html" not in files(out)


def test_the_spare_is_never_written_through_a_link_shared_with_the_live_site(tmp_path):
    out = tmp_path / "site"
    write_site([Output("a.html", b"one")], out)
    write_site([Output("a.html", b"one"), Output("b.html", b"x")], out)  # spare's a.html is linked to out's
    write_site([Output("a.html", b"two")], out)
    assert files(out)["a.html"] == b"two"
    assert files(tmp_path / ".site.spare")["a.html"] == b"one"


def test_a_hand_edited_or_added_file_makes_the_folder_unknown_and_fully_rewritten(tmp_path):
    out = tmp_path / "site"
    pages = [Output("a.html", b"one"), Output("b.html", b"two")]
    write_site(pages, out)
    (out / "stray.html").write_bytes(b"added by hand")
    (out / "b.html").write_bytes(b"edited by hand, longer")
    write_site(pages, out)
    assert files(out) == {MARKER: files(out)[MARKER], MANIFEST: files(out)[MANIFEST], "a.html": b"one", "b.html": b"two"}


def _pages(**texts: bytes) -> list[Output]:
    return [Output(path.replace("__", "/") + ".html", content) for path, content in texts.items()]


@pytest.mark.parametrize("tamper", ["resized", "removed", "linked folder", "linked file"])
def test_a_live_file_is_linked_only_once_confirmed_when_the_folder_was_not_walked(tmp_path, tamper):
    """Unwalked, the live site's manifest is only a hint: each file taken from it is checked as it is linked."""
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    (elsewhere / "en").mkdir(parents=True)
    (elsewhere / "en" / "a.html").write_bytes(b"ZZZ")  # the size of what the site's en/a.html is
    write_site(_pages(en__a=b"OLD", b=b"B"), out)
    write_site(_pages(en__a=b"AAA", b=b"B2"), out)  # the spare holds the files before: these come from the live site
    if tamper == "resized":
        (out / "b.html").write_bytes(b"by hand")
    elif tamper == "removed":
        (out / "b.html").unlink()
    elif tamper == "linked folder":
        for child in (out / "en").iterdir():
            child.unlink()
        (out / "en").rmdir()
        (out / "en").symlink_to(elsewhere / "en")
    else:
        (out / "b.html").unlink()
        (out / "b.html").symlink_to(elsewhere / "en" / "a.html")
    live = read_manifest(out, confirm=False)
    assert live is not None  # what the manifest claims, unconfirmed
    write_site(_pages(en__a=b"AAA", b=b"B2", c=b"C"), out, live=live, live_confirmed=False)
    assert {path: content for path, content in files(out).items() if path.endswith(".html")} == {
        "en/a.html": b"AAA", "b.html": b"B2", "c.html": b"C"}
    assert not any(path.is_symlink() for path in out.rglob("*"))
    assert files(elsewhere) == {"en/a.html": b"ZZZ"}


def test_an_unwalked_live_site_said_to_be_already_right_is_confirmed_before_it_is_kept(tmp_path):
    out = tmp_path / "site"
    write_site(_pages(a=b"A", b=b"B"), out)
    (out / "b.html").write_bytes(b"X")  # same size, by hand: only a walk of the folder could not tell either
    (out / "stray.html").write_bytes(b"added by hand")
    write_site(_pages(a=b"A", b=b"B"), out, live=read_manifest(out, confirm=False), live_confirmed=False)
    assert "stray.html" not in files(out)  # the folder was walked, found not to be what it says, and replaced


def test_a_file_put_back_as_it_was_is_changed_though_not_written(tmp_path):
    """An edit undone brings the page back from the spare folder, which holds the site before last: linked, not
    written, but changed, and said so (the preview said "0 files written", which read as nothing done)."""
    out = tmp_path / "site"
    first = _pages(a=b"A", b=b"B", c=b"C")
    assert (write_site(first, out).files, write_site(first, out).changed) == (3, 0)  # (nothing: nothing changed)
    prepare_spare(out)
    edited = write_site(_pages(a=b"A", b=b"B2", c=b"C"), out)
    assert (edited.files, edited.changed) == (1, 1)
    undone = write_site(first, out)
    assert (undone.files, undone.changed) == (0, 1) and files(out)["b.html"] == b"B"
    fewer = write_site(_pages(a=b"A", b=b"B"), out)
    assert (fewer.files, fewer.changed) == (0, 1)  # c.html removed


def test_a_spare_prepared_after_the_first_build_lets_the_next_one_write_only_what_changed(tmp_path, monkeypatch):
    out = tmp_path / "site"
    pages = _pages(en__a=b"A", en__b=b"B", c=b"C")
    write_site(pages, out)
    assert not (tmp_path / ".site.spare").exists()
    assert prepare_spare(out) and prepare_spare(out)  # the second time: already there
    spare = tmp_path / ".site.spare"
    assert read_manifest(spare) == read_manifest(out)
    assert all((spare / path).stat().st_ino == (out / path).stat().st_ino for path in read_manifest(out))
    linked = []
    real_link = os.link
    monkeypatch.setattr(os, "link", lambda source, target: linked.append(target) or real_link(source, target))
    assert write_site(_pages(en__a=b"A", en__b=b"B2", c=b"C"), out).files == 1
    assert linked == []  # nothing to link: the spare held the other files already
    assert files(out)["en/b.html"] == b"B2" and files(spare)["en/b.html"] == b"B"


def test_a_spare_holding_another_site_is_made_again_and_a_close_one_is_kept(tmp_path):
    out = tmp_path / "site"
    spare = tmp_path / ".site.spare"
    write_site(_pages(a=b"old A", b=b"old B", c=b"old C", d=b"old D"), out)
    write_site(_pages(a=b"A", b=b"B", c=b"C", d=b"D"), out)  # the old site is now the spare
    assert files(spare)["a.html"] == b"old A"
    assert prepare_spare(out)
    assert read_manifest(spare) == read_manifest(out) and files(spare)["a.html"] == b"A"
    write_site(_pages(a=b"A2", b=b"B", c=b"C", d=b"D"), out)  # one file of four differs: close enough
    before = read_manifest(spare)
    assert prepare_spare(out) and read_manifest(spare) == before != read_manifest(out)


def test_no_spare_is_prepared_from_a_site_that_is_not_what_its_manifest_says(tmp_path):
    out = tmp_path / "site"
    write_site(_pages(a=b"A"), out)
    (out / "stray.html").write_bytes(b"added by hand")
    assert not prepare_spare(out)
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # and nothing left beside it


@pytest.mark.parametrize("what", ["fifo", "link", "folder"])
def test_a_manifest_that_is_no_file_is_not_read_and_the_site_is_written_again(tmp_path, what):
    """A FIFO named as the manifest (its site is not what it says) made every later build wait for ever."""
    out = tmp_path / "site"
    write_site(_pages(a=b"A"), out)
    (out / MANIFEST).unlink()
    if what == "fifo":
        os.mkfifo(out / MANIFEST)
    elif what == "link":
        (out / MANIFEST).symlink_to(tmp_path / "elsewhere.json")
        (tmp_path / "elsewhere.json").write_text("{}", encoding="utf-8")
    else:
        (out / MANIFEST).mkdir()
    assert read_manifest(out) is None and not prepare_spare(out)
    write_site(_pages(a=b"B"), out)
    assert files(out)["a.html"] == b"B"


def test_a_spare_left_half_updated_by_a_killed_build_is_not_trusted(tmp_path):
    out = tmp_path / "site"
    write_site([Output("a.html", b"1")], out)
    write_site([Output("a.html", b"2")], out)
    spare = tmp_path / ".site.spare"
    (spare / MANIFEST).unlink()  # what an interrupted update leaves
    (spare / "a.html").write_bytes(b"half")
    write_site([Output("a.html", b"3")], out)
    write_site([Output("a.html", b"4"), Output("b.html", b"b")], out)
    assert files(out)["a.html"] == b"4" and files(tmp_path / ".site.spare")["a.html"] == b"3"


def test_a_job_made_before_from_the_same_key_is_not_made_again(tmp_path):
    from microsite.render import Job

    out, calls = tmp_path / "site", []

    def job(path: str, key: str, content: bytes) -> Job:
        return Job(path, key, lambda: calls.append(path) or content)

    first = write_site([job("a.html", "ka", b"A"), job("b.html", "kb", b"B")], out)
    assert sorted(calls) == ["a.html", "b.html"] and set(first.made) == {"ka", "kb"}
    calls.clear()
    second = write_site([job("a.html", "ka", b"A"), job("b.html", "kb2", b"B2")], out, known=first.made)
    assert calls == ["b.html"] and second.files == 1
    assert files(out)["a.html"] == b"A" and files(out)["b.html"] == b"B2"


def test_every_failing_job_is_reported_and_the_previous_site_kept(tmp_path):
    from microsite.errors import ContentError, ContentErrors, Location
    from microsite.render import Job

    out = tmp_path / "site"
    write_site([Output("a.html", b"old")], out)
    before = files(out)

    def broken(name: str):
        def make():
            raise ContentError(Location(Path(f"templates/{name}.html"), 3), "template error")
        return make

    with pytest.raises(ContentErrors) as raised:
        write_site([Job("a.html", "", broken("one")), Job("b.html", "", broken("two"))], out)
    assert [e.location.path.name for e in raised.value.errors] == ["one.html", "two.html"]
    assert files(out) == before


def test_a_deletion_killed_half_way_leaves_a_folder_still_marked_as_ours(tmp_path, monkeypatch):
    from microsite import write

    folder = tmp_path / ".site.spare"
    for name in ("a", "b", "c"):
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_bytes(b"x")
    (folder / MARKER).write_text("ours", encoding="utf-8")
    real_rmtree, calls = write.shutil.rmtree, []

    def killed_after_one(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # stands for SIGKILL in the middle of the deletion
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(write.shutil, "rmtree", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        write.remove_ours(folder)
    assert (folder / MARKER).is_file() and len(list(folder.iterdir())) == 3
    monkeypatch.setattr(write.shutil, "rmtree", real_rmtree)
    write.remove_ours(folder)
    assert not folder.exists()


def test_a_spare_whose_deletion_was_interrupted_is_finished_off_and_replaced(tmp_path):
    out = tmp_path / "site"
    write_site([Output("a.html", b"1")], out)
    write_site([Output("a.html", b"2")], out)
    spare = tmp_path / ".site.spare"
    (spare / MANIFEST).unlink()
    (spare / "a.html").unlink()  # half deleted, marker still there
    write_site([Output("a.html", b"3")], out)
    assert files(spare)["a.html"] == b"2" and (spare / MANIFEST).is_file()
    for child in spare.iterdir():
        child.unlink()  # a deletion killed after the marker went: an empty folder
    write_site([Output("a.html", b"4")], out)
    assert files(spare)["a.html"] == b"3" and (spare / MARKER).is_file()


def test_a_spare_not_ours_is_left_alone(tmp_path):
    out = tmp_path / "site"
    write_site([Output("a.html", b"1")], out)
    spare = tmp_path / ".site.spare"
    spare.mkdir()
    (spare / "notes.txt").write_text("mine", encoding="utf-8")
    write_site([Output("a.html", b"2")], out)
    write_site([Output("a.html", b"3")], out)
    assert files(spare) == {"notes.txt": b"mine"} and files(out)["a.html"] == b"3"


def held_aside(out):
    """What a spare found aside holds (``SpareAside.held``), the child waited for and closed."""
    aside = SpareAside(out)
    try:
        return aside.held()[1]
    finally:
        aside.close()


def test_a_spare_confirmed_aside_is_what_it_says_or_nothing(tmp_path):
    out = tmp_path / "site"
    spare = tmp_path / ".site.spare"
    assert held_aside(out) is None  # no spare yet
    write_site(_pages(a=b"A", b=b"B"), out)
    write_site(_pages(a=b"A2", b=b"B"), out)  # the first site is now the spare
    aside = SpareAside(out)
    assert aside.held() == (spare, read_manifest(spare)) and read_manifest(spare) is not None
    assert aside.held() == aside.held()
    aside.close()
    stray = spare / "stray.html"
    stray.write_bytes(b"added by hand")
    assert held_aside(out) is None
    stray.unlink()
    (spare / "a.html").write_bytes(b"resized by hand")
    assert held_aside(out) is None
    aside = SpareAside(out)
    write_site(_pages(a=b"A3", b=b"B"), out, aside=aside)  # an unknown spare: made anew
    aside.close()
    assert files(out)["a.html"] == b"A3" and files(spare)["a.html"] == b"A2"


def test_a_site_without_a_spare_gets_one_aside_and_the_build_writes_only_what_changed(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site(_pages(en__a=b"A", en__b=b"B", c=b"C"), out)  # the first build: no spare
    spare = tmp_path / ".site.spare"
    assert not spare.exists()
    aside = SpareAside(out)  # a linked copy of the site made by a child while the build goes on
    linked, real_link = [], os.link
    monkeypatch.setattr(os, "link", lambda source, target: linked.append(target) or real_link(source, target))
    assert write_site(_pages(en__a=b"A", en__b=b"B2", c=b"C"), out, aside=aside).files == 1
    aside.close()
    assert linked == []  # nothing linked here: the copy held the other files already
    assert files(out)["en/b.html"] == b"B2" and files(spare)["en/b.html"] == b"B" and files(spare)["c.html"] == b"C"
    assert read_manifest(spare) is not None and siblings(out) == [".site.spare", "site"]


def test_a_copy_made_aside_for_a_build_that_stops_before_it_writes_is_removed(tmp_path):
    out = tmp_path / "site"
    write_site(_pages(a=b"A", b=b"B"), out)
    before = {path.name for path in tmp_path.iterdir()}
    aside = SpareAside(out)
    aside.close()  # the build stopped at a mistake: it never asked for the spare
    assert {path.name for path in tmp_path.iterdir()} == before == {"site"}


def test_a_copy_made_aside_for_a_build_whose_pages_fail_to_render_is_removed(tmp_path):
    from microsite.errors import ContentError, ContentErrors, Location
    from microsite.render import Job

    def broken():
        raise ContentError(Location(Path("templates/page.html"), 3), "template error")

    out = tmp_path / "site"
    write_site(_pages(a=b"A", b=b"B"), out)
    before = files(out)
    aside = SpareAside(out)
    with pytest.raises(ContentErrors):
        write_site([Job("a.html", "", broken)], out, aside=aside)
    aside.close()
    assert files(out) == before and [path.name for path in tmp_path.iterdir()] == ["site"]


def test_a_site_already_as_it_should_be_keeps_the_folder_that_mirrors_it_as_its_spare(tmp_path):
    out = tmp_path / "site"
    write_site(_pages(a=b"A", b=b"B"), out)  # no spare
    assert write_site(_pages(a=b"A", b=b"B"), out).files == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site.spare", "site"]  # no staging folder left
    assert read_manifest(tmp_path / ".site.spare") == read_manifest(out)


@pytest.mark.parametrize("name, refused", [("a" * 255, False), ("a" * 256, True), ("語" * 85, False),
                                           ("語" * 86, True), ("😀" * 63, False), ("😀" * 64, True)])
def test_a_file_name_beyond_the_systems_limit_is_refused_in_bytes(tmp_path: Path, name: str, refused: bool) -> None:
    """The limit on one name (255 bytes here) counts UTF-8 bytes, not characters, wherever the name is."""
    jobs = [Job("index.html", "", bytes), Job(f"docs/{name}/index.html", "", bytes)]
    if refused:
        with pytest.raises(OutputError, match="beyond this system's limit of 255"):
            check_path_lengths(jobs, tmp_path / ".site.spare")
    else:
        check_path_lengths(jobs, tmp_path / ".site.spare")


@pytest.mark.parametrize("walked", [True, False])
def test_a_file_saved_by_hand_to_the_same_size_makes_the_folder_unknown(tmp_path, walked):
    """A save in place changes the live site's file and the spare's, the same file linked: both are rewritten."""
    out = tmp_path / "site"
    pages = _pages(a=b"A", b=b"B")
    write_site(pages, out)
    write_site(_pages(a=b"A", b=b"B", c=b"C"), out)  # the spare now shares a.html and b.html with the site
    write_site(pages, out)
    manifest_time = (out / MANIFEST).stat().st_mtime_ns
    with open(out / "b.html", "r+b") as file:  # as an editor saves: into the file, same size
        file.write(b"X")
    os.utime(out / "b.html", ns=(manifest_time + 10**9, manifest_time + 10**9))  # a second later (coarse clocks)
    assert read_manifest(out) is None and read_manifest(tmp_path / ".site.spare") is None
    live = read_manifest(out, confirm=False) if not walked else None
    write_site(pages, out, **({"live": live, "live_confirmed": False} if not walked else {}))
    assert files(out)["b.html"] == b"B"


def test_a_file_given_an_older_time_stamp_is_still_what_the_manifest_says(tmp_path):
    """Only a modification after the manifest was written tells: a file linked from an older site keeps its time."""
    out = tmp_path / "site"
    write_site(_pages(a=b"A"), out)
    old = (out / "a.html").stat().st_mtime_ns - 10**9
    os.utime(out / "a.html", ns=(old, old))
    write_site(_pages(a=b"A", b=b"B"), out)  # a.html linked from the live site, its time kept
    assert read_manifest(out) is not None


# --- what is in the way in the folders of ours ---------------------------------------------------------------------


def site_files(out: Path) -> dict[str, bytes]:
    return {path: content for path, content in files(out).items() if path not in (MARKER, MANIFEST)}


@pytest.mark.parametrize("first, second", [
    ({"static/thing": b".x{}"}, {"static/thing/inner.css": b".a{}"}),  # a file made a folder of that name
    ({"static/thing/inner.css": b".a{}"}, {"static/thing": b".x{}"}),  # a folder made a file
    ({"a/b/c.html": b"c"}, {"a": b"a-file", "z.html": b"z"}),  # a folder of folders made a file
    ({"static/thing": b".x{}"}, {f"static/thing/{n}.css": b".a{}" for n in range(1100)}),  # made by 2 processes
])
def test_a_file_and_a_folder_of_one_name_follow_each_other_through_the_site_and_the_spare(tmp_path, first, second):
    out = tmp_path / "site"
    index = {"index.html": b"home"}
    sites = [first, first, second, second, first, second, first, first, second]  # so the spare holds each shape
    for site in sites:
        write_site([Output(path, content) for path, content in {**index, **site}.items()], out)
        assert site_files(out) == {**index, **site}
        assert read_manifest(out) is not None
    assert siblings(out) == [".site.spare", "site"]


def test_a_folder_planted_in_the_spare_where_a_new_page_goes_is_no_obstacle(tmp_path):
    out = tmp_path / "site"
    pages = _pages(index=b"home")
    write_site(pages, out)
    write_site(pages, out)  # now there is a spare, with its manifest
    (tmp_path / ".site.spare" / "extra" / "x" / "index.html").mkdir(parents=True)
    write_site(pages + _pages(extra__x__index=b"x"), out)
    assert site_files(out) == {"index.html": b"home", "extra/x/index.html": b"x"}


def test_a_file_where_another_file_of_the_site_has_its_folder_is_an_error(tmp_path):
    with pytest.raises(OutputError, match="the site's file static/thing would be a folder too, of its file "
                                          "static/thing/inner.css"):
        write_site([Output("static/thing", b"1"), Output("static/thing/inner.css", b"2")], tmp_path / "site")
    assert siblings(tmp_path / "site") == []


@pytest.mark.parametrize("error, said", [
    (errno.ENOSPC, "the disk is full (writing b.html); {out} was left as it was. Free some space on it, or choose "
                   "a --out on another disk, then build again"),
    (errno.EACCES, "permission denied (writing b.html); {out} was left as it was. Make the folder and the one it "
                   "is in writable for you, or choose another --out, then build again"),
    (errno.ENAMETOOLONG, "File name too long (writing b.html); {out} was left as it was. Check that folder and "
                         "its disk, then build again"),
])
def test_a_file_that_cannot_be_written_is_an_output_error_that_says_what_and_where(tmp_path, monkeypatch, error,
                                                                                   said):
    import microsite.write

    out = tmp_path / "site"
    write_site(_pages(a=b"A"), out)
    before = files(out)
    real = microsite.write._write_new

    def failing(target: str, content: bytes) -> None:
        if target.endswith("b.html"):
            raise OSError(error, os.strerror(error), target)
        real(target, content)

    monkeypatch.setattr(microsite.write, "_write_new", failing)
    with pytest.raises(OutputError) as caught:
        write_site(_pages(a=b"A", b=b"B"), out)
    assert str(caught.value) == f"cannot write the site into {out}: " + said.format(out=out)
    assert files(out) == before and siblings(out) == ["site"]  # and no half-made folder beside it
    monkeypatch.undo()
    write_site(_pages(a=b"A", b=b"B"), out)
    assert site_files(out) == {"a.html": b"A", "b.html": b"B"}


def test_an_empty_folder_added_by_hand_makes_the_folder_unknown_and_is_gone_from_site_and_spare(tmp_path):
    out = tmp_path / "site"
    pages = _pages(index=b"home", en__index=b"en")
    write_site(pages, out)
    write_site(pages, out)  # with a spare
    (out / "old-stuff" / "empty").mkdir(parents=True)
    (out / "en" / "nothing").mkdir()
    assert read_manifest(out) is None
    for _ in range(3):
        write_site(pages, out)
        assert read_manifest(out) is not None
    write_site(_pages(index=b"home, edited", en__index=b"en"), out)
    folders = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_dir())
    assert folders == [".site.spare", ".site.spare/en", "site", "site/en"]


def test_a_spare_holding_a_folder_of_no_file_of_its_manifest_is_not_trusted(tmp_path):
    out = tmp_path / "site"
    pages = _pages(index=b"home")
    write_site(pages, out)
    write_site(_pages(index=b"home", a__b=b"b"), out)
    assert read_manifest(tmp_path / ".site.spare") is not None
    (tmp_path / ".site.spare" / "extra" / "x" / "index.html").mkdir(parents=True)
    assert read_manifest(tmp_path / ".site.spare") is None
    aside = SpareAside(out)
    try:
        assert aside.held()[1] is None
    finally:
        aside.close()
