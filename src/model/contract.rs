//! Instruments: [`Contract`], its combo legs, and the details TWS returns about it.

use super::ineligibility_reason::IneligibilityReason;
use super::tag_value::TagValue;
use super::unset::{Decimal, UNSET_DECIMAL, UNSET_DOUBLE};

/// [`ComboLeg::open_close`]: the leg opens or closes like the combo as a whole.
pub const SAME_POS: i32 = 0;
/// [`ComboLeg::open_close`]: the leg opens a position.
pub const OPEN_POS: i32 = 1;
/// [`ComboLeg::open_close`]: the leg closes a position.
pub const CLOSE_POS: i32 = 2;
/// [`ComboLeg::open_close`]: unknown.
pub const UNKNOWN_POS: i32 = 3;

/// One leg of a combination (BAG) contract.
#[derive(Debug, Clone, PartialEq)]
pub struct ComboLeg {
    /// Contract id of the leg's instrument.
    pub con_id: i32,
    /// How many units of this leg per unit of the combo.
    pub ratio: i32,
    /// `BUY`, `SELL` or `SSHORT`.
    pub action: String,
    /// Exchange the leg is routed to.
    pub exchange: String,
    /// Open/close flag of the leg: [`SAME_POS`], [`OPEN_POS`], [`CLOSE_POS`] or [`UNKNOWN_POS`].
    pub open_close: i32,
    /// Short sale slot for stock legs sold short (institutional accounts): 1 or 2.
    pub short_sale_slot: i32,
    /// Where the shares are held when `short_sale_slot` is 2.
    pub designated_location: String,
    /// Short sale exemption code; −1 when none.
    pub exempt_code: i32,
}

impl Default for ComboLeg {
    fn default() -> Self {
        Self {
            con_id: 0,
            ratio: 0,
            action: String::new(),
            exchange: String::new(),
            open_close: SAME_POS,
            short_sale_slot: 0,
            designated_location: String::new(),
            exempt_code: -1,
        }
    }
}

/// The underlying used to delta-hedge a combo or an option order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DeltaNeutralContract {
    /// Contract id of the hedging instrument.
    pub con_id: i32,
    /// Hedge delta.
    pub delta: f64,
    /// Price of the hedging instrument.
    pub price: f64,
}

/// An instrument: what to trade or to request data for.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// IB's unique contract id; 0 when the contract is described by its other fields.
    pub con_id: i32,
    /// Underlying symbol.
    pub symbol: String,
    /// Security type: `STK`, `OPT`, `FUT`, `CASH`, `BAG`, `IND`, `BOND`, …
    pub sec_type: String,
    /// Expiry as `YYYYMM` (contract month) or `YYYYMMDD` (last trading day).
    pub last_trade_date_or_contract_month: String,
    /// Last trading day, `YYYYMMDD`, as reported by TWS.
    pub last_trade_date: String,
    /// Option strike; [`UNSET_DOUBLE`] when not given.
    pub strike: f64,
    /// Option right: `C`/`CALL` or `P`/`PUT`.
    pub right: String,
    /// Contract multiplier, as text (e.g. `"100"`).
    pub multiplier: String,
    /// Destination exchange (`SMART` for smart routing).
    pub exchange: String,
    /// The listing exchange, used to disambiguate a `SMART` contract; never `SMART` itself.
    pub primary_exchange: String,
    /// Trading currency.
    pub currency: String,
    /// The symbol on the primary exchange.
    pub local_symbol: String,
    /// Trading class (e.g. for options on the same underlying).
    pub trading_class: String,
    /// Whether expired futures/options are included in contract searches.
    pub include_expired: bool,
    /// Type of [`sec_id`](Self::sec_id): `CUSIP`, `SEDOL`, `ISIN`, `RIC`, …
    pub sec_id_type: String,
    /// Security identifier of the given [`sec_id_type`](Self::sec_id_type).
    pub sec_id: String,
    /// Free-text description.
    pub description: String,
    /// Issuer id (bonds).
    pub issuer_id: String,
    /// Text description of the combo legs, sent by TWS with open orders.
    pub combo_legs_descrip: String,
    /// Legs of a combination (`BAG`) contract.
    pub combo_legs: Vec<ComboLeg>,
    /// Delta-neutral hedge contract, when there is one.
    pub delta_neutral_contract: Option<DeltaNeutralContract>,
}

