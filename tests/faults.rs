//! The client against a simulated gateway that misbehaves on purpose
//! ([`SimGateway::inject`], [`Fault`]): garbage, impossible lengths, a peer
//! that closes, resets or stalls, a duplicate client id, and many threads
//! sending at once.
//!
//! tests/bad_input.rs covers much of the same with a hand-written raw peer;
//! these tests use the real gateway and the real client end to end.

mod common;

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::{connected, init_logs, Ev, Log, Recorder};
use tws_api::messages::connection::{CurrentTime, SetServerLogLevel};
use tws_api::messages::ids::outgoing;
use tws_api::messages::to_frame;
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::wire::frame::write_frame;
use tws_api::{EClient, IBClient};

const WAIT: Duration = Duration::from_secs(20);

/// A gateway without farm notices, so that nothing arrives unasked once
/// `nextValidId` is in.
fn gateway(server_version: i32) -> SimGateway {
    gateway_with(SimConfig {
        server_version,
        ..SimConfig::default()
    })
}

fn gateway_with(config: SimConfig) -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        farm_notices: false,
        ..config
    })
    .expect("simulated gateway starts")
}

/// Waits (at most 20 s) until `f` holds.
fn wait_for(f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + WAIT;
    while !f() {
        if Instant::now() >= deadline {
            return f();
        }
        thread::sleep(Duration::from_millis(5));
    }
    true
}

/// One frame: the message id as `server_version` wants it, then `body`.
fn frame(server_version: i32, id: u32, body: &[u8]) -> Vec<u8> {
    let mut payload = if server_version >= 201 {
        id.to_be_bytes().to_vec()
    } else {
        format!("{id}\0").into_bytes()
    };
    payload.extend_from_slice(body);
    let mut out = Vec::new();
    write_frame(&mut out, &payload);
    out
}

fn current_time(server_version: i32, time: i64) -> Vec<u8> {
    to_frame(&CurrentTime { time }, server_version).unwrap()
}

fn error_codes(ev: &[Ev]) -> Vec<i32> {
    ev.iter()
        .filter_map(|e| match e {
            Ev::Error(_, code, _) => Some(*code),
            _ => None,
        })
        .collect()
}

fn times(ev: &[Ev]) -> Vec<i64> {
    ev.iter()
        .filter_map(|e| match e {
            Ev::CurrentTime(t) => Some(*t),
            _ => None,
        })
        .collect()
}

fn is_real_time(e: &Ev) -> bool {
    matches!(e, Ev::CurrentTime(t) if *t > 1_700_000_000)
}

/// `connection_closed` came exactly once, and last.
/// Only the whole frame before a half one (time 1) was delivered, without
/// errors, and the connection closed once, last.
fn assert_whole_frame_then_close(ev: &[Ev]) {
    assert_eq!(
        times(ev),
        vec![1],
        "the half frame is never delivered: {ev:?}"
    );
    assert!(error_codes(ev).is_empty(), "{ev:?}");
    assert_closed_once_and_last(ev);
}

fn assert_closed_once_and_last(ev: &[Ev]) {
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1, "{ev:?}");
    assert_eq!(ev.last(), Some(&Ev::Closed), "{ev:?}");
}

