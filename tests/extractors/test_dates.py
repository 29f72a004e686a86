"""Dates: rows of (language, text, expected [(surface text, value, precision)]), traps, recurring days.

The rules are corpus/README.md ("Rules for dates"). Every row is run twice: as written, and with the
document-number spans that `extract_numbers` finds passed as `exclude` (how the pipeline calls it).
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import available_languages, extract_dates, load_date_data
from extractors.numbers import extract_numbers

D, M = "day", "month"

# ----------------------------------------------------------------------------------------------
# Vietnamese

VI = [
    # place-and-date lines
    ("Hà Nội, ngày 16 tháng 6 năm 2022", [("16 tháng 6 năm 2022", "2022-06-16", D)]),
    ("Than Uyên, ngày 31 tháng 10 năm 2022", [("31 tháng 10 năm 2022", "2022-10-31", D)]),
    ("Hà Nội, ngày 03 tháng 4 năm 2018", [("03 tháng 4 năm 2018", "2018-04-03", D)]),
    ("Ngày 05 tháng 01 năm 2024", [("05 tháng 01 năm 2024", "2024-01-05", D)]),
    ("NGÀY 05 THÁNG 01 NĂM 2024", [("05 THÁNG 01 NĂM 2024", "2024-01-05", D)]),
    ("ngày 9 tháng 12 năm 2023", [("9 tháng 12 năm 2023", "2023-12-09", D)]),
    ("ngày 16 tháng 06 năm 2022", [("16 tháng 06 năm 2022", "2022-06-16", D)]),
    ("ngày16 tháng 6 năm 2022", [("16 tháng 6 năm 2022", "2022-06-16", D)]),
    # OCR without diacritics, misread marks, odd spacing, line breaks
    ("ngay 16 thang 6 nam 2022", [("16 thang 6 nam 2022", "2022-06-16", D)]),
    ("ngày 16 thàng 6 nãm 2022", [("16 thàng 6 nãm 2022", "2022-06-16", D)]),
    ("ngày  16  tháng 6 năm 2022", [("16  tháng 6 năm 2022", "2022-06-16", D)]),
    (
        "ngày\u00a016\u00a0tháng\u00a06\u00a0năm\u00a02022",
        [("16\u00a0tháng\u00a06\u00a0năm\u00a02022", "2022-06-16", D)],
    ),
    ("ngày 16 tháng 6\nnăm 2022", [("16 tháng 6\nnăm 2022", "2022-06-16", D)]),
    ("ngày 16\ntháng 6 năm 2022", [("16\ntháng 6 năm 2022", "2022-06-16", D)]),
    ("ngày 16 tháng\n6 năm 2022", [("16 tháng\n6 năm 2022", "2022-06-16", D)]),
    ("ngày 16 tháng 6 năm\n2022 của Ban Chấp hành", [("16 tháng 6 năm\n2022", "2022-06-16", D)]),
    ("ngày 16 tháng 6 năm 2022", [("16 tháng 6 năm 2022", "2022-06-16", D)]),
    # numeric
    ("ngày 16/6/2022", [("16/6/2022", "2022-06-16", D)]),
    ("ngày 16/06/2022", [("16/06/2022", "2022-06-16", D)]),
    ("ngày 16-6-2022", [("16-6-2022", "2022-06-16", D)]),
    ("ngày 16-06-2022", [("16-06-2022", "2022-06-16", D)]),
    ("ngày 16.6.2022", [("16.6.2022", "2022-06-16", D)]),
    ("ngày 16 / 6 / 2022", [("16 / 6 / 2022", "2022-06-16", D)]),
    ("ngày 16/6/\n2022", [("16/6/\n2022", "2022-06-16", D)]),
    ("ngày 16/6 năm 2022", [("16/6 năm 2022", "2022-06-16", D)]),
    ("Ngày 05/01/2024", [("05/01/2024", "2024-01-05", D)]),
    ("ngày 01-10-1997", [("01-10-1997", "1997-10-01", D)]),
    ("ngày 29/2/2024", [("29/2/2024", "2024-02-29", D)]),
    ("(16/6/2022)", [("16/6/2022", "2022-06-16", D)]),
    (
        "kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)",
        [("19/5/1890", "1890-05-19", D), ("19/5/2025", "2025-05-19", D)],
    ),
    ("Thứ Năm, 13/07/2023 - 17:05", [("13/07/2023", "2023-07-13", D)]),
    ("Sáng ngày 20/10/2023, chi bộ họp", [("20/10/2023", "2023-10-20", D)]),
    ("vào lúc 14 giờ 00 phút ngày 28/10/2023", [("28/10/2023", "2023-10-28", D)]),
    ("14h00' ngày 28/10/2023", [("28/10/2023", "2023-10-28", D)]),
    # months
    ("tháng 10/2023", [("tháng 10/2023", "2023-10", M)]),
    ("tháng 10 năm 2023", [("tháng 10 năm 2023", "2023-10", M)]),
    ("THÁNG 10 NĂM 2023", [("THÁNG 10 NĂM 2023", "2023-10", M)]),
    ("Tháng 9/2023", [("Tháng 9/2023", "2023-09", M)]),
    ("kết quả tháng 10-2023", [("tháng 10-2023", "2023-10", M)]),
    ("tháng 12, năm 2023", [("tháng 12, năm 2023", "2023-12", M)]),
    ("BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 11 NĂM 2023", [("THÁNG 11 NĂM 2023", "2023-11", M)]),
    ("Nhiệm vụ tháng 9/2023: tiếp tục", [("tháng 9/2023", "2023-09", M)]),
    # citations
    (
        "Nghị quyết số 21-NQ/TW, ngày 16 tháng 6 năm 2022 của Ban Chấp hành Trung ương",
        [("16 tháng 6 năm 2022", "2022-06-16", D)],
    ),
    ("Chỉ thị số 50-CT/TW ngày 23-7-2025", [("23-7-2025", "2025-07-23", D)]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", [("05/3/2020", "2020-03-05", D)]),
    ("Thông báo 70-TB/TWngày 5/5/2023", [("5/5/2023", "2023-05-05", D)]),
    # lists and ranges
    ("ngày 24, 25/9/2022", [("24", "2022-09-24", D), ("25/9/2022", "2022-09-25", D)]),
    ("từ ngày 1 đến ngày 5/3/2023", [("1", "2023-03-01", D), ("5/3/2023", "2023-03-05", D)]),
    ("từ ngày 28/02 đến ngày 02/3/2023", [("28/02", "2023-02-28", D), ("02/3/2023", "2023-03-02", D)]),
    ("ngày 24 và 25 tháng 9 năm 2022", [("24", "2022-09-24", D), ("25 tháng 9 năm 2022", "2022-09-25", D)]),
    ("Trong 2 ngày 12, 13/7/2023, Ban Chấp hành họp", [("12", "2023-07-12", D), ("13/7/2023", "2023-07-13", D)]),
    ("ngày 1, 2 và 3/11/2023", [("1", "2023-11-01", D), ("2", "2023-11-02", D), ("3/11/2023", "2023-11-03", D)]),
    ("từ ngày 15/12/2023 đến ngày 15/01/2024", [("15/12/2023", "2023-12-15", D), ("15/01/2024", "2024-01-15", D)]),
    ("từ 15/12 đến 15/1/2024", [("15/12", "2023-12-15", D), ("15/1/2024", "2024-01-15", D)]),
    ("từ tháng 10 đến tháng 11/2024", [("tháng 10", "2024-10", M), ("tháng 11/2024", "2024-11", M)]),
    ("tháng 4 và tháng 5/2022", [("tháng 4", "2022-04", M), ("tháng 5/2022", "2022-05", M)]),
    (
        "ngày 16 tháng 6 năm 2022 và ngày 20 tháng 7 năm 2022",
        [("16 tháng 6 năm 2022", "2022-06-16", D), ("20 tháng 7 năm 2022", "2022-07-20", D)],
    ),
    ("có mặt 19, 25/9/2022", [("25/9/2022", "2022-09-25", D)]),
    ("Điều 5, ngày 16/6/2022", [("16/6/2022", "2022-06-16", D)]),
]

VI_TRAPS = [
    "có mặt 19/23 đồng chí",
    "19/23 đồng chí tán thành",
    "nhiệm kỳ 2020-2025",
    "giai đoạn 2021-2025",
    "năm học 2022-2023",
    "năm học 2022 - 2023",
    "khóa XIII (2021-2026)",
    "trong năm 2023",
    "quý IV/2023",
    "quý IV năm 2023",
    "Điều 5, Khoản 2",
    "theo Nghị định 30/2020/NĐ-CP",
    "Quyết định số 1234/QĐ-UBND",
    "Số: 16/2023/QĐ-UBND",
    "ngày 31/2/2023",
    "ngày 30/2/2024",
    "ngày 29/2/2023",
    "ngày 32/1/2023",
    "ngày 16/13/2023",
    "ngày 31 tháng 4 năm 2023",
    "lúc 8h30",
    "lúc 14:30",
    "kinh phí 15.000.000 đồng",
    "hỗ trợ 1.500.000đ",
    "đạt 98,5%",
    "tỷ lệ 16.6%",
    "Điện thoại: 0214.3876.123",
    "ĐT: 0912 345 678",
    "tháng 10",
    "trước ngày 28/10",
    "ISO 9001:2015",
    "phòng, chống dịch COVID-19",
    "Mục 1.2.3",
    "độ tuổi 18-35",
    "1/2 số hộ",
    "năm 2023-2024",
    "2020 - 2025",
]

# ----------------------------------------------------------------------------------------------
# Russian

RU = [
    ("16 июня 2022 года", [("16 июня 2022 года", "2022-06-16", D)]),
    ("Постановление от 16 июня 2022 года", [("16 июня 2022 года", "2022-06-16", D)]),
    ("16 июня 2022 г.", [("16 июня 2022 г.", "2022-06-16", D)]),
    ("16 ИЮНЯ 2022 ГОДА", [("16 ИЮНЯ 2022 ГОДА", "2022-06-16", D)]),
    ("1 января 2024 г.", [("1 января 2024 г.", "2024-01-01", D)]),
    ("31 декабря 2023 года", [("31 декабря 2023 года", "2023-12-31", D)]),
    ("«16» июня 2022 г.", [("«16» июня 2022 г.", "2022-06-16", D)]),
    ("16 июня\n2022 года", [("16 июня\n2022 года", "2022-06-16", D)]),
    ("от 06\nиюля 2018 года", [("06\nиюля 2018 года", "2018-07-06", D)]),
    ("16\u00a0июня\u00a02022\u00a0г.", [("16\u00a0июня\u00a02022\u00a0г.", "2022-06-16", D)]),
    ("16 июня 2022\u202fг.", [("16 июня 2022\u202fг.", "2022-06-16", D)]),
    ("30 сентбяря 2023 года", [("30 сентбяря 2023 года", "2023-09-30", D)]),
    ("16.06.2022", [("16.06.2022", "2022-06-16", D)]),
    ("16.06.2022 г.", [("16.06.2022 г.", "2022-06-16", D)]),
    ("16.6.2022", [("16.6.2022", "2022-06-16", D)]),
    ("16-6-2022", [("16-6-2022", "2022-06-16", D)]),
    ("Дата: 22.04.2024, с 16 ч. 30 мин.", [("22.04.2024", "2024-04-22", D)]),
    ("в октябре 2023 года", [("октябре 2023 года", "2023-10", M)]),
    ("в июне 2022 г.", [("июне 2022 г.", "2022-06", M)]),
    ("Октябрь 2023 г.", [("Октябрь 2023 г.", "2023-10", M)]),
    ("по итогам октября 2023 года", [("октября 2023 года", "2023-10", M)]),
    ("в декабре\n2023 года", [("декабре\n2023 года", "2023-12", M)]),
    ("Постановление № 21-NQ/TW от 16.06.2022", [("16.06.2022", "2022-06-16", D)]),
    ("№ 21-NQ/TW от 16 июня 2022 года", [("16 июня 2022 года", "2022-06-16", D)]),
    ("Постановление правительства № 30/2020/ND-CP от 5 марта 2020 г.", [("5 марта 2020 г.", "2020-03-05", D)]),
    ("с 1 по 5 марта 2023 года", [("1", "2023-03-01", D), ("5 марта 2023 года", "2023-03-05", D)]),
    ("24 и 25 сентября 2022 года", [("24", "2022-09-24", D), ("25 сентября 2022 года", "2022-09-25", D)]),
    ("с 20 по 22\nавгуста 2025 года", [("20", "2025-08-20", D), ("22\nавгуста 2025 года", "2025-08-22", D)]),
    ("1–5 марта 2023 г.", [("1", "2023-03-01", D), ("5 марта 2023 г.", "2023-03-05", D)]),
    ("в сентябре и октябре 2023 года", [("сентябре", "2023-09", M), ("октябре 2023 года", "2023-10", M)]),
    ("Москва, 2022-06-16", [("2022-06-16", "2022-06-16", D)]),
]

RU_TRAPS = [
    "в 2023 году",
    "на 2025–2030 годы",
    "2020-2025",
    "19/23 членов партии",
    "98,7% голосов",
    "75 млн донгов",
    "Постановление № 30/2020/ND-CP",
    "статья 5 Устава",
    "31 февраля 2023 года",
    "тел. 8 (0213) 387-61-23",
    "в 16 ч. 30 мин.",
    "октябрь",
    "XIII съезд",
    "на 2024-2025 учебный год",
]

# ----------------------------------------------------------------------------------------------
# English

EN = [
    ("June 16, 2022", [("June 16, 2022", "2022-06-16", D)]),
    ("16 June 2022", [("16 June 2022", "2022-06-16", D)]),
    ("on 16 June 2022", [("16 June 2022", "2022-06-16", D)]),
    ("June 16th, 2022", [("June 16th, 2022", "2022-06-16", D)]),
    ("16th June 2022", [("16th June 2022", "2022-06-16", D)]),
    ("the 16th of June 2022", [("16th of June 2022", "2022-06-16", D)]),
    ("Jun. 16, 2022", [("Jun. 16, 2022", "2022-06-16", D)]),
    ("Sept. 5, 2023", [("Sept. 5, 2023", "2023-09-05", D)]),
    ("JUNE 16, 2022", [("JUNE 16, 2022", "2022-06-16", D)]),
    ("February 29, 2024", [("February 29, 2024", "2024-02-29", D)]),
    ("June 16,\n2022", [("June 16,\n2022", "2022-06-16", D)]),
    ("June\n16,\n2022", [("June\n16,\n2022", "2022-06-16", D)]),
    ("review on 12\nJanuary 2024.", [("12\nJanuary 2024", "2024-01-12", D)]),
    ("Thursday, 13 July 2023 | 15:20", [("13 July 2023", "2023-07-13", D)]),
    ("Updated: February 22, 2024 - 08:12", [("February 22, 2024", "2024-02-22", D)]),
    ("October 2023", [("October 2023", "2023-10", M)]),
    ("in October 2023", [("October 2023", "2023-10", M)]),
    ("Dec. 2023", [("Dec. 2023", "2023-12", M)]),
    # typos in month names: a letter missing, two letters swapped
    ("Minutes - cell meeting Novmber 2024", [("Novmber 2024", "2024-11", M)]),
    ("Febraury 5, 2024", [("Febraury 5, 2024", "2024-02-05", D)]),
    ("16 Septmber 2023", [("16 Septmber 2023", "2023-09-16", D)]),
    ("tasks for September and October 2023", [("September", "2023-09", M), ("October 2023", "2023-10", M)]),
    ("from 1 to 5 March 2023", [("1", "2023-03-01", D), ("5 March 2023", "2023-03-05", D)]),
    ("March 1 to 5, 2023", [("March 1", "2023-03-01", D), ("5, 2023", "2023-03-05", D)]),
    ("met on 24 and 25 September 2025", [("24", "2025-09-24", D), ("25 September 2025", "2025-09-25", D)]),
    ("from 17 to 21\nNovember 2025", [("17", "2025-11-17", D), ("21\nNovember 2025", "2025-11-21", D)]),
    ("dated 03/3/2023", [("03/3/2023", "2023-03-03", D)]),
    ("Regulation 213-QĐ/TW dated 2/1/2020", [("2/1/2020", "2020-01-02", D)]),
    ("signed 6/16/2022", [("6/16/2022", "2022-06-16", D)]),
    ("16.06.2022", [("16.06.2022", "2022-06-16", D)]),
    ("16-6-2022", [("16-6-2022", "2022-06-16", D)]),
    ("2022-06-16", [("2022-06-16", "2022-06-16", D)]),
    ("Resolution No. 21-NQ/TW dated June 16, 2022", [("June 16, 2022", "2022-06-16", D)]),
    ("Decree 30/2020/ND-CP dated March 5, 2020", [("March 5, 2020", "2020-03-05", D)]),
]

EN_TRAPS = [
    "at 7:30 p.m.",
    "100% of members",
    "38 of 41 members",
    "VND 120 million",
    "the 2020-2025 term",
    "in 2023",
    "they may 2024 it",
    "Article 5, Clause 2",
    "February 30, 2023",
    "31/2/2023",
    "Decree 30/2020/ND-CP",
    "Tel: (0213) 387 6123",
    "ISO 9001:2015",
    "COVID-19",
    "school year 2022-2023",
    "March",
    "Q4/2023",
    "the 13th Congress",
]

# ----------------------------------------------------------------------------------------------
# A day and month without a year: (language, text, document_year, expected)

YEAR_INFERENCE = [
    ("vi", "Các chi bộ nộp báo cáo trước ngày 28/10.", 2023, [("28/10", "2023-10-28", D)]),
    ("vi", "Chiều 17/9, Chi bộ bản Nà Ban sinh hoạt chuyên đề.", 2024, [("17/9", "2024-09-17", D)]),
    ("vi", "Tối 4/6, đồng chí Bí thư dự sinh hoạt.", 2024, [("4/6", "2024-06-04", D)]),
    ("vi", "họp vào ngày 16 tháng 6", 2022, [("16 tháng 6", "2022-06-16", D)]),
    (
        "vi",
        "nghỉ Tết Nguyên đán từ ngày 08/02 đến ngày 14/02",
        2024,
        [("08/02", "2024-02-08", D), ("14/02", "2024-02-14", D)],
    ),
    (
        "vi",
        "từ ngày 15/12 đến hết ngày 15/01/2024",
        2023,
        [("15/12", "2023-12-15", D), ("15/01/2024", "2024-01-15", D)],
    ),
    # a full date in the same sentence beats the document's year
    (
        "vi",
        "Trước ngày 20/12, các chi bộ nộp báo cáo theo Kế hoạch ngày 15/11/2024.",
        2023,
        [("20/12", "2024-12-20", D), ("15/11/2024", "2024-11-15", D)],
    ),
    ("vi", "Trong 2 ngày 12, 13/7, Ban Chấp hành họp.", 2023, [("12", "2023-07-12", D), ("13/7", "2023-07-13", D)]),
    # no year anywhere: not annotated
    ("vi", "Các chi bộ nộp báo cáo trước ngày 28/10.", None, []),
    ("vi", "Chiều 17/9, Chi bộ bản Nà Ban sinh hoạt chuyên đề.", None, []),
    # the document's own date line (a news dateline) gives the year
    (
        "vi",
        "Cập nhật: 16:42, 18/9/2024\nChiều 17/9, Chi bộ bản Nà Ban sinh hoạt.",
        None,
        [("18/9/2024", "2024-09-18", D), ("17/9", "2024-09-17", D)],
    ),
    (
        "vi",
        "Ngày đăng: 20/10/2025\nSáng 18/10, Đảng ủy xã tổ chức hội nghị.",
        None,
        [("20/10/2025", "2025-10-20", D), ("18/10", "2025-10-18", D)],
    ),
    # the title and the first line of a run-on minutes-book entry
    (
        "vi",
        "Biên bản sinh hoạt chi bộ bản Co Thón tháng 11/2023\nNgàv15/11/2023 lúc 19h tại nhà văn hóa bản."
        " Nhiệm vụ tháng 12: làm xong 80 m đường trước ngày 30/12; Đ/c Xuân tuyên truyền.",
        None,
        [("tháng 11/2023", "2023-11", M), ("15/11/2023", "2023-11-15", D), ("30/12", "2023-12-30", D)],
    ),
    # the date line beats a year the caller took from a cited date
    (
        "ru",
        "Тхайнгуен: чайный кооператив\n14.06.2024\nЯчейка работает по Постановлению от 16 июня 2022 года."
        " Корреспондент побывал на её очередном\nсобрании 12 июня.",
        2022,
        [("14.06.2024", "2024-06-14", D), ("16 июня 2022 года", "2022-06-16", D), ("12 июня", "2024-06-12", D)],
    ),
    # not dates: yearly days, holidays named by an anniversary, ratios, counts
    ("vi", "nộp trước ngày 15/12 hằng năm", 2023, []),
    ("vi", "nhân kỷ niệm 79 năm Quốc khánh 2/9", 2024, []),
    # a holiday's name holds its yearly day, not a date
    ("vi", "nghỉ lễ Quốc khánh 2/9 an toàn", 2023, []),
    ("vi", "Bảo đảm an ninh dịp Quốc khánh 2/9: trực 100% quân số", 2024, []),
    ("vi", "tổ chức Ngày Nhà giáo Việt Nam 20/11 trang trọng", 2023, []),
    ("vi", "hưởng ứng Ngày Quốc tế phòng, chống ma túy 26/6 tại buổi họp bản", 2023, []),
    ("vi", "kỷ niệm Ngày Học sinh, sinh viên (9/1)", 2024, []),
    # ... but a word of time or a weekday before the parentheses dates the day
    ("vi", "Sáng nay (16/6), chi bộ họp", 2023, [("16/6", "2023-06-16", D)]),
    ("vi", "Chiều thứ Bảy (17/6), chi bộ họp", 2023, [("17/6", "2023-06-17", D)]),
    ("en", "on Monday (June 16), the cell met", 2025, [("June 16", "2025-06-16", D)]),
    ("ru", "в субботу (17 июня) прошло собрание", 2023, [("17 июня", "2023-06-17", D)]),
    ("vi", "tăng từ 4/9 lên 6/9 chi bộ", 2024, []),
    ("vi", "trực 24/24 giờ", 2024, []),
    ("vi", "2/3 số đảng viên tán thành", 2024, []),
    ("vi", "12/12 chi bộ hoàn thành", 2023, []),
    ("vi", "Tết Trung thu ngày 15/8 âm lịch", 2023, []),
    ("vi", "sau 16 tháng 6 ngày thi công", 2023, []),
    ("ru", "завершить проверку до 15.05;", 2024, [("15.05", "2024-05-15", D)]),
    ("ru", "представить отчёт до 30 ноября", 2023, [("30 ноября", "2023-11-30", D)]),
    ("ru", "Собрание прошло вечером 20 апреля в доме культуры.", 2025, [("20 апреля", "2025-04-20", D)]),
    (
        "ru",
        "22 апреля 2025 г.\nСобрание прошло вечером 20 апреля.",
        None,
        [("22 апреля 2025 г.", "2025-04-22", D), ("20 апреля", "2025-04-20", D)],
    ),
    ("ru", "в 16.10 началось собрание", 2024, []),
    ("ru", "до 2.5 млн донгов", 2024, []),
    ("ru", "до 2/3 членов", 2024, []),
    ("ru", "ежегодно до 15 декабря", 2024, []),
    ("ru", "к 80-летию Августовской революции и Национального праздника 2 сентября", 2025, []),
    ("ru", "подготовка к Дню вьетнамских учителей (20 ноября): концерт", 2023, []),
    ("ru", "подготовка к празднику 2 сентября", 2025, []),
    ("ru", "концерт ко 2 ноября", 2023, [("2 ноября", "2023-11-02", D)]),
    ("en", "Reports are due by January 10.", 2024, [("January 10", "2024-01-10", D)]),
    ("en", "On July 10, 32 of the cell's 35 members attended.", 2024, [("July 10", "2024-07-10", D)]),
    ("en", "on June 16, 17 members attended", 2024, [("June 16", "2024-06-16", D)]),
    ("en", "submit it before 18/6", 2024, [("18/6", "2024-06-18", D)]),
    ("en", "the cell met on the 16th of June", 2024, [("16th of June", "2024-06-16", D)]),
    (
        "en",
        "March 8, 2024\nSoc Trang (VNA) - On March 6, the Party Cell met.",
        None,
        [("March 8, 2024", "2024-03-08", D), ("March 6", "2024-03-06", D)],
    ),
    ("en", "every year on December 15", 2024, []),
    # news datelines: a place in capitals (or a place and an agency), a comma, the day
    ("en", "HÀ NỘI, October 6 — The committee met.", 2023, [("October 6", "2023-10-06", D)]),
    ("en", "Hanoi (VNA), June 16 - The Politburo met.", 2022, [("June 16", "2022-06-16", D)]),
    ("en", "Members, 16/6 attended", 2022, []),
    ("en", "the 80th anniversary of National Day September 2", 2025, []),
    ("en", "Vietnamese Students' Day (January 9)", 2024, []),
    ("en", "leave for the 30/4 and 1/5 holidays", 2025, []),
    ("en", "prepare the 22 December anniversary meeting", 2024, []),
    ("en", "4/5 members voted", 2024, []),
]

# ----------------------------------------------------------------------------------------------
# Recurring days: (language, text, [(surface text, day)]); none of them is also a date.

RECURRING = [
    ("vi", "sinh hoạt vào ngày 28 hằng tháng", [("ngày 28 hằng tháng", 28)]),
    ("vi", "vào ngày 05 hàng tháng", [("ngày 05 hàng tháng", 5)]),
    ("vi", "ngày 5 mỗi tháng", [("ngày 5 mỗi tháng", 5)]),
    ("vi", "NGÀY 28 HẰNG THÁNG", [("NGÀY 28 HẰNG THÁNG", 28)]),
    ("vi", "ngày 28 hằng\ntháng", [("ngày 28 hằng\ntháng", 28)]),
    ("vi", "ngay 28 hang thang", [("ngay 28 hang thang", 28)]),
    ("ru", "28-го числа каждого месяца", [("28-го числа каждого месяца", 28)]),
    ("ru", "собрание проводится 5 числа каждого месяца", [("5 числа каждого месяца", 5)]),
    ("ru", "ежемесячно 28 числа", [("ежемесячно 28 числа", 28)]),
    ("ru", "ежемесячно, 5-го числа", [("ежемесячно, 5-го числа", 5)]),
    ("en", "on the 28th of every month", [("on the 28th of every month", 28)]),
    ("en", "meets the 15th of each month", [("the 15th of each month", 15)]),
    ("en", "on the 5th day of every month", [("on the 5th day of every month", 5)]),
    ("en", "meets monthly on the 28th", [("monthly on the 28th", 28)]),
]


def _rows(lang: str, rows):
    return [pytest.param(lang, text, expected, id=f"{lang}:{text[:40]}") for text, expected in rows]


def _traps(lang: str, texts):
    return [pytest.param(lang, text, [], id=f"{lang}-trap:{text[:40]}") for text in texts]


ALL_ROWS = (
    _rows("vi", VI)
    + _rows("ru", RU)
    + _rows("en", EN)
    + _traps("vi", VI_TRAPS)
    + _traps("ru", RU_TRAPS)
    + _traps("en", EN_TRAPS)
)


def _found(text: str, lang: str, *, exclude=(), document_year=None):
    dates, recurring = extract_dates(text, lang=lang, exclude=exclude, document_year=document_year)
    for fact in [*dates, *recurring]:
        assert text[fact.start : fact.end] == fact.text
    return [(d.text, d.value, d.precision) for d in dates], recurring


@pytest.mark.parametrize("lang,text,expected", ALL_ROWS)
def test_dates(lang, text, expected):
    found, recurring = _found(text, lang)
    assert found == expected
    assert recurring == []


@pytest.mark.parametrize("lang,text,expected", ALL_ROWS)
def test_dates_with_document_numbers_excluded(lang, text, expected):
    spans = [(n.start, n.end) for n in extract_numbers(text, lang=lang)]
    found, _ = _found(text, lang, exclude=spans)
    assert found == expected


# Rows that only the document's own language reads so: English reads "19, 25/9/2022" as a list and
# "6/16/2022" month first; Vietnamese does neither. Another language's text is read for "tháng" only
# when it holds the word spelt plainly ("tháng", "thang"), not OCR-misread ("thàng").
OWN_LANGUAGE_ONLY = {"có mặt 19, 25/9/2022", "signed 6/16/2022", "ngày 16 thàng 6 nãm 2022"}


@pytest.mark.parametrize("lang,text,expected", [row for row in ALL_ROWS if row.values[1] not in OWN_LANGUAGE_ONLY])
def test_dates_in_another_language_document(lang, text, expected):
    """Russian and English documents quote Vietnamese forms and the other way round."""
    other = {"vi": "en", "ru": "vi", "en": "ru"}[lang]
    found, _ = _found(text, other)
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,year,expected",
    [pytest.param(*row, id=f"{row[0]}:{row[2]}:{row[1][:40]}") for row in YEAR_INFERENCE],
)
def test_year_from_context(lang, text, year, expected):
    dates, _ = extract_dates(text, lang=lang, document_year=year)
    assert [(d.text, d.value, d.precision) for d in dates] == expected
    for date in dates:
        assert date.year_inferred == (re.search(r"[0-9]{4}", date.text) is None)


@pytest.mark.parametrize("lang,text,expected", [pytest.param(*row, id=f"{row[0]}:{row[1]}") for row in RECURRING])
def test_recurring_days(lang, text, expected):
    dates, recurring = extract_dates(text, lang=lang, document_year=2024)
    assert [(r.text, r.day) for r in recurring] == expected
    assert dates == []
    for item in recurring:
        assert text[item.start : item.end] == item.text
        assert item.frequency == "monthly"


def test_recurring_day_next_to_dates():
    text = "Chi bộ sinh hoạt vào ngày 28 hằng tháng; tháng 10/2023 họp ngày 28/10/2023."
    dates, recurring = extract_dates(text, lang="vi")
    assert [(r.text, r.day) for r in recurring] == [("ngày 28 hằng tháng", 28)]
    assert [(d.text, d.value) for d in dates] == [("tháng 10/2023", "2023-10"), ("28/10/2023", "2023-10-28")]


def test_results_are_in_text_order_with_producers():
    text = "Ngày 28/10/2023, tháng 11 năm 2023, 16 июня 2022 года, June 16, 2022 và 2022-06-16."
    dates, _ = extract_dates(text, lang="vi")
    assert [d.start for d in dates] == sorted(d.start for d in dates)
    assert len(dates) == 5
    assert all(d.producer.startswith("dates.") and d.producer.endswith(".v1") for d in dates)
    assert not any(d.year_inferred for d in dates)


def test_two_column_header_dates_the_document():
    """ "Số 161-KH/HU Than Uyên, ngày 31 tháng 10 năm 2022": the date after the place is the document's."""
    text = (
        "ĐẢNG BỘ TỈNH LAI CHÂU\nHUYỆN ỦY THAN UYÊN\nSố 161-KH/HU Than Uyên, ngày 31 tháng 10 năm 2022\n"
        "KẾ HOẠCH\nThực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022\nCác chi bộ báo cáo trước ngày 15/11."
    )
    spans = [(n.start, n.end) for n in extract_numbers(text, lang="vi")]
    dates, _ = extract_dates(text, lang="vi", exclude=spans)
    assert [(d.text, d.value) for d in dates] == [
        ("31 tháng 10 năm 2022", "2022-10-31"),
        ("16/6/2022", "2022-06-16"),
        ("15/11", "2022-11-15"),
    ]
    # a cited date is no document date: without the header line, "15/11" has no year
    body = text.split("KẾ HOẠCH\n")[1]
    dates, _ = extract_dates(body, lang="vi", exclude=[(n.start, n.end) for n in extract_numbers(body, lang="vi")])
    assert [(d.text, d.value) for d in dates] == [("16/6/2022", "2022-06-16")]


