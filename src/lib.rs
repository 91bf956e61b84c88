#![doc = include_str!("../README.md")]
//!
//! # Crate layout
//!
//! Layers, each using only the ones below it:
//!
//! * [`wire`]: bytes only — length-prefixed frames, NUL-terminated fields, the
//!   handshake, text or raw-`u32` message ids by server version.
//! * [`messages`]: the protocol — one type per message, its layout written
//!   once for both directions (`flat_message!` or a `Layout` over an `Io`),
//!   used by both the client and the simulated gateway; every incoming
//!   message delivers itself to an `EWrapper` and names the request it
//!   answers (`messages::Incoming`); one id table (`messages::ids`) maps ids
//!   to types both ways; every version gate lives here, named by its
//!   [`server_versions`] constant.
//! * [`client`]: [`EClient`], the EReader thread, `run()`, [`Event`],
//!   [`IBClient`] (with its blocking helpers and streams), the request
//!   lifecycle; and `sim`, the gateway's side.
//!
//! A domain (contracts, market data, historical, orders, account, news,
//! scanner, fundamentals, display groups, connection) is the same name in
//! every layer: `messages/<domain>`, `client/requests/<domain>.rs` (its
//! `EClient` methods), `client/sync/<domain>.rs` (its blocking helpers),
//! `sim/<domain>`, and its tests, golden scenarios
//! (`tests/golden/scenarios/<domain>.json`) and differential frames
//! (`tests/differential/<domain>.rs`); market depth, option computations and
//! tick-by-tick data are sub-domains of market data. docs/architecture.md
//! tells how a message is defined, routed and delivered, and what a new one
//! touches.
//! * [`model`] (Contract, Order, TickAttrib, …), [`errors`], [`config`],
//!   [`proto`] (the official protobuf messages), [`wrapper`] ([`EWrapper`]).
//!
//! The simulated gateway (`sim`), the status service (`status`), the doctor
//! (`doctor`) and the binaries' command line (`cli`) are cargo features of the
//! same names, on by default; with `default-features = false` the crate is the
//! client alone (see Features above).
//!
//! # Who owns the wrapper
//!
//! The client does not. [`EClient::run`] borrows it (`&mut dyn EWrapper`) on the
//! thread that calls `run`, so callbacks take `&mut self`, and no lock stands
//! between the socket and your code. A callback that needs to send a request
//! holds a clone of the `EClient` (an `Arc` inside). Errors the client itself
//! produces (502, 504, 507, …) are queued as messages that `run` dispatches in
//! order — they can never deadlock against a callback that is running — and are
//! also returned as `Err` by the call that caused them.

#![warn(missing_docs)]

#[cfg(feature = "cli")]
pub mod cli;
pub mod client;
mod clock;
pub mod config;
#[cfg(feature = "doctor")]
pub mod doctor;
pub mod errors;
pub mod messages;
pub mod model;
pub mod portfolio;
pub mod proto;
pub mod server_versions;
#[cfg(feature = "sim")]
pub mod sim;
#[cfg(feature = "status")]
pub mod status;
pub mod transcript;
pub mod wire;
pub mod wrapper;

pub use client::{EClient, Event, IBClient};
pub use config::IBConfig;
pub use errors::Error;
pub use model::*;
pub use wrapper::EWrapper;
