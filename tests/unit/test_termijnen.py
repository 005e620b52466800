"""Unit tests for the statutory deadline rules (app.domain.toegang.termijnen). Pure: no DB, no clock."""

from datetime import date
from pathlib import Path

import pytest

from app.domain.toegang.termijnen import (
    EENHEDEN,
    Opschorting,
    Termijn,
    Verdaging,
    add_months,
    add_term,
    add_werkdagen,
    algemene_erkende_feestdagen,
    bezwaar_deadline,
    compute_deadline,
    deadline_status,
    easter_sunday,
    extend_to_werkdag,
    is_werkdag,
    load_termijnen,
    next_werkdag,
    termijn_for,
)

CODELISTS = Path(__file__).resolve().parents[2].parent / "shared" / "codelists"
CSV_PATH = CODELISTS / "wettelijke_termijnen.csv"
TERMIJNEN = load_termijnen(CSV_PATH)


def _termijn(termijn: int, eenheid: str) -> Termijn:
    return Termijn(
        wet="Test",
        stap="test",
        van="start",
        tot="einde",
        termijn=termijn,
        eenheid=eenheid,
        grondslag="test",
        opmerking="",
    )


WMO_ONDERZOEK = termijn_for(TERMIJNEN, "Wmo", "onderzoek")
WMO_BESCHIKKING = termijn_for(TERMIJNEN, "Wmo", "beschikking")
WMO_SPOED = termijn_for(TERMIJNEN, "Wmo", "spoed")


class TestEasterSunday:
    @pytest.mark.parametrize(
        ("year", "expected"),
        [
            (2000, date(2000, 4, 23)),
            (2008, date(2008, 3, 23)),
            (2019, date(2019, 4, 21)),
            (2024, date(2024, 3, 31)),
            (2025, date(2025, 4, 20)),
            (2026, date(2026, 4, 5)),
            (2027, date(2027, 3, 28)),
            (2038, date(2038, 4, 25)),  # latest possible date
            (2285, date(2285, 3, 22)),  # earliest possible date
        ],
    )
    def test_known_years(self, year: int, expected: date) -> None:
        assert easter_sunday(year) == expected

    def test_always_a_sunday(self) -> None:
        assert all(easter_sunday(y).weekday() == 6 for y in range(1900, 2200))


class TestAlgemeneErkendeFeestdagen:
    def test_full_list_2025(self) -> None:
        assert algemene_erkende_feestdagen(2025) == {
            date(2025, 1, 1),  # Nieuwjaarsdag
            date(2025, 4, 18),  # Goede Vrijdag
            date(2025, 4, 20),  # Paasdag
            date(2025, 4, 21),  # tweede Paasdag
            date(2025, 4, 26),  # Koningsdag (27 April is a Sunday)
            date(2025, 5, 5),  # Bevrijdingsdag
            date(2025, 5, 29),  # Hemelvaartsdag
            date(2025, 6, 8),  # Pinksterdag
            date(2025, 6, 9),  # tweede Pinksterdag
            date(2025, 12, 25),
            date(2025, 12, 26),
        }

    def test_koningsdag_on_sunday_moves_to_saturday(self) -> None:
        for year in (2025, 2031):
            feestdagen = algemene_erkende_feestdagen(year)
            assert date(year, 4, 26) in feestdagen
            assert date(year, 4, 27) not in feestdagen

    def test_koningsdag_on_weekday_stays_on_27_april(self) -> None:
        assert date(2026, 4, 27) in algemene_erkende_feestdagen(2026)
        assert date(2026, 4, 26) not in algemene_erkende_feestdagen(2026)
        assert not is_werkdag(date(2026, 4, 27))  # Monday
        assert not is_werkdag(date(2029, 4, 27))  # Friday

    def test_bevrijdingsdag_every_year(self) -> None:
        for year in (2024, 2025, 2026, 2027):
            assert date(year, 5, 5) in algemene_erkende_feestdagen(year)
        assert not is_werkdag(date(2026, 5, 5))  # Tuesday, not a lustrum year

    def test_moveable_feasts_2026(self) -> None:
        feestdagen = algemene_erkende_feestdagen(2026)
        for d in (date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)):
            assert d in feestdagen

    def test_returned_set_cannot_corrupt_the_cache(self) -> None:
        algemene_erkende_feestdagen(2025).clear()
        assert date(2025, 12, 25) in algemene_erkende_feestdagen(2025)
        assert not is_werkdag(date(2025, 12, 25))


