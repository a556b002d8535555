#!/usr/bin/env python3
"""Builds the image test data in tests/images/ and writes expected.json.

Called by make.sh, which prepares the Python environment (Pillow, segno,
numpy at pinned versions), fetches the source photos and runs verify.py
afterwards. Usage:

    build.py --src DIR --out DIR

DIR given to --src holds the unmodified source photos: astronaut.png,
camera.png, coffee.png, chelsea.png, rocket.jpg, brick.png, text.png (from the
scikit-image wheel) and solvay-1927-boxed.png (test.png from the rustface
crate). Everything else is drawn here or written by exiftool / heif-enc.

All randomness uses fixed seeds, so a rerun with the same tool versions gives
byte-identical files.
"""

import argparse
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

# Fixed values used throughout.
MUNICH = (48.137154, 11.576124)  # Marienplatz
DATE_TAKEN = "2026:05:01 14:30:00"

entries = []


def entry(file, fmt, width, height, *, faces=None, gps=None, fields=None,
          qr=None, readable=True, note="", tags=None, **extra):
    e = {
        "file": file,
        "format": fmt,
        "width": width,
        "height": height,
        "faces": faces,
        "gps": list(gps) if gps else None,
        "fields": fields or {},
        "qr": qr,
        "readable": readable,
        "note": note,
        "tags": tags or {},
    }
    e.update(extra)
    entries.append(e)


