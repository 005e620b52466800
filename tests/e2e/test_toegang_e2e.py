"""The toegang in a real browser on the demo data: a complete Wmo case and a Jeugdwet case.

Melding → gesprek → verslag (sent) → aanvraag → beschikking → toewijzing → start of care, with
axe-core on every screen passed; the PDFs of verslag and beschikking are downloaded with the
session cookie and checked with pdftotext for the key facts.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from conftest import assert_no_axe_violations, login, screenshot
from playwright.sync_api import Page, expect

from seed.demo_households import DEMO_FACTS

TIMEOUT = 15_000


def _pdf_text(page: Page, url: str) -> str:
    r = page.request.get(url)
    assert r.status == 200 and r.headers["content-type"] == "application/pdf"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(r.body())
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


def _open_dossier(page: Page, base: str, fact: dict) -> None:
    page.goto(f"{base}/huishoudens?q={fact['achternaam']}")
    page.get_by_role("link", name=str(fact["naam"])).first.click()
    expect(page.get_by_role("heading", name="Ondersteuningsvragen")).to_be_visible(timeout=TIMEOUT)
    assert_no_axe_violations(page, "toegang-dossier")


def _case(
    page: Page,
    base: str,
    *,
    fact: dict,
    leefgebied: str,
    wet: str,
    product: str,
    aanbieder: str,
    persoon: str | None,
    name: str,
) -> None:
    _open_dossier(page, base, fact)
    page.get_by_role("link", name="Nieuwe melding").click()
    assert_no_axe_violations(page, f"{name}-melding")
    page.get_by_label("Kanaal").select_option("telefoon")
    page.get_by_label("Aanmelder").select_option("zelf")
    page.get_by_label("De vraag in de woorden van het huishouden").fill("Het lukt ons thuis niet meer alleen.")
    page.get_by_label(leefgebied, exact=True).check()
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_role("heading", name="Status en termijnen")).to_be_visible(timeout=TIMEOUT)
    assert_no_axe_violations(page, f"{name}-vraag-gemeld")
    screenshot(page, f"{name}-vraag-gemeld")

    # Keukentafelgesprek with the subsidiarity record in pyramid order.
    page.get_by_label(f"Score {leefgebied}").select_option("2")
    page.get_by_label(f"In eigen woorden ({leefgebied})").fill("Het gaat niet meer zonder hulp")
    for label, text in [
        ("1. Eigen kracht", "Lichte taken lukken zelf."),
        ("2. Netwerk (mantelzorg, vrijwilligers)", "Familie woont ver weg."),
        ("3. Gebruikelijke hulp", "Geen huisgenoten die dit kunnen."),
        ("4. Algemene voorzieningen", "Besproken, lost het niet op."),
        ("5. Voorliggende voorzieningen (Wlz, Zvw)", "Niet van toepassing."),
    ]:
        page.get_by_label(label).fill(text)
    page.get_by_label("Gratis onafhankelijke cliëntondersteuning aangeboden").check()
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("In onderzoek").first).to_be_visible(timeout=TIMEOUT)

    # Verslag: pre-filled, saved, sent.
    expect(page.get_by_label("Tekst van het verslag")).to_have_value(re.compile("Eigen kracht: Lichte taken"))
    page.get_by_role("button", name="Verslag opslaan").click()
    page.get_by_role("button", name="Verslag als verzonden markeren").click()
    expect(page.get_by_role("link", name="Verslag als PDF")).to_be_visible(timeout=TIMEOUT)
    assert_no_axe_violations(page, f"{name}-vraag-verslag")
    verslag_url = page.get_by_role("link", name="Verslag als PDF").get_attribute("href")

    # Aanvraag and beschikking.
    page.locator("#aanvraag").get_by_label("Wet").select_option(wet)
    page.get_by_role("button", name="Aanvraag registreren").click()
    expect(page.get_by_role("heading", name="Beschikking voorbereiden")).to_be_visible(timeout=TIMEOUT)
    assert_no_axe_violations(page, f"{name}-vraag-beschikking-form")
    form = page.locator("#beschikkingen form").last
    form.get_by_label("Grondslag (wetsartikel)").fill("Wmo 2015 art. 2.3.5" if wet == "Wmo" else "Jeugdwet art. 2.3")
    form.get_by_label("Motivering in doelen en resultaten").fill("Doel: weer zelfstandig verder kunnen.")
    form.get_by_label("Product").select_option(label=product)
    if persoon:
        form.get_by_label("Voor wie").select_option(label=persoon)
    form.get_by_label("Omvang (volume)").fill("3")
    form.get_by_label("Eenheid").select_option(label="Uur")
    form.get_by_label("Frequentie").select_option(label="Per week")
    form.get_by_label("Aanbieder (bij zorg in natura)").select_option(label=aanbieder)
    # Within the approval threshold (12 months), so no supervisor is needed in this flow.
    form.get_by_label("Einddatum").fill((date.today() + timedelta(days=180)).isoformat())
    form.get_by_role("button", name="Beschikking opslaan").click()
    expect(page.get_by_role("button", name=re.compile("Beschikking vaststellen en verzenden"))).to_be_visible(
        timeout=TIMEOUT
    )
    page.get_by_role("button", name=re.compile("Beschikking vaststellen en verzenden")).click()
    expect(page.get_by_text(re.compile(r"Toewijzing T\d+"))).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name=re.compile("Start zorg registreren")).click()
    expect(page.get_by_text(re.compile("zorg gestart"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile("— Actief"))).to_be_visible()
    assert_no_axe_violations(page, f"{name}-vraag-besloten")
    screenshot(page, f"{name}-vraag-besloten")

    base_url = base
    verslag = _pdf_text(
        page, base_url + verslag_url if verslag_url and verslag_url.startswith("/") else str(verslag_url)
    )
    assert "Verslag van het onderzoek" in verslag and "Lichte taken" in verslag
    assert str(fact["aanvrager"]) in verslag
    b_url = page.get_by_role("link", name=re.compile("Beschikking als PDF")).last.get_attribute("href")
    brief = _pdf_text(page, base_url + b_url if b_url and b_url.startswith("/") else str(b_url))
    assert str(fact["aanvrager"]) in brief
    assert product.split(" (")[0] in brief.replace("\n", " ")
    assert "6 weken" in brief and "bezwaartermijn eindigt op" in brief
    assert date.today().strftime("%d-%m-%Y") in brief


class TestToegangInBrowser:
    def test_wmo_case_and_werkvoorraad(self, live_server: str, page: Page) -> None:
        login(page, live_server, "toegang")
        expect(page.get_by_role("heading", name=re.compile("Werkvoorraad"))).to_be_visible(timeout=TIMEOUT)
        assert_no_axe_violations(page, "toegang-werkvoorraad")
        screenshot(page, "toegang-werkvoorraad")
        page.goto(f"{live_server}/teamwachtrij")
        assert_no_axe_violations(page, "toegang-teamwachtrij")
        _case(
            page,
            live_server,
            fact=DEMO_FACTS["toegang"],
            leefgebied="Instrumentele ADL",
            wet="Wmo",
            product="Hulp bij het huishouden (schoon en leefbaar huis) (WMO-HH1)",
            aanbieder="Thuiszorg Maas en Roer B.V.",
            persoon=None,
            name="toegang-wmo",
        )

    def test_jeugdwet_case(self, live_server: str, page: Page) -> None:
        fact = DEMO_FACTS["jongere_18"]
        login(page, live_server, "regisseur")
        _case(
            page,
            live_server,
            fact=fact,
            leefgebied="Geestelijke gezondheid",
            wet="Jeugdwet",
            product="Jeugdhulp ambulant (gezinsbegeleiding) (JW-AMB1)",
            aanbieder="Jeugdzorg Maasland",
            persoon=str(fact["jongere"]),
            name="toegang-jeugd",
        )
