//! The connection guide's three integration tests, and the rest of the
//! connection core, against the simulated gateway on loopback.

mod common;

use std::thread;
use std::time::Duration;

use common::{closed_port, connected, init_logs, stock, Ev, Recorder};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{EClient, Error, IBClient};

const WAIT: Duration = Duration::from_secs(20);

fn gateway() -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    })
    .expect("simulated gateway starts")
}

// ---- The guide's Test 1: connection establishment ----
#[test]
fn test1_connection_establishment() {
    let gw = gateway();
    let client = IBClient::new();
    client.connect("127.0.0.1", gw.port(), 0).expect("connects");
    client.start();
    assert!(client.wait_for_connection(WAIT), "nextValidId arrives");
    assert!(client.is_connected());
    assert!(client.is_running());
    assert!(client.next_valid_order_id().is_some());
    assert_eq!(client.managed_accounts(), vec!["DU1234567".to_string()]);
    // Stability: a request round-trips and the connection is still up.
    client.req_current_time().expect("request sent");
    client.req_ids(-1).expect("request sent");
    assert!(client.is_connected());
    client.disconnect();
    assert!(!client.is_connected());
    assert!(!client.is_running());
    assert!(!client.connected_event().is_set());
}

// ---- The guide's Test 2: error handling ----
#[test]
fn test2_error_handling() {
    init_logs();
    let port = closed_port();
    let client = EClient::new();
    let (mut rec, log) = Recorder::new();
    let err = client.connect("127.0.0.1", port, 0).unwrap_err();
    assert!(matches!(err, Error::ConnectFailed { .. }), "{err}");
    assert_eq!(err.code(), 502);
    assert!(!client.is_connected());
    // A request while not connected: 504, nothing sent.
    let err = client.req_current_time().unwrap_err();
    assert!(matches!(err, Error::NotConnected));
    assert_eq!(err.code(), 504);
    client.run(&mut rec); // returns: not connected, drains what was queued
    let ev = log.snapshot();
    assert_eq!(
        ev.iter()
            .filter(|e| matches!(e, Ev::Error(-1, 502, _)))
            .count(),
        1,
        "{ev:?}"
    );
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1, "{ev:?}");
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::Error(-1, 504, t) if t == "Not connected")));
    // The order of the guide: error(502) then connectionClosed().
    let i502 = ev.iter().position(|e| matches!(e, Ev::Error(_, 502, _)));
    let iclosed = ev.iter().position(|e| *e == Ev::Closed);
    assert!(i502 < iclosed);
}

// ---- The guide's Test 3: multiple connections ----
#[test]
fn test3_multiple_connections() {
    let gw = gateway();
    let c1 = IBClient::new();
    let c2 = IBClient::new();
    c1.connect("127.0.0.1", gw.port(), 0)
        .expect("client 0 connects");
    c1.start();
    c2.connect("127.0.0.1", gw.port(), 1)
        .expect("client 1 connects");
    c2.start();
    assert!(c1.wait_for_connection(WAIT) && c2.wait_for_connection(WAIT));
    assert!(c1.is_connected() && c2.is_connected());
    assert_ne!(c1.next_valid_order_id(), c2.next_valid_order_id());
    assert_eq!(gw.client_ids(), vec![0, 1]);
    c1.disconnect();
    c2.disconnect();
}

#[test]
fn thirty_two_clients_at_once_and_a_duplicate_is_refused() {
    let gw = gateway();
    let clients: Vec<IBClient> = (0..32)
        .map(|id| {
            let c = IBClient::new();
            c.connect("127.0.0.1", gw.port(), id).expect("connects");
            c.start();
            c
        })
        .collect();
    let mut ids = Vec::new();
    for c in &clients {
        assert!(c.wait_for_connection(WAIT));
        ids.push(c.next_valid_order_id().expect("order id"));
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 32, "order ids are unique");
    assert_eq!(gw.client_ids(), (0..32).collect::<Vec<_>>());

    // Client id 5 again: TWS answers 326 and closes the socket.
    let dup = EClient::new();
    let (mut rec, log) = Recorder::new();
    dup.connect("127.0.0.1", gw.port(), 5)
        .expect("the handshake itself succeeds");
    dup.run(&mut rec); // returns when the gateway closes the connection
    let ev = log.snapshot();
    assert!(
        ev.iter().any(|e| matches!(e, Ev::Error(-1, 326, _))),
        "{ev:?}"
    );
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
    assert!(!ev.iter().any(|e| matches!(e, Ev::NextValidId(_))));
    assert!(!dup.is_connected());
    // The original client 5 is untouched.
    assert!(clients[5].is_connected());
    for c in &clients {
        c.disconnect();
    }
}

