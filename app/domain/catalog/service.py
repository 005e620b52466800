"""The product catalogue and the providers (aanbieders) with their contracts: functioneel beheer.

Invariants kept here:
- a product's productcategorie comes from the code list of its wet (Wmo: `wmo_productcategorie`,
  Jeugdwet: `jeugd_productcategorie`) and is required for those two laws; Participatiewet and
  schuldhulp have no such list, so no category; IV-3 taakveld, eenheid and frequentie come from their
  code lists;
- product codes and AGB-codes are unique;
- an aanbieder has at most one contract per product on any day (no overlapping periods), because a
  toewijzing must point at exactly one contract.

Only the functioneel beheerder changes the catalogue; every logged-in role may read it (consultants
pick products and providers in their forms). Every change is audited with purpose "Functioneel beheer".
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.catalog import schemas as s
from app.domain.catalog.models import Aanbieder, Contract, Product
from app.domain.codelists import service as codelists
from app.domain.errors import NotAllowed, NotFound, ValidationError
from app.domain.households.service import check_version
from app.domain.organisation.models import Rol

PURPOSE = "Functioneel beheer"
PRODUCT_FIELDS = ("code", "naam", "wet", "productcategorie", "iv3_taakveld", "eenheid", "frequentie", "actief")
AANBIEDER_FIELDS = ("naam", "agb_code", "kvk_nummer", "actief")
CONTRACT_FIELDS = ("aanbieder_id", "product_id", "begindatum", "einddatum")

# The code list holding the productcategorieën of each wet; laws without one take no category.
CATEGORIE_LIJST = {"Wmo": "wmo_productcategorie", "Jeugdwet": "jeugd_productcategorie"}


def _require_beheer(actor: Actor, bootstrap: bool = False) -> None:
    if not bootstrap:
        authz.require_role(actor, Rol.BEHEERDER)


def _require_reader(actor: Actor) -> None:
    # Any logged-in role (or the system itself); an actor without roles reads nothing.
    if not actor.rollen:
        raise NotAllowed()


# ---- pure rules --------------------------------------------------------------------------------------


def perioden_overlappen(b1: date, e1: date | None, b2: date, e2: date | None) -> bool:
    """Two closed periods overlap when each starts on or before the other ends (None: open-ended)."""
    return (e2 is None or b1 <= e2) and (e1 is None or b2 <= e1)


def heeft_contract(session: Session, aanbieder_id: int, product_id: int, dag: date) -> bool:
    """Is there a contract for this aanbieder and product valid on `dag`?

    Used by the toegang to check that a ZIN provider is contracted (rechtmatigheid). Looks at the
    contract period only, not at the aanbieder's current `actief` flag, so historical checks stay true.
    """
    q = select(Contract.id).where(
        Contract.aanbieder_id == aanbieder_id,
        Contract.product_id == product_id,
        Contract.begindatum <= dag,
        (Contract.einddatum.is_(None)) | (Contract.einddatum >= dag),
    )
    return session.scalar(q.limit(1)) is not None


# ---- products ----------------------------------------------------------------------------------------


def product_read(session: Session, p: Product) -> s.ProductRead:
    lijst = CATEGORIE_LIJST.get(p.wet)
    return s.ProductRead(
        id=p.id,
        code=p.code,
        naam=p.naam,
        wet=p.wet,
        productcategorie=p.productcategorie,
        productcategorie_label=(codelists.label(session, lijst, p.productcategorie) or None) if lijst else None,
        iv3_taakveld=p.iv3_taakveld,
        iv3_taakveld_label=codelists.label(session, "iv3_taakveld", p.iv3_taakveld) or None,
        eenheid=p.eenheid,
        eenheid_label=codelists.label(session, "eenheid", p.eenheid) or None,
        frequentie=p.frequentie,
        frequentie_label=codelists.label(session, "frequentie", p.frequentie) or None,
        actief=p.actief,
        version=p.version,
    )


def _validate_product(session: Session, data: s.ProductIn, product_id: int | None) -> None:
    errors: dict[str, str] = {}
    clash = select(Product.id).where(Product.code == data.code)
    if product_id is not None:
        clash = clash.where(Product.id != product_id)
    if session.scalar(clash):
        errors["code"] = "Er bestaat al een product met deze code."
    lijst = CATEGORIE_LIJST.get(data.wet)
    if lijst is None:
        if data.productcategorie:
            errors["productcategorie"] = f"Voor de {data.wet} hoort geen productcategorie; laat dit veld leeg."
    elif not data.productcategorie:
        errors["productcategorie"] = f"Kies een productcategorie van de {data.wet}."
    elif not codelists.is_valid(session, lijst, data.productcategorie):
        errors["productcategorie"] = f"Deze productcategorie hoort niet bij de {data.wet}."
    for field, lijst_naam, msg in (
        ("iv3_taakveld", "iv3_taakveld", "Kies een bestaand IV-3 taakveld."),
        ("eenheid", "eenheid", "Kies een eenheid uit de lijst."),
        ("frequentie", "frequentie", "Kies een frequentie uit de lijst."),
    ):
        value = getattr(data, field)
        if value is not None and not codelists.is_valid(session, lijst_naam, value):
            errors[field] = msg
    if errors:
        raise ValidationError(errors)


def list_products(
    session: Session, actor: Actor, *, wet: str | None = None, alleen_actief: bool = False
) -> list[s.ProductRead]:
    _require_reader(actor)
    q = select(Product).order_by(Product.wet, Product.code)
    if wet:
        q = q.where(Product.wet == wet)
    if alleen_actief:
        q = q.where(Product.actief.is_(True))
    return [product_read(session, p) for p in session.scalars(q)]


def get_product(session: Session, actor: Actor, *, product_id: int) -> s.ProductRead:
    _require_reader(actor)
    p = session.get(Product, product_id)
    if p is None:
        raise NotFound()
    return product_read(session, p)


def create_product(session: Session, actor: Actor, *, data: s.ProductCreate, bootstrap: bool = False) -> s.ProductRead:
    """Add a product. `bootstrap` is for the seed, which runs as the system itself."""
    _require_beheer(actor, bootstrap)
    _validate_product(session, data, None)
    p = Product(**data.model_dump(include=set(PRODUCT_FIELDS)))
    session.add(p)
    audit.record_create(session, actor, p, PRODUCT_FIELDS, object_type="product", purpose=PURPOSE)
    return product_read(session, p)


def update_product(session: Session, actor: Actor, *, product_id: int, data: s.ProductUpdate) -> s.ProductRead:
    _require_beheer(actor)
    p = session.get(Product, product_id)
    if p is None:
        raise NotFound()
    check_version(p, data.version)
    _validate_product(session, data, p.id)
    audit.apply_update(session, actor, p, data, PRODUCT_FIELDS, object_type="product", purpose=PURPOSE)
    return product_read(session, p)


# ---- aanbieders --------------------------------------------------------------------------------------


def _contract_read(c: Contract, p: Product, dag: date) -> s.ContractRead:
    return s.ContractRead(
        id=c.id,
        aanbieder_id=c.aanbieder_id,
        product_id=c.product_id,
        product_code=p.code,
        product_naam=p.naam,
        wet=p.wet,
        begindatum=c.begindatum,
        einddatum=c.einddatum,
        geldig_vandaag=c.geldig_op(dag),
        status="geldig" if c.geldig_op(dag) else ("toekomstig" if c.begindatum > dag else "beeindigd"),
        version=c.version,
    )


def _contracts(session: Session, aanbieder_id: int) -> list[s.ContractRead]:
    dag = clock.today()
    rows = session.execute(
        select(Contract, Product)
        .join(Product, Product.id == Contract.product_id)
        .where(Contract.aanbieder_id == aanbieder_id)
        .order_by(Product.code, Contract.begindatum)
    ).all()
    return [_contract_read(c, p, dag) for c, p in rows]


def aanbieder_read(session: Session, a: Aanbieder) -> s.AanbiederRead:
    contracten = _contracts(session, a.id)
    return s.AanbiederRead(
        id=a.id,
        naam=a.naam,
        agb_code=a.agb_code,
        kvk_nummer=a.kvk_nummer,
        actief=a.actief,
        aantal_contracten=len(contracten),
        contracten=contracten,
        version=a.version,
    )


def list_aanbieders(
    session: Session, actor: Actor, *, alleen_actief: bool = False, product_id: int | None = None
) -> list[s.AanbiederListItem]:
    """Providers by name; with `product_id`, only those contracted for that product today."""
    _require_reader(actor)
    n = select(Contract.aanbieder_id, func.count(Contract.id).label("n")).group_by(Contract.aanbieder_id).subquery()
    q = select(Aanbieder, func.coalesce(n.c.n, 0)).outerjoin(n, n.c.aanbieder_id == Aanbieder.id)
    if alleen_actief:
        q = q.where(Aanbieder.actief.is_(True))
    if product_id is not None:
        dag = clock.today()
        q = q.where(
            Aanbieder.id.in_(
                select(Contract.aanbieder_id).where(
                    Contract.product_id == product_id,
                    Contract.begindatum <= dag,
                    (Contract.einddatum.is_(None)) | (Contract.einddatum >= dag),
                )
            )
        )
    return [
        s.AanbiederListItem(
            id=a.id,
            naam=a.naam,
            agb_code=a.agb_code,
            kvk_nummer=a.kvk_nummer,
            actief=a.actief,
            aantal_contracten=count,
            version=a.version,
        )
        for a, count in session.execute(q.order_by(Aanbieder.naam, Aanbieder.id))
    ]


def get_aanbieder(session: Session, actor: Actor, *, aanbieder_id: int) -> s.AanbiederRead:
    _require_reader(actor)
    a = session.get(Aanbieder, aanbieder_id)
    if a is None:
        raise NotFound()
    return aanbieder_read(session, a)


def _check_agb_unique(session: Session, agb_code: str, aanbieder_id: int | None) -> None:
    q = select(Aanbieder.id).where(Aanbieder.agb_code == agb_code)
    if aanbieder_id is not None:
        q = q.where(Aanbieder.id != aanbieder_id)
    if session.scalar(q):
        raise ValidationError({"agb_code": "Er is al een aanbieder met deze AGB-code."})


def create_aanbieder(
    session: Session, actor: Actor, *, data: s.AanbiederCreate, bootstrap: bool = False
) -> s.AanbiederRead:
    _require_beheer(actor, bootstrap)
    _check_agb_unique(session, data.agb_code, None)
    a = Aanbieder(**data.model_dump(include=set(AANBIEDER_FIELDS)))
    session.add(a)
    audit.record_create(session, actor, a, AANBIEDER_FIELDS, object_type="aanbieder", purpose=PURPOSE)
    return aanbieder_read(session, a)


def update_aanbieder(session: Session, actor: Actor, *, aanbieder_id: int, data: s.AanbiederUpdate) -> s.AanbiederRead:
    _require_beheer(actor)
    a = session.get(Aanbieder, aanbieder_id)
    if a is None:
        raise NotFound()
    check_version(a, data.version)
    _check_agb_unique(session, data.agb_code, a.id)
    audit.apply_update(session, actor, a, data, AANBIEDER_FIELDS, object_type="aanbieder", purpose=PURPOSE)
    return aanbieder_read(session, a)


# ---- contracts ---------------------------------------------------------------------------------------


def _check_no_overlap(
    session: Session, *, aanbieder_id: int, product_id: int, begin: date, eind: date | None, skip_id: int | None
) -> None:
    q = select(Contract).where(Contract.aanbieder_id == aanbieder_id, Contract.product_id == product_id)
    if skip_id is not None:
        q = q.where(Contract.id != skip_id)
    for other in session.scalars(q):
        if perioden_overlappen(begin, eind, other.begindatum, other.einddatum):
            tot = other.einddatum.strftime("%d-%m-%Y") if other.einddatum else "onbepaalde tijd"
            raise ValidationError(
                {
                    "begindatum": (
                        "Deze periode overlapt met een bestaand contract voor dit product "
                        f"({other.begindatum.strftime('%d-%m-%Y')} tot en met {tot})."
                    )
                }
            )


def add_contract(
    session: Session, actor: Actor, *, aanbieder_id: int, data: s.ContractCreate, bootstrap: bool = False
) -> s.ContractRead:
    _require_beheer(actor, bootstrap)
    a = session.get(Aanbieder, aanbieder_id)
    if a is None:
        raise NotFound()
    p = session.get(Product, data.product_id)
    if p is None:
        raise ValidationError({"product_id": "Kies een bestaand product."})
    _check_no_overlap(
        session,
        aanbieder_id=a.id,
        product_id=p.id,
        begin=data.begindatum,
        eind=data.einddatum,
        skip_id=None,
    )
    c = Contract(aanbieder_id=a.id, product_id=p.id, begindatum=data.begindatum, einddatum=data.einddatum)
    session.add(c)
    audit.record_create(session, actor, c, CONTRACT_FIELDS, object_type="contract", purpose=PURPOSE)
    return _contract_read(c, p, clock.today())


def update_contract(
    session: Session, actor: Actor, *, aanbieder_id: int, contract_id: int, data: s.ContractUpdate
) -> s.ContractRead:
    """Change a contract's period (typically: end it). The product of a contract does not change."""
    _require_beheer(actor)
    c = session.get(Contract, contract_id)
    if c is None or c.aanbieder_id != aanbieder_id:
        raise NotFound()
    check_version(c, data.version)
    _check_no_overlap(
        session,
        aanbieder_id=c.aanbieder_id,
        product_id=c.product_id,
        begin=data.begindatum,
        eind=data.einddatum,
        skip_id=c.id,
    )
    audit.apply_update(
        session,
        actor,
        c,
        data,
        CONTRACT_FIELDS,
        object_type="contract",
        set_fields=("begindatum", "einddatum"),
        purpose=PURPOSE,
    )
    p = session.get(Product, c.product_id)
    assert p is not None
    return _contract_read(c, p, clock.today())


# ---- form options ------------------------------------------------------------------------------------


def categorie_options(session: Session) -> dict[str, list[tuple[str, str]]]:
    """Per wet the productcategorieën from its code list, for grouped select boxes."""
    return {wet: codelists.options(session, lijst) for wet, lijst in CATEGORIE_LIJST.items()}
