"""Screens and API of the provider messages: toewijzing with its messages, raw XML, the 315 answers."""

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.berichten import inkomend
from app.domain.berichten.models import Bericht
from app.domain.households.models import Lidmaatschap, Persoon
from app.domain.toegang import service as svc
from tests.berichten_samples import start_305, verzoek_315
from tests.service.test_berichten_service import _toewijzing
from tests.service.test_toegang_support import TODAY, catalogus, freeze


@pytest.fixture()
def ctx(world, login, api_token):  # type: ignore[no-untyped-def]
    freeze()
    team = world.team()
    user = world.user("toegangsmedewerker", teams=[team])
    hh = world.household(user, team=team)
    cat = catalogus(world.db)
    cat.hh_wmo.productcategorie = "01"
    world.db.flush()

    class C:
        pass

    c = C()
    c.db, c.world, c.team, c.user, c.hh, c.cat = world.db, world, team, user, hh, cat
    c.actor = world.actor(user)
    c.persoon = world.db.scalars(select(Persoon).join(Lidmaatschap).where(Lidmaatschap.huishouden_id == hh.id)).first()
    c.client = login(user)
    c.headers = api_token(user)
    return c


def _start(c, tw) -> Bericht:  # type: ignore[no-untyped-def]
    raw = start_305(
        nummer=tw.toewijzingnummer,
        bsn=c.persoon.bsn,
        geboortedatum=c.persoon.geboortedatum.isoformat(),
        achternaam=c.persoon.achternaam,
        agb=c.cat.aanbieder.agb_code,
        gemeente="0957",
        begindatum=TODAY.isoformat(),
    )
    return inkomend.verwerk(c.db, raw, "start.xml").bericht


class TestScreens:
    def test_vraag_page_shows_messages_and_how_care_started(self, ctx) -> None:  # type: ignore[no-untyped-def]
        tw = _toewijzing(ctx)
        v = ctx.db.scalars(
            select(svc.Ondersteuningsvraag).where(svc.Ondersteuningsvraag.huishouden_id == ctx.hh.id)
        ).one()
        r = ctx.client.get(f"/vragen/{v.id}")
        assert r.status_code == 200 and 'data-soort="WMO301"' in r.text and "Klaar voor verzending" in r.text
        _start(ctx, tw)
        r = ctx.client.get(f"/vragen/{v.id}")
        assert "via bericht" in r.text and 'data-soort="WMO305"' in r.text and 'data-soort="WMO306"' in r.text
        r = ctx.client.get(f"/toewijzingen/{tw.id}")
        assert r.status_code == 200 and tw.toewijzingnummer in r.text and "via bericht" in r.text

    def test_raw_xml_view_is_audited(self, ctx) -> None:  # type: ignore[no-untyped-def]
        _toewijzing(ctx)
        b = ctx.db.scalars(select(Bericht).where(Bericht.soort == "WMO301")).one()
        r = ctx.client.get(f"/berichten/{b.id}")
        assert r.status_code == 200 and "wmo301:Bericht" in r.text and b.sha256 in r.text
        ev = ctx.db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
        assert (ev.action, ev.object_type, ev.object_id) == ("view", "bericht", str(b.id))
        other = ctx.world.user("toegangsmedewerker", teams=[ctx.world.team()])
        from tests.factories import start_session

        token, sessie = start_session(ctx.db, other, request_id="t", client_addr="x")
        ctx.client.cookies.set("toegang_sessie", token)
        assert ctx.client.get(f"/berichten/{b.id}").status_code == 404

    def test_315_answer_forms(self, ctx) -> None:  # type: ignore[no-untyped-def]
        raw = verzoek_315(
            bsn=ctx.persoon.bsn,
            geboortedatum=ctx.persoon.geboortedatum.isoformat(),
            achternaam=ctx.persoon.achternaam,
            agb=ctx.cat.aanbieder.agb_code,
            gemeente="0957",
        )
        b = inkomend.verwerk(ctx.db, raw, "verzoek.xml").bericht
        r = ctx.client.get("/")
        assert "Verzoek om toewijzing (JW315)" in r.text
        r = ctx.client.get(f"/berichten/verzoeken/{b.id}")
        assert r.status_code == 200 and "VERZ-001" in r.text and "Verzoek afwijzen" in r.text
        r = ctx.client.post(f"/berichten/verzoeken/{b.id}/afwijzen", data={"reden": ""})
        assert r.status_code == 422 and "Geef de reden van de afwijzing." in r.text and b.status == "te_behandelen"
        r = ctx.client.post(f"/berichten/verzoeken/{b.id}/honoreren", data={"toewijzing_id": ""})
        assert r.status_code == 422 and b.status == "te_behandelen"
        r = ctx.client.post(f"/berichten/verzoeken/{b.id}/afwijzen", data={"reden": "Geen verwijzing"})
        assert r.status_code == 303 and b.status == "beantwoord"
        assert ctx.db.scalars(select(Bericht).where(Bericht.soort == "JW316")).one().antwoord_op_id == b.id


class TestApi:
    def test_toewijzing_and_berichten(self, ctx) -> None:  # type: ignore[no-untyped-def]
        tw = _toewijzing(ctx)
        _start(ctx, tw)
        r = ctx.client.get(f"/api/v1/toewijzingen/{tw.id}", headers=ctx.headers)
        assert r.status_code == 200
        body = r.json()
        assert body["toewijzingnummer"] == tw.toewijzingnummer and body["start_via"] == "bericht"
        assert body["start_zorg"] == TODAY.isoformat()
        assert [b["soort"] for b in body["berichten"]] == ["WMO306", "WMO305", "WMO301"]
        r = ctx.client.get(f"/api/v1/toewijzingen/{tw.id}/berichten", headers=ctx.headers)
        assert r.status_code == 200 and len(r.json()) == 3
        bid = r.json()[-1]["id"]
        r = ctx.client.get(f"/api/v1/berichten/{bid}", headers=ctx.headers)
        assert r.status_code == 200 and r.json()["xml"].startswith("<?xml") and len(r.json()["sha256"]) == 64

    def test_bad_ids_are_dutch_422_and_404(self, ctx) -> None:  # type: ignore[no-untyped-def]
        r = ctx.client.get("/api/v1/toewijzingen/0", headers=ctx.headers)
        assert r.status_code == 422 and "toewijzing_id" in r.text
        r = ctx.client.get("/api/v1/toewijzingen/abc", headers=ctx.headers)
        assert r.status_code == 422
        assert ctx.client.get("/api/v1/berichten/999999", headers=ctx.headers).status_code == 404
