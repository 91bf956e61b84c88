//! The sim's fundamental data and Wall Street Horizon events.
//!
//! `reqFundamentalData` answers the stocks of the scanner's list (by
//! contract id or symbol) with a generated XML report of the requested type
//! (`ReportSnapshot`, `ReportsFinSummary`, `ReportRatios`,
//! `ReportsFinStatements`, `RESC`, `ReportsOwnership`), figures derived from
//! the sim's price model; anything else gets error 430 as TWS sends it.
//! `reqWshMetaData` answers a JSON description of the event types and
//! filters; `reqWshEventData` a JSON list of earnings and dividend events
//! (of the contract, or of the contract ids listed in the filter's
//! `watchlist`), within the dates and the limit asked for.

use crate::messages::ids::FundamentalsRequest;
use std::fmt::Write as _;

use super::session::Session;
use super::time::{news_time, now_secs, parse_news_time};
use super::universe::{base_price, price_at, SCAN_UNIVERSE};
use crate::errors::FUNDAMENTALS_NOT_AVAILABLE;
use crate::messages::fundamentals::{
    FundamentalData, ReqWshEventData, WshEventDataMessage, WshMetaData,
};
use crate::model::{Contract, Unset};

/// The report types the sim writes.
pub(crate) const REPORT_TYPES: &[&str] = &[
    "ReportSnapshot",
    "ReportsFinSummary",
    "ReportRatios",
    "ReportsFinStatements",
    "RESC",
    "ReportsOwnership",
];

/// Answers one fundamental data or WSH request.
pub(super) fn handle(s: &mut Session<'_>, req: FundamentalsRequest) {
    match req {
        FundamentalsRequest::ReqFundamentalData(m) => {
            match report(&m.contract, &m.report_type, now_secs()) {
                Some(data) => s.send(&FundamentalData {
                    req_id: m.req_id,
                    data,
                }),
                None => {
                    let text = format!("{}failed to fetch", FUNDAMENTALS_NOT_AVAILABLE.msg);
                    s.send_error(m.req_id, FUNDAMENTALS_NOT_AVAILABLE.code, &text);
                }
            }
        }
        FundamentalsRequest::CancelFundamentalData(_) => {}
        FundamentalsRequest::ReqWshMetaData(m) => {
            s.send(&WshMetaData {
                req_id: m.req_id,
                data_json: wsh_meta_json(),
            });
        }
        FundamentalsRequest::CancelWshMetaData(_) => {}
        FundamentalsRequest::ReqWshEventData(m) => {
            s.send(&WshEventDataMessage {
                req_id: m.req_id,
                data_json: wsh_events_json(&m, now_secs()),
            });
        }
        FundamentalsRequest::CancelWshEventData(_) => {}
    }
}

/// The stock of the list that `c` names (by contract id, else by symbol).
fn find_stock(c: &Contract) -> Option<(&'static str, i32, &'static str)> {
    SCAN_UNIVERSE
        .iter()
        .find(|u| {
            !u.3 && ((c.con_id > 0 && c.con_id == u.1)
                || (c.con_id <= 0 && c.symbol == u.0 && matches!(c.sec_type.as_str(), "STK" | "")))
        })
        .map(|u| (u.0, u.1, u.2))
}

/// A stock's invented but consistent figures.
struct Company {
    symbol: &'static str,
    con_id: i32,
    exchange: &'static str,
    price: f64,
    shares_m: f64,
    eps: f64,
    revenue_m: f64,
    dividend: f64,
}

fn company(symbol: &'static str, con_id: i32, exchange: &'static str, secs: i64) -> Company {
    let base = base_price(symbol);
    let price = price_at(symbol, secs as f64);
    let h = (con_id as i64).rem_euclid(997) as f64 / 997.0;
    let shares_m = (200_000.0 / base).round() * 10.0 * (0.5 + h);
    let eps = (base / (15.0 + 20.0 * h) * 100.0).round() / 100.0;
    Company {
        symbol,
        con_id,
        exchange,
        price,
        shares_m: shares_m.round(),
        eps,
        revenue_m: (shares_m * eps * (4.0 + 6.0 * h)).round(),
        dividend: ((base * 0.02 * h) * 100.0).round() / 100.0,
    }
}

