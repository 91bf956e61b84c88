//! Contracts and reference data: contract details (bonds too), matching
//! symbols, option chain parameters, market rules, SMART components, depth
//! exchanges.
//!
//! The two long messages, [`ContractData`] (`contractDetails`) and
//! [`BondContractData`] (`bondContractDetails`), live in a file of their own.

mod details;

pub use details::{BondContractData, ContractData};

use super::ids::{incoming, outgoing};
use super::Message;
use crate::model::{
    Contract, ContractDescription, DepthMktDataDescription, PriceIncrement, SmartComponent,
};
use crate::server_versions::{
    MIN_SERVER_VER_BOND_ISSUERID, MIN_SERVER_VER_CONTRACT_DATA_CHAIN, MIN_SERVER_VER_LINKING,
    MIN_SERVER_VER_MARKET_RULES, MIN_SERVER_VER_PRIMARYEXCH, MIN_SERVER_VER_REQ_MATCHING_SYMBOLS,
    MIN_SERVER_VER_REQ_MKT_DEPTH_EXCHANGES, MIN_SERVER_VER_REQ_SMART_COMPONENTS,
    MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ, MIN_SERVER_VER_SEC_ID_TYPE,
    MIN_SERVER_VER_SERVICE_DATA_TYPE, MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// Reads a list count as the official decoder does: a negative count is an
/// empty list.
fn read_count(r: &mut FieldReader<'_>, field: &'static str) -> Result<u64, DecodeError> {
    let n: i64 = r.read_int_named(field)?;
    Ok(n.max(0) as u64)
}

/// `reqContractDetails` (message version 8): every contract matching a
/// partial description.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqContractDetails {
    /// The request id the answers carry.
    pub req_id: i32,
    /// The (partial) description to match.
    pub contract: Contract,
}

impl Message for ReqContractDetails {
    const ID: u32 = outgoing::REQ_CONTRACT_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let c = &self.contract;
        if sv < MIN_SERVER_VER_SEC_ID_TYPE && (!c.sec_id_type.is_empty() || !c.sec_id.is_empty()) {
            return Err(EncodeError::UpdateTws(
                "  It does not support secIdType and secId parameters.",
            ));
        }
        if sv < MIN_SERVER_VER_TRADING_CLASS && !c.trading_class.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support tradingClass parameter in reqContractDetails.",
            ));
        }
        if sv < MIN_SERVER_VER_LINKING && !c.primary_exchange.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support primaryExchange parameter in reqContractDetails.",
            ));
        }
        if sv < MIN_SERVER_VER_BOND_ISSUERID && !c.issuer_id.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support issuerId parameter in reqContractDetails.",
            ));
        }
        w.put_int(8);
        if sv >= MIN_SERVER_VER_CONTRACT_DATA_CHAIN {
            w.put_int(self.req_id);
        }
        w.put_int(c.con_id);
        w.put_str(&c.symbol);
        w.put_str(&c.sec_type);
        w.put_str(&c.last_trade_date_or_contract_month);
        w.put_f64_max(c.strike);
        w.put_str(&c.right);
        w.put_str(&c.multiplier);
        if sv >= MIN_SERVER_VER_PRIMARYEXCH {
            w.put_str(&c.exchange);
            w.put_str(&c.primary_exchange);
        } else if sv >= MIN_SERVER_VER_LINKING {
            if !c.primary_exchange.is_empty() && (c.exchange == "BEST" || c.exchange == "SMART") {
                w.put_str(&format!("{}:{}", c.exchange, c.primary_exchange));
            } else {
                w.put_str(&c.exchange);
            }
        }
        w.put_str(&c.currency);
        w.put_str(&c.local_symbol);
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            w.put_str(&c.trading_class);
        }
        w.put_bool(c.include_expired);
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            w.put_str(&c.sec_id_type);
            w.put_str(&c.sec_id);
        }
        if sv >= MIN_SERVER_VER_BOND_ISSUERID {
            w.put_str(&c.issuer_id);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = if sv >= MIN_SERVER_VER_CONTRACT_DATA_CHAIN {
            r.read_int_named("req id")?
        } else {
            -1
        };
        let mut c = Contract {
            con_id: r.read_int_named("con id")?,
            symbol: r.read_string("symbol")?,
            sec_type: r.read_string("sec type")?,
            last_trade_date_or_contract_month: r.read_string("last trade date")?,
            strike: r.read_f64_max("strike")?,
            right: r.read_string("right")?,
            multiplier: r.read_string("multiplier")?,
            ..Contract::default()
        };
        if sv >= MIN_SERVER_VER_PRIMARYEXCH {
            c.exchange = r.read_string("exchange")?;
            c.primary_exchange = r.read_string("primary exchange")?;
        } else if sv >= MIN_SERVER_VER_LINKING {
            let exchange = r.read_str("exchange")?;
            match exchange.split_once(':') {
                Some((e, p)) if e == "BEST" || e == "SMART" => {
                    c.exchange = e.to_owned();
                    c.primary_exchange = p.to_owned();
                }
                _ => c.exchange = exchange.to_owned(),
            }
        }
        c.currency = r.read_string("currency")?;
        c.local_symbol = r.read_string("local symbol")?;
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            c.trading_class = r.read_string("trading class")?;
        }
        c.include_expired = r.read_bool("include expired")?;
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            c.sec_id_type = r.read_string("sec id type")?;
            c.sec_id = r.read_string("sec id")?;
        }
        if sv >= MIN_SERVER_VER_BOND_ISSUERID {
            c.issuer_id = r.read_string("issuer id")?;
        }
        Ok(ReqContractDetails {
            req_id,
            contract: c,
        })
    }
}

