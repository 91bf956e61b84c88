//! Historical data requests: bars (and their updates and schedules), head
//! timestamps, histograms, historical ticks, real-time bars; and the opt-in
//! historical pacer.

use crate::client::EClient;
use crate::errors::Error;
use crate::messages::historical::pacing::PacingKey;
use crate::messages::historical::{
    CancelHeadTimeStamp, CancelHistogramData, CancelHistoricalData, CancelRealTimeBars,
    PacingRules, ReqHeadTimeStamp, ReqHistogramData, ReqHistoricalData, ReqHistoricalTicks,
    ReqRealTimeBars,
};
use crate::model::{Contract, TagValue};
use crate::server_versions::{MIN_SERVER_VER_HISTORICAL_TICKS, MIN_SERVER_VER_REQ_HISTOGRAM};

impl EClient {
    /// Paces historical requests on the client side (beyond the official
    /// client): with `Some(rules)`, a `req_historical_data` or
    /// `req_historical_ticks` that would break IB's pacing rules waits in the
    /// sending thread until it may go, so TWS never answers it with a pacing
    /// violation (error 162). `None` (the default) sends at once.
    ///
    /// Use [`PacingRules::IB`] against TWS. `keep_up_to_date` requests count
    /// as open until cancelled; one that would exceed
    /// [`PacingRules::max_open`] is refused (an error, nothing sent) rather
    /// than held back.
    pub fn set_historical_pacing(&self, rules: Option<PacingRules>) {
        self.historical_pacer().set(rules);
    }

    /// `reqHistoricalData`: historical bars of `contract`, delivered as one
    /// `historical_data` per bar then `historical_data_end`; with
    /// `keep_up_to_date`, `historical_data_update` for the last bar until
    /// `cancel_historical_data`; with `what_to_show = "SCHEDULE"`, one
    /// `historical_schedule` instead of bars.
    ///
    /// `use_rth` 1 for regular trading hours only; `format_date` 1 for dates
    /// as text, 2 for epoch seconds.
    #[allow(clippy::too_many_arguments)]
    pub fn req_historical_data(
        &self,
        req_id: i32,
        contract: &Contract,
        end_date_time: &str,
        duration_str: &str,
        bar_size_setting: &str,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
        keep_up_to_date: bool,
        chart_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqHistoricalData {
            req_id,
            contract: contract.clone(),
            end_date_time: end_date_time.to_owned(),
            duration_str: duration_str.to_owned(),
            bar_size_setting: bar_size_setting.to_owned(),
            what_to_show: what_to_show.to_owned(),
            use_rth,
            format_date,
            keep_up_to_date,
            chart_options: chart_options.to_vec(),
        };
        if self.is_connected()
            && !self.historical_pacer().acquire(
                PacingKey::of_historical_data(&msg),
                req_id,
                keep_up_to_date,
            )
        {
            let e = Error::Config(format!(
                "historical pacer: request {req_id} not sent, the limit of open historical requests is reached"
            ));
            self.report_error(req_id, e.code(), e.wrapper_text());
            return Err(e);
        }
        if keep_up_to_date {
            // Updates follow historicalDataEnd until the cancel: a
            // subscription, resent after a reconnect.
            self.send_subscription(req_id, &msg)
        } else {
            self.send(req_id, &msg)
        }
    }

    /// `cancelHistoricalData`: stops `req_historical_data(req_id, …)` (its
    /// `keep_up_to_date` updates).
    pub fn cancel_historical_data(&self, req_id: i32) -> Result<(), Error> {
        self.historical_pacer().closed(req_id);
        // Under -1 when it cannot go, as the official client reports it; known
        // to the request lifecycle by the id it cancels.
        self.send(self.error_id(req_id, 0), &CancelHistoricalData { req_id })
    }

