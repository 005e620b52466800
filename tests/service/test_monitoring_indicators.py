"""Monitoring indicators against hand-computed expectations on a small fixture, and the dashboard service.

Fixture (period 1 Jan - 30 Jun 2026, gemeente Roermond unless said otherwise):
  hh1 (team A): v1 10 Jan meervoudig, verslag 30 Jan, Wmo beschikking 9 Feb (received 2 Feb: on time);
                v2 3 Feb enkelvoudig, verslag 13 Feb, Wmo beschikking 18 Feb (received 2 Feb: late);
                v5 20 Dec 2025 (before the period)
  hh2 (team A): v3 20 Feb meervoudig, verslag 22 Mar, concept beschikking only
  hh3 (team B): v4 5 Mar enkelvoudig, no verslag, Jeugdwet beschikking 1 Apr (received 9 Mar: on time)
  hh4 (Maasgouw): v6 15 Jan
"""

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, ValidationError
from app.domain.households.models import Persoon
from app.domain.plans.models import Overgang18, Plan, PlanVersie, Regieafspraak, Schaalbesluit
from app.domain.supervision import indicators as ind
from app.domain.toegang.models import Bezwaar, Verslag
from tests.service.test_supervision_data import beschikking, gesprek, product, voorziening, vraag

VAN, TOT = date(2026, 1, 1), date(2026, 6, 30)


class Fx:
    pass


