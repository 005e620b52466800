"""Unit tests for the Ondersteuningsvraag state machine (app.domain.toegang.rules, DESIGN §4)."""

from datetime import date, timedelta
from itertools import product

import pytest

from app.domain.toegang.rules import (
    AFSLUITREDENEN,
    STATUS_LABELS,
    TRANSITIONS,
    VraagStatus,
    afsluiten_vereist_nazorg,
    check_transition,
)

S = VraagStatus

# The spec, written out independently of the implementation (DESIGN §4).
REGULAR = {
    (S.gemeld, S.in_onderzoek),
    (S.gemeld, S.afgesloten),
    (S.in_onderzoek, S.onderzoek_afgerond),
    (S.in_onderzoek, S.afgesloten),
    (S.onderzoek_afgerond, S.aanvraag_ontvangen),
    (S.onderzoek_afgerond, S.afgesloten),
    (S.aanvraag_ontvangen, S.besloten),
    (S.aanvraag_ontvangen, S.afgesloten),  # aanvraag ingetrokken
    (S.besloten, S.afgesloten),
}
# Only once the 6-week onderzoekstermijn has passed (Wmo 2015 art. 2.3.2 lid 9).
SKIP = {(S.gemeld, S.aanvraag_ontvangen), (S.in_onderzoek, S.aanvraag_ontvangen)}

ALL_PAIRS = list(product(VraagStatus, VraagStatus))
TODAY = date(2025, 6, 2)
DEADLINE_PASSED = TODAY - timedelta(days=1)
DEADLINE_AHEAD = TODAY + timedelta(days=10)
LID_9 = "Wmo 2015 art. 2.3.2 lid 9"


def _pair_id(pair: tuple[VraagStatus, VraagStatus]) -> str:
    return f"{pair[0]}->{pair[1]}"


class TestTransitionMatrix:
    @pytest.mark.parametrize("pair", ALL_PAIRS, ids=_pair_id)
    def test_after_onderzoekstermijn(self, pair: tuple[VraagStatus, VraagStatus]) -> None:
        current, target = pair
        message = check_transition(current, target, onderzoek_deadline=DEADLINE_PASSED, today=TODAY)
        if pair in REGULAR | SKIP:
            assert message is None
        else:
            assert isinstance(message, str) and message

    @pytest.mark.parametrize("pair", ALL_PAIRS, ids=_pair_id)
    def test_within_onderzoekstermijn(self, pair: tuple[VraagStatus, VraagStatus]) -> None:
        current, target = pair
        message = check_transition(current, target, onderzoek_deadline=DEADLINE_AHEAD, today=TODAY)
        if pair in REGULAR:
            assert message is None
        else:
            assert isinstance(message, str) and message

    def test_table_matches_spec(self) -> None:
        assert set(TRANSITIONS) == set(VraagStatus)
        table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
        assert table == REGULAR | SKIP

    def test_in_onderzoek_to_besloten_not_allowed(self) -> None:
        message = check_transition(S.in_onderzoek, S.besloten, onderzoek_deadline=DEADLINE_PASSED, today=TODAY)
        assert message == "Van 'in onderzoek' kan de vraag niet naar 'besloten'."

    def test_refusal_message_is_dutch_and_names_both_statuses(self) -> None:
        message = check_transition(S.gemeld, S.besloten, onderzoek_deadline=None, today=TODAY)
        assert message == "Van 'gemeld' kan de vraag niet naar 'besloten'."

    def test_afgesloten_is_final(self) -> None:
        message = check_transition(S.afgesloten, S.gemeld, onderzoek_deadline=None, today=TODAY)
        assert message is not None and "afgesloten" in message

    def test_same_status_refused(self) -> None:
        message = check_transition(S.besloten, S.besloten, onderzoek_deadline=None, today=TODAY)
        assert message == "De vraag heeft de status 'besloten' al."


