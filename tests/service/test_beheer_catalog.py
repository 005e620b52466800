"""Catalogue service: products, aanbieders and contracts; validation, audit and who may change."""

from datetime import date

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.catalog import schemas as cs
from app.domain.catalog import service as catalog
from app.domain.errors import Conflict, NotAllowed, NotFound, ValidationError


def _last_event(db, object_type: str) -> AuditEvent:
    return db.scalars(
        select(AuditEvent).where(AuditEvent.object_type == object_type).order_by(AuditEvent.id.desc()).limit(1)
    ).one()


def _product(**kw) -> cs.ProductCreate:
    base = dict(
        code="WMO-T1",
        naam="Test hulp",
        wet="Wmo",
        productcategorie="01",
        iv3_taakveld="6.71",
        eenheid="04",
        frequentie="2",
    )
    return cs.ProductCreate(**{**base, **kw})


@pytest.fixture()
def beheer(world):
    u = world.user("beheerder")
    return world.actor(u)


class TestCreateProduct:
    def test_beheerder_creates_product_and_it_is_audited(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product(code="wmo-t1"))
        assert p.code == "WMO-T1" and p.productcategorie_label == "Hulp bij het huishouden"
        ev = _last_event(db, "product")
        assert ev.action == "create" and ev.object_id == str(p.id) and ev.purpose == "Functioneel beheer"
        assert ev.changes["code"] == [None, "WMO-T1"] and ev.actor_id == beheer.gebruiker_id

    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "regisseur", "supervisor", "auditor", "clientondersteuner"])
    def test_other_roles_may_not_change_the_catalogue(self, db, world, rol) -> None:
        actor = world.actor(world.user(rol))
        with pytest.raises(NotAllowed):
            catalog.create_product(db, actor, data=_product())
        with pytest.raises(NotAllowed):
            catalog.create_aanbieder(db, actor, data=cs.AanbiederCreate(naam="X", agb_code="12345678"))

    def test_duplicate_code_is_refused(self, db, beheer) -> None:
        catalog.create_product(db, beheer, data=_product())
        with pytest.raises(ValidationError) as exc:
            catalog.create_product(db, beheer, data=_product(naam="Ander"))
        assert exc.value.errors == {"code": "Er bestaat al een product met deze code."}

    def test_wmo_needs_a_wmo_category(self, db, beheer) -> None:
        with pytest.raises(ValidationError) as exc:
            catalog.create_product(db, beheer, data=_product(productcategorie=None))
        assert "productcategorie" in exc.value.errors
        with pytest.raises(ValidationError) as exc:
            catalog.create_product(db, beheer, data=_product(productcategorie="45"))  # a Jeugdwet category
        assert exc.value.errors["productcategorie"] == "Deze productcategorie hoort niet bij de Wmo."

    def test_jeugdwet_takes_a_jeugd_category(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product(code="JW-T1", wet="Jeugdwet", productcategorie="45"))
        assert p.productcategorie_label == "Jeugdhulp ambulant"
        with pytest.raises(ValidationError):
            catalog.create_product(db, beheer, data=_product(code="JW-T2", wet="Jeugdwet", productcategorie="01"))

    def test_participatiewet_takes_no_category(self, db, beheer) -> None:
        p = catalog.create_product(
            db, beheer, data=_product(code="PW-T1", wet="Participatiewet", productcategorie=None, iv3_taakveld="6.5")
        )
        assert p.productcategorie is None
        with pytest.raises(ValidationError) as exc:
            catalog.create_product(db, beheer, data=_product(code="PW-T2", wet="Participatiewet"))
        assert "geen productcategorie" in exc.value.errors["productcategorie"]

    def test_unknown_codes_from_code_lists_are_refused_and_nothing_saved(self, db, beheer) -> None:
        with pytest.raises(ValidationError) as exc:
            catalog.create_product(db, beheer, data=_product(iv3_taakveld="9.9", eenheid="99", frequentie="7"))
        assert set(exc.value.errors) == {"iv3_taakveld", "eenheid", "frequentie"}
        assert catalog.list_products(db, beheer) == []

    def test_schema_refuses_bad_code_format(self) -> None:
        from app.domain.validation import parse

        with pytest.raises(ValidationError) as exc:
            parse(cs.ProductCreate, {"code": "hh 1!", "naam": "x", "wet": "Wmo"})
        assert "hoofdletters" in exc.value.errors["code"]
        with pytest.raises(ValidationError) as exc:
            parse(cs.ProductCreate, {"code": "X1", "naam": "", "wet": "Zvw"})
        assert set(exc.value.errors) == {"naam", "wet"}


