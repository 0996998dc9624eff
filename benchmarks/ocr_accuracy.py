"""How well a scanned programme is read: every task field exact, flagged for review, or wrong.

    .venv/bin/python benchmarks/ocr_accuracy.py [--dpi 200] [--angle 0.4] [--noise 0.005]
    .venv/bin/python benchmarks/ocr_accuracy.py --corpus [--held-out] [SCAN.pdf ...]

For each programme (the 2026 one of content/sources/ and the test fixture of a commune), the
text form is laid out as a PDF (tests/pdfdoc.py), the PDF is scanned as a scanner would (turned
by ±angle degrees, blurred, specks on `noise` of the pixels, at `dpi`), and the scan is read
by the importer's PDF source (Tesseract). Each task row of the text is matched to the row read
at its place (rows aligned by their content), and each of its four fields counted:
  - exact: read as written;
  - flagged: read otherwise, and listed for a person to check (a warning naming its place, or
    an error on its row);
  - wrong: read otherwise and not flagged: the one thing that must stay at 0;
  - missing: a row of the text not found among the rows read (flagged if a flag or error
    stands on the page where it should be).
It also counts the false alarms (exact fields flagged anyway). Figures go into
benchmarks/RESULTS.md.

With --corpus, the scans made as a copier makes them (the corpus's `*-scan.pdf`: ../shared/corpus
beside the repository, or /work/shared/corpus; or the scans named) are read as a ward would
import them, and each task compared with the one its Word twin (tests/fixtures/corpus/) gives,
tasks aligned by their content; a task of the Word twin with no task read for it is missing.
A lead unit the scan gives that the Word twin has not is a phantom unit: counted (each of its
tasks is also counted in the lead field, flagged or wrong).
With --held-out as well, two scans are first made here by the corpus's own copier (`make_scan.py`)
from text PDFs of tests/fixtures/corpus that no corpus scan came from (`HELD_OUT`), and read too.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.common.errors import Problems, Severity  # noqa: E402
from generator.importer.ocr_review import review, settle_leads  # noqa: E402
from generator.importer.run import model_of_document  # noqa: E402
from generator.importer.source import read_source  # noqa: E402
from generator.importer.table import CELLS, HEADING  # noqa: E402
from generator.importer.text import MARKUP, cells_of, is_header  # noqa: E402
from tests.pdfdoc import pdf_from_text, scan_of  # noqa: E402

PROGRAMMES = (
    ROOT / "tests" / "fixtures" / "year" / "sources" / "ctct-2026-phuong-binh-minh.txt",
    ROOT / "tests" / "fixtures" / "import" / "ctct-2027-xa-an-hoa.txt",
)


def task_rows(texts: list[str]) -> list[tuple[int, list[str]]]:
    """(index, four cells) of every task row among the lines."""
    rows = []
    for i, text in enumerate(texts):
        cells = [" ".join(MARKUP.sub("", c).split()) for c in cells_of(text)]
        filled = [c for c in cells if c]
        if "\t" not in text or is_header(cells) or not filled:
            continue
        if len(filled) == 1 and HEADING.match(filled[0]):
            continue
        rows.append((i, [*cells, "", "", "", ""][:4]))
    return rows


def measure(source: Path, dpi: int, angle: float, noise: float) -> tuple[Counter, float, int]:
    truth = task_rows(source.read_text(encoding="utf-8").split("\n"))
    with tempfile.TemporaryDirectory() as folder:
        pdf = pdf_from_text(source.read_text(encoding="utf-8")).save(Path(folder) / "p.pdf")
        scan = scan_of(pdf, Path(folder) / f"{source.stem}.pdf", dpi, angle, noise)
        problems = Problems()
        started = time.perf_counter()
        lines, report = read_source(scan, problems)
        model_of_document(lines, report, (), "x")
        flags = review(lines, report, report.scan, problems, ())
        seconds = time.perf_counter() - started
    flagged = {(f.line, f.field) for f in flags}
    erroneous = {p.line for p in problems.items if p.severity is Severity.ERROR}
    flagged_pages = {report.scan.spots[f.line].page for f in flags} | {
        report.scan.spots[n].page for n in erroneous if n in report.scan.spots
    }
    read = task_rows([line.text for line in lines])
    matcher = difflib.SequenceMatcher(
        None, [c[1] for _, c in truth], [c[1] for _, c in read], autojunk=False
    )
    counts: Counter = Counter()
    matched: dict[int, int] = {}
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace") and a1 - a0 == b1 - b0:
            matched.update({a0 + k: b0 + k for k in range(a1 - a0)})
    for t, (_, cells) in enumerate(truth):
        if t not in matched:
            counts["missing", "*"] += 1
            continue
        index, got = read[matched[t]]
        number = lines[index].number
        for field, want, have in zip(CELLS, cells, got, strict=True):
            marked = (number, field) in flagged or number in erroneous
            kind = "exact" if want == have else "flagged" if marked else "wrong"
            counts[kind, field] += 1
            counts["false alarm", field] += want == have and marked
            if kind == "wrong":
                print(f"  wrong {field} at {lines[index].place}: {want!r} read {have!r}")
    counts["pages flagged", "*"] = len(flagged_pages)
    return counts, seconds, len(truth)


CORPUS = next(
    (p for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")) if p.is_dir()),
    ROOT.parent / "shared" / "corpus",
)
TWINS = ROOT / "tests" / "fixtures" / "corpus"


def measure_corpus(scan: Path) -> tuple[Counter, float, int]:
    """A corpus scan against its Word twin, task by task (see the module)."""
    twin = TWINS / f"{scan.stem.removesuffix('-scan')}.docx"
    lines, report = read_source(twin, Problems())
    truth = model_of_document(lines, report, (), "x").programme.tasks
    problems = Problems()
    started = time.perf_counter()
    lines, report = read_source(scan, problems)
    settle_leads(lines, report.scan, ())
    imported = model_of_document(lines, report, (), "x")
    flags = review(lines, report, report.scan, problems, ())
    seconds = time.perf_counter() - started
    read = imported.programme.tasks if imported is not None else ()
    flagged = {(f.line, f.field) for f in flags}
    erroneous = {p.line for p in problems.items if p.severity is Severity.ERROR}
    matcher = difflib.SequenceMatcher(
        None, [t.content for t in truth], [t.content for t in read], autojunk=False
    )
    counts: Counter = Counter()
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace") and a1 - a0 == b1 - b0:
            pairs = [(truth[a0 + k], read[b0 + k]) for k in range(a1 - a0)]
        else:
            pairs = []
            counts["missing", "*"] += a1 - a0
            for task in truth[a0:a1]:
                print(f"  missing: {task.number} {task.content!r}")
        for want, have in pairs:
            line = have.source.line
            for field, a, b in (
                ("number", want.number, have.number),
                ("content", want.content, have.content),
                ("lead", want.lead_as_written, have.lead_as_written),
                ("deadline", want.deadline.as_written, have.deadline.as_written),
            ):
                marked = (line, field) in flagged or line in erroneous
                kind = "exact" if a == b else "flagged" if marked else "wrong"
                counts[kind, field] += 1
                counts["false alarm", field] += a == b and marked
                if kind == "wrong":
                    print(f"  wrong {field} at {report.where(line)}: {a!r} read {b!r}")
    counts["phantom", "*"] = len(
        {t.lead_as_written for t in read} - {t.lead_as_written for t in truth}
    )
    return counts, seconds, len(truth)


def _print(name: str, counts: Counter, seconds: float, rows: int) -> None:
    print(f"\n{name}: {rows} task rows, read in {seconds:.1f} s")
    print(f"{'field':10} {'exact':>6} {'flagged':>8} {'wrong':>6} {'false alarm':>12}")
    for field in CELLS:
        print(
            f"{field:10} {counts['exact', field]:6} {counts['flagged', field]:8} "
            f"{counts['wrong', field]:6} {counts['false alarm', field]:12}"
        )
    print(f"rows missing: {counts['missing', '*']}; phantom units: {counts['phantom', '*']}")


HELD_OUT = (
    ("ctct-2026-phuong-binh-minh-narrow.pdf", 300, 11),
    ("ctct-2026-phuong-le-ich-moc-wide.pdf", 200, 23),
)
"""Text PDFs of tests/fixtures/corpus that no corpus scan was made from: (file, dpi, seed)."""


def held_out_scans(folder: Path) -> list[Path]:
    """Scans of `HELD_OUT`, made here by the corpus's own copier (make_scan.py), as a ward's
    scanner would make them: too large to keep in the repository."""
    scans = []
    for name, dpi, seed in HELD_OUT:
        scan = folder / name.replace(".pdf", "-scan.pdf")
        maker = CORPUS / "make_scan.py"
        argv = [sys.executable, str(maker), str(TWINS / name), str(scan), str(dpi), str(seed)]
        subprocess.run(argv, check=True, capture_output=True)
        scans.append(scan)
    return scans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--angle", type=float, default=0.4)
    parser.add_argument("--noise", type=float, default=0.005)
    parser.add_argument("--corpus", nargs="*", type=Path, help="corpus scans (default: all)")
    parser.add_argument(
        "--held-out", action="store_true", help="with --corpus: also scans made here (HELD_OUT)"
    )
    args = parser.parse_args()
    if args.corpus is not None:
        with tempfile.TemporaryDirectory() as folder:
            made = held_out_scans(Path(folder)) if args.held_out else []
            for scan in [*made, *(args.corpus or sorted(CORPUS.glob("*-scan.pdf")))]:
                _print(scan.name, *measure_corpus(scan))
        return
    for source in PROGRAMMES:
        _print(source.name, *measure(source, args.dpi, args.angle, args.noise))


if __name__ == "__main__":
    main()