@pytest.fixture()
def fx(db, world):  # type: ignore[no-untyped-def]
    f = Fx()
    f.team_a, f.team_b = world.team(), world.team()
    u = world.user("toegangsmedewerker", teams=[f.team_a, f.team_b])
    f.sup = world.user("supervisor", teams=[f.team_a, f.team_b])
    f.hh1 = world.household(u, team=f.team_a)
    f.hh2 = world.household(u, team=f.team_a)
    f.hh3 = world.household(u, team=f.team_b)
    f.hh4 = world.household(u, team=f.team_a)
    f.hh4.gemeente_id = world.gemeente2.id
    f.hh1.schaalniveau, f.hh2.schaalniveau, f.hh3.schaalniveau = 3, 1, 2
    v1 = vraag(db, f.hh1, u, datum=date(2026, 1, 10))
    v2 = vraag(db, f.hh1, u, datum=date(2026, 2, 3))
    v3 = vraag(db, f.hh2, u, datum=date(2026, 2, 20))
    v4 = vraag(db, f.hh3, u, datum=date(2026, 3, 5))
    vraag(db, f.hh1, u, datum=date(2025, 12, 20))
    vraag(db, f.hh4, u, datum=date(2026, 1, 15))
    v1.meervoudig = v3.meervoudig = True
    for v, d in ((v1, date(2026, 1, 30)), (v2, date(2026, 2, 13)), (v3, date(2026, 3, 22))):
        db.add(Verslag(vraag_id=v.id, tekst="Verslag", verzonden_op=d))
    ontv = date(2026, 2, 2)
    b1 = beschikking(db, v1, ontvangen=ontv, besluitdatum=date(2026, 2, 9))
    b2 = beschikking(db, v2, ontvangen=ontv, besluitdatum=date(2026, 2, 18))
    beschikking(db, v3, status="concept", ontvangen=date(2026, 3, 23), besluitdatum=date(2026, 3, 24))
    b3 = beschikking(db, v4, wet="Jeugdwet", ontvangen=date(2026, 3, 9), besluitdatum=date(2026, 4, 1))
    # cliëntondersteuning: offered at v1 and (in the second of two talks) at v3, not at v2 and v4
    gesprek(db, v1).clientondersteuning_aangeboden = True
    gesprek(db, v2)
    gesprek(db, v3)
    gesprek(db, v3).clientondersteuning_aangeboden = True
    # plan vastgesteld for hh1 only; regie running on 30 Jun for hh2 only (hh1's ended 1 Apr)
    p1 = Plan(huishouden_id=f.hh1.id, status="vastgesteld", startdatum=date(2026, 2, 1))
    p2 = Plan(huishouden_id=f.hh2.id, startdatum=date(2026, 3, 1))
    db.add_all([p1, p2])
    db.flush()
    db.add(PlanVersie(plan_id=p1.id, versienummer=1, vastgesteld_op=date(2026, 3, 1), akkoord_door="X", snapshot={}))
    db.add_all(
        [
            Regieafspraak(
                huishouden_id=f.hh1.id,
                houder="huishouden",
                begindatum=date(2026, 1, 15),
                einddatum=date(2026, 4, 1),
                betekenis="zelf",
            ),
            Regieafspraak(huishouden_id=f.hh2.id, houder="huishouden", begindatum=date(2026, 2, 1), betekenis="zelf"),
        ]
    )
    # schaalbesluiten: first level (ignored), op Feb, af Feb, op May, a pending one (ignored)
    for hh, van, naar, d, st in (
        (f.hh1, None, 2, date(2026, 1, 12), "definitief"),
        (f.hh1, 2, 3, date(2026, 2, 1), "definitief"),
        (f.hh2, 3, 1, date(2026, 2, 15), "definitief"),
        (f.hh3, 1, 2, date(2026, 5, 20), "definitief"),
        (f.hh1, 3, 4, date(2026, 3, 1), "wacht_op_goedkeuring"),
    ):
        db.add(Schaalbesluit(huishouden_id=hh.id, van=van, naar=naar, reden="r", datum=d, status=st))
    # voorzieningen running on 30 Jun: one Wmo 02 (b1), one Jeugdwet 45 (b3); b2's ended 31 May; one ended
    wmo, jeugd = product(db), product(db, "Jeugdwet")
    jeugd.productcategorie = "45"
    voorziening(db, b1, wmo)
    voorziening(db, b2, wmo, einde=date(2026, 5, 31))
    voorziening(db, b3, jeugd, status="toegekend", ingang=date(2026, 4, 1), einde=None)
    voorziening(db, b1, wmo, status="beeindigd")
    world.gemeente.inwoners = 50_000
    world.gemeente2.inwoners = 25_000
    # 18-/18+: one recorded before the birthday, one after, one turning 18 only in 2027
    for geb, datum in (
        (date(2008, 4, 10), date(2026, 3, 1)),
        (date(2008, 5, 1), date(2026, 5, 10)),
        (date(2009, 1, 1), date(2026, 6, 1)),
    ):
        p = Persoon(voornamen="Jong", achternaam="Ere", zoeknaam="ere jong", geboortedatum=geb)
        db.add(p)
        db.flush()
        db.add(Overgang18(huishouden_id=f.hh3.id, persoon_id=p.id, wat_loopt_door="x", wet_na_18="Wmo", datum=datum))
    # bezwaren: ongegrond (b1), running (b2), one received before the period
    db.add_all(
        [
            Bezwaar(
                beschikking_id=b1.id,
                datum_ontvangst=date(2026, 3, 1),
                tijdig=True,
                status="besloten",
                uitkomst="ongegrond",
            ),
            Bezwaar(beschikking_id=b2.id, datum_ontvangst=date(2026, 3, 10), tijdig=True),
            Bezwaar(beschikking_id=b3.id, datum_ontvangst=date(2025, 12, 1), tijdig=True, uitkomst="gegrond"),
        ]
    )
    db.flush()
    f.roermond = {"gemeente_ids": [world.gemeente.id], "team_ids": None, "van": VAN, "tot": TOT}
    return f


def rows(i: ind.Indicator) -> dict:
    return {label: waarden for label, waarden in i.rijen}


