"""Signal receivers of the initiatives app (workflow e-mails to porteurs)."""
