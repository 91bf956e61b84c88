//! The sim's built-in universe of instruments, and their prices.
//!
//! Real instruments with their real contract ids where they are stable (AAPL
//! 265598, IBM 8314, MSFT 272093, SPY 756733, EUR.USD 12087792, SPX 416904),
//! each with the [`ContractDetails`] TWS fills for it: market name, minimum
//! tick, order types, valid exchanges with one market rule id each, trading
//! and liquid hours in the instrument's time zone, long name, industry,
//! ISIN, size rules. Dated instruments are generated from today's date, as
//! TWS lists them: the next two quarterly ES futures on CME, and an SPY option
//! chain (the next three monthly expiries × seven strikes around the price ×
//! calls and puts). Their contract ids are derived from the expiry, strike and
//! right (stable for a given contract, not IB's). The IBM bond is
//! illustrative (its CUSIP and ISIN carry valid check digits).
//!
//! Every domain asks [`price_at`] for "the current price", so fills, bars,
//! depth and option models agree with each other, and resolves the
//! contracts it is given here: [`lookup`] (the instruments a description
//! matches, as TWS matches them), [`complete`] (the contract as TWS
//! completes it), [`right_of`]. [`SCAN_UNIVERSE`] is the wider list of
//! stocks that scanner, news and fundamentals write about.

use super::time::{
    civil_from_days, days_from_civil, format_day, is_trading_day, now_secs, weekday,
};
use crate::model::{Contract, ContractDetails, Decimal, TagValue, UNSET_DOUBLE};

/// Reference prices of the universe's underlyings (a plausible level, not a quote).
const REFERENCE_PRICES: &[(&str, f64)] = &[
    ("AAPL", 232.50),
    ("IBM", 225.40),
    ("MSFT", 415.30),
    ("SPY", 590.20),
    ("EUR", 1.0850),
    ("ES", 5920.25),
    ("SPX", 5905.10),
];

/// A plausible starting price: the reference price of a universe symbol
/// (AAPL 232.50, SPY 590.20, EUR 1.085, …), otherwise one derived from the
/// symbol, 20.00–419.99.
pub(crate) fn base_price(symbol: &str) -> f64 {
    if let Some((_, p)) = REFERENCE_PRICES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(symbol))
    {
        return *p;
    }
    let h = symbol
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    20.0 + (h % 40_000) as f64 / 100.0
}

/// The sim's price of `symbol` at `secs` (seconds since the epoch): its
/// [`base_price`] moved by a deterministic walk of a few percent (a sum of
/// slow and fast waves with a phase from the symbol), rounded to the cent
/// (to 0.00005 below 10, as currencies are quoted).
/// Every domain that needs "the current price" (fills, bars, depth, option
/// models) asks here, so they agree with each other.
pub(crate) fn price_at(symbol: &str, secs: f64) -> f64 {
    let base = base_price(symbol);
    let phase = (base * 100.0) % std::f64::consts::TAU;
    let wave = 0.02 * (secs / 600.0 + phase).sin()
        + 0.005 * (secs / 37.0 + 2.0 * phase).sin()
        + 0.002 * (secs / 7.0 + 3.0 * phase).sin();
    let step = if base < 10.0 { 20_000.0 } else { 100.0 };
    ((base * (1.0 + wave)) * step).round() / step
}

// ---------------------------------------------------------------------------
// Dates (the calendar itself is `time`'s).

/// The third Friday of a month, as a day number.
fn third_friday(y: i64, m: i64) -> i64 {
    let first = days_from_civil(y, m, 1);
    let to_friday = (4 - weekday(first)).rem_euclid(7);
    first + to_friday + 14
}

