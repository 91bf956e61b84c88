//! The one table of message ids: every message of the protocol, its id, its
//! type, the form it travels in, and (for requests) the domain that answers
//! it.
//!
//! Below server version 201 the id is sent as a text field; from 201 on as a
//! raw big-endian u32 (see [`crate::wire`]). A protobuf-encoded message
//! carries its id plus [`PROTOBUF_MSG_ID`]. Values are the official ones
//! (ibapi 10.37.2; ibapi-latest 10.51.1 for the protobuf versions).
//!
//! From this table come the id constants ([`incoming`], [`outgoing`]), their
//! official names, the server versions from which requests travel as protobuf
//! ([`outgoing::protobuf_since`]), what each request does to the requests in
//! flight ([`outgoing::lifecycle`]: starts a one-shot request or a
//! subscription, or cancels one), the client's dispatcher
//! ([`dispatch_incoming`]: id → decoded message → [`Handler`]) and the
//! simulated gateway's routes ([`Request`]: one enum per domain, which the
//! gateway's domains match exhaustively). A row whose type disagrees with its
//! id does not compile (a request, or an incoming message read by its type;
//! the five read by a borrowing function of their own, depth, bars, scanner
//! rows, tick strings and tick-by-tick, are checked by the tests that dispatch them); a
//! request a domain does not answer does not compile.

use super::incoming::{Handler, Pb};
use super::Message;
use crate::proto;
use crate::wire::{DecodeError, FieldReader, MessageHeader};

