//! calculateImpliedVolatility / calculateOptionPrice and option market data
//! against the simulated gateway: its Black-Scholes model answers through
//! tickOptionComputation.

mod common;

use std::time::Duration;

use common::call_log::{Call, CallLog};
use common::connected_calls;
use tws_api::model::{tick_type, UNSET_DOUBLE};
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

/// `YYYYMMDD` of the day 91 days from now.
fn expiry_in_three_months() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    let z = secs / 86_400 + 91 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}")
}

fn spy_option(right: &str, strike: f64) -> Contract {
    Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        last_trade_date_or_contract_month: expiry_in_three_months(),
        strike,
        right: right.into(),
        multiplier: "100".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    }
}

fn computation(log: &CallLog, req_id: i64) -> Call {
    assert!(log.wait_for("tick_option_computation", req_id));
    log.named("tick_option_computation")
        .into_iter()
        .find(|c| c.arg(0).as_i64() == Some(req_id))
        .unwrap()
}

fn f(c: &Call, i: usize) -> f64 {
    c.arg(i).as_f64().unwrap()
}

#[test]
fn option_price_then_implied_volatility_round_trips_through_the_model() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    let call = spy_option("C", 450.0);
    client
        .calculate_option_price(1, &call, 0.25, 440.0, &[])
        .unwrap();
    let p = computation(&log, 1);
    assert_eq!(
        p.arg(1).as_i64(),
        Some(tick_type::CUST_OPTION_COMPUTATION as i64)
    );
    assert_eq!(p.arg(2).as_i64(), Some(0));
    assert_eq!(f(&p, 3), 0.25);
    let (delta, price, pv_div, gamma, vega, theta, und) = (
        f(&p, 4),
        f(&p, 5),
        f(&p, 6),
        f(&p, 7),
        f(&p, 8),
        f(&p, 9),
        f(&p, 10),
    );
    assert!(delta > 0.0 && delta < 1.0, "delta {delta}");
    assert!(price > 0.0 && price < 440.0, "price {price}");
    assert!(pv_div >= 0.0 && gamma > 0.0 && vega > 0.0 && theta < 0.0);
    assert_eq!(und, 440.0);

    // The implied volatility of that price is the volatility it came from.
    client
        .calculate_implied_volatility(2, &call, price, 440.0, &[])
        .unwrap();
    let iv = computation(&log, 2);
    assert_eq!(iv.arg(2).as_i64(), Some(1));
    assert!((f(&iv, 3) - 0.25).abs() < 1e-6, "iv {}", f(&iv, 3));
    assert!((f(&iv, 4) - delta).abs() < 1e-6);
    assert_eq!(f(&iv, 5), price);

    // A put at the same terms: put-call parity holds between the two prices.
    client
        .calculate_option_price(3, &spy_option("P", 450.0), 0.25, 440.0, &[])
        .unwrap();
    let put = computation(&log, 3);
    assert!(f(&put, 4) < 0.0 && f(&put, 4) > -1.0);
    assert!((f(&put, 7) - gamma).abs() < 1e-9);

    client.cancel_calculate_option_price(1).unwrap();
    client.cancel_calculate_implied_volatility(2).unwrap();
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn a_price_the_model_cannot_reach_is_not_computed() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    // Below intrinsic value: no volatility gives it.
    client
        .calculate_implied_volatility(4, &spy_option("C", 300.0), 1.0, 440.0, &[])
        .unwrap();
    let c = computation(&log, 4);
    for i in [3, 4, 5, 6, 7, 8, 9] {
        assert_eq!(f(&c, i), UNSET_DOUBLE, "argument {i}: {c:?}");
    }
    assert_eq!(f(&c, 10), 440.0);
    // An option without a right or an expiry is refused.
    let bad = Contract {
        right: String::new(),
        ..spy_option("C", 450.0)
    };
    client
        .calculate_option_price(5, &bad, 0.2, 440.0, &[])
        .unwrap();
    assert!(log.wait_for("error", 5));
    let e = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(0).as_i64() == Some(5))
        .unwrap();
    assert_eq!(e.arg(2).as_i64(), Some(321));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn option_market_data_has_bid_ask_last_and_model_computations() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_mkt_data(6, &spy_option("C", 460.0), "", false, false, &[])
        .unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "tick_option_computation")
        .count()
        >= 40));
    client.cancel_mkt_data(6).unwrap();
    let comps = log.named("tick_option_computation");
    let by_type = |t: i32| -> Vec<&Call> {
        comps
            .iter()
            .filter(|c| c.arg(1).as_i64() == Some(t as i64))
            .collect()
    };
    let model = by_type(tick_type::MODEL_OPTION);
    let bid = by_type(tick_type::BID_OPTION_COMPUTATION);
    let ask = by_type(tick_type::ASK_OPTION_COMPUTATION);
    let last = by_type(tick_type::LAST_OPTION_COMPUTATION);
    assert!(!model.is_empty() && !bid.is_empty() && !ask.is_empty() && !last.is_empty());
    // Each round: bid, ask, last, model; the ask's volatility above the bid's.
    for ((b, a), m) in bid.iter().zip(&ask).zip(&model) {
        assert!(f(b, 3) < f(a, 3), "bid iv {} ask iv {}", f(b, 3), f(a, 3));
        assert!(f(b, 5) <= f(m, 5) && f(m, 5) <= f(a, 5));
        assert!(f(m, 3) > 0.1 && f(m, 3) < 1.0);
        assert!(f(m, 10) > 1.0);
    }
    // The option's own prices come as tick_price too.
    assert!(log
        .named("tick_price")
        .iter()
        .any(|c| c.arg(1).as_i64() == Some(tick_type::BID as i64)));
    client.disconnect();
    h.join().unwrap();
}

