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
from casecheck.i18n import Lang, Text
from casecheck.render.text import STATUS_STYLE, findings_block
from casecheck.render.text_waivers import waived_table
from casecheck.result import STATUS_RANK, Report, Status, SubmissionResult
from casecheck.vocabulary import STATUS_LABEL, rule_title, verdict_label

TO_FIX = (Status.ERROR, Status.FAIL, Status.WARN)
TOP_RULES = 3


# ── summaries shared by the batch renderers ─────────────────────────────────
def top_rules(result: SubmissionResult, n: int = TOP_RULES) -> list[str]:
    """The rules with fail/error findings first (most findings first), then warnings."""
    tally = Counter(f.rule for f in result.findings if f.status in TO_FIX)
    rank = result.rule_statuses()
    ordered = sorted(tally, key=lambda r: (-STATUS_RANK[rank[r]], -tally[r], r))
    return ordered[:n]


def counts_text(counts: dict[str, int], lang: Lang) -> str:
    """「不合格 9\n警告 1」: the non-zero problem counts, one per line; 「—」 when none."""
    lines = [
        f"{STATUS_LABEL[s].pick(lang)} {counts[s.value]}"
        for s in (Status.FAIL, Status.ERROR, Status.WARN, Status.MANUAL)
        if counts.get(s.value)
    ]
    return "\n".join(lines) or "—"


# ── terminal ────────────────────────────────────────────────────────────────
def render_batch_text(report: Report, items: list[BatchItem], console: Console, lang: Lang) -> None:
    """The summary table (附件1 order, as the batch sorted it), the per-rule tally, the batch
    rules and one closing line; columns wrap at characters, rule ids never break."""
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    table = Table(title=t("批量检查汇总", "Batch summary"), show_lines=False, expand=True)
    table.add_column(t("市州/高校", "City/university"), overflow="fold", min_width=8)
    table.add_column(t("类别", "Category"), no_wrap=True)
    table.add_column(t("案例名称 / 文件夹", "Case / folder"), overflow="fold")
    table.add_column(t("学校", "School"), overflow="fold")
    table.add_column(t("结论", "Verdict"), overflow="fold", min_width=8)
    table.add_column(t("问题数", "Problems"), no_wrap=True)
    table.add_column(t("主要问题", "Main problems"), overflow="fold")
    for item, result in zip(items, report.submissions, strict=True):
        c, case = result.counts, result.case
        name = RichText(case.name or "")
        name.append(("\n" if case.name else "") + item.rel, style="dim")
        table.add_row(
            case.unit or "",
            case.category or "",
            name,
            case.school or "",
            RichText(verdict_label(result.status, lang), style=STATUS_STYLE[result.status]),
            counts_text(c, lang),
            "；".join(rule_title(r, report.titles, lang) for r in top_rules(result)),
        )
    console.print(table)
    tally = report.cases_per_rule(TO_FIX)
    if tally:
        tt = Table(title=t("各检查项未通过的案例数", "Submissions per failing check"))
        tt.add_column(t("检查项", "Check"), overflow="fold")
        tt.add_column(t("规则 id", "Rule id"), no_wrap=True, style="dim")
        tt.add_column(t("状态", "Status"), no_wrap=True)
        tt.add_column(t("案例数", "Submissions"), justify="right", no_wrap=True)
        for rule, status, n in tally:
            label = RichText(STATUS_LABEL[status].pick(lang), style=STATUS_STYLE[status])
            tt.add_row(rule_title(rule, report.titles, lang), rule, label, str(n))
        console.print(tt)
    if (waived := waived_table(report, lang)) is not None:
        console.print(waived)
    shown = [f for f in report.batch_findings if f.status is not Status.PASS]
    if shown:
        console.print(RichText(t("\n■ 批量规则", "\n■ Batch rules"), style="bold"))
        console.print(findings_block(shown, lang, report.titles, show_pass=False))
    ready = sum(1 for r in report.submissions if r.status not in (Status.FAIL, Status.ERROR))
    console.print(
        t(
            f"共 {len(items)} 个案例：通过 {ready} 个，未通过 {len(items) - ready} 个",
            f"{len(items)} submissions: {ready} ready, {len(items) - ready} not ready",
        ),
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