/// `contractDetailsEnd` (message version 1): all answers to a
/// `reqContractDetails` have been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContractDataEnd {
    /// The request id.
    pub req_id: i32,
}

impl Message for ContractDataEnd {
    const ID: u32 = incoming::CONTRACT_DATA_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ContractDataEnd {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `reqMatchingSymbols`: stocks whose symbol or name matches a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqMatchingSymbols {
    /// The request id the answer carries.
    pub req_id: i32,
    /// The start of a symbol or of a company name.
    pub pattern: String,
}

impl Message for ReqMatchingSymbols {
    const ID: u32 = outgoing::REQ_MATCHING_SYMBOLS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_MATCHING_SYMBOLS {
            return Err(EncodeError::UpdateTws(
                "  It does not support matching symbols request.",
            ));
        }
        w.put_int(self.req_id);
        w.put_str(&self.pattern);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqMatchingSymbols {
            req_id: r.read_int_named("req id")?,
            pattern: r.read_string("pattern")?,
        })
    }
}

/// `symbolSamples`: the answer to `reqMatchingSymbols`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SymbolSamples {
    /// The request id.
    pub req_id: i32,
    /// The matching contracts, with the derivative types available on each.
    pub contract_descriptions: Vec<ContractDescription>,
}

impl Message for SymbolSamples {
    const ID: u32 = incoming::SYMBOL_SAMPLES;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.contract_descriptions.len() as i64);
        for d in &self.contract_descriptions {
            let c = &d.contract;
            w.put_int(c.con_id);
            w.put_str_raw(&c.symbol);
            w.put_str_raw(&c.sec_type);
            w.put_str_raw(&c.primary_exchange);
            w.put_str_raw(&c.currency);
            w.put_int(d.derivative_sec_types.len() as i64);
            for t in &d.derivative_sec_types {
                w.put_str_raw(t);
            }
            if sv >= MIN_SERVER_VER_BOND_ISSUERID {
                w.put_str_raw(&c.description);
                w.put_str_raw(&c.issuer_id);
            }
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let n = read_count(r, "contract descriptions count")?;
        let mut contract_descriptions = Vec::new();
        for _ in 0..n {
            let mut d = ContractDescription::default();
            d.contract.con_id = r.read_int_named("con id")?;
            d.contract.symbol = r.read_string("symbol")?;
            d.contract.sec_type = r.read_string("sec type")?;
            d.contract.primary_exchange = r.read_string("primary exchange")?;
            d.contract.currency = r.read_string("currency")?;
            for _ in 0..read_count(r, "derivative sec types count")? {
                d.derivative_sec_types
                    .push(r.read_string("derivative sec type")?);
            }
            if sv >= MIN_SERVER_VER_BOND_ISSUERID {
                d.contract.description = r.read_string("description")?;
                d.contract.issuer_id = r.read_string("issuer id")?;
            }
            contract_descriptions.push(d);
        }
        Ok(SymbolSamples {
            req_id,
            contract_descriptions,
        })
    }
}

