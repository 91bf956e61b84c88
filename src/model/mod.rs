//! The official API's data types (Contract, Order, TickAttrib, …), with the
//! official field names in snake_case and the official defaults.
//!
//! One module per official Python module (`contract`, `order`, `common`, …);
//! the types are re-exported here (and at the crate root), the constants stay
//! in their modules (`model::order::CUSTOMER`, `model::ticktype::tick_type::BID`).
//!
//! Conventions, applied throughout:
//!
//! * Python `int` is `i32`, except permanent order ids and epoch times, which
//!   are `i64`; `float` is `f64`; `Decimal` is [`Decimal`]; `str` is `String`.
//! * Numeric fields keep the official unset sentinels as defaults (see
//!   [`Unset`]), so `Order::default().lmt_price == UNSET_DOUBLE`.
//! * A nested object that may be `None` is an `Option` (for example
//!   [`Contract::delta_neutral_contract`]); a list that may be `None` is an
//!   empty `Vec`, which the official client treats the same way.
//! * Python names that only avoid a keyword or builtin drop the trailing
//!   underscore where Rust allows it (`RealTimeBar::open`, `IneligibilityReason::id`)
//!   and keep it where it does not (`CommissionAndFeesReport::yield_`).

mod unset;
pub use unset::*;

pub mod account_summary_tags;
pub mod commission_and_fees_report;
pub mod common;
pub mod contract;
pub mod depth_book;
pub mod execution;
pub mod ineligibility_reason;
pub mod news;
pub mod order;
pub mod order_cancel;
pub mod order_condition;
pub mod order_state;
pub mod order_status;
pub mod scanner;
pub mod softdollartier;
pub mod tag_value;
pub mod ticktype;

pub use account_summary_tags::AccountSummaryTags;
pub use commission_and_fees_report::CommissionAndFeesReport;
pub use common::{
    BarData, DepthMktDataDescription, FamilyCode, HistogramData, HistoricalSession, HistoricalTick,
    HistoricalTickBidAsk, HistoricalTickLast, NewsProvider, OrderId, PriceIncrement, RealTimeBar,
    SmartComponent, TickAttrib, TickAttribBidAsk, TickAttribLast, TickerId, WshEventData,
};
pub use contract::{
    ComboLeg, Contract, ContractDescription, ContractDetails, DeltaNeutralContract, FundAssetType,
    FundDistributionPolicyIndicator,
};
pub use depth_book::{DepthBookError, DepthLevel, MarketDepthBook};
pub use execution::{Execution, ExecutionFilter, OptionExerciseType};
pub use ineligibility_reason::IneligibilityReason;
pub use order::{Order, OrderComboLeg};
pub use order_cancel::OrderCancel;
pub use order_condition::{
    ExecutionCondition, MarginCondition, OrderCondition, PercentChangeCondition, PriceCondition,
    TimeCondition, VolumeCondition,
};
pub use order_state::{OrderAllocation, OrderState};
pub use order_status::OrderStatus;
pub use scanner::{ScanData, ScannerSubscription};
pub use softdollartier::SoftDollarTier;
pub use tag_value::TagValue;
pub use ticktype::{tick_type, tick_type_name, TickType};
