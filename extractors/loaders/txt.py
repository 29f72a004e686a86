"""Load a plain-text file: find its encoding (BOM, UTF-8, UTF-16, legacy 8-bit codes), split it into lines.

Old Vietnamese files are often TCVN3 (.VnTime), VNI or Windows-1258; Russian ones Windows-1251 or
KOI8-R. None carries a label, so every candidate decodes a sample and the most plausible text wins
(`encodings.plausibility`: share of real Vietnamese syllables / Russian words).
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from extractors.document import LoadError, RawBlock, RawDocument
from extractors.loaders.encodings import decode_legacy, plausibility
from models.records import StageError

# Preference order on a tie: Windows-1258 first (it reads plain Latin-1 text right too).
LEGACY_CANDIDATES = ("cp1258", "tcvn3", "vni", "cp1251", "koi8-r")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024
_PLAUSIBLE = 0.5
# Share of control characters above which the "text" is binary data (a renamed image, an archive).
_MAX_CONTROL_SHARE = 0.3
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
# High bytes of UTF-16 text: ASCII/Latin-1, Latin Extended-A/B, combining marks, Cyrillic, Latin
# Extended Additional (Vietnamese), general punctuation.
_UTF16_HIGH_BYTES = (0x00, 0x01, 0x03, 0x04, 0x1E, 0x20)


def load_txt(path: Path) -> RawDocument:
    """Read a .txt file into one `paragraph` block per non-empty line (pages at form feeds)."""
    text, encoding, warnings = decode_bytes(path.read_bytes())
    return RawDocument(format="txt", blocks=split_lines(text), encoding=encoding, warnings=warnings)


def split_lines(text: str) -> list[RawBlock]:
    """Return one paragraph block per non-empty line; a form feed starts a new page."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    paged = len(pages) > 1
    blocks: list[RawBlock] = []
    for number, page in enumerate(pages, start=1):
        for line in page.split("\n"):
            if line.strip():
                blocks.append(RawBlock(kind="paragraph", text=line, page=number if paged else None))
    return blocks


def decode_bytes(data: bytes) -> tuple[str, str, list[StageError]]:
    """Decode the bytes of a text file; return the text, the encoding chosen and any warnings.

    Raises LoadError when the file is empty or is binary data rather than text.
    """
    warnings: list[StageError] = []
    if not data:
        raise LoadError("empty file (0 bytes)")
    text, encoding = _decode_unicode(data, warnings)
    if text is None:
        if b"\x00" in data:
            raise LoadError(
                "binary file, not text: it contains NUL bytes and is not UTF-16 (an image, archive or "
                "word-processor file renamed to .txt?)"
            )
        _refuse_control_bytes(data)
        text, encoding = _decode_legacy(data, warnings)
    _refuse_control_text(text)
    if not text.replace("\ufeff", "").strip():
        raise LoadError("empty file: it holds only whitespace")
    return text, encoding, warnings


