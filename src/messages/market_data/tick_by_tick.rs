//! Tick-by-tick data: reqTickByTickData, cancelTickByTickData, and the
//! tickByTick message behind tickByTickAllLast, tickByTickBidAsk and
//! tickByTickMidPoint.

use std::borrow::Cow;

use super::ContractBlock;
use crate::messages::ids::{incoming, outgoing};
use crate::messages::layout::refuse;
use crate::messages::layout::{Io, Layout};
use crate::messages::Message;
use crate::model::{Contract, Decimal, TickAttribBidAsk, TickAttribLast};
use crate::server_versions::{
    MIN_SERVER_VER_TICK_BY_TICK, MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::{flat_message, layout_message};

const TICK_BY_TICK_REFUSED: &str = " It does not support tick-by-tick data requests.";

/// `reqTickByTickData`: stream every trade, quote or midpoint change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqTickByTickData {
    /// The request id the ticks will carry.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// `"Last"`, `"AllLast"`, `"BidAsk"` or `"MidPoint"`.
    pub tick_type: String,
    /// How many historical ticks to send first (0 for none).
    pub number_of_ticks: i32,
    /// For `"BidAsk"`: ignore changes of size only.
    pub ignore_size: bool,
}

impl Layout for ReqTickByTickData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(sv < MIN_SERVER_VER_TICK_BY_TICK, TICK_BY_TICK_REFUSED)?;
        refuse(
            sv < MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE,
            " It does not support ignoreSize and numberOfTicks parameters in tick-by-tick data requests.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        ContractBlock::FULL.layout(io, &mut self.contract)?;
        io.ascii(&mut self.tick_type, "tick type")?;
        io.int(&mut self.number_of_ticks, "number of ticks")?;
        io.boolean(&mut self.ignore_size, "ignore size")
    }
}

