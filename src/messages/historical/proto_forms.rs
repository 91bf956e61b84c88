//! The protobuf forms of historical data (server version 208,
//! `MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA`, on): the bar, real-time bar,
//! head timestamp, histogram, historical tick and tick-by-tick requests and
//! their answers, read as the official 10.51.1 decoder reads them.
//!
//! Tick-by-tick data travels with them (the official client moves it at the
//! same version); its answer is read in one pass into pooled buffers, as the
//! tick path's other messages are: no allocation once warm.

use super::responses::{
    HeadTimestamp, HistogramDataMsg, HistoricalData, HistoricalDataEnd, HistoricalDataFrame,
    HistoricalDataHeader, HistoricalDataUpdate, HistoricalSchedule, HistoricalTicks,
    HistoricalTicksBidAsk, HistoricalTicksLast, RealTimeBars,
};
use super::{
    CancelHeadTimeStamp, CancelHistogramData, CancelHistoricalData, CancelRealTimeBars,
    ReqHeadTimeStamp, ReqHistogramData, ReqHistoricalData, ReqHistoricalTicks, ReqRealTimeBars,
};
use crate::errors::NO_VALID_ID;
use crate::messages::market_data::tick_by_tick::{
    CancelTickByTickData, ReqTickByTickData, TickByTick, TickByTickData,
};
use crate::messages::orders::proto_in::{request_contract_of, tag_values};
use crate::messages::orders::proto_out::{contract_proto, map};
use crate::messages::protobuf::{
    b, decimal, decimal_text, fields, give_cow, i, pooled_str, pooled_text, s, strings, text,
    wrong_wire_type, WireValue,
};
use crate::messages::ProtoForm;
use crate::model::{
    BarData, HistogramData, HistoricalSession, HistoricalTick, HistoricalTickBidAsk,
    HistoricalTickLast, RealTimeBar, TickAttribBidAsk, TickAttribLast, UNSET_INTEGER,
};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

/// A request's `useRTH`, an integer in the official arguments and a flag
/// in the protobuf form.
fn rth(p: Option<bool>) -> i32 {
    i32::from(p.unwrap_or(false))
}

crate::req_id_proto_form! {
    CancelHistoricalData => CancelHistoricalData, UNSET_INTEGER;
    CancelRealTimeBars => CancelRealTimeBars, UNSET_INTEGER;
    CancelHeadTimeStamp => CancelHeadTimestamp, UNSET_INTEGER;
    CancelTickByTickData => CancelTickByTick, UNSET_INTEGER;
}

impl ProtoForm for ReqHistoricalData {
    type Proto = proto::HistoricalDataRequest;
    const MAP_FIELDS: &'static [u32] = &[10];
    /// `createHistoricalDataRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalDataRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            end_date_time: s(&self.end_date_time),
            bar_size_setting: s(&self.bar_size_setting),
            duration: s(&self.duration_str),
            use_rth: b(self.use_rth != 0),
            what_to_show: s(&self.what_to_show),
            format_date: i(self.format_date),
            keep_up_to_date: b(self.keep_up_to_date),
            chart_options: map(&self.chart_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqHistoricalData {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            end_date_time: text(&p.end_date_time),
            duration_str: text(&p.duration),
            bar_size_setting: text(&p.bar_size_setting),
            what_to_show: text(&p.what_to_show),
            use_rth: rth(p.use_rth),
            format_date: p.format_date.unwrap_or(UNSET_INTEGER),
            keep_up_to_date: p.keep_up_to_date.unwrap_or(false),
            chart_options: tag_values(&p.chart_options),
        }))
    }
}

impl ProtoForm for ReqRealTimeBars {
    type Proto = proto::RealTimeBarsRequest;
    const MAP_FIELDS: &'static [u32] = &[6];
    /// `createRealTimeBarsRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::RealTimeBarsRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            bar_size: i(self.bar_size),
            what_to_show: s(&self.what_to_show),
            use_rth: b(self.use_rth),
            real_time_bars_options: map(&self.real_time_bars_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqRealTimeBars {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            bar_size: p.bar_size.unwrap_or(UNSET_INTEGER),
            what_to_show: text(&p.what_to_show),
            use_rth: p.use_rth.unwrap_or(false),
            real_time_bars_options: tag_values(&p.real_time_bars_options),
        }))
    }
}

