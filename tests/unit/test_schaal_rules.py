"""Op- en afschaling (DESIGN.md §5): the ladder, the suggestion, the mismatch flag and the checks
on a Schaalbesluit. Pure rules, no database."""

from pathlib import Path

import pytest

from app.domain.plans.rules import (
    MAX_NIVEAU,
    HuishoudenFeiten,
    SchaalNiveau,
    VoorzieningFeit,
    check_schaalbesluit,
    load_schaalniveaus,
    niveau_mismatch,
    suggest_niveau,
    vereist_goedkeuring,
)

CSV = Path(__file__).resolve().parents[2].parent / "shared" / "codelists" / "schaalniveaus.csv"

WMO_BEGELEIDING = VoorzieningFeit(wet="Wmo", productcategorie="02", actief=True)
JEUGD_AMBULANT = VoorzieningFeit(wet="Jeugdwet", productcategorie="45", actief=True)
JEUGDBESCHERMING = VoorzieningFeit(wet="Jeugdwet", productcategorie="48", actief=True)
BESCHERMD_WONEN = VoorzieningFeit(wet="Wmo", productcategorie="15", actief=True)


class TestLoadSchaalniveaus:
    def test_reads_the_real_ladder_zero_to_five(self) -> None:
        niveaus = load_schaalniveaus(CSV)
        assert [n.niveau for n in niveaus] == [0, 1, 2, 3, 4, 5]
        assert niveaus[0] == SchaalNiveau(
            0, "Zelf doen", "Eigen kracht en sociaal netwerk; geen professionele ondersteuning"
        )
        assert niveaus[-1].niveau == MAX_NIVEAU
        assert niveaus[-1].naam == "Overnemen en veiligheid"

    def test_keeps_unquoted_commas_in_omschrijving(self) -> None:
        niveau_1 = load_schaalniveaus(CSV)[1]
        assert niveau_1.omschrijving == (
            "Voorliggend veld: algemene voorzieningen, informele zorg, vrijwilligers, cliëntondersteuning"
        )

    def test_skips_comment_lines_and_sorts(self, tmp_path: Path) -> None:
        f = tmp_path / "ladder.csv"
        f.write_text(
            "# regionale ladder\nniveau,naam,omschrijving\n1,Een,b\n# tussendoor\n0,Nul,a\n",
            encoding="utf-8",
        )
        assert load_schaalniveaus(f) == [SchaalNiveau(0, "Nul", "a"), SchaalNiveau(1, "Een", "b")]

    def test_refuses_a_ladder_with_a_gap(self, tmp_path: Path) -> None:
        f = tmp_path / "ladder.csv"
        f.write_text("niveau,naam,omschrijving\n0,Nul,a\n2,Twee,c\n", encoding="utf-8")
        with pytest.raises(ValueError):
            load_schaalniveaus(f)


