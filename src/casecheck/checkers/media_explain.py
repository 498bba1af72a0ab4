"""What ``casecheck explain`` says about the checkers of video.py (beside their messages)."""

from __future__ import annotations

from casecheck.explanation import Explanation
from casecheck.i18n import Text

# What `casecheck explain` says about these checkers; {name} is the rule's parameter.
EXPLAIN = {
    "media.number": Explanation(
        Text(
            "实测值在 {min}–{max} 之间（含端点；时长以秒计），如时长 480 秒的视频",
            "the measured value lies in {min}–{max} (inclusive; durations in seconds), e.g. a 480 s video",
        ),
        Text(
            "实测值超出范围，如 372.5 秒（6 分 12 秒）的视频",
            "the value is out of range, e.g. a 372.5 s (6 min 12 s) video",
        ),
        Text(
            "在剪辑软件中剪辑或调整后重新导出，导出后可用 casecheck inspect 视频.mp4 复查",
            "Edit and export again; check the export with casecheck inspect video.mp4.",
        ),
    ),
    "media.resolution": Explanation(
        Text(
            "编码画面为 {width}×{height} 横屏", "the coded picture is {width}×{height}, landscape"
        ),
        Text(
            "1280×720，或竖屏 1080×1920",
            "1280×720, or a portrait 1080×1920",
        ),
        Text(
            "导出时选择 {width}×{height}（1080p）横屏",
            "Export at {width}×{height} (1080p), landscape.",
        ),
    ),
    "media.frame_rate": Explanation(
        Text(
            "帧率为 {fps} fps（允许 ±{tolerance}），且为恒定帧率",
            "{fps} fps (±{tolerance}), constant",
        ),
        Text("30 fps，或手机录制的可变帧率（VFR）", "30 fps, or a phone's variable frame rate"),
        Text(
            "导出时把帧率设为 {fps}，并选择恒定帧率（CFR）",
            "Export at {fps} fps with a constant frame rate (CFR).",
        ),
    ),
    "media.bit_rate": Explanation(
        Text(
            "码率不低于 {min_bps} bps（允许相对误差 {tolerance}）",
            "at least {min_bps} bps (relative tolerance {tolerance})",
        ),
        Text(
            "码率明显低于要求，如视频 3 Mbps、音频 96 kbps",
            "clearly lower, e.g. 3 Mbps video, 96 kbps audio",
        ),
        Text(
            "导出时把码率设为不低于要求（视频选「高质量」或手动设码率）",
            "Export with at least the required bit rate (choose high quality or set it).",
        ),
    ),
    "media.codec": Explanation(
        Text("编码为 {allowed} 之一", "the codec is one of {allowed}"),
        Text("如 MP3 音频、ProRes 或 VP9 视频", "e.g. MP3 audio, ProRes or VP9 video"),
        Text(
            "导出时选择 H.264 视频、AAC 音频（多数剪辑软件的 MP4 默认设置）",
            "Export H.264 video with AAC audio (most editors' MP4 preset).",
        ),
    ),
    "media.container": Explanation(
        Text(
            "文件实际是 MP4（ISO 媒体，品牌 {brands}）",
            "the file really is MP4 (ISO media, brands {brands})",
        ),
        Text(
            "改了扩展名的 .mov（QuickTime）、.mkv 或 .flv",
            "a .mov (QuickTime), .mkv or .flv renamed to .mp4",
        ),
        Text(
            "用剪辑软件或格式工厂重新导出为 MP4，不要只改扩展名",
            "Export again as MP4 in your editor; renaming the file is not enough.",
        ),
    ),
}