class TestUpdateProduct:
    def test_update_is_audited_with_the_diff(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product())
        data = cs.ProductUpdate(
            **{**_product().model_dump(), "naam": "Nieuwe naam", "actief": False, "version": p.version}
        )
        out = catalog.update_product(db, beheer, product_id=p.id, data=data)
        assert out.naam == "Nieuwe naam" and out.version == p.version + 1
        ev = _last_event(db, "product")
        assert ev.action == "update" and ev.changes == {"actief": [True, False], "naam": ["Test hulp", "Nieuwe naam"]}

    def test_stale_version_is_a_conflict(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product())
        catalog.update_product(
            db,
            beheer,
            product_id=p.id,
            data=cs.ProductUpdate(**{**_product().model_dump(), "naam": "A", "version": p.version}),
        )
        with pytest.raises(Conflict):
            catalog.update_product(
                db,
                beheer,
                product_id=p.id,
                data=cs.ProductUpdate(**{**_product().model_dump(), "naam": "B", "version": p.version}),
            )
        assert catalog.get_product(db, beheer, product_id=p.id).naam == "A"

    def test_unknown_product_is_not_found(self, db, beheer) -> None:
        with pytest.raises(NotFound):
            catalog.get_product(db, beheer, product_id=999_999)


class TestReadCatalogue:
    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "supervisor", "auditor", "clientondersteuner"])
    def test_every_role_may_read(self, db, world, beheer, rol) -> None:
        p = catalog.create_product(db, beheer, data=_product())
        a = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="Zorg BV", agb_code="12345678"))
        actor = world.actor(world.user(rol))
        assert [x.code for x in catalog.list_products(db, actor)] == ["WMO-T1"]
        assert catalog.get_product(db, actor, product_id=p.id).naam == "Test hulp"
        assert [x.naam for x in catalog.list_aanbieders(db, actor)] == ["Zorg BV"]
        assert catalog.get_aanbieder(db, actor, aanbieder_id=a.id).agb_code == "12345678"

    def test_filters_by_wet_and_contracted_product(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product())
        catalog.create_product(db, beheer, data=_product(code="PW-X", wet="Participatiewet", productcategorie=None))
        a = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="Met", agb_code="11111111"))
        catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="Zonder", agb_code="22222222"))
        catalog.add_contract(
            db, beheer, aanbieder_id=a.id, data=cs.ContractCreate(product_id=p.id, begindatum=date(2020, 1, 1))
        )
        assert [x.code for x in catalog.list_products(db, beheer, wet="Participatiewet")] == ["PW-X"]
        assert [x.naam for x in catalog.list_aanbieders(db, beheer, product_id=p.id)] == ["Met"]


