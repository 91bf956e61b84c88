//! Message types of news bulletins (`update_news_bulletin`'s `msg_type`).

/// A regular news bulletin.
pub const NEWS_MSG: i32 = 1;
/// An exchange has become available for trading.
pub const EXCHANGE_AVAIL_MSG: i32 = 2;
/// An exchange has become unavailable for trading.
pub const EXCHANGE_UNAVAIL_MSG: i32 = 3;
