//! What TWS reports about an account, computed from the paper broker's state
//! ([`Broker`]) and the sim's prices ([`market_price`]): account values (keys and
//! currencies as TWS sends them), portfolio lines, PnL. Read-only: nothing
//! here changes the broker.

use std::collections::BTreeMap;

use crate::model::{Contract, Decimal, UNSET_DOUBLE};
use crate::sim::broker::{decimal_to_f64, Account, Broker, Position};
use crate::sim::prices::market_price;

/// The base currency of every simulated account.
pub(crate) const BASE_CURRENCY: &str = "USD";

/// Fixed exchange rates to USD for the currencies the sim knows; 1.0 for others.
pub(crate) fn exchange_rate(currency: &str) -> f64 {
    match currency {
        "EUR" => 1.08,
        "GBP" => 1.27,
        "CHF" => 1.12,
        "CAD" => 0.73,
        "AUD" => 0.66,
        "JPY" => 0.0067,
        "HKD" => 0.128,
        _ => 1.0,
    }
}

/// A currency field as the broker keeps it (empty means USD).
fn currency_of(c: &Contract) -> &str {
    if c.currency.is_empty() {
        BASE_CURRENCY
    } else {
        &c.currency
    }
}

pub(crate) use crate::sim::universe::complete as full_contract;

/// The contract's multiplier (1 when none).
pub(crate) fn multiplier(c: &Contract) -> f64 {
    c.multiplier.parse::<f64>().unwrap_or(1.0).max(1.0)
}

/// Initial and maintenance margin rates by security type and side
/// (Reg T for stocks; simplified for the rest).
fn margin_rates(sec_type: &str, short: bool) -> (f64, f64) {
    match (sec_type, short) {
        ("STK", false) | ("ETF", false) => (0.5, 0.25),
        ("STK", true) | ("ETF", true) => (0.5, 0.3),
        ("OPT", false) | ("FOP", false) => (0.0, 0.0),
        ("OPT", true) | ("FOP", true) => (0.25, 0.2),
        ("FUT", _) => (0.12, 0.1),
        ("CASH", _) => (0.03, 0.025),
        _ => (0.5, 0.25),
    }
}

/// One position valued at the sim's price.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PositionValue {
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub quantity: Decimal,
    /// Price per unit.
    pub market_price: f64,
    /// Quantity × price × multiplier, in the contract's currency.
    pub market_value: f64,
    /// Average cost per unit, multiplier and commissions included.
    pub avg_cost: f64,
    /// Market value less cost of what is held.
    pub unrealized_pnl: f64,
    /// PnL realized by closing trades.
    pub realized_pnl: f64,
}

impl PositionValue {
    /// Values `p` of `account` at `secs`.
    pub(crate) fn of(account: &str, p: &Position, secs: f64) -> PositionValue {
        let qty = decimal_to_f64(p.quantity);
        let contract = full_contract(&p.contract);
        let market_price = market_price(&p.contract, secs);
        let market_value = round2(qty * market_price * multiplier(&p.contract));
        let unrealized_pnl = if qty == 0.0 {
            0.0
        } else {
            round2(market_value - qty * p.avg_cost)
        };
        PositionValue {
            account: account.to_owned(),
            contract,
            quantity: p.quantity,
            market_price,
            market_value,
            avg_cost: p.avg_cost,
            unrealized_pnl,
            realized_pnl: round2(p.realized_pnl),
        }
    }
}

/// Rounds money to the cent, as TWS reports it.
pub(crate) fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Money as TWS writes account values: two decimals.
pub(crate) fn money(v: f64) -> String {
    format!("{:.2}", round2(v))
}

/// One account value: key, value, currency (as `updateAccountValue` has them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AccountValue {
    /// The key.
    pub key: String,
    /// The value, as text.
    pub value: String,
    /// The currency, `BASE`, or empty.
    pub currency: String,
}