class TestWerkdagen:
    def test_weekday_is_werkdag_weekend_is_not(self) -> None:
        assert is_werkdag(date(2025, 3, 3))  # Monday
        assert is_werkdag(date(2025, 3, 7))  # Friday
        assert not is_werkdag(date(2025, 3, 8))  # Saturday
        assert not is_werkdag(date(2025, 3, 9))  # Sunday

    def test_next_werkdag_skips_weekend_and_holiday(self) -> None:
        assert next_werkdag(date(2025, 3, 3)) == date(2025, 3, 4)
        assert next_werkdag(date(2025, 12, 24)) == date(2025, 12, 29)
        assert next_werkdag(date(2024, 3, 28)) == date(2024, 4, 2)  # Easter weekend

    def test_add_zero_werkdagen_is_identity(self) -> None:
        assert add_werkdagen(date(2025, 3, 8), 0) == date(2025, 3, 8)

    def test_add_werkdagen_over_weekend(self) -> None:
        assert add_werkdagen(date(2025, 3, 6), 3) == date(2025, 3, 11)  # Thu + 3 = Tue

    def test_add_werkdagen_spanning_easter(self) -> None:
        # Thu 17 Apr 2025: Goede Vrijdag, weekend and tweede Paasdag do not count.
        assert add_werkdagen(date(2025, 4, 17), 1) == date(2025, 4, 22)
        assert add_werkdagen(date(2025, 4, 17), 3) == date(2025, 4, 24)

    def test_add_werkdagen_spanning_christmas_and_new_year(self) -> None:
        assert add_werkdagen(date(2025, 12, 24), 3) == date(2025, 12, 31)
        assert add_werkdagen(date(2025, 12, 31), 1) == date(2026, 1, 2)

    def test_negative_werkdagen_refused(self) -> None:
        with pytest.raises(ValueError):
            add_werkdagen(date(2025, 3, 3), -1)


class TestExtendToWerkdag:
    @pytest.mark.parametrize(
        ("end", "expected"),
        [
            (date(2025, 3, 5), date(2025, 3, 5)),  # Wednesday: unchanged
            (date(2025, 2, 15), date(2025, 2, 17)),  # Saturday
            (date(2025, 2, 16), date(2025, 2, 17)),  # Sunday
            (date(2025, 12, 25), date(2025, 12, 29)),  # Kerst Thu/Fri, then weekend
            (date(2026, 12, 25), date(2026, 12, 28)),  # Kerst on Friday
            (date(2025, 5, 29), date(2025, 5, 30)),  # Hemelvaartsdag
            (date(2025, 5, 5), date(2025, 5, 6)),  # 5 mei
            (date(2026, 4, 25), date(2026, 4, 28)),  # Saturday, Sunday, then Koningsdag Monday
            (date(2026, 4, 3), date(2026, 4, 7)),  # Goede Vrijdag up to tweede Paasdag
            (date(2025, 1, 1), date(2025, 1, 2)),  # Nieuwjaarsdag
            (date(2025, 6, 9), date(2025, 6, 10)),  # tweede Pinksterdag
        ],
    )
    def test_runs_to_next_werkdag(self, end: date, expected: date) -> None:
        assert extend_to_werkdag(end) == expected


class TestAddMonths:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (date(2025, 1, 15), 1, date(2025, 2, 15)),
            (date(2025, 1, 31), 1, date(2025, 2, 28)),
            (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
            (date(2024, 2, 29), 12, date(2025, 2, 28)),
            (date(2025, 8, 31), 1, date(2025, 9, 30)),
            (date(2025, 11, 30), 3, date(2026, 2, 28)),
            (date(2025, 12, 31), 2, date(2026, 2, 28)),
            (date(2025, 3, 31), -1, date(2025, 2, 28)),
            (date(2025, 12, 15), 1, date(2026, 1, 15)),
        ],
    )
    def test_clamps_to_month_end(self, start: date, months: int, expected: date) -> None:
        assert add_months(start, months) == expected


