"""Two people saving the same record on the screens: the second gets the Dutch conflict message,
and nothing of the first save is overwritten (version column)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.households.models import Huishouden, Netwerklid
from app.domain.organisation.auth import start_session

CONFLICT = "Iemand anders heeft dit gegeven intussen gewijzigd"


def _second_client(app_client: TestClient, db, user) -> TestClient:  # type: ignore[no-untyped-def]
    """Another browser: its own cookie jar and session, the same app (and test transaction)."""
    c = TestClient(app_client.app, follow_redirects=False)
    token, sessie = start_session(db, user, request_id="test", client_addr="testclient")
    c.cookies.set("toegang_sessie", token)
    c.headers["X-CSRF-Token"] = sessie.csrf_token
    return c


def _version_in(html: str) -> str:
    m = re.search(r'name="version" value="(\d+)"', html)
    assert m, "the edit form carries the version it was read at"
    return m.group(1)


def _household_form(hh: Huishouden, version: str, **over: str) -> dict[str, str]:
    data = {
        "naam": hh.naam,
        "straat": hh.straat,
        "huisnummer": str(hh.huisnummer),
        "postcode": hh.postcode,
        "woonplaats": hh.woonplaats,
        "gemeente_id": str(hh.gemeente_id),
        "team_id": str(hh.team_id or ""),
        "version": version,
    }
    data.update(over)
    return data


class TestTwoPeopleEditTheSameHousehold:
    def test_second_save_gets_the_conflict_message_and_overwrites_nothing(self, app_client, login, world, db) -> None:
        team = world.team()
        anna = world.user("toegangsmedewerker", teams=[team])
        bram = world.user("regisseur", teams=[team])
        hh = world.household(anna, team=team)
        world.involve(hh, bram, "regisseur")
        c_bram = _second_client(app_client, db, bram)
        c_anna = login(anna)

        # Both open the edit form at the same version.
        v_anna = _version_in(c_anna.get(f"/huishoudens/{hh.id}/bewerken").text)
        v_bram = _version_in(c_bram.get(f"/huishoudens/{hh.id}/bewerken").text)
        assert v_anna == v_bram

        r1 = c_anna.post(f"/huishoudens/{hh.id}/bewerken", data=_household_form(hh, v_anna, straat="Annastraat"))
        assert r1.status_code == 303
        updates = db.scalars(select(AuditEvent).where(AuditEvent.action == "update", AuditEvent.huishouden_id == hh.id))
        n_updates = len(updates.all())

        r2 = c_bram.post(
            f"/huishoudens/{hh.id}/bewerken",
            data=_household_form(hh, v_bram, straat="Bramlaan", veiligheidszorg="on"),
        )
        assert r2.status_code == 409
        assert CONFLICT in r2.text and 'role="alert"' in r2.text
        assert "Bramlaan" in r2.text  # what Bram typed is still on his screen, to re-enter

        db.expire_all()
        fresh = db.get(Huishouden, hh.id)
        assert fresh.straat == "Annastraat" and fresh.veiligheidszorg is False
        assert fresh.version == int(v_anna) + 1
        assert (
            len(
                db.scalars(
                    select(AuditEvent).where(AuditEvent.action == "update", AuditEvent.huishouden_id == hh.id)
                ).all()
            )
            == n_updates
        )

    def test_after_reloading_the_second_person_can_save(self, app_client, login, world, db) -> None:
        anna = world.user("toegangsmedewerker")
        bram = world.user("toegangsmedewerker")
        hh = world.household(anna)
        world.involve(hh, bram, "teamlid")
        c_bram = _second_client(app_client, db, bram)
        c_anna = login(anna)
        v = _version_in(c_anna.get(f"/huishoudens/{hh.id}/bewerken").text)
        assert (
            c_anna.post(f"/huishoudens/{hh.id}/bewerken", data=_household_form(hh, v, wijk="Centrum")).status_code
            == 303
        )
        assert (
            c_bram.post(f"/huishoudens/{hh.id}/bewerken", data=_household_form(hh, v, wijk="Oost")).status_code == 409
        )
        v2 = _version_in(c_bram.get(f"/huishoudens/{hh.id}/bewerken").text)
        assert v2 == str(int(v) + 1)
        r = c_bram.post(f"/huishoudens/{hh.id}/bewerken", data=_household_form(hh, v2, wijk="Oost"))
        assert r.status_code == 303
        db.expire_all()
        assert db.get(Huishouden, hh.id).wijk == "Oost"


class TestTwoPeopleEditTheSameNetworkMember:
    def test_second_save_gets_the_conflict_message(self, app_client, login, world, db) -> None:
        anna = world.user("toegangsmedewerker")
        bram = world.user("toegangsmedewerker")
        hh = world.household(anna)
        world.involve(hh, bram, "teamlid")
        c_bram = _second_client(app_client, db, bram)
        c_anna = login(anna)
        r = c_anna.post(f"/huishoudens/{hh.id}/netwerk", data={"naam": "Els", "relatie": "mantelzorger"})
        assert r.status_code == 303
        nid = db.scalar(select(Netwerklid.id).where(Netwerklid.huishouden_id == hh.id))
        url = f"/huishoudens/{hh.id}/netwerk/{nid}"
        v = _version_in(c_anna.get(url).text)
        assert _version_in(c_bram.get(url).text) == v
        base = {"naam": "Els", "relatie": "mantelzorger", "version": v}
        assert c_anna.post(url, data={**base, "draagkracht": "2", "draaglast": "4"}).status_code == 303
        r2 = c_bram.post(url, data={**base, "draagkracht": "5", "draaglast": "1"})
        assert r2.status_code == 409 and CONFLICT in r2.text
        db.expire_all()
        n = db.get(Netwerklid, nid)
        assert (n.draagkracht, n.draaglast) == (2, 4)
