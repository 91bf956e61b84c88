//! Error codes and the crate's error type.
//!
//! Errors reach user code two ways, as in the official client: through
//! [`EWrapper::error`](crate::EWrapper::error) with the official code and text,
//! and — for calls that return `Result` — as an [`Error`] whose
//! [`code`](Error::code) is that same official code.
//!
//! The constants are the client-side codes of the official clients with their
//! texts (501–585 of 10.37.2; the `FAIL_SEND_…` codes 10.51.1 added, and which
//! request reports which, are in [`fail_send`]) and the TWS codes a connection
//! meets most. What each TWS code means for its request is in [`TWS_CODES`].
//!
//! TWS uses the same `error` callback for errors, warnings and notices.
//! [`TWS_CODES`] is the one table that says which is which ([`classify`]): a
//! [`CodeClass::Warning`] lets the request go on (its data follows or
//! continues), a [`CodeClass::Error`] ends it, a [`CodeClass::Connection`]
//! event is news about TWS's own connections and ends no request. The request
//! lifecycle, the blocking helpers and the streams of `IBClient` all decide
//! with [`ends_request`]; [`is_informational`] tells a notice (farm connection
//! OK, …) from a failure worth reporting.

use std::fmt;
use std::io;

use crate::wire::{DecodeError, EncodeError};

/// An official error code with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeMsg {
    /// The code.
    pub code: i32,
    /// The official text.
    pub msg: &'static str,
}

/// "No id": the request id of errors that concern the whole connection.
pub const NO_VALID_ID: i32 = -1;

/// 501: `connect` on a client that is already connected.
pub const ALREADY_CONNECTED: CodeMsg = CodeMsg {
    code: 501,
    msg: "Already connected.",
};
/// 502: the TCP connection or the handshake failed (10.51.1's text; 10.37.2's
/// named "Socket EClients" and the ports of version 954.1).
pub const CONNECT_FAIL: CodeMsg = CodeMsg {
    code: 502,
    msg: "Couldn't connect to TWS. Confirm that \"Enable ActiveX and Socket Clients\" \nis enabled and connection port is the same as \"Socket Port\" on the \nTWS \"Edit->Global Configuration...->API->Settings\" menu. Live Trading ports: \nTWS: 7496; IB Gateway: 4001. Simulated Trading ports: TWS: 7497; IB Gateway: 4002.\nVerify that the maximum API connection threshold (default 32) is not exceeded.",
};
/// 503: the server is too old for the request.
pub const UPDATE_TWS: CodeMsg = CodeMsg {
    code: 503,
    msg: "The TWS is out of date and must be upgraded.",
};
/// 504: a request while not connected.
pub const NOT_CONNECTED: CodeMsg = CodeMsg {
    code: 504,
    msg: "Not connected",
};
/// 505: a message id this client does not know.
pub const UNKNOWN_ID: CodeMsg = CodeMsg {
    code: 505,
    msg: "Fatal Error: Unknown message id.",
};
/// 506: a server version outside the range this client speaks.
pub const UNSUPPORTED_VERSION: CodeMsg = CodeMsg {
    code: 506,
    msg: "Unsupported version",
};
/// 507: a frame length that is impossible (zero, or over 16 MiB − 1).
pub const BAD_LENGTH: CodeMsg = CodeMsg {
    code: 507,
    msg: "Bad message length",
};
/// 508: a message whose fields do not decode.
pub const BAD_MESSAGE: CodeMsg = CodeMsg {
    code: 508,
    msg: "Bad message",
};
/// 509: the socket failed while reading or writing.
pub const SOCKET_EXCEPTION: CodeMsg = CodeMsg {
    code: 509,
    msg: "Exception caught while reading socket - ",
};
/// 520: the socket could not be created.
pub const FAIL_CREATE_SOCK: CodeMsg = CodeMsg {
    code: 520,
    msg: "Failed to create socket",
};
/// 530: TLS error (the official Python client has no TLS either).
pub const SSL_FAIL: CodeMsg = CodeMsg {
    code: 530,
    msg: "SSL specific error: ",
};
/// 579: a string with characters outside printable ASCII.
pub const INVALID_SYMBOL: CodeMsg = CodeMsg {
    code: 579,
    msg: "Invalid symbol in string - ",
};
/// 585: FA profiles are gone; use FA groups.
pub const FA_PROFILE_NOT_SUPPORTED: CodeMsg = CodeMsg {
    code: 585,
    msg: "FA Profile is not supported anymore, use FA Group instead - ",
};

