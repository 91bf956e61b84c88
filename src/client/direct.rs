//! Direct reads: while the feed is light, `run()` reads the socket itself.
//!
//! With a reader thread, every batch costs two thread wake-ups: the kernel
//! wakes the reader when bytes arrive, and the reader wakes `run()` through
//! the channel. On a feed that sends a small batch every millisecond, each
//! of those wake-ups can find a sleeping CPU, and the second one doubled the
//! latency tail and the CPU time of a single-threaded client
//! (docs/performance.md). So when a read brings little (less than
//! [`DIRECT_BELOW`](super::reader::DIRECT_BELOW) bytes) and `run()` has
//! dispatched everything before it, the reader lends `run()` the socket
//! and waits. `run()` then waits in `poll` on the socket and on a wake-up
//! socket pair, reads, and dispatches in place: one wake-up per batch. A read
//! that brings [`DIRECT_BELOW`](super::reader::DIRECT_BELOW) bytes or more (a
//! burst) gives the socket back, and the reader thread reads in parallel with
//! `run()` again, which is what the throughput figures need.
//!
//! The wake-up pair lets the client's own messages (errors queued by other
//! threads, `connect_ack`) reach `run()` while it waits on the socket: the
//! one who queues writes a byte when `run()` is waiting in `poll`.
//!
//! Exactly one thread reads a connection at a time, and the one that sees its
//! end sends the `Closed` marker: the reader thread, or `run()` while it has
//! the socket. Available on Unix; elsewhere the reader thread always reads.

use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use super::reader::ReadSide;

/// Where a connection's read side is.
#[derive(Debug)]
enum Slot {
    /// No connection is lent (none yet, or the last one ended).
    Free,
    /// The reader offers it; `run()` takes it when its queue is empty.
    Offered(ReadSide),
    /// `run()` reads this generation.
    InRun(u64),
    /// `run()` gave it back to the waiting reader.
    Returned(ReadSide),
    /// The reader of this generation stopped waiting (the connection is
    /// being closed); `run()` reads it to its end.
    Abandoned(u64),
    /// `run()` read this generation to its end; its reader may stop.
    Ended(u64),
}

/// What the reader thread gets back from [`Direct::lend`].
#[derive(Debug)]
pub(crate) enum Lent {
    /// The socket is back: keep reading it.
    Back(ReadSide),
    /// `run()` reads it to its end (and sends its `Closed`): stop.
    Kept,
}

/// The hand-over between a connection's reader thread and `run()`.
#[derive(Debug)]
pub(crate) struct Direct {
    enabled: AtomicBool,
    /// `true` while the slot holds an offer (a cheap check for `run()`).
    offered: AtomicBool,
    slot: Mutex<Slot>,
    changed: Condvar,
    /// `run()` waits in `poll`: whoever queues a message must wake it.
    polling: AtomicBool,
    #[cfg(unix)]
    wake: Option<(
        std::os::unix::net::UnixStream,
        std::os::unix::net::UnixStream,
    )>,
}

impl Default for Direct {
    fn default() -> Self {
        #[cfg(unix)]
        let wake = std::os::unix::net::UnixStream::pair()
            .and_then(|(tx, rx)| {
                tx.set_nonblocking(true)?;
                rx.set_nonblocking(true)?;
                Ok((tx, rx))
            })
            .ok();
        #[cfg(unix)]
        let available = wake.is_some();
        #[cfg(not(unix))]
        let available = false;
        Direct {
            enabled: AtomicBool::new(available),
            offered: AtomicBool::new(false),
            slot: Mutex::new(Slot::Free),
            changed: Condvar::new(),
            polling: AtomicBool::new(false),
            #[cfg(unix)]
            wake,
        }
    }
}

/// How long the waiting reader sleeps between looks at the connection's
/// state when nobody notifies it (a safety net; every change notifies).
const RECHECK: Duration = Duration::from_secs(1);

impl Direct {
    /// Turns direct reads on or off (on by default on Unix).
    pub(crate) fn set_enabled(&self, on: bool) {
        self.enabled.store(on && self.available(), Ordering::SeqCst);
    }

