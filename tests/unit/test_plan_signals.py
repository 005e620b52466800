"""The plan's signals for the werkvoorraad (DESIGN.md §6), age and the 18-/18+ transition, the
version diff and the plan status machine. Pure rules, no database, `today` always given."""

from datetime import date, timedelta
from itertools import product

import pytest

from app.domain.plans.rules import (
    ACTIE_STATUS_LABELS,
    ACTIE_STATUSSEN,
    DOEL_STATUS_LABELS,
    DOEL_STATUSSEN,
    PLAN_STATUS_LABELS,
    PLAN_STATUSSEN,
    PLAN_TRANSITIONS,
    SOORT_18_MIN,
    SOORT_18_PLUS,
    SOORT_EVALUATIE,
    SOORT_GEEN_PLAN_OF_REGIE,
    SOORT_MANTELZORG,
    SOORT_VOORZIENING_EINDIGT,
    URGENTIE_HOOG,
    URGENTIE_LAAG,
    URGENTIE_NORMAAL,
    ActieStatus,
    DoelStatus,
    PlanStatus,
    check_plan_transition,
    diff_plan,
    leeftijd,
    signaal_18_min,
    signaal_evaluatie,
    signaal_geen_plan_of_regie,
    signaal_mantelzorg,
    signaal_voorziening_eindigt,
    wordt_18_op,
)

TODAY = date(2025, 6, 15)
LEAP_BORN = date(2008, 2, 29)  # turns 18 in 2026, not a leap year


class TestSignaalMantelzorg:
    def test_draaglast_above_draagkracht_raises_signal(self) -> None:
        s = signaal_mantelzorg("Truus", draagkracht=2, draaglast=3)
        assert s is not None
        assert s.soort == SOORT_MANTELZORG
        assert s.urgentie == URGENTIE_NORMAAL
        assert s.vervaldatum is None
        assert s.tekst.startswith("Mantelzorger Truus is overbelast: draaglast 3 is hoger dan draagkracht 2.")

    def test_large_gap_is_urgent(self) -> None:
        s = signaal_mantelzorg("Truus", draagkracht=1, draaglast=3)
        assert s is not None
        assert s.urgentie == URGENTIE_HOOG

    @pytest.mark.parametrize(("draagkracht", "draaglast"), [(3, 3), (4, 2)])
    def test_balanced_or_lighter_load_is_no_signal(self, draagkracht: int, draaglast: int) -> None:
        assert signaal_mantelzorg("Truus", draagkracht, draaglast) is None

    @pytest.mark.parametrize(("draagkracht", "draaglast"), [(None, 5), (1, None)])
    def test_unrecorded_scores_are_no_signal(self, draagkracht: int | None, draaglast: int | None) -> None:
        assert signaal_mantelzorg("Truus", draagkracht, draaglast) is None


class TestSignaalEvaluatie:
    def test_no_evaluation_date_is_no_signal(self) -> None:
        assert signaal_evaluatie(None, TODAY) is None

    def test_15_days_ahead_is_not_yet_a_signal(self) -> None:
        assert signaal_evaluatie(TODAY + timedelta(days=15), TODAY) is None

    def test_14_days_ahead_is_a_signal(self) -> None:
        s = signaal_evaluatie(TODAY + timedelta(days=14), TODAY)
        assert s is not None
        assert s.soort == SOORT_EVALUATIE
        assert s.urgentie == URGENTIE_NORMAAL
        assert s.vervaldatum == date(2025, 6, 29)
        assert "29 juni 2025 (over 14 dagen)" in s.tekst
        assert "op- of afschaling" in s.tekst

    def test_due_today(self) -> None:
        s = signaal_evaluatie(TODAY, TODAY)
        assert s is not None
        assert s.urgentie == URGENTIE_NORMAAL
        assert "(vandaag)" in s.tekst

    def test_one_day_overdue_is_urgent(self) -> None:
        s = signaal_evaluatie(TODAY - timedelta(days=1), TODAY)
        assert s is not None
        assert s.urgentie == URGENTIE_HOOG
        assert "te laat" in s.tekst
        assert "(1 dag geleden)" in s.tekst


