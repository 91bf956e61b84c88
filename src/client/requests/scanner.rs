//! Scanner requests.
