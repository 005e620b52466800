"""Background jobs: authorized per kind, audited, run in their own session, visible to creator and auditors."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.supervision import jobs
from app.domain.supervision.models import Job


@pytest.fixture()
def inline(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(jobs, "RUN_INLINE", True)


class TestStartJob:
    def test_auditor_export_runs_and_is_audited(self, db, world, inline) -> None:
        auditor = world.user("auditor", username="controller1")
        u = world.user("toegangsmedewerker", username="consulent1")
        world.household(u)
        job = jobs.start_job(db, world.actor(auditor), soort="audit_export", params={"gebruiker": "consulent1"})
        assert job.status == "done" and job.voortgang == 100
        assert job.bestandsnaam == "audittrail.csv"
        text = job.resultaat.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("id;occurred_at;actor_username")
        assert "consulent1" in text
        ev = db.scalar(select(AuditEvent).where(AuditEvent.action == "export", AuditEvent.object_type == "job"))
        assert ev and ev.object_id == str(job.id) and ev.changes["soort"] == "audit_export"

    def test_caseworker_may_not_start_an_audit_export(self, db, world, inline) -> None:
        u = world.user("toegangsmedewerker")
        with pytest.raises(NotAllowed):
            jobs.start_job(db, world.actor(u), soort="audit_export", params={"gebruiker": "x"})
        assert db.scalar(select(Job.id)) is None

    def test_unknown_kind_is_refused(self, db, world) -> None:
        auditor = world.user("auditor")
        with pytest.raises(ValidationError) as exc:
            jobs.start_job(db, world.actor(auditor), soort="alles", params={})
        assert "soort" in exc.value.errors

    def test_failure_is_recorded_on_the_job(self, db, world, inline) -> None:
        auditor = world.user("auditor")
        job = jobs.start_job(db, world.actor(auditor), soort="rechtmatigheid", params={"van": "x", "tot": "y"})
        assert job.status == "failed" and "ValidationError" in (job.fout or "")


class TestGetJob:
    def test_only_creator_or_auditor_sees_a_job(self, db, world, inline) -> None:
        a1 = world.user("auditor")
        a2 = world.user("auditor")
        other = world.user("supervisor")
        job = jobs.start_job(db, world.actor(a1), soort="audit_export", params={"actie": "login"})
        assert jobs.get_job(db, world.actor(a1), job_id=job.id).id == job.id
        assert jobs.get_job(db, world.actor(a2), job_id=job.id).id == job.id
        with pytest.raises(NotFound):
            jobs.get_job(db, world.actor(other), job_id=job.id)

    def test_download_is_audited(self, db, world, inline) -> None:
        a1 = world.user("auditor")
        job = jobs.start_job(db, world.actor(a1), soort="audit_export", params={"actie": "login"})
        jobs.download(db, world.actor(a1), job_id=job.id)
        assert db.scalar(select(AuditEvent).where(AuditEvent.reason == "download", AuditEvent.object_id == str(job.id)))


class TestRunJobInItsOwnSession:
    def test_queued_job_is_claimed_once_and_finished(self, db: Session, world) -> None:
        auditor = world.user("auditor")
        job = jobs.start_job(db, world.actor(auditor), soort="audit_export", params={"actie": "create"})
        assert job.status == "queued"
        conn = db.connection()

        def factory() -> Session:
            return Session(bind=conn, join_transaction_mode="create_savepoint")

        assert jobs.run_job(job.id, factory) is True
        assert jobs.run_job(job.id, factory) is False  # already claimed: a second worker does nothing
        db.expire_all()
        done = db.get(Job, job.id)
        assert done.status == "done" and done.voortgang == 100 and done.resultaat
        assert done.started_at is not None and done.finished_at is not None
