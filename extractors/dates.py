"""Find calendar dates and recurring days in text: Vietnamese, Russian and English forms, numeric forms.

The rules are those of corpus/README.md ("Rules for dates"). How the text is read:

1. Each language's data file (`data/<lang>/dates.toml`) compiles to a few patterns with stable ids
   (`dates.vi.long.v1`, `dates.en.mdy.v1` ...); the numeric forms (`16/6/2022`, `16.06.2022`,
   `2022-06-16`) are language-neutral. Every pattern starts with a *lead*: a day number, an ISO year,
   or a month word or name of one language. All patterns of all languages are joined into one regex
   that starts with one character class, so the text is read once and `re` skips in C every position
   that cannot start a date (a recurring day is found from its day number; the words before it are
   checked backwards). The document's language only decides which patterns win a tie.
2. Every match is a candidate: a date with its year (day or month precision), a day and month without
   one, or a recurring day. A match that touches a document number (`exclude`) is no date; a match
   that is an impossible date ("31/2/2023", "31 tháng 4 năm 2023") is dropped whole, its month too.
3. Lists and ranges: the members before a date share its month and year and are read backwards from
   it ("ngày 24, 25/9/2022", "с 1 по 5 марта 2023 года", "from 1 to 5 March 2023"); month lists and
   "March 1 to 5, 2023" are read forwards by their own patterns.
4. A day and month without a year needs a cue ("ngày 28/10", "до 15.05", "by January 10", a news
   dateline "HÀ NỘI, October 6"), and takes its year from a dated mention in the same sentence, else
   from the document's year: its date line at the top ("Cập nhật: 16:42, 18/9/2024"), else the
   caller's `document_year`, else the dates that open the text (a title "... tháng 11/2023");
   otherwise it is dropped. Yearly days ("15/12 hằng năm"), lunar days ("15/8 âm lịch") and a day
   that is part of a holiday's name ("nghỉ lễ Quốc khánh 2/9", "Дню учителей (20 ноября)") are not
   dates.
5. Speed: one pass of the joined regex over the text (a day number's tails are tried only when what
   follows the number can start one of them); another language's patterns are left out when the
   text lacks its month and year words; the rest is per candidate.
"""

from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from extractors.datafiles import DATA_DIR, load_toml
from models.records import DateMention, RecurringDate

# Party documents cite anniversaries back to Hồ Chí Minh's birth ("19/5/1890 - 19/5/2025"); years
# outside this span are OCR noise or not years at all.
MIN_YEAR, MAX_YEAR = 1800, 2100

# ----------------------------------------------------------------------------------------------
# Data files


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Month(_Data):
    number: int = Field(ge=1, le=12)
    names: list[str] = Field(min_length=1, description="Every case and abbreviation of the month's name.")


class Words(_Data):
    day: list[str] = Field(default_factory=list, description="Word labelling a day number: ngày.")
    month: list[str] = Field(default_factory=list, description="Word labelling a month number: tháng.")
    year: list[str] = Field(default_factory=list, description="Word labelling a year: năm.")
    year_suffix: list[str] = Field(default_factory=list, description="Part of the date after the year: года, г.")
    between_day_and_month: list[str] = Field(default_factory=list, description="16th *of* June.")


class Numeric(_Data):
    day_month_separators: list[str] = Field(min_length=1, description="Of a day and month without a year.")
    padded_month: bool = Field(default=False, description="A day and month without a year needs '05', not '5'.")
    month_day_fallback: bool = Field(default=False, description="6/16/2022 is read as June 16.")
    number_prefixes: list[str] = Field(
        default_factory=list, description="Words before a document number: 'Số 16/6/2022-QĐ' holds no date."
    )

    @field_validator("day_month_separators")
    @classmethod
    def _one_character(cls, value: list[str]) -> list[str]:
        if any(len(sep) != 1 or sep.isalnum() for sep in value):
            raise ValueError("separators are single punctuation characters")
        return value


class Connectors(_Data):
    lists: list[str] = Field(min_length=1, description="Between list members: , và и and.")
    ranges: list[str] = Field(min_length=1, description="Between range ends: đến по to.")
    range_starts: list[str] = Field(default_factory=list, description="Before a range: từ с from.")
    members_need_cue: bool = Field(default=False, description="Bare days before a date need 'ngày'/'từ'.")


class Yearless(_Data):
    cues: list[str] = Field(min_length=1, description="Words right before a day and month that make it a date.")
    month_name_needs_cue: bool = Field(default=True, description="Also '28 октября', '16 tháng 6' need a cue.")
    yearly: list[str] = Field(default_factory=list, description="A day that recurs yearly is no date.")
    each_before: list[str] = Field(default_factory=list, description="'каждого 1 января': right before the day.")
    holidays: list[str] = Field(
        default_factory=list, description="Holiday names: the day and month after one (no cue between) is its name."
    )
    anniversaries: list[str] = Field(default_factory=list, description="Before a holiday: its name, no date.")
    not_after: list[str] = Field(default_factory=list, description="Units after '16.6' that make it a number.")
    before_parenthesis: list[str] = Field(
        default_factory=list, description="Words before '(16/6)' that date the day: nay, today, сегодня, weekdays."
    )


class Recurring(_Data):
    templates: list[str] = Field(
        min_length=1,
        description="'{day_word} {day} hằng tháng': a monthly day. Words before {day} are checked backwards "
        "from the day; a template with nothing after {day} needs the day's ordinal ('on the 28th').",
    )

    @field_validator("templates")
    @classmethod
    def _has_day(cls, value: list[str]) -> list[str]:
        for template in value:
            if template.split().count("{day}") != 1 or template.count("{day}") != 1:
                raise ValueError(f"template needs exactly one {{day}}, as a word of its own: {template!r}")
        return value


class DateData(_Data):
    """Schema of `data/<lang>/dates.toml`: the words one language writes dates with."""

    fold: dict[str, str] = Field(default_factory=dict, description="Letter -> all its diacritic variants.")
    ordinals: list[str] = Field(default_factory=list, description="Endings of an ordinal day: st, -го.")
    case_sensitive_names: bool = Field(default=False, description="Month names must be capitalised.")
    typo_min_length: int = Field(
        default=0, ge=0, description="Month names this long also match with a letter missing or two swapped (0: off)."
    )
    month_first: bool = Field(default=False, description="The language writes 'June 16, 2022'.")
    words: Words = Field(default_factory=Words)
    months: list[Month] = Field(default_factory=list)
    numeric: Numeric
    connectors: Connectors
    yearless: Yearless
    recurring: Recurring

    @field_validator("fold")
    @classmethod
    def _fold_keys(cls, value: dict[str, str]) -> dict[str, str]:
        for key, variants in value.items():
            if len(key) != 1 or key not in variants:
                raise ValueError(f"fold key {key!r} must be one letter listed among its own variants")
        return value

    @model_validator(mode="after")
    def _months_complete(self) -> DateData:
        numbers = sorted(m.number for m in self.months)
        if numbers and numbers != list(range(1, 13)):
            raise ValueError("months: list each of the twelve months once")
        if not numbers and not self.words.month:
            raise ValueError("a language needs month names or a month word")
        for template in self.recurring.templates:
            if template.split()[-1] == "{day}" and not self.ordinals:
                raise ValueError(f"{template!r} ends with the day: the language needs ordinals to find it")
        return self


@cache
def available_languages() -> tuple[str, ...]:
    """Return the languages that have a `dates.toml` data file."""
    return tuple(sorted(path.parent.name for path in DATA_DIR.glob("*/dates.toml")))


def load_date_data(lang: str) -> DateData:
    """Load and validate one language's date words."""
    return load_toml(lang, "dates", DateData)


# ----------------------------------------------------------------------------------------------
# Regex building blocks

