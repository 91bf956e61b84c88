//! Request latency: from a request's send to its first answer and to its
//! end, per kind of request, over a sliding window of the latest samples.
//!
//! The request registry ([`super::lifecycle::Registry`]) takes the samples:
//! it knows when each request was sent, and the dispatcher shows it the
//! first message that answers a request still waiting for one (only while
//! one waits: a tick of an answered subscription costs one atomic load).

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use parking_lot::Mutex;

/// How many of the latest samples the percentiles are taken over, per kind
/// of request and measure.
pub const LATENCY_WINDOW: usize = 512;

/// Percentiles of one measure of one kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LatencyStats {
    /// Samples ever taken.
    pub count: u64,
    /// Their sum (for the mean, and the Prometheus summary's `_sum`).
    pub sum: Duration,
    /// Median over the window.
    pub p50: Duration,
    /// 99th percentile over the window.
    pub p99: Duration,
    /// Largest over the window.
    pub max: Duration,
}

/// The latencies of one kind of request (its official name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLatency {
    /// The official request name (`reqContractDetails`).
    pub request: &'static str,
    /// Send → the first message answering it (data, end marker or error).
    pub first_answer: LatencyStats,
    /// Send → its end (end marker or error); one-shot requests only.
    pub end: Option<LatencyStats>,
}

/// The latest samples of one measure.
#[derive(Debug, Default)]
struct Window {
    samples: VecDeque<Duration>,
    count: u64,
    sum: Duration,
}

impl Window {
    fn add(&mut self, d: Duration) {
        if self.samples.len() == LATENCY_WINDOW {
            self.samples.pop_front();
        }
        self.samples.push_back(d);
        self.count += 1;
        self.sum += d;
    }

    fn stats(&self) -> LatencyStats {
        let mut sorted: Vec<Duration> = self.samples.iter().copied().collect();
        sorted.sort_unstable();
        let at = |q: f64| -> Duration {
            if sorted.is_empty() {
                return Duration::ZERO;
            }
            let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
            sorted[i]
        };
        LatencyStats {
            count: self.count,
            sum: self.sum,
            p50: at(0.5),
            p99: at(0.99),
            max: sorted.last().copied().unwrap_or_default(),
        }
    }
}

/// The windows of every kind of request of one client.
#[derive(Debug, Default)]
pub(crate) struct Latencies {
    map: Mutex<BTreeMap<&'static str, (Window, Window)>>,
}

impl Latencies {
    pub(crate) fn first_answer(&self, request: &'static str, d: Duration) {
        self.map.lock().entry(request).or_default().0.add(d);
    }

    pub(crate) fn end(&self, request: &'static str, d: Duration) {
        self.map.lock().entry(request).or_default().1.add(d);
    }

    pub(crate) fn snapshot(&self) -> Vec<RequestLatency> {
        self.map
            .lock()
            .iter()
            .map(|(request, (first, end))| RequestLatency {
                request,
                first_answer: first.stats(),
                end: (end.count > 0).then(|| end.stats()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_over_the_window() {
        let l = Latencies::default();
        for ms in 1..=100 {
            l.first_answer("reqContractDetails", Duration::from_millis(ms));
        }
        l.end("reqContractDetails", Duration::from_millis(7));
        let s = l.snapshot();
        assert_eq!(s.len(), 1);
        let f = s[0].first_answer;
        assert_eq!(
            (f.count, f.p50, f.p99, f.max),
            (
                100,
                Duration::from_millis(50),
                Duration::from_millis(99),
                Duration::from_millis(100)
            )
        );
        assert_eq!(f.sum, Duration::from_millis(5050));
        assert_eq!(s[0].end.map(|e| e.p50), Some(Duration::from_millis(7)));
        // The window keeps the latest samples only.
        for _ in 0..LATENCY_WINDOW {
            l.first_answer("reqContractDetails", Duration::from_millis(1));
        }
        assert_eq!(l.snapshot()[0].first_answer.p99, Duration::from_millis(1));
    }
}
