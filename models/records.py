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


class TextFact(SpanFact):
    """A value read from the text, with the span it was read from."""

    value: str


class IntFact(SpanFact):
    """A count read from the text ("có mặt 19/23": present 19), with its span."""

    value: int
    derived: bool = Field(
        default=False,
        description="Not written as a number but counted from the named absentees; the span is the first of them.",
    )


class Absentee(SpanFact):
    """A member absent from a meeting, with the reason when the minutes give one."""

    name: str
    reason: str | None = None
    with_reason: bool | None = Field(default=None, description="True: excused; False: without reason.")


class Attendance(Record):
    """Who was at the meeting; each count null when the minutes do not say."""

    total_members: IntFact | None = None
    present: IntFact | None = None
    absent_with_reason: IntFact | None = None
    absent_without_reason: IntFact | None = None
    exempt: IntFact | None = Field(default=None, description="Members exempt from meetings (miễn sinh hoạt).")
    absentees: list[Absentee] = Field(default_factory=list)


class Vote(SpanFact):
    """A recorded vote on the resolution or conclusion ("17/17 đồng chí nhất trí, đạt 100%")."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True)

    in_favour: int | None = Field(default=None, alias="for")
    against: int | None = None
    abstain: int | None = None
    percent: float | None = None


class SelfRating(SpanFact):
    """The rating the cell gave its own meeting (Tốt / Khá / Trung bình / Kém), with points if written."""

    label: Literal["Tốt", "Khá", "Trung bình", "Kém"]
    points: float | None = None


MeetingType = Literal["regular", "thematic", "committee", "combined", "other"]


class Meeting(Record):
    """The facts of one meeting, every value with its span; null where the minutes do not say."""

    cell: TextFact | None = Field(default=None, description="The party cell, as written.")
    upper_organisation: TextFact | None = None
    meeting_type: MeetingType
    meeting_type_evidence: SpanFact | None = None
    date: TextFact | None = Field(default=None, description="ISO date of the meeting in `value`.")
    start_time: TextFact | None = Field(default=None, description="HH:MM (24 h) in `value`.")
    end_time: TextFact | None = None
    duration_minutes: int | None = None
    place: TextFact | None = None
    chair: TextFact | None = None
    secretary: TextFact | None = Field(default=None, description="The minute-taker (thư ký).")
    guests: list[TextFact] = Field(default_factory=list)
    attendance: Attendance = Field(default_factory=Attendance)
    agenda: list[SpanFact] = Field(default_factory=list, description="Agenda items in order.")
    conclusions: list[SpanFact] = Field(default_factory=list, description="The chair's conclusion paragraphs.")
    votes: list[Vote] = Field(default_factory=list)
    self_rating: SelfRating | None = None
    producer: str = "meeting.rules.v1"


class Topic(Record):
    """A taxonomy label the document discusses, with the sentences that show it."""

    label: str = Field(description="Stable topic id (extractors/data/common/topics.toml).")
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[SpanFact] = Field(default_factory=list, description="Sentences that show the topic, best first.")
    producer: str


class Keyphrase(SpanFact):
    """A phrase that characterises the document (its first occurrence is the span)."""

    score: float
    count: int


class PoliticalTasks(Record):
    """Did the meeting deal with the cell's political tasks (review results, set and assign tasks)?"""

    addressed: bool
    score: float = Field(ge=0.0, le=1.0, description="Combined score; addressed when >= 0.5.")
    rule_score: float = Field(ge=0.0, le=1.0, description="Score from the anchor-phrase evidence alone.")
    model_score: float | None = Field(default=None, description="Probability from the trained text classifier.")
    evidence: list[SpanFact] = Field(default_factory=list, description="Sentences behind the decision, best first.")
    review_evidence: list[SpanFact] = Field(default_factory=list, description="Sentences reviewing results.")
    task_evidence: list[SpanFact] = Field(default_factory=list, description="Sentences setting or assigning tasks.")
    agenda_items: list[SpanFact] = Field(default_factory=list, description="Agenda items about political tasks.")
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
    meeting: Meeting | None = Field(default=None, description="Meeting facts: minutes and reports of one meeting.")
    topics: list[Topic] = Field(default_factory=list, description="Taxonomy topics discussed, highest score first.")
    keyphrases: list[Keyphrase] = Field(default_factory=list)
    political_tasks: PoliticalTasks | None = Field(
        default=None, description="Did the meeting address political tasks? Null when no meeting is described."
    )
    text_length: int = Field(default=0, description="Length of the normalised text in characters.")
    blocks: list[Block] = Field(default_factory=list)
    text: str | None = Field(default=None, description="The normalised text (with --with-text).")
