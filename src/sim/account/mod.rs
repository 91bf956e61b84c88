//! The sim's account values, portfolio, positions, PnL, family codes,
//! soft-dollar tiers and FA, read from the paper broker.
//!
//! Every stream answers at once with everything it has and its end marker
//! (`accountDownloadEnd`, `accountSummaryEnd`, `positionEnd`,
//! `positionMultiEnd`, `accountUpdateMultiEnd`), also when there is nothing
//! to report, so a client's start-up sync never waits. Afterwards each
//! stream sends what changed: at once (within [`POLL`]) when the broker's
//! revision moves (a fill), and every
//! [`SimConfig::account_update_interval`](super::SimConfig::account_update_interval)
//! as prices move; PnL every [`PNL_INTERVAL`].

mod fa;
pub(crate) mod values;

use crate::messages::ids::AccountRequest;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use super::session::Session;
use super::time::now_secs;
use crate::errors::{FA_NOT_ADVISOR, NO_VALID_ID};
use crate::messages::account::{
    AccountDownloadEnd, AccountSummary, AccountSummaryEnd, AccountUpdateMulti,
    AccountUpdateMultiEnd, FamilyCodes, PnL, PnLSingle, PositionData, PositionEnd, PositionMulti,
    PositionMultiEnd, ReceiveFa, ReplaceFaEnd, ReqAccountSummary, ReqAccountUpdates,
    SoftDollarTiers, UpdateAccountTime, UpdateAccountValue, UpdatePortfolio,
};
use crate::model::{Contract, Decimal, FamilyCode, UNSET_DOUBLE};
use crate::server_versions::MIN_SERVER_VER_REPLACE_FA_END;
use values::{account_view, pnl_single, summary_rows, AccountView, PositionValue};

/// How often the streams look at the broker's revision.
pub(crate) const POLL: Duration = Duration::from_millis(200);
/// How often `pnl` and `pnlSingle` are sent (when they changed).
pub(crate) const PNL_INTERVAL: Duration = Duration::from_secs(1);

/// The `reqAccountUpdates` subscription.
#[derive(Debug)]
struct Updates {
    account: String,
    values: HashMap<(String, String), String>,
    portfolio: HashMap<i32, PositionValue>,
}

/// One `reqAccountSummary` subscription.
#[derive(Debug)]
struct Summary {
    accounts: Vec<String>,
    tags: Vec<String>,
    sent: HashMap<(String, String, String), String>,
}

/// What was last sent of a position: quantity and average cost.
type PositionKey = (String, i32);
type Sent = HashMap<PositionKey, (Decimal, u64)>;

/// One `reqPositionsMulti` subscription.
#[derive(Debug)]
struct PositionsMulti {
    accounts: Vec<String>,
    model_code: String,
    sent: Sent,
}

/// One `reqAccountUpdatesMulti` subscription.
#[derive(Debug)]
struct UpdatesMulti {
    accounts: Vec<String>,
    model_code: String,
    ledger_and_nlv: bool,
    sent: HashMap<(String, String, String), String>,
}

/// One `reqPnL` (con_id `None`) or `reqPnLSingle` subscription.
#[derive(Debug)]
struct PnlSub {
    account: String,
    con_id: Option<i32>,
    last: Option<[u64; 5]>,
}

/// A connection's state for this domain.
#[derive(Debug, Default)]
pub(crate) struct State {
    updates: Option<Updates>,
    summaries: BTreeMap<i32, Summary>,
    positions: Option<Sent>,
    positions_multi: BTreeMap<i32, PositionsMulti>,
    updates_multi: BTreeMap<i32, UpdatesMulti>,
    pnl: BTreeMap<i32, PnlSub>,
    /// The advisor configuration this connection has set with `replaceFA`.
    fa: fa::FaConfig,
    /// The broker revision the streams last reported.
    revision: u64,
    next_poll: Option<Instant>,
    next_refresh: Option<Instant>,
    next_pnl: Option<Instant>,
}

impl State {
    /// 1101: the account, position and PnL subscriptions are gone.
    pub(crate) fn data_lost(&mut self) {
        self.updates = None;
        self.summaries.clear();
        self.positions = None;
        self.positions_multi.clear();
        self.updates_multi.clear();
        self.pnl.clear();
    }
}

