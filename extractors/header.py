"""Read the header block of a document: issuer, number, place and date, title and summary.

Party documents lay the header out in two columns (domain notes §1.2): the issuer, an asterisk and
"Số ..." on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" and the place-and-date line on the right; then the
type name in capitals and the summary (trích yếu). The loaders give the columns one after the other
(.docx table cells) or interleaved line by line (.pdf), so the header is read as a set of lines in
which each known element is found and cut out; what is left above the title is the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.normalise import fold, strip_marks
from extractors.numbers import DocTypeNames
from models.records import DateMention, DocNumber, Header, SpanFact

LANGS = ("vi", "ru", "en")
# The header is in the first lines; a title further down is a section heading, not the title.
_ZONE_LINES = 45
_ZONE_CHARS = 4000
_NUMBER_PREFIX = re.compile(r"(?:số|so|sô|no\.?|№|n°)[ \t]*:?[ \t]*$", re.I)
_RULE_LINE = re.compile(r"^[\s*_\-–—=.·•~]*$")
# "Theme:", "Ячейка:", "Date:" open a body line, not a summary continuation.
_LABEL = re.compile(r"^[^\W\d_][\w ]{0,25}:", re.U)
_HEADING = re.compile(r"^(?:[IVXLC]+|\d+|[a-zа-я])[.)]\s", re.I)


class HeaderData(BaseModel):
    """Schema of data/<lang>/header.toml."""

    model_config = ConfigDict(extra="forbid")
    fixed_lines: list[str]
    body_starters: list[str]
    date_introducers: list[str]
    letter_summary: list[str]
    letter_cues: list[str]
    incomplete_issuers: list[str]
    organisation_words: list[str]


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class TitleMatch:
    """The type-name line: where it is, the name as printed, and the kind it implies."""

    line: int
    start: int
    end: int
    kind: str
    abbr: str | None


def key(text: str) -> str:
    """Matching key, same length as `text`: lower case, tone placement unified, marks removed,
    so "NGHỊ QUYẾT", "Nghị quyết" and "NGHI QUYET" (OCR, old keyboards) meet."""
    return strip_marks(fold(text))


@cache
def _data(lang: str) -> HeaderData:
    return load_toml(lang, "header", HeaderData)


@cache
def _type_names() -> list[tuple[str, str, str | None]]:
    """(key of the name, kind, abbr) of every language, longest first."""
    names: set[tuple[str, str, str | None]] = set()
    for lang in LANGS:
        for entry in load_toml(lang, "doc_types", DocTypeNames).types:
            names.update((key(name), entry.kind, entry.abbr) for name in entry.names)
    return sorted(names, key=lambda n: len(n[0]), reverse=True)


@cache
def _fixed_lines() -> list[str]:
    return sorted({key(line) for lang in LANGS for line in _data(lang).fixed_lines}, key=len, reverse=True)


@cache
def _org_words() -> tuple[str, ...]:
    return tuple(sorted({key(s) for lang in LANGS for s in _data(lang).organisation_words}, key=len, reverse=True))


@cache
def _starters() -> tuple[str, ...]:
    return tuple(sorted({key(s) for lang in LANGS for s in _data(lang).body_starters}, key=len, reverse=True))


def _lines(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[_Line]:
    """The first lines of the text, without those inside `skip` (page headers and footers)."""
    lines: list[_Line] = []
    pos = 0
    limit = min(len(text), _ZONE_CHARS)
    while pos < limit and len(lines) < _ZONE_LINES:
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        if not any(s <= pos < e for s, e in skip):
            lines.append(_Line(pos, end, text[pos:end]))
        pos = end + 1
    return lines


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


# A sentence-case title sits near the top; PDF line wraps put "Nghị quyết ..." at a line start anywhere.
_MIXED_TITLE_ZONE = 1500
_PROSE_INSIDE = re.compile(r"[.,:;] |№|\b(?:số|No\.)\s*\d", re.I)
_CITATION_AFTER_NAME = re.compile(r"\s*(?:so\b|no\.|№|n°|nr\b|\d)")


def _looks_like_prose(line: str, next_line: str) -> bool:
    return (
        len(line) > 75
        or line.endswith((".", ";", ",", ":"))
        or bool(_PROSE_INSIDE.search(line))
        or next_line[:1].islower()  # the sentence goes on
    )


def find_title(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> TitleMatch | None:
    """Return the type-name line of the header ("NGHỊ QUYẾT", "KẾ HOẠCH", "BIÊN BẢN ..."), if any.

    A title in capitals wins; a mixed-case line ("Minutes of the party cell meeting") is taken only
    when no line in capitals names a type, since page headers and footers repeat the title in
    sentence case.
    """
    lines = _lines(text, skip)
    mixed: TitleMatch | None = None
    for i, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped or len(stripped) > 160:
            continue
        k = key(stripped)
        if any(k.startswith(fixed) for fixed in _fixed_lines()):
            continue
        upper = _is_upper(stripped)
        if not upper and (
            mixed is not None
            or i >= 30
            or line.start >= _MIXED_TITLE_ZONE
            or len(stripped) > 90
            # Below the first lines, a wrapped sentence of prose must not pass for a title.
            or (i >= 3 and _looks_like_prose(stripped, lines[i + 1].text if i + 1 < len(lines) else ""))
        ):
            continue
        if not (upper or stripped[0].isupper()):
            continue
        for name, kind, abbr in _type_names():
            if k.startswith(name) and (len(k) == len(name) or not k[len(name)].isalnum()):
                if not upper and _CITATION_AFTER_NAME.match(k, len(name)):
                    break  # "Nghị quyết số 10-NQ/HU của ..." wrapped onto its own line: a citation
                offset = line.start + (len(line.text) - len(line.text.lstrip()))
                match = TitleMatch(i, offset, offset + len(name), kind, abbr)
                if upper:
                    return match
                mixed = match
                break
    return mixed


def extract_header(
    text: str,
    *,
    lang: str,
    numbers: Sequence[DocNumber],
    dates: Sequence[DateMention],
    title: TitleMatch | None,
    skip: Sequence[tuple[int, int]] = (),
) -> Header | None:
    """Return the header fields found before the title (or in the first lines), or None for none."""
    lines = _lines(text, skip)
    if not lines:
        return None
    if title is not None:
        zone_end_line = next((i for i, ln in enumerate(lines) if ln.start <= title.start <= ln.end), len(lines))
    else:
        zone_end_line = _zone_end_without_title(lines)
    zone = lines[:zone_end_line]
    zone_end = lines[zone_end_line].start if zone_end_line < len(lines) else lines[-1].end
    data = _data(lang)
    spans: dict[str, SpanFact] = {}
    removed: list[tuple[int, int]] = []
    has_party_line = False

    for line in zone:
        k = key(line.text)
        for fixed in _fixed_lines():
            at = k.find(fixed)
            if at != -1:
                removed.append((line.start + at, line.start + at + len(fixed)))
                has_party_line = True
                break

    number = _own_number(text, zone, numbers, zone_end, titled=title is not None)
    if number is not None:
        prefix = _NUMBER_PREFIX.search(text, max(0, number.start - 8), number.start)
        removed.append((prefix.start() if prefix else number.start, number.end))
        spans["number"] = _span(text, number.start, number.end)

    place, date = _place_and_date(text, zone, dates, zone_end, data)
    if date is not None:
        spans["date"] = _span(text, date.start, date.end)
        removed.append((place.start if place else date.start, date.end))
    if place is not None:
        spans["place"] = place

    upper = issuer = None
    org_lines = _organisation_lines(zone, removed, sentence_case=title is not None)
    if org_lines:
        incomplete = {key(s) for s in data.incomplete_issuers}
        split = 1 if len(org_lines) > 1 and key(org_lines[0].text).strip() not in incomplete else 0
        if split:
            upper = _join(org_lines[:1])
            spans["upper_organisation"] = _span(text, org_lines[0].start, org_lines[0].end)
        issuer = _join(org_lines[split:])
        spans["issuer"] = _span(text, org_lines[split].start, org_lines[-1].end)

    title_text = summary = None
    if title is not None:
        title_text = text[title.start : title.end]
        spans["title"] = _span(text, title.start, title.end)
        summary_span = _summary(text, lines, title)
    else:
        summary_span = _letter_summary(text, zone or lines[:15], data)
    if summary_span is not None:
        summary = " ".join(summary_span.text.split())
        spans["summary"] = summary_span

    if not (has_party_line or number or title or (issuer and date)):
        return None
    return Header(
        upper_organisation=upper,
        issuer=issuer,
        number=number.normalized if number else None,
        place=place.text if place else None,
        date=date.value if date else None,
        title=title_text,
        summary=summary,
        spans=spans,
    )


def _span(text: str, start: int, end: int) -> SpanFact:
    return SpanFact(text=text[start:end], start=start, end=end)


def _join(lines: Sequence[_Line]) -> str:
    return " ".join(" ".join(line.text.split()) for line in lines)


def _zone_end_without_title(lines: list[_Line]) -> int:
    """Without a title the header ends at the first long (body) line, or after 15 lines."""
    for i, line in enumerate(lines[:15]):
        if len(line.text.strip()) > 120:
            return i
    return min(15, len(lines))


def _own_number(
    text: str, zone: Sequence[_Line], numbers: Sequence[DocNumber], zone_end: int, *, titled: bool
) -> DocNumber | None:
    """The document's own number: "Số ..." in the header zone.

    Without a title the line must look like a header line ("Số: 12/UBND-VX", nothing but capitals
    before it), so a news article citing "Заключение № 445-KL/TƯ" in its lead has no own number.
    """
    for number in numbers:
        if number.start >= zone_end:
            break
        prefix = _NUMBER_PREFIX.search(text, max(0, number.start - 8), number.start)
        if prefix is None:
            continue
        line = next((ln for ln in zone if ln.start <= number.start <= ln.end), None)
        if line is None:
            continue
        before = text[line.start : prefix.start()].strip(" \t*")
        if titled:
            return number
        # Untitled: a header line "Số: 12/UBND-VX", not a wrapped citation "số 21-NQ/TW ngày ..." of prose.
        after = text[number.end : line.end].strip()
        header_like = prefix.group().lstrip()[:1].isupper() and (len(after) <= 40 or _is_upper(after))
        if header_like and (not before or _is_upper(before)):
            return number
    if titled:
        return next((n for n in numbers if n.start < zone_end), None)
    return None


def _place_and_date(
    text: str, lines: Sequence[_Line], dates: Sequence[DateMention], zone_end: int, data: HeaderData
) -> tuple[SpanFact | None, DateMention | None]:
    """Find the place-and-date line: the first header date with "<Place>, " before it on its line."""
    intro = "|".join(re.escape(w) for w in data.date_introducers)
    intro_part = rf"(?:(?:{intro})[ \t]*)?" if intro else ""
    tail = re.compile(rf"(?P<place>[^\W\d_][^\n,;:]{{1,40}}?)[ \t]*,[ \t]*{intro_part}(?:«|\")?[ \t]*$", re.I)
    header_dates = [d for d in dates if d.start < zone_end and any(ln.start <= d.start <= ln.end for ln in lines)]
    for date in header_dates:
        line = next(ln for ln in lines if ln.start <= date.start <= ln.end)
        match = tail.search(text, line.start, date.start)
        if match is None:
            continue
        place_text = match.group("place")
        place_start = match.start("place")
        # PDF columns interleave: "HUYỆN ỦY THAN UYÊN Than Uyên, ngày ..." keeps only the Title Case run.
        if not _is_upper(place_text):
            run = re.search(r"(?:[A-ZĐÀ-ỸА-ЯЁ][^\W\d_A-ZĐА-ЯЁ]*[ \t.]*)+$", place_text)
            if run is not None and run.start() > 0:
                place_start += run.start()
                place_text = run.group()
        place_text = place_text.rstrip(" \t.")
        return _span(text, place_start, place_start + len(place_text)), date
    if header_dates and header_dates[0].precision == "day":
        return None, header_dates[0]
    return None, None


def _organisation_lines(zone: Sequence[_Line], removed: list[tuple[int, int]], *, sentence_case: bool) -> list[_Line]:
    """Lines of the header zone in capitals left after the party name, number and date are cut out.

    `sentence_case`: also take a line in sentence case that starts with an organisation name, as
    minutes-book headers write the cell (only above a title: a news headline starts that way too).
    """
    kept: list[_Line] = []
    for line in zone:
        chars = list(line.text)
        for start, end in removed:
            for pos in range(max(start, line.start), min(end, line.end)):
                chars[pos - line.start] = " "
        rest = "".join(chars)
        body = rest.strip(" \t*-–—_=.·•~")
        if not body or _RULE_LINE.match(rest):
            continue
        # Minutes-book headers name the cell in sentence case: "Chi bộ Trường Tiểu học Mường Mít".
        named = sentence_case and key(body).startswith(_org_words())
        if not (_is_upper(body) or named) or len(body) > 100:
            if kept:
                break
            continue
        start = line.start + rest.index(body)
        kept.append(_Line(start, start + len(body), body))
    return kept


def _is_body_line(stripped: str) -> bool:
    """A line that starts the body: a numbered heading, a label ("Thời gian:"), or a known opening
    ("Căn cứ ...", "Thực hiện ...") written with a capital, as sentences are."""
    if _HEADING.match(stripped) or _LABEL.match(stripped):
        return True
    return stripped[:1].isupper() and key(stripped).startswith(_starters())


def _summary(text: str, lines: list[_Line], title: TitleMatch) -> SpanFact | None:
    """The trích yếu: the rest of the title line and the lines after it, up to the body.

    A summary wraps onto lines that go on in lower case ("về tăng cường ..." / "đảng viên ..."), or,
    for a summary in capitals, onto more lines in capitals.
    """
    parts: list[tuple[int, int]] = []
    title_line = next(ln for ln in lines if ln.start <= title.start <= ln.end)
    rest = text[title.end : title_line.end]
    if rest.strip(" \t:-–"):
        offset = title.end + (len(rest) - len(rest.lstrip(" \t:-–")))
        parts.append((offset, title_line.end))
    for line in lines[lines.index(title_line) + 1 :]:
        stripped = line.text.strip()
        if not stripped:
            if parts:
                break
            continue
        if _RULE_LINE.match(stripped) or len(parts) >= 3 or len(stripped) > 250:
            break
        if parts:
            previous = text[parts[-1][0] : parts[-1][1]]
            # After a summary in capitals a short line may add to it: "HỌP CHI ỦY" / "(Chuẩn bị nội
            # dung sinh hoạt chi bộ tháng 3/2024)", "OF THE PARTY CELL MEETING" / "August 2025".
            wraps = (
                stripped[0].islower()
                or (stripped[0] == "(" and not stripped[1:2].isdigit())  # not "(19/8/1945 - 19/8/2025)"
                or (_is_upper(previous) and len(stripped) <= 120 and ":" not in stripped and ". " not in stripped)
            )
            if not wraps or previous.rstrip().endswith((".", ":", ";")) or _is_body_line(stripped):
                break
        if not parts and _is_body_line(stripped) and not _is_upper(stripped):
            break
        lead = len(line.text) - len(line.text.lstrip())
        parts.append((line.start + lead, line.start + lead + len(stripped)))
    if not parts:
        return None
    return _span(text, parts[0][0], parts[-1][1])


def _letter_summary(text: str, lines: Sequence[_Line], data: HeaderData) -> SpanFact | None:
    """An official letter has no title: its summary is the "V/v ..." line under the number."""
    cues = tuple(key(c) for c in (*data.letter_summary, "v/v"))
    for line in lines:
        stripped = line.text.strip()
        if key(stripped).startswith(cues):
            lead = len(line.text) - len(line.text.lstrip())
            return _span(text, line.start + lead, line.start + lead + len(stripped))
    return None