/// 326 (from TWS): the client id is taken by another connection; TWS closes the socket.
pub const CLIENT_ID_IN_USE: CodeMsg = CodeMsg {
    code: 326,
    msg: "Unable to connect as the client id is already in use. Retry with a unique client id.",
};
/// 100 (from TWS): the client sent more than 50 messages in a second; TWS
/// then disconnects it.
pub const MAX_RATE_EXCEEDED: CodeMsg = CodeMsg {
    code: 100,
    msg: "Max rate of messages per second has been exceeded.",
};
/// 320 (from TWS): a request TWS could not read (a field that does not
/// parse, a frame that ends early), under the request's id when that could
/// be read.
pub const SERVER_API_ERROR: CodeMsg = CodeMsg {
    code: 320,
    msg: "Server error when reading an API client request.",
};
/// 1100 (from TWS): TWS lost its connection to IB.
pub const CONNECTIVITY_LOST: CodeMsg = CodeMsg {
    code: 1100,
    msg: "Connectivity between IB and Trader Workstation has been lost.",
};
/// 1101 (from TWS): connectivity restored, market data lost: resubscribe.
pub const CONNECTIVITY_RESTORED_DATA_LOST: CodeMsg = CodeMsg {
    code: 1101,
    msg: "Connectivity between IB and Trader Workstation has been restored - data lost.",
};
/// 1102 (from TWS): connectivity restored, subscriptions kept.
pub const CONNECTIVITY_RESTORED: CodeMsg = CodeMsg {
    code: 1102,
    msg: "Connectivity between IB and Trader Workstation has been restored - data maintained.",
};
/// 2104 (from TWS, informational): a market data farm is connected.
pub const MARKET_DATA_FARM_OK: CodeMsg = CodeMsg {
    code: 2104,
    msg: "Market data farm connection is OK:",
};
/// 2106 (from TWS, informational): a historical data farm is connected.
pub const HMDS_DATA_FARM_OK: CodeMsg = CodeMsg {
    code: 2106,
    msg: "HMDS data farm connection is OK:",
};
/// 2158 (from TWS, informational): the security definition farm is connected.
pub const SEC_DEF_DATA_FARM_OK: CodeMsg = CodeMsg {
    code: 2158,
    msg: "Sec-def data farm connection is OK:",
};
/// 2103 (from TWS, a warning): a market data farm is disconnected.
pub const MARKET_DATA_FARM_BROKEN: CodeMsg = CodeMsg {
    code: 2103,
    msg: "Market data farm connection is broken:",
};
/// 2105 (from TWS, a warning): a historical data farm is disconnected.
pub const HMDS_DATA_FARM_BROKEN: CodeMsg = CodeMsg {
    code: 2105,
    msg: "HMDS data farm connection is broken:",
};
/// 2157 (from TWS, a warning): the security definition farm is disconnected.
pub const SEC_DEF_DATA_FARM_BROKEN: CodeMsg = CodeMsg {
    code: 2157,
    msg: "Sec-def data farm connection is broken:",
};
/// 300 (from TWS): cancelMktData for an id that has no subscription.
pub const TICKER_ID_NOT_FOUND: CodeMsg = CodeMsg {
    code: 300,
    msg: "Can't find EId with tickerId:",
};
/// 322 (from TWS): duplicate ticker id and other request processing errors.
pub const DUPLICATE_TICKER_ID: CodeMsg = CodeMsg {
    code: 322,
    msg: "Error processing request. Duplicate ticker id",
};
/// 200 (from TWS): no contract matches a request's description.
pub const NO_SECURITY_DEFINITION: CodeMsg = CodeMsg {
    code: 200,
    msg: "No security definition has been found for the request",
};
/// 90002 (tws-api, not IB): a one-shot request (contract details,
/// historical data, open orders, …) was still waiting for its answer when the
/// connection was lost or closed; its answer will not come. The text names
/// the request. Fix: send it again once connected (`next_valid_id`).
pub const REQUEST_INTERRUPTED: CodeMsg = CodeMsg {
    code: 90002,
    msg: "Request interrupted:",
};