impl ProtoForm for ReqHeadTimeStamp {
    type Proto = proto::HeadTimestampRequest;
    /// `createHeadTimestampRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HeadTimestampRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            use_rth: b(self.use_rth != 0),
            what_to_show: s(&self.what_to_show),
            format_date: i(self.format_date),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqHeadTimeStamp {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            what_to_show: text(&p.what_to_show),
            use_rth: rth(p.use_rth),
            format_date: p.format_date.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReqHistogramData {
    type Proto = proto::HistogramDataRequest;
    /// `createHistogramDataRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistogramDataRequest {
            req_id: i(self.ticker_id),
            contract: contract_proto(&self.contract),
            use_rth: b(self.use_rth),
            time_period: s(&self.time_period),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqHistogramData {
            ticker_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            use_rth: p.use_rth.unwrap_or(false),
            time_period: text(&p.time_period),
        }))
    }
}

impl ProtoForm for CancelHistogramData {
    type Proto = proto::CancelHistogramData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CancelHistogramData {
            req_id: i(self.ticker_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CancelHistogramData {
            ticker_id: p.req_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReqHistoricalTicks {
    type Proto = proto::HistoricalTicksRequest;
    const MAP_FIELDS: &'static [u32] = &[9];
    /// `createHistoricalTicksRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalTicksRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            start_date_time: s(&self.start_date_time),
            end_date_time: s(&self.end_date_time),
            number_of_ticks: i(self.number_of_ticks),
            what_to_show: s(&self.what_to_show),
            use_rth: b(self.use_rth != 0),
            ignore_size: b(self.ignore_size),
            misc_options: map(&self.misc_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqHistoricalTicks {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            start_date_time: text(&p.start_date_time),
            end_date_time: text(&p.end_date_time),
            number_of_ticks: p.number_of_ticks.unwrap_or(UNSET_INTEGER),
            what_to_show: text(&p.what_to_show),
            use_rth: rth(p.use_rth),
            ignore_size: p.ignore_size.unwrap_or(false),
            misc_options: tag_values(&p.misc_options),
        }))
    }
}

impl ProtoForm for ReqTickByTickData {
    type Proto = proto::TickByTickRequest;
    /// `createTickByTickRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickByTickRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            tick_type: s(&self.tick_type),
            number_of_ticks: i(self.number_of_ticks),
            ignore_size: b(self.ignore_size),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqTickByTickData {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            tick_type: text(&p.tick_type),
            number_of_ticks: p.number_of_ticks.unwrap_or(UNSET_INTEGER),
            ignore_size: p.ignore_size.unwrap_or(false),
        }))
    }
}

// The answers.

/// A bar as TWS fills `HistoricalDataBar`.
fn bar_to_proto(bar: &BarData) -> proto::HistoricalDataBar {
    proto::HistoricalDataBar {
        date: s(&bar.date),
        open: Some(bar.open),
        high: Some(bar.high),
        low: Some(bar.low),
        close: Some(bar.close),
        volume: decimal_text(bar.volume),
        wap: decimal_text(bar.wap),
        bar_count: Some(bar.bar_count),
    }
}

/// `decodeHistoricalDataBar`: what is absent keeps `BarData`'s default.
fn bar(p: &proto::HistoricalDataBar) -> BarData {
    let mut b = BarData::default();
    bar_into(&mut b, p);
    b
}

/// [`bar`] into a bar reused from one to the next (its date's buffer kept).
fn bar_into(b: &mut BarData, p: &proto::HistoricalDataBar) {
    let d = BarData::default();
    b.date.clear();
    b.date.push_str(p.date.as_deref().unwrap_or(""));
    b.open = p.open.unwrap_or(d.open);
    b.high = p.high.unwrap_or(d.high);
    b.low = p.low.unwrap_or(d.low);
    b.close = p.close.unwrap_or(d.close);
    b.volume = decimal(&p.volume);
    b.wap = decimal(&p.wap);
    b.bar_count = p.bar_count.unwrap_or(d.bar_count);
}

