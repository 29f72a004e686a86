"""Normalise loaded text into one string with a block map, and build matching keys over it.

`normalise` fixes what differs between files but not between readers: Unicode form (PDFs made from
NFD text come back NFD), line ends, exotic spaces, invisible characters. It never touches letters,
case, digits, punctuation or hyphens: extractors need the text as written ("21-NQ/\\nTW" must stay
splittable, "16 - HD/BTCTW" stays spaced).

`fold` and `strip_marks` give keys of the same length as their input, so a match on the key is a
match at the same offsets of the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from extractors.document import RawBlock, RawDocument, Text
from models.records import Block

# No-break, narrow no-break, en/em/thin/hair/figure/punctuation spaces, medium mathematical space,
# ideographic space: all read as a plain space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Zero-width space / non-joiner / joiner, word joiner, BOM inside text, soft hyphen: invisible.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Line breaks that are not "\n": vertical tab (Word's manual line break in text exports), form
# feed, next line, line and paragraph separators.
_LINE_BREAKS = "\v\f\x85\u2028\u2029"


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): " " for ch in _SPACES}
    table.update({ord(ch): None for ch in _INVISIBLE})
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]:
        ch = chr(code)
        if ch in "\n\t":
            continue
        table[code] = "\n" if ch in _LINE_BREAKS or ch == "\r" else None
    # Line and paragraph separators sit outside the control ranges.
    table.update({ord(ch): "\n" for ch in _LINE_BREAKS})
    # Unicode noncharacters pdfium emits for broken glyph maps.
    table[0xFFFE] = None
    table[0xFFFF] = None
    return table


@cache
def _special() -> re.Pattern[str]:
    """Any character the table changes."""
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_table())) + "]")


_TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")
_BLANK_RUN = re.compile(r"\n{4,}")
_NEEDS_WORK = re.compile("[^\\x20-\\x7e\\n\\t]|[ \\t]\\n|[ \\t]$|\\n{4}")


def clean(text: str) -> str:
    """Return block text normalised: NFC, "\\n" line ends, plain spaces, no invisible or control chars."""
    if not _NEEDS_WORK.search(text):
        return text  # printable ASCII with clean line ends: the common case of .txt lines
    # Remove invisible and control characters before composing: "e\u200b\u0301" must become "é".
    if _special().search(text):  # str.translate looks up every character: only when needed
        text = text.replace("\r\n", "\n").translate(_table())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING.sub("", text)
    return _BLANK_RUN.sub("\n\n\n", text) if "\n\n\n\n" in text else text


def normalise(raw: RawDocument) -> Text:
    """Join the blocks of a loaded document into one normalised text and map each block's span.

    Blocks are separated by "\\n"; an empty line ("\\n\\n") follows the last cell of a table and
    separates pages. Blocks left empty by cleaning are dropped.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    previous: RawBlock | None = None
    for raw_block in raw.blocks:
        text = clean(raw_block.text).strip("\n")
        if not text.strip():
            continue
        if previous is not None:
            separator = _separator(previous, raw_block)
            parts.append(separator)
            offset += len(separator)
        parts.append(text)
        blocks.append(
            Block(
                kind=raw_block.kind,
                start=offset,
                end=offset + len(text),
                page=raw_block.page,
                index=len(blocks),
                table=raw_block.table,
                row=raw_block.row,
                col=raw_block.col,
            )
        )
        offset += len(text)
        previous = raw_block
    return Text(text="".join(parts), blocks=blocks)


def _separator(previous: RawBlock, current: RawBlock) -> str:
    if previous.kind == "table_cell" and (current.kind != "table_cell" or current.table != previous.table):
        # Nested tables interleave with their outer table's cells: only leaving tables ends one.
        return "\n" if current.kind == "table_cell" else "\n\n"
    if previous.page is not None and current.page is not None and previous.page != current.page:
        return "\n\n"
    return "\n"


# --- matching keys --------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


@cache
def _tone_maps() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    """Map each toned lower-case vowel to (vowel, tone mark) and back."""
    split: dict[str, tuple[str, str]] = {}
    join: dict[tuple[str, str], str] = {}
    for vowel in "aăâeêioôơuưy":
        for mark in _TONE_MARKS:
            toned = unicodedata.normalize("NFC", vowel + mark)
            if len(toned) == 1:
                split[toned] = (vowel, mark)
                join[(vowel, mark)] = toned
    return split, join


@cache
def _placement_re() -> re.Pattern[str]:
    split, _ = _tone_maps()
    a_e = "".join(ch for ch, (v, _) in split.items() if v in "ae")
    y_marks = "".join(ch for ch, (v, _) in split.items() if v == "y")
    # oa, oe, uy with the tone on the second vowel, ending the syllable (no final consonant); the
    # start of the syllable is checked in _unify_tone. Starting the pattern at the vowel pair keeps
    # the scan fast (a pattern anchored at every word start ran at 4 MB/s, this one at ~40).
    return re.compile(f"o[{a_e}](?![{_letters()}])|u[{y_marks}](?![{_letters()}])")


@cache
def _letters() -> str:
    split, _ = _tone_maps()
    return f"a-zđ{''.join(split)}ăâêôơư"


@cache
def _onset_re() -> re.Pattern[str]:
    # What may precede the vowel pair in its syllable: up to three consonants from the word start,
    # not another vowel ("ngoéo") and, for uy, not q ("quý": u belongs to the onset "qu").
    return re.compile(f"(?<![{_letters()}])[b-df-hj-np-tv-zđ]{{0,3}}$")


def _unify_tone(match: re.Match[str]) -> str:
    whole = match.group()
    text, start = match.string, match.start()
    onset = _onset_re().search(text, max(0, start - 3), start)
    if onset is None or (whole[0] == "u" and start > 0 and text[start - 1] == "q"):
        return whole
    split, join = _tone_maps()
    vowel, mark = split[whole[1]]
    return join[(whole[0], mark)] + vowel


def fold(text: str) -> str:
    """Return a matching key of the same length: lower case, tone marks placed one way.

    "Hoà"/"hòa", "thuỷ"/"thủy", "Khoẻ"/"khỏe" give the same key: the tone of an open oa, oe, uy
    syllable goes on its first vowel (hòa, khỏe, thủy: the placement of Unikey's default, of Decree
    30/2020/NĐ-CP's "CỘNG HÒA", of most government text). Closed syllables ("hoàng", "huỳnh") and
    "quý" are spelled the same in both styles and stay. Works on NFC text.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        # "İ".lower() is two characters: keep such characters as they are.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return _placement_re().sub(_unify_tone, lowered)


@cache
def _strip_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    ranges = [range(0x00C0, 0x0250), range(0x1E00, 0x1F00)]
    for block in ranges:
        for code in block:
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii() and base.isalpha():
                table[code] = base
    return table


def strip_marks(text: str) -> str:
    """Return the text without Vietnamese (Latin) diacritics, same length: "Đảng" -> "Dang"."""
    return text.translate(_strip_table())