# Spaces: plain, tab, no-break, and the narrow and thin ones of Russian typography ("2022\u202fг.").
_SP = "[ \\t\\u00a0\\u2007\\u2009\\u202f]"
# Spaces with at most one line break between parts: "ngày 16 tháng 6\nnăm 2022", "16/6/\n2022".
_GAP = rf"{_SP}*(?:\n{_SP}*)?"
_WS = rf"(?:{_SP}+(?:\n{_SP}*)?|\n{_SP}*)"
_LETTER_AFTER = r"(?![^\W\d_])"
_WORD_START = r"(?<![^\W\d_])"
# A day or month number that does not continue a longer number: the look-behinds run after the first
# digit (so `re` can still skip ahead on the digit) and reject "123/6/2022" and "1.16.6.2022".
_NUM_REST = r"(?<![0-9][0-9])(?<![0-9][./][0-9])[0-9]?(?![0-9])"
_NUM = "[0-9]" + _NUM_REST
_YEAR = r"[0-9]{4}(?![0-9])"
_INNER = r"[0-9]{1,2}(?![0-9])"  # a month (or day) after a separator
_ISO_REST = r"(?<![0-9][0-9])(?<![0-9][./\-][0-9])[0-9]{3}"
_GROUP = re.compile(r"\(\?P<\w+>")
# What follows a day number in a numeric date: a separator and the month ("/6", "/ 6", ".06").
_SEP_DIGIT = rf"[/.\-–]{_GAP}[0-9]"


def _char_class(char: str, fold: dict[str, str], *, case_sensitive: bool) -> str:
    """Regex for one letter of a word: its fold variants, in both cases unless case matters."""
    variants = char
    for key, group in fold.items():
        if char.lower() in group:
            variants = group + key
            break
    if not case_sensitive:
        variants = variants.lower() + variants.upper()
    unique = "".join(dict.fromkeys(variants))
    if len(unique) == 1:
        return re.escape(unique)
    return "[" + "".join(re.escape(c) for c in unique) + "]"


def _word(word: str, fold: dict[str, str], *, case_sensitive: bool, stem: bool = False) -> str:
    """Regex for a word or phrase: letters fold, spaces are any run of spaces; a stem may go on."""
    out = []
    for char in word:
        if char == " ":
            out.append(_WS)
        elif char.isalpha():
            out.append(_char_class(char, fold, case_sensitive=case_sensitive))
        else:
            out.append(re.escape(char))
    body = "".join(out)
    if word[-1:].isalpha() and not stem:
        body += _LETTER_AFTER
    return body


def _words_lead(
    words: Iterable[str], fold: dict[str, str], *, case_sensitive: bool, stem: bool = False
) -> tuple[str, str]:
    """Regex for any of `words` as (class of their first letters, the rest): see `_words`."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(_char_class(word[0], fold, case_sensitive=case_sensitive), []).append(word)
    if not by_first:
        return "(?!)", ""
    firsts = "".join(cls[1:-1] if cls.startswith("[") else cls for cls in by_first)
    every = [w for group in by_first.values() for w in group]
    # Checked once before the words are told apart: a word starts a word, and its second letter is
    # one of the words' second letters (most positions fail here: inside words, other words).
    gate = r"(?<![^\W\d_].)" if all(w[0].isalpha() for w in every) else ""
    if all(len(w) > 1 for w in every):
        seconds = "".join(
            "\\s" if w[1] == " " else _char_class(w[1], fold, case_sensitive=case_sensitive).strip("[]") for w in every
        )
        gate += f"(?=[{seconds}])"
    branches = []
    for first, group in by_first.items():
        tails = "|".join(_word(w, fold, case_sensitive=case_sensitive, stem=stem)[len(first) :] for w in group)
        word_start = r"(?<![^\W\d_].)" if group[0][0].isalpha() and not gate.startswith("(?<!") else ""
        branches.append(f"(?<={first}){word_start}(?:{tails})" if len(by_first) > 1 else f"{word_start}(?:{tails})")
    return f"[{firsts}]", f"{gate}(?:{'|'.join(branches)})"


def _words(words: Iterable[str], fold: dict[str, str], *, case_sensitive: bool, stem: bool = False) -> str:
    """Regex for any of `words`, longest first, led by one character class of their first letters.

    `re` skips positions that fail a leading character class in C; an alternation of words would be
    tried word by word at every position. A word that starts with a letter must start a word ("самая
    2023" holds no "мая 2023"); checked right after the first letter, which also drops most positions
    inside words early.
    """
    first, rest = _words_lead(words, fold, case_sensitive=case_sensitive, stem=stem)
    return f"(?:{first}{rest})" if rest else first


def _strip_groups(regex: str) -> str:
    """The regex without its named groups (the scanning regex only locates; groups are read later)."""
    if "(?P=" in regex:
        raise ValueError("patterns may not use back references")
    return _GROUP.sub("(?:", regex)


# ----------------------------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Part:
    """One date in the text; the year (and the month) may still be missing."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    producer: str
    ranged: bool = False  # joined to the next part by a range connector: "từ 28/02 đến 02/3/2023"


@dataclass(slots=True)
class _Cand:
    """A match: its parts in text order; the last one carries what the text wrote explicitly."""

    parts: list[_Part]
    lang: str | None  # whose rules judge it without a year; None: numeric, any language's
    needs_cue: bool  # without a year: numeric or words that may be a count ("16 tháng 6")
    sep: str = ""  # separator of a numeric day-month ("28/10")
    padded: bool = True  # month written with two digits ("15.05")
    recurring: RecurringDate | None = None
    start: int = field(init=False)
    end: int = field(init=False)
    dated: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.parts:
            self.start, self.end = self.parts[0].start, self.parts[-1].end
            self.dated = self.parts[-1].year is not None
        else:
            assert self.recurring is not None
            self.start, self.end, self.dated = self.recurring.start, self.recurring.end, False


# A builder turns a match into candidates: None when the match is no date here (the text is read on
# from the next character), [] when it is an impossible date (the whole match is skipped).
_Build = Callable[[re.Match[str], "_Run"], "list[_Cand] | None"]


@dataclass(frozen=True, slots=True)
class _Lead:
    """How a pattern starts: a first character class, the rest of the lead, and the lead with groups."""

    key: str
    first: str
    rest: str
    grouped: str


@dataclass(frozen=True, slots=True)
class _Branch:
    """One pattern: its id, its lead, what follows the lead, and how a match becomes candidates."""

    producer: str
    lead: _Lead
    tail: str
    build: _Build
    # After a day number: how the tail may start right after it ("/6", "»", "th"), and after spaces
    # ("/ 6", the first two letters of "tháng" and of the month names), as regexes. The scanning regex
    # tries the tails only after a number that one of them follows: most numbers are no day.
    follows: tuple[str, str] = ("", "")
    regex: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.lead.grouped + self.tail))


@dataclass(frozen=True, slots=True)
class _Lang:
    """A language's data compiled to regexes."""

    code: str
    data: DateData
    recurring: tuple[_Branch, ...]
    patterns: tuple[_Branch, ...]
    month_of: dict[str, int]
    chain: re.Pattern[str]  # list/range members ending right before a date
    unit: re.Pattern[str]  # one member of such a chain
    chain_tail: re.Pattern[str]  # does the text before a date end with a connector?
    chain_cue: re.Pattern[str] | None  # a word a list needs somewhere ("ngày", "từ"), if any
    range_words: frozenset[str]
    cue_before: re.Pattern[str]
    yearly: re.Pattern[str] | None
    each_before: re.Pattern[str] | None
    holiday: re.Pattern[str] | None
    anniversary: re.Pattern[str] | None
    before_parenthesis: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    # Plain spellings of the month word ("tháng", "THANG") and of the year word ("năm", not "nam": an
    # English "Viet Nam"): a text in another language that holds none of them is read without this
    # language's patterns.
    month_word_spellings: tuple[str, ...]

    def month(self, name: str) -> int:
        return self.month_of[name.casefold()]


