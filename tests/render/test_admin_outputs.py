"""What an administrator sends back, on a 67-submission Hunan root checked without --pack:
the workbook read back with openpyxl, the CSV and terminal words, 67 feedback pages, and the
summary page driven in real headless Chromium (selenium).

The submissions are real (form, deck, report, MP4); only the materials, form and batch rules
run, so that 67 of them stay quick — the outputs, not the per-file checkers, are under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.batch_factory import make_case, template_video
from tests.factories.xlsx_preview import sheet_html

pytestmark = pytest.mark.slow  # batches and the browser

runner = CliRunner()
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def layout() -> list[tuple[str, str]]:
    """(folder, category) for 67 cases: 47 in 长沙市/用AI (quota 46), the rest within quota."""
    rels = [(f"长沙市/用AI/案例{i:02d}", "用AI") for i in range(47)]
    rels += [(f"株洲市/教AI/案例{i}", "教AI") for i in range(5)]
    rels += [(f"衡阳市/创AI/案例{i}", "创AI") for i in range(10)]
    rels += [(f"张家界市/护AI/案例{i}", "护AI") for i in range(3)]
    rels += [("湖南大学/教AI/案例", "教AI"), ("湖南大学/用AI/案例", "用AI")]
    return rels


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("hunan67")
    video = template_video(base / "template.mp4")
    root = base / "湖南省推荐案例"
    for n, (rel, category) in enumerate(layout()):
        folder = make_case(root / rel, f"第{n:02d}号AI应用案例", video, category=category, seed=n)
        if n % 4 == 1:
            (folder / "案例视频.mp4").unlink()  # materials.video fails
        elif n % 4 == 2:
            (folder / "说明.txt").write_text("备注", encoding="utf-8")  # materials.extra warns
    out = base / "结果"
    out.mkdir()
    mp = pytest.MonkeyPatch()
    mp.setenv("CASECHECK_CACHE_DIR", str(base / "cache"))
    mp.setenv("COLUMNS", "100")
    try:
        result = runner.invoke(
            app,
            [
                "batch",
                str(root),
                "--select",
                "materials,form,batch",
                "--jobs",
                "2",
                "--xlsx",
                str(out / "汇总.xlsx"),
                "--html",
                str(out / "汇总.html"),
                "--csv",
                str(out / "明细.csv"),
                "--feedback",
                str(out / "反馈"),
                "--output",
                str(out / "汇总.txt"),
            ],
        )
        data = runner.invoke(
            app, ["batch", str(root), "--select", "materials,form,batch", "--format", "json"]
        )
    finally:
        mp.undo()
    return {
        "code": result.exit_code,
        "stderr": result.stderr,
        "json": json.loads(data.stdout),
        "out": out,
        "root": root,
    }


def test_pack_from_the_layout_is_said_and_every_file_is_named(run: dict[str, Any]) -> None:
    assert run["code"] == 1
    assert "顶层文件夹是附件1所列市州" in run["stderr"]
    assert "使用规则包 hunan2026-ai-case" in run["stderr"]
    last = run["stderr"].strip().splitlines()[-1]
    assert last.startswith("已写出：")
    for name in ("汇总.xlsx", "汇总.html", "明细.csv", "汇总.txt", "反馈/（67 个反馈页）"):
        assert name in last
    subs = run["json"]["submissions"]
    assert {s["pack"] for s in subs} == {"hunan2026-ai-case"}
    assert subs[0]["case"]["unit"] == "长沙市" and subs[-1]["case"]["unit"] == "湖南大学"


def test_quota_sheet_names_changsha_use_ai_over_its_quota(run: dict[str, Any]) -> None:
    wb = load_workbook(run["out"] / "汇总.xlsx")
    assert wb.sheetnames == ["汇总", "问题明细", "指标", "批量规则", "各项结果", "依据"]
    ws = wb["指标"]
    assert [c.value for c in ws[1]] == ["市州/高校", "类别", "已报送", "指标", "超出", "说明"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    changsha = next(r for r in rows if r[:2] == ["长沙市", "用AI"])
    assert changsha == ["长沙市", "用AI", 47, 46, 1, "超出 1 件（47 > 46）"]
    over_row = next(
        r for r in ws.iter_rows(min_row=2) if r[0].value == "长沙市" and r[1].value == "用AI"
    )
    assert over_row[0].fill.fgColor.rgb.endswith("FFC7CE")
    assert [r[4] for r in rows if r[4]] == [1]  # nothing else is over
    # 附件1 order: every 市州 of the table, 长沙市 first, 湘西州 last, then the 高校.
    units = list(dict.fromkeys(r[0] for r in rows))
    assert units[:3] == ["长沙市", "株洲市", "湘潭市"] and units[13:] == ["湘西州", "湖南大学"]
    assert ["湖南大学", "合计", 2, 3, None, None] in rows


def test_summary_sheet_headers_print_setup_and_relative_links(run: dict[str, Any]) -> None:
    wb = load_workbook(run["out"] / "汇总.xlsx")
    ws = wb["汇总"]
    header = [c.value for c in ws[1]]
    assert header[:7] == ["市州/高校", "类别", "学校", "案例名称", "第一作者", "案例文件夹", "结论"]
    notes = {c.comment.text: c.value for c in wb["各项结果"][1] if c.comment}
    assert notes["materials.video"] == "视频齐全" and notes["materials.extra"] == "多余文件"
    assert ws[1][0].alignment.wrap_text and ws.row_dimensions[1].height >= 30
    for sheet in wb.worksheets:
        if sheet.title == "各项结果":  # one column per check: printed across pages at 100 %
            assert sheet.print_title_cols == "$A:$B"
            continue
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"
        assert sheet.freeze_panes and sheet.auto_filter.ref
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == 67
    assert [r[0].value for r in rows[:47]] == ["长沙市"] * 47 and rows[-1][0].value == "湖南大学"
    folder = rows[1][5]
    assert folder.hyperlink.target == "../湖南省推荐案例/长沙市/用AI/案例01"
    page = rows[1][3].hyperlink.target
    assert page.startswith("反馈/长沙市-长沙市第一中学-张明-第01号AI应用案例")
    assert (run["out"] / page).is_file()
    verdict = rows[1][6]
    assert verdict.value == "未通过（不合格）" and verdict.fill.fgColor.rgb.endswith("FFC7CE")
    details = wb["问题明细"]
    dh = [c.value for c in details[1]]
    missing = next(
        r for r in details.iter_rows(min_row=2) if r[dh.index("规则 id")].value == "materials.video"
    )
    assert (
        missing[dh.index("检查项")].value == "视频齐全"
        and missing[dh.index("状态")].value == "不合格"
    )
    assert all(c.alignment.wrap_text for c in missing)
    text = " ".join(str(c.value) for r in details.iter_rows() for c in r if c.value is not None)
    assert "{" not in text and "info_form:" not in text


def test_csv_and_terminal_in_the_same_words(run: dict[str, Any]) -> None:
    with (run["out"] / "明细.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    video = next(r for r in rows if r["规则 id"] == "materials.video")
    assert (video["检查项"], video["状态"], video["案例结论"]) == (
        "视频齐全",
        "不合格",
        "未通过（不合格）",
    )
    assert (video["市州/高校"], video["类别"], video["第一作者"]) == ("长沙市", "用AI", "张明")
    assert not {r["状态"] for r in rows} & {"fail", "warn", "pass"}
    text = (run["out"] / "汇总.txt").read_text(encoding="utf-8")
    assert "materials.extra" in text and "视频齐全" in text
    assert (
        text.index("长沙市") < text.index("株洲市") < text.index("衡阳市") < text.index("湖南大学")
    )
    assert text.count("共 67 个案例") == 1


def test_one_feedback_page_per_submission(run: dict[str, Any]) -> None:
    pages = sorted((run["out"] / "反馈").glob("*.html"))
    assert len(pages) == 67 and len({p.name for p in pages}) == 67
    zhuzhou = run["out"] / "反馈" / "株洲市-长沙市第一中学-张明-第48号AI应用案例.html"
    html = zhuzhou.read_text(encoding="utf-8")
    assert "结论：" in html and "株洲市" in html and "教AI" in html


# ── the pages in a real browser ─────────────────────────────────────────────
@pytest.fixture(scope="module")
def browser() -> Any:
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.skip(
            "browser tests skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
            "(apt-get install chromium chromium-driver)"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="browser tests skipped: selenium is not installed"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


def visible_rows(driver: Any) -> list[Any]:
    return [
        r for r in driver.find_elements("css selector", "#summary tbody tr") if r.is_displayed()
    ]


def test_sorting_reorders_rows_and_works_from_the_keyboard(
    run: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get((run["out"] / "汇总.html").as_uri())
    header = browser.find_element(
        "xpath", "//table[@id='summary']//th[.//button[text()='市州/高校']]"
    )
    first = [r.find_elements("tag name", "td")[0].text for r in visible_rows(browser)]
    assert first[0] == "长沙市"
    header.find_element("tag name", "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    header.find_element("tag name", "button").send_keys(Keys.ENTER)
    assert header.get_attribute("aria-sort") == "descending"
    after = [r.find_elements("tag name", "td")[0].text for r in visible_rows(browser)]
    assert after != first and sorted(after) == sorted(first)
    expected = browser.execute_script(
        "return arguments[0].slice().sort(function(a,b){return b.localeCompare(a,'zh-CN')})",
        first,
    )
    assert after == expected  # descending in the browser's Chinese collation
    fails = browser.find_element("xpath", "//table[@id='summary']//th[.//button[text()='不合格']]")
    fails.find_element("tag name", "button").click()
    counts = [int(r.find_elements("tag name", "td")[7].text) for r in visible_rows(browser)]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    others = browser.find_elements("css selector", "#summary th[aria-sort=ascending]")
    assert len(others) == 1
    browser.save_screenshot(str(tmp_path / "汇总页.png"))


def test_pass_filter_shows_only_passing_cases_and_the_tally_follows(
    run: dict[str, Any], browser: Any
) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get((run["out"] / "汇总.html").as_uri())
    ready = [s for s in run["json"]["submissions"] if s["status"] not in ("fail", "error")]
    assert 0 < len(ready) < 67
    Select(browser.find_element("id", "f-verdict")).select_by_visible_text("通过")
    rows = visible_rows(browser)
    assert len(rows) == len(ready)
    assert all(r.find_elements("tag name", "td")[6].text.startswith("通过") for r in rows)
    assert browser.find_element("id", "shown").text == str(len(ready))
    tally = {
        r.get_attribute("data-rule"): r
        for r in browser.find_elements("css selector", "#tally tbody tr")
    }
    # The extra files warn in ready cases; the missing videos (not ready) are hidden.
    assert tally["materials.extra"].is_displayed()
    assert tally["materials.extra"].find_element("class name", "count").text == str(
        sum(
            1
            for s in ready
            if any(f["rule"] == "materials.extra" and f["status"] != "pass" for f in s["findings"])
        )
    )
    assert not tally["materials.video"].is_displayed()
    assert browser.find_element("css selector", "#tally thead th").text == "检查项"
    Select(browser.find_element("id", "f-verdict")).select_by_visible_text("未通过")
    assert all(
        r.find_elements("tag name", "td")[6].text.startswith("未通过")
        for r in visible_rows(browser)
    )
    assert tally["materials.video"].is_displayed()


def test_filter_bar_stays_visible_after_scrolling(
    run: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    browser.get((run["out"] / "汇总.html").as_uri())
    browser.execute_script("window.scrollTo(0, 1500)")
    assert browser.execute_script("return window.scrollY") > 1000
    bar = browser.execute_script("return document.getElementById('bar').getBoundingClientRect()")
    assert abs(bar["top"]) < 1 and bar["height"] > 10
    head = browser.execute_script(
        "return document.querySelector('#summary thead th').getBoundingClientRect()"
    )
    assert head["top"] >= bar["bottom"] - 1  # the sticky header sits below the bar, not over it
    assert browser.find_element("id", "f-verdict").is_displayed()
    browser.save_screenshot(str(tmp_path / "汇总页-滚动后.png"))


def test_screenshots_of_the_feedback_page_and_the_workbook(
    run: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    page = next((run["out"] / "反馈").glob("长沙市-*第01号*.html"))
    browser.get(page.as_uri())
    assert browser.find_element("id", "verdict").get_attribute("data-status") == "fail"
    assert browser.find_elements("css selector", "article.problem")
    browser.save_screenshot(str(tmp_path / "反馈页.png"))
    for sheet in ("汇总", "指标"):
        preview = tmp_path / f"{sheet}.html"
        preview.write_text(sheet_html(run["out"] / "汇总.xlsx", sheet), encoding="utf-8")
        browser.get(preview.as_uri())
        browser.save_screenshot(str(tmp_path / f"工作簿-{sheet}.png"))
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert shots == ["反馈页.png", "工作簿-指标.png", "工作簿-汇总.png"]
    assert all((tmp_path / s).stat().st_size > 10_000 for s in shots)


def test_the_pages_fit_a_390_px_phone(run: dict[str, Any], browser: Any) -> None:
    """No sideways scrolling on a phone: the batch page (wide tables scroll inside themselves)
    and a feedback page."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    try:
        pages = [run["out"] / "汇总.html", next((run["out"] / "反馈").glob("*.html"))]
        for page in pages:
            browser.get(page.as_uri())
            width, inner = browser.execute_script(
                "return [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            assert (inner, width <= inner) == (390, True), page.name
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
