"""The auditor's view of the audit trail: search, CSV export and the hash-chain check (DESIGN §8).

Only auditors use it, and every search, export and chain check is itself an audit event, so the
controllers are controlled too. A person (BSN) is found through the households they were ever a
member of (ended memberships included: the question is historical).
"""

import json
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent
from app.domain.csvfile import CsvBuilder
from app.domain.households.models import Lidmaatschap, Persoon
from app.domain.organisation.models import Rol
from app.domain.supervision import jobs
from app.domain.supervision import schemas as s

PURPOSE = "Controle en verantwoording"
PER_PAGINA = 50
# Up to this many rows a CSV is written in the request; beyond it the export runs as a job.
DIRECT_EXPORT_MAX = 2000
CSV_FIELDS = (
    "id",
    "occurred_at",
    "actor_username",
    "actor_rol",
    "action",
    "object_type",
    "object_id",
    "huishouden_id",
    "purpose",
    "reason",
    "changes",
    "request_id",
    "client_addr",
)


def _query(session: Session, opdracht: s.AuditZoekopdracht) -> Select:
    q = select(AuditEvent)
    if opdracht.bsn:
        persoon_ids = select(Persoon.id).where(Persoon.bsn == opdracht.bsn)
        hh_ids = select(Lidmaatschap.huishouden_id).where(Lidmaatschap.persoon_id.in_(persoon_ids))
        persoon_str = [str(i) for i in session.scalars(persoon_ids)]
        conds = [AuditEvent.huishouden_id.in_(hh_ids)]
        if persoon_str:
            conds.append(and_(AuditEvent.object_type == "persoon", AuditEvent.object_id.in_(persoon_str)))
        q = q.where(or_(*conds))
    if opdracht.huishouden_id:
        q = q.where(AuditEvent.huishouden_id == opdracht.huishouden_id)
    if opdracht.gebruiker:
        q = q.where(func.lower(AuditEvent.actor_username) == opdracht.gebruiker.lower())
    if opdracht.actie:
        q = q.where(AuditEvent.action == opdracht.actie)
    # occurred_at is naive UTC (see audit.record); the period is in whole days.
    if opdracht.van:
        q = q.where(AuditEvent.occurred_at >= datetime.combine(opdracht.van, datetime.min.time()))
    if opdracht.tot:
        q = q.where(AuditEvent.occurred_at < datetime.combine(opdracht.tot + timedelta(days=1), datetime.min.time()))
    return q


def search(
    session: Session, actor: Actor, *, opdracht: s.AuditZoekopdracht, pagina: int = 1, per_pagina: int = PER_PAGINA
) -> s.AuditPagina:
    """One page of matching events, newest first. The search itself is audited."""
    authz.require_role(actor, Rol.AUDITOR)
    q = _query(session, opdracht)
    totaal = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    paginas = max(1, -(-totaal // per_pagina))
    pagina = min(max(1, pagina), paginas)
    rows = session.scalars(q.order_by(AuditEvent.id.desc()).offset((pagina - 1) * per_pagina).limit(per_pagina)).all()
    events = [s.AuditEventRead.model_validate(e) for e in rows]
    audit.record(
        session,
        actor,
        action="search",
        object_type="audit_event",
        purpose=PURPOSE,
        changes={"criteria": opdracht.criteria(), "pagina": pagina, "hits": totaal},
    )
    return s.AuditPagina(events=events, totaal=totaal, pagina=pagina, paginas=paginas, per_pagina=per_pagina)


def count(session: Session, actor: Actor, *, opdracht: s.AuditZoekopdracht) -> int:
    authz.require_role(actor, Rol.AUDITOR)
    return session.scalar(select(func.count()).select_from(_query(session, opdracht).subquery())) or 0


def _csv(session: Session, q: Select, total: int, progress: jobs.Progress | None = None) -> bytes:
    w = CsvBuilder(CSV_FIELDS)
    last_id = None
    done = 0
    while True:
        page = q.order_by(AuditEvent.id.desc()).limit(1000)
        if last_id is not None:
            page = page.where(AuditEvent.id < last_id)
        rows = session.scalars(page).all()
        if not rows:
            break
        for e in rows:
            w.row(
                [
                    e.id,
                    e.occurred_at.isoformat(),
                    e.actor_username or "",
                    e.actor_rol or "",
                    e.action,
                    e.object_type,
                    e.object_id or "",
                    e.huishouden_id or "",
                    e.purpose or "",
                    e.reason or "",
                    json.dumps(e.changes, ensure_ascii=False, sort_keys=True) if e.changes else "",
                    e.request_id or "",
                    e.client_addr or "",
                ]
            )
        done += len(rows)
        last_id = rows[-1].id
        if progress and total:
            progress(done * 100 // total)
    return w.bytes()


def export_csv(session: Session, actor: Actor, *, opdracht: s.AuditZoekopdracht) -> bytes:
    """A small export directly in the request (audited as an export)."""
    authz.require_role(actor, Rol.AUDITOR)
    q = _query(session, opdracht)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    data = _csv(session, q, total)
    audit.record(
        session,
        actor,
        action="export",
        object_type="audit_event",
        purpose=PURPOSE,
        changes={"criteria": opdracht.criteria(), "rijen": total},
    )
    return data


@jobs.register("audit_export", "Export audittrail", Rol.AUDITOR)
def _run_export(session: Session, actor: Actor, params: dict[str, Any], progress: jobs.Progress) -> jobs.JobResult:
    authz.require_role(actor, Rol.AUDITOR)
    opdracht = s.AuditZoekopdracht.model_validate(params)
    q = _query(session, opdracht)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    data = _csv(session, q, total, progress)
    return jobs.JobResult(inhoud=data, bestandsnaam="audittrail.csv", samenvatting={"rijen": total})


def check_chain(session: Session, actor: Actor) -> s.KetenResultaat:
    """Run the hash-chain verification from the screen; the check and its outcome are audited."""
    authz.require_role(actor, Rol.AUDITOR)
    t0 = time.perf_counter()
    res = audit.verify_chain(session)
    ms = (time.perf_counter() - t0) * 1000
    out = s.KetenResultaat(
        ok=res.ok, aantal=res.count, duur_ms=round(ms, 1), gebroken_event_id=res.broken_id, melding=res.message
    )
    audit.record(
        session,
        actor,
        action="view",
        object_type="audit_event",
        purpose=PURPOSE,
        reason="ketencontrole",
        changes={"ok": res.ok, "aantal": res.count, "gebroken_event_id": res.broken_id},
    )
    return out
