"""Name what a file really is from its first bytes, for error messages about misnamed files."""

from __future__ import annotations

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc or an encrypted Office file (OLE2 compound file)"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)


def describe(head: bytes) -> str:
    """Return what the bytes look like ("a PDF document", "a legacy Word .doc ...", "a plain-text file")."""
    for magic, name in _SIGNATURES:
        if head.startswith(magic):
            return name
    if b"%PDF" in head[:1024]:
        return "a PDF document"
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<?xml") and b"wordml" in head[:4096].lower():
        return "a Word 2003 XML document"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "an HTML page (a document saved as a web page?)"
    if lowered.startswith(b"mime-version:"):
        return "an MHTML web archive (a document saved as a single-file web page)"
    if lowered.startswith(b"<?xml"):
        return "an XML file"
    if _looks_like_text(head):
        return "a plain-text file"
    return "unrecognised binary data"


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\r\n\f")
    return controls <= len(head) // 50
