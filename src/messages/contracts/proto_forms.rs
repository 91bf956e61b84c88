//! The protobuf forms of the contract-details messages (server version 205,
//! `MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA`, on): `reqContractDetails`,
//! `contractDetails`, `bondContractDetails` and `contractDetailsEnd`, read
//! as the official 10.51.1 decoder reads them (`decodeContractDetails`) and
//! written as TWS fills them; and those of server version 212 (option
//! chains, matching symbols, SMART components, market rules).

use super::details::{join_last_trade_date, split_last_trade_date};
use super::{
    BondContractData, ContractData, ContractDataEnd, MarketRule, ReqContractDetails, ReqMarketRule,
    ReqMatchingSymbols, ReqSecDefOptParams, ReqSmartComponents, SecurityDefinitionOptionParameter,
    SecurityDefinitionOptionParameterEnd, SmartComponents, SymbolSamples,
};
use super::{MktDepthExchanges, ReqMktDepthExchanges};
use crate::errors::NO_VALID_ID;
use crate::messages::orders::proto_in::{contract, dec, request_contract_of, tag_values};
use crate::messages::orders::proto_out::{contract_proto, contract_to_proto, map};
use crate::messages::protobuf::{b, f, i, s, text};
use crate::messages::ProtoForm;
use crate::model::DepthMktDataDescription;
use crate::model::{
    ContractDescription, ContractDetails, FundAssetType, FundDistributionPolicyIndicator,
    IneligibilityReason, Order, PriceIncrement, SmartComponent, UNSET_DECIMAL, UNSET_INTEGER,
};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

/// A contract's details from the two protobuf messages of `contractData`
/// (`decodeContractDetails`). The last trade date field is split as the
/// text form splits it: for a bond into maturity, last trade time and time
/// zone (the contract keeps the whole field), otherwise into the contract's
/// date and the last trade time.
fn details(
    pc: &proto::Contract,
    p: &proto::ContractDetails,
    bond: bool,
) -> Result<ContractDetails, DecodeError> {
    let mut d = ContractDetails {
        contract: contract(pc),
        ..ContractDetails::default()
    };
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &p.$f { d.$f = v.clone(); } )* };
    }
    set!(market_name);
    if let Some(t) = &p.min_tick {
        d.min_tick = t
            .trim()
            .parse()
            .map_err(|_| DecodeError::Invalid(format!("min tick {t:?} is no number")))?;
    }
    set!(
        price_magnifier,
        order_types,
        valid_exchanges,
        under_con_id,
        long_name,
        contract_month,
        industry,
        category,
        subcategory,
        time_zone_id,
        trading_hours,
        liquid_hours,
        ev_rule
    );
    if let Some(v) = p.ev_multiplier {
        // A double on this path; TWS sends whole multipliers.
        d.ev_multiplier = v as i32;
    }
    d.sec_id_list = tag_values(&p.sec_id_list);
    set!(
        agg_group,
        under_symbol,
        under_sec_type,
        market_rule_ids,
        real_expiration_date,
        stock_type
    );
    for (dst, src) in [
        (&mut d.min_size, &p.min_size),
        (&mut d.size_increment, &p.size_increment),
        (&mut d.suggested_size_increment, &p.suggested_size_increment),
        (&mut d.min_algo_size, &p.min_algo_size),
        (&mut d.last_price_precision, &p.last_price_precision),
        (&mut d.last_size_precision, &p.last_size_precision),
    ] {
        if let Some(v) = dec(src) {
            *dst = v;
        }
    }
    let field = d.contract.last_trade_date_or_contract_month.clone();
    let parts = split_last_trade_date(&field);
    if let Some(first) = parts.first() {
        if bond {
            d.maturity = (*first).to_owned();
        } else {
            d.contract.last_trade_date_or_contract_month = (*first).to_owned();
        }
    }
    if let Some(time) = parts.get(1) {
        d.last_trade_time = (*time).to_owned();
    }
    if let (true, Some(zone)) = (bond, parts.get(2)) {
        d.time_zone_id = (*zone).to_owned();
    }
    set!(
        cusip,
        ratings,
        desc_append,
        bond_type,
        coupon,
        coupon_type,
        callable,
        convertible,
        issue_date,
        next_option_date,
        next_option_type,
        next_option_partial
    );
    if let Some(v) = p.puttable {
        d.putable = v;
    }
    if let Some(v) = &p.bond_notes {
        d.notes = v.clone();
    }
    set!(
        fund_name,
        fund_family,
        fund_type,
        fund_front_load,
        fund_back_load,
        fund_back_load_time_interval,
        fund_management_fee,
        fund_closed,
        fund_closed_for_new_investors,
        fund_closed_for_new_money,
        fund_notify_amount,
        fund_minimum_initial_purchase,
        fund_blue_sky_states,
        fund_blue_sky_territories
    );
    if let Some(v) = &p.fund_minimum_subsequent_purchase {
        d.fund_subsequent_minimum_purchase = v.clone();
    }
    if let Some(v) = &p.fund_distribution_policy_indicator {
        d.fund_distribution_policy_indicator = FundDistributionPolicyIndicator::from_code(v);
    }
    if let Some(v) = &p.fund_asset_type {
        d.fund_asset_type = FundAssetType::from_code(v);
    }
    d.ineligibility_reason_list = p
        .ineligibility_reason_list
        .iter()
        .map(|r| IneligibilityReason {
            id: r.id.clone().unwrap_or_default(),
            description: r.description.clone().unwrap_or_default(),
        })
        .collect();
    set!(
        event_contract1,
        event_contract_description1,
        event_contract_description2,
        settlement_method
    );
    Ok(d)
}

