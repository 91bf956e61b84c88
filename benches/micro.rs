//! Micro-benchmarks of the tick path: frame splitting, field parsing, tickPrice
//! decoding, and decode + dispatch into an `EWrapper`.
//!
//! ```text
//! cargo bench --bench micro
//! ```

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tws_api::client::dispatch_frame;
use tws_api::messages::market_data::TickPrice;
use tws_api::messages::{encode_frame, Message};
use tws_api::wire::frame::Frames;
use tws_api::wire::{FieldReader, MessageHeader};
use tws_api::{tick_type, Decimal, EWrapper, TickAttrib, TickType};

const N: usize = 4096;

fn ticks(sv: i32) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..N {
        let t = TickPrice {
            req_id: 1,
            tick_type: [tick_type::BID, tick_type::ASK, tick_type::LAST][i % 3],
            price: 187.0 + (i % 100) as f64 * 0.01,
            size: Decimal::from(100 + (i % 9) * 100),
            attr_mask: 0,
        };
        encode_frame(&t, sv, &mut out).expect("encodes");
    }
    out
}

#[derive(Default)]
struct Sink {
    sum: f64,
    n: u64,
}

impl EWrapper for Sink {
    #[inline]
    fn tick_price(&mut self, _r: i32, _t: TickType, price: f64, _a: TickAttrib) {
        self.sum += price;
    }
    #[inline]
    fn tick_size(&mut self, _r: i32, _t: TickType, _size: Decimal) {
        self.n += 1;
    }
}

fn bench(c: &mut Criterion) {
    // 222: the protobuf form (dispatch only; the field reads are the text form's).
    for sv in [176, 203, 222] {
        let stream = ticks(sv);
        let payloads: Vec<&[u8]> = Frames::new(&stream).collect();

        let mut g = c.benchmark_group(format!("sv{sv}"));
        g.throughput(Throughput::Elements(N as u64));

        g.bench_function("frame_split", |b| {
            b.iter(|| {
                Frames::new(black_box(&stream))
                    .map(|p| p.len())
                    .sum::<usize>()
            })
        });

        if sv < 206 {
            g.bench_function("field_parse", |b| {
                b.iter(|| {
                    let mut acc = 0.0;
                    for p in &payloads {
                        let h = MessageHeader::parse(sv, p).expect("header");
                        let mut r = FieldReader::new(&p[h.body_start..]);
                        let _ = r.read_int::<i32>();
                        acc += r.read_int::<i32>().unwrap_or(0) as f64;
                        acc += r.read_int::<i32>().unwrap_or(0) as f64;
                        acc += r.read_f64("price").unwrap_or(0.0);
                    }
                    acc
                })
            });

            g.bench_function("tick_decode", |b| {
                b.iter(|| {
                    let mut acc = 0.0;
                    for p in &payloads {
                        let h = MessageHeader::parse(sv, p).expect("header");
                        let t = TickPrice::decode(sv, &mut FieldReader::new(&p[h.body_start..]))
                            .expect("decodes");
                        acc += t.price;
                    }
                    acc
                })
            });
        }

        g.bench_function("dispatch", |b| {
            let mut sink = Sink::default();
            b.iter(|| {
                for p in &payloads {
                    dispatch_frame(sv, black_box(p), &mut sink);
                }
                sink.n
            })
        });
        g.finish();
    }
}

/// Depth updates (half level II with a borrowed market maker), decoded and
/// dispatched: no allocation (tests/depth_allocations.rs counts them).
fn depth(c: &mut Criterion) {
    use tws_api::messages::market_data::depth::{MarketDepth, MarketDepthL2};

    #[derive(Default)]
    struct Book {
        n: u64,
    }
    impl EWrapper for Book {
        fn update_mkt_depth(&mut self, _: i32, p: i32, _: i32, _: i32, _: f64, _: Decimal) {
            self.n += p as u64;
        }
        fn update_mkt_depth_l2(
            &mut self,
            _: i32,
            p: i32,
            mm: &str,
            _: i32,
            _: i32,
            _: f64,
            _: Decimal,
            _: bool,
        ) {
            self.n += p as u64 + mm.len() as u64;
        }
    }

    for sv in [176, 203] {
        let mut stream = Vec::new();
        for i in 0..N {
            let (position, price, size) = (
                (i % 10) as i32,
                187.0 + (i % 10) as f64 * 0.01,
                Decimal::from(100 * (1 + i % 20)),
            );
            if i % 2 == 0 {
                let m = MarketDepth {
                    req_id: 1,
                    position,
                    operation: 1,
                    side: (i % 4 / 2) as i32,
                    price,
                    size,
                };
                encode_frame(&m, sv, &mut stream).expect("encodes");
            } else {
                let m = MarketDepthL2 {
                    req_id: 1,
                    position,
                    market_maker: ["NSDQ", "ARCA", "BATS"][i % 3].into(),
                    operation: 1,
                    side: (i % 4 / 2) as i32,
                    price,
                    size,
                    is_smart_depth: true,
                };
                encode_frame(&m, sv, &mut stream).expect("encodes");
            }
        }
        let payloads: Vec<&[u8]> = Frames::new(&stream).collect();
        let mut g = c.benchmark_group(format!("sv{sv}"));
        g.throughput(Throughput::Elements(N as u64));
        g.bench_function("depth_dispatch", |b| {
            let mut book = Book::default();
            b.iter(|| {
                for p in &payloads {
                    dispatch_frame(sv, black_box(p), &mut book);
                }
                book.n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench, depth);
criterion_main!(benches);
