"""The supervisor's approvals: one list of what waits, and decisions through the owning service."""

import pytest
from sqlalchemy import select

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.errors import InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households import service as hsvc
from app.domain.households.models import BreakTheGlass
from app.domain.supervision import approvals, signals
from app.domain.supervision.schemas import Besluit
from tests.service.test_supervision_data import beschikking, regie, schaalbesluit, vraag


def _setup(world):  # type: ignore[no-untyped-def]
    team = world.team()
    sup = world.user("supervisor", teams=[team])
    owner = world.user("toegangsmedewerker", teams=[team])
    snoop = world.user("toegangsmedewerker")
    hh = world.household(owner, team=team)
    return team, sup, owner, snoop, hh


def _btg(db, world, user, hh) -> BreakTheGlass:  # type: ignore[no-untyped-def]
    hsvc.break_the_glass(db, world.actor(user), huishouden_id=hh.id, reden="Crisis gemeld door de politie")
    return db.scalars(select(BreakTheGlass).order_by(BreakTheGlass.id.desc())).first()


class TestReviewBreakTheGlass:
    def test_supervisor_approves_and_it_is_audited(self, db, world) -> None:
        _, sup, _, snoop, hh = _setup(world)
        btg = _btg(db, world, snoop, hh)
        approvals.review_break_the_glass(db, world.actor(sup), btg_id=btg.id, beoordeling="akkoord", notitie=None)
        assert btg.beoordeling == "akkoord" and btg.beoordeeld_door_id == sup.id and btg.beoordeeld_op
        ev = db.scalar(
            select(AuditEvent).where(AuditEvent.action == "approve", AuditEvent.object_type == "break_the_glass")
        )
        assert ev.object_id == str(btg.id) and ev.huishouden_id == hh.id
        assert ev.changes["beoordeling"] == [None, "akkoord"]

    def test_rejection_needs_a_note_and_is_audited_as_reject(self, db, world) -> None:
        _, sup, _, snoop, hh = _setup(world)
        btg = _btg(db, world, snoop, hh)
        with pytest.raises(ValidationError):
            approvals.review_break_the_glass(db, world.actor(sup), btg_id=btg.id, beoordeling="niet_akkoord")
        assert btg.beoordeling is None
        approvals.review_break_the_glass(
            db,
            world.actor(sup),
            btg_id=btg.id,
            beoordeling="niet_akkoord",
            notitie="Geen reden om dit dossier te openen",
        )
        ev = db.scalar(
            select(AuditEvent).where(AuditEvent.action == "reject", AuditEvent.object_type == "break_the_glass")
        )
        assert ev.reason == "Geen reden om dit dossier te openen"
        with pytest.raises(InvalidTransition):
            approvals.review_break_the_glass(db, world.actor(sup), btg_id=btg.id, beoordeling="akkoord")

    def test_supervisor_of_another_team_cannot_review(self, db, world) -> None:
        _, _, _, snoop, hh = _setup(world)
        other_sup = world.user("supervisor", teams=[world.team()])
        btg = _btg(db, world, snoop, hh)
        with pytest.raises(NotFound):
            approvals.review_break_the_glass(db, world.actor(other_sup), btg_id=btg.id, beoordeling="akkoord")

    def test_nobody_reviews_their_own_access(self, db, world) -> None:
        team, _, _, _, hh = _setup(world)
        sup2 = world.user("supervisor", teams=[team])
        other_team_hh = world.household(world.user("toegangsmedewerker"), team=team)
        btg = _btg(db, world, sup2, other_team_hh)
        with pytest.raises(NotAllowed):
            approvals.review_break_the_glass(db, world.actor(sup2), btg_id=btg.id, beoordeling="akkoord")
        del hh

    def test_caseworker_cannot_review(self, db, world) -> None:
        _, _, owner, snoop, hh = _setup(world)
        btg = _btg(db, world, snoop, hh)
        with pytest.raises(NotAllowed):
            approvals.review_break_the_glass(db, world.actor(owner), btg_id=btg.id, beoordeling="akkoord")


