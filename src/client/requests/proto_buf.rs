//! The `…ProtoBuf` request variants of the official 10.51.1 client: a
//! request given as its protobuf message, sent as it is (its bytes, not a
//! conversion), under the request's own message id. As with the typed
//! methods, the request is tracked (its answers end it) and a failure
//! reaches `error`.
//!
//! One difference from the official client, which sends the protobuf form
//! at any server version: below the version from which the request travels
//! as protobuf (`ids::outgoing::protobuf_since`), a server would not
//! understand it, so it is refused with 503 and nothing is sent.

use std::marker::PhantomData;

use crate::client::EClient;
use crate::errors::NO_VALID_ID;
use crate::messages::account::{
    CancelAccountSummary, CancelAccountUpdatesMulti, CancelPnL, CancelPnLSingle, CancelPositions,
    CancelPositionsMulti, ReqAccountSummary, ReqAccountUpdates, ReqAccountUpdatesMulti, ReqPnL,
    ReqPnLSingle, ReqPositions, ReqPositionsMulti,
};
use crate::messages::account::{ReplaceFa, RequestFa};
use crate::messages::account::{ReqFamilyCodes, ReqSoftDollarTiers};
use crate::messages::config::{CancelContractData, CancelHistoricalTicks, ReqConfig, UpdateConfig};
use crate::messages::connection::ReqManagedAccts;
use crate::messages::connection::ReqUserInfo;
use crate::messages::connection::{
    ReqCurrentTime, ReqCurrentTimeInMillis, ReqIds, SetServerLogLevel, VerifyMessage, VerifyRequest,
};
use crate::messages::contracts::ReqContractDetails;
use crate::messages::contracts::ReqMktDepthExchanges;
use crate::messages::contracts::{
    ReqMarketRule, ReqMatchingSymbols, ReqSecDefOptParams, ReqSmartComponents,
};
use crate::messages::display_groups::{
    QueryDisplayGroups, SubscribeToGroupEvents, UnsubscribeFromGroupEvents, UpdateDisplayGroup,
};
use crate::messages::fundamentals::{
    CancelWshEventData, CancelWshMetaData, ReqWshEventData, ReqWshMetaData,
};
use crate::messages::historical::{
    CancelHeadTimeStamp, CancelHistogramData, CancelHistoricalData, CancelRealTimeBars,
    ReqHeadTimeStamp, ReqHistogramData, ReqHistoricalData, ReqHistoricalTicks, ReqRealTimeBars,
};
use crate::messages::market_data::depth::{CancelMktDepth, ReqMktDepth};
use crate::messages::market_data::options::{
    CancelCalcImpliedVolat, CancelCalcOptionPrice, ReqCalcImpliedVolat, ReqCalcOptionPrice,
};
use crate::messages::market_data::tick_by_tick::{CancelTickByTickData, ReqTickByTickData};
use crate::messages::market_data::{CancelMktData, ReqMarketDataType, ReqMktData};
use crate::messages::news::{
    CancelNewsBulletins, ReqHistoricalNews, ReqNewsArticle, ReqNewsBulletins, ReqNewsProviders,
};
use crate::messages::orders::{
    CancelOrder, ExerciseOptions, PlaceOrder, ReqAllOpenOrders, ReqAutoOpenOrders,
    ReqCompletedOrders, ReqExecutions, ReqGlobalCancel, ReqOpenOrders,
};
use crate::messages::scanner::{
    CancelScannerSubscription, ReqScannerParameters, ReqScannerSubscription,
};
use crate::messages::Message;
use crate::proto;
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::Error;

/// A request of type `M` given as its protobuf message's bytes: the form of
/// `M` from `M`'s protobuf version, nothing below it.
struct RawProto<M> {
    bytes: Vec<u8>,
    _request: PhantomData<fn() -> M>,
}

impl<M: Message> Message for RawProto<M> {
    const ID: u32 = M::ID;
    const PROTOBUF_SINCE: Option<i32> = M::PROTOBUF_SINCE;

    fn encode(&self, _sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        Err(EncodeError::UpdateTws(
            "  It does not take this request in its protobuf form.",
        ))
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Err(DecodeError::Invalid(
            "a request given as protobuf has no text form".into(),
        ))
    }

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&self.bytes);
        Ok(())
    }
}

