"""The plan as a PDF the household can keep, in plain Dutch (fpdf2).

It prints the latest vastgestelde version when there is one (what the household agreed to), else the
current concept, clearly marked. The export is audited.
"""

from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF
from sqlalchemy.orm import Session

from app.domain import audit
from app.domain.actor import Actor
from app.domain.plans import rules, service

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
_STATUS = {
    **{k.value: v for k, v in rules.DOEL_STATUS_LABELS.items()},
    **{k.value: v for k, v in rules.ACTIE_STATUS_LABELS.items()},
}


def _d(value: str | date | None) -> str:
    if not value:
        return "nog niet bekend"
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return rules._datum(d)


class _Doc(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        if FONT.exists():
            self.add_font("body", "", str(FONT))
            self.add_font("body", "B", str(FONT_BOLD if FONT_BOLD.exists() else FONT))
            self.family = "body"
        else:  # core font: Latin-1 only, so accents outside it are replaced
            self.family = "helvetica"
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, 18)

    def text(self, value: str) -> str:  # type: ignore[override]
        if self.family == "body":
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def kop(self, value: str, size: int = 14) -> None:
        self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, 7, self.text(value), new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_font(self.family, "", 11)

    def alinea(self, value: str | None) -> None:
        self.set_font(self.family, "", 11)
        self.multi_cell(0, 6, self.text(value or "—"), new_x="LMARGIN", new_y="NEXT", align="L")


def plan_pdf(session: Session, actor: Actor, *, huishouden_id: int) -> bytes:
    plan = service.get_plan(session, actor, huishouden_id=huishouden_id, audit_view=False)
    if plan is None:
        from app.domain.errors import NotFound

        raise NotFound("Dit huishouden heeft nog geen plan.")
    if plan.versies:
        v = plan.versies[0]
        cmp = service.compare_versions(session, actor, huishouden_id=huishouden_id, versienummer=v.versienummer)
        snap: dict[str, Any] = cmp["snapshot"]
        kop = f"Vastgesteld op {_d(v.vastgesteld_op)} met {v.akkoord_door} (versie {v.versienummer})"
    else:
        snap = {
            "situatie": plan.situatie,
            "prioriteiten": plan.prioriteiten,
            "veiligheid": plan.veiligheid,
            "volgende_evaluatie": plan.volgende_evaluatie.isoformat() if plan.volgende_evaluatie else None,
            "doelen": [
                {
                    "leefgebied": d.leefgebied_label,
                    "woorden": d.woorden,
                    "status": d.status,
                    "professioneel_oordeel": d.professioneel_oordeel,
                    "acties": [
                        {
                            "wat": a.wat,
                            "wie": a.wie,
                            "uiterlijk": a.uiterlijk.isoformat() if a.uiterlijk else None,
                            "status": a.status,
                        }
                        for a in d.acties
                    ],
                }
                for d in plan.doelen
            ],
        }
        kop = "Concept: dit plan is nog niet samen vastgesteld"
    doc = _Doc()
    doc.set_title(f"Ons plan · {plan.huishouden_naam}")
    doc.set_lang("nl")
    doc.add_page()
    doc.kop(f"Ons plan · {plan.huishouden_naam}", 18)
    doc.alinea(kop)
    doc.kop("Hoe het nu gaat")
    doc.alinea(snap.get("situatie"))
    doc.kop("Wat wij het belangrijkst vinden")
    doc.alinea(snap.get("prioriteiten"))
    doc.kop("Onze doelen")
    for i, d in enumerate(snap.get("doelen", []), 1):
        doc.set_font(doc.family, "B", 11)
        doc.multi_cell(0, 6, doc.text(f"{i}. {d['woorden']}"), new_x="LMARGIN", new_y="NEXT", align="L")
        doc.alinea(f"Onderwerp: {d['leefgebied']} · Stand: {_STATUS.get(d['status'], d['status'])}")
        if d.get("professioneel_oordeel"):
            doc.alinea(f"Wat de hulpverlener erbij zegt: {d['professioneel_oordeel']}")
        for a in d.get("acties", []):
            stand = _STATUS.get(a.get("status", ""), a.get("status", ""))
            doc.alinea(f"  - {a['wat']} (wie: {a['wie']}; uiterlijk: {_d(a.get('uiterlijk'))}; stand: {stand})")
        doc.ln(2)
    if snap.get("veiligheid"):
        doc.kop("Veiligheid")
        doc.alinea(snap["veiligheid"])
    doc.kop("Wanneer kijken we samen hoe het gaat?")
    doc.alinea(_d(snap.get("volgende_evaluatie")))
    doc.ln(4)
    doc.alinea("Klopt er iets niet of wilt u iets veranderen? Neem contact op met uw regisseur.")
    audit.record(
        session,
        actor,
        action="export",
        object_type="plan",
        object_id=plan.id,
        huishouden_id=huishouden_id,
        purpose=service.PURPOSE,
    )
    return bytes(doc.output())
