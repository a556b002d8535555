//! Tune face detection: `cargo run --release --example face_tune -- SIDE STEP PYRAMID IMAGE…`
//! prints faces found and the time per image (decode excluded).
use std::time::Instant;

use leitplanke::images::{Format, pixels};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let side: u32 = args[0].parse().unwrap();
    let step: u32 = args[1].parse().unwrap();
    let pyramid: f32 = args[2].parse().unwrap();
    for path in &args[3..] {
        let bytes = std::fs::read(path).unwrap();
        let fmt = Format::sniff(&bytes).unwrap();
        let t = Instant::now();
        let g = pixels::decode_gray(&bytes, fmt).unwrap();
        let dec = t.elapsed();
        let t = Instant::now();
        let f = pixels::faces_with(
            &g,
            pixels::FaceParams {
                side,
                step,
                pyramid,
            },
        );
        let det = t.elapsed();
        let t = Instant::now();
        let q = pixels::qr_codes(&g);
        let qr = t.elapsed();
        println!(
            "{path}: {}x{} faces {} decode {:.0} ms faces {:.0} ms qr {:.0} ms ({:?})",
            g.width,
            g.height,
            f.len(),
            dec.as_secs_f64() * 1e3,
            det.as_secs_f64() * 1e3,
            qr.as_secs_f64() * 1e3,
            q
        );
    }
}
