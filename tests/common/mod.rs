//! Shared test helpers: a wrapper that records callbacks, and waiting on them.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};
use tws_api::{Decimal, EWrapper, TickAttrib, TickType};

/// One recorded callback.
#[derive(Debug, Clone, PartialEq)]
pub enum Ev {
    ConnectAck,
    NextValidId(i32),
    ManagedAccounts(String),
    CurrentTime(i64),
    Error(i32, i32, String),
    ErrorProto(i32),
    MarketDataType(i32, i32),
    TickPrice(i32, TickType, f64, TickAttrib),
    TickSize(i32, TickType, Decimal),
    TickString(i32, TickType, String),
    TickGeneric(i32, TickType, f64),
    TickReqParams(i32, f64, String, i32),
    TickSnapshotEnd(i32),
    Closed,
}

/// The events and a condition to wait on them.
#[derive(Debug, Default)]
pub struct Log {
    events: Mutex<Vec<Ev>>,
    cond: Condvar,
}

impl Log {
    pub fn push(&self, e: Ev) {
        self.events.lock().push(e);
        self.cond.notify_all();
    }

    pub fn snapshot(&self) -> Vec<Ev> {
        self.events.lock().clone()
    }

    pub fn count(&self, f: impl Fn(&Ev) -> bool) -> usize {
        self.events.lock().iter().filter(|e| f(e)).count()
    }

    /// Waits until `f` holds for the events so far; false after 20 s.
    pub fn wait_until(&self, f: impl Fn(&[Ev]) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut ev = self.events.lock();
        while !f(&ev) {
            if self.cond.wait_until(&mut ev, deadline).timed_out() {
                return f(&ev);
            }
        }
        true
    }
}

/// A wrapper that records into a shared [`Log`].
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    pub log: Arc<Log>,
}

impl Recorder {
    pub fn new() -> (Recorder, Arc<Log>) {
        let r = Recorder::default();
        let log = Arc::clone(&r.log);
        (r, log)
    }
}

impl EWrapper for Recorder {
    fn connect_ack(&mut self) {
        self.log.push(Ev::ConnectAck);
    }
    fn next_valid_id(&mut self, order_id: i32) {
        self.log.push(Ev::NextValidId(order_id));
    }
    fn managed_accounts(&mut self, accounts_list: &str) {
        self.log.push(Ev::ManagedAccounts(accounts_list.into()));
    }
    fn current_time(&mut self, time: i64) {
        self.log.push(Ev::CurrentTime(time));
    }
    fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        self.log.push(Ev::Error(req_id, code, text.into()));
    }
    fn error_proto_buf(&mut self, p: &tws_api::proto::ErrorMessage) {
        self.log.push(Ev::ErrorProto(p.error_code.unwrap_or(0)));
    }
    fn market_data_type(&mut self, req_id: i32, market_data_type: i32) {
        self.log.push(Ev::MarketDataType(req_id, market_data_type));
    }
    fn tick_price(&mut self, req_id: i32, tick_type: TickType, price: f64, attrib: TickAttrib) {
        self.log
            .push(Ev::TickPrice(req_id, tick_type, price, attrib));
    }
    fn tick_size(&mut self, req_id: i32, tick_type: TickType, size: Decimal) {
        self.log.push(Ev::TickSize(req_id, tick_type, size));
    }
    fn tick_string(&mut self, req_id: i32, tick_type: TickType, value: &str) {
        self.log
            .push(Ev::TickString(req_id, tick_type, value.into()));
    }
    fn tick_generic(&mut self, req_id: i32, tick_type: TickType, value: f64) {
        self.log.push(Ev::TickGeneric(req_id, tick_type, value));
    }
    fn tick_req_params(&mut self, ticker_id: i32, min_tick: f64, bbo: &str, perms: i32) {
        self.log
            .push(Ev::TickReqParams(ticker_id, min_tick, bbo.into(), perms));
    }
    fn tick_snapshot_end(&mut self, req_id: i32) {
        self.log.push(Ev::TickSnapshotEnd(req_id));
    }
    fn connection_closed(&mut self) {
        self.log.push(Ev::Closed);
    }
}

/// A stock contract on SMART in USD.
pub fn stock(symbol: &str) -> tws_api::Contract {
    tws_api::Contract {
        symbol: symbol.into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..tws_api::Contract::default()
    }
}

/// A loopback port with nothing listening on it (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

/// A client connected to `gw` and running its loop on a background thread,
/// past `next_valid_id`.
#[cfg(feature = "sim")]
pub fn connected(
    gw: &tws_api::sim::SimGateway,
    client_id: i32,
) -> (tws_api::EClient, Arc<Log>, std::thread::JoinHandle<()>) {
    let client = tws_api::EClient::new();
    let (mut rec, log) = Recorder::new();
    client
        .connect("127.0.0.1", gw.port(), client_id)
        .expect("connects");
    let runner = client.clone();
    let handle = std::thread::spawn(move || runner.run(&mut rec));
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::NextValidId(_)))));
    (client, log, handle)
}

pub fn init_logs() {
    let _ = env_logger::builder().is_test(true).try_init();
}
pub mod call_log;
mod calls;
pub mod debug_json;
pub mod python;

/// Whether the tests run under CI (`CI` set to anything but empty, `0` or
/// `false`, as CI services set it): there, a check that needs a tool the
/// machine lacks (the official Python client, Chromium) fails instead of
/// skipping. One definition for every such check.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}
#[cfg(feature = "sim")]
pub mod supervised;

#[cfg(feature = "sim")]
#[allow(unused_imports)]
pub use call_log::connected_calls;
#[allow(unused_imports)]
pub use call_log::{Call, CallLog, CallRecorder};

/// The names of this process's threads that the crate or the sim started
/// (`tws-…`), sorted. Other tests of the same binary run on threads of their
/// own, which come and go; leaks are counted on these.
pub fn our_threads() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("/proc/self/task")
        .map(|d| {
            d.flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                .map(|n| n.trim().to_owned())
                .filter(|n| n.starts_with("tws-"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// How many file descriptors this process has open.
pub fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count())
        .unwrap_or(0)
}