def _decode_unicode(data: bytes, warnings: list[StageError]) -> tuple[str | None, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-32": "utf-32"}[name]
            return _decode_lenient(data, codec, name, warnings), name
    # UTF-16 first: Cyrillic UTF-16 without a BOM is all bytes below 0x80 ("П" is 1F 04), valid UTF-8.
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        return _decode_lenient(data, utf16, utf16, warnings), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return None, ""


def _decode_lenient(data: bytes, codec: str, name: str, warnings: list[StageError]) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        warnings.append(
            StageError(
                stage="load",
                message=f"invalid {name} bytes at offset {exc.start}: undecodable characters replaced by U+FFFD",
            )
        )
        return data.decode(codec, errors="replace")


def _sniff_utf16(data: bytes) -> str | None:
    # UTF-16 without a BOM: ASCII letters, digits and spaces give a NUL on every other byte
    # (Vietnamese letters are 0x1Exx, Cyrillic 0x04xx), so the NULs sit on one parity. Russian text
    # has few ASCII characters: there the high bytes tell, nearly all of one parity being 0x00 or
    # a script's block (0x04 Cyrillic, 0x01/0x1E Vietnamese, 0x03 combining marks, 0x20 punctuation).
    if len(data) < 2 or (b"\x00" not in data and b"\x04" not in data):
        return None  # neither ASCII nor Cyrillic in UTF-16
    sample = data[: min(len(data), _SAMPLE) // 2 * 2]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    by_script = False
    if odd >= 4 * max(even, 1) and odd >= len(sample) // 8:
        codec = "utf-16-le"
    elif even >= 4 * max(odd, 1) and even >= len(sample) // 8:
        codec = "utf-16-be"
    elif _high_byte_share(sample[1::2]) >= 0.9 > 2 * _high_byte_share(sample[0::2]):
        codec = "utf-16-le"
        by_script = True
    elif _high_byte_share(sample[0::2]) >= 0.9 > 2 * _high_byte_share(sample[1::2]):
        codec = "utf-16-be"
        by_script = True
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None
    if by_script and _common_share(text[:_SAMPLE]) < 0.9:
        return None  # "a\x04b" is ASCII with a stray control byte, not "ѡ"
    controls = sum(1 for ch in text[:_SAMPLE] if ch < " " and ch not in _TEXT_CONTROLS)
    return codec if controls <= 0.05 * max(len(text[:_SAMPLE]), 1) else None


def _high_byte_share(high: bytes) -> float:
    return sum(high.count(b) for b in _UTF16_HIGH_BYTES) / max(len(high), 1)


def _common_share(text: str) -> float:
    # Characters of Vietnamese, Russian and English text: ASCII, Latin-1 to Latin Extended-B, modern
    # Cyrillic, Vietnamese letters, general punctuation.
    common = sum(
        1
        for ch in text
        if " " <= ch <= "~"
        or ch in "\t\n\r"
        or "\u00a0" <= ch <= "\u024f"
        or "\u0400" <= ch <= "\u045f"
        or "\u1ea0" <= ch <= "\u1ef9"
        or "\u2000" <= ch <= "\u206f"
    )
    return common / max(len(text), 1)


def _refuse_control_bytes(data: bytes) -> None:
    sample = data[:_SAMPLE]
    controls = sum(1 for b in sample if b < 0x20 and chr(b) not in _TEXT_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise LoadError(
            f"binary file, not text: {controls * 100 // len(sample)}% of the first bytes are control characters"
        )


def _refuse_control_text(text: str) -> None:
    sample = text[:_SAMPLE]
    if not sample:
        return
    controls = sum(1 for ch in sample if (ch < " " and ch not in _TEXT_CONTROLS) or "\x7f" <= ch < "\xa0")
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise LoadError(
            f"binary file, not text: {controls * 100 // len(sample)}% of the first characters are control characters"
        )


def _decode_one(data: bytes, name: str) -> str:
    if name in ("tcvn3", "vni"):
        return decode_legacy(data, name)  # type: ignore[arg-type]
    return unicodedata.normalize("NFC", data.decode(name, errors="replace"))


def _decode_legacy(data: bytes, warnings: list[StageError]) -> tuple[str, str]:
    sample = data[:_SAMPLE]
    cut = sample.rfind(b"\n")
    if len(data) > _SAMPLE and cut > 0:
        sample = sample[:cut]  # never split a VNI letter (base byte + modifier byte)
    scores = {name: plausibility(_decode_one(sample, name)) for name in LEGACY_CANDIDATES}
    # Ties on the score go to the reading with more real words ("NỘI DUNG" in TCVN3 beats
    # "N—I DUNG" in Windows-1258), then to the first candidate (max keeps the first).
    best = max(LEGACY_CANDIDATES, key=lambda name: (round(scores[name][0], 6), scores[name][1]))
    if scores[best][0] < _PLAUSIBLE:
        warnings.append(
            StageError(
                stage="load",
                message=(
                    f"could not identify the text encoding (not UTF-8; no legacy code reads as real words): "
                    f"decoded as {best}, the best guess (plausibility {scores[best][0]:.2f}); letters may be wrong"
                ),
            )
        )
    text = _decode_one(data, best)
    if "\ufffd" in text and best not in ("tcvn3", "vni"):
        warnings.append(
            StageError(
                stage="load", message=f"bytes undefined in {best} replaced by U+FFFD ({text.count(chr(0xFFFD))})"
            )
        )
    return text, best