@dataclass(frozen=True, slots=True)
class _Reader:
    """Everything one document language needs: its languages in order, and the joined scanning regex."""

    langs: tuple[_Lang, ...]
    branches: tuple[_Branch, ...]
    scan: re.Pattern[str]
    order: list[tuple[_Branch, ...]]  # scan's group index -> the branch it ends, then the others of its lead
    number_prefix: re.Pattern[str]  # "Số", "№" right before a numeric date: maybe a document number
    prefix_ends: frozenset[str]  # the last characters of those words: most dates need no regex test
    chain_tail: re.Pattern[str]
    month_day_fallback: bool


@dataclass(slots=True)
class _Run:
    """State of one call: the text and the languages in the order they are tried."""

    text: str
    reader: _Reader

    @property
    def langs(self) -> tuple[_Lang, ...]:
        return self.reader.langs


# ----------------------------------------------------------------------------------------------
# Compiling a language


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    """Tell whether the date exists; without a year 29/2 may still, the year decides later."""
    if not 1 <= month <= 12:
        return False
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if day is None:
        return True
    if month == 2 and day == 29 and year is not None:
        return calendar.isleap(year)
    return 1 <= day <= _DAYS_IN_MONTH[month]


_NUM_LEAD = _Lead("num", "[0-9]", _NUM_REST, f"(?P<d>{_NUM})")
_ISO_LEAD = _Lead("iso", "[0-9]", _ISO_REST, f"(?P<y>[0-9]{_ISO_REST})")
_ISO_TAIL = r"-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])"


def _word_lead(key: str, words: Iterable[str], fold: dict[str, str], *, case_sensitive: bool, group: str = "") -> _Lead:
    first, rest = _words_lead(words, fold, case_sensitive=case_sensitive)
    whole = f"(?:{first}{rest})"
    return _Lead(key, first, rest, f"(?P<{group}>{whole})" if group else whole)


def _compile(code: str) -> _Lang:
    data = load_date_data(code)
    fold = data.fold
    cs = data.case_sensitive_names

    def words(items: Iterable[str], *, names: bool = False) -> str:
        return _words(items, fold, case_sensitive=cs and names)

    name_forms: list[str] = []
    month_of: dict[str, int] = {}
    for month in data.months:
        for name in month.names:
            forms = [name, name.upper()] if cs else [name]
            name_forms.extend(forms)
            month_of[name.casefold()] = month.number
    if data.typo_min_length:
        spelled = set(month_of)
        for month in data.months:
            for name in month.names:
                if len(name) < data.typo_min_length or not name.isalpha():
                    continue
                for typo in _typos(name):
                    if typo.casefold() not in spelled and typo.casefold() not in month_of:
                        name_forms.extend([typo, typo.upper()] if cs else [typo])
                        month_of[typo.casefold()] = month.number
    names_rx = words(name_forms, names=True) if name_forms else "(?!)"
    day_w = words(data.words.day) if data.words.day else "(?!)"
    month_w = words(data.words.month) if data.words.month else "(?!)"
    year_w = words(data.words.year) if data.words.year else "(?!)"
    of_w = words(data.words.between_day_and_month) if data.words.between_day_and_month else "(?!)"
    ordinal_any = "|".join(re.escape(o) for o in sorted(data.ordinals, key=len, reverse=True))
    ordinal = f"(?:{ordinal_any})?" if data.ordinals else ""
    ordinal_follows = ordinal_any or "(?!)"
    conn = words(data.connectors.lists + data.connectors.ranges)
    seps = "".join(re.escape(s) for s in data.numeric.day_month_separators)
    patterns: list[_Branch] = []

    if data.words.month:  # Vietnamese: ngày 16 tháng 6 năm 2022; tháng 10/2023
        long_id, month_id = f"dates.{code}.long.v1", f"dates.{code}.month.v1"
        long_tail = (
            rf"(?:{_GAP}{month_w}{_GAP}(?P<m>{_INNER})"
            rf"(?:{_GAP},?{_GAP}(?:{year_w}|[/.\-–]){_GAP}(?P<y>{_YEAR}))?"
            rf"|{_GAP}[/.\-]{_GAP}(?P<m2>{_INNER}){_GAP}{year_w}{_GAP}(?P<y2>{_YEAR}))"
        )
        long_follows = (_SEP_DIGIT, f"{_SEP_DIGIT}|{_word_starts(data.words.month, fold, case_sensitive=False)}")
        patterns.append(_Branch(long_id, _NUM_LEAD, long_tail, _build_long(code, long_id), long_follows))
        month_num = r"(?:0?[1-9]|1[0-2])(?![0-9])"
        month_lead = _word_lead(f"{code}.month", data.words.month, fold, case_sensitive=False)
        month_tail = (
            rf"{_GAP}(?P<ms>{month_num}(?:{_GAP}{conn}{_GAP}(?:{month_w}{_GAP})?{month_num})*)"
            rf"{_GAP},?{_GAP}(?:{year_w}|[/.\-–]){_GAP}(?P<y>{_YEAR})(?!{_GAP}/{_GAP}[^\W\d_])"
        )
        patterns.append(
            _Branch(month_id, month_lead, month_tail, _build_month_numbers(code, month_id, re.compile(month_w)))
        )

    if data.months:  # Russian and English: 16 июня 2022 года, 16 June 2022, October 2023
        first = "dmy" if data.month_first else "month_name"
        day_id, month_id = f"dates.{code}.{first}.v1", f"dates.{code}.month.v1"
        day_name_tail = (
            rf"(?P<q>[»\"”])?{ordinal}(?P<gap>{_GAP})(?:{of_w}{_SP}+)?(?P<name>{names_rx})"
            rf"(?:{_GAP},?{_GAP}(?P<y>{_YEAR}))?"
        )
        name_follows = (
            f'[»"”]|{ordinal_follows}',
            _word_starts(name_forms, fold, case_sensitive=cs)
            + "|"
            + _word_starts(data.words.between_day_and_month, fold, case_sensitive=False),
        )
        patterns.append(_Branch(day_id, _NUM_LEAD, day_name_tail, _build_day_name(code, day_id), name_follows))
        names_lead = _word_lead(f"{code}.names", name_forms, fold, case_sensitive=cs, group="name")
        if data.month_first:  # June 16, 2022; March 1 to 5, 2023
            mdy_id = f"dates.{code}.mdy.v1"
            day_item = rf"{_NUM}{ordinal}"
            mdy_tail = (
                rf"{_GAP}(?P<days>{day_item}(?:{_GAP}{conn}{_GAP}{day_item})*)"
                rf"(?:{_GAP},?{_GAP}(?P<y>{_YEAR}))?"
            )
            patterns.append(_Branch(mdy_id, names_lead, mdy_tail, _build_month_first(code, mdy_id, ordinal)))
        month_names_tail = rf"(?P<more>(?:{_GAP}{conn}{_GAP}{names_rx})*){_GAP},?{_GAP}(?P<y>{_YEAR})"
        patterns.append(_Branch(month_id, names_lead, month_names_tail, _build_month_names(code, month_id, names_rx)))

    # Recurring days, found from the day number: "{day} числа каждого месяца" directly, "ngày {day} hằng
    # tháng" by checking "ngày" backwards from the day.
    by_suffix: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for template in data.recurring.templates:
        tokens = tuple(template.split())
        at = tokens.index("{day}")
        by_suffix.setdefault(tokens[at + 1 :], []).append(tokens[:at])
    groups = sorted(by_suffix.items(), key=lambda item: -len(item[0]))
    alternatives = []
    for k, (suffix, _) in enumerate(groups):
        if suffix:
            words_after = _tokens_rx(suffix, fold, day_w, first_spacing=False)
            alternatives.append(rf"{ordinal}{_GAP}{words_after}(?P<r{k}>)")
        else:  # "monthly on the {day}": the ordinal is the only sign of a day
            alternatives.append(rf"(?:{ordinal_any}){_LETTER_AFTER}(?P<r{k}>)")
    backs = tuple(
        tuple(
            re.compile(_WORD_START + _tokens_rx(p, fold, day_w, first_spacing=False) + rf"{_GAP}\Z") if p else None
            for p in sorted(prefixes, key=len, reverse=True)
        )
        for _, prefixes in groups
    )
    first_words = [s[0] for s, _ in groups if s and s[0] != "{day_word}"]
    recurring_follows = (ordinal_follows, _word_starts(first_words, fold, case_sensitive=False))
    producer = f"dates.{code}.recurring.v1"
    recurring = [
        _Branch(
            producer, _NUM_LEAD, f"(?:{'|'.join(alternatives)})", _build_recurring(producer, backs), recurring_follows
        )
    ]

    # Members of a list or range before a date, read backwards from it.
    body = [rf"(?P<nd>{_NUM})(?P<ns>[{seps}])(?P<nm>{_INNER})"]
    if data.words.month:
        body.append(rf"(?P<wd>{_NUM}){_SP}*{month_w}{_GAP}(?P<wm>{_INNER})")
    if data.months:
        body.append(rf"(?P<xd>{_NUM}){ordinal}{_GAP}(?:{of_w}{_SP}+)?(?P<xn>{names_rx})")
        if data.month_first:
            body.append(rf"(?P<yn>{names_rx}){_GAP}(?P<yd>{_NUM}){ordinal}")
    body.append(rf"(?P<dd>{_NUM}){ordinal}")
    # A member is no time of day: "8h30, 25/11/2023", "16:20, November 20, 2025".
    member_start = r"(?<![0-9:])(?<![0-9][hH])"
    starts = words(data.connectors.range_starts) if data.connectors.range_starts else "(?!)"
    unit = (
        rf"(?:(?P<rs>{starts}){_WS})?(?:(?P<dw>{day_w}){_GAP})?{member_start}(?P<body>{'|'.join(body)})"
        rf"{_GAP}(?P<conn>{conn}){_GAP}(?:(?P<tw>{day_w}){_GAP})?"
    )
    # The text before a date ends with a member: a day or month number (not a year: "năm 2023, 5/5")
    # or a month name, and a connector.
    # Led by one character class, so that `re` skips in C the positions that cannot start it.
    member_end = rf"(?<=[0-9])(?<![0-9][0-9].)[0-9]?(?![0-9]){ordinal}"
    tail_first = "0-9"
    if name_forms:
        names_first, names_rest = _words_lead(name_forms, fold, case_sensitive=cs)
        member_end += f"|(?<={names_first}){names_rest}"
        tail_first += names_first[1:-1]
    tail_rx = rf"[{tail_first}](?:{member_end}){_GAP}{conn}{_GAP}(?:{day_w}{_GAP})?\Z"
    chain_cue = None
    if data.connectors.members_need_cue:
        chain_cue = re.compile(f"{day_w}|{starts}")

    yl = data.yearless
    return _Lang(
        code=code,
        data=data,
        recurring=tuple(recurring),
        patterns=tuple(patterns),
        month_of=month_of,
        chain=re.compile(rf"(?:{unit})+\Z"),
        unit=re.compile(unit),
        chain_tail=re.compile(tail_rx),
        chain_cue=chain_cue,
        range_words=frozenset(w.casefold() for w in data.connectors.ranges),
        cue_before=re.compile(rf"{_WORD_START}{_words(yl.cues, {}, case_sensitive=False)}{_SP}*\Z"),
        yearly=re.compile(words(yl.yearly)) if yl.yearly else None,
        each_before=re.compile(rf"{_WORD_START}{words(yl.each_before)}{_GAP}\Z") if yl.each_before else None,
        holiday=re.compile(rf"{_WORD_START}{_words(yl.holidays, {}, case_sensitive=False, stem=True)}")
        if yl.holidays
        else None,
        anniversary=re.compile(rf"{_WORD_START}{_words(yl.anniversaries, {}, case_sensitive=False, stem=True)}")
        if yl.anniversaries
        else None,
        not_after=re.compile(rf"{_GAP}{words(yl.not_after)}") if yl.not_after else None,
        before_parenthesis=re.compile(
            rf"{_WORD_START}{_words(yl.before_parenthesis, {}, case_sensitive=False)}{_SP}*\Z"
        )
        if yl.before_parenthesis
        else None,
        month_word_spellings=tuple(
            dict.fromkeys(
                form
                for word, stripped in [
                    *((w, _strip_marks(w)) for w in data.words.month),
                    *((w, w) for w in data.words.year),
                ]
                for plain in (word, stripped)
                for form in (plain, plain.capitalize(), plain.upper())
            )
        ),
    )