class TestPendingList:
    def test_lists_beschikking_escalation_and_break_the_glass(self, db, world) -> None:
        _, sup, owner, snoop, hh = _setup(world)
        b = beschikking(db, vraag(db, hh, owner), status="ter_goedkeuring")
        x = schaalbesluit(db, hh, owner)
        btg = _btg(db, world, snoop, hh)
        items = approvals.pending(db, world.actor(sup))
        assert {(i.soort, i.id) for i in items} == {
            ("beschikking", b.id),
            ("schaalbesluit", x.id),
            ("break_the_glass", btg.id),
        }
        besch = next(i for i in items if i.soort == "beschikking")
        assert besch.aangevraagd_door == owner.naam and besch.huishouden_naam == hh.naam

    def test_other_teams_items_are_not_listed(self, db, world) -> None:
        _, _, owner, _, hh = _setup(world)
        beschikking(db, vraag(db, hh, owner), status="ter_goedkeuring")
        other_sup = world.user("supervisor", teams=[world.team()])
        assert approvals.pending(db, world.actor(other_sup)) == []

    def test_only_supervisors(self, db, world) -> None:
        with pytest.raises(NotAllowed):
            approvals.pending(db, world.actor(world.user("toegangsmedewerker")))


class TestDecide:
    def test_approve_beschikking_through_the_toegang_service(self, db, world) -> None:
        _, sup, owner, _, hh = _setup(world)
        b = beschikking(db, vraag(db, hh, owner), status="ter_goedkeuring")
        approvals.decide(
            db, world.actor(sup), besluit=Besluit(soort="beschikking", id=b.id, besluit="goedkeuren", notitie="Akkoord")
        )
        assert b.goedgekeurd_door_id == sup.id and b.status != "ter_goedkeuring"
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "approve", AuditEvent.object_type == "beschikking")
        )

    def test_reject_needs_a_note(self, db, world) -> None:
        with pytest.raises(ValueError):
            Besluit(soort="beschikking", id=1, besluit="afwijzen")

    def test_reject_beschikking(self, db, world) -> None:
        _, sup, owner, _, hh = _setup(world)
        b = beschikking(db, vraag(db, hh, owner), status="ter_goedkeuring")
        approvals.decide(
            db,
            world.actor(sup),
            besluit=Besluit(soort="beschikking", id=b.id, besluit="afwijzen", notitie="Omvang niet onderbouwd"),
        )
        assert b.status == "afgekeurd"
        ev = db.scalar(select(AuditEvent).where(AuditEvent.action == "reject", AuditEvent.object_type == "beschikking"))
        assert ev.reason == "Omvang niet onderbouwd"

    def test_approve_escalation_through_the_plans_service(self, db, world) -> None:
        _, sup, owner, _, hh = _setup(world)
        regie(db, hh, owner)
        x = schaalbesluit(db, hh, owner)
        approvals.decide(
            db,
            world.actor(sup),
            besluit=Besluit(soort="schaalbesluit", id=x.id, besluit="goedkeuren", version=x.version),
        )
        assert x.status == "definitief" and x.goedgekeurd_door_id == sup.id
        assert db.get(type(hh), hh.id).schaalniveau == 5
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "approve", AuditEvent.object_type == "schaalbesluit")
        )

    def test_stale_version_of_escalation_conflicts(self, db, world) -> None:
        from app.domain.errors import Conflict

        _, sup, owner, _, hh = _setup(world)
        regie(db, hh, owner)
        x = schaalbesluit(db, hh, owner)
        with pytest.raises(Conflict):
            approvals.decide(
                db,
                world.actor(sup),
                besluit=Besluit(soort="schaalbesluit", id=x.id, besluit="goedkeuren", version=x.version + 1),
            )
        assert x.status == "wacht_op_goedkeuring"

    def test_break_the_glass_decision(self, db, world) -> None:
        _, sup, _, snoop, hh = _setup(world)
        btg = _btg(db, world, snoop, hh)
        approvals.decide(
            db, world.actor(sup), besluit=Besluit(soort="break_the_glass", id=btg.id, besluit="goedkeuren")
        )
        assert btg.beoordeling == "akkoord"


class TestSignals:
    def test_supervisor_sees_break_the_glass_to_review(self, db, world) -> None:
        _, sup, owner, snoop, hh = _setup(world)
        btg = _btg(db, world, snoop, hh)
        items = signals.items(db, world.actor(sup), clock.today())
        assert [(i.soort, i.object_id, i.huishouden_id, i.route) for i in items] == [
            ("break_the_glass", btg.id, hh.id, "goedkeuringen")
        ]
        assert signals.items(db, world.actor(owner), clock.today()) == []
        approvals.review_break_the_glass(db, world.actor(sup), btg_id=btg.id, beoordeling="akkoord")
        assert signals.items(db, world.actor(sup), clock.today()) == []