/// The two protobuf messages of a contract's details, as TWS fills them
/// (the inverse of [`details`]).
fn details_to_proto(d: &ContractDetails, bond: bool) -> (proto::Contract, proto::ContractDetails) {
    let mut pc = contract_to_proto(&d.contract, &Order::default());
    let c = &d.contract;
    let field = if bond {
        join_last_trade_date(&[&d.maturity, &d.last_trade_time, &d.time_zone_id])
    } else {
        join_last_trade_date(&[&c.last_trade_date_or_contract_month, &d.last_trade_time])
    };
    pc.last_trade_date_or_contract_month = s(&field);
    pc.last_trade_date = s(&c.last_trade_date);
    let decimal = |v: crate::model::Decimal| (v != UNSET_DECIMAL).then(|| v.to_string());
    let p = proto::ContractDetails {
        market_name: s(&d.market_name),
        min_tick: Some(crate::messages::orders::proto_in::decimal_max_string(
            d.min_tick,
        )),
        order_types: s(&d.order_types),
        valid_exchanges: s(&d.valid_exchanges),
        price_magnifier: i(d.price_magnifier),
        under_con_id: i(d.under_con_id),
        long_name: s(&d.long_name),
        contract_month: s(&d.contract_month),
        industry: s(&d.industry),
        category: s(&d.category),
        subcategory: s(&d.subcategory),
        time_zone_id: s(&d.time_zone_id),
        trading_hours: s(&d.trading_hours),
        liquid_hours: s(&d.liquid_hours),
        ev_rule: s(&d.ev_rule),
        ev_multiplier: (d.ev_multiplier != 0).then_some(f64::from(d.ev_multiplier)),
        sec_id_list: map(&d.sec_id_list),
        agg_group: i(d.agg_group),
        under_symbol: s(&d.under_symbol),
        under_sec_type: s(&d.under_sec_type),
        market_rule_ids: s(&d.market_rule_ids),
        real_expiration_date: s(&d.real_expiration_date),
        stock_type: s(&d.stock_type),
        min_size: decimal(d.min_size),
        size_increment: decimal(d.size_increment),
        suggested_size_increment: decimal(d.suggested_size_increment),
        fund_name: s(&d.fund_name),
        fund_family: s(&d.fund_family),
        fund_type: s(&d.fund_type),
        fund_front_load: s(&d.fund_front_load),
        fund_back_load: s(&d.fund_back_load),
        fund_back_load_time_interval: s(&d.fund_back_load_time_interval),
        fund_management_fee: s(&d.fund_management_fee),
        fund_closed: b(d.fund_closed),
        fund_closed_for_new_investors: b(d.fund_closed_for_new_investors),
        fund_closed_for_new_money: b(d.fund_closed_for_new_money),
        fund_notify_amount: s(&d.fund_notify_amount),
        fund_minimum_initial_purchase: s(&d.fund_minimum_initial_purchase),
        fund_minimum_subsequent_purchase: s(&d.fund_subsequent_minimum_purchase),
        fund_blue_sky_states: s(&d.fund_blue_sky_states),
        fund_blue_sky_territories: s(&d.fund_blue_sky_territories),
        fund_distribution_policy_indicator: s(d.fund_distribution_policy_indicator.code()),
        fund_asset_type: s(d.fund_asset_type.code()),
        cusip: s(&d.cusip),
        issue_date: s(&d.issue_date),
        ratings: s(&d.ratings),
        bond_type: s(&d.bond_type),
        coupon: (bond || d.coupon != 0.0).then_some(d.coupon).and_then(f),
        coupon_type: s(&d.coupon_type),
        convertible: b(d.convertible),
        callable: b(d.callable),
        puttable: b(d.putable),
        desc_append: s(&d.desc_append),
        next_option_date: s(&d.next_option_date),
        next_option_type: s(&d.next_option_type),
        next_option_partial: b(d.next_option_partial),
        bond_notes: s(&d.notes),
        ineligibility_reason_list: d
            .ineligibility_reason_list
            .iter()
            .map(|r| proto::IneligibilityReason {
                id: s(&r.id),
                description: s(&r.description),
            })
            .collect(),
        event_contract1: s(&d.event_contract1),
        event_contract_description1: s(&d.event_contract_description1),
        event_contract_description2: s(&d.event_contract_description2),
        min_algo_size: decimal(d.min_algo_size),
        last_price_precision: decimal(d.last_price_precision),
        last_size_precision: decimal(d.last_size_precision),
        settlement_method: s(&d.settlement_method),
    };
    (pc, p)
}