    /// `true` when direct reads are on.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    fn available(&self) -> bool {
        #[cfg(unix)]
        {
            self.wake.is_some()
        }
        #[cfg(not(unix))]
        {
            false
        }
    }

    /// Reader thread: offers `side` to `run()` and waits until it comes back
    /// or `run()` keeps it to the end. `running` says whether `run()` is
    /// running, `closing` whether this connection is being closed on purpose.
    /// `announce` is called once the offer stands: it must wake `run()`,
    /// which may have gone to sleep on its empty queue just before.
    pub(crate) fn lend(
        &self,
        side: ReadSide,
        running: impl Fn() -> bool,
        closing: impl Fn() -> bool,
        announce: impl FnOnce(),
    ) -> Lent {
        if !self.enabled() || !running() || closing() {
            return Lent::Back(side);
        }
        let generation = side.generation;
        let mut slot = self.slot.lock();
        if !matches!(*slot, Slot::Free | Slot::Abandoned(_) | Slot::Ended(_)) {
            // Another connection's hand-over is not over yet.
            return Lent::Back(side);
        }
        *slot = Slot::Offered(side);
        self.offered.store(true, Ordering::SeqCst);
        announce();
        loop {
            match std::mem::replace(&mut *slot, Slot::Free) {
                Slot::Returned(s) if s.generation == generation => return Lent::Back(s),
                Slot::Offered(s) if s.generation == generation => {
                    if closing() || !running() || !self.enabled() {
                        self.offered.store(false, Ordering::SeqCst);
                        return Lent::Back(s);
                    }
                    *slot = Slot::Offered(s);
                }
                Slot::InRun(g) if g == generation => {
                    if closing() {
                        *slot = Slot::Abandoned(g);
                        return Lent::Kept;
                    }
                    *slot = Slot::InRun(g);
                }
                // `run()` read it to its end (and sent its `Closed`), or the
                // slot has moved on to a newer connection since.
                Slot::Ended(g) if g == generation => return Lent::Kept,
                other => {
                    *slot = other;
                    return Lent::Kept;
                }
            }
            self.changed.wait_for(&mut slot, RECHECK);
        }
    }

    /// `run()`: takes the socket if it is offered.
    pub(crate) fn take(&self) -> Option<ReadSide> {
        if !self.offered.load(Ordering::SeqCst) {
            return None;
        }
        let mut slot = self.slot.lock();
        match std::mem::replace(&mut *slot, Slot::Free) {
            Slot::Offered(s) => {
                self.offered.store(false, Ordering::SeqCst);
                *slot = Slot::InRun(s.generation);
                Some(s)
            }
            other => {
                *slot = other;
                None
            }
        }
    }

    /// `run()`: gives the socket back to its reader. `Some(side)` when the
    /// reader has stopped waiting: `run()` reads it to its end.
    pub(crate) fn give_back(&self, side: ReadSide) -> Option<ReadSide> {
        let mut slot = self.slot.lock();
        match *slot {
            Slot::InRun(g) if g == side.generation => {
                *slot = Slot::Returned(side);
                self.changed.notify_all();
                None
            }
            _ => Some(side),
        }
    }

    /// `run()`: the connection it was reading ended (its `Closed` is sent).
    pub(crate) fn ended(&self, generation: u64) {
        let mut slot = self.slot.lock();
        match *slot {
            Slot::InRun(g) if g == generation => *slot = Slot::Ended(g),
            Slot::Abandoned(g) if g == generation => *slot = Slot::Free,
            _ => {}
        }
        self.changed.notify_all();
    }

    /// Wakes a waiting reader so that it looks at the connection's state
    /// again (a close, `run()` returning).
    pub(crate) fn notify(&self) {
        let _slot = self.slot.lock();
        self.changed.notify_all();
    }

    /// Called after a message was queued for `run()`: wakes it if it waits
    /// on the socket.
    pub(crate) fn queued(&self) {
        fence(Ordering::SeqCst);
        if self.polling.load(Ordering::SeqCst) {
            #[cfg(unix)]
            if let Some((tx, _)) = &self.wake {
                use std::io::Write;
                // A full pair already has a wake-up waiting: nothing lost.
                let _ = (&*tx).write(&[1]);
            }
        }
    }

    /// `run()`: waits until the socket has bytes (or has ended) or a
    /// message was queued. `queue_empty` is checked after announcing the
    /// wait, so a message queued at the same time is never missed.
    /// `true`: read the socket; `false`: look at the queue first.
    pub(crate) fn wait(&self, side: &ReadSide, queue_empty: impl Fn() -> bool) -> bool {
        self.polling.store(true, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        let socket_ready = queue_empty() && self.poll(side);
        self.polling.store(false, Ordering::SeqCst);
        socket_ready
    }

    #[cfg(unix)]
    fn poll(&self, side: &ReadSide) -> bool {
        use std::io::Read;
        use std::os::unix::io::AsRawFd;
        let Some((_, rx)) = &self.wake else {
            return true;
        };
        let mut fds = [
            libc::pollfd {
                fd: side.stream.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: rx.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is a valid array of two pollfd for the duration of
        // the call, and both descriptors stay open (owned by `side` and
        // `self`) while it runs.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
        if n < 0 {
            // EINTR and the like: look at the queue, then wait again.
            return false;
        }
        if fds[1].revents != 0 {
            let mut sink = [0u8; 64];
            while matches!((&*rx).read(&mut sink), Ok(n) if n > 0) {}
        }
        // Readable, closed or failed: the read tells which.
        fds[0].revents != 0
    }

    #[cfg(not(unix))]
    fn poll(&self, _side: &ReadSide) -> bool {
        true
    }
}

/// Bytes received on `stream` and not read yet (0 when unknown).
#[cfg(unix)]
pub(crate) fn unread(stream: &std::net::TcpStream) -> usize {
    use std::os::unix::io::AsRawFd;
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one c_int through the pointer, which points to
    // `n`; the descriptor is open for as long as `stream` is borrowed.
    let r = unsafe { libc::ioctl(stream.as_raw_fd(), libc::FIONREAD, &mut n) };
    if r == 0 {
        usize::try_from(n).unwrap_or(0)
    } else {
        0
    }
}

/// Bytes received on `stream` and not read yet (unknown here: 0).
#[cfg(not(unix))]
pub(crate) fn unread(_stream: &std::net::TcpStream) -> usize {
    0
}
