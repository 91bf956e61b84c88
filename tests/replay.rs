//! Capture and replay (docs/replay.md), over loopback: a session recorded
//! from the simulated gateway replays to the same callbacks; the committed
//! fixtures (tests/data/transcripts/) replay to the callbacks of the live
//! run that recorded them; ids are remapped, unmatched requests get an
//! error naming the nearest recorded one, and a client at another server
//! version is refused.
//!
//! `REGENERATE_TRANSCRIPTS=1 cargo test --test replay regenerate` records
//! the fixtures again from the sim.

mod common;

use std::path::{Path, PathBuf};

use common::call_log::{Call, CallLog, CallRecorder};
use common::{init_logs, stock};
use serde_json::{json, Value};
use tws_api::sim::replay::{ReplayConfig, ReplayGateway, UNMATCHED_CODE};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::transcript::Transcript;
use tws_api::{Contract, Decimal, EClient, ExecutionFilter, Order};

type Scenario = fn(&EClient, &CallLog);

fn has(log: &CallLog, name: &'static str, req_id: i64) {
    assert!(log.wait_for(name, req_id), "no {name} for {req_id}");
}

fn connect_scenario(client: &EClient, log: &CallLog) {
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time")));
    client.req_managed_accts().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "managed_accounts").count() >= 2));
}

fn contracts_scenario(client: &EClient, log: &CallLog) {
    client
        .req_contract_details(11, &Contract::stock("AAPL", "SMART", "USD"))
        .unwrap();
    has(log, "contract_details_end", 11);
    client
        .req_contract_details(12, &stock("NOSUCHSYM"))
        .unwrap();
    has(log, "error", 12);
    client.req_matching_symbols(13, "MSF").unwrap();
    has(log, "symbol_samples", 13);
}

fn market_data_scenario(client: &EClient, log: &CallLog) {
    client
        .req_mkt_data(21, &stock("MSFT"), "", true, false, &[])
        .unwrap();
    has(log, "tick_snapshot_end", 21);
    client
        .req_mkt_data(22, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "tick_price" && c.arg(0).as_i64() == Some(22))
        .count()
        >= 4));
    client.cancel_mkt_data(22).unwrap();
}

fn historical_scenario(client: &EClient, log: &CallLog) {
    client
        .req_historical_data(
            31,
            &stock("AAPL"),
            "20250102 16:00:00 US/Eastern",
            "2 D",
            "1 hour",
            "TRADES",
            1,
            1,
            false,
            &[],
        )
        .unwrap();
    has(log, "historical_data_end", 31);
    client
        .req_head_time_stamp(32, &stock("IBM"), "TRADES", 1, 1)
        .unwrap();
    has(log, "head_timestamp", 32);
}

fn orders_scenario(client: &EClient, log: &CallLog) {
    let id = log
        .named("next_valid_id")
        .last()
        .and_then(|c| c.arg(0).as_i64())
        .unwrap() as i32;
    client
        .place_order(id, &stock("AAPL"), &Order::market("BUY", Decimal::from(10)))
        .unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "order_status"
        && c.arg(0).as_i64() == Some(i64::from(id))
        && c.arg(1) == "Filled")));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "commission_and_fees_report")));
    client
        .req_executions(41, &ExecutionFilter::default())
        .unwrap();
    has(log, "exec_details_end", 41);
    client.req_open_orders().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
}

fn account_scenario(client: &EClient, log: &CallLog) {
    client
        .req_account_summary(51, "All", "NetLiquidation,TotalCashValue,BuyingPower")
        .unwrap();
    has(log, "account_summary_end", 51);
    client.cancel_account_summary(51).unwrap();
    client.req_positions().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "position_end")));
    client.cancel_positions().unwrap();
    client.req_pnl(52, "DU1234567", "").unwrap();
    has(log, "pnl", 52);
    client.cancel_pnl(52).unwrap();
}

const DOMAINS: [(&str, Scenario); 6] = [
    ("connect", connect_scenario),
    ("contracts", contracts_scenario),
    ("market_data", market_data_scenario),
    ("historical", historical_scenario),
    ("orders", orders_scenario),
    ("account", account_scenario),
];

