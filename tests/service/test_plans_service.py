"""Service tests of the één plan: plan, doelen, acties, vaststellen, regie, evaluations, schaal, consent."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households.models import Betrokkenheid, Huishouden
from app.domain.plans import consent, service
from app.domain.plans import schemas as s
from app.domain.plans.models import Plan, PlanVersie, Schaalbesluit
from app.domain.validation import parse

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _frozen():
    clock.freeze(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


def _audit(db, action: str, object_type: str, hh_id: int | None = None) -> AuditEvent | None:
    q = select(AuditEvent).where(AuditEvent.action == action, AuditEvent.object_type == object_type)
    if hh_id is not None:
        q = q.where(AuditEvent.huishouden_id == hh_id)
    return db.scalars(q.order_by(AuditEvent.id.desc())).first()


@pytest.fixture()
def setup(world):
    team = world.team()
    reg = world.user("regisseur", teams=[team])
    hh = world.household(reg, team=team)
    return world, reg, world.actor(reg), hh


def _plan_with_doel(db, actor, hh, start: date = TODAY) -> s.DoelRead:
    service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate(startdatum=start, situatie="Schulden en zorg"))
    return service.add_doel(
        db, actor, huishouden_id=hh.id, data=s.DoelIn(leefgebied="financien", woorden="Rust in de schulden")
    )


def _vaststellen(db, actor, hh) -> s.PlanVersieRead:
    plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
    return service.vaststellen(
        db, actor, huishouden_id=hh.id, data=s.Vaststellen(version=plan.version, akkoord_door="Anja")
    )


class TestStartPlan:
    def test_regisseur_starts_the_one_plan_and_it_is_audited(self, db, setup) -> None:
        _, _, actor, hh = setup
        p = service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate(situatie="Veel tegelijk"))
        assert p.status == "concept" and p.startdatum == TODAY
        ev = _audit(db, "create", "plan", hh.id)
        assert ev is not None and ev.purpose == service.PURPOSE

    def test_second_plan_for_the_household_is_refused(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())
        with pytest.raises(Conflict):
            service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())

    def test_stranger_gets_not_found(self, db, setup) -> None:
        world, _, _, hh = setup
        other = world.actor(world.user("regisseur"))
        with pytest.raises(NotFound):
            service.start_plan(db, other, huishouden_id=hh.id, data=s.PlanCreate())


class TestDoelen:
    def test_doel_without_leefgebied_or_text_is_refused_and_nothing_saved(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())
        with pytest.raises(ValidationError) as exc:
            parse(s.DoelIn, {"woorden": ""})
        assert "leefgebied" in exc.value.errors and "woorden" in exc.value.errors
        with pytest.raises(ValidationError) as exc:
            service.add_doel(db, actor, huishouden_id=hh.id, data=s.DoelIn(leefgebied="bestaat_niet", woorden="x"))
        assert exc.value.errors == {"leefgebied": "Kies een leefgebied uit de lijst."}
        assert service.get_plan(db, actor, huishouden_id=hh.id).doelen == []

    def test_doel_keeps_household_words_and_professional_judgement_beside_it(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())
        d = service.add_doel(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.DoelIn(leefgebied="huisvesting", woorden="Wij willen blijven wonen", professioneel_oordeel="Urgent"),
        )
        assert d.woorden == "Wij willen blijven wonen" and d.professioneel_oordeel == "Urgent"
        assert d.leefgebied_label == "Huisvesting"
        assert _audit(db, "create", "doel", hh.id)


class TestActies:
    def test_deadline_before_plan_start_is_refused(self, db, setup) -> None:
        _, _, actor, hh = setup
        d = _plan_with_doel(db, actor, hh)
        with pytest.raises(ValidationError) as exc:
            service.add_actie(
                db,
                actor,
                huishouden_id=hh.id,
                doel_id=d.id,
                data=s.ActieIn(wat="Bellen", uiterlijk=TODAY - timedelta(days=1)),
            )
        assert "uiterlijk" in exc.value.errors
        assert service.get_plan(db, actor, huishouden_id=hh.id).doelen[0].acties == []

    def test_actie_for_a_professional_names_who(self, db, setup) -> None:
        _, reg, actor, hh = setup
        d = _plan_with_doel(db, actor, hh)
        a = service.add_actie(
            db,
            actor,
            huishouden_id=hh.id,
            doel_id=d.id,
            data=s.ActieIn(wat="Budgetcoach regelen", wie_soort="professional", gebruiker_id=reg.id, uiterlijk=TODAY),
        )
        assert a.wie == reg.naam
        assert _audit(db, "create", "actie", hh.id)

    def test_professional_without_name_is_refused(self) -> None:
        with pytest.raises(ValidationError) as exc:
            parse(s.ActieIn, {"wat": "x", "wie_soort": "professional"})
        assert "Kies welke professional" in next(iter(exc.value.errors.values()))


class TestVaststellen:
    def test_vaststellen_keeps_a_version_and_a_change_makes_it_concept_again(self, db, setup) -> None:
        _, _, actor, hh = setup
        _plan_with_doel(db, actor, hh)
        v = _vaststellen(db, actor, hh)
        assert v.versienummer == 1
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        assert plan.status == "vastgesteld" and plan.volgende_evaluatie is not None
        service.add_doel(db, actor, huishouden_id=hh.id, data=s.DoelIn(leefgebied="werk_opleiding", woorden="Werk"))
        assert plan.status == "concept"
        v2 = _vaststellen(db, actor, hh)
        assert v2.versienummer == 2
        cmp = service.compare_versions(db, actor, huishouden_id=hh.id, versienummer=2)
        assert any("toegevoegd" in r["onderdeel"] for r in cmp["rijen"])
        assert _audit(db, "create", "plan_versie", hh.id)

    def test_plan_without_doelen_cannot_be_vastgesteld(self, db, setup) -> None:
        _, _, actor, hh = setup
        p = service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())
        with pytest.raises(ValidationError):
            service.vaststellen(db, actor, huishouden_id=hh.id, data=s.Vaststellen(version=p.version, akkoord_door="A"))
        assert db.scalar(select(PlanVersie.id)) is None

    def test_vaststellen_twice_is_an_invalid_transition(self, db, setup) -> None:
        _, _, actor, hh = setup
        _plan_with_doel(db, actor, hh)
        _vaststellen(db, actor, hh)
        with pytest.raises(InvalidTransition):
            _vaststellen(db, actor, hh)


class TestConcurrency:
    def test_stale_plan_version_is_a_conflict_and_the_first_save_stays(self, db, setup) -> None:
        _, _, actor, hh = setup
        p = service.start_plan(db, actor, huishouden_id=hh.id, data=s.PlanCreate())
        first = s.PlanUpdate(version=p.version, situatie="Eerste", startdatum=TODAY)
        second = s.PlanUpdate(version=p.version, situatie="Tweede", startdatum=TODAY)
        service.update_plan(db, actor, huishouden_id=hh.id, data=first)
        with pytest.raises(Conflict):
            service.update_plan(db, actor, huishouden_id=hh.id, data=second)
        assert service.get_plan(db, actor, huishouden_id=hh.id).situatie == "Eerste"


class TestRegie:
    def test_professional_regisseur_gets_a_betrokkenheid(self, db, setup) -> None:
        world, _, actor, hh = setup
        other = world.user("regisseur")
        r = service.create_regie(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.RegieIn(houder="professional", regisseur_id=other.id, betekenis="Coördineert alle hulp"),
        )
        assert r.actief
        assert db.scalar(
            select(Betrokkenheid).where(Betrokkenheid.gebruiker_id == other.id, Betrokkenheid.rol == "regisseur")
        )
        assert _audit(db, "create", "regieafspraak", hh.id)

    def test_second_active_professional_regisseur_is_refused(self, db, setup) -> None:
        world, reg, actor, hh = setup
        service.create_regie(
            db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="professional", regisseur_id=reg.id, betekenis="x")
        )
        other = world.user("regisseur")
        with pytest.raises(Conflict) as exc:
            service.create_regie(
                db,
                actor,
                huishouden_id=hh.id,
                data=s.RegieIn(houder="professional", regisseur_id=other.id, betekenis="y"),
            )
        assert "hoogstens één professionele regisseur" in exc.value.message
        assert len(service.list_regie(db, actor, huishouden_id=hh.id)) == 1

    def test_after_ending_the_first_a_new_regisseur_may_start(self, db, setup) -> None:
        world, reg, actor, hh = setup
        r = service.create_regie(
            db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="professional", regisseur_id=reg.id, betekenis="x")
        )
        service.end_regie(
            db, actor, huishouden_id=hh.id, regie_id=r.id, data=s.RegieEnd(version=r.version, einddatum=TODAY)
        )
        other = world.user("regisseur")
        service.create_regie(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.RegieIn(
                houder="professional", regisseur_id=other.id, betekenis="y", begindatum=TODAY + timedelta(days=1)
            ),
        )
        assert len(service.list_regie(db, actor, huishouden_id=hh.id)) == 2

    def test_household_itself_may_hold_regie(self, db, setup) -> None:
        _, _, actor, hh = setup
        r = service.create_regie(db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="huishouden", betekenis="Zelf"))
        assert r.wie == "Het huishouden"


class TestEvaluatie:
    def test_evaluation_updates_the_next_date_and_status(self, db, setup) -> None:
        _, _, actor, hh = setup
        d = _plan_with_doel(db, actor, hh)
        _vaststellen(db, actor, hh)
        e = service.add_evaluatie(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.EvaluatieIn(
                voortgang={str(d.id): "Gaat goed"},
                gehoord=True,
                schaal_conclusie="af",
                volgende_evaluatie=date(2026, 9, 1),
            ),
        )
        assert e.voortgang == {str(d.id): "Gaat goed"}
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        assert plan.volgende_evaluatie == date(2026, 9, 1) and plan.status == "geevalueerd"
        assert _audit(db, "create", "evaluatie", hh.id)

    def test_evaluation_of_a_plan_never_vastgesteld_is_refused(self, db, setup) -> None:
        _, _, actor, hh = setup
        _plan_with_doel(db, actor, hh)
        with pytest.raises(ValidationError):
            service.add_evaluatie(db, actor, huishouden_id=hh.id, data=s.EvaluatieIn())


class TestSchaal:
    def _regie(self, db, actor, hh, reg) -> None:
        service.create_regie(
            db, actor, huishouden_id=hh.id, data=s.RegieIn(houder="professional", regisseur_id=reg.id, betekenis="x")
        )

    def test_definitive_besluit_sets_the_household_level(self, db, setup) -> None:
        _, _, actor, hh = setup
        b = service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=2, reden="Licht"))
        assert b.status == "definitief" and db.get(Huishouden, hh.id).schaalniveau == 2
        assert _audit(db, "create", "schaalbesluit", hh.id)

    def test_level_4_without_professional_regisseur_is_refused(self, db, setup) -> None:
        _, _, actor, hh = setup
        with pytest.raises(ValidationError) as exc:
            service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=4, reden="Zwaar"))
        assert "regisseur" in exc.value.errors["naar"]
        assert db.get(Huishouden, hh.id).schaalniveau is None

    def test_level_5_is_pending_until_a_supervisor_approves(self, db, setup) -> None:
        world, reg, actor, hh = setup
        self._regie(db, actor, hh, reg)
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=3, reden="Maatwerk"))
        b = service.create_schaalbesluit(
            db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=5, reden="Veiligheid")
        )
        assert b.status == "wacht_op_goedkeuring" and db.get(Huishouden, hh.id).schaalniveau == 3
        team = db.get(Huishouden, hh.id).team_id
        from app.domain.organisation.models import Team

        sup_user = world.user("supervisor", teams=[db.get(Team, team)])
        sup = world.actor(sup_user)
        assert [x.id for x in service.pending_schaalbesluiten(db, sup)] == [b.id]
        with pytest.raises(NotAllowed):
            service.approve_schaalbesluit(
                db, actor, besluit_id=b.id, data=s.SchaalbesluitBeoordeling(version=b.version)
            )
        ok = service.approve_schaalbesluit(db, sup, besluit_id=b.id, data=s.SchaalbesluitBeoordeling(version=b.version))
        assert ok.status == "definitief" and db.get(Huishouden, hh.id).schaalniveau == 5
        assert _audit(db, "approve", "schaalbesluit", hh.id)

    def test_supervisor_may_reject_with_a_reason(self, db, setup) -> None:
        world, reg, actor, hh = setup
        self._regie(db, actor, hh, reg)
        b = service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=5, reden="V"))
        from app.domain.organisation.models import Team

        sup = world.actor(world.user("supervisor", teams=[db.get(Team, db.get(Huishouden, hh.id).team_id)]))
        with pytest.raises(ValidationError):
            service.reject_schaalbesluit(db, sup, besluit_id=b.id, data=s.SchaalbesluitBeoordeling(version=b.version))
        r = service.reject_schaalbesluit(
            db, sup, besluit_id=b.id, data=s.SchaalbesluitBeoordeling(version=b.version, notitie="Eerst overleg")
        )
        assert r.status == "afgewezen" and db.get(Huishouden, hh.id).schaalniveau is None

    def test_afschaling_without_evaluation_is_refused(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=3, reden="Maatwerk"))
        with pytest.raises(ValidationError) as exc:
            service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=2, reden="Beter"))
        assert exc.value.errors["naar"] == "Afschalen kan alleen na een evaluatie."
        assert db.scalar(select(Schaalbesluit.id).where(Schaalbesluit.naar == 2)) is None

    def test_afschaling_after_evaluation_is_allowed(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=3, reden="Maatwerk"))
        _plan_with_doel(db, actor, hh)
        _vaststellen(db, actor, hh)
        service.add_evaluatie(db, actor, huishouden_id=hh.id, data=s.EvaluatieIn(schaal_conclusie="af"))
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=2, reden="Beter"))
        assert db.get(Huishouden, hh.id).schaalniveau == 2

    def test_overview_suggests_and_flags_mismatch(self, db, setup) -> None:
        _, _, actor, hh = setup
        service.create_schaalbesluit(db, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=3, reden="Maatwerk"))
        o = service.schaal_overzicht(db, actor, huishouden_id=hh.id)
        assert o.huidig == 3 and o.suggestie == 0 and o.mismatch and len(o.besluiten) == 1


class TestConsent:
    def test_consent_with_end_before_start_is_refused(self, db, setup) -> None:
        world, _, actor, hh = setup
        ond = world.user("clientondersteuner")
        with pytest.raises(ValidationError) as exc:
            consent.create_toestemming(
                db,
                actor,
                huishouden_id=hh.id,
                data=s.ToestemmingIn(
                    partij_soort="clientondersteuner",
                    gebruiker_id=ond.id,
                    begindatum=TODAY,
                    einddatum=TODAY - timedelta(days=1),
                ),
            )
        assert "einddatum" in exc.value.errors
        assert consent.list_toestemmingen(db, actor, huishouden_id=hh.id) == []

    def test_consent_for_a_wrong_party_is_refused(self, db, setup) -> None:
        world, _, actor, hh = setup
        not_ondersteuner = world.user("regisseur")
        with pytest.raises(ValidationError) as exc:
            consent.create_toestemming(
                db,
                actor,
                huishouden_id=hh.id,
                data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=not_ondersteuner.id),
            )
        assert "gebruiker_id" in exc.value.errors

    def test_give_and_revoke_are_audited(self, db, setup) -> None:
        world, _, actor, hh = setup
        ond = world.user("clientondersteuner")
        t = consent.create_toestemming(
            db, actor, huishouden_id=hh.id, data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=ond.id)
        )
        assert t.actief and _audit(db, "create", "toestemming", hh.id)
        r = consent.revoke_toestemming(
            db, actor, huishouden_id=hh.id, toestemming_id=t.id, data=s.ToestemmingIntrekken(version=t.version)
        )
        assert not r.actief and _audit(db, "update", "toestemming", hh.id).reason == "toestemming ingetrokken"


class TestClientondersteunerMatrix:
    def _shared(self, db, setup):
        world, _, actor, hh = setup
        _plan_with_doel(db, actor, hh)
        _vaststellen(db, actor, hh)
        ond_user = world.user("clientondersteuner")
        ond = world.actor(ond_user)
        return world, actor, hh, ond_user, ond

    def test_with_consent_the_vastgesteld_plan_is_shown_masked_and_audited(self, db, setup) -> None:
        world, actor, hh, ond_user, ond = self._shared(db, setup)
        consent.create_toestemming(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=ond_user.id),
        )
        assert [h.id for h in consent.shared_households(db, ond)] == [hh.id]
        p = consent.shared_plan(db, ond, huishouden_id=hh.id)
        assert p is not None and p.versienummer == 1 and p.plan["doelen"][0]["woorden"] == "Rust in de schulden"
        assert all(lid["bsn"].startswith("******") for lid in p.leden)
        ev = _audit(db, "view", "plan_versie", hh.id)
        assert ev is not None and ev.actor_id == ond_user.id
        r = consent.add_reaction(db, ond, huishouden_id=hh.id, data=s.ReactieIn(tekst="Anja wil eerst rust"))
        assert r.plan_id is not None and _audit(db, "create", "reactie", hh.id)
        assert service.get_plan(db, actor, huishouden_id=hh.id).reacties[0].tekst == "Anja wil eerst rust"

    def test_without_consent_nothing_is_revealed(self, db, setup) -> None:
        _, _, hh, _, ond = self._shared(db, setup)
        assert consent.shared_households(db, ond) == []
        with pytest.raises(NotFound):
            consent.shared_plan(db, ond, huishouden_id=hh.id)
        with pytest.raises(NotFound):
            consent.shared_plan(db, ond, huishouden_id=999_999)
        with pytest.raises(NotFound):
            consent.add_reaction(db, ond, huishouden_id=hh.id, data=s.ReactieIn(tekst="x"))
        with pytest.raises(NotFound):
            service.get_plan(db, ond, huishouden_id=hh.id)

    def test_after_revocation_access_ends_at_once(self, db, setup) -> None:
        _, actor, hh, ond_user, ond = self._shared(db, setup)
        t = consent.create_toestemming(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=ond_user.id),
        )
        assert consent.shared_plan(db, ond, huishouden_id=hh.id)
        consent.revoke_toestemming(
            db, actor, huishouden_id=hh.id, toestemming_id=t.id, data=s.ToestemmingIntrekken(version=t.version)
        )
        with pytest.raises(NotFound):
            consent.shared_plan(db, ond, huishouden_id=hh.id)
        assert consent.shared_households(db, ond) == []

    def test_plan_scope_does_not_open_the_verslag(self, db, setup) -> None:
        _, actor, hh, ond_user, ond = self._shared(db, setup)
        consent.create_toestemming(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=ond_user.id, scope_verslag=False),
        )
        with pytest.raises(NotFound):
            consent.shared_verslag(db, ond, huishouden_id=hh.id)

    def test_consent_for_another_ondersteuner_does_not_count(self, db, setup) -> None:
        world, actor, hh, _, ond = self._shared(db, setup)
        other = world.user("clientondersteuner")
        consent.create_toestemming(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=other.id),
        )
        with pytest.raises(NotFound):
            consent.shared_plan(db, ond, huishouden_id=hh.id)


class TestConsentOverlap:
    def test_a_second_running_consent_for_the_same_party_is_refused(self, db, world) -> None:
        import pytest
        from sqlalchemy import func, select

        from app.domain.errors import ValidationError
        from app.domain.households.models import Toestemming
        from app.domain.plans import consent
        from app.domain.plans import schemas as ps

        regisseur = world.user("regisseur")
        mee = world.user("clientondersteuner")
        hh = world.household(regisseur)
        actor = world.actor(regisseur)
        data = ps.ToestemmingIn(partij_soort="clientondersteuner", gebruiker_id=mee.id, scope_plan=True)
        consent.create_toestemming(db, actor, huishouden_id=hh.id, data=data)
        before = db.scalar(select(func.count()).select_from(Toestemming).where(Toestemming.huishouden_id == hh.id))
        with pytest.raises(ValidationError) as exc:
            consent.create_toestemming(db, actor, huishouden_id=hh.id, data=data)
        assert "lopende toestemming" in exc.value.errors["partij_soort"]
        after = db.scalar(select(func.count()).select_from(Toestemming).where(Toestemming.huishouden_id == hh.id))
        assert before == after
