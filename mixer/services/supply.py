"""Who offers and seeks which topic among the people here, kept as people arrive.

The console's numbers (up to twice a second) and the typeahead (every keystroke) both
ask; recounting everyone's topics each time cost more than the rest of the numbers in a
room of a thousand. The matching view keeps one `Supply` per room and adds each
newcomer to it, and counts a changed person again (`remove`, then `add`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..matching import Member
from ..matching.markers import MARK


def canonical(tags: Iterable[str]) -> set[str]:
    """The engine's tags without the markers of related topics."""
    return {t for t in tags if not t.startswith(MARK)}


@dataclass
class Supply:
    """Per canonical topic: how many present people offer it and seek it."""

    offers: Counter[str] = field(default_factory=Counter)
    seeks: Counter[str] = field(default_factory=Counter)
    tags_offered: Counter[str] = field(default_factory=Counter)  # markers included

    def add(self, person: Member) -> None:
        """Count someone (people away or gone are not counted)."""
        if person.available:
            self.offers.update(canonical(person.offers))
            self.seeks.update(canonical(person.seeks))
            self.tags_offered.update(person.offers)

    def remove(self, person: Member) -> None:
        """Stop counting someone, as counted by `add` (topics nobody names any more go)."""
        if person.available:
            _discount(self.offers, canonical(person.offers))
            _discount(self.seeks, canonical(person.seeks))
            _discount(self.tags_offered, person.offers)

    def copy(self) -> Supply:
        return Supply(Counter(self.offers), Counter(self.seeks), Counter(self.tags_offered))

    def without(self, person: Member | None) -> Supply:
        """The same counts less one person (when they are counted), as a new Supply."""
        if person is None or not person.available:
            return self
        return Supply(
            self.offers - Counter(canonical(person.offers)),
            self.seeks - Counter(canonical(person.seeks)),
            self.tags_offered - Counter(person.offers),
        )


def _discount(counts: Counter[str], tags: Iterable[str]) -> None:
    for t in tags:
        counts[t] -= 1
        if counts[t] <= 0:
            del counts[t]


def supply(people: Iterable[Member]) -> Supply:
    """Count everyone at once."""
    counted = Supply()
    for p in people:
        counted.add(p)
    return counted
