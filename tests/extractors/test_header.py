"""Header reader: titles and own numbers, including PDF line wraps that mimic header lines."""

from __future__ import annotations

import pytest

from extractors.pipeline import process_text

LEAD = "Tin tức - Xây dựng Đảng\nCập nhật: 16:42, 18/9/2024\nBài viết của phóng viên tại cơ sở\n"
RU_LEAD = "Новости партийного строительства\nОпубликовано 20.09.2024\nНаш корреспондент сообщает\n"
PROSE = LEAD + (
    "Chiều 17/9, Chi bộ bản Nà Ban tổ chức sinh hoạt chuyên đề quý III với chủ đề phát triển kinh tế\n"
    "Nà Ban là một trong 3 chi bộ được chọn thí điểm mô hình theo Kế hoạch của Huyện ủy, thực hiện theo\n"
    "số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về tăng cường chất lượng tổ chức cơ sở đảng\n"
    "Kết luận buổi sinh hoạt, chi bộ thống nhất giao 5 đảng viên phụ trách 5 nhóm hộ, vận\n"
    "động 11 hộ làm chuồng trại cách xa nhà ở, hoàn thành trước ngày 30/11/2024.\n"
)


@pytest.mark.parametrize(
    ("text", "kind", "number", "title"),
    [
        (PROSE, "news", None, None),
        (
            RU_LEAD + "Резолюция была принята: за - 22 из 22. Партийная ячейка оценила собрание\nхорошо.\n" * 3,
            "news",
            None,
            None,
        ),
        (
            RU_LEAD
            + "Подготовка шла в жёстких сроках. Основанием стали\nЗаключение Политбюро № 127-KL/\nTW от 28.02.2025.\n",
            "news",
            None,
            None,
        ),
        (
            "ĐẢNG BỘ HUYỆN THAN UYÊN\nHUYỆN ỦY\nSố 161-KH/HU\nThan Uyên, ngày 31 tháng 10 năm 2022\nKẾ HOẠCH\n"
            "thực hiện Nghị quyết số 21-NQ/TW\n",
            "plan",
            "161-KH/HU",
            "KẾ HOẠCH",
        ),
        (
            "HUYỆN ỦY THAN UYÊN\nSố: 12-CV/HU\nV/v báo cáo kết quả\nThan Uyên, ngày 5 tháng 3 năm 2023\n"
            "Kính gửi: các chi bộ trực thuộc.\n",
            "official_letter",
            "12-CV/HU",
            None,
        ),
        (
            "PARTY CELL OF RESIDENTIAL GROUP NO. 7\nThan Uyen, 3 November 2023\nMinutes of the party cell meeting\n"
            "The meeting opened at 14:00.\n",
            "minutes",
            None,
            "Minutes",
        ),
        (
            "Протокол собрания ячейки полиции коммуны Лунг Ку июнь 2024 г.\nСобрание состоялось 27.06.2024.\n",
            "minutes",
            None,
            "Протокол",
        ),
    ],
)
def test_title_number_and_kind(text, kind, number, title):
    result = process_text(text)
    assert result.kind == kind
    header = result.header
    assert (header.number if header else None) == number
    assert (header.title if header else None) == title
