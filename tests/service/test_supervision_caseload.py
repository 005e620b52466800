"""Caseloads of the supervisor's team, the drill-down and the bulk reassignment."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.households.models import Betrokkenheid
from app.domain.supervision import caseload
from app.domain.supervision.schemas import Herverdeling
from tests.service.test_supervision_data import regie, vraag

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    clock.freeze(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    yield
    clock.freeze(None)


def _team(world):  # type: ignore[no-untyped-def]
    team = world.team()
    sup = world.user("supervisor", teams=[team])
    anna = world.user("toegangsmedewerker", teams=[team])
    bert = world.user("regisseur", teams=[team])
    return team, sup, anna, bert


class TestCaseloads:
    def test_counts_per_member(self, db, world) -> None:
        team, sup, anna, bert = _team(world)
        hh1 = world.household(anna, team=team)
        hh2 = world.household(anna, team=team)
        vraag(db, hh1, anna, datum=date(2026, 1, 5))  # Wmo onderzoek (6 weeks) long passed
        vraag(db, hh2, anna, status="afgesloten")
        regie(db, hh1, bert)
        regie(db, hh2, bert)
        outsider = world.user("toegangsmedewerker")  # not in the team: not listed
        rows = {r.gebruiker_id: r for r in caseload.caseloads(db, world.actor(sup), today=TODAY)}
        assert set(rows) == {anna.id, bert.id} and outsider.id not in rows
        assert rows[anna.id].open_vragen == 1 and rows[anna.id].regie_huishoudens == 0
        assert rows[anna.id].termijnen_verlopen >= 1
        assert rows[bert.id].open_vragen == 0 and rows[bert.id].regie_huishoudens == 2

    def test_only_supervisors(self, db, world) -> None:
        with pytest.raises(NotAllowed):
            caseload.caseloads(db, world.actor(world.user("toegangsmedewerker")))


class TestDrilldown:
    def test_member_werkvoorraad_and_items(self, db, world) -> None:
        team, sup, anna, _ = _team(world)
        hh = world.household(anna, team=team)
        v = vraag(db, hh, anna, datum=date(2026, 1, 5))
        d = caseload.member_werkvoorraad(db, world.actor(sup), gebruiker_id=anna.id, today=TODAY)
        assert [q["id"] for q in d.vragen] == [v.id]
        assert any(i.huishouden_id == hh.id for i in d.items)

    def test_someone_outside_the_team_is_not_found(self, db, world) -> None:
        _, sup, _, _ = _team(world)
        with pytest.raises(NotFound):
            caseload.member_werkvoorraad(db, world.actor(sup), gebruiker_id=world.user("toegangsmedewerker").id)


class TestReassign:
    def test_bulk_moves_items_relations_and_audits_the_reason(self, db, world) -> None:
        team, sup, anna, bert = _team(world)
        carla = world.user("toegangsmedewerker", "regisseur", teams=[team])
        hh1 = world.household(anna, team=team)
        hh2 = world.household(anna, team=team)
        v1 = vraag(db, hh1, anna)
        r2 = regie(db, hh2, bert)
        world.involve(hh2, bert, "regisseur")
        n = caseload.reassign(
            db,
            world.actor(sup),
            data=Herverdeling(
                items=[{"soort": "ondersteuningsvraag", "id": v1.id}, {"soort": "regieafspraak", "id": r2.id}],
                naar_gebruiker_id=carla.id,
                reden="Anna met verlof",
            ),
        )
        assert n == 2 and v1.behandelaar_id == carla.id and r2.regisseur_id == carla.id
        actief = {
            (b.huishouden_id, b.gebruiker_id, b.rol)
            for b in db.scalars(select(Betrokkenheid)).all()
            if b.einddatum is None or b.einddatum >= TODAY
        }
        assert (hh1.id, carla.id, "behandelaar") in actief and (hh1.id, anna.id, "behandelaar") not in actief
        assert (hh2.id, carla.id, "regisseur") in actief and (hh2.id, bert.id, "regisseur") not in actief
        evs = db.scalars(
            select(AuditEvent).where(AuditEvent.action == "update", AuditEvent.reason == "Anna met verlof")
        ).all()
        assert {(e.object_type, e.object_id, e.huishouden_id) for e in evs} == {
            ("ondersteuningsvraag", str(v1.id), hh1.id),
            ("regieafspraak", str(r2.id), hh2.id),
        }
        assert next(e for e in evs if e.object_type == "ondersteuningsvraag").changes == {
            "behandelaar_id": [anna.id, carla.id]
        }

    def test_target_must_be_in_the_team(self, db, world) -> None:
        team, sup, anna, _ = _team(world)
        v = vraag(db, world.household(anna, team=team), anna)
        with pytest.raises(ValidationError) as exc:
            caseload.reassign(
                db,
                world.actor(sup),
                data=Herverdeling(
                    items=[{"soort": "ondersteuningsvraag", "id": v.id}],
                    naar_gebruiker_id=world.user("toegangsmedewerker").id,
                    reden="Herverdeling",
                ),
            )
        assert "naar_gebruiker_id" in exc.value.errors and v.behandelaar_id == anna.id

    def test_nothing_changes_when_one_item_is_out_of_scope(self, db, world) -> None:
        team, sup, anna, bert = _team(world)
        v1 = vraag(db, world.household(anna, team=team), anna)
        other = world.user("toegangsmedewerker")
        v2 = vraag(db, world.household(other), other)  # another team's household
        with pytest.raises((NotFound, NotAllowed)):
            caseload.reassign(
                db,
                world.actor(sup),
                data=Herverdeling(
                    items=[
                        {"soort": "ondersteuningsvraag", "id": v1.id},
                        {"soort": "ondersteuningsvraag", "id": v2.id},
                    ],
                    naar_gebruiker_id=bert.id,
                    reden="Herverdeling",
                ),
            )
        assert v1.behandelaar_id == anna.id

    def test_reason_is_required(self) -> None:
        with pytest.raises(ValueError):
            Herverdeling(items=[{"soort": "ondersteuningsvraag", "id": 1}], naar_gebruiker_id=1, reden="")