class TestAddTerm:
    def test_every_unit(self) -> None:
        start = date(2025, 3, 3)  # Monday
        assert add_term(start, 7, "dagen") == date(2025, 3, 10)
        assert add_term(start, 6, "weken") == date(2025, 4, 14)
        assert add_term(start, 3, "werkdagen") == date(2025, 3, 6)
        assert add_term(start, 1, "maanden") == date(2025, 4, 3)

    def test_unknown_unit_refused(self) -> None:
        with pytest.raises(ValueError):
            add_term(date(2025, 3, 3), 1, "jaren")


class TestComputeDeadline:
    def test_wmo_onderzoek_six_weeks(self) -> None:
        assert compute_deadline(date(2025, 3, 3), WMO_ONDERZOEK) == date(2025, 4, 14)

    def test_ending_on_saturday(self) -> None:
        assert compute_deadline(date(2025, 1, 4), WMO_ONDERZOEK) == date(2025, 2, 17)

    def test_ending_on_sunday(self) -> None:
        assert compute_deadline(date(2025, 1, 5), WMO_ONDERZOEK) == date(2025, 2, 17)

    def test_ending_on_kerst(self) -> None:
        assert compute_deadline(date(2025, 11, 13), WMO_ONDERZOEK) == date(2025, 12, 29)

    def test_ending_on_hemelvaart(self) -> None:
        assert compute_deadline(date(2025, 5, 15), WMO_BESCHIKKING) == date(2025, 5, 30)

    def test_ending_on_5_mei(self) -> None:
        assert compute_deadline(date(2025, 4, 21), WMO_BESCHIKKING) == date(2025, 5, 6)

    def test_leap_day(self) -> None:
        assert compute_deadline(date(2028, 2, 15), WMO_BESCHIKKING) == date(2028, 2, 29)
        assert compute_deadline(date(2028, 1, 31), _termijn(1, "maanden")) == date(2028, 2, 29)

    def test_days_across_leap_february(self) -> None:
        plan = termijn_for(TERMIJNEN, "Wmo", "persoonlijk plan")
        assert compute_deadline(date(2028, 2, 25), plan) == date(2028, 3, 3)
        assert compute_deadline(date(2027, 2, 25), plan) == date(2027, 3, 4)

    def test_month_term_clamped_then_extended(self) -> None:
        # 31 Jan 2026 + 1 month = Sat 28 Feb 2026, runs to Monday 2 March.
        assert compute_deadline(date(2026, 1, 31), _termijn(1, "maanden")) == date(2026, 3, 2)

    def test_werkdagen_spanning_easter(self) -> None:
        schuldhulp = termijn_for(TERMIJNEN, "Schuldhulpverlening", "eerste gesprek", spoed=True)
        assert compute_deadline(date(2025, 4, 17), schuldhulp) == date(2025, 4, 24)

    def test_onverwijld_is_the_start_date(self) -> None:
        saturday = date(2025, 3, 1)
        assert compute_deadline(saturday, WMO_SPOED) == saturday
        opschorting = Opschorting(date(2025, 3, 1), date(2025, 3, 5), "informatie")
        assert compute_deadline(saturday, WMO_SPOED, opschortingen=[opschorting]) == saturday


