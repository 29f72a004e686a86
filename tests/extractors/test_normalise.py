"""The normaliser: clean block text, the block map of the joined text, and the length-preserving keys."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.document import RawBlock, RawDocument
from extractors.normalise import clean, fold, normalise, strip_marks

NFD = unicodedata.normalize("NFD", "Nghị quyết của Đảng bộ")

# --- clean ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("plain ASCII line", "plain ASCII line"),
        (NFD, "Nghị quyết của Đảng bộ"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("số\u00a021-NQ/TW\u202fngày\u2009 16/6", "số 21-NQ/TW ngày  16/6"),  # exotic spaces -> space, kept
        ("Đả\u200bng\u200c bộ\u200d\u2060\ufeff tỉ\u00adnh", "Đảng bộ tỉnh"),  # invisible characters removed
        ("ti\u200b\u0309nh", "tỉnh"),  # removing an invisible character lets the mark compose
        ("21-NQ/\u2028TW\u2029x\x85y\vz\fw", "21-NQ/\nTW\nx\ny\nz\nw"),  # other line breaks -> "\n"
        ("a\x00b\x07c\x1bd\x7fe\x9ff", "abcdef"),  # control characters removed
        ("line  \t\nnext \t", "line\nnext"),  # trailing spaces and tabs removed
        ("a\n\n\n\n\n\nb", "a\n\n\nb"),  # runs of blank lines capped
        ("col1\tcol2", "col1\tcol2"),  # tabs inside a line stay
        ("16 - HD/BTCTW", "16 - HD/BTCTW"),  # spacing, hyphens and case untouched
        ("\ufffe\uffffok", "ok"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        # The characters clean() acts on, mixed with letters and combining marks.
        st.text(
            alphabet=st.sampled_from(
                list(" \t\n\r\f\v\x00\x7f\x85\u00a0\u2000\u2001\u202f\u200b\u200d\ufeff\u00ad\u2028\u2029\ufffe")
                + list("aeoiuyAEOUđĐ\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031bàòùỳèẻỷ\u0344İ")
            ),
            max_size=20,
        ),
    )
)
@example("\u0301\x00\u0323")  # marks brought together by a removed control character
@example("e\u200b\u0301")
def test_clean_is_idempotent_and_nfc(text):
    once = clean(text)
    assert unicodedata.is_normalized("NFC", once)
    assert clean(once) == once


# --- block map --------------------------------------------------------------------------------


def _raw(blocks: list[RawBlock]) -> RawDocument:
    return RawDocument(format="docx", blocks=blocks)


def test_block_map_slices_give_each_block_text():
    raw = _raw(
        [
            RawBlock(kind="header", text="Đảng bộ\u00a0huyện  "),
            RawBlock(kind="paragraph", text=NFD),
            RawBlock(kind="paragraph", text=" \u200b \n"),  # empty once cleaned: dropped
            RawBlock(kind="table_cell", text="ĐẢNG BỘ\r\nHUYỆN", table=0, row=0, col=0),
            RawBlock(kind="table_cell", text="Số 161-KH/HU", table=0, row=0, col=1),
            RawBlock(kind="table_cell", text="x", table=1, row=0, col=0),
            RawBlock(kind="paragraph", text="\n\nSau bảng\n"),
            RawBlock(kind="footer", text="Trang 1"),
        ]
    )
    text = normalise(raw)
    kept = [b for b in raw.blocks if clean(b.text).strip()]
    assert len(text.blocks) == len(kept)
    for index, (block, source) in enumerate(zip(text.blocks, kept, strict=True)):
        assert text.text[block.start : block.end] == clean(source.text).strip("\n")
        assert (block.kind, block.index, block.table, block.row, block.col) == (
            source.kind,
            index,
            source.table,
            source.row,
            source.col,
        )
    assert text.text == ("Đảng bộ huyện\nNghị quyết của Đảng bộ\nĐẢNG BỘ\nHUYỆN\nSố 161-KH/HU\nx\n\nSau bảng\nTrang 1")


def test_block_map_pages_are_separated_by_a_blank_line():
    raw = RawDocument(
        format="pdf",
        blocks=[
            RawBlock(kind="page", text="trang một\n", page=1),
            RawBlock(kind="page", text="trang ba", page=3),
        ],
    )
    text = normalise(raw)
    assert text.text == "trang một\n\ntrang ba"
    assert [(b.start, b.end, b.page) for b in text.blocks] == [(0, 9, 1), (11, 19, 3)]


_BLOCK = st.builds(
    RawBlock,
    kind=st.sampled_from(["paragraph", "table_cell", "header", "footer", "page"]),
    text=st.text(alphabet=st.sampled_from(list("aĐ ờ\n\r\t\u200b\u00a0\u0301\x00")), max_size=12),
    page=st.one_of(st.none(), st.integers(1, 3)),
    table=st.one_of(st.none(), st.integers(0, 1)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCK, max_size=8))
def test_block_map_holds_for_any_blocks(blocks):
    text = normalise(_raw(blocks))
    kept = [b for b in blocks if clean(b.text).strip()]
    assert [text.text[b.start : b.end] for b in text.blocks] == [clean(b.text).strip("\n") for b in kept]
    assert all(a.end < b.start for a, b in zip(text.blocks, text.blocks[1:], strict=False))


# --- matching keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "one,other",
    [
        ("hoà", "hòa"),
        ("Hoà bình", "hòa bình"),
        ("khoẻ", "khỏe"),
        ("loè loẹt", "lòe loẹt"),
        ("thuỷ lợi", "thủy lợi"),
        ("tuỳ", "tùy"),
        ("uỷ ban", "ủy ban"),
        ("Uỷ ban", "ỦY BAN"),
        ("HOÀ", "hòa"),
        ("hoạ", "họa"),
        ("xoã", "xõa"),
        ("Thuỵ Khuê", "thụy khuê"),
        ("CỘNG HOÀ XÃ HỘI", "Cộng hòa xã hội"),
    ],
)
def test_fold_tone_placement_variants_are_equal(one, other):
    assert fold(one) == fold(other)
    assert len(fold(one)) == len(one)


@pytest.mark.parametrize("word", ["hoàng", "huỳnh", "quý", "quỳnh", "ngoặc", "khuỷu", "hoài"])
def test_fold_leaves_words_spelled_one_way(word):
    assert fold(word) == word


def test_fold_keeps_other_differences():
    assert fold("hòa") != fold("hóa")
    assert fold("Đảng") == "đảng"
    assert fold("İstanbul") == "İstanbul"  # "İ".lower() is two characters: kept as is


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Đảng bộ tỉnh", "Dang bo tinh"),
        ("NGHỊ QUYẾT số 21-NQ/TW", "NGHI QUYET so 21-NQ/TW"),
        ("ươ ƯƠ ăâ ơ ư", "uo UO aa o u"),
        ("Протокол", "Протокол"),
    ],
)
def test_strip_marks(text, expected):
    assert strip_marks(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_keys_preserve_length(text):
    text = unicodedata.normalize("NFC", text)
    assert len(fold(text)) == len(text)
    assert len(strip_marks(text)) == len(text)
    assert fold(fold(text)) == fold(text)
