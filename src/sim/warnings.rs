//! Warnings in the middle of the answers, as a real TWS sends them.
//!
//! TWS sends notices and warnings with a request's id while it answers it:
//! 10167 "displaying delayed market data" before the delayed ticks, 10090
//! "part of the requested market data is not subscribed" before the ticks
//! that are, 2104/2158 farm notices whenever a farm wakes up, 399 order
//! messages. [`SimConfig::inject_warnings`](super::SimConfig::inject_warnings)
//! and [`SimConfig::random_warnings`](super::SimConfig::random_warnings) make
//! the simulated gateway do the same, for every domain at once: the session
//! consults this module for each message it writes
//! ([`Session::send`](super::session::Session)), so no domain knows about it.
//!
//! An *answer* is what the gateway sends for one request, known by the
//! message's route (`Incoming::route`): by its request id when it has one,
//! else by its order id, else by the request itself (positions, open orders,
//! account updates, …). It runs from its first message to the message that
//! ends it: an end marker (`contractDetailsEnd`, `historicalDataEnd`,
//! `tickSnapshotEnd`, …), the end of a subscription's first download
//! (`positionEnd`, `accountDownloadEnd`, `accountSummaryEnd`, …), or an error
//! that ends the request. A subscription's updates after that count as a new
//! answer. A warning carries the answer's request id (or order id), or −1 for
//! the requests without one, as TWS's notices for those do; it is an
//! `errMsg` frame, in the form errors take on that connection.

use std::collections::HashMap;

use crate::errors::{classify, CodeClass};
use crate::messages::ids::{dispatch_incoming, incoming};
use crate::messages::route::{Ends, RequestKey, Route};
use crate::messages::{Handler, Incoming};
use crate::wire::{DecodeError, MessageHeader};

/// Where in an answer an injected warning goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarnAt {
    /// Before the answer's first message.
    Before,
    /// After the answer's `n`-th message (`n` ≥ 1), just before the next
    /// one: between two of its messages (the next may be its end marker).
    /// A stream gets it once.
    After(usize),
    /// Right after the message that ends the answer.
    End,
}

/// Which answers an injected warning goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarnTo {
    /// Every answer.
    All,
    /// The answers to the request (or order) with this id.
    Id(i32),
    /// The answers to the requests without an id that this outgoing message
    /// starts (`ids::outgoing::REQ_POSITIONS`, `REQ_OPEN_ORDERS`, …).
    Request(u32),
}

/// A warning the simulated gateway sends in its answers
/// ([`SimConfig::inject_warnings`](super::SimConfig::inject_warnings)).
///
/// ```
/// use tws_api::sim::{InjectedWarning, SimConfig, WarnAt, WarnTo};
/// let config = SimConfig {
///     inject_warnings: vec![InjectedWarning::new(
///         10090,
///         "Part of requested market data is not subscribed.",
///         WarnAt::Before,
///         WarnTo::All,
///     )],
///     ..SimConfig::default()
/// };
/// # let _ = config;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectedWarning {
    /// TWS's code (a warning or notice: 10090, 10167, 2104, …; an error code
    /// is sent too, and then ends the request in the client).
    pub code: i32,
    /// The text.
    pub text: String,
    /// Where in the answer.
    pub at: WarnAt,
    /// Which answers.
    pub to: WarnTo,
}

impl InjectedWarning {
    /// A warning `code` with `text`, at `at` of the answers `to`.
    pub fn new(code: i32, text: impl Into<String>, at: WarnAt, to: WarnTo) -> Self {
        InjectedWarning {
            code,
            text: text.into(),
            at,
            to,
        }
    }
}

/// Warnings at random places of every answer, reproducibly
/// ([`SimConfig::random_warnings`](super::SimConfig::random_warnings)): before
/// each answer message, with probability `probability`, one of `warnings`
/// picked at random. The choices of a connection depend only on `seed` and on
/// the order of its messages (each connection draws from its own sequence,
/// seeded with `seed` and its number).
#[derive(Debug, Clone, PartialEq)]
pub struct RandomWarnings {
    /// The seed.
    pub seed: u64,
    /// The chance of a warning before each answer message, 0.0 to 1.0.
    pub probability: f64,
    /// The warnings to pick from: (code, text).
    pub warnings: Vec<(i32, String)>,
}

/// One warning to write: (request id, code, text).
pub(crate) type Planned = (i32, i32, String);

/// The warnings to write around one message.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub(crate) before: Vec<Planned>,
    pub(crate) after: Vec<Planned>,
}

