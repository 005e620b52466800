"""The foundation in a real browser: log in per role, search, dossier, add a member, need-to-know, axe.

The data comes from the demo seed; which household stands for what is read from DEMO_FACTS.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import assert_no_axe_violations, login, screenshot
from playwright.sync_api import Page, expect

from app.domain.organisation.models import ROL_LABELS
from seed.demo_households import DEMO_FACTS

TIMEOUT = 10_000

# The demo users (seed/demo.py): username -> (name shown in the header, roles).
DEMO_USERS = {
    "toegang": ("Sanne Janssen", ("toegangsmedewerker",)),
    "regisseur": ("Mark Hendriks", ("regisseur", "toegangsmedewerker")),
    "supervisor": ("Ingrid Willems", ("supervisor",)),
    "ondersteuner": ("Fatima el Amrani", ("clientondersteuner",)),
    "beheer": ("Peter Smeets", ("beheerder",)),
    "auditor": ("Karin Peeters", ("auditor",)),
}
CASEWORK = {"toegangsmedewerker", "regisseur", "supervisor"}


def _expected_nav(username: str, naam: str, rollen: tuple[str, ...]) -> list[str]:
    """The menu the role should see: the app's own NAV entries for its roles, for the screens this build has."""
    from app.domain.actor import Actor
    from app.web.nav import nav_items

    return [
        i.label for i in nav_items(Actor(gebruiker_id=None, username=username, naam=naam, rollen=frozenset(rollen)))
    ]


def _mark_page(page: Page) -> None:
    """A marker on window that only survives if no full page load happens (htmx swaps in place)."""
    page.evaluate("() => { window.__e2eMarker = 'zelfde-pagina'; }")


def _same_page(page: Page) -> bool:
    return page.evaluate("() => window.__e2eMarker === 'zelfde-pagina'")


