//! The official API's data types (Contract, Order, TickAttrib, …), with the
//! official field names in snake_case and the official defaults.

mod unset;
pub use unset::*;
