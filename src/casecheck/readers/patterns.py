"""Web addresses and contact details (phone, e-mail, QQ, WeChat) in free text.

The regexes are pack parameters (``UrlPatterns`` / ``ContactPatterns``; the defaults below
follow the research notes, §4). Text is NFKC-normalised first (full-width ``１３８``, ``＠``,
``：`` become ASCII) and zero-width characters are removed. Patterns use digit and ASCII
look-arounds, never ``\\b``: CJK characters count as ``\\w``, so ``访问smartedu.cn`` would
be missed with ``\\b``.

Labels are read as a person reads them: 「电  话：」 and 「电　话：」 (characters spaced to align
a form's labels, with spaces or full-width spaces) are 「电话:」 — spaces between two CJK
characters are dropped before matching.

False positives matter as much as misses: years, dates, times, percentages, scores, counts,
version numbers, resolutions, ISBNs and ID numbers are not contact details. The guards are
the digit look-arounds, unit suffixes after a number (``15000000000元``), a keyword before
bare 7–8 digit numbers, QQ, WeChat and DingTalk ids, and, for bare domains, a whitelist of
top-level domains that leaves out file extensions (``课件.pptx``, ``Node.js``, ``README.md``).
Code and configuration text is read from its surroundings (``code_context``): logins are not
e-mail addresses, local addresses and identifiers are not web addresses.

Digits that belong to something else are not a phone number either: inside a web address
(``https://example.com/view?id=0123456789abcdef``, ``…/item/01087654321``; the address is
``courseware.url``'s to report, or not) or an e-mail address, and touching ASCII letters
(a hash or an id: ``0123456789abcdef``) unless the letters are a label (``Tel13912345678``,
``13912345678QQ同号``). A number after an address, past a space or 「，」, is still one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from casecheck.readers.code_context import (
    Span,
    emails_and_logins,
    host_of,
    not_an_address,
    reach,
)

HitKind = Literal[
    "url", "email", "mobile", "landline", "hotline", "phone", "qq", "wechat", "dingtalk"
]

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Spaces between two CJK characters (「电  话」, 「电　话」 after NFKC): a label spaced out.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACED_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
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
    # DingTalk (钉钉) ids and group numbers: the same kind of contact as a QQ group.
    dingtalk: str = (
        r"(?:钉钉|(?<![A-Za-z])(?i:dingtalk|dingding))\s*(?P<sep>群号?码?|号码?|(?i:id))?\s*"
        r"(?P<colon>[:：])?\s*(?P<value>[A-Za-z0-9][-_A-Za-z0-9]{4,29})(?![-_A-Za-z0-9])"
    )
    # Book numbers are not phones: 「ISBN 0735619670」 has a landline's shape. Matched spans
    # are set aside before phones are looked for.
    isbn: str = r"(?i:ISBN)(?:-?1[03])?\s*[:：]?\s*(?:97[89][-\s]?)?\d(?:[-\s]?\d){8}[-\s]?[\dXx]"
    number_units: str = Field(
        default="元万亿人次个名位分秒年月日件条台项所届页张号倍",
        description="a number followed by one of these characters is a quantity, not a phone",
    )
    glued_labels: str = Field(
        default=r"(?i:tel|phone|mobile|mob|cell|fax|qq|vx|wx|weixin|wechat)",
        description="ASCII letters that may touch a phone number (Tel13912345678); other "
        "letters touching the digits make them part of a code (a hash, an id), not a phone",
    )


class PatternHit(BaseModel):
    """One match in a normalised text, with some context around it."""

    kind: HitKind
    text: str
    start: int
    end: int
    context: str


def normalize(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) without zero-width characters, and
    without the spaces between two CJK characters (「电  话」 → 「电话」)."""
    return _SPACED_CJK.sub("", unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH))


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


def _normalized(source: str) -> tuple[str, list[int] | None]:
    """``normalize(source)`` and, for each of its characters, the index in ``source`` it came
    from (None when NFKC joined characters and no such map exists): hits quote the text as
    it is in the file (「联系电话：13912345678，网址」), so Ctrl+F finds it."""
    chars: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(source):
        for ch in unicodedata.normalize("NFKC", c).translate(ZERO_WIDTH):
            chars.append(ch)
            origin.append(i)
    flat = "".join(chars)
    drop = {k for m in _SPACED_CJK.finditer(flat) for k in range(*m.span())}
    kept = [k for k in range(len(flat)) if k not in drop]
    text = "".join(flat[k] for k in kept)
    return text, ([origin[k] for k in kept] if text == normalize(source) else None)


class _Quoter:
    """Hits found in the normalised text, quoted from the original."""

    def __init__(self, source: str) -> None:
        self.text, self._origin = _normalized(source)
        self._source = source

    def hit(self, kind: HitKind, start: int, end: int) -> PatternHit:
        if self._origin is None or end <= start:
            return _hit(kind, self.text, start, end)
        s0, e0 = self._origin[start], self._origin[end - 1] + 1
        return PatternHit(
            kind=kind,
            text=self._source[s0:e0],
            start=start,
            end=end,
            context=_context(self._source, s0, e0),
        )


