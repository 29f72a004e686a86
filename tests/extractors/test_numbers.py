"""Document numbers: rows of (text, expected [(surface text, normalized)])."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.numbers import attach_issue_dates, extract_numbers
from models.records import DateMention

PARTY = [
    ("Nghị quyết số 21-NQ/TW về tăng cường", [("21-NQ/TW", "21-NQ/TW")]),
    ("Số 36-HD/VPTW", [("36-HD/VPTW", "36-HD/VPTW")]),
    ("Số: 66-QĐ/TW", [("66-QĐ/TW", "66-QĐ/TW")]),
    ("SỐ 12-HD/BTCTW", [("12-HD/BTCTW", "12-HD/BTCTW")]),
    ("Kế hoạch 80-KH/ĐUK", [("80-KH/ĐUK", "80-KH/ĐUK")]),
    ("Kế hoạch số 98-KH/Th.U của Thành ủy", [("98-KH/Th.U", "98-KH/Th.U")]),
    ("Kết luận 445-KL/TƯ", [("445-KL/TƯ", "445-KL/TƯ")]),
    ("Kế hoạch 02-KH/BCĐTW", [("02-KH/BCĐTW", "02-KH/BCĐTW")]),
    ("Hướng dẫn 02-HD/UBKTTW", [("02-HD/UBKTTW", "02-HD/UBKTTW")]),
    ("Công văn 822-CV/BTGTU", [("822-CV/BTGTU", "822-CV/BTGTU")]),
    ("Nghị quyết số 06-NQ/CB của chi bộ", [("06-NQ/CB", "06-NQ/CB")]),
    ("Kế hoạch số 09-KH/ĐU", [("09-KH/ĐU", "09-KH/ĐU")]),
    ("Chương trình hành động số 24-CTr/TU", [("24-CTr/TU", "24-CTr/TU")]),
    ("Chương trình 147-CTHĐ/TU", [("147-CTHĐ/TU", "147-CTHĐ/TU")]),
    ("Quy định 08-QĐi/TW", [("08-QĐi/TW", "08-QĐi/TW")]),
    ("Quyết định 1147-QĐ/BTGDVTW", [("1147-QĐ/BTGDVTW", "1147-QĐ/BTGDVTW")]),
    ("Đề án 02-ĐA/ĐU", [("02-ĐA/ĐU", "02-ĐA/ĐU")]),
    ("Công văn số 8011-CV/BTCTW", [("8011-CV/BTCTW", "8011-CV/BTCTW")]),
]

VARIANTS = [
    # odd spacing
    ("Hướng dẫn số 16 - HD/BTCTW", [("16 - HD/BTCTW", "16-HD/BTCTW")]),
    ("Kế hoạch 94- KH/BTGDVTW", [("94- KH/BTGDVTW", "94-KH/BTGDVTW")]),
    ("Kế hoạch số 09 KH/ĐU", [("09 KH/ĐU", "09-KH/ĐU")]),
    ("Nghị quyết 21-NQ / TW", [("21-NQ / TW", "21-NQ/TW")]),
    # wrong separators
    ("Nghị quyết 72-NQ-TW", [("72-NQ-TW", "72-NQ/TW")]),
    ("Nghị quyết 21/NQ-TW", [("21/NQ-TW", "21-NQ/TW")]),
    ("Quyết định số 01/QĐ-CB", [("01/QĐ-CB", "01-QĐ/CB")]),
    # case
    ("Quy định 08-Qđi/TW", [("08-Qđi/TW", "08-QĐi/TW")]),
    ("Chương trình 24-Ctr/TU", [("24-Ctr/TU", "24-CTr/TU")]),
    ("CHƯƠNG TRÌNH 24-CTR/TU", [("24-CTR/TU", "24-CTr/TU")]),
    ("nghị quyết 21-nq/tw", [("21-nq/tw", "21-NQ/TW")]),
    # glued by conversions
    ("theo Quyết định số06-QĐ/TW", [("06-QĐ/TW", "06-QĐ/TW")]),
    ("Thông báo 70-TB/TWngày 5/5/2023", [("70-TB/TW", "70-TB/TW")]),
    ("Quyết định 439/QĐ-TTgngày", [("439/QĐ-TTg", "439/QĐ-TTg")]),
    ("Nghị quyết 21-NQ/TW.Hội nghị", [("21-NQ/TW", "21-NQ/TW")]),
    # split across a line
    ("Nghị quyết số 21-NQ/\nTW ngày", [("21-NQ/\nTW", "21-NQ/TW")]),
    ("Nghị quyết số 21-\nNQ/TW ngày", [("21-\nNQ/TW", "21-NQ/TW")]),
    ("Nghị định 30/2020/\nNĐ-CP", [("30/2020/\nNĐ-CP", "30/2020/NĐ-CP")]),
    # type letters missing after a type name
    ("Quy định số 08/TU ngày 15/9/2021", [("08/TU", "08-QĐ/TU")]),
    # Cyrillic look-alike inside a Latin symbol
    ("Chỉ thị 05-СТ/TW", [("05-СТ/TW", "05-CT/TW")]),
]

STATE = [
    ("Nghị định số 30/2020/NĐ-CP", [("30/2020/NĐ-CP", "30/2020/NĐ-CP")]),
    ("Quyết định 439/QĐ-TTg", [("439/QĐ-TTg", "439/QĐ-TTg")]),
    (
        "Thông tư liên tịch 24/2012/TTLT-BLĐTBXH-BNV-BTC",
        [("24/2012/TTLT-BLĐTBXH-BNV-BTC", "24/2012/TTLT-BLĐTBXH-BNV-BTC")],
    ),
    ("Luật số 45/2019/QH14", [("45/2019/QH14", "45/2019/QH14")]),
    ("Nghị quyết 203/2025/QH15", [("203/2025/QH15", "203/2025/QH15")]),
    ("Kế hoạch số 155/KH-UBND", [("155/KH-UBND", "155/KH-UBND")]),
    ("Công văn số 4912/UBND-NC", [("4912/UBND-NC", "4912/UBND-NC")]),
    ("Số: 666/2015/QĐ-UBND", [("666/2015/QĐ-UBND", "666/2015/QĐ-UBND")]),
    ("Thông tư 05/2023/TT-BTC", [("05/2023/TT-BTC", "05/2023/TT-BTC")]),
    ("Quyết định 15/QĐ-UBND.", [("15/QĐ-UBND", "15/QĐ-UBND")]),
]

FOREIGN = [
    ("Постановление № 21-NQ/TW от 16 июня 2022 года", [("21-NQ/TW", "21-NQ/TW")]),
    ("Постановление правительства № 30/2020/ND-CP", [("30/2020/ND-CP", "30/2020/NĐ-CP")]),
    ("План № 161-KH/HU", [("161-KH/HU", "161-KH/HU")]),
    ("Resolution No. 21-NQ/TW dated June 16, 2022", [("21-NQ/TW", "21-NQ/TW")]),
    ("Decision 439/QD-TTg", [("439/QD-TTg", "439/QĐ-TTg")]),
    ("Plan No. 09-KH/DU of the commune", [("09-KH/DU", "09-KH/ĐU")]),
    ("Decree 30/2020/ND-CP", [("30/2020/ND-CP", "30/2020/NĐ-CP")]),
]

LISTS = [
    ("Kết luận số 134-KL/TW, 135-KL/TW", [("134-KL/TW", "134-KL/TW"), ("135-KL/TW", "135-KL/TW")]),
    ("các Nghị quyết số 18, 19-NQ/TW", [("18", "18-NQ/TW"), ("19-NQ/TW", "19-NQ/TW")]),
    ("Nghị quyết số 18 và 19-NQ/TW", [("18", "18-NQ/TW"), ("19-NQ/TW", "19-NQ/TW")]),
    ("Resolutions Nos. 18 and 19-NQ/TW", [("18", "18-NQ/TW"), ("19-NQ/TW", "19-NQ/TW")]),
    ("134-KL/TW,135-KL/TW", [("134-KL/TW", "134-KL/TW"), ("135-KL/TW", "135-KL/TW")]),
]

NOT_NUMBERS = [
    "COVID-19",
    "ISO 9001:2015",
    "Điều 5, khoản 2",
    "19/23 đồng chí có mặt",
    "ngày 16/6/2022",
    "ngày 16-6-2022",
    "số 30/2020",
    "Kế hoạch số 15",
    "điện thoại 0213.3784.567",
    "giai đoạn 2020-2025",
    "số nhà 12-14/5 đường Trần Phú",
    "5-СТ/ТВ",  # all Cyrillic: Russian text, not a symbol
    "14h30-16h00",
    "Điều 5, 21 và 22",
]


@pytest.mark.parametrize("text,expected", PARTY + VARIANTS + STATE + FOREIGN + LISTS)
def test_numbers_found_and_normalized(text, expected):
    found = extract_numbers(text)
    assert [(n.text, n.normalized) for n in found] == expected
    for number in found:
        assert text[number.start : number.end] == number.text


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_numbers_none_in_traps(text):
    assert extract_numbers(text) == []


@pytest.mark.parametrize(
    "text,family,type_,issuer,year",
    [
        ("30/2020/NĐ-CP", "state", "NĐ", "CP", 2020),
        ("21-NQ/TW", "party", "NQ", "TW", None),
        ("45/2019/QH14", "state", None, "QH14", 2019),
        ("4912/UBND-NC", "state", None, "UBND-NC", None),
        ("98-KH/Th.U", "party", "KH", "Th.U", None),
    ],
)
def test_numbers_parts(text, family, type_, issuer, year):
    (number,) = extract_numbers(text)
    assert (number.family, number.type, number.issuer, number.year) == (family, type_, issuer, year)


def _date(text: str, value: str, whole: str) -> DateMention:
    start = whole.index(text)
    return DateMention(text=text, start=start, end=start + len(text), value=value, precision="day", producer="t")


@pytest.mark.parametrize(
    "text,date_text,value,linked",
    [
        ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 của", "16/6/2022", "2022-06-16", True),
        ("Nghị quyết số 21-NQ/TW, ngày 16 tháng 6 năm 2022", "16 tháng 6 năm 2022", "2022-06-16", True),
        ("Постановление № 21-NQ/TW от 16 июня 2022 года", "16 июня 2022 года", "2022-06-16", True),
        ("Resolution No. 21-NQ/TW dated June 16, 2022", "June 16, 2022", "2022-06-16", True),
        ("Nghị quyết 21-NQ/TW (16/6/2022)", "16/6/2022", "2022-06-16", True),
        (
            "Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII ngày 16/6/2022",
            "16/6/2022",
            "2022-06-16",
            True,
        ),
        (
            "Resolution 21-NQ/TW of the 13th Party Central Committee dated June 16, 2022",
            "June 16, 2022",
            "2022-06-16",
            True,
        ),
        ("Nghị quyết số 21-NQ/TW. Hội nghị ngày 16/6/2022", "16/6/2022", "2022-06-16", False),
        ("Nghị quyết số 21-NQ/TW về 35 nội dung, ngày 16/6/2022", "16/6/2022", "2022-06-16", False),
    ],
)
def test_numbers_issue_date_attached(text, date_text, value, linked):
    numbers = extract_numbers(text)
    (number,) = attach_issue_dates(text, numbers, [_date(date_text, value, text)])
    assert (number.date == value) is linked
    if linked:
        assert number.year == 2022
        assert text[number.date_start : number.date_end] == date_text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789-/ .,\nNQTWĐUKHCBđqtwhкст số và")), max_size=80))
def test_numbers_offsets_slice_text(text):
    for number in extract_numbers(text):
        assert text[number.start : number.end] == number.text
        assert number.start < number.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_numbers_never_crash(text):
    extract_numbers(text)
