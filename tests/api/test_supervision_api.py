"""Supervision API: audit search, chain check, jobs, approvals and reassignment, with role checks."""

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.supervision import jobs
from tests.service.test_supervision_data import beschikking, vraag


@pytest.fixture(autouse=True)
def _inline(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(jobs, "RUN_INLINE", True)


class TestAuditApi:
    def test_search_and_chain(self, app_client, world, api_token, db) -> None:
        world.user("toegangsmedewerker", username="apidoel")
        h = api_token(world.user("auditor"))
        r = app_client.get("/api/v1/audit/events", params={"actie": "create"}, headers=h)
        assert r.status_code == 200 and r.json()["totaal"] >= 0 and "events" in r.json()
        r = app_client.post("/api/v1/audit/keten", headers=h)
        assert r.status_code == 200 and r.json()["ok"] is True
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "search", AuditEvent.object_type == "audit_event")
        )

    def test_invalid_criteria_422_and_role_403(self, app_client, world, api_token) -> None:
        h = api_token(world.user("auditor"))
        assert app_client.get("/api/v1/audit/events", headers=h).status_code == 422
        assert app_client.get("/api/v1/audit/events", params={"bsn": "1"}, headers=h).status_code == 422
        h2 = api_token(world.user("supervisor"))
        assert app_client.get("/api/v1/audit/events", params={"actie": "view"}, headers=h2).status_code == 403


class TestJobsApi:
    def test_start_poll_download(self, app_client, world, api_token) -> None:
        h = api_token(world.user("auditor"))
        r = app_client.post(
            "/api/v1/jobs",
            json={"soort": "rechtmatigheid", "params": {"van": "2026-01-01", "tot": "2026-11-23"}},
            headers=h,
        )
        assert r.status_code == 202
        job = app_client.get(f"/api/v1/jobs/{r.json()['id']}", headers=h).json()
        assert job["status"] == "done" and "controles" in job["samenvatting"]
        dl = app_client.get(f"/api/v1/jobs/{job['id']}/download", headers=h)
        assert dl.status_code == 200 and dl.content.decode("utf-8-sig").startswith("controle;")

    def test_bad_params_and_other_users(self, app_client, world, api_token) -> None:
        h = api_token(world.user("auditor"))
        assert (
            app_client.post("/api/v1/jobs", json={"soort": "rechtmatigheid", "params": {}}, headers=h).status_code
            == 422
        )
        assert app_client.post("/api/v1/jobs", json={"soort": "iets"}, headers=h).status_code == 422
        job = app_client.post("/api/v1/jobs", json={"soort": "audit_export", "params": {"actie": "login"}}, headers=h)
        h2 = api_token(world.user("supervisor"))
        assert app_client.get(f"/api/v1/jobs/{job.json()['id']}", headers=h2).status_code == 404
        assert (
            app_client.post(
                "/api/v1/jobs", json={"soort": "audit_export", "params": {"actie": "login"}}, headers=h2
            ).status_code
            == 403
        )


class TestApprovalsApi:
    def test_list_and_decide(self, app_client, world, api_token, db) -> None:
        team = world.team()
        sup = world.user("supervisor", teams=[team])
        anna = world.user("toegangsmedewerker", teams=[team])
        b = beschikking(db, vraag(db, world.household(anna, team=team), anna), status="ter_goedkeuring")
        h = api_token(sup)
        items = app_client.get("/api/v1/goedkeuringen", headers=h).json()
        assert [(i["soort"], i["id"]) for i in items] == [("beschikking", b.id)]
        r = app_client.post(
            "/api/v1/goedkeuringen", json={"soort": "beschikking", "id": b.id, "besluit": "afwijzen"}, headers=h
        )
        assert r.status_code == 422
        r = app_client.post(
            "/api/v1/goedkeuringen",
            json={"soort": "beschikking", "id": b.id, "besluit": "afwijzen", "notitie": "Niet onderbouwd"},
            headers=h,
        )
        assert r.status_code == 204 and b.status == "afgekeurd"
        assert app_client.get("/api/v1/goedkeuringen", headers=api_token(anna)).status_code == 403


class TestReassignApi:
    def test_reassign_and_caseload(self, app_client, world, api_token, db) -> None:
        team = world.team()
        sup = world.user("supervisor", teams=[team])
        anna = world.user("toegangsmedewerker", teams=[team])
        bert = world.user("toegangsmedewerker", teams=[team])
        v = vraag(db, world.household(anna, team=team), anna)
        h = api_token(sup)
        rows = app_client.get("/api/v1/caseload", headers=h).json()
        assert {r["gebruiker_id"]: r["open_vragen"] for r in rows}[anna.id] == 1
        r = app_client.post(
            "/api/v1/caseload/herverdelen",
            headers=h,
            json={
                "items": [{"soort": "ondersteuningsvraag", "id": v.id}],
                "naar_gebruiker_id": bert.id,
                "reden": "Verlof",
            },
        )
        assert r.status_code == 200 and r.json() == {"herverdeeld": 1} and v.behandelaar_id == bert.id
        r = app_client.post(
            "/api/v1/caseload/herverdelen",
            headers=h,
            json={"items": [], "naar_gebruiker_id": bert.id, "reden": "Verlof"},
        )
        assert r.status_code == 422
