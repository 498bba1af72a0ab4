"""``batch ROOT`` usage checks made before the batch starts: ROOT holds submissions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casecheck.i18n import Text
from casecheck.usage import UsageProblem


def check_batch_root(root: Path, lib: Any, has_manifest: bool = False) -> list[Path]:
    """The submission folders under ``root``; a UsageProblem when there is none (unless a
    manifest lists the cases: its rows count for the quotas even without folders)."""
    from casecheck.batch.discover import discover

    keywords = {
        k for p in lib.all(include_abstract=True) for m in p.materials.values() for k in m.keywords
    }
    found = discover(root, keywords)
    if not found and not has_manifest:
        raise UsageProblem(
            Text(
                f"{root} 下没有找到案例文件夹（含信息表、课件、视频或总结报告文件的文件夹）",
                f"no submission folder under {root} (a folder holding a form, deck, video or report)",
            ),
            Text(
                "请检查目录是否写对；检查单个案例请用 casecheck check 案例文件夹",
                "Check the path; to check one submission use casecheck check FOLDER.",
            ),
        )
    return [Path(f.path) for f in found if not f.archive]
