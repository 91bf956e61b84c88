//! reqMktData / cancelMktData / reqMarketDataType against the simulated gateway.

mod common;

use std::thread;
use std::time::Duration;

use common::{init_logs, stock, Ev, Recorder};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{tick_type, EClient};

fn setup() -> (
    SimGateway,
    EClient,
    std::sync::Arc<common::Log>,
    thread::JoinHandle<()>,
) {
    setup_at(tws_api::server_versions::MAX_CLIENT_VER)
}

fn setup_at(
    server_version: i32,
) -> (
    SimGateway,
    EClient,
    std::sync::Arc<common::Log>,
    thread::JoinHandle<()>,
) {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        server_version,
        ..SimConfig::default()
    })
    .unwrap();
    let client = EClient::new();
    let (mut rec, log) = Recorder::new();
    client.connect("127.0.0.1", gw.port(), 0).unwrap();
    let runner = client.clone();
    let h = thread::spawn(move || runner.run(&mut rec));
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::NextValidId(_)))));
    (gw, client, log, h)
}

#[test]
fn stream_of_ticks_with_derived_sizes_then_cancel_stops_it() {
    let (_gw, client, log, h) = setup();
    client
        .req_mkt_data(7, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    // Wait for 30 prices, and not in the middle of a price and its derived size.
    assert!(log.wait_until(|e| {
        e.iter()
            .filter(|e| matches!(e, Ev::TickPrice(7, ..)))
            .count()
            >= 30
            && !matches!(e.last(), Some(Ev::TickPrice(..)))
    }));
    let ev = log.snapshot();
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::TickReqParams(7, m, _, _) if *m == 0.01)));
    assert!(ev.contains(&Ev::MarketDataType(7, 1)));
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::TickGeneric(7, t, _) if *t == tick_type::HALTED)));
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::TickString(7, t, _) if *t == tick_type::LAST_TIMESTAMP)));
    assert!(ev
        .iter()
        .any(|e| matches!(e, Ev::TickSize(7, t, _) if *t == tick_type::VOLUME)));
    // Every bid/ask/last price is followed by the size the decoder derives from it.
    for (i, e) in ev.iter().enumerate() {
        if let Ev::TickPrice(7, t, _, _) = e {
            let want = match *t {
                tick_type::BID => tick_type::BID_SIZE,
                tick_type::ASK => tick_type::ASK_SIZE,
                tick_type::LAST => tick_type::LAST_SIZE,
                _ => continue,
            };
            assert!(
                matches!(ev.get(i + 1), Some(Ev::TickSize(7, s, _)) if *s == want),
                "after {e:?}"
            );
        }
    }

    client.cancel_mkt_data(7).unwrap();
    // A round trip after the cancel is a barrier: later ticks would follow it.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::CurrentTime(_)))));
    let after_cancel = log.count(|e| matches!(e, Ev::TickPrice(7, ..)));
    thread::sleep(Duration::from_millis(100)); // 20 tick intervals
    client.req_current_time().unwrap();
    assert!(log.wait_until(|e| e.iter().filter(|e| matches!(e, Ev::CurrentTime(_))).count() == 2));
    assert_eq!(
        log.count(|e| matches!(e, Ev::TickPrice(7, ..))),
        after_cancel
    );
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn snapshot_ends_with_tick_snapshot_end() {
    let (_gw, client, log, h) = setup();
    client
        .req_mkt_data(3, &stock("MSFT"), "", true, false, &[])
        .unwrap();
    assert!(log.wait_until(|e| e.contains(&Ev::TickSnapshotEnd(3))));
    assert!(log.count(|e| matches!(e, Ev::TickPrice(3, ..))) >= 3);
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn delayed_market_data_type_gives_delayed_ticks() {
    let (_gw, client, log, h) = setup();
    client.req_market_data_type(3).unwrap();
    client
        .req_mkt_data(4, &stock("IBM"), "", false, false, &[])
        .unwrap();
    assert!(log.wait_until(|e| e
        .iter()
        .any(|e| matches!(e, Ev::TickPrice(4, t, ..) if *t == tick_type::DELAYED_BID))
        && e.iter()
            .any(|e| matches!(e, Ev::TickSize(4, t, _) if *t == tick_type::DELAYED_BID_SIZE))));
    assert!(log.snapshot().contains(&Ev::MarketDataType(4, 3)));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn duplicate_ticker_id_and_unknown_cancel_are_errors_for_that_request() {
    let (_gw, client, log, h) = setup();
    client
        .req_mkt_data(1, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    client
        .req_mkt_data(1, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    client.cancel_mkt_data(99).unwrap();
    assert!(
        log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(1, 322, _)))
            && e.iter().any(|e| matches!(e, Ev::Error(99, 300, _))))
    );
    client.disconnect();
    h.join().unwrap();
}

/// The text form refuses what is not printable ASCII (579), as the
/// official client does; its protobuf form (206 on) sends it, as 10.51.1
/// does (tests/golden).
#[test]
fn invalid_symbol_is_579_and_nothing_is_sent() {
    let (_gw, client, log, h) = setup_at(203);
    let err = client
        .req_mkt_data(5, &stock("caf\u{e9}"), "", false, false, &[])
        .unwrap_err();
    assert_eq!(err.code(), 579);
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(5, 579, _)))));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn callbacks_can_send_requests() {
    // A wrapper that cancels its subscription from inside tick_price.
    struct Canceller {
        client: EClient,
        ticks: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }
    impl tws_api::EWrapper for Canceller {
        fn tick_price(&mut self, req_id: i32, _t: i32, _p: f64, _a: tws_api::TickAttrib) {
            if self.ticks.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                self.client.cancel_mkt_data(req_id).unwrap();
                self.client.disconnect();
            }
        }
    }
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let client = EClient::new();
    client.connect("127.0.0.1", gw.port(), 0).unwrap();
    let ticks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut w = Canceller {
        client: client.clone(),
        ticks: ticks.clone(),
    };
    client
        .req_mkt_data(1, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    client.run(&mut w); // returns after the callback's disconnect
    assert!(ticks.load(std::sync::atomic::Ordering::SeqCst) >= 1);
    assert!(!client.is_connected());
}

