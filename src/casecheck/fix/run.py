"""``fix_submission``: check a folder, write corrected copies elsewhere, check the copies.

The submission folder is only read: everything is copied (``shutil.copy2``) into a hidden
partial folder beside the destination, the fixers rewrite the copies there, and the folder
is renamed to ``OUTDIR/<submission folder name>`` at the end — an interrupted run leaves no
half-written destination. The copies are then checked by the same engine with the same pack.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casecheck.engine import FactsCache, Options, check_submission
from casecheck.fix.model import FileFix, Fixer, FixReport, Notes, ProgressFn, reencode_by
from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.readers.errors import ReadError
from casecheck.result import Status

if TYPE_CHECKING:
    from casecheck.cli.settings import Settings

BAD = (Status.FAIL, Status.WARN)


# How a teacher asks for the video re-encode, on the command line; the pages pass their own
# words (their check box, or why there is none) so the note names the way where it is read.
ASK_VIDEO = reencode_by(Text("加上 --video", "add --video"))


class FixError(Exception):
    """A reason ``fix`` cannot start (bad paths); ``message`` is bilingual."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_paths(folder: Path, outdir: Path) -> Path:
    """The destination ``outdir/<folder name>``; FixError when it would touch the submission."""
    src, out = folder.resolve(), outdir.resolve()
    if not src.is_dir():
        raise FixError(Text(f"不是文件夹：{folder}", f"not a folder: {folder}"))
    if _inside(out, src):
        raise FixError(
            Text(
                f"输出目录 {outdir} 在案例文件夹内：casecheck 从不写入案例文件夹，请换一个输出目录",
                f"the output folder {outdir} is inside the submission: casecheck never writes "
                "there; choose another output folder",
            )
        )
    dest = out / src.name
    if dest.exists() or dest.is_symlink():
        raise FixError(
            Text(
                f"{dest} 已存在：请删除它或换一个输出目录",
                f"{dest} already exists: delete it or choose another output folder",
            )
        )
    return dest


def _fixers(video: bool, progress: ProgressFn | None) -> dict[str, Fixer]:
    from casecheck.fix.courseware import fix_courseware
    from casecheck.fix.report import fix_report

    fixers: dict[str, Fixer] = {"report": fix_report, "courseware": fix_courseware}
    if video:
        from casecheck.fix.video import video_fixer

        fixers["video"] = video_fixer(progress)
    return fixers


def fix_submission(
    folder: Path,
    outdir: Path,
    s: Settings | None = None,
    *,
    video: bool = False,
    ask_video: Text = ASK_VIDEO,
    progress: ProgressFn | None = None,
) -> FixReport:
    """Write corrected copies of ``folder`` into ``outdir/<folder name>/`` and re-check them
    with the rules, pack and language of ``s`` (default: the built-in packs, in Chinese;
    every rule: a fix re-checks the whole case).

    ``video=True`` re-encodes a video that fails the pack's format rules (slow; ``progress``
    is called while it runs); without it, the note left on the video says ``ask_video`` (how
    to ask for the re-encode where the note is read: ``reencode_by(…)``, or why it cannot be). Raises ``FixError`` for unusable paths;
    problems in the files themselves are reported, never raised.
    """
    folder, outdir = Path(folder), Path(outdir)
    dest = check_paths(folder, outdir)
    if s is None:
        from casecheck.cli.settings import Settings
        from casecheck.packs.ruleset import load_ruleset

        s = Settings(ruleset=load_ruleset(never_under=[folder]))
    ruleset, lang = s.rules(), s.lang
    options = Options(lang=lang)
    cache = FactsCache(options)
    before = check_submission(folder, ruleset, options, explicit_pack=s.pack, cache=cache)
    rules = ruleset.rules(before.pack)
    outdir.mkdir(parents=True, exist_ok=True)
    partial = outdir / f".{dest.name}.casecheck-partial"
    if partial.exists():
        shutil.rmtree(partial)
    try:
        copy_materials(folder, partial, ruleset.pack(before.pack).materials)
        files = _fix_copies(
            folder, partial, dest, before, cache, rules, video, progress, lang, ask_video
        )
        partial.rename(dest)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    after = check_submission(dest, ruleset, options, explicit_pack=before.pack)
    after.pack_reason = before.pack_reason  # chosen as for the original, not by --pack
    return FixReport(
        source=str(folder),
        output=str(dest),
        pack=before.pack,
        files=files,
        before=before,
        after=after,
    )


def copy_materials(folder: Path, partial: Path, materials: Any) -> None:
    """Copy the material files (and files of the wrong kind standing for one, so the re-check
    still names them) — not .DS_Store, Office lock files or other extras."""
    from casecheck.materials import classify

    found = classify(folder, materials)
    keep = [*found.assigned.values()]
    for entries in (*found.ambiguous.values(), *found.wrong_format.values()):
        keep += entries
    partial.mkdir(parents=True)
    for entry in keep:
        target = partial / Path(entry.path).relative_to(folder)  # the name's bytes kept
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(entry.path, target)


def _fix_copies(
    folder: Path,
    partial: Path,
    dest: Path,
    before: Any,
    cache: FactsCache,
    rules: dict[str, Rule],
    video: bool,
    progress: ProgressFn | None,
    lang: Lang,
    ask: Text = ASK_VIDEO,
) -> list[FileFix]:
    fixers = _fixers(video, progress)
    files: list[FileFix] = []
    for material, name in before.materials.items():
        if name is None:
            continue
        findings = [f for f in before.findings if f.material == material]
        record = FileFix(material=material, file=name, output=str(dest / name))
        bad = [f for f in findings if f.status in BAD]
        fixer = fixers.get(material)
        if material == "video" and fixer is None and bad:
            notes = Notes(lang)
            notes.left(
                Text(
                    f"视频未重新编码（共 {len(bad)} 项不符合）：{ask.zh}；时长须自行剪辑",
                    f"The video was not re-encoded ({len(bad)} problems): {ask.en}; "
                    "the duration is yours to edit",
                )
            )
            record.items = notes.items
        if fixer is None or not findings:
            files.append(record)
            continue
        facts = cache.get(material, str(folder / name)) if material != "video" else None
        if isinstance(facts, ReadError):
            record.error = facts.message.pick(lang)
            files.append(record)
            continue
        try:
            record.written, record.items = fixer(partial / name, facts, findings, rules, lang)
        except ReadError as exc:
            record.error = exc.message.pick(lang)
        files.append(record)
    return files
