//! Image benchmarks (criterion): metadata-only inspection of each test photo, and the full
//! check (decode, downscale, faces, QR code) of a 12-megapixel colour JPEG made from the group
//! photo in `tests/images/photos/` (29 faces). Run with `cargo bench --bench images`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use leitplanke::images::{ImageOptions, inspect_bytes};

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/images")
            .join(rel),
    )
    .unwrap()
}

/// The group photo scaled to 4000×3000 and stored as a colour JPEG (quality 90), as a phone
/// would.
fn twelve_megapixels() -> Vec<u8> {
    let img = image::load_from_memory(&fixture("photos/group-solvay.jpg")).unwrap();
    let big = img.resize_exact(4000, 3000, FilterType::Triangle).to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&big)
        .unwrap();
    out
}

fn bench(c: &mut Criterion) {
    let meta_only = ImageOptions { pixels: false };
    let mut g = c.benchmark_group("metadata only");
    for f in [
        "metadata/gps-munich.jpg",
        "metadata/gps-munich.png",
        "metadata/gps-munich.webp",
        "metadata/gps-munich.heic",
        "metadata/copyright.jpg",
        "photos/group-solvay.jpg",
    ] {
        let bytes = fixture(f);
        g.bench_function(f, |b| {
            b.iter(|| inspect_bytes(black_box(bytes.clone()), meta_only).unwrap())
        });
    }
    g.finish();

    let big = twelve_megapixels();
    let facts = inspect_bytes(big.clone(), ImageOptions::default()).unwrap();
    eprintln!(
        "12 MP group photo: {} faces found (29 shown)",
        facts.faces().len()
    );
    let mut g = c.benchmark_group("full check");
    g.sample_size(10);
    g.bench_function("12 MP JPEG: decode, faces, QR", |b| {
        b.iter(|| inspect_bytes(black_box(big.clone()), ImageOptions::default()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
