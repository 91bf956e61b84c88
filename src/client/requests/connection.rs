//! Connection requests: ids, time, accounts, log level; the verify
//! handshake, user info and the time in milliseconds.

use crate::client::EClient;
use crate::errors::{
    Error, BAD_MESSAGE, FAIL_SEND_VERIFYANDAUTHREQUEST, FAIL_SEND_VERIFYMESSAGE,
    FAIL_SEND_VERIFYREQUEST, NO_VALID_ID,
};
use crate::messages::connection::{
    ReqCurrentTime, ReqCurrentTimeInMillis, ReqIds, ReqManagedAccts, ReqUserInfo,
    SetServerLogLevel, VerifyAndAuthMessage, VerifyAndAuthRequest, VerifyMessage, VerifyRequest,
    VERIFY_REFUSED,
};
use crate::messages::ids::outgoing;
use crate::messages::Message;
use crate::server_versions::{LATEST_OFFICIAL_FROM, MIN_SERVER_VER_LINKING};
use crate::wire::{DecodeError, EncodeError};

/// 10.51.1's refusal of `verifyRequest` in its protobuf form (544, server
/// version 213 on).
const VERIFY_REQUEST_REFUSED: &str = "Verify Request Sending Error -   Intent to authenticate needs to be expressed during initial connect request.";
/// 10.51.1's refusal of `verifyRequest` (545).
const VERIFY_MESSAGE_REFUSED: &str =
    "Verify Message Sending Error - Intent to authenticate needs to be expressed during initial connect request.";
/// 10.51.1's refusal of `verifyAndAuthRequest` (551).
const VERIFY_AND_AUTH_REFUSED: &str = "Verify And Auth Request Sending Error - Intent to authenticate needs to be expressed during initial connect request.";

impl EClient {
    /// `reqIds`: asks for the next valid order id (answered by `next_valid_id`).
    /// `num_ids` is deprecated and ignored by TWS.
    pub fn req_ids(&self, num_ids: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqIds { num_ids })
    }

    /// `reqCurrentTime`: asks for the server's clock (answered by `current_time`).
    pub fn req_current_time(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqCurrentTime)
    }

    /// `reqManagedAccts`: asks for the accounts list (answered by `managed_accounts`).
    pub fn req_managed_accts(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqManagedAccts)
    }

    /// `setServerLogLevel`: TWS's API log detail, 1 (system) to 5 (detail).
    pub fn set_server_log_level(&self, log_level: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &SetServerLogLevel { log_level })
    }

    /// `reqCurrentTimeInMillis`: asks for the server's clock in milliseconds
    /// (answered by `current_time_in_millis`; server version 197+).
    pub fn req_current_time_in_millis(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqCurrentTimeInMillis)
    }

    /// `reqUserInfo`: the login's white-branding id (answered by `user_info`).
    pub fn req_user_info(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &ReqUserInfo { req_id })
    }

    /// `verifyRequest` (IB internal). Like the official client, which never
    /// asks for authentication at connect time, this refuses: error 508
    /// ("Bad message  Intent to authenticate needs to be expressed during
    /// initial connect request."), nothing sent. (504 when not connected,
    /// 503 below server version 70, as there.) From server version 213
    /// (protobuf) the refusal is 10.51.1's 544.
    pub fn verify_request(&self, api_name: &str, api_version: &str) -> Result<(), Error> {
        let msg = VerifyRequest {
            api_name: api_name.to_owned(),
            api_version: api_version.to_owned(),
        };
        self.refuse_verify(&msg)
    }

    /// `verifyMessage` (IB internal): answered by `verify_completed`.
    pub fn verify_message(&self, api_data: &str) -> Result<(), Error> {
        let msg = VerifyMessage {
            api_data: api_data.to_owned(),
        };
        self.send(NO_VALID_ID, &msg)
    }

    /// `verifyAndAuthRequest` (IB internal): refused as
    /// [`verify_request`](EClient::verify_request) is.
    pub fn verify_and_auth_request(
        &self,
        api_name: &str,
        api_version: &str,
        opaque_isv_key: &str,
    ) -> Result<(), Error> {
        let msg = VerifyAndAuthRequest {
            api_name: api_name.to_owned(),
            api_version: api_version.to_owned(),
            opaque_isv_key: opaque_isv_key.to_owned(),
        };
        self.refuse_verify(&msg)
    }

    /// `verifyAndAuthMessage` (IB internal): answered by
    /// `verify_and_auth_completed`.
    pub fn verify_and_auth_message(&self, api_data: &str, xyz_response: &str) -> Result<(), Error> {
        let msg = VerifyAndAuthMessage {
            api_data: api_data.to_owned(),
            xyz_response: xyz_response.to_owned(),
        };
        self.send(NO_VALID_ID, &msg)
    }

    /// `verifyRequestProtoBuf`'s refusal (544): this client never expresses
    /// the intent to authenticate at connect time.
    pub(crate) fn refuse_verify_proto_buf(&self) -> Result<(), Error> {
        let code = FAIL_SEND_VERIFYREQUEST.code;
        self.report_error(NO_VALID_ID, code, VERIFY_REQUEST_REFUSED.to_owned());
        Err(Error::Encode(EncodeError::Refused {
            code,
            text: VERIFY_REQUEST_REFUSED,
        }))
    }

    /// The official client's checks for the two verify requests, in its
    /// order: not connected (504), server too old (503), then always 508.
    fn refuse_verify<M: Message>(&self, msg: &M) -> Result<(), Error> {
        if !self.is_connected() || self.server_version() < MIN_SERVER_VER_LINKING {
            // `send` reports 504 or 503 and sends nothing.
            return self.send(NO_VALID_ID, msg);
        }
        // 10.51.1's protobuf path (verifyRequestProtoBuf) refuses with 544.
        if crate::messages::uses_protobuf::<M>(self.server_version()) {
            return self.refuse_verify_proto_buf();
        }
        // 10.37.2 refuses with 508 "Bad message"; 10.51.1 (the truth from
        // LATEST_OFFICIAL_FROM on) with the request's own sending error.
        if self.server_version() >= LATEST_OFFICIAL_FROM {
            let (code, text) = if M::ID == outgoing::VERIFY_REQUEST {
                (FAIL_SEND_VERIFYMESSAGE.code, VERIFY_MESSAGE_REFUSED)
            } else {
                (FAIL_SEND_VERIFYANDAUTHREQUEST.code, VERIFY_AND_AUTH_REFUSED)
            };
            self.report_error(NO_VALID_ID, code, text.to_owned());
            return Err(Error::Encode(EncodeError::Refused { code, text }));
        }
        self.report_error(
            NO_VALID_ID,
            BAD_MESSAGE.code,
            format!("{}{VERIFY_REFUSED}", BAD_MESSAGE.msg),
        );
        Err(Error::Decode(DecodeError::Invalid(
            VERIFY_REFUSED.trim_start().to_owned(),
        )))
    }
}