class TestAanbieder:
    def test_create_and_update_are_audited(self, db, beheer) -> None:
        a = catalog.create_aanbieder(
            db, beheer, data=cs.AanbiederCreate(naam="Zorg BV", agb_code="1234 5678", kvk_nummer="87654321")
        )
        assert a.agb_code == "12345678"
        ev = _last_event(db, "aanbieder")
        assert ev.action == "create" and ev.changes["agb_code"] == [None, "12345678"]
        catalog.update_aanbieder(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.AanbiederUpdate(
                naam="Zorg BV", agb_code="12345678", kvk_nummer=None, actief=False, version=a.version
            ),
        )
        ev = _last_event(db, "aanbieder")
        assert ev.action == "update" and ev.changes == {"actief": [True, False], "kvk_nummer": ["87654321", None]}

    def test_agb_code_must_be_unique(self, db, beheer) -> None:
        catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="A", agb_code="12345678"))
        with pytest.raises(ValidationError) as exc:
            catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="B", agb_code="12345678"))
        assert exc.value.errors == {"agb_code": "Er is al een aanbieder met deze AGB-code."}

    @pytest.mark.parametrize(
        ("agb", "kvk", "fields"),
        [
            ("1234567", None, {"agb_code"}),
            ("ABCDEFGH", None, {"agb_code"}),
            ("", None, {"agb_code"}),
            ("12345678", "123", {"kvk_nummer"}),
            ("123456789", "1234567x", {"agb_code", "kvk_nummer"}),
        ],
    )
    def test_agb_and_kvk_are_eight_digits(self, agb, kvk, fields) -> None:
        from app.domain.validation import parse

        with pytest.raises(ValidationError) as exc:
            parse(cs.AanbiederCreate, {"naam": "X", "agb_code": agb, "kvk_nummer": kvk})
        assert set(exc.value.errors) == fields
        assert all("8 cijfers" in m or "Vul" in m for m in exc.value.errors.values())

    def test_stale_version_is_a_conflict(self, db, beheer) -> None:
        a = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="A", agb_code="12345678"))
        with pytest.raises(Conflict):
            catalog.update_aanbieder(
                db,
                beheer,
                aanbieder_id=a.id,
                data=cs.AanbiederUpdate(naam="B", agb_code="12345678", version=a.version + 1),
            )


class TestContract:
    @pytest.fixture()
    def setup(self, db, beheer):
        p = catalog.create_product(db, beheer, data=_product())
        a = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="A", agb_code="12345678"))
        return a, p

    def test_add_contract_is_audited(self, db, beheer, setup) -> None:
        a, p = setup
        c = catalog.add_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1), einddatum=date(2024, 12, 31)),
        )
        assert c.product_code == "WMO-T1"
        ev = _last_event(db, "contract")
        assert ev.action == "create" and ev.purpose == "Functioneel beheer"
        assert ev.changes["begindatum"] == [None, "2024-01-01"] and ev.changes["product_id"] == [None, p.id]
        assert catalog.get_aanbieder(db, beheer, aanbieder_id=a.id).aantal_contracten == 1

    def test_end_before_start_is_refused(self) -> None:
        from app.domain.validation import parse

        with pytest.raises(ValidationError) as exc:
            parse(cs.ContractCreate, {"product_id": 1, "begindatum": "2024-05-01", "einddatum": "2024-04-30"})
        assert exc.value.errors == {"einddatum": "De einddatum ligt voor de begindatum."}

    def test_unknown_product_is_refused(self, db, beheer, setup) -> None:
        a, _ = setup
        with pytest.raises(ValidationError) as exc:
            catalog.add_contract(
                db, beheer, aanbieder_id=a.id, data=cs.ContractCreate(product_id=987_654, begindatum=date(2024, 1, 1))
            )
        assert exc.value.errors == {"product_id": "Kies een bestaand product."}

    def test_unknown_aanbieder_is_not_found(self, db, beheer, setup) -> None:
        _, p = setup
        with pytest.raises(NotFound):
            catalog.add_contract(
                db, beheer, aanbieder_id=987_654, data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1))
            )

    @pytest.mark.parametrize(
        ("begin", "eind"),
        [
            (date(2024, 6, 1), None),
            (date(2023, 1, 1), date(2024, 1, 1)),
            (date(2024, 12, 31), date(2025, 3, 1)),
        ],
    )
    def test_overlapping_contract_is_refused(self, db, beheer, setup, begin, eind) -> None:
        a, p = setup
        catalog.add_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1), einddatum=date(2024, 12, 31)),
        )
        with pytest.raises(ValidationError) as exc:
            catalog.add_contract(
                db, beheer, aanbieder_id=a.id, data=cs.ContractCreate(product_id=p.id, begindatum=begin, einddatum=eind)
            )
        assert "overlapt" in exc.value.errors["begindatum"]
        assert catalog.get_aanbieder(db, beheer, aanbieder_id=a.id).aantal_contracten == 1

    def test_adjacent_contract_and_other_provider_are_fine(self, db, beheer, setup) -> None:
        a, p = setup
        b = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="B", agb_code="87654321"))
        catalog.add_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1), einddatum=date(2024, 12, 31)),
        )
        catalog.add_contract(
            db, beheer, aanbieder_id=a.id, data=cs.ContractCreate(product_id=p.id, begindatum=date(2025, 1, 1))
        )
        catalog.add_contract(
            db, beheer, aanbieder_id=b.id, data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1))
        )
        assert catalog.get_aanbieder(db, beheer, aanbieder_id=a.id).aantal_contracten == 2

    def test_end_a_contract_and_overlap_on_update(self, db, beheer, setup) -> None:
        a, p = setup
        c1 = catalog.add_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1), einddatum=date(2024, 6, 30)),
        )
        c2 = catalog.add_contract(
            db, beheer, aanbieder_id=a.id, data=cs.ContractCreate(product_id=p.id, begindatum=date(2025, 1, 1))
        )
        out = catalog.update_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            contract_id=c2.id,
            data=cs.ContractUpdate(begindatum=date(2025, 1, 1), einddatum=date(2025, 12, 31), version=c2.version),
        )
        assert out.einddatum == date(2025, 12, 31)
        ev = _last_event(db, "contract")
        assert ev.action == "update" and ev.changes == {"einddatum": [None, "2025-12-31"]}
        with pytest.raises(ValidationError):
            catalog.update_contract(
                db,
                beheer,
                aanbieder_id=a.id,
                contract_id=c1.id,
                data=cs.ContractUpdate(begindatum=date(2024, 1, 1), einddatum=date(2025, 2, 1), version=c1.version),
            )
        with pytest.raises(Conflict):
            catalog.update_contract(
                db,
                beheer,
                aanbieder_id=a.id,
                contract_id=c2.id,
                data=cs.ContractUpdate(begindatum=date(2025, 1, 1), version=c2.version),
            )
        with pytest.raises(NotFound):  # the contract of another aanbieder
            catalog.update_contract(
                db,
                beheer,
                aanbieder_id=a.id + 1000,
                contract_id=c1.id,
                data=cs.ContractUpdate(begindatum=date(2024, 1, 1), version=c1.version),
            )

    def test_only_beheerder_adds_contracts(self, db, world, setup) -> None:
        a, p = setup
        with pytest.raises(NotAllowed):
            catalog.add_contract(
                db,
                world.actor(world.user("supervisor")),
                aanbieder_id=a.id,
                data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1)),
            )


