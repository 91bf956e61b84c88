//! Keeping a connection up: reconnection with backoff, and a heartbeat.
//!
//! Both are parts of [`IBClient`](crate::client::IBClient): turn them on with
//! [`IBClient::set_reconnect`](crate::client::IBClient::set_reconnect) and
//! [`IBClient::set_heartbeat`](crate::client::IBClient::set_heartbeat). The supervisor
//! runs in the message-loop thread: when a connection ends other than by
//! `disconnect()`, it waits (exponential backoff with jitter), connects again
//! with the same host, port and client id, and tells the wrapper through the
//! extension callbacks `reconnecting`, `reconnected` and `reconnect_gave_up`.

use std::time::Duration;

/// How the supervisor retries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReconnectPolicy {
    /// Wait before the first attempt.
    pub initial_delay: Duration,
    /// Each further wait is this many times the previous one.
    pub factor: f64,
    /// No wait is longer than this.
    pub max_delay: Duration,
    /// Give up after this many attempts in a row; `None` never gives up (for
    /// a gateway that restarts every night, that is usually what you want).
    pub max_attempts: Option<u32>,
    /// Each wait is randomly shortened or lengthened by up to this fraction
    /// (0.2 = ±20 %), so that many clients do not reconnect in lockstep.
    pub jitter: f64,
    /// Error 326 (client id in use) during a reconnect is retried this many
    /// times — TWS may not have noticed yet that the old connection died — and
    /// is final after that. On a first connect it is final at once.
    pub client_id_in_use_retries: u32,
}

impl Default for ReconnectPolicy {
    /// 1 s, doubling, at most 60 s, forever, ±20 % jitter, 326 retried 3 times.
    fn default() -> Self {
        ReconnectPolicy {
            initial_delay: Duration::from_secs(1),
            factor: 2.0,
            max_delay: Duration::from_secs(60),
            max_attempts: None,
            jitter: 0.2,
            client_id_in_use_retries: 3,
        }
    }
}

impl ReconnectPolicy {
    /// The wait before attempt `attempt` (1-based), with `unit` ∈ [0, 1)
    /// choosing the jitter.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tws_api::client::ReconnectPolicy;
    /// let p = ReconnectPolicy { jitter: 0.0, ..ReconnectPolicy::default() };
    /// assert_eq!(p.delay(1, 0.5), Duration::from_secs(1));
    /// assert_eq!(p.delay(3, 0.5), Duration::from_secs(4));
    /// assert_eq!(p.delay(30, 0.5), Duration::from_secs(60));
    /// ```
    pub fn delay(&self, attempt: u32, unit: f64) -> Duration {
        let base = self.initial_delay.as_secs_f64()
            * self
                .factor
                .max(1.0)
                .powi(attempt.saturating_sub(1).min(64) as i32);
        let capped = base.min(self.max_delay.as_secs_f64());
        let jitter = self.jitter.clamp(0.0, 1.0) * (2.0 * unit.clamp(0.0, 1.0) - 1.0);
        Duration::from_secs_f64((capped * (1.0 + jitter)).max(0.0))
    }
}

/// A periodic cheap request with a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heartbeat {
    /// Time between two heartbeats (`reqCurrentTime`).
    pub interval: Duration,
    /// How long the answer (`current_time`) may take. A missed deadline is
    /// reported as `error(-1, 509, …)` and the connection is closed as dead —
    /// and, with a reconnect policy, connected again.
    pub timeout: Duration,
}

impl Default for Heartbeat {
    /// Every 30 s, answer within 10 s.
    fn default() -> Self {
        Heartbeat {
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
        }
    }
}

/// A small xorshift generator for jitter; no randomness crate needed.
#[derive(Debug)]
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn new() -> Jitter {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15);
        Jitter(seed | 1)
    }

    /// A number in [0, 1).
    pub(crate) fn next_unit(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_cap_and_jitter_within_bounds() {
        let p = ReconnectPolicy::default();
        let mut j = Jitter::new();
        for attempt in 1..40 {
            let d = p.delay(attempt, j.next_unit()).as_secs_f64();
            let plain = (2f64.powi(attempt as i32 - 1)).min(60.0);
            assert!(
                d >= plain * 0.8 - 1e-9 && d <= plain * 1.2 + 1e-9,
                "{attempt}: {d}"
            );
        }
        let u = j.next_unit();
        assert!((0.0..1.0).contains(&u));
    }
}
