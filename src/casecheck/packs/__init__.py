"""Rule packs: YAML files that say which checkers run, with what parameters, citing which sentence."""

from casecheck.packs.loader import PackError, PackLibrary, load_library
from casecheck.packs.model import MaterialSpec, Pack, RuleSpec

__all__ = ["MaterialSpec", "Pack", "PackError", "PackLibrary", "RuleSpec", "load_library"]
