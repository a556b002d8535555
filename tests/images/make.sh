#!/usr/bin/env bash
# Regenerates the image test data in this folder (photos/, metadata/, qr/,
# corrupt/ and expected.json) and checks it with verify.py.
#
#   bash tests/images/make.sh
#
# Prerequisites (Debian 12 package names in brackets):
#   python3 >= 3.11 with venv and pip   [python3 python3-venv]
#   exiftool 12.x                       [libimage-exiftool-perl]
#   heif-enc from libheif               [libheif-examples]
#   zbarimg (only for verify.py)        [zbar-tools]
#   DejaVu Sans (for drawn text)        [fonts-dejavu-core]; other path: FONT=...
#   cargo (only to fetch the rustface crate if it is not in ~/.cargo already)
#   tar, sha256sum                      [tar coreutils]
# Network: the Python package index (Pillow, segno, numpy and the
# scikit-image wheel, through pip) and the Rust crate registry (rustface,
# through cargo). Both are cached in $LEITPLANKE_IMAGES_CACHE (default
# ~/.cache/leitplanke-test-images); nothing is written outside it and this
# folder.
#
# Deterministic: fixed seeds, pinned package versions and checked source
# hashes. With the same exiftool, libheif and fonts a rerun gives
# byte-identical files (verified with exiftool 12.57, libheif 1.15.1).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${LEITPLANKE_IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/leitplanke-test-images}
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
SKIMAGE_VERSION=0.26.0
RUSTFACE_VERSION=0.1.7

die() { echo "make.sh: $*" >&2; exit 1; }
first() { for f in "$@"; do if [ -e "$f" ]; then echo "$f"; return 0; fi; done; return 0; }

for tool in python3 exiftool heif-enc zbarimg tar sha256sum; do
  command -v "$tool" >/dev/null || die "missing $tool (see the prerequisites at the top)"
done
[ -e "${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}" ] \
  || die "missing DejaVu Sans (apt-get install fonts-dejavu-core, or set FONT=/path/to/font.ttf)"

mkdir -p "$CACHE/src" "$CACHE/dl"

# 1. Python environment with pinned versions.
if [ ! -x "$CACHE/venv/bin/python" ]; then
  python3 -m venv "$CACHE/venv"
fi
PY="$CACHE/venv/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check \
  "Pillow==13.0.0" "segno==1.6.6" "numpy==2.4.6"

# 2. scikit-image sample photos, from the wheel (not installed, only unpacked).
wheel=$(first "$CACHE"/dl/scikit_image-"$SKIMAGE_VERSION"-*.whl)
if [ -z "$wheel" ]; then
  "$PY" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --platform manylinux_2_28_x86_64 --python-version 3.11 \
    --implementation cp -d "$CACHE/dl" "scikit-image==$SKIMAGE_VERSION"
  wheel=$(first "$CACHE"/dl/scikit_image-"$SKIMAGE_VERSION"-*.whl)
fi
[ -n "$wheel" ] || die "scikit-image wheel not downloaded"
"$PY" - "$wheel" "$CACHE/src" <<'EOF'
import sys, zipfile
wheel, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for name in ("astronaut.png", "camera.png", "coffee.png", "chelsea.png",
                 "rocket.jpg", "brick.png", "text.png"):
        with open(f"{dest}/{name}", "wb") as f:
            f.write(z.read(f"skimage/data/{name}"))
EOF

# 3. The 1927 Solvay photo: test.png of the rustface crate.
solvay=$(first "$CARGO_HOME"/registry/src/*/rustface-"$RUSTFACE_VERSION"/test.png)
if [ -z "$solvay" ]; then
  crate=$(first "$CARGO_HOME"/registry/cache/*/rustface-"$RUSTFACE_VERSION".crate)
  if [ -z "$crate" ]; then
    command -v cargo >/dev/null || die "missing cargo (needed once to fetch the rustface crate)"
    proj="$CACHE/fetch-rustface"
    mkdir -p "$proj/src"
    cat >"$proj/Cargo.toml" <<EOF
[package]
name = "fetch-rustface"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
rustface = "=$RUSTFACE_VERSION"

[workspace]
EOF
    echo 'fn main() {}' >"$proj/src/main.rs"
    (cd "$proj" && cargo fetch --quiet)
    crate=$(first "$CARGO_HOME"/registry/cache/*/rustface-"$RUSTFACE_VERSION".crate)
    [ -n "$crate" ] || die "cargo fetch did not leave rustface-$RUSTFACE_VERSION.crate"
  fi
  tar -xzf "$crate" -C "$CACHE" "rustface-$RUSTFACE_VERSION/test.png"
  solvay="$CACHE/rustface-$RUSTFACE_VERSION/test.png"
fi
cp "$solvay" "$CACHE/src/solvay-1927-boxed.png"

# 4. The sources must be exactly the ones the expected results were made from.
(cd "$CACHE/src" && sha256sum --quiet -c -) <<'EOF'
88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5  astronaut.png
7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf  brick.png
b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a  camera.png
596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb  chelsea.png
cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7  coffee.png
c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c  rocket.jpg
eb854bcafbe7e0e13fb1b8073a1e6c30b67e06b463f919325c4a20b13a3c8e0c  solvay-1927-boxed.png
bd84aa3a6e3c9887850d45d606c96b2e59433fbef50338570b63c319e668e6d1  text.png
EOF

# 5. Build, then check every expected value with independent readers.
"$PY" "$HERE/build.py" --src "$CACHE/src" --out "$HERE"
"$PY" "$HERE/verify.py" "$HERE"
