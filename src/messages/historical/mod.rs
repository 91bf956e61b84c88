//! Historical bars (and their keep-up-to-date updates and schedules), head
//! timestamps, histograms, historical ticks and real-time bars.
//!
//! The requests are in this file, the answers in [`responses`] (re-exported
//! here), and IB's pacing rules for historical requests in [`pacing`].

pub mod pacing;
pub mod responses;

pub use pacing::PacingRules;
pub use responses::*;

use super::ids::outgoing;
use super::Message;
use crate::model::{ComboLeg, Contract, TagValue};
use crate::server_versions::{
    MIN_SERVER_VER_CANCEL_HEADTIMESTAMP, MIN_SERVER_VER_HISTORICAL_SCHEDULE,
    MIN_SERVER_VER_HISTORICAL_TICKS, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_REQ_HEAD_TIMESTAMP,
    MIN_SERVER_VER_REQ_HISTOGRAM, MIN_SERVER_VER_SYNT_REALTIME_BARS, MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// Joins a tag-value list into the one wire field the official client sends
/// (`tag=value;` for each pair).
fn join_options(options: &[TagValue]) -> String {
    let mut s = String::new();
    for tv in options {
        s.push_str(&tv.tag);
        s.push('=');
        s.push_str(&tv.value);
        s.push(';');
    }
    s
}

/// Splits the wire field of [`join_options`] back into pairs.
fn split_options(s: &str) -> Vec<TagValue> {
    s.split(';')
        .filter_map(|pair| pair.split_once('='))
        .map(|(tag, value)| TagValue::new(tag, value))
        .collect()
}

/// The contract as the head-timestamp, histogram and historical-ticks
/// requests send it: con id first, trading class and include-expired last.
fn put_contract_full(c: &Contract, w: &mut FieldWriter<'_>) {
    w.put_int(c.con_id);
    w.put_str(&c.symbol);
    w.put_str(&c.sec_type);
    w.put_str(&c.last_trade_date_or_contract_month);
    w.put_f64_max(c.strike);
    w.put_str(&c.right);
    w.put_str(&c.multiplier);
    w.put_str(&c.exchange);
    w.put_str(&c.primary_exchange);
    w.put_str(&c.currency);
    w.put_str(&c.local_symbol);
    w.put_str(&c.trading_class);
    w.put_bool(c.include_expired);
}

/// The inverse of [`put_contract_full`].
fn read_contract_full(r: &mut FieldReader<'_>) -> Result<Contract, DecodeError> {
    Ok(Contract {
        con_id: r.read_int_named("con id")?,
        symbol: r.read_string("symbol")?,
        sec_type: r.read_string("sec type")?,
        last_trade_date_or_contract_month: r.read_string("last trade date")?,
        strike: r.read_f64_max("strike")?,
        right: r.read_string("right")?,
        multiplier: r.read_string("multiplier")?,
        exchange: r.read_string("exchange")?,
        primary_exchange: r.read_string("primary exchange")?,
        currency: r.read_string("currency")?,
        local_symbol: r.read_string("local symbol")?,
        trading_class: r.read_string("trading class")?,
        include_expired: r.read_bool("include expired")?,
        ..Contract::default()
    })
}

/// The contract as reqHistoricalData and reqRealTimeBars send it: con id and
/// trading class only from `MIN_SERVER_VER_TRADING_CLASS`.
fn put_contract_gated(sv: i32, c: &Contract, w: &mut FieldWriter<'_>) {
    if sv >= MIN_SERVER_VER_TRADING_CLASS {
        w.put_int(c.con_id);
    }
    w.put_str(&c.symbol);
    w.put_str(&c.sec_type);
    w.put_str(&c.last_trade_date_or_contract_month);
    w.put_f64_max(c.strike);
    w.put_str(&c.right);
    w.put_str(&c.multiplier);
    w.put_str(&c.exchange);
    w.put_str(&c.primary_exchange);
    w.put_str(&c.currency);
    w.put_str(&c.local_symbol);
    if sv >= MIN_SERVER_VER_TRADING_CLASS {
        w.put_str(&c.trading_class);
    }
}

/// The inverse of [`put_contract_gated`].
fn read_contract_gated(sv: i32, r: &mut FieldReader<'_>) -> Result<Contract, DecodeError> {
    let mut c = Contract::default();
    if sv >= MIN_SERVER_VER_TRADING_CLASS {
        c.con_id = r.read_int_named("con id")?;
    }
    c.symbol = r.read_string("symbol")?;
    c.sec_type = r.read_string("sec type")?;
    c.last_trade_date_or_contract_month = r.read_string("last trade date")?;
    c.strike = r.read_f64_max("strike")?;
    c.right = r.read_string("right")?;
    c.multiplier = r.read_string("multiplier")?;
    c.exchange = r.read_string("exchange")?;
    c.primary_exchange = r.read_string("primary exchange")?;
    c.currency = r.read_string("currency")?;
    c.local_symbol = r.read_string("local symbol")?;
    if sv >= MIN_SERVER_VER_TRADING_CLASS {
        c.trading_class = r.read_string("trading class")?;
    }
    Ok(c)
}

/// `reqHistoricalData` (message version 6, sent only before
/// `MIN_SERVER_VER_SYNT_REALTIME_BARS`): historical bars, or with
/// `what_to_show = "SCHEDULE"` the trading schedule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqHistoricalData {
    /// The request id the bars will carry.
    pub req_id: i32,
    /// The instrument (a `BAG` sends its combo legs).
    pub contract: Contract,
    /// End of the period (`yyyymmdd hh:mm:ss [zone]`), empty for now.
    pub end_date_time: String,
    /// Length of the period: `"<n> S|D|W|M|Y"`.
    pub duration_str: String,
    /// Bar size: `"1 secs"` … `"1 month"`.
    pub bar_size_setting: String,
    /// `TRADES`, `MIDPOINT`, `BID`, `ASK`, `BID_ASK`, …, `SCHEDULE`.
    pub what_to_show: String,
    /// 1: regular trading hours only; 0: all hours.
    pub use_rth: i32,
    /// 1: dates as text; 2: epoch seconds.
    pub format_date: i32,
    /// Keep the last bar updated (`historicalDataUpdate`) after the history.
    pub keep_up_to_date: bool,
    /// Internal options, sent as `tag=value;` pairs.
    pub chart_options: Vec<TagValue>,
}

