//! The fundamentals requests of the scenario table (none yet).

use super::Args;
use tws_api::{EClient, Error};

pub fn call(_c: &EClient, _name: &str, _a: &Args) -> Option<Result<(), Error>> {
    None
}
