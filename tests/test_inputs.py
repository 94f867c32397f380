"""The inputs' fingerprint, and the digests a long-running caller keeps by file signature (``seen``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import microsite.inputs as inputs_module
from microsite.inputs import Inputs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in {"content/site.yaml": "a: 1\n", "content/pages/index.en.md": "hello\n",
                       "static/style.css": "p {}\n", "templates/base.html": "<p>\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose bytes are read for their digest; every change counts at once (no racy window)."""
    read: list[str] = []
    real = inputs_module._digest_of_file
    monkeypatch.setattr(inputs_module, "_digest_of_file", lambda path: read.append(path) or real(path))
    monkeypatch.setattr(inputs_module, "RACY_NS", -1)
    return read


def same_as_fresh(root: Path, seen: dict) -> Inputs:
    kept = Inputs(root, seen=seen)
    fresh = Inputs(root)
    assert (kept.digests, kept.read, kept.kept) == (fresh.digests, fresh.read, fresh.kept)
    return kept


def test_a_file_unchanged_since_the_last_build_is_not_read_again(project: Path, reads: list[str]) -> None:
    seen: dict = {}
    same_as_fresh(project, seen)
    reads.clear()
    Inputs(project, seen=seen)
    assert reads == []  # templates are read whole for Jinja, not by digest: never in ``seen``


def test_a_rewrite_of_the_same_size_with_its_old_time_stamp_is_read_again(project: Path, reads: list[str]) -> None:
    seen: dict = {}
    page = project / "content" / "pages" / "index.en.md"
    same_as_fresh(project, seen)
    before = page.stat()
    page.write_text("HELLO\n", encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # the time stamp set back; the change time is new
    reads.clear()
    assert same_as_fresh(project, seen).digests[str(page)] == Inputs(project).digests[str(page)]
    assert str(page) in reads[:1]


def test_a_file_changed_a_moment_ago_is_read_every_time(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = inputs_module._digest_of_file
    monkeypatch.setattr(inputs_module, "_digest_of_file", lambda path: read.append(path) or real(path))
    seen: dict = {}
    Inputs(project, seen=seen)  # every file was just written: within the racy window
    read.clear()
    Inputs(project, seen=seen)
    assert len(read) == 3 and seen == {}


def test_files_removed_added_or_replaced_by_other_kinds_are_seen(project: Path, reads: list[str]) -> None:
    seen: dict = {}
    same_as_fresh(project, seen)
    (project / "static" / "style.css").unlink()
    (project / "static" / "new.css").write_text("a {}\n", encoding="utf-8")
    page = project / "content" / "pages" / "index.en.md"
    page.unlink()
    os.mkfifo(page)  # a FIFO where the page was: never opened
    same_as_fresh(project, seen)
    assert str(project / "static" / "style.css") not in seen
    page.unlink()
    page.write_text("back\n", encoding="utf-8")
    (project / "content" / "site.yaml").chmod(0)
    if os.geteuid() != 0:  # root reads anything
        assert Inputs(project, seen=seen).digests[str(project / "content" / "site.yaml")].startswith("unreadable")
    (project / "content" / "site.yaml").chmod(0o644)
    same_as_fresh(project, seen)


def test_many_files_are_digested_on_all_cores_as_in_one_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from microsite import cores
    from microsite.memo import digest_of

    for number in range(2 * cores.MIN_ITEMS):
        (project / "content" / "pages" / f"p{number:03}.en.md").write_text(f"page {number}\n", encoding="utf-8")
    os.mkfifo(project / "content" / "pages" / "pipe.en.md")  # never opened
    gone = project / "content" / "pages" / "gone.en.md"
    gone.write_text("deleted as it is read\n", encoding="utf-8")
    real = inputs_module._digest_of_file

    def digest(path: str) -> str:
        if path == str(gone):
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)
    monkeypatch.setattr(inputs_module, "_digest_of_file", digest)
    forked = Inputs(project)
    monkeypatch.setattr(cores, "MIN_ITEMS", 10 ** 9)  # every file in this process
    alone = Inputs(project)
    assert list(forked.digests.items()) == list(alone.digests.items())  # in order: the fingerprint lists them so
    assert forked.read == alone.read and forked.fingerprint() == alone.fingerprint()
    page = project / "content" / "pages" / "p007.en.md"
    assert forked.digests[str(page)] == digest_of(page.read_bytes()) and str(page) in forked.read
    assert forked.digests[str(project / "content" / "pages" / "pipe.en.md")] == "not a regular file"
    assert forked.digests[str(gone)] == "unreadable: No such file or directory" and str(gone) not in forked.read


def test_a_content_file_too_large_to_be_one_is_not_read_and_a_static_one_is(project: Path, reads: list[str]) -> None:
    """The build refuses a content file larger than MAX_TEXT_BYTES from its size, unread: so does the fingerprint
    (a 50 GB file would otherwise be read whole before the build said no). Its size stands for it, so that a file
    that grows or shrinks is another input; a static file of any size is a file to publish, and is read."""
    from microsite.conventions import MAX_TEXT_BYTES

    big = project / "content" / "pages" / "big.en.md"
    picture = project / "static" / "big.bin"
    for path in (big, picture):
        with path.open("wb") as file:
            file.truncate(MAX_TEXT_BYTES + 1)
    for made in (lambda: Inputs(project), lambda: Inputs.started(project)(), lambda: same_as_fresh(project, {})):
        reads.clear()
        found = made()
        assert str(big) not in reads and str(picture) in reads
        assert found.digests[str(big)] == f"too large: {MAX_TEXT_BYTES + 1} bytes"
        assert found.content_digest(str(big)) is None and found.content_digest(str(picture))
    with big.open("ab") as file:
        file.write(b"x")
    assert Inputs(project).digests[str(big)] == f"too large: {MAX_TEXT_BYTES + 2} bytes"


def test_a_folder_or_a_link_to_one_is_an_input_even_with_no_file_in_it(project: Path, reads: list[str]) -> None:
    """The build refuses an empty folder named as a file it reads (``pages/x.md/``) and a link to a folder
    (``static/shared -> ../templates``), though neither holds a file of its own: each must change the
    fingerprint, or the next build finds nothing changed and publishes what a build from scratch refuses."""
    before = Inputs(project).fingerprint()
    folder = project / "content" / "pages" / "x.md"
    folder.mkdir()
    for made in (lambda: Inputs(project), lambda: Inputs.started(project)(), lambda: same_as_fresh(project, {})):
        assert made().fingerprint() != before
    folder.rmdir()
    assert Inputs(project).fingerprint() == before
    link = project / "static" / "shared"
    link.symlink_to("../templates")
    seen: dict = {}
    with_link = same_as_fresh(project, seen).fingerprint()
    assert with_link != before
    assert not any(path.startswith(str(link) + os.sep) for path in Inputs(project).digests)  # not followed
    link.unlink()
    assert same_as_fresh(project, seen).fingerprint() == before
