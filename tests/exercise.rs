//! `exerciseOptions` against the simulated gateway's paper broker, through
//! the public API: exercise and lapse of a long SPY call, and each refusal.

mod common;

use std::collections::BTreeMap;

use common::{connected_calls, init_logs, Call, CallLog};
use serde_json::Value;
use tws_api::model::{Contract, Decimal, Order};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::EClient;

const SPY_CON_ID: i64 = 756733;

fn num(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(f64::NAN)
}

fn id_of(c: &Call) -> Option<i64> {
    c.arg(0).as_i64()
}

fn on_exchange(option: &Value, exchange: &str) -> Contract {
    Contract {
        con_id: option["con_id"].as_i64().unwrap_or(0) as i32,
        exchange: exchange.into(),
        ..Contract::default()
    }
}

/// The SPY calls of the nearest expiry, by strike, as `contract_details` gave them.
fn spy_calls(client: &EClient, log: &CallLog) -> Vec<Value> {
    let query = Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        right: "C".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    client.req_contract_details(1, &query).unwrap();
    assert!(log.wait_for("contract_details_end", 1));
    let all: Vec<Value> = log
        .named("contract_details")
        .iter()
        .map(|c| c.arg(1)["contract"].clone())
        .collect();
    let expiry = |c: &Value| {
        c["last_trade_date_or_contract_month"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let first = all.iter().map(expiry).min().expect("SPY has calls");
    let mut calls: Vec<Value> = all.into_iter().filter(|c| expiry(c) == first).collect();
    calls.sort_by(|a, b| num(&a["strike"]).total_cmp(&num(&b["strike"])));
    assert!(calls.len() >= 2, "{calls:?}");
    calls
}

fn buy(client: &EClient, log: &CallLog, order_id: i32, option: &Value, quantity: i64) {
    let order = Order::market("BUY", Decimal::from(quantity));
    client
        .place_order(order_id, &on_exchange(option, "SMART"), &order)
        .unwrap();
    wait_filled(log, order_id);
}

fn is_status(c: &Call, id: i32, status: &str) -> bool {
    c.name == "order_status" && id_of(c) == Some(id as i64) && c.arg(1) == status
}

fn wait_filled(log: &CallLog, id: i32) {
    assert!(
        log.wait_until(|c| c.iter().any(|c| is_status(c, id, "Filled"))),
        "order {id} filled"
    );
}

/// Waits for the answer to exercise request `id`: `Ok(())` once it is
/// filled with `fills` executions and their commission reports (nothing marks
/// the last fill of an order), `Err((code, text))` for a refusal.
fn outcome(log: &CallLog, id: i32, fills: usize) -> Result<(), (i64, String)> {
    let error_of = |c: &Call| c.name == "error" && id_of(c) == Some(id as i64);
    assert!(log.wait_until(|c| c.iter().any(|c| error_of(c) || is_status(c, id, "Filled"))));
    if let Some(e) = log.snapshot().iter().find(|c| error_of(c)) {
        let code = e.arg(2).as_i64().unwrap_or(0);
        return Err((code, e.arg(3).as_str().unwrap_or("").to_owned()));
    }
    // Every fill's commission report follows its execDetails.
    assert!(log.wait_until(|c| {
        let execs: Vec<String> = execs_of_in(c, id)
            .iter()
            .filter_map(|e| e.arg(2)["exec_id"].as_str().map(str::to_owned))
            .collect();
        let reports = c
            .iter()
            .filter(|c| c.name == "commission_and_fees_report")
            .filter(|c| execs.iter().any(|e| c.arg(0)["exec_id"] == e.as_str()))
            .count();
        execs.len() == fills && reports == fills
    }));
    Ok(())
}

fn execs_of_in(calls: &[Call], id: i32) -> Vec<Call> {
    calls
        .iter()
        .filter(|c| c.name == "exec_details" && c.arg(2)["order_id"].as_i64() == Some(id as i64))
        .cloned()
        .collect()
}

fn execs_of(log: &CallLog, id: i32) -> Vec<Call> {
    execs_of_in(&log.snapshot(), id)
}

/// A refusal of `id` with `code`: its text; and nothing else was sent for it.
fn refused(log: &CallLog, id: i32, code: i64) -> String {
    let (got, text) = outcome(log, id, 0).expect_err("refused");
    assert_eq!(got, code, "{text}");
    let others = log
        .snapshot()
        .into_iter()
        .filter(|c| matches!(c.name, "open_order" | "order_status"))
        .filter(|c| id_of(c) == Some(id as i64))
        .count();
    assert_eq!(others, 0, "a refusal sends nothing but the error");
    text
}

/// The refusal of a request that reuses the id of a filled order: its text.
fn refused_after_fill(log: &CallLog, id: i32, code: i64) -> String {
    let of = |c: &Call| c.name == "error" && id_of(c) == Some(id as i64);
    assert!(log.wait_until(|c| c.iter().any(of)));
    let e = log.snapshot().into_iter().find(of).unwrap();
    assert_eq!(e.arg(2).as_i64(), Some(code));
    e.arg(3).as_str().unwrap_or("").to_owned()
}

fn exercise(client: &EClient, id: i32, contract: &Contract, action: i32, qty: i32, over: i32) {
    client
        .exercise_options(id, contract, action, qty, "", over, "", "", false)
        .unwrap();
}

/// The account's positions by conId, from a fresh `req_positions`.
fn positions(client: &EClient, log: &CallLog) -> BTreeMap<i64, f64> {
    let before = log.snapshot().len();
    client.req_positions().unwrap();
    assert!(log.wait_until(|c| c[before..].iter().any(|c| c.name == "position_end")));
    client.cancel_positions().unwrap();
    log.snapshot()[before..]
        .iter()
        .filter(|c| c.name == "position")
        .map(|c| (c.arg(1)["con_id"].as_i64().unwrap_or(0), num(c.arg(2))))
        .collect()
}

/// The account's `TotalCashValue`, from a fresh `req_account_summary`.
fn cash(client: &EClient, log: &CallLog, req_id: i32) -> f64 {
    client
        .req_account_summary(req_id, "All", "TotalCashValue")
        .unwrap();
    assert!(log.wait_for("account_summary_end", req_id as i64));
    client.cancel_account_summary(req_id).unwrap();
    log.named("account_summary")
        .iter()
        .find(|c| id_of(c) == Some(req_id as i64) && c.arg(2) == "TotalCashValue")
        .map(|c| num(c.arg(3)))
        .expect("TotalCashValue")
}

/// Asserts the fills of an exercise of `qty` calls of `option`: the option
/// sold at 0, SPY bought at the strike, commission 0 for both.
fn assert_exercised(log: &CallLog, id: i32, option: &Value, qty: f64) {
    let execs = execs_of(log, id);
    assert_eq!(execs.len(), 2, "{execs:?}");
    let leg = &execs[0];
    assert_eq!(leg.arg(1)["con_id"], option["con_id"]);
    assert_eq!(leg.arg(1)["sec_type"], "OPT");
    assert_eq!(leg.arg(2)["side"], "SLD");
    assert_eq!(num(&leg.arg(2)["shares"]), qty);
    assert_eq!(num(&leg.arg(2)["price"]), 0.0);
    assert_eq!(leg.arg(2)["exchange"], "CBOE");
    let spy = &execs[1];
    assert_eq!(spy.arg(1)["con_id"].as_i64(), Some(SPY_CON_ID));
    assert_eq!(spy.arg(1)["symbol"], "SPY");
    assert_eq!(spy.arg(1)["sec_type"], "STK");
    assert_eq!(spy.arg(2)["side"], "BOT");
    assert_eq!(num(&spy.arg(2)["shares"]), qty * 100.0);
    assert_eq!(num(&spy.arg(2)["price"]), num(&option["strike"]));
    let ids: Vec<&Value> = execs.iter().map(|e| &e.arg(2)["exec_id"]).collect();
    let reports: Vec<Call> = log
        .named("commission_and_fees_report")
        .into_iter()
        .filter(|r| ids.contains(&&r.arg(0)["exec_id"]))
        .collect();
    assert_eq!(reports.len(), 2);
    assert!(reports
        .iter()
        .all(|r| num(&r.arg(0)["commission_and_fees"]) == 0.0));
}

#[test]
fn exercise_lapse_and_refusals_through_the_paper_broker() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).expect("sim starts");
    let (client, log, _h) = connected_calls(&gw, 1);
    let calls = spy_calls(&client, &log);
    // The chain is centred on SPY's price: the lowest strike is in the
    // money, the highest out of it, except when the sim's price walks past
    // one of them (about 1 % of the time); the callbacks say which.
    let low = calls.first().unwrap().clone();
    let high = calls.last().unwrap().clone();
    buy(&client, &log, 1, &low, 2);
    buy(&client, &log, 2, &high, 1);

    let cash_before = cash(&client, &log, 100);

    // Exercise 1 of the 2 in-the-money calls on the listing exchange.
    let low_cboe = on_exchange(&low, "CBOE");
    exercise(&client, 10, &low_cboe, 1, 1, 0);
    let mut id = 10;
    if let Err((code, text)) = outcome(&log, 10, 2) {
        // The rare minute when SPY is below the lowest strike.
        assert_eq!(code, 201, "{text}");
        assert!(text.contains("not in the money"), "{text}");
        id = 11;
        exercise(&client, id, &low_cboe, 1, 1, 1);
        outcome(&log, id, 2).expect("override exercises");
    }
    let statuses: Vec<String> = log
        .named("order_status")
        .iter()
        .filter(|c| id_of(c) == Some(id as i64))
        .map(|c| c.arg(1).as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(statuses[..2], ["PreSubmitted", "Submitted"]);
    assert_eq!(statuses.last().map(String::as_str), Some("Filled"));
    let opens: Vec<Call> = log
        .named("open_order")
        .into_iter()
        .filter(|c| id_of(c) == Some(id as i64))
        .collect();
    assert!(!opens.is_empty());
    for o in &opens {
        assert_eq!(o.arg(2)["order_type"], "EXERCISE");
        assert_eq!(o.arg(2)["action"], "SELL");
        assert_eq!(num(&o.arg(2)["total_quantity"]), 1.0);
        assert_eq!(o.arg(2)["account"], "DU1234567");
        assert_eq!(o.arg(1)["con_id"], low["con_id"]);
        assert_eq!(o.arg(1)["exchange"], "CBOE");
    }
    assert_exercised(&log, id, &low, 1.0);
    let used = id;
    let pos = positions(&client, &log);
    let low_id = low["con_id"].as_i64().unwrap();
    let high_id = high["con_id"].as_i64().unwrap();
    assert_eq!(pos.get(&low_id), Some(&1.0), "{pos:?}");
    assert_eq!(pos.get(&SPY_CON_ID), Some(&100.0), "{pos:?}");
    // Paid for the delivery: the strike × 100, no commission.
    let paid = cash_before - cash(&client, &log, 101);
    assert!((paid - num(&low["strike"]) * 100.0).abs() < 0.005, "{paid}");

    // Let the other one lapse: the option leg only.
    exercise(&client, 20, &low_cboe, 2, 1, 0);
    outcome(&log, 20, 1).expect("lapsed");
    let execs = execs_of(&log, 20);
    assert_eq!(execs.len(), 1, "{execs:?}");
    assert_eq!(execs[0].arg(2)["side"], "SLD");
    assert_eq!(num(&execs[0].arg(2)["shares"]), 1.0);
    assert_eq!(num(&execs[0].arg(2)["price"]), 0.0);
    let pos = positions(&client, &log);
    assert_eq!(pos.get(&low_id), Some(&0.0), "{pos:?}");
    assert_eq!(pos.get(&SPY_CON_ID), Some(&100.0), "{pos:?}");

    // Refusals, each an error under the request id and nothing else.
    exercise(&client, 30, &on_exchange(&high, "SMART"), 1, 1, 1);
    let text = refused(&log, 30, 321);
    assert!(
        text.starts_with("Error validating request.-'bW' : cause - ") && text.contains("CBOE"),
        "{text}"
    );
    let unknown = Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        last_trade_date_or_contract_month: "20991217".into(),
        strike: 1.0,
        right: "C".into(),
        exchange: "CBOE".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    exercise(&client, 31, &unknown, 1, 1, 1);
    let text = refused(&log, 31, 200);
    assert_eq!(
        text,
        "No security definition has been found for the request"
    );
    exercise(&client, 32, &low_cboe, 1, 1, 1);
    let text = refused(&log, 32, 201);
    assert!(text.starts_with("Order rejected - reason:"), "{text}");
    exercise(&client, 33, &on_exchange(&high, "CBOE"), 3, 1, 1);
    assert!(refused(&log, 33, 321).contains("action"));
    exercise(&client, 34, &on_exchange(&high, "CBOE"), 1, 0, 1);
    assert!(refused(&log, 34, 321).contains("quantity"));
    // The id of the exercise above, used again (the request is otherwise valid).
    exercise(&client, used, &on_exchange(&high, "CBOE"), 1, 1, 1);
    let text = refused_after_fill(&log, used, 103);
    assert_eq!(text, format!("Duplicate order id: {used}"));

    // Out of the money: refused without override, exercised with it.
    let high_cboe = on_exchange(&high, "CBOE");
    exercise(&client, 40, &high_cboe, 1, 1, 0);
    let mut id = 40;
    if outcome(&log, 40, 2).is_err() {
        let text = refused(&log, 40, 201);
        assert!(text.contains("not in the money"), "{text}");
        assert!(text.contains("override=1"), "{text}");
        id = 41;
        exercise(&client, id, &high_cboe, 1, 1, 1);
        outcome(&log, id, 2).expect("override exercises");
    }
    // (Otherwise SPY was above the highest strike: exercised as in the money.)
    assert_exercised(&log, id, &high, 1.0);
    let pos = positions(&client, &log);
    assert_eq!(pos.get(&high_id), Some(&0.0), "{pos:?}");
    assert_eq!(pos.get(&SPY_CON_ID), Some(&200.0), "{pos:?}");

    // The exercise orders are completed orders of their own kind.
    client.req_completed_orders(false).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "completed_orders_end")));
    let exercises = log
        .named("completed_order")
        .iter()
        .filter(|c| c.arg(1)["order_type"] == "EXERCISE")
        .count();
    assert!(exercises >= 3, "{exercises}");
}

