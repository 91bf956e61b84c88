//! The answers of the historical requests: bars, their end marker and
//! updates, schedules, head timestamps, histograms, historical ticks and
//! real-time bars.
//!
//! Their text fields are read as the official decoder reads them: plain
//! UTF-8, no unescaping.

use crate::messages::ids::incoming;
use crate::messages::layout::version;
use crate::messages::layout::{list, Io, Layout, Reader};
use crate::messages::market_data::dropped;
use crate::model::{
    BarData, HistogramData, HistoricalSession, HistoricalTick, HistoricalTickBidAsk,
    HistoricalTickLast, RealTimeBar,
};
use crate::server_versions::{
    MIN_SERVER_VER_HISTORICAL_DATA_END, MIN_SERVER_VER_SYNT_REALTIME_BARS,
};
use crate::wire::{DecodeError, FieldReader};
use crate::{flat_message, layout_message};

/// The version field TWS put on `historicalData` before
/// `MIN_SERVER_VER_SYNT_REALTIME_BARS`.
const HISTORICAL_DATA_VERSION: i32 = 3;

/// What precedes the bars of a [`HistoricalData`] message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoricalDataHeader {
    /// The request id.
    pub req_id: i32,
    /// Start of the period; only in the message before
    /// `MIN_SERVER_VER_HISTORICAL_DATA_END` (later in [`HistoricalDataEnd`]).
    pub start_date: String,
    /// End of the period; as `start_date`.
    pub end_date: String,
}

/// The fields of `historicalData` before the bar count.
fn data_header(io: &mut dyn Io, h: &mut HistoricalDataHeader) -> Result<(), DecodeError> {
    let sv = io.sv();
    if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
        version(io, HISTORICAL_DATA_VERSION)?;
    }
    io.int(&mut h.req_id, "req id")?;
    if sv < MIN_SERVER_VER_HISTORICAL_DATA_END {
        io.text(&mut h.start_date, "start date")?;
        io.text(&mut h.end_date, "end date")?;
    }
    Ok(())
}

/// A bar of `historicalData` after its date (which
/// [`HistoricalData::decode_each`] reads into one reused buffer).
fn bar_after_date(io: &mut dyn Io, bar: &mut BarData) -> Result<(), DecodeError> {
    io.float(&mut bar.open, "open")?;
    io.float(&mut bar.high, "high")?;
    io.float(&mut bar.low, "low")?;
    io.float(&mut bar.close, "close")?;
    io.decimal(&mut bar.volume, "volume")?;
    io.decimal(&mut bar.wap, "wap")?;
    if io.sv() < MIN_SERVER_VER_SYNT_REALTIME_BARS {
        dropped(io, "false", "has gaps")?;
    }
    io.int(&mut bar.bar_count, "bar count")
}

/// `historicalData`: the bars of a `reqHistoricalData` request, in one
/// message. Before `MIN_SERVER_VER_HISTORICAL_DATA_END` the message also
/// carries the period and ends the request (the official decoder then calls
/// `historicalDataEnd` itself); from it on, [`HistoricalDataEnd`] follows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoricalData {
    /// The request id, and the period before `MIN_SERVER_VER_HISTORICAL_DATA_END`.
    pub header: HistoricalDataHeader,
    /// The bars, oldest first.
    pub bars: Vec<BarData>,
}

impl HistoricalData {
    /// Decodes the message bar by bar without collecting the bars: `on_bar`
    /// gets the request id and each bar (one reused buffer), as the official
    /// decoder calls `historicalData` for each bar as it reads it. Returns the
    /// header; a bar that does not decode stops it with the error, after the
    /// bars before it were delivered.
    ///
    /// The same layout as the message's, but for the bar count, taken as the
    /// official decoder takes it (no check against the fields left, so the
    /// bars before a missing one are delivered), and each bar's date, read
    /// into the one reused buffer: no allocation per bar.
    pub fn decode_each(
        sv: i32,
        r: &mut FieldReader<'_>,
        mut on_bar: impl FnMut(i32, &BarData),
    ) -> Result<HistoricalDataHeader, DecodeError> {
        let mut header = HistoricalDataHeader::default();
        data_header(&mut Reader::new(sv, r), &mut header)?;
        let count: i64 = r.read_int_named("bar count")?;
        let mut bar = BarData::default();
        for _ in 0..count.max(0) {
            bar.date.clear();
            bar.date.push_str(r.read_str("date")?);
            bar_after_date(&mut Reader::new(sv, r), &mut bar)?;
            on_bar(header.req_id, &bar);
        }
        Ok(header)
    }
}

