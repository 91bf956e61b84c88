//! Message ids: the first field of every frame after the handshake.
//!
//! Below server version 201 the id is sent as a text field; from 201 on as a raw
//! big-endian u32 (see [`crate::wire`]). A protobuf-encoded message carries its id
//! plus [`PROTOBUF_MSG_ID`]. Values are the official ones (ibapi 10.37.2).

/// Offset added to a message id when the payload is protobuf rather than fields.
pub const PROTOBUF_MSG_ID: u32 = 200;

/// Ids of messages the gateway sends to the client.
pub mod incoming {
    #[allow(missing_docs)]
    pub const TICK_PRICE: u32 = 1;
    #[allow(missing_docs)]
    pub const TICK_SIZE: u32 = 2;
    #[allow(missing_docs)]
    pub const ORDER_STATUS: u32 = 3;
    #[allow(missing_docs)]
    pub const ERR_MSG: u32 = 4;
    #[allow(missing_docs)]
    pub const OPEN_ORDER: u32 = 5;
    #[allow(missing_docs)]
    pub const ACCT_VALUE: u32 = 6;
    #[allow(missing_docs)]
    pub const PORTFOLIO_VALUE: u32 = 7;
    #[allow(missing_docs)]
    pub const ACCT_UPDATE_TIME: u32 = 8;
    #[allow(missing_docs)]
    pub const NEXT_VALID_ID: u32 = 9;
    #[allow(missing_docs)]
    pub const CONTRACT_DATA: u32 = 10;
    #[allow(missing_docs)]
    pub const EXECUTION_DATA: u32 = 11;
    #[allow(missing_docs)]
    pub const MARKET_DEPTH: u32 = 12;
    #[allow(missing_docs)]
    pub const MARKET_DEPTH_L2: u32 = 13;
    #[allow(missing_docs)]
    pub const NEWS_BULLETINS: u32 = 14;
    #[allow(missing_docs)]
    pub const MANAGED_ACCTS: u32 = 15;
    #[allow(missing_docs)]
    pub const RECEIVE_FA: u32 = 16;
    #[allow(missing_docs)]
    pub const HISTORICAL_DATA: u32 = 17;
    #[allow(missing_docs)]
    pub const BOND_CONTRACT_DATA: u32 = 18;
    #[allow(missing_docs)]
    pub const SCANNER_PARAMETERS: u32 = 19;
    #[allow(missing_docs)]
    pub const SCANNER_DATA: u32 = 20;
    #[allow(missing_docs)]
    pub const TICK_OPTION_COMPUTATION: u32 = 21;
    #[allow(missing_docs)]
    pub const TICK_GENERIC: u32 = 45;
    #[allow(missing_docs)]
    pub const TICK_STRING: u32 = 46;
    #[allow(missing_docs)]
    pub const TICK_EFP: u32 = 47;
    #[allow(missing_docs)]
    pub const CURRENT_TIME: u32 = 49;
    #[allow(missing_docs)]
    pub const REAL_TIME_BARS: u32 = 50;
    #[allow(missing_docs)]
    pub const FUNDAMENTAL_DATA: u32 = 51;
    #[allow(missing_docs)]
    pub const CONTRACT_DATA_END: u32 = 52;
    #[allow(missing_docs)]
    pub const OPEN_ORDER_END: u32 = 53;
    #[allow(missing_docs)]
    pub const ACCT_DOWNLOAD_END: u32 = 54;
    #[allow(missing_docs)]
    pub const EXECUTION_DATA_END: u32 = 55;
    #[allow(missing_docs)]
    pub const DELTA_NEUTRAL_VALIDATION: u32 = 56;
    #[allow(missing_docs)]
    pub const TICK_SNAPSHOT_END: u32 = 57;
    #[allow(missing_docs)]
    pub const MARKET_DATA_TYPE: u32 = 58;
    #[allow(missing_docs)]
    pub const COMMISSION_AND_FEES_REPORT: u32 = 59;
    #[allow(missing_docs)]
    pub const POSITION_DATA: u32 = 61;
    #[allow(missing_docs)]
    pub const POSITION_END: u32 = 62;
    #[allow(missing_docs)]
    pub const ACCOUNT_SUMMARY: u32 = 63;
    #[allow(missing_docs)]
    pub const ACCOUNT_SUMMARY_END: u32 = 64;
    #[allow(missing_docs)]
    pub const VERIFY_MESSAGE_API: u32 = 65;
    #[allow(missing_docs)]
    pub const VERIFY_COMPLETED: u32 = 66;
    #[allow(missing_docs)]
    pub const DISPLAY_GROUP_LIST: u32 = 67;
    #[allow(missing_docs)]
    pub const DISPLAY_GROUP_UPDATED: u32 = 68;
    #[allow(missing_docs)]
    pub const VERIFY_AND_AUTH_MESSAGE_API: u32 = 69;
    #[allow(missing_docs)]
    pub const VERIFY_AND_AUTH_COMPLETED: u32 = 70;
    #[allow(missing_docs)]
    pub const POSITION_MULTI: u32 = 71;
    #[allow(missing_docs)]
    pub const POSITION_MULTI_END: u32 = 72;
    #[allow(missing_docs)]
    pub const ACCOUNT_UPDATE_MULTI: u32 = 73;
    #[allow(missing_docs)]
    pub const ACCOUNT_UPDATE_MULTI_END: u32 = 74;
    #[allow(missing_docs)]
    pub const SECURITY_DEFINITION_OPTION_PARAMETER: u32 = 75;
    #[allow(missing_docs)]
    pub const SECURITY_DEFINITION_OPTION_PARAMETER_END: u32 = 76;
    #[allow(missing_docs)]
    pub const SOFT_DOLLAR_TIERS: u32 = 77;
    #[allow(missing_docs)]
    pub const FAMILY_CODES: u32 = 78;
    #[allow(missing_docs)]
    pub const SYMBOL_SAMPLES: u32 = 79;
    #[allow(missing_docs)]
    pub const MKT_DEPTH_EXCHANGES: u32 = 80;
    #[allow(missing_docs)]
    pub const TICK_REQ_PARAMS: u32 = 81;
    #[allow(missing_docs)]
    pub const SMART_COMPONENTS: u32 = 82;
    #[allow(missing_docs)]
    pub const NEWS_ARTICLE: u32 = 83;
    #[allow(missing_docs)]
    pub const TICK_NEWS: u32 = 84;
    #[allow(missing_docs)]
    pub const NEWS_PROVIDERS: u32 = 85;
    #[allow(missing_docs)]
    pub const HISTORICAL_NEWS: u32 = 86;
    #[allow(missing_docs)]
    pub const HISTORICAL_NEWS_END: u32 = 87;
    #[allow(missing_docs)]
    pub const HEAD_TIMESTAMP: u32 = 88;
    #[allow(missing_docs)]
    pub const HISTOGRAM_DATA: u32 = 89;
    #[allow(missing_docs)]
    pub const HISTORICAL_DATA_UPDATE: u32 = 90;
    #[allow(missing_docs)]
    pub const REROUTE_MKT_DATA_REQ: u32 = 91;
    #[allow(missing_docs)]
    pub const REROUTE_MKT_DEPTH_REQ: u32 = 92;
    #[allow(missing_docs)]
    pub const MARKET_RULE: u32 = 93;
    #[allow(missing_docs)]
    pub const PNL: u32 = 94;
    #[allow(missing_docs)]
    pub const PNL_SINGLE: u32 = 95;
    #[allow(missing_docs)]
    pub const HISTORICAL_TICKS: u32 = 96;
    #[allow(missing_docs)]
    pub const HISTORICAL_TICKS_BID_ASK: u32 = 97;
    #[allow(missing_docs)]
    pub const HISTORICAL_TICKS_LAST: u32 = 98;
    #[allow(missing_docs)]
    pub const TICK_BY_TICK: u32 = 99;
    #[allow(missing_docs)]
    pub const ORDER_BOUND: u32 = 100;
    #[allow(missing_docs)]
    pub const COMPLETED_ORDER: u32 = 101;
    #[allow(missing_docs)]
    pub const COMPLETED_ORDERS_END: u32 = 102;
    #[allow(missing_docs)]
    pub const REPLACE_FA_END: u32 = 103;
    #[allow(missing_docs)]
    pub const WSH_META_DATA: u32 = 104;
    #[allow(missing_docs)]
    pub const WSH_EVENT_DATA: u32 = 105;
    #[allow(missing_docs)]
    pub const HISTORICAL_SCHEDULE: u32 = 106;
    #[allow(missing_docs)]
    pub const USER_INFO: u32 = 107;
    #[allow(missing_docs)]
    pub const HISTORICAL_DATA_END: u32 = 108;
    #[allow(missing_docs)]
    pub const CURRENT_TIME_IN_MILLIS: u32 = 109;