impl State {
    fn streaming(&self) -> bool {
        self.updates.is_some()
            || !self.summaries.is_empty()
            || self.positions.is_some()
            || !self.positions_multi.is_empty()
            || !self.updates_multi.is_empty()
            || !self.pnl.is_empty()
    }
}

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, req: AccountRequest) {
    let sv = s.sv;
    match req {
        AccountRequest::ReqAccountUpdates(m) => {
            req_account_updates(s, m);
        }
        AccountRequest::ReqAccountSummary(m) => {
            req_account_summary(s, m);
        }
        AccountRequest::CancelAccountSummary(m) => {
            s.account.summaries.remove(&m.req_id);
        }
        AccountRequest::ReqPositions(_) => {
            let mut sent = Sent::new();
            for view in views(s, &all_accounts(s)) {
                for p in &view.positions {
                    sent.insert(key_of(p), stamp(p));
                    s.send(&position(p));
                }
            }
            s.send(&PositionEnd);
            s.account.positions = Some(sent);
        }
        AccountRequest::CancelPositions(_) => {
            s.account.positions = None;
        }
        AccountRequest::ReqPositionsMulti(m) => {
            let mut sub = PositionsMulti {
                accounts: select(s, &m.account, &m.model_code),
                model_code: m.model_code,
                sent: Sent::new(),
            };
            send_positions_multi(s, m.req_id, &mut sub);
            s.send(&PositionMultiEnd { req_id: m.req_id });
            s.account.positions_multi.insert(m.req_id, sub);
        }
        AccountRequest::CancelPositionsMulti(m) => {
            s.account.positions_multi.remove(&m.req_id);
        }
        AccountRequest::ReqAccountUpdatesMulti(m) => {
            let mut sub = UpdatesMulti {
                accounts: select(s, &m.account, &m.model_code),
                model_code: m.model_code,
                ledger_and_nlv: m.ledger_and_nlv,
                sent: HashMap::new(),
            };
            send_updates_multi(s, m.req_id, &mut sub);
            s.send(&AccountUpdateMultiEnd { req_id: m.req_id });
            s.account.updates_multi.insert(m.req_id, sub);
        }
        AccountRequest::CancelAccountUpdatesMulti(m) => {
            s.account.updates_multi.remove(&m.req_id);
        }
        AccountRequest::ReqPnL(m) => {
            req_pnl(s, m.req_id, m.account, &m.model_code, None);
        }
        AccountRequest::CancelPnL(m) => {
            s.account.pnl.remove(&m.req_id);
        }
        AccountRequest::ReqPnLSingle(m) => {
            req_pnl(s, m.req_id, m.account, &m.model_code, Some(m.conid));
        }
        AccountRequest::CancelPnLSingle(m) => {
            s.account.pnl.remove(&m.req_id);
        }
        AccountRequest::ReqFamilyCodes(_) => {
            let family_codes = s
                .shared
                .config
                .accounts
                .iter()
                .map(|a| FamilyCode {
                    account_id: a.clone(),
                    family_code_str: String::new(),
                })
                .collect();
            s.send(&FamilyCodes { family_codes });
        }
        AccountRequest::ReqSoftDollarTiers(m) => {
            s.send(&SoftDollarTiers {
                req_id: m.req_id,
                tiers: Vec::new(),
            });
        }
        AccountRequest::RequestFa(m) => {
            if !s.shared.config.advisor {
                s.send_error(NO_VALID_ID, FA_NOT_ADVISOR.code, FA_NOT_ADVISOR.msg);
            } else {
                let cxml = s.account.fa.xml(m.fa_data, &s.shared.config.accounts);
                s.send(&ReceiveFa {
                    fa_data: m.fa_data,
                    cxml,
                });
            }
        }
        AccountRequest::ReplaceFa(m) => {
            let req_id = if sv >= MIN_SERVER_VER_REPLACE_FA_END {
                m.req_id
            } else {
                NO_VALID_ID
            };
            if !s.shared.config.advisor {
                s.send_error(req_id, FA_NOT_ADVISOR.code, FA_NOT_ADVISOR.msg);
            } else {
                let text = s.account.fa.replace(m.fa_data, m.cxml);
                if sv >= MIN_SERVER_VER_REPLACE_FA_END {
                    s.send(&ReplaceFaEnd { req_id, text });
                }
            }
        }
    }
    arm(s);
}

