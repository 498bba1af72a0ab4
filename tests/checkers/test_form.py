"""form.* checkers over facts read from real forms, with the parameters of the real packs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casecheck.packs import load_library
from casecheck.readers.docx.wordcount import count_zi
from casecheck.readers.form import FormFacts, read_form
from casecheck.result import Finding, Status
from tests.conftest import run_rule
from tests.factories.form_factory import (
    CATEGORY,
    Authors,
    Choice,
    Text,
    Tools,
    build_docx,
    build_pdf,
    build_scanned_pdf,
    evidence_form,
    replace_row,
    studio_form,
)

FORM_RULES = [
    "form.type",
    "form.fields",
    "form.choice",
    "form.authors",
    "form.summary_length",
    "form.font",
]


def check(
    rule: str, facts: FormFacts, pack: str = "ncet2026-evidence", **override: Any
) -> list[Finding]:
    spec = load_library().get(pack).rules[rule]
    params = {**spec.params, **override}
    return run_rule(
        spec.checker, facts, params, rule_id=rule, severity=spec.severity, material="info_form"
    )


def statuses(findings: list[Finding]) -> list[Status]:
    return [f.status for f in findings]


@pytest.fixture
def good_evidence(tmp_path: Path) -> FormFacts:
    return read_form(build_docx(evidence_form(), tmp_path / "案例信息表.docx"))


@pytest.mark.parametrize("rule", FORM_RULES)
def test_a_well_filled_evidence_form_passes(good_evidence: FormFacts, rule: str) -> None:
    findings = check(rule, good_evidence)
    assert findings and set(statuses(findings)) == {Status.PASS}, [f.message for f in findings]


@pytest.mark.parametrize("rule", FORM_RULES)
def test_a_well_filled_studio_form_passes(tmp_path: Path, rule: str) -> None:
    facts = read_form(build_docx(studio_form(), tmp_path / "f.docx"))
    findings = check(rule, facts, "ncet2026-studio")
    assert findings and set(statuses(findings)) == {Status.PASS}, [f.message for f in findings]


@pytest.mark.parametrize(
    "style", ["symbol", "text_mark", "content_control", "legacy", "wingdings", "wingdings2"]
)
def test_every_box_style_counts_as_a_tick(tmp_path: Path, style: str) -> None:
    facts = read_form(build_docx(evidence_form(box_style=style), tmp_path / "f.docx"))
    findings = check("form.choice", facts)
    assert statuses(findings) == [Status.PASS] * 5  # 案例类别 + per tool its type and its fee
    assert "学校案例" in findings[0].message


@pytest.mark.parametrize("style", ["symbol", "content_control", "legacy", "wingdings2"])
def test_two_ticks_fail_and_name_both(tmp_path: Path, style: str) -> None:
    form = replace_row(
        evidence_form(box_style=style),
        "案例类别",
        Choice("案例类别", CATEGORY, ["区域案例", "学校案例"]),
    )
    findings = check("form.choice", read_form(build_docx(form, tmp_path / "f.docx")))
    assert findings[0].status is Status.FAIL
    assert "勾选了 2 项" in findings[0].message and "区域案例" in findings[0].message
    assert findings[0].actual["ticked"] == ["区域案例", "学校案例"]


def test_no_tick_fails_for_category_and_for_a_named_tool(tmp_path: Path) -> None:
    form = replace_row(evidence_form(), "案例类别", Choice("案例类别", CATEGORY, []))
    form = replace_row(
        form,
        "平台工具",
        Tools("平台工具", ["希沃白板", "问卷星"], [["网页"], []], [["完全免费"], ["有限免费"]]),
    )
    findings = check("form.choice", read_form(build_docx(form, tmp_path / "f.docx")))
    assert statuses(findings) == [Status.FAIL, Status.PASS, Status.FAIL, Status.PASS, Status.PASS]
    assert "未勾选" in findings[0].message and "第2组" in findings[2].message
    # form.fields: a choice field with no tick is an empty field.
    fields = {
        f.message for f in check("form.fields", read_form(build_docx(form, tmp_path / "f.docx")))
    }
    assert "「案例类别」未填写" in fields


def test_second_tool_left_out_needs_no_ticks(tmp_path: Path) -> None:
    form = replace_row(
        evidence_form(),
        "平台工具",
        Tools("平台工具", ["希沃白板", ""], [["网页"], []], [["完全免费"], []]),
    )
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    assert statuses(check("form.choice", facts)) == [
        Status.PASS,
        Status.PASS,
        Status.SKIPPED,
        Status.PASS,
        Status.SKIPPED,
    ]
    assert statuses(check("form.fields", facts)) == [Status.PASS] * 6
    form = replace_row(evidence_form(), "平台工具", Tools("平台工具", ["", ""], [[], []], [[], []]))
    fields = check("form.fields", read_form(build_docx(form, tmp_path / "g.docx")))
    assert [f.message for f in fields if f.status is Status.FAIL] == ["「平台工具」未填写"]


def test_four_authors_fail(tmp_path: Path) -> None:
    people = [(f"作者{i}", "长沙市第一中学", "一级教师", f"1391234567{i}") for i in range(4)]
    form = replace_row(evidence_form(), "作者信息", Authors("作者信息", people))
    findings = check("form.authors", read_form(build_docx(form, tmp_path / "f.docx")))
    assert statuses(findings) == [Status.FAIL]
    assert findings[0].actual == 4 and "4 位作者" in findings[0].message


def test_author_without_unit_and_bad_phone_fail_landline_passes(tmp_path: Path) -> None:
    people = [
        ("张明", "长沙市第一中学", "高级教师", "0731-84415312"),
        ("李华", "", "一级教师", "13912345678"),
        ("王芳", "长沙市第二中学", "", "1234567"),
    ]
    form = replace_row(evidence_form(), "作者信息", Authors("作者信息", people))
    findings = check("form.authors", read_form(build_docx(form, tmp_path / "f.docx")))
    assert statuses(findings) == [Status.FAIL, Status.FAIL]
    assert "第2位作者缺少工作单位" in findings[0].message and findings[0].location.endswith(
        "第2位作者"
    )
    assert "1234567" in findings[1].message


def test_no_author_fails(tmp_path: Path) -> None:
    form = replace_row(evidence_form(), "作者信息", Authors("作者信息", []))
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    assert statuses(check("form.authors", facts)) == [Status.FAIL]
    assert "「作者信息」未填写" in {f.message for f in check("form.fields", facts)}


SUMMARY_350 = "研" * 346 + " AI 2026 。，"  # Word: 346 + AI + 2026 + 。 + ， = 350 字


@pytest.mark.parametrize(
    ("text", "status"), [(SUMMARY_350, Status.PASS), (SUMMARY_350 + "究", Status.FAIL)]
)
def test_summary_of_350_passes_and_351_fails(tmp_path: Path, text: str, status: Status) -> None:
    form = replace_row(evidence_form(), "案例简介", Text("案例简介", text))
    findings = check("form.summary_length", read_form(build_docx(form, tmp_path / "f.docx")))
    assert statuses(findings) == [status]
    assert findings[0].actual == count_zi(text) == (350 if status is Status.PASS else 351)


def test_template_prompt_in_the_summary_cell_is_not_counted_or_taken_as_filled(
    tmp_path: Path,
) -> None:
    prompt = "(案例解决的主要问题、使用的 AI 工具、采集的证据类型等。简明扼要、重点突出, 不超过 350 字。)"
    form = replace_row(evidence_form(), "案例简介", Text("案例简介", prompt + "\n" + "研" * 100))
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    assert check("form.summary_length", facts)[0].actual == 100
    form = replace_row(evidence_form(), "案例简介", Text("案例简介", prompt))
    fields = check("form.fields", read_form(build_docx(form, tmp_path / "g.docx")))
    assert [f.message for f in fields if f.status is Status.FAIL] == ["「案例简介」未填写"]


def test_empty_required_field_fails_with_its_location(tmp_path: Path) -> None:
    form = replace_row(evidence_form(), "案例场景", Text("案例场景", ""))
    findings = check("form.fields", read_form(build_docx(form, tmp_path / "f.docx")))
    failed = [f for f in findings if f.status is Status.FAIL]
    assert [f.message for f in failed] == ["「案例场景」未填写"]
    assert failed[0].location == "表1 第5行「案例场景」"


def test_wrong_form_type_fails(tmp_path: Path) -> None:
    facts = read_form(build_docx(studio_form(), tmp_path / "f.docx"))
    findings = check("form.type", facts, "ncet2026-evidence")
    assert statuses(findings) == [Status.FAIL]
    assert "名师线上工作室研修案例信息表" in findings[0].message
    # And the evidence pack's required fields are missing from it.
    missing = [f.message for f in check("form.fields", facts) if f.status is Status.FAIL]
    assert "信息表中未找到「案例名称」栏" in missing


def test_form_filled_in_heiti_warns(tmp_path: Path) -> None:
    facts = read_form(build_docx(evidence_form(font="黑体"), tmp_path / "f.docx"))
    findings = check("form.font", facts)
    assert findings and set(statuses(findings)) == {Status.WARN}
    by_field = {f.location: f for f in findings}
    assert "黑体 10.5pt" in by_field["案例简介"].message
    facts = read_form(build_docx(evidence_form(size_pt=12), tmp_path / "g.docx"))
    assert "宋体 12.0pt" in check("form.font", facts)[0].message
    assert "要求 10.5 磅（五号）宋体" in check("form.font", facts)[0].message


def test_form_font_words_the_requirement_from_the_pack(tmp_path: Path) -> None:
    facts = read_form(build_docx(evidence_form(size_pt=12), tmp_path / "g.docx"))
    params = {"fonts": ["仿宋_GB2312"], "near_fonts": [], "size_pt": 14}
    [first, *_] = run_rule("form.font", facts, params)
    assert first.status is Status.FAIL
    assert "要求 14 磅（四号）仿宋_GB2312" in first.message and "宋体 12.0pt" in first.message
    assert "字体设为仿宋_GB2312、字号设为四号" in first.hint
    assert first.expected == "仿宋_GB2312 14pt"


def test_declaration_is_manual_with_what_was_found(
    good_evidence: FormFacts, tmp_path: Path
) -> None:
    (finding,) = check("form.declaration", good_evidence)
    assert finding.status is Status.MANUAL
    assert finding.actual["signature_text"] == "张明" and finding.actual["date"] == "2026年6月1日"
    assert finding.actual["unit_opinion"] is True
    form = evidence_form()
    form.rows[6].signer, form.rows[6].date = "", ""  # type: ignore[union-attr]
    (finding,) = check("form.declaration", read_form(build_docx(form, tmp_path / "f.docx")))
    assert (
        finding.status is Status.MANUAL
        and "未见签名文字" in finding.message
        and "未见日期" in finding.message
    )


def test_scanned_pdf_is_manual_for_every_rule(tmp_path: Path) -> None:
    facts = read_form(build_scanned_pdf(tmp_path / "scan.pdf"))
    for rule in [
        "form.type",
        "form.fields",
        "form.choice",
        "form.authors",
        "form.summary_length",
        "form.declaration",
    ]:
        (finding,) = check(rule, facts)
        assert (
            finding.status is Status.MANUAL and "扫描件无法自动读取，请人工核对" in finding.message
        )


def test_pdf_form_is_checked_like_the_docx(tmp_path: Path) -> None:
    facts = read_form(build_pdf(evidence_form(), tmp_path / "f.pdf"))
    for rule in ["form.type", "form.fields", "form.choice", "form.authors", "form.summary_length"]:
        findings = check(rule, facts)
        assert set(statuses(findings)) == {Status.PASS}, (rule, [f.message for f in findings])
    assert statuses(check("form.font", facts)) == [Status.SKIPPED]
    form = replace_row(
        evidence_form(), "案例类别", Choice("案例类别", CATEGORY, ["区域案例", "教师案例"])
    )
    findings = check("form.choice", read_form(build_pdf(form, tmp_path / "g.pdf")))
    assert findings[0].status is Status.FAIL and findings[0].location == "第1页「案例类别」"


def test_a_custom_field_in_the_pack_is_picked_up_without_code_changes(tmp_path: Path) -> None:
    form = evidence_form()
    form.rows.insert(1, Choice("是否首次参评", ["是", "否"], []))
    form.rows.insert(1, Text("学段学科", ""))
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    base = load_library().get("ncet2026-evidence").rules
    fields = [*base["form.fields"].params["fields"], {"label": "学段学科"}]
    failed = [
        f.message for f in check("form.fields", facts, fields=fields) if f.status is Status.FAIL
    ]
    assert failed == ["「学段学科」未填写"]
    groups = [
        *base["form.choice"].params["groups"],
        {"name": "首次参评", "label": "是否首次参评", "options": ["是", "否"]},
    ]
    findings = check("form.choice", facts, groups=groups)
    assert findings[-1].status is Status.FAIL and "首次参评：未勾选任何一项" in findings[-1].message


def test_messages_in_english(good_evidence: FormFacts) -> None:
    spec = load_library().get("ncet2026-evidence").rules["form.summary_length"]
    (finding,) = run_rule("form.summary_length", good_evidence, spec.params, lang="en")
    assert (
        finding.message.startswith("「案例简介」 has")
        and finding.location == "table 1, row 9 (案例简介)"
    )


def test_end_to_end_pack_detection_and_form_rules(tmp_path: Path) -> None:
    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset

    folder = tmp_path / "案例"
    folder.mkdir()
    build_docx(studio_form(), folder / "案例信息表.docx")
    library = load_ruleset()
    result = check_submission(folder, library, Options(select=["form"]))
    assert result.pack == "ncet2026-studio"
    assert result.pack_reason == "info form title: 名师线上工作室研修案例信息表"
    by_rule: dict[str, set[Status]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, set()).add(f.status)
    assert by_rule == {
        "form.type": {Status.PASS},
        "form.fields": {Status.PASS},
        "form.choice": {Status.PASS},
        "form.authors": {Status.PASS},
        "form.summary_length": {Status.PASS},
        "form.font": {Status.PASS},
        "form.declaration": {Status.MANUAL},
    }
    assert all(f.file == "案例信息表.docx" for f in result.findings)
    # The same form checked against the evidence pack is the wrong form type.
    result = check_submission(
        folder, library, Options(select=["form.type"]), explicit_pack="ncet2026-evidence"
    )
    assert [f.status for f in result.findings] == [Status.FAIL]


def test_a_user_pack_adds_a_field_in_yaml_only(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "y.yaml").write_text(
        "id: ncet2027-evidence\nextends: ncet2026-evidence\ntitle: {zh: '2027 循证', en: '2027 evidence'}\n"
        "source: 2027 指南\nrules:\n  form.fields:\n    params:\n      fields:\n"
        "        - {label: 案例名称}\n        - {label: 学段学科}\n",
        encoding="utf-8",
    )
    form = evidence_form()
    form.rows.insert(1, Text("学 段 学 科", ""))
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    spec = load_library([packs]).get("ncet2027-evidence").rules["form.fields"]
    findings = run_rule(spec.checker, facts, spec.params)
    assert statuses(findings) == [Status.PASS, Status.FAIL]
    assert findings[1].message == "「学段学科」未填写"
