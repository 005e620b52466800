"""Beheer and token screens through the real app: rendering, 422 with Dutch messages, conflicts, HTMX."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.catalog import schemas as cs
from app.domain.catalog import service as catalog
from app.domain.catalog.models import Aanbieder, Contract, Product
from app.domain.organisation.models import ApiToken, Gebruiker


@pytest.fixture()
def beheerder(world):
    return world.user("beheerder", username="fbeheer")


@pytest.fixture()
def client(login, beheerder):
    return login(beheerder)


@pytest.fixture()
def aanbieder_met_product(db, world, beheerder):
    actor = world.actor(beheerder)
    p = catalog.create_product(
        db, actor, data=cs.ProductCreate(code="WMO-HH1", naam="Huishoudelijke hulp", wet="Wmo", productcategorie="01")
    )
    a = catalog.create_aanbieder(db, actor, data=cs.AanbiederCreate(naam="Thuiszorg Test", agb_code="98012345"))
    return a, p


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


class TestScreensRender:
    def test_every_beheer_page_renders(self, client, world, beheerder, aanbieder_met_product) -> None:
        a, p = aanbieder_met_product
        team = world.team("Team Zichtbaar")
        for url, text in [
            ("/beheer/gebruikers", "Nieuwe gebruiker"),
            (f"/beheer/gebruikers/{beheerder.id}", "Wachtwoord opnieuw instellen"),
            ("/beheer/teams", "Team Zichtbaar"),
            (f"/beheer/teams/{team.id}", "Team actief"),
            ("/beheer/aanbieders", "Thuiszorg Test"),
            (f"/beheer/aanbieders/{a.id}", "Contract toevoegen"),
            ("/beheer/producten", "WMO-HH1"),
            ("/beheer/producten?wet=Jeugdwet", "Geen producten gevonden"),
            (f"/beheer/producten/{p.id}", "Product actief"),
            ("/tokens", "Nieuw token"),
        ]:
            r = client.get(url)
            assert r.status_code == 200, url
            assert text in r.text, url

    def test_navigation_shows_beheer_items(self, client) -> None:
        r = client.get("/beheer/gebruikers")
        nav = r.text.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
        for label in ("Gebruikers", "Teams", "Aanbieders", "Producten", "API-tokens"):
            assert label in nav

    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "supervisor", "auditor", "clientondersteuner"])
    def test_other_roles_are_refused(self, login, world, rol) -> None:
        c = login(world.user(rol))
        for url in ("/beheer/gebruikers", "/beheer/teams", "/beheer/aanbieders", "/beheer/producten"):
            assert c.get(url).status_code == 403, url
        assert c.post("/beheer/producten", data={"code": "X-1", "naam": "x", "wet": "Wmo"}).status_code == 403

    def test_beheerder_sees_no_case_content(self, client, world) -> None:
        owner = world.user("toegangsmedewerker")
        hh = world.household(owner, achternaam="Geheim")
        r = client.get("/huishoudens", params={"q": "Geheim"})
        assert r.status_code == 403 and "Geheim" not in r.text
        r = client.get(f"/huishoudens/{hh.id}")
        assert r.status_code == 404 and "Geheim" not in r.text
        assert "Niet gevonden of geen toegang" in r.text


class TestUsers:
    def test_create_user_without_js_then_listed(self, client, db, world) -> None:
        team = world.team("Toegang Test")
        r = client.post(
            "/beheer/gebruikers",
            data={
                "username": "j.devries",
                "naam": "Jan de Vries",
                "rollen[]": ["toegangsmedewerker", "regisseur"],
                "team_ids[]": [str(team.id)],
                "gemeente_ids[]": [str(world.gemeente.id)],
                "wachtwoord": "lang-genoeg-wachtwoord",
            },
        )
        assert r.status_code == 303 and r.headers["location"].endswith("/beheer/gebruikers?melding=aangemaakt")
        page = client.get(r.headers["location"])
        assert "Jan de Vries" in page.text and "Opgeslagen." in page.text
        u = db.scalar(select(Gebruiker).where(Gebruiker.username == "j.devries"))
        assert u.rollen == ["regisseur", "toegangsmedewerker"] and [t.naam for t in u.teams] == ["Toegang Test"]

    def test_create_user_with_htmx_swaps_list(self, client) -> None:
        r = client.post(
            "/beheer/gebruikers",
            headers={"HX-Request": "true"},
            data={
                "username": "htmx.user",
                "naam": "Htmx Gebruiker",
                "rollen[]": "auditor",
                "wachtwoord": "lang-genoeg-wachtwoord",
            },
        )
        assert r.status_code == 200 and "<html" not in r.text
        assert "Gebruiker htmx.user aangemaakt." in r.text and "Htmx Gebruiker" in r.text
        assert r.headers["HX-Trigger"] == "gebruiker-gewijzigd"

    def test_invalid_user_gives_dutch_messages_and_saves_nothing(self, client, db) -> None:
        before = _count(db, Gebruiker)
        r = client.post("/beheer/gebruikers", data={"username": "Fout Naam!", "naam": "", "wachtwoord": "kort"})
        assert r.status_code == 422
        assert "Kies minstens één rol." in r.text
        assert "Het wachtwoord moet minstens 12 tekens lang zijn." in r.text
        assert "kleine letters, cijfers" in r.text and "Vul de naam in." in r.text
        assert (
            'aria-invalid="true"' in r.text and "kort" not in r.text.split("Nieuwe gebruiker")[1].split("wachtwoord")[0]
        )
        assert _count(db, Gebruiker) == before

    def test_htmx_invalid_returns_partial_422(self, client) -> None:
        r = client.post("/beheer/gebruikers", headers={"HX-Request": "true"}, data={"naam": "X"})
        assert r.status_code == 422 and "<html" not in r.text and "Kies minstens één rol." in r.text

    def test_edit_roles_with_checkboxes(self, client, db, world) -> None:
        u = world.user("toegangsmedewerker")
        r = client.post(
            f"/beheer/gebruikers/{u.id}",
            data={"naam": "Andere Naam", "rollen[]": ["supervisor"], "actief": "on", "version": str(u.version)},
        )
        assert r.status_code == 303
        db.refresh(u)
        assert u.naam == "Andere Naam" and u.rollen == ["supervisor"] and u.gemeenten == []
        assert "Wijzigingen opgeslagen." in client.get(r.headers["location"]).text

    def test_stale_version_gives_conflict_message(self, client, db, world) -> None:
        u = world.user("toegangsmedewerker")
        old = u.version
        assert (
            client.post(
                f"/beheer/gebruikers/{u.id}",
                data={"naam": "Eerste", "rollen[]": ["toegangsmedewerker"], "actief": "on", "version": str(old)},
            ).status_code
            == 303
        )
        r = client.post(
            f"/beheer/gebruikers/{u.id}",
            data={"naam": "Tweede", "rollen[]": ["regisseur"], "actief": "on", "version": str(old)},
        )
        assert r.status_code == 409
        assert "Iemand anders heeft dit gegeven intussen gewijzigd" in r.text
        db.refresh(u)
        assert u.naam == "Eerste" and u.rollen == ["toegangsmedewerker"]

    def test_htmx_edit_returns_form_partial(self, client, world) -> None:
        u = world.user("toegangsmedewerker")
        old = u.version
        r = client.post(
            f"/beheer/gebruikers/{u.id}",
            headers={"HX-Request": "true"},
            data={"naam": "Via Htmx", "rollen[]": ["toegangsmedewerker"], "actief": "on", "version": str(old)},
        )
        assert r.status_code == 200 and "<html" not in r.text and "Wijzigingen opgeslagen." in r.text
        assert f'name="version" value="{old + 1}"' in r.text

    def test_deactivate_via_unchecked_box(self, client, db, world) -> None:
        u = world.user("toegangsmedewerker")
        r = client.post(
            f"/beheer/gebruikers/{u.id}",
            data={"naam": u.naam, "rollen[]": ["toegangsmedewerker"], "version": str(u.version)},
        )
        assert r.status_code == 303
        db.refresh(u)
        assert u.actief is False

    def test_reset_password_and_unlock(self, client, db, world) -> None:
        from datetime import timedelta

        from app import clock

        u = world.user("toegangsmedewerker")
        r = client.post(f"/beheer/gebruikers/{u.id}/wachtwoord", data={"wachtwoord": "kort"})
        assert r.status_code == 422 and "minstens 12 tekens" in r.text
        r = client.post(f"/beheer/gebruikers/{u.id}/wachtwoord", data={"wachtwoord": "een-nieuw-wachtwoord"})
        assert r.status_code == 303 and "melding=wachtwoord" in r.headers["location"]
        u.locked_until = clock.now() + timedelta(minutes=10)
        db.flush()
        page = client.get(f"/beheer/gebruikers/{u.id}")
        assert "Geblokkeerd" in page.text and "Account deblokkeren" in page.text
        r = client.post(f"/beheer/gebruikers/{u.id}/deblokkeren", headers={"HX-Request": "true"})
        assert r.status_code == 200 and "melding=gedeblokkeerd" in r.headers["HX-Redirect"]
        assert "Account deblokkeren" not in client.get(f"/beheer/gebruikers/{u.id}").text

    def test_missing_csrf_token_is_refused(self, client) -> None:
        del client.headers["X-CSRF-Token"]
        r = client.post("/beheer/teams", data={"naam": "Zonder token"})
        assert r.status_code == 403


class TestTeams:
    def test_create_and_edit_team(self, client, db, world) -> None:
        r = client.post("/beheer/teams", data={"naam": "Wijkteam Swalmen", "gemeente_id": str(world.gemeente.id)})
        assert r.status_code == 303
        from app.domain.organisation.models import Team

        t = db.scalar(select(Team).where(Team.naam == "Wijkteam Swalmen"))
        r = client.post(f"/beheer/teams/{t.id}", data={"naam": "", "version": str(t.version)})
        assert r.status_code == 422 and "Vul de naam in." in r.text
        r = client.post(f"/beheer/teams/{t.id}", data={"naam": "Wijkteam Swalmen-Asselt", "version": str(t.version)})
        assert r.status_code == 303
        db.refresh(t)
        assert t.naam == "Wijkteam Swalmen-Asselt" and t.gemeente_id is None and t.actief is False
        r = client.post(f"/beheer/teams/{t.id}", data={"naam": "Oud", "version": "1"})
        assert r.status_code == 409 and "intussen gewijzigd" in r.text

    def test_empty_team_name_is_422(self, client) -> None:
        r = client.post("/beheer/teams", headers={"HX-Request": "true"}, data={"naam": " "})
        assert r.status_code == 422 and "Vul de naam in." in r.text and "<html" not in r.text


class TestAanbieders:
    def test_create_with_bad_agb_is_422(self, client, db) -> None:
        r = client.post("/beheer/aanbieders", data={"naam": "Zorg BV", "agb_code": "1234", "kvk_nummer": "abc"})
        assert r.status_code == 422
        assert "De AGB-code bestaat uit 8 cijfers." in r.text and "Het KvK-nummer bestaat uit 8 cijfers." in r.text
        assert _count(db, Aanbieder) == 0

    def test_create_aanbieder_and_duplicate_agb(self, client, db) -> None:
        r = client.post("/beheer/aanbieders", data={"naam": "Zorg BV", "agb_code": "98012345"})
        assert r.status_code == 303
        r = client.post("/beheer/aanbieders", data={"naam": "Andere BV", "agb_code": "98012345"})
        assert r.status_code == 422 and "Er is al een aanbieder met deze AGB-code." in r.text

    def test_contracts_add_overlap_and_end(self, client, db, aanbieder_met_product) -> None:
        a, p = aanbieder_met_product
        url = f"/beheer/aanbieders/{a.id}/contracten"
        r = client.post(url, headers={"HX-Request": "true"}, data={"product_id": str(p.id), "begindatum": "2024-01-01"})
        assert r.status_code == 200 and "Contract toegevoegd." in r.text and "<html" not in r.text
        r = client.post(url, data={"product_id": str(p.id), "begindatum": "2025-01-01"})
        assert r.status_code == 422 and "overlapt met een bestaand contract" in r.text
        r = client.post(url, data={"product_id": str(p.id), "begindatum": "2025-01-01", "einddatum": "2024-01-01"})
        assert r.status_code == 422 and "De einddatum ligt voor de begindatum." in r.text
        r = client.post(url, data={"begindatum": "2025-01-01"})
        assert r.status_code == 422 and "Kies een product." in r.text
        assert _count(db, Contract) == 1
        c = db.scalar(select(Contract))
        r = client.post(
            f"{url}/{c.id}", data={"begindatum": "2024-01-01", "einddatum": "2024-12-31", "version": str(c.version)}
        )
        assert r.status_code == 303
        db.refresh(c)
        assert c.einddatum == date(2024, 12, 31)
        r = client.post(f"{url}/{c.id}", data={"begindatum": "2024-01-01", "version": "1"})
        assert r.status_code == 409 and "intussen gewijzigd" in r.text
        page = client.get(f"/beheer/aanbieders/{a.id}")
        assert "Beëindigd" in page.text and "31-12-2024" in page.text


class TestProducten:
    def test_invalid_product_is_422_and_nothing_saved(self, client, db) -> None:
        r = client.post(
            "/beheer/producten", data={"code": "JW-1", "naam": "Jeugd", "wet": "Jeugdwet", "productcategorie": "01"}
        )
        assert r.status_code == 422 and "Deze productcategorie hoort niet bij de Jeugdwet." in r.text
        r = client.post("/beheer/producten", data={"code": "", "naam": "", "wet": ""})
        assert r.status_code == 422
        assert "Vul een productcode in." in r.text and "Vul de naam in." in r.text and "Kies een wet." in r.text
        assert _count(db, Product) == 0

    def test_create_and_edit_product(self, client, db) -> None:
        r = client.post(
            "/beheer/producten",
            data={"code": "pw-ri1", "naam": "Re-integratie", "wet": "Participatiewet", "iv3_taakveld": "6.5"},
        )
        assert r.status_code == 303
        p = db.scalar(select(Product).where(Product.code == "PW-RI1"))
        r = client.post(
            f"/beheer/producten/{p.id}",
            headers={"HX-Request": "true"},
            data={
                "code": "PW-RI1",
                "naam": "Re-integratietraject",
                "wet": "Participatiewet",
                "iv3_taakveld": "6.5",
                "actief": "on",
                "version": str(p.version),
            },
        )
        assert r.status_code == 200 and "Wijzigingen opgeslagen." in r.text
        r = client.post(
            f"/beheer/producten/{p.id}",
            data={"code": "PW-RI1", "naam": "Oud", "wet": "Participatiewet", "version": "1"},
        )
        assert r.status_code == 409 and "intussen gewijzigd" in r.text
        db.refresh(p)
        assert p.naam == "Re-integratietraject"


class TestTokens:
    def test_token_shown_once_and_revoked_token_stops_working(self, login, db, world) -> None:
        u = world.user("toegangsmedewerker")
        c = login(u)
        r = c.post("/tokens", data={"naam": "koppeling", "geldig_dagen": "30"})
        assert r.status_code == 200 and "Kopieer het token nu." in r.text
        token = re.search(r'value="(tg_[^"]+)"', r.text).group(1)
        listing = c.get("/tokens")
        assert token not in listing.text and "koppeling" in listing.text and token[:10] in listing.text

        api_headers = {"Authorization": f"Bearer {token}"}
        c.cookies.clear()
        assert c.get("/api/v1/producten", headers=api_headers).status_code == 200

        c = login(u)
        t = db.scalar(select(ApiToken).where(ApiToken.naam == "koppeling"))
        r = c.post(f"/tokens/{t.id}/intrekken")
        assert r.status_code == 303
        assert "Het token is ingetrokken" in c.get(r.headers["location"]).text
        c.cookies.clear()
        assert c.get("/api/v1/producten", headers=api_headers).status_code == 401

    def test_invalid_token_form_is_422(self, login, world) -> None:
        c = login(world.user("auditor"))
        r = c.post("/tokens", data={"naam": "", "geldig_dagen": "9999"})
        assert r.status_code == 422
        assert (
            "Vul in waarvoor u het token gebruikt." in r.text
            and "Vul een aantal dagen in van 1 tot en met 730." in r.text
        )

    def test_htmx_revoke_and_others_tokens_are_not_found(self, login, db, world, api_token) -> None:
        owner = world.user("toegangsmedewerker")
        api_token(owner)
        t = db.scalar(select(ApiToken).where(ApiToken.gebruiker_id == owner.id))
        other = login(world.user("regisseur"))
        assert other.post(f"/tokens/{t.id}/intrekken").status_code == 404
        c = login(owner)
        r = c.post(f"/tokens/{t.id}/intrekken", headers={"HX-Request": "true"})
        assert r.status_code == 200 and "<html" not in r.text and "Ingetrokken" in r.text
