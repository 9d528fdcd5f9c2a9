"""The candidate API: referrals, caseload, the journey, employers, realisation and returns."""