/// An account's state as TWS reports it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AccountView {
    /// The account.
    pub account: String,
    /// Every account value, sorted by key then currency (TWS sends them in that order).
    pub values: Vec<AccountValue>,
    /// Every position (flat ones included), by conId.
    pub positions: Vec<PositionValue>,
    /// Total unrealized PnL, base currency.
    pub unrealized_pnl: f64,
    /// Total realized PnL, base currency.
    pub realized_pnl: f64,
}

impl AccountView {
    /// The value of `key` in `currency`, if the account has it.
    pub(crate) fn value(&self, key: &str, currency: &str) -> Option<&AccountValue> {
        self.values
            .iter()
            .find(|v| v.key == key && v.currency == currency)
    }

    /// The values of `key`, in every currency.
    pub(crate) fn values_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a AccountValue> {
        self.values.iter().filter(move |v| v.key == key)
    }
}

/// Per-currency ledger keys (sent with each currency and with `BASE`).
pub(crate) const LEDGER_KEYS: &[&str] = &[
    "AccountOrGroup",
    "AccruedCash",
    "CashBalance",
    "CorporateBondValue",
    "ExchangeRate",
    "FundValue",
    "FutureOptionValue",
    "FuturesPNL",
    "FxCashBalance",
    "IssuerOptionValue",
    "MoneyMarketFundValue",
    "MutualFundValue",
    "NetDividend",
    "NetLiquidationByCurrency",
    "OptionMarketValue",
    "RealCurrency",
    "RealizedPnL",
    "StockMarketValue",
    "TBillValue",
    "TBondValue",
    "TotalCashBalance",
    "UnrealizedPnL",
    "WarrantValue",
];

/// Builds the view of `name` at `secs`, or `None` for an account the broker
/// does not have.
pub(crate) fn account_view(broker: &Broker, name: &str, secs: f64) -> Option<AccountView> {
    broker.accounts.get(name).map(|a| view_of(name, a, secs))
}

/// A currency's ledger.
#[derive(Debug, Default, Clone, Copy)]
struct Ledger {
    cash: f64,
    stock: f64,
    option: f64,
    future_option: f64,
    unrealized: f64,
    realized: f64,
}

