//! The scanner parameters XML of the simulated gateway, built by code: the
//! same shape as TWS's `ScanParameterResponse` (instrument list, location
//! tree, scan types with their columns, range and combo filters, settings),
//! a few hundred KB, identical on every call.

use std::fmt::Write as _;
use std::sync::OnceLock;

/// Instruments: (type, display name, short name, group).
const INSTRUMENTS: &[(&str, &str, &str, &str)] = &[
    ("STK", "US Stocks", "US", "STK.GLOBAL"),
    ("ETF.EQ.US", "US Equity ETFs", "Equity ETFs", "ETF.GLOBAL"),
    ("ETF.FI.US", "US Fixed Income ETFs", "FI ETFs", "ETF.GLOBAL"),
    ("FUT.US", "US Futures", "US Futures", "FUT.GLOBAL"),
    ("IND.US", "US Indexes", "US Indexes", "IND.GLOBAL"),
    ("BOND", "US Corporate Bonds", "Corp Bonds", "BOND.GLOBAL"),
    ("BOND.GOVT", "US Treasuries", "Treasuries", "BOND.GLOBAL"),
    ("FUND.ALL", "Mutual Funds", "Funds", "FUND.GLOBAL"),
    ("NATCOMB", "US Combos", "Combos", "COMBO.GLOBAL"),
    ("SSF.US", "US Single Stock Futures", "US SSF", "SSF.GLOBAL"),
    ("STOCK.NA", "America Non-US Stocks", "America", "STK.GLOBAL"),
    ("STOCK.EU", "European Stocks", "Europe", "STK.GLOBAL"),
    (
        "STOCK.ME",
        "Middle East Stocks",
        "Middle East",
        "STK.GLOBAL",
    ),
    ("STOCK.HK", "Asia-Pacific Stocks", "Asia", "STK.GLOBAL"),
    ("FUT.EU", "European Futures", "EU Futures", "FUT.GLOBAL"),
    (
        "FUT.HK",
        "Asia-Pacific Futures",
        "Asia Futures",
        "FUT.GLOBAL",
    ),
    ("IND.EU", "European Indexes", "EU Indexes", "IND.GLOBAL"),
    (
        "IND.HK",
        "Asia-Pacific Indexes",
        "Asia Indexes",
        "IND.GLOBAL",
    ),
    (
        "SLB.PREBORROW",
        "Pre-Borrow Stocks",
        "Pre-Borrow",
        "SLB.GLOBAL",
    ),
    ("WAR.EU", "European Warrants", "EU Warrants", "WAR.GLOBAL"),
];

/// Locations: (code, display name, instrument types, route exchange, children).
type Location = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [Location2],
);
type Location2 = (&'static str, &'static str, &'static str, &'static str);

