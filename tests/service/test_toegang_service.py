"""Service tests of the toegang: every step, every refusal (nothing saved), and the audit rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.domain.errors import InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households.models import Betrokkenheid, Lidmaatschap, Persoon
from app.domain.toegang import schemas as s
from app.domain.toegang import service as svc
from app.domain.toegang import signals
from app.domain.toegang.models import (
    Beschikking,
    Gesprek,
    Maatwerkvoorziening,
    Ondersteuningsvraag,
    Termijnaanpassing,
    Toewijzing,
    VraagStatusWijziging,
)
from tests.service.test_toegang_support import (
    TODAY,
    beschikking,
    catalogus,
    events,
    freeze,
    gesprek,
    last_event,
    melding,
    to_aanvraag,
    voorziening,
)


@pytest.fixture()
def ctx(world):  # type: ignore[no-untyped-def]
    freeze()
    team = world.team()
    user = world.user("toegangsmedewerker", teams=[team])
    sup = world.user("supervisor", teams=[team])
    hh = world.household(user, team=team)
    cat = catalogus(world.db)

    class C:
        pass

    c = C()
    c.db, c.world, c.team, c.user, c.sup, c.hh, c.cat = world.db, world, team, user, sup, hh, cat
    c.actor = world.actor(user)
    c.sup_actor = world.actor(sup)
    return c


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(select(func.count()).select_from(model))


class TestMelding:
    def test_register_assigned_to_actor(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        assert v.status == "gemeld" and v.behandelaar_id == ctx.user.id
        assert v.ontvangst_bevestigd_op == TODAY
        ev = last_event(ctx.db)
        assert (ev.action, ev.object_type, ev.huishouden_id) == ("create", "ondersteuningsvraag", ctx.hh.id)
        assert ctx.db.scalar(select(VraagStatusWijziging.naar).where(VraagStatusWijziging.vraag_id == v.id)) == "gemeld"

    def test_team_queue_and_claim(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(zelf_behandelen=False))
        collega = ctx.world.user("toegangsmedewerker", teams=[ctx.team])
        ca = ctx.world.actor(collega)
        assert [q.id for q in svc.team_queue(ctx.db, ca)] == [v.id]
        svc.claim(ctx.db, ca, vraag_id=v.id)
        assert v.behandelaar_id == collega.id
        assert ctx.db.scalar(
            select(Betrokkenheid.id).where(Betrokkenheid.gebruiker_id == collega.id, Betrokkenheid.rol == "behandelaar")
        )
        assert last_event(ctx.db).reason == "opgepakt uit de teamwachtrij"
        with pytest.raises(InvalidTransition):
            svc.claim(ctx.db, ctx.actor, vraag_id=v.id)

    def test_supervisor_assigns(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(zelf_behandelen=False))
        collega = ctx.world.user("toegangsmedewerker", teams=[ctx.team])
        svc.assign(ctx.db, ctx.sup_actor, vraag_id=v.id, behandelaar_id=collega.id)
        assert v.behandelaar_id == collega.id
        assert last_event(ctx.db).action == "update"
        with pytest.raises(NotAllowed):
            svc.assign(ctx.db, ctx.actor, vraag_id=v.id, behandelaar_id=ctx.user.id)

    def test_invalid_leefgebied_refused(self, ctx) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValidationError) as exc:
            svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(leefgebieden=["onzin"]))
        assert "leefgebieden" in exc.value.errors
        assert _count(ctx.db, Ondersteuningsvraag) == 0

    def test_other_household_not_found(self, ctx) -> None:  # type: ignore[no-untyped-def]
        vreemde = ctx.world.user("toegangsmedewerker")
        with pytest.raises(NotFound):
            svc.register_melding(ctx.db, ctx.world.actor(vreemde), huishouden_id=ctx.hh.id, data=melding())


class TestGesprekEnVerslag:
    def test_gesprek_moves_to_in_onderzoek(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        g = svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek())
        assert v.status == "in_onderzoek" and g.subsidiariteit_compleet
        assert events(ctx.db, "gesprek", "create")
        assert events(ctx.db, "ondersteuningsvraag", "transition")

    def test_verslag_prefilled_sent_and_reaction(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek())
        tekst = svc.verslag_concept(ctx.db, v)
        assert "Eigen kracht: Kan koken" in tekst and "Instrumentele ADL: score 2" in tekst
        svc.save_verslag(ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagIn(tekst=tekst))
        vs = svc.mark_verslag_sent(ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagVerzendenIn(verzonden_op=TODAY))
        assert vs.verzonden_op == TODAY and v.status == "onderzoek_afgerond"
        assert last_event(ctx.db).reason == "verslag verzonden"
        svc.add_reactie(ctx.db, ctx.actor, vraag_id=v.id, data=s.ReactieIn(reactie_inwoner="Klopt."))
        assert vs.reactie_inwoner == "Klopt."

    def test_verslag_sent_before_gesprek_refused(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek())
        vs = svc.save_verslag(ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagIn(tekst="x"))
        with pytest.raises(ValidationError) as exc:
            svc.mark_verslag_sent(
                ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagVerzendenIn(verzonden_op=TODAY - timedelta(days=10))
            )
        assert "verzonden_op" in exc.value.errors
        assert vs.verzonden_op is None and v.status == "in_onderzoek"

    def test_gesprek_before_melding_refused(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        with pytest.raises(ValidationError):
            svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek(datum=TODAY - timedelta(days=30)))
        assert _count(ctx.db, Gesprek) == 0 and v.status == "gemeld"


class TestTermijnen:
    def test_onderzoek_deadline_and_verdaging_once(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        (dl,) = svc.deadlines_for(ctx.db, v)
        assert dl.stap == "onderzoek" and dl.datum == v.datum_melding + timedelta(weeks=6)
        assert "Wmo 2015 art. 2.3.2 lid 1" in dl.omschrijving
        data = s.TermijnaanpassingCreate(stap="onderzoek", soort="verdaging", van=TODAY, dagen=14, reden="Advies nodig")
        svc.add_termijnaanpassing(ctx.db, ctx.actor, vraag_id=v.id, data=data)
        (dl2,) = svc.deadlines_for(ctx.db, v)
        assert dl2.datum == dl.datum + timedelta(days=14)
        assert last_event(ctx.db).object_type == "termijnaanpassing"
        with pytest.raises(ValidationError) as exc:
            svc.add_termijnaanpassing(ctx.db, ctx.actor, vraag_id=v.id, data=data)
        assert "soort" in exc.value.errors
        assert _count(ctx.db, Termijnaanpassing) == 1

    def test_money_question_opens_the_schuldhulp_first_gesprek_term(self, ctx) -> None:  # type: ignore[no-untyped-def]
        """Wgs art. 4: first gesprek within 4 weeks, within 3 working days when urgent."""
        from app.domain.toegang import termijnen as tm

        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(leefgebieden=["financien"]))
        dl = {d.stap: d for d in svc.deadlines_for(ctx.db, v)}
        assert dl["eerste_gesprek"].datum == tm.extend_to_werkdag(v.datum_melding + timedelta(weeks=4))
        assert "Wgs art. 4" in dl["eerste_gesprek"].omschrijving
        spoed = svc.register_melding(
            ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(leefgebieden=["financien"], spoed=True)
        )
        dl = {d.stap: d for d in svc.deadlines_for(ctx.db, spoed)}
        assert dl["eerste_gesprek"].datum == tm.add_werkdagen(spoed.datum_melding, 3)
        svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek())
        assert "eerste_gesprek" not in {d.stap for d in svc.deadlines_for(ctx.db, v)}

    def test_opschorting_shifts(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        (dl,) = svc.deadlines_for(ctx.db, v)
        data = s.TermijnaanpassingCreate(
            stap="onderzoek", soort="opschorting", van=TODAY - timedelta(days=5), tot=TODAY, reden="Wacht op stukken"
        )
        svc.add_termijnaanpassing(ctx.db, ctx.actor, vraag_id=v.id, data=data)
        (dl2,) = svc.deadlines_for(ctx.db, v)
        assert dl2.datum > dl.datum

    def test_skip_to_aanvraag_refused_within_six_weeks(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        with pytest.raises(InvalidTransition) as exc:
            svc.register_aanvraag(ctx.db, ctx.actor, vraag_id=v.id, data=s.AanvraagCreate(datum_ontvangst=TODAY))
        assert "lid 9" in exc.value.message
        assert v.status == "gemeld"

    def test_skip_allowed_after_six_weeks(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(
            ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(datum_melding=TODAY - timedelta(days=60))
        )
        svc.register_aanvraag(ctx.db, ctx.actor, vraag_id=v.id, data=s.AanvraagCreate(datum_ontvangst=TODAY))
        assert v.status == "aanvraag_ontvangen"

    def test_invalid_transition(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        n = _count(ctx.db, VraagStatusWijziging)
        with pytest.raises(InvalidTransition) as exc:
            svc.transition(ctx.db, ctx.actor, vraag_id=v.id, naar="besloten")
        assert "kan de vraag niet naar" in exc.value.message
        assert v.status == "gemeld" and _count(ctx.db, VraagStatusWijziging) == n


class TestBeschikking:
    def test_toekenning_finalize_toewijzing_and_care(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        assert [d.stap for d in svc.deadlines_for(ctx.db, v)] == ["beschikking"]
        b = svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat))
        assert b.status == "concept" and b.nummer.startswith("B2026-")
        assert last_event(ctx.db).object_type == "beschikking"
        svc.finalize_beschikking(ctx.db, ctx.actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=TODAY))
        assert b.status == "definitief" and v.status == "besloten"
        vz = ctx.db.scalars(select(Maatwerkvoorziening).where(Maatwerkvoorziening.beschikking_id == b.id)).one()
        tw = ctx.db.scalars(select(Toewijzing).where(Toewijzing.voorziening_id == vz.id)).one()
        assert vz.status == "toegekend" and tw.toewijzingnummer.startswith("T2026")
        assert events(ctx.db, "beschikking", "transition") and events(ctx.db, "toewijzing", "create")
        svc.start_zorg(ctx.db, ctx.actor, voorziening_id=vz.id, data=s.StartZorgIn(datum=TODAY))
        assert vz.status == "actief" and tw.start_zorg == TODAY
        svc.wijzig_voorziening(
            ctx.db,
            ctx.actor,
            voorziening_id=vz.id,
            data=s.VoorzieningWijzigen(reden_wijziging="04", volume=Decimal("4")),
        )
        assert tw.volume == Decimal("4") and tw.reden_wijziging == "04"
        svc.stop_zorg(
            ctx.db,
            ctx.actor,
            voorziening_id=vz.id,
            data=s.StopZorgIn(datum=TODAY + timedelta(days=10), reden_beeindiging="19"),
        )
        assert vz.status == "beeindigd" and tw.stop_zorg == TODAY + timedelta(days=10)
        assert last_event(ctx.db).reason == "zorg gestopt"
        bz = svc.register_bezwaar(ctx.db, ctx.actor, beschikking_id=b.id, data=s.BezwaarCreate(datum_ontvangst=TODAY))
        assert bz.tijdig
        svc.close_vraag(
            ctx.db,
            ctx.actor,
            vraag_id=v.id,
            data=s.AfsluitenIn(reden="voorziening_toegekend", nazorgdatum=TODAY + timedelta(days=90)),
        )
        assert v.status == "afgesloten" and last_event(ctx.db).reason == "vraag afgesloten"
        tijdlijn = svc.chronologie(ctx.db, ctx.actor, huishouden_id=ctx.hh.id)
        assert tijdlijn and any("Beschikking" in g.wat for g in tijdlijn)

    @pytest.mark.parametrize(
        ("override", "field"),
        [
            ({"einddatum": TODAY - timedelta(days=1)}, "voorzieningen.0.einddatum"),
            ({"product": "jeugd"}, "voorzieningen.0.product_id"),
            ({"aanbieder": "zonder"}, "voorzieningen.0.aanbieder_id"),
            ({"ingangsdatum": date(2028, 6, 1), "einddatum": date(2028, 12, 1)}, "voorzieningen.0.aanbieder_id"),
            ({"leveringsvorm": "PGB", "aanbieder_id": None}, "voorzieningen.0.pgb_bekwaamheid"),
        ],
    )
    def test_bad_voorziening_refused(self, ctx, override, field) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        kw = dict(override)
        if kw.pop("product", None) == "jeugd":
            kw["product_id"] = ctx.cat.jeugd.id
        if kw.pop("aanbieder", None) == "zonder":
            kw["aanbieder_id"] = ctx.cat.zonder_contract.id
        with pytest.raises(ValidationError) as exc:
            svc.prepare_beschikking(
                ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat, [voorziening(ctx.cat, **kw)])
            )
        assert field in exc.value.errors
        assert _count(ctx.db, Beschikking) == 0 and _count(ctx.db, Maatwerkvoorziening) == 0

    def test_volume_zero_refused_by_schema(self, ctx) -> None:  # type: ignore[no-untyped-def]
        from app.domain.validation import parse

        with pytest.raises(ValidationError) as exc:
            parse(s.VoorzieningIn, {**voorziening(ctx.cat).model_dump(), "volume": "0"})
        assert "volume" in exc.value.errors

    def test_besluitdatum_before_aanvraag_refused(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        with pytest.raises(ValidationError) as exc:
            svc.prepare_beschikking(
                ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat, besluitdatum=TODAY - timedelta(days=10))
            )
        assert "besluitdatum" in exc.value.errors
        assert _count(ctx.db, Beschikking) == 0

    def test_maatwerk_without_subsidiarity_refused(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        svc.record_gesprek(ctx.db, ctx.actor, vraag_id=v.id, data=gesprek(netwerk=None))
        svc.save_verslag(ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagIn(tekst="x"))
        svc.mark_verslag_sent(ctx.db, ctx.actor, vraag_id=v.id, data=s.VerslagVerzendenIn(verzonden_op=TODAY))
        svc.register_aanvraag(ctx.db, ctx.actor, vraag_id=v.id, data=s.AanvraagCreate(datum_ontvangst=TODAY))
        with pytest.raises(ValidationError) as exc:
            svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat))
        assert "besluit" in exc.value.errors and "lid 4" in exc.value.errors["besluit"]
        assert _count(ctx.db, Beschikking) == 0

    def test_pgb_needs_approval(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        pgb = voorziening(
            ctx.cat, leveringsvorm="PGB", aanbieder_id=None, pgb_bekwaamheid=True, pgb_passend=True, pgb_kwaliteit=True
        )
        b = svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat, [pgb]))
        assert b.status == "ter_goedkeuring" and b.goedkeuring_nodig
        assert [x.id for x in svc.pending_approvals(ctx.db, ctx.sup_actor)] == [b.id]
        assert any(i.soort == "goedkeuring" for i in signals.items(ctx.db, ctx.sup_actor, TODAY))
        with pytest.raises(InvalidTransition):
            svc.finalize_beschikking(ctx.db, ctx.actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=TODAY))
        with pytest.raises(NotAllowed):
            svc.approve_beschikking(ctx.db, ctx.actor, beschikking_id=b.id)
        svc.approve_beschikking(ctx.db, ctx.sup_actor, beschikking_id=b.id, notitie="Akkoord")
        assert last_event(ctx.db).action == "approve"
        svc.finalize_beschikking(ctx.db, ctx.actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=TODAY))
        assert b.status == "definitief"
        assert _count(ctx.db, Toewijzing) == 0  # PGB: no toewijzing

    def test_reject_needs_note(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        lang = voorziening(ctx.cat, einddatum=TODAY + timedelta(days=800))
        b = svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat, [lang]))
        assert b.status == "ter_goedkeuring"
        with pytest.raises(ValidationError):
            svc.reject_beschikking(ctx.db, ctx.sup_actor, beschikking_id=b.id, notitie="")
        svc.reject_beschikking(ctx.db, ctx.sup_actor, beschikking_id=b.id, notitie="Te lang")
        assert b.status == "afgekeurd" and last_event(ctx.db).action == "reject"

    def test_jeugdwet_after_18_needs_ground(self, ctx) -> None:  # type: ignore[no-untyped-def]
        jongere = Persoon(voornamen="Sem", achternaam="Test", zoeknaam="sem test", geboortedatum=date(2007, 1, 1))
        ctx.db.add(jongere)
        ctx.db.flush()
        ctx.db.add(
            Lidmaatschap(huishouden_id=ctx.hh.id, persoon_id=jongere.id, relatie="kind", begindatum=date(2007, 1, 1))
        )
        ctx.db.flush()
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        vz = voorziening(ctx.cat, product_id=ctx.cat.jeugd.id, persoon_id=jongere.id)
        with pytest.raises(ValidationError) as exc:
            svc.prepare_beschikking(
                ctx.db,
                ctx.actor,
                vraag_id=v.id,
                data=beschikking(ctx.cat, [vz], wet="Jeugdwet", grondslag="Jeugdwet art. 2.3"),
            )
        assert "voorzieningen.0.grond_verlengde_jeugdhulp" in exc.value.errors
        vz = voorziening(
            ctx.cat, product_id=ctx.cat.jeugd.id, persoon_id=jongere.id, grond_verlengde_jeugdhulp="Voortzetting"
        )
        b = svc.prepare_beschikking(
            ctx.db,
            ctx.actor,
            vraag_id=v.id,
            data=beschikking(ctx.cat, [vz], wet="Jeugdwet", grondslag="Jeugdwet art. 2.3"),
        )
        assert b.wet == "Jeugdwet"

    def test_late_bezwaar_not_tijdig(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        b = svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat))
        svc.finalize_beschikking(ctx.db, ctx.actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=TODAY))
        freeze(TODAY + timedelta(days=60))
        bz = svc.register_bezwaar(
            ctx.db, ctx.actor, beschikking_id=b.id, data=s.BezwaarCreate(datum_ontvangst=TODAY + timedelta(days=60))
        )
        assert bz.tijdig is False

    def test_withdrawn_aanvraag_closes(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        svc.close_vraag(ctx.db, ctx.actor, vraag_id=v.id, data=s.AfsluitenIn(reden="ingetrokken"))
        assert v.status == "afgesloten" and v.afsluitreden == "ingetrokken"

    def test_close_needs_nazorg_when_support_given(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding())
        with pytest.raises(ValidationError) as exc:
            svc.close_vraag(ctx.db, ctx.actor, vraag_id=v.id, data=s.AfsluitenIn(reden="opgelost_voorliggend"))
        assert "nazorgdatum" in exc.value.errors and v.status == "gemeld"


class TestWerkvoorraad:
    def test_overdue_onderzoek_in_words(self, ctx) -> None:  # type: ignore[no-untyped-def]
        svc.register_melding(
            ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(datum_melding=TODAY - timedelta(days=50))
        )
        items = signals.items(ctx.db, ctx.actor, TODAY)
        (it,) = [i for i in items if i.soort == "termijn_onderzoek"]
        assert it.status == "verlopen"
        assert "Onderzoekstermijn Wmo verloopt op" in it.tekst and "(Wmo 2015 art. 2.3.2 lid 1)" in it.tekst

    def test_queue_item_for_team_and_not_for_outsider(self, ctx) -> None:  # type: ignore[no-untyped-def]
        svc.register_melding(ctx.db, ctx.actor, huishouden_id=ctx.hh.id, data=melding(zelf_behandelen=False))
        collega = ctx.world.actor(ctx.world.user("toegangsmedewerker", teams=[ctx.team]))
        assert any(i.soort == "teamwachtrij" for i in signals.items(ctx.db, collega, TODAY))
        buiten = ctx.world.actor(ctx.world.user("toegangsmedewerker", teams=[ctx.world.team()]))
        assert signals.items(ctx.db, buiten, TODAY) == []

    def test_herindicatie_within_8_weeks(self, ctx) -> None:  # type: ignore[no-untyped-def]
        v = to_aanvraag(ctx.db, ctx.actor, ctx.hh.id)
        kort = voorziening(ctx.cat, einddatum=TODAY + timedelta(days=30))
        b = svc.prepare_beschikking(ctx.db, ctx.actor, vraag_id=v.id, data=beschikking(ctx.cat, [kort]))
        svc.finalize_beschikking(ctx.db, ctx.actor, beschikking_id=b.id, data=s.DefinitiefIn(verzonden_op=TODAY))
        assert any(i.soort == "herindicatie" for i in signals.items(ctx.db, ctx.actor, TODAY))
