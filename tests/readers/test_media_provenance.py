"""The AI-provenance reader: real images/MP4s with each kind of signal, and garbage."""

from __future__ import annotations

import io
import json
import random
import time
import zipfile
import zlib
from pathlib import Path

from PIL import Image

from casecheck.readers.media.provenance import (
    ProvenanceSignal,
    format_signals,
    scan_image_bytes,
    scan_package_images,
    scan_video_file,
)
from tests.factories.provenance_factory import (
    AIGC_JSON,
    add_c2pa_uuid_box,
    add_freeform_atom,
    app11_segments,
    camera_store,
    exif_with,
    firefly_store,
    jpeg,
    mp4,
    png,
    xmp_packet,
)


def kinds(signals: list[ProvenanceSignal]) -> dict[str, list[ProvenanceSignal]]:
    out: dict[str, list[ProvenanceSignal]] = {}
    for s in signals:
        out.setdefault(s.kind, []).append(s)
    return out


# ---------------------------------------------------------------- IPTC / XMP


def test_iptc_trained_algorithmic_media_in_jpeg_xmp() -> None:
    signals = scan_image_bytes(jpeg(xmp=xmp_packet(dst="trainedAlgorithmicMedia")))
    assert signals == [
        ProvenanceSignal(
            kind="iptc_digital_source_type",
            value="trainedAlgorithmicMedia",
            evidence="JPEG APP1 XMP Iptc4xmpExt:DigitalSourceType",
        )
    ]


def test_iptc_element_form_with_rdf_resource() -> None:
    xmp = xmp_packet(dst="compositeWithTrainedAlgorithmicMedia", element_form=True)
    [signal] = scan_image_bytes(jpeg(xmp=xmp))
    assert signal.value == "compositeWithTrainedAlgorithmicMedia"


def test_plain_algorithmic_media_is_extracted_verbatim() -> None:
    # The reader reports it; the checker decides it is not "AI" (procedural content).
    [signal] = scan_image_bytes(jpeg(xmp=xmp_packet(dst="algorithmicMedia")))
    assert (signal.kind, signal.value) == ("iptc_digital_source_type", "algorithmicMedia")


def test_xmp_creator_tool_in_png_itxt() -> None:
    xmp = xmp_packet(creator_tool="Midjourney 6.1").decode()
    [signal] = scan_image_bytes(png(itxt={"XML:com.adobe.xmp": xmp}))
    assert signal == ProvenanceSignal(
        kind="software", value="Midjourney 6.1", evidence="PNG iTXt XMP xmp:CreatorTool"
    )


# ---------------------------------------------------------------- GB 45438 AIGC


def test_tc260_aigc_in_png_itxt_xmp() -> None:
    xmp = xmp_packet(aigc=AIGC_JSON).decode()
    [signal] = scan_image_bytes(png(itxt={"XML:com.adobe.xmp": xmp}))
    assert signal.kind == "aigc"
    assert signal.evidence == "PNG iTXt XMP TC260:AIGC"
    assert json.loads(signal.value)["AIGC"]["Label"] == "1"


def test_tc260_aigc_element_form_in_jpeg() -> None:
    [signal] = scan_image_bytes(jpeg(xmp=xmp_packet(aigc=AIGC_JSON, element_form=True)))
    assert signal.kind == "aigc"
    assert json.loads(signal.value)["AIGC"]["ProduceID"] == "a1b2c3"


def test_aigc_png_text_chunk() -> None:
    [signal] = scan_image_bytes(png(text={"AIGC": AIGC_JSON}))
    assert (signal.kind, signal.evidence) == ("aigc", "PNG tEXt AIGC")


def test_aigc_in_exif_image_description_and_user_comment() -> None:
    data = jpeg(exif=exif_with(description=AIGC_JSON))
    assert [(s.kind, s.evidence) for s in scan_image_bytes(data)] == [
        ("aigc", "EXIF ImageDescription")
    ]
    data = jpeg(exif=exif_with(user_comment=AIGC_JSON))
    [signal] = scan_image_bytes(data)
    assert (signal.kind, signal.evidence) == ("aigc", "EXIF UserComment")
    assert json.loads(signal.value)["AIGC"]["Label"] == "1"


# ---------------------------------------------------------------- generators, software


def test_stable_diffusion_parameters_chunk() -> None:
    params = "a cat on a desk\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42"
    [signal] = scan_image_bytes(png(text={"parameters": params}))
    assert signal == ProvenanceSignal(
        kind="generator_parameters", value=params, evidence="PNG tEXt parameters"
    )


