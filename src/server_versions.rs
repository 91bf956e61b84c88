//! Server versions: each protocol feature is gated on the server version the
//! handshake negotiated. The numbers and names are the official ones (ibapi 10.37.2 up to 203,
//! ibapi-latest 10.51.1 from 204 to 226).
//!
//! A version gate in `messages` names its constant from here, never a bare number.

/// First server version with: pta orders.
pub const MIN_SERVER_VER_PTA_ORDERS: i32 = 39;
/// First server version with: fundamental data.
pub const MIN_SERVER_VER_FUNDAMENTAL_DATA: i32 = 40;
/// First server version with: delta neutral.
pub const MIN_SERVER_VER_DELTA_NEUTRAL: i32 = 40;
/// First server version with: contract data chain.
pub const MIN_SERVER_VER_CONTRACT_DATA_CHAIN: i32 = 40;
/// First server version with: scale orders2.
pub const MIN_SERVER_VER_SCALE_ORDERS2: i32 = 40;
/// First server version with: algo orders.
pub const MIN_SERVER_VER_ALGO_ORDERS: i32 = 41;
/// First server version with: execution data chain.
pub const MIN_SERVER_VER_EXECUTION_DATA_CHAIN: i32 = 42;
/// First server version with: not held.
pub const MIN_SERVER_VER_NOT_HELD: i32 = 44;
/// First server version with: sec id type.
pub const MIN_SERVER_VER_SEC_ID_TYPE: i32 = 45;
/// First server version with: place order conid.
pub const MIN_SERVER_VER_PLACE_ORDER_CONID: i32 = 46;
/// First server version with: req mkt data conid.
pub const MIN_SERVER_VER_REQ_MKT_DATA_CONID: i32 = 47;
/// First server version with: req calc implied volat.
pub const MIN_SERVER_VER_REQ_CALC_IMPLIED_VOLAT: i32 = 49;
/// First server version with: req calc option price.
pub const MIN_SERVER_VER_REQ_CALC_OPTION_PRICE: i32 = 50;
/// First server version with: sshortx old.
pub const MIN_SERVER_VER_SSHORTX_OLD: i32 = 51;
/// First server version with: sshortx.
pub const MIN_SERVER_VER_SSHORTX: i32 = 52;
/// First server version with: req global cancel.
pub const MIN_SERVER_VER_REQ_GLOBAL_CANCEL: i32 = 53;
/// First server version with: hedge orders.
pub const MIN_SERVER_VER_HEDGE_ORDERS: i32 = 54;
/// First server version with: req market data type.
pub const MIN_SERVER_VER_REQ_MARKET_DATA_TYPE: i32 = 55;
/// First server version with: opt out smart routing.
pub const MIN_SERVER_VER_OPT_OUT_SMART_ROUTING: i32 = 56;
/// First server version with: smart combo routing params.
pub const MIN_SERVER_VER_SMART_COMBO_ROUTING_PARAMS: i32 = 57;
/// First server version with: delta neutral conid.
pub const MIN_SERVER_VER_DELTA_NEUTRAL_CONID: i32 = 58;
/// First server version with: scale orders3.
pub const MIN_SERVER_VER_SCALE_ORDERS3: i32 = 60;
/// First server version with: order combo legs price.
pub const MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE: i32 = 61;
/// First server version with: trailing percent.
pub const MIN_SERVER_VER_TRAILING_PERCENT: i32 = 62;
/// First server version with: delta neutral open close.
pub const MIN_SERVER_VER_DELTA_NEUTRAL_OPEN_CLOSE: i32 = 66;
/// First server version with: positions.
pub const MIN_SERVER_VER_POSITIONS: i32 = 67;
/// First server version with: account summary.
pub const MIN_SERVER_VER_ACCOUNT_SUMMARY: i32 = 67;
/// First server version with: trading class.
pub const MIN_SERVER_VER_TRADING_CLASS: i32 = 68;
/// First server version with: scale table.
pub const MIN_SERVER_VER_SCALE_TABLE: i32 = 69;
/// First server version with: linking.
pub const MIN_SERVER_VER_LINKING: i32 = 70;
/// First server version with: algo id.
pub const MIN_SERVER_VER_ALGO_ID: i32 = 71;
/// First server version with: optional capabilities.
pub const MIN_SERVER_VER_OPTIONAL_CAPABILITIES: i32 = 72;
/// First server version with: order solicited.
pub const MIN_SERVER_VER_ORDER_SOLICITED: i32 = 73;
/// First server version with: linking auth.
pub const MIN_SERVER_VER_LINKING_AUTH: i32 = 74;
/// First server version with: primaryexch.
pub const MIN_SERVER_VER_PRIMARYEXCH: i32 = 75;
/// First server version with: randomize size and price.
pub const MIN_SERVER_VER_RANDOMIZE_SIZE_AND_PRICE: i32 = 76;
/// First server version with: fractional positions.
pub const MIN_SERVER_VER_FRACTIONAL_POSITIONS: i32 = 101;
/// First server version with: pegged to benchmark.
pub const MIN_SERVER_VER_PEGGED_TO_BENCHMARK: i32 = 102;
/// First server version with: models support.
pub const MIN_SERVER_VER_MODELS_SUPPORT: i32 = 103;
/// First server version with: sec def opt params req.
pub const MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ: i32 = 104;
/// First server version with: ext operator.
pub const MIN_SERVER_VER_EXT_OPERATOR: i32 = 105;
/// First server version with: soft dollar tier.
pub const MIN_SERVER_VER_SOFT_DOLLAR_TIER: i32 = 106;
/// First server version with: req family codes.
pub const MIN_SERVER_VER_REQ_FAMILY_CODES: i32 = 107;
/// First server version with: req matching symbols.
pub const MIN_SERVER_VER_REQ_MATCHING_SYMBOLS: i32 = 108;
/// First server version with: past limit.
pub const MIN_SERVER_VER_PAST_LIMIT: i32 = 109;
/// First server version with: md size multiplier.
pub const MIN_SERVER_VER_MD_SIZE_MULTIPLIER: i32 = 110;
/// First server version with: cash qty.
pub const MIN_SERVER_VER_CASH_QTY: i32 = 111;
/// First server version with: req mkt depth exchanges.
pub const MIN_SERVER_VER_REQ_MKT_DEPTH_EXCHANGES: i32 = 112;
/// First server version with: tick news.
pub const MIN_SERVER_VER_TICK_NEWS: i32 = 113;
/// First server version with: req smart components.
pub const MIN_SERVER_VER_REQ_SMART_COMPONENTS: i32 = 114;
/// First server version with: req news providers.
pub const MIN_SERVER_VER_REQ_NEWS_PROVIDERS: i32 = 115;
/// First server version with: req news article.
pub const MIN_SERVER_VER_REQ_NEWS_ARTICLE: i32 = 116;
/// First server version with: req historical news.
pub const MIN_SERVER_VER_REQ_HISTORICAL_NEWS: i32 = 117;
/// First server version with: req head timestamp.
pub const MIN_SERVER_VER_REQ_HEAD_TIMESTAMP: i32 = 118;
/// First server version with: req histogram.
pub const MIN_SERVER_VER_REQ_HISTOGRAM: i32 = 119;
/// First server version with: service data type.
pub const MIN_SERVER_VER_SERVICE_DATA_TYPE: i32 = 120;
/// First server version with: agg group.
pub const MIN_SERVER_VER_AGG_GROUP: i32 = 121;
/// First server version with: underlying info.
pub const MIN_SERVER_VER_UNDERLYING_INFO: i32 = 122;
/// First server version with: cancel headtimestamp.
pub const MIN_SERVER_VER_CANCEL_HEADTIMESTAMP: i32 = 123;
/// First server version with: synt realtime bars.
pub const MIN_SERVER_VER_SYNT_REALTIME_BARS: i32 = 124;
/// First server version with: cfd reroute.
pub const MIN_SERVER_VER_CFD_REROUTE: i32 = 125;
/// First server version with: market rules.
pub const MIN_SERVER_VER_MARKET_RULES: i32 = 126;
/// First server version with: pnl.
pub const MIN_SERVER_VER_PNL: i32 = 127;
/// First server version with: news query origins.
pub const MIN_SERVER_VER_NEWS_QUERY_ORIGINS: i32 = 128;
/// First server version with: unrealized pnl.
pub const MIN_SERVER_VER_UNREALIZED_PNL: i32 = 129;
/// First server version with: historical ticks.
pub const MIN_SERVER_VER_HISTORICAL_TICKS: i32 = 130;
/// First server version with: market cap price.
pub const MIN_SERVER_VER_MARKET_CAP_PRICE: i32 = 131;
/// First server version with: pre open bid ask.
pub const MIN_SERVER_VER_PRE_OPEN_BID_ASK: i32 = 132;
/// First server version with: real expiration date.
pub const MIN_SERVER_VER_REAL_EXPIRATION_DATE: i32 = 134;
/// First server version with: realized pnl.
pub const MIN_SERVER_VER_REALIZED_PNL: i32 = 135;
/// First server version with: last liquidity.
pub const MIN_SERVER_VER_LAST_LIQUIDITY: i32 = 136;
/// First server version with: tick by tick.
pub const MIN_SERVER_VER_TICK_BY_TICK: i32 = 137;
/// First server version with: decision maker.
pub const MIN_SERVER_VER_DECISION_MAKER: i32 = 138;
/// First server version with: mifid execution.
pub const MIN_SERVER_VER_MIFID_EXECUTION: i32 = 139;
/// First server version with: tick by tick ignore size.
pub const MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE: i32 = 140;
/// First server version with: auto price for hedge.
pub const MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE: i32 = 141;
/// First server version with: what if ext fields.
pub const MIN_SERVER_VER_WHAT_IF_EXT_FIELDS: i32 = 142;
/// First server version with: scanner generic opts.
pub const MIN_SERVER_VER_SCANNER_GENERIC_OPTS: i32 = 143;
/// First server version with: api bind order.
pub const MIN_SERVER_VER_API_BIND_ORDER: i32 = 144;
/// First server version with: order container.
pub const MIN_SERVER_VER_ORDER_CONTAINER: i32 = 145;
/// First server version with: smart depth.
pub const MIN_SERVER_VER_SMART_DEPTH: i32 = 146;
/// First server version with: remove null all casting.
pub const MIN_SERVER_VER_REMOVE_NULL_ALL_CASTING: i32 = 147;
/// First server version with: d peg orders.
pub const MIN_SERVER_VER_D_PEG_ORDERS: i32 = 148;
/// First server version with: mkt depth prim exchange.
pub const MIN_SERVER_VER_MKT_DEPTH_PRIM_EXCHANGE: i32 = 149;
/// First server version with: completed orders.
pub const MIN_SERVER_VER_COMPLETED_ORDERS: i32 = 150;
/// First server version with: price mgmt algo.
pub const MIN_SERVER_VER_PRICE_MGMT_ALGO: i32 = 151;
/// First server version with: stock type.
pub const MIN_SERVER_VER_STOCK_TYPE: i32 = 152;
/// First server version with: encode msg ascii7.
pub const MIN_SERVER_VER_ENCODE_MSG_ASCII7: i32 = 153;
/// First server version with: send all family codes.
pub const MIN_SERVER_VER_SEND_ALL_FAMILY_CODES: i32 = 154;
/// First server version with: no default open close.
pub const MIN_SERVER_VER_NO_DEFAULT_OPEN_CLOSE: i32 = 155;
/// First server version with: price based volatility.
pub const MIN_SERVER_VER_PRICE_BASED_VOLATILITY: i32 = 156;
/// First server version with: replace fa end.
pub const MIN_SERVER_VER_REPLACE_FA_END: i32 = 157;
/// First server version with: duration.
pub const MIN_SERVER_VER_DURATION: i32 = 158;
/// First server version with: market data in shares.
pub const MIN_SERVER_VER_MARKET_DATA_IN_SHARES: i32 = 159;
/// First server version with: post to ats.
pub const MIN_SERVER_VER_POST_TO_ATS: i32 = 160;
/// First server version with: wshe calendar.
pub const MIN_SERVER_VER_WSHE_CALENDAR: i32 = 161;
/// First server version with: auto cancel parent.
pub const MIN_SERVER_VER_AUTO_CANCEL_PARENT: i32 = 162;
/// First server version with: fractional size support.
pub const MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT: i32 = 163;
/// First server version with: size rules.
pub const MIN_SERVER_VER_SIZE_RULES: i32 = 164;
/// First server version with: historical schedule.
pub const MIN_SERVER_VER_HISTORICAL_SCHEDULE: i32 = 165;
/// First server version with: advanced order reject.
pub const MIN_SERVER_VER_ADVANCED_ORDER_REJECT: i32 = 166;
/// First server version with: user info.
pub const MIN_SERVER_VER_USER_INFO: i32 = 167;
/// First server version with: crypto aggregated trades.
pub const MIN_SERVER_VER_CRYPTO_AGGREGATED_TRADES: i32 = 168;
/// First server version with: manual order time.
pub const MIN_SERVER_VER_MANUAL_ORDER_TIME: i32 = 169;
/// First server version with: pegbest pegmid offsets.
pub const MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS: i32 = 170;
/// First server version with: wsh event data filters.
pub const MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS: i32 = 171;
/// First server version with: ipo prices.
pub const MIN_SERVER_VER_IPO_PRICES: i32 = 172;
/// First server version with: wsh event data filters date.
pub const MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE: i32 = 173;
/// First server version with: instrument timezone.
pub const MIN_SERVER_VER_INSTRUMENT_TIMEZONE: i32 = 174;
/// First server version with: hmds market data in shares.
pub const MIN_SERVER_VER_HMDS_MARKET_DATA_IN_SHARES: i32 = 175;
/// First server version with: bond issuerid.
pub const MIN_SERVER_VER_BOND_ISSUERID: i32 = 176;
/// First server version with: fa profile desupport.
pub const MIN_SERVER_VER_FA_PROFILE_DESUPPORT: i32 = 177;
/// First server version with: pending price revision.
pub const MIN_SERVER_VER_PENDING_PRICE_REVISION: i32 = 178;
/// First server version with: fund data fields.
pub const MIN_SERVER_VER_FUND_DATA_FIELDS: i32 = 179;
/// First server version with: manual order time exercise options.
pub const MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS: i32 = 180;
/// First server version with: open order ad strategy.
pub const MIN_SERVER_VER_OPEN_ORDER_AD_STRATEGY: i32 = 181;
/// First server version with: last trade date.
pub const MIN_SERVER_VER_LAST_TRADE_DATE: i32 = 182;
/// First server version with: customer account.
pub const MIN_SERVER_VER_CUSTOMER_ACCOUNT: i32 = 183;
/// First server version with: professional customer.
pub const MIN_SERVER_VER_PROFESSIONAL_CUSTOMER: i32 = 184;
/// First server version with: bond accrued interest.
pub const MIN_SERVER_VER_BOND_ACCRUED_INTEREST: i32 = 185;
/// First server version with: ineligibility reasons.
pub const MIN_SERVER_VER_INELIGIBILITY_REASONS: i32 = 186;
/// First server version with: rfq fields.
pub const MIN_SERVER_VER_RFQ_FIELDS: i32 = 187;
/// First server version with: bond trading hours.
pub const MIN_SERVER_VER_BOND_TRADING_HOURS: i32 = 188;
/// First server version with: include overnight.
pub const MIN_SERVER_VER_INCLUDE_OVERNIGHT: i32 = 189;
/// First server version with: undo rfq fields.
pub const MIN_SERVER_VER_UNDO_RFQ_FIELDS: i32 = 190;
/// First server version with: perm id as long.
pub const MIN_SERVER_VER_PERM_ID_AS_LONG: i32 = 191;
/// First server version with: cme tagging fields.
pub const MIN_SERVER_VER_CME_TAGGING_FIELDS: i32 = 192;
/// First server version with: cme tagging fields in open order.
pub const MIN_SERVER_VER_CME_TAGGING_FIELDS_IN_OPEN_ORDER: i32 = 193;
/// First server version with: error time.
pub const MIN_SERVER_VER_ERROR_TIME: i32 = 194;
/// First server version with: full order preview fields.
pub const MIN_SERVER_VER_FULL_ORDER_PREVIEW_FIELDS: i32 = 195;
/// First server version with: historical data end.
pub const MIN_SERVER_VER_HISTORICAL_DATA_END: i32 = 196;
/// First server version with: current time in millis.
pub const MIN_SERVER_VER_CURRENT_TIME_IN_MILLIS: i32 = 197;
/// First server version with: submitter.
pub const MIN_SERVER_VER_SUBMITTER: i32 = 198;
/// First server version with: imbalance only.
pub const MIN_SERVER_VER_IMBALANCE_ONLY: i32 = 199;
/// First server version with: parametrized days of executions.
pub const MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS: i32 = 200;
/// First server version with: protobuf.
pub const MIN_SERVER_VER_PROTOBUF: i32 = 201;
/// First server version with: zero strike.
pub const MIN_SERVER_VER_ZERO_STRIKE: i32 = 202;
/// First server version with: protobuf place order.
pub const MIN_SERVER_VER_PROTOBUF_PLACE_ORDER: i32 = 203;
/// First server version with: protobuf for the open and completed order requests and answers.
pub const MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER: i32 = 204;
/// First server version with: protobuf for contract details.
pub const MIN_SERVER_VER_PROTOBUF_CONTRACT_DATA: i32 = 205;
/// First server version with: protobuf for market data and depth.
pub const MIN_SERVER_VER_PROTOBUF_MARKET_DATA: i32 = 206;
/// First server version with: protobuf for accounts and positions.
pub const MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS: i32 = 207;
/// First server version with: protobuf for historical data, real-time bars, head timestamps, histograms, historical ticks and tick-by-tick.
pub const MIN_SERVER_VER_PROTOBUF_HISTORICAL_DATA: i32 = 208;
/// First server version with: protobuf for news and WSH.
pub const MIN_SERVER_VER_PROTOBUF_NEWS_DATA: i32 = 209;
/// First server version with: protobuf for the scanner and PnL.
pub const MIN_SERVER_VER_PROTOBUF_SCAN_DATA: i32 = 210;
/// First server version with: protobuf for FA, exercise and option calculations.
pub const MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1: i32 = 211;
/// First server version with: protobuf for sec-def option parameters, soft-dollar tiers, family codes, matching symbols, smart components, market rules and user info.
pub const MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2: i32 = 212;
/// First server version with: protobuf for ids, current time, startApi, the server log level, verification, display groups and depth exchanges.
pub const MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3: i32 = 213;
/// First server version with: a 'Z' suffix on UTC date-times.
pub const MIN_SERVER_VER_ADD_Z_SUFFIX_TO_UTC_DATE_TIME: i32 = 214;
/// First server version with: cancel contract data.
pub const MIN_SERVER_VER_CANCEL_CONTRACT_DATA: i32 = 215;
/// First server version with: additional order params 1 (deactivate, postOnly, allowPreOpen, ignoreOpenAuction, routeMarketableToBbo).
pub const MIN_SERVER_VER_ADDITIONAL_ORDER_PARAMS_1: i32 = 216;
/// First server version with: additional order params 2 (seekPriceImprovement, whatIfType).
pub const MIN_SERVER_VER_ADDITIONAL_ORDER_PARAMS_2: i32 = 217;
/// First server version with: attached orders.
pub const MIN_SERVER_VER_ATTACHED_ORDERS: i32 = 218;
/// First server version with: config (reqConfig).
pub const MIN_SERVER_VER_CONFIG: i32 = 219;
/// First server version with: market data volumes in shares.
pub const MIN_SERVER_VER_MARKET_DATA_VOLUMES_IN_SHARES: i32 = 220;
/// First server version with: update config.
pub const MIN_SERVER_VER_UPDATE_CONFIG: i32 = 221;
/// First server version with: fractional last size.
pub const MIN_SERVER_VER_FRACTIONAL_LAST_SIZE: i32 = 222;
/// First server version with: hedge max size.
pub const MIN_SERVER_VER_HEDGE_MAX_SIZE: i32 = 223;
/// First server version with: precision from the security definition.
pub const MIN_SERVER_VER_USE_PRECISION_FROM_SEC_DEF: i32 = 224;
/// First server version with: odd-lot bid/ask quotes.
pub const MIN_SERVER_VER_ODD_LOT_BID_ASK_QUOTES: i32 = 225;
/// First server version with: the unified version of conditional orders with the overnight param.
pub const UNIFIED_VERSION_COND_ORDER_WITH_OVERNIGHT_PARAM: i32 = 226;
/// Lowest server version this client speaks (v100+: length-prefixed handshake).
pub const MIN_CLIENT_VER: i32 = 100;
/// Highest server version this client speaks, and offers in its hello unless
/// a lower one is pinned ([`EClient::set_max_server_version`](crate::EClient::set_max_server_version)).
///
/// The official client 10.51.1 speaks up to
/// [`LATEST_OFFICIAL_SERVER_VERSION`]; this one grows towards it one version
/// at a time, each once every request and answer of that version travels in
/// the form the version calls for: a TWS at a version sends its answers in
/// that version's form, so a version is never offered before its forms are
/// spoken.
pub const MAX_CLIENT_VER: i32 = LATEST_OFFICIAL_SERVER_VERSION;
/// The first server version only the newest official client (10.51.1)
/// speaks. Where the two official clients send a request differently at a
/// version both speak, each version's truth is the client that speaks it
/// alone: 10.37.2 below this one, 10.51.1 from it on (both sets of golden
/// vectors are recorded so: `tests/golden/record.py`).
pub const LATEST_OFFICIAL_FROM: i32 = MIN_SERVER_VER_PROTOBUF_COMPLETED_ORDER;
/// The highest server version of the newest official client (10.51.1).
pub const LATEST_OFFICIAL_SERVER_VERSION: i32 = UNIFIED_VERSION_COND_ORDER_WITH_OVERNIGHT_PARAM;
