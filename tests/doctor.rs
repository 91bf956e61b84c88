//! `tws-doctor`: the troubleshooting checklist against tws-sim in each fault
//! it can simulate, and against listeners that misbehave in ways it cannot.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::{closed_port, init_logs};
use tws_api::doctor::{diagnose, DoctorOptions, Outcome, Report};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::IBClient;

fn opts(port: u16, client_id: i32) -> DoctorOptions {
    let mut o = DoctorOptions::new("127.0.0.1", port, client_id);
    o.hello_timeout = Duration::from_secs(2);
    o.ready_timeout = Duration::from_secs(2);
    o.farm_wait = Duration::from_secs(1);
    o
}

fn outcomes(r: &Report) -> Vec<(&'static str, Outcome)> {
    r.steps.iter().map(|s| (s.id, s.outcome)).collect()
}

/// Asserts the steps before `failed` passed, `failed` failed (with a fix),
/// and the rest were skipped.
fn fails_at(r: &Report, failed: &str) {
    let text = r.to_text();
    assert!(!r.ok, "{text}");
    let at = r
        .steps
        .iter()
        .position(|s| s.id == failed)
        .expect("step exists");
    for (i, s) in r.steps.iter().enumerate() {
        let want = match i.cmp(&at) {
            std::cmp::Ordering::Less => Outcome::Pass,
            std::cmp::Ordering::Equal => Outcome::Fail,
            std::cmp::Ordering::Greater => Outcome::Skip,
        };
        assert_eq!(s.outcome, want, "step {}: {text}", s.id);
    }
    assert!(r.steps[at].fix.is_some(), "{text}");
    assert!(text.contains(&format!("✗ {}", r.steps[at].title)), "{text}");
}

#[test]
fn a_healthy_gateway_passes_every_step() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let r = diagnose(&opts(gw.port(), 3));
    let text = r.to_text();
    assert!(r.ok, "{text}");
    assert!(
        r.steps.iter().all(|s| s.outcome == Outcome::Pass),
        "{:?}",
        outcomes(&r)
    );
    assert_eq!(r.steps.len(), 8);
    assert_eq!(
        r.server_version,
        Some(tws_api::server_versions::MAX_CLIENT_VER)
    );
    assert!(r.step("farms").unwrap().found.contains("2104"), "{text}");
    assert!(
        r.step("next_valid_id").unwrap().found.contains("DU1234567"),
        "{text}"
    );
    assert!(
        r.step("current_time").unwrap().found.contains("round trip"),
        "{text}"
    );
    assert!(text.contains("✓ host resolves") && text.contains("All checks passed"));
}

#[test]
fn nothing_listening_fails_at_tcp_with_the_port_table() {
    init_logs();
    let r = diagnose(&opts(closed_port(), 0));
    fails_at(&r, "tcp");
    let tcp = r.step("tcp").unwrap();
    assert!(tcp.found.contains("refused"), "{tcp:?}");
    let fix = tcp.fix.as_deref().unwrap();
    for port in ["7497", "7496", "4002", "4001"] {
        assert!(fix.contains(port), "{fix}");
    }
}

#[test]
fn a_host_that_does_not_resolve_fails_first() {
    init_logs();
    let mut o = opts(7497, 0);
    o.host = "no-such-host.invalid".into();
    let r = diagnose(&o);
    fails_at(&r, "resolve");
}

#[test]
fn silence_after_the_hello_names_the_api_setting() {
    init_logs();
    // Accepts and never answers, as TWS with the API disabled or a dialog open.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = thread::spawn(move || {
        let mut kept = Vec::new();
        for s in listener.incoming().take(2).flatten() {
            kept.push(s);
        }
        thread::sleep(Duration::from_secs(4));
    });
    let r = diagnose(&opts(port, 0));
    fails_at(&r, "hello");
    let fix = r.step("hello").unwrap().fix.clone().unwrap();
    assert!(fix.contains("Enable ActiveX and Socket Clients"), "{fix}");
    assert!(
        fix.contains("Trusted IPs") && fix.contains("dialog"),
        "{fix}"
    );
    drop(held);
}

#[test]
fn a_server_version_out_of_range_fails_there() {
    init_logs();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = thread::spawn(move || {
        // Two connections: the TCP probe, then the hello.
        for mut s in listener.incoming().take(2).flatten() {
            let mut buf = [0u8; 256];
            if let Ok(n) = s.read(&mut buf) {
                if n > 0 {
                    let answer =
                        tws_api::wire::handshake::encode_server_answer(99, "20260101 00:00:00 UTC");
                    let _ = s.write_all(&answer);
                    thread::sleep(Duration::from_millis(200));
                }
            }
        }
    });
    let r = diagnose(&opts(port, 0));
    fails_at(&r, "server_version");
    assert_eq!(r.server_version, Some(99));
    assert!(r.step("server_version").unwrap().found.contains("99"));
    let _ = server.join();
}

