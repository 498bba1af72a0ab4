"""Digits that belong to a web address, an e-mail address or a code are not a phone number
(issue 26): 「https://example.com/view?id=0123456789abcdef」 used to fail ``courseware.contact``
with a landline 「0123456789」. The address is ``courseware.url``'s to report; a phone number
beside it, past a space or 「，」, is still a contact. Both ways, then through the pack on a
real deck."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.readers.patterns import ContactPatterns, find_contacts, find_urls, normalize
from tests.conftest import deck_findings
from tests.factories.pptx_factory import add_notes, add_run_link, add_text, blank_slide, new_deck


def contacts(text: str) -> list[tuple[str, str]]:
    return [(h.kind, normalize(h.text)) for h in find_contacts(text)]


def urls(text: str) -> list[str]:
    return [normalize(h.text) for h in find_urls(text)]


# ── digits inside a web address: the address, not a phone ─────────────────────
IN_AN_ADDRESS = [
    (
        "https://example.com/view?id=0123456789abcdef",
        "https://example.com/view?id=0123456789abcdef",
    ),
    ("资源见 https://example.com/item/01087654321 页", "https://example.com/item/01087654321"),
    ("详见 www.example.cn/a/13912345678", "www.example.cn/a/13912345678"),
    ("平台 example.com/item/07318441531", "example.com/item/07318441531"),
    (
        "报名：https://forms.example.cn/s?tel=13912345678&from=qq",
        "https://forms.example.cn/s?tel=13912345678&from=qq",
    ),
    ("回放 https://live.example.cn/room/4008101234", "https://live.example.cn/room/4008101234"),
    (
        "下载 https://pan.example.cn/s/1a2b?pwd=0731&t=84415312",
        "https://pan.example.cn/s/1a2b?pwd=0731&t=84415312",
    ),
    (
        "ＨＴＴＰＳ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ｉｔｅｍ／０１０８７６５４３２１",
        "HTTPS://example.com/item/01087654321",
    ),
]
# Reported or not by courseware.url (loopback, allowed), the digits are still the address's.
IN_AN_UNREPORTED_ADDRESS = [
    "打开 http://localhost:8080/item/13912345678 查看",
    "curl 10.0.0.5:8080/api/students/01087654321",
]
# A hash, a commit, an id: digits touching letters are a code.
IN_A_CODE = [
    "文件校验值 0123456789abcdef",
    "sha256: 3f0123456789ab5e",
    "订单号 ab13912345678cd",
    "提交 e13912345678 已合并",
    "资源编号 DOC01087654321",
    "序列号 4008101234X",
]


@pytest.mark.parametrize(("text", "address"), IN_AN_ADDRESS)
def test_digits_in_a_web_address_are_not_a_phone(text: str, address: str) -> None:
    assert contacts(text) == []
    assert urls(text) == [address]  # the address is reported by courseware.url, once


@pytest.mark.parametrize("text", IN_AN_UNREPORTED_ADDRESS)
def test_digits_in_an_address_url_does_not_report_are_not_a_phone(text: str) -> None:
    assert contacts(text) == [] and urls(text) == []


@pytest.mark.parametrize("text", IN_A_CODE)
def test_digits_touching_letters_are_a_code_not_a_phone(text: str) -> None:
    assert contacts(text) == [] and urls(text) == []


# ── phone numbers that stay phone numbers ──────────────────────────────────────
STILL_PHONES = [
    ("联系电话：010-87654321", [("landline", "010-87654321")]),
    ("电话 0731-8888 6666", [("landline", "0731-8888 6666")]),
    ("有问题请拨打13912345678咨询", [("mobile", "13912345678")]),
    ("网址 https://example.com/a 13912345678", [("mobile", "13912345678")]),
    ("网址 https://example.com/a，13912345678", [("mobile", "13912345678")]),
    ("见 www.example.cn，联系电话：010-87654321。", [("landline", "010-87654321")]),
    (
        "https://example.com/view?id=0123456789abcdef 电话 0731-84415312",
        [("landline", "0731-84415312")],
    ),
    ("Tel13912345678", [("mobile", "13912345678")]),  # a label touching the number
    ("TEL:0731-84415312", [("landline", "0731-84415312")]),
    ("13912345678QQ同号", [("mobile", "13912345678")]),
    ("vx13912345678", [("mobile", "13912345678")]),
    ("tel:13912345678", [("mobile", "13912345678")]),  # a call link carries a phone number
    ("邮箱 13912345678@qq.com", [("email", "13912345678@qq.com")]),  # the address, once
]


@pytest.mark.parametrize(("text", "expected"), STILL_PHONES)
def test_real_phone_numbers_are_still_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert contacts(text) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [("Tel:0731-84415312", "0731-84415312"), ("联系 tel:+8613912345678", "+8613912345678"),
     ("短信 sms:13912345678", "13912345678")],
)  # fmt: skip
def test_a_call_scheme_in_text_is_a_phone_not_a_web_address(text: str, number: str) -> None:
    """「Tel:0731-84415312」 is a label and a number: one contact, not also an address."""
    assert find_urls(text) == []
    assert [normalize(h.text) for h in find_contacts(text)] == [number]
    assert [h.text for h in find_urls("weixin://dl/chat 与 Tel:0731-84415312")] == [
        "weixin://dl/chat"
    ]


def test_the_labels_that_may_touch_a_number_are_a_parameter() -> None:
    assert contacts("Mob13912345678") == [("mobile", "13912345678")]
    strict = ContactPatterns(glued_labels=r"(?i:tel)")
    assert find_contacts("Mob13912345678", strict) == []
    assert [h.kind for h in find_contacts("Tel13912345678", strict)] == ["mobile"]


# ── through the pack on a real deck ─────────────────────────────────────────────
def test_a_deck_with_addresses_and_phones_through_the_pack(tmp_path: Path) -> None:
    """The pack's own regexes (rules/ncet2026-common.yaml) on slide text, a linked run and
    notes: only the real phone numbers fail courseware.contact; the addresses fail
    courseware.url, each once."""
    prs = new_deck()
    slide = blank_slide(prs)
    add_text(slide, "资源：https://example.com/view?id=0123456789abcdef\n联系电话：010-87654321")
    add_text(slide, "回放 www.example.cn/item/01087654321，13912345678", top=3)
    add_run_link(
        slide, "https://example.com/item/07318441531", "https://example.com/item/07318441531"
    )
    add_notes(slide, "校验值 0123456789abcdef；电话 0731-8888 6666")
    code, found = deck_findings(prs, tmp_path / "案例", "courseware.contact,courseware.url")
    assert code == 1
    failed = sorted((f["rule"], normalize(f["actual"])) for f in found if f["status"] == "fail")
    assert failed == [
        ("courseware.contact", "010-87654321"),
        ("courseware.contact", "0731-8888 6666"),
        ("courseware.contact", "13912345678"),
        ("courseware.url", "https://example.com/item/07318441531"),
        ("courseware.url", "https://example.com/view?id=0123456789abcdef"),
        ("courseware.url", "www.example.cn/item/01087654321"),
    ]
    messages = " ".join(f["message"] for f in found if f["rule"] == "courseware.contact")
    assert "「010-87654321」" in messages and "「0123456789」" not in messages