/// `contractDetails` and `bondContractDetails` share one protobuf message.
macro_rules! contract_data_form {
    ($t:ident, $bond:expr, $callback:ident) => {
        impl ProtoForm for $t {
            type Proto = proto::ContractData;
            fn to_proto(&self, _sv: i32) -> proto::ContractData {
                let (contract, details) = details_to_proto(&self.details, $bond);
                proto::ContractData {
                    req_id: i(self.req_id),
                    contract: Some(contract),
                    contract_details: Some(details),
                }
            }
            /// As the official decoder: nothing but the `…ProtoBuf`
            /// callback without the contract or its details; an absent
            /// request id is -1.
            fn from_proto(_sv: i32, p: &proto::ContractData) -> Result<Option<Self>, DecodeError> {
                let (Some(pc), Some(pd)) = (&p.contract, &p.contract_details) else {
                    return Ok(None);
                };
                Ok(Some($t {
                    req_id: p.req_id.unwrap_or(NO_VALID_ID),
                    details: details(pc, pd, $bond)?,
                }))
            }
            fn proto_callback(p: &proto::ContractData, w: &mut dyn EWrapper) {
                w.$callback(p);
            }
        }
    };
}

contract_data_form!(ContractData, false, contract_data_proto_buf);
contract_data_form!(BondContractData, true, bond_contract_data_proto_buf);

impl ProtoForm for ContractDataEnd {
    type Proto = proto::ContractDataEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ContractDataEnd {
            req_id: i(self.req_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ContractDataEnd {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.contract_data_end_proto_buf(p);
    }
}

impl ProtoForm for ReqContractDetails {
    type Proto = proto::ContractDataRequest;
    /// `createContractDataRequestProto` (the contract as
    /// `createContractProto` builds it, without an order).
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ContractDataRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqContractDetails {
            req_id: p.req_id.unwrap_or(crate::model::UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
        }))
    }
}

// Server version 212 (`MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2`): option
// chains, matching symbols, SMART components and market rules.

crate::req_id_proto_form! {
    SecurityDefinitionOptionParameterEnd => SecDefOptParameterEnd, NO_VALID_ID, sec_def_opt_parameter_end_proto_buf;
}

impl ProtoForm for ReqSecDefOptParams {
    type Proto = proto::SecDefOptParamsRequest;
    /// `createSecDefOptParamsRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SecDefOptParamsRequest {
            req_id: i(self.req_id),
            underlying_symbol: s(&self.underlying_symbol),
            fut_fop_exchange: s(&self.fut_fop_exchange),
            underlying_sec_type: s(&self.underlying_sec_type),
            underlying_con_id: i(self.underlying_con_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqSecDefOptParams {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            underlying_symbol: text(&p.underlying_symbol),
            fut_fop_exchange: text(&p.fut_fop_exchange),
            underlying_sec_type: text(&p.underlying_sec_type),
            underlying_con_id: p.underlying_con_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReqMatchingSymbols {
    type Proto = proto::MatchingSymbolsRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MatchingSymbolsRequest {
            req_id: i(self.req_id),
            pattern: s(&self.pattern),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqMatchingSymbols {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            pattern: text(&p.pattern),
        }))
    }
}

impl ProtoForm for ReqSmartComponents {
    type Proto = proto::SmartComponentsRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SmartComponentsRequest {
            req_id: i(self.req_id),
            bbo_exchange: s(&self.bbo_exchange),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqSmartComponents {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            bbo_exchange: text(&p.bbo_exchange),
        }))
    }
}

