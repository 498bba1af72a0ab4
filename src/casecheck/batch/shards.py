"""One campaign on several machines: ``casecheck batch ROOT --shard I/N`` and ``merge``.

A shard checks the submissions whose path relative to ROOT hashes to it (SHA-256 of the
NFC, '/'-separated path: the same on every machine and in any listing order) and writes a
shard file: each result with its pictures, the form's values, the partial hashes and the
report's and video's whole-file SHA-256 (the duplicate rule compares them, and ``merge``
sees no files), and what makes the run one run — casecheck's version, the packs' content,
the language, ``--select``/``--ignore``, ``--pack``, ``--no-content``, the list of every
submission folder under ROOT and the manifest. It judges no batch rule and applies no
waiver: ``merge`` does both over all submissions.

``merge`` reads the N files, refuses a set that is incomplete, overlapping or mixed, and
concludes as one ``batch`` would (run.py ``conclude``), so it writes the same report,
workbook, pages and feedback pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from casecheck import __version__
from casecheck.batch.cache import WorkOutput, output_from_json, output_json
from casecheck.batch.discover import Found
from casecheck.batch.places import LayoutPack
from casecheck.checkers.batch import ManifestRow
from casecheck.i18n import Text

if TYPE_CHECKING:
    from casecheck.batch.run import BatchJob, BatchRun, Checked
    from casecheck.cli.settings import Settings
    from casecheck.packs.ruleset import RuleSet

SHARD_FORMAT = 1


@dataclass(frozen=True)
class ShardSpec:
    """``--shard I/N``: the I-th of N shares (1 ≤ I ≤ N)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> ShardSpec:
        """「2/3」 → ShardSpec(2, 3); ValueError for anything else (0/3, 4/3, 2, a/b)."""
        index, sep, count = text.strip().partition("/")
        if not sep or not index.strip().isdigit() or not count.strip().isdigit():
            raise ValueError(text)
        spec = cls(int(index), int(count))
        if not 1 <= spec.index <= spec.count:
            raise ValueError(text)
        return spec

    def holds(self, rel: str) -> bool:
        return shard_of(rel, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(rel: str, count: int) -> int:
    """The shard (1 … count) of the submission at ``rel`` under ROOT."""
    key = unicodedata.normalize("NFC", rel).encode("utf-8", "replace")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % count + 1


class RunIdentity(BaseModel):
    """What must be the same in every shard of one run (and the packs in ``merge``)."""

    version: str
    packs: str  # SHA-256 of every pack's content
    lang: str
    select: list[str]
    ignore: list[str]
    pack: str | None
    content: bool
    root_name: str
    total: int  # submission folders (and archives) under ROOT
    listing: str  # SHA-256 of their relative paths
    manifest: list[ManifestRow] | None = None


class ShardLayout(BaseModel):
    pack: str
    zh: str
    en: str


class ShardEntry(BaseModel):
    index: int  # in the listing of every submission under ROOT
    found: Found
    output: dict[str, Any]  # cache.output_json: the result, its pictures, values and hashes


class ShardFile(BaseModel):
    casecheck_shard: int = SHARD_FORMAT
    index: int
    count: int
    identity: RunIdentity
    layout: ShardLayout | None = None
    checked: int = 0
    cached: int = 0
    seconds: float = 0.0
    entries: list[ShardEntry] = Field(default_factory=list)

    @property
    def spec(self) -> ShardSpec:
        return ShardSpec(self.index, self.count)


def packs_digest(ruleset: RuleSet) -> str:
    """Every pack's content (not where its file lies, which differs between machines)."""
    dumps = [p.model_dump_json(exclude={"origin"}) for p in ruleset.packs(include_abstract=True)]
    return hashlib.sha256(json.dumps(sorted(dumps), ensure_ascii=False).encode()).hexdigest()


def listing_digest(found: list[Found]) -> str:
    rels = [[unicodedata.normalize("NFC", f.rel), f.archive] for f in found]
    return hashlib.sha256(json.dumps(rels, ensure_ascii=False).encode()).hexdigest()


def identity(s: Settings, job: BatchJob) -> RunIdentity:
    return RunIdentity(
        version=__version__,
        packs=packs_digest(s.rules()),
        lang=s.lang,
        select=s.select,
        ignore=s.ignore,
        pack=s.pack,
        content=s.content,
        root_name=job.root.resolve().name,
        total=len(job.found),
        listing=listing_digest(job.found),
        manifest=job.manifest_rows,
    )


def shard_file(s: Settings, job: BatchJob, checked: Checked) -> ShardFile:
    """What a shard writes: every submission it checked, and the run's identity."""
    assert job.shard is not None
    entries = []
    for i in sorted(checked.results):
        output = checked.outputs.get(i) or WorkOutput(result=checked.results[i])
        entries.append(ShardEntry(index=i, found=job.found[i], output=output_json(output)))
    layout = checked.layout
    return ShardFile(
        index=job.shard.index,
        count=job.shard.count,
        identity=identity(s, job),
        layout=ShardLayout(pack=layout.pack, zh=layout.why.zh, en=layout.why.en)
        if layout
        else None,
        checked=checked.checked,
        cached=checked.cached,
        seconds=round(checked.seconds, 3),
        entries=entries,
    )


def write_shard(doc: ShardFile, output: Path | None) -> None:
    """To ``output`` (through a partial file renamed at the end: a job runner that kills the
    process never leaves half a shard) or stdout."""
    text = doc.model_dump_json() + "\n"
    if output is None:
        import sys

        sys.stdout.write(text)
        sys.stdout.flush()
        return
    partial = output.with_name(f".{output.name}.partial")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, output)


