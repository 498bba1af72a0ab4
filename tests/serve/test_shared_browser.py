"""The shared page in real headless Chromium, as a teacher on a 390-px phone uses it.

The access code, the four files of example 02, the queue and progress, the report (the same
findings as ``casecheck check``), the fix, the zip of the corrected copies, 「删除」 — and a
second browser that tries the first one's case with and without the code. At every step the
page has no horizontal scrolling. Skipped, with the reason printed, where chromium,
chromedriver or selenium is missing.
``CASECHECK_SCREENSHOT=docs/shared-page.png pytest tests/serve/test_shared_browser.py``
saves the phone's report view.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from tests.factories.shared_helpers import SharedServer, start_shared

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "02-名师工作室-常见问题"
MATERIALS = ("信息表.docx", "课件.pptx", "视频.mp4", "总结报告.docx")
CODE = "春风2026"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if CHROMIUM is None or CHROMEDRIVER is None:
    reason = "chromium / chromedriver not found (apt-get install chromium chromium-driver)"
    warnings.warn(f"browser tests skipped: {reason}", stacklevel=1)
    pytest.skip(f"browser tests skipped: {reason}", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WATCH = """
window.__seen = [];
new MutationObserver(() => {
  const text = document.getElementById('progress-text').textContent;
  if (text && window.__seen[window.__seen.length - 1] !== text) window.__seen.push(text);
}).observe(document.getElementById('progress-text'), {childList: true, characterData: true, subtree: true});
"""
FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {method: arguments[1], credentials: 'same-origin',
  headers: {'X-CSRF-Token': typeof CONFIG === 'undefined' ? '' : CONFIG.csrf}})
  .then(async (r) => done([r.status, await r.text()])).catch((e) => done([0, String(e)]));
"""


