//! Market data: top of book (reqMktData, cancelMktData, reqMarketDataType
//! and the ticks they produce, in this file), market depth ([`depth`]),
//! option computations ([`options`]), tick-by-tick data ([`tick_by_tick`])
//! and the other ticks ([`ticks`]).
//!
//! The layout pieces the market data and historical requests share (the
//! contract block, a BAG's legs, the internal options, fields the decoder
//! drops, refusals) are here, each written once for both directions.

pub mod depth;
pub mod options;
mod proto_forms;
pub mod tick_by_tick;
pub mod ticks;

use crate::messages::ids::{incoming, outgoing};
use crate::messages::layout::refuse;
use crate::messages::layout::version;
use crate::messages::layout::{list, Io, Layout};
use crate::messages::scanner::{parse_tag_values, tag_values_field};
use crate::messages::{write_text, Message};
use crate::model::{
    tick_type, Contract, Decimal, DeltaNeutralContract, TagValue, TickAttrib, TickType,
};
use crate::server_versions::{
    MIN_SERVER_VER_DELTA_NEUTRAL, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_PAST_LIMIT,
    MIN_SERVER_VER_PRE_OPEN_BID_ASK, MIN_SERVER_VER_REQ_MARKET_DATA_TYPE,
    MIN_SERVER_VER_REQ_MKT_DATA_CONID, MIN_SERVER_VER_REQ_SMART_COMPONENTS,
    MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::{flat_message, layout_message};

/// The version field TWS puts on tick messages.
const TICK_VERSION: i32 = 6;

/// Which of the optional fields a request's contract block carries (they
/// depend on the request and the server version); the others always travel.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContractBlock {
    /// The con id, first.
    pub con_id: bool,
    /// The primary exchange, after the exchange.
    pub primary_exchange: bool,
    /// The trading class, last.
    pub trading_class: bool,
}

impl ContractBlock {
    /// Every field.
    pub const FULL: ContractBlock = ContractBlock {
        con_id: true,
        primary_exchange: true,
        trading_class: true,
    };

    /// The contract as the requests send it (client text: printable ASCII):
    /// con id, symbol, sec type, last trade date, strike, right, multiplier,
    /// exchange, primary exchange, currency, local symbol, trading class.
    pub fn layout(self, io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
        if self.con_id {
            io.int(&mut c.con_id, "con id")?;
        }
        io.ascii(&mut c.symbol, "symbol")?;
        io.ascii(&mut c.sec_type, "sec type")?;
        io.ascii(&mut c.last_trade_date_or_contract_month, "last trade date")?;
        io.float_max(&mut c.strike, "strike")?;
        io.ascii(&mut c.right, "right")?;
        io.ascii(&mut c.multiplier, "multiplier")?;
        io.ascii(&mut c.exchange, "exchange")?;
        if self.primary_exchange {
            io.ascii(&mut c.primary_exchange, "primary exchange")?;
        }
        io.ascii(&mut c.currency, "currency")?;
        io.ascii(&mut c.local_symbol, "local symbol")?;
        if self.trading_class {
            io.ascii(&mut c.trading_class, "trading class")?;
        }
        Ok(())
    }
}

/// A BAG's combo legs as the market data and historical requests send them
/// (con id, ratio, action, exchange); nothing for other contracts.
pub(crate) fn bag_legs(io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
    if c.sec_type == "BAG" {
        list(io, &mut c.combo_legs, "combo legs count", |io, leg| {
            io.int(&mut leg.con_id, "leg con id")?;
            io.int(&mut leg.ratio, "leg ratio")?;
            io.ascii(&mut leg.action, "leg action")?;
            io.ascii(&mut leg.exchange, "leg exchange")?;
            Ok(())
        })?;
    }
    Ok(())
}

/// Internal options as one field of `tag=value;` pairs (the Python client
/// refuses any; the Java client sends them this way).
pub(crate) fn options(
    io: &mut dyn Io,
    list: &mut Vec<TagValue>,
    f: &'static str,
) -> Result<(), DecodeError> {
    let mut field = tag_values_field(list);
    io.ascii(&mut field, f)?;
    *list = parse_tag_values(&field);
    Ok(())
}

/// A field the official decoder reads and drops (a count it does not use, a
/// constant): written as `value`, skipped when read. A message version is
/// [`version`](crate::messages::layout::version).
pub(crate) fn dropped(
    io: &mut dyn Io,
    value: impl std::fmt::Display,
    f: &'static str,
) -> Result<(), DecodeError> {
    if io.reading() {
        io.skip(f)
    } else {
        io.text(&mut value.to_string(), f)
    }
}

