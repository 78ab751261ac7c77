"""One module per chapter notebook (and the glossary and bibliography pages): what that page computes
and draws. Chapters import the core (``karabakh.*``), never each other and never the build."""
