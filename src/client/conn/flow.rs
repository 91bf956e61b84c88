//! Back-pressure between the EReader and `run()`.
//!
//! The reader counts the bytes it has queued and `run()` the bytes it has
//! dispatched. Once more than the limit is waiting, the reader stops reading
//! the socket until `run()` catches up: the kernel's receive buffer fills, TCP
//! flow control slows the sender, and memory stays bounded however fast the
//! gateway sends and however slow the callbacks are. Nothing is dropped.
//!
//! Control messages (errors, `connect_ack`, `connection_closed`) are not
//! counted, so the end of a connection can always be queued, and a reader that
//! waits for space still notices a `disconnect()` within milliseconds.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

/// Default limit of queued frame bytes per client: 4 MiB. Throughput is the
/// same from 1 MiB to 16 MiB (docs/performance.md); 4 MiB absorbs a pause of
/// a few hundred milliseconds in the callbacks at full market-data rates.
pub const DEFAULT_QUEUE_LIMIT: usize = 4 * 1024 * 1024;

/// Bytes queued between the reader and `run()`, with a way to wait for room.
#[derive(Debug)]
pub(crate) struct Flow {
    queued: AtomicUsize,
    peak: AtomicUsize,
    limit: AtomicUsize,
    waiting: AtomicBool,
    lock: Mutex<()>,
    room: Condvar,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            queued: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            limit: AtomicUsize::new(DEFAULT_QUEUE_LIMIT),
            waiting: AtomicBool::new(false),
            lock: Mutex::new(()),
            room: Condvar::new(),
        }
    }
}

impl Flow {
    /// The reader queued `n` bytes.
    #[inline]
    pub(crate) fn queued(&self, n: usize) {
        let now = self.queued.fetch_add(n, Ordering::Relaxed) + n;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }

    /// Frame bytes queued and not yet dispatched.
    #[inline]
    pub(crate) fn queued_bytes(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }

    /// `run()` dispatched `n` bytes.
    #[inline]
    pub(crate) fn released(&self, n: usize) {
        let now = self
            .queued
            .fetch_sub(n, Ordering::Relaxed)
            .saturating_sub(n);
        if self.waiting.load(Ordering::Acquire) && now < self.limit.load(Ordering::Relaxed) {
            let _guard = self.lock.lock();
            self.room.notify_one();
        }
    }

    /// Blocks the reader while the queue is over the limit, until there is
    /// room or `stop()` says the connection is being closed.
    pub(crate) fn wait_for_room(&self, stop: impl Fn() -> bool) {
        let limit = self.limit.load(Ordering::Relaxed);
        if self.queued.load(Ordering::Relaxed) < limit {
            return;
        }
        let mut guard = self.lock.lock();
        self.waiting.store(true, Ordering::Release);
        while self.queued.load(Ordering::Relaxed) >= self.limit.load(Ordering::Relaxed) && !stop() {
            self.room.wait_for(&mut guard, Duration::from_millis(10));
        }
        self.waiting.store(false, Ordering::Release);
    }

    pub(crate) fn set_limit(&self, bytes: usize) {
        self.limit.store(bytes.max(1), Ordering::Relaxed);
        let _guard = self.lock.lock();
        self.room.notify_all();
    }

    /// (bytes queued now, the most ever queued, the limit).
    pub(crate) fn levels(&self) -> (usize, usize, usize) {
        (
            self.queued.load(Ordering::Relaxed),
            self.peak.load(Ordering::Relaxed),
            self.limit.load(Ordering::Relaxed),
        )
    }
}
