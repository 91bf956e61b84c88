//! The depth and tick-by-tick paths allocate nothing: decoding an
//! updateMktDepth, an updateMktDepthL2 (market maker borrowed from the frame)
//! or a tickByTick frame and calling its callback makes no heap allocation.
//! Counted with a global allocator on the test thread only, as in
//! `tick_path_allocations.rs`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use tws_api::client::dispatch_frame;
use tws_api::messages::market_data::depth::{MarketDepth, MarketDepthL2};
use tws_api::messages::market_data::tick_by_tick::{TickByTick, TickByTickData};
use tws_api::messages::to_frame;
use tws_api::{Decimal, EWrapper, TickAttribBidAsk, TickAttribLast};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::SeqCst);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(Default)]
struct Sink {
    calls: u32,
    maker_bytes: usize,
}

impl EWrapper for Sink {
    fn update_mkt_depth(&mut self, _: i32, _: i32, _: i32, _: i32, _: f64, _: Decimal) {
        self.calls += 1;
    }
    fn update_mkt_depth_l2(
        &mut self,
        _: i32,
        _: i32,
        market_maker: &str,
        _: i32,
        _: i32,
        _: f64,
        _: Decimal,
        _: bool,
    ) {
        self.calls += 1;
        self.maker_bytes += market_maker.len();
    }
    fn tick_by_tick_all_last(
        &mut self,
        _: i32,
        _: i32,
        _: i64,
        _: f64,
        _: Decimal,
        _: TickAttribLast,
        exchange: &str,
        _: &str,
    ) {
        self.calls += 1;
        self.maker_bytes += exchange.len();
    }
    fn tick_by_tick_bid_ask(
        &mut self,
        _: i32,
        _: i64,
        _: f64,
        _: f64,
        _: Decimal,
        _: Decimal,
        _: TickAttribBidAsk,
    ) {
        self.calls += 1;
    }
}

#[test]
fn decoding_and_dispatching_depth_and_tick_by_tick_allocates_nothing() {
    // 206: depth in its protobuf form; 208: tick-by-tick too.
    for sv in [176, 187, 203, 206, 208] {
        let frames = [
            to_frame(
                &MarketDepth {
                    req_id: 7,
                    position: 3,
                    operation: 1,
                    side: 1,
                    price: 187.25,
                    size: Decimal::new(300, 0),
                },
                sv,
            )
            .unwrap(),
            to_frame(
                &MarketDepthL2 {
                    req_id: 7,
                    position: 0,
                    market_maker: "NSDQ".into(),
                    operation: 0,
                    side: 0,
                    price: 187.27,
                    size: Decimal::new(12345, 2),
                    is_smart_depth: true,
                },
                sv,
            )
            .unwrap(),
            to_frame(
                &TickByTick {
                    req_id: 7,
                    tick_type: 2,
                    time: 1_795_452_832,
                    data: TickByTickData::Last {
                        price: 187.26,
                        size: Decimal::new(100, 0),
                        mask: 2,
                        exchange: "ARCA".into(),
                        special_conditions: "   I".into(),
                    },
                },
                sv,
            )
            .unwrap(),
            to_frame(
                &TickByTick {
                    req_id: 7,
                    tick_type: 3,
                    time: 1_795_452_832,
                    data: TickByTickData::BidAsk {
                        bid_price: 187.25,
                        ask_price: 187.27,
                        bid_size: Decimal::new(300, 0),
                        ask_size: Decimal::new(500, 0),
                        mask: 0,
                    },
                },
                sv,
            )
            .unwrap(),
        ];
        let mut sink = Sink::default();
        // Once warm: the protobuf forms' text buffers come from a pool.
        for f in &frames {
            dispatch_frame(sv, &f[4..], &mut Sink::default());
        }
        let before = ALLOCS.load(Ordering::SeqCst);
        COUNTING.with(|c| c.set(true));
        for _ in 0..1000 {
            for f in &frames {
                dispatch_frame(sv, &f[4..], &mut sink);
            }
        }
        COUNTING.with(|c| c.set(false));
        let allocs = ALLOCS.load(Ordering::SeqCst) - before;
        assert_eq!(sink.calls, 4000);
        assert_eq!(sink.maker_bytes, 8000);
        assert_eq!(allocs, 0, "{allocs} allocations at server version {sv}");
    }
}
