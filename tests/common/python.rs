//! The official Python client for the tests that run it.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// Whether `python3` can import the official client (ibapi). When it cannot:
/// under CI (`CI` set) this panics — CI installs it and must not skip these
/// tests silently — elsewhere it prints why `what` is skipped.
pub fn official_client_available(what: &str) -> bool {
    module_available(
        "ibapi",
        "the official client (pip install ibapi-stable==10.37.2)",
        what,
    )
}

/// The two official Python clients: 10.37.2 (`ibapi-stable`, installed in
/// the interpreter's site-packages) and 10.51.1 (`ibapi-latest`, installed
/// apart in `.python/ibapi-10.51.1` because both packages are the module
/// `ibapi`; `.ci/run` installs it there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Official {
    /// ibapi-stable 10.37.2: server versions up to 203.
    Stable,
    /// ibapi-latest 10.51.1: server versions up to 226.
    Latest,
}

impl Official {
    /// Its version, for messages.
    pub fn version(self) -> &'static str {
        match self {
            Official::Stable => "10.37.2",
            Official::Latest => "10.51.1",
        }
    }

    /// `python3` with this official client importable as `ibapi`.
    pub fn python3(self) -> Command {
        let mut c = Command::new("python3");
        if self == Official::Latest {
            c.env("PYTHONPATH", latest_dir());
        }
        c
    }

    /// Whether it can be imported; when it cannot, a panic under CI,
    /// elsewhere a line saying that `what` is skipped for it.
    pub fn available(self, what: &str) -> bool {
        match self {
            Official::Stable => official_client_available(what),
            Official::Latest => {
                let ok = std::path::Path::new(&latest_dir()).join("ibapi").is_dir();
                if !ok {
                    let msg = format!(
                        "no ibapi-latest 10.51.1 in {} (python3 -m pip install --target {0} ibapi-latest==10.51.1)",
                        latest_dir()
                    );
                    if super::under_ci() {
                        panic!("{msg}; under CI {what} must run, not skip");
                    }
                    eprintln!("SKIPPED {what} with 10.51.1: {msg}");
                }
                ok
            }
        }
    }
}

/// Where ibapi-latest 10.51.1 is installed: `$IBAPI_LATEST_DIR` or
/// `.python/ibapi-10.51.1`.
pub fn latest_dir() -> String {
    std::env::var("IBAPI_LATEST_DIR")
        .unwrap_or_else(|_| format!("{}/.python/ibapi-10.51.1", env!("CARGO_MANIFEST_DIR")))
}

/// The official clients that can run `what` here (both under CI).
pub fn official_clients(what: &str) -> Vec<Official> {
    [Official::Stable, Official::Latest]
        .into_iter()
        .filter(|o| o.available(what))
        .collect()
}

/// Whether `python3` can import `module`; when it cannot, a panic under CI,
/// elsewhere a line saying that `what` is skipped.
fn module_available(module: &str, install: &str, what: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let msg = format!("python3 cannot import {install}");
        if super::under_ci() {
            panic!("{msg}; under CI {what} must run, not skip");
        }
        eprintln!("SKIPPED {what}: {msg}");
    }
    ok
}

/// Runs `tests/python/<script>` with `args`; its stdout's JSON once it exits
/// with success (a failure panics with what it printed).
pub fn run_check(official: Official, script: &str, args: &[&str]) -> serde_json::Value {
    let path = format!("{}/tests/python/{script}", env!("CARGO_MANIFEST_DIR"));
    let out = official
        .python3()
        .arg(&path)
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script} with {}: {stdout}\n{}",
        official.version(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).expect("JSON from the script")
}

/// `text` parsed by the Prometheus project's own parser
/// (`prometheus_client.parser`, tests/python/parse_prometheus.py): the
/// families as JSON. `None` when the module is missing (`pip install
/// prometheus-client`), except under CI, where that fails the test.
pub fn parse_prometheus(text: &str) -> Option<serde_json::Value> {
    use std::io::Write as _;
    if !module_available(
        "prometheus_client",
        "prometheus_client (pip install prometheus-client)",
        "the Prometheus parser check",
    ) {
        return None;
    }
    let path = format!(
        "{}/tests/python/parse_prometheus.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new("python3")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("writes the text");
    let out = child.wait_with_output().expect("the parser ends");
    assert!(
        out.status.success(),
        "the Prometheus parser refuses the text:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON from the parser"))
}