impl Message for ReqHistoricalData {
    const ID: u32 = outgoing::REQ_HISTORICAL_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let c = &self.contract;
        if sv < MIN_SERVER_VER_TRADING_CLASS && (!c.trading_class.is_empty() || c.con_id > 0) {
            return Err(EncodeError::UpdateTws(
                "  It does not support conId and tradingClass parameters in reqHistoricalData.",
            ));
        }
        if sv < MIN_SERVER_VER_HISTORICAL_SCHEDULE && self.what_to_show == "SCHEDULE" {
            return Err(EncodeError::UpdateTws(
                "  It does not support requesting of historical schedule.",
            ));
        }
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            w.put_int(6);
        }
        w.put_int(self.req_id);
        put_contract_gated(sv, c, w);
        w.put_bool(c.include_expired);
        w.put_str(&self.end_date_time);
        w.put_str(&self.bar_size_setting);
        w.put_str(&self.duration_str);
        w.put_int(self.use_rth);
        w.put_str(&self.what_to_show);
        w.put_int(self.format_date);
        if c.sec_type == "BAG" {
            w.put_int(c.combo_legs.len() as i64);
            for leg in &c.combo_legs {
                w.put_int(leg.con_id);
                w.put_int(leg.ratio);
                w.put_str(&leg.action);
                w.put_str(&leg.exchange);
            }
        }
        if sv >= MIN_SERVER_VER_SYNT_REALTIME_BARS {
            w.put_bool(self.keep_up_to_date);
        }
        if sv >= MIN_SERVER_VER_LINKING {
            w.put_str(&join_options(&self.chart_options));
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            r.skip("version")?;
        }
        let req_id = r.read_int_named("req id")?;
        let mut contract = read_contract_gated(sv, r)?;
        contract.include_expired = r.read_bool("include expired")?;
        let end_date_time = r.read_string("end date time")?;
        let bar_size_setting = r.read_string("bar size setting")?;
        let duration_str = r.read_string("duration")?;
        let use_rth = r.read_int_named("use rth")?;
        let what_to_show = r.read_string("what to show")?;
        let format_date = r.read_int_named("format date")?;
        if contract.sec_type == "BAG" {
            let n: u16 = r.read_int_named("combo legs count")?;
            for _ in 0..n {
                contract.combo_legs.push(ComboLeg {
                    con_id: r.read_int_named("leg con id")?,
                    ratio: r.read_int_named("leg ratio")?,
                    action: r.read_string("leg action")?,
                    exchange: r.read_string("leg exchange")?,
                    ..ComboLeg::default()
                });
            }
        }
        let keep_up_to_date = if sv >= MIN_SERVER_VER_SYNT_REALTIME_BARS {
            r.read_bool("keep up to date")?
        } else {
            false
        };
        let chart_options = if sv >= MIN_SERVER_VER_LINKING {
            split_options(r.read_str("chart options")?)
        } else {
            Vec::new()
        };
        Ok(ReqHistoricalData {
            req_id,
            contract,
            end_date_time,
            duration_str,
            bar_size_setting,
            what_to_show,
            use_rth,
            format_date,
            keep_up_to_date,
            chart_options,
        })
    }
}