def _strip_marks(word: str) -> str:
    """The word without its diacritics ("tháng" -> "thang"), as OCR often leaves it."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _typos(name: str) -> list[str]:
    """The name with one letter missing or two neighbours swapped, after its first two letters (which
    stay: the scanning regex tells month names from other words by them)."""
    missing = [name[:i] + name[i + 1 :] for i in range(2, len(name))]
    swapped = [
        name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(2, len(name) - 1) if name[i] != name[i + 1]
    ]
    return list(dict.fromkeys(missing + swapped))


def _word_starts(words: Iterable[str], fold: dict[str, str], *, case_sensitive: bool) -> str:
    """Regex for the first two letters of any of `words` (their variants, in either case unless case
    matters): the cheap test of whether one of them may come next."""
    seconds: dict[str, list[str]] = {}
    for word in words:
        first = _char_class(word[0], fold, case_sensitive=case_sensitive)
        second = word[1:2]
        if not second:
            seconds[first] = [""]
        elif seconds.get(first) != [""]:
            cls = r"\s" if second == " " else _char_class(second, fold, case_sensitive=case_sensitive)
            seconds.setdefault(first, []).append(cls[1:-1] if cls.startswith("[") else cls)
    if not seconds:
        return "(?!)"
    alternatives = [
        first if group == [""] else f"{first}[{''.join(dict.fromkeys(group))}]" for first, group in seconds.items()
    ]
    return "(?:" + "|".join(alternatives) + ")"


def _tokens_rx(tokens: Sequence[str], fold: dict[str, str], day_w: str, *, first_spacing: bool) -> str:
    """Regex for the words of a recurring template around the day: spaces may break a line."""
    out = []
    for i, token in enumerate(tokens):
        if i or first_spacing:
            out.append(_WS)
        out.append(day_w if token == "{day_word}" else _word(token, fold, case_sensitive=False))
    return "".join(out)


# Numeric forms, language-neutral: 16/6/2022, 16-6-2022, 16 - 6 - 2022, 16.06.2022, 2022-06-16.
_DMY_TAIL = (
    rf"(?:{_GAP}/{_GAP}(?P<m>{_INNER}){_GAP}/{_GAP}|{_GAP}[\-–]{_GAP}(?P<m1>{_INNER}){_GAP}[\-–]{_GAP}"
    rf"|\.(?P<m2>{_INNER})\.\n?)(?P<y>{_YEAR})(?![./][0-9])"
)
# A day and month without a year: only with a cue, judged by each language's rules. Not the start of
# "16/6/\n2022", "1.2.3", "12/5/QĐ", "16.6,5".
_DAY_MONTH_TAIL = (
    rf"(?P<s>[/.\-])(?P<m>{_INNER})"
    rf"(?!{_GAP}[/.\-–]{_GAP}[0-9]{{4}})(?![/.\-,][0-9])(?!{_GAP}/{_GAP}[^\W\d_])"
)
_SYMBOL_AFTER = re.compile(rf"{_GAP}/{_GAP}[^\W\d_]|[-–][A-ZĐ]")
_SYMBOL_NEXT = re.compile(r"[ \t]*[-–/]?[ \t]*[^\W\d_]")


def _build_dmy(match: re.Match[str], run: _Run) -> list[_Cand] | None:
    text = run.text
    d, m, m1, m2, y = match.group("d", "m", "m1", "m2", "y")
    day, month, year = int(d), int(m or m1 or m2), int(y)
    start, end = match.span()
    if _SYMBOL_AFTER.match(text, end):
        return []
    before = text[max(0, start - 8) : start].rstrip(" \t:")
    if (
        before[-1:] in run.reader.prefix_ends
        and run.reader.number_prefix.search(text, max(0, start - 8), start)
        and _SYMBOL_NEXT.match(text, end)
    ):
        return []
    if month > 12 and day <= 12 and run.reader.month_day_fallback:
        day, month = month, day
    if not _valid(year, month, day):
        return []
    end = _suffix_end(text, end)
    return [_Cand([_Part(start, end, day, month, year, "dates.numeric.dmy.v1")], None, False)]


def _build_iso(match: re.Match[str], run: _Run) -> list[_Cand] | None:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not _valid(year, month, day):
        return []
    return [_Cand([_Part(match.start(), match.end(), day, month, year, "dates.numeric.iso.v1")], None, False)]


def _build_day_month(match: re.Match[str], run: _Run) -> list[_Cand] | None:
    day, month = int(match["d"]), int(match["m"])
    if not _valid(None, month, day):
        return None
    part = _Part(match.start(), match.end(), day, month, None, "")
    return [_Cand([part], None, True, sep=match["s"], padded=len(match["m"]) == 2)]


_NUMERIC = (
    _Branch("dates.numeric.dmy.v1", _NUM_LEAD, _DMY_TAIL, _build_dmy, (_SEP_DIGIT, _SEP_DIGIT)),
    _Branch("dates.numeric.iso.v1", _ISO_LEAD, _ISO_TAIL, _build_iso),
    _Branch("dates.numeric.day_month.v1", _NUM_LEAD, _DAY_MONTH_TAIL, _build_day_month, (_SEP_DIGIT, "(?!)")),
)


def _alone_on_line(text: str, start: int, gap: str) -> bool:
    """A day number alone at the start of its line is not joined to a month on the next line: a
    table's row number before its "tháng 6/2023" or "June 2023" cell."""
    if "\n" not in gap:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _build_long(code: str, producer: str) -> _Build:
    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        day = int(match["d"])
        month = int(match["m"] or match["m2"])
        year_text = match["y"] or match["y2"]
        year = int(year_text) if year_text else None
        if match["m"] and _alone_on_line(run.text, match.start(), run.text[match.end("d") : match.start("m")]):
            return None
        if not _valid(year, month, day):
            return []
        part = _Part(match.start(), match.end(), day, month, year, producer)
        return [_Cand([part], code, True)]

    return build