class TestSkipOnderzoekLid9:
    @pytest.mark.parametrize("current", [S.gemeld, S.in_onderzoek])
    def test_refused_before_six_weeks(self, current: VraagStatus) -> None:
        message = check_transition(current, S.aanvraag_ontvangen, onderzoek_deadline=DEADLINE_AHEAD, today=TODAY)
        assert message is not None and LID_9 in message

    @pytest.mark.parametrize("current", [S.gemeld, S.in_onderzoek])
    def test_refused_on_the_last_day_of_the_term(self, current: VraagStatus) -> None:
        message = check_transition(current, S.aanvraag_ontvangen, onderzoek_deadline=TODAY, today=TODAY)
        assert message is not None and LID_9 in message

    @pytest.mark.parametrize("current", [S.gemeld, S.in_onderzoek])
    def test_allowed_the_day_after_the_term(self, current: VraagStatus) -> None:
        assert check_transition(current, S.aanvraag_ontvangen, onderzoek_deadline=DEADLINE_PASSED, today=TODAY) is None

    @pytest.mark.parametrize("current", [S.gemeld, S.in_onderzoek])
    def test_refused_without_known_deadline(self, current: VraagStatus) -> None:
        message = check_transition(current, S.aanvraag_ontvangen, onderzoek_deadline=None, today=TODAY)
        assert message is not None and LID_9 in message

    def test_after_finished_onderzoek_no_term_needed(self) -> None:
        message = check_transition(
            S.onderzoek_afgerond, S.aanvraag_ontvangen, onderzoek_deadline=DEADLINE_AHEAD, today=TODAY
        )
        assert message is None


class TestEnkelvoudigeVraag:
    def test_gesprek_to_besluit_in_one_sitting(self) -> None:
        path = [
            S.gemeld,
            S.in_onderzoek,
            S.onderzoek_afgerond,
            S.aanvraag_ontvangen,
            S.besloten,
            S.afgesloten,
        ]
        for current, target in zip(path, path[1:], strict=False):
            assert check_transition(current, target, onderzoek_deadline=DEADLINE_AHEAD, today=TODAY) is None


class TestStatusInput:
    def test_plain_strings_accepted(self) -> None:
        assert check_transition("gemeld", "in_onderzoek", onderzoek_deadline=None, today=TODAY) is None

    def test_unknown_status(self) -> None:
        assert check_transition("gemeld", "geparkeerd", onderzoek_deadline=None, today=TODAY) == (
            "Onbekende status 'geparkeerd'."
        )
        assert check_transition("weg", "gemeld", onderzoek_deadline=None, today=TODAY) == "Onbekende status 'weg'."

    def test_labels(self) -> None:
        expected = {
            S.gemeld: "Gemeld",
            S.in_onderzoek: "In onderzoek",
            S.onderzoek_afgerond: "Onderzoek afgerond",
            S.aanvraag_ontvangen: "Aanvraag ontvangen",
            S.besloten: "Besloten",
            S.afgesloten: "Afgesloten",
        }
        assert expected == STATUS_LABELS
        assert S.in_onderzoek == "in_onderzoek"


class TestAfsluiten:
    def test_reasons(self) -> None:
        assert set(AFSLUITREDENEN) == {
            "opgelost_voorliggend",
            "ingetrokken",
            "voorziening_toegekend",
            "afgewezen",
            "geen_vervolg",
        }
        assert AFSLUITREDENEN["opgelost_voorliggend"] == "Opgelost in het voorliggend veld"

    @pytest.mark.parametrize(
        ("reden", "nazorg"),
        [
            ("voorziening_toegekend", True),
            ("opgelost_voorliggend", True),
            ("ingetrokken", False),
            ("afgewezen", False),
            ("geen_vervolg", False),
        ],
    )
    def test_nazorg_only_when_support_was_given(self, reden: str, nazorg: bool) -> None:
        assert afsluiten_vereist_nazorg(reden) is nazorg

    def test_unknown_reason_refused(self) -> None:
        with pytest.raises(ValueError):
            afsluiten_vereist_nazorg("verhuisd")
