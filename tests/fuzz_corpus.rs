//! Replays every committed fuzzing input through the same entry points the cargo-fuzz targets
//! use, on the stable toolchain, so CI guards them without nightly or libFuzzer: the seeds (the
//! corpus drafts, the rule packs, the test images), any corpus committed in
//! `fuzz/corpus/<target>/`, and the crash regressions in `fuzz/regressions/<target>/`.

use std::path::Path;
use std::time::{Duration, Instant};

type Target = fn(&[u8]);

/// (target, entry point, seed folders relative to the repository).
const TARGETS: &[(&str, Target, &[&str])] = &[
    ("draft", leitplanke::fuzz::draft, &["corpus"]),
    ("rule_pack", leitplanke::fuzz::rule_pack, &["rules"]),
    (
        "image_meta",
        leitplanke::fuzz::image_meta,
        &["tests/images"],
    ),
    ("check", leitplanke::fuzz::check, &["corpus"]),
    ("scrub", leitplanke::fuzz::scrub, &["tests/images"]),
];

/// Files in a folder and its subfolders.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn committed_fuzz_inputs_do_not_panic_or_hang() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, f, seeds) in TARGETS {
        let mut dirs: Vec<std::path::PathBuf> = seeds.iter().map(|s| repo.join(s)).collect();
        dirs.push(repo.join("fuzz/corpus").join(name));
        dirs.push(repo.join("fuzz/regressions").join(name));
        for d in dirs {
            for p in files(&d) {
                let data = std::fs::read(&p).unwrap();
                if data.len() > 1 << 20 {
                    continue;
                }
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
