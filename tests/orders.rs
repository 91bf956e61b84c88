//! Orders, executions and commissions against the simulated gateway's paper
//! broker, through the public API.

mod common;

use common::{connected_calls, Call};
use common::{init_logs, stock};
use tws_api::model::{Decimal, ExecutionFilter, Order, OrderCancel};
use tws_api::sim::{SimConfig, SimGateway};

fn gateway(sv: i32) -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        server_version: sv,
        ..SimConfig::default()
    })
    .expect("sim starts")
}

fn status_of(c: &Call) -> (i64, String) {
    (
        c.arg(0).as_i64().unwrap_or(-99),
        c.arg(1).as_str().unwrap_or("").to_owned(),
    )
}

fn num(v: &serde_json::Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(f64::NAN)
}

fn buy_100_aapl_at_market(sv: i32) {
    let gw = gateway(sv);
    let (client, log, _h) = connected_calls(&gw, 1);
    let order = Order::market("BUY", Decimal::from(100));
    client.place_order(1, &stock("AAPL"), &order).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "commission_and_fees_report")));
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (1, "Filled".into()))));

    let statuses: Vec<_> = log.named("order_status").iter().map(status_of).collect();
    assert_eq!(statuses.first(), Some(&(1, "PreSubmitted".to_owned())));
    assert!(statuses.contains(&(1, "Submitted".to_owned())));
    let filled = log
        .named("order_status")
        .into_iter()
        .find(|c| status_of(c).1 == "Filled")
        .unwrap();
    assert_eq!(num(filled.arg(2)), 100.0);
    assert_eq!(num(filled.arg(3)), 0.0);
    let avg = num(filled.arg(4));
    assert!(avg > 0.0);

    let open = log.named("open_order");
    assert!(!open.is_empty());
    assert_eq!(open[0].arg(0).as_i64(), Some(1));
    assert_eq!(open[0].arg(1)["symbol"], "AAPL");
    assert_eq!(open[0].arg(2)["action"], "BUY");
    assert_eq!(open[0].arg(2)["order_type"], "MKT");
    assert_eq!(open[0].arg(2)["account"], "DU1234567");

    let execs = log.named("exec_details");
    assert_eq!(execs.len(), 1);
    let e = &execs[0];
    assert_eq!(e.arg(0).as_i64(), Some(-1));
    assert_eq!(e.arg(1)["symbol"], "AAPL");
    let ex = e.arg(2);
    assert_eq!(ex["order_id"].as_i64(), Some(1));
    assert_eq!(ex["side"], "BOT");
    assert_eq!(num(&ex["shares"]), 100.0);
    assert_eq!(num(&ex["cum_qty"]), 100.0);
    assert_eq!(num(&ex["price"]), avg);
    assert_eq!(num(&ex["avg_price"]), avg);
    assert_eq!(ex["perm_id"], filled.arg(5).clone());

    let reports = log.named("commission_and_fees_report");
    assert_eq!(reports.len(), 1);
    let r = reports[0].arg(0);
    assert_eq!(r["exec_id"], ex["exec_id"]);
    assert_eq!(num(&r["commission_and_fees"]), 1.0);
    assert_eq!(r["currency"], "USD");

    // The fill is listed by reqExecutions, with its commission.
    log.clear();
    client
        .req_executions(9, &ExecutionFilter::default())
        .unwrap();
    assert!(log.wait_for("exec_details_end", 9));
    let execs = log.named("exec_details");
    assert_eq!(execs.len(), 1);
    assert_eq!(execs[0].arg(0).as_i64(), Some(9));
    assert_eq!(log.named("commission_and_fees_report").len(), 1);

    // And by reqCompletedOrders.
    client.req_completed_orders(false).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "completed_orders_end")));
    let done = log.named("completed_order");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].arg(2)["status"], "Filled");
    client.disconnect();
}

#[test]
fn buy_100_aapl_at_market_in_text() {
    buy_100_aapl_at_market(200);
}

#[test]
fn buy_100_aapl_at_market_in_protobuf() {
    // 203: placeOrder travels as protobuf, reqExecutions too.
    buy_100_aapl_at_market(203);
}

