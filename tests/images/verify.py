#!/usr/bin/env python3
"""Checks tests/images/expected.json against the files, using independent
readers: exiftool (-j -G1 -a -n) for metadata, Pillow for decoding and
dimensions, zbarimg for QR payloads. Face counts cannot be checked here
(they are a human judgement, see SOURCES.md).

Usage: verify.py [DIR]   (default: the folder of this script)
Prints one line per problem and a closing 'N passed, M failed' line.
"""

import json
import os
import subprocess
import sys
import warnings

from PIL import Image, ImageOps, PngImagePlugin

# Tags whose presence matters to the linter. Every one that exiftool finds
# must be listed in the entry's "tags" with the same value, and every listed
# tag must be found.
WATCH = {
    "Make", "Model", "DateTimeOriginal", "CreateDate", "ModifyDate",
    "GPSLatitude", "GPSLongitude", "GPSLatitudeRef", "GPSLongitudeRef",
    "Artist", "OwnerName", "SerialNumber", "UserComment", "Copyright",
    "CopyrightNotice", "By-line", "Credit", "Source", "Creator", "Rights",
    "UsageTerms", "Software", "CreatorTool", "Orientation", "CodedCharacterSet",
    "LensModel", "ExposureTime", "FNumber", "ISO", "FocalLength",
    "ExifImageWidth", "ExifImageHeight", "ImageDescription", "Title", "Description",
}
SKIP_GROUPS = {"File", "System", "ExifTool", "Composite"}
SUBDIRS = ("photos", "metadata", "qr", "corrupt")


def sniff(path):
    with open(path, "rb") as f:
        h = f.read(16)
    if h.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if h.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if h[:4] == b"RIFF" and h[8:12] == b"WEBP":
        return "webp"
    if h[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if h[:4] in (b"II*\0", b"MM\0*"):
        return "tiff"
    if h[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    return None


def close(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-6
    return a == b


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    doc = json.load(open(os.path.join(root, "expected.json"), encoding="utf-8"))
    entries = doc["files"]
    problems = []
    passed = 0

    listed = {e["file"] for e in entries}
    on_disk = {f"{s}/{n}" for s in SUBDIRS for n in os.listdir(os.path.join(root, s))}
    for f in sorted(on_disk - listed):
        problems.append(f"{f}: on disk but not in expected.json")
    for f in sorted(listed - on_disk):
        problems.append(f"{f}: in expected.json but missing")

    files = sorted(listed & on_disk)
    out = subprocess.run(["exiftool", "-j", "-G1", "-a", "-n", "-q", "-q", "-m", *files],
                         cwd=root, capture_output=True, check=False)
    meta = {m["SourceFile"]: m for m in json.loads(out.stdout.decode("utf-8"))}

    Image.MAX_IMAGE_PIXELS = 50_000_000  # like a linter's own limit
    # Pillow refuses text chunks that inflate past 1 MB by default, which would
    # make corrupt/ztxt-bomb.png unreadable although its pixels are fine.
    PngImagePlugin.MAX_TEXT_CHUNK = 64 * 2**20
    for e in entries:
        f = e["file"]
        if f not in on_disk:
            continue
        p = os.path.join(root, f)
        errs = []
        m = meta.get(f, {})

        fmt = sniff(p)
        if fmt != e["format"]:
            errs.append(f"format {fmt!r}, expected {e['format']!r}")

        # Decoding
        if e["format"] == "heic":
            size = m.get("Composite:ImageSize", "")
            got = tuple(int(x) for x in str(size).split()) if size else None
            if got != (e["width"], e["height"]):
                errs.append(f"exiftool size {got}, expected {e['width']}x{e['height']}")
        else:
            try:
                with warnings.catch_warnings(record=True), Image.open(p) as im:
                    im.load()
                    ok = True
                    fmt_pil, size = im.format, im.size
                    disp = ImageOps.exif_transpose(im).size
            except Exception as ex:  # noqa: BLE001 - any failure means unreadable
                ok, why = False, f"{type(ex).__name__}: {ex}"
            if ok != e["readable"]:
                errs.append(f"Pillow readable={ok}, expected {e['readable']}"
                            + ("" if ok else f" ({why})"))
            if ok:
                if size != (e["width"], e["height"]):
                    errs.append(f"size {size}, expected {e['width']}x{e['height']}")
                if fmt_pil.lower() != e["format"]:
                    errs.append(f"Pillow format {fmt_pil}")
                if "display_width" in e:
                    if disp != (e["display_width"], e["display_height"]):
                        errs.append(f"display size {disp}")
            elif e["width"] is not None:
                w = next((v for k, v in m.items() if k.endswith(":ImageWidth")), None)
                h = next((v for k, v in m.items() if k.endswith(":ImageHeight")), None)
                if (w, h) != (e["width"], e["height"]):
                    errs.append(f"header size {w}x{h}, expected {e['width']}x{e['height']}")

        # Metadata
        found = {k: v for k, v in m.items()
                 if k.split(":")[0] not in SKIP_GROUPS and k.split(":")[-1] in WATCH}
        for k, v in e["tags"].items():
            if k not in found:
                errs.append(f"tag {k} missing")
            elif not close(found[k], v):
                errs.append(f"tag {k} = {found[k]!r}, expected {v!r}")
        for k in sorted(set(found) - set(e["tags"])):
            errs.append(f"unexpected tag {k} = {found[k]!r}")
        lat, lon = m.get("Composite:GPSLatitude"), m.get("Composite:GPSLongitude")
        if e["gps"] is None:
            if lat is not None or lon is not None:
                errs.append(f"unexpected GPS {lat}, {lon}")
        elif not (close(lat, e["gps"][0]) and close(lon, e["gps"][1])):
            errs.append(f"GPS {lat}, {lon}, expected {e['gps']}")
        if "inflated_text_bytes" in e:
            n = len(str(m.get("PNG:Comment", "")))
            if n != e["inflated_text_bytes"]:
                errs.append(f"zTXt inflates to {n} bytes")

        # QR codes (zbarimg cannot read HEIC; corrupt files are not scanned)
        if e["readable"] and e["format"] != "heic" and not f.startswith("corrupt/"):
            z = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", p],
                               capture_output=True)
            payloads = [ln for ln in z.stdout.decode("utf-8").split("\n") if ln]
            want = [e.get("zbar_reads", e["qr"])] if e["qr"] is not None else []
            if payloads != want:
                errs.append(f"zbarimg found {payloads}, expected {want}")

        if e["faces"] is not None and "face_boxes" in e and len(e["face_boxes"]) != e["faces"]:
            errs.append("face_boxes count differs from faces")

        if errs:
            problems.extend(f"{f}: {x}" for x in errs)
        else:
            passed += 1

    for pr in problems:
        print(pr)
    failed = len(entries) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
