"""The één-plan area: the household plan, its doelen and acties, regie-afspraken, evaluaties and
op-/afschaling (schaalbesluiten)."""
