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

Code and configuration text is read from its surroundings, not from the TLD alone:

- ``user@host:path`` (an SSH remote: ``git clone git@github.com:x/y.git``) and ``user@host``
  after a login command (``ssh``, ``scp``, ``rsync``, ``git clone``/``push``/``remote`` …) are
  logins, not e-mail addresses; a login to a host on the internet is an address outside the
  deck (a web address), one to this computer or a private network is nothing;
- a loopback address (``localhost``, ``127.0.0.1:8080``, ``0.0.0.0``) is never a web address:
  it points at the reader's own computer; a private one (``192.168.1.20:8080``, ``10.…``) is
  one in prose (「内网 192.168.1.20:8080/app 访问」), not in a command or configuration line
  (``curl 10.0.0.5:8080/api``, ``spring.datasource.url=jdbc:mysql://10.0.0.5:3306/db``);
- a dotted name used as an identifier is not a domain: followed by ``=``, ``(``, ``[`` or
  ``{``, continued by another ``.name`` (``app.config.io.load()``), a configuration key at the
  start of its line (``app.config.io: true``), or after ``import``/``from``.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HitKind = Literal[
    "url", "email", "mobile", "landline", "hotline", "phone", "qq", "wechat", "dingtalk"
]
Span = tuple[int, int]

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Spaces between two CJK characters (「电  话」, 「电　话」 after NFKC): a label spaced out.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACED_CJK = re.compile(f"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
# A shell or console line (a prompt, then a command), and a key = value / key: value line.
COMMAND_LINE = re.compile(
    r"^\s*(?:(?:[$#>%]|>>>|PS [^>]*>)\s*)?(?:sudo\s+)?"
    r"(?:git|ssh|scp|sftp|rsync|telnet|mosh|curl|wget|ping|nc|ftp|mysql|psql|redis-cli|mongo"
    r"|mongosh|pip3?|python3?|py|node|npm|npx|yarn|pnpm|docker|kubectl|helm|java|javac|mvn"
    r"|gradle|go|cargo|conda|apt|apt-get|yum|dnf|brew|cd|ls|cat|echo|export|set|source|vim?"
    r"|nano|open|start)(?=\s)"
)
CONFIG_LINE = re.compile(r"^\s*[A-Za-z_][\w.-]*\s*(?:=|:(?=\s|$))")
# Commands whose user@host argument is a login, and an SSH remote's :path after user@host.
LOGIN_COMMAND = re.compile(
    r"^\s*(?:[$#>%]\s*)?(?:sudo\s+)?(?:ssh|scp|sftp|rsync|telnet|mosh|sshfs"
    r"|git\s+(?:clone|remote|push|pull|fetch|submodule|ls-remote))(?=\s)"
)
_REMOTE_PATH = re.compile(r":[A-Za-z0-9~/._-]+")
_WEB_SCHEMES = ("http", "https", "ftp")
_IDENTIFIER_AFTER = re.compile(r"\s*[=(\[{]|\.[A-Za-z_]")
_IDENTIFIER_BEFORE = re.compile(r"(?:\b(?:import|from|package|using|namespace)\s+|[$%#]\{)$")
_KEY_AFTER = re.compile(r"\s*(?:=|:(?=\s|$))")

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


def _line(text: str, at: int) -> tuple[int, str]:
    """The start of the line holding position ``at``, and that line."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start : end if end >= 0 else len(text)]


def _emails(text: str, pattern: str) -> tuple[list[Span], list[Span]]:
    """Matches of the e-mail pattern, split into e-mail addresses and logins (an SSH remote
    ``user@host:path``, or ``user@host`` after a login command, unquoted)."""
    emails: list[Span] = []
    logins: list[Span] = []
    for m in _compiled(pattern).finditer(text):
        start, end = m.span()
        remote = _REMOTE_PATH.match(text, end)
        quoted = start > 0 and text[start - 1] in "\"'"
        if remote is not None or (not quoted and LOGIN_COMMAND.match(_line(text, start)[1])):
            logins.append((start, remote.end() if remote is not None else end))
        else:
            emails.append((start, end))
    return emails, logins


def _host(address: str) -> str:
    """The host of a web address or login: ``http://u@Host:80/x`` → ``host``."""
    rest = address.split("://", 1)[-1]
    rest = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    return rest.split(":", 1)[0].lower()


def _reach(host: str) -> Literal["loopback", "private", "public"]:
    """Whom an address reaches: this computer, a private network, or the internet."""
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "public"
    if ip.is_loopback or ip.is_unspecified:
        return "loopback"
    return "private" if ip.is_private or ip.is_link_local else "public"


def _in_code(text: str, start: int) -> bool:
    """Whether position ``start`` is in a command or configuration line, or in an address
    of a non-web scheme (``jdbc:mysql://…``, ``redis://…``)."""
    line_start, line = _line(text, start)
    if COMMAND_LINE.match(line) or CONFIG_LINE.match(line):
        return True
    scheme = re.search(r"([A-Za-z][\w+.-]*)://$", text[line_start:start])
    return scheme is not None and scheme.group(1).lower() not in _WEB_SCHEMES


def _identifier(text: str, start: int, end: int) -> bool:
    """A dotted name used as an identifier in code or configuration (see module docstring)."""
    line_start, _ = _line(text, start)
    before = text[line_start:start]
    if _IDENTIFIER_AFTER.match(text, end) or _IDENTIFIER_BEFORE.search(before):
        return True
    return not before.strip() and _KEY_AFTER.match(text, end) is not None


def _not_an_address(text: str, start: int, end: int, bare: bool) -> bool:
    reach = _reach(_host(text[start:end]))
    if reach == "loopback" or (reach == "private" and _in_code(text, start)):
        return True
    return bare and _identifier(text, start, end)


def find_urls(text: str, patterns: UrlPatterns | None = None) -> list[PatternHit]:
    """Web addresses in ``text`` (already normalised or not), with or without a scheme, and
    logins to a host on the internet (``git@github.com:x/y.git``)."""
    patterns = patterns or UrlPatterns()
    quoter = _Quoter(text)
    text = quoter.text
    # Domains inside e-mail addresses are e-mails (the contact rule's business), not URLs.
    taken, logins = _emails(text, ContactPatterns().email)
    hits: list[PatternHit] = []
    allow = [_compiled(a) for a in patterns.allow]

    def add(start: int, end: int) -> None:
        taken.append((start, end))
        if not any(a.search(text[start:end]) for a in allow):
            hits.append(quoter.hit("url", start, end))

    for start, end in logins:
        if _reach(_host(text[start:end])) == "public":
            add(start, end)
        else:
            taken.append((start, end))
    bare = patterns.bare_domain()
    for pattern in (patterns.scheme, patterns.www, patterns.ipv4, bare):
        for m in _compiled(pattern).finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in ".:!?'\"":
                end -= 1
            if _overlaps((start, end), taken) or _not_an_address(text, start, end, pattern == bare):
                continue
            add(start, end)
    return sorted(hits, key=lambda h: h.start)


def find_contacts(text: str, patterns: ContactPatterns | None = None) -> list[PatternHit]:
    """Phone numbers, e-mail addresses, QQ, WeChat and DingTalk ids in ``text``."""
    patterns = patterns or ContactPatterns()
    quoter = _Quoter(text)
    text = quoter.text
    hits: list[PatternHit] = []
    taken: list[tuple[int, int]] = []

    def add(kind: HitKind, start: int, end: int) -> None:
        if not _overlaps((start, end), taken):
            taken.append((start, end))
            hits.append(quoter.hit(kind, start, end))

    emails, logins = _emails(text, patterns.email)
    for start, end in emails:
        add("email", start, end)
    taken += logins
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
