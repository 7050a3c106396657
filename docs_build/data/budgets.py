"""Budget sums with and without figures flagged as probable duplicates, and how they compare with a plan's tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .models import Amount, BudgetTable, Plan
from .records import Records


def sums(amounts: Iterable[Amount], include_duplicates: bool = True) -> dict[str, Decimal]:
    """Sum per currency (never across currencies), with or without the probable duplicates."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for amount in amounts:
        if include_duplicates or not amount.probable_duplicate:
            out[amount.currency] += amount.value
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class Comparison:
    """One row and year of a plan's budget table beside the activity and task figures charged to the same body."""

    label: str
    institution: str | None
    year: int
    currency: str
    printed: Decimal | None  # the table's figure, None for the row of figures not charged to one body of the table
    with_duplicates: Decimal
    without_duplicates: Decimal

    @property
    def difference(self) -> str | None:
        """The figures without probable duplicates minus the table's figure, signed ('+100', '-656,900', '0')."""
        if self.printed is None:
            return None
        value = self.without_duplicates - self.printed
        return f"{value:+,}" if value else "0"


def comparable_tables(plan: Plan, records: Records) -> list[BudgetTable]:
    """Budget tables with rows per body whose years all carry activity or task figures."""
    years = {a.year for r in records.activities[plan.id] for a in r.amounts if a.institution}
    return [t for t in plan.budget_tables
            if any(row.institution for row in t.rows) and years
            and {a.year for row in t.rows for a in row.amounts} <= years]


def compare_table(plan: Plan, records: Records, table: BudgetTable) -> list[Comparison]:
    """Each figure of a budget table beside the sum of activity and task figures charged to its body that year."""
    amounts = [a for r in records.activities[plan.id] for a in r.amounts]
    rows = []
    keys = sorted({(a.year, a.currency) for row in table.rows for a in row.amounts})
    bodies = {row.institution for row in table.rows if row.institution}
    for row in table.rows:
        for amount in row.amounts:
            mine = [a for a in amounts if a.institution == row.institution and (a.year, a.currency) ==
                    (amount.year, amount.currency)]
            rows.append(Comparison(row.label, row.institution, amount.year, amount.currency, amount.value,
                                   sum((a.value for a in mine), Decimal(0)),
                                   sum((a.value for a in mine if not a.probable_duplicate), Decimal(0))))
    for year, currency in keys:
        rest = [a for a in amounts if a.institution not in bodies and (a.year, a.currency) == (year, currency)]
        if rest:
            rows.append(Comparison("Figures not charged to one body of the table", None, year, currency, None,
                                   sum((a.value for a in rest), Decimal(0)),
                                   sum((a.value for a in rest if not a.probable_duplicate), Decimal(0))))
    return rows