#[test]
fn start_up_sync_is_answered_when_there_is_nothing() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 2);
    client.req_open_orders().unwrap();
    client.req_all_open_orders().unwrap();
    client.req_auto_open_orders(true).unwrap();
    client.req_completed_orders(true).unwrap();
    client
        .req_executions(4, &ExecutionFilter::default())
        .unwrap();
    assert!(log.wait_for("exec_details_end", 4));
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "open_order_end").count() == 2));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "completed_orders_end")));
    client.disconnect();
}

#[test]
fn resting_limit_is_open_then_cancelled_and_ids_are_checked() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 3);
    // A buy limit far below the market rests.
    let order = Order::limit("BUY", Decimal::from(10), 1.0);
    client.place_order(5, &stock("MSFT"), &order).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (5, "Submitted".into()))));
    client.req_open_orders().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    assert!(log
        .named("open_order")
        .iter()
        .any(|c| c.arg(0).as_i64() == Some(5)));
    client.cancel_order(5, &OrderCancel::default()).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (5, "Cancelled".into()))));
    // Cancelling again, or an unknown id: 10148, 10147.
    client.cancel_order(5, &OrderCancel::default()).unwrap();
    client.cancel_order(77, &OrderCancel::default()).unwrap();
    assert!(log.wait_until(|c| {
        let codes: Vec<_> = c
            .iter()
            .filter(|c| c.name == "error")
            .filter_map(|c| c.arg(2).as_i64())
            .collect();
        codes.contains(&10148) && codes.contains(&10147)
    }));
    // Placing again under a finished id: 103.
    client.place_order(5, &stock("MSFT"), &order).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(2).as_i64() == Some(103))));
    client.disconnect();
}

#[test]
fn global_cancel_cancels_every_open_order() {
    let gw = gateway(200);
    let (client, log, _h) = connected_calls(&gw, 4);
    for id in [1, 2] {
        let order = Order::limit("SELL", Decimal::from(1), 100_000.0);
        client.place_order(id, &stock("IBM"), &order).unwrap();
    }
    client.req_global_cancel(&OrderCancel::default()).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "order_status" && status_of(c).1 == "Cancelled")
        .count()
        == 2));
    client.disconnect();
}

#[test]
fn what_if_reports_margin_and_commission_and_places_nothing() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 5);
    let order = Order {
        what_if: true,
        ..Order::market("BUY", Decimal::from(100))
    };
    client.place_order(8, &stock("AAPL"), &order).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order")));
    let open = log.named("open_order");
    let state = open[0].arg(3);
    assert_eq!(num(&state["commission_and_fees"]), 1.0);
    assert!(num(&state["init_margin_change"]) > 0.0);
    assert!(log.named("order_status").is_empty());
    client.req_open_orders().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    assert_eq!(log.named("open_order").len(), 1);
    client.disconnect();
}

#[test]
fn bracket_fills_the_entry_and_keeps_the_exits_working() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 6);
    // Entry far above the market: marketable at once.
    let [entry, profit, loss] =
        Order::bracket(20, "BUY", Decimal::from(10), 100_000.0, 100_000.0, 1.0);
    for o in [&entry, &profit, &loss] {
        client.place_order(o.order_id, &stock("SPY"), o).unwrap();
    }
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (20, "Filled".into()))));
    // Nothing was transmitted before the last child: the parent and the
    // take-profit wait as PreSubmitted, then the stop-loss transmits all.
    let statuses: Vec<_> = log.named("order_status").iter().map(status_of).collect();
    assert_eq!(
        statuses[..5],
        [
            (20, "PreSubmitted".to_owned()),
            (21, "PreSubmitted".to_owned()),
            (20, "Submitted".to_owned()),
            (21, "Submitted".to_owned()),
            (22, "PreSubmitted".to_owned()),
        ]
    );
    // The take-profit (sell limit 100,000) and the stop (1.0) rest.
    client.req_open_orders().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    client.req_global_cancel(&OrderCancel::default()).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (22, "Cancelled".into()))));
    client.disconnect();
}

