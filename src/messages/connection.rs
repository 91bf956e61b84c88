//! Connection-level messages: startApi, ids, accounts, time, log level, errors;
//! the verify handshake, user info and the time in milliseconds.

use super::ids::{incoming, outgoing};
use super::{read_text, write_text, Message};
use crate::proto;
use crate::server_versions::{
    MIN_SERVER_VER_ADVANCED_ORDER_REJECT, MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS,
    MIN_SERVER_VER_ERROR_TIME, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_OPTIONAL_CAPABILITIES,
    MIN_SERVER_VER_USER_INFO,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// `startApi`: sent once right after the handshake (message version 2).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StartApi {
    /// This connection's client id (0–31 for most users).
    pub client_id: i32,
    /// Optional capabilities string; sent from server version 72 on.
    pub optional_capabilities: String,
}

impl Message for StartApi {
    const ID: u32 = outgoing::START_API;

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

macro_rules! version_only_request {
    ($(#[$doc:meta])* $name:ident = $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                w.put_int(1);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                r.skip("version")?;
                Ok($name)
            }
        }
    };
}

version_only_request!(
    /// `reqCurrentTime`: asks for the server's clock, answered by [`CurrentTime`].
    ReqCurrentTime = outgoing::REQ_CURRENT_TIME
);
version_only_request!(
    /// `reqManagedAccts`: asks for the account list, answered by [`ManagedAccounts`].
    ReqManagedAccts = outgoing::REQ_MANAGED_ACCTS
);

/// `reqIds`: asks for the next valid order id, answered by [`NextValidId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqIds {
    /// Deprecated by IB and ignored by TWS; usually 1 or -1.
    pub num_ids: i32,
}

impl Message for ReqIds {
    const ID: u32 = outgoing::REQ_IDS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.num_ids);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqIds {
            num_ids: r.read_int_named("num ids")?,
        })
    }
}

/// `setServerLogLevel`: TWS's API log detail (1 system … 5 detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SetServerLogLevel {
    /// 1 = system, 2 = error, 3 = warning, 4 = information, 5 = detail.
    pub log_level: i32,
}

impl Message for SetServerLogLevel {
    const ID: u32 = outgoing::SET_SERVER_LOGLEVEL;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.log_level);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(SetServerLogLevel {
            log_level: r.read_int_named("log level")?,
        })
    }
}

/// `nextValidId`: the next order id this client may use. TWS sends it right
/// after startApi, which is why it marks a connection as ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NextValidId {
    /// The next valid order id.
    pub order_id: i32,
}

impl Message for NextValidId {
    const ID: u32 = incoming::NEXT_VALID_ID;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.order_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(NextValidId {
            order_id: r.read_int_named("order id")?,
        })
    }
}

/// `managedAccounts`: the comma-separated accounts this login may trade.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManagedAccounts {
    /// Accounts, comma-separated (`"DU123,DU456"`).
    pub accounts_list: String,
}

impl Message for ManagedAccounts {
    const ID: u32 = incoming::MANAGED_ACCTS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        write_text(sv, w, &self.accounts_list);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ManagedAccounts {
            accounts_list: read_text(sv, r, "accounts list")?,
        })
    }
}

/// `currentTime`: the server's clock in seconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CurrentTime {
    /// Seconds since 1970-01-01 UTC.
    pub time: i64,
}

impl Message for CurrentTime {
    const ID: u32 = incoming::CURRENT_TIME;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.time);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CurrentTime {
            time: r.read_int_named("time")?,
        })
    }
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

impl Message for ErrorMessage {
    const ID: u32 = incoming::ERR_MSG;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_ERROR_TIME {
            w.put_int(2);
        }
        w.put_int(self.req_id);
        w.put_int(self.error_code);
        write_text(sv, w, &self.error_string);
        if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            // The official decoder always resolves escapes in this field.
            w.put_str_escaped(&self.advanced_order_reject_json);
        }
        if sv >= MIN_SERVER_VER_ERROR_TIME {
            w.put_int(self.error_time);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_ERROR_TIME {
            r.skip("version")?;
        }
        let req_id = r.read_int_named("req id")?;
        let error_code = r.read_int_named("error code")?;
        let error_string = read_text(sv, r, "error string")?;
        let advanced_order_reject_json = if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            r.read_str_unescaped("advanced order reject json")?
                .into_owned()
        } else {
            String::new()
        };
        let error_time = if sv >= MIN_SERVER_VER_ERROR_TIME {
            r.read_int_named("error time")?
        } else {
            0
        };
        Ok(ErrorMessage {
            req_id,
            error_code,
            error_string,
            advanced_order_reject_json,
            error_time,
        })
    }
}

/// The text the official client appends to "Bad message" when it refuses
/// `verifyRequest` and `verifyAndAuthRequest`: it never expresses the intent
/// to authenticate at connect time, so it refuses both at every version.
pub const VERIFY_REFUSED: &str =
    "  Intent to authenticate needs to be expressed during initial connect request.";

const NO_VERIFICATION: &str = "  It does not support verification request.";

