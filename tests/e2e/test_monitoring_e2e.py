"""A supervisor reads the monitoring dashboard on the demo data: charts, tables, filter via htmx."""

from __future__ import annotations

import re

from conftest import assert_no_axe_violations, login, screenshot
from playwright.sync_api import Page, expect

TIMEOUT = 15_000


def test_supervisor_reads_the_monitoring_dashboard(page: Page, live_server: str) -> None:
    login(page, live_server, "supervisor")
    page.goto(f"{live_server}/monitoring")
    expect(page.get_by_role("heading", name="Meldingen per maand")).to_be_visible(timeout=TIMEOUT)
    # Charts not drawn before arrive right after the page (hx-trigger="load"); wait for all of them.
    expect(page.locator('svg[role="img"]')).to_have_count(11, timeout=60_000)
    expect(page.get_by_role("img", name="Staafdiagram meldingen per maand").first).to_be_visible()
    expect(page.locator("table caption").first).to_be_visible()
    assert_no_axe_violations(page, "monitoring")
    screenshot(page, "monitoring")
    # Filter with htmx: the dashboard is swapped in place and the URL follows the filter.
    page.locator("#f-d-van").fill("2026-01-01")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"van=2026-01-01"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Monitoring")).to_have_count(1)
    assert_no_axe_violations(page, "monitoring-gefilterd")
