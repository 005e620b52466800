"""Beheer and catalogue API: bearer auth, reading for all roles, writes for the beheerder only, 422 shape."""

import pytest
from sqlalchemy import func, select

from app.domain.audit.models import AuditEvent
from app.domain.catalog.models import Product


@pytest.fixture()
def beheer_headers(world, api_token):
    return api_token(world.user("beheerder"))


PRODUCT = {
    "code": "WMO-BG1",
    "naam": "Begeleiding individueel",
    "wet": "Wmo",
    "productcategorie": "02",
    "iv3_taakveld": "6.71",
    "eenheid": "04",
    "frequentie": "2",
}


class TestAuthentication:
    @pytest.mark.parametrize("path", ["/api/v1/producten", "/api/v1/aanbieders", "/api/v1/gebruikers", "/api/v1/teams"])
    def test_without_token_401(self, app_client, path) -> None:
        r = app_client.get(path)
        assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"

    def test_wrong_token_401(self, app_client) -> None:
        r = app_client.get("/api/v1/producten", headers={"Authorization": "Bearer tg_niet-echt"})
        assert r.status_code == 401


class TestCatalogue:
    def test_beheerder_creates_reads_and_updates_product(self, app_client, beheer_headers, db) -> None:
        r = app_client.post("/api/v1/producten", json=PRODUCT, headers=beheer_headers)
        assert r.status_code == 201, r.text
        p = r.json()
        assert p["productcategorie_label"] == "Begeleiding" and p["version"] == 1
        r = app_client.put(
            f"/api/v1/producten/{p['id']}",
            json={**PRODUCT, "naam": "Begeleiding 1-op-1", "version": 1},
            headers=beheer_headers,
        )
        assert r.status_code == 200 and r.json()["version"] == 2
        r = app_client.put(f"/api/v1/producten/{p['id']}", json={**PRODUCT, "version": 1}, headers=beheer_headers)
        assert r.status_code == 409 and r.json()["code"] == "conflict"
        assert app_client.get(f"/api/v1/producten/{p['id']}", headers=beheer_headers).json()["naam"] == (
            "Begeleiding 1-op-1"
        )
        ev = db.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "product").order_by(AuditEvent.id.desc())
        ).first()
        assert ev.action == "update" and ev.purpose == "Functioneel beheer"

    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "regisseur", "supervisor", "auditor", "clientondersteuner"])
    def test_every_role_reads_but_may_not_write(self, app_client, world, api_token, beheer_headers, db, rol) -> None:
        app_client.post("/api/v1/producten", json=PRODUCT, headers=beheer_headers)
        headers = api_token(world.user(rol))
        r = app_client.get("/api/v1/producten", params={"wet": "Wmo"}, headers=headers)
        assert r.status_code == 200 and [p["code"] for p in r.json()] == ["WMO-BG1"]
        assert app_client.get("/api/v1/aanbieders", headers=headers).status_code == 200
        before = db.scalar(select(func.count()).select_from(Product))
        r = app_client.post("/api/v1/producten", json={**PRODUCT, "code": "WMO-X"}, headers=headers)
        assert r.status_code == 403 and r.json()["code"] == "forbidden"
        r = app_client.post("/api/v1/aanbieders", json={"naam": "X", "agb_code": "12345678"}, headers=headers)
        assert r.status_code == 403
        assert db.scalar(select(func.count()).select_from(Product)) == before

    def test_invalid_product_gives_structured_422(self, app_client, beheer_headers) -> None:
        r = app_client.post("/api/v1/producten", json={**PRODUCT, "productcategorie": "45"}, headers=beheer_headers)
        assert r.status_code == 422
        body = r.json()
        assert body["detail"] == [
            {
                "loc": ["body", "productcategorie"],
                "type": "value_error",
                "msg": "Deze productcategorie hoort niet bij de Wmo.",
            }
        ]
        r = app_client.post("/api/v1/producten", json={"code": "!!", "wet": "Zvw"}, headers=beheer_headers)
        assert r.status_code == 422
        fields = {tuple(d["loc"]) for d in r.json()["detail"]}
        assert {("body", "code"), ("body", "naam"), ("body", "wet")} <= fields
        assert all(isinstance(d["msg"], str) and d["msg"] for d in r.json()["detail"])

    def test_aanbieder_with_contracts(self, app_client, beheer_headers) -> None:
        p = app_client.post("/api/v1/producten", json=PRODUCT, headers=beheer_headers).json()
        r = app_client.post(
            "/api/v1/aanbieders", json={"naam": "Zorg BV", "agb_code": "98012345"}, headers=beheer_headers
        )
        assert r.status_code == 201
        a = r.json()
        url = f"/api/v1/aanbieders/{a['id']}/contracten"
        r = app_client.post(url, json={"product_id": p["id"], "begindatum": "2024-01-01"}, headers=beheer_headers)
        assert r.status_code == 201 and r.json()["status"] == "geldig"
        c = r.json()
        r = app_client.post(url, json={"product_id": p["id"], "begindatum": "2024-06-01"}, headers=beheer_headers)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "begindatum"]
        r = app_client.post(
            url,
            json={"product_id": p["id"], "begindatum": "2024-06-01", "einddatum": "2024-01-01"},
            headers=beheer_headers,
        )
        assert r.status_code == 422
        assert r.json()["detail"][0]["msg"] == "De einddatum ligt voor de begindatum."
        r = app_client.put(
            f"{url}/{c['id']}",
            json={"begindatum": "2024-01-01", "einddatum": "2024-12-31", "version": c["version"]},
            headers=beheer_headers,
        )
        assert r.status_code == 200 and r.json()["status"] == "beeindigd"
        listed = app_client.get(url, headers=beheer_headers).json()
        assert [x["einddatum"] for x in listed] == ["2024-12-31"]
        r = app_client.get("/api/v1/aanbieders", params={"product_id": p["id"]}, headers=beheer_headers)
        assert r.json() == []  # the only contract has ended
        r = app_client.post(
            "/api/v1/aanbieders", json={"naam": "Dubbel", "agb_code": "98012345"}, headers=beheer_headers
        )
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "agb_code"]

    def test_unknown_ids_are_404_and_huge_ids_422(self, app_client, beheer_headers) -> None:
        assert app_client.get("/api/v1/producten/999999", headers=beheer_headers).status_code == 404
        assert app_client.get("/api/v1/aanbieders/999999", headers=beheer_headers).status_code == 404
        assert app_client.get(f"/api/v1/producten/{2**40}", headers=beheer_headers).status_code == 422


