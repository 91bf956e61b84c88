//! The incoming message as the unit of dispatch.
//!
//! Every message the gateway sends is a type that implements [`Incoming`]:
//! it is read from its frame (text or protobuf, as the id table in
//! [`super::ids`] says), delivers itself to an [`EWrapper`] (the official
//! callback, or callbacks, with the official arguments), and names the
//! request it answers and whether it ends it ([`Route`]). The client's
//! dispatcher ([`Handler`]) does the rest: the request registry, the blocking
//! helpers and `IBClient`'s bookkeeping read the typed message, then the
//! user's wrapper gets it. Nothing is generated and no callback is forwarded
//! by hand.

use super::route::{Route, SessionFact};
use crate::wire::DecodeError;
use crate::EWrapper;

/// A message from the gateway, decoded.
pub trait Incoming {
    /// Whether a message of this type can ever end a request: `false` (the
    /// tick path) spares the dispatcher the look at the request registry.
    const MAY_END: bool = false;

    /// Calls the official callback(s) on `w`. A message that is delivered
    /// while it is read (historical bars) can fail half-way: the callbacks
    /// before the failure stay delivered, as with the official decoder.
    fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError>;

    /// The request(s) it answers, and whether it ends them.
    #[inline]
    fn route(&self) -> Route {
        Route::NONE
    }

    /// What it tells about the session, if anything.
    #[inline]
    fn fact(&self) -> Option<SessionFact<'_>> {
        None
    }
}

/// What the id table's dispatcher hands each decoded message to.
pub trait Handler {
    /// One decoded message.
    fn on<M: Incoming>(&mut self, sv: i32, m: &M) -> Result<(), DecodeError>;
    /// A message whose id is not in the table (`known == false`), or one
    /// that is but whose form (text or protobuf) this version cannot read.
    fn unknown(&mut self, id: u32, protobuf: bool, known: bool);
}

/// The protobuf form of an incoming message, as the `prost` type: it
/// delivers itself to the `…ProtoBuf` callback first and then, converted, to
/// the ordinary one, as the official decoder does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pb<P>(pub P);

impl<P: prost::Message + Default> Pb<P> {
    /// Reads the protobuf body.
    pub fn read(body: &[u8]) -> Result<Self, DecodeError> {
        P::decode(body)
            .map(Pb)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))
    }
}
