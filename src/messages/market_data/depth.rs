//! Market depth: reqMktDepth, cancelMktDepth, and the order book updates they
//! produce (updateMktDepth, updateMktDepthL2), and rerouteMktDepthReq.
//!
//! The level II update is decoded without allocating: [`MarketDepthL2::decode_borrowed`]
//! borrows the market maker's name from the frame.

use std::borrow::Cow;

use super::{options, ContractBlock};
use crate::messages::ids::{incoming, outgoing};
use crate::messages::layout::refuse;
use crate::messages::layout::version;
use crate::messages::layout::{Io, Layout};
use crate::messages::Message;
use crate::model::{Contract, Decimal, TagValue};
use crate::server_versions::{
    MIN_SERVER_VER_LINKING, MIN_SERVER_VER_MKT_DEPTH_PRIM_EXCHANGE, MIN_SERVER_VER_SMART_DEPTH,
    MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::{flat_message, layout_message};

/// `reqMktDepth` (message version 5): subscribe to the order book of a contract.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqMktDepth {
    /// The ticker id the updates will carry.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// How many rows of each side.
    pub num_rows: i32,
    /// Aggregated SMART depth (server version 146 and up).
    pub is_smart_depth: bool,
    /// Internal options (`tag=value;` pairs; the Python client refuses any).
    pub mkt_depth_options: Vec<TagValue>,
}

impl Layout for ReqMktDepth {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let c = &self.contract;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && (!c.trading_class.is_empty() || c.con_id > 0),
            "  It does not support conId and tradingClass parameters in reqMktDepth.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_SMART_DEPTH && self.is_smart_depth,
            " It does not support SMART depth request.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_MKT_DEPTH_PRIM_EXCHANGE && !c.primary_exchange.is_empty(),
            " It does not support primaryExchange parameter in reqMktDepth.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        version(io, 5)?;
        io.int(&mut self.req_id, "req id")?;
        ContractBlock {
            con_id: sv >= MIN_SERVER_VER_TRADING_CLASS,
            primary_exchange: sv >= MIN_SERVER_VER_MKT_DEPTH_PRIM_EXCHANGE,
            trading_class: sv >= MIN_SERVER_VER_TRADING_CLASS,
        }
        .layout(io, &mut self.contract)?;
        io.int(&mut self.num_rows, "num rows")?;
        if sv >= MIN_SERVER_VER_SMART_DEPTH {
            io.boolean(&mut self.is_smart_depth, "is smart depth")?;
        }
        if sv >= MIN_SERVER_VER_LINKING {
            options(io, &mut self.mkt_depth_options, "mkt depth options")?;
        }
        Ok(())
    }
}

layout_message!(ReqMktDepth = outgoing::REQ_MKT_DEPTH, impl {
    crate::protobuf_form!(outgoing::protobuf_since);
});

/// `cancelMktDepth` (message version 1): stop an order book subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelMktDepth {
    /// The ticker id given to [`ReqMktDepth`].
    pub req_id: i32,
    /// Whether it was a SMART depth request (server version 146 and up).
    pub is_smart_depth: bool,
}

impl Layout for CancelMktDepth {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_SMART_DEPTH && self.is_smart_depth,
            " It does not support SMART depth cancel.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 1)?;
        io.int(&mut self.req_id, "req id")?;
        if io.sv() >= MIN_SERVER_VER_SMART_DEPTH {
            io.boolean(&mut self.is_smart_depth, "is smart depth")?;
        }
        Ok(())
    }
}

layout_message!(CancelMktDepth = outgoing::CANCEL_MKT_DEPTH, impl {
    crate::protobuf_form!(outgoing::protobuf_since);
});

/// The depth operations of `updateMktDepth` / `updateMktDepthL2`.
pub mod operation {
    /// A new row at `position`; the rows from there on move down one.
    pub const INSERT: i32 = 0;
    /// The row at `position` changes price and size.
    pub const UPDATE: i32 = 1;
    /// The row at `position` goes; the rows below move up one.
    pub const DELETE: i32 = 2;
}

/// The sides of `updateMktDepth` / `updateMktDepthL2`.
pub mod side {
    /// The ask (offer) side.
    pub const ASK: i32 = 0;
    /// The bid side.
    pub const BID: i32 = 1;
}

flat_message! {
    /// `updateMktDepth` (message version 1): a change of one row of the book.
    #[derive(Debug, Clone, Copy, PartialEq, Default)]
    pub struct MarketDepth = incoming::MARKET_DEPTH {
        version 1;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The row (0 is the best).
        pub position: i32 = Int,
        /// 0 insert, 1 update, 2 delete ([`operation`]).
        pub operation: i32 = Int,
        /// 0 ask, 1 bid ([`side`]).
        pub side: i32 = Int,
        /// The row's price.
        pub price: f64 = Float,
        /// The row's size.
        pub size: Decimal = Dec,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `updateMktDepthL2` (message version 1): a change of one row of the level II
/// book, with the market maker (or exchange) that quotes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarketDepthL2<'a> {
    /// The ticker id.
    pub req_id: i32,
    /// The row (0 is the best).
    pub position: i32,
    /// The market maker or exchange (borrowed from the frame when decoded
    /// with [`MarketDepthL2::decode_borrowed`]).
    pub market_maker: Cow<'a, str>,
    /// 0 insert, 1 update, 2 delete ([`operation`]).
    pub operation: i32,
    /// 0 ask, 1 bid ([`side`]).
    pub side: i32,
    /// The row's price.
    pub price: f64,
    /// The row's size.
    pub size: Decimal,
    /// Aggregated SMART depth (server version 146 and up; `false` before).
    pub is_smart_depth: bool,
}

impl<'a> MarketDepthL2<'a> {
    /// Decodes the message borrowing the market maker from the frame: no allocation.
    #[inline]
    pub fn decode_borrowed(sv: i32, r: &mut FieldReader<'a>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(MarketDepthL2 {
            req_id: r.read_int_named("req id")?,
            position: r.read_int_named("position")?,
            market_maker: Cow::Borrowed(r.read_str("market maker")?),
            operation: r.read_int_named("operation")?,
            side: r.read_int_named("side")?,
            price: r.read_f64("price")?,
            size: r.read_decimal("size")?,
            is_smart_depth: sv >= MIN_SERVER_VER_SMART_DEPTH && r.read_bool("is smart depth")?,
        })
    }

    /// The same message owning its text.
    pub fn into_owned(self) -> MarketDepthL2<'static> {
        MarketDepthL2 {
            market_maker: Cow::Owned(self.market_maker.into_owned()),
            ..self
        }
    }
}

