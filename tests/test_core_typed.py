"""Names as typed: tone placement, NFD input, and the words of a message that fold to a name."""

from __future__ import annotations

import unicodedata

from handlers.understand.typed import tone_key, typed_words


def test_old_and_new_tone_placement_meet() -> None:
    assert tone_key("Tân Hoà") == tone_key("tân hòa")
    assert tone_key("Thuỷ") == tone_key("Thủy")


def test_nfd_input_meets_nfc() -> None:
    assert tone_key(unicodedata.normalize("NFD", "Thọ Điền")) == tone_key("Thọ Điền")


def test_other_marks_stay_apart() -> None:
    assert tone_key("Thọ Điền") != tone_key("Thọ Diên")
    assert tone_key("Mai Hoa") != tone_key("Mai Hóa")


def test_typed_words_found_in_message() -> None:
    assert typed_words("ai giúp đỡ xã Thọ Điền giảm nghèo", "tho dien") == "Thọ Điền"
    assert typed_words("ai giúp đỡ xã khác", "tho dien") is None
