"""Batch output for the terminal: progress bar, one row per submission, a per-rule tally.

Also the summary helpers the XLSX/HTML/CSV renderers share (verdicts, top failing rules).
"""

from __future__ import annotations

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

from casecheck.checkers.batch import BatchItem, short_names
from casecheck.i18n import Lang, Text
from casecheck.places import places_of
from casecheck.render.text import STATUS_STYLE, findings_block
from casecheck.render.text_waivers import waived_table
from casecheck.render.words import CASE_HEAD, plain
from casecheck.result import STATUS_RANK, Finding, Report, Status, SubmissionResult, empty_folders
from casecheck.vocabulary import (
    CANNOT_OPEN,
    DUPLICATE_OF,
    MISSING_MATERIAL,
    OVER_QUOTA_IN,
    STATUS_LABEL,
    empty_note,
    material_title,
    rule_title,
    verdict_label,
)

TO_FIX = (Status.ERROR, Status.FAIL, Status.WARN)
TOP_RULES = 3


# ── summaries shared by the batch renderers ─────────────────────────────────
MAIN_STATUSES = (Status.ERROR, Status.FAIL, Status.WARN, Status.MANUAL)
SHORT_VALUE = 14  # characters: a measured value longer than this is left to the details


def _ranked(result: SubmissionResult) -> list[Finding]:
    """The worst finding of each rule to act on, ranked by status (error, fail, warn, manual),
    then by the pack's order of materials, then by the pack's order of rules."""
    order = {m: i for i, m in enumerate(result.materials)}
    first: dict[str, tuple[int, Finding]] = {}
    for i, f in enumerate(result.findings):
        if f.status not in MAIN_STATUSES:
            continue
        old = first.get(f.rule)
        if old is None or STATUS_RANK[f.status] > STATUS_RANK[old[1].status]:
            first[f.rule] = (old[0] if old else i, f)

    def key(entry: tuple[int, Finding]) -> tuple[int, int, int]:
        i, f = entry
        return (-STATUS_RANK[f.status], order.get(f.material or "", len(order)), i)

    return [f for _, f in sorted(first.values(), key=key)]


def top_rules(result: SubmissionResult, n: int = TOP_RULES) -> list[str]:
    """The ids of the main problems (see ``main_problems``), worst first."""
    return [f.rule for f in _ranked(result)[:n]]


def problem_words(f: Finding, titles: dict[str, Text], lang: Lang) -> str:
    """One problem as a teacher would name it: 「案例总结报告无法打开」, 「缺少案例视频」,
    「视频分辨率 1280×720」 (the rule's title, with the measured value when it is short)."""
    material = material_title(f.material, lang) if f.material else ""
    if f.status is Status.ERROR and material:
        said = CANNOT_OPEN.pick(lang).format(material=material)
        return said[:1].upper() + said[1:]
    if f.rule.startswith("materials.") and material and f.actual in (None, 0, [], ""):
        return MISSING_MATERIAL.pick(lang).format(material=material)
    title = rule_title(f.rule, titles, lang)
    value = plain(f.actual, lang, f.rule) if not f.rule.startswith("materials.") else ""
    if value and len(value) <= SHORT_VALUE and "\n" not in value:
        return f"{title} {value}"
    return title


def main_problems(
    result: SubmissionResult, titles: dict[str, Text], lang: Lang, n: int = TOP_RULES
) -> list[str]:
    """主要问题 of one case, shared by the terminal table, the workbook and the HTML page."""
    return [problem_words(f, titles, lang) for f in _ranked(result)[:n]]


def _is_case(path: str, rel: str) -> bool:
    return Path(path).as_posix().endswith("/" + rel) or Path(path).as_posix() == rel


def case_marks(report: Report, lang: Lang) -> list[list[tuple[Finding, str]]]:
    """For each submission (report order), the batch findings it is a member of, in words:
    「重复：与 1 个案例重复：案例二」, 「超指标：长沙市「用AI」」 — for its row and its page."""
    marks: list[list[tuple[Finding, str]]] = [[] for _ in report.submissions]
    sep = "、" if lang == "zh" else ", "
    for f in report.batch_findings:
        if f.status not in MAIN_STATUSES or not f.place:
            continue
        if f.rule == "batch.duplicate":
            members = [p["folder"] for p in places_of(f.place) if "folder" in p]
        else:
            members = list(f.place.get("folders") or [])
        if not members:
            continue
        short = dict(zip(members, short_names(members), strict=True))
        for i, result in enumerate(report.submissions):
            mine = next((m for m in members if _is_case(result.path, m)), None)
            if mine is None:
                continue
            if f.rule == "batch.duplicate":
                others = [short[m] for m in members if m != mine]
                words = DUPLICATE_OF.pick(lang).format(n=len(others), names=sep.join(others))
            else:
                words = OVER_QUOTA_IN.pick(lang).format(where=f.location or "")
            marks[i].append((f, words))
    return marks


