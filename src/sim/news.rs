//! The sim's news providers, articles, historical news and bulletins.
//!
//! Providers: the free feeds of a paper account (BRFG, BRFUPDN, DJNL,
//! DJ-RT). Historical headlines are generated for any positive contract id on a fixed
//! time grid per provider (so the same request gives the same answer),
//! newest first, with `historicalNewsEnd(hasMore)` telling whether the range
//! held more than `totalResults` (at most 300). An article id encodes its
//! provider, contract and time, so `reqNewsArticle` returns the text of the
//! headline it came from (an id it never gave gets 10172). An unknown provider
//! gets error 10276. Bulletins:
//! `reqNewsBulletins(allMsgs=true)` sends today's two bulletins at once.

use crate::messages::ids::NewsRequest;
use std::time::Instant;

use super::session::Session;
use super::time::{news_time, now_secs, parse_news_time};
use super::universe::price_at;
use crate::errors::{NEWS_ARTICLE_NOT_AVAILABLE, NEWS_FEED_NOT_ALLOWED};
use crate::messages::news::{
    HistoricalNews, HistoricalNewsEnd, NewsArticle, NewsBulletin, NewsProviders, ReqHistoricalNews,
    ReqNewsArticle,
};
use crate::model::news::{EXCHANGE_AVAIL_MSG, NEWS_MSG};
use crate::model::NewsProvider;

/// Provider code, name, minutes between two headlines, offset in minutes.
const PROVIDERS: &[(&str, &str, i64, i64)] = &[
    ("BRFG", "Briefing.com General Market Columns", 180, 17),
    ("BRFUPDN", "Briefing.com Analyst Actions", 420, 95),
    ("DJNL", "Dow Jones Newsletters", 300, 41),
    ("DJ-RT", "Dow Jones Trader News", 120, 7),
];

/// Most headlines TWS returns for one request.
const MAX_RESULTS: usize = 300;

/// A connection's news state.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Subscribed to bulletins.
    bulletins: bool,
}

/// Answers one news request.
pub(super) fn handle(s: &mut Session<'_>, req: NewsRequest) {
    match req {
        NewsRequest::ReqNewsProviders(_) => {
            let news_providers = PROVIDERS
                .iter()
                .map(|(code, name, _, _)| NewsProvider {
                    code: (*code).into(),
                    name: (*name).into(),
                })
                .collect();
            s.send(&NewsProviders { news_providers });
        }
        NewsRequest::ReqNewsArticle(m) => {
            news_article(s, &m);
        }
        NewsRequest::ReqHistoricalNews(m) => {
            historical_news(s, &m);
        }
        NewsRequest::ReqNewsBulletins(m) => {
            s.news.bulletins = true;
            if m.all_msgs {
                for b in bulletins() {
                    s.send(&b);
                }
            }
        }
        NewsRequest::CancelNewsBulletins(_) => {
            s.news.bulletins = false;
        }
    }
}

/// Nothing is timed in this domain yet (bulletins come on subscribe).
pub(super) fn on_timer(_s: &mut Session<'_>, _now: Instant) {}

/// Today's bulletins.
fn bulletins() -> Vec<NewsBulletin> {
    vec![
        NewsBulletin {
            msg_id: 1,
            msg_type: NEWS_MSG,
            news_message:
                "US equity markets will close early at 13:00 ET on the day after Thanksgiving."
                    .into(),
            origin_exch: "NYSE".into(),
        },
        NewsBulletin {
            msg_id: 2,
            msg_type: EXCHANGE_AVAIL_MSG,
            news_message: "Trading on CBOE has resumed.".into(),
            origin_exch: "CBOE".into(),
        },
    ]
}

fn provider(code: &str) -> Option<&'static (&'static str, &'static str, i64, i64)> {
    PROVIDERS.iter().find(|p| p.0 == code)
}

/// The headline a provider wrote about `con_id` at `t`.
fn headline(provider: &str, con_id: i32, t: i64) -> String {
    let sym = super::universe::SCAN_UNIVERSE
        .iter()
        .find(|u| u.1 == con_id)
        .map(|u| u.0.to_owned())
        .unwrap_or_else(|| format!("conid {con_id}"));
    let now = price_at(&sym, t as f64);
    let before = price_at(&sym, (t - 86_400) as f64);
    let change = (now - before) / before * 100.0;
    let verb = if change >= 0.0 { "rises" } else { "slips" };
    let n = (t / 3600 + con_id as i64).rem_euclid(4);
    match (provider, n) {
        ("BRFUPDN", _) => format!(
            "{sym} target raised to ${:.0} at a major broker",
            (now * 1.15).round()
        ),
        ("DJNL", _) => format!("Newsletter: what {sym}'s latest quarter says about the sector"),
        (_, 0) => format!("{sym} {verb} {:.2}% to {now:.2}", change.abs()),
        (_, 1) => format!("{sym}: options traders position ahead of earnings"),
        (_, 2) => format!("{sym} {verb} in active trading; volume above average"),
        _ => format!("Market movers: {sym} among the most active names"),
    }
}