class TestIndicators:
    def test_meldingen_per_month(self, db, world, fx) -> None:
        r = rows(ind.meldingen_per_maand(db, **fx.roermond))
        assert r == {
            "jan 2026": [1],
            "feb 2026": [2],
            "mrt 2026": [1],
            "apr 2026": [0],
            "mei 2026": [0],
            "jun 2026": [0],
        }
        both = {**fx.roermond, "gemeente_ids": [world.gemeente.id, world.gemeente2.id]}
        assert rows(ind.meldingen_per_maand(db, **both))["jan 2026"] == [2]

    def test_doorlooptijd_median_and_p90(self, db, fx) -> None:
        r = rows(ind.doorlooptijd(db, **fx.roermond))
        assert r["Melding → verslag"] == [3, 20.0, 30]  # 20, 10, 30 days
        assert r["Verslag → beschikking"] == [2, 7.5, 10]  # 10, 5 days
        assert r["Melding → beschikking"] == [3, 27.0, 30]  # 30, 15, 27 days

    def test_decided_within_statutory_term_per_wet(self, db, fx) -> None:
        r = rows(ind.binnen_termijn(db, **fx.roermond))
        assert r == {"Wmo": [2, 1, 50.0], "Jeugdwet": [1, 1, 100.0]}

    def test_enkelvoudig_vs_meervoudig(self, db, fx) -> None:
        assert rows(ind.enkel_meervoudig(db, **fx.roermond)) == {"Enkelvoudig": [2, 50.0], "Meervoudig": [2, 50.0]}

    def test_meervoudige_households_with_plan_and_regie(self, db, fx) -> None:
        r = rows(ind.plan_en_regie(db, **fx.roermond))
        assert r == {"Vastgesteld plan": [1, 2, 50.0], "Lopende regie-afspraak": [1, 2, 50.0]}

    def test_clientondersteuning_offered(self, db, fx) -> None:
        r = rows(ind.clientondersteuning(db, **fx.roermond))
        assert r == {"Aangeboden": [2, 50.0], "Niet aangeboden": [2, 50.0]}

    def test_op_and_afschaling_per_month(self, db, fx) -> None:
        r = rows(ind.schaling_per_maand(db, **fx.roermond))
        assert r["jan 2026"] == [0, 0] and r["feb 2026"] == [1, 1] and r["mrt 2026"] == [0, 0]
        assert r["mei 2026"] == [1, 0] and sum(a + b for a, b in r.values()) == 3

    def test_distribution_over_levels(self, db, fx) -> None:
        r = rows(ind.schaalniveaus(db, **{**fx.roermond, "team_ids": [fx.team_a.id, fx.team_b.id]}))
        assert r["Niveau 1"] == r["Niveau 2"] == r["Niveau 3"] == [1, 33.3]
        assert r["Niveau 0"] == r["Niveau 5"] == r["Geen niveau"] == [0, 0.0]

    def test_active_voorzieningen_per_1000_inhabitants(self, db, fx) -> None:
        assert rows(ind.voorzieningen(db, **fx.roermond)) == {"Wmo 02": [1, 0.02], "Jeugdwet 45": [1, 0.02]}
        per_team = rows(ind.voorzieningen(db, **{**fx.roermond, "team_ids": [fx.team_b.id]}))
        assert per_team == {"Jeugdwet 45": [1, None]}  # no per-1,000 figure for a team

    def test_voorzieningen_without_inhabitant_count(self, db, world, fx) -> None:
        world.gemeente.inwoners = None
        db.flush()
        assert rows(ind.voorzieningen(db, **fx.roermond))["Wmo 02"] == [1, None]

    def test_18_transitions_before_birthday(self, db, fx) -> None:
        r = rows(ind.overgang_18(db, **fx.roermond))
        assert r == {"Vóór de 18e verjaardag": [1, 50.0], "Op of na de verjaardag": [1, 50.0]}

    def test_bezwaren_and_outcome(self, db, fx) -> None:
        r = rows(ind.bezwaren(db, **fx.roermond))
        assert r["Ongegrond"] == [1] and r["Nog lopend"] == [1] and r["Gegrond"] == [0]
        assert sum(v[0] for v in r.values()) == 2

    def test_team_filter_narrows_meldingen(self, db, fx) -> None:
        scope = {**fx.roermond, "team_ids": [fx.team_b.id]}
        assert sum(v[0] for v in rows(ind.meldingen_per_maand(db, **scope)).values()) == 1
        assert rows(ind.binnen_termijn(db, **scope)) == {"Jeugdwet": [1, 1, 100.0]}

    def test_csv_has_header_and_dutch_decimals(self, db, fx) -> None:
        text = ind.doorlooptijd(db, **fx.roermond).csv()
        assert text.startswith("\ufeffTraject;Aantal;Mediaan;90e percentiel")
        assert "Verslag → beschikking;2;7,5;10" in text


