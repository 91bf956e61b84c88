//! Contracts and reference data against the simulated gateway, over loopback,
//! through the public API: reqContractDetails (stocks, forex, index, futures,
//! options, bonds, ambiguous and unknown descriptions), reqMatchingSymbols,
//! reqSecDefOptParams, reqMarketRule, reqSmartComponents,
//! reqMktDepthExchanges; at several server versions; and bad frames.

mod common;

use common::{connected_calls, init_logs, Call};
use serde_json::Value;
use tws_api::messages::contracts::{ContractData, ContractDataEnd};
use tws_api::messages::to_frame;
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::{Contract, ContractDetails, UNSET_DOUBLE};

fn gateway(sv: i32) -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig {
        server_version: sv,
        ..SimConfig::default()
    })
    .expect("sim starts")
}

/// The `contract_details` (or another callback's) calls of one request.
fn of(calls: &[Call], name: &str, req_id: i64) -> Vec<Call> {
    calls
        .iter()
        .filter(|c| c.name == name && c.arg(0).as_i64() == Some(req_id))
        .cloned()
        .collect()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn aapl_stock_details_as_tws_fills_them_at_every_version() {
    for sv in [176, 187, 200, 203] {
        let gw = gateway(sv);
        let (client, log, h) = connected_calls(&gw, 0);
        client
            .req_contract_details(7, &Contract::stock("AAPL", "SMART", "USD"))
            .unwrap();
        assert!(log.wait_for("contract_details_end", 7), "sv {sv}");
        let calls = log.snapshot();
        let details = of(&calls, "contract_details", 7);
        assert_eq!(details.len(), 1, "sv {sv}");
        let d = details[0].arg(1);
        let c = &d["contract"];
        assert_eq!(c["con_id"], 265598);
        assert_eq!(s(&c["symbol"]), "AAPL");
        assert_eq!(s(&c["sec_type"]), "STK");
        assert_eq!(s(&c["exchange"]), "SMART");
        assert_eq!(s(&c["primary_exchange"]), "NASDAQ");
        assert_eq!(s(&c["currency"]), "USD");
        assert_eq!(s(&c["local_symbol"]), "AAPL");
        assert_eq!(s(&c["trading_class"]), "NMS");
        assert_eq!(s(&d["market_name"]), "NMS");
        assert_eq!(d["min_tick"].as_f64(), Some(0.01));
        assert_eq!(d["price_magnifier"], 1);
        assert_eq!(s(&d["long_name"]), "APPLE INC");
        assert_eq!(s(&d["industry"]), "Technology");
        assert_eq!(s(&d["category"]), "Computers");
        assert_eq!(s(&d["time_zone_id"]), "US/Eastern");
        assert_eq!(s(&d["stock_type"]), "COMMON");
        assert!(s(&d["order_types"]).contains("LMT"));
        let exchanges = s(&d["valid_exchanges"]).split(',').count();
        assert_eq!(s(&d["market_rule_ids"]).split(',').count(), exchanges);
        assert!(s(&d["trading_hours"]).contains("0400-"));
        assert!(s(&d["liquid_hours"]).contains("0930-"));
        assert_eq!(d["sec_id_list"][0]["tag"], "ISIN");
        assert_eq!(d["sec_id_list"][0]["value"], "US0378331005");
        assert_eq!(d["min_size"].to_string(), "0.0001");
        assert_eq!(d["size_increment"].to_string(), "0.0001");
        assert_eq!(d["suggested_size_increment"].to_string(), "100");
        // The end comes after the details.
        let end = calls
            .iter()
            .position(|c| c.name == "contract_details_end")
            .unwrap();
        let det = calls
            .iter()
            .position(|c| c.name == "contract_details")
            .unwrap();
        assert!(det < end);
        client.disconnect();
        h.join().unwrap();
    }
}

#[test]
fn lookups_by_con_id_forex_index_future_and_option() {
    let gw = gateway(203);
    let (client, log, h) = connected_calls(&gw, 0);
    let by_id = Contract {
        con_id: 756733,
        exchange: "SMART".into(),
        ..Contract::default()
    };
    client.req_contract_details(1, &by_id).unwrap();
    client
        .req_contract_details(2, &Contract::forex("EUR", "USD"))
        .unwrap();
    client
        .req_contract_details(3, &Contract::index("SPX", "CBOE", "USD"))
        .unwrap();
    client
        .req_contract_details(4, &Contract::future("ES", "", "CME", "USD"))
        .unwrap();
    for id in 1..=4 {
        assert!(log.wait_for("contract_details_end", id));
    }
    let calls = log.snapshot();
    let spy = of(&calls, "contract_details", 1);
    assert_eq!(spy.len(), 1);
    assert_eq!(s(&spy[0].arg(1)["stock_type"]), "ETF");
    assert_eq!(s(&spy[0].arg(1)["contract"]["symbol"]), "SPY");

    let fx = of(&calls, "contract_details", 2);
    assert_eq!(fx.len(), 1);
    let fx = fx[0].arg(1);
    assert_eq!(fx["contract"]["con_id"], 12087792);
    assert_eq!(s(&fx["contract"]["local_symbol"]), "EUR.USD");
    assert_eq!(s(&fx["contract"]["sec_type"]), "CASH");
    assert_eq!(s(&fx["contract"]["exchange"]), "IDEALPRO");
    assert_eq!(fx["min_tick"].as_f64(), Some(0.00005));
    assert_eq!(fx["sec_id_list"], Value::Array(vec![]));

    let spx = of(&calls, "contract_details", 3);
    assert_eq!(spx[0].arg(1)["contract"]["con_id"], 416904);

    let es = of(&calls, "contract_details", 4);
    assert_eq!(es.len(), 2, "the next two quarterly ES futures");
    for f in &es {
        let d = f.arg(1);
        assert_eq!(s(&d["contract"]["multiplier"]), "50");
        assert_eq!(d["min_tick"].as_f64(), Some(0.25));
        assert_eq!(d["under_con_id"], 11004968);
        assert_eq!(s(&d["time_zone_id"]), "US/Central");
        assert_eq!(s(&d["last_trade_time"]), "08:30");
        assert!(s(&d["contract"]["local_symbol"]).starts_with("ES"));
        let expiry = s(&d["contract"]["last_trade_date_or_contract_month"]);
        assert_eq!(s(&d["contract_month"]), &expiry[..6]);
        assert_eq!(s(&d["contract"]["last_trade_date"]), expiry);
    }

    // The SPY chain: every strike of one expiry, then one option exactly.
    client
        .req_sec_def_opt_params(5, "SPY", "", "STK", 756733)
        .unwrap();
    assert!(log.wait_for("security_definition_option_parameter_end", 5));
    let chain = of(&log.snapshot(), "security_definition_option_parameter", 5);
    let smart = chain
        .iter()
        .find(|c| s(c.arg(1)) == "SMART")
        .expect("a SMART entry");
    let expiries: Vec<String> = smart
        .arg(5)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| s(v).to_owned())
        .collect();
    let strikes: Vec<f64> = smart
        .arg(6)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(expiries.len(), 3);
    assert_eq!(strikes.len(), 7);
    let month = Contract::option(
        "SPY",
        expiries[0].as_str(),
        UNSET_DOUBLE,
        "",
        "SMART",
        "USD",
    );
    client.req_contract_details(6, &month).unwrap();
    let one = Contract::option("SPY", expiries[2].as_str(), strikes[3], "P", "SMART", "USD");
    client.req_contract_details(8, &one).unwrap();
    assert!(log.wait_for("contract_details_end", 6));
    assert!(log.wait_for("contract_details_end", 8));
    let calls = log.snapshot();
    assert_eq!(of(&calls, "contract_details", 6).len(), 14);
    let put = of(&calls, "contract_details", 8);
    assert_eq!(put.len(), 1);
    let p = put[0].arg(1);
    assert_eq!(s(&p["contract"]["right"]), "P");
    assert_eq!(p["contract"]["strike"].as_f64(), Some(strikes[3]));
    assert_eq!(p["under_con_id"], 756733);
    assert_eq!(s(&p["under_symbol"]), "SPY");
    assert_eq!(s(&p["under_sec_type"]), "STK");
    assert_eq!(s(&p["contract"]["multiplier"]), "100");
    assert_eq!(s(&p["real_expiration_date"]), expiries[2]);
    assert_eq!(s(&p["last_trade_time"]), "16:00");
    let local = s(&p["contract"]["local_symbol"]);
    assert!(
        local.starts_with("SPY   ") && local.contains('P'),
        "{local}"
    );
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn ambiguous_bond_and_unknown_descriptions() {
    let gw = gateway(203);
    let (client, log, h) = connected_calls(&gw, 0);
    // Symbol only: every AAPL listing.
    let aapl = Contract {
        symbol: "AAPL".into(),
        ..Contract::default()
    };
    client.req_contract_details(1, &aapl).unwrap();
    // IBM: the stock and the bond (the bond through bondContractDetails).
    let ibm = Contract {
        symbol: "IBM".into(),
        ..Contract::default()
    };
    client.req_contract_details(2, &ibm).unwrap();
    // Nothing matches: error 200 and no end marker.
    client
        .req_contract_details(3, &Contract::stock("NOSUCH", "SMART", "USD"))
        .unwrap();
    client
        .req_contract_details(4, &Contract::default())
        .unwrap();
    assert!(log.wait_for("contract_details_end", 1));
    assert!(log.wait_for("contract_details_end", 2));
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 200)
        .count()
        == 2));
    let calls = log.snapshot();
    let listings = of(&calls, "contract_details", 1);
    assert_eq!(listings.len(), 2);
    let currencies: Vec<&str> = listings
        .iter()
        .map(|c| s(&c.arg(1)["contract"]["currency"]))
        .collect();
    assert_eq!(currencies, ["USD", "MXN"]);

    assert_eq!(of(&calls, "contract_details", 2).len(), 1);
    let bonds = of(&calls, "bond_contract_details", 2);
    assert_eq!(bonds.len(), 1);
    let b = bonds[0].arg(1);
    assert_eq!(s(&b["contract"]["sec_type"]), "BOND");
    assert_eq!(b["coupon"].as_f64(), Some(4.15));
    assert_eq!(s(&b["maturity"]), "20390515");
    assert_eq!(s(&b["coupon_type"]), "FIXED");
    assert_eq!(b["callable"], true);
    let cusip = s(&b["cusip"]);
    assert_eq!(cusip.len(), 9);
    assert_eq!(b["sec_id_list"][0]["value"], cusip);
    let isin = s(&b["sec_id_list"][1]["value"]);
    assert!(
        isin.len() == 12 && isin.starts_with(&format!("US{cusip}")),
        "{isin}"
    );
    assert_eq!(s(&b["time_zone_id"]), "US/Eastern");

    for id in [3, 4] {
        let errors: Vec<&Call> = calls
            .iter()
            .filter(|c| c.name == "error" && c.arg(0) == id)
            .collect();
        assert_eq!(errors.len(), 1, "req {id}");
        assert_eq!(errors[0].arg(2), 200);
        assert_eq!(
            s(errors[0].arg(3)),
            "No security definition has been found for the request"
        );
        assert!(of(&calls, "contract_details_end", id).is_empty());
    }
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn matching_symbols_rules_components_and_depth_exchanges() {
    for sv in [176, 203] {
        let gw = gateway(sv);
        let (client, log, h) = connected_calls(&gw, 0);
        client.req_matching_symbols(1, "MS").unwrap();
        client.req_matching_symbols(2, "zzzz").unwrap();
        client.req_market_rule(26).unwrap();
        client.req_market_rule(239).unwrap();
        client.req_smart_components(3, "9c0001").unwrap();
        client.req_mkt_depth_exchanges().unwrap();
        assert!(log.wait_for("symbol_samples", 1));
        assert!(log.wait_for("symbol_samples", 2));
        assert!(log.wait_for("market_rule", 239));
        assert!(log.wait_for("smart_components", 3));
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "mkt_depth_exchanges")));
        let calls = log.snapshot();

        let ms = of(&calls, "symbol_samples", 1);
        let list = ms[0].arg(1).as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["contract"]["con_id"], 272093);
        assert_eq!(list[0]["contract"]["symbol"], "MSFT");
        assert_eq!(list[0]["contract"]["primary_exchange"], "NASDAQ");
        assert_eq!(list[0]["contract"]["description"], "MICROSOFT CORP");
        assert!(list[0]["derivative_sec_types"]
            .as_array()
            .unwrap()
            .contains(&Value::from("OPT")));
        assert_eq!(
            of(&calls, "symbol_samples", 2)[0].arg(1),
            &Value::Array(vec![])
        );

        let rule = of(&calls, "market_rule", 26);
        assert_eq!(rule[0].arg(1)[0]["low_edge"].as_f64(), Some(0.0));
        assert_eq!(rule[0].arg(1)[0]["increment"].as_f64(), Some(0.01));
        let fx = of(&calls, "market_rule", 239);
        assert_eq!(fx[0].arg(1)[0]["increment"].as_f64(), Some(0.00005));

        let sc = of(&calls, "smart_components", 3);
        let map = sc[0].arg(1).as_array().unwrap();
        assert!(map.len() >= 4);
        assert_eq!(map[0]["bit_number"], 0);
        assert_eq!(map[0]["exchange"], "NYSE");
        assert_eq!(map[0]["exchange_letter"], "N");

        let depth: Vec<&Call> = calls
            .iter()
            .filter(|c| c.name == "mkt_depth_exchanges")
            .collect();
        let list = depth[0].arg(0).as_array().unwrap();
        let island = list.iter().find(|d| d["exchange"] == "ISLAND").unwrap();
        assert_eq!(island["sec_type"], "STK");
        assert_eq!(island["listing_exch"], "NASDAQ");
        assert_eq!(island["service_data_type"], "Deep2");
        assert_eq!(island["agg_group"], 1);
        let cboe = list.iter().find(|d| d["exchange"] == "CBOE").unwrap();
        assert_eq!(cboe["agg_group"], i64::from(i32::MAX));
        client.disconnect();
        h.join().unwrap();
    }
}

