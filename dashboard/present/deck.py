"""The slide sequence as a PPTX (python-pptx) and a PDF (ReportLab): charts as images drawn by
the warm kaleido browser, figures and words as native, editable text, in one language.

Text is never cut: titles, filters and footers are wrapped at word boundaries and set smaller
until they fit their box, and the chart takes the room that is left.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.base import BaseShape as Shape
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from dashboard.common import chart_images
from dashboard.common.i18n import WELSH, language, t, using
from dashboard.common.slides import Slide, plain_title
from dashboard.present.sequence import Meta

#: 16:9, the shape of the projector, in points (72 to the inch).
WIDTH, HEIGHT = 960.0, 540.0
MARGIN = 36.0
INK, MUTED, ACCENT, WARNING = "1B1F24", "4A4F55", "0072B2", "8A4B00"
#: The chart image: wide like the room a slide leaves it; at 2x it is 2400 px wide, sharper
#: than a 1080p projector and about 200 dpi on a printed page.
IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_SCALE, IMAGE_FONT = 1200, 560, 2, 18
#: Fonts with every Welsh letter (ŵ, ŷ are not in the PDF standard fonts' encoding).
FONT_FILES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    (
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)
REGULAR, BOLD = "DeckSans", "DeckSans-Bold"
# binary image streams, not ASCII85 text: ReportLab's encoder for that is pure Python and
# took longer than drawing the chart (the PDF is a download, never mailed as 7-bit text)
rl_config.useA85 = 0

Progress = Callable[[int, int, str], None]


def _quiet(done: int, total: int, what: str) -> None:
    return None


def title() -> str:
    return t("Digital public services in Wales")


def demo_note() -> str:
    return t(
        "Illustrative data: every service figure in this deck is invented and must not be "
        "quoted as a finding."
    )


@cache
def _fonts() -> bool:
    """Register the deck's font with ReportLab once; False when no suitable font is installed."""
    for regular, bold in FONT_FILES:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, regular))
            pdfmetrics.registerFont(TTFont(BOLD, bold))
            return True
    return False


def font_problem() -> str | None:
    """Why a PDF with Welsh text cannot be written here, in words; None when it can."""
    if _fonts():
        return None
    return t(
        "The PDF needs a font with the Welsh letters ŵ and ŷ. Install DejaVu Sans (Debian: "
        "`apt-get install fonts-dejavu-core`), then restart the app."
    )


def problem() -> str | None:
    """Why a deck cannot be built here (no browser for the charts, no font); None when it can."""
    return chart_images.renderer_problem() or font_problem()


# ---- text that fits ------------------------------------------------------------------------


