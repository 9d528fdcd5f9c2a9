"""Employers: who candidates are placed with, their registration and search."""
