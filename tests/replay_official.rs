//! The official Python clients (10.37.2, and 10.51.1 where installed)
//! recorded through the `tws-record` binary against the `tws-sim` binary,
//! then replayed by `tws-sim --replay`: the same callbacks both times
//! (the check scripts of tests/python/ print them: contracts, historical,
//! market data, orders with fills, account). Skipped (with a message) where python3 cannot import ibapi,
//! except under CI, where that fails.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::python::{official_clients, Official};
use tws_api::transcript::Transcript;

/// A spawned binary and the port it printed ("listening on HOST:PORT").
struct Spawned {
    child: Child,
    port: String,
}

impl Spawned {
    fn start(exe: &str, args: &[&str]) -> Spawned {
        let mut child = Command::new(exe)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("it prints its address");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(!port.is_empty(), "{line:?}");
        Spawned { child, port }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A printed line with the pairs of each `sec_id_list` sorted: 10.51.1
/// reads that list from a protobuf map, which Python iterates in no fixed
/// order (the same bytes print ISIN, CUSIP one run and CUSIP, ISIN the next).
fn normalized(line: &str) -> String {
    fn sort_maps(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Array(items) => items.iter_mut().for_each(sort_maps),
            serde_json::Value::Object(fields) => {
                for (k, v) in fields.iter_mut() {
                    if let (true, serde_json::Value::Array(pairs)) = (k == "sec_id_list", &mut *v) {
                        pairs.sort_by_key(|p| p.to_string());
                    }
                    sort_maps(v);
                }
            }
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(mut v) => {
            sort_maps(&mut v);
            v.to_string()
        }
        Err(_) => line.to_owned(),
    }
}

/// Runs `tests/python/<script>` against `port`: what it prints, its lines
/// sorted when `sorted` (requests sent at once may finish in another order).
fn run(official: Official, script: &str, port: &str, args: &[&str], sorted: bool) -> String {
    let path = format!("{}/tests/python/{script}", env!("CARGO_MANIFEST_DIR"));
    let out = official
        .python3()
        .args([path.as_str(), "--port", port])
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{script} with {}: {stdout}\n{}",
        official.version(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = stdout.lines().map(normalized).collect();
    if sorted {
        lines.sort_unstable();
    }
    lines.join("\n")
}

fn record_then_replay(official: Official, (script, args, sorted): Check, dir: &Path) {
    let sim = Spawned::start(env!("CARGO_BIN_EXE_tws-sim"), &["--port", "0"]);
    let out = dir.join(format!("{script}-{}.tws", official.version()));
    let upstream = format!("127.0.0.1:{}", sim.port);
    let out_text = out.display().to_string();
    let proxy = Spawned::start(
        env!("CARGO_BIN_EXE_tws-record"),
        &["--listen", "0", "--upstream", &upstream, "--out", &out_text],
    );
    let live = run(official, script, &proxy.port, args, sorted);
    // The proxy writes `#end` once the session is over: the transcript is
    // whole then.
    assert!(common::call_log::wait(
        || Transcript::read(&out).is_ok_and(|t| t.ended)
    ));
    drop(proxy);
    drop(sim);
    let replay = Spawned::start(
        env!("CARGO_BIN_EXE_tws-sim"),
        &[
            "--port",
            "0",
            "--replay",
            &out_text,
            "--replay-time-scale",
            "0",
        ],
    );
    let again = run(official, script, &replay.port, args, sorted);
    assert_eq!(again, live, "{script} with {}", official.version());
}

/// A check script, its arguments besides the port, and whether its lines
/// are compared as a set (requests sent at once may finish in any order).
type Check = (&'static str, &'static [&'static str], bool);

/// One script per domain: contracts, historical, market data, orders with
/// fills, account.
const CHECKS: [Check; 5] = [
    ("contracts_check.py", &[], false),
    ("historical_check.py", &[], true),
    ("market_data_check.py", &[], true),
    ("orders_check.py", &[], false),
    ("account_check.py", &["--account", "DU1234567"], false),
];

#[test]
fn the_official_client_replayed_gets_the_callbacks_of_its_live_run() {
    let dir = std::env::temp_dir().join(format!("tws-replay-official-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for official in official_clients("the official client against a replay") {
        for check in CHECKS {
            record_then_replay(official, check, &dir);
        }
    }
}
