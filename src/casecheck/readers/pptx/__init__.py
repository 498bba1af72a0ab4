"""Read a .pptx deck: every text, picture and link per slide (masters, groups and fills too).

``deck.py`` opens the deck and scans each distinct image once; ``walk.py`` walks a slide,
layout or master part; ``models.py`` holds the facts.
"""

from __future__ import annotations

from casecheck.readers.pptx.deck import read_pptx
from casecheck.readers.pptx.models import (
    Box,
    DeckFacts,
    ImageFacts,
    LinkFacts,
    SlideFacts,
    TextFacts,
)

__all__ = ["Box", "DeckFacts", "ImageFacts", "LinkFacts", "SlideFacts", "TextFacts", "read_pptx"]
