//! The answers of the historical requests: bars, their end marker and
//! updates, schedules, head timestamps, histograms, historical ticks and
//! real-time bars.
//!
//! Their text fields are read as the official decoder reads them: plain
//! UTF-8, no unescaping.

use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::model::{
    BarData, HistogramData, HistoricalSession, HistoricalTick, HistoricalTickBidAsk,
    HistoricalTickLast, RealTimeBar, TickAttribBidAsk, TickAttribLast,
};
use crate::server_versions::{
    MIN_SERVER_VER_HISTORICAL_DATA_END, MIN_SERVER_VER_SYNT_REALTIME_BARS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

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
    pub fn decode_each(
        sv: i32,
        r: &mut FieldReader<'_>,
        mut on_bar: impl FnMut(i32, &BarData),
    ) -> Result<HistoricalDataHeader, DecodeError> {
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            r.skip("version")?;
        }
        let mut header = HistoricalDataHeader {
            req_id: r.read_int_named("req id")?,
            ..HistoricalDataHeader::default()
        };
        if sv < MIN_SERVER_VER_HISTORICAL_DATA_END {
            header.start_date = r.read_string("start date")?;
            header.end_date = r.read_string("end date")?;
        }
        let count: i64 = r.read_int_named("bar count")?;
        let mut bar = BarData::default();
        for _ in 0..count.max(0) {
            bar.date.clear();
            bar.date.push_str(r.read_str("date")?);
            bar.open = r.read_f64("open")?;
            bar.high = r.read_f64("high")?;
            bar.low = r.read_f64("low")?;
            bar.close = r.read_f64("close")?;
            bar.volume = r.read_decimal("volume")?;
            bar.wap = r.read_decimal("wap")?;
            if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
                r.skip("has gaps")?;
            }
            bar.bar_count = r.read_int_named("bar count")?;
            on_bar(header.req_id, &bar);
        }
        Ok(header)
    }
}

impl Message for HistoricalData {
    const ID: u32 = incoming::HISTORICAL_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            w.put_int(HISTORICAL_DATA_VERSION);
        }
        w.put_int(self.header.req_id);
        if sv < MIN_SERVER_VER_HISTORICAL_DATA_END {
            w.put_str_raw(&self.header.start_date);
            w.put_str_raw(&self.header.end_date);
        }
        w.put_int(self.bars.len() as i64);
        for bar in &self.bars {
            w.put_str_raw(&bar.date);
            w.put_f64(bar.open);
            w.put_f64(bar.high);
            w.put_f64(bar.low);
            w.put_f64(bar.close);
            w.put_decimal(bar.volume);
            w.put_decimal(bar.wap);
            if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
                w.put_str_raw("false");
            }
            w.put_int(bar.bar_count);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let mut bars = Vec::new();
        let header = Self::decode_each(sv, r, |_, bar| bars.push(bar.clone()))?;
        Ok(HistoricalData { header, bars })
    }
}

/// `historicalDataEnd` (from `MIN_SERVER_VER_HISTORICAL_DATA_END`): the end
/// of a `reqHistoricalData` answer, with its period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoricalDataEnd {
    /// The request id.
    pub req_id: i32,
    /// Start of the period.
    pub start_date_str: String,
    /// End of the period.
    pub end_date_str: String,
}

impl Message for HistoricalDataEnd {
    const ID: u32 = incoming::HISTORICAL_DATA_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.start_date_str);
        w.put_str_raw(&self.end_date_str);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(HistoricalDataEnd {
            req_id: r.read_int_named("req id")?,
            start_date_str: r.read_string("start date")?,
            end_date_str: r.read_string("end date")?,
        })
    }
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

impl Message for HistoricalDataUpdate {
    const ID: u32 = incoming::HISTORICAL_DATA_UPDATE;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let b = &self.bar;
        w.put_int(self.req_id);
        w.put_int(b.bar_count);
        w.put_str_raw(&b.date);
        w.put_f64(b.open);
        w.put_f64(b.close);
        w.put_f64(b.high);
        w.put_f64(b.low);
        w.put_decimal(b.wap);
        w.put_decimal(b.volume);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let bar_count = r.read_int_named("bar count")?;
        let date = r.read_string("date")?;
        let open = r.read_f64("open")?;
        let close = r.read_f64("close")?;
        let high = r.read_f64("high")?;
        let low = r.read_f64("low")?;
        let wap = r.read_decimal("wap")?;
        let volume = r.read_decimal("volume")?;
        Ok(HistoricalDataUpdate {
            req_id,
            bar: BarData {
                date,
                open,
                high,
                low,
                close,
                volume,
                wap,
                bar_count,
            },
        })
    }
}

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

