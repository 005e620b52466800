"""Factories with traits, as fixtures: users per role, households with relations, logged-in clients."""

import itertools
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.actor import SYSTEM, Actor
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.households.models import Betrokkenheid, Huishouden, Toestemming
from app.domain.organisation import schemas as os_
from app.domain.organisation import service as org
from app.domain.organisation.auth import actor_for, start_session
from app.domain.organisation.models import Gebruiker, Gemeente, Team

PASSWORD = "test-wachtwoord-123"
_seq = itertools.count(1)


def valid_bsn(n: int) -> str:
    """A deterministic BSN passing the elfproef, for test number n."""
    for base in itertools.count(100_000_00 + n * 37):
        digits = [int(c) for c in f"{base:08d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9 and total - last != 0:
            candidate = f"{base:08d}{last}"
            if candidate != "000000000":
                return candidate
    raise AssertionError


class World:
    """Builds test data through the domain services, like real use."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.gemeente = db.scalars(select(Gemeente).where(Gemeente.naam == "Roermond")).one()
        self.gemeente2 = db.scalars(select(Gemeente).where(Gemeente.naam == "Maasgouw")).one()

    def team(self, naam: str | None = None, gemeente: Gemeente | None = None) -> Team:
        t = org.create_team(
            self.db,
            SYSTEM,
            bootstrap=True,
            data=os_.TeamIn(naam=naam or f"Team {next(_seq)}", gemeente_id=(gemeente or self.gemeente).id),
        )
        return self.db.get(Team, t.id)  # type: ignore[return-value]

    def user(self, *rollen: str, teams: list[Team] | None = None, username: str | None = None) -> Gebruiker:
        u = org.create_user(
            self.db,
            SYSTEM,
            bootstrap=True,
            data=os_.GebruikerCreate(
                username=username or f"user{next(_seq)}",
                naam=f"Test {' '.join(rollen)}",
                rollen=list(rollen),
                team_ids=[t.id for t in teams or []],
                gemeente_ids=[self.gemeente.id, self.gemeente2.id],
                wachtwoord=PASSWORD,
            ),
        )
        return self.db.get(Gebruiker, u.id)  # type: ignore[return-value]

    def actor(self, user: Gebruiker) -> Actor:
        return actor_for(user, request_id="test")

    def household(
        self,
        behandelaar: Gebruiker,
        *,
        team: Team | None = None,
        bsn: str | None = None,
        achternaam: str | None = None,
        postcode: str = "6041 KB",
        huisnummer: int | None = None,
        veiligheidszorg: bool = False,
    ) -> Huishouden:
        n = next(_seq)
        read = hsvc.create_household(
            self.db,
            self.actor(behandelaar),
            data=hs.HuishoudenCreate(
                gemeente_id=self.gemeente.id,
                team_id=team.id if team else None,
                straat="Markt",
                huisnummer=huisnummer or n,
                postcode=postcode,
                woonplaats="Roermond",
                veiligheidszorg=veiligheidszorg,
                aanvrager=hs.PersoonCreate(
                    bsn=bsn or valid_bsn(n),
                    voornamen="Test",
                    achternaam=achternaam or f"Achternaam{n}",
                    geboortedatum=date(1980, 1, 1),
                ),
            ),
        )
        return self.db.get(Huishouden, read.id)  # type: ignore[return-value]

    def involve(self, hh: Huishouden, user: Gebruiker, rol: str = "teamlid") -> None:
        self.db.add(Betrokkenheid(huishouden_id=hh.id, gebruiker_id=user.id, rol=rol, begindatum=date(2020, 1, 1)))
        self.db.flush()

    def consent(
        self,
        hh: Huishouden,
        user: Gebruiker,
        *,
        plan: bool = True,
        verslag: bool = True,
        begindatum: date = date(2020, 1, 1),
        einddatum: date | None = None,
    ) -> Toestemming:
        t = Toestemming(
            huishouden_id=hh.id,
            partij_soort="clientondersteuner",
            gebruiker_id=user.id,
            scope_plan=plan,
            scope_verslag=verslag,
            begindatum=begindatum,
            einddatum=einddatum,
        )
        self.db.add(t)
        self.db.flush()
        return t


@pytest.fixture()
def world(db: Session) -> World:
    return World(db)


@pytest.fixture()
def login(app_client, db: Session) -> Callable:  # type: ignore[no-untyped-def]
    """login(user) → a TestClient carrying that user's session cookie and CSRF header."""

    def _login(user: Gebruiker):  # type: ignore[no-untyped-def]
        token, sessie = start_session(db, user, request_id="test", client_addr="testclient")
        app_client.cookies.set("toegang_sessie", token)
        app_client.headers["X-CSRF-Token"] = sessie.csrf_token
        return app_client

    return _login


@pytest.fixture()
def api_token(db: Session) -> Callable[[Gebruiker], dict[str, str]]:
    """api_token(user) → Authorization headers with a fresh bearer token."""
    from app.domain.organisation.auth import create_token

    def _make(user: Gebruiker) -> dict[str, str]:
        token, _ = create_token(db, actor_for(user), naam="test", geldig_dagen=1)
        return {"Authorization": f"Bearer {token}"}

    return _make
