//! Account values, portfolio, positions, summaries, PnL, family codes,
//! soft-dollar tiers and FA against the simulated gateway, through the public
//! API, asserting on the callbacks' arguments.
//!
//! No order is filled here (that is the order domain's), so the accounts are
//! all cash: 1,000,000 USD and no positions.

mod common;

use common::call_log::{connected_calls, Call, CallLog};
use serde_json::Value;
use tws_api::model::{AccountSummaryTags, UNSET_DOUBLE};
use tws_api::sim::{SimConfig, SimGateway};

const ACCOUNT: &str = "DU1234567";

fn gateway() -> SimGateway {
    common::init_logs();
    SimGateway::start(SimConfig {
        farm_notices: false,
        ..SimConfig::default()
    })
    .unwrap()
}

fn advisor() -> SimGateway {
    common::init_logs();
    SimGateway::start(SimConfig {
        farm_notices: false,
        advisor: true,
        accounts: vec!["F7654321".into(), "DU111".into(), "DU222".into()],
        ..SimConfig::default()
    })
    .unwrap()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn wait_named(log: &CallLog, name: &str) -> bool {
    log.wait_until(|c| c.iter().any(|c| c.name == name))
}

/// The `update_account_value` with `key` and `currency`.
fn account_value<'a>(calls: &'a [Call], key: &str, currency: &str) -> Option<&'a Call> {
    calls
        .iter()
        .find(|c| c.name == "update_account_value" && s(c.arg(0)) == key && s(c.arg(2)) == currency)
}

#[test]
fn account_updates_send_every_value_then_the_time_then_the_end() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_account_updates(true, "").unwrap();
    assert!(wait_named(&log, "account_download_end"));
    let calls = log.snapshot();
    let end = calls
        .iter()
        .position(|c| c.name == "account_download_end")
        .unwrap();
    assert_eq!(s(calls[end].arg(0)), ACCOUNT);
    let time = calls
        .iter()
        .position(|c| c.name == "update_account_time")
        .unwrap();
    assert!(time < end);
    let ts = s(calls[time].arg(0));
    assert!(ts.len() == 5 && &ts[2..3] == ":", "{ts}");
    for (key, currency, value) in [
        ("NetLiquidation", "USD", "1000000.00"),
        ("TotalCashValue", "USD", "1000000.00"),
        ("BuyingPower", "USD", "4000000.00"),
        ("AvailableFunds", "USD", "1000000.00"),
        ("ExcessLiquidity", "USD", "1000000.00"),
        ("GrossPositionValue", "USD", "0.00"),
        ("InitMarginReq", "USD", "0.00"),
        ("MaintMarginReq", "USD", "0.00"),
        ("CashBalance", "BASE", "1000000.00"),
        ("CashBalance", "USD", "1000000.00"),
        ("UnrealizedPnL", "BASE", "0.00"),
        ("RealizedPnL", "USD", "0.00"),
        ("AccountCode", "", ACCOUNT),
        ("AccountType", "", "INDIVIDUAL"),
        ("RealCurrency", "BASE", "USD"),
    ] {
        let c = account_value(&calls[..end], key, currency)
            .unwrap_or_else(|| panic!("no {key} in {currency}"));
        assert_eq!(s(c.arg(1)), value, "{key} {currency}");
        assert_eq!(s(c.arg(3)), ACCOUNT);
    }
    assert!(calls.iter().all(|c| c.name != "update_portfolio"));
    client.req_account_updates(false, ACCOUNT).unwrap();
}

#[test]
fn account_summary_of_every_tag_and_the_ledgers() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client
        .req_account_summary(9001, "All", AccountSummaryTags::ALL_TAGS)
        .unwrap();
    assert!(log.wait_for("account_summary_end", 9001));
    let rows = log.named("account_summary");
    let row = |tag: &str| {
        rows.iter()
            .find(|c| s(c.arg(2)) == tag)
            .unwrap_or_else(|| panic!("no {tag}"))
    };
    let nl = row("NetLiquidation");
    assert_eq!(nl.arg(0).as_i64(), Some(9001));
    assert_eq!(s(nl.arg(1)), ACCOUNT);
    assert_eq!(s(nl.arg(3)), "1000000.00");
    assert_eq!(s(nl.arg(4)), "USD");
    assert_eq!(s(row("AccountType").arg(3)), "INDIVIDUAL");
    assert_eq!(s(row("AccountType").arg(4)), "");
    assert_eq!(s(row("BuyingPower").arg(3)), "4000000.00");
    assert_eq!(s(row("Cushion").arg(4)), "");
    assert_eq!(s(row("DayTradesRemaining").arg(3)), "-1");
    // One row per tag of the official list.
    assert_eq!(
        rows.len(),
        AccountSummaryTags::ALL_TAGS.split(',').count(),
        "{rows:?}"
    );

    client
        .req_account_summary(9002, "All", "$LEDGER:ALL")
        .unwrap();
    client.req_account_summary(9003, "All", "$LEDGER").unwrap();
    client
        .req_account_summary(9004, "All", "$LEDGER:USD,NoSuchTag")
        .unwrap();
    assert!(log.wait_for("account_summary_end", 9004));
    let of = |id: i64| -> Vec<Call> {
        log.named("account_summary")
            .into_iter()
            .filter(|c| c.arg(0).as_i64() == Some(id))
            .collect()
    };
    let all = of(9002);
    let cash: Vec<(&str, &str)> = all
        .iter()
        .filter(|c| s(c.arg(2)) == "CashBalance")
        .map(|c| (s(c.arg(3)), s(c.arg(4))))
        .collect();
    assert_eq!(cash, [("1000000.00", "BASE"), ("1000000.00", "USD")]);
    assert!(of(9003).iter().all(|c| s(c.arg(4)) == "BASE"));
    assert!(of(9003)
        .iter()
        .any(|c| s(c.arg(2)) == "NetLiquidationByCurrency"));
    let usd = of(9004);
    assert!(!usd.is_empty() && usd.iter().all(|c| s(c.arg(4)) == "USD"));
    for id in 9001..=9004 {
        client.cancel_account_summary(id).unwrap();
    }
}

