//! News providers, articles, historical headlines and bulletins against the
//! simulated gateway.

mod common;

use common::{connected_calls, init_logs};
use tws_api::sim::{SimConfig, SimGateway};

fn gateway() -> SimGateway {
    init_logs();
    SimGateway::start(SimConfig::default()).unwrap()
}

#[test]
fn providers() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client.req_news_providers().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "news_providers")));
    let list = log.named("news_providers")[0].arg(0).clone();
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["BRFG", "BRFUPDN", "DJNL", "DJ-RT"]);
    assert_eq!(list[0]["name"], "Briefing.com General Market Columns");
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn historical_headlines_then_end_then_an_article() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client
        .req_historical_news(
            10,
            8314,
            "BRFG+DJNL",
            "2026-11-01 00:00:00.0",
            "2026-11-02 00:00:00.0",
            300,
            &[],
        )
        .unwrap();
    assert!(log.wait_for("historical_news_end", 10));
    let rows = log.named("historical_news");
    assert!(rows.len() >= 10, "{} headlines in a day", rows.len());
    let end = &log.named("historical_news_end")[0];
    assert_eq!(end.arg(1), false);
    let times: Vec<&str> = rows.iter().map(|r| r.arg(1).as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(times
        .iter()
        .all(|t| t.starts_with("2026-11-01") && t.ends_with(".0")));
    for r in &rows {
        assert_eq!(r.arg(0), 10);
        let p = r.arg(2).as_str().unwrap();
        assert!(p == "BRFG" || p == "DJNL");
        assert!(r.arg(3).as_str().unwrap().starts_with(&format!("{p}$")));
        assert!(!r.arg(4).as_str().unwrap().is_empty());
    }

    // A limit below what the range holds: hasMore.
    client
        .req_historical_news(11, 8314, "BRFG", "", "", 5, &[])
        .unwrap();
    assert!(log.wait_for("historical_news_end", 11));
    assert_eq!(
        log.named("historical_news")
            .iter()
            .filter(|c| c.arg(0) == 11)
            .count(),
        5
    );
    assert_eq!(log.named("historical_news_end")[1].arg(1), true);

    // The article of the first headline carries its headline.
    let first = &rows[0];
    let (provider, article, headline) = (
        first.arg(2).as_str().unwrap().to_owned(),
        first.arg(3).as_str().unwrap().to_owned(),
        first.arg(4).as_str().unwrap().to_owned(),
    );
    client
        .req_news_article(12, &provider, &article, &[])
        .unwrap();
    assert!(log.wait_for("news_article", 12));
    let a = &log.named("news_article")[0];
    assert_eq!(a.arg(1), 0);
    assert!(a.arg(2).as_str().unwrap().contains(&headline));

    // Errors: an unknown provider, an id never given.
    client.req_news_article(13, "NOPE", "NOPE$1", &[]).unwrap();
    client.req_news_article(14, "BRFG", "garbage", &[]).unwrap();
    client
        .req_historical_news(15, 8314, "BRFG+NOPE", "", "", 10, &[])
        .unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "error").count() >= 3 + 3));
    let errors = log.named("error");
    let code_of = |id: i64| {
        errors
            .iter()
            .find(|c| c.arg(0) == id)
            .map(|c| c.arg(2).as_i64().unwrap())
    };
    assert_eq!(code_of(13), Some(10276));
    assert_eq!(code_of(14), Some(10172));
    assert_eq!(code_of(15), Some(10276));
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn bulletins_on_subscribe() {
    let gw = gateway();
    let (client, log, h) = connected_calls(&gw, 1);
    client.req_news_bulletins(true).unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "update_news_bulletin")
        .count()
        == 2));
    let b = log.named("update_news_bulletin");
    assert_eq!(b[0].arg(0), 1);
    assert_eq!(b[0].arg(1), 1);
    assert_eq!(b[0].arg(3), "NYSE");
    assert_eq!(b[1].arg(1), 2);
    client.cancel_news_bulletins().unwrap();
    // New-only subscriptions get nothing at once.
    client.req_news_bulletins(false).unwrap();
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time")));
    assert_eq!(log.named("update_news_bulletin").len(), 2);
    client.disconnect();
    h.join().unwrap();
}
