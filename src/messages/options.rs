//! Option computations: calculateImpliedVolatility, calculateOptionPrice, their cancels, and tickOptionComputation.