class TestSignaalGeenPlanOfRegie:
    MELDING = date(2025, 5, 1)

    def test_enkelvoudige_vraag_never_signals(self) -> None:
        assert signaal_geen_plan_of_regie(False, self.MELDING, False, False, date(2025, 12, 1)) is None

    def test_day_27_is_too_early(self) -> None:
        today = self.MELDING + timedelta(days=27)
        assert signaal_geen_plan_of_regie(True, self.MELDING, False, False, today) is None

    def test_after_exactly_4_weeks_without_both(self) -> None:
        today = self.MELDING + timedelta(weeks=4)
        s = signaal_geen_plan_of_regie(True, self.MELDING, False, False, today)
        assert s is not None
        assert s.soort == SOORT_GEEN_PLAN_OF_REGIE
        assert s.urgentie == URGENTIE_HOOG
        assert s.vervaldatum == date(2025, 5, 29)
        assert s.tekst.startswith(
            "Meervoudige vraag zonder plan en zonder regie-afspraak, 4 weken na de melding van 1 mei 2025."
        )

    def test_plan_without_regie(self) -> None:
        s = signaal_geen_plan_of_regie(True, self.MELDING, True, False, TODAY)
        assert s is not None
        assert s.tekst.startswith("Meervoudige vraag zonder regie-afspraak,")

    def test_regie_without_plan(self) -> None:
        s = signaal_geen_plan_of_regie(True, self.MELDING, False, True, TODAY)
        assert s is not None
        assert s.tekst.startswith("Meervoudige vraag zonder plan,")

    def test_plan_and_regie_present_is_no_signal(self) -> None:
        assert signaal_geen_plan_of_regie(True, self.MELDING, True, True, TODAY) is None


class TestLeeftijd:
    def test_day_before_birthday(self) -> None:
        assert leeftijd(date(2007, 6, 16), TODAY) == 17

    def test_on_birthday(self) -> None:
        assert leeftijd(date(2007, 6, 15), TODAY) == 18

    def test_leap_born_is_not_older_on_28_february(self) -> None:
        assert leeftijd(LEAP_BORN, date(2026, 2, 28)) == 17

    def test_leap_born_is_older_on_1_march_in_non_leap_year(self) -> None:
        assert leeftijd(LEAP_BORN, date(2026, 3, 1)) == 18

    def test_leap_born_is_older_on_29_february_in_leap_year(self) -> None:
        assert leeftijd(LEAP_BORN, date(2012, 2, 28)) == 3
        assert leeftijd(LEAP_BORN, date(2012, 2, 29)) == 4

    def test_birth_after_today_is_an_error(self) -> None:
        with pytest.raises(ValueError):
            leeftijd(date(2025, 6, 16), TODAY)


class TestWordt18Op:
    def test_ordinary_birthday(self) -> None:
        assert wordt_18_op(date(2007, 10, 3)) == date(2025, 10, 3)

    def test_leap_born_turns_18_on_1_march(self) -> None:
        # An 18th birthday of a 29-February child always falls in a non-leap year.
        assert wordt_18_op(LEAP_BORN) == date(2026, 3, 1)
        assert wordt_18_op(date(2004, 2, 29)) == date(2022, 3, 1)

    def test_28_february_born_is_unaffected(self) -> None:
        assert wordt_18_op(date(2008, 2, 28)) == date(2026, 2, 28)


