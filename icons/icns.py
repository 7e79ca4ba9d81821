#!/usr/bin/env python3
"""Writes a macOS .icns from the PNGs generate.sh renders: icns.py OUT.icns DIR.

An .icns file is the magic 'icns', the file length (32-bit big-endian), then one entry per image: a
four-letter type, the entry length (8 + data) and the PNG bytes. Since OS X 10.7 every type below holds a
PNG, so no other encoder is needed. The @2x ('Retina') types reuse the PNG of twice the size.
"""
import struct
import sys
from pathlib import Path

# type -> pixel size (Apple's Icon Services types)
TYPES = [
    ("icp4", 16), ("ic11", 32),    # 16 pt, 16 pt @2x
    ("icp5", 32), ("ic12", 64),    # 32 pt, 32 pt @2x
    ("ic07", 128), ("ic13", 256),  # 128 pt, 128 pt @2x
    ("ic08", 256), ("ic14", 512),  # 256 pt, 256 pt @2x
    ("ic09", 512), ("ic10", 1024), # 512 pt, 512 pt @2x
]


def main(out: str, folder: str) -> None:
    entries = b""
    for kind, size in TYPES:
        png = (Path(folder) / f"onion-panel-{size}.png").read_bytes()
        if png[:8] != b"\x89PNG\r\n\x1a\n":
            raise SystemExit(f"onion-panel-{size}.png is not a PNG")
        entries += kind.encode("ascii") + struct.pack(">I", 8 + len(png)) + png
    Path(out).write_bytes(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: icns.py OUT.icns PNG_FOLDER")
    main(sys.argv[1], sys.argv[2])
