//! `run()`: the message loop, on the caller's thread.
//!
//! It takes what the EReader queued (batches of frames, and the client's own
//! errors and markers), decodes each frame and calls the wrapper. While the
//! feed is light it reads the socket itself (client/conn/direct.rs).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::direct::Direct;
use super::dispatch::{Dispatcher, Observer, Plain};
use super::eclient::{EClient, Incoming};
use super::reader::{finish, Batch, ReadSide, DIRECT_BELOW};
use crate::errors::REQUEST_INTERRUPTED;
use crate::EWrapper;

/// A batch whose callbacks take this long gives the lent socket back to the
/// reader thread, so that the reader reads in parallel with slow callbacks.
const SLOW_DISPATCH: Duration = Duration::from_millis(1);

/// The socket while the reader has lent it to `run()`: in hand (`held`)
/// while `run()` waits on it and reads it, set down in the hand-over slot
/// (`resting`, its generation) while callbacks run, so that the reader can
/// take it back if they take long. Whatever it has goes back to the reader
/// if `run()` unwinds from a callback.
struct Claim<'a> {
    direct: &'a Direct,
    held: Option<ReadSide>,
    resting: Option<u64>,
}

impl Claim<'_> {
    /// Picks the socket up again, or takes it if the reader offers it (only
    /// when nothing is queued); `true` when it is in hand.
    fn pick_up(&mut self) -> bool {
        if self.held.is_none() {
            if let Some(generation) = self.resting.take() {
                self.held = self.direct.resume(generation);
            }
            if self.held.is_none() {
                self.held = self.direct.take();
            }
        }
        self.held.is_some()
    }

    /// Sets the socket down before callbacks run. It stays in hand when the
    /// reader has stopped waiting (the connection is being closed).
    fn set_down(&mut self) {
        if let Some(side) = self.held.take() {
            match self.direct.rest(side) {
                Ok(generation) => self.resting = Some(generation),
                Err(side) => self.held = Some(side),
            }
        }
    }

    /// Gives the socket in hand back to the reader: `false` when the reader
    /// has stopped waiting (it stays in hand: read it to its end).
    fn give_back(&mut self) -> bool {
        if let Some(side) = self.held.take() {
            self.held = self.direct.give_back(side);
        }
        self.held.is_none()
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        // Out of any callbacks (`run()` returns, or unwinds from one).
        self.direct.calling(false);
        if let Some(side) = self.held.take() {
            // Nobody waits for it any more: the connection is being closed.
            drop(self.direct.give_back(side));
        }
        if let Some(generation) = self.resting.take() {
            self.direct.release(generation);
        }
    }
}

impl EClient {
    /// The message loop: takes what the reader queued, decodes it and calls
    /// `wrapper`, on the calling thread.
    ///
    /// Returns once the client is disconnected and everything queued has been
    /// dispatched, `connection_closed` included — immediately if it was never
    /// connected and nothing is queued.
    /// Only one `run` works at a time per client; a second concurrent call
    /// returns at once.
    pub fn run(&self, wrapper: &mut dyn EWrapper) {
        self.run_with(wrapper, &mut Plain)
    }

