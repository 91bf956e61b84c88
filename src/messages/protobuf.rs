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
}

/// Appends the protobuf body of `m` (the [`protobuf_form!`](crate::protobuf_form) encoder).
pub fn encode<M: ProtoForm>(m: &M, sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    prost::Message::encode(&m.to_proto(sv), out)
        .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
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
    pub fn read(sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let proto = read_proto::<M::Proto>(body)?;
        let msg = M::from_proto(sv, &proto)?;
        Ok(WithProto { proto, msg })
    }
}

impl<M: ProtoForm + Incoming> Incoming for WithProto<M> {
    const MAY_END: bool = M::MAY_END;

    fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
        M::proto_callback(&self.proto, w);
        match &self.msg {
            Some(m) => m.deliver(sv, w),
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
