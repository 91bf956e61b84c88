//! The account messages: updateAccountValue, updatePortfolio (versions 6–8),
//! updateAccountTime, accountDownloadEnd, position (versions 1–3),
//! positionEnd, accountSummary(End), positionMulti(End),
//! accountUpdateMulti(End), pnl, pnlSingle, familyCodes, softDollarTiers,
//! receiveFA, replaceFAEnd.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::account::{
    AccountDownloadEnd, AccountSummary, AccountSummaryEnd, AccountUpdateMulti,
    AccountUpdateMultiEnd, FamilyCodes, PnL, PnLSingle, PositionData, PositionEnd, PositionMulti,
    PositionMultiEnd, ReceiveFa, ReplaceFaEnd, SoftDollarTiers, UpdateAccountTime,
    UpdateAccountValue, UpdatePortfolio,
};
use tws_api::messages::ids::incoming;
use tws_api::model::{Contract, FamilyCode, SoftDollarTier, UNSET_DECIMAL};

/// A contract as positions and portfolio lines carry it.
fn contract(r: &mut Rng) -> Contract {
    let opt = r.bool();
    Contract {
        con_id: r.int(),
        symbol: r.pick(&["AAPL", "ES", "", "BRK B", "ünï"]).into(),
        sec_type: if opt { "OPT".into() } else { "STK".into() },
        last_trade_date_or_contract_month: if opt {
            "20261218".into()
        } else {
            String::new()
        },
        strike: r.price(),
        right: if opt { "C".into() } else { String::new() },
        multiplier: r.pick(&["", "100", "50", "0.1"]).into(),
        exchange: r.pick(&["", "NASDAQ", "SMART"]).into(),
        primary_exchange: r.pick(&["", "NASDAQ", "ARCA"]).into(),
        currency: r.pick(&["USD", "EUR", ""]).into(),
        local_symbol: r.pick(&["AAPL", "AAPL  261218C00150000", ""]).into(),
        trading_class: r.pick(&["NMS", "AAPL", ""]).into(),
        ..Contract::default()
    }
}

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(11);
    let keys = [
        "NetLiquidation",
        "CashBalance",
        "AccountCode",
        "Cushion",
        "",
        "Leverage-S",
    ];
    for sv in VERSIONS {
        for _ in 0..12 {
            f.add(
                sv,
                &UpdateAccountValue {
                    key: r.pick(&keys).into(),
                    val: r.text(),
                    currency: r.pick(&["USD", "BASE", "", "EUR"]).into(),
                    account_name: r.text(),
                },
            );
            f.add(
                sv,
                &AccountSummary {
                    req_id: r.int(),
                    account: r.text(),
                    tag: r.pick(&keys).into(),
                    value: r.text(),
                    currency: r.pick(&["USD", "BASE", ""]).into(),
                },
            );
            f.add(
                sv,
                &AccountUpdateMulti {
                    req_id: r.int(),
                    account: r.text(),
                    model_code: r.text(),
                    key: r.pick(&keys).into(),
                    value: r.text(),
                    currency: r.pick(&["USD", "BASE", ""]).into(),
                },
            );
        }
        for version in [6, 7, 8] {
            for _ in 0..6 {
                let mut c = contract(&mut r);
                // Fields this version does not carry decode as empty.
                if version < 8 {
                    c.trading_class.clear();
                }
                if version < 7 {
                    c.multiplier.clear();
                    c.primary_exchange.clear();
                }
                c.exchange.clear();
                f.add(
                    sv,
                    &UpdatePortfolio {
                        version,
                        contract: c,
                        position: r.decimal(),
                        market_price: r.price(),
                        market_value: r.price(),
                        average_cost: r.price(),
                        unrealized_pnl: r.float(),
                        realized_pnl: r.float(),
                        account_name: r.text(),
                    },
                );
            }
        }
        for version in [1, 2, 3] {
            for _ in 0..6 {
                let mut c = contract(&mut r);
                c.primary_exchange.clear();
                if version < 2 {
                    c.trading_class.clear();
                }
                f.add(
                    sv,
                    &PositionData {
                        version,
                        account: r.text(),
                        contract: c,
                        position: if r.bool() { UNSET_DECIMAL } else { r.decimal() },
                        avg_cost: if version >= 3 { r.price() } else { 0.0 },
                    },
                );
            }
        }
        for _ in 0..6 {
            let mut c = contract(&mut r);
            c.primary_exchange.clear();
            f.add(
                sv,
                &PositionMulti {
                    req_id: r.int(),
                    account: r.text(),
                    contract: c,
                    pos: r.decimal(),
                    avg_cost: r.price(),
                    model_code: r.text(),
                },
            );
            f.add(
                sv,
                &PnL {
                    req_id: r.int(),
                    daily_pnl: r.float(),
                    unrealized_pnl: r.float(),
                    realized_pnl: r.float(),
                },
            );
            f.add(
                sv,
                &PnLSingle {
                    req_id: r.int(),
                    pos: r.decimal(),
                    daily_pnl: r.float(),
                    unrealized_pnl: r.float(),
                    realized_pnl: r.float(),
                    value: r.price(),
                },
            );
        }
        // What TWS sends when a PnL is not computable: Java's Double.MAX_VALUE.
        f.add_fields(
            sv,
            incoming::PNL_SINGLE,
            &[
                "7",
                "0",
                "1.7976931348623157E308",
                "1.7976931348623157E308",
                "1.7976931348623157E308",
                "1.7976931348623157E308",
            ],
        );
        f.add_fields(
            sv,
            incoming::PNL,
            &["8", "0.0", "0.0", "1.7976931348623157E308"],
        );
        for t in ["14:05", "", "09:30"] {
            f.add(
                sv,
                &UpdateAccountTime {
                    time_stamp: t.into(),
                },
            );
        }
        for _ in 0..3 {
            f.add(
                sv,
                &AccountDownloadEnd {
                    account_name: r.text(),
                },
            );
            f.add(sv, &AccountSummaryEnd { req_id: r.int() });
            f.add(sv, &PositionMultiEnd { req_id: r.int() });
            f.add(sv, &AccountUpdateMultiEnd { req_id: r.int() });
        }
        f.add(sv, &PositionEnd);
        for n in [0, 1, 3] {
            f.add(
                sv,
                &FamilyCodes {
                    family_codes: (0..n)
                        .map(|i| FamilyCode {
                            account_id: format!("DU{i}"),
                            family_code_str: r.pick(&["", "F1234567A", "x y"]).into(),
                        })
                        .collect(),
                },
            );
            f.add(
                sv,
                &SoftDollarTiers {
                    req_id: r.int(),
                    tiers: (0..n)
                        .map(|i| {
                            SoftDollarTier::new(format!("Tier{i}"), r.pick(&["", "1", "0.5"]), "")
                        })
                        .collect(),
                },
            );
        }
        for fa_data in [1, 2, 3] {
            f.add(
                sv,
                &ReceiveFa {
                    fa_data,
                    cxml: r
                        .pick(&[
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListOfGroups/>\n",
                            "",
                            "<name>Caf\u{e9} \\ 1</name>",
                        ])
                        .into(),
                },
            );
        }
        for text in ["GROUPS replaced", "", "x y"] {
            f.add(
                sv,
                &ReplaceFaEnd {
                    req_id: r.int(),
                    text: text.into(),
                },
            );
        }
    }
}
