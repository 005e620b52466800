"""One table for every code list: (lijst, code) → omschrijving, plus the row's other columns."""

from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.base import Base


class Code(Base):
    __tablename__ = "code"
    lijst: Mapped[str] = mapped_column(String(50), primary_key=True)
    code: Mapped[str] = mapped_column(String(50), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(300))
    volgorde: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
