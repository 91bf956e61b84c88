//! Contract and reference-data messages: contractDetails (every version
//! branch: fund fields, last trade date, ineligibility reasons, size rules),
//! bondContractDetails (maturity with time and zone, trading hours),
//! contractDetailsEnd, symbolSamples, securityDefinitionOptionParameter(End),
//! marketRule, smartComponents, mktDepthExchanges.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::contracts::{
    BondContractData, ContractData, ContractDataEnd, MarketRule, MktDepthExchanges,
    SecurityDefinitionOptionParameter, SecurityDefinitionOptionParameterEnd, SmartComponents,
    SymbolSamples,
};
use tws_api::messages::ids::incoming;
use tws_api::model::{
    ContractDescription, ContractDetails, DepthMktDataDescription, FundAssetType,
    FundDistributionPolicyIndicator, IneligibilityReason, PriceIncrement, SmartComponent, TagValue,
    UNSET_DECIMAL, UNSET_INTEGER,
};

fn sec_ids(r: &mut Rng) -> Vec<TagValue> {
    match r.next_u64() % 4 {
        0 => Vec::new(),
        1 => vec![TagValue::new("ISIN", "US0378331005")],
        2 => vec![
            TagValue::new("CUSIP", "037833100"),
            TagValue::new("ISIN", "US0378331005"),
            TagValue::new("SEDOL", "2046251"),
            TagValue::new("FIGI", "BBG000B9XRY4"),
            TagValue::new("RIC", "AAPL.OQ"),
        ],
        _ => vec![
            TagValue::new("", ""),
            TagValue::new("X", r.text().replace('\\', "/")),
        ],
    }
}

fn details(r: &mut Rng, sec_type: &str) -> ContractDetails {
    let mut d = ContractDetails::default();
    let c = &mut d.contract;
    c.con_id = r.int();
    c.symbol = r.pick(&["AAPL", "SPY", "ES", "EUR", ""]).into();
    c.sec_type = sec_type.into();
    c.last_trade_date_or_contract_month = r.pick(&["", "20261218", "202612"]).into();
    c.last_trade_date = r.pick(&["", "20261218"]).into();
    c.strike = r.price();
    c.right = r.pick(&["", "C", "P"]).into();
    c.multiplier = r.pick(&["", "100", "50", "0.1"]).into();
    c.exchange = r.pick(&["SMART", "CME", "IDEALPRO", ""]).into();
    c.primary_exchange = r.pick(&["NASDAQ", "", "ARCA"]).into();
    c.currency = r.pick(&["USD", "EUR", ""]).into();
    c.local_symbol = r
        .pick(&["AAPL", "SPY   261218C00590000", "ESZ6", ""])
        .into();
    c.trading_class = r.pick(&["NMS", "SPY", ""]).into();
    d.last_trade_time = r.pick(&["", "16:00", "08:30"]).into();
    d.market_name = r.pick(&["NMS", "", "ES"]).into();
    d.min_tick = r.pick(&[0.01, 0.00005, 0.25, 1e-9, 0.0, f64::MAX]);
    d.order_types = r.pick(&["ACTIVETIM,AD,LMT,MKT", ""]).into();
    d.valid_exchanges = r.pick(&["SMART,NASDAQ,ARCA", "", "IDEALPRO"]).into();
    d.price_magnifier = r.pick(&[0, 1, 100]);
    d.under_con_id = r.int();
    d.long_name = r.text();
    d.contract_month = r.pick(&["", "202612"]).into();
    d.industry = r.pick(&["Technology", "", "Funds"]).into();
    d.category = r.pick(&["Computers", ""]).into();
    d.subcategory = r.pick(&["Computers", "Large Cap", ""]).into();
    d.time_zone_id = r.pick(&["US/Eastern", "US/Central", ""]).into();
    d.trading_hours = r
        .pick(&[
            "",
            "20261129:CLOSED;20261130:0400-20261130:2000",
            "20261129:1700-20261130:1600",
        ])
        .into();
    d.liquid_hours = r.pick(&["", "20261130:0930-20261130:1600"]).into();
    d.ev_rule = r.pick(&["", "aussieBond:YearsToExpiration=3"]).into();
    d.ev_multiplier = r.pick(&[0, 1, 10]);
    d.sec_id_list = sec_ids(r);
    d.agg_group = r.pick(&[0, 1, 4, UNSET_INTEGER]);
    d.under_symbol = r.pick(&["", "SPY", "ES"]).into();
    d.under_sec_type = r.pick(&["", "STK", "IND"]).into();
    d.market_rule_ids = r.pick(&["", "26,26,26", "239"]).into();
    d.real_expiration_date = r.pick(&["", "20261218"]).into();
    d.stock_type = r.pick(&["", "COMMON", "ETF"]).into();
    d.min_size = r.decimal();
    d.size_increment = r.pick(&[UNSET_DECIMAL, "0.0001".parse().unwrap()]);
    d.suggested_size_increment = r.decimal();
    if sec_type == "FUND" {
        d.fund_name = r.text();
        d.fund_family = "Family".into();
        d.fund_type = "OEF".into();
        d.fund_front_load = "0.5".into();
        d.fund_back_load = "".into();
        d.fund_back_load_time_interval = "1Y".into();
        d.fund_management_fee = "0.25".into();
        d.fund_closed = r.bool();
        d.fund_closed_for_new_investors = r.bool();
        d.fund_closed_for_new_money = r.bool();
        d.fund_notify_amount = "1000".into();
        d.fund_minimum_initial_purchase = "2500".into();
        d.fund_subsequent_minimum_purchase = "100".into();
        d.fund_blue_sky_states = "CA,NY".into();
        d.fund_blue_sky_territories = "".into();
        // "000" (Others) is left out: the official enum has a stray comma
        // that makes it decode as NoneItem (see docs/porting-from-python.md).
        d.fund_distribution_policy_indicator = r.pick(&FundDistributionPolicyIndicator::ALL);
        d.fund_asset_type = r.pick(&FundAssetType::ALL[2..]);
    }
    if r.next_u64() % 3 == 0 {
        d.ineligibility_reason_list = vec![
            IneligibilityReason {
                id: "1".into(),
                description: "No trading permission".into(),
            },
            IneligibilityReason {
                id: "".into(),
                description: r.text().replace('\\', "/"),
            },
        ];
    }
    d
}

