"""Where a finding is: words and language-independent ``place`` data, grouped not inflated."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from casecheck import places
from casecheck.checkers.registry import RuleContext
from casecheck.i18n import Text
from casecheck.result import Severity
from tests.factories.examples_run import EXAMPLE_01, EXAMPLE_02, example_json, run_cli


def test_slides_paragraphs_and_several_keep_every_place() -> None:
    assert places.slides([7]) == ("第 7 张幻灯片", "slide 7", {"slide": 7})
    many = places.slides([5, 1, 3, 4])
    assert (many.zh, many.en) == ("第 1、3–5 张幻灯片", "slides 1, 3–5")
    assert many.place == {"places": [{"slide": n} for n in (1, 3, 4, 5)]}
    paras = places.paragraphs(list(range(1, 13)), shown=3)
    assert (paras.zh, paras.en) == ("第 1、2、3 段等 12 段", "paragraphs 1, 2, 3 and 9 more")
    assert places.places_of(paras.place) == [{"paragraph": n} for n in range(1, 13)]
    cell = places.paragraph(12, "二、实施过程", table=1, cell=(4, 2))
    assert cell.place == {"paragraph": 12, "table": 1, "row": 4, "col": 2}
    assert cell.zh == "第 12 段「二、实施过程」（表 1 第 4 行第 2 列）"
    span = places.time_span(195, 210)
    assert (span.zh, span.place) == ("03:15–03:30", {"time_s": 195, "end_s": 210})
    detailed = many.plus(Text("正文", "body text"), area="body")
    assert places.places_of(detailed.place)[0] == {"slide": 1, "area": "body"}


def test_a_location_without_place_data_is_refused() -> None:
    ctx = RuleContext("x.y", Severity.ERROR, None, None, None, "zh", None)
    with pytest.raises(TypeError):
        ctx.violation(Text("坏", "bad"), location="第 3 段")  # type: ignore[arg-type]
    finding = ctx.violation(Text("坏", "bad"), location=places.paragraph(3))
    assert (finding.location, finding.place) == ("第 3 段", {"paragraph": 3})


@pytest.mark.parametrize("folder", [EXAMPLE_01, EXAMPLE_02], ids=["01", "02"])
def test_every_located_finding_of_the_examples_has_place_data(folder) -> None:
    findings = [f for s in example_json(folder)["submissions"] for f in s["findings"]]
    located = [f for f in findings if f["location"]]
    assert located
    assert all(f["place"] for f in located), [f["rule"] for f in located if not f["place"]]
    assert all(f["place"] is None for f in findings if not f["location"])


def test_example_02_counts_problems_not_paragraphs() -> None:
    """Was 「不合格 25 项」 for 15 failing rules: a summary plus one finding per paragraph."""
    sub = example_json()["submissions"][0]
    problems = [f for f in sub["findings"] if f["status"] not in ("pass", "skipped")]
    per_rule = Counter(f["rule"] for f in problems)
    # one finding per rule and kind of problem: report.sections has two kinds (order, missing)
    assert {r: n for r, n in per_rule.items() if n > 1} == {"report.sections": 2}
    assert sub["counts"]["fail"] == 15  # rules, not findings: report.sections counts once
    body = next(f for f in problems if f["rule"] == "report.body_style")
    assert body["location"] == "第 4、7、10、13 段"
    assert body["place"] == {"places": [{"paragraph": n} for n in (4, 7, 10, 13)]}
    assert body["message"].startswith("第 4、7、10、13 段（正文 4 段中的 4 段）：中文字体为 宋体")
    hints = Counter(f["hint"] for f in problems if f["hint"])
    assert max(hints.values()) == 1  # the same fix is not repeated
    qr = next(f for f in problems if f["rule"] == "courseware.qr_code")
    assert "5.1×5.1 cm，含有二维码" in qr["message"] and qr["place"] == {"slide": 2}
    url = next(f for f in problems if f["rule"] == "courseware.url")
    assert url["place"] == {"slide": 3, "area": "body", "shape": "TextBox 1"}
    choice = next(f for f in problems if f["rule"] == "form.choice")
    assert choice["place"] == {"table": 1, "row": 4, "field": "工作室类型"}


def test_english_place_is_the_same_data() -> None:
    zh = example_json()["submissions"][0]["findings"]
    en = example_json(EXAMPLE_02, "en")["submissions"][0]["findings"]
    assert [f["place"] for f in zh] == [f["place"] for f in en]
    body = next(f for f in en if f["rule"] == "report.body_style" and f["status"] == "fail")
    assert body["location"] == "paragraphs 4, 7, 10, 13"
    assert "(4 of 4 body paragraphs)" in body["message"]


def test_report_schema_documents_place() -> None:
    code, out, _ = run_cli("schema", "report")
    schema = json.loads(out)
    place = schema["$defs"]["Finding"]["properties"]["place"]
    assert code == 0 and '"places"' in place["description"]
