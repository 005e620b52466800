"""Eén plan in a real browser on the demo data.

The regisseur builds the plan of the meervoudige household (three doelen across two laws, acties for
different people), vaststelt it with the household, records regie, a first schaalbesluit, an
evaluation and the afschaling after it, changes the plan and vaststelt a second version, downloads
the PDF and records consent for the cliëntondersteuner. The cliëntondersteuner reads the shared plan
(BSN masked) and reacts; the regisseur sees the reaction and revokes the consent; after that the
same page answers "Niet gevonden of geen toegang". axe-core runs on every screen.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from conftest import SCREENSHOT_DIR, assert_no_axe_violations, login, logout, screenshot
from playwright.sync_api import Locator, Page, expect

from seed.demo_households import DEMO_FACTS

TIMEOUT = 15_000
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
HH = DEMO_FACTS["meervoudig"]
DOELEN = [
    ("financien", "We willen weer overzicht over onze rekeningen en geen nieuwe schulden maken."),
    ("huiselijke_relaties", "We willen minder ruzie thuis, zodat Lars en Noa zich veilig voelen."),
    ("geestelijke_gezondheid", "Sandra wil zich minder somber voelen en weer naar buiten gaan."),
]


def _details(scope: Page | Locator, summary: str) -> Locator:
    """The <details> with this summary, opened."""
    page = scope if isinstance(scope, Page) else scope.page
    d = scope.locator("details").filter(has=page.locator("summary", has_text=summary)).first
    if d.get_attribute("open") is None:
        d.locator("summary").first.click()
    return d


def _doel(page: Page, woorden: str) -> Locator:
    return page.locator("article[id^=doel-]").filter(has_text=woorden)


def _check(page: Page, name: str) -> None:
    assert_no_axe_violations(page, name)
    screenshot(page, name)


def test_regisseur_builds_plan_and_clientondersteuner_reacts(page: Page, live_server: str) -> None:
    base = live_server
    login(page, base, str(HH["behandelaar"]))

    # ---- the dossier without a plan
    page.goto(f"{base}/huishoudens")
    page.get_by_role("link", name=str(HH["naam"]), exact=True).first.click()
    expect(page.get_by_role("heading", name="Eén plan")).to_be_visible()
    hh_id = int(urlsplit(page.url).path.rstrip("/").split("/")[-1])
    plan_url = f"{base}/huishoudens/{hh_id}/plan"
    _check(page, "plan-dossier-zonder-plan")
    page.locator("#plan-sectie").get_by_role("link", name="Plan starten").click()
    expect(page.get_by_role("heading", name="Nog geen plan")).to_be_visible()
    _check(page, "plan-starten")

    page.get_by_label("Hoe gaat het nu?").fill(
        "Het gezin heeft schulden, thuis is veel spanning en Sandra is somber. Er zijn meerdere hulpverleners."
    )
    page.get_by_label("Wat vindt het huishouden het belangrijkst?").fill(
        "1. Rust in de financiën. 2. Minder ruzie thuis. 3. Sandra voelt zich beter."
    )
    page.get_by_role("button", name="Plan starten").click()
    expect(page.get_by_text("Status:")).to_contain_text("Concept", timeout=TIMEOUT)

    # ---- doelen: first an empty one (messages), then three across the leefgebieden
    form = _details(page, "Doel toevoegen")
    form.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_text("Er is iets niet goed ingevuld")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Kies een leefgebied.").first).to_be_visible()
    _check(page, "plan-doel-fouten")
    for i, (gebied, woorden) in enumerate(DOELEN):
        form = _details(page, "Doel toevoegen")
        form.get_by_label("Leefgebied").select_option(gebied)
        form.get_by_label("Het doel in de woorden van het huishouden").fill(woorden)
        if i == 0:
            form.get_by_label("Oordeel van de professional").fill("Een schuldhulptraject via de gemeente is nodig.")
        form.get_by_role("button", name="Doel toevoegen").click()
        expect(_doel(page, woorden)).to_be_visible(timeout=TIMEOUT)
    _check(page, "plan-drie-doelen")

    # ---- acties pointing to different people; first one with a deadline before the plan's start
    wie = [
        ("Iemand uit het huishouden", "Wie uit het huishouden", "Robert de Bruijn", "Alle post in één map verzamelen"),
        ("Een professional", "Welke professional", "Mark Hendriks", "Gezinsgesprek met Rubicon plannen"),
        ("Iemand uit het netwerk", "Wie uit het netwerk", "Els Raemaekers", "Samen met Sandra wandelen"),
    ]
    for i, ((_gebied, woorden), (soort, keuze_label, naam, wat)) in enumerate(zip(DOELEN, wie, strict=True)):
        art = _doel(page, woorden)
        form = _details(art, "Actie toevoegen")
        form.get_by_label("Wat gebeurt er?").fill(wat)
        form.get_by_label("Wie doet het?").select_option(label=soort)
        select = form.get_by_label(keuze_label)
        select.select_option(label=next(o for o in select.locator("option").all_inner_texts() if naam in o))
        if i == 0:
            form.get_by_label("Uiterlijk").fill("2000-01-01")
            form.get_by_role("button", name="Actie toevoegen").click()
            expect(page.get_by_text("De datum ligt vóór de start van het plan").first).to_be_visible(timeout=TIMEOUT)
            _check(page, "plan-actie-fouten")
            art = _doel(page, woorden)
            form = art.locator("details[open]").filter(has=page.locator("summary", has_text="Actie toevoegen"))
            expect(form.get_by_label("Wat gebeurt er?")).to_have_value(wat)
        form.get_by_label("Uiterlijk").fill("")
        form.get_by_role("button", name="Actie toevoegen").click()
        expect(_doel(page, woorden).get_by_role("cell", name=wat)).to_be_visible(timeout=TIMEOUT)
        expect(_doel(page, woorden).get_by_role("cell", name=re.compile(naam))).to_be_visible()

    # ---- an existing actie changes: now under way
    art = _doel(page, DOELEN[0][1])
    form = _details(art, "Actie bewerken")
    form.get_by_label("Status").select_option(label="Bezig")
    form.get_by_role("button", name="Actie opslaan").click()
    expect(_doel(page, DOELEN[0][1]).get_by_role("cell", name="Bezig")).to_be_visible(timeout=TIMEOUT)

    # ---- vaststellen with the household: first without who agreed
    versies = page.locator("#versies")
    versies.get_by_role("button", name="Plan vaststellen met het huishouden").click()
    expect(page.get_by_text("Vul in wie van het huishouden akkoord gaf.").first).to_be_visible(timeout=TIMEOUT)
    _check(page, "plan-vaststellen-fouten")
    versies = page.locator("#versies")
    versies.get_by_label("Wie van het huishouden gaf akkoord?").fill("Robert de Bruijn en Sandra Verheijen")
    versies.get_by_role("button", name="Plan vaststellen met het huishouden").click()
    expect(page.get_by_text("Status:")).to_contain_text("Vastgesteld", timeout=TIMEOUT)
    vastgesteld_op = page.locator("#versies tbody tr").first.locator("td").nth(1).inner_text().strip()

    # ---- regie: the regisseur holds it as a professional
    form = _details(page.locator("#regie"), "Regie-afspraak vastleggen")
    form.get_by_role("button", name="Regie-afspraak opslaan").click()
    expect(page.get_by_text("Beschrijf wat regie in deze situatie betekent.").first).to_be_visible(timeout=TIMEOUT)
    _check(page, "plan-regie-fouten")
    form = page.locator("#regie details[open]")
    form.get_by_label("Wie heeft de regie?").select_option(label="Professionele regisseur")
    form.get_by_label("Professionele regisseur").select_option(label="Mark Hendriks")
    form.get_by_label("Wat betekent regie in deze situatie?").fill(
        "Mark houdt het overzicht over schuldhulp, jeugdhulp en de POH-GGZ en is het vaste aanspreekpunt."
    )
    form.get_by_role("button", name="Regie-afspraak opslaan").click()
    expect(page.locator("#regie tbody")).to_contain_text("Mark Hendriks", timeout=TIMEOUT)

    # ---- schaalniveau: a first level, then afschaling is refused until an evaluation exists
    form = _details(page.locator("#schaal"), "Schaalbesluit nemen")
    form.get_by_label("Nieuw niveau").select_option("3")
    form.get_by_label("Reden").fill("Meerdere leefgebieden en wetten; maatwerk via schuldhulp en jeugdhulp.")
    form.get_by_role("button", name="Schaalbesluit opslaan").click()
    expect(page.locator("#schaal")).to_contain_text("Huidig niveau: 3", timeout=TIMEOUT)
    form = _details(page.locator("#schaal"), "Schaalbesluit nemen")
    form.get_by_label("Nieuw niveau").select_option("2")
    form.get_by_label("Reden").fill("Het gaat beter.")
    form.get_by_role("button", name="Schaalbesluit opslaan").click()
    expect(page.locator("#schaal .error-summary")).to_be_visible(timeout=TIMEOUT)
    _check(page, "plan-schaal-fouten")

    # ---- evaluation, with afschaling as its conclusion
    form = _details(page.locator("#evaluaties"), "Evaluatie vastleggen")
    form.get_by_label(re.compile("Voortgang: We willen weer overzicht")).fill("Alle post zit in één map.")
    form.get_by_label(re.compile("Voortgang: We willen minder ruzie")).fill("Eerste gezinsgesprek gehad.")
    form.get_by_label("Wat verandert er?").fill("De budgetcoach blijft; de POH-GGZ is niet meer nodig.")
    form.get_by_label("Conclusie voor op- of afschaling").select_option(label="Afschalen")
    form.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.locator("#evaluaties article")).to_contain_text("Afschalen", timeout=TIMEOUT)

    form = _details(page.locator("#schaal"), "Schaalbesluit nemen")
    form.get_by_label("Nieuw niveau").select_option("2")
    form.get_by_label("Reden").fill("Na de evaluatie: lichte ondersteuning is genoeg.")
    form.get_by_role("button", name="Schaalbesluit opslaan").click()
    expect(page.locator("#schaal")).to_contain_text("Huidig niveau: 2", timeout=TIMEOUT)
    _check(page, "plan-na-afschaling")

    # ---- a change makes a new concept; the second version is compared with the first
    art = _doel(page, DOELEN[2][1])
    form = _details(art, "Doel bewerken")
    form.get_by_label("Status").select_option(label="Behaald")
    form.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_text("Status:")).to_contain_text("Concept", timeout=TIMEOUT)
    versies = page.locator("#versies")
    versies.get_by_label("Wie van het huishouden gaf akkoord?").fill("Robert de Bruijn")
    versies.get_by_role("button", name="Plan vaststellen met het huishouden").click()
    expect(page.get_by_text("Status:")).to_contain_text("Vastgesteld", timeout=TIMEOUT)
    page.get_by_role("link", name=re.compile("Bekijk en vergelijk versie 2")).click()
    expect(page.get_by_role("heading", name="Wat is er veranderd sinds versie 1?")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Behaald")
    _check(page, "plan-versie-vergelijken")

    # ---- the plan as PDF for the household
    response = page.request.get(f"{plan_url}/pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf_path = SCREENSHOT_DIR / "plan-e2e.pdf"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert str(HH["naam"]) in flat or str(HH["achternaam"]) in flat, flat[:500]
    for _gebied, woorden in DOELEN:
        assert woorden in flat, f"{woorden!r} not in the PDF"
    dag, maand, jaar = (int(x) for x in vastgesteld_op.split("-"))
    lang = f"{dag} {MAANDEN[maand - 1]} {jaar}"  # the PDF writes dates out in plain Dutch
    assert f"Vastgesteld op {lang}" in flat, f"date {lang!r} not in the PDF: {flat[:300]}"
    assert "317284654" not in flat  # the PDF the household keeps still shows no full BSN of the aanvrager
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path), str(Path(SCREENSHOT_DIR / "plan-pdf"))],
        check=True,
    )

    # ---- consent for the cliëntondersteuner, on the dossier
    page.goto(f"{base}/huishoudens/{hh_id}")
    section = page.locator("#toestemmingen")
    form = _details(section, "Toestemming vastleggen")
    form.get_by_label("Aan wie geeft het huishouden toestemming?").select_option("clientondersteuner")
    form.get_by_label("Tot en met").fill("2000-01-01")
    form.get_by_role("button", name="Toestemming opslaan").click()
    expect(page.locator("#toestemmingen .error-summary")).to_be_visible(timeout=TIMEOUT)
    _check(page, "plan-toestemming-fouten")
    form = page.locator("#toestemmingen details[open]")
    form.get_by_label("Cliëntondersteuner", exact=True).select_option(
        label=next(
            o
            for o in form.get_by_label("Cliëntondersteuner", exact=True).locator("option").all_inner_texts()
            if "Fatima el Amrani" in o
        )
    )
    form.get_by_label("Mag het vastgestelde plan inzien").check()
    form.get_by_label("Mag het verslag inzien").check()
    form.get_by_label("Tot en met").fill("")
    form.get_by_label("Toelichting").fill("Gegeven bij het vaststellen van het plan.")
    form.get_by_role("button", name="Toestemming opslaan").click()
    expect(page.locator("#toestemmingen tbody tr").filter(has_text="Fatima el Amrani").first).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.locator("#plan-sectie")).to_contain_text("versie 2 vastgesteld")
    _check(page, "plan-dossier-met-plan")
    logout(page)

    # ---- the cliëntondersteuner reads and reacts
    login(page, base, "ondersteuner")
    page.goto(f"{base}/gedeeld")
    expect(page.get_by_role("heading", name="Mijn huishoudens")).to_be_visible()
    _check(page, "gedeeld-overzicht")
    page.get_by_role("link", name=str(HH["naam"]), exact=True).click()
    expect(page.get_by_role("heading", name=str(HH["naam"]), level=1)).to_be_visible()
    shared_url = page.url
    body = page.locator("main").inner_text()
    assert "317284654" not in body and "******654" in body
    for _gebied, woorden in DOELEN:
        expect(page.get_by_text(woorden).first).to_be_visible()
    _check(page, "gedeeld-plan")
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.locator("#reageren .error-summary")).to_be_visible(timeout=TIMEOUT)
    _check(page, "gedeeld-reactie-fouten")
    page.locator("#reageren").get_by_label("Waarover gaat uw reactie?").select_option("plan")
    reactie = "Sandra vraagt of de wandelafspraak ook op zaterdag kan."
    page.locator("#reageren").get_by_role("textbox", name="Reactie", exact=True).fill(reactie)
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.get_by_text("Uw reactie is verstuurd naar de regisseur.")).to_be_visible(timeout=TIMEOUT)
    _check(page, "gedeeld-reactie-verstuurd")
    logout(page)

    # ---- the regisseur sees the reaction and revokes the consent
    login(page, base, str(HH["behandelaar"]))
    page.goto(plan_url)
    expect(page.locator("#reacties")).to_contain_text(reactie)
    _check(page, "plan-met-reactie")
    page.goto(f"{base}/huishoudens/{hh_id}")
    rows = (
        page.locator("#toestemmingen tbody tr")
        .filter(has_text="Fatima el Amrani")
        .filter(has=page.get_by_role("button", name=re.compile("Intrekken")))
    )
    # The demo data holds an earlier consent for the same cliëntondersteuner: revoke every active one.
    while rows.count():
        before = rows.count()
        rows.first.get_by_role("button", name=re.compile("Intrekken")).click()
        expect(rows).to_have_count(before - 1, timeout=TIMEOUT)
    expect(page.locator("#toestemmingen")).to_contain_text("Ingetrokken op")
    _check(page, "plan-toestemming-ingetrokken")
    logout(page)

    # ---- after revocation: nothing, not even the household's existence
    login(page, base, "ondersteuner")
    response = page.goto(shared_url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Niet gevonden of geen toegang")).to_be_visible()
    assert str(HH["achternaam"]) not in page.locator("main").inner_text()
    _check(page, "gedeeld-na-intrekking")
    page.goto(f"{base}/gedeeld")
    expect(page.get_by_role("link", name=str(HH["naam"]), exact=True)).to_have_count(0)
