"""Build the importer's Vietnamese word lists (generator/importer/am-tiet.txt, cap-tu.txt):

    .venv/bin/python tests/make_wordlist.py [TESSERACT_WORDS.txt]

The syllables are those of the programmes' texts in content/sources and tests/fixtures (with
their abbreviations and names) and of the Vietnamese wordlist of Tesseract's own model, when
given (`combine_tessdata -u vie.traineddata vie.` then `dawg2wordlist vie.lstm-unicharset
vie.lstm-word-dawg words.txt`); the pairs of syllables are the texts' only: a pair read by OCR
with other tone marks than a known pair (same letters) is doubted (`ocr_checks`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.importer.ocr_checks import PAIRS, SYLLABLES, pairs_of, syllables_of  # noqa: E402


def texts() -> list[str]:
    found = sorted((ROOT / "content" / "sources").glob("*.txt"))
    found += sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in found]


def main() -> None:
    syllables = {s for text in texts() for s in syllables_of(text)}
    if len(sys.argv) > 1:
        syllables |= set(syllables_of(Path(sys.argv[1]).read_text(encoding="utf-8")))
    pairs = {p for text in texts() for line in text.split("\n") for p in pairs_of(line)}
    SYLLABLES.write_text("".join(f"{s}\n" for s in sorted(syllables)), encoding="utf-8")
    PAIRS.write_text("".join(f"{p}\n" for p in sorted(pairs)), encoding="utf-8")
    print(f"{len(syllables)} syllables, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