/// 321 (from TWS): `requestFA` or `replaceFA` on an account that is not an
/// advisor account.
pub const FA_NOT_ADVISOR: CodeMsg = CodeMsg {
    code: 321,
    msg:
        "Error validating request.-'b4' : cause - FA data operations ignored for non FA customers.",
};

/// 90001 (tws-api, not IB): `place_order` refused because the connection's
/// account is not a paper account and live orders were not enabled.
///
/// Cause: the managed accounts of this connection (or the order's `account`)
/// do not start with `D` (IB's paper accounts are `DU…`/`DF…`), so the order
/// would trade real money. Fix: if that is what you want, set
/// `IB_ALLOW_LIVE_ORDERS=true` in the environment or `.env`, or call
/// `EClient::set_allow_live_orders(true)`; otherwise connect to a paper
/// account (TWS 7497, IB Gateway 4002). Also returned when `place_order` is
/// called before `managedAccounts` arrived (wait for `next_valid_id`).
pub const LIVE_ORDERS_NOT_ALLOWED: CodeMsg = CodeMsg {
    code: 90001,
    msg: "Order refused by tws-api: live orders are not enabled.",
};

/// 101 (from TWS): a market data request over the limit of concurrent lines.
pub const MAX_TICKERS_REACHED: CodeMsg = CodeMsg {
    code: 101,
    msg: "Max number of tickers has been reached",
};
/// 309 (from TWS): a market depth request over the limit of concurrent books.
pub const MAX_DEPTH_REQUESTS_REACHED: CodeMsg = CodeMsg {
    code: 309,
    msg: "Max number of market depth requests has been reached",
};
/// 162 (from TWS): the historical data service refused or ended a request;
/// the reason follows the text. Market scanners answer through it too
/// ("…API scanner subscription cancelled: 7" acknowledges a cancel).
pub const HISTORICAL_DATA_SERVICE: CodeMsg = CodeMsg {
    code: 162,
    msg: "Historical Market Data Service error message:",
};
/// 430 (from TWS): no fundamental data for the contract or report type; the
/// cause follows the text (`failed to fetch`, `Not allowed`).
pub const FUNDAMENTALS_NOT_AVAILABLE: CodeMsg = CodeMsg {
    code: 430,
    msg: "We are sorry, but fundamentals data for the security specified is not available.",
};
/// 10172 (from TWS): no article with that id.
pub const NEWS_ARTICLE_NOT_AVAILABLE: CodeMsg = CodeMsg {
    code: 10172,
    msg: "Failed to request news article: No data available",
};
/// 10276 (from TWS): the news provider is not subscribed.
pub const NEWS_FEED_NOT_ALLOWED: CodeMsg = CodeMsg {
    code: 10276,
    msg: "News feed is not allowed.",
};
/// 321 (from TWS): the request does not validate; the cause follows the text.
pub const INVALID_REQUEST: CodeMsg = CodeMsg {
    code: 321,
    msg: "Error validating request.",
};

/// 10197 (from TWS): another session of the same user (TWS, mobile, the
/// web) holds the live market data.
pub const COMPETING_LIVE_SESSION: CodeMsg = CodeMsg {
    code: 10197,
    msg: "No market data during competing live session",
};

/// The cause TWS gives (after [`INVALID_REQUEST`]'s text) when its API is
/// set to read-only and an order request comes.
pub const READ_ONLY_CAUSE: &str = "The API interface is currently in Read-Only mode.";

/// What to do about an error, where the answer is known: the text a
/// blocking helper's or a stream's [`Error::Tws`] adds to TWS's.
pub fn advice(code: i32, text: &str) -> Option<&'static str> {
    match code {
        10197 => Some(
            "Another session of the same IB user (TWS, IB Gateway, the mobile app or the web) \
             holds the live market data: log it out, or ask for delayed data with \
             req_market_data_type(3).",
        ),
        321 if text.contains("Read-Only") => Some(
            "TWS accepts no orders from the API while it is read-only: uncheck \"Read-Only API\" \
             (TWS: Edit > Global Configuration > API > Settings; IB Gateway: Configure > \
             Settings > API > Settings).",
        ),
        _ => None,
    }
}

