"""API tests of the toegang: a full Wmo case over JSON, 409 on an invalid transition, 422 on bad input."""

from datetime import timedelta

import pytest

from tests.service.test_toegang_support import TODAY, catalogus, freeze


@pytest.fixture()
def api(world, app_client, api_token):  # type: ignore[no-untyped-def]
    freeze()
    team = world.team()
    user = world.user("toegangsmedewerker", teams=[team])
    hh = world.household(user, team=team)
    cat = catalogus(world.db)
    return app_client, api_token(user), hh, cat


def _vz(cat, **kw):  # type: ignore[no-untyped-def]
    return {
        "product_id": cat.hh_wmo.id,
        "leveringsvorm": "ZIN",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "aanbieder_id": cat.aanbieder.id,
        "ingangsdatum": TODAY.isoformat(),
        "einddatum": (TODAY + timedelta(days=200)).isoformat(),
        **kw,
    }


class TestToegangApi:
    def test_full_wmo_case(self, api) -> None:  # type: ignore[no-untyped-def]
        c, h, hh, cat = api
        r = c.post(
            f"/api/v1/toegang/huishoudens/{hh.id}/meldingen",
            headers=h,
            json={
                "datum_melding": (TODAY - timedelta(days=14)).isoformat(),
                "kanaal": "digitaal",
                "aanmelder": "zelf",
                "omschrijving": "Hulp",
                "leefgebieden": ["instrumentele_adl"],
            },
        )
        assert r.status_code == 201, r.text
        vid = r.json()["id"]
        r = c.post(f"/api/v1/toegang/vragen/{vid}/aanvraag", headers=h, json={"datum_ontvangst": TODAY.isoformat()})
        assert r.status_code == 409 and "lid 9" in r.text
        piramide = {
            k: "x"
            for k in (
                "eigen_kracht",
                "netwerk",
                "gebruikelijke_hulp",
                "algemene_voorzieningen",
                "voorliggende_voorzieningen",
            )
        }
        r = c.post(
            f"/api/v1/toegang/vragen/{vid}/gesprekken",
            headers=h,
            json={
                "datum": (TODAY - timedelta(days=7)).isoformat(),
                "scores": [{"domein": "instrumentele_adl", "score": 2}],
                **piramide,
            },
        )
        assert r.status_code == 201, r.text
        assert c.put(f"/api/v1/toegang/vragen/{vid}/verslag", headers=h, json={"tekst": "Verslag"}).status_code == 200
        r = c.post(
            f"/api/v1/toegang/vragen/{vid}/verslag/verzonden",
            headers=h,
            json={"verzonden_op": (TODAY - timedelta(days=8)).isoformat()},
        )
        assert r.status_code == 422
        r = c.post(
            f"/api/v1/toegang/vragen/{vid}/verslag/verzonden", headers=h, json={"verzonden_op": TODAY.isoformat()}
        )
        assert r.status_code == 200
        assert (
            c.post(
                f"/api/v1/toegang/vragen/{vid}/aanvraag", headers=h, json={"datum_ontvangst": TODAY.isoformat()}
            ).status_code
            == 201
        )
        base = {
            "besluit": "toekenning",
            "wet": "Wmo",
            "grondslag": "Wmo 2015 art. 2.3.5",
            "motivering": "m",
            "besluitdatum": TODAY.isoformat(),
        }
        r = c.post(
            f"/api/v1/toegang/vragen/{vid}/beschikkingen",
            headers=h,
            json={**base, "voorzieningen": [_vz(cat, volume="0")]},
        )
        assert r.status_code == 422
        r = c.post(
            f"/api/v1/toegang/vragen/{vid}/beschikkingen",
            headers=h,
            json={**base, "voorzieningen": [_vz(cat, aanbieder_id=cat.zonder_contract.id)]},
        )
        assert r.status_code == 422 and "contract" in r.text
        r = c.post(f"/api/v1/toegang/vragen/{vid}/beschikkingen", headers=h, json={**base, "voorzieningen": [_vz(cat)]})
        assert r.status_code == 201, r.text
        bid = r.json()["id"]
        assert (
            c.post(
                f"/api/v1/toegang/beschikkingen/{bid}/definitief", headers=h, json={"verzonden_op": TODAY.isoformat()}
            ).status_code
            == 200
        )
        detail = c.get(f"/api/v1/toegang/vragen/{vid}", headers=h).json()
        assert detail["vraag"]["status"] == "besloten"
        vzid = detail["beschikkingen"][0]["voorzieningen"][0]["id"]
        r = c.post(f"/api/v1/toegang/voorzieningen/{vzid}/start", headers=h, json={"datum": TODAY.isoformat()})
        assert r.status_code == 200 and r.json()["status"] == "actief"
        assert c.get("/api/v1/toegang/werkvoorraad", headers=h).status_code == 200

    def test_unknown_vraag_404(self, api) -> None:  # type: ignore[no-untyped-def]
        c, h, hh, cat = api
        assert c.get("/api/v1/toegang/vragen/999999", headers=h).status_code == 404