    /// [`run`](Self::run), with `observer` between the decoded messages and
    /// `wrapper` (`IBClient`'s bookkeeping and blocking helpers).
    pub(crate) fn run_with<O: Observer>(&self, wrapper: &mut dyn EWrapper, observer: &mut O) {
        let inner = &self.inner;
        if inner.running.swap(true, Ordering::SeqCst) {
            log::warn!("run() is already running for this client; returning");
            return;
        }
        struct Running<'a>(&'a AtomicBool);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::SeqCst);
            }
        }
        let _running = Running(&inner.running);
        // The socket, while the reader has lent it (client/conn/direct.rs); given
        // back if a callback unwinds.
        let mut claim = Claim {
            direct: &inner.direct,
            held: None,
            resting: None,
        };
        loop {
            let item = match inner.rx.try_recv() {
                Ok(item) => item,
                Err(_) => {
                    if claim.pick_up() {
                        self.read_directly(&mut claim, wrapper, observer);
                        continue;
                    }
                    if inner.undelivered_closes.load(Ordering::SeqCst) == 0 {
                        return;
                    }
                    match self.wait_for_item() {
                        Some(item) => item,
                        None => return,
                    }
                }
            };
            // The reader may take back an offer that waits untaken while
            // these callbacks run (client/conn/direct.rs).
            inner.direct.calling(true);
            match item {
                Incoming::Frames(batch) => {
                    self.dispatch(&batch, wrapper, observer);
                    inner.flow.released(batch.bytes.len());
                }
                Incoming::Error {
                    req_id,
                    code,
                    msg,
                    time,
                } => self
                    .dispatcher(wrapper, observer)
                    .client_error_at(req_id, code, msg, time),
                Incoming::ConnectAck => wrapper.connect_ack(),
                Incoming::Lent => {}
                Incoming::Closed => {
                    inner.undelivered_closes.fetch_sub(1, Ordering::SeqCst);
                    // Never silence: every one-shot request still waiting
                    // ends with an error before `connection_closed`.
                    for r in inner.requests.connection_lost() {
                        self.dispatcher(wrapper, observer).client_error(
                            r.req_id,
                            REQUEST_INTERRUPTED.code,
                            r.text,
                        );
                    }
                    if self.closed_by_user() {
                        inner.requests.clear();
                    }
                    observer.closed(wrapper);
                }
            }
            inner.direct.calling(false);
        }
    }

    /// This connection's dispatcher, delivering to `wrapper` through `observer`.
    fn dispatcher<'a, O: Observer>(
        &'a self,
        wrapper: &'a mut dyn EWrapper,
        observer: &'a mut O,
    ) -> Dispatcher<'a, O> {
        Dispatcher {
            user: wrapper,
            observer,
            requests: Some(&self.inner.requests),
            guard: Some(&self.inner.live_guard),
        }
    }

    /// Decodes a batch of frames and calls `wrapper` for each.
    fn dispatch<O: Observer>(&self, batch: &Batch, wrapper: &mut dyn EWrapper, observer: &mut O) {
        let inner = &self.inner;
        let n = self.dispatcher(wrapper, observer).batch(batch);
        inner.metrics.dispatched(n);
        inner
            .metrics
            .not_decoded(super::dispatch::take_not_decoded());
    }

    /// Reads the lent socket in `claim` and dispatches what arrives, on this
    /// thread, until a message is queued (look at the queue, then go on), a
    /// read brings a burst (the socket goes back to the reader), the reader
    /// took the socket back while callbacks ran, or the connection ends (its
    /// `Closed` queued). The socket is set down in the hand-over slot while
    /// callbacks run, so that the reader can take it back when they take
    /// long: the socket is read whatever the callbacks do.
    fn read_directly<O: Observer>(
        &self,
        claim: &mut Claim<'_>,
        wrapper: &mut dyn EWrapper,
        observer: &mut O,
    ) {
        let inner = &self.inner;
        // Set once the reader has stopped waiting: read to the end.
        let mut to_the_end = false;
        while let Some(side) = claim.held.as_mut() {
            if !inner.direct.enabled() && !to_the_end {
                to_the_end = !claim.give_back();
                continue;
            }
            if !inner.direct.wait(side, || inner.rx.is_empty()) {
                // A queued message: its callback runs with the socket set
                // down, as a batch's do.
                claim.set_down();
                return;
            }
            let generation = side.generation;
            let (read, (batch, bad)) = match side.read(inner) {
                Ok(n) => {
                    inner.metrics.direct_read();
                    (n, side.cut(inner))
                }
                Err(o) => (0, (None, Some(o))),
            };
            if let Some(outcome) = bad {
                // The connection ends once the frames before are delivered.
                if let Some(batch) = batch {
                    self.dispatch(&batch, wrapper, observer);
                }
                drop(claim.held.take());
                finish(inner, &inner.tx, generation, outcome);
                inner.direct.ended(generation);
                return;
            }
            if read >= DIRECT_BELOW && !to_the_end {
                // A burst: the reader reads on while its callbacks run.
                to_the_end = !claim.give_back();
            }
            let Some(batch) = batch else {
                // Only part of a frame: read on (if the socket is in hand).
                continue;
            };
            if !to_the_end {
                claim.set_down();
            }
            let start = Instant::now();
            self.dispatch(&batch, wrapper, observer);
            let slow = start.elapsed() >= SLOW_DISPATCH;
            if let Some(generation) = claim.resting.take() {
                // `None`: the reader took it back while the callbacks ran
                // (it reads into the queue now).
                claim.held = inner.direct.resume(generation);
            }
            let Some(side) = claim.held.as_mut() else {
                return;
            };
            side.recycle(batch.bytes);
            if slow && !to_the_end {
                // Callbacks that take their time: the reader thread reads
                // in parallel again.
                to_the_end = !claim.give_back();
            }
        }
    }

    /// Blocks for the next item, polling first when a spin time is set.
    fn wait_for_item(&self) -> Option<Incoming> {
        let rx = &self.inner.rx;
        let spin = self.inner.spin.0.load(Ordering::Relaxed);
        if spin > 0 {
            let deadline = Instant::now() + Duration::from_nanos(spin);
            loop {
                for _ in 0..64 {
                    if let Ok(item) = rx.try_recv() {
                        return Some(item);
                    }
                    std::hint::spin_loop();
                }
                if Instant::now() >= deadline {
                    break;
                }
            }
        }
        rx.recv().ok()
    }
}
