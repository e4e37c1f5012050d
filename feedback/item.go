package feedback

// ItemID identifies a feedback [Item]: an opaque, non-empty string chosen by the caller.
type ItemID string
