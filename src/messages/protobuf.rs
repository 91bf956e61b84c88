//! The protobuf form of a message, defined once.
//!
//! A message that travels as protobuf from some server version on
//! implements [`ProtoForm`]: its `prost` type and the two conversions. From
//! that one definition come
//!
//! * for a request, its [`Message::encode_protobuf`] and
//!   [`Message::decode_protobuf`] ([`protobuf_form!`](crate::protobuf_form)
//!   writes them), so that [`encode_frame`](super::encode_frame) sends it in
//!   the form its version calls for and the simulated gateway reads both;
//! * for an incoming message, the same two (the simulated gateway sends it
//!   in protobuf from the version its row of the id table names), and the
//!   client's reading of it: [`WithProto`] holds the protobuf message and
//!   its conversion, and delivers the `…ProtoBuf` callback first and then the
//!   ordinary one, as the official decoder does.
//!
//! The version from which a message travels as protobuf is in the id table
//! ([`super::ids`]), nowhere else.

use super::incoming::Incoming;
use super::route::{Route, SessionFact};
use super::Message;
use crate::wire::{DecodeError, EncodeError};
use crate::EWrapper;

/// A message's protobuf form: its `prost` type and the conversions both ways.
pub trait ProtoForm: Sized {
    /// The official protobuf message.
    type Proto: prost::Message + Default;

    /// The protobuf message for this one, as the official client (a request)
    /// or TWS (an answer) fills it: a field left unset is left out.
    fn to_proto(&self, sv: i32) -> Self::Proto;

    /// This message from its protobuf form; `None` where the official
    /// decoder delivers the `…ProtoBuf` callback alone (a message without a
    /// part it needs, e.g. an open order without its contract).
    fn from_proto(sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError>;

    /// The `…ProtoBuf` callback of an incoming message (none for a request).
    fn proto_callback(_p: &Self::Proto, _w: &mut dyn EWrapper) {}

    /// Delivers the converted message, after the `…ProtoBuf` callback. A
    /// form whose conversion leaves a bulky part in the protobuf message
    /// (the bars of a `historicalData`) reads it from there as it delivers.
    fn deliver_converted(
        _p: &Self::Proto,
        m: &Self,
        sv: i32,
        w: &mut dyn EWrapper,
    ) -> Result<(), DecodeError>
    where
        Self: Incoming,
    {
        m.deliver(sv, w)
    }

    /// Reads the protobuf message of a body. The tick path's messages
    /// override it to take their text fields' buffers from the
    /// [`strings`] pool, so that reading them allocates nothing.
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        read_proto::<Self::Proto>(body)
    }

    /// The numbers of the message's map fields (a request's tag-value
    /// lists), written whole as the official library writes them
    /// ([`full_map_entries`]).
    const MAP_FIELDS: &'static [u32] = &[];

    /// Appends the encoded body: [`to_proto`](ProtoForm::to_proto) as prost
    /// writes it, the maps' entries whole. A message whose maps sit in a
    /// nested message writes its own.
    fn encode_body(&self, sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = self.to_proto(sv);
        if Self::MAP_FIELDS.is_empty() {
            return prost::Message::encode(&p, out)
                .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"));
        }
        full_map_entries(&prost::Message::encode_to_vec(&p), Self::MAP_FIELDS, out);
        Ok(())
    }

    /// Called once both have been delivered: gives their buffers back to the
    /// [`strings`] pool (the tick path's messages), or drops them.
    fn recycle(_p: Self::Proto, _m: Option<Self>) {}
}

/// A small pool of text buffers on the dispatching thread: the tick path's
/// protobuf messages read their text fields (a size, a tick string) into
/// buffers taken from here and give them back once delivered, so that,
/// once warm, reading them allocates nothing, as the text path does.
pub mod strings {
    use std::cell::RefCell;

    const KEEP: usize = 16;

    thread_local! {
        static POOL: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    /// An empty buffer, with the capacity of one given back before.
    #[inline]
    pub fn take() -> String {
        POOL.with(|p| p.borrow_mut().pop()).unwrap_or_default()
    }

    /// Gives a buffer back (emptied; dropped when the pool is full).
    #[inline]
    pub fn give(mut s: String) {
        s.clear();
        POOL.with(|p| {
            let mut p = p.borrow_mut();
            if p.len() < KEEP {
                p.push(s);
            }
        });
    }

    /// Gives back the buffer an optional field holds, if any.
    #[inline]
    pub fn give_opt(s: Option<String>) {
        if let Some(s) = s {
            give(s);
        }
    }
}

/// One field's value in a protobuf body, as its wire type carries it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WireValue<'a> {
    /// Wire type 0.
    Varint(u64),
    /// Wire type 1.
    Fixed64(u64),
    /// Wire type 2: the bytes.
    Bytes(&'a [u8]),
    /// Wire type 5.
    Fixed32(u32),
}

/// The fields of a protobuf body in order, each with its number; an `Err`
/// ends a malformed body (nothing further is read).
#[inline]
pub fn fields(body: &[u8]) -> Fields<'_> {
    Fields {
        b: body,
        failed: false,
    }
}

