"""Load a .pdf: the text layer of every page with pdfium (about 1,200 pages/s; pdfplumber does ~13).

Pages without a text layer (scans) are listed for OCR; a page that fails is reported and skipped.
Every pdfium object is closed as soon as it is read: a batch of 10,000 files must not grow.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.document import LoadError, RawBlock, RawDocument
from extractors.loaders.sniff import describe
from models.records import StageError

# Readers accept "%PDF" anywhere in the first 1024 bytes (some generators prepend junk).
_HEADER_WINDOW = 1024
# pdfium takes a "-" ending a line after a letter for a hyphenation point: it writes U+FFFE for it and
# drops the line break ("155/KH-" / "UBND" comes out "155/KH\ufffeUBND"). Party and state numbers
# are split that way; give the text back as printed.
_LINE_END_HYPHEN = "\ufffe"


def load_pdf(path: Path) -> RawDocument:
    """Read a .pdf file into one `page` block per page that has text."""
    with path.open("rb") as fh:
        head = fh.read(_HEADER_WINDOW)
    if b"%PDF" not in head:
        raise LoadError(f"not a PDF: the file does not start with %PDF; it is {describe(head)}")
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise LoadError(_open_message(exc)) from exc
    try:
        return _read_pages(document)
    finally:
        document.close()


def _read_pages(document: pdfium.PdfDocument) -> RawDocument:
    raw = RawDocument(format="pdf", blocks=[], pages=len(document))
    if raw.pages == 0:
        raise LoadError("corrupt PDF: it has no pages")
    for number in range(1, raw.pages + 1):
        try:
            text = _page_text(document, number - 1)
        except (pdfium.PdfiumError, OSError, ValueError, IndexError, AssertionError) as exc:
            raw.warnings.append(StageError(stage="load", message=f"page {number} could not be read ({exc}): skipped"))
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace(_LINE_END_HYPHEN, "-\n")
        if not text.strip():
            raw.needs_ocr_pages.append(number)
            raw.warnings.append(
                StageError(stage="load", message=f"page {number} has no text layer (scanned image?): needs OCR")
            )
            continue
        raw.blocks.append(RawBlock(kind="page", text=text, page=number))
    return raw


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()


def _open_message(exc: pdfium.PdfiumError) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF: a password is required"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF: its security handler is not supported"
    if code == pdfium_c.FPDF_ERR_FORMAT:
        return "corrupt PDF: the file is damaged or truncated and cannot be repaired"
    if code == pdfium_c.FPDF_ERR_FILE:
        return "cannot open the PDF file (missing or unreadable)"
    return f"corrupt PDF: {exc}"
