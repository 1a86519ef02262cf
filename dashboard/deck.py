"""The slide sequence as a PPTX (python-pptx) and a PDF (ReportLab): charts as images drawn by
the warm kaleido browser, figures and words as native, editable text."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from dashboard import images
from dashboard.slides import Meta, Slide

TITLE = "Digital public services in Wales"
DEMO_NOTE = (
    "Illustrative data: every service figure in this deck is invented and must not be quoted "
    "as a finding."
)
#: 16:9, the shape of the projector.
WIDTH_IN, HEIGHT_IN = 13.333, 7.5
INK, MUTED, ACCENT = "1B1F24", "4A4F55", "0072B2"

Progress = Callable[[int, int, str], None]


def _quiet(done: int, total: int, what: str) -> None:
    return None


@dataclass(frozen=True)
class Drawn:
    slide: Slide
    png: bytes | None


def draw(slides: Sequence[Slide], progress: Progress = _quiet) -> list[Drawn]:
    """Render every chart once (shared by the PPTX and the PDF)."""
    drawn = []
    for number, slide in enumerate(slides, start=1):
        progress(number - 1, len(slides), f"Drawing “{slide.title}”")
        png = None
        if slide.figure is not None:
            chart = slide.figure
            # the slide's own title carries the finding; the image keeps only the subtitle
            chart = type(chart)(chart)
            chart.update_layout(title_text=chart.layout.title.subtitle.text or "")
            chart.layout.title.subtitle.text = None
            # 1100 x 620 at 3x: presentation pixels with type large enough for the back row
            png = images.figure_png(chart, width=1100, height=620, scale=3)
        drawn.append(Drawn(slide, png))
    progress(len(slides), len(slides), "Charts drawn")
    return drawn


def _text(frame, text: str, size: int, colour: str = INK, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.text = text
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)


def _add_text(
    slide,
    left: float,
    top: float,
    width: float,
    height: float,
    text: str,
    size: int,
    colour: str = INK,
    bold: bool = False,
):  # type: ignore[no-untyped-def]
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    _text(box.text_frame, text, size, colour, bold)
    return box


def to_pptx(drawn: Sequence[Drawn], meta: Meta) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    blank = deck.slide_layouts[6]

    cover = deck.slides.add_slide(blank)
    _add_text(cover, 0.8, 2.2, 11.7, 1.2, TITLE, 40, bold=True)
    _add_text(cover, 0.8, 3.5, 11.7, 0.8, meta.filter_line, 20, MUTED)
    _add_text(cover, 0.8, 4.2, 11.7, 0.6, f"{meta.when:%d %B %Y} · {meta.source}", 16, MUTED)
    if meta.invented:
        _add_text(cover, 0.8, 5.4, 11.7, 0.8, DEMO_NOTE, 16, "A15C00", bold=True)

    for item in drawn:
        slide = deck.slides.add_slide(blank)
        _add_text(slide, 0.5, 0.3, 12.3, 0.9, item.slide.title, 26, bold=True)
        if item.png is not None:
            slide.shapes.add_picture(
                io.BytesIO(item.png), Inches(0.9), Inches(1.25), height=Inches(5.5)
            )
        if item.slide.facts:
            width = 12.3 / len(item.slide.facts)
            for position, (name, value) in enumerate(item.slide.facts):
                left = 0.5 + position * width
                _add_text(slide, left, 2.4, width, 1.2, value, 44, ACCENT, bold=True)
                _add_text(slide, left, 3.6, width, 0.8, name, 16, MUTED)
        _add_text(slide, 0.5, 6.85, 12.3, 0.5, " · ".join(meta.footer), 10, MUTED)
        if meta.invented:
            _add_text(slide, 0.5, 7.1, 12.3, 0.35, DEMO_NOTE, 9, "A15C00")
        if item.slide.notes:
            slide.notes_slide.notes_text_frame.text = item.slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def to_pdf(drawn: Sequence[Drawn], meta: Meta) -> bytes:
    """The same slides as PDF pages, 16:9, text as text (selectable and searchable)."""
    width, height = WIDTH_IN * 72, HEIGHT_IN * 72
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(TITLE)
    pdf.setAuthor("Digital services in Wales dashboard")

    def line(
        x: float, y: float, text: str, size: int, colour: str = INK, bold: bool = False
    ) -> None:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.setFillColor(HexColor("#" + colour))
        pdf.drawString(x, y, text)

    def foot() -> None:
        line(36, 24, " · ".join(meta.footer)[:200], 8, MUTED)
        if meta.invented:
            line(36, 12, DEMO_NOTE, 7, "A15C00")

    line(58, height - 200, TITLE, 34, bold=True)
    line(58, height - 240, meta.filter_line[:120], 16, MUTED)
    line(58, height - 266, f"{meta.when:%d %B %Y} · {meta.source}"[:120], 12, MUTED)
    if meta.invented:
        line(58, height - 330, DEMO_NOTE, 12, "A15C00", bold=True)
    pdf.showPage()

    for item in drawn:
        line(36, height - 48, item.slide.title[:110], 20, bold=True)
        if item.png is not None:
            picture = ImageReader(io.BytesIO(item.png))
            box_w, box_h = width - 72, height - 120
            img_w, img_h = picture.getSize()
            scale = min(box_w / img_w, box_h / img_h)
            w, h = img_w * scale, img_h * scale
            pdf.drawImage(picture, (width - w) / 2, 44 + (box_h - h) / 2, w, h)
        if item.slide.facts:
            column = (width - 72) / len(item.slide.facts)
            for position, (name, value) in enumerate(item.slide.facts):
                x = 36 + position * column
                line(x, height / 2, value, 36, ACCENT, bold=True)
                line(x, height / 2 - 28, name, 12, MUTED)
        foot()
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
