"""Golden files: every corpus document, as users upload it, against its gold annotation.

Document numbers, language and kind must match the gold exactly; dates must match except in the
documents listed in KNOWN_DATE_GAPS (each one a measured, explained miss); every span the record
claims slices the normalised text; the traps listed in the gold are never extracted.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import process
from extractors.training import find_document
from models.records import DocumentResult

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "gold").glob("*.json"))
# id -> why the dates of that document do not all match yet (keep short; fix, then remove).
KNOWN_DATE_GAPS: dict[str, str] = {}


def _document(doc_id: str) -> Path:
    found = find_document(CORPUS / "docs", doc_id)
    assert found, f"{doc_id}: no document in corpus/docs (run: uv run python corpus/build.py)"
    return found


@cache
def _result(doc_id: str) -> DocumentResult:
    return process(_document(doc_id), with_text=True)


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_corpus_is_large_and_varied():
    golds = [_gold(p) for p in GOLD]
    assert len(golds) >= 60
    assert {g["language"] for g in golds} == {"vi", "ru", "en"}
    assert {_document(g["id"]).suffix for g in golds} == {".txt", ".docx", ".pdf"}


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_document_matches_gold(gold_path):
    gold = _gold(gold_path)
    result = _result(gold["id"])
    assert result.status in ("ok", "partial"), result.errors
    assert result.language == gold["language"]
    assert result.kind == gold["kind"]
    assert [n.normalized for n in result.doc_numbers] == [n["normalized"] for n in gold.get("doc_numbers", [])]
    want_dates = Counter((d["value"], d["precision"]) for d in gold.get("dates", []))
    got_dates = Counter((d.value, d.precision) for d in result.dates)
    if gold["id"] in KNOWN_DATE_GAPS:
        pytest.xfail(KNOWN_DATE_GAPS[gold["id"]])
    assert got_dates == want_dates


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_spans_slice_the_text_and_traps_stay_out(gold_path):
    gold = _gold(gold_path)
    result = _result(gold["id"])
    text = result.text or ""
    for fact in [*result.doc_numbers, *result.dates, *result.recurring_dates]:
        assert text[fact.start : fact.end] == fact.text
    found = {n.text for n in result.doc_numbers} | {d.text for d in result.dates}
    for trap in [*gold.get("not_dates", []), *gold.get("not_numbers", [])]:
        assert trap not in found, f"trap {trap!r} was extracted"
