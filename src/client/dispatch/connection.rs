//! Dispatch of the remaining connection messages (verify, user info, time in
//! milliseconds): decoded with [`crate::messages::connection`] and delivered
//! to their callbacks. The table in `dispatch/mod.rs` routes their ids here.

use crate::messages::connection::{
    CurrentTimeInMillis, UserInfo, VerifyAndAuthCompleted, VerifyAndAuthMessageApi,
    VerifyCompleted, VerifyMessageApi,
};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one of these connection messages (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::VERIFY_MESSAGE_API => {
            let m = VerifyMessageApi::decode(sv, r)?;
            w.verify_message_api(&m.api_data);
        }
        incoming::VERIFY_COMPLETED => {
            let m = VerifyCompleted::<false>::decode(sv, r)?;
            w.verify_completed(m.is_successful, &m.error_text);
        }
        incoming::VERIFY_AND_AUTH_MESSAGE_API => {
            let m = VerifyAndAuthMessageApi::decode(sv, r)?;
            w.verify_and_auth_message_api(&m.api_data, &m.xyz_challange);
        }
        incoming::VERIFY_AND_AUTH_COMPLETED => {
            let m = VerifyAndAuthCompleted::decode(sv, r)?;
            w.verify_and_auth_completed(m.is_successful, &m.error_text);
        }
        incoming::USER_INFO => {
            let m = UserInfo::decode(sv, r)?;
            w.user_info(m.req_id, &m.white_branding_id);
        }
        incoming::CURRENT_TIME_IN_MILLIS => {
            let m = CurrentTimeInMillis::decode(sv, r)?;
            w.current_time_in_millis(m.time_in_millis);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