FONT = os.environ.get("FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size):
    # DejaVu Sans (Debian: fonts-dejavu-core). Pillow's built-in font has no
    # umlauts.
    return ImageFont.truetype(FONT, size)


def exiftool(path, tags, extra=()):
    """Writes tags ({"Group1:Tag": value}) with raw values (-n)."""
    args = ["exiftool", "-n", "-overwrite_original",
            "-charset", "exif=UTF8", *extra]
    for k, v in tags.items():
        args.append(f"-{k}={v}")
    # exiftool would otherwise stamp its own version into every XMP packet
    # (x:xmptk), making the bytes depend on the installed exiftool.
    if any(k.startswith("XMP") for k in tags):
        args.append("-XMP-x:XMPToolkit=")
    args.append(path)
    r = subprocess.run(args, capture_output=True, text=True)
    # exiftool only warns about tags it does not know; treat that as an error.
    if r.returncode != 0 or r.stderr.strip() or "1 image files updated" not in r.stdout:
        raise RuntimeError(f"exiftool {path}: {r.stdout.strip()} {r.stderr.strip()}")


# ---------------------------------------------------------------- photos

def clean_red_boxes(img):
    """Removes the pure red (255,0,0) 1-px face boxes drawn into the
    rustface test picture. Each red pixel becomes the median of the
    non-red pixels in its 3x3 (or, if none, 5x5) neighbourhood.
    Returns the cleaned greyscale image and the boxes [x, y, w, h]."""
    a = np.asarray(img.convert("RGB")).astype(np.int16)
    red = (a[..., 0] == 255) & (a[..., 1] == 0) & (a[..., 2] == 0)
    grey_ok = (a[..., 0] == a[..., 1]) & (a[..., 1] == a[..., 2])
    assert (grey_ok | red).all(), "expected a greyscale photo plus red boxes"

    # Recover the boxes: a top-left corner has red to the right and below,
    # and no red to the left and above.
    boxes = []
    H, W = red.shape
    for y, x in zip(*np.nonzero(red)):
        if (x + 1 < W and y + 1 < H and red[y, x + 1] and red[y + 1, x]
                and not (x > 0 and red[y, x - 1]) and not (y > 0 and red[y - 1, x])):
            w = 0
            while x + w < W and red[y, x + w]:
                w += 1
            h = 0
            while y + h < H and red[y + h, x]:
                h += 1
            boxes.append([int(x), int(y), int(w), int(h)])
    covered = np.zeros_like(red)
    for x, y, w, h in boxes:
        covered[y:y + h, x] = covered[y:y + h, x + w - 1] = True
        covered[y, x:x + w] = covered[y + h - 1, x:x + w] = True
    assert (covered == red).all(), "red pixels that are not box outlines"

    g = a[..., 0].copy()
    for y, x in zip(*np.nonzero(red)):
        for r in (1, 2, 3):
            y0, y1, x0, x1 = max(0, y - r), min(H, y + r + 1), max(0, x - r), min(W, x + r + 1)
            vals = g[y0:y1, x0:x1][~red[y0:y1, x0:x1]]
            if vals.size:
                g[y, x] = int(np.median(vals))
                break
        else:
            raise AssertionError("red pixel without non-red neighbours")
    boxes.sort(key=lambda b: (b[1], b[0]))
    return Image.fromarray(g.astype(np.uint8), "L"), boxes


def build_photos(src, out):
    d = os.path.join(out, "photos")
    os.makedirs(d, exist_ok=True)

    solvay, boxes = clean_red_boxes(Image.open(os.path.join(src, "solvay-1927-boxed.png")))
    assert len(boxes) == 29, boxes
    solvay.save(os.path.join(d, "group-solvay.jpg"), quality=85, optimize=True)
    entry("photos/group-solvay.jpg", "jpeg", *solvay.size, faces=29,
          note="Fifth Solvay conference, Brussels 1927, 29 participants (greyscale). "
               "Red face boxes of the source removed. Faces 44-63 px wide. "
               "The printed caption below the photo names all 29 people.",
          face_boxes=boxes,
          face_boxes_note="[x, y, w, h] of the 29 face boxes drawn into the source picture "
                          "shipped with rustface (presumably its own detections); same "
                          "pixel grid as this file.")

    im = Image.open(os.path.join(src, "astronaut.png")).convert("RGB")
    im.save(os.path.join(d, "portrait-astronaut.jpg"), quality=85, optimize=True)
    entry("photos/portrait-astronaut.jpg", "jpeg", *im.size, faces=1,
          note="Eileen Collins, NASA portrait, frontal face about 90 px wide.")

    im = Image.open(os.path.join(src, "camera.png")).convert("L")
    im.save(os.path.join(d, "portrait-camera.png"), optimize=True)
    entry("photos/portrait-camera.png", "png", *im.size, faces=1,
          note="Photographer behind a camera on a tripod, greyscale. The face is a "
               "near-profile (about 60 px): a frontal-only detector may miss it.")

    im = Image.open(os.path.join(src, "coffee.png")).convert("RGB")
    im.save(os.path.join(d, "coffee.webp"), quality=80, method=6)
    entry("photos/coffee.webp", "webp", *im.size, faces=0,
          note="Espresso cup on a wooden table; no people. Lossy WebP (VP8).")

    im = Image.open(os.path.join(src, "chelsea.png")).convert("RGB")
    im = im.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    im.save(os.path.join(d, "cat.gif"))
    entry("photos/cat.gif", "gif", *im.size, faces=0,
          note="Chelsea the cat, frontal close-up of a cat face: must not count as a "
               "person. 128-colour GIF89a.")

    im = Image.open(os.path.join(src, "rocket.jpg")).convert("RGB")
    im.save(os.path.join(d, "rocket.jpg"), quality=80, optimize=True)
    entry("photos/rocket.jpg", "jpeg", *im.size, faces=0,
          note="Falcon 9 with DSCOVR on the launch pad at dusk; no people.")

    im = Image.open(os.path.join(src, "brick.png")).convert("L")
    im.save(os.path.join(d, "brick.tiff"), compression="tiff_adobe_deflate")
    entry("photos/brick.tiff", "tiff", *im.size, faces=0,
          note="Brick wall texture, greyscale, Deflate-compressed TIFF; no people.")

    im = Image.open(os.path.join(src, "text.png")).convert("L")
    im.save(os.path.join(d, "text.png"), optimize=True)
    entry("photos/text.png", "png", *im.size, faces=0,
          note="Handwritten formulas on paper, greyscale; no people.")


# -------------------------------------------------------------- metadata

def base_photo(src, name, size):
    return Image.open(os.path.join(src, name)).convert("RGB").resize(size, Image.Resampling.LANCZOS)


GPS_TAGS = {
    "IFD0:Make": "Google",
    "IFD0:Model": "Pixel 8",
    "ExifIFD:DateTimeOriginal": DATE_TAKEN,
    "GPS:GPSLatitudeRef": "N",
    "GPS:GPSLatitude": MUNICH[0],
    "GPS:GPSLongitudeRef": "E",
    "GPS:GPSLongitude": MUNICH[1],
}
GPS_FIELDS = {"date_taken": DATE_TAKEN, "make": "Google", "model": "Pixel 8"}


def build_metadata(src, out, tmp):
    d = os.path.join(out, "metadata")
    os.makedirs(d, exist_ok=True)
    coffee = base_photo(src, "coffee.png", (360, 240))
    cat = base_photo(src, "chelsea.png", (360, 240))
    rocket = base_photo(src, "rocket.jpg", (360, 240))

    def jpeg(name, img, tags, fields, note, gps=None, **extra):
        p = os.path.join(d, name)
        img.save(p, quality=80, optimize=True)
        exiftool(p, tags, extra.pop("exiftool_extra", ()))
        entry(f"metadata/{name}", "jpeg", *img.size, gps=gps, fields=fields,
              note=note, tags=tags, **extra)

    # --- GPS in four containers
    jpeg("gps-munich.jpg", coffee, GPS_TAGS, GPS_FIELDS, gps=MUNICH,
         note="GPS Marienplatz, Munich, in the EXIF GPS IFD (APP1).")

    p = os.path.join(d, "gps-munich.png")
    coffee.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(p, optimize=True)
    exiftool(p, GPS_TAGS)
    entry("metadata/gps-munich.png", "png", *coffee.size, gps=MUNICH, fields=GPS_FIELDS,
          tags=GPS_TAGS, note="Same EXIF as gps-munich.jpg in a PNG eXIf chunk "
                              "(exiftool places it before IDAT). Palette PNG.")

    p = os.path.join(d, "gps-munich.webp")
    coffee.save(p, quality=75, method=6)
    exiftool(p, GPS_TAGS)
    entry("metadata/gps-munich.webp", "webp", *coffee.size, gps=MUNICH, fields=GPS_FIELDS,
          tags=GPS_TAGS, note="Same EXIF in a WebP EXIF chunk (extended VP8X file).")

    p = os.path.join(d, "gps-munich.heic")
    png = os.path.join(tmp, "heic-in.png")
    coffee.save(png)
    subprocess.run(["heif-enc", "-q", "50", "-o", p, png], check=True,
                   stdout=subprocess.DEVNULL)
    exiftool(p, GPS_TAGS)
    entry("metadata/gps-munich.heic", "heic", *coffee.size, gps=MUNICH, fields=GPS_FIELDS,
          tags=GPS_TAGS, readable=True,
          note="HEIC (HEVC still image, heif-enc/libheif) with an Exif item added by "
               "exiftool. The image crate cannot decode HEIC: a linter without a "
               "HEIF decoder can still read the EXIF from the 'Exif' item.")

    # --- camera EXIF without GPS or personal fields
    tags = {
        "IFD0:Make": "FUJIFILM",
        "IFD0:Model": "X-T30",
        "ExifIFD:DateTimeOriginal": DATE_TAKEN,
        "ExifIFD:ExposureTime": 0.004,
        "ExifIFD:FNumber": 5.6,
        "ExifIFD:ISO": 200,
        "ExifIFD:FocalLength": 35,
        "ExifIFD:LensModel": "XF35mmF2 R WR",
    }
    jpeg("no-gps.jpg", rocket, tags, {"date_taken": DATE_TAKEN, "make": "FUJIFILM",
                                      "model": "X-T30"},
         note="Ordinary camera EXIF; no GPS, no owner, no copyright.")

    # --- personal fields
    tags = {
        "IFD0:Make": "Canon",
        "IFD0:Model": "Canon EOS R6",
        "IFD0:Artist": "Erika Mustermann",
        "ExifIFD:OwnerName": "Erika Mustermann",
        "ExifIFD:SerialNumber": "SN123456",
        "ExifIFD:UserComment": "Privat",
        "ExifIFD:DateTimeOriginal": DATE_TAKEN,
    }
    jpeg("owner.jpg", cat, tags, {
        "artist": "Erika Mustermann", "owner": "Erika Mustermann", "serial": "SN123456",
        "user_comment": "Privat", "date_taken": DATE_TAKEN,
        "make": "Canon", "model": "Canon EOS R6"},
        note="EXIF 0x013B Artist, 0xA430 CameraOwnerName (exiftool: OwnerName), "
             "0xA431 BodySerialNumber (exiftool: SerialNumber), 0x9286 UserComment "
             "(8-byte 'ASCII\\0\\0\\0' prefix, then the text; kamadak-exif shows it as "
             "Undefined bytes, so strip the prefix yourself).")

    tags = {
        "IFD0:Copyright": "© Max Fotograf 2026",
        "IPTC:CodedCharacterSet": "\x1b%G",
        "IPTC:By-line": "Max Fotograf",
        "IPTC:CopyrightNotice": "© Max Fotograf 2026",
        "IPTC:Credit": "Max Fotograf",
        "XMP-dc:Creator": "Max Fotograf",
        "XMP-dc:Rights": "© Max Fotograf 2026",
        "XMP-photoshop:Credit": "Max Fotograf",
    }
    jpeg("copyright.jpg", cat, tags, {
        "copyright": "© Max Fotograf 2026", "creator": "Max Fotograf",
        "rights": "© Max Fotograf 2026", "credit": "Max Fotograf"},
        exiftool_extra=("-charset", "iptc=UTF8"),
        note="Copyright in EXIF (UTF-8 bytes in the ASCII tag), IPTC-IIM (UTF-8, "
             "declared by CodedCharacterSet ESC % G) and XMP (dc, photoshop).")

    tags = {
        "IPTC:CodedCharacterSet": "\x1b%G",
        "IPTC:By-line": "Anna Beispiel",
        "IPTC:Credit": "Getty Images",
        "IPTC:Source": "iStockphoto",
        "XMP-dc:Creator": "Anna Beispiel",
        "XMP-photoshop:Credit": "Getty Images/iStockphoto",
        "XMP-photoshop:Source": "iStockphoto",
        "XMP-xmpRights:UsageTerms": "Licensed for editorial use",
    }
    jpeg("stock.jpg", rocket, tags, {
        "creator": "Anna Beispiel", "credit": "Getty Images/iStockphoto",
        "usage_terms": "Licensed for editorial use"},
        exiftool_extra=("-charset", "iptc=UTF8"),
        note="Stock agency photo. Credit differs between containers: XMP "
             "photoshop:Credit 'Getty Images/iStockphoto', IPTC Credit 'Getty Images' "
             "(fields.credit gives the XMP value). Usage terms only in XMP.")

    tags = {"IPTC:By-line": "Jürgen Größ", "IPTC:CopyrightNotice": "© Jürgen Größ"}
    jpeg("iptc-latin1.jpg", coffee, tags, {"creator": "Jürgen Größ",
                                           "copyright": "© Jürgen Größ"},
         exiftool_extra=("-charset", "iptc=Latin"),
         note="Legacy IPTC-IIM without CodedCharacterSet: the strings are "
              "Latin-1/cp1252 bytes (ü=FC, ö=F6, ß=DF, ©=A9), not valid UTF-8. "
              "A reader must fall back to Latin-1 instead of failing or dropping them.")

    tags = {"IFD0:Artist": "Jürgen Größ"}
    jpeg("umlaut-artist.jpg", coffee, tags, {"artist": "Jürgen Größ"},
         note="Artist is an EXIF ASCII tag but holds the UTF-8 bytes "
              "4A C3 BC 72 67 65 6E 20 47 72 C3 B6 C3 9F 00, as exiftool and most "
              "cameras/phones write it. Strict ASCII readers see non-ASCII bytes; "
              "kamadak-exif's display_value() prints 'J\\xc3\\xbcrgen ...', so decode "
              "the raw Value::Ascii bytes as UTF-8 (lossy).")

    # --- XMP only
    xmp = {"XMP-dc:Creator": "Lena Grafik", "XMP-dc:Rights": "CC BY-SA 4.0 Lena Grafik"}
    xfields = {"creator": "Lena Grafik", "rights": "CC BY-SA 4.0 Lena Grafik"}
    p = os.path.join(d, "xmp-only.png")
    cat.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(p, optimize=True)
    exiftool(p, xmp)
    entry("metadata/xmp-only.png", "png", *cat.size, fields=xfields, tags=xmp,
          note="Only an XMP packet (iTXt chunk, keyword XML:com.adobe.xmp); no EXIF.")
    p = os.path.join(d, "xmp-only.webp")
    cat.save(p, quality=75, method=6)
    exiftool(p, xmp)
    entry("metadata/xmp-only.webp", "webp", *cat.size, fields=xfields, tags=xmp,
          note="Only an XMP chunk ('XMP '); no EXIF.")

    # --- screenshots
    shot = draw_screenshot()
    p = os.path.join(d, "screenshot.png")
    shot.save(p, optimize=True)
    tags = {"PNG:Software": "gnome-screenshot"}
    exiftool(p, tags)
    entry("metadata/screenshot.png", "png", *shot.size, fields={"software": "gnome-screenshot"},
          tags=tags, note="Screenshot-like picture (window with text on a flat "
                          "background). PNG tEXt chunk Software=gnome-screenshot, as "
                          "GNOME writes it. No EXIF, no XMP.")

    shot2 = draw_screenshot(dark=True)
    p = os.path.join(d, "screenshot-macos.png")
    shot2.save(p, optimize=True)
    tags = {"XMP-exif:UserComment": "Screenshot",
            "XMP-exif:ExifImageWidth": shot2.size[0],
            "XMP-exif:ExifImageHeight": shot2.size[1]}
    exiftool(p, tags)
    entry("metadata/screenshot-macos.png", "png", *shot2.size,
          fields={"user_comment": "Screenshot"}, tags=tags,
          note="Screenshot marked the way macOS does: XMP exif:UserComment 'Screenshot' "
               "plus exif:PixelXDimension/PixelYDimension (exiftool names them "
               "ExifImageWidth/ExifImageHeight) in an iTXt XML:com.adobe.xmp chunk; no "
               "Software tag.")

    # --- orientation
    upright = draw_orientation_target()
    stored = upright.rotate(90, expand=True)  # counter-clockwise
    p = os.path.join(d, "orientation-6.jpg")
    stored.save(p, quality=85, optimize=True)
    tags = {"IFD0:Orientation": 6}
    exiftool(p, tags)
    entry("metadata/orientation-6.jpg", "jpeg", *stored.size, fields={"orientation": 6},
          tags=tags, display_width=upright.size[0], display_height=upright.size[1],
          note="Stored 300x400 and turned on its side; EXIF Orientation 6 (rotate 90 CW) "
               "makes it 400x300 upright: blue sky on top, 'OBEN' and a red square at "
               "top-left, arrow pointing up.")


def draw_screenshot(dark=False):
    W, H = 720, 450
    bg, bar, fg, accent = ((246, 245, 244), (235, 235, 235), (36, 31, 49), (53, 132, 228))
    if dark:
        bg, bar, fg, accent = ((30, 30, 30), (50, 50, 50), (230, 230, 230), (10, 132, 255))
    im = Image.new("RGB", (W, H), bg)
    dr = ImageDraw.Draw(im)
    dr.rectangle([0, 0, W, 38], fill=bar)
    for i, c in enumerate([(237, 51, 59), (246, 211, 45), (51, 209, 122)]):
        dr.ellipse([12 + 22 * i, 12, 26 + 22 * i, 26], fill=c)
    dr.text((W // 2, 19), "Entwurf – Beitrag Feuerwehr München", fill=fg,
            font=font(15), anchor="mm")
    dr.rectangle([20, 56, W - 20, 96], outline=accent, width=2)
    dr.text((32, 76), "Suche …", fill=(140, 140, 140), font=font(15), anchor="lm")
    lines = [
        "Liebe Münchnerinnen und Münchner,",
        "heute waren wir beim Firmenlauf dabei – danke an alle,",
        "die uns angefeuert haben! Mehr Fotos gibt es morgen.",
        "",
        "#feuerwehr #muenchen #firmenlauf",
        "",
        "Entwurf gespeichert um 14:30 · 142 Zeichen",
    ]
    y = 124
    for ln in lines:
        dr.text((32, y), ln, fill=fg, font=font(17))
        y += 30
    dr.rounded_rectangle([W - 180, H - 64, W - 24, H - 24], radius=8, fill=accent)
    dr.text((W - 102, H - 44), "Veröffentlichen", fill=(255, 255, 255), font=font(15),
            anchor="mm")
    return im


def draw_orientation_target():
    W, H = 400, 300
    im = Image.new("RGB", (W, H), (120, 180, 235))
    dr = ImageDraw.Draw(im)
    dr.rectangle([0, 200, W, H], fill=(60, 150, 60))
    dr.rectangle([10, 10, 70, 70], fill=(220, 30, 30))
    dr.text((90, 40), "OBEN", fill=(0, 0, 0), font=font(40), anchor="lm")
    dr.polygon([(300, 30), (340, 90), (315, 90), (315, 170), (285, 170), (285, 90), (260, 90)],
               fill=(255, 255, 255), outline=(0, 0, 0))
    dr.text((200, 260), "unten", fill=(255, 255, 255), font=font(28), anchor="mm")
    return im


# -------------------------------------------------------------------- qr

def qr_image(payload, scale, border=4, **kw):
    q = segno.make(payload, micro=False, **kw)
    buf = io.BytesIO()
    q.save(buf, kind="png", scale=scale, border=border)
    buf.seek(0)
    return q, Image.open(buf).convert("L")


def build_qr(src, out):
    d = os.path.join(out, "qr")
    os.makedirs(d, exist_ok=True)

    url = "https://bit.ly/3xYz"
    q, im = qr_image(url, 8, error="m")
    im.convert("1").save(os.path.join(d, "qr-url.png"), optimize=True)
    entry("qr/qr-url.png", "png", *im.size, qr=url,
          note=f"Shortened URL, QR version {q.version}, ECC M, 8 px per module, 1-bit PNG.")

    track = "http://example.org/aktion?utm_source=flyer&utm_medium=print"
    q, code = qr_image(track, 5, border=2, error="m")
    bg = base_photo(src, "coffee.png", (800, 533))
    dr = ImageDraw.Draw(bg)
    cx, cy = 500, 110
    cw, ch = code.size[0] + 40, code.size[1] + 90
    dr.rectangle([cx + 6, cy + 6, cx + cw + 6, cy + ch + 6], fill=(60, 40, 30))  # shadow
    dr.rectangle([cx, cy, cx + cw, cy + ch], fill=(250, 248, 240))
    dr.text((cx + cw // 2, cy + 30), "Jetzt mitmachen!", fill=(180, 30, 30), font=font(22),
            anchor="mm")
    bg.paste(code.convert("RGB"), (cx + 20, cy + 60))
    bg.save(os.path.join(d, "qr-tracking.jpg"), quality=70)
    entry("qr/qr-tracking.jpg", "jpeg", *bg.size, qr=track,
          note=f"Flyer card on a photo, QR version {q.version} at 5 px per module, "
               "URL with utm_source/utm_medium tracking parameters, JPEG quality 70.")

    text = "Hallo München"
    q, im = qr_image(text, 8, error="m")
    assert q.mode == "byte"
    im.convert("1").save(os.path.join(d, "qr-text.png"), optimize=True)
    entry("qr/qr-text.png", "png", *im.size, qr=text,
          note=f"Plain text in byte mode, ISO-8859-1 (the QR default, ü = FC), no ECI, "
               f"version {q.version}, 8 px per module.")

    q, im = qr_image(text, 8, error="m", encoding="utf-8")
    im.convert("1").save(os.path.join(d, "qr-text-utf8.png"), optimize=True)
    entry("qr/qr-text-utf8.png", "png", *im.size, qr=text, zbar_reads="Hallo M羹nchen",
          note=f"Same text as UTF-8 bytes without an ECI header (ü = C3 BC), as many "
               f"generators write it; version {q.version}. Decoders have to guess the "
               "charset: zbarimg 0.23.92 guesses Shift_JIS and prints 'Hallo M羹nchen'; the "
               "intended reading is 'Hallo München'.")

    small = "https://example.org/termine"
    q, im = qr_image(small, 3, error="l")
    im.convert("1").save(os.path.join(d, "qr-small.png"), optimize=True)
    entry("qr/qr-small.png", "png", *im.size, qr=small,
          note=f"Small QR: version {q.version}, 3 px per module, ECC L.")

    # Negative: a random 29x29 module pattern without finder patterns.
    rng = random.Random(29)
    n, s, b = 29, 8, 4
    im = Image.new("1", ((n + 2 * b) * s, (n + 2 * b) * s), 1)
    dr = ImageDraw.Draw(im)
    for y in range(n):
        for x in range(n):
            if rng.random() < 0.5:
                dr.rectangle([(x + b) * s, (y + b) * s, (x + b + 1) * s - 1, (y + b + 1) * s - 1],
                             fill=0)
    im.save(os.path.join(d, "no-qr.png"), optimize=True)
    entry("qr/no-qr.png", "png", *im.size, qr=None,
          note="Looks like a 2D code (random 29x29 black/white modules) but has no finder "
               "patterns and encodes nothing.")


# --------------------------------------------------------------- corrupt

def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def exif_app1(jpeg_bytes):
    """Returns (start of TIFF header, byte order) of the EXIF APP1 segment."""
    i = 2
    while i < len(jpeg_bytes):
        assert jpeg_bytes[i] == 0xFF
        marker = jpeg_bytes[i + 1]
        length = struct.unpack(">H", jpeg_bytes[i + 2:i + 4])[0]
        if marker == 0xE1 and jpeg_bytes[i + 4:i + 10] == b"Exif\0\0":
            t = i + 10
            return t, (">" if jpeg_bytes[t:t + 2] == b"MM" else "<")
        i += 2 + length
    raise AssertionError("no EXIF APP1")


def ifd_entries(buf, t, bo, off):
    n = struct.unpack(bo + "H", buf[t + off:t + off + 2])[0]
    return n, [(t + off + 2 + 12 * k) for k in range(n)]


def build_corrupt(src, out, tmp):
    d = os.path.join(out, "corrupt")
    os.makedirs(d, exist_ok=True)

    def w(name, data):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)

    small = base_photo(src, "coffee.png", (120, 80))

    w("empty.jpg", b"")
    entry("corrupt/empty.jpg", None, None, None, readable=False, note="0 bytes.")

    w("text-as.jpg", "Das ist kein Bild, sondern Text mit der Endung .jpg.\n"
                     "Liebe Grüße aus München\n".encode("utf-8"))
    entry("corrupt/text-as.jpg", None, None, None, readable=False,
          note="Plain UTF-8 text with a .jpg name; no image signature.")

    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=80)
    data = buf.getvalue()
    w("truncated.jpg", data[:len(data) // 2])
    entry("corrupt/truncated.jpg", "jpeg", *small.size, readable=False,
          note=f"Valid baseline JPEG cut after {len(data) // 2} of {len(data)} bytes "
               "(inside the entropy-coded data, no EOI). Lenient decoders return a partly "
               "filled picture without an error (the image crate 0.25 does); Pillow and "
               "other strict ones fail. Never panic.")

    buf = io.BytesIO()
    small.save(buf, "PNG")
    data = buf.getvalue()
    w("truncated.png", data[:len(data) // 2])
    entry("corrupt/truncated.png", "png", *small.size, readable=False,
          note=f"Valid PNG cut after {len(data) // 2} of {len(data)} bytes, inside IDAT; "
               "IHDR is intact, IEND missing.")

    # EXIF with offsets far outside the APP1 segment.
    p = os.path.join(tmp, "exif-base.jpg")
    Image.new("RGB", (64, 48), (90, 140, 200)).save(p, quality=80)
    exiftool(p, {"IFD0:Make": "Broken Camera Co.", "IFD0:Model": "Model X",
                 "ExifIFD:DateTimeOriginal": DATE_TAKEN})
    base = open(p, "rb").read()

    b = bytearray(base)
    t, bo = exif_app1(b)
    ifd0 = struct.unpack(bo + "I", b[t + 4:t + 8])[0]
    _, ents = ifd_entries(b, t, bo, ifd0)
    patched = set()
    for e in ents:
        tag = struct.unpack(bo + "H", b[e:e + 2])[0]
        if tag == 0x8769:  # ExifIFD pointer
            b[e + 8:e + 12] = struct.pack(bo + "I", 0x7FFFFFF0)
            patched.add("ExifIFD")
        elif tag == 0x010F:  # Make (ASCII, stored by offset)
            b[e + 8:e + 12] = struct.pack(bo + "I", 0xFFFFFF00)
            patched.add("Make")
    assert patched == {"ExifIFD", "Make"}, patched
    w("bad-exif-offset.jpg", bytes(b))
    entry("corrupt/bad-exif-offset.jpg", "jpeg", 64, 48, readable=True,
          tags={"IFD0:Model": "Model X"}, fields={"model": "Model X"},
          metadata_broken=True,
          note="Pixels are fine. In IFD0 the ExifIFD pointer is 0x7FFFFFF0 and the Make "
               "value offset is 0xFFFFFF00, far outside the ~100-byte TIFF block. Model "
               "is intact. Readers must not read out of bounds, allocate by the offsets "
               "or panic; reporting Model only (or no EXIF at all) is fine. exiftool warns "
               "'Bad offset for IFD0 Make' and 'Bad ExifOffset SubDirectory start'; "
               "kamadak-exif 0.6 fails the whole read ('Truncated field value') unless "
               "continue_on_error(true), which returns Model as a partial result.")

    b = bytearray(base)
    t, bo = exif_app1(b)
    ifd0 = struct.unpack(bo + "I", b[t + 4:t + 8])[0]
    n, _ = ifd_entries(b, t, bo, ifd0)
    nxt = t + ifd0 + 2 + 12 * n
    assert struct.unpack(bo + "I", b[nxt:nxt + 4])[0] == 0
    b[nxt:nxt + 4] = struct.pack(bo + "I", ifd0)
    w("exif-loop.jpg", bytes(b))
    entry("corrupt/exif-loop.jpg", "jpeg", 64, 48, readable=True, metadata_broken=True,
          tags={"IFD0:Make": "Broken Camera Co.", "IFD0:Model": "Model X",
                "ExifIFD:DateTimeOriginal": DATE_TAKEN},
          fields={"make": "Broken Camera Co.", "model": "Model X", "date_taken": DATE_TAKEN},
          note="Pixels are fine. IFD0's next-IFD offset points back to IFD0 itself, so a "
               "naive IFD walk never ends. The tags are readable once; readers must "
               "detect the loop (or stop after IFD1). exiftool warns 'IFD1 pointer references "
               "previous IFD0 directory'; kamadak-exif 0.6 fails the whole read ('Already "
               "visited IFD detected') unless continue_on_error(true), which returns all "
               "these tags as a partial result.")

    # Decompression bomb: 30000 x 30000 1-bit greyscale, all zero.
    Wd = Hd = 30000
    row = b"\0" * (1 + (Wd + 7) // 8)
    c = zlib.compressobj(9)
    idat = b"".join(c.compress(row) for _ in range(Hd)) + c.flush()
    data = (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", Wd, Hd, 1, 0, 0, 0, 0))
            + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))
    w("bomb.png", data)
    entry("corrupt/bomb.png", "png", Wd, Hd, readable=False,
          note=f"Valid PNG, 30000x30000 1-bit greyscale, all black: {len(data) // 1024} KiB "
               f"file, {len(row) * Hd // 2**20} MiB of raw scanlines, 900 megapixels "
               "(3.4 GiB as RGBA8). Must be refused by a pixel/memory limit before "
               "decoding (Pillow raises DecompressionBombError).")

    # Metadata bomb: tiny valid PNG with a zTXt chunk inflating to 32 MiB.
    buf = io.BytesIO()
    Image.new("L", (32, 32), 128).save(buf, "PNG")
    png = buf.getvalue()
    ztxt = b"Comment\0\0" + zlib.compress(b"A" * (32 * 2**20), 9)
    pos = png.index(b"IDAT") - 4
    data = png[:pos] + png_chunk(b"zTXt", ztxt) + png[pos:]
    w("ztxt-bomb.png", data)
    entry("corrupt/ztxt-bomb.png", "png", 32, 32, readable=True, metadata_broken=True,
          inflated_text_bytes=32 * 2**20,
          note=f"Valid 32x32 grey PNG ({len(data) // 1024} KiB) whose zTXt 'Comment' "
               "chunk inflates to 32 MiB of 'A'. Text-chunk readers must cap inflation.")

    # Huge dimensions in the SOF0 header.
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 60, 60)).save(buf, "JPEG", quality=75)
    b = bytearray(buf.getvalue())
    i = b.index(b"\xff\xc0")
    b[i + 5:i + 9] = struct.pack(">HH", 65000, 65000)  # height, width
    w("huge-dims.jpg", bytes(b))
    entry("corrupt/huge-dims.jpg", "jpeg", 65000, 65000, readable=False,
          note=f"A 16x16 JPEG ({len(b)} bytes) whose SOF0 claims 65000x65000 "
               "(4.2 gigapixels, 12.7 GB as RGB8). Refuse by dimensions before allocating.")

    rng = random.Random(1)
    body = bytes(rng.getrandbits(8) for _ in range(2048))
    w("garbage.webp", b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body)
    entry("corrupt/garbage.webp", "webp", None, None, readable=False,
          note="Correct RIFF/WEBP header (size field consistent), then 2048 random bytes.")

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 160, 90)).save(buf, "PNG")
    good = buf.getvalue()
    b = bytearray(good)
    crc_at = 8 + 8 + 13  # signature, IHDR length+type, IHDR data
    b[crc_at:crc_at + 4] = bytes(x ^ 0xFF for x in b[crc_at:crc_at + 4])
    w("bad-crc.png", bytes(b))
    entry("corrupt/bad-crc.png", "png", 64, 48, readable=False,
          note="64x48 PNG whose IHDR CRC is inverted (data intact). CRC-checking "
               "decoders reject it; ones that skip CRCs would decode it.")

    b = bytearray(good)
    b[16:20] = struct.pack(">I", 0)
    b[crc_at:crc_at + 4] = struct.pack(">I", zlib.crc32(bytes(b[12:29])))
    w("zero-dims.png", bytes(b))
    entry("corrupt/zero-dims.png", "png", 0, 48, readable=False,
          note="IHDR width 0 (CRC recomputed, so only the dimension is wrong).")

    rng = random.Random(2)
    body = bytes(rng.getrandbits(8) for _ in range(2048))
    w("random.gif", b"GIF87a" + body)
    gw, gh = struct.unpack("<HH", body[:4])
    entry("corrupt/random.gif", "gif", gw, gh, readable=False,
          note=f"GIF87a signature, then 2048 random bytes. The logical screen size read "
               f"from them is {gw}x{gh} ({gw * gh / 1e9:.1f} gigapixels): refuse, do not "
               "allocate.")

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 40)).save(buf, "TIFF")
    data = buf.getvalue()
    w("truncated.tiff", data[:len(data) // 2])
    entry("corrupt/truncated.tiff", "tiff", 64, 48, readable=False,
          note=f"Uncompressed little-endian TIFF cut after {len(data) // 2} of {len(data)} "
               "bytes: header and IFD0 (at offset 8) intact, strip data ends early.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    for sub in ("photos", "metadata", "qr", "corrupt"):
        shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        build_photos(a.src, a.out)
        build_metadata(a.src, a.out, tmp)
        build_qr(a.src, a.out)
        build_corrupt(a.src, a.out, tmp)
    doc = {
        "about": "Expected results for the files in tests/images/; see SOURCES.md for the "
                 "meaning of each key. Generated by build.py, checked by verify.py.",
        "files": entries,
    }
    with open(os.path.join(a.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"build.py: wrote {len(entries)} files")


if __name__ == "__main__":
    sys.exit(main())