/// `PROVIDER$<con id hex>-<time hex>`.
fn article_id(provider: &str, con_id: i32, t: i64) -> String {
    format!("{provider}${:x}-{:x}", con_id, t)
}

fn parse_article_id(id: &str) -> Option<(&str, i32, i64)> {
    let (provider, rest) = id.split_once('$')?;
    let (con, t) = rest.split_once('-')?;
    Some((
        provider,
        i32::from_str_radix(con, 16).ok()?,
        i64::from_str_radix(t, 16).ok()?,
    ))
}

fn news_article(s: &mut Session<'_>, m: &ReqNewsArticle) {
    if provider(&m.provider_code).is_none() {
        s.send_error(
            m.req_id,
            NEWS_FEED_NOT_ALLOWED.code,
            NEWS_FEED_NOT_ALLOWED.msg,
        );
        return;
    }
    match parse_article_id(&m.article_id).filter(|(p, _, _)| *p == m.provider_code) {
        Some((p, con_id, t)) => {
            let title = headline(p, con_id, t);
            let article_text = format!(
                "<html><body><h1>{title}</h1><p>{} ({p}) &mdash; {title}. This article was \
                 written by the simulated gateway from its price model; it is not investment \
                 advice.</p></body></html>",
                news_time(t)
            );
            s.send(&NewsArticle {
                req_id: m.req_id,
                article_type: 0,
                article_text,
            });
        }
        None => s.send_error(
            m.req_id,
            NEWS_ARTICLE_NOT_AVAILABLE.code,
            NEWS_ARTICLE_NOT_AVAILABLE.msg,
        ),
    }
}

fn historical_news(s: &mut Session<'_>, m: &ReqHistoricalNews) {
    let codes: Vec<&str> = m
        .provider_codes
        .split('+')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes.iter().any(|c| provider(c).is_none()) {
        s.send_error(
            m.req_id,
            NEWS_FEED_NOT_ALLOWED.code,
            NEWS_FEED_NOT_ALLOWED.msg,
        );
        return;
    }
    if m.con_id <= 0 {
        // No instrument, no headlines.
        s.send(&HistoricalNewsEnd {
            req_id: m.req_id,
            has_more: false,
        });
        return;
    }
    let end = parse_news_time(&m.end_date_time).unwrap_or_else(now_secs);
    let start = parse_news_time(&m.start_date_time);
    let limit = (m.total_results.max(1) as usize).min(MAX_RESULTS);
    let (items, has_more) = headlines(&codes, m.con_id, start, end, limit);
    for (t, p) in items {
        s.send(&HistoricalNews {
            req_id: m.req_id,
            time: news_time(t),
            provider_code: p.to_owned(),
            article_id: article_id(p, m.con_id, t),
            headline: headline(p, m.con_id, t),
        });
    }
    s.send(&HistoricalNewsEnd {
        req_id: m.req_id,
        has_more,
    });
}

/// Headline times in `[start, end]`, newest first, at most `limit`; and
/// whether more were left out.
fn headlines<'a>(
    codes: &[&'a str],
    con_id: i32,
    start: Option<i64>,
    end: i64,
    limit: usize,
) -> (Vec<(i64, &'a str)>, bool) {
    // Without a start, look back 30 days (more than 300 headlines in any case).
    let start = start.unwrap_or(end - 30 * 86_400);
    let shift = (con_id as i64).rem_euclid(60) * 60;
    let mut all: Vec<(i64, &str)> = Vec::new();
    for code in codes {
        if let Some((_, _, every, offset)) = provider(code) {
            let step = every * 60;
            let base = offset * 60 + shift;
            // The last grid time at or before `end`, walking back.
            let mut t = end - (end - base).rem_euclid(step);
            while t >= start && all.len() <= 4 * MAX_RESULTS * codes.len() {
                all.push((t, code));
                t -= step;
            }
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let has_more = all.len() > limit;
    all.truncate(limit);
    (all, has_more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_are_newest_first_and_limited() {
        let end = 1_764_428_400;
        let (items, more) = headlines(&["BRFG", "DJNL"], 8314, Some(end - 86_400), end, 300);
        assert!(!more);
        assert_eq!(items.len(), 8 + 5 - 1 + 1); // 24h / 3h and 24h / 5h, give or take the edges
        assert!(items.windows(2).all(|w| w[0].0 >= w[1].0));
        let (few, more) = headlines(&["BRFG", "DJNL"], 8314, Some(end - 86_400), end, 3);
        assert!(more);
        assert_eq!(few, items[..3].to_vec());
        let id = article_id("BRFG", 8314, few[0].0);
        assert_eq!(parse_article_id(&id), Some(("BRFG", 8314, few[0].0)));
    }
}
