//! Orders, executions and commissions: placeOrder, cancelOrder, the open order stream, completed orders, executions and commission reports.
