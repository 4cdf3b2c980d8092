"""A worker's view of a room for matching: kept between joins, checked before every use.

Rebuilding everyone's matching profile from the database on every join costs time in
proportion to the room, under the event's lock, while every other join waits. So each
worker keeps, per event, the people as the engine sees them (`refresh`), everyone's
counts of introductions (`counts`), and the rows it wrote since it last looked
(`written`), and brings them up to date with the database before each use, reading only
what changed. Callers read them through `reading`.

Importing the package registers the session listeners that note the rows written.
"""

from .counts import open_counts
from .reading import Around, around, matching_people, room_as_read
from .refresh import person_of

__all__ = ["Around", "around", "matching_people", "open_counts", "person_of", "room_as_read"]
