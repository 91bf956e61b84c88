//! IB's pacing rules for historical data requests, shared by the simulated
//! gateway (which enforces them, as TWS does) and the client's opt-in
//! historical pacer (which waits so that they are never broken).
//!
//! The rules (IB's "historical data limitations"): no more than 60 requests
//! in any 10 minutes; no identical request within 15 seconds; no more than 6
//! requests for the same contract, exchange and tick type within 2 seconds;
//! at most 50 historical requests open at once. TWS answers a request that
//! breaks one with error 162, "Historical Market Data Service error
//! message:Historical data request pacing violation".

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// The limits of the historical pacing rules. [`PacingRules::IB`] holds IB's
/// figures; [`PacingRules::scaled`] shrinks every window by a factor (for
/// tests that must not wait ten minutes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PacingRules {
    /// At most this many requests …
    pub max_requests: usize,
    /// … within this window (60 in 10 minutes).
    pub window: Duration,
    /// No identical request within this time (15 s).
    pub identical_within: Duration,
    /// At most this many requests for one contract, exchange and tick type …
    pub same_contract_max: usize,
    /// … within this window (6 in 2 s).
    pub same_contract_window: Duration,
    /// At most this many requests open at once (50).
    pub max_open: usize,
    /// What the client's pacer adds to every window, for the time a request
    /// takes to reach TWS and the jitter of that time (100 ms by default).
    /// The gateway's side ignores it.
    pub margin: Duration,
}

impl PacingRules {
    /// IB's figures.
    pub const IB: PacingRules = PacingRules {
        max_requests: 60,
        window: Duration::from_secs(600),
        identical_within: Duration::from_secs(15),
        same_contract_max: 6,
        same_contract_window: Duration::from_secs(2),
        max_open: 50,
        margin: Duration::from_millis(100),
    };

    /// The same counts with every window multiplied by `factor` (e.g. 0.001
    /// turns 10 minutes into 0.6 s); the margin stays as it is.
    pub fn scaled(self, factor: f64) -> PacingRules {
        let f = |d: Duration| d.mul_f64(factor.max(0.0));
        PacingRules {
            window: f(self.window),
            identical_within: f(self.identical_within),
            same_contract_window: f(self.same_contract_window),
            ..self
        }
    }
}

impl PacingRules {
    /// Every window widened by the margin: the rules as the client's pacer
    /// follows them.
    pub fn with_margin(self) -> PacingRules {
        PacingRules {
            window: self.window + self.margin,
            identical_within: self.identical_within + self.margin,
            same_contract_window: self.same_contract_window + self.margin,
            ..self
        }
    }
}

impl Default for PacingRules {
    fn default() -> Self {
        PacingRules::IB
    }
}

/// What identifies a historical request for the pacing rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PacingKey {
    /// Contract, exchange and tick type (`what_to_show`): the "same contract" rule.
    pub contract: String,
    /// Every argument but the request id: the "identical request" rule.
    pub identical: String,
    /// How many requests it counts as: 2 for `BID_ASK` bars (IB counts
    /// them as a BID and an ASK request), else 1.
    pub weight: usize,
}

impl PacingKey {
    /// The key of a `reqHistoricalData` request.
    pub fn of_historical_data(m: &super::ReqHistoricalData) -> PacingKey {
        let c = &m.contract;
        let contract = format!(
            "{}|{}|{}|{}|{}|{}|{}|{}",
            c.con_id,
            c.symbol,
            c.sec_type,
            c.last_trade_date_or_contract_month,
            c.right,
            c.exchange,
            c.currency,
            m.what_to_show
        );
        let identical = format!(
            "bars|{contract}|{}|{}|{}|{}|{}|{}|{}",
            m.end_date_time,
            m.duration_str,
            m.bar_size_setting,
            m.use_rth,
            m.format_date,
            m.keep_up_to_date,
            c.local_symbol
        );
        PacingKey {
            contract,
            identical,
            weight: if m.what_to_show == "BID_ASK" { 2 } else { 1 },
        }
    }

    /// The key of a `reqHistoricalTicks` request.
    pub fn of_historical_ticks(m: &super::ReqHistoricalTicks) -> PacingKey {
        let c = &m.contract;
        let contract = format!(
            "{}|{}|{}|{}|{}|{}|{}|{}",
            c.con_id,
            c.symbol,
            c.sec_type,
            c.last_trade_date_or_contract_month,
            c.right,
            c.exchange,
            c.currency,
            m.what_to_show
        );
        let identical = format!(
            "ticks|{contract}|{}|{}|{}|{}|{}",
            m.start_date_time, m.end_date_time, m.number_of_ticks, m.use_rth, m.ignore_size
        );
        PacingKey {
            contract,
            identical,
            weight: 1,
        }
    }
}

