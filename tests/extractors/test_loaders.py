"""Loaders against files made at test time: txt encodings, docx structure, pdf pages, broken inputs."""

from __future__ import annotations

import codecs
import importlib.util
import io
import random
import sys
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from extractors.document import LoadError, RawDocument
from extractors.loaders import load
from extractors.loaders.encodings import encode_text
from extractors.normalise import clean, normalise

ROOT = Path(__file__).resolve().parents[2]

VI = (
    "ĐẢNG BỘ TỈNH LAI CHÂU\n"
    "HUYỆN ỦY THAN UYÊN\n"
    "Số 161-KH/HU, Than Uyên, ngày 31 tháng 10 năm 2022\n"
    "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 về tăng cường củng cố, xây dựng tổ chức cơ sở đảng "
    "và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới.\n"
    "Cộng hòa xã hội chủ nghĩa Việt Nam; hoà thuận, khoẻ mạnh, thuỷ lợi, quý, ưu tiên, được.\n"
)
RU = (
    "ПРОТОКОЛ собрания партийной ячейки\n"
    "Присутствовали 19 членов партии из 23; отсутствовали по уважительной причине 3 (Ёлкин, болезнь).\n"
    "Постановление № 21-NQ/TW от 16 июня 2022 года принято единогласно.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(raw: RawDocument) -> str:
    return normalise(raw).text


def _expected(text: str) -> str:
    return "\n".join(clean(line) for line in text.strip().split("\n"))


# --- txt --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,encoding",
    [
        (VI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + VI.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + VI.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + VI.encode("utf-16-be"), "utf-16"),
        (VI.encode("utf-16-le"), "utf-16-le"),
        (VI.encode("utf-16-be"), "utf-16-be"),
        (encode_text(VI, "cp1258"), "cp1258"),
        (encode_text(VI, "tcvn3"), "tcvn3"),
        (encode_text(VI, "vni"), "vni"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "cp1258", "tcvn3", "vni"],
)
def test_txt_vietnamese_encodings_detected(tmp_path, data, encoding):
    raw = load(_write(tmp_path, "doc.txt", data))
    assert raw.format == "txt"
    assert raw.encoding == encoding
    assert not raw.warnings
    text = _text(raw)
    assert text == _expected(VI)
    assert "\ufeff" not in text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni"])
def test_txt_round_trip_through_each_encoder(tmp_path, encoding):
    # The encoders the corpus build uses and the loader agree: what goes in comes back.
    raw = load(_write(tmp_path, "doc.txt", encode_text(VI, encoding)))
    assert _text(raw) == _expected(VI)
    for block in raw.blocks:
        assert unicodedata.is_normalized("NFC", block.text)


@pytest.mark.parametrize(
    "data,encoding",
    [
        (RU.encode("cp1251"), "cp1251"),
        (RU.encode("utf-8"), "utf-8"),
        (RU.replace("№", "N").encode("koi8-r"), "koi8-r"),
        (codecs.BOM_UTF16_LE + RU.encode("utf-16-le"), "utf-16"),
        # Cyrillic UTF-16 without a BOM is all bytes below 0x80, valid UTF-8: it used to be read as
        # UTF-8 control characters and refused as binary.
        (RU.encode("utf-16-le"), "utf-16-le"),
        (RU.encode("utf-16-be"), "utf-16-be"),
        ("Протокол".encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["cp1251", "utf-8", "koi8-r", "utf-16le-bom", "utf-16le", "utf-16be", "utf-16le-one-word"],
)
def test_txt_russian_encodings_detected(tmp_path, data, encoding):
    raw = load(_write(tmp_path, "doc.txt", data))
    assert raw.encoding == encoding
    assert not raw.warnings
    assert _text(raw) == _expected(data.decode(encoding).lstrip("\ufeff"))


def test_txt_cp1258_decomposed_tone_marks_become_nfc(tmp_path):
    data = encode_text("Nghị quyết của Đảng bộ tỉnh", "cp1258")
    # Windows-1258 writes a base letter then a combining tone mark (0xF2 dot below, 0xDE acute, 0xD2 hook).
    assert b"i\xf2" in data and b"\xd0a\xd2ng" in data
    raw = load(_write(tmp_path, "doc.txt", data))
    assert raw.encoding == "cp1258"
    assert raw.blocks[0].text == "Nghị quyết của Đảng bộ tỉnh"
    assert unicodedata.is_normalized("NFC", raw.blocks[0].text)


@pytest.mark.parametrize(
    "data,encoding",
    [
        (b"\xa7\xb6ng b\xe9 t\xd8nh Lai Ch\xa9u", "tcvn3"),  # .VnTime: "§¶ng bé tØnh Lai Ch©u"
        (b"\xd1a\xfbng bo\xe4 t\xe6nh Lai Cha\xe2u", "vni"),  # VNI-Times: "Ñaûng boä tænh Lai Chaâu"
    ],
)
def test_txt_legacy_bytes_from_the_fonts(tmp_path, data, encoding):
    raw = load(_write(tmp_path, "doc.txt", data + b"\r\n"))
    assert raw.encoding == encoding
    assert [b.text for b in raw.blocks] == ["Đảng bộ tỉnh Lai Châu"]


def test_txt_lines_and_form_feed_pages(tmp_path):
    raw = load(_write(tmp_path, "doc.txt", b"one\r\n\r\ntwo  \rthree\fpage two\n"))
    assert [(b.kind, b.text, b.page) for b in raw.blocks] == [
        ("paragraph", "one", 1),
        ("paragraph", "two  ", 1),
        ("paragraph", "three", 1),
        ("paragraph", "page two", 2),
    ]
    assert _text(raw) == "one\ntwo\nthree\n\npage two"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(4000),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(8).randbytes(2000),
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 200,
    ],
    ids=["random", "png", "zip", "controls"],
)
def test_txt_binary_junk_is_refused(tmp_path, data):
    with pytest.raises(LoadError, match="binary file, not text"):
        load(_write(tmp_path, "junk.txt", data))


@pytest.mark.parametrize("data", [b" \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n \n"])
def test_txt_blank_is_empty(tmp_path, data):
    with pytest.raises(LoadError, match="empty"):
        load(_write(tmp_path, "blank.txt", data))


# --- docx -------------------------------------------------------------------------------------


def _docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _sample_docx() -> bytes:
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Đảng bộ huyện Than Uyên - tiêu đề trang"
    section.footer.paragraphs[0].text = "Trang chân: Kế hoạch 161-KH/HU"
    document.add_paragraph("KẾ HOẠCH")
    broken = document.add_paragraph()
    broken.add_run("Nghị quyết số 21-NQ/")
    broken.add_run().add_break()
    broken.add_run("TW\tngày 16/6/2022")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "STT"
    table.cell(0, 1).text = "Nội dung"
    table.cell(0, 2).text = "Thời gian"
    table.cell(1, 0).merge(table.cell(1, 2)).text = "Giai đoạn 1: chuẩn bị"  # across the row
    table.cell(2, 0).text = "1"
    table.cell(2, 1).text = "Phổ biến kế hoạch"
    table.cell(2, 2).text = "tháng 11/2022"
    tall = document.add_table(rows=2, cols=2)
    merged = tall.cell(0, 0).merge(tall.cell(1, 0))  # down the column
    merged.text = "Ban Tổ chức"
    merged.add_paragraph("Huyện ủy")
    tall.cell(0, 1).text = "chủ trì"
    tall.cell(1, 1).text = "phối hợp"
    document.add_paragraph("Nơi nhận: như trên.")
    return _docx_bytes(document)


def test_docx_blocks_in_document_order(tmp_path):
    raw = load(_write(tmp_path, "plan.docx", _sample_docx()))
    assert raw.format == "docx"
    got = [(b.kind, b.text, b.table, b.row, b.col) for b in raw.blocks]
    assert got == [
        ("header", "Đảng bộ huyện Than Uyên - tiêu đề trang", None, None, None),
        ("paragraph", "KẾ HOẠCH", None, None, None),
        ("paragraph", "Nghị quyết số 21-NQ/\nTW\tngày 16/6/2022", None, None, None),
        ("table_cell", "STT", 0, 0, 0),
        ("table_cell", "Nội dung", 0, 0, 1),
        ("table_cell", "Thời gian", 0, 0, 2),
        ("table_cell", "Giai đoạn 1: chuẩn bị", 0, 1, 0),
        ("table_cell", "1", 0, 2, 0),
        ("table_cell", "Phổ biến kế hoạch", 0, 2, 1),
        ("table_cell", "tháng 11/2022", 0, 2, 2),
        ("table_cell", "Ban Tổ chức\nHuyện ủy", 1, 0, 0),
        ("table_cell", "chủ trì", 1, 0, 1),
        ("table_cell", "phối hợp", 1, 1, 1),
        ("paragraph", "Nơi nhận: như trên.", None, None, None),
        ("footer", "Trang chân: Kế hoạch 161-KH/HU", None, None, None),
    ]


def test_docx_merged_cells_give_their_text_once(tmp_path):
    text = _text(load(_write(tmp_path, "plan.docx", _sample_docx())))
    assert text.count("Giai đoạn 1: chuẩn bị") == 1
    assert text.count("Ban Tổ chức") == 1
    assert "21-NQ/\nTW" in text  # the line break inside the paragraph is kept


def _rezip(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info, content)
    return out.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _garble_member(data: bytes, name: str) -> bytes:
    # Overwrite bytes inside one member's compressed data: the central directory stays valid.
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    garbled = bytearray(data)
    for i in range(start + 2, start + 10):
        garbled[i] ^= 0xFF
    return bytes(garbled)


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: _zip({"hello.txt": "hi"}), "not a .docx file: it is a zip archive without word/document.xml"),
        (lambda d: _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}), "Excel workbook"),
        (lambda d: _zip({"mimetype": "application/vnd.oasis", "content.xml": "<x/>"}), "OpenDocument"),
        (lambda d: d[: len(d) // 2], "corrupt .docx"),
        (lambda d: d[:-30], "corrupt .docx"),
        (lambda d: _garble_member(d, "word/document.xml"), "corrupt .docx"),  # zlib.error used to escape
        (lambda d: _rezip(d, lambda n, c: None if n == "word/document.xml" else c), "corrupt .docx"),
        (lambda d: _rezip(d, lambda n, c: c[:100] if n == "word/document.xml" else c), "corrupt .docx"),
        (lambda d: b"%PDF-1.7\n" + d, "not a .docx file: it is a PDF document"),
        (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Word .doc"),
    ],
    ids=["other-zip", "xlsx", "odt", "truncated-half", "truncated-end", "garbled", "no-body", "bad-xml", "pdf", "doc"],
)
def test_docx_broken_files_raise(tmp_path, make, message):
    with pytest.raises(LoadError, match=message):
        load(_write(tmp_path, "broken.docx", make(_sample_docx())))


def test_empty_docx_fails_with_a_clear_message(tmp_path):
    from extractors.pipeline import process  # the spaCy pipeline: imported only here

    path = _write(tmp_path, "empty.docx", _docx_bytes(Document()))
    assert load(path).blocks == []
    result = process(path)
    assert result.status == "failed"
    assert any("no text" in error.message for error in result.errors)


# --- pdf --------------------------------------------------------------------------------------


@cache
def _corpus_build():
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "corpus" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _pdf(pages: list[str | None], *, unicode: bool = False, **encryption) -> bytes:
    """A PDF with one page per entry: its text, or None for a page holding only an image."""
    pdf = FPDF()
    if unicode:
        pdf.add_font("DejaVu", fname=str(_corpus_build().find_font()))
        pdf.set_font("DejaVu", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if text is None:
            pdf.image(io.BytesIO(_corpus_build().scan_png(40, 60)), x=20, y=20, w=100)
        else:
            pdf.multi_cell(0, 6, text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def test_pdf_text_per_page_and_scanned_page(tmp_path):
    raw = load(_write(tmp_path, "doc.pdf", _pdf(["Resolution No. 21-NQ/TW", None, "Page three, June 16, 2022"])))
    assert raw.format == "pdf"
    assert raw.pages == 3
    assert [(b.kind, b.page, b.text) for b in raw.blocks] == [
        ("page", 1, "Resolution No. 21-NQ/TW"),
        ("page", 3, "Page three, June 16, 2022"),
    ]
    assert raw.needs_ocr_pages == [2]
    assert any("page 2" in w.message and "OCR" in w.message for w in raw.warnings)
    assert _text(raw) == "Resolution No. 21-NQ/TW\n\nPage three, June 16, 2022"


def test_pdf_vietnamese_and_cyrillic_text_layer(tmp_path):
    raw = load(_write(tmp_path, "doc.pdf", _pdf(["Nghị quyết của Đảng bộ tỉnh", "Протокол собрания"], unicode=True)))
    assert [b.text for b in raw.blocks] == ["Nghị quyết của Đảng bộ tỉnh", "Протокол собрания"]


def test_pdf_hyphen_ending_a_line_is_kept(tmp_path):
    # pdfium reports a line-final "-" after a letter as U+FFFE and drops the line break; the loader
    # gives back the hyphen and the break (the number used to come out "155/KHUBND").
    raw = load(
        _write(tmp_path, "doc.pdf", _pdf(["Kế hoạch số 155/KH-\nUBND ngày 27/12/2024\nnăm 2023-\n2024"], unicode=True))
    )
    assert raw.blocks[0].text == "Kế hoạch số 155/KH-\nUBND ngày 27/12/2024\nnăm 2023-\n2024"


def test_pdf_only_scans_has_no_blocks(tmp_path):
    raw = load(_write(tmp_path, "scan.pdf", _pdf([None, None])))
    assert raw.blocks == []
    assert raw.needs_ocr_pages == [1, 2]


def test_pdf_encrypted_raises(tmp_path):
    data = _pdf(["secret"], owner_password="owner", user_password="user")
    with pytest.raises(LoadError, match="encrypted"):
        load(_write(tmp_path, "locked.pdf", data))


def test_pdf_with_owner_password_only_opens(tmp_path):
    # No user password: every reader opens it without asking (only editing is restricted).
    raw = load(_write(tmp_path, "restricted.pdf", _pdf(["open text"], owner_password="owner")))
    assert [b.text for b in raw.blocks] == ["open text"]


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: d[: len(d) // 2], "corrupt PDF"),
        (lambda d: d[:300], "corrupt PDF"),
        (lambda d: b"%PDF-1.4\n" + b"garbage " * 200, "corrupt PDF"),
        (lambda d: b"", "empty"),
        (lambda d: b"\n  \n", "empty"),
        (lambda d: b"hello, this is text", "not a PDF"),
        (lambda d: _zip({"word/document.xml": "<w/>"}), "not a PDF: .* a zip archive"),
    ],
    ids=["truncated-half", "truncated-head", "garbage", "zero-bytes", "blank", "text", "zip"],
)
def test_pdf_broken_files_raise(tmp_path, make, message):
    with pytest.raises(LoadError, match=message):
        load(_write(tmp_path, "broken.pdf", make(_pdf(["Some text on a page", "and another page"]))))


# --- dispatch ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["minutes.doc", "minutes.odt", "minutes", "minutes.rtf", "minutes.xlsx"])
def test_unsupported_extension_names_supported_types(tmp_path, name):
    with pytest.raises(LoadError, match=r"unsupported file type .*\.txt, \.docx, \.pdf"):
        load(_write(tmp_path, name, b"Bi\xc3\xaan b\xe1\xba\xa3n"))


def test_doc_extension_suggests_saving_as_docx(tmp_path):
    with pytest.raises(LoadError, match=r"save the \.doc file as \.docx or \.pdf"):
        load(_write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)))


def test_extension_case_is_ignored(tmp_path):
    raw = load(_write(tmp_path, "NOTE.TXT", "Biên bản".encode()))
    assert [b.text for b in raw.blocks] == ["Biên bản"]


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        load(tmp_path / "nothing.pdf")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(LoadError, match="directory"):
        load(tmp_path / "folder.txt")
