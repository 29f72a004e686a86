"""Meeting facts from minutes and news items in three languages: labelled lines, prose, signature
blocks, wrapped lines, attendance counts and the meeting date."""

from __future__ import annotations

import pytest

from extractors.dates import extract_dates
from extractors.meeting import extract_meeting


def _meeting(text: str, lang: str, kind: str = "minutes"):
    dates, _ = extract_dates(text, lang=lang)
    return extract_meeting(text, lang=lang, kind=kind, header=None, title=None, dates=dates)


def _value(fact):
    return None if fact is None else fact.value


# (lang, text, field, expected): chair / secretary read from the first place that states them.
PEOPLE = [
    (
        "vi",
        "Chủ trì: đồng chí Lò Thị Hương - Bí thư chi bộ.\nThư ký: đồng chí Nguyễn Thị Trang.",
        "chair",
        "Lò Thị Hương",
    ),
    (
        "vi",
        "Chủ trì: đồng chí Lò Thị Hương - Bí thư chi bộ.\nThư ký: đồng chí Nguyễn Thị Trang.",
        "secretary",
        "Nguyễn Thị Trang",
    ),
    ("vi", "Chủ trì: đồng chí Thượng úy Đỗ Minh Tuấn - Bí thư chi bộ, Chính trị viên.", "chair", "Đỗ Minh Tuấn"),
    (
        "vi",
        "Thành phần: 3/3 đồng chí chi ủy viên: đồng chí Nguyễn Văn Khải - Bí thư chi bộ (chủ trì); "
        "đồng chí Lê Thị Ngọc Ánh - Chi ủy viên (thư ký).",
        "secretary",
        "Lê Thị Ngọc Ánh",
    ),
    (
        "vi",
        "Hôm nay, chi bộ sinh hoạt, Đ/c Lò Văn Chiến bí thư chủ trì, Đ/c Quàng Thị Xuân ghi biên bản, có mặt 14 đ/c.",
        "secretary",
        "Quàng Thị Xuân",
    ),
    # a name cut by the wrap of a long line
    (
        "vi",
        "3. Chủ trì: đồng chí Lò Thị Hương - Bí thư chi bộ. Thư ký: đồng chí Nguyễn Thị Thu\nTrang.\n",
        "secretary",
        "Nguyễn Thị Thu Trang",
    ),
    (
        "vi",
        "Nội dung sinh hoạt\n\nTHƯ KÝ          CHỦ TRÌ\n\nNguyễn Thị Trang          Lò Thị Hương\n",
        "chair",
        "Lò Thị Hương",
    ),
    (
        "ru",
        "Председатель: тов. Лу Ван Минь — секретарь партийной ячейки.\nСекретарь: тов. Нгуен Тхи Тху Чанг — член партии.",
        "chair",
        "Лу Ван Минь",
    ),
    ("ru", "Председатель: тов. Ву Ван Хоп. Протокол: тов. Нгуен Тхи Ло.", "secretary", "Нгуен Тхи Ло"),
    (
        "ru",
        "Собрание вёл секретарь партийной ячейки, директор школы Куанг Ван Фонг. На собрании присутствовали 17.",
        "chair",
        "Куанг Ван Фонг",
    ),
    (
        "ru",
        "Церемонию вёл товарищ Нгуен Ван Тхань, секретарь ячейки; протокол вела товарищ Фан Тхи Лоан, член бюро.",
        "secretary",
        "Фан Тхи Лоан",
    ),
    (
        "ru",
        "Собрание закрыто.\nСекретарь ячейки: Фам Тхи Тху Хыонг\nВёл протокол: Ле Тхи Нгок\n",
        "secretary",
        "Ле Тхи Нгок",
    ),
    ("en", "Chair: Comrade Ma Văn Chiến. Secretary: Comrade Hoàng Thị Dịu.", "chair", "Ma Văn Chiến"),
    ("en", "Chair: Comrade Ma Văn Chiến. Secretary: Comrade Hoàng Thị Dịu.", "secretary", "Hoàng Thị Dịu"),
    (
        "en",
        "The meeting, chaired by cell secretary and deputy director Nguyễn Văn Thành, was attended by 16 of the "
        "cell's 17 members.",
        "chair",
        "Nguyễn Văn Thành",
    ),
    # wrapped prose: the verb is on the next line
    (
        "en",
        "Comrade Lò Văn Thắng, Secretary of the cell and head of the\nvillage, presided over the meeting, and "
        "Comrade Cà Thị Yến took the minutes.",
        "chair",
        "Lò Văn Thắng",
    ),
    (
        "en",
        "the meeting held on 5 March, chaired by Com. Vũ Đức Long cell secretary, minutes by Com. Phạm Thị Liên, "
        "present 30",
        "secretary",
        "Phạm Thị Liên",
    ),
    ("en", "The meeting closed.\nSECRETARY: A Thiên                 MINUTE-TAKER: Y Bli\n", "secretary", "Y Bli"),
    ("en", "Minutes: Lý Thị Hoài      Chair: Nông Văn Thạch\n", "secretary", "Lý Thị Hoài"),
    ("en", "Present: 14 members. Chair: Comrade Lieutenant Colonel Danh Sơn, cell secretary.", "chair", "Danh Sơn"),
]


