"""Rule evidence for "the meeting dealt with the cell's political tasks": a concrete review of results
AND concrete next-period tasks; generic formulas, a missing half or a dues-only meeting are not."""

from __future__ import annotations

import pytest

from extractors.header import key
from extractors.political import classify_political_tasks, rule_evidence
from extractors.sentences import split_sentences


def _score(text: str, lang: str) -> float:
    return rule_evidence(text, key(text), split_sentences(text), lang=lang).score


POSITIVE = [
    (
        "vi",
        "2. Đánh giá kết quả thực hiện nhiệm vụ tháng 11/2022\n"
        "- Thu hoạch xong 38 ha lúa mùa, năng suất bình quân 52 tạ/ha; 100% hộ tham gia vệ sinh đường làng.\n"
        "- Hạn chế: còn 3 hộ chưa làm nhà tiêu hợp vệ sinh; việc làm đất vụ đông mới đạt 60%.\n"
        "3. Phương hướng nhiệm vụ tháng 12/2022\n"
        "- Gieo trồng 5 ha ngô đông, hoàn thành trước ngày 15/12/2022; phân công đồng chí Lò Văn Thương phụ trách.\n"
        "- Vận động 3 hộ làm nhà tiêu hợp vệ sinh; phân công đồng chí Hoàng Thị Lan.\n",
    ),
    (
        "ru",
        "I. ИТОГИ АВГУСТА\nМайор Ле Ван Зунг доложил:\n"
        "- отряд провёл 46 патрулей на участке от знака № 29 до № 35, в том числе 12 совместных;\n"
        "- раскрыто 2 дела о незаконном обороте наркотиков, задержано 3 человека;\n"
        "II. ЗАДАЧИ НА СЕНТЯБРЬ\n"
        "- Установить рацию у старосты деревни до 5 сентября — капитан Нонг Ван Кыонг.\n"
        "- Провести 10 бесед с населением о вреде наркотиков — лейтенант Ло Ван Минь.\n",
    ),
    (
        "en",
        "May results: 27 ha of rice transplanted (100% of plan); 2 households repaid VND 24 million.\n"
        "June tasks: Comrade Lý Văn Sang - apply for 300 kg of fertiliser support by 20/6; "
        "Comrade Hoàng Thị Dịu - register 4 children for the summer swimming class.\n",
    ),
    # a news item: the review and the tasks each in one paragraph
    (
        "en",
        "Reviewing October, the cell reported export turnover of USD 3.2 million and average wages of VND 8.9 million "
        "for its 1,450 workers, but 38 workers left in October.\n"
        "The November tasks were assigned by name: Nguyễn Văn Thành will propose a bonus plan by December 15; "
        "Phạm Văn Hòa will recruit 120 workers for the new line.\n",
    ),
    # a hard-wrapped paragraph still reads as one sentence
    (
        "en",
        "Comrade Lò Văn Thắng reported that the village finished harvesting 38 ha of terraced\n"
        "rice on 15/9/2024 with an average yield of 4.2 tonnes per hectare, 0.3 tonnes more\nthan last year.\n"
        "For October the cell assigned the following tasks: Comrade Lò Văn Biên will organise\n"
        "the planting of 6 ha of winter maize before 20/10/2024.\n",
    ),
]

