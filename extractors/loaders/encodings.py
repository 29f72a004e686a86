"""Decode and encode the legacy Vietnamese 8-bit codes (TCVN3, VNI) and judge decoded text.

Old Party documents were typed in the .VnTime (TCVN3 / ABC) and VNI-Times fonts; saved as plain
text, they are bytes in those fonts' codes with no label. The code tables live in
`extractors/data/encodings/<name>.toml`; this module applies them and scores how plausible a decoded
text is (share of words that are real Vietnamese syllables or Russian words), which is how the .txt
loader picks an encoding.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata
from functools import cache, lru_cache
from itertools import product
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.datafiles import load_toml

Legacy = Literal["tcvn3", "vni"]
LEGACY: tuple[Legacy, ...] = ("tcvn3", "vni")

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_WORD = re.compile(r"[^\W\d_]+")


class CodeTable(BaseModel):
    """Schema of data/encodings/<name>.toml: each letter and the bytes (hex) that encode it."""

    model_config = ConfigDict(extra="forbid")
    name: str
    fallback: str
    letters: dict[str, str]


class VietnameseShape(BaseModel):
    model_config = ConfigDict(extra="forbid")
    onsets: list[str]
    front_onsets: list[str]
    back_onsets: list[str]
    front_vowels: str
    nuclei_open: list[str]
    nuclei_closed: list[str]
    nuclei_final: list[str]
    codas: list[str]
    palatal_codas: list[str]
    palatal_nuclei: list[str]
    stop_codas: list[str]
    one_letter_words: str


class RussianShape(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vowels: str
    frequent_words: list[str]
    common_bigrams: list[str]


class Symbols(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allowed: str


class Plausibility(BaseModel):
    """Schema of data/encodings/plausibility.toml."""

    model_config = ConfigDict(extra="forbid")
    vi: VietnameseShape
    ru: RussianShape
    symbols: Symbols


@cache
def code_table(name: Legacy) -> dict[str, bytes]:
    """Return the letter -> bytes map of a legacy code (validated, cached)."""
    table = load_toml("encodings", name, CodeTable)
    return {letter: bytes.fromhex(hexbytes) for letter, hexbytes in table.letters.items()}


@cache
def _plausibility() -> Plausibility:
    return load_toml("encodings", "plausibility", Plausibility)


# --- Vietnamese syllables -------------------------------------------------------------------


def split_tone(word: str) -> tuple[str, list[str]]:
    """Return the lower-case word without tone marks (ă â ê ô ơ ư đ kept) and the tone marks it had."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare), tones


def is_vietnamese_syllable(word: str) -> bool:
    """Tell whether `word` is spelled like one Vietnamese syllable (any case, at most one tone)."""
    bare, tones = split_tone(word)
    if len(tones) > 1 or not bare.isalpha():
        return False
    return _valid_syllable(bare, tones[0] if tones else "")


@lru_cache(maxsize=65536)
def _valid_syllable(bare: str, tone: str) -> bool:
    data = _plausibility().vi
    onsets = ["", *data.onsets]
    codas = ["", *data.codas]
    for onset in onsets:
        if not bare.startswith(onset):
            continue
        for coda in codas:
            if len(onset) + len(coda) >= len(bare) or (coda and not bare.endswith(coda)):
                continue
            nucleus = bare[len(onset) : len(bare) - len(coda)]
            if _valid_parse(onset, nucleus, coda, tone, data):
                return True
    return False


def _valid_parse(onset: str, nucleus: str, coda: str, tone: str, data: VietnameseShape) -> bool:
    if nucleus in data.nuclei_open:
        pass
    elif nucleus in data.nuclei_closed:
        if not coda:
            return False
    elif nucleus in data.nuclei_final:
        if coda:
            return False
    else:
        return False
    front = nucleus[0] in data.front_vowels
    if onset in data.front_onsets and not front:
        return False
    if onset in data.back_onsets and front:
        return False
    if coda in data.palatal_codas and nucleus not in data.palatal_nuclei:
        return False
    return not (coda in data.stop_codas and tone not in ("\u0301", "\u0323"))