mod fail_send;
mod tws_codes;
pub use fail_send::*;
pub use tws_codes::*;

/// Every code above, for lookups.
pub const ALL: &[CodeMsg] = &[
    ALREADY_CONNECTED,
    CONNECT_FAIL,
    UPDATE_TWS,
    NOT_CONNECTED,
    UNKNOWN_ID,
    UNSUPPORTED_VERSION,
    BAD_LENGTH,
    BAD_MESSAGE,
    SOCKET_EXCEPTION,
    FAIL_CREATE_SOCK,
    SSL_FAIL,
    INVALID_SYMBOL,
    FA_PROFILE_NOT_SUPPORTED,
    CLIENT_ID_IN_USE,
    CONNECTIVITY_LOST,
    CONNECTIVITY_RESTORED_DATA_LOST,
    CONNECTIVITY_RESTORED,
    MARKET_DATA_FARM_OK,
    HMDS_DATA_FARM_OK,
    SEC_DEF_DATA_FARM_OK,
    MARKET_DATA_FARM_BROKEN,
    HMDS_DATA_FARM_BROKEN,
    SEC_DEF_DATA_FARM_BROKEN,
    TICKER_ID_NOT_FOUND,
    DUPLICATE_TICKER_ID,
    MAX_TICKERS_REACHED,
    MAX_DEPTH_REQUESTS_REACHED,
    INVALID_REQUEST,
    COMPETING_LIVE_SESSION,
    LIVE_ORDERS_NOT_ALLOWED,
    NO_SECURITY_DEFINITION,
    FA_NOT_ADVISOR,
    REQUEST_INTERRUPTED,
    HISTORICAL_DATA_SERVICE,
    FUNDAMENTALS_NOT_AVAILABLE,
    NEWS_ARTICLE_NOT_AVAILABLE,
    NEWS_FEED_NOT_ALLOWED,
    FAIL_SEND_REQMKT,
    FAIL_SEND_CANMKT,
    FAIL_SEND_ORDER,
    FAIL_SEND_ACCT,
    FAIL_SEND_EXEC,
    FAIL_SEND_CORDER,
    FAIL_SEND_OORDER,
    FAIL_SEND_REQCONTRACT,
    FAIL_SEND_REQMKTDEPTH,
    FAIL_SEND_SERVER_LOG_LEVEL,
    FAIL_SEND_FA_REQUEST,
    FAIL_SEND_FA_REPLACE,
    FAIL_SEND_REQSCANNER,
    FAIL_SEND_CANSCANNER,
    FAIL_SEND_REQSCANNERPARAMETERS,
    FAIL_SEND_REQHISTDATA,
    FAIL_SEND_CANHISTDATA,
    FAIL_SEND_REQRTBARS,
    FAIL_SEND_CANRTBARS,
    FAIL_SEND_REQCURRTIME,
    FAIL_SEND_CANCALCIMPLIEDVOLAT,
    FAIL_SEND_CANCALCOPTIONPRICE,
    FAIL_SEND_REQGLOBALCANCEL,
    FAIL_SEND_REQMARKETDATATYPE,
    FAIL_SEND_REQPOSITIONS,
    FAIL_SEND_CANPOSITIONS,
    FAIL_SEND_REQACCOUNTDATA,
    FAIL_SEND_CANACCOUNTDATA,
    FAIL_SEND_QUERYDISPLAYGROUPS,
    FAIL_SEND_SUBSCRIBETOGROUPEVENTS,
    FAIL_SEND_UPDATEDISPLAYGROUP,
    FAIL_SEND_UNSUBSCRIBEFROMGROUPEVENTS,
    FAIL_SEND_STARTAPI,
    FAIL_SEND_VERIFYANDAUTHMESSAGE,
    FAIL_SEND_REQPOSITIONSMULTI,
    FAIL_SEND_CANPOSITIONSMULTI,
    FAIL_SEND_REQACCOUNTUPDATESMULTI,
    FAIL_SEND_CANACCOUNTUPDATESMULTI,
    FAIL_SEND_REQSECDEFOPTPARAMS,
    FAIL_SEND_REQSOFTDOLLARTIERS,
    FAIL_SEND_REQFAMILYCODES,
    FAIL_SEND_REQMATCHINGSYMBOLS,
    FAIL_SEND_REQMKTDEPTHEXCHANGES,
    FAIL_SEND_REQSMARTCOMPONENTS,
    FAIL_SEND_REQNEWSPROVIDERS,
    FAIL_SEND_REQNEWSARTICLE,
    FAIL_SEND_REQHISTORICALNEWS,
    FAIL_SEND_REQHEADTIMESTAMP,
    FAIL_SEND_REQHISTOGRAMDATA,
    FAIL_SEND_CANCELHISTOGRAMDATA,
    FAIL_SEND_CANCELHEADTIMESTAMP,
    FAIL_SEND_REQMARKETRULE,
    FAIL_SEND_REQPNL,
    FAIL_SEND_CANCELPNL,
    FAIL_SEND_REQPNLSINGLE,
    FAIL_SEND_CANCELPNLSINGLE,
    FAIL_SEND_REQHISTORICALTICKS,
    FAIL_SEND_REQTICKBYTICKDATA,
    FAIL_SEND_CANCELTICKBYTICKDATA,
    FAIL_SEND_REQCOMPLETEDORDERS,
    FAIL_SEND_REQ_WSH_META_DATA,
    FAIL_SEND_CAN_WSH_META_DATA,
    FAIL_SEND_REQ_WSH_EVENT_DATA,
    FAIL_SEND_CAN_WSH_EVENT_DATA,
    FAIL_SEND_REQ_USER_INFO,
    FAIL_SEND_REQCURRTIMEINMILLIS,
    ERROR_ENCODING_PROTOBUF,
    FAIL_SEND_CANMKTDEPTH,
    FAIL_SEND_CANCEL_CONTRACT_DATA,
    FAIL_SEND_CANCEL_HISTORICAL_TICKS,
    FAIL_SEND_REQCONFIG,
    FAIL_SEND_UPDATECONFIG,
];
/// The official text for a code in [`ALL`].
pub fn message_for(code: i32) -> Option<&'static str> {
    ALL.iter().find(|c| c.code == code).map(|c| c.msg)
}
/// A warning (or notice) that reached a request without ending it: what a
/// blocking helper or a stream of `IBClient` got besides its data (see
/// [`IBClient::last_warnings`](crate::IBClient::last_warnings) and
/// [`Stream::warnings`](crate::client::Stream::warnings)). Each also reached
/// `EWrapper::error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The request (or order) id it came with.
    pub req_id: i32,
    /// TWS's code ([`classify`] says it is not an error).
    pub code: i32,
    /// The text, as `EWrapper::error` received it.
    pub message: String,
}

