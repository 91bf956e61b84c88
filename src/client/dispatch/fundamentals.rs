//! Dispatch of the fundamental data and WSH messages: decoded with
//! [`crate::messages::fundamentals`] and delivered to their callbacks. The
//! table in `dispatch/mod.rs` routes their ids here.

use crate::messages::fundamentals::{FundamentalData, WshEventDataMessage, WshMetaData};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one fundamental data or WSH message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::FUNDAMENTAL_DATA => {
            let m = FundamentalData::decode(sv, r)?;
            w.fundamental_data(m.req_id, &m.data);
        }
        incoming::WSH_META_DATA => {
            let m = WshMetaData::decode(sv, r)?;
            w.wsh_meta_data(m.req_id, &m.data_json);
        }
        incoming::WSH_EVENT_DATA => {
            let m = WshEventDataMessage::decode(sv, r)?;
            w.wsh_event_data(m.req_id, &m.data_json);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
