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
//! burst) gives the socket back before its callbacks run, and the reader
//! thread reads in parallel with `run()` again, which is what the throughput
//! figures need.
//!
//! **The EReader's promise.** The official reader thread reads the socket
//! whatever the callbacks do; so does this one. While callbacks run,
//! `run()` does not keep the socket: it sets it down in the hand-over slot
//! ([`Direct::rest`]) before a batch's callbacks (or a queued message's) and
//! picks it up again after them ([`Direct::resume`]), a lock and a clock
//! read each, no system call. The waiting reader looks at the slot every
//! [`LOOK`] (20 ms) while batches keep coming; when it finds the socket set
//! down since [`TAKE_OVER`] (1 ms) or longer, or its offer untaken that long
//! while `run()` has been in the callbacks of one queued item as long (not
//! merely slow to wake, as on a loaded machine), `run()` is busy in
//! callbacks: the reader takes the socket back and reads on into the queue
//! (up to the queue limit, as when it reads at all times), and `run()`, back
//! from its callbacks, finds it gone and dispatches from the queue; the
//! reader lends it again after its next light read. So a callback that
//! blocks lets the reader take over between 1 and about 20 ms after it
//! started; quick callbacks cost `run()` nothing and the reader one look per
//! [`LOOK`]. [`WATCH`] (1 s) after `run()` last moved the reader stops
//! looking and sleeps; the next set-down wakes it (once), so an idle
//! connection costs nothing. A virtual CPU stalled for a millisecond in the
//! middle of `run()`'s callbacks looks the same to the reader and makes it
//! take over too; `run()` has the socket back within a batch or two after
//! (`bench_e2e --mode stall`, docs/performance.md).
//!
//! Two other ways were measured (docs/performance.md) and dropped: looks
//! every 5 ms (200 thread wake-ups a second, about 25 µs of CPU time each on
//! the 2-vCPU VM) raised the p99 latency of a 1 ms-batch feed up to 2x, and a
//! one-shot timer (a timerfd the reader waits on) armed and disarmed around
//! every batch's callbacks added about 5 µs to every batch's latency.
//!
//! The wake-up pair lets the client's own messages (errors queued by other
//! threads, `connect_ack`) reach `run()` while it waits on the socket: the
//! one who queues writes a byte when `run()` is waiting in `poll`.
//!
//! Exactly one thread reads a connection at a time, and the one that sees its
//! end sends the `Closed` marker: the reader thread, or `run()` while it has
//! the socket. Available on Unix; elsewhere the reader thread always reads.

use std::sync::atomic::{fence, AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::reader::ReadSide;

/// Where a connection's read side is.
#[derive(Debug)]
enum Slot {
    /// No connection is lent (none yet, or the last one ended).
    Free,
    /// The reader offers it; `run()` takes it when its queue is empty.
    Offered(ReadSide),
    /// `run()` waits on this generation's socket or reads it.
    InRun(u64),
    /// `run()` set it down while callbacks run; it picks it up again after
    /// them, unless the reader has taken it back meanwhile.
    Resting(ReadSide),
    /// `run()` gave it back to the waiting reader.
    Returned(ReadSide),
    /// The reader of this generation stopped waiting (the connection is
    /// being closed); `run()` reads it to its end.
    Abandoned(u64),
    /// `run()` read this generation to its end; its reader may stop.
    Ended(u64),
}

/// The hand-over slot and what the waiting reader watches.
#[derive(Debug)]
struct State {
    slot: Slot,
    /// When the slot last changed hands: offered, taken, set down, picked
    /// up or given back. An offer or a set-down socket this old means that
    /// `run()` is in callbacks.
    since: Instant,
    /// The reader sleeps without looking (`run()` has not moved for
    /// [`WATCH`]): setting the socket down must wake it.
    asleep: bool,
    /// The reader took the socket back while `run()` was in callbacks with
    /// it set down, and `run()` has not come back from them yet: no new
    /// offer until it has (it would only wait untaken).
    taken: bool,
}

/// What the reader thread gets back from [`Direct::lend`].
#[derive(Debug)]
pub(crate) enum Lent {
    /// The socket is back: keep reading it.
    Back(ReadSide),
    /// `run()` was in callbacks for [`TAKE_OVER`] while the socket was set
    /// down or offered: the reader took it back. Keep reading it.
    TakenOver(ReadSide),
    /// `run()` reads it to its end (and sends its `Closed`): stop.
    Kept,
}

/// The hand-over between a connection's reader thread and `run()`.
#[derive(Debug)]
pub(crate) struct Direct {
    enabled: AtomicBool,
    /// `true` while the slot holds an offer (a cheap check for `run()`).
    offered: AtomicBool,
    /// Counts `run()`'s entries into and exits from the callbacks of queued
    /// items: odd while it is in them. An offer untaken while this stays
    /// odd and unchanged means `run()` is in callbacks, not merely slow to
    /// wake (on a loaded machine that takes a millisecond too).
    calls: AtomicU64,
    state: Mutex<State>,
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
            calls: AtomicU64::new(0),
            state: Mutex::new(State {
                slot: Slot::Free,
                since: Instant::now(),
                asleep: false,
                taken: false,
            }),
            changed: Condvar::new(),
            polling: AtomicBool::new(false),
            #[cfg(unix)]
            wake,
        }
    }
}

