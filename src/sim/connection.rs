//! The sim's remaining connection requests: verify, user info, time in milliseconds.

use super::session::Session;
use crate::wire::DecodeError;

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, id: u32, _body: &[u8]) -> Result<(), DecodeError> {
    s.not_simulated(id);
    Ok(())
}