#[test]
fn sec_def_opt_params_by_exchange_and_unknown_underlying() {
    let gw = gateway(203);
    let (client, log, h) = connected_calls(&gw, 0);
    client
        .req_sec_def_opt_params(1, "SPY", "", "STK", 756733)
        .unwrap();
    client
        .req_sec_def_opt_params(2, "SPY", "CBOE", "STK", 756733)
        .unwrap();
    client
        .req_sec_def_opt_params(3, "NOPE", "", "STK", 1)
        .unwrap();
    for id in 1..=3 {
        assert!(log.wait_for("security_definition_option_parameter_end", id));
    }
    let calls = log.snapshot();
    let all = of(&calls, "security_definition_option_parameter", 1);
    assert!(all.len() > 1);
    for p in &all {
        assert_eq!(p.arg(2), 756733);
        assert_eq!(s(p.arg(3)), "SPY");
        assert_eq!(s(p.arg(4)), "100");
    }
    let cboe = of(&calls, "security_definition_option_parameter", 2);
    assert_eq!(cboe.len(), 1);
    assert_eq!(s(cboe[0].arg(1)), "CBOE");
    assert!(of(&calls, "security_definition_option_parameter", 3).is_empty());
    // The chain's strikes surround the underlying's price.
    let strikes: Vec<f64> = all[0]
        .arg(6)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(strikes.iter().any(|&k| k < 590.2) && strikes.iter().any(|&k| k > 590.2));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn a_truncated_contract_details_frame_is_error_508_and_nothing_before_it_is_lost() {
    for sv in [176, 203] {
        let gw = gateway(sv);
        let (client, log, h) = connected_calls(&gw, 0);
        let mut details = ContractDetails::default();
        details.contract.symbol = "AAPL".into();
        details.contract.sec_type = "STK".into();
        details.contract.con_id = 265598;
        details.long_name = "APPLE INC".into();
        let good = to_frame(
            &ContractData {
                req_id: 41,
                details: details.clone(),
            },
            sv,
        )
        .unwrap();
        let full = to_frame(
            &ContractData {
                req_id: 42,
                details,
            },
            sv,
        )
        .unwrap();
        // The frame cut in its middle (with a length prefix that says so).
        let header = if sv >= 201 { 8 } else { 7 };
        let cut = header + (full.len() - header) / 2;
        let mut truncated = ((cut - 4) as u32).to_be_bytes().to_vec();
        truncated.extend_from_slice(&full[4..cut]);
        let end = to_frame(&ContractDataEnd { req_id: 42 }, sv).unwrap();
        let mut bytes = good;
        bytes.extend_from_slice(&truncated);
        bytes.extend_from_slice(&end);
        assert_eq!(gw.inject(Fault::Raw(bytes)), 1);
        assert!(log.wait_for("contract_details_end", 42), "sv {sv}");
        let calls = log.snapshot();
        let tail: Vec<&Call> = calls
            .iter()
            .skip_while(|c| c.name != "contract_details")
            .collect();
        assert_eq!(tail.len(), 3, "sv {sv}: {tail:?}");
        assert_eq!(tail[0].arg(0), 41);
        assert_eq!(tail[0].arg(1)["long_name"], "APPLE INC");
        assert_eq!(tail[1].name, "error");
        assert_eq!(tail[1].arg(0), -1);
        assert_eq!(tail[1].arg(2), 508);
        assert_eq!(tail[2].name, "contract_details_end");
        assert!(client.is_connected());
        client.disconnect();
        h.join().unwrap();
    }
}

/// One sample of every incoming contract message at `sv`, as whole frames.
fn samples(sv: i32) -> Vec<Vec<u8>> {
    use tws_api::messages::contracts::{
        BondContractData, MarketRule, MktDepthExchanges, SecurityDefinitionOptionParameter,
        SecurityDefinitionOptionParameterEnd, SmartComponents, SymbolSamples,
    };
    use tws_api::{
        ContractDescription, DepthMktDataDescription, PriceIncrement, SmartComponent, TagValue,
    };
    let mut d = ContractDetails {
        contract: Contract::option("SPY", "20261218", 590.0, "C", "SMART", "USD"),
        ..ContractDetails::default()
    };
    d.contract.con_id = 708051180;
    d.last_trade_time = "16:00".into();
    d.long_name = "SPDR S&P 500 ETF TRUST".into();
    d.sec_id_list = vec![TagValue::new("ISIN", "US78462F1030")];
    d.min_size = "0.0001".parse().unwrap();
    let mut b = ContractDetails::default();
    b.contract.symbol = "IBM".into();
    b.contract.sec_type = "BOND".into();
    b.cusip = "459200KB6".into();
    b.coupon = 4.15;
    b.maturity = "20390515".into();
    let desc = ContractDescription {
        contract: Contract::stock("AAPL", "", "USD"),
        derivative_sec_types: vec!["OPT".into()],
    };
    vec![
        to_frame(
            &ContractData {
                req_id: 1,
                details: d,
            },
            sv,
        )
        .unwrap(),
        to_frame(
            &BondContractData {
                req_id: 1,
                details: b,
            },
            sv,
        )
        .unwrap(),
        to_frame(&ContractDataEnd { req_id: 1 }, sv).unwrap(),
        to_frame(
            &SymbolSamples {
                req_id: 2,
                contract_descriptions: vec![desc],
            },
            sv,
        )
        .unwrap(),
        to_frame(
            &SecurityDefinitionOptionParameter {
                req_id: 3,
                exchange: "SMART".into(),
                underlying_con_id: 756733,
                trading_class: "SPY".into(),
                multiplier: "100".into(),
                expirations: vec!["20261218".into()],
                strikes: vec![590.0, 592.5],
            },
            sv,
        )
        .unwrap(),
        to_frame(&SecurityDefinitionOptionParameterEnd { req_id: 3 }, sv).unwrap(),
        to_frame(
            &MarketRule {
                market_rule_id: 26,
                price_increments: vec![PriceIncrement {
                    low_edge: 0.0,
                    increment: 0.01,
                }],
            },
            sv,
        )
        .unwrap(),
        to_frame(
            &SmartComponents {
                req_id: 4,
                smart_component_map: vec![SmartComponent {
                    bit_number: 1,
                    exchange: "NYSE".into(),
                    exchange_letter: "N".into(),
                }],
            },
            sv,
        )
        .unwrap(),
        to_frame(
            &MktDepthExchanges {
                depth_mkt_data_descriptions: vec![DepthMktDataDescription {
                    exchange: "ISLAND".into(),
                    sec_type: "STK".into(),
                    listing_exch: "NASDAQ".into(),
                    service_data_type: "Deep2".into(),
                    agg_group: 1,
                }],
            },
            sv,
        )
        .unwrap(),
    ]
}

#[test]
fn every_truncation_of_every_contract_message_is_one_508_and_nothing_else() {
    use tws_api::client::dispatch_frame;
    for sv in [176, 187, 200, 203] {
        let header = if sv >= 201 { 4 } else { 3 };
        for frame in samples(sv) {
            let payload = &frame[4..];
            // Whole, it decodes to exactly one callback, not an error.
            let (mut rec, log) = common::CallRecorder::new();
            dispatch_frame(sv, payload, &mut rec);
            let calls = log.snapshot();
            assert_eq!(calls.len(), 1, "sv {sv}: {calls:?}");
            assert_ne!(calls[0].name, "error");
            // Cut anywhere after the message id (empty bodies aside), it is
            // exactly one error 508 under id -1.
            for cut in header..payload.len() {
                let (mut rec, log) = common::CallRecorder::new();
                dispatch_frame(sv, &payload[..cut], &mut rec);
                let calls = log.snapshot();
                if cut == header && calls.first().is_some_and(|c| c.name != "error") {
                    continue; // a message whose first field may be absent
                }
                assert_eq!(calls.len(), 1, "sv {sv}, cut {cut}: {calls:?}");
                assert_eq!(calls[0].name, "error", "sv {sv}, cut {cut}");
                assert_eq!(calls[0].arg(0), -1);
                assert_eq!(calls[0].arg(2), 508, "sv {sv}, cut {cut}");
            }
        }
    }
}

#[test]
fn garbled_numbers_in_contract_details_are_508() {
    use tws_api::client::dispatch_frame;
    let sv = 203;
    let frame = &samples(sv)[0];
    let payload = &frame[4..];
    // Replace the conId's digits with letters.
    let text = payload[4..].to_vec();
    let needle = b"708051180";
    let at = text
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let mut bad = payload[..4].to_vec();
    bad.extend_from_slice(&text[..at]);
    bad.extend_from_slice(b"70805x180");
    bad.extend_from_slice(&text[at + needle.len()..]);
    let (mut rec, log) = common::CallRecorder::new();
    dispatch_frame(sv, &bad, &mut rec);
    let calls = log.snapshot();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].arg(2), 508);
    assert!(s(calls[0].arg(3)).contains("con id"), "{calls:?}");
}

