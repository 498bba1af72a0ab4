"""Built-in checkers. Importing this package registers them all (see registry.py)."""

from importlib import import_module

BUILTIN_MODULES = (
    "materials",
    "video",
    "video_sound",
    "video_frames",
    "report",
    "courseware",
    "form",
    "form_people",
    "ailabel",
    "batch",
    "consistency",
)

for _name in BUILTIN_MODULES:
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        # A checker module not written yet: its rules are reported as "not yet checked".
        if _exc.name != f"{__name__}.{_name}":
            raise
