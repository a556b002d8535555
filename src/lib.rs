//! leitplanke: an advisory linter for social-media drafts of public-sector employees
//! ("Amtfluencer"). It explains what may be a problem in a draft (ad disclosure, data
//! protection, personality rights, copyright, public-service duties, platform rules and
//! accessibility), why, on which legal basis and what to do. It never blocks, edits or sends a
//! draft anywhere.
//!
//! Data flows one way:
//! files → [`draft::Draft`] → [`engine::Engine`] (compiled once from [`rule`] packs) →
//! `Vec<`[`diagnostic::Diagnostic`]`>` → a renderer in [`render`].
//!
//! ```
//! use leitplanke::{draft::Draft, engine::{CheckOptions, Engine}};
//! let engine = Engine::with_packs(Vec::new()).expect("built-in packs load");
//! let draft = Draft::parse("post.txt", "Mit dem Code SOMMER20 gibt es 20 % Rabatt!".to_string());
//! let found = engine.check(&draft, &CheckOptions::default());
//! assert!(found.iter().any(|d| d.rule == "ad.missing-label"));
//! ```

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod draft;
pub mod engine;
#[doc(hidden)]
pub mod fuzz;
pub mod images;
pub mod platform;
pub mod render;
pub mod rule;
pub mod serve;
pub mod text;
pub mod validate;
pub mod yaml;
