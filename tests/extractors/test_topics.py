"""Topic keywords per language: a substantive discussion is found, a passing or generic word is not."""

from __future__ import annotations

import pytest

from extractors.sentences import split_sentences
from extractors.topics import extract_topics, heading_sentences


def _labels(text: str, lang: str) -> set[str]:
    return {t.label for t in extract_topics(text, lang=lang, sentences=split_sentences(text))}


FOUND = [
    (
        "vi",
        "party_dues_finance",
        "3. Thu nộp đảng phí\nChi bộ thu đảng phí tháng 10 của 19 đồng chí, tổng 1.250.000 đồng.",
    ),
    (
        "vi",
        "membership",
        "4. Công tác phát triển đảng viên\nChi bộ xét đề nghị kết nạp quần chúng ưu tú Lò Thị Phương; "
        "phân công đảng viên giúp đỡ quần chúng học lớp nhận thức về Đảng.",
    ),
    (
        "vi",
        "defence_security",
        "Tình hình an ninh trật tự: tổ tuần tra bắt 1 vụ trộm cắp; tuyên truyền phòng chống ma túy.",
    ),
    (
        "ru",
        "party_dues_finance",
        "4. Партийные взносы\nПартийные взносы за февраль собраны с 19 товарищей, всего 1 236 000 донгов.",
    ),
    ("ru", "defence_security", "Отряд провёл 46 патрулей на границе; раскрыто 2 дела о наркотиках."),
    (
        "en",
        "membership",
        "The cell considered the admission of an outstanding candidate and the transfer of a probationary "
        "member to full member.",
    ),
    (
        "en",
        "socio_economic",
        "The village harvested 38 ha of rice with a yield of 4.2 tonnes; maize planting and the tea harvest went on.",
    ),
    # the weak labels: their own words, recurring or heading an agenda item
    (
        "vi",
        "mass_mobilisation",
        "Phối hợp Ban công tác Mặt trận hòa giải thành 01 vụ tranh chấp đất vườn giữa hai hộ.\n"
        "Chi bộ giao đồng chí Hùng tiếp tục hòa giải, nắm tâm tư, nguyện vọng của bà con.",
    ),
    (
        "vi",
        "emulation_awards",
        '3. Sơ kết thí điểm xây dựng "chi bộ bốn tốt"\nChi bộ đăng ký các chỉ tiêu thi đua năm 2023.',
    ),
    (
        "ru",
        "social_welfare_culture",
        "Ячейка организовала помощь семьям погибших и малоимущим семьям.\n"
        "После тайфуна пострадавшим домам выдана гуманитарная помощь.",
    ),
    (
        "en",
        "mass_mobilisation",
        "The cell asked the women's branch to persuade the families; the front committee mediated the land dispute.",
    ),
    (
        "en",
        "personnel_organisation",
        "2. Preparing the cell congress\nThe cell nominated two comrades for the new committee.",
    ),
]

NOT_FOUND = [
    # the meeting place "nhà văn hóa" is no cultural activity; one passing word is no discussion
    ("vi", "social_welfare_culture", "Hôm nay, tại Nhà văn hóa bản, chi bộ tiến hành sinh hoạt."),
    # every minutes rates its own meeting: that is no criticism and rating discussion
    ("en", "criticism_rating", "Meeting rating: Good."),
    # the attendance line names exempt members: no membership topic
    ("vi", "membership", "Tổng số đảng viên: 25 đồng chí, miễn sinh hoạt 2 đồng chí; có mặt 21/23 đồng chí."),
    # "phải" holds no number and "nhân dân" alone is no mass mobilisation
    ("vi", "mass_mobilisation", "Đảng viên phải gương mẫu trước nhân dân."),
    # a single sentence naming a topic is a passing mention when no classifier backs it
    ("vi", "party_dues_finance", "Buổi sinh hoạt chỉ đọc văn bản và thu đảng phí."),
    # names of bodies and compounds that contain a topic word are no topic
    (
        "en",
        "mass_mobilisation",
        "The People's Committee of the commune approved the plan; 240 households now have clean water.",
    ),
    ("en", "social_welfare_culture", "The socio-economic plan was reviewed; the social situation stayed stable."),
    (
        "ru",
        "social_welfare_culture",
        "Ячейка изучила задачи социально-экономического развития района и социально значимые объекты.",
    ),
    ("ru", "policy_dissemination", "Согласно Постановлению № 21-NQ/TW ячейка провела собрание."),
    ("ru", "emulation_awards", "Обеспечена безопасность дорожного движения; нарушений правил движения нет."),
]


@pytest.mark.parametrize("lang,label,text", FOUND)
def test_topic_found(lang, label, text):
    assert label in _labels(text, lang)


@pytest.mark.parametrize("lang,label,text", NOT_FOUND)
def test_passing_mention_is_no_topic(lang, label, text):
    assert label not in _labels(text, lang)


def test_headings_are_agenda_items():
    text = "NỘI DUNG\n1. Thông báo thời sự\nChi bộ nghe thông báo.\nÝ kiến thảo luận:\n"
    sentences = split_sentences(text)
    heads = {text[sentences[i][0] : sentences[i][1]] for i in heading_sentences(text, sentences)}
    assert "NỘI DUNG" in heads and "1. Thông báo thời sự" in heads and "Ý kiến thảo luận:" in heads
    assert "Chi bộ nghe thông báo." not in heads


def test_every_topic_with_keywords_has_evidence():
    text = (
        "1. Công tác dân vận\nChi bộ phối hợp Ban công tác Mặt trận hòa giải vụ tranh chấp đất.\n"
        "2. Thu nộp đảng phí\nThu đảng phí tháng 10 của 19 đồng chí."
    )
    topics = extract_topics(text, lang="vi", sentences=split_sentences(text), model_scores={"mass_mobilisation": 0.2})
    assert {t.label for t in topics} >= {"mass_mobilisation", "party_dues_finance"}
    assert all(t.evidence and all(text[e.start : e.end] == e.text for e in t.evidence) for t in topics)


def test_a_passing_mention_needs_the_classifier():
    # one sentence, one keyword: below KEYWORD_THRESHOLD alone, kept when the classifier is sure
    text = "Buổi sinh hoạt chỉ đọc văn bản và thu đảng phí."
    sentences = split_sentences(text)
    assert "party_dues_finance" not in _labels(text, "vi")
    with_model = extract_topics(text, lang="vi", sentences=sentences, model_scores={"party_dues_finance": 0.95})
    assert [t.label for t in with_model] == ["party_dues_finance"] and with_model[0].evidence


def test_model_probability_combines_with_keywords():
    text = "3. Thu nộp đảng phí\nChi bộ thu đảng phí tháng 10."
    with_model = extract_topics(
        text, lang="vi", sentences=split_sentences(text), model_scores={"party_dues_finance": 0.0}
    )
    assert all(t.label != "party_dues_finance" or t.producer.endswith("textcat.v1") for t in with_model)