fn calls_gateway(config: SimConfig) -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        ..config
    })
    .unwrap()
}

fn errors_of(log: &common::CallLog) -> Vec<(i64, i64)> {
    log.named("error")
        .iter()
        .filter(|c| c.arg(0).as_i64() != Some(-1))
        .map(|c| (c.arg(0).as_i64().unwrap(), c.arg(2).as_i64().unwrap()))
        .collect()
}

#[test]
fn generic_tick_lists_bring_their_tick_types() {
    let gw = calls_gateway(SimConfig::default());
    let (client, log, h) = common::connected_calls(&gw, 1);
    client
        .req_mkt_data(
            8,
            &stock("AAPL"),
            "100,101,104,106,165,233,236,258,mdoff,292:BRFG",
            false,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "tick_string" && c.arg(1).as_i64() == Some(48))
        .count()
        >= 3));
    client.cancel_mkt_data(8).unwrap();
    let types = |name: &str| -> Vec<i64> {
        log.named(name)
            .iter()
            .filter(|c| c.arg(0).as_i64() == Some(8))
            .map(|c| c.arg(1).as_i64().unwrap())
            .collect()
    };
    let sizes = types("tick_size");
    for t in [
        tick_type::OPTION_CALL_VOLUME,
        tick_type::OPTION_PUT_VOLUME,
        tick_type::OPTION_CALL_OPEN_INTEREST,
        tick_type::OPTION_PUT_OPEN_INTEREST,
        tick_type::AVG_VOLUME,
        tick_type::SHORTABLE_SHARES,
    ] {
        assert!(sizes.contains(&(t as i64)), "tick_size {t}");
    }
    let generics = types("tick_generic");
    for t in [
        tick_type::OPTION_HISTORICAL_VOL,
        tick_type::OPTION_IMPLIED_VOL,
        tick_type::SHORTABLE,
    ] {
        assert!(generics.contains(&(t as i64)), "tick_generic {t}");
    }
    let prices = types("tick_price");
    for t in tick_type::LOW_13_WEEK..=tick_type::HIGH_52_WEEK {
        assert!(prices.contains(&(t as i64)), "tick_price {t}");
    }
    let strings = log.named("tick_string");
    let rt = strings
        .iter()
        .find(|c| c.arg(1).as_i64() == Some(tick_type::RT_VOLUME as i64))
        .unwrap();
    assert_eq!(rt.arg(2).as_str().unwrap().split(';').count(), 6);
    let ratios = strings
        .iter()
        .find(|c| c.arg(1).as_i64() == Some(tick_type::FUNDAMENTAL_RATIOS as i64))
        .unwrap();
    assert!(ratios.arg(2).as_str().unwrap().contains("TTMNPMGN="));
    let news = log.named("tick_news");
    assert_eq!(news[0].arg(0).as_i64(), Some(8));
    assert_eq!(news[0].arg(2).as_str(), Some("BRFG"));
    assert!(news[0].arg(4).as_str().unwrap().starts_with("AAPL: "));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn refusals_snapshot_with_generic_ticks_unknown_generic_tick_and_line_limit() {
    let gw = calls_gateway(SimConfig {
        max_market_data_lines: 2,
        ..SimConfig::default()
    });
    let (client, log, h) = common::connected_calls(&gw, 1);
    client
        .req_mkt_data(1, &stock("AAPL"), "233", true, false, &[])
        .unwrap();
    client
        .req_mkt_data(2, &stock("AAPL"), "233,999", false, false, &[])
        .unwrap();
    client
        .req_mkt_data(3, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    client
        .req_mkt_data(4, &stock("IBM"), "", false, false, &[])
        .unwrap();
    client
        .req_mkt_data(5, &stock("MSFT"), "", false, false, &[])
        .unwrap();
    // A snapshot does not hold a line.
    client
        .req_mkt_data(6, &stock("MSFT"), "", true, false, &[])
        .unwrap();
    assert!(log.wait_for("tick_snapshot_end", 6));
    assert_eq!(errors_of(&log), vec![(1, 321), (2, 321), (5, 101)]);
    let e = log.named("error");
    let limit = e.iter().find(|c| c.arg(0).as_i64() == Some(5)).unwrap();
    assert_eq!(
        limit.arg(3).as_str(),
        Some("Max number of tickers has been reached")
    );
    // A cancelled stream frees its line.
    client.cancel_mkt_data(3).unwrap();
    client
        .req_mkt_data(7, &stock("MSFT"), "", false, false, &[])
        .unwrap();
    assert!(log.wait_for("tick_price", 7));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn delta_neutral_combo_is_validated_and_cfd_rerouted() {
    let gw = calls_gateway(SimConfig::default());
    let (client, log, h) = common::connected_calls(&gw, 1);
    let mut bag = stock("SPY");
    bag.sec_type = "BAG".into();
    bag.delta_neutral_contract = Some(tws_api::DeltaNeutralContract {
        con_id: 756733,
        delta: 0.5,
        price: 450.25,
    });
    client.req_mkt_data(9, &bag, "", true, false, &[]).unwrap();
    let mut cfd = stock("IBM");
    cfd.sec_type = "CFD".into();
    client.req_mkt_data(10, &cfd, "", true, false, &[]).unwrap();
    assert!(log.wait_for("tick_snapshot_end", 10));
    let dn = log.named("delta_neutral_validation");
    assert_eq!(dn.len(), 1);
    assert_eq!(dn[0].arg(0).as_i64(), Some(9));
    assert_eq!(
        dn[0].arg(1),
        &serde_json::json!({"con_id": 756733, "delta": 0.5, "price": 450.25})
    );
    let rr = log.named("reroute_mkt_data_req");
    assert_eq!(rr.len(), 1);
    assert_eq!(
        rr[0].args,
        vec![
            serde_json::json!(10),
            serde_json::json!(8314),
            serde_json::json!("SMART")
        ]
    );
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn odd_lot_quotes_from_server_version_225_and_refused_before() {
    // Generic tick 787 (10.46 / server version 225): odd-lot bid and ask,
    // their sizes and exchanges, tick types 105-110.
    let gw = calls_gateway(SimConfig {
        server_version: 225,
        ..SimConfig::default()
    });
    let (client, log, h) = common::connected_calls(&gw, 1);
    client
        .req_mkt_data(3, &stock("AAPL"), "787", false, false, &[])
        .unwrap();
    let of = |calls: &[common::Call], name: &str, t: i32| {
        calls.iter().any(|c| {
            c.name == name && c.arg(0).as_i64() == Some(3) && c.arg(1).as_i64() == Some(t as i64)
        })
    };
    assert!(log.wait_until(|c| of(c, "tick_size", tick_type::ODD_LOT_ASK_SIZE)));
    client.cancel_mkt_data(3).unwrap();
    let calls: Vec<common::Call> = ["tick_price", "tick_size", "tick_string"]
        .iter()
        .flat_map(|n| log.named(n))
        .collect();
    for t in [tick_type::ODD_LOT_BID, tick_type::ODD_LOT_ASK] {
        assert!(of(&calls, "tick_price", t), "tick_price {t}");
    }
    for t in [tick_type::ODD_LOT_BID_SIZE, tick_type::ODD_LOT_ASK_SIZE] {
        assert!(of(&calls, "tick_size", t), "tick_size {t}");
    }
    for t in [tick_type::ODD_LOT_BID_EXCH, tick_type::ODD_LOT_ASK_EXCH] {
        assert!(of(&calls, "tick_string", t), "tick_string {t}");
    }
    assert_eq!(
        tws_api::tick_type_name(tick_type::ODD_LOT_BID),
        "ODD_LOT_BID"
    );
    assert!(errors_of(&log).is_empty());
    client.disconnect();
    h.join().unwrap();

    let gw = calls_gateway(SimConfig {
        server_version: 224,
        ..SimConfig::default()
    });
    let (client, log, h) = common::connected_calls(&gw, 1);
    client
        .req_mkt_data(4, &stock("AAPL"), "787", false, false, &[])
        .unwrap();
    assert!(log.wait_for("error", 4));
    assert_eq!(errors_of(&log), vec![(4, 321)]);
    client.disconnect();
    h.join().unwrap();
}