/// One session against `port`: connect, the scenario, a last round trip
/// (so that everything before it has arrived), disconnect. Its callbacks.
fn session(port: u16, capture: Option<(&Path, bool)>, scenario: Scenario) -> Vec<Call> {
    let client = EClient::new();
    if let Some((path, mask)) = capture {
        client.capture_to(path, mask).unwrap();
    }
    let (mut rec, log) = CallRecorder::new();
    client.connect("127.0.0.1", port, 0).expect("connects");
    let runner = client.clone();
    let handle = std::thread::spawn(move || runner.run(&mut rec));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "next_valid_id")));
    scenario(&client, &log);
    let before = log.named("current_time").len();
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() > before));
    client.disconnect();
    handle.join().unwrap();
    log.snapshot()
}

fn sim() -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        tick_interval: std::time::Duration::from_millis(5),
        ..SimConfig::default()
    })
    .expect("sim starts")
}

fn fast() -> ReplayConfig {
    ReplayConfig { time_scale: 0.0 }
}

fn as_json(calls: &[Call]) -> Value {
    Value::Array(
        calls
            .iter()
            .map(|c| json!({"name": c.name, "args": c.args}))
            .collect(),
    )
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tws-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fixture(name: &str, ext: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/transcripts")
        .join(format!("{name}.{ext}"))
}

#[test]
fn every_domain_replays_to_the_callbacks_of_its_live_run() {
    let gw = sim();
    for (name, scenario) in DOMAINS {
        let path = temp(&format!("{name}.tws"));
        let live = session(gw.port(), Some((&path, false)), scenario);
        let t = Transcript::read(&path).unwrap();
        // The file reads back to the same text.
        assert_eq!(t.to_text(), std::fs::read_to_string(&path).unwrap());
        let replay = ReplayGateway::start(&t, fast()).unwrap();
        let again = session(replay.port(), None, scenario);
        assert_eq!(as_json(&again), as_json(&live), "{name}");
        assert!(replay.unmatched().is_empty(), "{:?}", replay.unmatched());
    }
}

#[test]
fn committed_fixtures_replay_to_the_recorded_callbacks() {
    init_logs();
    for (name, scenario) in DOMAINS {
        let t = Transcript::read(fixture(name, "tws")).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(name, "calls.json")).unwrap())
                .unwrap();
        let replay = ReplayGateway::start(&t, fast()).unwrap();
        let calls = session(replay.port(), None, scenario);
        assert_eq!(as_json(&calls), expected, "{name}");
    }
}

/// Records the fixtures again (only with `REGENERATE_TRANSCRIPTS=1`).
#[test]
fn regenerate() {
    if std::env::var("REGENERATE_TRANSCRIPTS").is_err() {
        return;
    }
    let gw = sim();
    for (name, scenario) in DOMAINS {
        let path = fixture(name, "tws");
        let live = session(gw.port(), Some((&path, false)), scenario);
        let text = serde_json::to_string_pretty(&as_json(&live)).unwrap();
        std::fs::write(fixture(name, "calls.json"), text + "\n").unwrap();
    }
}

#[test]
fn request_and_order_ids_are_remapped_to_the_new_clients() {
    let gw = sim();
    let path = temp("remap.tws");
    session(gw.port(), Some((&path, false)), contracts_scenario);
    let replay = ReplayGateway::open(&path, fast()).unwrap();
    // The same requests under other ids.
    let shifted: Scenario = |client, log| {
        client
            .req_contract_details(711, &Contract::stock("AAPL", "SMART", "USD"))
            .unwrap();
        has(log, "contract_details_end", 711);
        client
            .req_contract_details(712, &stock("NOSUCHSYM"))
            .unwrap();
        assert!(log.wait_until(|c| c
            .iter()
            .any(|c| c.name == "error" && c.arg(0) == 712 && c.arg(2) == 200)));
        assert!(log
            .named("contract_details")
            .iter()
            .all(|c| c.arg(0) == 711));
    };
    session(replay.port(), None, shifted);
    assert!(replay.unmatched().is_empty(), "{:?}", replay.unmatched());
}