    /// The official name of an incoming message id, for logs and errors.
    pub fn name(id: u32) -> Option<&'static str> {
        Some(match id {
            TICK_PRICE => "TICK_PRICE",
            TICK_SIZE => "TICK_SIZE",
            ORDER_STATUS => "ORDER_STATUS",
            ERR_MSG => "ERR_MSG",
            OPEN_ORDER => "OPEN_ORDER",
            ACCT_VALUE => "ACCT_VALUE",
            PORTFOLIO_VALUE => "PORTFOLIO_VALUE",
            ACCT_UPDATE_TIME => "ACCT_UPDATE_TIME",
            NEXT_VALID_ID => "NEXT_VALID_ID",
            CONTRACT_DATA => "CONTRACT_DATA",
            EXECUTION_DATA => "EXECUTION_DATA",
            MARKET_DEPTH => "MARKET_DEPTH",
            MARKET_DEPTH_L2 => "MARKET_DEPTH_L2",
            NEWS_BULLETINS => "NEWS_BULLETINS",
            MANAGED_ACCTS => "MANAGED_ACCTS",
            RECEIVE_FA => "RECEIVE_FA",
            HISTORICAL_DATA => "HISTORICAL_DATA",
            BOND_CONTRACT_DATA => "BOND_CONTRACT_DATA",
            SCANNER_PARAMETERS => "SCANNER_PARAMETERS",
            SCANNER_DATA => "SCANNER_DATA",
            TICK_OPTION_COMPUTATION => "TICK_OPTION_COMPUTATION",
            TICK_GENERIC => "TICK_GENERIC",
            TICK_STRING => "TICK_STRING",
            TICK_EFP => "TICK_EFP",
            CURRENT_TIME => "CURRENT_TIME",
            REAL_TIME_BARS => "REAL_TIME_BARS",
            FUNDAMENTAL_DATA => "FUNDAMENTAL_DATA",
            CONTRACT_DATA_END => "CONTRACT_DATA_END",
            OPEN_ORDER_END => "OPEN_ORDER_END",
            ACCT_DOWNLOAD_END => "ACCT_DOWNLOAD_END",
            EXECUTION_DATA_END => "EXECUTION_DATA_END",
            DELTA_NEUTRAL_VALIDATION => "DELTA_NEUTRAL_VALIDATION",
            TICK_SNAPSHOT_END => "TICK_SNAPSHOT_END",
            MARKET_DATA_TYPE => "MARKET_DATA_TYPE",
            COMMISSION_AND_FEES_REPORT => "COMMISSION_AND_FEES_REPORT",
            POSITION_DATA => "POSITION_DATA",
            POSITION_END => "POSITION_END",
            ACCOUNT_SUMMARY => "ACCOUNT_SUMMARY",
            ACCOUNT_SUMMARY_END => "ACCOUNT_SUMMARY_END",
            VERIFY_MESSAGE_API => "VERIFY_MESSAGE_API",
            VERIFY_COMPLETED => "VERIFY_COMPLETED",
            DISPLAY_GROUP_LIST => "DISPLAY_GROUP_LIST",
            DISPLAY_GROUP_UPDATED => "DISPLAY_GROUP_UPDATED",
            VERIFY_AND_AUTH_MESSAGE_API => "VERIFY_AND_AUTH_MESSAGE_API",
            VERIFY_AND_AUTH_COMPLETED => "VERIFY_AND_AUTH_COMPLETED",
            POSITION_MULTI => "POSITION_MULTI",
            POSITION_MULTI_END => "POSITION_MULTI_END",
            ACCOUNT_UPDATE_MULTI => "ACCOUNT_UPDATE_MULTI",
            ACCOUNT_UPDATE_MULTI_END => "ACCOUNT_UPDATE_MULTI_END",
            SECURITY_DEFINITION_OPTION_PARAMETER => "SECURITY_DEFINITION_OPTION_PARAMETER",
            SECURITY_DEFINITION_OPTION_PARAMETER_END => "SECURITY_DEFINITION_OPTION_PARAMETER_END",
            SOFT_DOLLAR_TIERS => "SOFT_DOLLAR_TIERS",
            FAMILY_CODES => "FAMILY_CODES",
            SYMBOL_SAMPLES => "SYMBOL_SAMPLES",
            MKT_DEPTH_EXCHANGES => "MKT_DEPTH_EXCHANGES",
            TICK_REQ_PARAMS => "TICK_REQ_PARAMS",
            SMART_COMPONENTS => "SMART_COMPONENTS",
            NEWS_ARTICLE => "NEWS_ARTICLE",
            TICK_NEWS => "TICK_NEWS",
            NEWS_PROVIDERS => "NEWS_PROVIDERS",
            HISTORICAL_NEWS => "HISTORICAL_NEWS",
            HISTORICAL_NEWS_END => "HISTORICAL_NEWS_END",
            HEAD_TIMESTAMP => "HEAD_TIMESTAMP",
            HISTOGRAM_DATA => "HISTOGRAM_DATA",
            HISTORICAL_DATA_UPDATE => "HISTORICAL_DATA_UPDATE",
            REROUTE_MKT_DATA_REQ => "REROUTE_MKT_DATA_REQ",
            REROUTE_MKT_DEPTH_REQ => "REROUTE_MKT_DEPTH_REQ",
            MARKET_RULE => "MARKET_RULE",
            PNL => "PNL",
            PNL_SINGLE => "PNL_SINGLE",
            HISTORICAL_TICKS => "HISTORICAL_TICKS",
            HISTORICAL_TICKS_BID_ASK => "HISTORICAL_TICKS_BID_ASK",
            HISTORICAL_TICKS_LAST => "HISTORICAL_TICKS_LAST",
            TICK_BY_TICK => "TICK_BY_TICK",
            ORDER_BOUND => "ORDER_BOUND",
            COMPLETED_ORDER => "COMPLETED_ORDER",
            COMPLETED_ORDERS_END => "COMPLETED_ORDERS_END",
            REPLACE_FA_END => "REPLACE_FA_END",
            WSH_META_DATA => "WSH_META_DATA",
            WSH_EVENT_DATA => "WSH_EVENT_DATA",
            HISTORICAL_SCHEDULE => "HISTORICAL_SCHEDULE",
            USER_INFO => "USER_INFO",
            HISTORICAL_DATA_END => "HISTORICAL_DATA_END",
            CURRENT_TIME_IN_MILLIS => "CURRENT_TIME_IN_MILLIS",
            _ => return None,
        })
    }
}

