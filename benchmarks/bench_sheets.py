"""Progress sheets budget: a 16-trainee cohort's sheets, with signed QR codes, in ≤ 2 s.

    .venv/bin/python benchmarks/bench_sheets.py [--runs N]

Measured in one run, side by side, with ratios:

- trainer-tui: ``export_trainee_documents(..., "progress", ...)`` for the whole cohort
  (16 trainees: reading their records, signing 16 codes, drawing 16 pages with a vector
  QR each, writing the PDF durably), on a data folder holding a 16-trainee demo cohort,
  already opened (the time the trainer waits after choosing "sheets");
- baseline: fpdf2 writing 16 A4 pages of one line each with the same bundled fonts: the
  floor any PDF made with this library pays.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from trainer_tui.catalogue import default_catalogue_dir, load_catalogue
from trainer_tui.demo import demo_cohort
from trainer_tui.exports.pdf_layout import FONT_DIR
from trainer_tui.services import preferences
from trainer_tui.services.demo_service import DEMO_PAPERWORK, write_dataset
from trainer_tui.services.exporting import export_trainee_documents
from trainer_tui.services.workspace import Workspace

TRAINEES = 16
BUDGET = 2.0


def baseline(folder: Path) -> float:
    """Seconds for fpdf2 to write 16 one-line pages with the same fonts."""
    began = time.perf_counter()
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    for number in range(TRAINEES):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 12)
        pdf.cell(0, 10, f"Stagiaire {number}")
    (folder / "baseline.pdf").write_bytes(bytes(pdf.output()))
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalogue = load_catalogue(default_catalogue_dir())
    with tempfile.TemporaryDirectory(prefix="bench-sheets-") as scratch:
        folder = Path(scratch)
        ws = Workspace.open(folder / "data", catalogue)
        dataset = demo_cohort(catalogue, trainee_count=TRAINEES)
        write_dataset(ws, dataset)
        preferences.update_paperwork(
            ws, DEMO_PAPERWORK | {"viewer_url": "https://fibre.example/progres.html"}
        )
        cohort = ws.cohorts()[0]
        trainees = ws.cohort_records(cohort).trainees
        assert len(trainees) == TRAINEES, len(trainees)
        export_trainee_documents(ws, cohort, "progress", trainees, folder)  # warm: fonts, caches
        ours, floor = [], []
        for run in range(args.runs):
            began = time.perf_counter()
            target = folder / f"sheets-{run}.pdf"
            export_trainee_documents(ws, cohort, "progress", trainees, folder, target)
            ours.append(time.perf_counter() - began)
            floor.append(baseline(folder))
        ws.close()
    mine, base = statistics.median(ours), statistics.median(floor)
    verdict = "PASS" if mine <= BUDGET else "FAIL"
    print("baseline: fpdf2 writing 16 one-line pages with the same fonts")
    print(f"{'measure':<44} {'trainer-tui':<22} {'baseline':<10} {'ratio':<7} budget   verdict")
    print(
        f"{'16 progress sheets with signed QR codes':<44} "
        f"{f'{mine:.3f} s (max {max(ours):.3f})':<22} {f'{base:.3f} s':<10} "
        f"{f'{mine / base:.1f}x':<7} <= {BUDGET} s  {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
