//! Tick-by-tick data: reqTickByTickData, cancelTickByTickData and the ticks they produce.