class TestUsersAndTeams:
    def test_beheerder_manages_users_and_teams(self, app_client, beheer_headers, world) -> None:
        r = app_client.post(
            "/api/v1/teams", json={"naam": "Team API", "gemeente_id": world.gemeente.id}, headers=beheer_headers
        )
        assert r.status_code == 201
        team = r.json()
        r = app_client.post(
            "/api/v1/gebruikers",
            json={
                "username": "api.user",
                "naam": "Api Gebruiker",
                "rollen": ["regisseur"],
                "team_ids": [team["id"]],
                "wachtwoord": "lang-genoeg-wachtwoord",
            },
            headers=beheer_headers,
        )
        assert r.status_code == 201, r.text
        u = r.json()
        assert u["teams"] == ["Team API"] and "wachtwoord" not in u
        r = app_client.put(
            f"/api/v1/gebruikers/{u['id']}",
            json={
                "naam": "Api Gebruiker",
                "rollen": ["regisseur", "supervisor"],
                "team_ids": [team["id"]],
                "actief": True,
                "version": u["version"],
            },
            headers=beheer_headers,
        )
        assert r.status_code == 200 and r.json()["rollen"] == ["regisseur", "supervisor"]
        r = app_client.put(
            f"/api/v1/gebruikers/{u['id']}",
            json={"naam": "X", "rollen": ["auditor"], "version": u["version"]},
            headers=beheer_headers,
        )
        assert r.status_code == 409
        assert app_client.get(f"/api/v1/teams/{team['id']}", headers=beheer_headers).json()["leden"] == [
            "Api Gebruiker"
        ]
        r = app_client.post(
            f"/api/v1/gebruikers/{u['id']}/wachtwoord", json={"wachtwoord": "kort"}, headers=beheer_headers
        )
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "wachtwoord"]
        r = app_client.post(
            f"/api/v1/gebruikers/{u['id']}/wachtwoord",
            json={"wachtwoord": "nieuw-en-lang-genoeg"},
            headers=beheer_headers,
        )
        assert r.status_code == 204
        assert app_client.post(f"/api/v1/gebruikers/{u['id']}/deblokkeren", headers=beheer_headers).status_code == 200

    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "supervisor", "auditor"])
    def test_non_beheerder_gets_403(self, app_client, world, api_token, rol) -> None:
        headers = api_token(world.user(rol))
        assert app_client.get("/api/v1/gebruikers", headers=headers).status_code == 403
        r = app_client.post("/api/v1/teams", json={"naam": "Stiekem"}, headers=headers)
        assert r.status_code == 403 and r.json()["code"] == "forbidden"

    def test_invalid_user_body_is_422_with_dutch_messages(self, app_client, beheer_headers) -> None:
        r = app_client.post(
            "/api/v1/gebruikers",
            json={"username": "A B", "naam": "", "rollen": [], "wachtwoord": "kort"},
            headers=beheer_headers,
        )
        assert r.status_code == 422
        fields = {d["loc"][1] for d in r.json()["detail"]}
        assert {"username", "naam", "rollen", "wachtwoord"} <= fields
