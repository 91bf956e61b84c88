//! [`OrderState`]: status, margin and commission impact of an order.

use super::unset::{Decimal, UNSET_DECIMAL, UNSET_DOUBLE};

/// How an order is (or would be) allocated to one account of a financial
/// advisor's group, reported in [`OrderState::order_allocations`].
#[derive(Debug, Clone, PartialEq)]
pub struct OrderAllocation {
    /// The account.
    pub account: String,
    /// Current position; [`UNSET_DECIMAL`] when not reported.
    pub position: Decimal,
    /// Desired position; [`UNSET_DECIMAL`] when not reported.
    pub position_desired: Decimal,
    /// Position after the allocation; [`UNSET_DECIMAL`] when not reported.
    pub position_after: Decimal,
    /// Desired allocation quantity; [`UNSET_DECIMAL`] when not reported.
    pub desired_alloc_qty: Decimal,
    /// Allowed allocation quantity; [`UNSET_DECIMAL`] when not reported.
    pub allowed_alloc_qty: Decimal,
    /// The allocation is in money rather than shares.
    pub is_monetary: bool,
}

impl Default for OrderAllocation {
    fn default() -> Self {
        Self {
            account: String::new(),
            position: UNSET_DECIMAL,
            position_desired: UNSET_DECIMAL,
            position_after: UNSET_DECIMAL,
            desired_alloc_qty: UNSET_DECIMAL,
            allowed_alloc_qty: UNSET_DECIMAL,
            is_monetary: false,
        }
    }
}

/// The state of an order: its status and, for what-if orders, its effect on
/// margin and the commission it would cost. Delivered with `open_order` and
/// `completed_order`.
///
/// The margin figures during regular trading hours are text (as TWS sends
/// them); the outside-RTH ones are numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderState {
    /// Order status (`Submitted`, `Filled`, `Cancelled`, …).
    pub status: String,

    /// Initial margin before the order.
    pub init_margin_before: String,
    /// Maintenance margin before the order.
    pub maint_margin_before: String,
    /// Equity with loan before the order.
    pub equity_with_loan_before: String,
    /// Change of initial margin.
    pub init_margin_change: String,
    /// Change of maintenance margin.
    pub maint_margin_change: String,
    /// Change of equity with loan.
    pub equity_with_loan_change: String,
    /// Initial margin after the order.
    pub init_margin_after: String,
    /// Maintenance margin after the order.
    pub maint_margin_after: String,
    /// Equity with loan after the order.
    pub equity_with_loan_after: String,

    /// Commissions and fees; [`UNSET_DOUBLE`] when not reported.
    pub commission_and_fees: f64,
    /// Lowest estimate of commissions and fees; [`UNSET_DOUBLE`] when not reported.
    pub min_commission_and_fees: f64,
    /// Highest estimate of commissions and fees; [`UNSET_DOUBLE`] when not reported.
    pub max_commission_and_fees: f64,
    /// Currency of the commissions and fees.
    pub commission_and_fees_currency: String,
    /// Currency of the margin figures.
    pub margin_currency: String,
    /// Initial margin before, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub init_margin_before_outside_rth: f64,
    /// Maintenance margin before, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub maint_margin_before_outside_rth: f64,
    /// Equity with loan before, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub equity_with_loan_before_outside_rth: f64,
    /// Initial margin change, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub init_margin_change_outside_rth: f64,
    /// Maintenance margin change, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub maint_margin_change_outside_rth: f64,
    /// Equity with loan change, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub equity_with_loan_change_outside_rth: f64,
    /// Initial margin after, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub init_margin_after_outside_rth: f64,
    /// Maintenance margin after, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub maint_margin_after_outside_rth: f64,
    /// Equity with loan after, outside regular hours; [`UNSET_DOUBLE`] when not reported.
    pub equity_with_loan_after_outside_rth: f64,
    /// Size TWS suggests; [`UNSET_DECIMAL`] when not reported.
    pub suggested_size: Decimal,
    /// Why the order was rejected.
    pub reject_reason: String,
    /// Per-account allocations (financial advisors).
    pub order_allocations: Vec<OrderAllocation>,
    /// Warning text from TWS.
    pub warning_text: String,
    /// When the order completed (completed orders only).
    pub completed_time: String,
    /// Final status (completed orders only).
    pub completed_status: String,
}

impl Default for OrderState {
    fn default() -> Self {
        Self {
            status: String::new(),
            init_margin_before: String::new(),
            maint_margin_before: String::new(),
            equity_with_loan_before: String::new(),
            init_margin_change: String::new(),
            maint_margin_change: String::new(),
            equity_with_loan_change: String::new(),
            init_margin_after: String::new(),
            maint_margin_after: String::new(),
            equity_with_loan_after: String::new(),
            commission_and_fees: UNSET_DOUBLE,
            min_commission_and_fees: UNSET_DOUBLE,
            max_commission_and_fees: UNSET_DOUBLE,
            commission_and_fees_currency: String::new(),
            margin_currency: String::new(),
            init_margin_before_outside_rth: UNSET_DOUBLE,
            maint_margin_before_outside_rth: UNSET_DOUBLE,
            equity_with_loan_before_outside_rth: UNSET_DOUBLE,
            init_margin_change_outside_rth: UNSET_DOUBLE,
            maint_margin_change_outside_rth: UNSET_DOUBLE,
            equity_with_loan_change_outside_rth: UNSET_DOUBLE,
            init_margin_after_outside_rth: UNSET_DOUBLE,
            maint_margin_after_outside_rth: UNSET_DOUBLE,
            equity_with_loan_after_outside_rth: UNSET_DOUBLE,
            suggested_size: UNSET_DECIMAL,
            reject_reason: String::new(),
            order_allocations: Vec::new(),
            warning_text: String::new(),
            completed_time: String::new(),
            completed_status: String::new(),
        }
    }
}
