"""Residents: Persoon, Huishouden, Lidmaatschap, Netwerklid, Toestemming and who is involved."""
