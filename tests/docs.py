"""Documents written as a user fills in the seed templates, for build tests."""

from __future__ import annotations


def spec(
    id: str,
    title: str = "Checkout",
    status: str = "Draft",
    owner: str = "alice",
    criteria: str = "- [x] Pays by card\n- [ ] Pays by wallet",
    extra: str = "",
) -> str:
    """A complete feature specification; ``criteria`` are its acceptance criteria."""
    return f"""\
# Feature Specification: {title}

## Overview

**Feature ID**: {id}
**Status**: {status}
**Owner**: {owner}
**Created**: 2025-01-10
**Last Updated**: 2025-02-01

## Problem Statement

Shoppers abandon carts when paying takes too long.

## User Stories

### Epic 1: Fast payment

- **As a** shopper
- **I want to** pay in one step
- **So that** I finish quickly

**Acceptance Criteria:**

{criteria}

## Technical Specification

A payment service behind the checkout API.

## Implementation Status

### ✅ Completed

- Design review

### ⏳ In Progress

- Card form

### 📝 Planned

- Wallets

## Testing Strategy

Unit and integration tests.
{extra}"""


def design(key: str, status: str = "Draft", owners: str = "[bob]") -> str:
    """A complete feature design with its metadata in front matter."""
    return f"""\
---
status: {status}
owners: {owners}
created: 2025-03-01
---
# {key} - Feature Design

## Overview

How the feature is built.

## Technical Design

Services and their data.

## Implementation Strategy

Two steps.

## Test Strategy

Contract tests.

## User Experience

One page.
"""
