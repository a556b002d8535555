//! Replays every committed fuzzing input (`fuzz/corpus/<target>/` and the crash regressions in
//! `fuzz/regressions/<target>/`) through the same entry points the cargo-fuzz targets use, on
//! the stable toolchain, so CI guards them without nightly or libFuzzer.

use std::path::Path;
use std::time::{Duration, Instant};

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("draft", leitplanke::fuzz::draft),
    ("rule_pack", leitplanke::fuzz::rule_pack),
    ("image_meta", leitplanke::fuzz::image_meta),
    ("check", leitplanke::fuzz::check),
    ("scrub", leitplanke::fuzz::scrub),
];

#[test]
fn committed_fuzz_inputs_do_not_panic_or_hang() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, f) in TARGETS {
        for dir in ["corpus", "regressions"] {
            let d = root.join(dir).join(name);
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries {
                let p = e.unwrap().path();
                let data = std::fs::read(&p).unwrap();
                let t = Instant::now();
                let r = std::panic::catch_unwind(|| f(&data));
                let took = t.elapsed();
                total += 1;
                if r.is_err() {
                    failures.push(format!("{name}: {} panicked", p.display()));
                } else if took > Duration::from_secs(5) {
                    failures.push(format!("{name}: {} took {took:?}", p.display()));
                }
            }
        }
    }
    assert!(total >= 100, "only {total} inputs found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
