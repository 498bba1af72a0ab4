"""Built-in checkers, imported lazily (see registry.py): a module loads the first time a
pack rule needs one of its checkers, so commands that judge nothing import none of them.

Registering a checker module is ONE line here: the module's name → the checker names its
``@checker`` decorators register (``tests/checkers/test_registry.py`` checks the two agree).
A module is named after its checkers' prefix (``media.loudness`` → ``media_sound.py``), its
tests after the module (``tests/checkers/test_media_sound.py``); ``casecheck explain ID
--source`` prints the way from a rule id to both.
"""

BUILTIN_MODULES: dict[str, tuple[str, ...]] = {
    "materials": ("materials.present", "materials.extra"),
    "media": (
        "media.number",
        "media.resolution",
        "media.frame_rate",
        "media.bit_rate",
    ),
    "media_format": ("media.codec", "media.container"),
    "media_sound": ("media.loudness", "media.clipping", "media.silence", "media.noise"),
    "media_frames": ("media.faces", "media.end_frame"),
    "report": (
        "report.word_count",
        "report.sections",
        "report.heading1_style",
        "report.heading2_style",
        "report.body_style",
        "report.line_spacing",
    ),
    "courseware": (
        "courseware.qr_code",
        "courseware.hyperlink",
        "courseware.url",
        "courseware.contact",
        "courseware.logo",
        "courseware.aspect_ratio",
    ),
    "form": ("form.type", "form.fields", "form.choice", "form.summary_length"),
    "form_font": ("form.font",),
    "form_people": ("form.authors", "form.declaration"),
    # one module for the AI-label checker of each material (they share the label search)
    "ai_label": ("video.ai_label", "courseware.ai_label", "report.ai_label"),
    "batch": ("batch.quota", "batch.duplicate"),
    "consistency": ("consistency.case_name", "consistency.authors"),
}