def main_cell(
    result: SubmissionResult, marks: list[tuple[Finding, str]], titles: dict[str, Text], lang: Lang
) -> str:
    """The 主要问题 cell: the case's batch marks (重复, 超指标), then its three main problems."""
    return ("；" if lang == "zh" else "; ").join(
        [w for _, w in marks] + main_problems(result, titles, lang)
    )


def counts_text(counts: dict[str, int], lang: Lang) -> str:
    """「不合格 9\n警告 1」: the non-zero problem counts, one per line; 「—」 when none."""
    lines = [
        f"{STATUS_LABEL[s].pick(lang)} {counts[s.value]}"
        for s in (Status.FAIL, Status.ERROR, Status.WARN, Status.MANUAL)
        if counts.get(s.value)
    ]
    return "\n".join(lines) or "—"


# ── terminal ────────────────────────────────────────────────────────────────
def closing_line(report: Report, lang: Lang) -> str:
    """「共 9 个案例文件夹（其中 1 个是空文件夹）：通过 3 个，未通过 6 个」."""
    n = len(report.submissions)
    ready = sum(1 for r in report.submissions if r.status not in (Status.FAIL, Status.ERROR))
    empty = empty_folders(report.submissions)
    return Text(
        f"共 {n} 个案例文件夹{empty_note(empty, 'zh')}：通过 {ready} 个，未通过 {n - ready} 个",
        f"{n} submission folders{empty_note(empty, 'en')}: {ready} ready, {n - ready} not ready",
    ).pick(lang)


def render_batch_text(
    report: Report,
    items: list[BatchItem],
    console: Console,
    lang: Lang,
    plain: bool | None = None,
) -> None:
    """The summary table (附件1 order, as the batch sorted it), the per-rule tally, the batch
    rules and one closing line; columns wrap at characters, rule ids never break. With
    ``plain`` (default: not a terminal — a pipe or a file) no borders: one line per case."""
    if not console.is_terminal if plain is None else plain:
        render_batch_plain(report, items, console, lang)
        return
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    table = Table(title=t("批量检查汇总", "Batch summary"), show_lines=False, expand=True)
    table.add_column(CASE_HEAD["unit"].pick(lang), overflow="fold", min_width=8)
    table.add_column(CASE_HEAD["category"].pick(lang), no_wrap=True)
    table.add_column(t("案例名称 / 文件夹", "Case / folder"), overflow="fold")
    table.add_column(t("学校", "School"), overflow="fold")
    table.add_column(t("结论", "Verdict"), overflow="fold", min_width=8)
    table.add_column(t("问题数", "Problems"), no_wrap=True)
    table.add_column(t("主要问题", "Main problems"), overflow="fold")
    marks = case_marks(report, lang)
    for item, result, mine in zip(items, report.submissions, marks, strict=True):
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
            main_cell(result, mine, report.titles, lang),
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
    console.print(closing_line(report, lang), style="bold")


def _line(console: Console, text: str) -> None:
    console.print(text, markup=False, highlight=False, crop=False, soft_wrap=True)


def render_batch_plain(
    report: Report, items: list[BatchItem], console: Console, lang: Lang
) -> None:
    """For a pipe or a file (``batch ROOT > 结果.txt``): no borders, no wrapping, one line per
    case — 「结论  文件夹  案例名称  问题数  主要问题」 — then one line per failing check."""
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    _line(console, t("批量检查汇总", "Batch summary"))
    marks = case_marks(report, lang)
    for item, result, mine in zip(items, report.submissions, marks, strict=True):
        counts = counts_text(result.counts, lang).replace("\n", "，" if lang == "zh" else ", ")
        fields = [
            verdict_label(result.status, lang),
            item.rel,
            result.case.name or "",
            counts,
            main_cell(result, mine, report.titles, lang),
        ]
        _line(console, "  ".join(f for f in fields if f))
    tally = report.cases_per_rule(TO_FIX)
    if tally:
        _line(console, "")
        _line(console, t("各检查项未通过的案例数", "Submissions per failing check"))
        for rule, status, n in tally:
            title = rule_title(rule, report.titles, lang)
            label = STATUS_LABEL[status].pick(lang)
            _line(
                console, t(f"{title}  {label} {n} 个案例  {rule}", f"{title}  {label} {n}  {rule}")
            )
    if (waived := waived_table(report, lang)) is not None:
        waived.box, waived.expand, waived.show_edge = None, False, False
        console.print(waived, crop=False)
    shown = [f for f in report.batch_findings if f.status is not Status.PASS]
    if shown:
        _line(console, "")
        _line(console, t("■ 批量规则", "■ Batch rules"))
        console.print(findings_block(shown, lang, report.titles, show_pass=False, wrap=False))
    _line(console, closing_line(report, lang))


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
