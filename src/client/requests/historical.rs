//! Historical data, histogram, head timestamp, historical ticks and real-time bar requests.