const LOCATIONS: &[Location] = &[
    (
        "STK.US",
        "US Stocks",
        "STK,ETF.EQ.US,ETF.FI.US,SLB.PREBORROW",
        "SMART",
        &[
            (
                "STK.US.MAJOR",
                "Listed/NASDAQ",
                "STK,ETF.EQ.US,ETF.FI.US",
                "SMART",
            ),
            ("STK.US.MINOR", "US OTC", "STK", "SMART"),
            ("STK.NYSE", "NYSE", "STK,ETF.EQ.US", "NYSE"),
            ("STK.NASDAQ", "NASDAQ", "STK,ETF.EQ.US", "ISLAND"),
            ("STK.NASDAQ.NMS", "NASDAQ NMS", "STK", "ISLAND"),
            ("STK.NASDAQ.SCM", "NASDAQ SmallCap", "STK", "ISLAND"),
            ("STK.AMEX", "NYSE American", "STK,ETF.EQ.US", "AMEX"),
            ("STK.ARCA", "NYSE Arca", "STK,ETF.EQ.US,ETF.FI.US", "ARCA"),
            ("STK.BATS", "Cboe BZX", "STK,ETF.EQ.US", "BATS"),
            ("STK.PINK", "Pink Sheets", "STK", "PINK"),
            ("STK.OTCBB", "OTCBB", "STK", "OTCBB"),
        ],
    ),
    (
        "STK.NA",
        "America Non-US Stocks",
        "STOCK.NA",
        "SMART",
        &[
            ("STK.NA.CANADA", "Canada", "STOCK.NA", "SMART"),
            ("STK.NA.TSE", "Toronto", "STOCK.NA", "TSE"),
            ("STK.NA.VENTURE", "TSX Venture", "STOCK.NA", "VENTURE"),
            ("STK.NA.MEXI", "Mexico", "STOCK.NA", "MEXI"),
        ],
    ),
    (
        "STK.EU",
        "European Stocks",
        "STOCK.EU",
        "SMART",
        &[
            ("STK.EU.LSE", "London", "STOCK.EU", "LSE"),
            ("STK.EU.IBIS", "XETRA", "STOCK.EU", "IBIS"),
            ("STK.EU.SBF", "Euronext Paris", "STOCK.EU", "SBF"),
            ("STK.EU.AEB", "Euronext Amsterdam", "STOCK.EU", "AEB"),
            ("STK.EU.EBS", "SIX Swiss", "STOCK.EU", "EBS"),
            ("STK.EU.BM", "Madrid", "STOCK.EU", "BM"),
            ("STK.EU.BVME", "Milan", "STOCK.EU", "BVME"),
            ("STK.EU.SFB", "Stockholm", "STOCK.EU", "SFB"),
            ("STK.EU.OSE", "Oslo", "STOCK.EU", "OSE"),
        ],
    ),
    (
        "STK.HK",
        "Asia-Pacific Stocks",
        "STOCK.HK",
        "SMART",
        &[
            ("STK.HK.SEHK", "Hong Kong", "STOCK.HK", "SEHK"),
            ("STK.HK.ASX", "Australia", "STOCK.HK", "ASX"),
            ("STK.HK.TSE_JPN", "Tokyo", "STOCK.HK", "TSEJ"),
            ("STK.HK.SGX", "Singapore", "STOCK.HK", "SGX"),
            ("STK.HK.NSE", "India", "STOCK.HK", "NSE"),
        ],
    ),
    (
        "FUT.US",
        "US Futures",
        "FUT.US",
        "",
        &[
            ("FUT.CME", "CME", "FUT.US", "CME"),
            ("FUT.CBOT", "CBOT", "FUT.US", "CBOT"),
            ("FUT.NYMEX", "NYMEX", "FUT.US", "NYMEX"),
            ("FUT.COMEX", "COMEX", "FUT.US", "COMEX"),
            ("FUT.CFE", "CFE", "FUT.US", "CFE"),
            ("FUT.ICEUS", "ICE US", "FUT.US", "NYBOT"),
        ],
    ),
    (
        "FUT.EU",
        "European Futures",
        "FUT.EU",
        "",
        &[
            ("FUT.EU.EUREX", "Eurex", "FUT.EU", "EUREX"),
            ("FUT.EU.ICEEU", "ICE Europe", "FUT.EU", "ICEEU"),
            ("FUT.EU.MONEP", "Euronext Derivatives", "FUT.EU", "MONEP"),
        ],
    ),
    (
        "IND.US",
        "US Indexes",
        "IND.US",
        "",
        &[
            ("IND.US.CBOE", "CBOE", "IND.US", "CBOE"),
            ("IND.US.NASDAQ", "NASDAQ", "IND.US", "NASDAQ"),
        ],
    ),
    (
        "BOND.US",
        "US Bonds",
        "BOND,BOND.GOVT",
        "SMART",
        &[
            ("BOND.US.CORP", "Corporate", "BOND", "SMART"),
            ("BOND.US.GOVT", "Treasuries", "BOND.GOVT", "SMART"),
        ],
    ),
];

