//! [`CallRecorder`]: an `EWrapper` that records every callback (the
//! implementation is generated into `calls.rs`), and the [`CallLog`] to wait on.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};
use serde_json::Value;

/// One callback: its name (the Rust name, `contract_details`) and its
/// arguments as JSON (see `debug_json`).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: &'static str,
    pub args: Vec<Value>,
}

impl Call {
    /// The argument at `i` (Null when there is none).
    pub fn arg(&self, i: usize) -> &Value {
        self.args.get(i).unwrap_or(&Value::Null)
    }
}

/// The calls so far, and a condition to wait on them.
#[derive(Debug, Default)]
pub struct CallLog {
    calls: Mutex<Vec<Call>>,
    cond: Condvar,
}

impl CallLog {
    pub fn push(&self, c: Call) {
        self.calls.lock().push(c);
        self.cond.notify_all();
    }

    pub fn snapshot(&self) -> Vec<Call> {
        self.calls.lock().clone()
    }

    /// The calls named `name`, in order.
    pub fn named(&self, name: &str) -> Vec<Call> {
        self.calls
            .lock()
            .iter()
            .filter(|c| c.name == name)
            .cloned()
            .collect()
    }

    pub fn clear(&self) {
        self.calls.lock().clear();
    }

    /// Waits until `f` holds for the calls so far; false after 20 s.
    pub fn wait_until(&self, f: impl Fn(&[Call]) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut calls = self.calls.lock();
        while !f(&calls) {
            if self.cond.wait_until(&mut calls, deadline).timed_out() {
                return f(&calls);
            }
        }
        true
    }

    /// Waits for a call named `name` whose first argument (the request id)
    /// is `req_id`; false after 20 s.
    pub fn wait_for(&self, name: &str, req_id: i64) -> bool {
        self.wait_until(|c| {
            c.iter()
                .any(|c| c.name == name && c.arg(0).as_i64() == Some(req_id))
        })
    }
}

/// Records every callback into its [`CallLog`].
#[derive(Debug, Clone, Default)]
pub struct CallRecorder {
    pub log: Arc<CallLog>,
}

impl CallRecorder {
    pub fn new() -> (CallRecorder, Arc<CallLog>) {
        let r = CallRecorder::default();
        let log = Arc::clone(&r.log);
        (r, log)
    }

    pub(crate) fn record(&self, name: &'static str, args: Vec<Value>) {
        self.log.push(Call { name, args });
    }
}

/// A client connected to `gw`, its loop running on a background thread with a
/// [`CallRecorder`], past `next_valid_id`.
#[cfg(feature = "sim")]
pub fn connected_calls(
    gw: &tws_api::sim::SimGateway,
    client_id: i32,
) -> (tws_api::EClient, Arc<CallLog>, std::thread::JoinHandle<()>) {
    connected_calls_at(gw.port(), client_id)
}

/// As [`connected_calls`], to any gateway on a loopback port.
pub fn connected_calls_at(
    port: u16,
    client_id: i32,
) -> (tws_api::EClient, Arc<CallLog>, std::thread::JoinHandle<()>) {
    let client = tws_api::EClient::new();
    let (mut rec, log) = CallRecorder::new();
    client
        .connect("127.0.0.1", port, client_id)
        .expect("connects");
    let runner = client.clone();
    let handle = std::thread::spawn(move || runner.run(&mut rec));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "next_valid_id")));
    (client, log, handle)
}

/// Polls `f` until it holds; false after 20 s. For state that is not a
/// callback (metrics, requests in flight).
pub fn wait(f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        if Instant::now() >= deadline {
            return f();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}
