"""Ingest's bounds: entries per feed, text per entry and per source, the HTML cleaner's work, what it reads.

Each bound is met with a message naming it and saying how to proceed, a
non-zero exit status, and nothing written for the refused file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microsite import ingest as ingest_module
from microsite.cli import main
from microsite.epaper import IngestError
from microsite.feeds_in import MAX_ENTRY_CHARS, MAX_FEED_ENTRIES, _WHOLE_TAG, html_blocks, only_whole_tags
from microsite.ingest import expand_paths, ingest_file, parse_items
from microsite.load import MAX_TEXT_BYTES

ITEM = """    <item>
      <title>标题{n}</title>
      <pubDate>Tue, 05 Mar 2024 18:00:00 GMT</pubDate>
      <description>{body}</description>
    </item>
"""


def feed(items: int, body: str = "第{n}段正文。") -> bytes:
    entries = "".join(ITEM.format(n=n, body=body.format(n=n)) for n in range(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n    <title>示例日报</title>\n'
            f"{entries}  </channel>\n</rss>\n").encode("utf-8")


def ingest(tmp_path: Path, capsys: pytest.CaptureFixture, *paths: Path) -> tuple[int, str]:
    status = main(["--root", str(tmp_path), "ingest", *map(str, paths)])
    return status, capsys.readouterr().err


def written(tmp_path: Path) -> list[str]:
    sources = tmp_path / "content" / "sources"
    return sorted(p.name for p in sources.iterdir()) if sources.is_dir() else []


# --- entries per feed, text per entry and per source -------------------------------------------------------------


def test_a_feed_of_as_many_entries_as_the_bound_is_read() -> None:
    assert len(parse_items(feed(MAX_FEED_ENTRIES), "feed.xml")) == MAX_FEED_ENTRIES


def test_a_feed_of_more_entries_than_the_bound_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(MAX_FEED_ENTRIES + 1))
    status, err = ingest(tmp_path, capsys, path)
    assert status == 1 and written(tmp_path) == []
    assert f"the feed has {MAX_FEED_ENTRIES + 1:,} <item>s; ingest takes at most {MAX_FEED_ENTRIES:,}" in err
    assert f"hint: split the feed into files of at most {MAX_FEED_ENTRIES:,} entries" in err
    line = feed(MAX_FEED_ENTRIES + 1).decode().splitlines().index("    <item>", 5 * MAX_FEED_ENTRIES) + 1
    assert err.startswith(f"{path}:{line}: ")  # at the first entry too many


def test_an_entry_longer_than_any_article_is_refused_before_it_is_cleaned(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(1, "&lt;a " * (MAX_ENTRY_CHARS // 3 + 1)))
    status, err = ingest(tmp_path, capsys, path)
    assert status == 1 and written(tmp_path) == []
    assert f"more than ingest reads from one item ({MAX_ENTRY_CHARS:,})" in err and "hint: " in err


def test_an_item_whose_source_the_build_would_refuse_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """400,000 Chinese characters: under the entry bound, but 1.2 MB as a source, over the 1 MiB a file may have."""
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(1, "长" * 400_000))
    status, err = ingest(tmp_path, capsys, path)
    assert status == 1 and written(tmp_path) == []
    assert f"more than the {MAX_TEXT_BYTES:,} a content file may have" in err
    assert "hint: split the article into several raw items" in err


def test_a_raw_file_larger_than_the_bound_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "MAX_RAW_BYTES", 1000)
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(20))
    with pytest.raises(IngestError, match="larger than the 1,000 bytes ingest reads from one file"):
        ingest_file(path, tmp_path / "out")


# --- the HTML cleaner ----------------------------------------------------------------------------------------------

PATHOLOGICAL = ["</", "<", "<!", "<?", "<a", "<a ", "<!--x", "<a href='", "<![", "<b x=\"", "</a ", "<p x"]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_the_html_cleaner_reads_runs_of_unfinished_markup_as_text(unit: str) -> None:
    """200 kB of each took the standard library's parser from 17 s to minutes (``<![`` made it raise)."""
    html = "<p>开头</p>" + unit * (200_000 // len(unit))
    blocks = html_blocks(html)
    assert blocks[0] == ("paragraph", "开头")
    if not unit.startswith("<!--"):  # an unfinished comment hides the rest, as in a browser
        assert blocks[1][1].startswith(unit.strip() if unit.strip() == unit else unit.rstrip())


def test_the_html_cleaner_still_reads_ordinary_html() -> None:
    html = ('<p>a<b>b</b> <a title="x>y" href=\'/\'>c</a></p><!-- hidden --><p>x &lt; y < z</p><!DOCTYPE html>'
            "<script>if (a<b) x()</script><h2>标题</h2><figure><figcaption>图</figcaption></figure>")
    assert html_blocks(html) == (("paragraph", "ab c"), ("paragraph", "x < y < z"), ("heading", "标题"),
                                 ("caption", "图"))


@given(st.text(alphabet=st.sampled_from(list("<>/!-?'\"= ap&;#x")), max_size=60))
def test_the_html_cleaner_gives_the_parser_only_whole_tags(html: str) -> None:
    cleaned = only_whole_tags(html)
    position = cleaned.find("<")
    while position >= 0:
        match = _WHOLE_TAG.match(cleaned, position)
        assert match, (html, cleaned)
        position = cleaned.find("<", match.end())
    html_blocks(html)  # and never raises


# --- what is read ----------------------------------------------------------------------------------------------


def test_a_link_in_a_folder_to_a_file_outside_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FIRST-LINE\nmore\n", encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "feed.xml").write_bytes(feed(1))
    (folder / "same.xml").symlink_to(folder / "feed.xml")  # a link inside the folder is fine
    status, err = ingest(tmp_path, capsys, folder)
    assert status == 1
    assert f"{folder / 'leak.txt'}:1: a symbolic link to a file outside {folder}; it was not read" in err
    assert "SECRET" not in err + capsys.readouterr().out
    assert len(written(tmp_path)) == 2  # the feed's one source and its draft


def test_expand_paths_lists_a_link_outside_as_its_error(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "outside.txt").write_text("x", encoding="utf-8")
    (tmp_path / "inside" / "link.txt").symlink_to(tmp_path / "outside.txt")
    [entry] = expand_paths([tmp_path / "inside"])
    assert isinstance(entry, IngestError) and entry.path == str(tmp_path / "inside" / "link.txt")


def test_a_fifo_is_refused_not_waited_for(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fifo = tmp_path / "item.txt"
    os.mkfifo(fifo)
    status, err = ingest(tmp_path, capsys, fifo)
    assert status == 1 and f"{fifo}:1: not a regular file" in err