/// Scan codes: (code, display name, column id, column name).
pub(crate) const SCAN_TYPES: &[(&str, &str, i32, &str)] = &[
    ("TOP_PERC_GAIN", "Top % Gainers", 390, "Change %"),
    ("TOP_PERC_LOSE", "Top % Losers", 390, "Change %"),
    ("MOST_ACTIVE", "Most Active", 391, "Volume"),
    ("MOST_ACTIVE_USD", "Most Active ($)", 392, "Dollar Volume"),
    (
        "HOT_BY_VOLUME",
        "Hot Contracts by Volume",
        393,
        "Volume Rate",
    ),
    (
        "HOT_BY_PRICE",
        "Hot Contracts by Price",
        394,
        "Price Change",
    ),
    (
        "HOT_BY_PRICE_RANGE",
        "Hot by Price Range",
        395,
        "Price Range",
    ),
    ("TOP_TRADE_COUNT", "Top Trade Count", 396, "Trade Count"),
    ("TOP_TRADE_RATE", "Top Trade Rate", 397, "Trade Rate"),
    ("TOP_PRICE_RANGE", "Top Price Range", 395, "Price Range"),
    ("TOP_VOLUME_RATE", "Top Volume Rate", 393, "Volume Rate"),
    (
        "TOP_OPEN_PERC_GAIN",
        "Top % Gainers Since Open",
        398,
        "Change Since Open %",
    ),
    (
        "TOP_OPEN_PERC_LOSE",
        "Top % Losers Since Open",
        398,
        "Change Since Open %",
    ),
    (
        "HIGH_OPEN_GAP",
        "Top Close-to-Open % Gainers",
        399,
        "Opening Gap %",
    ),
    (
        "LOW_OPEN_GAP",
        "Top Close-to-Open % Losers",
        399,
        "Opening Gap %",
    ),
    (
        "TOP_AFTER_HOURS_PERC_GAIN",
        "Top % Gainers After Hours",
        400,
        "After Hours Change %",
    ),
    (
        "TOP_AFTER_HOURS_PERC_LOSE",
        "Top % Losers After Hours",
        400,
        "After Hours Change %",
    ),
    ("HIGH_VS_13W_HL", "13-Week High", 401, "13W High"),
    ("LOW_VS_13W_HL", "13-Week Low", 402, "13W Low"),
    ("HIGH_VS_26W_HL", "26-Week High", 403, "26W High"),
    ("LOW_VS_26W_HL", "26-Week Low", 404, "26W Low"),
    ("HIGH_VS_52W_HL", "52-Week High", 405, "52W High"),
    ("LOW_VS_52W_HL", "52-Week Low", 406, "52W Low"),
    (
        "HIGH_OPT_IMP_VOLAT",
        "Highest Option Implied Vol",
        407,
        "Opt Imp Vol",
    ),
    (
        "LOW_OPT_IMP_VOLAT",
        "Lowest Option Implied Vol",
        407,
        "Opt Imp Vol",
    ),
    (
        "TOP_OPT_IMP_VOLAT_GAIN",
        "Top Option Imp Vol % Gainers",
        408,
        "Opt Imp Vol Change %",
    ),
    (
        "TOP_OPT_IMP_VOLAT_LOSE",
        "Top Option Imp Vol % Losers",
        408,
        "Opt Imp Vol Change %",
    ),
    (
        "HIGH_OPT_IMP_VOLAT_OVER_HIST",
        "High Opt Imp Vol Over Historical",
        409,
        "IV/HV",
    ),
    (
        "LOW_OPT_IMP_VOLAT_OVER_HIST",
        "Low Opt Imp Vol Over Historical",
        409,
        "IV/HV",
    ),
    (
        "OPT_VOLUME_MOST_ACTIVE",
        "Most Active by Opt Volume",
        410,
        "Opt Volume",
    ),
    (
        "HOT_BY_OPT_VOLUME",
        "Hot by Option Volume",
        411,
        "Opt Volume Rate",
    ),
    (
        "OPT_OPEN_INTEREST_MOST_ACTIVE",
        "Most Active by Opt Open Interest",
        412,
        "Opt Open Interest",
    ),
    (
        "HIGH_OPT_VOLUME_PUT_CALL_RATIO",
        "High Opt Volume P/C Ratio",
        413,
        "P/C Volume",
    ),
    (
        "LOW_OPT_VOLUME_PUT_CALL_RATIO",
        "Low Opt Volume P/C Ratio",
        413,
        "P/C Volume",
    ),
    (
        "HIGH_OPT_OPEN_INTEREST_PUT_CALL_RATIO",
        "High Opt Open Interest P/C Ratio",
        414,
        "P/C OI",
    ),
    (
        "LOW_OPT_OPEN_INTEREST_PUT_CALL_RATIO",
        "Low Opt Open Interest P/C Ratio",
        414,
        "P/C OI",
    ),
    (
        "HIGH_DIVIDEND_YIELD_IB",
        "High Dividend Yield",
        415,
        "Dividend Yield %",
    ),
    ("HIGH_PE_RATIO", "Highest P/E Ratio", 416, "P/E"),
    ("LOW_PE_RATIO", "Lowest P/E Ratio", 416, "P/E"),
    (
        "HIGH_GROWTH_RATE",
        "Highest EPS Growth",
        417,
        "EPS Growth %",
    ),
    ("LOW_GROWTH_RATE", "Lowest EPS Growth", 417, "EPS Growth %"),
    (
        "HIGH_RETURN_ON_EQUITY",
        "Highest Return on Equity",
        418,
        "ROE %",
    ),
    (
        "HIGH_QUICK_RATIO",
        "Highest Quick Ratio",
        419,
        "Quick Ratio",
    ),
    (
        "HIGH_SYNTH_BID_REV_NAT_YIELD",
        "Highest Synthetic Bid Yield",
        420,
        "Yield",
    ),
    ("HALTED", "Halted", 421, "Halted Since"),
    ("NOT_OPEN", "Not Open", 422, "Status"),
    (
        "TOP_STOCK_BUY_IMBALANCE_ADV_RATIO",
        "Top Buy Imbalance",
        423,
        "Imbalance/ADV",
    ),
    (
        "TOP_STOCK_SELL_IMBALANCE_ADV_RATIO",
        "Top Sell Imbalance",
        423,
        "Imbalance/ADV",
    ),
    (
        "HIGH_STVOLUME_3MIN",
        "High Short-Term Volume 3 min",
        424,
        "ST Volume",
    ),
    (
        "HIGH_STVOLUME_5MIN",
        "High Short-Term Volume 5 min",
        424,
        "ST Volume",
    ),
    (
        "HIGH_STVOLUME_10MIN",
        "High Short-Term Volume 10 min",
        424,
        "ST Volume",
    ),
    (
        "SCAN_socialSentimentScore_DESC",
        "Social Sentiment Score (High to Low)",
        425,
        "Sentiment",
    ),
    (
        "SCAN_socialSentimentScore_ASC",
        "Social Sentiment Score (Low to High)",
        425,
        "Sentiment",
    ),
    (
        "WSH_NEXT_EARNINGS",
        "Upcoming Earnings",
        426,
        "Earnings Date",
    ),
    ("WSH_PREV_EARNINGS", "Recent Earnings", 426, "Earnings Date"),
    (
        "WSH_NEXT_ANALYST_MEETING",
        "Upcoming Analyst Meetings",
        427,
        "Meeting Date",
    ),
    (
        "WSH_NEXT_MAJOR_EVENT",
        "Upcoming Major Events",
        428,
        "Event Date",
    ),
    ("LIMIT_UP_DOWN", "Limit Up-Down", 429, "LULD Band"),
    ("TOP_PERC_GAIN_ETF", "Top % Gainers (ETFs)", 390, "Change %"),
    ("TOP_PERC_LOSE_ETF", "Top % Losers (ETFs)", 390, "Change %"),
];