/// A delta-neutral contract's con id, delta and price.
pub(crate) fn delta_neutral(
    io: &mut dyn Io,
    dn: &mut DeltaNeutralContract,
) -> Result<(), DecodeError> {
    io.int(&mut dn.con_id, "delta neutral con id")?;
    io.float(&mut dn.delta, "delta")?;
    io.float(&mut dn.price, "price")
}

/// `reqMktData` (message version 11): subscribe to, or snapshot, top-of-book data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqMktData {
    /// The ticker id the ticks will carry.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// Comma-separated generic tick types (`"233,236"`), or empty.
    pub generic_tick_list: String,
    /// One snapshot, then [`TickSnapshotEnd`], instead of a stream.
    pub snapshot: bool,
    /// A paid regulatory snapshot (US stocks).
    pub regulatory_snapshot: bool,
    /// Internal options; sent as `tag=value;` pairs (the Python client refuses
    /// any, the Java client sends them this way).
    pub mkt_data_options: Vec<TagValue>,
}

impl Layout for ReqMktData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let c = &self.contract;
        refuse(
            sv < MIN_SERVER_VER_DELTA_NEUTRAL && c.delta_neutral_contract.is_some(),
            "  It does not support delta-neutral orders.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_REQ_MKT_DATA_CONID && c.con_id > 0,
            "  It does not support conId parameter.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && !c.trading_class.is_empty(),
            "  It does not support tradingClass parameter in reqMktData.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        version(io, 11)?;
        io.int(&mut self.req_id, "req id")?;
        let c = &mut self.contract;
        ContractBlock {
            con_id: sv >= MIN_SERVER_VER_REQ_MKT_DATA_CONID,
            primary_exchange: true,
            trading_class: sv >= MIN_SERVER_VER_TRADING_CLASS,
        }
        .layout(io, c)?;
        bag_legs(io, c)?;
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL {
            let mut present = c.delta_neutral_contract.is_some();
            io.boolean(&mut present, "has delta neutral")?;
            if present {
                delta_neutral(
                    io,
                    c.delta_neutral_contract
                        .get_or_insert_with(Default::default),
                )?;
            }
        }
        io.ascii(&mut self.generic_tick_list, "generic tick list")?;
        io.boolean(&mut self.snapshot, "snapshot")?;
        if sv >= MIN_SERVER_VER_REQ_SMART_COMPONENTS {
            io.boolean(&mut self.regulatory_snapshot, "regulatory snapshot")?;
        }
        if sv >= MIN_SERVER_VER_LINKING {
            options(io, &mut self.mkt_data_options, "mkt data options")?;
        }
        Ok(())
    }
}

layout_message!(ReqMktData = outgoing::REQ_MKT_DATA, impl {
    crate::protobuf_form!(outgoing::protobuf_since);
});

