//! Request lifecycle: every request the client has sent and not yet seen
//! the end of, from send to end marker, cancel or error.
//!
//! `EClient::send` tells the [`Registry`] what it sent; the dispatcher shows
//! it every message that can end a request (`contractDetailsEnd`,
//! `historicalDataEnd`, an `error` with the request's id, …: the message's
//! [`Route`]) before the user's wrapper sees it; `run()` ends what is left
//! when the connection drops: each one-shot request still waiting gets an
//! `error` callback ([`REQUEST_INTERRUPTED`]) — never silence — and each
//! subscription is kept, marked interrupted, with the bytes that started it,
//! so that a supervisor can send it again after a reconnect.
//!
//! Which request is which (one-shot or subscription, known by its id or by
//! itself) is written once, in its row of the id table
//! (`messages::ids::outgoing::lifecycle`); which message ends it, once, in
//! the message's `Incoming::route` (`messages/<domain>`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use parking_lot::Mutex;

use crate::errors::{ends_request, REQUEST_INTERRUPTED};
use crate::messages::ids::outgoing as out;

pub use crate::messages::route::RequestKey;
use crate::messages::route::{Ends, Lifecycle, Route};

use super::latency::{Latencies, RequestLatency};

/// Whether a request ends by itself or streams until cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// Answered once (possibly in several messages), then an end marker.
    OneShot,
    /// Streams until cancelled (market data, account updates, …).
    Subscription,
}

/// A request in flight, as [`crate::EClient::requests_in_flight`] reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInFlight {
    /// How the request is known.
    pub key: RequestKey,
    /// The official request name (`reqContractDetails`).
    pub request: &'static str,
    /// One-shot or subscription.
    pub kind: RequestKind,
    /// A subscription whose connection was lost; it is sent again by a
    /// supervisor that resubscribes, or forgotten.
    pub interrupted: bool,
}

/// What sending one request does to the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    Start(RequestKey, &'static str, RequestKind),
    End(RequestKey),
    Nothing,
}

/// The lifecycle effect of sending message `id` with request id `req_id`,
/// as the id table says (`messages::ids`).
pub(crate) fn effect(id: u32, req_id: i32) -> Effect {
    match out::lifecycle(id) {
        Lifecycle::Nothing => Effect::Nothing,
        Lifecycle::Starts {
            key,
            name,
            subscription,
        } => {
            let kind = if subscription {
                RequestKind::Subscription
            } else {
                RequestKind::OneShot
            };
            Effect::Start(key.with(req_id), name, kind)
        }
        Lifecycle::Cancels(key) => Effect::End(key.with(req_id)),
    }
}

#[derive(Debug)]
struct Entry {
    request: &'static str,
    kind: RequestKind,
    interrupted: bool,
    /// The frame that started a subscription, and the server version it was
    /// encoded for: what a resubscription sends again.
    frame: Option<(i32, Vec<u8>)>,
    /// When it was sent (or sent again).
    sent: Instant,
    /// Whether its first answer has come.
    answered: bool,
}

/// The subscriptions TWS drops when it reports 1101 ("data lost"; IB:
/// market and account data subscriptions must be resubmitted): market data,
/// depth, tick-by-tick, real-time bars, and the account, position and PnL
/// streams. The simulated gateway drops the same ones.
pub const LOST_WITH_DATA: [u32; 11] = {
    use crate::messages::ids::outgoing::*;
    [
        REQ_MKT_DATA,
        REQ_MKT_DEPTH,
        REQ_TICK_BY_TICK_DATA,
        REQ_REAL_TIME_BARS,
        REQ_ACCT_DATA,
        REQ_ACCOUNT_SUMMARY,
        REQ_POSITIONS,
        REQ_POSITIONS_MULTI,
        REQ_ACCOUNT_UPDATES_MULTI,
        REQ_PNL,
        REQ_PNL_SINGLE,
    ]
};

/// What an interrupted request becomes when the connection drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Interrupted {
    pub(crate) req_id: i32,
    pub(crate) text: String,
}

/// The requests in flight of one client.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    map: Mutex<BTreeMap<RequestKey, Entry>>,
    /// How many entries there are: `run()` reads it without the lock.
    len: AtomicUsize,
    /// How many wait for their first answer: the dispatcher reads it
    /// without the lock, and looks at the other messages only while one does.
    awaiting: AtomicUsize,
    /// Send → first answer and send → end, per kind of request.
    latencies: Latencies,
}

impl Registry {
    fn update_len(&self, map: &BTreeMap<RequestKey, Entry>) {
        self.len.store(map.len(), Ordering::Release);
        let awaiting = map
            .values()
            .filter(|e| !e.answered && !e.interrupted)
            .count();
        self.awaiting.store(awaiting, Ordering::Release);
    }

    /// Whether a request waits for its first answer (no lock).
    #[inline]
    pub(crate) fn awaiting(&self) -> bool {
        self.awaiting.load(Ordering::Acquire) != 0
    }

