"""What every printed document shares: fonts, page header and footer, tables, signature boxes.

The renderers build a :class:`DocumentPDF`, open pages with :meth:`DocumentPDF.start_page` and
draw with :meth:`DocumentPDF.draw_table`, :meth:`DocumentPDF.write_text` and
:meth:`DocumentPDF.signature_box`. Every label comes from the message catalogue at drawing
time, and every date from the data (never the clock), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from trainer_tui.exports.documents import Organisation, Programme
from trainer_tui.exports.pdf_text import line_height
from trainer_tui.i18n import format_date, get_language, t

#: DejaVu Sans, vendored beside this module (see fonts/LICENSE-DejaVu.txt): French names and
#: texts need more than the Latin-1 of the PDF core fonts (œ, ’, names like "Nguyễn").
FONT_DIR = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
GREY = (90, 90, 90)
Alignment = Literal["L", "C", "R"]
#: What a page shows besides its content: organisation, programme, title, details, date.
PageInfo = tuple[Organisation, Programme, str, list[tuple[str, bool]], dt.date]

_PAD = 1.2  # horizontal padding inside table cells, in mm
_MIN_SIZE = 5.5  # smallest font size (pt) text is shrunk to before being cut


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, its relative width and how its cells align."""

    title: str
    width: float
    align: Alignment = "L"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: main text, an optional smaller line under it, an optional corner tag."""

    text: str = ""
    #: A smaller grey line under the text ("a quitté la formation le …").
    note: str = ""
    #: Tiny text in the top-left corner, leaving the rest of the box free for a signature.
    corner: str = ""
    bold: bool = False
    #: The main text in grey (what is not there yet: "not assessed").
    grey: bool = False


class DocumentPDF(FPDF):
    """An A4 document with the organisation/programme header and a dated, numbered footer."""

    def __init__(
        self,
        organisation: Organisation,
        programme: Programme,
        *,
        issued_on: dt.date,
        title: str,
        landscape: bool = False,
    ) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        if landscape:
            self.set_margins(10, 8, 10)
        else:
            self.set_margins(12, 10, 12)
        # Breaks are decided here (tables repeat their headings), never in the middle of a cell.
        self.set_auto_page_break(False, margin=13)
        self.c_margin = 0
        self.page_info: PageInfo = (organisation, programme, title, [], issued_on)
        self._next_info: PageInfo | None = None
        self._wrapped: dict[tuple[str, float, float, bool], list[str]] = {}
        self._widths: dict[tuple[str, float, bool], float] = {}
        # The creation date comes from the data so that the same data gives the same bytes.
        self.set_creation_date(dt.datetime.combine(issued_on, dt.time(12), tzinfo=dt.UTC))
        self.set_title(title)
        self.set_author(organisation.name)
        self.set_creator("trainer-tui")
        self.set_lang(get_language())

    @property
    def details(self) -> list[tuple[str, bool]]:
        """The lines under the current page's title, each with whether it is bold."""
        return self.page_info[3]

    def start_page(
        self,
        *,
        title: str | None = None,
        details: Sequence[tuple[str, bool]] | None = None,
        organisation: Organisation | None = None,
        programme: Programme | None = None,
        issued_on: dt.date | None = None,
    ) -> None:
        """Open a page; what is not given is taken from the page before.

        The values apply from the new page's header on: fpdf2 draws the previous page's
        footer inside ``add_page``, and that footer keeps its own date.
        """
        org, prog, old_title, old_details, old_date = self.page_info
        self._next_info = (
            organisation or org,
            programme or prog,
            title or old_title,
            list(old_details if details is None else details),
            issued_on or old_date,
        )
        self.add_page()

    def header(self) -> None:
        """Organisation on the left, programme on the right, the title and details centred.

        In landscape the title sits between the two blocks, to leave the height to the table.
        """
        if self._next_info is not None:
            self.page_info, self._next_info = self._next_info, None
        org, prog, *_ = self.page_info
        top, left, compact = self.t_margin, self.l_margin, self.w > self.h
        place = " — ".join(part for part in (org.campus, org.address) if part)
        left_w = right_w = self.epw * 0.3
        if not compact:  # the programme title takes what the organisation leaves, within reason
            self.set_font(FAMILY, "", 8)
            left_w = min(self.epw * 0.55, max(self.epw * 0.4, self.get_string_width(place) + 1))
            right_w = self.epw - left_w - 4
        self.set_xy(left, top)
        self.write_text(left_w, org.name, 11, bold=True)
        self.write_text(left_w, place, 8)
        if org.declaration_number:
            self.write_text(left_w, t("doc.header.nda", number=org.declaration_number), 8)
        bottom = self.get_y()
        self.set_xy(left + self.epw - right_w, top)
        self.write_text(right_w, prog.title, 10, bold=True, align="R")
        self.write_text(right_w, t("doc.header.cohort", cohort=prog.cohort), 8, align="R")
        dates = t("doc.header.dates", start=format_date(prog.start), end=format_date(prog.end))
        self.write_text(right_w, dates, 8, align="R")
        bottom = max(bottom, self.get_y())
        if compact:
            self.set_xy(left + left_w + 4, top)
            self._title_block(self.epw - left_w - right_w - 8)
            bottom = max(bottom, self.get_y())
        self.set_line_width(0.3)
        self.line(left, bottom + 1.5, left + self.epw, bottom + 1.5)
        self.set_xy(left, bottom + 3.5)
        if not compact:
            self._title_block(self.epw)
        self.set_xy(left, self.get_y() + (1 if compact else 2.5))

    def _title_block(self, width: float) -> None:
        self.write_text(width, self.page_info[2], 14, bold=True, align="C")
        for text, bold in self.details:
            self.write_text(width, text, 10 if bold else 9, bold=bold, align="C")

    def footer(self) -> None:
        """``Édité le …`` on the left, ``Page X / Y`` on the right."""
        self.set_xy(self.l_margin, -10)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(*GREY)
        half, issued_on = self.epw / 2, self.page_info[4]
        self.cell(half, 4, t("doc.footer.generated", date=format_date(issued_on)))
        self.cell(half, 4, t("doc.footer.page", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)

    def write_text(
        self,
        width: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: Alignment | Literal["J"] = "L",
        color: tuple[int, int, int] = (0, 0, 0),
    ) -> None:
        """Wrapped text from the current position; the next line starts at the same x."""
        if text:
            self.set_font(FAMILY, "B" if bold else "", size)
            self.set_text_color(*color)
            height = line_height(size)
            self.multi_cell(width, height, text, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_text_color(0)

    def wrap(self, text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
        """The lines ``text`` takes in ``width`` mm at ``size`` points, broken between words.

        A greedy word wrap of our own, cached: fpdf2's ``multi_cell(dry_run=True)`` is many
        times slower, and tables measure each text at several sizes. Each word is measured
        once (widths add up: the fonts have no kerning here).
        """
        key = (text, width, size, bold)
        if key not in self._wrapped:
            self.set_font(FAMILY, "B" if bold else "", size)
            space = self._word_width(" ", size, bold)
            lines: list[str] = []
            for paragraph in text.split("\n") if text else []:
                line, used = "", 0.0
                for word in paragraph.split(" "):
                    wide = self._word_width(word, size, bold)
                    if line and used + space + wide > width:
                        lines.append(line)
                        line, used = word, wide
                    elif line:
                        line, used = f"{line} {word}", used + space + wide
                    else:
                        line, used = word, wide
                lines.append(line)
            self._wrapped[key] = lines
        return self._wrapped[key]

    def _line_width(self, line: str, size: float, bold: bool) -> float:
        """The width of a line :meth:`wrap` made, from its words' widths.

        Its words were measured by :meth:`wrap` in their own font; measuring the line with
        ``get_string_width`` would use whatever font was set last (and be slower).
        """
        words = line.split(" ")
        space = self._word_width(" ", size, bold) * (len(words) - 1)
        return space + sum(self._word_width(word, size, bold) for word in words)

    def _word_width(self, word: str, size: float, bold: bool) -> float:
        key = (word, size, bold)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(word)
        return width

    def fit(
        self, text: str, width: float, size: float, room: float | None = None, *, bold: bool = False
    ) -> tuple[float, list[str]]:
        """A font size (at most ``size``) and the lines of ``text`` at that size.

        The size shrinks until every line fits ``width`` (so no word overflows) and, when
        ``room`` is given, until the lines fit that height; at the smallest size what still
        does not fit is cut, with an ellipsis.
        """
        while True:
            lines = self.wrap(text, width, size, bold=bold)
            wide = any(self._line_width(line, size, bold) > width for line in lines)
            tall = room is not None and len(lines) * line_height(size) > room + 0.01
            if not (wide or tall) or size <= _MIN_SIZE:
                break
            size -= 0.5
        if room is not None:
            most = max(1, math.floor(room / line_height(size) + 0.01))
            if len(lines) > most:
                lines = [*lines[: most - 1], lines[most - 1].rstrip() + "…"]
        return size, lines

    def _layout(
        self, cell: Cell, width: float, size: float, room: float | None
    ) -> tuple[list[tuple[str, float, bool, bool]], float]:
        """A cell's lines (text, size, bold, grey) and their height, within ``room`` if given."""
        inner = width - 2 * _PAD
        note_room = None if room is None else min(room / 2, 2 * line_height(size * 0.8))
        note_size, notes = self.fit(cell.note, inner, size * 0.8, note_room)
        if room is not None:
            room -= len(notes) * line_height(note_size)
        text_size, texts = self.fit(cell.text, inner, size, room, bold=cell.bold)
        lines = [(text, text_size, cell.bold, cell.grey) for text in texts]
        lines += [(note, note_size, False, True) for note in notes]
        return lines, sum(line_height(line[1]) for line in lines)

    def cell_height(self, cell: Cell, width: float, size: float) -> float:
        """The height ``cell`` needs at ``size`` points, every line shown."""
        return self._layout(cell, width, size, None)[1] + (2.4 if cell.corner else 0) + 2.4

    def draw_cell(
        self, x: float, y: float, w: float, h: float, cell: Cell, align: Alignment, size: float
    ) -> None:
        """Frame a cell and print its texts, shrunk if needed to stay inside the frame."""
        self.rect(x, y, w, h)
        inner, top = w - 2 * _PAD, y
        if cell.corner:
            corner_size, corner = self.fit(cell.corner, inner, 5.5, 2.4)
            self.set_font(FAMILY, "", corner_size)
            self.set_text_color(*GREY)
            self.set_xy(x + 0.7, y + 0.4)
            self.cell(inner, 2.2, corner[0])
            top = y + 2.4
        lines, block = self._layout(cell, w, size, y + h - top - 1.2)
        cursor = top + max(0.6, (y + h - top - block) / 2)
        for text, font_size, bold, grey in lines:
            self.set_font(FAMILY, "B" if bold else "", font_size)
            self.set_text_color(*(GREY if grey else (0, 0, 0)))
            self.set_xy(x + _PAD, cursor)
            self.cell(inner, line_height(font_size), text, align=align)
            cursor += line_height(font_size)
        self.set_text_color(0)

    def draw_table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        *,
        size: float = 9,
        heading_size: float = 8,
        row_height: float | None = None,
        min_row_height: float = 6,
    ) -> None:
        """Rows under a grey heading row, repeated on each page the table runs onto.

        Column widths are relative and fill the text width. With ``row_height`` every row
        has that height (signature boxes); otherwise each row is as tall as its texts.
        """
        scale = self.epw / sum(column.width for column in columns)
        widths = [column.width * scale for column in columns]
        headings = [Cell(column.title, bold=True) for column in columns]

        def height(cells: Sequence[Cell], size: float, least: float) -> float:
            return max(
                least, *(self.cell_height(c, w, size) for c, w in zip(cells, widths, strict=True))
            )

        heading_h = height(headings, heading_size, 6)

        def draw_headings() -> None:
            self.set_fill_color(230)
            self.rect(self.l_margin, self.get_y(), self.epw, heading_h, style="F")
            self._row(headings, widths, ["C"] * len(columns), heading_h, heading_size)

        self.set_line_width(0.25)
        draw_headings()
        for row in rows:
            row_h = row_height or height(row, size, min_row_height)
            if self.get_y() + row_h > self.page_break_trigger:
                self.start_page()
                draw_headings()
            self._row(row, widths, [column.align for column in columns], row_h, size)

    def _row(
        self,
        cells: Sequence[Cell],
        widths: Sequence[float],
        aligns: Sequence[Alignment],
        height: float,
        size: float,
    ) -> None:
        x, y = self.l_margin, self.get_y()
        for cell, width, align in zip(cells, widths, aligns, strict=True):
            self.draw_cell(x, y, width, height, cell, align, size)
            x += width
        self.set_xy(self.l_margin, y + height)

    def signature_box(
        self, x: float, y: float, w: float, h: float, label: str, name: str = ""
    ) -> None:
        """A framed box to sign in, its label (and the signatory's name) at the top."""
        self.set_line_width(0.3)
        self.rect(x, y, w, h)
        self.set_xy(x + 1.5, y + 1.2)
        self.write_text(w - 3, label, 7.5, color=GREY)
        if name:
            self.write_text(w - 3, name, 8.5, bold=True)

    def pdf_bytes(self) -> bytes:
        """The finished document."""
        return bytes(self.output())
