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

/// Sends one HTTP/1.1 request and reads the whole response.
fn request(port: u16, head: &str, body: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        stream,
        "{head}\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn get(port: u16, path: &str) -> Option<String> {
    request(port, &format!("GET {path} HTTP/1.1"), "")
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
    let redirect = get(port, "/").unwrap();
    assert!(
        redirect.starts_with("HTTP/1.1 303") && redirect.contains("location: /login"),
        "{redirect}"
    );
    // Sign in as a user the CLI created, then read the home page's counts.
    ok(
        &db,
        &[
            "unit",
            "add",
            "Nanjing Medical University",
            "--kind",
            "institution",
        ],
    );
    crate::users::piped_ok(
        &db,
        &["user", "add", "reader", "--role", "viewer", "--unit", "NMU"],
        "a long enough password\n",
    );
    let login = request(
        port,
        "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
        "name=reader&password=a+long+enough+password",
    )
    .unwrap();
    let cookie = login
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: meridian_session="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no session cookie: {login}"));
    let page = request(
        port,
        &format!("GET / HTTP/1.1\r\nCookie: meridian_session={cookie}; lang=en"),
        "",
    )
    .unwrap();
    assert!(
        page.contains("<a href=\"/records/organization\">Organization</a></th><td>"),
        "{page}"
    );
    assert!(page.contains("Overview"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_with_demo_prints_a_one_time_admin_password_that_signs_in() {
    use std::io::BufRead;
    let db = TestDb::new(Backend::Sqlite).await;
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .args([
            "--database",
            &db.url,
            "serve",
            "--demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let password = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("sign in as admin with password ")
                .map(|rest| rest.split(' ').next().unwrap().to_string())
        })
        .expect("the admin password is printed");
    let started = Instant::now();
    while get(port, "/healthz").is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let login = request(
        port,
        "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
        &format!("name=admin&password={password}"),
    )
    .unwrap();
    assert!(
        login.starts_with("HTTP/1.1 303") && login.contains("set-cookie: meridian_session="),
        "{login}"
    );
}