    /// A message that answers the requests of `route`: the first answer of
    /// those still waiting for one.
    pub(crate) fn answered(&self, route: &Route) {
        let mut map = self.map.lock();
        let mut changed = false;
        for key in route.keys() {
            if let Some(e) = map.get_mut(key) {
                if !e.answered && !e.interrupted {
                    e.answered = true;
                    changed = true;
                    self.latencies.first_answer(e.request, e.sent.elapsed());
                }
            }
        }
        if changed {
            self.update_len(&map);
        }
    }

    /// Removes `key`, taking its end latency (one-shot requests).
    fn remove(&self, map: &mut BTreeMap<RequestKey, Entry>, key: &RequestKey) -> bool {
        let Some(e) = map.remove(key) else {
            return false;
        };
        if e.kind == RequestKind::OneShot && !e.interrupted {
            let took = e.sent.elapsed();
            if !e.answered {
                self.latencies.first_answer(e.request, took);
            }
            self.latencies.end(e.request, took);
        }
        true
    }

    /// Send → first answer and send → end, per kind of request.
    pub(crate) fn latencies(&self) -> Vec<RequestLatency> {
        self.latencies.snapshot()
    }

    /// Whether any request is in flight (no lock).
    pub(crate) fn is_empty(&self) -> bool {
        self.len.load(Ordering::Acquire) == 0
    }

    /// Notes a request that was just written: `frame` is the whole frame, kept
    /// for subscriptions.
    /// `kind`, when given, is decided by the request's arguments where its id
    /// alone does not tell (`reqHistoricalData` with `keepUpToDate` is a
    /// subscription).
    pub(crate) fn sent(
        &self,
        id: u32,
        req_id: i32,
        server_version: i32,
        frame: &[u8],
        kind: Option<RequestKind>,
    ) {
        let effect = match (effect(id, req_id), kind) {
            (Effect::Start(key, name, _), Some(kind)) => Effect::Start(key, name, kind),
            (effect, _) => effect,
        };
        if effect == Effect::Nothing {
            return;
        }
        let mut map = self.map.lock();
        match effect {
            Effect::Start(key, request, kind) => {
                let frame =
                    (kind == RequestKind::Subscription).then(|| (server_version, frame.to_vec()));
                map.insert(
                    key,
                    Entry {
                        request,
                        kind,
                        interrupted: false,
                        frame,
                        sent: Instant::now(),
                        answered: false,
                    },
                );
            }
            Effect::End(key) => {
                // A cancel: no end latency (the user chose when).
                map.remove(&key);
            }
            Effect::Nothing => {}
        }
        self.update_len(&map);
    }

    /// Forgets what [`sent`](Registry::sent) noted for a request whose write failed.
    pub(crate) fn unsent(&self, id: u32, req_id: i32) {
        if let Effect::Start(key, ..) = effect(id, req_id) {
            self.end(key);
        }
    }

    /// Ends the request known as `key` (its end marker arrived).
    pub(crate) fn end(&self, key: RequestKey) {
        if self.is_empty() {
            return;
        }
        let mut map = self.map.lock();
        if self.remove(&mut map, &key) {
            self.update_len(&map);
        }
    }

    /// What an incoming message's route ends.
    #[inline]
    pub(crate) fn observe(&self, route: &Route) {
        if self.awaiting() {
            self.answered(route);
        }
        match route.ends {
            Ends::No => {}
            Ends::Yes => {
                for key in route.keys() {
                    if !matches!(key, RequestKey::Order(_)) {
                        self.end(*key);
                    }
                }
            }
            Ends::OneShot => {
                if let Some(key) = route.keys().first() {
                    self.end_one_shot(*key);
                }
            }
            Ends::Error(code) => {
                if let Some(RequestKey::Id(req_id)) = route.keys().first() {
                    self.error(*req_id, code);
                }
            }
        }
    }

    /// Ends the request known as `key` if it is a one-shot request (an end
    /// marker that also starts the updates of a subscription, such as
    /// `historicalDataEnd` with `keepUpToDate`, leaves that one running).
    pub(crate) fn end_one_shot(&self, key: RequestKey) {
        if self.is_empty() {
            return;
        }
        let mut map = self.map.lock();
        if map
            .get(&key)
            .is_some_and(|e| e.kind == RequestKind::OneShot)
        {
            self.remove(&mut map, &key);
            self.update_len(&map);
        }
    }

    /// An `error` callback: an error ([`ends_request`]: not a warning, not a
    /// connection event) with a request's id ends that request, one-shot or
    /// subscription, as TWS stops it.
    pub(crate) fn error(&self, req_id: i32, code: i32) {
        if req_id >= 0 && ends_request(code) {
            self.end(RequestKey::Id(req_id));
        }
    }

