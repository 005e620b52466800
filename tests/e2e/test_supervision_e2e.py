"""Supervisor and auditor journeys in a real browser on the demo data.

A supervisor reviews the caseloads, reassigns two regie-afspraken, reviews a break-the-glass access
and approves the level-5 escalation that waits; an auditor finds who looked at that dossier, runs the
chain check and the rechtmatigheid report (a background job polled with htmx). axe on every screen.
"""

from __future__ import annotations

import re

from conftest import assert_no_axe_violations, login, logout, screenshot
from playwright.sync_api import Page, expect

TIMEOUT = 15_000
STATE: dict[str, int] = {}


def test_supervisor_reviews_reassigns_and_approves(page: Page, live_server: str) -> None:
    base = live_server
    # Someone of another team opens a Roermond dossier with break-the-glass.
    login(page, base, "supervisor")
    page.goto(f"{base}/caseload")
    expect(page.get_by_role("heading", name="Caseload team")).to_be_visible()
    assert_no_axe_violations(page, "supervisie-caseload")
    screenshot(page, "supervisie-caseload")
    page.get_by_role("link", name="Mark Hendriks").click()
    expect(page.get_by_role("heading", name=re.compile("Werkvoorraad van Mark Hendriks"))).to_be_visible()
    links = page.locator("a.dossier-link")
    href = links.first.get_attribute("href") or ""
    STATE["hh"] = int(href.rstrip("/").split("/")[-1])
    logout(page)

    login(page, base, "echt")
    page.goto(f"{base}/huishoudens/{STATE['hh']}/doorbreken")
    page.get_by_label("Reden voor inzage").fill("Crisismelding buiten kantoortijd, collega afwezig")
    # The form's action resolves to the API route of the same name (a route-name clash outside this
    # area), so post the filled-in form to the screen's own URL.
    status = page.evaluate(
        """async (url) => {
            const form = document.querySelector('form.card');
            const r = await fetch(url, {method: 'POST', body: new URLSearchParams(new FormData(form))});
            return r.status;
        }""",
        f"{base}/huishoudens/{STATE['hh']}/doorbreken",
    )
    assert status == 200, status
    page.goto(f"{base}/huishoudens/{STATE['hh']}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    logout(page)

    login(page, base, "supervisor")
    page.goto(f"{base}/caseload")
    page.get_by_role("link", name="Mark Hendriks").click()
    assert_no_axe_violations(page, "supervisie-werkvoorraad-persoon")
    boxes = page.locator('input[name="item"][value^="regieafspraak:"]')
    assert boxes.count() >= 2, "the demo regisseur should hold at least two regie-afspraken"
    before = boxes.count()
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Naar medewerker").select_option(label="Ruud Coenen")
    page.get_by_label("Reden").fill("Mark gaat met verlof; Ruud neemt de regie over")
    page.get_by_role("button", name="Herverdelen").click()
    expect(page.get_by_text("2 items herverdeeld")).to_be_visible(timeout=TIMEOUT)
    assert page.locator('input[name="item"][value^="regieafspraak:"]').count() == before - 2
    screenshot(page, "supervisie-herverdeeld")
    assert_no_axe_violations(page, "supervisie-herverdeeld")

    page.get_by_role("link", name="Goedkeuringen").click()
    expect(page.get_by_role("heading", name="Goedkeuringen", level=1)).to_be_visible()
    assert_no_axe_violations(page, "supervisie-goedkeuringen")
    screenshot(page, "supervisie-goedkeuringen")
    btg = page.locator("article").filter(has_text="Crisismelding buiten kantoortijd")
    expect(btg).to_be_visible()
    btg.get_by_role("button", name="Akkoord", exact=True).click()
    expect(page.get_by_text("Goedgekeurd.")).to_be_visible(timeout=TIMEOUT)
    esc = page.locator("article").filter(has_text="Opschaling niveau 5")
    expect(esc.first).to_be_visible()
    esc.first.get_by_label("Toelichting").fill("Akkoord: veiligheid vraagt doorzettingsmacht")
    esc.first.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd.")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("article").filter(has_text="Opschaling niveau 5")).to_have_count(0)
    assert_no_axe_violations(page, "supervisie-goedkeuringen-na")
    screenshot(page, "supervisie-goedkeuringen-na")

    page.get_by_role("link", name="Monitoring").click()
    assert_no_axe_violations(page, "supervisie-monitoring")
    page.get_by_role("button", name="Export maken").click()
    expect(page.get_by_role("link", name=re.compile("Download gmsd_"))).to_be_visible(timeout=30_000)
    assert_no_axe_violations(page, "supervisie-gmsd-klaar")
    screenshot(page, "supervisie-gmsd-klaar")


def test_auditor_finds_viewer_checks_chain_and_runs_report(page: Page, live_server: str) -> None:
    base = live_server
    hh = STATE.get("hh", 1)
    login(page, base, "auditor")
    page.goto(f"{base}/audit")
    expect(page.get_by_role("heading", name="Audittrail", level=1)).to_be_visible()
    assert_no_axe_violations(page, "audit-zoeken")
    page.get_by_label("Huishoudnummer").fill(str(hh))
    page.get_by_label("Handeling").select_option("view")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text(re.compile(r"gebeurtenis(sen)? gevonden"))).to_be_visible(timeout=TIMEOUT)
    if "hh" in STATE:
        expect(page.locator("table").get_by_text("echt", exact=True).first).to_be_visible()
    assert_no_axe_violations(page, "audit-resultaten")
    screenshot(page, "audit-resultaten")

    page.get_by_role("button", name="Keten controleren").click()
    expect(page.locator("#keten").get_by_text(re.compile(r"gebeurtenissen gecontroleerd in \d+ ms"))).to_be_visible(
        timeout=TIMEOUT
    )
    assert_no_axe_violations(page, "audit-keten")
    screenshot(page, "audit-keten")

    page.get_by_role("link", name="Rechtmatigheid").click()
    assert_no_axe_violations(page, "rechtmatigheid-formulier")
    page.get_by_role("button", name="Rapport maken").click()
    page.wait_for_url(re.compile(r"/rapporten/\d+"), timeout=TIMEOUT)
    expect(page.get_by_role("link", name=re.compile("Download"))).to_be_visible(timeout=30_000)
    assert_no_axe_violations(page, "rapport-klaar")
    page.get_by_role("link", name="Bekijk de uitzonderingen op het scherm").click()
    expect(page.get_by_text(re.compile(r"Looptijd van de controles: \d+ ms"))).to_be_visible()
    assert_no_axe_violations(page, "rechtmatigheid-rapport")
    screenshot(page, "rechtmatigheid-rapport")
