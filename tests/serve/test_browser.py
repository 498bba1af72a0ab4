"""The page in real headless Chromium (selenium + Debian chromium / chromium-driver).

Each shipped example is picked through the page's folder browser; the verdict and the report
must hold the same findings as ``casecheck check --format json``. Skipped, with the reason
printed, where chromium, chromedriver or selenium is missing.

The page is also looked at on a phone (390 px, emulated) and at 1280 px: no sideways
scrolling, one scrollbar (the page's), long URLs wrapped.

``CASECHECK_SCREENSHOT=docs/serve-page.png pytest tests/serve/test_browser.py`` refreshes
the README's screenshots: the report at 1280 px, and at 390 px beside it (serve-page-phone.png).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from casecheck.serve.app import ServeState, create_app
from casecheck.serve.folders import FolderBrowser
from casecheck.serve.security import Guard, new_token
from casecheck.serve.server import bind, page_url
from tests.factories.submission_factory import make_deck, make_ole2, make_submission

pytestmark = pytest.mark.slow  # the browser and the page's server

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    if CHROMIUM is None or CHROMEDRIVER is None:
        return "chromium / chromedriver not found (apt-get install chromium chromium-driver)"
    return None


MISSING = _missing()
if MISSING:
    warnings.warn(f"browser tests skipped: {MISSING}", stacklevel=1)
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Records every progress text the page shows (proves the page is not frozen while it checks).
WATCH_PROGRESS = """
window.__progress = [];
new MutationObserver(() => {
  const text = document.getElementById('progress-text').textContent;
  if (text && window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
}).observe(document.getElementById('progress-text'), {childList: true, characterData: true, subtree: true});
"""


@contextmanager
def serving(root: Path) -> Iterator[tuple[str, ServeState]]:
    """A real uvicorn server on 127.0.0.1 (in a thread), rooted at ``root``."""
    import uvicorn

    sock = bind(0)
    port = sock.getsockname()[1]
    state = ServeState(guard=Guard(new_token(), port), browser=FolderBrowser(root))
    server = uvicorn.Server(uvicorn.Config(create_app(state), log_level="warning", lifespan="on"))
    state.stopping = lambda: server.should_exit
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield page_url(port, state.guard.token), state
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, ServeState]]:
    with serving(EXAMPLES) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument("--window-size=1280,1600")
    options.add_argument("--lang=zh-CN")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def cli_report(folder: Path, *args: str) -> dict[str, Any]:
    run = CliRunner().invoke(cli_app, ["check", str(folder), "--format", "json", *args])
    assert run.exit_code in (0, 1), run.output
    report: dict[str, Any] = json.loads(run.stdout)
    return report


def wait(driver: WebDriver, seconds: float = 90) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def pick_and_check(driver: WebDriver, url: str, folder: str) -> None:
    driver.get(url)
    item = f'#folder-list li.folder[data-path="{folder}"]'
    wait(driver).until(ec.element_to_be_clickable((By.CSS_SELECTOR, item))).click()
    wait(driver).until(ec.text_to_be_present_in_element((By.ID, "crumbs"), folder))
    assert driver.find_element(By.ID, "folder-hint").text == "这个文件夹里有案例材料"
    driver.execute_script(WATCH_PROGRESS)
    driver.find_element(By.ID, "check-folder").click()
    wait(driver).until(ec.visibility_of_element_located((By.ID, "result")))


def report_text(driver: WebDriver, frame: str = "report") -> str:
    driver.switch_to.frame(driver.find_element(By.ID, frame))
    try:
        wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "body").text.strip() != "")
        return str(driver.find_element(By.TAG_NAME, "body").text)
    finally:
        driver.switch_to.default_content()


def report_findings(driver: WebDriver) -> list[tuple[str, str]]:
    """(rule, status) of every finding the report shows as an item of its own."""
    driver.switch_to.frame(driver.find_element(By.ID, "report"))
    try:
        items = driver.find_elements(By.CSS_SELECTOR, "[data-rule][data-status]")
        return sorted(
            (str(e.get_attribute("data-rule")), str(e.get_attribute("data-status"))) for e in items
        )
    finally:
        driver.switch_to.default_content()


def assert_same_findings(driver: WebDriver, cli: dict[str, Any]) -> None:
    submission = cli["submissions"][0]
    verdict = driver.find_element(By.ID, "verdict")
    assert verdict.get_attribute("data-status") == submission["status"]
    counts = submission["counts"]
    assert f"不合格 {counts['fail']} 项" in verdict.text
    assert f"需人工确认 {counts['manual']} 项" in verdict.text
    assert f"通过 {counts['pass']} 项" in verdict.text
    assert (
        counts["error"] == 0 and "无法读取" not in verdict.text
    )  # zero counts left out, as in check
    text = " ".join(report_text(driver).split())
    problems = [f for f in submission["findings"] if f["status"] not in ("pass", "skipped")]
    assert problems
    assert report_findings(driver) == sorted((f["rule"], f["status"]) for f in problems)
    for finding in problems:
        assert finding["rule"] in text
        assert " ".join(finding["message"].split()) in text, finding["message"]


@pytest.mark.parametrize(
    ("folder", "known_problem"),
    [
        ("01-循证教研-基本合格", "视频时长 1.5 秒，过短"),
        ("02-名师工作室-常见问题", "视频帧率为 30 fps，要求 25 fps"),
    ],
)
def test_each_example_through_the_page_matches_the_cli(
    browser: WebDriver, served: tuple[str, ServeState], folder: str, known_problem: str
) -> None:
    url, _ = served
    pick_and_check(browser, url, folder)
    progress = browser.execute_script("return window.__progress")
    assert any(p.startswith(("正在", "排队")) for p in progress), progress
    assert known_problem in report_text(browser)
    cli = cli_report(EXAMPLES / folder)
    assert_same_findings(browser, cli)
    if folder.startswith("02"):
        if target := os.environ.get("CASECHECK_SCREENSHOT"):
            browser.save_screenshot(str(Path(target)))
        run_fix_and_see_the_result(browser, cli)


def run_fix_and_see_the_result(driver: WebDriver, cli: dict[str, Any]) -> None:
    """自动修改 with the video box ticked: corrected copies (in a temp folder), the re-encode's
    progress on the page, then the re-check of the copies."""
    assert "courseware.hyperlink" in {
        f["rule"] for f in cli["submissions"][0]["findings"] if f["status"] == "fail"
    }
    driver.execute_script(WATCH_PROGRESS.replace("progress-text", "fix-text"))
    driver.find_element(By.ID, "fix-video").click()
    driver.find_element(By.ID, "fix-button").click()
    verdict = wait(driver, 150).until(ec.visibility_of_element_located((By.ID, "fixed-verdict")))
    assert verdict.text.startswith("修改后重新检查：")
    progress = driver.execute_script("return window.__progress")
    assert any(p.startswith("正在重新导出 视频.mp4") for p in progress), progress
    files = {
        e.get_attribute("data-name"): e.text
        for e in driver.find_elements(By.CSS_SELECTOR, ".fixed-file")
    }
    for name in ("总结报告.docx", "课件.pptx", "视频.mp4"):
        assert "已修改" in files[name], files[name]
    fails_after = int(verdict.text.split("不合格 ")[1].split(" 项")[0])
    assert fails_after < cli["submissions"][0]["counts"]["fail"]
    text = report_text(driver, "fixed-report")
    assert "视频时长 1.5 秒，过短" in text  # left for the teacher: film more
    assert "视频帧率为 30 fps" not in text
    assert "courseware.hyperlink" not in text


def test_dropped_files_and_english(browser: WebDriver, served: tuple[str, ServeState]) -> None:
    url, state = served
    browser.get(url)
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#folder-list li.folder")))
    browser.find_element(By.ID, "lang-switch").click()
    assert browser.find_element(By.ID, "check-folder").text == "Check this folder"
    case = EXAMPLES / "01-循证教研-基本合格"
    paths = "\n".join(str(p) for p in sorted(case.iterdir()))
    browser.find_element(By.ID, "file-input").send_keys(paths)
    wait(browser).until(ec.visibility_of_element_located((By.ID, "result")))
    cli = cli_report(case, "--lang", "en")
    verdict = browser.find_element(By.ID, "verdict")
    assert verdict.get_attribute("data-status") == cli["submissions"][0]["status"]
    assert verdict.text.startswith("Not ready")
    text = " ".join(report_text(browser).split())
    for finding in cli["submissions"][0]["findings"]:
        if finding["status"] not in ("pass", "skipped"):
            assert " ".join(finding["message"].split()) in text
    uploads = state.session_dir / "uploads"
    assert [p.name for p in uploads.iterdir()] != []  # the dropped files sit in the temp folder
    browser.get(url)  # leaving the page discards the upload
    wait(browser, 20).until(lambda _: list(uploads.iterdir()) == [])


# ── the page on a phone ───────────────────────────────────────────────────────────────────

LONG_URL = (
    "https://www.example.org/teacher-training/2026/online-studio/registration/"
    "a-very-long-path-without-any-break/index.html?from=courseware&id=0123456789abcdef"
)
# Where the page is wider than the screen, scrolls inside itself, or puts the pack selector
# outside its header; for each report frame, whether it is wider or taller than shown.
LAYOUT = """
const header = document.querySelector('header').getBoundingClientRect();
const pack = document.getElementById('pack').getBoundingClientRect();
const scrolls = (e) => {
  const s = getComputedStyle(e);
  return /auto|scroll/.test(s.overflowX + s.overflowY)
    && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
};
return {
  width: innerWidth,
  scrollWidth: document.scrollingElement.scrollWidth,
  header: {left: header.left, right: header.right, height: header.height},
  pack: {left: pack.left, right: pack.right, top: pack.top, bottom: pack.bottom},
  scrolling: [...document.querySelectorAll('body *')].filter(scrolls).map((e) => e.id || e.tagName),
  frames: [...document.querySelectorAll('iframe')].filter((f) => f.offsetParent !== null).map((f) => {
    const inner = f.contentDocument.scrollingElement;
    return {id: f.id, wide: inner.scrollWidth > inner.clientWidth,
            tall: inner.scrollHeight > inner.clientHeight + 1};
  }),
};
"""
# In a report frame: the passed list's columns, and the box of the courseware.url finding.
IN_REPORT = """
const width = document.scrollingElement.clientWidth;
const box = document.querySelector('[data-rule="courseware.url"]');
const cut = [...box.querySelectorAll('*')].filter((e) => {
  const r = e.getBoundingClientRect();
  return r.left < 0 || r.right > width + 0.5;
}).map((e) => e.tagName);
return {columns: getComputedStyle(document.querySelector('ul.passed')).columnCount,
        text: box.innerText, cut: cut, right: box.getBoundingClientRect().right, width: width};
"""


@pytest.fixture(scope="module")
def phone_cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ServeState]]:
    """A case whose courseware carries a long web address, and one of 2003-era files."""
    root = tmp_path_factory.mktemp("phone")
    case = make_submission(root / "长网址案例")
    make_deck(case / "案例课件.pptx", text=f"报名网址：{LONG_URL}")
    old = root / "旧格式案例"
    old.mkdir()
    make_ole2(old / "案例总结报告.doc", "WordDocument")
    make_ole2(old / "案例课件.ppt", "PowerPoint Document")
    with serving(root) as running:
        yield running


def emulate(driver: WebDriver, width: int, height: int = 844) -> None:
    """A screen ``width`` CSS pixels wide (headless Chromium's window is at least 500)."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


def assert_fits(driver: WebDriver, where: str) -> dict[str, Any]:
    """No sideways scrolling, one scrollbar, the pack selector inside the header."""

    def fitted(d: WebDriver) -> dict[str, Any] | None:
        seen: dict[str, Any] = d.execute_script(LAYOUT)
        return seen if not any(f["tall"] for f in seen["frames"]) else None

    layout: dict[str, Any] = wait(driver, 20).until(fitted)  # a frame is fitted once loaded
    assert layout["scrollWidth"] <= layout["width"], (where, layout)
    assert layout["scrolling"] == [], (where, layout)
    assert not any(f["wide"] for f in layout["frames"]), (where, layout)
    header, pack = layout["header"], layout["pack"]
    assert header["left"] <= pack["left"] < pack["right"] <= header["right"], (where, layout)
    return layout


def in_report(driver: WebDriver, frame: str) -> dict[str, Any]:
    report_text(driver, frame)  # waits for the frame's content
    driver.switch_to.frame(driver.find_element(By.ID, frame))
    try:
        seen: dict[str, Any] = driver.execute_script(IN_REPORT)
        return seen
    finally:
        driver.switch_to.default_content()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_fits_a_phone_and_a_desktop(
    browser: WebDriver, phone_cases: tuple[str, ServeState], width: int
) -> None:
    """Start, folder, report and fix at ``width``: nothing wider than the screen, the long URL
    wrapped in full, the passed list in one column on the phone, two on the desktop."""
    url, _ = phone_cases
    emulate(browser, width)
    try:
        browser.get(url)
        wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#folder-list li")))
        start = assert_fits(browser, "start")
        assert start["header"]["height"] < (140 if width < 700 else 70)  # one row on a desktop
        if width < 700:  # a long folder list grows the page instead of scrolling in a box
            script = "return getComputedStyle(document.getElementById('folder-list')).maxHeight"
            assert browser.execute_script(script) == "none"

        browser.find_element(By.CSS_SELECTOR, '#folder-list li[data-path="旧格式案例"]').click()
        hint = browser.find_element(By.ID, "folder-hint")
        wait(browser).until(lambda _: "实际是" in hint.text)
        assert "案例总结报告.doc 实际是 Word 97-2003 文档（.doc）" in hint.text
        assert "另存为” .pptx" in hint.text and "没有看到案例材料" not in hint.text
        assert_fits(browser, "a folder of old formats")

        browser.find_element(By.CSS_SELECTOR, "#folder-list li.up").click()
        pick_and_check(browser, url, "长网址案例")
        seen = in_report(browser, "report")
        assert_fits(browser, "report")
        assert seen["columns"] == ("1" if width < 700 else "2")
        assert LONG_URL in " ".join(seen["text"].split()), seen["text"]  # all of it, not cut
        assert seen["cut"] == [] and seen["right"] <= seen["width"], seen
        if width < 700 and (target := os.environ.get("CASECHECK_SCREENSHOT")):
            browser.execute_script("document.getElementById('result').scrollIntoView()")
            phone = Path(target)
            browser.save_screenshot(str(phone.with_name(f"{phone.stem}-phone{phone.suffix}")))

        browser.find_element(By.ID, "fix-button").click()
        verdict = wait(browser).until(ec.visibility_of_element_located((By.ID, "fixed-verdict")))
        assert verdict.text.startswith("修改后重新检查：")
        report_text(browser, "fixed-report")  # loaded, so its size is measured
        assert_fits(browser, "fix")
        video = browser.find_element(By.CSS_SELECTOR, '.fixed-file[data-name="案例视频.mp4"]')
        assert "勾选“同时重新导出视频（较慢）”再点“自动修改”" in video.text
        assert "--video" not in video.text
        assert browser.find_element(By.ID, "fix-zip").get_attribute("href").endswith("/fixed.zip")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