/// `cancelHistoricalData` (message version 1): stops a request, and the
/// updates of one made with `keep_up_to_date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelHistoricalData {
    /// The id given to [`ReqHistoricalData`].
    pub req_id: i32,
}

impl Message for CancelHistoricalData {
    const ID: u32 = outgoing::CANCEL_HISTORICAL_DATA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelHistoricalData {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `reqHeadTimeStamp`: the earliest date with data for a contract.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqHeadTimeStamp {
    /// The request id.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// `TRADES`, `MIDPOINT`, `BID`, `ASK`, …
    pub what_to_show: String,
    /// 1: regular trading hours only.
    pub use_rth: i32,
    /// 1: a date-time text; 2: epoch seconds.
    pub format_date: i32,
}

impl Message for ReqHeadTimeStamp {
    const ID: u32 = outgoing::REQ_HEAD_TIMESTAMP;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_HEAD_TIMESTAMP {
            return Err(EncodeError::UpdateTws(
                "  It does not support head time stamp requests.",
            ));
        }
        w.put_int(self.req_id);
        put_contract_full(&self.contract, w);
        w.put_int(self.use_rth);
        w.put_str(&self.what_to_show);
        w.put_int(self.format_date);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let contract = read_contract_full(r)?;
        let use_rth = r.read_int_named("use rth")?;
        let what_to_show = r.read_string("what to show")?;
        let format_date = r.read_int_named("format date")?;
        Ok(ReqHeadTimeStamp {
            req_id,
            contract,
            what_to_show,
            use_rth,
            format_date,
        })
    }
}

/// `cancelHeadTimeStamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelHeadTimeStamp {
    /// The id given to [`ReqHeadTimeStamp`].
    pub req_id: i32,
}