flat_message! {
    /// `cancelMktData` (message version 2): stop the stream of one ticker id.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelMktData = outgoing::CANCEL_MKT_DATA {
        version 2;
        /// The ticker id given to [`ReqMktData`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `reqMarketDataType`: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqMarketDataType = outgoing::REQ_MARKET_DATA_TYPE {
        version 1;
        refuse MIN_SERVER_VER_REQ_MARKET_DATA_TYPE, "  It does not support market data type requests.";
        /// The market data type wanted.
        pub market_data_type: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `marketDataType`: which kind of data a ticker id is receiving.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct MarketDataType = incoming::MARKET_DATA_TYPE {
        version 1;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.
        pub market_data_type: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `tickPrice`: a price tick, with the size that goes with it and attributes.
    ///
    /// The official decoder also reports the size as a separate `tickSize` for
    /// bid, ask and last (and their delayed forms): see [`TickPrice::size_tick_type`].
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct TickPrice = incoming::TICK_PRICE {
        version TICK_VERSION;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The tick type (bid, ask, last, …).
        pub tick_type: TickType = Int,
        /// The price.
        pub price: f64 = Float,
        /// The size at that price ([`crate::model::UNSET_DECIMAL`] when none).
        pub size: Decimal = Dec,
        /// Attribute bits: 1 can auto-execute, 2 past limit, 4 pre-open.
        pub attr_mask: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

impl TickPrice {
    /// The attributes as the official decoder reads the mask at this server version.
    #[inline]
    pub fn attrib(&self, sv: i32) -> TickAttrib {
        let mut a = TickAttrib {
            can_auto_execute: self.attr_mask == 1,
            ..TickAttrib::default()
        };
        if sv >= MIN_SERVER_VER_PAST_LIMIT {
            a.can_auto_execute = self.attr_mask & 1 != 0;
            a.past_limit = self.attr_mask & 2 != 0;
            if sv >= MIN_SERVER_VER_PRE_OPEN_BID_ASK {
                a.pre_open = self.attr_mask & 4 != 0;
            }
        }
        a
    }

    /// The size tick type the official decoder derives from this price tick
    /// (bid → bid size, ask → ask size, last → last size, and the delayed
    /// forms), or `None` for other price ticks.
    #[inline]
    pub fn size_tick_type(&self) -> Option<TickType> {
        match self.tick_type {
            tick_type::BID => Some(tick_type::BID_SIZE),
            tick_type::ASK => Some(tick_type::ASK_SIZE),
            tick_type::LAST => Some(tick_type::LAST_SIZE),
            tick_type::DELAYED_BID => Some(tick_type::DELAYED_BID_SIZE),
            tick_type::DELAYED_ASK => Some(tick_type::DELAYED_ASK_SIZE),
            tick_type::DELAYED_LAST => Some(tick_type::DELAYED_LAST_SIZE),
            _ => None,
        }
    }
}

flat_message! {
    /// `tickSize`: a size tick (bid size, volume, …).
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct TickSize = incoming::TICK_SIZE {
        version TICK_VERSION;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The tick type.
        pub tick_type: TickType = Int,
        /// The size.
        pub size: Decimal = Dec,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `tickString`: a text tick (last timestamp, RT volume, …).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TickString<'a> {
    /// The ticker id.
    pub req_id: i32,
    /// The tick type.
    pub tick_type: TickType,
    /// The value (borrowed from the frame when decoded with
    /// [`TickString::decode_borrowed`] and free of escapes).
    pub value: std::borrow::Cow<'a, str>,
}

impl<'a> TickString<'a> {
    /// Decodes the message borrowing its value from the frame: no
    /// allocation (unless the text carries an escape).
    #[inline]
    pub fn decode_borrowed(sv: i32, r: &mut FieldReader<'a>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(TickString {
            req_id: r.read_int_named("req id")?,
            tick_type: r.read_int_named("tick type")?,
            value: crate::messages::read_text_borrowed(sv, r, "value")?,
        })
    }
}

impl Message for TickString<'_> {
    const ID: u32 = incoming::TICK_STRING;
    crate::protobuf_form!(incoming::protobuf_since);

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(TICK_VERSION);
        w.put_int(self.req_id);
        w.put_int(self.tick_type);
        write_text(sv, w, &self.value);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        TickString::decode_borrowed(sv, r).map(|m| TickString {
            value: std::borrow::Cow::Owned(m.value.into_owned()),
            ..m
        })
    }
}

