"""Read the facts of a video file with MediaInfo (pymediainfo bundles libmediainfo)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from casecheck.i18n import Text
from casecheck.readers.errors import CORRUPT_VIDEO, EMPTY, ReadError

NOT_MEDIA = Text(
    "无法识别视频内容（文件可能已损坏、未下载完整或并非视频）：请重新导出 MP4 后再检查",
    "The video content cannot be recognised (damaged, incompletely copied or not a video): "
    "export the MP4 again and re-check.",
)
TRUNCATED = Text(
    "视频文件不完整（被截断，可能未复制或下载完整）：请重新导出或重新复制该文件",
    "The video file is truncated (incompletely copied or downloaded): export or copy it again.",
)


class VideoStream(BaseModel):
    codec: str | None = None  # MediaInfo Format: AVC, HEVC, MPEG-4 Visual, ProRes …
    profile: str | None = None
    width: int | None = None  # coded (stored) picture size
    height: int | None = None
    rotation: float = 0.0  # display rotation from the track matrix, degrees
    display_aspect_ratio: float | None = None
    pixel_aspect_ratio: float | None = None
    frame_rate: float | None = None
    frame_rate_mode: str | None = None  # CFR / VFR
    frame_rate_min: float | None = None
    frame_rate_max: float | None = None
    frame_count: int | None = None
    bit_rate: int | None = None  # bit/s
    bit_rate_mode: str | None = None
    scan_type: str | None = None


class AudioStream(BaseModel):
    codec: str | None = None  # AAC, MPEG Audio, Opus …
    profile: str | None = None
    bit_rate: int | None = None
    bit_rate_mode: str | None = None
    sampling_rate: int | None = None
    channels: int | None = None


class VideoFacts(BaseModel):
    """What casecheck knows of a video file (printed by ``casecheck inspect``)."""

    file_size: int
    container: str | None = None  # MediaInfo General Format: MPEG-4, Matroska, Flash Video …
    container_profile: str | None = None  # Base Media / QuickTime …
    major_brand: str | None = None
    compatible_brands: list[str] = Field(default_factory=list)
    duration_s: float | None = None
    overall_bit_rate: int | None = None
    video: VideoStream | None = None
    audio: AudioStream | None = None
    video_stream_count: int = 0
    audio_stream_count: int = 0
    provenance: list[Any] = Field(default_factory=list)  # readers.provenance signals

    @property
    def display_aspect_ratio(self) -> float | None:
        """The aspect ratio as shown: a 90°/270° display rotation turns 16:9 into 9:16."""
        if self.video is None or self.video.display_aspect_ratio is None:
            return None
        dar = self.video.display_aspect_ratio
        return 1 / dar if round(self.video.rotation) % 180 == 90 else dar


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).split(" / ")[0])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    number = _num(value)
    return None if number is None else round(number)


def _brands(general: Any) -> tuple[str | None, list[str]]:
    major = general.codec_id  # e.g. "isom" or "qt  "
    compatible = str(general.codecid_compatible or "")  # e.g. "isom/iso2/avc1/mp41"
    brands = [b.strip() for b in compatible.split("/") if b.strip()]
    return (str(major).strip() if major else None), brands


def read_video(path: Path) -> VideoFacts:
    """Parse ``path`` with MediaInfo; raise ReadError for empty, truncated or non-media files."""
    from pymediainfo import MediaInfo  # lazy: keeps `casecheck --help` fast

    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError("empty", EMPTY)
        # An open file, not the name: libmediainfo cannot open names that are not valid in
        # the locale's encoding (GBK bytes from a Chinese Windows zip on Linux/macOS).
        with path.open("rb") as fh:
            info = MediaInfo.parse(fh)
    except ReadError:
        raise
    except Exception as exc:  # OSError, or libmediainfo failures of various kinds
        raise ReadError("corrupt", CORRUPT_VIDEO) from exc
    general = next((t for t in info.tracks if t.track_type == "General"), None)
    videos = [t for t in info.tracks if t.track_type == "Video"]
    audios = [t for t in info.tracks if t.track_type == "Audio"]
    if general is None or general.format is None or not (videos or audios):
        raise ReadError("corrupt", NOT_MEDIA)
    if str(general.istruncated or "").lower() == "yes":
        raise ReadError("truncated", TRUNCATED)

    major, brands = _brands(general)
    facts = VideoFacts(
        file_size=size,
        container=general.format,
        container_profile=general.format_profile,
        major_brand=major,
        compatible_brands=brands,
        duration_s=(_num(general.duration) or 0) / 1000 if general.duration else None,
        overall_bit_rate=_int(general.overall_bit_rate),
        video_stream_count=len(videos),
        audio_stream_count=len(audios),
    )
    if videos:
        v = videos[0]
        facts.video = VideoStream(
            codec=v.format,
            profile=v.format_profile,
            width=_int(v.width),
            height=_int(v.height),
            rotation=_num(v.rotation) or 0.0,
            display_aspect_ratio=_num(v.display_aspect_ratio),
            pixel_aspect_ratio=_num(v.pixel_aspect_ratio),
            frame_rate=_num(v.frame_rate),
            frame_rate_mode=v.frame_rate_mode,
            frame_rate_min=_num(v.minimum_frame_rate),
            frame_rate_max=_num(v.maximum_frame_rate),
            frame_count=_int(v.frame_count),
            bit_rate=_int(v.bit_rate),
            bit_rate_mode=v.bit_rate_mode,
            scan_type=v.scan_type,
        )
    if audios:
        a = audios[0]
        facts.audio = AudioStream(
            codec=a.format,
            profile=a.format_additionalfeatures or a.format_profile,
            bit_rate=_int(a.bit_rate),
            bit_rate_mode=a.bit_rate_mode,
            sampling_rate=_int(a.sampling_rate),
            channels=_int(a.channel_s),
        )
    facts.provenance = _provenance(path)
    return facts


def _provenance(path: Path) -> list[Any]:
    try:
        from casecheck.readers.media.provenance import scan_video_file
    except ImportError:
        return []
    try:
        return list(scan_video_file(path))
    except Exception:  # provenance is best-effort evidence, never a reason to fail reading
        return []