#[test]
fn connect_ack_comes_first_then_accounts_ids_and_farm_notices() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 3);
    assert!(log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::Error(..))).count() >= 3));
    let ev = log.snapshot();
    assert_eq!(ev[0], Ev::ConnectAck);
    assert!(ev.contains(&Ev::ManagedAccounts("DU1234567".into())));
    for code in [2104, 2106, 2158] {
        assert!(
            ev.iter()
                .any(|e| matches!(e, Ev::Error(-1, c, _) if *c == code)),
            "{code}"
        );
    }
    client.disconnect();
    handle.join().expect("run returns");
}

#[test]
fn already_connected_is_501() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 0);
    let err = client.connect("127.0.0.1", gw.port(), 0).unwrap_err();
    assert_eq!(err.code(), 501);
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(-1, 501, _)))));
    client.disconnect();
    handle.join().expect("run returns");
}

#[test]
fn current_time_ids_and_accounts_requests() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 0);
    client.req_current_time().unwrap();
    client.req_managed_accts().unwrap();
    client.req_ids(1).unwrap();
    client.set_server_log_level(5).unwrap();
    assert!(log.wait_until(|e| {
        e.iter()
            .any(|e| matches!(e, Ev::CurrentTime(t) if *t > 1_700_000_000))
            && e.iter()
                .filter(|e| matches!(e, Ev::ManagedAccounts(_)))
                .count()
                == 2
            && e.iter().filter(|e| matches!(e, Ev::NextValidId(_))).count() == 2
    }));
    client.disconnect();
    handle.join().expect("run returns");
}

#[test]
fn disconnect_is_idempotent_and_connection_closed_fires_once() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 0);
    client.disconnect();
    client.disconnect();
    handle.join().expect("run returns after disconnect");
    client.disconnect();
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
    assert!(!client.is_connected());
    // After the disconnect, requests are refused with 504.
    assert_eq!(client.req_ids(1).unwrap_err().code(), 504);
}

#[test]
fn peer_close_ends_run_with_one_connection_closed() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 0);
    gw.drop_connections();
    handle.join().expect("run returns when the peer closes");
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
    assert!(!client.is_connected());
    client.disconnect(); // nothing left to do
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
}

#[test]
fn reconnect_after_disconnect_uses_the_same_client() {
    let gw = gateway();
    let client = EClient::new();
    for round in 0..3 {
        let (mut rec, log) = Recorder::new();
        client.connect("127.0.0.1", gw.port(), 7).expect("connects");
        let runner = client.clone();
        let h = thread::spawn(move || runner.run(&mut rec));
        assert!(
            log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::NextValidId(_)))),
            "round {round}"
        );
        client.disconnect();
        h.join().expect("run returns");
        assert_eq!(log.count(|e| *e == Ev::Closed), 1, "round {round}");
    }
}

#[test]
fn sends_from_many_threads_never_interleave() {
    let gw = gateway();
    let (client, log, handle) = connected(&gw, 0);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let c = client.clone();
            thread::spawn(move || {
                for _ in 0..500 {
                    c.req_current_time().expect("sent");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("sender thread");
    }
    // Every frame decoded intact on the gateway side: 4,000 answers.
    assert!(
        log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::CurrentTime(_))).count() == 4000)
    );
    assert!(client.is_connected());
    client.disconnect();
    handle.join().expect("run returns");
}

#[test]
fn server_versions_176_187_203_all_work() {
    init_logs();
    for sv in [100, 176, 187, 200, 201, 203] {
        let gw = SimGateway::start(SimConfig {
            server_version: sv,
            tick_interval: Duration::from_millis(5),
            ..SimConfig::default()
        })
        .unwrap();
        let (client, log, handle) = connected(&gw, 0);
        assert_eq!(client.server_version(), sv);
        client.req_current_time().unwrap();
        client
            .req_mkt_data(1, &stock("IBM"), "", false, false, &[])
            .unwrap();
        assert!(
            log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::CurrentTime(_)))
                && e.iter().filter(|e| matches!(e, Ev::TickPrice(..))).count() >= 6),
            "sv {sv}"
        );
        client.disconnect();
        handle.join().unwrap();
    }
}

#[test]
fn protobuf_error_messages_are_decoded() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        protobuf_errors: true,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, handle) = connected(&gw, 0);
    assert!(log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::ErrorProto(_))).count() == 3));
    let ev = log.snapshot();
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::Error(-1, 2104, t) if t.starts_with("Market data farm"))));
    client.disconnect();
    handle.join().unwrap();
}

