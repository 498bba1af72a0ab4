"""Batch output for the terminal: progress bar, one row per submission, a per-rule tally.

Also the summary helpers the XLSX/HTML/CSV renderers share (verdicts, top failing rules).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text as RichText

from casecheck.checkers.batch import BatchItem
from casecheck.findings import STATUS_RANK, Report, Status, SubmissionResult
from casecheck.i18n import Lang, Text
from casecheck.render.text import STATUS_LABEL, STATUS_STYLE, findings_block
from casecheck.render.text_waivers import waived_table

PROBLEMS = (Status.ERROR, Status.FAIL, Status.WARN)
TOP_RULES = 3


# ── summaries shared by the batch renderers ─────────────────────────────────
def rule_statuses(result: SubmissionResult) -> dict[str, Status]:
    """Each rule's worst status in one submission (skipped only when nothing else)."""
    worst: dict[str, Status] = {}
    for f in result.findings:
        old = worst.get(f.rule)
        if old is None or STATUS_RANK[f.status] > STATUS_RANK[old]:
            worst[f.rule] = f.status
    return worst


def top_rules(result: SubmissionResult, n: int = TOP_RULES) -> list[str]:
    """The rules with fail/error findings first (most findings first), then warnings."""
    tally = Counter(f.rule for f in result.findings if f.status in PROBLEMS)
    rank = rule_statuses(result)
    ordered = sorted(tally, key=lambda r: (-STATUS_RANK[rank[r]], -tally[r], r))
    return ordered[:n]


def rule_tally(report: Report) -> list[tuple[str, Status, int]]:
    """(rule, worst status, number of submissions where it was not met), most frequent first."""
    count: Counter[str] = Counter()
    worst: dict[str, Status] = {}
    for result in report.submissions:
        for rule, status in rule_statuses(result).items():
            if status in PROBLEMS:
                count[rule] += 1
                if rule not in worst or STATUS_RANK[status] > STATUS_RANK[worst[rule]]:
                    worst[rule] = status
    return sorted(((r, worst[r], n) for r, n in count.items()), key=lambda t: (-t[2], t[0]))


def verdict_label(status: Status, lang: Lang) -> str:
    """「未通过（不合格）」 / "not ready (FAIL)"; a bare 「通过」 / "ready" when all passed."""
    ready = status not in (Status.FAIL, Status.ERROR)
    head = Text("通过", "ready") if ready else Text("未通过", "not ready")
    if status is Status.PASS:
        return head.pick(lang)
    detail = STATUS_LABEL[status].pick(lang)
    return f"{head.zh}（{detail}）" if lang == "zh" else f"{head.en} ({detail})"


# ── terminal ────────────────────────────────────────────────────────────────
def render_batch_text(report: Report, items: list[BatchItem], console: Console, lang: Lang) -> None:
    table = Table(
        title=Text("批量检查汇总", "Batch summary").pick(lang), show_lines=False, expand=True
    )
    for head in (
        Text("案例文件夹", "Folder"),
        Text("规则包", "Pack"),
        Text("结论", "Verdict"),
        Text("不合格/无法读取/警告/人工", "fail/error/warn/manual"),
        Text("主要问题", "Top failing rules"),
    ):
        table.add_column(head.pick(lang), overflow="fold")
    for item, result in zip(items, report.submissions, strict=True):
        c = result.counts
        table.add_row(
            item.rel,
            result.pack,
            RichText(verdict_label(result.status, lang), style=STATUS_STYLE[result.status]),
            f"{c['fail']}/{c['error']}/{c['warn']}/{c['manual']}",
            ", ".join(top_rules(result)),
        )
    console.print(table)
    tally = rule_tally(report)
    if tally:
        t = Table(title=Text("各规则未通过的案例数", "Submissions per failing rule").pick(lang))
        t.add_column(Text("规则", "Rule").pick(lang))
        t.add_column(Text("状态", "Status").pick(lang))
        t.add_column(Text("案例数", "Submissions").pick(lang), justify="right")
        for rule, status, n in tally:
            t.add_row(
                rule, RichText(STATUS_LABEL[status].pick(lang), style=STATUS_STYLE[status]), str(n)
            )
        console.print(t)
    if (waived := waived_table(report, lang)) is not None:
        console.print(waived)
    if report.batch_findings:
        console.print(RichText(Text("\n■ 批量规则", "\n■ Batch rules").pick(lang), style="bold"))
        console.print(findings_block(report.batch_findings, lang, show_pass=False))
    ready = sum(1 for r in report.submissions if r.status not in (Status.FAIL, Status.ERROR))
    console.print(
        Text(
            f"共 {len(items)} 个案例：通过 {ready} 个，未通过 {len(items) - ready} 个",
            f"{len(items)} submissions: {ready} ready, {len(items) - ready} not ready",
        ).pick(lang),
        style="bold",
    )


# ── progress ────────────────────────────────────────────────────────────────
class RateColumn(ProgressColumn):
    def render(self, task: Task) -> RichText:
        speed = task.finished_speed or task.speed
        return RichText(f"{speed:.1f}/s" if speed else "–/s", style="cyan")


class BatchBar:
    """Progress of a batch; does nothing without a terminal."""

    def __init__(self, progress: Progress | None, task: TaskID | None) -> None:
        self._progress, self._task = progress, task

    def advance(self, n: int) -> None:
        if self._progress is not None and self._task is not None and n:
            self._progress.advance(self._task, n)

    def current(self, folder: str, root: Path) -> None:
        if self._progress is not None and self._task is not None:
            try:
                shown = str(Path(folder).relative_to(root.absolute()))
            except ValueError:
                shown = folder
            self._progress.update(self._task, current=shown[-60:])


@contextmanager
def batch_progress(console: Console | None, total: int, lang: Lang) -> Iterator[BatchBar]:
    """A transient rich progress bar on ``console`` (stderr) only when it is a terminal."""
    if console is None or not console.is_terminal or total == 0:
        yield BatchBar(None, None)
        return
    progress = Progress(
        TextColumn(Text("检查中", "Checking").pick(lang)),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("batch", total=total, current="")
        yield BatchBar(progress, task)
