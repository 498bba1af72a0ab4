"""Make the README's pictures of the administrator outputs (docs/*.png).

Builds ten small real submissions in the Hunan layout (four in 张家界市/教AI, quota 3), runs
``casecheck batch`` without --pack, and photographs with headless Chromium (selenium): the
summary page, one feedback page, and the workbook's 汇总 and 指标 sheets (drawn from the
workbook read back with openpyxl; this machine's LibreOffice has no Calc to print it).

    .venv/bin/python docs/make_screenshots.py

With ``page``, only the local page's pictures instead: the browser tests take them as they
look at the page (serve-page.png at 1280 px, serve-page-phone.png at 390 px).

    .venv/bin/python docs/make_screenshots.py page
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from tests.factories.batch_factory import make_case, template_video  # noqa: E402
from tests.factories.xlsx_preview import sheet_html  # noqa: E402

CASES = [
    ("长沙市/用AI/AI赋能听评课", "AI赋能精准听评课", "用AI"),
    ("长沙市/用AI/智能作业", "智能作业分层设计", "用AI"),
    ("长沙市/教AI/人工智能启蒙", "小学人工智能启蒙课", "教AI"),
    ("株洲市/创AI/机器人社团", "机器人社团项目式学习", "创AI"),
    ("株洲市/护AI/网络安全", "AI时代的网络安全教育", "护AI"),
    ("张家界市/教AI/案例一", "AI助力山区英语课堂", "教AI"),
    ("张家界市/教AI/案例二", "生成式AI写作指导", "教AI"),
    ("张家界市/教AI/案例三", "AI数学错题诊断", "教AI"),
    ("张家界市/教AI/案例四", "AI地理研学", "教AI"),
    ("湖南大学/用AI/智慧课堂", "高校智慧课堂实践", "用AI"),
]


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,820"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        video = template_video(base / "t.mp4")
        root = base / "推荐案例"
        for n, (rel, name, category) in enumerate(CASES):
            folder = make_case(root / rel, name, video, category=category, seed=n)
            if n == 1:
                (folder / "案例视频.mp4").unlink()
        out = base / "结果"
        env = {**os.environ, "CASECHECK_CACHE_DIR": str(base / "cache")}
        subprocess.run(
            [str(Path(sys.executable).parent / "casecheck"), "batch", str(root), "--jobs", "2",
             "--xlsx", str(out / "汇总.xlsx"), "--html", str(out / "汇总.html"),
             "--feedback", str(out / "反馈")],
            check=False, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        driver = browser()
        try:
            driver.get((out / "汇总.html").as_uri())
            driver.save_screenshot(str(REPO / "docs" / "batch-page.png"))
            page = next((out / "反馈").glob("长沙市-*AI赋能精准听评课.html"))
            driver.get(page.as_uri())
            driver.save_screenshot(str(REPO / "docs" / "feedback-page.png"))
            for sheet, png in (("汇总", "workbook-summary.png"), ("指标", "workbook-quota.png")):
                preview = base / f"{sheet}.html"
                preview.write_text(sheet_html(out / "汇总.xlsx", sheet), encoding="utf-8")
                driver.get(preview.as_uri())
                if sheet == "指标":  # scroll to the 市州 over its quota
                    driver.execute_script(
                        "var td=[...document.querySelectorAll('td')].find(t=>t.textContent==='张家界市');"
                        "window.scrollTo(0, td.getBoundingClientRect().top - 200)"
                    )
                driver.save_screenshot(str(REPO / "docs" / png))
        finally:
            driver.quit()


def page() -> None:
    env = {**os.environ, "CASECHECK_SCREENSHOT": str(REPO / "docs" / "serve-page.png")}
    test = "tests/serve/test_browser.py"
    subprocess.run([sys.executable, "-m", "pytest", "-q", test], cwd=REPO, env=env, check=True)


if __name__ == "__main__":
    page() if sys.argv[1:] == ["page"] else main()