/// The iterator of [`fields`]: the tick path's messages are read by it,
/// so every step is inlined into their readers.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    b: &'a [u8],
    failed: bool,
}

impl<'a> Fields<'a> {
    #[inline(always)]
    fn varint(&mut self) -> Option<u64> {
        // One byte: every key and most values of the tick path.
        if let Some((&byte, rest)) = self.b.split_first() {
            if byte < 0x80 {
                self.b = rest;
                return Some(u64::from(byte));
            }
        }
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.b.split_first()?;
            self.b = rest;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    #[inline(always)]
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.b.split_at_checked(n)?;
        self.b = rest;
        Some(head)
    }

    #[inline(always)]
    fn field(&mut self) -> Option<(u32, WireValue<'a>)> {
        let key = self.varint()?;
        let number = u32::try_from(key >> 3).ok().filter(|n| *n > 0)?;
        let value = match key & 7 {
            0 => WireValue::Varint(self.varint()?),
            1 => WireValue::Fixed64(u64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            2 => {
                let n = usize::try_from(self.varint()?).ok()?;
                WireValue::Bytes(self.take(n)?)
            }
            5 => WireValue::Fixed32(u32::from_le_bytes(self.take(4)?.try_into().ok()?)),
            _ => return None,
        };
        Some((number, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u32, WireValue<'a>), DecodeError>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.b.is_empty() || self.failed {
            return None;
        }
        match self.field() {
            Some(f) => Some(Ok(f)),
            None => {
                self.failed = true;
                Some(Err(DecodeError::Protobuf("malformed protobuf body".into())))
            }
        }
    }
}

/// Calls `f` with the number of each field of a protobuf body, and the
/// bytes of those that are length-delimited; `false` when the body is
/// malformed.
fn scan<'a>(body: &'a [u8], mut f: impl FnMut(u32, Option<&'a [u8]>)) -> bool {
    for field in fields(body) {
        match field {
            Ok((n, WireValue::Bytes(b))) => f(n, Some(b)),
            Ok((n, _)) => f(n, None),
            Err(_) => return false,
        }
    }
    true
}

/// A text field read into a pooled buffer (the one `slot` holds, or a new
/// one from [`strings`]); invalid UTF-8 refuses the message, as protobuf's
/// `string` does.
#[inline]
pub fn pooled_str(slot: &mut Option<String>, bytes: &[u8]) -> Result<(), DecodeError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| DecodeError::Protobuf("invalid UTF-8 in a string field".into()))?;
    let s = slot.get_or_insert_with(strings::take);
    s.clear();
    s.push_str(text);
    Ok(())
}

/// A field of a known number with the wrong wire type.
pub fn wrong_wire_type(number: u32) -> DecodeError {
    DecodeError::Protobuf(format!("field {number}: invalid wire type"))
}

/// Whether protobuf field `number` is present in `body` (a scan of the
/// keys, nothing decoded). A malformed body answers `false`: the decoder
/// refuses it anyway.
pub fn has_field(body: &[u8], number: u32) -> bool {
    let mut found = false;
    scan(body, |n, _| found |= n == number);
    found
}

/// The bytes of the last occurrence of length-delimited field `number`.
pub fn field_bytes(body: &[u8], number: u32) -> Option<&[u8]> {
    let mut found = None;
    scan(body, |n, bytes| {
        if n == number {
            found = bytes;
        }
    });
    found
}

/// Appends the protobuf body of `m` (the [`protobuf_form!`](crate::protobuf_form) encoder),
/// its maps' entries whole ([`ProtoForm::MAP_FIELDS`]).
pub fn encode<M: ProtoForm>(m: &M, sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    m.encode_body(sv, out)
}

