//! Contracts and reference data: contract details (bonds too), matching
//! symbols, option chain parameters, market rules, SMART components, depth
//! exchanges.
//!
//! The two long messages, [`ContractData`] (`contractDetails`) and
//! [`BondContractData`] (`bondContractDetails`), live in a file of their own.
//!
//! Each layout is written once (`messages/layout.rs`): short messages with
//! [`flat_message!`](crate::flat_message), the others as a [`Layout`] over an
//! [`Io`]. The helpers `list` and `unit_message!` serve the scanner and news
//! layouts too.

mod details;
mod proto_forms;

pub use details::{BondContractData, ContractData};

use super::ids::{incoming, outgoing};
use super::layout::version;
use super::layout::{list, refuse};
use super::layout::{Io, Layout};
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
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

/// `reqContractDetails` (message version 8): every contract matching a
/// partial description.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqContractDetails {
    /// The request id the answers carry.
    pub req_id: i32,
    /// The (partial) description to match.
    pub contract: Contract,
}

impl Layout for ReqContractDetails {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let c = &self.contract;
        refuse(
            sv < MIN_SERVER_VER_SEC_ID_TYPE && (!c.sec_id_type.is_empty() || !c.sec_id.is_empty()),
            "  It does not support secIdType and secId parameters.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && !c.trading_class.is_empty(),
            "  It does not support tradingClass parameter in reqContractDetails.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_LINKING && !c.primary_exchange.is_empty(),
            "  It does not support primaryExchange parameter in reqContractDetails.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_BOND_ISSUERID && !c.issuer_id.is_empty(),
            "  It does not support issuerId parameter in reqContractDetails.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        version(io, 8)?;
        if sv >= MIN_SERVER_VER_CONTRACT_DATA_CHAIN {
            io.int(&mut self.req_id, "req id")?;
        } else {
            self.req_id = -1;
        }
        let c = &mut self.contract;
        io.int(&mut c.con_id, "con id")?;
        io.ascii(&mut c.symbol, "symbol")?;
        io.ascii(&mut c.sec_type, "sec type")?;
        io.ascii(&mut c.last_trade_date_or_contract_month, "last trade date")?;
        io.float_max(&mut c.strike, "strike")?;
        io.ascii(&mut c.right, "right")?;
        io.ascii(&mut c.multiplier, "multiplier")?;
        if sv >= MIN_SERVER_VER_PRIMARYEXCH {
            io.ascii(&mut c.exchange, "exchange")?;
            io.ascii(&mut c.primary_exchange, "primary exchange")?;
        } else if sv >= MIN_SERVER_VER_LINKING {
            linked_exchange(io, c)?;
        }
        io.ascii(&mut c.currency, "currency")?;
        io.ascii(&mut c.local_symbol, "local symbol")?;
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            io.ascii(&mut c.trading_class, "trading class")?;
        }
        io.boolean(&mut c.include_expired, "include expired")?;
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            io.ascii(&mut c.sec_id_type, "sec id type")?;
            io.ascii(&mut c.sec_id, "sec id")?;
        }
        if sv >= MIN_SERVER_VER_BOND_ISSUERID {
            io.ascii(&mut c.issuer_id, "issuer id")?;
        }
        Ok(())
    }
}

layout_message!(ReqContractDetails = outgoing::REQ_CONTRACT_DATA, impl {
    crate::protobuf_form!(outgoing::protobuf_since);
});

/// Before `MIN_SERVER_VER_PRIMARYEXCH`, one field carries both exchanges as
/// `SMART:ARCA` (`BEST` or `SMART` with a primary exchange), else the
/// exchange alone.
fn linked_exchange(io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
    let mut field =
        if !c.primary_exchange.is_empty() && (c.exchange == "BEST" || c.exchange == "SMART") {
            format!("{}:{}", c.exchange, c.primary_exchange)
        } else {
            c.exchange.clone()
        };
    io.ascii(&mut field, "exchange")?;
    if io.reading() {
        match field.split_once(':') {
            Some((e, p)) if e == "BEST" || e == "SMART" => {
                c.exchange = e.to_owned();
                c.primary_exchange = p.to_owned();
            }
            _ => c.exchange.clone_from(&field),
        }
    }
    Ok(())
}