def _build_month_numbers(code: str, producer: str, month_word: re.Pattern[str]) -> _Build:
    number = re.compile(r"[0-9]{1,2}")

    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        year = int(match["y"])
        if not _valid(year, 1, None):
            return []
        text = run.text
        items = list(number.finditer(text, match.start("ms"), match.end("ms")))
        parts = []
        for i, item in enumerate(items):
            last = i == len(items) - 1
            # "tháng 4 và tháng 5/2022": a member's text starts at its own "tháng" when it has one.
            start = match.start() if i == 0 else item.start()
            if i:
                word = month_word.search(text, items[i - 1].end(), item.start())
                if word:
                    start = word.start()
            end = match.end() if last else item.end()
            ranged = not last and _is_range(run, text[item.end() : items[i + 1].start()], code)
            parts.append(_Part(start, end, None, int(item.group()), year if last else None, producer, ranged))
        return [_Cand(parts, code, False)]

    return build


def _build_day_name(code: str, producer: str) -> _Build:
    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        lang = _language(code)
        text = run.text
        if _alone_on_line(text, match.start(), match["gap"]):
            return None
        day, month = int(match["d"]), lang.month(match["name"])
        year = int(match["y"]) if match["y"] else None
        if not _valid(year, month, day):
            return []
        start, end = match.start(), match.end()
        if match["q"]:  # «16» июня 2022 г.: the quotes belong to the date
            opening = re.search(r"[«\"“„][ \t]*\Z", text[max(0, start - 3) : start])
            if opening:
                start -= len(opening.group())
        if year is not None:
            end = _suffix_end(text, end)
        part = _Part(start, end, day, month, year, producer)
        return [_Cand([part], code, lang.data.yearless.month_name_needs_cue)]

    return build


def _build_month_first(code: str, producer: str, ordinal: str) -> _Build:
    day_item = re.compile(rf"(?P<d>[0-9]{{1,2}}){ordinal}")

    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        text = run.text
        lang = _language(code)
        name, days, year_text = match.group("name", "days", "y")
        month = lang.month(name)
        year = int(year_text) if year_text else None
        if days.isdigit():  # one day, the usual case: "June 16, 2022"
            day = int(days)
            if not _valid(year, month, day):
                return []
            part = _Part(
                match.start(), match.end() if year is not None else match.end("days"), day, month, year, producer
            )
            return [_Cand([part], code, lang.data.yearless.month_name_needs_cue)]
        items = list(day_item.finditer(text, match.start("days"), match.end("days")))
        if year is None and any("," in text[a.end() : b.start()] for a, b in pairwise(items)):
            items = items[:1]  # "on June 16, 17 members attended": a count, not a list of days
        parts = []
        for i, item in enumerate(items):
            last = i == len(items) - 1
            start = match.start() if i == 0 else item.start()
            end = (match.end() if year is not None else item.end()) if last else item.end()
            ranged = not last and _is_range(run, text[item.end() : items[i + 1].start()], code)
            parts.append(_Part(start, end, int(item["d"]), month, year if last else None, producer, ranged))
        if not all(_valid(p.year, p.month, p.day) for p in parts):
            return []
        return [_Cand(parts, code, lang.data.yearless.month_name_needs_cue)]

    return build


def _build_month_names(code: str, producer: str, names_rx: str) -> _Build:
    name = re.compile(names_rx)

    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        text = run.text
        lang = _language(code)
        year = int(match["y"])
        if not _valid(year, 1, None):
            return []
        if not match["more"]:  # one month, the usual case: "October 2023"
            part = _Part(match.start(), _suffix_end(text, match.end()), None, lang.month(match["name"]), year, producer)
            return [_Cand([part], code, False)]
        items = list(name.finditer(text, match.start(), match.end("more")))
        parts = []
        for i, item in enumerate(items):
            last = i == len(items) - 1
            end = _suffix_end(text, match.end()) if last else item.end()
            ranged = not last and _is_range(run, text[item.end() : items[i + 1].start()], code)
            month = lang.month(item.group())
            parts.append(_Part(item.start(), end, None, month, year if last else None, producer, ranged))
        return [_Cand(parts, code, False)]

    return build


def _build_recurring(producer: str, backs: tuple[tuple[re.Pattern[str] | None, ...], ...]) -> _Build:
    """`backs[k]`: the words that may come before the day of the k-th template ending (None: nothing)."""

    def build(match: re.Match[str], run: _Run) -> list[_Cand] | None:
        text = run.text
        day = int(match["d"])
        if not 1 <= day <= 31:
            return None
        start = match.start()
        k = next(k for k in range(len(backs)) if match.group(f"r{k}") is not None)
        for back in backs[k]:
            if back is None:
                break
            before = back.search(text, max(0, start - 40), start)
            if before:
                start = before.start()
                break
        else:
            return None
        found = RecurringDate(text=text[start : match.end()], start=start, end=match.end(), day=day, producer=producer)
        return [_Cand([], None, False, recurring=found)]

    return build


