//! News messages: updateNewsBulletin, newsProviders, newsArticle,
//! historicalNews, historicalNewsEnd.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::ids::incoming;
use tws_api::messages::news::{
    HistoricalNews, HistoricalNewsEnd, NewsArticle, NewsBulletin, NewsProviders,
};
use tws_api::NewsProvider;

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(21);
    for sv in VERSIONS {
        for _ in 0..8 {
            f.add(
                sv,
                &NewsBulletin {
                    msg_id: r.int(),
                    msg_type: r.pick(&[1, 2, 3]),
                    news_message: r.text(),
                    origin_exch: r.pick(&["NYSE", "", "CBOE"]).into(),
                },
            );
            f.add(
                sv,
                &NewsArticle {
                    req_id: r.int(),
                    article_type: r.pick(&[0, 1]),
                    article_text: r.text(),
                },
            );
            f.add(
                sv,
                &HistoricalNews {
                    req_id: r.int(),
                    time: r.pick(&["2026-11-27 14:30:00.0", ""]).into(),
                    provider_code: r.pick(&["BRFG", "DJ-RT", ""]).into(),
                    article_id: r.pick(&["BRFG$04fb9da2", "DJ-RT$1"]).into(),
                    headline: r.text(),
                },
            );
            f.add(
                sv,
                &HistoricalNewsEnd {
                    req_id: r.int(),
                    has_more: r.bool(),
                },
            );
        }
        for n in [0usize, 1, 4] {
            let news_providers = (0..n)
                .map(|_| NewsProvider {
                    code: r.pick(&["BRFG", "BRFUPDN", "DJNL", ""]).into(),
                    name: r.text(),
                })
                .collect();
            f.add(sv, &NewsProviders { news_providers });
        }
        // A negative count: no providers.
        f.add_fields(sv, incoming::NEWS_PROVIDERS, &["-1"]);
        // hasMore as TWS may spell it.
        f.add_fields(sv, incoming::HISTORICAL_NEWS_END, &["7", "2"]);
    }
}
