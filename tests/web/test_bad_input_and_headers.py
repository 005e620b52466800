"""Bad input answers 4xx with a Dutch message and saves nothing; security headers on every response
(issue 9, holes 10 and 13)."""

import re

from sqlalchemy import func, select

from app.domain.audit.models import AuditEvent
from app.domain.households.models import BreakTheGlass, Huishouden
from app.domain.toegang.schemas import MeldingCreate

API = "/api/v1"
TOO_BIG = 2**31


def _n(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(func.count()).select_from(model))


class TestNulBytes:
    def test_in_a_web_query(self, world, login) -> None:
        c = login(world.user("toegangsmedewerker"))
        r = c.get("/huishoudens", params={"q": "Jan\x00sen"})
        assert r.status_code == 422 and "NUL" in r.text and "<html" in r.text

    def test_in_an_api_query(self, world, app_client, api_token) -> None:
        r = app_client.get(f"{API}/huishoudens/zoeken?q=Jan%00sen", headers=api_token(world.user("toegangsmedewerker")))
        assert r.status_code == 422
        assert r.json()["detail"][0]["loc"] == ["query"] and "NUL" in r.json()["detail"][0]["msg"]

    def test_in_a_json_body_saves_nothing(self, db, world, app_client, api_token) -> None:
        before = _n(db, Huishouden)
        r = app_client.post(
            f"{API}/huishoudens",
            content=b'{"naam": "Jan\\u0000sen"}',
            headers={**api_token(world.user("toegangsmedewerker")), "Content-Type": "application/json"},
        )
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body"]
        assert _n(db, Huishouden) == before

    def test_in_a_form_body_saves_nothing(self, db, world, login) -> None:
        u = world.user("toegangsmedewerker")
        hh = world.household(world.user("toegangsmedewerker"))
        c = login(u)
        before = _n(db, BreakTheGlass)
        r = c.post(f"/huishoudens/{hh.id}/doorbreken", data={"reden": "Crisis\x00 gemeld door de politie"})
        assert r.status_code == 422 and "NUL" in r.text
        assert _n(db, BreakTheGlass) == before


class TestOutOfRange:
    def test_web_path_id_beyond_32_bits_is_not_found(self, world, login) -> None:
        c = login(world.user("toegangsmedewerker"))
        for path in (f"/huishoudens/{TOO_BIG}", f"/huishoudens/{10**25}/audit", "/huishoudens/0"):
            r = c.get(path)
            assert r.status_code == 404 and "Niet gevonden" in r.text, path

    def test_web_post_with_huge_id_is_not_found(self, world, login) -> None:
        c = login(world.user("toegangsmedewerker"))
        r = c.post(f"/huishoudens/{TOO_BIG}/doorbreken", data={"reden": "Een reden van voldoende lengte"})
        assert r.status_code == 404

    def test_huge_integer_in_a_json_body(self, db, world, app_client, api_token) -> None:
        headers = api_token(world.user("supervisor", teams=[world.team()]))
        before = _n(db, AuditEvent)
        r = app_client.post(
            f"{API}/caseload/herverdelen",
            json={"items": [{"soort": "vraag", "id": 10**25}], "naar_gebruiker_id": 10**25, "reden": "Ziekte"},
            headers=headers,
        )
        assert r.status_code == 422
        msgs = {tuple(d["loc"]): d["msg"] for d in r.json()["detail"]}
        assert msgs[("body", "naar_gebruiker_id")] == "De waarde mag hoogstens 2147483647 zijn."
        assert _n(db, AuditEvent) == before


class TestDutch422Everywhere:
    def test_herverdelen_answers_in_dutch(self, world, app_client, api_token) -> None:
        sup = world.user("supervisor", teams=[world.team()])
        r = app_client.post(f"{API}/caseload/herverdelen", json={}, headers=api_token(sup))
        assert r.status_code == 422
        body = r.json()
        assert body["message"] == "Controleer de gemarkeerde velden."
        assert {d["msg"] for d in body["detail"]} == {"Dit veld is verplicht."}

    def test_invalid_json_answers_in_dutch(self, world, app_client, api_token) -> None:
        sup = world.user("supervisor", teams=[world.team()])
        r = app_client.post(
            f"{API}/caseload/herverdelen",
            content=b"{kapot",
            headers={**api_token(sup), "Content-Type": "application/json"},
        )
        assert r.status_code == 422 and r.json()["detail"][0]["msg"] == "De inhoud is geen geldige JSON."

    def test_every_422_in_the_openapi_document_is_the_dutch_shape(self, app_client) -> None:
        doc = app_client.get(f"{API}/openapi.json").json()
        ops = [(p, m, op) for p, item in doc["paths"].items() for m, op in item.items() if "422" in op["responses"]]
        assert len(ops) > 50
        for path, method, op in ops:
            schema = op["responses"]["422"]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ValidationErrorOut"}, (method, path)
        assert "ValidationErrorOut" in doc["components"]["schemas"]


