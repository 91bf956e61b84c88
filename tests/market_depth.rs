//! reqMktDepth / cancelMktDepth against the simulated gateway: the updates
//! build a consistent book, SMART depth comes as level II, limits and errors.

mod common;

use std::str::FromStr;
use std::time::Duration;

use common::call_log::{Call, CallLog};
use common::connected_calls;
use tws_api::model::{Decimal, MarketDepthBook};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::Contract;

fn gateway() -> SimGateway {
    common::init_logs();
    SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    })
    .unwrap()
}

fn contract(symbol: &str, exchange: &str) -> Contract {
    Contract {
        symbol: symbol.into(),
        sec_type: "STK".into(),
        exchange: exchange.into(),
        currency: "USD".into(),
        ..Contract::default()
    }
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap()
}

/// Applies every depth update of `req_id` in `calls` to a new book; panics on
/// an update that does not fit.
fn build(calls: &[Call], req_id: i64) -> (MarketDepthBook, usize) {
    let mut book = MarketDepthBook::new();
    let mut n = 0;
    for c in calls.iter().filter(|c| c.arg(0).as_i64() == Some(req_id)) {
        let a = &c.args;
        let r = match c.name {
            "update_mkt_depth" => book.apply(
                a[1].as_i64().unwrap() as i32,
                a[2].as_i64().unwrap() as i32,
                a[3].as_i64().unwrap() as i32,
                a[4].as_f64().unwrap(),
                dec(&a[5]),
            ),
            "update_mkt_depth_l2" => book.apply_l2(
                a[1].as_i64().unwrap() as i32,
                a[2].as_str().unwrap(),
                a[3].as_i64().unwrap() as i32,
                a[4].as_i64().unwrap() as i32,
                a[5].as_f64().unwrap(),
                dec(&a[6]),
            ),
            _ => continue,
        };
        r.unwrap_or_else(|e| panic!("update {n} ({c:?}) does not fit: {e}\n{book}"));
        assert!(book.is_sorted(), "after update {n}:\n{book}");
        n += 1;
    }
    (book, n)
}

fn count(log: &CallLog, name: &str, req_id: i64) -> usize {
    log.named(name)
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(req_id))
        .count()
}

/// A request the sim answers, then waits for its answer: every frame sent
/// before it has been dispatched.
fn barrier(client: &tws_api::EClient, log: &CallLog) {
    let before = log.named("current_time").len();
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() > before));
}

