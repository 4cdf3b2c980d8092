"""A demo event with a realistic simulated crowd, for trying Mixer alone."""

from __future__ import annotations

import random

from ..domain.models import Attendee, Event
from ..services import events, joining
from ..shapes.inputs import EventCreate, JoinIn

TOPICS = [
    "python", "data engineering", "machine learning", "product management", "ux research",
    "hiring", "career change", "salary negotiation", "leadership", "cloud infrastructure",
    "frontend", "devops", "startups", "mentoring", "remote work", "interview prep",
    "data science", "security", "sales engineering", "design systems",
]  # fmt: skip

# How people type those topics when they do not tap the organizer's chip: the demo crowd
# is as messy as a real one, so the phone shows how Mixer read them.
TYPED = {
    "python": ["Python", "Python 3", "pyhton"],
    "data engineering": ["Data Engineer", "data engineers"],
    "machine learning": ["ML", "Machine-Learning", "machine learning engineer"],
    "product management": ["Product Manager", "PM"],
    "ux research": ["UX Researcher", "user research"],
    "hiring": ["Hiring!", "we're hiring"],
    "career change": ["career switch", "changing careers"],
    "salary negotiation": ["negotiating salary", "Salary negotiations"],
    "leadership": ["Leadership", "leading teams"],
    "cloud infrastructure": ["cloud", "AWS"],
    "frontend": ["Front-end", "frontend developer"],
    "devops": ["DevOps", "dev ops"],
    "startups": ["Startup", "start-ups"],
    "mentoring": ["mentorship", "a mentor"],
    "remote work": ["Remote jobs", "working remotely"],
    "interview prep": ["mock interviews", "Interview preparation"],
    "data science": ["Data Scientist", "data scientists"],
    "security": ["cybersecurity", "InfoSec"],
    "sales engineering": ["Sales Engineer", "presales"],
    "design systems": ["Design System", "design-systems"],
}

FIRST = [
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas",
    "Kavya", "Liam", "Maya", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tomás",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Clara", "Diego",
    "Esra", "Felix", "Gita", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Marco", "Noor",
]  # fmt: skip
LAST = [
    "Okafor", "Schmidt", "Li", "Rossi", "Yilmaz", "Haddad", "Kim", "Laurent", "Silva",
    "Berg", "Nair", "Walsh", "Cohen", "Petrov", "Adeyemi", "Patel", "Murphy", "Garcia",
]  # fmt: skip
GIVER_ROLES = [
    "Engineering Manager at Northwind", "Head of Talent at Brightloop", "CTO at Tidewater Labs",
    "Staff Engineer at Cobalt Health", "Design Director at Fernhill", "Recruiter at Quanta",
    "VP Product at Larkspur", "Data Lead at Meridian Bank",
]  # fmt: skip
SEEKER_ROLES = [
    "Bootcamp graduate, frontend", "Data analyst moving to engineering",
    "PhD, looking for ML roles", "Junior developer", "Career changer from teaching",
    "UX designer between roles", "New grad, computer science", "Product designer relocating",
]  # fmt: skip
SPOTS = [f"Table {n}" for n in range(1, 13)]


def person(rng: random.Random, n: int) -> JoinIn:
    """One simulated attendee (the n-th), as the join form would send them."""
    intent = rng.choices(["give", "seek", "both"], weights=[3, 5, 2])[0]
    name = f"{FIRST[n % len(FIRST)]} {rng.choice(LAST)}"
    offers = rng.sample(TOPICS, rng.randint(2, 4)) if intent != "seek" else rng.sample(TOPICS, 1)
    seeks = rng.sample(TOPICS, rng.randint(2, 4)) if intent != "give" else rng.sample(TOPICS, 1)
    if intent in ("give", "both"):
        offers = list(dict.fromkeys(["hiring", *offers]))[:4]
    offers, seeks = [typed(rng, t) for t in offers], [typed(rng, t) for t in seeks]
    headline = rng.choice(GIVER_ROLES if intent != "seek" else SEEKER_ROLES)
    slug = name.lower().replace(" ", ".").replace("á", "a")
    return JoinIn(
        name=name,
        headline=headline,
        intent=intent,
        offers=offers,
        seeks=seeks,
        email=f"{slug}@example.com",
        share_contact=rng.random() < 0.8,
        mentor=intent == "give" and rng.random() < 0.5,
    )


def typed(rng: random.Random, topic: str) -> str:
    """The organizer's chip one time in three, else one of the ways people type it."""
    return topic if rng.random() < 1 / 3 else rng.choice(TYPED.get(topic, [topic]))


def seed(size: int = 40, seed_value: int = 7) -> tuple[Event, str, list[Attendee]]:
    """Create an open demo event and let `size` simulated people join it, one by one."""
    rng = random.Random(seed_value)
    event, token = events.create_event(
        EventCreate(
            name="Demo: Tech Careers Mixer",
            venue="Main hall",
            topics=TOPICS,
            meeting_spots=SPOTS,
            mode="continuous",
        )
    )
    assert token is not None  # no nonce: always a new event, with its token
    crowd = [joining.join(event.code, person(rng, n))[0] for n in range(size)]
    return event, token, crowd
