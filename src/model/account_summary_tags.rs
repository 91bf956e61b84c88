//! Tags for `req_account_summary` (the official `AccountSummaryTags`).
//!
//! ```
//! use tws_api::model::AccountSummaryTags;
//!
//! let tags = [AccountSummaryTags::NET_LIQUIDATION, AccountSummaryTags::BUYING_POWER].join(",");
//! assert_eq!(tags, "NetLiquidation,BuyingPower");
//! assert!(AccountSummaryTags::ALL_TAGS.starts_with("AccountType,NetLiquidation,"));
//! ```

/// Namespace of the account summary tag names; the constants are the exact
/// strings TWS expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AccountSummaryTags;

impl AccountSummaryTags {
    /// Account type.
    pub const ACCOUNT_TYPE: &'static str = "AccountType";
    /// Net liquidation value.
    pub const NET_LIQUIDATION: &'static str = "NetLiquidation";
    /// Total cash, including futures P&L.
    pub const TOTAL_CASH_VALUE: &'static str = "TotalCashValue";
    /// Settled cash.
    pub const SETTLED_CASH: &'static str = "SettledCash";
    /// Interest accrued but not yet paid or charged.
    pub const ACCRUED_CASH: &'static str = "AccruedCash";
    /// Buying power.
    pub const BUYING_POWER: &'static str = "BuyingPower";
    /// Equity with loan value.
    pub const EQUITY_WITH_LOAN_VALUE: &'static str = "EquityWithLoanValue";
    /// Equity with loan value at the previous day's close.
    pub const PREVIOUS_DAY_EQUITY_WITH_LOAN_VALUE: &'static str = "PreviousDayEquityWithLoanValue";
    /// Sum of the absolute values of all positions.
    pub const GROSS_POSITION_VALUE: &'static str = "GrossPositionValue";
    /// Regulation T equity.
    pub const REQ_TEQUITY: &'static str = "ReqTEquity";
    /// Regulation T margin.
    pub const REQ_TMARGIN: &'static str = "ReqTMargin";
    /// Special memorandum account.
    pub const SMA: &'static str = "SMA";
    /// Initial margin requirement.
    pub const INIT_MARGIN_REQ: &'static str = "InitMarginReq";
    /// Maintenance margin requirement.
    pub const MAINT_MARGIN_REQ: &'static str = "MaintMarginReq";
    /// Funds available for trading.
    pub const AVAILABLE_FUNDS: &'static str = "AvailableFunds";
    /// Liquidity in excess of the maintenance requirement.
    pub const EXCESS_LIQUIDITY: &'static str = "ExcessLiquidity";
    /// Excess liquidity as a fraction of net liquidation value.
    pub const CUSHION: &'static str = "Cushion";
    /// Initial margin requirement of all positions.
    pub const FULL_INIT_MARGIN_REQ: &'static str = "FullInitMarginReq";
    /// Maintenance margin requirement of all positions.
    pub const FULL_MAINT_MARGIN_REQ: &'static str = "FullMaintMarginReq";
    /// Available funds counting all positions.
    pub const FULL_AVAILABLE_FUNDS: &'static str = "FullAvailableFunds";
    /// Excess liquidity counting all positions.
    pub const FULL_EXCESS_LIQUIDITY: &'static str = "FullExcessLiquidity";
    /// Time of the next margin requirement change.
    pub const LOOK_AHEAD_NEXT_CHANGE: &'static str = "LookAheadNextChange";
    /// Initial margin requirement after the next change.
    pub const LOOK_AHEAD_INIT_MARGIN_REQ: &'static str = "LookAheadInitMarginReq";
    /// Maintenance margin requirement after the next change.
    pub const LOOK_AHEAD_MAINT_MARGIN_REQ: &'static str = "LookAheadMaintMarginReq";
    /// Available funds after the next change.
    pub const LOOK_AHEAD_AVAILABLE_FUNDS: &'static str = "LookAheadAvailableFunds";
    /// Excess liquidity after the next change.
    pub const LOOK_AHEAD_EXCESS_LIQUIDITY: &'static str = "LookAheadExcessLiquidity";
    /// How close the account is to liquidation.
    pub const HIGHEST_SEVERITY: &'static str = "HighestSeverity";
    /// Day trades left before pattern day trader rules apply.
    pub const DAY_TRADES_REMAINING: &'static str = "DayTradesRemaining";
    /// Gross position value divided by net liquidation value.
    pub const LEVERAGE: &'static str = "Leverage";
    /// Every tag above, comma-separated, in the official order.
    pub const ALL_TAGS: &'static str = "AccountType,NetLiquidation,TotalCashValue,SettledCash,AccruedCash,BuyingPower,EquityWithLoanValue,PreviousDayEquityWithLoanValue,GrossPositionValue,ReqTEquity,ReqTMargin,SMA,InitMarginReq,MaintMarginReq,AvailableFunds,ExcessLiquidity,Cushion,FullInitMarginReq,FullMaintMarginReq,FullAvailableFunds,FullExcessLiquidity,LookAheadNextChange,LookAheadInitMarginReq,LookAheadMaintMarginReq,LookAheadAvailableFunds,LookAheadExcessLiquidity,HighestSeverity,DayTradesRemaining,Leverage";
}