impl Message for MarketDepthL2<'_> {
    const ID: u32 = incoming::MARKET_DEPTH_L2;
    crate::protobuf_form!(incoming::protobuf_since);

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_int(self.position);
        w.put_str_raw(&self.market_maker);
        w.put_int(self.operation);
        w.put_int(self.side);
        w.put_f64(self.price);
        w.put_decimal(self.size);
        if sv >= MIN_SERVER_VER_SMART_DEPTH {
            w.put_bool(self.is_smart_depth);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        MarketDepthL2::decode_borrowed(sv, r).map(|m| MarketDepthL2 {
            market_maker: Cow::Owned(m.market_maker.into_owned()),
            ..m
        })
    }
}

flat_message! {
    /// `rerouteMktDepthReq`: a depth request (for a CFD) was rerouted to the
    /// underlying `con_id` on `exchange`. It has no version field.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct RerouteMktDepthReq = incoming::REROUTE_MKT_DEPTH_REQ {
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The contract the data comes from.
        pub con_id: i32 = Int,
        /// Its exchange.
        pub exchange: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::test_util::{round_trip, VERSIONS};
    use crate::model::UNSET_DECIMAL;

    fn req(sv: i32) -> ReqMktDepth {
        ReqMktDepth {
            req_id: 5,
            contract: Contract {
                con_id: if sv >= MIN_SERVER_VER_TRADING_CLASS {
                    265598
                } else {
                    0
                },
                symbol: "AAPL".into(),
                sec_type: "STK".into(),
                exchange: "ISLAND".into(),
                primary_exchange: if sv >= MIN_SERVER_VER_MKT_DEPTH_PRIM_EXCHANGE {
                    "NASDAQ".into()
                } else {
                    String::new()
                },
                currency: "USD".into(),
                ..Contract::default()
            },
            num_rows: 10,
            is_smart_depth: sv >= MIN_SERVER_VER_SMART_DEPTH,
            mkt_depth_options: vec![TagValue {
                tag: "x".into(),
                value: "y".into(),
            }],
        }
    }

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            let r = req(sv);
            assert_eq!(round_trip(&r, sv), r);
            let c = CancelMktDepth {
                req_id: 5,
                is_smart_depth: sv >= MIN_SERVER_VER_SMART_DEPTH,
            };
            assert_eq!(round_trip(&c, sv), c);
        }
    }

    #[test]
    fn updates_round_trip() {
        for sv in VERSIONS {
            let d = MarketDepth {
                req_id: 5,
                position: 3,
                operation: operation::UPDATE,
                side: side::BID,
                price: 187.25,
                size: Decimal::new(12345, 1),
            };
            assert_eq!(round_trip(&d, sv), d);
            let l2 = MarketDepthL2 {
                req_id: 5,
                position: 0,
                market_maker: "NSDQ".into(),
                operation: operation::INSERT,
                side: side::ASK,
                price: 187.26,
                size: UNSET_DECIMAL,
                is_smart_depth: sv >= MIN_SERVER_VER_SMART_DEPTH,
            };
            assert_eq!(round_trip(&l2, sv), l2);
            let rr = RerouteMktDepthReq {
                req_id: 5,
                con_id: 8314,
                exchange: "NYSE".into(),
            };
            assert_eq!(round_trip(&rr, sv), rr);
        }
    }

    #[test]
    fn l2_borrows_the_market_maker() {
        let l2 = MarketDepthL2 {
            market_maker: "ARCA".into(),
            ..MarketDepthL2::default()
        };
        let frame = crate::messages::to_frame(&l2, 203).unwrap();
        let body = &frame[8..];
        let m = MarketDepthL2::decode_borrowed(203, &mut FieldReader::new(body)).unwrap();
        assert!(matches!(m.market_maker, Cow::Borrowed("ARCA")));
    }

    #[test]
    fn old_servers_refuse_what_they_cannot_take() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        let r = ReqMktDepth {
            is_smart_depth: true,
            ..ReqMktDepth::default()
        };
        assert!(matches!(
            r.encode(140, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
        let c = CancelMktDepth {
            req_id: 1,
            is_smart_depth: true,
        };
        assert!(matches!(
            c.encode(140, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
    }
}

mod deliver {
    //! How the depth messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for MarketDepth {
        #[inline]
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_mkt_depth(
                self.req_id,
                self.position,
                self.operation,
                self.side,
                self.price,
                self.size,
            );
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for MarketDepthL2<'_> {
        #[inline]
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_mkt_depth_l2(
                self.req_id,
                self.position,
                &self.market_maker,
                self.operation,
                self.side,
                self.price,
                self.size,
                self.is_smart_depth,
            );
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for RerouteMktDepthReq {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.reroute_mkt_depth_req(self.req_id, self.con_id, &self.exchange);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
