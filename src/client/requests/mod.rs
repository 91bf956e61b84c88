//! The requests: one `impl EClient` block per domain, the official names in
//! snake_case, the official arguments in the official order. The domains are
//! the same as in [`crate::messages`], the dispatch table and [`crate::sim`].

mod account;
mod connection;
mod contracts;
mod display_groups;
mod fundamentals;
mod historical;
mod market_data;
mod news;
pub(crate) mod orders;
mod proto_buf;
mod scanner;
