//! What TWS's message codes mean for the request they name: the one table
//! of classes ([`TWS_CODES`], [`classify`]), and TWS's connectivity and
//! data-farm notices.

/// What a message code means for the request (or order) it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeClass {
    /// A notice or a warning about a request or an order: the request goes
    /// on (its data follows, or keeps coming), the order stands. Delivered to
    /// `EWrapper::error`; it ends nothing.
    Warning,
    /// An error: TWS sends nothing more for the request it names (or refuses
    /// the order). It ends the request, the blocking helper that waits on it
    /// (`Error::Tws`) and the stream that reads it.
    Error,
    /// News about TWS's own connections: to IB's servers (1100, 1101, 1102,
    /// 2110), to its data farms (2103–2108, 2119, 2157, 2158), the API socket
    /// (1300). It ends no request by itself (a lost socket ends what it ends
    /// through `connection_closed`).
    Connection,
}

/// One row of [`TWS_CODES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code.
    pub code: i32,
    /// What it does to the request it names.
    pub class: CodeClass,
    /// What it means, in short (TWS's own text varies by version and
    /// carries details; see IB's list for the full texts).
    pub meaning: &'static str,
}

const fn row(code: i32, class: CodeClass, meaning: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        class,
        meaning,
    }
}

use CodeClass::{Connection as C, Error as E, Warning as W};

/// TWS's message codes with their class, sorted by code: the one table that
/// decides whether an `error` callback ends a request.
///
/// Built from IB's published list of message codes ("TWS API: Error
/// Handling — Message Codes", IBKR Campus; its older form is
/// <https://interactivebrokers.github.io/tws-api/message_codes.html>). The
/// official Python client has no such table: its `errors.py` holds only the
/// client's own codes (501–585), and its `EWrapper.error` just logs, leaving
/// the decision to the user. Codes IB does not list are marked "(not in IB's
/// list)" with where the meaning comes from: the text TWS sends with them.
///
/// A code not in the table is a warning in 2100–2199 (IB's warning codes are
/// all 21xx; the block is documented as warnings, and ib_insync/ib_async
/// read 2100 ≤ code < 2200 the same way), a warning when it is 0 (a frame
/// whose code is missing), and an error everywhere else — as for the
/// client's own codes (501–589) and tws-api's (90001, 90002).
#[rustfmt::skip]
pub const TWS_CODES: &[CodeInfo] = &[
    // Request and order errors that end what they name (IB's "Error Codes").
    row(100, E, "Max rate of messages per second exceeded (TWS may disconnect)"),
    row(101, E, "Max number of tickers reached: the market data request is refused"),
    row(102, E, "Duplicate ticker id"),
    row(103, E, "Duplicate order id"),
    // IB: "An attempt was made to cancel an order not active at the time": the
    // cancel is refused, the order itself is unchanged (its status tells).
    row(161, W, "Cancel attempted when the order is not in a cancellable state"),
    row(162, E, "Historical market data service error (the reason follows the text)"),
    row(200, E, "No security definition found for the request (or it is ambiguous)"),
    row(201, E, "Order rejected"),
    row(202, E, "Order cancelled"),
    row(300, E, "No subscription with that ticker id (a cancel for an unknown id)"),
    row(309, E, "Max number of market depth requests reached"),
    row(316, E, "Market depth data halted: subscribe again"),
    // IB: "Please empty deep book contents before applying any new entries":
    // the depth subscription goes on after the reset.
    row(317, W, "Market depth data reset: empty the book, updates follow"),
    row(321, E, "Error validating the request (the cause follows the text)"),
    row(322, E, "Error processing the request (duplicate ticker id, …)"),
    row(326, E, "Client id already in use (TWS closes the connection)"),
    row(354, E, "Requested market data is not subscribed"),
    row(366, E, "No historical data query with that ticker id"),
    // IB lists 399 as "Order message error" without notes; what TWS sends
    // under it are order messages that leave the order standing ("Warning:
    // your order will not be placed at the exchange until …"), and ib_insync
    // and ib_async treat it as a warning.
    row(399, W, "Order message: a warning about an order that stands"),
    // IB: "The order will be held while we attempt to locate the shares."
    row(404, W, "Shares not available for short sale yet: the order is held"),
    row(430, E, "Fundamentals data not available for the security"),
    // System message codes: TWS's connection to IB's servers and the socket.
    row(1100, C, "Connectivity between IB and TWS lost"),
    row(1101, C, "Connectivity restored, market data lost: subscribe again"),
    row(1102, C, "Connectivity restored, data maintained"),
    row(1300, C, "TWS socket port reset: this connection is dropped, reconnect on the new port"),
    // Warning message codes (21xx).
    row(2100, W, "New account data requested: the earlier account subscription was replaced"),
    // In IB's warning table, but IB's note says TWS rejects the new
    // reqAccountUpdates: the request does not go on.
    row(2101, E, "Unable to subscribe to the account: another client holds a different one"),
    row(2102, W, "Unable to modify the order while it is processed: the order stands"),
    row(2103, C, "A market data farm is disconnected"),
    row(2104, C, "Market data farm connection is OK"),
    row(2105, C, "A historical data farm is disconnected"),
    row(2106, C, "A historical data farm is connected"),
    row(2107, C, "A historical data farm connection is inactive, available on demand"),
    row(2108, C, "A market data farm connection is inactive, available on demand"),
    row(2109, W, "Outside-RTH attribute ignored: the order is processed"),
    row(2110, C, "Connectivity between TWS and server broken; restored automatically"),
    row(2119, C, "Market data farm is connecting"),
    row(2137, W, "Cross side warning: the order changes a long position to short or back"),
    // Not in IB's list: the counterpart of 2158 that TWS sends when the
    // security definition farm drops ("Sec-def data farm connection is broken").
    row(2157, C, "The security definition data farm is disconnected"),
    row(2158, C, "Sec-def data farm connection is OK"),
    // TWS error codes 10000 and up.
    row(10018, W, "Orders use EV warning"),
    row(10019, W, "Trades use EV warning"),
    row(10089, E, "Requested market data needs an additional subscription for the API"),
    // IB: "some tick types requested require additional market data
    // subscriptions … (other default ticks will be returned)".
    row(10090, W, "Part of the requested market data is not subscribed: the rest comes"),
    // IB's list has it under "Part of requested market data requires additional
    // subscription for API": as 10090, the ticks that are covered come.
    row(10091, W, "Part of the requested market data needs an API subscription: the rest comes"),
    row(10147, E, "The order to cancel was not found"),
    // Not in IB's current list: TWS's text is "Requested market data is not
    // subscribed. Displaying delayed market data." — the delayed data follows.
    row(10167, W, "Not subscribed: delayed market data is shown instead"),
    // Not in IB's current list: TWS's text is "Requested market data is not
    // subscribed. Delayed market data is not enabled." — IB lists the same
    // text as 10186. Nothing comes.
    row(10168, E, "Not subscribed, and delayed market data is not enabled"),
    row(10186, E, "Not subscribed, and delayed market data is not enabled"),
    // IB: a paper and a live login request live data at once; the live one
    // gets it. Nothing comes for this request.
    row(10197, E, "No market data during a competing live session"),
    row(10225, E, "Bust event: the real-time bars subscription is deactivated"),
    row(10276, E, "News feed is not allowed"),
];

