"""The pseudonymised GMSD export: fields, stable pseudonym without the BSN, gemeente scope."""

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.errors import NotAllowed
from app.domain.households.models import Lidmaatschap, Persoon
from app.domain.supervision import jobs, monitoring
from app.domain.supervision.rechtmatigheid import Periode
from tests.factories import valid_bsn
from tests.service.test_supervision_data import beschikking, product, voorziening, vraag

P = Periode(van=date(2026, 1, 1), tot=date(2026, 11, 23))


def _case(db, world):  # type: ignore[no-untyped-def]
    u = world.user("toegangsmedewerker")
    bsn = valid_bsn(777)
    hh = world.household(u, bsn=bsn)
    p = db.scalar(select(Persoon).join(Lidmaatschap).where(Lidmaatschap.huishouden_id == hh.id))
    vz = voorziening(db, beschikking(db, vraag(db, hh, u)), product(db), persoon_id=p.id)
    return bsn, hh, vz


class TestPseudonym:
    def test_stable_per_bsn_and_depends_on_the_secret(self) -> None:
        a = monitoring.pseudonym("123456782", secret="s1")
        assert a == monitoring.pseudonym("123456782", secret="s1")
        assert a != monitoring.pseudonym("123456782", secret="s2") and "123456782" not in a
        assert a != monitoring.pseudonym("111222333", secret="s1")


class TestGmsdExport:
    def test_rows_carry_the_monitor_fields_without_bsn(self, db, world) -> None:
        bsn, hh, vz = _case(db, world)
        rows = monitoring.gmsd_rows(db, world.actor(world.user("auditor")), periode=P)
        row = next(r for r in rows if r["ingangsdatum"] == vz.ingangsdatum.isoformat())
        assert row["gemeentecode"] == world.gemeente.cbs_code and row["geboortejaar"] == 1980
        assert row["pseudoniem"] == monitoring.pseudonym(bsn) and row["leveringsvorm"] == "ZIN"
        assert row["productcategorie"] == "02" and bsn not in str(rows)

    def test_supervisor_only_for_own_gemeenten(self, db, world) -> None:
        _case(db, world)
        sup = world.user("supervisor")  # works for Roermond and Maasgouw (factory)
        other = next(
            g for g in db.scalars(select(type(world.gemeente))) if g.id not in {world.gemeente.id, world.gemeente2.id}
        )
        with pytest.raises(NotAllowed):
            monitoring.gmsd_rows(db, world.actor(sup), periode=Periode(P.van, P.tot, other.id))
        assert len(monitoring.gmsd_rows(db, world.actor(sup), periode=P)) == 1

    def test_as_job(self, db, world, monkeypatch) -> None:
        monkeypatch.setattr(jobs, "RUN_INLINE", True)
        _case(db, world)
        job = jobs.start_job(
            db,
            world.actor(world.user("supervisor")),
            soort="gmsd_export",
            params={"van": "2026-01-01", "tot": "2026-11-23"},
        )
        assert job.status == "done" and job.resultaat.decode("utf-8-sig").startswith("gemeentecode;pseudoniem")

    def test_caseworker_may_not_export(self, db, world) -> None:
        with pytest.raises(NotAllowed):
            monitoring.gmsd_rows(db, world.actor(world.user("toegangsmedewerker")), periode=P)
