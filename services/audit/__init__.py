"""audit: every model call priced and written to the PostgreSQL ledger exactly once; usage."""