/// The garbage the issue lists, for `server_version`: (what, frame, official code).
fn garbage(sv: i32) -> Vec<(&'static str, Vec<u8>, i32)> {
    let mut cases = Vec::new();
    let mut empty = Vec::new();
    write_frame(&mut empty, &[]);
    cases.push(("an empty payload", empty, 507));
    let mut id_cut_short = Vec::new();
    if sv >= 201 {
        write_frame(&mut id_cut_short, &[0, 0]); // two bytes of a four-byte id
    } else {
        write_frame(&mut id_cut_short, b"49"); // no NUL after the id
    }
    cases.push(("a message id cut short", id_cut_short, 508));
    let mut id_not_a_number = Vec::new();
    if sv < 201 {
        write_frame(&mut id_not_a_number, b"four\x001\x00");
        cases.push(("a message id that is not a number", id_not_a_number, 508));
    }
    cases.push(("an unknown message id", frame(sv, 999, b"1\0"), 505));
    cases.push((
        "currentTime whose time is not a number",
        frame(sv, 49, b"1\0notanumber\0"),
        508,
    ));
    cases.push((
        "nextValidId whose id overflows an i32",
        frame(sv, 9, b"1\x0099999999999\0"),
        508,
    ));
    cases.push((
        "tickPrice whose price is not a number",
        frame(sv, 1, b"6\x001\x001\x001.2.3\x00100\x000\0"),
        508,
    ));
    cases.push((
        "managedAccounts in invalid UTF-8",
        frame(sv, 15, b"1\0\xff\xfe\0"),
        508,
    ));
    cases.push(("a truncated tickPrice", frame(sv, 1, b"6\x001\x001\0"), 508));
    if sv >= 201 {
        let mut proto = 204u32.to_be_bytes().to_vec(); // errMsg as protobuf
        proto.extend_from_slice(&[0xff, 0xff, 0xff]);
        let mut f = Vec::new();
        write_frame(&mut f, &proto);
        cases.push(("a protobuf error that does not decode", f, 508));
    }
    cases
}

#[test]
fn garbage_frames_are_reported_skipped_and_the_stream_goes_on() {
    for sv in [176, 203] {
        let gw = gateway(sv);
        let (client, log, handle) = connected(&gw, 0);
        for (i, (what, bad, code)) in garbage(sv).into_iter().enumerate() {
            let marker = 1000 + i as i64;
            let before = log.snapshot().len();
            // The bad frame, and a good one right behind it in the same write.
            let mut bytes = bad;
            bytes.extend_from_slice(&current_time(sv, marker));
            assert_eq!(gw.inject(Fault::Raw(bytes)), 1, "sv {sv}, {what}");
            // The gateway still answers: the answer follows the injected bytes.
            client.req_current_time().expect("request sent");
            assert!(
                log.wait_until(|e| e[before..].iter().any(is_real_time)),
                "sv {sv}, {what}: {:?}",
                &log.snapshot()[before..]
            );
            let ev = log.snapshot()[before..].to_vec();
            assert_eq!(ev.len(), 3, "sv {sv}, {what}: {ev:?}");
            assert!(
                matches!(&ev[0], Ev::Error(-1, c, _) if *c == code),
                "sv {sv}, {what}: expected {code}, got {ev:?}"
            );
            assert_eq!(ev[1], Ev::CurrentTime(marker), "sv {sv}, {what}");
            assert!(is_real_time(&ev[2]), "sv {sv}, {what}: {ev:?}");
        }
        assert!(client.is_connected(), "sv {sv}");
        assert_eq!(log.count(|e| *e == Ev::Closed), 0, "sv {sv}");
        client.disconnect();
        handle.join().expect("run returns");
        assert_eq!(log.count(|e| *e == Ev::Closed), 1, "sv {sv}");
    }
}

#[test]
fn all_the_garbage_in_one_write_gives_one_error_each_in_order() {
    let sv = 203;
    let gw = gateway(sv);
    let (client, log, handle) = connected(&gw, 0);
    let before = log.snapshot().len();
    let cases = garbage(sv);
    let mut bytes = Vec::new();
    for (_, bad, _) in &cases {
        bytes.extend_from_slice(bad);
    }
    bytes.extend_from_slice(&current_time(sv, 42));
    assert_eq!(gw.inject(Fault::Raw(bytes)), 1);
    assert!(log.wait_until(|e| e[before..].contains(&Ev::CurrentTime(42))));
    let ev = log.snapshot()[before..].to_vec();
    let expected: Vec<i32> = cases.iter().map(|(_, _, code)| *code).collect();
    assert_eq!(error_codes(&ev), expected, "{ev:?}");
    assert_eq!(ev.last(), Some(&Ev::CurrentTime(42)));
    client.disconnect();
    handle.join().expect("run returns");
}