impl Message for HistoricalSchedule {
    const ID: u32 = incoming::HISTORICAL_SCHEDULE;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.start_date_time);
        w.put_str_raw(&self.end_date_time);
        w.put_str_raw(&self.time_zone);
        w.put_int(self.sessions.len() as i64);
        for s in &self.sessions {
            w.put_str_raw(&s.start_date_time);
            w.put_str_raw(&s.end_date_time);
            w.put_str_raw(&s.ref_date);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let start_date_time = r.read_string("start date time")?;
        let end_date_time = r.read_string("end date time")?;
        let time_zone = r.read_string("time zone")?;
        let n: i64 = r.read_int_named("sessions count")?;
        let mut sessions = Vec::new();
        for _ in 0..n.max(0) {
            sessions.push(HistoricalSession {
                start_date_time: r.read_string("session start")?,
                end_date_time: r.read_string("session end")?,
                ref_date: r.read_string("ref date")?,
            });
        }
        Ok(HistoricalSchedule {
            req_id,
            start_date_time,
            end_date_time,
            time_zone,
            sessions,
        })
    }
}

/// `headTimestamp`: the earliest date with data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeadTimestamp {
    /// The request id.
    pub req_id: i32,
    /// The date, as the request's `format_date` asked.
    pub head_timestamp: String,
}

impl Message for HeadTimestamp {
    const ID: u32 = incoming::HEAD_TIMESTAMP;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.head_timestamp);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(HeadTimestamp {
            req_id: r.read_int_named("req id")?,
            head_timestamp: r.read_string("head timestamp")?,
        })
    }
}

/// `histogramData`: volume by price.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistogramDataMsg {
    /// The request id.
    pub req_id: i32,
    /// The buckets.
    pub items: Vec<HistogramData>,
}

impl Message for HistogramDataMsg {
    const ID: u32 = incoming::HISTOGRAM_DATA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.items.len() as i64);
        for h in &self.items {
            w.put_f64(h.price);
            w.put_decimal(h.size);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let n: i64 = r.read_int_named("points count")?;
        let mut items = Vec::new();
        for _ in 0..n.max(0) {
            items.push(HistogramData {
                price: r.read_f64("price")?,
                size: r.read_decimal("size")?,
            });
        }
        Ok(HistogramDataMsg { req_id, items })
    }
}

/// `historicalTicks`: midpoint ticks of `reqHistoricalTicks`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoricalTicks {
    /// The request id.
    pub req_id: i32,
    /// The ticks.
    pub ticks: Vec<HistoricalTick>,
    /// The last batch of the request.
    pub done: bool,
}

impl Message for HistoricalTicks {
    const ID: u32 = incoming::HISTORICAL_TICKS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        write_ticks(w, self.req_id, &self.ticks, self.done, |w, t| {
            w.put_int(t.time);
            // An unused field (TWS sends 0).
            w.put_int(0);
            w.put_f64(t.price);
            w.put_decimal(t.size);
        });
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let (req_id, ticks, done) = read_ticks(r, |r| {
            let time = r.read_int_named("time")?;
            r.skip("unused")?;
            Ok(HistoricalTick {
                time,
                price: r.read_f64("price")?,
                size: r.read_decimal("size")?,
            })
        })?;
        Ok(HistoricalTicks {
            req_id,
            ticks,
            done,
        })
    }
}

/// `historicalTicksBidAsk`: bid/ask ticks of `reqHistoricalTicks`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoricalTicksBidAsk {
    /// The request id.
    pub req_id: i32,
    /// The ticks.
    pub ticks: Vec<HistoricalTickBidAsk>,
    /// The last batch of the request.
    pub done: bool,
}

impl Message for HistoricalTicksBidAsk {
    const ID: u32 = incoming::HISTORICAL_TICKS_BID_ASK;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        write_ticks(w, self.req_id, &self.ticks, self.done, |w, t| {
            let a = t.tick_attrib_bid_ask;
            w.put_int(t.time);
            w.put_int(i32::from(a.ask_past_high) | (i32::from(a.bid_past_low) << 1));
            w.put_f64(t.price_bid);
            w.put_f64(t.price_ask);
            w.put_decimal(t.size_bid);
            w.put_decimal(t.size_ask);
        });
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let (req_id, ticks, done) = read_ticks(r, |r| {
            let time = r.read_int_named("time")?;
            let mask: i64 = r.read_int_named("attributes")?;
            Ok(HistoricalTickBidAsk {
                time,
                tick_attrib_bid_ask: TickAttribBidAsk {
                    ask_past_high: mask & 1 != 0,
                    bid_past_low: mask & 2 != 0,
                },
                price_bid: r.read_f64("bid price")?,
                price_ask: r.read_f64("ask price")?,
                size_bid: r.read_decimal("bid size")?,
                size_ask: r.read_decimal("ask size")?,
            })
        })?;
        Ok(HistoricalTicksBidAsk {
            req_id,
            ticks,
            done,
        })
    }
}

