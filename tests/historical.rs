//! Historical bars, schedules, head timestamps, histograms, historical ticks,
//! real-time bars and the historical pacing rules, against the simulated gateway.

mod common;

use std::time::Duration;

use common::{connected_calls, init_logs, stock, Call};
use serde_json::Value;
use tws_api::messages::historical::PacingRules;
use tws_api::sim::{SimConfig, SimGateway};

fn gateway(config: SimConfig) -> SimGateway {
    init_logs();
    SimGateway::start(config).expect("sim starts")
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| v.to_string().parse().expect("a number"))
}

fn errors(calls: &[Call], req_id: i64) -> Vec<(i64, String)> {
    calls
        .iter()
        .filter(|c| c.name == "error" && c.arg(0).as_i64() == Some(req_id))
        .map(|c| {
            (
                c.arg(2).as_i64().unwrap(),
                c.arg(3).as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn wait_error(log: &common::CallLog, req_id: i64) -> (i64, String) {
    assert!(log.wait_until(|c| !errors(c, req_id).is_empty()));
    errors(&log.snapshot(), req_id).remove(0)
}

fn bars_of(log: &common::CallLog, req_id: i64) -> Vec<Value> {
    log.named("historical_data")
        .into_iter()
        .filter(|c| c.arg(0).as_i64() == Some(req_id))
        .map(|c| c.arg(1).clone())
        .collect()
}

#[test]
fn a_day_of_hour_bars_with_text_dates_then_the_end() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    let end = "20250102 16:00:00 US/Eastern";
    client
        .req_historical_data(
            7,
            &stock("AAPL"),
            end,
            "1 D",
            "1 hour",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_data_end", 7));
    let bars = bars_of(&log, 7);
    let dates: Vec<&str> = bars.iter().map(|b| b["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "20250102 09:30:00 US/Eastern",
            "20250102 10:00:00 US/Eastern",
            "20250102 11:00:00 US/Eastern",
            "20250102 12:00:00 US/Eastern",
            "20250102 13:00:00 US/Eastern",
            "20250102 14:00:00 US/Eastern",
            "20250102 15:00:00 US/Eastern",
        ]
    );
    for b in &bars {
        let (o, h, l, c) = (f(&b["open"]), f(&b["high"]), f(&b["low"]), f(&b["close"]));
        assert!(l <= o && o <= h && l <= c && c <= h, "{b}");
        assert!(f(&b["volume"]) > 0.0 && f(&b["wap"]) >= l && f(&b["wap"]) <= h);
        assert!(b["bar_count"].as_i64().unwrap() > 0);
    }
    let end_call = &log.named("historical_data_end")[0];
    assert_eq!(end_call.arg(1), "20250102 00:00:00 US/Eastern");
    assert_eq!(end_call.arg(2), "20250102 16:00:00 US/Eastern");
    // The same request gives the same bars.
    client
        .req_historical_data(
            8,
            &stock("AAPL"),
            end,
            "1 D",
            "1 hour",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_data_end", 8));
    assert_eq!(bars_of(&log, 8), bars);
}

#[test]
fn minute_bars_with_epoch_dates_all_hours_and_daily_bars() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    let end = "20250102 16:00:00 US/Eastern";
    client
        .req_historical_data(
            1,
            &stock("MSFT"),
            end,
            "1 D",
            "1 min",
            "MIDPOINT",
            1,
            2,
            false,
            &[],
        )
        .unwrap();
    client
        .req_historical_data(
            2,
            &stock("MSFT"),
            end,
            "1 D",
            "1 min",
            "MIDPOINT",
            0,
            2,
            false,
            &[],
        )
        .unwrap();
    client
        .req_historical_data(
            3,
            &stock("MSFT"),
            end,
            "2 W",
            "1 day",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_data_end", 3));
    assert!(log.wait_for("historical_data_end", 1) && log.wait_for("historical_data_end", 2));
    let rth = bars_of(&log, 1);
    assert_eq!(rth.len(), 390);
    // 2025-01-02 09:30 EST is 14:30 UTC.
    assert_eq!(rth[0]["date"], "1735828200");
    assert_eq!(rth[389]["date"], "1735851540");
    // Midpoint bars have no volume: -1, as TWS sends.
    assert_eq!(f(&rth[0]["volume"]), -1.0);
    assert_eq!(rth[0]["bar_count"], -1);
    // All hours from 04:00 to the 16:00 end: 720 minutes.
    assert_eq!(bars_of(&log, 2).len(), 720);
    let days: Vec<String> = bars_of(&log, 3)
        .iter()
        .map(|b| b["date"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(days.len(), 10);
    assert_eq!(days[0], "20241220");
    assert_eq!(days[9], "20250102");
}

#[test]
fn before_version_196_the_end_comes_inside_the_bars_message() {
    let gw = gateway(SimConfig {
        server_version: 187,
        ..SimConfig::default()
    });
    let (client, log, _h) = connected_calls(&gw, 0);
    assert_eq!(client.server_version(), 187);
    let end = "20250102 16:00:00 US/Eastern";
    client
        .req_historical_data(
            4,
            &stock("IBM"),
            end,
            "3600 S",
            "5 mins",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_data_end", 4));
    assert_eq!(bars_of(&log, 4).len(), 12);
    let e = &log.named("historical_data_end")[0];
    assert_eq!(e.arg(1), "20250102 15:00:00 US/Eastern");
    assert_eq!(e.arg(2), "20250102 16:00:00 US/Eastern");
}

#[test]
fn keep_up_to_date_updates_the_last_bar_until_cancelled() {
    let gw = gateway(SimConfig {
        clock_speed: 200.0,
        ..SimConfig::default()
    });
    let (client, log, _h) = connected_calls(&gw, 0);
    client
        .req_historical_data(
            5,
            &stock("SPY"),
            "",
            "1 D",
            "1 hour",
            "TRADES",
            0,
            2,
            true,
            &[],
        )
        .unwrap();
    assert!(log.wait_until(|c| {
        c.iter()
            .filter(|c| c.name == "historical_data_update" && c.arg(0) == 5)
            .count()
            >= 3
    }));
    let u = &log.named("historical_data_update")[0];
    let b = u.arg(1);
    let (o, h, l, c) = (f(&b["open"]), f(&b["high"]), f(&b["low"]), f(&b["close"]));
    assert!(l <= o && o <= h && l <= c && c <= h);
    let start: i64 = b["date"].as_str().unwrap().parse().unwrap();
    assert_eq!(start % 3600, 0);
    client.cancel_historical_data(5).unwrap();
    // After the cancel and a round trip, no more updates come.
    client
        .req_head_time_stamp(99, &stock("SPY"), "TRADES", 1, 2)
        .unwrap();
    assert!(log.wait_for("head_timestamp", 99));
    let n = log.named("historical_data_update").len();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(log.named("historical_data_update").len(), n);
    // An end date with updates is refused.
    client
        .req_historical_data(
            6,
            &stock("SPY"),
            "20250102 16:00:00",
            "1800 S",
            "1 min",
            "TRADES",
            0,
            2,
            true,
            &[],
        )
        .unwrap();
    assert_eq!(wait_error(&log, 6).0, 321);
}

#[test]
fn invalid_requests_get_tws_errors() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    let end = "20250102 16:00:00 US/Eastern";
    client
        .req_historical_data(
            1,
            &stock("AAPL"),
            end,
            "1 D",
            "7 mins",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    let (code, text) = wait_error(&log, 1);
    assert_eq!(code, 321);
    assert!(text.starts_with(
        "Error validating request.-'bK' : cause - Historical data bar size setting is invalid. Legal ones are: 1 secs, 5 secs,"
    ));
    client
        .req_historical_data(
            2,
            &stock("AAPL"),
            end,
            "400 D",
            "1 day",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    let (code, text) = wait_error(&log, 2);
    assert_eq!(code, 321);
    assert!(text.ends_with("durations longer than 365 days must be made in years."));
    // A Sunday has no data.
    client
        .req_historical_data(
            3,
            &stock("AAPL"),
            "20250105 12:00:00",
            "3600 S",
            "1 min",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert_eq!(
        wait_error(&log, 3),
        (
            162,
            "Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades".into()
        )
    );
    assert!(bars_of(&log, 3).is_empty());
}

#[test]
fn schedule_lists_the_sessions() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    client
        .req_historical_data(
            9,
            &stock("AAPL"),
            "20250103 16:00:00",
            "1 W",
            "1 day",
            "SCHEDULE",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_schedule", 9));
    let c = &log.named("historical_schedule")[0];
    assert_eq!(c.arg(3), "US/Eastern");
    let sessions = c.arg(4).as_array().unwrap();
    // 2024-12-27 to 2025-01-03: six weekdays (no holidays in the sim).
    assert_eq!(sessions.len(), 6);
    assert_eq!(sessions[5]["start_date_time"], "20250103-09:30:00");
    assert_eq!(sessions[5]["end_date_time"], "20250103-16:00:00");
    assert_eq!(sessions[5]["ref_date"], "20250103");
}

#[test]
fn head_timestamp_histogram_and_historical_ticks() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    client
        .req_head_time_stamp(1, &stock("AAPL"), "TRADES", 1, 1)
        .unwrap();
    client
        .req_head_time_stamp(2, &stock("AAPL"), "TRADES", 1, 2)
        .unwrap();
    client
        .req_histogram_data(3, &stock("AAPL"), true, "3 days")
        .unwrap();
    let start = "20250102 09:30:00 US/Eastern";
    client
        .req_historical_ticks(4, &stock("AAPL"), start, "", 100, "TRADES", 1, true, &[])
        .unwrap();
    client
        .req_historical_ticks(5, &stock("AAPL"), start, "", 50, "BID_ASK", 1, true, &[])
        .unwrap();
    client
        .req_historical_ticks(
            6,
            &stock("AAPL"),
            "",
            "20250102 16:00:00 US/Eastern",
            20,
            "MIDPOINT",
            1,
            true,
            &[],
        )
        .unwrap();
    for (name, id) in [
        ("head_timestamp", 2),
        ("histogram_data", 3),
        ("historical_ticks_last", 4),
        ("historical_ticks_bid_ask", 5),
        ("historical_ticks", 6),
    ] {
        assert!(log.wait_for(name, id), "{name}");
    }
    let heads = log.named("head_timestamp");
    assert_eq!(heads[0].arg(1), "19801212 09:30:00");
    assert_eq!(heads[1].arg(1), "345479400");
    let hist = log.named("histogram_data")[0]
        .arg(1)
        .as_array()
        .unwrap()
        .clone();
    assert!(!hist.is_empty());
    assert!(hist
        .windows(2)
        .all(|w| f(&w[0]["price"]) < f(&w[1]["price"])));
    let last = &log.named("historical_ticks_last")[0];
    let ticks = last.arg(1).as_array().unwrap();
    assert_eq!(ticks.len(), 100);
    assert_eq!(last.arg(2), true);
    assert_eq!(ticks[0]["time"], 1735828200);
    assert!(ticks
        .windows(2)
        .all(|w| w[0]["time"].as_i64() < w[1]["time"].as_i64()));
    assert!(ticks
        .iter()
        .all(|t| !t["exchange"].as_str().unwrap().is_empty()));
    let ba = log.named("historical_ticks_bid_ask")[0]
        .arg(1)
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(ba.len(), 50);
    assert!(ba.iter().all(|t| f(&t["price_bid"]) < f(&t["price_ask"])));
    let mid = &log.named("historical_ticks")[0];
    let mid_ticks = mid.arg(1).as_array().unwrap();
    assert_eq!(mid_ticks.len(), 20);
    // Up to the end: the last tick is just before 16:00 (21:00 UTC).
    let last_time = mid_ticks[19]["time"].as_i64().unwrap();
    assert!(last_time < 1735851600 && last_time > 1735851500);
}

#[test]
fn real_time_bars_every_five_sim_seconds_until_cancelled() {
    let gw = gateway(SimConfig {
        clock_speed: 100.0,
        ..SimConfig::default()
    });
    let (client, log, _h) = connected_calls(&gw, 0);
    client
        .req_real_time_bars(3, &stock("AAPL"), 5, "TRADES", false, &[])
        .unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "realtime_bar").count() >= 3));
    let bars = log.named("realtime_bar");
    let t0 = bars[0].arg(1).as_i64().unwrap();
    assert_eq!(t0 % 5, 0);
    assert_eq!(bars[1].arg(1).as_i64().unwrap(), t0 + 5);
    assert_eq!(bars[2].arg(1).as_i64().unwrap(), t0 + 10);
    for b in &bars {
        let (o, h, l, c) = (f(b.arg(2)), f(b.arg(3)), f(b.arg(4)), f(b.arg(5)));
        assert!(l <= o && o <= h && l <= c && c <= h);
        assert!(f(b.arg(6)) > 0.0 && b.arg(8).as_i64().unwrap() > 0);
    }
    client.cancel_real_time_bars(3).unwrap();
    client
        .req_head_time_stamp(98, &stock("SPY"), "TRADES", 1, 2)
        .unwrap();
    assert!(log.wait_for("head_timestamp", 98));
    let n = log.named("realtime_bar").len();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(log.named("realtime_bar").len(), n);
    // Only 5-second bars exist.
    client
        .req_real_time_bars(4, &stock("AAPL"), 10, "TRADES", false, &[])
        .unwrap();
    assert_eq!(wait_error(&log, 4).0, 321);
}

const PACING: &str =
    "Historical Market Data Service error message:Historical data request pacing violation";

#[test]
fn the_sim_enforces_the_pacing_rules() {
    let gw = gateway(SimConfig {
        historical_pacing: Some(PacingRules::IB),
        ..SimConfig::default()
    });
    let (client, log, _h) = connected_calls(&gw, 0);
    let end = |i: i32| format!("20250102 {:02}:00:00", 10 + i);
    // Six for one contract and tick type go; the seventh within 2 s does not.
    for i in 0..7 {
        client
            .req_historical_data(
                10 + i,
                &stock("AAPL"),
                &end(i),
                "1800 S",
                "1 min",
                "TRADES",
                1,
                1,
                false,
                &[],
            )
            .unwrap();
    }
    assert_eq!(wait_error(&log, 16), (162, PACING.into()));
    for i in 10..16 {
        assert!(log.wait_for("historical_data_end", i));
    }
    // An identical request within 15 s.
    client
        .req_historical_data(
            20,
            &stock("IBM"),
            &end(0),
            "1800 S",
            "1 min",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    client
        .req_historical_data(
            21,
            &stock("IBM"),
            &end(0),
            "1800 S",
            "1 min",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_data_end", 20));
    assert_eq!(wait_error(&log, 21), (162, PACING.into()));
}

/// 200 historical requests, as a burst: the sim (enforcing the rules with
/// windows scaled down so the test is quick) refuses some; through the
/// client's historical pacer, every one completes.
#[test]
fn the_client_pacer_keeps_a_burst_within_the_rules() {
    let rules = PacingRules {
        margin: Duration::from_millis(25),
        ..PacingRules::IB.scaled(0.003)
    };
    let gw = gateway(SimConfig {
        historical_pacing: Some(rules),
        ..SimConfig::default()
    });
    let symbols = ["AAPL", "MSFT", "IBM", "SPY"];
    let burst = |client: &tws_api::EClient, base: i32| {
        for i in 0..200 {
            let end = format!("20250102 {:02}:{:02}:00", 10 + i % 6, i / 6);
            client
                .req_historical_data(
                    base + i,
                    &stock(symbols[i as usize % 4]),
                    &end,
                    "600 S",
                    "1 min",
                    "TRADES",
                    1,
                    1,
                    false,
                    &[],
                )
                .unwrap();
        }
    };
    let done = |calls: &[Call], base: i64| {
        (base..base + 200).all(|id| {
            calls.iter().any(|c| {
                c.arg(0).as_i64() == Some(id)
                    && (c.name == "historical_data_end" || c.name == "error")
            })
        })
    };
    // Without the pacer: pacing violations.
    let (client, log, _h) = connected_calls(&gw, 1);
    burst(&client, 1000);
    assert!(log.wait_until(|c| done(c, 1000)));
    let refused = log
        .named("error")
        .iter()
        .filter(|c| c.arg(2) == 162 && c.arg(3) == PACING)
        .count();
    assert!(refused > 0);
    client.disconnect();
    // With it: none.
    let (client, log, _h) = connected_calls(&gw, 2);
    client.set_historical_pacing(Some(rules));
    burst(&client, 5000);
    assert!(log.wait_until(|c| done(c, 5000)));
    assert!(
        log.named("error").iter().all(|c| c.arg(2) != 162),
        "{:?}",
        log.named("error")
    );
    assert_eq!(log.named("historical_data_end").len(), 200);
}

/// The official Python client and ours make the same historical requests to
/// the sim and get the same answers (tests/python/historical_check.py).
#[test]
fn the_official_python_client_gets_the_same_answers() {
    for official in common::python::official_clients("the official client's historical requests") {
        the_official_python_client_gets_the_same_answers_with(official);
    }
}

fn the_official_python_client_gets_the_same_answers_with(official: common::python::Official) {
    let gw = gateway(SimConfig::default());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/historical_check.py"
    );
    let out = official
        .python3()
        .args([script, "--port", &gw.port().to_string()])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();

    let (client, log, _h) = connected_calls(&gw, 8);
    let end = "20250102 16:00:00 US/Eastern";
    let (aapl, msft) = (stock("AAPL"), stock("MSFT"));
    client
        .req_historical_data(1, &aapl, end, "1 D", "1 hour", "TRADES", 1, 1, false, &[])
        .unwrap();
    client
        .req_historical_data(
            2,
            &msft,
            end,
            "3600 S",
            "5 mins",
            "MIDPOINT",
            1,
            2,
            false,
            &[],
        )
        .unwrap();
    client
        .req_historical_data(
            3,
            &aapl,
            "20250103 16:00:00",
            "1 W",
            "1 day",
            "SCHEDULE",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    client
        .req_head_time_stamp(4, &aapl, "TRADES", 1, 1)
        .unwrap();
    let start = "20250102 09:30:00 US/Eastern";
    client
        .req_historical_ticks(5, &aapl, start, "", 20, "TRADES", 1, true, &[])
        .unwrap();
    client
        .req_historical_ticks(6, &aapl, start, "", 20, "BID_ASK", 1, true, &[])
        .unwrap();
    client
        .req_historical_ticks(7, &aapl, "", end, 20, "MIDPOINT", 1, true, &[])
        .unwrap();
    client
        .req_historical_data(8, &aapl, end, "1 D", "7 mins", "TRADES", 1, 1, false, &[])
        .unwrap();
    let finished = |c: &[Call], id: i64| {
        c.iter().any(|c| {
            c.arg(0).as_i64() == Some(id)
                && matches!(
                    c.name,
                    "historical_data_end"
                        | "historical_schedule"
                        | "head_timestamp"
                        | "historical_ticks"
                        | "historical_ticks_bid_ask"
                        | "historical_ticks_last"
                        | "error"
                )
        })
    };
    assert!(log.wait_until(|c| (1..=8).all(|id| finished(c, id))));

    // Ours, in the script's form.
    let n = |v: &Value| v.to_string().trim_matches('"').to_owned();
    let mut ours: Vec<Value> = Vec::new();
    for c in log.snapshot() {
        let id = c.arg(0).clone();
        let v = c.arg(1);
        let value = match c.name {
            "historical_data" => serde_json::json!([
                v["date"],
                n(&v["open"]),
                n(&v["high"]),
                n(&v["low"]),
                n(&v["close"]),
                n(&v["volume"]),
                n(&v["wap"]),
                v["bar_count"]
            ]),
            "historical_data_end" => serde_json::json!([c.arg(1), c.arg(2)]),
            "historical_schedule" => {
                let sessions: Vec<Value> = c
                    .arg(4)
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        serde_json::json!([s["start_date_time"], s["end_date_time"], s["ref_date"]])
                    })
                    .collect();
                serde_json::json!([c.arg(1), c.arg(2), c.arg(3), sessions])
            }
            "head_timestamp" => c.arg(1).clone(),
            "historical_ticks" | "historical_ticks_bid_ask" | "historical_ticks_last" => {
                let mut list: Vec<Value> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| match c.name {
                        "historical_ticks" => {
                            serde_json::json!([t["time"], n(&t["price"]), n(&t["size"])])
                        }
                        "historical_ticks_bid_ask" => serde_json::json!([
                            t["time"],
                            n(&t["price_bid"]),
                            n(&t["price_ask"]),
                            n(&t["size_bid"]),
                            n(&t["size_ask"])
                        ]),
                        _ => serde_json::json!([
                            t["time"],
                            n(&t["price"]),
                            n(&t["size"]),
                            t["exchange"],
                            t["special_conditions"],
                            t["tick_attrib_last"]["unreported"]
                        ]),
                    })
                    .collect();
                list.push(c.arg(2).clone());
                Value::Array(list)
            }
            "error" if id.as_i64().unwrap_or(-1) > 0 => serde_json::json!([c.arg(2), c.arg(3)]),
            _ => continue,
        };
        ours.push(serde_json::json!([c.name, id, value]));
    }
    let key = |v: &Value| {
        (
            v[1].as_i64().unwrap_or(0),
            v[0].as_str().unwrap_or("").to_owned(),
        )
    };
    let mut theirs = theirs;
    theirs.sort_by_key(key);
    ours.sort_by_key(key);
    assert!(theirs.len() > 20, "{theirs:?}");
    assert_eq!(ours.len(), theirs.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a, b);
    }
}

#[test]
fn contracts_come_from_the_universe() {
    let gw = gateway(SimConfig::default());
    let (client, log, _h) = connected_calls(&gw, 0);
    let end = "20250102 16:00:00 US/Eastern";
    let by_id = tws_api::Contract {
        con_id: 265598,
        exchange: "SMART".into(),
        ..tws_api::Contract::default()
    };
    client
        .req_historical_data(
            1,
            &stock("AAPL"),
            end,
            "1 D",
            "1 hour",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    client
        .req_historical_data(2, &by_id, end, "1 D", "1 hour", "TRADES", 1, 1, false, &[])
        .unwrap();
    client
        .req_historical_data(
            3,
            &stock("NOSUCH"),
            end,
            "1 D",
            "1 hour",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    let eur = tws_api::Contract {
        symbol: "EUR".into(),
        sec_type: "CASH".into(),
        exchange: "IDEALPRO".into(),
        currency: "USD".into(),
        ..tws_api::Contract::default()
    };
    client
        .req_historical_data(4, &eur, end, "3600 S", "5 mins", "BID", 0, 1, false, &[])
        .unwrap();
    assert!(log.wait_for("historical_data_end", 1) && log.wait_for("historical_data_end", 2));
    assert!(log.wait_for("historical_data_end", 4));
    assert_eq!(bars_of(&log, 1), bars_of(&log, 2));
    assert_eq!(
        wait_error(&log, 3),
        (
            200,
            "No security definition has been found for the request".into()
        )
    );
    // EUR.USD around its reference price, in its own increments.
    let eur_bars = bars_of(&log, 4);
    assert_eq!(eur_bars.len(), 12);
    for b in &eur_bars {
        let close = f(&b["close"]);
        assert!(close > 1.0 && close < 1.2, "{b}");
        assert!(((close / 0.00005).round() * 0.00005 - close).abs() < 1e-9);
    }
}