/// Ids of messages the client sends to the gateway.
pub mod outgoing {
    #[allow(missing_docs)]
    pub const REQ_MKT_DATA: u32 = 1;
    #[allow(missing_docs)]
    pub const CANCEL_MKT_DATA: u32 = 2;
    #[allow(missing_docs)]
    pub const PLACE_ORDER: u32 = 3;
    #[allow(missing_docs)]
    pub const CANCEL_ORDER: u32 = 4;
    #[allow(missing_docs)]
    pub const REQ_OPEN_ORDERS: u32 = 5;
    #[allow(missing_docs)]
    pub const REQ_ACCT_DATA: u32 = 6;
    #[allow(missing_docs)]
    pub const REQ_EXECUTIONS: u32 = 7;
    #[allow(missing_docs)]
    pub const REQ_IDS: u32 = 8;
    #[allow(missing_docs)]
    pub const REQ_CONTRACT_DATA: u32 = 9;
    #[allow(missing_docs)]
    pub const REQ_MKT_DEPTH: u32 = 10;
    #[allow(missing_docs)]
    pub const CANCEL_MKT_DEPTH: u32 = 11;
    #[allow(missing_docs)]
    pub const REQ_NEWS_BULLETINS: u32 = 12;
    #[allow(missing_docs)]
    pub const CANCEL_NEWS_BULLETINS: u32 = 13;
    #[allow(missing_docs)]
    pub const SET_SERVER_LOGLEVEL: u32 = 14;
    #[allow(missing_docs)]
    pub const REQ_AUTO_OPEN_ORDERS: u32 = 15;
    #[allow(missing_docs)]
    pub const REQ_ALL_OPEN_ORDERS: u32 = 16;
    #[allow(missing_docs)]
    pub const REQ_MANAGED_ACCTS: u32 = 17;
    #[allow(missing_docs)]
    pub const REQ_FA: u32 = 18;
    #[allow(missing_docs)]
    pub const REPLACE_FA: u32 = 19;
    #[allow(missing_docs)]
    pub const REQ_HISTORICAL_DATA: u32 = 20;
    #[allow(missing_docs)]
    pub const EXERCISE_OPTIONS: u32 = 21;
    #[allow(missing_docs)]
    pub const REQ_SCANNER_SUBSCRIPTION: u32 = 22;
    #[allow(missing_docs)]
    pub const CANCEL_SCANNER_SUBSCRIPTION: u32 = 23;
    #[allow(missing_docs)]
    pub const REQ_SCANNER_PARAMETERS: u32 = 24;
    #[allow(missing_docs)]
    pub const CANCEL_HISTORICAL_DATA: u32 = 25;
    #[allow(missing_docs)]
    pub const REQ_CURRENT_TIME: u32 = 49;
    #[allow(missing_docs)]
    pub const REQ_REAL_TIME_BARS: u32 = 50;
    #[allow(missing_docs)]
    pub const CANCEL_REAL_TIME_BARS: u32 = 51;
    #[allow(missing_docs)]
    pub const REQ_FUNDAMENTAL_DATA: u32 = 52;
    #[allow(missing_docs)]
    pub const CANCEL_FUNDAMENTAL_DATA: u32 = 53;
    #[allow(missing_docs)]
    pub const REQ_CALC_IMPLIED_VOLAT: u32 = 54;
    #[allow(missing_docs)]
    pub const REQ_CALC_OPTION_PRICE: u32 = 55;
    #[allow(missing_docs)]
    pub const CANCEL_CALC_IMPLIED_VOLAT: u32 = 56;
    #[allow(missing_docs)]
    pub const CANCEL_CALC_OPTION_PRICE: u32 = 57;
    #[allow(missing_docs)]
    pub const REQ_GLOBAL_CANCEL: u32 = 58;
    #[allow(missing_docs)]
    pub const REQ_MARKET_DATA_TYPE: u32 = 59;
    #[allow(missing_docs)]
    pub const REQ_POSITIONS: u32 = 61;
    #[allow(missing_docs)]
    pub const REQ_ACCOUNT_SUMMARY: u32 = 62;
    #[allow(missing_docs)]
    pub const CANCEL_ACCOUNT_SUMMARY: u32 = 63;
    #[allow(missing_docs)]
    pub const CANCEL_POSITIONS: u32 = 64;
    #[allow(missing_docs)]
    pub const VERIFY_REQUEST: u32 = 65;
    #[allow(missing_docs)]
    pub const VERIFY_MESSAGE: u32 = 66;
    #[allow(missing_docs)]
    pub const QUERY_DISPLAY_GROUPS: u32 = 67;
    #[allow(missing_docs)]
    pub const SUBSCRIBE_TO_GROUP_EVENTS: u32 = 68;
    #[allow(missing_docs)]
    pub const UPDATE_DISPLAY_GROUP: u32 = 69;
    #[allow(missing_docs)]
    pub const UNSUBSCRIBE_FROM_GROUP_EVENTS: u32 = 70;
    #[allow(missing_docs)]
    pub const START_API: u32 = 71;
    #[allow(missing_docs)]
    pub const VERIFY_AND_AUTH_REQUEST: u32 = 72;
    #[allow(missing_docs)]
    pub const VERIFY_AND_AUTH_MESSAGE: u32 = 73;
    #[allow(missing_docs)]
    pub const REQ_POSITIONS_MULTI: u32 = 74;
    #[allow(missing_docs)]
    pub const CANCEL_POSITIONS_MULTI: u32 = 75;
    #[allow(missing_docs)]
    pub const REQ_ACCOUNT_UPDATES_MULTI: u32 = 76;
    #[allow(missing_docs)]
    pub const CANCEL_ACCOUNT_UPDATES_MULTI: u32 = 77;
    #[allow(missing_docs)]
    pub const REQ_SEC_DEF_OPT_PARAMS: u32 = 78;
    #[allow(missing_docs)]
    pub const REQ_SOFT_DOLLAR_TIERS: u32 = 79;
    #[allow(missing_docs)]
    pub const REQ_FAMILY_CODES: u32 = 80;
    #[allow(missing_docs)]
    pub const REQ_MATCHING_SYMBOLS: u32 = 81;
    #[allow(missing_docs)]
    pub const REQ_MKT_DEPTH_EXCHANGES: u32 = 82;
    #[allow(missing_docs)]
    pub const REQ_SMART_COMPONENTS: u32 = 83;
    #[allow(missing_docs)]
    pub const REQ_NEWS_ARTICLE: u32 = 84;
    #[allow(missing_docs)]
    pub const REQ_NEWS_PROVIDERS: u32 = 85;
    #[allow(missing_docs)]
    pub const REQ_HISTORICAL_NEWS: u32 = 86;
    #[allow(missing_docs)]
    pub const REQ_HEAD_TIMESTAMP: u32 = 87;
    #[allow(missing_docs)]
    pub const REQ_HISTOGRAM_DATA: u32 = 88;
    #[allow(missing_docs)]
    pub const CANCEL_HISTOGRAM_DATA: u32 = 89;
    #[allow(missing_docs)]
    pub const CANCEL_HEAD_TIMESTAMP: u32 = 90;
    #[allow(missing_docs)]
    pub const REQ_MARKET_RULE: u32 = 91;
    #[allow(missing_docs)]
    pub const REQ_PNL: u32 = 92;
    #[allow(missing_docs)]
    pub const CANCEL_PNL: u32 = 93;
    #[allow(missing_docs)]
    pub const REQ_PNL_SINGLE: u32 = 94;
    #[allow(missing_docs)]
    pub const CANCEL_PNL_SINGLE: u32 = 95;
    #[allow(missing_docs)]
    pub const REQ_HISTORICAL_TICKS: u32 = 96;
    #[allow(missing_docs)]
    pub const REQ_TICK_BY_TICK_DATA: u32 = 97;
    #[allow(missing_docs)]
    pub const CANCEL_TICK_BY_TICK_DATA: u32 = 98;
    #[allow(missing_docs)]
    pub const REQ_COMPLETED_ORDERS: u32 = 99;
    #[allow(missing_docs)]
    pub const REQ_WSH_META_DATA: u32 = 100;
    #[allow(missing_docs)]
    pub const CANCEL_WSH_META_DATA: u32 = 101;
    #[allow(missing_docs)]
    pub const REQ_WSH_EVENT_DATA: u32 = 102;
    #[allow(missing_docs)]
    pub const CANCEL_WSH_EVENT_DATA: u32 = 103;
    #[allow(missing_docs)]
    pub const REQ_USER_INFO: u32 = 104;
    #[allow(missing_docs)]
    pub const REQ_CURRENT_TIME_IN_MILLIS: u32 = 105;

