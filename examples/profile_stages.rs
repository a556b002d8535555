//! Time the stages of compiling the rules and checking generated posts (development aid):
//! `cargo run --release --example profile_stages`.

#[path = "../benches/postgen.rs"]
mod postgen;

use leitplanke::draft::{Draft, Structure};
use leitplanke::engine::{CheckOptions, Engine};
use leitplanke::rule::{builtin, load::load_all};
use leitplanke::text::{LineIndex, View};
use std::time::Instant;

/// Seconds taken by `f`.
fn secs(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

fn main() {
    let runs = 200;
    let ms = |s: f64| println_ms(s * 1e3 / runs as f64);
    print!("{:<18}", "load packs (YAML)");
    ms(secs(|| {
        for _ in 0..runs {
            std::hint::black_box(load_all(builtin::sources()).unwrap());
        }
    }));
    let rules = load_all(builtin::sources()).unwrap();
    print!("{:<18}", "compile engine");
    ms(secs(|| {
        for _ in 0..runs {
            std::hint::black_box(Engine::compile(rules.clone()).unwrap());
        }
    }));

    let engine = Engine::with_packs(Vec::new()).unwrap();
    let posts = postgen::posts(42, 1000);
    let drafts: Vec<Draft> = posts.iter().map(|p| Draft::parse("p", p.clone())).collect();
    let opts = CheckOptions::default();
    let per_post =
        |label: &str, s: f64| println!("{label:<18} {:7.2} µs/post", s * 1e6 / posts.len() as f64);
    let each = |f: &dyn Fn(&String)| secs(|| posts.iter().for_each(f));
    per_post(
        "folded view",
        each(&|p| drop(std::hint::black_box(View::folded(p)))),
    );
    per_post(
        "normalized view",
        each(&|p| drop(std::hint::black_box(View::normalized(p)))),
    );
    per_post(
        "structure",
        each(&|p| drop(std::hint::black_box(Structure::parse(p, 0..p.len())))),
    );
    per_post(
        "line index",
        each(&|p| drop(std::hint::black_box(LineIndex::new(p)))),
    );
    per_post(
        "Draft::parse",
        each(&|p| drop(std::hint::black_box(Draft::parse("p", p.clone())))),
    );
    per_post("scan (all, eager)", engine.scan_timing(&drafts));
    per_post(
        "check (all)",
        secs(|| {
            drafts
                .iter()
                .for_each(|d| drop(std::hint::black_box(engine.check(d, &opts))))
        }),
    );
    per_post("term automaton", engine.term_timing(&drafts));
    per_post("regex set", engine.regex_set_timing(&drafts));
    for (i, (pat, s)) in engine.regex_timings(&drafts).into_iter().enumerate() {
        let short: String = pat.chars().take(60).collect();
        per_post(&format!("  regex {i:2} {short}"), s);
    }
}

fn println_ms(ms: f64) {
    println!(" {ms:7.2} ms");
}