impl Message for CancelHeadTimeStamp {
    const ID: u32 = outgoing::CANCEL_HEAD_TIMESTAMP;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_CANCEL_HEADTIMESTAMP {
            return Err(EncodeError::UpdateTws(
                "  It does not support head time stamp requests.",
            ));
        }
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(CancelHeadTimeStamp {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `reqHistogramData`: volume by price over a period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqHistogramData {
    /// The request id.
    pub ticker_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// Regular trading hours only.
    pub use_rth: bool,
    /// The period: `"3 days"`, `"1 week"`, …
    pub time_period: String,
}

impl Message for ReqHistogramData {
    const ID: u32 = outgoing::REQ_HISTOGRAM_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_HISTOGRAM {
            return Err(EncodeError::UpdateTws(
                "  It does not support histogram requests..",
            ));
        }
        w.put_int(self.ticker_id);
        put_contract_full(&self.contract, w);
        w.put_bool(self.use_rth);
        w.put_str(&self.time_period);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqHistogramData {
            ticker_id: r.read_int_named("ticker id")?,
            contract: read_contract_full(r)?,
            use_rth: r.read_bool("use rth")?,
            time_period: r.read_string("time period")?,
        })
    }
}

/// `cancelHistogramData`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelHistogramData {
    /// The id given to [`ReqHistogramData`].
    pub ticker_id: i32,
}

impl Message for CancelHistogramData {
    const ID: u32 = outgoing::CANCEL_HISTOGRAM_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_HISTOGRAM {
            return Err(EncodeError::UpdateTws(
                "  It does not support histogram requests..",
            ));
        }
        w.put_int(self.ticker_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(CancelHistogramData {
            ticker_id: r.read_int_named("ticker id")?,
        })
    }
}

/// `reqHistoricalTicks`: up to 1000 trade, bid/ask or midpoint ticks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqHistoricalTicks {
    /// The request id.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// Start of the period (`yyyymmdd hh:mm:ss [zone]`); one of start and end is empty.
    pub start_date_time: String,
    /// End of the period.
    pub end_date_time: String,
    /// How many ticks (at most 1000).
    pub number_of_ticks: i32,
    /// `TRADES`, `BID_ASK` or `MIDPOINT`.
    pub what_to_show: String,
    /// 1: regular trading hours only.
    pub use_rth: i32,
    /// Leave out ticks that only change a size (bid/ask).
    pub ignore_size: bool,
    /// Internal options, sent as `tag=value;` pairs.
    pub misc_options: Vec<TagValue>,
}

impl Message for ReqHistoricalTicks {
    const ID: u32 = outgoing::REQ_HISTORICAL_TICKS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_HISTORICAL_TICKS {
            return Err(EncodeError::UpdateTws(
                "  It does not support historical ticks requests..",
            ));
        }
        w.put_int(self.req_id);
        put_contract_full(&self.contract, w);
        w.put_str(&self.start_date_time);
        w.put_str(&self.end_date_time);
        w.put_int(self.number_of_ticks);
        w.put_str(&self.what_to_show);
        w.put_int(self.use_rth);
        w.put_bool(self.ignore_size);
        w.put_str(&join_options(&self.misc_options));
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqHistoricalTicks {
            req_id: r.read_int_named("req id")?,
            contract: read_contract_full(r)?,
            start_date_time: r.read_string("start date time")?,
            end_date_time: r.read_string("end date time")?,
            number_of_ticks: r.read_int_named("number of ticks")?,
            what_to_show: r.read_string("what to show")?,
            use_rth: r.read_int_named("use rth")?,
            ignore_size: r.read_bool("ignore size")?,
            misc_options: split_options(r.read_str("misc options")?),
        })
    }
}

/// `reqRealTimeBars` (message version 3): five-second bars as they form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqRealTimeBars {
    /// The request id.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// Bar size in seconds; only 5 is supported by TWS.
    pub bar_size: i32,
    /// `TRADES`, `BID`, `ASK` or `MIDPOINT`.
    pub what_to_show: String,
    /// Regular trading hours only.
    pub use_rth: bool,
    /// Internal options, sent as `tag=value;` pairs.
    pub real_time_bars_options: Vec<TagValue>,
}

