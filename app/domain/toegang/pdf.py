"""PDF letters for the resident: the verslag of the onderzoek and the beschikking with its bezwaar clause.

Rendered with fpdf2; the DejaVu font is used when installed (full Unicode), else Helvetica with the
text reduced to latin-1 so a missing font never breaks a letter.
"""

import os
from datetime import date

from fpdf import FPDF

from app.domain.households.models import Huishouden, Persoon
from app.domain.toegang import termijnen as t
from app.domain.toegang.models import Beschikking, Ondersteuningsvraag, Verslag

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

BESLUIT_LABELS = {
    "toekenning": "Toekenning",
    "gedeeltelijke_toekenning": "Gedeeltelijke toekenning",
    "afwijzing": "Afwijzing",
}


class _Brief(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.unicode = os.path.exists(DEJAVU)
        if self.unicode:
            self.add_font("DejaVu", "", DEJAVU)
            self.add_font("DejaVu", "B", DEJAVU_BOLD if os.path.exists(DEJAVU_BOLD) else DEJAVU)
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self.set_auto_page_break(True, margin=20)
        self.add_page()
        self.set_margins(20, 20, 20)

    def _t(self, text: str) -> str:
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def kop(self, text: str) -> None:
        self.set_font(self.family, "B", 14)
        self.multi_cell(0, 8, self._t(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def sub(self, text: str) -> None:
        self.set_font(self.family, "B", 11)
        self.multi_cell(0, 6, self._t(text), new_x="LMARGIN", new_y="NEXT")

    def tekst(self, text: str) -> None:
        self.set_font(self.family, "", 10)
        self.multi_cell(0, 5, self._t(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)


def _adres(pdf: _Brief, hh: Huishouden, aanvrager: Persoon | None) -> None:
    if aanvrager is not None:
        pdf.tekst(aanvrager.naam)
    pdf.tekst(hh.adres)
    pdf.ln(4)


def verslag_pdf(vraag: Ondersteuningsvraag, hh: Huishouden, aanvrager: Persoon | None, verslag: Verslag) -> bytes:
    pdf = _Brief()
    _adres(pdf, hh, aanvrager)
    pdf.kop("Verslag van het onderzoek naar uw ondersteuningsvraag")
    pdf.tekst(f"Melding van {vraag.datum_melding:%d-%m-%Y}")
    if verslag.verzonden_op:
        pdf.tekst(f"Verzonden op {verslag.verzonden_op:%d-%m-%Y}")
    pdf.ln(2)
    pdf.tekst(verslag.tekst)
    if verslag.reactie_inwoner:
        pdf.sub("Uw reactie")
        pdf.tekst(verslag.reactie_inwoner)
    pdf.ln(2)
    pdf.tekst(
        "Dit verslag is opgesteld op grond van artikel 2.3.2 lid 8 van de Wmo 2015. Klopt er iets niet of mist u "
        "iets? Laat het ons weten; uw reactie wordt aan het verslag toegevoegd."
    )
    return bytes(pdf.output())


def beschikking_pdf(b: Beschikking, hh: Huishouden, aanvrager: Persoon | None, vandaag: date) -> bytes:
    pdf = _Brief()
    _adres(pdf, hh, aanvrager)
    pdf.kop(f"Beschikking {b.nummer}")
    pdf.tekst(f"Datum besluit: {b.besluitdatum:%d-%m-%Y}")
    pdf.tekst(f"Wet: {b.wet} - grondslag: {b.grondslag}")
    pdf.tekst(f"Besluit: {BESLUIT_LABELS.get(b.besluit, b.besluit)}")
    pdf.sub("Motivering")
    pdf.tekst(b.motivering)
    if b.voorzieningen:
        pdf.sub("Voorzieningen")
        for vz in b.voorzieningen:
            periode = f"van {vz.ingangsdatum:%d-%m-%Y}" + (
                f" tot en met {vz.einddatum:%d-%m-%Y}" if vz.einddatum else ""
            )
            wie = f" voor {vz.persoon.naam}" if vz.persoon else ""
            aanbieder = f", aanbieder {vz.aanbieder.naam}" if vz.aanbieder else ""
            vorm = "persoonsgebonden budget" if vz.leveringsvorm == "PGB" else "zorg in natura"
            pdf.tekst(f"- {vz.product.naam}{wie}: {vz.volume} ({vorm}{aanbieder}), {periode}")
    pdf.sub("Bent u het niet eens met dit besluit?")
    verzonden = b.verzonden_op or vandaag
    einde = t.bezwaar_deadline(verzonden)
    pdf.tekst(
        "Dan kunt u binnen 6 weken na de dag van verzending van deze beschikking bezwaar maken "
        f"(Algemene wet bestuursrecht art. 6:7 en 6:8). De bezwaartermijn eindigt op {einde:%d-%m-%Y}. "
        "Stuur uw bezwaarschrift, met uw naam, adres, datum, handtekening, het nummer van deze beschikking "
        "en de reden van uw bezwaar, aan het college van burgemeester en wethouders."
    )
    return bytes(pdf.output())