impl Default for Contract {
    fn default() -> Self {
        Self {
            con_id: 0,
            symbol: String::new(),
            sec_type: String::new(),
            last_trade_date_or_contract_month: String::new(),
            last_trade_date: String::new(),
            strike: UNSET_DOUBLE,
            right: String::new(),
            multiplier: String::new(),
            exchange: String::new(),
            primary_exchange: String::new(),
            currency: String::new(),
            local_symbol: String::new(),
            trading_class: String::new(),
            include_expired: false,
            sec_id_type: String::new(),
            sec_id: String::new(),
            description: String::new(),
            issuer_id: String::new(),
            combo_legs_descrip: String::new(),
            combo_legs: Vec::new(),
            delta_neutral_contract: None,
        }
    }
}

/// Constructors for the contracts everyone writes. The official fields stay
/// public: set anything else on the result (`primary_exchange`,
/// `trading_class`, …) before sending it.
impl Contract {
    /// A stock (`STK`).
    ///
    /// ```
    /// use tws_api::Contract;
    /// let aapl = Contract::stock("AAPL", "SMART", "USD");
    /// assert_eq!((aapl.sec_type.as_str(), aapl.exchange.as_str()), ("STK", "SMART"));
    /// ```
    pub fn stock(
        symbol: impl Into<String>,
        exchange: impl Into<String>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            symbol: symbol.into(),
            sec_type: "STK".into(),
            exchange: exchange.into(),
            currency: currency.into(),
            ..Self::default()
        }
    }

    /// An option (`OPT`) on `symbol`: expiry as `YYYYMMDD` (or `YYYYMM` for
    /// every expiry of the month), right `C`/`P` (or `CALL`/`PUT`).
    ///
    /// ```
    /// use tws_api::Contract;
    /// let call = Contract::option("SPY", "20261218", 590.0, "C", "SMART", "USD");
    /// assert_eq!(call.strike, 590.0);
    /// assert_eq!(call.last_trade_date_or_contract_month, "20261218");
    /// ```
    pub fn option(
        symbol: impl Into<String>,
        expiry: impl Into<String>,
        strike: f64,
        right: impl Into<String>,
        exchange: impl Into<String>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            symbol: symbol.into(),
            sec_type: "OPT".into(),
            last_trade_date_or_contract_month: expiry.into(),
            strike,
            right: right.into(),
            exchange: exchange.into(),
            currency: currency.into(),
            ..Self::default()
        }
    }

    /// A future (`FUT`): contract month `YYYYMM` or last trading day `YYYYMMDD`.
    ///
    /// ```
    /// use tws_api::Contract;
    /// let es = Contract::future("ES", "202612", "CME", "USD");
    /// assert_eq!(es.sec_type, "FUT");
    /// ```
    pub fn future(
        symbol: impl Into<String>,
        contract_month: impl Into<String>,
        exchange: impl Into<String>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            symbol: symbol.into(),
            sec_type: "FUT".into(),
            last_trade_date_or_contract_month: contract_month.into(),
            exchange: exchange.into(),
            currency: currency.into(),
            ..Self::default()
        }
    }

    /// A currency pair (`CASH` on `IDEALPRO`): `forex("EUR", "USD")` is EUR.USD.
    ///
    /// ```
    /// use tws_api::Contract;
    /// let eurusd = Contract::forex("EUR", "USD");
    /// assert_eq!((eurusd.symbol.as_str(), eurusd.currency.as_str()), ("EUR", "USD"));
    /// assert_eq!(eurusd.exchange, "IDEALPRO");
    /// ```
    pub fn forex(base: impl Into<String>, quote: impl Into<String>) -> Self {
        Self {
            symbol: base.into(),
            sec_type: "CASH".into(),
            exchange: "IDEALPRO".into(),
            currency: quote.into(),
            ..Self::default()
        }
    }

    /// An index (`IND`), e.g. `index("SPX", "CBOE", "USD")`.
    ///
    /// ```
    /// use tws_api::Contract;
    /// assert_eq!(Contract::index("SPX", "CBOE", "USD").sec_type, "IND");
    /// ```
    pub fn index(
        symbol: impl Into<String>,
        exchange: impl Into<String>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            symbol: symbol.into(),
            sec_type: "IND".into(),
            exchange: exchange.into(),
            currency: currency.into(),
            ..Self::default()
        }
    }

    /// A combination (`BAG`) of `legs`; `symbol` is the underlying's symbol
    /// (or the legs' symbols joined by commas for an inter-commodity spread).
    ///
    /// ```
    /// use tws_api::{ComboLeg, Contract};
    /// let spread = Contract::combo(
    ///     "SPY",
    ///     "SMART",
    ///     "USD",
    ///     vec![ComboLeg::new(700_000_001, 1, "BUY", "SMART"), ComboLeg::new(700_000_002, 1, "SELL", "SMART")],
    /// );
    /// assert_eq!(spread.sec_type, "BAG");
    /// assert_eq!(spread.combo_legs.len(), 2);
    /// ```
    pub fn combo(
        symbol: impl Into<String>,
        exchange: impl Into<String>,
        currency: impl Into<String>,
        legs: Vec<ComboLeg>,
    ) -> Self {
        Self {
            symbol: symbol.into(),
            sec_type: "BAG".into(),
            exchange: exchange.into(),
            currency: currency.into(),
            combo_legs: legs,
            ..Self::default()
        }
    }
}