/// The XML report, or `None` when there is none for this contract or type.
pub(crate) fn report(c: &Contract, report_type: &str, secs: i64) -> Option<String> {
    let (symbol, con_id, exchange) = find_stock(c)?;
    if !REPORT_TYPES.contains(&report_type) {
        return None;
    }
    let co = company(symbol, con_id, exchange, secs);
    let date = &news_time(secs)[..10];
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match report_type {
        "ReportSnapshot" => snapshot(&mut x, &co, date),
        "ReportsFinSummary" => fin_summary(&mut x, &co, date),
        "ReportRatios" => ratios(&mut x, &co, date),
        "ReportsFinStatements" => statements(&mut x, &co, date),
        "RESC" => estimates(&mut x, &co, date),
        _ => ownership(&mut x, &co, date),
    }
    Some(x)
}

fn co_ids(x: &mut String, co: &Company) {
    let _ = write!(
        x,
        "<CoIDs>\n\t<CoID Type=\"RepNo\">SIM{:05}</CoID>\n\t<CoID Type=\"CompanyName\">{} Inc.</CoID>\n\t<CoID Type=\"IRSNo\">{:09}</CoID>\n\t<CoID Type=\"CIKNo\">{:010}</CoID>\n</CoIDs>\n",
        co.con_id % 100_000,
        co.symbol,
        co.con_id,
        co.con_id
    );
}

fn snapshot(x: &mut String, co: &Company, date: &str) {
    x.push_str("<ReportSnapshot Major=\"1\" Minor=\"0\" Revision=\"1\">\n");
    co_ids(x, co);
    let _ = write!(
        x,
        "<Issues>\n\t<Issue ID=\"1\" Type=\"C\" Desc=\"Common Stock\" Order=\"1\">\n\t\t<IssueID Type=\"Name\">Ordinary Shares</IssueID>\n\t\t<IssueID Type=\"Ticker\">{sym}</IssueID>\n\t\t<Exchange Code=\"{ex}\" Country=\"USA\">{ex}</Exchange>\n\t\t<MostRecentSplit Date=\"2020-08-31\">4.0</MostRecentSplit>\n\t</Issue>\n</Issues>\n<CoGeneralInfo>\n\t<CoStatus Code=\"1\">Active</CoStatus>\n\t<CoType Code=\"EQU\">Equity Issue</CoType>\n\t<LastModified>{date}</LastModified>\n\t<SharesOut Date=\"{date}\" TotalFloat=\"{float:.1}\">{shares:.1}</SharesOut>\n\t<ReportingCurrency Code=\"USD\">U.S. Dollars</ReportingCurrency>\n</CoGeneralInfo>\n<TextInfo>\n\t<Text Type=\"Business Summary\" lastModified=\"{date}\">{sym} Inc. designs, makes and sells products and services worldwide (simulated company profile).</Text>\n</TextInfo>\n<Ratios PriceCurrency=\"USD\" ReportingCurrency=\"USD\" ExchangeRate=\"1.00000\" LatestAvailableDate=\"{date}\">\n\t<Group ID=\"Price and Volume\">\n\t\t<Ratio FieldName=\"NPRICE\" Type=\"N\">{price:.2}</Ratio>\n\t\t<Ratio FieldName=\"NHIG\" Type=\"N\">{hi:.2}</Ratio>\n\t\t<Ratio FieldName=\"NLOW\" Type=\"N\">{lo:.2}</Ratio>\n\t</Group>\n\t<Group ID=\"Income Statement\">\n\t\t<Ratio FieldName=\"MKTCAP\" Type=\"N\">{cap:.1}</Ratio>\n\t\t<Ratio FieldName=\"TTMREV\" Type=\"N\">{rev:.1}</Ratio>\n\t\t<Ratio FieldName=\"TTMEPSXCLX\" Type=\"N\">{eps:.2}</Ratio>\n\t</Group>\n\t<Group ID=\"Other Ratios\">\n\t\t<Ratio FieldName=\"PEEXCLXOR\" Type=\"N\">{pe:.2}</Ratio>\n\t\t<Ratio FieldName=\"YIELD\" Type=\"N\">{yld:.2}</Ratio>\n\t</Group>\n</Ratios>\n</ReportSnapshot>\n",
        sym = co.symbol,
        ex = co.exchange,
        float = co.shares_m * 0.99,
        shares = co.shares_m,
        price = co.price,
        hi = co.price * 1.25,
        lo = co.price * 0.8,
        cap = co.price * co.shares_m,
        rev = co.revenue_m,
        eps = co.eps,
        pe = co.price / co.eps,
        yld = co.dividend / co.price * 100.0,
    );
}