@pytest.mark.parametrize("lang,text,field,expected", PEOPLE)
def test_chair_and_secretary(lang, text, field, expected):
    assert _value(getattr(_meeting(text, lang), field)) == expected


# (lang, text, expected counts): total, present, absent with reason, absent without reason, exempt.
ATTENDANCE = [
    (
        "vi",
        "Tổng số đảng viên: 19 đồng chí. Có mặt: 17/19 đồng chí. Vắng 2 đồng chí: 1 có lý do (đồng chí Lò Văn Pan "
        "đi viện), 1 không lý do (đồng chí Vàng A Sinh).",
        (19, 17, 1, 1, None),
    ),
    (
        "vi",
        "Tổng số đảng viên của chi bộ: 23 đồng chí; không có đảng viên miễn sinh hoạt. Có mặt 19/23 đồng chí.\n"
        "Cộng: vắng 4 đồng chí (3 có lý do, 1 không có lý do)",
        (23, 19, 3, 1, 0),
    ),
    (
        "vi",
        "Sau khi đồng chí Ín từ trần, chi bộ còn 23 đảng viên, trong đó 3 đồng chí được miễn sinh hoạt; số đảng viên "
        "phải sinh hoạt là 20 đồng chí. Có mặt 18/20 đồng chí.",
        (23, 18, None, None, 3),
    ),
    ("vi", "Chi bộ hiện có 19 đảng viên. Dự sinh hoạt có 18/19 đồng chí.", (19, 18, None, None, None)),
    ("vi", "- Đảng viên:\nTổng số\nCó mặt\nVắng có lý do\nVắng không lý do\n11\n10\n1\n0\n", (11, 10, 1, 0, None)),
    # "hai tháng liền" is a duration, not a count; "tháng 8 không lý do" no count either
    (
        "vi",
        "Có mặt 2/3 đồng chí. Đồng chí Việt vắng sinh hoạt không lý do hai tháng liền, vắng sinh hoạt tháng 8 "
        "không lý do.",
        (3, 2, None, None, None),
    ),
    (
        "ru",
        "Всего в ячейке 15 членов партии; присутствовали 12 из 15; отсутствовали по\nуважительной причине 3 "
        "(в наряде); без уважительной причины — нет.",
        (15, 12, 3, 0, None),
    ),
    (
        "ru",
        "Из 33 членов партии ячейки на церемонии присутствовал 31 товарищ; двое отсутствовали по уважительной причине.",
        (33, 31, 2, None, None),
    ),
    ("ru", "Присутствовали 11/13; отсутствовали 2 по уважительной причине (работают далеко).", (13, 11, 2, None, None)),
    ("ru", "Всего членов партии: 9; присутствовали 9/9; отсутствующих нет.", (9, 9, 0, 0, None)),
    (
        "en",
        "Total members: 25, of whom 2 are exempt from meetings. Present: 19/23. Absent with leave: 3. "
        "Absent without leave: 1.",
        (25, 19, 3, 1, 2),
    ),
    (
        "en",
        "Of the\ncell's 24 members, 21 were present; 2 were absent with leave and 1 was absent without leave.",
        (24, 21, 2, 1, None),
    ),
    (
        "en",
        "Present: 32 of 35 members of the cell; 3 absent with leave (on exam supervision).",
        (35, 32, 3, None, None),
    ),
    (
        "en",
        "Attendance: 12 of 13 members present; Comrade Huỳnh Văn Tài absent with leave (on duty at the ferry).",
        (13, 12, 1, None, None),
    ),
    (
        "en",
        "The meeting began with 19/23 members present; three members were absent with leave and one without leave.",
        (23, 19, 3, 1, None),
    ),
    (
        "en",
        "The cell has 18 members. Present: 17/18. Absent with leave: 1 (Comrade Mùa A Chống). Absent without leave:\n"
        "none.",
        (18, 17, 1, 0, None),
    ),
    (
        "ru",
        "Всего в ячейке 13 членов партии. Присутствовали 12; отсутствовала по\nуважительной причине тов. Ву Тхи Хоа "
        "(болеет).",
        (13, 12, 1, None, None),
    ),
    (
        "vi",
        "Hai đảng viên vắng mặt đều có lý do: một người đi viện, một người đi làm ăn xa. Có mặt 19/21 đảng viên.",
        (21, 19, 2, None, None),
    ),
    (
        "en",
        "Meeting from 14h00, present 7 comrades, absent Com. Hoàng Văn Ích. Training finished: 36/40 militiamen "
        "passed.",
        (None, 7, None, None, None),
    ),
    # named absentees with their reasons, counted; one "vắng không có lý do" is one without reason
    (
        "vi",
        "Chi bộ có 19 đảng viên, có mặt 16/19 đồng chí. Vắng 03 đồng chí: đồng chí Bạc Thị Hồng nghỉ thai sản và "
        "đồng chí Phạm Thị Lan Anh về quê có việc gia đình (có báo cáo); đồng chí Lò Văn Sơn vắng không có lý do.",
        (19, 16, 2, 1, None),
    ),
    # a count before the cue over a comma; "đều có lý do" gives no count of the unexcused
    (
        "vi",
        "- Có mặt: 18/21 đồng chí. Vắng 3 đồng chí, đều có lý do: đồng chí Quàng Văn Tuấn,\nđồng chí Lường Văn Toàn "
        "(đi làm ăn xa), đồng chí Cầm Thị Hoa (đi học).",
        (21, 18, 3, None, None),
    ),
    # a name cut by a wrapped line
    (
        "vi",
        "Tổng số đảng viên: 11 đồng chí. Có mặt: 9/11 đồng chí. Vắng có lý do: đồng chí Tạ\nVăn Khoa (đi học lý "
        "luận chính trị), đồng chí Lò Văn Minh (nghỉ ốm).\nNỘI DUNG",
        (11, 9, 2, None, None),
    ),
    # the count first, a long reason, then the cue
    (
        "vi",
        "chi bộ sinh hoạt tháng 11/2023, có mặt 14 đ/c dảng viên, vắng 2 đ/c đi làm thuê ở Bình Dương có báo.",
        (None, 14, 2, None, None),
    ),
    # "trong đó có lý do 3": the breakdown's count, not the absence count
    (
        "vi",
        "Có mặt 15/20 đồng chí. Vắng 5 đồng chí, trong đó có lý do 3 đồng chí (đồng chí Quàng Văn Tuấn đi làm ăn xa), "
        "không lý do 2 đồng chí.",
        (20, 15, 3, 2, None),
    ),
    # the cell's name between "Chi bộ" and its size; the ratio counts those due to attend
    (
        "vi",
        "Chi bộ thôn Trung Tiến có 42 đảng viên, trong đó 9 đồng chí được miễn sinh hoạt; có mặt 31/33 đảng viên "
        "phải dự, vắng 2 đồng chí có lý do.",
        (42, 31, 2, None, 9),
    ),
    # "all 11 members" present: the whole cell
    (
        "ru",
        "На церемонии присутствовали все 11 членов партии ячейки, а также товарищ Фунг Ван Тиен.",
        (11, 11, None, None, None),
    ),
    # a member table: marks in "Có mặt", reasons in "Vắng (lý do)", the total row gives the counts
    (
        "vi",
        "Đảng viên dự họp (tổng số 11 đồng chí):\nSTT\nHọ và tên\nCó mặt\nVắng (lý do)\n1\nNguyễn Mạnh Hùng\nx\n"
        "2\nLò Văn Minh\nĐi công tác\nTổng\n10/11\n01\n\nNỘI DUNG\nBiểu quyết: 9/9 đảng viên chính thức có mặt tán thành.",
        (11, 10, 1, None, None),
    ),
]