impl ComboLeg {
    /// A leg: `ratio` units of contract `con_id`, `action` `BUY` or `SELL`,
    /// routed to `exchange`; the other fields keep their defaults.
    pub fn new(
        con_id: i32,
        ratio: i32,
        action: impl Into<String>,
        exchange: impl Into<String>,
    ) -> Self {
        Self {
            con_id,
            ratio,
            action: action.into(),
            exchange: exchange.into(),
            ..Self::default()
        }
    }
}

/// The asset class of a fund, as reported in [`ContractDetails::fund_asset_type`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FundAssetType {
    /// Not reported.
    #[default]
    NoneItem,
    /// Other assets (`000`).
    Others,
    /// Money market (`001`).
    MoneyMarket,
    /// Fixed income (`002`).
    FixedIncome,
    /// Multi-asset (`003`).
    MultiAsset,
    /// Equity (`004`).
    Equity,
    /// Sector (`005`).
    Sector,
    /// Guaranteed (`006`).
    Guaranteed,
    /// Alternative (`007`).
    Alternative,
}

/// Debug shows the official enum's value: `("code", "description")`.
impl std::fmt::Debug for FundAssetType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("")
            .field(&self.code())
            .field(&self.description())
            .finish()
    }
}

impl FundAssetType {
    /// Every variant, in the official order.
    pub const ALL: [FundAssetType; 9] = [
        Self::NoneItem,
        Self::Others,
        Self::MoneyMarket,
        Self::FixedIncome,
        Self::MultiAsset,
        Self::Equity,
        Self::Sector,
        Self::Guaranteed,
        Self::Alternative,
    ];

    /// The code TWS sends on the wire (`"None"`, `"000"` … `"007"`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoneItem => "None",
            Self::Others => "000",
            Self::MoneyMarket => "001",
            Self::FixedIncome => "002",
            Self::MultiAsset => "003",
            Self::Equity => "004",
            Self::Sector => "005",
            Self::Guaranteed => "006",
            Self::Alternative => "007",
        }
    }

    /// A human-readable name.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoneItem => "None",
            Self::Others => "Others",
            Self::MoneyMarket => "Money Market",
            Self::FixedIncome => "Fixed Income",
            Self::MultiAsset => "Multi-asset",
            Self::Equity => "Equity",
            Self::Sector => "Sector",
            Self::Guaranteed => "Guaranteed",
            Self::Alternative => "Alternative",
        }
    }

    /// The variant for a wire code; unknown codes give [`FundAssetType::NoneItem`].
    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|item| item.code() == code)
            .unwrap_or_default()
    }
}

/// Whether a fund distributes or accumulates income
/// ([`ContractDetails::fund_distribution_policy_indicator`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FundDistributionPolicyIndicator {
    /// Not reported.
    #[default]
    NoneItem,
    /// Income is reinvested (`N`).
    AccumulationFund,
    /// Income is paid out (`Y`).
    IncomeFund,
}

/// Debug shows the official enum's value: `("code", "description")`.
impl std::fmt::Debug for FundDistributionPolicyIndicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("")
            .field(&self.code())
            .field(&self.description())
            .finish()
    }
}

impl FundDistributionPolicyIndicator {
    /// Every variant, in the official order.
    pub const ALL: [FundDistributionPolicyIndicator; 3] =
        [Self::NoneItem, Self::AccumulationFund, Self::IncomeFund];

    /// The code TWS sends on the wire (`"None"`, `"N"`, `"Y"`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NoneItem => "None",
            Self::AccumulationFund => "N",
            Self::IncomeFund => "Y",
        }
    }

    /// A human-readable name.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoneItem => "None",
            Self::AccumulationFund => "Accumulation Fund",
            Self::IncomeFund => "Income Fund",
        }
    }

    /// The variant for a wire code; unknown codes give
    /// [`FundDistributionPolicyIndicator::NoneItem`].
    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|item| item.code() == code)
            .unwrap_or_default()
    }
}

