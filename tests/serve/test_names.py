"""Stored names of uploads (serve/names.py): the teacher's name, nothing else."""

from __future__ import annotations

import pytest

from casecheck.serve.names import MAX_NAME_BYTES, decode_name, safe_name, unique_name

LONG_GBK = "湖南省长沙市第一中学初中数学名师线上工作室" * 14 + "课件.pptx"  # 300 characters


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("课件.pptx", "课件.pptx"),
        ("../../etc/x.docx", "x.docx"),
        ("..\\..\\Windows\\总结报告.docx", "总结报告.docx"),
        ("C:\\Users\\张明\\案例视频.mp4", "案例视频.mp4"),
        ("CON.docx", "CON_.docx"),
        ("lpt1.tar.docx", "lpt1.tar_.docx"),
        (".DS_Store", ".DS_Store"),
        ("~$报告.docx", "~$报告.docx"),
        (".docx", "文件.docx"),
        ("..", "文件"),
        ("", "文件"),
        ("a\x00b\x1fc<d>?.pptx", "a_b_c_d__.pptx"),
        ("报告. .docx", "报告.docx"),
    ],
)
def test_stored_names_keep_the_teachers_name_and_nothing_else(sent: str, stored: str) -> None:
    assert safe_name(sent) == stored


def test_a_300_character_gbk_name_stays_readable_and_classifiable() -> None:
    raw = LONG_GBK.encode("gbk")
    sent = decode_name(raw)
    assert sent == LONG_GBK  # not UTF-8: read as GBK, as an old Windows client sends it
    name = safe_name(sent)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith("湖南省长沙市第一中学") and name.endswith("课件.pptx")
    assert "…" in name
    assert decode_name(b"\xff\xfe\xfa.docx").endswith(".docx")  # neither: replacement characters


def test_same_names_in_one_upload_are_numbered() -> None:
    taken = {"课件.pptx", "课件-2.pptx"}
    assert unique_name("课件.pptx", taken) == "课件-3.pptx"
    assert unique_name("报告.docx", taken) == "报告.docx"
