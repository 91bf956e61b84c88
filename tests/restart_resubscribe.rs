//! 100 kill/restart cycles of the simulated gateway with 10 subscriptions
//! live and `set_resubscribe(true)`: every cycle resubscribes all 10, each
//! new gateway holds exactly one live subscription per id, and no thread or
//! socket leaks. Alone in its test binary so that counting this process's
//! threads and file descriptors counts only what this test made.

mod common;

use std::time::Duration;

use common::supervised::{fast_policy, sim_config};
use common::{init_logs, CallRecorder};
use tws_api::messages::ids::outgoing;
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, IBClient};

const SYMBOLS: [&str; 10] = [
    "AAPL", "MSFT", "IBM", "SPY", "QQQ", "AMZN", "GOOG", "META", "NVDA", "TSLA",
];

#[test]
fn a_hundred_restarts_resubscribe_all_ten_subscriptions_each_time() {
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
    ib.connect("127.0.0.1", port, 1).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    for (i, s) in SYMBOLS.iter().enumerate() {
        ib.req_mkt_data(
            i as i32 + 1,
            &Contract::stock(*s, "SMART", "USD"),
            "",
            false,
            false,
            &[],
        )
        .unwrap();
    }
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "tick_price").count() >= 10));
    let threads0 = common::our_threads();
    let fds0 = common::open_fds();
    let mut gw = Some(gw);
    for cycle in 1..=100usize {
        if let Some(g) = gw.take() {
            g.shutdown();
        }
        let g = SimGateway::bind(("127.0.0.1", port), config()).expect("rebinds");
        assert!(
            log.wait_until(|c| c.iter().filter(|c| c.name == "reconnected").count() == cycle),
            "cycle {cycle}"
        );
        let resubscribed = log.named("resubscribed");
        assert_eq!(resubscribed.len(), cycle);
        assert_eq!(resubscribed[cycle - 1].arg(0), 10, "cycle {cycle}");
        // The new gateway gets each subscription once, with its own id.
        let ids = || -> Vec<i32> {
            g.recorded_requests()
                .into_iter()
                .filter(|r| r.msg_id == outgoing::REQ_MKT_DATA)
                .filter_map(|r| {
                    r.decode::<tws_api::messages::market_data::ReqMktData>()
                        .ok()
                        .map(|m| m.req_id)
                })
                .collect()
        };
        assert!(
            common::call_log::wait(|| ids().len() >= 10),
            "cycle {cycle}"
        );
        assert_eq!(ids(), (1..=10).collect::<Vec<i32>>(), "cycle {cycle}");
        gw = Some(g);
    }
    assert_eq!(ib.requests_in_flight().len(), 10);
    assert!(ib.requests_in_flight().iter().all(|r| !r.interrupted));
    assert_eq!(common::our_threads(), threads0, "threads");
    assert_eq!(common::open_fds(), fds0, "file descriptors");
    ib.disconnect();
}
