//! reqTickByTickData / cancelTickByTickData against the simulated gateway:
//! all four tick types, history first, ignoreSize, cancel, errors.

mod common;

use std::time::Duration;

use common::call_log::CallLog;
use common::connected_calls;
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

fn stock(symbol: &str) -> Contract {
    Contract {
        symbol: symbol.into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    }
}

fn of(log: &CallLog, name: &str, req_id: i64) -> Vec<common::Call> {
    log.named(name)
        .into_iter()
        .filter(|c| c.arg(0).as_i64() == Some(req_id))
        .collect()
}

fn wait_n(log: &CallLog, name: &str, req_id: i64, n: usize) {
    assert!(
        log.wait_until(|c| c
            .iter()
            .filter(|c| c.name == name && c.arg(0).as_i64() == Some(req_id))
            .count()
            >= n),
        "{n} × {name}({req_id})"
    );
}

fn barrier(client: &tws_api::EClient, log: &CallLog) {
    let before = log.named("current_time").len();
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() > before));
}

#[test]
fn last_and_all_last_trades_with_history_first() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_tick_by_tick_data(1, &stock("AAPL"), "Last", 20, false)
        .unwrap();
    client
        .req_tick_by_tick_data(2, &stock("AAPL"), "AllLast", 0, false)
        .unwrap();
    wait_n(&log, "tick_by_tick_all_last", 1, 30);
    wait_n(&log, "tick_by_tick_all_last", 2, 10);
    let last = of(&log, "tick_by_tick_all_last", 1);
    // The 20 historical ticks come first, a second apart, before the live ones.
    let times: Vec<i64> = last.iter().map(|c| c.arg(2).as_i64().unwrap()).collect();
    for w in times[..20].windows(2) {
        assert_eq!(w[1] - w[0], 1);
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    for c in &last {
        assert_eq!(c.arg(1).as_i64(), Some(1));
        let price = c.arg(3).as_f64().unwrap();
        assert!(price > 1.0);
        let size: f64 = c.arg(4).to_string().parse().unwrap();
        assert!((1.0..=500.0).contains(&size));
        assert!(c.arg(5)["past_limit"].is_boolean() && c.arg(5)["unreported"].is_boolean());
        assert!(!c.arg(6).as_str().unwrap().is_empty(), "exchange");
        // Odd lots carry the condition "I".
        assert_eq!(c.arg(7).as_str() == Some("   I"), size < 100.0, "{c:?}");
    }
    for c in of(&log, "tick_by_tick_all_last", 2) {
        assert_eq!(c.arg(1).as_i64(), Some(2));
    }
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn bid_ask_and_mid_point() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_tick_by_tick_data(3, &stock("IBM"), "BidAsk", 5, false)
        .unwrap();
    client
        .req_tick_by_tick_data(4, &stock("IBM"), "MidPoint", 5, false)
        .unwrap();
    wait_n(&log, "tick_by_tick_bid_ask", 3, 20);
    wait_n(&log, "tick_by_tick_mid_point", 4, 20);
    for c in of(&log, "tick_by_tick_bid_ask", 3) {
        let (bid, ask) = (c.arg(2).as_f64().unwrap(), c.arg(3).as_f64().unwrap());
        assert!(bid > 0.0 && bid < ask && ask - bid < 0.05, "{c:?}");
        assert_eq!(
            c.arg(6),
            &serde_json::json!({"bid_past_low": false, "ask_past_high": false})
        );
    }
    for c in of(&log, "tick_by_tick_mid_point", 4) {
        assert!(c.arg(2).as_f64().unwrap() > 1.0);
    }
    assert!(log.named("tick_by_tick_all_last").is_empty());
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn ignore_size_sends_price_changes_only() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_tick_by_tick_data(5, &stock("MSFT"), "BidAsk", 200, true)
        .unwrap();
    wait_n(&log, "tick_by_tick_bid_ask", 5, 2);
    barrier(&client, &log);
    let quotes = of(&log, "tick_by_tick_bid_ask", 5);
    // 200 historical seconds of a moving price: fewer quotes than ticks, none repeated.
    assert!(quotes.len() < 200, "{}", quotes.len());
    for w in quotes.windows(2) {
        assert!(
            (w[0].arg(2), w[0].arg(3)) != (w[1].arg(2), w[1].arg(3)),
            "{w:?}"
        );
    }
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn cancel_stops_the_stream_and_errors_are_per_request() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_tick_by_tick_data(6, &stock("SPY"), "MidPoint", 0, false)
        .unwrap();
    wait_n(&log, "tick_by_tick_mid_point", 6, 5);
    client
        .req_tick_by_tick_data(6, &stock("SPY"), "MidPoint", 0, false)
        .unwrap();
    client
        .req_tick_by_tick_data(7, &stock("SPY"), "Trades", 0, false)
        .unwrap();
    assert!(log.wait_for("error", 7));
    let errors: Vec<(i64, i64)> = log
        .named("error")
        .iter()
        .filter(|c| c.arg(0).as_i64() != Some(-1))
        .map(|c| (c.arg(0).as_i64().unwrap(), c.arg(2).as_i64().unwrap()))
        .collect();
    assert_eq!(errors, vec![(6, 322), (7, 321)]);
    client.cancel_tick_by_tick_data(6).unwrap();
    barrier(&client, &log);
    let after = of(&log, "tick_by_tick_mid_point", 6).len();
    std::thread::sleep(Duration::from_millis(50)); // 10 tick intervals
    barrier(&client, &log);
    assert_eq!(of(&log, "tick_by_tick_mid_point", 6).len(), after);
    client.disconnect();
    h.join().unwrap();
}

/// While not connected, every request of this domain is refused with 504,
/// under -1 for depth and tick-by-tick and under the request id for option
/// calculations, as in the official client.
#[test]
fn not_connected_errors_come_under_the_official_ids() {
    let client = tws_api::EClient::new();
    let (mut rec, log) = common::CallRecorder::new();
    let c = stock("AAPL");
    let results = [
        client.req_mkt_depth(1, &c, 5, false, &[]),
        client.cancel_mkt_depth(2, false),
        client.req_tick_by_tick_data(3, &c, "Last", 0, false),
        client.cancel_tick_by_tick_data(4),
        client.calculate_implied_volatility(5, &c, 1.0, 100.0, &[]),
        client.calculate_option_price(6, &c, 0.2, 100.0, &[]),
        client.cancel_calculate_implied_volatility(7),
        client.cancel_calculate_option_price(8),
    ];
    assert!(results
        .iter()
        .all(|r| r.as_ref().unwrap_err().code() == 504));
    client.run(&mut rec); // not connected: delivers what was queued, returns
    let ids: Vec<i64> = log
        .named("error")
        .iter()
        .filter(|c| c.arg(2) == 504)
        .map(|c| c.arg(0).as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![-1, -1, -1, -1, 5, 6, 7, 8]);
}
