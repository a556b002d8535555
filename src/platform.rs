//! Platforms and languages, with the platform facts rules refer to (length limit, the "see more"
//! fold, how characters are counted). Figures from `shared/guidelines.md` §6; an organisation can
//! override them later through configuration.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a draft will be posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Linkedin,
    Instagram,
    Facebook,
    X,
    Mastodon,
    Tiktok,
}

/// How a platform counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Grapheme clusters (what a person sees as one character).
    Graphemes,
    /// X's weighted count: most Latin text counts 1, other scripts and emoji 2, URLs 23.
    XWeighted,
    /// Graphemes, but every URL counts 23 (Mastodon).
    UrlsAs23,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Linkedin,
        Platform::Instagram,
        Platform::Facebook,
        Platform::X,
        Platform::Mastodon,
        Platform::Tiktok,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Platform::Linkedin => "linkedin",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::X => "x",
            Platform::Mastodon => "mastodon",
            Platform::Tiktok => "tiktok",
        }
    }

    /// Display name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Platform::Linkedin => "LinkedIn",
            Platform::Instagram => "Instagram",
            Platform::Facebook => "Facebook",
            Platform::X => "X",
            Platform::Mastodon => "Mastodon",
            Platform::Tiktok => "TikTok",
        }
    }

    /// Characters visible before the "see more" cut, where the platform has one.
    pub fn fold(self) -> Option<usize> {
        match self {
            Platform::Linkedin => Some(210),
            Platform::Instagram => Some(125),
            Platform::Facebook => Some(125),
            Platform::Tiktok => Some(100),
            Platform::X | Platform::Mastodon => None,
        }
    }

    pub fn counting(self) -> Counting {
        match self {
            Platform::X => Counting::XWeighted,
            Platform::Mastodon => Counting::UrlsAs23,
            _ => Counting::Graphemes,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Platform {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let p = match lower.as_str() {
            "linkedin" => Platform::Linkedin,
            "instagram" => Platform::Instagram,
            "facebook" => Platform::Facebook,
            "x" | "twitter" => Platform::X,
            "mastodon" => Platform::Mastodon,
            "tiktok" => Platform::Tiktok,
            _ => {
                return Err(format!(
                    "unknown platform `{s}`, expected one of linkedin, instagram, facebook, x, mastodon, tiktok"
                ));
            }
        };
        Ok(p)
    }
}

/// A language: of a draft, or of leitplanke's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The message language from the environment: German when `LANG`/`LC_ALL`/`LC_MESSAGES`
    /// starts with `de`, English otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.to_ascii_lowercase().starts_with("de") {
                    Lang::De
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "de" | "de-de" | "de-at" | "de-ch" | "deutsch" | "german" => Ok(Lang::De),
            "en" | "en-us" | "en-gb" | "english" | "englisch" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}`, expected de or en")),
        }
    }
}
