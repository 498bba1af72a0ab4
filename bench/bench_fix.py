"""Time and peak memory of ``casecheck fix``: ``python bench/bench_fix.py [report|deck|video]``.

- report: a ~20-page 总结报告 with every hard case of the report checker (fix_factory);
- deck: a 40-slide deck, each slide with a run link, a shape click, a hover link and a picture;
- video: ``--video`` on a 1-minute 1920×1080 30 fps clip, as a ratio to PyAV's plain
  transcode of the same clip (decode → libx264 same preset, AAC; no filters, no CBR).

Each case runs in its own child process, so its peak RSS (``ru_maxrss``) is its own; times
include the check before and the re-check after, as a teacher waits for them.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _report(tmp: Path) -> Path:
    from tests.factories.docx_factory import ReportSpec
    from tests.factories.fix_factory import hard_report, new_report_folder

    return new_report_folder(tmp / "report", hard_report(ReportSpec(body_chars=1500)))


def _deck(tmp: Path) -> Path:
    from tests.factories import pptx_factory as pf

    prs = pf.new_deck()
    picture = pf.png_bytes(pf.photo(320, 200))
    for n in range(40):
        slide = pf.blank_slide(prs)
        pf.add_run_link(slide, f"第{n}页链接", f"https://example.com/{n}")
        pf.add_click_link(slide, "mailto:teacher@school.cn")
        pf.add_hover_link(slide, f"https://example.org/{n}")
        pf.add_picture(slide, picture, left=6)
    folder = tmp / "deck"
    folder.mkdir()
    pf.save(prs, folder / "案例课件.pptx")
    return folder


def _video(tmp: Path, seconds: float) -> Path:
    from tests.factories.video_factory import make_long_video, make_video

    folder = tmp / "video"
    folder.mkdir()
    segment = make_video(
        tmp / "segment.mp4", seconds=2, width=1920, height=1080, fps=30, video_bit_rate=4_000_000,
        audio_bit_rate=96_000,
    )  # fmt: skip
    make_long_video(folder / "案例视频.mp4", seconds=seconds, segment=segment)
    return folder


def plain_transcode(src: Path, dst: Path) -> None:
    """The baseline: PyAV decode → encode at the source size and rate, no filters, no CBR."""
    import av

    with av.open(str(src)) as inp, av.open(str(dst), "w") as out:
        vin, ain = inp.streams.video[0], inp.streams.audio[0]
        vout = out.add_stream("libx264", rate=vin.average_rate)
        vout.width, vout.height, vout.pix_fmt = vin.width, vin.height, "yuv420p"
        vout.options = {"preset": "veryfast"}
        aout = out.add_stream("aac", rate=48000)
        aout.bit_rate = 128_000
        for packet in inp.demux(vin, ain):
            for frame in packet.decode():
                out.mux((vout if packet.stream is vin else aout).encode(frame))
        out.mux(vout.encode(None))
        out.mux(aout.encode(None))


def child(case: str, seconds: float) -> dict[str, float]:
    from casecheck.fix import fix_submission

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if case == "video-plain":
            src = _video(tmp, seconds) / "案例视频.mp4"
            started = time.perf_counter()
            plain_transcode(src, tmp / "plain.mp4")
        else:
            folder = (
                _report(tmp)
                if case == "report"
                else _deck(tmp)
                if case == "deck"
                else _video(tmp, seconds)
            )
            started = time.perf_counter()
            fix_submission(folder, tmp / "out", video=case == "video")
        elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(elapsed, 2), "peak_mb": round(peak_mb, 1)}


def run(case: str, seconds: float) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, str(seconds)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], float(sys.argv[3]))))
        return
    cases = sys.argv[1:] or ["report", "deck", "video"]
    seconds = 60.0
    for case in cases:
        result = run(case, seconds)
        line = f"fix {case:7s} {result['seconds']:7.2f} s  peak {result['peak_mb']:7.1f} MB"
        if case == "video":
            plain = run("video-plain", seconds)
            ratio = result["seconds"] / plain["seconds"]
            line += (
                f"   plain PyAV transcode {plain['seconds']:.2f} s, {plain['peak_mb']:.1f} MB"
                f"  → ratio {ratio:.2f}×  ({seconds:g} s 1080p clip)"
            )
        print(line, flush=True)


if __name__ == "__main__":
    main()
