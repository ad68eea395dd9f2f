"""Answering with targets named from their clause: long names that list groups or start with an action."""

from __future__ import annotations

from handlers.answers.targets import _lists_plain, _runs


def test_a_listing_of_the_plain_and_the_qualified_group_is_no_qualifier_mismatch() -> None:
    assert _lists_plain("cho vay doi voi ho ngheo ho can ngheo ho thoat ngheo", "can ngheo")
    assert _lists_plain("nguoi thuoc ho ngheo nguoi thuoc ho can ngheo", "can")
    assert not _lists_plain("ho can ngheo duoc ho tro nha o", "can ngheo")
    assert not _lists_plain("ty le ho ngheo", "can ngheo")


def test_runs_count_the_words_a_question_says_in_a_row_once_each() -> None:
    name = ["cho", "vay", "doi", "voi", "ho", "ngheo", "ho", "can", "ngheo", "ho", "thoat", "ngheo"]
    assert _runs(name, " cho vay ho ngheo bao nhieu % ") == 4  # "cho vay", "hộ nghèo"
    assert _runs(["ty", "le", "ho", "ngheo"], " cho vay ho ngheo bao nhieu % ") == 2
    assert _runs(["nha", "tieu", "hop", "ve", "sinh"], " nha o bao nhieu ho ") == 0  # one word in a row is not a run