def _search_form(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_role("search")


def _clear_search(page: Page) -> None:
    form = _search_form(page)
    for label in ("Naam", "BSN", "Postcode", "Huisnummer"):
        form.get_by_label(label, exact=True).fill("")


def _results(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#resultaten")


class TestLoginPerRole:
    @pytest.mark.parametrize("username", list(DEMO_USERS))
    def test_role_sees_a_dutch_page_with_its_navigation_and_logs_out(
        self, page: Page, live_server: str, username: str
    ) -> None:
        naam, rollen = DEMO_USERS[username]
        login(page, live_server, username)
        assert page.locator("html").get_attribute("lang") == "nl"
        header = page.locator("header.site-header")
        expect(header).to_contain_text(naam)
        for rol in rollen:
            expect(header).to_contain_text(ROL_LABELS[rol])
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        assert menu.get_by_role("link").all_inner_texts() == _expected_nav(username, naam, rollen)
        huishoudens = menu.get_by_role("link", name="Huishoudens", exact=True)
        if CASEWORK & set(rollen) or "auditor" in rollen:
            expect(huishoudens).to_be_visible()
        else:
            # Beheer and the cliëntondersteuner have no household search at all.
            expect(huishoudens).to_have_count(0)
        screenshot(page, f"foundation-start-{username}")
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(re.compile(r"/login"), timeout=TIMEOUT)
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        # The session is gone: a protected page sends us back to the login.
        page.goto(f"{live_server}/huishoudens")
        assert urlsplit(page.url).path == "/login"

    def test_wrong_password_gives_a_dutch_message(self, page: Page, live_server: str) -> None:
        page.goto(f"{live_server}/login")
        page.get_by_label("Gebruikersnaam").fill("toegang")
        page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.locator("main")).to_contain_text("onjuist wachtwoord")


class TestSearchAndDossier:
    def test_search_as_you_type_by_name_updates_results_in_place(self, page: Page, live_server: str) -> None:
        fact = DEMO_FACTS["toegang"]
        login(page, live_server, "toegang")
        page.goto(f"{live_server}/huishoudens")
        assert_no_axe_violations(page, "zoeken")
        screenshot(page, "foundation-zoeken")
        _mark_page(page)
        page.get_by_label("Naam", exact=True).press_sequentially(str(fact["achternaam"]).lower(), delay=40)
        expect(_results(page).get_by_role("link", name=str(fact["naam"]))).to_be_visible(timeout=TIMEOUT)
        assert _same_page(page), "the results must be swapped in by htmx, not by a page load"
        expect(_results(page)).to_contain_text("gevonden")
        assert_no_axe_violations(page, "zoekresultaten")
        screenshot(page, "foundation-zoekresultaten")

    def test_search_by_bsn_and_by_postcode_with_huisnummer(self, page: Page, live_server: str) -> None:
        fact = DEMO_FACTS["toegang"]
        login(page, live_server, "toegang")
        page.goto(f"{live_server}/huishoudens")
        form = _search_form(page)
        form.get_by_label("BSN", exact=True).fill(str(fact["bsn"]))
        form.get_by_role("button", name="Zoeken").click()
        expect(_results(page).get_by_role("link", name=str(fact["naam"]))).to_be_visible(timeout=TIMEOUT)
        expect(_results(page)).to_contain_text("1 gevonden")

        _clear_search(page)
        form.get_by_label("Postcode", exact=True).fill(str(fact["postcode"]).replace(" ", "").lower())
        form.get_by_label("Huisnummer", exact=True).fill(str(fact["huisnummer"]))
        form.get_by_role("button", name="Zoeken").click()
        expect(_results(page).get_by_role("link", name=str(fact["naam"]))).to_be_visible(timeout=TIMEOUT)

        _clear_search(page)
        form.get_by_label("BSN", exact=True).fill("123456789")
        form.get_by_role("button", name="Zoeken").click()
        expect(_results(page)).to_contain_text("Dit is geen geldig BSN", timeout=TIMEOUT)
        screenshot(page, "foundation-zoeken-ongeldig-bsn")

    def test_open_dossier_and_add_a_member_in_place(self, page: Page, live_server: str) -> None:
        fact = DEMO_FACTS["toegang_ggz"]
        login(page, live_server, "toegang")
        page.goto(f"{live_server}/huishoudens?q={fact['achternaam']}")
        page.get_by_role("link", name=str(fact["naam"])).click()
        expect(page.get_by_role("heading", level=1, name=str(fact["naam"]))).to_be_visible()
        leden = page.locator("#leden")
        expect(leden).to_contain_text(str(fact["aanvrager"]))
        assert_no_axe_violations(page, "dossier")
        screenshot(page, "foundation-dossier")

        dossier_url = page.url
        _mark_page(page)
        leden.locator("summary", has_text="Lid toevoegen").click()
        leden.get_by_label("Voornamen").fill("Jesse")
        leden.get_by_label("Achternaam").fill("Cox")
        leden.get_by_label("BSN").fill("123456789")
        leden.get_by_label("Geboortedatum").fill("2004-03-14")
        leden.get_by_label("Relatie tot de aanvrager").select_option("overig")
        leden.get_by_label("Lid sinds").fill("2026-10-01")
        leden.get_by_role("button", name="Lid toevoegen").click()
        # A Dutch error at the field, swapped in place; nothing saved.
        expect(leden.locator(".field-error")).to_contain_text("Dit is geen geldig BSN", timeout=TIMEOUT)
        expect(leden.get_by_label("BSN")).to_have_attribute("aria-invalid", "true")
        expect(leden.locator("tbody")).not_to_contain_text("Jesse Cox")
        assert _same_page(page) and page.url == dossier_url
        assert_no_axe_violations(page, "dossier-lid-fout")
        screenshot(page, "foundation-dossier-lid-fout")

        leden.get_by_label("BSN").fill("")
        leden.get_by_role("button", name="Lid toevoegen").click()
        expect(leden.get_by_role("status")).to_contain_text("Lid toegevoegd", timeout=TIMEOUT)
        expect(leden.locator("tbody")).to_contain_text("Jesse Cox")
        assert _same_page(page), "the members section must be swapped in by htmx, not by a page load"
        assert page.url == dossier_url
        screenshot(page, "foundation-dossier-lid-toegevoegd")

        # The change and the look at the dossier are in its own audit trail.
        page.get_by_role("link", name="Wie deed en zag wat").click()
        expect(page.get_by_role("heading", level=1, name="Wie deed en zag wat")).to_be_visible()
        expect(page.locator("main table")).to_contain_text("lidmaatschap")
        expect(page.locator("main table")).to_contain_text("Jesse Cox")
        assert_no_axe_violations(page, "dossier-audit")
        screenshot(page, "foundation-dossier-audit")


class TestNeedToKnow:
    def test_other_team_is_a_bare_hit_not_found_directly_and_opens_with_a_reason(
        self, page: Page, live_server: str
    ) -> None:
        fact = DEMO_FACTS["ander_team"]
        login(page, live_server, "toegang")
        page.goto(f"{live_server}/huishoudens")
        form = _search_form(page)
        form.get_by_label("BSN", exact=True).fill(str(fact["bsn"]))
        form.get_by_role("button", name="Zoeken").click()
        row = _results(page).locator("tbody tr", has_text=str(fact["naam"]))
        expect(row).to_contain_text("Bekend bij", timeout=TIMEOUT)
        # A bare hit: no link to the dossier, no address.
        expect(row.get_by_role("link", name=str(fact["naam"]))).to_have_count(0)
        expect(row).not_to_contain_text(str(fact["postcode"]))
        screenshot(page, "foundation-zoektreffer-ander-team")
        href = row.get_by_role("link", name="Inzien met reden").get_attribute("href") or ""
        match = re.search(r"/huishoudens/(\d+)/doorbreken", href)
        assert match, href
        dossier_path = f"/huishoudens/{match.group(1)}"

        response = page.goto(f"{live_server}{dossier_path}")
        assert response is not None and response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden of geen toegang")
        expect(page.locator("main")).not_to_contain_text(str(fact["aanvrager"]))
        screenshot(page, "foundation-geen-toegang")

        page.goto(f"{live_server}{href}" if href.startswith("/") else href)
        expect(page.get_by_role("heading", level=1)).to_have_text("Dossier inzien met reden")
        page.get_by_role("button", name="Dossier openen").click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert_no_axe_violations(page, "doorbreken-fout")
        page.get_by_label("Reden voor inzage").fill("Crisismelding buiten kantoortijd, collega in Echt afwezig.")
        page.get_by_role("button", name="Dossier openen").click()
        page.wait_for_url(re.compile(re.escape(dossier_path) + r"$"), timeout=TIMEOUT)
        expect(page.get_by_role("heading", level=1, name=str(fact["naam"]))).to_be_visible()
        expect(page.locator("#leden")).to_contain_text(str(fact["aanvrager"]))
        screenshot(page, "foundation-dossier-met-reden")


class TestAccessibility:
    def test_login_page_has_no_axe_violations(self, page: Page, live_server: str) -> None:
        page.goto(f"{live_server}/login")
        assert_no_axe_violations(page, "login")
        screenshot(page, "foundation-login")
        page.get_by_role("button", name="Inloggen").click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert_no_axe_violations(page, "login-fout")
        screenshot(page, "foundation-login-fout")
