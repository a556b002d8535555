//! Write N generated drafts into a folder (for the CLI and ripgrep comparison in
//! `benches/compare.sh`): `cargo run --release --example gen_drafts -- DIR N`.

#[path = "../benches/postgen.rs"]
mod postgen;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: gen_drafts DIR N"));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    std::fs::create_dir_all(&dir)?;
    for (i, p) in postgen::posts(42, n).into_iter().enumerate() {
        std::fs::write(dir.join(format!("draft-{i:05}.md")), p)?;
    }
    Ok(())
}
