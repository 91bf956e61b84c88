//! Dispatch of the display group messages: decoded with
//! [`crate::messages::display_groups`] and delivered to their callbacks. The
//! table in `dispatch/mod.rs` routes their ids here.

use crate::messages::display_groups::{DisplayGroupList, DisplayGroupUpdated};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one display group message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::DISPLAY_GROUP_LIST => {
            let m = DisplayGroupList::decode(sv, r)?;
            w.display_group_list(m.req_id, &m.groups);
        }
        incoming::DISPLAY_GROUP_UPDATED => {
            let m = DisplayGroupUpdated::decode(sv, r)?;
            w.display_group_updated(m.req_id, &m.contract_info);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
