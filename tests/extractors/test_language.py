"""Language detection on short, mixed and sloppy texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.language import detect_language

ROWS = [
    ("vi", "NGHỊ QUYẾT"),
    ("vi", "Biên bản sinh hoạt chi bộ tháng 10 năm 2023"),
    ("vi", "Nghi quyet so 21-NQ/TW ngay 16/6/2022 cua Ban Chap hanh Trung uong"),  # diacritics lost
    ("vi", "BIEN BAN SINH HOAT CHI BO THANG 10"),
    ("vi", "Đồng chí Bí thư chi bộ phổ biến Resolution 21 và Decree 30/2020/NĐ-CP"),  # quotes English
    ("ru", "Постановление № 21-NQ/TW от 16 июня 2022 года"),
    ("ru", "Партийная ячейка Финансов провела собрание 28-го числа, присутствовали 5/5 членов партии."),
    ("ru", "Товарищ Фан Ван Нгок, секретарь ячейки, сказал: Than Uyên выполнил план 161-KH/HU."),
    ("en", "Resolution No. 21-NQ/TW dated June 16, 2022"),
    ("en", "Minutes of the party cell meeting"),
    ("en", "The Than Uyên District Party Committee held a meeting of the Phúc Than commune party cell."),
    ("en", "The district piloted the Four Good model in three cells under Plan 161-KH/HU."),
]


@pytest.mark.parametrize("lang,text", ROWS)
def test_language_detected(lang, text):
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("text", ["", "21-NQ/TW", "16/6/2022 - 30/2020/NĐ-CP", "   \n\t"])
def test_language_none_without_words(text):
    assert detect_language(text)[0] is None


@given(st.text(max_size=300))
def test_language_scores_are_shares(text):
    _, scores = detect_language(text)
    assert set(scores) == {"vi", "ru", "en"}
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3) or sum(scores.values()) == 0.0
