//! Connection-level messages: startApi, ids, accounts, time, log level, errors;
//! the verify handshake, user info and the time in milliseconds.
//!
//! Each layout is written once (`messages/layout.rs`): flat messages with
//! [`flat_message!`](crate::flat_message), the others as a [`Layout`].
//! `version_only!` serves the order messages too.

mod proto_forms;

use super::ids::{incoming, outgoing};
use super::layout::version;
use super::layout::{escaped, refuse, server_text};
use super::layout::{Io, Layout};
use super::Message;
use crate::proto;
use crate::server_versions::{
    MIN_SERVER_VER_ADVANCED_ORDER_REJECT, MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS,
    MIN_SERVER_VER_ERROR_TIME, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_OPTIONAL_CAPABILITIES,
    MIN_SERVER_VER_USER_INFO,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::{flat_message, layout_message};

/// `startApi`: sent once right after the handshake (message version 2).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StartApi {
    /// This connection's client id (0–31 for most users).
    pub client_id: i32,
    /// Optional capabilities string; sent from server version 72 on.
    pub optional_capabilities: String,
}

// Hand-written: the gateway's decoder takes a startApi without its
// capabilities field (the end of the frame), which a layout cannot ask.
impl Message for StartApi {
    const ID: u32 = outgoing::START_API;

    crate::protobuf_form!(outgoing::protobuf_since);

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(2);
        w.put_int(self.client_id);
        if sv >= MIN_SERVER_VER_OPTIONAL_CAPABILITIES {
            w.put_str(&self.optional_capabilities);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let client_id = r.read_int_named("client id")?;
        let optional_capabilities = if sv >= MIN_SERVER_VER_OPTIONAL_CAPABILITIES && !r.is_at_end()
        {
            r.read_string("optional capabilities")?
        } else {
            String::new()
        };
        Ok(StartApi {
            client_id,
            optional_capabilities,
        })
    }
}

/// A message whose only field is its version 1: a unit struct whose layout
/// writes the version and skips it when read.
macro_rules! version_only {
    ($(#[$doc:meta])* $name:ident = $id:path $(, impl { $($extra:tt)* })?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;

        $crate::unit_message!($name = $id, version 1 $(, impl { $($extra)* })?);
    };
}
pub(crate) use version_only;

version_only!(
    /// `reqCurrentTime`: asks for the server's clock, answered by [`CurrentTime`].
    ReqCurrentTime = outgoing::REQ_CURRENT_TIME,
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
);
version_only!(
    /// `reqManagedAccts`: asks for the account list, answered by [`ManagedAccounts`].
    ReqManagedAccts = outgoing::REQ_MANAGED_ACCTS,
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
);

flat_message! {
    /// `reqIds`: asks for the next valid order id, answered by [`NextValidId`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqIds = outgoing::REQ_IDS {
        version 1;
        /// Deprecated by IB and ignored by TWS; usually 1 or -1.
        pub num_ids: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `setServerLogLevel`: TWS's API log detail (1 system … 5 detail).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct SetServerLogLevel = outgoing::SET_SERVER_LOGLEVEL {
        version 1;
        /// 1 = system, 2 = error, 3 = warning, 4 = information, 5 = detail.
        pub log_level: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `nextValidId`: the next order id this client may use. TWS sends it right
    /// after startApi, which is why it marks a connection as ready.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct NextValidId = incoming::NEXT_VALID_ID {
        version 1;
        /// The next valid order id.
        pub order_id: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `managedAccounts`: the comma-separated accounts this login may trade.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ManagedAccounts = incoming::MANAGED_ACCTS {
        version 1;
        /// Accounts, comma-separated (`"DU123,DU456"`).
        pub accounts_list: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `currentTime`: the server's clock in seconds since the Unix epoch.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CurrentTime = incoming::CURRENT_TIME {
        version 1;
        /// Seconds since 1970-01-01 UTC.
        pub time: i64 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `errMsg`: an error or a notice, for a request (`req_id`) or the whole
/// connection (`req_id` -1).
///
/// Below server version 194 the message carries a version field and no time;
/// from 194 on it carries the time in milliseconds last. The advanced-reject
/// JSON exists from version 166. A protobuf form exists too
/// ([`ErrorMessage::from_proto`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMessage {
    /// The request the error is about, or -1.
    pub req_id: i32,
    /// The official error code.
    pub error_code: i32,
    /// Human-readable text.
    pub error_string: String,
    /// Extra JSON for rejected orders, or empty.
    pub advanced_order_reject_json: String,
    /// Milliseconds since the epoch (0 below server version 194).
    pub error_time: i64,
}

impl ErrorMessage {
    /// Builds the plain message from its protobuf form (absent fields as the
    /// official client fills them: 0 and empty).
    pub fn from_proto(p: &proto::ErrorMessage) -> Self {
        ErrorMessage {
            req_id: p.id.unwrap_or(0),
            error_code: p.error_code.unwrap_or(0),
            error_string: p.error_msg.clone().unwrap_or_default(),
            advanced_order_reject_json: p.advanced_order_reject_json.clone().unwrap_or_default(),
            error_time: p.error_time.unwrap_or(0),
        }
    }

    /// The protobuf form of this message.
    pub fn to_proto(&self) -> proto::ErrorMessage {
        proto::ErrorMessage {
            id: Some(self.req_id),
            error_time: Some(self.error_time),
            error_code: Some(self.error_code),
            error_msg: Some(self.error_string.clone()),
            advanced_order_reject_json: Some(self.advanced_order_reject_json.clone()),
        }
    }
}

impl Layout for ErrorMessage {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        if sv < MIN_SERVER_VER_ERROR_TIME {
            version(io, 2)?;
        }
        io.int(&mut self.req_id, "req id")?;
        if !error_code(io, &mut self.error_code)? {
            return Ok(());
        }
        server_text(io, &mut self.error_string, "error string")?;
        if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            // The official decoder always resolves escapes in this field.
            escaped(
                io,
                &mut self.advanced_order_reject_json,
                "advanced order reject json",
            )?;
        }
        if sv >= MIN_SERVER_VER_ERROR_TIME {
            io.long(&mut self.error_time, "error time")?;
        }
        Ok(())
    }
}

