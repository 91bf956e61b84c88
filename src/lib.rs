//! # tws-api
//!
//! A faithful, synchronous Rust port of Interactive Brokers' TWS API client.
//! (Crate docs are completed below as the pieces land.)

#![warn(missing_docs)]

pub mod client;
pub mod config;
pub mod errors;
pub mod messages;
pub mod model;
pub mod proto;
pub mod server_versions;
pub mod sim;
pub mod wire;
pub mod wrapper;

pub use client::{EClient, Event, IBClient};
pub use config::IBConfig;
pub use errors::Error;
pub use model::*;
pub use wrapper::EWrapper;
