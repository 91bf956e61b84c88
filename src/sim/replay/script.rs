//! A transcript made ready to replay: each client frame with the answers
//! it got, the fields that carried request and order ids, and what a new
//! request must equal to match a recorded one.
//!
//! Which fields are ids is learned from the crate's own definitions, not a
//! second table: a request's id is what
//! [`Request::id_of_undecodable`](crate::messages::ids::Request::id_of_undecodable)
//! reads (field 1 of a protobuf request), an answer's ids are what its
//! decoded message's [`route`](crate::messages::Incoming::route) names; a
//! field holding that value is an id field when changing it changes what is
//! read back the same way.

use std::ops::Range;

use crate::messages::ids::{dispatch_incoming, outgoing, Request};
use crate::messages::route::{Lifecycle, LifecycleKey};
use crate::messages::{Handler, Incoming, RequestKey};
use crate::transcript::pbwire::{self, as_int32, encode_int32};
use crate::transcript::{
    protobuf_payload, render_frame, split_fields, text_payload, Direction, FrameKind, Transcript,
};
use crate::wire::{DecodeError, MessageHeader};

/// A value no real id takes, to see which field an id is read from.
const PROBE: i32 = 987_654_321;

/// What an id names: a request (request id, ticker id) or an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum IdKind {
    Req,
    Order,
}

/// Where an id lies in a frame's body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// The text field at this index (of the body's fields).
    Text(usize),
    /// A top-level protobuf varint at these bytes of the body.
    Pb(Range<usize>),
}

/// An id field of a frame and the value it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    place: Place,
    pub(crate) kind: IdKind,
    pub(crate) value: i32,
}

/// A frame cut into its header, body and id fields.
#[derive(Debug, Clone)]
pub(crate) struct Framed {
    pub(crate) id: u32,
    pub(crate) protobuf: bool,
    body: Vec<u8>,
    pub(crate) slots: Vec<Slot>,
}

impl Framed {
    /// Reads a frame of direction `dir`; `None` when its header does not parse.
    pub(crate) fn new(sv: i32, dir: Direction, payload: &[u8]) -> Option<Framed> {
        let h = MessageHeader::parse(sv, payload).ok()?;
        let body = payload[h.body_start..].to_vec();
        let ids = match dir {
            Direction::Client => request_ids(sv, h, &body),
            Direction::Server => route_ids(sv, h, &body)
                .into_iter()
                .filter(|&(_, v)| v >= 0)
                .collect(),
        };
        let mut slots = Vec::new();
        for (kind, value) in ids {
            for place in find_places(sv, dir, h, &body, kind, value) {
                if !slots.iter().any(|s: &Slot| s.place == place) {
                    slots.push(Slot { place, kind, value });
                }
            }
        }
        Some(Framed {
            id: h.id,
            protobuf: h.protobuf,
            body,
            slots,
        })
    }

    /// The payload with each id replaced by `map(kind, value)`.
    pub(crate) fn payload_with(&self, sv: i32, map: impl Fn(IdKind, i32) -> i32) -> Vec<u8> {
        let values: Vec<i32> = self.slots.iter().map(|s| map(s.kind, s.value)).collect();
        let body = replace(&self.body, self.protobuf, &self.slots, &values);
        if self.protobuf {
            protobuf_payload(self.id, &body)
        } else {
            let fields = split_fields(&body).unwrap_or_default();
            text_payload(sv, self.id, &fields)
        }
    }

    /// What a request must equal to match: its id, form and fields, with its
    /// id fields blanked (startApi matches any startApi: its client id is
    /// the new client's own).
    pub(crate) fn fingerprint(&self) -> Vec<u8> {
        let mut out = self.id.to_be_bytes().to_vec();
        out.push(u8::from(self.protobuf));
        if self.id == outgoing::START_API {
            return out;
        }
        out.extend_from_slice(&blank_body(&self.body, self.protobuf, &self.slots));
        out
    }

