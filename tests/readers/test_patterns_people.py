"""Contact and address patterns that read like a person (issue 24 item 5): spaced labels,
DingTalk, logins that are not e-mails, local addresses and identifiers in code that are not
web addresses — each with what must be found and what must not. SPEC's own examples last."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.readers.patterns import find_contacts, find_urls, normalize
from tests.conftest import deck_findings
from tests.factories.pptx_factory import add_notes, add_text, blank_slide, new_deck


def contacts(text: str) -> list[tuple[str, str]]:
    """What was found (normalised; the hits quote the text as written)."""
    return [(h.kind, normalize(h.text)) for h in find_contacts(text)]


def urls(text: str) -> list[str]:
    return [normalize(h.text) for h in find_urls(text)]


# ── labels with their characters spaced out ─────────────────────────────────────
SPACED_LABELS = [
    ("电  话：84415312", [("phone", "电话:84415312")]),
    ("电　话：84415312", [("phone", "电话:84415312")]),  # a full-width space
    ("电　　话 ： 84415312", [("phone", "电话 : 84415312")]),
    ("联 系 电 话：84415312", [("phone", "电话:84415312")]),
    ("传  真：84415313", [("phone", "传真:84415313")]),
    ("微  信：li_teacher2024", [("wechat", "微信:li_teacher2024")]),
]
SPACED_BAIT = [
    "姓  名：李华　　单  位：长沙市第一中学",
    "电  话：见信息表",
    "年  份：2026　　届  次：第30届",
    "电 话 费 用 1280 元",
]


@pytest.mark.parametrize(("text", "expected"), SPACED_LABELS)
def test_a_label_spaced_out_is_still_its_label(text: str, expected: list[tuple[str, str]]) -> None:
    assert contacts(text) == expected


@pytest.mark.parametrize("text", SPACED_BAIT)
def test_spaced_labels_without_a_number_are_nothing(text: str) -> None:
    assert contacts(text) == [] and urls(text) == []


def test_only_spaces_between_two_cjk_characters_go() -> None:
    assert normalize("电　话：１３８ 1234 5678") == "电话:138 1234 5678"
    assert normalize("AI 生成 与 QQ 群") == "AI 生成与 QQ 群"


# ── DingTalk beside QQ and WeChat ──────────────────────────────────────────────
DINGTALK = [
    ("钉钉群号：31520011", [("dingtalk", "钉钉群号:31520011")]),
    ("加入钉钉群 35678901 交流", [("dingtalk", "钉钉群 35678901")]),
    ("钉钉号：zhang_teacher01", [("dingtalk", "钉钉号:zhang_teacher01")]),
    ("钉 钉 群 号：31520011", [("dingtalk", "钉钉群号:31520011")]),
    ("DingTalk ID: li-hua-2024", [("dingtalk", "DingTalk ID: li-hua-2024")]),
]
DINGTALK_BAIT = [
    "使用钉钉打卡和钉钉直播上课",
    "钉钉 DingTalk 平台的使用情况",
    "钉钉群共 35人",
    "钉钉群号：35人",
    "钉钉 2026 年",
]


@pytest.mark.parametrize(("text", "expected"), DINGTALK)
def test_dingtalk_ids_and_groups_are_contacts(text: str, expected: list[tuple[str, str]]) -> None:
    assert contacts(text) == expected


@pytest.mark.parametrize("text", DINGTALK_BAIT)
def test_dingtalk_named_without_an_id_is_nothing(text: str) -> None:
    assert contacts(text) == []


# ── logins are not e-mail addresses ────────────────────────────────────────────
LOGINS = [
    ("git clone git@github.com:x/y.git", ["git@github.com:x/y.git"]),
    ("git remote add origin git@gitee.com:school/course.git", ["git@gitee.com:school/course.git"]),
    ("$ ssh root@server.school.cn", ["root@server.school.cn"]),
    (
        "scp report.pdf teacher@lab.example.cn:/home/teacher/",
        ["teacher@lab.example.cn:/home/teacher/"],
    ),
    ("ssh pi@192.168.1.5", []),  # a login to a machine on the school's own network
    ("ssh dev@localhost", []),
]
EMAILS_STILL = [
    ("git config --global user.email zhang@school.cn", "zhang@school.cn"),
    ('ssh -o "User=x" && echo "li@qq.com"', "li@qq.com"),  # quoted: an address, not a login
    ("邮箱：zhang@qq.com：欢迎来信", "zhang@qq.com"),  # a full-width colon, then Chinese
    ("Email: zhang@qq.com", "zhang@qq.com"),
]


@pytest.mark.parametrize(("text", "expected"), LOGINS)
def test_logins_are_not_emails(text: str, expected: list[str]) -> None:
    assert [k for k, _ in contacts(text)] == []
    assert urls(text) == expected  # a login to a host on the internet leads outside the deck


@pytest.mark.parametrize(("text", "address"), EMAILS_STILL)
def test_emails_near_code_are_still_emails(text: str, address: str) -> None:
    assert contacts(text) == [("email", address)]
    assert urls(text) == []


# ── local addresses and identifiers are not web addresses ──────────────────────
NOT_WEB = [
    "打开 http://localhost:8080/ 查看运行结果",
    "浏览器访问 127.0.0.1:5000 即可",
    "服务监听 0.0.0.0:8000",
    "curl 10.0.0.5:8080/api/students",
    "$ wget 192.168.1.20:8000/data.csv",
    "spring.datasource.url=jdbc:mysql://192.168.1.10:3306/school",
    "server: 10.0.0.5:8080",
    "redis.host=172.16.0.3:6379",
    "app.config.io: true",
    "app.config.io=prod",
    "import app.config.io",
    "from app.config.io import load",
    "cfg = app.config.io.load()",
    "settings.tv(1)",
    "路径 ${user.home.cn}/data",
]
STILL_WEB = [
    ("内网 192.168.1.20:8080/app 访问", "192.168.1.20:8080/app"),  # prose: a place to go
    ("打开 http://192.168.1.20/app", "http://192.168.1.20/app"),
    ("访问 smartedu.cn。", "smartedu.cn"),
    ("配置文件中的 app.config.io 是官网", "app.config.io"),  # prose: read as an address
    (
        "pip install -i https://pypi.tuna.tsinghua.edu.cn/simple numpy",
        "https://pypi.tuna.tsinghua.edu.cn/simple",
    ),
    ("curl https://api.example.cn/v1", "https://api.example.cn/v1"),
    ("ping www.baidu.com", "www.baidu.com"),
    ("访问 http://8.8.8.8:53/", "http://8.8.8.8:53/"),
]


@pytest.mark.parametrize("text", NOT_WEB)
def test_local_addresses_and_identifiers_are_not_web_addresses(text: str) -> None:
    assert urls(text) == []


@pytest.mark.parametrize(("text", "expected"), STILL_WEB)
def test_public_addresses_stay_web_addresses(text: str, expected: str) -> None:
    assert urls(text) == [expected]


# ── every example SPEC gives (courseware.url, courseware.contact, form.authors) ─
SPEC_HITS = [
    ("登录 ps.hnedu.cn:7081/login 报名", "url", "ps.hnedu.cn:7081/login"),
    ("平台网址：https://huodong.ncet.edu.cn", "url", "https://huodong.ncet.edu.cn"),
    ("资源见 www.smartedu.cn", "url", "www.smartedu.cn"),
    ("联系电话：0731-84415312", "landline", "0731-84415312"),
    ("手机 13912345678", "mobile", "13912345678"),
    ("QQ：123456789", "qq", "QQ:123456789"),
    ("邮箱 teacher@school.cn", "email", "teacher@school.cn"),
    ("微信号：li_teacher2024", "wechat", "微信号:li_teacher2024"),
]
SPEC_BAIT = [
    "第30届，视频7-10分钟，分辨率1920×1080",  # courseware.contact's own passing example
    "2025-2026学年共1280人次参与",  # courseware.url's
    "2026年5月9日，优秀率85.5%，平均分92.5分",  # years, dates, percentages, scores
]


@pytest.mark.parametrize(("text", "kind", "hit"), SPEC_HITS)
def test_spec_examples_are_found(text: str, kind: str, hit: str) -> None:
    found = find_urls(text) if kind == "url" else find_contacts(text)
    assert [(h.kind, normalize(h.text)) for h in found] == [(kind, hit)]


@pytest.mark.parametrize("text", SPEC_BAIT)
def test_spec_non_examples_are_not(text: str) -> None:
    assert find_urls(text) == [] and find_contacts(text) == []


def test_through_the_pack_on_a_deck(tmp_path: Path) -> None:
    """The pack's own regexes (rules/ncet2026-common.yaml) on a real deck's text and notes."""
    prs = new_deck()
    slide = blank_slide(prs)
    add_text(slide, "电　话：84415312\n钉钉群号：31520011")
    add_text(slide, "git clone git@github.com:x/y.git\n浏览器打开 http://localhost:8080", top=3)
    add_notes(slide, "spring.datasource.url=jdbc:mysql://10.0.0.5:3306/db")
    _, found = deck_findings(prs, tmp_path / "案例", "courseware.contact,courseware.url")
    got = sorted((f["rule"], normalize(f["actual"])) for f in found if f["status"] == "fail")
    assert got == [
        ("courseware.contact", "电话:84415312"),
        ("courseware.contact", "钉钉群号:31520011"),
        ("courseware.url", "git@github.com:x/y.git"),
    ]
    messages = " ".join(f["message"] for f in found)
    assert "钉钉号「钉钉群号：31520011」" in messages  # quoted as written
