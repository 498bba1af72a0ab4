"""Kept for third-party checkers that import ``casecheck.readers.video``; see ``readers/media``."""

from casecheck.readers.media.video import AudioStream, VideoFacts, VideoStream, read_video

__all__ = ["AudioStream", "VideoFacts", "VideoStream", "read_video"]
