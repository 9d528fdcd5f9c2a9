"""The shape of the candidate API, a module per section: English camelCase names, UUIDs only, the
BSN masked except in the detail of a candidate. Input serializers check types; the rules live in
the services."""