class TestSignaal18Min:
    def test_without_jeugdwet_voorziening_no_signal(self) -> None:
        assert signaal_18_min(date(2007, 9, 1), False, TODAY) is None

    def test_turning_18_in_exactly_12_months_signals(self) -> None:
        s = signaal_18_min(date(2008, 6, 15), True, TODAY)
        assert s is not None
        assert s.soort == SOORT_18_MIN
        assert s.urgentie == URGENTIE_LAAG
        assert s.vervaldatum == date(2026, 6, 15)
        assert "Wordt 18 op 15 juni 2026" in s.tekst
        assert "Wmo of Participatiewet" in s.tekst

    def test_turning_18_in_12_months_and_a_day_is_too_early(self) -> None:
        assert signaal_18_min(date(2008, 6, 16), True, TODAY) is None

    def test_turning_18_within_3_months_is_more_urgent(self) -> None:
        s = signaal_18_min(date(2007, 9, 1), True, TODAY)
        assert s is not None
        assert s.urgentie == URGENTIE_NORMAAL

    def test_leap_born_still_minor_on_28_february(self) -> None:
        s = signaal_18_min(LEAP_BORN, True, date(2026, 2, 28))
        assert s is not None
        assert s.soort == SOORT_18_MIN
        assert s.vervaldatum == date(2026, 3, 1)
        assert "(over 1 dag)" in s.tekst

    def test_leap_born_is_18_plus_on_1_march(self) -> None:
        s = signaal_18_min(LEAP_BORN, True, date(2026, 3, 1))
        assert s is not None
        assert s.soort == SOORT_18_PLUS
        assert "sinds 1 maart 2026 18 jaar" in s.tekst

    def test_window_from_a_leap_day_today_reaches_1_march(self) -> None:
        s = signaal_18_min(date(2007, 3, 1), True, date(2024, 2, 29))
        assert s is not None
        assert s.vervaldatum == date(2025, 3, 1)

    def test_18_plus_without_ground_signals_urgently(self) -> None:
        s = signaal_18_min(date(2006, 1, 10), True, TODAY)
        assert s is not None
        assert s.soort == SOORT_18_PLUS
        assert s.urgentie == URGENTIE_HOOG
        assert s.vervaldatum == date(2024, 1, 10)
        assert "zonder vastgelegde grond voor verlengde jeugdhulp" in s.tekst

    def test_18_plus_with_ground_is_fine(self) -> None:
        assert signaal_18_min(date(2006, 1, 10), True, TODAY, heeft_grond_verlengde_jeugdhulp=True) is None

    def test_day_before_23_with_ground_is_fine(self) -> None:
        assert signaal_18_min(date(2002, 6, 16), True, TODAY, heeft_grond_verlengde_jeugdhulp=True) is None

    def test_23_with_ground_still_signals(self) -> None:
        s = signaal_18_min(date(2002, 6, 15), True, TODAY, heeft_grond_verlengde_jeugdhulp=True)
        assert s is not None
        assert s.soort == SOORT_18_PLUS
        assert s.vervaldatum == TODAY
        assert "23 jaar" in s.tekst

    def test_adult_without_jeugdwet_voorziening_no_signal(self) -> None:
        assert signaal_18_min(date(2006, 1, 10), False, TODAY) is None


class TestSignaalVoorzieningEindigt:
    def test_no_end_date_no_signal(self) -> None:
        assert signaal_voorziening_eindigt(None, TODAY) is None

    def test_8_weeks_and_a_day_is_too_early(self) -> None:
        assert signaal_voorziening_eindigt(TODAY + timedelta(days=57), TODAY) is None

    def test_exactly_8_weeks_signals(self) -> None:
        s = signaal_voorziening_eindigt(TODAY + timedelta(weeks=8), TODAY, naam="Begeleiding individueel")
        assert s is not None
        assert s.soort == SOORT_VOORZIENING_EINDIGT
        assert s.urgentie == URGENTIE_NORMAAL
        assert s.vervaldatum == date(2025, 8, 10)
        assert s.tekst == (
            "Begeleiding individueel eindigt op 10 augustus 2025 (over 56 dagen): beoordeel of herindicatie nodig is."
        )

    def test_custom_window(self) -> None:
        assert signaal_voorziening_eindigt(TODAY + timedelta(weeks=5), TODAY, weken=4) is None
        assert signaal_voorziening_eindigt(TODAY + timedelta(weeks=4), TODAY, weken=4) is not None

    def test_ending_today(self) -> None:
        s = signaal_voorziening_eindigt(TODAY, TODAY)
        assert s is not None
        assert s.tekst.startswith("De voorziening eindigt op 15 juni 2025 (vandaag)")

    def test_end_date_passed_is_urgent(self) -> None:
        s = signaal_voorziening_eindigt(TODAY - timedelta(days=3), TODAY)
        assert s is not None
        assert s.urgentie == URGENTIE_HOOG
        assert "(3 dagen geleden)" in s.tekst

    def test_negative_window_is_an_error(self) -> None:
        with pytest.raises(ValueError):
            signaal_voorziening_eindigt(TODAY, TODAY, weken=-1)