impl EClient {
    /// `placeOrderProtoBuf` (10.51.1): [`place_order`](EClient::place_order)
    /// given as its protobuf message (server version 203 on). The live-order
    /// guard applies as to `place_order` (the order's account).
    pub fn place_order_proto_buf(&self, p: &proto::PlaceOrderRequest) -> Result<(), Error> {
        let order_id = p.order_id.unwrap_or(NO_VALID_ID);
        let account = p
            .order
            .as_ref()
            .and_then(|o| o.account.clone())
            .unwrap_or_default();
        self.guard_live_order(order_id, &account)?;
        self.send_proto_buf::<PlaceOrder>(order_id, p)
    }

    /// `verifyRequestProtoBuf` (10.51.1), server version 213 on: refused
    /// with 544 as there (this client never expresses the intent to
    /// authenticate at connect time); 504 when not connected, 503 below 213.
    pub fn verify_request_proto_buf(&self, p: &proto::VerifyRequest) -> Result<(), Error> {
        if !self.is_connected()
            || !crate::messages::uses_protobuf::<VerifyRequest>(self.server_version())
        {
            return self.send_proto_buf::<VerifyRequest>(NO_VALID_ID, p);
        }
        self.refuse_verify_proto_buf()
    }

    /// Sends `p` as request `M`, tracked under `id`.
    fn send_proto_buf<M: Message>(&self, id: i32, p: &impl prost::Message) -> Result<(), Error> {
        let raw = RawProto::<M> {
            bytes: p.encode_to_vec(),
            _request: PhantomData,
        };
        self.send(id, &raw)
    }
}

