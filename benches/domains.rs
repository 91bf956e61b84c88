//! The heaviest messages of the domains beyond the tick path: decoding and
//! dispatching a `contractDetails` and an `openOrder`, encoding a
//! `placeOrder` (text at 187, protobuf at 203; at 226 everything is
//! protobuf, open orders from 203); and the heap allocations of
//! one of each, counted on this thread before the timings.
//!
//! ```text
//! cargo bench --bench domains
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use tws_api::client::dispatch_frame;
use tws_api::messages::contracts::ContractData;
use tws_api::messages::orders::{OpenOrder, PlaceOrder};
use tws_api::messages::{encode_frame, to_frame};
use tws_api::sim::samples::{aapl_details, limit_order};
use tws_api::{Contract, ContractDetails, EWrapper, Order, OrderState};

/// Counts the allocations made on this thread while counting is on.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    ALLOCS.store(0, Ordering::Relaxed);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCS.load(Ordering::Relaxed)
}

#[derive(Default)]
struct Sink {
    n: usize,
}

impl EWrapper for Sink {
    fn contract_details(&mut self, _: i32, d: &ContractDetails) {
        self.n += d.long_name.len();
    }
    fn open_order(&mut self, _: i32, c: &Contract, o: &Order, s: &OrderState) {
        self.n += c.symbol.len() + o.order_type.len() + s.status.len();
    }
}

fn bench(c: &mut Criterion) {
    let details = ContractData {
        req_id: 7,
        details: aapl_details(),
    };
    let (contract, order, state) = limit_order();
    let open = OpenOrder {
        callback_order_id: None,
        contract: contract.clone(),
        order: order.clone(),
        order_state: state,
    };
    let place = PlaceOrder {
        order_id: 42,
        contract,
        order,
    };
    for sv in [187, 203, 226] {
        let cd = to_frame(&details, sv).expect("encodes");
        let oo = to_frame(&open, sv).expect("encodes");
        let mut sink = Sink::default();
        let a_cd = allocations(|| dispatch_frame(sv, &cd[4..], &mut sink));
        let a_oo = allocations(|| dispatch_frame(sv, &oo[4..], &mut sink));
        let mut out = Vec::with_capacity(4096);
        let a_po = allocations(|| encode_frame(&place, sv, &mut out).expect("encodes"));
        println!(
            "sv{sv}: allocations per message — contractDetails decode+dispatch {a_cd} \
             ({} bytes), openOrder decode+dispatch {a_oo} ({} bytes), placeOrder encode {a_po} \
             ({} bytes, {})",
            cd.len(),
            oo.len(),
            out.len(),
            if sv >= 203 { "protobuf" } else { "text" }
        );

        let mut g = c.benchmark_group(format!("sv{sv}"));
        g.bench_function("contract_details_dispatch", |b| {
            b.iter(|| dispatch_frame(sv, black_box(&cd[4..]), &mut sink))
        });
        g.bench_function("open_order_dispatch", |b| {
            b.iter(|| dispatch_frame(sv, black_box(&oo[4..]), &mut sink))
        });
        g.bench_function("place_order_encode", |b| {
            b.iter(|| {
                out.clear();
                encode_frame(black_box(&place), sv, &mut out).expect("encodes");
                out.len()
            })
        });
        g.finish();
    }
    black_box(Sink::default().n);
}

criterion_group!(benches, bench);
criterion_main!(benches);
