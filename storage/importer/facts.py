"""Fact extraction: a parsed Document in, the targets, duties, deadlines, budgets and helpers it states out."""

from __future__ import annotations

from storage.importer.budgets import extract_budgets
from storage.importer.deadlines import extract_deadlines
from storage.importer.duties import extract_duties
from storage.importer.funding import extract_funding
from storage.importer.indicator_tables import indicator_targets
from storage.importer.model import Document, DutyFact, Facts
from storage.importer.references import extract_references
from storage.importer.scope import place_of, plan_year
from storage.importer.statements import repaired
from storage.importer.tables import extract_tables
from storage.importer.targets import extract_targets
from storage.importer.task_fields import field_tasks
from storage.importer.task_tables import task_facts


def distinct(duties: list[DutyFact]) -> list[DutyFact]:
    """The duties without repeats of the same body, role and text in the same section."""
    seen: set[tuple[int | None, str, str | None, str]] = set()
    kept = []
    for duty in duties:
        key = (duty.section, duty.assignee, duty.role, duty.text)
        if key not in seen:
            seen.add(key)
            kept.append(duty)
    return kept


def extract_facts(document: Document) -> Facts:
    """Everything the document states that the bot can answer from, with warnings for the import report."""
    facts = Facts()
    year = plan_year(document)
    # A target that names no year is due when the plan's period ends ("giai đoạn 2026-2030": 2030).
    target_year = document.header.period_end or year
    places = [place_of(document, section) for section in document.sections]
    facts.targets = extract_targets(document, places, target_year, facts.warnings)
    quotas, facts.helpers = extract_tables(document, target_year, facts.warnings)
    facts.targets.extend(quotas)
    facts.targets.extend(indicator_targets(document, target_year))
    whole = repaired(document)
    whole_places = [place_of(whole, section) for section in whole.sections]
    field_duties, field_deadlines, field_sections = field_tasks(whole, year)
    duties = extract_duties(whole, whole_places)
    facts.duties = distinct([duty for duty in duties if duty.section not in field_sections] + field_duties)
    facts.deadlines = extract_deadlines(whole, whole_places, facts.duties, year, facts.warnings) + field_deadlines
    table_duties, table_deadlines = task_facts(document, year)
    facts.duties.extend(table_duties)
    facts.deadlines.extend(table_deadlines)
    facts.budgets = extract_budgets(document, places, facts.warnings)
    facts.funding = extract_funding(document, places)
    facts.references = extract_references(document)
    return facts