/// The last eight quarter ends before `date` (`yyyy-MM-dd`), newest first.
fn quarters(date: &str) -> Vec<String> {
    let y: i32 = date[..4].parse().unwrap_or(2026);
    let m: u32 = date[5..7].parse().unwrap_or(1);
    let mut q = ((m - 1) / 3) as i32; // quarters completed this year
    let mut year = y;
    let mut out = Vec::new();
    for _ in 0..8 {
        if q == 0 {
            year -= 1;
            q = 4;
        }
        let (mm, dd) = [(3, 31), (6, 30), (9, 30), (12, 31)][(q - 1) as usize];
        out.push(format!("{year:04}-{mm:02}-{dd:02}"));
        q -= 1;
    }
    out
}

fn fin_summary(x: &mut String, co: &Company, date: &str) {
    x.push_str("<FinancialSummary>\n\t<EPSs>\n");
    let qs = quarters(date);
    for (i, q) in qs.iter().enumerate() {
        let f = 1.0 - i as f64 * 0.02;
        let _ = write!(
            x,
            "\t\t<EPS asofDate=\"{q}\" reportType=\"TTM\" period=\"12M\">{:.2}</EPS>\n\t\t<EPS asofDate=\"{q}\" reportType=\"R\" period=\"3M\">{:.2}</EPS>\n",
            co.eps * f,
            co.eps * f / 4.0
        );
    }
    x.push_str("\t</EPSs>\n\t<DividendPerShares currency=\"USD\">\n");
    for q in &qs {
        let _ = writeln!(
            x,
            "\t\t<DividendPerShare asofDate=\"{q}\" reportType=\"R\" period=\"3M\">{:.2}</DividendPerShare>",
            co.dividend / 4.0
        );
    }
    x.push_str("\t</DividendPerShares>\n\t<TotalRevenues currency=\"USD\">\n");
    for (i, q) in qs.iter().enumerate() {
        let _ = writeln!(
            x,
            "\t\t<TotalRevenue asofDate=\"{q}\" reportType=\"R\" period=\"3M\">{:.1}</TotalRevenue>",
            co.revenue_m / 4.0 * (1.0 - i as f64 * 0.015) * 1e6
        );
    }
    x.push_str("\t</TotalRevenues>\n\t<Dividends currency=\"USD\">\n");
    for q in &qs {
        let _ = writeln!(
            x,
            "\t\t<Dividend type=\"CD\" exDate=\"{q}\" recordDate=\"{q}\" payDate=\"{q}\" declarationDate=\"{q}\">{:.2}</Dividend>",
            co.dividend / 4.0
        );
    }
    x.push_str("\t</Dividends>\n</FinancialSummary>\n");
}