/// `reqSecDefOptParams`: the option chain parameters (expirations, strikes,
/// multipliers, trading classes) of an underlying.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqSecDefOptParams {
    /// The request id the answers carry.
    pub req_id: i32,
    /// The underlying's symbol.
    pub underlying_symbol: String,
    /// For options on futures, the exchange; empty for all.
    pub fut_fop_exchange: String,
    /// The underlying's security type (`STK`, `IND`, `FUT`).
    pub underlying_sec_type: String,
    /// The underlying's contract id.
    pub underlying_con_id: i32,
}

impl Message for ReqSecDefOptParams {
    const ID: u32 = outgoing::REQ_SEC_DEF_OPT_PARAMS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ {
            return Err(EncodeError::UpdateTws(
                "  It does not support security definition option request.",
            ));
        }
        w.put_int(self.req_id);
        w.put_str(&self.underlying_symbol);
        w.put_str(&self.fut_fop_exchange);
        w.put_str(&self.underlying_sec_type);
        w.put_int(self.underlying_con_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqSecDefOptParams {
            req_id: r.read_int_named("req id")?,
            underlying_symbol: r.read_string("underlying symbol")?,
            fut_fop_exchange: r.read_string("fut fop exchange")?,
            underlying_sec_type: r.read_string("underlying sec type")?,
            underlying_con_id: r.read_int_named("underlying con id")?,
        })
    }
}

/// `securityDefinitionOptionParameter`: the chain parameters of one exchange
/// (and trading class) for a `reqSecDefOptParams` request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SecurityDefinitionOptionParameter {
    /// The request id.
    pub req_id: i32,
    /// The exchange the options trade on.
    pub exchange: String,
    /// The underlying's contract id.
    pub underlying_con_id: i32,
    /// The options' trading class.
    pub trading_class: String,
    /// The options' multiplier.
    pub multiplier: String,
    /// Expirations, `YYYYMMDD`, as sent (the official decoder makes a set of them).
    pub expirations: Vec<String>,
    /// Strikes, as sent (the official decoder makes a set of them).
    pub strikes: Vec<f64>,
}

impl Message for SecurityDefinitionOptionParameter {
    const ID: u32 = incoming::SECURITY_DEFINITION_OPTION_PARAMETER;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.exchange);
        w.put_int(self.underlying_con_id);
        w.put_str_raw(&self.trading_class);
        w.put_str_raw(&self.multiplier);
        w.put_int(self.expirations.len() as i64);
        for e in &self.expirations {
            w.put_str_raw(e);
        }
        w.put_int(self.strikes.len() as i64);
        for s in &self.strikes {
            w.put_f64(*s);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let exchange = r.read_string("exchange")?;
        let underlying_con_id = r.read_int_named("underlying con id")?;
        let trading_class = r.read_string("trading class")?;
        let multiplier = r.read_string("multiplier")?;
        let mut expirations = Vec::new();
        for _ in 0..read_count(r, "expirations count")? {
            expirations.push(r.read_string("expiration")?);
        }
        let mut strikes = Vec::new();
        for _ in 0..read_count(r, "strikes count")? {
            strikes.push(r.read_f64("strike")?);
        }
        Ok(SecurityDefinitionOptionParameter {
            req_id,
            exchange,
            underlying_con_id,
            trading_class,
            multiplier,
            expirations,
            strikes,
        })
    }
}

/// `securityDefinitionOptionParameterEnd`: all exchanges of a
/// `reqSecDefOptParams` request have been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecurityDefinitionOptionParameterEnd {
    /// The request id.
    pub req_id: i32,
}

impl Message for SecurityDefinitionOptionParameterEnd {
    const ID: u32 = incoming::SECURITY_DEFINITION_OPTION_PARAMETER_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(SecurityDefinitionOptionParameterEnd {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `reqMarketRule`: the price increments of a market rule (ids come from
/// [`crate::model::ContractDetails::market_rule_ids`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqMarketRule {
    /// The market rule id.
    pub market_rule_id: i32,
}

impl Message for ReqMarketRule {
    const ID: u32 = outgoing::REQ_MARKET_RULE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_MARKET_RULES {
            return Err(EncodeError::UpdateTws(
                " It does not support market rule requests.",
            ));
        }
        w.put_int(self.market_rule_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqMarketRule {
            market_rule_id: r.read_int_named("market rule id")?,
        })
    }
}

/// `marketRule`: the price ladder of one market rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarketRule {
    /// The market rule id.
    pub market_rule_id: i32,
    /// The increments, by rising low edge.
    pub price_increments: Vec<PriceIncrement>,
}

impl Message for MarketRule {
    const ID: u32 = incoming::MARKET_RULE;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.market_rule_id);
        w.put_int(self.price_increments.len() as i64);
        for p in &self.price_increments {
            w.put_f64(p.low_edge);
            w.put_f64(p.increment);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let market_rule_id = r.read_int_named("market rule id")?;
        let mut price_increments = Vec::new();
        for _ in 0..read_count(r, "price increments count")? {
            price_increments.push(PriceIncrement {
                low_edge: r.read_f64("low edge")?,
                increment: r.read_f64("increment")?,
            });
        }
        Ok(MarketRule {
            market_rule_id,
            price_increments,
        })
    }
}

