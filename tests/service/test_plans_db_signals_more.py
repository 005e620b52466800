"""Plan signals and suggestions that read the toegang data, and reactions on the verslag.

The toegang rows (melding, beschikking, maatwerkvoorziening, verslag) are written directly: these
tests are about what the plan area derives from them, not about the toegang process.
"""

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import clock
from app.domain import audit
from app.domain.audit.models import AuditEvent
from app.domain.catalog.models import Product
from app.domain.errors import NotFound, ValidationError
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.plans import consent, service, signals
from app.domain.plans import schemas as s
from app.domain.plans.models import Reactie
from app.domain.toegang.models import Aanvraag, Beschikking, Maatwerkvoorziening, Ondersteuningsvraag, Verslag

TODAY = date(2026, 3, 2)
_n = itertools.count(1)


@pytest.fixture(autouse=True)
def _frozen():
    clock.freeze(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


def _vraag(db, hh, *, meervoudig: bool = True, datum: date = date(2026, 1, 5), status: str = "in_onderzoek"):  # type: ignore[no-untyped-def]
    v = Ondersteuningsvraag(
        huishouden_id=hh.id,
        datum_melding=datum,
        kanaal="telefoon",
        aanmelder="zelf",
        omschrijving="Schulden en zorgen om de kinderen",
        leefgebieden=["financien", "huiselijke_relaties"] if meervoudig else ["financien"],
        meervoudig=meervoudig,
        team_id=hh.team_id,
        status=status,
    )
    db.add(v)
    db.flush()
    return v


def _voorziening(db, hh, *, wet: str, categorie: str, persoon_id=None, status: str = "actief"):  # type: ignore[no-untyped-def]
    v = _vraag(db, hh, status="besloten")
    a = Aanvraag(vraag_id=v.id, datum_ontvangst=date(2026, 1, 10), wet=wet)
    db.add(a)
    db.flush()
    b = Beschikking(
        aanvraag_id=a.id,
        vraag_id=v.id,
        huishouden_id=hh.id,
        nummer=f"BP{next(_n):06d}",
        besluitdatum=date(2026, 1, 20),
        besluit="toekenning",
        wet=wet,
        grondslag="art. 2.3.5" if wet == "Wmo" else "art. 2.3",
        motivering="Nodig voor de doelen van het huishouden",
        status="definitief",
    )
    p = Product(code=f"PP{next(_n):05d}", naam=f"Product {wet}", wet=wet, productcategorie=categorie)
    db.add_all([b, p])
    db.flush()
    vz = Maatwerkvoorziening(
        beschikking_id=b.id,
        huishouden_id=hh.id,
        persoon_id=persoon_id,
        product_id=p.id,
        wet=wet,
        leveringsvorm="ZIN",
        volume=Decimal("2"),
        eenheid="04",
        frequentie="2",
        ingangsdatum=date(2026, 1, 20),
        status=status,
    )
    db.add(vz)
    db.flush()
    return vz


def _setup(world):  # type: ignore[no-untyped-def]
    team = world.team()
    reg = world.user("regisseur", teams=[team])
    return reg, world.actor(reg), world.household(reg, team=team)


def _soorten(db, actor) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {i.soort: i for i in signals.items(db, actor, TODAY)}


class TestMeervoudigeVraagZonderPlan:
    def test_signal_after_four_weeks_without_plan_or_regie(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _vraag(db, hh, datum=date(2026, 1, 5))
        item = _soorten(db, actor)["geen_plan_of_regie"]
        assert "zonder plan en zonder regie-afspraak" in item.tekst
        # Someone without a relation to the household does not see it.
        assert "geen_plan_of_regie" not in _soorten(db, world.actor(world.user("regisseur")))

    def test_no_signal_within_four_weeks_or_for_a_single_question(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _vraag(db, hh, datum=date(2026, 2, 10))  # 20 days ago
        _vraag(db, hh, meervoudig=False, datum=date(2025, 12, 1))
        assert "geen_plan_of_regie" not in _soorten(db, actor)

    def test_plan_alone_still_asks_for_regie_and_both_end_the_signal(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _vraag(db, hh, datum=date(2026, 1, 5))
        service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate(startdatum=date(2026, 2, 1)))
        assert "zonder regie-afspraak" in _soorten(db, actor)["geen_plan_of_regie"].tekst
        service.create_regie(
            db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="huishouden", betekenis="Het gezin houdt regie")
        )
        assert "geen_plan_of_regie" not in _soorten(db, actor)
        assert db.scalar(
            select(AuditEvent).where(
                AuditEvent.object_type == "regieafspraak",
                AuditEvent.action == "create",
                AuditEvent.huishouden_id == hh.id,
            )
        )

    def test_closed_question_gives_no_signal(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _vraag(db, hh, datum=date(2026, 1, 5), status="afgesloten")
        assert "geen_plan_of_regie" not in _soorten(db, actor)


class TestOvergang18:
    def _jongere(self, db, actor, hh, geboren: date) -> int:  # type: ignore[no-untyped-def]
        lid = hsvc.add_member(
            db,
            actor,
            huishouden_id=hh.id,
            data=hs.LidmaatschapCreate(
                persoon=hs.PersoonCreate(voornamen="Thijs", achternaam="Gielen", geboortedatum=geboren),
                relatie="kind",
                begindatum=date(2020, 1, 1),
            ),
        )
        return lid.persoon.id

    def test_youth_turning_18_within_a_year_with_jeugdwet_voorziening(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        pid = self._jongere(db, actor, hh, date(2008, 7, 1))  # 18 on 1 July 2026
        _voorziening(db, hh, wet="Jeugdwet", categorie="45", persoon_id=pid)
        item = _soorten(db, actor)["overgang_18"]
        assert item.tekst.startswith("Thijs: Wordt 18 op")
        jeugdigen = service.jeugdigen(db, actor, huishouden_id=hh.id)
        assert [j.naam for j in jeugdigen] == ["Thijs Gielen"] and jeugdigen[0].signaal

    def test_no_signal_without_active_jeugdwet_voorziening(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        pid = self._jongere(db, actor, hh, date(2008, 7, 1))
        _voorziening(db, hh, wet="Jeugdwet", categorie="45", persoon_id=pid, status="beeindigd")
        _voorziening(db, hh, wet="Wmo", categorie="02", persoon_id=pid)
        assert "overgang_18" not in _soorten(db, actor)

    def test_after_18_without_ground_then_ground_recorded_in_overgang(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        pid = self._jongere(db, actor, hh, date(2007, 6, 1))  # 18 since June 2025
        _voorziening(db, hh, wet="Jeugdwet", categorie="45", persoon_id=pid)
        assert "jeugdhulp_na_18" in _soorten(db, actor)
        service.add_overgang(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.Overgang18In(
                persoon_id=pid,
                wat_loopt_door="Begeleiding zelfstandig wonen",
                wet_na_18="Wmo",
                datum=date(2026, 6, 1),
                grond_verlengde_jeugdhulp="Voortzetting nodig tot de Wmo-begeleiding start (Jeugdwet art. 1.1).",
            ),
        )
        assert "jeugdhulp_na_18" not in _soorten(db, actor)
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.object_type == "overgang18", AuditEvent.huishouden_id == hh.id)
        )


class TestSchaalSuggestie:
    def test_no_voorzieningen_suggests_eigen_kracht(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        assert service.schaal_overzicht(db, actor, huishouden_id=hh.id).suggestie == 0

    def test_active_maatwerk_suggests_3_and_flags_a_lower_level(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _voorziening(db, hh, wet="Wmo", categorie="02")
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=1, reden="Start"))
        o = service.schaal_overzicht(db, actor, huishouden_id=hh.id)
        assert o.suggestie == 3 and o.huidig == 1 and o.mismatch

    def test_maatwerk_under_two_laws_suggests_4(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _voorziening(db, hh, wet="Wmo", categorie="02")
        _voorziening(db, hh, wet="Jeugdwet", categorie="45")
        o = service.schaal_overzicht(db, actor, huishouden_id=hh.id)
        assert o.suggestie == 4 and "Jeugdwet" in o.uitleg and "Wmo" in o.uitleg

    def test_ended_voorziening_does_not_count(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        _voorziening(db, hh, wet="Wmo", categorie="02", status="beeindigd")
        assert service.schaal_overzicht(db, actor, huishouden_id=hh.id).suggestie == 0


class TestReactieOpVerslag:
    def _verslag(self, db, hh, *, verzonden: date | None = date(2026, 2, 1)) -> Verslag:  # type: ignore[no-untyped-def]
        v = _vraag(db, hh)
        vs = Verslag(vraag_id=v.id, tekst="Verslag van het keukentafelgesprek.", verzonden_op=verzonden)
        db.add(vs)
        db.flush()
        return vs

    def test_reaction_on_the_sent_verslag_reaches_the_regisseur(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        vs = self._verslag(db, hh)
        ond = world.user("clientondersteuner")
        world.consent(hh, ond, plan=False, verslag=True)
        oa = world.actor(ond)
        gedeeld = consent.shared_verslag(db, oa, huishouden_id=hh.id)
        assert gedeeld is not None and gedeeld.verslag_id == vs.id
        r = consent.add_reaction(db, oa, huishouden_id=hh.id, data=s.ReactieIn(soort="verslag", tekst="Klopt niet"))
        assert r.verslag_id == vs.id and r.plan_id is None
        ev = db.scalar(select(AuditEvent).where(AuditEvent.object_type == "reactie", AuditEvent.object_id == str(r.id)))
        assert ev is not None and ev.action == "create" and ev.actor_id == ond.id
        assert "reactie_clientondersteuner" in _soorten(db, actor)
        assert consent.mark_reactions_read(db, actor, huishouden_id=hh.id) == 1
        assert "reactie_clientondersteuner" not in _soorten(db, actor)

    def test_no_sent_verslag_is_refused_and_saves_nothing(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        self._verslag(db, hh, verzonden=None)
        ond = world.user("clientondersteuner")
        world.consent(hh, ond, plan=False, verslag=True)
        with pytest.raises(ValidationError) as exc:
            consent.add_reaction(
                db, world.actor(ond), huishouden_id=hh.id, data=s.ReactieIn(soort="verslag", tekst="x")
            )
        assert "verslag" in exc.value.errors["tekst"]
        assert db.scalar(select(Reactie.id)) is None

    def test_consent_for_the_plan_only_does_not_open_the_verslag(self, db, world) -> None:
        reg, actor, hh = _setup(world)
        self._verslag(db, hh)
        ond = world.user("clientondersteuner")
        world.consent(hh, ond, plan=True, verslag=False)
        with pytest.raises(NotFound):
            consent.add_reaction(
                db, world.actor(ond), huishouden_id=hh.id, data=s.ReactieIn(soort="verslag", tekst="x")
            )
        with pytest.raises(NotFound):
            consent.shared_verslag(db, world.actor(ond), huishouden_id=hh.id)
        audit.flush_deferred(db)  # the request boundary writes the denials
        denied = db.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == "access_denied", AuditEvent.huishouden_id == hh.id)
            .order_by(AuditEvent.id)
            .limit(1)
        )
        assert denied is not None and denied.actor_id == ond.id