    /// The first server version at which the official client sends request
    /// `id` as protobuf instead of fields (`PROTOBUF_MSG_IDS` of 10.37.2):
    /// reqExecutions from 201, placeOrder, cancelOrder and reqGlobalCancel
    /// from 203. `None` for requests that always travel as fields.
    pub const fn protobuf_since(id: u32) -> Option<i32> {
        use crate::server_versions::{
            MIN_SERVER_VER_PROTOBUF, MIN_SERVER_VER_PROTOBUF_PLACE_ORDER,
        };
        match id {
            REQ_EXECUTIONS => Some(MIN_SERVER_VER_PROTOBUF),
            PLACE_ORDER | CANCEL_ORDER | REQ_GLOBAL_CANCEL => {
                Some(MIN_SERVER_VER_PROTOBUF_PLACE_ORDER)
            }
            _ => None,
        }
    }

    /// The official name of an outgoing message id, for logs and errors.
    pub fn name(id: u32) -> Option<&'static str> {
        Some(match id {
            REQ_MKT_DATA => "REQ_MKT_DATA",
            CANCEL_MKT_DATA => "CANCEL_MKT_DATA",
            PLACE_ORDER => "PLACE_ORDER",
            CANCEL_ORDER => "CANCEL_ORDER",
            REQ_OPEN_ORDERS => "REQ_OPEN_ORDERS",
            REQ_ACCT_DATA => "REQ_ACCT_DATA",
            REQ_EXECUTIONS => "REQ_EXECUTIONS",
            REQ_IDS => "REQ_IDS",
            REQ_CONTRACT_DATA => "REQ_CONTRACT_DATA",
            REQ_MKT_DEPTH => "REQ_MKT_DEPTH",
            CANCEL_MKT_DEPTH => "CANCEL_MKT_DEPTH",
            REQ_NEWS_BULLETINS => "REQ_NEWS_BULLETINS",
            CANCEL_NEWS_BULLETINS => "CANCEL_NEWS_BULLETINS",
            SET_SERVER_LOGLEVEL => "SET_SERVER_LOGLEVEL",
            REQ_AUTO_OPEN_ORDERS => "REQ_AUTO_OPEN_ORDERS",
            REQ_ALL_OPEN_ORDERS => "REQ_ALL_OPEN_ORDERS",
            REQ_MANAGED_ACCTS => "REQ_MANAGED_ACCTS",
            REQ_FA => "REQ_FA",
            REPLACE_FA => "REPLACE_FA",
            REQ_HISTORICAL_DATA => "REQ_HISTORICAL_DATA",
            EXERCISE_OPTIONS => "EXERCISE_OPTIONS",
            REQ_SCANNER_SUBSCRIPTION => "REQ_SCANNER_SUBSCRIPTION",
            CANCEL_SCANNER_SUBSCRIPTION => "CANCEL_SCANNER_SUBSCRIPTION",
            REQ_SCANNER_PARAMETERS => "REQ_SCANNER_PARAMETERS",
            CANCEL_HISTORICAL_DATA => "CANCEL_HISTORICAL_DATA",
            REQ_CURRENT_TIME => "REQ_CURRENT_TIME",
            REQ_REAL_TIME_BARS => "REQ_REAL_TIME_BARS",
            CANCEL_REAL_TIME_BARS => "CANCEL_REAL_TIME_BARS",
            REQ_FUNDAMENTAL_DATA => "REQ_FUNDAMENTAL_DATA",
            CANCEL_FUNDAMENTAL_DATA => "CANCEL_FUNDAMENTAL_DATA",
            REQ_CALC_IMPLIED_VOLAT => "REQ_CALC_IMPLIED_VOLAT",
            REQ_CALC_OPTION_PRICE => "REQ_CALC_OPTION_PRICE",
            CANCEL_CALC_IMPLIED_VOLAT => "CANCEL_CALC_IMPLIED_VOLAT",
            CANCEL_CALC_OPTION_PRICE => "CANCEL_CALC_OPTION_PRICE",
            REQ_GLOBAL_CANCEL => "REQ_GLOBAL_CANCEL",
            REQ_MARKET_DATA_TYPE => "REQ_MARKET_DATA_TYPE",
            REQ_POSITIONS => "REQ_POSITIONS",
            REQ_ACCOUNT_SUMMARY => "REQ_ACCOUNT_SUMMARY",
            CANCEL_ACCOUNT_SUMMARY => "CANCEL_ACCOUNT_SUMMARY",
            CANCEL_POSITIONS => "CANCEL_POSITIONS",
            VERIFY_REQUEST => "VERIFY_REQUEST",
            VERIFY_MESSAGE => "VERIFY_MESSAGE",
            QUERY_DISPLAY_GROUPS => "QUERY_DISPLAY_GROUPS",
            SUBSCRIBE_TO_GROUP_EVENTS => "SUBSCRIBE_TO_GROUP_EVENTS",
            UPDATE_DISPLAY_GROUP => "UPDATE_DISPLAY_GROUP",
            UNSUBSCRIBE_FROM_GROUP_EVENTS => "UNSUBSCRIBE_FROM_GROUP_EVENTS",
            START_API => "START_API",
            VERIFY_AND_AUTH_REQUEST => "VERIFY_AND_AUTH_REQUEST",
            VERIFY_AND_AUTH_MESSAGE => "VERIFY_AND_AUTH_MESSAGE",
            REQ_POSITIONS_MULTI => "REQ_POSITIONS_MULTI",
            CANCEL_POSITIONS_MULTI => "CANCEL_POSITIONS_MULTI",
            REQ_ACCOUNT_UPDATES_MULTI => "REQ_ACCOUNT_UPDATES_MULTI",
            CANCEL_ACCOUNT_UPDATES_MULTI => "CANCEL_ACCOUNT_UPDATES_MULTI",
            REQ_SEC_DEF_OPT_PARAMS => "REQ_SEC_DEF_OPT_PARAMS",
            REQ_SOFT_DOLLAR_TIERS => "REQ_SOFT_DOLLAR_TIERS",
            REQ_FAMILY_CODES => "REQ_FAMILY_CODES",
            REQ_MATCHING_SYMBOLS => "REQ_MATCHING_SYMBOLS",
            REQ_MKT_DEPTH_EXCHANGES => "REQ_MKT_DEPTH_EXCHANGES",
            REQ_SMART_COMPONENTS => "REQ_SMART_COMPONENTS",
            REQ_NEWS_ARTICLE => "REQ_NEWS_ARTICLE",
            REQ_NEWS_PROVIDERS => "REQ_NEWS_PROVIDERS",
            REQ_HISTORICAL_NEWS => "REQ_HISTORICAL_NEWS",
            REQ_HEAD_TIMESTAMP => "REQ_HEAD_TIMESTAMP",
            REQ_HISTOGRAM_DATA => "REQ_HISTOGRAM_DATA",
            CANCEL_HISTOGRAM_DATA => "CANCEL_HISTOGRAM_DATA",
            CANCEL_HEAD_TIMESTAMP => "CANCEL_HEAD_TIMESTAMP",
            REQ_MARKET_RULE => "REQ_MARKET_RULE",
            REQ_PNL => "REQ_PNL",
            CANCEL_PNL => "CANCEL_PNL",
            REQ_PNL_SINGLE => "REQ_PNL_SINGLE",
            CANCEL_PNL_SINGLE => "CANCEL_PNL_SINGLE",
            REQ_HISTORICAL_TICKS => "REQ_HISTORICAL_TICKS",
            REQ_TICK_BY_TICK_DATA => "REQ_TICK_BY_TICK_DATA",
            CANCEL_TICK_BY_TICK_DATA => "CANCEL_TICK_BY_TICK_DATA",
            REQ_COMPLETED_ORDERS => "REQ_COMPLETED_ORDERS",
            REQ_WSH_META_DATA => "REQ_WSH_META_DATA",
            CANCEL_WSH_META_DATA => "CANCEL_WSH_META_DATA",
            REQ_WSH_EVENT_DATA => "REQ_WSH_EVENT_DATA",
            CANCEL_WSH_EVENT_DATA => "CANCEL_WSH_EVENT_DATA",
            REQ_USER_INFO => "REQ_USER_INFO",
            REQ_CURRENT_TIME_IN_MILLIS => "REQ_CURRENT_TIME_IN_MILLIS",
            _ => return None,
        })
    }
}