impl Layout for HistoricalData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        data_header(io, &mut self.header)?;
        list(io, &mut self.bars, "bar count", |io, bar| {
            io.text(&mut bar.date, "date")?;
            bar_after_date(io, bar)?;
            Ok(())
        })?;
        Ok(())
    }
}

layout_message!(HistoricalData = incoming::HISTORICAL_DATA, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `historicalDataEnd` (from `MIN_SERVER_VER_HISTORICAL_DATA_END`): the end
    /// of a `reqHistoricalData` answer, with its period.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct HistoricalDataEnd = incoming::HISTORICAL_DATA_END {
        /// The request id.
        pub req_id: i32 = Int,
        /// Start of the period.
        pub start_date_str: String = Raw,
        /// End of the period.
        pub end_date_str: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `historicalDataUpdate`: the last bar of a `keep_up_to_date` request,
/// updated. Its fields come in another order than in [`HistoricalData`]:
/// count, date, open, close, high, low, WAP, volume.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoricalDataUpdate {
    /// The request id.
    pub req_id: i32,
    /// The bar.
    pub bar: BarData,
}

impl Layout for HistoricalDataUpdate {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let b = &mut self.bar;
        io.int(&mut self.req_id, "req id")?;
        io.int(&mut b.bar_count, "bar count")?;
        io.text(&mut b.date, "date")?;
        io.float(&mut b.open, "open")?;
        io.float(&mut b.close, "close")?;
        io.float(&mut b.high, "high")?;
        io.float(&mut b.low, "low")?;
        io.decimal(&mut b.wap, "wap")?;
        io.decimal(&mut b.volume, "volume")
    }
}

layout_message!(HistoricalDataUpdate = incoming::HISTORICAL_DATA_UPDATE, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `historicalSchedule`: the trading sessions of a `reqHistoricalData`
/// request with `what_to_show = "SCHEDULE"`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoricalSchedule {
    /// The request id.
    pub req_id: i32,
    /// Start of the period.
    pub start_date_time: String,
    /// End of the period.
    pub end_date_time: String,
    /// Time zone of the sessions.
    pub time_zone: String,
    /// The sessions.
    pub sessions: Vec<HistoricalSession>,
}

impl Layout for HistoricalSchedule {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.text(&mut self.start_date_time, "start date time")?;
        io.text(&mut self.end_date_time, "end date time")?;
        io.text(&mut self.time_zone, "time zone")?;
        list(io, &mut self.sessions, "sessions count", |io, s| {
            io.text(&mut s.start_date_time, "session start")?;
            io.text(&mut s.end_date_time, "session end")?;
            io.text(&mut s.ref_date, "ref date")?;
            Ok(())
        })?;
        Ok(())
    }
}