/// Range filters: (id, category, field code stem, display name, var name stem).
const RANGE_FILTERS: &[(&str, &str, &str, &str)] = &[
    ("PRICE", "Price", "price", "Price"),
    ("PRICE_USD", "Price", "priceUSD", "Price (USD)"),
    ("VOLUME", "Volume", "volume", "Volume"),
    ("VOLUME_USD", "Volume", "usdVolume", "Volume ($)"),
    ("AVGVOLUME", "Volume", "avgVolume", "Average Volume"),
    (
        "AVGVOLUME_USD",
        "Volume",
        "avgUsdVolume",
        "Average Volume ($)",
    ),
    ("MKTCAP", "Fundamentals", "marketCap", "Market Cap (M)"),
    (
        "MKTCAP_USD",
        "Fundamentals",
        "usdMarketCap",
        "Market Cap (M USD)",
    ),
    ("CHANGEPERC", "Price", "changePerc", "Change %"),
    (
        "CHANGEOPENPERC",
        "Price",
        "changeOpenPerc",
        "Change Since Open %",
    ),
    ("OPENGAPPERC", "Price", "openGapPerc", "Opening Gap %"),
    (
        "AFTERHRSCHANGEPERC",
        "Price",
        "afterHoursChangePerc",
        "After Hours Change %",
    ),
    ("IMPVOLAT", "Options", "impVolat", "Option Implied Vol %"),
    (
        "IMPVOLATOVERHIST",
        "Options",
        "impVolatOverHist",
        "IV/HV Ratio",
    ),
    ("HISTVOLAT", "Options", "histVolat", "Historical Vol %"),
    ("OPTVOLUME", "Options", "optVolume", "Option Volume"),
    (
        "OPTVOLUMEPCRATIO",
        "Options",
        "optVolumePCRatio",
        "Option Volume P/C Ratio",
    ),
    (
        "OPTOPENINTEREST",
        "Options",
        "optOpenInterest",
        "Option Open Interest",
    ),
    (
        "AVGOPTVOLUME",
        "Options",
        "avgOptVolume",
        "Average Option Volume",
    ),
    (
        "DIVYIELD",
        "Fundamentals",
        "dividendYield",
        "Dividend Yield %",
    ),
    (
        "DIVIB",
        "Fundamentals",
        "dividendFrd",
        "Dividend Yield % (IB)",
    ),
    ("PERATIO", "Fundamentals", "peRatio", "P/E Ratio"),
    ("EPSGROWTH", "Fundamentals", "epsGrowth", "EPS Growth %"),
    ("EPS", "Fundamentals", "eps", "EPS"),
    ("PRICE2BK", "Fundamentals", "price2Bk", "Price/Book"),
    (
        "PRICE2TANBK",
        "Fundamentals",
        "price2TanBk",
        "Price/Tangible Book",
    ),
    ("PRICE2SALES", "Fundamentals", "price2Sales", "Price/Sales"),
    (
        "PRICE2CASH",
        "Fundamentals",
        "price2Cash",
        "Price/Cash Flow",
    ),
    (
        "RETEQUITY",
        "Fundamentals",
        "retEquity",
        "Return on Equity %",
    ),
    ("QUICKRATIO", "Fundamentals", "quickRatio", "Quick Ratio"),
    ("CURRATIO", "Fundamentals", "curRatio", "Current Ratio"),
    ("DEBT2EQUITY", "Fundamentals", "debt2Equity", "Debt/Equity"),
    ("REVGROWTH", "Fundamentals", "revGrowth", "Revenue Growth %"),
    (
        "GROSSMARGIN",
        "Fundamentals",
        "grossMargin",
        "Gross Margin %",
    ),
    ("NETMARGIN", "Fundamentals", "netMargin", "Net Margin %"),
    ("OPMARGIN", "Fundamentals", "opMargin", "Operating Margin %"),
    ("BETA", "Fundamentals", "beta", "Beta"),
    (
        "SHORTABLESHARES",
        "Short Sale",
        "shortableShares",
        "Shortable Shares",
    ),
    ("FEERATE", "Short Sale", "feeRate", "Fee Rate %"),
    ("UTILIZATION", "Short Sale", "utilization", "Utilization %"),
    (
        "SHORTINTEREST",
        "Short Sale",
        "shortInterest",
        "Short Interest %",
    ),
    (
        "INSTOWN",
        "Ownership",
        "institutionalOwnership",
        "Institutional Ownership %",
    ),
    (
        "INSIDEROWN",
        "Ownership",
        "insiderOwnership",
        "Insider Ownership %",
    ),
    ("TRADECOUNT", "Volume", "tradeCount", "Trade Count"),
    ("TRADERATE", "Volume", "tradeRate", "Trade Rate"),
    ("VOLUMERATE", "Volume", "volumeRate", "Volume Rate"),
    ("PRICERANGE", "Price", "priceRange", "Price Range"),
    (
        "STVOLUME3MIN",
        "Volume",
        "stVolume3min",
        "Short-Term Volume 3 min",
    ),
    (
        "STVOLUME5MIN",
        "Volume",
        "stVolume5min",
        "Short-Term Volume 5 min",
    ),
    (
        "STVOLUME10MIN",
        "Volume",
        "stVolume10min",
        "Short-Term Volume 10 min",
    ),
    ("HIGH13W", "Price", "high13w", "13-Week High"),
    ("LOW13W", "Price", "low13w", "13-Week Low"),
    ("HIGH26W", "Price", "high26w", "26-Week High"),
    ("LOW26W", "Price", "low26w", "26-Week Low"),
    ("HIGH52W", "Price", "high52w", "52-Week High"),
    ("LOW52W", "Price", "low52w", "52-Week Low"),
    ("EMA20", "Technicals", "curEMA20", "EMA(20)"),
    ("EMA50", "Technicals", "curEMA50", "EMA(50)"),
    ("EMA100", "Technicals", "curEMA100", "EMA(100)"),
    ("EMA200", "Technicals", "curEMA200", "EMA(200)"),
    ("MACD", "Technicals", "curMACD", "MACD"),
    ("MACDSIGNAL", "Technicals", "curMACDSignal", "MACD Signal"),
    ("RSI", "Technicals", "curRSI", "RSI"),
    ("PPO", "Technicals", "curPPO", "PPO"),
    ("ADR", "Technicals", "curAdr", "Average Daily Range"),
    ("ATR", "Technicals", "curAtr", "Average True Range"),
    (
        "SOCIALSENTIMENT",
        "Sentiment",
        "socialSentimentScore",
        "Social Sentiment Score",
    ),
    ("ESGSCORE", "ESG", "esgScore", "ESG Score"),
    (
        "ESGCOMBINEDSCORE",
        "ESG",
        "esgCombinedScore",
        "ESG Combined Score",
    ),
    (
        "ESGCONTROVERSIES",
        "ESG",
        "esgControversiesScore",
        "ESG Controversies",
    ),
    ("COUPONRATE", "Bonds", "couponRate", "Coupon Rate %"),
    ("MATURITYDATE", "Bonds", "maturityDate", "Maturity Date"),
    ("BONDYIELD", "Bonds", "bondYield", "Yield %"),
    ("BONDDURATION", "Bonds", "bondDuration", "Duration"),
    (
        "BONDAMTOUT",
        "Bonds",
        "bondAmtOutstanding",
        "Amount Outstanding",
    ),
    ("FUNDNAV", "Funds", "fundNav", "NAV"),
    (
        "FUNDEXPRATIO",
        "Funds",
        "fundExpenseRatio",
        "Expense Ratio %",
    ),
    ("FUNDRETURN1Y", "Funds", "fundReturn1y", "1 Year Return %"),
    ("FUNDRETURN3Y", "Funds", "fundReturn3y", "3 Year Return %"),
    ("FUNDRETURN5Y", "Funds", "fundReturn5y", "5 Year Return %"),
    ("IMBALANCE", "Auction", "imbalance", "Imbalance"),
    (
        "IMBALANCEADV",
        "Auction",
        "imbalanceAdvRatio",
        "Imbalance/ADV %",
    ),
    (
        "REGIMBALANCE",
        "Auction",
        "regImbalance",
        "Regulatory Imbalance",
    ),
    ("DISPLAYSIZE", "Quote", "displaySize", "Displayed Size"),
    ("SPREAD", "Quote", "spread", "Bid-Ask Spread"),
    ("SPREADPERC", "Quote", "spreadPerc", "Bid-Ask Spread %"),
    (
        "NUMANALYSTS",
        "Analysts",
        "numAnalysts",
        "Number of Analysts",
    ),
    (
        "ANALYSTRATING",
        "Analysts",
        "analystRating",
        "Analyst Rating",
    ),
    ("TARGETPRICE", "Analysts", "targetPrice", "Target Price"),
    (
        "TARGETPRICEPERC",
        "Analysts",
        "targetPricePerc",
        "Target Price Upside %",
    ),
];