#[test]
fn oversized_length_prefix_is_507_then_one_clean_close() {
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 1))), 1);
    assert_eq!(gw.inject(Fault::OversizedPrefix), 1);
    handle.join().expect("run returns after the 507");
    let ev = log.snapshot();
    assert_eq!(error_codes(&ev), vec![507], "{ev:?}");
    let i_time = ev.iter().position(|e| *e == Ev::CurrentTime(1));
    let i_507 = ev.iter().position(|e| matches!(e, Ev::Error(-1, 507, _)));
    assert!(
        i_time.is_some() && i_time < i_507,
        "what came before the bad prefix is delivered first: {ev:?}"
    );
    assert_closed_once_and_last(&ev);
    assert!(!client.is_connected());
    // The client closed its side: the gateway sees the connection go.
    assert!(wait_for(|| gw.connection_count() == 0));
    assert!(gw.client_ids().is_empty());
    client.disconnect(); // nothing left to do
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
}

#[test]
fn peer_closing_mid_frame_delivers_everything_before_it() {
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 1))), 1);
    assert_eq!(gw.inject(Fault::CloseMidFrame), 1);
    assert!(gw.client_ids().is_empty(), "released before inject returns");
    handle.join().expect("run returns when the peer closes");
    let ev = log.snapshot();
    assert_whole_frame_then_close(&ev);
    assert!(!client.is_connected());
}

#[test]
fn plain_close_reaches_every_session_and_each_client_closes_once() {
    let gw = gateway(203);
    let (c1, log1, h1) = connected(&gw, 1);
    let (c2, log2, h2) = connected(&gw, 2);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 7))), 2);
    assert_eq!(gw.inject(Fault::Close), 2);
    assert!(gw.client_ids().is_empty(), "released before inject returns");
    h1.join().expect("run returns");
    h2.join().expect("run returns");
    for (client, log) in [(&c1, &log1), (&c2, &log2)] {
        let ev = log.snapshot();
        assert_eq!(times(&ev), vec![7], "{ev:?}");
        assert!(error_codes(&ev).is_empty(), "{ev:?}");
        assert_closed_once_and_last(&ev);
        assert!(!client.is_connected());
    }
    // Nobody is left to misbehave at.
    assert_eq!(gw.inject(Fault::Close), 0);
}

#[test]
fn peer_closing_right_after_the_handshake() {
    let gw = gateway_with(SimConfig {
        close_after_handshake: true,
        ..SimConfig::default()
    });
    let client = EClient::new();
    let (mut rec, log) = Recorder::new();
    // The handshake itself succeeds. Sending startApi right after it races
    // with the reader seeing the close: it either goes out (into a closed
    // connection), or cannot, and connect() says so with 502 — either way with
    // no error callback after the connection's close.
    let connected = client.connect("127.0.0.1", gw.port(), 0);
    client.run(&mut rec); // returns: the gateway closed
    let ev = log.snapshot();
    assert_eq!(ev.first(), Some(&Ev::ConnectAck), "{ev:?}");
    if let Err(e) = &connected {
        assert_eq!(e.code(), 502, "{e}");
    }
    assert!(error_codes(&ev).is_empty(), "{ev:?}");
    assert!(
        !ev.iter().any(|e| matches!(e, Ev::NextValidId(_))),
        "{ev:?}"
    );
    assert_closed_once_and_last(&ev);
    assert!(!client.is_connected());
    assert!(wait_for(|| gw.connection_count() == 0));
}

#[test]
fn connection_reset_delivers_everything_before_it() {
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 1))), 1);
    assert_eq!(gw.inject(Fault::Reset), 1);
    handle.join().expect("run returns after the reset");
    let ev = log.snapshot();
    assert_eq!(times(&ev), vec![1], "{ev:?}");
    if cfg!(target_os = "linux") {
        // A real RST: the reader sees ECONNRESET, reported as 509 before the close.
        assert_eq!(error_codes(&ev), vec![509], "{ev:?}");
        let i_time = ev.iter().position(|e| *e == Ev::CurrentTime(1));
        let i_509 = ev.iter().position(|e| matches!(e, Ev::Error(-1, 509, _)));
        assert!(i_time < i_509, "{ev:?}");
    }
    assert_closed_once_and_last(&ev);
    assert!(!client.is_connected());
}

