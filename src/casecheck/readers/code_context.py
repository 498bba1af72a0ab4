"""Whether a place in free text is code or configuration, and whom an address reaches.

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
from typing import Literal

Span = tuple[int, int]

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
REMOTE_PATH = re.compile(r":[A-Za-z0-9~/._-]+")
_WEB_SCHEMES = ("http", "https", "ftp")
_IDENTIFIER_AFTER = re.compile(r"\s*[=(\[{]|\.[A-Za-z_]")
_IDENTIFIER_BEFORE = re.compile(r"(?:\b(?:import|from|package|using|namespace)\s+|[$%#]\{)$")
_KEY_AFTER = re.compile(r"\s*(?:=|:(?=\s|$))")


def line_at(text: str, at: int) -> tuple[int, str]:
    """The start of the line holding position ``at``, and that line."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start : end if end >= 0 else len(text)]


def emails_and_logins(text: str, pattern: str) -> tuple[list[Span], list[Span]]:
    """Matches of the e-mail pattern, split into e-mail addresses and logins (an SSH remote
    ``user@host:path``, or ``user@host`` after a login command, unquoted)."""
    emails: list[Span] = []
    logins: list[Span] = []
    for m in re.finditer(pattern, text):
        start, end = m.span()
        remote = REMOTE_PATH.match(text, end)
        quoted = start > 0 and text[start - 1] in "\"'"
        if remote is not None or (not quoted and LOGIN_COMMAND.match(line_at(text, start)[1])):
            logins.append((start, remote.end() if remote is not None else end))
        else:
            emails.append((start, end))
    return emails, logins


def host_of(address: str) -> str:
    """The host of a web address or login: ``http://u@Host:80/x`` → ``host``."""
    rest = address.split("://", 1)[-1]
    rest = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    return rest.split(":", 1)[0].lower()


def reach(host: str) -> Literal["loopback", "private", "public"]:
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


def in_code(text: str, start: int) -> bool:
    """Whether position ``start`` is in a command or configuration line, or in an address
    of a non-web scheme (``jdbc:mysql://…``, ``redis://…``)."""
    line_start, line = line_at(text, start)
    if COMMAND_LINE.match(line) or CONFIG_LINE.match(line):
        return True
    scheme = re.search(r"([A-Za-z][\w+.-]*)://$", text[line_start:start])
    return scheme is not None and scheme.group(1).lower() not in _WEB_SCHEMES


def is_identifier(text: str, start: int, end: int) -> bool:
    """A dotted name used as an identifier in code or configuration (see module docstring)."""
    line_start, _ = line_at(text, start)
    before = text[line_start:start]
    if _IDENTIFIER_AFTER.match(text, end) or _IDENTIFIER_BEFORE.search(before):
        return True
    return not before.strip() and _KEY_AFTER.match(text, end) is not None


def not_an_address(text: str, start: int, end: int, bare: bool) -> bool:
    """An address that leads nowhere outside: this computer, a private one in code, or (for a
    bare domain) an identifier."""
    where = reach(host_of(text[start:end]))
    if where == "loopback" or (where == "private" and in_code(text, start)):
        return True
    return bare and is_identifier(text, start, end)