flat_message! {
    /// `contractDetailsEnd` (message version 1): all answers to a
    /// `reqContractDetails` have been sent.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ContractDataEnd = incoming::CONTRACT_DATA_END {
        version 1;
        /// The request id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `reqMatchingSymbols`: stocks whose symbol or name matches a pattern.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqMatchingSymbols = outgoing::REQ_MATCHING_SYMBOLS {
        refuse MIN_SERVER_VER_REQ_MATCHING_SYMBOLS, "  It does not support matching symbols request.";
        /// The request id the answer carries.
        pub req_id: i32 = Int,
        /// The start of a symbol or of a company name.
        pub pattern: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// `symbolSamples`: the answer to `reqMatchingSymbols`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SymbolSamples {
    /// The request id.
    pub req_id: i32,
    /// The matching contracts, with the derivative types available on each.
    pub contract_descriptions: Vec<ContractDescription>,
}

impl Layout for SymbolSamples {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        io.int(&mut self.req_id, "req id")?;
        list(
            io,
            &mut self.contract_descriptions,
            "contract descriptions count",
            |io, d| {
                let c = &mut d.contract;
                io.int(&mut c.con_id, "con id")?;
                io.text(&mut c.symbol, "symbol")?;
                io.text(&mut c.sec_type, "sec type")?;
                io.text(&mut c.primary_exchange, "primary exchange")?;
                io.text(&mut c.currency, "currency")?;
                list(
                    io,
                    &mut d.derivative_sec_types,
                    "derivative sec types count",
                    |io, t| io.text(t, "derivative sec type"),
                )?;
                if sv >= MIN_SERVER_VER_BOND_ISSUERID {
                    io.text(&mut c.description, "description")?;
                    io.text(&mut c.issuer_id, "issuer id")?;
                }
                Ok(())
            },
        )
    }
}

layout_message!(SymbolSamples = incoming::SYMBOL_SAMPLES, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `reqSecDefOptParams`: the option chain parameters (expirations, strikes,
    /// multipliers, trading classes) of an underlying.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqSecDefOptParams = outgoing::REQ_SEC_DEF_OPT_PARAMS {
        refuse MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ, "  It does not support security definition option request.";
        /// The request id the answers carry.
        pub req_id: i32 = Int,
        /// The underlying's symbol.
        pub underlying_symbol: String = Ascii,
        /// For options on futures, the exchange; empty for all.
        pub fut_fop_exchange: String = Ascii,
        /// The underlying's security type (`STK`, `IND`, `FUT`).
        pub underlying_sec_type: String = Ascii,
        /// The underlying's contract id.
        pub underlying_con_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
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

impl Layout for SecurityDefinitionOptionParameter {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.text(&mut self.exchange, "exchange")?;
        io.int(&mut self.underlying_con_id, "underlying con id")?;
        io.text(&mut self.trading_class, "trading class")?;
        io.text(&mut self.multiplier, "multiplier")?;
        list(io, &mut self.expirations, "expirations count", |io, e| {
            io.text(e, "expiration")
        })?;
        list(io, &mut self.strikes, "strikes count", |io, s| {
            io.float(s, "strike")
        })
    }
}

layout_message!(SecurityDefinitionOptionParameter = incoming::SECURITY_DEFINITION_OPTION_PARAMETER, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `securityDefinitionOptionParameterEnd`: all exchanges of a
    /// `reqSecDefOptParams` request have been sent.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct SecurityDefinitionOptionParameterEnd = incoming::SECURITY_DEFINITION_OPTION_PARAMETER_END {
        /// The request id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `reqMarketRule`: the price increments of a market rule (ids come from
    /// [`crate::model::ContractDetails::market_rule_ids`]).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqMarketRule = outgoing::REQ_MARKET_RULE {
        refuse MIN_SERVER_VER_MARKET_RULES, " It does not support market rule requests.";
        /// The market rule id.
        pub market_rule_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// `marketRule`: the price ladder of one market rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarketRule {
    /// The market rule id.
    pub market_rule_id: i32,
    /// The increments, by rising low edge.
    pub price_increments: Vec<PriceIncrement>,
}

impl Layout for MarketRule {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.market_rule_id, "market rule id")?;
        list(
            io,
            &mut self.price_increments,
            "price increments count",
            |io, p| {
                io.float(&mut p.low_edge, "low edge")?;
                io.float(&mut p.increment, "increment")
            },
        )
    }
}