#[test]
fn peer_stalling_mid_frame_then_closing() {
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 1))), 1);
    assert_eq!(
        gw.inject(Fault::StallMidFrame(Duration::from_millis(100))),
        1
    );
    handle
        .join()
        .expect("run returns when the stalled peer closes");
    let ev = log.snapshot();
    assert_whole_frame_then_close(&ev);
    assert!(!client.is_connected());
}

#[test]
fn user_disconnecting_from_a_stalled_peer() {
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    assert_eq!(gw.inject(Fault::Raw(current_time(203, 1))), 1);
    // A stall longer than any test: the gateway's shutdown ends it.
    assert_eq!(
        gw.inject(Fault::StallMidFrame(Duration::from_secs(3600))),
        1
    );
    assert!(log.wait_until(|e| e.contains(&Ev::CurrentTime(1))));
    client.disconnect();
    handle.join().expect("run returns after disconnect");
    let ev = log.snapshot();
    assert_eq!(times(&ev), vec![1], "{ev:?}");
    assert!(error_codes(&ev).is_empty(), "{ev:?}");
    assert_closed_once_and_last(&ev);
    gw.shutdown(); // cuts the stall short
}

#[test]
fn duplicate_client_id_is_326_and_no_retry() {
    let gw = gateway(203);
    let (first, first_log, first_handle) = connected(&gw, 5);
    assert_eq!(gw.connections_accepted(), 1);

    // EClient: 326, the connection closes, run returns, nothing retries.
    let dup = EClient::new();
    let (mut rec, log) = Recorder::new();
    dup.connect("127.0.0.1", gw.port(), 5)
        .expect("the handshake itself succeeds");
    dup.run(&mut rec);
    let ev = log.snapshot();
    assert_eq!(ev.first(), Some(&Ev::ConnectAck), "{ev:?}");
    assert_eq!(error_codes(&ev), vec![326], "{ev:?}");
    assert!(ev.iter().any(|e| matches!(e, Ev::Error(-1, 326, _))));
    assert!(!ev.iter().any(|e| matches!(e, Ev::NextValidId(_))));
    assert_closed_once_and_last(&ev);
    assert!(!dup.is_connected());
    assert_eq!(gw.connections_accepted(), 2, "no second attempt");

    // IBClient: the same, and it says why.
    let ib = IBClient::new();
    ib.connect("127.0.0.1", gw.port(), 5)
        .expect("the handshake itself succeeds");
    ib.start();
    assert!(!ib.wait_for_connection(WAIT), "never ready");
    assert!(ib.client_id_in_use());
    assert_eq!(ib.last_error().map(|(_, code, _)| code), Some(326));
    ib.disconnect();
    assert!(!ib.is_connected());
    assert_eq!(
        gw.connections_accepted(),
        3,
        "no retry from IBClient either"
    );

    // The first client 5 is untouched and still served.
    assert!(first.is_connected());
    assert_eq!(gw.client_ids(), vec![5]);
    let before = first_log.snapshot().len();
    first.req_current_time().unwrap();
    assert!(first_log.wait_until(|e| e[before..].iter().any(is_real_time)));
    first.disconnect();
    first_handle.join().expect("run returns");
}

/// What the supervisor of an `IBClient` reports, besides the usual callbacks.
#[derive(Debug, Clone, PartialEq)]
enum Sup {
    Reconnecting(u32),
    GaveUp(String),
}

/// A wrapper for an `IBClient` with a reconnect policy: records like
/// [`Recorder`], notes the supervisor's callbacks, and holds the supervisor in
/// `reconnecting` until the test drops `gate`'s sender (at most 20 s).
struct Supervised {
    rec: Recorder,
    sup: Arc<parking_lot::Mutex<Vec<Sup>>>,
    gate: crossbeam_channel::Receiver<()>,
}

