"""Page furniture: running headers and footers that are not part of the document's own header.

A .docx says which text is a header or footer (blocks of kind `header` / `footer`). A PDF does not:
its running header is printed on every page, so the first and last lines of each page that repeat
on other pages (page numbers folded away) are taken as furniture.
"""

from __future__ import annotations

import re
from collections import Counter

from models.records import Block

_DIGITS = re.compile(r"\d+")
_EDGE_LINES = 2  # lines looked at, at the top and at the bottom of each page


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        if text[pos:stop].strip():
            spans.append((pos, stop))
        pos = stop + 1
    return spans


def furniture(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Return the (start, end) ranges of running headers and footers, in text order."""
    ranges = [(b.start, b.end) for b in blocks if b.kind in ("header", "footer")]
    pages = [b for b in blocks if b.kind == "page"]
    if len(pages) >= 2:
        edges: list[tuple[str, tuple[int, int]]] = []
        for page in pages:
            lines = _lines(text, page.start, page.end)
            picked = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if len(lines) > 2 * _EDGE_LINES else lines
            for span in dict.fromkeys(picked):
                edges.append((_DIGITS.sub("#", text[span[0] : span[1]].strip()).casefold(), span))
        seen = Counter(key for key, _ in edges)
        ranges += [span for key, span in edges if seen[key] >= 2]
    return sorted(ranges)
