//! The status service over HTTP: the library server (`tws_api::status`) and
//! the `tws-status` program, against tws-sim.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::{closed_port, init_logs};
use serde_json::{json, Value};
use tws_api::client::ReconnectPolicy;
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::status::{ServerOptions, Service, ServiceOptions, StatusServer, MAX_BODY};
use tws_api::{IBClient, IBConfig};

/// One HTTP/1.1 request on its own connection: (status, head, body).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connects to the service");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
        addr.port(),
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).expect("an answer");
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, head.to_owned(), body.to_owned())
}

const JSON: (&str, &str) = ("Content-Type", "application/json");

fn get_status(addr: SocketAddr) -> Value {
    let (code, _, body) = request(addr, "GET", "/api/ibkr/status", &[], "");
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn post(addr: SocketAddr, path: &str, body: &str) -> (u16, Value) {
    let (code, _, body) = request(addr, "POST", path, &[JSON], body);
    (code, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn service(target: IBConfig, options: ServiceOptions) -> Arc<Service> {
    let client = Arc::new(IBClient::new());
    client.set_reconnect(Some(ReconnectPolicy {
        initial_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(200),
        ..ReconnectPolicy::default()
    }));
    Arc::new(Service::with_options(client, target, options))
}

fn target(port: u16, client_id: i32) -> IBConfig {
    IBConfig {
        host: "127.0.0.1".into(),
        port,
        client_id,
        max_server_version: None,
        ..IBConfig::default()
    }
}

fn serve(svc: &Arc<Service>) -> StatusServer {
    StatusServer::serve("127.0.0.1:0", Arc::clone(svc), ServerOptions::default()).unwrap()
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn status_reports_every_field_before_and_after_a_connect() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let svc = service(target(gw.port(), 4), ServiceOptions::default());
    let server = serve(&svc);

    let s = get_status(server.addr());
    assert_eq!(s["connected"], json!(false));
    assert_eq!(s["available"], json!(true));
    assert_eq!(s["state"], json!("disconnected"));
    assert_eq!(s["port"], json!(gw.port()));
    assert_eq!(s["server_version"], Value::Null);

    let (code, s) = post(server.addr(), "/api/ibkr/connect", "");
    assert_eq!(code, 200, "{s}");
    assert_eq!(s["connected"], json!(true));
    assert_eq!(s["state"], json!("connected"));
    assert_eq!(s["client_id"], json!(4));
    assert_eq!(
        s["server_version"],
        json!(tws_api::server_versions::MAX_CLIENT_VER)
    );
    assert!(s["connected_since"].as_str().unwrap().ends_with('Z'), "{s}");
    assert_eq!(s["managed_accounts"], json!(["DU1234567"]));
    assert!(s["metrics"]["messages_in"].as_u64().unwrap() >= 2, "{s}");
    assert!(s["metrics"]["messages_out"].as_u64().unwrap() >= 1, "{s}");
    assert!(s["metrics"]["queue_depth"].is_u64(), "{s}");
    assert_eq!(s["reconnects"], json!(0));
    assert_eq!(s["last_error"], Value::Null, "farm notices are not errors");
    assert_eq!(gw.client_ids(), vec![4]);
    assert_eq!(s["connectivity"], json!("connected"));
    wait_for("the farms in the status", || {
        get_status(server.addr())["farms"]["usfarm"] == json!("ok")
    });

    // Connected already: answered at once, same connection.
    let (code, _) = post(server.addr(), "/api/ibkr/connect", "{}");
    assert_eq!(code, 200);
    assert_eq!(gw.connections_accepted(), 1);

    // Elsewhere: a body overrides the target.
    let (code, s) = post(server.addr(), "/api/ibkr/connect", r#"{"client_id": 7}"#);
    assert_eq!(code, 200, "{s}");
    assert_eq!(s["client_id"], json!(7));
    wait_for("the old id to go", || gw.client_ids() == vec![7]);

    let (code, s) = post(server.addr(), "/api/ibkr/disconnect", "");
    assert_eq!(code, 200);
    assert_eq!(s["state"], json!("disconnected"));
    assert_eq!(s["connected"], json!(false));
    wait_for("the sim to see the disconnect", || {
        gw.client_ids().is_empty()
    });
}

#[test]
fn a_failed_connect_answers_non_200_with_cause_and_fix() {
    init_logs();
    let svc = service(target(closed_port(), 0), ServiceOptions::default());
    let server = serve(&svc);
    let (code, f) = post(server.addr(), "/api/ibkr/connect", "");
    assert_eq!(code, 502, "{f}");
    assert_eq!(f["code"], json!(502));
    assert!(f["cause"].as_str().unwrap().contains("refused"), "{f}");
    assert!(f["fix"].as_str().unwrap().contains("7497"), "{f}");
    assert_eq!(f["status"]["connected"], json!(false));
    assert_eq!(f["status"]["last_error"]["code"], json!(502), "{f}");

    // Client id in use: 409, and the fix names the doctor.
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let holder = IBClient::new();
    holder.connect("127.0.0.1", gw.port(), 3).unwrap();
    holder.start();
    assert!(holder.wait_for_connection(Duration::from_secs(10)));
    let body = format!(r#"{{"port": {}, "client_id": 3}}"#, gw.port());
    let (code, f) = post(server.addr(), "/api/ibkr/connect", &body);
    assert_eq!(code, 409, "{f}");
    assert_eq!(f["code"], json!(326));
    assert!(f["fix"].as_str().unwrap().contains("tws-doctor"), "{f}");

    // No nextValidId: 504.
    let mute = SimGateway::start(SimConfig {
        send_next_valid_id: false,
        ..SimConfig::default()
    })
    .unwrap();
    let svc = service(
        target(mute.port(), 0),
        ServiceOptions {
            ready_timeout: Duration::from_secs(1),
            ..ServiceOptions::default()
        },
    );
    let server = serve(&svc);
    let (code, f) = post(server.addr(), "/api/ibkr/connect", "");
    assert_eq!(code, 504, "{f}");
    assert!(f["fix"].as_str().unwrap().contains("dialog"), "{f}");
    assert_eq!(get_status(server.addr())["state"], json!("disconnected"));
}

#[test]
fn bad_requests_get_json_errors() {
    init_logs();
    let svc = service(target(closed_port(), 0), ServiceOptions::default());
    let server = serve(&svc);
    let a = server.addr();
    let check = |code: u16, want: u16, body: &str| {
        assert_eq!(code, want, "{body}");
        let v: Value = serde_json::from_str(body).expect("a JSON error");
        assert!(v["error"].is_string(), "{body}");
    };

    let (code, _, body) = request(a, "GET", "/nope", &[], "");
    check(code, 404, &body);
    let (code, head, body) = request(a, "POST", "/api/ibkr/status", &[JSON], "");
    check(code, 405, &body);
    assert!(head.contains("Allow: GET, HEAD"), "{head}");
    let (code, head, body) = request(a, "GET", "/api/ibkr/connect", &[], "");
    check(code, 405, &body);
    assert!(head.contains("Allow: POST"), "{head}");
    let (code, _, body) = request(a, "DELETE", "/api/ibkr/disconnect", &[], "");
    check(code, 405, &body);
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], "{not json");
    check(code, 400, &body);
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], r#"{"port": "x"}"#);
    check(code, 400, &body);
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], r#"{"prot": 1}"#);
    check(code, 400, &body);
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], r#"{"port": 0}"#);
    check(code, 400, &body);
    let (code, _, body) = request(
        a,
        "POST",
        "/api/ibkr/connect",
        &[JSON],
        r#"{"client_id": 32}"#,
    );
    check(code, 400, &body);
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], r#"{"host": " "}"#);
    check(code, 400, &body);
    let big = format!(r#"{{"host": "{}"}}"#, "h".repeat(MAX_BODY));
    let (code, _, body) = request(a, "POST", "/api/ibkr/connect", &[JSON], &big);
    check(code, 413, &body);
    // No JSON content type: another site's form cannot post here.
    let (code, _, body) = request(a, "POST", "/api/ibkr/disconnect", &[], "");
    check(code, 415, &body);
    let (code, _, body) = request(a, "GET", "/api/%zz", &[], "");
    check(code, 400, &body);
    // A DNS name pointing here, without a token: refused.
    let mut s = TcpStream::connect(a).unwrap();
    s.write_all(
        b"GET /api/ibkr/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 403"), "{out}");
    // The page and the URL-decoded status path.
    let (code, head, page) = request(a, "GET", "/", &[], "");
    assert_eq!(code, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(
        page.contains("id=\"badge\"") && !page.contains("http://") && !page.contains("https://")
    );
    let (code, _, _) = request(a, "GET", "/api/ibkr/%73tatus", &[], "");
    assert_eq!(code, 200);
}