/// The next `n` third Fridays after `today` in the months `months` accepts.
fn next_expiries(today: i64, n: usize, months: impl Fn(i64) -> bool) -> Vec<i64> {
    let (mut y, mut m, _) = civil_from_days(today);
    let mut out = Vec::new();
    while out.len() < n {
        let day = third_friday(y, m);
        if months(m) && day > today {
            out.push(day);
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

/// Today's day number (UTC).
fn today() -> i64 {
    now_secs().div_euclid(86_400)
}

/// A week of sessions from `today` as TWS formats them:
/// `20261130:0930-20261130:1600;20261129:CLOSED;…`. `open`/`close` are
/// `HHMM`; with `overnight` a session opens the evening before its day.
fn sessions(today: i64, open: &str, close: &str, overnight: bool) -> String {
    (today..today + 7)
        .map(|day| {
            if !is_trading_day(day) {
                format!("{}:CLOSED", format_day(day))
            } else if overnight {
                format!("{}:{open}-{}:{close}", format_day(day - 1), format_day(day))
            } else {
                format!("{}:{open}-{}:{close}", format_day(day), format_day(day))
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

// ---------------------------------------------------------------------------
// Security identifiers with their check digits.

/// The CUSIP check digit of an 8-character base.
fn cusip_check(base: &str) -> char {
    let sum: u32 = base
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let v = match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                '*' => 36,
                '@' => 37,
                _ => 38,
            };
            let v = if i % 2 == 1 { v * 2 } else { v };
            v / 10 + v % 10
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap_or('0')
}

/// The ISIN check digit of an 11-character base (country code + national id).
fn isin_check(base: &str) -> char {
    let digits: Vec<u32> = base
        .chars()
        .flat_map(|c| {
            let v = c.to_digit(36).unwrap_or(0);
            if v >= 10 {
                vec![v / 10, v % 10]
            } else {
                vec![v]
            }
        })
        .collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                x / 10 + x % 10
            } else {
                d
            }
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap_or('0')
}

// ---------------------------------------------------------------------------
// The instruments.

const STOCK_ORDER_TYPES: &str = "ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AON,AVGCOST,BASKET,BENCHPX,CASHQTY,COND,CONDORDER,DARKONLY,DARKPOLL,DAY,DEACT,DEACTDIS,DEACTEOD,DIS,DUR,GAT,GTC,GTD,GTT,HID,IBKRATS,ICE,IMB,IOC,LIT,LMT,LOC,MIDPX,MIT,MKT,MOC,MTL,NGCOMB,NODARK,NONALGO,OCA,OPG,OPGREROUT,PEGBENCH,PEGMID,POSTATS,POSTONLY,PREOPGRTH,PRICECHK,REL,REL2MID,RELPCTOFS,RPI,RTH,SCALE,SCALEODD,SCALERST,SIZECHK,SMARTSTG,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,SWEEP,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF";
const OPTION_ORDER_TYPES: &str = "ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,DIS,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,OPENCLOSE,PEGMIDVOL,PEGMKTVOL,PEGPRMVOL,PEGSRFVOL,POSTONLY,PRICECHK,REL,RELPCTOFS,RELSTK,SCALE,SCALERST,SIZECHK,SMARTSTG,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,VOLAT,WHATIF";
const FUTURE_ORDER_TYPES: &str = "ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,ICE,IOC,LIT,LMT,LTH,MIT,MKT,MTL,NGCOMB,NONALGO,OCA,PEGBENCH,SCALE,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF";
const FOREX_ORDER_TYPES: &str = "ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AVGCOST,BASKET,CASHQTY,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,HID,IOC,LIT,LMT,MIT,MKT,NONALGO,OCA,REL,RELPCTOFS,SCALE,SCALERST,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF";
const BOND_ORDER_TYPES: &str = "ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,IOC,LIT,LMT,MIT,NONALGO,OCA,SCALE,SCALERST,STP,STPLMT,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF";

/// US stock exchanges, each with its market rule (26: one cent throughout).
const STOCK_EXCHANGES: &[&str] = &[
    "SMART",
    "AMEX",
    "NYSE",
    "CBOE",
    "PHLX",
    "ISE",
    "CHX",
    "ARCA",
    "ISLAND",
    "DRCTEDGE",
    "BEX",
    "BATS",
    "EDGEA",
    "BYX",
    "IEX",
    "EDGX",
    "FOXRIVER",
    "PEARL",
    "NYSENAT",
    "LTSE",
    "MEMX",
    "IBEOS",
    "OVERNIGHT",
    "TPLUS0",
    "PSX",
];
/// US option exchanges, with their rules (32 on SMART, 109 elsewhere).
const OPTION_EXCHANGES: &[&str] = &[
    "SMART", "AMEX", "CBOE", "PHLX", "PSE", "ISE", "BOX", "BATS", "NASDAQOM", "CBOE2", "NASDAQBX",
    "MIAX", "GEMINI", "EDGX", "MERCURY", "PEARL", "EMERALD", "MEMX", "IBUSOPT",
];

/// The valid exchanges of an instrument and one rule id per exchange.
fn exchanges(list: &[&str], rule: impl Fn(&str) -> i32) -> (String, String) {
    let rules: Vec<String> = list.iter().map(|e| rule(e).to_string()).collect();
    (list.join(","), rules.join(","))
}

/// The fields every US stock shares.
#[allow(clippy::too_many_arguments)]
fn us_stock(
    con_id: i32,
    symbol: &str,
    primary: &str,
    trading_class: &str,
    long_name: &str,
    (industry, category, subcategory): (&str, &str, &str),
    stock_type: &str,
    isin_base: &str,
    today: i64,
) -> ContractDetails {
    let mut d = ContractDetails::default();
    let c = &mut d.contract;
    c.con_id = con_id;
    c.symbol = symbol.into();
    c.sec_type = "STK".into();
    c.strike = 0.0;
    c.exchange = "SMART".into();
    c.primary_exchange = primary.into();
    c.currency = "USD".into();
    c.local_symbol = symbol.into();
    c.trading_class = trading_class.into();
    d.market_name = trading_class.into();
    d.min_tick = 0.01;
    d.order_types = STOCK_ORDER_TYPES.into();
    (d.valid_exchanges, d.market_rule_ids) = exchanges(STOCK_EXCHANGES, |_| 26);
    d.price_magnifier = 1;
    d.long_name = long_name.into();
    d.industry = industry.into();
    d.category = category.into();
    d.subcategory = subcategory.into();
    d.time_zone_id = "US/Eastern".into();
    d.trading_hours = sessions(today, "0400", "2000", false);
    d.liquid_hours = sessions(today, "0930", "1600", false);
    let isin = format!("{isin_base}{}", isin_check(isin_base));
    d.sec_id_list = vec![TagValue::new("ISIN", isin)];
    d.agg_group = 1;
    d.stock_type = stock_type.into();
    d.min_size = Decimal::new(1, 4);
    d.size_increment = Decimal::new(1, 4);
    d.suggested_size_increment = Decimal::from(100);
    d
}

/// The stocks, the ETF, the currency pair, the index and the bond.
fn fixed(today: i64) -> Vec<ContractDetails> {
    let mut out = vec![
        us_stock(
            265598,
            "AAPL",
            "NASDAQ",
            "NMS",
            "APPLE INC",
            ("Technology", "Computers", "Computers"),
            "COMMON",
            "US037833100",
            today,
        ),
        us_stock(
            8314,
            "IBM",
            "NYSE",
            "IBM",
            "INTL BUSINESS MACHINES CORP",
            ("Technology", "Computers", "Computer Services"),
            "COMMON",
            "US459200101",
            today,
        ),
        us_stock(
            272093,
            "MSFT",
            "NASDAQ",
            "NMS",
            "MICROSOFT CORP",
            ("Technology", "Software", "Software"),
            "COMMON",
            "US594918104",
            today,
        ),
        us_stock(
            756733,
            "SPY",
            "ARCA",
            "SPY",
            "SPDR S&P 500 ETF TRUST",
            ("Funds", "Equity Fund", "Large Cap"),
            "ETF",
            "US78462F103",
            today,
        ),
    ];

    // AAPL is also listed in Mexico: a symbol-only request finds both.
    let mut mx = out[0].clone();
    mx.contract.con_id = 38708077;
    mx.contract.exchange = "MEXI".into();
    mx.contract.primary_exchange = "MEXI".into();
    mx.contract.currency = "MXN".into();
    mx.contract.trading_class = "AAPL".into();
    mx.market_name = "AAPL".into();
    (mx.valid_exchanges, mx.market_rule_ids) = exchanges(&["MEXI"], |_| 1161);
    mx.order_types = "ACTIVETIM,AD,ADJUST,ALERT,ALLOC,AVGCOST,BASKET,COND,CONDORDER,DAY,DEACT,DEACTDIS,DEACTEOD,GAT,GTC,GTD,GTT,IOC,LMT,NONALGO,OCA,SCALE,SCALERST,WHATIF".into();
    mx.time_zone_id = "America/Mexico_City".into();
    mx.trading_hours = sessions(today, "0830", "1500", false);
    mx.liquid_hours = sessions(today, "0830", "1500", false);
    mx.agg_group = 2147483647;
    mx.min_size = Decimal::from(1);
    mx.size_increment = Decimal::from(1);
    mx.suggested_size_increment = Decimal::from(1);
    out.push(mx);

    let mut fx = ContractDetails::default();
    let c = &mut fx.contract;
    c.con_id = 12087792;
    c.symbol = "EUR".into();
    c.sec_type = "CASH".into();
    c.strike = 0.0;
    c.exchange = "IDEALPRO".into();
    c.currency = "USD".into();
    c.local_symbol = "EUR.USD".into();
    c.trading_class = "EUR.USD".into();
    fx.market_name = "EUR.USD".into();
    fx.min_tick = 0.00005;
    fx.order_types = FOREX_ORDER_TYPES.into();
    (fx.valid_exchanges, fx.market_rule_ids) = exchanges(&["IDEALPRO"], |_| 239);
    fx.price_magnifier = 1;
    fx.long_name = "European Monetary Union Euro".into();
    fx.time_zone_id = "US/Eastern".into();
    fx.trading_hours = sessions(today, "1715", "1700", true);
    fx.liquid_hours = sessions(today, "1715", "1700", true);
    fx.agg_group = 4;
    fx.min_size = Decimal::new(1, 2);
    fx.size_increment = Decimal::new(1, 2);
    fx.suggested_size_increment = Decimal::from(20000);
    out.push(fx);

    let mut spx = ContractDetails::default();
    let c = &mut spx.contract;
    c.con_id = 416904;
    c.symbol = "SPX".into();
    c.sec_type = "IND".into();
    c.strike = 0.0;
    c.exchange = "CBOE".into();
    c.currency = "USD".into();
    c.local_symbol = "SPX".into();
    c.trading_class = "SPX".into();
    spx.market_name = "SPX".into();
    spx.min_tick = 0.01;
    (spx.valid_exchanges, spx.market_rule_ids) = exchanges(&["CBOE"], |_| 110);
    spx.price_magnifier = 1;
    spx.long_name = "S&P 500 Stock Index".into();
    spx.time_zone_id = "US/Central".into();
    spx.trading_hours = sessions(today, "0830", "1500", false);
    spx.liquid_hours = sessions(today, "0830", "1500", false);
    spx.agg_group = 2147483647;
    out.push(spx);

    // An IBM corporate bond (answered with bondContractDetails).
    let cusip_base = "459200KB";
    let cusip = format!("{cusip_base}{}", cusip_check(cusip_base));
    let isin_base = format!("US{cusip}");
    let isin = format!("{isin_base}{}", isin_check(&isin_base));
    let mut bond = ContractDetails::default();
    let c = &mut bond.contract;
    c.con_id = 642_384_031;
    c.symbol = "IBM".into();
    c.sec_type = "BOND".into();
    c.exchange = "SMART".into();
    c.currency = "USD".into();
    c.local_symbol = format!("IBM 4.15 05/15/39 {cusip}");
    c.trading_class = "IBM".into();
    bond.cusip = cusip.clone();
    bond.coupon = 4.15;
    bond.maturity = "20390515".into();
    bond.issue_date = "20190515".into();
    bond.ratings = "A3/A-".into();
    bond.bond_type = "CORP".into();
    bond.coupon_type = "FIXED".into();
    bond.callable = true;
    bond.desc_append = "IBM 4.15 05/15/39".into();
    bond.market_name = "IBM".into();
    bond.min_tick = 0.001;
    bond.order_types = BOND_ORDER_TYPES.into();
    (bond.valid_exchanges, bond.market_rule_ids) = exchanges(&["SMART", "BONDDESK"], |_| 635);
    bond.notes = "Callable at par 3 months before maturity".into();
    bond.long_name = "International Business Machines Corp".into();
    bond.time_zone_id = "US/Eastern".into();
    bond.trading_hours = sessions(today, "0800", "1700", false);
    bond.liquid_hours = sessions(today, "0800", "1700", false);
    bond.sec_id_list = vec![TagValue::new("CUSIP", cusip), TagValue::new("ISIN", isin)];
    bond.agg_group = 2147483647;
    bond.min_size = Decimal::from(2000);
    bond.size_increment = Decimal::from(1000);
    bond.suggested_size_increment = Decimal::from(1000);
    out.push(bond);
    out
}

/// The month letter of a futures local symbol.
fn month_code(m: i64) -> char {
    b"FGHJKMNQUVXZ"[((m - 1).clamp(0, 11)) as usize] as char
}

/// The next two quarterly ES futures.
fn futures(today: i64) -> Vec<ContractDetails> {
    next_expiries(today, 2, |m| m % 3 == 0)
        .into_iter()
        .map(|day| {
            let (y, m, _) = civil_from_days(day);
            let mut d = ContractDetails::default();
            let c = &mut d.contract;
            c.con_id = 600_000_000 + (day % 100_000) as i32;
            c.symbol = "ES".into();
            c.sec_type = "FUT".into();
            c.last_trade_date_or_contract_month = format_day(day);
            c.last_trade_date = format_day(day);
            c.strike = 0.0;
            c.multiplier = "50".into();
            c.exchange = "CME".into();
            c.currency = "USD".into();
            c.local_symbol = format!("ES{}{}", month_code(m), y % 10);
            c.trading_class = "ES".into();
            d.market_name = "ES".into();
            d.min_tick = 0.25;
            d.order_types = FUTURE_ORDER_TYPES.into();
            (d.valid_exchanges, d.market_rule_ids) = exchanges(&["CME", "QBALGO"], |_| 67);
            d.price_magnifier = 1;
            d.under_con_id = 11004968;
            d.long_name = "E-mini S&P 500".into();
            d.contract_month = format!("{y:04}{m:02}");
            d.time_zone_id = "US/Central".into();
            d.trading_hours = sessions(today, "1700", "1600", true);
            d.liquid_hours = sessions(today, "0830", "1500", false);
            d.agg_group = 2;
            d.under_symbol = "ES".into();
            d.under_sec_type = "IND".into();
            d.real_expiration_date = format_day(day);
            d.last_trade_time = "08:30".into();
            d.min_size = Decimal::from(1);
            d.size_increment = Decimal::from(1);
            d.suggested_size_increment = Decimal::from(1);
            d
        })
        .collect()
}

/// The SPY chain's expiries (day numbers) and strikes.
pub(crate) fn spy_chain() -> (Vec<String>, Vec<f64>) {
    let (days, strikes) = chain_params(today());
    (days.into_iter().map(format_day).collect(), strikes)
}

fn chain_params(today: i64) -> (Vec<i64>, Vec<f64>) {
    let expiries = next_expiries(today, 3, |_| true);
    let center = (base_price("SPY") / 5.0).round() * 5.0;
    let strikes = (-3..=3).map(|k| center + 5.0 * k as f64).collect();
    (expiries, strikes)
}

/// The SPY options: three monthly expiries × seven strikes × call and put.
fn spy_options(today: i64) -> Vec<ContractDetails> {
    let (expiries, strikes) = chain_params(today);
    let (valid, rules) = exchanges(OPTION_EXCHANGES, |e| if e == "SMART" { 32 } else { 109 });
    let mut out = Vec::new();
    for &day in &expiries {
        let (y, m, dd) = civil_from_days(day);
        for &strike in &strikes {
            for right in ["C", "P"] {
                let mut d = ContractDetails::default();
                let c = &mut d.contract;
                c.con_id = 700_000_000
                    + (day % 10_000) as i32 * 10_000
                    + strike as i32 * 2
                    + i32::from(right == "P");
                c.symbol = "SPY".into();
                c.sec_type = "OPT".into();
                c.last_trade_date_or_contract_month = format_day(day);
                c.last_trade_date = format_day(day);
                c.strike = strike;
                c.right = right.into();
                c.multiplier = "100".into();
                c.exchange = "SMART".into();
                c.currency = "USD".into();
                c.local_symbol = format!(
                    "SPY   {:02}{m:02}{dd:02}{right}{:08}",
                    y % 100,
                    (strike * 1000.0).round() as i64
                );
                c.trading_class = "SPY".into();
                d.market_name = "SPY".into();
                d.min_tick = 0.01;
                d.order_types = OPTION_ORDER_TYPES.into();
                d.valid_exchanges = valid.clone();
                d.market_rule_ids = rules.clone();
                d.price_magnifier = 1;
                d.under_con_id = 756733;
                d.long_name = "SPDR S&P 500 ETF TRUST".into();
                d.contract_month = format!("{y:04}{m:02}");
                d.industry = "Funds".into();
                d.category = "Equity Fund".into();
                d.subcategory = "Large Cap".into();
                d.time_zone_id = "US/Eastern".into();
                d.trading_hours = sessions(today, "0930", "1615", false);
                d.liquid_hours = sessions(today, "0930", "1615", false);
                d.agg_group = 2;
                d.under_symbol = "SPY".into();
                d.under_sec_type = "STK".into();
                d.real_expiration_date = format_day(day);
                d.last_trade_time = "16:00".into();
                d.min_size = Decimal::from(1);
                d.size_increment = Decimal::from(1);
                d.suggested_size_increment = Decimal::from(1);
                out.push(d);
            }
        }
    }
    out
}

/// Every instrument of the universe, as of today: built once a day and
/// shared (every contract lookup, order and position reads it).
pub(crate) fn instruments() -> std::sync::Arc<Vec<ContractDetails>> {
    use std::sync::Arc;
    /// The day the universe was built for, and the universe.
    type Daily = (i64, Arc<Vec<ContractDetails>>);
    static CACHE: parking_lot::Mutex<Option<Daily>> = parking_lot::const_mutex(None);
    let today = today();
    let mut cache = CACHE.lock();
    match &*cache {
        Some((day, all)) if *day == today => Arc::clone(all),
        _ => {
            let mut all = fixed(today);
            all.extend(futures(today));
            all.extend(spy_options(today));
            let all = Arc::new(all);
            *cache = Some((today, Arc::clone(&all)));
            all
        }
    }
}

// ---------------------------------------------------------------------------
// Contract resolution: what every domain asks of the universe.

/// Names as TWS compares them: without regard to case.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `C`/`CALL` and `P`/`PUT` are the same right: `C` or `P` (anything else as is).
pub(crate) fn right_of(r: &str) -> String {
    match r.to_ascii_uppercase().as_str() {
        "CALL" => "C".into(),
        "PUT" => "P".into(),
        other => other.to_owned(),
    }
}

/// Whether `d` answers the description `q`, as TWS matches: every field
/// given must agree; the exchange may be any of the valid exchanges.
fn matches(q: &Contract, d: &ContractDetails) -> bool {
    let c = &d.contract;
    if q.con_id > 0 {
        return q.con_id == c.con_id && (q.exchange.is_empty() || valid_on(d, &q.exchange));
    }
    if q.symbol.is_empty() && q.local_symbol.is_empty() && q.sec_id.is_empty() {
        return false;
    }
    let given = |f: &str| !f.is_empty();
    (!given(&q.symbol) || same(&q.symbol, &c.symbol))
        && (!given(&q.local_symbol) || same(&q.local_symbol, &c.local_symbol))
        && (!given(&q.sec_id)
            || d.sec_id_list.iter().any(|tv| {
                (q.sec_id_type.is_empty() || same(&q.sec_id_type, &tv.tag))
                    && same(&q.sec_id, &tv.value)
            }))
        && (!given(&q.sec_type) || same(&q.sec_type, &c.sec_type))
        && (!given(&q.exchange) || valid_on(d, &q.exchange))
        && (!given(&q.primary_exchange) || same(&q.primary_exchange, &c.primary_exchange))
        && (!given(&q.currency) || same(&q.currency, &c.currency))
        && (!given(&q.last_trade_date_or_contract_month)
            || c.last_trade_date_or_contract_month
                .starts_with(&q.last_trade_date_or_contract_month)
            || d.contract_month == q.last_trade_date_or_contract_month)
        && (q.strike == UNSET_DOUBLE || q.strike == 0.0 || (q.strike - c.strike).abs() < 1e-9)
        && (!given(&q.right) || right_of(&q.right) == c.right)
        && (!given(&q.multiplier) || q.multiplier == c.multiplier)
        && (!given(&q.trading_class) || same(&q.trading_class, &c.trading_class))
}

fn valid_on(d: &ContractDetails, exchange: &str) -> bool {
    same(&d.contract.exchange, exchange) || d.valid_exchanges.split(',').any(|e| same(e, exchange))
}

/// The instruments matching `q`, each with the exchange asked for (TWS
/// answers on the exchange of the request when the contract trades there).
pub(crate) fn lookup(q: &Contract) -> Vec<ContractDetails> {
    instruments()
        .iter()
        .filter(|d| matches(q, d))
        .cloned()
        .map(|mut d| {
            if !q.exchange.is_empty() && !same(&q.exchange, &d.contract.exchange) {
                d.contract.exchange = q.exchange.to_ascii_uppercase();
            }
            d
        })
        .collect()
}

/// The contract as TWS completes it (conId, primary exchange, local symbol,
/// trading class, …) when `c` names exactly one instrument of the universe;
/// `c` as it is otherwise. Orders are booked and positions reported with it.
pub(crate) fn complete(c: &Contract) -> Contract {
    let mut found = lookup(c).into_iter();
    match (found.next(), found.next()) {
        (Some(d), None) => d.contract,
        _ => c.clone(),
    }
}

/// The stocks and ETFs that scans choose from and that news and fundamentals
/// write about: symbol, contract id, primary exchange, is an ETF.
pub(crate) const SCAN_UNIVERSE: &[(&str, i32, &str, bool)] = &[
    ("AAPL", 265598, "NASDAQ", false),
    ("MSFT", 272093, "NASDAQ", false),
    ("IBM", 8314, "NYSE", false),
    ("AMZN", 3691937, "NASDAQ", false),
    ("NVDA", 4815747, "NASDAQ", false),
    ("TSLA", 76792991, "NASDAQ", false),
    ("GOOGL", 208813720, "NASDAQ", false),
    ("META", 107113386, "NASDAQ", false),
    ("INTC", 270639, "NASDAQ", false),
    ("AMD", 4391, "NASDAQ", false),
    ("NFLX", 15124833, "NASDAQ", false),
    ("CSCO", 268084, "NASDAQ", false),
    ("ORCL", 272800, "NYSE", false),
    ("KO", 8894, "NYSE", false),
    ("BA", 4762, "NYSE", false),
    ("DIS", 6459, "NYSE", false),
    ("JPM", 1520593, "NYSE", false),
    ("BAC", 10098, "NYSE", false),
    ("XOM", 13977, "NYSE", false),
    ("WMT", 13824, "NYSE", false),
    ("F", 9599491, "NYSE", false),
    ("T", 37018770, "NYSE", false),
    ("V", 49462172, "NYSE", false),
    ("SPY", 756733, "ARCA", true),
    ("QQQ", 320227571, "NASDAQ", true),
    ("IWM", 9579970, "ARCA", true),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(format_day(days_from_civil(2026, 11, 29)), "20261129");
        assert_eq!(weekday(days_from_civil(2026, 11, 29)), 6); // a Sunday
        assert_eq!(format_day(third_friday(2026, 12)), "20261218");
        assert_eq!(format_day(third_friday(2027, 1)), "20270115");
        let today = days_from_civil(2026, 11, 29);
        let q: Vec<String> = next_expiries(today, 2, |m| m % 3 == 0)
            .into_iter()
            .map(format_day)
            .collect();
        assert_eq!(q, ["20261218", "20270319"]);
        let s = sessions(today, "0930", "1600", false);
        assert!(s.starts_with("20261129:CLOSED;20261130:0930-20261130:1600;"));
        let o = sessions(today, "1700", "1600", true);
        assert!(o.contains("20261129:1700-20261130:1600"));
    }

    #[test]
    fn check_digits() {
        // Apple's ISIN and IBM's CUSIP, as published.
        assert_eq!(isin_check("US037833100"), '5');
        assert_eq!(isin_check("US459200101"), '4');
        assert_eq!(cusip_check("03783310"), '0');
        assert_eq!(cusip_check("45920010"), '1');
    }

    #[test]
    fn universe_is_consistent() {
        let all = instruments();
        let mut ids: Vec<i32> = all.iter().map(|d| d.contract.con_id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "contract ids are unique");
        for d in all.iter() {
            let exchanges = d.valid_exchanges.split(',').count();
            let rules = d.market_rule_ids.split(',').count();
            assert_eq!(exchanges, rules, "{}", d.contract.local_symbol);
        }
        assert_eq!(
            all.iter().filter(|d| d.contract.sec_type == "OPT").count(),
            42
        );
        let aapl = all.iter().find(|d| d.contract.con_id == 265598).unwrap();
        assert_eq!(aapl.sec_id_list[0].value, "US0378331005");
    }

    #[test]
    fn prices_of_universe_symbols_are_realistic() {
        assert_eq!(base_price("SPY"), 590.20);
        let eur = price_at("EUR", 1_800_000_000.0);
        assert!((1.0..1.2).contains(&eur));
        let other = price_at("ZZZZ", 1_800_000_000.0);
        assert!((19.0..430.0).contains(&other));
    }

    #[test]
    fn lookups() {
        let by_id = lookup(&Contract {
            con_id: 8314,
            ..Contract::default()
        });
        assert_eq!(by_id.len(), 1);
        assert_eq!(by_id[0].contract.symbol, "IBM");
        assert_eq!(lookup(&Contract::stock("AAPL", "SMART", "USD")).len(), 1);
        assert_eq!(lookup(&Contract::stock("AAPL", "", "")).len(), 2);
        let nasdaq = lookup(&Contract::stock("AAPL", "ISLAND", "USD"));
        assert_eq!(nasdaq[0].contract.exchange, "ISLAND");
        assert!(lookup(&Contract::stock("NOPE", "SMART", "USD")).is_empty());
        let ibm = lookup(&Contract {
            symbol: "IBM".into(),
            ..Contract::default()
        });
        assert_eq!(ibm.len(), 2);
        let (expiries, strikes) = spy_chain();
        let one = lookup(&Contract::option(
            "SPY",
            expiries[0].as_str(),
            strikes[3],
            "CALL",
            "SMART",
            "USD",
        ));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].contract.right, "C");
        let month = &expiries[1][..6];
        let all_strikes = lookup(&Contract::option(
            "SPY",
            month,
            UNSET_DOUBLE,
            "",
            "SMART",
            "USD",
        ));
        assert_eq!(all_strikes.len(), 14);
        assert_eq!(lookup(&Contract::future("ES", "", "CME", "USD")).len(), 2);
        assert_eq!(lookup(&Contract::forex("EUR", "USD")).len(), 1);
        let isin = lookup(&Contract {
            sec_id_type: "ISIN".into(),
            sec_id: "US0378331005".into(),
            currency: "USD".into(),
            ..Contract::default()
        });
        assert_eq!(isin.len(), 1);
    }
}
