//! TWS's 50 messages per second: the sim enforces it as TWS does (error 100,
//! then the connection closes), `IBClient` keeps under it by default (its
//! pacer), and an `EClient` without pacing — as faithful as the official
//! client, which leaves this to the user — is cut off by a tight loop.

mod common;

use std::time::{Duration, Instant};

use common::{Ev, Recorder};

use tws_api::sim::{SimConfig, SimGateway};
use tws_api::IBClient;

const WAIT: Duration = Duration::from_secs(20);

fn limited() -> SimConfig {
    SimConfig {
        max_messages_per_second: Some(50),
        ..SimConfig::default()
    }
}

fn connected(gw: &SimGateway) -> IBClient {
    let client = IBClient::new();
    client.connect("127.0.0.1", gw.port(), 3).unwrap();
    client.start();
    assert!(client.wait_for_connection(WAIT));
    client
}

#[test]
fn an_unpaced_loop_of_500_requests_is_disconnected_with_error_100() {
    let gw = SimGateway::start(limited()).unwrap();
    // A recording wrapper: error 100 must have come, whatever error the
    // broken pipe of a write after the close reports last (531, a failed
    // send of reqCurrentTime, as 10.51.1 reports it).
    let (w, log) = Recorder::new();
    let client = IBClient::with_wrapper(w);
    client.connect("127.0.0.1", gw.port(), 3).unwrap();
    client.start();
    assert!(client.wait_for_connection(WAIT));
    client.set_rate_limit(None); // as EClient and the official client are
    let started = Instant::now();
    let mut sent = 0;
    for _ in 0..500 {
        if client.req_current_time().is_err() {
            break;
        }
        sent += 1;
    }
    let deadline = Instant::now() + WAIT;
    while client.is_connected() {
        assert!(Instant::now() < deadline, "still connected");
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = started.elapsed();
    let errors = client.last_error();
    eprintln!(
        "unpaced: {sent} of 500 sent in {elapsed:?} before the disconnect; last error {errors:?}"
    );
    assert!(
        log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(_, 100, _)))),
        "no error 100: {:?}",
        client.last_failure()
    );
    client.disconnect();
    gw.shutdown();
}

#[test]
fn ibclient_paces_a_loop_of_requests_by_default_and_stays_connected() {
    let gw = SimGateway::start(limited()).unwrap();
    let client = connected(&gw);
    let started = Instant::now();
    for i in 0..120 {
        let t = client.current_time(WAIT);
        assert!(t.is_ok(), "request {i}: {t:?}");
    }
    eprintln!(
        "paced: 120 sequential current_time in {:?}",
        started.elapsed()
    );
    assert!(client.is_connected());
    assert_ne!(client.last_failure().map(|f| f.1), Some(100));
    client.disconnect();
    gw.shutdown();
}
