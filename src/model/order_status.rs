//! The order status values TWS sends in `orderStatus` and `openOrder`
//! (`OrderState::status`), as an enum: the official client's
//! `ibapi.order_status.OrderStatus` (new in 10.51).
//!
//! ```
//! use tws_api::OrderStatus;
//!
//! let s = OrderStatus::get("presubmitted");
//! assert_eq!(s, OrderStatus::PreSubmitted);
//! assert!(s.is_active() && !s.is_terminal());
//! assert_eq!(OrderStatus::get("Filled").to_string(), "Filled");
//! assert_eq!(OrderStatus::get("no such status"), OrderStatus::Unknown);
//! ```

use std::fmt;

/// An order's status as TWS names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// Not yet sent to IB's servers (an order TWS holds for the API client).
    ApiPending,
    /// Cancelled before TWS sent it on.
    ApiCancelled,
    /// Accepted and held until its conditions or its time are met.
    PreSubmitted,
    /// A cancel was sent and is not yet confirmed.
    PendingCancel,
    /// Cancelled.
    Cancelled,
    /// Working at the exchange or at IB.
    Submitted,
    /// Filled in full.
    Filled,
    /// Not working: rejected, or stopped (see the error that came with it).
    Inactive,
    /// Sent, not yet acknowledged.
    PendingSubmit,
    /// A text that is none of the above (or none at all).
    Unknown,
}

impl OrderStatus {
    /// Every status, in the official client's order.
    pub const ALL: [OrderStatus; 10] = [
        OrderStatus::ApiPending,
        OrderStatus::ApiCancelled,
        OrderStatus::PreSubmitted,
        OrderStatus::PendingCancel,
        OrderStatus::Cancelled,
        OrderStatus::Submitted,
        OrderStatus::Filled,
        OrderStatus::Inactive,
        OrderStatus::PendingSubmit,
        OrderStatus::Unknown,
    ];

    /// The status a text names, compared without case and surrounding
    /// spaces; [`Unknown`](OrderStatus::Unknown) for anything else and for
    /// the empty text (the official `OrderStatus.get`).
    pub fn get(text: &str) -> OrderStatus {
        let text = text.trim();
        OrderStatus::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
            .unwrap_or(OrderStatus::Unknown)
    }

    /// The text TWS writes.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::ApiPending => "ApiPending",
            OrderStatus::ApiCancelled => "ApiCancelled",
            OrderStatus::PreSubmitted => "PreSubmitted",
            OrderStatus::PendingCancel => "PendingCancel",
            OrderStatus::Cancelled => "Cancelled",
            OrderStatus::Submitted => "Submitted",
            OrderStatus::Filled => "Filled",
            OrderStatus::Inactive => "Inactive",
            OrderStatus::PendingSubmit => "PendingSubmit",
            OrderStatus::Unknown => "Unknown",
        }
    }

    /// Whether the order is still working: more fills, or a cancel, can
    /// still come (PreSubmitted, PendingCancel, Submitted, PendingSubmit).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            OrderStatus::PreSubmitted
                | OrderStatus::PendingCancel
                | OrderStatus::Submitted
                | OrderStatus::PendingSubmit
        )
    }

    /// Whether the status is final: no more fills, no other status will
    /// follow (Filled, Cancelled, Inactive, ApiCancelled).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            OrderStatus::Filled
                | OrderStatus::Cancelled
                | OrderStatus::Inactive
                | OrderStatus::ApiCancelled
        )
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_and_classes_are_the_official_ones() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::get(s.as_str()), s);
            assert_eq!(
                OrderStatus::get(&format!(" {} ", s.as_str().to_uppercase())),
                s
            );
        }
        assert_eq!(OrderStatus::get(""), OrderStatus::Unknown);
        let active: Vec<_> = OrderStatus::ALL
            .into_iter()
            .filter(|s| s.is_active())
            .collect();
        let terminal: Vec<_> = OrderStatus::ALL
            .into_iter()
            .filter(|s| s.is_terminal())
            .collect();
        assert_eq!(active.len(), 4);
        assert_eq!(terminal.len(), 4);
        assert!(!OrderStatus::ApiPending.is_active() && !OrderStatus::ApiPending.is_terminal());
    }
}