def chrome(downloads: Path, phone: bool) -> WebDriver:
    """Headless Chromium: a 390-px phone (mobile emulation) or a 1280-px desktop."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    for arg in [*args, "--lang=zh-CN", *([] if phone else ["--window-size=1280,1000"])]:
        options.add_argument(arg)
    if phone:
        metrics = {"width": 390, "height": 844, "pixelRatio": 2}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", prefs)
    service = webdriver.ChromeService(str(CHROMEDRIVER))
    driver: WebDriver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    behavior = {"behavior": "allow", "downloadPath": str(downloads)}
    driver.execute_cdp_cmd("Page.setDownloadBehavior", behavior)
    return driver


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServer]:
    shared = start_shared(
        tmp_path_factory.mktemp("shared-browser"), {"access_code": CODE, "workers": 2}
    )
    yield shared
    shared.stop()


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def wait(driver: WebDriver, seconds: float = 90) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def no_sideways_scrolling(driver: WebDriver) -> None:
    widths = driver.execute_script(
        "return [document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], widths


def fetch(driver: WebDriver, url: str, method: str = "GET") -> tuple[int, str]:
    status, text = driver.execute_async_script(FETCH, url, method)
    return int(status), str(text)


def enter_code(driver: WebDriver, base: str) -> None:
    driver.get(base + "/")
    wait(driver).until(ec.visibility_of_element_located((By.ID, "code-box")))
    no_sideways_scrolling(driver)
    assert not driver.find_element(By.ID, "upload-box").is_displayed()
    driver.find_element(By.ID, "code-input").send_keys(CODE)
    driver.find_element(By.CSS_SELECTOR, "#code-form button").click()
    wait(driver).until(ec.visibility_of_element_located((By.ID, "upload-box")))


def frame_findings(driver: WebDriver, frame: str) -> list[tuple[str, str]]:
    driver.switch_to.frame(driver.find_element(By.ID, frame))
    try:
        wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-rule]"))
        items = driver.find_elements(By.CSS_SELECTOR, "[data-rule][data-status]")
        return sorted(
            (str(e.get_attribute("data-rule")), str(e.get_attribute("data-status"))) for e in items
        )
    finally:
        driver.switch_to.default_content()


def cli_report(folder: Path) -> dict[str, Any]:
    run = CliRunner().invoke(cli_app, ["check", str(folder), "--format", "json"])
    report: dict[str, Any] = json.loads(run.stdout)
    return report


def test_a_teacher_on_a_phone_and_a_stranger(
    server: SharedServer, downloads: Path, tmp_path: Path
) -> None:
    phone = chrome(downloads, phone=True)
    stranger = chrome(tmp_path, phone=False)
    try:
        run_through(phone, stranger, server, downloads)
    finally:
        phone.quit()
        stranger.quit()


def run_through(
    phone: WebDriver, stranger: WebDriver, server: SharedServer, downloads: Path
) -> None:
    enter_code(phone, server.base)
    assert "服务器不记录文件名和文件内容" in phone.find_element(By.ID, "privacy").text
    no_sideways_scrolling(phone)
    phone.execute_script(WATCH)
    chooser = phone.find_element(By.ID, "file-input")
    chooser.send_keys("\n".join(str(EXAMPLE / name) for name in MATERIALS))
    assert len(phone.find_elements(By.CSS_SELECTOR, "#chosen li")) == 4
    no_sideways_scrolling(phone)
    phone.find_element(By.ID, "start").click()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "verdict")))
    seen = phone.execute_script("return window.__seen")
    assert any(s.startswith(("已上传", "排队", "正在")) for s in seen), seen

    # the report: what `check` says about the same four files
    cli = cli_report(EXAMPLE)["submissions"][0]
    verdict = phone.find_element(By.ID, "verdict")
    assert verdict.get_attribute("data-status") == cli["status"]
    assert f"不合格 {cli['counts']['fail']} 项" in verdict.text
    problems = sorted(
        (f["rule"], f["status"])
        for f in cli["findings"]
        if f["status"] not in ("pass", "skipped") and f["file"] != ".DS_Store"
    )
    assert frame_findings(phone, "report") == problems
    no_sideways_scrolling(phone)
    if target := os.environ.get("CASECHECK_SCREENSHOT"):
        phone.save_screenshot(target)
    case_id = phone.execute_script("return current.id")

    # a stranger: no session, a session without the code, then with the code
    report_url = f"{server.base}/api/cases/{case_id}/report.html"
    stranger.get(report_url)
    assert "页面已过期" in stranger.find_element(By.TAG_NAME, "body").text
    stranger.get(server.base + "/")
    assert fetch(stranger, report_url)[0] == 401
    enter_code(stranger, server.base)
    for url, method in (
        (report_url, "GET"),
        (f"{server.base}/api/cases/{case_id}", "GET"),
        (f"{server.base}/api/cases/{case_id}/events", "GET"),
        (f"{server.base}/api/cases/{case_id}/fixed.zip", "GET"),
        (f"{server.base}/api/cases/{case_id}/fix", "POST"),
    ):
        status, text = fetch(stranger, url, method)
        assert status == 404 and "找不到这次检查" in text, (url, status, text)
    assert fetch(stranger, f"{server.base}/api/cases/{case_id}/delete", "POST") == (
        200,
        '{"deleted":false}',
    )
    assert fetch(phone, f"{server.base}/api/cases/{case_id}")[0] == 200  # still the teacher's

    # fix, then the zip of the corrected copies
    phone.find_element(By.ID, "fix-button").click()
    fixed = wait(phone).until(ec.visibility_of_element_located((By.ID, "fixed-verdict")))
    assert fixed.text.startswith("修改后重新检查：")
    names = {
        e.get_attribute("data-name") for e in phone.find_elements(By.CSS_SELECTOR, ".fixed-file")
    }
    assert set(MATERIALS) <= names
    no_sideways_scrolling(phone)
    phone.find_element(By.ID, "download-zip").click()
    archive = downloads / "案例材料-修改后.zip"
    deadline = time.monotonic() + 30
    while not archive.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    with zipfile.ZipFile(archive) as zf:
        assert {f"案例材料/{name}" for name in MATERIALS} <= set(zf.namelist())
    wait(phone, 30).until(ec.text_to_be_present_in_element((By.ID, "page-msg"), "已下载"))
    assert server.job_folders() == []  # the files left the server with the download
    assert fetch(phone, report_url)[0] == 200  # the report stays until the page is left

    # 删除
    phone.find_element(By.ID, "delete").click()
    wait(phone, 10).until(ec.text_to_be_present_in_element((By.ID, "page-msg"), "已删除"))
    assert phone.find_element(By.ID, "upload-box").is_displayed()
    deadline = time.monotonic() + 10
    while fetch(phone, report_url)[0] != 404 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert fetch(phone, report_url)[0] == 404
    no_sideways_scrolling(phone)
