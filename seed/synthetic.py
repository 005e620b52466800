"""Large synthetic region for benchmarks: many households with members, through the services.

Deterministic (seeded). Not demo data: names are generated, BSNs valid but fictitious.
"""

import random
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.organisation.auth import actor_for
from app.domain.organisation.models import Gebruiker, Gemeente, Team

VOORNAMEN = (
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ivo",
    "Jasmijn",
    "Kees",
    "Lotte",
    "Maarten",
    "Noor",
    "Olaf",
    "Petra",
    "Quinten",
    "Rosa",
    "Stijn",
    "Tessa",
    "Umar",
    "Vera",
)
ACHTERNAMEN = (
    "Janssen",
    "Peeters",
    "Hendriks",
    "Smeets",
    "Willems",
    "Vossen",
    "Coenen",
    "Claessen",
    "Geurts",
    "Hermans",
    "Leenders",
    "Maessen",
    "Beckers",
    "Schreurs",
    "Wolters",
    "Dassen",
    "Houben",
    "Bours",
)
STRATEN = ("Hoofdstraat", "Kerkstraat", "Molenweg", "Maasstraat", "Schoolstraat", "Dorpsstraat", "Parklaan")


def bsn_for(n: int) -> str:
    """The n-th valid BSN in a fixed range (elfproef), so data is reproducible."""
    base = 300_000_00 + n * 13
    while True:
        digits = [int(c) for c in f"{base:08d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        if total % 11 <= 9:
            return f"{base:08d}{total % 11}"
        base += 1


def generate(session: Session, *, households: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    users = [u for u in session.scalars(select(Gebruiker)) if "toegangsmedewerker" in u.rollen]
    gemeenten = list(session.scalars(select(Gemeente).where(Gemeente.regio == "Midden-Limburg Oost")))
    teams = list(session.scalars(select(Team)))
    t0 = time.perf_counter()
    for i in range(households):
        user = users[i % len(users)]
        actor = actor_for(user)
        team = teams[i % len(teams)]
        g = gemeenten[i % len(gemeenten)]
        hsvc.create_household(
            session,
            actor,
            data=hs.HuishoudenCreate(
                gemeente_id=g.id,
                team_id=team.id,
                straat=rng.choice(STRATEN),
                huisnummer=1 + i % 400,
                postcode=f"{6040 + i % 60} {chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}",
                woonplaats=g.naam,
                aanvrager=hs.PersoonCreate(
                    bsn=bsn_for(i),
                    voornamen=rng.choice(VOORNAMEN),
                    achternaam=f"{rng.choice(ACHTERNAMEN)}",
                ),
            ),
        )
        if i % 500 == 499:
            session.flush()
    return time.perf_counter() - t0