/// Everything TWS knows about a contract: the full [`Contract`] plus trading
/// rules, hours, and bond or fund specifics. Returned by `req_contract_details`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractDetails {
    /// The fully resolved contract.
    pub contract: Contract,
    /// Market name.
    pub market_name: String,
    /// Minimum price increment.
    pub min_tick: f64,
    /// Comma-separated order types accepted for this contract.
    pub order_types: String,
    /// Comma-separated exchanges the contract can be routed to.
    pub valid_exchanges: String,
    /// Divide prices by this number to get real prices.
    pub price_magnifier: i32,
    /// Contract id of the underlying (derivatives).
    pub under_con_id: i32,
    /// Descriptive name of the instrument.
    pub long_name: String,
    /// Contract month of the derivative.
    pub contract_month: String,
    /// Industry classification.
    pub industry: String,
    /// Industry category.
    pub category: String,
    /// Industry subcategory.
    pub subcategory: String,
    /// Time zone of the trading and liquid hours.
    pub time_zone_id: String,
    /// Trading hours, including outside regular hours.
    pub trading_hours: String,
    /// Regular (liquid) trading hours.
    pub liquid_hours: String,
    /// Economic value rule (e.g. `aussieBond:YearsToExpiration=3`).
    pub ev_rule: String,
    /// Economic value multiplier.
    pub ev_multiplier: i32,
    /// Aggregation group, for market depth.
    pub agg_group: i32,
    /// Symbol of the underlying.
    pub under_symbol: String,
    /// Security type of the underlying.
    pub under_sec_type: String,
    /// Comma-separated market rule ids, one per valid exchange.
    pub market_rule_ids: String,
    /// Other identifiers of the contract (CUSIP, ISIN, …) as tag/value pairs.
    pub sec_id_list: Vec<TagValue>,
    /// The real expiration date, `YYYYMMDD`.
    pub real_expiration_date: String,
    /// Time of the last trade on the last trading day.
    pub last_trade_time: String,
    /// Stock type (`COMMON`, `ETF`, `ADR`, `REIT`, …).
    pub stock_type: String,
    /// Minimum order size; [`UNSET_DECIMAL`] when not reported.
    pub min_size: Decimal,
    /// Order size increment; [`UNSET_DECIMAL`] when not reported.
    pub size_increment: Decimal,
    /// Suggested size increment; [`UNSET_DECIMAL`] when not reported.
    pub suggested_size_increment: Decimal,
    /// Bond: CUSIP.
    pub cusip: String,
    /// Bond: credit ratings.
    pub ratings: String,
    /// Bond: additional descriptive text.
    pub desc_append: String,
    /// Bond: bond type.
    pub bond_type: String,
    /// Bond: coupon type.
    pub coupon_type: String,
    /// Bond: callable before maturity.
    pub callable: bool,
    /// Bond: puttable before maturity.
    pub putable: bool,
    /// Bond: coupon rate.
    pub coupon: f64,
    /// Bond: convertible to stock.
    pub convertible: bool,
    /// Bond: maturity date.
    pub maturity: String,
    /// Bond: issue date.
    pub issue_date: String,
    /// Bond: next call/put date.
    pub next_option_date: String,
    /// Bond: next option type.
    pub next_option_type: String,
    /// Bond: whether the next option is partial.
    pub next_option_partial: bool,
    /// Bond: notes.
    pub notes: String,
    /// Fund: name.
    pub fund_name: String,
    /// Fund: family.
    pub fund_family: String,
    /// Fund: type.
    pub fund_type: String,
    /// Fund: front load.
    pub fund_front_load: String,
    /// Fund: back load.
    pub fund_back_load: String,
    /// Fund: back load time interval.
    pub fund_back_load_time_interval: String,
    /// Fund: management fee.
    pub fund_management_fee: String,
    /// Fund: closed.
    pub fund_closed: bool,
    /// Fund: closed to new investors.
    pub fund_closed_for_new_investors: bool,
    /// Fund: closed to new money.
    pub fund_closed_for_new_money: bool,
    /// Fund: notification amount.
    pub fund_notify_amount: String,
    /// Fund: minimum initial purchase.
    pub fund_minimum_initial_purchase: String,
    /// Fund: minimum subsequent purchase.
    pub fund_subsequent_minimum_purchase: String,
    /// Fund: blue-sky states.
    pub fund_blue_sky_states: String,
    /// Fund: blue-sky territories.
    pub fund_blue_sky_territories: String,
    /// Fund: distribution policy.
    pub fund_distribution_policy_indicator: FundDistributionPolicyIndicator,
    /// Fund: asset type.
    pub fund_asset_type: FundAssetType,
    /// Reasons the account may not trade this contract.
    pub ineligibility_reason_list: Vec<IneligibilityReason>,
    /// The smallest size an algo order takes (10.51.1; protobuf answers).
    pub min_algo_size: Decimal,
    /// The precision of last prices (10.51.1; protobuf answers).
    pub last_price_precision: Decimal,
    /// The precision of last sizes (10.51.1; protobuf answers).
    pub last_size_precision: Decimal,
    /// Event contracts: the first contract (10.51.1; protobuf answers).
    pub event_contract1: String,
    /// Event contracts: the first description.
    pub event_contract_description1: String,
    /// Event contracts: the second description.
    pub event_contract_description2: String,
    /// How the contract settles (10.51.1; protobuf answers).
    pub settlement_method: String,
}