@pytest.mark.parametrize("lang,text,expected", ATTENDANCE)
def test_attendance(lang, text, expected):
    attendance = _meeting(text, lang).attendance
    names = ("total_members", "present", "absent_with_reason", "absent_without_reason", "exempt")
    assert tuple(_value(getattr(attendance, name)) for name in names) == expected


# (lang, text, expected date): the opening, a news item's day and month without a year, not a cited document.
DATES = [
    ("vi", "Hôm nay, vào hồi 14 giờ 00 phút ngày 28/10/2023, tại Phòng họp, Chi bộ tiến hành sinh hoạt.", "2023-10-28"),
    (
        "vi",
        "Cập nhật: 16:42, 18/9/2024\nChiều 17/9, Chi bộ bản Nà Ban (Đảng bộ xã Phúc Than) tổ chức\n"
        "sinh hoạt chuyên đề quý III. Chi bộ hiện có 27 đảng viên; buổi sinh hoạt có 25/27 đảng viên tham dự.",
        "2024-09-17",
    ),
    (
        "vi",
        "07/12/2023\nChiều 5/12, tại Nhà văn hóa bản Mì, 19/21 đảng viên của chi bộ có mặt đúng 14 giờ.",
        "2023-12-05",
    ),
    (
        "vi",
        "Thứ Sáu, 19/05/2023\nSáng 19/5, nhân kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023), Chi bộ "
        "tổ chức Lễ kết nạp đảng viên; có mặt 14/15 đảng viên.",
        "2023-05-19",
    ),
    (
        "ru",
        "Партийная ячейка выбрана по Плану № 95-KH/HU от 14 ноября 2022 года: каждое собрание о работе. На собрании "
        "5 июня 2023 года присутствовали 7/7 членов партии.",
        "2023-06-05",
    ),
    (
        "en",
        "November 26, 2024\nBAC GIANG - On November 25, Deputy Secretary Lê Thị Thu Hồng attended the monthly meeting "
        "of the Party Cell, held at 4:30 p.m. in the company's meeting hall; 16 of the cell's 17 members attended.",
        "2024-11-25",
    ),
]