/// The class of message code `code`: its row of [`TWS_CODES`], else a
/// warning for 0 (no code) and 2100–2199, else an error.
///
/// ```
/// use tws_api::errors::{classify, CodeClass};
/// assert_eq!(classify(10090), CodeClass::Warning); // part of the data is not subscribed
/// assert_eq!(classify(2158), CodeClass::Connection); // sec-def farm OK
/// assert_eq!(classify(2188), CodeClass::Warning); // in the 21xx warning block
/// assert_eq!(classify(200), CodeClass::Error); // no security definition
/// assert_eq!(classify(90002), CodeClass::Error); // tws-api: the connection was lost
/// ```
pub fn classify(code: i32) -> CodeClass {
    match TWS_CODES.binary_search_by_key(&code, |c| c.code) {
        Ok(i) => TWS_CODES[i].class,
        Err(_) => match code {
            0 | 2100..=2199 => CodeClass::Warning,
            _ => CodeClass::Error,
        },
    }
}

/// The row of [`TWS_CODES`] for `code`, if it has one.
pub fn code_info(code: i32) -> Option<&'static CodeInfo> {
    TWS_CODES
        .binary_search_by_key(&code, |c| c.code)
        .ok()
        .map(|i| &TWS_CODES[i])
}

/// `true` when an `error` callback with this code ends the request it names
/// ([`CodeClass::Error`]); warnings and connection events end nothing.
///
/// ```
/// use tws_api::errors::ends_request;
/// assert!(ends_request(162));
/// assert!(!ends_request(10167));
/// assert!(!ends_request(1100)); // connectivity lost: the requests wait
/// ```
pub fn ends_request(code: i32) -> bool {
    classify(code) == CodeClass::Error
}

