"""The whole pipeline: never raises, offsets slice, errors are data; the CLI's contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chibo.cli import app
from extractors.pipeline import process, process_text
from models.records import DocumentResult

# Text that looks like the field: document numbers, dates, Vietnamese words, noise.
_PIECES = st.sampled_from(
    [
        "Số: 161-KH/HU",
        "21-NQ/TW",
        "ngày 16/6/2022",
        "16 tháng 6 năm 2022",
        "30/2020/NĐ-CP",
        "№ 24-CTr/TU",
        "16 июня 2022 года",
        "June 16, 2022",
        "tháng 10/2023",
        "ngày 24, 25/9/2022",
        "19/23 đồng chí",
        "31/2/2023",
        "BIÊN BẢN",
        "SINH HOẠT CHI BỘ",
        "Chủ trì: đồng chí Nguyễn Văn An",
        "Có mặt: 19/23",
        "\n",
        " ",
        "-",
        "/",
        "nhiệm vụ chính trị",
        "phân công",
        "ngày 28 hằng tháng",
        "Đảng",
        "hoà",
        "hòa",
        "\u0301",
        "\ufeff",
        "\x00",
    ]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join))


def _spans(result: DocumentResult):
    """Every (text, start, end) the record claims, wherever it sits in the record."""

    def walk(value):
        if isinstance(value, dict):
            if {"text", "start", "end"} <= value.keys() and isinstance(value["start"], int):
                yield value["text"], value["start"], value["end"]
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(result.model_dump(by_alias=True))


def _check_offsets(result: DocumentResult) -> None:
    assert result.text is not None
    for text, start, end in _spans(result):
        assert result.text[start:end] == text, (text, start, end)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_any_text_gives_a_record_whose_offsets_slice(text):
    result = process_text(text, with_text=True)
    assert result.status in ("ok", "partial", "failed")
    if result.status != "failed":
        _check_offsets(result)
    else:
        assert result.errors


@pytest.mark.parametrize(
    "text",
    [
        "BIÊN BẢN\nSINH HOẠT CHI BỘ\nCó mặt 9/10 đồng chí. Vắng: đồng chí Lò Văn A,",
        "BIÊN BẢN HỌP CHI BỘ\nVắng 2 đồng chí: đ/c Hà Văn B;",
        "Minutes of the party cell meeting\nAbsent: Comrade Ha Van B,",
    ],
)
def test_minutes_cut_after_an_absentee_list_end(text):
    # A text ending in "," or ";" after an absence cue once looped forever in the absentee reader.
    result = process_text(text)
    assert result.meeting is not None
    assert result.meeting.attendance.absentees


def test_a_long_document_is_one_record_with_correct_offsets():
    paragraph = "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương; kế hoạch 161-KH/HU.\n"
    result = process_text(paragraph * 3000, with_text=True)
    assert result.status == "ok"
    assert len(result.doc_numbers) == 6000
    assert {d.value for d in result.dates} == {"2022-06-16"}
    _check_offsets(result)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<<", "PDF"),
        ("notzip.docx", b"this is not a zip archive at all", "docx"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported"),
        ("binary.txt", bytes(range(256)) * 20, ""),
    ],
)
def test_bad_files_fail_with_a_clear_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = process(path)
    assert result.status == "failed"
    assert result.errors and result.errors[0].message
    assert message.lower() in " ".join(e.message for e in result.errors).lower()


def test_missing_file_is_failed_not_raised(tmp_path):
    result = process(tmp_path / "nowhere.txt")
    assert result.status == "failed"
    assert "not found" in result.errors[0].message


def test_cli_jsonl_keeps_input_order_and_goes_on_after_bad_files(tmp_path):
    good = tmp_path / "b.txt"
    good.write_text("Nghị quyết số 21-NQ/TW ngày 16/6/2022\n", encoding="utf-8")
    bad = tmp_path / "a.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(app, ["extract", str(good), str(bad), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["path"] for r in records] == [str(good), str(bad)]
    assert records[0]["status"] == "ok"
    assert records[0]["doc_numbers"][0]["normalized"] == "21-NQ/TW"
    assert records[0]["doc_numbers"][0]["date"] == "2022-06-16"
    assert records[0]["dates"][0] == {
        "text": "16/6/2022",
        "start": 28,
        "end": 37,
        "value": "2022-06-16",
        "precision": "day",
        "year_inferred": False,
        "producer": "dates.numeric.dmy.v1",
    }
    assert records[1]["status"] == "failed"
    DocumentResult.model_validate(records[0])


def test_cli_folder_is_searched_recursively_by_extension(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.TXT").write_text("Kế hoạch số 161-KH/HU\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    assert [json.loads(line)["path"] for line in result.output.splitlines()] == [str(tmp_path / "sub" / "x.TXT")]


@pytest.mark.parametrize("args", [["extract"], ["extract", "/no/such/path"], ["extract", "x", "--format", "xml"]])
def test_cli_bad_usage_exits_2(args):
    assert CliRunner().invoke(app, args).exit_code == 2


def test_cli_table_summarises_documents_and_meetings(tmp_path):
    minutes = tmp_path / "bb.txt"
    minutes.write_text(
        "CHI BỘ THÔN NÀ CANG\nNà Cang, ngày 28 tháng 10 năm 2023\nBIÊN BẢN\nSINH HOẠT CHI BỘ THÁNG 10/2023\n"
        "Chủ trì: đồng chí Lò Văn An. Thư ký: đồng chí Lò Thị Bình.\nCó mặt 19/23 đồng chí.\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.pdf").write_bytes(b"junk")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "table"])
    assert result.exit_code == 0
    assert "bb.txt" in result.output and "2023-10-28 19/23" in result.output
    assert "ok 1, partial 0, failed 1" in result.output
    assert "1 meetings" in result.output
