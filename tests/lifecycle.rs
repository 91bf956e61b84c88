//! Request lifecycle: every request is known from send to end marker, cancel
//! or error; a lost connection ends the one-shot requests still waiting with
//! an error (never silence) and keeps the subscriptions, which a supervisor
//! with `set_resubscribe(true)` sends again after the reconnect.

mod common;

use std::time::Duration;

use common::supervised::{fast_policy, sim_config};
use common::{connected_calls, init_logs, stock, CallRecorder};
use tws_api::client::{RequestKey, RequestKind};
use tws_api::messages::ids::outgoing;
use tws_api::messages::market_data::ReqMktData;
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::IBClient;

#[test]
fn requests_are_in_flight_from_send_to_end_marker_or_cancel() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, handle) = connected_calls(&gw, 0);
    client
        .req_mkt_data(1, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    let live = client.requests_in_flight();
    assert_eq!(live.len(), 1, "{live:?}");
    assert_eq!(live[0].key, RequestKey::Id(1));
    assert_eq!(live[0].request, "reqMktData");
    assert_eq!(live[0].kind, RequestKind::Subscription);
    assert_eq!(client.metrics().requests_in_flight, 1);

    // A one-shot request ends with its answer.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time")));
    assert!(common::call_log::wait(
        || client.requests_in_flight().len() == 1
    ));

    // A snapshot ends with tickSnapshotEnd.
    client
        .req_mkt_data(2, &stock("IBM"), "", true, false, &[])
        .unwrap();
    assert!(log.wait_for("tick_snapshot_end", 2));
    assert!(common::call_log::wait(
        || client.requests_in_flight().len() == 1
    ));

    // An error with the request's id ends it (300: no such ticker to cancel
    // is about id 3, which was never sent: nothing changes).
    client.cancel_mkt_data(3).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(2) == 300)));
    assert_eq!(client.requests_in_flight().len(), 1);

    client.cancel_mkt_data(1).unwrap();
    assert!(client.requests_in_flight().is_empty());
    assert_eq!(client.metrics().requests_in_flight, 0);
    client.disconnect();
    handle.join().unwrap();
}

#[test]
fn a_request_waiting_when_the_connection_drops_ends_with_an_error() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (client, log, handle) = connected_calls(&gw, 0);
    client
        .req_mkt_data(5, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    // The gateway stops answering (half a frame, then silence) …
    assert_eq!(gw.inject(Fault::StallMidFrame(Duration::from_secs(60))), 1);
    client.req_current_time().unwrap();
    // … and goes away with the answer still owed.
    gw.shutdown();
    handle.join().unwrap();
    let calls = log.snapshot();
    let closed = calls
        .iter()
        .position(|c| c.name == "connection_closed")
        .expect("connection_closed");
    let interrupted = calls
        .iter()
        .position(|c| c.name == "error" && c.arg(2) == 90002)
        .unwrap_or_else(|| panic!("no error 90002: {calls:?}"));
    assert!(interrupted < closed, "the error comes first: {calls:?}");
    let c = &calls[interrupted];
    assert_eq!(c.arg(0), -1);
    assert!(
        c.arg(3).as_str().unwrap_or("").contains("reqCurrentTime"),
        "{c:?}"
    );
    assert_eq!(
        calls
            .iter()
            .filter(|c| c.name == "connection_closed")
            .count(),
        1
    );
    // The subscription is kept, interrupted, for a resubscription.
    let left = client.requests_in_flight();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].key, RequestKey::Id(5));
    assert!(left[0].interrupted);
}

