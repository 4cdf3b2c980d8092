"""Bar charts drawn by the server as inline SVG (the impact page): the geometry of each bar,
so a template only places them. Pure: numbers in, rows out; no JavaScript needed."""

from __future__ import annotations

from dataclasses import dataclass

ROW = 34  # height of one bar's row, in the SVG's units
LABEL = 160  # the labels' column, right-aligned against the bars
BAR = 280  # the longest bar
FITS = 18  # characters of a label that fit its column
WIDTH = LABEL + BAR + 50  # room for the value after the longest bar

# What each outcome is called on the page (the phone asks with the same words).
OUTCOME_LABELS = {
    "referral": "A referral",
    "interview": "An interview",
    "offer": "A job offer",
    "advice": "Advice that helped",
    "nothing": "Nothing yet",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of its row
    width: int  # the bar's length; a zero is drawn as a hairline, so it still reads as a bar

    @property
    def middle(self) -> int:
        return self.y + ROW // 2

    @property
    def short(self) -> str:
        """The label as it fits its column (whole in the bar's title and the description)."""
        return self.label if len(self.label) <= FITS else self.label[: FITS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    summary: str  # every value in words, for screen readers (the SVG's description)


def chart(rows: list[tuple[str, int]]) -> Chart:
    """Bars scaled to the largest value (or all hairlines when everything is zero)."""
    top = max((value for _label, value in rows), default=0)
    bars = [
        Bar(label, value, i * ROW, max(2, round(BAR * value / top)) if top else 2)
        for i, (label, value) in enumerate(rows)
    ]
    summary = "; ".join(f"{label}: {value}" for label, value in rows)
    return Chart(bars, len(rows) * ROW, summary)


def share(part: int, whole: int) -> str:
    """A percentage to read beside a count ("" when there is nothing to divide by)."""
    return f"{round(100 * part / whole)}%" if whole else ""