impl tws_api::EWrapper for Supervised {
    fn next_valid_id(&mut self, order_id: i32) {
        tws_api::EWrapper::next_valid_id(&mut self.rec, order_id);
    }
    fn error(&mut self, req_id: i32, t: i64, code: i32, text: &str, json: &str) {
        tws_api::EWrapper::error(&mut self.rec, req_id, t, code, text, json);
    }
    fn connection_closed(&mut self) {
        tws_api::EWrapper::connection_closed(&mut self.rec);
    }
    fn reconnecting(&mut self, attempt: u32, _delay: Duration) {
        self.sup.lock().push(Sup::Reconnecting(attempt));
        let _ = self.gate.recv_timeout(WAIT);
    }
    fn reconnect_gave_up(&mut self, reason: &str) {
        self.sup.lock().push(Sup::GaveUp(reason.to_owned()));
    }
}

/// An `IBClient` with a quick reconnect policy (1 ms waits, no jitter, 326
/// retried `in_use_retries` times on a reconnect), its log, what its
/// supervisor said, and the gate that holds it in `reconnecting`.
#[allow(clippy::type_complexity)]
fn supervised(
    in_use_retries: u32,
) -> (
    IBClient,
    Arc<Log>,
    Arc<parking_lot::Mutex<Vec<Sup>>>,
    crossbeam_channel::Sender<()>,
) {
    let (rec, log) = Recorder::new();
    let sup = Arc::new(parking_lot::Mutex::new(Vec::new()));
    let (open, gate) = crossbeam_channel::bounded(0);
    let ib = IBClient::with_wrapper(Supervised {
        rec,
        sup: Arc::clone(&sup),
        gate,
    });
    ib.set_reconnect(Some(tws_api::client::ReconnectPolicy {
        initial_delay: Duration::from_millis(1),
        factor: 1.0,
        max_delay: Duration::from_millis(1),
        max_attempts: Some(10),
        jitter: 0.0,
        client_id_in_use_retries: in_use_retries,
    }));
    (ib, log, sup, open)
}

#[test]
fn duplicate_client_id_on_a_first_connect_is_final_even_with_a_reconnect_policy() {
    let gw = gateway(203);
    let (first, _first_log, first_handle) = connected(&gw, 5);
    let (ib, log, sup, open) = supervised(3);
    drop(open); // nothing to hold
    ib.connect("127.0.0.1", gw.port(), 5)
        .expect("the handshake itself succeeds");
    ib.start();
    // The supervisor's loop ends: nothing can retry after that.
    assert!(wait_for(|| !ib.is_running()), "the supervisor gives up");
    assert_eq!(gw.connections_accepted(), 2, "no second attempt");
    let sup = sup.lock().clone();
    assert!(
        matches!(sup.as_slice(), [Sup::GaveUp(reason)] if reason.contains("326")),
        "{sup:?}"
    );
    assert!(ib.client_id_in_use());
    let ev = log.snapshot();
    assert_eq!(error_codes(&ev), vec![326], "{ev:?}");
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1, "{ev:?}");
    ib.disconnect();
    assert!(first.is_connected());
    first.disconnect();
    first_handle.join().expect("run returns");
}