/// Sends what is due at `now`, and asks for the next turn with [`Session::wake_at`].
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    if !s.account.streaming() {
        s.account.next_poll = None;
        return;
    }
    let due = |at: Option<Instant>| at.is_none_or(|at| now >= at);
    if due(s.account.next_poll) {
        s.account.next_poll = Some(now + POLL);
        let revision = s.shared.broker.lock().revision;
        let moved = revision != s.account.revision;
        let refresh = due(s.account.next_refresh);
        if moved || refresh {
            s.account.revision = revision;
            if refresh {
                s.account.next_refresh = Some(now + s.shared.config.account_update_interval);
            }
            refresh_streams(s);
        }
        if moved || due(s.account.next_pnl) {
            s.account.next_pnl = Some(now + PNL_INTERVAL);
            send_pnl(s);
        }
    }
    if let Some(at) = s.account.next_poll {
        s.wake_at(at);
    }
}

/// Starts the timer when a stream has just begun.
fn arm(s: &mut Session<'_>) {
    if s.account.streaming() && s.account.next_poll.is_none() {
        let now = Instant::now();
        s.account.next_poll = Some(now + POLL);
        s.account.next_refresh = Some(now + s.shared.config.account_update_interval);
        s.account.next_pnl = Some(now + PNL_INTERVAL);
        s.account.revision = s.shared.broker.lock().revision;
        s.wake_at(now + POLL);
    }
}

/// The accounts that hold money and positions: every configured account, or
/// for an advisor the sub-accounts (the first account is the advisor's own).
fn all_accounts(s: &Session<'_>) -> Vec<String> {
    let accounts = &s.shared.config.accounts;
    if s.shared.config.advisor && accounts.len() > 1 {
        accounts[1..].to_vec()
    } else {
        accounts.clone()
    }
}

/// The accounts a multi request covers: one account, or every account for
/// an empty name or `All`; none for a model code (the sim has no models).
fn select(s: &Session<'_>, account: &str, model_code: &str) -> Vec<String> {
    if !model_code.is_empty() {
        return Vec::new();
    }
    if account.is_empty() || account == "All" {
        return all_accounts(s);
    }
    if s.shared.config.accounts.iter().any(|a| a == account) {
        vec![account.to_owned()]
    } else {
        Vec::new()
    }
}

/// The views of `accounts`, now (the broker locked once).
fn views(s: &Session<'_>, accounts: &[String]) -> Vec<AccountView> {
    let secs = now_secs() as f64;
    let broker = s.shared.broker.lock();
    accounts
        .iter()
        .filter_map(|a| account_view(&broker, a, secs))
        .collect()
}

fn key_of(p: &PositionValue) -> PositionKey {
    (p.account.clone(), p.contract.con_id)
}

fn stamp(p: &PositionValue) -> (Decimal, u64) {
    (p.quantity, p.avg_cost.to_bits())
}

/// The contract as TWS reports it in positions and portfolio.
fn reported(c: &Contract) -> Contract {
    let mut c = c.clone();
    if c.strike == UNSET_DOUBLE {
        c.strike = 0.0;
    }
    if c.local_symbol.is_empty() && c.sec_type == "STK" {
        c.local_symbol = c.symbol.clone();
    }
    if c.currency.is_empty() {
        c.currency = values::BASE_CURRENCY.into();
    }
    c
}

fn position(p: &PositionValue) -> PositionData {
    let mut contract = reported(&p.contract);
    if !contract.primary_exchange.is_empty() {
        contract.exchange = std::mem::take(&mut contract.primary_exchange);
    }
    contract.primary_exchange.clear();
    PositionData {
        version: 3,
        account: p.account.clone(),
        contract,
        position: p.quantity,
        avg_cost: p.avg_cost,
    }
}

