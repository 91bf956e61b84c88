//! reqFundamentalData and the WSH requests against the simulated gateway.

mod common;

use common::{connected_calls, init_logs, stock};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, WshEventData};

fn gateway() -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig::default()).unwrap()
}

#[test]
fn fundamental_reports_and_error_430() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    let kinds = [
        ("ReportSnapshot", "<ReportSnapshot"),
        ("ReportsFinSummary", "<FinancialSummary>"),
        ("ReportRatios", "<Ratios"),
        ("ReportsFinStatements", "<ReportFinancialStatements"),
        ("RESC", "<REarnEstCons"),
        ("ReportsOwnership", "<OwnershipSummary>"),
    ];
    for (i, (kind, _)) in kinds.iter().enumerate() {
        client
            .req_fundamental_data(20 + i as i32, &stock("IBM"), kind, &[])
            .unwrap();
    }
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "fundamental_data").count() == 6));
    for (i, (_, root)) in kinds.iter().enumerate() {
        let data = log
            .named("fundamental_data")
            .into_iter()
            .find(|c| c.arg(0) == 20 + i as i64)
            .unwrap();
        let xml = data.arg(1).as_str().unwrap();
        assert!(xml.starts_with("<?xml") && xml.contains(root), "{xml}");
    }
    // By contract id too.
    let by_id = Contract {
        con_id: 265598,
        exchange: "SMART".into(),
        ..Contract::default()
    };
    client
        .req_fundamental_data(30, &by_id, "ReportSnapshot", &[])
        .unwrap();
    assert!(log.wait_for("fundamental_data", 30));
    assert!(log
        .named("fundamental_data")
        .last()
        .unwrap()
        .arg(1)
        .as_str()
        .unwrap()
        .contains("AAPL"));

    client
        .req_fundamental_data(31, &stock("IBM"), "NoSuchReport", &[])
        .unwrap();
    client
        .req_fundamental_data(32, &stock("ZZZZ"), "ReportSnapshot", &[])
        .unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 430)
        .count()
        == 2));
    let e = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(0) == 31)
        .unwrap();
    assert!(e.arg(3).as_str().unwrap().starts_with(
        "We are sorry, but fundamentals data for the security specified is not available."
    ));
    client.cancel_fundamental_data(31).unwrap();
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn wsh_meta_and_events() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client.req_wsh_meta_data(40).unwrap();
    assert!(log.wait_for("wsh_meta_data", 40));
    let meta = log.named("wsh_meta_data")[0]
        .arg(1)
        .as_str()
        .unwrap()
        .to_owned();
    let v: serde_json::Value = serde_json::from_str(&meta).unwrap();
    assert!(v["meta_data"]["event_types"].as_array().unwrap().len() >= 5);

    let req = WshEventData {
        con_id: 8314,
        start_date: "20260101".into(),
        end_date: "20261231".into(),
        total_limit: 3,
        ..WshEventData::default()
    };
    client.req_wsh_event_data(41, &req).unwrap();
    assert!(log.wait_for("wsh_event_data", 41));
    let events: serde_json::Value =
        serde_json::from_str(log.named("wsh_event_data")[0].arg(1).as_str().unwrap()).unwrap();
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e["conid"] == 8314));
    assert!(events
        .iter()
        .all(|e| e["index_date"].as_str().unwrap().starts_with("2026")));

    let watch = WshEventData {
        filter: "{\"watchlist\":[\"265598\"]}".into(),
        fill_watchlist: true,
        ..WshEventData::default()
    };
    client.req_wsh_event_data(42, &watch).unwrap();
    assert!(log.wait_for("wsh_event_data", 42));
    let j = log.named("wsh_event_data")[1]
        .arg(1)
        .as_str()
        .unwrap()
        .to_owned();
    assert!(j.contains("\"conid\":265598"), "{j}");
    client.cancel_wsh_meta_data(40).unwrap();
    client.cancel_wsh_event_data(41).unwrap();
    client.disconnect();
    h.join().unwrap();
}