def _case_consistent(word: str) -> bool:
    # "viện", "Viện", "VIỆN" are words; "vIỆN" or "ViỆn" come from a wrong code table.
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


# --- plausibility of a decoded text --------------------------------------------------------


def plausibility(text: str) -> tuple[float, int]:
    """Score how much `text` looks like correctly decoded Vietnamese or Russian.

    Returns (score, real words): only words with non-ASCII letters count, as ASCII reads the same in
    every candidate code. A Vietnamese syllable scores 1 (0.3 for one letter: a misread letter of
    another script often is one), a frequent Russian word 1 (0.5 for one letter), another Cyrillic
    word with a vowel and common Russian letter pairs 0.6 (0.1 without them); the score is the mean,
    minus a penalty for characters a right reading does not give (stray symbols, tone marks on
    consonants, control characters, words mixing Latin and Cyrillic letters). Text with no non-ASCII
    letter scores 1 less its penalty, with 0 real words.
    """
    data = _plausibility()
    frequent = set(data.ru.frequent_words)
    vowels = set(data.ru.vowels)
    bigrams = set(data.ru.common_bigrams)
    allowed = set(data.symbols.allowed)
    words = 0
    real = 0
    score = 0.0
    odd = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        words += 1
        if not _case_consistent(word):
            continue
        low = word.lower()
        cyrillic = sum(1 for ch in low if "\u0400" <= ch <= "\u04ff")
        if cyrillic == len(low):
            if low in frequent:
                score += 1.0 if len(low) > 1 else 0.5
                real += 1
            elif any(ch in vowels for ch in low) and low[0] not in "ьъы":
                pairs = [low[i : i + 2] for i in range(len(low) - 1)]
                common = sum(1 for pair in pairs if pair in bigrams) / len(pairs) if pairs else 0.0
                score += 0.6 if common >= 0.25 else 0.1
                real += common >= 0.25
        elif cyrillic:
            odd += 1  # "сaыng": VNI "ñaûng" read as Windows-1251
        elif is_vietnamese_syllable(word):
            score += 1.0 if len(word) > 1 else 0.3
            real += 1
    # After NFC a tone mark left uncombined sits on a consonant: Windows-1258 read of other bytes.
    odd += sum(1 for ch in text if not ch.isascii() and not ch.isalpha() and ch not in allowed)
    odd += sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    nonascii = sum(1 for ch in text if not ch.isascii()) or 1
    if words == 0:
        return 1.0 - 4 * odd / nonascii, 0
    return score / words - 2 * odd / nonascii, real


# --- TCVN3 ----------------------------------------------------------------------------------


@cache
def _tcvn3_decoding() -> tuple[str, str, dict[str, str]]:
    """Return the 256-char decoding table, the capitals sitting on 0x80-0x9F, and their cp1252 reading."""
    chars = [bytes([b]).decode("latin-1") for b in range(256)]
    for b in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            chars[b] = bytes([b]).decode("cp1252")
    ambiguous: dict[str, str] = {}
    for letter, raw in code_table("tcvn3").items():
        byte = raw[0]
        if 0x80 <= byte < 0xA0:
            ambiguous[letter] = chars[byte]
        chars[byte] = letter
    return "".join(chars), "".join(ambiguous), ambiguous


def _decode_tcvn3(data: bytes) -> str:
    table, ambiguous, punctuation = _tcvn3_decoding()
    text, _ = codecs.charmap_decode(data, "strict", table)
    if any(ch in text for ch in ambiguous):
        one_letter = _plausibility().vi.one_letter_words

        def resolve(match: re.Match[str]) -> str:
            return _resolve_ambiguous(match.group(), punctuation, one_letter)

        text = _WORD.sub(resolve, text)
    # After the punctuation is settled: in "“Vì" the quote is no capital letter of the word.
    return _restore_vntimeh_case(text)