layout_message!(ReqTickByTickData = outgoing::REQ_TICK_BY_TICK_DATA, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelTickByTickData`: stop a tick-by-tick stream.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelTickByTickData = outgoing::CANCEL_TICK_BY_TICK_DATA {
        refuse MIN_SERVER_VER_TICK_BY_TICK, TICK_BY_TICK_REFUSED;
        /// The request id given to [`ReqTickByTickData`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// The tick types of the `tickByTick` message (its second field).
pub mod tick_by_tick_type {
    /// No data (nothing follows the time).
    pub const NONE: i32 = 0;
    /// Last trades (`"Last"`).
    pub const LAST: i32 = 1;
    /// All trades, including those outside the NBBO (`"AllLast"`).
    pub const ALL_LAST: i32 = 2;
    /// Bid and ask (`"BidAsk"`).
    pub const BID_ASK: i32 = 3;
    /// The midpoint (`"MidPoint"`).
    pub const MID_POINT: i32 = 4;

    /// The number for a request's tick type name (`"AllLast"` → 2).
    pub fn from_name(name: &str) -> Option<i32> {
        match name {
            "Last" => Some(LAST),
            "AllLast" => Some(ALL_LAST),
            "BidAsk" => Some(BID_ASK),
            "MidPoint" => Some(MID_POINT),
            _ => None,
        }
    }
}

/// What a `tickByTick` message carries after its time, by tick type.
#[derive(Debug, Clone, PartialEq)]
pub enum TickByTickData<'a> {
    /// Tick type 0, or one this client does not know: nothing more is read,
    /// and no callback follows (as in the official decoder).
    None,
    /// Tick type 1 (Last) or 2 (AllLast): `tickByTickAllLast`.
    Last {
        /// Trade price.
        price: f64,
        /// Trade size.
        size: Decimal,
        /// Bit 0 past limit, bit 1 unreported.
        mask: i32,
        /// The exchange.
        exchange: Cow<'a, str>,
        /// Trade conditions.
        special_conditions: Cow<'a, str>,
    },
    /// Tick type 3: `tickByTickBidAsk`.
    BidAsk {
        /// Bid price.
        bid_price: f64,
        /// Ask price.
        ask_price: f64,
        /// Bid size.
        bid_size: Decimal,
        /// Ask size.
        ask_size: Decimal,
        /// Bit 0 bid past low, bit 1 ask past high.
        mask: i32,
    },
    /// Tick type 4: `tickByTickMidPoint`.
    MidPoint {
        /// The midpoint.
        mid_point: f64,
    },
}

/// `tickByTick`: one tick of a `reqTickByTickData` stream. It has no version field.
#[derive(Debug, Clone, PartialEq)]
pub struct TickByTick<'a> {
    /// The request id.
    pub req_id: i32,
    /// 0 none, 1 Last, 2 AllLast, 3 BidAsk, 4 MidPoint ([`tick_by_tick_type`]).
    pub tick_type: i32,
    /// Epoch seconds.
    pub time: i64,
    /// The rest, by tick type. Encoding writes it as it is, whatever the tick type.
    pub data: TickByTickData<'a>,
}

/// The attributes of a Last/AllLast tick from its mask, as the official decoder reads them.
#[inline]
pub fn tick_attrib_last(mask: i32) -> TickAttribLast {
    TickAttribLast {
        past_limit: mask & 1 != 0,
        unreported: mask & 2 != 0,
    }
}

/// The attributes of a BidAsk tick from its mask, as the official decoder reads them.
#[inline]
pub fn tick_attrib_bid_ask(mask: i32) -> TickAttribBidAsk {
    TickAttribBidAsk {
        bid_past_low: mask & 1 != 0,
        ask_past_high: mask & 2 != 0,
    }
}

impl<'a> TickByTick<'a> {
    /// Decodes the message borrowing its text from the frame: no allocation.
    #[inline]
    pub fn decode_borrowed(_sv: i32, r: &mut FieldReader<'a>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let tick_type = r.read_int_named("tick type")?;
        let time = r.read_int_named("time")?;
        let data = match tick_type {
            1 | 2 => TickByTickData::Last {
                price: r.read_f64("price")?,
                size: r.read_decimal("size")?,
                mask: r.read_int_named("attributes")?,
                exchange: Cow::Borrowed(r.read_str("exchange")?),
                special_conditions: Cow::Borrowed(r.read_str("special conditions")?),
            },
            3 => TickByTickData::BidAsk {
                bid_price: r.read_f64("bid price")?,
                ask_price: r.read_f64("ask price")?,
                bid_size: r.read_decimal("bid size")?,
                ask_size: r.read_decimal("ask size")?,
                mask: r.read_int_named("attributes")?,
            },
            4 => TickByTickData::MidPoint {
                mid_point: r.read_f64("mid point")?,
            },
            _ => TickByTickData::None,
        };
        Ok(TickByTick {
            req_id,
            tick_type,
            time,
            data,
        })
    }

    /// The same message owning its text.
    pub fn into_owned(self) -> TickByTick<'static> {
        let data = match self.data {
            TickByTickData::None => TickByTickData::None,
            TickByTickData::Last {
                price,
                size,
                mask,
                exchange,
                special_conditions,
            } => TickByTickData::Last {
                price,
                size,
                mask,
                exchange: Cow::Owned(exchange.into_owned()),
                special_conditions: Cow::Owned(special_conditions.into_owned()),
            },
            TickByTickData::BidAsk {
                bid_price,
                ask_price,
                bid_size,
                ask_size,
                mask,
            } => TickByTickData::BidAsk {
                bid_price,
                ask_price,
                bid_size,
                ask_size,
                mask,
            },
            TickByTickData::MidPoint { mid_point } => TickByTickData::MidPoint { mid_point },
        };
        TickByTick {
            req_id: self.req_id,
            tick_type: self.tick_type,
            time: self.time,
            data,
        }
    }
}

impl Message for TickByTick<'_> {
    const ID: u32 = incoming::TICK_BY_TICK;

    crate::protobuf_form!(incoming::protobuf_since);

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.tick_type);
        w.put_int(self.time);
        match &self.data {
            TickByTickData::None => {}
            TickByTickData::Last {
                price,
                size,
                mask,
                exchange,
                special_conditions,
            } => {
                w.put_f64(*price);
                w.put_decimal(*size);
                w.put_int(*mask);
                w.put_str_raw(exchange);
                w.put_str_raw(special_conditions);
            }
            TickByTickData::BidAsk {
                bid_price,
                ask_price,
                bid_size,
                ask_size,
                mask,
            } => {
                w.put_f64(*bid_price);
                w.put_f64(*ask_price);
                w.put_decimal(*bid_size);
                w.put_decimal(*ask_size);
                w.put_int(*mask);
            }
            TickByTickData::MidPoint { mid_point } => w.put_f64(*mid_point),
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        TickByTick::decode_borrowed(sv, r).map(TickByTick::into_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::test_util::{round_trip, VERSIONS};
    use crate::model::UNSET_DECIMAL;

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            let r = ReqTickByTickData {
                req_id: 3,
                contract: Contract {
                    con_id: 8314,
                    symbol: "IBM".into(),
                    sec_type: "STK".into(),
                    exchange: "SMART".into(),
                    currency: "USD".into(),
                    ..Contract::default()
                },
                tick_type: "BidAsk".into(),
                number_of_ticks: 10,
                ignore_size: true,
            };
            if sv < MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE {
                assert!(crate::messages::to_frame(&r, sv).is_err());
                continue;
            }
            assert_eq!(round_trip(&r, sv), r);
            let c = CancelTickByTickData { req_id: 3 };
            assert_eq!(round_trip(&c, sv), c);
        }
    }

    #[test]
    fn every_tick_type_round_trips() {
        let ticks = [
            TickByTick {
                req_id: 1,
                tick_type: tick_by_tick_type::LAST,
                time: 1_700_000_000,
                data: TickByTickData::Last {
                    price: 187.5,
                    size: Decimal::new(100, 0),
                    mask: 3,
                    exchange: "NYSE".into(),
                    special_conditions: "   ".into(),
                },
            },
            TickByTick {
                req_id: 1,
                tick_type: tick_by_tick_type::ALL_LAST,
                time: 1_700_000_001,
                data: TickByTickData::Last {
                    price: 0.0001,
                    size: UNSET_DECIMAL,
                    mask: 0,
                    exchange: String::new().into(),
                    special_conditions: "I".into(),
                },
            },
            TickByTick {
                req_id: 1,
                tick_type: tick_by_tick_type::BID_ASK,
                time: 1_700_000_002,
                data: TickByTickData::BidAsk {
                    bid_price: 187.49,
                    ask_price: 187.51,
                    bid_size: Decimal::new(300, 0),
                    ask_size: Decimal::new(2, 1),
                    mask: 2,
                },
            },
            TickByTick {
                req_id: 1,
                tick_type: tick_by_tick_type::MID_POINT,
                time: 1_700_000_003,
                data: TickByTickData::MidPoint { mid_point: 187.5 },
            },
            TickByTick {
                req_id: 1,
                tick_type: tick_by_tick_type::NONE,
                time: 1_700_000_004,
                data: TickByTickData::None,
            },
        ];
        for sv in VERSIONS {
            for t in &ticks {
                assert_eq!(&round_trip(t, sv), t);
            }
        }
        assert_eq!(
            tick_attrib_last(2),
            TickAttribLast {
                past_limit: false,
                unreported: true
            }
        );
        assert_eq!(
            tick_attrib_bid_ask(1),
            TickAttribBidAsk {
                bid_past_low: true,
                ask_past_high: false
            }
        );
        assert_eq!(tick_by_tick_type::from_name("AllLast"), Some(2));
    }
}

mod deliver {
    //! How tick-by-tick data reaches the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for TickByTick<'_> {
        #[inline]
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            match &self.data {
                TickByTickData::None => {}
                TickByTickData::Last {
                    price,
                    size,
                    mask,
                    exchange,
                    special_conditions,
                } => w.tick_by_tick_all_last(
                    self.req_id,
                    self.tick_type,
                    self.time,
                    *price,
                    *size,
                    tick_attrib_last(*mask),
                    exchange,
                    special_conditions,
                ),
                TickByTickData::BidAsk {
                    bid_price,
                    ask_price,
                    bid_size,
                    ask_size,
                    mask,
                } => w.tick_by_tick_bid_ask(
                    self.req_id,
                    self.time,
                    *bid_price,
                    *ask_price,
                    *bid_size,
                    *ask_size,
                    tick_attrib_bid_ask(*mask),
                ),
                TickByTickData::MidPoint { mid_point } => {
                    w.tick_by_tick_mid_point(self.req_id, self.time, *mid_point)
                }
            }
            Ok(())
        }
        #[inline]
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
