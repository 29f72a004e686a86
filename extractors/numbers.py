"""Find document numbers (số và ký hiệu) in text: party `21-NQ/TW`, state `30/2020/NĐ-CP`, `439/QĐ-TTg`.

Character-level matching (regexes over the normalised text) so the result does not depend on any
tokenizer: a loose candidate pattern finds "digits, separator, symbol parts", then `_parse` decides
from the symbol vocabulary (`data/common/doc_numbers.toml`) whether the candidate is a party or a state
number, where it really ends (conversions glue words on: "70-TB/TWngày") and what its canonical form is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml
from models.records import DateMention, DocNumber

# Letters a symbol can hold. Cyrillic look-alikes are in the class because Russian texts and
# copy-paste mix them into Latin symbols ("СТ/TW" with a Cyrillic С); they are mapped back below.
_CYRILLIC_LOOKALIKES = "АВЕКМНОРСТХУаеорсху"
_LATIN_TWINS = "ABEKMHOPCTXYaeopcxy"
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_TWINS)
_L = "A-Za-zĐđƯưƠơ" + _CYRILLIC_LOOKALIKES
# Spaces and at most one line break: PDFs wrap "21-NQ/" and "TW" onto two lines.
_GAP = r"[ \t]*(?:\n[ \t]*)?"
_SEP = rf"{_GAP}(?P<sep>[-–—‐‑/]){_GAP}"
# A symbol part: letters with inner dots ("Th.U"), optionally ending in digits ("QH14", "UBTVQH15").
_PART = rf"[{_L}](?:[{_L}.]*[{_L}])?\d{{0,2}}"
_YEAR = r"(?:19|20)\d\d(?=[ \t]*/)"
_PIECE = re.compile(rf"{_SEP}(?P<part>{_YEAR}|{_PART})")
# The first digit of a number not inside a longer one: no digit, slash or hyphen right before
# ("30/2020/NĐ-CP" must not yield "2020/NĐ-CP", nor "1.250" a "250"); letters before are allowed
# ("số06-QĐ/TW" from bad conversions). The pattern starts with the digit, so `re` jumps from digit
# to digit, and the look-behinds run after it (half the time of look-behinds first).
_NUM_START = r"\d(?<=(?<![\d/\-–])(?<!\d[.,])\d)"
_CANDIDATE = re.compile(rf"(?P<num>{_NUM_START}\d{{0,4}})(?P<tail>(?:{_GAP}[-–—‐‑/]{_GAP}(?:{_YEAR}|{_PART})){{1,6}})")
# "09 KH/ĐU": the hyphen lost, a space instead.
_SPACED = re.compile(rf"(?P<num>{_NUM_START}\d{{0,4}})[ \t]+(?P<type>[{_L}]{{2,4}}){_GAP}/{_GAP}(?P<issuer>{_PART})")
# Numbers before a complete one that share its symbol: "Nghị quyết số 18, 19-NQ/TW".
_LIST_TAIL = re.compile(r"(?:(?<![\d/\-–])\d{1,5}[ \t]*(?:,|;|&|\bvà\b|\bva\b|\band\b|\bи\b)[ \t]*)+$", re.I)
_LIST_NUM = re.compile(r"\d{1,5}")
# Glue between a number and its issue date: "21-NQ/TW ngày", ", ngày", " от ", " dated ",
# " (", " của Ban Chấp hành Trung ương khóa XIII ngày".
_DATE_INTRO = re.compile(r"(?:^[\s,;:(–-]*$|(?:ngày|ngay|от|dated|of|on|date|issued on)[\s:(]*$)", re.I)
_NUMBER_PREFIX = re.compile(r"(?:số|so|sô|no\.?|nos\.?|№|n°)[ \t]*:?[ \t]*$", re.I)
_UNKNOWN_TYPE = re.compile(r"[A-ZĐ]{2,5}")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|-?го|-?й|-?м)\b", re.I)


class _TypeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    abbr: str
    kind: str


class _Issuers(BaseModel):
    model_config = ConfigDict(extra="forbid")
    party_levels: list[str]
    party_bodies: list[str]
    state: list[str]


class NumberData(BaseModel):
    """Schema of data/common/doc_numbers.toml."""

    model_config = ConfigDict(extra="forbid")
    party_types: list[_TypeEntry]
    state_types: list[_TypeEntry]
    issuers: _Issuers


class _LangType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str]
    abbr: str | None = None
    kind: str


class DocTypeNames(BaseModel):
    """Schema of data/<lang>/doc_types.toml."""

    model_config = ConfigDict(extra="forbid")
    number_prefixes: list[str]
    date_glue_blockers: list[str]
    types: list[_LangType]


def _latin_key(symbol: str) -> str:
    """Fold a symbol for lookup: Cyrillic look-alikes to Latin, Vietnamese letters to plain Latin, upper."""
    return (
        symbol.translate(_TO_LATIN)
        .replace("Đ", "D")
        .replace("đ", "d")
        .replace("Ư", "U")
        .replace("ư", "u")
        .replace("Ơ", "O")
        .replace("ơ", "o")
        .upper()
    )


class _Vocabulary:
    """Lookup tables built once from the data files."""

    def __init__(self, data: NumberData, type_names: dict[str, str], blockers: list[str]):
        self.party_types = self._table(t.abbr for t in data.party_types)
        self.state_types = self._table(t.abbr for t in data.state_types)
        self.party_levels = self._table(data.issuers.party_levels)
        self.party_bodies = self._table(data.issuers.party_bodies)
        self.state_issuers = self._table(data.issuers.state)
        self.type_names = type_names
        self.glue_blockers = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(b) for b in sorted(blockers, key=len, reverse=True)) + r")(?!\w)", re.I
        )
        names = sorted(type_names, key=len, reverse=True)
        # "Quy định số 08/TU": the type name in front of a number whose symbol lost its type.
        self.name_before = re.compile(
            r"(?:^|[^\w])(" + "|".join(re.escape(n) for n in names) + r")[ \t]*(?:số|so|no\.?|№)?[ \t]*:?[ \t]*$",
            re.I,
        )

    @staticmethod
    def _table(symbols) -> dict[str, str]:
        """Map exact, lower-case and Latin-folded spellings to the canonical symbol (exact wins)."""
        table: dict[str, str] = {}
        for symbol in symbols:
            table[f"e:{symbol}"] = symbol
            table.setdefault(f"l:{symbol.lower()}", symbol)
            key = f"f:{_latin_key(symbol)}"
            # A plain-Latin symbol owns its folded key: Latin "TU" stays TU rather than becoming TƯ.
            if _latin_key(symbol) == symbol.upper():
                table[key] = symbol
            else:
                table.setdefault(key, symbol)
        return table

    @staticmethod
    def find(table: dict[str, str], raw: str) -> str | None:
        """Return the canonical symbol for a raw spelling, or None."""
        raw = raw.translate(_TO_LATIN)
        return table.get(f"e:{raw}") or table.get(f"l:{raw.lower()}") or table.get(f"f:{_latin_key(raw)}")


@cache
def _vocabulary(lang: str) -> _Vocabulary:
    data = load_toml("common", "doc_numbers", NumberData)
    type_names: dict[str, str] = {}
    blockers: list[str] = []
    for code in ("vi", "ru", "en"):  # citations in any language may name a type: try them all
        names = load_toml(code, "doc_types", DocTypeNames)
        blockers.extend(names.date_glue_blockers)
        for entry in names.types:
            if entry.abbr:
                for name in entry.names:
                    type_names.setdefault(name.lower(), entry.abbr)
    return _Vocabulary(data, type_names, blockers)


@dataclass(slots=True)
class _Piece:
    sep: str
    part: str
    start: int
    end: int


@dataclass(slots=True)
class _Parsed:
    normalized: str
    type: str | None
    issuer: str
    family: str
    year: int | None
    end: int
    producer: str


def extract_numbers(text: str, *, lang: str = "vi") -> list[DocNumber]:
    """Return every document number in `text`, in order of appearance."""
    vocab = _vocabulary(lang)
    found: dict[int, DocNumber] = {}
    for match in _CANDIDATE.finditer(text):
        pieces = [
            _Piece(m.group("sep"), m.group("part"), m.start("part"), m.end("part"))
            for m in _PIECE.finditer(text, match.end("num"), match.end())
        ]
        prefixed = bool(_NUMBER_PREFIX.search(text, max(0, match.start() - 12), match.start()))
        # Only "N/ISSUER" with nothing after can take its type from a name before it ("Quy định số 08/TU").
        typeless = bool(pieces) and pieces[0].sep == "/" and (len(pieces) < 2 or pieces[1].sep not in "-–/")
        type_before = _type_before(text, match.start(), vocab) if typeless else None
        parsed = _parse(match.group("num"), pieces, vocab, type_before, prefixed)
        if parsed:
            found[match.start()] = _record(text, match.start(), parsed)
    for match in _SPACED.finditer(text):
        if match.start() in found or "\n" in text[match.end("num") : match.start("type")]:
            continue
        type_ = vocab.find(vocab.party_types, match.group("type"))
        issuer = _issuer(match.group("issuer"), vocab, party=True)
        if type_ and issuer:
            canon, length = issuer
            end = match.start("issuer") + length
            num = match.group("num")
            found[match.start()] = _record(
                text,
                match.start(),
                _Parsed(f"{num}-{type_}/{canon}", type_, canon, "party", None, end, "numbers.party.spaced.v1"),
            )
    numbers = sorted(_drop_overlaps(found.values()), key=lambda n: n.start)
    return sorted(numbers + _list_members(text, numbers), key=lambda n: n.start)


def _record(text: str, start: int, parsed: _Parsed) -> DocNumber:
    num = re.match(r"\d+", text[start:])
    assert num is not None
    return DocNumber(
        text=text[start : parsed.end],
        start=start,
        end=parsed.end,
        normalized=parsed.normalized,
        number=num.group(),
        type=parsed.type,
        issuer=parsed.issuer,
        family=parsed.family,  # type: ignore[arg-type]
        year=parsed.year,
        producer=parsed.producer,
    )


def _drop_overlaps(numbers) -> list[DocNumber]:
    kept: list[DocNumber] = []
    for number in sorted(numbers, key=lambda n: (n.start, -n.end)):
        if kept and number.start < kept[-1].end:
            continue
        kept.append(number)
    return kept


def _type_before(text: str, start: int, vocab: _Vocabulary) -> str | None:
    """Return the type abbreviation named right before a number ("Quy định số 08/TU"), if any."""
    window = text[max(0, start - 40) : start]
    match = vocab.name_before.search(window)
    return vocab.type_names.get(match.group(1).lower()) if match else None


def _parse(
    num: str, pieces: list[_Piece], vocab: _Vocabulary, type_before: str | None, prefixed: bool
) -> _Parsed | None:
    """Decide what a candidate "digits + separated parts" is, or None when it is no document number.

    `prefixed`: "Số"/"No."/"№" stands right before the number, which makes an unknown symbol credible.
    """
    if not pieces:
        return None
    first = pieces[0]
    if first.part.isdigit():
        return _parse_state_with_year(num, pieces, vocab)
    if first.sep == "/":
        return _parse_slash(num, pieces, vocab, type_before, prefixed)
    if len(pieces) < 2:
        return None
    # Party style: NUMBER-TYPE/ISSUER, also "72-NQ-TW" with the wrong separator.
    second = pieces[1]
    type_ = vocab.find(vocab.party_types, first.part)
    producer = "numbers.party.v1"
    if type_ is None:
        # A type we do not know ("12-KHPH/HU") counts under a known party issuer or after "Số".
        unknown = first.part.translate(_TO_LATIN)
        if second.sep != "/" or not _UNKNOWN_TYPE.fullmatch(unknown):
            return None
        if _issuer(second.part, vocab, party=True, known_only=not prefixed) is None:
            return None
        type_, producer = unknown, "numbers.party.unknown_type.v1"
    issuer = _issuer(second.part, vocab, party=True, known_only=second.sep != "/")
    if issuer is None:
        return None
    canon, length = issuer
    return _Parsed(f"{num}-{type_}/{canon}", type_, canon, "party", None, second.start + length, producer)


def _parse_state_with_year(num: str, pieces: list[_Piece], vocab: _Vocabulary) -> _Parsed | None:
    """N/YYYY/TYPE-ISSUER[-ISSUER...] ("24/2012/TTLT-BLĐTBXH-BNV-BTC") or N/YYYY/QH14."""
    year = int(pieces[0].part)
    rest = pieces[1:]
    if pieces[0].sep != "/" or not rest or rest[0].sep != "/":
        return None
    type_ = vocab.find(vocab.state_types, rest[0].part)
    if type_ and len(rest) >= 2 and rest[1].sep in "-–":
        chain = _issuer_chain(rest[1:], vocab)
        if chain:
            issuers, end = chain
            return _Parsed(f"{num}/{year}/{type_}-{issuers}", type_, issuers, "state", year, end, "numbers.state.v1")
    # Laws and National Assembly resolutions carry the assembly in the symbol: 45/2019/QH14.
    chain = _issuer_chain(rest, vocab)
    if chain and re.fullmatch(r"(?:UBTV)?QH\d{1,2}", chain[0].split("-")[0]):
        issuers, end = chain
        return _Parsed(f"{num}/{year}/{issuers}", None, issuers, "state", year, end, "numbers.state.v1")
    return None


def _parse_slash(
    num: str, pieces: list[_Piece], vocab: _Vocabulary, type_before: str | None, prefixed: bool
) -> _Parsed | None:
    """N/TYPE-ISSUER (state), N/ISSUER-UNIT (state letter), or a party number written with slashes."""
    first = pieces[0]
    party_type = vocab.find(vocab.party_types, first.part)
    if len(pieces) >= 2 and pieces[1].sep in "-–/":
        second = pieces[1]
        party_issuer = _issuer(second.part, vocab, party=True, known_only=True)
        # "21/NQ-TW", "21/NQ/TW": a party symbol typed with state separators.
        if party_type and party_issuer and vocab.find(vocab.state_issuers, party_issuer[0]) is None:
            canon, length = party_issuer
            return _Parsed(
                f"{num}-{party_type}/{canon}",
                party_type,
                canon,
                "party",
                None,
                second.start + length,
                "numbers.party.v1",
            )
        if second.sep == "/":
            return None
        state_type = vocab.find(vocab.state_types, first.part)
        if state_type:
            chain = _issuer_chain(pieces[1:], vocab)
            if chain:
                issuers, end = chain
                return _Parsed(
                    f"{num}/{state_type}-{issuers}", state_type, issuers, "state", None, end, "numbers.state.v1"
                )
        # A state official letter has no type: issuer and drafting unit, "4912/UBND-NC".
        chain = _issuer_chain(pieces, vocab)
        # Unknown symbols count after "Số": "Số 12/ABC-XYZ" is a number whatever ABC is.
        if chain and "-" in chain[0] and (prefixed or vocab.find(vocab.state_issuers, chain[0].split("-")[0])):
            issuers, end = chain
            return _Parsed(f"{num}/{issuers}", None, issuers, "state", None, end, "numbers.state.v1")
        return None
    # "Quy định số 08/TU": the type letters are missing; the type name before the number gives them.
    if type_before:
        issuer = _issuer(first.part, vocab, party=True, known_only=True)
        if issuer:
            canon, length = issuer
            return _Parsed(
                f"{num}-{type_before}/{canon}",
                type_before,
                canon,
                "party",
                None,
                first.start + length,
                "numbers.party.implicit_type.v1",
            )
    return None


def _issuer_chain(pieces: list[_Piece], vocab: _Vocabulary) -> tuple[str, int] | None:
    """Join hyphen-separated issuer parts ("BLĐTBXH-BNV-BTC"); return them and the end offset."""
    parts: list[str] = []
    end = 0
    for i, piece in enumerate(pieces):
        if i and piece.sep not in "-–":
            break
        issuer = _issuer(piece.part, vocab, party=False)
        if issuer is None:
            break
        canon, length = issuer
        parts.append(canon)
        end = piece.start + length
        if length < len(piece.part):  # a glued word follows: the symbol ends here
            break
    return ("-".join(parts), end) if parts else None


def _issuer(raw: str, vocab: _Vocabulary, *, party: bool, known_only: bool = False) -> tuple[str, int] | None:
    """Return (canonical issuer, characters of `raw` it covers), or None when `raw` is no issuer.

    `raw` may carry a glued word ("TWngày" arrives as "TWng"): a known issuer followed by lower-case
    letters, or an upper-case run followed by lower-case letters, is cut there.
    """
    tables = (vocab.party_levels, vocab.state_issuers) if party else (vocab.state_issuers, vocab.party_levels)
    for table in tables:
        canon = vocab.find(table, raw)
        if canon:
            return canon, len(raw)
    composite = _composite(raw, vocab)
    if composite:
        return composite, len(raw)
    # Longest known issuer that is a prefix, the rest glued text: "TTgng", "CPng", "TW.H" ("TW.Hội").
    for cut in range(len(raw) - 1, 1, -1):
        head, tail = raw[:cut], raw[cut:]
        if not (tail[0].islower() or tail[0] == "."):
            continue
        for table in tables:
            canon = table.get(f"e:{head.translate(_TO_LATIN)}")
            if canon:
                return canon, cut
        composite = _composite(head, vocab) if head.isupper() else None
        if composite:
            return composite, cut
    if known_only:
        return None
    run = re.match(r"[A-ZĐƯƠ" + _CYRILLIC_LOOKALIKES[:12] + r"]{2,12}\d{0,2}", raw)
    # An unknown issuer must hold a real Latin letter: an all-Cyrillic "ТВ" is Russian text.
    if run is None or not re.search(r"[A-ZĐƯƠ]", run.group()):
        return None
    rest = raw[run.end() :]
    if rest and not (rest[0].islower() or rest[0] == "."):
        return None
    return run.group().translate(_TO_LATIN), run.end()


def _composite(raw: str, vocab: _Vocabulary) -> str | None:
    """Return the canonical body+level issuer ("BTCTW", "UBKTHU", "BCĐTW"), or None."""
    key = _latin_key(raw)
    for cut in range(1, len(key)):
        body = vocab.find(vocab.party_bodies, raw[:cut])
        level = vocab.find(vocab.party_levels, raw[cut:])
        if body and level:
            return body + level
    return None


def _list_members(text: str, numbers: Sequence[DocNumber]) -> list[DocNumber]:
    """Numbers listed before a complete one and sharing its symbol: "số 18, 19-NQ/TW" gives 18-NQ/TW."""
    vocab = None
    members: list[DocNumber] = []
    taken = [(n.start, n.end) for n in numbers]
    for number in numbers:
        window_start = max(0, number.start - 60)
        tail = _LIST_TAIL.search(text, window_start, number.start)
        if tail is None:
            continue
        vocab = vocab or _vocabulary("vi")
        before = text[max(0, tail.start() - 40) : tail.start()]
        if not re.search(r"(?:số|so|nos?\.?|№|number|numbers)[ \t]*:?[ \t]*$", before, re.I) and not (
            vocab.name_before.search(before)
        ):
            continue
        suffix = number.normalized[len(number.number) :]
        for m in _LIST_NUM.finditer(text, tail.start(), tail.end()):
            if any(s <= m.start() < e for s, e in taken):
                continue
            members.append(
                number.model_copy(
                    update={
                        "text": m.group(),
                        "start": m.start(),
                        "end": m.end(),
                        "number": m.group(),
                        "normalized": m.group() + suffix,
                        "producer": "numbers.list.v1",
                        "date": None,
                        "date_start": None,
                        "date_end": None,
                    }
                )
            )
    return members


def attach_issue_dates(text: str, numbers: Sequence[DocNumber], dates: Sequence[DateMention]) -> list[DocNumber]:
    """Return the numbers with the issue date that follows each ("21-NQ/TW ngày 16/6/2022") attached."""
    day_dates = sorted((d for d in dates if d.precision == "day"), key=lambda d: d.start)
    date_starts = [d.start for d in day_dates]
    out: list[DocNumber] = []
    starts = [n.start for n in numbers]
    for i, number in enumerate(numbers):
        next_number = starts[i + 1] if i + 1 < len(starts) else len(text)
        linked = None
        # The first day date at or after the number's end (dates are in text order).
        at = bisect.bisect_left(date_starts, number.end)
        if at < len(day_dates):
            date = day_dates[at]
            if date.start <= number.end + 110 and date.start < next_number:
                gap = text[number.end : date.start]
                if _is_date_glue(gap) and not _vocabulary("vi").glue_blockers.search(gap):
                    linked = date
        if linked is None:
            out.append(number)
            continue
        year = number.year if number.family == "state" and number.year else int(linked.value[:4])
        out.append(
            number.model_copy(
                update={"date": linked.value, "date_start": linked.start, "date_end": linked.end, "year": year}
            )
        )
    return out


def _is_date_glue(gap: str) -> bool:
    """Tell whether the text between a number and a date makes the date the number's issue date."""
    if "\n\n" in gap or re.search(r"[.;!?](?:\s|$)", gap):
        return False
    if re.search(r"\d", _ORDINAL.sub("", gap)):
        return False
    return bool(_DATE_INTRO.search(gap.strip(" ")) or _DATE_INTRO.search(gap))
