"""The monitoring dashboard page: charts as accessible SVG with a table each, HTMX partial, CSV, refusals."""

import re
from datetime import date

from app.domain.supervision import indicators
from tests.service.test_supervision_data import vraag


def _supervisor_with_data(world, db):  # type: ignore[no-untyped-def]
    team = world.team()
    sup = world.user("supervisor", teams=[team])
    hh = world.household(world.user("toegangsmedewerker", teams=[team]), team=team)
    vraag(db, hh, datum=date(2026, 3, 5)).meervoudig = True
    db.flush()
    return sup, team


class TestMonitoringDashboardPage:
    def test_supervisor_sees_charts_with_tables(self, login, world, db) -> None:
        sup, _ = _supervisor_with_data(world, db)
        c = login(sup)
        params = {"van": "2026-01-01", "tot": "2026-06-30"}
        first = c.get("/monitoring", params=params)
        n = len(indicators.INDICATOREN)
        # The page answers at once with the tables; each chart not drawn before loads after it.
        assert first.status_code == 200 and first.text.count("<caption>") == n
        lazy = re.findall(r'hx-get="([^"]*/grafiek[^"]*)"', first.text)
        for url in lazy:
            part = c.get(url.replace("&amp;", "&"))
            assert part.status_code == 200 and part.text.startswith("<svg")
        r = c.get("/monitoring", params=params)  # now every chart is drawn: inline
        assert r.status_code == 200
        html = r.text
        assert html.count('<svg role="img"') == n and html.count("<caption>") == n
        assert 'aria-label="Staafdiagram meldingen per maand. jan 2026: meldingen 0; ' in html
        assert "<title>Staafdiagram" in html and 'style="' not in html.split("<svg", 1)[1]
        assert "Export maken" in html  # the GMSD export stays on the page
        assert html.count("Download CSV") == n

    def test_default_period_and_htmx_partial(self, login, world, db) -> None:
        sup, team = _supervisor_with_data(world, db)
        c = login(sup)
        assert 'name="van"' in c.get("/monitoring").text
        r = c.get(
            "/monitoring",
            params={"team_id": team.id, "van": "2026-03-01", "tot": "2026-03-31"},
            headers={"HX-Request": "true"},
        )
        assert r.status_code == 200 and r.text.lstrip().startswith('<div id="monitoring-dashboard">')
        assert "<h1>" not in r.text and "mrt 2026" in r.text

    def test_invalid_period_shows_errors(self, login, world, db) -> None:
        sup, _ = _supervisor_with_data(world, db)
        r = login(sup).get("/monitoring", params={"van": "2026-05-01", "tot": "2026-04-01"})
        assert r.status_code == 422 and "De einddatum ligt vóór de begindatum." in r.text

    def test_csv_download(self, login, world, db) -> None:
        sup, _ = _supervisor_with_data(world, db)
        r = login(sup).get("/monitoring/meervoudig.csv", params={"van": "2026-01-01", "tot": "2026-06-30"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        lines = r.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "Soort;Meldingen;Aandeel %" and "Meervoudig;1;100,0" in lines

    def test_caseworker_is_refused(self, login, world) -> None:
        c = login(world.user("toegangsmedewerker"))
        assert c.get("/monitoring").status_code == 403
        assert c.get("/monitoring/meldingen.csv").status_code == 403

    def test_auditor_sees_only_the_export(self, login, world) -> None:
        r = login(world.user("auditor")).get("/monitoring")
        assert r.status_code == 200 and "Export maken" in r.text and "<svg" not in r.text
