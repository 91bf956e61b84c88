//! Account values, portfolio, positions (also multi), PnL, family codes,
//! soft-dollar tiers and financial-advisor configuration.
//!
//! [`requests`] holds what the client sends (`reqAccountUpdates`,
//! `reqAccountSummary`, `reqPositions`, `reqPnL`, `requestFA`, …),
//! [`responses`] what TWS answers (`updateAccountValue`, `updatePortfolio`,
//! `position`, `accountSummary`, `pnl`, `receiveFA`, …). Everything is
//! re-exported here.

mod proto_forms;
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