layout_message!(ErrorMessage = incoming::ERR_MSG);

/// An error's code, read leniently: a code that is missing (the frame ends
/// there) or does not parse is 0, a warning (`errors::classify`), logged,
/// never a message that fails to decode; `false` when the frame ended.
fn error_code(io: &mut dyn Io, code: &mut i32) -> Result<bool, DecodeError> {
    if !io.reading() {
        io.int(code, "error code")?;
        return Ok(true);
    }
    let mut text = String::new();
    match io.text(&mut text, "error code") {
        Ok(()) => {}
        Err(DecodeError::Truncated { .. }) => {
            log::warn!("an error message without a code: taken as a warning (0)");
            *code = 0;
            return Ok(false);
        }
        Err(e) => return Err(e),
    }
    *code = match text.trim() {
        "" => 0,
        t => t.parse().unwrap_or_else(|_| {
            log::warn!("an error message with the code {t:?}: taken as a warning (0)");
            0
        }),
    };
    Ok(true)
}

/// The text the official client appends to "Bad message" when it refuses
/// `verifyRequest` and `verifyAndAuthRequest`: it never expresses the intent
/// to authenticate at connect time, so it refuses both at every version.
pub const VERIFY_REFUSED: &str =
    "  Intent to authenticate needs to be expressed during initial connect request.";

const NO_VERIFICATION: &str = "  It does not support verification request.";

