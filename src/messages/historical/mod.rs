//! Historical bars (and their keep-up-to-date updates and schedules), head
//! timestamps, histograms, historical ticks and real-time bars.
//!
//! The requests are in this file, the answers in [`responses`] (re-exported
//! here), and IB's pacing rules for historical requests in [`pacing`].

pub mod pacing;
mod proto_forms;
pub mod responses;

pub use pacing::PacingRules;
pub use responses::*;

use super::ids::outgoing;
use super::layout::refuse;
use super::layout::version;
use super::layout::{Io, Layout};
use super::market_data::{bag_legs, options, ContractBlock};
use crate::model::{Contract, TagValue};
use crate::server_versions::{
    MIN_SERVER_VER_CANCEL_HEADTIMESTAMP, MIN_SERVER_VER_HISTORICAL_SCHEDULE,
    MIN_SERVER_VER_HISTORICAL_TICKS, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_REQ_HEAD_TIMESTAMP,
    MIN_SERVER_VER_REQ_HISTOGRAM, MIN_SERVER_VER_SYNT_REALTIME_BARS, MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

const HEAD_TIMESTAMP_REFUSED: &str = "  It does not support head time stamp requests.";
const HISTOGRAM_REFUSED: &str = "  It does not support histogram requests..";

/// The contract as the head-timestamp, histogram and historical-ticks
/// requests send it: every field, then include-expired.
fn contract_full(io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
    ContractBlock::FULL.layout(io, c)?;
    io.boolean(&mut c.include_expired, "include expired")
}

/// The contract as reqHistoricalData and reqRealTimeBars send it: con id and
/// trading class only from `MIN_SERVER_VER_TRADING_CLASS`.
fn contract_gated(io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
    let tc = io.sv() >= MIN_SERVER_VER_TRADING_CLASS;
    ContractBlock {
        con_id: tc,
        primary_exchange: true,
        trading_class: tc,
    }
    .layout(io, c)
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

impl Layout for ReqHistoricalData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let c = &self.contract;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && (!c.trading_class.is_empty() || c.con_id > 0),
            "  It does not support conId and tradingClass parameters in reqHistoricalData.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_HISTORICAL_SCHEDULE && self.what_to_show == "SCHEDULE",
            "  It does not support requesting of historical schedule.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        if sv < MIN_SERVER_VER_SYNT_REALTIME_BARS {
            version(io, 6)?;
        }
        io.int(&mut self.req_id, "req id")?;
        contract_gated(io, &mut self.contract)?;
        io.boolean(&mut self.contract.include_expired, "include expired")?;
        io.ascii(&mut self.end_date_time, "end date time")?;
        io.ascii(&mut self.bar_size_setting, "bar size setting")?;
        io.ascii(&mut self.duration_str, "duration")?;
        io.int(&mut self.use_rth, "use rth")?;
        io.ascii(&mut self.what_to_show, "what to show")?;
        io.int(&mut self.format_date, "format date")?;
        bag_legs(io, &mut self.contract)?;
        if sv >= MIN_SERVER_VER_SYNT_REALTIME_BARS {
            io.boolean(&mut self.keep_up_to_date, "keep up to date")?;
        }
        if sv >= MIN_SERVER_VER_LINKING {
            options(io, &mut self.chart_options, "chart options")?;
        }
        Ok(())
    }
}

layout_message!(ReqHistoricalData = outgoing::REQ_HISTORICAL_DATA, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelHistoricalData` (message version 1): stops a request, and the
    /// updates of one made with `keep_up_to_date`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelHistoricalData = outgoing::CANCEL_HISTORICAL_DATA {
        version 1;
        /// The id given to [`ReqHistoricalData`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
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

impl Layout for ReqHeadTimeStamp {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_REQ_HEAD_TIMESTAMP,
            HEAD_TIMESTAMP_REFUSED,
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        contract_full(io, &mut self.contract)?;
        io.int(&mut self.use_rth, "use rth")?;
        io.ascii(&mut self.what_to_show, "what to show")?;
        io.int(&mut self.format_date, "format date")
    }
}

layout_message!(ReqHeadTimeStamp = outgoing::REQ_HEAD_TIMESTAMP, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelHeadTimeStamp`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelHeadTimeStamp = outgoing::CANCEL_HEAD_TIMESTAMP {
        refuse MIN_SERVER_VER_CANCEL_HEADTIMESTAMP, HEAD_TIMESTAMP_REFUSED;
        /// The id given to [`ReqHeadTimeStamp`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
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

impl Layout for ReqHistogramData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(sv < MIN_SERVER_VER_REQ_HISTOGRAM, HISTOGRAM_REFUSED)
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.ticker_id, "ticker id")?;
        contract_full(io, &mut self.contract)?;
        io.boolean(&mut self.use_rth, "use rth")?;
        io.ascii(&mut self.time_period, "time period")
    }
}

layout_message!(ReqHistogramData = outgoing::REQ_HISTOGRAM_DATA, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelHistogramData`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelHistogramData = outgoing::CANCEL_HISTOGRAM_DATA {
        refuse MIN_SERVER_VER_REQ_HISTOGRAM, HISTOGRAM_REFUSED;
        /// The id given to [`ReqHistogramData`].
        pub ticker_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
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

impl Layout for ReqHistoricalTicks {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_HISTORICAL_TICKS,
            "  It does not support historical ticks requests..",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        contract_full(io, &mut self.contract)?;
        io.ascii(&mut self.start_date_time, "start date time")?;
        io.ascii(&mut self.end_date_time, "end date time")?;
        io.int(&mut self.number_of_ticks, "number of ticks")?;
        io.ascii(&mut self.what_to_show, "what to show")?;
        io.int(&mut self.use_rth, "use rth")?;
        io.boolean(&mut self.ignore_size, "ignore size")?;
        options(io, &mut self.misc_options, "misc options")
    }
}

layout_message!(ReqHistoricalTicks = outgoing::REQ_HISTORICAL_TICKS, impl { crate::protobuf_form!(outgoing::protobuf_since); });

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

impl Layout for ReqRealTimeBars {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && !self.contract.trading_class.is_empty(),
            "  It does not support conId and tradingClass parameter in reqRealTimeBars.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 3)?;
        io.int(&mut self.req_id, "req id")?;
        contract_gated(io, &mut self.contract)?;
        io.int(&mut self.bar_size, "bar size")?;
        io.ascii(&mut self.what_to_show, "what to show")?;
        io.boolean(&mut self.use_rth, "use rth")?;
        if io.sv() >= MIN_SERVER_VER_LINKING {
            options(
                io,
                &mut self.real_time_bars_options,
                "real time bars options",
            )?;
        }
        Ok(())
    }
}

layout_message!(ReqRealTimeBars = outgoing::REQ_REAL_TIME_BARS, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelRealTimeBars` (message version 1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelRealTimeBars = outgoing::CANCEL_REAL_TIME_BARS {
        version 1;
        /// The id given to [`ReqRealTimeBars`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::messages::{to_frame, Message};
    use crate::model::ComboLeg;
    use crate::wire::{FieldWriter, MessageHeader};

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