NEGATIVE = [
    # generic formulas only
    (
        "en",
        "2. Assessment of August: In August the party members of the cell fulfilled their assigned tasks well, "
        "strictly observed the Party's guidelines.\n3. Tasks for September: Continue to perform the assigned tasks well.\n"
        "4. Party dues: collected in full for August.\n",
    ),
    (
        "vi",
        "1. Kết quả tháng 6: chi bộ cơ bản hoàn thành các nhiệm vụ được giao, đảng viên tư tưởng ổn định.\n"
        "2. Nhiệm vụ tháng 7: tiếp tục thực hiện tốt các nhiệm vụ theo kế hoạch của cấp trên.\n",
    ),
    # tasks only: a table of assignments whose cells mention "đạt" is no review
    (
        "vi",
        "2. Nhiệm vụ tháng 8/2024, phân công đảng viên.\nChi bộ thống nhất phân công:\nTT\nNhiệm vụ\nNgười phụ trách\n"
        "Thời hạn\n1\nLập dự toán sửa mái tôn nhà văn hóa\nHoàng Văn Phụng\nTrước 20/8\n2\n"
        "Vận động quỹ khuyến học, lập danh sách học sinh đạt thành tích cao\nLê Thị Thanh\nXong trước 31/8/2024\n",
    ),
    # documents and dues only
    ("ru", "1. Доведены документы вышестоящих органов.\n2. Собраны партийные взносы за март.\n"),
    # dues collected with figures and a vote are no review; the title is none either: tasks only
    (
        "ru",
        "ПРОТОКОЛ собрания ячейки за январь 2024 года\nПартийные взносы за январь 2024 года: собрано 19 человек, "
        "285 000 донгов.\nЗадачи на период до Тэта:\n- тов. Хоанг Тхи Бик провести уборку переулков 4 и 6 до 4 февраля.\n"
        "Голосовали: 19 из 19, 100%.\n",
    ),
    (
        "vi",
        "Thu đảng phí tháng 8/2023: 16 đồng chí có mặt nộp, số tiền 1.280.000 đồng.\nBiểu quyết: 16/16 đồng chí "
        "tán thành, đạt 100%.\n3. Nhiệm vụ tháng 9: phân công đồng chí Lò Văn Sơn sửa lớp học trước ngày 30/8/2023.\n",
    ),
]


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("ru", "Тов. До Тхи Тхом напомнила о Плане № 08-KH/DU от 12 января 2024 года."),
        ("en", "The secretary recalled the plan of June 16, 2022 and the directive of 2023."),
        ("vi", "Đồng chí Hà nhắc lại Kế hoạch ngày 12 tháng 1 năm 2024."),
    ],
)
def test_written_date_or_year_is_no_result(lang, sentence):
    # a review sentence whose only numbers are a date or a year is no more concrete than without them
    from extractors.political import _concreteness, _patterns

    assert _concreteness(sentence, written_date=_patterns(lang).written_date) < 0.35


# Short snippets: a full set of minutes scores higher (more sentences on each side). The margin
# between the two groups is what matters: the decision threshold sits between them.
@pytest.mark.parametrize("lang,text", POSITIVE)
def test_concrete_review_and_tasks_score_high(lang, text):
    assert _score(text, lang) >= 0.4


@pytest.mark.parametrize("lang,text", NEGATIVE)
def test_generic_or_one_sided_scores_low(lang, text):
    assert _score(text, lang) < 0.15


def test_honorific_abbreviation_does_not_cut_an_assignment():
    # "Задачи июль: тов." + "Ли Ми Чу подготовить ...": one task sentence, named and with a deadline
    text = (
        "Тов. Па доложил итоги июня: задержаны 2 человека, оформлено 146 карт идентификации, изъято 5 тонн дров. "
        "Задачи июль: тов. Ли Ми Чу подготовить письмо в народный комитет о знаках до 15.07; тов. Ван Тхи Чанг "
        "карты идентификации, цель ещё 150 карт."
    )
    assert _score(text, "ru") >= 0.5


def test_task_section_claims_sentences_with_both_cues():
    text = (
        "1. Kết quả tháng 6/2023\nĐ/c Bí thư đánh giá: trong tháng, cơ quan thu ngân sách đạt 52% dự toán.\n"
        "2. Nhiệm vụ tháng 7/2023\n- Xây dựng báo cáo sơ kết 6 tháng đầu năm, trình UBND huyện trước ngày 05/7/2023 - "
        "đ/c Đỗ Thị Thanh Huyền.\n"
    )
    evidence = rule_evidence(text, key(text), split_sentences(text), lang="vi")
    review = {evidence.sentences[i] for _, i in evidence.review}
    task_sentence = next(s for s in evidence.sentences if "sơ kết" in text[s[0] : s[1]])
    assert task_sentence not in review
    assert task_sentence in {evidence.sentences[i] for _, i in evidence.task}


def test_decision_points_at_sentences():
    text = POSITIVE[0][1]
    decision = classify_political_tasks(text, lang="vi", sentences=split_sentences(text), model_score=0.9)
    assert decision.addressed
    assert decision.review_evidence and decision.task_evidence
    for span in [*decision.review_evidence, *decision.task_evidence, *decision.evidence]:
        assert text[span.start : span.end] == span.text


def test_model_alone_cannot_decide_against_empty_rules():
    text = "Chi bộ sinh hoạt, thu đảng phí tháng 3.\n"
    decision = classify_political_tasks(text, lang="vi", sentences=split_sentences(text), model_score=0.9)
    assert not decision.addressed
