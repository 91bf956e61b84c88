//! The official Python client (ibapi 10.37.2) against the `tws-sim` binary.
//!
//! Runs `tests/python/official_client_check.py` — 32 clients at once, unique
//! order ids, 326 for a duplicate id, currentTime, ticks and cancel — at server
//! versions 176 and 203. Skipped (with a message) where python3 cannot import
//! ibapi, except under CI, where that fails; `pip install
//! ibapi-stable==10.37.2` enables it (.ci/run does).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn official_python_client_works_against_tws_sim() {
    for official in common::python::official_clients("the official client against tws-sim") {
        official_python_client_works_against_tws_sim_with(official);
    }
}

fn official_python_client_works_against_tws_sim_with(official: common::python::Official) {
    for sv in ["176", "203"] {
        let mut sim = Command::new(env!("CARGO_BIN_EXE_tws-sim"))
            .args([
                "--port",
                "0",
                "--server-version",
                sv,
                "--tick-interval-ms",
                "20",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("tws-sim starts");
        let mut line = String::new();
        BufReader::new(sim.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("tws-sim prints its address");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .expect("listening on HOST:PORT")
            .to_owned();
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/python/official_client_check.py"
        );
        let out = official
            .python3()
            .args([script, "--host", "127.0.0.1", "--port", &port])
            .output()
            .expect("python3 runs");
        let _ = sim.kill();
        let _ = sim.wait();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "server version {sv}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("13 passed, 0 failed"), "{stdout}");
    }
}