/// The official Python client asks the sim for depth, tick-by-tick and option
/// computations (tests/python/market_data_check.py), and its
/// calculateOptionPrice answer is the one our client gets.
#[test]
fn official_python_client_gets_the_same_answers() {
    for official in common::python::official_clients("the official client's market data check") {
        official_python_client_gets_the_same_answers_with(official);
    }
}

fn official_python_client_gets_the_same_answers_with(official: common::python::Official) {
    // 10.51.1 also at 226, where it asks for odd lots too (server version 225).
    let versions: &[i32] = match official {
        common::python::Official::Stable => &[176, 203],
        common::python::Official::Latest => &[176, 203, 226],
    };
    for &sv in versions {
        let gw = SimGateway::start(SimConfig {
            server_version: sv,
            tick_interval: Duration::from_millis(5),
            ..SimConfig::default()
        })
        .unwrap();
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/python/market_data_check.py"
        );
        let out = official
            .python3()
            .args([script, "--port", &gw.port().to_string()])
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let passes = if sv >= 225 { 11 } else { 10 };
        assert!(
            out.status.success() && stdout.contains(&format!("{passes} passed, 0 failed")),
            "server version {sv}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: serde_json::Value = stdout
            .lines()
            .find_map(|l| l.strip_prefix("COMPUTATION "))
            .and_then(|j| serde_json::from_str(j).ok())
            .expect("the official client's computation");

        let (client, log, h) = connected_calls(&gw, 2);
        client
            .calculate_option_price(6, &spy_option("C", 450.0), 0.25, 440.0, &[])
            .unwrap();
        let ours = computation(&log, 6);
        for (i, name) in [
            (3, "impliedVol"),
            (4, "delta"),
            (5, "optPrice"),
            (6, "pvDividend"),
            (7, "gamma"),
            (8, "vega"),
            (9, "theta"),
            (10, "undPrice"),
        ] {
            let (a, b) = (f(&ours, i), theirs[name].as_f64().unwrap());
            // The time to expiry moves on between the two requests.
            assert!(
                (a - b).abs() <= 1e-6 * b.abs().max(1.0),
                "{name}: ours {a}, official {b}"
            );
        }
        assert_eq!(ours.arg(1).as_i64(), theirs["tickType"].as_i64());
        assert_eq!(ours.arg(2).as_i64(), theirs["tickAttrib"].as_i64());

        // The same generic ticks: the same callbacks with the same tick types.
        let theirs: std::collections::BTreeSet<(String, i64)> = stdout
            .lines()
            .find_map(|l| l.strip_prefix("GENERIC_TICKS "))
            .and_then(|j| serde_json::from_str(j).ok())
            .expect("the official client's generic ticks");
        let stock = Contract {
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        };
        client
            .req_mkt_data(
                8,
                &stock,
                "100,101,104,106,165,233,236,258,292",
                false,
                false,
                &[],
            )
            .unwrap();
        assert!(log.wait_until(|c| {
            c.iter()
                .any(|c| c.name == "tick_string" && c.arg(0) == 8 && c.arg(1) == 48)
                && c.iter().any(|c| c.name == "tick_news")
        }));
        client.cancel_mkt_data(8).unwrap();
        let ours: std::collections::BTreeSet<(String, i64)> = log
            .snapshot()
            .iter()
            .filter(|c| {
                c.arg(0) == 8
                    && ["tick_price", "tick_size", "tick_string", "tick_generic"].contains(&c.name)
            })
            .map(|c| {
                let official = match c.name {
                    "tick_price" => "tickPrice",
                    "tick_size" => "tickSize",
                    "tick_string" => "tickString",
                    _ => "tickGeneric",
                };
                (official.to_owned(), c.arg(1).as_i64().unwrap())
            })
            .collect();
        assert_eq!(ours, theirs);
        client.disconnect();
        h.join().unwrap();
    }
}

