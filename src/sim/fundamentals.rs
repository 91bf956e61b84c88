//! The sim's fundamental data and WSH.

use super::session::Session;
use crate::wire::DecodeError;

/// A connection's state for this domain.
#[derive(Debug, Default)]
pub(crate) struct State {}

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, id: u32, _body: &[u8]) -> Result<(), DecodeError> {
    s.not_simulated(id);
    Ok(())
}
