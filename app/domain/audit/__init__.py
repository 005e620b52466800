"""The audit trail: one mechanism every write and every look at a file passes through (DESIGN §8).

Events are written in the caller's transaction (never committed separately), so no change exists
without its event. Each event stores the hash of its predecessor; `verify_chain` finds the first
broken link. On PostgreSQL an advisory lock serialises appends so the chain cannot fork, and a
trigger (see migrations) refuses UPDATE and DELETE.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app import clock
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent

GENESIS = "0" * 64
_CHAIN_LOCK_KEY = 4_711_2026


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def _utc_naive(dt: datetime) -> datetime:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def compute_hash(ev: AuditEvent) -> str:
    payload = {
        "occurred_at": _utc_naive(ev.occurred_at).isoformat(timespec="microseconds"),
        "actor_id": ev.actor_id,
        "actor_username": ev.actor_username,
        "actor_rol": ev.actor_rol,
        "action": ev.action,
        "object_type": ev.object_type,
        "object_id": ev.object_id,
        "huishouden_id": ev.huishouden_id,
        "purpose": ev.purpose,
        "reason": ev.reason,
        "changes": ev.changes,
        "request_id": ev.request_id,
        "client_addr": ev.client_addr,
        "prev_hash": ev.prev_hash,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def record(
    session: Session,
    actor: Actor,
    *,
    action: str,
    object_type: str,
    object_id: Any = None,
    huishouden_id: int | None = None,
    purpose: str | None = None,
    reason: str | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain in the current transaction. Errors propagate: no event, no change."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})
    prev = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    ev = AuditEvent(
        occurred_at=_utc_naive(clock.now()),
        actor_id=actor.gebruiker_id,
        actor_username=actor.username,
        actor_rol=actor.rol_label or None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id)[:50],  # the column's width; ids fit
        huishouden_id=huishouden_id,
        purpose=purpose,
        reason=reason,
        changes=_plain(changes) if changes else None,
        request_id=actor.request_id,
        client_addr=actor.client_addr,
        prev_hash=prev or GENESIS,
    )
    ev.hash = compute_hash(ev)
    session.add(ev)
    session.flush()
    return ev


def defer(session: Session, actor: Actor, **kw: Any) -> None:
    """Queue an event that must outlive a rollback (denials, failed logins); see flush_deferred."""
    session.info.setdefault("deferred_audit", []).append((actor, kw))


def flush_deferred(session: Session) -> bool:
    """Write queued events into the session's current transaction. The request boundary calls this."""
    pending = session.info.pop("deferred_audit", [])
    for actor, kw in pending:
        record(session, actor, **kw)
    return bool(pending)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {
        k: [_plain(before.get(k)), _plain(after.get(k))]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _plain(getattr(obj, f)) for f in fields}


def record_create(
    session: Session,
    actor: Actor,
    obj: Any,
    fields: Iterable[str],
    *,
    object_type: str,
    huishouden_id: int | None = None,
    purpose: str | None = None,
) -> AuditEvent:
    """Flush a newly added object and record its creation with every field as the change."""
    session.flush()
    return record(
        session,
        actor,
        action="create",
        object_type=object_type,
        object_id=obj.id,
        huishouden_id=huishouden_id,
        purpose=purpose,
        changes=diff({}, snapshot(obj, fields)),
    )


def apply_update(
    session: Session,
    actor: Actor,
    obj: Any,
    data: Any,
    fields: Iterable[str],
    *,
    object_type: str,
    set_fields: Iterable[str] | None = None,
    huishouden_id: int | None = None,
    purpose: str | None = None,
) -> dict[str, list[Any]]:
    """Copy `set_fields` (default: `fields`) from `data` onto `obj`, flush, and record an "update"
    event with the diff over `fields` when anything changed. Returns the changes."""
    fields = tuple(fields)
    before = snapshot(obj, fields)
    for f in fields if set_fields is None else set_fields:
        setattr(obj, f, getattr(data, f))
    session.flush()
    changes = diff(before, snapshot(obj, fields))
    if changes:
        record(
            session,
            actor,
            action="update",
            object_type=object_type,
            object_id=obj.id,
            huishouden_id=huishouden_id,
            purpose=purpose,
            changes=changes,
        )
    return changes


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    count: int
    broken_id: int | None = None
    message: str = ""


def verify_chain(session: Session, *, batch: int = 5000) -> ChainResult:
    """Walk the chain in id order; report the first event whose link or content does not match."""
    prev = GENESIS
    count = 0
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            break
        for ev in rows:
            if ev.prev_hash != prev:
                return ChainResult(False, count, ev.id, f"event {ev.id}: link to predecessor broken")
            if compute_hash(ev) != ev.hash:
                return ChainResult(False, count, ev.id, f"event {ev.id}: content does not match its hash")
            prev = ev.hash
            count += 1
            last_id = ev.id
            session.expunge(ev)  # keep memory flat on long chains
    return ChainResult(True, count)
