"""Web addresses and contact details (phone, e-mail, QQ, WeChat) in free text.

The regexes are pack parameters (``UrlPatterns`` / ``ContactPatterns``; the defaults below
follow the research notes, §4). Text is NFKC-normalised first (full-width ``１３８``, ``＠``,
``：`` become ASCII) and zero-width characters are removed. Patterns use digit and ASCII
look-arounds, never ``\\b``: CJK characters count as ``\\w``, so ``访问smartedu.cn`` would
be missed with ``\\b``.

False positives matter as much as misses: years, dates, times, percentages, scores, counts,
version numbers, resolutions, ISBNs and ID numbers are not contact details. The guards are
the digit look-arounds, unit suffixes after a number (``15000000000元``), a keyword before
bare 7–8 digit numbers, QQ and WeChat ids, and, for bare domains, a whitelist of top-level
domains that leaves out file extensions (``课件.pptx``, ``Node.js``, ``README.md``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HitKind = Literal["url", "email", "mobile", "landline", "hotline", "phone", "qq", "wechat"]

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# URL characters: ASCII only, so 「ps.hnedu.cn:7081/login进行报名」 stops before 进.
_URLCH = r"[-A-Za-z0-9._~:/?#@!$&*+=%\[\]]"

DEFAULT_TLDS = [
    "cn",
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "info",
    "top",
    "xyz",
    "vip",
    "io",
    "cc",
    "tv",
    "me",
    "site",
    "online",
    "tech",
    "club",
    "shop",
    "ltd",
    "work",
    "link",
    "pro",
    "mobi",
    "asia",
    "biz",
    "wang",
    "ink",
    "red",
    "fun",
    "store",
    "cloud",
    "art",
    "live",
    "hk",
    "tw",
    "mo",
    "us",
    "uk",
    "jp",
    "int",
]


class UrlPatterns(BaseModel):
    """Regexes for web addresses. ``tlds`` builds the bare-domain pattern (``smartedu.cn``)."""

    model_config = ConfigDict(extra="forbid")

    scheme: str = (
        r"(?i:(?:https?|ftp|file)://"
        + _URLCH
        + r"+|(?:weixin|mailto|tel|alipays?|sms):(?://)?"
        + _URLCH
        + r"+)"
    )
    www: str = (
        r"(?<![A-Za-z0-9._%+@-])(?i:www\d?)\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
        r"(?::\d{2,5})?(?:/" + _URLCH + r"*)?"
    )
    ipv4: str = (
        r"(?<![0-9.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)"
        r"(?::\d{2,5}(?:/" + _URLCH + r"*)?|/" + _URLCH + r"+)"
    )
    tlds: list[str] = Field(default_factory=lambda: list(DEFAULT_TLDS))
    allow: list[str] = Field(
        default_factory=list, description="regexes of addresses that are allowed"
    )

    def bare_domain(self) -> str:
        tlds = "|".join(sorted((re.escape(t) for t in self.tlds), key=len, reverse=True))
        return (
            r"(?<![A-Za-z0-9._%+@/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
            rf"(?:{tlds})(?:\.cn)?(?::\d{{2,5}})?(?:/{_URLCH}*)?(?![A-Za-z0-9-])"
        )


class ContactPatterns(BaseModel):
    """Regexes for phone numbers, e-mail addresses, QQ and WeChat ids."""

    model_config = ConfigDict(extra="forbid")

    mobile: str = (
        r"(?<![0-9.])(?:\+?86[-\s]?)?1[3-9]\d(?:\d{8}|[-\s]\d{4}[-\s]\d{4})(?![0-9]|\.[0-9])"
    )
    landline: str = (
        r"(?<![0-9.])(?:\(0\d{2,3}\)|0\d{2,3})[-\s]?[2-9]\d{2,3}[-\s]?\d{4}"
        r"(?:\s*(?:-|转|ext\.?)\s*\d{1,5})?(?![0-9]|\.[0-9])"
    )
    hotline: str = r"(?<![0-9.])(?:400|800)[-\s]?\d{3}[-\s]?\d{4}(?![0-9]|\.[0-9])"
    phone: str = (
        r"(?i:电话|手机|热线|座机|传真|联系方式|tel|phone)\s*(?:号码?)?\s*[:：]?\s*"
        r"(?P<value>\d(?:[-\s]?\d){6,11})(?![0-9]|\.[0-9])"
    )
    email: str = (
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+\s*(?:@|\[at\]|\(at\))\s*"
        r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z])"
    )
    qq: str = r"(?<![A-Za-z])(?:QQ|qq|Qq|扣扣|企鹅)\s*(?:号码?|群号?)?\s*[:：]?\s*(?P<value>[1-9]\d{4,11})(?![0-9])"
    wechat: str = (
        r"(?:(?<![A-Za-z])(?i:weixin|wechat|vx|wx)|微信|V信|威信|薇信)\s*(?P<sep>号|(?i:id))?\s*(?P<colon>[:：])?\s*"
        r"(?P<value>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])"
    )
    # Book numbers are not phones: 「ISBN 0735619670」 has a landline's shape. Matched spans
    # are set aside before phones are looked for.
    isbn: str = r"(?i:ISBN)(?:-?1[03])?\s*[:：]?\s*(?:97[89][-\s]?)?\d(?:[-\s]?\d){8}[-\s]?[\dXx]"
    number_units: str = Field(
        default="元万亿人次个名位分秒年月日件条台项所届页张号倍",
        description="a number followed by one of these characters is a quantity, not a phone",
    )


class PatternHit(BaseModel):
    """One match in a normalised text, with some context around it."""

    kind: HitKind
    text: str
    start: int
    end: int
    context: str


def normalize(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) without zero-width characters."""
    return unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _context(text: str, start: int, end: int, width: int = 15) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return (
        ("…" if left else "")
        + text[left:right].replace("\n", " ")
        + ("…" if right < len(text) else "")
    )