impl ProtoForm for HistoricalData {
    type Proto = proto::HistoricalData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalData {
            req_id: Some(self.header.req_id),
            historical_data_bars: self.bars.iter().map(bar_to_proto).collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalData {
            header: HistoricalDataHeader {
                req_id: p.req_id.unwrap_or(NO_VALID_ID),
                ..HistoricalDataHeader::default()
            },
            bars: p.historical_data_bars.iter().map(bar).collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_data_proto_buf(p);
    }
}

/// The dispatcher's reading of the protobuf form: the `…ProtoBuf` callback
/// gets the message whole, then its bars are converted one at a time into
/// one reused bar as they are delivered (as the text form's are read),
/// never all at once. `historicalDataEnd` always follows as a message of
/// its own.
impl<'a> ProtoForm for HistoricalDataFrame<'a> {
    type Proto = proto::HistoricalData;
    fn to_proto(&self, sv: i32) -> Self::Proto {
        proto::HistoricalData {
            req_id: Some(self.req_id()),
            historical_data_bars: self.bars(sv).iter().map(bar_to_proto).collect(),
        }
    }
    /// Counts the bars first (a skim over the top-level fields) so that the
    /// list of bars is allocated once at its size, instead of growing by
    /// doubling and copying for a 100,000-bar answer.
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        const BARS: u32 = 2;
        let mut bars = 0;
        for field in fields(body) {
            if let (BARS, WireValue::Bytes(_)) = field? {
                bars += 1;
            }
        }
        let mut p = proto::HistoricalData {
            req_id: None,
            historical_data_bars: Vec::with_capacity(bars),
        };
        prost::Message::merge(&mut p, body).map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(p)
    }
    /// The request id only: the bars stay in the protobuf message until
    /// [`deliver_converted`](ProtoForm::deliver_converted) reads them.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalDataFrame::in_proto(
            p.req_id.unwrap_or(NO_VALID_ID),
        )))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_data_proto_buf(p);
    }
    fn deliver_converted(
        p: &Self::Proto,
        m: &Self,
        sv: i32,
        w: &mut dyn EWrapper,
    ) -> Result<(), DecodeError> {
        if !m.is_in_proto() {
            return crate::messages::incoming::Incoming::deliver(m, sv, w);
        }
        let mut b = BarData::default();
        for pb in &p.historical_data_bars {
            bar_into(&mut b, pb);
            w.historical_data(m.req_id(), &b);
        }
        Ok(())
    }
}

impl ProtoForm for HistoricalDataEnd {
    type Proto = proto::HistoricalDataEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalDataEnd {
            req_id: Some(self.req_id),
            start_date_str: s(&self.start_date_str),
            end_date_str: s(&self.end_date_str),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalDataEnd {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            start_date_str: text(&p.start_date_str),
            end_date_str: text(&p.end_date_str),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_data_end_proto_buf(p);
    }
}

impl ProtoForm for HistoricalDataUpdate {
    type Proto = proto::HistoricalDataUpdate;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalDataUpdate {
            req_id: Some(self.req_id),
            historical_data_bar: Some(bar_to_proto(&self.bar)),
        }
    }
    /// As the official decoder: no `historicalDataUpdate` without its bar.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(p.historical_data_bar
            .as_ref()
            .map(|b| HistoricalDataUpdate {
                req_id: p.req_id.unwrap_or(NO_VALID_ID),
                bar: bar(b),
            }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_data_update_proto_buf(p);
    }
}

