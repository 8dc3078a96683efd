//! Day and item references: `w3.d2`, `#5`, `today`, `next`, `d5:3`.