#[test]
fn live_account_orders_are_refused_unless_enabled() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        accounts: vec!["U1234567".into()],
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, _h) = connected_calls(&gw, 7);
    client.set_allow_live_orders(false);
    let order = Order::market("BUY", Decimal::from(1));
    let err = client.place_order(1, &stock("AAPL"), &order).unwrap_err();
    assert_eq!(err.code(), 90001);
    assert!(err.to_string().contains("U1234567"));
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(2).as_i64() == Some(90001))));
    // A paper account named on the order passes.
    let paper = Order {
        account: "DU999".into(),
        ..order.clone()
    };
    client.place_order(2, &stock("AAPL"), &paper).unwrap();
    // Enabled: the order goes.
    client.set_allow_live_orders(true);
    client.place_order(3, &stock("AAPL"), &order).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (3, "Filled".into()))));
    client.disconnect();
}

/// The official Python client and ours each buy 100 AAPL at market against
/// the same sim; each sees Filled, openOrder, execDetails and a commission
/// report, and both list the same two executions with the same values.
fn python_and_rust_buy_the_same_way(sv: i32) {
    for official in common::python::official_clients("orders: the official client buys AAPL") {
        python_and_rust_buy_the_same_way_with(official, sv);
    }
}

fn python_and_rust_buy_the_same_way_with(official: common::python::Official, sv: i32) {
    let gw = gateway(sv);
    let (client, log, _h) = connected_calls(&gw, 1);
    client
        .place_order(1, &stock("AAPL"), &Order::market("BUY", Decimal::from(100)))
        .unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "commission_and_fees_report")));

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/orders_check.py");
    let out = official
        .python3()
        .args([script, "--port", &gw.port().to_string(), "--client-id", "2"])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sv {sv}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let py: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(py["errors"], serde_json::json!([]), "{py}");

    // The Python client's own order: same lifecycle and values as ours.
    let own = &py["own"];
    let filled = own["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "Filled")
        .expect("Filled");
    assert_eq!(filled["filled"], "100");
    assert_eq!(filled["remaining"], "0");
    let open = &own["open_orders"][0];
    assert_eq!(open["symbol"], "AAPL");
    assert_eq!(open["action"], "BUY");
    assert_eq!(open["order_type"], "MKT");
    assert_eq!(open["total_quantity"], "100");
    assert_eq!(open["account"], "DU1234567");
    let exec = &own["execs"][0];
    assert_eq!(exec["req_id"], -1);
    assert_eq!(exec["shares"], "100");
    assert_eq!(exec["side"], "BOT");
    assert_eq!(exec["price"], filled["avg_fill_price"]);
    assert_eq!(own["reports"][0]["exec_id"], exec["exec_id"]);
    assert_eq!(own["reports"][0]["commission_and_fees"], 1.0);
    assert_eq!(own["reports"][0]["currency"], "USD");

    // reqExecutions: both clients list the same fills, field for field.
    log.clear();
    client
        .req_executions(8, &ExecutionFilter::default())
        .unwrap();
    assert!(log.wait_for("exec_details_end", 8));
    let ours: Vec<serde_json::Value> = log
        .named("exec_details")
        .iter()
        .map(|c| {
            let e = c.arg(2);
            serde_json::json!({
                "exec_id": e["exec_id"], "time": e["time"], "acct_number": e["acct_number"],
                "side": e["side"], "shares": num(&e["shares"]), "price": num(&e["price"]),
                "perm_id": e["perm_id"], "client_id": e["client_id"], "order_id": e["order_id"],
                "cum_qty": num(&e["cum_qty"]), "avg_price": num(&e["avg_price"]),
                "symbol": c.arg(1)["symbol"],
            })
        })
        .collect();
    let theirs: Vec<serde_json::Value> = py["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            serde_json::json!({
                "exec_id": e["exec_id"], "time": e["time"], "acct_number": e["acct_number"],
                "side": e["side"], "shares": num(&e["shares"]), "price": num(&e["price"]),
                "perm_id": e["perm_id"], "client_id": e["client_id"], "order_id": e["order_id"],
                "cum_qty": num(&e["cum_qty"]), "avg_price": num(&e["avg_price"]),
                "symbol": e["symbol"],
            })
        })
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert_eq!(ours, theirs);
    let clients: Vec<_> = ours.iter().map(|e| e["client_id"].as_i64()).collect();
    assert_eq!(clients, [Some(1), Some(2)]);
    let our_reports: Vec<_> = log
        .named("commission_and_fees_report")
        .iter()
        .map(|c| {
            (
                c.arg(0)["exec_id"].clone(),
                num(&c.arg(0)["commission_and_fees"]),
            )
        })
        .collect();
    let their_reports: Vec<_> = py["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["exec_id"].clone(), num(&r["commission_and_fees"])))
        .collect();
    assert_eq!(our_reports, their_reports);
    client.disconnect();
}

