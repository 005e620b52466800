"""authz.allowed as a pure decision: roles × relations → may this action be done (DESIGN §7)."""

import pytest

from app.domain.authz import Handeling as H
from app.domain.authz import Relatie as R
from app.domain.authz import allowed


def _granted(rol: str, rel: R) -> set[H]:
    return {h for h in H if allowed(frozenset({rol}), {rel}, h)}


class TestAllowedPerRoleAndRelation:
    @pytest.mark.parametrize(
        ("rol", "rel", "expected"),
        [
            ("toegangsmedewerker", R.EIGEN, {H.LIJST, H.ZOEKTREFFER, H.LEZEN, H.SCHRIJVEN}),
            ("toegangsmedewerker", R.TEAM, {H.LIJST, H.ZOEKTREFFER}),
            ("toegangsmedewerker", R.ANDERS, {H.ZOEKTREFFER}),
            ("toegangsmedewerker", R.BREAK_THE_GLASS, {H.LIJST, H.ZOEKTREFFER, H.LEZEN, H.SCHRIJVEN}),
            ("toegangsmedewerker", R.TOESTEMMING, set()),
            ("regisseur", R.EIGEN, {H.LIJST, H.ZOEKTREFFER, H.LEZEN, H.SCHRIJVEN}),
            ("regisseur", R.TEAM, {H.LIJST, H.ZOEKTREFFER}),
            ("regisseur", R.ANDERS, {H.ZOEKTREFFER}),
            ("supervisor", R.EIGEN, {H.LIJST, H.ZOEKTREFFER, H.LEZEN, H.GOEDKEUREN, H.TOEWIJZEN}),
            ("supervisor", R.TEAM, {H.LIJST, H.ZOEKTREFFER, H.LEZEN, H.GOEDKEUREN, H.TOEWIJZEN}),
            ("supervisor", R.ANDERS, {H.ZOEKTREFFER}),
            ("supervisor", R.BREAK_THE_GLASS, {H.LIJST, H.ZOEKTREFFER, H.LEZEN}),
            ("clientondersteuner", R.TOESTEMMING, {H.LIJST, H.ZOEKTREFFER, H.GEDEELD_LEZEN, H.REAGEREN}),
            ("clientondersteuner", R.EIGEN, set()),
            ("clientondersteuner", R.TEAM, set()),
            ("clientondersteuner", R.ANDERS, set()),
            ("clientondersteuner", R.BREAK_THE_GLASS, set()),
            ("beheerder", R.EIGEN, set()),
            ("beheerder", R.TEAM, set()),
            ("beheerder", R.ANDERS, set()),
            ("beheerder", R.BREAK_THE_GLASS, set()),
            ("auditor", R.EIGEN, {H.LIJST, H.ZOEKTREFFER, H.LEZEN}),
            ("auditor", R.TEAM, {H.LIJST, H.ZOEKTREFFER, H.LEZEN}),
            ("auditor", R.ANDERS, {H.LIJST, H.ZOEKTREFFER, H.LEZEN}),
            ("auditor", R.BREAK_THE_GLASS, {H.LIJST, H.ZOEKTREFFER, H.LEZEN}),
        ],
    )
    def test_grants(self, rol: str, rel: R, expected: set[H]) -> None:
        assert _granted(rol, rel) == expected


class TestCombinations:
    def test_no_roles_grant_nothing(self) -> None:
        assert not any(allowed(frozenset(), set(R), h) for h in H)

    def test_no_relation_grants_nothing(self) -> None:
        assert not any(allowed(frozenset({"auditor", "supervisor"}), set(), h) for h in H)

    def test_unknown_role_grants_nothing(self) -> None:
        assert not any(allowed(frozenset({"systeem", "admin"}), set(R), h) for h in H)

    def test_roles_combine_as_a_union(self) -> None:
        # A supervisor who is also toegangsmedewerker writes on an own household via the second role.
        both = frozenset({"supervisor", "toegangsmedewerker"})
        assert allowed(both, {R.EIGEN}, H.SCHRIJVEN) and allowed(both, {R.EIGEN}, H.GOEDKEUREN)
        assert not allowed(frozenset({"supervisor"}), {R.EIGEN}, H.SCHRIJVEN)

    def test_relations_combine_as_a_union(self) -> None:
        assert allowed(frozenset({"regisseur"}), {R.TEAM, R.BREAK_THE_GLASS}, H.LEZEN)
        assert not allowed(frozenset({"regisseur"}), {R.TEAM, R.ANDERS}, H.LEZEN)

    def test_nobody_reads_the_dossier_through_consent(self) -> None:
        everyone = frozenset({"toegangsmedewerker", "regisseur", "supervisor", "clientondersteuner", "beheerder"})
        assert not allowed(everyone, {R.TOESTEMMING}, H.LEZEN)
        assert not allowed(everyone, {R.TOESTEMMING}, H.SCHRIJVEN)

    def test_auditor_never_writes_approves_or_reassigns(self) -> None:
        for h in (H.SCHRIJVEN, H.GOEDKEUREN, H.TOEWIJZEN, H.REAGEREN):
            assert not allowed(frozenset({"auditor"}), set(R), h)
