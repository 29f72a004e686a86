"""Decide the kind of a document (resolution, plan, ..., minutes, news, other) and say why."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.header import TitleMatch, key
from extractors.numbers import NumberData
from models.records import DocNumber, Header, KindDecision, SpanFact

_CUE_ZONE = 800


class KindData(BaseModel):
    """Schema of data/<lang>/kind.toml."""

    model_config = ConfigDict(extra="forbid")
    minutes_cues: list[str]
    news_cues: list[str]


@cache
def _type_kinds() -> dict[tuple[str, str], str]:
    data = load_toml("common", "doc_numbers", NumberData)
    kinds = {("party", t.abbr): t.kind for t in data.party_types}
    kinds.update({("state", t.abbr): t.kind for t in data.state_types})
    return kinds


def _cue(text: str, cues: Sequence[str], *, limit: int) -> SpanFact | None:
    folded = key(text[:limit])
    for cue in cues:
        at = folded.find(key(cue))
        if at != -1:
            return SpanFact(text=text[at : at + len(cue)], start=at, end=at + len(cue))
    return None


def classify_kind(
    text: str, *, lang: str, title: TitleMatch | None, header: Header | None, numbers: Sequence[DocNumber]
) -> KindDecision:
    """Return the kind from the title, else the document's own number, else cues in the text."""
    if title is not None:
        evidence = SpanFact(text=text[title.start : title.end], start=title.start, end=title.end)
        return KindDecision(value=title.kind, producer="kind.title.v1", evidence=evidence)  # type: ignore[arg-type]
    own = None
    if header is not None and "number" in header.spans:
        span = header.spans["number"]
        own = next((n for n in numbers if n.start == span.start), None)
    if own is not None and own.type is not None:
        kind = _type_kinds().get((own.family, own.type))
        if kind and kind != "other":
            evidence = SpanFact(text=own.text, start=own.start, end=own.end)
            return KindDecision(value=kind, producer="kind.number.v1", evidence=evidence)  # type: ignore[arg-type]
    data = load_toml(lang, "kind", KindData)
    summary = header.summary if header is not None else None
    if summary and key(summary).startswith(("v/v", "ve viec", "re:", "о ", "об ")):
        return KindDecision(value="official_letter", producer="kind.letter.v1", evidence=header.spans.get("summary"))
    if own is not None and own.family == "state" and own.type is None:  # "4912/UBND-NC": a state letter
        evidence = SpanFact(text=own.text, start=own.start, end=own.end)
        return KindDecision(value="official_letter", producer="kind.number.v1", evidence=evidence)
    minutes = _cue(text, data.minutes_cues, limit=_CUE_ZONE)
    if minutes is not None:
        return KindDecision(value="minutes", producer="kind.cue.v1", evidence=minutes)
    if header is None:
        news = _cue(text, data.news_cues, limit=len(text))
        return KindDecision(value="news", producer="kind.no_header.v1", evidence=news)
    return KindDecision(value="other", producer="kind.default.v1")
