//! Converts the built-in rule packs (`rules/*.yaml`) to JSON at build time. The YAML stays the
//! source and is embedded as well; the JSON only makes loading the built-in packs at start-up
//! about ten times faster (a YAML parser is slow next to a JSON one). A pack that does not
//! convert is simply left out here and read from its YAML at run time, where any error in it
//! is reported with its line and column.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut names: Vec<String> = std::fs::read_dir("rules")
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The JSON form of a built-in pack (by its path), converted from its YAML at build time.\n\
         pub fn json_of(path: &str) -> Option<&'static str> {\n    match path {\n",
    );
    for name in names {
        let Ok(yaml) = std::fs::read_to_string(Path::new("rules").join(&name)) else {
            continue;
        };
        let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&yaml) else {
            continue;
        };
        let Ok(json) = serde_json::to_string(&value) else {
            continue;
        };
        let file = Path::new(&out).join(name.replace(".yaml", ".json"));
        if std::fs::write(&file, json).is_err() {
            continue;
        }
        let _ = writeln!(
            code,
            "        {:?} => Some(include_str!({:?})),",
            format!("rules/{name}"),
            file.display().to_string()
        );
    }
    code.push_str("        _ => None,\n    }\n}\n");
    std::fs::write(Path::new(&out).join("packs_json.rs"), code).expect("OUT_DIR is writable");
}
