"""Examples for each command's `--help`, in one table: every command is listed, and a test
parses every example with the real parser."""

from __future__ import annotations

import argparse

from advisor.i18n import _

# Per command (as typed after `advisor`), the lines its --help ends with.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "assess": (
        "advisor assess examples/northwind-hire-now.yaml",
        "advisor assess examples/northwind-hire-now.yaml --format json --as-of 2026-01-31",
        "advisor assess acme.yaml --save --client 'Acme GmbH' --scenario today",
    ),
    "history": (
        "advisor history --client 'Acme GmbH'",
        "advisor history 42",
    ),
    "assess-batch": (
        "advisor assess-batch profiles.csv --out results.csv",
        "advisor assess-batch profiles.csv --workers 2 --out results.csv",
    ),
    "clients list": (
        "advisor clients list",
        "advisor clients list --search acme --archived --format json",
        "advisor clients list --hire-within 90 --sector SaaS --country ES",
        "advisor clients list --stale-months 6 --format xlsx --out clients.xlsx",
    ),
    "clients headline": ("advisor clients headline 'Acme GmbH' --scenario today",),
    "clients add": ("advisor clients add 'Acme GmbH'",),
    "clients rename": ("advisor clients rename 'Acme GmbH' 'Acme Group'",),
    "clients archive": (
        "advisor clients archive 'Acme GmbH'",
        "advisor clients archive 'Acme GmbH' --undo",
    ),
    "clients delete": ("advisor clients delete 'Acme GmbH' --yes",),
    "clients audit": ("advisor clients audit 'Acme GmbH' --format json",),
    "clients reassign": (
        "advisor clients reassign --from legacy:alice --to 'oidc:https://id.example.com#alice'",
    ),
    "rules check": ("advisor rules check rules/", "advisor rules check rules/ --fields"),
    "rules show": ("advisor rules show --rules my-pack/",),
    "rules figures": ("advisor rules figures --rules my-pack/",),
    "rules calibrate": ("advisor rules calibrate --set scoring.hire_now_at=60 --out my-pack/",),
    "calibration show": ("advisor calibration show --client 'Acme GmbH'",),
    "calibration save": (
        "advisor calibration save --firm --rules my-pack/",
        "advisor calibration save --client 'Acme GmbH' --rules acme-pack/",
    ),
    "calibration remove": ("advisor calibration remove --client 'Acme GmbH'",),
    "calibration export": ("advisor calibration export --firm --out firm-pack/",),
    "diagnose": (
        "advisor diagnose examples/crm/accounts.csv --as-of 2025-06-30",
        "advisor diagnose deals.csv --preset hubspot-deals --status 'Contrato enviado=open'",
        "advisor diagnose recurring.csv --preset holded-recurring-invoices-en --as-of 2025-06-30",
        "advisor diagnose export.xlsx --sheet Accounts --map 'Client=account' --format md",
    ),
    "brief": (
        "advisor brief examples/northwind-hire-now.yaml --format pdf --out northwind.pdf",
        "advisor brief acme.yaml --role-edits edits.yaml --out acme.docx",
        "advisor brief --client 'Acme GmbH' --scenario 'team view' --out acme.pdf",
    ),
    "kit": (
        "advisor kit examples/northwind-hire-now.yaml --out kit/",
        "advisor kit acme.yaml --only memo --format pdf --date 2026-12-07 --out kit/",
        "advisor kit acme.yaml --only job --disclose nrr,logo_retention --out kit/",
        "advisor kit --client 'Acme GmbH' --scenario today --format docx --out kit/",
    ),
    "sweep": ("advisor sweep examples/brightpath-prepare.yaml gross_margin --from 20% --to 80%",),
    "workshop compare": (
        "advisor workshop compare --base examples/northwind-hire-now.yaml examples/workshop/*.yaml",
    ),
    "workshop readout": (
        "advisor workshop readout --base company.yaml answers/*.yaml --out readout.pptx",
    ),
    "workshop results": ("advisor workshop results --client 'Acme GmbH' --scenario today",),
    "workshop create": (
        "advisor workshop create --client 'Acme GmbH' --scenario today --questionnaire-lang es",
        "advisor workshop create --client 'Acme GmbH' --scenario today --days 30",
    ),
    "workshop sheet": (
        "advisor workshop sheet links.txt --title 'Northwind workshop' --out links.pdf",
    ),
    "compare": (
        "advisor compare today.yaml q3-plan.yaml --xlsx compare.xlsx",
        "advisor compare --client 'Acme GmbH' --scenario today --scenario 'Q3 plan'",
    ),
    "app": (
        "advisor app",
        "advisor app --server.port 8502 --server.address 0.0.0.0",
    ),
    "db upgrade": ("advisor db upgrade --db postgresql+psycopg://advisor@db/advisor",),
    "db check": ("advisor db check --db sqlite:///srv/advisor/advisor.db",),
    "db backup": ("advisor db backup --out advisor-2026-12-06.db",),
    "workspace export": ("advisor workspace export --out workspace.json",),
    "workspace branding": (
        "advisor workspace branding",
        "advisor workspace branding --name 'Consultora Norte' --logo logo.png",
    ),
    "workspace admins": (
        "advisor workspace admins",
        "advisor workspace admins --add maria@consultora.es",
    ),
    "workspace import": (
        "advisor workspace import workspace.json --db postgresql+psycopg://advisor@db/advisor",
    ),
}


def leaf_parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> dict[str, argparse.ArgumentParser]:
    """Every command that runs (not a group of commands), by its words after `advisor`."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return {" ".join(path): parser}
    found: dict[str, argparse.ArgumentParser] = {}
    for name, child in groups[0].choices.items():
        found.update(leaf_parsers(child, (*path, name)))
    return found


def add_examples(parser: argparse.ArgumentParser) -> None:
    """End each command's --help with its examples, after whatever it already says there."""
    for command, leaf in leaf_parsers(parser).items():
        lines = EXAMPLES.get(command)
        if not lines:
            continue
        heading = _("examples:")
        block = heading + "\n" + "\n".join(f"  {line}" for line in lines)
        if leaf.epilog and heading not in leaf.epilog:
            leaf.epilog = f"{block}\n\n{leaf.epilog}"
        elif not leaf.epilog:
            leaf.epilog = block
        leaf.formatter_class = argparse.RawDescriptionHelpFormatter