/// How long the waiting reader sleeps between looks at the connection's
/// state when nothing wakes it (a safety net: every change it must act on
/// wakes it, or falls under its watch).
const RECHECK: Duration = Duration::from_secs(1);

/// Callbacks that run this long while `run()` has the socket (set down, or
/// offered and not taken yet) let the reader take it back.
pub(crate) const TAKE_OVER: Duration = Duration::from_millis(1);

/// How often the reader looks at the slot while batches keep coming. Each
/// look wakes a sleeping thread (about 25 µs of CPU time on the 2-vCPU VM of
/// docs/performance.md) and can land on a batch: looks every 5 ms (200 a
/// second) raised the p99 latency of a 1 ms-batch feed up to 2x and cost 0.5 % of a
/// core; every 20 ms they do not show.
pub(crate) const LOOK: Duration = Duration::from_millis(20);

/// How long the reader keeps looking after `run()` last set the socket down
/// or picked it up. A feed that sends more often than this needs no wake-up
/// from `run()`; after a longer gap the reader sleeps, and the next batch's
/// set-down wakes it (once).
const WATCH: Duration = Duration::from_secs(1);

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

    /// Reader thread: offers `side` to `run()` and waits until it comes back,
    /// `run()` keeps it to the end, or `run()` spends [`TAKE_OVER`] in
    /// callbacks while it has it (then the reader takes it back: the socket
    /// is read whatever the callbacks do). `running` says whether `run()` is
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
        let mut st = self.state.lock();
        if st.taken || !matches!(st.slot, Slot::Free | Slot::Abandoned(_) | Slot::Ended(_)) {
            // `run()` is still in the callbacks the reader took the socket
            // back from, or another connection's hand-over is not over yet.
            return Lent::Back(side);
        }
        st.slot = Slot::Offered(side);
        st.since = Instant::now();
        self.offered.store(true, Ordering::SeqCst);
        announce();
        // `run()`'s callbacks of queued items as last seen, and since when.
        let (mut calls, mut calls_since) = (self.calls.load(Ordering::Acquire), st.since);
        loop {
            // How long the slot has been as it is.
            let now = Instant::now();
            let still = now.saturating_duration_since(st.since);
            let busy = still >= TAKE_OVER;
            let c = self.calls.load(Ordering::Acquire);
            if c != calls {
                (calls, calls_since) = (c, now);
            }
            // In the same callbacks for `TAKE_OVER`.
            let in_callbacks =
                calls % 2 == 1 && now.saturating_duration_since(calls_since) >= TAKE_OVER;
            match std::mem::replace(&mut st.slot, Slot::Free) {
                Slot::Returned(s) if s.generation == generation => return Lent::Back(s),
                Slot::Offered(s) if s.generation == generation => {
                    if closing() || !running() || !self.enabled() {
                        self.offered.store(false, Ordering::SeqCst);
                        return Lent::Back(s);
                    }
                    if busy && in_callbacks {
                        // Not taken: `run()` is in callbacks of queued items.
                        self.offered.store(false, Ordering::SeqCst);
                        return Lent::TakenOver(s);
                    }
                    st.slot = Slot::Offered(s);
                }
                Slot::Resting(s) if s.generation == generation => {
                    if closing() || !running() {
                        return Lent::Back(s);
                    }
                    if busy {
                        st.taken = true;
                        return Lent::TakenOver(s);
                    }
                    st.slot = Slot::Resting(s);
                }
                Slot::InRun(g) if g == generation => {
                    if closing() {
                        st.slot = Slot::Abandoned(g);
                        return Lent::Kept;
                    }
                    st.slot = Slot::InRun(g);
                }
                // `run()` read it to its end (and sent its `Closed`), or the
                // slot has moved on to a newer connection since.
                Slot::Ended(g) if g == generation => return Lent::Kept,
                other => {
                    st.slot = other;
                    return Lent::Kept;
                }
            }
            let wait = match st.slot {
                // `run()` waits on the socket or reads it: look again in a
                // while, or, once it has not moved for `WATCH`, sleep until
                // it sets the socket down (which wakes a sleeping reader).
                Slot::InRun(_) if still >= WATCH => {
                    st.asleep = true;
                    RECHECK
                }
                Slot::InRun(_) => LOOK,
                // Untaken: look again in `TAKE_OVER` (`run()` normally takes
                // it within microseconds).
                Slot::Offered(_) => TAKE_OVER,
                // Set down: look again once `run()` has been in callbacks
                // for `TAKE_OVER`.
                _ => TAKE_OVER - still,
            };
            self.changed.wait_for(&mut st, wait);
            st.asleep = false;
        }
    }

    /// `run()` enters (`true`) or leaves the callbacks of an item it took
    /// from the queue.
    #[inline]
    pub(crate) fn calling(&self, on: bool) {
        let odd = self.calls.load(Ordering::Relaxed) % 2 == 1;
        if odd != on {
            self.calls.fetch_add(1, Ordering::Release);
        }
    }

    /// `run()`: takes the socket if it is offered.
    pub(crate) fn take(&self) -> Option<ReadSide> {
        if !self.offered.load(Ordering::SeqCst) {
            return None;
        }
        let mut st = self.state.lock();
        match std::mem::replace(&mut st.slot, Slot::Free) {
            Slot::Offered(s) => {
                self.offered.store(false, Ordering::SeqCst);
                st.slot = Slot::InRun(s.generation);
                st.since = Instant::now();
                Some(s)
            }
            other => {
                st.slot = other;
                None
            }
        }
    }

    /// `run()`: sets the socket down before callbacks run, so that the
    /// reader can take it back if they take [`TAKE_OVER`]. `Err(side)` when
    /// the reader has stopped waiting: `run()` keeps it (and reads it to its
    /// end).
    pub(crate) fn rest(&self, side: ReadSide) -> Result<u64, ReadSide> {
        let generation = side.generation;
        {
            let mut st = self.state.lock();
            if !matches!(st.slot, Slot::InRun(g) if g == generation) {
                return Err(side);
            }
            st.slot = Slot::Resting(side);
            st.since = Instant::now();
            if st.asleep {
                st.asleep = false;
                self.changed.notify_all();
            }
        }
        Ok(generation)
    }

    /// `run()`: picks the socket it set down up again; `None` when the
    /// reader has taken it back meanwhile.
    pub(crate) fn resume(&self, generation: u64) -> Option<ReadSide> {
        let mut st = self.state.lock();
        st.taken = false;
        match std::mem::replace(&mut st.slot, Slot::Free) {
            Slot::Resting(s) if s.generation == generation => {
                st.slot = Slot::InRun(generation);
                st.since = Instant::now();
                Some(s)
            }
            other => {
                st.slot = other;
                None
            }
        }
    }

    /// `run()` unwinds from a callback while the socket is set down: back to
    /// the reader at once.
    pub(crate) fn release(&self, generation: u64) {
        let mut st = self.state.lock();
        st.taken = false;
        match std::mem::replace(&mut st.slot, Slot::Free) {
            Slot::Resting(s) if s.generation == generation => {
                st.slot = Slot::Returned(s);
                self.changed.notify_all();
            }
            other => st.slot = other,
        }
    }

    /// `run()`: gives the socket back to its reader. `Some(side)` when the
    /// reader has stopped waiting: `run()` reads it to its end.
    pub(crate) fn give_back(&self, side: ReadSide) -> Option<ReadSide> {
        let mut st = self.state.lock();
        match st.slot {
            Slot::InRun(g) if g == side.generation => {
                st.slot = Slot::Returned(side);
                self.changed.notify_all();
                None
            }
            _ => Some(side),
        }
    }

    /// `run()`: the connection it was reading ended (its `Closed` is sent).
    pub(crate) fn ended(&self, generation: u64) {
        let mut st = self.state.lock();
        match st.slot {
            Slot::InRun(g) if g == generation => st.slot = Slot::Ended(g),
            Slot::Abandoned(g) if g == generation => st.slot = Slot::Free,
            _ => {}
        }
        self.changed.notify_all();
    }

    /// Wakes a waiting reader so that it looks at the connection's state
    /// again (a close, `run()` returning).
    pub(crate) fn notify(&self) {
        let _st = self.state.lock();
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