/// A verification request (message version 1, IB internal): text fields the
/// official client refuses below server version 70.
macro_rules! verify_request {
    ($(#[$doc:meta])* $name:ident = $id:path { $($(#[doc = $fdoc:expr])* $field:ident),+ $(,)? } $(impl { $($extra:tt)* })?) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, Default)]
            pub struct $name = $id {
                version 1;
                refuse MIN_SERVER_VER_LINKING, NO_VERIFICATION;
                $($(#[doc = $fdoc])* pub $field: String = Ascii,)+
            }
            $(impl { $($extra)* })?
        }
    };
}

verify_request!(
    /// `verifyRequest` (message version 1, IB internal). The official client
    /// refuses to send it (error 508, [`VERIFY_REFUSED`]); the encoding is
    /// here for the simulated gateway and for completeness.
    VerifyRequest = outgoing::VERIFY_REQUEST {
        /// The API's name.
        api_name,
        /// The API's version.
        api_version,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
);
verify_request!(
    /// `verifyMessage` (message version 1, IB internal).
    VerifyMessage = outgoing::VERIFY_MESSAGE {
        /// The verification data.
        api_data,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
);
verify_request!(
    /// `verifyAndAuthRequest` (message version 1, IB internal). Refused by
    /// the official client like [`VerifyRequest`].
    VerifyAndAuthRequest = outgoing::VERIFY_AND_AUTH_REQUEST {
        /// The API's name.
        api_name,
        /// The API's version.
        api_version,
        /// The vendor's key.
        opaque_isv_key,
    }
);
verify_request!(
    /// `verifyAndAuthMessage` (message version 1, IB internal).
    VerifyAndAuthMessage = outgoing::VERIFY_AND_AUTH_MESSAGE {
        /// The verification data.
        api_data,
        /// The answer to the challenge.
        xyz_response,
    }
);

flat_message! {
    /// `verifyMessageAPI` (version 1): verification data from TWS.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct VerifyMessageApi = incoming::VERIFY_MESSAGE_API {
        version 1;
        /// The data.
        pub api_data: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `verifyAndAuthMessageAPI` (version 1): verification data and a challenge.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct VerifyAndAuthMessageApi = incoming::VERIFY_AND_AUTH_MESSAGE_API {
        version 1;
        /// The data.
        pub api_data: String = Text,
        /// The challenge (the official spelling).
        pub xyz_challange: String = Text,
    }
}

/// `verifyCompleted` / `verifyAndAuthCompleted` (version 1): the result of a
/// verification. TWS writes the flag as `true` / `false`. (The official
/// Python decoder passes that text through to the callback unconverted; the
/// callback here gets a `bool`: `true` exactly when the text is `true`.)
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyCompleted<const AND_AUTH: bool> {
    /// Whether the verification succeeded.
    pub is_successful: bool,
    /// Why it failed, or empty.
    pub error_text: String,
}

impl<const AND_AUTH: bool> Layout for VerifyCompleted<AND_AUTH> {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 1)?;
        let mut flag = if self.is_successful { "true" } else { "false" }.to_owned();
        server_text(io, &mut flag, "is successful")?;
        self.is_successful = flag == "true";
        server_text(io, &mut self.error_text, "error text")
    }
}

layout_message!(VerifyCompleted<false> = incoming::VERIFY_COMPLETED, impl { crate::protobuf_form!(incoming::protobuf_since); });
layout_message!(VerifyCompleted<true> = incoming::VERIFY_AND_AUTH_COMPLETED);

/// `verifyAndAuthCompleted`: [`VerifyCompleted`] under its own message id.
pub type VerifyAndAuthCompleted = VerifyCompleted<true>;

flat_message! {
    /// `reqUserInfo` (server version 167+): answered by [`UserInfo`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqUserInfo = outgoing::REQ_USER_INFO {
        refuse MIN_SERVER_VER_USER_INFO, " It does not support user info requests.";
        /// The request id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `userInfo`: the login's white-branding id (empty for IB's own clients).
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct UserInfo = incoming::USER_INFO {
        /// The request id.
        pub req_id: i32 = Int,
        /// The white-branding id.
        pub white_branding_id: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `reqCurrentTimeInMillis` (no fields, server version 197+): answered by
/// [`CurrentTimeInMillis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqCurrentTimeInMillis;

impl Layout for ReqCurrentTimeInMillis {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS,
            " It does not support current time in millis requests.",
        )
    }

    fn layout(&mut self, _io: &mut dyn Io) -> Result<(), DecodeError> {
        Ok(())
    }
}

layout_message!(ReqCurrentTimeInMillis = outgoing::REQ_CURRENT_TIME_IN_MILLIS, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `currentTimeInMillis`: the server's clock in milliseconds since the epoch.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CurrentTimeInMillis = incoming::CURRENT_TIME_IN_MILLIS {
        /// Milliseconds since 1970-01-01 UTC.
        pub time_in_millis: i64 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;

    #[test]
    fn requests_round_trip_at_every_version() {
        for sv in VERSIONS {
            let s = StartApi {
                client_id: 7,
                optional_capabilities: "cap".into(),
            };
            assert_eq!(round_trip(&s, sv), s);
            assert_eq!(round_trip(&ReqIds { num_ids: -1 }, sv).num_ids, -1);
            assert_eq!(round_trip(&ReqCurrentTime, sv), ReqCurrentTime);
            assert_eq!(round_trip(&ReqManagedAccts, sv), ReqManagedAccts);
            assert_eq!(
                round_trip(&SetServerLogLevel { log_level: 5 }, sv).log_level,
                5
            );
        }
    }

    #[test]
    fn responses_round_trip_at_every_version() {
        for sv in VERSIONS {
            assert_eq!(round_trip(&NextValidId { order_id: 42 }, sv).order_id, 42);
            let m = ManagedAccounts {
                accounts_list: "DU1,DU2".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(
                round_trip(
                    &CurrentTime {
                        time: 1_700_000_000
                    },
                    sv
                )
                .time,
                1_700_000_000
            );
            let e = ErrorMessage {
                req_id: -1,
                error_code: 2104,
                error_string: "Market data farm connection is OK:usfarm".into(),
                advanced_order_reject_json: if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
                    "{}".into()
                } else {
                    String::new()
                },
                error_time: if sv >= MIN_SERVER_VER_ERROR_TIME {
                    1_763_916_832_000
                } else {
                    0
                },
            };
            assert_eq!(round_trip(&e, sv), e);
        }
    }

    #[test]
    fn error_layout_by_version() {
        let e = ErrorMessage {
            req_id: -1,
            error_code: 326,
            error_string: "in use".into(),
            advanced_order_reject_json: String::new(),
            error_time: 5,
        };
        let old = super::super::to_frame(&e, 176).unwrap();
        assert_eq!(&old[4..], b"4\x002\x00-1\x00326\x00in use\x00\x00");
        let new = super::super::to_frame(&e, 200).unwrap();
        assert_eq!(&new[4..], b"4\x00-1\x00326\x00in use\x00\x005\x00");
        let raw = super::super::to_frame(&e, 203).unwrap();
        assert_eq!(&raw[4..8], &[0, 0, 0, 4]);
    }

    #[test]
    fn error_proto_conversion() {
        let e = ErrorMessage {
            req_id: 3,
            error_code: 200,
            error_string: "No security definition".into(),
            advanced_order_reject_json: String::new(),
            error_time: 9,
        };
        assert_eq!(ErrorMessage::from_proto(&e.to_proto()), e);
        assert_eq!(
            ErrorMessage::from_proto(&proto::ErrorMessage::default()),
            ErrorMessage::default()
        );
    }

    #[test]
    fn misc_requests_and_answers_round_trip() {
        for sv in VERSIONS {
            let v = VerifyRequest {
                api_name: "name".into(),
                api_version: "1.0".into(),
            };
            assert_eq!(round_trip(&v, sv), v);
            let m = VerifyMessage {
                api_data: "data".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            let a = VerifyAndAuthRequest {
                api_name: "n".into(),
                api_version: "v".into(),
                opaque_isv_key: "k".into(),
            };
            assert_eq!(round_trip(&a, sv), a);
            let am = VerifyAndAuthMessage {
                api_data: "d".into(),
                xyz_response: "r".into(),
            };
            assert_eq!(round_trip(&am, sv), am);
            let api = VerifyMessageApi {
                api_data: "é".into(),
            };
            assert_eq!(round_trip(&api, sv), api);
            let aapi = VerifyAndAuthMessageApi {
                api_data: "d".into(),
                xyz_challange: "c".into(),
            };
            assert_eq!(round_trip(&aapi, sv), aapi);
            for ok in [true, false] {
                let c = VerifyCompleted::<false> {
                    is_successful: ok,
                    error_text: "why".into(),
                };
                assert_eq!(round_trip(&c, sv), c);
                let c = VerifyAndAuthCompleted {
                    is_successful: ok,
                    error_text: String::new(),
                };
                assert_eq!(round_trip(&c, sv), c);
            }
            if sv >= MIN_SERVER_VER_USER_INFO {
                assert_eq!(round_trip(&ReqUserInfo { req_id: 3 }, sv).req_id, 3);
            }
            let u = UserInfo {
                req_id: 3,
                white_branding_id: "wb".into(),
            };
            assert_eq!(round_trip(&u, sv), u);
            if sv >= MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS {
                assert_eq!(
                    round_trip(&ReqCurrentTimeInMillis, sv),
                    ReqCurrentTimeInMillis
                );
            }
            let t = CurrentTimeInMillis {
                time_in_millis: 1_763_916_832_123,
            };
            assert_eq!(round_trip(&t, sv), t);
        }
    }

    #[test]
    fn misc_gates() {
        use super::super::to_frame;
        assert!(to_frame(&ReqCurrentTimeInMillis, 196).is_err());
        assert_eq!(
            &to_frame(&ReqCurrentTimeInMillis, 197).unwrap()[4..],
            b"105\x00"
        );
        assert!(to_frame(&ReqUserInfo { req_id: 1 }, 166).is_err());
        assert!(to_frame(&VerifyMessage::default(), 69).is_err());
    }
}

mod deliver {
    //! How the connection messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::{Incoming, Pb};
    use crate::messages::route::{Ends, RequestKey, Route, SessionFact};
    use crate::EWrapper;

    impl Incoming for NextValidId {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.next_valid_id(self.order_id);
            Ok(())
        }
        fn fact(&self) -> Option<SessionFact<'_>> {
            Some(SessionFact::NextValidId(self.order_id))
        }
    }

    impl Incoming for ManagedAccounts {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.managed_accounts(&self.accounts_list);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_MANAGED_ACCTS]).ending()
        }
        fn fact(&self) -> Option<SessionFact<'_>> {
            Some(SessionFact::ManagedAccounts(&self.accounts_list))
        }
    }

    impl Incoming for CurrentTime {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.current_time(self.time);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_CURRENT_TIME]).ending()
        }
        fn fact(&self) -> Option<SessionFact<'_>> {
            Some(SessionFact::CurrentTime)
        }
    }

    impl Incoming for CurrentTimeInMillis {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.current_time_in_millis(self.time_in_millis);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_CURRENT_TIME_IN_MILLIS]).ending()
        }
    }

    /// An error is heard by the request with its id and by the order with
    /// that id; a real error (not a notice) ends the request.
    fn error_route(req_id: i32, code: i32) -> Route {
        Route::of(&[RequestKey::Id(req_id), RequestKey::Order(req_id)]).with_end(Ends::Error(code))
    }

    impl Incoming for ErrorMessage {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.error(
                self.req_id,
                self.error_time,
                self.error_code,
                &self.error_string,
                &self.advanced_order_reject_json,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            error_route(self.req_id, self.error_code)
        }
        fn fact(&self) -> Option<SessionFact<'_>> {
            Some(SessionFact::Error {
                req_id: self.req_id,
                code: self.error_code,
                text: &self.error_string,
            })
        }
    }

    impl Incoming for Pb<proto::ErrorMessage> {
        const MAY_END: bool = true;
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.error_proto_buf(&self.0);
            ErrorMessage::from_proto(&self.0).deliver(sv, w)
        }
        fn route(&self) -> Route {
            error_route(self.0.id.unwrap_or(0), self.0.error_code.unwrap_or(0))
        }
        fn fact(&self) -> Option<SessionFact<'_>> {
            Some(SessionFact::Error {
                req_id: self.0.id.unwrap_or(0),
                code: self.0.error_code.unwrap_or(0),
                text: self.0.error_msg.as_deref().unwrap_or(""),
            })
        }
    }

    impl Incoming for VerifyMessageApi {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.verify_message_api(&self.api_data);
            Ok(())
        }
    }

    impl Incoming for VerifyAndAuthMessageApi {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.verify_and_auth_message_api(&self.api_data, &self.xyz_challange);
            Ok(())
        }
    }

    impl<const AND_AUTH: bool> Incoming for VerifyCompleted<AND_AUTH> {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            if AND_AUTH {
                w.verify_and_auth_completed(self.is_successful, &self.error_text);
            } else {
                w.verify_completed(self.is_successful, &self.error_text);
            }
            Ok(())
        }
    }

    impl Incoming for UserInfo {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.user_info(self.req_id, &self.white_branding_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }
}