fn ratios(x: &mut String, co: &Company, date: &str) {
    x.push_str("<XMLNTC>\n");
    co_ids(x, co);
    let _ = write!(
        x,
        "<Ratios PriceCurrency=\"USD\" ReportingCurrency=\"USD\" ExchangeRate=\"1.00000\" LatestAvailableDate=\"{date}\">\n\t<Group ID=\"Price and Volume\">\n\t\t<Ratio FieldName=\"NPRICE\" Type=\"N\">{:.2}</Ratio>\n\t\t<Ratio FieldName=\"VOL10DAVG\" Type=\"N\">{:.3}</Ratio>\n\t</Group>\n\t<Group ID=\"Valuation\">\n\t\t<Ratio FieldName=\"APENORM\" Type=\"N\">{:.2}</Ratio>\n\t\t<Ratio FieldName=\"TTMPR2REV\" Type=\"N\">{:.2}</Ratio>\n\t</Group>\n\t<Group ID=\"Dividend\">\n\t\t<Ratio FieldName=\"ADIV5YAVG\" Type=\"N\">{:.3}</Ratio>\n\t</Group>\n</Ratios>\n</XMLNTC>\n",
        co.price,
        co.shares_m * 0.01,
        co.price / co.eps,
        co.price * co.shares_m / co.revenue_m,
        co.dividend
    );
}

fn statements(x: &mut String, co: &Company, date: &str) {
    x.push_str("<ReportFinancialStatements Major=\"1\" Minor=\"0\" Revision=\"1\">\n");
    co_ids(x, co);
    x.push_str("<FinancialStatements>\n\t<InterimPeriods>\n");
    for (i, q) in quarters(date).iter().enumerate() {
        let rev = co.revenue_m / 4.0 * (1.0 - i as f64 * 0.015);
        let _ = write!(
            x,
            "\t\t<FiscalPeriod Type=\"Interim\" EndDate=\"{q}\" FiscalYear=\"{}\" FiscalPeriodNumber=\"{}\">\n\t\t\t<Statement Type=\"INC\">\n\t\t\t\t<FPHeader><PeriodLength>3</PeriodLength><periodType Code=\"M\">Months</periodType><UpdateType Code=\"UPD\">Updated Normal</UpdateType><StatementDate>{q}</StatementDate></FPHeader>\n\t\t\t\t<lineItem coaCode=\"SREV\">{rev:.1}</lineItem>\n\t\t\t\t<lineItem coaCode=\"SGRP\">{:.1}</lineItem>\n\t\t\t\t<lineItem coaCode=\"NINC\">{:.1}</lineItem>\n\t\t\t</Statement>\n\t\t</FiscalPeriod>\n",
            &q[..4],
            4 - i % 4,
            rev * 0.42,
            rev * 0.21
        );
    }
    x.push_str("\t</InterimPeriods>\n</FinancialStatements>\n</ReportFinancialStatements>\n");
}

fn estimates(x: &mut String, co: &Company, date: &str) {
    let year: i32 = date[..4].parse().unwrap_or(2026);
    x.push_str("<REarnEstCons Version=\"1\">\n<Company>\n");
    co_ids(x, co);
    let _ = write!(
        x,
        "</Company>\n<ConsEstimates>\n\t<FYEstimates>\n\t\t<FYEstimate type=\"EPS\" unit=\"U\">\n\t\t\t<FYPeriod periodType=\"A\" fYear=\"{}\" endMonth=\"12\" periodNum=\"1\">\n\t\t\t\t<ConsEstimate type=\"Mean\"><ConsValue dateType=\"CURR\">{:.2}</ConsValue></ConsEstimate>\n\t\t\t\t<ConsEstimate type=\"High\"><ConsValue dateType=\"CURR\">{:.2}</ConsValue></ConsEstimate>\n\t\t\t\t<ConsEstimate type=\"Low\"><ConsValue dateType=\"CURR\">{:.2}</ConsValue></ConsEstimate>\n\t\t\t\t<ConsEstimate type=\"NumOfEst\"><ConsValue dateType=\"CURR\">{}</ConsValue></ConsEstimate>\n\t\t\t</FYPeriod>\n\t\t</FYEstimate>\n\t\t<FYEstimate type=\"TargetPrice\" unit=\"U\">\n\t\t\t<ConsEstimate type=\"Mean\"><ConsValue dateType=\"CURR\">{:.2}</ConsValue></ConsEstimate>\n\t\t</FYEstimate>\n\t</FYEstimates>\n</ConsEstimates>\n</REarnEstCons>\n",
        year,
        co.eps * 1.08,
        co.eps * 1.2,
        co.eps * 0.95,
        10 + co.con_id.rem_euclid(30),
        co.price * 1.12
    );
}