/// The crate's error type, for calls that return `Result`.
///
/// Every variant that has an official code gives it through [`Error::code`];
/// the same error also reached `EWrapper::error` when it came from a request.
///
/// `Debug` prints the same sentence as `Display`, so `fn main() -> Result<…>`
/// shows a readable message.
pub enum Error {
    /// 501: `connect` while connected.
    AlreadyConnected,
    /// 502: the TCP connection could not be made, or the peer closed it during the handshake.
    ConnectFailed {
        /// `host:port` tried.
        addr: String,
        /// Why.
        source: io::Error,
    },
    /// 504: a request while not connected; nothing was sent.
    NotConnected,
    /// 503 (too old) or 506 (too new): the server chose a version outside 100..=203.
    UnsupportedServerVersion {
        /// The version the server answered.
        version: i32,
    },
    /// 503 / 579: the request cannot be encoded for this server.
    Encode(EncodeError),
    /// 508: a message did not decode.
    Decode(DecodeError),
    /// 509: the socket failed after the connection was made.
    Io(io::Error),
    /// A configuration value is invalid (see [`crate::config`]).
    Config(String),
    /// Waited longer than allowed.
    Timeout(&'static str),
    /// A request the official client refuses before sending, with its own
    /// code and text (e.g. 585 for FA profiles); nothing was sent.
    Refused(CodeMsg),
    /// 90001 (tws-api's own code): `place_order` to an account that is not a
    /// paper account while live orders are not enabled; nothing was sent. The
    /// text says which account and how to enable live orders
    /// (see [`LIVE_ORDERS_NOT_ALLOWED`]).
    LiveOrdersNotAllowed(String),
    /// An `error` callback ended a request a blocking helper was waiting on:
    /// TWS's code and text (200 no security definition, 162 historical data
    /// error, …), or the client's (90002 the connection was lost).
    Tws {
        /// The request id the error came with.
        req_id: i32,
        /// The official code.
        code: i32,
        /// The text, as `EWrapper::error` received it.
        message: String,
    },
}

impl Error {
    /// The official code for this error, `-1` where there is none.
    pub fn code(&self) -> i32 {
        match self {
            Error::AlreadyConnected => ALREADY_CONNECTED.code,
            Error::ConnectFailed { .. } => CONNECT_FAIL.code,
            Error::NotConnected => NOT_CONNECTED.code,
            Error::UnsupportedServerVersion { version } => {
                if *version < crate::server_versions::MIN_CLIENT_VER {
                    UPDATE_TWS.code
                } else {
                    UNSUPPORTED_VERSION.code
                }
            }
            Error::Encode(EncodeError::InvalidSymbol(_)) => INVALID_SYMBOL.code,
            Error::Encode(EncodeError::Refused { code, .. }) => *code,
            Error::Encode(_) => UPDATE_TWS.code,
            Error::Decode(_) => BAD_MESSAGE.code,
            Error::Io(_) => SOCKET_EXCEPTION.code,
            Error::Config(_) | Error::Timeout(_) => NO_VALID_ID,
            Error::Refused(c) => c.code,
            Error::LiveOrdersNotAllowed(_) => LIVE_ORDERS_NOT_ALLOWED.code,
            Error::Tws { code, .. } => *code,
        }
    }