#[test]
fn a_token_is_required_when_set_and_beyond_loopback() {
    init_logs();
    let svc = service(target(closed_port(), 0), ServiceOptions::default());
    let err = StatusServer::serve("0.0.0.0:0", Arc::clone(&svc), ServerOptions::default())
        .expect_err("no token, not loopback");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("IBKR_STATUS_TOKEN"), "{err}");

    let token = "s3cret-token";
    let options = ServerOptions {
        token: Some(token.into()),
        workers: None,
    };
    assert!(!format!("{options:?}").contains(token));
    let server = StatusServer::serve("0.0.0.0:0", Arc::clone(&svc), options).unwrap();
    let a = SocketAddr::from(([127, 0, 0, 1], server.addr().port()));
    let (code, head, _) = request(a, "GET", "/api/ibkr/status", &[], "");
    assert_eq!(code, 401);
    assert!(head.contains("WWW-Authenticate: Bearer"), "{head}");
    let (code, _, _) = request(
        a,
        "GET",
        "/api/ibkr/status",
        &[("Authorization", "Bearer wrong")],
        "",
    );
    assert_eq!(code, 401);
    let (code, _, _) = request(
        a,
        "GET",
        "/api/ibkr/status",
        &[("Authorization", "Bearer s3cret-token-and-more")],
        "",
    );
    assert_eq!(code, 401);
    let (code, _, _) = request(a, "POST", "/api/ibkr/disconnect", &[JSON], "");
    assert_eq!(code, 401);
    let bearer = format!("Bearer {token}");
    let (code, _, body) = request(
        a,
        "GET",
        "/api/ibkr/status",
        &[("Authorization", &bearer)],
        "",
    );
    assert_eq!(code, 200, "{body}");
    let (code, _, _) = request(
        a,
        "POST",
        "/api/ibkr/disconnect",
        &[("Authorization", &bearer), JSON],
        "",
    );
    assert_eq!(code, 200);
    // The page itself holds no data and loads without it (it asks for the token).
    let (code, _, page) = request(a, "GET", "/", &[], "");
    assert_eq!(code, 200);
    assert!(page.contains("sessionStorage"));
}

