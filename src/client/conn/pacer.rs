//! A client-side pacer: a token bucket in front of the socket.
//!
//! TWS disconnects a client that sends more than 50 messages per second. The
//! official remedy is the `+PACEAPI` connect option, with which TWS queues the
//! excess instead (see [`EClient::set_connect_options`](crate::client::EClient::set_connect_options));
//! this pacer smooths bursts on the client side instead, so no server setting
//! is needed: a request that would exceed the rate waits (in the thread that
//! sends it) until the bucket has a token. Requests keep their order.

use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// A rate limit: `per_second` messages on average, bursts of up to `burst`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Average messages per second.
    pub per_second: f64,
    /// Messages that may go at once after a quiet period.
    pub burst: u32,
}

impl RateLimit {
    /// TWS's limit: 50 messages per second. The burst is kept small so that
    /// no one-second window can exceed 50.
    pub const TWS: RateLimit = RateLimit {
        per_second: 45.0,
        burst: 5,
    };
}

#[derive(Debug)]
struct Bucket {
    limit: RateLimit,
    tokens: f64,
    last: Instant,
}

/// The token bucket; `None` inside means no pacing.
#[derive(Debug, Default)]
pub(crate) struct Pacer(Mutex<Option<Bucket>>);

impl Pacer {
    pub(crate) fn set(&self, limit: Option<RateLimit>) {
        *self.0.lock() = limit.map(|limit| Bucket {
            limit,
            tokens: f64::from(limit.burst.max(1)),
            last: Instant::now(),
        });
    }

    /// Takes one token, sleeping first if none is left. Tokens are reserved in
    /// the order callers arrive, so concurrent senders are served fairly.
    pub(crate) fn acquire(&self) {
        self.take(true);
    }

    /// Counts one message that must not wait (a cancel: it frees TWS's
    /// resources and stops data, so it goes at once); it still uses a token,
    /// so the requests after it keep the average under the limit.
    pub(crate) fn count(&self) {
        self.take(false);
    }

    fn take(&self, wait_for_token: bool) {
        let wait = {
            let mut guard = self.0.lock();
            let Some(b) = guard.as_mut() else {
                return;
            };
            let now = Instant::now();
            let rate = b.limit.per_second.max(0.001);
            let cap = f64::from(b.limit.burst.max(1));
            b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(cap);
            b.last = now;
            b.tokens -= 1.0;
            if b.tokens >= 0.0 || !wait_for_token {
                return;
            }
            Duration::from_secs_f64(-b.tokens / rate)
        };
        std::thread::sleep(wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limit_means_no_wait_and_burst_is_free() {
        let p = Pacer::default();
        p.acquire();
        p.set(Some(RateLimit {
            per_second: 1.0,
            burst: 3,
        }));
        // Three tokens are there at once; the bucket then owes time.
        for _ in 0..3 {
            p.acquire();
        }
        {
            let guard = p.0.lock();
            let b = guard.as_ref().unwrap();
            assert!(b.tokens < 1.0 && b.tokens > -0.5);
        }
        // A cancel never waits, even with the bucket empty, but it counts.
        for _ in 0..3 {
            p.count();
        }
        let guard = p.0.lock();
        assert!(guard.as_ref().unwrap().tokens < -2.0);
    }
}
