//! The remaining connection requests against the simulated gateway: the
//! time in milliseconds, user info, and the verify requests.

mod common;

use common::{connected_calls, init_logs};
use tws_api::sim::{SimConfig, SimGateway};

#[test]
fn current_time_in_millis_and_user_info() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        white_branding_id: "wb-1".into(),
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    client.req_current_time_in_millis().unwrap();
    client.req_user_info(9).unwrap();
    assert!(log.wait_for("user_info", 9));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time_in_millis")));
    let ms = log.named("current_time_in_millis")[0]
        .arg(0)
        .as_i64()
        .unwrap();
    assert!(ms >= before && ms < before + 60_000, "{ms} vs {before}");
    assert_eq!(log.named("user_info")[0].arg(1), "wb-1");
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn current_time_in_millis_needs_server_version_197() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        server_version: 187,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let err = client.req_current_time_in_millis().unwrap_err();
    assert_eq!(err.code(), 503);
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(2) == 503)));
    let e = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(2) == 503)
        .unwrap();
    assert_eq!(
        e.arg(3),
        "The TWS is out of date and must be upgraded. It does not support current time in millis requests."
    );
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn verify_requests_are_refused_and_messages_answered() {
    init_logs();
    // 10.51.1's refusals from 204 on (545, 551); 10.37.2's (508) below.
    let gw = SimGateway::start(SimConfig {
        server_version: 204,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, _log, h) = connected_calls(&gw, 1);
    assert_eq!(client.verify_request("app", "1").unwrap_err().code(), 545);
    let err = client
        .verify_and_auth_request("app", "1", "key")
        .unwrap_err();
    assert_eq!(err.code(), 551);
    client.disconnect();
    h.join().unwrap();
    let gw = SimGateway::start(SimConfig {
        server_version: 203,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    assert_eq!(client.verify_request("app", "1").unwrap_err().code(), 508);
    assert_eq!(
        client
            .verify_and_auth_request("app", "1", "key")
            .unwrap_err()
            .code(),
        508
    );
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 508)
        .count()
        == 2));
    let refusal = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(2) == 508)
        .unwrap();
    assert_eq!(refusal.arg(0), -1);
    assert_eq!(
        refusal.arg(3),
        "Bad message  Intent to authenticate needs to be expressed during initial connect request."
    );
    client.verify_message("data").unwrap();
    client.verify_and_auth_message("data", "response").unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "verify_and_auth_completed")));
    let v = &log.named("verify_completed")[0];
    assert_eq!(v.arg(0), false);
    assert!(!v.arg(1).as_str().unwrap().is_empty());
    assert_eq!(log.named("verify_and_auth_completed")[0].arg(0), false);
    client.disconnect();
    h.join().unwrap();
}

/// The official Python client asks the sim for scanner, news, fundamentals,
/// WSH, display groups and user info (`tests/python/research_check.py`), and
/// gets what this crate's client gets from the same gateway.
#[test]
fn official_python_client_gets_the_same_answers() {
    for official in
        common::python::official_clients("the research requests from the official client")
    {
        official_python_client_gets_the_same_answers_with(official);
    }
}

