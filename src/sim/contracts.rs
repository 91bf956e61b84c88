//! The sim's contract details and reference data, from the built-in
//! universe ([`super::universe`]): contract lookups (bonds answered with
//! `bondContractDetails`, error 200 when nothing matches), matching symbols,
//! option chain parameters, market rules, SMART components and depth
//! exchanges.

use super::session::Session;
use super::universe;
use crate::errors::NO_SECURITY_DEFINITION;
use crate::messages::contracts::{
    BondContractData, ContractData, ContractDataEnd, MarketRule, MktDepthExchanges,
    ReqContractDetails, ReqSecDefOptParams, SecurityDefinitionOptionParameter,
    SecurityDefinitionOptionParameterEnd, SmartComponents, SymbolSamples,
};
use crate::messages::ids::ContractsRequest;
use crate::model::{
    Contract, ContractDescription, ContractDetails, DepthMktDataDescription, PriceIncrement,
    SmartComponent, UNSET_DOUBLE, UNSET_INTEGER,
};

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, req: ContractsRequest) {
    match req {
        ContractsRequest::ReqContractDetails(m) => {
            req_contract_details(s, &m);
        }
        ContractsRequest::ReqMatchingSymbols(m) => {
            let contract_descriptions = matching_symbols(&m.pattern);
            s.send(&SymbolSamples {
                req_id: m.req_id,
                contract_descriptions,
            });
        }
        ContractsRequest::ReqSecDefOptParams(m) => {
            for p in sec_def_opt_params(&m) {
                s.send(&p);
            }
            s.send(&SecurityDefinitionOptionParameterEnd { req_id: m.req_id });
        }
        ContractsRequest::ReqMarketRule(m) => match market_rule(m.market_rule_id) {
            Some(price_increments) => s.send(&MarketRule {
                market_rule_id: m.market_rule_id,
                price_increments,
            }),
            None => s.send_error(
                -1,
                321,
                &format!(
                    "Error validating request.-'cf' : cause - Invalid market rule id: {}",
                    m.market_rule_id
                ),
            ),
        },
        ContractsRequest::ReqSmartComponents(m) => {
            s.send(&SmartComponents {
                req_id: m.req_id,
                smart_component_map: smart_components(&m.bbo_exchange),
            });
        }
        ContractsRequest::ReqMktDepthExchanges(_) => {
            s.send(&MktDepthExchanges {
                depth_mkt_data_descriptions: depth_exchanges(),
            });
        }
    }
}

