"""Organisation: gemeenten, teams, gebruikers with their roles, sessions and API tokens."""
