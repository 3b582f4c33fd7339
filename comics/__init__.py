"""The finished comic: page layout, lettering and export (PDF, CBZ, PNG), as plain functions over bytes and models."""