impl Default for ContractDetails {
    fn default() -> Self {
        Self {
            contract: Contract::default(),
            market_name: String::new(),
            min_tick: 0.0,
            order_types: String::new(),
            valid_exchanges: String::new(),
            price_magnifier: 0,
            under_con_id: 0,
            long_name: String::new(),
            contract_month: String::new(),
            industry: String::new(),
            category: String::new(),
            subcategory: String::new(),
            time_zone_id: String::new(),
            trading_hours: String::new(),
            liquid_hours: String::new(),
            ev_rule: String::new(),
            ev_multiplier: 0,
            agg_group: 0,
            under_symbol: String::new(),
            under_sec_type: String::new(),
            market_rule_ids: String::new(),
            sec_id_list: Vec::new(),
            real_expiration_date: String::new(),
            last_trade_time: String::new(),
            stock_type: String::new(),
            min_size: UNSET_DECIMAL,
            size_increment: UNSET_DECIMAL,
            suggested_size_increment: UNSET_DECIMAL,
            cusip: String::new(),
            ratings: String::new(),
            desc_append: String::new(),
            bond_type: String::new(),
            coupon_type: String::new(),
            callable: false,
            putable: false,
            coupon: 0.0,
            convertible: false,
            maturity: String::new(),
            issue_date: String::new(),
            next_option_date: String::new(),
            next_option_type: String::new(),
            next_option_partial: false,
            notes: String::new(),
            fund_name: String::new(),
            fund_family: String::new(),
            fund_type: String::new(),
            fund_front_load: String::new(),
            fund_back_load: String::new(),
            fund_back_load_time_interval: String::new(),
            fund_management_fee: String::new(),
            fund_closed: false,
            fund_closed_for_new_investors: false,
            fund_closed_for_new_money: false,
            fund_notify_amount: String::new(),
            fund_minimum_initial_purchase: String::new(),
            fund_subsequent_minimum_purchase: String::new(),
            fund_blue_sky_states: String::new(),
            fund_blue_sky_territories: String::new(),
            fund_distribution_policy_indicator: FundDistributionPolicyIndicator::NoneItem,
            fund_asset_type: FundAssetType::NoneItem,
            ineligibility_reason_list: Vec::new(),
            min_algo_size: UNSET_DECIMAL,
            last_price_precision: UNSET_DECIMAL,
            last_size_precision: UNSET_DECIMAL,
            event_contract1: String::new(),
            event_contract_description1: String::new(),
            event_contract_description2: String::new(),
            settlement_method: String::new(),
        }
    }
}

/// A search result of `req_matching_symbols`: a contract and the derivative
/// security types available on it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractDescription {
    /// The matching contract (partially filled).
    pub contract: Contract,
    /// Security types of derivatives on it (`OPT`, `FUT`, `WAR`, …).
    pub derivative_sec_types: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unset;

    #[test]
    fn defaults_match_the_official_ones() {
        let contract = Contract::default();
        assert!(!contract.strike.is_set());
        assert_eq!(contract.delta_neutral_contract, None);
        assert_eq!(ComboLeg::default().exempt_code, -1);
        let details = ContractDetails::default();
        assert!(!details.min_size.is_set());
        assert_eq!(details.fund_asset_type, FundAssetType::NoneItem);
    }

    #[test]
    fn fund_enums_map_wire_codes() {
        assert_eq!(FundAssetType::from_code("000"), FundAssetType::Others);
        assert_eq!(FundAssetType::from_code("004"), FundAssetType::Equity);
        assert_eq!(FundAssetType::from_code("zzz"), FundAssetType::NoneItem);
        for item in FundAssetType::ALL {
            assert_eq!(FundAssetType::from_code(item.code()), item);
        }
        assert_eq!(
            FundDistributionPolicyIndicator::from_code("Y"),
            FundDistributionPolicyIndicator::IncomeFund
        );
        assert_eq!(
            FundDistributionPolicyIndicator::from_code(""),
            FundDistributionPolicyIndicator::NoneItem
        );
    }
}
