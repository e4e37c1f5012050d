package feedback

// AccountID identifies an [Account]: an opaque, non-empty string chosen by the caller (a CRM
// ID, a domain name).
type AccountID string