def _is_range(run: _Run, between: str, code: str) -> bool:
    words = between.strip(" \t\u00a0\n,").casefold()
    return any(words.startswith(w) for w in _language(code).range_words) if words else False


@cache
def _language(code: str) -> _Lang:
    return _compile(code)


@cache
def _suffix_rx() -> re.Pattern[str]:
    suffixes = [s for code in available_languages() for s in load_date_data(code).words.year_suffix]
    if not suffixes:
        return re.compile("(?!)")
    return re.compile(rf"{_GAP}{_words(suffixes, {}, case_sensitive=False)}")


def _suffix_end(text: str, end: int) -> int:
    """End of a date including a following "года" / "г." (Russian: part of the date's text)."""
    match = _suffix_rx().match(text, end)
    return match.end() if match else end


@cache
def _number_prefix() -> re.Pattern[str]:
    """Words before a document number written like a date ("Số 16/6/2022/QĐ") that the number
    extractor did not find."""
    prefixes = [p for code in available_languages() for p in load_date_data(code).numeric.number_prefixes]
    if not prefixes:
        return re.compile("(?!)")
    return re.compile(rf"{_WORD_START}{_words(prefixes, {}, case_sensitive=False)}[ \t]*:?[ \t]*\Z")


def _reader_for(text: str, lang: str) -> _Reader:
    """The reader for a text: without another language's patterns when the text lacks its month word
    (an English text without "tháng" holds no "16 tháng 6", "tháng 10/2023", "ngày 28 hằng tháng")."""
    codes = available_languages()
    absent = tuple(
        code
        for code in codes
        if code != lang
        and (spellings := _language(code).month_word_spellings)
        and not any(form in text for form in spellings)
    )
    return _reader(lang, absent)


@cache
def _reader(lang: str, without: tuple[str, ...] = ()) -> _Reader:
    """The languages for a document in `lang` (its own first) and the one regex that reads them all."""
    codes = available_languages()
    ordered = [lang, *(c for c in codes if c != lang)] if lang in codes else list(codes)
    langs = tuple(_language(c) for c in ordered)
    # Order decides ties at one position: "16/6/2022" (first: the most frequent, and nothing else
    # matches where it does), recurring days, the document's language, other languages, "16/6" last.
    dmy, iso, day_month = _NUMERIC
    branches = (
        dmy,
        *(b for language in langs if language.code not in without for b in language.recurring),
        *(b for language in langs if language.code not in without for b in language.patterns),
        iso,
        day_month,
    )
    leads: dict[str, list[int]] = {}
    for i, branch in enumerate(branches):
        leads.setdefault(branch.lead.key, []).append(i)
    # One regex: [every lead's first character], then the digit leads, then the word leads (their
    # first letter must start a word: checked once for all of them, most letters fail right there).
    digit_leads, word_leads = [], []
    firsts = []
    for indexes in leads.values():
        lead = branches[indexes[0]].lead
        tails = "|".join(f"{_strip_groups(branches[i].tail)}(?P<b{i}>)" for i in indexes)
        gate = ""
        if all(branches[i].follows != ("", "") for i in indexes):
            direct = "|".join(dict.fromkeys(branches[i].follows[0] for i in indexes))
            spaced = "|".join(dict.fromkeys(branches[i].follows[1] for i in indexes))
            gate = f"(?=(?:{direct})|{_GAP}(?:{spaced}))"
        alternative = f"{_strip_groups(lead.rest)}{gate}(?:{tails})"
        if lead.first == "[0-9]":
            digit_leads.append(alternative)
        else:
            word_leads.append(f"(?<={lead.first}){alternative}")
        if lead.first not in firsts:
            firsts.append(lead.first)
    first_class = "[" + "".join(f[1:-1] if f.startswith("[") else f for f in firsts) + "]"
    scan = re.compile(
        f"{first_class}(?:(?<=[0-9])(?:{'|'.join(digit_leads)})|{_WORD_START[:-1]}.)(?:{'|'.join(word_leads)}))"
    )
    tail_firsts = "".join(language.chain_tail.pattern[1 : language.chain_tail.pattern.index("]")] for language in langs)
    tail_rests = "|".join(
        language.chain_tail.pattern[language.chain_tail.pattern.index("]") + 1 :] for language in langs
    )
    chain_tail = re.compile(f"[{tail_firsts}](?:{tail_rests})")
    order: list[tuple[_Branch, ...]] = [()] * (scan.groups + 1)
    for i, branch in enumerate(branches):
        later = [b for b in branches[i + 1 :] if b.lead.key == branch.lead.key]
        order[scan.groupindex[f"b{i}"]] = (branch, *later)
    prefixes = [p for language in langs for p in language.data.numeric.number_prefixes]
    prefix_ends = frozenset(c for p in prefixes for c in (p[-1], p[-1].lower(), p[-1].upper()))
    return _Reader(
        langs,
        branches,
        scan,
        order,
        _number_prefix(),
        prefix_ends,
        chain_tail,
        langs[0].data.numeric.month_day_fallback,
    )


# ----------------------------------------------------------------------------------------------
# Extraction


def extract_dates(
    text: str, *, lang: str, exclude: Sequence[tuple[int, int]] = (), document_year: int | None = None
) -> tuple[list[DateMention], list[RecurringDate]]:
    """Find the calendar dates and the recurring monthly days of a normalised text.

    `lang` is the document's language (its patterns win ties; every language's patterns run, since
    Russian and English renderings quote Vietnamese forms); `exclude` are the spans of document numbers
    (`30/2020` in `30/2020/NĐ-CP` is no date); `document_year` is the year of the document's own date,
    the context of a day and month written without a year (a date line at the top of the text wins
    over it; without either, the dates that open the text give it). Results are sorted by `start`.
    """
    run = _Run(text, _reader_for(text, lang))
    blocked = _Spans(exclude)
    chosen, recurring = _scan(run, blocked)
    groups = _attach_members(run, chosen, blocked)
    mentions = _resolve_years(run, groups, blocked, document_year)
    return mentions, recurring


def _scan(run: _Run, blocked: _Spans) -> tuple[list[_Cand], list[RecurringDate]]:
    """Read the text once: every match of the joined regex, left to right, without overlaps."""
    text = run.text
    order = run.reader.order
    search = run.reader.scan.search
    chosen: list[_Cand] = []
    recurring: list[RecurringDate] = []
    last_end = 0
    pos = 0
    while True:
        match = search(text, pos)
        if match is None:
            break
        start = match.start()
        found: list[_Cand] | None = None
        end = match.end()
        # The branch that matched, then the later ones with its lead, if its builder declines.
        for branch in order[match.lastindex]:  # type: ignore[index]
            own = branch.regex.match(text, start)
            if own is None:
                continue
            found = branch.build(own, run)
            if found is not None:
                end = max(end, own.end())
                break
        if not found:
            pos = end if found is not None else start + 1
            continue
        if blocked.overlaps(found[0].start, found[-1].end):
            pos = start + 1
            continue
        pos = max(end, found[-1].end)  # past a "года" the builder added
        for cand in found:
            if cand.start < last_end:
                continue
            last_end = cand.end
            if cand.recurring is not None:
                recurring.append(cand.recurring)
            else:
                chosen.append(cand)
    return chosen, recurring