def plan(**overrides: object) -> dict[str, object]:
    snapshot: dict[str, object] = {
        "situatie": "Moeder met twee kinderen, schulden.",
        "prioriteiten": ["financien", "huisvesting"],
        "volgende_evaluatie": "2025-09-01",
        "doelen": [
            {
                "id": 1,
                "leefgebied": "financien",
                "omschrijving": "Overzicht in mijn geld",
                "status": "open",
                "acties": [
                    {"id": 10, "wat": "Afspraak schuldhulp", "status": "open"},
                    {"id": 11, "wat": "Post sorteren", "status": "bezig"},
                ],
            },
            {
                "id": 2,
                "leefgebied": "huisvesting",
                "omschrijving": "Rustig wonen",
                "status": "open",
                "acties": [],
            },
        ],
    }
    snapshot.update(overrides)
    return snapshot


class TestDiffPlan:
    def test_identical_versions_have_no_diff(self) -> None:
        assert diff_plan(plan(), plan()) == []

    def test_changed_scalar(self) -> None:
        assert diff_plan(plan(), plan(situatie="Schulden in beeld.")) == [
            ("situatie", "Moeder met twee kinderen, schulden.", "Schulden in beeld.")
        ]

    def test_changed_doel_status_is_keyed_by_id(self) -> None:
        nieuw = plan()
        nieuw["doelen"][1]["status"] = "bezig"  # type: ignore[index]
        assert diff_plan(plan(), nieuw) == [("doelen[id=2].status", "open", "bezig")]

    def test_nested_actie_change(self) -> None:
        nieuw = plan()
        nieuw["doelen"][0]["acties"][0]["status"] = "gedaan"  # type: ignore[index]
        assert diff_plan(plan(), nieuw) == [("doelen[id=1].acties[id=10].status", "open", "gedaan")]

    def test_reordering_doelen_is_no_change(self) -> None:
        nieuw = plan()
        nieuw["doelen"] = list(reversed(nieuw["doelen"]))  # type: ignore[call-overload]
        assert diff_plan(plan(), nieuw) == []

    def test_added_and_removed_doelen(self) -> None:
        vorige = plan()
        nieuw = plan()
        verwijderd = nieuw["doelen"].pop(1)  # type: ignore[attr-defined]
        toegevoegd = {"id": 3, "leefgebied": "werk_opleiding", "omschrijving": "Werk", "status": "open"}
        nieuw["doelen"].append(toegevoegd)  # type: ignore[attr-defined]
        assert diff_plan(vorige, nieuw) == [
            ("doelen[id=2]", verwijderd, None),
            ("doelen[id=3]", None, toegevoegd),
        ]

    def test_added_actie_to_empty_list(self) -> None:
        nieuw = plan()
        actie = {"id": 12, "wat": "Woningcorporatie bellen", "status": "open"}
        nieuw["doelen"][1]["acties"] = [actie]  # type: ignore[index]
        assert diff_plan(plan(), nieuw) == [("doelen[id=2].acties[id=12]", None, actie)]

    def test_added_and_removed_keys(self) -> None:
        vorige = plan()
        nieuw = plan(veiligheid="Meldcode besproken.")
        del nieuw["volgende_evaluatie"]
        assert diff_plan(vorige, nieuw) == [
            ("volgende_evaluatie", "2025-09-01", None),
            ("veiligheid", None, "Meldcode besproken."),
        ]

    def test_plain_list_is_compared_as_one_value(self) -> None:
        nieuw = plan(prioriteiten=["huisvesting", "financien"])
        assert diff_plan(plan(), nieuw) == [
            ("prioriteiten", ["financien", "huisvesting"], ["huisvesting", "financien"])
        ]

    def test_order_follows_the_previous_version(self) -> None:
        nieuw = plan(situatie="Anders.", volgende_evaluatie="2025-10-01")
        nieuw["doelen"][0]["status"] = "bezig"  # type: ignore[index]
        paden = [pad for pad, _, _ in diff_plan(plan(), nieuw)]
        assert paden == ["situatie", "volgende_evaluatie", "doelen[id=1].status"]
        assert [pad for pad, _, _ in diff_plan(plan(), nieuw)] == paden  # deterministic


