"""Time the instructions PDF per format; print JSON lines (median of runs, first excluded)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.db import open_database  # noqa: E402
from desk.instructions.dropoff import DropOffDraft, save_point  # noqa: E402
from desk.instructions.sheet import build_sheet  # noqa: E402
from desk.paths import sqlite_url  # noqa: E402
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return  # noqa: E402
from ui.instructions.printing import ensure_gui_app, write_pdf  # noqa: E402


def make_sheet(folder: Path, points: int):
    """A database with one return and `points` drop-off points; its sheet."""
    db = open_database(sqlite_url(folder / "bench.db"))
    with db.session() as session:
        for i in range(points):
            save_point(
                session,
                DropOffDraft(
                    name=f"Drop-off point {i + 1}",
                    address=f"Main Street {i + 1}",
                    hours="Mon–Sat 9–18",
                    accepts_reuse=True,
                    accepts_recycling=True,
                ),
            )
        session.commit()
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-01", description="Kettle", unit_price_cents=3999)],
                new_customer=CustomerDraft(name="Ana Souza", email="ana@example.com"),
            ),
        )
        sheet = build_sheet(session, return_number=ret.number)
    db.close()
    return sheet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--points", type=int, default=3)
    args = parser.parse_args()
    ensure_gui_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = make_sheet(folder, args.points)
        for paper in ("a4", "letter", "receipt"):
            times, pages = [], 0
            for _ in range(args.runs + 1):
                start = time.perf_counter()
                pages = write_pdf(sheet, folder / f"{paper}.pdf", paper)
                times.append((time.perf_counter() - start) * 1000)
            median = statistics.median(times[1:])
            line = {"metric": "pdf_ms", "value": round(median, 1), "unit": "ms", "format": paper}
            line |= {"pages": pages, "ms_per_page": round(median / pages, 1)}
            line["first_run_ms"] = round(times[0], 1)
            print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
