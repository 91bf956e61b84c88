//! One `historicalData` answer of 100,000 bars (a year of 1-minute bars):
//! decode + dispatch time, and the heap it takes (peak bytes allocated while
//! dispatching, beyond the frame itself). The official Python client on the
//! same frame: `python3 benches/historical_python.py`.
//!
//! ```text
//! cargo bench --bench historical
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tws_api::client::dispatch_frame;
use tws_api::messages::historical::{HistoricalData, HistoricalDataHeader};
use tws_api::messages::to_frame;
use tws_api::sim::samples::minute_bars;
use tws_api::{BarData, EWrapper};

/// Counts live heap bytes and their peak.
struct Peak;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live =
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed) + layout.size() as isize;
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

const BARS: usize = 100_000;

/// The frame payload (without its length prefix); the same bars as
/// `historical_python.py` builds.
fn payload(sv: i32) -> Vec<u8> {
    let bars = minute_bars(BARS);
    let msg = HistoricalData {
        header: HistoricalDataHeader {
            req_id: 1,
            ..HistoricalDataHeader::default()
        },
        bars,
    };
    to_frame(&msg, sv).expect("encodes")[4..].to_vec()
}

#[derive(Default)]
struct Sink {
    close: f64,
    n: u64,
}

impl EWrapper for Sink {
    #[inline]
    fn historical_data(&mut self, _req_id: i32, bar: &BarData) {
        self.close += bar.close;
        self.n += 1;
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("historical");
    g.throughput(Throughput::Elements(BARS as u64));
    g.sample_size(20);
    // 203: the text form (bars read one by one as they are delivered);
    // 222: the protobuf form (held whole: its `…ProtoBuf` callback gets it).
    for sv in [203, 222] {
        let p = payload(sv);
        println!(
            "historicalData frame at {sv}: {BARS} bars, {} bytes",
            p.len()
        );
        let mut sink = Sink::default();
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        dispatch_frame(sv, &p, &mut sink);
        let peak = PEAK.load(Ordering::Relaxed) - base;
        println!(
            "peak heap while dispatching {BARS} bars at {sv}: {peak} bytes (beyond the frame)"
        );
        g.bench_function(format!("dispatch_100k_bars_{sv}"), |b| {
            b.iter(|| {
                dispatch_frame(sv, black_box(&p), &mut sink);
                sink.n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