ALLOWED = {
    ("concept", "vastgesteld"),
    ("concept", "afgesloten"),
    ("vastgesteld", "geevalueerd"),
    ("vastgesteld", "concept"),
    ("vastgesteld", "afgesloten"),
    ("geevalueerd", "vastgesteld"),
    ("geevalueerd", "concept"),
    ("geevalueerd", "afgesloten"),
    ("afgesloten", "concept"),
}


class TestPlanTransition:
    @pytest.mark.parametrize(("van", "naar"), list(product(PLAN_STATUSSEN, PLAN_STATUSSEN)))
    def test_transition_table(self, van: str, naar: str) -> None:
        bericht = check_plan_transition(van, naar)
        if (van, naar) in ALLOWED:
            assert bericht is None
        else:
            assert bericht is not None

    def test_table_matches_the_constant(self) -> None:
        assert {(a.value, b.value) for a, targets in PLAN_TRANSITIONS.items() for b in targets} == ALLOWED

    def test_refusal_names_the_possible_steps(self) -> None:
        assert check_plan_transition(PlanStatus.CONCEPT, PlanStatus.GEEVALUEERD) == (
            "Een plan met status concept kan niet naar geëvalueerd; mogelijk is: vastgesteld of afgesloten."
        )

    def test_same_status_is_refused(self) -> None:
        assert check_plan_transition("vastgesteld", "vastgesteld") == "Het plan heeft de status vastgesteld al."

    def test_unknown_status_is_refused(self) -> None:
        bericht = check_plan_transition("concept", "goedgekeurd")
        assert bericht is not None
        assert bericht.startswith("Onbekende planstatus")


class TestStatusConstants:
    def test_plan_statuses(self) -> None:
        assert PLAN_STATUSSEN == ("concept", "vastgesteld", "geevalueerd", "afgesloten")
        assert PLAN_STATUS_LABELS[PlanStatus.GEEVALUEERD] == "Geëvalueerd"

    def test_doel_statuses_with_labels(self) -> None:
        assert DOEL_STATUSSEN == ("open", "bezig", "behaald", "gestopt")
        assert [DOEL_STATUS_LABELS[s] for s in DoelStatus] == ["Open", "Bezig", "Behaald", "Gestopt"]

    def test_actie_statuses_with_labels(self) -> None:
        assert ACTIE_STATUSSEN == ("open", "bezig", "gedaan", "vervallen")
        assert [ACTIE_STATUS_LABELS[s] for s in ActieStatus] == ["Open", "Bezig", "Gedaan", "Vervallen"]

    def test_status_values_compare_as_plain_strings(self) -> None:
        assert DoelStatus.BEHAALD == "behaald"
        assert ActieStatus("vervallen") is ActieStatus.VERVALLEN
