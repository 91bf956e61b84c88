//! [`CommissionAndFeesReport`]: the commission and fees of one execution.

/// Commissions, fees and realized P&L of one execution, delivered after
/// `exec_details` through the `commission_and_fees_report` callback.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommissionAndFeesReport {
    /// The execution this report belongs to ([`Execution::exec_id`](super::Execution::exec_id)).
    pub exec_id: String,
    /// Commissions and fees charged.
    pub commission_and_fees: f64,
    /// Currency of the commissions and fees.
    pub currency: String,
    /// Realized P&L of a closing trade.
    pub realized_pnl: f64,
    /// Bond yield at the fill (the official attribute is `yield_`; `yield` is reserved in Rust).
    pub yield_: f64,
    /// Bond yield redemption date, as the integer `YYYYMMDD`.
    pub yield_redemption_date: i32,
}
