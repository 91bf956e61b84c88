//! Account, portfolio, position, PnL and financial-advisor requests.
