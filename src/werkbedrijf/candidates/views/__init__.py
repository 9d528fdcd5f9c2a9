"""The candidate screens, a module per section: caseload and search, referral (one person or a
file), journey (the candidate's page and its steps), income (the Inkomen screen), employers and
realisation (of local choices); common holds what they share.

Views stay thin: selectors read (scoped and written to the processing log), services change
(checked and logged), access.policy decides. A record outside the user's scope answers 404, a
record the user may see but not change answers 403. A full BSN never travels in a URL: it is
searched by POST and answered with a redirect to the candidate's uuid.
"""
