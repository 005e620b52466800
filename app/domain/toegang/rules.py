"""The state machine of an Ondersteuningsvraag (DESIGN §4) and its closing reasons, as pure rules.

Transitions are explicit: anything not in `TRANSITIONS` is refused with a Dutch message for the UI.
The two edges that skip (part of) the onderzoek to an aanvraag are only allowed once the 6-week
onderzoekstermijn has passed (Wmo 2015 art. 2.3.2 lid 1 and lid 9).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

__all__ = [
    "AFSLUITREDENEN",
    "NAZORG_REDENEN",
    "SKIP_MELDING",
    "SKIP_TRANSITIONS",
    "STATUS_LABELS",
    "TRANSITIONS",
    "VraagStatus",
    "afsluiten_vereist_nazorg",
    "check_transition",
]


class VraagStatus(StrEnum):
    gemeld = "gemeld"
    in_onderzoek = "in_onderzoek"
    onderzoek_afgerond = "onderzoek_afgerond"
    aanvraag_ontvangen = "aanvraag_ontvangen"
    besloten = "besloten"
    afgesloten = "afgesloten"


STATUS_LABELS: dict[VraagStatus, str] = {
    VraagStatus.gemeld: "Gemeld",
    VraagStatus.in_onderzoek: "In onderzoek",
    VraagStatus.onderzoek_afgerond: "Onderzoek afgerond",
    VraagStatus.aanvraag_ontvangen: "Aanvraag ontvangen",
    VraagStatus.besloten: "Besloten",
    VraagStatus.afgesloten: "Afgesloten",
}

_S = VraagStatus

TRANSITIONS: dict[VraagStatus, frozenset[VraagStatus]] = {
    _S.gemeld: frozenset({_S.in_onderzoek, _S.aanvraag_ontvangen, _S.afgesloten}),
    _S.in_onderzoek: frozenset({_S.onderzoek_afgerond, _S.aanvraag_ontvangen, _S.afgesloten}),
    _S.onderzoek_afgerond: frozenset({_S.aanvraag_ontvangen, _S.afgesloten}),
    # An aanvraag can be withdrawn before the decision (afsluitreden 'ingetrokken').
    _S.aanvraag_ontvangen: frozenset({_S.besloten, _S.afgesloten}),
    _S.besloten: frozenset({_S.afgesloten}),
    _S.afgesloten: frozenset(),
}

# Edges in TRANSITIONS that bypass a finished onderzoek: allowed only after the onderzoekstermijn.
SKIP_TRANSITIONS: frozenset[tuple[VraagStatus, VraagStatus]] = frozenset(
    {(_S.gemeld, _S.aanvraag_ontvangen), (_S.in_onderzoek, _S.aanvraag_ontvangen)}
)

SKIP_MELDING = (
    "Een aanvraag vóór het einde van het onderzoek kan pas als de onderzoekstermijn van 6 weken "
    "verstreken is (Wmo 2015 art. 2.3.2 lid 9)."
)


def _label(status: VraagStatus) -> str:
    return STATUS_LABELS[status].lower()


def _parse(status: VraagStatus | str) -> VraagStatus | None:
    try:
        return VraagStatus(status)
    except ValueError:
        return None


def check_transition(
    current: VraagStatus | str,
    target: VraagStatus | str,
    *,
    onderzoek_deadline: date | None,
    today: date,
) -> str | None:
    """None when `current` → `target` is allowed, else a Dutch message saying why not.

    `onderzoek_deadline` is the (computed) end of the 6-week onderzoekstermijn; a skip straight to an
    aanvraag is allowed only on the day after it (Wmo 2015 art. 2.3.2 lid 9). Without a known
    deadline a skip is refused, since nothing shows the term has passed.
    """
    cur, tgt = _parse(current), _parse(target)
    if cur is None:
        return f"Onbekende status '{current}'."
    if tgt is None:
        return f"Onbekende status '{target}'."
    if cur == tgt:
        return f"De vraag heeft de status '{_label(cur)}' al."
    if tgt not in TRANSITIONS[cur]:
        if not TRANSITIONS[cur]:
            return f"De vraag is '{_label(cur)}'; de status kan niet meer veranderen."
        return f"Van '{_label(cur)}' kan de vraag niet naar '{_label(tgt)}'."
    if (cur, tgt) in SKIP_TRANSITIONS and (onderzoek_deadline is None or today <= onderzoek_deadline):
        return SKIP_MELDING
    return None


AFSLUITREDENEN: dict[str, str] = {
    "opgelost_voorliggend": "Opgelost in het voorliggend veld",
    "ingetrokken": "Ingetrokken",
    "voorziening_toegekend": "Voorziening toegekend",
    "afgewezen": "Afgewezen",
    "geen_vervolg": "Geen vervolg",
}

# Reasons where support was given, so a nazorg date is planned ("verantwoord loslaten", DESIGN §4).
NAZORG_REDENEN: frozenset[str] = frozenset({"voorziening_toegekend", "opgelost_voorliggend"})


def afsluiten_vereist_nazorg(reden: str) -> bool:
    """True when closing for `reden` needs a nazorg date; ValueError for an unknown reason code."""
    if reden not in AFSLUITREDENEN:
        raise ValueError(f"Onbekende afsluitreden '{reden}'.")
    return reden in NAZORG_REDENEN
