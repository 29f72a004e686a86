"""Record types of one processed document: the public, versioned output of `chibo extract`.

Every fact carries `start`/`end` character offsets into the document's normalised text (NFC, see
`extractors.normalise`), the exact `text` those offsets slice, and the id of the pattern or model that
produced it, so an analyst can see why it is there. `DocumentResult.model_json_schema()` is the source
of the published JSON Schema (`chibo schema`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Language = Literal["vi", "ru", "en"]
Format = Literal["txt", "docx", "pdf"]
Status = Literal["ok", "partial", "failed"]
Kind = Literal[
    "resolution",
    "plan",
    "programme",
    "directive",
    "conclusion",
    "regulation",
    "guideline",
    "notice",
    "report",
    "official_letter",
    "minutes",
    "news",
    "other",
]
Precision = Literal["day", "month"]
Family = Literal["party", "state"]
BlockKind = Literal["paragraph", "table_cell", "header", "footer", "page"]


class Record(BaseModel):
    """Base of every record: unknown fields are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SpanFact(Record):
    """A stretch of the normalised text."""

    text: str = Field(description="Exactly normalized_text[start:end].")
    start: int = Field(ge=0, description="Start offset (inclusive) into the normalised text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the normalised text.")


class StageError(Record):
    """A problem met by one pipeline stage; the document goes on where it can."""

    stage: str = Field(description="Pipeline stage: load, normalise, language, nlp, extract, ...")
    message: str = Field(description="What went wrong, in words an operator can act on.")


class Block(Record):
    """Where a stretch of the normalised text came from in the original file."""

    kind: BlockKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page number (PDF).")
    index: int = Field(description="0-based order of the block in the document.")
    table: int | None = Field(default=None, description="0-based table number (DOCX tables).")
    row: int | None = None
    col: int | None = None


class DocNumber(SpanFact):
    """A document number and symbol (số và ký hiệu), party or state style."""

    normalized: str = Field(description="Canonical form: 21-NQ/TW, 30/2020/NĐ-CP, 439/QĐ-TTg.")
    number: str = Field(description="The registration number as written, e.g. '06'.")
    type: str | None = Field(description="Canonical document-type abbreviation (NQ, KH, QĐi, CTr ...).")
    issuer: str = Field(description="Canonical issuer abbreviation (TW, BTCTW, Th.U, CP, TTg ...).")
    family: Family = Field(description="party: NUMBER-TYPE/ISSUER; state: N[/YYYY]/TYPE-ISSUER.")
    year: int | None = Field(default=None, description="Year inside the number (state style) or of its issue date.")
    date: str | None = Field(default=None, description="ISO issue date when one follows the number.")
    date_start: int | None = Field(default=None, description="Offset of the issue date mention.")
    date_end: int | None = None
    producer: str = Field(description="Id of the pattern that found it, e.g. numbers.party.v1.")


class DateMention(SpanFact):
    """A calendar date (day or month precision) written in the text."""

    value: str = Field(description="ISO date: 2022-06-16, or 2022-10 for month precision.")
    precision: Precision
    year_inferred: bool = Field(default=False, description="The year was taken from the context.")
    producer: str


class RecurringDate(SpanFact):
    """A day that recurs ('ngày 28 hằng tháng', '28-го числа каждого месяца'): not a calendar date."""

    day: int = Field(ge=1, le=31)
    frequency: Literal["monthly"] = "monthly"
    producer: str


class Header(Record):
    """The document's header block, as far as the document has one."""

    upper_organisation: str | None = Field(default=None, description="e.g. ĐẢNG BỘ TỈNH LAI CHÂU.")
    issuer: str | None = Field(default=None, description="e.g. HUYỆN ỦY THAN UYÊN, CHI BỘ ...")
    number: str | None = Field(default=None, description="Normalised number of this document.")
    place: str | None = None
    date: str | None = Field(default=None, description="ISO date of the place-and-date line.")
    title: str | None = Field(default=None, description="Type name as printed, e.g. NGHỊ QUYẾT.")
    summary: str | None = Field(default=None, description="Trích yếu: what the document is about.")
    spans: dict[str, SpanFact] = Field(default_factory=dict, description="Evidence span of each field.")


class KindDecision(Record):
    """Why the document got its kind."""

    value: Kind
    producer: str
    evidence: SpanFact | None = None


class DocumentResult(Record):
    """Everything chibo extracted from one input file."""

    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    path: str = Field(description="The path as given.")
    sha256: str | None = Field(description="Content hash of the file's bytes (None if unreadable).")
    format: Format | None = Field(description="None when the extension is not supported.")
    size_bytes: int | None = None
    status: Status
    errors: list[StageError] = Field(default_factory=list)
    encoding: str | None = Field(default=None, description="Detected text encoding (.txt).")
    pages: int | None = Field(default=None, description="Page count (PDF).")
    needs_ocr_pages: list[int] = Field(default_factory=list, description="1-based pages with no text layer.")
    language: Language | None = None
    language_scores: dict[str, float] = Field(default_factory=dict)
    kind: Kind | None = None
    kind_evidence: KindDecision | None = None
    header: Header | None = None
    doc_numbers: list[DocNumber] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    recurring_dates: list[RecurringDate] = Field(default_factory=list)
    text_length: int = Field(default=0, description="Length of the normalised text in characters.")
    blocks: list[Block] = Field(default_factory=list)
    text: str | None = Field(default=None, description="The normalised text (with --with-text).")
