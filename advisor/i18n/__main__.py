"""`python -m advisor.i18n update|compile|check`: keep the message catalogues."""

from advisor.i18n.catalogue import main

raise SystemExit(main())
