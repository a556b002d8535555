//! `leitplanke serve`: the local review page and its JSON API, on 127.0.0.1 by default.
//!
//! - `GET /` the page (HTML, CSS and JS embedded in the binary; nothing loaded from elsewhere),
//! - `POST /api/check`: JSON `{"text": …, "platform": …, "lang": …, "format": "json"|"markdown"}`
//!   or multipart (`text`, `platform`, `lang`, `format` fields and image files); answers
//!   exactly the CLI's JSON document (or its Markdown review),
//! - `GET /api/rules` the rule list, `GET /api/rules/{id}` one rule.
//!
//! Nothing is written to disk: uploaded images are inspected in memory. Nothing about a draft
//! is logged. Requests are limited in size ([`MAX_REQUEST`]); requests whose `Host` is not this
//! server's loopback address are refused (DNS rebinding), and the API only takes JSON or
//! multipart with no foreign `Origin`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::diagnostic::{FileReport, Summary};
use crate::draft::Draft;
use crate::engine::{CheckOptions, Engine};
use crate::images::{ImageOptions, Origin};
use crate::platform::{Lang, Platform};
use crate::render::{self, Format, RunInfo};

/// Largest request (text and all images together).
pub const MAX_REQUEST: usize = 25 * 1024 * 1024;
/// Largest draft text in a request.
pub const MAX_TEXT: usize = 1024 * 1024;
/// Most images in one request.
pub const MAX_IMAGES: usize = 20;
/// Longest time a client may take to send its request body.
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);
/// How long a client may take to send the request line and headers (against connections that
/// trickle headers to hold the server's sockets open).
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// What every request shares.
pub struct App {
    pub engine: Engine,
    pub opts: CheckOptions,
    /// The `host:port` values accepted in the `Host` header.
    pub hosts: Vec<String>,
}

type Shared = Arc<App>;

/// An error answered as JSON `{"error": "..."}` with a status code.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        (
            self.0,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response()
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

/// Build the router (also used by the tests, without a socket).
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/check", post(check))
        .route("/api/rules", get(rules))
        .route("/api/rules/{id}", get(rule))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_REQUEST))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuse foreign `Host` headers (DNS rebinding) and cross-site API calls; add security
/// headers to every answer.
async fn guard(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return ApiError(
            StatusCode::MISDIRECTED_REQUEST,
            "unexpected Host header: open the page through the address leitplanke printed".into(),
        )
        .into_response();
    }
    if req.uri().path().starts_with("/api/")
        && let Some(origin) = req
            .headers()
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
    {
        let own = app
            .hosts
            .iter()
            .any(|h| origin.eq_ignore_ascii_case(&format!("http://{h}")));
        if !own {
            return ApiError(
                StatusCode::FORBIDDEN,
                "requests from other sites are refused".into(),
            )
            .into_response();
        }
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn page() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE)
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

async fn not_found() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "not found".into())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

/// An uploaded image: its file name and bytes.
struct Upload {
    name: String,
    bytes: Vec<u8>,
}

async fn check(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let timeout = || {
        ApiError(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "request body not complete after {} s",
                BODY_TIMEOUT.as_secs()
            ),
        )
    };
    let (body, uploads) = if ctype.starts_with("application/json") {
        let bytes = tokio::time::timeout(BODY_TIMEOUT, Bytes::from_request(req, &()))
            .await
            .map_err(|_| timeout())?
            .map_err(|e| too_large_or_bad(e.status(), e.body_text()))?;
        let r: CheckRequest =
            serde_json::from_slice(&bytes).map_err(|e| bad(format!("invalid JSON: {e}")))?;
        (r, Vec::new())
    } else if ctype.starts_with("multipart/form-data") {
        let mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| bad(e.body_text()))?;
        tokio::time::timeout(BODY_TIMEOUT, read_multipart(mp))
            .await
            .map_err(|_| timeout())??
    } else {
        return Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send application/json or multipart/form-data".into(),
        ));
    };
    let app2 = app.clone();
    // Checking is CPU work (faces, QR codes): off the async threads.
    tokio::task::spawn_blocking(move || run_check(&app2, body, uploads))
        .await
        .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "check failed".into()))?
}

fn too_large_or_bad(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request larger than {} MB", MAX_REQUEST / (1024 * 1024)),
        )
    } else {
        bad(text)
    }
}

async fn read_multipart(mut mp: Multipart) -> Result<(CheckRequest, Vec<Upload>), ApiError> {
    let mut r = CheckRequest::default();
    let mut uploads = Vec::new();
    let mut has_text = false;
    while let Some(field) = mp.next_field().await.map_err(|e| {
        let s = e.status();
        too_large_or_bad(s, format!("invalid multipart body: {}", e.body_text()))
    })? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let data = field.bytes().await.map_err(|e| {
            let s = e.status();
            too_large_or_bad(s, format!("invalid multipart body: {}", e.body_text()))
        })?;
        let text = || {
            String::from_utf8(data.to_vec())
                .map_err(|_| bad(format!("field `{name}` is not UTF-8")))
        };
        match (name.as_str(), file_name) {
            ("image" | "images" | "images[]", Some(f)) => {
                if uploads.len() >= MAX_IMAGES {
                    return Err(bad(format!("at most {MAX_IMAGES} images per check")));
                }
                uploads.push(Upload {
                    name: f,
                    bytes: data.to_vec(),
                });
            }
            ("text", _) => {
                r.text = text()?;
                has_text = true;
            }
            ("platform", _) => r.platform = Some(text()?),
            ("lang", _) => r.lang = Some(text()?),
            ("format", _) => r.format = Some(text()?),
            (other, _) => return Err(bad(format!("unknown field `{other}`"))),
        }
    }
    if !has_text {
        return Err(bad("missing field `text`"));
    }
    Ok((r, uploads))
}

