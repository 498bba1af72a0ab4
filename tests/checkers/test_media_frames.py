"""The picture rules through the CLI on real MP4s: faces, opening and closing against the deck."""

from __future__ import annotations

import io
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from casecheck.readers.pptx.render import render_end_slides
from tests.factories.content_factory import (
    at_loudness,
    check_by_rule,
    fit,
    make_content_video,
    pattern,
    solid,
    speech_like,
)

W, H = 640, 360
runner = CliRunner()


def astronaut() -> np.ndarray:
    data = pytest.importorskip("skimage.data")
    return np.asarray(data.astronaut())


def check(folder: Path, select: str, *args: str) -> dict[str, list[dict[str, Any]]]:
    return check_by_rule(folder, select, *args)[1]


def video_folder(
    root: Path, name: str, picture: Any, seconds: float, deck: Path | None = None
) -> Path:
    folder = root / name
    folder.mkdir()
    audio = at_loudness(speech_like(seconds), -18)
    make_content_video(
        folder / "案例视频.mp4",
        audio=audio,
        picture=picture,
        width=W,
        height=H,
        fps=5,
        keyframe_every=5,
    )
    if deck is not None:
        shutil.copy(deck, folder / "案例课件.pptx")
    return folder


@pytest.fixture(scope="module")
def face_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("faces")
    photo = astronaut()
    full = fit(photo[:288], W, H)  # the photo's 16:9 top: her face fills a third of the frame
    head = fit(photo[20:320, 100:400], 160, 160)  # head and shoulders, like a webcam inset
    background = pattern(W, H)

    def full_for_ten_seconds(t: float) -> np.ndarray:
        return full if 3 <= t < 13 else background(t)

    def in_the_corner(t: float) -> np.ndarray:
        img = background(t).copy()
        img[H - 170 : H - 10, W - 170 : W - 10] = head
        return img

    return {
        "full": video_folder(root, "full", full_for_ten_seconds, 16),
        "corner": video_folder(root, "corner", in_the_corner, 8),
        "none": video_folder(root, "none", background, 6),
    }


def test_full_screen_face_is_one_manual_stretch_with_a_thumbnail(
    face_cases: dict[str, Path],
) -> None:
    found = check(face_cases["full"], "video.faces")["video.faces"]
    assert [f["status"] for f in found] == ["manual"]
    (face,) = found
    assert face["place"] == {"time_s": 3.0, "end_s": 12.0}  # keyframes every second
    assert face["location"] == "00:03.0–00:12.0"
    assert [p["label"] for p in face["pictures"]] == ["face 00:03.0–00:12.0"]
    assert "jpeg" not in face["pictures"][0]  # JSON names pictures, never embeds them


def test_face_in_a_corner_throughout(face_cases: dict[str, Path]) -> None:
    (face,) = check(face_cases["corner"], "video.faces")["video.faces"]
    assert face["status"] == "manual"
    assert face["place"]["time_s"] == 0.0 and face["place"]["end_s"] >= 7.0


def test_reading_leaves_opencvs_threads_as_they_were(face_cases: dict[str, Path]) -> None:
    """The face search runs in its own worker with OpenCV's pool set to one thread; the
    reader gives the process its setting back, and the faces are the same as without it."""
    import cv2

    from casecheck.readers.media.content import read_video_content

    before = cv2.getNumThreads()
    facts = read_video_content(face_cases["full"] / "案例视频.mp4")
    assert cv2.getNumThreads() == before
    assert facts.frames is not None
    assert sorted({hit.time_s for hit in facts.frames.faces}) == [float(t) for t in range(3, 13)]


