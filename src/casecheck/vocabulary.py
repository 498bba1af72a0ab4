"""The user-facing words that are not a rule's own, in Chinese and English — defined once.

Material and report-part titles, status labels, severity names, why a pack was chosen, and
the verdict sentences. Every renderer (terminal, concise, JUnit, HTML, feedback page,
workbook, the pages, ``explain``, ``inspect``) takes its words from here; a rule's own words
(its title in the pack, what passes and fails and how to fix it beside its checker) do not
belong here.
"""

from __future__ import annotations

from casecheck.i18n import Lang, Text
from casecheck.result import Status

# The four materials of a submission (packs.model.MaterialName), and video_content, the facts
# decoded from the video (inspect --as video_content).
MATERIAL_TITLE: dict[str, Text] = {
    "info_form": Text("案例信息表", "information form"),
    "courseware": Text("案例课件", "courseware"),
    "video": Text("案例视频", "case video"),
    "report": Text("案例总结报告", "summary report"),
}
VIDEO_CONTENT = Text("视频内容（声音与画面）", "video content (sound and pictures)")
WHOLE_SUBMISSION = Text("整个案例", "the whole submission")

# The parts of a report (result.group_of), in the order they are shown.
GROUP_TITLE: dict[str, Text] = {
    "materials": Text("材料齐全性", "Materials"),
    **{m: Text(t.zh, t.en[:1].upper() + t.en[1:]) for m, t in MATERIAL_TITLE.items()},
    "consistency": Text("材料之间的一致性", "Consistency between materials"),
    "batch": Text("批量检查", "Batch"),
}
GROUP_ORDER = ("materials", "info_form", "courseware", "video", "report", "consistency", "batch")

STATUS_LABEL: dict[Status, Text] = {
    Status.PASS: Text("通过", "pass"),
    Status.FAIL: Text("不合格", "fail"),
    Status.WARN: Text("警告", "warning"),
    Status.MANUAL: Text("需人工确认", "to confirm"),
    Status.SKIPPED: Text("未检查", "skipped"),
    Status.WAIVED: Text("已豁免", "waived"),
    Status.ERROR: Text("无法读取", "unreadable"),
}
SEVERITY_LABEL: dict[str, Text] = {
    "error": Text("错误", "error"),
    "warning": Text("警告", "warning"),
}

PACK_REASON: dict[str, Text] = {
    "--pack": Text("由 --pack 指定", "chosen with --pack"),
    "info form title": Text("根据信息表标题识别", "detected from the information form's title"),
    "default": Text("未能识别，使用默认规则包", "not detected; default pack"),
    "folder layout": Text("根据批量目录的文件夹结构识别", "detected from the batch folder layout"),
}


# 主要问题 in the batch outputs: a problem said as a teacher would say it.
CANNOT_OPEN = Text("{material}无法打开", "{material} cannot be opened")
MISSING_MATERIAL = Text("缺少{material}", "Missing {material}")
# What a case's own row and page say about a batch rule it is part of.
DUPLICATE_OF = Text(
    "重复：与 {n} 个案例重复：{names}", "Duplicate: the same as {n} other(s): {names}"
)
OVER_QUOTA_IN = Text("超指标：{where}", "Over quota: {where}")


# Findings that come from no pack rule: the batch's own and the waivers file's.
OTHER_RULE_TITLE: dict[str, Text] = {
    "batch.archive": Text("未解压的压缩包", "Archive not unpacked"),
    "batch.worker": Text("检查未完成", "Check not completed"),
    "waivers.expired": Text("豁免已过期", "Waiver expired"),
    "waivers.unused": Text("豁免未使用", "Waiver not used"),
}


def rule_title(rule: str, titles: dict[str, Text], lang: Lang) -> str:
    """「视频时长」 for video.duration (the pack's title); the id when no title is known."""
    title = titles.get(rule) or OTHER_RULE_TITLE.get(rule)
    return title.pick(lang) if title else rule


def material_title(material: str | None, lang: Lang) -> str:
    """「案例视频」 for ``video``; 「整个案例」 for a rule about no one material."""
    if material is None:
        return WHOLE_SUBMISSION.pick(lang)
    if material == "video_content":
        return VIDEO_CONTENT.pick(lang)
    title = MATERIAL_TITLE.get(material)
    return title.pick(lang) if title else material


def group_title(group: str, lang: Lang) -> str:
    title = GROUP_TITLE.get(group)
    return title.pick(lang) if title else group


def group_rank(group: str) -> int:
    return GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)


def status_label(status: Status, lang: Lang) -> str:
    return STATUS_LABEL[status].pick(lang)


