//! The tick path allocates nothing: decoding a tickPrice, tickSize,
//! tickString (its text borrowed from the frame) or tickGeneric frame and
//! calling its callbacks makes no heap allocation, in the text form and in
//! the protobuf form of server version 206 on (its text fields read into
//! pooled buffers). Counted
//! with a global allocator, so the claim is checked, not timed. Only the test
//! thread's allocations count: the test harness's own thread may allocate
//! meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use tws_api::client::dispatch_frame;
use tws_api::messages::market_data::{TickGeneric, TickPrice, TickSize, TickString};
use tws_api::messages::to_frame;
use tws_api::{tick_type, Decimal, EWrapper, TickAttrib, TickType};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Set on the thread whose allocations are counted.
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
    prices: u32,
    sizes: u32,
    strings: usize,
    generics: u32,
}

impl EWrapper for Sink {
    fn tick_price(&mut self, _r: i32, _t: TickType, _p: f64, _a: TickAttrib) {
        self.prices += 1;
    }
    fn tick_size(&mut self, _r: i32, _t: TickType, _s: Decimal) {
        self.sizes += 1;
    }
    fn tick_string(&mut self, _r: i32, _t: TickType, value: &str) {
        self.strings += value.len();
    }
    fn tick_generic(&mut self, _r: i32, _t: TickType, _v: f64) {
        self.generics += 1;
    }
}

#[test]
fn decoding_and_dispatching_ticks_allocates_nothing() {
    // 206: the protobuf forms (MIN_SERVER_VER_PROTOBUF_MARKET_DATA).
    for sv in [176, 187, 203, 206] {
        let price = to_frame(
            &TickPrice {
                req_id: 7,
                tick_type: tick_type::BID,
                price: 187.25,
                size: Decimal::new(300, 0),
                attr_mask: 1,
            },
            sv,
        )
        .unwrap();
        let size = to_frame(
            &TickSize {
                req_id: 7,
                tick_type: tick_type::VOLUME,
                size: Decimal::new(123456, 2),
            },
            sv,
        )
        .unwrap();
        let string = to_frame(
            &TickString {
                req_id: 7,
                tick_type: tick_type::LAST_TIMESTAMP,
                value: "1795452832".into(),
            },
            sv,
        )
        .unwrap();
        let generic = to_frame(
            &TickGeneric {
                req_id: 7,
                tick_type: tick_type::HALTED,
                value: 0.0,
            },
            sv,
        )
        .unwrap();
        let mut sink = Sink::default();
        // Once warm: the protobuf forms' text buffers come from a pool the
        // first messages fill.
        for frame in [&price, &size, &string, &generic] {
            dispatch_frame(sv, &frame[4..], &mut Sink::default());
        }
        let before = ALLOCS.load(Ordering::SeqCst);
        COUNTING.with(|c| c.set(true));
        for _ in 0..1000 {
            dispatch_frame(sv, &price[4..], &mut sink);
            dispatch_frame(sv, &size[4..], &mut sink);
            dispatch_frame(sv, &string[4..], &mut sink);
            dispatch_frame(sv, &generic[4..], &mut sink);
        }
        COUNTING.with(|c| c.set(false));
        let after = ALLOCS.load(Ordering::SeqCst);
        assert_eq!(after - before, 0, "allocations at server version {sv}");
        assert_eq!((sink.prices, sink.sizes), (1000, 2000));
        assert_eq!((sink.strings, sink.generics), (10_000, 1000));
    }
}
