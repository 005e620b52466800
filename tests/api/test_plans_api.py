"""Eén plan over the API: status codes per rule and per authorization."""

from sqlalchemy import select

from app.domain.plans.models import Plan


def _setup(world):
    team = world.team()
    reg = world.user("regisseur", teams=[team])
    hh = world.household(reg, team=team)
    return reg, hh


class TestPlanApi:
    def test_full_flow_and_refusals(self, app_client, api_token, world, db) -> None:
        reg, hh = _setup(world)
        h = api_token(reg)
        base = f"/api/v1/huishoudens/{hh.id}"
        r = app_client.post(f"{base}/plan", json={"situatie": "x"}, headers=h)
        assert r.status_code == 201, r.text
        assert app_client.post(f"{base}/plan", json={}, headers=h).status_code == 409
        r = app_client.post(f"{base}/plan/doelen", json={"woorden": ""}, headers=h)
        assert r.status_code == 422
        d = app_client.post(f"{base}/plan/doelen", json={"leefgebied": "financien", "woorden": "Rust"}, headers=h)
        assert d.status_code == 201
        start = r = app_client.get(f"{base}/plan", headers=h).json()["startdatum"]
        r = app_client.post(
            f"{base}/plan/doelen/{d.json()['id']}/acties", json={"wat": "Bel", "uiterlijk": "2000-01-01"}, headers=h
        )
        assert r.status_code == 422 and "uiterlijk" in r.text
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        stale = plan.version
        assert (
            app_client.put(
                f"{base}/plan", json={"version": stale, "startdatum": start, "situatie": "a"}, headers=h
            ).status_code
            == 200
        )
        assert (
            app_client.put(
                f"{base}/plan", json={"version": stale, "startdatum": start, "situatie": "b"}, headers=h
            ).status_code
            == 409
        )
        r = app_client.post(
            f"{base}/regie", json={"houder": "professional", "regisseur_id": reg.id, "betekenis": "x"}, headers=h
        )
        assert r.status_code == 201
        other = world.user("regisseur")
        r = app_client.post(
            f"{base}/regie", json={"houder": "professional", "regisseur_id": other.id, "betekenis": "y"}, headers=h
        )
        assert r.status_code == 409
        r = app_client.post(f"{base}/schaalbesluiten", json={"naar": 5, "reden": "Veiligheid"}, headers=h)
        assert r.status_code == 201 and r.json()["status"] == "wacht_op_goedkeuring"
        assert app_client.get(f"{base}/schaal", headers=h).json()["huidig"] is None

    def test_stranger_gets_404(self, app_client, api_token, world) -> None:
        _, hh = _setup(world)
        h = api_token(world.user("regisseur"))
        assert app_client.get(f"/api/v1/huishoudens/{hh.id}/plan", headers=h).status_code == 404
        assert app_client.post(f"/api/v1/huishoudens/{hh.id}/plan", json={}, headers=h).status_code == 404

    def test_ondersteuner_without_consent_gets_404(self, app_client, api_token, world) -> None:
        _, hh = _setup(world)
        h = api_token(world.user("clientondersteuner"))
        assert app_client.get(f"/api/v1/gedeeld/{hh.id}/plan", headers=h).status_code == 404
        assert app_client.get("/api/v1/gedeeld", headers=h).json() == []

    def test_consent_end_before_start_is_422(self, app_client, api_token, world) -> None:
        reg, hh = _setup(world)
        ond = world.user("clientondersteuner")
        r = app_client.post(
            f"/api/v1/huishoudens/{hh.id}/toestemmingen",
            headers=api_token(reg),
            json={
                "partij_soort": "clientondersteuner",
                "gebruiker_id": ond.id,
                "begindatum": "2026-05-01",
                "einddatum": "2026-04-01",
            },
        )
        assert r.status_code == 422
