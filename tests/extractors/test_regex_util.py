"""Trie-compiled word lists match exactly what the plain alternation matched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from extractors.normalise import fold
from extractors.regex_util import trie_pattern, word_start_trie

_ALPHABET = "abđ .ộ"


@given(st.sets(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8), st.text(_ALPHABET, max_size=30))
def test_trie_matches_like_longest_first_alternation(words, text):
    plain = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")
    trie = re.compile(trie_pattern(words) + r"(?!\w)")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.sets(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8), st.text(_ALPHABET, max_size=30))
def test_word_start_trie_matches_like_a_leading_look_behind(words, text):
    plain = re.compile(r"(?<!\w)" + trie_pattern(words))
    fast = re.compile(word_start_trie(words))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_empty_list_matches_nothing():
    assert re.compile(trie_pattern([])).search("anything") is None
    assert re.compile(word_start_trie([])).search("anything") is None


def test_fold_unifies_tone_placement_and_keeps_length():
    for a, b in [("hoà", "hòa"), ("Thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÀ BÌNH", "hòa bình")]:
        assert fold(a) == fold(b)
        assert len(fold(a)) == len(a)
    assert fold("quý") == "quý"  # u belongs to the onset qu
    assert fold("ngoéo") == "ngoéo"  # oe after another vowel
    assert fold("hoàng") == "hoàng"  # closed syllable