fn portfolio(p: &PositionValue) -> UpdatePortfolio {
    let mut contract = reported(&p.contract);
    contract.exchange.clear();
    UpdatePortfolio {
        version: 8,
        contract,
        position: p.quantity,
        market_price: p.market_price,
        market_value: p.market_value,
        average_cost: p.avg_cost,
        unrealized_pnl: p.unrealized_pnl,
        realized_pnl: p.realized_pnl,
        account_name: p.account.clone(),
    }
}

fn req_account_updates(s: &mut Session<'_>, m: ReqAccountUpdates) {
    if !m.subscribe {
        s.account.updates = None;
        return;
    }
    // The account code matters to advisor logins only: otherwise TWS sends
    // the (first) account whatever the code.
    let known = s.shared.config.accounts.contains(&m.acct_code);
    let account = if known {
        m.acct_code
    } else if !s.shared.config.advisor || m.acct_code.is_empty() {
        all_accounts(s).into_iter().next().unwrap_or_default()
    } else {
        log::debug!(
            "reqAccountUpdates for an unknown account {:?}: nothing to send",
            m.acct_code
        );
        return;
    };
    let mut sub = Updates {
        account: account.clone(),
        values: HashMap::new(),
        portfolio: HashMap::new(),
    };
    send_updates(s, &mut sub);
    s.send(&AccountDownloadEnd {
        account_name: account,
    });
    s.account.updates = Some(sub);
}

/// Sends the account values and portfolio lines of `sub` that changed since
/// the last round (all of them the first time), then the update time.
fn send_updates(s: &mut Session<'_>, sub: &mut Updates) {
    let Some(view) = views(s, std::slice::from_ref(&sub.account)).pop() else {
        return;
    };
    let mut any = sub.values.is_empty();
    for v in &view.values {
        let k = (v.key.clone(), v.currency.clone());
        if sub.values.get(&k) != Some(&v.value) {
            s.send(&UpdateAccountValue {
                key: v.key.clone(),
                val: v.value.clone(),
                currency: v.currency.clone(),
                account_name: view.account.clone(),
            });
            sub.values.insert(k, v.value.clone());
            any = true;
        }
    }
    for p in &view.positions {
        if sub.portfolio.get(&p.contract.con_id) != Some(p) {
            s.send(&portfolio(p));
            sub.portfolio.insert(p.contract.con_id, p.clone());
            any = true;
        }
    }
    if any {
        let secs = now_secs();
        s.send(&UpdateAccountTime {
            time_stamp: format!("{:02}:{:02}", secs % 86_400 / 3600, secs % 3600 / 60),
        });
    }
}

fn req_account_summary(s: &mut Session<'_>, m: ReqAccountSummary) {
    let accounts = if m.group_name == "All" {
        all_accounts(s)
    } else if s.shared.config.advisor {
        let accounts = s.shared.config.accounts.clone();
        s.account.fa.group_accounts(&m.group_name, &accounts)
    } else {
        Vec::new()
    };
    let mut sub = Summary {
        accounts,
        tags: m
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        sent: HashMap::new(),
    };
    send_summary(s, m.req_id, &mut sub);
    s.send(&AccountSummaryEnd { req_id: m.req_id });
    s.account.summaries.insert(m.req_id, sub);
}

/// Sends the summary rows of `sub` that changed (all of them the first time).
fn send_summary(s: &mut Session<'_>, req_id: i32, sub: &mut Summary) {
    for view in views(s, &sub.accounts) {
        for tag in &sub.tags {
            for (tag, value, currency) in summary_rows(&view, tag) {
                let k = (view.account.clone(), tag.clone(), currency.clone());
                if sub.sent.get(&k) != Some(&value) {
                    s.send(&AccountSummary {
                        req_id,
                        account: view.account.clone(),
                        tag,
                        value: value.clone(),
                        currency,
                    });
                    sub.sent.insert(k, value);
                }
            }
        }
    }
}