    /// `reqHeadTimeStamp`: the earliest date with data for `contract`,
    /// answered by `head_timestamp`.
    pub fn req_head_time_stamp(
        &self,
        req_id: i32,
        contract: &Contract,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
    ) -> Result<(), Error> {
        let msg = ReqHeadTimeStamp {
            req_id,
            contract: contract.clone(),
            what_to_show: what_to_show.to_owned(),
            use_rth,
            format_date,
        };
        self.send(self.error_id(req_id, 0), &msg)
    }

    /// `cancelHeadTimeStamp`: cancels `req_head_time_stamp(req_id, …)`.
    pub fn cancel_head_time_stamp(&self, req_id: i32) -> Result<(), Error> {
        self.send(self.error_id(req_id, 0), &CancelHeadTimeStamp { req_id })
    }

    /// `reqHistogramData`: volume by price over `time_period` (`"3 days"`),
    /// answered by `histogram_data`.
    pub fn req_histogram_data(
        &self,
        ticker_id: i32,
        contract: &Contract,
        use_rth: bool,
        time_period: &str,
    ) -> Result<(), Error> {
        let msg = ReqHistogramData {
            ticker_id,
            contract: contract.clone(),
            use_rth,
            time_period: time_period.to_owned(),
        };
        self.send(self.error_id(ticker_id, MIN_SERVER_VER_REQ_HISTOGRAM), &msg)
    }

    /// `cancelHistogramData`: cancels `req_histogram_data(ticker_id, …)`.
    pub fn cancel_histogram_data(&self, ticker_id: i32) -> Result<(), Error> {
        self.send(
            self.error_id(ticker_id, MIN_SERVER_VER_REQ_HISTOGRAM),
            &CancelHistogramData { ticker_id },
        )
    }

    /// `cancelHistoricalTicks` (10.51.1, server version 215 on): stops a
    /// `req_historical_ticks` still in flight (refused with 503 below 215).
    pub fn cancel_historical_ticks(&self, req_id: i32) -> Result<(), Error> {
        self.send(
            req_id,
            &crate::messages::config::CancelHistoricalTicks { req_id },
        )
    }

    /// `reqHistoricalTicks`: up to 1000 ticks from `start_date_time` or up to
    /// `end_date_time`, answered by `historical_ticks` (`MIDPOINT`),
    /// `historical_ticks_bid_ask` (`BID_ASK`) or `historical_ticks_last`
    /// (`TRADES`), the last batch with `done`.
    #[allow(clippy::too_many_arguments)]
    pub fn req_historical_ticks(
        &self,
        req_id: i32,
        contract: &Contract,
        start_date_time: &str,
        end_date_time: &str,
        number_of_ticks: i32,
        what_to_show: &str,
        use_rth: i32,
        ignore_size: bool,
        misc_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqHistoricalTicks {
            req_id,
            contract: contract.clone(),
            start_date_time: start_date_time.to_owned(),
            end_date_time: end_date_time.to_owned(),
            number_of_ticks,
            what_to_show: what_to_show.to_owned(),
            use_rth,
            ignore_size,
            misc_options: misc_options.to_vec(),
        };
        if self.is_connected() {
            self.historical_pacer()
                .acquire(PacingKey::of_historical_ticks(&msg), req_id, false);
        }
        self.send(self.error_id(req_id, MIN_SERVER_VER_HISTORICAL_TICKS), &msg)
    }

    /// `reqRealTimeBars`: five-second bars (`bar_size` 5) as they form,
    /// delivered through `realtime_bar` until `cancel_real_time_bars`.
    pub fn req_real_time_bars(
        &self,
        req_id: i32,
        contract: &Contract,
        bar_size: i32,
        what_to_show: &str,
        use_rth: bool,
        real_time_bars_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqRealTimeBars {
            req_id,
            contract: contract.clone(),
            bar_size,
            what_to_show: what_to_show.to_owned(),
            use_rth,
            real_time_bars_options: real_time_bars_options.to_vec(),
        };
        self.send(self.error_id(req_id, 0), &msg)
    }

    /// `cancelRealTimeBars`: stops `req_real_time_bars(req_id, …)`.
    pub fn cancel_real_time_bars(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelRealTimeBars { req_id })
    }
}
