//! The opt-in historical pacer: holds back historical requests so that IB's
//! pacing rules ([`PacingRules`]) are never broken.
//!
//! A request that would break one of the three rate rules (60 in 10 minutes,
//! no identical request within 15 s, 6 for one contract, exchange and tick
//! type within 2 s) waits in the thread that sends it until it may go;
//! requests keep their order per thread. The open-requests rule is followed
//! for `keep_up_to_date` requests, the ones that stay open: they count as open
//! until `cancel_historical_data`, and the pacer reports (and does not send)
//! one that would exceed the limit rather than wait for a cancel that may
//! never come. One-shot requests are answered at once and are not counted.

use std::collections::HashSet;
use std::time::Instant;

use parking_lot::Mutex;

use crate::messages::historical::pacing::{PacingKey, PacingLog};
use crate::messages::historical::PacingRules;

#[derive(Debug)]
struct State {
    rules: PacingRules,
    log: PacingLog,
    open: HashSet<i32>,
}

/// The pacer; `None` inside means no pacing (the default).
#[derive(Debug, Default)]
pub(crate) struct HistoricalPacer(Mutex<Option<State>>);

impl HistoricalPacer {
    pub(crate) fn set(&self, rules: Option<PacingRules>) {
        *self.0.lock() = rules.map(|rules| State {
            rules: rules.with_margin(),
            log: PacingLog::default(),
            open: HashSet::new(),
        });
    }

    /// Waits until a request with `key` may go, then records it. `false`
    /// when a request that stays open (`stays_open`) would exceed the
    /// open-requests limit: it must not be sent.
    pub(crate) fn acquire(&self, key: PacingKey, req_id: i32, stays_open: bool) -> bool {
        loop {
            let wait = {
                let mut guard = self.0.lock();
                let Some(st) = guard.as_mut() else {
                    return true;
                };
                if stays_open && !st.open.contains(&req_id) && st.open.len() >= st.rules.max_open {
                    return false;
                }
                let now = Instant::now();
                match st.log.wait_until(&st.rules, &key, now) {
                    None => {
                        st.log.record(key, now);
                        if stays_open {
                            st.open.insert(req_id);
                        }
                        return true;
                    }
                    Some(until) => until - now,
                }
            };
            std::thread::sleep(wait);
        }
    }

    /// A request that stayed open has been cancelled.
    pub(crate) fn closed(&self, req_id: i32) {
        if let Some(st) = self.0.lock().as_mut() {
            st.open.remove(&req_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn key(id: &str) -> PacingKey {
        PacingKey {
            contract: id.into(),
            identical: id.into(),
            weight: 1,
        }
    }

    #[test]
    fn open_requests_are_limited_until_cancelled() {
        let p = HistoricalPacer::default();
        assert!(p.acquire(key("a"), 1, true), "no pacing: always");
        p.set(Some(PacingRules {
            max_open: 1,
            margin: Duration::ZERO,
            ..PacingRules::IB
        }));
        assert!(p.acquire(key("a"), 1, true));
        assert!(!p.acquire(key("b"), 2, true));
        // One-shot requests are not counted as open.
        assert!(p.acquire(key("c"), 3, false));
        p.closed(1);
        assert!(p.acquire(key("b"), 2, true));
    }

    #[test]
    fn a_request_that_breaks_a_rule_waits() {
        let p = HistoricalPacer::default();
        p.set(Some(PacingRules {
            margin: Duration::from_millis(5),
            ..PacingRules::IB.scaled(0.002)
        }));
        let t0 = Instant::now();
        assert!(p.acquire(key("a"), 1, false));
        // Identical within 30 ms (+5 ms margin): the second waits.
        assert!(p.acquire(key("a"), 2, false));
        assert!(t0.elapsed() >= Duration::from_millis(35));
    }
}
