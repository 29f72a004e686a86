"""Running headers and footers are found, so the header reader skips them."""

from __future__ import annotations

from extractors.document import RawBlock, RawDocument
from extractors.layout import furniture
from extractors.normalise import normalise


def _pdf(pages: list[str]):
    raw = RawDocument(format="pdf", blocks=[RawBlock(kind="page", text=p, page=i + 1) for i, p in enumerate(pages)])
    return normalise(raw)


def test_lines_repeated_at_page_edges_are_furniture():
    text = _pdf(
        [
            "Báo Lai Châu - Xây dựng Đảng\nĐẢNG BỘ XÃ\nCHI BỘ A\nBIÊN BẢN\nnội dung một\nTrang 1",
            "Báo Lai Châu - Xây dựng Đảng\nnội dung hai\nnội dung ba\nnội dung bốn\nnội dung năm\nTrang 2",
        ]
    )
    found = [text.text[s:e] for s, e in furniture(text.text, text.blocks)]
    assert found == ["Báo Lai Châu - Xây dựng Đảng", "Trang 1", "Báo Lai Châu - Xây dựng Đảng", "Trang 2"]


def test_one_page_pdf_has_no_guessed_furniture():
    text = _pdf(["ĐẢNG BỘ XÃ\nCHI BỘ A\nBIÊN BẢN\nnội dung"])
    assert furniture(text.text, text.blocks) == []


def test_docx_header_and_footer_blocks_are_furniture():
    raw = RawDocument(
        format="docx",
        blocks=[
            RawBlock(kind="header", text="Chi bộ A - Biên bản"),
            RawBlock(kind="paragraph", text="ĐẢNG BỘ XÃ"),
            RawBlock(kind="footer", text="Trang 1"),
        ],
    )
    text = normalise(raw)
    assert [text.text[s:e] for s, e in furniture(text.text, text.blocks)] == ["Chi bộ A - Biên bản", "Trang 1"]
