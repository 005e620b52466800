"""Household screens through the real app: login, search, dossier, members, refusals."""

from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.households.models import Lidmaatschap


class TestLoginPage:
    def test_login_with_password_sets_session_cookie(self, app_client, world) -> None:
        world.user("toegangsmedewerker", username="sanne")
        page = app_client.get("/login")
        assert page.status_code == 200 and "Inloggen" in page.text
        csrf = app_client.cookies.get("toegang_csrf")
        r = app_client.post(
            "/login", data={"username": "sanne", "password": "test-wachtwoord-123", "csrf_token": csrf, "next": "/"}
        )
        assert r.status_code == 303
        assert "toegang_sessie" in r.headers["set-cookie"]
        assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()

    def test_wrong_password_is_refused_and_audited(self, app_client, world, db) -> None:
        world.user("toegangsmedewerker", username="piet")
        app_client.get("/login")
        r = app_client.post(
            "/login",
            data={
                "username": "piet",
                "password": "fout-wachtwoord",
                "csrf_token": app_client.cookies.get("toegang_csrf"),
            },
        )
        assert r.status_code == 401
        assert "Onbekende gebruikersnaam of onjuist wachtwoord" in r.text
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "login_failed", AuditEvent.actor_username == "piet")
        )

    def test_five_failures_lock_the_account(self, app_client, world, db) -> None:
        u = world.user("toegangsmedewerker", username="klaas")
        app_client.get("/login")
        for _ in range(5):
            app_client.post(
                "/login",
                data={
                    "username": "klaas",
                    "password": "nope-nope-nope",
                    "csrf_token": app_client.cookies.get("toegang_csrf"),
                },
            )
        r = app_client.post(
            "/login",
            data={
                "username": "klaas",
                "password": "test-wachtwoord-123",
                "csrf_token": app_client.cookies.get("toegang_csrf"),
            },
        )
        assert r.status_code == 401 and "geblokkeerd" in r.text
        db.refresh(u)
        assert u.locked_until is not None
        assert db.scalar(select(AuditEvent).where(AuditEvent.action == "lockout"))

    def test_pages_need_login(self, app_client) -> None:
        r = app_client.get("/huishoudens")
        assert r.status_code == 303 and "/login" in r.headers["location"]


class TestDossier:
    def test_behandelaar_sees_dossier_and_the_view_is_audited(self, login, world, db) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u, achternaam="Bakker")
        r = login(u).get(f"/huishoudens/{hh.id}")
        assert r.status_code == 200 and "Bakker" in r.text
        assert db.scalar(select(AuditEvent).where(AuditEvent.action == "view", AuditEvent.huishouden_id == hh.id))

    def test_other_household_answers_not_found_and_is_audited(self, login, world, db) -> None:
        owner = world.user("toegangsmedewerker")
        other = world.user("toegangsmedewerker")
        hh = world.household(owner)
        r = login(other).get(f"/huishoudens/{hh.id}")
        assert r.status_code == 404 and "Niet gevonden of geen toegang" in r.text
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "access_denied", AuditEvent.actor_id == other.id)
        )

    def test_add_member_in_place_with_htmx(self, login, world, db) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        c = login(u)
        r = c.post(
            f"/huishoudens/{hh.id}/leden",
            headers={"HX-Request": "true"},
            data={
                "persoon.voornamen": "Lieke",
                "persoon.achternaam": "Bakker",
                "relatie": "kind",
                "begindatum": "2024-05-01",
            },
        )
        assert r.status_code == 200 and "Lieke" in r.text and "<html" not in r.text
        assert r.headers.get("HX-Trigger") == "huishouden-gewijzigd"

    def test_member_with_invalid_bsn_and_future_birth_is_refused(self, login, world, db) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        before = db.scalar(
            select(Lidmaatschap.id).where(Lidmaatschap.huishouden_id == hh.id).order_by(Lidmaatschap.id.desc())
        )
        r = login(u).post(
            f"/huishoudens/{hh.id}/leden",
            data={
                "persoon.voornamen": "X",
                "persoon.achternaam": "Y",
                "persoon.bsn": "123456789",
                "persoon.geboortedatum": "2999-01-01",
                "relatie": "kind",
                "begindatum": "2024-05-01",
            },
        )
        assert r.status_code == 422
        assert "elfproef" in r.text and "toekomst" in r.text
        after = db.scalar(
            select(Lidmaatschap.id).where(Lidmaatschap.huishouden_id == hh.id).order_by(Lidmaatschap.id.desc())
        )
        assert before == after

    def test_missing_csrf_token_is_refused(self, login, world) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(u)
        c = login(u)
        del c.headers["X-CSRF-Token"]
        r = c.post(f"/huishoudens/{hh.id}/leden", data={"relatie": "kind"})
        assert r.status_code == 403