fn ownership(x: &mut String, co: &Company, date: &str) {
    x.push_str("<OwnershipSummary>\n");
    co_ids(x, co);
    let _ = writeln!(
        x,
        "<ISIN>US{:09}0</ISIN>\n<floatShares asofDate=\"{date}\">{:.0}</floatShares>",
        co.con_id,
        co.shares_m * 0.99e6
    );
    for (i, holder) in [
        "Vanguard Group Inc",
        "BlackRock Institutional Trust Company, N.A.",
        "State Street Global Advisors (US)",
        "Fidelity Management & Research Company LLC",
        "Geode Capital Management, L.L.C.",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(
            x,
            "<Owner ownerId=\"{}\">\n\t<type>1</type>\n\t<name>{}</name>\n\t<quantity>{:.0}</quantity>\n\t<currency>USD</currency>\n</Owner>",
            100 + i,
            holder.replace('&', "&amp;"),
            co.shares_m * 1e6 * (0.08 / (i as f64 + 1.0))
        );
    }
    x.push_str("</OwnershipSummary>\n");
}

/// The WSH meta data JSON: event types and the filters they take.
fn wsh_meta_json() -> String {
    let events = [
        ("wshe_ed", "Earnings Date"),
        ("wshe_bod", "Board of Directors Meeting"),
        ("wshe_div", "Dividend"),
        ("wshe_sh", "Shareholder Meeting"),
        ("wshe_ipo", "Initial Public Offering"),
        ("wshe_spl", "Stock Split"),
        ("wshe_conf", "Conference"),
        ("wshe_ex_div", "Ex-Dividend Date"),
    ];
    let mut j = String::from(
        "{\"validated\":true,\"meta_data\":{\"date_format\":\"yyyyMMdd\",\"event_types\":[",
    );
    for (i, (tag, name)) in events.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        let _ = write!(
            j,
            "{{\"tag\":\"{tag}\",\"name\":\"{name}\",\"filters\":[\"watchlist\",\"portfolio\",\"competitors\",\"country\"]}}"
        );
    }
    j.push_str("],\"filters\":[{\"tag\":\"watchlist\",\"type\":\"conid_list\"},{\"tag\":\"portfolio\",\"type\":\"boolean\"},{\"tag\":\"competitors\",\"type\":\"boolean\"},{\"tag\":\"country\",\"type\":\"string_list\",\"values\":[\"All\",\"United States\"]}]}}");
    j
}

/// The contract ids listed in a filter's `"watchlist":[…]`.
fn watchlist(filter: &str) -> Vec<i32> {
    let Some(start) = filter.find("\"watchlist\"") else {
        return Vec::new();
    };
    let rest = &filter[start..];
    let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) else {
        return Vec::new();
    };
    if close < open {
        return Vec::new();
    }
    rest[open + 1..close]
        .split(',')
        .filter_map(|v| v.trim().trim_matches('"').parse().ok())
        .collect()
}