/// `reqSmartComponents`: the exchanges behind a BBO exchange code (from
/// `tickReqParams`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqSmartComponents {
    /// The request id the answer carries.
    pub req_id: i32,
    /// The BBO exchange code, e.g. `9c0001`.
    pub bbo_exchange: String,
}

impl Message for ReqSmartComponents {
    const ID: u32 = outgoing::REQ_SMART_COMPONENTS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_SMART_COMPONENTS {
            return Err(EncodeError::UpdateTws(
                "  It does not support smart components request.",
            ));
        }
        w.put_int(self.req_id);
        w.put_str(&self.bbo_exchange);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqSmartComponents {
            req_id: r.read_int_named("req id")?,
            bbo_exchange: r.read_string("bbo exchange")?,
        })
    }
}

/// `smartComponents`: the answer to `reqSmartComponents`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmartComponents {
    /// The request id.
    pub req_id: i32,
    /// Bit number, exchange and exchange letter of each component.
    pub smart_component_map: Vec<SmartComponent>,
}

impl Message for SmartComponents {
    const ID: u32 = incoming::SMART_COMPONENTS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.smart_component_map.len() as i64);
        for s in &self.smart_component_map {
            w.put_int(s.bit_number);
            w.put_str_raw(&s.exchange);
            w.put_str_raw(&s.exchange_letter);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let mut smart_component_map = Vec::new();
        for _ in 0..read_count(r, "smart components count")? {
            smart_component_map.push(SmartComponent {
                bit_number: r.read_int_named("bit number")?,
                exchange: r.read_string("exchange")?,
                exchange_letter: r.read_string("exchange letter")?,
            });
        }
        Ok(SmartComponents {
            req_id,
            smart_component_map,
        })
    }
}

/// `reqMktDepthExchanges`: the exchanges that offer market depth. No fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqMktDepthExchanges;

impl Message for ReqMktDepthExchanges {
    const ID: u32 = outgoing::REQ_MKT_DEPTH_EXCHANGES;

    fn encode(&self, sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_MKT_DEPTH_EXCHANGES {
            return Err(EncodeError::UpdateTws(
                "  It does not support market depth exchanges request.",
            ));
        }
        Ok(())
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqMktDepthExchanges)
    }
}

/// `mktDepthExchanges`: the answer to `reqMktDepthExchanges`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MktDepthExchanges {
    /// One entry per exchange and security type.
    pub depth_mkt_data_descriptions: Vec<DepthMktDataDescription>,
}

