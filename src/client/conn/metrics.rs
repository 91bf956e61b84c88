//! Connection counters, cheap enough to stay on in the hot path: relaxed
//! atomic adds, one per read or per batch rather than per message.

use std::sync::atomic::{AtomicU64, Ordering};

/// Live counters of one client.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    frames_in: AtomicU64,
    frames_out: AtomicU64,
    dispatched: AtomicU64,
    direct_reads: AtomicU64,
    take_overs: AtomicU64,
    not_decoded: AtomicU64,
    connections: AtomicU64,
    connected_since_ms: AtomicU64,
    last_message_ms: AtomicU64,
}

fn now_ms() -> u64 {
    crate::clock::now_millis().max(0) as u64
}

impl Metrics {
    pub(crate) fn bytes_in(&self, n: usize) {
        self.bytes_in.fetch_add(n as u64, Ordering::Relaxed);
        self.last_message_ms.store(now_ms(), Ordering::Relaxed);
    }

    pub(crate) fn frames_in(&self, n: u64) {
        self.frames_in.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn dispatched(&self, n: u64) {
        self.dispatched.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn direct_read(&self) {
        self.direct_reads.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn take_over(&self) {
        self.take_overs.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn not_decoded(&self, n: u64) {
        if n > 0 {
            self.not_decoded.fetch_add(n, Ordering::Relaxed);
        }
    }

    pub(crate) fn sent(&self, bytes: usize) {
        self.bytes_out.fetch_add(bytes as u64, Ordering::Relaxed);
        self.frames_out.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn connected(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
        self.connected_since_ms.store(now_ms(), Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self, queued_batches: usize) -> MetricsSnapshot {
        let frames_in = self.frames_in.load(Ordering::Relaxed);
        let dispatched = self.dispatched.load(Ordering::Relaxed);
        MetricsSnapshot {
            bytes_in: self.bytes_in.load(Ordering::Relaxed),
            bytes_out: self.bytes_out.load(Ordering::Relaxed),
            frames_in,
            frames_out: self.frames_out.load(Ordering::Relaxed),
            frames_queued: frames_in.saturating_sub(dispatched),
            not_decoded: self.not_decoded.load(Ordering::Relaxed),
            direct_reads: self.direct_reads.load(Ordering::Relaxed),
            take_overs: self.take_overs.load(Ordering::Relaxed),
            requests_in_flight: 0,
            batches_queued: queued_batches,
            bytes_queued: 0,
            bytes_unread: 0,
            peak_bytes_queued: 0,
            queue_limit: 0,
            connections: self.connections.load(Ordering::Relaxed),
            connected_since_ms: self.connected_since_ms.load(Ordering::Relaxed),
            last_message_ms: self.last_message_ms.load(Ordering::Relaxed),
        }
    }
}

/// A copy of a client's counters at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MetricsSnapshot {
    /// Bytes read from the socket.
    pub bytes_in: u64,
    /// Bytes written to the socket.
    pub bytes_out: u64,
    /// Whole frames read.
    pub frames_in: u64,
    /// Frames written.
    pub frames_out: u64,
    /// Frames read but not yet dispatched by `run()`.
    pub frames_queued: u64,
    /// Known messages that this version of the crate does not decode yet
    /// (logged at debug level and dropped).
    pub not_decoded: u64,
    /// Socket reads that `run()` made itself while the feed was light (see
    /// `EClient::set_direct_read`).
    pub direct_reads: u64,
    /// Times the reader thread took the socket back from `run()` because
    /// callbacks ran for more than a millisecond while `run()` had it (the
    /// socket is read whatever the callbacks do; see
    /// `EClient::set_direct_read`).
    pub take_overs: u64,
    /// Requests sent and not yet ended (see `EClient::requests_in_flight`).
    pub requests_in_flight: usize,
    /// Items waiting in the reader → `run()` channel.
    pub batches_queued: usize,
    /// Frame bytes read but not yet dispatched.
    pub bytes_queued: usize,
    /// Bytes the system has received on the socket and the client has not
    /// read yet (Unix; 0 elsewhere): data waiting while `run()` reads the
    /// socket itself and a callback is busy.
    pub bytes_unread: usize,
    /// The most frame bytes ever waiting at once.
    pub peak_bytes_queued: usize,
    /// The back-pressure limit (see `EClient::set_queue_limit`).
    pub queue_limit: usize,
    /// Successful handshakes so far.
    pub connections: u64,
    /// When the last connection was made, in ms since the epoch (0: never).
    pub connected_since_ms: u64,
    /// When bytes last arrived, in ms since the epoch (0: never).
    pub last_message_ms: u64,
}
