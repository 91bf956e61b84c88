//! [`OrderCancel`]: extra attributes of an order cancellation.

use super::unset::UNSET_INTEGER;

/// Options sent with `cancel_order` and `req_global_cancel`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrderCancel {
    /// Time of a manual cancellation (regulatory), `YYYYMMDD-hh:mm:ss`.
    pub manual_order_cancel_time: String,
    /// Identifier of the operator that cancels (regulatory).
    pub ext_operator: String,
    /// Whether the cancellation was entered manually (regulatory): 0 or 1;
    /// [`UNSET_INTEGER`] when not given.
    pub manual_order_indicator: i32,
}

impl Default for OrderCancel {
    fn default() -> Self {
        Self {
            manual_order_cancel_time: String::new(),
            ext_operator: String::new(),
            manual_order_indicator: UNSET_INTEGER,
        }
    }
}
