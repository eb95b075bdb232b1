"""Who may do what: the roles table, passwords, lockout rules, the cookie key and the accounts command."""