def _restore_vntimeh_case(text: str) -> str:
    # Capitals were typed in the .VnTimeH font with the lower-case codes: "NGHÞ QUYÕT" reads
    # "NGHị QUYết"; a toned lower-case letter inside an otherwise upper-case word is a capital.
    text = _WORD.sub(_upper_if_vntimeh, text)
    # "Bé" is "Bộ" or, in a heading, "BỘ": upper-case words on both sides on its line decide
    # ("§¶NG Bé TØNH" is "ĐẢNG BỘ TỈNH"; "QUYẾT ĐỊNH Sè 12" keeps "Số").
    return _VNTIMEH_SHORT.sub(_upper_if_heading, text)


def _upper_if_vntimeh(match: re.Match[str]) -> str:
    word = match.group()
    lower = [ch for ch in word if ch.islower()]
    if not lower or any(ch.isascii() for ch in lower):
        return word
    if not any(ch.isupper() and ch.isascii() for ch in word[1:]):
        return word
    upper = word.upper()
    return upper if len(upper) == len(word) else word


_VNTIMEH_SHORT = re.compile(r"\b[^\W\d_a-z][^\W\d_a-zA-Z]+\b")


def _upper_if_heading(match: re.Match[str]) -> str:
    word = match.group()
    if not word[0].isupper() or not all(ch.islower() for ch in word[1:]):
        return word
    start, end = match.span()
    text = match.string
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].split()
    after = text[end : line_end if line_end >= 0 else len(text)].split()
    neighbours = [tokens for tokens in (before[-1:], after[:1]) if tokens]
    if not neighbours or not all(_is_caps_word(tokens[0]) for tokens in neighbours):
        return word
    upper = word.upper()
    return upper if len(upper) == len(word) else word


def _is_caps_word(token: str) -> bool:
    return len(token) >= 2 and token.isalpha() and token.isupper()


def _resolve_ambiguous(word: str, punctuation: dict[str, str], one_letter: str) -> str:
    # Bytes 0x80-0x9F are capital letters in TCVN 5712 but Windows punctuation (“ ” – —) in most
    # real .VnTime files: keep the reading whose pieces are all real words, preferring letters.
    positions = [i for i, ch in enumerate(word) if ch in punctuation]
    if not positions:
        return word
    if len(positions) > 6:  # not a Vietnamese word: read it as punctuation
        return "".join(punctuation.get(ch, ch) for ch in word)
    best: str | None = None
    best_letters = -1
    for choice in product((True, False), repeat=len(positions)):
        chars = list(word)
        for pos, as_letter in zip(positions, choice, strict=True):
            if not as_letter:
                chars[pos] = punctuation[word[pos]]
        candidate = "".join(chars)
        pieces = [m.group() for m in _WORD.finditer(candidate)]
        if all(_plausible_piece(p, punctuation, one_letter) for p in pieces):
            letters = sum(choice)
            if letters > best_letters:
                best, best_letters = candidate, letters
    if best is None:
        return "".join(punctuation.get(ch, ch) for ch in word)
    return best


def _plausible_piece(piece: str, punctuation: dict[str, str], one_letter: str) -> bool:
    if piece.isascii():
        return True
    if len(piece) == 1 and piece in punctuation:
        return piece in one_letter
    return _case_consistent(piece) and is_vietnamese_syllable(piece)


# --- VNI ------------------------------------------------------------------------------------


