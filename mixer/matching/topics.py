"""Topic weights kept up to date as people come and go, instead of recounted each time.

`topic_weights` walks everyone's tags: a few milliseconds in a room of thousands, paid
on every newcomer when the caller recounts. A `TopicCounts` held per event and told of
each arrival, departure and change of tags gives the same weights, bit for bit, for the
price of the changed person's tags (and one pass over the topics when asked).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import Member
from .scoring import Weights, weights_from_counts


class TopicCounts:
    """How many people mention each topic (offered or sought), and how many people.

    Also who offers and who seeks each topic: a newcomer's partners are found through
    those few lists instead of a pass over the whole room (`newcomers.indexed`).
    """

    def __init__(self, people: Iterable[Member] = ()) -> None:
        self._df: Counter[str] = Counter()
        self._n = 0
        self._weights: Weights | None = None
        self.offered: dict[str, set[int]] = {}
        self.sought: dict[str, set[int]] = {}
        for p in people:
            self.add(p)

    def __len__(self) -> int:
        return self._n

    def add(self, person: Member) -> None:
        """Someone joins the list the weights are taken over."""
        self._df.update(person.offers | person.seeks)
        self._n += 1
        self._weights = None
        for index, tags in ((self.offered, person.offers), (self.sought, person.seeks)):
            for t in tags:
                index.setdefault(t, set()).add(person.id)

    def remove(self, person: Member) -> None:
        """Someone leaves the list (pass them with the tags they were counted with)."""
        tags = person.offers | person.seeks
        if self._n == 0 or any(self._df[t] <= 0 for t in tags):
            raise ValueError(f"person {person.id} was not counted with these tags")
        self._df.subtract(tags)
        self._n -= 1
        self._weights = None
        for index, listed in ((self.offered, person.offers), (self.sought, person.seeks)):
            for t in listed:
                ids = index.get(t)
                if ids is not None:
                    ids.discard(person.id)
                    if not ids:
                        del index[t]

    def replace(self, old: Member, new: Member) -> None:
        """Someone changed their tags."""
        self.remove(old)
        self.add(new)

    def weights(self) -> Weights:
        """Exactly `topic_weights` of everyone counted; cached until the next change.

        The dict is shared between calls until something changes: do not modify it.
        """
        if self._weights is None:
            self._weights = weights_from_counts(self._df, self._n)
        return self._weights
