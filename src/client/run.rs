//! `run()`: the message loop, on the caller's thread.
//!
//! It takes what the EReader queued (batches of frames, and the client's own
//! errors and markers), decodes each frame and calls the wrapper. While the
//! feed is light it reads the socket itself (client/direct.rs).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::direct::Direct;
use super::dispatch::{Dispatcher, Observer, Plain};
use super::eclient::{EClient, Incoming};
use super::reader::{finish, Batch, ReadSide, DIRECT_BELOW};
use crate::errors::REQUEST_INTERRUPTED;
use crate::EWrapper;

/// A batch whose callbacks take this long gives the lent socket back to the
/// reader thread, so that the socket is read while slow callbacks run.
const SLOW_DISPATCH: Duration = Duration::from_millis(1);

/// The socket `run()` holds while it reads directly; given back to the
/// reader if `run()` unwinds from a callback.
struct LentSide<'a>(&'a Direct, Option<ReadSide>);

impl Drop for LentSide<'_> {
    fn drop(&mut self) {
        if let Some(side) = self.1.take() {
            // Nobody waits for it any more: the connection is being closed.
            drop(self.0.give_back(side));
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
        // The socket, while the reader has lent it (client/direct.rs); given
        // back if a callback unwinds.
        let mut lent = LentSide(&inner.direct, None);
        loop {
            let item = match inner.rx.try_recv() {
                Ok(item) => item,
                Err(_) => {
                    if lent.1.is_none() {
                        lent.1 = inner.direct.take();
                    }
                    if lent.1.is_some() {
                        self.read_directly(&mut lent.1, wrapper, observer);
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

    /// Reads the lent socket in `held` and dispatches what arrives, on this
    /// thread, until a message is queued (the socket stays in `held`: look at
    /// the queue, then go on), a read brings a burst (the socket goes back to
    /// the reader) or the connection ends (its `Closed` queued). The socket
    /// stays in `held` while callbacks run, so that a callback that unwinds
    /// gives it back to the reader (`LentSide`).
    fn read_directly<O: Observer>(
        &self,
        held: &mut Option<ReadSide>,
        wrapper: &mut dyn EWrapper,
        observer: &mut O,
    ) {
        let inner = &self.inner;
        // Set once the reader has stopped waiting: read to the end.
        let mut to_the_end = false;
        while let Some(side) = held.as_mut() {
            let generation = side.generation;
            let outcome = if !inner.direct.enabled() && !to_the_end {
                None
            } else if !inner.direct.wait(side, || inner.rx.is_empty()) {
                return;
            } else {
                let (read, (batch, bad)) = match side.read(inner) {
                    Ok(n) => {
                        inner.metrics.direct_read();
                        (n, side.cut(inner))
                    }
                    Err(o) => (0, (None, Some(o))),
                };
                let mut slow = false;
                if let Some(batch) = batch {
                    let start = Instant::now();
                    self.dispatch(&batch, wrapper, observer);
                    slow = start.elapsed() >= SLOW_DISPATCH;
                    side.recycle(batch.bytes);
                }
                match bad {
                    Some(outcome) => Some(outcome),
                    // A burst, or callbacks that take their time: the
                    // reader thread reads in parallel again.
                    None if read >= DIRECT_BELOW || slow => None,
                    None => continue,
                }
            };
            let Some(side) = held.take() else {
                return;
            };
            match outcome {
                Some(outcome) => {
                    drop(side);
                    finish(inner, &inner.tx, generation, outcome);
                    inner.direct.ended(generation);
                    return;
                }
                // Back to the reader; kept when the reader has stopped
                // waiting (the connection is being closed): read to its end.
                None => *held = inner.direct.give_back(side),
            }
            if held.is_none() {
                return;
            }
            to_the_end = true;
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
