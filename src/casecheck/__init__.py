"""casecheck — checks teacher-competition case submissions against the organiser's rules."""

__version__ = "0.1.0"