fn run_check(app: &App, r: CheckRequest, uploads: Vec<Upload>) -> Result<Response, ApiError> {
    if r.text.len() > MAX_TEXT {
        return Err(ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("draft longer than {} KiB", MAX_TEXT / 1024),
        ));
    }
    let mut opts = app.opts.clone();
    if let Some(p) = r.platform.as_deref().filter(|p| !p.is_empty()) {
        opts.platform = Some(p.parse::<Platform>().map_err(bad)?);
    }
    if let Some(l) = r.lang.as_deref().filter(|l| !l.is_empty()) {
        opts.lang = l.parse::<Lang>().map_err(bad)?;
    }
    let format = match r.format.as_deref().unwrap_or("json") {
        "json" => Format::Json,
        "markdown" => Format::Markdown,
        other => return Err(bad(format!("unknown format `{other}` (json or markdown)"))),
    };
    let mut d = Draft::parse("draft.md", r.text);
    // Images the text names by file name get the uploaded file's facts; the others are added.
    for a in d.images.iter_mut() {
        a.facts = Some(Err(crate::images::ImageError::NotFound));
    }
    for u in uploads {
        let facts = crate::images::inspect_bytes(u.bytes, ImageOptions::default());
        let base = |s: &str| s.rsplit(['/', '\\']).next().unwrap_or(s).to_string();
        match d
            .images
            .iter_mut()
            .find(|a| base(&a.written) == base(&u.name))
        {
            Some(a) => a.facts = Some(facts),
            None => d.images.push(crate::images::Attachment {
                written: u.name.clone(),
                resolved: u.name.into(),
                alt: None,
                credit: None,
                consent: false,
                origin: Origin::CommandLine,
                range: 0..0,
                facts: Some(facts),
            }),
        }
    }
    // Images named in the text but not uploaded are not findings here (the page may not have
    // them yet): drop their "not found".
    for a in d.images.iter_mut() {
        if matches!(a.facts, Some(Err(crate::images::ImageError::NotFound))) {
            a.facts = None;
        }
    }
    let diags = app.engine.check(&d, &opts);
    let report = FileReport::checked(d, diags, opts.lang);
    let mut summary = Summary::default();
    summary.add(&report);
    let mut out = Vec::new();
    let mut renderer = render::renderer(format, opts.lang, false, app.engine.rules());
    let info = RunInfo {
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    renderer
        .file(&mut out, &report)
        .and_then(|_| renderer.finish(&mut out, &summary, &info))
        .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "rendering failed".into()))?;
    let ct = match format {
        Format::Markdown => "text/markdown; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
    Ok(([(header::CONTENT_TYPE, ct)], out).into_response())
}

fn rule_json(r: &crate::rule::Rule, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "id": r.id,
        "category": r.category,
        "category_title": r.category.title(lang),
        "severity": r.severity,
        "message": r.message.get(lang),
        "reason": r.reason.get(lang),
        "reference": r.reference,
        "suggestion": r.suggestion.get(lang),
        "examples": {"bad": r.examples.bad, "good": r.examples.good},
    })
}

fn lang_of(headers: &HeaderMap, app: &App) -> Lang {
    headers
        .get("x-leitplanke-lang")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(app.opts.lang)
}

async fn rules(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers, &app);
    let list: Vec<serde_json::Value> = app
        .engine
        .rules()
        .iter()
        .map(|r| rule_json(r, lang))
        .collect();
    axum::Json(list).into_response()
}

async fn rule(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let lang = lang_of(&headers, &app);
    match app.engine.rule(&id) {
        Some(r) => Ok(axum::Json(rule_json(r, lang)).into_response()),
        None => {
            let close =
                crate::rule::closest_ids(&id, app.engine.rules().iter().map(|r| r.id.as_str()));
            Err(ApiError(
                StatusCode::NOT_FOUND,
                format!("unknown rule `{id}`; similar: {}", close.join(", ")),
            ))
        }
    }
}

/// The `Host` values accepted for a server on `addr`.
pub fn hosts_for(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut v = vec![format!("{addr}")];
    if addr.ip().is_loopback() {
        v.push(format!("localhost:{port}"));
        v.push(format!("127.0.0.1:{port}"));
    }
    v
}

/// Serve until the process is stopped. `ready` is called with the bound address.
pub fn serve(
    engine: Engine,
    opts: CheckOptions,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let bound = listener.local_addr()?;
        let app = Arc::new(App {
            engine,
            opts,
            hosts: hosts_for(bound),
        });
        ready(bound);
        let router = router(app);
        // hyper directly rather than `axum::serve`, which sets no timer, so that headers have a
        // deadline too.
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(c) => c,
                // Out of file descriptors and the like: wait a moment and go on serving.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}
