//! The dashboard as a person sees it: tws-sim and tws-status as programs, the
//! page in headless Chromium. Clicks Connect (through `?action=connect`),
//! checks that the badge turns to connected, stops tws-sim, and checks that
//! the page shows the disconnection and the reconnect attempts. Screenshots go
//! to `$CARGO_TARGET_TMPDIR/browser/`.
//!
//! Needs Debian's `chromium` (or `$CHROMIUM`): without it the test is skipped
//! with a message, except under CI (`CI=true`), where it fails; `.ci/run`
//! installs it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Kills the child when dropped, so that a failing test leaves nothing running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Starts `program` and reads its first line of output.
fn start(program: &str, args: &[&str]) -> (Running, String) {
    let mut child = Command::new(program)
        .args(args)
        .env_remove("IBKR_AUTO_CONNECT")
        .env_remove("IBKR_STATUS_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} starts: {e}"));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Running(child), line.trim().to_owned())
}

fn status(addr: SocketAddr) -> serde_json::Value {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET /api/ibkr/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let body = out.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_default()
}

/// Runs headless Chromium on `url` with `mode` (`--dump-dom` or
/// `--screenshot=…`); returns its standard output.
fn browse(chromium: &Path, profile: &Path, url: &str, mode: &str) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=900,760",
            "--virtual-time-budget=4000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(mode)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut out = String::new();
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap_or_default()
}

/// The badge's `data-state` and text in a dumped DOM.
fn badge(dom: &str) -> (String, String) {
    let Some(start) = dom.find("id=\"badge\"") else {
        return (String::new(), String::new());
    };
    let rest = &dom[start..];
    let state = rest
        .split("data-state=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_owned();
    let text = rest
        .split_once('>')
        .and_then(|(_, s)| s.split('<').next())
        .unwrap_or("")
        .to_owned();
    (state, text)
}

fn cell(dom: &str, id: &str) -> String {
    dom.split(&format!("id=\"{id}\">"))
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or("")
        .to_owned()
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_dashboard_connects_and_shows_the_disconnection_in_chromium() {
    let Some(chromium) = chromium() else {
        if common::under_ci() {
            panic!("chromium is not installed, and this is CI: .ci/run must install it (apt-get install chromium)");
        }
        // Straight to stderr, past the test harness's capture, so that it shows.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the browser test: chromium is not installed (apt-get install chromium)"
        );
        return;
    };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let profile = out_dir.join(format!("profile-{}", std::process::id()));
    std::fs::create_dir_all(&profile).unwrap();

    let (sim, line) = start(env!("CARGO_BIN_EXE_tws-sim"), &["--port", "0"]);
    let sim_port = line.rsplit(':').next().unwrap().to_owned();
    let env_file = out_dir.join(format!("browser-{}.env", std::process::id()));
    std::fs::write(
        &env_file,
        format!("IBKR_HOST=127.0.0.1\nIBKR_PORT={sim_port}\nIBKR_CLIENT_ID=11\n"),
    )
    .unwrap();
    let (_status, line) = start(
        env!("CARGO_BIN_EXE_tws-status"),
        &[
            "--listen",
            "127.0.0.1:0",
            "--env-file",
            env_file.to_str().unwrap(),
            "--reconnect-delay-ms",
            "200",
        ],
    );
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("tws-status said {line:?}"))
        .to_owned();
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    assert_eq!(status(addr)["state"], "disconnected");

    // Open the page and click Connect.
    let dom = browse(
        &chromium,
        &profile,
        &format!("{url}?action=connect"),
        "--dump-dom",
    );
    let (state, text) = badge(&dom);
    assert_eq!(state, "connected", "badge {text:?} in:\n{dom}");
    assert_eq!(cell(&dom, "f-client_id"), "11");
    assert_eq!(cell(&dom, "f-managed_accounts"), "DU1234567");
    assert_eq!(status(addr)["connected"], true);
    let shot = out_dir.join("connected.png");
    browse(
        &chromium,
        &profile,
        &url,
        &format!("--screenshot={}", shot.display()),
    );
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 1000)
        .unwrap_or(false));
    let _ = writeln!(
        std::io::stderr(),
        "browser test screenshot: {}",
        shot.display()
    );

    // Stop tws-sim: the page shows the disconnection and the attempts.
    drop(sim);
    wait_for("reconnect attempts", || {
        status(addr)["reconnect_attempts"].as_u64().unwrap_or(0) >= 2
    });
    let dom = browse(&chromium, &profile, &url, "--dump-dom");
    let (state, text) = badge(&dom);
    assert_eq!(state, "reconnecting", "badge {text:?} in:\n{dom}");
    assert!(text.contains("attempt"), "{text}");
    let attempts = cell(&dom, "f-reconnects");
    assert!(
        attempts.contains("attempts") && !attempts.contains("(0 "),
        "{attempts}"
    );
    assert!(cell(&dom, "f-last_error").starts_with("502"), "{dom}");
    let shot = out_dir.join("reconnecting.png");
    browse(
        &chromium,
        &profile,
        &url,
        &format!("--screenshot={}", shot.display()),
    );
    let _ = writeln!(
        std::io::stderr(),
        "browser test screenshot: {}",
        shot.display()
    );

    // Disconnect from the page: the badge says so.
    let dom = browse(
        &chromium,
        &profile,
        &format!("{url}?action=disconnect"),
        "--dump-dom",
    );
    assert_eq!(badge(&dom).0, "disconnected", "{dom}");
    assert_eq!(status(addr)["state"], "disconnected");
    let _ = std::fs::remove_file(&env_file);
    let _ = std::fs::remove_dir_all(&profile);
}

#[test]
fn the_dashboard_works_with_a_token() {
    let Some(chromium) = chromium() else {
        if common::under_ci() {
            panic!("chromium is not installed, and this is CI: .ci/run must install it (apt-get install chromium)");
        }
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the browser token test: chromium is not installed (apt-get install chromium)"
        );
        return;
    };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let profile = out_dir.join(format!("profile-token-{}", std::process::id()));
    std::fs::create_dir_all(&profile).unwrap();
    let (_sim, line) = start(env!("CARGO_BIN_EXE_tws-sim"), &["--port", "0"]);
    let sim_port = line.rsplit(':').next().unwrap().to_owned();
    let token = "page-token-123";
    let env_file = out_dir.join(format!("token-{}.env", std::process::id()));
    std::fs::write(
        &env_file,
        format!("IBKR_PORT={sim_port}\nIBKR_CLIENT_ID=12\nIBKR_STATUS_TOKEN={token}\n"),
    )
    .unwrap();
    let (_status, line) = start(
        env!("CARGO_BIN_EXE_tws-status"),
        &[
            "--listen",
            "127.0.0.1:0",
            "--env-file",
            env_file.to_str().unwrap(),
        ],
    );
    let url = line.strip_prefix("listening on ").unwrap().to_owned();

    // Without the token the page asks for it.
    let dom = browse(&chromium, &profile, &url, "--dump-dom");
    assert_eq!(badge(&dom).0, "unauthorized", "{dom}");
    // With it (in the fragment, kept in sessionStorage), Connect works.
    let dom = browse(
        &chromium,
        &profile,
        &format!("{url}?action=connect#token={token}"),
        "--dump-dom",
    );
    assert_eq!(badge(&dom).0, "connected", "{dom}");
    assert_eq!(cell(&dom, "f-client_id"), "12");
    let _ = std::fs::remove_file(&env_file);
    let _ = std::fs::remove_dir_all(&profile);
}