layout_message!(HistoricalSchedule = incoming::HISTORICAL_SCHEDULE, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `headTimestamp`: the earliest date with data.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct HeadTimestamp = incoming::HEAD_TIMESTAMP {
        /// The request id.
        pub req_id: i32 = Int,
        /// The date, as the request's `format_date` asked.
        pub head_timestamp: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `histogramData`: volume by price.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistogramDataMsg {
    /// The request id.
    pub req_id: i32,
    /// The buckets.
    pub items: Vec<HistogramData>,
}

impl Layout for HistogramDataMsg {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        list(io, &mut self.items, "points count", |io, h| {
            io.float(&mut h.price, "price")?;
            io.decimal(&mut h.size, "size")?;
            Ok(())
        })?;
        Ok(())
    }
}

layout_message!(HistogramDataMsg = incoming::HISTOGRAM_DATA, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// Declares one of the three historical tick answers, which share their
/// shape: the request id, the count, the ticks (each laid out by `$tick`),
/// and whether it is the last part.
macro_rules! historical_ticks {
    ($(#[$doc:meta])* $name:ident = $id:path, $t:ty, $tick:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $name {
            /// The request id.
            pub req_id: i32,
            /// The ticks.
            pub ticks: Vec<$t>,
            /// The last batch of the request.
            pub done: bool,
        }

        impl Layout for $name {
            fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
                io.int(&mut self.req_id, "req id")?;
                list(io, &mut self.ticks, "tick count", |io, t| {
                        $tick(io, t)?;
                    Ok(())
                })?;
                io.boolean(&mut self.done, "done")
            }
        }

        layout_message!($name = $id, impl { crate::protobuf_form!(incoming::protobuf_since); });
    };
}

/// Two attribute flags in one mask field: bit 0 and bit 1.
fn attribute_mask(io: &mut dyn Io, bit0: &mut bool, bit1: &mut bool) -> Result<(), DecodeError> {
    let mut mask = i64::from(*bit0) | (i64::from(*bit1) << 1);
    io.long(&mut mask, "attributes")?;
    *bit0 = mask & 1 != 0;
    *bit1 = mask & 2 != 0;
    Ok(())
}

fn midpoint_tick(io: &mut dyn Io, t: &mut HistoricalTick) -> Result<(), DecodeError> {
    io.long(&mut t.time, "time")?;
    // An unused field (TWS sends 0).
    dropped(io, 0, "unused")?;
    io.float(&mut t.price, "price")?;
    io.decimal(&mut t.size, "size")
}

fn bid_ask_tick(io: &mut dyn Io, t: &mut HistoricalTickBidAsk) -> Result<(), DecodeError> {
    let a = &mut t.tick_attrib_bid_ask;
    io.long(&mut t.time, "time")?;
    attribute_mask(io, &mut a.ask_past_high, &mut a.bid_past_low)?;
    io.float(&mut t.price_bid, "bid price")?;
    io.float(&mut t.price_ask, "ask price")?;
    io.decimal(&mut t.size_bid, "bid size")?;
    io.decimal(&mut t.size_ask, "ask size")
}

fn last_tick(io: &mut dyn Io, t: &mut HistoricalTickLast) -> Result<(), DecodeError> {
    let a = &mut t.tick_attrib_last;
    io.long(&mut t.time, "time")?;
    attribute_mask(io, &mut a.past_limit, &mut a.unreported)?;
    io.float(&mut t.price, "price")?;
    io.decimal(&mut t.size, "size")?;
    io.text(&mut t.exchange, "exchange")?;
    io.text(&mut t.special_conditions, "special conditions")
}

historical_ticks!(
    /// `historicalTicks`: midpoint ticks of `reqHistoricalTicks`.
    HistoricalTicks = incoming::HISTORICAL_TICKS, HistoricalTick, midpoint_tick
);

historical_ticks!(
    /// `historicalTicksBidAsk`: bid/ask ticks of `reqHistoricalTicks`.
    HistoricalTicksBidAsk = incoming::HISTORICAL_TICKS_BID_ASK, HistoricalTickBidAsk, bid_ask_tick
);

historical_ticks!(
    /// `historicalTicksLast`: trade ticks of `reqHistoricalTicks`.
    HistoricalTicksLast = incoming::HISTORICAL_TICKS_LAST, HistoricalTickLast, last_tick
);

/// `realtimeBar` (message id `REAL_TIME_BARS`, version 3): one five-second bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RealTimeBars {
    /// The request id.
    pub req_id: i32,
    /// The bar (`end_time` is not on the wire).
    pub bar: RealTimeBar,
}

impl Layout for RealTimeBars {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let b = &mut self.bar;
        version(io, 3)?;
        io.int(&mut self.req_id, "req id")?;
        io.long(&mut b.time, "time")?;
        io.float(&mut b.open, "open")?;
        io.float(&mut b.high, "high")?;
        io.float(&mut b.low, "low")?;
        io.float(&mut b.close, "close")?;
        io.decimal(&mut b.volume, "volume")?;
        io.decimal(&mut b.wap, "wap")?;
        io.int(&mut b.count, "count")
    }
}

