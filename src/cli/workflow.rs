//! Commands for workflows around `check`: `rules test` (a pack's own examples as its tests),
//! `init` (a starter configuration and, on request, a git pre-commit hook) and the staged-file
//! list for `check --staged`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use clap::Args;

use super::Common;
use crate::engine::{CheckOptions, Engine};
use crate::platform::Lang;

#[derive(Debug, Args)]
pub struct RulesTestArgs {
    /// Rule packs to test (files or folders).
    #[arg(value_name = "PACK", required = true)]
    pub packs: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

/// `leitplanke rules test PACK…`: run every rule's `bad` and `good` examples; exit 1 when one
/// fails.
pub fn rules_test(a: RulesTestArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let mut packs = Vec::new();
    for p in &a.packs {
        match crate::rule::load::read_path(p) {
            Ok(v) => packs.extend(v),
            Err(e) => {
                writeln!(err, "leitplanke: {e}")?;
                return Ok(2);
            }
        }
    }
    let names: Vec<String> = packs.iter().map(|(n, _)| n.clone()).collect();
    // A pack tested under the name of a built-in one (`rules test rules/`) replaces it.
    let mut sources: Vec<(String, String)> = crate::rule::builtin::sources()
        .into_iter()
        .filter(|(n, _)| !names.contains(n))
        .collect();
    sources.extend(packs);
    let engine = match crate::rule::load::load_all(sources).and_then(Engine::compile) {
        Ok(e) => e,
        Err(errors) => {
            let _ = crate::render::pack_errors::render(err, &errors, false);
            return Ok(2);
        }
    };
    let lang = a.common.lang.unwrap_or_else(Lang::from_env);
    let de = lang == Lang::De;
    let opts = CheckOptions {
        lang,
        ..CheckOptions::default()
    };
    let (mut passed, mut failed) = (0, 0);
    for rule in engine
        .rules()
        .iter()
        .filter(|r| names.contains(&r.source.path))
    {
        let mut problems = Vec::new();
        for (i, ex) in rule.examples.bad.iter().enumerate() {
            if !engine
                .check_example(rule, ex, &opts)
                .iter()
                .any(|d| d.rule == rule.id)
            {
                problems.push(format!(
                    "{} {i} {}: {ex:?}",
                    if de { "bad-Beispiel" } else { "bad example" },
                    if de { "nicht erkannt" } else { "not flagged" }
                ));
            }
        }
        for (i, ex) in rule.examples.good.iter().enumerate() {
            if let Some(d) = engine
                .check_example(rule, ex, &opts)
                .iter()
                .find(|d| d.rule == rule.id)
            {
                problems.push(format!(
                    "{} {i} {} {}:{}: {ex:?}",
                    if de { "good-Beispiel" } else { "good example" },
                    if de { "gemeldet bei" } else { "flagged at" },
                    d.line,
                    d.column
                ));
            }
        }
        if problems.is_empty() {
            passed += 1;
            writeln!(
                out,
                "ok   {} ({} bad, {} good)",
                rule.id,
                rule.examples.bad.len(),
                rule.examples.good.len()
            )?;
        } else {
            failed += 1;
            writeln!(out, "FAIL {}", rule.id)?;
            for p in problems {
                writeln!(out, "     {p}")?;
            }
        }
    }
    writeln!(
        out,
        "\n{passed} {}, {failed} {}",
        if de {
            "Regeln bestanden"
        } else {
            "rules passed"
        },
        if de { "fehlgeschlagen" } else { "failed" }
    )?;
    Ok(if failed > 0 { 1 } else { 0 })
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Also install a git pre-commit hook that checks the staged drafts.
    #[arg(long)]
    pub hook: bool,
    /// Folder to write into (default: the current one).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

const STARTER: &str = "\
# leitplanke configuration: applies to drafts in this folder and below (a nearer
# .leitplanke.yaml replaces it). Every key is optional; `leitplanke config` shows the result.

# Extra rule packs of your organisation, relative to this file:
# rules: [leitplanke-rules.yaml]

# Rules or whole categories you do not want (ids as in `leitplanke rules`):
# disable: [platform.hashtag-limit]

# Severity per rule (info or warning):
# severity:
#   privacy.phone: info

# Defaults when a draft does not say (the front matter and --platform/--lang win):
# platform: linkedin
# lang: de

# Values that are never reported:
# allow:
#   domains: [example.org]            # links and e-mail addresses on your domains
#   emails: [presse@example.org]      # public contact addresses
#   phones: [\"+49 89 1234-0\"]
#   names: [Erika Mustermann]         # your own name, public officials
#   partners: [Stadtwerke Beispiel]   # named partners
#   hashtags: [\"#beispielstadt\"]

# The \"see more\" fold per platform, if a platform changes it:
# fold:
#   instagram: 125
";

const HOOK: &str = "#!/bin/sh
# Installed by `leitplanke init --hook`: checks the staged drafts before each commit.
# Findings are advice; the commit stops only on warnings that are not acknowledged.
# Skip once with `git commit --no-verify`.
exec leitplanke check --staged --deny warning
";

/// Write `text` to `path` unless it exists; returns whether it was written.
fn write_new(path: &Path, text: &str) -> io::Result<bool> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// `leitplanke init [--hook]`: never overwrites anything.
pub fn init(a: InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let cfg = a.dir.join(".leitplanke.yaml");
    let mut code = 0;
    match write_new(&cfg, STARTER) {
        Ok(true) => writeln!(out, "wrote {}", cfg.display())?,
        Ok(false) => writeln!(out, "{} exists already; left as it is", cfg.display())?,
        Err(e) => {
            writeln!(err, "leitplanke: {}: {e}", cfg.display())?;
            code = 2;
        }
    }
    if a.hook {
        let git_dir = Process::new("git")
            .arg("-C")
            .arg(&a.dir)
            .args(["rev-parse", "--git-path", "hooks"])
            .output();
        let hooks = match git_dir {
            Ok(o) if o.status.success() => {
                let p = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
                if p.is_absolute() { p } else { a.dir.join(p) }
            }
            _ => {
                writeln!(
                    err,
                    "leitplanke: {} is not in a git repository",
                    a.dir.display()
                )?;
                return Ok(2);
            }
        };
        std::fs::create_dir_all(&hooks)?;
        let hook = hooks.join("pre-commit");
        match write_new(&hook, HOOK) {
            Ok(true) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
                }
                writeln!(out, "wrote {}", hook.display())?;
            }
            Ok(false) => writeln!(
                out,
                "{} exists already; left as it is (add `leitplanke check --staged --deny warning` to it)",
                hook.display()
            )?,
            Err(e) => {
                writeln!(err, "leitplanke: {}: {e}", hook.display())?;
                code = 2;
            }
        }
    }
    Ok(code)
}

/// A draft as staged in git's index (what the commit will contain), with the size limit.
pub fn read_staged(path: &Path, max_size: u64) -> Result<String, crate::draft::InputError> {
    let spec = format!(":./{}", path.display());
    let out = Process::new("git").args(["show", &spec]).output();
    match out {
        Ok(o) if o.status.success() => {
            crate::draft::read_limited(std::io::Cursor::new(o.stdout), max_size)
        }
        // Not in the index (or git failed): fall back to the file itself.
        _ => crate::draft::read_file(path, max_size),
    }
}

/// Drafts and images staged in git (added, copied, modified or renamed), relative to the
/// current folder.
pub fn staged_paths() -> Result<Vec<String>, String> {
    let top = Process::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !top.status.success() {
        return Err("--staged: not in a git repository".into());
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let o = Process::new("git")
        .args([
            "diff",
            "--cached",
            "--name-only",
            "--diff-filter=ACMR",
            "-z",
        ])
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).trim().to_string());
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    Ok(o.stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| top.join(String::from_utf8_lossy(p).as_ref()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| super::DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .map(|p| {
            p.strip_prefix(&cwd)
                .map(Path::to_path_buf)
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect())
}
