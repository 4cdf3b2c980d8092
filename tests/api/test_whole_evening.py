"""A whole evening through the API: open, balance, announcements, three rounds, close, vCards."""

from __future__ import annotations

import vobject

from tests.conftest import Room

TOPICS = ["hiring", "design", "python", "sales", "data", "leadership"]


def test_a_host_runs_an_evening_and_everyone_takes_contacts_home(room: Room) -> None:
    org = room.org_headers()
    base = f"/api/v1/events/{room.code}"
    assert room.organizer.patch(base, json={"mode": "both"}, headers=org).status_code == 200
    phones = [
        room.join(
            f"Person {i}", ["give", "seek", "both"][i % 3], [TOPICS[i % 6], TOPICS[(i + 2) % 6]],
            [TOPICS[(i + 1) % 6]], email=f"p{i}@example.com", share_contact=True,
        )
        for i in range(8)
    ]  # fmt: skip
    stats = room.organizer.get(f"{base}/stats", headers=org).json
    assert stats["attendees"]["total"] == 8 and "giver_free_capacity" in stats["balance"]
    sent = room.organizer.post(
        f"{base}/announcements", json={"message": "Round 1 soon"}, headers=org
    )
    assert sent.status_code == 201
    # Eight people present: every round places everyone (four pairs), and a pair introduced
    # before is never paired again, so three rounds make twelve different pairs.
    met_in_rounds: list[frozenset[int]] = []
    for number in (1, 2, 3):
        started = room.organizer.post(f"{base}/rounds", json={"minutes": 5}, headers=org)
        assert started.status_code == 201, started.json
        assert started.json["round"]["number"] == number
        assert started.json["round"]["pairs"] == 4
        this_round: set[frozenset[int]] = set()  # each pair is seen from both phones
        for phone in phones:
            for intro in phone.intros():
                if intro["round"] == number and intro["status"] == "suggested":
                    assert phone.respond(intro["id"], "accept").status_code == 200
                    this_round.add(frozenset((phone.id, intro["other"]["id"])))
        assert len(this_round) == 4 and set().union(*this_round) == {p.id for p in phones}
        met_in_rounds += this_round
        assert room.organizer.post(f"{base}/rounds/current/end", headers=org).status_code == 200
    assert len(met_in_rounds) == 12 and len(set(met_in_rounds)) == 12  # none repeated
    assert room.organizer.patch(base, json={"status": "closed"}, headers=org).status_code == 200
    for phone in phones:
        mutual = {
            i["other"]["name"] for i in phone.intros() if i["you_accepted"] and i["they_accepted"]
        }
        body = phone.client.get("/api/v1/me/contacts.vcf", headers=phone.headers()).get_data(
            as_text=True
        )
        names = {card.fn.value for card in vobject.readComponents(body)}
        assert names == mutual and len(names) >= 1
