"""``inspect FILE [--as MATERIAL]`` usage checks: a file (not a folder) of a kind that material has."""

from __future__ import annotations

from pathlib import Path

from casecheck.i18n import Text
from casecheck.usage import UsageProblem, suggestion

MATERIALS = {
    "video": Text("案例视频", "video"),
    "report": Text("案例总结报告", "summary report"),
    "courseware": Text("案例课件", "courseware"),
    "info_form": Text("案例信息表", "information form"),
    "video_content": Text("视频内容（声音与画面）", "video content (sound and pictures)"),
}
KINDS = {  # the real file types a material can be read from
    "video": {"mp4", "quicktime", "matroska", "flv", "avi"},
    "report": {"docx"},
    "courseware": {"pptx"},
    "info_form": {"docx", "pdf"},
    "video_content": {"mp4", "quicktime", "matroska", "flv", "avi", "media_other"},
}


def check_inspect_target(path: Path, as_material: str | None) -> None:
    from casecheck.readers.sniff import sniff

    if path.is_dir():
        raise UsageProblem(
            Text(
                f"{path} 是文件夹，inspect 只查看单个文件",
                f"{path} is a folder; inspect reads one file",
            ),
            Text(
                f"请给出其中的一个文件；检查整个案例文件夹请用 casecheck check {path}",
                f"Give one file in it; to check the whole folder run casecheck check {path}",
            ),
        )
    if not path.is_file():
        raise UsageProblem(
            Text(f"找不到文件 {path}", f"file not found: {path}"),
            Text("请检查文件名和路径是否写对", "Check the file name and path."),
        )
    if as_material is None:
        return
    if as_material not in MATERIALS:
        near = suggestion(as_material, MATERIALS)
        raise UsageProblem(
            Text(f"--as 不能取 {as_material}", f"--as cannot be {as_material}"),
            Text(
                f"{near.zh}可选：{'、'.join(MATERIALS)}",
                f"{near.en} Choose one of {', '.join(MATERIALS)}.".strip(),
            ),
        )
    kind = sniff(path).kind
    if kind not in KINDS[as_material] and kind not in ("unknown", "empty"):
        name = MATERIALS[as_material]
        raise UsageProblem(
            Text(
                f"{path.name} 的实际类型是 {kind}，不能按{name.zh}读取（{name.zh}应为 {'/'.join(sorted(KINDS[as_material]))}）",
                f"{path.name} is really {kind}; it cannot be read as the {name.en} "
                f"({'/'.join(sorted(KINDS[as_material]))})",
            ),
            Text(
                "去掉 --as 让 casecheck 按文件内容识别，或换成正确的文件",
                "Leave out --as so casecheck recognises the file, or give the right file.",
            ),
        )