class TestPureHelpers:
    def test_p90_nearest_rank_and_median(self) -> None:
        assert ind.p90(list(range(1, 11))) == 9 and ind.p90([5]) == 5 and ind.p90([]) is None
        assert ind.mediaan([1, 2, 3, 4]) == 2.5 and ind.mediaan([]) is None

    def test_default_filter_is_the_last_12_months(self) -> None:
        f = ind.parse_filter({}, today=date(2026, 11, 23))
        assert f == {"van": date(2025, 12, 1), "tot": date(2026, 11, 23), "gemeente_id": None, "team_id": None}
        assert len(ind.maanden(f["van"], f["tot"])) == 12

    def test_filter_errors(self) -> None:
        with pytest.raises(ValidationError) as e:
            ind.parse_filter({"van": "2026-05-01", "tot": "2026-04-01"}, today=date(2026, 11, 23))
        assert "tot" in e.value.errors
        with pytest.raises(ValidationError):
            ind.parse_filter({"van": "x", "team_id": "y"}, today=date(2026, 11, 23))


class TestDashboard:
    def test_supervisor_gets_every_indicator_and_it_is_audited(self, db, world, fx) -> None:
        d = ind.dashboard(db, world.actor(fx.sup), gemeente_id=world.gemeente.id, van=VAN, tot=TOT)
        assert [i.key for i in d.indicatoren] == list(ind.INDICATOREN)
        assert rows(d.indicatoren[0])["feb 2026"] == [2]
        ev = db.scalars(select(AuditEvent).where(AuditEvent.object_type == "monitoring")).all()[-1]
        assert ev.action == "view" and ev.actor_id == fx.sup.id
        assert ev.changes["gemeente_ids"] == [world.gemeente.id] and ev.changes["van"] == "2026-01-01"

    def test_one_indicator_for_its_csv(self, db, world, fx) -> None:
        d = ind.dashboard(db, world.actor(fx.sup), team_id=fx.team_b.id, van=VAN, tot=TOT, alleen="bezwaren")
        assert [i.key for i in d.indicatoren] == ["bezwaren"]

    def test_caseworker_is_refused(self, db, world, fx) -> None:
        with pytest.raises(NotAllowed):
            ind.dashboard(db, world.actor(world.user("toegangsmedewerker")), van=VAN, tot=TOT)

    def test_only_own_gemeenten_and_teams(self, db, world, fx) -> None:
        actor = world.actor(fx.sup)
        other = world.team()
        with pytest.raises(NotAllowed):
            ind.dashboard(db, actor, team_id=other.id, van=VAN, tot=TOT)
        vreemd = next(
            g for g in db.scalars(select(type(world.gemeente))) if g.id not in {world.gemeente.id, world.gemeente2.id}
        )
        with pytest.raises(NotAllowed):
            ind.dashboard(db, actor, gemeente_id=vreemd.id, van=VAN, tot=TOT)

    def test_period_must_be_valid(self, db, world, fx) -> None:
        with pytest.raises(ValidationError):
            ind.dashboard(db, world.actor(fx.sup), van=TOT, tot=VAN)
