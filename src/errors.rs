//! Error codes and the crate's error type.
//!
//! Errors reach user code two ways, as in the official client: through
//! [`EWrapper::error`](crate::EWrapper::error) with the official code and text,
//! and — for calls that return `Result` — as an [`Error`] whose
//! [`code`](Error::code) is that same official code.
//!
//! The constants below are the client-side codes of the official 10.37.2 client
//! (501–585) and the TWS codes a connection meets most, with their texts.
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

/// 544: `verifyRequest` could not be sent (10.51.1's protobuf form refuses
/// it without the intent to authenticate at connect time).
pub const FAIL_SEND_VERIFYREQUEST: CodeMsg = CodeMsg {
    code: 544,
    msg: "Verify Request Sending Error - ",
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
/// 534: the official client could not send `calculateImpliedVolatility`
/// (10.51.1: with options, "not supported").
pub const FAIL_SEND_REQCALCIMPLIEDVOLAT: CodeMsg = CodeMsg {
    code: 534,
    msg: "Request Calculate Implied Volatility Sending Error - ",
};
/// 535: the official client could not send `calculateOptionPrice`.
pub const FAIL_SEND_REQCALCOPTIONPRICE: CodeMsg = CodeMsg {
    code: 535,
    msg: "Request Calculate Option Price Sending Error - ",
};
/// 545: the official client could not send `verifyRequest` (10.51.1's
/// refusal of it).
pub const FAIL_SEND_VERIFYMESSAGE: CodeMsg = CodeMsg {
    code: 545,
    msg: "Verify Message Sending Error - ",
};
/// 551: the official client could not send `verifyAndAuthRequest`.
pub const FAIL_SEND_VERIFYANDAUTHREQUEST: CodeMsg = CodeMsg {
    code: 551,
    msg: "Verify And Auth Request Sending Error - ",
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

// The codes 10.51.1 reports when writing a request fails (`FAIL_SEND_…`,
// the text followed by what went wrong) and when a protobuf request cannot
// be encoded; see [`fail_send`].
/// 510: `FAIL_SEND_REQMKT` (10.51.1).
pub const FAIL_SEND_REQMKT: CodeMsg = CodeMsg {
    code: 510,
    msg: "Request Market Data Sending Error - ",
};
/// 511: `FAIL_SEND_CANMKT` (10.51.1).
pub const FAIL_SEND_CANMKT: CodeMsg = CodeMsg {
    code: 511,
    msg: "Cancel Market Data Sending Error - ",
};
/// 512: `FAIL_SEND_ORDER` (10.51.1).
pub const FAIL_SEND_ORDER: CodeMsg = CodeMsg {
    code: 512,
    msg: "Order Sending Error - ",
};
/// 513: `FAIL_SEND_ACCT` (10.51.1).
pub const FAIL_SEND_ACCT: CodeMsg = CodeMsg {
    code: 513,
    msg: "Account Update Request Sending Error - ",
};
/// 514: `FAIL_SEND_EXEC` (10.51.1).
pub const FAIL_SEND_EXEC: CodeMsg = CodeMsg {
    code: 514,
    msg: "Request For Executions Sending Error - ",
};
/// 515: `FAIL_SEND_CORDER` (10.51.1).
pub const FAIL_SEND_CORDER: CodeMsg = CodeMsg {
    code: 515,
    msg: "Cancel Order Sending Error - ",
};
/// 516: `FAIL_SEND_OORDER` (10.51.1).
pub const FAIL_SEND_OORDER: CodeMsg = CodeMsg {
    code: 516,
    msg: "Request Open Order Sending Error - ",
};
/// 518: `FAIL_SEND_REQCONTRACT` (10.51.1).
pub const FAIL_SEND_REQCONTRACT: CodeMsg = CodeMsg {
    code: 518,
    msg: "Request Contract Data Sending Error - ",
};
/// 519: `FAIL_SEND_REQMKTDEPTH` (10.51.1).
pub const FAIL_SEND_REQMKTDEPTH: CodeMsg = CodeMsg {
    code: 519,
    msg: "Request Market Depth Sending Error - ",
};
/// 521: `FAIL_SEND_SERVER_LOG_LEVEL` (10.51.1).
pub const FAIL_SEND_SERVER_LOG_LEVEL: CodeMsg = CodeMsg {
    code: 521,
    msg: "Set Server Log Level Sending Error - ",
};
/// 522: `FAIL_SEND_FA_REQUEST` (10.51.1).
pub const FAIL_SEND_FA_REQUEST: CodeMsg = CodeMsg {
    code: 522,
    msg: "FA Information Request Sending Error - ",
};
/// 523: `FAIL_SEND_FA_REPLACE` (10.51.1).
pub const FAIL_SEND_FA_REPLACE: CodeMsg = CodeMsg {
    code: 523,
    msg: "FA Information Replace Sending Error - ",
};
/// 524: `FAIL_SEND_REQSCANNER` (10.51.1).
pub const FAIL_SEND_REQSCANNER: CodeMsg = CodeMsg {
    code: 524,
    msg: "Request Scanner Subscription Sending Error - ",
};
/// 525: `FAIL_SEND_CANSCANNER` (10.51.1).
pub const FAIL_SEND_CANSCANNER: CodeMsg = CodeMsg {
    code: 525,
    msg: "Cancel Scanner Subscription Sending Error - ",
};
/// 526: `FAIL_SEND_REQSCANNERPARAMETERS` (10.51.1).
pub const FAIL_SEND_REQSCANNERPARAMETERS: CodeMsg = CodeMsg {
    code: 526,
    msg: "Request Scanner Parameter Sending Error - ",
};
/// 527: `FAIL_SEND_REQHISTDATA` (10.51.1).
pub const FAIL_SEND_REQHISTDATA: CodeMsg = CodeMsg {
    code: 527,
    msg: "Request Historical Data Sending Error - ",
};
/// 528: `FAIL_SEND_CANHISTDATA` (10.51.1).
pub const FAIL_SEND_CANHISTDATA: CodeMsg = CodeMsg {
    code: 528,
    msg: "Request Historical Data Sending Error - ",
};
/// 529: `FAIL_SEND_REQRTBARS` (10.51.1).
pub const FAIL_SEND_REQRTBARS: CodeMsg = CodeMsg {
    code: 529,
    msg: "Request Real-time Bar Data Sending Error - ",
};
/// 530: `FAIL_SEND_CANRTBARS` (10.51.1).
pub const FAIL_SEND_CANRTBARS: CodeMsg = CodeMsg {
    code: 530,
    msg: "Cancel Real-time Bar Data Sending Error - ",
};
/// 531: `FAIL_SEND_REQCURRTIME` (10.51.1).
pub const FAIL_SEND_REQCURRTIME: CodeMsg = CodeMsg {
    code: 531,
    msg: "Request Current Time Sending Error - ",
};
/// 536: `FAIL_SEND_CANCALCIMPLIEDVOLAT` (10.51.1).
pub const FAIL_SEND_CANCALCIMPLIEDVOLAT: CodeMsg = CodeMsg {
    code: 536,
    msg: "Cancel Calculate Implied Volatility Sending Error - ",
};
/// 537: `FAIL_SEND_CANCALCOPTIONPRICE` (10.51.1).
pub const FAIL_SEND_CANCALCOPTIONPRICE: CodeMsg = CodeMsg {
    code: 537,
    msg: "Cancel Calculate Option Price Sending Error - ",
};
/// 538: `FAIL_SEND_REQGLOBALCANCEL` (10.51.1).
pub const FAIL_SEND_REQGLOBALCANCEL: CodeMsg = CodeMsg {
    code: 538,
    msg: "Request Global Cancel Sending Error - ",
};
/// 539: `FAIL_SEND_REQMARKETDATATYPE` (10.51.1).
pub const FAIL_SEND_REQMARKETDATATYPE: CodeMsg = CodeMsg {
    code: 539,
    msg: "Request Market Data Type Sending Error - ",
};
/// 540: `FAIL_SEND_REQPOSITIONS` (10.51.1).
pub const FAIL_SEND_REQPOSITIONS: CodeMsg = CodeMsg {
    code: 540,
    msg: "Request Positions Sending Error - ",
};
/// 541: `FAIL_SEND_CANPOSITIONS` (10.51.1).
pub const FAIL_SEND_CANPOSITIONS: CodeMsg = CodeMsg {
    code: 541,
    msg: "Cancel Positions Sending Error - ",
};
/// 542: `FAIL_SEND_REQACCOUNTDATA` (10.51.1).
pub const FAIL_SEND_REQACCOUNTDATA: CodeMsg = CodeMsg {
    code: 542,
    msg: "Request Account Data Sending Error - ",
};
/// 543: `FAIL_SEND_CANACCOUNTDATA` (10.51.1).
pub const FAIL_SEND_CANACCOUNTDATA: CodeMsg = CodeMsg {
    code: 543,
    msg: "Cancel Account Data Sending Error - ",
};
/// 546: `FAIL_SEND_QUERYDISPLAYGROUPS` (10.51.1).
pub const FAIL_SEND_QUERYDISPLAYGROUPS: CodeMsg = CodeMsg {
    code: 546,
    msg: "Query Display Groups Sending Error - ",
};
/// 547: `FAIL_SEND_SUBSCRIBETOGROUPEVENTS` (10.51.1).
pub const FAIL_SEND_SUBSCRIBETOGROUPEVENTS: CodeMsg = CodeMsg {
    code: 547,
    msg: "Subscribe To Group Events Sending Error - ",
};
/// 548: `FAIL_SEND_UPDATEDISPLAYGROUP` (10.51.1).
pub const FAIL_SEND_UPDATEDISPLAYGROUP: CodeMsg = CodeMsg {
    code: 548,
    msg: "Update Display Group Sending Error - ",
};
/// 549: `FAIL_SEND_UNSUBSCRIBEFROMGROUPEVENTS` (10.51.1).
pub const FAIL_SEND_UNSUBSCRIBEFROMGROUPEVENTS: CodeMsg = CodeMsg {
    code: 549,
    msg: "Unsubscribe From Group Events Sending Error - ",
};
/// 550: `FAIL_SEND_STARTAPI` (10.51.1).
pub const FAIL_SEND_STARTAPI: CodeMsg = CodeMsg {
    code: 550,
    msg: "Start API Sending Error - ",
};
/// 552: `FAIL_SEND_VERIFYANDAUTHMESSAGE` (10.51.1).
pub const FAIL_SEND_VERIFYANDAUTHMESSAGE: CodeMsg = CodeMsg {
    code: 552,
    msg: "Verify And Auth Message Sending Error - ",
};
/// 553: `FAIL_SEND_REQPOSITIONSMULTI` (10.51.1).
pub const FAIL_SEND_REQPOSITIONSMULTI: CodeMsg = CodeMsg {
    code: 553,
    msg: "Request Positions Multi Sending Error - ",
};
/// 554: `FAIL_SEND_CANPOSITIONSMULTI` (10.51.1).
pub const FAIL_SEND_CANPOSITIONSMULTI: CodeMsg = CodeMsg {
    code: 554,
    msg: "Cancel Positions Multi Sending Error - ",
};
/// 555: `FAIL_SEND_REQACCOUNTUPDATESMULTI` (10.51.1).
pub const FAIL_SEND_REQACCOUNTUPDATESMULTI: CodeMsg = CodeMsg {
    code: 555,
    msg: "Request Account Updates Multi Sending Error - ",
};
/// 556: `FAIL_SEND_CANACCOUNTUPDATESMULTI` (10.51.1).
pub const FAIL_SEND_CANACCOUNTUPDATESMULTI: CodeMsg = CodeMsg {
    code: 556,
    msg: "Cancel Account Updates Multi Sending Error - ",
};
/// 557: `FAIL_SEND_REQSECDEFOPTPARAMS` (10.51.1).
pub const FAIL_SEND_REQSECDEFOPTPARAMS: CodeMsg = CodeMsg {
    code: 557,
    msg: "Request Security Definition Option Params Sending Error - ",
};
/// 558: `FAIL_SEND_REQSOFTDOLLARTIERS` (10.51.1).
pub const FAIL_SEND_REQSOFTDOLLARTIERS: CodeMsg = CodeMsg {
    code: 558,
    msg: "Request Soft Dollar Tiers Sending Error - ",
};
/// 559: `FAIL_SEND_REQFAMILYCODES` (10.51.1).
pub const FAIL_SEND_REQFAMILYCODES: CodeMsg = CodeMsg {
    code: 559,
    msg: "Request Family Codes Sending Error - ",
};
/// 560: `FAIL_SEND_REQMATCHINGSYMBOLS` (10.51.1).
pub const FAIL_SEND_REQMATCHINGSYMBOLS: CodeMsg = CodeMsg {
    code: 560,
    msg: "Request Matching Symbols Sending Error - ",
};
/// 561: `FAIL_SEND_REQMKTDEPTHEXCHANGES` (10.51.1).
pub const FAIL_SEND_REQMKTDEPTHEXCHANGES: CodeMsg = CodeMsg {
    code: 561,
    msg: "Request Market Depth Exchanges Sending Error - ",
};
/// 562: `FAIL_SEND_REQSMARTCOMPONENTS` (10.51.1).
pub const FAIL_SEND_REQSMARTCOMPONENTS: CodeMsg = CodeMsg {
    code: 562,
    msg: "Request Smart Components Sending Error - ",
};
/// 563: `FAIL_SEND_REQNEWSPROVIDERS` (10.51.1).
pub const FAIL_SEND_REQNEWSPROVIDERS: CodeMsg = CodeMsg {
    code: 563,
    msg: "Request News Providers Sending Error - ",
};
/// 564: `FAIL_SEND_REQNEWSARTICLE` (10.51.1).
pub const FAIL_SEND_REQNEWSARTICLE: CodeMsg = CodeMsg {
    code: 564,
    msg: "Request News Article Sending Error - ",
};
/// 565: `FAIL_SEND_REQHISTORICALNEWS` (10.51.1).
pub const FAIL_SEND_REQHISTORICALNEWS: CodeMsg = CodeMsg {
    code: 565,
    msg: "Request Historical News Sending Error - ",
};
/// 566: `FAIL_SEND_REQHEADTIMESTAMP` (10.51.1).
pub const FAIL_SEND_REQHEADTIMESTAMP: CodeMsg = CodeMsg {
    code: 566,
    msg: "Request Head Time Stamp Sending Error - ",
};
/// 567: `FAIL_SEND_REQHISTOGRAMDATA` (10.51.1).
pub const FAIL_SEND_REQHISTOGRAMDATA: CodeMsg = CodeMsg {
    code: 567,
    msg: "Request Histogram Data Sending Error - ",
};
/// 568: `FAIL_SEND_CANCELHISTOGRAMDATA` (10.51.1).
pub const FAIL_SEND_CANCELHISTOGRAMDATA: CodeMsg = CodeMsg {
    code: 568,
    msg: "Cancel Request Histogram Data Sending Error - ",
};
/// 569: `FAIL_SEND_CANCELHEADTIMESTAMP` (10.51.1).
pub const FAIL_SEND_CANCELHEADTIMESTAMP: CodeMsg = CodeMsg {
    code: 569,
    msg: "Cancel Head Time Stamp Sending Error - ",
};
/// 570: `FAIL_SEND_REQMARKETRULE` (10.51.1).
pub const FAIL_SEND_REQMARKETRULE: CodeMsg = CodeMsg {
    code: 570,
    msg: "Request Market Rule Sending Error - ",
};
/// 571: `FAIL_SEND_REQPNL` (10.51.1).
pub const FAIL_SEND_REQPNL: CodeMsg = CodeMsg {
    code: 571,
    msg: "Request PnL Sending Error - ",
};
/// 572: `FAIL_SEND_CANCELPNL` (10.51.1).
pub const FAIL_SEND_CANCELPNL: CodeMsg = CodeMsg {
    code: 572,
    msg: "Cancel PnL Sending Error - ",
};
/// 573: `FAIL_SEND_REQPNLSINGLE` (10.51.1).
pub const FAIL_SEND_REQPNLSINGLE: CodeMsg = CodeMsg {
    code: 573,
    msg: "Request PnL Single Error - ",
};
/// 574: `FAIL_SEND_CANCELPNLSINGLE` (10.51.1).
pub const FAIL_SEND_CANCELPNLSINGLE: CodeMsg = CodeMsg {
    code: 574,
    msg: "Cancel PnL Single Sending Error - ",
};
/// 575: `FAIL_SEND_REQHISTORICALTICKS` (10.51.1).
pub const FAIL_SEND_REQHISTORICALTICKS: CodeMsg = CodeMsg {
    code: 575,
    msg: "Request Historical Ticks Error - ",
};
/// 576: `FAIL_SEND_REQTICKBYTICKDATA` (10.51.1).
pub const FAIL_SEND_REQTICKBYTICKDATA: CodeMsg = CodeMsg {
    code: 576,
    msg: "Request Tick-By-Tick Data Sending Error - ",
};
/// 577: `FAIL_SEND_CANCELTICKBYTICKDATA` (10.51.1).
pub const FAIL_SEND_CANCELTICKBYTICKDATA: CodeMsg = CodeMsg {
    code: 577,
    msg: "Cancel Tick-By-Tick Data Sending Error - ",
};
/// 578: `FAIL_SEND_REQCOMPLETEDORDERS` (10.51.1).
pub const FAIL_SEND_REQCOMPLETEDORDERS: CodeMsg = CodeMsg {
    code: 578,
    msg: "Request Completed Orders Sending Error - ",
};
/// 580: `FAIL_SEND_REQ_WSH_META_DATA` (10.51.1).
pub const FAIL_SEND_REQ_WSH_META_DATA: CodeMsg = CodeMsg {
    code: 580,
    msg: "Request WSH Meta Data Sending Error - ",
};
/// 581: `FAIL_SEND_CAN_WSH_META_DATA` (10.51.1).
pub const FAIL_SEND_CAN_WSH_META_DATA: CodeMsg = CodeMsg {
    code: 581,
    msg: "Cancel WSH Meta Data Sending Error - ",
};
/// 582: `FAIL_SEND_REQ_WSH_EVENT_DATA` (10.51.1).
pub const FAIL_SEND_REQ_WSH_EVENT_DATA: CodeMsg = CodeMsg {
    code: 582,
    msg: "Request WSH Event Data Sending Error - ",
};
/// 583: `FAIL_SEND_CAN_WSH_EVENT_DATA` (10.51.1).
pub const FAIL_SEND_CAN_WSH_EVENT_DATA: CodeMsg = CodeMsg {
    code: 583,
    msg: "Cancel WSH Event Data Sending Error - ",
};
/// 584: `FAIL_SEND_REQ_USER_INFO` (10.51.1).
pub const FAIL_SEND_REQ_USER_INFO: CodeMsg = CodeMsg {
    code: 584,
    msg: "Request User Info Sending Error - ",
};
/// 587: `FAIL_SEND_REQCURRTIMEINMILLIS` (10.51.1).
pub const FAIL_SEND_REQCURRTIMEINMILLIS: CodeMsg = CodeMsg {
    code: 587,
    msg: "Request Current Time In Millis Sending Error - ",
};
/// 588: `ERROR_ENCODING_PROTOBUF` (10.51.1).
pub const ERROR_ENCODING_PROTOBUF: CodeMsg = CodeMsg {
    code: 588,
    msg: "Error encoding protobuf - ",
};
/// 589: `FAIL_SEND_CANMKTDEPTH` (10.51.1).
pub const FAIL_SEND_CANMKTDEPTH: CodeMsg = CodeMsg {
    code: 589,
    msg: "Cancel Market Depth Sending Error - ",
};
/// 590: `FAIL_SEND_CANCEL_CONTRACT_DATA` (10.51.1).
pub const FAIL_SEND_CANCEL_CONTRACT_DATA: CodeMsg = CodeMsg {
    code: 590,
    msg: "Cancel Contract Data Sending Error - ",
};
/// 591: `FAIL_SEND_CANCEL_HISTORICAL_TICKS` (10.51.1).
pub const FAIL_SEND_CANCEL_HISTORICAL_TICKS: CodeMsg = CodeMsg {
    code: 591,
    msg: "Cancel Historical Ticks Sending Error - ",
};
/// 592: `FAIL_SEND_REQCONFIG` (10.51.1).
pub const FAIL_SEND_REQCONFIG: CodeMsg = CodeMsg {
    code: 592,
    msg: "Request Config Sending Error - ",
};
/// 593: `FAIL_SEND_UPDATECONFIG` (10.51.1).
pub const FAIL_SEND_UPDATECONFIG: CodeMsg = CodeMsg {
    code: 593,
    msg: "Update Config Request Sending Error - ",
};

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

/// The code and text the official client (10.51.1) reports, under the
/// request's id, when writing request `request` (its outgoing message id)
/// to the socket fails: its text is followed by what went wrong. The
/// official choice is kept where it is odd (`exerciseOptions` reports
/// `FAIL_SEND_REQMKT`, `reqIds` and the news bulletins `FAIL_SEND_CORDER`,
/// `reqManagedAccts` `FAIL_SEND_OORDER`). `None` for a request 10.51.1 no
/// longer has (`reqFundamentalData`): such a failure is reported as
/// [`SOCKET_EXCEPTION`].
pub fn fail_send(request: u32) -> Option<CodeMsg> {
    use crate::messages::ids::outgoing;
    Some(match request {
        outgoing::CANCEL_ACCOUNT_SUMMARY => FAIL_SEND_CANACCOUNTDATA,
        outgoing::CANCEL_ACCOUNT_UPDATES_MULTI => FAIL_SEND_CANACCOUNTUPDATESMULTI,
        outgoing::CANCEL_CALC_IMPLIED_VOLAT => FAIL_SEND_CANCALCIMPLIEDVOLAT,
        outgoing::CANCEL_CALC_OPTION_PRICE => FAIL_SEND_CANCALCOPTIONPRICE,
        outgoing::CANCEL_CONTRACT_DATA => FAIL_SEND_CANCEL_CONTRACT_DATA,
        outgoing::CANCEL_HEAD_TIMESTAMP => FAIL_SEND_CANCELHEADTIMESTAMP,
        outgoing::CANCEL_HISTOGRAM_DATA => FAIL_SEND_CANCELHISTOGRAMDATA,
        outgoing::CANCEL_HISTORICAL_DATA => FAIL_SEND_CANHISTDATA,
        outgoing::CANCEL_HISTORICAL_TICKS => FAIL_SEND_CANCEL_HISTORICAL_TICKS,
        outgoing::CANCEL_MKT_DATA => FAIL_SEND_CANMKT,
        outgoing::CANCEL_MKT_DEPTH => FAIL_SEND_CANMKTDEPTH,
        outgoing::CANCEL_NEWS_BULLETINS
        | outgoing::CANCEL_ORDER
        | outgoing::REQ_IDS
        | outgoing::REQ_NEWS_BULLETINS => FAIL_SEND_CORDER,
        outgoing::CANCEL_PNL => FAIL_SEND_CANCELPNL,
        outgoing::CANCEL_PNL_SINGLE => FAIL_SEND_CANCELPNLSINGLE,
        outgoing::CANCEL_POSITIONS => FAIL_SEND_CANPOSITIONS,
        outgoing::CANCEL_POSITIONS_MULTI => FAIL_SEND_CANPOSITIONSMULTI,
        outgoing::CANCEL_REAL_TIME_BARS => FAIL_SEND_CANRTBARS,
        outgoing::CANCEL_SCANNER_SUBSCRIPTION => FAIL_SEND_CANSCANNER,
        outgoing::CANCEL_TICK_BY_TICK_DATA => FAIL_SEND_CANCELTICKBYTICKDATA,
        outgoing::CANCEL_WSH_EVENT_DATA => FAIL_SEND_CAN_WSH_EVENT_DATA,
        outgoing::CANCEL_WSH_META_DATA => FAIL_SEND_CAN_WSH_META_DATA,
        outgoing::EXERCISE_OPTIONS | outgoing::REQ_MKT_DATA => FAIL_SEND_REQMKT,
        outgoing::PLACE_ORDER => FAIL_SEND_ORDER,
        outgoing::QUERY_DISPLAY_GROUPS => FAIL_SEND_QUERYDISPLAYGROUPS,
        outgoing::REPLACE_FA => FAIL_SEND_FA_REPLACE,
        outgoing::REQ_ACCOUNT_SUMMARY => FAIL_SEND_REQACCOUNTDATA,
        outgoing::REQ_ACCOUNT_UPDATES_MULTI => FAIL_SEND_REQACCOUNTUPDATESMULTI,
        outgoing::REQ_ACCT_DATA => FAIL_SEND_ACCT,
        outgoing::REQ_ALL_OPEN_ORDERS
        | outgoing::REQ_AUTO_OPEN_ORDERS
        | outgoing::REQ_MANAGED_ACCTS
        | outgoing::REQ_OPEN_ORDERS => FAIL_SEND_OORDER,
        outgoing::REQ_CALC_IMPLIED_VOLAT => FAIL_SEND_REQCALCIMPLIEDVOLAT,
        outgoing::REQ_CALC_OPTION_PRICE => FAIL_SEND_REQCALCOPTIONPRICE,
        outgoing::REQ_COMPLETED_ORDERS => FAIL_SEND_REQCOMPLETEDORDERS,
        outgoing::REQ_CONFIG => FAIL_SEND_REQCONFIG,
        outgoing::REQ_CONTRACT_DATA => FAIL_SEND_REQCONTRACT,
        outgoing::REQ_CURRENT_TIME => FAIL_SEND_REQCURRTIME,
        outgoing::REQ_CURRENT_TIME_IN_MILLIS => FAIL_SEND_REQCURRTIMEINMILLIS,
        outgoing::REQ_EXECUTIONS => FAIL_SEND_EXEC,
        outgoing::REQ_FA => FAIL_SEND_FA_REQUEST,
        outgoing::REQ_FAMILY_CODES => FAIL_SEND_REQFAMILYCODES,
        outgoing::REQ_GLOBAL_CANCEL => FAIL_SEND_REQGLOBALCANCEL,
        outgoing::REQ_HEAD_TIMESTAMP => FAIL_SEND_REQHEADTIMESTAMP,
        outgoing::REQ_HISTOGRAM_DATA => FAIL_SEND_REQHISTOGRAMDATA,
        outgoing::REQ_HISTORICAL_DATA => FAIL_SEND_REQHISTDATA,
        outgoing::REQ_HISTORICAL_NEWS => FAIL_SEND_REQHISTORICALNEWS,
        outgoing::REQ_HISTORICAL_TICKS => FAIL_SEND_REQHISTORICALTICKS,
        outgoing::REQ_MARKET_DATA_TYPE => FAIL_SEND_REQMARKETDATATYPE,
        outgoing::REQ_MARKET_RULE => FAIL_SEND_REQMARKETRULE,
        outgoing::REQ_MATCHING_SYMBOLS => FAIL_SEND_REQMATCHINGSYMBOLS,
        outgoing::REQ_MKT_DEPTH => FAIL_SEND_REQMKTDEPTH,
        outgoing::REQ_MKT_DEPTH_EXCHANGES => FAIL_SEND_REQMKTDEPTHEXCHANGES,
        outgoing::REQ_NEWS_ARTICLE => FAIL_SEND_REQNEWSARTICLE,
        outgoing::REQ_NEWS_PROVIDERS => FAIL_SEND_REQNEWSPROVIDERS,
        outgoing::REQ_PNL => FAIL_SEND_REQPNL,
        outgoing::REQ_PNL_SINGLE => FAIL_SEND_REQPNLSINGLE,
        outgoing::REQ_POSITIONS => FAIL_SEND_REQPOSITIONS,
        outgoing::REQ_POSITIONS_MULTI => FAIL_SEND_REQPOSITIONSMULTI,
        outgoing::REQ_REAL_TIME_BARS => FAIL_SEND_REQRTBARS,
        outgoing::REQ_SCANNER_PARAMETERS => FAIL_SEND_REQSCANNERPARAMETERS,
        outgoing::REQ_SCANNER_SUBSCRIPTION => FAIL_SEND_REQSCANNER,
        outgoing::REQ_SEC_DEF_OPT_PARAMS => FAIL_SEND_REQSECDEFOPTPARAMS,
        outgoing::REQ_SMART_COMPONENTS => FAIL_SEND_REQSMARTCOMPONENTS,
        outgoing::REQ_SOFT_DOLLAR_TIERS => FAIL_SEND_REQSOFTDOLLARTIERS,
        outgoing::REQ_TICK_BY_TICK_DATA => FAIL_SEND_REQTICKBYTICKDATA,
        outgoing::REQ_USER_INFO => FAIL_SEND_REQ_USER_INFO,
        outgoing::REQ_WSH_EVENT_DATA => FAIL_SEND_REQ_WSH_EVENT_DATA,
        outgoing::REQ_WSH_META_DATA => FAIL_SEND_REQ_WSH_META_DATA,
        outgoing::SET_SERVER_LOGLEVEL => FAIL_SEND_SERVER_LOG_LEVEL,
        outgoing::START_API => FAIL_SEND_STARTAPI,
        outgoing::SUBSCRIBE_TO_GROUP_EVENTS => FAIL_SEND_SUBSCRIBETOGROUPEVENTS,
        outgoing::UNSUBSCRIBE_FROM_GROUP_EVENTS => FAIL_SEND_UNSUBSCRIBEFROMGROUPEVENTS,
        outgoing::UPDATE_CONFIG => FAIL_SEND_UPDATECONFIG,
        outgoing::UPDATE_DISPLAY_GROUP => FAIL_SEND_UPDATEDISPLAYGROUP,
        outgoing::VERIFY_AND_AUTH_MESSAGE => FAIL_SEND_VERIFYANDAUTHMESSAGE,
        outgoing::VERIFY_AND_AUTH_REQUEST => FAIL_SEND_VERIFYANDAUTHREQUEST,
        outgoing::VERIFY_MESSAGE => FAIL_SEND_VERIFYMESSAGE,
        outgoing::VERIFY_REQUEST => FAIL_SEND_VERIFYREQUEST,
        _ => return None,
    })
}

/// The official text for a code in [`ALL`].
pub fn message_for(code: i32) -> Option<&'static str> {
    ALL.iter().find(|c| c.code == code).map(|c| c.msg)
}

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
    #[test]
    fn every_request_of_10_51_1_has_its_failed_send_code() {
        use super::*;
        use crate::messages::ids::outgoing;
        for &id in outgoing::ALL {
            let removed = [
                outgoing::REQ_FUNDAMENTAL_DATA,
                outgoing::CANCEL_FUNDAMENTAL_DATA,
            ];
            assert_eq!(fail_send(id).is_some(), !removed.contains(&id), "{id}");
        }
        // The official choices, odd ones included.
        for (id, code) in [
            (outgoing::REQ_MKT_DATA, FAIL_SEND_REQMKT),
            (outgoing::EXERCISE_OPTIONS, FAIL_SEND_REQMKT),
            (outgoing::REQ_IDS, FAIL_SEND_CORDER),
            (outgoing::REQ_NEWS_BULLETINS, FAIL_SEND_CORDER),
            (outgoing::REQ_MANAGED_ACCTS, FAIL_SEND_OORDER),
            (outgoing::CANCEL_REAL_TIME_BARS, FAIL_SEND_CANRTBARS),
            (outgoing::UPDATE_CONFIG, FAIL_SEND_UPDATECONFIG),
        ] {
            assert_eq!(fail_send(id), Some(code));
        }
        assert_eq!(FAIL_SEND_REQMKT.code, 510);
        assert_eq!(FAIL_SEND_UPDATECONFIG.code, 593);
        // 530 was SSL_FAIL in 10.37.2: a lookup by code still finds that.
        assert_eq!(message_for(530), Some(SSL_FAIL.msg));
    }

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
