//! The review server's API, driven through the router without a socket: checks as JSON and as
//! multipart with images, limits, bad requests, the Host and Origin guards, security headers,
//! and static assets.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use leitplanke::engine::{CheckOptions, Engine};
use leitplanke::serve::{App, MAX_REQUEST, router};
use serde_json::Value;
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:7777";

fn app() -> axum::Router {
    router(Arc::new(App {
        engine: Engine::with_packs(Vec::new()).unwrap(),
        opts: CheckOptions::default(),
        hosts: leitplanke::serve::hosts_for("127.0.0.1:7777".parse().unwrap()),
    }))
}

async fn send(req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, body.to_vec())
}

fn json_req(body: &str) -> Request<Body> {
    Request::post("/api/check")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn multipart(parts: &[(&str, Option<&str>, Vec<u8>)]) -> Request<Body> {
    let boundary = "XleitplankeX";
    let mut body = Vec::new();
    for (name, file, data) in parts {
        body.extend(format!("--{boundary}\r\n").bytes());
        match file {
            Some(f) => body.extend(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").bytes(),
            ),
            None => body.extend(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").bytes()),
        }
        body.extend(data);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    Request::post("/api/check")
        .header(header::HOST, HOST)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/images")
            .join(rel),
    )
    .unwrap()
}

#[tokio::test]
async fn json_check_returns_the_cli_document() {
    let (status, headers, body) = send(json_req(
        r#"{"text": "Mit dem Rabattcode MUC10 spart ihr zehn Prozent.", "platform": "instagram", "lang": "en"}"#,
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["version"], 1);
    let d = &v["files"][0]["diagnostics"];
    assert!(
        d.as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "ad.missing-label"),
        "{d}"
    );
    assert_eq!(v["summary"]["files"], 1);
    // The same text through the CLI's JSON renderer gives the same diagnostics.
    let out = assert_cmd::Command::cargo_bin("leitplanke")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            "--platform",
            "instagram",
            "-",
        ])
        .write_stdin("Mit dem Rabattcode MUC10 spart ihr zehn Prozent.")
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli["files"][0]["diagnostics"], v["files"][0]["diagnostics"]);
}

#[tokio::test]
async fn multipart_with_images_reports_faces_gps_and_links_them_to_the_text() {
    let (status, _, body) = send(multipart(&[
        (
            "text",
            None,
            b"Guten Morgen! ![Marienplatz](gps.jpg)".to_vec(),
        ),
        ("lang", None, b"en".to_vec()),
        ("image", Some("gps.jpg"), fixture("metadata/gps-munich.jpg")),
        (
            "image",
            Some("team.jpg"),
            fixture("photos/portrait-astronaut.jpg"),
        ),
    ]))
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let v: Value = serde_json::from_slice(&body).unwrap();
    let d = v["files"][0]["diagnostics"].as_array().unwrap();
    let gps = d.iter().find(|d| d["rule"] == "image.gps").unwrap();
    assert_eq!(gps["image"], "gps.jpg");
    assert_eq!(
        gps["line"], 1,
        "the finding points at the image in the text"
    );
    let face = d
        .iter()
        .find(|d| d["rule"] == "image.face-consent")
        .unwrap();
    assert_eq!(face["image"], "team.jpg");
    assert_eq!(face["regions"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn markdown_format_for_the_coordinator() {
    let (status, headers, body) = send(json_req(
        r#"{"text": "Schreibt mir: erika.mustermann@gmx.de", "format": "markdown", "lang": "de"}"#,
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    let s = String::from_utf8(body).unwrap();
    assert!(
        s.contains("`privacy.email`") && s.contains("### Zusammenfassung"),
        "{s}"
    );
}

#[tokio::test]
async fn bad_requests_get_readable_errors() {
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            json_req("{not json"),
            StatusCode::BAD_REQUEST,
            "invalid JSON",
        ),
        (
            json_req(r#"{"txt": "x"}"#),
            StatusCode::BAD_REQUEST,
            "unknown field `txt`",
        ),
        (
            json_req(r#"{"text": "x", "platform": "myspace"}"#),
            StatusCode::BAD_REQUEST,
            "myspace",
        ),
        (
            json_req(r#"{"text": "x", "format": "pdf"}"#),
            StatusCode::BAD_REQUEST,
            "unknown format",
        ),
        (
            Request::post("/api/check")
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("x"))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json or multipart",
        ),
        (
            multipart(&[("platform", None, b"x".to_vec())]),
            StatusCode::BAD_REQUEST,
            "missing field `text`",
        ),
        (
            multipart(&[("text", None, vec![0xff, 0xfe])]),
            StatusCode::BAD_REQUEST,
            "not UTF-8",
        ),
        (
            json_req(&format!(r#"{{"text": "{}"}}"#, "a".repeat(2 * 1024 * 1024))),
            StatusCode::PAYLOAD_TOO_LARGE,
            "longer than",
        ),
        (
            json_req(&format!(
                r#"{{"text": "{}"}}"#,
                "a".repeat(MAX_REQUEST + 10)
            )),
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than 25 MB",
        ),
    ];
    for (req, want, text) in cases {
        let (status, _, body) = send(req).await;
        let v: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&body)));
        assert_eq!(status, want, "{v}");
        assert!(
            v["error"].as_str().unwrap().contains(text),
            "{v} lacks {text}"
        );
    }
    // A corrupt upload is a finding, not an error.
    let (status, _, body) = send(multipart(&[
        ("text", None, b"Hallo".to_vec()),
        ("image", Some("x.jpg"), b"not an image".to_vec()),
    ]))
    .await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "image.unreadable")
    );
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused() {
    let req = Request::get("/")
        .header(header::HOST, "evil.example:7777")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(req).await.0, StatusCode::MISDIRECTED_REQUEST);
    let req = Request::get("/").body(Body::empty()).unwrap();
    assert_eq!(
        send(req).await.0,
        StatusCode::MISDIRECTED_REQUEST,
        "no Host header"
    );
    let mut req = json_req(r#"{"text": "x"}"#);
    req.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    assert_eq!(send(req).await.0, StatusCode::FORBIDDEN);
    let mut req = json_req(r#"{"text": "x"}"#);
    req.headers_mut()
        .insert(header::ORIGIN, "http://127.0.0.1:7777".parse().unwrap());
    assert_eq!(send(req).await.0, StatusCode::OK);
    let req = Request::get("/")
        .header(header::HOST, "localhost:7777")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn page_and_assets_are_embedded_with_a_strict_policy() {
    for (path, ctype) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let req = Request::get(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = send(req).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(ctype)
        );
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        let text = String::from_utf8(body).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{path} loads nothing from elsewhere"
        );
    }
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/app.js/../../etc/passwd",
        "/static/x",
    ] {
        let req = Request::get(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(req).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn rules_api_lists_and_explains() {
    let req = Request::get("/api/rules")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(req).await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v.as_array().unwrap().len() >= 60);
    let req = Request::get("/api/rules/image.gps")
        .header(header::HOST, HOST)
        .header("x-leitplanke-lang", "en")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(req).await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["category"], "data-protection");
    assert!(v["reason"].as_str().unwrap().contains("personal data"));
    let req = Request::get("/api/rules/image.gsp")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(req).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8(body).unwrap().contains("image.gps"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_checks_all_succeed() {
    let mut tasks = Vec::new();
    for i in 0..24 {
        tasks.push(tokio::spawn(async move {
            let req = json_req(&format!(r#"{{"text": "Entwurf {i}: Rabattcode MUC{i}"}}"#));
            send(req).await.0
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
}