def _width(text: str, size: float, bold: bool = False) -> float:
    if _fonts():
        return float(pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size))
    # no TrueType font: Helvetica's metrics (close to Arial's) are good enough to lay out a PPTX
    return float(pdfmetrics.stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size))


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` points, at spaces; a single word wider
    than the line (a pasted address, say) is broken between letters rather than cut off."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if _width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while _width(word, size, bold) > width:
                cut = max(1, _fits(word, size, width, bold))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fits(word: str, size: float, width: float, bold: bool) -> int:
    """How many leading letters of `word` fit in `width`."""
    count = 0
    while count < len(word) and _width(word[: count + 1], size, bold) <= width:
        count += 1
    return count


@dataclass(frozen=True)
class Block:
    """Text set to fit a box: its lines, size and height in points."""

    lines: list[str]
    size: float
    bold: bool = False
    original: str = ""  # the text as given (a PPTX wraps it again in PowerPoint's own font)

    @property
    def leading(self) -> float:
        return self.size * 1.22

    @property
    def height(self) -> float:
        return self.leading * len(self.lines)


def fit(
    text: str,
    width: float,
    largest: float,
    smallest: float,
    max_lines: int,
    bold: bool = False,
    max_height: float | None = None,
) -> Block:
    """The largest size from `largest` down to `smallest` at which `text` wraps into at most
    `max_lines` lines (and `max_height` points); at the smallest size it takes the lines it
    needs, so nothing is ever dropped."""
    size = largest
    while True:
        block = Block(wrap(text, size, width, bold), size, bold, text)
        fits = len(block.lines) <= max_lines and (max_height is None or block.height <= max_height)
        if fits or size <= smallest:
            return block
        size = max(smallest, size - 1)


# ---- the charts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    slide: Slide
    png: bytes | None


def _for_image(figure: go.Figure) -> go.Figure:
    """A copy of a slide's chart for the deck: the slide's own title carries the finding, so
    the image keeps only its subtitle, in type large enough for the back of the room."""
    chart = type(figure)(figure)
    subtitle = chart.layout.title.subtitle.text or ""
    chart.layout.title.subtitle.text = None
    chart.update_layout(
        title_text=subtitle,
        title_font_size=IMAGE_FONT + 2,
        font_size=IMAGE_FONT,
        margin_t=90 if subtitle else 40,
    )
    return chart


def draw(slides: Sequence[Slide], progress: Progress = _quiet) -> list[Drawn]:
    """Render every chart once (shared by the PPTX and the PDF), in the one warm browser.

    Images are drawn one after another: kaleido's shared server answers one call at a time.
    """
    drawn = []
    for number, slide in enumerate(slides, start=1):
        progress(number - 1, len(slides), t("Drawing “{title}”", title=slide.title))
        png = None
        if slide.figure is not None:
            png = chart_images.figure_png(
                _for_image(slide.figure),
                width=IMAGE_WIDTH,
                height=IMAGE_HEIGHT,
                scale=IMAGE_SCALE,
            )
        drawn.append(Drawn(slide, png))
    progress(len(slides), len(slides), t("Charts drawn"))
    return drawn


# ---- layout shared by both formats ---------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where things go on one content slide, in points from the top left."""

    title: Block
    footer: Block
    note: Block | None
    body_top: float
    body_bottom: float

    @property
    def body_height(self) -> float:
        return self.body_bottom - self.body_top


TEXT_WIDTH = WIDTH - 2 * MARGIN


def layout(slide: Slide, meta: Meta) -> Layout:
    heading = fit(slide.title, TEXT_WIDTH, 26, 17, 2, bold=True)
    footer = fit(" · ".join(meta.footer), TEXT_WIDTH, 10, 6.5, 2)
    note = fit(demo_note(), TEXT_WIDTH, 9, 6.5, 1) if meta.invented else None
    bottom = HEIGHT - 18 - footer.height - (note.height + 2 if note else 0)
    return Layout(heading, footer, note, 26 + heading.height + 14, bottom - 10)


def picture_box(png: bytes, top: float, bottom: float) -> tuple[float, float, float, float]:
    """The picture scaled to fit between `top` and `bottom`, centred: left, top, width, height."""
    reader = ImageReader(io.BytesIO(png))
    pixels_w, pixels_h = reader.getSize()
    scale = min(TEXT_WIDTH / pixels_w, (bottom - top) / pixels_h)
    w, h = pixels_w * scale, pixels_h * scale
    return (WIDTH - w) / 2, top + (bottom - top - h) / 2, w, h


def quote_blocks(slide: Slide, plan: Layout) -> list[tuple[float, Block, str]]:
    """The owners' words of a quotes slide, each over whose they are, and the caption under
    them: (top, text, colour) in points, at the largest size that fits the body (never cut)."""
    for size in (20.0, 18.0, 16.0, 14.0, 12.0):
        placed: list[tuple[float, Block, str]] = []
        top = plan.body_top
        for quote in slide.quotes:
            words = fit(f"“{quote.text}”", TEXT_WIDTH, size, size, 99)
            who = fit(f"— {quote.who}", TEXT_WIDTH, size * 0.65, size * 0.65, 2)
            placed += [(top, words, INK), (top + words.height + 2, who, MUTED)]
            top += words.height + 2 + who.height + size * 0.7
        caption = fit(slide.caption, TEXT_WIDTH, size * 0.6, size * 0.6, 99)
        placed.append((top, caption, MUTED))
        if top + caption.height <= plan.body_bottom:
            break
    return placed


# ---- PPTX ----------------------------------------------------------------------------------


def _emu(points: float) -> Emu:
    return Emu(int(points * 12700))


def _style(frame: TextFrame, block: Block, colour: str, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    """Put `block` into a text frame: its lines as one paragraph (PowerPoint wraps them
    again in its own font), the size chosen to fit, shrink-on-overflow as a backstop."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.vertical_anchor = MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.text = block.original
    paragraph.alignment = align
    lang = "cy-GB" if language() == WELSH else "en-GB"
    for run in paragraph.runs:
        run.font.size = Pt(block.size)
        run.font.bold = block.bold
        run.font.color.rgb = RGBColor.from_string(colour)  # type: ignore[no-untyped-call]  # python-pptx has no annotations here
        run.font._rPr.set("lang", lang)  # spelling and screen readers: the deck's language


def _box(
    slide: PptxSlide,
    left: float,
    top: float,
    width: float,
    block: Block,
    colour: str,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> Shape:
    shape = slide.shapes.add_textbox(
        _emu(left), _emu(top), _emu(width), _emu(block.height + block.size * 0.3)
    )
    _style(shape.text_frame, block, colour, align)
    return shape


def _title(slide: PptxSlide, block: Block, top: float) -> None:
    """The slide's title in its title placeholder (screen readers and the outline find it)."""
    shape = slide.shapes.title
    assert shape is not None  # every slide is made from the title-only layout
    shape.left, shape.top = _emu(MARGIN), _emu(top)
    shape.width, shape.height = _emu(TEXT_WIDTH), _emu(block.height + block.size * 0.3)
    _style(shape.text_frame, block, INK)


def _foot(slide: PptxSlide, meta: Meta, plan: Layout) -> None:
    top = plan.body_bottom + 10
    _box(slide, MARGIN, top, TEXT_WIDTH, plan.footer, MUTED)
    if plan.note:
        _box(slide, MARGIN, top + plan.footer.height + 2, TEXT_WIDTH, plan.note, WARNING)


def _facts_pptx(slide: PptxSlide, item: Slide, plan: Layout) -> None:
    column = TEXT_WIDTH / len(item.facts)
    top = plan.body_top + max(0.0, (plan.body_height - 170) / 2)
    for position, fact in enumerate(item.facts):
        left = MARGIN + position * column
        inner = column - 18
        value = fit(fact.value, inner, 48, 28, 1, bold=True)
        label = fit(fact.label, inner, 18, 12, 2, bold=True)
        detail = fit(fact.detail, inner, 13, 9, 3)
        _box(slide, left, top, inner, value, ACCENT)
        _box(slide, left, top + value.height + 6, inner, label, INK)
        _box(slide, left, top + value.height + label.height + 12, inner, detail, MUTED)


def to_pptx(drawn: Sequence[Drawn], meta: Meta) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = _emu(WIDTH), _emu(HEIGHT)
    title_only = deck.slide_layouts[5]
    deck.core_properties.title = title()
    deck.core_properties.language = "cy-GB" if language() == WELSH else "en-GB"

    cover = deck.slides.add_slide(title_only)
    heading, parts, y = _cover(meta)
    _title(cover, heading, y)
    y += heading.height + 24
    for part, colour in parts:
        _box(cover, MARGIN, y, TEXT_WIDTH, part, colour)
        y += part.height + 12

    for item in drawn:
        slide = deck.slides.add_slide(title_only)
        plan = layout(item.slide, meta)
        _title(slide, plan.title, 26)
        if item.png is not None:
            left, top, w, h = picture_box(item.png, plan.body_top, plan.body_bottom)
            picture = slide.shapes.add_picture(
                io.BytesIO(item.png), _emu(left), _emu(top), _emu(w), _emu(h)
            )
            # alt text: what the chart shows, for screen readers
            picture._element.nvPicPr.cNvPr.set("descr", _alt_text(item.slide))
        if item.slide.facts:
            _facts_pptx(slide, item.slide, plan)
        if item.slide.quotes:
            for top, text, colour in quote_blocks(item.slide, plan):
                _box(slide, MARGIN, top, TEXT_WIDTH, text, colour)
        if item.slide.message:
            block = fit(item.slide.message, TEXT_WIDTH, 20, 12, 4)
            _box(slide, MARGIN, plan.body_top + 20, TEXT_WIDTH, block, MUTED)
        _foot(slide, meta, plan)
        if item.slide.notes:
            slide.notes_slide.notes_text_frame.text = item.slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _alt_text(slide: Slide) -> str:
    """What the chart shows, in plain words (the image wraps its subtitle; alt text does not)."""
    figure = slide.figure
    subtitle = plain_title(figure.layout.title.subtitle.text) if figure is not None else ""
    return f"{slide.title}. {subtitle}" if subtitle else slide.title


def _cover(meta: Meta) -> tuple[Block, list[tuple[Block, str]], float]:
    """The title slide: its title, the blocks under it with their colours, and how far from
    the top it starts (a third of the way down, higher when a long filter needs the room)."""
    heading = fit(title(), TEXT_WIDTH, 40, 28, 2, bold=True)
    wanted = [
        (t("Where to improve next"), 24, 18, 1, MUTED),
        (meta.filter_line, 18, 8, 4, INK),
        (meta.dates_line, 16, 10, 2, MUTED),
        (meta.source, 14, 9, 2, MUTED),
    ]
    if meta.invented:
        wanted.append((demo_note(), 14, 9, 2, WARNING))
    parts = [
        (fit(text, TEXT_WIDTH, largest, smallest, lines), colour)
        for text, largest, smallest, lines, colour in wanted
    ]
    total = heading.height + 24 + sum(part.height + 12 for part, _ in parts)
    return heading, parts, max(MARGIN, min(130.0, HEIGHT - MARGIN - total))


# ---- PDF -----------------------------------------------------------------------------------


def to_pdf(drawn: Sequence[Drawn], meta: Meta) -> bytes:
    """The same slides as PDF pages, 16:9, text as text (selectable and searchable)."""
    if not _fonts():
        raise RuntimeError(font_problem())
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(WIDTH, HEIGHT), lang="cy" if language() == WELSH else "en")
    pdf.setTitle(title())
    pdf.setAuthor(t("Digital services in Wales dashboard"))
    pdf.setSubject(meta.filter_line)

    def block(x: float, top: float, text: Block, colour: str) -> None:
        """Draw `text` with its first line's top at `top` points from the top of the page."""
        pdf.setFont(BOLD if text.bold else REGULAR, text.size)
        pdf.setFillColor(HexColor("#" + colour))
        for number, line in enumerate(text.lines):
            baseline = top + text.size * 0.95 + number * text.leading
            pdf.drawString(x, HEIGHT - baseline, line)

    heading, parts, y = _cover(meta)
    block(MARGIN, y, heading, INK)
    y += heading.height + 24
    for part, colour in parts:
        block(MARGIN, y, part, colour)
        y += part.height + 12
    pdf.showPage()

    for item in drawn:
        plan = layout(item.slide, meta)
        block(MARGIN, 26, plan.title, INK)
        if item.png is not None:
            left, top, w, h = picture_box(item.png, plan.body_top, plan.body_bottom)
            # opaque RGB: an alpha channel would be compressed a second time as a soft mask
            opaque = Image.open(io.BytesIO(item.png)).convert("RGB")
            pdf.drawImage(ImageReader(opaque), left, HEIGHT - top - h, w, h)
        if item.slide.facts:
            column = TEXT_WIDTH / len(item.slide.facts)
            top = plan.body_top + max(0.0, (plan.body_height - 170) / 2)
            for position, fact in enumerate(item.slide.facts):
                x, inner = MARGIN + position * column, column - 18
                value = fit(fact.value, inner, 48, 28, 1, bold=True)
                label = fit(fact.label, inner, 18, 12, 2, bold=True)
                detail = fit(fact.detail, inner, 13, 9, 3)
                block(x, top, value, ACCENT)
                block(x, top + value.height + 6, label, INK)
                block(x, top + value.height + label.height + 12, detail, MUTED)
        if item.slide.quotes:
            for top, text, colour in quote_blocks(item.slide, plan):
                block(MARGIN, top, text, colour)
        if item.slide.message:
            block(MARGIN, plan.body_top + 20, fit(item.slide.message, TEXT_WIDTH, 20, 12, 4), MUTED)
        block(MARGIN, plan.body_bottom + 10, plan.footer, MUTED)
        if plan.note:
            block(MARGIN, plan.body_bottom + 12 + plan.footer.height, plan.note, WARNING)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ---- the whole deck ------------------------------------------------------------------------


@dataclass(frozen=True)
class Deck:
    pptx: bytes
    pdf: bytes
    slides: int  # with the title slide
    seconds: float
    lang: str

    def file_name(self, suffix: str, made: datetime) -> str:
        with using(self.lang):
            return t("digital-services-wales-slides-{date}", date=f"{made:%Y-%m-%d}") + suffix


def make(
    build: Callable[[], list[Slide]], meta: Meta, lang: str, progress: Progress = _quiet
) -> Deck:
    """The slides `build` gives as a PPTX and a PDF, every word in `lang` (the language of the
    session when the button was pressed, whatever thread this runs in): the slides are built
    inside that language."""
    started = time.perf_counter()
    with using(lang):
        slides = build()
        drawn = draw(slides, progress)
        progress(len(slides), len(slides), t("Writing the PPTX and the PDF"))
        pptx, pdf = to_pptx(drawn, meta), to_pdf(drawn, meta)
    return Deck(pptx, pdf, len(slides) + 1, time.perf_counter() - started, lang)