/// What [`visit_messages`] calls for each message type.
#[doc(hidden)]
pub trait MessageVisitor {
    /// One message type, with the name of its row.
    fn visit<M: Message + PartialEq + std::fmt::Debug>(&mut self, name: &'static str);
}

/// Offset added to a message id when the payload is protobuf rather than fields.
pub const PROTOBUF_MSG_ID: u32 = 200;

macro_rules! id_table {
    (
        incoming<$lt:lifetime> {
            $( $iname:ident = $iid:literal => $ity:ty
                $(, read $iread:path)?
                $(, pb $ipb:ty)?
                $(, protobuf since $isince:ident)? ; )*
        }
        outgoing {
            $( $dom:ident => $denum:ident {
                $( $oname:ident = $oid:literal => $ovar:ident($oty:ty)
                    $(, protobuf since $since:ident)?
                    $(| $life:ident $lkey:ident $($lname:literal)?)? ; )*
            } )*
        }
    ) => {
        /// Ids of messages the gateway sends to the client.
        pub mod incoming {
            $( #[allow(missing_docs)] pub const $iname: u32 = $iid; )*

            /// The official name of an incoming message id, for logs and errors.
            pub fn name(id: u32) -> Option<&'static str> {
                match id {
                    $( $iname => Some(stringify!($iname)), )*
                    _ => None,
                }
            }

            /// Every incoming id of the table, in table order.
            pub const ALL: &[u32] = &[$($iname),*];

            /// The first server version at which the simulated gateway
            /// sends message `id` as protobuf (a TWS of that version does);
            /// `None` for those it sends as fields at every version. The
            /// client reads either form at any version, as its header says.
            pub const fn protobuf_since(id: u32) -> Option<i32> {
                #[allow(unused_imports)]
                use crate::server_versions::*;
                match id {
                    $( $iname => id_table!(@since $($isince)?), )*
                    _ => None,
                }
            }
        }

        /// Ids of messages the client sends to the gateway.
        pub mod outgoing {
            $( $( #[allow(missing_docs)] pub const $oname: u32 = $oid; )* )*

            /// The official name of an outgoing message id, for logs and errors.
            pub fn name(id: u32) -> Option<&'static str> {
                match id {
                    $( $( $oname => Some(stringify!($oname)), )* )*
                    _ => None,
                }
            }

            /// The first server version at which the official client sends
            /// request `id` as protobuf instead of fields (`PROTOBUF_MSG_IDS`
            /// of 10.37.2); `None` for requests that always travel as fields.
            pub const fn protobuf_since(id: u32) -> Option<i32> {
                #[allow(unused_imports)]
                use crate::server_versions::*;
                match id {
                    $( $( $oname => id_table!(@since $($since)?), )* )*
                    _ => None,
                }
            }

            /// What sending request `id` does to the requests in flight: it
            /// starts a one-shot request or a subscription (known by its
            /// request id or by the request itself), or cancels one.
            pub const fn lifecycle(id: u32) -> super::super::route::Lifecycle {
                use super::super::route::{Lifecycle, LifecycleKey};
                match id {
                    $( $( $oname => id_table!(@life $oname $($life $lkey $($lname)?)?), )* )*
                    _ => Lifecycle::Nothing,
                }
            }

            /// Every outgoing id of the table, in table order.
            pub const ALL: &[u32] = &[$($($oname),*),*];
        }

        /// Decodes one incoming message, as its header says (text or
        /// protobuf), and hands it to `h`; an id the table lacks, or a form
        /// the message does not have, goes to [`Handler::unknown`].
        #[inline]
        pub fn dispatch_incoming<$lt, H: Handler>(
            sv: i32,
            header: MessageHeader,
            body: &$lt [u8],
            h: &mut H,
        ) -> Result<(), DecodeError> {
            // A row whose type declares another id does not compile, nor
            // one whose protobuf form and row disagree.
            $( id_table!(@check incoming::$iname, $ity $(, $iread)?); )*

            if header.protobuf {
                match header.id {
                    $( $( incoming::$iname => {
                        let m = Pb::<$ipb>::read(body)?;
                        return h.on(sv, &m);
                    } )? )*
                    $( $( incoming::$iname => {
                        let _ = stringify!($isince);
                        // Handed on where it was read, as the text form
                        // is below; moved out only to give its buffers back.
                        let read = super::WithProto::<$ity>::read(sv, body);
                        if let Ok(ref m) = read {
                            let delivered = h.on(sv, m);
                            if let Ok(m) = read {
                                m.recycle();
                            }
                            return delivered;
                        }
                        return read.map(|_| ());
                    } )? )*
                    id => {
                        h.unknown(id, true, incoming::name(id).is_some());
                        return Ok(());
                    }
                }
            }
            let r = &mut FieldReader::new(body);
            match header.id {
                $( incoming::$iname => {
                    // Handed on where it was decoded: moving it out of the
                    // `Result` first copies it through the stack, wider than
                    // it was written, which stalls the tick path.
                    match id_table!(@read sv, r, $ity $(, $iread)?) {
                        Ok(ref m) => {
                            let m: &$ity = m;
                            h.on(sv, m)
                        }
                        Err(e) => Err(e),
                    }
                } )*
                id => {
                    h.unknown(id, false, false);
                    Ok(())
                }
            }
        }

        /// A request, decoded (the simulated gateway's side): one variant per
        /// domain, each holding that domain's requests.
        #[derive(Debug, Clone)]
        #[allow(clippy::large_enum_variant)]
        pub enum Request {
            $(
                #[allow(missing_docs)]
                $denum($denum),
            )*
        }

        $(
            /// The requests of one domain, decoded.
            #[derive(Debug, Clone)]
            #[allow(clippy::large_enum_variant)]
            pub enum $denum {
                $(
                    #[allow(missing_docs)]
                    $ovar($oty),
                )*
            }
            $( const _: () = assert!(<$oty as Message>::ID == $oid, "id table: type and id disagree"); )*
            $( const _: () = assert!(
                outgoing::protobuf_since($oid).is_some() == <$oty as Message>::PROTOBUF_SINCE.is_some(),
                "id table: protobuf form and table disagree"
            ); )*
        )*

        /// Calls `v` once per message type of the table that its row reads
        /// by the type itself (every request, every incoming message but the
        /// five read by a borrowing function), with the row's name: for the
        /// fuzz targets and tests that must reach every decoder.
        #[doc(hidden)]
        pub fn visit_messages<V: MessageVisitor>(v: &mut V) {
            $( id_table!(@visit v, $iname, $ity $(, $iread)?); )*
            $( $( v.visit::<$oty>(stringify!($oname)); )* )*
        }

        impl Request {
            /// Decodes the request of one frame; `Ok(None)` for an id the
            /// table lacks.
            pub fn decode(sv: i32, header: MessageHeader, body: &[u8]) -> Result<Option<Request>, DecodeError> {
                Ok(Some(match header.id {
                    $( $( outgoing::$oname => Request::$denum($denum::$ovar(
                        super::decode_either::<$oty>(sv, header.protobuf, body)?
                    )), )* )*
                    _ => return Ok(None),
                }))
            }

            /// The id of a request that did not decode, when it can be read
            /// (see [`super::failed_request_id`]); `None` otherwise.
            pub fn id_of_undecodable(sv: i32, header: MessageHeader, body: &[u8]) -> Option<i32> {
                match header.id {
                    $( $( outgoing::$oname => super::failed_request_id::<$oty>(sv, header.protobuf, body), )* )*
                    _ => None,
                }
            }
        }
    };
    (@life $n:ident) => { Lifecycle::Nothing };
    (@life $n:ident one_shot by_id $name:literal) => {
        Lifecycle::Starts { key: LifecycleKey::ReqId, name: $name, subscription: false }
    };
    (@life $n:ident one_shot by_request $name:literal) => {
        Lifecycle::Starts { key: LifecycleKey::Request($n), name: $name, subscription: false }
    };
    (@life $n:ident subscription by_id $name:literal) => {
        Lifecycle::Starts { key: LifecycleKey::ReqId, name: $name, subscription: true }
    };
    (@life $n:ident subscription by_request $name:literal) => {
        Lifecycle::Starts { key: LifecycleKey::Request($n), name: $name, subscription: true }
    };
    (@life $n:ident cancels by_id) => { Lifecycle::Cancels(LifecycleKey::ReqId) };
    (@life $n:ident cancels $req:ident) => { Lifecycle::Cancels(LifecycleKey::Request($req)) };
    (@check $id:path, $ty:ty) => {
        const { assert!(<$ty as Message>::ID == $id, "an incoming row's type declares another id") };
        const {
            assert!(
                incoming::protobuf_since($id).is_some() == <$ty as Message>::PROTOBUF_SINCE.is_some(),
                "id table: an incoming row's protobuf form and its type disagree"
            )
        }
    };
    (@check $id:path, $ty:ty, $read:path) => {};
    (@visit $v:ident, $name:ident, $ty:ty) => { $v.visit::<$ty>(stringify!($name)) };
    (@visit $v:ident, $name:ident, $ty:ty, $read:path) => {};
    (@since) => { None };
    (@since $since:ident) => { Some($since) };
    (@read $sv:ident, $r:ident, $ty:ty) => { <$ty as Message>::decode($sv, $r) };
    (@read $sv:ident, $r:ident, $ty:ty, $read:path) => { $read($sv, $r) };
}

use super::market_data::{depth as market_depth, options, tick_by_tick, ticks};
use super::{
    account, config, connection, contracts, display_groups, fundamentals, historical, market_data,
    news, orders, scanner,
};

id_table! {
    incoming<'a> {
        TICK_PRICE = 1 => market_data::TickPrice, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        TICK_SIZE = 2 => market_data::TickSize, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        ORDER_STATUS = 3 => orders::OrderStatus, protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
        ERR_MSG = 4 => connection::ErrorMessage, pb proto::ErrorMessage;
        OPEN_ORDER = 5 => orders::OpenOrder, protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
        ACCT_VALUE = 6 => account::UpdateAccountValue, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        PORTFOLIO_VALUE = 7 => account::UpdatePortfolio, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        ACCT_UPDATE_TIME = 8 => account::UpdateAccountTime, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        NEXT_VALID_ID = 9 => connection::NextValidId, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        CONTRACT_DATA = 10 => contracts::ContractData, protobuf since MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA;
        EXECUTION_DATA = 11 => orders::ExecutionData, protobuf since MIN_SERVER_VER_PROTOBUF;
        MARKET_DEPTH = 12 => market_depth::MarketDepth, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        MARKET_DEPTH_L2 = 13 => market_depth::MarketDepthL2<'a>, read market_depth::MarketDepthL2::decode_borrowed, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        NEWS_BULLETINS = 14 => news::NewsBulletin, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        MANAGED_ACCTS = 15 => connection::ManagedAccounts, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        RECEIVE_FA = 16 => account::ReceiveFa, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1;
        HISTORICAL_DATA = 17 => historical::HistoricalDataFrame<'a>, read historical::HistoricalDataFrame::read, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        BOND_CONTRACT_DATA = 18 => contracts::BondContractData, protobuf since MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA;
        SCANNER_PARAMETERS = 19 => scanner::ScannerParameters, protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA;
        SCANNER_DATA = 20 => scanner::ScannerDataFrame<'a>, read scanner::ScannerDataFrame::read, protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA;
        TICK_OPTION_COMPUTATION = 21 => options::TickOptionComputation, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        TICK_GENERIC = 45 => market_data::TickGeneric, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        TICK_STRING = 46 => market_data::TickString<'a>, read market_data::TickString::decode_borrowed, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        TICK_EFP = 47 => ticks::TickEfp;
        CURRENT_TIME = 49 => connection::CurrentTime, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        REAL_TIME_BARS = 50 => historical::RealTimeBars, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        FUNDAMENTAL_DATA = 51 => fundamentals::FundamentalData;
        CONTRACT_DATA_END = 52 => contracts::ContractDataEnd, protobuf since MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA;
        OPEN_ORDER_END = 53 => orders::OpenOrderEnd, protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
        ACCT_DOWNLOAD_END = 54 => account::AccountDownloadEnd, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        EXECUTION_DATA_END = 55 => orders::ExecutionDataEnd, protobuf since MIN_SERVER_VER_PROTOBUF;
        DELTA_NEUTRAL_VALIDATION = 56 => ticks::DeltaNeutralValidation;
        TICK_SNAPSHOT_END = 57 => market_data::TickSnapshotEnd, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        MARKET_DATA_TYPE = 58 => market_data::MarketDataType, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        COMMISSION_AND_FEES_REPORT = 59 => orders::CommissionAndFeesReportMsg, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1;
        POSITION_DATA = 61 => account::PositionData, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        POSITION_END = 62 => account::PositionEnd, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        ACCOUNT_SUMMARY = 63 => account::AccountSummary, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        ACCOUNT_SUMMARY_END = 64 => account::AccountSummaryEnd, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        VERIFY_MESSAGE_API = 65 => connection::VerifyMessageApi, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        VERIFY_COMPLETED = 66 => connection::VerifyCompleted<false>, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        DISPLAY_GROUP_LIST = 67 => display_groups::DisplayGroupList, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        DISPLAY_GROUP_UPDATED = 68 => display_groups::DisplayGroupUpdated, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        VERIFY_AND_AUTH_MESSAGE_API = 69 => connection::VerifyAndAuthMessageApi;
        VERIFY_AND_AUTH_COMPLETED = 70 => connection::VerifyCompleted<true>;
        POSITION_MULTI = 71 => account::PositionMulti, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        POSITION_MULTI_END = 72 => account::PositionMultiEnd, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        ACCOUNT_UPDATE_MULTI = 73 => account::AccountUpdateMulti, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        ACCOUNT_UPDATE_MULTI_END = 74 => account::AccountUpdateMultiEnd, protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS;
        SECURITY_DEFINITION_OPTION_PARAMETER = 75 => contracts::SecurityDefinitionOptionParameter, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        SECURITY_DEFINITION_OPTION_PARAMETER_END = 76 => contracts::SecurityDefinitionOptionParameterEnd, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        SOFT_DOLLAR_TIERS = 77 => account::SoftDollarTiers, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        FAMILY_CODES = 78 => account::FamilyCodes, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        SYMBOL_SAMPLES = 79 => contracts::SymbolSamples, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        MKT_DEPTH_EXCHANGES = 80 => contracts::MktDepthExchanges, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        TICK_REQ_PARAMS = 81 => market_data::TickReqParams, protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
        SMART_COMPONENTS = 82 => contracts::SmartComponents, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        NEWS_ARTICLE = 83 => news::NewsArticle, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        TICK_NEWS = 84 => ticks::TickNews, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        NEWS_PROVIDERS = 85 => news::NewsProviders, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        HISTORICAL_NEWS = 86 => news::HistoricalNews, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        HISTORICAL_NEWS_END = 87 => news::HistoricalNewsEnd, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        HEAD_TIMESTAMP = 88 => historical::HeadTimestamp, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        HISTOGRAM_DATA = 89 => historical::HistogramDataMsg, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        HISTORICAL_DATA_UPDATE = 90 => historical::HistoricalDataUpdate, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        REROUTE_MKT_DATA_REQ = 91 => ticks::RerouteMktDataReq, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        REROUTE_MKT_DEPTH_REQ = 92 => market_depth::RerouteMktDepthReq, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        MARKET_RULE = 93 => contracts::MarketRule, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        PNL = 94 => account::PnL, protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA;
        PNL_SINGLE = 95 => account::PnLSingle, protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA;
        HISTORICAL_TICKS = 96 => historical::HistoricalTicks, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        HISTORICAL_TICKS_BID_ASK = 97 => historical::HistoricalTicksBidAsk, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        HISTORICAL_TICKS_LAST = 98 => historical::HistoricalTicksLast, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        TICK_BY_TICK = 99 => tick_by_tick::TickByTick<'a>, read tick_by_tick::TickByTick::decode_borrowed, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        ORDER_BOUND = 100 => orders::OrderBound, protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER;
        COMPLETED_ORDER = 101 => orders::CompletedOrder, protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER;
        COMPLETED_ORDERS_END = 102 => orders::CompletedOrdersEnd, protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER;
        REPLACE_FA_END = 103 => account::ReplaceFaEnd, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1;
        WSH_META_DATA = 104 => fundamentals::WshMetaData, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        WSH_EVENT_DATA = 105 => fundamentals::WshEventDataMessage, protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA;
        HISTORICAL_SCHEDULE = 106 => historical::HistoricalSchedule, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        USER_INFO = 107 => connection::UserInfo, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2;
        HISTORICAL_DATA_END = 108 => historical::HistoricalDataEnd, protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA;
        CURRENT_TIME_IN_MILLIS = 109 => connection::CurrentTimeInMillis, protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        CONFIG_RESPONSE = 110 => config::ConfigResponse, protobuf since MIN_SERVER_VER_CONFIG;
        UPDATE_CONFIG_RESPONSE = 111 => config::UpdateConfigResponse, protobuf since MIN_SERVER_VER_UPDATE_CONFIG;
    }
    outgoing {
        connection => ConnectionRequest {
            REQ_IDS = 8 => ReqIds(connection::ReqIds), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            SET_SERVER_LOGLEVEL = 14 => SetServerLogLevel(connection::SetServerLogLevel), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            REQ_MANAGED_ACCTS = 17 => ReqManagedAccts(connection::ReqManagedAccts), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | one_shot by_request "reqManagedAccts";
            REQ_CURRENT_TIME = 49 => ReqCurrentTime(connection::ReqCurrentTime), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3 | one_shot by_request "reqCurrentTime";
            VERIFY_REQUEST = 65 => VerifyRequest(connection::VerifyRequest), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            VERIFY_MESSAGE = 66 => VerifyMessage(connection::VerifyMessage), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            START_API = 71 => StartApi(connection::StartApi), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            VERIFY_AND_AUTH_REQUEST = 72 => VerifyAndAuthRequest(connection::VerifyAndAuthRequest);
            VERIFY_AND_AUTH_MESSAGE = 73 => VerifyAndAuthMessage(connection::VerifyAndAuthMessage);
            REQ_USER_INFO = 104 => ReqUserInfo(connection::ReqUserInfo), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_id "reqUserInfo";
            REQ_CURRENT_TIME_IN_MILLIS = 105 => ReqCurrentTimeInMillis(connection::ReqCurrentTimeInMillis), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3 | one_shot by_request "reqCurrentTimeInMillis";
            REQ_CONFIG = 108 => ReqConfig(config::ReqConfig), protobuf since MIN_SERVER_VER_CONFIG | one_shot by_id "reqConfig";
            UPDATE_CONFIG = 109 => UpdateConfig(config::UpdateConfig), protobuf since MIN_SERVER_VER_UPDATE_CONFIG | one_shot by_id "updateConfig";
        }
        market_data => MarketDataRequest {
            REQ_MKT_DATA = 1 => ReqMktData(market_data::ReqMktData), protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA | subscription by_id "reqMktData";
            CANCEL_MKT_DATA = 2 => CancelMktData(market_data::CancelMktData), protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA | cancels by_id;
            REQ_MKT_DEPTH = 10 => ReqMktDepth(market_depth::ReqMktDepth), protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA | subscription by_id "reqMktDepth";
            CANCEL_MKT_DEPTH = 11 => CancelMktDepth(market_depth::CancelMktDepth), protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA | cancels by_id;
            REQ_CALC_IMPLIED_VOLAT = 54 => ReqCalcImpliedVolat(options::ReqCalcImpliedVolat), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | subscription by_id "calculateImpliedVolatility";
            REQ_CALC_OPTION_PRICE = 55 => ReqCalcOptionPrice(options::ReqCalcOptionPrice), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | subscription by_id "calculateOptionPrice";
            CANCEL_CALC_IMPLIED_VOLAT = 56 => CancelCalcImpliedVolat(options::CancelCalcImpliedVolat), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | cancels by_id;
            CANCEL_CALC_OPTION_PRICE = 57 => CancelCalcOptionPrice(options::CancelCalcOptionPrice), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | cancels by_id;
            REQ_MARKET_DATA_TYPE = 59 => ReqMarketDataType(market_data::ReqMarketDataType), protobuf since MIN_SERVER_VER_PROTOBUF_MARKET_DATA;
            REQ_TICK_BY_TICK_DATA = 97 => ReqTickByTickData(tick_by_tick::ReqTickByTickData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | subscription by_id "reqTickByTickData";
            CANCEL_TICK_BY_TICK_DATA = 98 => CancelTickByTickData(tick_by_tick::CancelTickByTickData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | cancels by_id;
        }
        contracts => ContractsRequest {
            REQ_CONTRACT_DATA = 9 => ReqContractDetails(contracts::ReqContractDetails), protobuf since MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA | one_shot by_id "reqContractDetails";
            REQ_SEC_DEF_OPT_PARAMS = 78 => ReqSecDefOptParams(contracts::ReqSecDefOptParams), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_id "reqSecDefOptParams";
            REQ_MATCHING_SYMBOLS = 81 => ReqMatchingSymbols(contracts::ReqMatchingSymbols), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_id "reqMatchingSymbols";
            REQ_MKT_DEPTH_EXCHANGES = 82 => ReqMktDepthExchanges(contracts::ReqMktDepthExchanges), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3 | one_shot by_request "reqMktDepthExchanges";
            REQ_SMART_COMPONENTS = 83 => ReqSmartComponents(contracts::ReqSmartComponents), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_id "reqSmartComponents";
            REQ_MARKET_RULE = 91 => ReqMarketRule(contracts::ReqMarketRule), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_request "reqMarketRule";
            CANCEL_CONTRACT_DATA = 106 => CancelContractData(config::CancelContractData), protobuf since MIN_SERVER_VER_CANCEL_CONTRACT_DATA | cancels by_id;
        }
        historical => HistoricalRequest {
            REQ_HISTORICAL_DATA = 20 => ReqHistoricalData(historical::ReqHistoricalData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | one_shot by_id "reqHistoricalData";
            CANCEL_HISTORICAL_DATA = 25 => CancelHistoricalData(historical::CancelHistoricalData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | cancels by_id;
            REQ_REAL_TIME_BARS = 50 => ReqRealTimeBars(historical::ReqRealTimeBars), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | subscription by_id "reqRealTimeBars";
            CANCEL_REAL_TIME_BARS = 51 => CancelRealTimeBars(historical::CancelRealTimeBars), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | cancels by_id;
            REQ_HEAD_TIMESTAMP = 87 => ReqHeadTimeStamp(historical::ReqHeadTimeStamp), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | one_shot by_id "reqHeadTimeStamp";
            REQ_HISTOGRAM_DATA = 88 => ReqHistogramData(historical::ReqHistogramData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | one_shot by_id "reqHistogramData";
            CANCEL_HISTOGRAM_DATA = 89 => CancelHistogramData(historical::CancelHistogramData), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | cancels by_id;
            CANCEL_HEAD_TIMESTAMP = 90 => CancelHeadTimeStamp(historical::CancelHeadTimeStamp), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | cancels by_id;
            REQ_HISTORICAL_TICKS = 96 => ReqHistoricalTicks(historical::ReqHistoricalTicks), protobuf since MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA | one_shot by_id "reqHistoricalTicks";
            CANCEL_HISTORICAL_TICKS = 107 => CancelHistoricalTicks(config::CancelHistoricalTicks), protobuf since MIN_SERVER_VER_CANCEL_CONTRACT_DATA | cancels by_id;
        }
        orders => OrdersRequest {
            PLACE_ORDER = 3 => PlaceOrder(orders::PlaceOrder), protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
            CANCEL_ORDER = 4 => CancelOrder(orders::CancelOrder), protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
            REQ_OPEN_ORDERS = 5 => ReqOpenOrders(orders::ReqOpenOrders), protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER | one_shot by_request "reqOpenOrders";
            REQ_EXECUTIONS = 7 => ReqExecutions(orders::ReqExecutions), protobuf since MIN_SERVER_VER_PROTOBUF | one_shot by_id "reqExecutions";
            REQ_AUTO_OPEN_ORDERS = 15 => ReqAutoOpenOrders(orders::ReqAutoOpenOrders), protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER;
            REQ_ALL_OPEN_ORDERS = 16 => ReqAllOpenOrders(orders::ReqAllOpenOrders), protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER | one_shot by_request "reqAllOpenOrders";
            EXERCISE_OPTIONS = 21 => ExerciseOptions(orders::ExerciseOptions), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1;
            REQ_GLOBAL_CANCEL = 58 => ReqGlobalCancel(orders::ReqGlobalCancel), protobuf since MIN_SERVER_VER_PROTOBUF_PLACE_ORDER;
            REQ_COMPLETED_ORDERS = 99 => ReqCompletedOrders(orders::ReqCompletedOrders), protobuf since MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER | one_shot by_request "reqCompletedOrders";
        }
        account => AccountRequest {
            REQ_ACCT_DATA = 6 => ReqAccountUpdates(account::ReqAccountUpdates), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | subscription by_request "reqAccountUpdates";
            REQ_FA = 18 => RequestFa(account::RequestFa), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | one_shot by_request "requestFA";
            REPLACE_FA = 19 => ReplaceFa(account::ReplaceFa), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1 | one_shot by_id "replaceFA";
            REQ_POSITIONS = 61 => ReqPositions(account::ReqPositions), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | subscription by_request "reqPositions";
            REQ_ACCOUNT_SUMMARY = 62 => ReqAccountSummary(account::ReqAccountSummary), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | subscription by_id "reqAccountSummary";
            CANCEL_ACCOUNT_SUMMARY = 63 => CancelAccountSummary(account::CancelAccountSummary), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | cancels by_id;
            CANCEL_POSITIONS = 64 => CancelPositions(account::CancelPositions), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | cancels REQ_POSITIONS;
            REQ_POSITIONS_MULTI = 74 => ReqPositionsMulti(account::ReqPositionsMulti), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | subscription by_id "reqPositionsMulti";
            CANCEL_POSITIONS_MULTI = 75 => CancelPositionsMulti(account::CancelPositionsMulti), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | cancels by_id;
            REQ_ACCOUNT_UPDATES_MULTI = 76 => ReqAccountUpdatesMulti(account::ReqAccountUpdatesMulti), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | subscription by_id "reqAccountUpdatesMulti";
            CANCEL_ACCOUNT_UPDATES_MULTI = 77 => CancelAccountUpdatesMulti(account::CancelAccountUpdatesMulti), protobuf since MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS | cancels by_id;
            REQ_SOFT_DOLLAR_TIERS = 79 => ReqSoftDollarTiers(account::ReqSoftDollarTiers), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_id "reqSoftDollarTiers";
            REQ_FAMILY_CODES = 80 => ReqFamilyCodes(account::ReqFamilyCodes), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2 | one_shot by_request "reqFamilyCodes";
            REQ_PNL = 92 => ReqPnL(account::ReqPnL), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | subscription by_id "reqPnL";
            CANCEL_PNL = 93 => CancelPnL(account::CancelPnL), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | cancels by_id;
            REQ_PNL_SINGLE = 94 => ReqPnLSingle(account::ReqPnLSingle), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | subscription by_id "reqPnLSingle";
            CANCEL_PNL_SINGLE = 95 => CancelPnLSingle(account::CancelPnLSingle), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | cancels by_id;
        }
        scanner => ScannerRequest {
            REQ_SCANNER_SUBSCRIPTION = 22 => ReqScannerSubscription(scanner::ReqScannerSubscription), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | subscription by_id "reqScannerSubscription";
            CANCEL_SCANNER_SUBSCRIPTION = 23 => CancelScannerSubscription(scanner::CancelScannerSubscription), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | cancels by_id;
            REQ_SCANNER_PARAMETERS = 24 => ReqScannerParameters(scanner::ReqScannerParameters), protobuf since MIN_SERVER_VER_PROTOBUF_SCAN_DATA | one_shot by_request "reqScannerParameters";
        }
        news => NewsRequest {
            REQ_NEWS_BULLETINS = 12 => ReqNewsBulletins(news::ReqNewsBulletins), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | subscription by_request "reqNewsBulletins";
            CANCEL_NEWS_BULLETINS = 13 => CancelNewsBulletins(news::CancelNewsBulletins), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | cancels REQ_NEWS_BULLETINS;
            REQ_NEWS_ARTICLE = 84 => ReqNewsArticle(news::ReqNewsArticle), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | one_shot by_id "reqNewsArticle";
            REQ_NEWS_PROVIDERS = 85 => ReqNewsProviders(news::ReqNewsProviders), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | one_shot by_request "reqNewsProviders";
            REQ_HISTORICAL_NEWS = 86 => ReqHistoricalNews(news::ReqHistoricalNews), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | one_shot by_id "reqHistoricalNews";
        }
        fundamentals => FundamentalsRequest {
            REQ_FUNDAMENTAL_DATA = 52 => ReqFundamentalData(fundamentals::ReqFundamentalData) | one_shot by_id "reqFundamentalData";
            CANCEL_FUNDAMENTAL_DATA = 53 => CancelFundamentalData(fundamentals::CancelFundamentalData) | cancels by_id;
            REQ_WSH_META_DATA = 100 => ReqWshMetaData(fundamentals::ReqWshMetaData), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | one_shot by_id "reqWshMetaData";
            CANCEL_WSH_META_DATA = 101 => CancelWshMetaData(fundamentals::CancelWshMetaData), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | cancels by_id;
            REQ_WSH_EVENT_DATA = 102 => ReqWshEventData(fundamentals::ReqWshEventData), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | one_shot by_id "reqWshEventData";
            CANCEL_WSH_EVENT_DATA = 103 => CancelWshEventData(fundamentals::CancelWshEventData), protobuf since MIN_SERVER_VER_PROTOBUF_NEWS_DATA | cancels by_id;
        }
        display_groups => DisplayGroupsRequest {
            QUERY_DISPLAY_GROUPS = 67 => QueryDisplayGroups(display_groups::QueryDisplayGroups), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            SUBSCRIBE_TO_GROUP_EVENTS = 68 => SubscribeToGroupEvents(display_groups::SubscribeToGroupEvents), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            UPDATE_DISPLAY_GROUP = 69 => UpdateDisplayGroup(display_groups::UpdateDisplayGroup), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
            UNSUBSCRIBE_FROM_GROUP_EVENTS = 70 => UnsubscribeFromGroupEvents(display_groups::UnsubscribeFromGroupEvents), protobuf since MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_named() {
        for all in [incoming::ALL, outgoing::ALL] {
            let mut seen = std::collections::BTreeSet::new();
            for id in all {
                assert!(seen.insert(*id), "id {id} twice");
            }
        }
        // 10.37.2's, and 10.51.1's config answers and four requests.
        assert_eq!(incoming::ALL.len(), 86);
        assert_eq!(outgoing::ALL.len(), 85);
        assert_eq!(incoming::name(incoming::TICK_PRICE), Some("TICK_PRICE"));
        assert_eq!(outgoing::name(outgoing::PLACE_ORDER), Some("PLACE_ORDER"));
    }
}
