"""Background jobs for reports and exports that take longer than a request should ("Long work", issue 5).

The request that starts a job only inserts a queued `Job` row (and its audit event) and returns. After
that request has committed, `run_in_background` claims the row with a conditional UPDATE (so with two
workers exactly one runs it), opens its OWN session, and writes progress and the result into the row.
The page polls the row; nothing lives in process memory, so any instance can answer the poll.

Each job kind (`soort`) registers a runner `(session, actor, params, progress) -> JobResult` and the
roles that may start it. The runner receives the creator as actor, so the same authorization applies
as when the creator would run the report interactively.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.errors import NotFound, ValidationError
from app.domain.organisation.models import Gebruiker, Rol
from app.domain.supervision.models import Job

log = logging.getLogger(__name__)

# Tests run jobs in the caller's session, synchronously (their data is never committed).
RUN_INLINE = False
# How long a background runner waits for the starting request's commit to become visible.
CLAIM_WAIT_SECONDS = 15.0

Progress = Callable[[int], None]


@dataclass
class JobResult:
    inhoud: bytes
    bestandsnaam: str
    mime: str = "text/csv; charset=utf-8"
    samenvatting: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobSoort:
    soort: str
    label: str
    rollen: tuple[str, ...]
    run: Callable[[Session, Actor, dict[str, Any], Progress], JobResult]


_REGISTRY: dict[str, JobSoort] = {}
_RUNNER_MODULES = (
    "app.domain.supervision.audit_viewer",
    "app.domain.supervision.rechtmatigheid",
    "app.domain.supervision.monitoring",
)


def register(soort: str, label: str, *rollen: str):  # type: ignore[no-untyped-def]
    def deco(fn):  # type: ignore[no-untyped-def]
        _REGISTRY[soort] = JobSoort(soort, label, tuple(rollen), fn)
        return fn

    return deco


def registry() -> dict[str, JobSoort]:
    import importlib

    for mod in _RUNNER_MODULES:
        importlib.import_module(mod)
    return _REGISTRY


def start_job(session: Session, actor: Actor, *, soort: str, params: dict[str, Any]) -> Job:
    """Queue a job of `soort` for the actor (authorized per kind, audited as an export)."""
    kind = registry().get(soort)
    if kind is None:
        raise ValidationError({"soort": "Onbekend soort rapport."})
    authz.require_role(actor, *kind.rollen)  # type: ignore[arg-type]
    job = Job(soort=soort, status="queued", voortgang=0, params=params, aangemaakt_door_id=actor.gebruiker_id)
    session.add(job)
    session.flush()
    audit.record(
        session,
        actor,
        action="export",
        object_type="job",
        object_id=job.id,
        purpose="Controle en verantwoording",
        changes={"soort": soort, "params": params},
    )
    if RUN_INLINE:
        _execute(session, job, actor, kind, lambda n: setattr(job, "voortgang", n))
    return job


def get_job(session: Session, actor: Actor, *, job_id: int) -> Job:
    """A job is visible to its creator and to auditors; to anyone else it does not exist."""
    job = session.get(Job, job_id)
    if job is None or (job.aangemaakt_door_id != actor.gebruiker_id and not actor.heeft(Rol.AUDITOR)):
        raise NotFound()
    return job


def download(session: Session, actor: Actor, *, job_id: int) -> Job:
    job = get_job(session, actor, job_id=job_id)
    if job.status != "done" or job.resultaat is None:
        raise NotFound("Het bestand is nog niet klaar.")
    audit.record(
        session,
        actor,
        action="export",
        object_type="job",
        object_id=job.id,
        purpose="Controle en verantwoording",
        reason="download",
    )
    return job


def label(soort: str) -> str:
    kind = registry().get(soort)
    return kind.label if kind else soort


# ---- execution -------------------------------------------------------------------------------------


def _execute(session: Session, job: Job, actor: Actor, kind: JobSoort, progress: Progress) -> None:
    job.status = "running"
    job.started_at = clock.now()
    try:
        with session.begin_nested():
            result = kind.run(session, actor, dict(job.params or {}), progress)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job for the user to see
        log.exception("job %s failed", job.id)
        job.status = "failed"
        job.fout = f"{type(exc).__name__}: {exc}"[:2000]
        job.finished_at = clock.now()
        session.flush()
        return
    job.resultaat = result.inhoud
    job.bestandsnaam = result.bestandsnaam
    job.mime = result.mime
    job.samenvatting = result.samenvatting
    job.voortgang = 100
    job.status = "done"
    job.finished_at = clock.now()
    session.flush()


def _actor_of(session: Session, job: Job) -> Actor:
    from app.domain.organisation.auth import actor_for

    user = session.get(Gebruiker, job.aangemaakt_door_id) if job.aangemaakt_door_id else None
    if user is None or not user.actief:
        raise NotFound("De aanvrager van dit rapport bestaat niet meer of is niet actief.")
    return actor_for(user, request_id=f"job-{job.id}", kanaal="job")


def run_job(job_id: int, factory: Callable[[], Session] | None = None) -> bool:
    """Claim and run one queued job in its own sessions; returns False when another worker has it.

    The report reads in one session that writes nothing (so on SQLite it never holds the write lock
    while it runs); progress and the result are written in short transactions of their own.
    """
    if factory is None:
        from app.db import session_factory

        factory = session_factory()
    deadline = time.monotonic() + CLAIM_WAIT_SECONDS
    while True:
        with factory() as s:
            claimed = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == "queued")
                .values(status="running", started_at=clock.now())
            ).rowcount
            s.commit()
        if claimed:
            break
        with factory() as s:
            exists = s.scalar(select(Job.id).where(Job.id == job_id))
        if exists or time.monotonic() > deadline:
            return False  # someone else runs it, or the starting request never committed
        time.sleep(0.2)

    def finish(**values: Any) -> None:
        with factory() as ws:
            ws.execute(update(Job).where(Job.id == job_id).values(finished_at=clock.now(), **values))
            ws.commit()

    def progress(n: int) -> None:
        with factory() as ps:
            ps.execute(update(Job).where(Job.id == job_id).values(voortgang=max(0, min(99, int(n)))))
            ps.commit()

    try:
        with factory() as s:
            job = s.get(Job, job_id)
            assert job is not None
            actor = _actor_of(s, job)
            kind = registry()[job.soort]
            result = kind.run(s, actor, dict(job.params or {}), progress)
            s.rollback()
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job for the user to see
        log.exception("job %s failed", job_id)
        finish(status="failed", fout=f"{type(exc).__name__}: {exc}"[:2000])
        return True
    finish(
        status="done",
        voortgang=100,
        resultaat=result.inhoud,
        bestandsnaam=result.bestandsnaam,
        mime=result.mime,
        samenvatting=result.samenvatting,
    )
    return True


def run_in_background(job_id: int) -> None:
    """Start the runner in a daemon thread; called after the starting request has committed."""
    threading.Thread(target=run_job, args=(job_id,), name=f"job-{job_id}", daemon=True).start()


def schedule(background_tasks: Any, job: Job) -> None:
    """Hand a queued job to the request's background tasks (they run after the response and commit)."""
    if job.status == "queued":
        background_tasks.add_task(run_in_background, job.id)
