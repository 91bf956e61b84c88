//! Blocking helpers for historical data.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::model::*;
use crate::EWrapper;

sink!(BarsSink<BarData> {
    fn historical_data(&mut self, _id: i32, bar: &BarData) {
        self.0.push(bar.clone());
    }
    fn historical_data_end(&mut self, _id: i32, _start: &str, _end: &str) {
        self.0.finish();
    }
});

sink!(HeadTimestampSink<String> {
    fn head_timestamp(&mut self, _id: i32, head_timestamp: &str) {
        self.0.push(head_timestamp.to_owned());
        self.0.finish();
    }
});

sink!(HistogramSink<HistogramData> {
    fn histogram_data(&mut self, _id: i32, items: &[HistogramData]) {
        for i in items {
            self.0.push(*i);
        }
        self.0.finish();
    }
});

/// The answer of [`IBClient::historical_ticks`], by `what_to_show`.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoricalTicks {
    /// `MIDPOINT`: `historicalTicks`.
    Midpoint(Vec<HistoricalTick>),
    /// `BID_ASK`: `historicalTicksBidAsk`.
    BidAsk(Vec<HistoricalTickBidAsk>),
    /// `TRADES`: `historicalTicksLast`.
    Last(Vec<HistoricalTickLast>),
}

sink!(HistoricalTicksSink<HistoricalTicks> {
    fn historical_ticks(&mut self, _id: i32, ticks: &[HistoricalTick], done: bool) {
        self.0.push(HistoricalTicks::Midpoint(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
    fn historical_ticks_bid_ask(&mut self, _id: i32, ticks: &[HistoricalTickBidAsk], done: bool) {
        self.0.push(HistoricalTicks::BidAsk(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
    fn historical_ticks_last(&mut self, _id: i32, ticks: &[HistoricalTickLast], done: bool) {
        self.0.push(HistoricalTicks::Last(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
});

impl IBClient {
    /// `reqHistoricalData` without `keepUpToDate`, waited for until
    /// `historicalDataEnd`: the bars. TWS's refusals come back as
    /// `Error::Tws` (162 no data or pacing, 321 an invalid bar size or
    /// duration, 200 an unknown contract). With the client's historical
    /// pacer on (`set_historical_pacing`), the request first waits its turn.
    /// **tws-api extension** (`TWSSyncWrapper`: `get_historical_data`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// let aapl = Contract::stock("AAPL", "SMART", "USD");
    /// let bars = client.historical_data(&aapl, "", "5 D", "1 hour", "TRADES", 1, 1, Duration::from_secs(30))?;
    /// for b in &bars {
    ///     println!("{} {} {} {} {}", b.date, b.open, b.high, b.low, b.close);
    /// }
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn historical_data(
        &self,
        contract: &Contract,
        end_date_time: &str,
        duration_str: &str,
        bar_size_setting: &str,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
        timeout: Duration,
    ) -> Result<Vec<BarData>, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_historical_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalData",
            timeout,
            cancel: Some(&cancel),
        };
        self.wait_for(wait, BarsSink, || {
            self.req_historical_data(
                req_id,
                contract,
                end_date_time,
                duration_str,
                bar_size_setting,
                what_to_show,
                use_rth,
                format_date,
                false,
                &[],
            )
        })
    }

    /// `reqHeadTimeStamp`, waited for: the earliest data point of
    /// `what_to_show`. **tws-api extension.**
    pub fn head_timestamp(
        &self,
        contract: &Contract,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
        timeout: Duration,
    ) -> Result<String, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_head_time_stamp(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHeadTimeStamp",
            timeout,
            cancel: Some(&cancel),
        };
        let mut v = self.wait_for(wait, HeadTimestampSink, || {
            self.req_head_time_stamp(req_id, contract, what_to_show, use_rth, format_date)
        })?;
        v.pop().ok_or(Error::Timeout("reqHeadTimeStamp"))
    }

    /// `reqHistogramData`, waited for: volume by price over `time_period`
    /// (`"3 days"`, `"1 week"`, …). **tws-api extension.**
    pub fn histogram_data(
        &self,
        contract: &Contract,
        use_rth: bool,
        time_period: &str,
        timeout: Duration,
    ) -> Result<Vec<HistogramData>, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_histogram_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistogramData",
            timeout,
            cancel: Some(&cancel),
        };
        self.wait_for(wait, HistogramSink, || {
            self.req_histogram_data(req_id, contract, use_rth, time_period)
        })
    }

    /// `reqHistoricalTicks`, waited for until the part marked done: up to
    /// `number_of_ticks` ticks of `what_to_show` (`TRADES`, `BID_ASK`,
    /// `MIDPOINT`), from `start_date_time` or back from `end_date_time`.
    /// **tws-api extension.**
    #[allow(clippy::too_many_arguments)]
    pub fn historical_ticks(
        &self,
        contract: &Contract,
        start_date_time: &str,
        end_date_time: &str,
        number_of_ticks: i32,
        what_to_show: &str,
        use_rth: i32,
        ignore_size: bool,
        timeout: Duration,
    ) -> Result<HistoricalTicks, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalTicks",
            timeout,
            cancel: None,
        };
        let parts = self.wait_for(wait, HistoricalTicksSink, || {
            self.req_historical_ticks(
                req_id,
                contract,
                start_date_time,
                end_date_time,
                number_of_ticks,
                what_to_show,
                use_rth,
                ignore_size,
                &[],
            )
        })?;
        let mut out: Option<HistoricalTicks> = None;
        for part in parts {
            out = Some(match (out, part) {
                (Some(HistoricalTicks::Midpoint(mut a)), HistoricalTicks::Midpoint(b)) => {
                    a.extend(b);
                    HistoricalTicks::Midpoint(a)
                }
                (Some(HistoricalTicks::BidAsk(mut a)), HistoricalTicks::BidAsk(b)) => {
                    a.extend(b);
                    HistoricalTicks::BidAsk(a)
                }
                (Some(HistoricalTicks::Last(mut a)), HistoricalTicks::Last(b)) => {
                    a.extend(b);
                    HistoricalTicks::Last(a)
                }
                (_, part) => part,
            });
        }
        Ok(out.unwrap_or(match what_to_show {
            "BID_ASK" => HistoricalTicks::BidAsk(Vec::new()),
            "TRADES" => HistoricalTicks::Last(Vec::new()),
            _ => HistoricalTicks::Midpoint(Vec::new()),
        }))
    }
}