def test_comfyui_and_invokeai_chunks_compressed() -> None:
    graph = json.dumps({"3": {"class_type": "KSampler", "inputs": {"seed": 1}}})
    signals = scan_image_bytes(
        png(ztxt={"prompt": graph}, itxt={"workflow": graph, "invokeai_metadata": "{}"})
    )
    assert sorted(s.evidence for s in signals) == [
        "PNG iTXt invokeai_metadata",
        "PNG iTXt workflow",
        "PNG zTXt prompt",
    ]
    assert {s.kind for s in signals} == {"generator_parameters"}


def test_unrelated_text_chunks_are_not_generator_parameters() -> None:
    data = png(text={"parameters": "exposure=1/60", "prompt": "Say cheese", "Title": "班会"})
    assert scan_image_bytes(data) == []


def test_exif_software_is_reported_for_the_checker_to_match() -> None:
    [signal] = scan_image_bytes(jpeg(exif=exif_with(software="Adobe Firefly")))
    assert signal == ProvenanceSignal(
        kind="software", value="Adobe Firefly", evidence="EXIF Software"
    )


# ---------------------------------------------------------------- C2PA


def test_c2pa_ai_manifest_in_jpeg_app11_split_over_segments() -> None:
    data = jpeg(app11=app11_segments(firefly_store(), parts=3))
    found = kinds(scan_image_bytes(data))
    assert [s.value for s in found["c2pa"]] == ["claim_generator: Adobe_Firefly/3.0 c2pa-rs/0.32"]
    assert found["c2pa"][0].evidence == "JPEG APP11 JUMBF C2PA manifest"
    assert [s.value for s in found["iptc_digital_source_type"]] == ["trainedAlgorithmicMedia"]


def test_c2pa_in_png_cabx_chunk() -> None:
    found = kinds(scan_image_bytes(png(chunks=[(b"caBX", firefly_store())])))
    assert found["c2pa"][0].evidence == "PNG caBX C2PA manifest"
    assert found["iptc_digital_source_type"][0].value == "trainedAlgorithmicMedia"


def test_camera_c2pa_manifest_reports_capture() -> None:
    found = kinds(scan_image_bytes(jpeg(app11=app11_segments(camera_store()))))
    assert [s.value for s in found["c2pa"]] == ["claim_generator: Leica M11-P"]
    assert [s.value for s in found["iptc_digital_source_type"]] == ["digitalCapture"]


def test_jumbf_without_c2pa_label_is_ignored() -> None:
    store = firefly_store().replace(b"c2pa", b"xxxx")
    assert scan_image_bytes(png(chunks=[(b"caBX", store)])) == []


# ---------------------------------------------------------------- other containers


def test_webp_and_tiff_xmp() -> None:
    xmp = xmp_packet(dst="trainedAlgorithmicMedia")
    for fmt in ("WEBP", "TIFF"):
        buf = io.BytesIO()
        # Pillow writes WebP XMP natively, TIFF XMP as tag 700 (XMLPacket).
        extra = {"xmp": xmp} if fmt == "WEBP" else {"tiffinfo": {700: xmp}}
        Image.new("RGB", (16, 16), "white").save(buf, fmt, **extra)
        values = [s.value for s in scan_image_bytes(buf.getvalue())]
        assert values == ["trainedAlgorithmicMedia"], fmt


def test_gif_xmp_found_by_search() -> None:
    buf = io.BytesIO()
    Image.new("P", (16, 16)).save(buf, "GIF", comment=xmp_packet(dst="trainedAlgorithmicMedia"))
    assert [s.value for s in scan_image_bytes(buf.getvalue())] == ["trainedAlgorithmicMedia"]


# ---------------------------------------------------------------- no metadata, garbage


def test_plain_photo_and_resaved_ai_image_carry_nothing() -> None:
    assert scan_image_bytes(jpeg()) == []
    assert scan_image_bytes(png()) == []
    # A Pillow re-save drops XMP and APP11: "no metadata" never means "not AI".
    ai = jpeg(xmp=xmp_packet(dst="trainedAlgorithmicMedia"), app11=app11_segments(firefly_store()))
    resaved = io.BytesIO()
    Image.open(io.BytesIO(ai)).save(resaved, "JPEG")
    assert scan_image_bytes(resaved.getvalue()) == []


