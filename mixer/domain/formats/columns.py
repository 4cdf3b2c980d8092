"""Which column of a ticketing tool's export holds what: the headers Eventbrite, Tito, Meetup,
Luma and hand-made sheets use, in English, German, French and Spanish, recognised however
they are spelled ("E-Mail-Adresse", "email_address", "Prénom"), or named by the organizer.

Pure: header texts in, a `Columns` (column positions by role) out. A message is an English
template marked with `_` for the catalogs, its values apart: the web layer translates it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The roles a mapping may name, as the query parameters spell them.
ROLES = ("name", "first_name", "last_name", "email", "headline", "organisation")

# Words a tool puts before the header's meaning ("Ticket Full Name", "Attendee Email").
_PREFIXES = ("ticket", "attendee", "guest", "participant", "teilnehmer", "your", "votre", "tu")

# A full name beyond doubt; then words that are a full name only without a first-name column
# (German "Name" beside "Vorname", French "Nom" beside "Prénom" are the last name).
_FULL = {"fullname", "attendeename", "nomcomplet", "nombrecompleto", "vollstandigername"}
_FULL_OR_LAST = {"name", "nom", "nombreyapellidos", "nombre"}
_FIRST = {"firstname", "givenname", "forename", "vorname", "prenom", "nombre", "first"}
_LAST = {"lastname", "surname", "familyname", "nachname", "familienname", "apellido",
         "apellidos", "nom", "name", "last"}  # fmt: skip
_EMAIL = {"email", "emailaddress", "mail", "emailadresse", "mailadresse", "courriel",
          "adresseemail", "adressemail", "adressecourriel", "adresseelectronique", "correo",
          "correoelectronico", "direcciondecorreo", "direcciondecorreoelectronico",
          "direccionemail", "emails"}  # fmt: skip
_HEADLINE = {"headline", "tagline", "bio"}
_TITLE = {"jobtitle", "title", "position", "role", "jobrole", "poste", "fonction", "titre",
          "cargo", "puesto", "berufsbezeichnung", "beruf", "jobbezeichnung", "funktion",
          "titel", "occupation"}  # fmt: skip
_COMPANY = {"company", "companyname", "organisation", "organization", "org", "employer",
            "firma", "unternehmen", "arbeitgeber", "entreprise", "societe", "employeur",
            "empresa", "organizacion", "compania", "organisationname",
            "organizationname"}  # fmt: skip


def _(message: str) -> str:
    """Marks a message for the catalogs; the layer that answers says it in the reader's language."""
    return message


def normalized(header: str) -> str:
    """A header as compared: accents, case, spaces and punctuation gone ("E-Mail" → "email")."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", plain.replace("ß", "ss"))


def _forms(header: str) -> set[str]:
    """The header as compared, with and without a tool's prefix word."""
    key = normalized(header)
    forms = {key}
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            forms.add(key[len(prefix) :])
    return forms


@dataclass(frozen=True)
class Columns:
    """Column positions (0-based) by role; None where the file has no such column."""

    name: int | None = None
    first_name: int | None = None
    last_name: int | None = None
    email: int | None = None
    headline: int | None = None
    title: int | None = None
    organisation: int | None = None

    def missing(self) -> list[str]:
        """The roles an import cannot do without and did not find: "name", "email"."""
        named = self.name is not None or self.first_name is not None
        named = named or self.last_name is not None
        return [role for role, ok in (("name", named), ("email", self.email is not None)) if not ok]

    def used(self, headers: Sequence[str]) -> dict[str, str]:
        """The mapping as the organizer would write it: role → the header text it read."""
        roles = {"name": self.name, "first_name": self.first_name, "last_name": self.last_name,
                 "email": self.email, "headline": self.headline if self.headline is not None
                 else self.title, "organisation": self.organisation}  # fmt: skip
        return {role: headers[at] for role, at in roles.items() if at is not None}


def _first(headers: Sequence[str], words: set[str], taken: set[int]) -> int | None:
    for at, header in enumerate(headers):
        if at not in taken and _forms(header) & words:
            return at
    return None


def recognised(headers: Sequence[str]) -> Columns:
    """The columns known headers name; the first column wins where two say the same."""
    taken: set[int] = set()

    def find(words: set[str]) -> int | None:
        at = _first(headers, words, taken)
        if at is not None:
            taken.add(at)
        return at

    email = find(_EMAIL)
    full = find(_FULL)
    first = find(_FIRST - {"nombre"}) if full is None else None
    spanish = _first(headers, {"apellido", "apellidos"}, taken) is not None
    if first is None and full is None and spanish:
        first = find({"nombre"})  # Spanish: "Nombre" beside "Apellido(s)" is the first name
    if first is not None:  # the unambiguous words first: Luma has "name" and "last_name"
        last = find(_LAST - {"nom", "name"})
        last = find({"nom", "name"}) if last is None else last
    else:
        last = None
    if full is None and first is None:
        full = find(_FULL_OR_LAST)
    headline = find(_HEADLINE)
    title = find(_TITLE) if headline is None else None
    company = find(_COMPANY)
    return Columns(full, first, last, email, headline, title, company)


class UnknownHeader(ValueError):
    """A mapping names a header the file does not have."""

    def __init__(self, role: str, header: str) -> None:
        self.template = _('No column "%(header)s" in this file (named for %(role)s).')
        self.params = {"header": header, "role": role}
        super().__init__(self.template % self.params)
        self.role = role


def mapped(headers: Sequence[str], mapping: Mapping[str, str], found: Columns) -> Columns:
    """`found`, with the roles the organizer named taken from the headers they named (by their
    exact text, else compared as `normalized`); naming `name` drops first and last names."""
    if not mapping:
        return found
    exact = {h.strip(): at for at, h in reversed(list(enumerate(headers)))}
    loose = {normalized(h): at for at, h in reversed(list(enumerate(headers)))}
    chosen: dict[str, int] = {}
    for role, header in mapping.items():
        at = exact.get(header.strip(), loose.get(normalized(header)))
        if at is None or not header.strip():
            raise UnknownHeader(role, header)
        chosen[role] = at
    roles = {
        "name": found.name, "first_name": found.first_name, "last_name": found.last_name,
        "email": found.email, "headline": found.headline, "title": found.title,
        "organisation": found.organisation,
    }  # fmt: skip
    if "name" in chosen:
        roles |= {"first_name": None, "last_name": None}
    elif "first_name" in chosen or "last_name" in chosen:
        roles["name"] = None
    if "headline" in chosen:
        roles["title"] = None
    return Columns(**(roles | chosen))