fn official_python_client_gets_the_same_answers_with(official: common::python::Official) {
    use serde_json::{json, Value};
    use tws_api::{Contract, ScannerSubscription, WshEventData};

    init_logs();
    for sv in [176, 203] {
        let gw = SimGateway::start(SimConfig {
            server_version: sv,
            ..SimConfig::default()
        })
        .unwrap();
        let out = official
            .python3()
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/python/research_check.py"
            ))
            .args(["--port", &gw.port().to_string()])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let official: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");

        let (client, log, h) = connected_calls(&gw, 1);
        let mut ours = serde_json::Map::new();
        client.req_scanner_parameters().unwrap();
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "scanner_parameters")));
        ours.insert(
            "scanner_parameters_len".into(),
            json!(log.named("scanner_parameters")[0]
                .arg(0)
                .as_str()
                .unwrap()
                .len()),
        );
        let sub = ScannerSubscription {
            number_of_rows: 50,
            instrument: "STK".into(),
            location_code: "STK.US.MAJOR".into(),
            scan_code: "TOP_PERC_GAIN".into(),
            ..ScannerSubscription::default()
        };
        client.req_scanner_subscription(7, &sub, &[], &[]).unwrap();
        assert!(log.wait_for("scanner_data_end", 7));
        client.cancel_scanner_subscription(7).unwrap();
        let calls = log.snapshot();
        let end = calls
            .iter()
            .position(|c| c.name == "scanner_data_end")
            .unwrap();
        let mut symbols: Vec<String> = calls[..end]
            .iter()
            .filter(|c| c.name == "scanner_data")
            .map(|c| c.arg(2)["contract"]["symbol"].as_str().unwrap().to_owned())
            .collect();
        symbols.sort();
        ours.insert("scanner_symbols".into(), json!(symbols));

        client.req_news_providers().unwrap();
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "news_providers")));
        let providers: Vec<Value> = log.named("news_providers")[0]
            .arg(0)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| json!([p["code"], p["name"]]))
            .collect();
        ours.insert("news_providers".into(), json!(providers));

        client
            .req_historical_news(
                10,
                8314,
                "BRFG+DJNL",
                "2026-11-01 00:00:00.0",
                "2026-11-02 00:00:00.0",
                50,
                &[],
            )
            .unwrap();
        assert!(log.wait_for("historical_news_end", 10));
        let news: Vec<Value> = log
            .named("historical_news")
            .iter()
            .map(|c| json!([c.arg(1), c.arg(2), c.arg(3), c.arg(4)]))
            .collect();
        ours.insert(
            "has_more".into(),
            log.named("historical_news_end")[0].arg(1).clone(),
        );
        let first = news[0].clone();
        ours.insert("historical_news".into(), json!(news));
        client
            .req_news_article(
                11,
                first[1].as_str().unwrap(),
                first[2].as_str().unwrap(),
                &[],
            )
            .unwrap();
        assert!(log.wait_for("news_article", 11));
        let a = &log.named("news_article")[0];
        ours.insert("article".into(), json!([a.arg(1), a.arg(2)]));

        let ibm = Contract {
            symbol: "IBM".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        };
        client
            .req_fundamental_data(12, &ibm, "ReportsFinSummary", &[])
            .unwrap();
        assert!(log.wait_for("fundamental_data", 12));
        ours.insert(
            "fundamental_data".into(),
            log.named("fundamental_data")[0].arg(1).clone(),
        );
        let wsh = WshEventData {
            con_id: 8314,
            start_date: "20260101".into(),
            end_date: "20261231".into(),
            ..WshEventData::default()
        };
        client.req_wsh_event_data(13, &wsh).unwrap();
        assert!(log.wait_for("wsh_event_data", 13));
        ours.insert(
            "wsh_event_data".into(),
            log.named("wsh_event_data")[0].arg(1).clone(),
        );
        client.query_display_groups(14).unwrap();
        assert!(log.wait_for("display_group_list", 14));
        ours.insert(
            "display_groups".into(),
            log.named("display_group_list")[0].arg(1).clone(),
        );
        client.req_user_info(15).unwrap();
        assert!(log.wait_for("user_info", 15));
        ours.insert(
            "white_branding_id".into(),
            log.named("user_info")[0].arg(1).clone(),
        );
        let errors: Vec<Value> = log
            .named("error")
            .iter()
            .filter(|c| !(2100..2200).contains(&c.arg(2).as_i64().unwrap_or(0)))
            .map(|c| json!([c.arg(0), c.arg(2), c.arg(3)]))
            .collect();
        ours.insert("errors".into(), json!(errors));
        client.disconnect();
        h.join().unwrap();

        let ours = Value::Object(ours);
        for (k, v) in official.as_object().unwrap() {
            // The scanner's cancel acknowledgement (162) may arrive after the
            // last answer on either side; compare the rest of the errors.
            if k == "errors" {
                let strip = |v: &Value| -> Vec<Value> {
                    v.as_array()
                        .unwrap()
                        .iter()
                        .filter(|e| e[1] != 162)
                        .cloned()
                        .collect()
                };
                assert_eq!(strip(v), strip(&ours[k]), "errors at {sv}");
                continue;
            }
            assert_eq!(v, &ours[k], "{k} at {sv}");
        }
    }
}

/// `OrderStatus` reads every text as 10.51.1's `OrderStatus.get` does, and
/// classes it the same (`is_active`, `is_terminal`).
#[test]
fn order_status_matches_the_official_enum() {
    let official = common::python::Official::Latest;
    if !official.available("OrderStatus against 10.51.1") {
        return;
    }
    let texts = [
        "ApiPending",
        "apicancelled",
        " PreSubmitted ",
        "PENDINGCANCEL",
        "Cancelled",
        "Submitted",
        "Filled",
        "Inactive",
        "PendingSubmit",
        "Unknown",
        "",
        "Partially Filled",
        "filled\t",
    ];
    let script = "import sys, json\nfrom ibapi.order_status import OrderStatus\n\
                  for t in json.loads(sys.argv[1]):\n    s = OrderStatus.get(t)\n    \
                  print(str(s), s.is_active(), s.is_terminal())";
    let out = official
        .python3()
        .args(["-c", script, &serde_json::to_string(&texts).unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
    let ours: String = texts
        .iter()
        .map(|t| {
            let s = tws_api::OrderStatus::get(t);
            let py = |b: bool| if b { "True" } else { "False" };
            format!("{s} {} {}\n", py(s.is_active()), py(s.is_terminal()))
        })
        .collect();
    assert_eq!(ours, theirs);
}