/// The WSH events JSON: quarterly earnings and dividends of each contract,
/// from a year back to a year ahead, within the dates and limit asked for.
pub(crate) fn wsh_events_json(m: &ReqWshEventData, secs: i64) -> String {
    let d = &m.wsh_event_data;
    let mut con_ids: Vec<i32> = if d.con_id.is_set() && d.con_id > 0 {
        vec![d.con_id]
    } else {
        Vec::new()
    };
    con_ids.extend(watchlist(&d.filter));
    let yyyymmdd = |t: i64| news_time(t)[..10].replace('-', "");
    let start = parse_news_time(&d.start_date).unwrap_or(secs - 365 * 86_400);
    let end = parse_news_time(&d.end_date).unwrap_or(secs + 365 * 86_400);
    let mut events: Vec<(i64, i32, &str, String)> = Vec::new();
    for con_id in con_ids {
        let Some(stock) = SCAN_UNIVERSE.iter().find(|u| u.1 == con_id) else {
            continue;
        };
        // Quarterly, on a day of the quarter fixed by the contract.
        let day = 86_400;
        let quarter = 91 * day;
        let shift = (con_id as i64).rem_euclid(60) * day;
        let mut t = start - start.rem_euclid(quarter) + shift;
        while t <= end {
            if t >= start {
                events.push((
                    t,
                    con_id,
                    "wshe_ed",
                    format!("{} quarterly earnings", stock.0),
                ));
                let ex = t + 14 * day;
                if ex <= end {
                    events.push((
                        ex,
                        con_id,
                        "wshe_ex_div",
                        format!("{} ex-dividend", stock.0),
                    ));
                }
            }
            t += quarter;
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    if d.total_limit.is_set() && d.total_limit >= 0 {
        events.truncate(d.total_limit as usize);
    }
    let mut j = String::from("[");
    for (i, (t, con_id, tag, text)) in events.iter().enumerate() {
        if i > 0 {
            j.push(',');
        }
        let _ = write!(
            j,
            "{{\"index_date_type\":\"{tag}\",\"index_date\":\"{}\",\"conid\":{con_id},\"event_type\":\"{tag}\",\"data\":{{\"description\":\"{text}\",\"time_of_day\":\"{}\"}}}}",
            yyyymmdd(*t),
            if tag == &"wshe_ed" { "AMC" } else { "" }
        );
    }
    j.push(']');
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WshEventData;

    #[test]
    fn reports_for_known_stocks_only() {
        let ibm = Contract {
            symbol: "IBM".into(),
            sec_type: "STK".into(),
            ..Contract::default()
        };
        for t in REPORT_TYPES {
            let x = report(&ibm, t, 1_764_000_000).expect(t);
            assert!(x.starts_with("<?xml"), "{t}");
        }
        assert!(report(&ibm, "CalendarReport", 0).is_none());
        let spy = Contract {
            con_id: 756733,
            ..Contract::default()
        };
        assert!(report(&spy, "ReportSnapshot", 0).is_none());
    }

    #[test]
    fn wsh_events_follow_dates_and_limits() {
        let m = ReqWshEventData {
            req_id: 1,
            wsh_event_data: WshEventData {
                con_id: 8314,
                start_date: "20260101".into(),
                end_date: "20261231".into(),
                ..WshEventData::default()
            },
        };
        let j = wsh_events_json(&m, 1_764_000_000);
        assert_eq!(j.matches("wshe_ed\",\"index_date").count(), 4, "{j}");
        let mut limited = m.clone();
        limited.wsh_event_data.total_limit = 2;
        assert_eq!(
            wsh_events_json(&limited, 1_764_000_000)
                .matches("conid")
                .count(),
            2
        );
        let mut filter = m;
        filter.wsh_event_data.con_id = crate::model::UNSET_INTEGER;
        filter.wsh_event_data.filter = "{\"watchlist\":[\"265598\",\"8314\"]}".into();
        let j = wsh_events_json(&filter, 1_764_000_000);
        assert!(j.contains("265598") && j.contains("8314"));
    }
}