def test_garbage_truncation_and_bit_flips_never_raise() -> None:
    rng = random.Random(7)
    samples = [
        jpeg(
            xmp=xmp_packet(aigc=AIGC_JSON),
            app11=app11_segments(firefly_store(), 2),
            exif=exif_with(software="DALL-E", user_comment=AIGC_JSON),
        ),
        png(text={"AIGC": AIGC_JSON}, itxt={"workflow": "{}"}, chunks=[(b"caBX", firefly_store())]),
    ]
    for data in samples:
        for cut in range(0, len(data), max(1, len(data) // 300)):
            assert isinstance(scan_image_bytes(data[:cut]), list)
        for _ in range(300):
            flipped = bytearray(data)
            for _ in range(8):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            assert isinstance(scan_image_bytes(bytes(flipped)), list)
    assert scan_image_bytes(b"") == []
    assert scan_image_bytes(bytes(rng.randrange(256) for _ in range(5000))) == []


def test_compressed_text_bomb_is_bounded() -> None:
    bomb = zlib.compress(b"A" * (200 << 20), 9)  # 200 MB of text in ~200 kB
    chunk = b"prompt\x00\x00" + bomb
    start = time.perf_counter()
    assert scan_image_bytes(png(chunks=[(b"zTXt", chunk)])) == []
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- MP4


def test_mp4_mdta_aigc_key(tmp_path: Path) -> None:
    path = mp4(tmp_path / "v.mp4", metadata={"AIGC": AIGC_JSON})
    found = kinds(scan_video_file(path))
    [aigc] = found["aigc"]
    assert aigc.evidence == "MP4 mdta key AIGC"
    assert json.loads(aigc.value)["AIGC"]["Label"] == "1"


def test_mp4_without_tags_has_no_aigc(tmp_path: Path) -> None:
    found = kinds(scan_video_file(mp4(tmp_path / "plain.mp4")))
    assert "aigc" not in found
    # the muxer's own encoder tag is reported (harmless: "Lavf…")
    assert all(s.value.startswith("Lavf") for s in found.get("software", []))


def test_mp4_freeform_atom_and_c2pa_uuid(tmp_path: Path) -> None:
    path = mp4(tmp_path / "f.mp4")
    add_freeform_atom(path, "com.apple.iTunes", "AIGC", AIGC_JSON)
    add_c2pa_uuid_box(path, firefly_store())
    found = kinds(scan_video_file(path))
    assert [s.evidence for s in found["aigc"]] == ["MP4 freeform ----:com.apple.iTunes:AIGC"]
    assert found["c2pa"][0].evidence == "MP4 uuid d8fec3d6 C2PA manifest"
    assert found["iptc_digital_source_type"][0].value == "trainedAlgorithmicMedia"


def test_mp4_garbage_and_missing(tmp_path: Path) -> None:
    path = mp4(tmp_path / "t.mp4", metadata={"AIGC": AIGC_JSON})
    data = path.read_bytes()
    cut = tmp_path / "cut.mp4"
    for n in range(0, len(data), max(1, len(data) // 100)):
        cut.write_bytes(data[:n])
        assert isinstance(scan_video_file(cut), list)
    assert scan_video_file(tmp_path / "missing.mp4") == []


# ---------------------------------------------------------------- embedded packages, inspect


def test_images_inside_embedded_office_documents(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_picture(io.BytesIO(png(text={"parameters": "x\nSteps: 20, Sampler: Euler"})))
    doc.add_picture(io.BytesIO(jpeg()))
    doc.save(str(tmp_path / "inner.docx"))
    inner = (tmp_path / "inner.docx").read_bytes()
    [(member, signals)] = scan_package_images(inner)
    assert member.startswith("word/media/image1") and signals[0].kind == "generator_parameters"
    # a .docx embedded in a .pptx-like package, one level further down
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/embeddings/Microsoft_Word_Document.docx", inner)
    [(member, _)] = scan_package_images(outer.getvalue())
    assert member.startswith("ppt/embeddings/Microsoft_Word_Document.docx!word/media/")
    assert scan_package_images(b"PK\x03\x04 not a zip") == []


def test_format_signals_one_line_each() -> None:
    signals = scan_image_bytes(jpeg(xmp=xmp_packet(dst="trainedAlgorithmicMedia")))
    assert format_signals(signals) == (
        "iptc_digital_source_type = trainedAlgorithmicMedia  "
        "[JPEG APP1 XMP Iptc4xmpExt:DigitalSourceType]"
    )
    assert format_signals([s.model_dump() for s in signals]) == format_signals(signals)