@pytest.mark.parametrize("lang,text,expected", DATES)
def test_meeting_date(lang, text, expected):
    assert _value(_meeting(text, lang).date) == expected


PLACES = [
    (
        "vi",
        "Hôm nay, vào hồi 14 giờ 00 ngày 28/10/2023, tại Phòng họp Hội đồng sư phạm Trường Tiểu học\nMường Mít, Chi bộ "
        "tiến hành sinh hoạt.",
        "Phòng họp Hội đồng sư phạm Trường Tiểu học Mường Mít",
    ),
    (
        "vi",
        "Địa điểm: Hội trường Hợp tác xã nông nghiệp Hải Đường, huyện Hải Hậu, tỉnh Nam Định.\n",
        "Hội trường Hợp tác xã nông nghiệp Hải Đường, huyện Hải Hậu, tỉnh Nam Định",
    ),
    ("vi", "Địa điểm: Nhà văn hóa tổ dân phố số 9 (tầng 2).\n", "Nhà văn hóa tổ dân phố số 9"),
    (
        "en",
        "Place: the meeting room of Nam Phong Tea Joint Stock Company.\n",
        "meeting room of Nam Phong Tea Joint Stock Company",
    ),
    (
        "en",
        "Venue: cultural house of residential group No. 7, Dong Phong ward.\n",
        "cultural house of residential group No. 7, Dong Phong ward",
    ),
    (
        "ru",
        "Сегодня, 12 мая 2024 года, в клубе пограничной заставы Ма Лу Тханг (уезд Фонг Тхо) состоялось собрание.",
        "клубе пограничной заставы Ма Лу Тханг",
    ),
]


@pytest.mark.parametrize("lang,text,expected", PLACES)
def test_place(lang, text, expected):
    assert _value(_meeting(text, lang).place) == expected


def test_start_time_keeps_pm_across_abbreviation():
    text = (
        "On November 25 the cell held its monthly meeting at 4:30 p.m. after the day shift; 16 of 17 members attended."
    )
    assert _value(_meeting(text, "en", kind="news").start_time) == "16:30"


def test_date_is_no_time():
    text = "Протокол собрания ячейки, 15.11.2023\nПредседатель: тов. Ву Ван Хоп.\nПрисутствовали 11/13."
    assert _meeting(text, "ru").start_time is None


def test_news_item_read_as_resolution_still_reports_its_meeting():
    text = (
        "Báo Lai Châu điện tử\nChiều 10/3, đồng chí Hoàng Văn Nam dự buổi sinh hoạt chi bộ định kỳ tháng 3 của Chi bộ "
        "bản Vàng Pheo. Buổi sinh hoạt bắt đầu lúc 14 giờ tại Nhà văn hóa bản, có 18/20 đảng viên tham dự; "
        "đồng chí Lò Văn Thanh, Bí thư Chi bộ chủ trì. Chi bộ thông qua nghị quyết tháng 3."
    )
    dates, _ = extract_dates(text, lang="vi")
    meeting = extract_meeting(text, lang="vi", kind="resolution", header=None, title=None, dates=dates)
    assert meeting is not None
    assert _value(meeting.chair) == "Lò Văn Thanh"
    assert _value(meeting.attendance.present) == 18


def test_other_documents_have_no_meeting():
    text = "NGHỊ QUYẾT\nvề nhiệm vụ năm 2024\nChi bộ họp ngày 5/1/2024, có mặt 19/23 đồng chí."
    assert extract_meeting(text, lang="vi", kind="plan", header=None, title=None, dates=[]) is None