def shard_and_report(s: Settings, job: BatchJob) -> int:
    """``--shard I/N``: check this share, write the shard file. Exit 0 once it is written —
    the verdict is merge's (a job runner retries a task that exits non-zero)."""
    from rich.console import Console

    from casecheck.batch.run import cannot_write, check_folders, say_layout, tally

    err = Console(stderr=True)
    checked = check_folders(s, job, progress_console=err)
    say_layout(checked.layout, s, err)
    doc = shard_file(s, job, checked)
    try:
        write_shard(doc, s.output)
    except OSError as exc:
        return cannot_write(exc, s, err)
    said = tally(checked.results.values(), checked.cached, checked.seconds)
    where = s.output or Text("标准输出", "stdout").pick(s.lang)
    msg = Text(
        f"分片 {job.shard}：{said.zh}；已写出：{where}",
        f"shard {job.shard}: {said.en}; written: {where}",
    )
    err.print(msg.pick(s.lang), markup=False, highlight=False, soft_wrap=True)
    return 0


# ── merge ───────────────────────────────────────────────────────────────────
class ShardError(Exception):
    """Why a set of shard files cannot be merged, and what to do (both languages)."""

    def __init__(self, message: Text, fix: Text) -> None:
        super().__init__(message.en)
        self.message, self.fix = message, fix


SAME_RUN = Text(
    "请用同一版本的 casecheck、相同的规则包和选项，在同一个 ROOT 上重新运行不一致的分片",
    "Re-run the odd shard with the same casecheck version, packs and options on the same ROOT.",
)
IDENTITY_WORDS: dict[str, Text] = {
    "version": Text("casecheck 版本", "casecheck version"),
    "packs": Text("规则包内容", "the packs' content"),
    "lang": Text("报告语言（--lang）", "language (--lang)"),
    "select": Text("--select", "--select"),
    "ignore": Text("--ignore", "--ignore"),
    "pack": Text("规则包（--pack）", "--pack"),
    "content": Text("内容检查（--no-content）", "content checks (--no-content)"),
    "root_name": Text("根目录名称", "ROOT's name"),
    "total": Text("ROOT 下的案例文件夹", "the submission folders under ROOT"),
    "listing": Text("ROOT 下的案例文件夹", "the submission folders under ROOT"),
    "manifest": Text("推荐名单（--manifest）", "the manifest (--manifest)"),
}
SHOWN = ("version", "lang", "pack", "content", "root_name", "total")  # values worth printing


@dataclass
class ShardSet:
    """A complete, consistent set of shards, in shard order."""

    files: list[tuple[Path, ShardFile]]

    @property
    def identity(self) -> RunIdentity:
        return self.files[0][1].identity

    @property
    def layout(self) -> LayoutPack | None:
        layout = self.files[0][1].layout
        return LayoutPack(layout.pack, Text(layout.zh, layout.en)) if layout else None


def read_shard(path: Path) -> ShardFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ShardError(
            Text(f"找不到分片文件 {path}", f"shard file not found: {path}"),
            Text("请检查文件名是否写对", "Check the file name."),
        ) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _not_a_shard(path) from exc
    if not isinstance(data, dict) or "casecheck_shard" not in data:
        raise _not_a_shard(path)
    if data["casecheck_shard"] != SHARD_FORMAT:
        raise ShardError(
            Text(
                f"{path} 是另一版本 casecheck 写的分片（格式 {data['casecheck_shard']}）",
                f"{path} was written by another casecheck version (format {data['casecheck_shard']})",
            ),
            SAME_RUN,
        )
    try:
        return ShardFile.model_validate(data)
    except ValidationError as exc:
        raise _not_a_shard(path) from exc


def _not_a_shard(path: Path) -> ShardError:
    return ShardError(
        Text(f"{path} 不是 casecheck 分片文件", f"{path} is not a casecheck shard file"),
        Text(
            "分片文件由 casecheck batch ROOT --shard I/N -o shard-I.json 写出",
            "Shard files are written by casecheck batch ROOT --shard I/N -o shard-I.json.",
        ),
    )


