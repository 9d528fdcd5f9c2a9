"""Accountability (DVO art. 13-14): indicators with norms, dashboards and the interim and annual reports."""
