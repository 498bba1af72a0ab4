"""What runs in a job's child process: a check (or a fix) that reports its progress.

The child talks to the server over its stdout pipe: ``("progress", dict)`` messages while it
works, then one ``("result", value)`` or ``("failed", text)``. A child that dies (killed,
crashed in a native library) simply closes the pipe; the server then reports the job as failed.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecheck.i18n import Text, as_lang
from casecheck.serve.fixing import run_fix
from casecheck.validation import ProblemsError

Progress = Callable[[dict[str, Any]], None]


def check_folder(
    folder: Path,
    pack: str | None,
    lang: str,
    packs_dirs: list[Path],
    progress: Progress,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Any:
    """The engine's check of one folder, reading each material first so progress can be shown.

    The facts read here are the ones the rules then judge (one read per file, as in the CLI);
    ``select``/``ignore`` are casecheck.toml's (the shared page's administrator's).
    """
    progress({"stage": "classify"})
    from casecheck.engine import FactsCache, Options, check_submission, choose_pack
    from casecheck.materials import classify
    from casecheck.packs.ruleset import load_ruleset

    ruleset = load_ruleset(packs_dirs, store=False)
    if pack is not None:  # the CLI's sentence, with did-you-mean
        from casecheck.cli.usage import check_pack_id

        check_pack_id(pack, ruleset.ids())
    options = Options(lang=as_lang(lang), select=select or [], ignore=ignore or [])
    cache = FactsCache(options)
    choice, classification = choose_pack(folder, ruleset, pack, cache)
    if classification is None:
        classification = classify(folder, choice.pack.materials)
    entries = list(classification.assigned.items())
    for done, (material, entry) in enumerate(entries):
        progress(
            {
                "stage": "read",
                "material": material,
                "file": entry.name,
                "done": done,
                "total": len(entries),
            }
        )
        cache.get(material, entry.path)
    progress({"stage": "rules", "done": len(entries), "total": len(entries)})
    return check_submission(folder, ruleset, options, explicit_pack=pack, cache=cache)


TASKS: dict[str, Callable[..., Any]] = {"check": check_folder, "fix": run_fix}


def child_main(task: str, kwargs: dict[str, Any], send: Callable[[tuple[str, Any]], None]) -> None:
    """Run one task, sending its progress and then its outcome."""
    try:
        value = TASKS[task](progress=lambda event: send(("progress", event)), **kwargs)
        send(("result", value))
    except Exception as exc:
        lang = as_lang(kwargs.get("lang"))
        message = getattr(exc, "message", None)  # FixError: a bilingual reason for the teacher
        if isinstance(message, Text):
            send(("refused", message.pick(lang)))
        elif isinstance(exc, ProblemsError):  # an unknown pack, a broken user pack
            send(("refused", exc.pick(lang)))
        else:  # a bug: the server reports it as an internal error
            send(("failed", "".join(traceback.format_exception_only(type(exc), exc)).strip()))


def main() -> None:
    """``python -m casecheck.serve.worker``: the task arrives pickled on stdin.

    Messages go back pickled on the original stdout; anything a library prints is moved to
    stderr so it cannot corrupt them.
    """
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    task, kwargs = pickle.load(sys.stdin.buffer)

    def send(message: tuple[str, Any]) -> None:
        pickle.dump(message, channel)
        channel.flush()

    child_main(task, kwargs, send)
    channel.close()


if __name__ == "__main__":
    main()
