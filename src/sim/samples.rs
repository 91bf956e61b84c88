//! Sample answers as TWS fills them, for benchmarks and the bulk answers of
//! the burst gateway ([`super::burst`]): AAPL's contract details, a limit
//! order with its state, and one-minute bars. `benches/domains.rs`,
//! `benches/historical.rs` and `bench_e2e --mode bulk` use the same ones
//! (and `benches/historical_python.py` builds the same bars).

use crate::model::{BarData, Contract, ContractDetails, Decimal, Order, OrderState, TagValue};
use crate::UNSET_DOUBLE;

/// AAPL's details, filled as TWS fills them.
pub fn aapl_details() -> ContractDetails {
    let week = "20261130:0930-20261130:1600;20261201:0930-20261201:1600;\
                20261202:0930-20261202:1600;20261203:0930-20261203:1600;\
                20261204:0930-20261204:1600;20261205:CLOSED;20261206:CLOSED";
    ContractDetails {
        contract: Contract {
            con_id: 265598,
            primary_exchange: "NASDAQ".into(),
            local_symbol: "AAPL".into(),
            trading_class: "NMS".into(),
            ..Contract::stock("AAPL", "SMART", "USD")
        },
        market_name: "NMS".into(),
        min_tick: 0.01,
        order_types: "ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AON,AVGCOST,BASKET,BENCHPX,\
                      CASHQTY,COND,CONDORDER,DARKONLY,DARKPOLL,DAY,DEACT,DEACTDIS,DIS,\
                      GAT,GTC,GTD,GTT,HID,IBKRATS,ICE,IMB,IOC,LIT,LMT,LOC,MIDPX,MIT,MKT,\
                      MOC,MTL,NGCOMB,NODARK,NONALGO,OCA,OPG,OPGREROUT,PEGBENCH,PEGMID,\
                      POSTATS,POSTONLY,PREOPGRTH,PRICECHK,REL,RELPCTOFS,RPI,RTH,SCALE,\
                      SCALEODD,SCALERST,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,SWEEP,TRAIL,\
                      TRAILLIT,TRAILLMT,TRAILMIT,WHATIF"
            .into(),
        valid_exchanges: "SMART,AMEX,NYSE,CBOE,PHLX,ISE,CHX,ARCA,NASDAQ,DRCTEDGE,BEX,\
                          BATS,EDGEA,BYX,IEX,EDGX,FOXRIVER,PEARL,NYSENAT,LTSE,MEMX,\
                          IBEOS,OVERNIGHT,TPLUS0,PSX"
            .into(),
        price_magnifier: 1,
        long_name: "APPLE INC".into(),
        industry: "Technology".into(),
        category: "Computers".into(),
        subcategory: "Computers".into(),
        time_zone_id: "US/Eastern".into(),
        trading_hours: week.replace("0930", "0400").replace("1600", "2000"),
        liquid_hours: week.into(),
        sec_id_list: vec![TagValue::new("ISIN", "US0378331005")],
        market_rule_ids: "26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26".into(),
        stock_type: "COMMON".into(),
        min_size: Decimal::new(1, 4),
        size_increment: Decimal::new(1, 4),
        suggested_size_increment: Decimal::from(100),
        ..ContractDetails::default()
    }
}

/// A limit order with a few of the blocks TWS fills, and its state.
pub fn limit_order() -> (Contract, Order, OrderState) {
    let contract = Contract {
        con_id: 265598,
        ..Contract::stock("AAPL", "SMART", "USD")
    };
    let mut order = Order::limit("BUY", Decimal::from(100), 187.25);
    order.order_id = 42;
    order.perm_id = 1_234_567_890;
    order.client_id = 7;
    order.account = "DU1234567".into();
    order.tif = "DAY".into();
    order.order_ref = "bench".into();
    let state = OrderState {
        status: "Submitted".into(),
        commission_and_fees: UNSET_DOUBLE,
        ..OrderState::default()
    };
    (contract, order, state)
}

/// `n` one-minute bars from 2024-01-01 00:00 UTC, dated in epoch seconds
/// (`format_date` 2), prices cycling over a dollar.
pub fn minute_bars(n: usize) -> Vec<BarData> {
    (0..n)
        .map(|i| BarData {
            date: (1_704_067_200 + 60 * i as i64).to_string(),
            open: 187.25 + (i % 100) as f64 * 0.01,
            high: 187.5 + (i % 100) as f64 * 0.01,
            low: 187.0 + (i % 100) as f64 * 0.01,
            close: 187.3 + (i % 100) as f64 * 0.01,
            volume: Decimal::from(100 + (i % 900) as i64),
            wap: Decimal::new(1_872_512 + (i % 100) as i64, 4),
            bar_count: 42,
        })
        .collect()
}
