"""How long does reading and judging a 案例信息表 take?

    .venv/bin/python bench/bench_form.py [--repeat 20]

Builds the forms the tests use (附5.1 layout as .docx, the same as a text PDF, a scanned
PDF, and a .docx with 3 authors and a 350-字 summary in every box style), then times
``read_form`` and the seven form.* rules over the facts with the real pack params, and
prints median / p90 / max per file. Nothing is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import run_rule  # noqa: E402
from tests.factories.form_factory import (  # noqa: E402
    Text,
    build_docx,
    build_pdf,
    build_scanned_pdf,
    evidence_form,
    replace_row,
)

from casecheck.packs import load_library  # noqa: E402
from casecheck.readers.form import read_form  # noqa: E402

RULES = [
    "form.type",
    "form.fields",
    "form.choice",
    "form.authors",
    "form.summary_length",
    "form.font",
    "form.declaration",
]


def stats(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], times[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    pack = load_library().get("ncet2026-evidence")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = {
            "docx (symbols)": build_docx(evidence_form(), d / "a.docx"),
            "docx (content controls, 350 字)": build_docx(
                replace_row(
                    evidence_form(box_style="content_control"),
                    "案例简介",
                    Text("案例简介", "研" * 350),
                ),
                d / "b.docx",
            ),
            "docx (legacy fields)": build_docx(evidence_form(box_style="legacy"), d / "c.docx"),
            "pdf (text layer)": build_pdf(evidence_form(), d / "d.pdf"),
            "pdf (scanned)": build_scanned_pdf(d / "e.pdf"),
        }
        print(f"{'file':34} {'size':>8} {'read ms (med/p90/max)':>24} {'7 rules ms (med)':>17}")
        for name, path in files.items():
            med, p90, mx = stats(lambda p=path: read_form(p), repeat)
            facts = read_form(path)

            def judge(facts: object = facts) -> None:
                for rule in RULES:
                    spec = pack.rules[rule]
                    run_rule(spec.checker, facts, spec.params, rule_id=rule, severity=spec.severity)

            jmed, _, _ = stats(judge, repeat)
            size = f"{path.stat().st_size / 1024:.0f} KiB"
            print(f"{name:34} {size:>8} {med:8.1f} /{p90:6.1f} /{mx:6.1f} {jmed:17.2f}")


if __name__ == "__main__":
    main()
