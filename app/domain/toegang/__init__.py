"""The toegang area: ondersteuningsvragen, their process and statutory deadlines."""