class TestOpschorting:
    START = date(2025, 3, 3)  # aanvraag; plain deadline Mon 17 March

    def _deadline(self, *opschortingen: Opschorting, today: date | None = None) -> date:
        return compute_deadline(self.START, WMO_BESCHIKKING, opschortingen=opschortingen, today=today)

    def test_without_opschorting(self) -> None:
        assert self._deadline() == date(2025, 3, 17)

    def test_closed_opschorting_adds_its_days(self) -> None:
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")) == date(2025, 3, 24)

    def test_open_opschorting_counts_until_today(self) -> None:
        open_ = Opschorting(date(2025, 3, 5), None, "wacht op huisarts")
        assert self._deadline(open_, today=date(2025, 3, 9)) == date(2025, 3, 21)
        assert self._deadline(open_, today=date(2025, 3, 5)) == date(2025, 3, 17)

    def test_open_opschorting_needs_today(self) -> None:
        with pytest.raises(ValueError):
            self._deadline(Opschorting(date(2025, 3, 5), None, "wacht"))

    def test_overlapping_opschortingen_count_once(self) -> None:
        a = Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")
        b = Opschorting(date(2025, 3, 10), date(2025, 3, 15), "advies")
        assert self._deadline(a, b) == date(2025, 3, 26)  # 6-14 March: 9 days, not 6 + 4
        assert self._deadline(a, a) == date(2025, 3, 24)

    def test_adjacent_opschortingen_add_up(self) -> None:
        a = Opschorting(date(2025, 3, 5), date(2025, 3, 8), "stukken")
        b = Opschorting(date(2025, 3, 8), date(2025, 3, 12), "advies")
        assert self._deadline(a, b) == date(2025, 3, 24)

    def test_overlap_with_open_opschorting(self) -> None:
        a = Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")
        b = Opschorting(date(2025, 3, 10), None, "advies")
        assert self._deadline(a, b, today=date(2025, 3, 14)) == date(2025, 3, 26)

    def test_opschorting_after_deadline_is_ignored(self) -> None:
        assert self._deadline(Opschorting(date(2025, 3, 20), date(2025, 3, 25), "te laat")) == date(2025, 3, 17)

    def test_opschorting_within_extended_term_counts(self) -> None:
        a = Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")  # end -> 24 March
        b = Opschorting(date(2025, 3, 20), date(2025, 3, 23), "advies")  # after 17, before 23 March
        assert self._deadline(a, b) == date(2025, 3, 25)

    def test_days_before_start_do_not_count(self) -> None:
        # Suspended 2-4 March, of which only 4 March falls in the term (it runs from 4 March).
        assert self._deadline(Opschorting(date(2025, 3, 1), date(2025, 3, 5), "x")) == date(2025, 3, 18)

    def test_shift_then_extended_to_werkdag(self) -> None:
        # Suspended 6-10 March: 17 March + 5 days = Sat 22 March, runs to Monday 24 March.
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 11), "x")) == date(2025, 3, 24)

    def test_day_of_completion_runs_again(self) -> None:
        # Invited Wed 5 March, completed Wed 12 March: suspended 6-11 March (6 days), not 12 March.
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")) == date(2025, 3, 24)
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 13), "stukken")) == date(2025, 3, 24)
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 14), "stukken")) == date(2025, 3, 25)

    def test_completed_the_next_day_suspends_nothing(self) -> None:
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 6), "stukken")) == date(2025, 3, 17)
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 5), "stukken")) == date(2025, 3, 17)

    def test_across_a_month_end(self) -> None:
        # Aanvraag Mon 27 Jan 2025, 2 weeks: Mon 10 Feb. Invited Fri 31 Jan, completed Mon 3 Feb:
        # 1 and 2 February are suspended, so the term ends Wed 12 Feb.
        start = date(2025, 1, 27)
        assert compute_deadline(start, WMO_BESCHIKKING) == date(2025, 2, 10)
        o = Opschorting(date(2025, 1, 31), date(2025, 2, 3), "stukken")
        assert compute_deadline(start, WMO_BESCHIKKING, opschortingen=[o]) == date(2025, 2, 12)

    def test_running_opschorting_moves_the_deadline_every_day(self) -> None:
        o = Opschorting(date(2025, 3, 5), None, "wacht op stukken")
        shown = [self._deadline(o, today=date(2025, 3, d)) for d in (6, 7, 8)]
        assert shown == [date(2025, 3, 18), date(2025, 3, 19), date(2025, 3, 20)]
        # Completed on 9 March: 6-8 March stay suspended, as the running one showed the day before.
        assert self._deadline(Opschorting(date(2025, 3, 5), date(2025, 3, 9), "x")) == date(2025, 3, 20)

    def test_ending_before_start_refused(self) -> None:
        with pytest.raises(ValueError):
            self._deadline(Opschorting(date(2025, 3, 12), date(2025, 3, 5), "verkeerd om"))