#[test]
fn a_second_run_returns_at_once() {
    let gw = gateway();
    let (client, _log, handle) = connected(&gw, 0);
    let (mut other, other_log) = Recorder::new();
    client.run(&mut other); // the first run is still active
    assert!(other_log.snapshot().is_empty());
    client.disconnect();
    handle.join().unwrap();
}

#[test]
fn invalid_host_characters_are_579() {
    let client = EClient::new();
    let err = client.connect("caf\u{e9}", 7497, 0).unwrap_err();
    assert_eq!(err.code(), 579);
}

#[test]
fn ibclient_wrapper_can_send_requests_and_be_read_back() {
    #[derive(Default)]
    struct App {
        client: Option<EClient>,
        times: Vec<i64>,
    }
    impl tws_api::EWrapper for App {
        fn next_valid_id(&mut self, _order_id: i32) {
            if let Some(c) = &self.client {
                c.req_current_time().unwrap();
            }
        }
        fn current_time(&mut self, time: i64) {
            self.times.push(time);
        }
    }
    let gw = gateway();
    let ib = IBClient::with_wrapper_from(|client| App {
        client: Some(client),
        times: Vec::new(),
    });
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(WAIT));
    // The wrapper is busy in the loop: not readable while it runs.
    assert!(ib.with_wrapper_mut(|a: &mut App| a.times.len()).is_none());
    // Wait for the answer to the wrapper's own request: accounts, id, three
    // farm notices, then current time make six frames.
    let deadline = std::time::Instant::now() + WAIT;
    while ib.metrics().frames_in < 6 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    ib.disconnect();
    let times = ib.with_wrapper_mut(|a: &mut App| a.times.clone()).unwrap();
    assert_eq!(times.len(), 1, "the callback's request was answered");
    assert!(
        ib.with_wrapper_mut(|_: &mut common::Recorder| ()).is_none(),
        "wrong type"
    );
}

#[test]
fn dropping_an_ibclient_disconnects_it() {
    let gw = gateway();
    {
        let ib = IBClient::new();
        ib.connect("127.0.0.1", gw.port(), 9).unwrap();
        ib.start();
        assert!(ib.wait_for_connection(WAIT));
        assert_eq!(gw.client_ids(), vec![9]);
    }
    // The gateway sees the close; client id 9 is free again.
    let again = IBClient::new();
    again.connect("127.0.0.1", gw.port(), 9).unwrap();
    again.start();
    assert!(again.wait_for_connection(WAIT));
    assert!(!again.client_id_in_use());
}

#[test]
fn ibclient_delivers_a_failed_connect_at_once() {
    init_logs();
    let (rec, log) = Recorder::new();
    let ib = IBClient::with_wrapper(rec);
    let err = ib.connect("127.0.0.1", closed_port(), 0).unwrap_err();
    assert_eq!(err.code(), 502);
    // No start() or run() needed: error then connection_closed, already.
    let ev = log.snapshot();
    assert!(matches!(ev.first(), Some(Ev::Error(-1, 502, _))), "{ev:?}");
    assert_eq!(ev.last(), Some(&Ev::Closed));
    assert_eq!(ev.len(), 2);
    assert_eq!(ib.last_error().map(|e| e.1), Some(502));
    // A later start() finds nothing stale to deliver.
    ib.start();
    ib.disconnect();
    assert_eq!(log.snapshot().len(), 2);
}

// ---- The highest server version offered (issue 19) ----
#[test]
fn a_pinned_server_version_is_what_the_sim_negotiates() {
    use tws_api::server_versions::{
        MAX_CLIENT_VER, MIN_SERVER_VER_PROTOBUF, MIN_SERVER_VER_PROTOBUF_PLACE_ORDER,
    };
    let gw = gateway();
    let client = EClient::new();
    assert_eq!(client.max_server_version(), MAX_CLIENT_VER);
    client
        .set_max_server_version(MIN_SERVER_VER_PROTOBUF)
        .expect("a version it speaks");
    client.connect("127.0.0.1", gw.port(), 0).expect("connects");
    assert_eq!(client.server_version(), MIN_SERVER_VER_PROTOBUF);
    client.disconnect();
    // Out of range: refused, nothing changed.
    let err = client
        .set_max_server_version(MAX_CLIENT_VER + 1)
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert_eq!(client.max_server_version(), MIN_SERVER_VER_PROTOBUF);
    // A sim pinned lower than the client: the sim's version wins.
    let old = SimGateway::start(SimConfig {
        server_version: MIN_SERVER_VER_PROTOBUF_PLACE_ORDER - 27,
        ..SimConfig::default()
    })
    .expect("starts");
    client
        .connect("127.0.0.1", old.port(), 0)
        .expect("connects");
    assert_eq!(client.server_version(), 176);
    client.disconnect();
}
