"""The Bericht: every message exchanged with a provider, in or out, with its raw XML kept.

The raw message is stored as received or generated (nothing is re-serialised), with its SHA-256, so
what was exchanged can be shown and proven later. An incoming message is applied at most once: the
pair (richting, sha256) is unique, and the provider's BerichtIdentificatie is checked for reuse.
"""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.base import Base, Timestamps, check_in

RICHTINGEN = ("uit", "in")
# uit: klaar (valid, waiting for the outbox) -> verzonden -> geaccepteerd | afgekeurd (by the 302), or ongeldig
# in:  verwerkt | afgekeurd (retour with rejection codes) | te_behandelen (315) -> beantwoord
BERICHT_STATUSSEN = (
    "klaar",
    "ongeldig",
    "verzonden",
    "geaccepteerd",
    "afgekeurd",
    "verwerkt",
    "te_behandelen",
    "beantwoord",
)
STATUS_LABELS = {
    "klaar": "Klaar voor verzending",
    "ongeldig": "Niet verzonden: voldoet niet aan de XSD",
    "verzonden": "Verzonden",
    "geaccepteerd": "Geaccepteerd door aanbieder",
    "afgekeurd": "Afgekeurd",
    "verwerkt": "Verwerkt",
    "te_behandelen": "Te behandelen",
    "beantwoord": "Beantwoord",
}


class Bericht(Timestamps, Base):
    __tablename__ = "bericht"
    __table_args__ = (
        CheckConstraint(check_in("richting", RICHTINGEN), name="richting"),
        CheckConstraint(check_in("status", BERICHT_STATUSSEN), name="status"),
        UniqueConstraint("richting", "sha256", name="uq_bericht_richting_sha256"),
        Index("ix_bericht_status_soort", "status", "soort"),
        Index("ix_bericht_afzender_identificatie", "afzender", "identificatie"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    soort: Mapped[str] = mapped_column(String(10))  # WMO301, JW305, ... ; "onbekend" when unreadable
    richting: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20))
    toewijzing_id: Mapped[int | None] = mapped_column(ForeignKey("toewijzing.id"), index=True)
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    huishouden_id: Mapped[int | None] = mapped_column(ForeignKey("huishouden.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    # the heenbericht a retour answers, or the 315 a 301/316 answers
    antwoord_op_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"), index=True)
    afzender: Mapped[str | None] = mapped_column(String(8))  # AGB-code or gemeentecode as in the header
    ontvanger: Mapped[str | None] = mapped_column(String(8))
    identificatie: Mapped[str | None] = mapped_column(String(20))
    retourcodes: Mapped[list] = mapped_column(JSON, default=list)
    fouten: Mapped[list] = mapped_column(JSON, default=list)
    samenvatting: Mapped[str | None] = mapped_column(Text)
    xml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    bestandsnaam: Mapped[str | None] = mapped_column(String(200))
    ontvangen_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verzonden_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verwerkt_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