/// The end of a subscription's first download: an answer ends there, though
/// the request goes on.
const FIRST_DOWNLOAD_ENDS: [u32; 5] = [
    incoming::POSITION_END,
    incoming::POSITION_MULTI_END,
    incoming::ACCT_DOWNLOAD_END,
    incoming::ACCOUNT_SUMMARY_END,
    incoming::ACCOUNT_UPDATE_MULTI_END,
];

/// Per connection: how many messages of each answer went out so far.
#[derive(Debug, Default)]
pub(crate) struct State {
    sent: HashMap<RequestKey, usize>,
    rng: Option<u64>,
}

/// Whether the configuration injects anything (checked before anything else
/// is computed, so that the tick path pays nothing when it does not).
pub(crate) fn enabled(config: &super::SimConfig) -> bool {
    !config.inject_warnings.is_empty() || config.random_warnings.is_some()
}

/// Reads back the route of the frame(s) in `written` (a whole frame: its
/// length prefix and payload) as the client would, and plans the warnings
/// around it ([`plan`]). A frame that does not read gets none.
pub(crate) fn plan_for_frame(
    state: &mut State,
    config: &super::SimConfig,
    conn_id: u64,
    sv: i32,
    written: &[u8],
) -> Plan {
    let payload = written.get(4..).unwrap_or_default();
    let Ok(header) = MessageHeader::parse(sv, payload) else {
        return Plan::default();
    };
    let body = payload.get(header.body_start..).unwrap_or_default();
    let mut seen = RouteOf(Route::NONE);
    if dispatch_incoming(sv, header, body, &mut seen).is_err() {
        return Plan::default();
    }
    plan(state, config, conn_id, header.id, &seen.0)
}

/// Catches the route of one decoded message.
struct RouteOf(Route);

impl Handler for RouteOf {
    fn on<M: Incoming>(&mut self, _sv: i32, m: &M) -> Result<(), DecodeError> {
        self.0 = m.route();
        Ok(())
    }
    fn unknown(&mut self, _id: u32, _protobuf: bool, _known: bool) {}
}

