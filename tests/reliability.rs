//! The supervisor (reconnect with backoff), the heartbeat and the pacer,
//! against the simulated gateway and raw peers on loopback.

mod common;

use common::supervised::{fast_policy, sim_config, started, sv_events, Supervised, Sv};

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use common::{init_logs, Ev};
use tws_api::client::{Heartbeat, RateLimit, ReconnectPolicy};
use tws_api::messages::connection::{ManagedAccounts, NextValidId};
use tws_api::messages::to_frame;
use tws_api::sim::SimGateway;
use tws_api::wire::handshake::encode_server_answer;
use tws_api::IBClient;

#[test]
fn a_dropped_connection_is_reconnected_and_the_wrapper_told() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (ib, log) = started(gw.port(), 4, Some(fast_policy()));
    gw.drop_connections();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(-8, _, _)))));
    assert!(ib.is_connected());
    assert_eq!(ib.reconnects(), 1);
    let ev = sv_events(&log);
    assert_eq!(ev.first(), Some(&Sv::Reconnecting(1)));
    assert!(matches!(ev.last(), Some(Sv::Reconnected(_))));
    // reconnected comes right after the new connection's next_valid_id.
    let all = log.snapshot();
    let i = all
        .iter()
        .position(|e| matches!(e, Ev::Error(-8, _, _)))
        .unwrap();
    assert!(matches!(all[i - 1], Ev::NextValidId(_)), "{all:?}");
    ib.disconnect();
    assert!(!ib.is_running());
}

#[test]
fn a_user_disconnect_is_never_repaired() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (ib, log) = started(gw.port(), 0, Some(fast_policy()));
    ib.disconnect();
    assert!(!ib.is_running());
    assert!(!ib.is_connected());
    assert!(sv_events(&log).is_empty());
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
}

#[test]
fn client_id_in_use_on_first_connect_is_final() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let holder = IBClient::new();
    holder.connect("127.0.0.1", gw.port(), 3).unwrap();
    holder.start();
    assert!(holder.wait_for_connection(Duration::from_secs(20)));

    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_reconnect(Some(fast_policy()));
    ib.connect("127.0.0.1", gw.port(), 3).unwrap();
    ib.run(); // returns: 326 is final, no retry loop
    let ev = sv_events(&log);
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert!(matches!(&ev[0], Sv::GaveUp(r) if r.contains("326")));
    assert!(ib.client_id_in_use());
    assert!(log
        .snapshot()
        .iter()
        .any(|e| matches!(e, Ev::Error(-1, 326, _))));
    holder.disconnect();
}

#[test]
fn max_attempts_give_up_when_the_gateway_stays_away() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (ib, log) = started(
        gw.port(),
        0,
        Some(ReconnectPolicy {
            max_attempts: Some(3),
            ..fast_policy()
        }),
    );
    gw.shutdown();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(-9, _, _)))));
    let ev = sv_events(&log);
    assert_eq!(
        ev[..3],
        [
            Sv::Reconnecting(1),
            Sv::Reconnecting(2),
            Sv::Reconnecting(3)
        ]
    );
    assert!(matches!(&ev[3], Sv::GaveUp(r) if r.contains("3 attempts")));
    // Each failed attempt was reported: 502 then connection_closed.
    assert_eq!(log.count(|e| matches!(e, Ev::Error(-1, 502, _))), 3);
    ib.disconnect();
}

#[test]
fn disconnect_during_backoff_stops_the_supervisor() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (ib, log) = started(
        gw.port(),
        0,
        Some(ReconnectPolicy {
            initial_delay: Duration::from_secs(3600),
            ..fast_policy()
        }),
    );
    gw.shutdown();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(-7, 1, _)))));
    ib.disconnect(); // wakes the hour-long wait
    assert!(!ib.is_running());
}

/// A peer that completes the handshake and startApi but never answers a request.
fn silent_peer() -> (u16, thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut head = [0u8; 8];
        s.read_exact(&mut head).unwrap();
        let mut text = vec![0; u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize];
        s.read_exact(&mut text).unwrap();
        s.write_all(&encode_server_answer(203, "t")).unwrap();
        let mut out = to_frame(
            &ManagedAccounts {
                accounts_list: "DU1".into(),
            },
            203,
        )
        .unwrap();
        out.extend(to_frame(&NextValidId { order_id: 1 }, 203).unwrap());
        s.write_all(&out).unwrap();
        // Read everything, answer nothing, until the client goes away.
        let mut buf = [0u8; 256];
        while matches!(s.read(&mut buf), Ok(n) if n > 0) {}
    });
    (port, h)
}