@cache
def _vni_decoding() -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a regex over the latin-1 view of VNI bytes and the map from each match to its letter."""
    sequences: dict[str, str] = {}
    for letter, raw in code_table("vni").items():
        seq = raw.decode("latin-1")
        sequences[seq] = letter
    for seq, letter in list(sequences.items()):
        if len(seq) == 2:
            # The base letter carries the case; VNI files mix upper- and lower-case modifier bytes
            # after capitals ("VIEäT" from a lower-case font switch), both mean the same mark.
            swapped = seq[0] + seq[1].swapcase()
            sequences.setdefault(swapped, letter)
    alternation = "|".join(re.escape(s) for s in sorted(sequences, key=len, reverse=True))
    return re.compile(alternation), sequences


@cache
def _cp1252_high() -> dict[int, str]:
    # The C1 byte range of the latin-1 view, read as Windows punctuation (VNI files come from Windows).
    high: dict[int, str] = {}
    for b in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            high[b] = bytes([b]).decode("cp1252")
    return high


def _decode_vni(data: bytes) -> str:
    pattern, sequences = _vni_decoding()
    text = data.decode("latin-1")
    text = pattern.sub(lambda m: sequences[m.group()], text)
    return text.translate(_cp1252_high())


# --- public API -----------------------------------------------------------------------------


def decode_legacy(data: bytes, name: Legacy) -> str:
    """Decode TCVN3 or VNI bytes to NFC text; bytes outside the code decode as Windows-1252."""
    if name == "tcvn3":
        text = _decode_tcvn3(data)
    elif name == "vni":
        text = _decode_vni(data)
    else:
        raise ValueError(f"unknown legacy code {name!r}; known: {', '.join(LEGACY)}")
    return unicodedata.normalize("NFC", text)


class _EncodeMap(dict):
    """str.translate map: Vietnamese letters through the code table, other text as Windows-1252."""

    def __init__(self, name: Legacy, errors: str) -> None:
        super().__init__()
        self.name = name
        self.errors = errors
        table = code_table(name)
        self.letters = {ord(letter): raw.decode("latin-1") for letter, raw in table.items()}
        # 0x80-0x9F stay free for Windows punctuation (“ ” – —): TCVN3 decoding tells them from the
        # capitals there by context.
        self.taken = {b for raw in table.values() for b in raw if not 0x80 <= b < 0xA0}
        if name == "vni":
            # VNI modifier bytes double as Latin-1 letters; they are only safe after a base letter.
            self.taken |= set(range(0xC0, 0x100))

    def __missing__(self, code: int) -> str:
        if code in self.letters:
            value = self.letters[code]
        elif code < 0x80:
            value = chr(code)
        else:
            value = self._other(chr(code))
        self[code] = value
        return value

    def _other(self, ch: str) -> str:
        try:
            byte = ch.encode("cp1252")[0]
        except UnicodeEncodeError:
            byte = None
        if byte is not None and byte not in self.taken:
            return chr(byte)
        if self.errors == "replace":
            return "?"
        raise UnicodeEncodeError(self.name, ch, 0, 1, f"{ch!r} (U+{ord(ch):04X}) has no code in {self.name}")


@cache
def _encode_map(name: Legacy, errors: str) -> _EncodeMap:
    return _EncodeMap(name, errors)


def encode_legacy(text: str, name: Legacy, *, errors: Literal["strict", "replace"] = "strict") -> bytes:
    """Encode text in TCVN3 or VNI; Windows-1252 punctuation passes through.

    Raises UnicodeEncodeError for a character the code cannot hold (errors="strict") or writes "?".
    """
    if name not in LEGACY:
        raise ValueError(f"unknown legacy code {name!r}; known: {', '.join(LEGACY)}")
    text = unicodedata.normalize("NFC", text)
    return text.translate(_encode_map(name, errors)).encode("latin-1")


def encode_cp1258(text: str, *, errors: Literal["strict", "replace"] = "strict") -> bytes:
    """Encode text in Windows-1258: base letter (â ê ô ă ơ ư đ precomposed) plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += (base + tones).encode("cp1258", errors=errors)
    return bytes(out)


def encode_text(text: str, encoding: str) -> bytes:
    """Encode text in any encoding chibo reads: a Python codec, cp1258 with tone marks, tcvn3 or vni."""
    if encoding in LEGACY:
        return encode_legacy(text, encoding)  # type: ignore[arg-type]
    if codecs.lookup(encoding).name == "cp1258":
        return encode_cp1258(text)
    return unicodedata.normalize("NFC", text).encode(encoding)


def decode_text(data: bytes, encoding: str) -> str:
    """Decode bytes in any encoding chibo reads to NFC text (strict: raises UnicodeDecodeError)."""
    if encoding in LEGACY:
        return decode_legacy(data, encoding)  # type: ignore[arg-type]
    return unicodedata.normalize("NFC", data.decode(encoding))
