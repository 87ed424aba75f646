//! `meridian serve`: health check and the counts page over real HTTP.

use crate::ok;
use meridian_test_support::{Backend, TestDb};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_health_checks_and_shows_counts() {
    let db = TestDb::new(Backend::Sqlite).await;
    ok(&db, &["demo"]);
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_meridian"))
            .args([
                "--database",
                &db.url,
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    let health = loop {
        if let Some(r) = get(port, "/healthz") {
            break r;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""status":"ok""#), "{health}");
    let page = get(port, "/").unwrap();
    let stats = ok(&db, &["stats"]);
    let organizations = stats
        .lines()
        .find(|l| l.starts_with("organization "))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap();
    assert!(
        page.contains(&format!(
            "<a href=\"/records/organization\">Organization</a></th><td>{organizations}</td>"
        )),
        "{page}"
    );
}
