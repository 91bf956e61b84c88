//! Dispatch: frame payload → decoded message → request registry, observers
//! → `EWrapper`.
//!
//! The id table ([`crate::messages::ids`]) decodes each frame into its
//! message type; the message itself knows its callback
//! ([`Incoming::deliver`]) and the request it answers ([`Incoming::route`]).
//! Here, in order: the request registry ends what the message ends (only for
//! the message types that can end a request, and only while requests are in
//! flight: the tick path never looks), the live-order guard learns the
//! managed accounts, and the [`Observer`] delivers the message to the user's
//! wrapper — `IBClient`'s observer also to the blocking helpers that wait on
//! that request, and keeps its own state. A frame that does not decode
//! becomes `error(-1, 508, …)` and is skipped; an id this client has never
//! heard of becomes `error(-1, 505, …)`; the stream goes on.

use super::eclient::now_millis;
use super::lifecycle::Registry;
use super::reader::Batch;
use crate::client::requests::orders::LiveOrderGuard;
use crate::errors::{BAD_LENGTH, BAD_MESSAGE, NO_VALID_ID, UNKNOWN_ID};
use crate::messages::connection::ErrorMessage;
use crate::messages::ids::{dispatch_incoming, incoming, PROTOBUF_MSG_ID};
use crate::messages::incoming::{Handler, Incoming};
use crate::messages::route::SessionFact;
use crate::wire::frame::Frames;
use crate::wire::{DecodeError, MessageHeader};
use crate::EWrapper;

/// What stands between a decoded message and the user's wrapper: delivers
/// the message (and `connection_closed`) to it, with whatever it does
/// around that. [`Plain`] for `EClient::run`; `IBClient` has its own.
pub(crate) trait Observer {
    /// Delivers `m` to `user`.
    fn deliver<M: Incoming>(
        &mut self,
        sv: i32,
        m: &M,
        user: &mut dyn EWrapper,
    ) -> Result<(), DecodeError>;

    /// Delivers `connection_closed` to `user`.
    fn closed(&mut self, user: &mut dyn EWrapper);
}

/// Straight to the user's wrapper.
pub(crate) struct Plain;

impl Observer for Plain {
    #[inline]
    fn deliver<M: Incoming>(
        &mut self,
        sv: i32,
        m: &M,
        user: &mut dyn EWrapper,
    ) -> Result<(), DecodeError> {
        m.deliver(sv, user)
    }

    fn closed(&mut self, user: &mut dyn EWrapper) {
        user.connection_closed();
    }
}

/// One connection's dispatcher: what a decoded message goes through.
pub(crate) struct Dispatcher<'a, O> {
    pub(crate) user: &'a mut dyn EWrapper,
    pub(crate) observer: &'a mut O,
    pub(crate) requests: Option<&'a Registry>,
    pub(crate) guard: Option<&'a LiveOrderGuard>,
}

impl<O: Observer> Handler for Dispatcher<'_, O> {
    #[inline(always)]
    fn on<M: Incoming>(&mut self, sv: i32, m: &M) -> Result<(), DecodeError> {
        if let Some(reqs) = self.requests {
            if M::MAY_END {
                if !reqs.is_empty() {
                    reqs.observe(&m.route());
                }
            } else if reqs.awaiting() {
                // The first answer of a request still waiting for one (for
                // its latency); a tick of an answered subscription pays
                // only the load above.
                reqs.answered(&m.route());
            }
        }
        if let (Some(guard), Some(SessionFact::ManagedAccounts(list))) = (self.guard, m.fact()) {
            guard.set_accounts(list);
        }
        self.observer.deliver(sv, m, self.user)
    }

    fn unknown(&mut self, id: u32, protobuf: bool, known: bool) {
        if known {
            NOT_DECODED.with(|n| n.set(n.get() + 1));
            log::debug!(
                "{} ({}) received; this version of tws-api does not decode it yet",
                incoming::name(id).unwrap_or("?"),
                if protobuf { "protobuf" } else { "fields" }
            );
            return;
        }
        // The id as it was on the wire: a protobuf id carries + 200.
        let wire_id = if protobuf { id + PROTOBUF_MSG_ID } else { id };
        self.client_error(
            NO_VALID_ID,
            UNKNOWN_ID.code,
            format!("Unknown message id {wire_id}; the message was skipped"),
        );
    }
}

impl<O: Observer> Dispatcher<'_, O> {
    /// Decodes one frame payload and hands the message on.
    #[inline]
    pub(crate) fn frame(&mut self, sv: i32, payload: &[u8]) {
        if payload.is_empty() {
            let text = format!("{}:0", BAD_LENGTH.msg);
            return self.client_error(NO_VALID_ID, BAD_LENGTH.code, text);
        }
        let header = match MessageHeader::parse(sv, payload) {
            Ok(h) => h,
            Err(e) => return self.bad_message("message id", &e),
        };
        let body = &payload[header.body_start..];
        if let Err(e) = dispatch_incoming(sv, header, body, self) {
            self.bad_message(incoming::name(header.id).unwrap_or("?"), &e);
        }
    }

    /// Every frame of a batch; returns how many frames it held.
    pub(crate) fn batch(&mut self, batch: &Batch) -> u64 {
        let mut n = 0;
        for payload in Frames::new(&batch.bytes) {
            self.frame(batch.server_version, payload);
            n += 1;
        }
        n
    }

    /// An error the client itself reports (508, 505, its queued errors):
    /// the same path as TWS's errors, so that the registry, the helpers and
    /// `IBClient` hear it too.
    pub(crate) fn client_error(&mut self, req_id: i32, code: i32, text: String) {
        self.client_error_at(req_id, code, text, now_millis());
    }

    /// [`client_error`](Self::client_error) stamped at `time`.
    pub(crate) fn client_error_at(&mut self, req_id: i32, code: i32, text: String, time: i64) {
        let m = ErrorMessage {
            req_id,
            error_code: code,
            error_string: text,
            advanced_order_reject_json: String::new(),
            error_time: time,
        };
        // An error message always delivers.
        let _ = self.on(0, &m);
    }

    fn bad_message(&mut self, what: &str, e: &DecodeError) {
        log::warn!("skipping a message that does not decode ({what}): {e}");
        let text = format!("{}: {what}: {e}", BAD_MESSAGE.msg);
        self.client_error(NO_VALID_ID, BAD_MESSAGE.code, text);
    }
}

/// Decodes one frame payload and calls the wrapper (no request registry,
/// no observer): what the tests and benchmarks use to drive the decoder.
#[inline]
pub fn dispatch_frame(sv: i32, payload: &[u8], wrapper: &mut dyn EWrapper) {
    Dispatcher {
        user: wrapper,
        observer: &mut Plain,
        requests: None,
        guard: None,
    }
    .frame(sv, payload)
}

thread_local! {
    /// Known messages this version cannot decode yet, dispatched on this
    /// thread since the last [`take_not_decoded`].
    static NOT_DECODED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many known-but-undecoded messages this thread dispatched since the
/// last call (for the metrics; `run()` asks after every batch).
pub(crate) fn take_not_decoded() -> u64 {
    NOT_DECODED.with(|n| n.replace(0))
}
