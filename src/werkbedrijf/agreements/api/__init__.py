"""The DVO API: agreements and their cycle, keuzekaarten, budgets, local choices and the check."""
