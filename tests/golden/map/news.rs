//! News requests.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqNewsBulletins" => c.req_news_bulletins(a.bool(0)),
        "cancelNewsBulletins" => c.cancel_news_bulletins(),
        "reqNewsProviders" => c.req_news_providers(),
        "reqNewsArticle" => c.req_news_article(a.i32(0), &a.str(1), &a.str(2), &a.tag_values(3)),
        "reqHistoricalNews" => c.req_historical_news(
            a.i32(0),
            a.i32(1),
            &a.str(2),
            &a.str(3),
            &a.str(4),
            a.i32(5),
            &a.tag_values(6),
        ),
        _ => return None,
    })
}
