//! The blocking helpers of `IBClient` against the simulated gateway: they
//! return what the EWrapper path receives, time out when no answer comes, and
//! end with an error when the connection is lost.

mod common;

use std::time::Duration;

use common::{init_logs, stock, CallRecorder};
use tws_api::client::SYNC_REQ_ID_BASE;
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::{tick_type, Error, IBClient};

const WAIT: Duration = Duration::from_secs(20);

fn started(gw: &SimGateway) -> (IBClient, std::sync::Arc<common::CallLog>) {
    init_logs();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(WAIT));
    (ib, log)
}

#[test]
fn current_time_returns_what_the_wrapper_receives() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let t = ib.current_time(WAIT).expect("the server's time");
    assert!(t > 1_700_000_000, "{t}");
    let seen = log.named("current_time");
    assert_eq!(seen.last().map(|c| c.arg(0).clone()), Some(t.into()));
    assert!(ib.requests_in_flight().is_empty());
    ib.disconnect();
}

#[test]
fn a_market_data_snapshot_is_the_ticks_up_to_tick_snapshot_end() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let snap = ib
        .market_data_snapshot(&stock("AAPL"), "", WAIT)
        .expect("a snapshot");
    let (bid, ask, last) = snap.bid_ask_last();
    let (bid, ask, last) = (bid.unwrap(), ask.unwrap(), last.unwrap());
    assert!(bid < ask && bid <= last && last <= ask, "{snap:?}");
    assert!(snap.size(tick_type::VOLUME).is_some(), "{snap:?}");
    // The user's wrapper saw the same ticks, under the helper's request id.
    let prices: Vec<f64> = log
        .named("tick_price")
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(i64::from(SYNC_REQ_ID_BASE)))
        .filter_map(|c| c.arg(2).as_f64())
        .collect();
    let ours: Vec<f64> = snap.prices.iter().map(|p| p.1).collect();
    assert_eq!(prices, ours);
    ib.disconnect();
}

#[test]
fn a_helper_whose_answer_never_comes_times_out() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    assert_eq!(gw.inject(Fault::StallMidFrame(Duration::from_secs(60))), 1);
    match ib.current_time(Duration::from_millis(200)) {
        Err(Error::Timeout(what)) => assert_eq!(what, "reqCurrentTime"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    gw.shutdown();
    ib.disconnect();
}

#[test]
fn a_lost_connection_ends_every_waiting_helper_with_an_error() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    assert_eq!(gw.inject(Fault::StallMidFrame(Duration::from_secs(60))), 1);
    let ib = std::sync::Arc::new(ib);
    let waiters: Vec<_> = (0..3)
        .map(|i| {
            let ib = std::sync::Arc::clone(&ib);
            std::thread::spawn(move || {
                if i == 0 {
                    ib.current_time(Duration::from_secs(60)).map(|_| ())
                } else {
                    ib.market_data_snapshot(&stock("IBM"), "", Duration::from_secs(60))
                        .map(|_| ())
                }
            })
        })
        .collect();
    // Every helper is waiting (its request in flight) before the gateway goes.
    assert!(common::call_log::wait(|| ib.requests_in_flight().len() == 3));
    gw.shutdown();
    for w in waiters {
        match w.join().unwrap() {
            Err(Error::Timeout(_)) | Ok(()) => panic!("expected the loss to end the helper"),
            Err(e) => assert!(
                matches!(e.code(), 90002 | 504),
                "the request's end names the loss: {e}"
            ),
        }
    }
    ib.disconnect();
}
