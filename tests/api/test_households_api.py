"""The households API end to end: every endpoint, token auth, 404 for the invisible, 422 and 409 that save nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.households.models import BreakTheGlass, Huishouden, Lidmaatschap, Netwerklid, Persoon
from app.domain.organisation.auth import actor_for, create_token, revoke_token
from app.domain.organisation.models import ApiToken
from tests.factories import valid_bsn

API = "/api/v1"


def _events(db, **where) -> list[AuditEvent]:
    q = select(AuditEvent)
    for k, v in where.items():
        q = q.where(getattr(AuditEvent, k) == v)
    return list(db.scalars(q.order_by(AuditEvent.id)).all())


def _counts(db) -> dict[str, int]:
    return {
        m.__name__: db.scalar(select(func.count()).select_from(m)) or 0
        for m in (Huishouden, Persoon, Lidmaatschap, Netwerklid, BreakTheGlass)
    }


def _new_household_body(world, **over) -> dict:
    body = {
        "gemeente_id": world.gemeente.id,
        "straat": "Hamstraat",
        "huisnummer": 12,
        "postcode": "6041jk",
        "woonplaats": "Roermond",
        "aanvrager": {
            "bsn": valid_bsn(90901),
            "voornamen": "Fatima",
            "achternaam": "El Amrani",
            "geboortedatum": "1985-03-14",
        },
    }
    body.update(over)
    return body


@pytest.fixture()
def setup(world, api_token, app_client):  # type: ignore[no-untyped-def]
    team = world.team()
    u = world.user("toegangsmedewerker", teams=[team])
    hh = world.household(u, team=team, achternaam="Jansen", bsn=valid_bsn(90077), postcode="6041 KB", huisnummer=5)
    app_client.headers.update(api_token(u))
    return u, hh, app_client


class TestTokenAuth:
    def test_no_token_answers_401(self, app_client) -> None:
        r = app_client.get(f"{API}/huishoudens")
        assert r.status_code == 401
        assert r.headers["www-authenticate"] == "Bearer"

    def test_unknown_token_answers_401(self, app_client) -> None:
        r = app_client.get(f"{API}/me", headers={"Authorization": "Bearer tg_nonsense"})
        assert r.status_code == 401

    def test_revoked_token_answers_401(self, app_client, world, db) -> None:
        u = world.user("toegangsmedewerker")
        token, t = create_token(db, actor_for(u), naam="test", geldig_dagen=30)
        h = {"Authorization": f"Bearer {token}"}
        assert app_client.get(f"{API}/me", headers=h).status_code == 200
        revoke_token(db, actor_for(u), token_id=t.id)
        assert app_client.get(f"{API}/me", headers=h).status_code == 401

    def test_expired_token_answers_401(self, app_client, world, db) -> None:
        u = world.user("toegangsmedewerker")
        token, _ = create_token(db, actor_for(u), naam="kort", geldig_dagen=1)
        h = {"Authorization": f"Bearer {token}"}
        assert app_client.get(f"{API}/me", headers=h).status_code == 200
        clock.freeze(datetime.now(UTC) + timedelta(days=2))
        assert app_client.get(f"{API}/me", headers=h).status_code == 401

    def test_inactive_user_token_answers_401(self, app_client, world, db, api_token) -> None:
        u = world.user("toegangsmedewerker")
        h = api_token(u)
        u.actief = False
        db.flush()
        assert app_client.get(f"{API}/me", headers=h).status_code == 401


class TestMeAndTokens:
    def test_me_shows_the_actor(self, app_client, world, api_token) -> None:
        u = world.user("regisseur", "toegangsmedewerker", username="marieke")
        r = app_client.get(f"{API}/me", headers=api_token(u))
        assert r.status_code == 200
        assert r.json() == {"username": "marieke", "naam": u.naam, "rollen": ["regisseur", "toegangsmedewerker"]}

    def test_list_own_tokens_without_the_secret(self, app_client, world, api_token) -> None:
        u = world.user("toegangsmedewerker")
        h = api_token(u)
        r = app_client.get(f"{API}/tokens", headers=h)
        assert r.status_code == 200
        [t] = r.json()
        assert t["naam"] == "test" and t["prefix"].startswith("tg_") and "token" not in t
        assert h["Authorization"].removeprefix("Bearer ").startswith(t["prefix"])

    def test_revoke_own_token_is_audited_and_ends_access(self, app_client, world, db, api_token) -> None:
        u = world.user("toegangsmedewerker")
        h = api_token(u)
        [t] = app_client.get(f"{API}/tokens", headers=h).json()
        r = app_client.delete(f"{API}/tokens/{t['id']}", headers=h)
        assert r.status_code == 204
        assert db.get(ApiToken, t["id"]).revoked_at is not None
        ev = _events(db, object_type="api_token", object_id=str(t["id"]), action="update")
        assert ev and ev[-1].changes == {"revoked": [False, True]} and ev[-1].actor_id == u.id
        assert app_client.get(f"{API}/me", headers=h).status_code == 401

    def test_someone_elses_token_answers_404(self, app_client, world, db, api_token) -> None:
        a = world.user("toegangsmedewerker")
        b = world.user("toegangsmedewerker")
        _, tb = create_token(db, actor_for(b), naam="van b", geldig_dagen=5)
        r = app_client.delete(f"{API}/tokens/{tb.id}", headers=api_token(a))
        assert r.status_code == 404
        assert db.get(ApiToken, tb.id).revoked_at is None


class TestListAndSearch:
    def test_list_shows_own_and_team_households(self, setup, world) -> None:
        u, hh, c = setup
        other = world.household(world.user("toegangsmedewerker"), achternaam="Vreemd")
        r = c.get(f"{API}/huishoudens")
        assert r.status_code == 200
        ids = {x["id"]: x for x in r.json()}
        assert hh.id in ids and other.id not in ids
        assert ids[hh.id]["toegang"] == "inhoud" and ids[hh.id]["adres"].startswith("Markt 5")

    def test_search_by_bsn_postcode_and_name(self, setup, db) -> None:
        u, hh, c = setup
        by_bsn = c.get(f"{API}/huishoudens/zoeken", params={"bsn": valid_bsn(90077)})
        by_adres = c.get(f"{API}/huishoudens/zoeken", params={"postcode": "6041kb", "huisnummer": "5"})
        by_naam = c.get(f"{API}/huishoudens/zoeken", params={"q": "jans"})
        for r in (by_bsn, by_adres, by_naam):
            assert r.status_code == 200, r.text
            assert hh.id in [x["id"] for x in r.json()]
        ev = _events(db, action="search", actor_id=u.id)
        assert len(ev) == 3 and ev[0].changes["criteria"] == {"bsn": valid_bsn(90077)}

    def test_search_outside_relation_is_a_bare_hit(self, setup, world) -> None:
        u, hh, c = setup
        owner = world.user("toegangsmedewerker")
        other = world.household(owner, bsn=valid_bsn(90078), achternaam="Elders")
        [hit] = c.get(f"{API}/huishoudens/zoeken", params={"bsn": valid_bsn(90078)}).json()
        assert hit["id"] == other.id and hit["toegang"] == "zoektreffer"
        assert hit["adres"] == "—" and hit["schaalniveau"] is None and owner.naam in hit["contact"]
        # A name is not an identifier one must already know: no hit outside the row scope.
        assert c.get(f"{API}/huishoudens/zoeken", params={"q": "Elders"}).json() == []

    def test_search_with_invalid_criteria_answers_422_in_dutch(self, setup) -> None:
        _, _, c = setup
        r = c.get(f"{API}/huishoudens/zoeken", params={"bsn": "123456789", "postcode": "12"})
        assert r.status_code == 422
        errs = {tuple(d["loc"]): d["msg"] for d in r.json()["detail"]}
        assert "elfproef" in errs[("query", "bsn")]
        assert "1234 AB" in errs[("query", "postcode")]


class TestDossier:
    def test_get_dossier_is_audited_as_view(self, setup, db) -> None:
        u, hh, c = setup
        r = c.get(f"{API}/huishoudens/{hh.id}")
        assert r.status_code == 200
        body = r.json()
        assert body["id"] == hh.id and body["version"] == hh.version
        assert body["leden"][0]["relatie"] == "aanvrager" and body["leden"][0]["persoon"]["bsn"] == valid_bsn(90077)
        assert body["betrokkenen"][0]["gebruiker_id"] == u.id
        [ev] = _events(db, action="view", huishouden_id=hh.id, object_type="huishouden")
        assert ev.actor_id == u.id and ev.purpose

    def test_invisible_household_answers_404_and_is_audited(self, app_client, world, db, api_token) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        stranger = world.user("toegangsmedewerker")
        r = app_client.get(f"{API}/huishoudens/{hh.id}", headers=api_token(stranger))
        assert r.status_code == 404
        assert r.json() == {"detail": "Niet gevonden of geen toegang.", "code": "not_found"}
        [ev] = _events(db, action="access_denied", actor_id=stranger.id)
        assert ev.huishouden_id == hh.id and "lezen" in ev.reason
        assert not _events(db, action="view", actor_id=stranger.id)

    def test_nonexistent_household_answers_the_same_404_and_is_audited(self, setup, db) -> None:
        u, _, c = setup
        r = c.get(f"{API}/huishoudens/999999")
        assert r.status_code == 404 and r.json()["code"] == "not_found"
        [ev] = _events(db, action="access_denied", actor_id=u.id)
        assert ev.object_id == "999999"

    def test_write_on_invisible_household_answers_404_and_saves_nothing(self, app_client, world, db, api_token) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        stranger = world.user("toegangsmedewerker")
        before = _counts(db)
        r = app_client.post(
            f"{API}/huishoudens/{hh.id}/netwerk",
            headers=api_token(stranger),
            json={"naam": "Buurvrouw", "relatie": "buur"},
        )
        assert r.status_code == 404
        assert _counts(db) == before
        assert _events(db, action="access_denied", actor_id=stranger.id)

    def test_auditor_reads_but_may_not_write(self, app_client, world, db, api_token) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        auditor = world.user("auditor")
        h = api_token(auditor)
        assert app_client.get(f"{API}/huishoudens/{hh.id}", headers=h).status_code == 200
        r = app_client.post(f"{API}/huishoudens/{hh.id}/netwerk", headers=h, json={"naam": "X", "relatie": "buur"})
        assert r.status_code == 403 and r.json()["code"] == "forbidden"
        assert _events(db, action="access_denied", actor_id=auditor.id)


class TestCreateAndUpdate:
    def test_create_household(self, setup, world, db) -> None:
        u, _, c = setup
        r = c.post(f"{API}/huishoudens", json=_new_household_body(world))
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["postcode"] == "6041JK" and body["naam"] == "Huishouden El Amrani"
        assert body["leden"][0]["persoon"]["achternaam"] == "El Amrani"
        assert [b["gebruiker_id"] for b in body["betrokkenen"]] == [u.id]
        creates = _events(db, action="create", huishouden_id=body["id"])
        assert {e.object_type for e in creates} == {"huishouden", "persoon"}
        assert creates[0].changes["postcode"] == [None, "6041JK"]

    def test_supervisor_may_not_create(self, app_client, world, db, api_token) -> None:
        before = _counts(db)
        r = app_client.post(
            f"{API}/huishoudens", headers=api_token(world.user("supervisor")), json=_new_household_body(world)
        )
        assert r.status_code == 403
        assert _counts(db) == before

    def test_update_household(self, setup, world, db) -> None:
        u, hh, c = setup
        d = c.get(f"{API}/huishoudens/{hh.id}").json()
        body = {k: d[k] for k in ("naam", "straat", "huisnummer", "postcode", "woonplaats", "gemeente_id", "team_id")}
        body.update(straat="Steenweg", veiligheidszorg=True, version=d["version"])
        r = c.put(f"{API}/huishoudens/{hh.id}", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["straat"] == "Steenweg" and r.json()["version"] == d["version"] + 1
        [ev] = _events(db, action="update", object_type="huishouden", huishouden_id=hh.id)
        assert ev.changes == {"straat": ["Markt", "Steenweg"], "veiligheidszorg": [False, True]}

    def test_update_persoon(self, setup, db) -> None:
        u, hh, c = setup
        p = c.get(f"{API}/huishoudens/{hh.id}").json()["leden"][0]["persoon"]
        body = {k: p[k] for k in ("bsn", "voornamen", "achternaam", "geboortedatum", "version")}
        body["telefoon"] = "0475-123456"
        r = c.put(f"{API}/huishoudens/{hh.id}/personen/{p['id']}", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["telefoon"] == "0475-123456"
        [ev] = _events(db, action="update", object_type="persoon", object_id=str(p["id"]))
        assert ev.changes == {"telefoon": [None, "0475-123456"]}

    def test_persoon_of_another_household_answers_404(self, setup, world) -> None:
        u, hh, c = setup
        elders = world.household(u)
        p = c.get(f"{API}/huishoudens/{elders.id}").json()["leden"][0]["persoon"]
        body = {"voornamen": "X", "achternaam": "Y", "version": p["version"]}
        assert c.put(f"{API}/huishoudens/{hh.id}/personen/{p['id']}", json=body).status_code == 404


class TestMembers:
    def test_add_new_member_and_end_it(self, setup, db) -> None:
        u, hh, c = setup
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden",
            json={
                "persoon": {"voornamen": "Daan", "achternaam": "Jansen", "geboortedatum": "2012-06-01"},
                "relatie": "kind",
                "begindatum": "2024-01-01",
            },
        )
        assert r.status_code == 201, r.text
        lid = r.json()
        assert lid["actief"] and lid["persoon"]["naam"] == "Daan Jansen"
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden/{lid['id']}/beeindigen",
            json={"einddatum": "2025-01-31", "version": lid["version"]},
        )
        assert r.status_code == 204
        leden = {m["id"]: m for m in c.get(f"{API}/huishoudens/{hh.id}").json()["leden"]}
        assert leden[lid["id"]]["einddatum"] == "2025-01-31" and not leden[lid["id"]]["actief"]
        ev = _events(db, object_type="lidmaatschap", object_id=str(lid["id"]))
        assert [e.action for e in ev] == ["create", "update"]
        assert ev[1].changes == {"einddatum": [None, "2025-01-31"]}

    def test_add_existing_person_from_a_visible_household(self, setup, world) -> None:
        u, hh, c = setup
        elders = world.household(u)
        p = c.get(f"{API}/huishoudens/{elders.id}").json()["leden"][0]["persoon"]
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden",
            json={"persoon_id": p["id"], "relatie": "partner", "begindatum": "2024-02-01"},
        )
        assert r.status_code == 201 and r.json()["persoon"]["id"] == p["id"]

    def test_person_of_an_invisible_household_cannot_be_fished_by_id(self, setup, world, db) -> None:
        u, hh, c = setup
        verborgen = world.household(world.user("toegangsmedewerker"))
        pid = db.scalar(select(Lidmaatschap.persoon_id).where(Lidmaatschap.huishouden_id == verborgen.id))
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden",
            json={"persoon_id": pid, "relatie": "overig", "begindatum": "2024-02-01"},
        )
        assert r.status_code == 422
        assert r.json()["detail"][0]["loc"] == ["body", "persoon_id"]


class TestNetwork:
    def test_add_and_update_network_member(self, setup, db) -> None:
        u, hh, c = setup
        r = c.post(
            f"{API}/huishoudens/{hh.id}/netwerk",
            json={"naam": "Henk Jansen", "relatie": "mantelzorger", "draagkracht": 3, "draaglast": 2},
        )
        assert r.status_code == 201, r.text
        n = r.json()
        assert not n["overbelast"]
        body = {k: n[k] for k in ("naam", "relatie", "draagkracht", "mag_betrokken_worden", "version")}
        body["draaglast"] = 5
        r = c.put(f"{API}/huishoudens/{hh.id}/netwerk/{n['id']}", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["overbelast"] and r.json()["version"] == n["version"] + 1
        ev = _events(db, object_type="netwerklid", object_id=str(n["id"]))
        assert [e.action for e in ev] == ["create", "update"] and ev[1].changes == {"draaglast": [2, 5]}


class TestBreakTheGlass:
    def test_break_the_glass_opens_the_dossier_and_is_logged(self, setup, world, db) -> None:
        u, _, c = setup
        other = world.household(world.user("toegangsmedewerker"))
        assert c.get(f"{API}/huishoudens/{other.id}").status_code == 404
        r = c.post(
            f"{API}/huishoudens/{other.id}/doorbreken", json={"reden": "Waarneming voor zieke collega, spoedvraag"}
        )
        assert r.status_code == 204
        assert c.get(f"{API}/huishoudens/{other.id}").status_code == 200
        [ev] = _events(db, action="break_the_glass", actor_id=u.id)
        assert ev.reason == "Waarneming voor zieke collega, spoedvraag" and ev.huishouden_id == other.id
        views = _events(db, action="view", actor_id=u.id, huishouden_id=other.id)
        assert views[-1].reason == "break-the-glass"

    def test_reason_too_short_answers_422_and_opens_nothing(self, setup, world, db) -> None:
        u, _, c = setup
        other = world.household(world.user("toegangsmedewerker"))
        r = c.post(f"{API}/huishoudens/{other.id}/doorbreken", json={"reden": "even"})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "reden"]
        assert db.scalar(select(func.count()).select_from(BreakTheGlass)) == 0
        assert c.get(f"{API}/huishoudens/{other.id}").status_code == 404

    def test_auditor_cannot_break_the_glass(self, app_client, world, db, api_token) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        a = world.user("auditor")
        r = app_client.post(f"{API}/huishoudens/{hh.id}/doorbreken", headers=api_token(a), json={"reden": "x" * 20})
        assert r.status_code == 404
        assert _events(db, action="access_denied", actor_id=a.id)


def _errors(r) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["message"] == "Controleer de gemarkeerde velden."
    return {".".join(str(p) for p in d["loc"]): d["msg"] for d in body["detail"]}


class TestBadInputSavesNothing:
    @pytest.mark.parametrize(
        ("change", "field", "fragment"),
        [
            (
                {"aanvrager": {"bsn": "123456789", "voornamen": "A", "achternaam": "B"}},
                "body.aanvrager.bsn",
                "elfproef",
            ),
            ({"postcode": "60411KB"}, "body.postcode", "1234 AB"),
            (
                {"aanvrager": {"voornamen": "A", "achternaam": "B", "geboortedatum": "2999-01-01"}},
                "body.aanvrager.geboortedatum",
                "toekomst",
            ),
            ({"straat": "  "}, "body.straat", "verplicht"),
            ({"aanvrager": {"voornamen": "A", "achternaam": ""}}, "body.aanvrager.achternaam", "verplicht"),
            ({"huisnummer": "twaalf"}, "body.huisnummer", "geheel getal"),
        ],
    )
    def test_create_household_with_bad_input(self, setup, world, db, change, field, fragment) -> None:
        _, _, c = setup
        before, events = _counts(db), len(_events(db))
        errs = _errors(c.post(f"{API}/huishoudens", json=_new_household_body(world, **change)))
        assert fragment in errs[field]
        assert _counts(db) == before and len(_events(db)) == events

    def test_missing_required_fields_are_all_named(self, setup, db) -> None:
        _, _, c = setup
        before = _counts(db)
        errs = _errors(c.post(f"{API}/huishoudens", json={}))
        assert {"body.straat", "body.postcode", "body.gemeente_id", "body.aanvrager"} <= set(errs)
        assert errs["body.straat"] == "Dit veld is verplicht."
        assert _counts(db) == before

    def test_end_before_start_is_refused(self, setup, db) -> None:
        u, hh, c = setup
        lid = c.get(f"{API}/huishoudens/{hh.id}").json()["leden"][0]
        before, events = _counts(db), len(_events(db))
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden/{lid['id']}/beeindigen",
            json={"einddatum": "1999-12-31", "version": lid["version"]},
        )
        assert "vóór de begindatum" in _errors(r)["body.einddatum"]
        assert _counts(db) == before and len(_events(db)) == events
        assert db.get(Lidmaatschap, lid["id"]).einddatum is None

    def test_update_persoon_with_invalid_bsn_and_future_birth(self, setup, db) -> None:
        u, hh, c = setup
        p = c.get(f"{API}/huishoudens/{hh.id}").json()["leden"][0]["persoon"]
        body = {"voornamen": "Test", "achternaam": "Jansen", "bsn": "111111111", "version": p["version"]}
        body["geboortedatum"] = (date.today() + timedelta(days=3)).isoformat()
        errs = _errors(c.put(f"{API}/huishoudens/{hh.id}/personen/{p['id']}", json=body))
        assert "elfproef" in errs["body.bsn"] and "toekomst" in errs["body.geboortedatum"]
        db.expire_all()
        assert db.get(Persoon, p["id"]).bsn == valid_bsn(90077)

    def test_network_member_with_out_of_range_draaglast(self, setup, db) -> None:
        u, hh, c = setup
        before = _counts(db)
        errs = _errors(
            c.post(f"{API}/huishoudens/{hh.id}/netwerk", json={"naam": "", "relatie": "buur", "draaglast": 9})
        )
        assert errs["body.naam"] == "Dit veld is verplicht." and "5" in errs["body.draaglast"]
        assert _counts(db) == before

    def test_ids_beyond_the_database_range_are_not_a_server_error(self, setup, world, db) -> None:
        # Found by the fuzzer: 2**63 overflowed the driver (500) before ids were range-checked.
        u, hh, c = setup
        huge = 2**63
        before = _counts(db)
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden", json={"persoon_id": huge, "relatie": "kind", "begindatum": "2024-01-01"}
        )
        assert _errors(r)["body.persoon_id"] == "De waarde mag hoogstens 2147483647 zijn."
        errs = _errors(c.post(f"{API}/huishoudens", json=_new_household_body(world, gemeente_id=huge, team_id=huge)))
        assert set(errs) == {"body.gemeente_id", "body.team_id"}
        assert c.get(f"{API}/huishoudens/{huge}").status_code == 422
        r = c.get(f"{API}/huishoudens/zoeken", params={"postcode": "6041KB", "huisnummer": "9999999999"})
        assert r.status_code == 422 and "2147483647" in r.json()["detail"][0]["msg"]
        assert _counts(db) == before

    def test_malformed_json_gets_fastapis_own_422(self, setup, db) -> None:
        _, _, c = setup
        before = _counts(db)
        r = c.post(f"{API}/huishoudens", content=b"{not json", headers={"Content-Type": "application/json"})
        assert r.status_code == 422
        assert r.json()["detail"][0]["type"] == "json_invalid"
        assert _counts(db) == before


class TestStaleVersion:
    def test_second_save_of_the_same_household_gets_409_and_overwrites_nothing(
        self, setup, world, api_token, db
    ) -> None:
        u, hh, c = setup
        colleague = world.user("toegangsmedewerker")
        world.involve(hh, colleague, "teamlid")
        h1, h2 = dict(c.headers), api_token(colleague)
        d = c.get(f"{API}/huishoudens/{hh.id}").json()
        base = {k: d[k] for k in ("naam", "straat", "huisnummer", "postcode", "woonplaats", "gemeente_id", "team_id")}
        base["version"] = d["version"]
        first = c.put(f"{API}/huishoudens/{hh.id}", headers=h1, json={**base, "straat": "Eerste straat"})
        assert first.status_code == 200
        events = len(_events(db))
        second = c.put(f"{API}/huishoudens/{hh.id}", headers=h2, json={**base, "straat": "Tweede straat"})
        assert second.status_code == 409
        assert second.json()["code"] == "conflict" and "Iemand anders" in second.json()["detail"]
        db.expire_all()
        assert db.get(Huishouden, hh.id).straat == "Eerste straat"
        assert len(_events(db)) == events

    def test_stale_network_member_and_membership_get_409(self, setup, db) -> None:
        u, hh, c = setup
        n = c.post(f"{API}/huishoudens/{hh.id}/netwerk", json={"naam": "Buur", "relatie": "buur"}).json()
        ok = c.put(
            f"{API}/huishoudens/{hh.id}/netwerk/{n['id']}",
            json={"naam": "Buur 1", "relatie": "buur", "version": n["version"]},
        )
        assert ok.status_code == 200
        stale = c.put(
            f"{API}/huishoudens/{hh.id}/netwerk/{n['id']}",
            json={"naam": "Buur 2", "relatie": "buur", "version": n["version"]},
        )
        assert stale.status_code == 409
        lid = c.get(f"{API}/huishoudens/{hh.id}").json()["leden"][0]
        r = c.post(
            f"{API}/huishoudens/{hh.id}/leden/{lid['id']}/beeindigen",
            json={"einddatum": "2030-01-01", "version": lid["version"] + 7},
        )
        assert r.status_code == 409
        db.expire_all()
        assert db.get(Netwerklid, n["id"]).naam == "Buur 1"
        assert db.get(Lidmaatschap, lid["id"]).einddatum is None
