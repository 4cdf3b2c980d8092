"""Bar charts drawn by the server as inline SVG (the impact page): the geometry of each bar,
so a template only places them. Numbers in, rows out (labels and percentages in the page's
language); no JavaScript needed."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_percent
from flask_babel import gettext as _

ROW = 34  # height of one bar's row, in the SVG's units
LABEL = 160  # the labels' column, right-aligned against the bars
BAR = 280  # the longest bar
FITS = 18  # characters of a label that fit its column
WIDTH = LABEL + BAR + 50  # room for the value after the longest bar


def outcome_labels() -> dict[str, str]:
    """What each outcome is called on the page, in its language (the phone asks with the
    same words)."""
    return {
        "referral": _("A referral"),
        "interview": _("An interview"),
        "offer": _("A job offer"),
        "advice": _("Advice that helped"),
        "nothing": _("Nothing yet"),
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
    """A whole percentage to read beside a count, written the page's language's way ("80%",
    "80 %"; "" when there is nothing to divide by)."""
    return format_percent(round(100 * part / whole) / 100) if whole else ""