class _Spans:
    """Sorted spans (document numbers) that no date may overlap."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.starts: list[int] = []
        self.ends: list[int] = []  # ends[i]: the largest end of spans 0..i (spans may nest or overlap)
        top = 0
        for start, end in sorted(spans):
            top = max(top, end, start)
            self.starts.append(start)
            self.ends.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        if not self.starts:
            return False
        i = bisect.bisect_left(self.ends, start + 1)  # first span ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def last_end_before(self, pos: int) -> int:
        """The largest end of the spans that end at or before `pos` (0 if none)."""
        if not self.starts:
            return 0
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else 0


_DIGIT = re.compile("[0-9]")
# How far back a list or range may reach before the date it belongs to.
_CHAIN_REACH = 120


@dataclass(slots=True)
class _Group:
    """A date and the list or range members read backwards from it."""

    cand: _Cand
    members: list[_Part] = field(default_factory=list)


def _attach_members(run: _Run, chosen: list[_Cand], blocked: _Spans) -> list[_Group]:
    """Read list and range members backwards from each date, right to left.

    Right to left, so that in "từ 28/02 đến 02/3/2023" the dated "02/3/2023" takes "28/02" as its
    member before "28/02" is judged as a day on its own.
    """
    text = run.text
    tail = run.reader.chain_tail.search
    groups: list[_Group] = []
    consumed: set[int] = set()
    for index in range(len(chosen) - 1, -1, -1):
        if index in consumed:
            continue
        cand = chosen[index]
        group = _Group(cand)
        groups.append(group)
        anchor = cand.parts[0]
        if anchor.day is None:
            continue  # month lists are read forwards by the month patterns
        start = cand.start
        # A member ends with its day number right before the connector: no digit, no list.
        if _DIGIT.search(text, max(0, start - 24), start) is None or tail(text, max(0, start - 24), start) is None:
            continue
        floor = max(blocked.last_end_before(start), start - _CHAIN_REACH, 0)
        j = index - 1
        while j >= 0 and chosen[j].end > floor:
            if chosen[j].dated:
                floor = max(floor, chosen[j].end)
                break
            j -= 1
        window = text[floor:start]
        own = cand.lang or run.langs[0].code  # the date's language, for a numeric date the document's
        for language in sorted(run.langs, key=lambda lang: lang.code != own):
            if language.chain_tail.search(window, max(0, len(window) - 24)) and (
                language.chain_cue is None or language.chain_cue.search(window)
            ):
                members, worded = _read_chain(language, window, floor, anchor)
                # Another language's rules read only a list written in its words: in a Vietnamese
                # text "có mặt 19, 25/9/2022" holds no English list "19, 25/9/2022".
                if members and (worded or language.code == own):
                    group.members = members
                    break
        if group.members:
            first = group.members[0].start
            j = index - 1
            while j >= 0 and chosen[j].end > first:
                consumed.add(j)
                j -= 1
    groups.reverse()
    return groups


def _read_chain(language: _Lang, window: str, offset: int, anchor: _Part) -> tuple[list[_Part], bool]:
    """Return the members of the list or range that ends the window (the date `anchor` follows), and
    whether the list is written with words of the language (a connector, "ngày", "từ") or only marks."""
    chain = language.chain.search(window)
    if chain is None:
        return [], False
    units = []
    pos = chain.start()
    while pos < len(window):
        unit = language.unit.match(window, pos)
        if unit is None or unit.end() == pos:
            return [], False
        units.append(unit)
        pos = unit.end()
    if language.data.connectors.members_need_cue:
        # "Điều 5, ngày 16/6/2022" is no list: keep the members from the first one "ngày"/"từ" leads.
        # ("ngày 16/6, 17/6, ngày 16/6, 17/6/2023": the "ngày" after a connector leads the next member)
        led = [i for i, unit in enumerate(units) if unit["rs"] or unit["dw"] or (i and units[i - 1]["tw"])]
        units = units[led[0] :] if led else []
    members: list[_Part] = []
    for unit in units:
        ranged = unit["conn"].casefold() in language.range_words
        got = unit.groupdict()
        day = int(got.get("nd") or got.get("wd") or got.get("xd") or got.get("yd") or got["dd"])
        if got.get("nm") or got.get("wm"):
            month = int(got.get("nm") or got["wm"])
        elif got.get("xn") or got.get("yn"):
            month = language.month(got.get("xn") or got["yn"])
        else:
            month = anchor.month
        producer = f"dates.{language.code}.{'range' if ranged else 'list'}.v1"
        start, end = offset + unit.start("body"), offset + unit.end("body")
        members.append(_Part(start, end, day, month, None, producer, ranged))
    # Only the members next to the date count: "30, 31/5/2023" keeps 31; "31, 1/5/2023" keeps none.
    while members and not all(_valid(None, m.month, m.day) for m in members):
        members.pop(0)
    worded = any(unit["rs"] or unit["dw"] or _LETTER.search(unit["conn"]) for unit in units)
    return members, worded


def _resolve_years(run: _Run, groups: list[_Group], blocked: _Spans, document_year: int | None) -> list[DateMention]:
    """Give every group its year (written, or from the context) and turn its parts into mentions."""
    text = run.text
    found: list[dict] = []
    context: _YearContext | None = None
    for group in groups:
        cand = group.cand
        parts = cand.parts
        anchor = parts[-1]
        year = anchor.year
        if year is None:
            first = (group.members or parts)[0]
            producer = _accept_yearless(run, cand, first.start)
            if producer is None:
                continue
            for part in parts:
                part.producer = part.producer or producer
            if context is None:
                context = _YearContext(text, groups, blocked, document_year)
            year = context.year_for(first.start, anchor.end, anchor.month)
            if year is None:
                continue
        for part in (*group.members, *parts) if group.members else parts:
            part_year = part.year
            if part_year is None:
                part_year = year
                if part.ranged and (part.month, part.day or 0) > (anchor.month, anchor.day or 0):
                    part_year -= 1  # "từ 15/12 đến 15/1/2024": the range starts the year before
                if not _valid(part_year, part.month, part.day):
                    continue
            day = part.day
            found.append(
                {
                    "text": text[part.start : part.end],
                    "start": part.start,
                    "end": part.end,
                    "value": f"{part_year:04d}-{part.month:02d}-{day:02d}"
                    if day
                    else f"{part_year:04d}-{part.month:02d}",
                    "precision": "day" if day else "month",
                    "year_inferred": part.year is None,
                    "producer": part.producer,
                }
            )
    found.sort(key=lambda fact: fact["start"])
    return [DateMention.model_validate(fact) for fact in found]


def _accept_yearless(run: _Run, cand: _Cand, start: int) -> str | None:
    """Return the producer id if a language's rules make this day without a year a date, else None."""
    text = run.text
    end = cand.end
    # "Sáng nay (16/6)", "on Monday (June 16)" date the day; after anything else a day and month alone
    # in parentheses is a holiday's day: "Ngày Học sinh, sinh viên (9/1)", "Дню учителей (20 ноября)".
    opening = _OPENING.search(text, max(0, start - 3), start) if _PARENTHESISED.match(text, end) else None
    line_start = text.rfind("\n", 0, start) + 1
    sentence = -1
    for language in run.langs:
        if cand.lang is not None and language.code != cand.lang:
            continue
        rules = language.data
        if cand.lang is None:  # numeric "28/10": the language must write day and month that way
            if cand.sep not in rules.numeric.day_month_separators:
                continue
            if rules.numeric.padded_month and not cand.padded:
                continue
        if opening is not None:
            if not (
                language.before_parenthesis
                and language.before_parenthesis.search(text, max(line_start, start - 40), opening.start())
            ):
                continue
        elif not language.cue_before.search(text, max(line_start, start - 30), start) and not (
            start - line_start < 45 and _place_opening(text, line_start, start)
        ):
            if cand.needs_cue:
                continue
            # "к 80-летию ... праздника 2 сентября": an anniversary or a holiday names the yearly day.
            if sentence < 0:
                sentence = _sentence_start(text, start)
            if language.anniversary and language.anniversary.search(text, max(sentence, start - 120), start):
                continue
            if language.holiday and language.holiday.search(text, max(sentence, start - 60), start):
                continue
        if language.not_after and language.not_after.match(text, end):
            continue
        if language.yearly:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            if language.yearly.search(text, max(line_start, start - 30), min(line_end, end + 25)):
                continue
        if language.each_before and language.each_before.search(text, max(0, start - 20), start):
            continue
        return f"dates.{language.code}.day_month.v1" if cand.lang is None else cand.parts[0].producer
    return None


