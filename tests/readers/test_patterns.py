"""URL and contact detection: real positives from submissions, and the bait that must stay clean."""

from __future__ import annotations

import pytest

from casecheck.readers.patterns import (
    ContactPatterns,
    UrlPatterns,
    find_contacts,
    find_urls,
    is_mobile,
    is_phone,
    normalize,
)

URL_POSITIVES = [
    ("平台网址：https://huodong.ncet.edu.cn", "https://huodong.ncet.edu.cn"),
    ("访问smartedu.cn获取资源", "smartedu.cn"),
    ("推荐给国家智慧教育公共服务平台 (www.smartedu.cn)。", "www.smartedu.cn"),
    ("登录ps.hnedu.cn:7081/login进行报名", "ps.hnedu.cn:7081/login"),
    ("详见 WWW.Example.COM/page", "WWW.Example.COM/page"),
    ("资源：ｗｗｗ．ｂａｉｄｕ．ｃｏｍ", "www.baidu.com"),
    ("内网 192.168.1.20:8080/app 访问", "192.168.1.20:8080/app"),
    ("下载地址http://pan.baidu.com/s/1abc，提取码x1y2", "http://pan.baidu.com/s/1abc"),
    ("学校主页 Python.org。", "Python.org"),
    ("打开 weixin://dl/business/?t=abc", "weixin://dl/business/?t=abc"),
]

CONTACT_POSITIVES = [
    (
        "联系电话：0451-82456354，13351985420",
        {"landline": "0451-82456354", "mobile": "13351985420"},
    ),
    ("手机 138 1234 5678", {"mobile": "138 1234 5678"}),
    ("手机：138-1234-5678。", {"mobile": "138-1234-5678"}),
    ("联系人：卢颖，15669239725；", {"mobile": "15669239725"}),
    ("+86 139 0000 1111", {"mobile": "+86 139 0000 1111"}),
    ("全角１３８１２３４５６７８也算", {"mobile": "13812345678"}),
    ("座机(0731)84415312", {"landline": "(0731)84415312"}),
    ("座机 0731 8441 5312 转 806", {"landline": "0731 8441 5312 转 806"}),
    ("热线400-810-1234", {"hotline": "400-810-1234"}),
    ("电话：84415312", {"phone": "电话:84415312"}),
    ("发送到hndjpxk@163.com", {"email": "hndjpxk@163.com"}),
    ("邮箱 teacher.li＠school.edu.cn", {"email": "teacher.li@school.edu.cn"}),
    ("邮箱 zhang [at] qq.com", {"email": "zhang [at] qq.com"}),
    ("QQ：123456789", {"qq": "QQ:123456789"}),
    ("加入QQ群 987654321 交流", {"qq": "QQ群 987654321"}),
    ("微信号：li_teacher2024", {"wechat": "微信号:li_teacher2024"}),
    ("微信：abcdefg", {"wechat": "微信:abcdefg"}),
    ("vx zhang_san88", {"wechat": "vx zhang_san88"}),
]

BAIT = [
    "2026年5月9日前完成，2025-2026学年第一学期",
    "日期：2026-05-09、2026/05/09、2026.05.09、20260509",
    "时间 14:30-16:00，上午8:00",
    "优秀率85.5%，提升了12.3个百分点，p<0.05",
    "平均分92.5分，满分100分，评分4.5/5",
    "共1280人次参与，覆盖32所学校，1500名学生",
    "版本 v2.3.1，Python 3.11.4，第3.2节，条款5.1.2",
    "分辨率1920×1080，也写作1920x1080，码率8Mbps，帧率25帧/秒",
    "第30届教师活动，视频7-10分钟，案例概述1-2分钟",
    "经费15000000000元，学号20230101234，身份证430102199001011234",
    "ISBN 978-7-04-050123-4，ISBN 7-04-050123-X",
    "课件.pptx、报告.docx、Node.js、ASP.NET、README.md、model.ai",
    "e.g. 见图3.1，No.1中学，Fig.2",
    "微信WeChat与QQ音乐的使用情况调查",
    "联系方式见信息表，扫码关注不出现",
    "温度36.5℃，比例3:2，得分13:9，1.5倍速",
    "投入13800000000万元建设",
    "版本号 1.2.3.4",
    "样本量 N=13812，编号 0001234",
    "AI生成 人工智能生成 第1张幻灯片 共40页",
]


@pytest.mark.parametrize(("text", "expected"), URL_POSITIVES)
def test_urls_are_found_with_or_without_scheme(text: str, expected: str) -> None:
    assert [normalize(h.text) for h in find_urls(text)] == [expected]  # found; quoted as written


@pytest.mark.parametrize(("text", "expected"), CONTACT_POSITIVES)
def test_contacts_are_found(text: str, expected: dict[str, str]) -> None:
    assert {h.kind: normalize(h.text) for h in find_contacts(text)} == expected


@pytest.mark.parametrize("text", BAIT)
def test_bait_is_not_a_url_or_contact(text: str) -> None:
    assert find_urls(text) == []
    assert find_contacts(text) == []


def test_email_domain_is_not_also_a_url() -> None:
    assert find_urls("邮箱 hndjpxk@163.com") == []


def test_hit_carries_context() -> None:
    (hit,) = find_contacts("本案例由某某学校李老师负责，联系电话 13812345678，欢迎交流指导")
    assert hit.text == "13812345678"
    assert "13812345678" in hit.context and hit.context.startswith("…")


def test_patterns_come_from_params() -> None:
    only_cn = UrlPatterns(tlds=["cn"])
    assert find_urls("smartedu.cn 与 example.com", only_cn)[0].text == "smartedu.cn"
    assert len(find_urls("smartedu.cn 与 example.com", only_cn)) == 1
    allowed = UrlPatterns(allow=[r"smartedu\.cn"])
    assert find_urls("www.smartedu.cn", allowed) == []
    no_qq = ContactPatterns(qq=r"(?!x)x")
    assert find_contacts("QQ：123456789", no_qq) == []


def test_phone_validators_for_the_form() -> None:
    assert is_mobile("138 1234 5678")
    assert not is_mobile("12812345678")
    assert is_phone("0731-84415312")
    assert is_phone("400-810-1234")
    assert not is_phone("2026-05-09")


def test_hits_are_quoted_as_written_in_the_file() -> None:
    """Found in the normalised text, quoted from the original: Ctrl+F in PowerPoint finds it."""
    text = "联系电话：13912345678，网址 www.example-studio.cn/home　ＱＱ：１２３４５６７８９"
    (mobile, qq) = find_contacts(text)
    assert mobile.text == "13912345678" and mobile.context.startswith("联系电话：13912345678，网址")
    assert qq.text == "ＱＱ：１２３４５６７８９"
    (url,) = find_urls(text)
    assert url.text == "www.example-studio.cn/home" and "，网址 www" in url.context
