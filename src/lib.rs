//! # tws-api
//!
//! A faithful, synchronous Rust port of Interactive Brokers' TWS API client.
//! (Crate docs are completed below as the pieces land.)

#![warn(missing_docs)]

pub mod model;
pub mod proto;
pub mod server_versions;
pub mod wrapper;

pub use model::*;
pub use wrapper::EWrapper;