fn bond(r: &mut Rng) -> ContractDetails {
    let mut d = details(r, "BOND");
    d.contract.last_trade_date_or_contract_month.clear();
    d.contract.last_trade_date.clear();
    d.contract.strike = 0.0;
    d.contract.right.clear();
    d.contract.multiplier.clear();
    d.contract.primary_exchange.clear();
    d.contract.local_symbol.clear();
    d.contract_month.clear();
    d.industry.clear();
    d.category.clear();
    d.subcategory.clear();
    d.under_con_id = 0;
    d.under_symbol.clear();
    d.under_sec_type.clear();
    d.real_expiration_date.clear();
    d.stock_type.clear();
    d.price_magnifier = 0;
    d.ineligibility_reason_list.clear();
    // A bond's long name is read as is (not unescaped): plain text.
    d.long_name = r
        .pick(&["International Business Machines Corp", "", "US T-Bond"])
        .into();
    d.cusip = r.pick(&["459200KB6", "912810TM0", ""]).into();
    d.coupon = r.pick(&[4.15, 0.0, 1e-9, 12.5]);
    d.maturity = r.pick(&["20390515", ""]).into();
    if d.maturity.is_empty() {
        d.last_trade_time.clear();
    } else if d.last_trade_time.is_empty() {
        d.last_trade_time = "17:00".into();
    }
    d.issue_date = r.pick(&["20190515", ""]).into();
    d.ratings = r.pick(&["A3/A-", ""]).into();
    d.bond_type = r.pick(&["CORP", "US-T"]).into();
    d.coupon_type = r.pick(&["FIXED", "ZERO"]).into();
    d.convertible = r.bool();
    d.callable = r.bool();
    d.putable = r.bool();
    d.desc_append = r.pick(&["IBM 4.15 05/15/39", ""]).into();
    d.next_option_date = r.pick(&["", "20390215"]).into();
    d.next_option_type = r.pick(&["", "Call"]).into();
    d.next_option_partial = r.bool();
    d.notes = r.pick(&["", "Callable at par"]).into();
    d
}

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(8);
    for sv in VERSIONS {
        for sec_type in ["STK", "OPT", "FUT", "CASH", "IND", "FUND", "FUND", "FUND"] {
            for _ in 0..4 {
                let details = details(&mut r, sec_type);
                f.add(
                    sv,
                    &ContractData {
                        req_id: r.int(),
                        details,
                    },
                );
            }
        }
        for _ in 0..12 {
            let details = bond(&mut r);
            f.add(
                sv,
                &BondContractData {
                    req_id: r.int(),
                    details,
                },
            );
        }
        f.add(sv, &ContractDataEnd { req_id: r.int() });
        f.add(sv, &ContractDataEnd { req_id: -1 });

        f.add(
            sv,
            &SymbolSamples {
                req_id: r.int(),
                contract_descriptions: Vec::new(),
            },
        );
        let mut descriptions = Vec::new();
        for i in 0..5 {
            let mut d = ContractDescription::default();
            d.contract.con_id = r.int();
            d.contract.symbol = r.pick(&["AAPL", "AAP", "", "MSFT"]).into();
            d.contract.sec_type = r.pick(&["STK", "IND", "CASH"]).into();
            d.contract.primary_exchange = r.pick(&["NASDAQ", "", "MEXI"]).into();
            d.contract.currency = r.pick(&["USD", "MXN"]).into();
            d.derivative_sec_types = match i % 3 {
                0 => Vec::new(),
                1 => vec!["OPT".into()],
                _ => vec![
                    "CFD".into(),
                    "OPT".into(),
                    "IOPT".into(),
                    "WAR".into(),
                    "BAG".into(),
                ],
            };
            d.contract.description = r.pick(&["APPLE INC", "", "a;b=c"]).into();
            d.contract.issuer_id = r.pick(&["", "e1234567"]).into();
            descriptions.push(d);
            f.add(
                sv,
                &SymbolSamples {
                    req_id: r.int(),
                    contract_descriptions: descriptions.clone(),
                },
            );
        }

        for (expirations, strikes) in [
            (vec![], vec![]),
            (vec!["20261218".to_string()], vec![590.0]),
            (
                vec!["20261218".into(), "20270115".into(), "20270219".into()],
                vec![575.0, 580.0, 585.0, 590.0, 592.5, 0.01, 1e-9, 1e15],
            ),
            // Repeats, which the official decoder's sets drop (0.0 and -0.0
            // are one value there).
            (
                vec![
                    "20261218".into(),
                    "20270115".into(),
                    "20261218".into(),
                    "20261218".into(),
                ],
                vec![575.0, 580.0, 575.0, 0.0, -0.0, 580.0, 1e15, 1e15],
            ),
        ] {
            f.add(
                sv,
                &SecurityDefinitionOptionParameter {
                    req_id: r.int(),
                    exchange: r.pick(&["SMART", "CBOE", ""]).into(),
                    underlying_con_id: r.int(),
                    trading_class: r.pick(&["SPY", ""]).into(),
                    multiplier: r.pick(&["100", "", "10"]).into(),
                    expirations,
                    strikes,
                },
            );
        }
        f.add(
            sv,
            &SecurityDefinitionOptionParameterEnd { req_id: r.int() },
        );

        for rungs in [
            vec![],
            vec![(0.0, 0.01)],
            vec![(0.0, 0.01), (3.0, 0.05)],
            vec![(0.0, 0.00005), (1e15, 1e-9), (f64::MAX, 0.25)],
        ] {
            f.add(
                sv,
                &MarketRule {
                    market_rule_id: r.int(),
                    price_increments: rungs
                        .into_iter()
                        .map(|(low_edge, increment)| PriceIncrement {
                            low_edge,
                            increment,
                        })
                        .collect(),
                },
            );
        }

        for n in [0, 1, 8] {
            f.add(
                sv,
                &SmartComponents {
                    req_id: r.int(),
                    smart_component_map: (0..n)
                        .map(|i| SmartComponent {
                            bit_number: i,
                            exchange: r.pick(&["NYSE", "ARCA", ""]).into(),
                            exchange_letter: r.pick(&["N", "P", ""]).into(),
                        })
                        .collect(),
                },
            );
        }

        for n in [0, 1, 5] {
            f.add(
                sv,
                &MktDepthExchanges {
                    depth_mkt_data_descriptions: (0..n)
                        .map(|_| DepthMktDataDescription {
                            exchange: r.pick(&["NYSE", "ISLAND", "CME", ""]).into(),
                            sec_type: r.pick(&["STK", "FUT", "OPT"]).into(),
                            listing_exch: r.pick(&["NYSE", "NASDAQ", ""]).into(),
                            service_data_type: r.pick(&["Deep", "Deep2", ""]).into(),
                            agg_group: r.pick(&[0, 1, 2, UNSET_INTEGER]),
                        })
                        .collect(),
                },
            );
        }
    }

    // Hand-made frames: what TWS may send that our encoder does not produce.
    for sv in VERSIONS {
        let fields_203 = |date: &'static str| -> Vec<&'static str> {
            let mut v = vec!["7", "AAPL", "OPT", date];
            if sv >= 182 {
                v.push("20261218");
            }
            v.extend([
                "590",
                "C",
                "SMART",
                "USD",
                "SPY   261218C00590000",
                "SPY",
                "SPY",
                "12345",
                "0.01",
                "100",
                "LMT",
                "SMART",
                "1",
                "756733",
                "SPY",
                "ARCA",
                "202612",
                "",
                "",
                "",
                "US/Eastern",
                "",
                "",
                "",
                "",
                "0",
                "",
                "SPY",
                "STK",
                "32",
                "20261218",
                "",
                "1",
                "1",
                "1",
            ]);
            if sv >= 186 {
                v.push("0");
            }
            v
        };
        for date in [
            "20261218 16:00",
            "20261218-16:00",
            "20261218 16:00 US/Eastern",
            "20261218-",
            "-",
            "",
            "  ",
        ] {
            f.add_fields(sv, incoming::CONTRACT_DATA, &fields_203(date));
        }
        // A negative secIdList count is an empty list.
        let mut neg = fields_203("20261218");
        let at = neg.iter().position(|x| *x == "0").expect("ev multiplier");
        neg[at] = "-3";
        f.add_fields(sv, incoming::CONTRACT_DATA, &neg);
        // Bond maturity with time and zone, separated by '-'.
        let mut b = vec![
            "3",
            "IBM",
            "BOND",
            "459200KB6",
            "4.15",
            "20390515-17:00-US/Eastern",
            "20190515",
            "A3",
            "CORP",
            "FIXED",
            "0",
            "1",
            "0",
            "IBM 4.15",
            "SMART",
            "USD",
            "IBM",
            "IBM",
            "42",
            "0.001",
            "LMT",
            "SMART",
            "",
            "",
            "0",
            "",
            "Intl Bus Mach",
        ];
        if sv >= 188 {
            b.extend(["US/Eastern", "20261130:0800-20261130:1700", ""]);
        }
        b.extend([
            "",
            "0",
            "1",
            "CUSIP",
            "459200KB6",
            "2147483647",
            "635",
            "2000",
            "1000",
            "1000",
        ]);
        f.add_fields(sv, incoming::BOND_CONTRACT_DATA, &b);
        // Counts of zero and below in the short messages.
        f.add_fields(sv, incoming::MARKET_RULE, &["26", "-1"]);
        f.add_fields(sv, incoming::SMART_COMPONENTS, &["5", "0"]);
        f.add_fields(sv, incoming::MKT_DEPTH_EXCHANGES, &["-2"]);
        f.add_fields(sv, incoming::SYMBOL_SAMPLES, &["9", "0"]);
    }
}