#[test]
fn duplicate_client_id_on_a_reconnect_is_retried_a_bounded_number_of_times() {
    let gw = gateway(203);
    let (ib, log, sup, open) = supervised(2);
    ib.connect("127.0.0.1", gw.port(), 5).expect("connects");
    ib.start();
    assert!(ib.wait_for_connection(WAIT));
    // The gateway drops the connection; the supervisor waits in
    // `reconnecting` while another client takes id 5.
    assert_eq!(gw.inject(Fault::Close), 1);
    let (other, _other_log, other_handle) = connected(&gw, 5);
    assert_eq!(gw.connections_accepted(), 2);
    drop(open);
    assert!(wait_for(|| !ib.is_running()), "the supervisor gives up");
    // 326 on the reconnect: tried once, retried twice, then final.
    assert_eq!(gw.connections_accepted(), 2 + 3, "bounded retries");
    let sup = sup.lock().clone();
    assert_eq!(
        sup.iter()
            .filter(|s| matches!(s, Sup::Reconnecting(_)))
            .count(),
        3,
        "{sup:?}"
    );
    assert!(
        matches!(sup.last(), Some(Sup::GaveUp(reason)) if reason.contains("326")),
        "{sup:?}"
    );
    assert!(ib.client_id_in_use());
    let ev = log.snapshot();
    assert_eq!(error_codes(&ev), vec![326, 326, 326], "{ev:?}");
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 4, "{ev:?}");
    ib.disconnect();
    // The client that holds id 5 now is untouched.
    assert!(other.is_connected());
    assert_eq!(gw.client_ids(), vec![5]);
    other.disconnect();
    other_handle.join().expect("run returns");
}

#[test]
fn server_version_outside_our_range() {
    // The client's side (a peer answering 99, 204 or 250: 503/506, one close,
    // a clear final error) is tests/bad_input.rs,
    // `server_version_outside_our_range_is_a_clear_final_error`: the simulated
    // gateway cannot be made to answer such a version, as this shows.
    init_logs();
    for sv in [99, tws_api::server_versions::MAX_CLIENT_VER + 1] {
        let err = SimGateway::start(SimConfig {
            server_version: sv,
            ..SimConfig::default()
        })
        .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains(&sv.to_string()), "{err}");
    }
}

/// 8 threads × 10,000 `setServerLogLevel` through clones of one client: the
/// gateway decodes every frame intact, each thread's in the order it sent them.
#[test]
fn eight_threads_ten_thousand_requests_each_arrive_intact_and_in_order() {
    const THREADS: i32 = 8;
    const PER_THREAD: i32 = 10_000;
    for sv in [176, 203] {
        let gw = gateway_with(SimConfig {
            server_version: sv,
            record_requests: true,
            ..SimConfig::default()
        });
        let (client, log, handle) = connected(&gw, 9);
        let senders: Vec<_> = (0..THREADS)
            .map(|t| {
                let c = client.clone();
                thread::spawn(move || {
                    for seq in 0..PER_THREAD {
                        c.set_server_log_level(t * 1_000_000 + seq)
                            .expect("request sent");
                    }
                })
            })
            .collect();
        for s in senders {
            s.join().expect("sender thread");
        }
        // A barrier: the gateway answers in order, so once this answer is in,
        // it has decoded everything sent before.
        client.req_current_time().unwrap();
        assert!(log.wait_until(|e| e.iter().any(is_real_time)), "sv {sv}");

        let recorded = gw.recorded_requests();
        let mut levels = Vec::with_capacity((THREADS * PER_THREAD) as usize);
        for r in &recorded {
            assert_eq!(r.client_id, 9);
            if r.msg_id == outgoing::SET_SERVER_LOGLEVEL {
                let m: SetServerLogLevel = r.decode().expect("decodes intact");
                levels.push(m.log_level);
            }
        }
        assert_eq!(levels.len(), (THREADS * PER_THREAD) as usize, "sv {sv}");
        let mut last = vec![-1; THREADS as usize];
        for level in levels {
            let (t, seq) = (level / 1_000_000, level % 1_000_000);
            assert!((0..THREADS).contains(&t), "sv {sv}: stray level {level}");
            assert!(
                seq > last[t as usize],
                "sv {sv}: thread {t} sent {seq} after {}",
                last[t as usize]
            );
            last[t as usize] = seq;
        }
        assert!(
            last.iter().all(|&l| l == PER_THREAD - 1),
            "sv {sv}: {last:?}"
        );
        // Around them: startApi first, the barrier last.
        assert_eq!(
            recorded.first().map(|r| r.msg_id),
            Some(outgoing::START_API)
        );
        assert_eq!(
            recorded.last().map(|r| r.msg_id),
            Some(outgoing::REQ_CURRENT_TIME)
        );
        assert!(error_codes(&log.snapshot()).is_empty());
        client.disconnect();
        handle.join().expect("run returns");
    }
}

