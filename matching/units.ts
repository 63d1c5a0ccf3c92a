// The engine's amounts are units (exact BigInt counts of 1/10,000), read and written by the one
// amount module; dates are day numbers, from the one date module.
export { AmountError, SCALE, absUnits, fromUnits, isCanonicalAmount, toUnits } from '../formats/amount';
export { dayNumber } from '../formats/date';
