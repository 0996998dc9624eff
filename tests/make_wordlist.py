"""Build the importer's Vietnamese word lists (generator/importer/am-tiet.txt, cap-tu.txt,
chu-hoa.txt):

    .venv/bin/python tests/make_wordlist.py [TESSERACT_WORDS.txt]

The syllables are those of the programmes' texts in content/sources and tests/fixtures (with
their abbreviations and names) and of the Vietnamese wordlist of Tesseract's own model, when
given (`combine_tessdata -u vie.traineddata vie.` then `dawg2wordlist vie.lstm-unicharset
vie.lstm-word-dawg words.txt`); the pairs of syllables are the texts' only: a pair read by OCR
with other tone marks than a known pair (same letters) is doubted (`ocr_checks`); so are the
syllables the texts capitalise mid-sentence (names: 'Lê Ích Mộc', 'Ngày Thương binh').
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.importer.ocr_checks import (  # noqa: E402
    CAPITALS,
    PAIRS,
    SYLLABLES,
    capitalised_of,
    pairs_of,
    syllables_of,
)


def texts() -> list[str]:
    found = sorted((ROOT / "content" / "sources").glob("*.txt"))
    found += sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in found]


def main() -> None:
    syllables = {s for text in texts() for s in syllables_of(text)}
    if len(sys.argv) > 1:
        syllables |= set(syllables_of(Path(sys.argv[1]).read_text(encoding="utf-8")))
    pairs = {p for text in texts() for line in text.split("\n") for p in pairs_of(line)}
    cells = [cell for text in texts() for line in text.split("\n") for cell in line.split("\t")]
    capitals = {w for cell in cells for w in capitalised_of(cell)}
    SYLLABLES.write_text("".join(f"{s}\n" for s in sorted(syllables)), encoding="utf-8")
    PAIRS.write_text("".join(f"{p}\n" for p in sorted(pairs)), encoding="utf-8")
    CAPITALS.write_text("".join(f"{w}\n" for w in sorted(capitals)), encoding="utf-8")
    print(f"{len(syllables)} syllables, {len(pairs)} pairs, {len(capitals)} capitalised")


if __name__ == "__main__":
    main()