def test_excluded_spans_are_never_dates():
    text = "Kế hoạch số 16/6/2022/KH ngày 16/6/2022"
    dates, _ = extract_dates(text, lang="vi", exclude=[(12, 24)])
    assert [(d.text, d.start) for d in dates] == [("16/6/2022", 30)]


def test_long_text_keeps_every_date():
    body = "Hà Nội, ngày 16 tháng 6 năm 2022. Chi bộ họp ngày 28/10/2023, 19/23 đồng chí có mặt.\n"
    dates, _ = extract_dates(body * 500, lang="vi")
    assert len(dates) == 1000
    assert {d.value for d in dates} == {"2022-06-16", "2023-10-28"}


# ----------------------------------------------------------------------------------------------
# Properties and data files

_TOKENS = [
    "ngày",
    "tháng",
    "năm",
    "hằng",
    "từ",
    "đến",
    "và",
    " ",
    "  ",
    "\n",
    ",",
    ".",
    "/",
    "-",
    "–",
    ":",
    "%",
    "16",
    "6",
    "06",
    "2022",
    "31",
    "2",
    "12",
    "28",
    "1890",
    "июня",
    "года",
    "г.",
    "с",
    "по",
    "числа",
    "каждого",
    "месяца",
    "June",
    "Jun.",
    "th",
    "of",
    "every",
    "month",
    "on",
    "the",
    "«",
    "»",
    "-го",
    "NĐ-CP",
    "Số",
    "QĐ",
    "\u00a0",
    "0",
    "9",
    "2100",
    "1799",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=30),
    st.sampled_from(["vi", "ru", "en"]),
    st.one_of(st.none(), st.integers(1990, 2030)),
)
def test_offsets_slice_the_text(tokens, lang, year):
    text = "".join(tokens)
    dates, recurring = extract_dates(text, lang=lang, document_year=year)
    for fact in [*dates, *recurring]:
        assert text[fact.start : fact.end] == fact.text
        assert fact.text.strip() == fact.text
    for date in dates:
        assert date.precision in ("day", "month")
        assert len(date.value) == (10 if date.precision == "day" else 7)
    spans = sorted((d.start, d.end) for d in dates)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["vi", "ru", "en", "fr"]))
def test_any_text_never_raises(text, lang):
    dates, recurring = extract_dates(text, lang=lang, exclude=[(0, 3), (2, 5)], document_year=2024)
    for fact in [*dates, *recurring]:
        assert text[fact.start : fact.end] == fact.text


def test_every_language_has_a_date_data_file():
    assert set(available_languages()) == {"vi", "ru", "en"}


@pytest.mark.parametrize("lang", ["vi", "ru", "en"])
def test_date_data_file_loads_and_compiles(lang):
    data = load_date_data(lang)
    assert data.recurring.templates
    assert data.yearless.cues
    assert data.months or data.words.month
    # compiling the language's patterns must not fail either
    dates, _ = extract_dates("", lang=lang)
    assert dates == []