#[test]
fn a_slow_connect_never_blocks_a_status_read() {
    init_logs();
    // Accepts and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let (done, hold) = std::sync::mpsc::channel::<()>();
    let keep = thread::spawn(move || {
        let mut held = Vec::new();
        for s in silent.incoming().take(1).flatten() {
            held.push(s);
        }
        let _ = hold.recv_timeout(Duration::from_secs(60));
    });
    let svc = service(
        target(port, 0),
        ServiceOptions {
            connect_timeout: Duration::from_secs(5),
            ..ServiceOptions::default()
        },
    );
    let server = serve(&svc);
    let a = server.addr();
    let connect = thread::spawn(move || post(a, "/api/ibkr/connect", ""));
    wait_for("the connect to start", || {
        get_status(a)["state"] == json!("connecting")
    });
    // Many reads while the connect hangs, each answered.
    for _ in 0..20 {
        let s = get_status(a);
        assert_eq!(s["connected"], json!(false));
    }
    assert!(
        !connect.is_finished(),
        "the reads came back while the connect was pending"
    );
    // A second connect does not queue behind it.
    let (code, f) = post(a, "/api/ibkr/connect", "");
    assert_eq!(code, 409, "{f}");
    let (code, f) = connect.join().unwrap();
    assert_eq!(code, 504, "{f}");
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .contains("Enable ActiveX and Socket Clients"),
        "{f}"
    );
    let _ = done.send(());
    let _ = keep.join();
}

#[test]
fn the_supervisor_reconnects_and_the_status_shows_it() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let port = gw.port();
    let svc = service(target(port, 1), ServiceOptions::default());
    let server = serve(&svc);
    let (code, _) = post(server.addr(), "/api/ibkr/connect", "");
    assert_eq!(code, 200);
    // The gateway goes away: the status shows the attempts.
    gw.shutdown();
    wait_for("reconnect attempts", || {
        let s = get_status(server.addr());
        s["state"] == json!("reconnecting") && s["reconnect_attempts"].as_u64().unwrap() >= 2
    });
    // It comes back on the same port: connected again, one reconnect.
    let gw = SimGateway::bind(("127.0.0.1", port), SimConfig::default()).unwrap();
    wait_for("the reconnect", || {
        let s = get_status(server.addr());
        s["connected"] == json!(true) && s["reconnects"] == json!(1)
    });
    let (code, s) = post(server.addr(), "/api/ibkr/disconnect", "");
    assert_eq!(code, 200);
    assert_eq!(s["state"], json!("disconnected"));
    drop(gw);
}

