"""The employer screens, one module per section: the register and the picker, one employer's page
with what is recorded about it, events, and employer reach."""

from .register import employer_picker, employer_search, employers

__all__ = ["employer_picker", "employer_search", "employers"]