/// Combo filters: (id, category, code, display name, options).
/// A combo filter: id, category, code, display name, (value, name) options.
type ComboFilter = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const COMBO_FILTERS: &[ComboFilter] = &[
    (
        "STKTYPE",
        "Instrument",
        "stkTypes",
        "Stock Type",
        &[
            ("ALL", "All"),
            ("CORP", "Common"),
            ("ADR", "ADR"),
            ("ETF", "ETF"),
            ("ETN", "ETN"),
            ("REIT", "REIT"),
            ("CEF", "Closed-End Fund"),
            ("PREF", "Preferred"),
        ],
    ),
    (
        "MOODY",
        "Bonds",
        "moodyRatingAbove",
        "Moody's Rating Above",
        &[
            ("AAA", "Aaa"),
            ("AA1", "Aa1"),
            ("AA2", "Aa2"),
            ("AA3", "Aa3"),
            ("A1", "A1"),
            ("A2", "A2"),
            ("A3", "A3"),
            ("BAA1", "Baa1"),
            ("BAA2", "Baa2"),
            ("BAA3", "Baa3"),
            ("BA1", "Ba1"),
            ("NR", "Not Rated"),
        ],
    ),
    (
        "SP",
        "Bonds",
        "spRatingAbove",
        "S&P Rating Above",
        &[
            ("AAA", "AAA"),
            ("AA+", "AA+"),
            ("AA", "AA"),
            ("AA-", "AA-"),
            ("A+", "A+"),
            ("A", "A"),
            ("A-", "A-"),
            ("BBB+", "BBB+"),
            ("BBB", "BBB"),
            ("BBB-", "BBB-"),
            ("NR", "Not Rated"),
        ],
    ),
    (
        "EXCLUDECONVERTIBLE",
        "Bonds",
        "excludeConvertible",
        "Exclude Convertible",
        &[("true", "Yes"), ("false", "No")],
    ),
    (
        "HASOPTIONS",
        "Options",
        "hasOptionsIs",
        "Has Options",
        &[("true", "Yes"), ("false", "No")],
    ),
    (
        "SHORTSALERESTRICTED",
        "Short Sale",
        "ssRestricted",
        "Short Sale Restricted",
        &[("true", "Yes"), ("false", "No")],
    ),
    (
        "INDUSTRY",
        "Fundamentals",
        "industryLike",
        "Industry",
        &[
            ("Technology", "Technology"),
            ("Communications", "Communications"),
            ("Consumer, Cyclical", "Consumer, Cyclical"),
            ("Consumer, Non-cyclical", "Consumer, Non-cyclical"),
            ("Energy", "Energy"),
            ("Financial", "Financial"),
            ("Industrial", "Industrial"),
            ("Basic Materials", "Basic Materials"),
            ("Utilities", "Utilities"),
        ],
    ),
];

