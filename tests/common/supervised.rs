//! A wrapper that records the supervisor's extension callbacks too.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use super::{Ev, Log, Recorder};
use tws_api::client::ReconnectPolicy;
use tws_api::sim::SimConfig;
use tws_api::EWrapper;

/// Records like `Recorder`, plus the supervisor's extension callbacks.
#[derive(Clone, Default)]
pub struct Supervised {
    pub rec: Recorder,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Sv {
    Reconnecting(u32),
    Reconnected(u32),
    GaveUp(String),
}

impl Supervised {
    pub fn new() -> (Supervised, Arc<Log>) {
        let (rec, log) = Recorder::new();
        (Supervised { rec }, log)
    }
}

macro_rules! forward {
    ($($name:ident($($a:ident: $t:ty),*);)*) => {
        $(fn $name(&mut self, $($a: $t),*) { self.rec.$name($($a),*) })*
    };
}

impl EWrapper for Supervised {
    forward! {
        connect_ack();
        next_valid_id(order_id: i32);
        managed_accounts(accounts_list: &str);
        current_time(time: i64);
        connection_closed();
    }
    fn error(&mut self, req_id: i32, t: i64, code: i32, text: &str, json: &str) {
        self.rec.error(req_id, t, code, text, json)
    }
    fn reconnecting(&mut self, attempt: u32, _delay: Duration) {
        self.rec
            .log
            .push(Ev::Error(-7, attempt as i32, "reconnecting".into()));
    }
    fn reconnected(&mut self, attempts: u32) {
        self.rec
            .log
            .push(Ev::Error(-8, attempts as i32, "reconnected".into()));
    }
    fn reconnect_gave_up(&mut self, reason: &str) {
        self.rec.log.push(Ev::Error(-9, 0, reason.into()));
    }
}

pub fn sv_events(log: &Log) -> Vec<Sv> {
    log.snapshot()
        .into_iter()
        .filter_map(|e| match e {
            Ev::Error(-7, n, _) => Some(Sv::Reconnecting(n as u32)),
            Ev::Error(-8, n, _) => Some(Sv::Reconnected(n as u32)),
            Ev::Error(-9, _, r) => Some(Sv::GaveUp(r)),
            _ => None,
        })
        .collect()
}

pub fn fast_policy() -> ReconnectPolicy {
    ReconnectPolicy {
        initial_delay: Duration::from_millis(5),
        factor: 2.0,
        max_delay: Duration::from_millis(50),
        max_attempts: None,
        jitter: 0.2,
        client_id_in_use_retries: 3,
    }
}

pub fn sim_config() -> SimConfig {
    SimConfig {
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    }
}

/// A supervised-capable `IBClient` with a recording wrapper, connected to
/// `port` as `client_id` with `policy`, its loop started, past `next_valid_id`.
pub fn started(
    port: u16,
    client_id: i32,
    policy: Option<ReconnectPolicy>,
) -> (tws_api::IBClient, Arc<Log>) {
    let (w, log) = Supervised::new();
    let ib = tws_api::IBClient::with_wrapper(w);
    ib.set_reconnect(policy);
    ib.connect("127.0.0.1", port, client_id).expect("connects");
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    (ib, log)
}
