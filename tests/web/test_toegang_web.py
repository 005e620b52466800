"""Web tests of the toegang screens: the whole Wmo path through forms, and bad input at the field."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.toegang import service as svc
from app.domain.toegang.models import Beschikking, Maatwerkvoorziening, Ondersteuningsvraag
from tests.service.test_toegang_support import TODAY, catalogus, freeze, melding, to_aanvraag


@pytest.fixture()
def web(world, login):  # type: ignore[no-untyped-def]
    freeze()
    team = world.team()
    user = world.user("toegangsmedewerker", teams=[team])
    hh = world.household(user, team=team)
    cat = catalogus(world.db)
    return world, team, user, hh, cat, login(user)


class TestWerkvoorraad:
    def test_home_lists_deadline_with_text_label(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        svc.register_melding(
            world.db, world.actor(user), huishouden_id=hh.id, data=melding(datum_melding=TODAY - timedelta(days=50))
        )
        r = client.get("/")
        assert r.status_code == 200
        assert "Verlopen" in r.text and "Onderzoekstermijn Wmo verloopt op" in r.text
        r = client.get("/", params={"status": "ok"}, headers={"HX-Request": "true"})
        assert r.status_code == 200 and "Onderzoekstermijn" not in r.text

    def test_team_queue_and_claim(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        v = svc.register_melding(world.db, world.actor(user), huishouden_id=hh.id, data=melding(zelf_behandelen=False))
        r = client.get("/teamwachtrij")
        assert r.status_code == 200 and "Oppakken" in r.text
        r = client.post(f"/vragen/{v.id}/oppakken")
        assert r.status_code == 303
        assert world.db.get(Ondersteuningsvraag, v.id).behandelaar_id == user.id


class TestVraagFlow:
    def test_melding_form_and_bad_input(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        assert client.get(f"/huishoudens/{hh.id}/meldingen/nieuw").status_code == 200
        r = client.post(f"/huishoudens/{hh.id}/meldingen/nieuw", data={"kanaal": "telefoon"})
        assert r.status_code == 422 and "Dit veld is verplicht" in r.text
        r = client.post(
            f"/huishoudens/{hh.id}/meldingen/nieuw",
            data={
                "datum_melding": TODAY.isoformat(),
                "kanaal": "telefoon",
                "aanmelder": "zelf",
                "omschrijving": "Hulp nodig",
                "leefgebieden[]": ["instrumentele_adl"],
                "zelf_behandelen": "on",
            },
        )
        assert r.status_code == 303
        v = world.db.scalars(select(Ondersteuningsvraag).where(Ondersteuningsvraag.huishouden_id == hh.id)).one()
        page = client.get(f"/vragen/{v.id}")
        assert page.status_code == 200 and "Gesprek vastleggen" in page.text
        dossier = client.get(f"/huishoudens/{hh.id}")
        assert "Ondersteuningsvragen" in dossier.text and "Chronologie" in dossier.text

    def test_gesprek_verslag_and_sent_before_gesprek(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        v = svc.register_melding(world.db, world.actor(user), huishouden_id=hh.id, data=melding())
        r = client.post(
            f"/vragen/{v.id}/gesprek",
            data={
                "datum": (TODAY - timedelta(days=7)).isoformat(),
                "scores.instrumentele_adl.score": "2",
                "scores.instrumentele_adl.eigen_woorden": "Lukt niet",
                "eigen_kracht": "a",
                "netwerk": "b",
                "gebruikelijke_hulp": "c",
                "algemene_voorzieningen": "d",
                "voorliggende_voorzieningen": "e",
                "clientondersteuning_aangeboden": "on",
            },
        )
        assert r.status_code == 303, r.text
        page = client.get(f"/vragen/{v.id}")
        assert "Eigen kracht: a" in page.text  # pre-filled verslag
        assert client.post(f"/vragen/{v.id}/verslag", data={"tekst": "Verslag"}).status_code == 303
        r = client.post(
            f"/vragen/{v.id}/verslag/verzonden", data={"verzonden_op": (TODAY - timedelta(days=10)).isoformat()}
        )
        assert r.status_code == 422 and "vóór het eerste gesprek" in r.text
        r = client.post(f"/vragen/{v.id}/verslag/verzonden", data={"verzonden_op": TODAY.isoformat()})
        assert r.status_code == 303
        pdf = client.get(f"/vragen/{v.id}/verslag.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"

    def test_invalid_transition_409(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        v = svc.register_melding(world.db, world.actor(user), huishouden_id=hh.id, data=melding())
        r = client.post(f"/vragen/{v.id}/aanvraag", data={"datum_ontvangst": TODAY.isoformat(), "wet": "Wmo"})
        assert r.status_code == 409 and "lid 9" in r.text

    def test_beschikking_form_bad_input_and_success(self, web) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        v = to_aanvraag(world.db, world.actor(user), hh.id)
        base = {
            "besluit": "toekenning",
            "wet": "Wmo",
            "grondslag": "Wmo 2015 art. 2.3.5",
            "motivering": "Schoon huis",
            "besluitdatum": TODAY.isoformat(),
            "voorzieningen.0.product_id": str(cat.hh_wmo.id),
            "voorzieningen.0.leveringsvorm": "ZIN",
            "voorzieningen.0.volume": "3",
            "voorzieningen.0.eenheid": "04",
            "voorzieningen.0.frequentie": "2",
            "voorzieningen.0.aanbieder_id": str(cat.aanbieder.id),
            "voorzieningen.0.ingangsdatum": TODAY.isoformat(),
            "voorzieningen.0.einddatum": (TODAY + timedelta(days=200)).isoformat(),
            "actie": "opslaan",
        }
        for bad, msg in [
            ({"voorzieningen.0.volume": "0"}, "groter zijn dan 0"),
            ({"voorzieningen.0.einddatum": (TODAY - timedelta(days=1)).isoformat()}, "vóór de ingangsdatum"),
            ({"voorzieningen.0.product_id": str(cat.jeugd.id)}, "hoort bij de Jeugdwet"),
            ({"voorzieningen.0.aanbieder_id": str(cat.zonder_contract.id)}, "geen contract"),
            ({"besluitdatum": (TODAY - timedelta(days=30)).isoformat()}, "vóór de ontvangst van de aanvraag"),
        ]:
            r = client.post(f"/vragen/{v.id}/beschikking", data={**base, **bad})
            assert r.status_code == 422 and msg in r.text, (bad, r.status_code)
            assert world.db.scalar(select(Beschikking.id).where(Beschikking.vraag_id == v.id)) is None
        r = client.post(f"/vragen/{v.id}/beschikking", data={**base, "actie": "meer"})
        assert r.status_code == 200 and "Maatwerkvoorziening 2" in r.text
        r = client.post(f"/vragen/{v.id}/beschikking", data=base)
        assert r.status_code == 303
        b = world.db.scalars(select(Beschikking).where(Beschikking.vraag_id == v.id)).one()
        assert (
            client.post(f"/beschikkingen/{b.id}/definitief", data={"verzonden_op": TODAY.isoformat()}).status_code
            == 303
        )
        vz = world.db.scalars(select(Maatwerkvoorziening).where(Maatwerkvoorziening.beschikking_id == b.id)).one()
        assert client.post(f"/voorzieningen/{vz.id}/start", data={"datum": TODAY.isoformat()}).status_code == 303
        assert world.db.get(Maatwerkvoorziening, vz.id).status == "actief"
        pdf = client.get(f"/beschikkingen/{b.id}/brief.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert client.get(f"/huishoudens/{hh.id}/chronologie").status_code == 200

    def test_outsider_gets_404(self, web, login) -> None:  # type: ignore[no-untyped-def]
        world, team, user, hh, cat, client = web
        v = svc.register_melding(world.db, world.actor(user), huishouden_id=hh.id, data=melding())
        other = login(world.user("toegangsmedewerker"))
        assert other.get(f"/vragen/{v.id}").status_code == 404