def _hit(kind: HitKind, text: str, start: int, end: int) -> PatternHit:
    return PatternHit(
        kind=kind, text=text[start:end], start=start, end=end, context=_context(text, start, end)
    )


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")
_LETTERS_AFTER = re.compile(r"[A-Za-z]+")
# Addresses that carry a phone number (tel:, sms:): the number is a contact, not a web page.
_CALL_SCHEME = re.compile(r"(?i:tel|sms):")


def _glued(text: str, start: int, end: int, labels: str) -> bool:
    """Whether ASCII letters other than a label touch ``text[start:end]`` (「0123456789abcdef」)."""
    before = _LETTERS_BEFORE.search(text[max(0, start - 32) : start])
    after = _LETTERS_AFTER.match(text, end)
    label = _compiled(labels)
    return any(m is not None and not label.fullmatch(m.group()) for m in (before, after))


def find_urls(text: str, patterns: UrlPatterns | None = None) -> list[PatternHit]:
    """Web addresses in ``text`` (already normalised or not), with or without a scheme, and
    logins to a host on the internet (``git@github.com:x/y.git``)."""
    patterns = patterns or UrlPatterns()
    quoter = _Quoter(text)
    text = quoter.text
    # Domains inside e-mail addresses are e-mails (the contact rule's business), not URLs.
    taken, logins = emails_and_logins(text, ContactPatterns().email)
    hits: list[PatternHit] = []
    allow = [_compiled(a) for a in patterns.allow]

    def add(start: int, end: int) -> None:
        taken.append((start, end))
        if not any(a.search(text[start:end]) for a in allow):
            hits.append(quoter.hit("url", start, end))

    for start, end in logins:
        if reach(host_of(text[start:end])) == "public":
            add(start, end)
        else:
            taken.append((start, end))
    for (start, end), bare in _address_matches(text, patterns):
        if _overlaps((start, end), taken) or not_an_address(text, start, end, bare):
            continue
        if _CALL_SCHEME.match(text, start):  # 「Tel:0731-84415312」: a phone number (contact)
            taken.append((start, end))
            continue
        add(start, end)
    return sorted(hits, key=lambda h: h.start)


def _address_matches(text: str, patterns: UrlPatterns) -> Iterator[tuple[Span, bool]]:
    """Every match of the address patterns (scheme, www, IPv4, bare domain), its trailing
    punctuation dropped, and whether it is a bare domain; overlapping ones included."""
    bare = patterns.bare_domain()
    for pattern in (patterns.scheme, patterns.www, patterns.ipv4, bare):
        for m in _compiled(pattern).finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in ".:!?'\"":
                end -= 1
            yield (start, end), pattern == bare


def _address_spans(text: str, patterns: UrlPatterns) -> list[Span]:
    """Where web addresses stand, reported or not (allowed, loopback, in code): digits there
    are part of the address. ``tel:`` and ``sms:`` addresses are phone numbers, left out."""
    return [
        span
        for span, _ in _address_matches(text, patterns)
        if not _CALL_SCHEME.match(text, span[0])
    ]


def find_contacts(
    text: str, patterns: ContactPatterns | None = None, addresses: UrlPatterns | None = None
) -> list[PatternHit]:
    """Phone numbers, e-mail addresses, QQ, WeChat and DingTalk ids in ``text``; digits in
    a web address (found by ``addresses``' patterns) or an e-mail address are none of them."""
    patterns = patterns or ContactPatterns()
    quoter = _Quoter(text)
    text = quoter.text
    hits: list[PatternHit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: HitKind, start: int, end: int) -> None:
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            hits.append(quoter.hit(kind, start, end))

    emails, logins = emails_and_logins(text, patterns.email)
    for start, end in emails:
        add("email", start, end)
    taken += logins
    taken += [m.span() for m in _compiled(patterns.isbn).finditer(text)]
    taken += _address_spans(text, addresses or UrlPatterns())
    for kind, pattern in (
        ("mobile", patterns.mobile),
        ("hotline", patterns.hotline),
        ("landline", patterns.landline),
    ):
        for m in _compiled(pattern).finditer(text):
            if text[m.end() : m.end() + 1] and text[m.end()] in patterns.number_units:
                continue
            if _glued(text, m.start(), m.end(), patterns.glued_labels):
                continue
            add(kind, *m.span())  # type: ignore[arg-type]
    for kind, pattern in (
        ("qq", patterns.qq),
        ("phone", patterns.phone),
        ("wechat", patterns.wechat),
        ("dingtalk", patterns.dingtalk),
    ):
        for m in _compiled(pattern).finditer(text):
            groups = m.groupdict()
            value = groups.get("value") or m.group(0)
            numeric = kind in ("qq", "phone") or (kind == "dingtalk" and value.isdigit())
            after = text[m.end() : m.end() + 1]
            if numeric and after and after in patterns.number_units:
                continue
            # Without 「号」/「：」 only an id with a digit, _ or - counts: 「微信WeChat」 is a name.
            labelled = groups.get("sep") or groups.get("colon")
            if kind in ("wechat", "dingtalk") and not labelled and not re.search(r"[0-9_-]", value):
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