    /// The connection dropped: the one-shot requests still waiting are ended
    /// and returned (each owes the user an `error`); the subscriptions stay,
    /// marked interrupted.
    pub(crate) fn connection_lost(&self) -> Vec<Interrupted> {
        let mut map = self.map.lock();
        let mut ended = Vec::new();
        map.retain(|key, e| match e.kind {
            RequestKind::OneShot => {
                let req_id = match key {
                    RequestKey::Id(id) | RequestKey::Order(id) => *id,
                    RequestKey::Request(_) => crate::errors::NO_VALID_ID,
                };
                ended.push(Interrupted {
                    req_id,
                    text: format!(
                        "{} {}: the connection was lost before its answer was complete",
                        REQUEST_INTERRUPTED.msg, e.request
                    ),
                });
                false
            }
            RequestKind::Subscription => {
                e.interrupted = true;
                true
            }
        });
        self.update_len(&map);
        ended
    }

    /// The interrupted subscriptions' frames, encoded for `server_version`,
    /// in request order; those encoded for another version are forgotten
    /// (their bytes may not suit the new server).
    pub(crate) fn take_interrupted(&self, server_version: i32) -> Vec<(RequestKey, Vec<u8>)> {
        let mut map = self.map.lock();
        let mut out = Vec::new();
        map.retain(|key, e| {
            if !e.interrupted {
                return true;
            }
            match &e.frame {
                Some((sv, frame)) if *sv == server_version => {
                    out.push((*key, frame.clone()));
                    true
                }
                _ => {
                    log::warn!(
                        "{} ({key:?}) not resubscribed: the server version changed",
                        e.request
                    );
                    false
                }
            }
        });
        self.update_len(&map);
        out
    }

    /// 1101 (connectivity restored, data lost): the live market and account
    /// data subscriptions are marked interrupted, as TWS has dropped them
    /// ([`LOST_WITH_DATA`]).
    pub(crate) fn data_lost(&self) {
        let mut map = self.map.lock();
        for e in map.values_mut() {
            let lost = e.frame.as_ref().is_some_and(|(sv, frame)| {
                frame.get(4..).is_some_and(|payload| {
                    crate::wire::MessageHeader::parse(*sv, payload)
                        .is_ok_and(|h| LOST_WITH_DATA.contains(&h.id))
                })
            });
            if lost && e.kind == RequestKind::Subscription {
                e.interrupted = true;
            }
        }
        self.update_len(&map);
    }

    /// Marks a resubscribed request live again.
    pub(crate) fn resumed(&self, key: RequestKey) {
        let mut map = self.map.lock();
        if let Some(e) = map.get_mut(&key) {
            e.interrupted = false;
            e.answered = false;
            e.sent = Instant::now();
            self.update_len(&map);
        }
    }

    /// Forgets every request (a `disconnect` by the user).
    pub(crate) fn clear(&self) {
        let mut map = self.map.lock();
        map.clear();
        self.update_len(&map);
    }

    /// The requests in flight, in key order.
    pub(crate) fn snapshot(&self) -> Vec<RequestInFlight> {
        self.map
            .lock()
            .iter()
            .map(|(key, e)| RequestInFlight {
                key: *key,
                request: e.request,
                kind: e.kind,
                interrupted: e.interrupted,
            })
            .collect()
    }

    /// How many requests are in flight.
    pub(crate) fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shots_end_by_marker_or_error_and_are_reported_when_the_connection_drops() {
        let r = Registry::default();
        r.sent(out::REQ_CONTRACT_DATA, 7, 203, b"x", None);
        r.sent(out::REQ_CONTRACT_DATA, 8, 203, b"x", None);
        r.sent(out::REQ_OPEN_ORDERS, -1, 203, b"x", None);
        r.sent(out::REQ_MKT_DATA, 9, 203, b"frame", None);
        assert_eq!(r.len(), 4);
        r.end(RequestKey::Id(7));
        r.error(9, 2104); // a notice ends nothing
        r.error(9, 10090); // nor does a warning
        r.error(9, 1100); // nor a connection event
        assert_eq!(r.len(), 3);
        let lost = r.connection_lost();
        assert_eq!(lost.len(), 2);
        assert_eq!(lost[0].req_id, 8);
        assert!(lost[0].text.contains("reqContractDetails"), "{lost:?}");
        assert_eq!(lost[1].req_id, -1);
        let left = r.snapshot();
        assert_eq!(left.len(), 1);
        assert!(left[0].interrupted);
        assert_eq!(
            r.take_interrupted(203),
            vec![(RequestKey::Id(9), b"frame".to_vec())]
        );
        r.resumed(RequestKey::Id(9));
        assert!(!r.snapshot()[0].interrupted);
        r.sent(out::CANCEL_MKT_DATA, 9, 203, b"y", None);
        assert!(r.is_empty());
    }

    #[test]
    fn an_error_with_the_id_ends_a_subscription_and_a_new_version_forgets_it() {
        let r = Registry::default();
        r.sent(out::REQ_MKT_DATA, 1, 203, b"a", None);
        r.sent(out::REQ_MKT_DATA, 2, 203, b"b", None);
        r.error(1, 200);
        assert_eq!(r.len(), 1);
        r.connection_lost();
        assert!(r.take_interrupted(187).is_empty());
        assert!(r.is_empty());
    }
}