#[test]
fn subscriptions_are_sent_again_after_a_reconnect_once_each() {
    init_logs();
    let config = || SimConfig {
        record_requests: true,
        ..sim_config()
    };
    let gw = SimGateway::start(config()).unwrap();
    let port = gw.port();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.set_reconnect(Some(fast_policy()));
    ib.set_resubscribe(true);
    ib.connect("127.0.0.1", port, 3).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    ib.req_mkt_data(1, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    ib.req_mkt_data(2, &stock("MSFT"), "233", false, false, &[])
        .unwrap();
    assert!(log.wait_for("tick_price", 1) && log.wait_for("tick_price", 2));

    // The gateway restarts on the same port.
    gw.shutdown();
    let gw = SimGateway::bind(("127.0.0.1", port), config()).expect("rebinds");
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "reconnected")));
    let calls = log.snapshot();
    let resub = calls
        .iter()
        .position(|c| c.name == "resubscribed")
        .expect("resubscribed");
    assert_eq!(calls[resub].arg(0), 2);
    let reconnected = calls.iter().position(|c| c.name == "reconnected").unwrap();
    assert!(resub < reconnected);
    // Data flows again for both, without user code.
    let after = calls.len();
    assert!(log.wait_until(|c| {
        [1, 2].iter().all(|id| {
            c[after..]
                .iter()
                .any(|c| c.name == "tick_price" && c.arg(0) == *id)
        })
    }));
    // One live subscription per id in the new gateway, with the original arguments.
    let reqs: Vec<ReqMktData> = gw
        .recorded_requests()
        .into_iter()
        .filter(|r| r.msg_id == outgoing::REQ_MKT_DATA)
        .map(|r| r.decode().expect("decodes"))
        .collect();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(reqs[0].req_id, 1);
    assert_eq!(reqs[0].contract.symbol, "AAPL");
    assert_eq!(reqs[1].req_id, 2);
    assert_eq!(reqs[1].generic_tick_list, "233");
    assert!(ib
        .requests_in_flight()
        .iter()
        .all(|r| !r.interrupted && r.kind == RequestKind::Subscription));
    ib.disconnect();
    assert!(ib.requests_in_flight().is_empty());
}

#[test]
fn depth_and_account_updates_deliver_again_after_a_reconnect() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let port = gw.port();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.set_reconnect(Some(fast_policy()));
    ib.set_resubscribe(true);
    ib.connect("127.0.0.1", port, 4).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    let account = ib.managed_accounts()[0].clone();
    ib.req_mkt_depth(7, &stock("AAPL"), 5, false, &[]).unwrap();
    ib.req_account_updates(true, &account).unwrap();
    assert!(log.wait_for("update_mkt_depth", 7));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "account_download_end")));
    assert_eq!(ib.requests_in_flight().len(), 2);

    gw.shutdown();
    let _gw = SimGateway::bind(("127.0.0.1", port), sim_config()).expect("rebinds");
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "reconnected")));
    // From the new connection on (its data may come before `reconnected`).
    let after = log
        .snapshot()
        .iter()
        .rposition(|c| c.name == "connection_closed")
        .expect("the lost connection");
    assert!(log.wait_until(|c| c[after..]
        .iter()
        .any(|c| c.name == "update_mkt_depth" && c.arg(0) == 7)));
    assert!(log.wait_until(|c| c[after..].iter().any(|c| c.name == "account_download_end")));
    // Unsubscribing account updates ends it in the client too.
    ib.req_account_updates(false, &account).unwrap();
    let left = ib.requests_in_flight();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].request, "reqMktDepth");
    ib.disconnect();
}

#[test]
fn historical_bars_kept_up_to_date_are_a_subscription_and_come_back_after_a_reconnect() {
    init_logs();
    let config = || SimConfig {
        clock_speed: 100.0,
        ..sim_config()
    };
    let gw = SimGateway::start(config()).unwrap();
    let port = gw.port();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.set_reconnect(Some(fast_policy()));
    ib.set_resubscribe(true);
    ib.connect("127.0.0.1", port, 5).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    let aapl = stock("AAPL");
    ib.req_historical_data(11, &aapl, "", "1 D", "1 hour", "TRADES", 1, 1, false, &[])
        .unwrap();
    ib.req_historical_data(12, &aapl, "", "1 D", "1 hour", "TRADES", 1, 1, true, &[])
        .unwrap();
    assert!(log.wait_for("historical_data_end", 11) && log.wait_for("historical_data_end", 12));
    // The one-shot request ended at its end marker; the kept-up-to-date one goes on.
    assert!(common::call_log::wait(|| ib.requests_in_flight().len() == 1));
    let live = ib.requests_in_flight();
    assert_eq!(live[0].key, RequestKey::Id(12));
    assert_eq!(live[0].kind, RequestKind::Subscription);
    assert!(log.wait_for("historical_data_update", 12));

    gw.shutdown();
    let _gw = SimGateway::bind(("127.0.0.1", port), config()).expect("rebinds");
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "resubscribed")));
    let after = log
        .snapshot()
        .iter()
        .rposition(|c| c.name == "connection_closed")
        .expect("the lost connection");
    assert!(log.wait_until(|c| c[after..]
        .iter()
        .any(|c| c.name == "historical_data_update" && c.arg(0) == 12)));
    ib.cancel_historical_data(12).unwrap();
    let left = ib.requests_in_flight();
    assert!(left.is_empty(), "{left:?}");
    ib.disconnect();
}