/// Sends the positions of `sub` that changed (all of them the first time).
fn send_positions_multi(s: &mut Session<'_>, req_id: i32, sub: &mut PositionsMulti) {
    for view in views(s, &sub.accounts) {
        for p in &view.positions {
            let k = key_of(p);
            if sub.sent.get(&k) != Some(&stamp(p)) {
                let d = position(p);
                s.send(&PositionMulti {
                    req_id,
                    account: d.account,
                    contract: d.contract,
                    pos: d.position,
                    avg_cost: d.avg_cost,
                    model_code: sub.model_code.clone(),
                });
                sub.sent.insert(k, stamp(p));
            }
        }
    }
}

/// The keys `reqAccountUpdatesMulti` with `ledgerAndNLV` sends.
fn ledger_or_nlv(key: &str) -> bool {
    key == "NetLiquidation" || values::LEDGER_KEYS.contains(&key)
}

/// Sends the account values of `sub` that changed (all of them the first time).
fn send_updates_multi(s: &mut Session<'_>, req_id: i32, sub: &mut UpdatesMulti) {
    for view in views(s, &sub.accounts) {
        for v in &view.values {
            if sub.ledger_and_nlv && !ledger_or_nlv(&v.key) {
                continue;
            }
            let k = (view.account.clone(), v.key.clone(), v.currency.clone());
            if sub.sent.get(&k) != Some(&v.value) {
                s.send(&AccountUpdateMulti {
                    req_id,
                    account: view.account.clone(),
                    model_code: sub.model_code.clone(),
                    key: v.key.clone(),
                    value: v.value.clone(),
                    currency: v.currency.clone(),
                });
                sub.sent.insert(k, v.value.clone());
            }
        }
    }
}

/// Sends what changed in every account stream.
fn refresh_streams(s: &mut Session<'_>) {
    if let Some(mut sub) = s.account.updates.take() {
        send_updates(s, &mut sub);
        s.account.updates = Some(sub);
    }
    let mut summaries = std::mem::take(&mut s.account.summaries);
    for (req_id, sub) in summaries.iter_mut() {
        send_summary(s, *req_id, sub);
    }
    s.account.summaries = summaries;
    if let Some(mut sent) = s.account.positions.take() {
        for view in views(s, &all_accounts(s)) {
            for p in &view.positions {
                if sent.get(&key_of(p)) != Some(&stamp(p)) {
                    sent.insert(key_of(p), stamp(p));
                    s.send(&position(p));
                }
            }
        }
        s.account.positions = Some(sent);
    }
    let mut multi = std::mem::take(&mut s.account.positions_multi);
    for (req_id, sub) in multi.iter_mut() {
        send_positions_multi(s, *req_id, sub);
    }
    s.account.positions_multi = multi;
    let mut multi = std::mem::take(&mut s.account.updates_multi);
    for (req_id, sub) in multi.iter_mut() {
        send_updates_multi(s, *req_id, sub);
    }
    s.account.updates_multi = multi;
}

fn req_pnl(
    s: &mut Session<'_>,
    req_id: i32,
    account: String,
    model_code: &str,
    con_id: Option<i32>,
) {
    if !model_code.is_empty() || !s.shared.config.accounts.contains(&account) {
        log::debug!("PnL request {req_id} for {account:?}/{model_code:?}: nothing to report");
        return;
    }
    s.account.pnl.insert(
        req_id,
        PnlSub {
            account,
            con_id,
            last: None,
        },
    );
    send_pnl(s);
}

/// Sends `pnl` / `pnlSingle` for every subscription whose figures changed.
fn send_pnl(s: &mut Session<'_>) {
    let mut subs = std::mem::take(&mut s.account.pnl);
    for (req_id, sub) in subs.iter_mut() {
        let Some(view) = views(s, std::slice::from_ref(&sub.account)).pop() else {
            continue;
        };
        match sub.con_id {
            None => {
                let (u, r) = (view.unrealized_pnl, view.realized_pnl);
                let daily = values::round2(u + r);
                let figures = [daily, u, r, 0.0, 0.0].map(f64::to_bits);
                if sub.last != Some(figures) {
                    sub.last = Some(figures);
                    s.send(&PnL {
                        req_id: *req_id,
                        daily_pnl: daily,
                        unrealized_pnl: u,
                        realized_pnl: r,
                    });
                }
            }
            Some(con_id) => {
                let (pos, daily, u, r, value) = pnl_single(&view, con_id);
                let figures =
                    [daily, u, r, value, crate::sim::broker::decimal_to_f64(pos)].map(f64::to_bits);
                if sub.last != Some(figures) {
                    sub.last = Some(figures);
                    s.send(&PnLSingle {
                        req_id: *req_id,
                        pos,
                        daily_pnl: daily,
                        unrealized_pnl: u,
                        realized_pnl: r,
                        value,
                    });
                }
            }
        }
    }
    s.account.pnl = subs;
}

