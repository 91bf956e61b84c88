//! Dispatch of the contract and reference-data messages: decoded with
//! [`crate::messages::contracts`] and delivered to their callbacks. The table
//! in `dispatch/mod.rs` routes their ids here.

use crate::messages::contracts::{
    BondContractData, ContractData, ContractDataEnd, MarketRule, MktDepthExchanges,
    SecurityDefinitionOptionParameter, SecurityDefinitionOptionParameterEnd, SmartComponents,
    SymbolSamples,
};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one contract or reference-data message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::CONTRACT_DATA => {
            let m = ContractData::decode(sv, r)?;
            w.contract_details(m.req_id, &m.details);
        }
        incoming::BOND_CONTRACT_DATA => {
            let m = BondContractData::decode(sv, r)?;
            w.bond_contract_details(m.req_id, &m.details);
        }
        incoming::CONTRACT_DATA_END => {
            let m = ContractDataEnd::decode(sv, r)?;
            w.contract_details_end(m.req_id);
        }
        incoming::SYMBOL_SAMPLES => {
            let m = SymbolSamples::decode(sv, r)?;
            w.symbol_samples(m.req_id, &m.contract_descriptions);
        }
        incoming::SECURITY_DEFINITION_OPTION_PARAMETER => {
            let m = SecurityDefinitionOptionParameter::decode(sv, r)?;
            // The official decoder collects both lists into sets: repeated
            // values are delivered once (first occurrence kept, order as sent).
            let expirations = dedup(m.expirations, |a, b| a == b);
            let strikes = dedup(m.strikes, |a, b| a == b);
            w.security_definition_option_parameter(
                m.req_id,
                &m.exchange,
                m.underlying_con_id,
                &m.trading_class,
                &m.multiplier,
                &expirations,
                &strikes,
            );
        }
        incoming::SECURITY_DEFINITION_OPTION_PARAMETER_END => {
            let m = SecurityDefinitionOptionParameterEnd::decode(sv, r)?;
            w.security_definition_option_parameter_end(m.req_id);
        }
        incoming::MARKET_RULE => {
            let m = MarketRule::decode(sv, r)?;
            w.market_rule(m.market_rule_id, &m.price_increments);
        }
        incoming::SMART_COMPONENTS => {
            let m = SmartComponents::decode(sv, r)?;
            w.smart_components(m.req_id, &m.smart_component_map);
        }
        incoming::MKT_DEPTH_EXCHANGES => {
            let m = MktDepthExchanges::decode(sv, r)?;
            w.mkt_depth_exchanges(&m.depth_mkt_data_descriptions);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}

/// Drops repeated values, keeping the first of each in order. Quadratic, but
/// chains hold tens to a few hundred values and almost never repeat.
fn dedup<T>(values: Vec<T>, eq: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for v in values {
        if !out.iter().any(|o| eq(o, &v)) {
            out.push(v);
        }
    }
    out
}
