//! The sim's clock and calendar, without a date crate: civil dates, the
//! US/Eastern zone (with its daylight-saving rules since 2007), and the
//! date-time forms TWS writes and reads (the handshake's connection time,
//! historical answers, news times). Every domain of the sim takes its dates
//! from here.

pub(crate) use crate::clock::{now_millis, now_secs};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (the inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// 0 = Monday … 6 = Sunday.
pub(crate) fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// `true` on Monday to Friday (the sim has no holidays).
pub(crate) fn is_trading_day(days: i64) -> bool {
    weekday(days) < 5
}

/// The day number of the `n`th (1-based) Sunday of a month.
fn nth_sunday(y: i64, m: i64, n: i64) -> i64 {
    let first = days_from_civil(y, m, 1);
    let to_sunday = (6 - weekday(first)).rem_euclid(7);
    first + to_sunday + 7 * (n - 1)
}

/// US/Eastern's offset from UTC at `utc` (seconds): −4 h in daylight-saving
/// time (second Sunday of March 2:00 to first Sunday of November 2:00), else −5 h.
pub(crate) fn eastern_offset(utc: i64) -> i64 {
    let (y, _, _) = civil_from_days(utc.div_euclid(86_400));
    let start = nth_sunday(y, 3, 2) * 86_400 + 7 * 3600; // 2:00 EST = 7:00 UTC
    let end = nth_sunday(y, 11, 1) * 86_400 + 6 * 3600; // 2:00 EDT = 6:00 UTC
    if utc >= start && utc < end {
        -4 * 3600
    } else {
        -5 * 3600
    }
}

/// Local US/Eastern seconds of `utc` (as if the local clock were UTC).
pub(crate) fn to_eastern(utc: i64) -> i64 {
    utc + eastern_offset(utc)
}

/// The UTC instant of a local US/Eastern time.
pub(crate) fn from_eastern(local: i64) -> i64 {
    local - eastern_offset(local + 5 * 3600)
}

/// Formats `secs` since the epoch as TWS formats its connection time:
/// `yyyymmdd hh:mm:ss` plus a zone (always `UTC` here).
///
/// ```
/// assert_eq!(tws_api::sim::format_connection_time(0), "19700101 00:00:00 UTC");
/// assert_eq!(tws_api::sim::format_connection_time(1795452832), "20261123 16:53:52 UTC");
/// ```
pub fn format_connection_time(secs: i64) -> String {
    format!("{} UTC", format_local(secs))
}

/// The civil date and the clock time of `secs`: year, month, day, hour,
/// minute, second.
fn date_time(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    (y, m, d, s / 3600, s % 3600 / 60, s % 60)
}

/// `yyyymmdd hh:mm:ss` of local seconds.
pub(crate) fn format_local(local: i64) -> String {
    let (y, m, d, hh, mm, ss) = date_time(local);
    format!("{y:04}{m:02}{d:02} {hh:02}:{mm:02}:{ss:02}")
}

/// `yyyymmdd` of a day number.
pub(crate) fn format_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}{m:02}{d:02}")
}

/// `yyyymmdd-hh:mm:ss` of local seconds (schedules).
pub(crate) fn format_dash(local: i64) -> String {
    format_local(local).replacen(' ', "-", 1)
}

/// Parses TWS's date-time forms into UTC seconds: `yyyymmdd hh:mm:ss`
/// (US/Eastern, the sim's TWS time zone), `yyyymmdd hh:mm:ss <zone>` with
/// zone `UTC`/`GMT` or `US/Eastern`/`America/New_York` (other zones are read
/// as US/Eastern), `yyyymmdd-hh:mm:ss` (UTC) and `yyyymmdd` (midnight, US/Eastern).
pub(crate) fn parse_date_time(text: &str) -> Option<i64> {
    let t = text.trim();
    let num = |s: &str| -> Option<i64> {
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            s.parse().ok()
        } else {
            None
        }
    };
    let date = t.get(..8)?;
    let (y, m, d) = (num(&date[..4])?, num(&date[4..6])?, num(&date[6..8])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    let rest = &t[8..];
    if rest.is_empty() {
        return Some(from_eastern(days * 86_400));
    }
    let utc_form = rest.starts_with('-');
    let rest = rest.get(1..)?.trim_start();
    let clock = rest.get(..8)?;
    let parts: Vec<&str> = clock.split(':').collect();
    if parts.len() != 3 {
        return None;
    }
    let (hh, mm, ss) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    if hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    let local = days * 86_400 + hh * 3600 + mm * 60 + ss;
    let zone = rest[8..].trim();
    if utc_form || matches!(zone, "UTC" | "GMT" | "Etc/UTC") {
        Some(local)
    } else {
        Some(from_eastern(local))
    }
}

/// `yyyy-MM-dd HH:mm:ss.0`, UTC, as TWS writes news times.
pub(crate) fn news_time(secs: i64) -> String {
    let (y, m, d, hh, mm, ss) = date_time(secs);
    format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}.0")
}

/// Reads `yyyy-MM-dd HH:mm:ss[.f]` or `yyyyMMdd HH:mm:ss` (UTC); `None` for
/// empty or unreadable text.
pub(crate) fn parse_news_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(' ').unwrap_or((text, "00:00:00"));
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 8 {
        return None;
    }
    let y: i64 = digits[0..4].parse().ok()?;
    let m: i64 = digits[4..6].parse().ok()?;
    let d: i64 = digits[6..8].parse().ok()?;
    let time = time.split('.').next().unwrap_or("");
    let mut hms = time.split(':').map(|p| p.trim().parse::<i64>());
    let h = hms.next().unwrap_or(Ok(0)).ok()?;
    let mi = hms.next().unwrap_or(Ok(0)).ok()?;
    let se = hms.next().unwrap_or(Ok(0)).ok()?;
    Some(days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + se)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        for days in [-1000, 0, 18_000, 20_090, 30_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        // 2025-01-02 was a Thursday.
        assert_eq!(weekday(days_from_civil(2025, 1, 2)), 3);
    }

    #[test]
    fn eastern_time_and_parsing() {
        // 2025-01-02 09:30 EST = 14:30 UTC; 2025-07-01 09:30 EDT = 13:30 UTC.
        let jan = parse_date_time("20250102 09:30:00 US/Eastern").unwrap();
        assert_eq!(format_local(jan), "20250102 14:30:00");
        assert_eq!(format_local(to_eastern(jan)), "20250102 09:30:00");
        let jul = parse_date_time("20250701 09:30:00").unwrap();
        assert_eq!(format_local(jul), "20250701 13:30:00");
        assert_eq!(parse_date_time("20250701-13:30:00"), Some(jul));
        assert_eq!(parse_date_time("20250701 13:30:00 UTC"), Some(jul));
        assert_eq!(parse_date_time("2025x701 13:30:00"), None);
        assert_eq!(parse_date_time("20250701 25:30:00"), None);
    }

    #[test]
    fn news_times_round_trip() {
        let t = 1_764_428_400; // 2025-11-29 15:00:00 UTC
        assert_eq!(news_time(t), "2025-11-29 15:00:00.0");
        assert_eq!(parse_news_time(&news_time(t)), Some(t));
        assert_eq!(parse_news_time("20251129 15:00:00"), Some(t));
        assert_eq!(parse_news_time(""), None);
    }
}