#[test]
fn python_and_rust_buy_100_aapl_the_same_way_in_text() {
    python_and_rust_buy_the_same_way(187);
}

#[test]
fn python_and_rust_buy_100_aapl_the_same_way_in_protobuf() {
    python_and_rust_buy_the_same_way(203);
}

#[test]
fn a_large_order_fills_in_parts_each_with_its_execution() {
    let gw = gateway(200);
    let (client, log, _h) = connected_calls(&gw, 8);
    let order = Order::market("BUY", Decimal::from(2500));
    client.place_order(1, &stock("IBM"), &order).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (1, "Filled".into()))));
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "commission_and_fees_report")
        .count()
        == 3));
    let execs = log.named("exec_details");
    let shares: Vec<f64> = execs.iter().map(|c| num(&c.arg(2)["shares"])).collect();
    let cum: Vec<f64> = execs.iter().map(|c| num(&c.arg(2)["cum_qty"])).collect();
    assert_eq!(shares, [1000.0, 1000.0, 500.0]);
    assert_eq!(cum, [1000.0, 2000.0, 2500.0]);
    // In between, the order is Submitted with what is filled so far.
    let partial: Vec<(f64, f64)> = log
        .named("order_status")
        .iter()
        .filter(|c| status_of(c).1 == "Submitted" && num(c.arg(2)) > 0.0)
        .map(|c| (num(c.arg(2)), num(c.arg(3))))
        .collect();
    assert_eq!(partial, [(1000.0, 1500.0), (2000.0, 500.0)]);
    // 0.005 × 1000 = 5.00, 0.005 × 500 = 2.50.
    let fees: Vec<f64> = log
        .named("commission_and_fees_report")
        .iter()
        .map(|c| num(&c.arg(0)["commission_and_fees"]))
        .collect();
    assert_eq!(fees, [5.0, 5.0, 2.5]);
    client.disconnect();
}

#[test]
fn stops_trailing_stops_and_oca_groups() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 9);
    // A buy stop below the market triggers at once; a sell stop at 1.0 rests.
    client
        .place_order(1, &stock("AAPL"), &Order::stop("BUY", Decimal::ONE, 1.0))
        .unwrap();
    // A trailing sell with a zero trailing amount triggers at once; one that
    // trails by 99 % rests.
    let trail_now = Order::trailing("SELL", Decimal::ONE, Some(0.0), None, None);
    let trail_rest = Order::trailing("SELL", Decimal::ONE, None, Some(99.0), None);
    client.place_order(2, &stock("AAPL"), &trail_now).unwrap();
    client.place_order(3, &stock("AAPL"), &trail_rest).unwrap();
    // Two orders of one OCA group: the marketable one fills, the other is
    // cancelled.
    let oca = |o: Order| Order {
        oca_group: "g1".into(),
        oca_type: 1,
        ..o
    };
    client
        .place_order(
            4,
            &stock("MSFT"),
            &oca(Order::limit("SELL", Decimal::ONE, 1e6)),
        )
        .unwrap();
    client
        .place_order(5, &stock("MSFT"), &oca(Order::market("BUY", Decimal::ONE)))
        .unwrap();
    assert!(log.wait_until(|c| {
        let s: Vec<_> = c
            .iter()
            .filter(|c| c.name == "order_status")
            .map(status_of)
            .collect();
        s.contains(&(1, "Filled".into()))
            && s.contains(&(2, "Filled".into()))
            && s.contains(&(5, "Filled".into()))
            && s.contains(&(4, "Cancelled".into()))
    }));
    let statuses: Vec<_> = log.named("order_status").iter().map(status_of).collect();
    assert!(!statuses.contains(&(3, "Filled".into())));
    // The cancelled and filled ones are completed orders; 3 is still open.
    log.clear();
    client.req_completed_orders(false).unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "completed_orders_end")));
    let done: Vec<String> = log
        .named("completed_order")
        .iter()
        .map(|c| {
            c.arg(2)["completed_status"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(done, ["Filled", "Filled", "Cancelled", "Filled"]);
    client.req_all_open_orders().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    let open: Vec<_> = log
        .named("open_order")
        .iter()
        .map(|c| c.arg(0).as_i64())
        .collect();
    assert_eq!(open, [Some(3)]);
    client.disconnect();
}

#[test]
fn orders_are_visible_to_other_clients() {
    let gw = gateway(203);
    let (a, log_a, _ha) = connected_calls(&gw, 11);
    let (b, log_b, _hb) = connected_calls(&gw, 12);
    a.place_order(1, &stock("SPY"), &Order::limit("BUY", Decimal::ONE, 1.0))
        .unwrap();
    assert!(log_a.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (1, "Submitted".into()))));
    // Client 12 sees it with reqAllOpenOrders, not with reqOpenOrders.
    b.req_open_orders().unwrap();
    assert!(log_b.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    assert!(log_b.named("open_order").is_empty());
    b.req_all_open_orders().unwrap();
    assert!(log_b.wait_until(|c| c.iter().filter(|c| c.name == "open_order_end").count() == 2));
    let seen = log_b.named("open_order");
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].arg(2)["client_id"].as_i64(), Some(11));
    // Its own cancel of someone else's order: unknown to client 12.
    b.cancel_order(1, &OrderCancel::default()).unwrap();
    assert!(log_b.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(2).as_i64() == Some(10147))));
    a.disconnect();
    b.disconnect();
}

