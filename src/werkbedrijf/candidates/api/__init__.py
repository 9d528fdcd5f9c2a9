"""The candidate API: referrals, caseload, the journey, realisation and returns."""
