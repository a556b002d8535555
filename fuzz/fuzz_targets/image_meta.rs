//! Image metadata (EXIF, XMP, IPTC) from any container, without pixels.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    leitplanke::fuzz::image_meta(data);
});