#[test]
fn cash_quantity_orders_buy_whole_shares_and_zero_size_is_refused() {
    let gw = gateway(203);
    let (client, log, _h) = connected_calls(&gw, 13);
    let by_cash = Order {
        total_quantity: tws_api::UNSET_DECIMAL,
        cash_qty: 10_000.0,
        ..Order::market("BUY", Decimal::ZERO)
    };
    client.place_order(1, &stock("AAPL"), &by_cash).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "order_status" && status_of(c) == (1, "Filled".into()))));
    let exec = &log.named("exec_details")[0];
    let (shares, price) = (num(&exec.arg(2)["shares"]), num(&exec.arg(2)["price"]));
    assert!(shares >= 1.0 && shares * price <= 10_000.0 && (shares + 1.0) * price > 10_000.0);
    client
        .place_order(2, &stock("AAPL"), &Order::market("BUY", Decimal::ZERO))
        .unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error"
        && c.arg(0).as_i64() == Some(2)
        && c.arg(2).as_i64() == Some(434))));
    // Absurd sizes are rejected (201), twice, without harm to the sim.
    for id in [3, 4] {
        let huge = Order::market("BUY", Decimal::MAX - Decimal::ONE);
        client.place_order(id, &stock("AAPL"), &huge).unwrap();
    }
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2).as_i64() == Some(201))
        .count()
        == 2));
    client.disconnect();
}

#[test]
fn the_master_client_and_owners_hear_of_changes_made_elsewhere() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        master_client_id: Some(20),
        ..SimConfig::default()
    })
    .unwrap();
    let (master, log_m, _hm) = connected_calls(&gw, 20);
    let (owner, log_o, _ho) = connected_calls(&gw, 21);
    let (other, log_x, _hx) = connected_calls(&gw, 22);
    // The master's first order request starts its watch.
    master.req_all_open_orders().unwrap();
    assert!(log_m.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
    owner
        .place_order(1, &stock("AAPL"), &Order::market("BUY", Decimal::ONE))
        .unwrap();
    owner
        .place_order(2, &stock("AAPL"), &Order::limit("BUY", Decimal::ONE, 1.0))
        .unwrap();
    assert!(
        log_m.wait_until(|c| c.iter().any(|c| c.name == "order_status"
            && status_of(c) == (1, "Filled".into())
            && c.arg(8).as_i64() == Some(21)))
    );
    // Another client's global cancel: the owner and the master hear of it.
    other.req_global_cancel(&OrderCancel::default()).unwrap();
    for log in [&log_o, &log_m] {
        assert!(log.wait_until(|c| c
            .iter()
            .any(|c| c.name == "order_status" && status_of(c) == (2, "Cancelled".into()))));
    }
    // The client that cancelled owned nothing and hears nothing.
    assert!(log_x.named("order_status").is_empty());
    master.disconnect();
    owner.disconnect();
    other.disconnect();
}