    /// The text `EWrapper::error` receives for this error: the official text,
    /// with the detail appended where the official client appends one.
    pub fn wrapper_text(&self) -> String {
        match self {
            Error::AlreadyConnected => ALREADY_CONNECTED.msg.to_owned(),
            Error::ConnectFailed { .. } => CONNECT_FAIL.msg.to_owned(),
            Error::NotConnected => NOT_CONNECTED.msg.to_owned(),
            Error::UnsupportedServerVersion { version } => {
                if *version < crate::server_versions::MIN_CLIENT_VER {
                    format!("{} Server version {version}.", UPDATE_TWS.msg)
                } else {
                    format!("{}: server version {version}", UNSUPPORTED_VERSION.msg)
                }
            }
            Error::Encode(EncodeError::InvalidSymbol(s)) => format!("{}{s}", INVALID_SYMBOL.msg),
            Error::Encode(EncodeError::UpdateTws(what)) => format!("{}{what}", UPDATE_TWS.msg),
            Error::Encode(EncodeError::Unsupported(what)) => (*what).to_owned(),
            Error::Encode(EncodeError::Refused { text, .. }) => (*text).to_owned(),
            Error::Decode(e) => format!("{}: {e}", BAD_MESSAGE.msg),
            Error::Io(e) => format!("{}{e}", SOCKET_EXCEPTION.msg),
            Error::Config(e) => e.clone(),
            Error::Timeout(what) => format!("timed out waiting for {what}"),
            Error::Refused(c) => c.msg.to_owned(),
            Error::LiveOrdersNotAllowed(why) => format!("{} {why}", LIVE_ORDERS_NOT_ALLOWED.msg),
            Error::Tws { message, .. } => message.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ConnectFailed { addr, source } => write!(
                f,
                "[502] could not connect to {addr}: {source}. Is TWS or IB Gateway running with \
                 the API enabled (Edit > Global Configuration > API > Settings > \"Enable ActiveX \
                 and Socket Clients\"), and is this its socket port (TWS 7497 paper / 7496 live, \
                 Gateway 4002 paper / 4001 live)?"
            ),
            Error::Config(e) => write!(f, "configuration error: {e}"),
            Error::Tws { code, message, .. } => match advice(*code, message) {
                Some(advice) => write!(f, "[{code}] {message} {advice}"),
                None => write!(f, "[{code}] {message}"),
            },
            other => write!(f, "[{}] {}", other.code(), other.wrapper_text()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::ConnectFailed { source, .. } => Some(source),
            Error::Io(e) => Some(e),
            Error::Encode(e) => Some(e),
            Error::Decode(e) => Some(e),
            _ => None,
        }
    }
}

impl From<EncodeError> for Error {
    fn from(e: EncodeError) -> Self {
        Error::Encode(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn farm_names_parse_as_tws_writes_them() {
        let cases = [
            (
                2104,
                "Market data farm connection is OK:usfarm",
                "usfarm",
                FarmState::Ok,
            ),
            (
                2103,
                "Market data farm connection is broken:usfarm.nj",
                "usfarm.nj",
                FarmState::Broken,
            ),
            (
                2158,
                "Sec-def data farm connection is OK:secdefnj",
                "secdefnj",
                FarmState::Ok,
            ),
            (
                2107,
                "HMDS data farm connection is inactive but should be available upon demand.ushmds",
                "ushmds",
                FarmState::Inactive,
            ),
        ];
        for (code, text, name, state) in cases {
            assert_eq!(
                farm_notice(code, text),
                Some((name.to_owned(), state)),
                "{code}"
            );
        }
        assert_eq!(
            farm_notice(2104, "Market data farm connection is OK:"),
            None
        );
        assert_eq!(
            Connectivity::from_code(1101),
            Some(Connectivity::RestoredDataLost)
        );
        assert_eq!(Connectivity::from_code(2104), None);
    }

    #[test]
    fn codes_are_official() {
        assert_eq!(Error::NotConnected.code(), 504);
        assert_eq!(Error::AlreadyConnected.code(), 501);
        assert_eq!(Error::UnsupportedServerVersion { version: 99 }.code(), 503);
        assert_eq!(Error::UnsupportedServerVersion { version: 250 }.code(), 506);
        assert_eq!(
            Error::Encode(EncodeError::InvalidSymbol("é".into())).code(),
            579
        );
        assert_eq!(message_for(504), Some("Not connected"));
        assert_eq!(message_for(1), None);
    }

    #[test]
    fn the_code_table_is_sorted_without_duplicates() {
        for pair in TWS_CODES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{:?} {:?}", pair[0], pair[1]);
        }
        assert_eq!(code_info(10090).map(|c| c.class), Some(CodeClass::Warning));
        assert_eq!(code_info(7), None);
    }

    #[test]
    fn warnings_connection_events_and_errors() {
        use CodeClass::*;
        for code in [
            10090, 10091, 10167, 10018, 10019, 399, 404, 161, 317, 2100, 2109, 2137,
        ] {
            assert_eq!(classify(code), Warning, "{code}");
            assert!(!ends_request(code) && is_informational(code), "{code}");
        }
        // Unknown codes in the 21xx warning block, and a frame with no code.
        for code in [2169, 2176, 2188, 2199, 0] {
            assert_eq!(classify(code), Warning, "{code}");
        }
        for code in [
            1100, 1101, 1102, 1300, 2103, 2104, 2105, 2106, 2107, 2108, 2110, 2157, 2158,
        ] {
            assert_eq!(classify(code), Connection, "{code}");
            assert!(!ends_request(code), "{code}");
        }
        // Connection events that ask for action are not notices.
        for code in [1100, 1101, 1300] {
            assert!(!is_informational(code), "{code}");
        }
        for code in [2102, 2103, 2104, 2105, 2106, 2110, 2157, 2158, 1102] {
            assert!(is_informational(code), "{code}");
        }
        for code in [
            162, 200, 321, 354, 10089, 10168, 10186, 10197, 2101, 502, 504, 90002, 2200, 9999,
        ] {
            assert_eq!(classify(code), Error, "{code}");
            assert!(ends_request(code) && !is_informational(code), "{code}");
        }
    }

    #[test]
    fn connect_failure_says_what_to_check() {
        let e = Error::ConnectFailed {
            addr: "127.0.0.1:9999".into(),
            source: io::Error::from(io::ErrorKind::ConnectionRefused),
        };
        let s = e.to_string();
        assert!(s.contains("502") && s.contains("API") && s.contains("7497"));
    }
}