/// The document (built once, then shared).
pub(crate) fn xml() -> &'static str {
    static XML: OnceLock<String> = OnceLock::new();
    XML.get_or_init(build)
}

/// Every filter code a subscription may use (`priceAbove`, …).
pub(crate) fn is_known_filter(code: &str) -> bool {
    RANGE_FILTERS.iter().any(|(_, _, stem, _)| {
        code.strip_prefix(stem)
            .is_some_and(|rest| rest == "Above" || rest == "Below")
    }) || COMBO_FILTERS.iter().any(|(_, _, c, _, _)| *c == code)
}

fn instrument_list() -> String {
    INSTRUMENTS
        .iter()
        .map(|i| i.0)
        .collect::<Vec<_>>()
        .join(",")
}

fn build() -> String {
    let mut x = String::with_capacity(512 * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ScanParameterResponse>\n");
    let all_filters: Vec<&str> = RANGE_FILTERS
        .iter()
        .map(|f| f.0)
        .chain(COMBO_FILTERS.iter().map(|f| f.0))
        .collect();
    let all_filters = all_filters.join(",");
    x.push_str("\t<InstrumentList varName=\"fullInstrumentList\">\n");
    for (ty, name, short, group) in INSTRUMENTS {
        let _ = write!(
            x,
            "\t\t<Instrument>\n\t\t\t<name>{name}</name>\n\t\t\t<type>{ty}</type>\n\t\t\t<secType>{}</secType>\n\t\t\t<group>{group}</group>\n\t\t\t<shortName>{short}</shortName>\n\t\t\t<filters>{all_filters}</filters>\n\t\t\t<cloudScanNotSupported>false</cloudScanNotSupported>\n\t\t\t<featureCodes>NONE</featureCodes>\n\t\t</Instrument>\n",
            ty.split('.').next().unwrap_or(ty)
        );
    }
    x.push_str("\t</InstrumentList>\n\t<LocationTree varName=\"locationTree\">\n");
    for (code, name, instruments, route, children) in LOCATIONS {
        location_open(&mut x, 2, code, name, instruments, route);
        if !children.is_empty() {
            x.push_str("\t\t\t<LocationTree varName=\"locationTree\">\n");
            for (c, n, i, r) in children.iter() {
                location_open(&mut x, 4, c, n, i, r);
                x.push_str("\t\t\t\t</Location>\n");
            }
            x.push_str("\t\t\t</LocationTree>\n");
        }
        x.push_str("\t\t</Location>\n");
    }
    x.push_str("\t</LocationTree>\n\t<ScanTypeList varName=\"scanTypeList\">\n");
    let instruments = instrument_list();
    for (code, name, col_id, col_name) in SCAN_TYPES {
        let _ = write!(
            x,
            "\t\t<ScanType>\n\t\t\t<displayName>{name}</displayName>\n\t\t\t<scanCode>{code}</scanCode>\n\t\t\t<instruments>{instruments}</instruments>\n\t\t\t<absoluteColumns>false</absoluteColumns>\n\t\t\t<Columns varName=\"columns\">\n\t\t\t\t<Column>\n\t\t\t\t\t<colId>{col_id}</colId>\n\t\t\t\t\t<name>{col_name}</name>\n\t\t\t\t\t<display>true</display>\n\t\t\t\t\t<displayType>DATA</displayType>\n\t\t\t\t</Column>\n\t\t\t\t<ColumnSetRef>\n\t\t\t\t\t<colId>0</colId>\n\t\t\t\t\t<name>PriceWChange</name>\n\t\t\t\t\t<display>false</display>\n\t\t\t\t\t<displayType>DATA</displayType>\n\t\t\t\t</ColumnSetRef>\n\t\t\t</Columns>\n\t\t\t<MobileColumns varName=\"mobileColumns\">\n\t\t\t\t<MobileColumn>\n\t\t\t\t\t<colId>{col_id}</colId>\n\t\t\t\t\t<name>{col_name}</name>\n\t\t\t\t</MobileColumn>\n\t\t\t</MobileColumns>\n\t\t\t<supportsSorting>true</supportsSorting>\n\t\t\t<respSizeLimit>2147483647</respSizeLimit>\n\t\t\t<snapshotSizeLimit>2147483647</snapshotSizeLimit>\n\t\t\t<searchDefault>false</searchDefault>\n\t\t\t<access>unrestricted</access>\n\t\t</ScanType>\n"
        );
    }
    x.push_str("\t</ScanTypeList>\n\t<FilterList varName=\"filterList\">\n");
    for (id, category, stem, display) in RANGE_FILTERS {
        let _ = write!(
            x,
            "\t\t<RangeFilter>\n\t\t\t<id>{id}</id>\n\t\t\t<category>{category}</category>\n\t\t\t<histogram>false</histogram>\n\t\t\t<access>unrestricted</access>\n\t\t\t<Columns varName=\"columns\">\n\t\t\t\t<Column>\n\t\t\t\t\t<colId>0</colId>\n\t\t\t\t\t<name>{display}</name>\n\t\t\t\t\t<display>true</display>\n\t\t\t\t\t<displayType>DATA</displayType>\n\t\t\t\t</Column>\n\t\t\t</Columns>\n"
        );
        for (side, word) in [("Above", "above"), ("Below", "below")] {
            let _ = write!(
                x,
                "\t\t\t<AbstractField type=\"DoubleField\">\n\t\t\t\t<code>{stem}{side}</code>\n\t\t\t\t<displayName>{display} {word}</displayName>\n\t\t\t\t<varName>{stem}{side}</varName>\n\t\t\t\t<abbrev>{display} {word}</abbrev>\n\t\t\t\t<acceptNegative>true</acceptNegative>\n\t\t\t\t<dontAllowClearAll>false</dontAllowClearAll>\n\t\t\t\t<skipNotEditableField>false</skipNotEditableField>\n\t\t\t\t<dontAllowNegative>false</dontAllowNegative>\n\t\t\t\t<master>true</master>\n\t\t\t\t<narrowField>false</narrowField>\n\t\t\t\t<maxValue>1.7976931348623157E308</maxValue>\n\t\t\t\t<minValue>-1.7976931348623157E308</minValue>\n\t\t\t\t<tooltip>Only show instruments whose {display} is {word} this value.</tooltip>\n\t\t\t</AbstractField>\n"
            );
        }
        x.push_str("\t\t</RangeFilter>\n");
    }
    for (id, category, code, display, options) in COMBO_FILTERS {
        let display = escape(display);
        let _ = write!(
            x,
            "\t\t<SimpleFilter>\n\t\t\t<id>{id}</id>\n\t\t\t<category>{category}</category>\n\t\t\t<histogram>false</histogram>\n\t\t\t<access>unrestricted</access>\n\t\t\t<AbstractField type=\"ComboField\">\n\t\t\t\t<code>{code}</code>\n\t\t\t\t<displayName>{display}</displayName>\n\t\t\t\t<varName>{code}</varName>\n\t\t\t\t<abbrev>{display}</abbrev>\n\t\t\t\t<ComboValues>\n"
        );
        for (i, (code, name)) in options.iter().enumerate() {
            let _ = write!(
                x,
                "\t\t\t\t\t<ComboValue>\n\t\t\t\t\t\t<code>{}</code>\n\t\t\t\t\t\t<displayName>{}</displayName>\n\t\t\t\t\t\t<default>{}</default>\n\t\t\t\t\t</ComboValue>\n",
                escape(code),
                escape(name),
                i == 0
            );
        }
        x.push_str("\t\t\t\t</ComboValues>\n\t\t\t</AbstractField>\n\t\t</SimpleFilter>\n");
    }
    x.push_str("\t</FilterList>\n\t<SettingList varName=\"settingList\">\n");
    for (name, value) in [
        ("Annual", "true"),
        ("FiscalYear", "false"),
        ("RatingAbove", "NR"),
        ("Trending", "false"),
        ("UseRealtimeData", "true"),
    ] {
        let _ = write!(
            x,
            "\t\t<Setting>\n\t\t\t<name>{name}</name>\n\t\t\t<default>{value}</default>\n\t\t</Setting>\n"
        );
    }
    x.push_str("\t</SettingList>\n</ScanParameterResponse>\n");
    x
}

fn location_open(
    x: &mut String,
    depth: usize,
    code: &str,
    name: &str,
    instruments: &str,
    route: &str,
) {
    let t = "\t".repeat(depth);
    let _ = write!(
        x,
        "{t}<Location>\n{t}\t<displayName>{name}</displayName>\n{t}\t<locationCode>{code}</locationCode>\n{t}\t<instruments>{instruments}</instruments>\n{t}\t<routeExchange>{route}</routeExchange>\n{t}\t<delayedOnly>false</delayedOnly>\n{t}\t<access>true</access>\n"
    );
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_is_large_and_stable() {
        let a = xml();
        assert!(a.len() > 200 * 1024, "{} bytes", a.len());
        assert_eq!(a, build());
        assert!(a.contains("<scanCode>TOP_PERC_GAIN</scanCode>"));
        assert!(a.contains("<locationCode>STK.US.MAJOR</locationCode>"));
        assert!(a.contains("<code>priceAbove</code>"));
        assert!(is_known_filter("priceAbove") && is_known_filter("stkTypes"));
        assert!(!is_known_filter("price"));
    }
}