/// The official Python client exercises the same way and sees the same
/// answer (tests/python/exercise_check.py).
#[test]
fn the_official_python_client_exercises_and_sees_the_same_answer() {
    for official in common::python::official_clients("the official client's exercise") {
        the_official_python_client_exercises_and_sees_the_same_answer_with(official);
    }
}

fn the_official_python_client_exercises_and_sees_the_same_answer_with(
    official: common::python::Official,
) {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).expect("sim starts");
    let port = gw.port().to_string();
    let py = common::python::run_check(official, "exercise_check.py", &["--port", &port]);
    assert_eq!(py["errors"], serde_json::json!({}), "{py}");
    let strike = num(&py["strike"]);
    let opens = py["open_orders"].as_array().expect("openOrders");
    assert!(!opens.is_empty(), "{py}");
    for o in opens {
        assert_eq!(
            o,
            &serde_json::json!(["EXERCISE", "SELL", "1", "CBOE"]),
            "{py}"
        );
    }
    let statuses = py["statuses"].as_array().unwrap();
    assert_eq!(statuses[..2], ["PreSubmitted", "Submitted"], "{py}");
    assert_eq!(statuses.last().unwrap(), "Filled", "{py}");
    assert_eq!(
        py["execs"],
        serde_json::json!([
            ["SLD", "1", 0.0, "SPY", "OPT", "CBOE"],
            ["BOT", "100", strike, "SPY", "STK", "CBOE"]
        ]),
        "{py}"
    );
    assert_eq!(py["commissions"], serde_json::json!([0.0, 0.0]), "{py}");
    assert_eq!(py["smart"][0], 321, "{py}");
    let con_id = py["con_id"].to_string();
    assert_eq!(py["positions"][con_id.as_str()], "1", "{py}");
    assert_eq!(
        py["positions"][SPY_CON_ID.to_string().as_str()],
        "100",
        "{py}"
    );
}
