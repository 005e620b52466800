"""Product, Aanbieder and Contract (which provider may deliver which product in which period)."""

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.base import Base, Timestamps, Versioned, check_in

WETTEN = ("Wmo", "Jeugdwet", "Participatiewet", "Schuldhulp")


class Product(Timestamps, Versioned, Base):
    __tablename__ = "product"
    __table_args__ = (CheckConstraint(check_in("wet", WETTEN), name="wet"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    wet: Mapped[str] = mapped_column(String(20), index=True)
    productcategorie: Mapped[str | None] = mapped_column(String(4))
    iv3_taakveld: Mapped[str | None] = mapped_column(String(10))
    eenheid: Mapped[str | None] = mapped_column(String(4))
    frequentie: Mapped[str | None] = mapped_column(String(4))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)


class Aanbieder(Timestamps, Versioned, Base):
    __tablename__ = "aanbieder"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    agb_code: Mapped[str] = mapped_column(String(8), unique=True)
    kvk_nummer: Mapped[str | None] = mapped_column(String(8))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)

    contracten: Mapped[list["Contract"]] = relationship(back_populates="aanbieder", lazy="raise")


class Contract(Timestamps, Versioned, Base):
    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint("einddatum IS NULL OR einddatum >= begindatum", name="periode"),
        Index("ix_contract_aanbieder_product", "aanbieder_id", "product_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    begindatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)

    aanbieder: Mapped[Aanbieder] = relationship(back_populates="contracten", lazy="raise")
    product: Mapped[Product] = relationship(lazy="raise")

    def geldig_op(self, dag: date) -> bool:
        return self.begindatum <= dag and (self.einddatum is None or dag <= self.einddatum)
