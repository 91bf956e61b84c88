//! The sim's news providers, articles, historical news and bulletins.

use std::time::Instant;

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

/// Sends what is due at `now`, and asks for the next turn with [`Session::wake_at`].
pub(super) fn on_timer(_s: &mut Session<'_>, _now: Instant) {}
