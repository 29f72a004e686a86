"""The published JSON Schema is generated from the pydantic models and must not go stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from models.records import DocumentResult, SpanFact

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "document-result.schema.json"


def test_records_published_schema_is_current():
    published = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert published == DocumentResult.model_json_schema(), (
        "run: uv run chibo schema > schema/document-result.schema.json"
    )


def test_records_reject_unknown_fields():
    with pytest.raises(ValidationError):
        SpanFact(text="a", start=0, end=1, extra=1)


def test_records_are_frozen():
    span = SpanFact(text="a", start=0, end=1)
    with pytest.raises(ValidationError):
        span.start = 2
