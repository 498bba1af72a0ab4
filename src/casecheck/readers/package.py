"""One read per Office file: the checked package whose parts readers take on demand.

``checked_package(path)`` opens the zip once (shared with sniffing, see zipopen.py), checks
the zip-bomb limits from the central directory's declared sizes (``ooxml.check_directory``;
nothing is inflated to check) and hands out parts with bounded reads. python-pptx and
python-docx read every part into memory when they open a package, so they get
:meth:`Package.library_copy`: the XML parts only, large binary parts (photos, videos,
embedded files) left empty — the reader takes those one at a time with :meth:`Package.read`
and lets each go once scanned. Peak memory stays near one copy of the largest part instead
of two copies of the whole file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from casecheck.readers.errors import CORRUPT, EMPTY, ENCRYPTED, ReadError
from casecheck.readers.ooxml import MAX_FILE_BYTES, TOO_LARGE, check_directory, check_zip_bounds
from casecheck.readers.sniff import sniff
from casecheck.readers.zipopen import open_zip

KEEP_BINARY_BELOW = 64 * 1024  # small binary parts stay in the library copy


class Package:
    """An opened OOXML package whose directory passed the limits."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.deferred: set[str] = set()  # part names left empty in the library copy

    def read(self, name: str) -> bytes:
        """A part's bytes (``name`` with or without the leading '/'); ReadError if damaged."""
        try:
            return self.zf.read(name.lstrip("/"))
        except KeyError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            raise ReadError("truncated", CORRUPT) from exc

    def library_copy(self) -> io.BytesIO:
        """An uncompressed in-memory copy for python-docx/-pptx: XML parts and small binaries;
        larger binary parts are present but empty (see :attr:`deferred`)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in self.zf.infolist():
                if info.is_dir():
                    continue
                name = info.filename
                xml = name.endswith((".xml", ".rels")) or name == "[Content_Types].xml"
                if xml or info.file_size < KEEP_BINARY_BELOW:
                    copy.writestr(name, self.read(name))
                else:
                    self.deferred.add("/" + name)
                    copy.writestr(name, b"")
        out.seek(0)
        return out

    def part_bytes(self, part: object) -> bytes:
        """The bytes of a python-docx/-pptx part, from the package when they were deferred."""
        name = str(getattr(part, "partname", ""))
        if name in self.deferred:
            return self.read(name)
        blob: bytes = getattr(part, "blob", b"")
        return blob


def checked_package(path: Path) -> Package:
    """Open ``path`` for a reader; ReadError for empty, encrypted, corrupt or bomb-like files."""
    kind = sniff(path).kind
    if kind == "empty":
        raise ReadError("empty", EMPTY)
    if kind == "ooxml_encrypted":
        raise ReadError("encrypted", ENCRYPTED)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReadError("too_large", TOO_LARGE)
        zf = open_zip(path)
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ReadError("truncated", CORRUPT) from exc
    check_directory(zf)
    return Package(zf)


def load_package_bytes(path: Path) -> bytes:
    """Return the bytes of an OOXML package after checking it is safe to hand to a library.

    Raises ReadError for empty, encrypted, corrupt, truncated or bomb-like files.
    (Readers use ``checked_package``, which reads parts on demand instead; the fixers need
    the whole file to rewrite it.)
    """
    checked_package(path)  # empty, encrypted, too large, directory limits
    data = path.read_bytes()
    check_zip_bounds(data)
    return data
