//! Rule-pack loading (YAML → validated rules → engine).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    leitplanke::fuzz::rule_pack(data);
});
