"""Info form rules about people: authors (form.authors) and the declaration (form.declaration).

Shares the scan/location/label helpers of ``checkers/form.py``; every label, header and
phone pattern comes from the pack params.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from casecheck.checkers.form import FormParams, field_location, find_field, unreadable_finding
from casecheck.checkers.registry import RuleContext, checker
from casecheck.explanation import Explanation
from casecheck.i18n import Text
from casecheck.readers.form import FormFacts, FormField, label_key
from casecheck.readers.patterns import ContactPatterns, normalize
from casecheck.result import Finding

# ------------------------------------------------------------------ form.authors


class AuthorsParams(FormParams):
    label: str = "作者信息"
    min_authors: int = 1
    max_authors: int = 3
    name_headers: list[str] = Field(default_factory=lambda: ["姓名"])
    unit_headers: list[str] = Field(default_factory=lambda: ["工作单位", "单位"])
    phone_headers: list[str] = Field(default_factory=lambda: ["手机", "电话", "联系方式"])
    # Mobile / landline / hotline regexes shared with courseware.contact (readers/patterns.py).
    phone_patterns: ContactPatterns = Field(default_factory=lambda: ContactPatterns())


def _column(header: list[str], names: list[str]) -> int | None:
    for i, cell in enumerate(header):
        if any(label_key(n) in label_key(cell) for n in names):
            return i
    return None


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip(" _\t\u3000") if col is not None and col < len(row) else ""


def author_rows(
    field: FormField, name_headers: list[str], unit_headers: list[str], phone_headers: list[str]
) -> tuple[list[list[str]], tuple[int | None, ...]]:
    """The filled-in author rows under the 姓名/工作单位/手机 header, and those columns."""
    start = next(
        (i for i, r in enumerate(field.rows) if _column(r, name_headers) is not None), None
    )
    if start is None:
        rows = field.rows
        cols: tuple[int | None, ...] = (0, 1, 3)
    else:
        header, rows = field.rows[start], field.rows[start + 1 :]
        cols = (
            _column(header, name_headers),
            _column(header, unit_headers),
            _column(header, phone_headers),
        )
    return [r for r in rows if any(c.strip(" _\t\u3000") for c in r)], cols


def author_names(field: FormField, name_headers: list[str]) -> list[str]:
    """The names in the 作者信息 field, in order (spaces inside a name removed)."""
    people, cols = author_rows(field, name_headers, [], [])
    return [n for r in people if (n := label_key(_cell(r, cols[0])))]


@checker("form.authors", facts="info_form", params=AuthorsParams)
def authors(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """1–3 authors, each with name and unit; phones, where given, are valid.
    Pass: 张明 | 长沙市第一中学 | 高级教师 | 13912345678. Fail: four author rows, or 手机 1234567."""
    if (scan := unreadable_finding(facts, ctx)) is not None:
        yield scan
        return
    p = ctx.params
    field = facts.find(p.label)
    if field is None:
        yield ctx.skipped(
            Text(
                f"未找到「{p.label}」栏（见 form.fields）",
                f"No 「{p.label}」 field (see form.fields)",
            )
        )
        return
    where = field_location(field)
    people, cols = author_rows(field, p.name_headers, p.unit_headers, p.phone_headers)
    n = len(people)
    expected = f"{p.min_authors}–{p.max_authors}"
    if not p.min_authors <= n <= p.max_authors:
        yield ctx.violation(
            Text(
                f"填写了 {n} 位作者，要求 {expected} 人", f"{n} authors given; {expected} required"
            ),
            actual=n,
            expected=expected,
            location=where,
            hint=Text(
                f"作者最多 {p.max_authors} 人，按排序填写",
                f"At most {p.max_authors} authors, in order",
            ),
        )
    problems = 0
    for i, row in enumerate(people, start=1):
        name, unit, phone = (_cell(row, c) for c in cols)
        spot = where.plus(Text(f" 第{i}位作者", f"author {i}"), author=i)
        missing = [w for w, v in (("姓名", name), ("工作单位", unit)) if not v]
        if missing:
            problems += 1
            yield ctx.violation(
                Text(
                    f"第{i}位作者缺少{'、'.join(missing)}",
                    f"Author {i} lacks {' and '.join(missing)}",
                ),
                actual=row,
                expected="姓名 + 工作单位",
                location=spot,
                hint=Text("每位作者须填写姓名和工作单位", "Each author needs a name and a unit"),
            )
        for number in re.split(r"[/、,，;；]", phone) if phone else []:
            digits = normalize(number).strip()
            pats = p.phone_patterns
            if digits and not any(
                re.fullmatch(x, digits) for x in (pats.mobile, pats.landline, pats.hotline)
            ):
                problems += 1
                yield ctx.violation(
                    Text(
                        f"第{i}位作者的电话「{number.strip()}」不是有效的手机或座机号码",
                        f"Author {i}'s phone 「{number.strip()}」 is not a valid mobile or landline number",
                    ),
                    actual=number.strip(),
                    expected="1[3-9] + 9 位 / 0731-84415312",
                    location=spot,
                    hint=Text(
                        "手机号为 11 位（1 开头），座机写作 区号-号码",
                        "Mobiles have 11 digits starting 1; landlines area-number",
                    ),
                )
    if problems == 0 and p.min_authors <= n <= p.max_authors:
        names = [_cell(r, cols[0]) for r in people]
        yield ctx.ok(
            Text(f"作者 {n} 人：{'、'.join(names)}", f"{n} author(s): {', '.join(names)}"),
            actual=n,
            expected=expected,
            location=where,
        )


# ------------------------------------------------------------------ form.declaration


class DeclarationParams(FormParams):
    label: str = "作者声明"
    unit_labels: list[str] = Field(default_factory=lambda: ["所在单位意见", "单位意见"])
    signature_labels: list[str] = Field(default_factory=lambda: ["作者签名", "签名"])
    date_labels: list[str] = Field(default_factory=lambda: ["日期"])


def _after(text: str, labels: list[str]) -> str:
    for label in labels:
        m = re.search(re.escape(label) + r"\s*[:：]?\s*([^\n\t]*)", text)
        if m:
            value = re.split(r"\s{2,}|日期|年\s*月\s*日", m.group(1))[0]
            return value.strip(" _\u3000:：")
    return ""


@checker("form.declaration", facts="info_form", params=DeclarationParams)
def declaration(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Always manual: signature, date and unit seal need a person; says what text was found.
    Manual: 「作者签名: 张明 日期: 2026年6月1日」 (signature and date text present)."""
    if (scan := unreadable_finding(facts, ctx)) is not None:
        yield scan
        return
    p = ctx.params
    decl = facts.find(p.label)
    unit = find_field(facts, p.unit_labels)
    text = decl.value if decl else ""
    signature = _after(text, p.signature_labels)
    date_m = re.search("|".join(map(re.escape, p.date_labels)) + r"\s*[:：]?\s*([^\n\t]*)", text)
    date = date_m.group(1).strip(" _\u3000") if date_m else ""
    has_date = bool(re.search(r"\d", date))
    unit_text = unit.value if unit else ""
    found = {
        "signature_text": signature or None,
        "date": date if has_date else None,
        "unit_opinion": bool(unit_text.strip()),
        "declaration_found": decl is not None,
    }
    sig = (
        Text(f"签名文字「{signature}」", f"signature text 「{signature}」")
        if signature
        else Text("未见签名文字", "no signature text")
    )
    dt = Text(f"日期「{date}」", f"date 「{date}」") if has_date else Text("未见日期", "no date")
    yield ctx.manual(
        Text(
            f"作者声明：{sig.zh}，{dt.zh}；手写签名和单位公章请人工核对",
            f"Declaration: {sig.en}, {dt.en}; a person must check handwritten signatures and the unit seal",
        ),
        actual=found,
        expected=Text("作者签名、日期、单位公章", "signature, date, unit seal").pick(ctx.lang),
        location=field_location(decl) if decl else None,
    )


# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "form.authors": Explanation(
        Text(
            "作者 {min_authors}–{max_authors} 人，每人有姓名和工作单位，电话（如填）有效",
            "{min_authors}–{max_authors} authors, each with name and unit; phones, where given, valid",
        ),
        Text("4 位作者，或第 2 位作者缺工作单位", "four authors, or author 2 without a unit"),
        Text(
            "补齐或删减作者信息；手机为 11 位，座机写作 区号-号码",
            "Complete or trim the list; mobiles have 11 digits.",
        ),
    ),
    "form.declaration": Explanation(
        Text(
            "人工确认：作者签名、日期和单位公章齐全",
            "a person confirms signature, date and unit seal",
        ),
        Text("未签名、未盖章，或扫描件看不清", "no signature or seal, or an unreadable scan"),
        Text("打印签名盖章后扫描为 PDF", "Print, sign, stamp and scan as PDF."),
    ),
}