/// Writes `fuzz/corpus/frames/seed-contracts-sv176` and `-sv203`: every contract
/// message, then a truncated contractDetails (the frames target's layout:
/// version selector, one chunk, the stream).
/// `cargo test --test contracts -- --ignored write_fuzz_seeds` (again after
/// `fuzz_regressions`' `write_seed_corpus`, which removes every `seed-*`).
#[test]
#[ignore = "writes files; run by hand to refresh the contract seeds"]
fn write_fuzz_seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/frames");
    for (sv, selector) in [(176, 2u8), (203, 6u8)] {
        let mut data = vec![selector, 0];
        let frames = samples(sv);
        for f in &frames {
            data.extend_from_slice(f);
        }
        let first = &frames[0];
        let cut = first.len() / 2;
        data.extend_from_slice(&((cut - 4) as u32).to_be_bytes());
        data.extend_from_slice(&first[4..cut]);
        data.extend_from_slice(&frames[2]);
        std::fs::write(format!("{dir}/seed-contracts-sv{sv}"), data).unwrap();
    }
}

/// Our client's answers in the shape `tests/python/contracts_check.py` prints.
fn as_official_shape(c: &Call) -> Option<Value> {
    use serde_json::json;
    let a = |i: usize| c.arg(i).clone();
    let pairs = |v: &Value, keys: &[&str]| -> Value {
        Value::Array(
            v.as_array()
                .map(|l| {
                    l.iter()
                        .map(|o| Value::Array(keys.iter().map(|k| o[*k].clone()).collect()))
                        .collect()
                })
                .unwrap_or_default(),
        )
    };
    Some(match c.name {
        "error" => {
            let code = c.arg(2).as_i64().unwrap_or(0);
            if (2100..2200).contains(&code) {
                return None;
            }
            json!(["error", a(0), a(2), a(3)])
        }
        "contract_details" | "bond_contract_details" => {
            let d = c.arg(1);
            let mut out = serde_json::Map::new();
            for k in [
                "con_id",
                "symbol",
                "sec_type",
                "last_trade_date_or_contract_month",
                "last_trade_date",
                "strike",
                "right",
                "multiplier",
                "exchange",
                "primary_exchange",
                "currency",
                "local_symbol",
                "trading_class",
            ] {
                out.insert(k.into(), d["contract"][k].clone());
            }
            for k in [
                "market_name",
                "min_tick",
                "order_types",
                "valid_exchanges",
                "price_magnifier",
                "under_con_id",
                "long_name",
                "contract_month",
                "industry",
                "category",
                "subcategory",
                "time_zone_id",
                "trading_hours",
                "liquid_hours",
                "agg_group",
                "under_symbol",
                "under_sec_type",
                "market_rule_ids",
                "real_expiration_date",
                "last_trade_time",
                "stock_type",
                "cusip",
                "coupon",
                "maturity",
                "issue_date",
                "ratings",
                "bond_type",
                "coupon_type",
                "callable",
                "desc_append",
                "notes",
            ] {
                out.insert(k.into(), d[k].clone());
            }
            out.insert(
                "sec_id_list".into(),
                pairs(&d["sec_id_list"], &["tag", "value"]),
            );
            for k in ["min_size", "size_increment", "suggested_size_increment"] {
                // Python prints its unset decimal (2^127 - 1), ours is Decimal::MAX.
                let text = d[k].to_string();
                let text = if text == tws_api::UNSET_DECIMAL.to_string() {
                    "170141183460469231731687303715884105727".to_owned()
                } else {
                    text
                };
                out.insert(k.into(), Value::from(text));
            }
            json!([c.name, a(0), Value::Object(out)])
        }
        "symbol_samples" => {
            let list: Vec<Value> = c
                .arg(1)
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|d| {
                    let k = &d["contract"];
                    json!([
                        k["con_id"],
                        k["symbol"],
                        k["sec_type"],
                        k["primary_exchange"],
                        k["currency"],
                        d["derivative_sec_types"],
                        k["description"],
                        k["issuer_id"]
                    ])
                })
                .collect();
            json!(["symbol_samples", a(0), list])
        }
        "security_definition_option_parameter" => {
            let mut exps: Vec<String> = a(5)
                .as_array()
                .unwrap()
                .iter()
                .map(|v| s(v).to_owned())
                .collect();
            exps.sort();
            let mut strikes: Vec<f64> = a(6)
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            strikes.sort_by(f64::total_cmp);
            json!([c.name, a(0), a(1), a(2), a(3), a(4), exps, strikes])
        }
        "contract_details_end" | "security_definition_option_parameter_end" => {
            json!([c.name, a(0)])
        }
        "market_rule" => json!([
            "market_rule",
            a(0),
            pairs(c.arg(1), &["low_edge", "increment"])
        ]),
        "smart_components" => json!([
            "smart_components",
            a(0),
            pairs(c.arg(1), &["bit_number", "exchange", "exchange_letter"])
        ]),
        "mkt_depth_exchanges" => json!([
            "mkt_depth_exchanges",
            pairs(
                c.arg(0),
                &[
                    "exchange",
                    "sec_type",
                    "listing_exch",
                    "service_data_type",
                    "agg_group"
                ]
            )
        ]),
        _ => return None,
    })
}