#[cfg(test)]
mod tests {
    use super::super::broker::Broker;
    use super::values::round2;
    use super::*;
    use crate::messages::{to_frame, Message};
    use crate::portfolio::Portfolio;

    fn stock(con_id: i32, symbol: &str) -> Contract {
        Contract {
            con_id,
            symbol: symbol.into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        }
    }

    /// Sends `m` through the wire and the client's dispatch into `p`.
    fn feed<M: Message>(p: &mut Portfolio, m: &M) {
        let frame = to_frame(m, 203).unwrap();
        crate::client::dispatch_frame(203, &frame[4..], p);
    }

    #[test]
    fn a_portfolio_fed_from_the_sim_matches_the_broker_after_trades() {
        let (aapl, ibm) = (stock(265598, "AAPL"), stock(8314, "IBM"));
        let mut b = Broker::new(&["DU1".to_owned()]);
        b.apply_fill("DU1", &aapl, Decimal::from(100), 200.0, 1.0);
        b.apply_fill("DU1", &ibm, Decimal::from(50), 150.0, 1.0);
        b.apply_fill("DU1", &aapl, Decimal::from(-40), 210.0, 1.0);
        // Sells more IBM than held: closes 50 and opens a short of 30.
        b.apply_fill("DU1", &ibm, Decimal::from(-80), 140.0, 1.5);
        let secs = 1_800_000_000.0;
        let view = values::account_view(&b, "DU1", secs).unwrap();

        let mut p = Portfolio::new();
        for v in &view.values {
            feed(
                &mut p,
                &UpdateAccountValue {
                    key: v.key.clone(),
                    val: v.value.clone(),
                    currency: v.currency.clone(),
                    account_name: "DU1".into(),
                },
            );
        }
        for pos in &view.positions {
            feed(&mut p, &portfolio(pos));
        }

        let account = &b.accounts["DU1"];
        for (con_id, bp) in &account.positions {
            let pp = p.position_of("DU1", *con_id).unwrap();
            assert_eq!(pp.position, bp.quantity);
            assert_eq!(pp.avg_cost, bp.avg_cost);
            assert_eq!(pp.realized_pnl, Some(round2(bp.realized_pnl)));
            assert_eq!(pp.contract.symbol, bp.contract.symbol);
        }
        assert_eq!(
            p.position_of("DU1", 265598).unwrap().position,
            Decimal::from(60)
        );
        assert_eq!(
            p.position_of("DU1", 8314).unwrap().position,
            Decimal::from(-30)
        );
        // AAPL: 40 closed at 210 against 200.01 less 1; IBM: 50 closed at 140
        // against 150.02 less 1.5 (the commission of the whole fill).
        let realized = round2((210.0 - 200.01) * 40.0 - 1.0 + (140.0 - 150.02) * 50.0 - 1.5);
        assert_eq!(p.value_f64("DU1", "RealizedPnL", "BASE"), Some(realized));
        let cash = account.cash["USD"];
        assert_eq!(
            p.value_f64("DU1", "TotalCashValue", "USD"),
            Some(round2(cash))
        );
        let mv: f64 = view.positions.iter().map(|x| x.market_value).sum();
        assert_eq!(
            p.value_f64("DU1", "NetLiquidation", "USD"),
            Some(round2(cash + mv))
        );

        // The positions stream gives the same quantities and costs.
        let mut q = Portfolio::new();
        for pos in &view.positions {
            feed(&mut q, &position(pos));
        }
        for pp in p.positions() {
            let qq = q.position_of("DU1", pp.contract.con_id).unwrap();
            assert_eq!((qq.position, qq.avg_cost), (pp.position, pp.avg_cost));
        }
    }
}
