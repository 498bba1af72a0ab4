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


# MediaInfo's modes and scan types → words (Chinese, English).
MODE_WORDS = {
    "CFR": ("恒定帧率", "constant frame rate"),
    "VFR": ("可变帧率", "variable frame rate"),
    "CBR": ("恒定码率", "constant bit rate"),
    "VBR": ("可变码率", "variable bit rate"),
}
SCAN_WORDS = {
    "PROGRESSIVE": ("逐行扫描", "progressive"),
    "INTERLACED": ("隔行扫描", "interlaced"),
    "MBAFF": ("隔行扫描（MBAFF）", "interlaced (MBAFF)"),
    "PAFF": ("隔行扫描（PAFF）", "interlaced (PAFF)"),
    "MIXED": ("逐行与隔行混合", "mixed progressive and interlaced"),
}


def mode_words(mode: str) -> tuple[str, str]:
    """「恒定帧率」 / "constant frame rate" for MediaInfo's CFR (VFR, CBR, VBR); others as they are."""
    return MODE_WORDS.get(mode.strip().upper(), (mode, mode))


def scan_words(scan: str) -> tuple[str, str]:
    """「逐行扫描」 / "progressive" for MediaInfo's Progressive (Interlaced, MBAFF …)."""
    return SCAN_WORDS.get(scan.strip().upper(), (scan, scan))


def codec_words(codec: str, profile: str | None = None) -> tuple[str, str]:
    """A stream's codec by its common name with MediaInfo's profile in words: AVC with
    「High@L4.1」 → 「H.264（High 配置，级别 4.1）」 / "H.264 (High profile, level 4.1)"; HEVC
    「Main@L4@Main」 adds the tier; an audio profile (AAC 「LC」) → 「AAC LC」; 「MPEG Audio」 with
    「Layer 3」 → 「MP3」."""
    name = codec_name(codec)
    if not profile:
        return name, name
    if "@" not in profile:
        joined = f"{codec} {profile}"
        return (
            (codec_name(joined),) * 2
            if codec_name(joined) != joined
            else (f"{name} {profile}",) * 2
        )
    kind, *rest = profile.split("@")
    zh, en = [f"{kind} 配置"], [f"{kind} profile"]
    if rest and rest[0].upper().startswith("L"):
        zh.append(f"级别 {rest[0][1:]}")
        en.append(f"level {rest[0][1:]}")
    if len(rest) > 1:
        zh.append(f"{rest[1]} 层级")
        en.append(f"{rest[1]} tier")
    return f"{name}（{'，'.join(zh)}）", f"{name} ({', '.join(en)})"
