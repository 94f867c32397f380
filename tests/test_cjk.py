"""Tests for microsite.cjk: which characters are Chinese text."""

from __future__ import annotations

import pytest

from microsite.cjk import SHARED_PUNCTUATION, count_ideographs, is_cjk, is_ideograph


@pytest.mark.parametrize("char", [
    "中", "㐀", "\U00020000", "\U0003134a", "\uf900", "\u2f00",  # ideographs (URO, A, B, H, compatibility), a radical
    "，", "。", "、", "「", "\u3000", "（", "！", "Ａ", "￥",  # punctuation, the ideographic space, full-width forms
    "ㄅ", "か", "カ", "︰", "﹁",  # bopomofo, kana, vertical and compatibility forms
])
def test_chinese_text_is_cjk(char: str) -> None:
    assert is_cjk(char)


@pytest.mark.parametrize("char", [
    "", "a", "1", ",", " ", "\n", "é", "한", "ㄱ", "ｶ", "😀", "·", *sorted(SHARED_PUNCTUATION),  # Hangul, emoji, shared marks
])
def test_other_characters_are_not_cjk(char: str) -> None:
    assert not is_cjk(char)


def test_an_ideograph_is_a_letter_not_punctuation_a_radical_or_a_kana() -> None:
    assert is_ideograph("中") and is_ideograph("\U00020000") and is_ideograph("\uf900")
    assert not any(is_ideograph(char) for char in ("，", "\u3000", "\u2f00", "か", "Ａ", "a", "", "\U0002fffe"))


def test_count_ideographs_counts_only_ideographs() -> None:
    assert count_ideographs("晋江市工商联，2023年（ABC）") == 7