fn view_of(name: &str, a: &Account, secs: f64) -> AccountView {
    let positions: Vec<PositionValue> = a
        .positions
        .values()
        .map(|p| PositionValue::of(name, p, secs))
        .collect();
    let mut ledgers: BTreeMap<String, Ledger> = BTreeMap::new();
    ledgers.entry(BASE_CURRENCY.to_owned()).or_default();
    for (ccy, cash) in &a.cash {
        ledgers.entry(ccy.clone()).or_default().cash += cash;
    }
    let (mut gross, mut init, mut maint) = (0.0, 0.0, 0.0);
    for p in &positions {
        let ccy = currency_of(&p.contract).to_owned();
        let rate = exchange_rate(&ccy);
        let l = ledgers.entry(ccy).or_default();
        match p.contract.sec_type.as_str() {
            "OPT" => l.option += p.market_value,
            "FOP" => l.future_option += p.market_value,
            _ => l.stock += p.market_value,
        }
        l.unrealized += p.unrealized_pnl;
        l.realized += p.realized_pnl;
        let value = (p.market_value * rate).abs();
        let short = decimal_to_f64(p.quantity) < 0.0;
        let (i, m) = margin_rates(&p.contract.sec_type, short);
        gross += value;
        init += value * i;
        maint += value * m;
    }
    let mut base = Ledger::default();
    for (ccy, l) in &ledgers {
        let r = exchange_rate(ccy);
        base.cash += l.cash * r;
        base.stock += l.stock * r;
        base.option += l.option * r;
        base.future_option += l.future_option * r;
        base.unrealized += l.unrealized * r;
        base.realized += l.realized * r;
    }
    let net_liq = base.cash + base.stock + base.option + base.future_option;
    let available = net_liq - init;
    let excess = net_liq - maint;
    let cushion = if net_liq != 0.0 {
        excess / net_liq
    } else {
        0.0
    };
    let leverage = if net_liq != 0.0 { gross / net_liq } else { 0.0 };

    let mut values: Vec<AccountValue> = Vec::new();
    let mut put = |key: &str, value: String, currency: &str| {
        values.push(AccountValue {
            key: key.to_owned(),
            value,
            currency: currency.to_owned(),
        })
    };
    put("AccountCode", name.to_owned(), "");
    put("AccountReady", "true".into(), "");
    put("AccountType", "INDIVIDUAL".into(), "");
    put("Cushion", format!("{cushion:.6}"), "");
    put("DayTradesRemaining", "-1".into(), "");
    put("HighestSeverity", "0".into(), "");
    put("Leverage-S", format!("{leverage:.2}"), "");
    put("LookAheadNextChange", "0".into(), "");
    put("NLVAndMarginInReview", "false".into(), "");
    for (key, v) in [
        ("AvailableFunds", available),
        ("BuyingPower", available.max(0.0) * 4.0),
        ("EquityWithLoanValue", net_liq),
        ("ExcessLiquidity", excess),
        ("FullAvailableFunds", available),
        ("FullExcessLiquidity", excess),
        ("FullInitMarginReq", init),
        ("FullMaintMarginReq", maint),
        ("GrossPositionValue", gross),
        ("InitMarginReq", init),
        ("LookAheadAvailableFunds", available),
        ("LookAheadExcessLiquidity", excess),
        ("LookAheadInitMarginReq", init),
        ("LookAheadMaintMarginReq", maint),
        ("MaintMarginReq", maint),
        ("NetLiquidation", net_liq),
        ("PreviousDayEquityWithLoanValue", net_liq),
        ("RegTEquity", net_liq),
        ("RegTMargin", init),
        ("SMA", (net_liq - init).max(0.0)),
        ("SettledCash", base.cash),
        ("TotalCashValue", base.cash),
    ] {
        put(key, money(v), BASE_CURRENCY);
    }
    let mut ledger = |currency: &str, real: &str, l: &Ledger, rate: f64| {
        let net = l.cash + l.stock + l.option + l.future_option;
        for key in LEDGER_KEYS {
            let value = match *key {
                "AccountOrGroup" => name.to_owned(),
                "RealCurrency" => real.to_owned(),
                "ExchangeRate" => format!("{rate:.2}"),
                "CashBalance" | "TotalCashBalance" => money(l.cash),
                "StockMarketValue" => money(l.stock),
                "OptionMarketValue" => money(l.option),
                "FutureOptionValue" => money(l.future_option),
                "NetLiquidationByCurrency" => money(net),
                "UnrealizedPnL" => money(l.unrealized),
                "RealizedPnL" => money(l.realized),
                _ => money(0.0),
            };
            put(key, value, currency);
        }
    };
    ledger("BASE", BASE_CURRENCY, &base, 1.0);
    for (ccy, l) in &ledgers {
        ledger(ccy, ccy, l, exchange_rate(ccy));
    }
    values.sort_by(|a, b| (&a.key, &a.currency).cmp(&(&b.key, &b.currency)));
    AccountView {
        account: name.to_owned(),
        values,
        positions,
        unrealized_pnl: round2(base.unrealized),
        realized_pnl: round2(base.realized),
    }
}

