//! The `…ProtoBuf` callbacks of the official 10.51.1 client, one row each:
//! the callback, its argument (the protobuf message as it came), the
//! callback it precedes, its official name and the server version from which
//! TWS sends the message as protobuf. `proto_buf_callbacks!()` expands to
//! the trait's methods (each a logging default, like every callback); the
//! tests' recorder (tools/gen_recorder.py) and tests/forwarding.rs read the
//! rows from here.

/// Writes the `…ProtoBuf` methods of [`EWrapper`](super::EWrapper).
macro_rules! proto_buf_callbacks {
    (@rows $(
        $(#[$extra:meta])*
        $version:literal => $name:ident($arg:ident: $ty:ident) before $callback:ident, $official:literal;
    )*) => {$(
        #[doc = concat!(
            "The protobuf form of a [`", stringify!($callback), "`](Self::", stringify!($callback),
            ") message, delivered before the decoded callback when the server sends protobuf ",
            "(server version ", stringify!($version), " on).",
        )]
        $(#[$extra])*
        #[doc = ""]
        #[doc = concat!("Official name: `", $official, "`.")]
        fn $name(&mut self, $arg: &proto::$ty) {
            debug!("{}: {}={:?}", stringify!($name), stringify!($arg), $arg);
        }
    )*};
    () => {
        proto_buf_callbacks! { @rows
            203 => order_status_proto_buf(order_status_proto: OrderStatus) before order_status, "orderStatusProtoBuf";
            203 => open_order_proto_buf(open_order_proto: OpenOrder) before open_order, "openOrderProtoBuf";
            203 => open_orders_end_proto_buf(open_orders_end_proto: OpenOrdersEnd) before open_order_end, "openOrdersEndProtoBuf";
            203 => error_proto_buf(error_message_proto: ErrorMessage) before error, "errorProtoBuf";
            201 => execution_details_proto_buf(execution_details_proto: ExecutionDetails) before exec_details, "executionDetailsProtoBuf";
            #[doc = "(The official signature annotates it as `ExecutionDetails`, but it receives an `ExecutionDetailsEnd`.)"]
            201 => execution_details_end_proto_buf(execution_details_end_proto: ExecutionDetailsEnd) before exec_details_end, "executionDetailsEndProtoBuf";
            204 => completed_order_proto_buf(completed_order_proto: CompletedOrder) before completed_order, "completedOrderProtoBuf";
            204 => completed_orders_end_proto_buf(completed_orders_end_proto: CompletedOrdersEnd) before completed_orders_end, "completedOrdersEndProtoBuf";
            204 => order_bound_proto_buf(order_bound_proto: OrderBound) before order_bound, "orderBoundProtoBuf";
            205 => contract_data_proto_buf(contract_data_proto: ContractData) before contract_details, "contractDataProtoBuf";
            205 => bond_contract_data_proto_buf(contract_data_proto: ContractData) before bond_contract_details, "bondContractDataProtoBuf";
            205 => contract_data_end_proto_buf(contract_data_end_proto: ContractDataEnd) before contract_details_end, "contractDataEndProtoBuf";
            206 => tick_price_proto_buf(tick_price_proto: TickPrice) before tick_price, "tickPriceProtoBuf";
            206 => tick_size_proto_buf(tick_size_proto: TickSize) before tick_size, "tickSizeProtoBuf";
            206 => tick_option_computation_proto_buf(tick_option_computation_proto: TickOptionComputation) before tick_option_computation, "tickOptionComputationProtoBuf";
            206 => tick_generic_proto_buf(tick_generic_proto: TickGeneric) before tick_generic, "tickGenericProtoBuf";
            206 => tick_string_proto_buf(tick_string_proto: TickString) before tick_string, "tickStringProtoBuf";
            206 => tick_snapshot_end_proto_buf(tick_snapshot_end_proto: TickSnapshotEnd) before tick_snapshot_end, "tickSnapshotEndProtoBuf";
            206 => update_market_depth_proto_buf(market_depth_proto: MarketDepth) before update_mkt_depth, "updateMarketDepthProtoBuf";
            206 => update_market_depth_l2_proto_buf(market_depth_l2_proto: MarketDepthL2) before update_mkt_depth_l2, "updateMarketDepthL2ProtoBuf";
            206 => update_market_data_type_proto_buf(market_data_type_proto: MarketDataType) before market_data_type, "updateMarketDataTypeProtoBuf";
            206 => tick_req_params_proto_buf(tick_req_params_proto: TickReqParams) before tick_req_params, "tickReqParamsProtoBuf";
            207 => update_account_value_proto_buf(account_value_proto: AccountValue) before update_account_value, "updateAccountValueProtoBuf";
            207 => update_portfolio_proto_buf(portfolio_value_proto: PortfolioValue) before update_portfolio, "updatePortfolioProtoBuf";
            207 => update_account_time_proto_buf(account_update_time_proto: AccountUpdateTime) before update_account_time, "updateAccountTimeProtoBuf";
            207 => account_data_end_proto_buf(account_data_end_proto: AccountDataEnd) before account_download_end, "accountDataEndProtoBuf";
            207 => managed_accounts_proto_buf(managed_accounts_proto: ManagedAccounts) before managed_accounts, "managedAccountsProtoBuf";
            207 => position_proto_buf(position_proto: Position) before position, "positionProtoBuf";
            207 => position_end_proto_buf(position_end_proto: PositionEnd) before position_end, "positionEndProtoBuf";
            207 => account_summary_proto_buf(account_summary_proto: AccountSummary) before account_summary, "accountSummaryProtoBuf";
            207 => account_summary_end_proto_buf(account_summary_end_proto: AccountSummaryEnd) before account_summary_end, "accountSummaryEndProtoBuf";
            207 => position_multi_proto_buf(position_multi_proto: PositionMulti) before position_multi, "positionMultiProtoBuf";
            207 => position_multi_end_proto_buf(position_multi_end_proto: PositionMultiEnd) before position_multi_end, "positionMultiEndProtoBuf";
            207 => account_update_multi_proto_buf(account_update_multi_proto: AccountUpdateMulti) before account_update_multi, "accountUpdateMultiProtoBuf";
            207 => account_update_multi_end_proto_buf(account_update_multi_end_proto: AccountUpdateMultiEnd) before account_update_multi_end, "accountUpdateMultiEndProtoBuf";
            208 => historical_data_proto_buf(historical_data_proto: HistoricalData) before historical_data, "historicalDataProtoBuf";
            208 => historical_data_update_proto_buf(historical_data_update_proto: HistoricalDataUpdate) before historical_data_update, "historicalDataUpdateProtoBuf";
            208 => historical_data_end_proto_buf(historical_data_end_proto: HistoricalDataEnd) before historical_data_end, "historicalDataEndProtoBuf";
            208 => real_time_bar_tick_proto_buf(real_time_bar_tick_proto: RealTimeBarTick) before realtime_bar, "realTimeBarTickProtoBuf";
            208 => head_timestamp_proto_buf(head_timestamp_proto: HeadTimestamp) before head_timestamp, "headTimestampProtoBuf";
            208 => histogram_data_proto_buf(histogram_data_proto: HistogramData) before histogram_data, "histogramDataProtoBuf";
            208 => historical_ticks_proto_buf(historical_ticks_proto: HistoricalTicks) before historical_ticks, "historicalTicksProtoBuf";
            208 => historical_ticks_bid_ask_proto_buf(historical_ticks_bid_ask_proto: HistoricalTicksBidAsk) before historical_ticks_bid_ask, "historicalTicksBidAskProtoBuf";
            208 => historical_ticks_last_proto_buf(historical_ticks_last_proto: HistoricalTicksLast) before historical_ticks_last, "historicalTicksLastProtoBuf";
            208 => tick_by_tick_data_proto_buf(tick_by_tick_data_proto: TickByTickData) before tick_by_tick_all_last, "tickByTickDataProtoBuf";
            208 => historical_schedule_proto_buf(historical_schedule_proto: HistoricalSchedule) before historical_schedule, "historicalScheduleProtoBuf";
            209 => update_news_bulletin_proto_buf(news_bulletin_proto: NewsBulletin) before update_news_bulletin, "updateNewsBulletinProtoBuf";
            209 => news_article_proto_buf(news_article_proto: NewsArticle) before news_article, "newsArticleProtoBuf";
            209 => news_providers_proto_buf(news_providers_proto: NewsProviders) before news_providers, "newsProvidersProtoBuf";
            209 => historical_news_proto_buf(historical_news_proto: HistoricalNews) before historical_news, "historicalNewsProtoBuf";
            209 => historical_news_end_proto_buf(historical_news_end_proto: HistoricalNewsEnd) before historical_news_end, "historicalNewsEndProtoBuf";
            209 => wsh_meta_data_proto_buf(wsh_meta_data_proto: WshMetaData) before wsh_meta_data, "wshMetaDataProtoBuf";
            209 => wsh_event_data_proto_buf(wsh_event_data_proto: WshEventData) before wsh_event_data, "wshEventDataProtoBuf";
            209 => tick_news_proto_buf(tick_news_proto: TickNews) before tick_news, "tickNewsProtoBuf";
            210 => scanner_parameters_proto_buf(scanner_parameters_proto: ScannerParameters) before scanner_parameters, "scannerParametersProtoBuf";
            210 => scanner_data_proto_buf(scanner_data_proto: ScannerData) before scanner_data, "scannerDataProtoBuf";
            210 => pnl_proto_buf(pnl_proto: PnL) before pnl, "pnlProtoBuf";
            210 => pnl_single_proto_buf(pnl_single_proto: PnLSingle) before pnl_single, "pnlSingleProtoBuf";
            211 => receive_fa_proto_buf(receive_fa_proto: ReceiveFa) before receive_fa, "receiveFAProtoBuf";
            211 => replace_fa_end_proto_buf(replace_fa_end_proto: ReplaceFaEnd) before replace_fa_end, "replaceFAEndProtoBuf";
            211 => commission_and_fees_report_proto_buf(commission_and_fees_report_proto: CommissionAndFeesReport) before commission_and_fees_report, "commissionAndFeesReportProtoBuf";
            212 => sec_def_opt_parameter_proto_buf(sec_def_opt_parameter_proto: SecDefOptParameter) before security_definition_option_parameter, "secDefOptParameterProtoBuf";
            212 => sec_def_opt_parameter_end_proto_buf(sec_def_opt_parameter_end_proto: SecDefOptParameterEnd) before security_definition_option_parameter_end, "secDefOptParameterEndProtoBuf";
            212 => soft_dollar_tiers_proto_buf(soft_dollar_tiers_proto: SoftDollarTiers) before soft_dollar_tiers, "softDollarTiersProtoBuf";
            212 => family_codes_proto_buf(family_codes_proto: FamilyCodes) before family_codes, "familyCodesProtoBuf";
            212 => symbol_samples_proto_buf(symbol_samples_proto: SymbolSamples) before symbol_samples, "symbolSamplesProtoBuf";
            212 => smart_components_proto_buf(smart_components_proto: SmartComponents) before smart_components, "smartComponentsProtoBuf";
            212 => market_rule_proto_buf(market_rule_proto: MarketRule) before market_rule, "marketRuleProtoBuf";
            212 => user_info_proto_buf(user_info_proto: UserInfo) before user_info, "userInfoProtoBuf";
            212 => reroute_market_data_request_proto_buf(reroute_market_data_request_proto: RerouteMarketDataRequest) before reroute_mkt_data_req, "rerouteMarketDataRequestProtoBuf";
            212 => reroute_market_depth_request_proto_buf(reroute_market_depth_request_proto: RerouteMarketDepthRequest) before reroute_mkt_depth_req, "rerouteMarketDepthRequestProtoBuf";
            213 => next_valid_id_proto_buf(next_valid_id_proto: NextValidId) before next_valid_id, "nextValidIdProtoBuf";
            213 => current_time_proto_buf(current_time_proto: CurrentTime) before current_time, "currentTimeProtoBuf";
            213 => current_time_in_millis_proto_buf(current_time_in_millis_proto: CurrentTimeInMillis) before current_time_in_millis, "currentTimeInMillisProtoBuf";
            213 => verify_message_api_proto_buf(verify_message_api_proto: VerifyMessageApi) before verify_message_api, "verifyMessageApiProtoBuf";
            213 => verify_completed_proto_buf(verify_completed_proto: VerifyCompleted) before verify_completed, "verifyCompletedProtoBuf";
            213 => display_group_list_proto_buf(display_group_list_proto: DisplayGroupList) before display_group_list, "displayGroupListProtoBuf";
            213 => display_group_updated_proto_buf(display_group_updated_proto: DisplayGroupUpdated) before display_group_updated, "displayGroupUpdatedProtoBuf";
            213 => market_depth_exchanges_proto_buf(market_depth_exchanges_proto: MarketDepthExchanges) before mkt_depth_exchanges, "marketDepthExchangesProtoBuf";
            219 => config_response_proto_buf(config_response_proto: ConfigResponse) before req_config_proto_buf, "configResponseProtoBuf";
            221 => update_config_response_proto_buf(update_config_response_proto: UpdateConfigResponse) before update_config_proto_buf, "updateConfigResponseProtoBuf";
        }
    };
}
