//! What an incoming message says about the requests in flight: which request
//! (or order) it answers, and whether it ends it.
//!
//! The client's request registry, the blocking helpers' sinks and `IBClient`'s
//! own bookkeeping all read this from the decoded message
//! ([`Incoming::route`](super::Incoming::route)); nothing else maps callbacks
//! to requests.

/// How a request is known until its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestKey {
    /// By its request id (ticker id, reqId).
    Id(i32),
    /// By the request itself, for the requests without an id
    /// (`reqPositions`, `reqOpenOrders`, `reqCurrentTime`, …): the outgoing
    /// message id.
    Request(u32),
    /// An order, by its order id (what `IBClient::place_order_and_wait`
    /// waits on; orders are not requests in flight).
    Order(i32),
}

/// What a message does to the request(s) it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    /// Nothing: more may follow.
    No,
    /// It ends every request of its [`Route::keys`] (an end marker).
    Yes,
    /// It ends its first key if that is a one-shot request
    /// (`historicalDataEnd`, which starts the updates of `keepUpToDate`).
    OneShot,
    /// An `error` with this code: it ends request `req_id` unless the code
    /// is a notice.
    Error(i32),
}

/// The requests one incoming message answers (at most three), and whether it
/// ends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    keys: [RequestKey; 3],
    len: u8,
    /// What it does to them.
    pub ends: Ends,
}

impl Route {
    /// A message that answers no request.
    pub const NONE: Route = Route {
        keys: [RequestKey::Id(0); 3],
        len: 0,
        ends: Ends::No,
    };

    /// A message that answers the request with id `req_id` and goes on.
    #[inline]
    pub const fn id(req_id: i32) -> Route {
        Route::of(&[RequestKey::Id(req_id)])
    }

    /// A message that answers the requests `keys` (at most three) and goes on.
    #[inline]
    pub const fn of(keys: &[RequestKey]) -> Route {
        let mut r = Route::NONE;
        let mut i = 0;
        while i < keys.len() && i < 3 {
            r.keys[i] = keys[i];
            i += 1;
        }
        r.len = i as u8;
        r
    }

    /// A message that answers the requests without an id `ids` (outgoing
    /// message ids, at most three).
    #[inline]
    pub const fn requests(ids: &[u32]) -> Route {
        let mut r = Route::NONE;
        let mut i = 0;
        while i < ids.len() && i < 3 {
            r.keys[i] = RequestKey::Request(ids[i]);
            i += 1;
        }
        r.len = i as u8;
        r
    }

    /// The same route, ending its requests.
    #[inline]
    pub const fn ending(self) -> Route {
        self.with_end(Ends::Yes)
    }

    /// The same route with `ends`.
    #[inline]
    pub const fn with_end(mut self, ends: Ends) -> Route {
        self.ends = ends;
        self
    }

    /// The requests it answers.
    #[inline]
    pub fn keys(&self) -> &[RequestKey] {
        &self.keys[..self.len as usize]
    }
}

/// What a message tells about the session itself: `IBClient` and the
/// live-order guard follow these; every other message says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionFact<'m> {
    /// `nextValidId`.
    NextValidId(i32),
    /// `managedAccounts`: the comma-separated list.
    ManagedAccounts(&'m str),
    /// `currentTime` (the heartbeat's answer).
    CurrentTime,
    /// `error`.
    Error {
        /// The request id, or -1.
        req_id: i32,
        /// The code.
        code: i32,
        /// The text.
        text: &'m str,
    },
}

/// How a request in flight is known, as the id table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleKey {
    /// By the request id it was sent with.
    ReqId,
    /// By the request itself (an outgoing message id), for the requests
    /// without an id.
    Request(u32),
}

/// What sending a request does to the requests in flight
/// ([`ids::outgoing::lifecycle`](super::ids::outgoing::lifecycle)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    /// Nothing (orders, settings, …).
    Nothing,
    /// It starts a request that its answers will end.
    Starts {
        /// How it is known.
        key: LifecycleKey,
        /// Its official name (`reqContractDetails`).
        name: &'static str,
        /// A subscription (streams until cancelled) rather than a one-shot
        /// request.
        subscription: bool,
    },
    /// It cancels the request known so.
    Cancels(LifecycleKey),
}

impl LifecycleKey {
    /// The key of the request sent with request id `req_id`.
    pub fn with(self, req_id: i32) -> RequestKey {
        match self {
            LifecycleKey::ReqId => RequestKey::Id(req_id),
            LifecycleKey::Request(id) => RequestKey::Request(id),
        }
    }
}
