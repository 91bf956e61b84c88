//! Dispatch of the scanner messages: decoded with [`crate::messages::scanner`]
//! and delivered to their callbacks. The table in `dispatch/mod.rs` routes
//! their ids here.

use crate::messages::ids::incoming;
use crate::messages::scanner::{ScannerData, ScannerParameters};
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one scanner message (fields) and calls the wrapper: `scannerData`
/// once per row, then `scannerDataEnd`, as the official decoder does.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::SCANNER_PARAMETERS => {
            let m = ScannerParameters::decode(sv, r)?;
            w.scanner_parameters(&m.xml);
        }
        incoming::SCANNER_DATA => {
            // The whole message decodes before the first callback, so a
            // garbled row loses the message, never half of it.
            let m = ScannerData::decode(sv, r)?;
            for row in &m.rows {
                w.scanner_data(
                    m.req_id,
                    row.rank,
                    &row.contract,
                    &row.distance,
                    &row.benchmark,
                    &row.projection,
                    &row.legs_str,
                );
            }
            w.scanner_data_end(m.req_id);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
