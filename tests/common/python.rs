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
        if std::env::var_os("CI").is_some() {
            panic!("{msg}; under CI {what} must run, not skip");
        }
        eprintln!("SKIPPED {what}: {msg}");
    }
    ok
}
