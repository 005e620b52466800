"""Deterministic demo data: teams, one user per role, catalogue, providers and households.

Everything goes through the domain services (as a system actor or as the demo user who would do it),
so the demo data carries the same audit trail and invariants as real use. Same code, same data.
"""

import random
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain.actor import SYSTEM
from app.domain.organisation import schemas as os_
from app.domain.organisation import service as org
from app.domain.organisation.auth import actor_for
from app.domain.organisation.models import Gebruiker, Gemeente

DEMO_PASSWORD = "demo-wachtwoord-2026"
SEED = 20261123


def _gemeente_ids(session: Session) -> dict[str, int]:
    return {g.naam: g.id for g in session.scalars(select(Gemeente))}


def load_demo(session: Session) -> str:
    from seed.demo_catalog import load_catalog
    from seed.demo_households import load_households
    from seed.demo_plans import load_plans
    from seed.demo_toegang import load_toegang

    rng = random.Random(SEED)
    gem = _gemeente_ids(session)
    mlo = [gem[n] for n in ("Roermond", "Echt-Susteren", "Maasgouw", "Roerdalen")]
    t_roer = org.create_team(
        session, SYSTEM, data=os_.TeamIn(naam="Toegang Roermond", gemeente_id=gem["Roermond"]), bootstrap=True
    )
    t_oost = org.create_team(
        session,
        SYSTEM,
        data=os_.TeamIn(naam="Wijkteam Roerdalen-Maasgouw", gemeente_id=gem["Roerdalen"]),
        bootstrap=True,
    )
    t_echt = org.create_team(
        session,
        SYSTEM,
        data=os_.TeamIn(naam="Toegang Echt-Susteren", gemeente_id=gem["Echt-Susteren"]),
        bootstrap=True,
    )
    users = [
        ("toegang", "Sanne Janssen", ["toegangsmedewerker"], [t_roer.id], mlo, None),
        ("regisseur", "Mark Hendriks", ["regisseur", "toegangsmedewerker"], [t_roer.id], mlo, None),
        ("supervisor", "Ingrid Willems", ["supervisor"], [t_roer.id, t_oost.id], mlo, None),
        ("ondersteuner", "Fatima el Amrani", ["clientondersteuner"], [], mlo, "MEE Limburg"),
        ("beheer", "Peter Smeets", ["beheerder"], [], mlo, None),
        ("auditor", "Karin Peeters", ["auditor"], [], mlo, None),
        ("wijkteam", "Ruud Coenen", ["toegangsmedewerker", "regisseur"], [t_oost.id], mlo, None),
        ("echt", "Lotte Vossen", ["toegangsmedewerker"], [t_echt.id], mlo, None),
    ]
    for username, naam, rollen, teams, gemeenten, organisatie in users:
        org.create_user(
            session,
            SYSTEM,
            bootstrap=True,
            data=os_.GebruikerCreate(
                username=username,
                naam=naam,
                rollen=rollen,
                team_ids=teams,
                gemeente_ids=gemeenten,
                organisatie=organisatie,
                wachtwoord=DEMO_PASSWORD,
                email=f"{username}@demo.toegang.example",
            ),
        )
    by_name = {u.username: u for u in session.scalars(select(Gebruiker))}
    actors = {k: actor_for(u) for k, u in by_name.items()}
    n_products, n_providers = load_catalog(session)
    n_hh = load_households(
        session,
        actors,
        rng=rng,
        teams={"roermond": t_roer.id, "oost": t_oost.id, "echt": t_echt.id},
        gemeenten=gem,
    )
    load_plans(session, actors, rng=rng, today=clock.today())
    load_toegang(session, actors, rng=rng, today=clock.today())
    return (
        f"demo: {len(users)} users (password '{DEMO_PASSWORD}'), 3 teams, {n_products} products, "
        f"{n_providers} providers, {n_hh} households"
    )


__all__ = ["load_demo", "DEMO_PASSWORD", "date", "datetime", "UTC", "clock"]