class TestGarbageIsNotStored:
    def test_a_100000_character_reason_is_refused(self, db, world, login) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        c = login(world.user("toegangsmedewerker"))
        before = _n(db, BreakTheGlass)
        r = c.post(f"/huishoudens/{hh.id}/doorbreken", data={"reden": "x" * 100_000})
        assert r.status_code == 422 and "hoogstens 2000 tekens" in r.text
        assert _n(db, BreakTheGlass) == before

    def test_an_uploaded_file_where_text_is_expected(self, db, world, login) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        c = login(world.user("toegangsmedewerker"))
        before = _n(db, BreakTheGlass)
        r = c.post(
            f"/huishoudens/{hh.id}/doorbreken",
            files={"reden": ("reden.txt", b"Een reden van voldoende lengte", "text/plain")},
        )
        assert r.status_code == 422 and "geen bestand" in r.text
        assert _n(db, BreakTheGlass) == before
        assert not db.scalar(select(BreakTheGlass).where(BreakTheGlass.reden.like("UploadFile%")))

    def test_duplicate_leefgebieden_are_deduplicated_and_lists_bounded(self) -> None:
        base = {"datum_melding": "2026-01-05", "kanaal": "balie", "aanmelder": "zelf", "omschrijving": "Hulp"}
        m = MeldingCreate.model_validate({**base, "leefgebieden": ["financien"] * 10_000})
        assert m.leefgebieden == ["financien"]
        from pydantic import ValidationError

        try:
            MeldingCreate.model_validate({**base, "leefgebieden": [f"g{i}" for i in range(31)]})
        except ValidationError as exc:
            assert exc.errors()[0]["type"] == "too_long"
        else:
            raise AssertionError("31 leefgebieden accepted")


class TestHeadersAndCsrf:
    def test_overlong_or_non_ascii_request_id_is_replaced(self, app_client) -> None:
        for sent in ("a" * 65, "ïd-met-accent", "met spatie"):
            r = app_client.get("/login", headers={"X-Request-ID": sent.encode("utf-8")})
            assert r.status_code == 200
            assert r.headers["X-Request-ID"] != sent and re.fullmatch(r"[0-9a-f]{32}", r.headers["X-Request-ID"])
        r = app_client.get("/login", headers={"X-Request-ID": "abc-123"})
        assert r.headers["X-Request-ID"] == "abc-123"

    def test_overlong_forwarded_for_is_refused(self, app_client) -> None:
        r = app_client.get(f"{API}/me", headers={"X-Forwarded-For": "1.2.3.4, " * 20})
        assert r.status_code == 400 and "X-Forwarded-For" in r.json()["message"]

    def test_non_ascii_csrf_token_on_login_is_a_clean_refusal(self, app_client) -> None:
        app_client.get("/login")
        app_client.cookies.set("toegang_csrf", "abc")
        r = app_client.post("/login", data={"username": "x", "password": "y", "csrf_token": "ïïï"})
        assert r.status_code == 400 and "verlopen" in r.text

    def test_non_ascii_csrf_header_in_a_session_is_refused(self, world, login) -> None:
        hh = world.household(world.user("toegangsmedewerker"))
        c = login(world.user("toegangsmedewerker"))
        r = c.post(
            f"/huishoudens/{hh.id}/doorbreken",
            data={"reden": "Een reden van voldoende lengte"},
            headers={"X-CSRF-Token": "tökén".encode()},
        )
        assert r.status_code == 403 and "verlopen" in r.text

    def test_personal_data_is_never_cached(self, world, app_client, api_token, login) -> None:
        u = world.user("toegangsmedewerker")
        assert app_client.get(f"{API}/me", headers=api_token(u)).headers["Cache-Control"] == "no-store"
        c = login(u)
        assert c.get("/").headers["Cache-Control"] == "no-store"

    def test_csp_names_the_htmx_url_and_the_page_keeps_its_sri(self, app_client) -> None:
        from app.config import get_settings

        cfg = get_settings()
        r = app_client.get("/login")
        csp = r.headers["Content-Security-Policy"]
        assert f"script-src 'self' {cfg.htmx_url};" in csp
        assert f'integrity="{cfg.htmx_sri}"' in r.text

    def test_hsts_in_production(self, monkeypatch) -> None:
        from fastapi.testclient import TestClient

        from app.config import get_settings
        from app.main import create_app

        for k, v in {
            "APP_ENV": "production",
            "COOKIE_SECURE": "true",
            "SECRET_KEY": "k" * 40,
            "PSEUDONYM_SECRET": "p" * 40,
        }.items():
            monkeypatch.setenv(k, v)
        get_settings.cache_clear()
        try:
            r = TestClient(create_app()).get("/static/app.css")
            assert r.headers["Strict-Transport-Security"].startswith("max-age=")
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()


def test_every_integer_path_parameter_is_bounded() -> None:
    """A new route with a plain `int` id in its path (web or API) fails here: use PathId."""
    import annotated_types
    from fastapi.routing import APIRoute

    from app.main import app

    unbounded = []
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        for param in route.dependant.path_params:
            info = param.field_info
            if info.annotation is int and not any(isinstance(m, annotated_types.Le) for m in info.metadata):
                unbounded.append(f"{route.path} {param.name}")
    assert unbounded == []