def test_one_pass_after_the_other_reads_the_same(
    face_cases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch worker without a spare core reads with the passes in turn and the face search
    inline: the facts are the ones the threaded read finds."""
    from casecheck.readers.media import content

    video = face_cases["full"] / "案例视频.mp4"
    side_by_side = content.read_video_content(video)
    in_turn = content.read_video_content(video, overlap=False)
    assert in_turn.model_dump() == side_by_side.model_dump()
    assert in_turn.frames is not None and side_by_side.frames is not None
    assert [p.jpeg for p in in_turn.frames.face_pictures] == [
        p.jpeg for p in side_by_side.frames.face_pictures
    ]
    assert in_turn.frames.faces  # the full-screen face was found both ways


def test_without_a_declared_end_the_picture_pass_finds_the_last_frame(
    face_cases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sound's thread finds the last frame from the stream's declared end; a file that
    declares none gets it from the picture pass, after its last keyframe, as before."""
    from casecheck.readers.media import content

    video = face_cases["full"] / "案例视频.mp4"
    found = content.read_video_content(video)
    monkeypatch.setattr(content, "last_frame_from_end", lambda container: None)
    fallback = content.read_video_content(video)
    assert found.frames is not None and fallback.frames is not None
    assert fallback.frames.last is not None
    assert fallback.frames.last.model_dump() == found.frames.last.model_dump()


def test_a_last_frame_that_nothing_refers_to_is_still_the_last(tmp_path: Path) -> None:
    """The last group of pictures is decoded first without the frames nothing refers to;
    when that leaves out the latest frame (here a B-frame: the file was cut after it), the
    group is decoded again whole, so the last frame is still the exact last one."""
    import av

    from casecheck.readers.media.content import read_video_content

    whole, cut = tmp_path / "whole.mp4", tmp_path / "案例视频.mp4"
    out = av.open(str(whole), "w", format="mp4")
    stream = out.add_stream("libx264", rate=5)
    stream.width, stream.height, stream.pix_fmt = W // 2, H // 2, "yuv420p"
    stream.options = {  # B-frames that are not references
        "preset": "medium",
        "x264-params": "keyint=8:min-keyint=8:scenecut=0:bframes=3:b-pyramid=none:b-adapt=0",
    }
    for i in range(20):
        picture = np.zeros((H // 2, W // 2, 3), np.uint8)
        picture[:, : 16 * i] = 200
        frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
        frame.pts, frame.time_base = i, Fraction(1, 5)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    with av.open(str(whole)) as source, av.open(str(cut), "w", format="mp4") as target:
        packets = [p for p in source.demux(source.streams.video[0]) if p.dts is not None]
        latest = max(p.pts for p in packets)  # the closing P-frame: cut it off
        copy = target.add_stream_from_template(source.streams.video[0])
        for packet in packets:
            if packet.pts != latest:
                packet.stream = copy
                target.mux(packet)
    facts = read_video_content(cut)
    assert facts.frames is not None and facts.frames.last is not None
    assert facts.frames.last.time_s == pytest.approx(3.6)  # frame 18 of 0–18 at 5 fps


def test_a_one_slice_video_is_read_whole_by_frame_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """x264 by default (ffmpeg, OBS) writes one slice per frame, which slice threads cannot
    share: the picture pass decodes with frame threads too (at most 4: each holds a picture),
    and the frames those threads hold back still arrive — every keyframe, in order, and the
    exact last frame."""
    import av
    from av.codec.context import ThreadType

    from casecheck.readers.media import content

    moving = pattern(W, H)
    video = make_content_video(
        tmp_path / "案例视频.mp4", audio=None, picture=moving, seconds=6.8, one_slice=True
    )
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        packets = [p for p in container.demux(stream) if p.pts is not None]
        keys = [round(float(p.pts * stream.time_base), 2) for p in packets if p.is_keyframe]
        end = round(float(max(p.pts for p in packets) * stream.time_base), 2)
    threads: list[tuple[ThreadType, int]] = []
    pictures = content._Pictures

    class Watched(pictures):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            context = self.stream.codec_context
            threads.append((context.thread_type, context.thread_count))

    monkeypatch.setattr(content, "_Pictures", Watched)
    monkeypatch.setattr(content.os, "cpu_count", lambda: 32)  # a big server: 4 threads, not 33
    facts = content.read_video_content(video)
    assert threads and all(ThreadType.FRAME in kind for kind, _ in threads)
    assert {count for _, count in threads} == {content.DECODE_THREADS} == {4}
    assert facts.frames is not None and facts.frames.last is not None
    assert keys == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert facts.frames.sample_times == keys
    assert facts.frames.last.time_s == end == 6.6


@pytest.mark.parametrize("aside", [True, False])
@pytest.mark.parametrize("start", [3, 4])
def test_a_face_in_two_changing_frames_is_found_whole(start: int, aside: bool) -> None:
    """Of two changed frames in a row only the first is searched at once; the other is
    searched when a frame beside it shows a face. A face in two consecutive frames of a
    scene that keeps changing is found in both, whichever of them was put off, and the
    faceless frames cost about half the searches."""
    import av

    from casecheck.readers.media.frames import FrameSampler

    moving = pattern(W, H)
    full = fit(astronaut()[:288], W, H)
    frames = 12
    with FrameSampler(search_aside=aside) as sampler:
        for i in range(frames):
            picture = full if start <= i <= start + 1 else moving(i * 0.7)
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(picture), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 1)
            sampler.add(frame.reformat(format="yuv420p"))
        sampler.finish()
    assert sorted({hit.time_s for hit in sampler.face_hits}) == [start, start + 1]
    assert start in [p.time_s for p in sampler.face_pictures]  # the stretch's first frame
    assert sampler.searches <= frames // 2 + 2


def test_a_face_rule_cannot_ask_for_single_frames() -> None:
    """The search is planned for runs of two frames: a pack asking for one is refused."""
    from pydantic import ValidationError

    from casecheck.checkers.media_frames import FacesParams

    with pytest.raises(ValidationError, match="greater than or equal to 2"):
        FacesParams(min_frames=1)


@pytest.mark.parametrize(
    ("cores", "workers", "overlap"), [(2, 2, False), (2, 1, True), (8, 2, True)]
)
def test_batch_workers_overlap_only_with_spare_cores(
    cores: int, workers: int, overlap: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decision travels in each task's Options (no module global in the reader)."""
    from casecheck.batch.work import overlap_for

    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert overlap_for(workers) is overlap


def test_thumbnail_is_a_jpeg_of_the_frame(face_cases: dict[str, Path]) -> None:
    from casecheck.readers.media.content import read_video_content

    facts = read_video_content(face_cases["full"] / "案例视频.mp4")
    assert facts.frames is not None
    picture = next(p for p in facts.frames.face_pictures if p.time_s == 3.0)
    image = Image.open(io.BytesIO(picture.jpeg))
    assert image.format == "JPEG" and image.size == (320, 180)


def test_no_face_passes(face_cases: dict[str, Path]) -> None:
    (face,) = check(face_cases["none"], "video.faces")["video.faces"]
    assert face["status"] == "pass" and face["actual"] == 6  # a keyframe every second


# ── opening and closing ─────────────────────────────────────────────────────


def make_deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    for title, colour in (
        ("人机协同循证教研案例", (20, 60, 140)),
        ("过程与方法", (240, 240, 240)),
        ("谢谢观看", (150, 30, 30)),
    ):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(*colour)
        box = slide.shapes.add_textbox(Emu(1200000), Emu(2400000), Emu(9000000), Emu(1600000))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = title
        run.font.size = Pt(54)
        run.font.color.rgb = RGBColor(255, 255, 255) if colour[0] < 200 else RGBColor(0, 0, 0)
        band = slide.shapes.add_shape(1, Emu(0), Emu(5800000), Emu(12192000), Emu(400000))
        band.fill.solid()
        band.fill.fore_color.rgb = RGBColor(250, 200, 40)
    prs.save(str(path))
    return path


def decoded(jpeg: bytes) -> np.ndarray:
    return fit(np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB")), W, H)


@pytest.fixture(scope="module")
def end_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ends")
    deck = make_deck(root / "deck.pptx")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("CASECHECK_SOFFICE", raising=False)  # conftest turns renders off elsewhere
        renders = render_end_slides(deck) if shutil.which("soffice") else None
    background = pattern(W, H)
    black = solid((0, 0, 0), W, H)
    cases = {
        "black": video_folder(
            root, "black", lambda t: black(t) if t < 2 else background(t), 6, deck
        )
    }
    if renders is not None and renders.first is not None and renders.last is not None:
        first, last = decoded(renders.first.picture.jpeg), decoded(renders.last.picture.jpeg)

        def slides(t: float) -> np.ndarray:
            return first if t < 2 else (last if t >= 4 else background(t))

        cases["slides"] = video_folder(root, "slides", slides, 6, deck)
    return cases


@pytest.mark.slow
def test_black_opening_warns_even_without_a_render(
    end_cases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASECHECK_SOFFICE")
    found = check(end_cases["black"], "video.opening")
    (opening,) = found["video.opening"]
    assert opening["status"] == "warn" and opening["actual"] == "black"
    assert opening["place"] == {"time_s": 0.0}
    monkeypatch.setenv("CASECHECK_SOFFICE", "none")
    (again,) = check(end_cases["black"], "video.opening")["video.opening"]
    assert again["status"] == "warn" and [p["label"] for p in again["pictures"]] == ["first frame"]


def test_without_a_renderer_the_frames_are_shown_for_a_person(
    end_cases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no soffice on PATH …
    monkeypatch.delenv("CASECHECK_SOFFICE")  # … and none named
    (closing,) = check(end_cases["black"], "video.closing", "--lang", "en")["video.closing"]
    assert closing["status"] == "manual"
    assert "LibreOffice" in closing["message"]
    assert [p["label"] for p in closing["pictures"]] == ["last frame"]


@pytest.mark.slow
def test_renders_are_the_first_and_last_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only slides 1 and 3 of the 3-slide deck are exported: the blue title and the red
    closing slide, not the light grey middle one."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: slide renders cannot be made")
    monkeypatch.delenv("CASECHECK_SOFFICE", raising=False)
    renders = render_end_slides(make_deck(tmp_path / "deck.pptx"))
    assert renders.first is not None and renders.last is not None, renders.problem
    assert renders.slide_count == 3
    first = decoded(renders.first.picture.jpeg)[: H // 2].reshape(-1, 3).mean(axis=0)
    last = decoded(renders.last.picture.jpeg)[: H // 2].reshape(-1, 3).mean(axis=0)
    assert first[2] > 100 and first[0] < 60, first  # (20, 60, 140)
    assert last[0] > 110 and last[2] < 70, last  # (150, 30, 30)


@pytest.mark.slow
def test_a_hidden_last_slide_is_not_the_closing_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice leaves hidden slides out: with the red closing slide hidden, the last
    slide shown is the light grey middle one (not the first slide twice)."""
    from pptx import Presentation

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: slide renders cannot be made")
    monkeypatch.delenv("CASECHECK_SOFFICE", raising=False)
    deck = make_deck(tmp_path / "deck.pptx")
    prs = Presentation(str(deck))
    prs.slides[2]._element.set("show", "0")
    prs.save(str(deck))
    renders = render_end_slides(deck)
    assert renders.first is not None and renders.last is not None, renders.problem
    first = decoded(renders.first.picture.jpeg)[: H // 2].reshape(-1, 3).mean(axis=0)
    last = decoded(renders.last.picture.jpeg)[: H // 2].reshape(-1, 3).mean(axis=0)
    assert first[2] > 100 and first[0] < 60, first  # (20, 60, 140)
    assert min(last) > 180, last  # (240, 240, 240)


@pytest.mark.slow
def test_opening_on_the_first_slide_passes_and_an_unrelated_closing_warns(
    end_cases: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "slides" not in end_cases:
        pytest.skip("LibreOffice (soffice) is not installed: slide renders cannot be made")
    monkeypatch.delenv("CASECHECK_SOFFICE")
    found = check(end_cases["slides"], "video.opening,video.closing")
    (opening,), (closing,) = found["video.opening"], found["video.closing"]
    assert opening["status"] == "pass", opening["actual"]
    assert [p["label"] for p in opening["pictures"]] == ["first frame", "first slide"]
    assert closing["status"] == "pass", closing["actual"]
    black = check(end_cases["black"], "video.opening,video.closing")
    assert black["video.closing"][0]["status"] == "warn"  # the moving pattern is not the last slide
    assert black["video.closing"][0]["actual"] < 0.25  # SSIM


def test_without_the_deck_opening_is_manual(end_cases: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "video-only"
    folder.mkdir()
    shutil.copy(end_cases["black"] / "案例视频.mp4", folder / "案例视频.mp4")
    (closing,) = check(folder, "video.closing")["video.closing"]
    assert closing["status"] == "manual" and "没有可用的 .pptx 课件" in closing["message"]


def test_batch_cache_keeps_the_pictures(face_cases: dict[str, Path], tmp_path: Path) -> None:
    from casecheck.batch.cache import WorkOutput, load_result, store_result
    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset

    result = check_submission(face_cases["full"], load_ruleset(), Options(select=["video.faces"]))
    jpegs = [p.jpeg for f in result.findings for p in f.pictures]
    assert jpegs and all(j.startswith(b"\xff\xd8") for j in jpegs)
    store_result(tmp_path, "ab" * 32, WorkOutput(result=result))
    again = load_result(tmp_path, "ab" * 32)
    assert again is not None
    assert [p.jpeg for f in again.result.findings for p in f.pictures] == jpegs
    assert "jpeg" not in again.result.model_dump_json()  # reports still only name them


@pytest.mark.parametrize("corner", ["top-left", "top-right", "bottom-left", "bottom-right"])
def test_a_webcam_inset_in_a_1080p_frame_is_found_after_the_reduction(corner: str) -> None:
    """1080p frames are searched at 512 px wide (swscale from the luma): a 490 px head and
    shoulders inset (its face box ~16 % of the frame height) is still found in every corner."""
    import av

    from casecheck.readers.media.frames import FrameSampler

    size = 490
    head = fit(astronaut()[20:320, 100:400], size, size)
    img = np.full((1080, 1920, 3), 245, dtype=np.uint8)
    img[:135] = (20, 60, 140)  # a slide's title bar
    y = 10 if corner.startswith("top") else 1080 - size - 10
    x = 10 if corner.endswith("left") else 1920 - size - 10
    img[y : y + size, x : x + size] = head
    with FrameSampler() as sampler:
        sampler.add(av.VideoFrame.from_ndarray(img, format="rgb24").reformat(format="yuv420p"))
        sampler.finish()
    (hit,) = sampler.face_hits
    assert abs(hit.x + hit.w / 2 - (x + size / 2) / 1920) < 0.05  # where the inset is
    assert len(sampler.face_pictures) == 1


@pytest.mark.slow
@pytest.mark.parametrize("example", ["01", "02"])
def test_the_shipped_examples_open_and_close_on_their_decks_slides(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/make_examples.py opens and closes each video on a LibreOffice render of its
    deck's first and last slide."""
    from tests.factories.examples_run import EXAMPLE_01, EXAMPLE_02

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: slide renders cannot be made")
    monkeypatch.delenv("CASECHECK_SOFFICE")
    folder = EXAMPLE_01 if example == "01" else EXAMPLE_02
    found = check(folder, "video.opening,video.closing")
    assert [f["status"] for f in found["video.opening"] + found["video.closing"]] == [
        "pass",
        "pass",
    ]
