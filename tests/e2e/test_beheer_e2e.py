"""Functioneel beheerder in a real browser: create a user through the form and check every beheer page
for WCAG 2.1 AA violations (axe-core)."""

from conftest import assert_no_axe_violations, login, screenshot


class TestBeheerJourney:
    def test_create_user_and_pages_are_accessible(self, live_server, page) -> None:
        login(page, live_server, "beheer")

        page.goto(f"{live_server}/beheer/gebruikers")
        assert_no_axe_violations(page, "beheer-gebruikers")
        form = page.locator("form").filter(has=page.locator('input[name="username"]'))
        form.locator('input[name="username"]').fill("e2e.collega")
        form.locator('input[name="naam"]').fill("Eva Tweeënde")
        form.get_by_label("Toegangsmedewerker").check()
        form.get_by_label("Toegang Roermond").check()
        form.get_by_label("Roermond", exact=True).check()
        form.locator('input[name="wachtwoord"]').fill("e2e-wachtwoord-lang")
        form.get_by_role("button", name="Gebruiker aanmaken").click()
        page.get_by_text("Gebruiker e2e.collega aangemaakt.").wait_for()
        row = page.locator("tr").filter(has_text="e2e.collega")
        assert "Eva Tweeënde" in row.inner_text() and "Toegang Roermond" in row.inner_text()
        assert_no_axe_violations(page, "beheer-gebruikers-na-aanmaken")

        # A mistake is reported at the field, in Dutch, and nothing is saved.
        form = page.locator("form").filter(has=page.locator('input[name="username"]'))
        form.locator('input[name="username"]').fill("x")
        form.get_by_role("button", name="Gebruiker aanmaken").click()
        page.get_by_text("Kies minstens één rol.").first.wait_for()
        assert_no_axe_violations(page, "beheer-gebruikers-fouten")
        screenshot(page, "beheer-gebruikers-fouten")

        page.locator("a", has_text="Eva Tweeënde").click()
        page.get_by_role("heading", name="Gegevens en rollen").wait_for()
        assert_no_axe_violations(page, "beheer-gebruiker")

        for path, name in [
            ("/beheer/teams", "beheer-teams"),
            ("/beheer/aanbieders", "beheer-aanbieders"),
            ("/beheer/producten", "beheer-producten"),
            ("/tokens", "tokens"),
        ]:
            page.goto(f"{live_server}{path}")
            assert_no_axe_violations(page, name)
            screenshot(page, name)

        page.goto(f"{live_server}/beheer/aanbieders")
        page.locator("a", has_text="Zorggroep Midden-Limburg").click()
        page.get_by_role("heading", name="Contracten").wait_for()
        page.locator("summary").first.click()
        assert_no_axe_violations(page, "beheer-aanbieder")
        screenshot(page, "beheer-aanbieder")

        page.goto(f"{live_server}/tokens")
        page.get_by_label("Waarvoor gebruikt u het token?").fill("e2e koppeling")
        page.get_by_role("button", name="Token aanmaken").click()
        token = page.get_by_label("Uw nieuwe token").input_value()
        assert token.startswith("tg_")
        assert_no_axe_violations(page, "tokens-aangemaakt")
        page.reload()
        assert token not in page.content()
