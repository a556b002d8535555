//! The command line: `check`, `rules`, `explain` and `scrub`. Parsing with clap, then plain functions
//! that return the process exit code (0 ran fine, 1 `--deny` threshold reached, 2 usage or
//! input errors and broken rule packs). Output goes to the writers passed in.

mod scrub;
mod workflow;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{FileReport, Summary};
use crate::draft::{self, Draft, InputError};
use crate::engine::{CheckOptions, Engine};
use crate::images::ImageOptions;
use crate::platform::{Lang, Platform};
use crate::render::{self, Format, RunInfo};
use crate::rule::{Category, Rule, Severity};
use std::sync::Arc;

/// Advisory guideline checks for social-media drafts (ad disclosure, data protection,
/// personality rights, copyright, public-service duties). Never blocks, never edits, never
/// sends anything anywhere.
#[derive(Debug, Parser)]
#[command(name = "leitplanke", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts (.md/.txt files, folders, or - for standard input).
    Check(CheckArgs),
    /// List all rules, grouped by category.
    Rules(RulesArgs),
    /// Explain one rule: why it matters, the legal basis, what to do, examples.
    Explain(ExplainArgs),
    /// Remove EXIF, XMP and IPTC metadata from photos without re-encoding them (writes new files).
    Scrub(scrub::ScrubArgs),
    /// Show the effective configuration for a draft or folder, and where each value comes from.
    Config(ConfigArgs),
    /// Write a commented starter .leitplanke.yaml (and with --hook a git pre-commit hook).
    Init(workflow::InitArgs),
    /// Serve the review page on this machine (127.0.0.1) for pasting drafts and photos.
    Serve(ServeArgs),
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Run the `bad`/`good` examples of rule packs and report pass/fail per rule.
    Test(workflow::RulesTestArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 7777)]
    pub port: u16,
    /// Address to bind; anything but a loopback address makes the page reachable from other
    /// machines (a warning is printed).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Draft or folder whose configuration to show (default: the current folder).
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Readable report with the text quoted (default).
    Human,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// JUnit XML for CI dashboards.
    Junit,
    /// Markdown for a ticket or an e-mail.
    Markdown,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Extra rule pack (a .yaml file or a folder of them); repeatable.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Configuration file to use instead of the nearest `.leitplanke.yaml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Language of the messages (default: from LANG; German when it starts with "de").
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Draft files or folders; `-` reads standard input. Image files given here are checked on
    /// their own.
    #[arg(value_name = "PATHS", required_unless_present_any = ["images", "staged"])]
    pub paths: Vec<String>,
    /// Check the drafts staged in git (for a pre-commit hook).
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Image to check with every draft (or on its own when no draft is given); repeatable.
    #[arg(long = "image", value_name = "PATH")]
    pub images: Vec<PathBuf>,
    /// Read only image metadata; skip decoding pixels (no face or QR-code detection).
    #[arg(long)]
    pub no_pixels: bool,
    /// Skip files and folders matching this glob while walking folders; repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Platform to check for (overrides the draft's front matter).
    #[arg(long, value_parser = parse_platform)]
    pub platform: Option<Platform>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with 1 when a finding at or above this severity is not acknowledged.
    #[arg(long, value_enum)]
    pub deny: Option<DenyArg>,
    /// Largest draft that is read, e.g. 1MiB, 500KiB or a number of bytes.
    #[arg(long, value_parser = parse_size, default_value = "1MiB")]
    pub max_size: u64,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyArg {
    Warning,
    Info,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. ad.missing-label.
    pub id: String,
    #[command(flatten)]
    pub common: Common,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    s.parse()
}

/// Parse sizes such as `1MiB`, `512KiB`, `2MB`, `100k` or `4096`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. 1MiB, 500KiB or 4096"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return Err(format!("unknown size unit in `{s}`; use KiB, MiB or GiB")),
    };
    let n = n
        .checked_mul(mult)
        .ok_or_else(|| format!("`{s}` is too large"))?;
    // Offsets inside the engine are 32-bit, and folding can make text several times longer.
    if n > MAX_SIZE_LIMIT {
        return Err(format!("`{s}` is above the largest supported size, 256MiB"));
    }
    Ok(n)
}

/// The largest `--max-size` accepted.
pub const MAX_SIZE_LIMIT: u64 = 256 * 1024 * 1024;

impl Common {
    fn color(&self, stream_is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    /// The configuration file for a path: `--config`, else the nearest `.leitplanke.yaml`.
    fn config_for(&self, path: &Path) -> Option<PathBuf> {
        match &self.config {
            Some(c) => Some(c.clone()),
            None => config::discover(path),
        }
    }

    /// Built-in packs, the configuration's packs and `--rules`, with the configuration applied;
    /// on failure the errors are printed and `Err(2)` returned.
    fn setup(&self, config_file: Option<&Path>, err: &mut dyn Write) -> Result<Setup, u8> {
        let color = self.color(io::stderr().is_terminal());
        let fail = |err: &mut dyn Write, errors: Vec<crate::rule::load::PackError>| {
            let _ = render::pack_errors::render(err, &errors, color);
            2
        };
        let config = match config_file {
            Some(p) => Config::load(p).map_err(|e| fail(err, e))?,
            None => Config::default(),
        };
        let mut extra = Vec::new();
        let mut errors = Vec::new();
        for (p, at) in &config.rules {
            match crate::rule::load::read_path(p) {
                Ok(packs) => extra.extend(packs),
                Err(e) => errors.push(crate::rule::load::PackError::new(
                    config.source.as_ref().expect("rules come from a file"),
                    at.clone(),
                    e,
                )),
            }
        }
        if !errors.is_empty() {
            return Err(fail(err, errors));
        }
        for p in &self.rules {
            match crate::rule::load::read_path(p) {
                Ok(packs) => extra.extend(packs),
                Err(e) => {
                    let _ = writeln!(err, "leitplanke: {e}");
                    return Err(2);
                }
            }
        }
        let mut sources = crate::rule::builtin::sources();
        sources.extend(extra);
        let rules = crate::rule::load::load_all(sources).map_err(|e| fail(err, e))?;
        let errors = config.check_ids(&rules);
        if !errors.is_empty() {
            return Err(fail(err, errors));
        }
        let engine = Engine::compile(config.apply(rules)).map_err(|e| fail(err, e))?;
        Ok(Setup { engine, config })
    }

    /// The setup for the current folder (for `rules`, `explain`, `config`).
    fn setup_here(&self, err: &mut dyn Write) -> Result<Setup, u8> {
        let cfg = self.config_for(Path::new("."));
        self.setup(cfg.as_deref(), err)
    }

    /// Message language: `--lang`, else the configuration's, else the environment's.
    fn lang_with(&self, config: &Config) -> Lang {
        self.lang.or(config.lang).unwrap_or_else(Lang::from_env)
    }
}

/// `leitplanke serve`: the review page until the process is stopped.
fn serve(a: ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let setup = match a.common.setup_here(err) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = a.common.lang_with(&setup.config);
    let c = &setup.config;
    let opts = CheckOptions {
        lang,
        platform: None,
        default_platform: c.platform.unwrap_or(Platform::Linkedin),
        allow: Arc::new(c.allow.clone()),
        folds: c.fold.clone(),
    };
    if !a.host.is_loopback() {
        writeln!(
            err,
            "leitplanke: warning: listening on {} makes the page reachable from other machines; drafts sent to it are readable by anyone who can reach this port",
            a.host
        )?;
    }
    let addr = std::net::SocketAddr::new(a.host, a.port);
    let open = a.open;
    let mut announce = |bound: std::net::SocketAddr| {
        let url = format!("http://{bound}/");
        let _ = writeln!(
            out,
            "{} {url}  (Strg+C / Ctrl+C {})",
            if lang == Lang::De {
                "leitplanke läuft auf"
            } else {
                "leitplanke is serving"
            },
            if lang == Lang::De {
                "beendet"
            } else {
                "stops it"
            }
        );
        let _ = out.flush();
        if open {
            let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
        }
    };
    match crate::serve::serve(setup.engine, opts, addr, &mut announce) {
        Ok(()) => Ok(0),
        Err(e) => {
            writeln!(err, "leitplanke: cannot serve on {addr}: {e}")?;
            Ok(2)
        }
    }
}

/// `leitplanke config`: every setting with its value and origin.
fn show_config(a: ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let file = a.common.config_for(&a.path);
    let setup = match a.common.setup(file.as_deref(), err) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let c = &setup.config;
    let name = c
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let from = |key: &str| -> Vec<String> {
        c.origins
            .iter()
            .filter(|o| o.key == key || o.key.starts_with(&format!("{key}.")))
            .map(|o| format!("{}: {}  # {name}:{}", o.key, o.value, o.line))
            .collect()
    };
    match &c.path {
        Some(p) => writeln!(
            out,
            "# configuration file: {}{}",
            p.display(),
            if a.common.config.is_some() {
                " (--config)"
            } else {
                " (nearest .leitplanke.yaml)"
            }
        )?,
        None => writeln!(out, "# no configuration file: built-in defaults")?,
    }
    let lang_origin = if a.common.lang.is_some() {
        "--lang".to_string()
    } else if c.lang.is_some() {
        from("lang").join("")
    } else {
        "environment (LC_ALL, LC_MESSAGES, LANG)".to_string()
    };
    let lang = a.common.lang_with(c);
    if c.lang.is_some() && a.common.lang.is_none() {
        writeln!(out, "{lang_origin}")?;
    } else {
        writeln!(out, "lang: {}  # {lang_origin}", lang.name())?;
    }
    match c.platform {
        Some(_) => writeln!(out, "{}", from("platform").join(""))?,
        None => writeln!(
            out,
            "platform: linkedin  # default (a draft's front matter and --platform win)"
        )?,
    }
    let rules = setup.engine.rules();
    writeln!(
        out,
        "# {} rules active ({} built in; extra packs: {})",
        rules.len(),
        crate::rule::builtin::PACKS.len(),
        if c.rules.is_empty() && a.common.rules.is_empty() {
            "none".to_string()
        } else {
            c.rules
                .iter()
                .map(|(p, _)| p.display().to_string())
                .chain(
                    a.common
                        .rules
                        .iter()
                        .map(|p| format!("{} (--rules)", p.display())),
                )
                .collect::<Vec<_>>()
                .join(", ")
        }
    )?;
    for key in ["rules", "disable", "severity", "allow", "fold"] {
        for line in from(key) {
            writeln!(out, "{line}")?;
        }
    }
    for p in Platform::ALL {
        if !c.fold.iter().any(|(q, _)| *q == p)
            && let Some(n) = p.fold()
        {
            writeln!(out, "fold.{}: {n}  # built in", p.name())?;
        }
    }
    Ok(0)
}

/// A compiled engine with the configuration it was built from.
pub struct Setup {
    pub engine: Engine,
    pub config: Config,
}

/// Run the CLI with the given arguments; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let code = match cli.command {
        Command::Check(a) => check(a, out, err),
        Command::Rules(a) => rules(a, out, err),
        Command::Explain(a) => explain(a, out, err),
        Command::Scrub(a) => scrub::run(a, out, err),
        Command::Config(a) => show_config(a, out, err),
        Command::Init(a) => workflow::init(a, out, err),
        Command::Serve(a) => serve(a, out, err),
    };
    match code {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "leitplanke: {e}");
            2
        }
    }
}

/// One input: a file found on disk or standard input.
#[derive(Debug, Clone)]
enum Input {
    Stdin,
    File(PathBuf),
    /// An image checked on its own.
    Image(PathBuf),
    Missing(String),
}

impl Input {
    fn display(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            // As `display()` shows it (invalid UTF-8 replaced), without the formatting machinery.
            Input::File(p) | Input::Image(p) => p.to_string_lossy().into_owned(),
            Input::Missing(p) => p.clone(),
        }
    }
}

const DRAFT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Find the inputs on a thread of their own and hand them over in order, so that checking
/// starts while folders are still being walked (and a huge folder is never held as a list).
fn stream_inputs(
    paths: Vec<String>,
    exclude: Option<ignore::overrides::Override>,
    config: Option<PathBuf>,
) -> std::sync::mpsc::Receiver<(Input, Option<PathBuf>)> {
    let (tx, rx) = std::sync::mpsc::sync_channel(4 * BATCH);
    std::thread::spawn(move || {
        // The nearest configuration, looked up once per folder; a folder's drafts come one
        // after another, so the last folder's answer is kept at hand.
        let mut by_dir: std::collections::HashMap<PathBuf, Option<PathBuf>> = Default::default();
        let mut last: Option<(PathBuf, Option<PathBuf>)> = None;
        let mut config_of = |i: &Input| -> Option<PathBuf> {
            if let Some(c) = &config {
                return Some(c.clone());
            }
            let p = match i {
                Input::Stdin => Path::new("-"),
                Input::File(p) | Input::Image(p) => p.as_path(),
                Input::Missing(p) => Path::new(p),
            };
            let dir = p.parent().unwrap_or(Path::new(""));
            if let Some((d, c)) = &last
                && d.as_os_str() == dir.as_os_str()
            {
                return c.clone();
            }
            let c = by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| config::discover(p))
                .clone();
            last = Some((dir.to_path_buf(), c.clone()));
            c
        };
        collect_inputs(&paths, exclude.as_ref(), |i| {
            let c = config_of(&i);
            tx.send((i, c)).is_ok()
        })
    });
    rx
}

/// `--exclude` globs as an ignore override (matching paths are skipped).
fn exclude_globs(globs: &[String]) -> Result<Option<ignore::overrides::Override>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = ignore::overrides::OverrideBuilder::new(".");
    for g in globs {
        b.add(&format!("!{g}"))
            .map_err(|e| format!("--exclude {g}: {e}"))?;
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

fn excluded(ov: Option<&ignore::overrides::Override>, p: &Path, is_dir: bool) -> bool {
    ov.is_some_and(|o| o.matched(p, is_dir).is_ignore())
}

/// Walk the given paths in a fixed order, passing each input to `emit` (which returns false to
/// stop).
fn collect_inputs(
    paths: &[String],
    exclude: Option<&ignore::overrides::Override>,
    mut emit: impl FnMut(Input) -> bool,
) {
    for p in paths {
        if p == "-" {
            if !emit(Input::Stdin) {
                return;
            }
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            // Sorted per folder while walking: deterministic order without sorting paths.
            let mut walk = ignore::WalkBuilder::new(path);
            // By name within each folder. Siblings share their folder's path, so comparing whole
            // paths as bytes orders them by name too, without parsing them into components
            // (which made sorting a folder of 10,000 drafts take 10 ms instead of 3).
            walk.require_git(false).sort_by_file_path(|a, b| {
                a.as_os_str()
                    .as_encoded_bytes()
                    .cmp(b.as_os_str().as_encoded_bytes())
            });
            if let Some(ov) = exclude {
                let ov = ov.clone();
                walk.filter_entry(move |e| {
                    !excluded(
                        Some(&ov),
                        e.path(),
                        e.file_type().is_some_and(|t| t.is_dir()),
                    )
                });
            }
            let found = walk
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| DRAFT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(e)))
                });
            for f in found {
                if !emit(Input::File(f)) {
                    return;
                }
            }
        } else if path.exists() {
            if excluded(exclude, path, false) {
                continue;
            }
            let input = if crate::images::has_image_extension(path) {
                Input::Image(path.to_path_buf())
            } else {
                Input::File(path.to_path_buf())
            };
            if !emit(input) {
                return;
            }
        } else if !emit(Input::Missing(p.clone())) {
            return;
        }
    }
}

/// What every draft of a run shares: size limit, options, images from the command line.
struct Job<'a> {
    max_size: u64,
    /// Read drafts from git's index (what will be committed), not the working tree.
    staged: bool,
    images: &'a [PathBuf],
    image_opts: ImageOptions,
    format: Format,
}

/// A configuration's engine and the options it implies.
struct Prepared {
    setup: Setup,
    opts: CheckOptions,
}

fn check_one(job: &Job, prep: &Prepared, input: &Input) -> FileReport {
    let (engine, max_size, opts) = (&prep.setup.engine, job.max_size, &prep.opts);
    let name = input.display();
    let text: Result<String, InputError> = match input {
        Input::Stdin => draft::read_limited(io::stdin().lock(), max_size),
        Input::File(p) if job.staged => workflow::read_staged(p, max_size),
        Input::File(p) => draft::read_file(p, max_size),
        Input::Image(_) => Ok(String::new()),
        Input::Missing(_) => draft::read_file(Path::new(&name), max_size),
    };
    match text {
        Ok(text) => {
            let mut d = Draft::parse(name, text);
            if let Input::Image(p) = input {
                d.images = vec![draft::attachments::from_command_line(p)];
            } else {
                d.images.extend(
                    job.images
                        .iter()
                        .map(|p| draft::attachments::from_command_line(p)),
                );
            }
            d.inspect_images(job.image_opts);
            let diags = engine.check(&d, opts);
            FileReport::checked(d, diags, opts.lang)
        }
        Err(e) => FileReport::failed(name, &e, opts.lang),
    }
}

/// Check one input and, for JSON, render it right away on the same worker thread (the text is
/// then no longer needed).
fn check_and_render(job: &Job, prep: &Prepared, input: &Input) -> FileReport {
    let mut r = check_one(job, prep, input);
    if job.format == Format::Json {
        r.rendered = Some(render::json_file_bytes(&r));
        r.source = None;
        for d in &mut r.diagnostics {
            d.shed_text();
        }
    }
    r
}

/// Files checked in parallel per batch, written in input order.
const BATCH: usize = 256;

fn check(a: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let exclude = exclude_globs(&a.exclude);
    // Images alone: each is checked on its own.
    let paths = if a.staged {
        workflow::staged_paths()
    } else if a.paths.is_empty() {
        Ok(a.images.iter().map(|p| p.display().to_string()).collect())
    } else {
        Ok(a.paths.clone())
    };
    let to_walk = exclude.and_then(|ex| paths.map(|paths| (ex, paths)));
    let walk = |w: Result<(Option<ignore::overrides::Override>, Vec<String>), String>| {
        w.map(|(ex, paths)| stream_inputs(paths, ex, a.common.config.clone()))
    };
    // Folders are walked (and sorted) on a thread of their own while the rules are compiled;
    // for files alone, such a thread would only compete with the compilation.
    let folders = matches!(&to_walk, Ok((_, p)) if p.iter().any(|p| Path::new(p).is_dir()));
    // `Ok`: walking already; `Err`: still to be walked.
    let pending = if folders {
        Ok(walk(to_walk))
    } else {
        Err(to_walk)
    };
    // The configuration of the current folder decides the language of the report itself and
    // the rule list of formats that print one (SARIF); each draft is checked with its own.
    let here = match a.common.setup_here(err) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let inputs = match pending.unwrap_or_else(walk) {
        Ok(i) => i,
        Err(e) => {
            writeln!(err, "leitplanke: {e}")?;
            return Ok(2);
        }
    };
    let lang = a.common.lang_with(&here.config);
    let format = match a.format {
        CheckFormat::Human => Format::Human,
        CheckFormat::Json => Format::Json,
        CheckFormat::Sarif => Format::Sarif,
        CheckFormat::Github => Format::Github,
        CheckFormat::Junit => Format::Junit,
        CheckFormat::Markdown => Format::Markdown,
    };
    let color = format == Format::Human && a.common.color(io::stdout().is_terminal());
    let mut renderer = render::renderer(format, lang, color, here.engine.rules());
    let prepare = |setup: Setup| -> Arc<Prepared> {
        let c = &setup.config;
        let opts = CheckOptions {
            lang: a.common.lang_with(c),
            platform: a.platform,
            default_platform: c.platform.unwrap_or(Platform::Linkedin),
            allow: Arc::new(c.allow.clone()),
            folds: c.fold.clone(),
        };
        Arc::new(Prepared { setup, opts })
    };
    let here_key = here.config.path.clone();
    let mut prepared: std::collections::HashMap<Option<PathBuf>, Arc<Prepared>> =
        Default::default();
    prepared.insert(here_key, prepare(here));
    let job = &Job {
        max_size: a.max_size,
        staged: a.staged,
        images: if a.paths.is_empty() && !a.staged {
            &[]
        } else {
            &a.images
        },
        image_opts: ImageOptions {
            pixels: !a.no_pixels,
        },
        format,
    };
    let mut inputs = inputs.iter();
    let mut next_batch = move || -> Option<Vec<(Input, Option<PathBuf>)>> {
        let batch: Vec<_> = inputs.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    };
    let mut summary = Summary::default();
    let mut denied = false;
    let threshold = a.deny.map(|d| match d {
        DenyArg::Warning => Severity::Warning,
        DenyArg::Info => Severity::Info,
    });
    // Batches are checked in parallel while the previous batch is written, in input order;
    // at most two batches are in memory, however many drafts there are.
    let process = |chunk: &[(Input, Arc<Prepared>)]| -> Vec<FileReport> {
        if chunk.len() == 1 {
            vec![check_and_render(job, &chunk[0].1, &chunk[0].0)]
        } else {
            chunk
                .par_iter()
                .map(|(i, p)| check_and_render(job, p, i))
                .collect()
        }
    };
    // A progress line on stderr for runs longer than a second, only for people at a terminal.
    let progress_wanted = format == Format::Human && io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut progress: Option<indicatif::ProgressBar> = None;
    let mut pending: Option<Vec<FileReport>> = None;
    loop {
        if progress_wanted
            && progress.is_none()
            && started.elapsed() > std::time::Duration::from_secs(1)
        {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} {msg} ({elapsed})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            pb.set_message(if lang == Lang::De {
                "Entwürfe geprüft"
            } else {
                "drafts checked"
            });
            pb.set_position(summary.files as u64);
            pb.enable_steady_tick(std::time::Duration::from_millis(120));
            progress = Some(pb);
        }
        let next_chunk = match next_batch() {
            None => None,
            Some(batch) => {
                // New configurations are loaded here, on the main thread; a broken one stops
                // the run with its located errors.
                let mut with = Vec::with_capacity(batch.len());
                for (input, cfg) in batch {
                    let p = match prepared.get(&cfg) {
                        Some(p) => p.clone(),
                        None => match a.common.setup(cfg.as_deref(), err) {
                            Ok(setup) => {
                                let p = prepare(setup);
                                prepared.insert(cfg, p.clone());
                                p
                            }
                            Err(code) => return Ok(code),
                        },
                    };
                    with.push((input, p));
                }
                Some(with)
            }
        };
        if next_chunk.is_none() && pending.is_none() {
            break;
        }
        let mut next: Option<Vec<FileReport>> = None;
        let mut written: io::Result<()> = Ok(());
        rayon::in_place_scope(|s| {
            if let Some(c) = next_chunk {
                let next = &mut next;
                let process = &process;
                s.spawn(move |_| *next = Some(process(&c)));
            }
            if let Some(reports) = pending.take() {
                for r in &reports {
                    summary.add(r);
                    if let Some(t) = threshold {
                        denied |= r.diagnostics.iter().any(|d| d.is_open() && d.severity >= t);
                    }
                    if written.is_ok() {
                        written = match &progress {
                            Some(pb) => {
                                pb.inc(1);
                                pb.suspend(|| renderer.file(out, r))
                            }
                            None => renderer.file(out, r),
                        };
                    }
                }
            }
        });
        written?;
        pending = next;
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    renderer.finish(
        out,
        &summary,
        &RunInfo {
            tool_version: env!("CARGO_PKG_VERSION"),
        },
    )?;
    out.flush()?;
    // Freeing the compiled rules takes longer than checking a draft (a few tenths of a
    // millisecond): a thread does it, which the process does not wait for when it exits.
    std::thread::spawn(move || drop(prepared));
    Ok(if summary.files_with_errors > 0 {
        2
    } else if denied {
        1
    } else {
        0
    })
}

fn rules(a: RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if let Some(RulesAction::Test(t)) = a.action {
        return workflow::rules_test(t, out, err);
    }
    let setup = match a.common.setup_here(err) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = a.common.lang_with(&setup.config);
    let engine = setup.engine;
    if a.format == FormatArg::Json {
        let list: Vec<serde_json::Value> = engine
            .rules()
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "category": r.category, "severity": r.severity,
                    "kind": r.check.kind(), "message": template(r.message.get(lang)),
                    "reference": r.reference,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    let width = engine
        .rules()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(10);
    for cat in Category::ALL {
        let rs: Vec<&Rule> = engine
            .rules()
            .iter()
            .filter(|r| r.category == cat)
            .collect();
        if rs.is_empty() {
            continue;
        }
        writeln!(out, "{} ({})", cat.title(lang), cat.name())?;
        for r in rs {
            writeln!(
                out,
                "  {:width$}  {:7}  {}",
                r.id,
                r.severity.name(),
                first_sentence(r.message.get(lang))
            )?;
        }
        writeln!(out)?;
    }
    let n = engine.rules().len();
    match lang {
        Lang::De => writeln!(out, "{n} Regeln. Details: leitplanke explain <id>")?,
        Lang::En => writeln!(out, "{n} rules. Details: leitplanke explain <id>")?,
    }
    Ok(0)
}

/// A message template for display without a finding: placeholders such as `{match}` become `…`.
pub fn template(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        // A placeholder is `{` + lowercase ASCII + `}`; scan only that far (linear).
        let name_len = rest[i + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if rest.as_bytes().get(i + 1 + name_len) == Some(&b'}') {
            out.push_str(&rest[..i]);
            out.push('…');
            rest = &rest[i + name_len + 2..];
        } else {
            out.push_str(&rest[..=i]);
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn first_sentence(s: &str) -> String {
    let s = template(s).replace(['\n'], " ");
    match s.find(". ").or_else(|| s.find("? ")) {
        Some(i) if i < 110 => s[..=i].to_string(),
        _ if s.chars().count() > 110 => format!("{}…", s.chars().take(109).collect::<String>()),
        _ => s,
    }
}

fn explain(a: ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let setup = match a.common.setup_here(err) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let lang = a.common.lang_with(&setup.config);
    let engine = setup.engine;
    let Some(r) = engine.rule(&a.id) else {
        let close = crate::rule::closest_ids(&a.id, engine.rules().iter().map(|r| r.id.as_str()));
        match lang {
            Lang::De => write!(err, "leitplanke: unbekannte Regel `{}`", a.id)?,
            Lang::En => write!(err, "leitplanke: unknown rule `{}`", a.id)?,
        }
        if close.is_empty() {
            writeln!(err, " (leitplanke rules)")?;
        } else {
            let lead = if lang == Lang::De {
                "meinten Sie"
            } else {
                "did you mean"
            };
            writeln!(err, "; {lead}: {}?", close.join(", "))?;
        }
        return Ok(2);
    };
    let (why, what, basis, bad, good, cat) = match lang {
        Lang::De => (
            "Warum",
            "Was tun",
            "Grundlage",
            "Löst aus",
            "Unauffällig",
            "Kategorie",
        ),
        Lang::En => ("Why", "What to do", "Basis", "Flagged", "Fine", "Category"),
    };
    writeln!(out, "{} ({}, {})", r.id, r.severity, r.check.kind())?;
    writeln!(out, "{cat}: {} ({})", r.category.title(lang), r.category)?;
    writeln!(out)?;
    writeln!(out, "{}", template(r.message.get(lang)))?;
    writeln!(out)?;
    writeln!(out, "{why}: {}", r.reason.get(lang))?;
    writeln!(out, "{what}: {}", r.suggestion.get(lang))?;
    writeln!(out, "{basis}: {}", r.reference)?;
    writeln!(out)?;
    if !r.concepts.is_empty() {
        // The word groups the rule uses, with the forms each term matches (a few per term).
        let (head, more) = match lang {
            Lang::De => (
                "Begriffsgruppen (Konzepte) und die Formen, die sie finden",
                "weitere",
            ),
            Lang::En => ("Concepts and the forms they match", "more"),
        };
        writeln!(out, "{head}:")?;
        for c in &r.concepts {
            let forms: Vec<String> = c
                .terms
                .iter()
                .map(|t| crate::rule::inflect::compact(t))
                .collect();
            let shown = forms.len().min(40);
            let rest = forms.len() - shown;
            let desc = c.description.as_deref().unwrap_or("");
            writeln!(out, "  @{} – {desc}", c.name)?;
            write!(out, "    {}", forms[..shown].join(", "))?;
            if rest > 0 {
                write!(out, " … (+{rest} {more})")?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    for (title, list) in [(bad, &r.examples.bad), (good, &r.examples.good)] {
        writeln!(out, "{title}:")?;
        for ex in list {
            let one = ex.trim().replace('\n', "\n    ");
            writeln!(out, "  - {one}")?;
        }
    }
    Ok(0)
}
