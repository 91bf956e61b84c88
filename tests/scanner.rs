//! reqScannerParameters / reqScannerSubscription / cancelScannerSubscription
//! against the simulated gateway.

mod common;

use std::time::Duration;

use common::{connected_calls, init_logs};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{ScannerSubscription, TagValue};

fn gateway() -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        scanner_interval: Duration::from_millis(20),
        ..SimConfig::default()
    })
    .unwrap()
}

fn top_gainers(rows: i32) -> ScannerSubscription {
    ScannerSubscription {
        number_of_rows: rows,
        instrument: "STK".into(),
        location_code: "STK.US.MAJOR".into(),
        scan_code: "TOP_PERC_GAIN".into(),
        ..ScannerSubscription::default()
    }
}

#[test]
fn scanner_parameters_is_a_large_xml_document() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client.req_scanner_parameters().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "scanner_parameters")));
    let xml = log.named("scanner_parameters")[0]
        .arg(0)
        .as_str()
        .unwrap()
        .to_owned();
    assert!(xml.len() > 200 * 1024, "{} bytes", xml.len());
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<scanCode>TOP_PERC_GAIN</scanCode>"));
    assert!(xml.contains("<locationCode>STK.US.MAJOR</locationCode>"));
    assert!(xml.trim_end().ends_with("</ScanParameterResponse>"));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn subscription_sends_ranked_rows_then_end_and_refreshes_until_cancelled() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_scanner_subscription(7, &top_gainers(10), &[], &[])
        .unwrap();
    assert!(log.wait_for("scanner_data_end", 7));
    let calls = log.snapshot();
    let end = calls
        .iter()
        .position(|c| c.name == "scanner_data_end")
        .unwrap();
    let rows: Vec<_> = calls[..end]
        .iter()
        .filter(|c| c.name == "scanner_data")
        .collect();
    assert_eq!(rows.len(), 10);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.arg(0), 7);
        assert_eq!(row.arg(1), i as i64, "ranks in order");
        let c = &row.arg(2)["contract"];
        assert_eq!(c["sec_type"], "STK");
        assert_eq!(c["currency"], "USD");
        assert_eq!(c["exchange"], "SMART");
        assert!(c["con_id"].as_i64().unwrap() > 0);
        assert_eq!(row.arg(6), "");
    }
    let symbols: Vec<&str> = rows
        .iter()
        .map(|r| r.arg(2)["contract"]["symbol"].as_str().unwrap())
        .collect();
    // Refreshes come on the timer.
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "scanner_data_end").count() >= 3));

    // The losers' scan puts the last gainer first.
    client
        .req_scanner_subscription(
            8,
            &ScannerSubscription {
                scan_code: "TOP_PERC_LOSE".into(),
                number_of_rows: -1,
                ..top_gainers(0)
            },
            &[],
            &[],
        )
        .unwrap();
    assert!(log.wait_for("scanner_data_end", 8));
    let losers: Vec<_> = log
        .named("scanner_data")
        .into_iter()
        .filter(|c| c.arg(0) == 8)
        .collect();
    assert!(
        losers.len() >= 20,
        "all rows without a limit: {}",
        losers.len()
    );
    assert!(!symbols.contains(&losers[0].arg(2)["contract"]["symbol"].as_str().unwrap()));

    client.cancel_scanner_subscription(7).unwrap();
    client.cancel_scanner_subscription(8).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 162)
        .count()
        == 2));
    let ack = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(0) == 7)
        .unwrap();
    assert!(ack
        .arg(3)
        .as_str()
        .unwrap()
        .contains("API scanner subscription cancelled: 7"));
    // Nothing after the cancel: a round trip is the barrier.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time")));
    let ends = log.named("scanner_data_end").len();
    std::thread::sleep(Duration::from_millis(100)); // five refresh intervals
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() == 2));
    assert_eq!(log.named("scanner_data_end").len(), ends);
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn filters_apply_and_unknown_codes_are_refused() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    let filters = [TagValue::new("priceAbove", "150")];
    client
        .req_scanner_subscription(3, &top_gainers(50), &[], &filters)
        .unwrap();
    assert!(log.wait_for("scanner_data_end", 3));
    // Every row passed the price filter: its price is above 150 in the sim's
    // price model, which the rows do not carry; at least the set is smaller.
    let filtered = log.named("scanner_data").len();
    client
        .req_scanner_subscription(4, &top_gainers(50), &[], &[])
        .unwrap();
    assert!(log.wait_for("scanner_data_end", 4));
    let all = log
        .named("scanner_data")
        .into_iter()
        .filter(|c| c.arg(0) == 4)
        .count();
    assert!(filtered < all, "{filtered} < {all}");

    let bad = ScannerSubscription {
        scan_code: "NO_SUCH_SCAN".into(),
        ..top_gainers(5)
    };
    client.req_scanner_subscription(5, &bad, &[], &[]).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(0) == 5 && c.arg(2) == 162)));
    client
        .req_scanner_subscription(6, &top_gainers(5), &[], &[TagValue::new("bogus", "1")])
        .unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(0) == 6 && c.arg(2) == 162)));
    assert!(!log
        .named("scanner_data_end")
        .iter()
        .any(|c| c.arg(0) == 5 || c.arg(0) == 6));
    client.disconnect();
    h.join().unwrap();
}
