"""The demo data: deterministic, and the situations the demo and the browser tests rely on exist."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.domain import authz
from app.domain.audit.models import AuditEvent
from app.domain.households.models import Betrokkenheid, Huishouden, Lidmaatschap, Netwerklid, Persoon, Toestemming
from app.domain.households.rules import bsn_geldig, leeftijd
from app.domain.organisation.auth import actor_for
from app.domain.organisation.models import Gebruiker, Team
from seed.demo import load_demo
from seed.demo_households import DEMO_FACTS

TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _snapshot(db: Session) -> list[tuple]:
    """Everything that makes up the demo households, without database ids (sequences differ per run)."""
    rows = []
    users = {u.id: u.username for u in db.scalars(select(Gebruiker))}
    teams = {t.id: t.naam for t in db.scalars(select(Team))}
    for hh in db.scalars(select(Huishouden).order_by(Huishouden.naam, Huishouden.postcode)):
        leden = db.scalars(
            select(Lidmaatschap)
            .where(Lidmaatschap.huishouden_id == hh.id)
            .options(selectinload(Lidmaatschap.persoon))
            .order_by(Lidmaatschap.begindatum, Lidmaatschap.relatie)
        ).all()
        netwerk = db.scalars(select(Netwerklid).where(Netwerklid.huishouden_id == hh.id).order_by(Netwerklid.naam))
        behandelaar = db.scalars(select(Betrokkenheid.gebruiker_id).where(Betrokkenheid.huishouden_id == hh.id)).all()
        rows.append(
            (
                hh.naam,
                hh.adres,
                teams[hh.team_id],
                hh.veiligheidszorg,
                tuple(users[i] for i in behandelaar),
                tuple(
                    (
                        m.persoon.bsn,
                        m.persoon.naam,
                        m.persoon.geboortedatum,
                        m.persoon.telefoon,
                        m.relatie,
                        m.begindatum,
                        m.einddatum,
                    )
                    for m in leden
                ),
                tuple((n.naam, n.relatie, n.organisatie, n.telefoon, n.draagkracht, n.draaglast) for n in netwerk),
            )
        )
    return rows


@dataclass
class Seeded:
    session: Session
    snapshots: list[list[tuple]]


@pytest.fixture(scope="module")
def seeded(engine: Engine) -> Iterator[Seeded]:
    """Seed twice (the first run rolled back), keep the second; all in one transaction rolled back at the end.

    Module-scoped because seeding takes seconds; the tests below only read.
    """
    conn = engine.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    clock.freeze(TODAY)
    try:
        snapshots = []
        for keep in (False, True):
            run = session.begin_nested()
            load_demo(session)
            snapshots.append(_snapshot(session))
            if not keep:
                run.rollback()
        yield Seeded(session, snapshots)
    finally:
        clock.freeze(None)
        session.close()
        outer.rollback()
        conn.close()


@pytest.fixture()
def demo(seeded: Seeded) -> Iterator[Session]:
    clock.freeze(TODAY)
    yield seeded.session
    clock.freeze(None)


class TestDemoIsDeterministic:
    def test_seeding_twice_gives_the_same_households_and_bsns(self, seeded: Seeded) -> None:
        first, second = seeded.snapshots
        assert len(first) >= 32
        assert first == second


class TestDemoSituations:
    def test_households_are_spread_over_teams_gemeenten_and_behandelaars(self, demo: Session) -> None:
        rows = demo.execute(
            select(Huishouden.id, Team.naam, Huishouden.woonplaats, Gebruiker.username)
            .join(Team, Team.id == Huishouden.team_id)
            .join(Betrokkenheid, Betrokkenheid.huishouden_id == Huishouden.id)
            .join(Gebruiker, Gebruiker.id == Betrokkenheid.gebruiker_id)
        ).all()
        assert len({r[0] for r in rows}) >= 32
        assert {r[1] for r in rows} == {"Toegang Roermond", "Wijkteam Roerdalen-Maasgouw", "Toegang Echt-Susteren"}
        assert {r[3] for r in rows} == {"toegang", "regisseur", "wijkteam", "echt"}
        assert {"Roermond", "Echt", "Susteren", "Maasbracht", "Thorn", "Herkenbosch", "Vlodrop"} <= {r[2] for r in rows}

    def test_every_household_was_created_by_its_behandelaar_in_the_audit_trail(self, demo: Session) -> None:
        for hh_id, username in demo.execute(
            select(Huishouden.id, Gebruiker.username)
            .join(Betrokkenheid, Betrokkenheid.huishouden_id == Huishouden.id)
            .join(Gebruiker, Gebruiker.id == Betrokkenheid.gebruiker_id)
        ):
            ev = demo.scalar(
                select(AuditEvent).where(
                    AuditEvent.huishouden_id == hh_id,
                    AuditEvent.object_type == "huishouden",
                    AuditEvent.action == "create",
                )
            )
            assert ev is not None and ev.actor_username == username

    def test_bsns_pass_the_elfproef_and_are_unique(self, demo: Session) -> None:
        bsns = demo.scalars(select(Persoon.bsn)).all()
        assert bsns and all(b and bsn_geldig(b) for b in bsns)
        assert len(set(bsns)) == len(bsns)

    def test_demo_facts_match_the_data(self, demo: Session) -> None:
        for fact in DEMO_FACTS.values():
            hh = demo.scalar(
                select(Huishouden)
                .join(Lidmaatschap, Lidmaatschap.huishouden_id == Huishouden.id)
                .join(Persoon, Persoon.id == Lidmaatschap.persoon_id)
                .where(Persoon.bsn == fact["bsn"], Lidmaatschap.relatie == "aanvrager")
            )
            assert hh is not None and hh.naam == fact["naam"]
            assert (hh.postcode[:4] + " " + hh.postcode[4:], hh.huisnummer) == (fact["postcode"], fact["huisnummer"])
            owner = demo.scalar(
                select(Gebruiker.username)
                .join(Betrokkenheid, Betrokkenheid.gebruiker_id == Gebruiker.id)
                .where(Betrokkenheid.huishouden_id == hh.id)
            )
            assert owner == fact["behandelaar"]

    def test_a_youth_turns_18_within_the_next_12_months(self, demo: Session) -> None:
        today = clock.today()
        in_a_year = date(today.year + 1, today.month, today.day)
        youths = [
            p
            for p in demo.scalars(
                select(Persoon)
                .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
                .where(Lidmaatschap.einddatum.is_(None))
            )
            if p.geboortedatum and leeftijd(p.geboortedatum, today) == 17 and leeftijd(p.geboortedatum, in_a_year) >= 18
        ]
        assert DEMO_FACTS["jongere_18"]["jongere"] in {p.naam for p in youths}

    def test_safety_overload_history_and_a_single_question_exist(self, demo: Session) -> None:
        veilig = demo.scalars(select(Huishouden.naam).where(Huishouden.veiligheidszorg.is_(True))).all()
        assert veilig == [DEMO_FACTS["veiligheid"]["naam"]]
        overbelast = [n for n in demo.scalars(select(Netwerklid)) if n.overbelast]
        assert DEMO_FACTS["mantelzorger_overbelast"]["mantelzorger"] in {n.naam for n in overbelast}
        assert {n.relatie for n in demo.scalars(select(Netwerklid))} >= {
            "mantelzorger",
            "familie",
            "buur",
            "vrijwilliger",
            "professional",
        }
        assert len(demo.scalars(select(Lidmaatschap).where(Lidmaatschap.einddatum.is_not(None))).all()) >= 5
        # Someone who moved out of one household into another keeps both memberships.
        moved = demo.execute(
            select(Lidmaatschap.persoon_id)
            .group_by(Lidmaatschap.persoon_id)
            .having(func.count(func.distinct(Lidmaatschap.huishouden_id)) > 1)
        ).all()
        assert moved
        enkelvoudig = demo.scalar(select(Huishouden).where(Huishouden.naam == DEMO_FACTS["enkelvoudig"]["naam"]))
        assert enkelvoudig is not None
        assert len(demo.scalars(select(Lidmaatschap).where(Lidmaatschap.huishouden_id == enkelvoudig.id)).all()) == 1

    def test_the_clientondersteuner_has_consent_on_three_households(self, demo: Session) -> None:
        ondersteuner = demo.scalar(select(Gebruiker).where(Gebruiker.username == "ondersteuner"))
        assert ondersteuner is not None
        rows = demo.scalars(select(Toestemming).where(Toestemming.gebruiker_id == ondersteuner.id)).all()
        assert len(rows) == 3 and all(t.scope_plan and t.scope_verslag for t in rows)
        actor = actor_for(ondersteuner)
        for t in rows:
            assert authz.consent_scope(demo, actor, t.huishouden_id, "plan")
            ev = demo.scalar(
                select(AuditEvent).where(AuditEvent.object_type == "toestemming", AuditEvent.object_id == str(t.id))
            )
            assert ev is not None and ev.actor_username == "regisseur" and ev.action == "create"
        visible = demo.scalars(authz.visible_households(actor)).all()
        assert sorted(visible) == sorted(t.huishouden_id for t in rows)
