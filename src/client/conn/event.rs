//! A Condvar-backed event: Python's `threading.Event` in Rust.

use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

/// A flag that threads can wait on: [`set`](Event::set) wakes every waiter,
/// [`clear`](Event::clear) resets it, [`wait`](Event::wait) blocks until it is
/// set or a timeout passes.
///
/// ```
/// use std::{sync::Arc, thread, time::Duration};
/// use tws_api::Event;
///
/// let ready = Arc::new(Event::new());
/// let setter = Arc::clone(&ready);
/// thread::spawn(move || setter.set());
/// assert!(ready.wait(Duration::from_secs(10)));
/// assert!(ready.is_set());
/// ready.clear();
/// assert!(!ready.wait(Duration::from_millis(1)));
/// ```
#[derive(Debug, Default)]
pub struct Event {
    flag: Mutex<bool>,
    cond: Condvar,
}

impl Event {
    /// A new, cleared event.
    pub fn new() -> Self {
        Event::default()
    }

    /// Sets the flag and wakes every thread waiting on it.
    pub fn set(&self) {
        let mut flag = self.flag.lock();
        *flag = true;
        self.cond.notify_all();
    }

    /// Resets the flag.
    pub fn clear(&self) {
        *self.flag.lock() = false;
    }

    /// `true` while the flag is set.
    pub fn is_set(&self) -> bool {
        *self.flag.lock()
    }

    /// Blocks until the flag is set or `timeout` passes; returns the flag.
    pub fn wait(&self, timeout: Duration) -> bool {
        let deadline = Instant::now().checked_add(timeout);
        let mut flag = self.flag.lock();
        while !*flag {
            match deadline {
                Some(d) => {
                    if self.cond.wait_until(&mut flag, d).timed_out() {
                        return *flag;
                    }
                }
                None => self.cond.wait(&mut flag),
            }
        }
        true
    }
}
