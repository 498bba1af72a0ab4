"""The shared page's parts without a server: stored names, the spool's accounting, sessions
and rate limits on an injected clock, ``[shared]`` in casecheck.toml, the command's usage
errors, and the guard answering real HTTP requests (Starlette's TestClient; no job runs)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from casecheck.config import ConfigError, load_config
from casecheck.serve.names import MAX_NAME_BYTES, decode_name, safe_name, unique_name
from casecheck.serve.sessions import RateLimit, Sessions
from casecheck.serve.shared_app import create_shared_app
from casecheck.serve.shared_options import SharedOptions, parse_bind
from casecheck.serve.shared_state import SharedState
from casecheck.serve.spool import Spool, SpoolFull

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

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


def test_spool_counts_announced_bytes_and_keeps_the_disk_floor(tmp_path: Path) -> None:
    free = {"bytes": 10_000}
    spool = Spool(tmp_path, max_bytes=5_000, min_free=2_000, disk_free=lambda _: free["bytes"])
    spool.claim(3_000)  # announced, not yet written: the disk does not show it yet
    with pytest.raises(SpoolFull) as full:
        spool.claim(2_500)
    assert full.value.reason == "spool" and full.value.status == 507
    assert "暂存空间已满" in full.value.message.zh
    spool.written(3_000)
    free["bytes"] = 3_000  # the disk now holds them; another 1 500 would pass the floor
    with pytest.raises(SpoolFull) as low:
        spool.claim(1_500)
    assert low.value.reason == "disk" and "磁盘空间不足" in low.value.message.zh
    spool.release(3_000)
    free["bytes"] = 10_000
    spool.claim(4_000)
    assert spool.used == 4_000 and spool.peak == 4_000


def test_spool_wipes_only_its_job_folders(tmp_path: Path) -> None:
    spool = Spool(tmp_path, 10**9, 0)
    job = spool.new_folder()
    (job / "f.bin").write_bytes(b"x" * 100)
    (tmp_path / "admin-notes.txt").write_text("mine")
    assert spool.on_disk() == 100
    assert spool.wipe() == 1
    assert [p.name for p in tmp_path.iterdir()] == ["admin-notes.txt"]


def test_sessions_and_rate_limits_follow_the_clock() -> None:
    now = [1000.0]
    sessions = Sessions(idle_s=60, clock=lambda: now[0])
    session = sessions.new(admitted=False)
    assert sessions.get(session.id) is session
    now[0] += 61
    assert sessions.get(session.id) is None
    limit = RateLimit(2, 10, clock=lambda: now[0])
    assert limit.hit("a") is None and limit.hit("a") is None
    assert limit.hit("a") == pytest.approx(10)
    assert limit.hit("b") is None  # another client
    now[0] += 10
    assert limit.hit("a") is None


def test_shared_table_in_casecheck_toml(tmp_path: Path) -> None:
    config = tmp_path / "casecheck.toml"
    config.write_text(
        'lang = "zh"\n\n[shared]\nbind = "0.0.0.0:8080"\npublic_names = "a.example.cn, b.example.cn"\n'
        'spool = "spool"\nworkers = 3\nretention_min = 30\n',
        encoding="utf-8",
    )
    values, _ = load_config(config)
    shared = values["shared"]
    assert shared["spool"] == tmp_path / "spool"  # relative to the file
    options = SharedOptions.of(shared)
    assert (options.host, options.port, options.workers) == ("0.0.0.0", 8080, 3)
    assert options.allowed_hosts(8080) == ["a.example.cn", "b.example.cn"]  # not 0.0.0.0
    assert SharedOptions.of({"bind": "127.0.0.1:9000"}).allowed_hosts(9000) == [
        "127.0.0.1:9000",
        "localhost:9000",
    ]
    assert parse_bind("[::1]:8080") == ("::1", 8080)
    for bad in ("8080", "localhost:8080", "1.2.3.4:99999"):
        with pytest.raises(ValueError):
            parse_bind(bad)


def test_shared_table_mistakes_name_file_line_and_key(tmp_path: Path) -> None:
    config = tmp_path / "casecheck.toml"
    config.write_text('pack = "x"\n[shared]\nworkers = 0\nretention = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config)
    zh, en = err.value.pick("zh"), err.value.pick("en")
    assert f"{config}:3: shared.workers: 应 ≥ 1" in zh
    assert f"{config}:4: shared.retention: 不认识的字段" in zh
    assert "must be ≥ 1" in en


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bind", "127.0.0.1:8080"], "--bind 只能和 --shared 一起使用"),
        (["--shared", "--root", "."], "--root 只用于本机页面"),
        (["--shared", "--port", "8080"], "--port 只用于本机页面"),
        (["--shared", "--bind", "localhost"], "--bind 的写法不对"),
        (["--shared", "--bind", "0.0.0.0:8080"], "必须给出公开地址"),
    ],
)
def test_serve_usage_errors(args: list[str], words: str) -> None:
    run = CliRunner().invoke(cli_app, ["serve", *args])
    assert run.exit_code == 2, run.output
    assert words in run.output
    assert "Traceback" not in run.output


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[TestClient, SharedState]]:
    options = SharedOptions.of(
        {
            "spool": tmp_path / "spool",
            "access_code": "春风2026",
            "public_names": ["check.example.cn"],
        }
    )
    state = SharedState(options, 8080)
    try:
        yield TestClient(create_shared_app(state), base_url="http://check.example.cn"), state
    finally:
        state.close()


def csrf_of(page: str) -> str:
    return page.split('"csrf": "')[1].split('"')[0]


def test_guard_host_session_csrf_and_access_code(shared: tuple[TestClient, SharedState]) -> None:
    client, state = shared
    forged = client.get("/", headers={"Host": "evil.example"})
    assert forged.status_code == 403 and "不是本检查服务的公开地址" in forged.text
    assert "<html" in forged.text  # a page for a browser
    api = client.get("/api/cases/x", headers={"Host": "192.168.1.10:8080"})
    assert api.status_code == 403 and api.json()["error"].startswith("这个地址")
    assert client.post("/api/upload").status_code == 403  # no session yet
    page = client.get("/")
    assert page.status_code == 200
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert '"needCode": true' in page.text and '"packs": []' in page.text
    csrf = csrf_of(page.text)
    assert client.get("/api/cases/x").status_code == 401  # the code first
    no_token = client.post("/api/code", json={"code": "春风2026"})
    assert no_token.status_code == 403 and "安全校验" in no_token.json()["error"]
    foreign = client.post(
        "/api/code",
        json={"code": "春风2026"},
        headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403 and "其他网站" in foreign.json()["error"]
    wrong = client.post("/api/code", json={"code": "秋雨"}, headers={"X-CSRF-Token": csrf})
    assert wrong.status_code == 403 and "访问码不对" in wrong.json()["error"]
    right = client.post(
        "/api/code",
        json={"code": " 春风2026 "},
        headers={"X-CSRF-Token": csrf, "Origin": "http://check.example.cn"},
    )
    assert right.status_code == 200
    missing = client.get("/api/cases/no-such-case?lang=en")
    assert missing.status_code == 404 and "not found" in missing.json()["error"]
    assert client.get("/nothing").status_code == 404
    health = client.get("/healthz", headers={"Host": "127.0.0.1:8080"})  # the proxy's probe
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert len(state.sessions) == 1


def test_guessing_the_access_code_is_rate_limited(shared: tuple[TestClient, SharedState]) -> None:
    client, _ = shared
    csrf = csrf_of(client.get("/").text)
    answers = [
        client.post("/api/code", json={"code": str(n)}, headers={"X-CSRF-Token": csrf})
        for n in range(11)
    ]
    assert [a.status_code for a in answers] == [403] * 10 + [429]
    assert "retry-after" in answers[-1].headers
