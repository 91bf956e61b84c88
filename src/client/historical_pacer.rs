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