impl ProtoForm for ReqMarketRule {
    type Proto = proto::MarketRuleRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketRuleRequest {
            market_rule_id: i(self.market_rule_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqMarketRule {
            market_rule_id: p.market_rule_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for SecurityDefinitionOptionParameter {
    type Proto = proto::SecDefOptParameter;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SecDefOptParameter {
            req_id: Some(self.req_id),
            exchange: s(&self.exchange),
            underlying_con_id: Some(self.underlying_con_id),
            trading_class: s(&self.trading_class),
            multiplier: s(&self.multiplier),
            expirations: self.expirations.clone(),
            strikes: self.strikes.clone(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(SecurityDefinitionOptionParameter {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            exchange: text(&p.exchange),
            underlying_con_id: p.underlying_con_id.unwrap_or(0),
            trading_class: text(&p.trading_class),
            multiplier: text(&p.multiplier),
            expirations: p.expirations.clone(),
            strikes: p.strikes.clone(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.sec_def_opt_parameter_proto_buf(p);
    }
}

impl ProtoForm for SymbolSamples {
    type Proto = proto::SymbolSamples;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SymbolSamples {
            req_id: Some(self.req_id),
            contract_descriptions: self
                .contract_descriptions
                .iter()
                .map(|d| proto::ContractDescription {
                    contract: Some(contract_to_proto(&d.contract, &Order::default())),
                    derivative_sec_types: d.derivative_sec_types.clone(),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(SymbolSamples {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            contract_descriptions: p
                .contract_descriptions
                .iter()
                .map(|d| ContractDescription {
                    contract: d.contract.as_ref().map(contract).unwrap_or_default(),
                    derivative_sec_types: d.derivative_sec_types.clone(),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.symbol_samples_proto_buf(p);
    }
}

impl ProtoForm for SmartComponents {
    type Proto = proto::SmartComponents;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SmartComponents {
            req_id: Some(self.req_id),
            smart_components: self
                .smart_component_map
                .iter()
                .map(|c| proto::SmartComponent {
                    bit_number: Some(c.bit_number),
                    exchange: s(&c.exchange),
                    exchange_letter: s(&c.exchange_letter),
                })
                .collect(),
        }
    }
    /// `decodeSmartComponents`: an absent exchange letter is `" "`; the
    /// official decoder keys the components by bit number, so a repeated
    /// one replaces the earlier in its place.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let mut map: Vec<SmartComponent> = Vec::with_capacity(p.smart_components.len());
        for c in &p.smart_components {
            let component = SmartComponent {
                bit_number: c.bit_number.unwrap_or(0),
                exchange: text(&c.exchange),
                exchange_letter: c.exchange_letter.clone().unwrap_or_else(|| " ".into()),
            };
            match map
                .iter_mut()
                .find(|m| m.bit_number == component.bit_number)
            {
                Some(slot) => *slot = component,
                None => map.push(component),
            }
        }
        Ok(Some(SmartComponents {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            smart_component_map: map,
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.smart_components_proto_buf(p);
    }
}

impl ProtoForm for MarketRule {
    type Proto = proto::MarketRule;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketRule {
            market_rule_id: Some(self.market_rule_id),
            price_increments: self
                .price_increments
                .iter()
                .map(|x| proto::PriceIncrement {
                    low_edge: Some(x.low_edge),
                    increment: Some(x.increment),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(MarketRule {
            market_rule_id: p.market_rule_id.unwrap_or(0),
            price_increments: p
                .price_increments
                .iter()
                .map(|x| PriceIncrement {
                    low_edge: x.low_edge.unwrap_or(0.0),
                    increment: x.increment.unwrap_or(0.0),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.market_rule_proto_buf(p);
    }
}

// The depth exchanges (server version 213,
// `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3`).

crate::empty_proto_form! {
    ReqMktDepthExchanges => MarketDepthExchangesRequest;
}

impl ProtoForm for MktDepthExchanges {
    type Proto = proto::MarketDepthExchanges;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDepthExchanges {
            depth_market_data_descriptions: self
                .depth_mkt_data_descriptions
                .iter()
                .map(|d| proto::DepthMarketDataDescription {
                    exchange: s(&d.exchange),
                    sec_type: s(&d.sec_type),
                    listing_exch: s(&d.listing_exch),
                    service_data_type: s(&d.service_data_type),
                    agg_group: i(d.agg_group),
                })
                .collect(),
        }
    }
    /// `decodeDepthMarketDataDescription`: what is absent keeps the
    /// description's default.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let d = DepthMktDataDescription::default();
        Ok(Some(MktDepthExchanges {
            depth_mkt_data_descriptions: p
                .depth_market_data_descriptions
                .iter()
                .map(|x| DepthMktDataDescription {
                    exchange: text(&x.exchange),
                    sec_type: text(&x.sec_type),
                    listing_exch: text(&x.listing_exch),
                    service_data_type: text(&x.service_data_type),
                    agg_group: x.agg_group.unwrap_or(d.agg_group),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.market_depth_exchanges_proto_buf(p);
    }
}
