"""SQLAlchemy models of the supervision area: background jobs for reports and exports.

A `Job` holds everything about a long-running report: its parameters, progress, result and error.
Progress and result live in the database, not in process memory, so any instance behind the load
balancer can answer the polling request of a job another instance is running.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.base import Base, check_in

JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(Base):
    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint(check_in("status", JOB_STATUSES), name="status"),
        CheckConstraint("voortgang BETWEEN 0 AND 100", name="voortgang"),
        Index("ix_job_aangemaakt_door", "aangemaakt_door_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    soort: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default="queued")
    voortgang: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The finished file (CSV as UTF-8 bytes) plus a small JSON summary for the screen.
    resultaat: Mapped[bytes | None] = mapped_column(LargeBinary)
    samenvatting: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    bestandsnaam: Mapped[str | None] = mapped_column(String(200))
    mime: Mapped[str | None] = mapped_column(String(100))
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fout: Mapped[str | None] = mapped_column(Text)
