"""Write the sample cases' documents (PDF, HTML) and a PNG of every PDF page, to look at them.

    .venv/bin/python -m tests.sample_documents out/documents

One folder per case of tests/documents/; the PNGs are what a reviewer opens to check the
layout and that Chinese text renders (Noto Sans CJK).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pypdfium2 as pdfium

from rules.case import parse_case
from rules.documents import write_documents
from rules.pipeline import Assessor

CASES = Path(__file__).parent / "documents"


def main(out: Path) -> None:
    assessor = Assessor()
    for path in sorted(CASES.glob("*.case.json")):
        case = parse_case(json.loads(path.read_text(encoding="utf-8")))
        folder = out / path.name.removesuffix(".case.json")
        shutil.rmtree(folder, ignore_errors=True)  # no stale pages from an earlier run
        written, not_generated = write_documents(case, assessor.assess(case), folder, assessor)
        for doc in written:
            pdf = pdfium.PdfDocument(doc.pdf)
            for n, page in enumerate(pdf, 1):
                page.render(scale=1.4).to_pil().save(folder / f"{doc.doc_id}-{n}.png")
            print(f"{doc.pdf} ({len(pdf)} page(s))")
        for doc_id, what in not_generated.items():
            print(f"{folder}: not generated {doc_id}: {what}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/documents"))
