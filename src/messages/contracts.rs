//! Contracts and reference data: contract details (bonds too), matching symbols, option chain parameters, market rules, SMART components, depth exchanges.
