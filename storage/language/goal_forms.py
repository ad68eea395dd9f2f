"""The kinds of goal a target can be (the values of targets.form) and how each is said to users."""

from __future__ import annotations

REDUCE_BY, REDUCE_TO, INCREASE_BY = "reduce_by", "reduce_to", "increase_by"
REACH, AT_LEAST, AT_MOST = "reach", "at_least", "at_most"
# How each form is said before the number.
FORM_WORDS = {
    REDUCE_BY: "giảm",
    REDUCE_TO: "giảm xuống còn",
    INCREASE_BY: "tăng thêm",
    REACH: "đạt",
    AT_LEAST: "tối thiểu",
    AT_MOST: "tối đa",
}

# The words that bound a figure from below or above, as plans write them before it ("trên 98%", "không quá 2%").
FLOOR_WORDS = ("tối thiểu", "ít nhất", "trên", "hơn", "không dưới", "không thấp hơn")
CEILING_WORDS = ("tối đa", "không quá", "không vượt quá", "dưới", "không cao hơn", "không vượt")
