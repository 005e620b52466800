"""Supervisor and auditor screens through the real app: approvals, caseload, reassignment, audit, jobs."""

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.households import service as hsvc
from app.domain.households.models import BreakTheGlass
from app.domain.supervision import jobs
from tests.service.test_supervision_data import beschikking, product, voorziening, vraag


@pytest.fixture(autouse=True)
def _inline(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(jobs, "RUN_INLINE", True)


def _team(world):  # type: ignore[no-untyped-def]
    team = world.team()
    sup = world.user("supervisor", teams=[team])
    anna = world.user("toegangsmedewerker", teams=[team])
    bert = world.user("toegangsmedewerker", teams=[team])
    return team, sup, anna, bert


class TestApprovalsPage:
    def test_lists_and_approves_a_beschikking_with_htmx(self, login, world, db) -> None:
        team, sup, anna, _ = _team(world)
        hh = world.household(anna, team=team)
        b = beschikking(db, vraag(db, hh, anna), status="ter_goedkeuring")
        c = login(sup)
        r = c.get("/goedkeuringen")
        assert r.status_code == 200 and b.nummer in r.text and 'name="csrf_token"' in r.text
        r = c.post(
            "/goedkeuringen",
            headers={"HX-Request": "true"},
            data={"soort": "beschikking", "id": b.id, "besluit": "goedkeuren", "notitie": "Prima"},
        )
        assert r.status_code == 200 and "<html" not in r.text and "Goedgekeurd" in r.text
        assert r.headers["HX-Trigger"] == "goedkeuring-besloten"
        assert b.goedgekeurd_door_id == sup.id

    def test_reject_without_note_is_refused_with_a_message(self, login, world, db) -> None:
        team, sup, anna, bert = _team(world)
        hh = world.household(anna, team=team)
        hsvc.break_the_glass(
            db, world.actor(world.user("toegangsmedewerker")), huishouden_id=hh.id, reden="Spoed, politie belde"
        )
        btg = db.scalar(select(BreakTheGlass))
        r = login(sup).post("/goedkeuringen", data={"soort": "break_the_glass", "id": btg.id, "besluit": "afwijzen"})
        assert r.status_code == 422 and "toelichting" in r.text and 'aria-invalid="true"' in r.text
        assert btg.beoordeling is None

    def test_plain_post_redirects(self, login, world, db) -> None:
        team, sup, anna, _ = _team(world)
        hh = world.household(anna, team=team)
        hsvc.break_the_glass(
            db, world.actor(world.user("toegangsmedewerker")), huishouden_id=hh.id, reden="Spoed, politie belde"
        )
        btg = db.scalar(select(BreakTheGlass))
        r = login(sup).post("/goedkeuringen", data={"soort": "break_the_glass", "id": btg.id, "besluit": "goedkeuren"})
        assert r.status_code == 303 and btg.beoordeling == "akkoord"

    def test_caseworker_gets_403(self, login, world) -> None:
        assert login(world.user("toegangsmedewerker")).get("/goedkeuringen").status_code == 403


class TestCaseloadPages:
    def test_overview_drilldown_and_bulk_reassign(self, login, world, db) -> None:
        team, sup, anna, bert = _team(world)
        v1 = vraag(db, world.household(anna, team=team), anna)
        v2 = vraag(db, world.household(anna, team=team), anna)
        c = login(sup)
        r = c.get("/caseload")
        assert r.status_code == 200 and anna.naam in r.text and f"/caseload/{anna.id}" in r.text
        r = c.get(f"/caseload/{anna.id}")
        assert r.status_code == 200 and f"ondersteuningsvraag:{v1.id}" in r.text
        r = c.post(
            f"/caseload/{anna.id}/herverdelen",
            headers={"HX-Request": "true"},
            data={
                "item": [f"ondersteuningsvraag:{v1.id}", f"ondersteuningsvraag:{v2.id}"],
                "naar_gebruiker_id": bert.id,
                "reden": "Verlof Anna",
            },
        )
        assert r.status_code == 200 and "2 items herverdeeld" in r.text and "<html" not in r.text
        assert v1.behandelaar_id == bert.id and v2.behandelaar_id == bert.id

    def test_reassign_without_reason_or_items_shows_errors(self, login, world, db) -> None:
        team, sup, anna, bert = _team(world)
        v1 = vraag(db, world.household(anna, team=team), anna)
        r = login(sup).post(f"/caseload/{anna.id}/herverdelen", data={"naar_gebruiker_id": bert.id, "reden": ""})
        assert r.status_code == 422 and "error-summary" in r.text
        assert v1.behandelaar_id == anna.id


class TestAuditPages:
    def test_search_shows_changes_and_is_audited(self, login, world, db) -> None:
        u = world.user("toegangsmedewerker", username="zoekdoel")
        world.household(u)
        auditor = world.user("auditor")
        r = login(auditor).get("/audit", params={"gebruiker": "zoekdoel", "actie": "create"})
        assert r.status_code == 200 and "zoekdoel" in r.text and "gevonden" in r.text
        assert db.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "search",
                AuditEvent.object_type == "audit_event",
                AuditEvent.actor_id == auditor.id,
            )
        )

    def test_invalid_bsn_is_a_field_error(self, login, world) -> None:
        r = login(world.user("auditor")).get("/audit", params={"bsn": "123"})
        assert r.status_code == 422 and 'aria-invalid="true"' in r.text

    def test_chain_check_partial(self, login, world) -> None:
        r = login(world.user("auditor")).post("/audit/keten", headers={"HX-Request": "true"})
        assert r.status_code == 200 and "OK" in r.text and "ms" in r.text and "<html" not in r.text

    def test_small_export_is_a_csv(self, login, world) -> None:
        world.user("toegangsmedewerker", username="csvdoel")
        r = login(world.user("auditor")).post("/audit/export", data={"actie": "create"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")

    def test_supervisor_may_not_search(self, login, world) -> None:
        assert login(world.user("supervisor")).get("/audit").status_code == 403


class TestRechtmatigheidAndJobPages:
    def test_start_report_follow_job_and_download(self, login, world, db) -> None:
        u = world.user("toegangsmedewerker")
        b = beschikking(db, vraag(db, world.household(u), u))
        voorziening(db, b, product(db), leveringsvorm="PGB", pgb=False)
        c = login(world.user("auditor"))
        assert c.get("/rechtmatigheid").status_code == 200
        r = c.post("/rechtmatigheid", data={"van": "2026-01-01", "tot": "2026-11-23"})
        assert r.status_code == 303
        status = c.get(r.headers["location"])
        assert status.status_code == 200 and "Klaar" in status.text
        job_id = int(r.headers["location"].rstrip("/").split("/")[-1])
        rapport = c.get("/rechtmatigheid", params={"job": job_id})
        assert "PGB zonder de drie voorwaarden" in rapport.text and f"/huishoudens/{b.huishouden_id}" in rapport.text
        dl = c.get(f"/rapporten/{job_id}/download")
        assert dl.status_code == 200 and "attachment" in dl.headers["content-disposition"]

    def test_polling_partial_while_running(self, login, world, db) -> None:
        auditor = world.user("auditor")
        from app.domain.supervision.models import Job

        job = Job(soort="audit_export", status="running", voortgang=40, params={}, aangemaakt_door_id=auditor.id)
        db.add(job)
        db.flush()
        r = login(auditor).get(f"/rapporten/{job.id}", headers={"HX-Request": "true"})
        assert 'hx-trigger="every 1s"' in r.text and "40%" in r.text and "<html" not in r.text

    def test_invalid_period_is_refused(self, login, world) -> None:
        r = login(world.user("auditor")).post("/rechtmatigheid", data={"van": "2026-05-01", "tot": "2026-01-01"})
        assert r.status_code == 422 and "einddatum" in r.text

    def test_someone_elses_job_is_not_found(self, login, world, db) -> None:
        auditor = world.user("auditor")
        job = jobs.start_job(db, world.actor(auditor), soort="audit_export", params={"actie": "login"})
        assert login(world.user("supervisor")).get(f"/rapporten/{job.id}").status_code == 404


class TestMonitoringPage:
    def test_export_form_and_job(self, login, world) -> None:
        c = login(world.user("supervisor"))
        assert c.get("/monitoring").status_code == 200
        r = c.post("/monitoring/gmsd", data={"van": "2026-01-01", "tot": "2026-11-23"})
        assert r.status_code == 303 and "/rapporten/" in r.headers["location"]
        assert login(world.user("toegangsmedewerker")).get("/monitoring").status_code == 403