_AGENCY = re.compile(r"\([A-Z]{2,6}\)")


def _place_opening(text: str, line_start: int, start: int) -> bool:
    """A news dateline: a place in capitals (or any place and an agency) opens the line, then a comma:
    "HÀ NỘI, October 6 —", "Hanoi (VNA), June 16"."""
    prefix = text[line_start:start].rstrip()
    if len(prefix) > 40 or not prefix.endswith(","):
        return False
    words = prefix[:-1].split()
    agency = bool(words) and _AGENCY.fullmatch(words[-1]) is not None
    if agency:
        words = words[:-1]
    if not 0 < len(words) <= 4:
        return False
    return all(w.isupper() for w in words) or (agency and all(w[:1].isupper() for w in words))


# A day and month alone in parentheses, after a holiday's name.
_OPENING = re.compile(r"\([ \t]*\Z")
_PARENTHESISED = re.compile(r"[ \t]*\)")


_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
# A line that starts a new item, so the line break before it ends a sentence even without a full stop.
_ITEM_START = re.compile(r"[ \t]*(?:[-–—+•*]|[0-9]{1,2}[.)]|[IVX]+\.|[a-zđ]\))[ \t]")
_SENTENCE_REACH = 400


def _soft_break(text: str, newline: int) -> bool:
    """Tell whether the line break at `newline` wraps a sentence (a PDF line, "Quốc\nkhánh 2/9")."""
    before = text[max(0, newline - 3) : newline].rstrip(" \t\u00a0")
    return bool(before) and before[-1] not in ".!?:;…" and not _ITEM_START.match(text, newline + 1)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence that holds `pos`: a full stop, or a line break that is not a wrapped line."""
    floor = max(0, pos - _SENTENCE_REACH)
    left = text.rfind("\n", 0, pos) + 1
    while left > floor and _soft_break(text, left - 1):
        left = text.rfind("\n", 0, left - 1) + 1
    left = max(left, floor)
    for match in _SENTENCE_END.finditer(text, left, pos):
        left = match.end()
    return left


def _sentence_end(text: str, pos: int) -> int:
    """End of the sentence that holds `pos` (see `_sentence_start`)."""
    ceiling = min(len(text), pos + _SENTENCE_REACH)
    right = text.find("\n", pos)
    while 0 <= right < ceiling and _soft_break(text, right):
        right = text.find("\n", right + 1)
    right = ceiling if right < 0 else min(right, ceiling)
    stop = _SENTENCE_END.search(text, pos, right)
    return stop.start() if stop else right


# The document's own date line: a full date near the top, on a line that holds little else
# ("Cập nhật: 16:42, 18/9/2024", "Thứ Năm, 13/07/2023 - 17:05", "Hà Nội, ngày 16 tháng 6 năm 2022",
# "22 апреля 2025 г.", "March 8, 2024 | 05:40 pm").
_DATELINE_REACH = 1500
_DATELINE_LINES = 10
_DATELINE_LETTERS = 30
# The opening of a text whose dates give the document's year when nothing else does: the first
# non-empty line (a title) and the start of the next.
_HEAD_AFTER_TITLE = 250
_NON_SPACE = re.compile(r"\S")


def _head_end(text: str) -> int:
    first = _NON_SPACE.search(text)
    title_end = text.find("\n", first.start()) if first else -1
    if title_end < 0:
        return len(text)
    second = _NON_SPACE.search(text, title_end + 1)
    second_end = text.find("\n", second.start()) if second else -1
    return min(len(text) if second_end < 0 else second_end, title_end + _HEAD_AFTER_TITLE)


_LETTER = re.compile(r"[^\W\d_]")
_PLACE_GAP = re.compile(r"[ \t]+[^\W\d_][^\n,;]{0,40},[ \t]*(?:[^\W\d_]+[ \t]*)?\Z")


class _YearContext:
    """Where a day and month without a year find their year.

    In order: the dated mentions of the same sentence when they agree on one year ("từ ngày 1 đến ngày
    5/3/2023" is read as a list, this is for "trước ngày 20/12, báo cáo kết quả năm 2023 ... 15/12/2023");
    then the document's year; except that a heading of the same month in the next year overrides it
    (minutes of December 20, 2024: "TASKS FOR JANUARY 2025 ... by January 10" is 2025-01-10). A
    date right after a document number is that document's issue date, no context: in "chậm nhất ngày
    20/12; tiếp tục thực hiện Kết luận số 21-KL/TW ngày 25/10/2021" the 20/12 is not in 2021.

    The document's year: its date line at the top ("Cập nhật: 16:42, 18/9/2024", "14.06.2024", "Hà
    Nội, ngày 16 tháng 6 năm 2022") when it has one, else `document_year`, else the latest year of the
    dates that open the text (a title "Biên bản sinh hoạt chi bộ tháng 11/2023", then "Ngày 15/11/2023
    lúc 19h ..."); the caller's year can come from a cited date, the date line cannot.
    """

    _MONTH_REACH = 3000

    def __init__(self, text: str, groups: list[_Group], blocked: _Spans, document_year: int | None):
        self.text = text
        self.dated: list[tuple[int, int]] = []
        self.months: list[tuple[int, int, int]] = []
        dateline: int | None = None
        head_end = _head_end(text)
        head_years = []
        for group in groups:
            anchor = group.cand.parts[-1]
            if anchor.year is None:
                continue
            if self._is_issue_date(anchor.start, blocked):
                # A two-column header reads "Số 161-KH/HU Than Uyên, ngày 31 tháng 10 năm 2022": the
                # date after the place is the document's own, not the number's.
                gap = text[blocked.last_end_before(anchor.start) : anchor.start]
                if (
                    dateline is None
                    and anchor.day
                    and _PLACE_GAP.match(gap)
                    and self._is_dateline(anchor.start, anchor.end)
                ):
                    dateline = anchor.year
                continue
            self.dated.append((anchor.start, anchor.year))
            if group.cand.parts[0].start < head_end:
                head_years.append(anchor.year)
            if anchor.day is None:
                self.months.extend((part.start, part.month, anchor.year) for part in group.cand.parts)
            elif dateline is None and self._is_dateline(anchor.start, anchor.end):
                dateline = anchor.year
        if dateline is not None:
            self.document_year: int | None = dateline
        elif document_year is not None:
            self.document_year = document_year
        else:
            self.document_year = max(head_years, default=None)
        self.dated_starts = [start for start, _ in self.dated]
        self.month_starts = [start for start, _, _ in self.months]

    def _is_issue_date(self, start: int, blocked: _Spans) -> bool:
        number_end = blocked.last_end_before(start)
        return bool(number_end) and start - number_end <= 40 and not re.search(r"[\n.;]", self.text[number_end:start])

    def _is_dateline(self, start: int, end: int) -> bool:
        text = self.text
        if start > _DATELINE_REACH or text.count("\n", 0, start) > _DATELINE_LINES:
            return False
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[line_start:start] + text[end:line_end]
        return len(_LETTER.findall(rest)) <= _DATELINE_LETTERS

    def year_for(self, start: int, end: int, month: int) -> int | None:
        text = self.text
        left, right = _sentence_start(text, start), _sentence_end(text, end)
        lo, hi = bisect.bisect_left(self.dated_starts, left), bisect.bisect_left(self.dated_starts, right)
        years = {year for _, year in self.dated[lo:hi]}
        if len(years) == 1:
            return years.pop()
        i = bisect.bisect_left(self.month_starts, start) - 1
        while i >= 0 and self.months[i][0] >= start - self._MONTH_REACH:
            if self.months[i][1] == month:
                heading_year = self.months[i][2]
                if self.document_year is None or heading_year == self.document_year + 1:
                    return heading_year
                break
            i -= 1
        return self.document_year