class TestSuggestNiveau:
    def test_nothing_recorded_is_zelf_doen(self) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten())
        assert niveau == 0
        assert uitleg.startswith("Suggestie niveau 0:")
        assert "eigen kracht" in uitleg

    def test_algemene_voorziening_or_vrijwilliger_is_1(self) -> None:
        assert suggest_niveau(HuishoudenFeiten(algemene_voorziening_of_vrijwilliger=True))[0] == 1

    def test_active_non_maatwerk_voorziening_counts_as_voorliggend_veld(self) -> None:
        algemeen = VoorzieningFeit(wet="Wmo", productcategorie=None, actief=True, maatwerk=False)
        assert suggest_niveau(HuishoudenFeiten(voorzieningen=(algemeen,)))[0] == 1

    def test_light_professional_support_is_2(self) -> None:
        feiten = HuishoudenFeiten(professionele_lichte_ondersteuning=True, algemene_voorziening_of_vrijwilliger=True)
        assert suggest_niveau(feiten)[0] == 2

    def test_one_active_maatwerkvoorziening_is_3(self) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten(voorzieningen=(WMO_BEGELEIDING,)))
        assert niveau == 3
        assert "1 actieve maatwerkvoorziening onder de Wmo" in uitleg

    def test_inactive_maatwerk_does_not_count(self) -> None:
        beeindigd = VoorzieningFeit(wet="Wmo", productcategorie="02", actief=False)
        assert suggest_niveau(HuishoudenFeiten(voorzieningen=(beeindigd,)))[0] == 0

    def test_maatwerk_under_two_laws_is_4(self) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten(voorzieningen=(WMO_BEGELEIDING, JEUGD_AMBULANT)))
        assert niveau == 4
        assert "2 wetten (Jeugdwet, Wmo)" in uitleg

    def test_law_names_compare_case_insensitively(self) -> None:
        tweede = VoorzieningFeit(wet="WMO ", productcategorie="01", actief=True)
        assert suggest_niveau(HuishoudenFeiten(voorzieningen=(WMO_BEGELEIDING, tweede)))[0] == 3

    def test_other_law_involvement_counts_with_maatwerk(self) -> None:
        # Wmo maatwerk plus schuldhulpverlening (no maatwerkvoorziening): support under two laws.
        feiten = HuishoudenFeiten(aantal_wetten=2, voorzieningen=(WMO_BEGELEIDING,))
        assert suggest_niveau(feiten)[0] == 4

    def test_two_laws_without_maatwerk_is_not_4(self) -> None:
        feiten = HuishoudenFeiten(aantal_wetten=2, professionele_lichte_ondersteuning=True)
        assert suggest_niveau(feiten)[0] == 2

    def test_three_problem_leefgebieden_with_maatwerk_is_4(self) -> None:
        niveau, uitleg = suggest_niveau(
            HuishoudenFeiten(leefgebieden_met_problemen=3, voorzieningen=(WMO_BEGELEIDING,))
        )
        assert niveau == 4
        assert "3 leefgebieden" in uitleg

    def test_two_problem_leefgebieden_with_maatwerk_stays_3(self) -> None:
        feiten = HuishoudenFeiten(leefgebieden_met_problemen=2, voorzieningen=(WMO_BEGELEIDING,))
        assert suggest_niveau(feiten)[0] == 3

    def test_problem_leefgebieden_without_maatwerk_is_not_4(self) -> None:
        assert suggest_niveau(HuishoudenFeiten(leefgebieden_met_problemen=5))[0] == 0

    @pytest.mark.parametrize(
        "voorziening",
        [
            JEUGDBESCHERMING,
            BESCHERMD_WONEN,
            VoorzieningFeit(wet="Jeugdwet", productcategorie="43", actief=True),
            VoorzieningFeit(wet="Wmo", productcategorie="16", actief=True),
            VoorzieningFeit(wet="Jeugdwet", productcategorie="46", actief=True, verblijf_of_beschermd=True),
        ],
    )
    def test_safety_with_taken_over_support_is_5(self, voorziening: VoorzieningFeit) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten(veiligheidszorg=True, voorzieningen=(voorziening,)))
        assert niveau == 5
        assert "veiligheidszorg" in uitleg

    def test_safety_without_taken_over_support_is_not_5_but_hinted(self) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten(veiligheidszorg=True, voorzieningen=(WMO_BEGELEIDING,)))
        assert niveau == 3
        assert "Let op: er is een veiligheidszorg" in uitleg

    def test_taken_over_support_without_safety_is_not_5_but_hinted(self) -> None:
        niveau, uitleg = suggest_niveau(HuishoudenFeiten(voorzieningen=(BESCHERMD_WONEN,)))
        assert niveau == 3
        assert "beoordeel of niveau 5 past" in uitleg

    def test_ended_jeugdbescherming_does_not_make_5(self) -> None:
        beeindigd = VoorzieningFeit(wet="Jeugdwet", productcategorie="48", actief=False)
        feiten = HuishoudenFeiten(veiligheidszorg=True, voorzieningen=(beeindigd,))
        assert suggest_niveau(feiten)[0] == 0

    def test_same_category_code_under_another_law_is_not_taken_over(self) -> None:
        # "48" means jeugdbescherming only in the iJw list.
        wmo_48 = VoorzieningFeit(wet="Wmo", productcategorie="48", actief=True)
        assert suggest_niveau(HuishoudenFeiten(veiligheidszorg=True, voorzieningen=(wmo_48,)))[0] == 3


