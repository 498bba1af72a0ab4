"""What ``casecheck explain`` says about a checker, written beside the checker's messages.

A checker module (or its ``<module>_explain.py`` sibling, for long modules) lists its
explanations in a module-level ``EXPLAIN`` mapping, checker
name → ``Explanation``; ``explain.py`` finds it through the registered function's module.
"""

from __future__ import annotations

from dataclasses import dataclass

from casecheck.i18n import Text


@dataclass(frozen=True)
class Explanation:
    passes: Text  # what passes, with an example
    fails: Text  # what fails, with an example
    fix: Text  # how to fix it