flat_message! {
    /// `tickGeneric`: a numeric tick (halted, shortable, …).
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct TickGeneric = incoming::TICK_GENERIC {
        version TICK_VERSION;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The tick type.
        pub tick_type: TickType = Int,
        /// The value.
        pub value: f64 = Float,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `tickReqParams`: minimum tick, BBO exchange and snapshot permissions for a
    /// ticker id, sent once after `reqMktData`. It has no version field.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TickReqParams = incoming::TICK_REQ_PARAMS {
        /// The ticker id.
        pub ticker_id: i32 = Int,
        /// Minimum price increment.
        pub min_tick: f64 = Float,
        /// The exchange whose quotes make up the BBO.
        pub bbo_exchange: String = Raw,
        /// Snapshot permission bits.
        pub snapshot_permissions: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `tickSnapshotEnd`: the end of a snapshot request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct TickSnapshotEnd = incoming::TICK_SNAPSHOT_END {
        version 1;
        /// The ticker id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::test_util::{round_trip, VERSIONS};
    use crate::model::{ComboLeg, UNSET_DECIMAL};

    fn bag() -> ReqMktData {
        let mut c = Contract {
            symbol: "SPY".into(),
            sec_type: "BAG".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        };
        for (con_id, ratio, action) in [(1111, 1, "BUY"), (2222, 2, "SELL")] {
            c.combo_legs.push(ComboLeg {
                con_id,
                ratio,
                action: action.into(),
                exchange: "SMART".into(),
                ..ComboLeg::default()
            });
        }
        c.delta_neutral_contract = Some(DeltaNeutralContract {
            con_id: 756733,
            delta: 0.25,
            price: 450.125,
        });
        ReqMktData {
            req_id: 1006,
            contract: c,
            generic_tick_list: "233".into(),
            snapshot: false,
            regulatory_snapshot: true,
            mkt_data_options: vec![TagValue {
                tag: "a".into(),
                value: "b".into(),
            }],
        }
    }

    #[test]
    fn req_mkt_data_round_trips() {
        for sv in VERSIONS {
            let mut req = bag();
            // Servers before 114 have no regulatory snapshot field.
            req.regulatory_snapshot = sv >= MIN_SERVER_VER_REQ_SMART_COMPONENTS;
            assert_eq!(round_trip(&req, sv), req);
            let stk = ReqMktData {
                req_id: 1,
                contract: Contract {
                    con_id: 265598,
                    symbol: "AAPL".into(),
                    sec_type: "STK".into(),
                    exchange: "SMART".into(),
                    currency: "USD".into(),
                    ..Contract::default()
                },
                ..ReqMktData::default()
            };
            assert_eq!(round_trip(&stk, sv), stk);
            assert_eq!(round_trip(&CancelMktData { req_id: 9 }, sv).req_id, 9);
            assert_eq!(
                round_trip(
                    &ReqMarketDataType {
                        market_data_type: 3
                    },
                    sv
                )
                .market_data_type,
                3
            );
        }
    }

    #[test]
    fn ticks_round_trip() {
        for sv in VERSIONS {
            let p = TickPrice {
                req_id: 1,
                tick_type: tick_type::BID,
                price: 187.25,
                size: Decimal::new(300, 0),
                attr_mask: 3,
            };
            assert_eq!(round_trip(&p, sv), p);
            let unset = TickPrice {
                size: UNSET_DECIMAL,
                tick_type: tick_type::CLOSE,
                ..p
            };
            assert_eq!(round_trip(&unset, sv), unset);
            let s = TickSize {
                req_id: 1,
                tick_type: tick_type::VOLUME,
                size: Decimal::new(12345, 2),
            };
            assert_eq!(round_trip(&s, sv), s);
            let t = TickString {
                req_id: 1,
                tick_type: tick_type::LAST_TIMESTAMP,
                value: "1763916832".into(),
            };
            assert_eq!(round_trip(&t, sv), t);
            let g = TickGeneric {
                req_id: 1,
                tick_type: tick_type::HALTED,
                value: 0.0,
            };
            assert_eq!(round_trip(&g, sv), g);
            let q = TickReqParams {
                ticker_id: 1,
                min_tick: 0.01,
                bbo_exchange: "9c0001".into(),
                snapshot_permissions: 3,
            };
            assert_eq!(round_trip(&q, sv), q);
            assert_eq!(round_trip(&TickSnapshotEnd { req_id: 4 }, sv).req_id, 4);
            let m = MarketDataType {
                req_id: 1,
                market_data_type: 3,
            };
            assert_eq!(round_trip(&m, sv), m);
        }
    }

    #[test]
    fn derived_size_and_attributes() {
        let p = TickPrice {
            tick_type: tick_type::DELAYED_ASK,
            attr_mask: 6,
            ..TickPrice::default()
        };
        assert_eq!(p.size_tick_type(), Some(tick_type::DELAYED_ASK_SIZE));
        let a = p.attrib(203);
        assert!(!a.can_auto_execute && a.past_limit && a.pre_open);
        let old = p.attrib(100);
        assert!(!old.can_auto_execute && !old.past_limit && !old.pre_open);
        let high = TickPrice {
            tick_type: tick_type::HIGH,
            ..p
        };
        assert_eq!(high.size_tick_type(), None);
    }

    #[test]
    fn market_data_type_refused_by_old_servers() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        assert!(matches!(
            ReqMarketDataType {
                market_data_type: 1
            }
            .encode(54, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
    }
}

mod deliver {
    //! How the top-of-book messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for TickPrice {
        #[inline]
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_price(self.req_id, self.tick_type, self.price, self.attrib(sv));
            if let Some(size_type) = self.size_tick_type() {
                w.tick_size(self.req_id, size_type, self.size);
            }
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for TickSize {
        #[inline]
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            if self.tick_type != tick_type::not_set(sv) {
                w.tick_size(self.req_id, self.tick_type, self.size);
            }
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for TickString<'_> {
        #[inline]
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_string(self.req_id, self.tick_type, &self.value);
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for TickGeneric {
        #[inline]
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_generic(self.req_id, self.tick_type, self.value);
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for TickReqParams {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_req_params(
                self.ticker_id,
                self.min_tick,
                &self.bbo_exchange,
                self.snapshot_permissions,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.ticker_id)
        }
    }

    impl Incoming for TickSnapshotEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_snapshot_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for MarketDataType {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.market_data_type(self.req_id, self.market_data_type);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