/// The variants: `name(proto type) = typed request, the id it goes under`.
macro_rules! proto_buf_requests {
    ($($(#[$doc:meta])* $name:ident($p:ident: $pt:ty) => $m:ty, $id:expr;)*) => {
        impl EClient {
            $(
                $(#[$doc])*
                pub fn $name(&self, $p: &$pt) -> Result<(), Error> {
                    self.send_proto_buf::<$m>($id, $p)
                }
            )*
        }
    };
}

proto_buf_requests! {
    /// `cancelOrderProtoBuf` (10.51.1), server version 203 on.
    cancel_order_proto_buf(p: proto::CancelOrderRequest) => CancelOrder, p.order_id.unwrap_or(NO_VALID_ID);
    /// `reqGlobalCancelProtoBuf` (10.51.1), server version 203 on.
    req_global_cancel_proto_buf(p: proto::GlobalCancelRequest) => ReqGlobalCancel, NO_VALID_ID;
    /// `reqExecutionsProtoBuf` (10.51.1), server version 201 on.
    req_executions_proto_buf(p: proto::ExecutionRequest) => ReqExecutions, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqOpenOrdersProtoBuf` (10.51.1), server version 204 on.
    req_open_orders_proto_buf(p: proto::OpenOrdersRequest) => ReqOpenOrders, NO_VALID_ID;
    /// `reqAutoOpenOrdersProtoBuf` (10.51.1), server version 204 on.
    req_auto_open_orders_proto_buf(p: proto::AutoOpenOrdersRequest) => ReqAutoOpenOrders, NO_VALID_ID;
    /// `reqAllOpenOrdersProtoBuf` (10.51.1), server version 204 on.
    req_all_open_orders_proto_buf(p: proto::AllOpenOrdersRequest) => ReqAllOpenOrders, NO_VALID_ID;
    /// `reqCompletedOrdersProtoBuf` (10.51.1), server version 204 on.
    req_completed_orders_proto_buf(p: proto::CompletedOrdersRequest) => ReqCompletedOrders, NO_VALID_ID;
    /// `reqContractDataProtoBuf` (10.51.1), server version 205 on.
    req_contract_data_proto_buf(p: proto::ContractDataRequest) => ReqContractDetails, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqMarketDataProtoBuf` (10.51.1), server version 206 on.
    req_market_data_proto_buf(p: proto::MarketDataRequest) => ReqMktData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelMarketDataProtoBuf` (10.51.1), server version 206 on.
    cancel_market_data_proto_buf(p: proto::CancelMarketData) => CancelMktData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqMarketDepthProtoBuf` (10.51.1), server version 206 on.
    req_market_depth_proto_buf(p: proto::MarketDepthRequest) => ReqMktDepth, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelMarketDepthProtoBuf` (10.51.1), server version 206 on.
    cancel_market_depth_proto_buf(p: proto::CancelMarketDepth) => CancelMktDepth, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqMarketDataTypeProtoBuf` (10.51.1), server version 206 on.
    req_market_data_type_proto_buf(p: proto::MarketDataTypeRequest) => ReqMarketDataType, NO_VALID_ID;
    /// `reqAccountUpdatesProtoBuf` (10.51.1), server version 207 on.
    req_account_updates_proto_buf(p: proto::AccountDataRequest) => ReqAccountUpdates, NO_VALID_ID;
    /// `reqManagedAcctsProtoBuf` (10.51.1), server version 207 on.
    req_managed_accts_proto_buf(p: proto::ManagedAccountsRequest) => ReqManagedAccts, NO_VALID_ID;
    /// `reqPositionsProtoBuf` (10.51.1), server version 207 on.
    req_positions_proto_buf(p: proto::PositionsRequest) => ReqPositions, NO_VALID_ID;
    /// `cancelPositionsProtoBuf` (10.51.1), server version 207 on.
    cancel_positions_proto_buf(p: proto::CancelPositions) => CancelPositions, NO_VALID_ID;
    /// `reqAccountSummaryProtoBuf` (10.51.1), server version 207 on.
    req_account_summary_proto_buf(p: proto::AccountSummaryRequest) => ReqAccountSummary, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelAccountSummaryProtoBuf` (10.51.1), server version 207 on.
    cancel_account_summary_proto_buf(p: proto::CancelAccountSummary) => CancelAccountSummary, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqPositionsMultiProtoBuf` (10.51.1), server version 207 on.
    req_positions_multi_proto_buf(p: proto::PositionsMultiRequest) => ReqPositionsMulti, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelPositionsMultiProtoBuf` (10.51.1), server version 207 on.
    cancel_positions_multi_proto_buf(p: proto::CancelPositionsMulti) => CancelPositionsMulti, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqAccountUpdatesMultiProtoBuf` (10.51.1), server version 207 on.
    req_account_updates_multi_proto_buf(p: proto::AccountUpdatesMultiRequest) => ReqAccountUpdatesMulti, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelAccountUpdatesMultiProtoBuf` (10.51.1), server version 207 on.
    cancel_account_updates_multi_proto_buf(p: proto::CancelAccountUpdatesMulti) => CancelAccountUpdatesMulti, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqHistoricalDataProtoBuf` (10.51.1), server version 208 on.
    req_historical_data_proto_buf(p: proto::HistoricalDataRequest) => ReqHistoricalData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelHistoricalDataProtoBuf` (10.51.1), server version 208 on.
    cancel_historical_data_proto_buf(p: proto::CancelHistoricalData) => CancelHistoricalData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqRealTimeBarsProtoBuf` (10.51.1), server version 208 on.
    req_real_time_bars_proto_buf(p: proto::RealTimeBarsRequest) => ReqRealTimeBars, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelRealTimeBarsProtoBuf` (10.51.1), server version 208 on.
    cancel_real_time_bars_proto_buf(p: proto::CancelRealTimeBars) => CancelRealTimeBars, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqHeadTimestampProtoBuf` (10.51.1), server version 208 on.
    req_head_timestamp_proto_buf(p: proto::HeadTimestampRequest) => ReqHeadTimeStamp, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelHeadTimestampProtoBuf` (10.51.1), server version 208 on.
    cancel_head_timestamp_proto_buf(p: proto::CancelHeadTimestamp) => CancelHeadTimeStamp, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqHistogramDataProtoBuf` (10.51.1), server version 208 on.
    req_histogram_data_proto_buf(p: proto::HistogramDataRequest) => ReqHistogramData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelHistogramDataProtoBuf` (10.51.1), server version 208 on.
    cancel_histogram_data_proto_buf(p: proto::CancelHistogramData) => CancelHistogramData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqHistoricalTicksProtoBuf` (10.51.1), server version 208 on.
    req_historical_ticks_proto_buf(p: proto::HistoricalTicksRequest) => ReqHistoricalTicks, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqTickByTickDataProtoBuf` (10.51.1), server version 208 on.
    req_tick_by_tick_data_proto_buf(p: proto::TickByTickRequest) => ReqTickByTickData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelTickByTickProtoBuf` (10.51.1), server version 208 on.
    cancel_tick_by_tick_proto_buf(p: proto::CancelTickByTick) => CancelTickByTickData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqNewsBulletinsProtoBuf` (10.51.1), server version 209 on.
    req_news_bulletins_proto_buf(p: proto::NewsBulletinsRequest) => ReqNewsBulletins, NO_VALID_ID;
    /// `cancelNewsBulletinsProtoBuf` (10.51.1), server version 209 on.
    cancel_news_bulletins_proto_buf(p: proto::CancelNewsBulletins) => CancelNewsBulletins, NO_VALID_ID;
    /// `reqNewsArticleProtoBuf` (10.51.1), server version 209 on.
    req_news_article_proto_buf(p: proto::NewsArticleRequest) => ReqNewsArticle, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqNewsProvidersProtoBuf` (10.51.1), server version 209 on.
    req_news_providers_proto_buf(p: proto::NewsProvidersRequest) => ReqNewsProviders, NO_VALID_ID;
    /// `reqHistoricalNewsProtoBuf` (10.51.1), server version 209 on.
    req_historical_news_proto_buf(p: proto::HistoricalNewsRequest) => ReqHistoricalNews, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqWshMetaDataProtoBuf` (10.51.1), server version 209 on.
    req_wsh_meta_data_proto_buf(p: proto::WshMetaDataRequest) => ReqWshMetaData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelWshMetaDataProtoBuf` (10.51.1), server version 209 on.
    cancel_wsh_meta_data_proto_buf(p: proto::CancelWshMetaData) => CancelWshMetaData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqWshEventDataProtoBuf` (10.51.1), server version 209 on.
    req_wsh_event_data_proto_buf(p: proto::WshEventDataRequest) => ReqWshEventData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelWshEventDataProtoBuf` (10.51.1), server version 209 on.
    cancel_wsh_event_data_proto_buf(p: proto::CancelWshEventData) => CancelWshEventData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqScannerParametersProtoBuf` (10.51.1), server version 210 on.
    req_scanner_parameters_proto_buf(p: proto::ScannerParametersRequest) => ReqScannerParameters, NO_VALID_ID;
    /// `reqScannerSubscriptionProtoBuf` (10.51.1), server version 210 on.
    req_scanner_subscription_proto_buf(p: proto::ScannerSubscriptionRequest) => ReqScannerSubscription, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelScannerSubscriptionProtoBuf` (10.51.1), server version 210 on.
    cancel_scanner_subscription_proto_buf(p: proto::CancelScannerSubscription) => CancelScannerSubscription, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqPnLProtoBuf` (10.51.1), server version 210 on.
    req_pnl_proto_buf(p: proto::PnLRequest) => ReqPnL, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelPnLProtoBuf` (10.51.1), server version 210 on.
    cancel_pnl_proto_buf(p: proto::CancelPnL) => CancelPnL, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqPnLSingleProtoBuf` (10.51.1), server version 210 on.
    req_pnl_single_proto_buf(p: proto::PnLSingleRequest) => ReqPnLSingle, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelPnLSingleProtoBuf` (10.51.1), server version 210 on.
    cancel_pnl_single_proto_buf(p: proto::CancelPnLSingle) => CancelPnLSingle, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqFAProtoBuf` (10.51.1), server version 211 on.
    req_fa_proto_buf(p: proto::FaRequest) => RequestFa, NO_VALID_ID;
    /// `replaceFAProtoBuf` (10.51.1), server version 211 on.
    replace_fa_proto_buf(p: proto::FaReplace) => ReplaceFa, p.req_id.unwrap_or(NO_VALID_ID);
    /// `exerciseOptionsProtoBuf` (10.51.1), server version 211 on.
    exercise_options_proto_buf(p: proto::ExerciseOptionsRequest) => ExerciseOptions, p.order_id.unwrap_or(NO_VALID_ID);
    /// `calculateImpliedVolatilityProtoBuf` (10.51.1), server version 211 on.
    calculate_implied_volatility_proto_buf(p: proto::CalculateImpliedVolatilityRequest) => ReqCalcImpliedVolat, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelCalculateImpliedVolatilityProtoBuf` (10.51.1), server version 211 on.
    cancel_calculate_implied_volatility_proto_buf(p: proto::CancelCalculateImpliedVolatility) => CancelCalcImpliedVolat, p.req_id.unwrap_or(NO_VALID_ID);
    /// `calculateOptionPriceProtoBuf` (10.51.1), server version 211 on.
    calculate_option_price_proto_buf(p: proto::CalculateOptionPriceRequest) => ReqCalcOptionPrice, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelCalculateOptionPriceProtoBuf` (10.51.1), server version 211 on.
    cancel_calculate_option_price_proto_buf(p: proto::CancelCalculateOptionPrice) => CancelCalcOptionPrice, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqSecDefOptParamsProtoBuf` (10.51.1), server version 212 on.
    req_sec_def_opt_params_proto_buf(p: proto::SecDefOptParamsRequest) => ReqSecDefOptParams, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqSoftDollarTiersProtoBuf` (10.51.1), server version 212 on.
    req_soft_dollar_tiers_proto_buf(p: proto::SoftDollarTiersRequest) => ReqSoftDollarTiers, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqFamilyCodesProtoBuf` (10.51.1), server version 212 on.
    req_family_codes_proto_buf(p: proto::FamilyCodesRequest) => ReqFamilyCodes, NO_VALID_ID;
    /// `reqMatchingSymbolsProtoBuf` (10.51.1), server version 212 on.
    req_matching_symbols_proto_buf(p: proto::MatchingSymbolsRequest) => ReqMatchingSymbols, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqSmartComponentsProtoBuf` (10.51.1), server version 212 on.
    req_smart_components_proto_buf(p: proto::SmartComponentsRequest) => ReqSmartComponents, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqMarketRuleProtoBuf` (10.51.1), server version 212 on.
    req_market_rule_proto_buf(p: proto::MarketRuleRequest) => ReqMarketRule, NO_VALID_ID;
    /// `reqUserInfoProtoBuf` (10.51.1), server version 212 on.
    req_user_info_proto_buf(p: proto::UserInfoRequest) => ReqUserInfo, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqIdsProtoBuf` (10.51.1), server version 213 on.
    req_ids_proto_buf(p: proto::IdsRequest) => ReqIds, NO_VALID_ID;
    /// `reqCurrentTimeProtoBuf` (10.51.1), server version 213 on.
    req_current_time_proto_buf(p: proto::CurrentTimeRequest) => ReqCurrentTime, NO_VALID_ID;
    /// `reqCurrentTimeInMillisProtoBuf` (10.51.1), server version 213 on.
    req_current_time_in_millis_proto_buf(p: proto::CurrentTimeInMillisRequest) => ReqCurrentTimeInMillis, NO_VALID_ID;
    /// `setServerLogLevelProtoBuf` (10.51.1), server version 213 on.
    set_server_log_level_proto_buf(p: proto::SetServerLogLevelRequest) => SetServerLogLevel, NO_VALID_ID;
    /// `verifyMessageProtoBuf` (10.51.1), server version 213 on.
    verify_message_proto_buf(p: proto::VerifyMessageRequest) => VerifyMessage, NO_VALID_ID;
    /// `queryDisplayGroupsProtoBuf` (10.51.1), server version 213 on.
    query_display_groups_proto_buf(p: proto::QueryDisplayGroupsRequest) => QueryDisplayGroups, p.req_id.unwrap_or(NO_VALID_ID);
    /// `subscribeToGroupEventsProtoBuf` (10.51.1), server version 213 on.
    subscribe_to_group_events_proto_buf(p: proto::SubscribeToGroupEventsRequest) => SubscribeToGroupEvents, p.req_id.unwrap_or(NO_VALID_ID);
    /// `updateDisplayGroupProtoBuf` (10.51.1), server version 213 on.
    update_display_group_proto_buf(p: proto::UpdateDisplayGroupRequest) => UpdateDisplayGroup, p.req_id.unwrap_or(NO_VALID_ID);
    /// `unsubscribeFromGroupEventsProtoBuf` (10.51.1), server version 213 on.
    unsubscribe_from_group_events_proto_buf(p: proto::UnsubscribeFromGroupEventsRequest) => UnsubscribeFromGroupEvents, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqMarketDepthExchangesProtoBuf` (10.51.1), server version 213 on.
    req_market_depth_exchanges_proto_buf(p: proto::MarketDepthExchangesRequest) => ReqMktDepthExchanges, NO_VALID_ID;
    /// `cancelContractDataProtoBuf` (10.51.1), server version 215 on.
    cancel_contract_data_proto_buf(p: proto::CancelContractData) => CancelContractData, p.req_id.unwrap_or(NO_VALID_ID);
    /// `cancelHistoricalTicksProtoBuf` (10.51.1), server version 215 on.
    cancel_historical_ticks_proto_buf(p: proto::CancelHistoricalTicks) => CancelHistoricalTicks, p.req_id.unwrap_or(NO_VALID_ID);
    /// `reqConfigProtoBuf` (10.51.1), server version 219 on.
    req_config_proto_buf(p: proto::ConfigRequest) => ReqConfig, p.req_id.unwrap_or(NO_VALID_ID);
    /// `updateConfigProtoBuf` (10.51.1), server version 221 on.
    update_config_proto_buf(p: proto::UpdateConfigRequest) => UpdateConfig, p.req_id.unwrap_or(NO_VALID_ID);
}
