"""The organizer's warm numbers in a room where warm and cold introductions mix: each is
counted on its own side, and the export names the broker on the warm rows only."""

from __future__ import annotations

import csv
import io

from tests.api.test_warm import answer, ask, knows, trio
from tests.conftest import Room


def via(rows: list[dict[str, str]], x: str, y: str) -> str:
    """The export's `via` on the one row between x and y."""
    [row] = [r for r in rows if {r["a_name"], r["b_name"]} == {x, y}]
    return row["via"]


def test_warm_and_cold_introductions_are_counted_apart(room: Room) -> None:
    # Priya and Gareth are suggested cold as they join; Kemi's introduction makes it warm.
    priya, gareth, kemi = trio(room)
    warm = ask(priya, gareth, kemi, "We met at the design meetup").json["warm"]
    assert answer(kemi, warm["id"], "introduce", "Priya, meet Gareth!").status_code == 200
    [intro] = priya.intros()
    assert intro["via"]["name"] == "Kemi Adeyemi"
    for phone in (priya, gareth):
        assert phone.respond(intro["id"], "accept").status_code == 200

    # Three cold pairs: one accepted by both, one declined, one nobody answered yet.
    ola = room.join("Ola Berg", "seek", ["Rust"], ["kubernetes "])
    ravi = room.join("Ravi Shah", "give", ["Kubernetes"], ["rust"])
    lea = room.join("Léa Dubois", "seek", ["French"], ["Payroll audits"])
    tom = room.join("Tom Nguyen", "give", ["payroll  audits"], ["french"])
    room.join("Ines Costa", "seek", ["Go"], ["Sailing"])
    room.join("Bo Park", "give", ["sailing"], ["go"])
    [cold_ok] = ola.intros()
    for phone in (ola, ravi):
        assert phone.respond(cold_ok["id"], "accept").status_code == 200
    # Léa asks Kemi too, who says "Not me": asked, never introduced; then Léa declines.
    knows(lea, kemi)
    knows(tom, kemi)
    not_me = ask(lea, tom, kemi).json["warm"]
    assert answer(kemi, not_me["id"], "decline").status_code == 200
    [cold_no] = lea.intros()
    assert cold_no["via"] is None
    assert lea.respond(cold_no["id"], "decline").status_code == 200

    stats = room.organizer.get(f"/api/v1/events/{room.code}/stats", headers=room.org_headers())
    assert stats.json["warm"] == {
        "asked": 2, "introduced": 1, "accepted": 1, "acceptance_rate": 1.0,
        "cold_acceptance_rate": 0.333,
    }  # fmt: skip
    assert stats.json["introductions"]["accepted"] == 2  # the warm one and Ola's

    exported = room.organizer.get(
        f"/api/v1/events/{room.code}/export/introductions.csv", headers=room.org_headers()
    )
    text = exported.get_data(as_text=True).removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 4
    assert via(rows, "Priya Raman", "Gareth O'Neil") == "Kemi Adeyemi"
    assert via(rows, "Ola Berg", "Ravi Shah") == via(rows, "Léa Dubois", "Tom Nguyen") == ""
    assert via(rows, "Ines Costa", "Bo Park") == ""
