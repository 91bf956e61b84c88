//! News requests: providers, articles, historical headlines, bulletins.

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::news::{
    CancelNewsBulletins, ReqHistoricalNews, ReqNewsArticle, ReqNewsBulletins, ReqNewsProviders,
};
use crate::model::TagValue;

impl EClient {
    /// `reqNewsBulletins`: subscribes to IB's news bulletins, delivered by
    /// `update_news_bulletin`. With `all_msgs`, today's bulletins so far come
    /// first.
    pub fn req_news_bulletins(&self, all_msgs: bool) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqNewsBulletins { all_msgs })
    }

    /// `cancelNewsBulletins`: stops the bulletins.
    pub fn cancel_news_bulletins(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &CancelNewsBulletins)
    }

    /// `reqNewsProviders`: the news providers this login may use, answered
    /// by `news_providers`.
    pub fn req_news_providers(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqNewsProviders)
    }

    /// `reqNewsArticle`: the body of an article (its id comes from
    /// `historical_news` or `tick_news`), answered by `news_article`.
    pub fn req_news_article(
        &self,
        req_id: i32,
        provider_code: &str,
        article_id: &str,
        news_article_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqNewsArticle {
            req_id,
            provider_code: provider_code.to_owned(),
            article_id: article_id.to_owned(),
            news_article_options: news_article_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `reqHistoricalNews`: headlines of the contract `con_id` from the
    /// providers in `provider_codes` (`"BRFG+DJNL"`), newest first, answered
    /// by `historical_news` per headline and `historical_news_end`.
    ///
    /// `historical_news_options` is accepted and, as by the official 10.37.2
    /// client, not sent: that client always sends an empty options field.
    #[allow(clippy::too_many_arguments)] // the official signature
    pub fn req_historical_news(
        &self,
        req_id: i32,
        con_id: i32,
        provider_codes: &str,
        start_date_time: &str,
        end_date_time: &str,
        total_results: i32,
        historical_news_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqHistoricalNews {
            req_id,
            con_id,
            provider_codes: provider_codes.to_owned(),
            start_date_time: start_date_time.to_owned(),
            end_date_time: end_date_time.to_owned(),
            total_results,
            historical_news_options: historical_news_options.to_vec(),
        };
        self.send(req_id, &msg)
    }
}
