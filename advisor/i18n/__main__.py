"""`python -m advisor.i18n update|compile|check`: keep the message catalogues."""

from advisor.i18n.catalogue import main

if __name__ == "__main__":  # imported (a check that loads every module), it does nothing
    raise SystemExit(main())
