//! The historical messages: historicalData (one callback per bar, the end
//! inline before 196), historicalDataEnd, historicalDataUpdate,
//! historicalSchedule, headTimestamp, histogramData, historicalTicks,
//! historicalTicksBidAsk, historicalTicksLast, realtimeBar.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::historical::{
    HeadTimestamp, HistogramDataMsg, HistoricalData, HistoricalDataEnd, HistoricalDataHeader,
    HistoricalDataUpdate, HistoricalSchedule, HistoricalTicks, HistoricalTicksBidAsk,
    HistoricalTicksLast, RealTimeBars,
};
use tws_api::messages::ids::incoming;
use tws_api::{
    BarData, HistogramData, HistoricalSession, HistoricalTick, HistoricalTickBidAsk,
    HistoricalTickLast, RealTimeBar, TickAttribBidAsk, TickAttribLast, UNSET_DECIMAL,
};

fn bar(r: &mut Rng, i: usize) -> BarData {
    BarData {
        date: match i % 4 {
            0 => format!("20250102 {:02}:{:02}:00 US/Eastern", 9 + i % 7, i % 60),
            1 => (1_735_828_200 + 60 * i as i64).to_string(),
            2 => "20250102".into(),
            _ => r.text(),
        },
        open: r.price(),
        high: r.price(),
        low: r.price(),
        close: if i % 11 == 0 { r.float() } else { r.price() },
        volume: if i % 13 == 0 {
            UNSET_DECIMAL
        } else {
            r.decimal()
        },
        wap: r.decimal(),
        bar_count: r.int(),
    }
}

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(9);
    for sv in VERSIONS {
        // Bars: empty, small, and (at 203) a large answer: the truncation
        // test cuts every frame at every field, so "large" stays in hundreds.
        let sizes: &[usize] = if sv == 203 {
            &[0, 1, 3, 17, 200]
        } else {
            &[0, 1, 3, 17]
        };
        for &n in sizes {
            let bars = (0..n).map(|i| bar(&mut r, i)).collect();
            f.add(
                sv,
                &HistoricalData {
                    header: HistoricalDataHeader {
                        req_id: r.int(),
                        start_date: "20250101 16:00:00 US/Eastern".into(),
                        end_date: r.text(),
                    },
                    bars,
                },
            );
        }
        for _ in 0..6 {
            f.add(
                sv,
                &HistoricalDataEnd {
                    req_id: r.int(),
                    start_date_str: r.text(),
                    end_date_str: r
                        .pick(&["", "20250102 16:00:00 US/Eastern", "1735851600"])
                        .into(),
                },
            );
            let b = bar(&mut r, 5);
            f.add(
                sv,
                &HistoricalDataUpdate {
                    req_id: r.int(),
                    bar: b,
                },
            );
            f.add(
                sv,
                &HeadTimestamp {
                    req_id: r.int(),
                    head_timestamp: r.pick(&["19801212 09:30:00", "345479400", ""]).into(),
                },
            );
        }
        for n in [0usize, 1, 4] {
            f.add(
                sv,
                &HistoricalSchedule {
                    req_id: r.int(),
                    start_date_time: "20250101-09:30:00".into(),
                    end_date_time: r.text(),
                    time_zone: r.pick(&["US/Eastern", "", "Europe/Zurich"]).into(),
                    sessions: (0..n)
                        .map(|i| HistoricalSession {
                            start_date_time: format!("2025010{}-09:30:00", i + 2),
                            end_date_time: r.text(),
                            ref_date: format!("2025010{}", i + 2),
                        })
                        .collect(),
                },
            );
            f.add(
                sv,
                &HistogramDataMsg {
                    req_id: r.int(),
                    items: (0..n * 3)
                        .map(|_| HistogramData {
                            price: r.price(),
                            size: r.decimal(),
                        })
                        .collect(),
                },
            );
            f.add(
                sv,
                &HistoricalTicks {
                    req_id: r.int(),
                    ticks: (0..n * 2)
                        .map(|_| HistoricalTick {
                            time: r.long(),
                            price: r.price(),
                            size: r.decimal(),
                        })
                        .collect(),
                    done: r.bool(),
                },
            );
            f.add(
                sv,
                &HistoricalTicksBidAsk {
                    req_id: r.int(),
                    ticks: (0..n * 2)
                        .map(|_| HistoricalTickBidAsk {
                            time: r.long(),
                            tick_attrib_bid_ask: TickAttribBidAsk {
                                bid_past_low: r.bool(),
                                ask_past_high: r.bool(),
                            },
                            price_bid: r.price(),
                            price_ask: r.float(),
                            size_bid: r.decimal(),
                            size_ask: UNSET_DECIMAL,
                        })
                        .collect(),
                    done: r.bool(),
                },
            );
            f.add(
                sv,
                &HistoricalTicksLast {
                    req_id: r.int(),
                    ticks: (0..n * 2)
                        .map(|_| HistoricalTickLast {
                            time: r.long(),
                            tick_attrib_last: TickAttribLast {
                                past_limit: r.bool(),
                                unreported: r.bool(),
                            },
                            price: r.price(),
                            size: r.decimal(),
                            exchange: r.pick(&["NASDAQ", "", "ARCA"]).into(),
                            special_conditions: r.text(),
                        })
                        .collect(),
                    done: r.bool(),
                },
            );
        }
        for _ in 0..8 {
            f.add(
                sv,
                &RealTimeBars {
                    req_id: r.int(),
                    bar: RealTimeBar {
                        time: r.long(),
                        open: r.price(),
                        high: r.float(),
                        low: r.price(),
                        close: r.price(),
                        volume: r.decimal(),
                        wap: r.decimal(),
                        count: r.int(),
                        ..RealTimeBar::default()
                    },
                },
            );
        }
        // Hand-made: masks with unknown bits, empty numbers, a negative bar count.
        let hist = incoming::HISTORICAL_TICKS_BID_ASK;
        f.add_fields(
            sv,
            hist,
            &["3", "1", "1735828200", "7", "1.5", "", "", "100", "0"],
        );
        let last = incoming::HISTORICAL_TICKS_LAST;
        f.add_fields(
            sv,
            last,
            &["4", "1", "1735828200", "3", "", "1.5E2", "NYSE", "", "1"],
        );
        let ticks = incoming::HISTORICAL_TICKS;
        f.add_fields(sv, ticks, &["5", "1", "1735828200", "", "2.5", "", "1"]);
        let data = incoming::HISTORICAL_DATA;
        if sv >= 196 {
            f.add_fields(sv, data, &["6", "-1"]);
            f.add_fields(sv, data, &["6", "1", "", "", "", "", "", "", "", ""]);
        } else {
            f.add_fields(sv, data, &["6", "a", "b", "-1"]);
            f.add_fields(
                sv,
                data,
                &["6", "a", "b", "1", "", "", "", "", "", "", "", ""],
            );
        }
        let upd = incoming::HISTORICAL_DATA_UPDATE;
        f.add_fields(sv, upd, &["7", "-1", "", "", "", "", "", "", ""]);
        let rt = incoming::REAL_TIME_BARS;
        f.add_fields(
            sv,
            rt,
            &[
                "3",
                "8",
                "",
                "",
                "",
                "",
                "",
                "2147483647",
                "1.7976931348623157E308",
                "",
            ],
        );
    }
}