/// Appends `body` (a message prost has just encoded) with the entries of
/// its map fields `numbers` written as the official client's protobuf
/// library writes them: key and value both, an empty one included
/// (`{"x": ""}` is the entry `0a 01 78 12 00`), where prost leaves a default
/// out, as proto3 allows. The rest is copied as it is (prost writes fields
/// in number order, as the official library does). The entries of one map
/// are in key order (the official order is its hash table's, which no one
/// can reproduce).
pub(crate) fn full_map_entries(body: &[u8], numbers: &[u32], out: &mut Vec<u8>) {
    let mut pos = 0;
    while let Some((number, len)) = field_at(&body[pos..]) {
        let field = &body[pos..pos + len];
        pos += len;
        if !numbers.contains(&number) {
            out.extend_from_slice(field);
            continue;
        }
        let (mut key, mut value): (&[u8], &[u8]) = (&[], &[]);
        for f in fields(field_bytes_of(field)).flatten() {
            match f {
                (1, WireValue::Bytes(k)) => key = k,
                (2, WireValue::Bytes(v)) => value = v,
                _ => {}
            }
        }
        put_varint(out, (u64::from(number) << 3) | 2);
        let entry_len = 2
            + varint_len(key.len() as u64)
            + key.len()
            + varint_len(value.len() as u64)
            + value.len();
        put_varint(out, entry_len as u64);
        out.push(0x0a); // field 1 (key), length-delimited
        put_varint(out, key.len() as u64);
        out.extend_from_slice(key);
        out.push(0x12); // field 2 (value), length-delimited
        put_varint(out, value.len() as u64);
        out.extend_from_slice(value);
    }
    out.extend_from_slice(&body[pos..]);
}

/// The number and the encoded length of the field at the start of `b`;
/// `None` at the end (or where it does not parse).
fn field_at(b: &[u8]) -> Option<(u32, usize)> {
    let (key, mut len) = read_varint(b)?;
    match key & 7 {
        0 => len += read_varint(&b[len..])?.1,
        1 => len += 8,
        2 => {
            let (n, l) = read_varint(&b[len..])?;
            len += l + usize::try_from(n).ok()?;
        }
        5 => len += 4,
        _ => return None,
    }
    let number = u32::try_from(key >> 3).ok()?;
    (len <= b.len()).then_some((number, len))
}

/// The payload of one length-delimited field (its key and length skipped).
fn field_bytes_of(field: &[u8]) -> &[u8] {
    let Some((_, k)) = read_varint(field) else {
        return &[];
    };
    let Some((_, l)) = read_varint(&field[k..]) else {
        return &[];
    };
    &field[k + l..]
}

fn read_varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &c) in b.iter().enumerate().take(10) {
        v |= u64::from(c & 0x7f) << (7 * i);
        if c & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// Reads the protobuf message of a body.
pub fn read_proto<P: prost::Message + Default>(body: &[u8]) -> Result<P, DecodeError> {
    P::decode(body).map_err(|e| DecodeError::Protobuf(e.to_string()))
}

/// Reads a protobuf body as `M` (the [`protobuf_form!`](crate::protobuf_form) decoder); a
/// body the conversion cannot turn into `M` is refused.
pub fn decode<M: ProtoForm + Message>(sv: i32, body: &[u8]) -> Result<M, DecodeError> {
    M::from_proto(sv, &read_proto::<M::Proto>(body)?)?.ok_or_else(|| {
        DecodeError::Protobuf(format!(
            "message {} lacks a part its conversion needs",
            M::ID
        ))
    })
}

/// The `Message` items of a type with a [`ProtoForm`]: inside
/// `layout_message!(T = ID, impl { protobuf_form!(since); })` or a
/// `flat_message!`'s `impl { }`. `since` names the id table's function that
/// knows the version (`outgoing::protobuf_since` or
/// `incoming::protobuf_since`).
#[macro_export]
#[doc(hidden)]
macro_rules! protobuf_form {
    ($since:path) => {
        const PROTOBUF_SINCE: Option<i32> = $since(<Self as $crate::messages::Message>::ID);

        fn encode_protobuf(
            &self,
            sv: i32,
            out: &mut Vec<u8>,
        ) -> Result<(), $crate::wire::EncodeError> {
            $crate::messages::protobuf::encode(self, sv, out)
        }

        fn decode_protobuf(sv: i32, body: &[u8]) -> Result<Self, $crate::wire::DecodeError> {
            $crate::messages::protobuf::decode(sv, body)
        }
    };
}

/// An incoming message read from its protobuf form: the protobuf message
/// and, where it converts, the message.
#[derive(Debug, Clone, PartialEq)]
pub struct WithProto<M: ProtoForm> {
    /// The protobuf message as it came.
    pub proto: M::Proto,
    /// Its conversion; `None` where the official decoder stops after the
    /// `…ProtoBuf` callback.
    pub msg: Option<M>,
}

impl<M: ProtoForm> WithProto<M> {
    /// Reads a protobuf body.
    #[inline]
    pub fn read(sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let proto = M::read_proto(body)?;
        match M::from_proto(sv, &proto) {
            Ok(msg) => Ok(WithProto { proto, msg }),
            Err(e) => {
                M::recycle(proto, None);
                Err(e)
            }
        }
    }

    /// Done with it: its buffers go back (see [`ProtoForm::recycle`]).
    #[inline]
    pub fn recycle(self) {
        M::recycle(self.proto, self.msg);
    }
}

impl<M: ProtoForm + Incoming> Incoming for WithProto<M> {
    const MAY_END: bool = M::MAY_END;

    fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
        M::proto_callback(&self.proto, w);
        match &self.msg {
            Some(m) => M::deliver_converted(&self.proto, m, sv, w),
            None => Ok(()),
        }
    }

    #[inline]
    fn route(&self) -> Route {
        self.msg.as_ref().map_or(Route::NONE, Incoming::route)
    }

    #[inline]
    fn fact(&self) -> Option<SessionFact<'_>> {
        self.msg.as_ref().and_then(Incoming::fact)
    }
}