class TestNiveauMismatch:
    def test_same_level_is_no_mismatch(self) -> None:
        assert niveau_mismatch(3, 3) is None

    def test_maatwerk_while_at_level_1_is_flagged(self) -> None:
        assert niveau_mismatch(1, 3) == "Actieve maatwerkvoorziening terwijl het huishouden op niveau 1 staat."

    def test_one_level_too_low_is_flagged(self) -> None:
        bericht = niveau_mismatch(3, 4)
        assert bericht is not None
        assert "op niveau 3 staat" in bericht

    def test_safety_escalation_missing_is_flagged(self) -> None:
        bericht = niveau_mismatch(4, 5)
        assert bericht is not None
        assert bericht.startswith("Veiligheidszorg")

    def test_higher_than_suggested_proposes_afschaling(self) -> None:
        bericht = niveau_mismatch(4, 2)
        assert bericht is not None
        assert "afschalen" in bericht

    def test_no_level_yet_with_support_is_flagged(self) -> None:
        bericht = niveau_mismatch(None, 3)
        assert bericht is not None
        assert "nog geen schaalniveau" in bericht

    def test_no_level_yet_and_nothing_to_scale_is_fine(self) -> None:
        assert niveau_mismatch(None, 0) is None


class TestCheckSchaalbesluit:
    @staticmethod
    def check(**kwargs: object) -> list[tuple[str, str]]:
        args: dict[str, object] = {
            "van": 2,
            "naar": 3,
            "reden": "Begeleiding toegekend",
            "heeft_actieve_professionele_regisseur": False,
            "heeft_evaluatie": False,
        }
        args.update(kwargs)
        return check_schaalbesluit(**args)  # type: ignore[arg-type]

    def test_opschaling_with_reason_is_allowed(self) -> None:
        assert self.check() == []

    def test_first_decision_has_no_van(self) -> None:
        assert self.check(van=None, naar=0) == []

    @pytest.mark.parametrize("naar", [-1, 6])
    def test_level_out_of_range_is_refused(self, naar: int) -> None:
        assert self.check(naar=naar) == [("naar", "Kies een niveau van 0 tot en met 5.")]

    def test_range_follows_a_shorter_regional_ladder(self) -> None:
        assert self.check(naar=4, max_niveau=3, heeft_actieve_professionele_regisseur=True) == [
            ("naar", "Kies een niveau van 0 tot en met 3.")
        ]

    def test_same_level_is_refused(self) -> None:
        fouten = self.check(van=3, naar=3)
        assert [veld for veld, _ in fouten] == ["naar"]
        assert "al op niveau 3" in fouten[0][1]

    @pytest.mark.parametrize("reden", ["", "   "])
    def test_empty_reason_is_refused(self, reden: str) -> None:
        assert self.check(reden=reden) == [("reden", "Geef een reden voor dit schaalbesluit.")]

    @pytest.mark.parametrize("naar", [4, 5])
    def test_level_4_or_higher_without_regisseur_is_refused(self, naar: int) -> None:
        assert self.check(naar=naar) == [
            ("naar", "Niveau 4 of hoger vraagt een actieve regie-afspraak met een professionele regisseur.")
        ]

    @pytest.mark.parametrize("naar", [4, 5])
    def test_level_4_or_higher_with_regisseur_is_allowed(self, naar: int) -> None:
        assert self.check(naar=naar, heeft_actieve_professionele_regisseur=True) == []

    def test_level_3_needs_no_regisseur(self) -> None:
        assert self.check(naar=3, heeft_actieve_professionele_regisseur=False) == []

    def test_afschaling_without_evaluation_is_refused(self) -> None:
        assert self.check(van=3, naar=2) == [("naar", "Afschalen kan alleen na een evaluatie.")]

    def test_afschaling_after_evaluation_is_allowed(self) -> None:
        assert self.check(van=3, naar=1, heeft_evaluatie=True) == []

    def test_first_decision_at_low_level_needs_no_evaluation(self) -> None:
        assert self.check(van=None, naar=1, heeft_evaluatie=False) == []

    def test_afschaling_from_5_to_4_can_break_two_rules(self) -> None:
        fouten = self.check(van=5, naar=4, reden="")
        assert fouten == [
            ("reden", "Geef een reden voor dit schaalbesluit."),
            ("naar", "Niveau 4 of hoger vraagt een actieve regie-afspraak met een professionele regisseur."),
            ("naar", "Afschalen kan alleen na een evaluatie."),
        ]


class TestVereistGoedkeuring:
    def test_level_5_needs_supervisor_approval(self) -> None:
        assert vereist_goedkeuring(5) is True

    @pytest.mark.parametrize("naar", [0, 1, 2, 3, 4])
    def test_lower_levels_need_no_approval(self, naar: int) -> None:
        assert vereist_goedkeuring(naar) is False