layout_message!(RealTimeBars = incoming::REAL_TIME_BARS, impl { crate::protobuf_form!(incoming::protobuf_since); });

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::{Decimal, TickAttribBidAsk, TickAttribLast, UNSET_DECIMAL};

    fn bar(i: i32) -> BarData {
        BarData {
            date: format!("20250102 {:02}:00:00 US/Eastern", 9 + i),
            open: 187.25,
            high: 188.5,
            low: 186.75,
            close: 188.0,
            volume: Decimal::new(123_456, 2),
            wap: Decimal::new(187_6543, 4),
            bar_count: 321,
        }
    }

    #[test]
    fn answers_round_trip() {
        for sv in VERSIONS {
            let mut h = HistoricalData {
                header: HistoricalDataHeader {
                    req_id: 7,
                    start_date: "20250101 09:30:00".into(),
                    end_date: "20250102 16:00:00".into(),
                },
                bars: vec![bar(0), bar(1), BarData::default()],
            };
            if sv >= MIN_SERVER_VER_HISTORICAL_DATA_END {
                h.header.start_date.clear();
                h.header.end_date.clear();
            }
            assert_eq!(round_trip(&h, sv), h);
            let end = HistoricalDataEnd {
                req_id: 7,
                start_date_str: "a".into(),
                end_date_str: "b".into(),
            };
            assert_eq!(round_trip(&end, sv), end);
            let u = HistoricalDataUpdate {
                req_id: 7,
                bar: bar(3),
            };
            assert_eq!(round_trip(&u, sv), u);
            let s = HistoricalSchedule {
                req_id: 1,
                start_date_time: "20250101-09:30:00".into(),
                end_date_time: "20250103-16:00:00".into(),
                time_zone: "US/Eastern".into(),
                sessions: vec![HistoricalSession {
                    start_date_time: "20250102-09:30:00".into(),
                    end_date_time: "20250102-16:00:00".into(),
                    ref_date: "20250102".into(),
                }],
            };
            assert_eq!(round_trip(&s, sv), s);
            let ht = HeadTimestamp {
                req_id: 2,
                head_timestamp: "19801212 14:30:00".into(),
            };
            assert_eq!(round_trip(&ht, sv), ht);
            let hg = HistogramDataMsg {
                req_id: 3,
                items: vec![
                    HistogramData {
                        price: 187.5,
                        size: Decimal::from(1200),
                    },
                    HistogramData {
                        price: 0.0,
                        size: UNSET_DECIMAL,
                    },
                ],
            };
            assert_eq!(round_trip(&hg, sv), hg);
            let t = HistoricalTicks {
                req_id: 4,
                ticks: vec![HistoricalTick {
                    time: 1_735_741_800,
                    price: 187.255,
                    size: Decimal::ZERO,
                }],
                done: true,
            };
            assert_eq!(round_trip(&t, sv), t);
            let ba = HistoricalTicksBidAsk {
                req_id: 5,
                ticks: vec![HistoricalTickBidAsk {
                    time: 1_735_741_800,
                    tick_attrib_bid_ask: TickAttribBidAsk {
                        bid_past_low: true,
                        ask_past_high: false,
                    },
                    price_bid: 187.25,
                    price_ask: 187.26,
                    size_bid: Decimal::from(300),
                    size_ask: Decimal::from(200),
                }],
                done: false,
            };
            assert_eq!(round_trip(&ba, sv), ba);
            let l = HistoricalTicksLast {
                req_id: 6,
                ticks: vec![HistoricalTickLast {
                    time: 1_735_741_800,
                    tick_attrib_last: TickAttribLast {
                        past_limit: false,
                        unreported: true,
                    },
                    price: 187.25,
                    size: Decimal::from(100),
                    exchange: "NASDAQ".into(),
                    special_conditions: "T I".into(),
                }],
                done: true,
            };
            assert_eq!(round_trip(&l, sv), l);
            let rt = RealTimeBars {
                req_id: 8,
                bar: RealTimeBar {
                    time: 1_735_741_800,
                    open: 1.5,
                    high: 2.5,
                    low: 1.0,
                    close: 2.0,
                    volume: Decimal::from(700),
                    wap: Decimal::new(175, 2),
                    count: 7,
                    ..RealTimeBar::default()
                },
            };
            assert_eq!(round_trip(&rt, sv), rt);
        }
    }

    #[test]
    fn bars_are_delivered_one_by_one_until_a_bad_one() {
        let h = HistoricalData {
            header: HistoricalDataHeader {
                req_id: 7,
                ..HistoricalDataHeader::default()
            },
            bars: vec![bar(0), bar(1)],
        };
        let frame = crate::messages::to_frame(&h, 203).unwrap();
        let hdr = crate::wire::MessageHeader::parse(203, &frame[4..]).unwrap();
        let body = &frame[4 + hdr.body_start..];
        // Cut the frame in the second bar.
        let cut = &body[..body.len() - 5];
        let mut seen = Vec::new();
        let r = HistoricalData::decode_each(203, &mut FieldReader::new(cut), |id, b| {
            seen.push((id, b.date.clone()))
        });
        assert!(r.is_err());
        assert_eq!(seen, vec![(7, bar(0).date)]);
    }
}

/// A `historicalData` frame as the dispatcher sees it: its bars are read
/// while they are delivered, one reused bar at a time, so that a year of
/// minute bars is never held twice (see [`HistoricalData::decode_each`]).
/// The protobuf form's bars stay in its protobuf message (its `…ProtoBuf`
/// callback gets it whole) and are converted one at a time as they are
/// delivered.
#[derive(Debug, Clone)]
pub struct HistoricalDataFrame<'a> {
    req_id: i32,
    /// The form before `historicalDataEnd`: this message is the end.
    is_end: bool,
    body: FrameBody<'a>,
}

#[derive(Debug, Clone)]
enum FrameBody<'a> {
    /// The text form's fields, read at delivery.
    Fields(FieldReader<'a>),
    /// The protobuf form: its bars are in the protobuf message, read when
    /// it is delivered.
    InProto,
}