/// `true` for codes that report nothing wrong with a request: every
/// [`CodeClass::Warning`] (10090, 10167, 399, 2109, …) and the connection
/// events that need nothing from you (1102, the farm notices 2103–2108, 2157,
/// 2158, 2110: TWS restores those by itself). `false` for errors and for the
/// three connection events that ask you to act: 1100 (connectivity lost),
/// 1101 (restored, market data lost: subscribe again) and 1300 (reconnect on
/// the new port).
///
/// ```
/// use tws_api::errors::is_informational;
/// assert!(is_informational(2104));
/// assert!(is_informational(10090));
/// assert!(!is_informational(502));
/// assert!(!is_informational(1101)); // data lost: resubscribe
/// ```
pub fn is_informational(code: i32) -> bool {
    match classify(code) {
        CodeClass::Warning => true,
        CodeClass::Connection => !matches!(code, 1100 | 1101 | 1300),
        CodeClass::Error => false,
    }
}

/// TWS's connection to IB's servers, as its codes 1100, 1101 and 1102 tell it
/// (see [`IBClient::connectivity`](crate::IBClient::connectivity)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Connectivity {
    /// Connected, and no loss reported since.
    #[default]
    Connected,
    /// 1100: TWS lost its connection to IB. Requests wait (they are answered
    /// when it returns, or time out); no market data flows.
    Lost,
    /// 1101: restored, but TWS dropped the market data subscriptions.
    RestoredDataLost,
    /// 1102: restored, subscriptions kept.
    RestoredDataKept,
}

impl Connectivity {
    /// The state code `code` puts TWS in, if it is 1100, 1101 or 1102.
    pub fn from_code(code: i32) -> Option<Connectivity> {
        match code {
            1100 => Some(Connectivity::Lost),
            1101 => Some(Connectivity::RestoredDataLost),
            1102 => Some(Connectivity::RestoredDataKept),
            _ => None,
        }
    }

    /// A short lower-case name (`connected`, `lost`, `restored-data-lost`,
    /// `restored-data-kept`), as the status service and the doctor show it.
    pub fn as_str(self) -> &'static str {
        match self {
            Connectivity::Connected => "connected",
            Connectivity::Lost => "lost",
            Connectivity::RestoredDataLost => "restored-data-lost",
            Connectivity::RestoredDataKept => "restored-data-kept",
        }
    }
}

/// The state of one of TWS's data farms, from its farm notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FarmState {
    /// 2104, 2106, 2158: connected.
    Ok,
    /// 2103, 2105, 2157: disconnected.
    Broken,
    /// 2107, 2108: inactive, available on demand.
    Inactive,
}

impl FarmState {
    /// `ok`, `broken` or `inactive`.
    pub fn as_str(self) -> &'static str {
        match self {
            FarmState::Ok => "ok",
            FarmState::Broken => "broken",
            FarmState::Inactive => "inactive",
        }
    }
}

/// The state a farm notice reports: `None` when `code` is not one.
pub fn farm_state(code: i32) -> Option<FarmState> {
    match code {
        2104 | 2106 | 2158 => Some(FarmState::Ok),
        2103 | 2105 | 2157 => Some(FarmState::Broken),
        2107 | 2108 => Some(FarmState::Inactive),
        _ => None,
    }
}

/// The farm and its state from a farm notice (2103–2108, 2157, 2158), the
/// farm's name taken from the text as TWS writes it: after the colon
/// ("Market data farm connection is OK:usfarm") or, for the inactive notices,
/// after the last full stop ("… available upon demand.ushmds"). `None` for
/// any other code, or a text without a name.
///
/// ```
/// use tws_api::errors::{farm_notice, FarmState};
/// assert_eq!(
///     farm_notice(2104, "Market data farm connection is OK:usfarm"),
///     Some(("usfarm".to_owned(), FarmState::Ok))
/// );
/// assert_eq!(farm_notice(1100, "Connectivity lost"), None);
/// ```
pub fn farm_notice(code: i32, text: &str) -> Option<(String, FarmState)> {
    let state = farm_state(code)?;
    let name = match text.rfind(':') {
        Some(i) => &text[i + 1..],
        None => text.rsplit('.').next().unwrap_or(""),
    }
    .trim();
    if name.is_empty() || name.contains(' ') {
        return None;
    }
    Some((name.to_owned(), state))
}