#[test]
fn positions_and_multi_streams_end_also_when_empty() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_positions().unwrap();
    assert!(wait_named(&log, "position_end"));
    assert!(log.named("position").is_empty());
    client.req_positions_multi(3, ACCOUNT, "").unwrap();
    assert!(log.wait_for("position_multi_end", 3));
    assert!(log.named("position_multi").is_empty());

    client
        .req_account_updates_multi(4, ACCOUNT, "", false)
        .unwrap();
    assert!(log.wait_for("account_update_multi_end", 4));
    let values = log.named("account_update_multi");
    let nl = values
        .iter()
        .find(|c| s(c.arg(3)) == "NetLiquidation")
        .unwrap();
    assert_eq!(nl.arg(0).as_i64(), Some(4));
    assert_eq!(s(nl.arg(1)), ACCOUNT);
    assert_eq!(s(nl.arg(2)), "");
    assert_eq!(s(nl.arg(4)), "1000000.00");
    assert_eq!(s(nl.arg(5)), "USD");
    assert!(values.iter().any(|c| s(c.arg(3)) == "InitMarginReq"));

    log.clear();
    client
        .req_account_updates_multi(5, ACCOUNT, "", true)
        .unwrap();
    assert!(log.wait_for("account_update_multi_end", 5));
    let ledger = log.named("account_update_multi");
    assert!(ledger.iter().any(|c| s(c.arg(3)) == "NetLiquidation"));
    assert!(ledger.iter().any(|c| s(c.arg(3)) == "CashBalance"));
    assert!(ledger.iter().all(|c| s(c.arg(3)) != "InitMarginReq"));

    // A model code the sim does not know: no values, but the end marker.
    client.req_positions_multi(6, ACCOUNT, "MODEL1").unwrap();
    client
        .req_account_updates_multi(7, ACCOUNT, "MODEL1", false)
        .unwrap();
    assert!(log.wait_for("account_update_multi_end", 7));
    assert!(log.wait_for("position_multi_end", 6));

    client.cancel_positions().unwrap();
    client.cancel_positions_multi(3).unwrap();
    client.cancel_account_updates_multi(4).unwrap();
}

#[test]
fn pnl_of_an_all_cash_account_and_of_a_position_never_held() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_pnl(5, ACCOUNT, "").unwrap();
    assert!(log.wait_for("pnl", 5));
    let p = &log.named("pnl")[0];
    assert_eq!([f(p.arg(1)), f(p.arg(2)), f(p.arg(3))], [0.0, 0.0, 0.0]);

    client.req_pnl_single(6, ACCOUNT, "", 265598).unwrap();
    assert!(log.wait_for("pnl_single", 6));
    let p = &log.named("pnl_single")[0];
    assert_eq!(f(p.arg(1)), 0.0);
    for i in 2..=5 {
        assert_eq!(f(p.arg(i)), UNSET_DOUBLE, "argument {i}");
    }
    client.cancel_pnl(5).unwrap();
    client.cancel_pnl_single(6).unwrap();
}

#[test]
fn family_codes_and_soft_dollar_tiers() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_family_codes().unwrap();
    client.req_soft_dollar_tiers(8).unwrap();
    assert!(log.wait_for("soft_dollar_tiers", 8));
    assert!(wait_named(&log, "family_codes"));
    let codes = &log.named("family_codes")[0];
    assert_eq!(s(&codes.arg(0)[0]["account_id"]), ACCOUNT);
    assert_eq!(
        log.named("soft_dollar_tiers")[0].arg(1),
        &Value::Array(vec![])
    );
}