impl Message for MktDepthExchanges {
    const ID: u32 = incoming::MKT_DEPTH_EXCHANGES;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.depth_mkt_data_descriptions.len() as i64);
        for d in &self.depth_mkt_data_descriptions {
            w.put_str_raw(&d.exchange);
            w.put_str_raw(&d.sec_type);
            if sv >= MIN_SERVER_VER_SERVICE_DATA_TYPE {
                w.put_str_raw(&d.listing_exch);
                w.put_str_raw(&d.service_data_type);
                w.put_int(d.agg_group);
            } else {
                // Before service data types: "is L2 not supported" as 0/1.
                w.put_bool(d.service_data_type != "Deep2");
            }
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let mut depth_mkt_data_descriptions = Vec::new();
        for _ in 0..read_count(r, "descriptions count")? {
            let mut d = DepthMktDataDescription {
                exchange: r.read_string("exchange")?,
                sec_type: r.read_string("sec type")?,
                ..DepthMktDataDescription::default()
            };
            if sv >= MIN_SERVER_VER_SERVICE_DATA_TYPE {
                d.listing_exch = r.read_string("listing exchange")?;
                d.service_data_type = r.read_string("service data type")?;
                d.agg_group = r.read_int_named("agg group")?;
            } else {
                r.read_int_named::<i64>("not supp is L2")?;
            }
            depth_mkt_data_descriptions.push(d);
        }
        Ok(MktDepthExchanges {
            depth_mkt_data_descriptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::UNSET_DOUBLE;

    fn encode_at(msg: &impl Message, sv: i32) -> Result<(), EncodeError> {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        msg.encode(sv, &mut w).and(w.finish())
    }

    #[test]
    fn req_contract_details_round_trips() {
        for sv in VERSIONS {
            let req = ReqContractDetails {
                req_id: 7,
                contract: Contract {
                    con_id: 0,
                    symbol: "SPY".into(),
                    sec_type: "OPT".into(),
                    last_trade_date_or_contract_month: "202612".into(),
                    strike: 590.0,
                    right: "C".into(),
                    multiplier: "100".into(),
                    exchange: "SMART".into(),
                    primary_exchange: "ARCA".into(),
                    currency: "USD".into(),
                    local_symbol: String::new(),
                    trading_class: "SPY".into(),
                    include_expired: true,
                    sec_id_type: "ISIN".into(),
                    sec_id: "US78462F1030".into(),
                    issuer_id: if sv >= MIN_SERVER_VER_BOND_ISSUERID {
                        "e1".into()
                    } else {
                        String::new()
                    },
                    ..Contract::default()
                },
            };
            assert_eq!(round_trip(&req, sv), req, "sv {sv}");
            let unset = ReqContractDetails {
                req_id: 1,
                contract: Contract {
                    con_id: 265598,
                    strike: UNSET_DOUBLE,
                    ..Contract::default()
                },
            };
            assert_eq!(round_trip(&unset, sv), unset);
        }
    }

    #[test]
    fn old_servers_refuse_what_they_cannot_take() {
        let issuer = ReqContractDetails {
            contract: Contract {
                issuer_id: "x".into(),
                ..Contract::default()
            },
            ..ReqContractDetails::default()
        };
        assert!(matches!(
            encode_at(&issuer, 175),
            Err(EncodeError::UpdateTws(t)) if t.contains("issuerId")
        ));
        assert!(encode_at(&issuer, 176).is_ok());
        assert!(matches!(
            encode_at(&ReqMarketRule { market_rule_id: 26 }, 125),
            Err(EncodeError::UpdateTws(
                " It does not support market rule requests."
            ))
        ));
        assert!(encode_at(&ReqMktDepthExchanges, 111).is_err());
        assert!(encode_at(&ReqSmartComponents::default(), 113).is_err());
        assert!(encode_at(&ReqMatchingSymbols::default(), 107).is_err());
        assert!(encode_at(&ReqSecDefOptParams::default(), 103).is_err());
        let bad = ReqMatchingSymbols {
            req_id: 1,
            pattern: "é".into(),
        };
        assert!(matches!(
            encode_at(&bad, 203),
            Err(EncodeError::InvalidSymbol(_))
        ));
    }

    #[test]
    fn short_messages_round_trip() {
        for sv in VERSIONS {
            let end = ContractDataEnd { req_id: 9 };
            assert_eq!(round_trip(&end, sv), end);
            let req = ReqMatchingSymbols {
                req_id: 3,
                pattern: "AAP".into(),
            };
            if sv >= MIN_SERVER_VER_REQ_MATCHING_SYMBOLS {
                assert_eq!(round_trip(&req, sv), req);
            }
            let mut d = ContractDescription::default();
            d.contract.con_id = 265598;
            d.contract.symbol = "AAPL".into();
            d.contract.sec_type = "STK".into();
            d.contract.primary_exchange = "NASDAQ".into();
            d.contract.currency = "USD".into();
            d.derivative_sec_types = vec!["OPT".into(), "WAR".into()];
            if sv >= MIN_SERVER_VER_BOND_ISSUERID {
                d.contract.description = "APPLE INC".into();
                d.contract.issuer_id = "e1234".into();
            }
            let samples = SymbolSamples {
                req_id: 3,
                contract_descriptions: vec![d.clone(), ContractDescription::default()],
            };
            assert_eq!(round_trip(&samples, sv), samples);
            let req = ReqSecDefOptParams {
                req_id: 4,
                underlying_symbol: "SPY".into(),
                fut_fop_exchange: String::new(),
                underlying_sec_type: "STK".into(),
                underlying_con_id: 756733,
            };
            if sv >= MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ {
                assert_eq!(round_trip(&req, sv), req);
            }
            let p = SecurityDefinitionOptionParameter {
                req_id: 4,
                exchange: "SMART".into(),
                underlying_con_id: 756733,
                trading_class: "SPY".into(),
                multiplier: "100".into(),
                expirations: vec!["20261218".into(), "20270115".into()],
                strikes: vec![585.0, 590.0, 592.5],
            };
            assert_eq!(round_trip(&p, sv), p);
            let e = SecurityDefinitionOptionParameterEnd { req_id: 4 };
            assert_eq!(round_trip(&e, sv), e);
            let m = ReqMarketRule { market_rule_id: 26 };
            if sv >= MIN_SERVER_VER_MARKET_RULES {
                assert_eq!(round_trip(&m, sv), m);
            }
            let rule = MarketRule {
                market_rule_id: 26,
                price_increments: vec![PriceIncrement {
                    low_edge: 0.0,
                    increment: 0.01,
                }],
            };
            assert_eq!(round_trip(&rule, sv), rule);
            let s = ReqSmartComponents {
                req_id: 5,
                bbo_exchange: "9c0001".into(),
            };
            if sv >= MIN_SERVER_VER_REQ_SMART_COMPONENTS {
                assert_eq!(round_trip(&s, sv), s);
            }
            let sc = SmartComponents {
                req_id: 5,
                smart_component_map: vec![SmartComponent {
                    bit_number: 1,
                    exchange: "NYSE".into(),
                    exchange_letter: "N".into(),
                }],
            };
            assert_eq!(round_trip(&sc, sv), sc);
            if sv >= MIN_SERVER_VER_REQ_MKT_DEPTH_EXCHANGES {
                assert_eq!(round_trip(&ReqMktDepthExchanges, sv), ReqMktDepthExchanges);
            }
            let mut desc = DepthMktDataDescription {
                exchange: "NYSE".into(),
                sec_type: "STK".into(),
                listing_exch: "NYSE".into(),
                service_data_type: "Deep2".into(),
                agg_group: 1,
            };
            if sv < MIN_SERVER_VER_SERVICE_DATA_TYPE {
                desc = DepthMktDataDescription {
                    exchange: desc.exchange,
                    sec_type: desc.sec_type,
                    ..DepthMktDataDescription::default()
                };
            }
            let x = MktDepthExchanges {
                depth_mkt_data_descriptions: vec![desc],
            };
            assert_eq!(round_trip(&x, sv), x);
        }
    }

    #[test]
    fn negative_counts_are_empty_lists() {
        let body = b"1\0-5\0";
        let m: MarketRule = super::super::decode_body(203, body).unwrap();
        assert!(m.price_increments.is_empty());
    }
}

mod deliver {
    //! How the contract messages reach the `EWrapper`.
    use super::*;
    use crate::messages::ids::outgoing;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for ContractData {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.contract_details(self.req_id, &self.details);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for BondContractData {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.bond_contract_details(self.req_id, &self.details);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for ContractDataEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.contract_details_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for SymbolSamples {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.symbol_samples(self.req_id, &self.contract_descriptions);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for SecurityDefinitionOptionParameter {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            // The official decoder collects both lists into sets: repeated
            // values are delivered once (first occurrence kept, order as sent).
            let expirations = dedup(&self.expirations);
            let strikes = dedup(&self.strikes);
            w.security_definition_option_parameter(
                self.req_id,
                &self.exchange,
                self.underlying_con_id,
                &self.trading_class,
                &self.multiplier,
                &expirations,
                &strikes,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    /// Drops repeated values, keeping the first of each in order. Quadratic,
    /// but chains hold tens to a few hundred values and almost never repeat.
    fn dedup<T: Clone + PartialEq>(values: &[T]) -> Vec<T> {
        let mut out: Vec<T> = Vec::with_capacity(values.len());
        for v in values {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
        out
    }

    impl Incoming for SecurityDefinitionOptionParameterEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.security_definition_option_parameter_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for MarketRule {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.market_rule(self.market_rule_id, &self.price_increments);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_MARKET_RULE]).ending()
        }
    }

    impl Incoming for SmartComponents {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.smart_components(self.req_id, &self.smart_component_map);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for MktDepthExchanges {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.mkt_depth_exchanges(&self.depth_mkt_data_descriptions);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_MKT_DEPTH_EXCHANGES]).ending()
        }
    }
}
