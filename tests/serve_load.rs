//! The review server as a process on 127.0.0.1: a bounded load test (2,000 requests, 32 at once,
//! text only and with an image), a client that never finishes its body gets 408, and a marker
//! string from a draft appears nowhere but in the response (not in the server's output).

use std::io::ErrorKind;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: SocketAddr,
    out: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_leitplanke"))
        .args(["serve", "--port", "0", "--lang", "en"])
        .env_remove("LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap();
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let out = Arc::new(Mutex::new(first.clone()));
    let o = out.clone();
    std::thread::spawn(move || {
        for l in lines.map_while(Result::ok) {
            o.lock().unwrap().push_str(&l);
        }
    });
    let mut err = child.stderr.take().unwrap();
    let o = out.clone();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        o.lock().unwrap().push_str(&s);
    });
    Server { child, addr, out }
}

/// One HTTP/1.1 request; returns (status, body).
fn request(addr: SocketAddr, ctype: &str, body: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp[9..12].parse().unwrap();
    let body = resp
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}

fn multipart_with_image() -> (String, Vec<u8>) {
    let img = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/images/metadata/gps-munich.jpg"
    ))
    .unwrap();
    let b = "XbX";
    let mut body = format!("--{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nGuten Morgen!\r\n--{b}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\n").into_bytes();
    body.extend(img);
    body.extend(format!("\r\n--{b}--\r\n").bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

#[test]
fn load_test_on_loopback() {
    let server = start();
    let addr = server.addr;
    let (mp_type, mp_body) = multipart_with_image();
    let mp = Arc::new((mp_type, mp_body));
    let started = Instant::now();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let total = 2000;
    let workers: Vec<_> = (0..32)
        .map(|_| {
            let (lat, errs, next, mp) = (latencies.clone(), errors.clone(), next.clone(), mp.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total || started.elapsed() > Duration::from_secs(60) {
                    break;
                }
                let t = Instant::now();
                let (status, body) = if i % 10 == 0 {
                    request(addr, &mp.0, &mp.1)
                } else {
                    let text = format!(r#"{{"text": "Entwurf {i}: Mit dem Rabattcode MUC{i} spart ihr. Mail: erika.muster{i}@gmx.de"}}"#);
                    request(addr, "application/json", text.as_bytes())
                };
                lat.lock().unwrap().push(t.elapsed());
                if status != 200 || !body.contains("\"version\":1") {
                    errs.lock().unwrap().push(format!("{i}: {status}"));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let errors = errors.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{} errors: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    assert_eq!(lat.len(), total, "stopped by the 60 s bound");
    let p = |q: f64| lat[((lat.len() as f64 * q) as usize).min(lat.len() - 1)];
    // Peak memory of the server process (Linux).
    let peak_kib: Option<u64> =
        std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            });
    eprintln!(
        "load: {total} requests, 32 concurrent, 10 % with a photo: {:.1} s, p50 {:?}, p99 {:?}, peak RSS {:?} KiB",
        started.elapsed().as_secs_f64(),
        p(0.5),
        p(0.99),
        peak_kib
    );
    if let Some(kib) = peak_kib {
        assert!(kib < 512 * 1024, "server peaked at {kib} KiB");
    }
}

#[test]
fn a_body_that_never_ends_times_out() {
    let server = start();
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    write!(
        s,
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"text\": \"",
        server.addr
    )
    .unwrap();
    let t = Instant::now();
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 408"), "{resp}");
    assert!(t.elapsed() < Duration::from_secs(30));
}

/// A client that trickles its headers, a byte a second, is cut off after the header deadline
/// (10 s), however long it keeps sending; the server goes on answering others.
#[test]
fn headers_that_trickle_in_time_out() {
    let server = start();
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: {}\r\n", server.addr).unwrap();
    let t = Instant::now();
    let closed_after = loop {
        assert!(t.elapsed() < Duration::from_secs(25), "never closed");
        // Keep sending, one header byte at a time.
        if s.write_all(b"X").is_err() {
            break t.elapsed();
        }
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) => break t.elapsed(),
            // An error response before the close.
            Ok(_) => {}
            // Still open.
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break t.elapsed(),
        }
        std::thread::sleep(Duration::from_millis(800));
    };
    assert!(
        closed_after >= Duration::from_secs(9) && closed_after < Duration::from_secs(15),
        "{closed_after:?}"
    );
    let (status, _) = request(server.addr, "application/json", br#"{"text": "Hallo"}"#);
    assert_eq!(status, 200);
}

#[test]
fn drafts_never_appear_in_the_servers_output() {
    let server = start();
    let marker = "MARKER-7f3a9c-Geheimprojekt";
    let (status, body) = request(
        server.addr,
        "application/json",
        format!(r#"{{"text": "Intern: {marker} erika.muster@gmx.de"}}"#).as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(body.contains("privacy.email"), "{body}");
    // A malformed request with the marker in it, too.
    let (status, _) = request(
        server.addr,
        "application/json",
        format!("{{{marker}").as_bytes(),
    );
    assert_eq!(status, 400);
    std::thread::sleep(Duration::from_millis(200));
    let out = server.out.lock().unwrap().clone();
    assert!(out.contains("http://127.0.0.1:"), "{out}");
    assert!(!out.contains(marker), "{out}");
}
