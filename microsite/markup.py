"""HTML read where a browser draws its lines, for the readers that judge what a page loads and shows.

``html.parser`` (as Python 3.11 has it) ends a comment and a script's or a
style's text elsewhere than a browser does, and each difference hid markup
a browser reads: ``<!--><img src=https://cdn.example/x.png>-->`` is an empty
comment and a picture from another host to a browser (HTML's "abrupt
closing"), a comment to the parser; so is ``<!--->``, and ``--!>`` ends a
comment as ``-->`` does. ``</script foo>`` and ``</style/>`` end the script's
or the style's text to a browser, where the parser read all that follows as
script, unread. :class:`BrowserParser` reads them as a browser does. (A
difference the other way, markup the parser reads that a browser shows as text,
``<title><img ...></title>``, only makes the check stricter.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .patterns import compile_later

# How a comment ends (after its "<!--"); and a script's or a style's text: at "</script" or "</style" followed by
# a space, a slash or ">", whatever comes before the ">" (a browser ignores an end tag's attributes).
_COMMENT_END = compile_later(r"--!?>")
_RAW_TEXT_ENDS = {"script": compile_later(r"</script(?=[\t\n\r\x0c />])", re.IGNORECASE),
                  "style": compile_later(r"</style(?=[\t\n\r\x0c />])", re.IGNORECASE)}
_ABRUPT_COMMENTS = ("<!-->", "<!--->")
_OPEN_START_TAG = compile_later(r"<[A-Za-z]")


class BrowserParser(HTMLParser):
    """An ``HTMLParser`` that ends comments and raw text where a browser does (see the module)."""

    def close(self) -> None:
        # What a feed left unread and begins with "<" is markup the document ends inside: a start tag or a comment
        # never closed. A browser drops such a tag with all after it, and takes such a comment to run to the end
        # (HTML's "EOF in tag", "EOF in comment"); html.parser read the rest again from each "<" in it, in time
        # quadratic in its length (4,000 times "<a b=": 11 s).
        if self.rawdata.startswith("<!--") or _OPEN_START_TAG.match(self.rawdata):
            self.rawdata = ""
        super().close()

    def parse_comment(self, i: int, report: int = 1) -> int:
        for abrupt in _ABRUPT_COMMENTS:
            if self.rawdata.startswith(abrupt, i):
                if report:
                    self.handle_comment("")
                return i + len(abrupt)
        end = _COMMENT_END.search(self.rawdata, i + 4)
        if end is None:
            return -1
        if report:
            self.handle_comment(self.rawdata[i + 4:end.start()])
        return end.end()

    def set_cdata_mode(self, elem: str, **options: bool) -> None:
        super().set_cdata_mode(elem, **options)
        if self.cdata_elem in _RAW_TEXT_ENDS:
            self.interesting = _RAW_TEXT_ENDS[self.cdata_elem]

    def parse_endtag(self, i: int) -> int:
        ends = _RAW_TEXT_ENDS.get(self.cdata_elem or "")
        if ends is not None and ends.match(self.rawdata, i):
            closed = self.rawdata.find(">", i)
            if closed < 0:
                return -1
            self.handle_endtag(self.cdata_elem)
            self.clear_cdata_mode()
            return closed + 1
        return super().parse_endtag(i)