#[test]
fn depth_updates_build_a_consistent_live_book_until_cancelled() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_mkt_depth(11, &contract("AAPL", "ISLAND"), 10, false, &[])
        .unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "update_mkt_depth").count() >= 200));
    client.cancel_mkt_depth(11, false).unwrap();
    barrier(&client, &log);
    // Rounds are sent whole: after the cancel the book is at a round's end.
    let calls = log.snapshot();
    // The first 20 updates build the whole book: 10 bid inserts, 10 ask inserts.
    let first: Vec<&Call> = calls
        .iter()
        .filter(|c| c.name == "update_mkt_depth")
        .take(20)
        .collect();
    for (i, c) in first.iter().enumerate() {
        assert_eq!(c.arg(2).as_i64(), Some(0), "insert: {c:?}");
        assert_eq!(c.arg(1).as_i64(), Some(i as i64 % 10), "position: {c:?}");
    }
    let (book, n) = build(&calls, 11);
    assert!(n >= 200);
    assert_eq!(book.bids().len(), 10);
    assert_eq!(book.asks().len(), 10);
    let spread = book.spread().unwrap();
    assert!(spread > 0.0 && spread < 0.1, "spread {spread}");
    assert!(log.named("update_mkt_depth_l2").is_empty());
    // Every operation of the stream was used: updates and deletes too.
    for op in [0, 1, 2] {
        assert!(calls
            .iter()
            .any(|c| c.name == "update_mkt_depth" && c.arg(2).as_i64() == Some(op)));
    }
    let after = count(&log, "update_mkt_depth", 11);
    std::thread::sleep(Duration::from_millis(50)); // 10 tick intervals
    barrier(&client, &log);
    assert_eq!(count(&log, "update_mkt_depth", 11), after);
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn smart_depth_is_level_two_with_the_venue_of_each_row() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_mkt_depth(12, &contract("IBM", "SMART"), 5, true, &[])
        .unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "update_mkt_depth_l2").count() >= 100));
    client.cancel_mkt_depth(12, true).unwrap();
    barrier(&client, &log);
    let calls = log.snapshot();
    let l2 = log.named("update_mkt_depth_l2");
    assert!(l2.iter().all(|c| c.arg(7) == &serde_json::json!(true)));
    assert!(l2.iter().all(|c| !c.arg(2).as_str().unwrap().is_empty()));
    let (book, _) = build(&calls, 12);
    // num_rows 5: five rows a side.
    assert_eq!(book.bids().len(), 5);
    assert_eq!(book.asks().len(), 5);
    assert!(book.bids().iter().chain(book.asks()).all(|l| [
        "NSDQ", "ARCA", "BATS", "EDGX", "IEX", "NYSE", "BYX", "MEMX"
    ]
    .contains(&l.market_maker.as_str())));
    assert!(log.named("update_mkt_depth").is_empty());
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn duplicate_ids_limit_of_books_and_cfd_reroute() {
    let gw = SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(50),
        max_depth_requests: 2,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let cfd = Contract {
        sec_type: "CFD".into(),
        ..contract("AAPL", "SMART")
    };
    client.req_mkt_depth(1, &cfd, 3, false, &[]).unwrap();
    client
        .req_mkt_depth(1, &contract("MSFT", "ISLAND"), 3, false, &[])
        .unwrap();
    client
        .req_mkt_depth(2, &contract("MSFT", "ISLAND"), 3, false, &[])
        .unwrap();
    client
        .req_mkt_depth(3, &contract("SPY", "ARCA"), 3, false, &[])
        .unwrap();
    assert!(log.wait_for("error", 3));
    let errors: Vec<(i64, i64)> = log
        .named("error")
        .iter()
        .filter(|c| c.arg(0).as_i64() != Some(-1))
        .map(|c| (c.arg(0).as_i64().unwrap(), c.arg(2).as_i64().unwrap()))
        .collect();
    assert_eq!(errors, vec![(1, 322), (3, 309)]);
    let reroute = log.named("reroute_mkt_depth_req");
    assert_eq!(reroute.len(), 1);
    assert_eq!(
        reroute[0].args,
        serde_json::json!([1, 265598, "SMART"])
            .as_array()
            .unwrap()
            .clone()
    );
    // A cancelled book frees its slot.
    client.cancel_mkt_depth(2, false).unwrap();
    client
        .req_mkt_depth(4, &contract("SPY", "ARCA"), 3, false, &[])
        .unwrap();
    assert!(log.wait_for("update_mkt_depth", 4));
    client.disconnect();
    h.join().unwrap();
}

/// Rows are whole increments of the instrument's minimum tick: half pips for
/// EUR.USD, quarters for the ES future.
#[test]
fn prices_are_whole_minimum_ticks() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    let eur = Contract {
        symbol: "EUR".into(),
        sec_type: "CASH".into(),
        exchange: "IDEALPRO".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    let es = Contract {
        symbol: "ES".into(),
        sec_type: "FUT".into(),
        exchange: "CME".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    client.req_mkt_depth(1, &eur, 10, false, &[]).unwrap();
    client.req_mkt_depth(2, &es, 10, false, &[]).unwrap();
    assert!(log.wait_until(|c| {
        [1, 2].iter().all(|id| {
            c.iter()
                .filter(|c| c.name == "update_mkt_depth" && c.arg(0).as_i64() == Some(*id))
                .count()
                >= 20
        })
    }));
    client.cancel_mkt_depth(1, false).unwrap();
    client.cancel_mkt_depth(2, false).unwrap();
    barrier(&client, &log);
    let calls = log.snapshot();
    // About one price point in four is empty on each side, so the spread is
    // a few ticks at times (1.25 for ES was seen): allow 20 ticks for both.
    for (id, per_unit, max_spread) in [(1, 20_000.0, 0.001), (2, 4.0, 5.0)] {
        for c in calls
            .iter()
            .filter(|c| c.name == "update_mkt_depth" && c.arg(0).as_i64() == Some(id))
        {
            let units = c.arg(4).as_f64().unwrap() * per_unit;
            assert!((units - units.round()).abs() < 1e-6, "{c:?}");
        }
        let (book, _) = build(&calls, id);
        let spread = book.spread().unwrap();
        assert!(
            spread > 0.0 && spread <= max_spread,
            "{id}: {spread}\n{book}"
        );
    }
    client.disconnect();
    h.join().unwrap();
}
