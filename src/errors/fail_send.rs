//! The codes 10.51.1 added for a request it could not write (`FAIL_SEND_…`,
//! 510–593, each text followed by what went wrong) and for a protobuf
//! request it could not encode (588), and which request reports which
//! ([`fail_send`]).

use super::CodeMsg;
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

// Used by the refusals of the same requests too (10.51.1 refuses them
// with these codes before sending).
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
/// 551: the official client could not send `verifyAndAuthRequest`.
pub const FAIL_SEND_VERIFYANDAUTHREQUEST: CodeMsg = CodeMsg {
    code: 551,
    msg: "Verify And Auth Request Sending Error - ",
};
/// 545: the official client could not send `verifyRequest` (10.51.1's
/// refusal of it).
pub const FAIL_SEND_VERIFYMESSAGE: CodeMsg = CodeMsg {
    code: 545,
    msg: "Verify Message Sending Error - ",
};
/// 544: `verifyRequest` could not be sent (10.51.1's protobuf form refuses
/// it without the intent to authenticate at connect time).
pub const FAIL_SEND_VERIFYREQUEST: CodeMsg = CodeMsg {
    code: 544,
    msg: "Verify Request Sending Error - ",
};

/// The code and text the official client (10.51.1) reports, under the
/// request's id, when writing request `request` (its outgoing message id)
/// to the socket fails: its text is followed by what went wrong. The
/// official choice is kept where it is odd (`exerciseOptions` reports
/// `FAIL_SEND_REQMKT`, `reqIds` and the news bulletins `FAIL_SEND_CORDER`,
/// `reqManagedAccts` `FAIL_SEND_OORDER`). `None` for a request 10.51.1 no
/// longer has (`reqFundamentalData`): such a failure is reported as
/// [`SOCKET_EXCEPTION`](super::SOCKET_EXCEPTION).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::{message_for, SSL_FAIL};

    #[test]
    fn every_request_of_10_51_1_has_its_failed_send_code() {
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
}
