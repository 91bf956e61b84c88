//! Account values, portfolio, positions (also multi), PnL, family codes,
//! soft-dollar tiers and financial-advisor configuration.
//!
//! [`requests`] holds what the client sends (`reqAccountUpdates`,
//! `reqAccountSummary`, `reqPositions`, `reqPnL`, `requestFA`, …),
//! [`responses`] what TWS answers (`updateAccountValue`, `updatePortfolio`,
//! `position`, `accountSummary`, `pnl`, `receiveFA`, …). Everything is
//! re-exported here.

pub mod requests;
pub mod responses;

pub use requests::*;
pub use responses::*;

/// The `faData` values of `requestFA` and `replaceFA` (the official `FaDataTypeEnum`).
pub mod fa_data_type {
    /// Advisor groups.
    pub const GROUPS: i32 = 1;
    /// Allocation profiles: no longer supported from server version 177
    /// (`MIN_SERVER_VER_FA_PROFILE_DESUPPORT`); the client refuses them with 585.
    pub const PROFILES: i32 = 2;
    /// Account aliases.
    pub const ALIASES: i32 = 3;
}

use crate::messages::layout::Io;
use crate::wire::DecodeError;

/// A message version field in a [`Layout`](crate::messages::layout::Layout):
/// written as `v`, skipped when read (what `flat_message!`'s `version` does).
pub(crate) fn version(io: &mut dyn Io, mut v: i32) -> Result<(), DecodeError> {
    if io.reading() {
        io.skip("version")
    } else {
        io.int(&mut v, "version")
    }
}
