package feedback

// PersonID identifies a [Person]: an opaque, non-empty string chosen by the caller (a user ID,
// an email address).
type PersonID string
