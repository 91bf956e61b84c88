//! Order, execution and commission requests.
