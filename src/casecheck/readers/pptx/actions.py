"""What a click or hover on a deck's text or shape does, named as PowerPoint names it.

PowerPoint stores an action setting (插入 → 动作) as ``a:hlinkClick``/``a:hlinkHover`` with
an ``action="ppaction://<verb>?<fields>"`` and, for some verbs, a relationship (ECMA-376
Part 1 §21.1.2.3.5; the verbs as python-pptx's ``pptx/action.py`` reads them):

- inside the deck: ``hlinkshowjump?jump=firstslide|lastslide|nextslide|previousslide|
  lastslideviewed|endshow``, ``hlinksldjump`` (to one slide, by relationship), ``customshow``
  (a custom show), ``ole?verb=N`` (open or edit an embedded object: WPS and MathType
  equations carry ``verb=0``), ``media`` (play/pause a video or sound), ``macro?name=…``
  (run a macro of the deck), ``noaction``;
- outside it: ``hlinkfile`` (open a file), ``program`` (run a program), ``hlinkpres``
  (open another presentation), and a plain hyperlink (no action) to an external target:
  a web address, ``mailto:``, or a file.

A link whose relationship target is external leaves the deck whatever its verb says.
"""

from __future__ import annotations

import re
from typing import Literal

from casecheck.i18n import Text

ActionKind = Literal[
    "slide",
    "first_slide",
    "last_slide",
    "next_slide",
    "previous_slide",
    "last_viewed",
    "end_show",
    "custom_show",
    "ole_verb",
    "media",
    "macro",
    "no_action",
    "other",
    "url",
    "mailto",
    "file",
    "program",
    "presentation",
]
EXTERNAL_KINDS: frozenset[str] = frozenset({"url", "mailto", "file", "program", "presentation"})

_JUMPS: dict[str, ActionKind] = {
    "firstslide": "first_slide",
    "lastslide": "last_slide",
    "nextslide": "next_slide",
    "previousslide": "previous_slide",
    "lastslideviewed": "last_viewed",
    "endshow": "end_show",
}
_VERBS: dict[str, ActionKind] = {
    "hlinksldjump": "slide",
    "customshow": "custom_show",
    "ole": "ole_verb",
    "media": "media",
    "macro": "macro",
    "noaction": "no_action",
    "hlinkfile": "file",
    "program": "program",
    "hlinkpres": "presentation",
}

WORDS: dict[str, Text] = {
    "slide": Text("跳转到本课件的幻灯片", "jump to a slide of the deck"),
    "first_slide": Text("跳转到第一张幻灯片", "jump to the first slide"),
    "last_slide": Text("跳转到最后一张幻灯片", "jump to the last slide"),
    "next_slide": Text("跳转到下一张幻灯片", "jump to the next slide"),
    "previous_slide": Text("跳转到上一张幻灯片", "jump to the previous slide"),
    "last_viewed": Text("跳转到最近观看的幻灯片", "jump to the last slide viewed"),
    "end_show": Text("结束放映", "end the show"),
    "custom_show": Text("播放自定义放映", "play a custom show"),
    "ole_verb": Text("打开嵌入的对象（如公式）", "open the embedded object (e.g. an equation)"),
    "media": Text("播放或暂停音视频", "play or pause media"),
    "macro": Text("运行宏", "run a macro"),
    "no_action": Text("无动作", "no action"),
    "other": Text("其他动作", "another action"),
    "url": Text("打开网址", "open a web address"),
    "mailto": Text("发送电子邮件", "send an e-mail"),
    "file": Text("打开文件", "open a file"),
    "program": Text("运行程序", "run a program"),
    "presentation": Text("打开其他演示文稿", "open another presentation"),
}


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):")  # two letters at least: C:\\ is a drive


def _verb(action: str) -> str:
    return action.removeprefix("ppaction://").split("?")[0].lower()


def _fields(action: str) -> dict[str, str]:
    query = action.split("?", 1)[1] if "?" in action else ""
    fields = {}
    for item in query.split("&"):
        key, _, value = item.partition("=")
        fields[key.lower()] = value
    return fields


def _external_target(target: str | None) -> ActionKind:
    lowered = (target or "").strip().lower()
    scheme = _SCHEME.match(lowered)
    if scheme is not None and scheme.group(1) == "mailto":
        return "mailto"
    if (scheme is not None and scheme.group(1) != "file") or lowered.startswith("www."):
        return "url"
    return "file"


def action_kind(action: str | None, target: str | None, external_target: bool) -> ActionKind:
    """What a link does, from its ``ppaction://`` verb and its relationship's target."""
    verb = _verb(action) if action else ""
    if external_target:
        named = _VERBS.get(verb, "other")
        return named if named in EXTERNAL_KINDS else _external_target(target)
    if not action:
        return "slide"
    if verb == "hlinkshowjump":
        return _JUMPS.get(_fields(action).get("jump", "").lower(), "other")
    return _VERBS.get(verb, "other")


def action_words(kind: str, action: str | None = None, slide: int | None = None) -> Text:
    """The action in words: 「跳转到第 3 张幻灯片」, 「运行宏「Module1.Next」」."""
    if kind == "slide" and slide:
        return Text(f"跳转到第 {slide} 张幻灯片", f"jump to slide {slide}")
    words = WORDS.get(kind, WORDS["other"])
    name = _fields(action or "").get("name") if kind == "macro" else None
    if name:
        return Text(f"{words.zh}「{name}」", f"{words.en} “{name}”")
    return words
