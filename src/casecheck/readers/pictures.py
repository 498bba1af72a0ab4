"""A small picture a reader keeps as evidence (a video frame, a face, a slide render)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Picture(BaseModel):
    """A small picture that backs a finding.

    ``jpeg`` holds the JPEG bytes for the HTML renderers; JSON names the picture by its
    label and timecode only.
    """

    label: str
    time_s: float | None = None
    jpeg: bytes = Field(default=b"", exclude=True, repr=False)