class TestHeeftContract:
    def test_checks_the_period_of_the_contract(self, db, beheer) -> None:
        p = catalog.create_product(db, beheer, data=_product())
        q = catalog.create_product(db, beheer, data=_product(code="WMO-T2"))
        a = catalog.create_aanbieder(db, beheer, data=cs.AanbiederCreate(naam="A", agb_code="12345678"))
        catalog.add_contract(
            db,
            beheer,
            aanbieder_id=a.id,
            data=cs.ContractCreate(product_id=p.id, begindatum=date(2024, 1, 1), einddatum=date(2024, 12, 31)),
        )
        assert catalog.heeft_contract(db, a.id, p.id, date(2024, 1, 1))
        assert catalog.heeft_contract(db, a.id, p.id, date(2024, 12, 31))
        assert not catalog.heeft_contract(db, a.id, p.id, date(2023, 12, 31))
        assert not catalog.heeft_contract(db, a.id, p.id, date(2025, 1, 1))
        assert not catalog.heeft_contract(db, a.id, q.id, date(2024, 6, 1))


class TestPeriodenOverlappen:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            ((date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), None), False),
            ((date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 12, 31), None), True),
            ((date(2024, 1, 1), None), (date(2030, 1, 1), None), True),
            ((date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 1, 1), date(2024, 2, 29)), False),
            ((date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 1, 1), None), True),
        ],
    )
    def test_closed_periods(self, a, b, expected) -> None:
        assert catalog.perioden_overlappen(*a, *b) is expected
        assert catalog.perioden_overlappen(*b, *a) is expected
