"""Read the facts of a meeting from its minutes: cell, type, date and times, place, chair, secretary,
guests, attendance, agenda, conclusions, votes and the meeting's own rating.

Minutes follow a template (domain notes §3): labelled lines ("Chủ trì:", "Thư ký:", "Có mặt: 19/23"),
an opening sentence ("Hôm nay, vào hồi 14 giờ 00 phút ngày ..., tại ..."), a numbered content list,
a vote and a rating near the end, a signature block. Each fact is read from the first place that
states it, with the span it was read from; what the minutes do not say stays null. Cue words per
language live in data/<lang>/meeting.toml and are matched on `key()` (case, tone placement and
diacritics folded), so "CHU TRI:" typed without marks reads like "Chủ trì:".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from extractors.header import TitleMatch, key
from extractors.regex_util import trie_pattern
from models.records import (
    Absentee,
    Attendance,
    DateMention,
    Header,
    IntFact,
    Meeting,
    SelfRating,
    SpanFact,
    TextFact,
    Vote,
)

LANGS = ("vi", "ru", "en")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_INT = re.compile(r"\d{1,4}")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")


class _Types(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regular: list[str]
    thematic: list[str]
    committee: list[str]
    combined: list[str]
    other: list[str]


class MeetingData(BaseModel):
    """Schema of data/<lang>/meeting.toml."""

    model_config = ConfigDict(extra="forbid")
    chair_labels: list[str]
    secretary_labels: list[str]
    guest_labels: list[str]
    place_labels: list[str]
    time_labels: list[str]
    agenda_labels: list[str]
    place_prepositions: list[str]
    honorifics: list[str]
    chair_verbs: list[str]
    secretary_verbs: list[str]
    end_cues: list[str]
    start_cues: list[str]
    total_cues: list[str]
    total_generic_cues: list[str]
    present_cues: list[str]
    absent_cues: list[str]
    reason_cues: list[str]
    no_reason_cues: list[str]
    exempt_cues: list[str]
    member_words: list[str]
    vote_cues: list[str]
    for_words: list[str]
    against_words: list[str]
    abstain_words: list[str]
    rating_cues: list[str]
    points_words: list[str]
    hour_words: list[str]
    minute_words: list[str]
    am_pm: list[str]
    signature_chair: list[str]
    signature_secretary: list[str]
    chair_prose: list[str]
    place_articles: list[str]
    place_stop_words: list[str]
    place_localities: list[str]
    cell_secretary_labels: list[str]
    zero_before: list[str]
    yearless_cues: list[str]
    secretary_prose: list[str]
    opening_words: list[str]
    meeting_words: list[str]
    ratings: dict[str, str]
    number_words: dict[str, int]
    meeting_types: _Types


def _alt(words: Sequence[str]) -> str:
    """Regex alternation of folded words, longest first, whole words."""
    return _alt_of(tuple(words))


@cache
def _alt_of(words: tuple[str, ...]) -> str:
    return "(?:" + trie_pattern({key(w) for w in words if w}) + ")"


@dataclass(frozen=True)
class _Cues:
    """Compiled patterns of one language (with the other languages' labels too: texts mix)."""

    data: MeetingData
    label: dict[str, re.Pattern[str]]
    # The same label patterns opening with the character before the label (group "b" is the label),
    # so that `re` scans for those characters: see _label_spans.
    label_scan: dict[str, re.Pattern[str]]
    honorific: re.Pattern[str]
    time: re.Pattern[str]
    end: re.Pattern[str]
    number: str
    lang: str


@cache
def _cues(lang: str) -> _Cues:
    data = load_toml(lang, "meeting", MeetingData)
    every = [load_toml(code, "meeting", MeetingData) for code in LANGS]

    def merged(field: str) -> list[str]:
        return [w for d in every for w in getattr(d, field)]

    fields = (
        ("chair", "chair_labels"),
        ("secretary", "secretary_labels"),
        ("guest", "guest_labels"),
        ("place", "place_labels"),
        ("time", "time_labels"),
        ("agenda", "agenda_labels"),
    )
    label_body = {
        name: rf"[ \t]*(?:[-–•*+]\s*|\d+[.)]\s*|[a-z][.)]\s*)?{_alt(merged(field))}"
        rf"(?:[ \t]+[^\W\d_]+){{0,2}}[ \t]*(?::|-|–|—)[ \t]*"
        for name, field in fields
    }
    # at a line start, after a full stop or semicolon, or in the next cell of a spaced-out line
    label = {name: re.compile(rf"(?:^|(?<=[\n;.])|(?<=[ \t][ \t])){body}", re.M) for name, body in label_body.items()}
    label_scan = {
        name: re.compile(rf"[\n;. \t](?:(?<=[\n;.])|(?<=[ \t][ \t]))(?P<b>{body})", re.M)
        for name, body in label_body.items()
    }
    hours, minutes, am_pm = merged("hour_words"), merged("minute_words"), merged("am_pm")
    time = re.compile(
        rf"(?<![\d/.,])(?P<h>[01]?\d|2[0-3])(?:[ \t]*(?:{_alt(hours)})\.?[ \t]*(?P<m1>[0-5]\d)?(?:[ \t]*{_alt(minutes)})?"
        rf"|[:.](?P<m2>[0-5]\d)(?![\d/]|\.\d))(?:[ \t]*(?P<ampm>{_alt(am_pm)}))?(?![\w/])"
    )
    words = {key(w) for d in every for w in d.number_words}
    # number words are whole words: "phải" holds "hai", "năm" (year) is only a number standing alone
    number = r"(?:\d{1,4}|(?<!\w)" + trie_pattern(words) + r"(?!\w))"
    return _Cues(
        data=data,
        label=label,
        label_scan=label_scan,
        honorific=re.compile(rf"[ \t]*{_alt(merged('honorifics'))}\.?[ \t]+"),
        time=time,
        end=re.compile(_alt(merged("end_cues"))),
        number=number,
        lang=lang,
    )


@cache
def _number_words() -> dict[str, int]:
    return {key(w): n for code in LANGS for w, n in load_toml(code, "meeting", MeetingData).number_words.items()}


def _to_int(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _number_words().get(key(token))


@dataclass(slots=True)
class _Doc:
    text: str
    keyed: str  # key(text): same offsets
    flat: str = ""  # keyed with the line breaks of wrapped prose read as spaces: same offsets
    opening: list[tuple[int, int]] | None = None  # _opening_lines, computed once

    def __post_init__(self) -> None:
        if not self.flat:
            self.flat = _unwrap(self.text, self.keyed)


# A line break inside a sentence: the next line goes on in lower case ("... Of the\ncell's 24 members",
# "отсутствовали по\nуважительной причине 3"), or a long line breaks before a capitalised word
# ("... Provincial Party\nCommittee Lê Thị Thu Hồng"). Text from PDFs and hard-wrapped e-mails reads so.
_WRAP = re.compile(r"(?<=[^\W_,)])\n(?=[ \t]*[^\W\d_])")
_WRAP_WIDTH = 65
_LABEL_START = re.compile(r"[ \t]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}[ \t]*:")


def _unwrap(text: str, keyed: str) -> str:
    chars = list(keyed)
    for match in _WRAP.finditer(text):
        nxt = text[match.end() : match.end() + 40].lstrip(" \t")
        if nxt[0].islower() or (
            match.start() - _line_start(text, match.start()) >= _WRAP_WIDTH
            and not _LABEL_START.match(text, match.end())
        ):
            chars[match.start()] = " "
    return "".join(chars)


def _fact(doc: _Doc, start: int, end: int, value: str) -> TextFact:
    return TextFact(text=doc.text[start:end], start=start, end=end, value=value)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def extract_meeting(
    text: str,
    *,
    lang: str,
    kind: str | None,
    header: Header | None,
    title: TitleMatch | None,
    dates: Sequence[DateMention],
    keyed: str | None = None,
) -> Meeting | None:
    """Return the meeting facts of minutes or of a report on one meeting, or None for other documents.
    `keyed` is `key(text)` when the caller has it already."""
    if kind is None:
        return None
    doc = _Doc(text, key(text) if keyed is None else keyed)
    cues = _cues(lang)
    if kind not in ("minutes", "news", "report"):
        # A news item read as another kind (a type word in its prose, "... nghị quyết", "резолюция"):
        # it reports one meeting when its title is no printed type line and it says who attended.
        printed = title is not None and text[title.start : title.end].isupper()
        if printed or not _mentions_meeting(doc, cues, strict=True):
            return None
    meeting_type, type_evidence = _meeting_type(doc, cues, title)
    if kind != "minutes" and type_evidence is None and not _mentions_meeting(doc, cues):
        return None
    signed_chair, signed_secretary = _signature(doc, cues)
    # Labelled lines first, then the signature block (printed names are the surest), then prose.
    chair = (
        _person(doc, cues, "chair")
        or signed_chair
        or _person_by_verb(doc, cues, _merged("chair_verbs"))
        or _in_prose(doc, cues, "chair_prose")
    )
    secretary = (
        _person(doc, cues, "secretary")
        or signed_secretary
        or _person_by_verb(doc, cues, _merged("secretary_verbs"))
        or _in_prose(doc, cues, "secretary_prose")
    )
    start_time, end_time = _times(doc, cues)
    duration = None
    if start_time and end_time:
        sh, sm = map(int, start_time.value.split(":"))
        eh, em = map(int, end_time.value.split(":"))
        minutes = (eh * 60 + em) - (sh * 60 + sm)
        duration = minutes if 0 < minutes <= 12 * 60 else None
    cell, upper = _cell(doc, header)
    return Meeting(
        cell=cell,
        upper_organisation=upper,
        meeting_type=meeting_type,
        meeting_type_evidence=type_evidence,
        date=_meeting_date(doc, cues, dates, header),
        start_time=start_time,
        end_time=end_time,
        duration_minutes=duration,
        place=_place(doc, cues),
        chair=chair,
        secretary=secretary,
        guests=_guests(doc, cues),
        attendance=_attendance(doc, cues),
        agenda=_agenda(doc, cues),
        conclusions=_conclusions(doc),
        votes=_votes(doc, cues),
        self_rating=_rating(doc, cues),
    )


def _mentions_meeting(doc: _Doc, cues: _Cues, *, strict: bool = False) -> bool:
    """A news item or report describes one meeting when it names a meeting and counts who attended
    (or, unless `strict`, names who chaired it)."""
    head = doc.flat[:4000]
    if not re.search(_alt(_merged("meeting_words")), head):
        return False
    present = _alt(_merged("present_cues"))
    members = _alt(_merged("member_words"))
    the = r"(?:the cell's[ \t]*|its[ \t]*|the[ \t]*)?"
    if re.search(
        rf"{present}[^\d\n]{{0,25}}\d{{1,4}}[ \t]*(?:/|tren|из|out of|of)[ \t]*{the}\d{{1,4}}", head
    ) or re.search(rf"\d{{1,4}}[ \t]*(?:/|of|из)[ \t]*{the}\d{{1,4}}[^\n.]{{0,30}}{present}", head):
        return True
    if strict:
        return False
    return bool(
        re.search(rf"{present}[^\d\n.]{{0,30}}\d{{1,4}}[ \t]+{members}", head)
        or re.search(rf"\d{{1,4}}[ \t]+{members}[^\d\n.]{{0,30}}{present}", head)
        or re.search(_alt(_merged("chair_prose")), head)
    )


def _meeting_type(doc: _Doc, cues: _Cues, title: TitleMatch | None) -> tuple[str, SpanFact | None]:
    """Decide regular / thematic / committee / combined / other from the title and summary (else the
    opening): the title names the meeting, the body mentions every other kind in passing."""
    start = title.start if title else 0
    window_end = min(len(doc.text), start + (300 if title else 1500))
    zone = doc.keyed[start:window_end]
    types = cues.data.meeting_types
    found: dict[str, re.Match[str]] = {}
    for name in ("combined", "committee", "other", "thematic", "regular"):
        match = re.search(_alt(getattr(types, name)), zone)
        if match:
            found[name] = match
    if "combined" in found or ("thematic" in found and "regular" in found):
        name = "combined"
    else:
        # A regular meeting that also admits a member is still the regular meeting.
        name = next((n for n in ("committee", "thematic", "regular", "other") if n in found), "regular")
    match = found.get(name) or found.get("thematic")
    if match is None:
        return name, None
    s, e = start + match.start(), start + match.end()
    return name, SpanFact(text=doc.text[s:e], start=s, end=e)


def _name_after(doc: _Doc, cues: _Cues, pos: int, limit: int) -> TextFact | None:
    """Read a person's name at `pos`: after an honorific ("đồng chí", "тов.", "Comrade") and at most
    five words in lower case (ranks and offices: "майор", "cell secretary and deputy director"), the run of capitalised
    words up to the first other word or punctuation ("Lò Thị Hương - Bí thư chi bộ" -> "Lò Thị Hương")."""
    text = doc.text
    i = pos
    # "đồng chí Thượng úy Đỗ Minh Tuấn", "Comrade Lieutenant Colonel X": honorific and rank, in any number.
    while honorific := cues.honorific.match(doc.keyed, i, limit):
        i = honorific.end()
    skipped = 0
    while True:
        # Between the office words a comma may stand: "секретарь партийной ячейки, директор школы X".
        gap = re.match(r"[ \t]*" if skipped == 0 else r"[ \t]*(?:,[ \t]*)?", text[i:limit])
        j = i + (gap.end() if gap else 0)
        word = _WORD.match(text, j, limit)
        if word is None:
            return None
        if word.group()[0].isupper():
            i = j
            break
        if skipped == 5:
            return None
        skipped += 1
        i = word.end()
        while honorific := cues.honorific.match(doc.keyed, i, limit):
            i = honorific.end()
    words: list[re.Match[str]] = []
    while i < limit and len(words) < 6:
        word = _WORD.match(text, i, limit)
        if word is None or not word.group()[0].isupper():
            break
        if text.startswith(":", word.end()):  # "... Hoài      Chair: ...": the next cell's label
            break
        words.append(word)
        gap = re.match(r"[ \t]+", text[word.end() : limit])
        if gap is None or "\t" in gap.group() or len(gap.group()) > 2:  # a table cell ends the name
            break
        i = word.end() + gap.end()
    if 2 <= len(words) < 4 and words[-1].end() == limit and text.startswith("\n", limit):
        # A name cut by the wrap of a long line: "Thư ký: đồng chí Nguyễn Thị Thu\nTrang."
        line_start = _line_start(text, limit)
        nxt = _WORD.match(text, limit + 1)
        if limit - line_start >= 60 and nxt is not None and nxt.group()[0].isupper():
            after = text[nxt.end() : nxt.end() + 2]
            if not re.match(r"[ \t]*[^\W\d_]", after) or re.match(r"[ \t]+[a-zđа-яё]", text[nxt.end() : nxt.end() + 3]):
                if not any(label.match(doc.keyed, limit + 1) for label in cues.label.values()):
                    words.append(nxt)
    if len(words) < 2 or len(words) > 5:
        return None
    start, end = words[0].start(), words[-1].end()
    return _fact(doc, start, end, " ".join(w.group() for w in words))


def _label_spans(cues: _Cues, field: str, keyed: str) -> Iterator[tuple[int, int]]:
    """The spans of `cues.label[field].finditer(keyed)`, found faster: a pattern that opens with a
    look-behind is tried at every position of a 200 kB text, `label_scan` only where a line break, a
    full stop, a semicolon or a space is. A label after such a character at q is the label at q + 1
    (the text from 0 is tried on its own); the next one is looked for from the end of the last."""
    first = cues.label[field].match(keyed, 0)
    pos = 0
    if first is not None:
        yield first.span()
        pos = first.end()
    scan = cues.label_scan[field]
    while (found := scan.search(keyed, max(0, pos - 1))) is not None:
        yield found.span("b")
        pos = found.end()


def _person(doc: _Doc, cues: _Cues, field: str) -> TextFact | None:
    cell_secretary = re.compile(
        r"[ \t]*(?:[-–•*+]\s*|\d+[.)]\s*|[a-z][.)]\s*)?" + _alt(_merged("cell_secretary_labels"))
    )
    for match_start, match_end in _label_spans(cues, field, doc.keyed):
        # "Секретарь ячейки: X", "Cell secretary: X" name the cell's secretary, who chairs, not the minute-taker.
        if field == "secretary" and cell_secretary.match(doc.keyed, match_start):
            continue
        # "SECRETARY: A Thiên      MINUTE-TAKER: Y Bli": beside a minute-taker, "secretary" is the cell's.
        line = doc.keyed[_line_start(doc.text, match_start) : _line_end(doc.text, match_end)]
        if (
            field == "secretary"
            and len(cues.label["secretary"].findall(line)) > 1
            and re.search(r"(?<!\w)(?:secretary|секретарь)[ \t]*:[ \t]*$", doc.keyed[match_start:match_end])
        ):
            continue
        found = _name_after(doc, cues, match_end, _line_end(doc.text, match_end))
        if found is not None:
            return found
    return None


def _in_prose(doc: _Doc, cues: _Cues, field: str) -> TextFact | None:
    """A name after a cue in running text: "chaired by cell secretary Pham Van Kien", "dưới sự chủ
    trì của đồng chí ...", "протокол вела товарищ ..." (`field`: chair_prose or secretary_prose)."""
    for match in re.finditer(r"(?<!\w)" + _alt(_merged(field)), doc.keyed):
        found = _name_after(doc, cues, match.end(), min(_line_end(doc.text, match.end()), match.end() + 80))
        if found is not None:
            return found
    return None


def _person_by_verb(doc: _Doc, cues: _Cues, verbs: Sequence[str]) -> TextFact | None:
    """ "Đồng chí Lò Thị Hương - Bí thư chi bộ chủ trì", "đồng chí X (chủ trì)": a name, then the verb
    in the same clause."""
    verb = re.compile(_alt(verbs))
    for honorific in re.finditer(r"(?<!\w)" + _alt(_merged("honorifics")) + r"\.?[ \t]+", doc.keyed):
        clause_end = re.search(r"[\n;]|\.(?:\s|$)", doc.flat[honorific.end() : honorific.end() + 400])
        limit = honorific.end() + (clause_end.start() if clause_end else min(400, len(doc.text) - honorific.end()))
        if not verb.search(doc.flat, honorific.end(), limit):
            continue  # no verb in this clause: no need to read the name (most "đồng chí" in long minutes)
        found = _name_after(doc, cues, honorific.end(), limit)
        if found is None:
            continue
        between = doc.flat[found.end : min(limit, found.end + 100)]
        hit = verb.search(between)
        # The verb belongs to this name only when no other honorific comes first.
        other = re.compile(r"(?<!\w)" + _alt(_merged("honorifics")) + r"\.?[ \t]+")
        if hit and not any(
            doc.text[m.end() : m.end() + 1].isupper()
            for m in other.finditer(doc.keyed, found.end, found.end + hit.start())
        ):
            return found
    return None


def _signature(doc: _Doc, cues: _Cues) -> tuple[TextFact | None, TextFact | None]:
    """Names under the signature labels at the end ("THƯ KÝ      CHỦ TRÌ" / "Nguyễn Thị Trang  Lò Thị Hương")."""
    chair_words = {key(w) for w in _merged("signature_chair")}
    secretary_words = {key(w) for w in _merged("signature_secretary")}
    tail = len(doc.text)
    for _ in range(61):  # the last 60 lines only: a long document is not split whole
        tail = doc.text.rfind("\n", 0, tail)
        if tail == -1:
            break
    lines = list(re.compile(r"[^\n]*").finditer(doc.text, max(0, tail + 1)))[-60:]
    lines = [m for m in lines if m.group().strip()]
    chair = secretary = None
    any_role = _signature_words()
    for i, line in enumerate(lines):
        if not any_role.search(doc.keyed, line.start(), line.end()):
            continue
        cells = [c for c in re.split(r"\t+|[ ]{2,}", line.group().strip()) if c]
        # "MINUTE-TAKER: Pả Kăn Bi      SECRETARY OF THE CELL: Hồ Văn Nghĩa": label and name in one cell.
        for cell in re.finditer(r"[^\t]+?(?=\t|[ ]{2,}|$)", line.group()):
            label, colon, rest = cell.group().partition(":")
            k = key(label).strip()
            role = "chair" if k in chair_words else "secretary" if k in secretary_words else None
            if role and colon and rest.strip():
                start = line.start() + cell.start() + len(label) + 1
                found = _name_after(doc, cues, start, line.start() + cell.end())
                if found is not None and role == "chair":
                    chair = chair or found
                elif found is not None:
                    secretary = secretary or found
        if chair or secretary:
            break
        roles = []
        for cell in cells:
            k = key(cell).strip(" :")
            roles.append("chair" if k in chair_words else "secretary" if k in secretary_words else None)
        if not any(roles) or not all(roles):
            continue
        for nxt in lines[i + 1 : i + 6]:
            parts = [(m.start(), m.group()) for m in re.finditer(r"\S+(?:[ ][^\s]+)*", nxt.group())]
            names = []
            for offset, part in parts:
                start = nxt.start() + offset
                found = _name_after(doc, cues, start, start + len(part))
                if found is not None and found.end - found.start == len(part.rstrip(".")):
                    names.append(found)
            if len(names) == len(roles):
                for role, name in zip(roles, names, strict=True):
                    if role == "chair":
                        chair = chair or name
                    else:
                        secretary = secretary or name
                break
        if chair or secretary:
            break
    return chair, secretary


@cache
def _signature_words() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _alt(_merged("signature_chair") + _merged("signature_secretary")))


@cache
def _merged(field: str) -> list[str]:
    return [w for code in LANGS for w in getattr(load_toml(code, "meeting", MeetingData), field)]


def _guests(doc: _Doc, cues: _Cues) -> list[TextFact]:
    guests: list[TextFact] = []
    for _, match_end in _label_spans(cues, "guest", doc.keyed):
        end = _line_end(doc.text, match_end)
        pos = match_end
        while pos < end:
            name = _name_after(doc, cues, pos, end)
            if name is not None:
                guests.append(name)
            nxt = doc.text.find(";", pos, end)
            if nxt == -1:
                break
            pos = nxt + 1
        if guests:
            break
    return guests


def _time_value(match: re.Match[str]) -> str | None:
    hour = int(match.group("h"))
    minute = int(match.group("m1") or match.group("m2") or 0)
    ampm = (match.group("ampm") or "").replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if match.group("m2") is None and match.group("m1") is None and not ampm:
        # A bare "14 h" / "14 giờ" is a time only with an hour word (the pattern's first branch).
        pass
    return f"{hour:02d}:{minute:02d}"


def _times(doc: _Doc, cues: _Cues) -> tuple[TextFact | None, TextFact | None]:
    """Start time from the time line or the opening sentence; end time from the closing sentence."""
    start_fact = end_fact = None
    opening = _opening_lines(doc, cues)
    for s, e in opening:
        times = list(cues.time.finditer(doc.keyed, s, e))
        times = [t for t in times if _is_time(t)]
        if times:
            first = times[0]
            start_fact = _fact(doc, first.start(), first.end(), _time_value(first) or "")
            # "Thời gian: từ 14 giờ 00 đến 16 giờ 30" gives both.
            if len(times) > 1 and re.search(r"(?:đen|до|to|until|-|–)", doc.keyed[first.end() : times[1].start()]):
                end_fact = _fact(doc, times[1].start(), times[1].end(), _time_value(times[1]) or "")
            break
    for cue in cues.end.finditer(doc.keyed, len(doc.text) // 3):
        line_end = _line_end(doc.text, cue.end())
        times = [t for t in cues.time.finditer(doc.keyed, cue.end(), min(line_end, cue.end() + 60)) if _is_time(t)]
        if times:
            end_fact = _fact(doc, times[0].start(), times[0].end(), _time_value(times[0]) or "")
            break
    return start_fact, end_fact


def _is_time(match: re.Match[str]) -> bool:
    """A bare number is no time: "14 giờ", "14h30", "14:30", "2 p.m." are."""
    text = match.group()
    return bool(re.search(r"[^\d\s]", text))


def _opening_lines(doc: _Doc, cues: _Cues) -> list[tuple[int, int]]:
    """Line ranges that give the meeting's date and time: labelled time lines, the opening sentence,
    then (news) sentences that name the meeting."""
    if doc.opening is not None:
        return doc.opening
    ranges: list[tuple[int, int]] = []
    zone = min(len(doc.text), 5000)
    for match in cues.label["time"].finditer(doc.keyed, 0, zone):
        ranges.append((match.end(), _line_end(doc.text, match.end())))
    opening = re.compile(rf"(?:^|(?<=[\n.]))[ \t]*{_alt(_merged('opening_words'))}", re.M)
    for match in opening.finditer(doc.flat, 0, zone):
        ranges.append((match.start(), _sentence_end(doc.flat, match.start())))
        break
    for match in re.finditer(_alt(_merged("meeting_words")), doc.flat[:zone]):
        start = max(doc.flat.rfind(". ", 0, match.start()) + 1, _line_start(doc.flat, match.start()))
        ranges.append((start, _sentence_end(doc.flat, match.start())))
    doc.opening = ranges
    return ranges


def _sentence_end(text: str, pos: int) -> int:
    match = re.search(r"\n|(?<!\b[apAP]\.[mM])(?<!\b[nN]o)(?<!\b[dD]r)(?<!\bтов)\.(?:\s|$)", text[pos:])
    return pos + match.start() if match else len(text)


def _meeting_date(doc: _Doc, cues: _Cues, dates: Sequence[DateMention], header: Header | None) -> TextFact | None:
    """The date in the time line or opening sentence; else the first full date after the header."""
    day_dates = [d for d in dates if d.precision == "day" and _meeting_day(doc, d)]
    reference = day_dates[0].value if day_dates else header.date if header is not None else None
    for s, e in _opening_lines(doc, cues):
        found = [(d.start, d.end, d.value) for d in day_dates if s <= d.start < e]
        found += _yearless(doc, cues, s, e, reference)
        if found:
            start, end, value = min(found)
            return _fact(doc, start, end, value)
    header_end = 0
    if header is not None and header.spans:
        header_end = max(span.end for span in header.spans.values())
    for date in day_dates:
        if date.start >= header_end and date.start < header_end + 1500:
            return _fact(doc, date.start, date.end, date.value)
    if header is not None and header.date and "date" in header.spans:
        span = header.spans["date"]
        return _fact(doc, span.start, span.end, header.date)
    return None


_CITED = re.compile(r"\d+[-/][^\W\d_][\w.&-]*/[\w.&-]+[ \t,]*(?:ngay|от|of|dated)?[ \t]*$")


def _meeting_day(doc: _Doc, date: DateMention) -> bool:
    """A date that can be the meeting's: not the issue date of a cited document ("Kế hoạch số
    161-KH/HU ngày 31/10/2022"), not one end of an anniversary "(19/5/1890 - 19/5/2023)"."""
    if _CITED.search(doc.keyed[max(0, date.start - 40) : date.start]):
        return False
    left = doc.text.rfind("(", max(0, date.start - 25), date.start)
    right = doc.text.find(")", date.end, date.end + 25)
    return not (
        left != -1
        and right != -1
        and "\n" not in doc.text[left:right]
        and re.search(r"\d[ \t]*[-–][ \t]*\d", doc.text[left:right])
    )


@cache
def _month_names(lang: str) -> dict[str, int]:
    from extractors.dates import load_date_data

    try:
        months = load_date_data(lang).months
    except Exception:  # noqa: BLE001 - no month names: numeric dates only
        return {}
    return {
        key(name).rstrip("."): month.number for month in months for name in month.names if len(name.rstrip(".")) > 2
    }


def _yearless(doc: _Doc, cues: _Cues, start: int, end: int, reference: str | None) -> list[tuple[int, int, str]]:
    """Day and month without a year in a news item's meeting sentence ("Chiều 17/9, Chi bộ ...",
    "On November 25", "28 сентября"): the year is the publication's, or the one before when the
    day would fall after the publication."""
    if reference is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", reference):
        return []
    ref_year, ref_month, ref_day = map(int, reference.split("-"))
    zone = doc.keyed[start:end]
    cue = _alt(cues.data.yearless_cues)
    found: list[tuple[int, int, int, int]] = []
    for match in re.finditer(rf"(?<!\w){cue}[ \t]+(?P<d>\d{{1,2}})[/.](?P<m>\d{{1,2}})(?![/.]?\d)", zone):
        found.append((match.start("d"), match.end("m"), int(match["d"]), int(match["m"])))
    names = _month_names(cues.lang)
    if names:
        month = "(?P<mn>" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\.?"
        year = r"(?![ \t,]*(?:\d{4}|\d{1,2},?[ \t]+\d{4}))"
        for pattern in (
            rf"(?<![\d/.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+{month}(?!\w){year}",
            rf"(?<!\w){month}[ \t]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d/.]){year}",
        ):
            for match in re.finditer(pattern, zone):
                found.append((match.start(), match.end(), int(match["d"]), names[match["mn"]]))
    out = []
    for s, e, day, month in found:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        year = ref_year - 1 if (month, day) > (ref_month, ref_day) else ref_year
        out.append((start + s, start + e, f"{year:04d}-{month:02d}-{day:02d}"))
    return out


def _place(doc: _Doc, cues: _Cues) -> TextFact | None:
    for match in cues.label["place"].finditer(doc.keyed, 0, min(len(doc.text), 5000)):
        return _place_clause(doc, cues, match.end())
    preps = _alt(cues.data.place_prepositions)
    for s, e in _opening_lines(doc, cues):
        match = re.search(rf"(?:^|[ \t,]){preps}[ \t]+(?=[^\W\d_])", doc.keyed[s:e])
        if match:
            return _place_clause(doc, cues, s + match.end())
    return None


def _place_clause(doc: _Doc, cues: _Cues, pos: int) -> TextFact | None:
    """The place from `pos`: across a wrapped line, without a leading article ("the"), up to a comma,
    bracket, full stop (not of "No."), semicolon or a word that starts the next clause ("партийная
    ячейка провела ..."), and on over a comma when the next part names a locality ("..., huyện Hải
    Hậu, tỉnh Nam Định", "..., Dong Phong ward")."""
    data = cues.data
    article = re.match(rf"(?:{_alt(data.place_articles)})[ \t]+", doc.keyed[pos:]) if data.place_articles else None
    if article:
        pos += article.end()
    end = _line_end(doc.flat, pos)
    stop_words = rf"|[ \t]{_alt(data.place_stop_words)}(?!\w)" if data.place_stop_words else ""
    boundary = re.compile(rf"[,;(]|(?<!\bno)(?<!\bso)(?<!№)\.(?:\s|$){stop_words}")
    locality = re.compile(rf"[ \t]*(?:{_alt(data.place_localities)})(?!\w)") if data.place_localities else None
    locality_end = re.compile(rf"(?<!\w)(?:{_alt(data.place_localities)})[ \t]*$") if data.place_localities else None
    stop = end
    i = pos
    while True:
        match = boundary.search(doc.flat, i, end)
        if match is None:
            stop = end
            break
        stop = match.start()
        if match.group() == "," and locality is not None:
            nxt = boundary.search(doc.flat, match.end(), end)
            part_end = nxt.start() if nxt else end
            part = doc.flat[match.end() : part_end]
            if locality.match(part) or (locality_end is not None and locality_end.search(part)):
                i = match.end()
                continue
        break
    raw = doc.text[pos:stop]
    value = " ".join(raw.split()).strip(" \t.")
    if not value:
        return None
    lead = len(raw) - len(raw.lstrip())
    start = pos + lead
    end_pos = pos + len(raw.rstrip(" \t\n."))
    return _fact(doc, start, end_pos, value)


def _clause(doc: _Doc, pos: int) -> TextFact | None:
    """Text from `pos` to the end of its clause (comma, full stop, semicolon or line end)."""
    end = _line_end(doc.text, pos)
    match = re.search(r"[,;]|\.(?:\s|$)", doc.text[pos:end])
    stop = pos + match.start() if match else end
    value = doc.text[pos:stop].strip(" \t.")
    if not value:
        return None
    start = pos + doc.text[pos:stop].index(value)
    return _fact(doc, start, start + len(value), value)


def _attendance(doc: _Doc, cues: _Cues) -> Attendance:
    """Counts of members: total, present, absent with and without reason, exempt; absentees."""
    data = cues.data
    n = cues.number
    zone_end = min(len(doc.text), 6000)
    keyed = doc.flat[:zone_end]
    found: dict[str, IntFact] = {}

    def take(name: str, match: re.Match[str] | None, group: str = "n") -> None:
        if match is None or name in found:
            return
        value = _to_int(match.group(group))
        if value is not None:
            found[name] = IntFact(
                text=doc.text[match.start(group) : match.end(group)],
                start=match.start(group),
                end=match.end(group),
                value=value,
            )

    occurs: dict[str, bool] = {}

    def need(name: str, *alts: str) -> bool:
        """Whether to look for `name`: not found yet, and every cue the pattern needs is in the zone
        (a pattern that needs a cue the minutes never use cannot match: no need to scan for it)."""
        if name in found:
            return False
        for alt in alts:
            if alt not in occurs:
                occurs[alt] = re.search(alt, keyed) is not None
            if not occurs[alt]:
                return False
        return True

    present = _alt(data.present_cues)
    # An explicit total first: in "Tổng số: 24; phải sinh hoạt: 20; có mặt 17/20" the ratio's 20 is
    # the members due to attend, not the cell's size.
    members = _alt(data.member_words)
    if need("total_members", _alt(data.total_cues)):
        take("total_members", re.search(rf"{_alt(data.total_cues)}[^\d\n]{{0,40}}?(?P<n>{n})(?![\d/])", keyed))
    if need("total_members", _alt(data.total_generic_cues), members):
        take(
            "total_members",
            re.search(rf"{_alt(data.total_generic_cues)}[ \t:]{{0,3}}(?P<n>{n})[ \t]*{members}", keyed),
        )
    # The cell's name between: "Chi bộ thôn Trung Tiến có 42 đảng viên".
    if need("total_members", members):
        take(
            "total_members",
            re.search(
                rf"(?<!\w){_alt(_CELL_WORDS)}(?:[ \t]+[^\W\d_]+){{1,6}}?[ \t]+(?:{_alt(data.total_generic_cues)}|co|has|насчитывает)[ \t:]{{0,3}}(?P<n>{n})[ \t]*{members}",
                keyed,
            ),
        )
    ratio = plain = None
    if need("", present):
        ratio = re.search(
            rf"{present}[^\d\n]{{0,25}}?(?P<n>\d{{1,4}})[ \t]*(?:/|trên|tren|из|out of|of)[ \t]*(?P<t>\d{{1,4}})", keyed
        ) or re.search(  # "32 of the cell's 35 members attended", "19 из 23 присутствовали"
            rf"(?<![\d/])(?P<n>\d{{1,4}})[ \t]*(?:/|of|из|trên)[ \t]*(?:the cell's[ \t]*|its[ \t]*|the[ \t]*)?(?P<t>\d{{1,3}})(?!\d)[^\n.\d]{{0,30}}?{present}",
            keyed,
        )
        plain = re.search(
            rf"{present}[ \t]*:?[ \t]*\n?[ \t]*(?:by[ \t]+|all[ \t]+|все[ \t]+|ca[ \t]+)?(?P<n>{n})(?![\d/]|[.)][ \t])",
            keyed,
        )
    if ratio is not None and plain is not None and plain.start() < ratio.start() - 40 and "\n" not in plain.group():
        ratio = None  # "present 7 comrades ... 36/40 militiamen trained": the first count is the meeting's
    row = _attendance_total_row(doc, doc.keyed[:zone_end], data)
    for name, value in row.items():
        found.setdefault(name, value)
    take("present", ratio)
    take("total_members", ratio, "t")
    # "присутствовали все 11 членов партии", "all 9 members attended": the count is the whole cell.
    every = r"(?:all|все|tat ca|toan bo)[ \t]+(?:the[ \t]+)?(?P<n>\d{1,4})[ \t]+"
    if need("total_members", present, members):
        take(
            "total_members",
            re.search(rf"{present}[^\n.\d]{{0,30}}?{every}{members}", keyed)
            or re.search(rf"{every}{members}[^\n.\d]{{0,40}}?{present}", keyed),
        )
    take("present", plain)
    if need("present", present):
        take(
            "present",
            re.search(rf"(?<![\d/])(?P<n>{n})[ \t]+(?:{members}[ \t]+)?(?:were|was|da|deu)[ \t]+{present}", keyed),
        )
    for name, value in _attendance_table(doc, doc.keyed[:zone_end], data).items():
        found.setdefault(name, value)
    no_reason = _alt(data.no_reason_cues)
    with_reason = _alt(data.reason_cues)
    words3 = r"(?:[ \t]+[^\W\d_]+){0,3}?[ \t]*"
    zero = r"(?P<z>none|нет|khong)(?![\w ]*(?:co )?ly do)(?!\w)"
    absent = _alt(data.absent_cues)
    # "2 đồng chí", "2 were absent", "двое отсутствовали"
    counted = rf"(?P<n>{n})[ \t]+(?:{members}|(?:were|was)[ \t]+absent|{absent}\w*)"
    # "отсутствовали 2 по уважительной причине", "vắng 2 đồng chí có lý do"
    absent_n = rf"{absent}\w*[ \t]*:?[ \t]*(?P<n>{n})(?:[ \t]+{members})?"
    # A count ends at a member word or punctuation: "không lý do hai tháng liền" is no count.
    counts = rf"(?![\d/])(?=[ \t]*(?:{members}|[,;.:()\n]|$))"
    if need("absent_without_reason", no_reason):
        take("absent_without_reason", re.search(rf"{no_reason}[ \t]*[:—–-]?[ \t]*\n?[ \t]*(?P<n>{n}){counts}", keyed))
    if need("absent_without_reason", no_reason):
        take("absent_without_reason", re.search(rf"{counted}{words3}{no_reason}", keyed))
    # "có lý do" must not be the tail of "không có lý do"; "без уважительной" not read as "уважительной".
    # "Hai đảng viên vắng mặt đều có lý do: một người đi viện, ...": the count before the cue first.
    if need("absent_with_reason", with_reason):
        take(
            "absent_with_reason", re.search(rf"{counted}{words3}(?<!khong )(?<!khong co )(?<!без ){with_reason}", keyed)
        )
    # "Vắng 3 đồng chí, đều có lý do: ...", "vắng 2 đ/c đi làm thuê ở Bình Dương có báo cáo".
    if need("absent_with_reason", absent, with_reason):
        take(
            "absent_with_reason",
            re.search(
                rf"{absent}\w*[ \t]*:?[ \t]*{counted}(?:,?[ \t]+[^\W\d_]+){{0,8}}?[ \t]*,?[ \t]*(?<!khong )(?<!khong co )(?<!без ){with_reason}(?![ \t:]*\d)",
                keyed,
            ),
        )
    if need("absent_with_reason", with_reason):
        take(
            "absent_with_reason",
            re.search(
                rf"(?<!khong )(?<!khong co )(?<!без ){with_reason}[ \t]*[:—–-]?[ \t]*\n?[ \t]*(?P<n>{n}){counts}", keyed
            ),
        )
    if need("absent_without_reason", absent, no_reason):
        take("absent_without_reason", re.search(rf"{absent_n}{words3}{no_reason}", keyed))
    # Inside an absence clause: "vắng 4 đồng chí (3 có lý do, 1 không có lý do)", "Vắng 2: 1 có lý do ...".
    # ... or after "and": "three members were absent with leave and one without leave".
    mark = r"(?:(?<=[(:,;])|(?<=\band)|(?<=\bva)|(?<=\bи))"
    in_clause = rf"{absent}\w*[^\n.]{{0,60}}?{mark}[ \t]*(?P<n>{n})[ \t]+(?:{members}[ \t]+)?"
    if need("absent_without_reason", absent, no_reason):
        take("absent_without_reason", re.search(rf"{in_clause}{no_reason}", keyed))
    if need("absent_with_reason", absent, with_reason):
        take("absent_with_reason", re.search(rf"{in_clause}(?<!khong )(?<!khong co )(?<!без ){with_reason}", keyed))
    if need("absent_with_reason", absent, with_reason):
        take(
            "absent_with_reason",
            re.search(rf"{absent_n}{words3}(?<!khong )(?<!khong co )(?<!без ){with_reason}", keyed),
        )
    if need("absent_with_reason", absent, with_reason):
        single = _single_absentee(doc, keyed, absent, with_reason)
        if single is not None:
            found["absent_with_reason"] = single
    exempt = _alt(data.exempt_cues)
    # Written-out zeros first: "Absent without leave: none", "освобождённых от посещения собраний
    # нет", "отсутствующих нет" (nobody absent at all).
    zero_before = _alt(data.zero_before)
    for name, cue in (("absent_without_reason", no_reason), ("exempt", exempt)):
        if not need(name, cue):
            continue
        match = re.search(rf"{cue}\w*(?:[ \t]+[^\W\d_]+){{0,3}}?[ \t]*[:—–-]?[ \t]*\n?[ \t]*{zero}", keyed)
        # "không có đảng viên miễn sinh hoạt", "no member was absent without leave"
        match = match or re.search(
            rf"(?<!\w)(?P<z>{zero_before})[ \t]+(?:{members}[ \t]+)?(?:[^\W\d_]+[ \t]+){{0,2}}?{cue}", keyed
        )
        if match and name not in found:
            found[name] = IntFact(
                text=doc.text[match.start("z") : match.end("z")], start=match.start("z"), end=match.end("z"), value=0
            )
    nobody = None
    if need("absent_with_reason", absent) or need("absent_without_reason", absent):
        nobody = re.search(rf"{_alt(data.absent_cues)}\w*[ \t]*:?[ \t]*{zero}", keyed)
    if nobody:
        for name in ("absent_with_reason", "absent_without_reason"):
            if name not in found:
                found[name] = IntFact(
                    text=doc.text[nobody.start("z") : nobody.end("z")],
                    start=nobody.start("z"),
                    end=nobody.end("z"),
                    value=0,
                )
    if need("exempt", exempt):
        take("exempt", re.search(rf"{exempt}\w*[^\d\n]{{0,20}}?\n?[ \t]*(?P<n>{n})(?![\d/])", keyed))
    if need("exempt", exempt):
        take("exempt", re.search(rf"(?P<n>{n})[ \t]*(?:{members})?[^\d\n;,()]{{0,15}}{exempt}", keyed))
    absentees = _absentees(doc, cues, zone_end)
    _derive_counts(found, absentees)
    return Attendance(**found, absentees=absentees)


def _single_absentee(doc: _Doc, keyed: str, absent: str, with_reason: str) -> IntFact | None:
    """One named member absent with a reason and no count: "đồng chí Trần Văn Bình vắng có lý do",
    "Comrade Huỳnh Văn Tài absent with leave", "учительница Лыонг Тхи Тхао отсутствовала по
    уважительной причине". A plural subject ("Hai đảng viên vắng mặt") has no name before the cue."""
    pattern = rf"(?<!\w){absent}\w*[ \t]+(?:[^\W\d_]+[ \t]+){{0,2}}?(?<!khong )(?<!khong co )(?<!без ){with_reason}"
    for match in re.finditer(pattern, keyed):
        before = doc.text[max(0, match.start() - 60) : match.start()].rstrip(" \t,")
        name = re.search(r"(?:[A-ZĐÀ-ÝА-ЯЁ][^\W\d_]*[ \t]+){1,4}[A-ZĐÀ-ÝА-ЯЁ][^\W\d_]*$", before)
        plural = re.match(r"(?:отсутствовали|were)\b", keyed[match.start() : match.start() + 14])
        singular = re.match(r"(?:отсутствовал|отсутствовала|was)\b", keyed[match.start() : match.start() + 14])
        if (name is not None or singular) and not plural:
            start = match.start() if name is None else max(0, match.start() - 60) + name.start()
            return IntFact(text=doc.text[start : match.end()], start=start, end=match.end(), value=1, derived=True)
    return None


def _derive_counts(found: dict[str, IntFact], absentees: list[Absentee]) -> None:
    """Count the named absentees when the minutes give names but no number: "Vắng: đồng chí X (đi
    công tác, có báo cáo)" is one absent with reason, "đồng chí Y vắng không có lý do" one without. Nothing else is computed: a count the minutes
    do not state stays null, even when the others would add up to it."""
    for name, people in (
        ("absent_with_reason", [a for a in absentees if a.with_reason]),
        ("absent_without_reason", [a for a in absentees if a.with_reason is False]),
    ):
        if name not in found and people:
            found[name] = IntFact(
                text=people[0].text, start=people[0].start, end=people[0].end, value=len(people), derived=True
            )


def _attendance_table(doc: _Doc, keyed: str, data: MeetingData) -> dict[str, IntFact]:
    """Attendance laid out as a table: a row of labels, then a row of numbers, one cell per line
    ("Tổng số đảng viên | Có mặt | Vắng có lý do" / "18 | 16 | 2")."""
    cues = {
        "total_members": _alt(data.total_cues + data.total_generic_cues),
        "present": _alt(data.present_cues),
        "absent_without_reason": _alt(data.no_reason_cues),
        "absent_with_reason": _alt(data.reason_cues),
        "exempt": _alt(data.exempt_cues),
    }
    if not re.search(r"^[ \t]*\d{1,4}[ \t]*$", keyed, re.M):
        return {}  # no line holds a number alone: no table
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", keyed) if m.group().strip()]
    for i in range(len(lines)):
        labels: list[str | None] = []
        j = i
        while j < len(lines) and not re.fullmatch(r"\s*\d{1,4}\s*", lines[j][1]) and len(lines[j][1]) <= 40:
            label = None
            for name, pattern in cues.items():
                if re.search(pattern, lines[j][1]) and not (
                    name == "absent_with_reason" and re.search(cues["absent_without_reason"], lines[j][1])
                ):
                    label = name
                    break
            labels.append(label)
            j += 1
        if sum(label is not None for label in labels) < 2:
            continue
        values = lines[j : j + len(labels)]
        if len(values) < len(labels) or not all(re.fullmatch(r"\s*\d{1,4}\s*", v) for _, v in values):
            continue
        out: dict[str, IntFact] = {}
        for label, (start, value) in zip(labels, values, strict=True):
            if label and label not in out:
                digits = re.search(r"\d+", value)
                assert digits is not None
                s, e = start + digits.start(), start + digits.end()
                out[label] = IntFact(text=doc.text[s:e], start=s, end=e, value=int(digits.group()))
        return out
    return {}


_CLAUSE_END = re.compile(
    r"(?<![\s(]тов)(?<![\s(]г)(?<!\bCom)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bđ/c)(?<!\bĐ/c)(?<!\b[A-ZĐА-ЯЁ])"
    r"[.!?](?=[ \t]+[A-ZĐÀ-ỸА-ЯЁ]|[ \t]*$)",
    re.M | re.I,
)


def _absentees(doc: _Doc, cues: _Cues, zone_end: int) -> list[Absentee]:
    """Names after an absence cue, each with the reason written after it: "Vắng: 01 đồng chí có lý do
    (đ/c Hà Thị Mai - ốm)", "Vắng 03 đồng chí: đồng chí A nghỉ thai sản và đồng chí B về quê (có báo
    cáo); đồng chí C vắng không có lý do". The clause runs over wrapped lines; names that share one
    reason ("đồng chí A, đồng chí B (đi làm ăn xa)") share it."""
    absent = re.compile(_alt(cues.data.absent_cues))
    honor = re.compile(_alt(_merged("honorifics")) + r"\.?[ \t]+")
    no_reason_cue = re.compile(_alt(cues.data.no_reason_cues))
    reason_cue = re.compile(r"(?<!khong )(?<!khong co )(?<!без )" + _alt(cues.data.reason_cues))
    for match in absent.finditer(doc.keyed, 0, zone_end):
        clause_end = _line_end(doc.flat, match.end())
        while (
            clause_end < len(doc.text)
            and doc.text[clause_end - 1 : clause_end] in (",", ";")
            and not re.match(r"\n[ \t]*(?:[-–•+*]|\d{1,2}[.)])", doc.text[clause_end : clause_end + 5])
        ):
            clause_end = _line_end(doc.flat, clause_end + 1)  # a list of names wrapped after a comma
        # The sentence ends the clause: "... (nghỉ ốm). Đồng chí X báo cáo ..." is no absentee.
        stop = _CLAUSE_END.search(doc.text, match.end(), clause_end)
        clause_end = stop.start() if stop else clause_end
        if "\n" in doc.text[match.end() : clause_end]:
            # A name cut by a wrapped line: read it on a copy with the wrap as a space (same offsets).
            clause = doc.text[match.end() : clause_end].replace("\n", " ")
            reader = _Doc(doc.text[: match.end()] + clause + doc.text[clause_end:], doc.keyed, doc.flat)
        else:
            reader = doc
        found: list[tuple[TextFact, int]] = []  # name, end of its segment
        last = match.end()
        for hon in honor.finditer(doc.keyed, match.end(), clause_end):
            if hon.start() < last:
                continue  # "anh" in "Phạm Thị Lan Anh"
            before = doc.text[match.end() : hon.start()].rstrip(" \t")
            if doc.text[hon.start()].isupper() and before[-1:].isalpha():
                continue  # "Chi" in "Ho Chi Minh City": a capitalised word inside a run of words
            name = _name_after(reader, cues, hon.end(), clause_end)
            # A name right after the honorific: "đ/c đi làm thuê ở Bình Dương" names a place.
            if name is None or len(doc.text[hon.end() : name.start].split()) > 2:
                continue
            if found:
                found[-1] = (found[-1][0], hon.start())
            found.append((name, clause_end))
            last = name.end
        if not found:
            continue
        head = doc.keyed[match.end() : found[0][0].start]
        head_without = no_reason_cue.search(head) is not None
        head_with = not head_without and reason_cue.search(head) is not None
        people: list[Absentee] = []
        for name, segment_end in found:
            tail = doc.text[name.end : segment_end]
            keyed_tail = doc.keyed[name.end : segment_end]
            without = no_reason_cue.search(keyed_tail) is not None
            reason = None
            if not without:
                r = re.match(r"[ \t]*[-–—:(,]?[ \t]*(?P<r>[^;()\n]{2,120})", tail)
                if r is not None:
                    reason = (
                        re.sub(r"(?i)[ \t,.;]*(?:\b(?:và|and|и)\b)?[ \t,.;]*$", "", r.group("r")).strip(" .,") or None
                    )
                    if reason is not None and len(reason.split()) < 2 and not re.match(r"[ \t]*[-–—:(]", tail):
                        reason = None
            with_reason = (
                False if without or (head_without and reason is None) else True if reason or head_with else None
            )
            name_value = name.value
            people.append(
                Absentee(
                    text=doc.text[name.start : name.end],
                    start=name.start,
                    end=name.end,
                    name=name_value,
                    reason=reason,
                    with_reason=with_reason,
                )
            )
        # "đồng chí A, đồng chí B (đi làm ăn xa)": A shares B's reason.
        for i in range(len(people) - 2, -1, -1):
            if people[i].with_reason is None and people[i + 1].reason is not None:
                between = doc.text[people[i].end : people[i + 1].start]
                if re.fullmatch(r"[ \t]*(?:,|và|and|и)?[ \t]*\S*[ \t]*", between):
                    people[i] = people[i].model_copy(
                        update={"reason": people[i + 1].reason, "with_reason": people[i + 1].with_reason}
                    )
        return people
    return []


def _attendance_total_row(doc: _Doc, keyed: str, data: MeetingData) -> dict[str, IntFact]:
    """The total row of a table that lists the members with a mark in "Có mặt" and the reason in
    "Vắng (lý do)": "Tổng | 10/11 | 01" read as present 10 of 11, one absent (with reason when the
    absence column asks for one)."""
    row = re.search(
        r"^[ \t]*(?:tong cong|tong so|tong|cong|total|итого|всего)[ \t]*\n[ \t]*(?P<n>\d{1,4})[ \t]*/[ \t]*(?P<t>\d{1,4})[ \t]*(?:\n[ \t]*(?P<a>\d{1,4})[ \t]*$)?",
        keyed,
        re.M,
    )
    if row is None:
        return {}
    header = keyed[max(0, row.start() - 3000) : row.start()]
    if not re.search(rf"^[ \t]*{_alt(data.present_cues)}[ \t]*$", header, re.M):
        return {}
    out: dict[str, IntFact] = {}
    for name, group in (("present", "n"), ("total_members", "t"), ("absent_with_reason", "a")):
        if row.group(group) is None:
            continue
        if name == "absent_with_reason":
            column = re.search(rf"^[ \t]*{_alt(data.absent_cues)}[^\n]{{0,20}}$", header, re.M)
            if (
                column is None
                or not re.search(_alt(data.reason_cues), column.group())
                or re.search(_alt(data.no_reason_cues), column.group())
            ):
                continue
        s, e = row.start(group), row.end(group)
        out[name] = IntFact(text=doc.text[s:e], start=s, end=e, value=int(row.group(group)))
    return out


_ITEM = re.compile(r"[ \t]*(?P<mark>\d{1,2}[.)]|[-–•+*]|[a-zđ][.)])[ \t]+(?P<t>\S.*?)[ \t.;:]*$")
_TOP_HEADING = re.compile(r"[ \t]*(?:[IVX]+[.)]|[A-ZĐ][.)])[ \t]+\S")


def _agenda(doc: _Doc, cues: _Cues) -> list[SpanFact]:
    """The items of the meeting's content, in order.

    After a content label ("Nội dung:", "II. NỘI DUNG SINH HOẠT", "повестку дня:", "Agenda:"): the
    items on the same line ("gồm: a; b; c") or the numbered (else bulleted) lines below it, skipping
    the detail lines between numbered items, up to the next top-level heading. Without a label, the
    numbered section headings of the body.
    """
    label = re.compile(
        rf"{_alt(cues.data.agenda_labels)}[^\n:.;]{{0,40}}:?[ \t]*(?=\n|$)|{_alt(cues.data.agenda_labels)}[^\n:.;]{{0,40}}:[ \t]*",
        re.M,
    )
    for match in label.finditer(doc.keyed, 0, min(len(doc.text), 6000)):
        line_end = _line_end(doc.text, match.end())
        inline = doc.text[match.end() : line_end]
        if inline.strip():
            items = _split_inline(doc, match.end(), line_end)
            if len(items) >= 2:
                return items
            continue
        items = _listed_items(doc, line_end + 1)
        if items:
            return items
    return []


def _split_inline(doc: _Doc, start: int, end: int) -> list[SpanFact]:
    """ "gồm: thông báo ...; triển khai ...; thu đảng phí." -> the items between semicolons."""
    sentence = re.search(r"\.(?:\s|$)", doc.text[start:end])
    stop = start + sentence.start() if sentence else end
    items: list[SpanFact] = []
    pos = start
    for part in doc.text[start:stop].split(";"):
        value = part.strip(" \t.")
        if value:
            s = doc.text.index(value, pos)
            items.append(SpanFact(text=value, start=s, end=s + len(value)))
        pos += len(part) + 1
    return items


def _is_heading_line(line: str) -> bool:
    """ "PROCEEDINGS", "III. DIỄN BIẾN": a short line in capitals without an item mark."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and len(line) <= 80 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _listed_items(doc: _Doc, pos: int) -> list[SpanFact]:
    items: list[SpanFact] = []
    numbered: bool | None = None
    last_number = 0
    seen = 0
    while pos < len(doc.text) and seen < 80:
        end = _line_end(doc.text, pos)
        line = doc.text[pos:end]
        seen += 1
        if not line.strip():
            if items and numbered is False:
                break
            pos = end + 1
            continue
        if items and (_TOP_HEADING.match(line) or _is_heading_line(line)):
            break
        item = _ITEM.match(line)
        is_number = bool(item and item.group("mark")[0].isdigit())
        if is_number and item is not None:
            number = int(re.match(r"\d+", item.group("mark")).group())  # type: ignore[union-attr]
            if items and numbered and number <= last_number:  # numbering restarts: the proceedings
                break
            last_number = number
        if item is None or (numbered and not is_number):
            if numbered:  # detail lines under a numbered item
                pos = end + 1
                continue
            if items:
                break
            if not _TOP_HEADING.match(line) and len(line) > 80:
                break
            pos = end + 1
            continue
        if numbered is None:
            numbered = is_number
        elif numbered is False and is_number:
            break
        start = pos + item.start("t")
        value = item.group("t").rstrip(" .:;")
        items.append(SpanFact(text=value, start=start, end=start + len(value)))
        pos = end + 1
    return items


def _conclusions(doc: _Doc) -> list[SpanFact]:
    """Paragraphs that state the chair's conclusion ("Kết luận:", "Đồng chí chủ trì kết luận")."""
    pattern = re.compile(
        r"^[ \t]*(?:[ivx]+[.)][ \t]*|\d+[.)][ \t]*)?(?:ket luan|заключение|выводы|conclusion|conclusions)\b[^\n]*$"
        r"|(?:chu tri|dong chi [^\n]{0,40}?) ket luan[^\n]*$|(?:concluded|подвел итоги|подвела итоги)[^\n]*$",
        re.M,
    )
    out: list[SpanFact] = []
    for match in pattern.finditer(doc.keyed, len(doc.text) // 4):
        start = _line_start(doc.text, match.start())
        end = _line_end(doc.text, match.start())
        line = doc.text[start:end].strip()
        if len(line) < 40:  # a heading: the conclusion is the next paragraph
            nxt = end + 1
            end = _line_end(doc.text, nxt)
            start = nxt
            line = doc.text[start:end].strip()
        if line:
            s = doc.text.index(line, start)
            out.append(SpanFact(text=line, start=s, end=s + len(line)))
        if out:
            break
    return out


_SENTENCE = re.compile(r"[^\n.!?]+(?:\.\d[^\n.!?]*)*")  # "84.6%" does not end a sentence


def _votes(doc: _Doc, cues: _Cues) -> list[Vote]:
    """Recorded votes on the resolution or conclusion, one per sentence, in the second half of the
    minutes: counts ("17/17 đồng chí nhất trí", "за — 10, против — 2", "11 for, 2 against"), a
    percentage, or a unanimous adoption ("единогласно", "adopted unanimously")."""
    data = cues.data
    anchor = re.compile(_alt(_merged("vote_cues")))
    formal = re.compile(r"bieu quyet|голос|vote|voting|unanim|единогласн|nhat tri 100|tan thanh")
    votes: list[Vote] = []
    for sentence in _SENTENCE.finditer(doc.keyed, len(doc.text) // 3):
        text = sentence.group()
        if not anchor.search(text):
            continue
        counts = _vote_counts(text, data)
        percent = re.search(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)[ \t]*%", text)
        if not counts and not (
            formal.search(text) and (percent or re.search(r"unanim|единогласн|nhat tri|tan thanh", text))
        ):
            continue
        if not counts and not percent and not re.search(r"bieu quyet|голос|vote|unanim|единогласн", text):
            continue
        lead = len(text) - len(text.lstrip())
        start, end = sentence.start() + lead, sentence.start() + len(text.rstrip())
        votes.append(
            Vote(
                text=doc.text[start:end],
                start=start,
                end=end,
                percent=float(percent.group(1).replace(",", ".")) if percent else None,
                **counts,
            )
        )
    return votes


def _vote_counts(text: str, data: MeetingData) -> dict[str, int]:
    """Counts for, against and abstaining in one sentence of keyed text."""
    counts: dict[str, int] = {}
    members = _alt(data.member_words)
    number = r"(?<![\d/])(?<!\d[.,])(\d{1,3})(?:/\d{1,3})?(?![\d/%]|[.,]\d)"
    against_words = _alt(data.against_words)
    for name, words in (("against", data.against_words), ("abstain", data.abstain_words), ("for", data.for_words)):
        alt = _alt(words)
        guard = r"(?<!khong )(?<!không )" if name == "for" else ""
        match = re.search(rf"{number}[ \t]*(?:{members})?[ \t]*(?:co mat[ \t]*)?{guard}{alt}(?!\w)", text) or re.search(
            rf"(?<!\w){guard}{alt}(?!\w)[»\"”]?[ \t]*[:—–-]?[ \t]*{number}", text
        )
        if name == "for" and match and re.search(against_words, text[max(0, match.start() - 6) : match.end()]):
            match = None
        if match:
            counts[name] = int(match.group(1))
    ratio = re.search(rf"(?<![\d/.,])(\d{{1,3}})[ \t]*/[ \t]*(\d{{1,3}})(?![\d/])[ \t]*(?:{members})?", text)
    if "for" not in counts and ratio and int(ratio.group(1)) <= int(ratio.group(2)):
        counts["for"] = int(ratio.group(1))
    return counts


def _rating(doc: _Doc, cues: _Cues) -> SelfRating | None:
    data = cues.data
    labels = sorted(((key(k), v) for k, v in data.ratings.items()), key=lambda kv: len(kv[0]), reverse=True)
    label_alt = "|".join(re.escape(k) for k, _ in labels)
    pattern = re.compile(rf"{_alt(data.rating_cues)}[^\n]{{0,80}}?(?<!\w)(?P<label>{label_alt})(?!\w)")
    for match in pattern.finditer(doc.keyed, len(doc.text) // 3):
        label = dict(labels)[match.group("label")]
        end = _line_end(doc.text, match.end())
        points = re.search(rf"(\d{{1,3}}(?:[.,]\d)?)[ \t]*{_alt(data.points_words)}", doc.keyed[match.start() : end])
        s = match.start()
        e = match.start() + points.end() if points else match.end()
        return SelfRating(
            text=doc.text[s:e],
            start=s,
            end=e,
            label=label,  # type: ignore[arg-type]
            points=float(points.group(1).replace(",", ".")) if points else None,
        )
    return None


def _cell(doc: _Doc, header: Header | None) -> tuple[TextFact | None, TextFact | None]:
    """The cell and its upper organisation: from the header, else the first cell name in the text."""
    cell = upper = None
    if header is not None and header.issuer:
        span = header.spans["issuer"]
        # "CHI ỦY CHI BỘ TRƯỜNG ..." (the committee of the cell), "WARD PARTY COMMITTEE - PARTY CELL OF ...".
        found = _cell_name().search(doc.keyed, span.start, span.end)
        if found:
            # "WARD PARTY COMMITTEE - PARTY CELL OF ...": the cell starts after the dash.
            dashes = list(re.finditer(r"[ \t]+[-–][ \t]+", doc.text[span.start : found.start()]))
            start = span.start + dashes[-1].end() if dashes else span.start
            if doc.keyed.startswith(("chi uy ", "chi ủy "), start):  # "CHI ỦY CHI BỘ ...": the cell's committee
                start = found.start()
            cell = _fact(doc, start, span.end, " ".join(doc.text[start : span.end].split()))
            if header.upper_organisation and "upper_organisation" in header.spans:
                up = header.spans["upper_organisation"]
                upper = _fact(doc, up.start, up.end, header.upper_organisation)
            return cell, upper
    for match in _cell_name().finditer(doc.keyed, 0, min(len(doc.text), 3000)):
        value = _cell_words(doc, match)
        if value is not None:
            return value, None
    return None, None


_CELL_WORDS = ["chi bộ", "партийная ячейка", "ячейка", "party cell"]
# Words that end a cell's name in Vietnamese: verbs and prepositions of the sentence around it
# ("Chi bộ thôn Nà Cang tổ chức sinh hoạt", "Chi bộ Trường Tiểu học Mường Mít tiến hành ...").
_VI_NAME_STOPS = {
    "tổ",
    "tiến",
    "sinh",
    "họp",
    "có",
    "đã",
    "đang",
    "sẽ",
    "được",
    "tại",
    "vào",
    "ngày",
    "tháng",
    "năm",
    "đánh",
    "thực",
    "triển",
    "nhất",
    "thống",
    "gồm",
    "là",
    "và",
    "với",
    "trong",
    "theo",
    "về",
    "đề",
    "bầu",
    "xây",
    "định",
    "thường",
    "chuyên",
    "bốn",
    "hoàn",
    "lãnh",
    "kết",
    "phối",
    "cùng",
    "do",
    "đạt",
    "luôn",
    "hiện",
}


@cache
def _cell_name() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _alt(_CELL_WORDS) + r"(?!\w)")


def _cell_words(doc: _Doc, match: re.Match[str]) -> TextFact | None:
    """Read a cell's name at a "Chi bộ" / "Партийная ячейка" / "Party Cell" mention.

    Vietnamese names run to the first verb or preposition (they hold lower-case words: "Trường Tiểu
    học", "thôn"); English "Party Cell of ..." names are capitalised words with "of", "the", "No.";
    Russian names go on in the genitive up to the verb ("... жилой группы № 5 провела ...").
    """
    text = doc.text
    pos = match.end()
    limit = min(_line_end(text, pos), pos + 120)
    word_re = re.compile(r"[^\W_]+\.?|№|«[^»\n]{1,40}»")
    head = text[match.start() : match.end()]
    lang = "ru" if re.search(r"[а-яА-Я]", head) else "en" if head.lower().startswith("party") else "vi"
    end = pos
    count = 0
    while pos < limit and count < 10:
        gap = re.match(r"[ \t]+(?:-[ \t]+)?", text[pos:limit])
        if gap is None:
            break
        word = word_re.match(text, pos + gap.end(), limit)
        if word is None:
            break
        w = word.group()
        if lang == "vi":
            if w.lower() in _VI_NAME_STOPS or (gap.group().strip() == "-" and w.lower() in ("đảng",)):
                break
        elif lang == "ru":
            if re.search(r"(?:ла|ло|ли|ал|ил|ел)$", w) or w.lower() in {"в", "на", "по", "с", "за", "и", "—"}:
                break
        elif not (w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "the", "and", "no.", "no"}):
            break
        pos = word.end()
        count += 1
        if w[0].isupper() or w[0].isdigit() or lang == "ru" or w.startswith(("«", "№")):
            end = pos
    if end == match.end():
        return None
    value = text[match.start() : end].rstrip(" -.")
    return _fact(doc, match.start(), match.start() + len(value), " ".join(value.split()))
