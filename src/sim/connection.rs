//! The sim's remaining connection requests: the time in milliseconds, user
//! info, and the verify handshake.
//!
//! The verify messages belong to an IB-internal handshake that the sim does
//! not run: `verifyMessage` and `verifyRequest` are answered with
//! `verifyCompleted(false, …)`, their `AndAuth` forms with
//! `verifyAndAuthCompleted(false, …)` (the official client refuses to send
//! the two requests itself).

use super::session::Session;
use super::time::now_millis;
use crate::messages::connection::{
    CurrentTimeInMillis, ReqCurrentTimeInMillis, ReqUserInfo, UserInfo, VerifyAndAuthCompleted,
    VerifyAndAuthMessage, VerifyAndAuthRequest, VerifyCompleted, VerifyMessage, VerifyRequest,
};
use crate::messages::decode_body;
use crate::messages::ids::outgoing;
use crate::wire::DecodeError;

/// The reason given for every verification.
const NOT_ENABLED: &str = "API verification is not enabled for this connection.";

/// Answers one of these connection requests.
pub(super) fn handle(s: &mut Session<'_>, id: u32, body: &[u8]) -> Result<(), DecodeError> {
    let sv = s.sv;
    match id {
        outgoing::REQ_CURRENT_TIME_IN_MILLIS => {
            let _: ReqCurrentTimeInMillis = decode_body(sv, body)?;
            s.send(&CurrentTimeInMillis {
                time_in_millis: now_millis(),
            });
        }
        outgoing::REQ_USER_INFO => {
            let m: ReqUserInfo = decode_body(sv, body)?;
            s.send(&UserInfo {
                req_id: m.req_id,
                white_branding_id: s.shared.config.white_branding_id.clone(),
            });
        }
        outgoing::VERIFY_REQUEST | outgoing::VERIFY_MESSAGE => {
            if id == outgoing::VERIFY_REQUEST {
                let _: VerifyRequest = decode_body(sv, body)?;
            } else {
                let _: VerifyMessage = decode_body(sv, body)?;
            }
            s.send(&VerifyCompleted::<false> {
                is_successful: false,
                error_text: NOT_ENABLED.into(),
            });
        }
        outgoing::VERIFY_AND_AUTH_REQUEST | outgoing::VERIFY_AND_AUTH_MESSAGE => {
            if id == outgoing::VERIFY_AND_AUTH_REQUEST {
                let _: VerifyAndAuthRequest = decode_body(sv, body)?;
            } else {
                let _: VerifyAndAuthMessage = decode_body(sv, body)?;
            }
            s.send(&VerifyAndAuthCompleted {
                is_successful: false,
                error_text: NOT_ENABLED.into(),
            });
        }
        other => s.not_simulated(other),
    }
    Ok(())
}
