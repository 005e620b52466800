"""Changing one's own password, and the forced change after a reset by the beheerder."""

from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.organisation import schemas as os_
from app.domain.organisation import service as org
from app.domain.organisation.security import verify_password
from tests.factories import PASSWORD


class TestForcedPasswordChange:
    def test_after_a_reset_every_page_leads_to_the_password_form_until_changed(self, login, world, db) -> None:
        beheer = world.user("beheerder")
        u = world.user("toegangsmedewerker")
        org.reset_password(
            db, world.actor(beheer), gebruiker_id=u.id, data=os_.WachtwoordReset(wachtwoord="tijdelijk-wachtwoord-1")
        )
        c = login(u)
        r = c.get("/huishoudens")
        assert r.status_code == 303 and r.headers["location"].endswith("/wachtwoord")
        bad = c.post("/wachtwoord", data={"huidig": "fout", "nieuw": "kort", "herhaling": "anders"})
        assert bad.status_code == 422
        assert "klopt niet" in bad.text and "12 tekens" in bad.text and "niet gelijk" in bad.text
        db.refresh(u)
        assert u.password_change_required
        ok = c.post(
            "/wachtwoord",
            data={
                "huidig": "tijdelijk-wachtwoord-1",
                "nieuw": "mijn-eigen-wachtwoord-9",
                "herhaling": "mijn-eigen-wachtwoord-9",
            },
        )
        assert ok.status_code == 303
        db.refresh(u)
        assert not u.password_change_required and verify_password("mijn-eigen-wachtwoord-9", u.password_hash)
        assert c.get("/huishoudens").status_code == 200
        ev = db.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "gebruiker", AuditEvent.object_id == str(u.id))
            .order_by(AuditEvent.id.desc())
        ).first()
        assert ev.changes == {"wachtwoord": ["***", "*** (zelf gewijzigd)"]}

    def test_without_a_reset_the_app_is_used_normally(self, login, world) -> None:
        u = world.user("toegangsmedewerker")
        assert login(u).get("/huishoudens").status_code == 200
        assert PASSWORD
