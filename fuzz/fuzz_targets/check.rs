//! The whole check pipeline on a text draft with the built-in rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    leitplanke::fuzz::check(data);
});
