//! The sim's contract details and reference data, from the built-in
//! universe ([`super::universe`]): contract lookups (bonds answered with
//! `bondContractDetails`, error 200 when nothing matches), matching symbols,
//! option chain parameters, market rules, SMART components and depth
//! exchanges.

use super::session::Session;
use super::universe::{self, lookup, same};
use crate::errors::NO_SECURITY_DEFINITION;
use crate::messages::contracts::{
    BondContractData, ContractData, ContractDataEnd, MarketRule, MktDepthExchanges,
    ReqContractDetails, ReqSecDefOptParams, SecurityDefinitionOptionParameter,
    SecurityDefinitionOptionParameterEnd, SmartComponents, SymbolSamples,
};
use crate::messages::ids::ContractsRequest;
use crate::model::{
    Contract, ContractDescription, DepthMktDataDescription, PriceIncrement, SmartComponent,
    UNSET_INTEGER,
};

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, req: ContractsRequest) {
    match req {
        ContractsRequest::ReqContractDetails(m) => {
            req_contract_details(s, &m);
        }
        // Contract details are answered at once: nothing is left to stop.
        ContractsRequest::CancelContractData(_) => {}
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
