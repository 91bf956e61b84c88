//! The official Python client for the tests that run it.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// Whether `python3` can import the official client (ibapi). When it cannot:
/// under CI (`CI` set) this panics — CI installs it and must not skip these
/// tests silently — elsewhere it prints why `what` is skipped.
pub fn official_client_available(what: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import ibapi"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let msg = "python3 cannot import the official client (pip install ibapi-stable==10.37.2)";
        if super::under_ci() {
            panic!("{msg}; under CI {what} must run, not skip");
        }
        eprintln!("SKIPPED {what}: {msg}");
    }
    ok
}

/// Runs `tests/python/<script>` with `args`; its stdout's JSON once it exits
/// with success (a failure panics with what it printed).
pub fn run_check(script: &str, args: &[&str]) -> serde_json::Value {
    let path = format!("{}/tests/python/{script}", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).expect("JSON from the script")
}
