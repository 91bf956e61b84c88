//! Scanner messages: scannerParameters, scannerData (one scannerData per
//! row, then scannerDataEnd).

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::scanner::{ScannerData, ScannerParameters};
use tws_api::{ContractDetails, ScanData};

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(20);
    for sv in VERSIONS {
        for _ in 0..4 {
            f.add(sv, &ScannerParameters { xml: r.text() });
        }
        f.add(
            sv,
            &ScannerParameters {
                xml: "<?xml version=\"1.0\"?>\n<ScanParameterResponse>\t<a>é ✓ \\ </a></ScanParameterResponse>"
                    .into(),
            },
        );
        for n in [0usize, 1, 3, 8] {
            let mut rows = Vec::new();
            for rank in 0..n {
                let mut d = ContractDetails::default();
                d.contract.con_id = r.int();
                d.contract.symbol = r.pick(&["AAPL", "BRK B", "", "ÄÖÜ"]).into();
                d.contract.sec_type = r.pick(&["STK", "OPT", "FUT", "BAG"]).into();
                d.contract.last_trade_date_or_contract_month = r.pick(&["", "20261218"]).into();
                d.contract.strike = r.price();
                d.contract.right = r.pick(&["", "C", "P"]).into();
                d.contract.exchange = r.pick(&["SMART", "", "NYSE"]).into();
                d.contract.currency = r.pick(&["USD", "EUR", ""]).into();
                d.contract.local_symbol = r.text();
                d.market_name = r.text();
                d.contract.trading_class = r.pick(&["NMS", "", "SPY"]).into();
                rows.push(ScanData {
                    contract: d,
                    rank: if rank % 3 == 2 { r.int() } else { rank as i32 },
                    distance: r.text(),
                    benchmark: r.text(),
                    projection: r.text(),
                    legs_str: r.pick(&["", "265598|1,8314|-1"]).into(),
                });
            }
            f.add(
                sv,
                &ScannerData {
                    req_id: r.int(),
                    rows,
                },
            );
        }
        // Empty numbers as TWS may send them: rank, con id and strike empty.
        f.add_fields(
            sv,
            tws_api::messages::ids::incoming::SCANNER_DATA,
            &[
                "3", "5", "1", "", "", "IBM", "STK", "", "", "", "SMART", "USD", "IBM", "IBM",
                "IBM", "", "", "", "",
            ],
        );
    }
}
