//! [`SoftDollarTier`]: a soft dollar commission tier.

/// A soft dollar tier, set on [`Order::soft_dollar_tier`](super::Order::soft_dollar_tier)
/// and listed by `req_soft_dollar_tiers`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SoftDollarTier {
    /// Tier name.
    pub name: String,
    /// Tier value, as sent on the wire.
    pub val: String,
    /// Name shown to the user.
    pub display_name: String,
}

impl SoftDollarTier {
    /// A tier from its three fields.
    pub fn new(
        name: impl Into<String>,
        val: impl Into<String>,
        display_name: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            val: val.into(),
            display_name: display_name.into(),
        }
    }
}