/// Numbers by value (both sides as f64), everything else as is.
fn by_value(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.iter().map(by_value).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), by_value(v))).collect())
        }
        other => other.clone(),
    }
}

#[test]
fn the_official_client_gets_the_same_answers_from_the_sim_as_ours() {
    for official in common::python::official_clients("the official client's contract lookups") {
        the_official_client_gets_the_same_answers_from_the_sim_as_ours_with(official);
    }
}

fn the_official_client_gets_the_same_answers_from_the_sim_as_ours_with(
    official: common::python::Official,
) {
    let gw = gateway(203);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/contracts_check.py"
    );
    let out = official
        .python3()
        .args([script, "--port", &gw.port().to_string(), "--client-id", "9"])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let official: Value = serde_json::from_slice(&out.stdout).expect("JSON from the script");

    let (client, log, h) = connected_calls(&gw, 0);
    let stock = |sym: &str, sec: &str, exch: &str| Contract {
        symbol: sym.into(),
        sec_type: sec.into(),
        exchange: exch.into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    client
        .req_contract_details(1, &stock("AAPL", "STK", "SMART"))
        .unwrap();
    assert!(log.wait_for("contract_details_end", 1));
    let ibm = Contract {
        symbol: "IBM".into(),
        ..Contract::default()
    };
    client.req_contract_details(2, &ibm).unwrap();
    assert!(log.wait_for("contract_details_end", 2));
    client
        .req_contract_details(3, &stock("NOSUCH", "STK", "SMART"))
        .unwrap();
    assert!(log.wait_for("error", 3));
    client
        .req_contract_details(4, &stock("ES", "FUT", "CME"))
        .unwrap();
    assert!(log.wait_for("contract_details_end", 4));
    client
        .req_contract_details(5, &stock("EUR", "CASH", "IDEALPRO"))
        .unwrap();
    assert!(log.wait_for("contract_details_end", 5));
    let mut spy = stock("SPY", "OPT", "SMART");
    spy.strike = 0.0;
    client.req_contract_details(6, &spy).unwrap();
    assert!(log.wait_for("contract_details_end", 6));
    client.req_matching_symbols(7, "AAP").unwrap();
    assert!(log.wait_for("symbol_samples", 7));
    client
        .req_sec_def_opt_params(8, "SPY", "", "STK", 756733)
        .unwrap();
    assert!(log.wait_for("security_definition_option_parameter_end", 8));
    client.req_market_rule(26).unwrap();
    assert!(log.wait_for("market_rule", 26));
    client.req_smart_components(9, "9c0001").unwrap();
    assert!(log.wait_for("smart_components", 9));
    client.req_mkt_depth_exchanges().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "mkt_depth_exchanges")));
    let ours: Vec<Value> = log
        .snapshot()
        .iter()
        .filter_map(as_official_shape)
        .collect();
    let official: Vec<Value> = official.as_array().unwrap().to_vec();
    assert_eq!(ours.len(), official.len(), "callback count");
    assert_eq!(ours.len(), 66, "every answer compared");
    for (i, (o, r)) in official.iter().zip(&ours).enumerate() {
        assert_eq!(by_value(o), by_value(r), "callback {i}");
    }
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn an_old_server_gets_refusals_under_the_official_ids() {
    let gw = gateway(100);
    let (client, log, h) = connected_calls(&gw, 0);
    let issuer = Contract {
        symbol: "IBM".into(),
        sec_type: "BOND".into(),
        issuer_id: "e123".into(),
        ..Contract::default()
    };
    let e = client.req_contract_details(5, &issuer).unwrap_err();
    assert_eq!(e.code(), 503);
    assert_eq!(client.req_matching_symbols(6, "A").unwrap_err().code(), 503);
    assert_eq!(client.req_market_rule(26).unwrap_err().code(), 503);
    assert_eq!(client.req_smart_components(7, "x").unwrap_err().code(), 503);
    assert_eq!(client.req_mkt_depth_exchanges().unwrap_err().code(), 503);
    assert_eq!(
        client
            .req_sec_def_opt_params(8, "SPY", "", "STK", 756733)
            .unwrap_err()
            .code(),
        503
    );
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 503)
        .count()
        >= 6));
    let errors: Vec<(i64, String)> = log
        .named("error")
        .iter()
        .filter(|c| c.arg(2) == 503)
        .map(|c| (c.arg(0).as_i64().unwrap(), s(c.arg(3)).to_owned()))
        .collect();
    assert_eq!(errors.len(), 6, "{errors:?}");
    // reqContractDetails reports under its request id, the others under -1.
    assert_eq!(errors[0].0, 5);
    assert!(errors[0]
        .1
        .ends_with("  It does not support issuerId parameter in reqContractDetails."));
    assert!(errors[1..].iter().all(|(id, _)| *id == -1), "{errors:?}");
    assert!(errors[2]
        .1
        .ends_with(" It does not support market rule requests."));
    // A request the old server can take still works.
    client
        .req_contract_details(9, &Contract::stock("AAPL", "SMART", "USD"))
        .unwrap();
    assert!(log.wait_for("contract_details_end", 9));
    assert_eq!(
        log.named("contract_details")[0].arg(1)["contract"]["con_id"],
        265598
    );
    client.disconnect();
    h.join().unwrap();
}
