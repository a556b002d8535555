//! Draft parsing: front matter, structure, views, inline acknowledgements, attachments.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    leitplanke::fuzz::draft(data);
});
