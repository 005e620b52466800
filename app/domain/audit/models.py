"""AuditEvent: append-only and hash-chained (DESIGN §8)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.base import Base, check_in

ACTIONS = (
    "view",
    "create",
    "update",
    "transition",
    "approve",
    "reject",
    "export",
    "import",
    "login",
    "login_failed",
    "logout",
    "lockout",
    "access_denied",
    "break_the_glass",
    "search",
    "delete",
)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        CheckConstraint(check_in("action", ACTIONS), name="action"),
        Index("ix_audit_event_actor_time", "actor_id", "occurred_at"),
        Index("ix_audit_event_object", "object_type", "object_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # UTC, naive: the same text on SQLite and PostgreSQL, so the hash verifies on both.
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=False), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_username: Mapped[str | None] = mapped_column(String(64))
    actor_rol: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[str | None] = mapped_column(String(50))
    huishouden_id: Mapped[int | None] = mapped_column(Integer, index=True)
    purpose: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_addr: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