// How the official client and TWS fill a protobuf message: a field is set
// only when it holds a value (not empty, not the unset sentinel, a boolean
// only when true).

/// Text, unless empty.
pub(crate) fn s(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_owned())
}

/// An integer, unless unset.
pub(crate) fn i(v: i32) -> Option<i32> {
    (v != crate::model::UNSET_INTEGER).then_some(v)
}

/// A 64-bit integer, unless unset.
pub(crate) fn l(v: i64) -> Option<i64> {
    (v != crate::model::UNSET_LONG).then_some(v)
}

/// A double, unless unset.
pub(crate) fn f(v: f64) -> Option<f64> {
    (v != crate::model::UNSET_DOUBLE).then_some(v)
}

/// A boolean, when true.
pub(crate) fn b(v: bool) -> Option<bool> {
    v.then_some(true)
}

/// A decimal's text as TWS writes it; unset is left out.
pub(crate) fn decimal_text(v: crate::model::Decimal) -> Option<String> {
    (v != crate::model::UNSET_DECIMAL).then(|| v.to_string())
}

// How the official decoder reads a field that may be absent.

/// Text; `""` when absent.
pub(crate) fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// A decimal carried as text (see [`dec`](super::orders::proto_in::dec));
/// unset when absent.
#[inline]
pub(crate) fn decimal(t: &Option<String>) -> crate::model::Decimal {
    super::orders::proto_in::dec(t).unwrap_or(crate::model::UNSET_DECIMAL)
}

/// Text from a pooled buffer ([`strings`]): `""` when absent.
pub(crate) fn pooled_text(t: &Option<String>) -> std::borrow::Cow<'static, str> {
    let mut out = strings::take();
    if let Some(t) = t {
        out.push_str(t);
    }
    std::borrow::Cow::Owned(out)
}

/// A text field given back to the [`strings`] pool.
pub(crate) fn give_cow(c: std::borrow::Cow<'_, str>) {
    if let std::borrow::Cow::Owned(s) = c {
        strings::give(s);
    }
}

/// The [`ProtoForm`] of messages whose protobuf form holds nothing:
/// `empty_proto_form! { Type => ProtoType [, protoBufCallback]; … }`.
#[doc(hidden)]
#[macro_export]
macro_rules! empty_proto_form {
    ($($t:ident => $p:ident $(, $callback:ident)?;)*) => {$(
        impl $crate::messages::ProtoForm for $t {
            type Proto = $crate::proto::$p;
            fn to_proto(&self, _sv: i32) -> $crate::proto::$p {
                $crate::proto::$p {}
            }
            fn from_proto(
                _sv: i32,
                _p: &$crate::proto::$p,
            ) -> Result<Option<Self>, $crate::wire::DecodeError> {
                Ok(Some($t))
            }
            $(fn proto_callback(p: &$crate::proto::$p, w: &mut dyn $crate::EWrapper) {
                w.$callback(p);
            })?
        }
    )*};
}

/// The [`ProtoForm`] of messages whose protobuf form is their request id
/// alone: `req_id_proto_form! { Type => ProtoType, value when absent
/// [, protoBufCallback]; … }`.
#[doc(hidden)]
#[macro_export]
macro_rules! req_id_proto_form {
    (@id $v:expr) => { $crate::messages::protobuf::i($v) };
    // An answer: TWS writes its request id whatever it is.
    (@id $v:expr, $callback:ident) => { Some($v) };
    ($($t:ident => $p:ident, $absent:expr $(, $callback:ident)?;)*) => {$(
        impl $crate::messages::ProtoForm for $t {
            type Proto = $crate::proto::$p;
            fn to_proto(&self, _sv: i32) -> $crate::proto::$p {
                $crate::proto::$p {
                    req_id: $crate::req_id_proto_form!(@id self.req_id $(, $callback)?),
                }
            }
            fn from_proto(
                _sv: i32,
                p: &$crate::proto::$p,
            ) -> Result<Option<Self>, $crate::wire::DecodeError> {
                Ok(Some($t { req_id: p.req_id.unwrap_or($absent) }))
            }
            $(fn proto_callback(p: &$crate::proto::$p, w: &mut dyn $crate::EWrapper) {
                w.$callback(p);
            })?
        }
    )*};
}
