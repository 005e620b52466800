"""Demo households (placeholder; extended with 30+ varied, deterministic households)."""

import random

from sqlalchemy.orm import Session

from app.domain.households import schemas as hs
from app.domain.households import service as hsvc


def load_households(session: Session, actors: dict, *, rng: random.Random, teams: dict, gemeenten: dict) -> int:
    hh = hsvc.create_household(
        session,
        actors["toegang"],
        data=hs.HuishoudenCreate(
            naam=None,
            gemeente_id=gemeenten["Roermond"],
            team_id=teams["roermond"],
            straat="Neerstraat",
            huisnummer=12,
            postcode="6041 KB",
            woonplaats="Roermond",
            aanvrager=hs.PersoonCreate(bsn="111222333", voornamen="Anna", achternaam="Bakker"),
        ),
    )
    return 1 if hh else 0