    /// The fields as a transcript shows them, its ids as 0: for naming
    /// the nearest request and the field that differs.
    pub(crate) fn fields(&self) -> Vec<String> {
        let zeros = vec![0; self.slots.len()];
        let body = replace(&self.body, self.protobuf, &self.slots, &zeros);
        if self.protobuf {
            return crate::transcript::pbtext::render(&body);
        }
        split_fields(&body)
            .unwrap_or_default()
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect()
    }
}

fn blank_body(body: &[u8], pb: bool, slots: &[Slot]) -> Vec<u8> {
    if pb {
        let ranges = slots
            .iter()
            .filter_map(|s| match &s.place {
                Place::Pb(r) => Some((r.clone(), &b"\x01*"[..])),
                Place::Text(_) => None,
            })
            .collect();
        return splice(body, ranges);
    }
    let mut fields: Vec<&[u8]> = split_fields(body).unwrap_or_default();
    for s in slots {
        if let Place::Text(i) = s.place {
            if let Some(f) = fields.get_mut(i) {
                *f = b"\x01*";
            }
        }
    }
    fields.join(&0u8)
}

/// Replaces the bytes of `ranges` (which do not overlap) in `body`.
fn splice(body: &[u8], mut ranges: Vec<(Range<usize>, &[u8])>) -> Vec<u8> {
    ranges.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(body.len() + 8);
    let mut at = 0;
    for (r, with) in ranges {
        out.extend_from_slice(&body[at..r.start]);
        out.extend_from_slice(with);
        at = r.end;
    }
    out.extend_from_slice(&body[at..]);
    out
}

/// `body` with the id of each slot set to the matching value.
fn replace(body: &[u8], pb: bool, slots: &[Slot], values: &[i32]) -> Vec<u8> {
    if pb {
        let encoded: Vec<Vec<u8>> = values.iter().map(|&v| encode_int32(v)).collect();
        let ranges = slots
            .iter()
            .zip(&encoded)
            .filter_map(|(s, e)| match &s.place {
                Place::Pb(r) => Some((r.clone(), e.as_slice())),
                Place::Text(_) => None,
            })
            .collect();
        return splice(body, ranges);
    }
    let mut fields: Vec<Vec<u8>> = split_fields(body)
        .unwrap_or_default()
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect();
    for (s, v) in slots.iter().zip(values) {
        if let Place::Text(i) = s.place {
            if let Some(f) = fields.get_mut(i) {
                *f = v.to_string().into_bytes();
            }
        }
    }
    let mut out = Vec::with_capacity(body.len() + 8);
    for f in fields {
        out.extend_from_slice(&f);
        out.push(0);
    }
    out
}

/// The id a request carries, as the crate's request definitions read it.
fn request_ids(sv: i32, h: MessageHeader, body: &[u8]) -> Vec<(IdKind, i32)> {
    let kind = if h.id == outgoing::PLACE_ORDER || h.id == outgoing::CANCEL_ORDER {
        IdKind::Order
    } else {
        IdKind::Req
    };
    if h.protobuf {
        let by_id = matches!(
            outgoing::lifecycle(h.id),
            Lifecycle::Starts {
                key: LifecycleKey::ReqId,
                ..
            } | Lifecycle::Cancels(LifecycleKey::ReqId)
        ) || kind == IdKind::Order;
        return first_varint(body)
            .filter(|_| by_id)
            .map(|v| vec![(kind, v)])
            .unwrap_or_default();
    }
    Request::id_of_undecodable(sv, h, body)
        .map(|v| vec![(kind, v)])
        .unwrap_or_default()
}

fn first_varint(body: &[u8]) -> Option<i32> {
    let f = pbwire::fields(body)?
        .into_iter()
        .find(|f| f.number == 1 && f.wire == pbwire::VARINT)?;
    Some(as_int32(pbwire::varint(body, f.value.start)?.0))
}

/// The ids an answer's route names.
struct RouteKeys(Vec<RequestKey>);

impl Handler for RouteKeys {
    fn on<M: Incoming>(&mut self, _sv: i32, m: &M) -> Result<(), DecodeError> {
        self.0 = m.route().keys().to_vec();
        Ok(())
    }
    fn unknown(&mut self, _id: u32, _protobuf: bool, _known: bool) {}
}

