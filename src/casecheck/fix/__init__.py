"""Fixers: write corrected copies of a submission's files into an output folder.

One fixer per material takes the reader's facts and the failing findings and writes a copy
outside the submission folder; it never changes the original and never guesses (where the
facts are ambiguous it annotates instead of changing).
"""