/// What `accountSummary` sends for `tag` of `view`: `(tag, value, currency)`
/// rows; `$LEDGER`, `$LEDGER:ALL` and `$LEDGER:<currency>` expand to the
/// ledger keys. Unknown tags give nothing.
pub(crate) fn summary_rows(view: &AccountView, tag: &str) -> Vec<(String, String, String)> {
    let row = |v: &AccountValue| (v.key.clone(), v.value.clone(), v.currency.clone());
    let ledger = |ccy: &str| -> Vec<(String, String, String)> {
        LEDGER_KEYS
            .iter()
            .filter_map(|k| view.value(k, ccy))
            .map(row)
            .collect()
    };
    match tag {
        "$LEDGER" => ledger("BASE"),
        "$LEDGER:ALL" => {
            let mut currencies: Vec<&str> = view
                .values_of("CashBalance")
                .map(|v| v.currency.as_str())
                .collect();
            currencies.sort_by_key(|c| *c != "BASE");
            currencies.into_iter().flat_map(ledger).collect()
        }
        t if t.starts_with("$LEDGER:") => ledger(&t["$LEDGER:".len()..]),
        "AccountType"
        | "Cushion"
        | "DayTradesRemaining"
        | "HighestSeverity"
        | "LookAheadNextChange" => view
            .value(tag, "")
            .map(|v| vec![row(v)])
            .unwrap_or_default(),
        "Leverage" => view
            .value("Leverage-S", "")
            .map(|v| vec![(tag.to_owned(), v.value.clone(), String::new())])
            .unwrap_or_default(),
        // The official AccountSummaryTags spells these with a q.
        "ReqTEquity" | "ReqTMargin" => {
            let key = tag.replace("ReqT", "RegT");
            view.value(&key, BASE_CURRENCY)
                .map(|v| vec![(tag.to_owned(), v.value.clone(), v.currency.clone())])
                .unwrap_or_default()
        }
        _ => view
            .value(tag, BASE_CURRENCY)
            .map(|v| vec![row(v)])
            .unwrap_or_default(),
    }
}

