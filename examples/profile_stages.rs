//! Time the stages of checking one generated post (development aid):
//! `cargo run --release --example profile_stages`.

#[path = "../benches/postgen.rs"]
mod postgen;

use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};
use leitplanke::text::View;
use std::time::Instant;

fn main() {
    compile_stages();
    let engine = Engine::with_packs(Vec::new()).unwrap();
    let posts = postgen::posts(42, 1000);
    let n = posts.len() as f64;
    let t = Instant::now();
    for p in &posts {
        std::hint::black_box(View::folded(p));
    }
    println!(
        "folded view      {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    for p in &posts {
        std::hint::black_box(View::normalized(p));
    }
    println!(
        "normalized view  {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    for p in &posts {
        std::hint::black_box(leitplanke::draft::Structure::parse(p, 0..p.len()));
    }
    println!(
        "structure        {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    for p in &posts {
        std::hint::black_box(leitplanke::text::LineIndex::new(p));
    }
    println!(
        "line index       {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    let drafts: Vec<Draft> = posts.iter().map(|p| Draft::parse("p", p.clone())).collect();
    println!(
        "Draft::parse     {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    for d in &drafts {
        std::hint::black_box(engine.scan(d));
    }
    println!(
        "scan (AC+regex)  {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    let t = Instant::now();
    for d in &drafts {
        std::hint::black_box(engine.check(d, &CheckOptions::default()));
    }
    println!(
        "check (all)      {:6.1} µs/post",
        t.elapsed().as_secs_f64() * 1e6 / n
    );
    println!(
        "term automaton   {:6.1} µs/post",
        engine.term_timing(&drafts) * 1e6 / n
    );
    println!(
        "regex set        {:6.1} µs/post",
        engine.regex_set_timing(&drafts) * 1e6 / n
    );
    for skip in [
        vec![14],
        vec![15],
        vec![14, 15],
        vec![3, 5],
        vec![3, 5, 14, 15],
    ] {
        println!(
            "set without {skip:?}: {:5.1} µs/post",
            engine.regex_set_timing_without(&drafts, &skip) * 1e6 / n
        );
    }
    for (i, (pat, dt)) in engine.regex_timings(&drafts).into_iter().enumerate() {
        println!(
            "  regex {i:2} {:6.2} µs/post  {}",
            dt * 1e6 / n,
            &pat[..pat.len().min(70)]
        );
    }
}

#[allow(dead_code)]
fn compile_stages() {
    use leitplanke::rule::{builtin, load::load_all};
    let n = 200;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(load_all(builtin::sources()).unwrap());
    }
    println!(
        "load packs (YAML)  {:6.2} ms",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
    let rules = load_all(builtin::sources()).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(Engine::compile(rules.clone()).unwrap());
    }
    println!(
        "compile engine     {:6.2} ms",
        t.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
