"""Human formatting of measured values (durations, bit rates, ratios)."""

from __future__ import annotations


def mmss(seconds: float) -> str:
    """372.5 → '06:12.5'."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:04.1f}"


def bitrate(bps: float) -> str:
    """8_000_000 → '8.00 Mbps'; 128_000 → '128 kbps'."""
    if bps >= 1_000_000:
        return f"{bps / 1_000_000:.2f} Mbps"
    return f"{bps / 1000:.1f} kbps".replace(".0 kbps", " kbps")


def ratio(value: float) -> str:
    """1.7778 → '1.778 (16:9)'; names the common ratios."""
    names = {16 / 9: "16:9", 4 / 3: "4:3", 9 / 16: "9:16", 21 / 9: "21:9", 1.0: "1:1"}
    for target, name in names.items():
        if abs(value - target) < 0.01:
            return f"{value:.3f} ({name})"
    return f"{value:.3f}"


def fmt(value: float, unit: str) -> str:
    """Format ``value`` according to a pack's ``unit``: duration, bps, ratio, fps or plain."""
    if unit == "duration":
        return mmss(value)
    if unit == "bps":
        return bitrate(value)
    if unit == "ratio":
        return ratio(value)
    if unit == "fps":
        return f"{value:g} fps"
    return f"{value:g}"


def duration_words(seconds: float) -> tuple[str, str]:
    """(Chinese, English) words for a duration: 1.5 → 「1.5 秒」, 420 → 「7 分钟」,
    372.5 → 「6 分 12.5 秒」; English "1.5 s", "7 min", "6 min 12.5 s"."""
    minutes, rest = divmod(round(seconds, 1), 60)
    rest = round(rest, 1)
    secs = f"{rest:g}"
    if not minutes:
        return f"{secs} 秒", f"{secs} s"
    if not rest:
        return f"{int(minutes)} 分钟", f"{int(minutes)} min"
    return f"{int(minutes)} 分 {secs} 秒", f"{int(minutes)} min {secs} s"


def duration_range_words(low: float, high: float) -> tuple[str, str]:
    """「7–10 分钟」 / "7–10 min" when both ends are whole minutes, else each end in words."""
    if low % 60 == 0 and high % 60 == 0:
        return f"{int(low // 60)}–{int(high // 60)} 分钟", f"{int(low // 60)}–{int(high // 60)} min"
    (lz, le), (hz, he) = duration_words(low), duration_words(high)
    return f"{lz}–{hz}", f"{le}–{he}"


# MediaInfo's format names → the names editing software and teachers use.
CODEC_NAMES = {
    "AVC": "H.264",
    "HEVC": "H.265",
    "MPEG AUDIO LAYER 3": "MP3",
    "MPEG AUDIO LAYER 2": "MP2",
    "MPEG-4 VISUAL": "MPEG-4（Part 2）",
    "AC-3": "AC-3（杜比数字）",
    "E-AC-3": "E-AC-3（杜比数字+）",
    "PCM": "PCM（未压缩）",
}


def codec_name(name: str) -> str:
    """「H.264」 for MediaInfo's 「AVC」, 「MP3」 for 「MPEG Audio Layer 3」; others as they are."""
    return CODEC_NAMES.get(" ".join(name.upper().split()), name)