/// `historicalTicksLast`: trade ticks of `reqHistoricalTicks`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoricalTicksLast {
    /// The request id.
    pub req_id: i32,
    /// The ticks.
    pub ticks: Vec<HistoricalTickLast>,
    /// The last batch of the request.
    pub done: bool,
}

impl Message for HistoricalTicksLast {
    const ID: u32 = incoming::HISTORICAL_TICKS_LAST;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        write_ticks(w, self.req_id, &self.ticks, self.done, |w, t| {
            let a = t.tick_attrib_last;
            w.put_int(t.time);
            w.put_int(i32::from(a.past_limit) | (i32::from(a.unreported) << 1));
            w.put_f64(t.price);
            w.put_decimal(t.size);
            w.put_str_raw(&t.exchange);
            w.put_str_raw(&t.special_conditions);
        });
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let (req_id, ticks, done) = read_ticks(r, |r| {
            let time = r.read_int_named("time")?;
            let mask: i64 = r.read_int_named("attributes")?;
            Ok(HistoricalTickLast {
                time,
                tick_attrib_last: TickAttribLast {
                    past_limit: mask & 1 != 0,
                    unreported: mask & 2 != 0,
                },
                price: r.read_f64("price")?,
                size: r.read_decimal("size")?,
                exchange: r.read_string("exchange")?,
                special_conditions: r.read_string("special conditions")?,
            })
        })?;
        Ok(HistoricalTicksLast {
            req_id,
            ticks,
            done,
        })
    }
}

/// `realtimeBar` (message id `REAL_TIME_BARS`, version 3): one five-second bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RealTimeBars {
    /// The request id.
    pub req_id: i32,
    /// The bar (`end_time` is not on the wire).
    pub bar: RealTimeBar,
}

impl Message for RealTimeBars {
    const ID: u32 = incoming::REAL_TIME_BARS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let b = &self.bar;
        w.put_int(3);
        w.put_int(self.req_id);
        w.put_int(b.time);
        w.put_f64(b.open);
        w.put_f64(b.high);
        w.put_f64(b.low);
        w.put_f64(b.close);
        w.put_decimal(b.volume);
        w.put_decimal(b.wap);
        w.put_int(b.count);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(RealTimeBars {
            req_id: r.read_int_named("req id")?,
            bar: RealTimeBar {
                time: r.read_int_named("time")?,
                open: r.read_f64("open")?,
                high: r.read_f64("high")?,
                low: r.read_f64("low")?,
                close: r.read_f64("close")?,
                volume: r.read_decimal("volume")?,
                wap: r.read_decimal("wap")?,
                count: r.read_int_named("count")?,
                ..RealTimeBar::default()
            },
        })
    }
}

/// The shape the three historical tick answers share: the request id, the
/// count, the ticks (each written by `put`), and whether it is the last part.
fn write_ticks<T>(
    w: &mut FieldWriter<'_>,
    req_id: i32,
    ticks: &[T],
    done: bool,
    mut put: impl FnMut(&mut FieldWriter<'_>, &T),
) {
    w.put_int(req_id);
    w.put_int(ticks.len() as i64);
    for t in ticks {
        put(w, t);
    }
    w.put_bool(done);
}

/// Reads what [`write_ticks`] writes, each tick with `read`.
fn read_ticks<'a, T>(
    r: &mut FieldReader<'a>,
    mut read: impl FnMut(&mut FieldReader<'a>) -> Result<T, DecodeError>,
) -> Result<(i32, Vec<T>, bool), DecodeError> {
    let req_id = r.read_int_named("req id")?;
    let n: i64 = r.read_int_named("tick count")?;
    let mut ticks = Vec::new();
    for _ in 0..n.max(0) {
        ticks.push(read(r)?);
    }
    let done = r.read_bool("done")?;
    Ok((req_id, ticks, done))
}

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::{Decimal, UNSET_DECIMAL};

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
#[derive(Debug, Clone)]
pub struct HistoricalDataFrame<'a> {
    req_id: i32,
    /// The form before `historicalDataEnd`: this message is the end.
    is_end: bool,
    body: FieldReader<'a>,
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
            body,
        })
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
            // One callback per bar as it is read; a bar that does not decode
            // stops the message after the bars before it were delivered.
            let header = HistoricalData::decode_each(sv, &mut self.body.clone(), |req_id, bar| {
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
