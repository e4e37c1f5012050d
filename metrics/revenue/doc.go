// Package revenue measures subscription revenue exactly: each customer's MRR, its movements
// per period, churn, NRR and GRR, LTV and CAC payback.
//
// Map, in the order a program meets it:
//
//   - Build a [Ledger] of each customer's MRR in one [Currency]: [NewLedger] from
//     [SubscriptionEvent] values (a customer's MRR is the sum of its subscriptions'), or
//     [NewLedgerFromSnapshots] from periodic [Snapshot] rows. [NormalizeMRR] turns a
//     billing amount into monthly revenue. Mixing currencies is [ErrCurrencyMismatch].
//   - Read it: [Ledger.Bridge] gives a [Bridge] of ChartMogul's movements (new, expansion,
//     contraction, churn, reactivation) per calendar [Period] ([BridgeOptions]), with
//     start + movements = end checked, customer churn (ChartMogul's "Standard (B2B)" and
//     daily-summed "Shopify (B2C)"), gross and net MRR churn, NRR and per-customer-capped
//     GRR, quick ratios with and without reactivation, ARPA and ARR. [Ledger.Retention]
//     measures a start cohort's [Retention] over any window; [Ledger.MRRAt] and
//     [Ledger.CustomerMRRAt] read single values.
//   - Unit economics: [LTV] and [CACPayback].
//
// Amounts are decimals. Ratios are [metrics.DecimalRatio] values rounded to [RatioScale],
// amounts per customer to [MoneyScale] and months to [MonthsScale]; a ratio over a zero
// denominator is undefined, never 0 or 1. A Ledger is immutable and safe for concurrent use.
package revenue