/// The warnings to write before and after message `msg_id` with `route`, and
/// the answer's count moved on.
pub(crate) fn plan(
    state: &mut State,
    config: &super::SimConfig,
    conn_id: u64,
    msg_id: u32,
    route: &Route,
) -> Plan {
    let mut plan = Plan::default();
    let keys = route.keys();
    let Some(key) = answer_key(keys) else {
        return plan;
    };
    let req_id = match key {
        RequestKey::Id(id) if id < 0 => return plan, // about the connection
        RequestKey::Id(id) | RequestKey::Order(id) => id,
        RequestKey::Request(_) => crate::errors::NO_VALID_ID,
    };
    if let Ends::Error(code) = route.ends {
        if classify(code) != CodeClass::Error {
            return plan; // a notice is not part of an answer
        }
    }
    let ends = !matches!(route.ends, Ends::No) || FIRST_DOWNLOAD_ENDS.contains(&msg_id);
    let n = state.sent.get(&key).copied().unwrap_or(0);
    for w in &config.inject_warnings {
        let aimed = match w.to {
            WarnTo::All => true,
            WarnTo::Id(id) => keys
                .iter()
                .any(|k| matches!(k, RequestKey::Id(i) | RequestKey::Order(i) if *i == id)),
            WarnTo::Request(m) => keys.contains(&RequestKey::Request(m)),
        };
        if !aimed {
            continue;
        }
        let planned = (req_id, w.code, w.text.clone());
        match w.at {
            WarnAt::Before if n == 0 => plan.before.push(planned),
            WarnAt::After(k) if k >= 1 && n == k => plan.before.push(planned),
            WarnAt::End if ends => plan.after.push(planned),
            _ => {}
        }
    }
    if let Some(r) = &config.random_warnings {
        if !r.warnings.is_empty() {
            let rng = state
                .rng
                .get_or_insert_with(|| r.seed ^ conn_id.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            if unit(next(rng)) < r.probability {
                let pick = (next(rng) % r.warnings.len() as u64) as usize;
                let (code, text) = &r.warnings[pick];
                plan.before.push((req_id, *code, text.clone()));
            }
        }
    }
    if ends {
        state.sent.remove(&key);
    } else {
        state.sent.insert(key, n + 1);
    }
    plan
}

/// The key an answer is counted under: its request id, else its order id,
/// else the request.
fn answer_key(keys: &[RequestKey]) -> Option<RequestKey> {
    keys.iter()
        .find(|k| matches!(k, RequestKey::Id(_)))
        .or_else(|| keys.iter().find(|k| matches!(k, RequestKey::Order(_))))
        .or_else(|| keys.first())
        .copied()
}

/// splitmix64: the next number of the sequence in `state`.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A number in [0, 1) from 53 random bits.
fn unit(x: u64) -> f64 {
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ids::outgoing;
    use crate::sim::SimConfig;

    fn config(at: WarnAt, to: WarnTo) -> SimConfig {
        SimConfig {
            inject_warnings: vec![InjectedWarning::new(10090, "part", at, to)],
            ..SimConfig::default()
        }
    }

    fn codes(p: &[Planned]) -> Vec<(i32, i32)> {
        p.iter().map(|w| (w.0, w.1)).collect()
    }

    #[test]
    fn before_between_and_after_one_answer() {
        let data = Route::id(7);
        let end = Route::id(7).ending();
        for (at, expect) in [
            (WarnAt::Before, [1, 0, 0, 0]),
            (WarnAt::After(1), [0, 1, 0, 0]),
            (WarnAt::After(2), [0, 0, 1, 0]),
        ] {
            let c = config(at, WarnTo::All);
            let mut s = State::default();
            let got: Vec<usize> = [data, data, end]
                .iter()
                .map(|r| plan(&mut s, &c, 1, incoming::CONTRACT_DATA, r).before.len())
                .chain([0])
                .collect();
            assert_eq!(got, expect, "{at:?}");
        }
        let c = config(WarnAt::End, WarnTo::Id(7));
        let mut s = State::default();
        assert!(plan(&mut s, &c, 1, 10, &data).after.is_empty());
        assert_eq!(codes(&plan(&mut s, &c, 1, 52, &end).after), [(7, 10090)]);
        // The next answer with the same key starts again.
        let c = config(WarnAt::Before, WarnTo::Id(7));
        let mut s = State::default();
        assert_eq!(plan(&mut s, &c, 1, 10, &end).before.len(), 1);
        assert_eq!(plan(&mut s, &c, 1, 10, &end).before.len(), 1);
        assert!(plan(&mut s, &c, 1, 10, &Route::id(8)).before.is_empty());
    }

    #[test]
    fn requests_without_an_id_get_minus_one_and_notices_are_no_answer() {
        let c = config(WarnAt::End, WarnTo::Request(outgoing::REQ_POSITIONS));
        let mut s = State::default();
        let positions = Route::requests(&[outgoing::REQ_POSITIONS]);
        assert!(plan(&mut s, &c, 1, incoming::POSITION_DATA, &positions)
            .after
            .is_empty());
        let p = plan(&mut s, &c, 1, incoming::POSITION_END, &positions);
        assert_eq!(codes(&p.after), [(-1, 10090)]);
        let c = config(WarnAt::Before, WarnTo::All);
        let notice =
            Route::of(&[RequestKey::Id(3), RequestKey::Order(3)]).with_end(Ends::Error(2104));
        assert!(plan(&mut s, &c, 1, incoming::ERR_MSG, &notice)
            .before
            .is_empty());
        let error =
            Route::of(&[RequestKey::Id(3), RequestKey::Order(3)]).with_end(Ends::Error(200));
        assert_eq!(
            codes(&plan(&mut s, &c, 1, incoming::ERR_MSG, &error).before),
            [(3, 10090)]
        );
        let connection = Route::of(&[RequestKey::Id(-1)]).with_end(Ends::Error(326));
        assert!(plan(&mut s, &c, 1, incoming::ERR_MSG, &connection)
            .before
            .is_empty());
    }

    #[test]
    fn random_warnings_repeat_with_the_seed() {
        let c = SimConfig {
            random_warnings: Some(RandomWarnings {
                seed: 42,
                probability: 0.3,
                warnings: vec![(10090, "a".into()), (2104, "b".into())],
            }),
            ..SimConfig::default()
        };
        let run = |conn| {
            let mut s = State::default();
            (0..200)
                .map(|_| codes(&plan(&mut s, &c, conn, 1, &Route::id(5)).before))
                .collect::<Vec<_>>()
        };
        let a = run(1);
        assert_eq!(a, run(1));
        let n = a.iter().filter(|w| !w.is_empty()).count();
        assert!((30..=90).contains(&n), "{n} of 200");
        assert!(a.iter().flatten().any(|w| w.1 == 2104));
        assert!(a.iter().flatten().any(|w| w.1 == 10090));
    }
}