impl ProtoForm for RealTimeBars {
    type Proto = proto::RealTimeBarTick;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let b = &self.bar;
        proto::RealTimeBarTick {
            req_id: Some(self.req_id),
            time: Some(b.time),
            open: Some(b.open),
            high: Some(b.high),
            low: Some(b.low),
            close: Some(b.close),
            volume: decimal_text(b.volume),
            wap: decimal_text(b.wap),
            count: Some(b.count),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(RealTimeBars {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            bar: RealTimeBar {
                time: p.time.unwrap_or(0),
                open: p.open.unwrap_or(0.0),
                high: p.high.unwrap_or(0.0),
                low: p.low.unwrap_or(0.0),
                close: p.close.unwrap_or(0.0),
                volume: decimal(&p.volume),
                wap: decimal(&p.wap),
                count: p.count.unwrap_or(0),
                ..RealTimeBar::default()
            },
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.real_time_bar_tick_proto_buf(p);
    }
}

impl ProtoForm for HeadTimestamp {
    type Proto = proto::HeadTimestamp;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HeadTimestamp {
            req_id: Some(self.req_id),
            head_timestamp: s(&self.head_timestamp),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HeadTimestamp {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            head_timestamp: text(&p.head_timestamp),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.head_timestamp_proto_buf(p);
    }
}

impl ProtoForm for HistogramDataMsg {
    type Proto = proto::HistogramData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistogramData {
            req_id: Some(self.req_id),
            histogram_data_entries: self
                .items
                .iter()
                .map(|h| proto::HistogramDataEntry {
                    price: Some(h.price),
                    size: decimal_text(h.size),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistogramDataMsg {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            items: p
                .histogram_data_entries
                .iter()
                .map(|e| HistogramData {
                    price: e.price.unwrap_or(0.0),
                    size: decimal(&e.size),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.histogram_data_proto_buf(p);
    }
}

fn midpoint_to_proto(t: &HistoricalTick) -> proto::HistoricalTick {
    proto::HistoricalTick {
        time: Some(t.time),
        price: Some(t.price),
        size: decimal_text(t.size),
    }
}

/// `decodeHistoricalTick`.
fn midpoint(p: &proto::HistoricalTick) -> HistoricalTick {
    HistoricalTick {
        time: p.time.unwrap_or(0),
        price: p.price.unwrap_or(0.0),
        size: decimal(&p.size),
    }
}

fn bid_ask_to_proto(t: &HistoricalTickBidAsk) -> proto::HistoricalTickBidAsk {
    let a = &t.tick_attrib_bid_ask;
    proto::HistoricalTickBidAsk {
        time: Some(t.time),
        tick_attrib_bid_ask: Some(proto::TickAttribBidAsk {
            bid_past_low: b(a.bid_past_low),
            ask_past_high: b(a.ask_past_high),
        }),
        price_bid: Some(t.price_bid),
        price_ask: Some(t.price_ask),
        size_bid: decimal_text(t.size_bid),
        size_ask: decimal_text(t.size_ask),
    }
}

/// `decodeHistoricalTickBidAsk`.
fn bid_ask(p: &proto::HistoricalTickBidAsk) -> HistoricalTickBidAsk {
    let a = p.tick_attrib_bid_ask.unwrap_or_default();
    HistoricalTickBidAsk {
        time: p.time.unwrap_or(0),
        tick_attrib_bid_ask: TickAttribBidAsk {
            bid_past_low: a.bid_past_low.unwrap_or(false),
            ask_past_high: a.ask_past_high.unwrap_or(false),
        },
        price_bid: p.price_bid.unwrap_or(0.0),
        price_ask: p.price_ask.unwrap_or(0.0),
        size_bid: decimal(&p.size_bid),
        size_ask: decimal(&p.size_ask),
    }
}

fn last_to_proto(t: &HistoricalTickLast) -> proto::HistoricalTickLast {
    let a = &t.tick_attrib_last;
    proto::HistoricalTickLast {
        time: Some(t.time),
        tick_attrib_last: Some(proto::TickAttribLast {
            past_limit: b(a.past_limit),
            unreported: b(a.unreported),
        }),
        price: Some(t.price),
        size: decimal_text(t.size),
        exchange: s(&t.exchange),
        special_conditions: s(&t.special_conditions),
    }
}

/// `decodeHistoricalTickLast`.
fn last(p: &proto::HistoricalTickLast) -> HistoricalTickLast {
    let a = p.tick_attrib_last.unwrap_or_default();
    HistoricalTickLast {
        time: p.time.unwrap_or(0),
        tick_attrib_last: TickAttribLast {
            past_limit: a.past_limit.unwrap_or(false),
            unreported: a.unreported.unwrap_or(false),
        },
        price: p.price.unwrap_or(0.0),
        size: decimal(&p.size),
        exchange: text(&p.exchange),
        special_conditions: text(&p.special_conditions),
    }
}

/// The three historical tick answers: request id, ticks, done.
macro_rules! historical_ticks_form {
    ($($t:ident => $p:ident, $list:ident, $to:ident, $from:ident, $callback:ident;)*) => {$(
        impl ProtoForm for $t {
            type Proto = proto::$p;
            fn to_proto(&self, _sv: i32) -> Self::Proto {
                proto::$p {
                    req_id: Some(self.req_id),
                    $list: self.ticks.iter().map($to).collect(),
                    is_done: Some(self.done),
                }
            }
            fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
                Ok(Some($t {
                    req_id: p.req_id.unwrap_or(NO_VALID_ID),
                    ticks: p.$list.iter().map($from).collect(),
                    done: p.is_done.unwrap_or(false),
                }))
            }
            fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
                w.$callback(p);
            }
        }
    )*};
}

historical_ticks_form! {
    HistoricalTicks => HistoricalTicks, historical_ticks, midpoint_to_proto, midpoint,
        historical_ticks_proto_buf;
    HistoricalTicksBidAsk => HistoricalTicksBidAsk, historical_ticks_bid_ask, bid_ask_to_proto,
        bid_ask, historical_ticks_bid_ask_proto_buf;
    HistoricalTicksLast => HistoricalTicksLast, historical_ticks_last, last_to_proto, last,
        historical_ticks_last_proto_buf;
}

impl ProtoForm for HistoricalSchedule {
    type Proto = proto::HistoricalSchedule;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalSchedule {
            req_id: Some(self.req_id),
            start_date_time: s(&self.start_date_time),
            end_date_time: s(&self.end_date_time),
            time_zone: s(&self.time_zone),
            historical_sessions: self
                .sessions
                .iter()
                .map(|x| proto::HistoricalSession {
                    start_date_time: s(&x.start_date_time),
                    end_date_time: s(&x.end_date_time),
                    ref_date: s(&x.ref_date),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalSchedule {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            start_date_time: text(&p.start_date_time),
            end_date_time: text(&p.end_date_time),
            time_zone: text(&p.time_zone),
            sessions: p
                .historical_sessions
                .iter()
                .map(|x| HistoricalSession {
                    start_date_time: text(&x.start_date_time),
                    end_date_time: text(&x.end_date_time),
                    ref_date: text(&x.ref_date),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_schedule_proto_buf(p);
    }
}

// Tick-by-tick: the tick path.

use proto::tick_by_tick_data::Tick;

/// The attribute flags of a mask (bit 0, bit 1), as TWS sets them.
fn flags(mask: i32) -> (Option<bool>, Option<bool>) {
    (b(mask & 1 != 0), b(mask & 2 != 0))
}

impl<'a> ProtoForm for TickByTick<'a> {
    type Proto = proto::TickByTickData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let tick = match &self.data {
            TickByTickData::None => None,
            TickByTickData::Last {
                price,
                size,
                mask,
                exchange,
                special_conditions,
            } => {
                let (past_limit, unreported) = flags(*mask);
                Some(Tick::HistoricalTickLast(proto::HistoricalTickLast {
                    time: Some(self.time),
                    tick_attrib_last: Some(proto::TickAttribLast {
                        past_limit,
                        unreported,
                    }),
                    price: Some(*price),
                    size: decimal_text(*size),
                    exchange: s(exchange),
                    special_conditions: s(special_conditions),
                }))
            }
            TickByTickData::BidAsk {
                bid_price,
                ask_price,
                bid_size,
                ask_size,
                mask,
            } => {
                let (bid_past_low, ask_past_high) = flags(*mask);
                Some(Tick::HistoricalTickBidAsk(proto::HistoricalTickBidAsk {
                    time: Some(self.time),
                    tick_attrib_bid_ask: Some(proto::TickAttribBidAsk {
                        bid_past_low,
                        ask_past_high,
                    }),
                    price_bid: Some(*bid_price),
                    price_ask: Some(*ask_price),
                    size_bid: decimal_text(*bid_size),
                    size_ask: decimal_text(*ask_size),
                }))
            }
            TickByTickData::MidPoint { mid_point } => {
                Some(Tick::HistoricalTickMidPoint(proto::HistoricalTick {
                    time: Some(self.time),
                    price: Some(*mid_point),
                    size: None,
                }))
            }
        };
        proto::TickByTickData {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            tick,
        }
    }
    /// As the official decoder: the tick the type names, when it came (no
    /// callback otherwise); an absent time is 0, an absent price 0.0.
    #[inline]
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let tick_type = p.tick_type.unwrap_or(0);
        let (time, data) = match (tick_type, &p.tick) {
            (1 | 2, Some(Tick::HistoricalTickLast(t))) => {
                let a = t.tick_attrib_last.unwrap_or_default();
                let mask = i32::from(a.past_limit.unwrap_or(false))
                    | i32::from(a.unreported.unwrap_or(false)) << 1;
                (
                    t.time,
                    TickByTickData::Last {
                        price: t.price.unwrap_or(0.0),
                        size: decimal(&t.size),
                        mask,
                        exchange: pooled_text(&t.exchange),
                        special_conditions: pooled_text(&t.special_conditions),
                    },
                )
            }
            (3, Some(Tick::HistoricalTickBidAsk(t))) => {
                let a = t.tick_attrib_bid_ask.unwrap_or_default();
                let mask = i32::from(a.bid_past_low.unwrap_or(false))
                    | i32::from(a.ask_past_high.unwrap_or(false)) << 1;
                (
                    t.time,
                    TickByTickData::BidAsk {
                        bid_price: t.price_bid.unwrap_or(0.0),
                        ask_price: t.price_ask.unwrap_or(0.0),
                        bid_size: decimal(&t.size_bid),
                        ask_size: decimal(&t.size_ask),
                        mask,
                    },
                )
            }
            (4, Some(Tick::HistoricalTickMidPoint(t))) => (
                t.time,
                TickByTickData::MidPoint {
                    mid_point: t.price.unwrap_or(0.0),
                },
            ),
            _ => return Ok(None),
        };
        Ok(Some(TickByTick {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type,
            time: time.unwrap_or(0),
            data,
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_by_tick_data_proto_buf(p);
    }
    /// One pass over the body and the tick inside it, the text fields into
    /// pooled buffers (the tick path: no allocation once warm).
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        let mut p = proto::TickByTickData::default();
        for field in fields(body) {
            match field? {
                (1, WireValue::Varint(v)) => p.req_id = Some(v as i32),
                (2, WireValue::Varint(v)) => p.tick_type = Some(v as i32),
                (3, WireValue::Bytes(t)) => {
                    give_tick(p.tick.take());
                    p.tick = Some(Tick::HistoricalTickLast(read_last(t)?));
                }
                (4, WireValue::Bytes(t)) => {
                    give_tick(p.tick.take());
                    p.tick = Some(Tick::HistoricalTickBidAsk(read_bid_ask(t)?));
                }
                (5, WireValue::Bytes(t)) => {
                    give_tick(p.tick.take());
                    p.tick = Some(Tick::HistoricalTickMidPoint(read_midpoint(t)?));
                }
                (n @ 1..=5, _) => return Err(wrong_wire_type(n)),
                _ => {}
            }
        }
        Ok(p)
    }
    #[inline]
    fn recycle(p: Self::Proto, m: Option<Self>) {
        give_tick(p.tick);
        if let Some(TickByTick {
            data:
                TickByTickData::Last {
                    exchange,
                    special_conditions,
                    ..
                },
            ..
        }) = m
        {
            give_cow(exchange);
            give_cow(special_conditions);
        }
    }
}

/// Gives a tick's text buffers back to the pool.
fn give_tick(t: Option<Tick>) {
    match t {
        Some(Tick::HistoricalTickLast(t)) => {
            strings::give_opt(t.size);
            strings::give_opt(t.exchange);
            strings::give_opt(t.special_conditions);
        }
        Some(Tick::HistoricalTickBidAsk(t)) => {
            strings::give_opt(t.size_bid);
            strings::give_opt(t.size_ask);
        }
        Some(Tick::HistoricalTickMidPoint(t)) => strings::give_opt(t.size),
        None => {}
    }
}

/// Two flags of an attribute message (fields 1 and 2).
fn read_flags(body: &[u8]) -> Result<(Option<bool>, Option<bool>), DecodeError> {
    let mut out = (None, None);
    for field in fields(body) {
        match field? {
            (1, WireValue::Varint(v)) => out.0 = Some(v != 0),
            (2, WireValue::Varint(v)) => out.1 = Some(v != 0),
            (n @ 1..=2, _) => return Err(wrong_wire_type(n)),
            _ => {}
        }
    }
    Ok(out)
}

fn read_last(body: &[u8]) -> Result<proto::HistoricalTickLast, DecodeError> {
    let mut t = proto::HistoricalTickLast::default();
    for field in fields(body) {
        match field? {
            (1, WireValue::Varint(v)) => t.time = Some(v as i64),
            (2, WireValue::Bytes(a)) => {
                let (past_limit, unreported) = read_flags(a)?;
                t.tick_attrib_last = Some(proto::TickAttribLast {
                    past_limit,
                    unreported,
                });
            }
            (3, WireValue::Fixed64(v)) => t.price = Some(f64::from_bits(v)),
            (4, WireValue::Bytes(v)) => pooled_str(&mut t.size, v)?,
            (5, WireValue::Bytes(v)) => pooled_str(&mut t.exchange, v)?,
            (6, WireValue::Bytes(v)) => pooled_str(&mut t.special_conditions, v)?,
            (n @ 1..=6, _) => return Err(wrong_wire_type(n)),
            _ => {}
        }
    }
    Ok(t)
}

fn read_bid_ask(body: &[u8]) -> Result<proto::HistoricalTickBidAsk, DecodeError> {
    let mut t = proto::HistoricalTickBidAsk::default();
    for field in fields(body) {
        match field? {
            (1, WireValue::Varint(v)) => t.time = Some(v as i64),
            (2, WireValue::Bytes(a)) => {
                let (bid_past_low, ask_past_high) = read_flags(a)?;
                t.tick_attrib_bid_ask = Some(proto::TickAttribBidAsk {
                    bid_past_low,
                    ask_past_high,
                });
            }
            (3, WireValue::Fixed64(v)) => t.price_bid = Some(f64::from_bits(v)),
            (4, WireValue::Fixed64(v)) => t.price_ask = Some(f64::from_bits(v)),
            (5, WireValue::Bytes(v)) => pooled_str(&mut t.size_bid, v)?,
            (6, WireValue::Bytes(v)) => pooled_str(&mut t.size_ask, v)?,
            (n @ 1..=6, _) => return Err(wrong_wire_type(n)),
            _ => {}
        }
    }
    Ok(t)
}

fn read_midpoint(body: &[u8]) -> Result<proto::HistoricalTick, DecodeError> {
    let mut t = proto::HistoricalTick::default();
    for field in fields(body) {
        match field? {
            (1, WireValue::Varint(v)) => t.time = Some(v as i64),
            (2, WireValue::Fixed64(v)) => t.price = Some(f64::from_bits(v)),
            (3, WireValue::Bytes(v)) => pooled_str(&mut t.size, v)?,
            (n @ 1..=3, _) => return Err(wrong_wire_type(n)),
            _ => {}
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decimal;
    use std::borrow::Cow;

    /// The one-pass reader reads what prost reads.
    #[test]
    fn the_tick_by_tick_reader_agrees_with_prost() {
        let ticks = [
            TickByTick {
                req_id: 7,
                tick_type: 1,
                time: 1_735_741_800,
                data: TickByTickData::Last {
                    price: 187.25,
                    size: Decimal::from(100),
                    mask: 3,
                    exchange: Cow::Borrowed("NASDAQ"),
                    special_conditions: Cow::Borrowed("T I"),
                },
            },
            TickByTick {
                req_id: 8,
                tick_type: 3,
                time: 1_735_741_801,
                data: TickByTickData::BidAsk {
                    bid_price: 1.5,
                    ask_price: 1.75,
                    bid_size: Decimal::from(3),
                    ask_size: Decimal::from(4),
                    mask: 2,
                },
            },
            TickByTick {
                req_id: 9,
                tick_type: 4,
                time: 1_735_741_802,
                data: TickByTickData::MidPoint { mid_point: 1.625 },
            },
        ];
        for t in ticks {
            let body = prost::Message::encode_to_vec(&t.to_proto(208));
            let ours = TickByTick::read_proto(&body).unwrap();
            let theirs: proto::TickByTickData = prost::Message::decode(&body[..]).unwrap();
            assert_eq!(ours, theirs);
            let back = TickByTick::from_proto(208, &ours).unwrap().unwrap();
            assert_eq!(back, t);
        }
    }
}