#[test]
fn a_connection_closed_after_the_hello_fails_the_client_id_step() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        close_after_handshake: true,
        ..SimConfig::default()
    })
    .unwrap();
    let r = diagnose(&opts(gw.port(), 0));
    fails_at(&r, "client_id");
    let s = r.step("client_id").unwrap();
    assert!(s.found.contains("closed"), "{s:?}");
    assert!(s.fix.as_deref().unwrap().contains("Trusted IPs"), "{s:?}");
}

#[test]
fn a_client_id_in_use_is_reported_with_a_free_one() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    // Ids 0 and 5 taken: the doctor tries 5 and suggests 1.
    let holders: Vec<IBClient> = [0, 5]
        .iter()
        .map(|id| {
            let ib = IBClient::new();
            ib.connect("127.0.0.1", gw.port(), *id).unwrap();
            ib.start();
            assert!(ib.wait_for_connection(Duration::from_secs(10)));
            ib
        })
        .collect();
    let r = diagnose(&opts(gw.port(), 5));
    fails_at(&r, "client_id");
    assert_eq!(r.suggested_client_id, Some(1));
    let s = r.step("client_id").unwrap();
    assert!(s.found.contains("326"), "{s:?}");
    assert!(s.fix.as_deref().unwrap().contains("--client-id 1"), "{s:?}");
    // The probes leave nothing behind (the sim notices their close a moment later).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while gw.client_ids() != vec![0, 5] {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            gw.client_ids()
        );
        thread::sleep(Duration::from_millis(20));
    }
    drop(holders);
}

#[test]
fn no_next_valid_id_says_log_in_or_close_the_dialog() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        send_next_valid_id: false,
        ..SimConfig::default()
    })
    .unwrap();
    let r = diagnose(&opts(gw.port(), 0));
    fails_at(&r, "next_valid_id");
    let fix = r.step("next_valid_id").unwrap().fix.clone().unwrap();
    assert!(fix.contains("log in") && fix.contains("dialog"), "{fix}");
}

#[test]
fn broken_farms_fail_with_their_codes() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        broken_farm: true,
        ..SimConfig::default()
    })
    .unwrap();
    let r = diagnose(&opts(gw.port(), 0));
    assert!(!r.ok);
    // Only the farms fail: the connection itself works, so the clock is checked too.
    let failed: Vec<_> = r
        .steps
        .iter()
        .filter(|s| s.outcome != Outcome::Pass)
        .map(|s| (s.id, s.outcome))
        .collect();
    assert_eq!(failed, vec![("farms", Outcome::Fail)], "{}", r.to_text());
    let found = &r.step("farms").unwrap().found;
    for code in ["2103", "2105", "2157"] {
        assert!(found.contains(code), "{found}");
    }
}

#[test]
fn no_farm_messages_is_a_warning_not_a_failure() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        farm_notices: false,
        ..SimConfig::default()
    })
    .unwrap();
    let r = diagnose(&opts(gw.port(), 0));
    assert!(r.ok, "{}", r.to_text());
    assert_eq!(r.step("farms").unwrap().outcome, Outcome::Warn);
    assert_eq!(r.step("current_time").unwrap().outcome, Outcome::Pass);
}

#[test]
fn the_program_prints_json_and_exits_by_the_outcome() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let run = |port: u16, json: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tws-doctor"));
        cmd.args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--client-id", "9", "--timeout", "2"])
            .args(["--env-file", "/dev/null"]);
        if json {
            cmd.arg("--json");
        }
        cmd.output().expect("tws-doctor runs")
    };
    let ok = run(gw.port(), true);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["ok"], serde_json::json!(true));
    assert_eq!(v["steps"].as_array().unwrap().len(), 8);
    assert_eq!(v["steps"][0]["outcome"], serde_json::json!("pass"));

    let bad = run(closed_port(), false);
    assert_eq!(bad.status.code(), Some(1), "{bad:?}");
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(
        text.contains("✗ TCP connection") && text.contains("fix:"),
        "{text}"
    );

    let help = Command::new(env!("CARGO_BIN_EXE_tws-doctor"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--host", "--port", "--client-id", "--env-file", "--json"] {
        assert!(help.contains(flag), "{help}");
    }
}