/// A log of recent historical requests, answering "may one more go now, and
/// if not, when". Used by both sides; the caller keeps the open count.
#[derive(Debug, Default)]
pub struct PacingLog {
    sent: VecDeque<(Instant, PacingKey)>,
}

impl PacingLog {
    /// `None` when a request with `key` may go at `now`; else the earliest
    /// instant at which the three rate rules would allow it.
    pub fn wait_until(
        &mut self,
        rules: &PacingRules,
        key: &PacingKey,
        now: Instant,
    ) -> Option<Instant> {
        let longest = rules
            .window
            .max(rules.identical_within)
            .max(rules.same_contract_window);
        while let Some((t, _)) = self.sent.front() {
            if now.duration_since(*t) >= longest {
                self.sent.pop_front();
            } else {
                break;
            }
        }
        let mut until: Option<Instant> = None;
        let mut later = |t: Instant| until = Some(until.map_or(t, |u: Instant| u.max(t)));
        // 60 in 10 minutes: the oldest of the last `max_requests` must leave the window.
        let in_window: Vec<Instant> = self
            .sent
            .iter()
            .filter(|(t, _)| now.duration_since(*t) < rules.window)
            .map(|(t, _)| *t)
            .collect();
        let need = key.weight.max(1);
        if rules.max_requests < need {
            return Some(now + rules.window);
        }
        if in_window.len() + need > rules.max_requests {
            later(in_window[in_window.len() + need - 1 - rules.max_requests] + rules.window);
        }
        // Identical within 15 s.
        if let Some((t, _)) = self.sent.iter().rev().find(|(t, k)| {
            k.identical == key.identical && now.duration_since(*t) < rules.identical_within
        }) {
            later(*t + rules.identical_within);
        }
        // 6 for the same contract within 2 s.
        let same: Vec<Instant> = self
            .sent
            .iter()
            .filter(|(t, k)| {
                k.contract == key.contract && now.duration_since(*t) < rules.same_contract_window
            })
            .map(|(t, _)| *t)
            .collect();
        if rules.same_contract_max >= need && same.len() + need > rules.same_contract_max {
            later(
                same[same.len() + need - 1 - rules.same_contract_max] + rules.same_contract_window,
            );
        }
        until.filter(|u| *u > now)
    }

    /// Records a request sent (or accepted) at `now`.
    pub fn record(&mut self, key: PacingKey, now: Instant) {
        for _ in 1..key.weight {
            self.sent.push_back((now, key.clone()));
        }
        self.sent.push_back((now, key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: &str, id: &str) -> PacingKey {
        PacingKey {
            contract: c.into(),
            identical: id.into(),
            weight: 1,
        }
    }

    #[test]
    fn bid_ask_counts_twice() {
        let rules = PacingRules::IB;
        let t0 = Instant::now();
        let mut log = PacingLog::default();
        for i in 0..5 {
            log.record(key("A", &i.to_string()), t0);
        }
        let two = PacingKey {
            weight: 2,
            ..key("A", "x")
        };
        assert_eq!(
            log.wait_until(&rules, &two, t0),
            Some(t0 + Duration::from_secs(2))
        );
        assert_eq!(log.wait_until(&rules, &key("A", "y"), t0), None);
        log.record(two, t0 + Duration::from_secs(3));
        assert_eq!(log.sent.len(), 7);
    }

    #[test]
    fn each_rule_holds_back_and_releases() {
        let rules = PacingRules::IB;
        let t0 = Instant::now();
        let mut log = PacingLog::default();
        assert_eq!(log.wait_until(&rules, &key("A", "1"), t0), None);
        log.record(key("A", "1"), t0);
        // Identical: 15 s.
        assert_eq!(
            log.wait_until(&rules, &key("A", "1"), t0),
            Some(t0 + Duration::from_secs(15))
        );
        // Same contract: 6 in 2 s.
        for i in 2..=6 {
            log.record(key("A", &i.to_string()), t0);
        }
        assert_eq!(
            log.wait_until(&rules, &key("A", "7"), t0),
            Some(t0 + Duration::from_secs(2))
        );
        assert_eq!(log.wait_until(&rules, &key("B", "x"), t0), None);
        // 60 in 10 minutes.
        for i in 0..54 {
            log.record(key(&format!("C{i}"), &format!("c{i}")), t0);
        }
        assert_eq!(
            log.wait_until(&rules, &key("D", "d"), t0 + Duration::from_secs(20)),
            Some(t0 + Duration::from_secs(600))
        );
        assert_eq!(
            log.wait_until(&rules, &key("D", "d"), t0 + Duration::from_secs(600)),
            None
        );
    }

    #[test]
    fn scaling_shrinks_windows_only() {
        let r = PacingRules::IB.scaled(0.001);
        assert_eq!(r.window, Duration::from_millis(600));
        assert_eq!(r.identical_within, Duration::from_millis(15));
        assert_eq!(r.max_requests, 60);
    }
}
