"""No reader or renderer runs for a rule that cannot use it: video.opening / video.closing
render the deck with LibreOffice only once they have a frame to compare it with. A stand-in
``soffice`` (CASECHECK_SOFFICE) writes a line to a log each time it is started. With a core
to spare, the video decodes in a thread of its own while the other files are read."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from tests.factories.batch_factory import make_deck
from tests.factories.examples_run import run_cli
from tests.factories.submission_factory import make_submission
from tests.factories.video_factory import make_video


@pytest.fixture
def soffice_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "soffice.log"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CASECHECK_SOFFICE", str(fake))
    return log


def submission(tmp_path: Path, title: str) -> Path:
    """A folder with a one-slide deck (and nothing else yet)."""
    folder = tmp_path / "案例"
    folder.mkdir()
    make_deck(folder / "案例课件.pptx", title)
    return folder


def opening_and_closing(folder: Path) -> dict[str, str]:
    _, out, _ = run_cli(
        "check", str(folder), "--select", "video.opening,video.closing", "--format", "json"
    )
    [result] = json.loads(out)["submissions"]
    return {f["rule"]: f["status"] for f in result["findings"]}


def test_a_deck_without_a_video_is_not_rendered(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "只有课件的案例")
    assert opening_and_closing(folder) == {"video.opening": "skipped", "video.closing": "skipped"}
    assert not soffice_log.exists()


def test_an_undecodable_video_leaves_the_deck_unrendered(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "视频损坏的案例")
    make_video(folder / "案例视频.mp4", seconds=1)
    data = (folder / "案例视频.mp4").read_bytes()
    (folder / "案例视频.mp4").write_bytes(data[: len(data) // 3])  # truncated
    statuses = opening_and_closing(folder)
    assert set(statuses.values()) <= {"error", "skipped"} and "error" in statuses.values()
    assert not soffice_log.exists()


def test_a_video_with_frames_gets_the_deck_rendered_once(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "有视频的案例")
    make_video(folder / "案例视频.mp4", seconds=1)
    statuses = opening_and_closing(folder)
    assert statuses == {"video.opening": "manual", "video.closing": "manual"}  # no PDF made
    assert len(soffice_log.read_text(encoding="utf-8").splitlines()) == 1


def audio_only_mp4(path: Path) -> Path:
    """The sound of a real MP4, remuxed alone: an MP4 with no picture track."""
    import av

    source = make_video(path.with_name("source.mp4"), seconds=1)
    with av.open(str(source)) as src, av.open(str(path), "w", format="mp4") as out:
        audio = src.streams.audio[0]
        copy = out.add_stream_from_template(audio)
        for packet in src.demux(audio):
            if packet.dts is not None:
                packet.stream = copy
                out.mux(packet)
    source.unlink()
    return path


def test_a_video_without_a_picture_track_leaves_the_deck_unrendered(
    tmp_path: Path, soffice_log: Path
) -> None:
    folder = submission(tmp_path, "只有声音的视频")
    audio_only_mp4(folder / "案例视频.mp4")
    assert opening_and_closing(folder) == {"video.opening": "skipped", "video.closing": "skipped"}
    assert not soffice_log.exists()


def watch_decoding(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Make the video's decoding wait (20 s at most) until the report has been read; the
    list gets, per decoding, whether the report was read by then."""
    from casecheck.readers import docx
    from casecheck.readers.media import content

    report_read, waited = threading.Event(), []
    read_docx, read_video_content = docx.read_docx, content.read_video_content

    def reading_report(path: Path, *args: object, **kwargs: object) -> object:
        try:
            return read_docx(path, *args, **kwargs)
        finally:
            if path.name == "案例总结报告.docx":
                report_read.set()

    def decoding(path: Path, **kwargs: object) -> object:
        waited.append(report_read.wait(timeout=20))
        return read_video_content(path, **kwargs)

    monkeypatch.setattr(docx, "read_docx", reading_report)
    monkeypatch.setattr(content, "read_video_content", decoding)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    return waited


def test_the_other_files_are_read_while_the_video_decodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decoding starts before the deck and the report are read, in a thread of its own:
    it waits here for the report, which the check reads meanwhile."""
    waited = watch_decoding(monkeypatch)
    folder = make_submission(tmp_path / "案例", video_seconds=2)
    code, out, _ = run_cli("check", str(folder), "--format", "json")
    assert code == 1, out
    assert waited == [True]
    [result] = json.loads(out)["submissions"]
    statuses = {f["rule"]: f["status"] for f in result["findings"]}
    assert statuses["video.loudness"] != "error" and statuses["report.word_count"] != "error"


def test_no_decoding_starts_for_rules_that_do_not_judge_the_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited = watch_decoding(monkeypatch)
    folder = make_submission(tmp_path / "案例", video_seconds=2)
    run_cli("check", str(folder), "--format", "json", "--select", "video.duration,report.*")
    assert waited == []


def test_a_decoding_asked_to_stop_stops_with_its_sound_thread(tmp_path: Path) -> None:
    from casecheck.readers.media.content import read_video_content

    folder = make_submission(tmp_path / "案例", video_seconds=2)
    stop = threading.Event()
    stop.set()
    with pytest.raises(InterruptedError):
        read_video_content(folder / "案例视频.mp4", stop=stop)
    assert not [t for t in threading.enumerate() if t.name.startswith("casecheck-audio")]


def test_a_render_about_to_start_when_the_check_stops_does_not_start(
    tmp_path: Path, soffice_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C stops the LibreOffice renders running and any render thread that has not yet
    started its LibreOffice: that one is refused, leaves no folder and is not remembered as
    the deck's render; once the check has cleaned up, renders start again."""
    from casecheck.readers.pptx import render

    folder = submission(tmp_path, "停止时的渲染")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    render.tempfile.tempdir = None  # TMPDIR is read again
    try:
        render.stop_renders()
        with pytest.raises(InterruptedError):
            render.render_end_slides(folder / "案例课件.pptx")
        assert not soffice_log.exists()  # LibreOffice never started
        assert list((tmp_path / "tmp").iterdir()) == []
        render.allow_renders()
        made = render.render_end_slides(folder / "案例课件.pptx")
        assert made.problem == "LibreOffice made no PDF"  # the stand-in ran this time
        assert len(soffice_log.read_text(encoding="utf-8").splitlines()) == 1
    finally:
        render.allow_renders()
        render.tempfile.tempdir = None


def test_a_render_that_times_out_is_stopped_on_windows_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no process sessions: LibreOffice is stopped by its process tree
    (taskkill), else by itself — never an error in place of the render's answer. Here the
    Windows way runs on this system, where taskkill is missing, with a stand-in soffice that
    hangs."""
    from casecheck import processes
    from casecheck.readers.pptx import render

    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nexec sleep 120\n", encoding="utf-8")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CASECHECK_SOFFICE", str(hanging))
    monkeypatch.setattr(processes, "WINDOWS", True)
    started: list[int] = []
    popen = render.subprocess.Popen

    def watched(*args: object, **kwargs: object) -> object:
        proc = popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(proc.pid)
        return proc

    monkeypatch.setattr(render.subprocess, "Popen", watched)
    folder = submission(tmp_path, "渲染超时")
    began = time.monotonic()
    made = render.render_end_slides(folder / "案例课件.pptx", timeout_s=0.5)
    assert time.monotonic() - began < 60  # stopped, not waited for until it ends by itself
    assert made.problem == "timed out after 0.5 s"
    assert len(started) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(started[0], 0)  # stopped and reaped
