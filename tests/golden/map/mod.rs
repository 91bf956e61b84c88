//! From a scenario's official call name and JSON arguments to the Rust
//! `EClient` call: one small mapping per domain (`map/<domain>.rs`), each
//! answering `None` for names that are not its own.

pub mod args;

mod account;
mod connection;
mod contracts;
mod display_groups;
mod fundamentals;
mod historical;
mod market_data;
mod news;
mod orders;
mod scanner;

pub use args::Args;
use tws_api::{EClient, Error};

type Mapping = fn(&EClient, &str, &Args) -> Option<Result<(), Error>>;

const DOMAINS: &[Mapping] = &[
    account::call,
    connection::call,
    contracts::call,
    display_groups::call,
    fundamentals::call,
    historical::call,
    market_data::call,
    news::call,
    orders::call,
    scanner::call,
];

/// Makes the call `name` on `c`; `None` when no domain knows the name.
pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    DOMAINS.iter().find_map(|f| f(c, name, a))
}