def _hit(kind: HitKind, text: str, start: int, end: int) -> PatternHit:
    return PatternHit(
        kind=kind, text=text[start:end], start=start, end=end, context=_context(text, start, end)
    )


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def find_urls(text: str, patterns: UrlPatterns | None = None) -> list[PatternHit]:
    """Web addresses in ``text`` (already normalised or not), with or without a scheme."""
    patterns = patterns or UrlPatterns()
    text = normalize(text)
    # Domains inside e-mail addresses are e-mails (the contact rule's business), not URLs.
    taken = [m.span() for m in _compiled(ContactPatterns().email).finditer(text)]
    hits: list[PatternHit] = []
    allow = [_compiled(a) for a in patterns.allow]
    for pattern in (patterns.scheme, patterns.www, patterns.ipv4, patterns.bare_domain()):
        for m in _compiled(pattern).finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in ".:!?'\"":
                end -= 1
            if _overlaps((start, end), taken):
                continue
            if any(a.search(text[start:end]) for a in allow):
                continue
            taken.append((start, end))
            hits.append(_hit("url", text, start, end))
    return sorted(hits, key=lambda h: h.start)


def find_contacts(text: str, patterns: ContactPatterns | None = None) -> list[PatternHit]:
    """Phone numbers, e-mail addresses, QQ and WeChat ids in ``text``."""
    patterns = patterns or ContactPatterns()
    text = normalize(text)
    hits: list[PatternHit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: HitKind, start: int, end: int) -> None:
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            hits.append(_hit(kind, text, start, end))

    for m in _compiled(patterns.email).finditer(text):
        add("email", *m.span())
    taken += [m.span() for m in _compiled(patterns.isbn).finditer(text)]
    for kind, pattern in (
        ("mobile", patterns.mobile),
        ("hotline", patterns.hotline),
        ("landline", patterns.landline),
    ):
        for m in _compiled(pattern).finditer(text):
            if text[m.end() : m.end() + 1] and text[m.end()] in patterns.number_units:
                continue
            add(kind, *m.span())  # type: ignore[arg-type]
    for kind, pattern in (
        ("qq", patterns.qq),
        ("phone", patterns.phone),
        ("wechat", patterns.wechat),
    ):
        for m in _compiled(pattern).finditer(text):
            groups = m.groupdict()
            value = groups.get("value") or m.group(0)
            if kind != "wechat" and text[m.end() : m.end() + 1] in tuple(patterns.number_units):
                continue
            # Without 「号」/「：」 only an id with a digit, _ or - counts: 「微信WeChat」 is a name.
            labelled = groups.get("sep") or groups.get("colon")
            if kind == "wechat" and not labelled and not re.search(r"[0-9_-]", value):
                continue
            add(kind, m.start(), m.end())  # type: ignore[arg-type]
    return sorted(hits, key=lambda h: h.start)


def is_mobile(number: str) -> bool:
    """A mainland mobile number (``13812345678``, ``138-1234-5678``, ``+86 138 1234 5678``)."""
    text = normalize(number).strip()
    return bool(re.fullmatch(ContactPatterns().mobile, text))


def is_phone(number: str) -> bool:
    """A mobile, landline (``0731-84415312``) or 400/800 hotline number."""
    text = normalize(number).strip()
    p = ContactPatterns()
    return any(re.fullmatch(pattern, text) for pattern in (p.mobile, p.landline, p.hotline))
