//! Auto-connect on start-up and the status endpoint (the auto-connect document).

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use common::{closed_port, init_logs};
use tws_api::client::AutoConnect;
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::status::StatusServer;
use tws_api::IBClient;

fn vars(pairs: &[(&str, String)]) -> impl Fn(&str) -> Option<String> {
    let m: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    move |k| m.get(k).cloned()
}

fn http(addr: std::net::SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn disabled_by_default_and_by_false() {
    init_logs();
    let ib = IBClient::new();
    assert!(matches!(
        ib.auto_connect_with(vars(&[])),
        AutoConnect::Disabled
    ));
    let off = vars(&[("IBKR_AUTO_CONNECT", "false".into())]);
    assert!(matches!(ib.auto_connect_with(off), AutoConnect::Disabled));
    assert!(!ib.is_connected());
}

#[test]
fn enabled_connects_to_the_configured_gateway() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let ib = IBClient::new();
    let r = ib.auto_connect_with(vars(&[
        ("IBKR_AUTO_CONNECT", "true".into()),
        ("IBKR_HOST", "127.0.0.1".into()),
        ("IBKR_PORT", gw.port().to_string()),
        ("IBKR_CLIENT_ID", "1".into()),
    ]));
    assert!(r.is_connected(), "{r:?}");
    assert!(ib.is_connected() && ib.is_running());
    assert_eq!(gw.client_ids(), vec![1]);
    ib.disconnect();
}

#[test]
fn a_failure_does_not_abort_and_manual_connect_still_works() {
    init_logs();
    let ib = IBClient::new();
    let r = ib.auto_connect_with(vars(&[
        ("IBKR_AUTO_CONNECT", "true".into()),
        ("IBKR_PORT", closed_port().to_string()),
    ]));
    match r {
        AutoConnect::Failed(e) => assert_eq!(e.code(), 502),
        other => panic!("{other:?}"),
    }
    assert!(!ib.is_connected());
    let bad = ib.auto_connect_with(vars(&[
        ("IBKR_AUTO_CONNECT", "true".into()),
        ("IBKR_PORT", "abc".into()),
    ]));
    assert!(matches!(
        bad,
        AutoConnect::Failed(tws_api::Error::Config(_))
    ));
    // The manual way is still open.
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    ib.disconnect();
}

#[test]
fn status_endpoint_reports_and_connects() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let ib = Arc::new(IBClient::new());
    let server = StatusServer::start("127.0.0.1:0", Arc::clone(&ib)).unwrap();

    let r = http(
        server.addr(),
        "GET /api/ibkr/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert!(r.starts_with("HTTP/1.1 200 OK"), "{r}");
    assert!(r.contains("\"connected\":false,\"available\":true"), "{r}");

    let body = format!(
        "{{\"host\": \"127.0.0.1\", \"port\": {}, \"client_id\": 2}}",
        gw.port()
    );
    let req = format!(
        "POST /api/ibkr/connect HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let r = http(server.addr(), &req);
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(r.contains("\"connected\":true,\"available\":true"), "{r}");
    assert_eq!(gw.client_ids(), vec![2]);

    let r = http(
        server.addr(),
        "GET /api/ibkr/status HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert!(r.contains("\"connected\":true,\"available\":true"), "{r}");

    let r = http(
        server.addr(),
        "GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert!(r.starts_with("HTTP/1.1 404"), "{r}");
    let r = http(server.addr(), "garbage\r\n\r\n");
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    ib.disconnect();
    drop(server);
}