#[test]
fn fa_requests_on_a_plain_account_get_tws_error_321() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.request_fa(1).unwrap();
    client
        .replace_fa(7, 1, "<?xml version=\"1.0\"?><ListOfGroups/>")
        .unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "error").count() >= 2));
    let errors = log.named("error");
    assert_eq!(errors[0].arg(0).as_i64(), Some(-1));
    assert_eq!(errors[0].arg(2).as_i64(), Some(321));
    assert!(s(errors[0].arg(3)).contains("FA data operations ignored for non FA customers"));
    assert_eq!(errors[1].arg(0).as_i64(), Some(7));
    assert_eq!(errors[1].arg(2).as_i64(), Some(321));

    // From server version 211 profiles are sent (as 10.51.1 sends them in
    // protobuf), and answered as any FA request of a plain account.
    client.request_fa(2).unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "error").count() >= 3));
    assert_eq!(log.named("error")[2].arg(2).as_i64(), Some(321));

    // Below it, from 177, the client refuses them itself.
    let gw = SimGateway::start(SimConfig {
        farm_notices: false,
        server_version: 210,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, _h) = connected_calls(&gw, 1);
    let e = client.request_fa(2).unwrap_err();
    assert_eq!(e.code(), 585);
    assert!(log.wait_until(|c| c
        .iter()
        .any(|c| c.name == "error" && c.arg(2).as_i64() == Some(585))));
}

#[test]
fn an_advisor_gets_its_groups_and_aliases_and_can_replace_them() {
    let gw = advisor();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.request_fa(1).unwrap();
    assert!(wait_named(&log, "receive_fa"));
    let fa = &log.named("receive_fa")[0];
    assert_eq!(fa.arg(0).as_i64(), Some(1));
    let xml = s(fa.arg(1));
    assert!(xml.contains("<ListOfGroups>") && xml.contains("<String>DU222</String>"));

    let groups = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListOfGroups><Group><name>Tech</name><ListOfAccts varName=\"list\"><String>DU222</String></ListOfAccts><defaultMethod>NetLiq</defaultMethod></Group></ListOfGroups>";
    client.replace_fa(7, 1, groups).unwrap();
    assert!(log.wait_for("replace_fa_end", 7));
    assert_eq!(s(log.named("replace_fa_end")[0].arg(1)), "GROUPS replaced");

    // The group "All" is every sub-account; "Tech" is DU222 alone.
    client
        .req_account_summary(1, "All", "NetLiquidation")
        .unwrap();
    client
        .req_account_summary(2, "Tech", "NetLiquidation")
        .unwrap();
    assert!(log.wait_for("account_summary_end", 2));
    let accounts = |id: i64| -> Vec<String> {
        log.named("account_summary")
            .iter()
            .filter(|c| c.arg(0).as_i64() == Some(id))
            .map(|c| s(c.arg(1)).to_owned())
            .collect()
    };
    assert_eq!(accounts(1), ["DU111", "DU222"]);
    assert_eq!(accounts(2), ["DU222"]);

    client.request_fa(3).unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "receive_fa").count() == 2));
    assert!(s(log.named("receive_fa")[1].arg(1)).contains("<alias>DU111</alias>"));
}

#[test]
fn a_start_up_sync_sent_all_at_once_is_answered_completely() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_positions().unwrap();
    client.req_account_updates(true, ACCOUNT).unwrap();
    client
        .req_account_updates_multi(2, ACCOUNT, "", true)
        .unwrap();
    client.req_positions_multi(3, ACCOUNT, "").unwrap();
    client.req_account_summary(4, "All", "$LEDGER").unwrap();
    client.req_pnl(5, ACCOUNT, "").unwrap();
    assert!(log.wait_until(|c| {
        let has = |n: &str| c.iter().any(|c| c.name == n);
        has("position_end")
            && has("account_download_end")
            && has("account_update_multi_end")
            && has("position_multi_end")
            && has("account_summary_end")
            && has("pnl")
    }));
}

#[test]
fn old_servers_refuse_pnl_and_multi_requests() {
    common::init_logs();
    let gw = SimGateway::start(SimConfig {
        server_version: 100,
        farm_notices: false,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, _h) = connected_calls(&gw, 1);
    let e = client.req_pnl(5, ACCOUNT, "").unwrap_err();
    assert_eq!(e.code(), 503);
    let e = client.req_positions_multi(6, ACCOUNT, "").unwrap_err();
    assert_eq!(e.code(), 503);
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "error").count() >= 2));
    let errors = log.named("error");
    assert_eq!(errors[0].arg(0).as_i64(), Some(-1));
    assert_eq!(
        s(errors[0].arg(3)),
        "The TWS is out of date and must be upgraded.  It does not support PnL request."
    );
    assert_eq!(errors[1].arg(0).as_i64(), Some(-1));
    // What version 100 knows is answered.
    client.req_positions().unwrap();
    assert!(wait_named(&log, "position_end"));
}

