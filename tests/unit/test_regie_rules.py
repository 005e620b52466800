"""Regie-afspraken (DESIGN.md §3): at most one active professional regisseur per household, over
whole periods, not only today."""

from datetime import date

import pytest

from app.domain.plans.rules import RegieFeit, check_nieuwe_regie, is_actief

TODAY = date(2025, 6, 15)


def prof(id: int | None, start: date, eind: date | None = None) -> RegieFeit:
    return RegieFeit(id=id, houder="professional", start=start, eind=eind)


class TestIsActief:
    def test_open_ended_regie_that_started_is_active(self) -> None:
        assert is_actief(prof(1, date(2025, 1, 1)), TODAY)

    def test_start_day_counts(self) -> None:
        assert is_actief(prof(1, TODAY), TODAY)

    def test_end_day_is_inclusive(self) -> None:
        assert is_actief(prof(1, date(2025, 1, 1), TODAY), TODAY)

    def test_ended_yesterday_is_not_active(self) -> None:
        assert not is_actief(prof(1, date(2025, 1, 1), date(2025, 6, 14)), TODAY)

    def test_future_regie_is_not_active_yet(self) -> None:
        assert not is_actief(prof(1, date(2025, 6, 16)), TODAY)


class TestCheckNieuweRegie:
    def test_first_professional_regisseur_is_allowed(self) -> None:
        assert check_nieuwe_regie([], prof(None, TODAY), TODAY) is None

    def test_second_active_professional_is_refused(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1))]
        bericht = check_nieuwe_regie(bestaande, prof(None, TODAY), TODAY)
        assert bericht is not None
        assert "Er is al een actieve professionele regisseur (vanaf 1 januari 2025)" in bericht

    def test_future_overlap_is_refused(self) -> None:
        # Neither is active today, but both would be from 1 September on.
        bestaande = [prof(1, date(2025, 9, 1))]
        bericht = check_nieuwe_regie(bestaande, prof(None, date(2025, 7, 1)), TODAY)
        assert bericht is not None
        assert "overlappende periode" in bericht

    def test_back_dated_overlap_with_ended_regie_is_refused(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1), date(2025, 3, 31))]
        bericht = check_nieuwe_regie(bestaande, prof(None, date(2025, 3, 1), date(2025, 4, 30)), TODAY)
        assert bericht is not None
        assert "tot en met 31 maart 2025" in bericht

    def test_overlap_of_a_single_day_is_refused(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1), TODAY)]
        assert check_nieuwe_regie(bestaande, prof(None, TODAY), TODAY) is not None

    def test_handover_the_next_day_is_allowed(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1), date(2025, 6, 14))]
        assert check_nieuwe_regie(bestaande, prof(None, TODAY), TODAY) is None

    def test_new_period_entirely_before_existing_is_allowed(self) -> None:
        bestaande = [prof(1, date(2025, 6, 1))]
        nieuw = prof(None, date(2025, 1, 1), date(2025, 5, 31))
        assert check_nieuwe_regie(bestaande, nieuw, TODAY) is None

    def test_open_ended_new_regie_overlaps_later_existing(self) -> None:
        bestaande = [prof(1, date(2026, 1, 1), date(2026, 6, 30))]
        assert check_nieuwe_regie(bestaande, prof(None, TODAY), TODAY) is not None

    def test_editing_the_same_afspraak_does_not_clash_with_itself(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1))]
        assert check_nieuwe_regie(bestaande, prof(1, date(2025, 1, 1), date(2025, 12, 31)), TODAY) is None

    def test_editing_into_another_afspraak_is_refused(self) -> None:
        bestaande = [prof(1, date(2025, 1, 1), date(2025, 3, 31)), prof(2, date(2025, 4, 1))]
        bewerkt = prof(1, date(2025, 1, 1), date(2025, 4, 30))
        assert check_nieuwe_regie(bestaande, bewerkt, TODAY) is not None

    @pytest.mark.parametrize("houder", ["huishouden", "netwerklid"])
    def test_regie_by_household_or_network_is_not_limited(self, houder: str) -> None:
        bestaande = [prof(1, date(2025, 1, 1)), RegieFeit(id=2, houder="huishouden", start=date(2025, 1, 1))]
        nieuw = RegieFeit(id=None, houder=houder, start=TODAY)  # type: ignore[arg-type]
        assert check_nieuwe_regie(bestaande, nieuw, TODAY) is None

    def test_professional_next_to_household_regie_is_allowed(self) -> None:
        bestaande = [RegieFeit(id=1, houder="huishouden", start=date(2025, 1, 1))]
        assert check_nieuwe_regie(bestaande, prof(None, TODAY), TODAY) is None

    def test_end_before_start_is_refused(self) -> None:
        nieuw = prof(None, TODAY, date(2025, 6, 14))
        assert check_nieuwe_regie([], nieuw, TODAY) == "De einddatum van de regie-afspraak ligt vóór de startdatum."

    def test_end_before_start_is_refused_for_household_regie_too(self) -> None:
        nieuw = RegieFeit(id=None, houder="huishouden", start=TODAY, eind=date(2025, 1, 1))
        assert check_nieuwe_regie([], nieuw, TODAY) is not None

    def test_one_day_regie_is_allowed(self) -> None:
        assert check_nieuwe_regie([], prof(None, TODAY, TODAY), TODAY) is None

    def test_unknown_houder_is_refused(self) -> None:
        nieuw = RegieFeit(id=None, houder="gemeente", start=TODAY)  # type: ignore[arg-type]
        bericht = check_nieuwe_regie([], nieuw, TODAY)
        assert bericht is not None
        assert bericht.startswith("Kies wie de regie heeft")
