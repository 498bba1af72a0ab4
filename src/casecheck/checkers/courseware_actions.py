"""Actions that stay inside the deck, in words: the ``courseware.hyperlink`` pass message
counts them by what they do (「跳转到其他幻灯片 2 处、打开嵌入的对象（如公式）13 处」), so a
teacher sees that a clicked equation or a play button was looked at and allowed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from casecheck.i18n import Text
from casecheck.readers.pptx.actions import WORDS
from casecheck.readers.pptx.models import LinkFacts


def internal_summary(links: Iterable[LinkFacts]) -> Text:
    """「课件内部的跳转和动作 15 处：跳转到本课件的幻灯片 2 处、…」 (「幻灯片间跳转 0 处」)."""
    counts = Counter(lk.does or "other" for lk in links)
    if not counts:
        return Text("幻灯片间跳转 0 处", "0 jumps within the deck")
    total = sum(counts.values())
    parts = [(WORDS[kind], n) for kind, n in counts.most_common()]
    return Text(
        f"课件内部的跳转和动作 {total} 处："
        + "、".join(f"{words.zh} {n} 处" for words, n in parts),
        f"{total} jumps and actions within the deck: "
        + ", ".join(f"{words.en} ×{n}" for words, n in parts),
    )
