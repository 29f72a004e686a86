"""Split normalised text into sentences with offsets (evidence for classifiers is whole sentences)."""

from __future__ import annotations

import re

# A sentence ends at a line break, or at . ! ? ; followed by a space and not inside a number
# ("84.6%", "1.250.000 đồng") or an abbreviation of one letter ("Tp. Hà Nội", "đ/c.").
_BOUNDARY = re.compile(r"\n|(?<=[.!?;])(?<!\b\w[.])[ \t]+(?=\S)")
_MAX_SENTENCE = 600


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each non-empty sentence, in order, trimmed of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BOUNDARY.finditer(text):
        _add(text, pos, match.start(), spans)
        pos = match.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # Very long "sentences" (tables flattened into one line) are cut so evidence stays readable.
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        spans.append((start, cut))
        start = cut + 1
    if end > start:
        spans.append((start, end))
