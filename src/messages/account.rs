//! Account values, portfolio, positions (also multi), PnL, family codes, soft-dollar tiers and financial-advisor configuration.
