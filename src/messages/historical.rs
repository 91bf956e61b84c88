//! Historical bars (and their keep-up-to-date updates and schedules), head timestamps, histograms, historical ticks and real-time bars.