#[test]
fn load_1000_status_reads_from_8_threads_while_connecting_and_disconnecting() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let svc = service(target(gw.port(), 2), ServiceOptions::default());
    let server = serve(&svc);
    let a = server.addr();
    let stop = Arc::new(AtomicBool::new(false));
    let cycles = Arc::new(AtomicUsize::new(0));
    let toggler = {
        let stop = Arc::clone(&stop);
        let cycles = Arc::clone(&cycles);
        thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let (c1, v1) = post(a, "/api/ibkr/connect", "");
                assert!(c1 == 200 || c1 == 409, "{c1} {v1}");
                let (c2, v2) = post(a, "/api/ibkr/disconnect", "");
                assert!(c2 == 200 || c2 == 409, "{c2} {v2}");
                cycles.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let answered = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..8)
        .map(|_| {
            let answered = Arc::clone(&answered);
            thread::spawn(move || {
                for _ in 0..125 {
                    let s = get_status(a);
                    assert!(s["connected"].is_boolean());
                    answered.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for r in readers {
        r.join().expect("a reader thread");
    }
    // At least one full cycle, even on a slow machine.
    wait_for("a connect/disconnect cycle", || {
        cycles.load(Ordering::SeqCst) >= 1
    });
    stop.store(true, Ordering::SeqCst);
    toggler.join().expect("the toggling thread");
    assert_eq!(answered.load(Ordering::SeqCst), 1000);
    // Still serving, and the connection still works.
    let (code, s) = post(a, "/api/ibkr/connect", "");
    assert_eq!(code, 200, "{s}");
    assert_eq!(s["connected"], json!(true));
}

/// `tws-status`, started with `args`, and the address it serves on.
fn start_program(args: &[&str], env_file: &std::path::Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tws-status"))
        .args(["--listen", "127.0.0.1:0", "--env-file"])
        .arg(env_file)
        .args(args)
        .env_remove("IB_HOST")
        .env_remove("IB_PORT")
        .env_remove("IB_CLIENT_ID")
        .env_remove("IBKR_HOST")
        .env_remove("IBKR_PORT")
        .env_remove("IBKR_CLIENT_ID")
        .env_remove("IBKR_AUTO_CONNECT")
        .env_remove("IBKR_STATUS_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tws-status starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .parse()
        .unwrap();
    (child, addr)
}

#[test]
fn the_program_auto_connects_from_its_env_file() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("tws-status-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = dir.join("auto.env");
    std::fs::write(
        &env,
        format!(
            "IBKR_AUTO_CONNECT=true\nIBKR_HOST=127.0.0.1\nIBKR_PORT={}\nIBKR_CLIENT_ID=6\n",
            gw.port()
        ),
    )
    .unwrap();
    let (mut child, addr) = start_program(&[], &env);
    wait_for("the auto-connect", || {
        get_status(addr)["connected"] == json!(true)
    });
    let s = get_status(addr);
    assert_eq!(s["auto_connect"], json!(true));
    assert_eq!(s["client_id"], json!(6));
    assert_eq!(gw.client_ids(), vec![6]);
    let _ = child.kill();
    let _ = child.wait();

    // Not beyond loopback without a token.
    let out = Command::new(env!("CARGO_BIN_EXE_tws-status"))
        .args(["--listen", "0.0.0.0:0", "--env-file"])
        .arg(&env)
        .env_remove("IBKR_STATUS_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("IBKR_STATUS_TOKEN"));

    // --help: the same connection flags as the other programs.
    let help = Command::new(env!("CARGO_BIN_EXE_tws-status"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--host", "--port", "--client-id", "--env-file", "--listen"] {
        assert!(help.contains(flag), "{help}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_auto_connect_keeps_trying_until_the_gateway_comes_up() {
    init_logs();
    let port = closed_port();
    let svc = service(target(port, 8), ServiceOptions::default());
    let server = serve(&svc);
    let first = svc.auto_connect_if(true).expect("enabled");
    let f = first.expect_err("nothing listens yet");
    assert_eq!(f.http_status, 502);
    assert!(f.cause.contains("refused"), "{f:?}");
    wait_for("background attempts", || {
        let s = get_status(server.addr());
        s["state"] == json!("reconnecting") && s["auto_connect"] == json!(true)
    });
    let gw = SimGateway::bind(("127.0.0.1", port), SimConfig::default()).unwrap();
    wait_for("the connection", || {
        get_status(server.addr())["connected"] == json!(true)
    });
    assert_eq!(gw.client_ids(), vec![8]);
    assert!(svc.auto_connect_if(false).is_none());
    svc.disconnect().unwrap();
}

/// `GET /metrics`: the connection's metrics in the Prometheus text format,
/// read back by the Prometheus project's own parser; the same token rules as
/// the API.
#[test]
fn metrics_are_served_in_the_prometheus_format() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let svc = service(target(gw.port(), 4), ServiceOptions::default());
    let server = serve(&svc);
    let addr = server.addr();
    let (code, _) = post(addr, "/api/ibkr/connect", "");
    assert_eq!(code, 200);
    svc.client().req_current_time().unwrap();
    let (code, head, body) = request(addr, "GET", "/metrics", &[], "");
    assert_eq!(code, 200, "{body}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/plain; version=0.0.4"),
        "{head}"
    );
    let Some(families) = common::python::parse_prometheus(&body) else {
        return;
    };
    let sample = |family: &str| -> (serde_json::Value, f64) {
        let s = &families[family]["samples"][0];
        (s["labels"].clone(), s["value"].as_f64().unwrap_or(f64::NAN))
    };
    let (labels, up) = sample("tws_connected");
    assert_eq!(up, 1.0, "{body}");
    assert_eq!(labels["client_id"], "4");
    assert_eq!(families["tws_connected"]["type"], "gauge");
    // Counters are families without `_total`, as the format defines.
    assert_eq!(families["tws_messages_received"]["type"], "counter");
    assert!(sample("tws_messages_received").1 > 0.0);
    assert!(sample("tws_uptime_seconds").1 >= 0.0);
    // 16 gauges and counters, and the two request-latency summaries.
    assert_eq!(families.as_object().map(|f| f.len()), Some(18), "{body}");
    assert_eq!(
        families["tws_request_first_answer_seconds"]["type"],
        "summary"
    );

    // With a token, /metrics needs it as the API does.
    let gw2 = SimGateway::start(SimConfig::default()).unwrap();
    let svc2 = service(target(gw2.port(), 5), ServiceOptions::default());
    let server2 = StatusServer::serve(
        "127.0.0.1:0",
        Arc::clone(&svc2),
        ServerOptions {
            token: Some("s3cret".into()),
            ..ServerOptions::default()
        },
    )
    .unwrap();
    let (code, _, _) = request(server2.addr(), "GET", "/metrics", &[], "");
    assert_eq!(code, 401);
    let (code, _, body) = request(
        server2.addr(),
        "GET",
        "/metrics",
        &[("Authorization", "Bearer s3cret")],
        "",
    );
    assert_eq!(code, 200);
    // Not connected: the connection is there, down, with no client id yet.
    assert!(
        body.contains("tws_connected{client_id=\"-1\",strategy=\"service\"} 0"),
        "{body}"
    );
}

/// The status shows the request latencies and the alerts (issue 23): a
/// connection the gateway drops is a ConnectionLost, its return a
/// ConnectionRestored; a disconnect asked for is no alert.
#[test]
fn status_shows_request_latencies_and_alerts() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let svc = service(target(gw.port(), 6), ServiceOptions::default());
    let server = serve(&svc);
    let (code, _) = post(server.addr(), "/api/ibkr/connect", "");
    assert_eq!(code, 200);
    svc.client().req_current_time().unwrap();
    wait_for("the latency of reqCurrentTime", || {
        get_status(server.addr())["request_latencies"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x["request"] == "reqCurrentTime"))
    });
    let s = get_status(server.addr());
    let l = s["request_latencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["request"] == "reqCurrentTime")
        .cloned()
        .unwrap();
    assert_eq!(l["count"], json!(1));
    assert!(l["end_p99_ms"].as_f64().is_some(), "{l}");
    assert_eq!(s["alerts"], json!([]), "no alert while all is well");

    // The gateway drops the connection; the supervisor brings it back.
    assert!(gw.drop_client(6));
    wait_for("the alerts of a lost and restored connection", || {
        let kinds: Vec<String> = get_status(server.addr())["alerts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kind"].as_str().unwrap_or("").to_owned())
            .collect();
        kinds.contains(&"ConnectionLost".to_owned())
            && kinds.contains(&"ConnectionRestored".to_owned())
    });
    let before = get_status(server.addr())["alerts"]
        .as_array()
        .unwrap()
        .len();
    let (code, _) = post(server.addr(), "/api/ibkr/disconnect", "");
    assert_eq!(code, 200);
    let alerts = get_status(server.addr())["alerts"].clone();
    assert_eq!(
        alerts.as_array().unwrap().len(),
        before,
        "a disconnect asked for is no alert: {alerts}"
    );
}
