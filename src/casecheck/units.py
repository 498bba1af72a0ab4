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
