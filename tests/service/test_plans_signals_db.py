"""Plan signals in the werkvoorraad, computed from the data, only for the actor's own households."""

from datetime import UTC, date, datetime

import pytest

from app import clock
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.organisation.models import Team
from app.domain.plans import consent, service, signals
from app.domain.plans import schemas as s

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _frozen():
    clock.freeze(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


class TestPlanSignals:
    def test_overdue_evaluation_overloaded_mantelzorger_and_new_reaction(self, db, world) -> None:
        team = world.team()
        reg = world.user("regisseur", teams=[team])
        actor = world.actor(reg)
        hh = world.household(reg, team=team)
        service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate(startdatum=date(2025, 1, 1)))
        service.add_doel(db, actor, huishouden_id=hh.id, data=s.DoelIn(leefgebied="financien", woorden="Rust"))
        plan = service.get_plan(db, actor, huishouden_id=hh.id)
        service.update_plan(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.PlanUpdate(version=plan.version, startdatum=date(2025, 1, 1), volgende_evaluatie=date(2026, 2, 1)),
        )
        hsvc.add_network_member(
            db,
            actor,
            huishouden_id=hh.id,
            data=hs.NetwerklidIn(naam="Oma Jans", relatie="mantelzorger", draagkracht=2, draaglast=4),
        )
        ond = world.user("clientondersteuner")
        world.consent(hh, ond)
        plan = service.get_plan(db, actor, huishouden_id=hh.id)
        service.vaststellen(db, actor, huishouden_id=hh.id, data=s.Vaststellen(version=plan.version, akkoord_door="A"))
        consent.add_reaction(db, world.actor(ond), huishouden_id=hh.id, data=s.ReactieIn(tekst="Vraag"))

        items = signals.items(db, actor, TODAY)
        soorten = {i.soort: i for i in items}
        assert soorten["evaluatie_plan"].status == "verlopen"
        assert "Oma Jans" in soorten["mantelzorg_overbelast"].tekst
        assert "reactie_clientondersteuner" in soorten
        # Someone else sees none of it.
        assert signals.items(db, world.actor(world.user("regisseur")), TODAY) == []

    def test_level_5_awaiting_approval_is_a_supervisor_signal(self, db, world) -> None:
        team = world.team()
        reg = world.user("regisseur", teams=[team])
        actor = world.actor(reg)
        hh = world.household(reg, team=team)
        service.create_regie(
            db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="professional", regisseur_id=reg.id, betekenis="x")
        )
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=5, reden="Gevaar"))
        sup = world.actor(world.user("supervisor", teams=[db.get(Team, team.id)]))
        items = signals.items(db, sup, TODAY)
        assert [i.soort for i in items] == ["schaal_5_goedkeuring"]
        assert not [i for i in signals.items(db, actor, TODAY) if i.soort == "schaal_5_goedkeuring"]