impl Message for ReqRealTimeBars {
    const ID: u32 = outgoing::REQ_REAL_TIME_BARS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_TRADING_CLASS && !self.contract.trading_class.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support conId and tradingClass parameter in reqRealTimeBars.",
            ));
        }
        w.put_int(3);
        w.put_int(self.req_id);
        put_contract_gated(sv, &self.contract, w);
        w.put_int(self.bar_size);
        w.put_str(&self.what_to_show);
        w.put_bool(self.use_rth);
        if sv >= MIN_SERVER_VER_LINKING {
            w.put_str(&join_options(&self.real_time_bars_options));
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = r.read_int_named("req id")?;
        let contract = read_contract_gated(sv, r)?;
        let bar_size = r.read_int_named("bar size")?;
        let what_to_show = r.read_string("what to show")?;
        let use_rth = r.read_bool("use rth")?;
        let real_time_bars_options = if sv >= MIN_SERVER_VER_LINKING {
            split_options(r.read_str("real time bars options")?)
        } else {
            Vec::new()
        };
        Ok(ReqRealTimeBars {
            req_id,
            contract,
            bar_size,
            what_to_show,
            use_rth,
            real_time_bars_options,
        })
    }
}

/// `cancelRealTimeBars` (message version 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelRealTimeBars {
    /// The id given to [`ReqRealTimeBars`].
    pub req_id: i32,
}