layout_message!(MarketRule = incoming::MARKET_RULE, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `reqSmartComponents`: the exchanges behind a BBO exchange code (from
    /// `tickReqParams`).
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqSmartComponents = outgoing::REQ_SMART_COMPONENTS {
        refuse MIN_SERVER_VER_REQ_SMART_COMPONENTS, "  It does not support smart components request.";
        /// The request id the answer carries.
        pub req_id: i32 = Int,
        /// The BBO exchange code, e.g. `9c0001`.
        pub bbo_exchange: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// `smartComponents`: the answer to `reqSmartComponents`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmartComponents {
    /// The request id.
    pub req_id: i32,
    /// Bit number, exchange and exchange letter of each component.
    pub smart_component_map: Vec<SmartComponent>,
}

impl Layout for SmartComponents {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        list(
            io,
            &mut self.smart_component_map,
            "smart components count",
            |io, s| {
                io.int(&mut s.bit_number, "bit number")?;
                io.text(&mut s.exchange, "exchange")?;
                io.text(&mut s.exchange_letter, "exchange letter")
            },
        )
    }
}

layout_message!(SmartComponents = incoming::SMART_COMPONENTS, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `reqMktDepthExchanges`: the exchanges that offer market depth. No fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqMktDepthExchanges;

crate::unit_message!(ReqMktDepthExchanges = outgoing::REQ_MKT_DEPTH_EXCHANGES,
    refuse MIN_SERVER_VER_REQ_MKT_DEPTH_EXCHANGES,
    "  It does not support market depth exchanges request.", impl { crate::protobuf_form!(outgoing::protobuf_since); });

/// `mktDepthExchanges`: the answer to `reqMktDepthExchanges`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MktDepthExchanges {
    /// One entry per exchange and security type.
    pub depth_mkt_data_descriptions: Vec<DepthMktDataDescription>,
}

impl Layout for MktDepthExchanges {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        list(
            io,
            &mut self.depth_mkt_data_descriptions,
            "descriptions count",
            |io, d| {
                io.text(&mut d.exchange, "exchange")?;
                io.text(&mut d.sec_type, "sec type")?;
                if sv >= MIN_SERVER_VER_SERVICE_DATA_TYPE {
                    io.text(&mut d.listing_exch, "listing exchange")?;
                    io.text(&mut d.service_data_type, "service data type")?;
                    io.int(&mut d.agg_group, "agg group")
                } else {
                    // Before service data types: "is L2 not supported" as
                    // 0/1, which the official decoder reads and drops.
                    let mut not_l2 = i64::from(d.service_data_type != "Deep2");
                    io.long(&mut not_l2, "not supp is L2")
                }
            },
        )
    }
}

layout_message!(MktDepthExchanges = incoming::MKT_DEPTH_EXCHANGES, impl { crate::protobuf_form!(incoming::protobuf_since); });

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::messages::Message;
    use crate::model::UNSET_DOUBLE;
    use crate::wire::FieldWriter;

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
            let expirations = dedup(&self.expirations, |e| Some(e.as_str()));
            // As Python's set of floats: 0.0 and -0.0 are one value, and
            // every NaN is a value of its own.
            let strikes = dedup(&self.strikes, |s| {
                (!s.is_nan()).then_some(if *s == 0.0 { 0 } else { s.to_bits() })
            });
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

    /// Drops repeated values (same key), keeping the first of each in
    /// order; a value without a key is never a repeat. Linear: a chain from
    /// the network may hold any number of values.
    fn dedup<'v, T: Clone, K: Eq + std::hash::Hash>(
        values: &'v [T],
        key: impl Fn(&'v T) -> Option<K>,
    ) -> Vec<T> {
        let mut seen = std::collections::HashSet::with_capacity(values.len().min(4096));
        values
            .iter()
            .filter(|v| key(v).is_none_or(|k| seen.insert(k)))
            .cloned()
            .collect()
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
