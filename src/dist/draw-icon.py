#!/usr/bin/env python3
"""Draws Plateau's icon (plateau.png, 256x256 RGBA): a memory curve that climbs and then holds level over a
dark rounded square, with a faint grid. Pure Python (zlib + struct), so it needs nothing installed:
    python3 src/dist/draw-icon.py src/dist/plateau.png"""
import math, struct, sys, zlib

N = 256
BG, GRID, CURVE, FILL = (24, 32, 48), (52, 64, 88), (80, 200, 140), (40, 110, 90)


def curve(x):
    """Rises like a memory ramp, then levels off: the plateau."""
    t = x / (N - 1)
    return 0.78 - 0.58 * (1 - math.exp(-t * 6.0))


def inside_rounded(x, y, r=44, m=8):
    lo, hi = m + r, N - 1 - m - r
    cx, cy = min(max(x, lo), hi), min(max(y, lo), hi)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and m <= x <= N - 1 - m and m <= y <= N - 1 - m


def pixel(x, y):
    if not inside_rounded(x, y):
        return (0, 0, 0, 0)
    if x < 28 or x > N - 29 or y < 28 or y > N - 29:
        return BG + (255,)
    cy = curve(x) * (N - 1)
    dist = abs(y - cy) / math.sqrt(1 + ((curve(min(x + 1, N - 1)) - curve(x)) * (N - 1)) ** 2)
    if dist < 5:
        return CURVE + (255,)
    if y > cy:
        return FILL + (255,)
    if (x - 28) % 40 == 0 or (y - 28) % 40 == 0:
        return GRID + (255,)
    return BG + (255,)


def png(path):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(N)) for y in range(N))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    png(sys.argv[1] if len(sys.argv) > 1 else "plateau.png")