/// A thread blocked writing to a peer that stopped reading must not keep
/// `disconnect()` (and so `run()`) waiting.
///
/// This used to hang: `EClient::send` held the connection lock across
/// `write_all`, and `disconnect()` takes that lock before it shuts the socket
/// down. Now the write half has its own lock and `disconnect()` shuts the
/// socket through a handle that is never locked for I/O.
#[test]
fn disconnect_returns_while_a_send_is_blocked_on_a_stalled_peer() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let gw = gateway(203);
    let (client, log, handle) = connected(&gw, 0);
    // The session stops reading (and writing) for longer than any test.
    assert_eq!(
        gw.inject(Fault::StallMidFrame(Duration::from_secs(3600))),
        1
    );
    let sent = Arc::new(AtomicU64::new(0));
    let sender = {
        let c = client.clone();
        let sent = Arc::clone(&sent);
        let ticks = "233,".repeat(16 * 1024);
        thread::spawn(move || {
            // Until the socket's buffers are full and a write blocks, then
            // until that write fails (or 20 GB, whichever comes first).
            for i in 0..300_000 {
                if c.req_mkt_data(i, &common::stock("IBM"), &ticks, false, false, &[])
                    .is_err()
                {
                    break;
                }
                sent.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    // Wait until the sender makes no progress: it is blocked in a write.
    let mut last = u64::MAX;
    let mut still = 0;
    let deadline = Instant::now() + WAIT;
    while still < 3 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(100));
        let now = sent.load(Ordering::SeqCst);
        still = if now == last { still + 1 } else { 0 };
        last = now;
    }
    assert!(still >= 3, "the sender never blocked");
    let (done_tx, done_rx) = crossbeam_channel::bounded(1);
    let closer = {
        let c = client.clone();
        thread::spawn(move || {
            c.disconnect();
            let _ = done_tx.send(());
        })
    };
    let returned = done_rx.recv_timeout(WAIT).is_ok();
    // Unblock everything before asserting, so that nothing hangs.
    gw.shutdown();
    closer
        .join()
        .expect("disconnect returns once the gateway is gone");
    sender.join().expect("sender ends");
    handle.join().expect("run returns");
    assert!(
        returned,
        "disconnect() did not return within 20 s while a send was blocked"
    );
    assert_eq!(log.count(|e| *e == Ev::Closed), 1);
}

#[test]
fn an_unknown_id_is_reported_as_received_and_a_known_undecodable_one_is_counted() {
    let sv = 203;
    let gw = gateway(sv);
    let (client, log, handle) = connected(&gw, 0);
    let before = log.snapshot().len();
    // Garbage whose first four bytes read as id 1199 (999 + 200: "protobuf").
    let mut bytes = frame(sv, 1199, b"\x01\x02");
    // fundamentalData as protobuf: a known message that has no protobuf form
    // (10.51.1 removed fundamentals before they would have had one).
    bytes.extend_from_slice(&frame(sv, 251, b""));
    bytes.extend_from_slice(&current_time(sv, 42));
    assert_eq!(gw.inject(Fault::Raw(bytes)), 1);
    assert!(log.wait_until(|e| e[before..].contains(&Ev::CurrentTime(42))));
    let ev = log.snapshot()[before..].to_vec();
    assert_eq!(
        ev[0],
        Ev::Error(
            -1,
            505,
            "Unknown message id 1199; the message was skipped".into()
        ),
        "{ev:?}"
    );
    assert_eq!(
        ev[1],
        Ev::CurrentTime(42),
        "nothing for the known id: {ev:?}"
    );
    // Counted once run() finishes the batch (after the callbacks).
    assert!(wait_for(|| client.metrics().not_decoded == 1));
    client.disconnect();
    handle.join().expect("run returns");
}