def pack_reason(reason: str, lang: Lang) -> str:
    """「根据信息表标题识别「人机协同循证教研案例信息表」」 from ``info form title: …``."""
    key, _, detail = reason.partition(":")
    words = PACK_REASON.get(key)
    if words is None:
        return reason
    shown = words.pick(lang)
    if key == "info form title" and detail.strip():
        shown += f"「{detail.strip()}」" if lang == "zh" else f" “{detail.strip()}”"
    return shown


def verdict_word(ready: bool, lang: Lang) -> str:
    return (Text("通过", "READY") if ready else Text("未通过", "NOT READY")).pick(lang)


def verdict_label(status: Status, lang: Lang) -> str:
    """「未通过（不合格）」 / "not ready (fail)"; a bare 「通过」 / "ready" when all passed."""
    ready = status not in (Status.FAIL, Status.ERROR)
    head = Text("通过", "ready") if ready else Text("未通过", "not ready")
    if status in (Status.PASS, Status.WAIVED, Status.SKIPPED):
        return head.pick(lang)
    detail = status_label(status, lang)
    return f"{head.zh}（{detail}）" if lang == "zh" else f"{head.en} ({detail})"


COUNTED = (  # the order the verdict names the counts in
    (Status.FAIL, Text("不合格", "failed")),
    (Status.ERROR, Text("无法读取", "unreadable")),
    (Status.WARN, Text("警告", "warnings")),
    (Status.MANUAL, Text("需人工确认", "to confirm by hand")),
    (Status.PASS, Text("通过", "passed")),
    (Status.WAIVED, Text("已豁免", "waived")),
)


def counts_sentence(counts: dict[str, int], lang: Lang, *, strict: bool = False) -> str:
    """「不合格 15 项，警告 1 项，需人工确认 1 项，通过 28 项」 from the counts (zeros left out)."""
    strict_note = Text("（--strict：警告也算不通过）", " (--strict: warnings count)")
    parts = []
    for status, words in COUNTED:
        n = counts.get(status.value, 0)
        if not n:
            continue
        en = words.en[:-1] if words.en == "warnings" and n == 1 else words.en
        part = f"{words.zh} {n} 项" if lang == "zh" else f"{n} {en}"
        if status is Status.WARN and strict:
            part += strict_note.pick(lang)
        parts.append(part)
    if not parts:
        return Text("没有检查任何项", "nothing was checked").pick(lang)
    return ("，" if lang == "zh" else ", ").join(parts)


def verdict_sentence(
    counts: dict[str, int], ready: bool, lang: Lang, *, strict: bool = False
) -> str:
    """「结论：未通过 — 不合格 16 项，…」: the same decision as the exit code and JUnit."""
    head = Text("结论：", "Verdict: ").pick(lang)
    return f"{head}{verdict_word(ready, lang)} — {counts_sentence(counts, lang, strict=strict)}"


def empty_note(empty: int, lang: Lang) -> str:
    """「（其中 1 个是空文件夹）」 after a count of submission folders (nothing when none is)."""
    if not empty:
        return ""
    return Text(f"（其中 {empty} 个是空文件夹）", f" ({empty} empty)").pick(lang)


def submissions_prefix(n: int, lang: Lang, *, empty: int = 0) -> str:
    """「共 4 个案例（其中 1 个是空文件夹），」 before the verdict of a check of several folders."""
    return Text(f"共 {n} 个案例", f"{n} submissions").pick(lang) + (
        empty_note(empty, lang) + Text("，", ". ").pick(lang)
    )


CORRECTED = Text("修改后", "fixed")  # the corrected copies' folder (or zip) beside the original


def corrected_name(name: str, lang: Lang = "zh") -> str:
    """「案例A-修改后」: the name of the corrected copies beside the folder ``name``, never the
    folder's own, so they cannot be mistaken for (or unpacked into) the teacher's folder."""
    return f"{name}-{CORRECTED.pick(lang)}"


def command(*parts: object) -> str:
    """A casecheck command line to copy into the user's shell, each argument quoted when it
    needs it: single quotes on Linux/macOS (bash, zsh), double quotes on Windows (PowerShell,
    cmd) — 「casecheck check '我的 案例'」."""
    import os
    import shlex

    def quote(part: object) -> str:
        text = str(part)
        if os.name == "nt":
            needs = not text or any(c.isspace() or c in "&|()<>^;,'`$" for c in text)
            return '"' + text.replace('"', '""') + '"' if needs else text
        return shlex.quote(text)

    return " ".join(["casecheck", *(quote(p) for p in parts)])