def read_shards(paths: list[Path]) -> ShardSet:
    """The shards of ``paths``, or ShardError naming what is missing, doubled or different."""
    files = [(p, read_shard(p)) for p in paths]
    first_path, first = files[0]
    for path, doc in files[1:]:
        if doc.count != first.count:
            raise ShardError(
                Text(
                    f"分片数不一致：{first_path} 是第 {first.spec} 片，{path} 是第 {doc.spec} 片",
                    f"the shards disagree on N: {first_path} is {first.spec}, {path} is {doc.spec}",
                ),
                Text("同一次运行的分片须用相同的 N", "All shards of one run use the same N."),
            )
        _same_run(first_path, first.identity, path, doc.identity)
    by_index: dict[int, Path] = {}
    for path, doc in files:
        if doc.index in by_index:
            raise ShardError(
                Text(
                    f"第 {doc.spec} 片给了两次：{by_index[doc.index]} 与 {path}",
                    f"shard {doc.spec} was given twice: {by_index[doc.index]} and {path}",
                ),
                Text("每个分片只给一次", "Give each shard once."),
            )
        by_index[doc.index] = path
    missing = [i for i in range(1, first.count + 1) if i not in by_index]
    if missing:
        n = first.count
        names = "、".join(f"第 {i}/{n} 片" for i in missing)
        names_en = ", ".join(f"{i}/{n}" for i in missing)
        i = missing[0]
        raise ShardError(
            Text(
                f"分片不完整：共 {n} 片，缺少{names}",
                f"incomplete set of shards: {n} in all, missing shard {names_en}",
            ),
            Text(
                f"请先运行 casecheck batch ROOT --shard {i}/{n} -o shard-{i}.json，"
                f"再把全部 {n} 个分片文件交给 casecheck merge",
                f"Run casecheck batch ROOT --shard {i}/{n} -o shard-{i}.json first, "
                f"then give casecheck merge all {n} shard files.",
            ),
        )
    files.sort(key=lambda pair: pair[1].index)
    _complete(files)
    return ShardSet(files)


def _same_run(path_a: Path, a: RunIdentity, path_b: Path, b: RunIdentity) -> None:
    for name, words in IDENTITY_WORDS.items():
        va, vb = getattr(a, name), getattr(b, name)
        if va == vb:
            continue
        shown = f"（{path_a}：{va}；{path_b}：{vb}）" if name in SHOWN else ""
        shown_en = f" ({path_a}: {va}; {path_b}: {vb})" if name in SHOWN else ""
        raise ShardError(
            Text(
                f"{path_a} 与 {path_b} 不是同一次运行的分片：{words.zh}不同{shown}",
                f"{path_a} and {path_b} are not shards of one run: {words.en} differ{shown_en}",
            ),
            SAME_RUN,
        )


def _complete(files: list[tuple[Path, ShardFile]]) -> None:
    """Every submission of the listing in exactly the shard its path hashes to."""
    ident = files[0][1].identity
    seen: dict[int, Path] = {}
    for path, doc in files:
        for entry in doc.entries:
            if entry.index in seen or not doc.spec.holds(entry.found.rel):
                raise ShardError(
                    Text(
                        f"案例 {entry.found.rel} 出现在不该出现的分片 {path} 中（分片文件被改动过？）",
                        f"submission {entry.found.rel} is in the wrong shard {path} (edited shard file?)",
                    ),
                    SAME_RUN,
                )
            seen[entry.index] = path
    entries = sorted((e for _, doc in files for e in doc.entries), key=lambda e: e.index)
    found = [e.found for e in entries]
    if set(seen) != set(range(ident.total)) or listing_digest(found) != ident.listing:
        raise ShardError(
            Text(
                f"分片中只有 {len(seen)} 个案例，ROOT 下共有 {ident.total} 个：有分片没有写完",
                f"the shards hold {len(seen)} submissions of the {ident.total} under ROOT: "
                "a shard did not finish",
            ),
            Text(
                "请重新运行缺少案例的分片后再合并", "Re-run the incomplete shard, then merge again."
            ),
        )


def merged(shards: ShardSet) -> tuple[list[Found], Checked]:
    """Every submission in listing order, and the checked results of all shards."""
    from casecheck.batch.run import Checked

    entries = sorted((e for _, doc in shards.files for e in doc.entries), key=lambda e: e.index)
    outputs = {e.index: output_from_json(e.output) for e in entries}
    docs = [doc for _, doc in shards.files]
    return [e.found for e in entries], Checked(
        results={i: out.result for i, out in outputs.items()},
        outputs=outputs,
        layout=shards.layout,
        checked=sum(d.checked for d in docs),
        cached=sum(d.cached for d in docs),
        seconds=max(d.seconds for d in docs),
    )


def merge_run(s: Settings, shards: ShardSet) -> BatchRun:
    """Conclude the batch over every shard's submissions, as one ``batch`` run would."""
    from casecheck.batch.run import conclude

    started = time.perf_counter()
    found, checked = merged(shards)
    ident = shards.identity
    outputs = checked.outputs
    run = conclude(
        s,
        ident.root_name,
        found,
        ident.manifest,
        checked,
        lambda i, name: outputs[i].full.get(name),
    )
    run.seconds = checked.seconds + time.perf_counter() - started
    return run