#[test]
fn a_missed_heartbeat_closes_the_dead_connection() {
    init_logs();
    let (port, peer) = silent_peer();
    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_heartbeat(Some(Heartbeat {
        interval: Duration::from_millis(20),
        timeout: Duration::from_millis(100),
    }));
    ib.connect("127.0.0.1", port, 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    assert!(log.wait_until(|e| e.contains(&Ev::Closed)));
    let ev = log.snapshot();
    assert!(
        ev.iter()
            .any(|e| matches!(e, Ev::Error(-1, 509, t) if t.contains("heartbeat"))),
        "{ev:?}"
    );
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
    assert!(!ib.is_connected());
    ib.disconnect();
    peer.join().unwrap();
}

#[test]
fn heartbeats_on_a_live_connection_keep_it() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_heartbeat(Some(Heartbeat {
        interval: Duration::from_millis(10),
        timeout: Duration::from_secs(10),
    }));
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::CurrentTime(_))).count() >= 5));
    assert!(ib.is_connected());
    assert!(!log
        .snapshot()
        .iter()
        .any(|e| matches!(e, Ev::Error(_, 509, _))));
    ib.disconnect();
}

#[test]
fn paced_requests_all_arrive_in_order() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_rate_limit(Some(RateLimit {
        per_second: 2000.0,
        burst: 10,
    }));
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    for _ in 0..200 {
        ib.req_current_time().unwrap();
    }
    assert!(log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::CurrentTime(_))).count() == 200));
    assert!(ib.is_connected());
    ib.disconnect();
}

#[test]
fn a_peer_that_stops_reading_is_a_dead_connection_after_the_write_timeout() {
    init_logs();
    let (done, done_rx) = std::sync::mpsc::channel::<()>();
    let (port, peer) = stalled_reader(done_rx);
    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_write_timeout(Duration::from_millis(200));
    ib.connect("127.0.0.1", port, 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    // Big requests until the socket's buffers are full and a write times out.
    let ticks = "233,".repeat(16 * 1024);
    let mut failed = None;
    for i in 0..100_000 {
        if let Err(e) = ib.req_mkt_data(i, &common::stock("IBM"), &ticks, false, false, &[]) {
            failed = Some(e);
            break;
        }
    }
    let err = failed.expect("a write timed out");
    assert_eq!(err.code(), 509, "{err}");
    assert!(log.wait_until(|e| e.contains(&Ev::Closed)));
    let ev = log.snapshot();
    // The wrapper hears it as 10.51.1 reports a failed send of reqMktData:
    // 510, its text, then what went wrong.
    assert!(
        ev.iter().any(|e| matches!(e, Ev::Error(_, 510, t)
            if t.starts_with("Request Market Data Sending Error - ")
                && t.contains("write timeout"))),
        "{err} / {ev:?}"
    );
    assert!(!ib.is_connected());
    ib.disconnect();
    let _ = done.send(());
    peer.join().unwrap();
}

/// A peer that completes the handshake, then never reads again until `done`.
fn stalled_reader(done: std::sync::mpsc::Receiver<()>) -> (u16, thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut head = [0u8; 8];
        s.read_exact(&mut head).unwrap();
        let mut text = vec![0; u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize];
        s.read_exact(&mut text).unwrap();
        s.write_all(&encode_server_answer(203, "t")).unwrap();
        s.write_all(&to_frame(&NextValidId { order_id: 1 }, 203).unwrap())
            .unwrap();
        // Read nothing until the test is done.
        let _ = done.recv_timeout(Duration::from_secs(60));
        drop(s);
    });
    (port, h)
}

#[test]
fn a_slow_run_shows_in_the_metrics_and_memory_stays_bounded() {
    use tws_api::sim::burst::{BurstConfig, BurstGateway};
    use tws_api::{Decimal, EClient, TickAttrib, TickType};

    /// Sleeps now and then: far slower than the gateway streams.
    struct Slow {
        client: EClient,
        prices: u64,
        peak_seen: usize,
    }
    impl tws_api::EWrapper for Slow {
        fn tick_price(&mut self, _r: i32, _t: TickType, _p: f64, _a: TickAttrib) {
            self.prices += 1;
            if self.prices % 2_000 == 0 {
                thread::sleep(Duration::from_millis(2));
                self.peak_seen = self.peak_seen.max(self.client.metrics().bytes_queued);
            }
        }
        fn tick_size(&mut self, _r: i32, _t: TickType, _s: Decimal) {}
        fn tick_snapshot_end(&mut self, _r: i32) {
            self.client.disconnect();
        }
    }

    init_logs();
    const TICKS: u64 = 300_000;
    const LIMIT: usize = 64 * 1024;
    let gw = BurstGateway::start(BurstConfig {
        ticks: TICKS,
        ..BurstConfig::default()
    })
    .unwrap();
    let client = EClient::new();
    client.set_queue_limit(LIMIT);
    client.connect("127.0.0.1", gw.port(), 0).unwrap();
    client
        .req_mkt_data(1, &common::stock("AAPL"), "", false, false, &[])
        .unwrap();
    let mut w = Slow {
        client: client.clone(),
        prices: 0,
        peak_seen: 0,
    };
    client.run(&mut w);
    let m = client.metrics();
    // Every tick arrived although run() was slower than the stream …
    assert_eq!(w.prices, TICKS);
    // … the backlog was visible while it lasted …
    assert!(w.peak_seen > 0, "bytes_queued never rose");
    assert!(m.peak_bytes_queued >= w.peak_seen);
    // … and never exceeded the limit by more than one read (64 KiB + a frame).
    assert!(
        m.peak_bytes_queued <= LIMIT + 80 * 1024,
        "peak {} over limit {LIMIT}",
        m.peak_bytes_queued
    );
    assert_eq!(m.queue_limit, LIMIT);
    assert_eq!(m.bytes_queued, 0, "drained at the end");
}

