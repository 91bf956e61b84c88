//! The wall clock, read one way for the whole crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now (how the official client stamps
/// the errors it produces; 0 if the clock is before 1970).
pub(crate) fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Seconds since the Unix epoch, now (the simulated gateway's clock).
#[cfg(feature = "sim")]
pub(crate) fn now_secs() -> i64 {
    now_millis() / 1000
}

/// Seconds since the Unix epoch, now, with their fraction (the simulated
/// gateway's prices walk with it).
#[cfg(feature = "sim")]
pub(crate) fn now_secs_f64() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}
