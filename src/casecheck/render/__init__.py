"""Renderers present findings: text (rich), json, junit; inspect_* present a reader's facts."""
