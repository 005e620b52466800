"""Provider messages: iWmo/iJw 3.2 toewijzing (301), start (305), stop (307), verzoek om toewijzing (315)
and their retourberichten, over a configurable transport (a directory by default)."""
