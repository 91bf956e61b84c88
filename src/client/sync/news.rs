//! Blocking helpers for news: providers, articles, historical headlines.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::messages::ids::outgoing;
use crate::model::*;
use crate::EWrapper;

sink!(NewsProvidersSink<NewsProvider> {
    fn news_providers(&mut self, providers: &[NewsProvider]) {
        for p in providers {
            self.0.push(p.clone());
        }
        self.0.finish();
    }
});

sink!(NewsArticleSink<(i32, String)> {
    fn news_article(&mut self, _id: i32, article_type: i32, article_text: &str) {
        self.0.push((article_type, article_text.to_owned()));
        self.0.finish();
    }
});

/// One `historicalNews` headline ([`IBClient::historical_news`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsHeadline {
    /// When, as TWS writes it (`yyyy-MM-dd HH:mm:ss.0`).
    pub time: String,
    /// The provider (`BRFG`, `DJNL`, …).
    pub provider_code: String,
    /// The id to ask for the article with ([`IBClient::news_article`]).
    pub article_id: String,
    /// The headline.
    pub headline: String,
}

/// Headlines, then `historicalNewsEnd`'s `has_more` as the last item.
enum NewsItem {
    Headline(NewsHeadline),
    HasMore(bool),
}

sink!(HistoricalNewsSink<NewsItem> {
    fn historical_news(
        &mut self,
        _id: i32,
        time: &str,
        provider_code: &str,
        article_id: &str,
        headline: &str,
    ) {
        self.0.push(NewsItem::Headline(NewsHeadline {
            time: time.to_owned(),
            provider_code: provider_code.to_owned(),
            article_id: article_id.to_owned(),
            headline: headline.to_owned(),
        }));
    }
    fn historical_news_end(&mut self, _id: i32, has_more: bool) {
        self.0.push(NewsItem::HasMore(has_more));
        self.0.finish();
    }
});

impl IBClient {
    /// `reqNewsProviders`, waited for. **tws-api extension.**
    pub fn news_providers(&self, timeout: Duration) -> Result<Vec<NewsProvider>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_NEWS_PROVIDERS),
            what: "reqNewsProviders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, NewsProvidersSink, || self.req_news_providers())
    }

    /// `reqNewsArticle`, waited for: the article's type (0 text, 1 binary as
    /// base64) and text. **tws-api extension.**
    pub fn news_article(
        &self,
        provider_code: &str,
        article_id: &str,
        timeout: Duration,
    ) -> Result<(i32, String), Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqNewsArticle",
            timeout,
            cancel: None,
        };
        let mut v = self.wait_for(wait, NewsArticleSink, || {
            self.req_news_article(req_id, provider_code, article_id, &[])
        })?;
        v.pop().ok_or(Error::Timeout("reqNewsArticle"))
    }

    /// `reqHistoricalNews`, waited for until `historicalNewsEnd`: the
    /// headlines, and whether there are more. **tws-api extension.**
    pub fn historical_news(
        &self,
        con_id: i32,
        provider_codes: &str,
        start_date_time: &str,
        end_date_time: &str,
        total_results: i32,
        timeout: Duration,
    ) -> Result<(Vec<NewsHeadline>, bool), Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalNews",
            timeout,
            cancel: None,
        };
        let items = self.wait_for(wait, HistoricalNewsSink, || {
            self.req_historical_news(
                req_id,
                con_id,
                provider_codes,
                start_date_time,
                end_date_time,
                total_results,
                &[],
            )
        })?;
        let mut headlines = Vec::new();
        let mut more = false;
        for i in items {
            match i {
                NewsItem::Headline(h) => headlines.push(h),
                NewsItem::HasMore(m) => more = m,
            }
        }
        Ok((headlines, more))
    }
}