macro_rules! verify_request {
    ($(#[$doc:meta])* $name:ident = $id:expr; $($field:ident: $fdoc:literal),+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $(
                #[doc = $fdoc]
                pub $field: String,
            )+
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                if sv < MIN_SERVER_VER_LINKING {
                    return Err(EncodeError::UpdateTws(NO_VERIFICATION));
                }
                w.put_int(1);
                $(w.put_str(&self.$field);)+
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                r.skip("version")?;
                Ok($name {
                    $($field: r.read_string(stringify!($field))?,)+
                })
            }
        }
    };
}

verify_request!(
    /// `verifyRequest` (message version 1, IB internal). The official client
    /// refuses to send it (error 508, [`VERIFY_REFUSED`]); the encoding is
    /// here for the simulated gateway and for completeness.
    VerifyRequest = outgoing::VERIFY_REQUEST;
    api_name: "The API's name.",
    api_version: "The API's version."
);
verify_request!(
    /// `verifyMessage` (message version 1, IB internal).
    VerifyMessage = outgoing::VERIFY_MESSAGE;
    api_data: "The verification data."
);
verify_request!(
    /// `verifyAndAuthRequest` (message version 1, IB internal). Refused by
    /// the official client like [`VerifyRequest`].
    VerifyAndAuthRequest = outgoing::VERIFY_AND_AUTH_REQUEST;
    api_name: "The API's name.",
    api_version: "The API's version.",
    opaque_isv_key: "The vendor's key."
);
verify_request!(
    /// `verifyAndAuthMessage` (message version 1, IB internal).
    VerifyAndAuthMessage = outgoing::VERIFY_AND_AUTH_MESSAGE;
    api_data: "The verification data.",
    xyz_response: "The answer to the challenge."
);

/// `verifyMessageAPI` (version 1): verification data from TWS.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyMessageApi {
    /// The data.
    pub api_data: String,
}

impl Message for VerifyMessageApi {
    const ID: u32 = incoming::VERIFY_MESSAGE_API;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        write_text(sv, w, &self.api_data);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(VerifyMessageApi {
            api_data: read_text(sv, r, "api data")?,
        })
    }
}

/// `verifyAndAuthMessageAPI` (version 1): verification data and a challenge.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyAndAuthMessageApi {
    /// The data.
    pub api_data: String,
    /// The challenge (the official spelling).
    pub xyz_challange: String,
}

impl Message for VerifyAndAuthMessageApi {
    const ID: u32 = incoming::VERIFY_AND_AUTH_MESSAGE_API;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        write_text(sv, w, &self.api_data);
        write_text(sv, w, &self.xyz_challange);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(VerifyAndAuthMessageApi {
            api_data: read_text(sv, r, "api data")?,
            xyz_challange: read_text(sv, r, "xyz challange")?,
        })
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

impl<const AND_AUTH: bool> Message for VerifyCompleted<AND_AUTH> {
    const ID: u32 = if AND_AUTH {
        incoming::VERIFY_AND_AUTH_COMPLETED
    } else {
        incoming::VERIFY_COMPLETED
    };

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_str_raw(if self.is_successful { "true" } else { "false" });
        write_text(sv, w, &self.error_text);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(VerifyCompleted {
            is_successful: read_text(sv, r, "is successful")? == "true",
            error_text: read_text(sv, r, "error text")?,
        })
    }
}

/// `verifyAndAuthCompleted`: [`VerifyCompleted`] under its own message id.
pub type VerifyAndAuthCompleted = VerifyCompleted<true>;

/// `reqUserInfo` (server version 167+): answered by [`UserInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqUserInfo {
    /// The request id.
    pub req_id: i32,
}

impl Message for ReqUserInfo {
    const ID: u32 = outgoing::REQ_USER_INFO;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_USER_INFO {
            return Err(EncodeError::UpdateTws(
                " It does not support user info requests.",
            ));
        }
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqUserInfo {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `userInfo`: the login's white-branding id (empty for IB's own clients).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserInfo {
    /// The request id.
    pub req_id: i32,
    /// The white-branding id.
    pub white_branding_id: String,
}

impl Message for UserInfo {
    const ID: u32 = incoming::USER_INFO;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.white_branding_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(UserInfo {
            req_id: r.read_int_named("req id")?,
            white_branding_id: r.read_string("white branding id")?,
        })
    }
}

/// `reqCurrentTimeInMillis` (no fields, server version 197+): answered by
/// [`CurrentTimeInMillis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqCurrentTimeInMillis;

impl Message for ReqCurrentTimeInMillis {
    const ID: u32 = outgoing::REQ_CURRENT_TIME_IN_MILLIS;

    fn encode(&self, sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS {
            return Err(EncodeError::UpdateTws(
                " It does not support current time in millis requests.",
            ));
        }
        Ok(())
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqCurrentTimeInMillis)
    }
}

/// `currentTimeInMillis`: the server's clock in milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CurrentTimeInMillis {
    /// Milliseconds since 1970-01-01 UTC.
    pub time_in_millis: i64,
}

impl Message for CurrentTimeInMillis {
    const ID: u32 = incoming::CURRENT_TIME_IN_MILLIS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.time_in_millis);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(CurrentTimeInMillis {
            time_in_millis: r.read_int_named("time in millis")?,
        })
    }
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
