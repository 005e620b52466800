"""Plan screens through the real app: plan page, forms (plain and htmx), consent, the cliëntondersteuner's pages."""

from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.households.models import Toestemming
from app.domain.plans.models import Actie, Doel, Plan


def _setup(world):
    team = world.team()
    reg = world.user("regisseur", teams=[team])
    hh = world.household(reg, team=team, achternaam="Visser")
    return reg, hh


def _build(c, hh_id: int) -> None:
    assert c.post(f"/huishoudens/{hh_id}/plan/starten", data={"situatie": "Veel speelt"}).status_code == 303
    r = c.post(f"/huishoudens/{hh_id}/plan/doelen", data={"leefgebied": "financien", "woorden": "Rust in geld"})
    assert r.status_code == 303


class TestPlanPage:
    def test_dossier_shows_the_plan_section(self, login, world) -> None:
        reg, hh = _setup(world)
        r = login(reg).get(f"/huishoudens/{hh.id}")
        assert r.status_code == 200 and "Eén plan" in r.text and "Plan starten" in r.text
        assert "Toestemming om te delen" in r.text

    def test_build_and_vaststellen_plan(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        _build(c, hh.id)
        page = c.get(f"/huishoudens/{hh.id}/plan")
        assert page.status_code == 200 and "Rust in geld" in page.text
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        r = c.post(f"/huishoudens/{hh.id}/plan/vaststellen", data={"version": plan.version, "akkoord_door": "Els"})
        assert r.status_code == 303
        assert "Els" in c.get(f"/huishoudens/{hh.id}/plan").text
        assert c.get(f"/huishoudens/{hh.id}/plan/versies/1").status_code == 200
        pdf = c.get(f"/huishoudens/{hh.id}/plan/pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert db.scalar(select(AuditEvent).where(AuditEvent.action == "export", AuditEvent.object_type == "plan"))

    def test_doel_without_text_shows_message_and_saves_nothing(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        c.post(f"/huishoudens/{hh.id}/plan/starten", data={})
        r = c.post(f"/huishoudens/{hh.id}/plan/doelen", data={"leefgebied": ""}, headers={"HX-Request": "true"})
        assert r.status_code == 422 and "Kies een leefgebied." in r.text and 'id="plan"' in r.text
        assert db.scalar(select(Doel.id)) is None

    def test_htmx_success_answers_the_updated_partial(self, login, world) -> None:
        reg, hh = _setup(world)
        r = login(reg).post(f"/huishoudens/{hh.id}/plan/starten", data={}, headers={"HX-Request": "true"})
        assert r.status_code == 200 and r.headers["HX-Trigger"] == "plan-gewijzigd"
        assert r.text.lstrip().startswith('<div id="plan">') and "Nog geen doelen." in r.text

    def test_stale_version_answers_conflict_and_keeps_input(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        c.post(f"/huishoudens/{hh.id}/plan/starten", data={})
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        v = plan.version
        c.post(f"/huishoudens/{hh.id}/plan", data={"version": v, "situatie": "Eerst", "startdatum": plan.startdatum})
        r = c.post(
            f"/huishoudens/{hh.id}/plan", data={"version": v, "situatie": "Mijn tekst", "startdatum": plan.startdatum}
        )
        assert r.status_code == 409 and "Iemand anders" in r.text and "Mijn tekst" in r.text

    def test_second_professional_regisseur_is_refused_with_a_message(self, login, world) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        assert (
            c.post(
                f"/huishoudens/{hh.id}/regie",
                data={"houder": "professional", "regisseur_id": reg.id, "betekenis": "Coördinatie"},
            ).status_code
            == 303
        )
        other = world.user("regisseur")
        r = c.post(
            f"/huishoudens/{hh.id}/regie", data={"houder": "professional", "regisseur_id": other.id, "betekenis": "Ook"}
        )
        assert r.status_code == 409 and "hoogstens één professionele regisseur" in r.text

    def test_stranger_gets_not_found(self, login, world) -> None:
        _, hh = _setup(world)
        other = world.user("regisseur")
        assert login(other).get(f"/huishoudens/{hh.id}/plan").status_code == 404


class TestActieBewerken:
    def _actie(self, c, db, hh_id: int, reg_id: int) -> Actie:
        _build(c, hh_id)
        doel = db.scalars(select(Doel)).one()
        r = c.post(
            f"/huishoudens/{hh_id}/plan/doelen/{doel.id}/acties",
            data={"wat": "Budgetcoach bellen", "wie_soort": "professional", "gebruiker_id": reg_id},
        )
        assert r.status_code == 303
        return db.scalars(select(Actie)).one()

    def test_plan_page_has_an_edit_form_per_actie_filled_in(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        a = self._actie(c, db, hh.id, reg.id)
        page = c.get(f"/huishoudens/{hh.id}/plan").text
        assert f'action="http://testserver/huishoudens/{hh.id}/plan/acties/{a.id}"' in page
        assert "Actie bewerken: Budgetcoach bellen" in page
        assert f'id="f-actie-edit-{a.id}-wat" name="wat" type="text" value="Budgetcoach bellen"' in page

    def test_plain_post_changes_status_and_who_and_writes_audit(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        a = self._actie(c, db, hh.id, reg.id)
        r = c.post(
            f"/huishoudens/{hh.id}/plan/acties/{a.id}",
            data={"version": a.version, "wat": "Budgetcoach bellen", "wie_soort": "inwoner", "status": "bezig"},
        )
        assert r.status_code == 303 and r.headers["location"].endswith(f"/huishoudens/{hh.id}/plan#doelen")
        db.refresh(a)
        assert (a.status, a.wie_soort, a.gebruiker_id) == ("bezig", "inwoner", None)
        ev = db.scalar(
            select(AuditEvent).where(
                AuditEvent.object_type == "actie", AuditEvent.action == "update", AuditEvent.object_id == str(a.id)
            )
        )
        assert ev is not None and ev.changes["status"] == ["open", "bezig"]

    def test_deadline_before_plan_start_shows_message_in_that_form_and_keeps_input(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        a = self._actie(c, db, hh.id, reg.id)
        r = c.post(
            f"/huishoudens/{hh.id}/plan/acties/{a.id}",
            data={"version": a.version, "wat": "Nieuwe tekst", "wie_soort": "inwoner", "uiterlijk": "2000-01-01"},
            headers={"HX-Request": "true"},
        )
        assert r.status_code == 422 and 'id="plan"' in r.text
        assert f'href="#f-actie-edit-{a.id}-uiterlijk"' in r.text and "vóór de start van het plan" in r.text
        assert 'value="Nieuwe tekst"' in r.text
        db.refresh(a)
        assert a.wat == "Budgetcoach bellen"

    def test_stale_version_is_a_conflict(self, login, world, db) -> None:
        reg, hh = _setup(world)
        c = login(reg)
        a = self._actie(c, db, hh.id, reg.id)
        data = {"version": a.version, "wat": "Eerst", "wie_soort": "inwoner"}
        assert c.post(f"/huishoudens/{hh.id}/plan/acties/{a.id}", data=data).status_code == 303
        r = c.post(f"/huishoudens/{hh.id}/plan/acties/{a.id}", data={**data, "wat": "Tweede"})
        assert r.status_code == 409 and 'value="Tweede"' in r.text


class TestConsentAndSharedView:
    def test_give_consent_then_ondersteuner_reads_and_reacts_then_revocation_hides_it(self, login, world, db) -> None:
        reg, hh = _setup(world)
        ond = world.user("clientondersteuner")
        c = login(reg)
        _build(c, hh.id)
        plan = db.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).one()
        c.post(f"/huishoudens/{hh.id}/plan/vaststellen", data={"version": plan.version, "akkoord_door": "Els"})
        r = c.post(
            f"/huishoudens/{hh.id}/toestemmingen",
            data={"partij_soort": "clientondersteuner", "gebruiker_id": ond.id, "scope_plan": "on"},
        )
        assert r.status_code == 303
        t = db.scalars(select(Toestemming).where(Toestemming.huishouden_id == hh.id)).one()

        o = login(ond)
        lijst = o.get("/gedeeld")
        assert lijst.status_code == 200 and "Huishouden Visser" in lijst.text
        page = o.get(f"/gedeeld/{hh.id}")
        assert page.status_code == 200 and "Rust in geld" in page.text and "******" in page.text
        assert o.post(f"/gedeeld/{hh.id}/reactie", data={"soort": "plan", "tekst": "Graag rustiger"}).status_code == 303
        assert o.get(f"/huishoudens/{hh.id}/plan").status_code == 403  # knows it exists via consent; no dossier

        c = login(reg)
        assert "Graag rustiger" in c.get(f"/huishoudens/{hh.id}/plan").text
        r = c.post(f"/huishoudens/{hh.id}/toestemmingen/{t.id}/intrekken", data={"version": t.version})
        assert r.status_code == 303

        o = login(ond)
        assert o.get(f"/gedeeld/{hh.id}").status_code == 404
        assert "Huishouden Visser" not in o.get("/gedeeld").text

    def test_consent_end_before_start_shows_message(self, login, world, db) -> None:
        reg, hh = _setup(world)
        ond = world.user("clientondersteuner")
        r = login(reg).post(
            f"/huishoudens/{hh.id}/toestemmingen",
            data={
                "partij_soort": "clientondersteuner",
                "gebruiker_id": ond.id,
                "scope_plan": "on",
                "begindatum": "2026-05-01",
                "einddatum": "2026-04-01",
            },
        )
        assert r.status_code == 422 and "De einddatum ligt vóór de begindatum." in r.text
        assert db.scalar(select(Toestemming.id).where(Toestemming.huishouden_id == hh.id)) is None
