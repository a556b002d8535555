//! Engine benchmarks (criterion): compile time of all built-in packs, one 1.5 KB post, and
//! throughput over generated posts. Run with `cargo bench --bench engine`.

#[path = "postgen.rs"]
mod postgen;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leitplanke::draft::Draft;
use leitplanke::engine::{CheckOptions, Engine};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    c.bench_function("compile built-in packs", |b| {
        b.iter(|| Engine::with_packs(Vec::new()).unwrap())
    });

    let engine = Engine::with_packs(Vec::new()).unwrap();
    let opts = CheckOptions::default();

    let mut rng = postgen::Rng::new(7);
    let post = postgen::post(&mut rng, 1450);
    assert!((1400..1700).contains(&post.len()), "{}", post.len());
    c.bench_function("check one 1.5 KB post (parse + check)", |b| {
        b.iter(|| {
            let d = Draft::parse("p.md", black_box(post.clone()));
            engine.check(&d, &opts)
        })
    });

    let posts = postgen::posts(42, 1000);
    let mut g = c.benchmark_group("throughput");
    g.throughput(Throughput::Elements(posts.len() as u64));
    g.sample_size(20);
    g.bench_function("1000 generated posts, one core", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &posts {
                let d = Draft::parse("p.md", p.clone());
                n += engine.check(&d, &opts).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