/// An option of the sim's SPY chain, found with reqContractDetails, is known
/// by its contract id alone: calculations and market data use its terms.
#[test]
fn an_option_known_by_its_contract_id() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    let query = Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        right: "P".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    client.req_contract_details(1, &query).unwrap();
    assert!(log.wait_for("contract_details_end", 1));
    let details = log.named("contract_details");
    let c = &details[0].arg(1)["contract"];
    let by_id = Contract {
        con_id: c["con_id"].as_i64().unwrap() as i32,
        exchange: "SMART".into(),
        ..Contract::default()
    };
    client
        .calculate_option_price(2, &by_id, 0.2, 600.0, &[])
        .unwrap();
    let comp = computation(&log, 2);
    // A put: negative delta.
    assert!(f(&comp, 4) < 0.0 && f(&comp, 4) > -1.0, "{comp:?}");
    assert!(f(&comp, 5) > 0.0);
    client
        .req_mkt_data(3, &by_id, "", true, false, &[])
        .unwrap();
    assert!(log.wait_for("tick_snapshot_end", 3));
    let model = log
        .named("tick_option_computation")
        .into_iter()
        .find(|c| c.arg(0).as_i64() == Some(3) && c.arg(1).as_i64() == Some(13))
        .expect("a model computation");
    assert!(f(&model, 4) < 0.0);
    assert!(log
        .named("error")
        .iter()
        .all(|e| e.arg(0).as_i64() == Some(-1)));
    client.disconnect();
    h.join().unwrap();
}

/// A server too old (version 100): tick-by-tick and SMART depth are refused
/// with 503 under the ids the official client uses (tick-by-tick under -1,
/// depth under its request id), and option computations still come, in the
/// old layout (no tick attribute: UNSET_INTEGER).
#[test]
fn an_old_server_refuses_under_the_official_ids_and_still_computes() {
    common::init_logs();
    let gw = SimGateway::start(SimConfig {
        server_version: 100,
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let stk = Contract {
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        exchange: "ISLAND".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    let code = |r: Result<(), tws_api::Error>| r.unwrap_err().code();
    assert_eq!(
        code(client.req_tick_by_tick_data(1, &stk, "Last", 0, false)),
        503
    );
    assert_eq!(code(client.cancel_tick_by_tick_data(1)), 503);
    assert_eq!(code(client.req_mkt_depth(2, &stk, 5, true, &[])), 503);
    assert_eq!(code(client.cancel_mkt_depth(2, true)), 503);
    let with_primary = Contract {
        primary_exchange: "NASDAQ".into(),
        ..stk.clone()
    };
    assert_eq!(
        code(client.req_mkt_depth(3, &with_primary, 5, false, &[])),
        503
    );
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 503)
        .count()
        >= 5));
    let errors: Vec<(i64, String)> = log
        .named("error")
        .iter()
        .filter(|c| c.arg(2) == 503)
        .map(|c| {
            (
                c.arg(0).as_i64().unwrap(),
                c.arg(3).as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors.iter().map(|e| e.0).collect::<Vec<_>>(),
        vec![-1, -1, 2, 2, 3]
    );
    // Before 137 the first check of the official client refuses it.
    assert!(errors[0]
        .1
        .ends_with(" It does not support tick-by-tick data requests."));
    assert!(errors[1]
        .1
        .ends_with(" It does not support tick-by-tick data requests."));
    assert!(errors[2]
        .1
        .ends_with(" It does not support SMART depth request."));
    assert!(errors[3]
        .1
        .ends_with(" It does not support SMART depth cancel."));
    assert!(errors[4]
        .1
        .ends_with(" It does not support primaryExchange parameter in reqMktDepth."));

    // Plain depth works, and option computations come without a tick attribute.
    client.req_mkt_depth(4, &stk, 5, false, &[]).unwrap();
    assert!(log.wait_for("update_mkt_depth", 4));
    client
        .calculate_option_price(5, &spy_option("C", 450.0), 0.25, 440.0, &[])
        .unwrap();
    let c = computation(&log, 5);
    assert_eq!(c.arg(2).as_i64(), Some(i64::from(i32::MAX)));
    assert!(f(&c, 5) > 0.0 && f(&c, 7) > 0.0 && f(&c, 10) == 440.0);
    client.disconnect();
    h.join().unwrap();
}
