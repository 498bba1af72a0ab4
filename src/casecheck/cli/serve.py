"""``casecheck serve``: the local page, or with ``--shared`` the page a school hosts (the web
stack loads only when it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from casecheck.cli.options import ConfigOpt, LangOpt, PacksDir
from casecheck.cli.settings import Settings, load_rules, settings
from casecheck.cli.usage import UsageProblem, fail
from casecheck.i18n import Lang, Text

if TYPE_CHECKING:
    from casecheck.serve.shared_options import SharedOptions

# The options of each mode, by parameter name (a mode's option in the other mode is refused).
LOCAL_ONLY = ("port", "no_browser", "root", "launcher")
SHARED_ONLY = ("bind", "public_name", "access_code", "spool", "workers")


def _refuse(lang: Lang, message: Text, fix: Text) -> NoReturn:
    fail(UsageProblem(message, fix), lang)


def _one_mode(shared: bool, given: dict[str, object], lang: Lang) -> None:
    """Refuse an option of the other mode (``--root`` with ``--shared``, ``--bind`` without)."""
    wrong = [name for name in (LOCAL_ONLY if shared else SHARED_ONLY) if name in given]
    if not wrong:
        return
    flag = "--" + wrong[0].replace("_", "-")
    if shared:
        _refuse(
            lang,
            Text(f"{flag} 只用于本机页面", f"{flag} is for the local page only"),
            Text(
                "共用网页只接收上传、从不浏览服务器的文件夹；地址和端口用 --bind 地址:端口",
                "The shared page takes uploads only and never browses the server's "
                "folders; give the address with --bind ADDR:PORT.",
            ),
        )
    _refuse(
        lang,
        Text(f"{flag} 只能和 --shared 一起使用", f"{flag} needs --shared"),
        Text(
            "共用网页：casecheck serve --shared --bind 地址:端口",
            "For the shared page: casecheck serve --shared --bind ADDR:PORT",
        ),
    )


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", help="端口（默认自动选空闲端口）/ port")] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="不自动打开浏览器 / do not open a browser")
    ] = False,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="文件夹浏览的起点（默认用户主目录）/ folder browser root"),
    ] = None,
    launcher: Annotated[
        bool,
        typer.Option(
            "--launcher",
            help="在桌面生成一个启动脚本，以后双击它即可打开本机检查页面"
            " / put a double-clickable launcher of the page on the desktop",
        ),
    ] = False,
    shared: Annotated[
        bool,
        typer.Option(
            "--shared",
            help="学校/区县共用的检查网页：只接收上传，任务私有，有排队和限额"
            " / the page a school hosts: uploads only, private jobs, limits",
        ),
    ] = False,
    bind: Annotated[
        str | None,
        typer.Option(
            "--bind", metavar="ADDR:PORT", help="共用网页监听的地址和端口 / address to listen on"
        ),
    ] = None,
    public_name: Annotated[
        list[str] | None,
        typer.Option(
            "--public-name",
            metavar="HOST",
            help="老师在浏览器中输入的地址（域名），可写多次 / the public host name (repeatable)",
        ),
    ] = None,
    access_code: Annotated[
        str | None,
        typer.Option(
            "--access-code",
            envvar="CASECHECK_ACCESS_CODE",
            help="访问码（建议用环境变量 CASECHECK_ACCESS_CODE）/ access code",
        ),
    ] = None,
    spool: Annotated[
        Path | None,
        typer.Option("--spool", metavar="DIR", help="上传文件的暂存目录 / upload spool folder"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="同时检查的份数（默认 CPU 核数的一半）/ checks at a time"
        ),
    ] = None,
    lang: LangOpt = "zh",
    packs_dir: PacksDir = None,
    config: ConfigOpt = None,
) -> None:
    """打开本机检查页面（浏览器中使用）；--shared：供学校共用的检查网页 / Open the check page."""
    from casecheck.config import given_options

    s = settings(ctx, config)
    given = given_options(ctx)
    lang = s.lang
    _one_mode(shared, given, lang)
    if launcher:
        _write_launcher(lang)
        return
    load_rules(s)  # a broken user pack is said here, not on the page
    try:
        if shared:
            from casecheck.serve.shared_server import bind_shared, run_shared
        from casecheck.serve.server import bind as bind_local
        from casecheck.serve.server import serve as run_server
    except ModuleNotFoundError as exc:
        _refuse(
            lang,
            Text(
                f"本机页面缺少依赖库 {exc.name}",
                f"serve needs the page's dependencies ({exc.name})",
            ),
            REINSTALL,
        )
    if shared:
        options = _shared_options(s, given)
        try:
            sock = bind_shared(options.host, options.port)
        except OSError as exc:
            _cannot_listen(lang, options.bind, exc, BIND_TAKEN)
        from casecheck.serve.spool import SpoolBusy

        try:
            run_shared(sock, options, lang, s.packs_dir, s.select, s.ignore)
        except SpoolBusy:
            sock.close()
            _refuse(
                lang,
                Text(
                    f"暂存目录 {options.spool} 正被另一个 casecheck 共用网页使用",
                    f"the spool folder {options.spool} is in use by another casecheck shared page",
                ),
                Text(
                    "每个服务用自己的暂存目录（--spool 或 [shared] spool）",
                    "Give each server its own spool folder (--spool or [shared] spool).",
                ),
            )
        return
    start = (root or Path.home()).expanduser()
    if not start.is_dir():
        _refuse(
            lang,
            Text(f"不是文件夹：{start}", f"not a folder: {start}"),
            Text("--root 请给出一个已有的文件夹", "Give an existing folder to --root."),
        )
    try:
        sock = bind_local(port)
    except OSError as exc:
        _cannot_listen(lang, f"127.0.0.1:{port}", exc)
    run_server(sock, start, lang, open_browser=not no_browser, packs_dirs=s.packs_dir)


REINSTALL = Text(
    "在 casecheck 的文件夹里按 README 第一行重新安装（pip install .）",
    "Install again from the casecheck folder as the README's first line says (pip install .).",
)


def _write_launcher(lang: Lang) -> None:
    from casecheck.serve.launcher import desktop, write_launcher

    folder = desktop()
    try:
        path = write_launcher(folder, lang)
    except OSError as exc:
        _refuse(
            lang,
            Text(
                f"无法在 {folder} 中写入启动脚本：{exc.strerror or exc}",
                f"cannot write the launcher into {folder}: {exc.strerror or exc}",
            ),
            Text("检查该文件夹是否可写", "Check that the folder is writable."),
        )
    said = Text(
        f"已生成启动脚本：{path}\n以后双击它即可打开检查页面（关闭弹出的窗口即停止）。",
        f"Launcher written: {path}\nDouble-click it to open the check page "
        "(close the window that opens to stop).",
    )
    typer.echo(said.pick(lang))


PORT_TAKEN = Text(
    "换一个端口（--port），或不写 --port 让程序自选空闲端口",
    "Choose another --port, or leave it out to use a free one.",
)
BIND_TAKEN = Text(
    "换一个地址或端口（--bind 地址:端口），或先停止占用它的程序",
    "Choose another --bind ADDR:PORT, or stop the program that uses it.",
)


def _cannot_listen(lang: Lang, where: str, exc: OSError, fix: Text = PORT_TAKEN) -> NoReturn:
    why = exc.strerror or str(exc)
    _refuse(lang, Text(f"无法在 {where} 上监听：{why}", f"cannot listen on {where}: {why}"), fix)


def _shared_options(s: Settings, given: dict[str, object]) -> SharedOptions:
    """casecheck.toml's ``[shared]`` under the command line's shared options, checked."""
    from casecheck.serve.shared_options import SharedOptions, is_wildcard

    assert s.effective is not None
    values = dict(s.effective["shared"] or {})
    for name in SHARED_ONLY:
        if name in given:
            values["public_names" if name == "public_name" else name] = given[name]
    try:
        options = SharedOptions.of(values)
    except ValueError:
        shown = values.get("bind")
        s.refuse(
            UsageProblem(
                Text(f"--bind 的写法不对：{shown}", f"--bind is malformed: {shown}"),
                Text(
                    "写成 地址:端口，如 127.0.0.1:8080、0.0.0.0:8080 或 [::1]:8080",
                    "Write ADDR:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080.",
                ),
            )
        )
    if is_wildcard(options.host) and not options.public_names:
        s.refuse(
            UsageProblem(
                Text(
                    f"监听 {options.bind} 时必须给出公开地址",
                    f"listening on {options.bind} needs the public name",
                ),
                Text(
                    "用 --public-name 写出老师在浏览器里输入的地址（如 check.example.edu.cn 或"
                    " 192.168.1.10:8080），其他地址的请求一律拒绝",
                    "Give --public-name with the address teachers type (e.g. check.example.edu.cn "
                    "or 192.168.1.10:8080); requests naming any other host are refused.",
                ),
            )
        )
    if options.spool is not None:
        try:
            options.spool.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            s.refuse(
                UsageProblem(
                    Text(
                        f"无法使用暂存目录 {options.spool}：{exc.strerror or exc}",
                        f"cannot use the spool folder {options.spool}: {exc.strerror or exc}",
                    ),
                    Text("换一个可写的目录（--spool）", "Choose a writable folder (--spool)."),
                )
            )
    return options