class TestVerdaging:
    START = date(2025, 3, 3)

    def test_verdaging_adds_its_days(self) -> None:
        verdaging = Verdaging.weken(2, "advies nodig", date(2025, 3, 14))
        assert verdaging.dagen == 14
        assert compute_deadline(self.START, WMO_BESCHIKKING, verdaging=verdaging) == date(2025, 3, 31)

    def test_verdaging_as_single_item_list(self) -> None:
        verdaging = Verdaging(10, "advies", date(2025, 3, 14))
        assert compute_deadline(self.START, WMO_BESCHIKKING, verdaging=[verdaging]) == date(2025, 3, 27)
        assert compute_deadline(self.START, WMO_BESCHIKKING, verdaging=[]) == date(2025, 3, 17)

    def test_verdaging_and_opschorting_combine(self) -> None:
        deadline = compute_deadline(
            self.START,
            WMO_BESCHIKKING,
            opschortingen=[Opschorting(date(2025, 3, 5), date(2025, 3, 12), "stukken")],
            verdaging=Verdaging.weken(2, "advies", date(2025, 3, 20)),
        )
        assert deadline == date(2025, 4, 7)

    def test_verdaging_ending_on_holiday_extended(self) -> None:
        # Jeugdwet 8 weeks from 3 March 2025 = 28 April; + 31 days = Thu 29 May (Hemelvaart).
        jeugd = termijn_for(TERMIJNEN, "Jeugdwet", "beschikking")
        verdaging = Verdaging(31, "advies", date(2025, 4, 20))
        assert compute_deadline(self.START, jeugd, verdaging=verdaging) == date(2025, 5, 30)

    def test_second_verdaging_refused(self) -> None:
        verdagingen = [Verdaging(7, "eerste", date(2025, 3, 10)), Verdaging(7, "tweede", date(2025, 3, 20))]
        with pytest.raises(ValueError, match="één keer"):
            compute_deadline(self.START, WMO_BESCHIKKING, verdaging=verdagingen)

    def test_empty_verdaging_refused(self) -> None:
        with pytest.raises(ValueError):
            Verdaging(0, "niets", date(2025, 3, 10))


class TestDeadlineStatus:
    DEADLINE = date(2025, 3, 14)  # Friday

    @pytest.mark.parametrize(
        ("today", "expected"),
        [
            (date(2025, 3, 15), "verlopen"),
            (date(2025, 4, 1), "verlopen"),
            (date(2025, 3, 14), "binnenkort"),  # the deadline day itself
            (date(2025, 3, 7), "binnenkort"),  # exactly 5 working days ahead
            (date(2025, 3, 6), "ok"),  # 6 working days ahead
            (date(2025, 2, 1), "ok"),
        ],
    )
    def test_boundaries(self, today: date, expected: str) -> None:
        assert deadline_status(self.DEADLINE, today) == expected

    def test_holiday_not_counted_as_working_day(self) -> None:
        deadline = date(2025, 5, 6)  # Tuesday after 5 mei
        assert deadline_status(deadline, date(2025, 4, 28)) == "binnenkort"
        assert deadline_status(deadline, date(2025, 4, 25)) == "ok"

    def test_custom_warning_window(self) -> None:
        assert deadline_status(self.DEADLINE, date(2025, 3, 14), warn_werkdagen=0) == "binnenkort"
        assert deadline_status(self.DEADLINE, date(2025, 3, 13), warn_werkdagen=0) == "ok"
        assert deadline_status(self.DEADLINE, date(2025, 2, 28), warn_werkdagen=10) == "binnenkort"

    def test_negative_window_refused(self) -> None:
        with pytest.raises(ValueError):
            deadline_status(self.DEADLINE, date(2025, 3, 1), warn_werkdagen=-1)


class TestBezwaarDeadline:
    @pytest.mark.parametrize(
        ("verzonden", "expected"),
        [
            (date(2025, 3, 3), date(2025, 4, 14)),
            (date(2025, 11, 13), date(2025, 12, 29)),  # ends on Kerst
            (date(2025, 4, 17), date(2025, 5, 30)),  # ends on Hemelvaart
            (date(2025, 1, 4), date(2025, 2, 17)),  # ends on Saturday
        ],
    )
    def test_six_weeks_from_day_after_sending(self, verzonden: date, expected: date) -> None:
        assert bezwaar_deadline(verzonden) == expected

    def test_matches_the_code_list(self) -> None:
        bezwaar = termijn_for(TERMIJNEN, "Awb", "bezwaar indienen")
        for verzonden in (date(2025, 3, 3), date(2025, 11, 13), date(2026, 3, 20)):
            assert bezwaar_deadline(verzonden) == compute_deadline(verzonden, bezwaar)