#[test]
fn an_unrecorded_request_gets_an_error_naming_the_nearest_recorded_one() {
    let gw = sim();
    let path = temp("unmatched.tws");
    session(gw.port(), Some((&path, false)), contracts_scenario);
    let replay = ReplayGateway::open(&path, fast()).unwrap();
    let other: Scenario = |client, log| {
        client
            .req_contract_details(5, &Contract::stock("MSFT", "SMART", "USD"))
            .unwrap();
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(0) == 5)));
        let e = log
            .named("error")
            .into_iter()
            .find(|c| c.arg(0) == 5)
            .unwrap();
        assert_eq!(e.arg(2).as_i64(), Some(i64::from(UNMATCHED_CODE)));
        let text = e.arg(3).as_str().unwrap_or_default().to_owned();
        assert!(text.contains("REQ_CONTRACT_DATA"), "{text}");
        let (here, there) = text.split_once(" here and ").unwrap();
        assert!(here.contains("MSFT") && there.contains("AAPL"), "{text}");
        client.req_scanner_parameters().unwrap();
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error"
            && c.arg(3)
                .as_str()
                .is_some_and(|t| t.contains("no such request")))));
    };
    session(replay.port(), None, other);
    assert_eq!(replay.unmatched().len(), 2, "{:?}", replay.unmatched());
}

#[test]
fn a_client_at_another_server_version_is_refused_clearly() {
    let gw = sim();
    let path = temp("version.tws");
    session(gw.port(), Some((&path, false)), connect_scenario);
    let replay = ReplayGateway::open(&path, fast()).unwrap();
    let client = EClient::new();
    client.set_max_server_version(187).unwrap();
    let e = client
        .connect("127.0.0.1", replay.port(), 0)
        .expect_err("refused");
    assert!(
        e.to_string()
            .contains(&tws_api::server_versions::MAX_CLIENT_VER.to_string()),
        "{e}"
    );
    assert!(common::call_log::wait(|| !replay.unmatched().is_empty()));
    let text = replay.unmatched().join("\n");
    assert!(
        text.contains("recorded at server version") && text.contains("100..187"),
        "{text}"
    );
}

#[test]
fn a_masked_capture_replays_with_the_placeholders() {
    let gw = sim();
    let path = temp("masked.tws");
    let live = session(gw.port(), Some((&path, true)), connect_scenario);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("DU1234567") && text.contains("DU0000001"),
        "{text}"
    );
    assert!(text.contains("#masked yes"));
    let replay = ReplayGateway::open(&path, fast()).unwrap();
    let again = session(replay.port(), None, connect_scenario);
    let unmask = |v: Value| -> Value {
        serde_json::from_str(&v.to_string().replace("DU1234567", "DU0000001")).unwrap()
    };
    assert_eq!(as_json(&again), unmask(as_json(&live)));
}

#[test]
fn the_recording_proxy_captures_any_client_and_recorded_timing_is_kept() {
    let gw = sim();
    let path = temp("proxy.tws");
    let proxy = tws_api::transcript::proxy::RecordingProxy::start(
        "127.0.0.1:0",
        &gw.addr().to_string(),
        path.clone(),
        false,
    )
    .unwrap();
    let live = session(proxy.addr().port(), None, historical_scenario);
    // The transcript is whole once the session has ended (the last answers
    // are flushed then).
    assert!(common::call_log::wait(|| proxy.sessions_finished() == 1));
    drop(proxy);
    let t = Transcript::read(&path).unwrap();
    assert!(t.ended, "a finished session's transcript ends with #end");
    let replay = ReplayGateway::start(&t, ReplayConfig { time_scale: 1.0 }).unwrap();
    let again = session(replay.port(), None, historical_scenario);
    assert_eq!(as_json(&again), as_json(&live));
}

#[test]
fn ib_capture_in_the_config_captures_an_ibclient_session() {
    let gw = sim();
    let path = temp("ibclient.tws");
    let config = tws_api::IBConfig::from_vars(|k| match k {
        "IB_PORT" => Some(gw.port().to_string()),
        "IB_CAPTURE" => Some(path.display().to_string()),
        "IB_CAPTURE_MASK" => Some("1".into()),
        _ => None,
    })
    .unwrap();
    let ib = tws_api::IBClient::new();
    ib.connect_config(&config).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(std::time::Duration::from_secs(20)));
    ib.current_time(std::time::Duration::from_secs(20)).unwrap();
    ib.disconnect();
    let t = Transcript::read(&path).unwrap();
    assert!(t.header.masked);
    let text = t.to_text();
    assert!(text.contains("\tC\tREQ_CURRENT_TIME"), "{text}");
    assert!(text.contains("\tS\tCURRENT_TIME"), "{text}");
}
