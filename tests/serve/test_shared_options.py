"""The shared page's settings (serve/shared_options.py): ``[shared]`` in casecheck.toml, the
bind address, and the usage errors of ``casecheck serve`` in either mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from casecheck.config import ConfigError, load_config
from casecheck.serve.shared_options import SharedOptions, parse_bind


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