/// In the text form (below 207); the protobuf form sends such text, as
/// 10.51.1 does (tests/golden).
#[test]
fn a_string_the_client_cannot_send_is_refused_under_the_request_id() {
    let gw = SimGateway::start(SimConfig {
        server_version: 206,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, _h) = connected_calls(&gw, 1);
    let e = client
        .req_account_summary(11, "Allé", "NetLiquidation")
        .unwrap_err();
    assert_eq!(e.code(), 579);
    assert!(log.wait_for("error", 11));
}

/// Writes the account seeds of the `frames` fuzz target
/// (`fuzz/corpus/frames/account-*`), replayed by `tests/fuzz_regressions.rs`:
/// `cargo test --test account -- --ignored write_account_fuzz_seeds`.
#[test]
#[ignore]
fn write_account_fuzz_seeds() {
    use tws_api::messages::account::*;
    use tws_api::messages::to_frame;
    use tws_api::{Contract, Decimal};

    let aapl = Contract {
        con_id: 265598,
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        strike: 0.0,
        primary_exchange: "NASDAQ".into(),
        currency: "USD".into(),
        local_symbol: "AAPL".into(),
        trading_class: "NMS".into(),
        ..Contract::default()
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/frames");
    // Selector bytes of 176 and 203 in the fuzz harness's version list.
    for (selector, sv) in [(2u8, 176), (6u8, 203)] {
        let mut frames: Vec<Vec<u8>> = Vec::new();
        let mut add = |f: Vec<u8>| frames.push(f);
        add(to_frame(
            &UpdateAccountValue {
                key: "NetLiquidation".into(),
                val: "1000000.00".into(),
                currency: "USD".into(),
                account_name: ACCOUNT.into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &UpdatePortfolio {
                version: 8,
                contract: aapl.clone(),
                position: Decimal::from(100),
                market_price: 187.25,
                market_value: 18725.0,
                average_cost: 180.01,
                unrealized_pnl: 724.0,
                realized_pnl: 0.0,
                account_name: ACCOUNT.into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &UpdateAccountTime {
                time_stamp: "14:05".into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &AccountDownloadEnd {
                account_name: ACCOUNT.into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &PositionData {
                version: 3,
                account: ACCOUNT.into(),
                contract: aapl.clone(),
                position: Decimal::from(100),
                avg_cost: 180.01,
            },
            sv,
        )
        .unwrap());
        add(to_frame(&PositionEnd, sv).unwrap());
        add(to_frame(
            &AccountSummary {
                req_id: 1,
                account: ACCOUNT.into(),
                tag: "NetLiquidation".into(),
                value: "1000000.00".into(),
                currency: "USD".into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(&AccountSummaryEnd { req_id: 1 }, sv).unwrap());
        add(to_frame(
            &PositionMulti {
                req_id: 2,
                account: ACCOUNT.into(),
                contract: aapl.clone(),
                pos: Decimal::from(-3),
                avg_cost: 1.5,
                model_code: String::new(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(&PositionMultiEnd { req_id: 2 }, sv).unwrap());
        add(to_frame(
            &AccountUpdateMulti {
                req_id: 3,
                account: ACCOUNT.into(),
                model_code: String::new(),
                key: "CashBalance".into(),
                value: "1.00".into(),
                currency: "BASE".into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(&AccountUpdateMultiEnd { req_id: 3 }, sv).unwrap());
        add(to_frame(
            &PnL {
                req_id: 4,
                daily_pnl: 1.0,
                unrealized_pnl: UNSET_DOUBLE,
                realized_pnl: 0.0,
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &PnLSingle {
                req_id: 5,
                pos: Decimal::from(100),
                daily_pnl: 1.0,
                unrealized_pnl: 2.0,
                realized_pnl: 3.0,
                value: 4.0,
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &FamilyCodes {
                family_codes: vec![tws_api::FamilyCode {
                    account_id: ACCOUNT.into(),
                    family_code_str: String::new(),
                }],
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &SoftDollarTiers {
                req_id: 6,
                tiers: vec![tws_api::SoftDollarTier::new("T", "1", "Tier")],
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &ReceiveFa {
                fa_data: 1,
                cxml: "<ListOfGroups/>".into(),
            },
            sv,
        )
        .unwrap());
        add(to_frame(
            &ReplaceFaEnd {
                req_id: 7,
                text: "GROUPS replaced".into(),
            },
            sv,
        )
        .unwrap());
        let stream: Vec<u8> = frames.concat();
        let mut whole = vec![selector, 0];
        whole.extend_from_slice(&stream);
        std::fs::write(dir.join(format!("account-sv{sv}-incoming")), &whole).unwrap();
        let mut chunked = vec![selector, 3, 0, 4, 16];
        chunked.extend_from_slice(&stream);
        std::fs::write(
            dir.join(format!("account-sv{sv}-incoming-chunked")),
            &chunked,
        )
        .unwrap();
        // Every frame cut short by a few bytes, with a correct length prefix.
        let mut cut = vec![selector, 0];
        for f in &frames {
            let body = &f[4..f.len().saturating_sub(3).max(5)];
            cut.extend_from_slice(&(body.len() as u32).to_be_bytes());
            cut.extend_from_slice(body);
        }
        std::fs::write(dir.join(format!("account-sv{sv}-truncated-fields")), &cut).unwrap();
    }
}

#[test]
fn a_truncated_account_message_is_error_508_and_the_next_one_decodes() {
    use tws_api::messages::account::{PositionEnd, UpdatePortfolio};
    use tws_api::messages::to_frame;
    let (mut rec, log) = common::CallRecorder::new();
    let frame = to_frame(
        &UpdatePortfolio {
            version: 8,
            contract: tws_api::Contract {
                con_id: 265598,
                symbol: "AAPL".into(),
                ..Default::default()
            },
            account_name: ACCOUNT.into(),
            ..Default::default()
        },
        203,
    )
    .unwrap();
    let payload = &frame[4..frame.len() - 12];
    tws_api::client::dispatch_frame(203, payload, &mut rec);
    let end = to_frame(&PositionEnd, 203).unwrap();
    tws_api::client::dispatch_frame(203, &end[4..], &mut rec);
    let calls = log.snapshot();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[0].name, "error");
    assert_eq!(calls[0].arg(2).as_i64(), Some(508));
    assert_eq!(calls[1].name, "position_end");
}

/// The official client's start-up sync against the sim: everything answered,
/// and the same values our client gets.
#[test]
fn the_official_python_client_gets_the_same_answers() {
    for official in common::python::official_clients("the official client's account sync") {
        the_official_python_client_gets_the_same_answers_with(official);
    }
}

fn the_official_python_client_gets_the_same_answers_with(official: common::python::Official) {
    let gw = gateway();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/account_check.py");
    let out = official
        .python3()
        .args([
            script,
            "--port",
            &gw.port().to_string(),
            "--account",
            ACCOUNT,
        ])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let py: Value = serde_json::from_str(stdout.trim()).expect("JSON from the script");
    assert_eq!(py["missing"], Value::Array(vec![]));
    assert_eq!(py["errors"], serde_json::json!([[-1, 321]]));

    // Ours, the same requests.
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_account_updates(true, ACCOUNT).unwrap();
    client
        .req_account_updates_multi(2, ACCOUNT, "", false)
        .unwrap();
    client
        .req_account_summary(4, "All", AccountSummaryTags::ALL_TAGS)
        .unwrap();
    client.req_account_summary(5, "All", "$LEDGER:ALL").unwrap();
    client.req_pnl(6, ACCOUNT, "").unwrap();
    client.req_pnl_single(7, ACCOUNT, "", 265598).unwrap();
    assert!(log.wait_until(|c| {
        let has = |n: &str| c.iter().any(|c| c.name == n);
        has("account_download_end")
            && has("account_update_multi_end")
            && c.iter()
                .any(|c| c.name == "account_summary_end" && c.arg(0).as_i64() == Some(5))
            && has("pnl")
            && has("pnl_single")
    }));
    let mut values = serde_json::Map::new();
    for c in log.named("update_account_value") {
        let k = format!("{}|{}", s(c.arg(0)), s(c.arg(2)));
        values.insert(k, c.arg(1).clone());
    }
    assert_eq!(Value::Object(values), py["values"]);
    let mut multi = serde_json::Map::new();
    for c in log.named("account_update_multi") {
        let k = format!("{}|{}", s(c.arg(3)), s(c.arg(5)));
        multi.insert(k, c.arg(4).clone());
    }
    assert_eq!(Value::Object(multi), py["multi"]);
    let summary: Vec<Value> = log
        .named("account_summary")
        .iter()
        .map(|c| serde_json::json!([c.arg(0), c.arg(2), c.arg(3), c.arg(4)]))
        .collect();
    assert_eq!(Value::Array(summary), py["summary"]);
    let p = &log.named("pnl")[0];
    assert_eq!(
        serde_json::json!([f(p.arg(1)), f(p.arg(2)), f(p.arg(3))]),
        py["pnl"]
    );
    let p = &log.named("pnl_single")[0];
    assert_eq!(py["pnl_single"][0], "0");
    for i in 1..=4 {
        assert_eq!(f(p.arg(i + 1)), UNSET_DOUBLE);
        assert_eq!(py["pnl_single"][i], "UNSET_DOUBLE");
    }
}

#[test]
fn subscriptions_stay_in_flight_until_cancelled_under_their_own_ids() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client
        .req_account_summary(21, "All", "NetLiquidation")
        .unwrap();
    client.req_pnl(22, ACCOUNT, "").unwrap();
    client.req_soft_dollar_tiers(23).unwrap();
    assert!(log.wait_for("account_summary_end", 21));
    assert!(log.wait_for("soft_dollar_tiers", 23));
    let names = |c: &tws_api::EClient| -> Vec<&'static str> {
        let mut v: Vec<&'static str> = c.requests_in_flight().iter().map(|r| r.request).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(names(&client), ["reqAccountSummary", "reqPnL"]);
    client.cancel_account_summary(21).unwrap();
    client.cancel_pnl(22).unwrap();
    assert!(
        names(&client).is_empty(),
        "{:?}",
        client.requests_in_flight()
    );
}

#[test]
fn a_plain_login_gets_its_account_whatever_the_code() {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_account_updates(true, "NOSUCH").unwrap();
    assert!(wait_named(&log, "account_download_end"));
    assert_eq!(s(log.named("account_download_end")[0].arg(0)), ACCOUNT);
}

/// The `exec_details` price and the commission of order `order_id`.
fn fill_of(log: &CallLog, order_id: i64) -> (f64, f64) {
    wait_or_dump(log, "a fill", |c| {
        let exec = c
            .iter()
            .find(|c| c.name == "exec_details" && c.arg(2)["order_id"].as_i64() == Some(order_id));
        exec.is_some_and(|e| {
            c.iter().any(|r| {
                r.name == "commission_and_fees_report" && r.arg(0)["exec_id"] == e.arg(2)["exec_id"]
            })
        })
    });
    let calls = log.snapshot();
    let exec = calls
        .iter()
        .find(|c| c.name == "exec_details" && c.arg(2)["order_id"].as_i64() == Some(order_id))
        .unwrap();
    let report = calls
        .iter()
        .find(|r| {
            r.name == "commission_and_fees_report" && r.arg(0)["exec_id"] == exec.arg(2)["exec_id"]
        })
        .unwrap();
    (
        f(&exec.arg(2)["price"]),
        f(&report.arg(0)["commission_and_fees"]),
    )
}

/// Waits for `f`; on a timeout prints the account callbacks seen, then fails.
fn wait_or_dump(log: &CallLog, what: &str, f: impl Fn(&[Call]) -> bool) {
    if !log.wait_until(f) {
        for c in log.snapshot() {
            if !c.name.starts_with("update_account_value") {
                eprintln!("{} {}", c.name, serde_json::Value::Array(c.args.clone()));
            }
        }
        panic!("timed out waiting for {what}");
    }
}

/// Against the sim: buy 100 AAPL, see the position in `position`,
/// `update_portfolio` and `pnl_single`; sell it, and see the realized PnL:
/// the difference of the fill prices less both commissions.
#[test]
fn buy_then_sell_100_aapl_shows_in_positions_portfolio_and_pnl() {
    use tws_api::{Decimal, Order};
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_positions().unwrap();
    client.req_account_updates(true, ACCOUNT).unwrap();
    client.req_pnl_single(7, ACCOUNT, "", 265598).unwrap();
    assert!(wait_named(&log, "position_end"));
    assert!(wait_named(&log, "account_download_end"));
    assert!(log.wait_for("pnl_single", 7));
    let base = log.snapshot().len();
    let after = |c: &[Call]| c[base..].to_vec();

    let aapl = common::stock("AAPL");
    client
        .place_order(1, &aapl, &Order::market("BUY", Decimal::from(100)))
        .unwrap();
    let (buy, c1) = fill_of(&log, 1);
    let held = |c: &Call, i: usize| c.arg(i).as_f64() == Some(100.0);
    wait_or_dump(&log, "held", |c| {
        let c = after(c);
        c.iter().any(|c| c.name == "position" && held(c, 2))
            && c.iter().any(|c| c.name == "update_portfolio" && held(c, 1))
            && c.iter().any(|c| c.name == "pnl_single" && held(c, 1))
    });
    let calls = after(&log.snapshot());
    let pos = calls
        .iter()
        .find(|c| c.name == "position" && held(c, 2))
        .unwrap();
    assert_eq!(s(pos.arg(0)), ACCOUNT);
    assert_eq!(pos.arg(1)["con_id"].as_i64(), Some(265598));
    assert_eq!(s(&pos.arg(1)["symbol"]), "AAPL");
    let avg = (buy * 100.0 + c1) / 100.0;
    assert!((f(pos.arg(3)) - avg).abs() < 1e-9, "{pos:?}");
    let pf = calls
        .iter()
        .find(|c| c.name == "update_portfolio" && held(c, 1))
        .unwrap();
    assert_eq!(pf.arg(0)["con_id"].as_i64(), Some(265598));
    let (price, value) = (f(pf.arg(2)), f(pf.arg(3)));
    assert!((value - price * 100.0).abs() < 0.01);
    assert!((f(pf.arg(4)) - avg).abs() < 1e-9);
    assert!((f(pf.arg(5)) - (value - avg * 100.0)).abs() < 0.011);
    let ps = calls
        .iter()
        .find(|c| c.name == "pnl_single" && held(c, 1))
        .unwrap();
    assert_eq!(f(ps.arg(4)), 0.0, "nothing realized yet");

    let base = log.snapshot().len();
    let after = |c: &[Call]| c[base..].to_vec();
    client
        .place_order(2, &aapl, &Order::market("SELL", Decimal::from(100)))
        .unwrap();
    let (sell, c2) = fill_of(&log, 2);
    let realized = (((sell - buy) * 100.0 - c1 - c2) * 100.0).round() / 100.0;
    let flat = |c: &Call, i: usize| c.arg(i).as_f64() == Some(0.0);
    wait_or_dump(&log, "flat", |c| {
        let c = after(c);
        c.iter().any(|c| c.name == "position" && flat(c, 2))
            && c.iter().any(|c| c.name == "update_portfolio" && flat(c, 1))
            && c.iter().any(|c| c.name == "pnl_single" && flat(c, 1))
    });
    let calls = after(&log.snapshot());
    let pf = calls
        .iter()
        .find(|c| c.name == "update_portfolio" && flat(c, 1))
        .unwrap();
    assert!(
        (f(pf.arg(6)) - realized).abs() < 1e-9,
        "{pf:?} vs {realized}"
    );
    assert_eq!(f(pf.arg(5)), 0.0);
    let ps = calls
        .iter()
        .find(|c| c.name == "pnl_single" && flat(c, 1))
        .unwrap();
    assert!(
        (f(ps.arg(4)) - realized).abs() < 1e-9,
        "{ps:?} vs {realized}"
    );
    // The account's realized PnL says the same (its last value: a realized
    // PnL of 0.00 is not sent again).
    assert!(log.wait_until(|c| c
        .iter()
        .rev()
        .find(|c| c.name == "update_account_value"
            && s(c.arg(0)) == "RealizedPnL"
            && s(c.arg(2)) == "BASE")
        .and_then(|c| s(c.arg(1)).parse::<f64>().ok())
        == Some(realized)));
}

/// The same trade made by the official Python client: it sees the position
/// and the realized PnL as ours does, and ours, watching the same account,
/// sees the same values.
#[test]
fn the_official_python_client_trades_and_sees_the_same_values() {
    for official in common::python::official_clients("the official client's trade and PnL") {
        the_official_python_client_trades_and_sees_the_same_values_with(official);
    }
}

fn the_official_python_client_trades_and_sees_the_same_values_with(
    official: common::python::Official,
) {
    let gw = gateway();
    let (client, log, _h) = connected_calls(&gw, 1);
    client.req_account_updates(true, ACCOUNT).unwrap();
    client.req_pnl_single(7, ACCOUNT, "", 265598).unwrap();
    assert!(wait_named(&log, "account_download_end"));

    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/account_trade_check.py"
    );
    let out = official
        .python3()
        .args([
            script,
            "--port",
            &gw.port().to_string(),
            "--account",
            ACCOUNT,
        ])
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let py: Value = serde_json::from_str(stdout.trim()).expect("JSON from the script");
    assert_eq!(py["errors"], serde_json::json!([]), "{py}");
    let (buy, c1) = (f(&py["buy"][0]), f(&py["buy"][1]));
    let (sell, c2) = (f(&py["sell"][0]), f(&py["sell"][1]));
    let avg = (buy * 100.0 + c1) / 100.0;
    let realized = (((sell - buy) * 100.0 - c1 - c2) * 100.0).round() / 100.0;

    let held = &py["held"];
    assert_eq!(held["position"][0], "100");
    assert!((f(&held["position"][1]) - avg).abs() < 1e-9);
    assert_eq!(held["portfolio"][0], "100");
    assert!((f(&held["portfolio"][3]) - avg).abs() < 1e-9);
    assert_eq!(held["pnl_single"][0], "100");
    let flat = &py["flat"];
    assert_eq!(flat["position"][0], "0");
    assert!((f(&flat["portfolio"][5]) - realized).abs() < 1e-9, "{py}");
    assert!((f(&flat["pnl_single"][3]) - realized).abs() < 1e-9, "{py}");

    // Ours saw the same: the last portfolio line and pnlSingle of AAPL.
    let flat_seen = |c: &[Call]| {
        c.iter().any(|c| {
            c.name == "update_portfolio"
                && c.arg(1).as_f64() == Some(0.0)
                && c.arg(6).as_f64() == Some(realized)
        }) && c.iter().any(|c| {
            c.name == "pnl_single"
                && c.arg(1).as_f64() == Some(0.0)
                && c.arg(4).as_f64() == Some(realized)
        })
    };
    assert!(log.wait_until(flat_seen));
}

/// A wrapper that feeds a [`Portfolio`] and records the callbacks the test
/// waits on (after the portfolio has them).
struct Tee {
    portfolio: tws_api::portfolio::Portfolio,
    rec: common::CallRecorder,
}

impl tws_api::EWrapper for Tee {
    fn next_valid_id(&mut self, order_id: i32) {
        self.rec.next_valid_id(order_id);
    }
    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, account: &str) {
        self.portfolio
            .update_account_value(key, val, currency, account);
        self.rec.update_account_value(key, val, currency, account);
    }
    fn update_portfolio(
        &mut self,
        contract: &tws_api::Contract,
        position: tws_api::Decimal,
        market_price: f64,
        market_value: f64,
        average_cost: f64,
        unrealized_pnl: f64,
        realized_pnl: f64,
        account: &str,
    ) {
        self.portfolio.update_portfolio(
            contract,
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account,
        );
        self.rec.update_portfolio(
            contract,
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account,
        );
    }
    fn account_download_end(&mut self, account: &str) {
        self.rec.account_download_end(account);
    }
    fn position(
        &mut self,
        account: &str,
        contract: &tws_api::Contract,
        position: tws_api::Decimal,
        avg_cost: f64,
    ) {
        self.portfolio
            .position(account, contract, position, avg_cost);
        self.rec.position(account, contract, position, avg_cost);
    }
    fn position_end(&mut self) {
        self.rec.position_end();
    }
    fn exec_details(
        &mut self,
        req_id: i32,
        contract: &tws_api::Contract,
        execution: &tws_api::Execution,
    ) {
        self.rec.exec_details(req_id, contract, execution);
    }
    fn commission_and_fees_report(&mut self, report: &tws_api::CommissionAndFeesReport) {
        self.rec.commission_and_fees_report(report);
    }
}

/// A sequence of trades; the Portfolio fed from the callbacks ends with
/// what the fills say: quantities, average costs, realized PnL, cash.
#[test]
fn a_portfolio_fed_by_the_callbacks_matches_the_trades() {
    use tws_api::{Decimal, Order};
    let gw = gateway();
    let client = tws_api::EClient::new();
    let (rec, log) = common::CallRecorder::new();
    let mut tee = Tee {
        portfolio: tws_api::portfolio::Portfolio::new(),
        rec,
    };
    client.connect("127.0.0.1", gw.port(), 1).unwrap();
    let runner = client.clone();
    let h = std::thread::spawn(move || {
        runner.run(&mut tee);
        tee
    });
    assert!(wait_named(&log, "next_valid_id"));
    client.req_positions().unwrap();
    client.req_account_updates(true, ACCOUNT).unwrap();
    assert!(wait_named(&log, "account_download_end"));

    // With their conIds: the paper broker keys positions by conId and does
    // not look a bare symbol up (see the report of this branch).
    let trades = [
        (1, "AAPL", 265598, "BUY", 100),
        (2, "IBM", 8314, "BUY", 50),
        (3, "AAPL", 265598, "SELL", 30),
        (4, "MSFT", 272093, "SELL", 20),
    ];
    let mut fills = Vec::new();
    for (id, symbol, con_id, action, qty) in trades {
        let contract = tws_api::Contract {
            con_id,
            ..common::stock(symbol)
        };
        client
            .place_order(id, &contract, &Order::market(action, Decimal::from(qty)))
            .unwrap();
        fills.push(fill_of(&log, id as i64));
    }
    let (b1, c1) = fills[0];
    let (b2, c2) = fills[1];
    let (s3, c3) = fills[2];
    let (s4, c4) = fills[3];
    let aapl_avg = (b1 * 100.0 + c1) / 100.0;
    let ibm_avg = (b2 * 50.0 + c2) / 50.0;
    // A short: the commission lowers its basis (less was received).
    let msft_avg = (s4 * 20.0 - c4) / 20.0;
    let realized = (((s3 - aapl_avg) * 30.0 - c3) * 100.0).round() / 100.0;
    let cash =
        1_000_000.0 - (b1 * 100.0 + c1) - (b2 * 50.0 + c2) + (s3 * 30.0 - c3) + (s4 * 20.0 - c4);
    // Wait until every change reached the wrapper.
    let shows = |c: &[Call], con_id: i64, qty: f64| {
        c.iter().any(|c| {
            c.name == "update_portfolio"
                && c.arg(0)["con_id"].as_i64() == Some(con_id)
                && c.arg(1).as_f64() == Some(qty)
        }) && c.iter().any(|c| {
            c.name == "position"
                && c.arg(1)["con_id"].as_i64() == Some(con_id)
                && c.arg(2).as_f64() == Some(qty)
        })
    };
    let ok = log.wait_until(|c| {
        shows(c, 265598, 70.0)
            && shows(c, 8314, 50.0)
            && shows(c, 272093, -20.0)
            && c.iter().any(|c| {
                c.name == "update_account_value"
                    && s(c.arg(0)) == "TotalCashValue"
                    && s(c.arg(1)).parse::<f64>().ok() == Some((cash * 100.0).round() / 100.0)
            })
    });
    if !ok {
        for c in log.snapshot() {
            if matches!(c.name, "update_portfolio" | "position")
                || (c.name == "update_account_value" && s(c.arg(0)) == "TotalCashValue")
            {
                eprintln!("{} {:?}", c.name, c.args);
            }
        }
        panic!("not seen; cash {cash}, fills {fills:?}");
    }
    client.disconnect();
    let tee = h.join().unwrap();
    let p = &tee.portfolio;

    let aapl = p.position_of(ACCOUNT, 265598).unwrap();
    assert_eq!(aapl.position, Decimal::from(70));
    assert!((aapl.avg_cost - aapl_avg).abs() < 1e-9);
    assert_eq!(aapl.realized_pnl, Some(realized));
    let ibm = p.position_of(ACCOUNT, 8314).unwrap();
    assert_eq!(ibm.position, Decimal::from(50));
    assert!((ibm.avg_cost - ibm_avg).abs() < 1e-9);
    let msft = p.position_of(ACCOUNT, 272093).unwrap();
    assert_eq!(msft.position, Decimal::from(-20));
    assert!((msft.avg_cost - msft_avg).abs() < 1e-9);
    assert_eq!(p.open_positions(ACCOUNT).count(), 3);
    assert_eq!(
        p.value_f64(ACCOUNT, "TotalCashValue", "USD"),
        Some((cash * 100.0).round() / 100.0)
    );
    assert_eq!(p.value_f64(ACCOUNT, "RealizedPnL", "BASE"), Some(realized));
}