class TestCodeList:
    def test_file_has_rows(self) -> None:
        assert len(TERMIJNEN) >= 10

    def test_every_unit_is_supported(self) -> None:
        assert {t.eenheid for t in TERMIJNEN} <= EENHEDEN

    @pytest.mark.parametrize("termijn", TERMIJNEN, ids=lambda t: f"{t.wet}-{t.stap}")
    @pytest.mark.parametrize("spoed", [False, True], ids=["regulier", "spoed"])
    def test_every_row_gives_a_deadline(self, termijn: Termijn, spoed: bool) -> None:
        t = termijn_for(TERMIJNEN, termijn.wet, termijn.stap, spoed=spoed)
        for start in (date(2025, 3, 3), date(2025, 12, 20), date(2028, 2, 10)):
            deadline = compute_deadline(start, t)
            if t.onverwijld:
                assert deadline == start
            else:
                assert deadline > start
                assert is_werkdag(deadline)

    def test_expected_terms_from_design(self) -> None:
        def term(wet: str, stap: str, **kw: bool) -> tuple[int, str]:
            t = termijn_for(TERMIJNEN, wet, stap, **kw)
            return t.termijn, t.eenheid

        assert term("Wmo", "onderzoek") == (6, "weken")
        assert term("Wmo", "beschikking") == (2, "weken")
        assert term("Jeugdwet", "beschikking") == (8, "weken")
        assert term("Participatiewet", "beschikking") == (8, "weken")
        assert term("Participatiewet", "zoektermijn") == (4, "weken")
        assert term("Schuldhulpverlening", "eerste gesprek") == (4, "weken")
        assert term("Schuldhulpverlening", "eerste gesprek", spoed=True) == (3, "werkdagen")
        assert term("Awb", "bezwaar indienen") == (6, "weken")
        assert term("Wmo", "spoed") == (0, "dagen")

    def test_spoed_without_urgent_variant_keeps_regular_term(self) -> None:
        assert termijn_for(TERMIJNEN, "Wmo", "onderzoek", spoed=True) == WMO_ONDERZOEK

    def test_lookup_is_case_insensitive(self) -> None:
        assert termijn_for(TERMIJNEN, "wmo", "Onderzoek ") == WMO_ONDERZOEK

    def test_unknown_step_raises(self) -> None:
        with pytest.raises(LookupError):
            termijn_for(TERMIJNEN, "Wmo", "bestaat niet")


class TestLoadTermijnen:
    def test_skips_comment_lines(self, tmp_path: Path) -> None:
        path = tmp_path / "t.csv"
        path.write_text(
            "# a comment before the header\n"
            "wet,stap,van,tot,termijn,eenheid,grondslag,opmerking\n"
            "# a comment between rows\n"
            "Test,a,x,y,3,werkdagen,art. 1,\n"
            "Test,b,x,y,2,maanden,art. 2,met opmerking\n",
            encoding="utf-8",
        )
        termijnen = load_termijnen(path)
        assert [(t.stap, t.termijn, t.eenheid) for t in termijnen] == [
            ("a", 3, "werkdagen"),
            ("b", 2, "maanden"),
        ]
        assert termijnen[0].opmerking == ""

    @pytest.mark.parametrize(
        "change",
        [{"eenheid": "jaren"}, {"termijn": "zes"}, {"termijn": "-1"}, {"wet": ""}, {"eenheid": None}],
    )
    def test_bad_row_refused(self, change: dict[str, str | None]) -> None:
        row: dict[str, str | None] = {
            "wet": "Wmo",
            "stap": "x",
            "van": "a",
            "tot": "b",
            "termijn": "6",
            "eenheid": "weken",
            "grondslag": "art. 1",
            "opmerking": "",
        }
        with pytest.raises(ValueError):
            Termijn.from_row(row | change)
