//! Wall-clock formatting for the handshake, without a date crate.

pub(crate) use crate::clock::{now_millis, now_secs};

/// Formats `secs` since the epoch as TWS formats its connection time:
/// `yyyymmdd hh:mm:ss` plus a zone (always `UTC` here).
///
/// ```
/// assert_eq!(tws_api::sim::format_connection_time(0), "19700101 00:00:00 UTC");
/// assert_eq!(tws_api::sim::format_connection_time(1795452832), "20261123 16:53:52 UTC");
/// ```
pub fn format_connection_time(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
