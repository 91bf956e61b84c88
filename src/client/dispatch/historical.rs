//! Dispatch of the historical data and real-time bar messages: decoded with [`crate::messages::historical`]
//! and delivered to their callbacks. The table in `dispatch/mod.rs` routes
//! their ids here.

use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one historical data and real-time bar message (fields) and calls the wrapper.
pub(super) fn fields(
    _sv: i32,
    id: u32,
    _r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    super::unknown_or_pending(id, false, w);
    Ok(())
}
