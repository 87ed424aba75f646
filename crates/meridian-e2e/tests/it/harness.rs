//! The processes a test runs: the `meridian` binary (CLI set-up and `serve`), and plain
//! HTTP/1.1 requests to the local servers.

use meridian_test_support::TestDb;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process, killed and reaped when dropped.
pub struct Proc(pub Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `target/<profile>`: the test executable lives in its `deps/`.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps directory");
    deps.parent().expect("profile directory").to_path_buf()
}

/// The workspace target directory (`CARGO_TARGET_DIR` or `./target`).
pub fn target_dir() -> PathBuf {
    profile_dir()
        .parent()
        .expect("target directory")
        .to_path_buf()
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("create the screenshot directory");
    dir
}

/// The `meridian` binary: `MERIDIAN_BIN`, or `target/<profile>/meridian`, built when missing.
pub fn meridian_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("MERIDIAN_BIN") {
        return PathBuf::from(bin);
    }
    let profile = profile_dir();
    let bin = profile.join(format!("meridian{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        build_meridian(&profile);
    }
    assert!(
        bin.exists(),
        "the meridian binary is not at {}",
        bin.display()
    );
    bin
}

/// `cargo build -p meridian` into the same target directory and profile as this test.
fn build_meridian(profile: &Path) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        "build",
        "-p",
        "meridian",
        "--bin",
        "meridian",
        "--target-dir",
    ])
    .arg(target_dir())
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    match profile.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => {}
        Some("release") => {
            cmd.arg("--release");
        }
        Some(other) => {
            cmd.args(["--profile", other]);
        }
    }
    eprintln!("building the meridian binary: {cmd:?}");
    let status = cmd.status().expect("run cargo build");
    assert!(status.success(), "cargo build -p meridian failed");
}

fn meridian_cmd(db: &TestDb, args: &[&str]) -> Command {
    let mut cmd = Command::new(meridian_bin());
    cmd.arg("--database")
        .arg(&db.url)
        .args(args)
        .env_remove("MERIDIAN_DATABASE_URL")
        .current_dir(std::env::temp_dir());
    cmd
}

/// Runs `meridian --database URL ARGS…` with `input` on standard input; insists on success.
pub fn meridian(db: &TestDb, args: &[&str], input: &str) -> String {
    let mut child = meridian_cmd(db, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run meridian");
    // The binary may not read its input at all: a closed pipe is no failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "meridian {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The demo data and a unit of its own (Nanjing Medical University, "NMU") for the users
/// a test adds: the set-up the browser tests start from.
pub fn demo_with_a_unit(db: &TestDb) {
    meridian(db, &["demo"], "");
    meridian(
        db,
        &[
            "unit",
            "add",
            "Nanjing Medical University",
            "--kind",
            "institution",
        ],
        "",
    );
}

/// `meridian serve` on a free port, once `/healthz` answers.
pub fn serve(db: &TestDb) -> (Proc, u16) {
    let port = free_port();
    let child = meridian_cmd(db, &["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start meridian serve");
    let server = Proc(child);
    wait_until("meridian serve to answer /healthz", || {
        get(port, "/healthz").is_some_and(|r| r.starts_with("HTTP/1.1 200"))
    });
    (server, port)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `ready` every 100 ms for up to 30 s.
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Sends one HTTP/1.1 request and reads the whole response (head and body).
pub fn request(port: u16, method: &str, path: &str, json_body: Option<&str>) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let body = json_body.unwrap_or("");
    let content_type = if json_body.is_some() {
        "Content-Type: application/json\r\n"
    } else {
        ""
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         {content_type}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    // chromedriver keeps the connection open: read as much body as the head announces.
    let mut response = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..n]);
        if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|len| response.len() >= end + 4 + len) {
                break;
            }
        }
    }
    Some(String::from_utf8_lossy(&response).into_owned())
}

pub fn get(port: u16, path: &str) -> Option<String> {
    request(port, "GET", path, None)
}

/// The body of a response that is not chunked.
pub fn body(response: &str) -> &str {
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .unwrap_or("")
}