impl Message for CancelRealTimeBars {
    const ID: u32 = outgoing::CANCEL_REAL_TIME_BARS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelRealTimeBars {
            req_id: r.read_int_named("req id")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::messages::to_frame;
    use crate::wire::MessageHeader;

    fn aapl() -> Contract {
        Contract {
            con_id: 265598,
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        }
    }

    fn bag() -> Contract {
        Contract {
            symbol: "SPY".into(),
            sec_type: "BAG".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            combo_legs: vec![ComboLeg {
                con_id: 1,
                ratio: 2,
                action: "BUY".into(),
                exchange: "SMART".into(),
                ..ComboLeg::default()
            }],
            ..Contract::default()
        }
    }

    /// The fields after the message id, NULs shown as `|`.
    fn wire<M: Message>(m: &M, sv: i32) -> String {
        let frame = to_frame(m, sv).expect("encodes");
        let h = MessageHeader::parse(sv, &frame[4..]).expect("header");
        String::from_utf8(frame[4 + h.body_start..].to_vec())
            .unwrap()
            .replace('\0', "|")
    }

    fn bars(req_id: i32) -> ReqHistoricalData {
        ReqHistoricalData {
            req_id,
            contract: aapl(),
            end_date_time: "20250101 16:00:00 US/Eastern".into(),
            duration_str: "2 D".into(),
            bar_size_setting: "1 hour".into(),
            what_to_show: "TRADES".into(),
            use_rth: 1,
            format_date: 1,
            keep_up_to_date: true,
            chart_options: vec![TagValue::new("a", "b")],
        }
    }

    /// Expected fields as the official client 10.37.2 writes them (captured
    /// from its `sendMsg` at 176 and 203; identical at both).
    #[test]
    fn requests_match_the_official_client() {
        for sv in [176, 203] {
            assert_eq!(
                wire(&bars(7), sv),
                "7|265598|AAPL|STK|||||SMART||USD|||0|20250101 16:00:00 US/Eastern|1 hour|2 D|1|TRADES|1|1|a=b;|"
            );
            let b = ReqHistoricalData {
                req_id: 8,
                contract: bag(),
                duration_str: "1 W".into(),
                bar_size_setting: "1 day".into(),
                what_to_show: "MIDPOINT".into(),
                format_date: 2,
                ..ReqHistoricalData::default()
            };
            assert_eq!(
                wire(&b, sv),
                "8|0|SPY|BAG|||||SMART||USD|||0||1 day|1 W|0|MIDPOINT|2|1|1|2|BUY|SMART|0||"
            );
            let h = ReqHeadTimeStamp {
                req_id: 9,
                contract: aapl(),
                what_to_show: "TRADES".into(),
                use_rth: 1,
                format_date: 2,
            };
            assert_eq!(
                wire(&h, sv),
                "9|265598|AAPL|STK|||||SMART||USD|||0|1|TRADES|2|"
            );
            let g = ReqHistogramData {
                ticker_id: 10,
                contract: aapl(),
                use_rth: true,
                time_period: "3 days".into(),
            };
            assert_eq!(
                wire(&g, sv),
                "10|265598|AAPL|STK|||||SMART||USD|||0|1|3 days|"
            );
            let t = ReqHistoricalTicks {
                req_id: 11,
                contract: aapl(),
                start_date_time: "20250101 09:30:00".into(),
                number_of_ticks: 100,
                what_to_show: "BID_ASK".into(),
                use_rth: 1,
                ignore_size: true,
                ..ReqHistoricalTicks::default()
            };
            assert_eq!(
                wire(&t, sv),
                "11|265598|AAPL|STK|||||SMART||USD|||0|20250101 09:30:00||100|BID_ASK|1|1||"
            );
            let rt = ReqRealTimeBars {
                req_id: 12,
                contract: aapl(),
                bar_size: 5,
                what_to_show: "TRADES".into(),
                ..ReqRealTimeBars::default()
            };
            assert_eq!(
                wire(&rt, sv),
                "3|12|265598|AAPL|STK|||||SMART||USD|||5|TRADES|0||"
            );
            assert_eq!(wire(&CancelHistoricalData { req_id: 7 }, sv), "1|7|");
            assert_eq!(wire(&CancelHeadTimeStamp { req_id: 9 }, sv), "9|");
            assert_eq!(wire(&CancelHistogramData { ticker_id: 10 }, sv), "10|");
            assert_eq!(wire(&CancelRealTimeBars { req_id: 12 }, sv), "1|12|");
        }
    }

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            let mut b = bars(1);
            if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
                b.keep_up_to_date = false;
            }
            assert_eq!(round_trip(&b, sv), b);
            let bag = ReqHistoricalData {
                contract: bag(),
                ..bars(2)
            };
            let mut bag = bag;
            bag.keep_up_to_date = sv >= MIN_SERVER_VER_SYNT_REALTIME_BARS;
            assert_eq!(round_trip(&bag, sv), bag);
            let t = ReqHistoricalTicks {
                req_id: 3,
                contract: aapl(),
                end_date_time: "20250101 16:00:00".into(),
                number_of_ticks: 1000,
                what_to_show: "TRADES".into(),
                misc_options: vec![TagValue::new("x", "y")],
                ..ReqHistoricalTicks::default()
            };
            if sv >= MIN_SERVER_VER_HISTORICAL_TICKS {
                assert_eq!(round_trip(&t, sv), t);
            }
            let rt = ReqRealTimeBars {
                req_id: 4,
                contract: aapl(),
                bar_size: 5,
                what_to_show: "MIDPOINT".into(),
                use_rth: true,
                real_time_bars_options: vec![TagValue::new("k", "v")],
            };
            assert_eq!(round_trip(&rt, sv), rt);
        }
    }

    #[test]
    fn old_servers_refuse() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        let sched = ReqHistoricalData {
            what_to_show: "SCHEDULE".into(),
            contract: Contract {
                con_id: 0,
                ..aapl()
            },
            ..bars(1)
        };
        assert!(matches!(
            sched.encode(164, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
        assert!(matches!(
            bars(1).encode(60, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
        assert!(matches!(
            CancelHeadTimeStamp { req_id: 1 }.encode(122, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
        let mut bad = bars(1);
        bad.end_date_time = "é".into();
        assert!(crate::messages::to_frame(&bad, 203).is_err());
    }
}
