//! Lossless metadata removal.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    leitplanke::fuzz::scrub(data);
});
