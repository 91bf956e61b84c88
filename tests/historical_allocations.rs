//! A year of minute bars in one `historicalData` message (100,000 bars) is
//! delivered bar by bar without copying the bars: decoding and dispatching
//! the frame makes a handful of heap allocations (the one reused bar's date
//! buffer growing), not one per bar, and holds no list of bars. Counted with a
//! global allocator on the test thread, so the claim is checked, not timed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use tws_api::client::dispatch_frame;
use tws_api::messages::historical::{HistoricalData, HistoricalDataHeader};
use tws_api::messages::to_frame;
use tws_api::{BarData, Decimal, EWrapper};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::SeqCst);
            BYTES.fetch_add(layout.size(), Ordering::SeqCst);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::SeqCst);
            BYTES.fetch_add(new_size, Ordering::SeqCst);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[derive(Default)]
struct Sink {
    bars: u32,
    volume: Decimal,
    ends: u32,
}

impl EWrapper for Sink {
    fn historical_data(&mut self, _req_id: i32, bar: &BarData) {
        self.bars += 1;
        self.volume += bar.volume;
    }
    fn historical_data_end(&mut self, _req_id: i32, _start: &str, _end: &str) {
        self.ends += 1;
    }
}

#[test]
fn a_hundred_thousand_bars_are_not_copied() {
    const N: usize = 100_000;
    let bars: Vec<BarData> = (0..N)
        .map(|i| BarData {
            date: format!("20250102 {:02}:{:02}:00 US/Eastern", i / 60 % 24, i % 60),
            open: 187.25,
            high: 187.5,
            low: 187.0,
            close: 187.3,
            volume: Decimal::from(100 + i as i64 % 900),
            wap: Decimal::new(1_872_512, 4),
            bar_count: 42,
        })
        .collect();
    for sv in [187, 203] {
        let frame = to_frame(
            &HistoricalData {
                header: HistoricalDataHeader {
                    req_id: 1,
                    start_date: "20250101 00:00:00 US/Eastern".into(),
                    end_date: "20251231 00:00:00 US/Eastern".into(),
                },
                bars: bars.clone(),
            },
            sv,
        )
        .unwrap();
        let mut sink = Sink::default();
        let (allocs, bytes) = (ALLOCS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst));
        COUNTING.with(|c| c.set(true));
        dispatch_frame(sv, &frame[4..], &mut sink);
        COUNTING.with(|c| c.set(false));
        let allocs = ALLOCS.load(Ordering::SeqCst) - allocs;
        let bytes = BYTES.load(Ordering::SeqCst) - bytes;
        println!("sv {sv}: {N} bars dispatched with {allocs} allocations ({bytes} bytes)");
        assert_eq!(sink.bars, N as u32);
        assert_eq!(sink.ends, u32::from(sv < 196));
        assert!(
            allocs <= 8 && bytes <= 1024,
            "sv {sv}: {allocs} allocations, {bytes} bytes for {N} bars"
        );
    }
}
