//! The built-in rule packs, embedded into the binary so that leitplanke works from anywhere
//! after `cargo install`.

/// (file name, YAML text) of every built-in pack, in a fixed order.
pub const PACKS: &[(&str, &str)] = &[
    (
        "rules/concepts.yaml",
        include_str!("../../rules/concepts.yaml"),
    ),
    (
        "rules/acknowledgements.yaml",
        include_str!("../../rules/acknowledgements.yaml"),
    ),
    (
        "rules/ad-disclosure.yaml",
        include_str!("../../rules/ad-disclosure.yaml"),
    ),
    (
        "rules/data-protection.yaml",
        include_str!("../../rules/data-protection.yaml"),
    ),
    (
        "rules/personality-rights.yaml",
        include_str!("../../rules/personality-rights.yaml"),
    ),
    (
        "rules/copyright.yaml",
        include_str!("../../rules/copyright.yaml"),
    ),
    ("rules/images.yaml", include_str!("../../rules/images.yaml")),
    (
        "rules/platform.yaml",
        include_str!("../../rules/platform.yaml"),
    ),
    (
        "rules/public-service.yaml",
        include_str!("../../rules/public-service.yaml"),
    ),
    (
        "rules/accessibility.yaml",
        include_str!("../../rules/accessibility.yaml"),
    ),
];

include!(concat!(env!("OUT_DIR"), "/packs_json.rs"));

/// The JSON form of `text` when it is exactly the built-in pack `path` (a pack edited on disk
/// and loaded under the same name is read from its YAML).
pub fn json_for(path: &str, text: &str) -> Option<&'static str> {
    PACKS
        .iter()
        .any(|(p, t)| *p == path && *t == text)
        .then(|| json_of(path))
        .flatten()
}

/// The built-in packs as owned (path, text) pairs for [`super::load::load_all`].
pub fn sources() -> Vec<(String, String)> {
    PACKS
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}
