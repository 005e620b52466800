"""A provider's 305 arrives and care starts, seen in a real browser on the demo data.

The demo has a ZIN toewijzing whose provider has not reported the start yet. The test lets the
outbox send its 301 (`python -m app berichten verwerk`), answers it as the provider would with a
WMO305 dropped in the inbox, runs the processing again, and sees on the vraag page that care started
via a message, with the 305 and the 306 retour listed and the raw XML viewable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import LIVE_ENV, assert_no_axe_violations, login, run_cli, screenshot
from lxml import etree
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from app.domain.berichten import xml
from tests.berichten_samples import start_305

TIMEOUT = 15_000


def _waiting_toewijzing() -> dict:
    engine = create_engine(LIVE_ENV["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT t.id, t.toewijzingnummer, b.vraag_id FROM toewijzing t "
                    "JOIN maatwerkvoorziening v ON v.id = t.voorziening_id "
                    "JOIN beschikking b ON b.id = v.beschikking_id "
                    "WHERE t.start_zorg IS NULL AND v.status = 'toegekend' ORDER BY t.id LIMIT 1"
                )
            ).one()
    finally:
        engine.dispose()
    return {"id": row[0], "nummer": row[1], "vraag_id": row[2]}


def _provider_305(nummer: str) -> bytes:
    """Read our 301 from the outbox, as the provider's system would, and answer with a start."""
    outbox = Path(LIVE_ENV["BERICHTEN_OUTBOX"])
    for path in sorted(outbox.glob("WMO301_*.xml")):
        data = xml.parse(etree.fromstring(path.read_bytes()))
        tp = data["Client"]["ToegewezenProducten"][0]
        if tp["ToewijzingNummer"] != nummer:
            continue
        return start_305(
            nummer=nummer,
            bsn=data["Client"]["Bsn"],
            geboortedatum=data["Client"]["Geboortedatum"]["Datum"],
            achternaam=data["Client"]["Naam"]["Geslachtsnaam"]["Achternaam"],
            agb=data["Header"]["Ontvanger"],
            gemeente=data["Header"]["Afzender"],
            begindatum=max(date.fromisoformat(tp["Ingangsdatum"]), date.today()).isoformat(),
            ingangsdatum=tp["Ingangsdatum"],
            ident="E2E305" + nummer[-8:],
        )
    raise AssertionError(f"no 301 for {nummer} in {outbox}")


def test_305_arrives_and_care_starts(page: Page, live_server: str) -> None:
    tw = _waiting_toewijzing()
    out = run_cli(["berichten", "verwerk"])
    assert "verzonden: WMO301_" in out

    login(page, live_server, "toegang")
    page.goto(f"{live_server}/vragen/{tw['vraag_id']}")
    blok = page.locator(f"#toewijzing-{tw['id']}")
    expect(blok).to_contain_text(tw["nummer"], timeout=TIMEOUT)
    expect(blok.locator('tr[data-soort="WMO301"]')).to_contain_text("Verzonden")
    expect(blok).not_to_contain_text("zorg gestart")
    assert_no_axe_violations(page, "berichten-voor-305")

    inbox = Path(LIVE_ENV["BERICHTEN_INBOX"])
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / f"WMO305_{tw['nummer']}.xml").write_bytes(_provider_305(tw["nummer"]))
    out = run_cli(["berichten", "verwerk"])
    assert "WMO305 Verwerkt [0200]" in out and "verzonden: WMO306_" in out, out
    assert (inbox / "verwerkt" / f"WMO305_{tw['nummer']}.xml").exists()

    page.reload()
    blok = page.locator(f"#toewijzing-{tw['id']}")
    expect(blok).to_contain_text("zorg gestart", timeout=TIMEOUT)
    expect(blok.locator('[data-via="bericht"]')).to_have_text("via bericht")
    expect(blok.locator('tr[data-soort="WMO305"]')).to_contain_text("Verwerkt")
    expect(blok.locator('tr[data-soort="WMO306"]')).to_contain_text("Verzonden")
    # The voorziening itself is actief now, through the same service as the hand path.
    expect(page.locator(".card", has=blok).last.locator("h4").first).to_contain_text("Actief")
    assert_no_axe_violations(page, "berichten-na-305")
    screenshot(page, "berichten-305-zorg-gestart")

    blok.locator('tr[data-soort="WMO305"] a').click()
    expect(page.get_by_role("heading", name="Bericht WMO305 (inkomend)")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("pre.xml")).to_contain_text("wmo305:StartProduct")
    assert_no_axe_violations(page, "berichten-xml")

    # Processing the same inbox again changes nothing.
    out = run_cli(["berichten", "verwerk"])
    assert "0 verwerkt" in out and "0 verzonden" in out