fn route_ids(sv: i32, h: MessageHeader, body: &[u8]) -> Vec<(IdKind, i32)> {
    let mut keys = RouteKeys(Vec::new());
    if dispatch_incoming(sv, h, body, &mut keys).is_err() {
        return Vec::new();
    }
    keys.0
        .into_iter()
        .filter_map(|k| match k {
            RequestKey::Id(v) => Some((IdKind::Req, v)),
            RequestKey::Order(v) => Some((IdKind::Order, v)),
            RequestKey::Request(_) => None,
        })
        .collect()
}

/// The places of `body` holding the id `value` of `kind`: the fields equal
/// to it that, changed, change the id read back.
fn find_places(
    sv: i32,
    dir: Direction,
    h: MessageHeader,
    body: &[u8],
    kind: IdKind,
    value: i32,
) -> Vec<Place> {
    let reads_probe = |probe: &[u8]| {
        let ids = match dir {
            Direction::Client => request_ids(sv, h, probe),
            Direction::Server => route_ids(sv, h, probe),
        };
        ids.contains(&(kind, PROBE))
    };
    let mut places = Vec::new();
    if h.protobuf {
        let probe = encode_int32(PROBE);
        for f in pbwire::fields(body).unwrap_or_default() {
            if f.wire != pbwire::VARINT
                || pbwire::varint(body, f.value.start).map(|(v, _)| as_int32(v)) != Some(value)
            {
                continue;
            }
            let changed = splice(body, vec![(f.value.clone(), probe.as_slice())]);
            if reads_probe(&changed) {
                places.push(Place::Pb(f.value));
            }
        }
        return places;
    }
    let Some(fields) = split_fields(body) else {
        return places;
    };
    let text = value.to_string();
    let probe = PROBE.to_string();
    for (i, f) in fields.iter().enumerate() {
        if *f != text.as_bytes() {
            continue;
        }
        let mut changed = Vec::with_capacity(body.len() + 8);
        for (j, g) in fields.iter().enumerate() {
            changed.extend_from_slice(if i == j { probe.as_bytes() } else { g });
            changed.push(0);
        }
        if reads_probe(&changed) {
            places.push(Place::Text(i));
        }
    }
    places
}

/// A recorded answer frame.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    /// Microseconds after the request it answers (or the handshake).
    pub(crate) offset: u64,
    /// The frame (`None`: a frame whose header does not parse, sent as it was).
    pub(crate) framed: Option<Framed>,
    pub(crate) payload: Vec<u8>,
}

/// A recorded client frame and its answers.
#[derive(Debug, Clone)]
pub(crate) struct Exchange {
    pub(crate) line: usize,
    /// When it was sent, in microseconds since the session began.
    at: u64,
    pub(crate) request: Option<Framed>,
    pub(crate) fingerprint: Vec<u8>,
    pub(crate) rendered: String,
    pub(crate) answers: Vec<Answer>,
}

/// A transcript ready to replay.
#[derive(Debug, Clone)]
pub(crate) struct Script {
    pub(crate) sv: i32,
    /// The handshake answer's payload.
    pub(crate) handshake: Vec<u8>,
    /// Gateway frames before the client's first frame after the handshake.
    pub(crate) preamble: Vec<Answer>,
    pub(crate) exchanges: Vec<Exchange>,
}

/// The fingerprint of a frame that is not a request we can read.
pub(crate) fn raw_fingerprint(payload: &[u8]) -> Vec<u8> {
    let mut out = b"raw".to_vec();
    out.extend_from_slice(payload);
    out
}

