"""What ``casecheck explain`` says about the sound checkers of video_sound.py."""

from __future__ import annotations

from casecheck.explanation import Explanation
from casecheck.i18n import Text

EXPLAIN = {
    "media.loudness": Explanation(
        Text(
            "整体响度在 {min_lufs}…{max_lufs} LUFS 之间，如 −18 LUFS",
            "integrated loudness within {min_lufs}…{max_lufs} LUFS, e.g. −18",
        ),
        Text(
            "−35 LUFS（声音太小）或 −6 LUFS（太大）", "−35 LUFS (too quiet) or −6 LUFS (too loud)"
        ),
        Text(
            "在剪辑软件中把音量标准化到约 {target_lufs} LUFS",
            "Normalise the loudness to about {target_lufs} LUFS in your editor.",
        ),
    ),
    "media.clipping": Explanation(
        Text("没有削波（满幅）的声音", "no clipped (full-scale) sound"),
        Text(
            "录音过载，多处连续满幅采样", "an overloaded recording with runs of full-scale samples"
        ),
        Text(
            "降低录音增益重新录制，或在剪辑软件中降低音量",
            "Record again with less gain, or lower the level.",
        ),
    ),
    "media.silence": Explanation(
        Text(
            "有讲解声音，没有超过 {max_gap_s} 秒的静音",
            "narration present; no silence longer than {max_gap_s} s",
        ),
        Text("全程无声，或中间 30 秒没有声音", "silent throughout, or 30 s without sound"),
        Text(
            "检查麦克风和导出的音轨；剪掉过长的空白",
            "Check the microphone and the exported track; cut long gaps.",
        ),
    ),
    "media.noise": Explanation(
        Text(
            "停顿处的底噪低于 {max_dbfs} dBFS",
            "the noise floor in the pauses is below {max_dbfs} dBFS",
        ),
        Text("停顿处有明显的空调声、电流声", "air-conditioning or hum audible in the pauses"),
        Text(
            "换安静的环境录音，或用降噪功能处理",
            "Record somewhere quieter, or apply noise reduction.",
        ),
    ),
}
