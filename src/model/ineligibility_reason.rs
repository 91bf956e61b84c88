//! [`IneligibilityReason`]: why an account may not trade a contract.

/// One reason, sent in [`ContractDetails::ineligibility_reason_list`](super::ContractDetails::ineligibility_reason_list).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct IneligibilityReason {
    /// Reason identifier (the official attribute is `id_`).
    pub id: String,
    /// Readable explanation.
    pub description: String,
}