/// The PnL of one position for `pnlSingle`: `(pos, daily, unrealized,
/// realized, value)`. A contract the account never held has no PnL: TWS's
/// unset value in every field but the position.
pub(crate) fn pnl_single(view: &AccountView, con_id: i32) -> (Decimal, f64, f64, f64, f64) {
    match view.positions.iter().find(|p| p.contract.con_id == con_id) {
        Some(p) => (
            p.quantity,
            round2(p.unrealized_pnl + p.realized_pnl),
            p.unrealized_pnl,
            p.realized_pnl,
            p.market_value,
        ),
        None => (
            Decimal::ZERO,
            UNSET_DOUBLE,
            UNSET_DOUBLE,
            UNSET_DOUBLE,
            UNSET_DOUBLE,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::broker::STARTING_CASH;

    fn aapl() -> Contract {
        Contract {
            con_id: 265598,
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        }
    }

    fn val(view: &AccountView, key: &str, ccy: &str) -> f64 {
        view.value(key, ccy)
            .and_then(|v| v.value.parse().ok())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn contracts_are_completed_from_the_universe() {
        let bare = Contract {
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        };
        let full = full_contract(&bare);
        assert_eq!(full.con_id, 265598);
        assert!(!full.primary_exchange.is_empty());
        let unknown = Contract {
            symbol: "NOSUCH".into(),
            ..bare
        };
        assert_eq!(full_contract(&unknown), unknown);
    }

    #[test]
    fn a_fresh_account_is_all_cash() {
        let b = Broker::new(&["DU1".to_owned()]);
        let v = account_view(&b, "DU1", 1_800_000_000.0).unwrap();
        assert_eq!(val(&v, "NetLiquidation", "USD"), STARTING_CASH);
        assert_eq!(val(&v, "TotalCashValue", "USD"), STARTING_CASH);
        assert_eq!(val(&v, "CashBalance", "BASE"), STARTING_CASH);
        assert_eq!(val(&v, "CashBalance", "USD"), STARTING_CASH);
        assert_eq!(val(&v, "GrossPositionValue", "USD"), 0.0);
        assert_eq!(val(&v, "BuyingPower", "USD"), 4.0 * STARTING_CASH);
        assert_eq!(v.value("AccountCode", "").unwrap().value, "DU1");
        assert!(v.positions.is_empty());
        // Sorted by key, then currency.
        let keys: Vec<(&str, &str)> = v
            .values
            .iter()
            .map(|x| (x.key.as_str(), x.currency.as_str()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(account_view(&b, "DU2", 0.0).is_none());
    }

    #[test]
    fn values_follow_fills_and_prices() {
        let secs = 1_800_000_000.0;
        let price = crate::sim::universe::price_at("AAPL", secs);
        let mut b = Broker::new(&["DU1".to_owned()]);
        b.apply_fill("DU1", &aapl(), Decimal::from(100), 200.0, 1.0);
        let v = account_view(&b, "DU1", secs).unwrap();
        let mv = round2(100.0 * price);
        assert_eq!(v.positions.len(), 1);
        let p = &v.positions[0];
        assert_eq!(p.market_value, mv);
        assert_eq!(p.market_price, price);
        assert_eq!(p.unrealized_pnl, round2(mv - 20001.0));
        let cash = STARTING_CASH - 20001.0;
        assert_eq!(val(&v, "TotalCashValue", "USD"), cash);
        assert_eq!(val(&v, "StockMarketValue", "BASE"), mv);
        assert_eq!(val(&v, "NetLiquidation", "USD"), round2(cash + mv));
        assert_eq!(val(&v, "GrossPositionValue", "USD"), mv);
        assert_eq!(val(&v, "InitMarginReq", "USD"), round2(mv * 0.5));
        assert_eq!(val(&v, "MaintMarginReq", "USD"), round2(mv * 0.25));
        assert_eq!(
            val(&v, "AvailableFunds", "USD"),
            round2(cash + mv - mv * 0.5)
        );
        assert_eq!(val(&v, "UnrealizedPnL", "BASE"), p.unrealized_pnl);
        let (pos, daily, unrealized, realized, value) = pnl_single(&v, 265598);
        assert_eq!(pos, Decimal::from(100));
        assert_eq!((unrealized, realized, value), (p.unrealized_pnl, 0.0, mv));
        assert_eq!(daily, p.unrealized_pnl);

        // Sell at 210: realized = 1000 less both commissions.
        b.apply_fill("DU1", &aapl(), Decimal::from(-100), 210.0, 1.0);
        let v = account_view(&b, "DU1", secs).unwrap();
        assert_eq!(v.realized_pnl, 998.0);
        assert_eq!(val(&v, "RealizedPnL", "USD"), 998.0);
        assert_eq!(val(&v, "NetLiquidation", "USD"), STARTING_CASH + 998.0);
        let (pos, _, unrealized, realized, value) = pnl_single(&v, 265598);
        assert_eq!(
            (pos, unrealized, realized, value),
            (Decimal::ZERO, 0.0, 998.0, 0.0)
        );
        let (_, daily, ..) = pnl_single(&v, 8314);
        assert_eq!(daily, UNSET_DOUBLE);
    }

    #[test]
    fn summary_rows_and_ledgers() {
        let mut b = Broker::new(&["DU1".to_owned()]);
        let eur = Contract {
            con_id: 1,
            symbol: "SAP".into(),
            sec_type: "STK".into(),
            currency: "EUR".into(),
            ..Contract::default()
        };
        b.apply_fill("DU1", &eur, Decimal::from(10), 100.0, 0.0);
        let v = account_view(&b, "DU1", 0.0).unwrap();
        let nl = summary_rows(&v, "NetLiquidation");
        assert_eq!(nl.len(), 1);
        assert_eq!(nl[0].2, "USD");
        assert_eq!(summary_rows(&v, "AccountType")[0].1, "INDIVIDUAL");
        assert_eq!(summary_rows(&v, "AccountType")[0].2, "");
        assert_eq!(summary_rows(&v, "ReqTEquity")[0].0, "ReqTEquity");
        let base = summary_rows(&v, "$LEDGER");
        assert_eq!(base.len(), LEDGER_KEYS.len());
        assert!(base.iter().all(|r| r.2 == "BASE"));
        let all = summary_rows(&v, "$LEDGER:ALL");
        assert_eq!(all.len(), 3 * LEDGER_KEYS.len());
        assert_eq!(all[0].2, "BASE");
        let eur_rows = summary_rows(&v, "$LEDGER:EUR");
        let cash = eur_rows.iter().find(|r| r.0 == "CashBalance").unwrap();
        assert_eq!(cash.1, "-1000.00");
        assert!(summary_rows(&v, "NoSuchTag").is_empty());
    }
}