fn req_contract_details(s: &mut Session<'_>, m: &ReqContractDetails) {
    let found = lookup(&m.contract);
    if found.is_empty() {
        s.send_error(
            m.req_id,
            NO_SECURITY_DEFINITION.code,
            NO_SECURITY_DEFINITION.msg,
        );
        return;
    }
    for details in found {
        if details.contract.sec_type == "BOND" {
            s.send(&BondContractData {
                req_id: m.req_id,
                details,
            });
        } else {
            s.send(&ContractData {
                req_id: m.req_id,
                details,
            });
        }
    }
    s.send(&ContractDataEnd { req_id: m.req_id });
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `C`/`CALL` and `P`/`PUT` are the same right: `C` or `P` (anything else as is).
pub(crate) fn right_of(r: &str) -> String {
    match r.to_ascii_uppercase().as_str() {
        "CALL" => "C".into(),
        "PUT" => "P".into(),
        other => other.to_owned(),
    }
}

/// Whether `d` answers the description `q`, as TWS matches: every field
/// given must agree; the exchange may be any of the valid exchanges.
fn matches(q: &Contract, d: &ContractDetails) -> bool {
    let c = &d.contract;
    if q.con_id > 0 {
        return q.con_id == c.con_id && (q.exchange.is_empty() || valid_on(d, &q.exchange));
    }
    if q.symbol.is_empty() && q.local_symbol.is_empty() && q.sec_id.is_empty() {
        return false;
    }
    let given = |f: &str| !f.is_empty();
    (!given(&q.symbol) || same(&q.symbol, &c.symbol))
        && (!given(&q.local_symbol) || same(&q.local_symbol, &c.local_symbol))
        && (!given(&q.sec_id)
            || d.sec_id_list.iter().any(|tv| {
                (q.sec_id_type.is_empty() || same(&q.sec_id_type, &tv.tag))
                    && same(&q.sec_id, &tv.value)
            }))
        && (!given(&q.sec_type) || same(&q.sec_type, &c.sec_type))
        && (!given(&q.exchange) || valid_on(d, &q.exchange))
        && (!given(&q.primary_exchange) || same(&q.primary_exchange, &c.primary_exchange))
        && (!given(&q.currency) || same(&q.currency, &c.currency))
        && (!given(&q.last_trade_date_or_contract_month)
            || c.last_trade_date_or_contract_month
                .starts_with(&q.last_trade_date_or_contract_month)
            || d.contract_month == q.last_trade_date_or_contract_month)
        && (q.strike == UNSET_DOUBLE || q.strike == 0.0 || (q.strike - c.strike).abs() < 1e-9)
        && (!given(&q.right) || right_of(&q.right) == c.right)
        && (!given(&q.multiplier) || q.multiplier == c.multiplier)
        && (!given(&q.trading_class) || same(&q.trading_class, &c.trading_class))
}

fn valid_on(d: &ContractDetails, exchange: &str) -> bool {
    same(&d.contract.exchange, exchange) || d.valid_exchanges.split(',').any(|e| same(e, exchange))
}

/// The instruments matching `q`, each with the exchange asked for (TWS
/// answers on the exchange of the request when the contract trades there).
pub(crate) fn lookup(q: &Contract) -> Vec<ContractDetails> {
    universe::instruments()
        .iter()
        .filter(|d| matches(q, d))
        .cloned()
        .map(|mut d| {
            if !q.exchange.is_empty() && !same(&q.exchange, &d.contract.exchange) {
                d.contract.exchange = q.exchange.to_ascii_uppercase();
            }
            d
        })
        .collect()
}

/// The contract as TWS completes it (conId, primary exchange, local symbol,
/// trading class, …) when `c` names exactly one instrument of the universe;
/// `c` as it is otherwise. Orders are booked and positions reported with it.
pub(crate) fn complete(c: &Contract) -> Contract {
    let mut found = lookup(c).into_iter();
    match (found.next(), found.next()) {
        (Some(d), None) => d.contract,
        _ => c.clone(),
    }
}

/// `reqMatchingSymbols`: underlyings (not derivatives, not bonds) whose symbol
/// starts with the pattern or whose name contains it, at most 16.
fn matching_symbols(pattern: &str) -> Vec<ContractDescription> {
    let p = pattern.trim().to_ascii_uppercase();
    if p.is_empty() {
        return Vec::new();
    }
    let all = universe::instruments();
    all.iter()
        .filter(|d| matches!(d.contract.sec_type.as_str(), "STK" | "IND" | "CASH"))
        .filter(|d| {
            d.contract.symbol.to_ascii_uppercase().starts_with(&p)
                || d.long_name.to_ascii_uppercase().contains(&p)
        })
        .take(16)
        .map(|d| {
            let c = &d.contract;
            let mut derivative_sec_types: Vec<String> = match c.sec_type.as_str() {
                "STK" => vec!["CFD".into(), "OPT".into(), "IOPT".into(), "WAR".into()],
                "IND" => vec!["OPT".into(), "FUT".into()],
                _ => vec!["CFD".into()],
            };
            if c.sec_type == "STK" && c.currency == "USD" {
                derivative_sec_types.push("SSF".into());
                derivative_sec_types.push("BAG".into());
            }
            ContractDescription {
                contract: Contract {
                    con_id: c.con_id,
                    symbol: c.symbol.clone(),
                    sec_type: c.sec_type.clone(),
                    primary_exchange: if c.primary_exchange.is_empty() {
                        c.exchange.clone()
                    } else {
                        c.primary_exchange.clone()
                    },
                    currency: c.currency.clone(),
                    description: d.long_name.clone(),
                    ..Contract::default()
                },
                derivative_sec_types,
            }
        })
        .collect()
}

/// `reqSecDefOptParams`: the SPY chain, one message per option exchange
/// (only `fut_fop_exchange` when given).
fn sec_def_opt_params(m: &ReqSecDefOptParams) -> Vec<SecurityDefinitionOptionParameter> {
    let spy = m.underlying_con_id == 756733
        || (m.underlying_con_id <= 0 && same(&m.underlying_symbol, "SPY"));
    if !spy || !(m.underlying_sec_type.is_empty() || same(&m.underlying_sec_type, "STK")) {
        return Vec::new();
    }
    let (expirations, strikes) = universe::spy_chain();
    ["SMART", "AMEX", "CBOE", "ISE", "PHLX", "BOX", "MIAX"]
        .into_iter()
        .filter(|e| m.fut_fop_exchange.is_empty() || same(&m.fut_fop_exchange, e))
        .map(|exchange| SecurityDefinitionOptionParameter {
            req_id: m.req_id,
            exchange: exchange.into(),
            underlying_con_id: 756733,
            trading_class: "SPY".into(),
            multiplier: "100".into(),
            expirations: expirations.clone(),
            strikes: strikes.clone(),
        })
        .collect()
}

/// The price ladders of the market rule ids the universe uses.
pub(crate) fn market_rule(id: i32) -> Option<Vec<PriceIncrement>> {
    let rungs: &[(f64, f64)] = match id {
        26 | 110 => &[(0.0, 0.01)],
        32 => &[(0.0, 0.01)],
        109 => &[(0.0, 0.01), (3.0, 0.05)],
        67 => &[(0.0, 0.25)],
        239 => &[(0.0, 0.00005)],
        635 => &[(0.0, 0.001)],
        1161 => &[(0.0, 0.001), (1.0, 0.01), (100.0, 0.05), (500.0, 0.1)],
        _ => return None,
    };
    Some(
        rungs
            .iter()
            .map(|&(low_edge, increment)| PriceIncrement {
                low_edge,
                increment,
            })
            .collect(),
    )
}

/// The exchanges behind the BBO exchange code the sim's `tickReqParams`
/// gives (`9c0001`); none for other codes.
fn smart_components(bbo_exchange: &str) -> Vec<SmartComponent> {
    if bbo_exchange != "9c0001" {
        return Vec::new();
    }
    [
        (0, "NYSE", "N"),
        (1, "ARCA", "P"),
        (2, "NASDAQ", "Q"),
        (3, "BATS", "Z"),
        (4, "EDGX", "K"),
        (5, "IEX", "V"),
        (6, "AMEX", "A"),
        (7, "MEMX", "U"),
    ]
    .into_iter()
    .map(|(bit_number, exchange, letter)| SmartComponent {
        bit_number,
        exchange: exchange.into(),
        exchange_letter: letter.into(),
    })
    .collect()
}

/// The exchanges offering depth.
fn depth_exchanges() -> Vec<DepthMktDataDescription> {
    [
        ("NYSE", "STK", "NYSE", "Deep", 1),
        ("ARCA", "STK", "ARCA", "Deep", 1),
        ("ISLAND", "STK", "NASDAQ", "Deep2", 1),
        ("BATS", "STK", "", "Deep", 1),
        ("IEX", "STK", "", "Deep", 1),
        ("CME", "FUT", "", "Deep", 2),
        ("IDEALPRO", "CASH", "", "Deep", 4),
        ("CBOE", "OPT", "", "Deep", UNSET_INTEGER),
    ]
    .into_iter()
    .map(
        |(exchange, sec_type, listing, service, agg_group)| DepthMktDataDescription {
            exchange: exchange.into(),
            sec_type: sec_type.into(),
            listing_exch: listing.into(),
            service_data_type: service.into(),
            agg_group,
        },
    )
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let by_id = lookup(&Contract {
            con_id: 8314,
            ..Contract::default()
        });
        assert_eq!(by_id.len(), 1);
        assert_eq!(by_id[0].contract.symbol, "IBM");
        assert_eq!(lookup(&Contract::stock("AAPL", "SMART", "USD")).len(), 1);
        assert_eq!(lookup(&Contract::stock("AAPL", "", "")).len(), 2);
        let nasdaq = lookup(&Contract::stock("AAPL", "ISLAND", "USD"));
        assert_eq!(nasdaq[0].contract.exchange, "ISLAND");
        assert!(lookup(&Contract::stock("NOPE", "SMART", "USD")).is_empty());
        let ibm = lookup(&Contract {
            symbol: "IBM".into(),
            ..Contract::default()
        });
        assert_eq!(ibm.len(), 2);
        let (expiries, strikes) = universe::spy_chain();
        let one = lookup(&Contract::option(
            "SPY",
            expiries[0].as_str(),
            strikes[3],
            "CALL",
            "SMART",
            "USD",
        ));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].contract.right, "C");
        let month = &expiries[1][..6];
        let all_strikes = lookup(&Contract::option(
            "SPY",
            month,
            UNSET_DOUBLE,
            "",
            "SMART",
            "USD",
        ));
        assert_eq!(all_strikes.len(), 14);
        assert_eq!(lookup(&Contract::future("ES", "", "CME", "USD")).len(), 2);
        assert_eq!(lookup(&Contract::forex("EUR", "USD")).len(), 1);
        let isin = lookup(&Contract {
            sec_id_type: "ISIN".into(),
            sec_id: "US0378331005".into(),
            currency: "USD".into(),
            ..Contract::default()
        });
        assert_eq!(isin.len(), 1);
    }

    #[test]
    fn every_rule_of_the_universe_is_known() {
        for d in universe::instruments().iter() {
            for id in d.market_rule_ids.split(',') {
                let id: i32 = id.parse().unwrap();
                assert!(market_rule(id).is_some(), "rule {id}");
            }
        }
    }

    #[test]
    fn symbols_match_by_prefix_or_name() {
        let found = matching_symbols("ms");
        assert_eq!(found[0].contract.symbol, "MSFT");
        let by_name = matching_symbols("apple");
        assert_eq!(by_name.len(), 2);
        assert!(matching_symbols("").is_empty());
    }
}