impl<'a> HistoricalDataFrame<'a> {
    /// Takes the frame's fields; reads only the request id (the bars are
    /// read at delivery).
    pub fn read(sv: i32, r: &mut FieldReader<'a>) -> Result<Self, DecodeError> {
        let body = r.clone();
        let mut peek = r.clone();
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            peek.skip("version")?;
        }
        let req_id = peek.read_int_named("req id")?;
        Ok(HistoricalDataFrame {
            req_id,
            is_end: sv < MIN_SERVER_VER_HISTORICAL_DATA_END,
            body: FrameBody::Fields(body),
        })
    }

    /// The protobuf form's frame: its bars stay in the protobuf message.
    pub fn in_proto(req_id: i32) -> HistoricalDataFrame<'static> {
        HistoricalDataFrame {
            req_id,
            is_end: false,
            body: FrameBody::InProto,
        }
    }

    /// Whether the bars are in the protobuf message this frame came from.
    pub fn is_in_proto(&self) -> bool {
        matches!(self.body, FrameBody::InProto)
    }

    /// The request id.
    pub fn req_id(&self) -> i32 {
        self.req_id
    }

    /// The bars, collected (a bar that does not decode ends them); none for
    /// the protobuf form, whose bars are in its protobuf message.
    pub fn bars(&self, sv: i32) -> Vec<BarData> {
        match &self.body {
            FrameBody::InProto => Vec::new(),
            FrameBody::Fields(r) => {
                let mut bars = Vec::new();
                let _ =
                    HistoricalData::decode_each(sv, &mut r.clone(), |_, b| bars.push(b.clone()));
                bars
            }
        }
    }
}

mod deliver {
    //! How the historical answers reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::{Ends, Route};
    use crate::EWrapper;

    impl Incoming for HistoricalDataFrame<'_> {
        const MAY_END: bool = true;
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            let body = match &self.body {
                // Delivered by its protobuf form (`deliver_converted`).
                FrameBody::InProto => return Ok(()),
                FrameBody::Fields(body) => body,
            };
            // One callback per bar as it is read; a bar that does not decode
            // stops the message after the bars before it were delivered.
            let header = HistoricalData::decode_each(sv, &mut body.clone(), |req_id, bar| {
                w.historical_data(req_id, bar)
            })?;
            if sv < MIN_SERVER_VER_HISTORICAL_DATA_END {
                w.historical_data_end(header.req_id, &header.start_date, &header.end_date);
            }
            Ok(())
        }
        fn route(&self) -> Route {
            // Before `historicalDataEnd` existed, the bars' message was the end.
            let r = Route::id(self.req_id);
            if self.is_end {
                r.with_end(Ends::OneShot)
            } else {
                r
            }
        }
    }

    impl Incoming for HistoricalDataEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_data_end(self.req_id, &self.start_date_str, &self.end_date_str);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).with_end(Ends::OneShot)
        }
    }

    impl Incoming for HistoricalDataUpdate {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_data_update(self.req_id, &self.bar);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for HistoricalSchedule {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_schedule(
                self.req_id,
                &self.start_date_time,
                &self.end_date_time,
                &self.time_zone,
                &self.sessions,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for HeadTimestamp {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.head_timestamp(self.req_id, &self.head_timestamp);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for HistogramDataMsg {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.histogram_data(self.req_id, &self.items);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    /// The route of a historical ticks message: its last one (`done`) ends
    /// the request.
    fn ticks_route(req_id: i32, done: bool) -> Route {
        let r = Route::id(req_id);
        if done {
            r.ending()
        } else {
            r
        }
    }

    impl Incoming for HistoricalTicks {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_ticks(self.req_id, &self.ticks, self.done);
            Ok(())
        }
        fn route(&self) -> Route {
            ticks_route(self.req_id, self.done)
        }
    }

    impl Incoming for HistoricalTicksBidAsk {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_ticks_bid_ask(self.req_id, &self.ticks, self.done);
            Ok(())
        }
        fn route(&self) -> Route {
            ticks_route(self.req_id, self.done)
        }
    }

    impl Incoming for HistoricalTicksLast {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_ticks_last(self.req_id, &self.ticks, self.done);
            Ok(())
        }
        fn route(&self) -> Route {
            ticks_route(self.req_id, self.done)
        }
    }

    impl Incoming for RealTimeBars {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            let b = &self.bar;
            w.realtime_bar(
                self.req_id,
                b.time,
                b.open,
                b.high,
                b.low,
                b.close,
                b.volume,
                b.wap,
                b.count,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
