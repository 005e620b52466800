"""The auditor's audit trail search and chain check: criteria, paging, and that the auditor is audited too."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, ValidationError
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.supervision import audit_viewer
from app.domain.supervision.schemas import AuditZoekopdracht
from app.domain.validation import parse
from tests.conftest import IS_PG
from tests.factories import valid_bsn


def _q(**kw) -> AuditZoekopdracht:  # type: ignore[no-untyped-def]
    return parse(AuditZoekopdracht, kw)


class TestAuditSearch:
    def test_by_bsn_finds_events_of_every_household_the_person_was_in(self, db, world) -> None:
        u = world.user("toegangsmedewerker")
        bsn = valid_bsn(901)
        hh1 = world.household(u, bsn=bsn)
        hh2 = world.household(u)
        other = world.household(u)
        # The person also lived in hh2 for a while (ended membership: history still counts).
        from app.domain.households.models import Lidmaatschap, Persoon

        p = db.scalar(select(Persoon).where(Persoon.bsn == bsn))
        db.add(
            Lidmaatschap(
                huishouden_id=hh2.id,
                persoon_id=p.id,
                relatie="kind",
                begindatum=date(2010, 1, 1),
                einddatum=date(2015, 1, 1),
            )
        )
        db.flush()
        hsvc.get_dossier(db, world.actor(u), huishouden_id=hh2.id)
        auditor = world.user("auditor")
        res = audit_viewer.search(db, world.actor(auditor), opdracht=_q(bsn=bsn))
        hh_ids = {e.huishouden_id for e in res.events}
        assert hh1.id in hh_ids and hh2.id in hh_ids and other.id not in hh_ids
        ev = db.scalar(select(AuditEvent).where(AuditEvent.action == "search", AuditEvent.object_type == "audit_event"))
        assert ev.actor_id == auditor.id and ev.changes["criteria"] == {"bsn": bsn} and ev.changes["hits"] == res.totaal

    def test_by_user_action_and_period_shows_old_and_new_values(self, db, world) -> None:
        u = world.user("toegangsmedewerker", username="wijzigaar")
        hh = world.household(u)
        hsvc.update_household(
            db,
            world.actor(u),
            huishouden_id=hh.id,
            data=hs.HuishoudenUpdate(
                **{
                    **hsvc.get_dossier(db, world.actor(u), huishouden_id=hh.id).model_dump(include=set(hsvc.HH_FIELDS)),
                    "straat": "Nieuwstraat",
                    "version": hh.version,
                }
            ),
        )
        auditor = world.user("auditor")
        vandaag = clock.today()
        res = audit_viewer.search(
            db,
            world.actor(auditor),
            opdracht=_q(gebruiker="WIJZIGAAR", actie="update", van=vandaag.isoformat(), tot=vandaag.isoformat()),
        )
        assert res.totaal == 1
        assert res.events[0].changes["straat"] == ["Markt", "Nieuwstraat"]
        gisteren = vandaag - timedelta(days=1)
        none = audit_viewer.search(
            db, world.actor(auditor), opdracht=_q(gebruiker="wijzigaar", tot=gisteren.isoformat())
        )
        assert none.totaal == 0

    def test_results_are_paged_newest_first(self, db, world) -> None:
        u = world.user("toegangsmedewerker", username="veelzoeker")
        for _ in range(5):
            world.household(u)
        auditor = world.user("auditor")
        q = _q(gebruiker="veelzoeker", actie="create")
        n = db.query(AuditEvent).filter_by(actor_username="veelzoeker", action="create").count()
        p1 = audit_viewer.search(db, world.actor(auditor), opdracht=q, per_pagina=2)
        last = -(-n // 2)
        p3 = audit_viewer.search(db, world.actor(auditor), opdracht=q, pagina=last, per_pagina=2)
        assert n >= 5 and p1.totaal == n and p1.paginas == last and len(p3.events) == (n - 2 * (last - 1))
        assert p1.events[0].id > p1.events[1].id > p3.events[0].id

    def test_needs_a_criterion_and_a_valid_bsn(self, db, world) -> None:
        with pytest.raises(ValidationError):
            _q()
        with pytest.raises(ValidationError) as exc:
            _q(bsn="123456789")
        assert "bsn" in exc.value.errors
        with pytest.raises(ValidationError):
            _q(van="2026-02-01", tot="2026-01-01")

    def test_only_auditors_search(self, db, world) -> None:
        sup = world.user("supervisor")
        with pytest.raises(NotAllowed):
            audit_viewer.search(db, world.actor(sup), opdracht=_q(actie="view"))

    def test_small_csv_export_is_audited(self, db, world) -> None:
        u = world.user("toegangsmedewerker", username="exporteer")
        world.household(u)
        auditor = world.user("auditor")
        data = audit_viewer.export_csv(db, world.actor(auditor), opdracht=_q(gebruiker="exporteer"))
        assert "exporteer" in data.decode("utf-8-sig")
        assert db.scalar(
            select(AuditEvent).where(AuditEvent.action == "export", AuditEvent.object_type == "audit_event")
        )


class TestChainCheck:
    def test_intact_chain_reports_ok_count_and_time(self, db, world) -> None:
        u = world.user("toegangsmedewerker")
        world.household(u)
        auditor = world.user("auditor")
        n = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        res = audit_viewer.check_chain(db, world.actor(auditor))
        assert res.ok and res.aantal >= 1 and res.duur_ms >= 0
        ev = db.scalar(select(AuditEvent).where(AuditEvent.reason == "ketencontrole"))
        assert ev.actor_id == auditor.id and ev.changes["ok"] is True and ev.id > n

    @pytest.mark.skipif(IS_PG, reason="PostgreSQL refuses UPDATE on audit_event by trigger")
    def test_tampered_event_is_reported(self, db, world) -> None:
        u = world.user("toegangsmedewerker")
        world.household(u)
        last = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        db.execute(text("UPDATE audit_event SET reason = 'vervalst' WHERE id = :i"), {"i": last})
        db.expire_all()
        res = audit_viewer.check_chain(db, world.actor(world.user("auditor")))
        assert not res.ok and res.gebroken_event_id == last

    def test_only_auditors_check(self, db, world) -> None:
        with pytest.raises(NotAllowed):
            audit_viewer.check_chain(db, world.actor(world.user("beheerder")))
