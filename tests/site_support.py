"""Static sites built once per test session (without PNGs unless a test asks for them), plus a small PNG reader for
the image tests."""

from __future__ import annotations

import struct
import tempfile
import zlib
from pathlib import Path

from stances.domain.validate import check_folder
from stances.site.build import build_site

REPO = Path(__file__).resolve().parent.parent
POSITIONS = REPO / "positions"
BASE_URL = "https://example.org/pos"


_BUILT: dict[tuple[str | None, Path, bool], Path] = {}
_WHERE: list[Path] = []  # pytest's session folder for the sites (see conftest), so old runs' sites are cleaned up


def build_sites_under(folder: Path) -> None:
    _WHERE[:] = [folder]


def built_site(base_url: str | None = BASE_URL, folder: Path = POSITIONS, images: bool = False) -> Path:
    """The site of `folder`, built once per session; with `images`, the PNGs too (most of a build's time).

    A site built with images also serves the tests that read only its pages."""
    for key in ((base_url, folder, True), (base_url, folder, images)):
        if key in _BUILT:
            return _BUILT[key]
    dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    out = Path(tempfile.mkdtemp(prefix="site-", dir=_WHERE[0] if _WHERE else None))
    build_site(dataset, out, base_url=base_url, with_images=images)
    _BUILT[(base_url, folder, images)] = out
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def png_pixels(data: bytes, max_rows: int = 200) -> list[bytes]:
    """The pixels of the top `max_rows` rows of an 8-bit RGB or RGBA PNG, decoded (chunks, zlib, scanline filters)."""
    width, height = png_size(data)
    depth, colour = data[24], data[25]
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 4 if colour == 6 else 3
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(min(height, max_rows)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    return [bytes(row[x : x + channels]) for row in rows for x in range(0, stride, channels)]