impl Script {
    pub(crate) fn new(t: &Transcript) -> Script {
        let sv = t.header.server_version;
        let mut script = Script {
            sv,
            handshake: crate::wire::handshake::encode_server_answer(sv, "")[4..].to_vec(),
            preamble: Vec::new(),
            exchanges: Vec::new(),
        };
        let mut handshake_at = 0;
        for r in &t.records {
            match (&r.kind, r.dir) {
                (FrameKind::Hello(_), _) => {}
                (FrameKind::Handshake(p), _) => {
                    script.handshake = p.clone();
                    handshake_at = r.micros;
                }
                (FrameKind::Frame(p), Direction::Client) => {
                    let request = Framed::new(sv, Direction::Client, p);
                    let fingerprint = request
                        .as_ref()
                        .map_or_else(|| raw_fingerprint(p), Framed::fingerprint);
                    script.exchanges.push(Exchange {
                        line: r.line,
                        at: r.micros,
                        request,
                        fingerprint,
                        rendered: render_frame(sv, Direction::Client, &r.kind),
                        answers: Vec::new(),
                    });
                }
                (FrameKind::Frame(p), Direction::Server) => {
                    let framed = Framed::new(sv, Direction::Server, p);
                    let owner = framed.as_ref().and_then(|f| script.owner(f));
                    let (list, since) = match owner.or(script.exchanges.len().checked_sub(1)) {
                        Some(i) => {
                            let e = &mut script.exchanges[i];
                            (&mut e.answers, e.at)
                        }
                        None => (&mut script.preamble, handshake_at),
                    };
                    list.push(Answer {
                        offset: r.micros.saturating_sub(since),
                        framed,
                        payload: p.clone(),
                    });
                }
            }
        }
        script
    }

    /// The latest exchange whose request carried an id this answer names.
    fn owner(&self, answer: &Framed) -> Option<usize> {
        for s in &answer.slots {
            let found = self.exchanges.iter().rposition(|e| {
                e.request.as_ref().is_some_and(|r| {
                    r.slots
                        .iter()
                        .any(|q| q.value == s.value && (q.kind == s.kind || s.kind == IdKind::Req))
                })
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::market_data::{CancelMktData, TickPrice};
    use crate::messages::orders::OrderStatus;
    use crate::messages::{decode_either, to_frame, Message};

    fn payload<M: Message>(m: &M, sv: i32) -> Vec<u8> {
        to_frame(m, sv).unwrap()[4..].to_vec()
    }

    fn decode<M: Message>(sv: i32, p: &[u8]) -> M {
        let h = MessageHeader::parse(sv, p).unwrap();
        decode_either(sv, h.protobuf, &p[h.body_start..]).unwrap()
    }

    #[test]
    fn ids_are_found_and_remapped_in_text_and_protobuf_frames() {
        for sv in [176, 207] {
            // The version field and the tick type hold 1 too: only the id moves.
            let tick = TickPrice {
                req_id: 1,
                tick_type: 1,
                price: 1.0,
                attr_mask: 1,
                ..TickPrice::default()
            };
            let f = Framed::new(sv, Direction::Server, &payload(&tick, sv)).unwrap();
            assert_eq!(f.slots.len(), 1, "{sv}: {f:?}");
            assert_eq!((f.slots[0].kind, f.slots[0].value), (IdKind::Req, 1));
            let moved: TickPrice = decode(sv, &f.payload_with(sv, |_, v| v + 700));
            assert_eq!(
                moved,
                TickPrice {
                    req_id: 701,
                    ..tick
                }
            );

            let cancel = CancelMktData { req_id: 2 };
            let c = Framed::new(sv, Direction::Client, &payload(&cancel, sv)).unwrap();
            assert_eq!(
                (c.slots[0].kind, c.slots[0].value),
                (IdKind::Req, 2),
                "{sv}"
            );
            let other = Framed::new(
                sv,
                Direction::Client,
                &payload(&CancelMktData { req_id: 9 }, sv),
            );
            assert_eq!(other.unwrap().fingerprint(), c.fingerprint(), "{sv}");
            let moved: CancelMktData = decode(sv, &c.payload_with(sv, |_, _| 5));
            assert_eq!(moved.req_id, 5);
        }
        let status = OrderStatus {
            order_id: 4001,
            status: "Filled".into(),
            ..OrderStatus::default()
        };
        let s = Framed::new(176, Direction::Server, &payload(&status, 176)).unwrap();
        assert_eq!((s.slots[0].kind, s.slots[0].value), (IdKind::Order, 4001));
    }
}