/// A wrapper slower than the stream: every tick takes 200 µs.
struct Slow {
    ticks: std::sync::Arc<std::sync::atomic::AtomicU64>,
    socket_errors: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl tws_api::EWrapper for Slow {
    fn tick_price(&mut self, _: i32, _: tws_api::TickType, _: f64, _: tws_api::TickAttrib) {
        self.ticks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        thread::sleep(Duration::from_micros(200));
    }
    fn error(&mut self, _: i32, _: i64, code: i32, _: &str, _: &str) {
        if code == 509 {
            self.socket_errors
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

#[test]
fn a_backlog_longer_than_the_heartbeat_timeout_does_not_look_like_a_dead_connection() {
    use std::sync::atomic::Ordering::SeqCst;
    init_logs();
    let gw = SimGateway::start(tws_api::sim::SimConfig {
        tick_interval: Duration::from_millis(1),
        ..tws_api::sim::SimConfig::default()
    })
    .unwrap();
    let ticks = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let socket_errors = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let ib = IBClient::with_wrapper(Slow {
        ticks: std::sync::Arc::clone(&ticks),
        socket_errors: std::sync::Arc::clone(&socket_errors),
    });
    // A small queue fills at once: the heartbeat's answer waits behind it
    // much longer than the timeout.
    ib.set_queue_limit(16 * 1024);
    ib.set_heartbeat(Some(Heartbeat {
        interval: Duration::from_millis(20),
        timeout: Duration::from_millis(50),
    }));
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    for (i, s) in ["AAPL", "IBM", "MSFT", "SPY"].iter().enumerate() {
        for j in 0..5 {
            ib.req_mkt_data(
                (i * 5 + j) as i32 + 1,
                &tws_api::Contract::stock(*s, "SMART", "USD"),
                "",
                false,
                false,
                &[],
            )
            .unwrap();
        }
    }
    // Long enough for many heartbeats to wait behind the backlog.
    assert!(common::call_log::wait(|| ticks.load(SeqCst) >= 3_000));
    assert!(
        ib.metrics().peak_bytes_queued >= 16 * 1024,
        "a backlog formed"
    );
    assert_eq!(socket_errors.load(SeqCst), 0, "no heartbeat gave up");
    assert!(ib.is_connected());
    ib.disconnect();
}

/// TWS forgets the market data type with the connection: after a reconnect
/// `IBClient` sets it again, before it resubscribes.
#[test]
fn the_market_data_type_is_set_again_after_a_reconnect_before_the_resubscriptions() {
    use tws_api::messages::ids::outgoing;
    init_logs();
    let gw = SimGateway::start(tws_api::sim::SimConfig {
        record_requests: true,
        ..sim_config()
    })
    .unwrap();
    let (ib, log) = started(gw.port(), 5, Some(fast_policy()));
    ib.set_resubscribe(true);
    ib.req_market_data_type(3).unwrap();
    assert_eq!(ib.market_data_type(), Some(3));
    ib.req_mkt_data(1, &common::stock("AAPL"), "", false, false, &[])
        .unwrap();
    gw.drop_connections();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(-8, _, _)))));
    // On the new connection: the type, then the ticker.
    let ids = || -> Vec<u32> {
        gw.recorded_requests()
            .into_iter()
            .map(|r| r.msg_id)
            .filter(|id| *id == outgoing::REQ_MARKET_DATA_TYPE || *id == outgoing::REQ_MKT_DATA)
            .collect()
    };
    assert!(common::call_log::wait(|| ids().len() >= 4), "{:?}", ids());
    let after = ids();
    assert_eq!(
        after,
        [
            outgoing::REQ_MARKET_DATA_TYPE,
            outgoing::REQ_MKT_DATA,
            outgoing::REQ_MARKET_DATA_TYPE,
            outgoing::REQ_MKT_DATA
        ]
    );
    ib.disconnect();
}
